"""./bulkhead verify: no WRPKRU, XRSTOR(S) or WRFSBASE/WRGSBASE outside the places the image's backend allows them,
anywhere in executable bytes.  The rules are the backend's (backend.toml `[check]`, read for the backend the
image names in its "bulkhead" note): per encoding class (CLASSES), the places it may be (PLACES: by default
the gate code and the kernel's entry code; XRSTORS anywhere where compartments run in ring 3, backend.toml
`ring3`), whether privileged instructions in non-kernel compartments are findings or errors, and whether
the build's post-link check scans at all.

As ERIM does, the check is on bytes, not on a disassembly: an attacker may jump into the middle of an
instruction, so every offset counts, aligned or not.  What counts as executable is what the loader
and the kernel map executable, not what section headers claim: every PT_LOAD segment with PF_X, and
every text region of the linker script (`__bh_*text_start/end`, which kernel/arch/x86_64/paging.c maps
RX).  Only `.bh.gates` (the pass's gate stubs and the backends' domain-switch routines) may contain these
encodings; each WRPKRU there is followed by a check of PKRU against the gate's own constant.

W^X: no page may be both writable and executable, as the loader maps it (a PT_LOAD segment with PF_W
and PF_X) or as the kernel does (a page of an executable segment or text region that a writable
segment or a writable region of the linker script also covers).  The kernel's page tables give each
region one permission (kernel/arch/x86_64/paging.c: RW pages are NX); this check makes sure the image
gives it no page where that choice would have to break one of the two.

An image without the bulkhead markers (`.bh.gates`, `__bh_gates_start/end`) or without executable bytes is
refused: "ok" is said only of an image this check understands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import elfread
from .checkrules import (CLASSES, DEFAULT_PLACES, PATTERNS, PLACES, PRIVILEGED, PRIVILEGED_VERDICTS,  # noqa: F401
                         Rules, default_rules)
from .diag import BulkheadError

PT_LOAD = 1


@dataclass
class Finding:
    section: str
    addr: int
    what: str
    symbol: str


def _symbolize(syms: list[tuple[int, str]], addr: int) -> str:
    best = None
    for value, name in syms:
        if value <= addr:
            best = (value, name)
        else:
            break
    return f"{best[1]}+{addr - best[0]:#x}" if best else "?"


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(r for r in ranges if r[0] < r[1]):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def executable_ranges(elf: elfread.Elf) -> list[tuple[int, int]]:
    """[start, end) addresses mapped executable: PF_X segments and the linker script's text regions."""
    ranges = [(s.vaddr, s.vaddr + s.memsz) for s in elf.segments
              if s.type == PT_LOAD and s.flags & elfread.PF_X]
    for name, start in elf.names.items():
        m = re.fullmatch(r"__bh_(.*text)_start", name)
        if m and f"__bh_{m.group(1)}_end" in elf.names:
            ranges.append((start, elf.names[f"__bh_{m.group(1)}_end"]))
    return _merge(ranges)


def _runs(elf: elfread.Elf, data: bytes, start: int, end: int) -> list[tuple[int, bytes]]:
    """The file-backed bytes of [start, end) as runs of contiguous addresses (a pattern may straddle
    two segments that are adjacent in memory).  Bytes past p_filesz are zero: nothing to find there."""
    pieces = []
    for s in elf.segments:
        if s.type != PT_LOAD or s.filesz == 0:
            continue
        lo, hi = max(start, s.vaddr), min(end, s.vaddr + s.filesz)
        if lo < hi:
            pieces.append((lo, data[s.offset + lo - s.vaddr:s.offset + hi - s.vaddr]))
    runs: list[tuple[int, bytes]] = []
    for lo, body in sorted(pieces, key=lambda p: p[0]):
        if runs and lo == runs[-1][0] + len(runs[-1][1]):
            runs[-1] = (runs[-1][0], runs[-1][1] + body)
        elif not runs or lo > runs[-1][0] + len(runs[-1][1]):
            runs.append((lo, body))
    return runs


