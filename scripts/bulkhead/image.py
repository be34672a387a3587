"""Building an image: config module, linker script, the LTO link with the pass, the post-link check."""
from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import abi, cache, components, lock, memory, paths, toolchain
from .config import DSS_POLICIES, Config
from .diag import BulkheadError, Location, info
from .components import BuildStats

DATALAYOUT = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"


@dataclass
class Image:
    config: Config
    dir: Path
    elf: Path
    manifest: Path
    stats: BuildStats
    relinked: bool


def _ir_string(s: str) -> str:
    """Escape a string for an LLVM IR metadata string literal."""
    out = []
    for b in s.encode():
        c = chr(b)
        out.append(c if 0x20 <= b < 0x7F and c not in '"\\' else f"\\{b:02X}")
    return "".join(out)


# The image's description of itself: an ELF note (name "bulkhead", type NOTE_TYPE) whose descriptor is
# JSON (backends.DESCRIPTION_KEYS of config.json, the ABI version), so a copied image.elf boots with the
# right runner, machine and memory (scripts/bulkhead/backends.py image_description).  In the boot
# region next to the PVH note (linker/image.ld.j2), in its PT_NOTE segment.
NOTE_NAME = b"bulkhead\0"
NOTE_TYPE = 1


def _description_note(data: dict) -> str:
    from . import backends
    desc = {k: data[k] for k in backends.DESCRIPTION_KEYS if k in data}
    desc["compartments"] = [{k: c[k] for k in ("index", "name", "components", "options", "devices") if k in c}
                            for c in data["compartments"]]
    desc["abi"] = abi.ABI_VERSION
    blob = json.dumps(desc, sort_keys=True).encode()
    lines = ['.pushsection .note.bulkhead, "a", @note', ".balign 4",
             f".long {len(NOTE_NAME)}", f".long {len(blob)}", f".long {NOTE_TYPE}"]
    lines += [".byte " + ", ".join(str(b) for b in NOTE_NAME), ".balign 4"]
    lines += [".byte " + ", ".join(str(b) for b in blob[i:i + 32]) for i in range(0, len(blob), 32)]
    lines += [".balign 4", ".popsection"]
    return "".join(f'module asm "{line.replace(chr(34), chr(92) + "22")}"\n' for line in lines) + "\n"


def config_module(cfg: Config, outdir: Path, manifest: Path) -> Path:
    """The configuration as a bitcode module with named metadata !bulkhead.config (read by the pass),
    which writes the manifest to `manifest`; config.json next to it."""
    data = cfg.to_json(manifest=manifest)
    (outdir / "config.json").write_text(json.dumps(data, indent=2) + "\n")
    # Which file it came from (not part of the link's inputs: the same configuration elsewhere is the same
    # image), so that `./bulkhead run IMAGE` can name the line a fault asks for (advice.py).
    (outdir / "config.path").write_text(f"{Path(cfg.path).resolve()}\n")
    ll = outdir / "config.ll"
    ll.write_text(f'; bulkhead configuration {cfg.name} (generated from {cfg.path})\n'
                  f'target datalayout = "{DATALAYOUT}"\ntarget triple = "{toolchain.TARGET}"\n\n'
                  + _description_note(data) +
                  f'!bulkhead.config = !{{!0}}\n!0 = !{{!"{_ir_string(json.dumps(data))}"}}\n')
    bc = outdir / "config.bc"
    toolchain.run([toolchain.LLVM_AS, str(ll), "-o", str(bc)], "assembling the configuration module", writes=outdir)
    return bc


def linker_script(cfg: Config, outdir: Path) -> Path:
    """Render linker/image.ld.j2 for `cfg` into outdir/image.ld, with the backend's fragment (backend.toml
    `linker_fragment`, found in the backend's folder on the search path) imported as its `layout`."""
    import jinja2
    be = cfg.backend
    # The fragment is "<backend>/<file>", looked up in the backend's own folder only (the one the search
    # path chose), so a same-named file elsewhere on the path is never taken.
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(paths.LINKER_TEMPLATE.parent)),
                                  jinja2.PrefixLoader({be.name: jinja2.FileSystemLoader(str(be.folder))})])
    env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals.update(abi.JINJA)         # STACK_SIZE, TRAPRET_SIZE, ...: abi/abi.toml
    try:
        text = _render(cfg, env, f"{be.name}/{be.linker_fragment}" if be.linker_fragment else None)
    except jinja2.TemplateError as e:
        raise _template_error(e, cfg) from None
    out = outdir / "image.ld"
    out.write_text(text)
    return out


