"""./bulkhead matrix (docs/matrix.md): a small matrix (tests/matrix/callbacks.toml: the callbacks app,
9 configurations) built from one compile, linked and run, its results in the SQLite database; a
failing run recorded and retried; an interrupted matrix finished without redoing finished work; the
same matrix through a real single-node Slurm (slow tier) with the same results as the local run.
"""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, bulkhead

SPEC = ROOT / "tests" / "matrix" / "callbacks.toml"
NAMES = {"tmatrix-none-111"} | {f"tmatrix-mpk-{m}-{c}" for m in ("shared", "private")
                                  for c in ("111", "112", "121", "122")}


def matrix(out: Path, *args: str, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(["/usr/bin/python3", str(BULKHEAD), "matrix", str(SPEC), "--out", str(out), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout, env=env)


def table(db: Path) -> dict[str, dict]:
    """Per configuration name: its result row and metrics (one commit in these tests)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = {}
    for r in conn.execute("SELECT c.name, c.mechanism, c.placement, r.* FROM result r JOIN configuration c "
                          "ON c.key = r.config"):
        row = dict(r)
        row["metrics"] = {m: v for m, v in conn.execute(
            "SELECT name, value FROM metric WHERE config = ? AND commit_id = ?", (r["config"], r["commit_id"]))}
        out[r["name"]] = row
    conn.close()
    return out


def runs(db: Path) -> list[dict]:
    """The matrix's own record of each of its runs (wall times, cache hits), oldest first."""
    with sqlite3.connect(db) as conn:
        return [json.loads(v) for _, v in conn.execute("SELECT key, value FROM meta WHERE key LIKE 'matrix.run.%' "
                                                       "ORDER BY key")]


def comparable(row: dict) -> dict:
    """What two runs of the same configuration at the same commit must agree on."""
    keep = ("build_status", "run_status", "guest_status", "image_bytes", "gates", "gated_calls", "shared_globals",
            "shadow_locals", "functions", "globals", "refusals")
    return {**{k: row[k] for k in keep}, "metrics": row["metrics"]}


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, Path]:
    """The small matrix, -j 2, with one configuration's benchmark failing once."""
    out = tmp_path_factory.mktemp("local")
    fail = out / "fail-once"
    fail.mkdir()
    (fail / "fail").write_text("tmatrix-mpk-private-121\n")
    env = dict(os.environ, BULKHEAD_TEST_FAIL_ONCE=str(fail))
    res = matrix(out, "-j", "2", "--csv", str(out / "results.csv"), env=env)
    return out, res, fail


@pytest.mark.qemu
def test_small_matrix_records_every_configuration(local):
    out, res, _ = local
    assert res.returncode == 1, res.stderr[-3000:]          # one run failed: the matrix says so
    rows = table(out / "results.db")
    assert set(rows) == NAMES
    assert all(r["build_status"] == "ok" for r in rows.values()), res.stderr[-3000:]
    # the failing run is recorded with its error, and did not stop the others
    bad = rows.pop("tmatrix-mpk-private-121")
    assert bad["run_status"] == "failed" and "failing this run once" in bad["run_error"]
    assert all(r["run_status"] == "ok" and r["guest_status"] == 0 for r in rows.values())
    # the program's own results are the same everywhere; the cost of the kernel's boot is not
    assert {r["metrics"]["fold_sum"] for r in rows.values()} == {24366.0}
    boot = {n: r["metrics"]["boot_instructions"] for n, r in rows.items()}
    assert boot["tmatrix-mpk-private-111"] != boot["tmatrix-none-111"]
    # manifest statistics per build: one compartment has no gates, two have some
    assert rows["tmatrix-mpk-shared-111"]["gates"] == 0 and rows["tmatrix-mpk-shared-112"]["gates"] > 0
    assert all(r["image_bytes"] > 0 and r["build_wall_s"] > 0 and r["run_wall_s"] > 0 for r in rows.values())
    assert {r["mechanism"] for r in rows.values()} == {"none", "mpk-light", "mpk-private"}
    # each configuration in its own image folder; every component compiled once, before the links
    assert all((ROOT / "build" / "images" / n / "image.elf").is_file() for n in NAMES)
    for n in NAMES:
        rec = json.loads((out / "results" / f"{n}.json").read_text())
        assert rec["build"]["compiled"] == [], f"{n}: a job compiled {rec['build']['compiled']}"
    assert "components compiled once" in res.stderr
    [run] = runs(out / "results.db")
    assert run["finished"] == 9 and not run["interrupted"] and run["links_and_runs_wall_s"] > 0
    assert "kernel" in run["compile"]["cached"] + run["compile"]["compiled"]
    assert "[9/9]" in res.stderr and "/min" in res.stderr       # the progress line
    with open(out / "results.csv", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    assert {r["name"] for r in csv_rows} == NAMES
    assert all(r["fold_sum"] == "24366.0" for r in csv_rows if r["run_status"] == "ok")


@pytest.mark.qemu
def test_rerun_retries_only_what_failed(local):
    out, _, fail = local
    before = table(out / "results.db")
    res = matrix(out, "-j", "2", env=dict(os.environ, BULKHEAD_TEST_FAIL_ONCE=str(fail)))
    assert res.returncode == 0, res.stderr[-3000:]
    assert "8 done already, 1 to build and run" in res.stderr
    after = table(out / "results.db")
    assert after["tmatrix-mpk-private-121"]["run_status"] == "ok"
    for n in NAMES - {"tmatrix-mpk-private-121"}:
        assert after[n]["updated_at"] == before[n]["updated_at"], f"{n} was done again"


@pytest.mark.qemu
def test_interrupted_matrix_finishes_without_redoing_work(tmp_path, local):
    db = tmp_path / "results.db"
    proc = subprocess.Popen(["/usr/bin/python3", str(BULKHEAD), "matrix", str(SPEC), "--out", str(tmp_path), "-j", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finished: list[str] = []
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None:
        if db.is_file():
            with sqlite3.connect(db) as conn:
                finished = [r[0] for r in conn.execute("SELECT config FROM result WHERE run_status = 'ok'")]
            if len(finished) >= 3:
                break
        time.sleep(0.2)
    assert proc.poll() is None, "the matrix ended before the test could interrupt it"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-2000:]
    # no job of it is left running
    left = subprocess.run(["pgrep", "-f", str(tmp_path / "plan.json")], capture_output=True, text=True).stdout
    assert not left.strip(), f"job processes left after the interrupt: {left}"
    first = table(db)
    assert [r["interrupted"] for r in runs(db)] == [True]
    done = {n for n, r in first.items() if r["run_status"] == "ok"}
    assert 3 <= len(done) < 9
    res = matrix(tmp_path, "-j", "2")
    assert res.returncode == 0, res.stderr[-3000:]
    assert f"{len(done)} done already, {9 - len(done)} to build and run" in res.stderr
    second = table(db)
    assert set(second) == NAMES and all(r["run_status"] == "ok" for r in second.values())
    for n in done:
        assert second[n]["updated_at"] == first[n]["updated_at"], f"{n} was done again"
        assert f"] {n}:" not in res.stderr
    # and the results are those of the uninterrupted run
    ref = table(local[0] / "results.db")
    ref.pop("tmatrix-mpk-private-121")                      # failed once there, on purpose
    assert {n: comparable(second[n]) for n in ref} == {n: comparable(r) for n, r in ref.items()}


@pytest.mark.fast
@pytest.mark.parametrize("run, expect", [
    ('[run]\ncommand = "bench.py"\n', "[run] command must be a non-empty list"),
    ('[run]\ncommand = ["x"]\ntimeout = -1\n', "[run] timeout must be a positive number"),
    ('[run]\ncommand = ["x"]\novercommit = "maybe"\n', "[run] overcommit must be one of skip, run"),
    ('[run]\ncommand = ["x"]\nretries = 3\n', "unknown key 'retries' in [run]"),
    ('[run]\ncommand = ["tests/no/such/bench.py"]\n', "no such program tests/no/such/bench.py"),
])
def test_bad_run_table_says_where(tmp_path, run, expect):
    spec = tmp_path / "bad.toml"
    spec.write_text(SPEC.read_text().split("[run]")[0] + run)
    line = spec.read_text().splitlines().index("[run]") + 1
    res = subprocess.run(
        ["/usr/bin/python3", str(BULKHEAD), "matrix", str(spec), "--out", str(tmp_path / "m")],
        capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert expect in res.stderr, res.stderr
    assert f"{spec}:" in res.stderr and int(res.stderr.split(f"{spec}:")[1].split(":")[0]) >= line


@pytest.mark.fast
def test_expand_and_export_without_building(tmp_path):
    res = bulkhead("matrix", str(SPEC), "--expand", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert {Path(l).stem for l in res.stdout.split()} == NAMES
    res = bulkhead("matrix", "--csv", str(tmp_path / "x.csv"))
    assert res.returncode != 0 and "give a matrix spec" in res.stderr


@pytest.mark.slow
def test_slurm_array_gives_the_local_results(tmp_path, local):
    sys.path.insert(0, str(ROOT / "tests" / "matrix"))
    import slurm_cluster
    why = slurm_cluster.install()
    if why:
        pytest.skip(why)
    with slurm_cluster.cluster(tmp_path / "slurm-cluster") as env:
        res = matrix(tmp_path / "m", "--slurm", "--slurm-args=--time=00:20:00", env=env, timeout=1200)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "Slurm array job" in res.stderr and "[9/9]" in res.stderr
    got = table(tmp_path / "m" / "results.db")
    assert set(got) == NAMES and all(r["run_status"] == "ok" for r in got.values())
    outs = list((tmp_path / "m" / "slurm").glob("*_*.out"))
    assert len(outs) == 9                                   # one array task per configuration
    ref = table(local[0] / "results.db")
    ref.pop("tmatrix-mpk-private-121")                      # failed once there, on purpose
    assert {n: comparable(got[n]) for n in ref} == {n: comparable(r) for n, r in ref.items()}
