"""A backend is one folder (gates/README.md): found on the search path, described by its backend.toml
(bad descriptions named with the file), its host runner found from the image itself, and no backend
named by the code outside gates/ (scripts/, kernel/, passes/, linker/), bar the files listed here with
the reason they may."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead

from bulkhead import backends, paths  # noqa: E402  (conftest puts scripts/ on the path)
from bulkhead.diag import BulkheadError  # noqa: E402

# Code that may still name a backend, and why (each one a place a new backend does not have to edit).
NAMING_ALLOWED = {
    # FlexOS's mechanism vocabulary (the explorer's safety order and fig-06's panels and colours); which
    # backend is which mechanism is in each backend.toml (`mechanism`)
    "scripts/bulkhead/explore/model.py", "scripts/bulkhead/explore/spec.py",
    "scripts/bulkhead/matrix/fig06.py", "scripts/bulkhead/matrix/tab01.py",
    # the ABI generator renders backend vm's shared structures into gates/vm/vm_abi.h
    "scripts/bulkhead/abigen.py",
}
CODE_DIRS = ("scripts", "kernel", "passes", "linker")
CODE_SUFFIXES = {".py", ".c", ".h", ".S", ".cpp", ".j2"}
COMMENT = re.compile(r"^\s*(#|//|/?\*|\{#)")


def _write_backend(folder: Path, text: str) -> None:
    folder.mkdir(parents=True)
    (folder / "backend.toml").write_text(text)


@pytest.mark.fast
def test_search_path_and_unknown_backend(tmp_path, monkeypatch) -> None:
    """A folder on $BULKHEAD_BACKEND_PATH adds its backends after gates/; an unknown name lists the
    backends and the folders searched."""
    _write_backend(tmp_path / "odd", 'description = "x"\nmax_compartments = 4\n')
    _write_backend(tmp_path / "mpk", 'description = "a second mpk, never found: gates/ comes first"\n')
    monkeypatch.setenv("BULKHEAD_BACKEND_PATH", str(tmp_path))
    assert "odd" in backends.available() and "odd" not in backends.shipped()
    assert backends.load("odd").folder == tmp_path / "odd" and backends.load("odd").max_compartments == 4
    assert backends.load("mpk").folder == paths.GATES_DIR / "mpk"
    with pytest.raises(BulkheadError) as e:
        backends.load("nosuch")
    assert "unknown backend 'nosuch'" in str(e.value) and str(tmp_path) in str(e.value)
    monkeypatch.setenv("BULKHEAD_BACKEND_PATH", "")
    assert "trace" not in backends.available()


@pytest.mark.fast
@pytest.mark.parametrize("text, said", [
    ('runner = "missing.py"\n', "not a Python file"),
    ('[conformance]\nexpect = ["(unclosed"]\n', "bad regular expression"),
    ('[conformance]\nexpected = ["x"]\n', "[conformance]: expected"),
    ('runners = "host.py"\n', "unknown key(s) ['runners']"),
    ('linker_fragment = "missing.ld.j2"\n', "not a Jinja2 file (*.ld.j2)"),
    ('[check]\nrdpkru = "gates"\n', "[check] rdpkru: no such encoding class"),
    ('[check]\nwrpkru = "somewhere"\n', "[check] wrpkru = 'somewhere': not a place"),
    ('[check]\nwrpkru = ["gates", "nowhere"]\n', "[check] wrpkru = ['gates', 'nowhere']: not a place"),
    ('[check]\nprivileged = "maybe"\n', "[check] privileged = 'maybe'"),
    ('[memory.own_mib]\ndefault = 8\nmin = 16\nmax = 32\nwhat = "x"\nend_symbol = "e"\n',
     "[memory.own_mib]: not a key of its own with min <= default <= max"),
    ('[memory.guest_mib]\ndefault = 64\nmin = 8\nmax = 128\nwhat = "x"\nend_symbol = "e"\n',
     "[memory.guest_mib]: not a key of its own"),
    ('[memory.own_mib]\ndefault = 64\nmin = 8\nmax = 128\nwhat = "x"\n', "[memory.own_mib]: not a key of its own"),
    ('[memory]\na = 1\nb = 2\n', "[memory]: at most one key"),
    ('[options]\nstack = ["shared", "private"]\n[kernel_options]\nstack = "bogus"\n', "[kernel_options]"),
    ('[kernel_options]\nstack = "private"\n', "each key an option of [options]"),
])
def test_bad_description_is_named(tmp_path, monkeypatch, text: str, said: str) -> None:
    _write_backend(tmp_path / "odd", 'description = "x"\n' + text)
    monkeypatch.setenv("BULKHEAD_BACKEND_PATH", str(tmp_path))
    with pytest.raises(BulkheadError) as e:
        backends.load("odd")
    assert said in str(e.value) and "odd/backend.toml" in str(e.value)


@pytest.mark.fast
def test_no_backend_named_outside_gates() -> None:
    """The grep of issue 12, as a test: no code line (comments and docstrings aside) of scripts/,
    kernel/, passes/ or linker/ compares with or names a shipped backend as a string, outside
    NAMING_ALLOWED."""
    names = backends.shipped()
    literal = re.compile(r"""(["'])(%s)\1""" % "|".join(map(re.escape, [n for n in names if n != "none"])))
    found = []
    for d in CODE_DIRS:
        for f in sorted((ROOT / d).rglob("*")):
            rel = f.relative_to(ROOT).as_posix()
            if f.suffix not in CODE_SUFFIXES or "/test/" in rel or rel in NAMING_ALLOWED or not f.is_file():
                continue
            in_doc = False
            for n, line in enumerate(f.read_text(errors="replace").splitlines(), 1):
                if f.suffix == ".py" and line.count('"""') % 2 == 1:
                    in_doc = not in_doc
                    continue
                if in_doc or COMMENT.match(line):
                    continue
                code = line.split("#", 1)[0] if f.suffix == ".py" else line.split("//", 1)[0]
                if literal.search(code):
                    found.append(f"{rel}:{n}: {line.strip()}")
    assert not found, "backend names in code outside gates/ (put the fact in backend.toml):\n" + "\n".join(found)


@pytest.mark.fast
def test_every_shipped_backend_describes_its_facts() -> None:
    """The facts the driver reads instead of names: the explorer's mechanism of every option value, and
    whether it isolates (the conformance suite and the differential probe trust it)."""
    for name in backends.shipped():
        be = backends.load(name)
        combos: list[dict[str, str]] = [{}]
        for opt, values in sorted(be.options.items()):
            combos = [{**c, opt: v} for c in combos for v in values]
        assert all(be.mechanism_for(c) for c in combos), (name, combos)
        assert be.isolation == (be.keys or be.machines), name


@pytest.mark.fast
def test_a_config_made_in_code_has_its_backends_own_memory_default() -> None:
    """The differential tests make Config objects without a file: each still carries every [memory] key
    the linker template reads, its backend's own key (backend.toml [memory]) included."""
    from bulkhead import config, memory
    for name in backends.shipped():
        be = backends.load(name)
        cfg = config.Config(path=ROOT / "x.toml", name="x", app="x", backend=be, compartments=[], policies={})
        assert cfg.memory == memory.defaults(be.own_memory), name
        if be.own_memory is not None:
            assert cfg.memory[be.own_memory.key] == be.own_memory.default, name


# ---- the backend's linker-script fragment (backend.toml `linker_fragment`, linker/README.md) ----

def _demo_config(tmp_path: Path, backend: str) -> Path:
    """The demo split over three compartments of `backend` (configs/demo/mpk3.toml, renamed)."""
    text = (ROOT / "configs" / "demo" / "mpk3.toml").read_text().replace('backend = "mpk"', f'backend = "{backend}"')
    path = tmp_path / f"demo-{backend}.toml"
    path.write_text(re.sub(r'(?m)^name = "demo-mpk3"', f'name = "demo-{backend}-fragment"', text, count=1))
    return path


@pytest.mark.fast
def test_the_backends_linker_fragment_is_rendered(tmp_path) -> None:
    """trace's fragment (tests/backends/trace/layout.ld.j2, found on the search path) fills the template's
    `after_compartments` hook with a symbol its runtime prints at exit; an image of a backend without a
    fragment has none of it, and vm's fragment, not the template, gives it its layout."""
    from bulkhead import config, image
    rendered = {}
    for name in ("trace", "none", "vm"):
        out = tmp_path / name
        out.mkdir()
        rendered[name] = image.linker_script(config.load(_demo_config(tmp_path, name)), out).read_text()
    assert "  __bh_trace_compartments = 3;\n" in rendered["trace"]
    assert "__bh_trace_compartments" not in rendered["none"] and "__bh_vm_shared_start" not in rendered["none"]
    assert "__bh_vm_shared_start" in rendered["vm"] and "__bh_trace_compartments" not in rendered["vm"]


@pytest.mark.fast
@pytest.mark.parametrize("fragment, line, said", [
    ("{# fine #}\n{% macro shared_stack() %}\n{% if %}\n{% endmacro %}\n", 3, "TemplateSyntaxError"),
    ("{# fine #}\n{% macro after_compartments() %}\n\n  x = {{ no_such_variable }};\n{% endmacro %}\n", 4,
     "'no_such_variable' is undefined"),
])
def test_a_broken_fragment_is_named_with_its_file_and_line(tmp_path, monkeypatch, fragment: str, line: int,
                                                           said: str) -> None:
    from bulkhead import config, image
    _write_backend(tmp_path / "backends" / "frag", 'description = "x"\nmax_compartments = 8\n'
                   'linker_fragment = "layout.ld.j2"\n')
    (tmp_path / "backends" / "frag" / "layout.ld.j2").write_text(fragment)
    monkeypatch.setenv("BULKHEAD_BACKEND_PATH", str(tmp_path / "backends"))
    cfg = config.load(_demo_config(tmp_path, "frag"))
    with pytest.raises(BulkheadError) as e:
        image.linker_script(cfg, tmp_path)
    assert f"frag/layout.ld.j2:{line}" in str(e.value) and said in str(e.value), str(e.value)


@pytest.mark.qemu
def test_a_copied_image_finds_its_runner(tmp_path) -> None:
    """An image says what it is itself (its "bulkhead" ELF note: backend, ABI version, compartments,
    machine, memory), not the folder it was built in: backend vm's image.elf copied alone, with no
    config.json beside it, still boots one machine per compartment on vm's runner, and the thief is
    still caught in its own machine."""
    res = bulkhead("build", str(ROOT / "configs" / "demo" / "vm2-exit.toml"))
    assert res.returncode == 0, res.stderr
    elf = Path(res.stdout.strip().splitlines()[-1])
    copy = tmp_path / "copied.elf"
    shutil.copy(elf, copy)
    desc = backends.image_description(copy, folder=False)
    assert desc["backend"] == "vm" and desc["abi"] == abi.ABI_VERSION and len(desc["compartments"]) == 2, desc
    run = bulkhead("run", str(copy), "--timeout", "120", "--consoles", str(tmp_path / "consoles"))
    assert f"stopping with exit status {abi.EXIT_ISOLATION_FAULT} " in run.stdout, run.stdout + run.stderr
    consoles = sorted(p.name for p in (tmp_path / "consoles").iterdir())
    assert len(consoles) == 2 and consoles[0].startswith("0-"), consoles   # one console per machine
    assert "thief: stole" not in run.stdout
