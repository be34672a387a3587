"""Mutation testing of the suite: apply one mutant (a patch that removes a protection) to a scratch copy
of the repository, build what it needs there, and run the tests that must catch it.

The scratch copy lives under the build folder (`<build>/mutants/tree`, its own build folder next to it,
`<build>/mutants/build`, passed to everything as BULKHEAD_BUILD) and is reused from one mutant to the
next: files are copied only where they differ from the repository, so the component cache stays valid
for every component a mutant does not touch, and the pass plugin is rebuilt only when a mutant changes
a pass source.  The plugin build is seeded once from the repository's own (objects copied, then made
newer than the sources), so a mutant of a gate, the kernel or a driver check never compiles the pass.

Usage: /usr/bin/python3 tests/mutants/runner.py [--baseline] [NAME ...]   (all mutants when no NAME)
"""
from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BUILD = Path(os.environ.get("BULKHEAD_BUILD", ROOT / "build"))
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import toolchain  # noqa: E402
TEST_TIMEOUT = 900          # seconds for one mutant's killing tests


@dataclass
class Mutant:
    name: str
    what: str
    kill: list[str]
    expect: list[str]                # regular expressions the failures' text must all contain

    @property
    def patch(self) -> Path:
        return HERE / "patches" / f"{self.name}.patch"


@dataclass
class Outcome:
    mutant: str
    status: str                      # killed | survived | wrong-reason | error
    failed: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    detail: str = ""


def load() -> list[Mutant]:
    data = tomllib.loads((HERE / "mutants.toml").read_text())
    return [Mutant(m["name"], m["what"], list(m["kill"]), list(m["expect"])) for m in data["mutant"]]


def _run(cmd: list[str], cwd: Path, what: str, env: dict | None = None,
         timeout: float = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({' '.join(cmd)}):\n{(proc.stdout + proc.stderr)[-3000:]}")
    return proc


def _repo_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.split("\0") if f and (ROOT / f).is_file()]


