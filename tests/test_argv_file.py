"""main's arguments from the boot file /etc/argv (kernel/main.c): one argument per line, as written,
after the image's name; readable from another compartment (apps/argv's peer); refused with a line
naming the file when there are more than 64, and then main gets the image's name alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_lines

pytestmark = pytest.mark.qemu


@pytest.mark.parametrize("config", ["mpk-private", "vm"])
def test_lines_of_etc_argv_are_the_arguments(tmp_path: Path, config: str) -> None:
    f = tmp_path / "argv"
    f.write_text("-s\n\nlast words, with spaces\n")
    lines = run_lines(f"argv/{config}", "argv:", "180", "--file", f"{f}:/etc/argv")
    assert lines == ["argv: argc 4",
                     f"argv: argv[0] 'argv-{config}', argv[argc] NULL, envp[0] NULL",
                     f"argv: the peer counts {len('argv-' + config)} characters in argv[0]",
                     "argv: argv[0] written: 'A'",
                     "argv: argv[1] '-s'",
                     "argv: argv[2] ''",
                     "argv: argv[3] 'last words, with spaces'",
                     "argv: the peer counts 23 characters in argv[3]"]


def test_too_many_arguments_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "argv"
    f.write_text("".join(f"a{i}\n" for i in range(65)))
    lines = run_lines("argv/none", "", "120", "--file", f"{f}:/etc/argv")
    assert "bulkhead: /etc/argv: more than 64 arguments (lines); main gets none" in lines, lines
    assert "argv: argc 1" in lines, lines
