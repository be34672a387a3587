"""Matrix specs: one TOML file that names an app, the components to place, the backends and modes, and
constraints; expanded into configuration files (each valid by `./bulkhead check`), without building.

    name = "sqlite"                    # image names: <name>-<backend>[-<mode>]-<placement code>
    app = "sqlite-bench"
    [place]
    components = ["sqlite", "libc", "vfs", "ramfs", "time"]   # placed in every possible way
    together = [["vfs", "ramfs"]]      # always share a compartment
    follow = { kernel = "libc", sqlbench = "libc" }   # always in that component's compartment
    # or a choice, which is an axis: with libc, or in a compartment of its own (with whoever follows it)
    # follow = { kernel = ["libc", "alone"], sqlbench = "kernel" }
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
compartment 1); a follower with a choice adds its compartment's digit (`11231`: the kernel with libc,
`11234`: alone).  Backend `none` isolates nothing, so it gets one configuration: everything in one
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
ALONE = "alone"        # [place] follow: a compartment of its own


@dataclass
class Spec:
    path: Path
    name: str
    app: str
    units: list[tuple[str, ...]]            # what is placed: components, or groups that stay together
    follow: dict[str, list[str]]            # component -> where it may go: a component whose compartment
                                            # it joins, or ALONE; several: each is a configuration
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
    need(isinstance(follow, dict) and all(isinstance(v, str) or isinstance(v, list) and v and
                                          all(isinstance(x, str) for x in v) for v in follow.values()),
         "[place] follow must map components to the component whose compartment they join (or a list of "
         f"choices, \"{ALONE}\" for a compartment of its own)", "follow")
    follow = {c: list(dict.fromkeys(v if isinstance(v, list) else [v])) for c, v in follow.items()}
    named = [*comps, *(c for g in together for c in g), *follow,
             *(t for v in follow.values() for t in v if t != ALONE)]
    for c in named:
        need(c in found, f"unknown component '{c}'", f'"{c}"' if f'"{c}"' in text else c,
             f"components of app '{raw['app']}': {', '.join(sorted(found))}")
    for c in (c for g in together for c in g):
        need(c in comps, f"'{c}' is in [place] together but not in [place] components", f'"{c}"')
    for c, targets in follow.items():
        need(c not in comps, f"'{c}' is placed and follows '{targets[0]}': choose one", f"{c} =")
        for target in targets:
            need(target in comps or target in follow or target == ALONE,
                 f"'{c}' follows '{target}', which is neither in [place] components nor a follower", f"{c} =")
    _follow_order(follow, lambda msg: need(False, msg, "follow"))
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
    most = len(units) + sum(ALONE in v for v in follow.values())   # every unit apart, every follower alone
    lo, hi = place.get("min_compartments", 1), place.get("max_compartments", most)
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


def _follow_order(follow: dict[str, list[str]], fail: Any = None) -> list[str]:
    """Followers in an order where each comes after those it may follow (a cycle is an error)."""
    out: list[str] = []
    while len(out) < len(follow):
        ready = [c for c in follow if c not in out and all(t not in follow or t in out for t in follow[c])]
        if not ready:
            cyc = sorted(c for c in follow if c not in out)
            if fail:
                fail(f"[place] follow goes round in a circle: {', '.join(cyc)}")
            raise ValueError(cyc)
        out += ready
    return out


def set_partitions(units: list[tuple[str, ...]]) -> list[list[list[tuple[str, ...]]]]:
    """Every set partition of the units (Bell(n) of them), each once."""
    from more_itertools import set_partitions as parts   # Debian python3-more-itertools
    return [p for k in range(1, len(units) + 1) for p in parts(units, k)]


def expand(spec: Spec) -> tuple[list[Variant], list[str]]:
    """The configurations of a spec, and why others were left out (one line per reason)."""
    from .. import backends as backends_mod
    order = _follow_order(spec.follow)
    axes = [c for c in order if len(spec.follow[c]) > 1]        # followers with a choice: an axis each
    placements = []
    for p in set_partitions(spec.units):
        if any(len(b) > 1 for b in p if set(b) & spec.alone):
            continue
        for choice in itertools.product(*(spec.follow[c] for c in axes)):
            where = {c: spec.follow[c][0] for c in order} | dict(zip(axes, choice))
            blocks = [[c for u in b for c in u] for b in p]
            for comp in order:
                if where[comp] == ALONE:
                    blocks.append([comp])
                else:
                    next(b for b in blocks if where[comp] in b).append(comp)
            if not spec.min_compartments <= len(blocks) <= spec.max_compartments:
                continue
            # the code: the units' compartments, then each choosing follower's (first appearance)
            at = {c: i for i, b in enumerate(blocks) for c in b}
            number: dict[int, int] = {}
            rgs = "".join(CODE_DIGITS[number.setdefault(at[c], len(number))] for c in [*(u[0] for u in spec.units), *axes])
            placements.append((rgs, blocks))
    out, skipped = [], []
    for backend, combos in spec.backends.items():
        limit = backends_mod.load(backend).max_compartments
        for options in combos:
            mode = "-".join(options.values())
            together = [[c for u in spec.units for c in u] + list(order)]
            for rgs, blocks in placements if backend != "none" else [("1" * (len(spec.units) + len(axes)), together)]:
                blocks = sorted((list(b) for b in blocks),
                                key=lambda b: ("kernel" not in b, min(_index(spec, c) for c in b)))
                name = "-".join(x for x in (spec.name, backend, mode, rgs) if x)
                if len(blocks) > limit:
                    skipped.append(f"{name}: {len(blocks)} compartments, backend {backend} allows {limit}")
                    continue
                out.append(Variant(name, backend, options, blocks, rgs))
    return out, skipped


def _index(spec: Spec, comp: str) -> int:
    """A component's place in the spec's order: a follower sorts with what it follows, or last."""
    order = [c for u in spec.units for c in u]
    seen = set()
    while comp not in order and comp not in seen:
        seen.add(comp)
        target = spec.follow[comp][0]
        if target == ALONE:
            return len(order) + list(spec.follow).index(comp)
        comp = target
    return order.index(comp) if comp in order else len(order)


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
