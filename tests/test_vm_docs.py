"""Backend vm without booting: the facts the pass reads, and the README's numbers (issue 14)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

pytestmark = pytest.mark.fast


def test_readme_numbers_are_the_benchmarks_output():
    """gates/vm/README.md's gate-latency table is rendered from the benchmark's CSV, never typed."""
    sys.path.insert(0, str(ROOT / "benchmarks" / "gate-latency"))
    import vmtable
    readme = vmtable.README.read_text()
    table = vmtable.render(vmtable.rows(), vmtable.rows(vmtable.BEFORE))
    assert vmtable.current(readme) == table, "run benchmarks/gate-latency/vmtable.py --write"
    vm_rows = [r for r in vmtable.rows() if r["backend"] == "vm"]
    assert len(vm_rows) == 2 and all(f"| {r['config']} | {float(r['gate_round_trip_instr']):.0f} (" in table
                                     for r in vm_rows)
    check = subprocess.run([sys.executable, str(ROOT / "benchmarks/gate-latency/vmtable.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("cfg,facts,templates", [
    ("configs/demo/vm3-exit.toml", [(True, False)] * 3, [None] * 3),
    # light: the kernel's compartment (the first) keeps a private stack, gate slots and the private gate
    # (gates/mpk/backend.toml [kernel_options], docs/design.md 7c)
    ("configs/demo/mpk2.toml", [(True, True), (False, False)], ["gate-private.S.tmpl", None]),
    ("configs/gatebench/mpk2-private.toml", [(True, True)] * 2, [None] * 2)])
def test_backend_neutral_stack_facts(cfg, facts, templates):
    """The pass never reads a backend's option names: the driver writes each compartment's facts
    (backend.toml [facts], [facts_by_option], [kernel_options]) into the configuration JSON, and the
    template of a compartment whose template differs from the image's."""
    from bulkhead import config
    data = config.load(ROOT / cfg).to_json()
    assert [(c["dss"], c["gate_slots"]) for c in data["compartments"]] == facts
    own = [c.get("gate_template") for c in data["compartments"]]
    private = (ROOT / "gates" / "mpk" / "gate-private.S.tmpl").read_text()
    assert own == [private if t else None for t in templates]


def test_a_bad_fact_is_named(tmp_path, monkeypatch):
    from bulkhead import backends, paths
    from bulkhead.diag import BulkheadError
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "backend.toml").write_text('description = "x"\n[facts]\ndss = "yes"\nstacks = true\n')
    monkeypatch.setattr(paths, "GATES_DIR", tmp_path)
    with pytest.raises(BulkheadError) as e:
        backends.load("odd")
    assert "dss, stacks" in str(e.value) and "backend.toml" in str(e.value.location if hasattr(e.value, "location") else e.value)
