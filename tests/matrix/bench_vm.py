#!/usr/bin/python3
"""The benchmark of tests/test_matrix_vm.py: boot a backend-vm IMAGE of the callbacks app the way the
matrix asks (the wake mode comes from $BULKHEAD_VM_WAKE, which ./bulkhead matrix sets per configuration)
and print what shows the mode the machines really ran in: the doorbell interrupts they took (exit mode
rings doorbells; poll mode never does) and the program's own results.

    bench_vm.py IMAGE
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import backends  # noqa: E402

vm = backends.runner("vm")      # the backend's host runner, gates/vm/host.py

res = vm.run(Path(sys.argv[1]), timeout=120, echo=False, icount=True)
folds = re.search(r"callbacks: folds (-?\d+) (-?\d+)", res.output)
print(f"guest_status {res.status}")
stats = res.extra.get("stats", [])
print(f"metric machines {len(stats)}")
print(f"metric doorbells {sum(s.wakeups for s in stats)}")
print(f"metric calls {sum(s.calls_made for s in stats)}")
if folds:
    print(f"metric fold_count {folds.group(1)}")
    print(f"metric fold_sum {folds.group(2)}")
if res.status != 0 or not folds:
    sys.exit(f"bench_vm: guest status {res.status}\n{res.output[-2000:]}")
