"""newlib, vfs/ramfs/time and SQLite as components: every configuration prints what none prints.

Builds configs/sqlite/{none,mpk2,mpk3}.toml (SQLite from Debian's source, newlib as LTO bitcode) and
the libc-hello program, then runs each under `-icount shift=0` with a small row count (QEMU
`-fw_cfg name=opt/bulkhead/rows`).  The first build of newlib and the SQLite amalgamation takes a
few minutes (cached under build/ afterwards).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import qemu  # noqa: E402

pytestmark = pytest.mark.slow


ROWS = 150
SQLITE = {n: ROOT / "configs" / "sqlite" / f"{n}.toml" for n in ("none", "mpk2", "mpk3", "mpk2-private", "mpk3-private")}
HELLO = {n: ROOT / "configs" / "sqlite" / f"hello-{n}.toml" for n in ("none", "mpk3", "split-mpk4")}


def expected_result(rows: int) -> str:
    s = sum((i * 7919) % 10007 for i in range(rows))
    names = sum(len(f"row-{i}") for i in range(rows))
    return f"bench: result rows={rows} sum={s} min=0 max={rows - 1} names={names}"


def build(cfg: Path) -> Path:
    res = bulkhead("build", str(cfg), timeout=1200)
    assert res.returncode == 0, res.stderr[-4000:]
    return Path(res.stdout.strip().splitlines()[-1])


def boot(elf: Path, rows: int | None = None, timeout: float = 120) -> tuple[int, str]:
    cmd = qemu.command(elf, icount=True)
    if rows is not None:
        cmd += ["-fw_cfg", f"name=opt/bulkhead/rows,string={rows}"]
    proc = subprocess.run(["timeout", str(int(timeout)), *cmd], capture_output=True, text=True)
    rc = proc.returncode
    status = (rc >> 1) - 1 if rc >= 3 and rc & 1 else 1000 + rc
    return status, proc.stdout


def program(out: str) -> list[str]:
    return [l for l in out.splitlines() if l and not l.startswith("bulkhead:")]


@pytest.fixture(scope="module")
def sqlite_images() -> dict[str, Path]:
    return {n: build(c) for n, c in SQLITE.items()}


@pytest.fixture(scope="module")
def sqlite_runs(sqlite_images: dict[str, Path]) -> dict[str, tuple[int, str]]:
    return {n: boot(elf, ROWS) for n, elf in sqlite_images.items()}


def test_libc_hello_same_output_everywhere() -> None:
    outs = {}
    for name, cfg in HELLO.items():
        status, out = boot(build(cfg))
        assert status == 0, out
        outs[name] = program(out)
    none = outs["none"]
    assert 'hello: snprintf "42-x-03.14-deadbeefcafe" (23)' in none
    assert "hello: malloc 2080000 bytes in 64 blocks: ok" in none
    assert "hello: file wrote 10000, read 5000 from 5000, size 10000, match yes" in none
    assert "hello: stdio file has 2 lines; unlink 0; stat after unlink -1 (errno ENOENT)" in none
    assert "hello: gettimeofday after 2025: yes; clock() ok" in none
    assert none[-1] == "hello: done"
    assert outs["mpk3"] == none
    # The program in a compartment of its own, away from libc: printf (variadic, through a marshalling
    # thunk), malloc (newlib's heap shared), stdio and files all cross into libc's compartment.
    assert outs["split-mpk4"] == none


@pytest.mark.parametrize("name", list(SQLITE))
def test_sqlite_result_is_the_same(sqlite_runs: dict[str, tuple[int, str]], name: str) -> None:
    status, out = sqlite_runs[name]
    assert status == 0, out[-3000:]
    lines = program(out)
    assert f"bench: start rows={ROWS}" in lines
    assert expected_result(ROWS) in lines, out[-2000:]
    assert lines[-1] == "bench: done"
    result = [l for l in lines if l.startswith("bench: result")]
    none_result = [l for l in program(sqlite_runs["none"][1]) if l.startswith("bench: result")]
    assert result == none_result


def test_sqlite_crossings_go_through_the_syscall_layer(sqlite_images: dict[str, Path],
                                                       sqlite_runs: dict[str, tuple[int, str]]) -> None:
    m3 = json.loads((sqlite_images["mpk3"].parent / "manifest.json").read_text())
    assert m3["refusals"] == []
    gates = {(g["from"], g["to"], g["callee"]) for g in m3["gates"]}
    callees = {c for _, _, c in gates}
    idx = {c["name"]: c["index"] for c in m3["compartments"]}
    app, fs, kernel = idx["app"], idx["fs"], idx["kernel"]
    # every gate is a call of the system-call layer into vfs or time, vfs asking the kernel for the
    # boot files (/bulkhead/rows, copied into ramfs before the first lookup), or the benchmark reading
    # the kernel's work clock (before and after each loop), and kmain calling main: nothing else crosses
    assert callees and all((c.startswith(("vfs_", "time_")) and f == app)
                           or (c.startswith("bh_bootfile_") and (f, t) == (fs, kernel))
                           or (c == "bh_work_clock" and (f, t) == (app, kernel))
                           or (c == "main" and (f, t) == (kernel, app))      # kmain starts the program
                           for f, t, c in gates), gates
    assert {(app, fs, "vfs_pwrite"), (app, fs, "vfs_open")} <= gates
    calls = [l for l in program(sqlite_runs["mpk3"][1]) if l.startswith("bench: calls")][0]
    counts = dict(kv.split("=") for kv in calls.split()[2:])
    assert int(counts["vfs_pwrite"]) >= ROWS        # at least one write per INSERT
    mn = json.loads((sqlite_images["none"].parent / "manifest.json").read_text())
    assert mn["gates"] == []
