"""The results database (SQLite): one row per configuration, one per (configuration, commit) build and
run, one per figure the benchmark printed.  `./bulkhead matrix` writes it, `./bulkhead explore` reads it;
this module is the one definition of its schema (docs/explore.md, "Results database").
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..diag import BulkheadError, Location
from .model import Point, point_from_numbers

SCHEMA_VERSION = 1
# The manifest's "stats" kept per build, as columns of `result` (shadow_locals: the DSS locals).
MANIFEST_STATS = ("gates", "gated_calls", "direct_crossings", "indirect_calls", "shared_globals",
                  "escaping_globals", "shadow_locals", "refusals", "functions", "globals")
BUILD_STATUS = ("pending", "ok", "failed", "refused")
RUN_STATUS = ("ok", "failed", "timeout", "skipped")

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS configuration (
    key        TEXT PRIMARY KEY,          -- sha256 of the configuration file's text
    name       TEXT NOT NULL,             -- image name
    app        TEXT NOT NULL,
    spec       TEXT,                      -- the matrix spec it was expanded from (NULL: added by hand)
    toml       TEXT NOT NULL,             -- the configuration file as written
    backend    TEXT NOT NULL,             -- none | mpk | vm
    mechanism  TEXT NOT NULL,             -- none | mpk-light | mpk-private | vm (the safety order's)
    options    TEXT NOT NULL DEFAULT '{{}}', -- JSON: the backend options (stack, wake)
    placement  TEXT NOT NULL,             -- JSON: {{component: compartment index}}
    hardened   TEXT NOT NULL DEFAULT '[]' -- JSON: sorted list of hardened components
);
CREATE TABLE IF NOT EXISTS result (
    config       TEXT NOT NULL REFERENCES configuration(key),
    commit_id    TEXT NOT NULL,           -- bulkhead's git commit (suffix -dirty: uncommitted changes)
    build_status TEXT NOT NULL DEFAULT 'pending' CHECK (build_status IN ({", ".join(f"'{s}'" for s in BUILD_STATUS)})),
    build_error  TEXT,
    build_wall_s REAL,
    image_bytes  INTEGER,
    {", ".join(f"{s} INTEGER" for s in MANIFEST_STATS)},
    run_status   TEXT CHECK (run_status IN ({", ".join(f"'{s}'" for s in RUN_STATUS)})),
    run_error    TEXT,
    guest_status INTEGER,
    run_wall_s   REAL,
    updated_at   TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (config, commit_id)
);
CREATE TABLE IF NOT EXISTS metric (
    config    TEXT NOT NULL,
    commit_id TEXT NOT NULL,
    name      TEXT NOT NULL,              -- as the benchmark prints it, e.g. insert_instructions
    value     REAL NOT NULL,
    unit      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (config, commit_id, name),
    FOREIGN KEY (config, commit_id) REFERENCES result(config, commit_id) ON DELETE CASCADE
);
"""


def connect(path: Path, create: bool = False) -> sqlite3.Connection:
    """Open a results database; `create` makes it (and its schema) when missing."""
    if not create and not path.is_file():
        raise BulkheadError(f"no such results database: {path}",
                            hint="./bulkhead matrix SPEC.toml writes one")
    try:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA foreign_keys = ON")
        if create:
            with conn:
                conn.executescript(SCHEMA)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as e:
        raise BulkheadError(f"not a bulkhead results database ({e})", Location(path)) from None
    if row is None or row[0] != str(SCHEMA_VERSION):
        raise BulkheadError(f"results schema version {row[0] if row else 'missing'}, this bulkhead reads "
                            f"version {SCHEMA_VERSION}", Location(path),
                            hint="write it again with this version's ./bulkhead matrix")
    return conn


def mechanism(backend: str, options: Mapping[str, str]) -> str:
    """The safety order's mechanism of a backend and its options, as its backend.toml says (`mechanism`,
    `[mechanism_by_option.<option>]`; vm's wake modes are equally safe)."""
    from .. import backends
    from .model import MECHANISM_RANK
    be = backends.load(backend)
    mech = be.mechanism_for(dict(options))
    if mech is None or mech not in MECHANISM_RANK:
        raise BulkheadError(f"backend {backend!r} has no place in the safety order"
                            + (f" (its mechanism {mech!r} is not ranked)" if mech else ""),
                            Location(be.folder / "backend.toml"),
                            hint="give it mechanism = \"...\" in its backend.toml, one of "
                                 f"{', '.join(MECHANISM_RANK)} (scripts/bulkhead/explore/model.py MECHANISM_RANK)")
    return mech


