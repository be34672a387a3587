#!/usr/bin/python3
"""bhgen: random C programs built from the idioms Csmith never writes (README.md, "bhgen").

Csmith never takes the address of a by-value struct parameter, never uses varargs or a `va_list`
handed to another function, setjmp/longjmp, callbacks through function pointers, recursion through
several functions, globals handed out by pointer, or threads.  Those are exactly the idioms where moving a
function into another compartment can break a correct program (issue: "unchanged programs").  This
generator writes programs made of nothing else; each function is a *unit* of one idiom, called from
`main` or from later units, and every value it computes is folded into one checksum printed at exit,
so the differential harness (difftest.py) compares it natively, unisolated and in every configuration.

Each program is deterministic, terminates (recursion depths are bounded, the call graph between units
is acyclic but for the explicit mutual recursion), and free of undefined behaviour (unsigned 64-bit
arithmetic only; no uninitialized reads; no pointer outlives its object; `longjmp` only to a
frame still live).  Native (Linux libc) and guest (runtime/include shims) builds use the same source:
`printf`, the compiler's own `stdarg.h`, and `setjmp.h` (glibc's natively; the kernel's in the guest,
runtime/include/setjmp.h, so bulkhead-dss checks every longjmp).  Threads go through a few
`bhg_*` helpers the program defines itself: POSIX threads natively, libs/sched's cooperative threads
(`bhthread.h`) in the guest, where the harness links the scheduler (difftest.THREAD_MARK).  A setjmp unit and the functions that may longjmp to it are pinned to one component
(`pins`): a longjmp across compartments is a separate question (docs/design.md).

  bhgen.py SEED [-o program.c]      write one program (and print its pins as JSON on stderr)
"""
from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("byval", "sret", "varargs", "valist", "callback", "table", "recursion", "globalptr", "localptr",
         "setjmp", "thread")
MAX_THREADS = 4               # per thread unit; they are joined before the unit returns
THREAD_UNITS_MAX = 3          # per program: the guest's [threads] max (difftest.GUEST_THREADS) stays ample

# The thread helpers, in the program itself so that a saved case is one file (and creduce keeps it
# whole): POSIX threads natively, libs/sched in the guest.  Thread bodies touch only their own slot, a
# mutex-protected sum (addition commutes: the checksum does not depend on the interleaving) and pure
# functions, so the native run, whose scheduler is not deterministic, computes what the guest does.
THREAD_HELPERS = """\
#if __has_include(<bhthread.h>)
#include <bhthread.h>
static int bhg_mutex = -1;
static int bhg_start(void (*fn)(void *), void *arg) { return bh_thread_create(fn, arg); }
static void bhg_join(int id) { bh_thread_join(id); }
static void bhg_yield(void) { bh_thread_yield(); }
static void bhg_lock(void)
{
\tif (bhg_mutex < 0)
\t\tbhg_mutex = bh_mutex_create(0);
\tbh_mutex_lock(bhg_mutex, BH_FOREVER);
}
static void bhg_unlock(void) { bh_mutex_unlock(bhg_mutex); }
#else
#include <pthread.h>
#include <sched.h>
struct bhg_start_arg { void (*fn)(void *); void *arg; };
static pthread_t bhg_threads[64];
static struct bhg_start_arg bhg_args[64];
static int bhg_next;
static pthread_mutex_t bhg_mutex = PTHREAD_MUTEX_INITIALIZER;
static void *bhg_trampoline(void *p)
{
\tstruct bhg_start_arg *a = p;
\ta->fn(a->arg);
\treturn 0;
}
static int bhg_start(void (*fn)(void *), void *arg)
{
\tint id = bhg_next++ % 64;
\tbhg_args[id].fn = fn;
\tbhg_args[id].arg = arg;
\treturn pthread_create(&bhg_threads[id], 0, bhg_trampoline, &bhg_args[id]) == 0 ? id : -1;
}
static void bhg_join(int id) { pthread_join(bhg_threads[id], 0); }
static void bhg_yield(void) { sched_yield(); }
static void bhg_lock(void) { pthread_mutex_lock(&bhg_mutex); }
static void bhg_unlock(void) { pthread_mutex_unlock(&bhg_mutex); }
#endif
"""
MAX_STRUCT_WORDS = 8          # 8..64-byte structs: both sides of the 16-byte register limit
MAX_VARARGS = 9               # past the 6 integer argument registers: the overflow area too


