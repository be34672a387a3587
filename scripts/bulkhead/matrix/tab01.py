"""tab-01: porting effort per component, ours beside FlexOS's (FlexOS table 1).

Ours, from one image per app (its manifest.json, written by the pass) and the components' sources:

  * isolation lines: lines of the component's sources (its own files and what its provider compiles,
    e.g. SQLite's amalgamation from Debian's source) that carry an isolation annotation of the kinds
    FlexOS needs by hand (gate placeholders, shared-data attributes, section attributes, callback
    attributes; ANNOTATION below).  bulkhead needs none: the pass places gates and shares data at link
    time, so the goal, and the measurement, is 0;
  * entries: functions of the component that other compartments call through a gate; gated call sites;
    marshalled calls (gates through a thunk: stack arguments, byval, variadic, large returns);
    callbacks (its functions that another compartment's indirect calls may reach); shared globals (its
    globals the pass moved to shared memory); DSS locals (stack variables of its functions moved to the
    data shadow stack or the shared heap).

Choose an image that puts each component in a compartment of its own under `stack = "private"` (the
most that crossing costs: every entry gated, every crossing local moved).

FlexOS's columns come from ../shared/reference/anchors.md ("Porting effort (lines patched, shared
variables marked by hand): ..."), read from the file, never typed here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..diag import BulkheadError, Location

# What FlexOS's porting adds to a library's source by hand, and anything like it aimed at bulkhead.
ANNOTATION = re.compile(r"flexos_|__attribute__\s*\(\(\s*(section\s*\(\s*\"\.(bh|data_shared)|flexos)"
                        r"|\bbh_gate\b|__bh_gate|whitelist", re.I)
# Our component names -> the library names of FlexOS's table.
FLEXOS_NAME = {"vfs": "vfs+ramfs", "ramfs": "vfs+ramfs", "sched": "scheduler", "lwip": "lwip", "sqlite": "sqlite",
               "time": "time", "redis": "redis", "nginx": "nginx", "iperf": "iperf"}
ANCHOR = "Porting effort (lines patched, shared variables marked by hand):"


@dataclass
class Row:
    app: str
    component: str
    annotated_lines: int
    source_lines: int
    entries: int
    gated_calls: int
    marshalled: int
    callbacks: int
    shared_globals: int
    dss_locals: int
    flexos: tuple[str, int] | None       # (lines patched "+a/-b", shared variables) or None


def flexos_rows(anchors: Path) -> dict[str, tuple[str, int]]:
    """FlexOS's porting effort per library, from anchors.md."""
    try:
        text = anchors.read_text()
    except OSError as e:
        raise BulkheadError(f"cannot read FlexOS's porting effort: {e}", Location(anchors)) from None
    line = next((l for l in text.splitlines() if ANCHOR in l), None)
    if line is None:
        raise BulkheadError(f"no line '{ANCHOR}'", Location(anchors))
    found = re.findall(r"([\w+]+) (\+\d+/-\d+), (\d+)", line.split(ANCHOR, 1)[1])
    if not found:
        raise BulkheadError("the porting-effort line lists no library as 'name +a/-b, n'", Location(anchors))
    return {name: (lines, int(n)) for name, lines, n in found}


def _sources(comp) -> list[Path]:
    """The C files a component compiles: its own, and what its provider builds (Debian sources)."""
    from .. import components
    files = [*comp.sources]
    if comp.build is not None:
        prov = components.provider(comp.build)
        if hasattr(prov, "sources"):
            files += [Path(p) for p in prov.sources()]
    return [f for f in dict.fromkeys(files) if f.is_file()]


def rows(image: Path, app: str, anchors: Path | None) -> list[Row]:
    """One row per placed component of IMAGE, an image of APP (not the kernel or the backend runtime)."""
    from .. import components
    folder = image.parent if image.suffix == ".elf" else image
    try:
        m = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as e:
        raise BulkheadError(f"{folder}: no readable manifest.json ({e})",
                            hint="give an image folder of ./bulkhead build or ./bulkhead matrix") from None
    found = components.discover(app)
    fx = flexos_rows(anchors) if anchors else {}
    owner = {s["name"]: s["component"] for s in m.get("symbols", [])}
    comp_of_compartment = {c["index"]: c["components"] for c in m.get("compartments", [])}
    placed = [c for cs in comp_of_compartment.values() for c in cs]
    out = []
    for name in placed:
        comp = found.get(name)
        if comp is None or comp.system:
            continue
        annotated = total = 0
        for f in _sources(comp):
            for line in f.read_text(errors="replace").splitlines():
                total += 1
                annotated += bool(ANNOTATION.search(line))
        gates = [g for g in m.get("gates", []) if owner.get(g["callee"]) == name]
        callbacks = {e for ic in m.get("indirect_calls", []) for e in ic.get("entries", [])
                     if owner.get(e) == name and name not in comp_of_compartment.get(ic["compartment"], [])}
        out.append(Row(app, name, annotated, total, len({g["callee"] for g in gates}), len(gates),
                       sum(1 for g in gates if g.get("thunk")), len(callbacks),
                       sum(1 for s in m.get("shared_globals", []) if s.get("component") == name),
                       sum(1 for s in m.get("shadow_locals", []) if owner.get(s.get("function")) == name),
                       fx.get(FLEXOS_NAME.get(name, name))))
    return out


HEADER = ("app", "component", "isolation lines (of source lines)", "entries", "gated call sites",
          "marshalled", "callbacks", "shared globals", "DSS locals", "FlexOS: lines patched",
          "FlexOS: shared variables by hand")


def cells(r: Row) -> list[str]:
    return [r.app, r.component, f"{r.annotated_lines} (of {r.source_lines})", str(r.entries), str(r.gated_calls),
            str(r.marshalled), str(r.callbacks), str(r.shared_globals), str(r.dss_locals),
            r.flexos[0] if r.flexos else "-", str(r.flexos[1]) if r.flexos else "-"]


def markdown(rs: list[Row], images: list[Path]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cells(r)) + " |" for r in rs]
    lines.append("")
    lines.append("From " + ", ".join(str(i) for i in images) + " (manifest.json) and the components' sources; "
                 "FlexOS's columns from anchors.md.  scripts/bulkhead/matrix/tab01.py says what each column counts.")
    return "\n".join(lines) + "\n"


def html(rs: list[Row]) -> str:
    from html import escape
    head = "".join(f"<th>{escape(h)}</th>" for h in HEADER)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells(r)) + "</tr>" for r in rs)
    return f'<table class="tab01"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
