#!/usr/bin/python3
"""SQLite on bulkhead against a Debian Linux guest, under the same QEMU (FlexOS fig. 10).

One command prepares, runs and plots:

    benchmarks/sqlite/run.py [--rows 5000] [--configs none,mpk2,mpk3] [--skip-linux]

prepare  the bulkhead images (configs/sqlite/*.toml); the Linux guest: Debian's kernel
         (apt-get download linux-image-*-amd64), busybox-static, and a static Linux build of the same
         SQLite amalgamation + os_bulkhead.c + the same benchmark program with the same options,
         packed into an initramfs whose /init mounts a ramfs on /tmp and runs the benchmark.
run      every configuration under `-accel tcg -cpu max -m 256M -icount shift=0` (same command line,
         -M microvm); the row count goes in by `-fw_cfg name=opt/bulkhead/rows` (bulkhead) or the
         kernel command line (Linux).
report   per configuration: instructions of the INSERT loop and of the query (guest TSC deltas, one
         tick per instruction under icount), gate crossings and WRPKRU (see below), TCG wall time of
         the INSERT loop (host clock between the guest's console lines), ratios to none and Linux.
         CSV: results/sqlite.csv; plot: results/sqlite.png; crossings per edge: results/crossings.csv.

Gate crossings: the system-call layer under newlib (libs/libc/syscalls.c) is the only code that calls
out of the sqlite+libc compartment in the loops (the benchmark reads the kernel's work clock before and
after them, outside the counts); it counts its calls per callee (vfs_*, time_*), and vfs counts
its calls into ramfs.  A call is a crossing when the image's manifest has a gate for that callee
(from the caller's compartment); the test suite checks that every gate of the mpk images is such a
callee.  WRPKRU = 2 per crossing for the shared-stack ("light") gate (gates/mpk/gate.S.tmpl).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import config as bconfig, image as bimage, qemu, sources, sqlite as bsqlite, toolchain  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import linuxguest  # noqa: E402

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WORK = ROOT / "build" / "bench-sqlite"
MEMORY = "256M"


def log(msg: str) -> None:
    print(f"sqlite-bench: {msg}", file=sys.stderr, flush=True)


def sh(cmd: list[str], cwd: Path | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"sqlite-bench: {' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return proc.stdout


# ---------------------------------------------------------------- the Linux guest
def prepare_linux(rows_default: int) -> tuple[Path, Path]:
    """vmlinuz and initrd.gz of the Linux guest (packages fetched once: benchmarks/linuxguest.py)."""
    sources.ensure_packages("cpio", "libc6-dev")
    out = WORK / "linux"
    root = out / "root"
    x = linuxguest.fetch(out / "pkgs", [], log)
    vmlinuz = linuxguest.vmlinuz(x)
    # the same program: SQLite amalgamation + our VFS + the benchmark, same options, static
    amalg = bsqlite.ensure()
    opts = tomllib.loads((ROOT / "libs" / "sqlite" / "component.toml").read_text())["cflags"]
    srcs = [amalg / "sqlite3.c", ROOT / "libs" / "sqlite" / "os_bulkhead.c",
            ROOT / "apps" / "sqlite-bench" / "sqlbench" / "main.c"]
    bench = out / "bench"
    cmd = [toolchain.CLANG, "-O2", "-static", "-fno-pie", "-no-pie", f"-I{amalg}", *opts, *map(str, srcs),
           "-o", str(bench), "-lm"]
    stamp = out / "bench.cmd"
    if not bench.is_file() or not stamp.is_file() or stamp.read_text() != " ".join(cmd):
        log("building the benchmark for Linux (static, same SQLite and options)")
        sh(cmd)
        stamp.write_text(" ".join(cmd))
    # initramfs
    linuxguest.busybox_root(root, x, ["sh", "mount", "poweroff", "cat", "sed"])
    shutil.copy(bench, root / "bench")
    linuxguest.write_init(root, f"""#!/bin/sh
mount -t proc proc /proc
mount -t ramfs ramfs /tmp
ROWS=$(sed -n 's/.*bench_rows=\\([0-9]*\\).*/\\1/p' /proc/cmdline)
[ -n "$ROWS" ] || ROWS={rows_default}
/bench $ROWS
poweroff -f
""")
    return vmlinuz, linuxguest.initramfs(root, out / "initrd.gz")


# ---------------------------------------------------------------- running
def run_qemu(cmd: list[str], timeout: float) -> tuple[str, dict[str, float], float]:
    """Console text, host time (s since start) at which each 'bench:' line arrived, total wall."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    stamps: dict[str, float] = {}
    text = []
    assert proc.stdout is not None
    try:
        for raw in iter(proc.stdout.readline, b""):
            line = raw.decode(errors="replace").rstrip("\r\n")
            text.append(line)
            m = re.match(r".*bench: (start|inserts done|done)", line)
            if m:
                stamps[m.group(1)] = time.monotonic() - start
                if m.group(1) == "done" and "linux" in " ".join(cmd):
                    break
            if time.monotonic() - start > timeout:
                break
    finally:
        if proc.poll() is None:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return "\n".join(text), stamps, time.monotonic() - start


