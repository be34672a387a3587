"""Memory sizing ([memory], heaps; scripts/bulkhead/memory.py): what the configuration accepts boots, and
what cannot fit is a config error naming the key, before anything is built (the bad configurations in
tests/configs/bad/ are run by test_config.py: too small a guest, beyond the small code model, too few
page tables, too small a vm private part).

Backend vm with a large shared part: every machine's firmware writes into the top of its RAM while it
boots, and the machines boot while others already run.  When the shared memfd was the top of RAM, a
later machine's SeaBIOS overwrote the shared heap and stacks of the running ones (about 3 runs in 4
wrong with a 24 MiB shared heap, or with newlib's heap in the shared memory).  Now a private node sits
on top: these tests run the large shared heaps several times, and look for firmware bytes in the
shared memory directly.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead, toolchain

sys.path.insert(0, str(ROOT / "scripts"))

SECRET = "BULKHEAD-SECRET-7f3a"
RUNS = 3          # repetitions of each large-shared-heap vm run (the bug showed in ~3 of 4)
DEMO_SPLITS = {   # backend -> compartments (name, components, options)
    "none": [("all", ["kernel", "app", "counter", "thief", "vault"], "")],
    "mpk": [("main", ["kernel", "app", "counter", "thief"], ""), ("vault", ["vault"], "")],
    "mpk-private": [("main", ["kernel", "app", "counter", "thief"], 'stack = "private"'),
                    ("vault", ["vault"], 'stack = "private"')],
    "vm": [("main", ["kernel", "app", "counter", "thief"], 'wake = "exit"'), ("vault", ["vault"], 'wake = "exit"')],
}
HELLO_SPLITS = {
    "none": [("all", ["kernel", "hello", "libc", "vfs", "ramfs", "time"], "")],
    "mpk": [("app", ["kernel", "hello", "libc"], ""), ("fs", ["vfs", "ramfs", "time"], "")],
    "mpk-private": [("app", ["kernel", "hello", "libc"], 'stack = "private"'),
                    ("fs", ["vfs", "ramfs", "time"], 'stack = "private"')],
    "vm": [("app", ["kernel", "hello", "libc"], 'wake = "exit"'), ("fs", ["vfs", "ramfs", "time"], 'wake = "exit"')],
}


def write_config(tmp: Path, name: str, app: str, split: str, tables: str) -> Path:
    """A configuration of `app` in one of the splits above, with extra TOML tables (heap, memory)."""
    splits = DEMO_SPLITS if app == "demo" else HELLO_SPLITS
    backend = split.split("-")[0]
    text = f'name = "{name}"\napp = "{app}"\n\n{tables}\n'
    for cname, comps, options in splits[split]:
        text += f'[[compartment]]\nname = "{cname}"\nbackend = "{backend}"\ncomponents = {comps}\n'.replace("'", '"')
        if options:
            text += f"options = {{ {options} }}\n"
    path = tmp / f"{name}.toml"
    path.write_text(text)
    return path


def program_lines(out: str) -> list[str]:
    """The program's own lines, without vm machine prefixes and kernel lines."""
    lines = [l.split("]", 1)[-1].strip() if l.startswith("[") else l for l in out.splitlines()]
    return [l for l in lines if l and not l.startswith("bulkhead:")]


def run(path: Path, timeout: int = 90):
    return bulkhead("run", str(path), "--timeout", str(timeout), timeout=timeout + 120)


def demo_right(split: str, res) -> None:
    """The demo's right result: the thief prints the secret without isolation, else its read faults."""
    lines = program_lines(res.stdout)
    if split == "none":
        assert res.returncode == 0 and f'thief: stole "{SECRET}"' in lines and lines[-1] == "demo: done", res.stdout
    else:
        assert res.returncode == abi.EXIT_ISOLATION_FAULT, res.stdout + res.stderr
        assert SECRET not in res.stdout and "(isolation fault)" in res.stdout, res.stdout
        assert lines[-1] == "demo: the vault leaked a pointer; handing it to the thief", res.stdout


@pytest.fixture(scope="module")
def hello_reference(tmp_path_factory) -> list[str]:
    path = write_config(tmp_path_factory.mktemp("hello"), "memory-hello-none", "libc-hello", "none", "")
    res = run(path)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = program_lines(res.stdout)
    assert lines[-1] == "hello: done" and "malloc" in "\n".join(lines)
    return lines


@pytest.mark.qemu
@pytest.mark.parametrize("shared_kib", [24576, 65536])
def test_vm_large_shared_heap_always_right(shared_kib, tmp_path):
    path = write_config(tmp_path, f"memory-demo-vm-{shared_kib}", "demo", "vm", f"[heap]\nshared_kib = {shared_kib}\n")
    for _ in range(RUNS):
        demo_right("vm", run(path))


@pytest.mark.qemu
def test_vm_libc_heap_shared_always_right(hello_reference, tmp_path):
    """newlib's heap (24 MiB by default) in the shared memory: the porting aid libs/README recommends."""
    path = write_config(tmp_path, "memory-hello-vm-libc-shared", "libc-hello", "vm", '[heap]\nlibc = "shared"\n')
    for _ in range(RUNS):
        res = run(path)
        assert res.returncode == 0, res.stdout + res.stderr
        assert program_lines(res.stdout) == hello_reference


