#!/usr/bin/python3
"""iPerf3 receive throughput on bulkhead and on a Debian Linux guest, under the same QEMU (FlexOS fig. 9).

    benchmarks/iperf/run.py [--quick] [--configs none,mpk2,...,linux] [--sizes 16,1024] [--seconds 5]

For each configuration and each read size (the host client's `-l`, 16 B to 1 MiB in powers of 2; iperf3's
server reads with the client's length, so nothing is rebuilt), one iperf3 server receives one test from
Debian's iperf3 client on the host, through QEMU's user network (`hostfwd` on 127.0.0.1 only):

host-loopback  Debian's iperf3 server and client on the host's 127.0.0.1: what the client alone can do
               at that write size (the host side's own limit; no QEMU).
linux          Debian's kernel and Debian's iperf3 3.12 server in an initramfs (benchmarks/linuxguest.py),
               virtio-net modules loaded, 10.0.2.15/24: the ceiling of QEMU's user network under TCG.
               One boot serves every size (`iperf3 -s -1` in a loop).
none, mpk2, mpk2-private, vm2-exit, vm2-poll
               configs/iperf/<name>.toml (apps/iperf3: `-s -1 -p 5201`), one boot per size, through
               `./bulkhead run --icount` (which stops its QEMU, or its machines, whatever happens).

Every guest runs under `-accel tcg -cpu max -icount shift=0,sleep=off -M pc` (vm exit without -icount:
TICKS_NOT_INSTRUCTIONS says why; the CSV's `icount` column) with
`virtio-net-pci,disable-legacy=on` on `-netdev user,hostfwd=tcp:127.0.0.1:PORT-:5201`
(scripts/bulkhead/qemu.py net_args).  Each point is bounded: the client's `-t` seconds, a hard timeout
on the client and on the guest (longer for vm exit, where every frame is a doorbell), and every QEMU and
client process is stopped on success, failure, timeout and interrupt.

Reported per point: bytes the server received (the client's JSON, `end.sum_received`) over the client's
wall-clock seconds (`end.sum_sent`; the server's own are guest time, instructions under -icount):
TCG wall-clock throughput, comparable only between rows of one run), ratios to none and to Linux at the
same size, and busy guest instructions per received byte (README.md defines it).  Results: results/iperf.csv
(with the commit and the date), results/iperf.svg and .png, README.md's table.  Progress on stderr.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import queue
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import abi, qemu, sources  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import linuxguest  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WORK = ROOT / "build" / "bench-iperf"
PORT = 5201                                  # the guest's iperf3 port
LINUX_MEMORY = "256M"
LINUX_MODULES = ["virtio_pci", "virtio_net"]  # Debian builds both as modules (CONFIG_VIRTIO_*=m)
IPERF3 = "/usr/bin/iperf3"
SIZES = [2 ** k for k in range(4, 21)]       # 16 B .. 1 MiB
QUICK_SIZES = [16, 1024, 65536]
BULKHEAD = ["none", "mpk2", "mpk2-private", "vm2-exit", "vm2-poll"]
LABELS = {
    "host-loopback": "host 127.0.0.1 (no QEMU)",
    "linux": "Linux guest (Debian 6.1, iperf3 3.12)",
    "none": "bulkhead none",
    "mpk2": "bulkhead mpk2 light (lwIP+driver | rest)",
    "mpk2-private": "bulkhead mpk2 private stacks",
    "vm2-exit": "bulkhead vm2 exit",
    "vm2-poll": "bulkhead vm2 poll",
}
BOOT_S = 300          # a bulkhead image's build (cached) and boot up to the server's listening line
LINUX_BOOT_S = 300    # the Linux guest's boot up to its first listening line
CLIENT_SLACK_S = 60   # beyond -t: the client's connect and the results exchange
# vm exit: the kernel's machine waits for the other machine in a VM exit, not in its idle halt, and
# under -icount its TSC jumps over that wait too, so its busy ticks are not instructions, and its guest
# clock runs far ahead of the host's: iperf3's server ends a test at -t + 40 s of its own clock
# (iperf_server_api.c create_server_timers: grace_period) and resets the client mid-transfer.  So vm
# exit runs without -icount and without the cpu line (README.md).
TICKS_NOT_INSTRUCTIONS = {"vm2-exit"}
VM_EXIT_FACTOR = 4    # vm exit: every frame and every socket call a VM exit; its bounds are this much longer

_children: list[subprocess.Popen] = []   # every process we started, stopped by cleanup()


def log(msg: str) -> None:
    print(f"iperf-bench: {msg}", file=sys.stderr, flush=True)


def spawn(cmd: list[str], **kw) -> subprocess.Popen:
    """A child in its own session (so its whole group can be stopped), remembered for cleanup."""
    proc = subprocess.Popen(cmd, start_new_session=True, stdin=subprocess.DEVNULL, **kw)
    _children.append(proc)
    return proc


def stop(proc: subprocess.Popen, grace: float = 15.0) -> None:
    """SIGTERM to the child's group (./bulkhead run stops its QEMU then), SIGKILL after `grace`."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    if proc in _children:
        _children.remove(proc)


