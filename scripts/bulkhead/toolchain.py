"""The LLVM 19 toolchain: tool names, flags, the pass plugin, and running tools with clear errors."""
from __future__ import annotations

import functools
import hashlib
import os
import re
import subprocess
from pathlib import Path

from . import paths
from .diag import BulkheadError, info

# The one place that names the LLVM release: every tool, package and path below follows from it
# (Debian installs LLVM 19's tools as <tool>-19, its tree under /usr/lib/llvm-19).
LLVM_VERSION = 19
LLVM_PREFIX = Path(f"/usr/lib/llvm-{LLVM_VERSION}")


def tool(name: str) -> str:
    """The command of LLVM tool `name` (clang, clang++, opt, ld.lld, llvm-nm, FileCheck, not, ...)."""
    return f"{name}-{LLVM_VERSION}"


CLANG = tool("clang")
CLANGXX = tool("clang++")
OPT = tool("opt")
LLVM_LINK = tool("llvm-link")
LLVM_AS = tool("llvm-as")
LLVM_DIS = tool("llvm-dis")
LLVM_NM = tool("llvm-nm")
LLVM_AR = tool("llvm-ar")
LLVM_OBJDUMP = tool("llvm-objdump")
LLD = tool("ld.lld")
LIT = LLVM_PREFIX / "build" / "utils" / "lit" / "lit.py"
TARGET = "x86_64-unknown-none-elf"


@functools.cache
def resource_dir() -> str:
    return subprocess.run([CLANG, "-print-resource-dir"], capture_output=True, text=True,
                          check=True).stdout.strip()


@functools.cache
def clang_version() -> str:
    return subprocess.run([CLANG, "--version"], capture_output=True, text=True, check=True).stdout.splitlines()[0]


def cflags(include_dirs: list[Path]) -> list[str]:
    """Flags every component is compiled with (freestanding, kernel-safe, full LTO bitcode)."""
    return [f"--target={TARGET}", "-std=c11", "-O2", "-g", "-ffreestanding", "-fno-pic", "-fno-pie",
            "-mno-red-zone", "-fno-stack-protector", "-fno-omit-frame-pointer", "-nostdinc",
            "-isystem", f"{resource_dir()}/include", *[f"-I{d}" for d in include_dirs],
            "-Wall", "-flto=full"]


def asflags(include_dirs: list[Path]) -> list[str]:
    return [f"--target={TARGET}", *[f"-I{d}" for d in include_dirs]]


# LLVM's tools spend much of their time in malloc and free (IR, SelectionDAG and MachineInstr nodes),
# and Debian builds them against glibc's allocator.  With mimalloc preloaded (Debian's libmimalloc2.0)
# the SQLite matrix's full-LTO links take about a quarter less CPU time (benchmarks/sqlite-matrix/
# README.md, "Link time"; results/link-allocators.txt).  The output is the same, byte for byte: an allocator only changes where the
# tool's own objects live, and heap addresses already differ from run to run under ASLR, so nothing
# LLVM writes may depend on them (tests/test_link_speed.py links one image both ways and compares).
# BULKHEAD_LLVM_MALLOC=system keeps glibc's (to compare, or under a tool with its own, e.g. valgrind).
FAST_MALLOC = "mimalloc"
MALLOC_ENV = "BULKHEAD_LLVM_MALLOC"


@functools.cache
def _fast_malloc() -> str | None:
    """The soname of the allocator to preload (the dynamic loader finds it as it finds any library),
    or None where it is not installed."""
    import ctypes.util
    return ctypes.util.find_library(FAST_MALLOC)


def llvm_env(choice: str | None = None) -> dict[str, str] | None:
    """The environment to run an LLVM tool in: this one, with the fast allocator preloaded where it is
    installed and not turned off (None: this environment as it is).  `choice`: the allocator, instead
    of what $BULKHEAD_LLVM_MALLOC says."""
    choice = choice or os.environ.get(MALLOC_ENV, FAST_MALLOC)
    if choice not in (FAST_MALLOC, "system"):
        raise BulkheadError(f"{MALLOC_ENV}={choice}: not an allocator bulkhead knows",
                            hint=f"use {FAST_MALLOC} (the default) or system (glibc's)")
    lib = _fast_malloc() if choice == FAST_MALLOC else None
    if lib is None:
        return None
    pre = os.environ.get("LD_PRELOAD", "")
    return {**os.environ, "LD_PRELOAD": f"{pre} {lib}".strip()}


def is_llvm_tool(program: str) -> bool:
    return program.endswith(f"-{LLVM_VERSION}")


def run(cmd: list[str], what: str, cwd: Path | None = None, writes: Path | None = None) -> subprocess.CompletedProcess:
    """Run a tool; on failure raise an error that shows what was being done and the tool's own output.
    `writes`: the folder it writes into; a failure for want of space there is reported as that.
    LLVM's tools run with the fast allocator (llvm_env)."""
    env = llvm_env() if is_llvm_tool(cmd[0]) else None
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)
    if proc.returncode != 0:
        out = (proc.stderr + proc.stdout).strip()
        if writes is not None:
            from . import cache
            if cache.out_of_space(out, writes):
                raise cache.no_space(writes)
        raise BulkheadError(f"{what} failed:\n{out}", hint="command: " + " ".join(cmd))
    return proc


# Set by `./bulkhead test` to the plugin it has just built: the tools the tests start skip CMake's
# up-to-date check (0.1 s of every cached build) for that same file.  Another build folder, or a plugin
# that is missing, still goes through CMake.
PLUGIN_CURRENT_ENV = "BULKHEAD_PLUGIN_CURRENT"


def build_plugin() -> Path:
    """Configure (once) and build the pass plugin with CMake; cheap when up to date."""
    current = os.environ.get(PLUGIN_CURRENT_ENV)
    if current and Path(current) == paths.PLUGIN and paths.PLUGIN.is_file():
        return paths.PLUGIN
    build = paths.BUILD
    source = _configured_source(build / "CMakeCache.txt")
    own = build.resolve() == (paths.ROOT / "build").resolve()     # not a BULKHEAD_BUILD folder shared on purpose
    if source is None or (own and source != paths.ROOT):
        # A build folder copied from another checkout still points at that checkout's sources (and
        # `cmake --build` would build there): configure it afresh for this one.
        info("configuring the pass plugin (cmake)" + (f"; the build folder was configured for {source}" if source else ""))
        run(["cmake", "--fresh", "-S", str(paths.ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
             f"-DCMAKE_CXX_COMPILER={CLANGXX}", f"-DCMAKE_C_COMPILER={CLANG}"], "configuring with cmake")
    run(["cmake", "--build", str(build), "-j2"], "building the pass plugin")
    if not paths.PLUGIN.is_file():
        raise BulkheadError(f"the build did not produce {paths.PLUGIN}")
    plugin_digest.cache_clear()
    return paths.PLUGIN


def _configured_source(cache: Path) -> Path | None:
    """The source folder a CMake build folder was configured for (None: not configured)."""
    if not cache.is_file():
        return None
    m = re.search(r"^CMAKE_HOME_DIRECTORY:INTERNAL=(.*)$", cache.read_text(errors="replace"), re.M)
    return Path(m.group(1)).resolve() if m else None


@functools.cache
def plugin_digest() -> str:
    return hashlib.sha256(paths.PLUGIN.read_bytes()).hexdigest()[:16] if paths.PLUGIN.is_file() else "none"
