"""The plugin from plain clang, as README.md documents it: the README shows what `./bulkhead link-line
CONFIG` prints (compile and tag lines of the app's own components, the one clang link line naming every
object bulkhead provides, the post-link check, the boot), and these tests run exactly those lines: the
README's own block for the demo, and link-line's lines for an app of the test's own, two components
compiled and tagged with clang and opt alone."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, abi, bulkhead

pytestmark = pytest.mark.qemu

README = ROOT / "README.md"
DEMO = "configs/demo/mpk3.toml"
BLOCK = re.compile(r"<!-- link-line (\S+) -->\n```sh\n(.*?)```\n<!-- /link-line -->", re.S)


def readme_block() -> tuple[str, str]:
    m = BLOCK.search(README.read_text())
    assert m, "README.md has no <!-- link-line CONFIG --> block"
    return m.group(1), m.group(2)


def run_lines(lines: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Every line in order, as a shell runs them from the repository root; the last one (the boot) is
    returned, every other one must succeed."""
    cmds = [l for l in lines if l.strip() and not l.startswith("#")]
    assert cmds[-1].startswith("./bulkhead run "), cmds[-1]
    for c in cmds[:-1]:
        res = subprocess.run(c, shell=True, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
        assert res.returncode == 0, f"{c}\n{res.stdout}{res.stderr}"
    return subprocess.run(cmds[-1] + " --timeout 60", shell=True, cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300)


def test_readme_lines_are_link_lines_output_and_build_the_demo() -> None:
    config, shown = readme_block()
    assert config == DEMO
    res = bulkhead("link-line", DEMO)
    assert res.returncode == 0, res.stderr
    assert res.stdout == shown, "README.md's link-line block is stale; paste this output:\n" + res.stdout
    lines = shown.splitlines()
    assert any(l.startswith("opt-") and "bulkhead-tag<thief>" in l for l in lines)
    boot = run_lines(lines)                       # the README's own lines, as written there
    assert boot.returncode == abi.EXIT_ISOLATION_FAULT, boot.stdout + boot.stderr
    assert re.search(r"by       thief_steal\+0x[0-9a-f]+ .*compartment 'untrusted'", boot.stdout), boot.stdout


OWN = {
    "app/main.c": """#include <bulkhead/console.h>
int keeper_add(int a, int b);
const char *keeper_leak(void);
int main(void)
{
	bh_printf("recipe: 20 + 22 = %d\\n", keeper_add(20, 22));
	const char *p = keeper_leak();
	bh_printf("recipe: reading the keeper's secret\\n");
	bh_printf("recipe: stole '%s'\\n", p);
	return 0;
}
""",
    "keeper/keeper.c": """char keeper_secret[16] = "KEEPER-SECRET";
int keeper_add(int a, int b) { return a + b; }
const char *keeper_leak(void) { return keeper_secret; }
""",
    # a pattern, resolved by link-line against what keeper defines (the pass takes only precise lists)
    "keeper/component.toml": 'exports = ["keeper_add", "keeper_l*"]\n',
}


def own_app(tmp_path: Path, backend: str) -> tuple[Path, dict[str, str]]:
    apps = tmp_path / "apps"
    for rel, text in OWN.items():
        (apps / "recipe" / rel).parent.mkdir(parents=True, exist_ok=True)
        (apps / "recipe" / rel).write_text(text)
    cfg = tmp_path / f"recipe-{backend}.toml"
    cfg.write_text(f'name = "test-recipe-{backend}"\napp = "recipe"\n\n'
                   f'[[compartment]]\nname = "main"\nbackend = "{backend}"\ncomponents = ["kernel", "app"]\n\n'
                   f'[[compartment]]\nname = "keeper"\nbackend = "{backend}"\ncomponents = ["keeper"]\n')
    return cfg, dict(os.environ, BULKHEAD_APPS=str(apps))


@pytest.mark.parametrize("backend", ["none", "mpk"])
def test_own_components_with_plain_clang_and_opt(tmp_path: Path, backend: str) -> None:
    cfg, env = own_app(tmp_path, backend)
    out = tmp_path / "out"
    res = subprocess.run(["/usr/bin/python3", str(BULKHEAD), "link-line", str(cfg), "--dir", str(out)],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    # the two components are compiled and tagged by the printed clang and opt lines, nothing else
    for comp, src in (("app", "main.c"), ("keeper", "keeper.c")):
        assert any(l.startswith("clang-") and l.endswith(f"-o {out}/own/{comp}-{Path(src).stem}.o")
                   and f"/recipe/{comp}/{src}" in l for l in lines), lines
        assert any(l.startswith("opt-") and f"bulkhead-tag<{comp}>" in l for l in lines), lines
    assert not list(out.glob("own/*.o")), "link-line compiled the app's own components itself"
    boot = run_lines(lines, env)
    assert "recipe: 20 + 22 = 42" in boot.stdout, boot.stdout + boot.stderr
    if backend == "none":
        assert boot.returncode == 0 and "recipe: stole 'KEEPER-SECRET'" in boot.stdout, boot.stdout
    else:
        assert boot.returncode == abi.EXIT_ISOLATION_FAULT, boot.stdout + boot.stderr
        assert "KEEPER-SECRET" not in boot.stdout
        assert re.search(r"address  keeper_secret\+0x0 \(object\) in component 'keeper', compartment 'keeper'",
                         boot.stdout), boot.stdout
    assert (out / "manifest.json").is_file()      # the pass's manifest beside the image, not the driver's
    passed = (out / "config.json").read_text()   # what the pass was given: the pattern resolved
    assert '"keeper_leak"' in passed and "keeper_l*" not in passed, passed
