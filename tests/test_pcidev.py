"""PCI devices (kernel/pci.c, include/bulkhead/pci.h, apps/pcidev): a driver in a compartment of its own
drives QEMU's edu device (`-device edu`, asked for by apps/pcidev/app.toml) through the kernel's API:
the kernel enumerates configuration space (ports 0xCF8/0xCFC, the kernel's alone), maps BAR 0 with
the driver's key, and routes the device's INTx line (an 8259 IRQ) to a handler that wakes the driver's
sleeping thread.  main, in another compartment, makes the device interrupt while that thread sleeps,
is refused a mapping of its own, and finally reads the registers through the address the driver handed
out: under mpk (light gate and private stacks) an isolation fault naming the device and the driver's
compartment; without isolation (backend none) the read succeeds.  Backend vm: not supported (a device
belongs to one machine)."""
from __future__ import annotations

import pytest

from conftest import ROOT, abi, bulkhead

pytestmark = pytest.mark.qemu

DRIVER = [
    "edu: found 1234:11e8, BAR 0 of 1024 KiB, interrupt pin 1",
    "edu: identification 0x010000ed, liveness 0xedcba987, 10! = 3628800",
]


def _run(name: str) -> tuple[int, list[str], str]:
    res = bulkhead("run", str(ROOT / "configs" / "pcidev" / f"{name}.toml"), "--timeout", "120", timeout=900)
    lines = [l for l in res.stdout.splitlines() if l.startswith(("edu:", "app:", "bulkhead:   address", "bulkhead:   by"))]
    return res.returncode, lines, res.stdout + res.stderr


def _driver_part(lines: list[str], out: str) -> None:
    assert lines[:2] == DRIVER, out
    assert lines[2].startswith("edu: thread 1 sleeps until IRQ "), out
    irq = int(lines[2].rsplit(" ", 1)[1])
    assert 3 <= irq <= 15 and irq != 8, out            # an 8259 line the firmware gave the slot
    assert lines[3:6] == [
        "app: raising the device's interrupt with 0x42",
        # exactly one interrupt, taken by the kernel, ended the thread's (very long) sleep
        "edu: thread 1 woken by 1 interrupt(s), interrupt status 0x42, after the ack 0x0",
        "app: mapping the device's BAR 0 for compartment app: refused",
    ], out
    assert "bulkhead: pci: mapping a BAR of device" in out and "belongs to compartment 'driver'" in out, out


def test_without_isolation_every_compartment_reads_the_registers() -> None:
    rc, lines, out = _run("none")
    assert rc == 0, out
    _driver_part(lines, out)
    assert lines[6:] == ["app: reading the device's registers from compartment app",
                         "app: identification 0x010000ed: the registers are not the driver's alone"], out


@pytest.mark.parametrize("name", ["mpk2", "mpk2-private"])
def test_registers_are_keyed_to_the_driver(name: str) -> None:
    rc, lines, out = _run(name)
    assert rc == abi.EXIT_ISOLATION_FAULT, out
    _driver_part(lines, out)
    assert lines[6] == "app: reading the device's registers from compartment app", out
    assert "the registers are not the driver's alone" not in out, out
    assert lines[7].startswith("bulkhead:   address  0x") and lines[7].endswith(
        "in BAR 0 of PCI device 00:02.0 (1234:11e8), the registers of compartment 'driver' (key 2)"), out
    assert lines[8].startswith("bulkhead:   by       main+") and "compartment 'app' (key 1)" in lines[8], out
