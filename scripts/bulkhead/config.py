"""Configurations: TOML files that map components to compartments.

A configuration is validated completely before anything is built; every error names the file, the key
and the line, and says what to do.  The validated form is carried into the link as JSON (see
docs/design.md section 2).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import backends, components, memory, paths
from .diag import BulkheadError, Location

TOP_KEYS = {"name", "app", "description", "compartment", "policies", "heap", "threads", "memory"}
MAX_THREADS = 64
COMPARTMENT_KEYS = {"name", "backend", "components", "options", "heap_kib"}
# [heap]: the shared heap's size, newlib's heap (its size, and whether it lives in libc's compartment
# or in the shared memory, where every compartment can use what malloc returns).
HEAP_DEFAULTS: dict[str, Any] = {"shared_kib": 64, "libc_kib": 24576, "libc": "compartment"}
HEAP_LIBC = ["compartment", "shared"]
DEFAULT_HEAP_KIB = 64          # a compartment's own heap (bh_malloc), unless heap_kib says otherwise
MAX_HEAP_KIB = 1 << 20         # 1 GiB
POLICY_VALUES = {
    # a global another compartment names: move it to the shared region / refuse; "escape": also share
    # every global whose address may reach another compartment (passed, stored, in an initializer)
    "shared_globals": ["share", "error", "escape"],
    "rodata": ["shared", "compartment"],     # constants: shared read-only region / keyed per compartment
    # private stacks: a local whose address leaves its compartment lives on the data shadow stack, or
    # in a block of the shared heap (allocated on entry, zeroed and freed before every return)
    "stack_data": ["dss", "shared-heap"],
    # calls through function pointers: "check" every target bulkhead-icall leaves (the caller's own code
    # or the shared text, else a report and exit 67), or only "promote" the legal entries of other
    # compartments to gated calls (cheaper; a forged pointer then runs foreign code in the caller's domain)
    "indirect_calls": ["check", "promote"],
    "audit": ["off", "on"],                  # key violations: stop the image / report and continue
}
SHARED_KEY = 15
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass
class Compartment:
    name: str
    index: int
    backend: str
    components: list[str]
    options: dict[str, str]
    key: int = 0
    pkru: int = 0
    heap_kib: int = DEFAULT_HEAP_KIB


@dataclass
class Config:
    path: Path
    name: str
    app: str
    backend: backends.Backend
    compartments: list[Compartment]
    policies: dict[str, str]
    components: dict[str, components.Component] = field(default_factory=dict)
    heap: dict[str, Any] = field(default_factory=lambda: dict(HEAP_DEFAULTS))
    threads: int = 1               # [threads] max: stacks (and gate slots) for this many threads
    thread_dss: str = "all"        # [threads] dss: which threads' data shadow stacks are reachable
    memory: dict[str, int] = field(default_factory=lambda: dict(memory.DEFAULTS))   # [memory]

    def compartment_of(self, component: str) -> Compartment:
        return next(c for c in self.compartments if component in c.components)

    @property
    def kernel_compartment(self) -> Compartment:
        return self.compartment_of("kernel")

    def to_json(self, manifest: Path | None = None) -> dict[str, Any]:
        """The configuration as the pass reads it (schema version 1)."""
        neutral = sorted({f for c in self.components.values() for f in c.neutral})
        return {
            "version": 1,
            "name": self.name,
            "backend": self.backend.name,
            "gate_template": self.backend.template_for(self.compartments[0].options),
            "shared_key": SHARED_KEY if self.backend.keys else 0,
            "policies": dict(self.policies),
            "neutral": neutral,
            "system": sorted(n for n, c in self.components.items() if c.system),
            "compartments": [
                {"name": c.name, "index": c.index, "key": c.key, "pkru": c.pkru,
                 "components": list(c.components), "options": dict(c.options)}
                for c in self.compartments],
            "manifest": str(manifest) if manifest else None,
            "machine": self.machine,
            "memory": dict(self.memory),
        }

    @property
    def machine(self) -> str:
        return components.app_machine(self.app) if (paths.APPS_DIR / self.app).is_dir() else "microvm"


def pkru_for(key: int) -> int:
    """PKRU value of a domain that may access only its own key and the shared key."""
    allowed = (3 << (2 * key)) | (3 << (2 * SHARED_KEY))
    return 0xFFFFFFFF & ~allowed


class _Lines:
    """Finds the line of a key in the TOML text (tomllib keeps no positions)."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def _table_start(self, header: str, nth: int = 0) -> int:
        seen = -1
        for i, line in enumerate(self.lines):
            if line.strip().startswith(header):
                seen += 1
                if seen == nth:
                    return i
        return 0

    def at(self, key: str, table: str | None = None, nth: int = 0, needle: str | None = None) -> Location:
        start = self._table_start(table, nth) if table else 0
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if i > start and table and line.strip().startswith("["):
                break
            if not table and line.strip().startswith("["):
                break
            if (needle in line) if needle else re.match(rf"^\s*{re.escape(key)}\s*=", line):
                return Location(self.path, i + 1)
        # a needle in a multi-line array: search the whole table
        if needle:
            for i in range(start, len(self.lines)):
                if needle in self.lines[i]:
                    return Location(self.path, i + 1)
        return Location(self.path, start + 1 if table else None)


