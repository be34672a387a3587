"""Importer for FlexOS's published configuration-space data (asplos22-ae; ../shared/reference/flexos-data).

Reads `<app>-permutations.csv` (one row per task: each library's compartment and hardening, each
compartment's driver), `<app>-results.csv` (TASKID, CHUNK, ITERATION, METHOD, VALUE), `raw-data.ods`
(the per-configuration Redis GET values behind fig-08, in Kreq/s, labelled as in the dot) and
`poset.dot` (fig-08's poset, whose labels fix how compartments are numbered when printing).
Everything becomes model.Point, so the CSV's `R1 N1 S2 L2` and the dot's `R2 N2 S1 L1` are one key.
"""
from __future__ import annotations

import csv
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..diag import BulkheadError, Location
from .model import Namer, Point, point_from_numbers
from . import order


@dataclass(frozen=True)
class App:
    column: str             # the CSV's library column prefix
    letter: str             # its letter in labels
    metrics: tuple[str, ...]


APPS = {"redis": App("LIBREDIS", "R", ("GET", "SET")), "nginx": App("LIBNGINX", "X", ("REQ",))}
# The libraries the labels name, in label order after the app (FlexOS's fig-08: R N S L).
LIBS = (("newlib", "LIBNEWLIB", "N"), ("uksched", "LIBUKSCHED", "S"), ("lwip", "LIBLWIP", "L"))
# Libraries the labels leave out: the importer checks that they always sit, unhardened, with the app.
FIXED = ("LIBTLSF", "LIBPTHREAD_EMBEDDED")
DRIVERS = {("intel-pku", "false"): "mpk-light", ("intel-pku", "true"): "mpk-private"}
ODS_SCALE = {"kreq/s": 1000.0, "req/s": 1.0}


@dataclass
class Task:
    taskid: str
    point: Point
    csv_label: str          # the configuration numbered as the CSV numbers it
    line: int


@dataclass
class Data:
    app: str
    namer: Namer
    tasks: list[Task]
    samples: dict[str, dict[Point, list[float]]]          # metric -> point -> every CSV value
    ods: dict[Point, float] = field(default_factory=dict)  # GET, req/s (Redis only)
    dot: nx.DiGraph | None = None
    dot_attrs: dict[Point, dict[str, str]] = field(default_factory=dict)

    @property
    def points(self) -> list[Point]:
        """Every configuration of the data set: the dot's, the spreadsheet's and the CSV's."""
        seen = dict.fromkeys([*(self.dot or []), *self.ods, *(t.point for t in self.tasks)])
        return list(seen)

    def values(self, metric: str, source: str) -> dict[Point, float]:
        """metric per configuration: `ods` (raw-data.ods), or the `mean` / `median` of every CSV sample
        (all tasks, chunks and iterations of that configuration)."""
        if source == "ods":
            if metric != "GET" or not self.ods:
                raise BulkheadError(f"raw-data.ods holds Redis GET only, not {self.app} {metric}",
                                    hint="use --values mean or --values median (from the results CSV)")
            return dict(self.ods)
        if metric not in self.samples:
            raise BulkheadError(f"the {self.app} results have no metric {metric!r}",
                                hint="metrics: " + ", ".join(sorted(self.samples)))
        agg = statistics.fmean if source == "mean" else statistics.median
        return {p: agg(v) for p, v in self.samples[metric].items()}


def namer_for(app: str) -> Namer:
    return Namer({app: APPS[app].letter, **{name: letter for name, _, letter in LIBS}})


def load(folder: Path, app: str = "redis") -> Data:
    if app not in APPS:
        raise BulkheadError(f"unknown FlexOS application {app!r}", hint="one of: " + ", ".join(APPS))
    if not folder.is_dir():
        raise BulkheadError(f"no such folder: {folder}", hint="give --flexos the folder of FlexOS's data "
                            "(../shared/reference/flexos-data)")
    namer = namer_for(app)
    data = Data(app, namer, [], {})
    dot = folder / "poset.dot"
    if app == "redis" and dot.is_file():          # first: its labels fix the numbering to print
        data.dot, data.dot_attrs = order.read_dot(dot, namer)
    data.tasks = read_permutations(folder / f"{app}-permutations.csv", app, namer)
    data.samples = read_results(folder / f"{app}-results.csv", data.tasks)
    ods = folder / "raw-data.ods"
    if app == "redis" and ods.is_file():
        data.ods = read_ods(ods, namer)
    return data


def _open_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise BulkheadError(f"no such file: {path}", hint="FlexOS's data folder must hold it")
    with path.open(newline="") as f:
        return [(i + 2, row) for i, row in enumerate(csv.DictReader(f))]


