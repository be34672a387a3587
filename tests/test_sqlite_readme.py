"""benchmarks/sqlite/README.md's table is what run.py renders from results/sqlite.csv: numbers in docs
come from the benchmark's own output file (`benchmarks/sqlite/run.py --readme` rewrites it)."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT

pytestmark = pytest.mark.fast


def test_readme_table_is_the_csv() -> None:
    spec = importlib.util.spec_from_file_location("sqlite_run", ROOT / "benchmarks" / "sqlite" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    text = (ROOT / "benchmarks" / "sqlite" / "README.md").read_text()
    table = text.split(run.BEGIN, 1)[1].split(run.END, 1)[0].strip()
    assert table == run.readme_table(), "run benchmarks/sqlite/run.py --readme"
