"""Diagnostics: errors the user can act on, formatted like compilers print them."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

PROG = "bulkhead"


@dataclass
class Location:
    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


class BulkheadError(Exception):
    """An error caused by the user's input or environment: printed, exit status `status`."""

    def __init__(self, message: str, where: Location | None = None, hint: str | None = None,
                 status: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint
        self.status = status

    def __str__(self) -> str:
        head = f"{PROG}: {self.where}: error: {self.message}" if self.where \
            else f"{PROG}: error: {self.message}"
        return head + (f"\n{PROG}: note: {self.hint}" if self.hint else "")


def info(msg: str) -> None:
    """Progress on stderr, so stdout stays the guest console / the image path."""
    print(f"{PROG}: {msg}", file=sys.stderr, flush=True)