def cleanup() -> None:
    for proc in list(_children):
        stop(proc, grace=5.0)


def _terminate(signum, frame):   # SIGTERM: as Ctrl-C, so the finally blocks run
    raise KeyboardInterrupt(f"signal {signum}")


class Console:
    """A child's merged stdout/stderr, read line by line in a thread (never blocks the benchmark)."""

    def __init__(self, proc: subprocess.Popen):
        self.proc, self.lines, self.q = proc, [], queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in iter(self.proc.stdout.readline, b""):
            line = raw.decode(errors="replace").rstrip("\r\n")
            line = line.split("] ", 1)[-1] if line.startswith("[") else line   # vm: "[machine] "
            self.q.put(line)
        self.q.put(None)

    def wait_for(self, pattern: str, timeout: float) -> re.Match | None:
        """The first new line matching `pattern` within `timeout` s; None on timeout or end of output."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.q.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if line is None:
                self.q.put(None)
                return None
            self.lines.append(line)
            if m := re.search(pattern, line):
                return m
        return None

    def seen_since(self, mark: int, pattern: str) -> bool:
        """Whether a line from index `mark` on (lines read so far, and those waiting) matches."""
        while True:
            try:
                line = self.q.get_nowait()
            except queue.Empty:
                break
            if line is None:
                self.q.put(None)
                break
            self.lines.append(line)
        return any(re.search(pattern, l) for l in self.lines[mark:])

    def drain(self, timeout: float) -> None:
        self.wait_for(r"(?!x)x", timeout)


# ---------------------------------------------------------------- the client
def client(port: int, length: int, seconds: int, timeout: float) -> dict:
    """One iperf3 test from the host: {"bytes", "seconds", "mbit_s"} of what the server received, or
    {"error": why}."""
    cmd = [IPERF3, "-c", "127.0.0.1", "-p", str(port), "-l", str(length), "-t", str(seconds), "-J",
           "--connect-timeout", "10000"]
    proc = spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(proc)
        return {"error": f"client timeout after {timeout:.0f} s"}
    finally:
        stop(proc)
    try:
        data = json.loads(out)
    except json.JSONDecodeError:
        return {"error": f"client exit {proc.returncode}: {(err or out)[-300:].decode(errors='replace')}"}
    if "error" in data:
        return {"error": data["error"]}
    end = data.get("end", {})
    recv, sent = end.get("sum_received", {}), end.get("sum_sent", {})
    if not recv.get("bytes") or not sent.get("seconds"):
        return {"error": "the server received nothing"}
    # The receiver's own seconds are the guest's clock, which -icount makes instructions, not time:
    # the rate is the bytes the server received over the client's (the host's) wall-clock seconds.
    secs = float(sent["seconds"])
    return {"bytes": int(recv["bytes"]), "seconds": secs, "mbit_s": int(recv["bytes"]) * 8 / secs / 1e6}


def client_retrying(port: int, length: int, seconds: int, timeout: float, con: Console | None = None) -> dict:
    """The client, retried while the guest's server is not yet accepting (QEMU's user network accepts
    on the host's side at once and resets when the guest refuses), but never once the server has said
    it accepted a connection: then the first error is the point's (the one-test server has gone)."""
    deadline = time.monotonic() + 30
    while True:
        mark = len(con.lines) if con else 0
        r = client(port, length, seconds, timeout)
        err = r.get("error", "")
        if not err or time.monotonic() > deadline or (con and con.seen_since(mark, r"Accepted connection")) \
                or not re.search(r"refused|reset|unable to connect|control socket|receive", err, re.I):
            return r
        time.sleep(1)


