"""Backends are folders, each with a backend.toml describing it, found on a search path: gates/ first
(the backends bulkhead ships), then each folder of $BULKHEAD_BACKEND_PATH (colon-separated; default
tests/backends, where the conformance backend lives).  Nothing outside a backend's folder names it: what
the driver, the pass, the linker template and the tests need to know comes from its backend.toml."""
from __future__ import annotations

import importlib.util
import os
import re
import sys
import tomllib
from types import ModuleType
from dataclasses import dataclass, field
from pathlib import Path

from . import checkrules, memory, paths
from .diag import BulkheadError, Location

BACKEND_KEYS = {"description", "max_compartments", "requires_pku", "keys", "isolation", "machines", "console_stream", "ring3", "runner", "mechanism", "mechanism_by_option", "gate_template",
                "options", "gate_template_by_option", "facts", "facts_by_option", "conformance",
                "linker_fragment", "check", "memory", "kernel_options"}
# [conformance] (tests/test_conformance.py): `expect`, regular expressions every run's console must match
# (what the backend itself prints, e.g. a count at exit); `ignore`, console lines of the backend's own that
# are left out before the program's output is compared with the unisolated run's.
CONFORMANCE_KEYS = {"expect", "ignore"}
# Per-compartment facts the pass reads from the configuration JSON (docs/design.md section 2), so that
# it never needs to know a backend's option names.  Default: false.
#   dss: the compartment's stack is private (no other compartment can read it), so a local whose
#        address leaves the compartment moves to its data shadow stack in the shared memory, and
#        marshalling blocks live there too (bulkhead-dss, bulkhead-partition).
#   gate_slots: its gate keeps per-thread slots __bh_c<i>_sp/_wait (mpk's private-stack gate): the
#        longjmp check reads where the stack resumes from them.
FACTS = ("dss", "gate_slots")


@dataclass(frozen=True)
class Backend:
    name: str
    folder: Path
    description: str
    max_compartments: int
    requires_pku: bool
    keys: bool
    isolation: bool                    # claims that a compartment cannot read another's memory
    # one machine per compartment: each compartment's memory is its machine's own RAM, the shared regions
    # a memory all machines map; the host runner (`runner`) follows from it, the layout is the backend's
    # `linker_fragment` and the size of a machine's own memory its `own_memory`
    machines: bool
    gate_template: str | None
    # the kernel records what each compartment prints on a second serial port (compartments in ring 3
    # print only through the kernel's console service): `./bulkhead run --consoles DIR` on one QEMU
    console_stream: bool = False
    # compartments run in ring 3 (the kernel's bh_backend_ring3): a privileged instruction faults wherever
    # its bytes are, so `verify` does not look for XRSTORS (CPL 0 only) in their code
    ring3: bool = False          # template text, None: crossings stay plain calls
    options: dict[str, list[str]] = field(default_factory=dict)  # option -> allowed values (first = default)
    # option -> value -> template text: an option that changes the gate (e.g. mpk's stack mode)
    templates_by_option: dict[str, dict[str, str]] = field(default_factory=dict)
    facts: dict[str, bool] = field(default_factory=dict)   # FACTS for every compartment
    # option -> value -> facts that hold for a compartment with that option value (override `facts`)
    facts_by_option: dict[str, dict[str, dict[str, bool]]] = field(default_factory=dict)
    conformance: dict[str, list[str]] = field(default_factory=dict)   # CONFORMANCE_KEYS -> regexes
    # the backend's part of the linker script (linker/README.md "Backend fragments"): a Jinja2 file of the
    # folder that linker/image.ld.j2 imports and whose hooks replace parts of its layout; None: the template's
    linker_fragment: str | None = None
    # the rules of its binary check (backend.toml [check]; scripts/bulkhead/checkrules.py Rules), defaults filled in
    check: checkrules.Rules = field(default_factory=checkrules.default_rules)
    runner: str | None = None          # host runner: a Python file of the folder (host_module), None: plain QEMU
    # the design-space explorer's mechanism (docs/explore.md: a place in the safety order), per option value
    mechanism: str | None = None
    mechanism_by_option: dict[str, dict[str, str]] = field(default_factory=dict)
    # backend.toml [memory.<key>]: the [memory] key that sizes each compartment's own memory in place of
    # guest_mib (scripts/bulkhead/memory.py OwnMemory); None: the guest's memory is guest_mib
    own_memory: memory.OwnMemory | None = None
    # backend.toml [kernel_options]: option values the kernel's compartment has whatever the configuration
    # gives the image (mpk: stack = "private", so the kernel's compartment keeps its own stack and every
    # edge into or out of it takes the private gate, in light images too: docs/design.md 7c)
    kernel_options: dict[str, str] = field(default_factory=dict)

    def mechanism_for(self, options: dict[str, str]) -> str | None:
        """The explorer's mechanism of an image of this backend with these (image-wide) option values."""
        for opt, by_value in self.mechanism_by_option.items():
            value = options.get(opt, self.options.get(opt, [None])[0])
            if value in by_value:
                return by_value[value]
        return self.mechanism

    def template_for(self, options: dict[str, str]) -> str | None:
        """The gate template for compartments with these (image-wide) option values."""
        for opt, by_value in self.templates_by_option.items():
            if options.get(opt) in by_value:
                return by_value[options[opt]]
        return self.gate_template

    def facts_for(self, options: dict[str, str]) -> dict[str, bool]:
        """The FACTS of a compartment with these option values (defaults filled in)."""
        out = {f: bool(self.facts.get(f, False)) for f in FACTS}
        for opt, by_value in self.facts_by_option.items():
            out.update(by_value.get(options.get(opt, self.options.get(opt, [None])[0]), {}))
        return out


