"""One configuration of a matrix: link it from the cached component bitcode, run the benchmark on the
image (bounded in time), write what happened to <out>/results/<name>.json.

The same code runs under the local driver (one process per job, -j N at a time) and as a Slurm array
task (`./bulkhead matrix --job PLAN --index I`).  Jobs never write the results database: the process
that started them reads their JSON files into it (one writer; SQLite's locks are not to be trusted on
the network filesystems clusters share).
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from .. import paths
from ..diag import BulkheadError
from .plan import Job, Plan, cores, overcommitted

METRIC = re.compile(r"^metric\s+(\S+)\s+(\S+)(?:\s+(\S+))?\s*$")
GUEST = re.compile(r"^guest_status\s+(-?\d+)\s*$")
TAIL = 3000


class Stop(Exception):
    """SIGTERM (the driver's interrupt, Slurm's scancel or time limit): stop the benchmark, end."""


def _stop(signum: int, frame: Any) -> None:
    raise Stop()


def build(job: Job) -> dict[str, Any]:
    """Link the configuration (components come from the cache the driver filled); the build record."""
    from .. import components, config, image
    start = time.monotonic()
    rec: dict[str, Any] = {"status": "failed"}
    outdir = paths.IMAGES / job.image_name
    try:
        cfg = config.load(Path(job.link_file))
        # image.build without its plugin build: the driver built the plugin once before any job, and
        # jobs running side by side must not run cmake in one build folder at the same time.
        stats = components.BuildStats()
        bitcode = [components.bitcode(c, stats) for c in cfg.components.values()]
        bitcode += [a for c in cfg.components.values() for a in components.extra_inputs(c)]
        objects = [o for c in cfg.components.values() for o in components.asm_objects(c)]
        img = image.link(cfg, bitcode, objects, outdir, stats)
        rec.update(status="ok", elf=str(img.elf), image=job.image_name, image_bytes=img.elf.stat().st_size,
                   relinked=img.relinked, compiled=stats.compiled, cached=stats.cached)
        rec["manifest"] = {"stats": json.loads(img.manifest.read_text()).get("stats", {})}
    except BulkheadError as e:
        rec["error"] = str(e)[-TAIL:]
        # The pass writes the manifest (with its refusals) before it stops the link.
        m = outdir / "manifest.json"
        try:
            manifest = json.loads(m.read_text()) if m.is_file() else None
        except ValueError:
            manifest = None
        if manifest and manifest.get("refusals"):
            rec.update(status="refused", manifest={"stats": manifest.get("stats", {})},
                       refusals=len(manifest["refusals"]))
    rec["wall_s"] = round(time.monotonic() - start, 3)
    return rec


def parse(stdout: str) -> tuple[dict[str, list], int | None]:
    metrics: dict[str, list] = {}
    guest = None
    for line in stdout.splitlines():
        if m := METRIC.match(line):
            try:
                metrics[m.group(1)] = [float(m.group(2)), m.group(3) or ""]
            except ValueError:
                pass
        elif m := GUEST.match(line):
            guest = int(m.group(1))
    return metrics, guest


def run(plan: Plan, job: Job, elf: Path, log: Path) -> dict[str, Any]:
    """Run the spec's benchmark command on the image; the run record."""
    if plan.run is None:
        return {"status": "skipped", "error": "the spec has no [run] table (build only)"}
    if overcommitted(job) and plan.run.overcommit == "skip":
        return {"status": "skipped", "error": f"vm poll with {job.compartments} machines on "
                f"{cores()} cores: skipped by the spec's policy ([run] overcommit = \"skip\")"}
    fill = {"image": str(elf), "dir": str(elf.parent), "config": job.config, "name": job.name,
            "root": str(paths.ROOT)}
    cmd = [a.format(**fill) for a in plan.run.command]
    if not Path(cmd[0]).is_absolute() and (paths.ROOT / cmd[0]).exists():
        cmd[0] = str(paths.ROOT / cmd[0])
    start = time.monotonic()
    # Its own process group: a timeout or a stop takes QEMU (and vm's machines) down with it.
    # The options the runner chooses at boot (vm's wake) reach whatever runner the command uses.
    env = {**os.environ, **job.run_env}
    proc = subprocess.Popen(cmd, cwd=paths.ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, env=env)
    timed_out = False
    try:
        out, err = proc.communicate(timeout=plan.run.timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    wall = round(time.monotonic() - start, 3)
    with open(log, "a") as f:
        f.write(f"$ {' '.join(f'{k}={v}' for k, v in job.run_env.items())}{' ' if job.run_env else ''}"
                f"{' '.join(cmd)}\n{out}{err}(exit status {proc.returncode}, {wall} s)\n")
    metrics, guest = parse(out)
    rec: dict[str, Any] = {"wall_s": wall, "metrics": metrics, "guest_status": guest}
    if timed_out:
        over = " (vm poll with more machines than cores, run by the spec's policy overcommit = \"run\")" \
            if overcommitted(job) else ""
        rec.update(status="timeout", error=f"no result within the time limit of {plan.run.timeout:g} s{over}")
    elif proc.returncode != 0:
        rec.update(status="failed", error=f"the benchmark exited with status {proc.returncode}:\n"
                                          + (err + out)[-TAIL:].strip())
    else:
        rec["status"] = "ok"
    return rec


def execute(plan: Plan, index: int) -> Path:
    """Build and run job `index`; its JSON result file (written whole, atomically)."""
    if not 0 <= index < len(plan.jobs):
        raise BulkheadError(f"job index {index} out of range: the plan has {len(plan.jobs)} jobs")
    job = plan.jobs[index]
    old = signal.signal(signal.SIGTERM, _stop)
    plan.results_dir.mkdir(parents=True, exist_ok=True)
    plan.logs_dir.mkdir(parents=True, exist_ok=True)
    log = plan.logs_dir / f"{job.name}.log"
    log.write_text(f"{job.name} ({job.config}) at {plan.commit}, host {os.uname().nodename}\n")
    try:
        rec: dict[str, Any] = {"name": job.name, "key": job.key, "commit": plan.commit,
                               "host": os.uname().nodename, "build": build(job)}
        b = rec["build"]
        with open(log, "a") as f:
            f.write(f"build: {b['status']} in {b['wall_s']} s\n" + (b.get("error", "") + "\n" if "error" in b else ""))
        if b["status"] == "ok":
            rec["run"] = run(plan, job, Path(b["elf"]), log)
    finally:
        signal.signal(signal.SIGTERM, old)
    out = plan.result_file(job)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(rec) + "\n")
    os.replace(tmp, out)
    return out
