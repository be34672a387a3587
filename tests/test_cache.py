"""The build cache and the image folders under stress: a header reached by a relative path, libraries
shared between apps, corrupt cache files, concurrent builds, kill -9, a full disk, failed compiles.

Most tests work in a scratch copy of the repository (build/test-scratch/cache: scripts, kernel, gates,
linker, libs, apps/sibling) built into the real build folder, so they may edit sources; their images
are named sibling-scratch-*.  A lock (scripts/bulkhead/lock.py) keeps two test runs out of the copy.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead, toolchain

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import lock  # noqa: E402

BUILD = Path(os.environ.get("BULKHEAD_BUILD", ROOT / "build"))
SCRATCH = BUILD / "test-scratch" / "cache"
VARIANTS = ["none", "mpk2", "mpk2-private", "mpk2-private-heap", "vm2-exit"]
K_LINE = re.compile(r"^#define SIBLING_K \d+$", re.M)


@pytest.fixture(scope="module")
def scratch():
    """A scratch copy of what ./bulkhead needs to build apps/sibling; configs named sibling-scratch-*."""
    with lock.exclusive(SCRATCH, "the cache tests' scratch copy"):
        shutil.rmtree(SCRATCH, ignore_errors=True)
        SCRATCH.mkdir(parents=True)
        shutil.copy2(ROOT / "bulkhead", SCRATCH / "bulkhead")
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for d in ("scripts", "kernel", "gates", "linker", "libs", "apps/sibling", "configs/sibling"):
            shutil.copytree(ROOT / d, SCRATCH / d, ignore=ignore)
        for cfg in (SCRATCH / "configs" / "sibling").glob("*.toml"):
            cfg.write_text(cfg.read_text().replace('name = "sibling-', 'name = "sibling-scratch-'))
        yield SCRATCH
        shutil.rmtree(SCRATCH, ignore_errors=True)


def scratch_cmd(*args: str) -> list[str]:
    return ["/usr/bin/python3", str(SCRATCH / "bulkhead"), *args]


def scratch_run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(scratch_cmd(*args), capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, BULKHEAD_BUILD=str(BUILD)))


def cfg(variant: str) -> str:
    return str(SCRATCH / "configs" / "sibling" / f"{variant}.toml")


def image_dir(variant: str) -> Path:
    return BUILD / "images" / f"sibling-scratch-{variant}"


def set_k(k: int) -> None:
    h = SCRATCH / "apps" / "sibling" / "lib" / "lib.h"
    text, n = K_LINE.subn(f"#define SIBLING_K {k}", h.read_text())
    assert n == 1
    h.write_text(text)


def compiled(stderr: str) -> list[str]:
    m = re.search(r"components: \d+ compiled \(([^)]*)\)", stderr)
    assert m, stderr
    return [] if m.group(1) == "none" else m.group(1).split(", ")


def _alive(path: Path) -> bool:
    """Whether the process that owns a work file `<thing>.<pid>.<random>.tmp` (scripts/bulkhead/cache.py)
    still runs: another test's build at work at the same time (the fast tier runs files in parallel),
    not litter.  The builds these tests start have all ended when they look."""
    m = re.search(r"\.(\d+)\.[A-Za-z0-9_]+\.tmp$", path.name)
    if not m:
        return False
    try:
        os.kill(int(m.group(1)), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def litter() -> list[Path]:
    """Work files and folders left in the build folder (anything named *.tmp) by a process that ended."""
    found = []
    for d in ("components", "objects", "images"):
        # os.walk, not rglob: another build's work folder may vanish while the walk is in it
        for top, dirs, files in os.walk(BUILD / d):
            found += [Path(top) / n for n in dirs + files if n.endswith(".tmp")]
    return [p for p in found if not _alive(p)]


# ---------------------------------------------------------------------------------------------------
# Issue 11, item 3: a header reached as ../lib/lib.h

@pytest.mark.qemu
@pytest.mark.parametrize("variant", VARIANTS)
def test_sibling_header_change_rebuilds_both(scratch: Path, variant: str) -> None:
    """Changing a #define in lib/lib.h, which main includes as "../lib/lib.h", recompiles both
    components; the image prints the new value in both and their struct sizes agree."""
    k = 2 + VARIANTS.index(variant)        # a value no other variant leaves in the cache
    set_k(1)
    first = scratch_run("build", cfg(variant))
    assert first.returncode == 0, first.stderr
    set_k(k)
    second = scratch_run("build", cfg(variant))
    assert second.returncode == 0, second.stderr
    assert {"main", "lib"} <= set(compiled(second.stderr)), second.stderr
    run = scratch_run("run", cfg(variant), "--timeout", "120")
    assert run.returncode == 0, run.stdout + run.stderr
    size = 4 * (k + 1)
    assert f"sibling: main K={k} size={size}" in run.stdout, run.stdout
    assert f"sibling: lib K={k} size={size}" in run.stdout, run.stdout
    assert f"sibling: box k={k} sum={k * k} size main={size} lib={size}" in run.stdout, run.stdout
    assert "sibling: agree" in run.stdout


@pytest.mark.fast
def test_only_what_a_compile_read_keys_its_entry(scratch: Path) -> None:
    """A header nobody includes, added to the app's include folder, and a change to main's source,
    recompile main only: the kernel, the backend and lib stay cached (keys are not folders)."""
    set_k(1)
    assert scratch_run("build", cfg("none")).returncode == 0
    inc = SCRATCH / "apps" / "sibling" / "include"
    inc.mkdir(exist_ok=True)
    (inc / "unused.h").write_text("#define UNUSED 1\n")
    res = scratch_run("build", cfg("none"))
    assert res.returncode == 0, res.stderr
    assert compiled(res.stderr) == [], res.stderr
    main = SCRATCH / "apps" / "sibling" / "main" / "main.c"
    main.write_text(main.read_text() + "\n/* touched by tests/test_cache.py */\n")
    res = scratch_run("build", cfg("none"))
    assert res.returncode == 0, res.stderr
    assert compiled(res.stderr) == ["main"], res.stderr


@pytest.mark.fast
def test_a_library_is_shared_between_apps() -> None:
    """libs/sched compiled with equal flags from equal files for apps threads and attacks: one entry."""
    used = []
    for config in ("threads/mpk3-private", "attacks/dss-private"):
        res = bulkhead("build", str(ROOT / "configs" / f"{config}.toml"))
        assert res.returncode == 0, res.stderr
        cmd = (Path(res.stdout.strip()).parent / "link.cmd").read_text().split()
        used.append([a for a in cmd if a.endswith(".bc") and Path(a).parent.name == "sched"])
    assert used[0] and used[0] == used[1], used


# ---------------------------------------------------------------------------------------------------
# Issue 18, finding 5: a corrupt cache file

def _corrupt(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "truncate":
        del data[len(data) // 2:]
    else:                                      # overwrite: same size, garbage in the middle
        mid = len(data) // 2
        data[mid:mid + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def _link_inputs(variant: str) -> list[Path]:
    return [Path(a) for a in (image_dir(variant) / "link.cmd").read_text().split()
            if a.endswith((".bc", ".o")) and "/images/" not in a]


@pytest.mark.qemu
def test_corrupt_cache_files_are_rebuilt(scratch: Path) -> None:
    set_k(1)
    assert scratch_run("build", cfg("none")).returncode == 0
    inputs = _link_inputs("none")
    by_comp = {p.parent.name: p for p in inputs}
    _corrupt(by_comp["lib"], "truncate")                   # LLD: "can't skip to bit ..."
    _corrupt(by_comp["main"], "overwrite")                 # LLD may even link it
    obj = next(p for p in inputs if p.suffix == ".o")
    _corrupt(obj, "truncate")
    res = scratch_run("build", cfg("none"))
    assert res.returncode == 0, res.stderr
    assert {"main", "lib"} <= set(compiled(res.stderr)), res.stderr
    assert res.stderr.count("does not match its recorded hash") == 3, res.stderr
    run = scratch_run("run", cfg("none"), "--timeout", "120")
    assert run.returncode == 0 and "sibling: agree" in run.stdout, run.stdout + run.stderr


@pytest.mark.fast
def test_a_failed_link_keeps_the_last_good_image(scratch: Path) -> None:
    set_k(1)
    assert scratch_run("build", cfg("none")).returncode == 0
    d = image_dir("none")
    before = {f.name: f.read_bytes() for f in d.iterdir()}
    res = scratch_run("build", "--without-pass", cfg("none"))     # the linker script's check stops it
    assert res.returncode != 0 and "linking image" in res.stderr, res.stderr
    assert {f.name: f.read_bytes() for f in d.iterdir()} == before
    assert litter() == []
    # with no good image to keep, the folder shows the failed attempt (link.cmd, manifest), no image
    fresh = SCRATCH / "configs" / "sibling" / "fresh.toml"
    fresh.write_text(Path(cfg("none")).read_text().replace("sibling-scratch-none", "sibling-scratch-fresh"))
    shutil.rmtree(image_dir("fresh"), ignore_errors=True)
    res = scratch_run("build", "--without-pass", str(fresh))
    assert res.returncode != 0 and "linking image" in res.stderr, res.stderr
    assert (image_dir("fresh") / "link.cmd").is_file() and not (image_dir("fresh") / "image.elf").exists()
    assert str(image_dir("fresh") / "config.bc") in (image_dir("fresh") / "link.cmd").read_text()
    res = scratch_run("build", str(fresh))
    assert res.returncode == 0 and "image linked" in res.stderr, res.stderr
    shutil.rmtree(image_dir("fresh"), ignore_errors=True)
    assert litter() == []


# ---------------------------------------------------------------------------------------------------
# Issue 18, finding 4: two configurations with the same name; two processes, one component

# app, its components, a symbol only its image has
SAME_NAME = {"demo": ("demo", '["kernel", "app", "counter", "vault", "thief"]', "vault_secret"),
             "stackshare": ("stackshare", '["kernel", "app", "lib"]', "relay_move")}


@pytest.mark.slow
def test_same_named_configurations_built_at_once(tmp_path: Path) -> None:
    """Two configurations named alike, built at the same time, three times: both builds succeed, and
    the folder always holds one whole build (its image, config.json and manifest agree)."""
    files = {}
    for app, (name, comps, _) in SAME_NAME.items():
        files[app] = tmp_path / f"{app}.toml"
        files[app].write_text(f'name = "cache-same-name"\napp = "{name}"\n[[compartment]]\nname = "all"\n'
                              f'backend = "none"\ncomponents = {comps}\n')
    folder = BUILD / "images" / "cache-same-name"
    for _ in range(3):
        procs = [subprocess.Popen(["/usr/bin/python3", str(ROOT / "bulkhead"), "build", str(f)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files.values()]
        for p in procs:
            out, err = p.communicate(timeout=600)
            assert p.returncode == 0, err
        config = json.loads((folder / "config.json").read_text())
        comps = {c for k in config["compartments"] for c in k["components"]}
        app = "demo" if "thief" in comps else "stackshare"
        nm = subprocess.run([toolchain.LLVM_NM, str(folder / "image.elf")], capture_output=True, text=True).stdout
        for other, (_, _, sym) in SAME_NAME.items():
            assert (sym in nm) == (other == app), f"image.elf and config.json ({app}) disagree"
        manifest = json.loads((folder / "manifest.json").read_text())
        assert {c for k in manifest["compartments"] for c in k["components"]} == comps
        assert str(folder) in (folder / "link.cmd").read_text()
    assert litter() == []


@pytest.mark.slow
def test_concurrent_builds_compile_each_component_once(scratch: Path) -> None:
    """Two processes building the same configuration after a change: one compiles, the other waits
    on the entry's lock and reuses what the first made."""
    set_k(41)
    env = dict(os.environ, BULKHEAD_BUILD=str(BUILD))
    procs = [subprocess.Popen(scratch_cmd("build", cfg("none")), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(2)]
    done = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), done
    got = [compiled(err) for _, err in done]
    assert sorted(got[0] + got[1]) == ["lib", "main"], got
    run = scratch_run("run", cfg("none"), "--timeout", "120")
    assert "sibling: main K=41" in run.stdout and "sibling: lib K=41" in run.stdout, run.stdout


