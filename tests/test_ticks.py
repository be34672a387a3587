"""Timer interrupts under mpk (apps/ticks, kernel/timer.c): ticks land in both compartments and inside
the gates between them, in both stack modes; the interrupt is delivered on its own stack (IST) and the
trap path gives every interrupted code its own domain back: neither side ever sees another PKRU."""
from __future__ import annotations

import re

import pytest

from conftest import run_lines

pytestmark = pytest.mark.qemu


@pytest.mark.parametrize("name", ["mpk2", "mpk2-private"])
def test_interrupts_restore_the_interrupted_domain(name: str) -> None:
    out = "\n".join(run_lines(f"ticks/{name}", "ticks:"))
    assert "ticks: result ba495c69273bd881" in out                  # the computation is undisturbed
    assert "ticks: domain changes seen by app 0, by peer 0" in out
    # (the IST stack is on a supervisor page now, docs/design.md 7b: no compartment can read it, so the
    # app no longer counts what is left there)
    m = re.search(r"ticks: (\d+) ticks, (\d+) in gates, (\d+) in compartments' code, (\d+) in a foreign domain",
                  out)
    assert m, out
    ticks, in_gates, in_code, foreign = map(int, m.groups())
    assert ticks > 50 and in_gates > 0 and in_code > 0, out         # interrupts really landed in gates
    assert foreign == 0, out


@pytest.mark.parametrize("name", ["mpk2-audit", "mpk2-private-audit"])
def test_ticks_nest_in_a_trap_handler(name: str) -> None:
    """apps/nested: the audit's report of each of 24 key violations runs with interrupts on, and ticks
    nest in it.  The nested tick resumes the trap domain (allowed only while a trap is being handled,
    attack trapexit shows the same request refused from a compartment); every compartment still gets
    its own domain back, and the 24 audited reads really happened (their sum)."""
    # --icount: the timer counts guest instructions, so how many ticks land where does not depend on
    # the host's load (without it, a loaded host gave 6 ticks, every one nested)
    out = "\n".join(run_lines(f"nested/{name}", "nested:", "120", "--icount"))
    assert "nested: sum 93" in out                                   # 3 x (3+1+4+1+5+9+2+6)
    assert "nested: domain changes seen by app 0, by peer 0" in out
    m = re.search(r"nested: (\d+) ticks, (\d+) nested in a trap handler, (\d+) on an audited instruction, "
                  r"(\d+) in a foreign domain", out)
    assert m, out
    ticks, nested, _, foreign = map(int, m.groups())
    assert nested > 0 and ticks > nested, out
    assert foreign == 0, out
