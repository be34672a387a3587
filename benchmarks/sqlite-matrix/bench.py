#!/usr/bin/python3
"""The benchmark of the SQLite matrix (spec.toml's [run] command): boot IMAGE under
`-icount shift=0 -m 256M` with ROWS single-statement INSERTs (QEMU fw_cfg opt/bulkhead/rows, as
benchmarks/sqlite), check the program's result against the rows' known sums, and print for
./bulkhead matrix (docs/matrix.md):

    metric insert_instructions N instructions   guest TSC delta of the INSERT loop
    metric query_instructions N instructions    the checking query
    metric insert_wall_s S s                    host time between "start" and "inserts done"
    guest_status S

The instruction figures are the guest's work clock (kernel/include/bulkhead/workclock.h): one CPU's
TSC under none and mpk; under backend vm the sum over the machines of each one's TSC less its time
waiting for messages, so the figure means the same in every backend: the instructions the program
(gates included) executed in the loop, on whichever machine.  The wall time includes every machine.

Backend vm: the wake mode is chosen at boot (gates/vm/host.py: one image runs in either mode);
--wake MODE, else $BULKHEAD_VM_WAKE (./bulkhead matrix sets it), else the configuration's.

    bench.py IMAGE [--rows N] [--timeout S] [--wake exit|poll]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import backends, qemu  # noqa: E402

vm = backends.runner("vm")      # backend vm's host runner (gates/vm/host.py)

MEMORY = "256M"


def expected(rows: int) -> str:
    """The result line every configuration must print (apps/sqlite-bench/sqlbench/main.c)."""
    s = sum((i * 7919) % 10007 for i in range(rows))
    names = sum(len(f"row-{i}") for i in range(rows))
    return f"rows={rows} sum={s} min=0 max={rows - 1} names={names}"


def boot_single(image: Path, rows: int, timeout: float) -> tuple[int, str, dict[str, float]]:
    machine = json.loads((image.parent / "config.json").read_text()).get("machine", "microvm")
    cmd = qemu.command(image, icount=True, memory=MEMORY, machine=machine)
    cmd += ["-fw_cfg", f"name=opt/bulkhead/rows,string={rows}"]
    start = time.monotonic()
    stamps: dict[str, float] = {}
    lines = []
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    try:
        for raw in iter(proc.stdout.readline, b""):
            line = raw.decode(errors="replace").rstrip("\r\n")
            lines.append(line)
            if m := re.match(r".*bench: (start|inserts done|done)", line):
                stamps[m.group(1)] = time.monotonic() - start
            if time.monotonic() - start > timeout:
                break
    finally:
        if proc.poll() is None:
            try:
                proc.wait(timeout=max(1.0, timeout - (time.monotonic() - start)))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    rc = proc.returncode
    status = (rc >> 1) - 1 if rc is not None and rc >= 3 and rc & 1 else qemu.STATUS_NO_BOOT
    return status, "\n".join(lines), stamps


def boot_vm(image: Path, rows: int, timeout: float, wake: str | None) -> tuple[int, str, dict[str, float]]:
    # every machine gets the row count; only sqlbench's (the first) reads it
    vm.EXTRA_ARGS = [*vm.EXTRA_ARGS, "-fw_cfg", f"name=opt/bulkhead/rows,string={rows}"]
    res = vm.run(image, timeout=timeout, echo=False, icount=True, wake=wake)
    stamps = {}
    for t, _, line in res.extra.get("line_times", []):
        if m := re.match(r".*bench: (start|inserts done|done)", line):
            stamps[m.group(1)] = t
    return res.status, res.output, stamps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("image", type=Path)
    ap.add_argument("--rows", type=int, default=200)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--wake", choices=sorted(vm.WAKE), help="backend vm: every machine's wake mode")
    args = ap.parse_args()
    if backends.image_runner(args.image) is vm:
        status, out, stamps = boot_vm(args.image, args.rows, args.timeout, args.wake)
    else:
        status, out, stamps = boot_single(args.image, args.rows, args.timeout)
    print(f"guest_status {status}")
    tsc = re.search(r"bench: tsc insert=(\d+) query=(\d+)", out)
    res = re.search(r"bench: result (.*)", out)
    if status != 0 or not tsc or not res:
        sys.exit(f"sqlite-matrix: the benchmark did not finish (guest status {status}):\n{out[-2500:]}")
    if res.group(1).strip() != expected(args.rows):
        sys.exit(f"sqlite-matrix: wrong result {res.group(1).strip()!r}, expected {expected(args.rows)!r}")
    print(f"metric insert_instructions {tsc.group(1)} instructions")
    print(f"metric query_instructions {tsc.group(2)} instructions")
    if "start" in stamps and "inserts done" in stamps:
        print(f"metric insert_wall_s {stamps['inserts done'] - stamps['start']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
