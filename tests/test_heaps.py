"""Heaps (apps/heaps): each compartment allocates from its own heap, sized by the configuration and
keyed to it; data that must cross comes from the shared heap; every configuration computes the same.
The adversarial side (writing another compartment's heap) is the 'heap' attack in test_attacks.py."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_lines

pytestmark = pytest.mark.qemu


CONFIGS = ["mpk2", "mpk2-private", "vm2-exit"]


def _run(name: str) -> list[str]:
    return run_lines(f"heaps/{name}", "heaps")


@pytest.fixture(scope="module")
def reference() -> list[str]:
    out = _run("none")
    assert "heaps: own heap blocks intact" in out
    assert "heaps: shared buffer 'abcdefghijklmnopqrstuvwxyz' (ak)" in out
    assert "heaps: allocating the whole heap again: null, as it must" in out
    return out


@pytest.mark.parametrize("name", CONFIGS)
def test_same_results(reference: list[str], name: str) -> None:
    out = _run(name)
    assert [l for l in out if l.startswith("heaps:")] == [l for l in reference if l.startswith("heaps:")]
    # Separate heaps, of the configured sizes: lib's blocks are not counted in the app's heap.
    usage = "\n".join(l for l in out if l.startswith("heaps-usage:"))
    assert re.search(r"lib heap 64 KiB, 20 blocks live", usage), usage
    assert re.search(r"app heap 128 KiB, 9 blocks live", usage), usage


def test_heap_regions_follow_the_configuration() -> None:
    _run("mpk2")
    ld = (ROOT / "build" / "images" / "heaps-mpk2" / "image.ld").read_text()
    assert "__bh_c0_heap_start = .; /* its own heap (bh_malloc): 128 KiB */" in ld
    assert "__bh_c1_heap_start = .; /* its own heap (bh_malloc): 64 KiB */" in ld
    assert "__bh_shared_heap_start = .; /* the shared heap (bh_shared_malloc): 32 KiB */" in ld