def parse(text: str, rows: int) -> dict:
    res = re.search(r"bench: result (.*)", text)
    tsc = re.search(r"bench: tsc insert=(\d+) query=(\d+)", text)
    if not res or not tsc:
        sys.exit(f"sqlite-bench: the benchmark did not finish:\n{text[-3000:]}")
    calls = {}
    m = re.search(r"bench: calls (.*)", text)
    if m:
        calls = {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    return {"result": res.group(1).strip(), "insert": int(tsc.group(1)), "query": int(tsc.group(2)), "calls": calls}


def crossings(manifest: dict, calls: dict[str, int]) -> tuple[int, dict[str, int]]:
    gated = {g["callee"] for g in manifest["gates"]}
    edges = {}
    for callee, n in calls.items():
        name = "ramfs_*" if callee == "vfs->ramfs" else callee
        if callee == "vfs->ramfs":
            if any(c.startswith("ramfs_") for c in gated):
                edges["vfs->ramfs"] = n
        elif callee in gated:
            edges[name] = n
    return sum(edges.values()), edges


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--configs", default="none,mpk2,mpk3,mpk2-private,mpk3-private,mpk3-private-promote")
    ap.add_argument("--skip-linux", action="store_true")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--readme", action="store_true",
                    help="only rewrite README.md's table from results/sqlite.csv (no run)")
    args = ap.parse_args()
    if args.readme:
        write_readme()
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = args.rows

    results = []
    for name in args.configs.split(","):
        cfg = bconfig.load(ROOT / "configs" / "sqlite" / f"{name}.toml")
        t = time.monotonic()
        img = bimage.build(cfg)
        link_s = time.monotonic() - t
        log(f"{cfg.name}: image {img.elf} ({'linked in %.1f s' % link_s if img.relinked else 'up to date'})")
        manifest = json.loads(img.manifest.read_text())
        cmd = qemu.command(img.elf, icount=True, memory=MEMORY) + ["-fw_cfg", f"name=opt/bulkhead/rows,string={rows}"]
        text, stamps, wall = run_qemu(cmd, args.timeout)
        r = parse(text, rows)
        n, edges = crossings(manifest, r["calls"])
        gate_wrpkru = 2 if cfg.backend.name == "mpk" else 0
        results.append({"config": name, "backend": cfg.backend.name, "compartments": len(cfg.compartments),
                        **r, "crossings": n, "edges": edges, "wrpkru": gate_wrpkru * n,
                        "wall_insert": stamps.get("inserts done", 0) - stamps.get("start", 0), "wall_total": wall})
        log(f"{name}: insert {r['insert']} instructions, {n} crossings, result {r['result']}")

    if not args.skip_linux:
        vmlinuz, initrd = prepare_linux(rows)
        cmd = qemu.command(vmlinuz, icount=True, memory=MEMORY) + [
            "-initrd", str(initrd), "-append", f"console=ttyS0 panic=-1 quiet bench_rows={rows}"]
        text, stamps, wall = run_qemu(cmd + ["-name", "linux-guest"], args.timeout)
        (RESULTS / "linux-console.txt").write_text(text + "\n")
        r = parse(text, rows)
        results.append({"config": "linux", "backend": "linux", "compartments": 1, **r, "crossings": 0, "edges": {},
                        "wrpkru": 0, "wall_insert": stamps.get("inserts done", 0) - stamps.get("start", 0),
                        "wall_total": wall})
        log(f"linux: insert {r['insert']} instructions, result {r['result']}")

    ref = {r["config"]: r for r in results}
    base = ref.get("none")
    lin = ref.get("linux")
    same = {r["result"] for r in results}
    if len(same) != 1:
        log(f"RESULTS DIFFER: {same}")
    with open(RESULTS / "sqlite.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["config", "rows", "instructions_insert", "instructions_query", "instructions_per_insert",
                    "gate_crossings", "crossings_per_insert", "wrpkru", "tcg_wall_insert_s",
                    "ratio_to_none", "ratio_to_linux", "result"])
        for r in results:
            w.writerow([r["config"], rows, r["insert"], r["query"], round(r["insert"] / rows),
                        r["crossings"], round(r["crossings"] / rows, 2), r["wrpkru"], round(r["wall_insert"], 3),
                        round(r["insert"] / base["insert"], 4) if base else "",
                        round(r["insert"] / lin["insert"], 4) if lin else "", r["result"]])
    with open(RESULTS / "crossings.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["config", "edge", "calls", "per_insert"])
        for r in results:
            for e, n in sorted(r["edges"].items(), key=lambda kv: -kv[1]):
                w.writerow([r["config"], e, n, round(n / rows, 2)])
    print((RESULTS / "sqlite.csv").read_text(), end="")
    print((RESULTS / "crossings.csv").read_text(), end="")
    write_readme()
    plot(results, rows)
    return 0 if len(same) == 1 else 1


LABELS = {
    "linux": "Linux guest (Debian's kernel, static glibc build)",
    "none": "bulkhead none",
    "mpk2": "bulkhead mpk2 (sqlite+libc \\| vfs+ramfs), shared stack",
    "mpk3": "bulkhead mpk3 (sqlite+libc \\| vfs+ramfs \\| time), shared stack",
    "mpk2-private": "bulkhead mpk2, private stacks",
    "mpk3-private": "bulkhead mpk3, private stacks",
    "mpk3-private-promote": "bulkhead mpk3, private stacks, `indirect_calls = \"promote\"`",
}
README = Path(__file__).resolve().parent / "README.md"
BEGIN, END = "<!-- sqlite-table:begin (generated by run.py from results/sqlite.csv) -->", "<!-- sqlite-table:end -->"


def readme_table() -> str:
    """README.md's table, from results/sqlite.csv (numbers are never typed by hand)."""
    with open(RESULTS / "sqlite.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    order = sorted(rows, key=lambda r: (r["config"] != "linux", list(LABELS).index(r["config"])
                                        if r["config"] in LABELS else len(LABELS)))
    out = ["| config | instructions | per INSERT | / none | / Linux | crossings (per INSERT) | WRPKRU |",
           "|---|---|---|---|---|---|---|"]
    for r in order:
        linux = r["config"] == "linux"
        out.append(f"| {LABELS.get(r['config'], r['config'])} | {int(r['instructions_insert']):,} | "
                   f"{int(r['instructions_per_insert']):,} | {float(r['ratio_to_none']):.3f} | "
                   f"{float(r['ratio_to_linux']) if r['ratio_to_linux'] else 0:.3f} | "
                   + ("- | - |" if linux else f"{int(r['gate_crossings']):,} ({float(r['crossings_per_insert']):.1f}) | "
                      f"{int(r['wrpkru']):,} |"))
    return "\n".join(out)


