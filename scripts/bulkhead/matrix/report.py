"""`./bulkhead report RESULTS.db`: one static HTML page about a matrix's results.

The page holds, self-contained (images inlined, no network, no external script): the run's summary
(outcomes, wall times, cache hits), fig-06 (scripts/bulkhead/matrix/fig06.py), fig-08 (the safety
order of the configurations with the safest ones within the budget starred, explore/figure.py) and
the list of those stars, tab-01 (porting effort, matrix/tab01.py) when an image of the app is at
hand, and a table of every configuration with its statuses, metrics and manifest statistics, sortable
by any column (a click on its header; `#sort=COLUMN` or `#sort=-COLUMN` in the address sorts at load).

    ./bulkhead report RESULTS.db [--metric NAME] [--max X | --min X] [-o FILE.html] [--screenshot PNG]

--screenshot opens the page in headless Chromium (Debian's chromium, installed for this option only)
and saves what it shows; the page's script notes how many of its images decoded (body data-images),
which the screenshot step reads back from the rendered DOM.

Without a budget, the budget is --max the median of the metric over the configurations that ran
(the page says so).
"""
from __future__ import annotations

import argparse
import base64
import json
import sqlite3
import statistics
import tempfile
from html import escape
from pathlib import Path

from .. import paths
from ..diag import BulkheadError, info

TABLE_COLUMNS = ("name", "mechanism", "wake", "placement", "build", "run", "gates", "gated_calls",
                 "shared_globals", "shadow_locals", "image_bytes", "build_wall_s", "run_wall_s")

SCRIPT = """
function sortBy(col, desc) {
  const table = document.getElementById('configs');
  const body = table.tBodies[0];
  const idx = [...table.tHead.rows[0].cells].findIndex(c => c.dataset.col === col);
  if (idx < 0) return;
  const key = r => { const t = r.cells[idx].dataset.v ?? r.cells[idx].textContent;
                     const n = parseFloat(t); return isNaN(n) ? t : n; };
  const rows = [...body.rows].sort((a, b) => {
    const x = key(a), y = key(b);
    const c = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
    return desc ? -c : c; });
  rows.forEach(r => body.appendChild(r));
  table.dataset.sorted = (desc ? '-' : '') + col;
}
document.querySelectorAll('#configs th').forEach(th => th.addEventListener('click', () => {
  const t = document.getElementById('configs');
  sortBy(th.dataset.col, t.dataset.sorted === th.dataset.col); }));
const m = location.hash.match(/sort=(-?)([\\w.]+)/);
if (m) sortBy(m[2], m[1] === '-');
window.addEventListener('load', () => {
  const imgs = [...document.images];
  document.body.dataset.images = imgs.filter(i => i.complete && i.naturalWidth > 0).length + '/' + imgs.length;
});
"""

STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
pre { background: #f4f4f4; padding: 0.6em; font-size: 0.8em; overflow-x: auto; }
img.figure { max-width: 100%; border: 1px solid #ccc; }
table { border-collapse: collapse; font-size: 0.78em; }
th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: right; }
td:first-child, td:nth-child(2), td:nth-child(3) { text-align: left; }
thead th { background: #23395d; color: white; cursor: pointer; position: sticky; top: 0; }
tr.skipped td, tr.failed td, tr.timeout td { color: #a33; }
.stars li { font-family: monospace; }
"""


def _png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()


def _rows(db: Path, metric: str) -> tuple[list[dict], list[str]]:
    from ..explore import results
    conn = results.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        metrics = results.metrics(conn)
        out = {}
        for r in conn.execute("SELECT c.name, c.mechanism, c.options, c.placement, r.* FROM result r "
                              "JOIN configuration c ON c.key = r.config ORDER BY r.updated_at"):
            d = dict(r)
            d["metrics"] = {n: v for n, v in conn.execute(
                "SELECT name, value FROM metric WHERE config = ? AND commit_id = ?", (r["config"], r["commit_id"]))}
            out[r["name"]] = d                     # each configuration's newest result
    finally:
        conn.close()
    return sorted(out.values(), key=lambda d: d["name"]), metrics


def _table(rows: list[dict], metrics: list[str]) -> str:
    cols = [*TABLE_COLUMNS[:6], *metrics, *TABLE_COLUMNS[6:]]
    head = "".join(f'<th data-col="{escape(c)}">{escape(c)}</th>' for c in cols)
    body = []
    for d in rows:
        opts = json.loads(d["options"])
        cells = {"name": d["name"], "mechanism": d["mechanism"], "wake": opts.get("wake", ""),
                 "placement": d["name"].rsplit("-", 1)[-1] if d["mechanism"] != "none" else "",
                 "build": d["build_status"], "run": d["run_status"] or "-",
                 **{m: d["metrics"].get(m) for m in metrics},
                 **{k: d.get(k) for k in TABLE_COLUMNS[6:]}}
        tds = []
        for c in cols:
            v = cells[c]
            if isinstance(v, float):
                shown = f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"
                tds.append(f'<td data-v="{v!r}">{shown}</td>')
            else:
                tds.append(f"<td>{escape('' if v is None else str(v))}</td>")
        title = escape(d.get("run_error") or d.get("build_error") or "")
        body.append(f'<tr class="{escape(d["run_status"] or d["build_status"])}" title="{title}">{"".join(tds)}</tr>')
    return (f'<table id="configs" data-sorted=""><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _tab01(rows: list[dict], db: Path) -> str:
    """tab-01 from the image of the configuration that separates most under mpk private stacks."""
    from . import tab01
    cands = [d for d in rows if d["mechanism"] == "mpk-private" and d["build_status"] == "ok"]
    cands.sort(key=lambda d: -len(set(json.loads(d["placement"]).values())))
    for d in cands:
        folder = paths.IMAGES / d["name"]
        if (folder / "manifest.json").is_file():
            conn = sqlite3.connect(db)
            app = conn.execute("SELECT app FROM configuration WHERE name = ?", (d["name"],)).fetchone()[0]
            conn.close()
            anchors = paths.ROOT.parent / "shared" / "reference" / "anchors.md"
            rs = tab01.rows(folder, app, anchors if anchors.is_file() else None)
            return (f"<p>From the image of <code>{escape(d['name'])}</code> (every component apart, private "
                    f"stacks) and the components' sources; FlexOS's columns from anchors.md.</p>" + tab01.html(rs))
    return "<p>No image of an mpk-private configuration is at hand (build/images): tab-01 left out.</p>"


def write(db: Path, out: Path, metric: str | None = None, maximum: float | None = None,
          minimum: float | None = None) -> Path:
    from ..explore import command as explore_command, figure as fig08
    from . import fig06
    rows, metrics = _rows(db, metric or "")
    if not rows:
        raise BulkheadError(f"{db} holds no results", hint="./bulkhead matrix SPEC.toml --db FILE fills it")
    metric = metric or ("insert_instructions" if "insert_instructions" in metrics else (metrics or [None])[0])
    if metric is None or metric not in metrics:
        raise BulkheadError(f"no run recorded the metric {metric!r}", hint="metrics: " + (", ".join(metrics) or "none"))
    ran = [d["metrics"][metric] for d in rows if d["run_status"] == "ok" and metric in d["metrics"]]
    budget_note = ""
    if maximum is None and minimum is None:
        maximum = statistics.median(ran)
        budget_note = " (no budget given: the median over the configurations that ran)"
    with tempfile.TemporaryDirectory(prefix="bulkhead-report-") as tmp:
        t = Path(tmp)
        frows = fig06.load(db, metric)
        fig06.draw(frows, metric, t / "fig-06", f"{db.name}: {metric}, {len(frows)} configurations")
        summary = fig06.summary(db, frows, metric)
        ns = argparse.Namespace(results=db, flexos=None, app=None, metric=metric, min=minimum, max=maximum,
                                poset=None, values=None, commit=None, show="maximal", expand=None)
        sel = explore_command.select(ns)
        lo, keep = explore_command._budget(ns)
        fig08.write(sel, t / "fig-08", f"{db.name}: safety order, {sel.what}", lo, keep)
        stars = "".join(f"<li>{escape(sel.namer.label(p))} — {escape(p.mechanism)}: "
                        f"{escape(', '.join(sel.names.get(p, [])))}</li>"
                        for p in sorted(sel.maximal, key=lambda p: (len(p.partition), sel.namer.label(p))))
        commits = sorted({d["commit_id"] for d in rows})
        page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>bulkhead matrix report: {escape(db.name)}</title>
<style>{STYLE}</style></head>
<body>
<h1>bulkhead matrix report: {escape(db.name)}</h1>
<p>{len(rows)} configurations; commit {escape(', '.join(c[:20] for c in commits))}; metric <code>{escape(metric)}</code>.</p>
<h2>Summary</h2>
<pre>{escape(summary)}</pre>
<h2>fig-06: every configuration</h2>
<img class="figure" id="fig06" alt="fig-06" src="{_png(t / 'fig-06.png')}">
<h2>fig-08: the safety order, and the safest configurations within the budget</h2>
<p>Budget: {escape(sel.what)}{escape(budget_note)}.  Safest within it (no safer configuration also meets it):</p>
<ul class="stars">{stars}</ul>
<img class="figure" id="fig08" alt="fig-08" src="{_png(t / 'fig-08.png')}">
<h2>tab-01: porting effort</h2>
{_tab01(rows, db)}
<h2>All configurations (click a column to sort)</h2>
{_table(rows, metrics)}
<script>{SCRIPT}</script>
</body></html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page)
    info(f"report: {len(rows)} configurations, {len(sel.maximal)} starred; {out}")
    return out


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", type=Path, help="results database of ./bulkhead matrix")
    p.add_argument("--metric", help="the figure to plot and budget (default insert_instructions, else the first)")
    b = p.add_mutually_exclusive_group()
    b.add_argument("--max", type=float, help="budget: configurations whose metric is at most this")
    b.add_argument("--min", type=float, help="budget: configurations whose metric is at least this")
    p.add_argument("-o", "--out", type=Path, help="the page (default: report.html next to the database)")
    p.add_argument("--screenshot", type=Path, metavar="PNG",
                   help="also render the page in headless Chromium and save a screenshot of it")


CHROMIUM = "chromium"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--disable-dev-shm-usage", "--virtual-time-budget=5000"]


def chromium(page: Path, *args: str, timeout: float = 180, fragment: str = "") -> str:
    """Run headless Chromium on PAGE (#FRAGMENT) with ARGS; its stdout.  A private profile each time."""
    import subprocess
    with tempfile.TemporaryDirectory(prefix="bulkhead-chromium-") as prof:
        cmd = [CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={prof}", *args, page.resolve().as_uri() + (f"#{fragment}" if fragment else "")]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except FileNotFoundError:
            raise BulkheadError("chromium is not installed", hint="apt-get install chromium") from None
        except subprocess.TimeoutExpired:
            raise BulkheadError(f"chromium did not finish with {page} within {timeout:.0f} s") from None
    if res.returncode != 0:
        raise BulkheadError(f"chromium failed on {page} (status {res.returncode}):\n{res.stderr[-1500:]}")
    return res.stdout


def screenshot(page: Path, png: Path, width: int = 1500, height: int = 6000) -> str:
    """Save what Chromium shows of PAGE; returns the rendered DOM (after the page's script ran)."""
    png.parent.mkdir(parents=True, exist_ok=True)
    chromium(page, f"--window-size={width},{height}", f"--screenshot={png.resolve()}")
    if not png.is_file():
        raise BulkheadError(f"chromium wrote no screenshot {png}")
    return chromium(page, "--dump-dom")


def run(args: argparse.Namespace) -> int:
    out = args.out or args.results.with_name("report.html")
    print(write(args.results, out, args.metric, args.max, args.min))
    if args.screenshot:
        import re
        dom = screenshot(out, args.screenshot)
        m = re.search(r'data-images="(\d+)/(\d+)"', dom)
        info(f"screenshot: {args.screenshot} ({m.group(1)} of {m.group(2)} images shown)" if m else
             f"screenshot: {args.screenshot} (the page's script did not run)")
        print(args.screenshot)
    return 0