def search_path() -> list[Path]:
    """Where backends are looked for, in order: gates/, then $BULKHEAD_BACKEND_PATH (default tests/backends)."""
    extra = os.environ.get("BULKHEAD_BACKEND_PATH")
    more = [Path(p) for p in extra.split(":") if p] if extra is not None else [paths.ROOT / "tests" / "backends"]
    return [paths.GATES_DIR, *more]


def _folders() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for d in search_path():
        for desc in sorted(d.glob("*/backend.toml")):
            out.setdefault(desc.parent.name, desc.parent)   # the first on the path wins
    return out


def available() -> list[str]:
    """Every backend on the search path."""
    return sorted(_folders())


def shipped() -> list[str]:
    """The backends of gates/ (what campaigns and matrices cycle through by default)."""
    return sorted(p.parent.name for p in paths.GATES_DIR.glob("*/backend.toml"))


def folder_of(name: str) -> Path:
    folder = _folders().get(name)
    if folder is None:
        raise BulkheadError(f"unknown backend '{name}'",
                            hint=f"available backends: {', '.join(available())} (searched "
                                 f"{', '.join(str(d) for d in search_path())}; gates/README.md says how to add one)")
    return folder


def load(name: str) -> Backend:
    folder = folder_of(name)
    desc_path = folder / "backend.toml"
    try:
        desc = tomllib.loads(desc_path.read_text())
    except tomllib.TOMLDecodeError as e:
        raise BulkheadError(f"malformed backend description: {e}", Location(desc_path)) from e
    unknown = set(desc) - BACKEND_KEYS
    if unknown:
        raise BulkheadError(f"unknown key(s) {sorted(unknown)}", Location(desc_path))
    template = None
    if desc.get("gate_template"):
        template = (folder / desc["gate_template"]).read_text()
    by_option = {opt: {val: (folder / f).read_text() for val, f in vals.items()}
                 for opt, vals in desc.get("gate_template_by_option", {}).items()}
    facts = desc.get("facts", {})
    facts_by_option = desc.get("facts_by_option", {})
    for where, table in [("facts", facts)] + [(f"facts_by_option.{o}.{v}", t) for o, vs in facts_by_option.items()
                                              for v, t in vs.items()]:
        bad = [k for k, v in table.items() if k not in FACTS or not isinstance(v, bool)]
        if bad:
            raise BulkheadError(f"[{where}]: {', '.join(bad)}: facts are {', '.join(FACTS)}, each true or false",
                                Location(desc_path))
    runner = desc.get("runner")
    if runner is not None and not (isinstance(runner, str) and runner.endswith(".py") and (folder / runner).is_file()):
        raise BulkheadError(f"runner = {runner!r}: not a Python file of {folder}", Location(desc_path),
                            "name the host runner's file, e.g. runner = \"host.py\", or leave runner out")
    fragment = desc.get("linker_fragment")
    if fragment is not None and not (isinstance(fragment, str) and fragment.endswith(".ld.j2")
                                     and "/" not in fragment and (folder / fragment).is_file()):
        raise BulkheadError(f"linker_fragment = {fragment!r}: not a Jinja2 file (*.ld.j2) of {folder}",
                            Location(desc_path), "name the linker-script fragment's file, e.g. "
                            "linker_fragment = \"layout.ld.j2\", or leave linker_fragment out")
    conformance = desc.get("conformance", {})
    bad = sorted(set(conformance) - CONFORMANCE_KEYS) if isinstance(conformance, dict) else ["conformance"]
    for key, pats in (conformance.items() if isinstance(conformance, dict) else []):
        if not isinstance(pats, list) or not all(isinstance(x, str) for x in pats):
            bad.append(key)
            continue
        for x in pats:
            try:
                re.compile(x)
            except re.error as e:
                raise BulkheadError(f"[conformance] {key}: bad regular expression {x!r}: {e}",
                                    Location(desc_path)) from e
    if bad:
        raise BulkheadError(f"[conformance]: {', '.join(bad)}: keys are {', '.join(sorted(CONFORMANCE_KEYS))}, "
                            "each a list of regular expressions", Location(desc_path))
    check = check_rules(desc, desc_path, name)
    own_memory = _own_memory(desc, desc_path)
    kernel_options = desc.get("kernel_options", {})
    options = desc.get("options", {})
    if not (isinstance(kernel_options, dict) and all(
            isinstance(v, str) and v in options.get(k, []) for k, v in kernel_options.items())):
        raise BulkheadError(f"[kernel_options]: {kernel_options!r}: each key an option of [options], each value "
                            "one of its values", Location(desc_path),
                            "e.g. kernel_options = { stack = \"private\" }, or leave [kernel_options] out")
    return Backend(
        name=name, folder=folder, check=check,
        description=desc.get("description", ""),
        max_compartments=int(desc.get("max_compartments", 1)),
        requires_pku=bool(desc.get("requires_pku", False)),
        keys=bool(desc.get("keys", False)),
        isolation=bool(desc.get("isolation", desc.get("keys", False))),
        machines=bool(desc.get("machines", False)),
        console_stream=bool(desc.get("console_stream", False)),
        ring3=bool(desc.get("ring3", False)),
        runner=desc.get("runner"),
        linker_fragment=fragment,
        mechanism=desc.get("mechanism"),
        mechanism_by_option={k: dict(v) for k, v in desc.get("mechanism_by_option", {}).items()},
        gate_template=template,
        options={k: list(v) for k, v in desc.get("options", {}).items()},
        templates_by_option=by_option,
        facts={k: bool(v) for k, v in facts.items()},
        facts_by_option=facts_by_option,
        conformance={k: list(v) for k, v in conformance.items()},
        own_memory=own_memory,
        kernel_options=dict(kernel_options),
    )


