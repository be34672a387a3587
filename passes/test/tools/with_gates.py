#!/usr/bin/python3
"""Instantiate the real gate templates into a lit test's configuration.

  with_gates.py TEST.ll > OUT.ll      (lit: `%with-gates %s > %t.ll`)

A test names a template by its path in the repository instead of embedding a copy of it: any string
of its `!bulkhead.config` JSON that reads "@gates/<backend>/<file>" (or "@tests/backends/...") is
replaced by that file's text, exactly as ./bulkhead puts the template into config.bc.  Everything
else of the test is copied unchanged, so its CHECK lines follow every change of the real template.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PREFIXES = ("gates/", "tests/backends/")
CONFIG_REF = re.compile(r"^!bulkhead\.config = !\{(![0-9]+)\}\s*$", re.M)


class Error(Exception):
    pass


def ir_unescape(s: str) -> str:
    """An LLVM IR string literal's body (\\XX hex escapes, \\\\) -> text."""
    out = bytearray()
    i = 0
    while i < len(s):
        if s[i] == "\\":
            if s[i + 1] == "\\":
                out.append(0x5C)
                i += 2
            else:
                out.append(int(s[i + 1:i + 3], 16))
                i += 3
        else:
            out += s[i].encode()
            i += 1
    return out.decode()


def ir_escape(text: str) -> str:
    """text -> an LLVM IR string literal's body, escaped as llvm-dis writes it."""
    return "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else f"\\{b:02X}"
                   for b in text.encode())


def resolve(value: object, test: str) -> tuple[object, int]:
    """Replace every "@gates/..." string in a JSON value by the file's text; returns (value, count)."""
    if isinstance(value, str) and value.startswith("@") and value[1:].startswith(PREFIXES):
        path = ROOT / value[1:]
        if not path.is_file():
            raise Error(f"{test}: the configuration names {value[1:]}, which does not exist under {ROOT}")
        return path.read_text(), 1
    if isinstance(value, dict):
        n = 0
        out = {}
        for k, v in value.items():
            out[k], m = resolve(v, test)
            n += m
        return out, n
    if isinstance(value, list):
        items = [resolve(v, test) for v in value]
        return [v for v, _ in items], sum(m for _, m in items)
    return value, 0


def find_config(text: str, test: str) -> tuple[re.Match[str], dict]:
    """The `!N = !{!"<json>"}` line that `!bulkhead.config` names, and its JSON."""
    ref = CONFIG_REF.search(text)
    if not ref:
        raise Error(f"{test}: no '!bulkhead.config = !{{!N}}' line")
    node = re.search(r"^%s = !\{!\"(.*)\"\}\s*$" % re.escape(ref.group(1)), text, re.M)
    if not node:
        raise Error(f"{test}: {ref.group(1)} (the configuration) is not a one-string node")
    try:
        return node, json.loads(ir_unescape(node.group(1)))
    except (ValueError, IndexError) as e:
        raise Error(f"{test}: {ref.group(1)} is not JSON: {e}") from e


def instantiate(text: str, test: str) -> str:
    node, config = find_config(text, test)
    config, count = resolve(config, test)
    if count == 0:
        raise Error(f"{test}: the configuration names no template (\"@gates/<backend>/<file>\"); "
                    "embed none and drop %with-gates, or name the template the test is about")
    name = node.group(0).split(" ", 1)[0]
    line = f'{name} = !{{!"{ir_escape(json.dumps(config))}"}}'
    return text[:node.start()] + line + text[node.end():]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: with_gates.py TEST.ll  (writes the instantiated test to stdout)", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(instantiate(Path(argv[0]).read_text(), argv[0]))
    except (Error, OSError) as e:
        print(f"with_gates: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
