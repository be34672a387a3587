"""benchmarks/thread-switch (apps/switchbench): the benchmark runs in its configurations and what it
reports has the shape the design says (docs/design.md 5d): under -icount shift=0 a yield round trip is
an exact instruction count; parking a thread's data shadow stacks ([threads] dss = "owner", the
default with private stacks, parks the bench's compartment, which only lends its locals; "running"
parks every compartment) adds to every switch, dss = "all" adds nothing to the light gate's switch,
and parking re-keys every page of the stack slots, so it costs less with smaller stacks.  Counts, not
timings: the run is deterministic."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
_spec = importlib.util.spec_from_file_location("thread_switch_run", ROOT / "benchmarks" / "thread-switch" / "run.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    names = ["none", "mpk2", "mpk2-private-all", "mpk2-private", "mpk2-private-16k", "mpk2-private-running"]
    return {n: bench.measure(ROOT / "configs" / "switchbench" / f"{n}.toml") for n in names}


@pytest.mark.qemu
def test_switch_costs_follow_the_policy(rows) -> None:
    rt = {n: float(r["round_trip_instr"]) for n, r in rows.items()}
    assert all(v > 0 for v in rt.values()), rt
    assert rows["mpk2-private"]["dss"] == "owner" and rows["mpk2-private-all"]["dss"] == "all", rows
    assert rt["mpk2-private-all"] == rt["mpk2"], rt        # nothing parked: the same switch
    assert rt["mpk2-private"] > rt["mpk2-private-16k"] > rt["mpk2-private-all"], rt
    assert rt["mpk2-private-running"] > rt["mpk2-private"], rt   # both compartments parked, not one
