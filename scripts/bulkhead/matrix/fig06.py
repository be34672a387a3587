"""fig-06 of a matrix, from its results database (FlexOS fig. 6's layout): one row per configuration; per
placed component a cell whose colour is its compartment (the kernel's compartment always the first
colour) with a hardening mark inside (● hardened, ○ not); the mechanism; and the metric as a bar,
coloured by mechanism.  Rows are grouped in panels by backend (none and mpk | vm).  Configurations
without the metric (skipped, failed) carry their status and reason instead of a bar.

Components that share a compartment in every configuration are one column (vfs+ramfs,
kernel+sqlbench).  Used by benchmarks/sqlite-matrix/plot.py and `./bulkhead report`.
"""
from __future__ import annotations

import json
import sqlite3
import statistics
from dataclasses import dataclass
from pathlib import Path

from ..diag import BulkheadError

MECH_ORDER = {"none": 0, "mpk-light": 1, "mpk-private": 2, "vm": 3}
MECH_COLOUR = {"none": "#7f7f7f", "mpk-light": "#1f77b4", "mpk-private": "#2ca02c", "vm exit": "#d62728",
               "vm poll": "#ff7f0e"}


@dataclass
class Row:
    name: str
    mech: str
    wake: str
    placement: dict[str, int]
    hardened: set[str]
    commit: str
    build: str
    run: str | None
    error: str
    value: float | None
    build_wall_s: float | None = None
    run_wall_s: float | None = None

    @property
    def label(self) -> str:
        return self.mech + (f" {self.wake}" if self.wake else "")

    @property
    def compartments(self) -> int:
        return len(set(self.placement.values()))


def load(db: Path, metric: str) -> list[Row]:
    """Each configuration's newest result, with `metric` (None where its run did not print it)."""
    from ..explore import results
    conn = results.connect(db)
    try:
        cur = conn.execute(
            "SELECT c.name, c.mechanism, c.options, c.placement, c.hardened, r.commit_id, r.build_status, "
            "r.run_status, coalesce(r.run_error, r.build_error), m.value, r.build_wall_s, r.run_wall_s "
            "FROM configuration c JOIN result r ON r.config = c.key "
            "LEFT JOIN metric m ON m.config = r.config AND m.commit_id = r.commit_id AND m.name = ? "
            "ORDER BY r.updated_at", (metric,))
        rows = [Row(n, mech, json.loads(opts).get("wake", ""),
                    {c: i for c, i in json.loads(pl).items() if not c.startswith("backend-")},
                    set(json.loads(hard)), commit, b, r, err or "", v, bw, rw)
                for n, mech, opts, pl, hard, commit, b, r, err, v, bw, rw in cur]
    finally:
        conn.close()
    newest = {r.name: r for r in rows}
    if not newest:
        raise BulkheadError(f"{db} holds no results", hint="./bulkhead matrix SPEC.toml --db FILE fills it")
    return sorted(newest.values(), key=lambda r: (MECH_ORDER.get(r.mech, 9), r.wake, r.compartments, r.name))


def columns(rows: list[Row]) -> list[list[str]]:
    """Components grouped into columns: those that share a compartment in every configuration are one."""
    comps = list(dict.fromkeys(c for r in rows for c in r.placement))
    groups: list[list[str]] = []
    for c in comps:
        for g in groups:
            if all(r.placement.get(g[0]) == r.placement.get(c) for r in rows if r.mech != "none"):
                g.append(c)
                break
        else:
            groups.append([c])
    # the kernel's column first (its compartment is the first colour)
    return sorted(groups, key=lambda g: "kernel" not in g)


def _col_label(group: list[str]) -> str:
    return "+\n".join(group)


