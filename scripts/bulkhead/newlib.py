"""newlib 3.3.0 from Debian's newlib-source, built once with clang (scripts/bulkhead/toolchain.py) as full-LTO bitcode archives.

A component whose component.toml says `build = "newlib"` (libs/libc) gets, besides its own C sources
(the system-call layer), the members of newlib's libc.a and libm.a, each tagged with the component's
name and gathered in one bitcode archive: LLD pulls only the members the image needs, so LTO and the
pass see only the libc code a program uses.  Members that are not bitcode (newlib's x86_64 assembly:
memcpy, memset, setjmp) are left out: the kernel's neutral string functions serve instead.

Recipe: /work/shared/reference/platform-notes.md ("newlib 3.3.0 from Debian's newlib-source").
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from . import cache, lock, paths, toolchain
from . import sources as debsrc
from .diag import BulkheadError, info

TARBALL = Path("/usr/src/newlib/newlib-3.3.0.tar.xz")
ROOT = paths.BUILD / "newlib"
TARGET = "x86_64-elf"
CFLAGS = ["-O2", "-flto=full", "-ffreestanding", "-fno-pic", "-fno-pie", "-mno-red-zone", "-fno-stack-protector",
          "-fno-omit-frame-pointer", "-Wno-error=implicit-function-declaration", "-Wno-error=implicit-int",
          "-Wno-error=int-conversion", "-Wno-error=incompatible-pointer-types", "-w"]
CONFIGURE = [f"--target={TARGET}", "--disable-multilib", "--disable-newlib-supplied-syscalls",
             "--enable-newlib-io-long-long", "--enable-newlib-io-c99-formats", "--disable-nls"]


# Members left out of the component: stack_protector.o has a constructor (__stack_chk_init; the
# kernel runs no constructors and the image has no .init_array), and LLD extracts it anyway because
# it defines a runtime-libcall name (__stack_chk_fail).  Nothing is compiled with stack protectors.
EXCLUDE = ("stack_protector",)


def _key() -> str:
    h = hashlib.sha256()
    h.update(repr((CFLAGS, CONFIGURE, toolchain.TARGET, toolchain.clang_version())).encode())
    h.update(str(TARBALL.stat().st_size if TARBALL.is_file() else 0).encode())
    return h.hexdigest()[:16]


def install_dir() -> Path:
    return ROOT / "install"


def include_dir() -> Path:
    return install_dir() / TARGET / "include"


def archives() -> list[Path]:
    lib = install_dir() / TARGET / "lib"
    return [lib / "libc.a", lib / "libm.a"]


def digest() -> str:
    """What the built archives and the tagged members depend on (for the component cache key)."""
    return hashlib.sha256((_key() + repr(EXCLUDE)).encode()).hexdigest()[:16]


def _intact() -> bool:
    """Whether the build under ROOT is the one _key() describes and its archives are as it left them."""
    try:
        text = (ROOT / "stamp").read_text()
        if text == _key() and all(a.is_file() for a in archives()):
            _stamp()         # a build stamped by an earlier version (no hashes): adopt it as it is
            text = (ROOT / "stamp").read_text()
        rec = json.loads(text)
    except (OSError, ValueError):
        return False
    if not isinstance(rec, dict) or rec.get("key") != _key():
        return False
    for a in archives():
        try:
            ok = cache.file_hash(a) == rec.get("archives", {}).get(str(a))
        except OSError:
            ok = False
        if not ok:
            info(f"newlib: {a} does not match its recorded hash (corrupt or missing): building newlib again")
            return False
    return True


def ensure() -> None:
    """Build newlib once (about a minute on 2 cores); later calls check the stamp and the archives'
    hashes.  One process builds it at a time (lock.py); the others wait and reuse it."""
    with lock.exclusive(ROOT, "newlib"), cache.disk_errors(ROOT):
        if not _intact():
            _build()


def _build() -> None:
    debsrc.ensure_packages("newlib-source")
    if not TARBALL.is_file():
        raise BulkheadError(f"{TARBALL} is missing", hint="apt-get install newlib-source")
    shutil.rmtree(ROOT, ignore_errors=True)
    (ROOT / "src").mkdir(parents=True)
    info("building newlib 3.3.0 as LTO bitcode (once, about a minute)")
    with tarfile.open(TARBALL) as t:
        t.extractall(ROOT / "src")
    src = next(d for d in (ROOT / "src").iterdir() if d.is_dir())
    build = ROOT / "build"
    build.mkdir()
    tgt = f"--target={toolchain.TARGET}"
    env = dict(os.environ,
               CC_FOR_TARGET=f"{toolchain.CLANG} {tgt}", CXX_FOR_TARGET=f"{toolchain.CLANGXX} {tgt}",
               AR_FOR_TARGET=toolchain.LLVM_AR, RANLIB_FOR_TARGET=toolchain.tool("llvm-ranlib"),
               NM_FOR_TARGET=toolchain.LLVM_NM, AS_FOR_TARGET=f"{toolchain.CLANG} {tgt}", LD_FOR_TARGET=toolchain.LLD,
               OBJDUMP_FOR_TARGET=toolchain.LLVM_OBJDUMP, OBJCOPY_FOR_TARGET=toolchain.tool("llvm-objcopy"),
               STRIP_FOR_TARGET=toolchain.tool("llvm-strip"), READELF_FOR_TARGET=toolchain.tool("llvm-readelf"),
               CFLAGS_FOR_TARGET=" ".join(CFLAGS))
    for cmd, what in (([str(src / "configure"), f"--prefix={install_dir()}", *CONFIGURE], "configuring newlib"),
                      (["make", f"-j{os.cpu_count() or 2}", "all-target-newlib"], "building newlib"),
                      (["make", "install-target-newlib"], "installing newlib")):
        proc = subprocess.run(cmd, cwd=build, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            if cache.out_of_space(proc.stdout + proc.stderr, ROOT):
                raise cache.no_space(ROOT)
            (ROOT / "build.log").write_text(proc.stdout + proc.stderr)
            raise BulkheadError(f"{what} failed (log: {ROOT / 'build.log'}):\n{proc.stderr[-3000:]}")
    _stamp()


def _stamp() -> None:
    (ROOT / "stamp").write_text(json.dumps({"key": _key(), "archives": {str(a): cache.file_hash(a) for a in archives()}},
                                           indent=1) + "\n")


def tagged_archive(component: str, out: Path) -> Path:
    """newlib's bitcode members, each tagged bulkhead-tag<component>, in one archive `out` (the caller,
    components.extra_inputs, holds the cache entry's lock and removes out's folder afterwards)."""
    ensure()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=out.stem + ".members.", dir=out.parent))
    members: list[Path] = []
    for i, ar in enumerate(archives()):
        d = work / f"{i}-{ar.stem}"
        d.mkdir()
        toolchain.run([toolchain.LLVM_AR, "x", str(ar)], f"unpacking {ar}", cwd=d)
        members += sorted(d.iterdir())
    bitcode = [m for m in members if m.read_bytes()[:4] == b"BC\xc0\xde" and not any(x in m.name for x in EXCLUDE)]
    info(f"tagging {len(bitcode)} newlib members as component {component} "
         f"({len(members) - len(bitcode)} native members left out)")
    procs: list[tuple[Path, subprocess.Popen]] = []
    tagged: list[str] = []

    def reap(limit: int) -> None:
        while len(procs) > limit:
            m, p = procs.pop(0)
            _, err = p.communicate()
            if p.returncode != 0:
                raise BulkheadError(f"tagging newlib member {m.name} failed:\n{err.decode()}")
    for m in bitcode:
        t = m.with_name(m.parent.name + "-" + m.stem + ".t.o")
        procs.append((m, subprocess.Popen([toolchain.OPT, f"-load-pass-plugin={paths.PLUGIN}",
                                           f"-passes=bulkhead-tag<{component}>", str(m), "-o", str(t)],
                                          stderr=subprocess.PIPE)))
        tagged.append(str(t))
        reap(2 * (os.cpu_count() or 2))
    reap(0)
    tmp = work / "tagged.a"
    toolchain.run([toolchain.LLVM_AR, "rcs", str(tmp), *tagged], f"archiving {out}")
    os.replace(tmp, out)
    shutil.rmtree(work, ignore_errors=True)
    return out


# The component-provider interface (scripts/bulkhead/components.py: `build = "newlib"`).
def include_dirs() -> list[Path]:
    return [include_dir()]


def sources() -> list[Path]:
    ensure()          # the component's own sources (the system-call layer) need newlib's headers
    return []


def archive(component: str, out: Path) -> Path:
    return tagged_archive(component, out)
