"""./bulkhead verify: WRPKRU/XRSTOR only inside the gates, found even when hidden in an immediate."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead, toolchain

pytestmark = pytest.mark.fast


def test_hidden_wrpkru_stops_the_build() -> None:
    res = bulkhead("build", str(ROOT / "tests" / "configs" / "rogue" / "mpk.toml"))
    assert res.returncode != 0
    assert "WRPKRU/XRSTOR encoding(s) outside .bh.gates" in res.stderr
    assert "wrpkru at 0x" in res.stderr and "(smuggle+0x" in res.stderr
    assert not (ROOT / "build" / "images" / "rogue-mpk" / "image.elf").exists()


def test_without_keys_the_build_does_not_scan_but_verify_still_reports() -> None:
    """Backend none (and vm) leaves CR4.PKE off, so a stray WRPKRU can only fault (#UD): the build
    does not refuse it; `./bulkhead verify IMAGE` still finds it for whoever asks."""
    res = bulkhead("build", str(ROOT / "tests" / "configs" / "rogue" / "none.toml"))
    assert res.returncode == 0, res.stderr
    check = bulkhead("verify", res.stdout.strip())
    assert check.returncode != 0 and "(smuggle+0x" in check.stderr


def test_demo_images_verify_clean() -> None:
    for name in ("none", "mpk2", "mpk3"):
        res = bulkhead("verify", str(_image(f"configs/demo/{name}.toml")))
        assert res.returncode == 0, res.stderr
        assert "ok: no WRPKRU" in res.stdout


def test_gates_do_contain_wrpkru() -> None:
    """The scan is not vacuous: the mpk image's gate section holds the WRPKRUs it exempts."""
    import subprocess
    img = _image("configs/demo/mpk3.toml")
    dis = subprocess.run([toolchain.LLVM_OBJDUMP, "-d", "-j", ".bh.gates", str(img)], capture_output=True,
                         text=True, check=True).stdout
    assert dis.count("wrpkru") >= 4


def test_verify_of_a_missing_image_is_an_error(tmp_path: Path) -> None:
    res = bulkhead("verify", str(tmp_path / "nope.elf"))
    assert res.returncode == 1 and "no such image" in res.stderr


# ---- what the scan covers (issue 18): loader's view, markers, every pattern ----

@functools.cache
def _image(config: str) -> Path:
    """Built once per test process: the tests copy its bytes before they change any (the scan's cases
    are many, a cached build still costs a driver start)."""
    res = bulkhead("build", str(ROOT / config))
    assert res.returncode == 0, res.stderr
    return Path(res.stdout.strip())


def _elf(data: bytes):
    import io
    from elftools.elf.elffile import ELFFile
    return ELFFile(io.BytesIO(data))


def _file_offset(data: bytes, symbol: str) -> int:
    f = _elf(data)
    value = next(s["st_value"] for s in f.get_section_by_name(".symtab").iter_symbols() if s.name == symbol)
    seg = next(s for s in f.iter_segments() if s["p_type"] == "PT_LOAD"
               and s["p_vaddr"] <= value < s["p_vaddr"] + s["p_filesz"])
    return seg["p_offset"] + value - seg["p_vaddr"]


@pytest.mark.fast
def test_clearing_section_flags_does_not_hide_a_wrpkru(tmp_path: Path) -> None:
    """The loader maps segments, not sections: with SHF_EXECINSTR cleared on every section the
    WRPKRU in the smuggler's text is still found (it lies in a PF_X segment)."""
    import struct
    data = bytearray(_image("tests/configs/rogue/none.toml").read_bytes())
    f = _elf(bytes(data))
    for i in range(f.num_sections()):
        at = f["e_shoff"] + i * f["e_shentsize"] + 8
        flags, = struct.unpack_from("<Q", data, at)
        struct.pack_into("<Q", data, at, flags & ~0x4)
    p = tmp_path / "image.elf"
    p.write_bytes(bytes(data))
    res = bulkhead("verify", str(p))
    assert res.returncode == 1 and "wrpkru at 0x" in res.stderr and "(smuggle+0x" in res.stderr, res.stderr


@pytest.mark.fast
def test_clearing_segment_flags_does_not_hide_a_wrpkru(tmp_path: Path) -> None:
    """The kernel maps the linker script's text regions executable whatever the program headers say:
    those are scanned too."""
    import struct
    data = bytearray(_image("tests/configs/rogue/none.toml").read_bytes())
    f = _elf(bytes(data))
    for i in range(f.num_segments()):
        at = f["e_phoff"] + i * f["e_phentsize"] + 4
        flags, = struct.unpack_from("<I", data, at)
        struct.pack_into("<I", data, at, flags & ~0x1)
    p = tmp_path / "image.elf"
    p.write_bytes(bytes(data))
    res = bulkhead("verify", str(p))
    assert res.returncode == 1 and "(smuggle+0x" in res.stderr, res.stderr


@pytest.mark.fast
def test_a_file_that_is_not_a_bulkhead_image_is_never_ok(tmp_path: Path) -> None:
    res = bulkhead("verify", "/bin/ls")
    assert res.returncode == 1 and "not a bulkhead image" in res.stderr and "/bin/ls" in res.stderr, res.stderr
    assert "ok" not in res.stdout


# (name, bytes, what verify must say or None).  Flagged: every encoding the docstring promises, with
# each ModRM form; not flagged: the same opcode bytes with the other ModRM forms (fences, CLFLUSH,
# XSAVE, RDRAND), so the patterns are as narrow as they claim.
PATTERN_CASES = [
    ("wrpkru", b"\x0f\x01\xef", "wrpkru"),
    ("xrstor [rdi]", b"\x0f\xae\x2f", "xrstor"),
    ("xrstor64 [rax+8]", b"\x48\x0f\xae\x68\x08", "xrstor"),
    ("xrstor [rdi+disp32]", b"\x0f\xae\xaf\x00\x01\x00\x00", "xrstor"),
    ("xrstors [rdi]", b"\x0f\xc7\x1f", "xrstors"),
    ("xrstors64 [rax+8]", b"\x48\x0f\xc7\x58\x08", "xrstors"),
    ("xrstors [rbx+disp32]", b"\x0f\xc7\x9b\x00\x01\x00\x00", "xrstors"),
    ("wrfsbase rdi", b"\xf3\x48\x0f\xae\xd7", "wrfsbase/wrgsbase"),
    ("wrgsbase eax", b"\xf3\x0f\xae\xd8", "wrfsbase/wrgsbase"),
    ("lfence", b"\x0f\xae\xe8", None),
    ("clflush [rdi]", b"\x0f\xae\x3f", None),
    ("xsave [rdi]", b"\x0f\xae\x27", None),
    ("rdrand eax", b"\x0f\xc7\xf0", None),
    ("cmpxchg8b [rdi]", b"\x0f\xc7\x0f", None),
    ("rdfsbase rax", b"\xf3\x48\x0f\xae\xc0", None),
]


@pytest.mark.fast
@pytest.mark.parametrize("case", PATTERN_CASES, ids=[c[0] for c in PATTERN_CASES])
def test_each_pattern_is_found_outside_the_gates_and_only_it(case, tmp_path: Path) -> None:
    name, code, what = case
    good = _image("configs/demo/none.toml").read_bytes()
    for symbol, section in (("main", ".bh.c0.text"), ("memcpy", ".bh.shared.text")):
        try:
            at = _file_offset(good, symbol)
        except StopIteration:
            continue
        data = bytearray(good)
        data[at:at + len(code)] = code
        p = tmp_path / f"{symbol}.elf"
        p.write_bytes(bytes(data))
        res = bulkhead("verify", str(p))
        if what is None:
            assert res.returncode == 0, res.stderr
            continue
        assert res.returncode == 1, f"{name} in {symbol} not found: {res.stdout}"
        assert f"{what} at 0x" in res.stderr and f"({symbol}+0x" in res.stderr, res.stderr
        if section:
            assert f"in section {section}" in res.stderr, res.stderr


@pytest.mark.fast
def test_the_gates_are_exempt_and_nothing_else(tmp_path: Path) -> None:
    """A WRPKRU at the first byte after .bh.gates (the shared text, same segment) is reported."""
    good = _image("configs/demo/mpk3.toml").read_bytes()
    f = _elf(good)
    gates = f.get_section_by_name(".bh.gates")
    nxt = next(s for s in f.iter_sections() if s["sh_addr"] >= gates["sh_addr"] + gates["sh_size"]
               and s["sh_flags"] & 0x4 and s["sh_size"] >= 3)
    data = bytearray(good)
    data[nxt["sh_offset"]:nxt["sh_offset"] + 3] = b"\x0f\x01\xef"
    p = tmp_path / "image.elf"
    p.write_bytes(bytes(data))
    res = bulkhead("verify", str(p))
    assert res.returncode == 1 and f"in section {nxt.name}" in res.stderr, res.stderr


# ---- W^X (issue 13): no page both writable and executable ----

def _segments(data: bytes):
    f = _elf(data)
    return f, [(i, s) for i, s in enumerate(f.iter_segments()) if s["p_type"] == "PT_LOAD"]


@pytest.mark.fast
def test_a_writable_and_executable_segment_is_refused(tmp_path: Path) -> None:
    import struct
    data = bytearray(_image("configs/demo/mpk3.toml").read_bytes())
    f, loads = _segments(bytes(data))
    i, seg = next((i, s) for i, s in loads if s["p_flags"] & 0x1)
    struct.pack_into("<I", data, f["e_phoff"] + i * f["e_phentsize"] + 4, seg["p_flags"] | 0x2)
    p = tmp_path / "image.elf"
    p.write_bytes(bytes(data))
    res = bulkhead("verify", str(p))
    assert res.returncode == 1, res.stdout
    assert "W^X violation" in res.stderr
    assert f"segment [{seg['p_vaddr']:#x}, " in res.stderr and "is writable and executable (PF_W|PF_X)" in res.stderr


@pytest.mark.fast
def test_a_writable_segment_that_reaches_a_text_page_is_refused(tmp_path: Path) -> None:
    """Page granularity: data that ends on the page where code begins makes that page writable and
    executable, though no segment has both flags."""
    import struct
    data = bytearray(_image("configs/demo/mpk3.toml").read_bytes())
    f, loads = _segments(bytes(data))
    execs = [(s["p_vaddr"], s["p_vaddr"] + s["p_memsz"]) for _, s in loads if s["p_flags"] & 0x1]
    i, seg = next((i, s) for i, s in loads if s["p_flags"] & 0x2
                  and any(lo == (s["p_vaddr"] + s["p_memsz"] + 4095) // 4096 * 4096 for lo, _ in execs))
    struct.pack_into("<Q", data, f["e_phoff"] + i * f["e_phentsize"] + 40, seg["p_memsz"] + 4096)   # p_memsz
    p = tmp_path / "image.elf"
    p.write_bytes(bytes(data))
    res = bulkhead("verify", str(p))
    assert res.returncode == 1, res.stdout
    assert f"writable segment [{seg['p_vaddr']:#x}, " in res.stderr and "shares 1 page(s) with executable code" in res.stderr


@pytest.mark.fast
def test_shipped_images_keep_w_xor_x() -> None:
    for config in ("configs/demo/none.toml", "configs/demo/mpk3.toml", "configs/threads/mpk3-private.toml"):
        res = bulkhead("verify", str(_image(config)))
        assert res.returncode == 0, res.stderr
        assert "ok: W^X, no page both writable and executable" in res.stdout


@pytest.mark.fast
def test_xrstors_is_no_finding_where_compartments_run_in_ring_3(tmp_path: Path) -> None:
    """XRSTORS faults outside ring 0: in an mpk image (compartments in ring 3, backend.toml `ring3`) its
    bytes in a compartment's code are no finding, while WRPKRU still is; in a ring-0 image (none) both are."""
    for config, refused in (("configs/demo/mpk3.toml", False), ("configs/demo/none.toml", True)):
        good = _image(config).read_bytes()
        at = _file_offset(good, "main")
        for code, what, flagged in ((b"\x0f\xc7\x1f", "xrstors", refused), (b"\x0f\x01\xef", "wrpkru", True)):
            data = bytearray(good)
            data[at:at + len(code)] = code
            p = tmp_path / f"{what}.elf"
            p.write_bytes(bytes(data))
            res = bulkhead("verify", str(p))
            assert (res.returncode == 1) == flagged, (config, what, res.stdout, res.stderr)
            if flagged:
                assert f"{what} at 0x" in res.stderr and "(main+0x" in res.stderr, res.stderr


# ---- the rules are the image's backend's (backend.toml [check]) ----

def _as_backend(image: Path, name: str, tmp_path: Path) -> Path:
    """A copy of `image` whose "bulkhead" note names backend `name` (as long as the original's)."""
    data = image.read_bytes()
    old = b'"backend": "mpk"'
    assert data.count(old) == 1 and len(name) == 3
    p = tmp_path / f"{name}.elf"
    p.write_bytes(data.replace(old, f'"backend": "{name}"'.encode()))
    return p


@pytest.mark.fast
@pytest.mark.parametrize("check, refused", [
    ("", False),                                   # the defaults: WRPKRU in the gates and the kernel entry
    ('[check]\nwrpkru = ["gates", "kernel-entry"]\n', False),
    ('[check]\nwrpkru = "kernel-entry"\n', True),  # mpk's gate stubs hold WRPKRU
    ('[check]\nwrpkru = "nowhere"\n', True),
    ('[check]\nwrpkru = "anywhere"\nxrstors = "anywhere"\n', False),
])
def test_the_image_backends_check_rules_decide(tmp_path: Path, monkeypatch, check: str, refused: bool) -> None:
    """`verify` reads the backend from the image's note and applies its backend.toml [check]: the same
    bytes (the mpk demo's, gates full of WRPKRU) pass or fail by that table alone."""
    folder = tmp_path / "backends" / "zzz"
    folder.mkdir(parents=True)
    (folder / "backend.toml").write_text('description = "mpk\'s image under other rules"\nring3 = true\n' + check)
    monkeypatch.setenv("BULKHEAD_BACKEND_PATH", str(tmp_path / "backends"))
    img = _as_backend(_image("configs/demo/mpk3.toml"), "zzz", tmp_path)
    res = bulkhead("verify", str(img))
    assert (res.returncode == 1) == refused, res.stdout + res.stderr
    if refused:
        assert "wrpkru at 0x" in res.stderr and "in section .bh.gates" in res.stderr, res.stderr
        assert "backend zzz" in res.stderr
    else:
        assert "the rules of backend zzz" in res.stdout, res.stdout


@pytest.mark.fast
def test_privileged_error_rule_fails_verify(tmp_path: Path, monkeypatch) -> None:
    """[check] privileged = "error": a privileged encoding in a non-kernel compartment fails `verify`
    without --strict (the default, "finding", only reports it)."""
    good = _image("configs/demo/mpk3.toml").read_bytes()
    at = _file_offset(good, "thief_steal")
    data = bytearray(good)
    data[at:at + 2] = b"\x0f\x30"                  # wrmsr
    patched = tmp_path / "patched.elf"
    patched.write_bytes(bytes(data))
    for verdict, refused in (("finding", False), ("error", True)):
        folder = tmp_path / verdict / "zzz"
        folder.mkdir(parents=True)
        (folder / "backend.toml").write_text(f'description = "x"\nring3 = true\n[check]\nprivileged = "{verdict}"\n')
        monkeypatch.setenv("BULKHEAD_BACKEND_PATH", str(tmp_path / verdict))
        res = bulkhead("verify", str(_as_backend(patched, "zzz", tmp_path)))
        assert (res.returncode == 1) == refused, (verdict, res.stdout, res.stderr)
        assert "wrmsr/rdmsr at 0x" in (res.stderr if refused else res.stdout)
