"""`./bulkhead matrix SPEC.toml`: expand, compile every component once, link and run each configuration
(-j N jobs at a time, or a Slurm array), and record everything in the results database.

Resumable: a configuration whose result at this commit is done (run ok or skipped, or a link the pass
refused) is not built again; failed builds, failed runs and timeouts are retried.  Results of jobs
that finished after their driver stopped (an interrupted matrix, a Slurm array) are read in first.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..diag import BulkheadError, info
from ..explore import results
from .plan import Job, Plan, commit_id, run_spec, runtime_options

DONE_RUN = ("ok", "skipped")


def prepare(spec_path: Path, out: Path | None, db: Path | None) -> tuple[Plan, Path]:
    """Expand and write the configurations; the plan (saved) and the database path."""
    from .. import config
    from ..explore import spec as spec_mod
    spec = spec_mod.load(spec_path)
    run = run_spec(spec)
    variants, skipped = spec_mod.expand(spec)
    if not variants:
        raise BulkheadError("the spec expands to no configuration", hint="; ".join(skipped[:3]) or None)
    folder = (out or paths.BUILD / "matrix" / spec.name).resolve()
    db = (db or folder / "results.db").resolve()
    files = spec_mod.write(spec, variants, folder / "configs")
    links = link_variants(spec, variants)
    link_files = dict(zip((v.name for v in links.values()),
                          spec_mod.write(spec, list(links.values()), folder / "configs" / "links")))
    for why in skipped:
        info(f"left out {why}")
    where = spec_path.resolve()
    label = str(where.relative_to(paths.ROOT) if where.is_relative_to(paths.ROOT) else where)
    plan = Plan(label, spec.name, spec.app, commit_id([db]), str(folder), run)
    for v, f in zip(variants, files):
        job = Job(v.name, str(f), hashlib.sha256(f.read_text().encode()).hexdigest(), v.backend,
                  dict(v.options), len(v.blocks))
        if (link := links.get(v.name)) is not None:
            env = runtime_options(v.backend)
            job.image, job.link_config = link.name, str(link_files[link.name])
            job.run_env = {env[o]: val for o, val in v.options.items() if o in env}
        plan.jobs.append(job)
    # Every configuration in the database, done or not (and each checked: config.load).
    conn = results.connect(db, create=True)
    try:
        for job in plan.jobs:
            text = Path(job.config).read_text()
            key = results.add_configuration(conn, config.load(Path(job.config)), text, spec=label)
            assert key == job.key
    finally:
        conn.close()
    plan.save()
    return plan, db


def link_variants(spec: Any, variants: list[Any]) -> dict[str, Any]:
    """For each configuration with options the runner chooses at boot (vm's wake), the configuration
    it is linked as: the same placement without those options (so the backend's defaults), named
    without their values; configurations that differ only in them share it (one link)."""
    from ..explore.spec import Variant
    out: dict[str, Any] = {}
    for v in variants:
        boot = runtime_options(v.backend)
        if not set(v.options) & set(boot):
            continue
        kept = {o: val for o, val in v.options.items() if o not in boot}
        name = "-".join(x for x in (spec.name, v.backend, "-".join(kept.values()), v.code) if x)
        out[v.name] = Variant(name, v.backend, kept, v.blocks, v.code)
    return out


def compile_once(plan: Plan) -> dict[str, Any]:
    """Every component any configuration links, compiled (or found in the cache) once, serially, before
    any link: the parallel links then only read the cache."""
    from .. import components, config, toolchain
    start = time.monotonic()
    toolchain.build_plugin()
    stats = components.BuildStats()
    seen: set[tuple] = set()
    for job in plan.jobs:
        cfg = config.load(Path(job.link_file))
        for comp in cfg.components.values():
            # the cache keys a component on its flags and files (cache.py): one visit per distinct one
            ident = (comp.name, str(comp.folder), tuple(map(str, comp.include_dirs)), tuple(comp.cflags))
            if ident in seen:
                continue
            seen.add(ident)
            components.bitcode(comp, stats)
            components.extra_inputs(comp)
            components.asm_objects(comp)
    return {"compiled": stats.compiled, "cached": stats.cached, "wall_s": round(time.monotonic() - start, 3)}


def done_keys(conn, commit: str) -> set[str]:
    rows = conn.execute("SELECT config FROM result WHERE commit_id = ? AND (build_status = 'refused' OR "
                        f"run_status IN ({', '.join('?' * len(DONE_RUN))}))", (commit, *DONE_RUN))
    return {r[0] for r in rows}


def ingest(conn, plan: Plan, job: Job, rec: dict[str, Any] | None, why_missing: str = "") -> str:
    """Record one job's JSON result (or its absence); returns a one-word outcome for the progress line."""
    if rec is None:
        results.record_build(conn, job.key, plan.commit, "failed",
                             error=f"the job ended without a result ({why_missing}); log: "
                                   f"{plan.logs_dir / (job.name + '.log')}")
        return "failed"
    b = rec["build"]
    results.record_build(conn, job.key, plan.commit, b["status"], error=b.get("error"),
                         manifest=b.get("manifest"), image_bytes=b.get("image_bytes"), wall_s=b.get("wall_s"))
    r = rec.get("run")
    if r is None:
        return b["status"]
    results.record_run(conn, job.key, plan.commit, r["status"], error=r.get("error"),
                       guest_status=r.get("guest_status"), wall_s=r.get("wall_s"),
                       metrics={n: (v, u) for n, (v, u) in r.get("metrics", {}).items()})
    return r["status"]


def read_result(plan: Plan, job: Job) -> dict[str, Any] | None:
    f = plan.result_file(job)
    try:
        rec = json.loads(f.read_text())
    except (OSError, ValueError):
        return None
    return rec if rec.get("key") == job.key and rec.get("commit") == plan.commit else None


@dataclass
class Progress:
    total: int
    done_before: int
    start: float = field(default_factory=time.monotonic)
    finished: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    def step(self, name: str, outcome: str) -> None:
        self.finished += 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        el = time.monotonic() - self.start
        rate = self.finished / el * 60 if el > 0 else 0.0
        left = self.total - self.done_before - self.finished
        eta = f"~{left / rate:.0f} min left" if rate > 0 and left else "finishing" if not left else "?"
        counts = ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items()))
        info(f"matrix: [{self.done_before + self.finished}/{self.total}] {name}: {outcome}  "
             f"({counts}; {rate:.1f}/min, {eta})")


