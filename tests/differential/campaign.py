#!/usr/bin/python3
"""Long differential-testing campaign: Csmith programs until the time is up, with progress and summary.

  tests/differential/campaign.py --minutes 30            # random start seed, 4 configurations each
  tests/differential/campaign.py --seeds 1-100 --configs 3 --jobs 2
  tests/differential/campaign.py --minutes 60 --reduce   # also creduce every failure found
  tests/differential/campaign.py --reports 'build/differential/programs/bhgen-*'   # tally saved reports

Every program's report is kept in its folder (build/differential/programs/<generator>-<seed>/report.json),
so an interrupted campaign, or several run one after another over disjoint seeds, can be summed up with
--reports.

Failures (mismatch, crash, hang, link error) are saved under build/differential/failures/<case>/
(program.c + case.json); `difftest.py case DIR` re-runs one, `difftest.py reduce DIR` reduces it.
The summary (also written as JSON next to the failures) gives programs, configurations, outcomes,
the refusal rate and its causes.
"""
from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import multiprocessing.pool
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import difftest  # noqa: E402


def _work(args: tuple[int, int, str, bool]) -> dict:
    seed, nconfigs, generator, crowded = args
    try:
        rep = difftest.run_program(seed, nconfigs, generator=generator, crowded_poll=crowded)
        return rep.to_json()
    except Exception as e:  # a harness error must not stop the campaign; it is reported
        return {"seed": seed, "error": f"{type(e).__name__}: {e}"[-2000:], "results": []}


