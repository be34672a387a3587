"""The checks after the link run on every build, and through the CLI they catch what they promise.

* The placement check runs on every `./bulkhead build`, a cached image included: a manifest that no
  longer matches the image stops the build (it stopped only fresh links before, so a build that never
  called the check passed every test).
* `./bulkhead verify` on a real image with XRSTOR, XRSTOR64 or XRSTORS bytes injected into a
  compartment's code names the instruction and the function (only WRPKRU was ever tested).
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.fast

DEMO = ROOT / "configs" / "demo" / "mpk3.toml"


@pytest.fixture(scope="module")
def own_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """configs/demo/mpk3.toml under a name of its own, so its image folder is this module's alone."""
    cfg = tmp_path_factory.mktemp("cfg") / "postlink.toml"
    text = re.sub(r'(?m)^name = ".*"$', 'name = "test-post-link-checks"', DEMO.read_text(), count=1)
    cfg.write_text(text)
    return cfg


@pytest.fixture(scope="module")
def image(own_config: Path) -> Path:
    res = bulkhead("build", str(own_config))
    assert res.returncode == 0, res.stderr
    return Path(res.stdout.strip())


def test_cached_image_is_placement_checked(own_config: Path, image: Path) -> None:
    manifest = image.parent / "manifest.json"
    good = manifest.read_text()
    data = json.loads(good)
    sym = next(s for s in data["symbols"] if s["name"] == "vault_leak")
    sym["section"] = ".bh.c2.text"              # claim it belongs to the thief's compartment
    try:
        manifest.write_text(json.dumps(data))
        res = bulkhead("build", str(own_config))  # nothing changed that the link reads: cached
        assert res.returncode != 0, res.stdout + res.stderr
        assert re.search(r"vault_leak at 0x[0-9a-f]+ is in c1\.text, expected c2\.text", res.stderr), res.stderr
        assert "Traceback" not in res.stderr
    finally:
        manifest.write_text(good)
    res = bulkhead("build", str(own_config))
    assert res.returncode == 0 and "linking" not in res.stderr, res.stderr   # cached, and checked clean


def _file_offset(elf: Path, symbol: str) -> int:
    """Where `symbol`'s first byte is in the file (from its address and the program headers)."""
    nm = subprocess.run(["llvm-nm-19", "--defined-only", str(elf)], capture_output=True, text=True,
                        check=True).stdout
    addr = next(int(l.split()[0], 16) for l in nm.splitlines() if l.split()[-1] == symbol)
    ph = subprocess.run(["llvm-readelf-19", "-lW", str(elf)], capture_output=True, text=True, check=True).stdout
    for line in ph.splitlines():
        f = line.split()
        if f and f[0] == "LOAD":
            off, vaddr, filesz = int(f[1], 16), int(f[2], 16), int(f[4], 16)
            if vaddr <= addr < vaddr + filesz:
                return off + addr - vaddr
    raise AssertionError(f"{symbol} at {addr:#x} is in no PT_LOAD segment of {elf}")


@pytest.mark.parametrize("what,code", [
    ("xrstor", b"\x0f\xae\x2f"),                 # xrstor (%rdi)
    ("xrstor", b"\x48\x0f\xae\x6d\x08"),         # xrstor64 8(%rbp)
    ("xrstors", b"\x0f\xc7\x1f"),                # xrstors (%rdi)
    ("xrstors", b"\x48\x0f\xc7\x5c\x24\x10"),    # xrstors64 16(%rsp)
], ids=["xrstor", "xrstor64", "xrstors", "xrstors64"])
def test_verify_finds_injected_xrstor(image: Path, tmp_path: Path, what: str, code: bytes) -> None:
    bad = tmp_path / "image.elf"
    data = bytearray(image.read_bytes())
    off = _file_offset(image, "vault_leak") + 1
    data[off:off + len(code)] = code
    bad.write_bytes(bytes(data))
    res = bulkhead("verify", str(bad))
    assert res.returncode != 0, res.stdout
    assert re.search(rf"{what} at 0x[0-9a-f]+ \(vault_leak\+0x[0-9a-f]+\)", res.stderr), res.stderr
    assert "Traceback" not in res.stderr


def test_verify_ignores_register_forms(image: Path, tmp_path: Path) -> None:
    """0F AE /5 with a register operand is LFENCE, 0F C7 /3 with one is no XRSTORS: not findings."""
    ok = tmp_path / "image.elf"
    data = bytearray(image.read_bytes())
    off = _file_offset(image, "vault_leak") + 1
    data[off:off + 6] = b"\x0f\xae\xe8\x0f\xc7\xd8"
    ok.write_bytes(bytes(data))
    res = bulkhead("verify", str(ok))
    assert res.returncode == 0, res.stderr
