#!/usr/bin/python3
"""The over-sharing bound: which of a program's globals *may need* sharing, found from its bitcode
independently of the pass, and the globals a build's manifest shares outside that set.

Under `shared_globals = "escape"` the pass (passes/DataShadowStack.cpp, shareEscapingGlobals, and
passes/EdgeAnalysis.cpp's data edges) shares a global when a function of another compartment names
it, or when its address may leave its compartment.  This module reads `llvm-dis` of the tagged
program (what the harness links; the pass sees the same program globals and uses, merged with the
kernel's modules, which never name them) and computes a sound superset of that rule:

* **used across**: an instruction of a function of another compartment names the global;
* **address taken**: the global's address, followed through getelementptr/bitcast/addrspacecast/
  select/phi (instructions and constant expressions), is stored (or stored atomically as the new
  value), passed to a call (any call but LLVM's memory and lifetime intrinsics, the configuration's
  neutral functions and setjmp/longjmp, which run in the caller's domain and keep nothing: the pass's
  exceptions too), returned, converted to an integer, put in an aggregate, or used by any instruction
  this module does not know; or it appears in another global's initializer (or an alias).

A load, a store *to* it, a compare, the pointer operand of an atomic read-modify-write or
compare-and-exchange read or write the global in place: its address goes nowhere.  A global the
manifest shares without being in the set is over-sharing (`difftest` outcome "overshare").

  overshare.py TAGGED.bc MANIFEST.json [--groups JSON]   print the set and the over-shared globals
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "scripts"))

from bulkhead import toolchain  # noqa: E402

_NAME = r'(?:"(?:[^"\\]|\\.)*"|[-\w.$]+)'
_GREF = re.compile(r"@(" + _NAME + ")")
_LREF = re.compile(r"%(" + _NAME + ")")
_GLOBAL_DEF = re.compile(r"^@(" + _NAME + r") = (.*)$")
_DEFINE = re.compile(r"^define\b[^@]*@(" + _NAME + r")\(")
_COMPONENT_MD = re.compile(r"!bulkhead\.component (![0-9]+)")
_MD_STRING = re.compile(r'^(![0-9]+) = !\{!"([^"]*)"\}\s*$')
_ASSIGN = re.compile(r"^\s*%(" + _NAME + r") = (.*)$")
# linkage, visibility and other words that may precede "global"/"constant"/"alias" in a definition
_GLOBAL_KIND = re.compile(r"\b(global|constant|alias|ifunc)\b")
# constant-expression keywords other than address arithmetic: a global's address inside one of these
# is no longer an address the instruction reads through
# (a keyword followed by its parenthesized operands, not a value named like one: %add.ptr)
_OPAQUE_CE = re.compile(r"(?<![%@\w.$])(ptrtoint|inttoptr|select|icmp|extractelement|insertelement|shufflevector|"
                        r"blockaddress|dso_local_equivalent|no_cfi|add|sub|mul|xor|and|or|shl|lshr|ashr|trunc)"
                        r"(?:\s+(?:nuw|nsw|exact|inbounds))*\s*\(")
# the pass's exceptions: they run in the caller's domain and keep nothing of a pointer
SETJMP_FAMILY = {"setjmp", "_setjmp", "sigsetjmp", "longjmp", "_longjmp", "siglongjmp"}
# intrinsics that may keep or hand on a pointer (the others read or write memory in place)
_KEEPING_INTRINSICS = re.compile(r"^llvm\.(va_start|va_end|va_copy|ptrmask|threadlocal|launder|strip|"
                                 r"ptr\.annotation|experimental)")
# instructions whose result is the global's address again (followed)
_DERIVING = {"getelementptr", "bitcast", "addrspacecast", "select", "phi"}


def unquote(name: str) -> str:
    return name[1:-1] if name.startswith('"') else name


def split_top(text: str) -> list[str]:
    """Comma-separated operands of an instruction, at nesting depth 0 (parentheses, brackets, braces,
    vectors) and outside strings."""
    out, depth, cur, quoted = [], 0, [], False
    for ch in text:
        if quoted:
            cur.append(ch)
            quoted = ch != '"'
            continue
        if ch == '"':
            quoted = True
        elif ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if cur and "".join(cur).strip():
        out.append("".join(cur).strip())
    return out


def strip_attachments(text: str) -> str:
    """An instruction without its trailing metadata attachments (`, !dbg !12`) and comment."""
    text = re.sub(r"(,\s*![\w.]+\s+!\S+)+\s*$", "", text.split(";", 1)[0].rstrip())
    return text


@dataclass
class Module:
    """What the check needs of a module: its global variables (name -> component), its functions'
    components and bodies, and the initializers of its globals."""
    globals: dict[str, str | None] = field(default_factory=dict)       # defined variables -> component
    constant: set[str] = field(default_factory=set)
    functions: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)
    initializers: dict[str, str] = field(default_factory=dict)        # global or alias -> its text


def parse(text: str) -> Module:
    md = {m.group(1): m.group(2) for m in map(_MD_STRING.match, text.splitlines()) if m}
    mod = Module()
    body: list[str] | None = None
    for line in text.splitlines():
        if body is not None:
            if line.startswith("}"):
                body = None
            else:
                body.append(line)
            continue
        d = _DEFINE.match(line)
        if d:
            comp = _COMPONENT_MD.search(line)
            body = []
            mod.functions[unquote(d.group(1))] = (md.get(comp.group(1)) if comp else None, body)
            continue
        g = _GLOBAL_DEF.match(line)
        if not g:
            continue
        name, rest = unquote(g.group(1)), g.group(2)
        kind = _GLOBAL_KIND.search(rest)
        if not kind:
            continue
        # the initializer: after the kind and the value type, before ", align"/section/metadata
        init = rest[kind.end():]
        if kind.group(1) in ("global", "constant"):
            if re.search(r"\b(external|extern_weak)\b", rest[:kind.start()]):
                continue        # a declaration
            comp = _COMPONENT_MD.search(rest)
            mod.globals[name] = md.get(comp.group(1)) if comp else None
            if kind.group(1) == "constant":
                mod.constant.add(name)
        # a variable's initializer is its first operand; an alias's or ifunc's target follows its type
        mod.initializers[name] = init if kind.group(1) in ("alias", "ifunc") else (split_top(init) or [""])[0]
    return mod


def load(bc: Path) -> Module:
    out = subprocess.run([toolchain.LLVM_DIS, str(bc), "-o", "-"], capture_output=True, text=True, check=True)
    return parse(out.stdout)


def _refs(text: str, tracked: dict[str, str], local: dict[str, list[str]]) -> list[str]:
    """The tracked globals that `text` names, directly or through locals derived from them."""
    out = [tracked[n] for n in map(unquote, _GREF.findall(text)) if n in tracked]
    out += [g for n in map(unquote, _LREF.findall(text)) for g in local.get(n, [])]
    return out


def _address_operand(op: str, tracked: dict[str, str], local: dict[str, list[str]]) -> list[str]:
    """Globals an operand reads or writes through (its address, maybe offset by constant address
    arithmetic).  An operand that hides an address in an opaque constant expression counts as taken."""
    return [] if _OPAQUE_CE.search(op) else _refs(op, tracked, local)


def _callee(rest: str) -> tuple[str | None, str, str]:
    """(callee name or None for a pointer or inline asm, argument text, text after the arguments)."""
    m = re.search(r"(@" + _NAME + r"|%" + _NAME + r")\(", rest)
    if not m or re.search(r"\basm\b", rest[:m.start()]):
        return None, rest, ""
    depth, i = 0, m.end() - 1
    for j in range(i, len(rest)):
        depth += rest[j] == "("
        depth -= rest[j] == ")"
        if depth == 0:
            name = m.group(1)
            return (unquote(name[1:]) if name.startswith("@") else None), rest[i + 1:j], rest[j + 1:]
    return None, rest, ""


@dataclass
class Need:
    """Why each global may need sharing (global -> reason), and why others are used where they are."""
    reasons: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, why: str) -> None:
        self.reasons.setdefault(name, why)


def may_need_sharing(mod: Module, compartment_of: dict[str, int | None], neutral: set[str]) -> Need:
    """The globals of `mod` that may need sharing under the pass's rule (module docstring), each with
    a reason.  `compartment_of`: component -> compartment of the configuration."""
    need = Need()
    tracked = {g: g for g in mod.globals}
    home = {g: compartment_of.get(c) for g, c in mod.globals.items()}
    for g, init in mod.initializers.items():
        for r in _refs(init, tracked, {}):
            need.add(r, f"its address is in the initializer of '{g}'")
    safe_calls = neutral | SETJMP_FAMILY
    for fname, (fcomp, body) in mod.functions.items():
        here = compartment_of.get(fcomp)
        local: dict[str, list[str]] = {}     # a derived address -> the globals it may point into
        insts = [strip_attachments(l) for l in body if l.startswith("  ") and not l.lstrip().startswith("#dbg_")]
        # derived addresses first (to a fixed point: a phi may name a value defined below it)
        changed = True
        while changed:
            changed = False
            for inst in insts:
                a = _ASSIGN.match(inst)
                if not a:
                    continue
                op = a.group(2).split(None, 1)[0]
                if op in _DERIVING:
                    args = a.group(2).split(None, 1)[1] if " " in a.group(2) else ""
                    ops = split_top(args)
                    addr_ops = {"getelementptr": ops[1:2], "select": ops[1:], "phi": ops}.get(op, ops[:1])
                    rs = {r for o in addr_ops for r in _address_operand(o, tracked, local)}
                    known = local.setdefault(unquote(a.group(1)), [])
                    if rs - set(known):
                        known += sorted(rs - set(known))
                        changed = True
        for inst in insts:
            if not _refs(inst, tracked, local):
                continue
            for r in _refs(inst, tracked, local):
                if here != home.get(r):
                    need.add(r, f"used by '{fname}' of compartment {here}")
            a = _ASSIGN.match(inst)
            code = a.group(2) if a else inst.strip()
            words = code.split(None, 1)
            op, rest = words[0], words[1] if len(words) > 1 else ""
            while op in ("tail", "musttail", "notail") and rest:
                op, _, rest = rest.partition(" ")
            ops = split_top(rest)
            taken: list[str] = []
            why = f"used by '{op}'"
            if op == "load":
                taken = [r for o in ops[:1] + ops[2:] for r in _refs(o, tracked, local)]
                if len(ops) > 1 and _OPAQUE_CE.search(ops[1]):
                    taken += _refs(ops[1], tracked, local)
            elif op == "store":
                taken = [r for o in ops[:1] + ops[2:] for r in _refs(o, tracked, local)]
                if len(ops) > 1 and _OPAQUE_CE.search(ops[1]):
                    taken += _refs(ops[1], tracked, local)
                why = "stored to memory"
            elif op in ("icmp", "fcmp"):
                taken = []
            elif op == "atomicrmw":      # "atomicrmw [volatile] OP ptr P, TY V ...": V is stored
                taken = [r for o in ops[1:] for r in _refs(o, tracked, local)]
                taken += _refs(ops[0], tracked, local) if ops and _OPAQUE_CE.search(ops[0]) else []
                why = "stored atomically"
            elif op == "cmpxchg":        # "cmpxchg ptr P, TY CMP, TY NEW ...": NEW is stored
                taken = [r for o in ops[2:] for r in _refs(o, tracked, local)]
                why = "stored atomically"
            elif op in _DERIVING:
                # followed above; an operand that is not the address (an index, a condition) is data
                addr_ops = {"getelementptr": ops[1:2], "select": ops[1:], "phi": ops}.get(op, ops[:1])
                taken = [r for i, o in enumerate(ops) if o not in addr_ops for r in _refs(o, tracked, local)]
                taken += [r for o in addr_ops if _OPAQUE_CE.search(o) for r in _refs(o, tracked, local)]
                why = "converted in an address computation"
            elif op in ("call", "invoke", "callbr"):
                callee, args, after = _callee(rest)
                passed = _refs(args, tracked, local)
                intrinsic = callee is not None and callee.startswith("llvm.") and not _KEEPING_INTRINSICS.match(callee)
                if callee is not None and (intrinsic or callee in safe_calls):
                    passed = []
                taken = passed + _refs(after, tracked, local)
                why = f"passed to {'a call of ' + repr(callee) if callee else 'an indirect call or inline assembly'}"
            else:
                taken = _refs(rest, tracked, local)
                why = {"ret": "returned", "ptrtoint": "converted to an integer"}.get(op, f"used by '{op}'")
            for r in taken:
                need.add(r, f"{why} in '{fname}'")
    return need


def resolve(name: str, component: str | None, mod: Module) -> str | None:
    """The module's name for a global of the linked image: the same, or without the one `.N` suffix
    LTO's linker appends to a local (private or internal) global whose name the kernel's modules use
    too.  The component must agree."""
    for cand in (name, re.sub(r"\.\d+$", "", name), re.sub(r"(\.\d+){2}$", "", name)):
        if cand in mod.globals and (component is None or mod.globals[cand] == component):
            return cand
    return None


@dataclass
class Verdict:
    program_globals: int          # the program's own globals in the image
    shared: list[str]             # of those, the ones the manifest shares (module names)
    need: int                     # of those, the ones that may need sharing (the static check)
    overshared: list[str]         # shared, with the reason each was not needed


def judge(mod: Module, own: set[str], manifest: dict, groups: list[list[str]]) -> Verdict:
    """The manifest's shared program globals against the static check.  `own`: the program's own
    globals (module names; the harness's probe excluded); `groups`: the configuration's compartments."""
    compartment_of = {c: i for i, g in enumerate(groups) for c in g}
    neutral = {n["name"] if isinstance(n, dict) else str(n) for n in manifest.get("neutral", [])}
    need = may_need_sharing(mod, compartment_of, neutral)
    objects = {s["name"]: s.get("component") for s in manifest.get("symbols", [])
               if isinstance(s, dict) and s.get("kind") == "object"}
    in_image = {resolve(n, c, mod) for n, c in objects.items()}
    present = sorted(own & in_image)
    shared: list[str] = []
    over = []
    for entry in [*manifest.get("shared_globals", []), *manifest.get("escaping_globals", [])]:
        component = entry.get("component") or objects.get(entry.get("name", ""))
        name = resolve(entry.get("name", ""), component, mod)
        if name is None and component in mod.globals.values():
            # a global of the program's components that the module does not have: the check cannot
            # vouch for it (a renaming this module does not know would show here first)
            over.append(f"'{entry.get('name')}' (component {component}): shared, and not a global of the "
                        f"tagged program the check read")
        if name in own and name not in shared:
            shared.append(name)
    # A global LTO dropped after the partition (folded into its users) is in the manifest's lists but not
    # in the image: checked, not counted.
    for name in shared:
        if name not in need.reasons:
            home = compartment_of.get(mod.globals.get(name) or "")
            over.append(f"'{name}' (component {mod.globals.get(name)}, compartment {home}): shared, but no "
                        f"function of another compartment names it and its address is never taken "
                        f"({why_shared(manifest, name)})")
    return Verdict(len(present), [n for n in shared if n in in_image], sum(1 for n in present if n in need.reasons),
                   over)


def why_shared(manifest: dict, name: str) -> str:
    for e in manifest.get("escaping_globals", []):
        if re.sub(r"\.\d+$", "", e.get("name", "")) == name or e.get("name") == name:
            return f"the pass: escaping, {e.get('reason')}"
    for e in manifest.get("shared_globals", []):
        if re.sub(r"\.\d+$", "", e.get("name", "")) == name or e.get("name") == name:
            return f"the pass: used by {', '.join(e.get('users', []))}"
    return "the pass gave no reason"


def main(argv: list[str]) -> int:
    import argparse
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("tagged", type=Path)
    p.add_argument("manifest", type=Path)
    p.add_argument("--groups", help='compartments as JSON, e.g. [["kernel","p0"],["p1"]] (default: from the '
                                    "manifest's compartments)")
    args = p.parse_args(argv)
    manifest = json.loads(args.manifest.read_text())
    groups = json.loads(args.groups) if args.groups else [c.get("components", []) for c in manifest["compartments"]]
    mod = load(args.tagged)
    v = judge(mod, set(mod.globals), manifest, groups)
    need = may_need_sharing(mod, {c: i for i, g in enumerate(groups) for c in g},
                            {n["name"] for n in manifest.get("neutral", []) if isinstance(n, dict)})
    print(f"{v.program_globals} globals in the image, {len(v.shared)} shared, {v.need} may need sharing")
    for n, why in sorted(need.reasons.items()):
        print(f"  may need: {n}: {why}")
    for o in v.overshared:
        print(f"  over-shared: {o}")
    return 1 if v.overshared else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
