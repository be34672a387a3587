"""Code from outside the repository: Debian source packages (the deb-src entry, `apt-get source`,
unpacked once under build/sources/) and a component's `sources = {...}` in its component.toml (a
Debian source package or a folder anywhere, compiled unchanged as that component)."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from . import paths
from .diag import BulkheadError, Location, info

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


def tree_link(pkg: str) -> Path:
    """build/sources/<pkg>/tree: a stable name for the unpacked tree, known before it is fetched."""
    return SOURCES_DIR / pkg / "tree"


def source(pkg: str) -> Path:
    """The unpacked Debian source tree of `pkg` (apt-get source, once): build/sources/<pkg>/<pkg>-<ver>/,
    also reachable as build/sources/<pkg>/tree."""
    dest = SOURCES_DIR / pkg
    done = dest / ".unpacked"
    if done.is_file():
        tree = dest / done.read_text().strip()
        if not tree_link(pkg).is_symlink():
            tree_link(pkg).symlink_to(tree.name)
        return tree
    ensure_packages("dpkg-dev")
    ensure_deb_src()
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    info(f"fetching the Debian source of {pkg} (apt-get source)")
    _fetch(pkg, dest)
    trees = [d for d in dest.iterdir() if d.is_dir()]
    if len(trees) != 1:
        raise BulkheadError(f"apt-get source {pkg} unpacked {len(trees)} trees in {dest}")
    tree_link(pkg).symlink_to(trees[0].name)
    done.write_text(trees[0].name + "\n")
    return trees[0]


def _release() -> str:
    """The Debian release's codename (/etc/os-release VERSION_CODENAME), or "" when it says none."""
    try:
        text = Path("/etc/os-release").read_text()
    except OSError:
        return ""
    for line in text.splitlines():
        if line.startswith("VERSION_CODENAME="):
            return line.split("=", 1)[1].strip().strip('"')
    return ""


