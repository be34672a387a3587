"""Configuration validation: every bad configuration gives its own error, with file and line, and fails."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import cli  # noqa: E402

pytestmark = pytest.mark.fast


BAD = sorted((ROOT / "tests" / "configs" / "bad").glob("*.toml"))


def _expectation(path: Path) -> tuple[str, int]:
    head = path.read_text().splitlines()
    expect = next(l.split(":", 1)[1].strip() for l in head if l.startswith("# expect:"))
    line = int(next(l.split(":", 1)[1] for l in head if l.startswith("# line:")))
    return expect, line


def _in_process(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess:
    """./bulkhead ARGS through the same main() in this process (no Python start per call: the bad
    configurations are many).  An exception main() does not turn into an error message fails the test
    as a traceback would.  test_a_bad_config_is_refused_by_the_command_line runs one as a user does."""
    capsys.readouterr()
    rc = cli.main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["bulkhead", *args], rc, out, err)


def _assert_refused(res: subprocess.CompletedProcess, path: Path) -> None:
    expect, line = _expectation(path)
    cmd = res.args[1]
    assert res.returncode != 0, f"{cmd} accepted {path.name}"
    assert re.search(expect, res.stderr), res.stderr
    where = f"{path}:{line}: error:" if line else f"{path}: error:"
    assert where in res.stderr, f"expected location '{where}' in:\n{res.stderr}"
    assert "Traceback" not in res.stderr
    assert res.stdout == "", "nothing may be built or printed for a refused configuration"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_config_is_refused_with_its_error(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("check", "build"):
        _assert_refused(_in_process(capsys, cmd, str(path)), path)


@pytest.mark.parametrize("cmd", ["check", "build"])
def test_a_bad_config_is_refused_by_the_command_line(cmd: str) -> None:
    path = ROOT / "tests" / "configs" / "bad" / "malformed.toml"
    _assert_refused(bulkhead(cmd, str(path)), path)


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
