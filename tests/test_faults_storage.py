"""A full disk or a read-only archive: a clear error, a non-zero exit, nothing lost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid

import pytest

from tests.conftest import db_rows, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def tiny_disk(tmp_path):
    """A 600 KB file system (tmpfs): a crawl of the NCAC mirror does not fit."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


@pytest.fixture
def immutable(tmp_path):
    made = []

    def make(path):
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i is not available here: {done.stderr.decode().strip()}")
        made.append(path)

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def fill_leaving(folder, free_bytes: int) -> None:
    """Fill FOLDER's file system but for FREE_BYTES."""
    stat = os.statvfs(folder)
    available = stat.f_bavail * stat.f_frsize
    (folder / "filler").write_bytes(bytes(max(0, available - free_bytes)))


def test_full_disk_stops_with_a_clear_error_and_keeps_what_was_archived(tiny_disk, tmp_path):
    db = tiny_disk / "archive.db"
    first = run_cli("crawl", "ncac_zh", "--mirror", "--db", str(db), "--quiet")
    assert first.returncode == 0, first.stderr[-2000:]
    archived = db_rows(db, "SELECT * FROM articles ORDER BY url")
    assert archived
    # Room for a few articles and their capture, not for the 33 of the next site.
    fill_leaving(tiny_disk, 150_000)

    result = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db), "--log-level", "ERROR")

    assert result.returncode == 1
    assert "ncac_en: failed" in result.stdout
    assert "Traceback" not in result.stderr
    assert "No space left on device" in result.stderr or "database or disk is full" in result.stderr
    # The database with its write-ahead log, as SQLite will read it next time.
    copy = tmp_path / "copy.db"
    for suffix in ("", "-wal", "-shm"):
        if (tiny_disk / f"archive.db{suffix}").exists():
            shutil.copy(tiny_disk / f"archive.db{suffix}", tmp_path / f"copy.db{suffix}")
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = [row[0] for row in conn.execute("SELECT title FROM articles")]
        # and each is in the search index (written with its batch, or not at all)
        indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    finally:
        conn.close()
    assert all(titles)  # every article row is whole
    assert indexed == len(titles)
    # What was archived before the disk filled up is all there, unchanged.
    assert db_rows(copy, "SELECT * FROM articles WHERE site = 'ncac_zh' ORDER BY url") == archived


def test_read_only_archive_is_refused_before_any_request(tmp_path, immutable):
    db = tmp_path / "archive.db"
    assert run_cli("crawl", "ncac_en", "--mirror", "--db", str(db), "--quiet").returncode == 0
    immutable(db)
    before = db.read_bytes()
    result = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db))
    assert result.returncode == 2
    assert f"{db} is read-only; a crawl needs to write to it" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_full_disk_at_the_start_of_a_run_is_one_line(tiny_disk):
    db = tiny_disk / "archive.db"
    first = run_cli("crawl", "ncac_zh", "--mirror", "--db", str(db), "--quiet")
    assert first.returncode == 0, first.stderr[-2000:]
    fill_leaving(tiny_disk, 0)

    result = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db), "--log-level", "INFO")

    assert result.returncode in (1, 2), result.stdout + result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "No space left on device" in result.stderr or "disk is full" in result.stderr