def _fetch(pkg: str, dest: Path) -> None:
    """apt-get source `pkg` into the empty folder `dest`: the newest version the deb-src entries offer,
    then, if the archive does not serve it (a mirror without the security archive's sources answers
    404 for zlib's +deb12u1), the release's own version (`pkg/bookworm`).  An attempt whose .dsc came
    but not every file it names may be completed from local files (_unpack_with_local_files); the last
    attempt's error is the one raised."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    release = _release()
    attempts = [pkg, *([f"{pkg}/{release}"] if release else [])]
    for i, spec in enumerate(attempts):
        for old in dest.iterdir():
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        proc = subprocess.run(["apt-get", "source", "-q", spec], cwd=dest, env=env, capture_output=True, text=True)
        if proc.returncode == 0:
            return
        try:
            _unpack_with_local_files(pkg, dest, proc.stderr.strip())
            return
        except BulkheadError:
            if i == len(attempts) - 1:
                raise
            info(f"apt-get source {spec} failed; trying {attempts[i + 1]} (the release's own version)")


def local_file_dirs() -> list[Path]:
    """Folders searched for a source package's files that the archive does not serve:
    $BULKHEAD_SOURCE_FILES (colon-separated), then ../shared/sources beside the repository."""
    extra = [Path(p) for p in os.environ.get("BULKHEAD_SOURCE_FILES", "").split(":") if p]
    return [*extra, paths.ROOT.parent / "shared" / "sources"]


def _dsc_files(dsc: Path) -> dict[str, str]:
    """The files a .dsc names, with their SHA-256 (its Checksums-Sha256 field)."""
    out: dict[str, str] = {}
    inside = False
    for line in dsc.read_text(errors="replace").splitlines():
        if line.startswith("Checksums-Sha256:"):
            inside = True
        elif inside and line.startswith(" ") and len(line.split()) == 3:
            digest, _size, name = line.split()
            out[name] = digest
        elif inside:
            inside = False
    return out


def _unpack_with_local_files(pkg: str, dest: Path, apt_err: str) -> None:
    """`apt-get source` failed.  When the archive served the .dsc but not every file it names (a mirror
    that lacks an upstream tarball answers 404: a final no), the missing files may come from
    local_file_dirs(), checked against the .dsc's SHA-256 here and again by dpkg-source, which then
    unpacks and applies Debian's patches exactly as apt-get source does.  Otherwise the error says
    which file is missing, its checksum and where to put it."""
    dscs = sorted(dest.glob("*.dsc"))
    if len(dscs) != 1:
        raise BulkheadError(f"apt-get source {pkg} failed:\n{apt_err}")
    wanted = _dsc_files(dscs[0])
    missing = [n for n in wanted if not (dest / n).is_file()]
    for name in missing:
        for d in local_file_dirs():
            cand = d / name
            if cand.is_file() and hashlib.sha256(cand.read_bytes()).hexdigest() == wanted[name]:
                info(f"{name}: not in the archive, taken from {d} (SHA-256 as the .dsc says)")
                shutil.copyfile(cand, dest / name)
                break
    still = [n for n in missing if not (dest / n).is_file()]
    if still or not missing:
        where = ", ".join(str(d) for d in local_file_dirs())
        raise BulkheadError(
            f"apt-get source {pkg} failed:\n{apt_err}" + "".join(
                f"\n{n}: not served by the archive (SHA-256 {wanted[n]})" for n in still),
            hint=(f"put {', '.join(still)} (the exact file the .dsc names, checked by its SHA-256) in one of: "
                  f"{where} ($BULKHEAD_SOURCE_FILES adds folders), then build again") if still
            else "check the network and apt sources")
    proc = subprocess.run(["dpkg-source", "-x", dscs[0].name], cwd=dest, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BulkheadError(f"dpkg-source -x {dscs[0].name} failed in {dest}:\n{proc.stderr.strip()}")


SOURCES_KEYS = {"debian", "path", "files", "include"}


class External:
    """A component's `sources = { debian = "PKG" | path = "DIR", files = [...], include = [...] }`:
    C files of a tree outside the repository, compiled unchanged as this component (flags from its
    component.toml `cflags`).  `files` are glob patterns and `include` folders, both relative to the
    tree's top; `path` is relative to the component's folder (or absolute, `~` allowed).  The include
    folders serve the component and, for a library, every component of the app (like a provider's).
    Acts as a component provider (components.provider): include_dirs, sources, digest, archive."""

    def __init__(self, spec: dict[str, Any], desc: Path) -> None:
        self.desc = desc
        self.spec = spec
        self.package: str | None = spec.get("debian")
        if self.package is not None:
            self.root = tree_link(self.package)
        else:
            self.root = (desc.parent / Path(spec["path"]).expanduser()).resolve()
        self.patterns: list[str] = list(spec["files"])
        self.include: list[str] = list(spec.get("include", ["."]))

    def __str__(self) -> str:
        return "sources"

    def _tree(self) -> Path:
        """The tree, fetched (Debian) on first use: not while a configuration is only checked."""
        return source(self.package) if self.package is not None else self.root

    def include_dirs(self) -> list[Path]:
        return [self.root / d for d in self.include]

    def sources(self) -> list[Path]:
        tree = self._tree()
        files: list[Path] = []
        for pat in self.patterns:
            got = sorted(f for f in tree.glob(pat) if f.is_file())
            if not got:
                raise BulkheadError(f"sources: the pattern '{pat}' matches no file in {tree}", Location(self.desc),
                                    "patterns are relative to the top of the source tree")
            files += got
        return list(dict.fromkeys(files))

    def digest(self) -> str:
        """The spec and the tree's name (a Debian version); the files' contents are keyed by the caller."""
        name = self._tree().name if self.package is not None else str(self.root)
        return hashlib.sha256(json.dumps([self.spec, name], sort_keys=True).encode()).hexdigest()[:16]

    def archive(self, component: str, out: Path) -> None:
        return None


def from_description(data: dict[str, Any], desc: Path) -> External:
    """The `sources` table of a component.toml, validated (errors name the file)."""
    spec = data["sources"]
    if "build" in data:
        raise BulkheadError("a component has either 'build' or 'sources', not both", Location(desc))
    if not isinstance(spec, dict):
        raise BulkheadError("'sources' must be a table: { debian = \"PKG\" or path = \"DIR\", files = [...] }",
                            Location(desc))
    unknown = set(spec) - SOURCES_KEYS
    if unknown:
        raise BulkheadError(f"unknown key(s) {sorted(unknown)} in 'sources'", Location(desc),
                            f"keys: {', '.join(sorted(SOURCES_KEYS))}")
    if ("debian" in spec) == ("path" in spec):
        raise BulkheadError("'sources' needs exactly one of 'debian' (a Debian source package) and 'path' "
                            "(a folder)", Location(desc))
    origin = spec.get("debian", spec.get("path"))
    if not isinstance(origin, str) or not origin:
        raise BulkheadError("'sources': 'debian' and 'path' are non-empty strings", Location(desc))
    if "files" not in spec:
        raise BulkheadError("'sources' needs 'files': glob patterns of the C files to compile", Location(desc))
    for key in ("files", "include"):
        v = spec.get(key, ["."])
        if not (isinstance(v, list) and v and all(isinstance(x, str) and x for x in v)):
            raise BulkheadError(f"'sources': '{key}' must be a non-empty list of strings", Location(desc))
    ext = External(spec, desc)
    if ext.package is None and not ext.root.is_dir():
        raise BulkheadError(f"sources path '{origin}' is not a folder (resolved to {ext.root})", Location(desc),
                            "a path is relative to the component's folder, or absolute")
    return ext