def read_permutations(path: Path, app: str, namer: Namer) -> list[Task]:
    cols = [(app, APPS[app].column), *((n, c) for n, c, _ in LIBS)]
    tasks = []
    for line, row in _open_csv(path):
        where = Location(path, line)
        try:
            nums = {name: int(row[f"{col}_COMPARTMENT"]) for name, col in cols}
            hard = {name for name, col in cols if row[f"{col}_SFI"] == "y"}
            for col in FIXED:
                if row[f"{col}_COMPARTMENT"] != row[f"{APPS[app].column}_COMPARTMENT"] or row[f"{col}_SFI"] != "n":
                    raise BulkheadError(f"{col} is not with the application, unhardened: the labels "
                                        f"({' '.join(namer.letters.values())}) cannot name this configuration", where)
            mechs = {DRIVERS.get((row[f"COMPARTMENT{n}_DRIVER"], row[f"COMPARTMENT{n}_ISOLSTACK"]))
                     for n in set(nums.values())}
        except KeyError as e:
            raise BulkheadError(f"missing column {e}", where) from None
        except ValueError as e:
            raise BulkheadError(f"bad compartment number: {e}", where) from None
        if None in mechs or len(mechs) != 1:
            raise BulkheadError("compartments use an unknown driver or different mechanisms "
                                f"(known: {', '.join(map(str, DRIVERS))})", where)
        p = point_from_numbers(namer.components, nums, hard, mechs.pop())
        raw = Namer(namer.letters, {p.partition: nums})
        tasks.append(Task(row["TASKID"], p, raw.label(p), line))
    return tasks


def read_results(path: Path, tasks: list[Task]) -> dict[str, dict[Point, list[float]]]:
    by_id = {t.taskid: t.point for t in tasks}
    out: dict[str, dict[Point, list[float]]] = defaultdict(lambda: defaultdict(list))
    for line, row in _open_csv(path):
        try:
            point = by_id[row["TASKID"]]
            out[row["METHOD"]][point].append(float(row["VALUE"]))
        except KeyError as e:
            raise BulkheadError(f"unknown task or missing column {e}", Location(path, line)) from None
        except ValueError as e:
            raise BulkheadError(f"bad value: {e}", Location(path, line)) from None
    return {m: dict(v) for m, v in out.items()}


def per_task(path: Path, tasks: list[Task], metric: str) -> dict[str, list[float]]:
    """metric values of each task (for the aggregate report)."""
    out: dict[str, list[float]] = defaultdict(list)
    for _, row in _open_csv(path):
        if row["METHOD"] == metric:
            out[row["TASKID"]].append(float(row["VALUE"]))
    return out


def _cells(row) -> list[tuple[str, str | None]]:
    from odf.table import TableCell
    from odf.text import P
    cells = []
    for c in row.getElementsByType(TableCell):
        text = "".join(str(p) for p in c.getElementsByType(P)).strip()
        n = int(c.getAttribute("numbercolumnsrepeated") or 1)
        cells.extend([(text, c.getAttribute("value"))] * min(n, 64))
    return cells


def read_ods(path: Path, namer: Namer) -> dict[Point, float]:
    """raw-data.ods: rows with a configuration label and, in the next cell, its GET throughput; the unit
    comes from the header (Kreq/s in FlexOS's sheet)."""
    from odf.opendocument import load as load_ods   # Debian python3-odf
    from odf.table import Table, TableRow
    try:
        doc = load_ods(str(path))
    except Exception as e:   # odfpy raises zipfile/xml errors of several kinds on a damaged file
        raise BulkheadError(f"cannot read the spreadsheet: {e}", Location(path)) from None
    scale = None
    out: dict[Point, float] = {}
    for table in doc.spreadsheet.getElementsByType(Table):
        for r, row in enumerate(table.getElementsByType(TableRow), 1):
            cells = _cells(row)
            for i, (text, _) in enumerate(cells):
                low = text.lower().replace(" ", "")
                if scale is None and "throughput" in low:
                    scale = next((s for u, s in ODS_SCALE.items() if f"({u})" in low), None)
                try:
                    p = namer.parse(text)
                except ValueError:
                    continue
                value = cells[i + 1][1] if i + 1 < len(cells) else None
                where = Location(path, r)
                if value is None:
                    raise BulkheadError(f"configuration {text!r} has no numeric value beside it", where)
                if scale is None:
                    raise BulkheadError("no throughput header with a unit (Kreq/s or req/s) above the values", where)
                if p in out:
                    raise BulkheadError(f"configuration {text!r} appears twice", where)
                out[p] = float(value) * scale
                break
    if not out:
        raise BulkheadError("no configuration labels found", Location(path),
                            hint="rows must hold a label such as 'R1H N1 S2 L3' and its value")
    return out