def _expect(cond: bool, msg: str, where: Location, hint: str | None = None) -> None:
    if not cond:
        raise BulkheadError(msg, where, hint)


def load(path: Path) -> Config:
    """Load and validate a configuration file.  Raises BulkheadError on the first problem."""
    path = Path(path)
    if not path.is_file():
        raise BulkheadError(f"no such configuration file: {path}")
    text = path.read_text()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise BulkheadError(f"malformed TOML: {e}", Location(path, int(m.group(1)) if m else None)) from e
    lines = _Lines(path, text)

    for key in raw:
        where = lines.at(key) if isinstance(raw[key], (str, int, float, bool, list)) \
            else lines.at(key, needle=f"[{key}")
        _expect(key in TOP_KEYS, f"unknown key '{key}'", where,
                f"allowed top-level keys: {', '.join(sorted(TOP_KEYS))}")
    _expect(isinstance(raw.get("app"), str), "missing or invalid key 'app' (the application folder under apps/)",
            lines.at("app"))
    app = raw["app"]
    try:
        found = components.discover(app)
    except BulkheadError as e:
        e.where = lines.at("app")
        raise
    name = raw.get("name", f"{app}-{path.stem}")
    _expect(isinstance(name, str) and bool(NAME_RE.match(name)),
            f"invalid name '{name}': use letters, digits, '_' and '-'", lines.at("name"))

    comps_raw = raw.get("compartment")
    _expect(isinstance(comps_raw, list) and len(comps_raw) > 0,
            "no compartments: add at least one [[compartment]] table", Location(path, 1))
    compartments = [_compartment(c, i, lines) for i, c in enumerate(comps_raw)]

    names = [c.name for c in compartments]
    for i, c in enumerate(compartments):
        _expect(names.index(c.name) == i, f"compartment name '{c.name}' is used twice",
                lines.at("name", "[[compartment]]", i))

    backend_names = {c.backend for c in compartments}
    _expect(len(backend_names) == 1,
            f"compartments use different backends ({', '.join(sorted(backend_names))})",
            lines.at("backend", "[[compartment]]", 1),
            "one backend per image in this version: give every compartment the same backend")
    try:
        backend = backends.load(compartments[0].backend)
    except BulkheadError as e:
        e.where = lines.at("backend", "[[compartment]]", 0)
        raise
    _expect(len(compartments) <= backend.max_compartments,
            f"{len(compartments)} compartments, but backend '{backend.name}' allows at most "
            f"{backend.max_compartments}" + (" (protection keys 1-14; key 15 is shared)" if backend.keys else ""),
            lines.at("name", "[[compartment]]", backend.max_compartments),
            "merge compartments, or choose a backend with more domains")

    for i, c in enumerate(compartments):
        for opt, value in c.options.items():
            allowed = backend.options.get(opt)
            where = lines.at(opt, "[[compartment]]", i, needle=opt)
            _expect(allowed is not None, f"unknown option '{opt}' for backend '{backend.name}'", where,
                    f"options of '{backend.name}': {', '.join(backend.options) or 'none'}")
            _expect(value in allowed, f"option {opt} = '{value}' is not supported by backend '{backend.name}'",
                    where, f"supported: {', '.join(allowed)}")
        for opt, allowed in backend.options.items():
            c.options.setdefault(opt, allowed[0])
        c.key = c.index + 1 if backend.keys else 0
        c.pkru = pkru_for(c.key) if backend.keys else 0

    for opt in backend.templates_by_option:
        values = {c.options[opt] for c in compartments}
        _expect(len(values) == 1, f"compartments use different values of option '{opt}' "
                f"({', '.join(sorted(values))})", lines.at("options", "[[compartment]]", 1, needle=opt),
                f"'{opt}' changes every gate of the image: give all compartments the same value")

    owner: dict[str, int] = {}
    for i, c in enumerate(compartments):
        for comp in c.components:
            where = lines.at("components", "[[compartment]]", i, needle=f'"{comp}"')
            _expect(comp in found, f"unknown component '{comp}' in compartment '{c.name}'", where,
                    f"components of app '{app}': {', '.join(sorted(found))}")
            _expect(comp not in owner,
                    f"component '{comp}' is in two compartments ('{compartments[owner.get(comp, 0)].name}' "
                    f"and '{c.name}')", where, "a component belongs to exactly one compartment")
            owner[comp] = i
    for comp in sorted(found):
        if comp.startswith("backend-") or found[comp].optional:
            continue
        _expect(comp in owner, f"component '{comp}' is in no compartment", Location(path, 1),
                "add it to the components list of one [[compartment]]")

    # The backend's runtime lives with the kernel.
    backend_comp = f"backend-{backend.name}"
    kernel_c = compartments[owner["kernel"]]
    kernel_c.components.append(backend_comp)
    found[backend_comp] = components.backend_component(backend.name)
    used = {c for comp in compartments for c in comp.components}

    policies = _policies(raw.get("policies", {}), lines)
    heap = _heap(raw.get("heap", {}), lines)
    threads, thread_dss = _threads(raw.get("threads", {}), lines)
    if thread_dss == "running":
        _expect(backend.name == "mpk" and compartments[0].options.get("stack") == "private"
                and policies.get("stack_data", "dss") == "dss",
                "[threads] dss = \"running\" hides the data shadow stacks of the threads not running: it "
                "needs backend mpk with stack = \"private\" and policies.stack_data = \"dss\"",
                lines.at("dss", "[threads]"), "use those, or leave dss = \"all\"")
    cfg = Config(path=path, name=name, app=app, backend=backend, compartments=compartments,
                 policies=policies, components={n: found[n] for n in found if n in used}, heap=heap,
                 threads=threads, thread_dss=thread_dss)
    cfg.memory = _memory(raw, cfg, lines)
    return cfg


