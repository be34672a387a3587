"""`./bulkhead matrix SPEC --slurm`: the links and runs as one Slurm array job (sbatch), one task per
configuration still to do; the driver waits for the array (squeue) and reads each task's JSON result
into the database as it appears.  The components were compiled once before (driver.compile_once), so
the tasks only read the cache: the repository and build/ must be on a filesystem every node shares
(docs/matrix.md).  Interrupting the driver cancels the array (scancel); a second run gathers what had
finished and submits the rest.
"""
from __future__ import annotations

import shlex
import shutil
import subprocess
import time
from pathlib import Path

from .. import paths
from ..diag import BulkheadError, info
from .plan import Plan

POLL_S = 2.0


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BulkheadError(f"--slurm needs Slurm's {name}, which is not on PATH",
                            hint="on Debian: apt-get install slurm-client (and a configured cluster: docs/matrix.md)")
    return path


def ranges(indices: list[int]) -> str:
    """Slurm's array syntax: 0-3,7,9-10."""
    out, run = [], []
    for i in sorted(indices):
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [i]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(out)


def script(plan: Plan, todo: list[int]) -> Path:
    folder = Path(plan.out) / "slurm"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "job.sh"
    plan_file = Path(plan.out) / "plan.json"
    path.write_text(f"""#!/bin/bash
# One configuration of matrix '{plan.name}' per array task: link it, run its benchmark, write
# {plan.results_dir}/<name>.json.  Written by ./bulkhead matrix --slurm (scripts/bulkhead/matrix/slurm.py).
#SBATCH --job-name=bulkhead-{plan.name}
#SBATCH --output={folder}/%A_%a.out
#SBATCH --array={ranges(todo)}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --chdir={paths.ROOT}
exec /usr/bin/python3 {shlex.quote(str(paths.ROOT / 'bulkhead'))} matrix --job {shlex.quote(str(plan_file))} \\
    --index "$SLURM_ARRAY_TASK_ID"
""")
    path.chmod(0o755)
    return path


def _in_queue(squeue: str, job_id: str) -> dict[str, str]:
    """Array tasks of the job still known to Slurm: task id -> state."""
    proc = subprocess.run([squeue, "-h", "-r", "-j", job_id, "-o", "%K %T"], capture_output=True, text=True)
    if proc.returncode != 0:
        if "Invalid job id" in proc.stderr:       # the whole job has left the controller's memory
            return {}
        raise BulkheadError(f"squeue failed: {proc.stderr.strip()}")
    return dict(line.split(None, 1) for line in proc.stdout.splitlines() if line.strip())


def run(plan: Plan, conn, todo: list[int], progress, sbatch_args: list[str], max_wait_s: float = 86400) -> None:
    from .driver import ingest, read_result
    sbatch, squeue, scancel = _tool("sbatch"), _tool("squeue"), _tool("scancel")
    for i in todo:
        plan.result_file(plan.jobs[i]).unlink(missing_ok=True)
    job_sh = script(plan, todo)
    proc = subprocess.run([sbatch, "--parsable", *sbatch_args, str(job_sh)], capture_output=True, text=True,
                          cwd=paths.ROOT)
    if proc.returncode != 0:
        raise BulkheadError(f"sbatch refused the array job: {proc.stderr.strip() or proc.stdout.strip()}",
                            hint=f"job script {job_sh}; Slurm options go in --slurm-args")
    job_id = proc.stdout.strip().split(";")[0]
    info(f"matrix: Slurm array job {job_id} with {len(todo)} tasks ({job_sh})")
    left = set(todo)
    start = time.monotonic()
    try:
        while left:
            if time.monotonic() - start > max_wait_s:
                raise BulkheadError(f"Slurm job {job_id} not finished after {max_wait_s:.0f} s",
                                    hint="see squeue; a later ./bulkhead matrix run gathers what finished")
            queued = _in_queue(squeue, job_id)
            for i in sorted(left):
                job = plan.jobs[i]
                rec = read_result(plan, job)
                if rec is None and str(i) in queued:
                    continue
                if rec is None:
                    # Not in the queue and no result: the task ended without writing one; give its
                    # file system a moment (results written on another node) before calling it failed.
                    time.sleep(POLL_S)
                    rec = read_result(plan, job)
                why = f"Slurm task {job_id}_{i}; output {Path(plan.out) / 'slurm' / f'{job_id}_{i}.out'}"
                progress.step(job.name, ingest(conn, plan, job, rec, why))
                left.discard(i)
            if left:
                time.sleep(POLL_S)
    finally:
        if left:
            subprocess.run([scancel, job_id], capture_output=True)
            info(f"matrix: cancelled Slurm job {job_id} ({len(left)} tasks unfinished)")