@dataclass
class Program:
    seed: int
    text: str
    pins: dict[str, str] = field(default_factory=dict)   # symbol -> pin group (same component)
    kinds: list[str] = field(default_factory=list)


class _Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(f"bhgen-{seed}")
        self.seed = seed
        self.types: list[str] = []        # struct types
        self.decls: list[str] = []        # globals
        self.funcs: list[str] = []        # function definitions, in dependency order
        self.leaves: list[str] = []       # uint64_t f(uint64_t) usable as callbacks and callees
        self.units: list[tuple[str, str]] = []   # (name, kind): called from main with one uint64_t
        self.pins: dict[str, str] = {}
        self.structs: list[tuple[str, int]] = []
        self.pure: list[str] = []         # uint64_t f(uint64_t) without side effects: thread bodies call them
        self.thread_units = 0
        self.n = 0

    def name(self, stem: str) -> str:
        self.n += 1
        return f"{stem}_{self.n}"

    def k(self) -> str:
        return f"0x{self.rng.getrandbits(64):x}ull"

    # --- building blocks --------------------------------------------------------------------------
    def leaf(self) -> str:
        f = self.name("leaf")
        op = self.rng.choice(["x * {} + {}", "(x ^ {}) + (x >> 7) * {}", "(x << 3) - x + {} + {}"])
        body = op.format(self.k(), self.k())
        static = "static " if self.rng.random() < 0.3 else ""
        # private state that never leaves the function's component (the isolation probe's targets)
        st = self.name("state")
        self.decls.append(f"static uint64_t {st} = {self.k()};")
        self.funcs.append(f"{static}uint64_t {f}(uint64_t x)\n{{\n\tmix(x);\n\t{st} = {st} * 3u + x;\n"
                          f"\treturn ({body}) ^ ({st} >> 29);\n}}\n")
        self.leaves.append(f)
        return f

    def pure_leaf(self) -> str:
        """A function without side effects (no mix, no state): what a thread body may call while other
        threads run, natively in any order."""
        if self.pure and self.rng.random() < 0.4:
            return self.rng.choice(self.pure)
        f = self.name("pure")
        op = self.rng.choice(["x * {} + {}", "(x ^ {}) + (x >> 11) * {}", "(x << 5) + x + {} - {}"])
        self.funcs.append(f"uint64_t {f}(uint64_t x)\n{{\n\treturn {op.format(self.k(), self.k())};\n}}\n")
        self.pure.append(f)
        return f

    def callee(self) -> str:
        """An existing leaf or unit-level function of type uint64_t(uint64_t), or a new leaf."""
        pool = self.leaves + [u for u, kind in self.units if kind != "setjmp"]
        if not pool or self.rng.random() < 0.3:
            return self.leaf()
        return self.rng.choice(pool)

    def struct(self) -> tuple[str, int]:
        if self.structs and self.rng.random() < 0.4:
            return self.rng.choice(self.structs)
        s, words = self.name("S"), self.rng.randint(1, MAX_STRUCT_WORDS)
        self.types.append(f"struct {s} {{ uint64_t w[{words}]; }};")
        self.structs.append((s, words))
        return s, words

    def sum_of(self, s: str, words: int) -> str:
        """uint64_t sum_S(const struct S *p): reads through a pointer (another component, often)."""
        f = self.name(f"sum_{s}")
        self.funcs.append(f"uint64_t {f}(const struct {s} *p)\n{{\n\tuint64_t t = {self.k()};\n"
                          f"\tfor (int i = 0; i < {words}; i++)\n\t\tt = t * 31u + p->w[i];\n\treturn t;\n}}\n")
        return f

    def poke(self, s: str, words: int) -> str:
        f = self.name(f"poke_{s}")
        self.funcs.append(f"void {f}(struct {s} *p, uint64_t v)\n{{\n\tp->w[{self.rng.randrange(words)}] ^= v;\n}}\n")
        return f

    # --- units: uint64_t unit(uint64_t x) ---------------------------------------------------------
    def unit(self, kind: str) -> str:
        u = self.name(kind)
        getattr(self, "_" + kind)(u)
        self.units.append((u, kind))
        return u

    def _byval(self, u: str) -> None:
        s, words = self.struct()
        take, summ, poke, g = self.name(f"take_{s}"), self.sum_of(s, words), self.poke(s, words), self.callee()
        # the by-value parameter's address leaves the function (issue 11, item 1)
        self.funcs.append(f"uint64_t {take}(struct {s} s, uint64_t v)\n{{\n\t{poke}(&s, v);\n"
                          f"\treturn {summ}(&s) + s.w[0];\n}}\n")
        fill = "\n".join(f"\ts.w[{i}] = {g}(x + {i});" for i in range(words))
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\tstruct {s} s;\n{fill}\n"
                          f"\tuint64_t r = {take}(s, x);\n\treturn r ^ s.w[{words - 1}];\n}}\n")

    def _sret(self, u: str) -> None:
        s, words = self.struct()
        make, summ, g = self.name(f"make_{s}"), self.sum_of(s, words), self.callee()
        fill = "\n".join(f"\tr.w[{i}] = {g}(x ^ {i});" for i in range(words))
        self.funcs.append(f"struct {s} {make}(uint64_t x)\n{{\n\tstruct {s} r;\n{fill}\n\treturn r;\n}}\n")
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\tstruct {s} a = {make}(x);\n"
                          f"\tstruct {s} b = {make}(a.w[0]);\n\treturn {summ}(&a) - {summ}(&b);\n}}\n")

    def _vargs(self, n: int) -> tuple[list[str], list[str]]:
        """n argument types (int, uint64_t, double) and how to fold each back into uint64_t."""
        types = [self.rng.choice(["int", "uint64_t", "uint64_t", "double"]) for _ in range(n)]
        return types, [{"int": "(uint64_t)va_arg({ap}, int)", "uint64_t": "va_arg({ap}, uint64_t)",
                        "double": "(uint64_t)va_arg({ap}, double)"}[t] for t in types]

    def _call_args(self, types: list[str]) -> str:
        vals = []
        for i, t in enumerate(types):
            if t == "double":   # exactly representable: an integer below 2^40
                vals.append(f"(double)((x >> {i % 20}) & 0xffffffffffull)")
            elif t == "int":
                vals.append(f"(int)(x >> {i % 30})")
            else:
                vals.append(f"x * {i + 3}u")
        return ", ".join(vals)

    def _varargs(self, u: str) -> None:
        n = self.rng.randint(1, MAX_VARARGS)
        types, reads = self._vargs(n)
        f = self.name("vsum")
        fold = "\n".join(f"\tt = t * 131u + {r.format(ap='ap')};" for r in reads)
        self.funcs.append(f"uint64_t {f}(int n, ...)\n{{\n\tva_list ap;\n\tuint64_t t = (uint64_t)n;\n"
                          f"\tva_start(ap, n);\n{fold}\n\tva_end(ap);\n\treturn t;\n}}\n")
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\treturn {f}({n}, {self._call_args(types)});\n}}\n")

    def _valist(self, u: str) -> None:
        """A va_list handed to another function, and copied (issue 11, item 2)."""
        n = self.rng.randint(1, MAX_VARARGS)
        types, reads = self._vargs(n)
        lst, outer = self.name("vlist"), self.name("vouter")
        fold = "\n".join(f"\tt = t * 137u + {r.format(ap='ap')};" for r in reads)
        self.funcs.append(f"uint64_t {lst}(int n, va_list ap)\n{{\n\tuint64_t t = (uint64_t)n;\n{fold}\n\treturn t;\n}}\n")
        copy = self.rng.random() < 0.5
        body = ("\tva_list cp;\n\tva_copy(cp, ap);\n\tuint64_t a = " + lst + "(n, cp);\n\tva_end(cp);\n"
                "\tuint64_t b = " + lst + "(n, ap);\n\tva_end(ap);\n\treturn a ^ (b << 1);\n") if copy else (
               f"\tuint64_t a = {lst}(n, ap);\n\tva_end(ap);\n\treturn a;\n")
        self.funcs.append(f"uint64_t {outer}(int n, ...)\n{{\n\tva_list ap;\n\tva_start(ap, n);\n{body}}}\n")
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\treturn {outer}({n}, {self._call_args(types)});\n}}\n")

    def _callback(self, u: str) -> None:
        apply, f, g = self.name("apply"), self.callee(), self.callee()
        self.funcs.append(f"uint64_t {apply}(uint64_t (*f)(uint64_t), uint64_t x, int times)\n{{\n"
                          f"\tfor (int i = 0; i < times; i++)\n\t\tx = f(x) + (uint64_t)i;\n\treturn x;\n}}\n")
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\treturn {apply}({f}, x, {self.rng.randint(1, 4)}) ^ "
                          f"{apply}(&{g}, x + 1, {self.rng.randint(1, 3)});\n}}\n")

    def _table(self, u: str) -> None:
        tab = self.name("table")
        fs = [self.callee() for _ in range(self.rng.randint(2, 5))]
        static = "static " if self.rng.random() < 0.5 else ""
        self.decls.append(f"{static}uint64_t (*const {tab}[{len(fs)}])(uint64_t) = {{ {', '.join(fs)} }};")
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\tuint64_t t = x;\n\tfor (int i = 0; i < {len(fs) * 2}; i++)\n"
                          f"\t\tt = {tab}[(t >> 5) % {len(fs)}](t + (uint64_t)i);\n\treturn t;\n}}\n")

    def _recursion(self, u: str) -> None:
        """Mutual recursion through 2-3 functions (often in different components), bounded depth."""
        ring = [self.name("rec") for _ in range(self.rng.randint(2, 3))]
        g = self.callee()
        for i, r in enumerate(ring):
            nxt = ring[(i + 1) % len(ring)]
            self.funcs.append(f"uint64_t {r}(uint64_t x, int d)\n{{\n\tif (d <= 0)\n\t\treturn {g}(x);\n"
                              f"\tmix(x + (uint64_t)d);\n\treturn {nxt}(x * {i + 2}u + {self.k()}, d - 1) + (uint64_t)d;\n}}\n")
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\treturn {ring[0]}(x, {self.rng.randint(3, 12)});\n}}\n")

    def _globalptr(self, u: str) -> None:
        """A global handed out by pointer: its owner is not who writes it."""
        gname, bump = self.name("g"), self.name("bump")
        n = self.rng.randint(1, 6)
        static = "static " if self.rng.random() < 0.5 else ""
        init = ", ".join(self.k() for _ in range(n))
        self.decls.append(f"{static}uint64_t {gname}[{n}] = {{ {init} }};")
        self.funcs.append(f"void {bump}(uint64_t *p, int n, uint64_t v)\n{{\n\tfor (int i = 0; i < n; i++)\n"
                          f"\t\tp[i] = p[i] * 3u + v;\n}}\n")
        at = self.rng.randrange(n)
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\t{bump}(&{gname}[{at}], {n - at}, x);\n"
                          f"\treturn {gname}[{n - 1}] ^ {gname}[0];\n}}\n")

    def _localptr(self, u: str) -> None:
        """A local array filled and read by other functions through a pointer."""
        fill, n = self.name("fill"), self.rng.randint(1, 8)
        g = self.callee()
        self.funcs.append(f"void {fill}(uint64_t *p, int n, uint64_t v)\n{{\n\tfor (int i = 0; i < n; i++)\n"
                          f"\t\tp[i] = {g}(v + (uint64_t)i);\n}}\n")
        s, words = self.struct()
        summ = self.sum_of(s, words)
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\tuint64_t loc[{n}];\n\tstruct {s} st;\n"
                          f"\t{fill}(loc, {n}, x);\n\t{fill}(st.w, {words}, x ^ loc[0]);\n"
                          f"\treturn loc[{n - 1}] + {summ}(&st);\n}}\n")

    def _setjmp(self, u: str) -> None:
        """setjmp/longjmp within one component (pinned): the thrower jumps back from a nested call."""
        jb, thrower, mid = self.name("jb"), self.name("thrower"), self.name("mid")
        g = self.callee()
        self.decls.append(f"static jmp_buf {jb};")
        self.funcs.append(f"__attribute__((noinline)) void {thrower}(uint64_t x)\n{{\n\tmix(x);\n"
                          f"\tif (x & 1)\n\t\tlongjmp({jb}, 1);\n}}\n")
        self.funcs.append(f"__attribute__((noinline)) uint64_t {mid}(uint64_t x)\n{{\n\t{thrower}(x);\n"
                          f"\treturn x + 1;\n}}\n")
        # noinline: the setjmp must stay in the pinned unit, not move into its caller's component
        self.funcs.append(f"__attribute__((noinline)) uint64_t {u}(uint64_t x)\n{{\n\tvolatile uint64_t t = {g}(x);\n"
                          f"\tif (setjmp({jb}))\n\t\treturn t ^ {self.k()};\n"
                          f"\tt = {mid}(t);\n\treturn t;\n}}\n")
        group = f"setjmp-{u}"
        for s in (jb, thrower, mid, u):
            self.pins[s] = group

    def _thread(self, u: str) -> None:
        """Threads started by one compartment running a body that is often in another: their argument
        slots are the creator's locals (the data shadow stack or a shared-heap block under private
        stacks), their results meet in a mutex-protected global, and they yield to one another."""
        body, slot, acc = self.name("tbody"), self.name("TS"), self.name("tacc")
        n, rounds = self.rng.randint(1, MAX_THREADS), self.rng.randint(1, 4)
        f, g = self.pure_leaf(), self.pure_leaf()
        self.types.append(f"struct {slot} {{ uint64_t in; uint64_t out; }};")
        static = "static " if self.rng.random() < 0.5 else ""
        self.decls.append(f"{static}uint64_t {acc};")
        self.funcs.append(f"void {body}(void *p)\n{{\n\tstruct {slot} *s = p;\n\tuint64_t t = s->in;\n"
                          f"\tfor (int i = 0; i < {rounds}; i++) {{\n\t\tt = {f}(t) + (uint64_t)i;\n"
                          f"\t\tbhg_yield();\n\t\tbhg_lock();\n\t\t{acc} += {g}(t);\n\t\tbhg_unlock();\n\t}}\n"
                          f"\ts->out = t;\n}}\n")
        self.funcs.append(f"uint64_t {u}(uint64_t x)\n{{\n\tstruct {slot} s[{n}];\n\tint id[{n}];\n"
                          f"\tuint64_t r = x;\n\t{acc} = 0;\n"
                          f"\tfor (int i = 0; i < {n}; i++) {{\n\t\ts[i].in = x + (uint64_t)i * {self.k()};\n"
                          f"\t\ts[i].out = 0;\n\t\tid[i] = bhg_start({body}, &s[i]);\n\t}}\n"
                          f"\tfor (int i = 0; i < {n}; i++)\n\t\tbhg_join(id[i]);\n"
                          f"\tfor (int i = 0; i < {n}; i++)\n\t\tr = r * 1000003u + s[i].out;\n"
                          f"\treturn r ^ {acc};\n}}\n")
        self.thread_units += 1

    # --- the whole program ------------------------------------------------------------------------
    def program(self) -> Program:
        nunits = self.rng.randint(6, 14)
        kinds = [self.rng.choice(KINDS) for _ in range(nunits)]
        # a bounded number of thread units (the guest's thread slots; natively, bhg_threads)
        kinds = [k for i, k in enumerate(kinds) if k != "thread" or kinds[:i].count("thread") < THREAD_UNITS_MAX]
        for kind in kinds:
            self.unit(kind)
        calls = "\n".join(f"\tx = x * 1099511628211u + {u}(x ^ {self.k()});\n\tmix(x);" for u, _ in self.units)
        text = "\n".join([
            f"/* bhgen seed {self.seed}: {', '.join(kinds)} */",
            "#include <setjmp.h>", "#include <stdarg.h>", "#include <stdint.h>", "#include <stdio.h>", "",
            *([THREAD_HELPERS] if "thread" in kinds else []),
            "uint64_t checksum_state = 0xcbf29ce484222325ull;",
            "void mix(uint64_t v);", "",
            *self.types, "",
            # every function declared first: tables and rings refer to functions defined later
            *[f.split("\n", 1)[0] + ";" for f in self.funcs], "",
            *self.decls, "",
            "void mix(uint64_t v)\n{\n\tfor (int i = 0; i < 8; i++) {\n\t\tchecksum_state ^= (v >> (8 * i)) & 0xff;\n"
            "\t\tchecksum_state *= 0x100000001b3ull;\n\t}\n}\n",
            *self.funcs,
            f"int main(void)\n{{\n\tuint64_t x = {self.k()};\n{calls}\n"
            "\tprintf(\"checksum = %08X%08X\\n\", (unsigned)(checksum_state >> 32), (unsigned)checksum_state);\n"
            "\treturn 0;\n}\n",
        ])
        return Program(self.seed, text, self.pins, kinds)


def generate(seed: int) -> Program:
    return _Gen(seed).program()


def write(seed: int, out: Path) -> Program:
    prog = generate(seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(prog.text)
    return prog


def main(argv: list[str]) -> int:
    import argparse
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("seed", type=int)
    p.add_argument("-o", "--output", type=Path)
    args = p.parse_args(argv)
    prog = generate(args.seed)
    if args.output:
        args.output.write_text(prog.text)
    else:
        sys.stdout.write(prog.text)
    print(json.dumps({"kinds": prog.kinds, "pins": prog.pins}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
