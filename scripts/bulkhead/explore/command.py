"""`./bulkhead explore`: the safest configurations that meet a budget, and reports on FlexOS's data.

  ./bulkhead explore --flexos DIR --metric GET --min 500000 [--poset DIR/poset.dot]
  ./bulkhead explore RESULTS.db --metric NAME --min X | --max X [--commit C]
  ./bulkhead explore --flexos DIR --show compare|labels|aggregates
  ./bulkhead explore --expand SPEC.toml [--out DIR]   the configurations of a matrix spec (no build)
"""
from __future__ import annotations

import argparse
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..diag import BulkheadError, info

if TYPE_CHECKING:   # the parser is built without these (deps.ensure installs them first)
    import networkx as nx
    from . import flexos
    from .model import Namer, Point

SHOW = ("maximal", "compare", "labels", "aggregates")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", nargs="?", type=Path, help="results database of ./bulkhead matrix (SQLite)")
    p.add_argument("--flexos", type=Path, metavar="DIR",
                   help="FlexOS's published data instead (../shared/reference/flexos-data)")
    p.add_argument("--app", help="FlexOS: redis (default) or nginx; results: the app to compare")
    p.add_argument("--metric", help="the figure to budget (FlexOS Redis: GET, SET; Nginx: REQ)")
    b = p.add_mutually_exclusive_group()
    b.add_argument("--min", type=float, help="budget: keep configurations whose metric is at least this")
    b.add_argument("--max", type=float, help="budget: keep configurations whose metric is at most this")
    p.add_argument("--poset", type=Path, metavar="FILE.dot",
                   help="use the order drawn in this file instead of the full order (FlexOS data only)")
    p.add_argument("--values", choices=("ods", "mean", "median"),
                   help="FlexOS: per-configuration values from raw-data.ods (default for Redis GET) or the "
                        "mean / median of the results CSV (default otherwise)")
    p.add_argument("--commit", help="results: the commit whose runs count (default: each one's newest)")
    x = p.add_argument_group("matrix specs")
    x.add_argument("--expand", type=Path, metavar="SPEC.toml",
                   help="write the configurations a matrix spec expands to, each checked (no build)")
    x.add_argument("--out", type=Path, metavar="DIR",
                   help="where --expand writes them (default build/matrix/<spec name>/configs)")
    p.add_argument("--show", choices=SHOW, default="maximal",
                   help="maximal (default): the safest configurations within the budget; compare: the "
                        "drawn poset against the full order; labels: CSV numbering against the dot's; "
                        "aggregates: the CSV's aggregates against raw-data.ods")


@dataclass
class Selection:
    """Everything a printout or fig-08 needs."""
    order: nx.DiGraph                 # edges toward the safer configuration
    value: dict[Point, float]
    maximal: list[Point]
    namer: Namer
    names: dict[Point, list[str]]     # results: the configurations behind each point
    what: str                         # e.g. "GET >= 500000 under the full order"


def _check(args: argparse.Namespace) -> None:
    if (args.results is None) == (args.flexos is None):
        raise BulkheadError("give either a results database or --flexos DIR",
                            hint="./bulkhead explore RESULTS.db --metric NAME --min X")
    if args.results is not None:
        for opt in ("poset", "values"):
            if getattr(args, opt) is not None:
                raise BulkheadError(f"--{opt} applies to --flexos data only")
        if args.show != "maximal":
            raise BulkheadError("--show applies to --flexos data only")
    if args.show == "maximal" and (args.metric is None or (args.min is None and args.max is None)):
        raise BulkheadError("say what to budget: --metric NAME and --min X (or --max X)")


def _budget(args: argparse.Namespace) -> tuple[float, Callable[[float, float], bool]]:
    if args.min is not None:
        return args.min, lambda v, m: v >= m
    return args.max, lambda v, m: v <= m


