"""LLVM's tools run with mimalloc preloaded (scripts/bulkhead/toolchain.py llvm_env: a quarter less CPU
time per SQLite-matrix link, benchmarks/sqlite-matrix/results/link-time.txt), and that changes nothing
in what they make: the demo linked with glibc's malloc and with mimalloc is the same image, byte for
byte, and the dynamic loader's own trace shows which allocator each link ran with."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT
from bulkhead import toolchain
from bulkhead.diag import BulkheadError


DEMO = ROOT / "configs" / "demo" / "mpk3.toml"


def build(config: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["/usr/bin/python3", str(BULKHEAD), "build", str(config)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, env=dict(os.environ, **env))


def _traces(folder: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in folder.iterdir())


def _link(config: Path, allocator: str, trace: Path) -> bytes:
    """A fresh link of `config` with `allocator`, traced by ld.so (LD_DEBUG=libs, one file per process)."""
    trace.mkdir()
    res = build(config, BULKHEAD_LLVM_MALLOC=allocator, LD_DEBUG="libs", LD_DEBUG_OUTPUT=str(trace / "ld"))
    assert res.returncode == 0, res.stderr
    assert "linking" in res.stderr, res.stderr          # linked now, not taken from the image folder
    elf = Path(res.stdout.strip().splitlines()[-1])
    data = elf.read_bytes()
    shutil.rmtree(elf.parent)                           # the next build links again
    return data


@pytest.fixture(scope="module")
def own_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """configs/demo/mpk3.toml under a name of its own, so its image folder is this module's alone."""
    cfg = tmp_path_factory.mktemp("cfg") / "linkspeed.toml"
    cfg.write_text(re.sub(r'(?m)^name = ".*"$', 'name = "test-link-speed"', DEMO.read_text(), count=1))
    return cfg


@pytest.mark.slow       # two full demo links: the fast tier's budget is a minute
def test_the_allocator_changes_nothing_in_the_image(own_config: Path, tmp_path: Path) -> None:
    if toolchain.llvm_env("mimalloc") is None:
        pytest.fail("mimalloc is not installed: ./bulkhead build installs libmimalloc2.0 (scripts/bulkhead/deps.py)")
    fast = _link(own_config, "mimalloc", tmp_path / "fast")
    system = _link(own_config, "system", tmp_path / "system")
    assert fast == system
    # ld.so's trace names every library it initialises in each process: LLD (and llvm-as) had mimalloc
    # in the first build, no process had it in the second.
    traced = _traces(tmp_path / "fast")
    assert re.search(r"calling init: \S*libmimalloc\.so", traced), traced[-2000:]
    assert "libmimalloc" not in _traces(tmp_path / "system")


@pytest.mark.fast
def test_llvm_tools_get_the_allocator_and_others_do_not(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LD_DEBUG", "libs")
    monkeypatch.delenv("BULKHEAD_LLVM_MALLOC", raising=False)
    assert toolchain.is_llvm_tool(toolchain.LLD) and toolchain.is_llvm_tool(toolchain.CLANG)
    assert not toolchain.is_llvm_tool("cmake")
    out = toolchain.run([toolchain.LLVM_AS, "--version"], "asking llvm-as its version")
    assert re.search(r"calling init: \S*libmimalloc\.so", out.stderr), out.stderr[-2000:]
    # A preload of the caller's own is kept, the allocator added after it.
    monkeypatch.setenv("LD_PRELOAD", "libfoo.so")
    env = toolchain.llvm_env()
    assert env is not None and env["LD_PRELOAD"].startswith("libfoo.so ") and "mimalloc" in env["LD_PRELOAD"]


@pytest.mark.fast
def test_unknown_allocator_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BULKHEAD_LLVM_MALLOC", "tcmalloc")
    with pytest.raises(BulkheadError, match=r"BULKHEAD_LLVM_MALLOC=tcmalloc: not an allocator"):
        toolchain.llvm_env()
    res = build(DEMO, BULKHEAD_LLVM_MALLOC="tcmalloc")
    assert res.returncode != 0 and "BULKHEAD_LLVM_MALLOC=tcmalloc" in res.stderr, res.stderr
    assert "Traceback" not in res.stderr
