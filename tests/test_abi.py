"""The whole System V x86-64 calling convention across a compartment boundary (apps/abi): stack-passed
integer and vector arguments, byval and sret structs, structs in registers, x87, __int128 and a variadic
callee, under every backend and stack mode.  Calls the gate cannot carry in registers go through
marshalling thunks (on the data shadow stack with private stacks); none is refused."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, run_lines

pytestmark = pytest.mark.qemu


CONFIGS = ["mpk2", "mpk2-private", "vm2-exit"]
MARSHALLED = {"lib_bigsum", "lib_sum8", "lib_mix", "lib_log", "lib_ld", "lib_wide"}


def _run(name: str) -> list[str]:
    return run_lines(f"abi/{name}", "abi:")


@pytest.fixture(scope="module")
def reference() -> list[str]:
    out = _run("none")
    assert out[0] == "abi: sret 7 49, byval 672, caller copy 7"
    assert "abi: log 12 'v--42-beef-z'" in out and "abi: x87 775/100" in out
    assert len(out) == 9
    return out


@pytest.mark.parametrize("name", CONFIGS)
def test_same_output(reference: list[str], name: str) -> None:
    assert _run(name) == reference


def test_thunks_for_what_registers_cannot_carry() -> None:
    _run("mpk2-private")
    m = json.loads((ROOT / "build" / "images" / "abi-mpk2-private" / "manifest.json").read_text())
    assert m["refusals"] == []
    thunked = {g["callee"] for g in m["gates"] if g.get("thunk")}
    assert thunked == MARSHALLED
    direct = {g["callee"] for g in m["gates"] if not g.get("thunk")}
    assert {"lib_make", "lib_pair", "lib_tiny", "lib_fill"} <= direct
