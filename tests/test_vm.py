"""Backend vm: one QEMU per compartment (gates/vm/README.md).

Same programs, new backend by configuration alone: the demo in vm2/vm3 x exit/poll prints what backend
none prints up to the theft, and the theft faults inside the thief's machine; apps/vmcalls (nested
calls, callbacks both ways, stack data across machines) prints exactly what none prints.  Then the
orchestration's promise: nothing left behind (process, temporary folder, socket, /dev/shm file) on
success, guest failure, timeout and interrupt.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, abi, bulkhead

sys.path.insert(0, str(ROOT / "scripts"))

pytestmark = pytest.mark.qemu


DEMO = ROOT / "configs" / "demo"
SECRET = "BULKHEAD-SECRET-7f3a"
PREFIX = re.compile(r"^\[([A-Za-z0-9_-]+)\] *")   # what a machine-name prefix would look like


def program_lines(console: str) -> list[str]:
    """The program's own lines (kernel lines start with 'bulkhead:')."""
    out = []
    for line in console.splitlines():
        if line and not line.startswith("bulkhead:"):
            out.append(line)
    return out


def run_env(tmp: Path, paused: bool = False) -> dict[str, str]:
    """./bulkhead's temporary folders go to tmp, so a test can see exactly what a run left.  paused:
    the machines start stopped (QEMU -S), a run that can only end by timeout or signal."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    if paused:
        env["BULKHEAD_VM_QEMU_ARGS"] = '["-S"]'
    return env


def leftovers(tmp: Path) -> list[str]:
    """Anything of a run that should be gone: its temporary folder, QEMUs that name it."""
    left = [str(p) for p in tmp.glob("bulkhead-vm-*")]
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(tmp) in cmd and "qemu-system" in cmd:
            left.append(f"process {pid}: {cmd[:120]}")
    return left


def shm_files() -> set[str]:
    return set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()


def write_vmcalls(tmp: Path, name: str, wakes: list[str] | None) -> Path:
    """apps/vmcalls in three machines with the given wake modes (None: backend none, one compartment)."""
    if wakes is None:
        text = ('name = "vmcalls-none"\napp = "vmcalls"\n[[compartment]]\nname = "all"\nbackend = "none"\n'
                'components = ["kernel", "ma", "mb", "mc"]\n')
    else:
        text = f'name = "vmcalls-{name}"\napp = "vmcalls"\n'
        for cname, comps, wake in zip("abc", (["kernel", "ma"], ["mb"], ["mc"]), wakes):
            text += (f'[[compartment]]\nname = "{cname}"\nbackend = "vm"\ncomponents = {comps!r}\n'
                     f'options = {{ wake = "{wake}" }}\n').replace("'", '"')
    path = tmp / f"vmcalls-{name}.toml"
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def none_demo() -> list[str]:
    res = bulkhead("run", str(DEMO / "none.toml"))
    assert res.returncode == 0, res.stdout + res.stderr
    return program_lines(res.stdout)


@pytest.mark.parametrize("config", ["vm2-exit", "vm2-poll", "vm3-exit", "vm3-poll"])
def test_demo_same_output_theft_caught_in_thiefs_machine(config, none_demo, tmp_path):
    """The program's output is what none prints, line for line, with nothing added to its lines; which
    machine wrote what is recorded beside it (--consoles), and the image's status is the kernel
    machine's: 64 where the thief shares it (vm2), else the host's 'another machine stopped first'."""
    shm_before = shm_files()
    consoles = tmp_path / "consoles"
    res = subprocess.run([sys.executable, str(BULKHEAD), "run", str(DEMO / f"{config}.toml"), "--consoles",
                          str(consoles)], capture_output=True, text=True, cwd=ROOT, timeout=300, env=run_env(tmp_path))
    vm3 = config.startswith("vm3")
    assert res.returncode == (abi.EXIT_VM_OTHER_MACHINE_STOPPED if vm3 else abi.EXIT_ISOLATION_FAULT), res.stdout + res.stderr
    lines = program_lines(res.stdout)
    theft = none_demo.index(f'thief: stole "{SECRET}"')
    assert lines == none_demo[:theft], res.stdout
    assert SECRET not in res.stdout
    thief_vm = "untrusted" if vm3 else "main"
    files = sorted(p.name for p in consoles.iterdir())
    assert files == (["0-core.console", "1-vault.console", "2-untrusted.console"] if vm3
                     else ["0-main.console", "1-vault.console"]), files
    text = next(consoles.glob(f"*-{thief_vm}.console")).read_text()
    assert "page fault: access to another compartment's memory (not in this machine)" in text, res.stdout
    assert re.search(r"address +vault_secret\+0x0 \(object\) in component 'vault', compartment 'vault'", text)
    if vm3:
        assert re.search(r"by +thief_steal\+0x[0-9a-f]+ .* compartment 'untrusted'", text), text
        assert ("bulkhead: vm: the machine of compartment 'untrusted' stopped first (exit status 64 "
                f"({abi.EXIT_WHAT[abi.EXIT_ISOLATION_FAULT]}))" in res.stderr), res.stderr
        assert "demo: start" in (consoles / "0-core.console").read_text()
    assert f"domain   the virtual machine of compartment '{thief_vm}'" in text
    assert "(isolation fault)" in text
    # the lines are the guests' own: no machine name added, each machine's lines are in the merged output
    assert not any(PREFIX.match(l) for l in res.stdout.splitlines()), res.stdout
    merged = res.stdout.splitlines()
    for f in consoles.iterdir():
        assert all(l in merged for l in f.read_text().splitlines()), f
    assert leftovers(tmp_path) == [] and shm_files() <= shm_before


def test_machine_memory_holds_only_its_compartment(tmp_path):
    """The thief's machine gets no byte of the vault: its segments are not loaded, their bytes zeroed."""
    from bulkhead import backends
    vm = backends.runner("vm")      # gates/vm/host.py
    res = bulkhead("build", str(DEMO / "vm3-poll.toml"))
    assert res.returncode == 0, res.stderr
    elf = Path(res.stdout.strip())
    image = elf.read_bytes()
    assert SECRET.encode() in image
    lay = vm.layout(elf)
    names = lay.names
    for i, name in enumerate(names):
        out = tmp_path / f"{name}.elf"
        vm.machine_elf(image, lay, i, out)
        data = out.read_bytes()
        loads = [(va, memsz) for _at, t, _off, va, _fs, memsz in vm._phdrs(data) if t == vm.PT_LOAD]
        for c, ranges in lay.regions.items():
            mine = c in (i, lay.kernel)
            hits = [va for va, _ in loads for s, e in ranges if s != e and s <= va < e]
            assert bool(hits) == mine or not any(s != e for s, e in ranges), (name, c, hits)
        assert not [va for va, _ in loads if va >= lay.shared[0]], "the shared memory is not loaded per machine"
        assert (SECRET.encode() in data) == (name == "vault"), name