def add_configuration(conn: sqlite3.Connection, cfg: Any, toml_text: str, spec: str | None = None,
                      hardened: Iterable[str] = ()) -> str:
    """Record a validated configuration (config.Config) and its file's text; returns its key."""
    key = hashlib.sha256(toml_text.encode()).hexdigest()
    options = dict(cfg.compartments[0].options)
    placement = {comp: c.index for c in cfg.compartments for comp in c.components}
    with conn:
        conn.execute("INSERT OR REPLACE INTO configuration VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (key, cfg.name, cfg.app, spec, toml_text, cfg.backend.name,
                      mechanism(cfg.backend.name, options), json.dumps(options, sort_keys=True),
                      json.dumps(placement), json.dumps(sorted(hardened))))
    return key


def record_build(conn: sqlite3.Connection, config: str, commit: str, status: str, *,
                 error: str | None = None, manifest: Mapping[str, Any] | None = None,
                 image_bytes: int | None = None, wall_s: float | None = None) -> None:
    """A build's outcome; the manifest's stats become columns (MANIFEST_STATS)."""
    if status not in BUILD_STATUS:
        raise ValueError(f"build status {status!r} not in {BUILD_STATUS}")
    stats = (manifest or {}).get("stats", {})
    cols = ["config", "commit_id", "build_status", "build_error", "build_wall_s", "image_bytes", *MANIFEST_STATS]
    vals = [config, commit, status, error, wall_s, image_bytes, *(stats.get(s) for s in MANIFEST_STATS)]
    with conn:
        conn.execute(f"INSERT INTO result ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                     f"ON CONFLICT (config, commit_id) DO UPDATE SET "
                     + ", ".join(f"{c} = excluded.{c}" for c in cols[2:]) + ", updated_at = datetime('now')",
                     vals)


def record_run(conn: sqlite3.Connection, config: str, commit: str, status: str, *,
               error: str | None = None, guest_status: int | None = None, wall_s: float | None = None,
               metrics: Mapping[str, float | tuple[float, str]] = {}) -> None:
    """A run's outcome and the figures the benchmark printed (name -> value or (value, unit))."""
    if status not in RUN_STATUS:
        raise ValueError(f"run status {status!r} not in {RUN_STATUS}")
    with conn:
        cur = conn.execute("UPDATE result SET run_status = ?, run_error = ?, guest_status = ?, run_wall_s = ?, "
                           "updated_at = datetime('now') WHERE config = ? AND commit_id = ?",
                           (status, error, guest_status, wall_s, config, commit))
        if cur.rowcount != 1:
            raise ValueError(f"no build of {config} at {commit} to attach a run to")
        conn.execute("DELETE FROM metric WHERE config = ? AND commit_id = ?", (config, commit))
        conn.executemany("INSERT INTO metric VALUES (?,?,?,?,?)",
                         [(config, commit, n, *(v if isinstance(v, tuple) else (v, ""))) for n, v in metrics.items()])


@dataclass(frozen=True)
class Entry:
    """One configuration's figure for the explorer."""
    key: str
    name: str
    commit: str
    point: Point
    value: float


def entries(conn: sqlite3.Connection, metric: str, commit: str | None = None, app: str | None = None) -> list[Entry]:
    """Each configuration's value of `metric` from its run at `commit` (default: its newest run that
    has it).  Only runs with run_status ok count."""
    rows = conn.execute(
        "SELECT c.key, c.name, c.app, c.mechanism, c.placement, c.hardened, m.commit_id, m.value "
        "FROM metric m JOIN result r ON r.config = m.config AND r.commit_id = m.commit_id "
        "JOIN configuration c ON c.key = m.config "
        "WHERE m.name = ? AND r.run_status = 'ok' AND (? IS NULL OR m.commit_id = ?) AND (? IS NULL OR c.app = ?) "
        "ORDER BY c.name, r.updated_at", (metric, commit, commit, app, app)).fetchall()
    apps = {r[2] for r in rows}
    if len(apps) > 1:
        raise BulkheadError(f"the database holds results of several apps ({', '.join(sorted(apps))})",
                            hint="choose one with --app")
    placements = {r[0]: {c: i for c, i in json.loads(r[4]).items() if not c.startswith("backend-")} for r in rows}
    if len({frozenset(p) for p in placements.values()}) > 1:
        raise BulkheadError("the configurations place different sets of components; the order compares "
                            "only configurations of the same components", hint="choose them with --app")
    # Labels name the components in the order the first configuration lists them.
    order = tuple(next(iter(placements.values()), {}))
    newest: dict[str, Entry] = {}
    for key, name, _, mech, _, hardened, commit_id, value in rows:
        # Backend none separates nothing: for the order, its compartments are one.
        nums = placements[key] if mech != "none" else dict.fromkeys(order, 0)
        p = point_from_numbers(order, nums, json.loads(hardened), mech)
        newest[key] = Entry(key, name, commit_id, p, value)
    return sorted(newest.values(), key=lambda e: e.name)


def metrics(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT name FROM metric ORDER BY name")]
