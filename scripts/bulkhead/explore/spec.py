"""Matrix specs: one TOML file that names an app, the components to place, the backends and modes, and
constraints; expanded into configuration files (each valid by `./bulkhead check`), without building.

    name = "sqlite"                    # image names: <name>-<backend>[-<mode>]-<placement code>
    app = "sqlite-bench"
    [place]
    components = ["sqlite", "libc", "vfs", "ramfs", "time"]   # placed in every possible way
    together = [["vfs", "ramfs"]]      # always share a compartment
    follow = { kernel = "libc", sqlbench = "libc" }   # always in that component's compartment
    alone = []                         # units that share their compartment with no other unit
    max_compartments = 4               # and min_compartments
    [backends]                         # each backend with the option values to try (product)
    mpk = { stack = ["shared", "private"] }
    vm = { wake = ["exit", "poll"] }
    [harden]                           # per-component hardening: refused until hardening exists
    [policies] / [heap] / [threads]    # copied into every configuration
    [run]                              # the benchmark ./bulkhead matrix runs on each image (matrix/plan.py)

Placements are set partitions of the units (a unit: a component, or a `together` group), so
configurations equal up to renaming compartments are generated once.  The placement code is the
partition's restricted growth string over the units in spec order (`1123`: the first two units share
compartment 1).  Backend `none` isolates nothing, so it gets one configuration: everything in one
compartment.  docs/explore.md, section 6.
"""
from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diag import BulkheadError, Location

TOP_KEYS = {"name", "app", "description", "place", "backends", "harden", "policies", "heap", "threads", "run"}
PLACE_KEYS = {"components", "together", "follow", "alone", "min_compartments", "max_compartments"}
COPIED = ("policies", "heap", "threads")
CODE_DIGITS = "123456789abcdefghijklmnopqrstuvwxyz"


@dataclass
class Spec:
    path: Path
    name: str
    app: str
    units: list[tuple[str, ...]]            # what is placed: components, or groups that stay together
    follow: dict[str, str]                  # component -> the component whose compartment it joins
    alone: set[tuple[str, ...]]
    min_compartments: int
    max_compartments: int
    backends: dict[str, list[dict[str, str]]]   # backend -> its option combinations
    copied: dict[str, Any] = field(default_factory=dict)
    run: dict[str, Any] = field(default_factory=dict)   # [run]: read by ./bulkhead matrix (matrix/plan.py)


@dataclass
class Variant:
    """One configuration of the matrix."""
    name: str
    backend: str
    options: dict[str, str]
    blocks: list[list[str]]                 # components per compartment, the kernel's first
    code: str                               # the placement code

    def toml(self, spec: Spec) -> str:
        import tomli_w   # Debian python3-tomli-w
        doc: dict[str, Any] = {"name": self.name, "app": spec.app}
        doc["compartment"] = [{"name": _compartment_name(b, i), "backend": self.backend, "components": b,
                               **({"options": dict(self.options)} if self.options else {})}
                              for i, b in enumerate(self.blocks)]
        doc.update(spec.copied)
        head = f"# {self.name}: expanded from {spec.path.name} (placement {self.code}); do not edit\n"
        return head + tomli_w.dumps(doc)


def _compartment_name(block: list[str], index: int) -> str:
    return f"c{index}-{block[0]}" if re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", block[0]) else f"c{index}"


def _where(path: Path, text: str, needle: str) -> Location:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return Location(path, i)
    return Location(path)


