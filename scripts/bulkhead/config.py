"""Configurations: TOML files that map components to compartments.

A configuration is validated completely before anything is built; every error names the file, the key
and the line, and says what to do.  The validated form is carried into the link as JSON (see
docs/design.md section 2).
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import abi, backends, components, memory, paths
from .diag import BulkheadError, Location

TOP_KEYS = {"name", "app", "description", "compartment", "policies", "heap", "threads", "memory", "files"}
MAX_THREADS = abi.THREADS_MAX
COMPARTMENT_KEYS = {"name", "backend", "components", "options", "heap_kib", "calls", "shares", "devices"}
# [heap]: the shared heap's size, newlib's heap (its size, and whether it lives in libc's compartment
# or in the shared memory, where every compartment can use what malloc returns).
HEAP_DEFAULTS: dict[str, Any] = {"shared_kib": 64, "libc_kib": 24576, "libc": "compartment"}
HEAP_LIBC = ["compartment", "shared"]
DEFAULT_HEAP_KIB = 64          # a compartment's own heap (bh_malloc), unless heap_kib says otherwise
MAX_HEAP_KIB = 1 << 20         # 1 GiB
STACK_KIB_MIN = 16             # [threads] stack_kib: PTHREAD_STACK_MIN (libs/pthread) fits
STACK_KIB_MAX = 64 << 10       # 64 MiB per stack
# [threads] dss: who reaches the data shadow stacks of a thread that is switched out (kernel/dss.c,
# docs/design.md 5d), and the linker script's __bh_dss_policy for each.
DSS_POLICIES = {
    "all": abi.DSS_ALL,          # every compartment (FlexOS's model; the default where nothing can park)
    "owner": abi.DSS_OWNER,      # the default with keyed private stacks: its compartment, the kernel's and
                                 # the thread runtime's, for the compartments bulkhead-dss finds only lend
                                 # their stack data (kernel/dss.c bh_dss_parkable); every compartment for
                                 # the others
    "running": abi.DSS_RUNNING,  # nobody until it runs again (stops every hand-off between threads)
}

POLICY_VALUES = {
    # a global another compartment names: move it to the shared region / refuse; "escape": also share
    # every global whose address may reach another compartment (passed, stored, in an initializer);
    # "declared": share only the compartments' `shares`, refuse every other use across compartments
    "shared_globals": ["share", "error", "escape", "declared"],
    "rodata": ["shared", "compartment"],     # constants: shared read-only region / keyed per compartment
    # private stacks: a local whose address leaves its compartment lives on the data shadow stack, or
    # in a block of the shared heap (allocated on entry, zeroed and freed before every return)
    "stack_data": ["dss", "shared-heap"],
    # calls through function pointers: "check" every target bulkhead-icall leaves (the caller's own code
    # or the shared text, else a report and abi.EXIT_ICALL_VIOLATION), or only "promote" the legal entries of other
    # compartments to gated calls (cheaper; a forged pointer then runs foreign code in the caller's domain)
    "indirect_calls": ["check", "promote"],
    "audit": ["off", "on"],                  # key violations: stop the image / report and continue
    # tests: bh_probe_read may read across a boundary and learn whether it faulted (kernel/probe.c)
    "probe": ["off", "on"],
}
SHARED_KEY = abi.SHARED_KEY
# Names (image, compartments, app) become folder, file and symbol names: one rule for all, matched whole
# (re.fullmatch: "$" would accept a trailing newline), and capped well below NAME_MAX.
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
MAX_NAME = 64
NAME_RULE = f"letters, digits, '_' and '-', starting with a letter or '_', at most {MAX_NAME} characters"
# Limits that keep tomllib bounded: a configuration is a few KiB; a dotted key of n parts costs tomllib
# time quadratic in n (100k parts: minutes), and deep nesting exhausts Python's recursion.
MAX_CONFIG_BYTES = 1 << 20
MAX_KEY_PARTS = 16
MAX_DEPTH = 16


def name_ok(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_NAME and NAME_RE.fullmatch(value) is not None


def _clip(value: Any, width: int = 60) -> str:
    """A value as an error message shows it: never a 100,000-character line."""
    text = value if isinstance(value, str) else repr(value)
    text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= width else text[:width] + f"... ({len(text)} characters)"


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
    calls: list[str] | None = None   # the compartments it may call (None: any)
    shares: list[str] = field(default_factory=list)   # globals of its components to share ("file.c:name")
    devices: list[str] = field(default_factory=list)  # app.toml devices its machine holds (its drivers')


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
    thread_dss: str = ""           # [threads] dss (DSS_POLICIES): who reaches a switched-out thread's data
                                   # shadow stacks; "" for the default (__post_init__: "owner" where the
                                   # stacks can park, else "all")
    stack_kib: int = abi.STACK_SIZE // 1024   # [threads] stack_kib: each thread's room on each of its stacks
    memory: dict[str, int] = field(default_factory=lambda: dict(memory.DEFAULTS))   # [memory]
    files: dict[str, Path] = field(default_factory=dict)   # [files]: guest path -> host file (boot files)

    def __post_init__(self) -> None:
        # A Config made in code (the differential tests') gets its backend's own [memory] key's default
        # too: the linker template reads it (gates/vm/layout.ld.j2's vm_private_mib).
        for key, value in memory.defaults(self.backend.own_memory).items():
            self.memory.setdefault(key, value)
        if not self.thread_dss:
            self.thread_dss = "owner" if self.dss_can_park else "all"

    @property
    def dss_can_park(self) -> bool:
        """Whether the data shadow stacks of a switched-out thread can be parked ([threads] dss = "owner"
        or "running"): keys hide them, every compartment has a private stack with gate slots (which say
        whose thread runs, backends.FACTS) and its escaping locals on the data shadow stack."""
        return (self.backend.keys and self.private_stacks and all(self.facts(c)["gate_slots"] for c in self.compartments)
                and self.policies.get("stack_data", "dss") == "dss")

    @property
    def dss_reach(self) -> int:
        """Under [threads] dss = "owner": the compartments (a bit each) that reach any switched-out
        thread's shared stack data besides its own compartment: the kernel's and every compartment
        with a thread runtime (component.toml thread_runtime: libs/sched, libs/pthread)."""
        return sum(1 << i for i, c in enumerate(self.compartments)
                   if "kernel" in c.components
                   or any(self.components[n].thread_runtime for n in c.components if n in self.components))


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
                 "components": list(c.components), "options": dict(c.options),
                 **self.facts(c),
                 # the kernel's compartment's own template where backend.toml [kernel_options] changes it: an
                 # edge between two compartments of different templates takes the one of the compartment with
                 # gate slots (passes/Partition.cpp templateFor)
                 **({"gate_template": self.backend.template_for(self.options_of(c))}
                    if self.backend.template_for(self.options_of(c)) != self.backend.template_for(c.options) else {}),
                 **({"calls": list(c.calls)} if c.calls is not None else {}),
                 **({"shares": list(c.shares)} if c.shares else {}),
                 **({"devices": list(c.devices)} if c.devices else {})}
                for c in self.compartments],
            "exports": {n: list(c.entry_points) for n, c in sorted(self.components.items())
                        if c.entry_points is not None},
            "exports_files": {n: _shown(c.entry_points_file) for n, c in sorted(self.components.items())
                              if c.entry_points_file is not None},
            "manifest": str(manifest) if manifest else None,
            "machine": self.machine,
            "devices": components.app_devices(self.app) if (paths.APPS_DIR / self.app).is_dir() else [],
            "hostfwd": components.app_hostfwd(self.app) if (paths.APPS_DIR / self.app).is_dir() else [],
            "memory": dict(self.memory),
            "files": [{"guest": g, "host": str(h)} for g, h in self.files.items()],
        }

    def options_of(self, c: Compartment) -> dict[str, str]:
        """c's option values in force: the image's, and for the kernel's compartment the backend's
        [kernel_options] over them (mpk: its stack is private in every mode)."""
        if "kernel" in c.components:
            return {**c.options, **self.backend.kernel_options}
        return dict(c.options)

    def facts(self, c: Compartment) -> dict[str, bool]:
        """What the pass and the linker script need to know of c's stack, whatever the backend calls
        it (backends.FACTS: dss, gate_slots), with the options in force (options_of)."""
        return self.backend.facts_for(self.options_of(c))

    def private_stack(self, c: Compartment) -> bool:
        """c has stacks of its own and a data shadow stack (mpk: stack = "private", or the kernel's
        compartment in every mode; backend vm: every machine)."""
        return self.facts(c)["dss"]

    @property
    def stack_slot(self) -> int:
        """Bytes of one thread's stack slot: the guard page (unmapped, kernel/stackguard.c) and the room above it
        (the linker script's __bh_stack_slot; every per-thread stack, data shadow stack and machine stack)."""
        return self.stack_kib * 1024 + abi.STACK_GUARD

    @property
    def private_stacks(self) -> bool:
        """Every compartment has stacks of its own and a data shadow stack (the image's stack mode)."""
        return all(self.private_stack(c) for c in self.compartments)

    @property
    def mixed_stacks(self) -> bool:
        """Some compartments have private stacks and the others share the shared stack (mpk light: the
        kernel's compartment on its own stack, docs/design.md 7c)."""
        return any(self.private_stack(c) for c in self.compartments) and not self.private_stacks

    @property
    def machine(self) -> str:
        return components.app_machine(self.app) if (paths.APPS_DIR / self.app).is_dir() else "microvm"


def pkru_for(key: int) -> int:
    """PKRU value of a domain that may access only its own key and the shared key."""
    allowed = (3 << (2 * key)) | (3 << (2 * SHARED_KEY))
    return 0xFFFFFFFF & ~allowed


# One TOML key: bare, or a basic or literal string; a dotted key is several, with optional blanks.
_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED = rf"{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*"
_HEADER_RE = re.compile(rf"[ \t]*(\[\[?)[ \t]*({_DOTTED})[ \t]*\]")
_KEYVAL_RE = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
# Where a key may start: a line's start, or inside an inline table or a header.  A key of more parts than
# this is refused before tomllib sees it (linear: the repetition count is fixed).
_LONG_KEY_RE = re.compile(rf"(?:^|[{{,\[])[ \t]*{_KEY}(?:[ \t]*\.[ \t]*{_KEY}){{{MAX_KEY_PARTS}}}", re.M)


def _key_parts(dotted: str) -> tuple[str, ...]:
    """The parts of a dotted key as TOML reads them (quotes and escapes resolved by tomllib itself)."""
    parts = []
    for part in re.findall(_KEY, dotted):
        try:
            parts.append(next(iter(tomllib.loads(f"{part} = 0"))))
        except tomllib.TOMLDecodeError:      # not a key after all (a line of a string): its text
            parts.append(part.strip("\"'"))
    return tuple(parts)


class _Lines:
    """Finds the line of a key in the TOML text (tomllib keeps no positions).

    A scan of the lines records where every key path is first written: `[[compartment]]` headers
    (with or without blanks inside the brackets) count as ("compartment", 0), ("compartment", 1), ...;
    dotted and quoted keys are split and unquoted as TOML does.  Lines inside multi-line strings are
    skipped."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.keys: dict[tuple, int] = {}           # key path -> first line index
        self.tables: dict[tuple, tuple[int, int]] = {}   # table path -> [header, next header) line indexes
        arrays: dict[tuple, int] = {}
        current: tuple = ()
        header = -1
        in_string = None
        for i, line in enumerate(self.lines):
            if in_string:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            m = _HEADER_RE.match(line)
            if m and not _KEYVAL_RE.match(line):
                self._close(current, header, i)
                parts = _key_parts(m.group(2))
                if m.group(1) == "[[":
                    arrays[parts] = arrays.get(parts, -1) + 1
                    current = parts + (arrays[parts],)
                else:
                    current = parts
                header = i
                for n in range(1, len(current) + 1):
                    self.keys.setdefault(current[:n], i)
                continue
            m = _KEYVAL_RE.match(line)
            if m:
                full = current + _key_parts(m.group(1))
                for n in range(len(current) + 1, len(full) + 1):
                    self.keys.setdefault(full[:n], i)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    break
        self._close(current, header, len(self.lines))

    def _close(self, table: tuple, header: int, end: int) -> None:
        if header >= 0:
            self.tables.setdefault(table, (header, end))

    @staticmethod
    def _path(table: str | None, nth: int) -> tuple:
        if not table:
            return ()
        name = table.strip("[] ")
        return (name, nth) if table.startswith("[[") else (name,)

    def at(self, key: str, table: str | None = None, nth: int = 0, needle: str | None = None) -> Location:
        path = self._path(table, nth)
        first, end = self.tables.get(path, (0, len(self.lines)) if not path else (-1, -1))
        if needle and not needle.startswith("[") and needle != key and first >= 0:
            for i in range(first, end):      # an item of a (multi-line) array: its own line
                if needle in self.lines[i]:
                    return Location(self.path, i + 1)
        full = path + (key,)
        if full in self.keys:
            return Location(self.path, self.keys[full] + 1)
        if needle and not needle.startswith("[") and first >= 0:
            for i in range(first, end):      # e.g. an option inside an inline table
                if needle in self.lines[i]:
                    return Location(self.path, i + 1)
        for n in range(len(full) - 1, 0, -1):      # else the nearest enclosing table or key
            if full[:n] in self.keys:
                return Location(self.path, self.keys[full[:n]] + 1)
        return Location(self.path, None)


def _expect(cond: bool, msg: str, where: Location, hint: str | None = None) -> None:
    if not cond:
        raise BulkheadError(msg, where, hint)


def load(path: Path) -> Config:
    """Load and validate a configuration file.  Raises BulkheadError on the first problem."""
    path = Path(path)
    text = _read(path)
    raw = _parse(path, text)
    lines = _Lines(path, text)

    for key in raw:
        where = lines.at(key) if isinstance(raw[key], (str, int, float, bool, list)) \
            else lines.at(key, needle=f"[{key}")
        _expect(key in TOP_KEYS, f"unknown key '{_clip(key)}'", where,
                f"allowed top-level keys: {', '.join(sorted(TOP_KEYS))}")
    _expect(isinstance(raw.get("app"), str), "missing or invalid key 'app' (the application folder under apps/)",
            lines.at("app"))
    app = raw["app"]
    _expect(name_ok(app), f"invalid app '{_clip(app)}': the name of a folder under apps/ ({NAME_RULE})",
            lines.at("app"), f"apps: {', '.join(_apps())}")
    _expect((paths.APPS_DIR / app).resolve().is_relative_to(paths.APPS_DIR.resolve()),
            f"app '{app}' resolves outside apps/", lines.at("app"), f"apps: {', '.join(_apps())}")
    try:
        found = components.discover(app)
    except BulkheadError as e:
        e.where = lines.at("app")
        raise
    name = raw.get("name", f"{app}-{path.stem}")
    _expect(name_ok(name), f"invalid name '{_clip(name)}': use {NAME_RULE}", lines.at("name"),
            None if "name" in raw else "the name defaults to <app>-<file stem>: add a name = \"...\" line")

    comps_raw = raw.get("compartment")
    _expect(isinstance(comps_raw, list) and len(comps_raw) > 0,
            "no compartments: add at least one [[compartment]] table", Location(path, 1))
    compartments = [_compartment(c, i, lines) for i, c in enumerate(comps_raw)]

    names = [c.name for c in compartments]
    for i, c in enumerate(compartments):
        _expect(names.index(c.name) == i, f"compartment name '{c.name}' is used twice",
                lines.at("name", "[[compartment]]", i))
    for i, c in enumerate(compartments):
        for callee in c.calls or []:
            _expect(callee in names, f"calls of compartment '{c.name}' names '{_clip(callee)}', which is no "
                    "compartment", lines.at("calls", "[[compartment]]", i),
                    f"compartments: {', '.join(names)}")

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
            f"{backend.max_compartments}" + (f" (protection keys 1-{abi.MAX_KEYED_COMPARTMENTS}; key {SHARED_KEY} is shared)"
                                             if backend.keys else ""),
            lines.at("name", "[[compartment]]", backend.max_compartments),
            "merge compartments, or choose a backend with more domains")

    for i, c in enumerate(compartments):
        for opt, value in c.options.items():
            allowed = backend.options.get(opt)
            where = lines.at(opt, "[[compartment]]", i, needle=opt)
            _expect(allowed is not None, f"unknown option '{_clip(opt)}' for backend '{backend.name}'", where,
                    f"options of '{backend.name}': {', '.join(backend.options) or 'none'}")
            _expect(value in allowed, f"option {opt} = '{_clip(value)}' is not supported by backend '{backend.name}'",
                    where, f"supported: {', '.join(allowed)}")
        for opt, allowed in backend.options.items():
            c.options.setdefault(opt, allowed[0])
        c.key = c.index + 1 if backend.keys else 0
        c.pkru = pkru_for(c.key) if backend.keys else 0

    for opt in backend.templates_by_option:
        values = {c.options[opt] for c in compartments}
        _expect(len(values) == 1, f"compartments use different values of option '{_clip(opt)}' "
                f"({', '.join(sorted(values))})", lines.at("options", "[[compartment]]", 1, needle=opt),
                f"'{_clip(opt)}' changes every gate of the image: give all compartments the same value")

    owner: dict[str, int] = {}
    for i, c in enumerate(compartments):
        for comp in c.components:
            where = lines.at("components", "[[compartment]]", i, needle=f'"{comp}"')
            _expect(comp in found, f"unknown component '{_clip(comp)}' in compartment '{c.name}'", where,
                    f"components of app '{app}': {', '.join(sorted(found))}")
            _expect(comp not in owner,
                    f"component '{_clip(comp)}' is in two compartments ('{compartments[owner.get(comp, 0)].name}' "
                    f"and '{c.name}')", where, "a component belongs to exactly one compartment")
            owner[comp] = i
    _expect_all_placed(found, owner, path)
    _place_devices(app, compartments, backend, lines)

    # The backend's runtime lives with the kernel.
    backend_comp = f"backend-{backend.name}"
    kernel_c = compartments[owner["kernel"]]
    kernel_c.components.append(backend_comp)
    found[backend_comp] = components.backend_component(backend.name)
    used = {c for comp in compartments for c in comp.components}

    policies = _policies(raw.get("policies", {}), lines)
    heap = _heap(raw.get("heap", {}), lines)
    threads, thread_dss, stack_kib = _threads(raw.get("threads", {}), lines)
    cfg = Config(path=path, name=name, app=app, backend=backend, compartments=compartments,
                 policies=policies, components={n: found[n] for n in found if n in used}, heap=heap,
                 threads=threads, thread_dss=thread_dss, stack_kib=stack_kib)
    _expect(cfg.thread_dss == "all" or cfg.dss_can_park,
            f"[threads] dss = \"{cfg.thread_dss}\" parks the data shadow stacks of the threads not running: "
            f"it needs {_dss_running_offers()} and policies.stack_data = \"dss\"",
            lines.at("dss", "[threads]"), "use those, or say dss = \"all\"")
    cfg.memory = _memory(raw, cfg, lines)
    cfg.files = _files(raw.get("files", {}), path, lines)
    return cfg


def _files(raw: Any, path: Path, lines: _Lines) -> dict[str, Path]:
    """[files]: boot files, `"/GUEST" = "HOST"`, as `./bulkhead run --file HOST:/GUEST` (scripts/bulkhead/qemu.py):
    the host file, relative to the configuration's folder, becomes the fw_cfg file opt/GUEST, which the
    kernel lists and libs/vfs copies into ramfs as /GUEST."""
    from .qemu import FW_CFG_NAME_MAX
    _expect(isinstance(raw, dict), "[files] must be a table of \"/GUEST\" = \"HOST\" lines",
            lines.at("files", needle="[files"))
    out: dict[str, Path] = {}
    for guest, host in raw.items():
        where = lines.at(guest, "[files]")
        _expect(isinstance(host, str) and host != "",
                f"[files] \"{_clip(guest)}\" must name a host file (a string)", where,
                "e.g. \"/etc/app.conf\" = \"app.conf\" (relative to the configuration's folder)")
        _expect(guest.startswith("/") and not guest.endswith("/") and not any(c in guest for c in ",:\0")
                and len("opt" + guest) <= FW_CFG_NAME_MAX,
                f"[files] \"{_clip(guest)}\" is not a guest path: an absolute file path of at most "
                f"{FW_CFG_NAME_MAX - 4} characters with no comma or colon (QEMU's fw_cfg names)", where)
        file = (path.parent / Path(host).expanduser()).resolve()
        _expect(file.is_file() and os.access(file, os.R_OK),
                f"[files] \"{_clip(guest)}\": {_clip(host)} is not a readable file ({file})", where,
                "host paths are relative to the configuration's folder")
        out[guest] = file
    return out


def _place_devices(app: str, compartments: list[Compartment], backend: backends.Backend, lines: _Lines) -> None:
    """[[compartment]] devices: which compartment's drivers have each of the app's devices (app.toml
    `devices`).  A device is attached to one QEMU: under a backend with a machine per compartment
    (vm), that of the compartment that names it, so each device needs exactly one such compartment;
    elsewhere (one machine) the key is optional, and still names a device at most once."""
    wanted = components.app_devices(app) if (paths.APPS_DIR / app).is_dir() else []
    desc = f"apps/{app}/app.toml"
    claimed: dict[str, int] = {}
    for i, c in enumerate(compartments):
        for d in c.devices:
            where = lines.at("devices", "[[compartment]]", i, needle=f'"{d}"')
            _expect(d in wanted, f"compartment '{c.name}' names device '{_clip(d)}', which is not one of the "
                    f"app's devices", where, f"{desc} devices: {', '.join(wanted) or 'none'}")
            _expect(d not in claimed,
                    f"device '{d}' is named by two compartments ('{compartments[claimed.get(d, 0)].name}' and "
                    f"'{c.name}'): it cannot be placed, a device is attached to one machine", where,
                    "name it in the [[compartment]] of its driver only")
            claimed[d] = i
    if backend.machines:
        for d in wanted:
            _expect(d in claimed,
                    f"device '{d}' ({desc} devices) is in no compartment: backend '{backend.name}' runs one "
                    "machine per compartment and attaches a device to one of them", lines.at("name", "[[compartment]]", 0),
                    f'add devices = ["{d}"] to the [[compartment]] of its driver')


def _expect_all_placed(found: dict[str, components.Component], owner: dict[str, int], path: Path) -> None:
    """Every component of the app that is not optional is in a compartment; name all that are not,
    and why each is part of the app (a library another component requires)."""
    missing = [c for c in sorted(found) if not (c.startswith("backend-") or found[c].optional or c in owner)]
    if not missing:
        return
    why = [f"'{c}' is required by {found[c].required_by}" for c in missing if found[c].required_by]
    names = ", ".join(f"'{_clip(c)}'" for c in missing)
    msg = (f"component {names} is in no compartment" if len(missing) == 1
           else f"{len(missing)} components are in no compartment: {names}")
    raise BulkheadError(msg + ("; " + "; ".join(why) if why else ""), Location(path, 1),
                        f"add {'it' if len(missing) == 1 else 'each'} to the components list of one [[compartment]]")


def _read(path: Path) -> str:
    """The file's text: UTF-8 (as TOML requires), of a configuration's size."""
    try:
        if not path.is_file():
            raise BulkheadError(f"no such configuration file: {path}")
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise BulkheadError(f"configuration of {path.stat().st_size} bytes: at most {MAX_CONFIG_BYTES}",
                                Location(path))
        data = path.read_bytes()
    except OSError as e:
        raise BulkheadError(f"cannot read the configuration: {e.strerror}", Location(path)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise BulkheadError(f"not valid UTF-8 (byte {data[e.start]:#04x} at offset {e.start}): TOML files are "
                            "UTF-8", Location(path, line), "save the file as UTF-8") from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    long_key = _LONG_KEY_RE.search(text)
    if long_key:
        raise BulkheadError(f"a dotted key of more than {MAX_KEY_PARTS} parts",
                            Location(path, text.count("\n", 0, long_key.start() + 1) + 1),
                            "configuration keys have at most 4 parts (compartment.options.NAME)")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise BulkheadError(f"malformed TOML: {e}", Location(path, int(m.group(1)) if m else None)) from None
    except RecursionError:
        raise BulkheadError("malformed TOML: arrays or inline tables nested too deeply", Location(path),
                            f"configurations nest at most {MAX_DEPTH} levels") from None
    # Deep but parseable nesting: refused here, before any message or JSON dump recurses into it.
    stack: list[tuple[Any, int]] = [(raw, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BulkheadError(f"values nested more than {MAX_DEPTH} levels deep", Location(path),
                                f"configurations nest at most {MAX_DEPTH} levels")
        if isinstance(value, dict):
            stack += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]
    return raw


def _apps() -> list[str]:
    return sorted(p.name for p in paths.APPS_DIR.iterdir() if p.is_dir())


def _compartment(raw: Any, index: int, lines: _Lines) -> Compartment:
    here = lines.at("name", "[[compartment]]", index)
    _expect(isinstance(raw, dict), "each [[compartment]] must be a table", here)
    for key in raw:
        _expect(key in COMPARTMENT_KEYS, f"unknown key '{_clip(key)}' in compartment {index}",
                lines.at(key, "[[compartment]]", index),
                f"allowed keys: {', '.join(sorted(COMPARTMENT_KEYS))}")
    name = raw.get("name")
    _expect(name_ok(name), f"compartment {index} needs a name of {NAME_RULE}" +
            (f" (not '{_clip(name)}')" if name is not None else ""), here)
    backend = raw.get("backend")
    _expect(backend is not None, f"compartment '{name}' has no backend",
            here, f"available backends: {', '.join(backends.available())}")
    _expect(isinstance(backend, str), f"backend of compartment '{name}' must be a string, not {_clip(backend)}",
            lines.at("backend", "[[compartment]]", index), f"available backends: {', '.join(backends.available())}")
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
    calls = raw.get("calls")
    _expect(calls is None or (isinstance(calls, list) and all(isinstance(c, str) for c in calls)),
            f"calls of compartment '{name}' must be a list of compartment names",
            lines.at("calls", "[[compartment]]", index))
    devices = raw.get("devices", [])
    _expect(isinstance(devices, list) and all(isinstance(d, str) for d in devices),
            f"devices of compartment '{name}' must be a list of device names from the app's app.toml",
            lines.at("devices", "[[compartment]]", index), 'for example devices = ["edu"]')
    shares = raw.get("shares", [])
    _expect(isinstance(shares, list) and all(isinstance(x, str) and SHARE_RE.fullmatch(x) for x in shares),
            f"shares of compartment '{name}' must be a list of global names, \"name\" or \"file.c:name\"",
            lines.at("shares", "[[compartment]]", index), 'for example shares = ["recs", "log.c:counter"]')
    return Compartment(name=name, index=index, backend=backend, components=list(comps), options=dict(options),
                       heap_kib=heap_kib, calls=list(calls) if calls is not None else None,
                       shares=list(shares), devices=list(devices))


# shares entries: a C identifier, or a source file (no spaces, no colon) and one
SHARE_RE = re.compile(r"(?:[^\s:]+:)?[A-Za-z_][A-Za-z0-9_]*")


def _shown(path: Path) -> str:
    """A file as messages name it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def _kib_ok(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_HEAP_KIB and v % 4 == 0


def _threads(raw: Any, lines: _Lines) -> tuple[int, str, int]:
    """[threads]: max (how many), dss (who reaches a switched-out thread's data shadow stacks,
    DSS_POLICIES; "" when not given: Config's default), stack_kib (each thread's room on each of its stacks, above an
    unmapped guard page)."""
    _expect(isinstance(raw, dict), "[threads] must be a table", lines.at("threads", needle="[threads"))
    for key in raw:
        _expect(key in ("max", "dss", "stack_kib"), f"unknown key '{_clip(key)}' in [threads]",
                lines.at(key, "[threads]"), "keys: max, dss, stack_kib")
    n = raw.get("max", 1)
    _expect(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= MAX_THREADS,
            f"[threads] max must be a whole number from 1 to {MAX_THREADS}", lines.at("max", "[threads]"))
    dss = raw.get("dss", "")
    _expect(dss == "" and "dss" not in raw or isinstance(dss, str) and dss in DSS_POLICIES,
            f"[threads] dss must be one of {', '.join(map(repr, DSS_POLICIES))}, not '{_clip(dss)}'",
            lines.at("dss", "[threads]"))
    kib = raw.get("stack_kib", abi.STACK_SIZE // 1024)
    _expect(isinstance(kib, int) and not isinstance(kib, bool) and STACK_KIB_MIN <= kib <= STACK_KIB_MAX
            and kib % 4 == 0, f"[threads] stack_kib must be a whole number of pages (a multiple of 4) from "
            f"{STACK_KIB_MIN} to {STACK_KIB_MAX}", lines.at("stack_kib", "[threads]"),
            "each thread gets this much stack in every compartment, above an unmapped guard page")
    return n, dss, kib


def _heap(raw: Any, lines: _Lines) -> dict[str, Any]:
    _expect(isinstance(raw, dict), "[heap] must be a table", lines.at("heap", needle="[heap"))
    out = dict(HEAP_DEFAULTS)
    for key, value in raw.items():
        where = lines.at(key, "[heap]")
        _expect(key in HEAP_DEFAULTS, f"unknown key '{_clip(key)}' in [heap]", where,
                f"keys: {', '.join(sorted(HEAP_DEFAULTS))}")
        if key == "libc":
            _expect(value in HEAP_LIBC, f"heap libc = '{_clip(value)}' is not one of {', '.join(HEAP_LIBC)}", where)
        else:
            _expect(_kib_ok(value), f"[heap] {key} must be a whole number of KiB, a multiple of 4, from 0 to "
                    f"{MAX_HEAP_KIB}", where)
        out[key] = value
    return out


def _dss_running_offers() -> str:
    """The backends and option values whose compartments have keyed private stacks with gate slots (what
    [threads] dss = "running" needs), as a configuration would name them."""
    offers = []
    for name in backends.shipped():
        be = backends.load(name)
        if not be.keys:
            continue
        if be.facts.get("gate_slots"):
            offers.append(f"backend {name}")
        offers += [f"backend {name} with {opt} = \"{val}\"" for opt, vals in sorted(be.facts_by_option.items())
                   for val, facts in sorted(vals.items()) if facts.get("gate_slots")]
    return " or ".join(offers) or "a backend with keys and per-thread gate slots (none is installed)"


def _memory(full: dict[str, Any], cfg: Config, lines: _Lines) -> dict[str, int]:
    """[memory] (guest_mib or the backend's own-memory key, page_tables), then the sizes check: what the
    heaps, stacks and tables of this configuration reserve must fit in the guest's memory and below the
    code model's limit (scripts/bulkhead/memory.py; the exact layout is checked again after the link)."""
    vm = cfg.backend.machines      # one machine per compartment: each machine's own memory and the shared part
    own_key = cfg.backend.own_memory
    raw = full.get("memory", {})

    def at(key: str) -> Location | None:      # a [memory] key's line, None when it is not set
        return lines.at(key, "[memory]") if isinstance(raw, dict) and key in raw else None

    def set_at(table_raw: Any, key: str, table: str, nth: int = 0) -> Location:
        """Where a size is set; the file alone for a default (no line to point at)."""
        if isinstance(table_raw, dict) and key in table_raw:
            return lines.at(key, table, nth)
        return Location(cfg.path)
    mem = memory.parse(raw, cfg.backend.name, own_key, backends.memory_keys(cfg.backend.name),
                       lambda k: lines.at(k, "[memory]"), lines.at("memory", needle="[memory"))
    private = cfg.private_stacks
    mixed = cfg.mixed_stacks
    stack_where = set_at(full.get("threads"), "stack_kib" if "stack_kib" in (full.get("threads") or {}) else "max",
                         "[threads]")
    stacks = cfg.stack_slot * cfg.threads
    own: list[memory.Need] = []
    shared: list[memory.Need] = []
    for c in cfg.compartments:
        where = set_at(full["compartment"][c.index], "heap_kib", "[[compartment]]", c.index)
        own.append(memory.Need(f"the heap of compartment '{c.name}'", f"heap_kib of compartment '{c.name}'",
                               where, c.heap_kib * 1024))
        if cfg.private_stack(c):
            own.append(memory.Need(f"the private stacks of compartment '{c.name}'", "[threads] max, stack_kib",
                                   stack_where, stacks))
        if private or mixed:   # the data shadow stacks are one block, every compartment's (kernel/dss.c)
            shared.append(memory.Need(f"the data shadow stacks of compartment '{c.name}'", "[threads] max, stack_kib",
                                      stack_where, stacks))
    own.append(memory.Need("the page-table pool", "[memory] page_tables",
                           at("page_tables") or Location(cfg.path), mem["page_tables"] * memory.PAGE))
    shared.append(memory.Need("the shared heap", "[heap] shared_kib", set_at(full.get("heap"), "shared_kib", "[heap]"),
                              cfg.heap["shared_kib"] * 1024))
    if "libc" in cfg.components:
        (shared if cfg.heap["libc"] == "shared" else own).append(
            memory.Need("newlib's heap", "[heap] libc_kib", set_at(full.get("heap"), "libc_kib", "[heap]"),
                        cfg.heap["libc_kib"] * 1024))
    if not (vm and private):   # backend vm: every machine's stacks are its own (in its compartment)
        shared.append(memory.Need("the shared stacks", "[threads] max, stack_kib", stack_where, stacks))
    memory.check_plan(mem, cfg.backend.name, own_key, cfg.machine, own, shared, at)
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
        _expect(key in POLICY_VALUES, f"unknown policy '{_clip(key)}'", where,
                f"policies: {', '.join(sorted(POLICY_VALUES))}")
        _expect(value in POLICY_VALUES[key], f"policy {key} = '{_clip(value)}' is not one of "
                f"{', '.join(POLICY_VALUES[key])}", where)
        out[key] = value
    return out