class Tally:
    def __init__(self) -> None:
        self.programs = 0
        self.skipped = 0
        self.errors: list[str] = []
        self.outcomes = collections.Counter()
        self.by_mode = collections.Counter()             # (backend-mode, outcome)
        self.refusal_configs = collections.Counter()     # category -> configurations refused for it
        self.refusal_sites = collections.Counter()       # category -> call sites
        self.failures: list[str] = []
        self.saved: list[str] = []
        self.gated = 0                                    # configurations with a gate template
        self.gated_refused = 0
        self.reports: list[dict] = []                     # every program's report, as returned
        self.isolation_faults: list[str] = []
        self.marshalled_builds = 0                        # builds that used a marshalling thunk
        self.marshalled_calls = 0
        self.last_result = 0.0                            # time.monotonic() of the last program's report
        # per backend/stack mode, each linked configuration's: shared fraction of the program's own
        # globals (overshare.py) and its program's own crossings (configurations that isolate something:
        # call sites between the program's functions, gated or, under backend none, direct)
        self.shared_fraction: dict[str, list[float]] = collections.defaultdict(list)
        self.crossings: dict[str, list[int]] = collections.defaultdict(list)
        self.retried: list[str] = []                      # runs that passed only on the longer limit
        self.with_threads = 0                             # programs that start threads

    def add(self, rep: dict) -> None:
        self.reports.append(rep)
        if rep.get("error"):
            self.errors.append(f"seed {rep['seed']}: {rep['error']}")
            return
        if rep.get("skipped"):
            self.skipped += 1
            return
        self.programs += 1
        self.with_threads += bool(rep.get("threads"))
        for r in rep["results"]:
            self.outcomes[r["outcome"]] += 1
            mode = r["variant"].rsplit("-", 2)[0]
            self.by_mode[(mode, r["outcome"])] += 1
            if r.get("gated"):
                self.gated += 1
                self.gated_refused += r["outcome"] == "refused"
            if r["outcome"] == "refused":
                cats = collections.Counter(difftest.refusal_category(x) for x in r["refusals"])
                for c, n in cats.items():
                    self.refusal_configs[c] += 1
                    self.refusal_sites[c] += n
            if r["outcome"] not in ("refused", "link-error") and r["variant"] != "unisolated":
                if r.get("program_globals"):
                    self.shared_fraction[mode].append(r.get("shared_program", 0) / r["program_globals"])
                self.crossings[mode].append(r.get("crossings", 0))
            if r.get("retried"):
                self.retried.append(f"seed {rep['seed']} {r['variant']}: {r['outcome']}, "
                                    f"{r.get('run_s', 0):.0f} s on the second try")
            if r.get("marshalled"):
                self.marshalled_builds += 1
                self.marshalled_calls += r["marshalled"]
            if r["outcome"] == "isolation-fault":
                self.isolation_faults.append(f"seed {rep['seed']} {r['variant']}: {r['detail'].splitlines()[0]}")
            if r["outcome"] in difftest.FAILING or r["outcome"] == "baseline-failure":
                first = r["detail"].splitlines()[0] if r["detail"] else ""
                self.failures.append(f"seed {rep['seed']} {r['variant']}: {r['outcome']}: {first}")
        self.saved += rep.get("saved", [])

    def refusal_rate(self) -> float:
        return self.gated_refused / self.gated if self.gated else 0.0

    def line(self, elapsed: float) -> str:
        o = self.outcomes
        return (f"[{int(elapsed) // 60:3d}:{int(elapsed) % 60:02d}] programs {self.programs} "
                f"(+{self.skipped} skipped) builds {sum(o.values())}: ok {o['ok']} refused {o['refused']} "
                f"isolation-fault {o['isolation-fault']} mismatch {o['mismatch']} crash {o['crash']} hang {o['hang']} link-error {o['link-error']} "
                f"leak {o['leak']} overshare {o['overshare']} "
                f"baseline {o['baseline-failure']} | refusal rate {100 * self.refusal_rate():.1f}%")

    def summary(self, elapsed: float) -> str:
        lines = ["", "differential campaign summary", "=" * 29,
                 f"time {elapsed:.0f} s; programs {self.programs} run, {self.skipped} skipped "
                 f"(native build slow or failing), harness errors {len(self.errors)}",
                 f"builds {sum(self.outcomes.values())} (unisolated + configurations): "
                 + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items())),
                 f"refusal rate (configurations of a backend with gates refused at link time): "
                 f"{self.gated_refused}/{self.gated} = {100 * self.refusal_rate():.1f}%",
                 f"marshalling thunks (what the gate cannot carry in registers): {self.marshalled_calls} gates "
                 f"in {self.marshalled_builds} builds",
                 f"programs that start threads: {self.with_threads}"]
        if self.refusal_configs:
            lines.append("refusal causes (configurations refused / call sites):")
            for c, n in self.refusal_configs.most_common():
                lines.append(f"  {c:20s} {n:5d} / {self.refusal_sites[c]}")
        lines += self.distributions()
        modes = sorted({m for m, _ in self.by_mode})
        lines.append("per backend/stack mode:")
        for m in modes:
            lines.append(f"  {m:20s} " + ", ".join(f"{o} {n}" for (mm, o), n in sorted(self.by_mode.items())
                                                      if mm == m))
        if self.isolation_faults:
            lines.append(f"isolation faults (a pointer to a compartment's global reached another compartment; "
                         f"not a miscompile): {len(self.isolation_faults)}")
            lines += [f"  {f}" for f in self.isolation_faults[:20]]
        if self.retried:
            lines.append(f"runs that missed the wall-clock limit and were run again with "
                         f"{difftest.RETRY_FACTOR}x the limit: {len(self.retried)}")
            lines += [f"  {r}" for r in self.retried[:20]]
        lines.append(f"failures: {len(self.failures)}")
        lines += [f"  {f}" for f in self.failures[:50]]
        if self.saved:
            lines.append("saved cases:")
            lines += [f"  {s}" for s in self.saved[:50]]
        if self.errors:
            lines.append("harness errors:")
            lines += [f"  {e[:300]}" for e in self.errors[:20]]
        return "\n".join(lines)

    def distribution(self, values: dict[str, list]) -> dict[str, dict]:
        """min/median/max (and count) per mode, and over all modes ("all")."""
        out = {}
        for m, vals in sorted([*values.items(), ("all", [x for v in values.values() for x in v])]):
            if vals:
                out[m] = {"n": len(vals), "min": min(vals), "median": statistics.median(vals), "max": max(vals)}
        return out

    def few_crossings(self, mode: str) -> int:
        """Configurations with at most 2 crossings (every component in one compartment, or inlined away)."""
        vals = [g for v in self.crossings.values() for g in v] if mode == "all" else self.crossings.get(mode, [])
        return sum(1 for g in vals if g <= 2)

    def crossing_distribution(self) -> dict:
        out: dict = {m: {**d, "at_most_2": self.few_crossings(m)} for m, d in self.distribution(self.crossings).items()}
        out["histogram"] = dict(sorted(collections.Counter(g for v in self.crossings.values() for g in v).items()))
        return out

    def distributions(self) -> list[str]:
        lines = ["shared fraction of the program's own globals (shared by the manifest / globals in the image; "
                 "configurations that linked):"]
        for m, d in self.distribution(self.shared_fraction).items():
            lines.append(f"  {m:20s} n {d['n']:4d}  min {d['min']:.3f}  median {d['median']:.3f}  max {d['max']:.3f}")
        lines.append("crossings per configuration (call sites between the program's own functions, gated or direct "
                     "under none; the kernel's call of main and the probe's excluded):")
        for m, d in self.distribution(self.crossings).items():
            lines.append(f"  {m:20s} n {d['n']:4d}  min {d['min']:4d}  median {d['median']:6.1f}  max {d['max']:4d}"
                         f"  at most 2: {self.few_crossings(m)}")
        return lines

    def to_json(self, elapsed: float) -> dict:
        return {"seconds": elapsed, "programs": self.programs, "skipped": self.skipped,
                "outcomes": dict(self.outcomes), "gated_configs": self.gated,
                "gated_refused": self.gated_refused, "refusal_rate": self.refusal_rate(),
                "marshalled_builds": self.marshalled_builds, "marshalled_calls": self.marshalled_calls,
                "refusal_causes": {c: {"configs": n, "sites": self.refusal_sites[c]}
                                   for c, n in self.refusal_configs.items()},
                "failures": self.failures, "saved": self.saved, "errors": self.errors,
                "isolation_faults": self.isolation_faults, "retried": self.retried,
                "with_threads": self.with_threads,
                "shared_fraction": self.distribution(self.shared_fraction),
                "crossings": self.crossing_distribution()}


