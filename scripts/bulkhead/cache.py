"""The build cache: entries keyed on what made them, checked before reuse, written whole or not at all.

An *entry* is one thing built once and reused: a component's tagged bitcode, an assembled object, a
provider's archive.  It lives in a folder as `<key>.<suffix>` (the outputs) plus `<key>.json` (the
record), guarded by `<key>.lock` (lock.py).  The key is a hash of what the caller says decides the
output (compiler, flags with the include-path list, the list of sources); the record adds the hash of
every file the compiler actually read (its -MD dependency file) and of every output.  An entry is
reused only when all of these still match, so

* a header changed anywhere, even one reached as `../lib/lib.h`, rebuilds exactly the entries whose
  compiles read it, and nothing else;
* two apps that compile a library with equal flags from equal files share one entry;
* an output corrupted on disk (a truncated or overwritten .bc) is noticed and rebuilt, never handed
  to LLD.

Work happens in a private folder `<thing>.<pid>.<random>.tmp` next to what it builds, made while
holding the thing's lock and removed whatever happens; what a killed process left is removed by the
next one that holds the lock (`sweep`).  Outputs move into place by rename, the record last.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import lock
from .diag import BulkheadError, info

# <thing>.<pid>.<random>.tmp: a work folder or file (mkdtemp's random part is [a-z0-9_])
_TMP = re.compile(r"^(?P<thing>[^.]+)\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.tmp$")
# Below this much free space a tool that crashed or failed while writing counts as out of space: LLD
# writes its output through a mapping and dies of SIGBUS ("PLEASE submit a bug report") on a full disk.
LOW_SPACE = 1 << 20


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Entry:
    base: Path      # folder/<first 16 hex digits of the key>
    key: str
    what: str       # for messages: "component kernel"

    def output(self, suffix: str) -> Path:
        return self.base.with_name(self.base.name + suffix)

    @property
    def record(self) -> Path:
        return self.output(".json")


def entry(folder: Path, key_parts: list, what: str) -> Entry:
    """The entry in `folder` for an output decided by `key_parts` (JSON-serialisable)."""
    key = hashlib.sha256(json.dumps(key_parts, sort_keys=True).encode()).hexdigest()
    return Entry(folder / key[:16], key, what)


def reusable(e: Entry) -> bool:
    """Whether entry `e` may be used as it is (call it holding e's lock): its record names this key,
    every file its build read still has the recorded hash, and every output has its recorded hash."""
    try:
        rec = json.loads(e.record.read_text())
        deps, outputs = dict(rec["deps"]), dict(rec["outputs"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if rec.get("key") != e.key or not outputs:
        return False
    for dep, digest in deps.items():
        try:
            if file_hash(Path(dep)) != digest:
                return False
        except OSError:          # a file it read is gone: rebuild (and let the compiler say what is missing)
            return False
    for suffix, digest in outputs.items():
        out = e.output(suffix)
        try:
            ok = file_hash(out) == digest
        except OSError:
            ok = False
        if not ok:
            info(f"cache: {out} does not match its recorded hash (corrupt or missing): building {e.what} again")
            return False
    return True


def read_depfile(path: Path) -> list[Path]:
    """The prerequisites in a make-style dependency file written by `clang -MD -MF path` (the source and
    every header the compile read, system headers included), as absolute paths."""
    text = path.read_text().replace("\\\n", " ")
    _, sep, rest = text.partition(": ")
    if not sep:
        raise BulkheadError(f"unreadable dependency file {path}")
    # whitespace separates names; a backslash escapes a space (and '#'), '$$' is '$'
    names = re.findall(r"(?:\\.|[^\s\\])+", rest)
    return [Path(re.sub(r"\\(.)", r"\1", n).replace("$$", "$")).absolute() for n in names]


def dep_hashes(files: list[Path], since_ns: int) -> dict[str, str]:
    """Hashes of the files a build read.  A file changed after the build started (since_ns) may not be
    what was compiled: it is recorded with no hash, so the next build compiles again."""
    out: dict[str, str] = {}
    for f in files:
        key = str(f)
        try:
            changed = f.stat().st_mtime_ns >= since_ns
            out[key] = "" if changed else file_hash(f)
        except OSError:
            out[key] = ""
    return out


def publish(e: Entry, work: Path, outputs: dict[str, Path], deps: dict[str, str]) -> None:
    """Move the work files `outputs` (suffix -> file in `work`) into entry `e` and write its record last.
    Call it holding e's lock.  Every step is a rename within one folder: a kill leaves either the old
    entry or an entry whose record does not match, which the next build rebuilds."""
    e.record.unlink(missing_ok=True)
    hashes = {}
    for suffix, tmp in outputs.items():
        hashes[suffix] = file_hash(tmp)
        os.replace(tmp, e.output(suffix))
    rec = work / "record.json"
    rec.write_text(json.dumps({"key": e.key, "what": e.what, "outputs": hashes, "deps": deps}, indent=1) + "\n")
    os.replace(rec, e.record)


@contextlib.contextmanager
def work(thing: Path) -> Iterator[Path]:
    """A private work folder next to `thing`, removed when the body ends however it ends.  Call it
    holding thing's lock: it first removes what earlier, killed processes left for `thing`."""
    thing.parent.mkdir(parents=True, exist_ok=True)
    for old in thing.parent.glob(f"{thing.name}.*.tmp"):
        if _TMP.match(old.name) and _TMP.match(old.name)["thing"] == thing.name:
            _remove(old)
    d = Path(tempfile.mkdtemp(prefix=f"{thing.name}.{os.getpid()}.", suffix=".tmp", dir=thing.parent))
    try:
        yield d
    finally:
        _remove(d)


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            p.unlink()


def sweep(*folders: Path) -> int:
    """Remove the work folders and files that killed processes left below `folders`: a `.tmp` whose
    thing's lock nobody holds is nobody's work.  Returns how many were removed."""
    removed = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for top, dirs, files in os.walk(folder):
            for name in [*dirs, *files]:
                tmp = Path(top) / name
                m = _TMP.match(name)
                if not m:
                    # <file>.<pid>.tmp of earlier versions (no lock): removed once its process is gone
                    old = _OLD_TMP.search(name)
                    if old and not _alive(int(old["pid"])):
                        _remove(tmp)
                        removed += 1
                    continue
                thing = tmp.with_name(m["thing"])
                if int(m["pid"]) == os.getpid() or not lock.lock_path(thing).exists():
                    continue       # ours, or not made under one of our locks: not ours to judge
                with lock.attempt(thing) as free:
                    if free and tmp.exists():
                        _remove(tmp)
                        removed += 1
            dirs[:] = [d for d in dirs if not _TMP.match(d)]
    return removed


_OLD_TMP = re.compile(r"\.(?P<pid>\d+)\.tmp$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# renameat2(2) with RENAME_EXCHANGE swaps two paths atomically, folders included (Linux >= 3.15).
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    if libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False                 # a file system or kernel without it: the caller falls back
    raise OSError(err, os.strerror(err), str(b))


def replace_dir(new: Path, final: Path) -> None:
    """Put folder `new` in place of `final` whole (call it holding final's lock).  Readers see the old
    folder or the new one, never a mix: the two are swapped in one step, and the old contents end up
    at `new`, for the caller's work() to remove.  Without renameat2 the old folder is moved aside first
    (named like a work folder, so a kill in between leaves litter that sweep() removes)."""
    if not final.exists():
        os.rename(new, final)
        return
    if _exchange(new, final):
        return
    aside = final.with_name(f"{final.name}.{os.getpid()}.old.tmp")
    os.rename(final, aside)
    os.rename(new, final)
    os.rename(aside, new)


# ---------------------------------------------------------------------------------------------------
# Full disks

def _mount_of(path: Path) -> Path:
    p = path.absolute()
    while not p.exists():
        p = p.parent
    while not os.path.ismount(p):
        p = p.parent
    return p


def no_space(path: Path) -> BulkheadError:
    mount = _mount_of(path)
    try:
        free = f"{shutil.disk_usage(mount).free // 1024} KiB free"
    except OSError:
        free = "free space unknown"
    return BulkheadError(f"no space left on {path} (file system {mount}, {free})",
                         hint="free some space there, or point BULKHEAD_BUILD at a larger disk, and run again")


def out_of_space(output: str, folder: Path) -> bool:
    """Whether a tool that failed while writing into `folder` failed for want of space: it said so, or
    the file system is (nearly) full now."""
    if "No space left on device" in output or "Disk quota exceeded" in output:
        return True
    try:
        return shutil.disk_usage(_mount_of(folder)).free < LOW_SPACE
    except OSError:
        return False


@contextlib.contextmanager
def disk_errors(folder: Path) -> Iterator[None]:
    """Turn a full disk met by Python code writing below `folder` into an error that names `folder`."""
    try:
        yield
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            raise no_space(folder) from None
        raise


def now_ns() -> int:
    """A time to compare file modification times with (one tick back: coarse file-system clocks)."""
    return time.time_ns() - 10_000_000
