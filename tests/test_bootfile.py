"""Boot files (kernel/bootfile.c, libs/vfs): `./bulkhead run --file HOST:/GUEST` passes host files through
QEMU's fw_cfg; the kernel lists them, vfs copies them into ramfs before the first path lookup, and
apps/conffile, plain C, reads a configuration file with fopen/fgets and a 10000-byte binary file
(three of the kernel's 4 KiB chunks) with open/read, from a compartment other than the kernel's and
vfs's, under none, mpk (light gate and private stacks) and vm, given with --file or listed in the configuration's [files].  The
digests are computed here from the host's copies.  Bad --file arguments are errors before anything is
built (bad [files] entries: tests/configs/bad/files-*.toml, test_config.py)."""
from __future__ import annotations

import random

import pytest

from conftest import ROOT, bulkhead, run_lines

CONF = "# bulkhead boot file\nname=bulkhead\nthreads = 4\nempty=\n"


def _djb2(data: bytes) -> int:
    h = 5381
    for c in data:
        h = (h * 33 + c) & 0xFFFFFFFFFFFFFFFF
    return h


@pytest.mark.qemu
@pytest.mark.parametrize("name", ["none", "mpk3", "mpk3-private", "vm3-exit"])
def test_files_passed_by_the_run_are_read_with_fopen(tmp_path, name: str) -> None:
    conf, blob = tmp_path / "app.conf", tmp_path / "blob.bin"
    conf.write_text(CONF)
    blob.write_bytes(random.Random(name).randbytes(10000))
    out = run_lines(f"conffile/{name}", "conffile:", "180",
                    "--file", f"{conf}:/etc/conffile/app.conf", "--file", f"{blob}:/data/blob.bin")
    assert out == [
        "conffile: setting name = bulkhead",
        "conffile: setting threads  =  4",
        "conffile: setting empty = ",
        f"conffile: app.conf 4 lines, {len(CONF)} bytes, djb2 {_djb2(CONF.encode())}",
        f"conffile: blob.bin 10000 bytes, djb2 {_djb2(blob.read_bytes())}",
        "conffile: a file nobody passed: No such file or directory",
    ]


@pytest.mark.qemu
@pytest.mark.parametrize("name", ["none", "mpk3", "mpk3-private", "vm3-exit"])
def test_files_listed_in_the_configuration_are_read_with_fopen(tmp_path, name: str) -> None:
    """The same files from the configuration's [files] table (host paths relative to its folder), no --file:
    ./bulkhead run passes them as -fw_cfg exactly as it does --file's."""
    (tmp_path / "app.conf").write_text(CONF)
    (tmp_path / "data").mkdir()
    blob = tmp_path / "data" / "blob.bin"
    blob.write_bytes(random.Random("files-" + name).randbytes(10000))
    text = (ROOT / "configs" / "conffile" / f"{name}.toml").read_text()
    config = tmp_path / f"{name}.toml"
    config.write_text(text.replace(f'name = "conffile-{name}"', f'name = "conffile-{name}-files"', 1)
                      + '\n[files]\n"/etc/conffile/app.conf" = "app.conf"\n"/data/blob.bin" = "data/blob.bin"\n')
    assert "[files]" in config.read_text()
    res = bulkhead("run", str(config), "--timeout", "180", timeout=900)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [l.split("]", 1)[-1].lstrip() if l.startswith("[") else l for l in res.stdout.splitlines()]
    assert [l for l in lines if l.startswith("conffile:")] == [
        "conffile: setting name = bulkhead",
        "conffile: setting threads  =  4",
        "conffile: setting empty = ",
        f"conffile: app.conf 4 lines, {len(CONF)} bytes, djb2 {_djb2(CONF.encode())}",
        f"conffile: blob.bin 10000 bytes, djb2 {_djb2(blob.read_bytes())}",
        "conffile: a file nobody passed: No such file or directory",
    ]
    # the image remembers them (config.json next to it): booting the image itself passes them too, and a
    # --file for a guest path the configuration already gives is refused
    elf = ROOT / "build" / "images" / f"conffile-{name}-files" / "image.elf"
    twice = bulkhead("run", str(elf), "--file", f"{tmp_path / 'app.conf'}:/etc/conffile/app.conf", timeout=60)
    assert twice.returncode != 0 and "/etc/conffile/app.conf is given twice" in twice.stderr, twice.stderr


@pytest.mark.fast
@pytest.mark.parametrize("spec,message", [
    ("nocolon", "expected HOST:/GUEST"),
    ("{tmp}/app.conf:relative/path", "expected HOST:/GUEST"),
    ("{tmp}/app.conf:/dir/", "expected HOST:/GUEST"),
    ("{tmp}/missing.conf:/etc/x.conf", "is not a readable file"),
    ("{tmp}/app.conf:/" + "x" * 52, "at most 51 characters"),
    ("{tmp}/app.conf:/a,b", "no comma"),
])
def test_bad_file_arguments(tmp_path, spec: str, message: str) -> None:
    (tmp_path / "app.conf").write_text(CONF)
    res = bulkhead("run", str(ROOT / "configs" / "conffile" / "none.toml"), "--file", spec.format(tmp=tmp_path),
                   timeout=60)
    assert res.returncode != 0 and "Traceback" not in res.stderr, res.stderr
    assert "--file" in res.stderr and message in res.stderr, res.stderr
    assert "linking" not in res.stderr     # refused before any build