@pytest.fixture(scope="module")
def vmcalls_none(tmp_path_factory) -> list[str]:
    tmp = tmp_path_factory.mktemp("vmcalls")
    res = bulkhead("run", str(write_vmcalls(tmp, "none", None)))
    assert res.returncode == 7, res.stdout + res.stderr
    lines = program_lines(res.stdout)
    assert lines[-1] == "vmcalls: done" and "vmcalls: callback chain 10241" in lines
    return lines


@pytest.mark.parametrize("wakes", [["exit"] * 3, ["poll"] * 3, ["exit", "poll", "exit"], ["poll", "exit", "poll"]],
                         ids=["exit", "poll", "mixed-epe", "mixed-pep"])
def test_nested_calls_and_callbacks_across_three_machines(wakes, vmcalls_none, tmp_path):
    cfg = write_vmcalls(tmp_path, "-".join(w[0] for w in wakes), wakes)
    res = subprocess.run([sys.executable, str(BULKHEAD), "run", str(cfg)], capture_output=True, text=True,
                         cwd=ROOT, timeout=300, env=run_env(tmp_path))
    assert res.returncode == 7, res.stdout + res.stderr        # main()'s own status
    assert program_lines(res.stdout) == vmcalls_none, res.stdout
    assert leftovers(tmp_path) == []


