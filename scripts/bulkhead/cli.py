"""./bulkhead: the single command-line entry point.

  ./bulkhead build CONFIG       build the image, print its path
  ./bulkhead run [CONFIG|IMAGE] build if needed, boot under QEMU, exit with the guest's status
  ./bulkhead check CONFIG       validate a configuration only
  ./bulkhead verify IMAGE       no WRPKRU/XRSTOR outside the gates (every build runs it too)
  ./bulkhead test [--fast | --tier T[,T]] [FILE...] [PYTEST-ARGS]
                                the whole test suite (pytest; lit tests of the pass included), one tier
                                (fast, qemu, slow: tests/README.md), or just the given test files
  ./bulkhead test --backend NAME  a backend (gates/ or tests/backends/) through the conformance suite
                                (tests/test_conformance.py; gates/README.md)
  ./bulkhead explore ...        the safest configurations within a budget (docs/explore.md)
  ./bulkhead matrix SPEC.toml   build, run and record every configuration of a spec (docs/matrix.md)
  ./bulkhead report RESULTS.db  one static HTML page: figures, safety order, sortable table (docs/matrix.md)
  ./bulkhead link-line CONFIG   the exact clang/opt lines that build CONFIG's image from your own build
  ./bulkhead abi [--check]      regenerate the files made from abi/abi.toml (abi/README.md)
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

TIERS = ("fast", "qemu", "slow")      # the pytest markers of pytest.ini


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bulkhead", description="Build and run compartmentalized unikernel images.")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the image of a configuration and print its path")
    b.add_argument("config", type=Path, help="configuration file (TOML)")
    b.add_argument("--without-pass", action="store_true", help=argparse.SUPPRESS)  # tests: prove the guard

    r = sub.add_parser("run", help="build if needed, boot under QEMU, exit with the guest's status")
    r.add_argument("target", nargs="?", type=Path, default=paths.DEFAULT_CONFIG,
                   help=f"configuration (TOML) or image (ELF, recognized by content); default {paths.DEFAULT_CONFIG.relative_to(paths.ROOT)}")
    q = r.add_argument_group("QEMU")
    q.add_argument("--cpu", help="QEMU CPU model (default: max under TCG, host under KVM)")
    q.add_argument("--accel", choices=["auto", "tcg", "kvm"], default="auto",
                   help="accelerator: KVM only where the host CPU has vmx/svm (default auto)")
    q.add_argument("--icount", action="store_true", help="-icount shift=0: guest rdtsc counts instructions")
    q.add_argument("--machine", help="QEMU machine (default: what the app's app.toml asks for, else microvm)")
    q.add_argument("--timeout", type=float, default=60.0, help="seconds before the run counts as a hang")
    q.add_argument("--file", metavar="HOST:/GUEST", action="append", default=[],
                   help="pass a host file to the guest (QEMU fw_cfg opt/GUEST); the guest opens it as /GUEST "
                        "(kernel boot files, copied into ramfs; repeatable)")
    q.add_argument("--inject-frames", action="store_true",
                   help="a UDP socket of 127.0.0.1 on the network device's network: each datagram sent to it is "
                        "one raw Ethernet frame for the guest (announced as `bulkhead: net: frames: ...`)")
    q.add_argument("--consoles", type=Path, metavar="DIR",
                   help="write each compartment's own output to DIR/<index>-<compartment>.console (backend "
                        "vm: each machine's console; mpk: the kernel's record of who printed what); the "
                        "output on stdout is the program's lines as written")
    q.add_argument("--wake", choices=["exit", "poll"],
                   help="backend vm: every machine's wake mode, whatever the configuration says (chosen at "
                        "boot, the image is the same: gates/vm/README.md)")
    j = r.add_argument_group("host-side judge (scripts/bulkhead/judge.py)")
    j.add_argument("--judge", metavar="SYMBOL", action="append", default=[],
                   help="boot with no exit device, read the guest's memory from the host after its final halt and "
                        "report whether SYMBOL is intact and where copies of its bytes are (repeatable)")

    v = sub.add_parser("verify", help="fail if WRPKRU/XRSTOR bytes appear outside the gate code")
    v.add_argument("image", type=Path, help="image (.elf)")
    v.add_argument("--strict", action="store_true",
                   help="also fail on privileged-instruction encodings in non-kernel compartments' text")

    c = sub.add_parser("check", help="validate a configuration")
    c.add_argument("config", type=Path)

    e = sub.add_parser("explore", help="the safest configurations that meet a budget (results or FlexOS data)")
    from .explore import command as explore_command
    explore_command.add_arguments(e)

    m = sub.add_parser("matrix", help="build, run and record every configuration of a matrix spec "
                                      "(-j N, or a Slurm array with --slurm)")
    from .matrix import command as matrix_command
    matrix_command.add_arguments(m)

    rp = sub.add_parser("report", help="one static HTML page about a matrix's results: fig-06, fig-08 with "
                                       "its stars, tab-01, a sortable table")
    from .matrix import report as report_mod
    report_mod.add_arguments(rp)

    a = sub.add_parser("audit-config", help="what each compartment of an image exposes: entries, gates, "
                                            "shared globals, callbacks, moved locals")
    a.add_argument("image", type=Path, help="image (.elf) or its folder, next to its manifest.json")
    a.add_argument("--json", action="store_true", help="the same as JSON")

    ll = sub.add_parser("link-line", help="print the plain clang/opt lines that build a configuration's image "
                                          "(README.md, 'Using the plugin from your own build')")
    ll.add_argument("config", type=Path, help="configuration file (TOML)")
    ll.add_argument("--dir", type=Path, help="where the objects bulkhead provides go (default build/link-line/NAME)")

    g = sub.add_parser("abi", help="regenerate the headers, Python module and docs table made from abi/abi.toml")
    g.add_argument("--check", action="store_true", help="only say which generated files are stale (status 1 if any)")

    t = sub.add_parser("test", help="run the whole test suite, one tier, or some test files",
                       description="Without arguments: the whole suite (what CI runs).  --fast and --tier select "
                       "tiers (tests/README.md); FILE (tests/test_x.py, or FILE::TEST) runs just those; any other "
                       "argument goes to pytest as it is (-x, -k EXPR, --durations=10, ...).")
    t.add_argument("--fast", action="store_true", help="only the fast tier (no QEMU; under a minute)")
    t.add_argument("--tier", action="append", default=[], metavar="TIER[,TIER]",
                   help=f"only these tiers ({', '.join(TIERS)}); may be repeated")
    t.add_argument("--backend", metavar="NAME",
                   help="run backend NAME (any folder with a backend.toml on the backend search path: gates/, "
                        "$BULKHEAD_BACKEND_PATH or tests/backends/) through the conformance suite "
                        "(tests/test_conformance.py): the apps that apply, booted under QEMU, against their "
                        "unisolated output (gates/README.md)")
    t.add_argument("pytest_args", nargs=argparse.REMAINDER, help="test files and extra arguments for pytest")
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
    rules = verify.rules_for(args.image)      # the image's backend's (backend.toml [check])
    n = verify.verify(args.image, rules=rules)
    print(f"{args.image}: ok: no WRPKRU/XRSTOR/XRSTORS encoding outside .bh.gates in {n} executable bytes "
          f"(the rules of backend {rules.backend or '?'}: "
          + ", ".join(f"{c} {'/'.join(p) or 'nowhere'}" for c, p in rules.allowed.items()) + ")")
    print(f"{args.image}: ok: W^X, no page both writable and executable")
    priv = verify.privileged(args.image)
    for f in priv[:40]:
        print(f"  privileged: {f.what} at {f.addr:#x} ({f.symbol}) in {f.section}")
    print(f"{args.image}: {len(priv)} privileged-instruction encoding(s) in non-kernel compartments' text"
          + (" (a byte scan: some may be parts of other instructions)" if priv else ""))
    if priv and args.strict:
        raise BulkheadError(f"image {args.image}: --strict: privileged-instruction encodings outside the kernel's "
                            "compartment", hint="compartments run in ring 0 today (docs/design.md section 7): such an "
                            "instruction there escapes every protection key")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import config, image
    img = image.build(config.load(args.config), with_pass=not args.without_pass)
    s = img.stats
    info(f"components: {len(s.compiled)} compiled ({', '.join(s.compiled) or 'none'}), {len(s.cached)} cached; "
         f"image {'linked' if img.relinked else 'up to date'}")
    print(img.elf)
    return 0


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False      # missing or unreadable: config.load names the problem


def cmd_run(args: argparse.Namespace) -> int:
    from . import qemu
    target: Path = args.target
    qemu.boot_file_args(args.file)   # a bad --file is an error before anything is built or booted
    if not target.is_file():
        raise BulkheadError(f"no such configuration or image: {target}")
    source = None
    if _is_elf(target):
        elf = target
    else:   # by content, not by name: a configuration may be called anything (config.load says what is wrong)
        from . import config, image
        elf = image.build(config.load(target)).elf
        source = target
    kw: dict = {"machine": args.machine} if args.machine else {}
    if args.file:
        kw["files"] = args.file
    if args.wake:
        _runner_takes(elf, "wake", "only machines of a backend whose host runner takes it wait for calls")
        kw["wake"] = args.wake
    if args.inject_frames:
        from . import backends
        if qemu.NET_DEVICE not in qemu._image_config(elf).get("devices", []):
            raise BulkheadError(f"--inject-frames: {elf} has no network device",
                                hint="an app whose app.toml says devices = [\"virtio-net\"]")
        if backends.image_runner(elf) is not None:
            _runner_takes(elf, "inject-frames", "its machines are started by its own runner")
        kw["inject_frames"] = True
    if args.judge:
        return _run_judged(elf, args, kw, source)
    if args.consoles:
        from . import backends
        name = backends.image_backend(elf)
        if not (name in backends.available() and backends.load(name).console_stream):
            _runner_takes(elf, "consoles", "its one console is stdout")
        kw["consoles"] = args.consoles
    res = qemu.run(elf, timeout=args.timeout, cpu=args.cpu, accel=args.accel, icount=args.icount, **kw)
    _advise(elf, res.output, source)
    if "exit" in res.extra:   # the kernel's console stream: a compartment asked for the exit itself
        who, st = res.extra["exit"]
        print(f"bulkhead: compartment '{who}' asked for the exit (status {st}) through the kernel's exit "
              "service", file=sys.stderr)
    if res.status >= 64:
        why = qemu.GUEST_STATUS.get(res.status, "")
        if res.status in (qemu.STATUS_TIMEOUT, qemu.STATUS_NO_BOOT, qemu.STATUS_COMPARTMENT_STOPPED):
            print(res.output.splitlines()[-1], file=sys.stderr)
        info(f"guest exit status {res.status}" + (f" ({why})" if why else ""))
    return res.status


def _test_path(name: str) -> Path | None:
    """A test file or folder named on the command line: relative to the current folder, else to the root."""
    for path in (Path(name), paths.ROOT / name):
        if path.exists():
            return path.resolve()
    return None


def _test_selection(args: argparse.Namespace) -> tuple[list[str], list[str], list[str]]:
    """(tiers, test files, other pytest arguments) of `./bulkhead test`; the tier options may also come
    after a file (argparse leaves them in the remainder)."""
    tiers = ["fast"] if args.fast else []
    files: list[str] = []
    extra: list[str] = []
    rest = [a for a in args.pytest_args if a != "--"]
    spec = args.tier[:]
    i = 0
    while i < len(rest):
        a = rest[i]
        if a == "--fast":
            tiers.append("fast")
        elif a == "--backend" or a.startswith("--backend="):
            # after a file, argparse leaves it in the remainder
            if a == "--backend":
                i += 1
                if i == len(rest):
                    raise BulkheadError("--backend needs a name", hint="e.g. ./bulkhead test --backend trace")
                a = "=" + rest[i]
            args.backend = a.split("=", 1)[1]
        elif a == "--tier" or a.startswith("--tier="):
            if a == "--tier":
                i += 1
                if i == len(rest):
                    raise BulkheadError("--tier needs a value", hint=f"one of {', '.join(TIERS)}")
                a = "=" + rest[i]
            spec.append(a.split("=", 1)[1])
        elif not a.startswith("-") and (a.split("::")[0].endswith(".py") or _test_path(a.split("::")[0])):
            name, sep, node = a.partition("::")
            path = _test_path(name)
            if path is None:
                raise BulkheadError(f"no such test file: {name}", hint="e.g. ./bulkhead test tests/test_config.py")
            files.append(str(path) + sep + node)
        else:
            extra.append(a)
        i += 1
    for t in ",".join(spec).split(","):
        if t and t not in TIERS:
            raise BulkheadError(f"unknown test tier '{t}'", hint=f"tiers: {', '.join(TIERS)} (tests/README.md)")
        if t and t not in tiers:
            tiers.append(t)
    return tiers, files, extra


def cmd_audit_config(args: argparse.Namespace) -> int:
    from . import auditconfig
    m, audits = auditconfig.audit(args.image)
    print(auditconfig.to_json(m, audits) if args.json else auditconfig.render(m, audits))
    return 0


def cmd_link_line(args: argparse.Namespace) -> int:
    from . import config, linkline
    cfg = config.load(args.config)
    for line in linkline.prepare(cfg, args.dir or paths.BUILD / "link-line" / cfg.name):
        print(line)
    return 0


def cmd_abi(args: argparse.Namespace) -> int:
    from . import abigen
    rel = lambda p: p.relative_to(paths.ROOT).as_posix()   # noqa: E731
    if args.check:
        old = abigen.stale()
        if old:
            raise BulkheadError("stale files generated from abi/abi.toml: " + ", ".join(map(rel, old)),
                                hint="run ./bulkhead abi (never edit a generated file: edit abi/abi.toml)")
        print("abi: every generated file is up to date")
        return 0
    for p in abigen.write():
        print(f"abi: wrote {rel(p)}")
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    from .explore import command as explore_command
    return explore_command.run(args)


def cmd_matrix(args: argparse.Namespace) -> int:
    from .matrix import command as matrix_command
    return matrix_command.run(args)


def cmd_report(args: argparse.Namespace) -> int:
    from .matrix import report
    return report.run(args)


def _runner_takes(elf: Path, option: str, why: str) -> None:
    """`./bulkhead run --<option>` needs a host runner that takes it (backend.toml `runner`, RUN_OPTIONS)."""
    from . import backends
    runner = backends.image_runner(elf)
    if runner is None or option not in getattr(runner, "RUN_OPTIONS", ()):
        name = backends.image_backend(elf) or "unknown"
        takers = [b for b in backends.available() if backends.load(b).runner
                  and option in getattr(backends.runner(b), "RUN_OPTIONS", ())]
        raise BulkheadError(f"--{option}: {elf} is an image of backend {name}, whose runner takes no --{option}: "
                            f"{why}", hint=f"drop --{option}, or run an image of backend {' or '.join(takers) or '(none)'}")


def _advise(elf: Path, console: str, source: Path | None) -> None:
    """The configuration lines a fault report or an audit run asks for (scripts/bulkhead/advice.py), on stderr."""
    from . import advice
    for line in advice.advise(elf, console, source):
        print(f"bulkhead: {line}", file=sys.stderr)


def _run_judged(elf: Path, args: argparse.Namespace, kw: dict, source: Path | None) -> int:
    """The verdict lines go to stderr, after the console: the guest cannot print them, the host does."""
    from . import judge, qemu
    v = judge.run(elf, timeout=args.timeout, cpu=args.cpu, accel=args.accel, icount=args.icount, **kw)
    _advise(elf, v.console, source)
    secrets = [s for s in args.judge if len(v.symbol(s).initial.rstrip(b"\0")) >= judge.SECRET_MIN]
    for line in v.report(args.judge, secrets):
        print(line, file=sys.stderr)
    if v.halt.how == "exit":
        if v.status is not None and v.status != v.halt.status:
            # several machines (vm): one that is not the kernel's stopped first; its status is not the image's
            print(f"bulkhead: the machine of compartment '{v.halt.machine}' stopped first (exit status "
                  f"{v.halt.status}); the image's status is the kernel machine's: {v.status}", file=sys.stderr)
        return v.status if v.status is not None else v.halt.status
    return qemu.STATUS_TIMEOUT if v.halt.how == "timeout" else qemu.STATUS_NO_BOOT


CONFORMANCE_TESTS = paths.ROOT / "tests" / "test_conformance.py"


def cmd_test(args: argparse.Namespace) -> int:
    from . import backends, toolchain
    tiers, files, extra = _test_selection(args)
    env = dict(os.environ)
    if args.backend:
        backends.load(args.backend)   # an unknown or malformed backend is an error here, not 7 failures later
        env["BULKHEAD_CONFORMANCE_BACKEND"] = args.backend
        files = files or [str(CONFORMANCE_TESTS)]
        info(f"backend {args.backend} through the conformance suite ({', '.join(tiers) or 'every tier'})")
    # Built once here; the many `./bulkhead build` calls of the tests skip CMake's no-op check (toolchain).
    env[toolchain.PLUGIN_CURRENT_ENV] = str(toolchain.build_plugin())
    cmd = ["/usr/bin/python3", "-m", "pytest", *(files or [str(paths.ROOT / "tests")]), "-q", "-rfE"]
    if tiers:
        cmd += ["-m", " or ".join(tiers)]
    cmd += _parallel(tiers, extra)
    cmd += extra
    info("running " + " ".join(cmd))
    return subprocess.run(cmd, cwd=paths.ROOT, env=env).returncode


def _parallel(tiers: list[str], extra: list[str]) -> list[str]:
    """The fast tier runs its test files on every core (pytest-xdist, one worker per file so a file's
    fixtures stay in one process): it is CPU-bound, and on the 2-core dev machine it halves its wall time
    (tests/README.md has the budget).  The QEMU and slow tiers stay serial: they time guests and start
    machines that would starve one another.  `-n`/`-p no:xdist` given by the user win."""
    import importlib.util
    if tiers != ["fast"] or any(a == "-n" or a.startswith("-n") or "xdist" in a for a in extra):
        return []
    if importlib.util.find_spec("xdist") is None:
        info("pytest-xdist is not installed (Debian: python3-pytest-xdist): the fast tier runs on one core")
        return []
    return ["-n", str(min(os.cpu_count() or 1, 4)), "--dist", "loadfile"]


def _deps_command(args: argparse.Namespace) -> str:
    """The deps.py entry a command line needs: a test run that may reach the slow tier (the differential
    harness) needs csmith and creduce, the other tiers do not."""
    if args.cmd == "matrix":
        return "slurm" if getattr(args, "slurm", False) else "matrix"
    if args.cmd == "report":
        return "report-screenshot" if args.screenshot else "report"
    if args.cmd != "test":
        return args.cmd
    tiers, files, _ = _test_selection(args)
    if files:
        slow = any("differential" in Path(f.partition("::")[0]).name or Path(f.partition("::")[0]).is_dir()
                   for f in files)
        return "differential" if slow and (not tiers or "slow" in tiers) else "test"
    return "differential" if not tiers or "slow" in tiers else "test"


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds through every cleanup path exactly like Ctrl-C (QEMU stopped, temporary
    files removed).  SIGKILL cannot be caught: QEMU's parent-death signal covers it (qemu.spawn)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    # An interrupt always stops a run cleanly (KeyboardInterrupt reaches every cleanup path), even when
    # the parent started us with SIGINT ignored, as non-interactive shells do for background jobs.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["test"] and argv[1:2] not in (["-h"], ["--help"]):
        argv = ["test", "--", *argv[1:]]      # every argument of `test` is sorted out by _test_selection
    try:
        args = _parser().parse_args(argv)
        from . import deps
        deps.ensure(_deps_command(args))
        if args.cmd in ("build", "run", "test", "matrix", "link-line"):
            # a bad $BULKHEAD_LLVM_MALLOC is an error now, not only when a tool happens to run (an
            # up-to-date image runs none)
            from . import toolchain
            toolchain.llvm_env()
        status = {"build": cmd_build, "run": cmd_run, "verify": cmd_verify, "check": cmd_check,
                  "test": cmd_test, "explore": cmd_explore, "matrix": cmd_matrix,
                  "report": cmd_report,
                  "audit-config": cmd_audit_config, "abi": cmd_abi,
                  "link-line": cmd_link_line}[args.cmd](args)
        sys.stdout.flush()   # here, not at interpreter exit, so a closed pipe is seen below
        return status
    except BulkheadError as e:
        print(e, file=sys.stderr)
        return e.status
    except KeyboardInterrupt as e:
        # Stopped, or backend vm's own handler (vm._Stop, whose argument is the signal's name).  The
        # status is Ctrl-C's (130) whichever signal it was: one meaning, "stopped from outside".
        name = e.args[0] if e.args and e.args[0] in signal.Signals.__members__ else "SIGINT"
        print(f"bulkhead: interrupted ({name})", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_gone()


# 128 + SIGPIPE: what a shell reports for a writer whose reader went away.
STATUS_BROKEN_PIPE = 141


def _reader_gone() -> int:
    """The reader of stdout went away (`./bulkhead check ... | head`): stop quietly, as a program
    killed by SIGPIPE would.  Whatever is still buffered goes to /dev/null, so the interpreter's own
    flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return STATUS_BROKEN_PIPE
