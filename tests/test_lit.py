"""The pass's lit + FileCheck tests (passes/test): one lit run over the whole suite, in parallel,
against a freshly built plugin; failures are reported per test file."""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "passes" / "test" / "tools"))
from bulkhead import toolchain  # noqa: E402
from bulkhead.diag import BulkheadError  # noqa: E402
import with_gates  # noqa: E402

pytestmark = pytest.mark.fast


LIT = str(toolchain.LIT)
SUITE = ROOT / "passes" / "test"
TESTS = sorted(p for p in SUITE.rglob("*.ll") if not {"Inputs", "Output", "tools"} & set(p.relative_to(SUITE).parts))


def test_there_are_enough_lit_tests() -> None:
    assert len(TESTS) >= 15, f"only {len(TESTS)} lit tests"


def test_lit_suite(tmp_path: Path) -> None:
    """Every lit test passes, run against the plugin of this checkout (rebuilt first: incremental)."""
    try:
        plugin = toolchain.build_plugin()
    except BulkheadError as e:
        pytest.fail(f"the pass plugin does not build:\n{e}")
    xml = tmp_path / "lit.xml"
    jobs = str(os.cpu_count() or 1)
    res = subprocess.run(["/usr/bin/python3", LIT, "-q", "-j", jobs, f"--param=plugin={plugin}",
                          f"--xunit-xml-output={xml}", str(SUITE)], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    assert xml.is_file(), f"lit wrote no report (status {res.returncode}):\n{res.stdout[-3000:]}{res.stderr[-3000:]}"
    cases = ET.parse(xml).getroot().iter("testcase")
    failed = {}
    ran = 0
    for case in cases:
        ran += 1
        fail = case.find("failure")
        if fail is not None:
            # classname "<suite>.<folder>", "<suite>.<suite>" at the top (lit/reports.py)
            suite, _, folder = case.get("classname", "").partition(".")
            name = "passes/test/" + ("" if folder in ("", suite) else folder + "/") + case.get("name", "?")
            out = fail.text or ""
            errors = [l for l in out.splitlines() if "error:" in l][:8]
            failed[name] = "\n".join(errors) + "\n...\n" + out[-1500:]
    if failed:
        report = "\n\n".join(f"FAILED {name}:\n{out}" for name, out in sorted(failed.items()))
        pytest.fail(f"{len(failed)} of {ran} lit tests failed: {', '.join(sorted(failed))}\n\n{report}", pytrace=False)
    assert ran == len(TESTS), f"lit ran {ran} tests, passes/test holds {len(TESTS)}:\n{res.stdout[-3000:]}"
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]


def _gate_templates(test: Path) -> list[str]:
    """The strings of a test's configuration that are (copies of, or references to) gate templates."""
    try:
        _, config = with_gates.find_config(test.read_text(), str(test))
    except with_gates.Error:
        return []              # no configuration, or malformed on purpose (malformed-config.ll)
    t = config.get("gate_template")
    return [t] if isinstance(t, str) else []


@pytest.mark.parametrize("test", TESTS, ids=[str(t.relative_to(SUITE)) for t in TESTS])
def test_gates_come_from_gates_folder(test: Path) -> None:
    """No lit test embeds a copy of a real gate (it would go stale); a named one is instantiated."""
    for t in _gate_templates(test):
        assert "wrpkru" not in t.lower(), (
            f"{test.relative_to(ROOT)} embeds a copy of a gate template: name the real one instead, "
            '"gate_template": "@gates/<backend>/<file>", and run the test through `RUN: %with-gates %s > %t.ll` '
            "(passes/test/README.md)")
        if t.startswith("@"):
            assert "%with-gates %s" in test.read_text(), (
                f"{test.relative_to(ROOT)} names {t[1:]} but never instantiates it: "
                "add `RUN: %with-gates %s > %t.ll` and run the other RUN lines on %t.ll")
