#!/usr/bin/python3
"""Thread switch cost per configuration, in instructions, under QEMU -icount shift=0.

    benchmarks/thread-switch/run.py [--out DIR]

Builds apps/switchbench in every configuration under configs/switchbench/ and boots each with
-icount shift=0 (guest rdtsc = instructions executed).  Two threads of one compartment yield to each
other N times: one yield of main is a round trip of two switches (libs/sched and the backend's
__bh_thread_switch).  Under [threads] dss = "owner" (the default with private stacks) and "running",
each switch also parks the leaving thread's data shadow stacks and unparks the coming thread's
(kernel/dss.c: a kernel service that re-keys both threads' slots of every compartment it parks: under
"owner" those bulkhead-dss finds only lend their stack data, here the bench's; under "running" every
compartment's); "parking" is the difference to the same image with dss = "all", measured side by side
in this run.  TCG does not
model MPK or TLB timing: these are instruction counts, not cycles.

Results: results/thread-switch.csv (and results/thread-switch.svg/.png where matplotlib is installed).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bulkhead import config, image, qemu  # noqa: E402
from bulkhead.diag import BulkheadError  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import output  # noqa: E402

BASELINE = "switchbench-mpk2-private-all"   # private stacks, dss = "all": nothing parked


def measure(cfg_path: Path) -> dict[str, str]:
    cfg = config.load(cfg_path)
    img = image.build(cfg)
    res = qemu.run(img.elf, timeout=120, echo=False, icount=True)
    m = re.search(r"switchbench: yields (\d+) plain-loop (\d+) yield-loop (\d+) tsc", res.output)
    if res.status != 0 or not m:
        raise BulkheadError(f"{cfg_path}: switchbench exited with {res.status}:\n{res.output}")
    n, plain, yields = (int(g) for g in m.groups())
    return {"config": cfg.name, "backend": cfg.backend.name, "compartments": str(len(cfg.compartments)),
            "stack": "private" if cfg.private_stacks else "shared", "dss": cfg.thread_dss,
            "stack_kib": str(cfg.stack_kib), "yields": str(n),
            "round_trip_instr": f"{(yields - plain) / n:.1f}", "clock": "tcg -icount shift=0"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "thread-switch" / "results")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for cfg in sorted((ROOT / "configs" / "switchbench").glob("*.toml")):
        print(f"thread-switch: {cfg.name} ...", file=sys.stderr, flush=True)
        rows.append(measure(cfg))
    base = next((float(r["round_trip_instr"]) for r in rows if r["config"] == BASELINE), None)
    for r in rows:
        parked = r["stack"] == "private" and r["dss"] != "all" and base is not None
        r["parking_instr_per_switch"] = f"{(float(r['round_trip_instr']) - base) / 2:.1f}" if parked else ""
        print("  " + ", ".join(f"{k}={v}" for k, v in r.items()))
    output.write_csv(args.out / "thread-switch.csv", rows, "thread-switch")
    output.bars("thread-switch", [r["config"].removeprefix("switchbench-") for r in rows],
                [float(r["round_trip_instr"]) for r in rows], "instructions per yield round trip",
                "thread switch x 2 (QEMU TCG, -icount shift=0)", args.out / "thread-switch", (6, 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