# backend.toml [memory.<key>]: each field and its type (memory.OwnMemory).
OWN_MEMORY_FIELDS = {"default": int, "min": int, "max": int, "what": str, "end_symbol": str}


def _own_memory(desc: dict, desc_path: Path) -> memory.OwnMemory | None:
    """backend.toml [memory]: at most one key, a table of OWN_MEMORY_FIELDS, min <= default <= max."""
    table = desc.get("memory", {})
    hint = ("[memory.<key>] with " + ", ".join(OWN_MEMORY_FIELDS) + " (gates/vm/backend.toml has one), "
            "or leave [memory] out")
    if not isinstance(table, dict) or len(table) > 1:
        raise BulkheadError("[memory]: at most one key, the size of each machine's own memory", Location(desc_path), hint)
    for key, spec in table.items():
        ok = (isinstance(spec, dict) and set(spec) == set(OWN_MEMORY_FIELDS) and key not in memory.DEFAULTS
              and all(isinstance(spec[f], t) and not isinstance(spec[f], bool) for f, t in OWN_MEMORY_FIELDS.items())
              and 1 <= spec["min"] <= spec["default"] <= spec["max"])
        if not ok:
            raise BulkheadError(f"[memory.{key}]: not a key of its own with min <= default <= max", Location(desc_path), hint)
        return memory.OwnMemory(key=key, default=spec["default"], lo=spec["min"], hi=spec["max"], what=spec["what"],
                                end_symbol=spec["end_symbol"])
    return None