class Scratch:
    """The reusable scratch copy of the repository and its build folder."""

    def __init__(self, base: Path | None = None) -> None:
        self.base = base or BUILD / "mutants"
        self.tree = self.base / "tree"
        self.build = self.base / "build"
        # lit finds the plugin through BULKHEAD_PLUGIN (passes/test/lit.cfg.py): this tree's, not the
        # repository's, or a mutant of the pass would be tested against the unmutated plugin
        self.env = {**os.environ, "BULKHEAD_BUILD": str(self.build),
                    "BULKHEAD_PLUGIN": str(self.build / "passes" / "BulkheadPass.so"),
                    "PYTHONDONTWRITEBYTECODE": "1"}
        # `./bulkhead test` vouches for the repository's plugin only; this tree's is built by CMake
        self.env.pop("BULKHEAD_PLUGIN_CURRENT", None)

    def sync(self) -> None:
        """Make the tree equal to the repository's files.  New files keep the repository's times (so
        the seeded plugin objects are newer); a file that differs (a mutant's leftover) gets the time
        of now, so make rebuilds whatever depends on it."""
        files = _repo_files()
        # a file the repository no longer has (moved or deleted since the tree was made) goes too:
        # a stale lit test or source would be tested as if it were the repository's
        keep = set(files)
        for path in [p for p in self.tree.rglob("*") if p.is_file() or p.is_symlink()]:
            rel = path.relative_to(self.tree)
            if rel.parts[0] not in ("build", ".git") and "__pycache__" not in rel.parts and str(rel) not in keep:
                path.unlink()
        for rel in files:
            src, dst = ROOT / rel, self.tree / rel
            if not dst.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
            elif not filecmp.cmp(src, dst, shallow=False):
                shutil.copyfile(src, dst)

    def plugin(self) -> None:
        """Configure the scratch plugin build (once), and seed it with the repository's compiled pass
        every time: the seeded objects carry no dependency files, so a header the pass includes (abi.h:
        its ABI version) changing in the repository would otherwise leave stale objects here.  A mutant's
        pass source gets a later time when it is applied, so make still rebuilds exactly that.  A scratch
        build configured for another tree (a build folder copied from another checkout) is thrown away:
        building it would compile that tree's pass, not this one's."""
        cache = self.build / "CMakeCache.txt"
        if cache.is_file() and toolchain._configured_source(cache) != self.tree.resolve():
            shutil.rmtree(self.build)
        if not cache.is_file():
            _run(["cmake", "-S", str(self.tree), "-B", str(self.build), "-DCMAKE_BUILD_TYPE=Release",
                  f"-DCMAKE_CXX_COMPILER={toolchain.CLANGXX}", f"-DCMAKE_C_COMPILER={toolchain.CLANG}"],
                 self.base, "configuring the scratch build")
        toolchain.build_plugin()     # the repository's own, current
        src = BUILD / "passes"
        objs = src / "CMakeFiles" / "BulkheadPass.dir"
        if (src / "BulkheadPass.so").is_file() and objs.is_dir():
            dst = self.build / "passes" / "CMakeFiles" / "BulkheadPass.dir"
            dst.mkdir(parents=True, exist_ok=True)
            for o in objs.glob("*.o"):
                shutil.copyfile(o, dst / o.name)
            shutil.copyfile(src / "BulkheadPass.so", self.build / "passes" / "BulkheadPass.so")
            now = time.time()
            for f in [*dst.glob("*.o"), self.build / "passes" / "BulkheadPass.so"]:
                os.utime(f, (now, now))

    def apply(self, patch: Path) -> None:
        # The tree sits inside the repository's build folder: stop git from finding that repository, so
        # the patch applies to the tree (git apply outside any repository behaves like patch -p1).
        env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(self.tree.parent)}
        _run(["git", "apply", "--whitespace=nowarn", str(patch)], self.tree, f"applying {patch.name}", env)

    def check_applies(self, patch: Path) -> None:
        env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(self.tree.parent)}
        _run(["git", "apply", "--check", str(patch)], self.tree, f"checking {patch.name}", env)

    def prepare(self) -> None:
        self.tree.mkdir(parents=True, exist_ok=True)
        self.sync()
        self.plugin()

    def pytest(self, tests: list[str], tag: str) -> tuple[int, list[str], list[str], str]:
        """Run tests in the tree (after building the plugin, so lit tests see this tree's pass).
        Returns (pytest status, failed, passed, the failures' text or the output's tail)."""
        _run(["cmake", "--build", str(self.build), "-j2"], self.tree, "building the scratch plugin")
        report = self.base / f"{tag}.xml"
        report.unlink(missing_ok=True)
        proc = subprocess.run(["/usr/bin/python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               f"--junitxml={report}", *tests], cwd=self.tree, env=self.env,
                              capture_output=True, text=True, timeout=TEST_TIMEOUT)
        failed, passed, text = [], [], []
        if report.is_file():
            for case in ET.parse(report).getroot().iter("testcase"):
                name = f"{case.get('classname')}::{case.get('name')}"
                bad = case.find("failure") if case.find("failure") is not None else case.find("error")
                if bad is not None:
                    failed.append(name)
                    text.append(f"{name}: {bad.get('message', '')}\n{bad.text or ''}")
                elif case.find("skipped") is None:
                    passed.append(name)
        return proc.returncode, failed, passed, "\n".join(text) or (proc.stdout + proc.stderr)[-4000:]


def run_mutant(scratch: Scratch, m: Mutant) -> Outcome:
    """Killed: pytest ran the named tests, every one of them failed, and their failures show what
    the mutant was expected to cause (a build error or a lost target is not a kill)."""
    t0 = time.monotonic()
    try:
        scratch.prepare()
        scratch.apply(m.patch)
        rc, failed, passed, tail = scratch.pytest(m.kill, m.name)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        return Outcome(m.name, "error", seconds=time.monotonic() - t0, detail=str(e)[-3000:])
    finally:
        scratch.sync()               # back to the repository's files (make rebuilds what differed)
    status = "killed" if rc == 1 and failed and not passed else "survived" if rc in (0, 1) else "error"
    if status == "killed":
        missing = [e for e in m.expect if not re.search(e, tail)]
        if missing:
            status = "wrong-reason"
            tail = f"the failures do not show {missing}:\n{tail[-6000:]}"
    return Outcome(m.name, status, failed, passed, time.monotonic() - t0, tail[-6000:])


def run_baseline(scratch: Scratch, mutants: list[Mutant]) -> Outcome:
    """Every killing test passes on the unmutated tree: so a kill is the mutant's doing."""
    t0 = time.monotonic()
    tests = sorted({t for m in mutants for t in m.kill})
    try:
        scratch.prepare()
        rc, failed, passed, tail = scratch.pytest(tests, "baseline")
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        return Outcome("baseline", "error", seconds=time.monotonic() - t0, detail=str(e)[-3000:])
    status = "passed" if rc == 0 and passed and not failed else "failed"
    return Outcome("baseline", status, failed, passed, time.monotonic() - t0, tail)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="mutants to run (default: all)")
    ap.add_argument("--baseline", action="store_true", help="first run every killing test unmutated")
    args = ap.parse_args(argv)
    mutants = load()
    unknown = set(args.names) - {m.name for m in mutants}
    if unknown:
        print(f"unknown mutant(s): {', '.join(sorted(unknown))} (see {HERE / 'mutants.toml'})", file=sys.stderr)
        return 2
    chosen = [m for m in mutants if not args.names or m.name in args.names]
    scratch = Scratch()
    ok = True
    t0 = time.monotonic()
    if args.baseline:
        b = run_baseline(scratch, chosen)
        print(f"{'baseline':34} {b.status:9} {b.seconds:6.0f} s  {len(b.passed)} passed, {len(b.failed)} failed", flush=True)
        ok &= b.status == "passed"
        if b.status != "passed":
            print(b.detail)
    for m in chosen:
        o = run_mutant(scratch, m)
        print(f"{m.name:34} {o.status:9} {o.seconds:6.0f} s  failed: {', '.join(o.failed) or '-'}", flush=True)
        if o.status != "killed":
            ok = False
            print(o.detail)
    print(f"total {time.monotonic() - t0:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
