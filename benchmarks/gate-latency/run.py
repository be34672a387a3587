#!/usr/bin/python3
"""Gate round-trip cost per backend, in instructions, under QEMU -icount shift=0 (the seed's fig-11 analog).

Builds apps/gatebench in every configuration under configs/gatebench/, boots each with -icount shift=0
(guest rdtsc = instructions executed), and writes results/gate-latency.csv (and plots where matplotlib
is installed: the round trip per configuration, and the sharing cost -- the extra instructions of a
crossing that hands over pointers to 1, 2 or 3 locals -- per stack-data strategy).  TCG does not model MPK timing: these are instruction counts, not cycles.
"""
from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bulkhead import config, image, qemu, toolchain  # noqa: E402
from bulkhead.diag import BulkheadError  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import output  # noqa: E402


def wrpkru_per_round_trip(elf: Path) -> int:
    """WRPKRU instructions in one gate stub (from the disassembly of the first __bh_gate_* symbol)."""
    dis = subprocess.run([toolchain.LLVM_OBJDUMP, "-d", "--no-show-raw-insn", "-j", ".bh.gates", str(elf)],
                         capture_output=True, text=True).stdout
    stubs = re.split(r"\n(?=[0-9a-f]+ <)", dis)
    for s in stubs:
        if "<__bh_gate_c" in s.splitlines()[0]:
            return s.count("wrpkru")
    return 0


def measure(cfg_path: Path) -> dict[str, str]:
    cfg = config.load(cfg_path)
    img = image.build(cfg)
    if cfg.backend.name == "vm":   # two machines: instructions per side and wall time (gates/vm/bench.py)
        from bulkhead import backends
        return backends.host_module("vm", "bench.py").measure(img.elf, cfg.name, cfg.compartments[0].options["wake"])
    res = qemu.run(img.elf, timeout=120, echo=False, icount=True)
    if res.status != 0:
        raise BulkheadError(f"{cfg_path}: gatebench exited with {res.status}:\n{res.output}")
    m = re.search(r"plain-loop (\d+) cross-loop (\d+)", res.output)
    n = int(re.search(r"gatebench: calls (\d+)", res.output).group(1))
    plain, cross = int(m.group(1)), int(m.group(2))
    row = {"config": cfg.name, "backend": cfg.backend.name, "calls": str(n),
           "plain_instr_per_call": f"{plain / n:.2f}", "cross_instr_per_call": f"{cross / n:.2f}",
           "gate_round_trip_instr": f"{(cross - plain) / n:.2f}",
           "wrpkru_per_round_trip": str(wrpkru_per_round_trip(img.elf)),
           "stack_data": (cfg.policies.get("stack_data", "dss")
                          if cfg.compartments[0].options.get("stack") == "private" else "shared stack")}
    # Sharing cost: a cross call that passes pointers to k locals, minus a plain cross call.
    sm = re.search(r"share-calls (\d+) share1 (\d+) share2 (\d+) share3 (\d+)", res.output)
    if sm:
        k = int(sm.group(1))
        for i in (1, 2, 3):
            per_call = int(sm.group(i + 1)) / k
            row[f"share{i}_instr_per_call"] = f"{per_call:.2f}"
            row[f"sharing_cost_{i}_locals"] = f"{per_call - cross / n:.2f}"
    # The kernel's services (kernel/service.c): bh_wake_cancel from the kernel's compartment, a SYSCALL
    # round trip where compartments run in ring 3 (mpk), a plain call in ring 0; the plain local call
    # is subtracted.  This is the ring transition; the gates above never make one.
    # Only where the bench is the kernel's compartment: elsewhere the loop also crosses a kernel edge.
    vm = re.search(r"service-calls (\d+) service (\d+) tsc", res.output) if "bench" in cfg.kernel_compartment.components \
        else None
    row["ring"] = "3" if cfg.backend.name == "mpk" else "0"
    if vm:
        row["service_round_trip_instr"] = f"{int(vm.group(2)) / int(vm.group(1)) - plain / n:.2f}"
    row["clock"] = "tcg -icount shift=0"
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "gate-latency" / "results")
    ap.add_argument("--only", nargs="+", metavar="NAME",
                    help="measure only these configurations of configs/gatebench (e.g. vm2-poll vm2-exit) and "
                         "replace their rows in the existing CSV, keeping the others")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    configs = sorted((ROOT / "configs" / "gatebench").glob("*.toml"))
    kept: dict[str, dict[str, str]] = {}
    if args.only:
        unknown = sorted(set(args.only) - {c.stem for c in configs})
        if unknown:
            print(f"gate-latency: no configs/gatebench/{unknown[0]}.toml", file=sys.stderr)
            return 2
        with open(args.out / "gate-latency.csv", newline="") as f:
            kept = {r["config"]: r for r in csv.DictReader(f)}
    rows = []
    for cfg in configs:
        name = f"gatebench-{cfg.stem}"
        if args.only and cfg.stem not in args.only and name in kept:
            rows.append({k: v for k, v in kept[name].items() if v != ""})
            continue
        print(f"gate-latency: {cfg.name} ...", file=sys.stderr, flush=True)
        rows.append(measure(cfg))
        print("  " + ", ".join(f"{k}={v}" for k, v in rows[-1].items()))
    output.write_csv(args.out / "gate-latency.csv", rows, "gate-latency")
    plt = output.bars("gate-latency", [r["config"] for r in rows], [float(r["gate_round_trip_instr"]) for r in rows],
                      "instructions per round trip", "gate round trip (QEMU TCG, -icount shift=0)",
                      args.out / "gate-latency", (5, 3))
    if plt is None:
        return 0
    # Sharing cost per strategy: extra instructions of a crossing that passes k locals by pointer.
    shared = [r for r in rows if "sharing_cost_1_locals" in r]
    if shared:
        fig, ax = plt.subplots(figsize=(6, 3))
        width = 0.8 / len(shared)
        for j, r in enumerate(shared):
            ax.bar([k + j * width for k in (1, 2, 3)],
                   [float(r[f"sharing_cost_{k}_locals"]) for k in (1, 2, 3)], width,
                   label=f"{r['config']} ({r['stack_data']})")
        ax.set_xticks([k + width * (len(shared) - 1) / 2 for k in (1, 2, 3)], ["1 local", "2 locals", "3 locals"])
        ax.set_ylabel("extra instructions per call")
        ax.set_title("sharing stack data across a gate (TCG, -icount shift=0)")
        ax.legend(fontsize=7)
        output.save(fig, args.out / "sharing-cost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
