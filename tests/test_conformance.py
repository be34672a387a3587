"""Backend conformance: one backend, any backend on the search path (gates/, tests/backends/), through the
suites that apply to it.  `./bulkhead test --backend NAME` runs this file for NAME; without it, for the
conformance backend `trace` (tests/backends/trace), so the suite itself keeps a backend that nothing
outside its folder names building and booting.

For every combination of the backend's options (backend.toml `[options]`), each app below is split over
several compartments of the backend, booted under QEMU, and compared with its unisolated build
(configs/<app>/none.toml): the program's output and status must be the same (the pass and the gates move
code, they never change what it does), except the demo's theft under a backend that claims isolation
(`isolation = true`), which must be caught by the kernel's isolation-fault report and print nothing of
the secret.  The backend's own console lines (`[conformance] ignore`) are left out of the comparison, and
its `[conformance] expect` patterns must all be on every run's console.  The slow tier adds bhgen's
generated programs (tests/differential), split at random over the backend's compartments, with the
isolation probe on: what a compartment may read is what the configuration and `isolation` say."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead

sys.path.insert(0, str(ROOT / "tests" / "differential"))
from bulkhead import backends, paths  # noqa: E402
import difftest  # noqa: E402

BACKEND = os.environ.get("BULKHEAD_CONFORMANCE_BACKEND", "trace")

# app -> ([threads] max or None, [(compartment, components)]): each app's own components spread over
# three compartments (two for abi, which has two), the kernel with the app's main.
LAYOUTS: dict[str, tuple[int | None, list[tuple[str, list[str]]]]] = {
    "demo": (None, [("core", ["kernel", "app"]), ("vault", ["vault", "counter"]), ("untrusted", ["thief"])]),
    "abi": (None, [("app", ["kernel", "app"]), ("lib", ["lib"])]),
    "callbacks": (None, [("app", ["kernel", "app"]), ("sorter", ["sorter"]), ("rank", ["rank"])]),
    "threads": (4, [("app", ["kernel", "app"]), ("worker", ["worker"]), ("sched", ["sched"])]),
}
SECRET = "BULKHEAD-SECRET"        # apps/demo/vault: what the thief prints when nothing stops it
BHGEN_SEEDS = (1, 2)              # the slow tier's generated programs
RUN_TIMEOUT = "180"


def _backend() -> backends.Backend:
    return backends.load(BACKEND)


def _modes() -> list[dict[str, str]]:
    """Every combination of the backend's option values (policy modes left to the differential tests)."""
    return [opts for name, opts in difftest.backend_modes([BACKEND])
            if name == BACKEND and not set(opts) & difftest.POLICY_NAMES]


def _mode_id(options: dict[str, str]) -> str:
    return "-".join(options[o] for o in sorted(options)) or "default"


def _write_config(app: str, options: dict[str, str]) -> Path:
    threads, layout = LAYOUTS[app]
    name = f"{app}-conf-{BACKEND}-{_mode_id(options)}"
    lines = [f'name = "{name}"', f'app = "{app}"', ""]
    if threads:
        lines += ["[threads]", f"max = {threads}", ""]
    opts = ", ".join(f'{k} = "{v}"' for k, v in sorted(options.items()))
    for comp, components in layout:
        lines += ["[[compartment]]", f'name = "{comp}"', f'backend = "{BACKEND}"']
        if opts:
            lines.append(f"options = {{ {opts} }}")
        lines += ["components = [" + ", ".join(f'"{c}"' for c in components) + "]", ""]
    path = paths.BUILD / "conformance" / BACKEND / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines))
    return path


def _program_lines(console: str, ignore: list[str]) -> list[str]:
    """The program's own lines: not the kernel's (`bulkhead:`), not the backend's (`ignore`), with the
    per-machine "[compartment] " prefix some backends put on merged consoles removed."""
    out = []
    for line in console.splitlines():
        if line.startswith("[") and "] " in line:
            line = line.split("] ", 1)[1]
        if line.startswith("bulkhead") or any(re.search(p, line) for p in ignore):
            continue
        out.append(line)
    return out