def load(path: Path) -> Spec:
    """Read and check a spec; errors name the file, the line and what to do."""
    from .. import backends as backends_mod
    from .. import components
    if not path.is_file():
        raise BulkheadError(f"no such matrix spec: {path}")
    text = path.read_text()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise BulkheadError(f"malformed TOML: {e}", Location(path, int(m.group(1)) if m else None)) from None
    at = lambda needle: _where(path, text, needle)  # noqa: E731
    def need(cond: bool, msg: str, needle: str, hint: str | None = None) -> None:
        if not cond:
            raise BulkheadError(msg, at(needle), hint)

    for key in raw:
        need(key in TOP_KEYS, f"unknown key '{key}'", key, "keys: " + ", ".join(sorted(TOP_KEYS)))
    if raw.get("harden"):
        raise BulkheadError("per-component hardening is not available yet", at("[harden"),
                            hint="remove [harden] (the hardening axis comes with the hardening issue)")
    need(isinstance(raw.get("app"), str), "missing key 'app' (the application folder under apps/)", "app")
    need(isinstance(raw.get("name"), str) and re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", raw.get("name", "")) is not None,
         "missing or invalid 'name' (letters, digits, '_' and '-'): the prefix of every image name", "name")
    try:
        found = components.discover(raw["app"])
    except BulkheadError as e:
        e.where = at("app")
        raise
    place = raw.get("place")
    need(isinstance(place, dict), "missing table [place]", "[place", "say which components to place")
    for key in place:
        need(key in PLACE_KEYS, f"unknown key '{key}' in [place]", key, "keys: " + ", ".join(sorted(PLACE_KEYS)))
    comps = place.get("components")
    need(isinstance(comps, list) and comps and all(isinstance(c, str) for c in comps),
         "[place] components must be a non-empty list of component names", "components")
    together = place.get("together", [])
    follow = place.get("follow", {})
    need(isinstance(together, list) and all(isinstance(g, list) and all(isinstance(c, str) for c in g) for g in together),
         "[place] together must be a list of lists of component names", "together")
    need(isinstance(follow, dict) and all(isinstance(v, str) for v in follow.values()),
         "[place] follow must map components to the component whose compartment they join", "follow")
    named = [*comps, *(c for g in together for c in g), *follow, *follow.values()]
    for c in named:
        need(c in found, f"unknown component '{c}'", f'"{c}"' if f'"{c}"' in text else c,
             f"components of app '{raw['app']}': {', '.join(sorted(found))}")
    for c in (c for g in together for c in g):
        need(c in comps, f"'{c}' is in [place] together but not in [place] components", f'"{c}"')
    for c, target in follow.items():
        need(c not in comps, f"'{c}' is placed and follows '{target}': choose one", f"{c} =")
        need(target in comps, f"'{c}' follows '{target}', which is not in [place] components", f"{c} =")
    units: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for c in comps:
        need(c not in seen or any(c in g for g in together), f"component '{c}' is named twice", f'"{c}"')
        if c in seen:
            continue
        group = next((g for g in together if c in g), [c])
        need(not (seen & set(group)), f"component '{c}' is in two groups of [place] together", f'"{c}"')
        seen |= set(group)
        units.append(tuple(group))
    missing = sorted(n for n, comp in found.items() if not n.startswith("backend-") and not comp.optional
                     and n not in seen and n not in follow)
    need(not missing, f"components of app '{raw['app']}' neither placed nor following one: {', '.join(missing)}",
         "[place", "add them to [place] components or [place] follow")
    alone_raw = place.get("alone", [])
    need(isinstance(alone_raw, list) and all(c in seen for c in alone_raw),
         "[place] alone must list placed components", "alone")
    alone = {u for u in units if set(u) & set(alone_raw)}
    lo, hi = place.get("min_compartments", 1), place.get("max_compartments", len(units))
    need(isinstance(lo, int) and isinstance(hi, int) and 1 <= lo <= hi,
         "[place] min_compartments and max_compartments must be whole numbers, 1 <= min <= max",
         "max_compartments" if "max_compartments" in place else "min_compartments")

    table = raw.get("backends")
    need(isinstance(table, dict) and table, "missing table [backends] (each backend with its option values)",
         "[backends", 'e.g.  mpk = { stack = ["shared", "private"] }')
    variants: dict[str, list[dict[str, str]]] = {}
    for name, opts in table.items():
        need(name in backends_mod.available(), f"unknown backend '{name}'", f"{name} =",
             "available: " + ", ".join(backends_mod.available()))
        b = backends_mod.load(name)
        need(isinstance(opts, dict), f"backend '{name}' needs a table of option lists", f"{name} =")
        axes = []
        for opt, values in opts.items():
            values = values if isinstance(values, list) else [values]
            need(opt in b.options, f"unknown option '{opt}' for backend '{name}'", f"{name} =",
                 f"options of '{name}': {', '.join(b.options) or 'none'}")
            for v in values:
                need(v in b.options[opt], f"option {opt} = '{v}' is not supported by backend '{name}'",
                     f"{name} =", "supported: " + ", ".join(b.options[opt]))
            axes.append([(opt, v) for v in dict.fromkeys(values)])
        variants[name] = [dict(c) for c in itertools.product(*axes)]
    return Spec(path, raw["name"], raw["app"], units, dict(follow), alone, lo, hi, variants,
                {k: raw[k] for k in COPIED if k in raw}, raw.get("run", {}))


def set_partitions(units: list[tuple[str, ...]]) -> list[list[list[tuple[str, ...]]]]:
    """Every set partition of the units (Bell(n) of them), each once."""
    from more_itertools import set_partitions as parts   # Debian python3-more-itertools
    return [p for k in range(1, len(units) + 1) for p in parts(units, k)]


def code(units: list[tuple[str, ...]], partition: list[list[tuple[str, ...]]]) -> str:
    """The restricted growth string: each unit's compartment, numbered by first appearance."""
    number: dict[int, int] = {}
    block_of = {u: i for i, b in enumerate(partition) for u in b}
    return "".join(CODE_DIGITS[number.setdefault(block_of[u], len(number))] for u in units)


def expand(spec: Spec) -> tuple[list[Variant], list[str]]:
    """The configurations of a spec, and why others were left out (one line per reason)."""
    from .. import backends as backends_mod
    placements = []
    for p in set_partitions(spec.units):
        if not spec.min_compartments <= len(p) <= spec.max_compartments:
            continue
        if any(len(b) > 1 for b in p if set(b) & spec.alone):
            continue
        placements.append(p)
    out, skipped = [], []
    for backend, combos in spec.backends.items():
        limit = backends_mod.load(backend).max_compartments
        for options in combos:
            mode = "-".join(options.values())
            for p in placements if backend != "none" else [[list(spec.units)]]:
                blocks = [[c for u in b for c in u] for b in p]
                for comp, target in spec.follow.items():
                    next(b for b in blocks if target in b).append(comp)
                blocks.sort(key=lambda b: ("kernel" not in b, min(_index(spec, c) for c in b)))
                rgs = code(spec.units, p)
                name = "-".join(x for x in (spec.name, backend, mode, rgs) if x)
                if len(blocks) > limit:
                    skipped.append(f"{name}: {len(blocks)} compartments, backend {backend} allows {limit}")
                    continue
                out.append(Variant(name, backend, options, blocks, rgs))
    return out, skipped


def _index(spec: Spec, comp: str) -> int:
    order = [c for u in spec.units for c in u]
    return order.index(comp) if comp in order else order.index(spec.follow[comp])


def write(spec: Spec, variants: list[Variant], folder: Path) -> list[Path]:
    """Write each configuration as FOLDER/NAME.toml and validate it as `./bulkhead check` does."""
    from .. import config
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for v in variants:
        path = folder / f"{v.name}.toml"
        text = v.toml(spec)
        if not path.is_file() or path.read_text() != text:   # unchanged files keep their time stamps
            path.write_text(text)
        config.load(path)
        paths.append(path)
    return paths
