"""PCI devices (kernel/pci.c, include/bulkhead/pci.h, apps/pcidev): a driver in a compartment of its own
drives QEMU's edu device (`-device edu`, asked for by apps/pcidev/app.toml) through the kernel's API:
the kernel enumerates configuration space (ports 0xCF8/0xCFC, the kernel's alone), maps BAR 0 with
the driver's key, and routes the device's INTx line (an 8259 IRQ) to a handler that wakes the driver's
sleeping thread.  main, in another compartment, makes the device interrupt while that thread sleeps,
is refused a mapping of its own, and finally reads the registers through the address the driver handed
out: under mpk (light gate and private stacks) an isolation fault naming the device and the driver's
compartment; without isolation (backend none) the read succeeds.  Backend vm (exit and poll): the device
is attached to the driver's machine only ([[compartment]] devices), which enumerates it, maps it and takes
its interrupt, and the mark wakes the thread in the kernel's machine (where libs/sched runs); main's
machine finds no device, and its read of the registers is an isolation fault naming them."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead

pytestmark = pytest.mark.qemu

DRIVER = [
    "edu: found 1234:11e8, BAR 0 of 1024 KiB, interrupt pin 1",
    "edu: identification 0x010000ed, liveness 0xedcba987, 10! = 3628800",
]


def _run(name: str, *extra: str) -> tuple[int, list[str], str]:
    res = bulkhead("run", str(ROOT / "configs" / "pcidev" / f"{name}.toml"), "--timeout", "120", *extra, timeout=900)
    lines = [l for l in res.stdout.splitlines() if l.startswith(("edu:", "app:", "bulkhead:   address", "bulkhead:   by"))]
    return res.returncode, lines, res.stdout + res.stderr


REFUSED_AS_OWNED = ("bulkhead: pci: mapping a BAR of device", "belongs to compartment 'driver'")


def _driver_part(lines: list[str], out: str, refused: tuple[str, str] = REFUSED_AS_OWNED) -> None:
    assert lines[:2] == DRIVER, out
    assert lines[2].startswith("edu: thread 1 sleeps until IRQ "), out
    irq = int(lines[2].rsplit(" ", 1)[1])
    assert 3 <= irq <= 15 and irq != 8, out            # an 8259 line the firmware gave the slot
    assert lines[3:6] == [
        "app: raising the device's interrupt with 0x42",
        # exactly one interrupt, taken by the kernel, ended the thread's (very long) sleep
        "edu: thread 1 woken by 1 interrupt(s) before its timeout, interrupt status 0x42, after the ack 0x0",
        "app: mapping the device's BAR 0 for compartment app: refused",
    ], out
    assert refused[0] in out and refused[1] in out, out


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


@pytest.mark.parametrize("name", ["vm2-exit", "vm2-poll"])
def test_vm_device_is_in_the_driver_machine_alone(name: str, tmp_path) -> None:
    """The same driver output as none; what each machine did, from its own console.  Each machine's
    lines are in order on its own console; on the merged stdout two machines' lines interleave as the
    host happens to schedule them, so the order is judged per machine."""
    consoles = tmp_path / "consoles"
    rc, _, out = _run(name, "--consoles", str(consoles))
    assert rc == abi.EXIT_ISOLATION_FAULT, out
    driver = (consoles / "1-driver.console").read_text()
    app = (consoles / "0-app.console").read_text()
    dl, al = _judged(driver), _judged(app)
    # enumeration, the mapping and the interrupt in the driver's machine
    assert dl[:2] == DRIVER, driver
    assert dl[2].startswith("edu: thread 1 sleeps until IRQ "), driver
    irq = int(dl[2].rsplit(" ", 1)[1])
    assert 3 <= irq <= 15 and irq != 8, driver            # an 8259 line the firmware gave the slot
    # exactly one interrupt, taken by the kernel, ended the thread's (very long) sleep
    assert dl[3:] == ["edu: thread 1 woken by 1 interrupt(s) before its timeout, interrupt status 0x42, "
                      "after the ack 0x0"], driver
    # main's machine has no such device: bh_pci_find finds none there, so its mapping is refused, and
    # its read of the driver's registers is an isolation fault naming them
    assert al[:3] == ["app: raising the device's interrupt with 0x42",
                      "app: mapping the device's BAR 0 for compartment app: refused",
                      "app: reading the device's registers from compartment app"], app
    assert al[3].startswith("bulkhead:   address  0x") and al[3].endswith(
        "in BAR 0 of PCI device 00:02.0 (1234:11e8), the registers of compartment 'driver' (key 0)"), app
    assert al[4].startswith("bulkhead:   by       main+") and "compartment 'app'" in al[4], app
    assert "bulkhead: pci: mapping a BAR of device -1 refused to compartment 'app'" in app, app
    assert "no such device here" in app and "no such device here" not in driver, app
    assert "the registers are not the driver's alone" not in out, out
    assert "access to another compartment's memory (not in this machine)" in app, app
    assert "domain   the virtual machine of compartment 'app'" in app, app


def _judged(console: str) -> list[str]:
    lines = [l.split("] ", 1)[-1] if l.startswith("[") else l for l in console.splitlines()]
    return [l for l in lines if l.startswith(("edu:", "app:", "bulkhead:   address", "bulkhead:   by"))]


def test_vm_device_goes_to_the_driver_machine_only() -> None:
    """The QEMU of the driver's machine alone gets -device edu (gates/vm/host.py, [[compartment]] devices)."""
    from bulkhead import backends, qemu
    res = bulkhead("build", str(ROOT / "configs" / "pcidev" / "vm2-poll.toml"))
    assert res.returncode == 0, res.stderr
    elf = Path(res.stdout.strip())
    lay = backends.runner("vm").layout(elf)
    assert lay.names == ["app", "driver"] and lay.devices == [[], ["edu"]]
    cmds = [qemu.command(elf, machine="pc", devices=d) for d in lay.devices]
    assert [c.count("edu") for c in cmds] == [0, 1]
