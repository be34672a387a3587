"""Configuration fuzzing through `./bulkhead check`: no traceback, no hang, nothing wrong accepted.

A few hundred configurations, mutated from real ones (seeded, so every run sees the same files), go
through the `check` command's own code path (`cli.main(["check", FILE])`) in one child process, each
under a time limit.  What would escape `./bulkhead` as a traceback, and what runs past the limit, is
counted; so is every accepted configuration that breaks the rules (names, app) an oracle here checks
independently of config.py.  Targeted cases (issue 18: invalid UTF-8, deep nesting, a dotted key of
100k parts, long names, a trailing newline, `app` outside apps/, `backend = 0x10`, quoted and dotted keys,
`[[ compartment ]]`) must each be refused at the right line.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.fast

LIMIT_S = 5.0            # per configuration: `check` is milliseconds; more is a hang
BASES = ["configs/demo/mpk3.toml", "configs/demo/mpk2-private.toml", "configs/attacks/dss-all-private.toml",
         "configs/heaps/mpk2.toml", "configs/demo/vm2-exit.toml"]
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
APPS = {p.name for p in (ROOT / "apps").iterdir() if p.is_dir()}

CHILD = r"""
import contextlib, io, json, signal, sys, time, traceback
sys.path.insert(0, sys.argv[1])
from bulkhead import cli
class Hang(BaseException):
    pass
def on_alarm(*_):
    raise Hang()
signal.signal(signal.SIGALRM, on_alarm)
limit = float(sys.argv[2])
for path in sys.argv[3:]:
    out, err = io.StringIO(), io.StringIO()
    rec = {"path": path}
    t = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                rec["rc"] = cli.main(["check", path])
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except Hang:
        rec["hang"] = True
    except BaseException:            # what ./bulkhead would die with, as a traceback
        rec["traceback"] = traceback.format_exc(limit=-4)
    rec.update(stdout=out.getvalue(), stderr=err.getvalue(), seconds=time.monotonic() - t)
    print(json.dumps(rec), flush=True)
"""


def check_all(paths: list[Path]) -> dict[str, dict]:
    """Run `check` on every file in one child process; one record per file."""
    proc = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "scripts"), str(LIMIT_S), *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60 + LIMIT_S * len(paths))
    recs = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
    assert len(recs) == len(paths), proc.stderr[-3000:]
    return {r["path"]: r for r in recs}


# ---- mutants ----

PIECES = [b"[", b"]", b"{", b"}", b"=", b'"', b"'", b".", b",", b"\n", b"#", b" ", b"[[", b"]]", b"\\",
          b"0", b"-1", b"1e9", b"0x10", b"true", b"\x00", b"\xff", b"\xc3", b"\xe2\x82", b"\t", b"\r\n",
          b'"""', b"kernel", b"name", b"app", b"backend", b"mpk", b"vm", b"none", b"\\n", b"\\u0000",
          b"..", b"/", b"$", b"a" * 300]
LINES = [b'name = "x"', b"[heap]", b"heap_kib = -4", b"[[compartment]]", b'backend = "mpk"', b"[threads]",
         b"max = 1000", b'app = "demo"', b'components = ["kernel"]', b"options = {}", b"[policies]",
         b'audit = "on"', b'name = "vault\\n"', b'app = "../demo"', b"compartment = 1", b"heap = []",
         b'dss = "running"', b'"name" = "q"', b"options.stack = 1", b"x.y.z = 1", b'[[ compartment ]]']


STRINGS = [b'"vault\\n"', b'"' + b"x" * 300 + b'"', b'"../demo"', b'""', b'"."', b'"a b"', b'"\xc3\xa9"',
           b"'core\n'", b'"demo/"', b'"-x"', b'"\\u0000"', b'"""multi\nline"""']


def mutate(rng: random.Random, text: bytes) -> bytes:
    lines = text.split(b"\n")
    op = rng.randrange(8)
    if op == 7:                                   # a string value replaced by a nasty one
        strings = [m.span() for m in re.finditer(rb'"[^"\n]*"', text)]
        if strings:
            a, b = rng.choice(strings)
            return text[:a] + rng.choice(STRINGS) + text[b:]
        return text
    if op == 0:                                   # insert a fragment at a random offset
        at = rng.randrange(len(text) + 1)
        return text[:at] + rng.choice(PIECES) + text[at:]
    if op == 1:                                   # replace a byte
        at = rng.randrange(len(text))
        return text[:at] + rng.choice(PIECES) + text[at + 1:]
    if op == 2:                                   # delete a line
        del lines[rng.randrange(len(lines))]
    elif op == 3:                                 # duplicate a line
        i = rng.randrange(len(lines))
        lines.insert(rng.randrange(len(lines) + 1), lines[i])
    elif op == 4:                                 # add a line that means something in a configuration
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(LINES))
    elif op == 5:                                 # truncate
        return text[:rng.randrange(len(text))]
    else:                                         # replace a value with another line's value
        vals = [i for i, l in enumerate(lines) if b"=" in l]
        if len(vals) >= 2:
            a, b = rng.sample(vals, 2)
            lines[a] = lines[a].split(b"=", 1)[0] + b"=" + lines[b].split(b"=", 1)[1]
    return b"\n".join(lines)


