#!/usr/bin/python3
"""Where a link of the SQLite matrix spends its time, and what the fast allocator saves: the full-LTO
link of a few of the matrix's configurations, LLD run with glibc's malloc and with mimalloc
(scripts/bulkhead/toolchain.py llvm_env) in turn, side by side in one run so that both see the same
load; each link's CPU time (user + system, from wait4) and wall time; each output compared byte for
byte with the image the build made; then the driver's own post-link checks (placement, layout,
verify) on the same image, in CPU seconds of this process.

    benchmarks/sqlite-matrix/linktime.py [--rounds 3] [--config NAME ...] [-o results/link-time.txt]

Configurations are named as the spec expands them (default: sqlm-mpk-private-12345, the most
separated mpk one, and sqlm-vm-exit-11111); each is built first if it is not (./bulkhead build).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "scripts"))

from bulkhead.diag import BulkheadError  # noqa: E402

ALLOCATORS = ("system", "mimalloc")     # toolchain.MALLOC_ENV's values
DEFAULT = ["sqlm-mpk-private-12345", "sqlm-vm-exit-11111"]


def expand(out: Path) -> Path:
    res = subprocess.run(["/usr/bin/python3", str(ROOT / "bulkhead"), "matrix", str(HERE / "spec.toml"),
                          "--expand", "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise BulkheadError(f"expanding {HERE / 'spec.toml'} failed:\n{res.stderr.strip()}")
    return out / "configs"


def build(config: Path) -> Path:
    res = subprocess.run(["/usr/bin/python3", str(ROOT / "bulkhead"), "build", str(config)],
                         capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise BulkheadError(f"building {config} failed:\n{res.stderr.strip()[-3000:]}")
    return Path(res.stdout.strip().splitlines()[-1])


def link_once(cmd: list[str], allocator: str, out: Path) -> tuple[float, float]:
    """Run the link into `out` with `allocator`; (CPU seconds of LLD, wall seconds)."""
    from bulkhead import toolchain
    env = toolchain.llvm_env(allocator) or dict(os.environ)
    if allocator == toolchain.FAST_MALLOC and "LD_PRELOAD" not in env:
        raise BulkheadError("mimalloc is not installed (Debian's libmimalloc2.0): nothing to compare",
                            hint="./bulkhead build installs it (scripts/bulkhead/deps.py)")
    args = list(cmd)
    args[args.index("-o") + 1] = str(out / "image.elf")
    args[args.index("-Map") + 1] = str(out / "image.map")
    start = time.monotonic()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise BulkheadError(f"the link failed with {allocator}:\n{output.decode(errors='replace')[-3000:]}")
    return usage.ru_utime + usage.ru_stime, wall


def checks_cpu(config: Path, elf: Path, times: int = 3) -> float:
    """CPU seconds of the driver's post-link checks on the image (the median of `times`)."""
    from bulkhead import config as cfgmod, image
    cfg = cfgmod.load(config)
    out = []
    for _ in range(times):
        start = time.process_time()
        image._post_link_checks(cfg, elf, elf.parent / "manifest.json", elf)
        out.append(time.process_time() - start)
    return statistics.median(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--config", action="append", help="a configuration of the expanded spec, by name")
    ap.add_argument("-o", "--out", type=Path, default=HERE / "results" / "link-time.txt")
    args = ap.parse_args()
    try:
        from bulkhead import deps, lock
        deps.ensure("build")
        names = args.config or DEFAULT
        lines = [f"# benchmarks/sqlite-matrix/linktime.py --rounds {args.rounds}: LLD's full-LTO link of the "
                 "SQLite matrix's configurations, glibc's malloc against mimalloc, side by side",
                 f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, nice "
                 f"{os.nice(0)}, load average at start {os.getloadavg()[0]:.1f}"]
        results: dict[str, dict[str, list[tuple[float, float]]]] = {}
        with tempfile.TemporaryDirectory(prefix="bulkhead-linktime-") as tmp:
            configs = expand(Path(tmp) / "expanded")
            for name in names:
                config = configs / f"{name}.toml"
                if not config.is_file():
                    raise BulkheadError(f"the spec expands to no configuration '{name}'",
                                        hint=f"names are those of {configs}/, e.g. {DEFAULT[0]}")
                elf = build(config)
                cmd = (elf.parent / "link.cmd").read_text().split()
                got: dict[str, list[tuple[float, float]]] = {a: [] for a in ALLOCATORS}
                # under the image's lock: the link rewrites the manifest next to it (the same bytes)
                with lock.exclusive(elf.parent, f"image {name}"):
                    for r in range(args.rounds):
                        for allocator in (ALLOCATORS if r % 2 == 0 else ALLOCATORS[::-1]):
                            out = Path(tmp) / f"{name}-{allocator}-{r}"
                            out.mkdir()
                            cpu, wall = link_once(cmd, allocator, out)
                            same = (out / "image.elf").read_bytes() == elf.read_bytes()
                            print(f"{name} round {r + 1} {allocator}: {cpu:.1f} s CPU, {wall:.1f} s wall, "
                                  f"{'same bytes' if same else 'DIFFERENT BYTES'}", flush=True)
                            if not same:
                                raise BulkheadError(f"{name}: the link with {allocator} made an image that differs "
                                                    f"from {elf}")
                            got[allocator].append((cpu, wall))
                    checks = checks_cpu(config, elf)
                results[name] = got
                sysc = statistics.median(c for c, _ in got["system"])
                mimc = statistics.median(c for c, _ in got["mimalloc"])
                lines.append(f"{name}: LLD CPU s (median of {args.rounds}) system {sysc:.1f}, mimalloc {mimc:.1f}, "
                             f"ratio {mimc / sysc:.3f}; wall s system "
                             f"{statistics.median(w for _, w in got['system']):.1f}, mimalloc "
                             f"{statistics.median(w for _, w in got['mimalloc']):.1f}; every output the same bytes; "
                             f"post-link checks {checks:.2f} s CPU")
        allsys = [c for g in results.values() for c, _ in g["system"]]
        allmim = [c for g in results.values() for c, _ in g["mimalloc"]]
        lines.append(f"all: LLD CPU s summed system {sum(allsys):.1f}, mimalloc {sum(allmim):.1f}, "
                     f"ratio {sum(allmim) / sum(allsys):.3f}")
        lines.append(f"# load average at end {os.getloadavg()[0]:.1f}")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n")
        print("\n".join(lines))
        return 0
    except BulkheadError as e:
        print(e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
