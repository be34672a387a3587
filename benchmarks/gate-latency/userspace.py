#!/usr/bin/python3
"""Run the mpk gate in Linux user space with real protection keys: cycles per round trip on PKU hardware.

Instantiates gates/mpk/gate.S.tmpl for a caller domain and a peer domain (keys 1 and 2, as the first
two pkey_alloc() calls return them), builds userspace/harness.c with it, runs it, and appends a row to
results/gate-latency-pku.csv.  Without PKU it prints why and exits 0 (a skip, recorded as such).
"""
from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEMPLATE = ROOT / "gates" / "mpk" / "gate.S.tmpl"


def domain(key: int) -> int:
    """PKRU allowing key 0 (the process's default key) and `key`."""
    return 0xFFFFFFFF & ~(3 | (3 << (2 * key)))


def gate_asm(caller_key: int = 1, peer_key: int = 2) -> str:
    values = {"callee": "peer_step", "stub": "__bh_gate_c0_peer_step", "from": "0", "to": "1",
              "from_key": str(caller_key), "to_key": str(peer_key),
              "from_pkru": str(domain(caller_key)), "to_pkru": str(domain(peer_key)),
              # What bulkhead-partition fills in for uint64_t peer_step(uint64_t) (rdi in, rax out):
              # passes/Partition.cpp, addWrpkruValues and clearRegisters.
              "save_args": "", "restore_args": "", "save_ret": "movq %rax, %r10",
              "restore_ret": "movq %r10, %rax"}
    body = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], TEMPLATE.read_text())
    return ("\t.text\n\t.globl __bh_gate_c0_peer_step\n__bh_gate_c0_peer_step:\n" + body +
            "\n\t.globl bh_wrpkru\nbh_wrpkru:\n\tmovl %edi, %eax\n\txorl %ecx, %ecx\n\txorl %edx, %edx\n"
            "\twrpkru\n\tret\n\t.section .note.GNU-stack,\"\",@progbits\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=1_000_000)
    ap.add_argument("--out", type=Path, default=HERE / "results")
    args = ap.parse_args()
    has_pku = " pku " in (Path("/proc/cpuinfo").read_text().replace("\n", " ") + " ")
    with tempfile.TemporaryDirectory() as tmp:
        gate = Path(tmp) / "gate.S"
        gate.write_text(gate_asm())
        exe = Path(tmp) / "harness"
        cc = ["clang-19", "-O2", f"-DROUNDS={args.rounds}", f"-DCALLER_PKRU={domain(1)}u",
              f"-DPEER_PKRU={domain(2)}u", str(HERE / "userspace" / "harness.c"), str(gate), "-o", str(exe)]
        subprocess.run(cc, check=True)
        res = subprocess.run([str(exe)], capture_output=True, text=True)
    print(res.stdout.strip() or res.stderr.strip())
    if "error:" in res.stdout:
        return 1
    if res.returncode != 0:
        print(f"userspace gate harness failed (status {res.returncode}): {res.stderr.strip()}", file=sys.stderr)
        return 1
    m = re.search(r"plain ([\d.]+) gate ([\d.]+) round_trip ([\d.]+)", res.stdout)
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), "unknown")
    row = {"cpu": cpu, "pku": has_pku, "rounds": args.rounds,
           "plain_cycles": m.group(1) if m else "", "gate_cycles": m.group(2) if m else "",
           "round_trip_cycles": m.group(3) if m else "", "status": "measured" if m else "skipped: no PKU"}
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "gate-latency-pku.csv"
    new = not path.exists()
    with open(path, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(row))
        if new:
            w.writeheader()
        w.writerow(row)
    print(f"gate-latency (user space): wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
