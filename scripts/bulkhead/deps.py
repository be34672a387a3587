"""What bulkhead needs from Debian 12, per command, and installing it when missing.

`ensure(command)` checks only what that command needs: `check` runs on a bare machine with Python and
jinja2; `build` adds LLVM (and pyelftools for the post-link checks); `run` adds QEMU; `explore` its graph
packages (networkx, ...), plotting (`plot`, benchmarks/explore/plot.py) matplotlib on top; `test` adds
pytest and lit/FileCheck (and explore's and plot's packages, for their tests); the differential
harness (tests/differential, the slow tier) adds csmith and creduce.  tests/test_deps.py runs `check`
with every module but the standard library and jinja2 refused.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys

from .diag import BulkheadError, info
from .toolchain import LIT, LLVM_VERSION, tool

V = LLVM_VERSION      # Debian's LLVM packages carry the release in their names (toolchain.py)

# command -> the Debian packages it adds to those of the commands it builds on (BUILDS_ON).
PACKAGES: dict[str, list[str]] = {
    "check": ["python3-jinja2"],
    "audit-config": [],
    "abi": [],                                                     # abigen.py: jinja2 (check's)
    "link-line": [],                                               # builds what the link needs, as build does
    "verify": ["python3-pyelftools"],                              # elfread.py
    "build": [f"llvm-{V}", f"llvm-{V}-dev", f"clang-{V}", f"lld-{V}", f"libclang-rt-{V}-dev", "cmake", "make",
              "g++", "libc6-dev",
              "dpkg-dev",                     # apt-get source / dpkg-source: Debian sources (sources.py)
              "libmimalloc2.0"],              # the allocator LLVM's tools run with (toolchain.llvm_env)
    "run": ["qemu-system-x86"],
    "plot": ["python3-matplotlib"],
    "explore": ["python3-networkx", "python3-odf", "python3-pydot", "graphviz",   # scripts/bulkhead/explore
                "python3-more-itertools", "python3-tomli-w"],                      # explore: matrix specs
    "test": ["python3-pytest", "python3-pytest-xdist", f"llvm-{V}-tools",
             "python3-pytest-timeout",      # pytest.ini's per-test limit: a hang fails its test, named
             "iperf3"],                     # the host's load generator (tests/test_iperf.py, benchmarks/iperf)
    "matrix": [],
    "report": [],
    "report-screenshot": ["chromium"],                            # report --screenshot; tests/test_report.py
    "slurm": ["munge", "slurmctld", "slurmd", "slurm-client"],    # matrix --slurm; tests/test_matrix.py starts them
    "differential": ["csmith", "libcsmith-dev", "creduce"],       # tests/differential (the slow tier)
}
BUILDS_ON: dict[str, list[str]] = {
    "audit-config": ["check"],
    "abi": ["check"],
    "link-line": ["build"],
    "verify": ["check"],
    "build": ["verify"],                  # every build runs the post-link checks
    "run": ["build"],
    "explore": ["check"],
    "plot": ["explore"],                  # benchmarks/explore/plot.py: explore's order, drawn
    "test": ["run", "plot"],              # tests/test_explore.py runs plot.py too
    "matrix": ["run", "explore"],
    "report": ["explore"],
    "report-screenshot": ["report"],
    "slurm": ["matrix"],
    "differential": ["test", "slurm"],    # the slow tier: the differential harness and the Slurm test
}

# How to tell that a package is there without asking dpkg (so a machine with the tools installed some
# other way passes): an executable on PATH, "python:<module>", or an absolute path.  A package not
# listed here is asked of dpkg-query.
PROBES: dict[str, str] = {
    "python3-jinja2": "python:jinja2",
    "python3-pytest": "python:pytest",
    "python3-pytest-xdist": "python:xdist",
    "python3-pytest-timeout": "python:pytest_timeout",
    "python3-matplotlib": "python:matplotlib",
    "python3-pyelftools": "python:elftools",
    "python3-networkx": "python:networkx",
    "python3-odf": "python:odf",
    "python3-pydot": "python:pydot",
    "python3-more-itertools": "python:more_itertools",
    "python3-tomli-w": "python:tomli_w",
    "graphviz": "dot",
    "chromium": "chromium",
    "iperf3": "iperf3",
    f"llvm-{V}": tool("opt"),
    f"llvm-{V}-dev": tool("llvm-config"),
    f"llvm-{V}-tools": str(LIT),                                   # and FileCheck
    f"clang-{V}": tool("clang"),
    f"lld-{V}": tool("ld.lld"),
    "cmake": "cmake",
    "make": "make",
    "g++": "g++",
    "libc6-dev": "/usr/include/stdio.h",
    "libmimalloc2.0": "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2",
    "qemu-system-x86": "qemu-system-x86_64",
    "csmith": "csmith",
    "libcsmith-dev": "/usr/include/csmith",                        # the Csmith runtime headers
    "creduce": "creduce",
    "slurm-client": "sbatch",
    "munge": "/usr/sbin/munged",            # the daemons are in /usr/sbin, not on every PATH
    "slurmctld": "/usr/sbin/slurmctld",
    "slurmd": "/usr/sbin/slurmd",
}


def packages(command: str) -> list[str]:
    """Every package `command` needs, those of the commands it builds on first."""
    if command not in PACKAGES:
        raise BulkheadError(f"deps: no package list for command '{command}'",
                            hint=f"add it to PACKAGES in {__file__} (known: {', '.join(PACKAGES)})")
    out: list[str] = []
    for p in [p for base in BUILDS_ON.get(command, []) for p in packages(base)] + PACKAGES[command]:
        if p not in out:
            out.append(p)
    return out


def _present(pkg: str) -> bool:
    probe = PROBES.get(pkg)
    if probe is None:
        if shutil.which("dpkg-query") is None:
            return True                   # not Debian and nothing to look for: assume it is there
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True).stdout
        return status.strip() == "install ok installed"
    if probe.startswith("python:"):
        return importlib.util.find_spec(probe.removeprefix("python:")) is not None
    if probe.startswith("/"):
        return os.path.exists(probe)
    return shutil.which(probe) is not None


def missing(command: str) -> list[str]:
    return [p for p in packages(command) if not _present(p)]


def ensure(command: str) -> None:
    """Install the Debian packages `command` needs that are missing (as root), or say exactly what to run
    and stop."""
    need = missing(command)
    if not need:
        return
    cmd = "apt-get update && apt-get install -y --no-install-recommends " + " ".join(need)
    if os.geteuid() != 0:
        raise BulkheadError(f"missing packages for '{command}': {', '.join(need)}",
                            hint=f"run as root:  {cmd}   (then run ./bulkhead again)")
    info(f"installing missing packages for '{command}': {', '.join(need)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update", "-q"],
                 ["apt-get", "install", "-y", "-q", "--no-install-recommends", *need]):
        if subprocess.run(step, env=env, stdout=sys.stderr).returncode != 0:
            raise BulkheadError(f"'{' '.join(step)}' failed", hint="check the network and apt sources")
    importlib.invalidate_caches()
    still = missing(command)
    if still:
        raise BulkheadError(f"still missing after apt-get: {', '.join(still)}")
