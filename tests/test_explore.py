"""./bulkhead explore: FlexOS's data (importer, safety order, poset.dot, the five stars at 500k) and a
results database of our own (schema round trip).  No build, no QEMU."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import cli, config  # noqa: E402
from bulkhead.explore import flexos, model, order, results  # noqa: E402

pytestmark = pytest.mark.fast

FLEXOS = ROOT.parent / "shared" / "reference" / "flexos-data"
STARS = {"R1H N1 S1H L1H", "R1H N1 S1H L2H", "R1 N1 S2H L1H", "R2 N2 S1H L1H", "R1 N1 S2H L3H"}
SQLITE = ROOT / "configs" / "sqlite"

needs_flexos = pytest.mark.skipif(not (FLEXOS / "poset.dot").is_file(), reason=f"no FlexOS data at {FLEXOS}")


@pytest.fixture(scope="module")
def data() -> flexos.Data:
    return flexos.load(FLEXOS)


@pytest.fixture
def explore(capsys):
    """./bulkhead explore ARGS run in this process (the same main(), without a Python start per call):
    (exit status, stdout lines, stderr)."""
    def run(*args: str, ok: bool = True) -> tuple[int, list[str], str]:
        capsys.readouterr()
        rc = cli.main(["explore", *args])
        out, err = capsys.readouterr()
        assert (rc == 0) == ok, err
        return rc, out.splitlines(), err
    return run


@needs_flexos
def test_poset_as_drawn_stars_the_papers_five():
    # As a user runs it: a process of its own.
    res = bulkhead("explore", "--flexos", str(FLEXOS), "--metric", "GET", "--min", "500000",
                   "--poset", str(FLEXOS / "poset.dot"), timeout=120)
    lines = res.stdout.splitlines()
    assert res.returncode == 0 and len(lines) == 5 and set(lines) == STARS, res.stdout + res.stderr
    assert "28 of 80 configurations meet GET >= 500000" in res.stderr


@needs_flexos
def test_full_order_keeps_only_the_two_that_nothing_safer_beats(explore):
    assert explore("--flexos", str(FLEXOS), "--metric", "GET", "--min", "500000")[1] == \
        ["R1H N1 S1H L2H", "R1 N1 S2H L3H"]
    # A budget nothing meets prints nothing; one everything meets prints the safest configuration.
    assert explore("--flexos", str(FLEXOS), "--metric", "GET", "--min", "2e6")[1] == []
    assert explore("--flexos", str(FLEXOS), "--metric", "GET", "--min", "0")[1] == ["R1H N1H S2H L3H"]


@needs_flexos
def test_importer_puts_csv_and_dot_numbering_into_one_form(data):
    namer = data.namer
    # The CSV's R1 N1 S2 L2 and R1 N1 S3 L3 are the dot's R2 N2 S1 L1: one partition, printed as the dot does.
    dot_form = namer.parse("R2 N2 S1 L1")
    csv_forms = {t.csv_label for t in data.tasks if t.point == dot_form}
    assert csv_forms == {"R1 N1 S2 L2", "R1 N1 S3 L3"}
    assert namer.label(namer.parse("R1 N1 S2 L2")) == "R2 N2 S1 L1"
    assert namer.parse("R1 N1 S2 L2") == namer.parse("R7 N7 S3 L3")
    assert namer.parse("R1HN1S2HL3") == namer.parse("R1H N1 S2H L3")      # the dot's node names
    # 144 tasks are 80 configurations: exactly the dot's, exactly the spreadsheet's.
    assert len(data.tasks) == 144 and len({t.point for t in data.tasks}) == 80
    assert set(data.dot) == set(data.ods) == {t.point for t in data.tasks}
    assert data.ods[namer.parse("R1H N1 S1H L1H")] == pytest.approx(523600)   # Kreq/s in the sheet
    with pytest.raises(ValueError, match="not of the form"):
        namer.parse("R1 N1 S2")


@needs_flexos
def test_every_dot_edge_follows_from_the_definition(data):
    full = order.full_order(data.dot.nodes)
    c = order.compare(data.dot, full)
    assert (len(c.unfounded), len(c.not_covering)) == (0, 0)
    assert data.dot.number_of_edges() == 166
    assert len(c.missing_covers) == 90 and c.missing_relations == 455
    # The dot links placements only without hardening: every missing cover keeps the hardening.
    assert all(a.hardened == b.hardened and a.hardened for a, b in c.missing_covers)
    # The check fails on an edge the definition does not give: between placements that keep different
    # pairs apart ({R,N,S}|{L} and {R,N,L}|{S}), or drawn the wrong way.
    for a, b in (("R1 N1 S1 L2", "R1 N1 S2 L1"), ("R1 N1 S1 L2H", "R1 N1 S1 L2")):
        wrong = data.dot.copy()
        wrong.add_edge(data.namer.parse(a), data.namer.parse(b))
        assert order.compare(wrong, full).unfounded == [(data.namer.parse(a), data.namer.parse(b))]


def test_definition_and_mechanisms():
    comps = ("a", "b", "c")
    def pt(nums: str, hard: str = "", mech: str = "mpk-light") -> model.Point:
        return model.point_from_numbers(comps, dict(zip(comps, nums)), set(hard), mech)
    ge = model.at_least_as_safe
    assert ge(pt("123"), pt("112")) and not ge(pt("112"), pt("123"))
    assert not ge(pt("112"), pt("122")) and not ge(pt("122"), pt("112"))      # different pairs apart
    assert ge(pt("112", "a"), pt("112")) and not ge(pt("123"), pt("112", "a"))  # hardening counts
    assert ge(pt("221"), pt("112")) and ge(pt("112"), pt("221"))               # numbers are only names
    # Same placement: vm >= mpk private >= mpk light; none separates nothing.
    assert ge(pt("112", mech="vm"), pt("112", mech="mpk-private"))
    assert ge(pt("112", mech="mpk-private"), pt("112")) and not ge(pt("112"), pt("112", mech="mpk-private"))
    assert ge(pt("111"), pt("123", mech="none")) and ge(pt("123", mech="none"), pt("111"))
    # More compartments under a weaker mechanism: neither is safer.
    assert not ge(pt("123"), pt("112", mech="vm")) and not ge(pt("112", mech="vm"), pt("123"))


def _db(tmp_path: Path, runs: dict[str, tuple[str, float]]) -> Path:
    """A results database of configs/sqlite/NAME.toml with the given run status and instruction count."""
    db = tmp_path / "results.db"
    conn = results.connect(db, create=True)
    for name, (status, insns) in runs.items():
        path = SQLITE / f"{name}.toml"
        key = results.add_configuration(conn, config.load(path), path.read_text(), spec="test")
        results.record_build(conn, key, "c0ffee", "ok", wall_s=1.5, image_bytes=123456,
                             manifest={"stats": {"gates": 7, "shared_globals": 2, "shadow_locals": 1}})
        results.record_run(conn, key, "c0ffee", status, guest_status=0, wall_s=2.0,
                           metrics={"insert_instructions": (insns, "instructions")})
    conn.close()
    return db


def test_results_database_round_trip(tmp_path, explore):
    db = _db(tmp_path, {"none": ("ok", 100), "mpk2": ("ok", 110), "mpk2-private": ("ok", 130),
                        "mpk3": ("ok", 120), "mpk3-private": ("ok", 150), "vm2-exit": ("ok", 300),
                        "vm2-poll": ("ok", 250), "vm3-exit": ("failed", 90)})
    conn = results.connect(db)
    row = conn.execute("SELECT r.gates, r.shared_globals, r.shadow_locals, r.image_bytes, c.mechanism, c.placement "
                       "FROM result r JOIN configuration c ON c.key = r.config WHERE c.name = 'sqlite-mpk2-private'").fetchone()
    assert row[:5] == (7, 2, 1, 123456, "mpk-private") and '"vfs": 2' in row[5]   # the kernel in a compartment of its own (configs/sqlite)
    found = {e.name: e for e in results.entries(conn, "insert_instructions")}
    assert "sqlite-vm3-exit" not in found                   # a failed run has no figure
    assert found["sqlite-vm2-exit"].point == found["sqlite-vm2-poll"].point
    conn.close()

    def safest(budget: str) -> list[str]:
        lines = explore(str(db), "--metric", "insert_instructions", "--max", budget)[1]
        return sorted(n.split(" (")[0] for l in lines for n in l.split(": ", 1)[1].split(", "))
    assert safest("200") == ["sqlite-mpk3-private"]
    # mpk2 private and mpk3 light: each keeps a pair apart more strongly than the other.
    assert safest("140") == ["sqlite-mpk2-private", "sqlite-mpk3"]
    # vm2 (equal to its exit twin, which misses the budget) against mpk3 private: incomparable.
    assert safest("260") == ["sqlite-mpk3-private", "sqlite-vm2-poll"]


@needs_flexos     # some of its cases read FlexOS's data (a clone without shared/ beside it has none)
def test_bad_inputs_say_what_is_wrong(tmp_path, explore):
    junk = tmp_path / "junk.db"
    junk.write_text("not sqlite")
    bad_dot = tmp_path / "bad.dot"
    bad_dot.write_text('digraph g { a [tooltip="R1 N1 S9"]; }')
    cases = [((str(junk), "--metric", "x", "--min", "1"), "not a bulkhead results database"),
             ((str(tmp_path / "none.db"), "--metric", "x", "--min", "1"), "no such results database"),
             (("--flexos", str(tmp_path), "--metric", "GET", "--min", "1"), "no such file"),
             (("--flexos", str(FLEXOS), "--metric", "GET"), "--min X"),
             (("--flexos", str(FLEXOS), "--metric", "GET", "--min", "1", "--poset", str(bad_dot)),
              f"{bad_dot}: error: node a: label 'R1 N1 S9' is not of the form")]
    for args, msg in cases:     # main() returns a status for these: no exception escapes
        rc, _, err = explore(*args, ok=False)
        assert rc == 1 and msg in err, (args, err)
    db = _db(tmp_path, {"mpk2": ("ok", 1.0)})
    rc, _, err = explore(str(db), "--metric", "nope", "--min", "1", ok=False)
    assert rc == 1 and "metrics in the database: insert_instructions" in err


SPEC = ROOT / "benchmarks" / "explore" / "specs" / "sqlite.toml"


def _spec(tmp_path: Path, place: str, backends: str = 'mpk = { stack = ["shared"] }', extra: str = "") -> Path:
    path = tmp_path / f"spec{len(list(tmp_path.glob('spec*.toml')))}.toml"
    path.write_text(f'name = "m"\napp = "sqlite-bench"\n{extra}\n[place]\n{place}\n[backends]\n{backends}\n')
    return path


def test_spec_expands_to_every_placement_once(tmp_path, explore):
    from bulkhead.explore import spec
    _, files, err = explore("--expand", str(SPEC), "--out", str(tmp_path))
    assert len(files) == 61 and "61 configurations (15 placements of 4 units" in err
    # Symmetry: within one backend mode, no two configurations place the components the same way.
    by_mode: dict[str, set] = {}
    for f in files:
        cfg = config.load(Path(f))                 # each is valid as ./bulkhead check reads it
        mode = cfg.backend.name + cfg.compartments[0].options.get("stack", "") + cfg.compartments[0].options.get("wake", "")
        part = frozenset(frozenset(c for c in comp.components if not c.startswith("backend-")) for comp in cfg.compartments)
        assert part not in by_mode.setdefault(mode, set()), f
        by_mode[mode].add(part)
        assert cfg.compartment_of("kernel") is cfg.compartment_of("libc") is cfg.compartment_of("sqlbench")
        assert cfg.compartment_of("vfs") is cfg.compartment_of("ramfs")
    assert {m: len(p) for m, p in by_mode.items()} == {"none": 1, "mpkshared": 15, "mpkprivate": 15,
                                                      "vmexit": 15, "vmpoll": 15}
    # The placement code is the partition's restricted growth string.
    s = spec.load(SPEC)
    assert sorted({v.code for v in spec.expand(s)[0] if v.backend == "mpk"}) == sorted(
        "".join(c) for c in ["1111", "1112", "1121", "1122", "1123", "1211", "1212", "1213", "1221", "1222",
                             "1223", "1231", "1232", "1233", "1234"])


def test_spec_constraints(tmp_path):
    from bulkhead.explore import spec
    base = ('components = ["sqlite", "libc", "vfs", "ramfs", "time"]\ntogether = [["vfs", "ramfs"]]\n'
            'follow = { kernel = "libc", sqlbench = "libc" }\n')
    def count(place: str) -> int:
        return len(spec.expand(spec.load(_spec(tmp_path, base + place)))[0])
    assert count("") == 15
    assert count("max_compartments = 2") == 1 + 7          # Stirling numbers S(4,1) + S(4,2)
    assert count("min_compartments = 4") == 1
    assert count('alone = ["sqlite"]') == 5                 # sqlite by itself, the other three: Bell(3)


def test_spec_follow_choice_is_an_axis(tmp_path, explore):
    from bulkhead.explore import spec
    place = ('components = ["sqlite", "libc", "vfs", "ramfs", "time"]\ntogether = [["vfs", "ramfs"]]\n'
             'follow = { kernel = ["libc", "alone"], sqlbench = "kernel" }\n')
    variants = spec.expand(spec.load(_spec(tmp_path, place)))[0]
    assert len(variants) == 30                              # Bell(4) placements, kernel with libc or alone
    by_code = {v.code: [set(b) for b in v.blocks] for v in variants}
    assert by_code["11231"][0] == {"kernel", "sqlite", "libc", "sqlbench"}    # with libc: first, with it
    assert by_code["11234"][0] == {"kernel", "sqlbench"}                      # alone, sqlbench follows it
    assert by_code["12345"] == [{"kernel", "sqlbench"}, {"sqlite"}, {"libc"}, {"vfs", "ramfs"}, {"time"}]
    assert len(spec.expand(spec.load(_spec(tmp_path, place + "max_compartments = 4")))[0]) == 29
    rc, _, err = explore("--expand", str(_spec(tmp_path, place.replace('sqlbench = "kernel"', 'sqlbench = "kernel", time = "sqlbench"').replace(', "time"]', ']').replace(
        'kernel = ["libc", "alone"]', 'kernel = ["libc", "time"]'))), "--out", str(tmp_path / "o"), ok=False)
    assert rc == 1 and "follow goes round in a circle: kernel, sqlbench, time" in err, err


def test_spec_errors_name_the_line(tmp_path, explore):
    place = 'components = ["sqlite", "libc", "vfs", "ramfs", "time"]\nfollow = { kernel = "libc", sqlbench = "libc" }'
    cases = [(_spec(tmp_path, place, extra='[harden]\ncomponents = ["sqlite"]'), ":3: error: per-component hardening is not available yet"),
             (_spec(tmp_path, place.replace('"time"', '"tme"')), ":5: error: unknown component 'tme'"),
             (_spec(tmp_path, place, 'mpk = { stack = ["huge"] }'), ":8: error: option stack = 'huge' is not supported"),
             (_spec(tmp_path, 'components = ["sqlite", "libc"]'), "neither placed nor following one: kernel, ramfs, sqlbench, time, vfs")]
    for path, msg in cases:
        rc, _, err = explore("--expand", str(path), "--out", str(tmp_path / "out"), ok=False)
        assert rc == 1 and msg in err, err


@needs_flexos
def test_fig08_stars_what_explore_prints(tmp_path):
    import pydot
    sys.path.insert(0, str(ROOT / "benchmarks" / "explore"))
    import plot
    stem = tmp_path / "fig"
    assert plot.main(["--flexos", str(FLEXOS), "--metric", "GET", "--min", "500000",
                      "--poset", str(FLEXOS / "poset.dot"), "-o", str(stem)]) == 0
    g = pydot.graph_from_dot_file(str(stem.with_suffix(".dot")))[0]
    nodes = [n for n in g.get_nodes() if n.get_name()[1:].isdigit()]
    red = {n.get("tooltip").strip('"').split(":")[0] for n in nodes if n.get("color") == "red"}
    assert len(nodes) == 80 and red == STARS
    assert len(g.get_edges()) - sum(1 for e in g.get_edges() if e.get("style") == "invis") == 166
    assert stem.with_suffix(".png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in stem.with_suffix(".svg").read_text()
