"""`./bulkhead link-line CONFIG`: the exact commands that build a configuration's image with plain clang.

For a user's own build system (README.md, "Using the plugin from your own build").  Everything
bulkhead itself provides to the link (the kernel, the backend runtime, libraries, their assembly
objects, the configuration module and the linker script) is prepared once into a folder under stable
names; what is printed is a shell script, one command a line: the compile and tag lines of each of the
application's own components (the driver's flags, the plugin's bulkhead-tag), the one clang link line
naming every input, and the post-link check.  Paths under the repository are printed relative to it:
run the lines from the repository's root.  tests/test_plugin_recipe.py runs exactly these lines.
"""
from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from . import components, exportlist, image, paths, toolchain
from .components import BuildStats, Component
from .config import Config

# clang's hosted driver runs LLD itself (its bare-metal one would hand the link to gcc); -nostdlib and
# -static keep Linux's start files and libraries out.  The rest is what scripts/bulkhead/image.py gives LLD.
LINK_FLAGS = ["--target=x86_64-linux-gnu", "-flto=full", "-fuse-ld=lld", "-nostdlib", "-static"]
LLD_FLAGS = ["--lto-O2", "--orphan-handling=error", "--build-id=none"]


def _rel(p: Path | str) -> str:
    """A path as printed: relative to the repository when inside it (the lines run from its root)."""
    p = Path(p)
    try:
        return p.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(p)


def _arg(a: str) -> str:
    """One argument as printed: repository paths made relative (also inside -I/-isystem/-Wl, forms)."""
    root = str(paths.ROOT) + "/"
    return shlex.quote(a.replace(root, ""))


def _line(cmd: list[str]) -> str:
    return " ".join(_arg(a) for a in cmd)


def is_own(cfg: Config, comp: Component) -> bool:
    """A component of the application itself (apps/<app>/<component>/), compiled from its own sources:
    what a user's build compiles; the kernel, backend and libraries come prepared."""
    return not comp.system and comp.build is None and \
        comp.folder.resolve().is_relative_to((paths.APPS_DIR / cfg.app).resolve())


def prepare(cfg: Config, folder: Path) -> list[str]:
    """Builds what bulkhead provides into `folder` and returns the script's lines."""
    toolchain.build_plugin()
    folder = folder.absolute()
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "own").mkdir(parents=True)
    stats = BuildStats()
    provided: list[Path] = []
    own_objects: list[Path] = []
    lines = [f"# {cfg.name}: the lines ./bulkhead link-line {_rel(cfg.path)} prints (run from the repository root)"]
    plugin = f"-load-pass-plugin={paths.PLUGIN}"
    for comp in cfg.components.values():
        if is_own(cfg, comp):
            lines.append(f"# component '{comp.name}': compile each source with the driver's flags, then tag it")
            flags = toolchain.cflags(comp.include_dirs) + comp.cflags
            for src in comp.sources:
                obj = folder / "own" / f"{comp.name}-{src.stem}.o"
                tagged = obj.with_suffix(".tagged.o")
                lines.append(_line([toolchain.CLANG, *flags, "-c", str(src), "-o", str(obj)]))
                lines.append(_line([toolchain.OPT, plugin, f"-passes=bulkhead-tag<{comp.name}>", str(obj),
                                    "-o", str(tagged)]))
                own_objects.append(tagged)
            for src in comp.asm:
                obj = folder / "own" / f"{comp.name}-{src.stem}.asm.o"
                lines.append(_line([toolchain.CLANG, *toolchain.asflags(comp.include_dirs), "-c", str(src),
                                    "-o", str(obj)]))
                own_objects.append(obj)
            if comp.entry_headers or any(exportlist.is_pattern(n) for n in comp.entry_points or []):
                # Its exports name patterns or headers: the pass takes only a precise list, resolved
                # against what the component defines, so compile it once into bulkhead's own cache
                # (never into the folder: the printed lines still compile it) and resolve them.
                components.bitcode(comp, stats)
            continue
        # Bitcode is named .o: clang would compile a file named .bc instead of handing it to the linker.
        bc = components.bitcode(comp, stats)
        provided.append(shutil.copy(bc, folder / f"{comp.name}.o"))
        for i, a in enumerate(components.extra_inputs(comp)):
            provided.append(shutil.copy(a, folder / f"{comp.name}{'-' + str(i) if i else ''}.a"))
        for src, obj in zip(comp.asm, components.asm_objects(comp)):
            provided.append(shutil.copy(obj, folder / f"{comp.name}-{src.stem}.asm.o"))
    cfg_bc = image.config_module(cfg, folder, folder / "manifest.json")
    provided.append(cfg_bc.rename(folder / "config.o"))
    script = image.linker_script(cfg, folder)
    elf = folder / "image.elf"
    lines.append("# link: your tagged objects and every object bulkhead provides (listed), full LTO with the plugin")
    lines.append(_line([toolchain.CLANG, *LINK_FLAGS, f"-Wl,--load-pass-plugin={paths.PLUGIN}",
                        f"-Wl,-T,{script}", *(f"-Wl,{f}" for f in LLD_FLAGS),
                        *map(str, own_objects), *map(str, provided), "-o", str(elf)]))
    lines.append("# the checks every ./bulkhead build runs after its link; then boot it")
    lines.append(_line(["./bulkhead", "verify", str(elf)]))
    lines.append(_line(["./bulkhead", "run", str(elf)]))
    return lines
