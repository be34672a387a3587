"""Differential testing of the pass (tests/differential): a fixed sample of Csmith programs, each split
into components and built unisolated and under 3 random configurations (cycling through every backend
and stack mode that exists), must print the native build's checksum everywhere; plus the saved
regression cases.  The long campaign is tests/differential/campaign.py."""
from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "differential"))
import campaign  # noqa: E402
import difftest  # noqa: E402

# The CI sample: 30 seeds whose programs finish natively within difftest.NATIVE_TIMEOUT (a seed
# whose program is slow is skipped, so the list is what actually runs).  3 configurations each.
CI_SEEDS = [200, 201, 202, 203, 206, 207, 208, 209, 210, 211, 212, 214, 215, 216, 217, 219, 220, 222, 223,
            224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234]
CI_CONFIGS = 3
# Refusals are missing features; this bound catches a pass change that refuses much more.
MAX_REFUSAL_RATE = 0.15
REGRESSIONS = sorted(p for p in (ROOT / "tests" / "differential" / "regressions").glob("*") if p.is_dir())
MODES = [difftest.mode_name(b, o) for b, o in difftest.backend_modes()]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("csmith") is None or not difftest.CSMITH_INCLUDE.is_dir(),
                                 reason="csmith is missing: apt-get install csmith libcsmith-dev")]


@pytest.fixture(scope="module")
def sample() -> tuple[campaign.Tally, list[dict], float]:
    t0 = time.monotonic()
    tally = campaign.run(CI_SEEDS, CI_CONFIGS, jobs=2)
    elapsed = time.monotonic() - t0
    summary = tally.summary(elapsed)
    (difftest.WORK / "ci-summary.txt").write_text(summary + "\n")
    print(summary)
    return tally, tally.reports, elapsed


def test_sample_ran(sample) -> None:
    tally, reports, elapsed = sample
    assert not tally.errors, "\n".join(tally.errors)
    assert tally.programs >= 25, tally.summary(elapsed)


def test_unisolated_matches_native(sample) -> None:
    tally, reports, _ = sample
    bad = [f"seed {r['seed']}: {x['outcome']}: {x['detail'][:300]}" for r in reports for x in r["results"]
           if x["variant"] == "unisolated" and x["outcome"] != "ok"]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("mode", MODES)
def test_mode_computes_the_same(sample, mode: str) -> None:
    """No mismatch, crash, hang or link error under this backend/stack mode."""
    tally, reports, _ = sample
    # a refused build never ran: it is no evidence that the mode computes the same
    ran = [(r["seed"], x) for r in reports for x in r["results"]
           if x["variant"].startswith(mode + "-") and x["outcome"] != "refused"]
    assert ran, f"the sample built and ran nothing under {mode} (every build refused or none made)"
    bad = [f"seed {s} {x['variant']}: {x['outcome']}: {x['detail'][:600]}" for s, x in ran
           if x["outcome"] in difftest.FAILING]
    assert not bad, (f"{len(bad)} of {len(ran)} builds under {mode} differ from the unisolated build "
                     f"(cases saved under {difftest.FAILURES}):\n" + "\n".join(bad))


def test_refusal_rate(sample) -> None:
    tally, _, elapsed = sample
    assert tally.refusal_rate() <= MAX_REFUSAL_RATE, tally.summary(elapsed)


@pytest.mark.parametrize("case", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_regression(case: Path) -> None:
    """A saved (reduced) failure: its variant must now compute what the native build computes, or end
    the way case.json's "expect" says (an isolation fault, for a case that shows one under policy
    "share")."""
    expect = json.loads((case / "case.json").read_text()).get("expect", "ok")
    rep = difftest.run_saved(case)
    assert not rep.skipped, rep.skipped
    assert rep.results, "nothing was built"
    bad = [f"{r.variant}: {r.outcome}: {r.detail[:1500]}" for r in rep.results 
           if r.outcome != ("ok" if r.variant == "unisolated" else expect)]
    assert not bad, "\n".join(bad)
