"""Each guest exit status has one meaning (abi/abi.toml, docs/design.md section 6): small apps of the
test's own (BULKHEAD_APPS) end in the statuses no other test reaches, each with its own number and the
words abi.toml gives it.  (Isolation faults, gate, indirect-call and order violations, longjmps and
no-PKU: test_demo.py, test_attacks.py, test_unchanged.py.)"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, abi

pytestmark = pytest.mark.qemu

APPS = {
    # a read of an unmapped page (page 1: the kernel maps nothing below the image): no key involved
    "stray": (abi.EXIT_STRAY_ACCESS, "access to an unmapped page on read", [], """
#include <stdint.h>
int main(void) { return *(volatile int *)(uintptr_t)0x1000; }
"""),
    "heapmisuse": (abi.EXIT_HEAP_MISUSE, "bulkhead: heap", [], """
#include <bulkhead/heap.h>
int main(void) { int on_stack = 0; bh_free(&on_stack); return on_stack; }
"""),
    "exception": (abi.EXIT_EXCEPTION, "invalid opcode (#UD)", [], """
int main(void) { __builtin_trap(); }
"""),
    "threadexit": (abi.EXIT_THREAD_MISUSE, "thread 0 (main's) called bh_thread_exit", ["sched"], """
#include <bhthread.h>
int main(void) { bh_thread_exit(); }
"""),
}


@pytest.mark.parametrize("app", sorted(APPS))
def test_status_has_its_own_number_and_words(tmp_path: Path, app: str) -> None:
    status, message, libs, source = APPS[app]
    apps = tmp_path / "apps"
    (apps / app / "app").mkdir(parents=True)
    (apps / app / "app" / "main.c").write_text(source)
    (apps / app / "app.toml").write_text(f"libs = {libs!r}\n".replace("'", '"'))
    cfg = tmp_path / f"{app}.toml"
    comps = ", ".join(f'"{c}"' for c in ["kernel", "app", *libs])
    cfg.write_text(f'name = "test-exit-{app}"\napp = "{app}"\n\n[[compartment]]\nname = "main"\nbackend = "none"\n'
                   f"components = [{comps}]\n")
    res = subprocess.run(["/usr/bin/python3", str(BULKHEAD), "run", str(cfg), "--timeout", "60"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600, env=dict(os.environ, BULKHEAD_APPS=str(apps)))
    assert res.returncode == status, res.stdout + res.stderr
    assert message in res.stdout, res.stdout
    assert f"bulkhead: guest exit status {status} ({abi.EXIT_WHAT[status]})" in res.stderr + res.stdout

