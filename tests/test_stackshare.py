"""Data shadow stacks: stack data passed by pointer to another compartment works with private stacks,
because the pass moves exactly those locals to the DSS (and says so in the manifest)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.qemu


CONFIGS = ["none", "mpk2", "mpk2-private", "mpk2-private-heap"]


def _run(name: str):
    return bulkhead("run", str(ROOT / "configs" / "stackshare" / f"{name}.toml"), "--timeout", "60")


def test_same_output_in_every_configuration() -> None:
    outs = {}
    for name in CONFIGS:
        res = _run(name)
        assert res.returncode == 0, res.stdout + res.stderr
        outs[name] = [l for l in res.stdout.splitlines() if l.startswith("stackshare:")]
    assert outs["none"] == [
        "stackshare: buf abcdefghijklmnopqrstuvwxyzabcdefghijklm",
        "stackshare: point 113 -76",
        "stackshare: sum 1240",
        "stackshare: swapped 2 1, private 21",
    ]
    assert outs["mpk2"] == outs["none"] and outs["mpk2-private"] == outs["none"]
    assert outs["mpk2-private-heap"] == outs["none"]


def test_manifest_lists_the_moved_locals() -> None:
    assert _run("mpk2-private").returncode == 0
    m = json.loads((ROOT / "build" / "images" / "stackshare-mpk2-private" / "manifest.json").read_text())
    moved = {(s["function"], s["local"]): s for s in m["shadow_locals"]}
    assert moved[("main", "buf")]["reason"] == "passed to 'lib_fill' in compartment 1"
    assert moved[("main", "buf")]["bytes"] == 40
    assert "relay_move" in moved[("main", "p")]["reason"]          # through an exported parameter
    assert ("main", "v") in moved
    assert not any(s["function"] == "private_work" for s in m["shadow_locals"])   # stays home
    assert m["stats"]["shadow_locals"] == len(m["shadow_locals"])


def test_shared_stack_needs_no_shadow() -> None:
    """Under the light gate only the kernel's compartment (on a private stack of its own in every mode,
    docs/design.md 7c) moves locals to its data shadow stack; the compartments on the shared stack none."""
    assert _run("mpk2").returncode == 0
    m = json.loads((ROOT / "build" / "images" / "stackshare-mpk2" / "manifest.json").read_text())
    kernel = next(c["index"] for c in m["compartments"] if "kernel" in c["components"])
    assert [s for s in m["shadow_locals"] if s["compartment"] != kernel] == []


def test_shared_heap_strategy_moves_the_same_locals() -> None:
    """Policy stack_data = "shared-heap": the same locals move, to shared-heap blocks instead of the DSS."""
    assert _run("mpk2-private-heap").returncode == 0 and _run("mpk2-private").returncode == 0
    heap = json.loads((ROOT / "build" / "images" / "stackshare-mpk2-private-heap" / "manifest.json").read_text())
    dss = json.loads((ROOT / "build" / "images" / "stackshare-mpk2-private" / "manifest.json").read_text())
    assert {(s["function"], s["local"]) for s in heap["shadow_locals"]} == \
        {(s["function"], s["local"]) for s in dss["shadow_locals"]}
    assert {s["strategy"] for s in heap["shadow_locals"]} == {"shared-heap"}
    assert {s["strategy"] for s in dss["shadow_locals"]} == {"dss"}
