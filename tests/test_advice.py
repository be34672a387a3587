"""The lines a run asks the user to write (scripts/bulkhead/advice.py), applied for real.

A fault on another compartment's global names the `shares` line that would share it (file, compartment,
line); an audit run names the `calls`, `shares` and `exports` lines that list exactly what it used.
Each test writes what the advice says into a copy of the demo and its configuration, builds and runs
that copy, and checks the result: the advice is only right if the program then runs, under the declared
policy, exactly as it did in the audit run, and a list with one name fewer is refused."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, abi

pytestmark = pytest.mark.qemu

def _run(cfg: Path, apps: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, **({"BULKHEAD_APPS": str(apps)} if apps else {}))
    return subprocess.run(["/usr/bin/python3", str(BULKHEAD), "run", str(cfg), "--timeout", "60"],
                          capture_output=True, text=True, cwd=ROOT, timeout=900, env=env)


def _config(tmp: Path, name: str, policies: str, demo: str = "mpk3") -> Path:
    cfg = tmp / f"{name}.toml"
    text = (ROOT / "configs" / "demo" / f"{demo}.toml").read_text()
    cfg.write_text(text.replace(f'name = "demo-{demo}"', f'name = "advice-{name}"') + f"\n[policies]\n{policies}\n")
    return cfg


def _insert_after(cfg: Path, line: int, text: str) -> None:
    lines = cfg.read_text().splitlines()
    lines.insert(line, text)
    cfg.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("demo,status", [("mpk3", abi.EXIT_ISOLATION_FAULT),
                                         ("vm3-exit", abi.EXIT_VM_OTHER_MACHINE_STOPPED)])
def test_a_fault_names_the_shares_line_that_shares_the_global(tmp_path: Path, demo: str, status: int) -> None:
    cfg = _config(tmp_path, f"declared-{demo}", 'shared_globals = "declared"', demo)
    res = _run(cfg)
    assert res.returncode == status, res.stdout + res.stderr
    m = re.search(r"^bulkhead: thief_steal \(compartment 'untrusted'\) reads vault_secret "
                  r"\(apps/demo/vault/vault\.c:\d+\) of component 'vault', compartment 'vault'; if 'untrusted' may "
                  rf"use it, share it: {re.escape(str(cfg))}, \[\[compartment\]\] 'vault' \(after line (\d+)\): "
                  r'(shares = \["vault\.c:vault_secret"\])$', res.stderr, re.M)
    assert m, res.stderr
    assert cfg.read_text().splitlines()[int(m.group(1)) - 1] == 'name = "vault"'
    _insert_after(cfg, int(m.group(1)), m.group(2))
    fixed = _run(cfg)
    # shared as the line says: the thief reads it (and prints it), nothing faults, no advice is left
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert 'thief: stole "BULKHEAD-SECRET-7f3a"' in fixed.stdout, fixed.stdout
    assert "share it:" not in fixed.stderr


def _audit_lines(stderr: str) -> list[str]:
    start = stderr.index("least privilege from this audit run")
    return [l.removeprefix("bulkhead:   ") for l in stderr[start:].splitlines()[1:] if l.startswith("bulkhead:   ")]


def test_an_audit_run_lists_the_calls_shares_and_exports_it_used(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    shutil.copytree(ROOT / "apps" / "demo", apps / "demo")
    cfg = _config(tmp_path, "audit", 'audit = "on"')
    res = _run(cfg, apps)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "bulkhead: audit calls: " in res.stdout, res.stdout
    # main called the counter and the vault, and the thief: every one through its gate, counted
    assert re.search(r"^bulkhead:   4x call of counter_add \(compartment vault\) from compartment core$", res.stdout, re.M)
    assert re.search(r"^bulkhead:   1x call of thief_steal \(compartment untrusted\) from compartment core$",
                     res.stdout, re.M)
    lines = _audit_lines(res.stderr)
    where = f"{cfg}, [[compartment]] "
    assert f"{where}'core' (after line 6): " + 'calls = ["untrusted", "vault"]' in lines, lines
    assert f"{where}'vault' (after line 11): calls = []" in lines, lines
    assert f"{where}'untrusted' (after line 16): calls = []" in lines, lines
    assert f"{where}'vault' (after line 11): " + 'shares = ["vault.c:vault_secret"]' in lines, lines
    exports = {l.split(":")[0]: l.split(": ", 1)[1] for l in lines if "component.toml: exports" in l}
    vault_file = str(apps / "demo" / "vault" / "component.toml")
    assert set(exports) == {vault_file, str(apps / "demo" / "counter" / "component.toml"),
                            str(apps / "demo" / "thief" / "component.toml")}, lines

    # Write exactly that, drop the audit, declare every shared global: the same program runs as it did.
    declared = _config(tmp_path, "least", 'shared_globals = "declared"')
    text = declared.read_text().splitlines()
    adds = {6: ['calls = ["untrusted", "vault"]'], 11: ["calls = []", 'shares = ["vault.c:vault_secret"]'],
            16: ["calls = []"]}
    for line in sorted(adds, reverse=True):
        text[line:line] = adds[line]
    declared.write_text("\n".join(text) + "\n")
    for file, line in exports.items():
        Path(file).write_text(line + "\n")
    least = _run(declared, apps)
    assert least.returncode == 0, least.stdout + least.stderr
    demo = [l for l in res.stdout.splitlines() if l.startswith(("demo:", "thief:"))]
    assert demo and [l for l in least.stdout.splitlines() if l.startswith(("demo:", "thief:"))] == demo

    # One export fewer: the link refuses the call this run made, naming the component.toml.
    exported = re.findall(r'"([^"]+)"', exports[vault_file])
    Path(vault_file).write_text(f"exports = {exported[1:]}\n".replace("'", '"'))
    refused = _run(declared, apps)
    assert refused.returncode != 0 and exported[0] in refused.stderr and "exports" in refused.stderr, refused.stderr