# A program whose worker has not answered after this long is reported as a harness error and the
# campaign stops there (every build and run of a program is bounded, so this means a hung or lost
# worker; a campaign must end by itself, never wait forever).  A program takes seconds to a minute.
PROGRAM_LIMIT_S = 900.0


def run(seeds, nconfigs: int, jobs: int, deadline: float | None = None, progress=None,
        generator: str = "csmith", crowded_poll: bool = False) -> Tally:
    """Run programs (an iterable of seeds) on `jobs` processes until the seeds or the time run out."""
    difftest.WORK.mkdir(parents=True, exist_ok=True)
    difftest.prepare_system()
    tally = Tally()
    start = time.monotonic()
    seeds = iter(seeds)
    # forkserver, not fork: the workers start from a fresh interpreter, so nothing the calling process
    # holds (a lock, a thread of a test that ran before, an open build lock) is copied into them.
    ctx = multiprocessing.get_context("forkserver")
    pool = ctx.Pool(jobs)
    try:
        pending: dict[int, tuple[multiprocessing.pool.AsyncResult, float]] = {}
        def submit() -> bool:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            s = next(seeds, None)
            if s is None:
                return False
            pending[s] = (pool.apply_async(_work, ((s, nconfigs, generator, crowded_poll),)), time.monotonic())
            return True
        for _ in range(jobs * 2):
            submit()
        while pending:
            done = [s for s, (p, _) in pending.items() if p.ready()]
            if not done:
                now = time.monotonic()
                # apply_async's results queue: a program waits for a worker, so count from when the
                # oldest pending one could have started, i.e. from the last result or its submission
                stuck = [s for s, (_, t0) in pending.items() if now - max(t0, tally.last_result) > PROGRAM_LIMIT_S]
                if stuck:
                    tally.errors.append(f"seeds {stuck}: no answer from their worker in {PROGRAM_LIMIT_S:.0f} s "
                                        "(a hung or lost worker process); the campaign stopped here")
                    break
                time.sleep(0.2)
                continue
            for s in done:
                p, _ = pending.pop(s)
                tally.add(p.get())
                tally.last_result = time.monotonic()
                if progress:
                    progress(tally, time.monotonic() - start)
                submit()
    finally:
        pool.terminate()     # kills a hung worker and the QEMU it waits on (PR_SET_PDEATHSIG)
        pool.join()
    return tally


