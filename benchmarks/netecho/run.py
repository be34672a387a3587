#!/usr/bin/python3
"""How packet data crosses compartments in apps/netecho, and what the crossings cost per KiB echoed.

    benchmarks/netecho/run.py [--configs mpk3,mpk3-private,vm3-exit] [--readme]

For each configuration of configs/netecho (driver | lwIP | app), an audit build of it (the same
configuration with `[policies] audit = "on"`: every gate counts its calls, and the kernel prints the
counts when main returns) boots twice with /etc/netecho.conf `connections 1`; the host echoes SMALL bytes through it in one run and LARGE in the other.  The difference of the two
runs' counts, divided by the difference of the sizes, is the crossings per KiB echoed (each byte goes
in and comes back), per edge: the connection's own calls (socket, accept, close, start-up) cancel out.
The counts depend on how TCP segments and acknowledges (the host's and QEMU's timing), so they are
given to one decimal, from one pair of runs.

Instructions per KiB in gates = crossings per KiB x the backend's gate round trip in instructions,
from benchmarks/gate-latency/results/gate-latency.csv (measured under -icount shift=0 there; vm exit's
round trip is the gate's instructions in both machines, without the time the doorbell's exit costs
the host).

Copies are not counted by a run: they are the same in every configuration, none included (the code
does not change with the split): per byte echoed, libc <-> lwIP through bhnet_xfer copies it twice
(recv: lwIP -> slot -> the app's buffer; send: app -> slot -> lwIP) and driver <-> lwIP through
bhnetif_frames twice (receive: ring -> .rx -> pbuf; transmit: pbuf -> .tx -> ring), besides lwIP's own.
Each is a call of the image's one memcpy (kernel/string.c, shared code, called in the caller's own
domain: no crossing).  Its cost per byte is read from the image: the instructions of its vectorised
main loop (LLVM's objdump) over the bytes one turn copies: a lower bound, as each call adds its set-up
and the tail its 8-byte and 1-byte loops copy.

Results: results/crossings.csv; `--readme` (re)writes the table in libs/lwip/README.md from it.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CSV = RESULTS / "crossings.csv"
GATES = ROOT / "benchmarks" / "gate-latency" / "results" / "gate-latency.csv"
README = ROOT / "libs" / "lwip" / "README.md"
BEGIN, END = "<!-- netecho crossings: benchmarks/netecho/run.py --readme -->", "<!-- end netecho crossings -->"
SMALL, LARGE = 16 * 1024, 144 * 1024
RUN_S = 900
# the gate-latency row whose round trip each configuration's gates cost
GATE_ROW = {"mpk3": "gatebench-mpk2", "mpk3-private": "gatebench-mpk2-private", "vm3-exit": "gatebench-vm2-exit",
            "vm3-poll": "gatebench-vm2-poll"}
# under the light gate, an edge into or out of the kernel's compartment takes the private gate (its stack is
# private in every mode, docs/design.md 7c): that edge's round trip
KERNEL_EDGE_ROW = {"mpk3": "gatebench-mpk2-kernel-edge"}
CALL = re.compile(r"bulkhead:   (\d+)x call of (\S+) \(compartment (\S+)\) from compartment (\S+)$")


def edge_class(callee: str, to: str, frm: str) -> str:
    if callee.startswith("bhnet_"):
        return "socket calls (libc -> lwIP)"
    if callee == "bhnetif_input":
        return "frames in (driver -> lwIP)"
    if callee.startswith("transmit"):
        return "frames out (lwIP -> driver)"
    if frm == "lwip":
        return "lwIP -> sched, time (its port)"
    if frm == "driver":
        return "driver -> kernel, sched (its wait)"
    return f"other ({frm} -> {to})"


def audit_config(name: str, folder: Path) -> Path:
    text = (ROOT / "configs" / "netecho" / f"{name}.toml").read_text()
    text = re.sub(r'^name = "([^"]+)"', r'name = "\1-audit"', text, count=1, flags=re.M)
    if "[policies]" in text:
        sys.exit(f"netecho-bench: configs/netecho/{name}.toml has [policies] already: add audit there by hand")
    out = folder / f"{name}.toml"
    out.write_text(text + '\n[policies]\naudit = "on"\n')
    return out


def one_run(elf: Path, conf: Path, size: int) -> dict[str, int]:
    """Echo `size` bytes through one boot; the gate counts, per (callee, to, from)."""
    # No --icount: counts need no deterministic clock, and under `-icount shift=0,sleep=off` the vm
    # driver's machine, which halts between doorbells, jumps its virtual clock, on which QEMU's user
    # network runs its TCP timers: the transfer ended after one segment (1460 of 16384 bytes).
    proc = subprocess.Popen(["/usr/bin/python3", str(ROOT / "bulkhead"), "run", str(elf),
                             "--timeout", str(RUN_S), "--file", f"{conf}:/etc/netecho.conf"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out: list[str] = []
    try:
        assert proc.stdout is not None
        port = None
        for line in proc.stdout:
            out.append(line)
            if m := re.search(r"bulkhead: net: 127\.0\.0\.1:(\d+) -> guest port 7", line):
                port = int(m[1])
            if "netecho: listening" in line:
                break
        if port is None:
            sys.exit("netecho-bench: the server did not come up:\n" + "".join(out))
        data = bytes((i * 131) & 0xff for i in range(size))
        with socket.create_connection(("127.0.0.1", port), timeout=RUN_S) as c:
            c.sendall(data)
            c.shutdown(socket.SHUT_WR)
            got = bytearray()
            while chunk := c.recv(65536):
                got += chunk
        if bytes(got) != data:
            sys.exit(f"netecho-bench: {len(got)} of {size} bytes came back, or other bytes")
        out += proc.stdout.readlines()
        rc = proc.wait(timeout=RUN_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if rc != 0:
        sys.exit(f"netecho-bench: {elf} ended with status {rc}:\n" + "".join(out[-40:]))
    counts = {}
    for line in out:
        if m := CALL.match(re.sub(r"^\[[^]]*\] ", "", line.rstrip("\n"))):
            counts[f"{m[2]}|{m[3]}|{m[4]}"] = int(m[1])
    if not counts:
        sys.exit(f"netecho-bench: no gate counts in the output of {elf}:\n" + "".join(out[-40:]))
    return counts


COPIES_PER_BYTE = 4    # xfer in and out, frames in and out (the docstring)


def memcpy_instr_per_byte(elf: Path) -> tuple[int, int]:
    """(instructions, bytes) of one turn of memcpy's widest loop in `elf`: the backward branch whose
    body moves 16-byte registers, and the constant it advances its index by."""
    from bulkhead import toolchain  # noqa: E402  (measure() put scripts/ on the path)
    dis = subprocess.run([toolchain.LLVM_OBJDUMP, "-d", "--no-show-raw-insn", "--disassemble-symbols=memcpy", str(elf)],
                         capture_output=True, text=True, check=True).stdout
    insns = [(int(m[1], 16), m[2]) for m in re.finditer(r"^\s+([0-9a-f]+):\s+(.+)$", dis, re.M)]
    best = None
    for i, (addr, text) in enumerate(insns):
        m = re.match(r"j\w+\s+0x([0-9a-f]+)", text)
        if not m or int(m[1], 16) > addr:
            continue
        body = [t for a, t in insns if int(m[1], 16) <= a <= addr]
        step = [int(x[1], 16) for t in body if (x := re.match(r"addq\s+\$0x([0-9a-f]+), %r", t))]
        if any("xmm" in t for t in body) and step and (best is None or step[0] > best[1]):
            best = (len(body), step[0])
    if best is None:
        sys.exit(f"netecho-bench: no vectorised loop in {elf}'s memcpy (kernel/string.c): read it by hand")
    return best


def gate_instr() -> dict[str, float]:
    with GATES.open() as f:
        return {r["config"]: float(r["gate_round_trip_instr"]) for r in csv.DictReader(f)}


def measure(names: list[str]) -> list[dict]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead import config as bconfig, image as bimage  # noqa: E402
    rows = []
    gates = gate_instr()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    date = datetime.date.today().isoformat()
    with tempfile.TemporaryDirectory(prefix="netecho-bench-") as tmp:
        folder = Path(tmp)
        conf = folder / "netecho.conf"
        conf.write_text("connections 1\n")
        for name in names:
            cfg = bconfig.load(audit_config(name, folder))
            elf = bimage.build(cfg).elf
            small, large = one_run(elf, conf, SMALL), one_run(elf, conf, LARGE)
            kib = (LARGE - SMALL) / 1024
            per_class: dict[str, float] = {}
            instr: dict[str, float] = {}      # gate instructions per KiB, per class
            for key in set(small) | set(large):
                callee, to, frm = key.split("|")
                d = (large.get(key, 0) - small.get(key, 0)) / kib
                cls = edge_class(callee, to, frm)
                kernel_edge = name in KERNEL_EDGE_ROW and cfg.kernel_compartment.name in (to, frm)
                rt = gates[KERNEL_EDGE_ROW[name] if kernel_edge else GATE_ROW[name]]
                per_class[cls] = per_class.get(cls, 0.0) + d
                instr[cls] = instr.get(cls, 0.0) + d * rt

            def mean_rt(n: float, i: float) -> float:   # the class's round trip, weighted by its crossings
                return round(i / n, 1) if abs(n) >= 0.05 else gates[GATE_ROW[name]]
            for cls, per_kib in sorted(per_class.items()):
                if abs(per_kib) < 0.05:
                    continue          # a per-connection call (start-up, counters): no cost per byte
                rows.append({"config": name, "edge": cls, "crossings_per_kib": round(per_kib, 1),
                             "gate_round_trip_instr": mean_rt(per_kib, instr[cls]),
                             "gate_instr_per_kib": round(instr[cls]), "copy_instr_per_kib": 0,
                             "commit": commit, "date": date})
            total = sum(per_class.values())
            total_instr = sum(instr.values())
            round_trip = mean_rt(total, total_instr)
            rows.append({"config": name, "edge": "all crossings", "crossings_per_kib": round(total, 1),
                         "gate_round_trip_instr": round_trip, "gate_instr_per_kib": round(total_instr),
                         "copy_instr_per_kib": 0, "commit": commit, "date": date})
            insns, step = memcpy_instr_per_byte(elf)
            rows.append({"config": name, "edge": f"copies ({COPIES_PER_BYTE} per byte; memcpy: {insns} instructions "
                                                  f"per {step} bytes)", "crossings_per_kib": 0,
                         "gate_round_trip_instr": 0, "gate_instr_per_kib": 0,
                         "copy_instr_per_kib": round(COPIES_PER_BYTE * 1024 * insns / step),
                         "commit": commit, "date": date})
            print(f"netecho-bench: {name}: {total:.1f} crossings per KiB echoed, "
                  f"{total_instr:.0f} gate instructions per KiB", flush=True)
    return rows


def write_csv(rows: list[dict]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    with CSV.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def write_readme() -> None:
    with CSV.open() as f:
        rows = list(csv.DictReader(f))
    lines = [BEGIN, f"From `{CSV.relative_to(ROOT)}` (commit {rows[0]['commit']}, {rows[0]['date']}): crossings per KiB "
             f"echoed ({SMALL // 1024} KiB and {LARGE // 1024} KiB runs, the difference), the instructions their gates "
             "cost at each edge's round trip (benchmarks/gate-latency; under the light gate an edge of the kernel's "
             "compartment takes the private gate, docs/design.md 7c, so a class's round trip is its mean), and the "
             "instructions of the four copies "
             "per byte (memcpy's main loop, read from the image: the same in every configuration).", "",
             "| configuration | edge | crossings per KiB | gate round trip (instr.) | gate instr. per KiB | copy instr. per KiB |",
             "|---|---|---:|---:|---:|---:|"]
    for r in rows:
        copy = r["edge"].startswith("copies")
        edge = f"**{r['edge']}**" if r["edge"] == "all crossings" else r["edge"]
        lines.append(f"| {r['config']} | {edge} | {'' if copy else r['crossings_per_kib']} | "
                     f"{'' if copy else format(float(r['gate_round_trip_instr']), 'g')} | "
                     f"{'' if copy else r['gate_instr_per_kib']} | {r['copy_instr_per_kib'] if copy else ''} |")
    lines.append(END)
    text = README.read_text()
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + "\n".join(lines) + text[text.index(END) + len(END):]
    else:
        sys.exit(f"netecho-bench: {README} has no {BEGIN} ... {END} block to fill")
    README.write_text(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", default="mpk3,mpk3-private,vm3-exit")
    ap.add_argument("--readme", action="store_true", help="only rewrite libs/lwip/README.md's table from the CSV")
    args = ap.parse_args()
    if not args.readme:
        names = args.configs.split(",")
        unknown = [n for n in names if n not in GATE_ROW]
        if unknown:
            sys.exit(f"netecho-bench: no gate cost for {', '.join(unknown)}: one of {', '.join(GATE_ROW)}")
        write_csv(measure(names))
    write_readme()
    print(CSV.read_text(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
