"""Real sources from Debian: the deb-src entry, `apt-get source`, unpacked once under build/sources/."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import paths
from .diag import BulkheadError, info

SOURCES_DIR = paths.BUILD / "sources"
DEB_SRC_FILE = Path("/etc/apt/sources.list.d/bulkhead-deb-src.sources")
_DEB822 = Path("/etc/apt/sources.list.d/debian.sources")


def _apt(*args: str) -> None:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    proc = subprocess.run(["apt-get", *args], env=env, stdout=sys.stderr, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        raise BulkheadError(f"'apt-get {' '.join(args)}' failed", hint="check the network and apt sources")


def _has_deb_src() -> bool:
    for f in [Path("/etc/apt/sources.list"), *Path("/etc/apt/sources.list.d").glob("*")]:
        try:
            text = f.read_text()
        except OSError:
            continue
        if "deb-src" in text and not f.name.endswith(".disabled-by-farm"):
            return True
    return False


def ensure_deb_src() -> None:
    """Add a deb-src entry for the same archive and suites as the existing deb entry (root only)."""
    if _has_deb_src():
        return
    if os.geteuid() != 0:
        raise BulkheadError("no deb-src entry in the apt sources",
                            hint=f"as root, add one (see {DEB_SRC_FILE}) and run apt-get update")
    stanzas = []
    if _DEB822.is_file():
        for stanza in _DEB822.read_text().split("\n\n"):
            if "Types: deb" in stanza and "deb-src" not in stanza:
                stanzas.append(stanza.strip().replace("Types: deb", "Types: deb-src", 1))
    if not stanzas:
        stanzas = ["Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\n"
                   "Components: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg"]
    info(f"adding deb-src entries: {DEB_SRC_FILE}")
    DEB_SRC_FILE.write_text("# added by bulkhead (scripts/bulkhead/sources.py)\n" + "\n\n".join(stanzas) + "\n")
    _apt("update", "-q")


def ensure_packages(*pkgs: str) -> None:
    """Install Debian packages that a source build needs (as root)."""
    need = [p for p in pkgs
            if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
                              text=True).stdout.strip() != "install ok installed"]
    if not need:
        return
    if os.geteuid() != 0:
        raise BulkheadError(f"missing packages: {', '.join(need)}",
                            hint=f"run as root: apt-get install -y --no-install-recommends {' '.join(need)}")
    info(f"installing {', '.join(need)}")
    _apt("install", "-y", "-q", "--no-install-recommends", *need)


def source(pkg: str) -> Path:
    """The unpacked Debian source tree of `pkg` (apt-get source, once): build/sources/<pkg>/<pkg>-<ver>/."""
    dest = SOURCES_DIR / pkg
    done = dest / ".unpacked"
    if done.is_file():
        return dest / done.read_text().strip()
    ensure_packages("dpkg-dev")
    ensure_deb_src()
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    info(f"fetching the Debian source of {pkg} (apt-get source)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    proc = subprocess.run(["apt-get", "source", "-q", pkg], cwd=dest, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BulkheadError(f"apt-get source {pkg} failed:\n{proc.stderr.strip()}")
    trees = [d for d in dest.iterdir() if d.is_dir()]
    if len(trees) != 1:
        raise BulkheadError(f"apt-get source {pkg} unpacked {len(trees)} trees in {dest}")
    done.write_text(trees[0].name + "\n")
    return trees[0]
