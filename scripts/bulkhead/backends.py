"""Backends are folders under gates/: each has a backend.toml describing it."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .diag import BulkheadError, Location

BACKEND_KEYS = {"description", "max_compartments", "requires_pku", "keys", "gate_template", "options",
                "gate_template_by_option", "facts", "facts_by_option"}
# Per-compartment facts the pass reads from the configuration JSON (docs/design.md section 2), so that
# it never needs to know a backend's option names.  Default: false.
#   dss: the compartment's stack is private (no other compartment can read it), so a local whose
#        address leaves the compartment moves to its data shadow stack in the shared memory, and
#        marshalling blocks live there too (bulkhead-dss, bulkhead-partition).
#   gate_slots: its gate keeps per-thread slots __bh_c<i>_sp/_wait (mpk's private-stack gate): the
#        longjmp check reads where the stack resumes from them.
FACTS = ("dss", "gate_slots")


@dataclass(frozen=True)
class Backend:
    name: str
    folder: Path
    description: str
    max_compartments: int
    requires_pku: bool
    keys: bool
    gate_template: str | None          # template text, None: crossings stay plain calls
    options: dict[str, list[str]] = field(default_factory=dict)  # option -> allowed values (first = default)
    # option -> value -> template text: an option that changes the gate (e.g. mpk's stack mode)
    templates_by_option: dict[str, dict[str, str]] = field(default_factory=dict)
    facts: dict[str, bool] = field(default_factory=dict)   # FACTS for every compartment
    # option -> value -> facts that hold for a compartment with that option value (override `facts`)
    facts_by_option: dict[str, dict[str, dict[str, bool]]] = field(default_factory=dict)

    def template_for(self, options: dict[str, str]) -> str | None:
        """The gate template for compartments with these (image-wide) option values."""
        for opt, by_value in self.templates_by_option.items():
            if options.get(opt) in by_value:
                return by_value[options[opt]]
        return self.gate_template

    def facts_for(self, options: dict[str, str]) -> dict[str, bool]:
        """The FACTS of a compartment with these option values (defaults filled in)."""
        out = {f: bool(self.facts.get(f, False)) for f in FACTS}
        for opt, by_value in self.facts_by_option.items():
            out.update(by_value.get(options.get(opt, self.options.get(opt, [None])[0]), {}))
        return out


def available() -> list[str]:
    return sorted(p.parent.name for p in paths.GATES_DIR.glob("*/backend.toml"))


def load(name: str) -> Backend:
    folder = paths.GATES_DIR / name
    desc_path = folder / "backend.toml"
    if not desc_path.is_file():
        raise BulkheadError(f"unknown backend '{name}'",
                            hint=f"available backends: {', '.join(available())}")
    try:
        desc = tomllib.loads(desc_path.read_text())
    except tomllib.TOMLDecodeError as e:
        raise BulkheadError(f"malformed backend description: {e}", Location(desc_path)) from e
    unknown = set(desc) - BACKEND_KEYS
    if unknown:
        raise BulkheadError(f"unknown key(s) {sorted(unknown)}", Location(desc_path))
    template = None
    if desc.get("gate_template"):
        template = (folder / desc["gate_template"]).read_text()
    by_option = {opt: {val: (folder / f).read_text() for val, f in vals.items()}
                 for opt, vals in desc.get("gate_template_by_option", {}).items()}
    facts = desc.get("facts", {})
    facts_by_option = desc.get("facts_by_option", {})
    for where, table in [("facts", facts)] + [(f"facts_by_option.{o}.{v}", t) for o, vs in facts_by_option.items()
                                              for v, t in vs.items()]:
        bad = [k for k, v in table.items() if k not in FACTS or not isinstance(v, bool)]
        if bad:
            raise BulkheadError(f"[{where}]: {', '.join(bad)}: facts are {', '.join(FACTS)}, each true or false",
                                Location(desc_path))
    return Backend(
        name=name, folder=folder,
        description=desc.get("description", ""),
        max_compartments=int(desc.get("max_compartments", 1)),
        requires_pku=bool(desc.get("requires_pku", False)),
        keys=bool(desc.get("keys", False)),
        gate_template=template,
        options={k: list(v) for k, v in desc.get("options", {}).items()},
        templates_by_option=by_option,
        facts={k: bool(v) for k, v in facts.items()},
        facts_by_option=facts_by_option,
    )
