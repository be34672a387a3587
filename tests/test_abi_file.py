"""abi/abi.toml, the one source of every constant and layout that crosses a language: the generated
files are current, the layouts the generator computes are the ones the C compiler lays out, exit
statuses are distinct, no copy of a moved constant is left behind, and a pass and a kernel of different
ABI versions fail the link."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import abigen, toolchain  # noqa: E402
from bulkhead.diag import BulkheadError  # noqa: E402

pytestmark = pytest.mark.fast

ABI_H = ROOT / "kernel" / "include" / "bulkhead" / "abi.h"


def test_generated_files_are_current() -> None:
    stale = [p.relative_to(ROOT).as_posix() for p in abigen.stale()]
    assert stale == [], f"stale files generated from abi/abi.toml: {stale}: run ./bulkhead abi"
    res = bulkhead("abi", "--check")
    assert res.returncode == 0 and "up to date" in res.stdout, res.stdout + res.stderr


def test_check_names_a_stale_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hand edit of a generated file is found (and named), not silently kept."""
    copy = tmp_path / "abi.h"
    copy.write_text(ABI_H.read_text().replace("#define BH_STACK_SIZE 0x10000", "#define BH_STACK_SIZE 0x8000"))
    outputs = {copy if p == ABI_H else p: t for p, t in abigen.OUTPUTS.items()}
    monkeypatch.setattr(abigen, "OUTPUTS", outputs)
    assert abigen.stale() == [copy]