# ---------------------------------------------------------------------------------------------------
# Issue 18, finding 9: litter after failures, kills and full disks

@pytest.mark.fast
def test_a_failed_compile_leaves_no_litter(scratch: Path) -> None:
    lib = SCRATCH / "apps" / "sibling" / "lib" / "lib.c"
    good = lib.read_text()
    try:
        lib.write_text(good + "\nint broken(void) { return }\n")
        for _ in range(2):
            res = scratch_run("build", cfg("none"))
            assert res.returncode != 0 and "lib.c" in res.stderr and "Traceback" not in res.stderr, res.stderr
        assert litter() == []
    finally:
        lib.write_text(good)


def _kill_when(pattern: str, k: int) -> tuple[list[Path], int]:
    """Start a build after SIBLING_K changed to k, kill -9 its whole process group as soon as a path
    matching `pattern` appears below the build folder; return what it left and its status."""
    set_k(k)
    proc = subprocess.Popen(scratch_cmd("build", cfg("mpk2")), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=dict(os.environ, BULKHEAD_BUILD=str(BUILD)), start_new_session=True)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if list(BUILD.glob(pattern)):
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
    finally:
        status = proc.wait(timeout=60)
    return litter(), status


@pytest.mark.slow
@pytest.mark.parametrize("where,pattern", [("compile", "components/*/*.tmp"),
                                           ("link", "images/sibling-scratch-mpk2.*.tmp")], ids=["compile", "link"])
