"""`./bulkhead report` (scripts/bulkhead/matrix/report.py) and tab-01 (matrix/tab01.py).

The report is opened in headless Chromium (Debian's chromium, which `report --screenshot` installs) on
the SQLite matrix's committed results: the rendered page must show both figures (every image decoded,
and fig-06's bar colours on screen), the table of every configuration (its header's colour on screen,
one row per configuration), the stars `./bulkhead explore` prints for the same budget, and sort by a
column.  A page whose figure is broken fails the same checks (the last test).
"""
from __future__ import annotations

import re
import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead.diag import BulkheadError  # noqa: E402
from bulkhead.matrix import fig06, report, tab01  # noqa: E402

DB = ROOT / "benchmarks" / "sqlite-matrix" / "results" / "results.db"
HEADER = (0x23, 0x39, 0x5d)          # report.STYLE: thead th background
# fig-06's bar colours (not none's grey, which the page's text shares)
BARS = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for m, c in fig06.MECH_COLOUR.items() if m != "none"]


def _pixels(png: Path, rgb: tuple[int, int, int]) -> int:
    import matplotlib.image as mi
    import numpy as np
    a = (mi.imread(str(png))[..., :3] * 255).round().astype(int)
    return int(np.all(np.abs(a - np.array(rgb)) <= 2, axis=-1).sum())


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> tuple[Path, Path, str]:
    out = tmp_path_factory.mktemp("report")
    res = bulkhead("report", str(DB), "-o", str(out / "report.html"), "--screenshot", str(out / "shot.png"),
                   timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    return out / "report.html", out / "shot.png", report.chromium(out / "report.html", "--dump-dom")


@pytest.mark.slow
def test_screenshot_shows_figures_and_table(page):
    html, shot, dom = page
    assert re.search(r'data-images="2/2"', dom), "a figure did not decode"
    assert sum(_pixels(shot, c) for c in BARS) > 2000, "fig-06's bars are not on screen"
    assert _pixels(shot, HEADER) > 5000, "the table's header is not on screen"
    with sqlite3.connect(DB) as conn:
        n = conn.execute("SELECT count(DISTINCT config) FROM result").fetchone()[0]
    body = dom.split('id="configs"', 1)[1].split("</table>", 1)[0]
    assert body.count("<tr") == n + 1          # the header and one row per configuration


@pytest.mark.slow
def test_stars_are_explores_and_the_table_sorts(page):
    html, _, _ = page
    text = html.read_text()
    budget = float(re.search(r"insert_instructions &lt;= ([\d.e+]+)", text).group(1))
    res = bulkhead("explore", str(DB), "--metric", "insert_instructions", "--max", repr(budget))
    assert res.returncode == 0, res.stderr
    printed = [l.split("  ")[0] for l in res.stdout.splitlines() if l.strip()]
    starred = re.findall(r'<ul class="stars">(.*?)</ul>', text, re.S)[0]
    assert printed and [re.sub(r"<.*", "", s).split(" — ")[0] for s in starred.split("<li>")[1:]] == printed
    dom = report.chromium(html, "--dump-dom", fragment="sort=-insert_instructions")
    assert 'data-sorted="-insert_instructions"' in dom
    table = dom.split('id="configs"', 1)[1].split("</table>", 1)[0]
    head = re.search(r"<thead>(.*?)</thead>", table, re.S).group(1)
    col = re.findall(r'data-col="([^"]+)"', head).index("insert_instructions")
    values = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S):
        cell = re.findall(r"<td([^>]*)>", row)[col]
        if m := re.search(r'data-v="([^"]+)"', cell):
            values.append(float(m.group(1)))
    assert len(values) > 10 and values == sorted(values, reverse=True)


@pytest.mark.slow
def test_a_broken_figure_fails_the_checks(page, tmp_path):
    html, _, _ = page
    broken = tmp_path / "broken.html"
    text = html.read_text()
    start = text.index('id="fig06" alt="fig-06" src="data:image/png;base64,') + 60
    broken.write_text(text[:start] + "AAAA" + text[start + 4000:])
    dom = report.screenshot(broken, tmp_path / "shot.png")
    assert re.search(r'data-images="1/2"', dom)
    assert sum(_pixels(tmp_path / "shot.png", c) for c in BARS) < 100


@pytest.mark.qemu
def test_tab01_counts_what_the_pass_did():
    res = bulkhead("build", "configs/unchanged/mpk3-private-heap.toml", timeout=900)
    assert res.returncode == 0, res.stderr
    folder = Path(res.stdout.strip().splitlines()[-1]).parent
    anchors = ROOT.parent / "shared" / "reference" / "anchors.md"
    rows = {r.component: r for r in tab01.rows(folder, "unchanged", anchors if anchors.is_file() else None)}
    assert all(r.annotated_lines == 0 and r.source_lines > 0 for r in rows.values())
    assert sum(r.marshalled for r in rows.values()) > 0
    assert sum(r.dss_locals for r in rows.values()) > 0
    assert sum(r.entries for r in rows.values()) > 0


@pytest.mark.fast
def test_tab01_annotation_counter_and_flexos_rows(tmp_path):
    assert tab01.ANNOTATION.search('static int x __attribute__((section(".data_shared")));')
    assert tab01.ANNOTATION.search("flexos_gate(libvfs, ret, vfs_open, path);")
    assert not tab01.ANNOTATION.search("static int x = 0;  /* a shared counter */")
    anchors = tmp_path / "anchors.md"
    anchors.write_text("- Porting effort (lines patched, shared variables marked by hand): lwip +542/-275, 23; "
                       "vfs+ramfs +148/-37, 12; time +10/-9, 0.\n")
    assert tab01.flexos_rows(anchors) == {"lwip": ("+542/-275", 23), "vfs+ramfs": ("+148/-37", 12),
                                          "time": ("+10/-9", 0)}
    anchors.write_text("nothing here\n")
    with pytest.raises(BulkheadError, match="Porting effort"):
        tab01.flexos_rows(anchors)