def _wrong_if_accepted(path: Path) -> str | None:
    """What an accepted configuration may not be (an oracle independent of config.py)."""
    try:
        raw = tomllib.loads(path.read_bytes().decode())
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as e:
        return f"accepted although not valid TOML ({type(e).__name__})"
    names = [raw["name"]] if "name" in raw else []
    names += [c.get("name") for c in raw.get("compartment", []) if isinstance(c, dict)]
    for n in names:
        if not (isinstance(n, str) and NAME.fullmatch(n)):
            return f"accepted the name {n!r}"
    if raw.get("app") not in APPS:
        return f"accepted the app {raw.get('app')!r}"
    for c in raw.get("compartment", []):
        if not isinstance(c.get("backend"), str):
            return f"accepted the backend {c.get('backend')!r}"
    return None


def _tally(recs: dict[str, dict], expect: dict[str, tuple[str, int | None]]) -> dict[str, list[str]]:
    """Failures by kind: traceback, hang, accepted-but-wrong, refused without naming the file or
    at the wrong line."""
    bad: dict[str, list[str]] = {"traceback": [], "hang": [], "accepted-but-wrong": [], "wrong-error": []}
    for path, r in recs.items():
        name = Path(path).name
        if "traceback" in r:
            bad["traceback"].append(f"{name}: {r['traceback'].strip().splitlines()[-1]}")
            continue
        if r.get("hang") or r["seconds"] > LIMIT_S:
            bad["hang"].append(f"{name}: {r['seconds']:.1f} s")
            continue
        want = expect.get(path)
        if r["rc"] == 0:
            why = "accepted a case that must be refused" if want else _wrong_if_accepted(Path(path))
            if why:
                bad["accepted-but-wrong"].append(f"{name}: {why}")
            continue
        first = r["stderr"].splitlines()[0] if r["stderr"] else ""
        where = f"bulkhead: {path}:"
        if not first.startswith(where) or "Traceback" in r["stderr"]:
            bad["wrong-error"].append(f"{name}: {first[:200]!r}")
        elif want:
            msg, line = want
            if not re.search(msg, first) or (line and not first.startswith(f"{where}{line}: error:")):
                bad["wrong-error"].append(f"{name}: wanted line {line} /{msg}/, got {first[:200]!r}")
    return bad


def _report(title: str, n: int, bad: dict[str, list[str]]) -> str:
    counts = ", ".join(f"{len(v)} {k}" for k, v in bad.items())
    detail = "\n".join(f"  {k}: {x}" for k, v in bad.items() for x in v[:12])
    return f"{title}: {n} configurations: {counts}\n{detail}"


def test_fuzzed_configurations_never_crash_hang_or_pass_wrongly(tmp_path: Path) -> None:
    rng = random.Random(18)
    paths = []
    for i in range(300):
        base = (ROOT / rng.choice(BASES)).read_bytes()
        text = base
        for _ in range(rng.randint(1, 3)):
            text = mutate(rng, text) or b" "
        p = tmp_path / f"m{i:03d}.toml"
        p.write_bytes(text)
        paths.append(p)
    recs = check_all(paths)
    bad = _tally(recs, {})
    print(_report("fuzzed", len(paths), bad))
    assert not any(bad.values()), _report("fuzzed", len(paths), bad)
    refused = sum(1 for r in recs.values() if r.get("rc"))
    assert 0 < refused < len(paths), "the mutants must exercise both paths"


MPK3 = (ROOT / "configs" / "demo" / "mpk3.toml").read_text()


def _sub(old: str, new: str, nth: int = 1) -> str:
    """mpk3.toml with the nth occurrence of `old` replaced."""
    parts = MPK3.split(old)
    assert len(parts) > nth, old
    return old.join(parts[:nth]) + new + old.join(parts[nth:])


def _line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, l in enumerate(text.splitlines()) if needle in l)


