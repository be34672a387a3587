"""Timer interrupts under mpk (apps/ticks, kernel/timer.c): ticks land in both compartments and inside
the gates between them, in both stack modes; the interrupt is delivered on its own stack (IST) and the
trap path gives every interrupted code its own domain back: neither side ever sees another PKRU."""
from __future__ import annotations

import re

import pytest

from conftest import run_lines


@pytest.mark.parametrize("name", ["mpk2", "mpk2-private"])
def test_interrupts_restore_the_interrupted_domain(name: str) -> None:
    out = "\n".join(run_lines(f"ticks/{name}", "ticks:"))
    assert "ticks: result ba495c69273bd881" in out                  # the computation is undisturbed
    assert "ticks: domain changes seen by app 0, by peer 0" in out
    m = re.search(r"ticks: (\d+) ticks, (\d+) in gates, (\d+) in compartments' code, (\d+) in a foreign domain",
                  out)
    assert m, out
    ticks, in_gates, in_code, foreign = map(int, m.groups())
    assert ticks > 50 and in_gates > 0 and in_code > 0, out         # interrupts really landed in gates
    assert foreign == 0, out
