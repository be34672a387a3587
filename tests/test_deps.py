"""Each command asks only for the Debian packages it needs (scripts/bulkhead/deps.py)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import BULKHEAD, ROOT, toolchain

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import deps  # noqa: E402

pytestmark = pytest.mark.fast


def test_check_runs_without_llvm_or_qemu(tmp_path) -> None:
    """`check` on a machine whose PATH has no LLVM, QEMU, cmake or csmith: no package asked for."""
    env = dict(os.environ, PATH=str(tmp_path))           # an empty folder: not one tool found
    res = subprocess.run(["/usr/bin/python3", str(BULKHEAD), "check", str(ROOT / "configs" / "demo" / "mpk2.toml")],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "ok: image 'demo-mpk2'" in res.stdout
    assert "missing" not in res.stderr and "installing" not in res.stderr


def test_build_and_run_need_llvm_and_qemu(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    v = toolchain.LLVM_VERSION
    assert {f"llvm-{v}", f"clang-{v}", f"lld-{v}", "cmake"} <= set(deps.missing("build"))
    assert "qemu-system-x86" not in deps.missing("build")
    assert "qemu-system-x86" in deps.missing("run")


def test_each_command_adds_only_its_own_packages() -> None:
    assert deps.packages("check") == ["python3-jinja2"]
    for heavy in ("csmith", "creduce", "python3-matplotlib", "python3-pytest"):
        assert heavy not in deps.packages("run"), heavy
    assert "python3-pytest" in deps.packages("test")
    assert {"csmith", "libcsmith-dev", "creduce"} <= set(deps.packages("differential"))
    assert "csmith" not in deps.packages("test")
    assert "python3-matplotlib" in deps.packages("plot")
    assert set(deps.packages("run")) <= set(deps.packages("differential"))


def test_unknown_command_is_an_error() -> None:
    with pytest.raises(deps.BulkheadError, match="no package list for command 'nonesuch'"):
        deps.packages("nonesuch")


# Runs ./bulkhead with every import of a module outside Python's standard library refused, but for
# jinja2 (and markupsafe, which jinja2 imports) and the driver itself: a bare machine with Python and jinja2.
BARE = r"""
import importlib.abc, runpy, sys
ALLOWED = set(sys.stdlib_module_names) | {"jinja2", "markupsafe", "bulkhead"}
class Bare(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] not in ALLOWED:
            raise ModuleNotFoundError(f"bare machine: no module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Bare())
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def test_check_runs_on_a_bare_python_with_jinja2(tmp_path) -> None:
    """No third-party module but jinja2 (no pyelftools, networkx, pytest, matplotlib) and no tool on PATH."""
    env = dict(os.environ, PATH=str(tmp_path))
    cfg = str(ROOT / "configs" / "demo" / "mpk2.toml")
    res = subprocess.run(["/usr/bin/python3", "-c", BARE, str(BULKHEAD), "check", cfg],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "ok: image 'demo-mpk2'" in res.stdout
    # the blocker works: what verify needs (pyelftools) is refused under it
    probe = tmp_path / "probe.py"
    probe.write_text("import elftools\n")
    res = subprocess.run(["/usr/bin/python3", "-c", BARE, str(probe)], capture_output=True, text=True, timeout=60)
    assert res.returncode != 0 and "bare machine: no module named 'elftools'" in res.stderr, res.stderr


def test_every_command_has_its_package_list() -> None:
    """Each subcommand of ./bulkhead maps to an entry of deps.PACKAGES, and each entry builds on known ones."""
    from bulkhead import cli
    sub = next(a for a in cli._parser()._actions if a.dest == "cmd")
    for name in sub.choices:
        argv = [name] + {"build": ["x.toml"], "check": ["x.toml"], "verify": ["x.elf"], "audit-config": ["x"],
                         "matrix": ["x.toml"], "explore": ["x.db", "--metric", "m", "--min", "1"],
                         "link-line": ["x.toml"], "report": ["x.db"]}.get(name, [])
        if name == "test":
            argv = ["test", "--"]
        args = cli._parser().parse_args(argv)
        assert deps.packages(cli._deps_command(args)), name
    for command, bases in deps.BUILDS_ON.items():
        assert command in deps.PACKAGES and all(b in deps.PACKAGES for b in bases), command


def test_plotting_alone_adds_matplotlib() -> None:
    assert "python3-matplotlib" not in deps.packages("explore")
    assert "python3-matplotlib" not in deps.packages("matrix")
    assert "python3-matplotlib" in deps.packages("plot") and "python3-networkx" in deps.packages("plot")
    assert "python3-matplotlib" in deps.packages("test")           # tests/test_explore.py draws fig-08
    assert deps.packages("abi") == ["python3-jinja2"]
