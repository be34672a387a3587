"""The post-link placement check catches a symbol outside its compartment's regions."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import check, config  # noqa: E402
from bulkhead.diag import BulkheadError  # noqa: E402

pytestmark = pytest.mark.fast


CFG = ROOT / "configs" / "demo" / "mpk3.toml"


@pytest.fixture(scope="module")
def image() -> Path:
    res = bulkhead("build", str(CFG))
    assert res.returncode == 0, res.stderr
    return Path(res.stdout.strip())


def test_placement_of_the_real_image_passes(image: Path) -> None:
    n = check.placement(image, image.parent / "manifest.json", config.load(CFG))
    assert n > 20


def test_misplaced_symbol_is_caught(image: Path, tmp_path: Path) -> None:
    manifest = json.loads((image.parent / "manifest.json").read_text())
    victim = next(s for s in manifest["symbols"] if s["name"] == "vault_leak")
    victim["section"] = ".bh.c2.text"          # claim it belongs to the thief's compartment
    bad = tmp_path / "manifest.json"
    bad.write_text(json.dumps(manifest))
    with pytest.raises(BulkheadError, match=r"vault_leak at 0x[0-9a-f]+ is in c1\.text, expected c2\.text"):
        check.placement(image, bad, config.load(CFG))


def test_missing_manifest_is_an_error(image: Path, tmp_path: Path) -> None:
    with pytest.raises(BulkheadError, match="wrote no manifest"):
        check.placement(image, tmp_path / "nope.json", config.load(CFG))
