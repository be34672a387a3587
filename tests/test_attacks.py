"""Adversarial tests: an attacker compartment tries to read, write or run where it may not, under the
light gate, private stacks and backend vm.  Every cell of tests/attack_table.py (attack x mode ->
expected outcome) runs here under the host-side judge: what a test believes about the victim's bytes,
the exit status and who asked for it comes from the host after the run, never from the guest's word.

  * contained: the kernel stopped it (or, for a measuring attack, it found nothing), every judged
    object is intact and no copy of a judged secret exists outside its compartment;
  * weakness: the documented weakness is shown to be real;
  * open: containment is asserted under xfail(strict=True): the cell turns into a failure the day it
    holds, and the table must then say so.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from attack_table import abi  # exit statuses (abi/abi.toml), as the table names them
from attack_table import (APP_SECRET, CONTAINED, KERNEL_STATUSES, KERNEL_STOP, OPEN, OPEN_REASON, SECRET,
                          WEAKNESS, Attack, Outcome, cells, declared_config, declared_exports, policy_cells)
from conftest import ROOT, bulkhead

# Runs at once: the runs wait far more than they compute (QEMU boots, the judge's polling, links), so
# the selected cells are run JOBS at a time before the first test looks at its own (tier-times.txt).
JOBS = int(os.environ.get("BULKHEAD_ATTACK_JOBS", "4"))


def _run(attack: Attack, mode: str, declared: Path | None = None) -> tuple[int, str, list[str]]:
    """The run under the judge; the verdict lines are those on stderr (the guest writes only stdout).
    `declared`: a folder made by _declared_tree, to run the cell under the declared policies."""
    args = [a for s in attack.judge for a in ("--judge", s)]
    cfg = ROOT / "configs" / "attacks" / f"{attack.config_stem(mode)}.toml"
    if declared is None:
        res = bulkhead("run", str(cfg), "--timeout", "60", *args)
    else:
        mine = declared / "configs" / cfg.name
        mine.write_text(declared_config(cfg.read_text()))
        res = subprocess.run(["/usr/bin/python3", str(ROOT / "bulkhead"), "run", str(mine), "--timeout", "60", *args],
                             capture_output=True, text=True, cwd=ROOT, timeout=900,
                             env=dict(os.environ, BULKHEAD_APPS=str(declared / "apps")))
    verdict = [l for l in res.stderr.splitlines() if l.startswith("bulkhead-judge:")]
    return res.returncode, res.stdout + res.stderr, verdict


def _line(verdict: list[str], prefix: str) -> str:
    return next((l for l in verdict if l.startswith("bulkhead-judge: " + prefix)), "")


class BuildFailed(Exception):
    """The attack's image did not build: never an expected failure, even in an open cell."""


def _assert_judged_contained(attack: Attack, outcome: Outcome, rc: int, out: str, verdict: list[str]) -> None:
    """From the host: the run ended as the table says, every judged object is intact, no copy of a
    judged secret is anywhere outside its compartment, and a kernel status came from the kernel."""
    # every message carries the whole run's output as a string (pytest shortens other objects), so a
    # failure shows what happened: the mutants (tests/mutants) match their expected lines in it
    ctx = f"\n--- the run's output ---\n{out}"
    assert verdict, f"no verdict from the judge:{ctx}"
    first = verdict[0]
    if "halt" in outcome.status and first.startswith("bulkhead-judge: halt at"):
        # denial of service (outside the model), in the attacker's own code or machine
        assert re.search(r" attack\+0x[0-9a-f]+|in machine 'attacker'", first), f"{first}{ctx}"
    else:
        m = re.match(r"bulkhead-judge: exit status (\d+) at 0x[0-9a-f]+ bh_exit\+", first)
        if rc == abi.EXIT_VM_OTHER_MACHINE_STOPPED:
            # vm: the attacker's own machine ended the run.  Its kernel is its compartment's (the
            # attacker's), so what it stopped with is no verdict: the image's status is the kernel
            # machine's (gates/vm/host.py), and the victim is judged from the host below.
            assert m and first.endswith(" in machine 'attacker'"), f"{first}: not the attacker's machine{ctx}"
            assert rc in outcome.status or int(m.group(1)) in outcome.status, \
                f"{first}: expected one of {outcome.status}, status {rc}{ctx}"
            assert re.search(r"machine of compartment 'attacker' stopped first", out), ctx
        else:
            assert m and int(m.group(1)) in outcome.status and int(m.group(1)) == rc, \
                f"{first}: expected one of {outcome.status}, status {rc}{ctx}"
        # the kernel's report, not a status the attacker asked for (123 is the host runner's own)
        if rc in KERNEL_STATUSES and rc != abi.EXIT_VM_OTHER_MACHINE_STOPPED:
            by = _line(verdict, "exit requested by")
            assert re.match(rf"bulkhead-judge: exit requested by {KERNEL_STOP}", by), f"{by}{ctx}"
    for sym in attack.judge:
        line = _line(verdict, sym + " (")
        assert line.endswith("): intact"), f"{line}{ctx}"
    for sym in ("victim_secret", "app_secret"):
        if sym in attack.judge:
            where = _line(verdict, f"copies of {sym} outside its compartment:").split(": ", 2)[-1]
            assert where == "none" or attack.copies_ok and all(
                re.fullmatch(attack.copies_ok, w) for w in where.split(", ")), f"copies: {where}{ctx}"
    console = out[:out.find("bulkhead-judge:")] if verdict else out
    assert "NOT CONTAINED" not in console, f"the attack says it got through{ctx}"
    assert SECRET not in console and APP_SECRET not in console and "app-stack-secret" not in console, \
        f"a secret on the console{ctx}"
    for pat in outcome.shows:
        assert re.search(pat, out), f"missing /{pat}/ in:\n{out}"


