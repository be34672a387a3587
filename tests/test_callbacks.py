"""Function pointers across compartments, with no annotation (bulkhead-icall): a sort routine calls
comparators of another compartment passed as arguments, returned by address and of its own caller,
and a fold takes its function from a table.  Every configuration prints what the unisolated build
prints; the callbacks run in their own compartment (each counts its calls in its own memory, which
under mpk or vm no other compartment can write)."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_lines

pytestmark = pytest.mark.qemu


CONFIGS = ["none", "mpk3", "mpk3-private", "vm3-exit"]


def _run(name: str) -> list[str]:
    return run_lines(f"callbacks/{name}", "callbacks:")


@pytest.fixture(scope="module")
def reference() -> list[str]:
    out = _run("none")
    assert out[-2:] == ["callbacks: folds 369 24366, direct -1", "callbacks: calls sorter 63 rank 48 app 16"]
    assert out[0].split()[3] == "dave:5:62" and out[1].split()[3] == "alice:97:25"
    return out


@pytest.mark.parametrize("name", CONFIGS[1:])
def test_same_output(reference: list[str], name: str) -> None:
    assert _run(name) == reference


def test_manifest_lists_every_indirect_call_and_its_entries() -> None:
    _run("mpk3-private")
    m = json.loads((ROOT / "build" / "images" / "callbacks-mpk3-private" / "manifest.json").read_text())
    sites = {s["caller"]: s for s in m["indirect_calls"]}
    assert set(sites["sort_records"]["entries"]) == {"by_name", "by_score", "by_age_desc"}
    assert set(sites["fold_scores"]["entries"]) == {"sum", "weighted"}
    assert set(sites["main"]["entries"]) == {"by_score", "by_age_desc"}   # not its own by_name
    assert m["stats"]["indirect_calls"] == 3 and m["refusals"] == []
    gated = {(g["caller"], g["callee"]) for g in m["gates"] if isinstance(g, dict)}
    assert ("sort_records", "by_name") in gated and ("fold_scores", "weighted") in gated
