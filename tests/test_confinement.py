"""Least privilege at link time (issue 14 items 1 and 2), through ./bulkhead with apps/smuggle
(tests/configs/smuggle/): a component that is not a system component may not place code or data in a
.bh.* section by attribute, nor name another compartment's functions or globals in its assembly; a
component that declares exports (the vault, the kernel) is called and referenced only through them;
a compartment with calls = [...] calls only those.  Each stops the link with the file and line; the
kernel's internals stay out of reach under every backend.  The same app without a smuggler builds and
runs, so each refusal is the smuggler's alone.  The pass's own cases:
passes/test/partition/confine-*.ll, exports-refused.ll."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, bulkhead

pytestmark = pytest.mark.qemu

CONFIGS = ROOT / "tests" / "configs" / "smuggle"


def test_without_a_smuggler_it_builds_and_runs() -> None:
    res = bulkhead("run", str(CONFIGS / "none.toml"), "--timeout", "60")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "smuggle: vault sum 1031" in res.stdout and "smuggle: smuggled nothing" in res.stdout


def _refused(name: str) -> str:
    res = bulkhead("build", str(CONFIGS / f"{name}.toml"))
    assert res.returncode != 0, f"the {name} smuggler was linked:\n{res.stdout}{res.stderr}"
    assert "Traceback" not in res.stderr
    return res.stderr


def test_assembly_naming_another_compartment_is_refused() -> None:
    err = _refused("asmref")
    for line, sym in ((9, "vault_secret"), (11, "vault_reveal")):
        assert (f"function 'smuggle' (apps/smuggle/asmref/asmref.c:{line}) of component 'asmref' "
                f"(compartment core) names '{sym}' of compartment vault in inline assembly") in err, err
    assert "reach it from C" in err


def test_bh_sections_by_attribute_are_refused() -> None:
    err = _refused("gatesec")
    assert ("function 'smuggle' (apps/smuggle/gatesec/gatesec.c:8) of component 'gatesec' is placed in "
            "section '.bh.gates' by attribute: only system components (backend-mpk, kernel)") in err, err
    assert ("global 'gatesec_drop' (apps/smuggle/gatesec/gatesec.c:6) of component 'gatesec' is placed in "
            "section '.bh.shared.data' by attribute") in err, err
    assert "remove the section attribute" in err
    # the refusal is in the manifest the failed link leaves
    m = json.loads((ROOT / "build" / "images" / "smuggle-gatesec" / "manifest.json").read_text())
    assert any("'.bh.gates' by attribute" in e for e in m["errors"])


def test_unexported_call_and_global_are_refused() -> None:
    err = _refused("direct")
    assert ("global 'vault_secret' of component 'vault' is not exported (exports in "
            "apps/smuggle/vault/component.toml), but 'smuggle' (apps/smuggle/direct/direct.c:14) of "
            "compartment core references it") in err, err
    assert ("cannot gate the call from 'smuggle' to 'vault_reveal' (apps/smuggle/direct/direct.c:13): "
            "'vault_reveal' is not exported by component 'vault'") in err, err


def test_a_call_along_a_forbidden_edge_is_refused() -> None:
    err = _refused("calls")
    assert ("cannot gate the call from 'main' to 'vault_sum' (apps/smuggle/app/main.c:8): compartment core "
            "may not call compartment vault (its calls = []): add 'vault' to calls of compartment core") in err, err


@pytest.mark.parametrize("backend", ["none", "mpk", "vm"])
def test_kernel_internals_are_out_of_reach_under_every_backend(tmp_path: Path, backend: str) -> None:
    cfg = tmp_path / f"kapi-{backend}.toml"
    cfg.write_text((CONFIGS / "kapi.toml").read_text().replace('backend = "mpk"', f'backend = "{backend}"')
                   .replace('name = "smuggle-kapi"', f'name = "smuggle-kapi-{backend}"'))
    res = bulkhead("build", str(cfg))
    assert res.returncode != 0, res.stdout + res.stderr
    assert ("cannot gate the call from 'smuggle' to 'bh_paging_rekey' (apps/smuggle/kapi/kapi.c:12): "
            "'bh_paging_rekey' is not exported by component 'kernel' (exports in kernel/component.toml)"
            ) in res.stderr, res.stderr


def _smuggled(name: str) -> str:
    res = bulkhead("run", str(CONFIGS / f"{name}.toml"), "--timeout", "60")
    assert res.returncode == 0, res.stdout + res.stderr
    return next(l for l in res.stdout.splitlines() if l.startswith("smuggle: smuggled"))


def test_a_named_global_is_shared_under_the_default_policy() -> None:
    # documented: a component that declares no exports has its globals shared when another names them
    assert _smuggled("named-share") == "smuggle: smuggled ledger 42"
    m = json.loads((ROOT / "build" / "images" / "smuggle-named-share" / "manifest.json").read_text())
    assert [g["name"] for g in m["shared_globals"]] == ["ledger_total"]


def test_a_named_global_is_refused_under_declared_sharing_until_declared() -> None:
    err = _refused("named-declared")
    assert ("global 'ledger.c:ledger_total' (apps/smuggle/ledger/ledger.c:4) of compartment books is used by "
            "'smuggle' (apps/smuggle/named/named.c:10) of compartment core, and policies.shared_globals = "
            "\"declared\" shares only what the configuration names: add shares = [\"ledger.c:ledger_total\"] "
            "to compartment books") in err, err
    assert _smuggled("named-declared-shares") == "smuggle: smuggled ledger 42"


@pytest.mark.parametrize("backend", ["none", "mpk", "vm"])
def test_direct_call_and_named_global_refused_when_declared_possible_by_default(tmp_path: Path, backend: str) -> None:
    """Issue 14's "direct call" and "named global", under every backend: with the vault's exports declared
    the link refuses both; with no declaration (the default, documented in docs/design.md 4b) the same
    source links and runs, and the smuggler gets the secret's first byte through both."""
    apps = tmp_path / "apps"
    shutil.copytree(ROOT / "apps" / "smuggle", apps / "smuggle")
    cfg = tmp_path / "direct.toml"
    cfg.write_text((CONFIGS / "direct.toml").read_text().replace('backend = "mpk"', f'backend = "{backend}"')
                   .replace('name = "smuggle-direct"', f'name = "smuggle-direct-{backend}"'))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["/usr/bin/python3", str(BULKHEAD), *args], capture_output=True, text=True, cwd=ROOT,
                              timeout=900, env=dict(os.environ, BULKHEAD_APPS=str(apps)))

    declared = run("build", str(cfg))
    assert declared.returncode != 0, declared.stdout + declared.stderr
    assert "cannot gate the call from 'smuggle' to 'vault_reveal'" in declared.stderr, declared.stderr
    assert "global 'vault_secret' of component 'vault' is not exported" in declared.stderr, declared.stderr
    vault = apps / "smuggle" / "vault" / "component.toml"
    vault.write_text("\n".join(l for l in vault.read_text().splitlines() if not l.startswith("exports")) + "\n")
    default = run("run", str(cfg), "--timeout", "90")
    assert default.returncode == 0, default.stdout + default.stderr
    assert "smuggle: smuggled S\n" in default.stdout, default.stdout