def _compartment(raw: Any, index: int, lines: _Lines) -> Compartment:
    here = lines.at("name", "[[compartment]]", index)
    _expect(isinstance(raw, dict), "each [[compartment]] must be a table", here)
    for key in raw:
        _expect(key in COMPARTMENT_KEYS, f"unknown key '{key}' in compartment {index}",
                lines.at(key, "[[compartment]]", index),
                f"allowed keys: {', '.join(sorted(COMPARTMENT_KEYS))}")
    name = raw.get("name")
    _expect(isinstance(name, str) and bool(NAME_RE.match(name)),
            f"compartment {index} needs a name of letters, digits, '_' and '-'", here)
    backend = raw.get("backend")
    _expect(isinstance(backend, str), f"compartment '{name}' has no backend",
            here, f"available backends: {', '.join(backends.available())}")
    _expect(backend in backends.available(), f"unknown backend '{backend}' in compartment '{name}'",
            lines.at("backend", "[[compartment]]", index),
            f"available backends: {', '.join(backends.available())}")
    comps = raw.get("components")
    where = lines.at("components", "[[compartment]]", index)
    _expect(isinstance(comps, list) and all(isinstance(c, str) for c in comps),
            f"compartment '{name}' needs 'components', a list of component names", where)
    _expect(len(comps) > 0, f"compartment '{name}' is empty", where,
            "give it at least one component, or remove it")
    options = raw.get("options", {})
    _expect(isinstance(options, dict) and all(isinstance(v, str) for v in options.values()),
            f"options of compartment '{name}' must be a table of strings",
            lines.at("options", "[[compartment]]", index))
    heap_kib = raw.get("heap_kib", DEFAULT_HEAP_KIB)
    _expect(_kib_ok(heap_kib), f"heap_kib of compartment '{name}' must be a whole number of KiB, a multiple "
            f"of 4, from 0 to {MAX_HEAP_KIB}", lines.at("heap_kib", "[[compartment]]", index))
    return Compartment(name=name, index=index, backend=backend, components=list(comps), options=dict(options),
                       heap_kib=heap_kib)