def select(args: argparse.Namespace) -> Selection:
    from . import flexos, order, results
    from .model import Namer
    _check(args)
    if args.flexos is not None:
        data = flexos.load(args.flexos, args.app or "redis")
        source = args.values or ("ods" if data.ods and args.metric == "GET" else "median")
        value = data.values(args.metric, source)
        namer, names = data.namer, {}
        points = data.points
    else:
        conn = results.connect(args.results)
        try:
            found = results.entries(conn, args.metric, args.commit, args.app)
            if not found:
                known = results.metrics(conn)
                raise BulkheadError(f"no successful run recorded {args.metric!r}" +
                                    (f" at commit {args.commit}" if args.commit else ""),
                                    hint="metrics in the database: " + (", ".join(known) or "none"))
        finally:
            conn.close()
        # Configurations with equal safety (vm exit and poll of one placement) are one point; it meets
        # the budget when one of them does, and the printout names those that do.
        minimum, keep = _budget(args)
        best = max if args.min is not None else min
        value, names = {}, defaultdict(list)
        for e in found:
            value[e.point] = best(value.get(e.point, e.value), e.value)
            if keep(e.value, minimum):
                names[e.point].append(f"{e.name} ({e.value:g})")
        points = list(value)
        namer = Namer({c: c for c in points[0].components})
        source = "results"
    if args.poset is not None:
        drawn, _ = order.read_dot(args.poset, namer)
        extra, absent = set(drawn) - set(points), set(points) - set(drawn)
        if extra:
            info(f"{len(extra)} configurations of {args.poset} have no value: they never meet the budget")
        if absent:
            info(f"{len(absent)} configurations with a value are not in {args.poset}: left out")
        g, how = drawn, f"the order drawn in {args.poset.name}"
    else:
        g, how = order.full_order(points), "the full order"
    minimum, keep = _budget(args)
    best_ = order.maximal_meeting(g, value, minimum, keep)
    what = f"{args.metric} {'>=' if args.min is not None else '<='} {minimum:g} ({source}) under {how}"
    return Selection(g, value, best_, namer, dict(names), what)


def expand(args: argparse.Namespace) -> int:
    from .. import paths
    from . import spec as spec_mod
    if args.results is not None or args.flexos is not None:
        raise BulkheadError("--expand takes a spec only, not a results database or --flexos")
    spec = spec_mod.load(args.expand)
    variants, skipped = spec_mod.expand(spec)
    out = args.out or paths.BUILD / "matrix" / spec.name / "configs"
    for f in spec_mod.write(spec, variants, out):
        print(f)
    for why in skipped:
        info(f"left out {why}")
    placements = len({v.code for v in variants if v.backend != "none"})
    info(f"{args.expand}: {len(variants)} configurations ({placements} placements of {len(spec.units)} units "
         f"x {sum(len(c) for b, c in spec.backends.items() if b != 'none')} backend modes"
         f"{' + none' if 'none' in spec.backends else ''}), each valid by check; {len(skipped)} left out")
    return 0


def run(args: argparse.Namespace) -> int:
    from . import flexos
    if args.expand is not None:
        return expand(args)
    if args.show != "maximal":
        _check(args)
        data = flexos.load(args.flexos, args.app or "redis")
        {"compare": show_compare, "labels": show_labels, "aggregates": show_aggregates}[args.show](data, args)
        return 0
    sel = select(args)
    minimum, keep = _budget(args)
    meets = sum(1 for p in sel.order if p in sel.value and keep(sel.value[p], minimum))
    info(f"{meets} of {sel.order.number_of_nodes()} configurations meet {sel.what}; "
         f"{len(sel.maximal)} have no safer one that does")
    for p in sorted(sel.maximal, key=lambda p: (len(p.partition), sel.namer.label(p))):
        print(sel.namer.label(p) + (f"  {p.mechanism}: " + ", ".join(sel.names[p]) if sel.names else ""))
    return 0


def _need_dot(data: flexos.Data) -> nx.DiGraph:
    if data.dot is None:
        raise BulkheadError("this report needs poset.dot in the FlexOS data folder (Redis only)")
    return data.dot


