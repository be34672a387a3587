"""Mutation tests: each mutant in tests/mutants/ removes one protection (a gate's check, the kernel's
keys, a pass's check, a driver check); the tests it names must fail on it.  Run in a scratch copy of
the repository with its own build folder (tests/mutants/README.md); the whole module (the unmutated
baseline, then 15 mutants) took 6.5 minutes on 2 shared cores."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "mutants"))
import runner  # noqa: E402

MUTANTS = runner.load()


@pytest.mark.fast
def test_mutants_are_listed_and_apply() -> None:
    """At least the 15 of issue 18, each a patch that applies to the tree as it is, with killing
    tests that exist."""
    names = [m.name for m in MUTANTS]
    assert len(names) >= 15 and len(set(names)) == len(names), names
    for m in MUTANTS:
        assert m.kill, m.name
        for test in m.kill:
            assert (ROOT / test.split("::")[0]).is_file(), f"{m.name}: no test file for {test}"
        res = subprocess.run(["git", "apply", "--check", str(m.patch)], cwd=ROOT, capture_output=True, text=True)
        assert res.returncode == 0, f"{m.name}: {m.patch} no longer applies:\n{res.stderr}"


@pytest.fixture(scope="module")
def scratch() -> runner.Scratch:
    return runner.Scratch()


@pytest.mark.slow
def test_killing_tests_pass_unmutated(scratch: runner.Scratch) -> None:
    """In the same scratch copy without a mutant every killing test passes: a kill below is the
    mutant's doing, not the scratch copy's."""
    out = runner.run_baseline(scratch, MUTANTS)
    assert out.status == "passed", out.detail


@pytest.mark.slow
@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.name for m in MUTANTS])
def test_mutant_is_killed(scratch: runner.Scratch, mutant: runner.Mutant) -> None:
    out = runner.run_mutant(scratch, mutant)
    # killed: every named test failed, and the failures show what the mutant causes (mutants.toml)
    assert out.status == "killed", (f"mutant {mutant.name} ({mutant.what}) {out.status}: "
                                    f"passed {out.passed}\n{out.detail}")