def test_statistics_count_crossings(tmp_path):
    """The inboxes' counters: every crossing is one call made and one call served."""
    from bulkhead import backends, config, image
    vm = backends.runner("vm")
    cfg = write_vmcalls(tmp_path, "stats", ["poll"] * 3)
    elf = image.build(config.load(cfg)).elf
    res = vm.run(elf, timeout=120, echo=False)
    assert res.status == 7, res.output
    st = {s.compartment: s for s in res.extra["stats"]}
    made = sum(s.calls_made for s in st.values())
    served = sum(s.calls_served for s in st.values())
    assert made == served > 200
    assert st["b"].calls_served >= 200 + 12       # 200 b_leaf + ping-pong levels + ...
    assert st["c"].calls_made >= 1 and st["a"].calls_served >= 12   # callbacks into a


# ---- cleanup: nothing left behind on any way out ----

def build(cfg: Path) -> str:
    res = bulkhead("build", str(cfg))
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def _start(tmp: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(BULKHEAD), "run", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=ROOT, env=run_env(tmp, paused=True))


def test_cleanup_on_success_and_guest_failure(tmp_path):
    shm_before = shm_files()
    ok = subprocess.run([sys.executable, str(BULKHEAD), "run", str(write_vmcalls(tmp_path, "ok", ["exit"] * 3))],
                        capture_output=True, text=True, cwd=ROOT, timeout=300, env=run_env(tmp_path))
    assert ok.returncode == 7, ok.stdout + ok.stderr
    assert leftovers(tmp_path) == []
    bad = subprocess.run([sys.executable, str(BULKHEAD), "run", str(DEMO / "vm3-exit.toml")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300, env=run_env(tmp_path))
    assert bad.returncode == abi.EXIT_VM_OTHER_MACHINE_STOPPED, bad.stdout + bad.stderr   # the thief's machine stopped first
    assert leftovers(tmp_path) == [] and shm_files() <= shm_before


def test_cleanup_on_timeout(tmp_path):
    elf = build(DEMO / "vm3-exit.toml")
    shm_before = shm_files()
    t = subprocess.run([sys.executable, str(BULKHEAD), "run", elf, "--timeout", "3"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120, env=run_env(tmp_path, paused=True))
    assert t.returncode == 124, t.stdout + t.stderr
    assert "did not exit within" in t.stderr + t.stdout
    assert leftovers(tmp_path) == [] and shm_files() <= shm_before


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_cleanup_on_interrupt(sig, tmp_path):
    """A signal to ./bulkhead run while the machines run (the app waits in a gate) stops everything."""
    elf = build(DEMO / "vm3-poll.toml")
    shm_before = shm_files()
    proc = _start(tmp_path, elf, "--timeout", "120")
    # Wait until every machine runs (their QEMUs name the temporary folder), then interrupt.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len([l for l in leftovers(tmp_path) if l.startswith("process")]) < 3:
        time.sleep(0.05)
    assert len([l for l in leftovers(tmp_path) if l.startswith("process")]) == 3
    proc.send_signal(sig)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, out
    assert "bulkhead: interrupted" in out
    assert leftovers(tmp_path) == [] and shm_files() <= shm_before


def test_cleanup_when_bulkhead_is_killed(tmp_path):
    """Even SIGKILL (no finally runs): the QEMUs die with their parent (PR_SET_PDEATHSIG)."""
    elf = build(DEMO / "vm3-poll.toml")
    proc = _start(tmp_path, elf, "--timeout", "120")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len([l for l in leftovers(tmp_path) if l.startswith("process")]) < 3:
        time.sleep(0.05)
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and [l for l in leftovers(tmp_path) if l.startswith("process")]:
        time.sleep(0.1)
    assert [l for l in leftovers(tmp_path) if l.startswith("process")] == []