def _template_error(e: Exception, cfg: Config) -> BulkheadError:
    """A Jinja error in the linker template or the backend's fragment, named by file and line."""
    import traceback
    import jinja2
    file, line = getattr(e, "filename", None), getattr(e, "lineno", None)
    if not isinstance(e, jinja2.TemplateSyntaxError):
        # A render-time error: Jinja rewrites the traceback so that template frames carry the
        # template's file and line; the innermost one is where it went wrong.
        for frame in traceback.extract_tb(e.__traceback__):
            if frame.filename.endswith(".j2"):
                file, line = frame.filename, frame.lineno
    return BulkheadError(f"linker script for backend {cfg.backend.name}: {type(e).__name__}: {e}",
                         Location(Path(file), line) if file else Location(paths.LINKER_TEMPLATE),
                         "fix the template (linker/README.md lists the context and the fragment's hooks)")


def _render(cfg: Config, env, fragment: str | None) -> str:
    return env.get_template(paths.LINKER_TEMPLATE.name).render(
        image=cfg.name, backend=cfg.backend.name, layout_fragment=fragment, memory=dict(cfg.memory),
        shared_key=cfg.to_json()["shared_key"],
        policies=cfg.policies, kernel_compartment=cfg.kernel_compartment.index,
        private_stacks=cfg.private_stacks, mixed_stacks=cfg.mixed_stacks,
        shared_slots=_shared_slot_lines(cfg.threads, cfg.stack_slot) if cfg.mixed_stacks else [],
        trapret_table=[f"QUAD(__bh_c{c.index}_trapret)" for c in cfg.compartments],
        compartments=[{"index": c.index, "name": c.name, "key": c.key,
                       "heap": _heap_lines(cfg, c) + _trapret_lines(c.index),
                       "pool": _pool_lines(cfg) if c is cfg.kernel_compartment else [],
                       "private": cfg.private_stack(c),
                       "slots": (_slot_lines(c.index, cfg.threads, cfg.stack_slot) if cfg.facts(c)["gate_slots"]
                                 else _wait_lines(c.index, cfg.threads) if cfg.mixed_stacks else []),
                       "stacks": _stack_lines(c.index, cfg.threads, cfg.stack_slot) if cfg.private_stack(c) else [],
                       "system_data": _system_delta_lines(c.index) if cfg.private_stack(c)
                       and c is cfg.kernel_compartment else []}
                      for c in cfg.compartments],
        shared_heap=_heap_lines(cfg, None), threads=cfg.threads, thread_dss=cfg.thread_dss, dss_policy=DSS_POLICIES[cfg.thread_dss], dss_reach=cfg.dss_reach,
        stack_slot=cfg.stack_slot,
        sched_pkru=cfg.compartment_of("sched").pkru if "sched" in cfg.components else 0,
        page_tables=cfg.memory["page_tables"], code_limit=memory.CODE_LIMIT)


def _slot_lines(i: int, threads: int, slot: int) -> list[str]:
    """Private stacks: compartment i's gate slots, one per thread (at %gs:, the GS base being 8 * thread): where its
    stack resumes (initially the top of that thread's stack) and which compartment it waits on."""
    return ([f"__bh_c{i}_sp = .; /* per thread: where its stack resumes */"]
            + [f"QUAD(__bh_c{i}_stack_bottom + {slot:#x} * {t + 1})" for t in range(threads)]
            + [f"__bh_c{i}_wait = .; /* per thread: which compartment it waits on */"]
            + ["QUAD(-1)"] * threads)


def _wait_lines(i: int, threads: int) -> list[str]:
    """Mixed stacks (mpk light): a compartment on the shared stack keeps its own wait slots (which
    compartment it waits on, per thread) in its own data, so that no other compartment can forge its
    return through a private gate; where its stack resumes is the shared slot (_shared_slot_lines)."""
    return [f"__bh_c{i}_wait = .; /* per thread: which compartment it waits on */"] + ["QUAD(-1)"] * threads


def _shared_slot_lines(threads: int, slot: int) -> list[str]:
    """Mixed stacks (mpk light): where the shared stack resumes, per thread, for a private gate into a
    compartment on it (the gate template's {to_sp} = s), in the shared data: every compartment on the
    shared stack writes it when it crosses into a private one.  Initially the top of the thread's stack."""
    return [". = ALIGN(8);", "__bh_cs_sp = .; /* per thread: where the shared stack resumes */"] + [
        f"QUAD(__bh_stack_start + {slot:#x} * {t + 1})" for t in range(threads)]


def _stack_lines(i: int, threads: int, slot: int) -> list[str]:
    """Private stacks (mpk stack = "private", backend vm): compartment i's stacks in its bss, one
    slot per thread (its lowest page the unmapped guard); thread 0's top is where it boots (backend vm)
    or where kmain starts (the kernel's)."""
    return [". = ALIGN(4096);",
            f"__bh_c{i}_stack_bottom = .; /* one {slot // 1024} KiB slot per thread: a guard page, then its stack */",
            f"__bh_c{i}_stack_top = . + {slot:#x}; /* thread 0's */", f". += {slot:#x} * {threads};"]