def show_compare(data: flexos.Data, args: argparse.Namespace) -> None:
    from . import order
    dot = _need_dot(data)
    full = order.full_order(dot.nodes)
    c = order.compare(dot, full)
    lab = data.namer.label
    print(f"poset.dot: {dot.number_of_nodes()} configurations, {dot.number_of_edges()} edges")
    print(f"edges that do not follow from the definition: {len(c.unfounded)}")
    for a, b in c.unfounded:
        print(f"  {lab(a)} -> {lab(b)}")
    print(f"edges that follow but skip a configuration in between: {len(c.not_covering)}")
    print(f"full order: {c.full_relations} strict relations; the dot implies {c.drawn_relations} "
          f"(its transitive closure), {c.missing_relations} are missing")
    print(f"Hasse diagram of the full order: {order.hasse(full).number_of_edges()} edges, "
          f"{len(c.missing_covers)} of them absent from the dot")
    if args.metric and args.min is not None:
        _why(data, args, dot, full)
    kinds = Counter(("same placement" if a.partition == b.partition else
                     "same hardening" if a.hardened == b.hardened else "other") for a, b in c.missing_covers)
    print("  by kind: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    for a, b in c.missing_covers:
        print(f"  {lab(a)} -> {lab(b)}")


def _why(data: flexos.Data, args: argparse.Namespace, dot: nx.DiGraph, full: nx.DiGraph) -> None:
    """Which configurations the drawn order stars and the full one does not, and what is safer."""
    from . import order
    source = args.values or ("ods" if data.ods and args.metric == "GET" else "median")
    value = data.values(args.metric, source)
    minimum, keep = _budget(args)
    drawn, whole = (order.maximal_meeting(g, value, minimum, keep) for g in (dot, full))
    lab = data.namer.label
    print(f"at {args.metric} >= {minimum:g} ({source}): the dot's {len(drawn)} maximal configurations, "
          f"the full order's {len(whole)}")
    for p in drawn:
        if p in whole:
            print(f"  {lab(p)} ({value[p]:.0f}): maximal in both")
            continue
        safer = [q for q in full.successors(p) if keep(value[q], minimum)]
        print(f"  {lab(p)} ({value[p]:.0f}): under the full order, safer and within the budget: "
              + ", ".join(f"{lab(q)} ({value[q]:.0f})" for q in safer))


def show_labels(data: flexos.Data, args: argparse.Namespace) -> None:
    from . import flexos
    pairs = Counter((t.csv_label, data.namer.label(t.point)) for t in data.tasks)
    same = sum(n for (c, d), n in pairs.items() if c == d)
    measured = {t.point for t in data.tasks if any(t.point in v for v in data.samples.values())}
    ran = flexos.per_task(args.flexos / f"{data.app}-results.csv", data.tasks, next(iter(data.samples), ""))
    print(f"{len(data.tasks)} tasks ({len(ran)} with results), {len({t.point for t in data.tasks})} distinct "
          f"configurations ({len(measured)} with results); {same} tasks numbered as the "
          f"{'dot' if data.dot else 'printout'} numbers them")
    placements = defaultdict(set)
    for t in data.tasks:
        raw = " ".join(w.rstrip("H") for w in t.csv_label.split())
        canon = " ".join(w.rstrip("H") for w in data.namer.label(t.point).split())
        placements[canon].add(raw)
    for canon, raws in sorted(placements.items()):
        print(f"  {'dot' if data.dot else 'printed as'} {canon}: CSV " + ", ".join(sorted(raws)))


def show_aggregates(data: flexos.Data, args: argparse.Namespace) -> None:
    from . import flexos
    metric = args.metric or "GET"
    if not data.ods:
        raise BulkheadError("raw-data.ods is missing or not for this app: nothing to compare with")
    mean, median = data.values(metric, "mean"), data.values(metric, "median")
    ntasks = Counter(t.point for t in data.tasks
                     if t.taskid in flexos.per_task(args.flexos / f"{data.app}-results.csv", data.tasks, metric))
    print(f"{'configuration':18} {'ods':>9} {'tasks':>5} {'n':>3} {'mean':>9} {'median':>9} {'mean/ods':>8} {'median/ods':>10}")
    rel_mean, rel_med = [], []
    for p, ods in data.ods.items():
        if p not in mean:
            print(f"{data.namer.label(p):18} {ods:9.0f}  no CSV samples")
            continue
        rel_mean.append(mean[p] / ods - 1)
        rel_med.append(median[p] / ods - 1)
        print(f"{data.namer.label(p):18} {ods:9.0f} {ntasks[p]:5} {len(data.samples[metric][p]):3} "
              f"{mean[p]:9.0f} {median[p]:9.0f} {rel_mean[-1]:+8.1%} {rel_med[-1]:+10.1%}")
    for name, rel in (("mean", rel_mean), ("median", rel_med)):
        print(f"CSV {name} against raw-data.ods over {len(rel)} configurations: median {statistics.median(rel):+.1%}, "
              f"range {min(rel):+.1%} .. {max(rel):+.1%}, above in {sum(r > 0 for r in rel)}, "
              f"within 1% in {sum(abs(r) <= 0.01 for r in rel)}")