def _assert_victim_intact(attack: Attack, out: str) -> None:
    """The first suite's guest-side check, kept as a second opinion: the victim's digest before the
    attack equals the one after (from the fault report's target line or the victim at the end)."""
    before = re.search(r"attacks: victim digest (0x[0-9a-f]{8})\n", out)
    assert before, out
    after = re.findall(r"target   victim_secret: 32 bytes, fnv1a (0x[0-9a-f]{8}) after the fault", out) + \
        re.findall(r"attacks: victim digest (0x[0-9a-f]{8}) at the end", out)
    if attack.digest == "target":   # the object the fault aimed at, before (the attack) and after (the kernel)
        target = re.search(r"attacks: target digest (0x[0-9a-f]{8}) before", out)
        target_after = re.search(r"bulkhead:   target   \S+: \d+ bytes, fnv1a (0x[0-9a-f]{8}) after the fault", out)
        assert target and target_after and target.group(1) == target_after.group(1), out
    if attack.digest in ("none", "target"):
        assert not after, out
        # stopped before the attack could go on: nothing of it ran after its last announcement
        assert not re.search(r"attacks: (NOT CONTAINED|read byte|stack byte)", out), out
        return
    assert after and all(a == before.group(1) for a in after), f"victim data changed:\n{out}"


def _tier(attack: Attack, mode: str, outcome: Outcome):
    """qemu: every attack under private stacks (the mode that must contain them all), the first suite,
    and what is contained today; slow: the long tail (open cells under the light gate, vm)."""
    if mode == "private" or not attack.new or mode == "shared" and outcome.kind != OPEN:
        return pytest.mark.qemu
    return pytest.mark.slow


def _param(attack: Attack, mode: str, outcome: Outcome):
    marks = [_tier(attack, mode, outcome)]
    if outcome.kind == OPEN:
        # only a failed judgement is expected: an image that does not build (BuildFailed) fails
        marks.append(pytest.mark.xfail(strict=True, reason=OPEN_REASON, raises=AssertionError))
    return pytest.param(attack, mode, outcome, id=f"{attack.name}-{mode}", marks=marks)


def _selected(request, param: str) -> list[tuple[Attack, str]]:
    """The (attack, mode) cells this session selected from this module whose attack is the
    parametrize argument `param`, each once, in collection order."""
    wanted: dict[tuple[str, str], tuple[Attack, str]] = {}
    for item in request.session.items:
        cs = getattr(item, "callspec", None)
        if item.module is not None and item.module.__name__ == __name__ and cs and param in cs.params:
            attack, mode = cs.params[param], cs.params["mode"]
            wanted.setdefault((attack.name, mode), (attack, mode))
    return list(wanted.values())


@pytest.fixture(scope="module")
def runs(request) -> dict:
    """Every cell this session selected from this module, run JOBS at a time, once."""
    wanted = _selected(request, "attack")
    with ThreadPoolExecutor(max(1, JOBS)) as pool:
        done = list(pool.map(lambda am: _run(*am), wanted))
    return {(a.name, m): r for (a, m), r in zip(wanted, done)}


