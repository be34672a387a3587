#!/usr/bin/python3
"""Everything docs/explore.md quotes about FlexOS's data, written to benchmarks/explore/results/:

  maximal-drawn.txt   ./bulkhead explore --flexos DIR --metric GET --min 500000 --poset DIR/poset.dot
  maximal-full.txt    the same under the full order
  maximal-*-median.txt  both again with the median of the results CSV instead of raw-data.ods
  compare.txt         poset.dot against the full order (--show compare)
  labels.txt          the CSV's compartment numbering against the dot's (--show labels)
  aggregates.txt      the CSV's mean and median against raw-data.ods (--show aggregates)
  fig-08-drawn.*, fig-08-full.*   plot.py, both orders

  benchmarks/explore/run.py [--flexos DIR] [--min 500000]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = HERE / "results"


def bulkhead(*args: str) -> str:
    res = subprocess.run(["/usr/bin/python3", str(ROOT / "bulkhead"), "explore", *args],
                         capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        sys.exit(f"explore {' '.join(args)} failed:\n{res.stderr}")
    return res.stdout + "".join(l + "\n" for l in res.stderr.splitlines() if l.startswith("bulkhead: "))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--flexos", type=Path, default=ROOT.parent / "shared" / "reference" / "flexos-data")
    p.add_argument("--min", default="500000")
    args = p.parse_args()
    d, dot = str(args.flexos), str(args.flexos / "poset.dot")
    budget = ["--flexos", d, "--metric", "GET", "--min", args.min]
    OUT.mkdir(exist_ok=True)
    reports = {"maximal-drawn.txt": [*budget, "--poset", dot], "maximal-full.txt": budget,
               "maximal-drawn-median.txt": [*budget, "--poset", dot, "--values", "median"],
               "maximal-full-median.txt": [*budget, "--values", "median"],
               "compare.txt": [*budget, "--show", "compare"],
               "labels.txt": ["--flexos", d, "--show", "labels"],
               "aggregates.txt": ["--flexos", d, "--show", "aggregates", "--metric", "GET"]}
    for name, argv in reports.items():
        (OUT / name).write_text(bulkhead(*argv))
        print(OUT / name)
    for extra in (["--poset", dot], []):
        subprocess.run(["/usr/bin/python3", str(HERE / "plot.py"), *budget, *extra], check=True, timeout=300)
    return 0


if __name__ == "__main__":
    sys.exit(main())
