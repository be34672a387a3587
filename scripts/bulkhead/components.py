"""Components: folders of C sources compiled once to tagged LLVM bitcode, cached by content.

One compile serves every configuration: the component's bitcode records only which component each
function and global belongs to (metadata set by the pass's bulkhead-tag step); the mapping to
compartments happens at link time.  The cache (cache.py) keys a component's bitcode on the compiler,
the plugin, its flags with the include-path list and its sources, and checks the contents of every
file its compiles read (clang -MD), so a header reached any way at all is seen, and a library compiled
with equal flags from equal files serves every app that uses it.
"""
from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import backends, cache, libdeps, lock, paths, sources as external, toolchain
from .diag import BulkheadError, Location, info

COMPONENT_KEYS = {"neutral", "description", "build", "cflags", "requires", "sources", "exports", "exports_headers",
                  "thread_runtime"}


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
    # The kernel and the backend runtime: trusted library-OS code.  Their globals are shared only
    # explicitly (.bh.shared.* sections), never by policy; their sections come first in their
    # compartment's regions (.bh.cK.<kind>.system), which backend vm replicates into every machine.
    system: bool = False
    required_by: str | None = None   # a library added because this component requires it (libdeps)
    # component.toml `exports`: the functions and globals other compartments may call or reference
    # (None: no declaration, everything as before); the pass refuses the rest at link time.
    entry_points: list[str] | None = None
    entry_points_file: Path | None = None
    # component.toml `exports_headers`: header patterns under its public include folders whose names
    # join the list; both forms are resolved to a precise list when the bitcode is ready (exportlist.py)
    entry_headers: list[str] | None = None
    public_includes: list[Path] = field(default_factory=list)
    # component.toml `thread_runtime = true`: it synchronizes threads on objects that may live on their
    # stacks (libs/sched, libs/pthread), so under [threads] dss = "owner" its compartment reaches a
    # switched-out thread's shared stack data (kernel/dss.c, docs/design.md 5d)
    thread_runtime: bool = False


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
        entry_points = data.get("exports")
        if entry_points is not None and not (isinstance(entry_points, list) and
                                             all(isinstance(e, str) and e for e in entry_points)):
            raise BulkheadError("'exports' must be a list of function and global names", Location(desc),
                                'for example exports = ["lib_open", "lib_version", "lib_*"]')
        entry_headers = data.get("exports_headers")
        if entry_headers is not None and not (isinstance(entry_headers, list) and
                                              all(isinstance(e, str) and e for e in entry_headers)):
            raise BulkheadError("'exports_headers' must be a list of header patterns", Location(desc),
                                'for example exports_headers = ["*.h", "sys/*.h"]')
        if entry_headers is not None and entry_points is None:
            entry_points = []
        build = external.from_description(data, desc) if "sources" in data else data.get("build")
        extra = [str(f) for f in data.get("cflags", [])]
        thread_runtime = data.get("thread_runtime", False)
        if not isinstance(thread_runtime, bool):
            raise BulkheadError("'thread_runtime' must be true or false", Location(desc),
                                "true only for a library that synchronizes threads (libs/sched, libs/pthread)")
    else:
        build, extra, entry_points, entry_headers, thread_runtime = None, [], None, None, False
    exports = provider(build).include_dirs() if build else []
    return Component(name=name, folder=folder, sources=sorted(glob("*.c")), asm=sorted(glob("*.S")),
                     include_dirs=[*includes, *exports], neutral=neutral, build=build, cflags=extra,
                     exports=exports, entry_points=entry_points,
                     entry_points_file=desc if entry_points is not None else None,
                     entry_headers=entry_headers, public_includes=[folder / "include", *exports],
                     thread_runtime=thread_runtime)


def library_component(name: str) -> Component:
    """A library of libs/ on its own (its include folder and the kernel's): for images assembled
    without an app, such as the differential harness's."""
    folder = paths.LIBS_DIR / name
    if not folder.is_dir():
        raise BulkheadError(f"unknown library '{name}'", hint=f"libraries: {', '.join(sorted(p.name for p in paths.LIBS_DIR.iterdir()))}")
    return _make(name, folder, [folder / "include", paths.KERNEL_DIR / "include"], recursive=False)