def job_command(plan_file: Path, index: int) -> list[str]:
    return ["/usr/bin/python3", str(paths.ROOT / "bulkhead"), "matrix", "--job", str(plan_file), "--index", str(index)]


def run_local(plan: Plan, conn, todo: list[int], jobs: int, progress: Progress) -> None:
    """Up to `jobs` job processes at a time; each result is recorded as soon as its job ends."""
    plan_file = Path(plan.out) / "plan.json"
    queue = list(todo)
    running: dict[int, subprocess.Popen] = {}
    try:
        while queue or running:
            while queue and len(running) < jobs:
                i = queue.pop(0)
                plan.result_file(plan.jobs[i]).unlink(missing_ok=True)
                plan.logs_dir.mkdir(parents=True, exist_ok=True)
                err = open(plan.logs_dir / f"{plan.jobs[i].name}.job.txt", "w")
                running[i] = subprocess.Popen(job_command(plan_file, i), cwd=paths.ROOT, stdin=subprocess.DEVNULL,
                                              stdout=err, stderr=subprocess.STDOUT, start_new_session=True)
                err.close()
            time.sleep(0.3)
            for i, proc in list(running.items()):
                if proc.poll() is None:
                    continue
                del running[i]
                job = plan.jobs[i]
                outcome = ingest(conn, plan, job, read_result(plan, job), f"exit status {proc.returncode}, output in "
                                 f"{plan.logs_dir / (job.name + '.job.txt')}")
                progress.step(job.name, outcome)
    finally:
        # An interrupt: stop the jobs in flight (their benchmarks and QEMUs go with them); what they had
        # not finished is simply not done, and the next run does it.
        for proc in running.values():
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in running.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def matrix(spec_path: Path, jobs: int = 1, out: Path | None = None, db: Path | None = None,
           slurm: bool = False, slurm_args: list[str] = (), csv_path: Path | None = None) -> int:
    t0 = time.monotonic()
    plan, db = prepare(spec_path, out, db)
    conn = results.connect(db)
    try:
        # Results that jobs wrote after an earlier driver stopped (interrupt, Slurm) count first.
        done = done_keys(conn, plan.commit)
        for job in plan.jobs:
            if job.key not in done and (rec := read_result(plan, job)) is not None:
                ingest(conn, plan, job, rec)
        done = done_keys(conn, plan.commit)
        todo = [i for i, j in enumerate(plan.jobs) if j.key not in done]
        # Backend modes take turns, so that a matrix stopped half-way has a sample of each.
        mode = lambda i: (plan.jobs[i].backend, sorted(plan.jobs[i].options.items()))  # noqa: E731
        turn = {i: sum(mode(k) == mode(i) for k in todo[:n]) for n, i in enumerate(todo)}
        # A job that runs an image another job links (vm poll after vm exit) one turn later, so the two
        # do not hold both job slots while one waits for the other's link.
        linked: set[str] = set()
        for i in todo:
            image = plan.jobs[i].image_name
            turn[i] += image in linked
            linked.add(image)
        todo.sort(key=lambda i: turn[i])
        info(f"matrix {plan.name}: {len(plan.jobs)} configurations at commit {plan.commit[:20]}; "
             f"{len(plan.jobs) - len(todo)} done already, {len(todo)} to build and run; database {db}")
        summary: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                   "configurations": len(plan.jobs), "todo": len(todo), "jobs": jobs,
                                   "slurm": slurm, "finished": 0, "interrupted": True}
        try:
            if todo:
                comp = compile_once(plan)
                summary["compile"] = comp
                info(f"matrix: components compiled once: {len(comp['compiled'])} compiled "
                     f"({', '.join(comp['compiled']) or 'none'}), {len(comp['cached'])} from the cache, "
                     f"{comp['wall_s']:.1f} s")
                progress = Progress(len(plan.jobs), len(plan.jobs) - len(todo))
                t1 = time.monotonic()
                try:
                    if slurm:
                        from . import slurm as slurm_mod
                        slurm_mod.run(plan, conn, todo, progress, list(slurm_args))
                    else:
                        run_local(plan, conn, todo, jobs, progress)
                finally:
                    summary["links_and_runs_wall_s"] = round(time.monotonic() - t1, 3)
                    summary["finished"] = progress.finished
            summary["interrupted"] = False
        finally:
            # Every run of the matrix leaves its wall times and cache hits (docs/matrix.md), interrupted or not.
            summary["wall_s"] = round(time.monotonic() - t0, 3)
            with conn:
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             (f"matrix.run.{plan.commit}.{summary['started']}", json.dumps(summary)))
        keys = {j.key for j in plan.jobs}
        tallies: dict[tuple[str, str], int] = {}
        for key, b, r in conn.execute("SELECT config, build_status, coalesce(run_status, '-') FROM result "
                                      "WHERE commit_id = ?", (plan.commit,)):
            if key in keys:
                tallies[(b, r)] = tallies.get((b, r), 0) + 1
        rows = [(b, r, n) for (b, r), n in sorted(tallies.items())]
        if csv_path:
            from .export import write_csv
            n = write_csv(conn, csv_path, plan.commit)
            info(f"matrix: {n} rows written to {csv_path}")
    finally:
        conn.close()
    tally = ", ".join(f"{n} build {b}/run {r}" for b, r, n in rows)
    info(f"matrix {plan.name}: {tally}; {summary['wall_s']:.0f} s")
    done_now = sum(n for b, r, n in rows if b == "refused" or r in DONE_RUN)
    print(db)
    return 0 if done_now == len(plan.jobs) else 1
