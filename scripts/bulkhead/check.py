"""Post-link check: every function and global lies inside its compartment's regions.

LTO is known to drop or misplace sections silently; this reads the image's symbol table and the pass's
manifest and fails the build on any symbol outside the region its placement demands.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from . import toolchain
from .config import Config
from .diag import BulkheadError

KINDS = ("text", "rodata", "data", "bss")


def symbols(elf: Path) -> dict[str, int]:
    proc = subprocess.run([toolchain.LLVM_NM, "--defined-only", "--format=posix", str(elf)],
                          capture_output=True, text=True, errors="replace")
    if proc.returncode != 0:
        raise BulkheadError(f"{elf}: cannot read its symbols: {proc.stderr.strip() or 'llvm-nm failed'}",
                            hint="is it an image that ./bulkhead build linked?")
    out = proc.stdout
    table: dict[str, int] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            try:
                table.setdefault(parts[0], int(parts[2], 16))
            except ValueError:
                continue
    return table


def regions(syms: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Region name ('c0.text', 'shared.data', 'gates', ...) -> [start, end) from the linker script's symbols."""
    out: dict[str, tuple[int, int]] = {}
    for name, start in syms.items():
        m = re.fullmatch(r"__bh_(.+)_start", name)
        if m and f"__bh_{m.group(1)}_end" in syms:
            key = m.group(1)
            key = re.sub(r"^(c\d+|shared)_(text|rodata|data|bss)(_system)?$",
                         lambda k: f"{k.group(1)}.{k.group(2)}" + (".system" if k.group(3) else ""), key)
            out[key] = (start, syms[f"__bh_{m.group(1)}_end"])
    return out


def _section_region(section: str) -> str | None:
    m = re.fullmatch(r"\.bh\.(c\d+|shared)\.(text|rodata|data|bss)(\.system)?", section)
    if m:
        return f"{m.group(1)}.{m.group(2)}{m.group(3) or ''}"
    return {".bh.gates": "gates", ".bh.sys": "sys", ".bh.meta": "shared.rodata", ".bh.mtext": "mtext",
            ".bh.monitor": "monitor"}.get(section)


def _within(regs: dict[str, tuple[int, int]], region: str, addr: int) -> bool:
    """addr in `region`.  A compartment region split in two (backend vm: the system part first, which
    every machine holds, then the rest, held by the compartment's own machine only) admits system
    symbols ('cK.text.system') in the first part only and the others in the rest only."""
    if region.endswith(".system") and region not in regs:
        region = region[:-len(".system")]          # no split: the whole region
    if region not in regs or not regs[region][0] <= addr < regs[region][1]:
        return False
    sys_part = regs.get(region + ".system")
    return not (sys_part and sys_part[0] <= addr < sys_part[1])


def expected_placements(manifest: dict, cfg: Config) -> list[tuple[str, list[str]]]:
    """(symbol, allowed regions) for every symbol the manifest places."""
    out: list[tuple[str, list[str]]] = []
    if manifest.get("symbols"):
        # Final placement of every symbol, as the finalize step saw it: the section decides the region.
        for sym in manifest["symbols"]:
            region = _section_region(sym.get("section", ""))
            if region is None:
                raise BulkheadError(f"manifest: symbol {sym['name']} has unknown section '{sym.get('section')}'")
            out.append((sym["name"], [region]))
        return out
    rodata_shared = cfg.policies.get("rodata") == "shared"
    for comp in manifest.get("compartments", []):
        i = comp["index"]
        for f in comp.get("functions", []):
            name, sec = (f["name"], f.get("section")) if isinstance(f, dict) else (f, None)
            out.append((name, [_section_region(sec)] if sec else [f"c{i}.text"]))
        for g in comp.get("globals", []):
            name, sec = (g["name"], g.get("section")) if isinstance(g, dict) else (g, None)
            allowed = [f"c{i}.rodata", f"c{i}.data", f"c{i}.bss"] + (["shared.rodata"] if rodata_shared else [])
            out.append((name, [_section_region(sec)] if sec else allowed))
    for g in manifest.get("shared_globals", []):
        name = g["name"] if isinstance(g, dict) else g
        out.append((name, ["shared.rodata", "shared.data", "shared.bss"]))
    for g in manifest.get("gates", []):
        if isinstance(g, dict) and g.get("stub"):
            out.append((g["stub"], ["gates"]))
    for f in manifest.get("neutral", []):
        name = f["name"] if isinstance(f, dict) else f
        out.append((name, ["shared.text"]))
    return out


def placement(elf: Path, manifest_path: Path, cfg: Config, label: Path | None = None) -> int:
    """Fail the build if any placed symbol is outside its allowed regions.  Returns symbols checked."""
    if not manifest_path.is_file():
        raise BulkheadError(f"the pass wrote no manifest ({manifest_path}): did the plugin run?")
    manifest = json.loads(manifest_path.read_text())
    syms = symbols(elf)
    regs = regions(syms)
    bad = []
    checked = 0
    for name, allowed in expected_placements(manifest, cfg):
        addr = syms.get(name)
        if addr is None:
            continue            # dropped by the optimizer or private (no symbol): nothing to misplace
        checked += 1
        inside = [r for r in allowed if _within(regs, r, addr)]
        if not inside:
            actual = next((r for r, (s, e) in regs.items() if s <= addr < e), "no region")
            bad.append(f"  {name} at {addr:#x} is in {actual}, expected {' or '.join(allowed)}")
    if bad:
        raise BulkheadError(f"image {label or elf}: {len(bad)} symbol(s) outside their compartment's regions:\n"
                            + "\n".join(bad[:50]),
                            hint="the linker script and the pass disagree; see image.map next to the image")
    if checked == 0:
        raise BulkheadError(f"image {label or elf}: the placement check found none of the manifest's symbols")
    return checked
