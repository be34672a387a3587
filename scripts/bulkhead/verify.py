"""./bulkhead verify: no WRPKRU, XRSTOR(S) or WRFSBASE/WRGSBASE outside the gate code, anywhere in executable bytes.

As ERIM does, the check is on bytes, not on a disassembly: an attacker may jump into the middle of an
instruction, so every offset of every executable section counts, aligned or not.  Only `.bh.gates`
(the pass's gate stubs and the backends' domain-switch routines) may contain these encodings; each
WRPKRU there is followed by a check of PKRU against the gate's own constant.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from pathlib import Path

from .diag import BulkheadError

SHF_EXECINSTR = 0x4
SHT_NOBITS = 8
ALLOWED_SECTIONS = {".bh.gates"}


@dataclass
class Finding:
    section: str
    addr: int
    what: str
    symbol: str


def _sections(data: bytes) -> list[tuple[str, int, int, int, int, int]]:
    """(name, type, flags, addr, offset, size) of every section of an ELF64 little-endian file."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise BulkheadError("not an ELF64 little-endian file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    raw = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    strtab = raw[shstrndx]
    names = data[strtab[4]:strtab[4] + strtab[5]]
    out = []
    for (name, typ, flags, addr, off, size, *_rest) in raw:
        end = names.index(b"\0", name)
        out.append((names[name:end].decode(), typ, flags, addr, off, size))
    return out


def _symbols(data: bytes, sections) -> list[tuple[int, str]]:
    """Function and object symbols (address, name), sorted, from .symtab."""
    syms = []
    for i, (name, typ, flags, addr, off, size) in enumerate(sections):
        if name != ".symtab":
            continue
        strtab = sections[i + 1] if i + 1 < len(sections) and sections[i + 1][0] == ".strtab" else None
        link = next((s for s in sections if s[0] == ".strtab"), strtab)
        for k in range(size // 24):
            st_name, st_info, _o, _shndx, value, _sz = struct.unpack_from("<IBBHQQ", data, off + k * 24)
            if st_info & 0xF in (1, 2) and st_name:
                s = data[link[4] + st_name:data.index(b"\0", link[4] + st_name)].decode(errors="replace")
                syms.append((value, s))
    return sorted(syms)


def _symbolize(syms: list[tuple[int, str]], addr: int) -> str:
    best = None
    for value, name in syms:
        if value <= addr:
            best = (value, name)
        else:
            break
    return f"{best[1]}+{addr - best[0]:#x}" if best else "?"


# WRPKRU 0F 01 EF; XRSTOR/XRSTOR64 0F AE /5 with a memory operand; XRSTORS 0F C7 /3 with a memory operand;
PATTERNS = [
    ("wrpkru", re.compile(rb"\x0f\x01\xef", re.S)),
    ("xrstor", re.compile(rb"\x0f\xae(?=[\x28-\x2f\x68-\x6f\xa8-\xaf])", re.S)),
    ("xrstors", re.compile(rb"\x0f\xc7(?=[\x18-\x1f\x58-\x5f\x98-\x9f])", re.S)),
    # WRFSBASE/WRGSBASE: F3 [REX] 0F AE /2 or /3 with a register operand.  The GS base is the current
    # thread, which indexes the private-stack gates' slots: only the scheduler's switch may write it.
    ("wrfsbase/wrgsbase", re.compile(rb"\xf3[\x40-\x4f]?\x0f\xae[\xd0-\xdf]", re.S)),
]


def scan(elf: Path) -> list[Finding]:
    data = elf.read_bytes()
    sections = _sections(data)
    syms = _symbols(data, sections)
    found = []
    for name, typ, flags, addr, off, size in sections:
        if not flags & SHF_EXECINSTR or typ == SHT_NOBITS or name in ALLOWED_SECTIONS:
            continue
        body = data[off:off + size]
        for what, pat in PATTERNS:
            for m in pat.finditer(body):
                a = addr + m.start()
                found.append(Finding(name, a, what, _symbolize(syms, a)))
    return found


def verify(elf: Path, label: Path | None = None) -> int:
    """Raise if a domain-switching encoding appears outside the gates.  Returns executable bytes scanned.

    `label`: the path to name in errors (the build verifies a temporary file before renaming it).
    """
    findings = scan(elf)
    if findings:
        lines = [f"  {f.what} at {f.addr:#x} ({f.symbol}) in section {f.section}" for f in findings[:40]]
        raise BulkheadError(f"image {label or elf}: {len(findings)} WRPKRU/XRSTOR encoding(s) outside .bh.gates:\n"
                            + "\n".join(lines),
                            hint="code outside the gates could switch protection domains; remove the "
                                 "instruction (or the constant that encodes it) from that function")
    data = elf.read_bytes()
    return sum(s[5] for s in _sections(data) if s[2] & SHF_EXECINSTR and s[1] != SHT_NOBITS)