def kernel_component() -> Component:
    c = _make("kernel", paths.KERNEL_DIR, [paths.KERNEL_DIR / "include"], recursive=True)
    c.system = True
    return c


def backend_component(backend: str) -> Component:
    c = _make(f"backend-{backend}", backends.folder_of(backend), [paths.KERNEL_DIR / "include"],
              recursive=False)
    c.system = True
    return c


# QEMU machines an app may ask for (app.toml `machine`): microvm boots fastest; pc has the 8259
# wired to the CPU, which the kernel's timer (kernel/timer.c) needs.
MACHINES = ("microvm", "pc")


# QEMU devices an app may ask for (app.toml `devices`, each given to QEMU as `-device NAME`): the PCI
# test devices of Debian's qemu-system-x86 that kernel/pci.c drives, and virtio-net (libs/netdev),
# which scripts/bulkhead/qemu.py attaches to QEMU's user network (app.toml `hostfwd`).
DEVICES = ("edu", "pci-testdev", "virtio-net")


def app_hostfwd(app: str) -> list[int]:
    """The guest TCP ports apps/<app>/app.toml asks the host to forward to (`hostfwd`, default none)."""
    return list(_app_desc(paths.APPS_DIR / app).get("hostfwd", []))


def app_devices(app: str) -> list[str]:
    """The QEMU devices apps/<app>/app.toml asks for (default none)."""
    return list(_app_desc(paths.APPS_DIR / app).get("devices", []))


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
    unknown = set(data) - {"libs", "optional", "description", "machine", "devices", "hostfwd"}
    if unknown:
        raise BulkheadError(f"unknown key(s) {sorted(unknown)}", Location(desc))
    if data.get("machine", "microvm") not in MACHINES:
        raise BulkheadError(f"machine '{data['machine']}' is not one of {', '.join(MACHINES)}", Location(desc))
    devices = data.get("devices", [])
    if not isinstance(devices, list) or any(d not in DEVICES for d in devices):
        raise BulkheadError(f"devices must be a list of QEMU devices from {', '.join(DEVICES)}", Location(desc))
    if devices and data.get("machine") != "pc":
        raise BulkheadError("devices need machine = \"pc\" (PCI, and the 8259 their interrupts reach the CPU through)",
                            Location(desc))
    hostfwd = data.get("hostfwd", [])
    if not isinstance(hostfwd, list) or any(not isinstance(p, int) or isinstance(p, bool) or not 0 < p < 65536
                                            for p in hostfwd):
        raise BulkheadError("hostfwd must be a list of guest TCP ports (1-65535)", Location(desc),
                            "for example hostfwd = [7]: the host forwards a free port of 127.0.0.1 to the guest's port 7")
    if hostfwd and "virtio-net" not in devices:
        raise BulkheadError("hostfwd needs the network device: devices = [\"virtio-net\"]", Location(desc))
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
        found[lib].optional = lib in optional      # a library only some configurations link
        found[lib].required_by = required[lib]
    for sub in sorted(app_dir.iterdir()):
        if sub.is_dir() and (any(sub.glob("*.c")) or (sub / "component.toml").is_file()):
            found[sub.name] = _make(sub.name, sub, includes, recursive=False)
            found[sub.name].optional = sub.name in optional
    return found


def _compile(src: Path, flags: list[str], obj: Path, what: str, writes: Path) -> list[Path]:
    """Compile one source with a dependency file; the files the compile read."""
    dep = obj.with_name(obj.name + ".d")
    toolchain.run([toolchain.CLANG, *flags, "-MD", "-MF", str(dep), "-c", str(src), "-o", str(obj)],
                  f"{what} {src}", writes=writes)
    return cache.read_depfile(dep)


def bitcode(comp: Component, stats: BuildStats) -> Path:
    """Tagged bitcode of one component, rebuilt only when what decides it changed:
    build/components/<name>/<key>.bc (cache.py); its exports resolved against what it defines."""
    bc = _bitcode(comp, stats)
    if comp.entry_points_file is not None:
        from . import exportlist
        defined = exportlist.defined_symbols([bc, *extra_inputs(comp), *asm_objects(comp)])
        comp.entry_points = exportlist.resolve(comp.entry_points or [], comp.entry_headers, defined,
                                               comp.entry_points_file, comp.public_includes)
        comp.entry_headers = None   # resolved: a second call checks the precise list again
    return bc


