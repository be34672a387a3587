"""The plugin as a user's own build uses it: `clang -flto=full -fuse-ld=lld -Wl,--load-pass-plugin=...`
over the driver's tagged bitcode objects and a configuration module of the test's own (whose manifest
goes to the test's folder, not over the driver's), with the rendered linker script.  The whole recipe
from sources, as README.md shows it: test_plugin_recipe.py."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead, toolchain
from bulkhead import config, image  # noqa: E402  (conftest put scripts/ on the path)

pytestmark = pytest.mark.qemu


PLUGIN = ROOT / "build" / "passes" / "BulkheadPass.so"


def test_clang_driver_link_boots_and_isolates(tmp_path: Path) -> None:
    res = bulkhead("build", str(ROOT / "configs" / "demo" / "mpk3.toml"))
    assert res.returncode == 0, res.stderr
    image_dir = Path(res.stdout.strip()).parent
    cmd = (image_dir / "link.cmd").read_text().split()
    inputs = []
    manifest = tmp_path / "manifest.json"
    driver_manifest = (image_dir / "manifest.json").read_text()
    for arg in cmd:
        p = Path(arg)
        if p.name == "config.bc":
            p = image.config_module(config.load(ROOT / "configs" / "demo" / "mpk3.toml"), tmp_path, manifest)
        if arg.endswith(".bc") or (arg.endswith(".o") and "/objects/" in arg):
            # clang compiles files named .bc; bitcode objects named .o go straight to the linker
            dst = tmp_path / f"{len(inputs)}-{p.stem}.o"
            shutil.copy(p, dst)
            inputs.append(str(dst))
    elf = tmp_path / "image.elf"
    link = subprocess.run([toolchain.CLANG, "--target=x86_64-linux-gnu", "-flto=full", "-fuse-ld=lld", "-nostdlib",
                           "-static", f"-Wl,--load-pass-plugin={PLUGIN}", f"-Wl,-T,{image_dir / 'image.ld'}",
                           "-Wl,--lto-O2", "-Wl,--build-id=none", *inputs, "-o", str(elf)],
                          capture_output=True, text=True)
    assert link.returncode == 0, link.stderr
    assert manifest.is_file() and (image_dir / "manifest.json").read_text() == driver_manifest
    run = bulkhead("run", str(elf), "--timeout", "60")
    assert run.returncode == abi.EXIT_ISOLATION_FAULT, run.stdout + run.stderr
    assert re.search(r"thief_steal.*compartment 'untrusted'", run.stdout)


def test_clang_driver_link_without_the_plugin_fails(tmp_path: Path) -> None:
    res = bulkhead("build", str(ROOT / "configs" / "demo" / "mpk3.toml"))
    image_dir = Path(res.stdout.strip()).parent
    inputs = []
    for arg in (image_dir / "link.cmd").read_text().split():
        if arg.endswith(".bc") or (arg.endswith(".o") and "/objects/" in arg):
            dst = tmp_path / f"{len(inputs)}.o"
            shutil.copy(arg, dst)
            inputs.append(str(dst))
    link = subprocess.run([toolchain.CLANG, "--target=x86_64-linux-gnu", "-flto=full", "-fuse-ld=lld", "-nostdlib",
                           "-static", f"-Wl,-T,{image_dir / 'image.ld'}", *inputs, "-o", str(tmp_path / "x.elf")],
                          capture_output=True, text=True)
    assert link.returncode != 0
    assert "__bh_image" in link.stderr or "the bulkhead LTO pass did not run" in link.stderr