def _result(runs: dict, attack: Attack, mode: str) -> tuple[int, str, list[str]]:
    return runs.get((attack.name, mode)) or _run(attack, mode)


CONTAINED_CELLS = [_param(a, m, o) for a, m, o in cells() if o.kind in (CONTAINED, OPEN)]
WEAK_CELLS = [_param(a, m, o) for a, m, o in cells() if o.kind == WEAKNESS]


@pytest.mark.parametrize("attack,mode,outcome", CONTAINED_CELLS)
def test_attack_is_contained(attack: Attack, mode: str, outcome: Outcome, runs: dict) -> None:
    rc, out, verdict = _result(runs, attack, mode)
    if "bulkhead: error:" in out and not verdict:
        raise BuildFailed(f"{attack.name}-{mode} did not build or boot:\n{out[-3000:]}")
    _assert_judged_contained(attack, outcome, rc, out, verdict)
    if attack.digest and mode != "vm":
        _assert_victim_intact(attack, out)


@pytest.mark.parametrize("attack,mode,outcome", WEAK_CELLS)
def test_known_weakness_is_real(attack: Attack, mode: str, outcome: Outcome, runs: dict) -> None:
    """A documented weakness (the table's note says which), shown to be real: a change that closes it
    fails here until the table says so."""
    rc, out, verdict = _result(runs, attack, mode)
    assert verdict, out
    assert rc == outcome.status[0], out
    for pat in outcome.shows:
        assert re.search(pat, out), f"missing /{pat}/ in:\n{out}"




# ---- issue 14: the same attacks under the declared policies (attack_table.policy_cells) ----

def _declared_tree(folder: Path) -> Path:
    """apps/attacks with exports declared by every component (attack_table.DECLARED_EXPORTS), and a
    folder for the declared configurations (attack_table.declared_config)."""
    apps = folder / "apps"
    shutil.copytree(ROOT / "apps" / "attacks", apps / "attacks")
    for comp in (apps / "attacks").iterdir():
        if comp.is_dir() and comp.name not in ("include",):
            desc = comp / "component.toml"
            old = desc.read_text() if desc.is_file() else ""
            desc.write_text(old + "exports = [" + ", ".join(f'"{n}"' for n in declared_exports(comp.name)) + "]\n")
    (folder / "configs").mkdir()
    return folder


@pytest.fixture(scope="module")
def declared_runs(request) -> dict:
    """Every declared cell this session selected, run JOBS at a time, once."""
    wanted = _selected(request, "policy_attack")
    with tempfile.TemporaryDirectory(prefix="bh-declared-") as tmp:
        tree = _declared_tree(Path(tmp))
        with ThreadPoolExecutor(max(1, JOBS)) as pool:
            done = list(pool.map(lambda am: _run(*am, declared=tree), wanted))
    return {(a.name, m): r for (a, m), r in zip(wanted, done)}


DECLARED_CELLS = [pytest.param(a, m, o, id=f"{a.name}-{m}-declared",
                               marks=[pytest.mark.qemu if m == "private" else pytest.mark.slow])
                  for a, m, o in policy_cells()]


@pytest.mark.parametrize("policy_attack,mode,outcome", DECLARED_CELLS)
def test_attack_is_contained_declared(policy_attack: Attack, mode: str, outcome: Outcome, declared_runs: dict) -> None:
    """Issue 14's run-time attacks under least privilege by configuration: the image links with every
    declaration in force, and the run ends as the default cell does (contained, or the same documented
    weakness), judged from the host."""
    rc, out, verdict = declared_runs[(policy_attack.name, mode)]
    if "bulkhead: error:" in out and not verdict:
        raise BuildFailed(f"{policy_attack.name}-{mode} (declared) did not build or boot:\n{out[-3000:]}")
    # the image that ran is the declared one: exports, calls and the policy are in its configuration
    cfg = json.loads((ROOT / "build" / "images" / f"attack-{policy_attack.config_stem(mode)}-declared" /
                      "config.json").read_text())
    assert cfg["policies"]["shared_globals"] == "declared", cfg["policies"]
    assert "victim_secret_ptr" in cfg["exports"]["victim"] and all("calls" in c for c in cfg["compartments"]), cfg
    if outcome.kind == WEAKNESS:
        assert verdict and rc == outcome.status[0], out
        for pat in outcome.shows:
            assert re.search(pat, out), f"missing /{pat}/ in:\n{out}"
        return
    _assert_judged_contained(policy_attack, outcome, rc, out, verdict)
