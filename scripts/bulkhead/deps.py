"""What bulkhead needs from Debian 12, and installing it when missing."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys

from .diag import BulkheadError, info

PACKAGES = ["llvm-19", "llvm-19-dev", "llvm-19-tools", "clang-19", "lld-19", "libclang-rt-19-dev",
            "qemu-system-x86", "python3-jinja2", "python3-pytest", "python3-matplotlib", "python3-pyelftools", "cmake", "make", "g++", "libc6-dev",
            "csmith", "libcsmith-dev", "creduce",   # tests/differential
            "python3-networkx", "python3-odf", "python3-pydot", "graphviz",   # explore (scripts/bulkhead/explore)
            "python3-more-itertools", "python3-tomli-w",                      # explore: matrix specs
            "munge", "slurmctld", "slurmd", "slurm-client"]   # matrix --slurm (tests/test_matrix.py starts them)
COMMANDS = {"clang-19": "clang-19", "clang++-19": "clang-19", "opt-19": "llvm-19", "llvm-link-19": "llvm-19",
            "llvm-as-19": "llvm-19", "llvm-nm-19": "llvm-19", "ld.lld-19": "lld-19",
            "FileCheck-19": "llvm-19-tools", "llvm-config-19": "llvm-19-dev",
            "qemu-system-x86_64": "qemu-system-x86", "cmake": "cmake", "make": "make",
            "csmith": "csmith", "creduce": "creduce", "dot": "graphviz",
            "sbatch": "slurm-client"}   # the daemons are in /usr/sbin, not on every PATH
MODULES = {"jinja2": "python3-jinja2", "pytest": "python3-pytest", "matplotlib": "python3-matplotlib",
           "networkx": "python3-networkx", "odf": "python3-odf", "pydot": "python3-pydot",
           "more_itertools": "python3-more-itertools", "tomli_w": "python3-tomli-w",
           "elftools": "python3-pyelftools"}
LIT = "/usr/lib/llvm-19/build/utils/lit/lit.py"


def missing() -> list[str]:
    pkgs = {pkg for cmd, pkg in COMMANDS.items() if shutil.which(cmd) is None}
    pkgs |= {pkg for mod, pkg in MODULES.items() if importlib.util.find_spec(mod) is None}
    if not os.path.isfile(LIT):
        pkgs.add("llvm-19-dev")
    if not os.path.isdir("/usr/include/csmith"):       # the Csmith runtime headers (tests/differential)
        pkgs.add("libcsmith-dev")
    return sorted(pkgs)


def ensure() -> None:
    """Install missing Debian packages (as root), or say exactly what to run and stop."""
    need = missing()
    if not need:
        return
    cmd = "apt-get update && apt-get install -y --no-install-recommends " + " ".join(PACKAGES)
    if os.geteuid() != 0:
        raise BulkheadError(f"missing packages: {', '.join(need)}",
                            hint=f"run as root:  {cmd}   (then run ./bulkhead again)")
    info(f"installing missing packages: {', '.join(need)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update", "-q"],
                 ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES]):
        if subprocess.run(step, env=env, stdout=sys.stderr).returncode != 0:
            raise BulkheadError(f"'{' '.join(step)}' failed", hint="check the network and apt sources")
    still = missing()
    if still:
        raise BulkheadError(f"still missing after apt-get: {', '.join(still)}")
    importlib.invalidate_caches()
