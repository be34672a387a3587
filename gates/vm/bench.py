"""Gate-latency rows for backend vm (used by benchmarks/gate-latency/run.py).

A vm gate is an RPC between two QEMU processes, so the benchmark's own number (the caller's rdtsc
delta per call) is not a gate's instruction count: in poll mode it includes the instructions the
caller spins while the callee works (how many depends on the host's scheduling of two processes),
and in exit mode the caller sleeps in hlt.  So each configuration runs twice:

  * under -icount shift=0,sleep=off (TCG): rdtsc counts instructions, and the runtime's counters in
    the shared inboxes (gates/vm/vm.c) give the instructions of each side's gate path, waiting
    excluded: caller (stub, bh_vm_gate, marshalling, post, ring, unmarshalling), callee (receive,
    check, invoke around the callee, post the reply), and in exit mode the doorbell handler;
  * without icount (KVM where the host has vmx/svm, TCG otherwise): wall time per round trip, from
    the host's arrival times of the console lines around the benchmark loops.
"""
from __future__ import annotations

import re
from pathlib import Path

from bulkhead import qemu
from bulkhead.diag import BulkheadError

# 100000 round trips: each an RPC between two QEMU processes (in exit mode with two doorbells relayed by
# ./bulkhead), so a loaded host needs minutes per run.
TIMEOUT = 2400


def _loop_wall(res: qemu.RunResult, n: int) -> float:
    """Seconds per call: from main()'s start (the boot line) to the result line, over n calls."""
    times = res.extra.get("line_times", [])
    t0 = next((t for t, _m, l in times if l.startswith("bulkhead: boot:")), None)
    t1 = next((t for t, _m, l in times if l.startswith("gatebench: calls")), None)
    if t0 is None or t1 is None:
        raise BulkheadError("gatebench: no timing lines in the console:\n" + res.output)
    return (t1 - t0) / n


def measure(elf: Path, name: str, wake: str) -> dict[str, str]:
    ic = qemu.run(elf, timeout=TIMEOUT, echo=False, icount=True)
    if ic.status != 0:
        raise BulkheadError(f"{name}: gatebench exited with {ic.status}:\n{ic.output}")
    m = re.search(r"plain-loop (\d+) cross-loop (\d+)", ic.output)
    n = int(re.search(r"gatebench: calls (\d+)", ic.output).group(1))
    plain, cross = int(m.group(1)), int(m.group(2))
    stats = {s.compartment: s for s in ic.extra["stats"]}
    caller = next(s for s in stats.values() if s.calls_made >= n)
    callee = next(s for s in stats.values() if s.calls_served >= n)
    caller_path = caller.call_tsc / caller.calls_made
    callee_path = callee.serve_tsc / callee.calls_served
    crossings = caller.calls_made          # every round trip of the run (the sharing loops too)
    irq = (caller.irq_tsc + callee.irq_tsc) / crossings
    wall = qemu.run(elf, timeout=TIMEOUT, echo=False, icount=False)
    if wall.status != 0:
        raise BulkheadError(f"{name}: gatebench exited with {wall.status} (without icount):\n{wall.output}")
    accel = "kvm" if qemu.host_has_kvm() else "tcg"
    return {
        "config": name, "backend": "vm", "calls": str(n),
        "plain_instr_per_call": f"{plain / n:.2f}",
        # caller VM's rdtsc per call under icount: gate path + spinning (poll) or idle warps (exit)
        "cross_instr_per_call": f"{cross / n:.2f}" if wake == "poll" else "n/a (caller halts)",
        # instructions of the gate itself, both VMs, waiting excluded
        "gate_round_trip_instr": f"{caller_path + callee_path + irq:.2f}",
        "wrpkru_per_round_trip": "0",
        "clock": "tcg -icount shift=0,sleep=off",
        "wake": wake,
        "caller_vm_instr": f"{caller_path:.2f}",
        "callee_vm_instr": f"{callee_path:.2f}",
        "doorbell_irq_instr": f"{irq:.2f}",
        "doorbells_per_round_trip": f"{(caller.wakeups + callee.wakeups) / crossings:.2f}",
        "wall_us_per_round_trip": f"{_loop_wall(wall, n) * 1e6:.2f}",
        "wall_clock": f"{accel} (host time, console line arrival)",
    }
