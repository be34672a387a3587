"""Shared helpers: run ./bulkhead as a user would."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BULKHEAD = ROOT / "bulkhead"
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import abi, toolchain  # noqa: E402  exit statuses and constants (abi/abi.toml); LLVM tool names


def bulkhead(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(["/usr/bin/python3", str(BULKHEAD), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


def run_lines(config: str, prefix: str, timeout: str = "120", *extra: str) -> list[str]:
    """Boot configs/<config>.toml (it must exit 0) and return the lines that start with `prefix`,
    with the per-machine "[compartment]" prefix of backend vm removed.  `extra`: more run options."""
    res = bulkhead("run", str(ROOT / "configs" / f"{config}.toml"), "--timeout", timeout, *extra)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [l.split("]", 1)[-1].lstrip() if l.startswith("[") else l for l in res.stdout.splitlines()]
    return [l for l in lines if l.startswith(prefix)]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
