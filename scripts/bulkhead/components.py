"""Components: folders of C sources compiled once to tagged LLVM bitcode, cached by content.

One compile serves every configuration: the component's bitcode records only which component each
function and global belongs to (metadata set by the pass's bulkhead-tag step); the mapping to
compartments happens at link time.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import shutil
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import libdeps, paths, sources as external, toolchain
from .diag import BulkheadError, Location, info

COMPONENT_KEYS = {"neutral", "description", "build", "cflags", "requires", "sources"}


@dataclass
class Component:
    name: str
    folder: Path
    sources: list[Path]            # C, compiled to bitcode
    asm: list[Path]                # assembly, assembled natively (system code: boot, traps, gates)
    include_dirs: list[Path]
    neutral: list[str] = field(default_factory=list)
    build: object = None           # provider: module scripts/bulkhead/<build>.py, or sources.External
    cflags: list[str] = field(default_factory=list)   # extra compile flags (component.toml `cflags`)
    exports: list[Path] = field(default_factory=list)  # include dirs the provider gives the app's components
    optional: bool = False         # need not be placed by a configuration (then it is not linked)
    cache: str = ""                # where its bitcode is cached, below build/components ("" = name)
    # The kernel and the backend runtime: trusted library-OS code.  Their globals are shared only
    # explicitly (.bh.shared.* sections), never by policy; their sections come first in their
    # compartment's regions (.bh.cK.<kind>.system), which backend vm replicates into every machine.
    system: bool = False
    required_by: str | None = None   # a library added because this component requires it (libdeps)

    @property
    def cache_name(self) -> str:
        """Apps reuse component names ("app") and compile libraries with their own include paths, so
        app and library components are cached per app: build/components/<app>/<name>.bc."""
        return self.cache or self.name


def provider(name: str):
    """A component provider: a module with include_dirs(), digest(), sources(), archive(component, out).
    sources() and archive() build or fetch what they need once (cached under build/)."""
    if not isinstance(name, str):
        return name   # component.toml `sources`: a sources.External with the same four methods
    try:
        return importlib.import_module(f".{name}", __package__)
    except ModuleNotFoundError as e:
        raise BulkheadError(f"unknown component provider '{name}' (no scripts/bulkhead/{name}.py)") from e


@dataclass
class BuildStats:
    compiled: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)


def _make(name: str, folder: Path, includes: list[Path], recursive: bool) -> Component:
    glob = folder.rglob if recursive else folder.glob
    neutral: list[str] = []
    desc = folder / "component.toml"
    if desc.is_file():
        try:
            data = tomllib.loads(desc.read_text())
        except tomllib.TOMLDecodeError as e:
            raise BulkheadError(f"malformed component description: {e}", Location(desc)) from e
        unknown = set(data) - COMPONENT_KEYS
        if unknown:
            raise BulkheadError(f"unknown key(s) {sorted(unknown)}", Location(desc))
        neutral = list(data.get("neutral", []))
        build = external.from_description(data, desc) if "sources" in data else data.get("build")
        extra = [str(f) for f in data.get("cflags", [])]
    else:
        build, extra = None, []
    exports = provider(build).include_dirs() if build else []
    return Component(name=name, folder=folder, sources=sorted(glob("*.c")), asm=sorted(glob("*.S")),
                     include_dirs=[*includes, *exports], neutral=neutral, build=build, cflags=extra,
                     exports=exports)


def kernel_component() -> Component:
    c = _make("kernel", paths.KERNEL_DIR, [paths.KERNEL_DIR / "include"], recursive=True)
    c.system = True
    return c


def backend_component(backend: str) -> Component:
    c = _make(f"backend-{backend}", paths.GATES_DIR / backend, [paths.KERNEL_DIR / "include"],
              recursive=False)
    c.system = True
    return c


# QEMU machines an app may ask for (app.toml `machine`): microvm boots fastest; pc has the 8259
# wired to the CPU, which the kernel's timer (kernel/timer.c) needs.
MACHINES = ("microvm", "pc")


def app_machine(app: str) -> str:
    """The QEMU machine apps/<app>/app.toml asks for (default microvm)."""
    return _app_desc(paths.APPS_DIR / app).get("machine", "microvm")


def _app_desc(app_dir: Path) -> dict:
    """apps/<app>/app.toml: `libs` (library components from libs/), `optional` (components a
    configuration may leave out, e.g. one attack of a test app per configuration) and `machine`
    (the QEMU machine its images boot on: microvm or pc)."""
    desc = app_dir / "app.toml"
    if not desc.is_file():
        return {}
    try:
        data = tomllib.loads(desc.read_text())
    except tomllib.TOMLDecodeError as e:
        raise BulkheadError(f"malformed app description: {e}", Location(desc)) from e
    unknown = set(data) - {"libs", "optional", "description", "machine"}
    if unknown:
        raise BulkheadError(f"unknown key(s) {sorted(unknown)}", Location(desc))
    if data.get("machine", "microvm") not in MACHINES:
        raise BulkheadError(f"machine '{data['machine']}' is not one of {', '.join(MACHINES)}", Location(desc))
    for lib in data.get("libs", []):
        if not (paths.LIBS_DIR / lib).is_dir():
            raise BulkheadError(f"app uses unknown library '{lib}'", Location(desc),
                                f"libraries: {', '.join(sorted(p.name for p in paths.LIBS_DIR.iterdir()))}")
    return data


def discover(app: str) -> dict[str, Component]:
    """The components an application is made of: apps/<app>/<component>/, its libs/, plus the kernel."""
    app_dir = paths.APPS_DIR / app
    if not app_dir.is_dir():
        known = sorted(p.name for p in paths.APPS_DIR.iterdir() if p.is_dir())
        raise BulkheadError(f"unknown app '{app}'", hint=f"apps: {', '.join(known)}")
    found = {"kernel": kernel_component()}
    desc = _app_desc(app_dir)
    required = libdeps.closure(list(desc.get("libs", [])), app_dir)   # with what components require
    libs = list(required)
    optional = set(desc.get("optional", []))
    lib_includes = [paths.LIBS_DIR / lib / "include" for lib in libs]
    # include dirs that providers export (newlib's headers, sqlite3.h) serve every component of the app
    lib_includes += [d for lib in libs for d in _make(lib, paths.LIBS_DIR / lib, [], False).exports]
    includes = [app_dir / "include", *lib_includes, paths.KERNEL_DIR / "include"]
    for lib in libs:
        found[lib] = _make(lib, paths.LIBS_DIR / lib, [*lib_includes, paths.KERNEL_DIR / "include"],
                           recursive=False)
        found[lib].include_dirs = list(dict.fromkeys(found[lib].include_dirs))
        found[lib].cache = f"{app}/{lib}"
        found[lib].optional = lib in optional      # a library only some configurations link
        found[lib].required_by = required[lib]
    for sub in sorted(app_dir.iterdir()):
        if sub.is_dir() and (any(sub.glob("*.c")) or (sub / "component.toml").is_file()):
            found[sub.name] = _make(sub.name, sub, includes, recursive=False)
            found[sub.name].optional = sub.name in optional
            found[sub.name].cache = f"{app}/{sub.name}"
    return found


def _headers(comp: Component) -> list[Path]:
    hs = {h for d in comp.include_dirs if d.is_dir() for h in d.rglob("*.h")}
    hs |= set(comp.folder.rglob("*.h"))
    return sorted(hs)


def _digest(comp: Component, extra: list[str]) -> str:
    h = hashlib.sha256()
    h.update(json.dumps(extra).encode())
    for f in comp.sources + _headers(comp):
        h.update(str(f.relative_to(paths.ROOT) if f.is_relative_to(paths.ROOT) else f).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def bitcode(comp: Component, stats: BuildStats) -> Path:
    """Tagged bitcode of one component: build/components/<name>.bc, rebuilt only when its inputs change."""
    out = paths.COMPONENTS_CACHE / f"{comp.cache_name}.bc"
    out.parent.mkdir(parents=True, exist_ok=True)
    key_file = out.with_suffix(".key")
    flags = toolchain.cflags(comp.include_dirs) + comp.cflags
    if comp.build:
        prov = provider(comp.build)
        comp.sources = sorted(set(comp.sources) | set(prov.sources()))
        flags.append(f"-DBULKHEAD_PROVIDER_{prov.digest()}")   # provider inputs are part of the key
    key = _digest(comp, flags + [toolchain.clang_version(), toolchain.plugin_digest()])
    if out.is_file() and key_file.is_file() and key_file.read_text() == key:
        stats.cached.append(comp.name)
        return out
    # A private work folder per build, renamed into place at the end: concurrent builds never see a
    # half-written component.
    work = Path(tempfile.mkdtemp(prefix=f"{comp.name}.", dir=out.parent))
    objs = []
    for src in comp.sources:
        rel = src.relative_to(comp.folder) if src.is_relative_to(comp.folder) else Path(src.name)
        obj = work / (str(rel).replace("/", "__") + ".bc")
        toolchain.run([toolchain.CLANG, *flags, "-c", str(src), "-o", str(obj)], f"compiling {src}")
        objs.append(str(obj))
    if not objs:
        raise BulkheadError(f"component '{comp.name}' has no C sources", Location(comp.folder))
    linked = work / "linked.bc"
    toolchain.run([toolchain.LLVM_LINK, *objs, "-o", str(linked)], f"linking component {comp.name}")
    tagged = work / "tagged.bc"
    toolchain.run([toolchain.OPT, f"-load-pass-plugin={paths.PLUGIN}", f"-passes=bulkhead-tag<{comp.name}>",
                   str(linked), "-o", str(tagged)], f"tagging component {comp.name}")
    os.replace(tagged, out)
    (work / "key").write_text(key)
    os.replace(work / "key", key_file)
    shutil.rmtree(work, ignore_errors=True)
    stats.compiled.append(comp.name)
    info(f"compiled component {comp.name} ({len(objs)} files)")
    return out


def extra_inputs(comp: Component) -> list[Path]:
    """Prebuilt bitcode archives of a provider component (e.g. newlib), members tagged with its name."""
    if not comp.build:
        return []
    prov = provider(comp.build)
    out = paths.COMPONENTS_CACHE / f"{comp.name}.{comp.build}.a"
    key_file = out.with_suffix(".key")
    key = f"{prov.digest()} {toolchain.plugin_digest()}"
    if out.is_file() and key_file.is_file() and key_file.read_text() == key:
        return [out]
    got = prov.archive(comp.name, out)
    if got is None:
        return []
    key_file.write_text(key)
    return [out]


def asm_objects(comp: Component) -> list[Path]:
    """Native objects of a component's assembly files (system code), cached by content."""
    outs = []
    for src in comp.asm:
        h = hashlib.sha256(src.read_bytes())
        for hdr in _headers(comp):
            h.update(hdr.read_bytes())
        obj = paths.OBJECTS_CACHE / comp.name / (str(src.relative_to(comp.folder)).replace("/", "__") + ".o")
        key_file = obj.with_suffix(".key")
        if not (obj.is_file() and key_file.is_file() and key_file.read_text() == h.hexdigest()):
            obj.parent.mkdir(parents=True, exist_ok=True)
            tmp = obj.with_suffix(f".{os.getpid()}.tmp")
            toolchain.run([toolchain.CLANG, *toolchain.asflags(comp.include_dirs), "-c", str(src), "-o", str(tmp)],
                          f"assembling {src}")
            os.replace(tmp, obj)
            key_file.write_text(h.hexdigest())
        outs.append(obj)
    return outs
