"""The checks after the link run on every build: the placement check runs on every `./bulkhead
build`, a cached image included, so a manifest that no longer matches the image stops the build (it
stopped only fresh links before, so a build that never called the check passed every test).
(`./bulkhead verify` on real images with injected bytes: tests/test_verify.py.)"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.fast

DEMO = ROOT / "configs" / "demo" / "mpk3.toml"


@pytest.fixture(scope="module")
def own_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """configs/demo/mpk3.toml under a name of its own, so its image folder is this module's alone."""
    cfg = tmp_path_factory.mktemp("cfg") / "postlink.toml"
    text = re.sub(r'(?m)^name = ".*"$', 'name = "test-post-link-checks"', DEMO.read_text(), count=1)
    cfg.write_text(text)
    return cfg


@pytest.fixture(scope="module")
def image(own_config: Path) -> Path:
    res = bulkhead("build", str(own_config))
    assert res.returncode == 0, res.stderr
    return Path(res.stdout.strip())


def test_cached_image_is_placement_checked(own_config: Path, image: Path) -> None:
    manifest = image.parent / "manifest.json"
    good = manifest.read_text()
    data = json.loads(good)
    sym = next(s for s in data["symbols"] if s["name"] == "vault_leak")
    sym["section"] = ".bh.c2.text"              # claim it belongs to the thief's compartment
    try:
        manifest.write_text(json.dumps(data))
        res = bulkhead("build", str(own_config))  # nothing changed that the link reads: cached
        assert res.returncode != 0, res.stdout + res.stderr
        assert re.search(r"vault_leak at 0x[0-9a-f]+ is in c1\.text, expected c2\.text", res.stderr), res.stderr
        assert "Traceback" not in res.stderr
    finally:
        manifest.write_text(good)
    res = bulkhead("build", str(own_config))
    assert res.returncode == 0 and "linking" not in res.stderr, res.stderr   # cached, and checked clean