def memory_keys(but: str) -> dict[str, str]:
    """Every [memory] key another backend than `but` adds: key -> that backend."""
    out: dict[str, str] = {}
    for name in available():
        if name == but:
            continue
        try:
            own = load(name).own_memory
        except BulkheadError:          # a broken backend.toml is reported when a configuration uses it
            continue
        if own is not None:
            out.setdefault(own.key, name)
    return out


# [check] keys besides the encoding classes (checkrules.CLASSES): `privileged` (checkrules.PRIVILEGED_VERDICTS) and
# `build` (the build's post-link check scans the image; default: keys).
CHECK_KEYS = ("privileged", "build")


def check_rules(desc: dict, desc_path: Path, name: str) -> checkrules.Rules:
    """backend.toml [check]: where each encoding class may be (a place of checkrules.PLACES or a list of them),
    privileged = "finding" | "error", build = true | false; what it leaves out, checkrules.default_rules."""
    table = desc.get("check", {})
    if not isinstance(table, dict):
        raise BulkheadError("check: must be a table [check]", Location(desc_path))
    default = checkrules.default_rules(ring3=bool(desc.get("ring3", False)), keys=bool(desc.get("keys", False)),
                                   backend=name)
    allowed = dict(default.allowed)
    for key, value in table.items():
        if key in CHECK_KEYS:
            continue
        if key not in checkrules.CLASSES:
            raise BulkheadError(f"[check] {key}: no such encoding class", Location(desc_path),
                                f"classes are {', '.join(checkrules.CLASSES)} (scripts/bulkhead/checkrules.py CLASSES); "
                                f"other keys {', '.join(CHECK_KEYS)}")
        places = [value] if isinstance(value, str) else value
        if not isinstance(places, list) or not all(isinstance(x, str) and x in checkrules.PLACES for x in places) \
                or (len(places) > 1 and ("anywhere" in places or "nowhere" in places)):
            raise BulkheadError(f"[check] {key} = {value!r}: not a place", Location(desc_path),
                                f"a place or a list of places of {', '.join(checkrules.PLACES)} "
                                "(\"anywhere\" and \"nowhere\" alone)")
        allowed[key] = tuple(p for p in places if p != "nowhere")
    privileged = table.get("privileged", default.privileged)
    if privileged not in checkrules.PRIVILEGED_VERDICTS:
        raise BulkheadError(f"[check] privileged = {privileged!r}", Location(desc_path),
                            f"one of {', '.join(map(repr, checkrules.PRIVILEGED_VERDICTS))}")
    build = table.get("build", default.build)
    if not isinstance(build, bool):
        raise BulkheadError(f"[check] build = {build!r}: true or false", Location(desc_path))
    return checkrules.Rules(allowed=allowed, privileged=privileged, build=build, backend=name)


def host_module(name: str, file: str) -> ModuleType:
    """A Python file of backend `name`'s folder (its host runner, a benchmark helper), loaded once as
    module `bulkhead_backend_<name>_<stem>`; it imports the driver as the package `bulkhead`."""
    folder = folder_of(name)
    mod_name = f"bulkhead_backend_{name}_{Path(file).stem}"
    if mod_name in sys.modules:
        return sys.modules[mod_name]
    path = folder / file
    spec = importlib.util.spec_from_file_location(mod_name, path)
    if spec is None or spec.loader is None or not path.is_file():
        raise BulkheadError(f"backend {name}: no Python module {path}")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[mod_name] = mod
    try:
        spec.loader.exec_module(mod)
    except BaseException:
        del sys.modules[mod_name]
        raise
    return mod


