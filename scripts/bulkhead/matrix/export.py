"""CSV export of a results database: one row per (configuration, commit), metrics as columns."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from ..explore.results import MANIFEST_STATS

COLUMNS = ["name", "app", "backend", "mechanism", "options", "compartments", "placement", "commit_id",
           "build_status", "build_error", "build_wall_s", "image_bytes", *MANIFEST_STATS,
           "run_status", "run_error", "guest_status", "run_wall_s"]


def rows(conn: sqlite3.Connection, commit: str | None = None) -> tuple[list[str], list[dict]]:
    """Every result (of `commit`, or all), joined with its configuration and its metrics."""
    metric_names = [r[0] for r in conn.execute("SELECT DISTINCT name FROM metric ORDER BY name")]
    out = []
    q = ("SELECT c.name, c.app, c.backend, c.mechanism, c.options, c.placement, r.* FROM result r "
         "JOIN configuration c ON c.key = r.config WHERE (? IS NULL OR r.commit_id = ?) ORDER BY c.name, r.commit_id")
    cur = conn.execute(q, (commit, commit))
    cols = [d[0] for d in cur.description]
    for raw in cur.fetchall():
        row = dict(zip(cols, raw))
        placement = json.loads(row["placement"])
        row["compartments"] = len(set(placement.values()))
        row["placement"] = " ".join(f"{c}{i}" for c, i in placement.items())
        row["options"] = " ".join(f"{k}={v}" for k, v in json.loads(row["options"]).items())
        for name, value, unit in conn.execute("SELECT name, value, unit FROM metric WHERE config = ? AND commit_id = ?",
                                              (row["config"], row["commit_id"])):
            row[name] = value
        out.append(row)
    return COLUMNS + metric_names, out


def write_csv(conn: sqlite3.Connection, path: Path, commit: str | None = None) -> int:
    header, data = rows(conn, commit)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        w.writerows(data)
    return len(data)
