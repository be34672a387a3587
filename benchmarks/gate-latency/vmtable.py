#!/usr/bin/python3
"""The vm gate's numbers in gates/vm/README.md, rendered from the benchmark's output file.

gates/vm/README.md holds the table between the markers below; this script renders it from
benchmarks/gate-latency/results/gate-latency.csv (written by run.py), so no number there is typed by
hand.  `--write` replaces the table in the README, `--check` (tests/test_vm_docs.py) fails when the
README does not say what the CSV says.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSV = ROOT / "benchmarks" / "gate-latency" / "results" / "gate-latency.csv"
# The vm rows measured at 033e869, before every machine had stacks of its own (issue 14): the same
# benchmark's output, kept for the before/after line of the table.
BEFORE = ROOT / "benchmarks" / "gate-latency" / "results" / "gate-latency-vm-before.csv"
BEFORE_LABEL = "before own stacks (033e869)"
README = ROOT / "gates" / "vm" / "README.md"
BEGIN = "<!-- gate-latency table: rendered from benchmarks/gate-latency/results/gate-latency.csv by benchmarks/gate-latency/vmtable.py -->"
END = "<!-- end of the gate-latency table -->"


def _n(text: str) -> str:
    """A count as the table shows it: whole instructions (the CSV keeps two decimals)."""
    return f"{float(text):.0f}"


def render(rows: list[dict[str, str]], before: list[dict[str, str]] | None = None) -> str:
    lines = [BEGIN,
             "| configuration | instructions per round trip (caller + callee [+ doorbell handlers]) | wall time per round trip |",
             "|---|---|---|"]
    for r in rows + [dict(b, config=f"{b['config']}, {BEFORE_LABEL}") for b in before or []]:
        if r["backend"] == "vm":
            parts = f"{_n(r['caller_vm_instr'])} + {_n(r['callee_vm_instr'])}"
            if r["wake"] == "exit":
                parts += f" + {_n(r['doorbell_irq_instr'])}"
            lines.append(f"| {r['config']} | {_n(r['gate_round_trip_instr'])} ({parts}) | "
                         f"{float(r['wall_us_per_round_trip']):.1f} us |")
    for r in rows:
        if r["config"] == "gatebench-mpk2":
            lines.append(f"| {r['config']} (for scale) | {_n(r['gate_round_trip_instr'])} | - |")
    lines.append(END)
    return "\n".join(lines)


def rows(path: Path = CSV) -> list[dict[str, str]]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def current(readme: str) -> str | None:
    if BEGIN not in readme or END not in readme:
        return None
    return readme[readme.index(BEGIN):readme.index(END) + len(END)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="replace the table in gates/vm/README.md")
    ap.add_argument("--check", action="store_true", help="exit 1 if the README's table is not the CSV's")
    args = ap.parse_args()
    table = render(rows(), rows(BEFORE) if BEFORE.is_file() else None)
    text = README.read_text()
    old = current(text)
    if old is None:
        print(f"{README}: no table between the markers {BEGIN!r} and {END!r}", file=sys.stderr)
        return 1
    if args.write:
        README.write_text(text.replace(old, table))
    elif args.check:
        if old != table:
            print(f"{README}: the gate-latency table differs from {CSV}: run {Path(__file__).name} --write",
                  file=sys.stderr)
            return 1
    else:
        print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
