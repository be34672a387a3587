"""A component's `exports`, resolved against the symbols it defines (docs/design.md 4b).

component.toml may say what other compartments may call or reference in two checked forms, both a
precise list of names in the end (the list the pass gets in the configuration JSON):

* `exports = [...]`: names, or glob patterns (`pthread_*`, fnmatch syntax) for a family of names;
* `exports_headers = [...]`: glob patterns of header files under the component's public include
  folders (its `include/` and its provider's, e.g. newlib's installed headers or sqlite3.h): every
  global symbol the component defines whose name a matching header mentions (comments aside: in a
  declaration, a macro's body or an inline function) is exported.

Each is resolved when the component's bitcode is ready, against the global symbols it defines
(llvm-nm of its bitcode, its provider's archives and its assembly objects).  A name that matches no
defined symbol, a pattern that matches none and a header pattern that finds no header are errors
naming component.toml's line and the closest defined names: a typo in a least-privilege list would
otherwise silently export nothing.
"""
from __future__ import annotations

import difflib
import fnmatch
import hashlib
import os
import re
from pathlib import Path

from . import paths, toolchain
from .diag import BulkheadError, Location

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_GLOB = set("*?[")


def is_pattern(name: str) -> bool:
    return any(ch in _GLOB for ch in name)


def defined_symbols(files: list[Path]) -> set[str]:
    """The global symbols defined by these bitcode files, bitcode archives and objects (cached per
    file content under build/exports/, as llvm-nm reads a whole archive)."""
    out: set[str] = set()
    cache_dir = paths.BUILD / "exports"
    for f in files:
        h = hashlib.sha256(f.read_bytes()).hexdigest()
        cached = cache_dir / f"{h}.syms"
        if cached.is_file():
            out |= set(cached.read_text().split())
            continue
        text = toolchain.run([toolchain.LLVM_NM, "--defined-only", "--extern-only", "--just-symbol-name",
                              str(f)], f"listing the symbols of {f.name}").stdout
        names = {line.strip() for line in text.splitlines()
                 if line.strip() and not line.endswith(":")}   # "member.o:" heads an archive's members
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")   # another build may write the same entry
        tmp.write_text("\n".join(sorted(names)) + "\n")
        tmp.replace(cached)
        out |= names
    return out


def _line_of(desc: Path, text: str, needle: str) -> int | None:
    """The line of component.toml where `"needle"` is written (the first after `key`)."""
    for i, line in enumerate(text.splitlines(), 1):
        if f'"{needle}"' in line or f"'{needle}'" in line:
            return i
    return None


def header_names(folders: list[Path], patterns: list[str], desc: Path) -> set[str]:
    """Every identifier the headers matching `patterns` under `folders` mention, comments aside."""
    text = desc.read_text()
    names: set[str] = set()
    for pat in patterns:
        found = sorted({h for d in folders if d.is_dir() for h in d.glob(pat) if h.is_file()})
        if not found:
            raise BulkheadError(f"exports_headers: no header matches '{pat}' under "
                                f"{', '.join(str(d) for d in folders) or 'no include folder'}",
                                Location(desc, _line_of(desc, text, pat)),
                                "name headers relative to the component's include folder, e.g. \"*.h\" or \"sys/*.h\"")
        for h in found:
            names |= set(_IDENT.findall(_COMMENT.sub(" ", h.read_text(errors="replace"))))
    return names


def resolve(declared: list[str], headers: list[str] | None, defined: set[str], desc: Path,
            header_folders: list[Path]) -> list[str]:
    """The precise export list: `declared` names and patterns, plus the defined symbols that the
    headers matching `headers` name; every entry must match a defined symbol."""
    text = desc.read_text()
    out: set[str] = set()
    for entry in declared:
        if is_pattern(entry):
            hits = fnmatch.filter(defined, entry)
        else:
            hits = [entry] if entry in defined else []
        if not hits:
            close = difflib.get_close_matches(entry, sorted(defined), n=3, cutoff=0.6)
            what = "pattern" if is_pattern(entry) else "name"
            raise BulkheadError(
                f"exports: {what} '{entry}' matches no function or global that component "
                f"'{desc.parent.name}' defines",
                Location(desc, _line_of(desc, text, entry)),
                (f"did you mean {', '.join(repr(c) for c in close)}? " if close else "") +
                "fix the name, or remove it from exports (a name the component does not define exports nothing)")
        out |= set(hits)
    if headers:
        out |= header_names(header_folders, headers, desc) & defined
    return sorted(out)
