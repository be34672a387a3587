"""./bulkhead: the single command-line entry point.

  ./bulkhead build CONFIG       build the image, print its path
  ./bulkhead run [CONFIG|IMAGE] build if needed, boot under QEMU, exit with the guest's status
  ./bulkhead check CONFIG       validate a configuration only
  ./bulkhead verify IMAGE       no WRPKRU/XRSTOR outside the gates (every build runs it too)
  ./bulkhead test [ARGS]        the whole test suite (pytest; lit tests of the pass included)
  ./bulkhead explore ...        the safest configurations within a budget (docs/explore.md)
  ./bulkhead matrix SPEC.toml   build, run and record every configuration of a spec (docs/matrix.md)
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from . import paths
from .diag import BulkheadError, info


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bulkhead", description="Build and run compartmentalized unikernel images.")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the image of a configuration and print its path")
    b.add_argument("config", type=Path, help="configuration file (TOML)")
    b.add_argument("--without-pass", action="store_true", help=argparse.SUPPRESS)  # tests: prove the guard

    r = sub.add_parser("run", help="build if needed, boot under QEMU, exit with the guest's status")
    r.add_argument("target", nargs="?", type=Path, default=paths.DEFAULT_CONFIG,
                   help=f"configuration (.toml) or image (.elf); default {paths.DEFAULT_CONFIG.relative_to(paths.ROOT)}")
    q = r.add_argument_group("QEMU")
    q.add_argument("--cpu", help="QEMU CPU model (default: max under TCG, host under KVM)")
    q.add_argument("--accel", choices=["auto", "tcg", "kvm"], default="auto",
                   help="accelerator: KVM only where the host CPU has vmx/svm (default auto)")
    q.add_argument("--icount", action="store_true", help="-icount shift=0: guest rdtsc counts instructions")
    q.add_argument("--machine", help="QEMU machine (default: what the app's app.toml asks for, else microvm)")
    q.add_argument("--timeout", type=float, default=60.0, help="seconds before the run counts as a hang")
    j = r.add_argument_group("host-side judge (scripts/bulkhead/judge.py)")
    j.add_argument("--judge", metavar="SYMBOL", action="append", default=[],
                   help="boot with no exit device, read the guest's memory from the host after its final halt and "
                        "report whether SYMBOL is intact and where copies of its bytes are (repeatable)")

    v = sub.add_parser("verify", help="fail if WRPKRU/XRSTOR bytes appear outside the gate code")
    v.add_argument("image", type=Path, help="image (.elf)")

    c = sub.add_parser("check", help="validate a configuration")
    c.add_argument("config", type=Path)

    e = sub.add_parser("explore", help="the safest configurations that meet a budget (results or FlexOS data)")
    from .explore import command as explore_command
    explore_command.add_arguments(e)

    m = sub.add_parser("matrix", help="build, run and record every configuration of a matrix spec "
                                      "(-j N, or a Slurm array with --slurm)")
    from .matrix import command as matrix_command
    matrix_command.add_arguments(m)

    a = sub.add_parser("audit-config", help="what each compartment of an image exposes: entries, gates, "
                                            "shared globals, callbacks, moved locals")
    a.add_argument("image", type=Path, help="image (.elf) or its folder, next to its manifest.json")
    a.add_argument("--json", action="store_true", help="the same as JSON")

    t = sub.add_parser("test", help="run the whole test suite")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER, help="extra arguments for pytest")
    return p


def cmd_check(args: argparse.Namespace) -> int:
    from . import config
    cfg = config.load(args.config)
    print(f"{cfg.path}: ok: image '{cfg.name}', backend {cfg.backend.name}")
    for c in cfg.compartments:
        print(f"  compartment {c.index} '{c.name}' key {c.key}: {', '.join(c.components)}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from . import verify
    if not args.image.is_file():
        raise BulkheadError(f"no such image: {args.image}")
    n = verify.verify(args.image)
    print(f"{args.image}: ok: no WRPKRU/XRSTOR/XRSTORS encoding outside .bh.gates in {n} executable bytes")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import config, image
    img = image.build(config.load(args.config), with_pass=not args.without_pass)
    s = img.stats
    info(f"components: {len(s.compiled)} compiled ({', '.join(s.compiled) or 'none'}), {len(s.cached)} cached; "
         f"image {'linked' if img.relinked else 'up to date'}")
    print(img.elf)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from . import qemu
    target: Path = args.target
    if target.suffix == ".toml":
        from . import config, image
        elf = image.build(config.load(target)).elf
    else:
        elf = target
    kw = {"machine": args.machine} if args.machine else {}
    if args.judge:
        return _run_judged(elf, args, kw)
    res = qemu.run(elf, timeout=args.timeout, cpu=args.cpu, accel=args.accel, icount=args.icount, **kw)
    if res.status >= 64:
        why = qemu.GUEST_STATUS.get(res.status, "")
        if res.status in (qemu.STATUS_TIMEOUT, qemu.STATUS_NO_BOOT):
            print(res.output.splitlines()[-1], file=sys.stderr)
        info(f"guest exit status {res.status}" + (f" ({why})" if why else ""))
    return res.status


def cmd_audit_config(args: argparse.Namespace) -> int:
    from . import auditconfig
    m, audits = auditconfig.audit(args.image)
    print(auditconfig.to_json(m, audits) if args.json else auditconfig.render(m, audits))
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    from .explore import command as explore_command
    return explore_command.run(args)


def cmd_matrix(args: argparse.Namespace) -> int:
    from .matrix import command as matrix_command
    return matrix_command.run(args)


def _run_judged(elf: Path, args: argparse.Namespace, kw: dict) -> int:
    """The verdict lines go to stderr, after the console: the guest cannot print them, the host does."""
    from . import judge, qemu
    v = judge.run(elf, timeout=args.timeout, cpu=args.cpu, accel=args.accel, icount=args.icount, **kw)
    secrets = [s for s in args.judge if len(v.symbol(s).initial.rstrip(b"\0")) >= judge.SECRET_MIN]
    for line in v.report(args.judge, secrets):
        print(line, file=sys.stderr)
    if v.halt.how == "exit":
        return v.halt.status
    return qemu.STATUS_TIMEOUT if v.halt.how == "timeout" else qemu.STATUS_NO_BOOT


def cmd_test(args: argparse.Namespace) -> int:
    from . import toolchain
    toolchain.build_plugin()
    extra = [a for a in args.pytest_args if a != "--"]
    cmd = ["/usr/bin/python3", "-m", "pytest", str(paths.ROOT / "tests"), "-q", "-rfE", *extra]
    info("running " + " ".join(cmd))
    return subprocess.run(cmd, cwd=paths.ROOT).returncode


def main(argv: list[str] | None = None) -> int:
    # An interrupt always stops a run cleanly (KeyboardInterrupt reaches every cleanup path), even when
    # the parent started us with SIGINT ignored, as non-interactive shells do for background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args = _parser().parse_args(argv)
    try:
        from . import deps
        deps.ensure()
        return {"build": cmd_build, "run": cmd_run, "verify": cmd_verify, "check": cmd_check, "test": cmd_test,
                "explore": cmd_explore, "matrix": cmd_matrix, "audit-config": cmd_audit_config}[args.cmd](args)
    except BulkheadError as e:
        print(e, file=sys.stderr)
        return e.status
    except KeyboardInterrupt:
        print("bulkhead: interrupted", file=sys.stderr)
        return 130