def _bitcode(comp: Component, stats: BuildStats) -> Path:
    flags = toolchain.cflags(comp.include_dirs) + comp.cflags
    if comp.build:
        prov = provider(comp.build)
        comp.sources = sorted(set(comp.sources) | set(prov.sources()))
        flags.append(f"-DBULKHEAD_PROVIDER_{prov.digest()}")   # provider inputs are part of the key
    if not comp.sources:
        raise BulkheadError(f"component '{comp.name}' has no C sources", Location(comp.folder))
    # The name is part of the key: bulkhead-tag writes it into every definition.
    e = cache.entry(paths.COMPONENTS_CACHE / comp.name,
                    [toolchain.clang_version(), toolchain.plugin_digest(), comp.name, flags,
                     [str(s) for s in comp.sources]], f"component {comp.name}")
    folder = e.base.parent
    with lock.exclusive(e.base, f"component {comp.name}"), cache.disk_errors(folder):
        if cache.reusable(e):
            stats.cached.append(comp.name)
            return e.output(".bc")
        with cache.work(e.base) as work:
            started = cache.now_ns()
            read: list[Path] = []
            objs = []
            for i, src in enumerate(comp.sources):
                obj = work / f"{i}-{src.stem}.bc"
                read += _compile(src, flags, obj, "compiling", folder)
                objs.append(str(obj))
            linked = work / "linked.bc"
            toolchain.run([toolchain.LLVM_LINK, *objs, "-o", str(linked)], f"linking component {comp.name}",
                          writes=folder)
            tagged = work / "tagged.bc"
            toolchain.run([toolchain.OPT, f"-load-pass-plugin={paths.PLUGIN}",
                           f"-passes=bulkhead-tag<{comp.name}>", str(linked), "-o", str(tagged)],
                          f"tagging component {comp.name}", writes=folder)
            cache.publish(e, work, {".bc": tagged}, cache.dep_hashes(sorted(set(read)), started))
    stats.compiled.append(comp.name)
    info(f"compiled component {comp.name} ({len(objs)} files)")
    return e.output(".bc")


def extra_inputs(comp: Component) -> list[Path]:
    """Prebuilt bitcode archives of a provider component (e.g. newlib), members tagged with its name."""
    if not comp.build:
        return []
    prov = provider(comp.build)
    # a provider module by its name, a component.toml `sources` tree by its spec (in its digest)
    kind = comp.build if isinstance(comp.build, str) else str(prov)
    e = cache.entry(paths.COMPONENTS_CACHE / comp.name,
                    [prov.digest(), toolchain.plugin_digest(), comp.name, kind], f"{kind} archive of {comp.name}")
    folder = e.base.parent
    with lock.exclusive(e.base, e.what), cache.disk_errors(folder):
        if cache.reusable(e):
            return [e.output(".a")]
        with cache.work(e.base) as work:
            started = cache.now_ns()
            got = prov.archive(comp.name, work / "tagged.a")
            if got is None:
                return []
            # the archives it tagged (newlib's libc.a, libm.a): rebuilt there, tagged again here
            read = list(getattr(prov, "archives", list)())
            cache.publish(e, work, {".a": got}, cache.dep_hashes(read, started))
    return [e.output(".a")]


def asm_objects(comp: Component) -> list[Path]:
    """Native objects of a component's assembly files (system code), cached like bitcode:
    build/objects/<component>/<key>.o, keyed on the flags and checked against every file it read."""
    flags = toolchain.asflags(comp.include_dirs)
    outs = []
    for src in comp.asm:
        e = cache.entry(paths.OBJECTS_CACHE / comp.name, [toolchain.clang_version(), flags, str(src)],
                        f"object {src.name} of {comp.name}")
        folder = e.base.parent
        with lock.exclusive(e.base, e.what), cache.disk_errors(folder):
            if not cache.reusable(e):
                with cache.work(e.base) as work:
                    started = cache.now_ns()
                    obj = work / f"{src.stem}.o"
                    read = _compile(src, flags, obj, "assembling", folder)
                    cache.publish(e, work, {".o": obj}, cache.dep_hashes(read, started))
        outs.append(e.output(".o"))
    return outs
