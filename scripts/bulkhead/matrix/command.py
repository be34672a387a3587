"""`./bulkhead matrix`: arguments and dispatch.

  ./bulkhead matrix SPEC.toml [-j N] [--db FILE] [--out DIR] [--csv FILE]
  ./bulkhead matrix SPEC.toml --slurm [--slurm-args="--partition=p --time=00:30:00"]
  ./bulkhead matrix SPEC.toml --expand [--out DIR]     the configurations only, each checked (no build)
  ./bulkhead matrix --csv FILE --db FILE                export a results database
"""
from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from ..diag import BulkheadError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", nargs="?", type=Path, help="matrix spec (TOML; docs/matrix.md)")
    p.add_argument("-j", "--jobs", type=int, default=1, help="links and runs at a time (default 1)")
    p.add_argument("--db", type=Path, help="results database (default <out>/results.db)")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="the matrix folder: configs/, results/, logs/ (default build/matrix/<spec name>)")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write the results as CSV (metrics as columns)")
    p.add_argument("--expand", action="store_true", help="only write and check the configurations")
    p.add_argument("--slurm", action="store_true", help="links and runs as a Slurm array job (sbatch)")
    p.add_argument("--slurm-args", default="", metavar="ARGS",
                   help="more sbatch options, e.g. --slurm-args=\"--partition=p --time=00:30:00\"")
    p.add_argument("--job", type=Path, help=argparse.SUPPRESS)       # one job of a plan (driver, Slurm)
    p.add_argument("--index", type=int, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    if args.job is not None:
        from .job import execute
        from .plan import Plan
        idx = args.index if args.index is not None else int(os.environ.get("SLURM_ARRAY_TASK_ID", "-1"))
        execute(Plan.load(args.job), idx)
        return 0
    if args.spec is None:
        if args.csv and args.db:
            from ..explore import results
            from .export import write_csv
            conn = results.connect(args.db)
            try:
                print(f"{write_csv(conn, args.csv)} rows: {args.csv}")
            finally:
                conn.close()
            return 0
        raise BulkheadError("give a matrix spec (or --csv FILE --db FILE to export a database)",
                            hint="./bulkhead matrix benchmarks/sqlite-matrix/spec.toml -j 2")
    if args.jobs < 1:
        raise BulkheadError("-j needs a positive number of jobs")
    if args.expand:
        return expand(args)
    from .driver import matrix
    return matrix(args.spec, jobs=args.jobs, out=args.out, db=args.db, slurm=args.slurm,
                  slurm_args=shlex.split(args.slurm_args), csv_path=args.csv)


def expand(args: argparse.Namespace) -> int:
    """As `./bulkhead explore --expand`: the configurations, written and checked."""
    from ..explore import command as explore_command
    ns = argparse.Namespace(expand=args.spec, out=args.out / "configs" if args.out else None,
                            results=None, flexos=None)
    return explore_command.expand(ns)
