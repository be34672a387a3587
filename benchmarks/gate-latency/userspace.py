#!/usr/bin/python3
"""Run the mpk gate in Linux user space with real protection keys: cycles per round trip on PKU hardware.

Instantiates both mpk gates, gates/mpk/gate.S.tmpl (light: shared stack) and gate-private.S.tmpl
(private stacks, register clearing, protected state), for a caller domain and a peer domain (keys 1
and 2, as the first two pkey_alloc() calls return them), builds userspace/harness.c with them, runs
it, and appends a row to results/gate-latency-pku.csv.  Without PKU it prints why and exits 0 (a
skip, recorded as such, with the one figure that needs no PKU: the SYSCALL round trip of Linux's
getppid, the proxy for a kernel service's ring transition).
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
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import toolchain  # noqa: E402
TEMPLATES = {"__bh_gate_c0_peer_step": ROOT / "gates" / "mpk" / "gate.S.tmpl",
             "__bh_pgate_c0_peer_step": ROOT / "gates" / "mpk" / "gate-private.S.tmpl"}


def domain(key: int) -> int:
    """PKRU allowing key 0 (the process's default key) and `key`."""
    return 0xFFFFFFFF & ~(3 | (3 << (2 * key)))


def gate_asm(caller_key: int = 1, peer_key: int = 2) -> str:
    """Both gates to peer_step, as bulkhead-partition instantiates them for compartments 0 -> 1."""
    values = {"callee": "peer_step", "from": "0", "to": "1", "from_sp": "0", "to_sp": "1",
              "from_key": str(caller_key), "to_key": str(peer_key),
              "from_pkru": str(domain(caller_key)), "to_pkru": str(domain(peer_key)),
              # What bulkhead-partition fills in for uint64_t peer_step(uint64_t) (rdi in, rax out):
              # passes/Partition.cpp, addWrpkruValues (lit test gate-wrpkru-values.ll).
              "save_args": "", "restore_args": "", "save_ret": "movq %rax, %r10",
              "restore_ret": "movq %r10, %rax",
              "scrub_args": "xorl %esi, %esi\nxorl %r8d, %r8d\nxorl %r9d, %r9d\nvzeroall",
              "scrub_ret": "vzeroall"}
    out = "\t.text\n"
    for stub, template in TEMPLATES.items():
        body = re.sub(r"\{(\w+)\}", lambda m: {**values, "stub": stub}[m.group(1)], template.read_text())
        out += f"\t.globl {stub}\n{stub}:\n{body}\n"
    # The private gate's per-thread slots (one thread here, GS base 0), in each compartment's page.
    out += ("\t.set __bh_c0_sp, caller_page\n\t.set __bh_c0_wait, caller_page + 8\n"
            "\t.set __bh_c1_sp, peer_page\n\t.set __bh_c1_wait, peer_page + 8\n")
    return out + ("\t.globl bh_wrpkru\nbh_wrpkru:\n\tmovl %edi, %eax\n\txorl %ecx, %ecx\n\txorl %edx, %edx\n"
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
        cc = [toolchain.CLANG, "-O2", "-no-pie", f"-DROUNDS={args.rounds}", f"-DCALLER_PKRU={domain(1)}u",
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
    p = re.search(r"private gate ([\d.]+) round_trip ([\d.]+)", res.stdout)
    sc = re.search(r"syscall round_trip ([\d.]+)", res.stdout)
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), "unknown")
    row = {"cpu": cpu, "pku": has_pku, "rounds": args.rounds,
           "plain_cycles": m.group(1) if m else "", "gate_cycles": m.group(2) if m else "",
           "round_trip_cycles": m.group(3) if m else "",
           "private_gate_cycles": p.group(1) if p else "", "private_round_trip_cycles": p.group(2) if p else "",
           "syscall_proxy_cycles": sc.group(1) if sc else "",
           "status": "measured" if m else "skipped: no PKU"}
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "gate-latency-pku.csv"
    # Earlier rows are kept; a column they lack (added since: the SYSCALL proxy) stays empty for them.
    rows = list(csv.DictReader(open(path, newline=""))) if path.exists() else []
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(row), restval="")
        w.writeheader()
        w.writerows({k: r.get(k, "") for k in row} for r in rows)
        w.writerow(row)
    print(f"gate-latency (user space): wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