def _places(elf: elfread.Elf, label: object) -> dict[str, list[tuple[int, int]]]:
    """The address ranges of each place (PLACES): `gates`, the `.bh.gates` section, which must lie inside
    the linker script's gate region; `kernel-entry`, `.bh.mtext`.  Without the gate markers the file is not
    a bulkhead image and nothing can be said of it."""
    sec = elf.section(".bh.gates")
    start, end = elf.names.get("__bh_gates_start"), elf.names.get("__bh_gates_end")
    if sec is None or start is None or end is None:
        missing = [n for n, v in ((".bh.gates section", sec), ("__bh_gates_start", start),
                                  ("__bh_gates_end", end)) if v is None]
        raise BulkheadError(f"image {label}: not a bulkhead image (no {', '.join(missing)})",
                            hint="verify checks images that ./bulkhead build linked")
    if not start <= sec.addr <= sec.addr + sec.size <= end:
        raise BulkheadError(f"image {label}: section .bh.gates [{sec.addr:#x}, {sec.addr + sec.size:#x}) lies "
                            f"outside the gate region [{start:#x}, {end:#x}) of the linker script",
                            hint="the image's headers were altered; rebuild it with ./bulkhead build CONFIG")
    # The kernel's entry code (trap.S, the backend's trap domain switches): supervisor pages where
    # compartments run in ring 3, which no compartment can execute (kernel/arch/x86_64/paging.c).
    mtext = elf.section(".bh.mtext")
    return {"gates": [(sec.addr, sec.addr + sec.size)],
            "kernel-entry": [(mtext.addr, mtext.addr + mtext.size)] if mtext is not None else [],
            "nowhere": []}


# Encodings that fault outside ring 0 (XRSTORS: CPL 0 only).  Where compartments run in ring 3 (backend.toml
# `ring3`), their bytes are harmless anywhere: the ring-0 kernel never jumps into the middle of code, and a
# compartment that does gets #GP.  A chance encoding (an immediate or displacement) would otherwise stop
# a build for nothing: such a backend's default (or stated) rule is xrstors = "anywhere".


def rules_for(path: Path) -> Rules:
    """The rules of the backend the image names (its "bulkhead" note, scripts/bulkhead/backends.py
    image_backend); an image of no backend on the search path gets the defaults of a ring-0 backend."""
    from . import backends
    name = backends.image_backend(path)
    if name is not None and name in backends.available():
        return backends.load(name).check
    return default_rules(backend=name)


def _section_at(elf: elfread.Elf, addr: int) -> str:
    for s in elf.sections:
        if s.flags & 0x2 and s.addr <= addr < s.addr + s.size:      # SHF_ALLOC
            return s.name
    return "no section"


def _load(path: Path, label: object) -> tuple[bytes, elfread.Elf]:
    """The image's bytes and their parse (symbols included: the slowest part of a check, done once
    for every check of one verify)."""
    data = path.read_bytes() if path.is_file() else b""
    return data, elfread.read(data, label)


def scan(path: Path, label: object = None, loaded: tuple[bytes, elfread.Elf] | None = None,
         rules: Rules | None = None) -> tuple[list[Finding], int]:
    """(findings, executable bytes scanned).  `loaded`: the image as _load read it; `rules`: the backend's
    (default: those of the backend the image names)."""
    label = label or path
    data, elf = loaded or _load(path, label)
    places = _places(elf, label)
    rules = rules or rules_for(path)
    checks = [(what, pat, [r for p in rules.allowed.get(cls, DEFAULT_PLACES) for r in places.get(p, [])])
              for cls, (what, pat) in CLASSES.items() if "anywhere" not in rules.allowed.get(cls, DEFAULT_PLACES)]
    found: list[Finding] = []
    scanned = 0
    for start, end in executable_ranges(elf):
        for base, body in _runs(elf, data, start, end):
            scanned += len(body)
            for what, pat, allowed in checks:
                for m in pat.finditer(body):
                    a = base + m.start()
                    if not any(lo <= a < hi for lo, hi in allowed):
                        found.append(Finding(_section_at(elf, a), a, what, _symbolize(elf.symbols, a)))
    return sorted(found, key=lambda f: f.addr), scanned


def compartment_text(elf: elfread.Elf) -> dict[int, tuple[int, int]]:
    """Compartment index -> its text range, from the linker script's markers."""
    out = {}
    for name, start in elf.names.items():
        m = re.fullmatch(r"__bh_c(\d+)_text_start", name)
        end = elf.names.get(f"__bh_c{m.group(1)}_text_end") if m else None
        if m and end is not None and start < end:
            out[int(m.group(1))] = (start, end)
    return out


def privileged(path: Path, label: object = None) -> list[Finding]:
    """Privileged-instruction encodings in the text of every compartment but the kernel's (the one
    holding `kmain`).  Every offset counts, as for the domain-switch patterns."""
    label = label or path
    data = path.read_bytes() if path.is_file() else b""
    elf = elfread.read(data, label)
    texts = compartment_text(elf)
    kmain = elf.names.get("kmain")
    found: list[Finding] = []
    for c, (start, end) in sorted(texts.items()):
        if kmain is not None and start <= kmain < end:
            continue
        for base, body in _runs(elf, data, start, end):
            for what, pat in PRIVILEGED:
                for m in pat.finditer(body):
                    a = base + m.start()
                    found.append(Finding(f"compartment {c} text", a, what, _symbolize(elf.symbols, a)))
    return sorted(found, key=lambda f: f.addr)


