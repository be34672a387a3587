#!/usr/bin/python3
"""fig-06 of the SQLite matrix, from its results database (FlexOS fig. 6's layout,
scripts/bulkhead/matrix/fig06.py): one row per configuration, per component a cell coloured by its
compartment (the kernel's the first colour) with ● hardened / ○ not, the mechanism, and the metric as a
bar coloured by mechanism; none and mpk in the left panel, vm (exit and poll) in the right one.

    benchmarks/sqlite-matrix/plot.py [DB] [--metric insert_instructions] [-o STEM]

Writes STEM.png and STEM.svg (default results/fig-06) and results/summary.txt (outcomes, wall times,
cache hits, the metric per mechanism); every value in them comes from DB.  With the image of the most
separated mpk-private configuration in build/images, also results/tab-01.md (porting effort,
scripts/bulkhead/matrix/tab01.py).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))

from bulkhead.diag import BulkheadError  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path, nargs="?", default=HERE / "results" / "results.db")
    ap.add_argument("--metric", default="insert_instructions")
    ap.add_argument("-o", "--out", type=Path, default=HERE / "results" / "fig-06")
    args = ap.parse_args()
    try:
        from bulkhead import deps
        deps.ensure("plot")
        from bulkhead.matrix import fig06
        rows = fig06.load(args.db, args.metric)
        commits = sorted({r.commit[:12] for r in rows})
        title = (f"SQLite, 500 INSERTs: instructions of the loop (work clock under QEMU -icount; vm: summed over "
                 f"the machines, waiting excluded), {len(rows)} configurations\n"
                 f"cell colour: compartment (the kernel's is the first, pink); bar colour: mechanism; database {args.db.name}, commit {', '.join(commits)}")
        for f in fig06.draw(rows, args.metric, args.out, title):
            print(f)
        text = fig06.summary(args.db, rows, args.metric)
        (args.out.parent / "summary.txt").write_text(text)
        print(text, end="")
        from bulkhead import paths
        from bulkhead.matrix import tab01
        private = sorted((r for r in rows if r.mech == "mpk-private" and r.build == "ok"),
                         key=lambda r: -r.compartments)
        if private and (paths.IMAGES / private[0].name / "manifest.json").is_file():
            anchors = ROOT.parent / "shared" / "reference" / "anchors.md"
            folder = paths.IMAGES / private[0].name
            tab = tab01.markdown(tab01.rows(folder, "sqlite-bench", anchors if anchors.is_file() else None),
                                 [folder.relative_to(ROOT)])
            (args.out.parent / "tab-01.md").write_text(tab)
            print(tab, end="")
        return 0
    except BulkheadError as e:
        print(e, file=sys.stderr)
        return e.status


if __name__ == "__main__":
    sys.exit(main())
