"""component.toml `exports` and `exports_headers` resolve to a precise list against what the component
defines (scripts/bulkhead/exportlist.py, docs/design.md 4b): a name or pattern that matches nothing is an
error naming the file, line and closest names; headers and patterns give exactly the defined symbols
they name.  A tiny component compiled for real (clang, the plugin's tag step, llvm-nm)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT  # noqa: F401  (puts scripts/ on sys.path)
from bulkhead import components, paths
from bulkhead.diag import BulkheadError

pytestmark = pytest.mark.fast

SOURCE = """
int lib_table[4];
static int counter;
int lib_open(int x) { return x + counter++; }
int lib_close(int x) { return x - 1; }
int lib_helper_a(void) { return lib_table[0]; }
int lib_helper_b(void) { return lib_table[1]; }
int internal_only(void) { return 7; }
"""
HEADER = """/* lib.h: internal_only is mentioned only in this comment */
extern int lib_table[4];
int lib_open(int x);
#define LIB_CLOSE(x) lib_close(x)
"""


def _component(tmp: Path, toml: str) -> components.Component:
    folder = tmp / "exlib"
    (folder / "include").mkdir(parents=True, exist_ok=True)
    (folder / "lib.c").write_text(SOURCE)
    (folder / "include" / "lib.h").write_text(HEADER)
    (folder / "component.toml").write_text(toml)
    return components._make("exlib", folder, [folder / "include", paths.KERNEL_DIR / "include"], False)


def _resolve(tmp: Path, toml: str) -> list[str]:
    comp = _component(tmp, toml)
    components.bitcode(comp, components.BuildStats())
    return list(comp.entry_points or [])


def test_unknown_export_name_is_an_error_with_line_and_closest_names(tmp_path: Path) -> None:
    toml = 'description = "x"\nexports = [\n  "lib_close",\n  "lib_opne",\n]\n'
    with pytest.raises(BulkheadError) as e:
        _resolve(tmp_path, toml)
    text = str(e.value)
    assert f"{tmp_path / 'exlib' / 'component.toml'}:4" in text, text
    assert "'lib_opne' matches no function or global that component 'exlib' defines" in text, text
    assert "did you mean 'lib_open'" in text, text


def test_pattern_matching_nothing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BulkheadError) as e:
        _resolve(tmp_path, 'exports = ["lib_open", "libx_*"]\n')
    assert "component.toml:1" in str(e.value) and "pattern 'libx_*'" in str(e.value), str(e.value)


def test_header_pattern_matching_no_header_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BulkheadError) as e:
        _resolve(tmp_path, 'exports_headers = ["nosuch.h"]\n')
    assert "component.toml:1" in str(e.value) and "no header matches 'nosuch.h'" in str(e.value), str(e.value)


def test_patterns_and_headers_resolve_to_exactly_the_defined_names(tmp_path: Path) -> None:
    # a static (counter) is never exported; a name only in a comment is not a header's name
    assert _resolve(tmp_path, 'exports = ["lib_helper_*"]\n') == ["lib_helper_a", "lib_helper_b"]
    assert _resolve(tmp_path, 'exports_headers = ["*.h"]\n') == ["lib_close", "lib_open", "lib_table"]
    assert _resolve(tmp_path, 'exports = ["internal_only"]\nexports_headers = ["lib.h"]\n') == \
        ["internal_only", "lib_close", "lib_open", "lib_table"]