def _run(config: Path) -> subprocess.CompletedProcess:
    return bulkhead("run", str(config), "--timeout", RUN_TIMEOUT, timeout=900)


_REFERENCE: dict[str, subprocess.CompletedProcess] = {}


def _reference(app: str) -> subprocess.CompletedProcess:
    if app not in _REFERENCE:
        _REFERENCE[app] = _run(ROOT / "configs" / app / "none.toml")
    return _REFERENCE[app]


@pytest.mark.fast
def test_backend_description_is_valid() -> None:
    """The backend loads from the search path, names its gate and runtime files that exist, and its
    options have values (what `./bulkhead check` would refuse later, said first)."""
    be = _backend()
    assert be.folder.is_dir() and (be.folder / "backend.toml").is_file()
    assert be.max_compartments >= max(len(layout) for _, layout in LAYOUTS.values()), \
        f"{BACKEND}: max_compartments {be.max_compartments} is below what the conformance apps need"
    assert list(be.folder.glob("*.c")) or list(be.folder.glob("*.S")), f"{be.folder}: no runtime (C or assembly)"
    assert all(vals for vals in be.options.values()), be.options


@pytest.mark.qemu
@pytest.mark.parametrize("app", sorted(LAYOUTS))
@pytest.mark.parametrize("mode", [_mode_id(m) for m in _modes()])
def test_app_conforms(app: str, mode: str) -> None:
    be = _backend()
    options = next(m for m in _modes() if _mode_id(m) == mode)
    ref = _reference(app)
    assert ref.returncode == 0, f"the unisolated {app} failed:\n{ref.stdout}{ref.stderr}"
    res = _run(_write_config(app, options))
    ctx = f"\n--- {BACKEND} ({mode}) {app}: status {res.returncode}\n{res.stdout}{res.stderr}"
    assert f"backend {BACKEND}" in res.stdout, f"the image was not built with backend {BACKEND}{ctx}"
    for pattern in be.conformance.get("expect", []):
        assert re.search(pattern, res.stdout), f"[conformance] expect {pattern!r} is not on the console{ctx}"
    ignore = be.conformance.get("ignore", [])
    want = _program_lines(ref.stdout, ignore)
    got = _program_lines(res.stdout, ignore)
    if app == "demo" and be.isolation:
        # the thief's read must be stopped: the same program up to the hand-over, then the fault
        # the kernel's report says it (a backend of several machines may end with another machine's status)
        assert res.returncode != 0 and f"stopping with exit status {abi.EXIT_ISOLATION_FAULT} " in res.stdout, \
            f"isolation claimed, theft not caught{ctx}"
        assert SECRET not in res.stdout, f"isolation claimed, the secret is on the console{ctx}"
        cut = next(i for i, l in enumerate(want) if "handing it to the thief" in l) + 1
        assert got[:cut] == want[:cut], ctx
        return
    assert res.returncode == ref.returncode, f"status {res.returncode}, unisolated {ref.returncode}{ctx}"
    assert got == want, f"output differs from the unisolated build's{ctx}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", BHGEN_SEEDS)
def test_generated_programs_conform(seed: int, tmp_path: Path) -> None:
    """bhgen's programs (byval, va_list, setjmp, callbacks, recursion across compartments) in random
    splits over the backend's compartments, every option combination, against the native build."""
    rep = difftest.run_program(seed, len(_modes()) + 1, workdir=tmp_path / f"bhgen-{seed}", save=False,
                               generator="bhgen", modes=[(BACKEND, m) for m in _modes()])
    assert not rep.skipped, rep.skipped
    results = rep.to_json()["results"]
    bad = [f"{x['variant']}: {x['outcome']}: {x['detail'][:400]}" for x in results if x["outcome"] in difftest.FAILING]
    ran = [x for x in results if x["variant"] != "unisolated" and x["outcome"] != "refused"]
    assert not bad, "\n".join(bad)
    assert ran, f"no configuration of backend {BACKEND} was built and run: {results}"
