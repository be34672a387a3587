"""The attack table (tests/attack_table.py) against the tree: every attack has its component and a
configuration per mode, every attack component is in the table, and the documentation generated from
the table (docs/attacks.md, README.md's summary) is what the table says today."""
from __future__ import annotations

import tomllib

import pytest

import attack_table as T
from conftest import ROOT

pytestmark = pytest.mark.fast


def test_at_least_35_distinct_attacks() -> None:
    names = [a.name for a in T.ATTACKS]
    assert len(names) == len(set(names)) and len(names) >= 35, names
    assert all(a.modes for a in T.ATTACKS)
    assert all(set(a.modes) <= set(T.MODES) for a in T.ATTACKS)


def test_every_cell_has_its_configuration_and_component() -> None:
    optional = set(tomllib.loads((ROOT / "apps/attacks/app.toml").read_text())["optional"])
    for a, mode, _ in T.cells():
        cfg = ROOT / "configs" / "attacks" / f"{a.config_stem(mode)}.toml"
        assert cfg.is_file(), cfg
        comps = [c for comp in tomllib.loads(cfg.read_text())["compartment"] for c in comp["components"]
                 if c.startswith("attack_")]
        assert comps == ["attack_" + a.name.split("-")[0]], (cfg, comps)
        assert comps[0] in optional and (ROOT / "apps/attacks" / comps[0]).is_dir(), comps
        backends = {comp["backend"] for comp in tomllib.loads(cfg.read_text())["compartment"]}
        assert backends == {"vm" if mode == "vm" else "mpk"}, cfg


def test_every_attack_component_is_in_the_table() -> None:
    in_table = {"attack_" + a.name.split("-")[0] for a in T.ATTACKS}
    on_disk = {p.name for p in (ROOT / "apps/attacks").glob("attack_*") if p.is_dir()}
    assert on_disk == in_table, on_disk ^ in_table


def test_open_cells_are_the_xfail_ones() -> None:
    """Only `open` cells are expected to fail; they assert any kernel stop, as containment will look."""
    from test_attacks import CONTAINED_CELLS, WEAK_CELLS
    for p in CONTAINED_CELLS + WEAK_CELLS:
        _attack, _mode, outcome = p.values
        xfail = [m for m in p.marks if m.name == "xfail"]
        assert bool(xfail) == (outcome.kind == T.OPEN), p.id
        if xfail:
            assert xfail[0].kwargs == {"strict": True, "reason": T.OPEN_REASON, "raises": AssertionError}
            assert outcome.status and set(outcome.status) <= set(T.KERNEL_STATUSES)


def test_documentation_is_generated_from_the_table() -> None:
    for path, text in T.expected_files(ROOT).items():
        assert path.read_text() == text, f"{path} is stale: run python3 tests/attack_table.py --write"


def test_declared_cells_have_declared_configurations() -> None:
    """Issue 14's policy axis: each declared cell's configuration is its default one with calls for every
    compartment and shared_globals = "declared", under its own image name; every component of the app
    it links has its exports."""
    assert T.policy_cells() and {m for _a, m, _o in T.policy_cells()} <= set(T.DECLARED_MODES)
    for a, mode, _ in T.policy_cells():
        default = tomllib.loads((ROOT / "configs" / "attacks" / f"{a.config_stem(mode)}.toml").read_text())
        cfg = tomllib.loads(T.declared_config((ROOT / "configs" / "attacks" / f"{a.config_stem(mode)}.toml").read_text()))
        assert cfg["name"] == default["name"] + "-declared" and cfg["policies"]["shared_globals"] == "declared"
        assert [c["calls"] for c in cfg["compartment"]] == [T.DECLARED_CALLS[c["name"]] for c in cfg["compartment"]]
        assert all(T.declared_exports(n) for c in cfg["compartment"] for n in c["components"] if n != "kernel")