def targeted() -> list[tuple[str, bytes, str, int | None]]:
    """(case, file contents, expected error, expected line or None)."""
    cases: list[tuple[str, bytes, str, int | None]] = []

    def add(case: str, text: str | bytes, msg: str, needle: str | None) -> None:
        data = text.encode() if isinstance(text, str) else text
        line = _line_of(data.decode(errors="replace"), needle) if needle else None
        cases.append((case, data, msg, line))

    add("utf8-comment", MPK3.encode().replace(b"MPK compartments", b"MPK \xff compartments"), "UTF-8", "MPK \ufffd")
    add("utf8-value", _sub('"untrusted"', '"untr\udcffusted"').encode(errors="surrogateescape"), "UTF-8", "untr\ufffd")
    add("nested-arrays", MPK3 + "x = " + "[" * 500 + "]" * 500 + "\n", "nested", None)
    add("nested-tables", MPK3 + "x = " + "{a = " * 500 + "1" + "}" * 500 + "\n", "nested", None)
    add("nested-parseable", MPK3 + "x = " + "[" * 40 + "]" * 40 + "\n", "nested", None)
    add("dotted-100k", MPK3 + ".".join(["a"] * 100_000) + " = 1\n", "dotted key", "a.a.a")
    add("dotted-17", MPK3 + ".".join(["a"] * 17) + " = 1\n", "dotted key", "a.a.a")
    add("image-name-256", _sub('"demo-mpk3"', '"' + "n" * 256 + '"'), "invalid name", "nnnn")
    add("image-name-65", _sub('"demo-mpk3"', '"' + "n" * 65 + '"'), "invalid name", "nnnn")
    add("compartment-name-100k", _sub('"vault"', '"' + "v" * 100_000 + '"'), "needs a name", "vvvv")
    add("compartment-name-newline", _sub('"vault"', '"vault\\n"'), "needs a name", 'vault\\n')
    add("image-name-newline", _sub('"demo-mpk3"', '"demo\\n"'), "invalid name", 'demo\\n')
    for case, app in (("app-traversal", "../../../../tmp/x"), ("app-dot", "."), ("app-empty", ""),
                      ("app-slash", "demo/"), ("app-dotdot", "demo/../demo"), ("app-absolute", "/tmp"),
                      ("app-newline", "demo\\n"), ("app-long", "d" * 300)):
        add(case, _sub('app = "demo"', f'app = "{app}"'), "invalid app", "app =")
    add("backend-hex", _sub('backend = "mpk"', "backend = 0x10", 2), "backend of compartment 'vault' must be a string",
        "0x10")
    add("backend-list", _sub('backend = "mpk"', 'backend = ["mpk"]', 3), "must be a string", '["mpk"]')
    spaced = MPK3.replace("[[compartment]]", "[[ compartment ]]")
    add("spaced-header", spaced.replace('components = ["thief"]', 'components = ["thief"]\nbackend2 = 1'),
        "unknown key 'backend2' in compartment 2", "backend2")
    add("spaced-header-backend", spaced.replace('backend = "mpk"\ncomponents = ["thief"]',
                                                 'backend = "sgx"\ncomponents = ["thief"]'), "unknown backend 'sgx'", "sgx")
    add("quoted-key", _sub('backend = "mpk"', '"backend" = "sgx"', 2), "unknown backend 'sgx'", "sgx")
    add("literal-key", _sub('name = "untrusted"', "'name' = 'bad name'"), "needs a name", "bad name")
    add("dotted-option", _sub('backend = "mpk"', 'backend = "mpk"\noptions.stack = "tiny"', 2),
        "option stack = 'tiny'", "tiny")
    add("dotted-heap", MPK3.replace('app = "demo"', 'app = "demo"\nheap.libc = "everywhere"'),
        "heap libc = 'everywhere'", "everywhere")
    add("dotted-policy", MPK3.replace('app = "demo"', 'app = "demo"\npolicies . audit = "maybe"'),
        "policy audit = 'maybe'", "maybe")
    return cases


def test_targeted_bad_configurations_are_refused_at_their_line(tmp_path: Path) -> None:
    paths, expect = [], {}
    for case, data, msg, line in targeted():
        p = tmp_path / f"{case}.toml"
        p.write_bytes(data)
        paths.append(p)
        expect[str(p)] = (msg, line)
    bad = _tally(check_all(paths), expect)
    print(_report("targeted", len(paths), bad))
    assert not any(bad.values()), _report("targeted", len(paths), bad)


def test_equivalent_spellings_are_accepted(tmp_path: Path) -> None:
    """Valid TOML spellings of mpk3.toml (spaced headers, quoted and dotted keys) are not refused."""
    texts = {
        "spaced": MPK3.replace("[[compartment]]", "[[ compartment ]]"),
        "quoted": MPK3.replace('name = "vault"', '"name" = "vault"').replace('app = "demo"', "'app' = 'demo'"),
        "dotted": MPK3.replace('app = "demo"', 'app = "demo"\nheap.shared_kib = 64\npolicies.audit = "off"'),
        "crlf": MPK3.replace("\n", "\r\n"),
    }
    paths = []
    for k, t in texts.items():
        p = tmp_path / f"{k}.toml"
        p.write_text(t)
        paths.append(p)
    for p, r in check_all(paths).items():
        assert r.get("rc") == 0, (p, r)
        assert "compartment 2 'untrusted' key 3: thief" in r["stdout"]


def test_a_config_with_any_suffix_runs_as_a_configuration(tmp_path: Path) -> None:
    """`run` tells a configuration from an image by content: cfg.conf is a configuration (here a bad
    one, so the error is the configuration's), not a kernel handed to QEMU."""
    p = tmp_path / "cfg.conf"
    p.write_text(_sub('app = "demo"', 'app = "nope"'))
    res = bulkhead("run", str(p), "--timeout", "10", timeout=120)
    assert res.returncode == 1, res.stdout + res.stderr
    assert f"{p}:{_line_of(p.read_text(), 'app =')}: error: unknown app 'nope'" in res.stderr
    assert "QEMU" not in res.stderr and "did not boot" not in res.stderr
