"""`./bulkhead audit-config IMAGE`: the review of what each compartment exposes, from the manifest."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

pytestmark = pytest.mark.qemu   # builds an image (no boot)


def _image(config: str) -> Path:
    res = bulkhead("build", str(ROOT / "configs" / config))
    assert res.returncode == 0, res.stderr
    return Path(res.stdout.strip())


def test_callbacks_review_names_entries_gates_and_callback_sites():
    res = bulkhead("audit-config", str(_image("callbacks/mpk3.toml")))
    assert res.returncode == 0, res.stderr
    text = res.stdout
    rank = text[text.index("compartment 2 'rank'"):]
    # a comparator of 'rank' handed to the sorter: entered through the sorter's gate, listed as a callback
    assert "    by_score\n      <- main (app) at apps/callbacks/app/main.c:46 via __bh_gate_c0_by_score" in rank
    assert "<- sort_records (sorter) at apps/callbacks/sorter/sorter.c:13 via __bh_gate_c1_by_score" in rank
    cb = rank[rank.index("callbacks that may enter it:"):]
    assert "by_score\n      <- main (app) at apps/callbacks/app/main.c:46\n      <- sort_records (sorter) at apps/callbacks/sorter/sorter.c:13" in cb
    assert "-> rank: by_score  (from sort_records)" in text[text.index("compartment 1 'sorter'"):]


def test_json_matches_the_manifest_gates():
    img = _image("callbacks/mpk3.toml")
    res = bulkhead("audit-config", str(img), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    manifest = json.loads((img.parent / "manifest.json").read_text())
    entries = sum(len(h) for c in data["compartments"] for h in c["entries"].values())
    assert entries == len(manifest["gates"]) > 0


def test_shared_globals_and_moved_locals_are_listed():
    text = bulkhead("audit-config", str(_image("stackshare/mpk2-private.toml"))).stdout
    assert "locals moved to shared memory:" in text
    assert "main: buf, 40 bytes, dss: passed to 'lib_fill' in compartment 1 at apps/stackshare/app/main.c:25" in text


def test_a_local_kept_past_its_call_says_why():
    """[threads] dss = "owner" parks only compartments whose moved locals are all lent: the review says
    which are kept and why (apps/handoff's main hands a struct to pthread_create, which keeps it)."""
    text = bulkhead("audit-config", str(_image("handoff/mpk3-private.toml"))).stdout
    app = text[text.index("compartment 0 'app'"):text.index("compartment 1 'threads'")]
    assert "kept past the call (passed to 'pthread_create', which keeps argument 3" in app, app


def test_no_manifest_is_a_clear_error(tmp_path: Path):
    res = bulkhead("audit-config", str(tmp_path / "image.elf"))
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "no manifest next to the image" in res.stderr


def test_exports_calls_and_shares_are_listed(tmp_path: Path):
    """What the configuration declares: each component's exports (component.toml), each compartment's
    calls and shares; and what it leaves undeclared, said as such."""
    cfg = tmp_path / "calls.toml"
    cfg.write_text((ROOT / "tests/configs/smuggle/named-declared-shares.toml").read_text()
                   .replace('name = "smuggle-named-declared-shares"', 'name = "auditconfig-calls"')
                   .replace('components = ["kernel", "app", "named"]',
                            'components = ["kernel", "app", "named"]\ncalls = ["vault", "books"]')
                   .replace('components = ["vault"]', 'components = ["vault"]\ncalls = []'))
    res = bulkhead("build", str(cfg))
    assert res.returncode == 0, res.stderr
    text = bulkhead("audit-config", res.stdout.strip()).stdout
    core = text[text.index("compartment 0 'core'"):text.index("compartment 1 'vault'")]
    vault = text[text.index("compartment 1 'vault'"):text.index("compartment 2 'books'")]
    books = text[text.index("compartment 2 'books'"):]
    assert "  exports of kernel (kernel/component.toml): " in core and "bh_dss_switch" in core
    assert "  exports of named: not declared" in core
    assert "  may call: vault, books\n" in core
    assert "  exports of vault (apps/smuggle/vault/component.toml): 1: vault_sum\n" in vault
    assert "  may call: no other compartment (calls = [])\n" in vault
    assert "  may call: any compartment (calls not declared)\n" in books
    assert "  shares (declared): ledger.c:ledger_total\n" in books
