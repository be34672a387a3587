"""The over-sharing bound of the differential harness (tests/differential/overshare.py, difftest's outcome
"overshare", difftest.audit_case).

* The static check, on a program of known sharing: a global another compartment names, one whose address
  is handed to another compartment, one in another global's initializer may need sharing; a global read
  and written only at home, and one only incremented atomically at home, never do.
* A real build under shared_globals = "escape" shares only what the check allows and runs with outcome
  ok; the same build with the harness's view of the manifest sharing one global whose address is never
  taken is the failing outcome "overshare", naming the global.
* The audit comparison: built with audit = "on" under "share", the run touches across compartments
  exactly the global whose address the program hands over, which the "escape" build shares.
* A few generated programs (bhgen and Csmith) pass the check in every mode (slow)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, toolchain

sys.path.insert(0, str(ROOT / "tests" / "differential"))
import campaign  # noqa: E402
import difftest  # noqa: E402
import overshare  # noqa: E402

PROGRAM = """\
#include <stdio.h>
unsigned long home = 3;            /* read and written by its own compartment only */
unsigned long handed = 5;          /* its address goes to bump, in another compartment */
unsigned long named = 7;           /* peek, in another compartment, names it */
unsigned long counter;             /* incremented atomically, at home */
unsigned long pointed = 11;        /* its address is in table's initializer */
unsigned long *table[1] = { &pointed };
void bump(unsigned long *p) { *p += 1; }
unsigned long peek(void) { named += 2; return named; }
unsigned long owner(void)
{
	__atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
	home = home * 3 + 1;
	bump(&handed);
	*table[0] += 4;
	return home + handed + peek() + counter + pointed;
}
int main(void) { printf("checksum = %016lX\\n", owner()); return 0; }
"""
# the split: bump and peek in p1, everything else in p0
PINS = {"bump": "p1", "peek": "p1", "home": "p0", "handed": "p0", "named": "p0", "counter": "p0",
        "pointed": "p0", "table": "p0", "owner": "p0", "main": "p0", ".str": "p0"}
GROUPS = [["kernel"], ["p0"], ["p1"]]


def _tagged(tmp_path: Path) -> Path:
    src = tmp_path / "program.c"
    src.write_text(PROGRAM)
    bc = difftest.compile_guest(src, tmp_path / "program.bc", "raw", 2)
    mapping = {n: PINS.get(n, "p0") for n in difftest.definitions(bc)}
    mapping.update({f"bh_diffprobe_{own}p{i}": f"p{i}" for i in range(2) for own in ("", "own_")})
    return difftest.tag(bc, mapping, tmp_path / "program.tagged.bc")


@pytest.mark.fast
def test_static_check_knows_what_may_need_sharing(tmp_path: Path):
    mod = overshare.load(_tagged(tmp_path))
    need = overshare.may_need_sharing(mod, {c: i for i, g in enumerate(GROUPS) for c in g}, {"bh_printf"})
    assert {"handed", "named", "pointed"} <= set(need.reasons), need.reasons
    assert "passed to a call of 'bump'" in need.reasons["handed"]
    assert "used by 'peek' of compartment 2" in need.reasons["named"]
    assert "initializer of 'table'" in need.reasons["pointed"]
    assert not {"home", "counter", "table"} & set(need.reasons), need.reasons
    # the same program in one compartment: nothing is named across, addresses are still taken
    one = overshare.may_need_sharing(mod, {"p0": 0, "p1": 0, "kernel": 0}, {"bh_printf"})
    assert "named" not in one.reasons and "handed" in one.reasons


@pytest.mark.fast
def test_operand_positions():
    """The parts of an instruction the check tells apart: the address operand of a load, store or atomic
    is an access; the value stored, an argument, a return, a conversion take the address."""
    text = """\
