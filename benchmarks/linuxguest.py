"""A Debian Linux guest for the benchmarks: Debian's own kernel and programs, in an initramfs.

Shared by benchmarks/sqlite/run.py (fig-10) and benchmarks/iperf/run.py (fig-09), so both compare
bulkhead with the same Linux under the same QEMU.  Everything comes from Debian's archive by
`apt-get download` (the kernel behind `linux-image-amd64`, busybox-static, whatever else a benchmark
names), unpacked with `dpkg-deb -x` into a cache under build/, once; the initramfs is rebuilt on each
call (it is cheap) from a root folder the benchmark fills.
"""
from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class GuestError(SystemExit):
    """A failure preparing the guest: its message names what failed (exits non-zero, no traceback)."""


def sh(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise GuestError(f"linux guest: {' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return proc.stdout


def kernel_package() -> str:
    """The versioned kernel package that Debian's linux-image-amd64 stands for."""
    out = sh(["apt-cache", "depends", "linux-image-amd64"])
    m = re.search(r"Depends: (linux-image-\S+-amd64)", out)
    if not m:
        raise GuestError("linux guest: cannot find the kernel package behind linux-image-amd64 (apt-get update?)")
    return m.group(1)


def fetch(cache: Path, packages: list[str], log=None) -> Path:
    """Debian's kernel, busybox-static and `packages`, unpacked into cache/x (downloaded once: the
    list of what was unpacked is kept in cache/packages.txt).  Returns cache/x."""
    pkgs = [kernel_package(), "busybox-static", *packages]
    x = cache / "x"
    stamp = cache / "packages.txt"
    if stamp.is_file() and stamp.read_text() == "\n".join(pkgs) and x.is_dir():
        return x
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    if log:
        log(f"downloading {', '.join(pkgs)} (apt-get download)")
    sh(["apt-get", "download", "-q", *pkgs], cwd=cache)
    for deb in sorted(cache.glob("*.deb")):
        sh(["dpkg-deb", "-x", str(deb), str(x)])
        deb.unlink()
    stamp.write_text("\n".join(pkgs))
    return x


def vmlinuz(x: Path) -> Path:
    found = sorted((x / "boot").glob("vmlinuz-*"))
    if not found:
        raise GuestError(f"linux guest: no vmlinuz-* in {x / 'boot'} (the kernel package did not unpack)")
    return found[0]


def busybox_root(root: Path, x: Path, applets: list[str]) -> None:
    """A fresh root folder with busybox and the applets named (symlinks), and the usual mount points."""
    shutil.rmtree(root, ignore_errors=True)
    for d in ("bin", "sbin", "proc", "sys", "dev", "tmp", "lib", "lib64", "etc"):
        (root / d).mkdir(parents=True)
    shutil.copy(x / "bin" / "busybox", root / "bin" / "busybox")
    for app in applets:
        (root / "bin" / app).symlink_to("busybox")


def add_dynamic(root: Path, binary: Path, libdirs: list[Path], dest: str) -> None:
    """A dynamically linked program at root/dest, with the shared libraries `ldd` lists for it
    (looked up first in `libdirs`, the unpacked packages', then the host's: same Debian release),
    each at the path the loader looks for it."""
    env = {"LD_LIBRARY_PATH": ":".join(map(str, libdirs)), "PATH": "/usr/bin:/bin"}
    out = sh(["ldd", str(binary)], env=env)
    target = root / dest.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(binary, target)
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (/\S+)", line) or re.match(r"\s*(/\S+) \(", line)
        if not m:
            continue
        name, path = (m.group(1), m.group(2)) if m.lastindex == 2 else (m.group(1), m.group(1))
        src = Path(path)
        dst = root / "lib" / Path(name).name if not name.startswith("/") else root / name.lstrip("/")
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src.resolve(), dst)


def kernel_modules(x: Path, names: list[str]) -> list[str]:
    """The modules `names` need, in load order, as paths under lib/modules/<version>/: the kernel
    package ships no modules.dep (the postinst makes it), so busybox's depmod writes one into the
    cache first."""
    moddir = next(iter(sorted((x / "lib" / "modules").iterdir())), None)
    if moddir is None:
        raise GuestError(f"linux guest: no lib/modules in {x}")
    dep = moddir / "modules.dep"
    if not dep.is_file():
        sh([str(x / "bin" / "busybox"), "depmod", "-b", str(x), moddir.name])
    deps: dict[str, list[str]] = {}
    for line in dep.read_text().splitlines():
        mod, _, rest = line.partition(":")
        deps[mod] = rest.split()
    by_name = {Path(m).name.split(".ko")[0].replace("-", "_"): m for m in deps}
    order: list[str] = []

    def load(mod: str) -> None:
        if mod in order:
            return
        for d in reversed(deps.get(mod, [])):   # each line lists every module it needs
            load(d)
        order.append(mod)

    for n in names:
        if n not in by_name:
            raise GuestError(f"linux guest: no module {n} in {moddir} (built into the kernel? check its config)")
        load(by_name[n])
    return [f"lib/modules/{moddir.name}/{m}" for m in order]


def copy_modules(root: Path, x: Path, mods: list[str]) -> None:
    for m in mods:
        dst = root / m
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(x / m, dst)


def initramfs(root: Path, out: Path) -> Path:
    """root packed as a gzip'd newc cpio (what -initrd takes)."""
    listing = subprocess.run(["find", "."], cwd=root, capture_output=True, text=True, check=True).stdout
    cpio = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=root, input=listing.encode(),
                          capture_output=True, check=True).stdout
    out.write_bytes(gzip.compress(cpio, 6))
    return out


def write_init(root: Path, script: str) -> None:
    init = root / "init"
    init.write_text(script)
    init.chmod(0o755)


if __name__ == "__main__":   # not a program
    sys.exit("benchmarks/linuxguest.py is a module of benchmarks/*/run.py")