def _system_delta_lines(kernel: int) -> list[str]:
    """Private stacks: the delta the kernel's and the backend runtime's code subtracts from a stack address
    to get its data shadow (passes/DataShadowStack.cpp dssDelta): that code may run on any compartment's
    stack (backend vm: every machine's own kernel), so it reads the word, which gates/vm/host.py
    sets to each machine's compartment's delta in its copy of the image."""
    return [". = ALIGN(8);", f"__bh_system_dss_delta = .; QUAD(__bh_c{kernel}_dss_delta) /* each vm machine: its own */"]


def _pool_lines(cfg: Config) -> list[str]:
    """The kernel's page-table pool ([memory] page_tables pages, kernel/arch/x86_64/paging.c) in its
    compartment's bss (the system part under backend vm: every machine builds its own tables)."""
    return [". = ALIGN(4096);", f"__bh_pt_pool_start = .; /* page tables: {cfg.memory['page_tables']} pages */",
            f". += 4096 * {cfg.memory['page_tables']};", "__bh_pt_pool_end = .;"]


def _trapret_lines(i: int) -> list[str]:
    """Compartment i's trap-return area in its bss (its key): a trap delivered on the IST stack returns
    through it, so the interrupted code's frame ends up where only its own domain reads it."""
    return [f". = ALIGN({abi.TRAPRET_ALIGN});", f"__bh_c{i}_trapret = .; /* {abi.TRAPRET_SIZE} bytes: kernel/trap.c */",
            f". += {abi.TRAPRET_SIZE};"]


def _heap_lines(cfg: Config, c) -> list[str]:
    """Linker-script lines for the heaps in a compartment's bss (c) or the shared bss (None): its own
    heap (bh_malloc; the shared heap for None) and newlib's, where the configuration puts it."""
    def region(sym: str, size: int, what: str) -> list[str]:
        return [". = ALIGN(4096);", f"{sym}_start = .; /* {what}: {size // 1024} KiB */", f". += {size};",
                f"{sym}_end = .;"]
    if c is None:
        out = region("__bh_shared_heap", cfg.heap["shared_kib"] * 1024, "the shared heap (bh_shared_malloc)")
    else:
        out = region(f"__bh_c{c.index}_heap", c.heap_kib * 1024, "its own heap (bh_malloc)")
    if "libc" in cfg.components:
        shared = cfg.heap["libc"] == "shared"
        if (c is None) == shared and (c is None or cfg.compartment_of("libc").index == c.index):
            out += region("__bh_libc_heap", cfg.heap["libc_kib"] * 1024, "newlib's heap (sbrk)")
    return out