def summarize_reports(pattern: str) -> int:
    """The summary of the programs whose folders match `pattern` (their report.json), as if one
    campaign had run them; time is the programs' own, summed."""
    import glob
    files = sorted(Path(d) / "report.json" for d in glob.glob(pattern) if (Path(d) / "report.json").is_file())
    if not files:
        print(f"campaign: no report.json in folders matching {pattern}", file=sys.stderr)
        return 2
    tally, spent = Tally(), 0.0
    for f in files:
        rep = json.loads(f.read_text())
        spent += rep.get("seconds", 0.0)
        tally.add(rep)
    seeds = sorted(r["seed"] for r in tally.reports)
    print(f"{len(files)} program reports, seeds {seeds[0]}-{seeds[-1]}; program time summed over jobs")
    print(tally.line(spent))
    print(tally.summary(spent))
    return 1 if tally.failures or tally.errors else 0


def _parse_seeds(spec: str):
    a, _, b = spec.partition("-")
    return range(int(a), int(b) + 1) if b else [int(a)]


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--minutes", type=float, help="stop submitting programs after this long")
    p.add_argument("--seeds", help="seed range A-B (default: from a random start, until --minutes)")
    p.add_argument("--configs", type=int, default=4, help="random configurations per program (default 4)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--reduce", action="store_true", help="creduce each saved failure after the campaign")
    p.add_argument("--generator", choices=difftest.GENERATORS, default="csmith",
                   help="csmith (the suite's small options), csmith-wide (Csmith's defaults: volatiles, --max-funcs 20), or bhgen: the idioms Csmith never writes (bhgen.py)")
    p.add_argument("--all-modes", action="store_true",
                   help="one configuration per backend and mode for every program (overrides --configs)")
    p.add_argument("--audit-sample", type=int, default=0, metavar="N",
                   help="then, for the first N programs that ran: shared by the manifest against touched across "
                        "compartments in an audit run (difftest.audit_program)")
    p.add_argument("--readme", action="store_true",
                   help="with --audit-sample: write that table into tests/differential/README.md")
    p.add_argument("--readme-from", type=Path, metavar="JSON",
                   help="only write the audit table of an earlier campaign's summary (its JSON) into README.md")
    p.add_argument("--reports", metavar="GLOB",
                   help="no campaign: sum up the report.json of every program folder GLOB matches")
    args = p.parse_args(argv)
    if args.reports:
        return summarize_reports(args.reports)
    if args.readme_from:
        saved = json.loads(args.readme_from.read_text())
        if not saved.get("audit"):
            p.error(f"{args.readme_from}: no audit table (run the campaign with --audit-sample N)")
        command = saved.get("command") or f"campaign.py --generator {args.generator} ... --audit-sample N"
        write_readme(audit_table(saved["audit"], command, f", summary {args.readme_from.name}"),
                     saved.get("generator", args.generator))
        return 0
    if args.readme and not args.audit_sample:
        p.error("--readme needs --audit-sample N")
    if not args.minutes and not args.seeds:
        p.error("give --minutes, --seeds or --reports")
    if args.seeds:
        seeds = _parse_seeds(args.seeds)
    else:
        start = random.randrange(1, 1 << 30)
        seeds = range(start, start + 10**9)
        print(f"campaign: seeds from {start}", flush=True)
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    tty = sys.stdout.isatty()
    last = [0.0]

    def progress(t: Tally, elapsed: float) -> None:
        if tty:
            print("\r" + t.line(elapsed), end="", flush=True)
        elif elapsed - last[0] >= 10:
            last[0] = elapsed
            print(t.line(elapsed), flush=True)

    t0 = time.monotonic()
    try:
        nconfigs = len(difftest.backend_modes()) if args.all_modes else args.configs
        # a campaign also tries vm poll with more machines than host cores (a longer limit, run_timeout)
        tally = run(seeds, nconfigs, args.jobs, deadline, progress, generator=args.generator, crowded_poll=True)
    except KeyboardInterrupt:
        print("\ncampaign: interrupted", file=sys.stderr)
        return 130
    elapsed = time.monotonic() - t0
    if tty:
        print()
    print(tally.line(elapsed))
    print(tally.summary(elapsed))
    summary = tally.to_json(elapsed)
    audit_missed = False
    if args.audit_sample:
        ran = [r["seed"] for r in tally.reports if not r.get("error") and not r.get("skipped")][:args.audit_sample]
        rows = []
        for seed in ran:
            rows.append(difftest.audit_program(seed, args.generator))
            print(difftest.audit_line(rows[-1]), flush=True)
        table = audit_table(rows, " ".join(["campaign.py", *argv]))
        print(table)
        summary.update({"audit": rows, "command": " ".join(["campaign.py", *argv]), "generator": args.generator})
        audit_missed = any(r.get("missed") for r in rows)
        if args.readme:
            write_readme(table, args.generator)
    out = difftest.WORK / f"campaign-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(summary, indent=1) + "\n")
    print(f"summary written to {out}")
    if args.reduce:
        for d in tally.saved:
            print(f"reducing {d}", flush=True)
            difftest.reduce(Path(d))
    return 1 if tally.failures or tally.errors or audit_missed else 0