def _compile(header_text: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Compile a C file that includes abi.h (as given) and the vm layouts, for the kernel's target."""
    inc = tmp_path / "include" / "bulkhead"
    inc.mkdir(parents=True, exist_ok=True)
    (inc / "abi.h").write_text(header_text)
    src = tmp_path / "t.c"
    src.write_text('#include <bulkhead/abi.h>\n#include "vm_abi.h"\n')
    return subprocess.run([toolchain.CLANG, f"--target={toolchain.TARGET}", "-std=c11", "-ffreestanding",
                           "-fsyntax-only", f"-I{tmp_path / 'include'}", f"-I{ROOT / 'gates' / 'vm'}", str(src)],
                          capture_output=True, text=True)


def test_layouts_are_what_the_compiler_lays_out(tmp_path: Path) -> None:
    """The offsets and sizes Python and assembly use are checked by the C compiler (the header's
    _Static_asserts), and a wrong one is caught."""
    good = ABI_H.read_text()
    res = _compile(good, tmp_path)
    assert res.returncode == 0, res.stderr
    assert abi.OFFSETS["bh_image"]["compartments"] == 40 and abi.SIZES["bh_vm_box"] == 320
    bad = good.replace("#define BH_IMAGE_OFF_COMPARTMENTS 40", "#define BH_IMAGE_OFF_COMPARTMENTS 48")
    assert bad != good
    res = _compile(bad, tmp_path)
    assert res.returncode != 0 and "bh_image.compartments: abi/abi.toml" in res.stderr, res.stderr


def test_the_pass_builds_its_tables_from_the_same_layouts() -> None:
    """The C++ field lists describe the same fields, in the same order, as the C structs."""
    text = ABI_H.read_text()
    for struct, cxx in (("bh_image", "ImageFields"), ("bh_compartment", "CompartmentFields"),
                        ("bh_symbol", "SymbolFields"), ("bh_region", "RegionFields")):
        body = re.search(r"inline constexpr FieldSpec %s\[\] = \{(.*?)\n\};" % cxx, text, re.S).group(1)
        assert re.findall(r'\{"(\w+)"', body) == list(abi.OFFSETS[struct]), struct
    finalize = (ROOT / "passes" / "Finalize.cpp").read_text()
    assert "layout(abi::ImageFields)" in finalize and "BH_ABI_SYMBOL_NAME" in finalize


def _doctored(tmp_path: Path, old: str, new: str) -> Path:
    text = abigen.SOURCE.read_text()
    assert old in text
    p = tmp_path / "abi.toml"
    p.write_text(text.replace(old, new, 1))
    return p


def test_exit_statuses_are_distinct(tmp_path: Path) -> None:
    statuses = [v for k, v in vars(abi).items() if k.startswith("EXIT_") and isinstance(v, int)]
    assert len(statuses) == len(set(statuses)) == len(abi.EXIT_WHAT)
    bad = _doctored(tmp_path, "status = 70", "status = 64")
    with pytest.raises(BulkheadError, match=r"STRAY_ACCESS: status 64 already means ISOLATION_FAULT"):
        abigen.load(bad)
    bad = _doctored(tmp_path, "status = 70", "status = 130")
    with pytest.raises(BulkheadError, match=r"not in 64-126"):
        abigen.load(bad)


def test_bad_layout_is_a_clear_error(tmp_path: Path) -> None:
    bad = _doctored(tmp_path, '{ name = "seq", type = "u64"', '{ name = "seq", type = "u63"')
    with pytest.raises(BulkheadError, match=r"abi/abi.toml: \[struct.bh_vm_box\] seq: type 'u63'"):
        abigen.load(bad)


# Copies of moved constants that must not come back (the value written out where abi.toml's name belongs).
LEFTOVERS = [
    (re.compile(r"0x10000\b|64 \* 1024|64 \* KIB"), "the stack size (BH_STACK_SIZE, abi.STACK_SIZE)"),
    (re.compile(r"bh_exit\(\s*6\d\s*\)|BH_EXIT_PAGE_FAULT"), "a bare exit status (BH_EXIT_*)"),
    (re.compile(r"SHARED_KEY = 15\b|MAX_KEY 15"), "the shared key (BH_SHARED_KEY, abi.SHARED_KEY)"),
]
SCANNED = ["kernel", "gates", "libs/sched", "linker", "passes", "scripts/bulkhead"]


def test_no_copy_of_a_moved_constant_is_left() -> None:
    generated = {p.resolve() for p in abigen.OUTPUTS}
    found = []
    for top in SCANNED:
        for p in sorted((ROOT / top).rglob("*")):
            if p.suffix not in (".c", ".h", ".S", ".cpp", ".py", ".j2", ".tmpl") or p.resolve() in generated \
                    or "test" in p.relative_to(ROOT).parts:
                continue
            for n, line in enumerate(p.read_text(errors="replace").splitlines(), 1):
                for pat, what in LEFTOVERS:
                    if pat.search(line):
                        found.append(f"{p.relative_to(ROOT)}:{n}: {what}: {line.strip()}")
    assert found == []


def _abi_object(link: list[str]) -> str:
    """The input of a link that defines the ABI symbol (the kernel's abi.S)."""
    for arg in link:
        if arg.endswith(".o") and "/objects/" in arg:
            nm = subprocess.run([toolchain.LLVM_NM, arg], capture_output=True, text=True).stdout
            if re.search(rf" A {abi.ABI_SYMBOL}$", nm, re.M):
                return arg
    raise AssertionError(f"no object of the link defines {abi.ABI_SYMBOL}")


def test_abi_mismatch_fails_the_link(tmp_path: Path) -> None:
    """The demo's own link, with the kernel's ABI object swapped for one of the next version: LLD stops
    with the missing symbol, before any image exists to boot."""
    res = bulkhead("build", "configs/demo/none.toml")
    assert res.returncode == 0, res.stderr
    folder = Path(res.stdout.strip()).parent
    link = shlex.split((folder / "link.cmd").read_text())
    assert any("BulkheadPass.so" in a for a in link)
    ours = _abi_object(link)
    other = tmp_path / "abi-next.o"
    src = tmp_path / "abi-next.S"
    src.write_text(f".globl __bh_abi_v{abi.ABI_VERSION + 1}\n.set __bh_abi_v{abi.ABI_VERSION + 1}, "
                   f"{abi.ABI_VERSION + 1}\n")
    toolchain.run([toolchain.CLANG, f"--target={toolchain.TARGET}", "-c", str(src), "-o", str(other)], "assembling")
    out = tmp_path / "image.elf"
    swapped = [str(other) if a == ours else str(out) if a.endswith("/image.elf") else
               str(tmp_path / "image.map") if a.endswith("/image.map") else a for a in link]
    bad = subprocess.run(swapped, capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0 and f"undefined symbol: {abi.ABI_SYMBOL}" in bad.stderr, bad.stderr
    assert not out.exists()
    ok = subprocess.run([str(ours) if a == str(other) else a for a in swapped], capture_output=True, text=True,
                        timeout=300)
    assert ok.returncode == 0, ok.stderr    # the same link with the kernel's own object: the swap was all


PINNED = re.compile(r"""["'](?:clang\+\+|clang|opt|ld\.lld|llvm-[a-z-]+|FileCheck|llc|not)-\d+\b|/usr/lib/llvm-\d+""")


def test_llvm_tools_are_named_in_toolchain_only() -> None:
    """Every LLVM tool name (and lit's path) comes from scripts/bulkhead/toolchain.py (LLVM_VERSION, tool())."""
    own = ROOT / "scripts" / "bulkhead" / "toolchain.py"
    found = []
    for top in ("scripts", "tests", "benchmarks", "passes/test", "bulkhead"):
        base = ROOT / top
        for p in sorted([base] if base.is_file() else base.rglob("*.py")):
            if p == own:
                continue
            for n, line in enumerate(p.read_text(errors="replace").splitlines(), 1):
                if PINNED.search(line):
                    found.append(f"{p.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == [], "name the tool through toolchain.tool() / toolchain.CLANG ...:\n" + "\n".join(found)
