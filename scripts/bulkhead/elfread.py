"""Reading images: program headers, sections and symbols of an ELF file, through pyelftools.

Every read of an ELF file in the driver goes through `read`, which parses everything it returns up
front: a truncated or corrupt file (a header pointing past the end, a string table out of range, a
file that is not ELF at all) is one BulkheadError naming the file, never a traceback later on.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from elftools.elf.elffile import ELFFile
from elftools.elf.enums import ENUM_P_TYPE_BASE, ENUM_SH_TYPE_BASE

from .diag import BulkheadError

PF_X = 0x1
PF_W = 0x2
SHF_EXECINSTR = 0x4


@dataclass
class Segment:
    header_offset: int      # file offset of this program header (gates/vm/host.py rewrites p_type in place)
    type: int               # p_type, numeric (PT_LOAD = 1)
    flags: int
    offset: int
    vaddr: int
    filesz: int
    memsz: int


@dataclass
class Section:
    name: str
    type: int               # sh_type, numeric (SHT_NOBITS = 8)
    flags: int
    addr: int
    offset: int
    size: int


@dataclass
class Elf:
    segments: list[Segment]
    sections: list[Section]
    symbols: list[tuple[int, str]]     # (value, name) of function and object symbols, sorted
    names: dict[str, int]              # every defined symbol (first definition wins), by name

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)


def _num(value: int | str, table: dict[str, int]) -> int:
    """pyelftools names the values it knows; the numbers are what the ELF file says."""
    return value if isinstance(value, int) else table[value]


def read(source: Path | bytes, label: Path | str | None = None, symbols: bool = True) -> Elf:
    """Parse an ELF64 little-endian x86_64 file (a path, or its bytes with `label` naming it);
    `symbols=False` skips the symbol table (program headers are all the vm backend patches)."""
    name = label or source
    try:
        data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError as e:
        raise BulkheadError(f"cannot read image {name}: {e.strerror}") from None
    if data[:4] != b"\x7fELF":
        raise BulkheadError(f"{name}: not an ELF file", hint="give the image.elf that ./bulkhead build printed")
    try:
        return _parse(data, symbols)
    except BulkheadError as e:
        raise BulkheadError(f"{name}: {e.message}", hint=e.hint) from None
    # pyelftools reports corrupt input with whatever its parser hits (ELFError, construct's errors,
    # struct.error, IndexError, ValueError, UnicodeDecodeError...): all of them mean a malformed file.
    except Exception as e:      # noqa: BLE001
        raise BulkheadError(f"{name}: malformed ELF file ({type(e).__name__}: {e})",
                            hint="the file is truncated or corrupt: rebuild it with ./bulkhead build CONFIG") from None


def _parse(data: bytes, want_symbols: bool) -> Elf:
    f = ELFFile(io.BytesIO(data))
    if f.elfclass != 64 or not f.little_endian or f["e_machine"] != "EM_X86_64":
        raise BulkheadError(f"not an x86_64 ELF64 little-endian file (class {f.elfclass}, "
                            f"{'little' if f.little_endian else 'big'} endian, machine {f['e_machine']})")
    size = len(data)
    segments = []
    for i in range(f.num_segments()):
        h = f.get_segment(i).header
        seg = Segment(f["e_phoff"] + i * f["e_phentsize"], _num(h.p_type, ENUM_P_TYPE_BASE), h.p_flags,
                      h.p_offset, h.p_vaddr, h.p_filesz, h.p_memsz)
        if seg.type == ENUM_P_TYPE_BASE["PT_LOAD"] and seg.offset + seg.filesz > size:
            raise BulkheadError(f"program header {i} (PT_LOAD at {seg.vaddr:#x}) reaches past the end of "
                                f"the file ({seg.offset + seg.filesz:#x} > {size:#x})")
        segments.append(seg)
    sections = []
    for s in f.iter_sections():
        h = s.header
        sec = Section(s.name, _num(h.sh_type, ENUM_SH_TYPE_BASE), h.sh_flags, h.sh_addr, h.sh_offset, h.sh_size)
        if sec.type != ENUM_SH_TYPE_BASE["SHT_NOBITS"] and sec.offset + sec.size > size:
            raise BulkheadError(f"section '{sec.name}' reaches past the end of the file")
        sections.append(sec)
    symbols: list[tuple[int, str]] = []
    names: dict[str, int] = {}
    symtab = f.get_section_by_name(".symtab")
    if want_symbols and symtab is not None and hasattr(symtab, "iter_symbols"):
        for sym in symtab.iter_symbols():
            if not sym.name or sym["st_shndx"] == "SHN_UNDEF":
                continue
            names.setdefault(sym.name, sym["st_value"])
            if sym["st_info"]["type"] in ("STT_FUNC", "STT_OBJECT"):
                symbols.append((sym["st_value"], sym.name))
    return Elf(segments, sections, sorted(symbols), names)