@g = global i64 0, !bulkhead.component !1
@h = global i64 0, !bulkhead.component !1
@s = global ptr null, !bulkhead.component !1
@a = global [2 x i64] zeroinitializer, !bulkhead.component !1
@r = global i64 0, !bulkhead.component !1
@i = global i64 0, !bulkhead.component !1
@m = global [4 x i8] zeroinitializer, !bulkhead.component !1
define i64 @f(i1 %c) !bulkhead.component !1 {
  %x = load i64, ptr @g, align 8
  store i64 %x, ptr getelementptr inbounds ([2 x i64], ptr @a, i64 0, i64 1), align 8
  %old = atomicrmw add ptr @g, i64 1 seq_cst
  %p = select i1 %c, ptr @h, ptr @g
  store ptr %p, ptr @s, align 8
  %q = getelementptr inbounds i8, ptr @i, i64 4
  %n = ptrtoint ptr %q to i64
  call void @llvm.memset.p0.i64(ptr @m, i8 0, i64 4, i1 false)
  %e = icmp eq ptr @r, @a
  ret i64 %n
}
define ptr @back() !bulkhead.component !1 {
  ret ptr @r
}
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
!1 = !{!"p0"}
"""
    need = overshare.may_need_sharing(overshare.parse(text), {"p0": 0}, set())
    assert set(need.reasons) == {"h", "g", "i", "r"}, need.reasons
    assert need.reasons["h"].startswith("stored to memory") and need.reasons["r"].startswith("returned")
    assert need.reasons["i"].startswith("converted to an integer")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[difftest.ProgramReport, Path]:
    wd = tmp_path_factory.mktemp("overshare")
    (wd / "program.c").write_text(PROGRAM)
    difftest.WORK.mkdir(parents=True, exist_ok=True)
    difftest.prepare_system()
    rep = difftest.ProgramReport(0, 0, 2, "raw", overrides=PINS)
    difftest.run_case(rep, wd / "program.c", wd, [], save=False)
    assert rep.results and rep.results[0].outcome == "ok", rep.results and rep.results[0].detail
    return rep, wd


@pytest.mark.qemu
@pytest.mark.parametrize("mutant", [False, True], ids=["intact", "manifest-shares-home"])
def test_overshare_outcome(built, monkeypatch, mutant: bool):
    rep, wd = built
    if mutant:
        real = difftest.judge_sharing

        def one_more(v, tagged, manifest, r):
            extra = {"name": "home", "component": "p0", "compartment": 1, "reason": "mutant"}
            return real(v, tagged, {**manifest, "escaping_globals": [*manifest["escaping_globals"], extra]}, r)
        monkeypatch.setattr(difftest, "judge_sharing", one_more)
    v = difftest.Variant("mpk-shared", "mpk", GROUPS, {"stack": "shared"})
    r = difftest.build_and_run(v, wd / "program.tagged.bc", wd, rep.results[0].checksum)
    if mutant:
        assert r.outcome == "overshare", (r.outcome, r.detail)
        assert "'home' (component p0, compartment 1): shared, but no function of another compartment names it" \
            in r.detail, r.detail
        assert "overshare" in difftest.FAILING
    else:
        assert r.outcome == "ok", (r.outcome, r.detail)
        # handed (its address crosses), named (named across), pointed (in an initializer): not home, counter
        assert sorted(r.shared_names) == ["handed", "named", "pointed"], r.shared_names
        # (table, never written, may be folded away by LTO after the partition: not counted then)
        assert r.program_globals in (5, 6) and r.may_share == 3, (r.program_globals, r.may_share)


@pytest.mark.qemu
def test_audit_touches_what_escape_shares(built):
    rep, wd = built
    row = difftest.audit_case(rep, wd)
    assert row["outcomes"] == ["ok", "ok"], row
    # bump writes handed through its pointer: a key violation the audit lets through and records
    assert row["touched_names"] == ["handed"] and row["missed"] == [], row
    assert row["named"] == 1 and row["escaping"] == 2 and row["globals"] in (5, 6), row


@pytest.mark.slow
# (every differential run checks the bound: tests/test_differential.py's sample and test_bhgen.py's too;
# these two are the raw-mode programs with the most sharing by escape in the README's table)
@pytest.mark.parametrize("generator,seed", [("bhgen", 9), ("csmith", 1)])
def test_generated_programs_share_within_the_bound(generator: str, seed: int):
    difftest.prepare_system()
    rep = difftest.run_program(seed, len(difftest.backend_modes()), save=False, generator=generator)
    assert not rep.skipped, rep.skipped
    bad = [f"{r.variant}: {r.outcome}: {r.detail[:600]}" for r in rep.results if r.outcome != "ok"]
    assert not bad, "\n".join(bad)
    assert all(r.shared_program <= r.may_share for r in rep.results), [(r.variant, r.shared_program, r.may_share)
                                                                       for r in rep.results]


@pytest.mark.fast
def test_campaign_reports_the_distributions():
    """The summary's shared fraction and crossings per mode (configurations that linked, not the
    unisolated build), and the audit table's totals."""
    t = campaign.Tally()
    def res(variant, outcome, shared, n, crossings):
        return {"variant": variant, "outcome": outcome, "detail": "", "refusals": [], "gated": True,
                "shared_program": shared, "program_globals": n, "crossings": crossings}
    t.add({"seed": 1, "results": [res("unisolated", "ok", 1, 10, 0), res("mpk-shared-2c-0", "ok", 2, 10, 1),
                                  res("mpk-shared-3c-1", "ok", 6, 10, 9), res("vm-exit-2c-2", "ok", 4, 8, 5),
                                  res("mpk-private-2c-3", "link-error", 0, 0, 0)]})
    j = t.to_json(1.0)
    assert j["shared_fraction"]["mpk-shared"] == {"n": 2, "min": 0.2, "median": 0.4, "max": 0.6}
    assert j["shared_fraction"]["all"]["n"] == 3 and "unisolated" not in j["shared_fraction"]
    assert j["crossings"]["mpk-shared"]["at_most_2"] == 1 and j["crossings"]["all"]["at_most_2"] == 1
    assert j["crossings"]["histogram"] == {1: 1, 5: 1, 9: 1}
    assert "at most 2: 1" in "\n".join(t.distributions())
    rows = [{"seed": 3, "generator": "csmith", "outcomes": ["ok", "ok"], "globals": 9, "shared": 5, "named": 2,
             "escaping": 3, "may_share": 6, "touched": 1, "incomplete": False, "missed": []},
            {"seed": 4, "generator": "csmith", "skipped": "native build timeout"}]
    table = campaign.audit_table(rows, "campaign.py --audit-sample 2")
    assert "| csmith 3 | 9 | 5 | 2 | 3 | 6 | 1 | 0 |" in table and "| csmith 4 | skipped: native build timeout |" in table
    assert "1 programs: 5 of 9 globals shared" in table
