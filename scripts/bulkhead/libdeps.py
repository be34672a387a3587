"""What libraries need: `requires = [...]` in libs/<lib>/component.toml, followed transitively.

An app names the libraries it calls (apps/<app>/app.toml `libs`); each library names the ones its own
code includes or calls (libs/libc: vfs and time; vfs: ramfs).  The driver adds what is required, so
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
    desc = paths.LIBS_DIR / lib / "component.toml"
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
            raise BulkheadError(f"library '{lib}' requires unknown library '{r}'", Location(desc),
                                f"libraries: {', '.join(known())}")
    return req


def known() -> list[str]:
    return sorted(p.name for p in paths.LIBS_DIR.iterdir() if p.is_dir())


def closure(libs: list[str]) -> dict[str, str | None]:
    """Every library the app needs, in a stable order (the app's own first, then what they require,
    breadth first), each mapped to the library that first required it (None: named by the app)."""
    out: dict[str, str | None] = {lib: None for lib in libs}
    queue = list(libs)
    while queue:
        lib = queue.pop(0)
        for r in requires(lib):
            if r not in out:
                out[r] = lib
                queue.append(r)
    return out


def descriptor(lib: str) -> Path:
    return paths.LIBS_DIR / lib / "component.toml"
