"""Memory sizing: the one source of the sizes a configuration's `[memory]` table sets (a backend's own
keys come from its backend.toml [memory], read into OwnMemory) and of the limits the image must fit in,
and the checks that it does.

Three places use these numbers: the configuration check (`./bulkhead check` and every build, before
anything is compiled: what the heaps, stacks and tables reserve is known from the configuration
alone), the linker template (the page-table pool, and a backend's own keys, e.g. where the machines'
shared part starts, come from here as template variables), and the post-link check (the exact layout,
from the image's symbols, before anything boots).
Each error names the key to change and where it is.

Limits, and why:
  * the small code model (every component is compiled with it) reaches addresses below 2 GiB only:
    the image ends below CODE_LIMIT (and boot.S maps exactly that much early on: `__bh_boot_map_end`,
    checked by the linker script);
  * the firmware writes into the top of guest RAM before the image runs: SeaBIOS (`-M pc`) relocates its
    init code to just below 16 MiB from the top and keeps its tables in the top 256 KiB, qboot
    (`-M microvm`) writes nothing there (measured on QEMU 7.2 with file-backed RAM; tests/test_memory.py
    checks that none of it reaches the memory a backend's machines share).  The image must end
    FIRMWARE_TOP_MIB below the top of RAM, or its bss (heaps, stacks) starts with firmware bytes.
    A backend of one machine per compartment gives every machine a private RAM node of that size
    above the shared one, so no machine's firmware writes into the memory the machines share;
  * the kernel maps the image with 4 KiB pages from a pool of `page_tables` pages: one PML4, one PDPT,
    a page directory per GiB and a page table per 2 MiB window the image touches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from . import abi
from .diag import BulkheadError, Location

MIB = 1 << 20
KIB = 1 << 10
PAGE = 4096
LOAD_ADDRESS = abi.LOAD_ADDRESS  # linker/image.ld.j2: the image starts at 1 MiB (PVH)
CODE_LIMIT = 2 << 30            # small code model: every address below 2 GiB
STACK = abi.STACK_SIZE          # one stack / data shadow stack per thread (linker/image.ld.j2)
PT_WINDOW = 2 * MIB             # what one page table maps
PD_WINDOW = 1 << 30             # what one page directory maps
FIRMWARE_TOP_MIB = {"pc": 20, "microvm": 1}

# [memory]: key -> (default = the sizes before they were configurable, smallest, largest).  A backend adds
# keys of its own (backend.toml [memory], OwnMemory below), e.g. the size of each machine's own memory.
DEFAULTS: dict[str, int] = {"guest_mib": 64, "page_tables": 64}
RANGES: dict[str, tuple[int, int]] = {"guest_mib": (8, 2048), "page_tables": (8, 2048)}


@dataclass(frozen=True)
class OwnMemory:
    """A backend's [memory] key that sizes each compartment's own memory (a machine's RAM below the part
    the machines share) in place of guest_mib: backend.toml `[memory.<key>]` with default, min, max,
    what (words for errors) and end_symbol (the image's symbol that must end below it)."""
    key: str
    default: int
    lo: int
    hi: int
    what: str
    end_symbol: str


@dataclass
class Need:
    """Memory a configuration reserves: what, the key (and its location) that sets it, bytes."""
    what: str
    key: str
    where: Location
    size: int


def defaults(own: OwnMemory | None) -> dict[str, int]:
    """Every [memory] key's default for an image whose backend's own-memory key is `own` (None: none)."""
    return {**DEFAULTS, **({own.key: own.default} if own is not None else {})}


def _pages(n: int) -> int:
    return (n + PAGE - 1) // PAGE * PAGE


def parse(raw: Any, backend: str, own: OwnMemory | None, others: dict[str, str], at: Callable[[str], Location],
          table: Location) -> dict[str, int]:
    """The `[memory]` table: known keys, whole numbers in range, only those of the image's backend.
    `own`: the image's backend's own-memory key, if it has one; `others`: every other backend's keys
    (key -> that backend), so that a key of another backend is named as such."""
    if not isinstance(raw, dict):
        raise BulkheadError("[memory] must be a table", table)
    known = defaults(own)
    ranges = dict(RANGES)
    if own is not None:
        ranges[own.key] = (own.lo, own.hi)
    out = dict(known)
    for key, value in raw.items():
        if key in others and key not in known:
            raise BulkheadError(f"[memory] {key} applies to backend {others[key]} only", at(key),
                                "size the guest's memory with guest_mib")
        if key not in known:
            raise BulkheadError(f"unknown key '{key}' in [memory]", at(key), f"keys: {', '.join(sorted(known))}")
        lo, hi = ranges[key]
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise BulkheadError(f"[memory] {key} must be a whole number from {lo} to {hi}", at(key))
        if own is not None and key == "guest_mib":
            raise BulkheadError(f"[memory] {key} does not apply to backend {backend}: each machine's memory is "
                                f"{own.key} plus the shared part, sized by ./bulkhead", at(key),
                                f"size the machines' own memory with {own.key}")
        out[key] = value
    return out


def _biggest(needs: list[Need]) -> str:
    """The one or two biggest reservations (the second only when it is at least half the first)."""
    top = sorted((n for n in needs if n.size), key=lambda n: -n.size)[:2]
    top = [n for n in top if 2 * n.size >= top[0].size]
    return " or ".join(f"{n.key} ({n.what}, {n.size // KIB} KiB{_line(n.where)})" for n in top)


def _raise_or_shrink(key: str, need: int, shrink: str) -> str:
    """The hint: raise the key (one of RANGES) to what is needed when it can go that high, else shrink."""
    if (need + MIB - 1) // MIB <= RANGES[key][1]:
        return f"raise {key} to {(need + MIB - 1) // MIB}, or shrink {shrink}"
    return f"{key} goes up to {RANGES[key][1]}: shrink {shrink}"


def overflow_error(lld_output: str, cfg_path: Path) -> BulkheadError | None:
    """LLD's relocation overflow (an address past 2 GiB in small-code-model code) as a sizes error:
    what the configuration check could not know is the code's own size."""
    if not re.search(r"relocation R_X86_64_\w+ out of range", lld_output):
        return None
    return BulkheadError("the image does not fit below 2 GiB, all the small code model reaches (LLD: "
                         "relocation out of range): the heaps leave too little room for the code",
                         Location(cfg_path), "shrink the largest heap_kib or [heap] size")


def _line(where: Location) -> str:
    return f", line {where.line}" if where.line else ""


def tables_needed(ranges: list[tuple[int, int]]) -> int:
    """Page-table pages the kernel needs to map these [start, end) ranges with 4 KiB pages."""
    pts, pds = set(), set()
    for start, end in ranges:
        if end <= start:
            continue
        pts.update(range(start // PT_WINDOW, (end - 1) // PT_WINDOW + 1))
        pds.update(range(start // PD_WINDOW, (end - 1) // PD_WINDOW + 1))
    return 2 + len(pds) + len(pts)


def check_plan(mem: dict[str, int], backend: str, own_key: OwnMemory | None, machine: str, private: list[Need],
               shared: list[Need], at: Callable[[str], Location | None]) -> None:
    """Before the build: what the configuration reserves (heaps, stacks, tables; code comes on top)
    must fit.  `private`: reserved in the compartments' memory (with `own_key`, each machine's own part);
    `shared`: in the shared regions (with `own_key`, the part the machines share, above it).  `at(key)`: where a [memory] key is set (None: its
    default); an error points there, else at the biggest reservation."""
    own = sum(_pages(n.size) for n in private)
    common = sum(_pages(n.size) for n in shared)
    if own_key is not None:
        key = own_key.key
        base = mem[key] * MIB
        if LOAD_ADDRESS + own > base:
            raise BulkheadError(
                f"backend {backend}: the compartments' heaps, stacks and tables need at least "
                f"{(LOAD_ADDRESS + own + MIB - 1) // MIB} MiB of {own_key.what}, "
                f"[memory] {key} is {mem[key]}", at(key) or needs_where(private),
                f"raise {key}, or shrink {_biggest(private)}")
        end, limit_what = base + common + PAGE, "the shared part"
        ranges = [(LOAD_ADDRESS, LOAD_ADDRESS + own), (base, end)]
        needs = shared
    else:
        end = LOAD_ADDRESS + own + common + PAGE
        ranges, needs, limit_what = [(LOAD_ADDRESS, end)], private + shared, "the image"
        guest = mem["guest_mib"] * MIB
        reserve = FIRMWARE_TOP_MIB.get(machine, FIRMWARE_TOP_MIB["pc"]) * MIB
        if end + reserve > guest and end <= CODE_LIMIT:
            raise BulkheadError(
                f"the heaps, stacks and tables need at least {(end + reserve + MIB - 1) // MIB} MiB of guest "
                f"memory (the image ends at {(end + MIB - 1) // MIB} MiB or above, and the firmware of "
                f"-M {machine} needs {reserve // MIB} MiB at the top), [memory] guest_mib is {mem['guest_mib']}",
                at("guest_mib") or needs_where(needs), _raise_or_shrink("guest_mib", end + reserve, _biggest(needs)))
    if end > CODE_LIMIT:
        raise BulkheadError(
            f"{limit_what} would end at {end / MIB:.0f} MiB or above: the small code model reaches "
            f"only the first {CODE_LIMIT // MIB} MiB", needs_where(needs),
            f"shrink {_biggest(needs)}")
    tables = tables_needed(ranges)
    if tables > mem["page_tables"]:
        raise BulkheadError(
            f"mapping the image needs at least {tables} page-table pages, [memory] page_tables is "
            f"{mem['page_tables']}", at("page_tables") or needs_where(needs),
            f"raise page_tables to {tables} or more (4 KiB each, in the kernel's memory), or shrink "
            f"{_biggest(needs)}")


def needs_where(needs: list[Need]) -> Location:
    """Where the biggest reservation is set."""
    return max(needs, key=lambda n: n.size).where


def check_image(syms: dict[str, int], regions: list[tuple[int, int]], mem: dict[str, int], backend: str,
                own_key: OwnMemory | None, machine: str, at: Callable[[str], Location]) -> None:
    """After the link, before anything boots: the image's exact layout (its symbols) against the
    configured memory.  `regions`: every [start, end) the kernel maps."""
    if own_key is not None:
        key, end = own_key.key, syms[own_key.end_symbol]
        if end > mem[key] * MIB:
            raise BulkheadError(f"backend {backend}: the image's private part ends at {end / MIB:.1f} MiB, "
                                f"above [memory] {key} = {mem[key]}", at(key),
                                f"raise {key}, or shrink the compartments' heaps")
    else:
        end = syms["__bh_image_end"]
        reserve = FIRMWARE_TOP_MIB.get(machine, FIRMWARE_TOP_MIB["pc"]) * MIB
        if end + reserve > mem["guest_mib"] * MIB:
            raise BulkheadError(f"the image ends at {end / MIB:.1f} MiB; with {reserve // MIB} MiB at the top "
                                f"for the firmware of -M {machine} it needs "
                                f"{(end + reserve + MIB - 1) // MIB} MiB of guest memory, [memory] guest_mib is "
                                f"{mem['guest_mib']}", at("guest_mib"),
                                _raise_or_shrink("guest_mib", end + reserve, "the heaps"))
    tables = tables_needed(regions)
    if tables > mem["page_tables"]:
        raise BulkheadError(f"mapping the image needs {tables} page-table pages, [memory] page_tables is "
                            f"{mem['page_tables']}", at("page_tables"), f"raise page_tables to {tables} or more")


MAPPED = re.compile(r"(boot|sys|stack|shared\.(text|rodata|data|bss)|c\d+\.(text|rodata|data|bss))")


def check_linked(elf: Path, cfg: Any) -> None:
    """check_image for a linked image of configuration `cfg` (config.Config)."""
    from . import check
    from .config import memory_key_at
    syms = check.symbols(elf)
    mapped = [r for name, r in check.regions(syms).items() if MAPPED.fullmatch(name)]
    check_image(syms, mapped, cfg.memory, cfg.backend.name, cfg.backend.own_memory, cfg.machine,
                lambda key: memory_key_at(cfg, key))