def readme_markers(generator: str) -> tuple[str, str]:
    """The block of README.md that `--audit-sample N --readme` writes, one per generator."""
    return f"<!-- audit-sample:{generator}:begin", f"<!-- audit-sample:{generator}:end -->"


def audit_table(rows: list[dict], command: str, note: str = "") -> str:
    """The over-sharing table (README.md, "Over-sharing"): one line per program, then the totals."""
    done = [r for r in rows if not r.get("skipped")]
    tot = {k: sum(r[k] for r in done) for k in ("globals", "shared", "named", "escaping", "may_share", "touched")}
    lines = [f"`{command}` ({time.strftime('%Y-%m-%d')}{note}): every component in a compartment of its own, backend mpk.", "",
             "| " + " | ".join(difftest.AUDIT_COLUMNS) + " |", "|" + "---|" * len(difftest.AUDIT_COLUMNS)]
    lines += [difftest.audit_line(r) for r in rows]
    lines += ["", f"{len(done)} programs: {tot['shared']} of {tot['globals']} globals shared under \"escape\" "
                  f"({tot['named']} named by another compartment, {tot['escaping']} for an address that may leave); "
                  f"the static bound allows {tot['may_share']}; {tot['touched']} were touched across compartments "
                  f"in the audit runs; {sum(len(r['missed']) for r in done)} touched but not shared."]
    return "\n".join(lines)


def write_readme(table: str, generator: str) -> None:
    path = Path(__file__).resolve().parent / "README.md"
    text = path.read_text()
    begin, stop = readme_markers(generator)
    start, end = text.find(begin), text.find(stop)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: no '{begin} ... {stop}' block to write the table into; add the two "
                         "lines where the table should go")
    head = text.index("-->", start) + 3
    path.write_text(text[:head] + "\n" + table + "\n" + text[end:])
    print(f"written to {path}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
