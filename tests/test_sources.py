"""A Debian source package whose upstream tarball the archive does not serve (scripts/bulkhead/sources.py
_unpack_with_local_files): the missing file comes from a local folder, checked against the .dsc's
SHA-256, and dpkg-source unpacks it with Debian's patches; a wrong or absent file is an error naming
the file, its checksum and where to put it.  The package is a tiny one this test makes with
dpkg-source -b, so nothing is fetched."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bulkhead import sources
from bulkhead.diag import BulkheadError

pytestmark = pytest.mark.fast


def _package(tmp: Path) -> tuple[Path, str]:
    """tiny_1.0-1.dsc with tiny_1.0.orig.tar.gz and a Debian patch that changes hello.c; (folder, orig)."""
    if shutil.which("dpkg-source") is None:
        pytest.skip("dpkg-source (dpkg-dev) is not installed")
    up = tmp / "tiny-1.0"
    (up / "debian" / "source").mkdir(parents=True)
    (up / "hello.c").write_text("int hello(void) { return 1; }\n")
    subprocess.run(["tar", "czf", str(tmp / "tiny_1.0.orig.tar.gz"), "-C", str(tmp), "--exclude=debian",
                    "tiny-1.0"], check=True)
    (up / "debian" / "source" / "format").write_text("3.0 (quilt)\n")
    (up / "debian" / "control").write_text("Source: tiny\nMaintainer: T <t@example.org>\n\n"
                                           "Package: tiny\nArchitecture: any\nDescription: t\n t\n")
    (up / "debian" / "changelog").write_text("tiny (1.0-1) unstable; urgency=low\n\n  * t\n\n"
                                             " -- T <t@example.org>  Mon, 30 Nov 2026 00:00:00 +0000\n")
    (up / "debian" / "patches").mkdir()
    (up / "debian" / "patches" / "series").write_text("two.patch\n")
    (up / "debian" / "patches" / "two.patch").write_text(
        "--- a/hello.c\n+++ b/hello.c\n@@ -1 +1 @@\n-int hello(void) { return 1; }\n+int hello(void) { return 2; }\n")
    subprocess.run(["dpkg-source", "-b", "tiny-1.0"], cwd=tmp, check=True, capture_output=True)
    shutil.rmtree(up)
    return tmp, "tiny_1.0.orig.tar.gz"


def _archive_without(tmp: Path, orig: str) -> tuple[Path, Path]:
    """What a mirror lacking the tarball leaves: dest with the .dsc and Debian's part; the tarball aside."""
    dest, local = tmp / "dest", tmp / "local"
    dest.mkdir()
    local.mkdir()
    for f in tmp.glob("tiny_*"):
        shutil.move(str(f), str((local if f.name == orig else dest) / f.name))
    return dest, local


def test_the_missing_tarball_comes_from_a_local_folder(tmp_path, monkeypatch) -> None:
    tmp, orig = _package(tmp_path)
    dest, local = _archive_without(tmp, orig)
    monkeypatch.setenv("BULKHEAD_SOURCE_FILES", str(local))
    sources._unpack_with_local_files("tiny", dest, "E: 404")
    # Debian's patch is applied, as apt-get source would
    assert (dest / "tiny-1.0" / "hello.c").read_text() == "int hello(void) { return 2; }\n"


def test_a_wrong_or_absent_tarball_is_named_with_its_checksum(tmp_path, monkeypatch) -> None:
    tmp, orig = _package(tmp_path)
    dest, local = _archive_without(tmp, orig)
    (local / orig).write_bytes(b"not the upstream tarball")
    monkeypatch.setenv("BULKHEAD_SOURCE_FILES", str(local))
    want = sources._dsc_files(next(dest.glob("*.dsc")))[orig]
    with pytest.raises(BulkheadError) as e:
        sources._unpack_with_local_files("tiny", dest, "E: 404")
    assert f"{orig}: not served by the archive (SHA-256 {want})" in e.value.message
    assert str(local) in (e.value.hint or "") and not (dest / "tiny-1.0").exists()
    (local / orig).unlink()
    with pytest.raises(BulkheadError) as e:
        sources._unpack_with_local_files("tiny", dest, "E: 404")
    assert orig in (e.value.hint or "")