def runner(name: str) -> ModuleType | None:
    """Backend `name`'s host runner (backend.toml `runner`), or None: its images boot in one plain QEMU
    (scripts/bulkhead/qemu.py).  A runner provides run(image, timeout, echo, **kw) -> qemu.RunResult
    and RUN_OPTIONS, the `./bulkhead run` options it takes (e.g. "wake", "consoles")."""
    be = load(name)
    return host_module(name, be.runner) if be.runner else None


# What an image's "bulkhead" note carries of its config.json (scripts/bulkhead/image.py _description_note),
# besides the compartments' index, name, components and options and the ABI version ("abi").
DESCRIPTION_KEYS = ("name", "backend", "machine", "memory", "devices", "hostfwd")


def image_description(elf: Path, folder: bool = True) -> dict:
    """What an image says of itself: its "bulkhead" ELF note (backend, ABI version, machine, memory,
    compartments, devices), completed with what only the build folder's config.json next to it says
    (its [files], host paths of this machine), or that file alone (an image older than the note, or too
    damaged to read); {} when neither says."""
    from . import elfread
    from .diag import BulkheadError as _Err
    import json
    desc: dict = {}
    try:
        data = elf.read_bytes()
        img = elfread.read(data, elf, symbols=False)
        sec = img.section(".note.bulkhead")
        if sec is not None and sec.offset + sec.size <= len(data):
            note = data[sec.offset:sec.offset + sec.size]
            namesz, descsz, _type = (int.from_bytes(note[i:i + 4], "little") for i in (0, 4, 8))
            start = 12 + (namesz + 3) // 4 * 4
            if note[12:12 + namesz] == b"bulkhead\0" and start + descsz <= len(note):
                found = json.loads(note[start:start + descsz])
                if isinstance(found, dict):
                    desc = found
    except (_Err, OSError, ValueError):
        pass
    if not folder:
        return desc
    try:
        side = json.loads((elf.parent / "config.json").read_text())
    except (OSError, ValueError):
        return desc
    if not isinstance(side, dict):
        return desc
    if not desc:
        return side
    return {**{k: v for k, v in side.items() if k not in desc}, **desc}


def image_backend(elf: Path) -> str | None:
    """The backend a linked image was built for, read from the image itself (its "bulkhead" note, or in
    an image older than the note its __bh_image table's backend string), so a copied image.elf still
    finds its runner.  When the file cannot say (a damaged ELF), the build folder's config.json next to
    it does, so the backend's runner reports the damage; None when neither says (plain QEMU then tries
    the file)."""
    name = image_description(elf, folder=False).get("backend") or _backend_in_elf(elf) \
        or image_description(elf).get("backend")
    return name if isinstance(name, str) and re.fullmatch(r"[A-Za-z0-9_-]+", name) else None


def _backend_in_elf(elf: Path) -> str | None:
    from . import abi, elfread
    from .diag import BulkheadError as _Err
    try:
        img = elfread.read(elf)
        data = elf.read_bytes()
    except (_Err, OSError):
        return None
    table = img.names.get("__bh_image")
    if table is None:
        return None

    def at(vaddr: int, size: int) -> bytes | None:
        for seg in img.segments:
            if seg.type == 1 and seg.vaddr <= vaddr and vaddr + size <= seg.vaddr + seg.filesz:
                off = seg.offset + vaddr - seg.vaddr
                return data[off:off + size]
        return None

    ptr = at(table + abi.OFFSETS["bh_image"]["backend"], 8)
    if ptr is None:
        return None
    name = at(int.from_bytes(ptr, "little"), 64)
    if name is None or b"\0" not in name:
        return None
    text = name.split(b"\0", 1)[0].decode("ascii", "replace")
    return text if re.fullmatch(r"[A-Za-z0-9_-]+", text) else None


def image_runner(elf: Path) -> ModuleType | None:
    """The host runner of the backend `elf` was built for, None for a plain QEMU boot (a backend without
    a runner, one not on the search path, or a file that is no bulkhead image)."""
    name = image_backend(elf)
    if name is None or name not in available():
        return None
    return runner(name)
