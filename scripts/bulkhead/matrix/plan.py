"""A matrix's plan: its configurations written out, the benchmark to run on each image, the commit.

The plan is written to <out>/plan.json, so that a job (locally, or a Slurm array task on another node
that shares the repository and build/) needs nothing but that file and its index.

The spec's [run] table (benchmarks/sqlite-matrix/spec.toml):

    [run]
    command = ["benchmarks/sqlite-matrix/bench.py", "{image}", "--rows", "200"]
    timeout = 600        # seconds per run; past it the run is recorded as 'timeout'
    overcommit = "skip"  # vm poll with more machines than host cores: "skip" (recorded as skipped,
                         # with the reason) or "run" (bounded by the timeout like every run)

Placeholders in the command: {image} (image.elf), {dir} (its folder), {config} (the configuration
file), {name} (the image name), {root} (the repository).  A relative program path is taken from the
repository root.  The command prints `metric NAME VALUE [UNIT]` lines (and optionally one
`guest_status N` line) on stdout and exits 0; any other exit status is a failed run.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..diag import BulkheadError, Location

RUN_KEYS = {"command", "timeout", "overcommit"}
OVERCOMMIT = ("skip", "run")
DEFAULT_TIMEOUT = 600.0


@dataclass
class RunSpec:
    command: list[str]
    timeout: float = DEFAULT_TIMEOUT
    overcommit: str = "skip"


@dataclass
class Job:
    name: str
    config: str            # path of the configuration file
    key: str               # results.add_configuration's key: sha256 of the file's text
    backend: str
    options: dict[str, str]
    compartments: int
    # The image it runs: the configuration less the options the host runner chooses at boot (vm's
    # wake), linked once for all their values (several jobs may share it; image.link's lock orders
    # them and the later ones find it linked).  Empty: the configuration itself.
    image: str = ""
    link_config: str = ""
    run_env: dict[str, str] = field(default_factory=dict)   # those options, for the benchmark's runner

    @property
    def image_name(self) -> str:
        return self.image or self.name

    @property
    def link_file(self) -> str:
        return self.link_config or self.config


@dataclass
class Plan:
    spec: str
    name: str
    app: str
    commit: str
    out: str               # the matrix folder: configs/, results/, logs/, slurm/
    run: RunSpec | None
    jobs: list[Job] = field(default_factory=list)

    @property
    def results_dir(self) -> Path:
        return Path(self.out) / "results"

    @property
    def logs_dir(self) -> Path:
        return Path(self.out) / "logs"

    def result_file(self, job: Job) -> Path:
        return self.results_dir / f"{job.name}.json"

    def save(self) -> Path:
        path = Path(self.out) / "plan.json"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(asdict(self), indent=1) + "\n")
        os.replace(tmp, path)
        return path

    @staticmethod
    def load(path: Path) -> "Plan":
        try:
            raw = json.loads(path.read_text())
        except (OSError, ValueError) as e:
            raise BulkheadError(f"cannot read the matrix plan ({e})", Location(path),
                                hint="./bulkhead matrix SPEC.toml writes it") from None
        run = RunSpec(**raw.pop("run")) if raw.get("run") else None
        raw.pop("run", None)
        jobs = [Job(**j) for j in raw.pop("jobs")]
        return Plan(**raw, run=run, jobs=jobs)


def run_spec(spec: Any) -> RunSpec | None:
    """The spec's [run] table, checked; None when the spec names no benchmark (build only)."""
    from ..explore.spec import _where
    raw = spec.run
    if not raw:
        return None
    text = spec.path.read_text()
    at = lambda needle: _where(spec.path, text, needle)  # noqa: E731
    if not isinstance(raw, dict):
        raise BulkheadError("[run] must be a table (command, timeout, overcommit)", at("run"))
    for k in raw:
        if k not in RUN_KEYS:
            raise BulkheadError(f"unknown key '{k}' in [run]", at(k), "keys: " + ", ".join(sorted(RUN_KEYS)))
    cmd = raw.get("command")
    if not (isinstance(cmd, list) and cmd and all(isinstance(a, str) for a in cmd)):
        raise BulkheadError("[run] command must be a non-empty list of strings (the program and its arguments)",
                            at("command"), 'e.g.  command = ["benchmarks/sqlite-matrix/bench.py", "{image}"]')
    timeout = raw.get("timeout", DEFAULT_TIMEOUT)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise BulkheadError("[run] timeout must be a positive number of seconds", at("timeout"))
    over = raw.get("overcommit", "skip")
    if over not in OVERCOMMIT:
        raise BulkheadError(f"[run] overcommit must be one of {', '.join(OVERCOMMIT)}", at("overcommit"),
                            "what to do with vm poll configurations that have more machines than host cores")
    prog = Path(cmd[0])
    if not prog.is_absolute() and not (paths.ROOT / prog).exists() and "/" in cmd[0]:
        raise BulkheadError(f"[run] command: no such program {cmd[0]} (relative to {paths.ROOT})", at("command"))
    return RunSpec(list(cmd), float(timeout), over)


def commit_id(exclude: list[Path] = ()) -> str:
    """bulkhead's commit; with uncommitted changes (or new files), `<sha>-dirty.<hash of the diff>`, so
    a resumed matrix after a code change does not take old results for new ones.  Benchmark results
    folders and the matrix's own outputs are left out of the diff (writing them must not change it)."""
    def git(*a: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(paths.ROOT), *a], capture_output=True, text=True)
    head = git("rev-parse", "HEAD")
    if head.returncode != 0:
        return "unknown"
    spec = [".", ":(exclude,glob)benchmarks/*/results/**"]
    spec += [f":(exclude){p.resolve().relative_to(paths.ROOT)}" for p in exclude
             if p.resolve().is_relative_to(paths.ROOT)]
    diff = git("diff", "HEAD", "--", *spec).stdout
    for name in git("ls-files", "--others", "--exclude-standard", "--", *spec).stdout.splitlines():
        f = paths.ROOT / name                     # new files not yet committed count as changes too
        diff += f"\n{name}\n" + (hashlib.sha256(f.read_bytes()).hexdigest() if f.is_file() else "")
    sha = head.stdout.strip()
    return sha if not diff else f"{sha}-dirty.{hashlib.sha256(diff.encode()).hexdigest()[:8]}"


def runtime_options(backend: str) -> dict[str, str]:
    """Options of a backend that the host runner chooses at boot, not the link: option -> the
    environment variable that sets it for every runner (gates/vm/host.py's RUNTIME_OPTIONS)."""
    from .. import backends
    runner = backends.runner(backend)
    if runner is None or not hasattr(runner, "RUNTIME_OPTIONS"):
        return {}
    return {opt: runner.WAKE_ENV for opt in runner.RUNTIME_OPTIONS}


def overcommitted(job: Job) -> bool:
    """A backend whose machines spin with these options (its host runner's `spins`: vm poll, every machine
    busy-waits on its inbox): more machines than cores starve one another.  The cores are those this
    process may run on (a Slurm task bound to fewer sees fewer)."""
    from .. import backends
    runner = backends.runner(job.backend)
    spins = getattr(runner, "spins", None) if runner is not None else None
    return bool(spins and spins(job.options)) and job.compartments > cores()


def cores() -> int:
    return len(os.sched_getaffinity(0)) or 1