def _kib_ok(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_HEAP_KIB and v % 4 == 0


def _threads(raw: Any, lines: _Lines) -> tuple[int, str]:
    """[threads]: max (how many), dss: "all" (every compartment reaches every thread's data shadow
    stack, so a thread may hand stack data to another) or "running" (only the running thread's: the
    others' are keyed to no domain while they are switched out, kernel/dss.c)."""
    _expect(isinstance(raw, dict), "[threads] must be a table", lines.at("threads", needle="[threads"))
    for key in raw:
        _expect(key in ("max", "dss"), f"unknown key '{key}' in [threads]", lines.at(key, "[threads]"),
                "keys: max, dss")
    n = raw.get("max", 1)
    _expect(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_THREADS,
            f"[threads] max must be a whole number from 1 to {MAX_THREADS}", lines.at("max", "[threads]"))
    dss = raw.get("dss", "all")
    _expect(dss in ("all", "running"), f"[threads] dss must be \"all\" or \"running\", not {dss!r}",
            lines.at("dss", "[threads]"))
    return n, dss


def _heap(raw: Any, lines: _Lines) -> dict[str, Any]:
    _expect(isinstance(raw, dict), "[heap] must be a table", lines.at("heap", needle="[heap"))
    out = dict(HEAP_DEFAULTS)
    for key, value in raw.items():
        where = lines.at(key, "[heap]")
        _expect(key in HEAP_DEFAULTS, f"unknown key '{key}' in [heap]", where,
                f"keys: {', '.join(sorted(HEAP_DEFAULTS))}")
        if key == "libc":
            _expect(value in HEAP_LIBC, f"heap libc = '{value}' is not one of {', '.join(HEAP_LIBC)}", where)
        else:
            _expect(_kib_ok(value), f"[heap] {key} must be a whole number of KiB, a multiple of 4, from 0 to "
                    f"{MAX_HEAP_KIB}", where)
        out[key] = value
    return out


def _memory(full: dict[str, Any], cfg: Config, lines: _Lines) -> dict[str, int]:
    """[memory] (guest_mib, vm_private_mib, page_tables), then the sizes check: what the heaps, stacks
    and tables of this configuration reserve must fit in the guest's memory and below the code
    model's limit (scripts/bulkhead/memory.py; the exact layout is checked again after the link)."""
    vm = cfg.backend.name == "vm"
    raw = full.get("memory", {})

    def at(key: str) -> Location | None:      # a [memory] key's line, None when it is not set
        return lines.at(key, "[memory]") if isinstance(raw, dict) and key in raw else None

    def set_at(table_raw: Any, key: str, table: str, nth: int = 0) -> Location:
        """Where a size is set; the file alone for a default (no line to point at)."""
        if isinstance(table_raw, dict) and key in table_raw:
            return lines.at(key, table, nth)
        return Location(cfg.path)
    mem = memory.parse(raw, vm, lambda k: lines.at(k, "[memory]"), lines.at("memory", needle="[memory"))
    private = cfg.compartments[0].options.get("stack") == "private"
    stack_where = set_at(full.get("threads"), "max", "[threads]")
    own: list[memory.Need] = []
    shared: list[memory.Need] = []
    for c in cfg.compartments:
        where = set_at(full["compartment"][c.index], "heap_kib", "[[compartment]]", c.index)
        own.append(memory.Need(f"the heap of compartment '{c.name}'", f"heap_kib of compartment '{c.name}'",
                               where, c.heap_kib * 1024))
        if private:
            own.append(memory.Need(f"the private stacks of compartment '{c.name}'", "[threads] max", stack_where,
                                   memory.STACK * cfg.threads))
            shared.append(memory.Need(f"the data shadow stacks of compartment '{c.name}'", "[threads] max",
                                      stack_where, memory.STACK * cfg.threads))
    own.append(memory.Need("the page-table pool", "[memory] page_tables",
                           at("page_tables") or Location(cfg.path), mem["page_tables"] * memory.PAGE))
    shared.append(memory.Need("the shared heap", "[heap] shared_kib", set_at(full.get("heap"), "shared_kib", "[heap]"),
                              cfg.heap["shared_kib"] * 1024))
    if "libc" in cfg.components:
        (shared if cfg.heap["libc"] == "shared" else own).append(
            memory.Need("newlib's heap", "[heap] libc_kib", set_at(full.get("heap"), "libc_kib", "[heap]"),
                        cfg.heap["libc_kib"] * 1024))
    stacks = cfg.threads * (len(cfg.compartments) if vm else 1)
    shared.append(memory.Need("the shared stacks", "[threads] max", stack_where, memory.STACK * stacks))
    memory.check_plan(mem, vm, cfg.machine, own, shared, at)
    return mem


def memory_key_at(cfg: Config, key: str) -> Location:
    """Where a [memory] key is set in cfg's file (the file alone when it is left at its default)."""
    try:
        text = cfg.path.read_text()
        if key in tomllib.loads(text).get("memory", {}):
            return _Lines(cfg.path, text).at(key, "[memory]")
    except (OSError, ValueError, AttributeError):
        pass
    return Location(cfg.path)


def _policies(raw: Any, lines: _Lines) -> dict[str, str]:
    _expect(isinstance(raw, dict), "[policies] must be a table", lines.at("policies", needle="[policies"))
    out = {k: v[0] for k, v in POLICY_VALUES.items()}
    for key, value in raw.items():
        where = lines.at(key, "[policies]")
        _expect(key in POLICY_VALUES, f"unknown policy '{key}'", where,
                f"policies: {', '.join(sorted(POLICY_VALUES))}")
        _expect(value in POLICY_VALUES[key], f"policy {key} = '{value}' is not one of "
                f"{', '.join(POLICY_VALUES[key])}", where)
        out[key] = value
    return out