@pytest.mark.qemu
@pytest.mark.parametrize("split", ["none", "mpk", "mpk-private"])
def test_large_shared_heaps_other_backends(split, hello_reference, tmp_path):
    path = write_config(tmp_path, f"memory-demo-{split}", "demo", split, "[heap]\nshared_kib = 24576\n")
    demo_right(split, run(path))
    path = write_config(tmp_path, f"memory-hello-{split}", "libc-hello", split,
                        '[heap]\nlibc = "shared"\nshared_kib = 8192\n')
    res = run(path)
    assert res.returncode == 0 and program_lines(res.stdout) == hello_reference, res.stdout + res.stderr


@pytest.mark.qemu
def test_no_firmware_byte_in_the_shared_memory(tmp_path):
    """The cause itself: after a run, the shared memfd beyond the image's shared regions holds no byte.
    (With the memfd as the top RAM node, SeaBIOS's relocated init code and tables landed there in every
    run, and inside the shared heap and stacks once the shared part passed ~13 MiB.)"""
    from bulkhead import backends
    vm = backends.runner("vm")      # gates/vm/host.py
    path = write_config(tmp_path, "memory-demo-vm-firmware", "demo", "vm", "[heap]\nshared_kib = 24576\n")
    res = bulkhead("build", str(path))
    assert res.returncode == 0, res.stderr
    elf = Path(res.stdout.strip())
    kept: dict[str, int] = {}
    real = vm.shared_memory

    def keep(image, lay):
        fd, size = real(image, lay)
        kept["fd"], kept["size"] = os.dup(fd), size
        return fd, size
    vm.shared_memory = keep
    try:
        result = vm.run(elf, timeout=90, echo=False)
    finally:
        vm.shared_memory = real
    lay = vm.layout(elf)
    try:
        data = os.pread(kept["fd"], kept["size"], 0)
    finally:
        os.close(kept["fd"])
    assert result.status == abi.EXIT_ISOLATION_FAULT, result.output
    used = lay.shared[1] - lay.shared[0]
    assert kept["size"] > used and not any(data[used:]), "firmware bytes in the shared memory"


@pytest.mark.qemu
def test_sizes_the_check_accepts_boot(tmp_path):
    """A 1 GiB shared heap: refused with the default guest memory (naming the key), boots once
    [memory] gives it room; the kernel maps all of it (518+ page tables)."""
    path = write_config(tmp_path, "memory-demo-1g", "demo", "none", "[heap]\nshared_kib = 1048576\n")
    res = bulkhead("check", str(path))
    assert res.returncode == 1 and "[memory] guest_mib is 64" in res.stderr and ":5:" in res.stderr, res.stderr
    assert "shrink [heap] shared_kib" in res.stderr, res.stderr
    path.write_text(path.read_text().replace("[heap]", "[memory]\nguest_mib = 1100\npage_tables = 530\n\n[heap]"))
    assert bulkhead("check", str(path)).returncode == 0
    demo_right("none", run(path, timeout=120))


@pytest.mark.fast
def test_page_tables_counted_like_the_kernel():
    from bulkhead import memory
    mib = memory.MIB
    assert memory.tables_needed([(mib, 2 * mib)]) == 2 + 1 + 1                  # one PT, one PD
    assert memory.tables_needed([(mib, 3 * mib)]) == 2 + 1 + 2                  # crosses a 2 MiB line
    assert memory.tables_needed([(mib, 2 * mib), (128 * mib, 130 * mib)]) == 2 + 1 + 2
    assert memory.tables_needed([((1 << 30) - mib, (1 << 30) + mib)]) == 2 + 2 + 2   # crosses a GiB


@pytest.mark.fast
def test_linked_layout_follows_memory_keys(tmp_path):
    """The pool, the vm shared base and the code-model check come from [memory] into the linker script."""
    path = write_config(tmp_path, "memory-demo-vm-keys", "demo", "vm",
                        "[memory]\nvm_private_mib = 64\npage_tables = 80\n")
    res = bulkhead("build", str(path))
    assert res.returncode == 0, res.stderr
    from bulkhead import check
    syms = check.symbols(Path(res.stdout.strip()))
    assert syms["__bh_vm_shared_start"] == 64 << 20
    assert syms["__bh_pt_pool_end"] - syms["__bh_pt_pool_start"] == 80 * 4096
    k = 0   # the kernel's compartment: the pool is in its system bss (every machine builds its tables)
    assert syms[f"__bh_c{k}_bss_system_start"] <= syms["__bh_pt_pool_start"] < syms[f"__bh_c{k}_bss_system_end"]


@pytest.mark.fast
def test_relocation_overflow_is_a_sizes_error(tmp_path):
    """What the configuration check cannot know is the code's size: LLD's overflow becomes a config error."""
    from bulkhead import memory
    lld = (f"{toolchain.LLD}: error: ld-temp.o:(function kmain: .text+0x1f): relocation R_X86_64_32S out of range: "
           "2149580800 is not in [-2147483648, 2147483647]; references '__bh_c0_heap_end'")
    err = memory.overflow_error(lld, tmp_path / "x.toml")
    assert err is not None and "below 2 GiB" in err.message and "heap" in (err.hint or "")
    assert memory.overflow_error(f"{toolchain.LLD}: error: undefined symbol: foo", tmp_path / "x.toml") is None
