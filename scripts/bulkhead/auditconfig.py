"""`./bulkhead audit-config IMAGE`: what each compartment of a built image lets others do to it.

The review a user does before trusting a configuration, from the image's own manifest.json (written
by the pass, passes/Finalize.cpp) and config.json: for each compartment, what each of its components
exports (component.toml `exports`), which compartments it may call (`calls`), which entry points other compartments call
and through which gates, which calls it makes out, which of its globals are shared and who uses them,
which callbacks (indirect-call targets) may enter it and from which call sites, and which of its
locals live in shared memory (data shadow stack or shared heap).
"""
from __future__ import annotations

import collections
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diag import BulkheadError


@dataclass
class CompartmentAudit:
    index: int
    name: str
    key: int
    components: list[str]
    entries: dict[str, list[str]] = field(default_factory=dict)     # callee -> "caller (compartment) at site via stub"
    calls_out: dict[str, list[str]] = field(default_factory=dict)   # "compartment: callee" -> callers
    shared: list[str] = field(default_factory=list)                 # "global (section): used by ..."
    callbacks: dict[str, list[str]] = field(default_factory=dict)   # target -> call sites in other compartments
    moved_locals: list[str] = field(default_factory=list)
    exports: dict[str, list[str] | None] = field(default_factory=dict)   # component -> its exports (None: none declared)
    exports_files: dict[str, str] = field(default_factory=dict)         # component -> the component.toml declaring them
    may_call: list[str] | None = None                                    # the configuration's `calls` (None: any)
    shares: list[str] = field(default_factory=list)                      # the configuration's `shares`


def _manifest(image: Path) -> dict[str, Any]:
    path = image / "manifest.json" if image.is_dir() else image.with_name("manifest.json")
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise BulkheadError(f"{path}: no manifest next to the image",
                            hint="give an image built by ./bulkhead build (build/images/NAME/image.elf)") from None
    except (OSError, ValueError) as e:
        raise BulkheadError(f"{path}: unreadable manifest: {e}") from None


def _config(image: Path) -> dict[str, Any]:
    """config.json next to the image (exports, calls, shares); {} for an image without one."""
    path = image / "config.json" if image.is_dir() else image.with_name("config.json")
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def audit(image: Path) -> tuple[dict[str, Any], list[CompartmentAudit]]:
    m = _manifest(image)
    cfg = _config(image)
    try:
        comps = m["compartments"]
        out = [CompartmentAudit(c.get("index", i), c["name"], c.get("key", 0), list(c.get("components", [])))
               for i, c in enumerate(comps)]
    except (KeyError, TypeError) as e:
        raise BulkheadError(f"{image}: manifest without compartments ({e})") from None
    name = {c.index: c.name for c in out}
    exports = cfg.get("exports") if isinstance(cfg.get("exports"), dict) else {}
    files = cfg.get("exports_files") if isinstance(cfg.get("exports_files"), dict) else {}
    declared = {c.get("name"): c for c in cfg.get("compartments", []) if isinstance(c, dict)}
    for a in out:
        for comp in a.components:
            a.exports[comp] = list(exports[comp]) if comp in exports else None
            if comp in files:
                a.exports_files[comp] = str(files[comp])
        d = declared.get(a.name, {})
        a.may_call = list(d["calls"]) if isinstance(d.get("calls"), list) else None
        a.shares = list(d.get("shares") or [])
    where: dict[str, int] = {}                     # function -> compartment index
    for c in comps:
        for f in c.get("functions", []):
            where[f] = c.get("index", comps.index(c))
    for g in m.get("gates", []):
        if not isinstance(g, dict):
            continue
        src, dst = g.get("from"), g.get("to")
        how = f"{g.get('caller')} ({name.get(src, src)}) at {g.get('site') or '?'} via {g.get('stub')}"
        if g.get("thunk"):
            how += f", marshalled by {g['thunk']}"
        if dst in name:
            out[dst].entries.setdefault(g.get("callee", "?"), []).append(how)
        if src in name:
            out[src].calls_out.setdefault(f"{name.get(dst, dst)}: {g.get('callee')}", []).append(g.get("caller", "?"))
    for s in m.get("shared_globals", []):
        owner = s.get("compartment")
        # users are the functions that named it before LTO's inlining; one inlined since has no place
        users = collections.Counter(name.get(where.get(u), "") for u in s.get("users", []))
        gone = users.pop("", 0)
        line = (f"{s.get('name')} ({s.get('component')}, {s.get('section')}): used from "
                + ", ".join(f"{c} ({n} function{'s' if n > 1 else ''})" for c, n in sorted(users.items()))
                + (f"{', and ' if users else ''}{gone} function{'s' if gone > 1 else ''} inlined into their callers since"
                   if gone else ""))
        if owner in name:
            out[owner].shared.append(line)
    for ic in m.get("indirect_calls", []):
        site_c = ic.get("compartment")
        for target in ic.get("entries", []):
            tc = where.get(target)
            if tc is not None and tc != site_c and tc in name:
                out[tc].callbacks.setdefault(target, []).append(
                    f"{ic.get('caller')} ({name.get(site_c, site_c)}) at {ic.get('site')}")
    for loc in m.get("shadow_locals", []):
        c = loc.get("compartment") if isinstance(loc, dict) else None
        if c in name:
            out[c].moved_locals.append(f"{loc.get('function')}: {loc.get('local') or '(unnamed)'}, {loc.get('bytes')} bytes, "
                                       f"{loc.get('strategy')}: {loc.get('reason')}"
                                       + (f" at {loc['site']}" if loc.get("site") else "")
                                       # [threads] dss = "owner": a kept local leaves its compartment unparked
                                       + (f"; kept past the call ({loc['kept']})" if loc.get("kept") else ""))
    return m, out


