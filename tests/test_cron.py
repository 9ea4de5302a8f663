"""Safe under cron: one crawl per archive at a time, quiet and JSON output, log files,
progress lines."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from archive.lock import crawl_lock
from tests.conftest import mirror_article_files, run_cli, scrapy_crawl

pytestmark = pytest.mark.e2e


def crawl_rows(db):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM crawls").fetchone()[0]
    finally:
        conn.close()


def test_second_run_on_a_locked_archive_stops_at_once_with_exit_code_3(tmp_path):
    db = tmp_path / "archive.db"
    with crawl_lock(db):  # this test process is the crawl that is still running
        result = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db))
    assert result.returncode == 3
    assert f"{db} is being crawled by process {os.getpid()}" in result.stderr
    assert "Traceback" not in result.stderr
    assert crawl_rows(db) == 0  # it made no request and recorded no run
    # Once the lock is free, the next run goes ahead.
    result = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db), "--quiet")
    assert result.returncode == 0 and crawl_rows(db) == 1


def test_quiet_prints_nothing_on_success_and_one_line_per_failure(tmp_path):
    db = tmp_path / "archive.db"
    ok = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db), "--quiet")
    assert ok.returncode == 0
    assert ok.stdout == "" and ok.stderr == ""
    failed = run_cli(
        "crawl", "ncac_en", "--db", str(db), "--mirror-url", "http://127.0.0.1:9/", "--quiet"
    )
    assert failed.returncode == 1
    (line,) = failed.stdout.splitlines()
    assert line.startswith("ncac_en: failed - 0 articles")
    assert failed.stderr == ""


def test_json_summary(tmp_path):
    db = tmp_path / "archive.db"
    result = run_cli(
        "crawl", "ncac_en", "--mirror", "--db", str(db), "--json", "--log-level", "ERROR"
    )
    assert result.returncode == 0
    summary = json.loads(result.stdout)
    assert summary["ok"] is True and summary["db"] == str(db)
    (site,) = summary["sites"]
    assert site["site"] == "ncac_en" and site["status"] == "ok"
    assert site["articles_new"] == len(mirror_article_files())
    assert site["errors"] == 0 and site["problems"] is None


def test_log_file_gets_the_full_log(tmp_path):
    db, log = tmp_path / "archive.db", tmp_path / "crawl.log"
    result = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db), "--log-file", str(log))
    assert result.returncode == 0
    text = log.read_text(encoding="utf-8")
    assert "Spider opened" in text and "Spider closed (finished)" in text
    assert "Spider opened" not in result.stderr
    assert "ncac_en: ok" in result.stdout


def test_progress_lines_per_site(tmp_path, mirror_server):
    result = scrapy_crawl(
        "ncac_en",
        {
            "NEWSARCHIVE_MIRROR": mirror_server.url,
            "NEWSARCHIVE_DB": tmp_path / "a.db",
            "NEWSARCHIVE_PROGRESS_INTERVAL": 0.2,
            "DOWNLOAD_DELAY": 0.02,
            "AUTOTHROTTLE_ENABLED": False,
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    progress = [line for line in result.stderr.splitlines() if "[newsarchive.progress]" in line]
    assert progress, result.stderr[-2000:]
    assert "ncac_en: " in progress[-1] and " pages, " in progress[-1] and " errors" in progress[-1]
