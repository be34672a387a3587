"""./bulkhead matrix with backend vm: exit and poll of one placement are one link (the wake mode is the
host runner's choice at boot, gates/vm/host.py RUNTIME_OPTIONS), and each run really ran in its
own mode: exit-mode machines take doorbell interrupts, poll-mode machines never do.  A runner that
ignored the choice (both runs in the image's default, exit) fails the poll half.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT
from test_matrix import table

SPEC = ROOT / "tests" / "matrix" / "callbacks-vm.toml"
CODES = ("111", "112", "121", "122")


@pytest.mark.qemu
def test_vm_wake_modes_share_one_link(tmp_path):
    res = subprocess.run(["/usr/bin/python3", str(BULKHEAD), "matrix", str(SPEC), "--out", str(tmp_path), "-j", "2"],
                         capture_output=True, text=True, cwd=ROOT, timeout=1500)
    assert res.returncode == 0, res.stdout + res.stderr
    rows = table(tmp_path / "results.db")
    assert set(rows) == {f"tmvm-vm-{w}-{c}" for w in ("exit", "poll") for c in CODES}
    for code in CODES:
        exit_, poll = (json.loads((tmp_path / "results" / f"tmvm-vm-{w}-{code}.json").read_text())
                       for w in ("exit", "poll"))
        # one image for both: linked at most once (not at all when an earlier run left it up to date)
        assert exit_["build"]["image"] == poll["build"]["image"] == f"tmvm-vm-{code}"
        assert exit_["build"]["elf"] == poll["build"]["elf"]
        assert not (exit_["build"]["relinked"] and poll["build"]["relinked"])
        e, p = rows[f"tmvm-vm-exit-{code}"], rows[f"tmvm-vm-poll-{code}"]
        assert e["run_status"] == p["run_status"] == "ok", (e["run_error"], p["run_error"])
        # the same program, the same answers
        assert e["metrics"]["fold_count"] == p["metrics"]["fold_count"]
        assert e["metrics"]["fold_sum"] == p["metrics"]["fold_sum"]
        if e["metrics"]["machines"] > 1:
            assert e["metrics"]["calls"] > 0
            assert e["metrics"]["doorbells"] > 0, "exit mode rang no doorbell"
            assert p["metrics"]["doorbells"] == 0, "the poll run took doorbells: it ran in exit mode"
    # the configurations keep their own wake option (what `./bulkhead run CONFIG` would do)
    assert 'wake = "poll"' in Path(tmp_path / "configs" / "tmvm-vm-poll-112.toml").read_text()
    assert "wake" not in Path(tmp_path / "configs" / "links" / "tmvm-vm-112.toml").read_text()