def render(m: dict[str, Any], audits: list[CompartmentAudit]) -> str:
    lines = [f"image '{m.get('name')}', backend {m.get('backend')}, {len(audits)} compartments, "
             f"kernel in compartment {m.get('kernel_compartment')}"]
    for a in audits:
        lines.append("")
        lines.append(f"compartment {a.index} '{a.name}' (key {a.key}): {', '.join(a.components)}")
        for comp, names in a.exports.items():
            if names is None:
                lines.append(f"  exports of {comp}: not declared (every function and global another compartment "
                             "names is an entry)")
            else:
                lines.append(f"  exports of {comp} ({a.exports_files.get(comp, 'component.toml')}): {len(names)}"
                             + (f": {', '.join(names)}" if names else " (nothing: no other compartment may call it)"))
        lines.append("  may call: " + ("any compartment (calls not declared)" if a.may_call is None
                                       else ", ".join(a.may_call) or "no other compartment (calls = [])"))
        if a.shares:
            lines.append(f"  shares (declared): {', '.join(a.shares)}")
        lines.append(f"  entered through gates: {len(a.entries)} entry point(s)")
        for callee, hows in sorted(a.entries.items()):
            lines.append(f"    {callee}")
            lines += [f"      <- {h}" for h in sorted(set(hows))]
        lines.append(f"  calls out: {len(a.calls_out)}")
        for target, callers in sorted(a.calls_out.items()):
            lines.append(f"    -> {target}  (from {', '.join(sorted(set(callers)))})")
        lines.append(f"  shared globals it owns: {len(a.shared)}")
        lines += [f"    {s}" for s in a.shared]
        lines.append(f"  callbacks that may enter it: {len(a.callbacks)}")
        for target, sites in sorted(a.callbacks.items()):
            lines.append(f"    {target}")
            lines += [f"      <- {s}" for s in sorted(set(sites))]
        if a.moved_locals:
            lines.append(f"  locals moved to shared memory: {len(a.moved_locals)}")
            lines += [f"    {x}" for x in a.moved_locals]
    if m.get("refusals"):
        lines += ["", f"refused crossings: {len(m['refusals'])}"]
    return "\n".join(lines)


def to_json(m: dict[str, Any], audits: list[CompartmentAudit]) -> str:
    from dataclasses import asdict
    return json.dumps({"name": m.get("name"), "backend": m.get("backend"),
                       "compartments": [asdict(a) for a in audits]}, indent=1)
