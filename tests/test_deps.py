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

