"""Shared helpers: run ./bulkhead as a user would."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BULKHEAD = ROOT / "bulkhead"


def bulkhead(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(["/usr/bin/python3", str(BULKHEAD), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
