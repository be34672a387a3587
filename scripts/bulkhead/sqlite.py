"""SQLite from Debian's sqlite3 source package, as a component provider (`build = "sqlite"`).

`apt-get source sqlite3` (scripts/bulkhead/sources.py; Debian's patches applied by dpkg-source), then
the amalgamation sqlite3.c is generated the way upstream's Makefile does it (`configure`, `make
sqlite3.c`: needs tclsh, from Debian's tcl package).  The sources are not edited; the component's
compile-time options live in libs/sqlite/component.toml (`cflags`).  Cached under build/sqlite/.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from . import paths, sources as debsrc
from .diag import BulkheadError, info

PACKAGE = "sqlite3"
ROOT = paths.BUILD / "sqlite"


def amalgamation_dir() -> Path:
    return ROOT / "amalgamation"


def include_dirs() -> list[Path]:
    return [amalgamation_dir()]


def digest() -> str:
    stamp = ROOT / "stamp"
    return stamp.read_text().strip() if stamp.is_file() else "unbuilt"


def ensure() -> Path:
    """build/sqlite/amalgamation/sqlite3.c (and sqlite3.h), generated once from the Debian source."""
    out = amalgamation_dir()
    stamp = ROOT / "stamp"
    if stamp.is_file() and (out / "sqlite3.c").is_file() and (out / "sqlite3.h").is_file():
        return out
    src = debsrc.source(PACKAGE)
    debsrc.ensure_packages("tcl")
    work = ROOT / "gen"
    shutil.rmtree(ROOT, ignore_errors=True)
    work.mkdir(parents=True)
    info(f"generating the SQLite amalgamation from {src.name} (configure; make sqlite3.c)")
    for cmd, what in (([str(src / "configure"), "CC=clang-19", "--disable-tcl"], "configuring sqlite"),
                      (["make", "sqlite3.c", "sqlite3.h"], "generating sqlite3.c")):
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BulkheadError(f"{what} failed:\n{(proc.stderr + proc.stdout)[-3000:]}")
    out.mkdir()
    for f in ("sqlite3.c", "sqlite3.h", "sqlite3ext.h"):
        shutil.copy(work / f, out / f)
    version = (src / "VERSION").read_text().strip()
    shutil.rmtree(work, ignore_errors=True)
    stamp.write_text(f"{src.name}-{version}\n")
    return out


def source_version() -> str:
    ensure()
    return digest()


def sources() -> list[Path]:
    return [ensure() / "sqlite3.c"]


def archive(component: str, out: Path) -> None:
    return None
