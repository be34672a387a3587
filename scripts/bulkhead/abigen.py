"""The ABI generator: abi/abi.toml -> the C header, the vm header, the Python module, the docs' table.

One file (abi/abi.toml) holds every constant and layout that crosses a language; this module reads
it, computes each layout's offsets and sizes (x86-64 System V: natural alignment), and renders the
Jinja2 templates of abi/templates/ into the files listed in OUTPUTS.  The outputs are checked in
(abi/README.md says why); `./bulkhead abi` rewrites the stale ones, `./bulkhead abi --check` (and
tests/test_abi_file.py) fails on them.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import paths
from .diag import BulkheadError

SOURCE = paths.ROOT / "abi" / "abi.toml"
TEMPLATES = paths.ROOT / "abi" / "templates"
DESIGN = paths.ROOT / "docs" / "design.md"
# output file -> template; docs/design.md is rewritten only between its markers (MARK_BEGIN/END).
OUTPUTS: dict[Path, str] = {
    paths.ROOT / "kernel" / "include" / "bulkhead" / "abi.h": "abi.h.j2",
    paths.ROOT / "gates" / "vm" / "vm_abi.h": "vm_abi.h.j2",
    paths.ROOT / "scripts" / "bulkhead" / "abi.py": "abi.py.j2",
    DESIGN: "exit-table.md.j2",
}
MARK_BEGIN = "<!-- abi:exit-statuses (generated from abi/abi.toml by ./bulkhead abi: edit that file) -->"
MARK_END = "<!-- /abi:exit-statuses -->"

SCALARS = {"u8": (1, "uint8_t", "i8"), "u16": (2, "uint16_t", "i16"), "u32": (4, "uint32_t", "i32"),
           "u64": (8, "uint64_t", "i64"), "uptr": (8, "uintptr_t", "ptr"), "ptr": (8, "const void *", "ptr")}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass
class Field:
    name: str
    type: str                 # a scalar of SCALARS or "struct NAME"
    dims: list[int]           # array dimensions ([] for one element)
    dims_c: list[str]         # as the C header spells them (a constant's macro or the number)
    c: str                    # the C type
    doc: str
    offset: int = 0
    size: int = 0             # of the whole field (every element)
    align: int = 1
    explicit_align: int = 0


@dataclass
class Struct:
    name: str
    header: str
    doc: str
    fields: list[Field] = field(default_factory=list)
    size: int = 0
    align: int = 1
    explicit_align: int = 0


def _fail(what: str, hint: str = f"fix {SOURCE.relative_to(paths.ROOT)}") -> BulkheadError:
    return BulkheadError(f"{SOURCE.relative_to(paths.ROOT)}: {what}", hint=hint)


def load(source: Path = SOURCE) -> dict[str, Any]:
    """abi.toml, checked, with every layout computed: the context of every template."""
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise _fail(f"cannot be read: {e}")
    version = raw.get("version")
    if not isinstance(version, int) or version < 1:
        raise _fail("`version` must be a positive whole number")
    consts: dict[str, dict[str, Any]] = {}
    for name, c in raw.get("constants", {}).items():
        value = c.get("value") if isinstance(c, dict) else None
        text_ok = isinstance(value, str) and value.isascii() and value.isprintable() and not any(ch in value for ch in '"\\')
        if not NAME.match(name) or not isinstance(c, dict) or not (isinstance(value, int) or text_ok) \
                or not isinstance(c.get("doc"), str):
            raise _fail(f"[constants] {name}: needs `value` (a whole number, or printable ASCII text without "
                        "quotes or backslashes) and `doc` (text)")
        if isinstance(value, str):   # a string literal, the same in C and Python
            consts[name] = {"value": value, "doc": c["doc"], "text": f'"{value}"'}
            continue
        consts[name] = {"value": c["value"], "doc": c["doc"],
                        "text": f"0x{c['value']:x}" if c.get("hex") else str(c["value"])}
    exits = raw.get("exit", [])
    seen: dict[int, str] = {}
    for e in exits:
        if not {"name", "status", "what", "doc"} <= set(e) <= {"name", "status", "what", "doc", "ring3"} \
                or not NAME.match(str(e["name"])) or not isinstance(e.get("ring3", False), bool):
            raise _fail(f"[[exit]] {e.get('name', '?')}: needs name, status, what and doc (and may say "
                        "ring3 = true)")
        if not isinstance(e["status"], int) or not 64 <= e["status"] <= 126:
            raise _fail(f"[[exit]] {e['name']}: status {e['status']} is not in 64-126 "
                        "(0-63 are main's; QEMU's isa-debug-exit carries (status + 1) << 1 | 1 in 8 bits)")
        if e["status"] in seen:
            raise _fail(f"[[exit]] {e['name']}: status {e['status']} already means {seen[e['status']]}",
                        hint="every status has one meaning: give it a number of its own")
        seen[e["status"]] = e["name"]
    structs: dict[str, Struct] = {}
    for name, s in raw.get("struct", {}).items():
        structs[name] = _layout(name, s, structs, consts)
    ring3_mask = sum(1 << (e["status"] - 64) for e in exits if e.get("ring3"))
    return {"version": version, "constants": consts, "exits": sorted(exits, key=lambda e: e["status"]),
            "ring3_mask": f"0x{ring3_mask:x}ull",
            "structs": list(structs.values()), "scalars": SCALARS, "source": SOURCE.relative_to(paths.ROOT).as_posix()}


def _layout(name: str, s: dict[str, Any], done: dict[str, Struct], consts: dict[str, Any]) -> Struct:
    st = Struct(name, s.get("header", "kernel"), s.get("doc", ""), explicit_align=s.get("align", 0))
    if st.header not in ("kernel", "vm"):
        raise _fail(f"[struct.{name}] header must be \"kernel\" or \"vm\"")
    off = 0
    for f in s.get("fields", []):
        fname, ftype = f.get("name"), f.get("type", "")
        if not isinstance(fname, str) or not NAME.match(fname):
            raise _fail(f"[struct.{name}]: a field without a valid name")
        count = f.get("count", [])
        count = count if isinstance(count, list) else [count]
        dims, dims_c = [], []
        for d in count:
            if isinstance(d, str) and d in consts:
                dims.append(consts[d]["value"])
                dims_c.append(f"BH_{d}")
            elif isinstance(d, int) and d > 0:
                dims.append(d)
                dims_c.append(str(d))
            else:
                raise _fail(f"[struct.{name}] {fname}: count {d!r} is neither a number nor a constant")
        if ftype in SCALARS:
            size, ctype, _ = SCALARS[ftype]
            align = size
        elif ftype.startswith("struct ") and ftype[7:] in done:
            inner = done[ftype[7:]]
            size, ctype, align = inner.size, ftype, inner.align
        else:
            raise _fail(f"[struct.{name}] {fname}: type {ftype!r} is no scalar ({', '.join(SCALARS)}) "
                        "and no struct defined above it")
        fld = Field(fname, ftype, dims, dims_c, f.get("c", ctype), f.get("doc", ""),
                    explicit_align=f.get("align", 0))
        fld.align = max(align, fld.explicit_align)
        n = 1
        for d in dims:
            n *= d
        fld.size = size * n
        off = -(-off // fld.align) * fld.align
        fld.offset = off
        off += fld.size
        st.fields.append(fld)
        st.align = max(st.align, fld.align)
    st.align = max(st.align, st.explicit_align)
    st.size = -(-off // st.align) * st.align
    return st


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["upper_id"] = lambda s: re.sub(r"[^A-Za-z0-9]", "_", s).upper()
    env.filters["c_decl"] = lambda f: (f.c + ("" if f.c.endswith("*") else " ") + f.name
                                       + "".join(f"[{d}]" for d in f.dims_c))
    return env


def render() -> dict[Path, str]:
    """Every output's expected text."""
    ctx = load()
    env = _env()
    out: dict[Path, str] = {}
    for path, template in OUTPUTS.items():
        text = env.get_template(template).render(**ctx)
        if path == DESIGN:
            text = _splice(path, text)
        out[path] = text
    return out


def _splice(path: Path, table: str) -> str:
    """The file with the text between its markers replaced by `table`."""
    old = path.read_text(encoding="utf-8")
    start, end = old.find(MARK_BEGIN), old.find(MARK_END)
    if start < 0 or end < start:
        raise BulkheadError(f"{path.relative_to(paths.ROOT)}: the markers of the generated exit-status table "
                            "are missing", hint=f"put the lines {MARK_BEGIN!r} and {MARK_END!r} where it goes")
    return old[:start + len(MARK_BEGIN)] + "\n" + table + old[end:]


def stale() -> list[Path]:
    """The outputs whose text differs from what abi.toml gives."""
    return [p for p, text in render().items()
            if not p.is_file() or p.read_text(encoding="utf-8") != text]


def write() -> list[Path]:
    """Rewrites the stale outputs; returns them."""
    changed = stale()
    texts = render()
    for p in changed:
        p.write_text(texts[p], encoding="utf-8")
    return changed