def draw(rows: list[Row], metric: str, stem: Path, title: str, unit: str = "millions") -> list[Path]:
    """Write STEM.png and STEM.svg; return their paths."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    cols = columns(rows)
    panels = [[r for r in rows if r.mech != "vm"], [r for r in rows if r.mech == "vm"]]
    panels = [p for p in panels if p]
    height = max(len(p) for p in panels)
    row_h = 0.19
    fig_h = row_h * height + 2.2
    fig = plt.figure(figsize=(8.5 * len(panels), fig_h))
    outer = fig.add_gridspec(1, len(panels), wspace=0.08, left=0.01, right=0.99,
                             top=1 - 1.05 / fig_h, bottom=0.75 / fig_h)
    palette = plt.get_cmap("Pastel1").colors     # compartments: pale, so the bars' colours stand out
    vmax = max((r.value for r in rows if r.value is not None and r.run == "ok"), default=1.0)
    scale = 1e6 if vmax >= 1e6 else 1.0
    bar_axes = []
    for k, panel in enumerate(panels):
        inner = outer[k].subgridspec(1, 2, width_ratios=[len(cols) + 2.2, 6.5], wspace=0.02)
        grid = fig.add_subplot(inner[0])
        bars = fig.add_subplot(inner[1], sharey=grid)
        bar_axes.append(bars)
        for y, r in enumerate(panel):
            kernel = r.placement.get("kernel", 0)
            order = [kernel] + [r.placement[g[0]] for g in cols if g[0] in r.placement]
            colour = {c: palette[i % len(palette)] for i, c in enumerate(dict.fromkeys(order))}
            for x, g in enumerate(cols):
                c = r.placement.get(g[0])
                grid.add_patch(Rectangle((x, y - 0.42), 0.92, 0.84, color=colour[c] if c is not None else "white",
                                         ec="black", lw=0.3))
                hard = any(m in r.hardened for m in g)
                grid.text(x + 0.46, y + 0.02, "●" if hard else "○", ha="center", va="center", fontsize=6)
            grid.text(len(cols) + 0.1, y, r.label, va="center", fontsize=7)
            if r.value is not None and r.run == "ok":
                bars.barh(y, r.value / scale, height=0.72, color=MECH_COLOUR.get(r.label, "grey"), ec="black",
                          lw=0.3)
                bars.text(r.value / scale, y, f" {r.value / scale:.2f}", va="center", fontsize=6)
            else:
                what = r.run or f"build {r.build}"
                why = r.error.splitlines()[0] if r.error else ""
                why = why.replace("skipped by the spec's policy ([run] overcommit = \"skip\")", "skipped by policy")
                bars.text(0.01, y, f"{what}: {why[:75]}", va="center", fontsize=6, color="firebrick",
                          transform=bars.get_yaxis_transform())
        grid.set_xlim(0, len(cols) + 2.2)
        grid.set_xticks([i + 0.46 for i in range(len(cols))], [_col_label(g) for g in cols], fontsize=7)
        grid.xaxis.tick_top()
        grid.set_ylim(height - 0.5, -0.5)
        grid.tick_params(left=False, labelleft=False, top=False)
        for s in ("left", "right", "bottom", "top"):
            grid.spines[s].set_visible(False)
        bars.tick_params(left=False, labelleft=False, labelsize=7)
        bars.grid(axis="x", linestyle=":", alpha=0.6)
        bars.set_xlabel(f"{metric}" + (f" ({unit})" if scale != 1 else ""), fontsize=8)
        for s in ("right", "top"):
            bars.spines[s].set_visible(False)
    for b in bar_axes:
        b.set_xlim(0, vmax / scale * 1.18)
    fig.suptitle(title, fontsize=9)
    mechs = list(dict.fromkeys(r.label for r in rows))
    handles = [Patch(color=MECH_COLOUR.get(m, "grey"), label=m) for m in mechs]
    handles += [Patch(color=palette[i], label=f"compartment {i + 1}" + (" (the kernel's)" if i == 0 else ""))
                for i in range(max(r.compartments for r in rows))]
    handles += [Line2D([], [], ls="", marker="$○$", color="black", label="not hardened"),
                Line2D([], [], ls="", marker="$●$", color="black", label="hardened")]
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 7), fontsize=7, frameon=False)
    stem.parent.mkdir(parents=True, exist_ok=True)
    out = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    fig.savefig(out[0], dpi=110)
    fig.savefig(out[1])
    plt.close(fig)
    return out


def summary(db: Path, rows: list[Row], metric: str) -> str:
    """What docs quote: outcomes per mechanism, wall times and cache hits of the matrix's runs, the
    metric per mechanism against none."""
    conn = sqlite3.connect(db)
    commits = sorted({r.commit for r in rows})
    lines = [f"# written from {db.name} by scripts/bulkhead/matrix/fig06.py; commits "
             + ", ".join(c[:20] for c in commits)]
    lines.append(f"configurations: {len(rows)}")
    by: dict[tuple[str, str], int] = {}
    for r in rows:
        k = (r.label, r.run or f"build {r.build}")
        by[k] = by.get(k, 0) + 1
    for (mech, what), k in sorted(by.items()):
        lines.append(f"  {mech:16} {what:10} {k}")
    q = ",".join("?" * len(commits))
    n_b, b_sum, b_max, r_sum, first, last = conn.execute(
        "SELECT count(build_wall_s), sum(build_wall_s), max(build_wall_s), sum(run_wall_s), min(updated_at), "
        f"max(updated_at) FROM result WHERE commit_id IN ({q})", commits).fetchone()
    lines.append(f"builds: {n_b} (a vm exit/poll pair shares one link), build wall time summed over jobs "
                 f"{b_sum or 0:.0f} s (longest {b_max or 0:.0f} s); benchmark runs summed {r_sum or 0:.0f} s")
    # A link is one image: the configurations that differ only in a boot-time option (vm's wake mode)
    # share it, and the second of them finds it built (a cache hit of a second or so).
    links: dict[tuple[str, str, str], float] = {}
    for placement, backend, options, wall in conn.execute(
            "SELECT c.placement, c.backend, c.options, r.build_wall_s FROM result r JOIN configuration c "
            f"ON c.key = r.config WHERE r.commit_id IN ({q}) AND r.build_wall_s IS NOT NULL", commits):
        opts = {k: v for k, v in json.loads(options).items() if k != "wake"}
        key = (placement, backend, json.dumps(opts, sort_keys=True))
        links[key] = max(links.get(key, 0.0), wall)
    if links:
        total = sum(links.values())
        lines.append(f"links: {len(links)} images, link wall time summed {total:.0f} s, "
                     f"{total / len(links):.1f} s each on average")
    lines.append(f"results recorded from {first} to {last} UTC")
    for key, value in conn.execute("SELECT key, value FROM meta WHERE key LIKE 'matrix.run.%' ORDER BY key"):
        if not any(c in key for c in commits):
            continue
        m = json.loads(value)
        comp = m.get("compile", {})
        lines.append(f"run {key.rsplit('.', 1)[-1]}: {m.get('todo')} to do, {m.get('finished', '?')} finished, "
                     f"-j {m.get('jobs')}{' (interrupted)' if m.get('interrupted') else ''}; compile step: "
                     f"{len(comp.get('compiled', []))} compiled, {len(comp.get('cached', []))} cache hits, "
                     f"{comp.get('wall_s', 0):.0f} s; links and runs {m.get('links_and_runs_wall_s', 0):.0f} s; "
                     f"total {m.get('wall_s', 0):.0f} s")
    conn.close()
    base = next((r.value for r in rows if r.mech == "none" and r.value), None)
    lines.append(f"{metric} (ok runs): mechanism, count, min, median, max" + (", median / none" if base else ""))
    mechs: dict[str, list[float]] = {}
    for r in rows:
        if r.run == "ok" and r.value is not None:
            mechs.setdefault(r.label, []).append(r.value)
    for mech, vals in sorted(mechs.items(), key=lambda kv: (MECH_ORDER.get(kv[0].split()[0], 9), kv[0])):
        med = statistics.median(vals)
        lines.append(f"  {mech:16} {len(vals):3} {min(vals):12.0f} {med:12.0f} {max(vals):12.0f}"
                     + (f" {med / base:7.3f}" if base else ""))
    return "\n".join(lines) + "\n"
