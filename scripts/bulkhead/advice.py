"""What to write in the configuration after a run: the lines a fault report or an audit run asks for.

The kernel names what it saw by symbol (kernel/fault.c, kernel/audit.c); only the host has the manifest
(passes/Finalize.cpp: each global's `shares` entry "file.c:name" and its file:line) and the configuration
file, so `./bulkhead run` turns the report into the exact line to add, on stderr after the console:

* a fault on another compartment's global (a protection key under mpk, another machine's memory under
  vm): the `shares` line of the owner's `[[compartment]]` that would share it, at which line of which
  configuration file;
* an audit run (`[policies] audit = "on"`): from the summary's accesses and calls, for each compartment
  the `calls` and `shares` lines, and for each component the `exports` line of its component.toml, that
  list exactly what this run used (docs/design.md 4b: least privilege by configuration).

These lines are advice to a user, never a verdict: they are read from the guest's console, which the
program itself may write.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths

# kernel/fault.c and kernel/symbols.c: a page fault's headline, the object's place and the code's
_FAULT = re.compile(r"^bulkhead: page fault: (protection-key violation|access to another compartment's memory)"
                    r".* on (read|write|execute) at", re.M)
_PLACE = re.compile(r"^bulkhead:   (address|by)\s+(\S+)\+0x[0-9a-f]+ .*?in component '([^']*)', "
                    r"compartment '([^']*)'", re.M)
# kernel/audit.c: the summary's lines
_AUDIT_ACCESS = re.compile(r"^bulkhead:   (\d+)x (read|write) of (\S+) \(compartment (\S+)\) by (\S+) "
                           r"\(compartment (\S+)\)$", re.M)
_AUDIT_CALL = re.compile(r"^bulkhead:   (\d+)x call of (\S+) \(compartment (\S+)\) from compartment (\S+)$", re.M)
_AUDIT_CALLS_HEAD = "bulkhead: audit calls:"


@dataclass
class _Image:
    """What the host knows about an image: its manifest, its configuration JSON, its configuration file."""
    manifest: dict[str, Any]
    config: dict[str, Any]
    source: Path | None                     # the TOML it was built from, if known and still there
    raw: dict[str, Any] = field(default_factory=dict)    # that file, parsed
    text: list[str] = field(default_factory=list)        # its lines

    def symbol(self, name: str) -> dict[str, Any] | None:
        for s in self.manifest.get("symbols", []):
            if isinstance(s, dict) and s.get("name") == name:
                return s
        return None

    def compartment_names(self) -> list[str]:
        return [c.get("name", "?") for c in self.manifest.get("compartments", [])]

    def system(self, component: str | None) -> bool:
        return component in self.config.get("system", [])

    def where(self) -> str:
        return str(_rel(self.source)) if self.source else \
            f"the configuration of image '{self.manifest.get('name')}'"

    def compartment_line(self, name: str, key: str) -> tuple[int | None, list[str] | None]:
        """(line of `key` in that [[compartment]], its current list) or (line of `name = ...`, None)."""
        if not self.source:
            return None, None
        from .config import _Lines
        comps = self.raw.get("compartment", [])
        idx = next((i for i, c in enumerate(comps) if isinstance(c, dict) and c.get("name") == name), None)
        if idx is None:
            return None, None
        lines = _Lines(self.source, "\n".join(self.text))
        current = comps[idx].get(key)
        if isinstance(current, list):
            return lines.at(key, "[[compartment]]", idx).line, [str(x) for x in current]
        return lines.at("name", "[[compartment]]", idx).line, None

    def component_file(self, component: str) -> str:
        files = self.config.get("exports_files") or {}
        if component in files:
            return str(files[component])
        if self.source:
            try:
                from . import config
                comp = config.load(self.source).components.get(component)
            except Exception:     # the file changed since the build: name the component instead
                comp = None
            if comp is not None:
                return str(_rel(comp.folder / "component.toml"))
        return f"the component.toml of component '{component}'"


def _rel(path: Path) -> Path:
    try:
        return path.resolve().relative_to(paths.ROOT)
    except ValueError:
        return path


def _load(image: Path, source: Path | None) -> _Image | None:
    folder = image.parent
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
        cfg = json.loads((folder / "config.json").read_text())
    except (OSError, ValueError):
        return None
    if source is None:      # run from the image: the configuration it was last built from
        try:
            recorded = Path((folder / "config.path").read_text().strip())
        except OSError:
            recorded = None
        source = recorded if recorded and recorded.is_file() else None
    img = _Image(manifest, cfg if isinstance(cfg, dict) else {}, source)
    if source:
        try:
            text = source.read_text()
            img.raw, img.text = tomllib.loads(text), text.splitlines()
        except (OSError, ValueError):
            img.source = None
    return img


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(x) for x in items) + "]"


def _list_line(img: _Image, compartment: str, key: str, add: list[str]) -> str:
    """Where and what to write so that `key` of [[compartment]] `compartment` holds `add` too."""
    line, current = img.compartment_line(compartment, key)
    at = f"{img.where()}, [[compartment]] '{compartment}'"
    if current is not None:
        merged = current + [x for x in add if x not in current]
        if merged == current:
            return f"{at}: {key} already lists {_toml_list(add)} (line {line})"
        return f"{at}, line {line}: {key} = {_toml_list(merged)}"
    return f"{at}{f' (after line {line})' if line else ''}: {key} = {_toml_list(add)}"


def fault_advice(img: _Image, output: str) -> list[str]:
    """The shares line that would have let the faulting access happen, for each fault on a global."""
    out: list[str] = []
    for head in _FAULT.finditer(output):
        places: dict[str, re.Match] = {}
        for m in _PLACE.finditer(output, head.end(), head.end() + 2000):   # this report's own lines
            places.setdefault(m.group(1), m)
        obj, by = places.get("address"), places.get("by")
        if not obj or not by:
            continue
        sym = img.symbol(obj.group(2))
        if not sym or sym.get("kind") != "object" or not isinstance(sym.get("compartment"), int):
            continue
        owner, component, user = obj.group(4), obj.group(3), by.group(4)
        what = (f"{by.group(2)} (compartment '{user}') {head.group(2)}s {sym['name']}"
                + (f" ({sym['site']})" if sym.get("site") else "")
                + f" of component '{component}', compartment '{owner}'")
        if img.system(component):
            out.append(f"{what}: a system component's global, which no configuration shares; "
                       f"keep the access in compartment '{owner}'")
            continue
        entry = sym.get("share") or sym["name"]
        out.append(f"{what}; if '{user}' may use it, share it: "
                   + _list_line(img, owner, "shares", [entry]))
    return out


def _callee_of_thunk(img: _Image, name: str) -> str:
    for g in img.manifest.get("gates", []):
        if isinstance(g, dict) and g.get("thunk") == name:
            return str(g.get("callee"))
    return name


def audit_advice(img: _Image, output: str) -> list[str]:
    """The calls, shares and exports lines that list exactly what an audit run used."""
    if _AUDIT_CALLS_HEAD not in output:
        return []
    names = img.compartment_names()
    calls: dict[str, list[str]] = {n: [] for n in names}
    shares: dict[str, list[str]] = {}
    exports: dict[str, list[str]] = {}
    unnamed = 0
    for m in _AUDIT_CALL.finditer(output):
        callee, to, frm = _callee_of_thunk(img, m.group(2)), m.group(3), m.group(4)
        if frm in calls and to not in calls[frm]:
            calls[frm].append(to)
        sym = img.symbol(callee)
        comp = sym.get("component") if sym else None
        if comp and not img.system(comp):
            exports.setdefault(comp, [])
            if callee not in exports[comp]:
                exports[comp].append(callee)
    for m in _AUDIT_ACCESS.finditer(output):
        sym = img.symbol(m.group(3))
        if not sym or sym.get("kind") != "object" or img.system(sym.get("component")):
            unnamed += 1
            continue
        entry = sym.get("share") or sym["name"]
        shares.setdefault(m.group(4), [])
        if entry not in shares[m.group(4)]:
            shares[m.group(4)].append(entry)
    out = ["least privilege from this audit run (what it used; once declared, the link refuses every "
           "other crossing, the run stops every other access):"]
    out += ["  " + _list_line(img, c, "calls", sorted(calls[c])) for c in names]
    out += ["  " + _list_line(img, c, "shares", sorted(shares[c])) for c in names if c in shares]
    out += [f"  {img.component_file(c)}: exports = {_toml_list(sorted(e))}" for c, e in sorted(exports.items())]
    used = {(frm, m.group(2)) for m in _AUDIT_CALL.finditer(output) for frm in [m.group(4)]}
    idle = sorted({f"{names[g['from']]} -> {_callee_of_thunk(img, g['callee'])}"
                   for g in img.manifest.get("gates", [])
                   if isinstance(g, dict) and isinstance(g.get("from"), int) and g["from"] < len(names)
                   and (names[g["from"]], g.get("thunk") or g.get("callee")) not in used})
    if idle:
        out.append(f"  linked but not called in this run ({len(idle)}): {', '.join(idle)}: with the lists above "
                   "the link refuses them; add them too if other runs need them")
    if unnamed:
        out.append(f"  {unnamed} access site(s) to memory without a global of a compartment (stacks, heaps, "
                   "the kernel's): no shares line covers those")
    out.append("  not seen by a run: constants another compartment names (shared rodata, no key violation) and "
               "functions whose address another compartment takes; with exports declared, the link names each "
               "one to add")
    return out


def advise(image: Path, output: str, source: Path | None = None) -> list[str]:
    """Every advice line for one run's console (without the "bulkhead: " prefix)."""
    img = _load(image, source)
    if img is None:
        return []
    return fault_advice(img, output) + audit_advice(img, output)