PAGE = 4096
# Regions of the linker script that the kernel maps writable (kernel/arch/x86_64/paging.c and the image
# table: each compartment's data and bss (its heap is inside), the shared data and bss, the stacks,
# the data shadow stacks, the page-table pool).
WRITABLE_REGION = re.compile(r"__bh_(c\d+_(?:data|bss|heap)|shared_(?:data|bss|heap)|stack|dss|pt_pool|monitor)_start")


def _pages(ranges: list[tuple[int, int]]) -> set[int]:
    return {p for s, e in ranges for p in range(s // PAGE, (e + PAGE - 1) // PAGE)}


def writable_ranges(elf: elfread.Elf) -> list[tuple[int, int, str]]:
    """[start, end) mapped writable, with what says so: PF_W segments and the writable regions."""
    out = [(s.vaddr, s.vaddr + s.memsz, f"writable segment [{s.vaddr:#x}, {s.vaddr + s.memsz:#x})")
           for s in elf.segments if s.type == PT_LOAD and s.flags & elfread.PF_W]
    for name, start in elf.names.items():
        m = WRITABLE_REGION.fullmatch(name)
        end = elf.names.get(f"__bh_{m.group(1)}_end") if m else None
        if end is not None and start < end:
            out.append((start, end, f"writable region __bh_{m.group(1)}"))
    return out


def wx(path: Path, label: object = None, loaded: tuple[bytes, elfread.Elf] | None = None) -> list[str]:
    """Every way the image has a page both writable and executable (empty: W^X holds)."""
    label = label or path
    _, elf = loaded or _load(path, label)
    found = [f"segment [{s.vaddr:#x}, {s.vaddr + s.memsz:#x}) is writable and executable (PF_W|PF_X)"
             for s in elf.segments if s.type == PT_LOAD and s.flags & elfread.PF_W and s.flags & elfread.PF_X]
    exec_pages = _pages(executable_ranges(elf))
    for start, end, what in writable_ranges(elf):
        both = sorted(_pages([(start, end)]) & exec_pages)
        if both:
            found.append(f"{what} shares {len(both)} page(s) with executable code, the first at "
                         f"{both[0] * PAGE:#x} ({_symbolize(elf.symbols, both[0] * PAGE)})")
    return found


def check_wx(elf: Path, label: object = None, loaded: tuple[bytes, elfread.Elf] | None = None) -> None:
    """Raise if a page of the image is both writable and executable (every backend: the build runs it)."""
    both = wx(elf, label, loaded)
    if both:
        raise BulkheadError(f"image {label or elf}: {len(both)} W^X violation(s), a page both writable and "
                            "executable:\n" + "\n".join(f"  {w}" for w in both[:40]),
                            hint="code written at run time could run; keep text and writable data in "
                                 "separate, page-aligned regions (linker/image.ld.j2)")


def verify(elf: Path, label: Path | None = None, rules: Rules | None = None) -> int:
    """Raise if a domain-switching encoding appears where the backend's rules do not allow it (or, where
    they say so, a privileged encoding in a non-kernel compartment).  Returns executable bytes scanned.

    `label`: the path to name in errors (the build verifies a temporary file before renaming it);
    `rules`: default, those of the backend the image names.
    """
    if not elf.is_file():
        raise BulkheadError(f"no such image: {label or elf}")
    rules = rules or rules_for(elf)
    loaded = _load(elf, label or elf)
    findings, scanned = scan(elf, label, loaded, rules)
    if findings:
        lines = [f"  {f.what} at {f.addr:#x} ({f.symbol}) in section {f.section}" for f in findings[:40]]
        raise BulkheadError(f"image {label or elf}: {len(findings)} WRPKRU/XRSTOR encoding(s) outside .bh.gates "
                            f"(or the places backend {rules.backend or '?'} allows):\n" + "\n".join(lines),
                            hint="code outside the gates could switch protection domains; remove the "
                                 "instruction (or the constant that encodes it) from that function "
                                 "(the backend's rules: its backend.toml [check])")
    check_wx(elf, label, loaded)
    if rules.privileged == "error":
        priv = privileged(elf, label)
        if priv:
            lines = [f"  {f.what} at {f.addr:#x} ({f.symbol}) in {f.section}" for f in priv[:40]]
            raise BulkheadError(f"image {label or elf}: {len(priv)} privileged-instruction encoding(s) outside "
                                f"the kernel's compartment, errors under backend {rules.backend}:\n"
                                + "\n".join(lines), hint="its backend.toml [check] says privileged = \"error\"")
    if scanned == 0:
        raise BulkheadError(f"image {label or elf}: no executable bytes to scan (no PT_LOAD segment with PF_X "
                            "holds file data)", hint="the image's program headers were altered; rebuild it")
    return scanned
