"""What components need: `requires = [...]` in a component.toml, followed transitively.

An app names the libraries it calls (apps/<app>/app.toml `libs`, or `requires` in the component.toml
of the component that calls them); each library names the ones its own code includes or calls
(libs/libc: vfs and time; vfs: ramfs).  The driver adds what is required, so
`libs = ["libc"]` compiles, and the configuration check names every added library that no compartment
holds and which library required it.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from . import paths
from .diag import BulkheadError, Location


def requires(lib: str) -> list[str]:
    """The libraries libs/<lib>/component.toml requires (validated: a list of known library names)."""
    return _requires(paths.LIBS_DIR / lib / "component.toml", f"library '{lib}'")


def _requires(desc: Path, who: str) -> list[str]:
    if not desc.is_file():
        return []
    try:
        data = tomllib.loads(desc.read_text())
    except tomllib.TOMLDecodeError as e:
        raise BulkheadError(f"malformed component description: {e}", Location(desc)) from e
    req = data.get("requires", [])
    if not (isinstance(req, list) and all(isinstance(r, str) for r in req)):
        raise BulkheadError("'requires' must be a list of library names", Location(desc))
    for r in req:
        if not (paths.LIBS_DIR / r).is_dir():
            raise BulkheadError(f"{who} requires unknown library '{r}'", Location(desc),
                                f"libraries: {', '.join(known())}")
    return req


def known() -> list[str]:
    return sorted(p.name for p in paths.LIBS_DIR.iterdir() if p.is_dir())


def _shown(desc: Path) -> str:
    return str(desc.relative_to(paths.ROOT)) if desc.is_relative_to(paths.ROOT) else str(desc)


def closure(libs: list[str], app_dir: Path) -> dict[str, str | None]:
    """Every library the app needs, in a stable order (app.toml's `libs` first, then what the app's
    components and those libraries require, breadth first), each mapped to who first required it
    ("library 'vfs' (libs/vfs/component.toml)"; None: named by app.toml)."""
    out: dict[str, str | None] = {lib: None for lib in libs}
    queue = list(libs)
    for sub in sorted(d for d in app_dir.iterdir() if d.is_dir()):
        desc = sub / "component.toml"
        for r in _requires(desc, f"component '{sub.name}'"):
            if r not in out:
                out[r] = f"component '{sub.name}' ({_shown(desc)})"
                queue.append(r)
    while queue:
        lib = queue.pop(0)
        for r in requires(lib):
            if r not in out:
                out[r] = f"library '{lib}' ({_shown(paths.LIBS_DIR / lib / 'component.toml')})"
                queue.append(r)
    return out
