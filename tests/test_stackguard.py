"""Stack guard pages and stack sizes (kernel/stackguard.c, [threads] stack_kib, apps/stackguard).

A thread created with a pthread stack-size attribute calls into compartment 'deep', which recurses
with 1 KiB frames until its stack runs out.  Every per-thread stack slot is an unmapped guard page and
stack_kib of stack, so the image must stop at that guard page with status 77 and a report naming the
thread (1, not main's 0), the kind of stack and the compartment ('deep') -- under none, the mpk light
gate (shared stacks), mpk private stacks and backend vm (deep's machine stops; the host reports it).
Without the guard pages the recursion would run on into the slot below, thread 0's (main's) stack,
and the report (if any) would name another thread or no overflow at all.  The depth it reached shows
the configured size is the size the thread had; the pthread attribute is accepted up to stack_kib only.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead

CONFIGS = ROOT / "configs" / "stackguard"
KIND = {"none": "shared stack", "mpk2": "shared stack", "mpk2-private": "private stack", "vm2-exit": "private stack"}


def _overflow(config: Path) -> tuple[str, int]:
    """Boots config; returns its output and the deepest KiB the recursion printed before it stopped."""
    res = bulkhead("run", str(config), "--timeout", "120", timeout=900)
    out = res.stdout + res.stderr
    stop = f"bulkhead: stopping with exit status {abi.EXIT_STACK_OVERFLOW} (stack overflow)"
    assert stop in out, out
    if "vm" in config.stem:   # the image's status is the kernel machine's; deep's machine stopped first
        assert res.returncode == abi.EXIT_VM_OTHER_MACHINE_STOPPED, out
        assert "the machine of compartment 'deep' stopped first (exit status 77 (stack overflow))" in out, out
    else:
        assert res.returncode == abi.EXIT_STACK_OVERFLOW, out
    depths = [int(d) for d in re.findall(r"stackguard: depth (\d+) KiB", out)]
    assert depths, out
    return out, max(depths)


@pytest.mark.qemu
@pytest.mark.parametrize("name", sorted(KIND))
def test_overflow_stops_at_the_guard_page_naming_thread_and_compartment(name: str) -> None:
    out, depth = _overflow(CONFIGS / f"{name}.toml")
    assert "stackguard: setstacksize 36 KiB: EINVAL" in out, out   # more than [threads] stack_kib = 32
    assert "stackguard: setstacksize 32 KiB: ok" in out, out
    assert f"bulkhead: stack overflow: thread 1 ran off the bottom of its {KIND[name]} into the guard page" in out, out
    assert re.search(r"bulkhead:   thread   1 in compartment 'deep' \(key \d+\), 32 KiB of stack", out), out
    assert re.search(r"bulkhead:   by       deep_dive\+0x[0-9a-f]+ at rip .* compartment 'deep'", out), out
    # 1 KiB frames, a line every 4 KiB: the thread had its 32 KiB (less the frames below deep_dive's), no more.
    assert 24 <= depth < 32, out


@pytest.mark.qemu
def test_stack_size_follows_the_configuration(tmp_path: Path) -> None:
    """The same image with stack_kib = 64: the recursion gets twice as deep, and the pthread attribute
    that 32 KiB refused is accepted."""
    text = (CONFIGS / "none.toml").read_text()
    assert "stack_kib = 32" in text
    config = tmp_path / "none-64.toml"
    config.write_text(text.replace("stack_kib = 32", "stack_kib = 64").replace('"stackguard-none"', '"stackguard-none-64"'))
    out, depth = _overflow(config)
    assert "stackguard: setstacksize 36 KiB: ok" in out, out
    assert re.search(r"thread   1 in compartment 'deep' \(key \d+\), 64 KiB of stack", out), out
    assert 56 <= depth < 64, out


@pytest.mark.fast
def test_every_stack_slot_is_a_guard_page_and_stack_kib() -> None:
    """The linker script's stride of every per-thread stack, and the memory it reserves."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead import config as configmod  # noqa: E402
    cfg = configmod.load(CONFIGS / "mpk2-private.toml")
    assert cfg.stack_kib == 32 and cfg.stack_slot == 32 * 1024 + abi.STACK_GUARD
    default = configmod.load(ROOT / "configs" / "threads" / "mpk3-private.toml")
    assert default.stack_slot == abi.STACK_SIZE + abi.STACK_GUARD