# ---------------------------------------------------------------- host ceiling
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_host(sizes: list[int], seconds: int) -> list[dict]:
    rows = []
    for length in sizes:
        port = free_port()
        server = spawn([IPERF3, "-s", "-1", "-B", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            r = client_retrying(port, length, seconds, seconds + CLIENT_SLACK_S)
        finally:
            stop(server)
        rows.append({"config": "host-loopback", "len": length, "icount": False, **r})
        log(f"host-loopback -l {length}: {fmt({'config': 'host-loopback', **r})}")
    return rows


def fmt(r: dict) -> str:
    if "error" in r:
        return f"FAILED: {r['error']}"
    s = f"{r['bytes']} bytes in {r['seconds']:.2f} s, {r['mbit_s']:.1f} Mbit/s"
    if r.get("busy") and r["config"] not in TICKS_NOT_INSTRUCTIONS:
        s += f", {r['busy'] / r['bytes']:.1f} busy instructions/byte"
    return s


# ---------------------------------------------------------------- the Linux guest
def prepare_linux() -> tuple[Path, Path]:
    """vmlinuz and initrd.gz: Debian's kernel, busybox, Debian's iperf3 server with its libraries
    (ldd), virtio-net's modules.  /init serves `iperf_tests=N` tests, each between two lines of the tick code's
    clocks (busy_ns)."""
    sources.ensure_packages("cpio")
    out = WORK / "linux"
    x = linuxguest.fetch(out / "pkgs", ["iperf3", "libiperf0"], log)
    root = out / "root"
    linuxguest.busybox_root(root, x, ["sh", "mount", "poweroff", "cat", "sed", "head", "ip", "insmod", "echo",
                                      "sleep", "awk"])
    linuxguest.add_dynamic(root, x / "usr" / "bin" / "iperf3", [x / "usr" / "lib" / "x86_64-linux-gnu"],
                           "/bin/iperf3")
    mods = linuxguest.kernel_modules(x, LINUX_MODULES)
    linuxguest.copy_modules(root, x, mods)
    loads = "\n".join(f"insmod /{m} || echo 'linux-guest: insmod {m} failed'" for m in mods)
    linuxguest.write_init(root, f"""#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
{loads}
ip link set lo up
ip addr add 10.0.2.15/24 dev eth0
ip link set eth0 up
ip route add default via 10.0.2.2
# the tick code's own clocks (/proc/timer_list, nanoseconds): now, and the time spent idle (NOHZ
# idle_sleeptime + iowait_sleeptime; one CPU)
clock() {{
  awk '{{ for (k = 1; k < NF; k++) if ($(k + 1) == "nsecs") v = $k }}
       /^now at/ {{ now = v }} /idle_sleeptime|iowait_sleeptime/ {{ idle += v }}
       END {{ print "now=" now " idle=" idle }}' /proc/timer_list
}}
N=$(sed -n 's/.*iperf_tests=\\([0-9]*\\).*/\\1/p' /proc/cmdline)
i=0
while [ "$i" -lt "${{N:-1}}" ]; do
  echo "linux-guest: clock0 $(clock)"
  /bin/iperf3 -s -1 -p {PORT}
  echo "linux-guest: clock1 $(clock)"
  i=$((i + 1))
done
poweroff -f
""")
    return linuxguest.vmlinuz(x), linuxguest.initramfs(root, out / "initrd.gz")


def busy_ns(m0: re.Match, m1: re.Match) -> int:
    """Non-idle nanoseconds between two `clock` lines: -icount shift=0 makes one a guest instruction."""
    now0, idle0, now1, idle1 = (int(v) for v in (*m0.groups(), *m1.groups()))
    return (now1 - now0) - (idle1 - idle0)


def run_linux(sizes: list[int], seconds: int, console: Path) -> list[dict]:
    vmlinuz, initrd = prepare_linux()
    with contextlib.redirect_stdout(sys.stderr):    # net_args announces the forward on stdout
        net = qemu.net_args([PORT])
    port = int(re.search(r"hostfwd=tcp:127\.0\.0\.1:(\d+)-", net[1]).group(1))
    cmd = qemu.command(vmlinuz, icount=True, machine="pc", memory=LINUX_MEMORY, devices=[]) + net + [
        "-initrd", str(initrd), "-append", f"console=ttyS0 panic=-1 quiet iperf_tests={len(sizes)}",
        "-name", "linux-guest"]
    proc = spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    con = Console(proc)
    rows = []
    try:
        first = True
        for length in sizes:
            m0 = con.wait_for(r"linux-guest: clock0 now=(\d+) idle=(\d+)", LINUX_BOOT_S if first else 60)
            if m0 and not con.wait_for(r"Server listening on", 60):
                m0 = None
            first = False
            if not m0:
                rows.append({"config": "linux", "len": length, "error": "the guest's server did not start"})
                log(f"linux: no server for -l {length}:\n" + "\n".join(con.lines[-20:]))
                break
            r = client_retrying(port, length, seconds, seconds + CLIENT_SLACK_S, con)
            m1 = con.wait_for(r"linux-guest: clock1 now=(\d+) idle=(\d+)", 60)
            if m1 and "error" not in r:
                r["busy"] = busy_ns(m0, m1)
            rows.append({"config": "linux", "len": length, **r})
            log(f"linux -l {length}: {fmt({'config': 'linux', **r})}")
            if "error" in r:
                break
    finally:
        stop(proc)
        console.write_text("\n".join(con.lines) + "\n")
    return rows


# ---------------------------------------------------------------- bulkhead
CPU_LINE = r"bulkhead: cpu: main ran (\d+) tsc ticks, (\d+) halted in (\d+) halts, (\d+) busy"


def run_bulkhead(name: str, sizes: list[int], seconds: int) -> list[dict]:
    cfg = ROOT / "configs" / "iperf" / f"{name}.toml"
    if not cfg.is_file():
        log(f"{name}: {cfg.relative_to(ROOT)} does not exist (apps/iperf3 is not merged yet?): skipped")
        return [{"config": name, "len": n, "error": f"no {cfg.relative_to(ROOT)}"} for n in sizes]
    factor = VM_EXIT_FACTOR if name.endswith("-exit") else 1
    build = subprocess.run(["/usr/bin/python3", str(ROOT / "bulkhead"), "build", str(cfg)], cwd=ROOT,
                           capture_output=True, text=True, timeout=1800)
    if build.returncode != 0:
        log(f"{name}: build failed:\n{build.stderr[-2000:]}")
        return [{"config": name, "len": n, "error": "build failed"} for n in sizes]
    WORK.mkdir(parents=True, exist_ok=True)
    flag = WORK / "cpustat"
    flag.write_text("1\n")
    rows = []
    for length in sizes:
        hard = BOOT_S + (seconds + CLIENT_SLACK_S) * factor
        icount = name not in TICKS_NOT_INSTRUCTIONS
        opts = ["--icount", "--file", f"{flag}:{abi.CPUSTAT_FILE}"] if icount else []
        proc = spawn(["/usr/bin/python3", str(ROOT / "bulkhead"), "run", str(cfg), "--timeout", str(hard), *opts],
                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        con = Console(proc)
        try:
            m = con.wait_for(rf"bulkhead: net: 127\.0\.0\.1:(\d+) -> guest port {PORT}", BOOT_S)
            if m:
                port = int(m.group(1))
                ready = con.wait_for(r"Server listening on|bulkhead: .*(fault|violation)", BOOT_S)
                if ready and "listening" in ready.group(0):
                    r = client_retrying(port, length, seconds, (seconds + CLIENT_SLACK_S) * factor, con)
                else:
                    r = {"error": "the server did not say it listens"}
            else:
                r = {"error": "no port forward announced"}
            cpu = con.wait_for(CPU_LINE, 60 * factor) if "error" not in r and icount else None
            if cpu:
                r.update(tsc=int(cpu.group(1)), halted=int(cpu.group(2)), halts=int(cpu.group(3)),
                         busy=int(cpu.group(4)))
            elif "error" not in r and icount:
                r["error"] = "no cpu line (main did not return?)"
        finally:
            stop(proc)
        con.drain(2)
        if "error" in r:
            log(f"{name} -l {length} console:\n" + "\n".join(con.lines[-25:]))
        rows.append({"config": name, "len": length, "icount": icount, **r})
        log(f"{name} -l {length}: {fmt({'config': name, **r})}")
    return rows


# ---------------------------------------------------------------- results
FIELDS = ["commit", "date", "config", "icount", "len", "bytes", "seconds", "mbit_s", "ratio_to_none", "ratio_to_linux",
          "busy_instructions", "halted_ticks", "halts", "busy_instr_per_byte", "status"]


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    return head.stdout.strip() + ("-dirty" if dirty else "")


def write_csv(rows: list[dict], path: Path) -> list[dict]:
    by = {(r["config"], r["len"]): r for r in rows}
    c, date = commit(), datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = []
    for r in rows:
        ok = "error" not in r
        def ratio(ref: str) -> str:
            b = by.get((ref, r["len"]))
            return f"{r['mbit_s'] / b['mbit_s']:.4f}" if ok and b and "error" not in b and b["mbit_s"] else ""
        out.append({"commit": c, "date": date, "config": r["config"], "icount": int(r.get("icount", True)),
                    "len": r["len"],
                    "bytes": r.get("bytes", 0), "seconds": f"{r['seconds']:.3f}" if ok else "",
                    "mbit_s": f"{r['mbit_s']:.3f}" if ok else "", "ratio_to_none": ratio("none"),
                    "ratio_to_linux": ratio("linux"), "busy_instructions": r.get("busy", ""),
                    "halted_ticks": r.get("halted", ""), "halts": r.get("halts", ""),
                    "busy_instr_per_byte": f"{r['busy'] / r['bytes']:.2f}" if ok and r.get("busy")
                    and r["config"] not in TICKS_NOT_INSTRUCTIONS else "",
                    "status": "ok" if ok else f"failed: {r['error']}"})
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(out)
    return out


def plot(rows: list[dict], stem: Path) -> None:
    try:
        import matplotlib
    except ImportError:
        sources.ensure_packages("python3-matplotlib")
        import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
    styles = {"host-loopback": ":", "linux": "--"}
    colors = {name: f"C{i}" for i, name in enumerate(LABELS)}   # one colour per configuration in both panels
    for name in LABELS:
        pts = sorted((int(r["len"]), r) for r in rows if r["config"] == name and r["status"] == "ok")
        if not pts:
            continue
        xs = [p[0] for p in pts]
        top.plot(xs, [float(p[1]["mbit_s"]) for p in pts], styles.get(name, "-"), marker="o", ms=3,
                 color=colors[name], label=LABELS[name])
        ipb = [(p[0], float(p[1]["busy_instr_per_byte"])) for p in pts if p[1]["busy_instr_per_byte"]]
        if ipb and name != "host-loopback":
            bottom.plot([a for a, _ in ipb], [b for _, b in ipb], styles.get(name, "-"), marker="o", ms=3,
                        color=colors[name], label=LABELS[name])
    top.set_xscale("log", base=2)
    top.set_yscale("log")
    top.set_ylabel("received Mbit/s\n(TCG wall clock: compare within this run only)")
    top.set_title("iPerf3 server throughput vs read size (FlexOS fig. 9 under QEMU TCG)", fontsize=10)
    top.legend(fontsize=7)
    top.grid(True, which="both", linestyle=":", alpha=0.5)
    bottom.set_xscale("log", base=2)
    bottom.set_yscale("log")
    bottom.set_xlabel("read size: the client's -l (bytes)")
    bottom.set_ylabel("busy guest instructions\nper received byte (-icount)")
    bottom.grid(True, which="both", linestyle=":", alpha=0.5)
    bottom.legend(fontsize=7)
    fig.tight_layout()
    for ext in ("svg", "png"):
        fig.savefig(stem.with_suffix("." + ext), dpi=150)
    log(f"plot: {stem}.svg, {stem}.png")


README = HERE / "README.md"
BEGIN, END = "<!-- iperf-table:begin (generated by run.py from results/iperf.csv) -->", "<!-- iperf-table:end -->"


SHORT = {"host-loopback": "host", "linux": "Linux", "none": "none", "mpk2": "mpk2 light",
         "mpk2-private": "mpk2 private", "vm2-exit": "vm2 exit", "vm2-poll": "vm2 poll"}
NOTE_SIZES = (16, 1024, 65536)
NOTE_RATIOS = [("mpk2", "none"), ("mpk2-private", "none"), ("vm2-exit", "none"), ("vm2-poll", "none"),
               ("none", "linux")]


def readme_table(rows: list[dict]) -> str:
    """README.md's tables, from the CSV (numbers are never typed by hand)."""
    by = {(r["config"], int(r["len"])): r for r in rows if r["status"] == "ok"}
    sizes = sorted({int(r["len"]) for r in rows})
    names = [n for n in LABELS if any(r["config"] == n for r in rows)]
    c = rows[0]["commit"] if rows else "?"
    d = rows[0]["date"] if rows else "?"

    def cell(n: str, s: int, field: str, digits: int) -> str:
        r = by.get((n, s))
        return f"{float(r[field]):.{digits}f}" if r and r[field] else "-"

    out = [f"Run of {d}, commit {c} (`-`: failed, not run, or not instructions: vm exit).", "",
           "Received Mbit/s (TCG wall clock: compare within this table only):", "",
           "| read size | " + " | ".join(SHORT[n] for n in names) + " |", "|---|" + "---|" * len(names)]
    out += [f"| {s} | " + " | ".join(cell(n, s, "mbit_s", 1) for n in names) + " |" for s in sizes]
    guests = [n for n in names if n != "host-loopback"]
    out += ["", "Busy guest instructions per received byte (-icount; vm: the kernel's machine only):", "",
            "| read size | " + " | ".join(SHORT[n] for n in guests) + " |", "|---|" + "---|" * len(guests)]
    out += [f"| {s} | " + " | ".join(cell(n, s, "busy_instr_per_byte", 1) for n in guests) + " |" for s in sizes]
    pairs = [(a, b) for a, b in NOTE_RATIOS if a in names and b in names]
    out += ["", "Ratios at 16 B, 1 KiB and 64 KiB: throughput (and busy instructions per byte):", "",
            "| ratio | " + " | ".join(f"{s} B" for s in NOTE_SIZES) + " |", "|---|" + "---|" * len(NOTE_SIZES)]
    for a, b in pairs:
        cells = []
        for s in NOTE_SIZES:
            ra, rb = by.get((a, s)), by.get((b, s))
            if not ra or not rb:
                cells.append("-")
                continue
            txt = f"{float(ra['mbit_s']) / float(rb['mbit_s']):.2f}"
            if ra["busy_instr_per_byte"] and rb["busy_instr_per_byte"]:
                txt += f" ({float(ra['busy_instr_per_byte']) / float(rb['busy_instr_per_byte']):.2f})"
            cells.append(txt)
        out.append(f"| {SHORT[a]} / {SHORT[b]} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def write_readme(csv_path: Path) -> None:
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    text = README.read_text()
    if BEGIN not in text or END not in text:
        log(f"{README}: no table markers: table not written")
        return
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + BEGIN + "\n" + readme_table(rows) + "\n" + END + tail)
    log(f"wrote the table of {README}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true",
                    help=f"sizes {QUICK_SIZES}, 2-second transfers (CI); results in results/quick/")
    ap.add_argument("--configs", default=",".join(["host-loopback", "linux", *BULKHEAD]))
    ap.add_argument("--sizes", help="comma-separated read sizes in bytes (default 16 to 1048576, powers of 2)")
    ap.add_argument("--seconds", type=int, help="each transfer's -t (default 5, --quick 2)")
    ap.add_argument("--out", type=Path, help="the CSV to write (default results/iperf.csv, --quick "
                                             "results/quick/iperf.csv)")
    ap.add_argument("--readme", action="store_true",
                    help="no run: only redraw the plot and rewrite README.md's tables from results/iperf.csv")
    args = ap.parse_args()
    if args.readme:
        with open(RESULTS / "iperf.csv", newline="") as f:
            plot(list(csv.DictReader(f)), RESULTS / "iperf")
        write_readme(RESULTS / "iperf.csv")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (QUICK_SIZES if args.quick else SIZES)
    seconds = args.seconds or (2 if args.quick else 5)
    out = args.out or (RESULTS / "quick" / "iperf.csv" if args.quick else RESULTS / "iperf.csv")
    names = args.configs.split(",")
    unknown = [n for n in names if n not in LABELS]
    if unknown or any(s <= 0 for s in sizes) or seconds <= 0:
        log(f"unknown configuration(s) {unknown} (known: {', '.join(LABELS)}), or a size or --seconds not positive")
        return 2
    if not Path(IPERF3).is_file():
        sources.ensure_packages("iperf3")
    out.parent.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, _terminate)
    rows: list[dict] = []
    try:
        for name in names:
            log(f"{name}: {len(sizes)} sizes, -t {seconds}")
            if name == "host-loopback":
                rows += run_host(sizes, seconds)
            elif name == "linux":
                rows += run_linux(sizes, seconds, out.parent / "linux-console.txt")
            else:
                rows += run_bulkhead(name, sizes, seconds)
    except KeyboardInterrupt:
        log("interrupted: stopping every QEMU and client; writing what was measured")
        cleanup()
        if rows:
            write_csv(rows, out)
        return 130
    finally:
        cleanup()
    table = write_csv(rows, out)
    sys.stdout.write(out.read_text())
    plot(table, out.with_suffix(""))
    if not args.quick and out == RESULTS / "iperf.csv":
        write_readme(out)
    return 0 if all(r["status"] == "ok" for r in table) else 1


if __name__ == "__main__":
    sys.exit(main())
