"""The kernel's SYSCALL entry (issue 13): SYSCALL is on (EFER.SCE, STAR, LSTAR, FMASK), and a service
number the kernel does not have stops the image as a gate violation naming the caller, under every
backend with one machine; the call never returns."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.qemu


@pytest.mark.parametrize("backend", ["mpk", "none"])
def test_syscall_with_an_unknown_service_is_a_gate_violation(backend: str) -> None:
    res = bulkhead("run", str(ROOT / "tests" / "configs" / "kentry" / f"{backend}.toml"), timeout=900)
    out = res.stdout + res.stderr
    assert res.returncode == 67, out
    assert "kentry: SYSCALL with service 0xdead" in out
    assert "bulkhead: gate violation: SYSCALL with service 0xdead: the kernel has no such service" in out
    assert re.search(r"caller   kentry_syscall\+0x[0-9a-f]+ at rip 0x[0-9a-f]+ in component 'caller', "
                     r"compartment 'caller'", out), out
    if backend == "mpk":
        assert re.search(r"domain   PKRU 0x[0-9a-f]+ \(compartment 'caller' was running\)", out), out
    assert "SYSCALL returned" not in out
