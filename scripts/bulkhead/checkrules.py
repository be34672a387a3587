"""The binary check's vocabulary (backend.toml [check], scripts/bulkhead/verify.py): the encoding classes,
the places they may be, and a backend's rules.  Its own module, with nothing but the standard library,
so that `./bulkhead check` (which loads backend descriptions) runs on a bare machine."""
from __future__ import annotations

import re
from dataclasses import dataclass

# The encoding classes a backend's [check] names (class -> what a finding says, the pattern).
# WRPKRU 0F 01 EF; XRSTOR/XRSTOR64 0F AE /5 with a memory operand; XRSTORS 0F C7 /3 with a memory operand;
CLASSES: dict[str, tuple[str, re.Pattern[bytes]]] = {
    "wrpkru": ("wrpkru", re.compile(rb"\x0f\x01\xef", re.S)),
    "xrstor": ("xrstor", re.compile(rb"\x0f\xae(?=[\x28-\x2f\x68-\x6f\xa8-\xaf])", re.S)),
    "xrstors": ("xrstors", re.compile(rb"\x0f\xc7(?=[\x18-\x1f\x58-\x5f\x98-\x9f])", re.S)),
    # WRFSBASE/WRGSBASE: F3 [REX] 0F AE /2 or /3 with a register operand.  The GS base is the current
    # thread, which indexes the private-stack gates' slots: only the scheduler's switch may write it.
    "wrfsbase": ("wrfsbase/wrgsbase", re.compile(rb"\xf3[\x40-\x4f]?\x0f\xae[\xd0-\xdf]", re.S)),
}
PATTERNS = list(CLASSES.values())
# Where a class may be (backend.toml [check] <class> = a place or a list of them):
#   gates: the `.bh.gates` section (the pass's gate stubs, the backend's domain-switch routines);
#   kernel-entry: `.bh.mtext`, the kernel's ring-0 entry and exit code (trap.S, the backend's trap domain
#                 switches; supervisor pages where compartments run in ring 3);
#   anywhere: not scanned for; nowhere: a finding wherever it is (alone, or the empty list).
PLACES = ("gates", "kernel-entry", "anywhere", "nowhere")
DEFAULT_PLACES = ("gates", "kernel-entry")
# [check] privileged: what privileged-instruction encodings in the text of a compartment other than the
# kernel's are: "finding" (reported; `verify --strict` fails on them) or "error" (verify and the build fail).
PRIVILEGED_VERDICTS = ("finding", "error")


@dataclass(frozen=True)
class Rules:
    """A backend's binary-check rules (backend.toml [check], scripts/bulkhead/backends.py check_rules)."""
    allowed: dict[str, tuple[str, ...]]   # class -> places (CLASSES, PLACES)
    privileged: str = "finding"           # PRIVILEGED_VERDICTS
    build: bool = True                    # the build's post-link check scans (else W^X only)
    backend: str | None = None            # whose rules (for messages)


def default_rules(ring3: bool = False, keys: bool = True, backend: str | None = None) -> Rules:
    """What a backend's [check] leaves out: every class in the gates and the kernel's entry code, XRSTORS
    (CPL 0 only) anywhere where compartments run in ring 3, privileged encodings findings, and the build
    scans only with protection keys (without them CR4.PKE is off and a stray WRPKRU is only a #UD)."""
    allowed = {c: DEFAULT_PLACES for c in CLASSES}
    if ring3:
        allowed["xrstors"] = ("anywhere",)
    return Rules(allowed=allowed, privileged="finding", build=keys, backend=backend)


# Privileged instructions (ring 0 only), multi-byte encodings a byte scan can see: in the text of a
# compartment other than the kernel's they are a second line of defence's finding (reported by
# `verify`; `verify --strict` fails on them).  One-byte opcodes (IN/OUT, CLI, HLT) are not scanned:
# they occur by chance in almost any code.
PRIVILEGED = [
    ("mov to/from CR", re.compile(rb"\x0f[\x20\x22](?=[\xc0-\xff])", re.S)),
    ("mov to/from DR", re.compile(rb"\x0f[\x21\x23](?=[\xc0-\xff])", re.S)),
    ("lgdt/lidt", re.compile(rb"\x0f\x01(?=[\x10-\x1f\x50-\x5f\x90-\x9f])", re.S)),
    ("invlpg", re.compile(rb"\x0f\x01(?=[\x38-\x3f\x78-\x7f\xb8-\xbf])", re.S)),
    ("lldt/ltr", re.compile(rb"\x0f\x00(?=[\x10-\x1f\x50-\x5f\x90-\x9f\xd0-\xdf])", re.S)),
    ("wrmsr/rdmsr", re.compile(rb"\x0f[\x30\x32]", re.S)),
    ("xsetbv", re.compile(rb"\x0f\x01\xd1", re.S)),
    ("swapgs", re.compile(rb"\x0f\x01\xf8", re.S)),
    ("clts/invd/wbinvd", re.compile(rb"\x0f[\x06\x08\x09]", re.S)),
]
