"""Configuration validation: every bad configuration gives its own error, with file and line, and fails."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.fast


BAD = sorted((ROOT / "tests" / "configs" / "bad").glob("*.toml"))


def _expectation(path: Path) -> tuple[str, int]:
    head = path.read_text().splitlines()
    expect = next(l.split(":", 1)[1].strip() for l in head if l.startswith("# expect:"))
    line = int(next(l.split(":", 1)[1] for l in head if l.startswith("# line:")))
    return expect, line


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_config_is_refused_with_its_error(path: Path) -> None:
    expect, line = _expectation(path)
    for cmd in ("check", "build"):
        res = bulkhead(cmd, str(path))
        assert res.returncode != 0, f"{cmd} accepted {path.name}"
        assert re.search(expect, res.stderr), res.stderr
        rel = str(path)
        where = f"{rel}:{line}: error:" if line else f"{rel}: error:"
        if True:
            assert where in res.stderr, f"expected location '{where}' in:\n{res.stderr}"
        assert "Traceback" not in res.stderr
        assert res.stdout == "", "nothing may be built or printed for a refused configuration"


def test_demo_configs_are_valid() -> None:
    for name in ("none", "mpk2", "mpk3"):
        res = bulkhead("check", str(ROOT / "configs" / "demo" / f"{name}.toml"))
        assert res.returncode == 0, res.stderr
        assert "ok: image" in res.stdout


def test_mpk_keys_and_domains() -> None:
    res = bulkhead("check", str(ROOT / "configs" / "demo" / "mpk3.toml"))
    assert "compartment 0 'core' key 1: kernel, app, backend-mpk" in res.stdout
    assert "compartment 2 'untrusted' key 3: thief" in res.stdout


def test_pkru_values() -> None:
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead.config import pkru_for
    # key 1 and key 15 open, every other key access- and write-disabled
    assert pkru_for(1) == 0x3FFFFFF3
    assert pkru_for(14) == 0x0FFFFFFF
