"""./bulkhead verify: WRPKRU/XRSTOR only inside the gates, found even when hidden in an immediate."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

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
        img = bulkhead("build", str(ROOT / "configs" / "demo" / f"{name}.toml"))
        assert img.returncode == 0, img.stderr
        res = bulkhead("verify", img.stdout.strip())
        assert res.returncode == 0, res.stderr
        assert "ok: no WRPKRU" in res.stdout


def test_gates_do_contain_wrpkru() -> None:
    """The scan is not vacuous: the mpk image's gate section holds the WRPKRUs it exempts."""
    import subprocess
    img = Path(bulkhead("build", str(ROOT / "configs" / "demo" / "mpk3.toml")).stdout.strip())
    dis = subprocess.run(["llvm-objdump-19", "-d", "-j", ".bh.gates", str(img)], capture_output=True,
                         text=True, check=True).stdout
    assert dis.count("wrpkru") >= 4


def test_verify_of_a_missing_image_is_an_error(tmp_path: Path) -> None:
    res = bulkhead("verify", str(tmp_path / "nope.elf"))
    assert res.returncode == 1 and "no such image" in res.stderr
