#!/usr/bin/python3
"""fig-06 of the SQLite matrix, from its results database (FlexOS fig. 6's layout): one row per
configuration, one column per placed component whose colour is its compartment (the kernel's
compartment always the first colour), the mechanism beside it, and the metric as a horizontal bar.
Configurations that did not produce the metric are listed with their status instead of a bar.
(Hardening, FlexOS's filled/open dots, joins when the hardening axis exists.)

    benchmarks/sqlite-matrix/plot.py [DB] [--metric insert_instructions] [-o STEM]

Writes STEM.png and STEM.svg (default results/fig-06) and results/summary.txt (outcomes, wall times,
cache hits, the metric per mechanism); every value in them comes from DB.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
COMPONENTS = ["sqlite", "libc", "vfs", "time"]     # vfs stands for vfs+ramfs (always together)
MECH_ORDER = {"none": 0, "mpk-light": 1, "mpk-private": 2, "vm": 3}


def load(db: Path, metric: str) -> list[dict]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead.explore import results
    conn = results.connect(db)
    rows = []
    for name, mech, options, placement, commit, build, run, err, value in conn.execute(
            "SELECT c.name, c.mechanism, c.options, c.placement, r.commit_id, r.build_status, r.run_status, "
            "coalesce(r.run_error, r.build_error), m.value FROM configuration c JOIN result r ON r.config = c.key "
            "LEFT JOIN metric m ON m.config = r.config AND m.commit_id = r.commit_id AND m.name = ? "
            "ORDER BY r.updated_at", (metric,)):
        rows.append({"name": name, "mech": mech, "wake": json.loads(options).get("wake", ""),
                     "placement": json.loads(placement), "commit": commit, "build": build, "run": run,
                     "error": err or "", "value": value})
    conn.close()
    newest = {r["name"]: r for r in rows}      # the newest result of each configuration
    return list(newest.values())


def summary(db: Path, rows: list[dict], metric: str) -> str:
    """What docs quote: outcomes per mechanism, wall times and cache hits of the matrix's runs."""
    import statistics
    conn = sqlite3.connect(db)
    lines = [f"# written by benchmarks/sqlite-matrix/plot.py from {db.name}; commits "
             + ", ".join(sorted({r['commit'][:12] for r in rows}))]
    n_b, b_sum, b_max, r_sum, first, last = conn.execute(
        "SELECT count(build_wall_s), sum(build_wall_s), max(build_wall_s), sum(run_wall_s), min(updated_at), "
        "max(updated_at) FROM result").fetchone()
    lines.append(f"configurations: {len(rows)}")
    by: dict[tuple[str, str], int] = {}
    for r in rows:
        k = (r["mech"] + (f" {r['wake']}" if r["wake"] else ""), r["run"] or f"build {r['build']}")
        by[k] = by.get(k, 0) + 1
    for (mech, what), k in sorted(by.items()):
        lines.append(f"  {mech:16} {what:10} {k}")
    lines.append(f"links: {n_b}, link wall time summed over jobs {b_sum or 0:.0f} s (longest {b_max or 0:.0f} s); "
                 f"benchmark runs summed {r_sum or 0:.0f} s")
    lines.append(f"results recorded from {first} to {last} UTC")
    for key, value in conn.execute("SELECT key, value FROM meta WHERE key LIKE 'matrix.%' ORDER BY key"):
        m = json.loads(value)
        comp = m.get("compile", {})
        lines.append(f"run {key.rsplit('.', 1)[-1]}: {m.get('todo')} to do, {m.get('finished', '?')} finished, "
                     f"-j {m.get('jobs')}{' (interrupted)' if m.get('interrupted') else ''}; compile step: "
                     f"{len(comp.get('compiled', []))} compiled, {len(comp.get('cached', []))} cache hits, "
                     f"{comp.get('wall_s', 0):.0f} s; links and runs {m.get('links_and_runs_wall_s', 0):.0f} s; "
                     f"total {m.get('wall_s', 0):.0f} s")
    conn.close()
    base = next((r["value"] for r in rows if r["mech"] == "none" and r["value"]), None)
    lines.append(f"{metric} (ok runs): mechanism, count, min, median, max" + (", median / none" if base else ""))
    mechs: dict[str, list[float]] = {}
    for r in rows:
        if r["run"] == "ok" and r["value"] is not None:
            mechs.setdefault(r["mech"] + (f" {r['wake']}" if r["wake"] else ""), []).append(r["value"])
    for mech, vals in sorted(mechs.items(), key=lambda kv: MECH_ORDER.get(kv[0].split()[0], 9)):
        med = statistics.median(vals)
        lines.append(f"  {mech:16} {len(vals):3} {min(vals):12.0f} {med:12.0f} {max(vals):12.0f}"
                     + (f" {med / base:7.3f}" if base else "")
                     + ("   (vm: the first machine's TSC only, not comparable)" if mech.startswith("vm") else ""))
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path, nargs="?", default=HERE / "results" / "results.db")
    ap.add_argument("--metric", default="insert_instructions")
    ap.add_argument("-o", "--out", type=Path, default=HERE / "results" / "fig-06")
    args = ap.parse_args()
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    rows = load(args.db, args.metric)
    if not rows:
        sys.exit(f"plot.py: {args.db} holds no results")
    rows.sort(key=lambda r: (MECH_ORDER.get(r["mech"], 9), r["wake"],
                             len(set(r["placement"].values())), r["name"]))
    n = len(rows)
    fig, (grid, bars) = plt.subplots(1, 2, figsize=(11, 0.22 * n + 1.6), sharey=True,
                                     gridspec_kw={"width_ratios": [1.3, 3], "wspace": 0.02})
    palette = plt.get_cmap("tab10").colors
    for y, r in enumerate(rows):
        kernel = r["placement"].get("kernel", 0)
        # compartment colours by first appearance, the kernel's compartment first
        order = [kernel] + [r["placement"][c] for c in COMPONENTS if c in r["placement"]]
        colour = {c: palette[i] for i, c in enumerate(dict.fromkeys(order))}
        for x, comp in enumerate(COMPONENTS):
            c = r["placement"].get(comp)
            grid.add_patch(Rectangle((x, y - 0.4), 0.9, 0.8, color=colour[c] if c is not None else "white",
                                     ec="black", lw=0.3))
        label = r["mech"] + (f" {r['wake']}" if r["wake"] else "")
        grid.text(len(COMPONENTS) + 0.1, y, label, va="center", fontsize=6)
        if r["value"] is not None and r["run"] == "ok" and r["mech"] == "vm":
            # the first machine's TSC: neither the other machines' instructions nor (wake exit) comparable
            # at all, since its idle time advances the virtual clock: printed, not drawn
            bars.text(0.02, y, f"vm: first machine's TSC {r['value'] / 1e6:,.2f} M (not an instruction count "
                      "of the program; see README)", va="center", fontsize=5.5, color="dimgray",
                      transform=bars.get_yaxis_transform())
        elif r["value"] is not None and r["run"] == "ok":
            bars.barh(y, r["value"] / 1e6, height=0.7, color=colour[r["placement"].get("sqlite", kernel)],
                      ec="black", lw=0.3)
            bars.text(r["value"] / 1e6, y, f" {r['value'] / 1e6:.2f}", va="center", fontsize=5.5)
        else:
            what = r["run"] or f"build {r['build']}"
            bars.text(0.02, y, f"{what}: {r['error'].splitlines()[0][:70] if r['error'] else ''}",
                      va="center", fontsize=5.5, color="firebrick", transform=bars.get_yaxis_transform())
    grid.set_xlim(0, len(COMPONENTS) + 1.6)
    grid.set_xticks([i + 0.45 for i in range(len(COMPONENTS))], ["sqlite", "libc", "vfs+\nramfs", "time"], fontsize=7)
    grid.xaxis.tick_top()
    grid.set_ylim(n - 0.5, -0.5)
    grid.set_yticks([])
    for s in ("left", "right", "bottom"):
        grid.spines[s].set_visible(False)
    bars.set_xlabel(f"{args.metric} (millions; guest TSC under QEMU -icount shift=0)", fontsize=8)
    bars.grid(axis="x", linestyle=":", alpha=0.6)
    bars.tick_params(labelsize=7)
    commits = sorted({r["commit"][:12] for r in rows})
    fig.suptitle(f"SQLite INSERTs over {n} configurations (colour: compartment; the kernel's is blue)\n"
                 f"database {args.db.name}, commit {', '.join(commits)}; vm: the first machine's instructions only",
                 fontsize=8)
    fig.legend(handles=[Patch(color=palette[i], label=f"compartment {i + 1}") for i in range(4)],
               loc="lower center", ncol=4, fontsize=7, frameon=False)
    fig.subplots_adjust(top=1 - 0.9 / (0.22 * n + 1.6), bottom=0.8 / (0.22 * n + 1.6), left=0.02, right=0.98)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for ext in ("png", "svg"):
        fig.savefig(args.out.with_suffix(f".{ext}"), dpi=160)
    (args.out.parent / "summary.txt").write_text(summary(args.db, rows, args.metric))
    print(args.out.with_suffix(".png"))
    print((args.out.parent / "summary.txt").read_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
