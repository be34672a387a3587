"""Console output recorded out of band under mpk (issue 14 item 6): compartments in ring 3 print only
through the kernel's console service, which records on a second serial port which compartment printed
each byte (kernel/service.c); `./bulkhead run --consoles DIR` splits that record per compartment, and
the program's own output on the console is unchanged.  A forged report is then the forger's."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.qemu


def test_forged_report_is_recorded_as_the_attackers(tmp_path) -> None:
    res = bulkhead("run", str(ROOT / "configs" / "attacks" / "forge.toml"), "--consoles", str(tmp_path),
                   "--timeout", "120", timeout=900)
    out = res.stdout + res.stderr
    files = {p.name: p.read_text() for p in tmp_path.glob("*.console")}
    assert sorted(files) == ["0-core.console", "1-victim.console", "2-attacker.console"], (files, out)
    forged = "bulkhead: page fault: protection-key violation on read at 0x18d000 (forged)"
    assert forged in out                                   # the console shows it, unchanged
    assert forged in files["2-attacker.console"], files     # and the record says who printed it
    assert forged not in files["0-core.console"] + files["1-victim.console"]
    assert re.search(r"attacks: victim digest 0x[0-9a-f]{8}", files["0-core.console"]), files
    # the kernel's own report (ring 0) is in no compartment's record
    assert "stopping with exit status 67" in out
    assert not any("stopping with exit status 67" in t for t in files.values()), files


def test_an_exit_asked_for_from_ring_3_is_named(tmp_path) -> None:
    res = bulkhead("run", str(ROOT / "configs" / "callbacks" / "mpk3.toml"), "--consoles", str(tmp_path),
                   timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "bulkhead: compartment 'app' asked for the exit (status 0) through the kernel's exit service" \
        in res.stderr
    assert (tmp_path / "0-app.console").read_text().startswith("callbacks: ")
