"""A real single-node Slurm cluster on localhost for tests/test_matrix.py: Debian's munge and slurm-wlm
(slurmctld, slurmd, the client commands), started as root in the foreground with a generated
slurm.conf in a private folder (its own munge key and socket, free ports), no systemd, no cgroups
(proctrack/linuxproc, task/none), and stopped by their process ids at the end.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

PACKAGES = ["munge", "slurmctld", "slurmd", "slurm-client"]
TOOLS = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"]


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def install() -> str | None:
    """Install the packages when missing (as root); the reason they cannot be, or None."""
    if not missing_tools():
        return None
    if os.geteuid() != 0:
        return f"Slurm is not installed and this is not root (apt-get install {' '.join(PACKAGES)})"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    proc = subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES],
                          capture_output=True, text=True, env=env, timeout=900)
    if proc.returncode != 0 or missing_tools():
        return f"apt-get install {' '.join(PACKAGES)} failed: {proc.stderr[-500:]}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _conf(folder: Path) -> str:
    host = socket.gethostname().split(".")[0]
    return f"""ClusterName=bulkhead-test
SlurmctldHost={host}(127.0.0.1)
SlurmctldPort={_free_port()}
SlurmdPort={_free_port()}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={folder}/munge.sock
StateSaveLocation={folder}/state
SlurmdSpoolDir={folder}/spool
SlurmctldPidFile={folder}/slurmctld.pid
SlurmdPidFile={folder}/slurmd.pid
SlurmctldLogFile={folder}/slurmctld.log
SlurmdLogFile={folder}/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
NodeName={host} NodeAddr=127.0.0.1 CPUs={os.cpu_count()} State=UNKNOWN
PartitionName=bulkhead Nodes={host} Default=YES MaxTime=INFINITE State=UP
"""


@contextlib.contextmanager
def cluster(folder: Path) -> Iterator[dict[str, str]]:
    """Start munged, slurmctld and slurmd; yield the environment that points Slurm's commands at them."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)        # munged wants its socket's folder reachable by all
    for d in ("state", "spool"):
        (folder / d).mkdir(exist_ok=True)
    key = folder / "munge.key"
    key.write_bytes(os.urandom(1024))
    key.chmod(0o600)
    conf = folder / "slurm.conf"
    conf.write_text(_conf(folder))
    env = dict(os.environ, SLURM_CONF=str(conf))
    procs: list[subprocess.Popen] = []

    def start(name: str, cmd: list[str]) -> None:
        log = open(folder / f"{name}.out", "w")
        procs.append(subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      env=env, start_new_session=True))
        log.close()
    try:
        start("munged", ["munged", "-F", "-f", f"--socket={folder}/munge.sock", f"--key-file={key}",
                         f"--pid-file={folder}/munged.pid", f"--log-file={folder}/munged.log",
                         f"--seed-file={folder}/munged.seed"])
        for _ in range(50):
            if (folder / "munge.sock").exists():
                break
            time.sleep(0.1)
        start("slurmctld", ["slurmctld", "-D", "-i", "-f", str(conf)])
        start("slurmd", ["slurmd", "-D", "-f", str(conf)])
        deadline = time.monotonic() + 60
        while True:
            out = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True, env=env).stdout.strip()
            if out in ("idle", "mixed", "allocated"):
                break
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                logs = "\n".join((folder / f"{n}.out").read_text()[-800:] for n in ("munged", "slurmctld", "slurmd"))
                raise RuntimeError(f"the test's Slurm did not come up (sinfo: {out!r}):\n{logs}")
            time.sleep(0.5)
        yield env
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in reversed(procs):
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
