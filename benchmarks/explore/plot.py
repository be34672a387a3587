#!/usr/bin/python3
"""fig-08: the safety order of a set of configurations as a Hasse diagram, coloured by a metric, with
the safest configurations that meet the budget starred (what `./bulkhead explore` prints).

  benchmarks/explore/plot.py --flexos ../shared/reference/flexos-data --metric GET --min 500000 \
      [--poset ../shared/reference/flexos-data/poset.dot] [-o STEM]
  benchmarks/explore/plot.py RESULTS.db --metric NAME --min X [-o STEM]

Writes STEM.dot, STEM.svg and STEM.png (default STEM: benchmarks/explore/results/fig-08-<order>).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bulkhead.diag import BulkheadError, info  # noqa: E402
from bulkhead.explore import command  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    command.add_arguments(p)
    p.add_argument("-o", dest="stem", type=Path, help="output path without suffix")
    p.add_argument("--title", help="figure title")
    args = p.parse_args(argv)
    try:
        from bulkhead import deps
        deps.ensure("plot")         # explore's packages plus matplotlib (deps.py)
        from bulkhead.explore import figure
        sel = command.select(args)
        minimum, keep = command._budget(args)
        which = "drawn" if args.poset else "full"
        stem = args.stem or ROOT / "benchmarks" / "explore" / "results" / f"fig-08-{which}"
        src = f"FlexOS {args.app or 'redis'}" if args.flexos else args.results.name
        title = args.title or f"{src}: safety order ({'as drawn in ' + args.poset.name if args.poset else 'full'})"
        for f in figure.write(sel, stem, title, minimum, keep):
            print(f)
        info(f"stars: {', '.join(sel.namer.label(q) for q in sel.maximal)}")
        return 0
    except BulkheadError as e:
        print(e, file=sys.stderr)
        return e.status


if __name__ == "__main__":
    sys.exit(main())