def test_kill_during_a_build_then_rebuild(scratch: Path, where: str, pattern: str) -> None:
    left, status = _kill_when(pattern, 50 + len(where))
    assert status == -signal.SIGKILL, f"the build ended ({status}) before it reached the {where}"
    res = scratch_run("build", cfg("mpk2"))
    assert res.returncode == 0, res.stderr
    assert litter() == [], f"left by the kill: {left}"
    run = scratch_run("run", cfg("mpk2"), "--timeout", "120")
    assert f"sibling: lib K={50 + len(where)}" in run.stdout, run.stdout + run.stderr


def _in_full_disk(folders: list[str], kib: int, *args: str) -> subprocess.CompletedProcess:
    """Run a scratch ./bulkhead with a `kib` KiB tmpfs over each of the build subfolders `folders`, in a
    mount namespace of its own (the mounts vanish with it); then list the *.tmp left on those mounts."""
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare (util-linux)")
    mounts = " && ".join(f"mkdir -p {BUILD / f} && mount -t tmpfs -o size={kib}k tmpfs {BUILD / f}" for f in folders)
    finds = " ".join(str(BUILD / f) for f in folders)
    script = (f"{mounts} || exit 200\n"
              f"{' '.join(scratch_cmd(*args))}\nrc=$?\n"
              f"find {finds} -name '*.tmp' | sed 's/^/LITTER /'\nexit $rc\n")
    res = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
                         capture_output=True, text=True, timeout=600, env=dict(os.environ, BULKHEAD_BUILD=str(BUILD)))
    if res.returncode == 200 or "unshare failed" in res.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip()}")
    return res


@pytest.mark.slow
@pytest.mark.parametrize("folders", [["components", "objects"], ["images"]], ids=["compile", "link"])
def test_full_disk_is_reported_and_cleaned(scratch: Path, folders: list[str]) -> None:
    set_k(1)
    assert scratch_run("build", cfg("none")).returncode == 0     # components cached: the link case links
    res = _in_full_disk(folders, 64, "build", cfg("none"))
    assert res.returncode == 1, res.stdout + res.stderr
    assert f"error: no space left on {BUILD / folders[0]}" in res.stderr, res.stderr
    assert "PLEASE submit" not in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert "LITTER" not in res.stdout, res.stdout
