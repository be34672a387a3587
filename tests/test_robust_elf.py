"""Malformed images through `verify` and `run`: a clear error naming the file, never a traceback or hang.

Each corruption of a real image (headers cut or pointing past the end, tables out of range, the wrong
class or byte order, garbage over the headers, a program that is not a bulkhead image) is given to
`./bulkhead verify`, to `./bulkhead run` as a plain image, and to `./bulkhead run` inside a backend-vm
image's folder (where the driver itself reads the ELF to split it per machine).
"""
from __future__ import annotations

import random
import shutil
import struct
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.qemu


@pytest.fixture(scope="module")
def images() -> dict[str, Path]:
    out = {}
    for name in ("none", "vm2-exit"):
        res = bulkhead("build", str(ROOT / "configs" / "demo" / f"{name}.toml"))
        assert res.returncode == 0, res.stderr
        out[name] = Path(res.stdout.strip())
    return out


def _put(data: bytearray, fmt: str, at: int, value: int) -> bytearray:
    d = bytearray(data)
    struct.pack_into(fmt, d, at, value)
    return d


def _section_header(data: bytes, name: str) -> int:
    """File offset of the section header called `name` (found with pyelftools, as the driver does)."""
    import io
    from elftools.elf.elffile import ELFFile
    f = ELFFile(io.BytesIO(data))
    for i, s in enumerate(f.iter_sections()):
        if s.name == name:
            return f["e_shoff"] + i * f["e_shentsize"]
    raise AssertionError(name)


def corruptions(good: bytes) -> dict[str, bytes]:
    g = bytearray(good)
    symtab = _section_header(good, ".symtab")
    strtab = _section_header(good, ".strtab")
    cases = {
        "empty": b"",
        "magic-only": b"\x7fELF",
        "cut-16": good[:16],
        "cut-64": good[:64],
        "cut-200": good[:200],
        "cut-half": good[:len(good) // 2],
        "shoff-huge": _put(g, "<Q", 0x28, 0xFFFFFFFF),
        "shnum-huge": _put(g, "<H", 0x3C, 0xFFFF),
        "shstrndx-out": _put(g, "<H", 0x3E, 0xFFF0),
        "phoff-huge": _put(g, "<Q", 0x20, 0xFFFFFFFFFF),
        "phnum-huge": _put(g, "<H", 0x38, 0xFFFF),
        "shentsize-1": _put(g, "<H", 0x3A, 1),
        "class-32": _put(g, "<B", 4, 1),
        "big-endian": _put(g, "<B", 5, 2),
        "symtab-offset-huge": _put(g, "<Q", symtab + 0x18, 0xFFFFFFFFF),
        "strtab-size-huge": _put(g, "<Q", strtab + 0x20, 0xFFFFFFFFF),
        "load-filesz-huge": _put(g, "<Q", 64 + 56 * 1 + 0x20, 0xFFFFFFFFF),
        "not-bulkhead": Path("/bin/true").read_bytes(),
        "text": b"this is not an image\n",
    }
    rng = random.Random(18)
    for k in range(4):
        d = bytearray(good)
        for _ in range(32):
            d[rng.randrange(64, 64 + 56 * 10)] = rng.randrange(256)
        cases[f"garbage-phdrs-{k}"] = bytes(d)
    return cases


def _clean(res, path: Path) -> str | None:
    """None, or what is wrong with how a malformed file was reported."""
    if "Traceback" in res.stderr:
        return "traceback: " + res.stderr.strip().splitlines()[-1]
    if res.returncode == 0:
        return "accepted"
    if str(path) not in res.stderr and res.returncode == 1:
        return "error does not name the file: " + res.stderr.strip()[:200]
    return None


def test_malformed_images_through_verify(images: dict[str, Path], tmp_path: Path) -> None:
    bad = {}
    cases = corruptions(images["none"].read_bytes())
    for case, data in cases.items():
        p = tmp_path / f"{case}.elf"
        p.write_bytes(data)
        res = bulkhead("verify", str(p), timeout=60)
        why = _clean(res, p) or (None if res.returncode == 1 else f"status {res.returncode}")
        if why:
            bad[case] = why
    print(f"verify: {len(cases)} malformed images, {len(bad)} not reported cleanly")
    assert not bad, bad


def test_malformed_images_through_run(images: dict[str, Path], tmp_path: Path) -> None:
    """As a plain image (QEMU loads it: refused, or it boots and exits) and as a damaged vm image in its
    build folder (the backend's runner, found from what is left of the image or from config.json)."""
    vm_dir = images["vm2-exit"].parent
    bad = {}
    cases = corruptions(images["none"].read_bytes())
    vm_cases = corruptions(images["vm2-exit"].read_bytes())
    for case, data in cases.items():
        plain = tmp_path / "plain" / case / "image.elf"
        plain.parent.mkdir(parents=True)
        plain.write_bytes(data)
        res = bulkhead("run", str(plain), "--timeout", "20", timeout=120)
        if "Traceback" in res.stderr or res.returncode == 124:
            bad[f"plain {case}"] = (res.returncode, res.stderr.strip()[-200:])
        vm = tmp_path / "vm" / case / "image.elf"
        vm.parent.mkdir(parents=True)
        shutil.copy(vm_dir / "config.json", vm.parent / "config.json")
        vm.write_bytes(vm_cases[case])
        res = bulkhead("run", str(vm), "--timeout", "20", timeout=120)
        why = _clean(res, vm) or (None if res.returncode == 1 else f"status {res.returncode}")
        if why:
            bad[f"vm {case}"] = why
    print(f"run: {2 * len(cases)} malformed images, {len(bad)} not reported cleanly")
    assert not bad, bad
