"""File locks between ./bulkhead processes: one exclusive lock per thing built (a cache entry, an image folder).

A lock is an fcntl.flock on a small file next to what it guards (`<thing>.lock`, kept: removing a lock
file another process waits on would let a third take a fresh one).  The kernel drops it when the holder
exits, however it exits (kill -9 included), so a lock never outlives its process and nobody cleans up
after a dead holder.  Anything that builds into a shared folder takes the lock of what it builds first;
`./bulkhead build` and a later `./bulkhead matrix -j N` use the same locks, so two processes never build
the same thing at once and the second reuses what the first made.

Order, to rule out deadlock: a process holds at most one image lock, and takes cache-entry locks only
while it holds no other cache-entry lock, except a provider's own lock (newlib, sqlite) taken while
holding the entry of the component it provides for.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Iterator

from .diag import info


def lock_path(thing: Path) -> Path:
    """The lock file that guards `thing` (a file or folder that may not exist yet)."""
    return thing.with_name(thing.name + ".lock")


def _open(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)


@contextlib.contextmanager
def exclusive(thing: Path, what: str | None = None) -> Iterator[None]:
    """Hold the exclusive lock of `thing` for the body; wait (saying so) while another process holds it."""
    fd = _open(lock_path(thing))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            info(f"waiting for another bulkhead process building {what or thing}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)     # closing the last descriptor releases the lock


@contextlib.contextmanager
def attempt(thing: Path) -> Iterator[bool]:
    """Take the lock of `thing` without waiting; the body gets whether it holds it.  A lock file that
    does not exist is created (nobody can be holding it)."""
    fd = _open(lock_path(thing))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
