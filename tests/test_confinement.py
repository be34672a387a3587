"""No escape from placement (issue 14 item 2): a component that is not a system component may not
place code or data in a .bh.* section by attribute, nor name another compartment's functions or
globals in its assembly.  Both stop the link with the file and line (apps/smuggle,
tests/configs/smuggle/); the same app without a smuggler builds and runs, so the refusal is the
smuggler's alone.  The pass's own cases: passes/test/partition/confine-*.ll."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, bulkhead

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