def write_readme() -> None:
    text = README.read_text()
    if BEGIN not in text or END not in text:
        log(f"{README}: no {BEGIN!r} ... {END!r} markers: table not written")
        return
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + BEGIN + "\n" + readme_table() + "\n" + END + tail)
    log(f"wrote the table of {README}")


def plot(results: list[dict], rows: int) -> None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sources.ensure_packages("python3-matplotlib")
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    order = [r for name in ("linux", "none", "mpk2", "mpk3") for r in results if r["config"] == name]
    order += [r for r in results if r not in order]
    labels = {"linux": "Linux\n(guest)", "none": "bulkhead\nNONE", "mpk2": "bulkhead\nMPK2", "mpk3": "bulkhead\nMPK3", "mpk2-private": "MPK2\nprivate st.", "mpk3-private": "MPK3\nprivate st."}
    base = next((r["insert"] for r in results if r["config"] == "none"), None)
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    xs = range(len(order))
    vals = [r["insert"] / 1e6 for r in order]
    colors = ["#bbbbbb" if r["config"] == "linux" else "#4c72b0" if r["config"] == "none" else "#dd8452" for r in order]
    bars = ax.bar(xs, vals, color=colors, edgecolor="black", linewidth=0.6, width=0.6)
    for b, r in zip(bars, order):
        txt = f"{r['insert'] / 1e6:.0f}M"
        if base:
            txt += f"\n{r['insert'] / base:.2f}x"
        ax.text(b.get_x() + b.get_width() / 2, b.get_height(), txt, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(list(xs), [labels.get(r["config"], r["config"]) for r in order], fontsize=8)
    ax.set_ylabel(f"instructions for {rows} INSERTs (millions)")
    ax.set_title("SQLite, single-statement INSERTs on ramfs\n(QEMU TCG -icount shift=0; ratios to bulkhead NONE)",
                 fontsize=9)
    ax.set_ylim(0, max(vals) * 1.25)
    ax.grid(axis="y", linestyle=":", alpha=0.6)
    fig.tight_layout()
    fig.savefig(RESULTS / "sqlite.png", dpi=150)
    log(f"plot: {RESULTS / 'sqlite.png'}")


if __name__ == "__main__":
    sys.exit(main())
