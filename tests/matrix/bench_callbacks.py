#!/usr/bin/python3
"""The benchmark of tests/test_matrix.py's small matrix (the callbacks app): boot IMAGE under
-icount, print `metric` lines for ./bulkhead matrix (docs/matrix.md): the kernel's boot instructions
and the program's own results, which every configuration must print alike.

    bench_callbacks.py IMAGE NAME
With BULKHEAD_TEST_FAIL_ONCE=DIR, the first run of each configuration listed in DIR/fail (one name a
line) exits 3 before booting, and notes it in DIR/failed: the test's way to make a run fail once.
"""
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import qemu  # noqa: E402

image, name = Path(sys.argv[1]), sys.argv[2]
fail_dir = os.environ.get("BULKHEAD_TEST_FAIL_ONCE")
if fail_dir:
    d = Path(fail_dir)
    listed = (d / "fail").read_text().split() if (d / "fail").is_file() else []
    failed = (d / "failed").read_text().split() if (d / "failed").is_file() else []
    if name in listed and name not in failed:
        with open(d / "failed", "a") as f:
            f.write(name + "\n")
        sys.exit("bench_callbacks: failing this run once, as the test asked")
res = qemu.run(image, timeout=60, echo=False, icount=True)
boot = re.search(r"ready at tsc \d+: (\d+) in the kernel", res.output)
folds = re.search(r"callbacks: folds (-?\d+) (-?\d+)", res.output)
print(f"guest_status {res.status}")
if boot:
    print(f"metric boot_instructions {boot.group(1)} instructions")
if folds:
    print(f"metric fold_count {folds.group(1)}")
    print(f"metric fold_sum {folds.group(2)}")
if res.status != 0 or not folds:
    sys.exit(f"bench_callbacks: guest status {res.status}\n{res.output[-2000:]}")