def _inputs_digest(files: list[Path], texts: list[str]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(str(f).encode())
        h.update(f.read_bytes())
    for t in texts:
        h.update(t.encode())
    return h.hexdigest()


def _post_link_checks(cfg: Config, elf: Path, manifest: Path, label: Path) -> None:
    """Every symbol inside its compartment's regions; the layout against [memory]; W^X; where the image's
    backend says so (backend.toml [check] build, default: keys), its binary check's rules."""
    from . import check, verify
    check.placement(elf, manifest, cfg, label=label)
    memory.check_linked(elf, cfg)     # the exact layout against [memory], before anything boots
    rules = verify.rules_for(elf)     # the backend the image names (its note), as ./bulkhead verify reads it
    if rules.build:   # without protection keys (none, vm) CR4.PKE is off: WRPKRU is only a #UD
        verify.verify(elf, label=label, rules=rules)     # W^X included
    else:
        verify.check_wx(elf, label=label)


def build(cfg: Config, with_pass: bool = True) -> Image:
    """Compile (or reuse) every component, then link the image for this configuration."""
    toolchain.build_plugin()
    # what killed or failed builds left behind (a work folder is nobody's once its lock is free)
    cache.sweep(paths.COMPONENTS_CACHE, paths.OBJECTS_CACHE, paths.IMAGES)
    stats = BuildStats()
    # Providers first (newlib): the headers they install are on every other component's include path,
    # so in a fresh build folder libs/pthread could not compile before libc's provider had run.
    built = {c.name: components.bitcode(c, stats) for c in sorted(cfg.components.values(), key=lambda c: not c.build)}
    bitcode = [built[c.name] for c in cfg.components.values()]
    bitcode += [a for c in cfg.components.values() for a in components.extra_inputs(c)]  # provider archives
    objects = [o for c in cfg.components.values() for o in components.asm_objects(c)]
    return link(cfg, bitcode, objects, paths.IMAGES / cfg.name, stats, with_pass)


def link(cfg: Config, bitcode: list[Path], objects: list[Path], outdir: Path,
         stats: BuildStats | None = None, with_pass: bool = True) -> Image:
    """Link tagged component bitcode and native objects into outdir/image.elf for `cfg`, then check it.

    Relinks only when an input changed.  Tools that make their own components (the differential
    tester, prebuilt libraries) call this directly with their bitcode.

    The image folder is built whole or not at all: under the folder's lock (two configurations may
    share a name, two processes may build one), everything is written into a private work folder
    that replaces outdir in one step once the link and its checks succeeded.  A failed link leaves
    the last good image as it was; where there is none, the failed attempt's files (its manifest
    with the pass's refusals, link.cmd), without an image, take the folder.
    """
    stats = stats or BuildStats()
    outdir = outdir.absolute()
    with lock.exclusive(outdir, f"image {cfg.name}"), cache.disk_errors(outdir.parent):
        elf = outdir / "image.elf"
        manifest = outdir / "manifest.json"
        stamp = outdir / "inputs.sha256"
        final_config = json.dumps(cfg.to_json(manifest=manifest), indent=2) + "\n"
        with cache.work(outdir) as work:
            script = linker_script(cfg, work)
            # The post-link checks are part of what makes an image: a changed check relinks and checks again.
            checks = [Path(__file__).with_name(f) for f in ("check.py", "verify.py", "elfread.py")]
            digest = _inputs_digest([*bitcode, *objects, paths.PLUGIN, *checks], [script.read_text(), final_config]) \
                + ("" if with_pass else "-nopass")
            try:
                cached = elf.is_file() and stamp.read_text() == digest and cache.file_hash(elf) == \
                    (outdir / "image.sha256").read_text()
            except OSError:
                cached = False
            if cached:
                _post_link_checks(cfg, elf, manifest, elf)   # a cached image is checked as a new one is
                return Image(cfg, outdir, elf, manifest, stats, relinked=False)
            try:
                _link_in(cfg, bitcode, objects, work, outdir, with_pass)
            except BulkheadError as e:
                if not elf.is_file() and "no space left" not in e.message:
                    # No good image to keep: the folder shows this attempt (manifest.json with the
                    # pass's refusals, link.cmd, image.ld), without an image, as it always did.
                    (work / "image.elf").unlink(missing_ok=True)
                    config_module(cfg, work, manifest)
                    cache.replace_dir(work, outdir)
                raise
            # The pass wrote the manifest into the work folder; config.json and config.bc name the place it
            # will be once the folder is in place (link.cmd, rerun by hand, writes it there).
            config_module(cfg, work, manifest)
            (work / "image.sha256").write_text(cache.file_hash(work / "image.elf"))
            (work / "inputs.sha256").write_text(digest)
            cache.replace_dir(work, outdir)
    return Image(cfg, outdir, elf, manifest, stats, relinked=True)


def _link_in(cfg: Config, bitcode: list[Path], objects: list[Path], work: Path, outdir: Path,
             with_pass: bool) -> None:
    """The LTO link into `work` (which will become `outdir`) and the post-link checks."""
    cfg_bc = config_module(cfg, work, work / "manifest.json")
    script = work / "image.ld"
    elf = work / "image.elf"
    # LLD itself (full LTO): clang's bare-metal driver hands bitcode to gcc, and its hosted driver would
    # re-emit every module with a Linux triple first.  The plugin runs inside LLD's LTO either way.
    cmd = [toolchain.LLD, "-static", "--lto-O2", "-T", str(script), "--orphan-handling=error",
           "--build-id=none", "-Map", str(work / "image.map"), "-o", str(elf),
           *map(str, bitcode), *map(str, objects), str(cfg_bc)]
    if with_pass:
        cmd.insert(1, f"--load-pass-plugin={paths.PLUGIN}")
    # as it reads once the folder is in place (tests and users rerun it)
    (work / "link.cmd").write_text(" ".join(cmd).replace(str(work), str(outdir)) + "\n")
    info(f"linking {cfg.name} ({len(bitcode)} components, backend {cfg.backend.name})")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=toolchain.llvm_env())
    if proc.returncode != 0:
        out = (proc.stderr + proc.stdout).strip()
        if cache.out_of_space(out, work):
            raise cache.no_space(outdir.parent)
        too_big = memory.overflow_error(out, cfg.path)
        if too_big:
            raise too_big
        raise BulkheadError(f"linking image '{cfg.name}' failed:\n{out}",
                            hint=f"configuration {cfg.path}; {outdir} keeps the last good image if there is one, "
                                 "else this link's command (link.cmd) and manifest")
    _post_link_checks(cfg, elf, work / "manifest.json", outdir / "image.elf")
