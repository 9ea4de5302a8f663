"""A redesigned site is noticed: `newsarchive check` and the crawl both say so.

Each test copies the NCAC mirror, changes its markup the way real redesigns
do, and serves the copy on 127.0.0.1.
"""

from __future__ import annotations

import shutil

import pytest

from crawler.mirror_server import MirrorServer, bundled_mirrors_dir
from tests.conftest import NCAC_HOST, db_rows, run_cli

pytestmark = pytest.mark.e2e


@pytest.fixture
def redesigned(tmp_path):
    """A writable copy of the mirror, served while the test runs."""
    root = tmp_path / "mirrors"
    shutil.copytree(bundled_mirrors_dir() / NCAC_HOST, root / NCAC_HOST)
    with MirrorServer(root=root) as server:
        yield root / NCAC_HOST, server.url


def crawls(db):
    return db_rows(db, "SELECT * FROM crawls")


def test_healthy_mirror_checks_ok(redesigned):
    _, url = redesigned
    result = run_cli("check", "ncac_en", "--mirror-url", url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 of 4 sections ok" in result.stdout


def test_listing_redesign_breaks_a_section(redesigned, tmp_path):
    site, url = redesigned
    # The section's listing pages become script-rendered: no links in the HTML.
    section = site / "news" / "regionalupdates"
    for page in (section / "index.html", section / "index_1.html"):
        page.write_text(
            "<!DOCTYPE html><html><head><title>Regional Updates</title></head><body>"
            '<div id="list-app" data-api="/api/list?channel=regionalupdates"></div>'
            '<script src="/static/list.js"></script></body></html>',
            encoding="utf-8",
        )

    check = run_cli("check", "ncac_en", "--mirror-url", url)
    assert check.returncode == 1
    assert "ncac_en | News > Regional Updates: BROKEN - links MISSING" in check.stdout
    assert "ncac_en | News > Top News: ok" in check.stdout
    assert "3 of 4 sections ok" in check.stdout

    db = tmp_path / "a.db"
    crawl = run_cli(
        "crawl", "ncac_en", "--mirror-url", url, "--db", str(db), "--log-level", "ERROR"
    )
    assert crawl.returncode == 1
    assert "ncac_en: degraded" in crawl.stdout
    assert (
        "section 'News > Regional Updates': no article links on its listing pages" in crawl.stdout
    )
    (row,) = crawls(db)
    assert row["status"] == "degraded" and "Regional Updates" in row["problems"]
    assert row["articles_new"] > 0  # the other sections were still archived


def test_article_redesign_to_a_script_shell_degrades_the_run(redesigned, tmp_path):
    site, url = redesigned
    # Every Top News article, in both URL forms, becomes a script-rendered shell.
    pages = sorted((site / "copyright" / "contents").rglob("*.shtml"))
    pages += sorted((site / "news" / "topnews").rglob("t*.html"))
    assert len(pages) >= 10
    for page in pages:
        page.write_text(
            "<!DOCTYPE html><html><head><title>NCAC</title></head><body>"
            '<div id="app"></div><script src="/static/app.js"></script></body></html>',
            encoding="utf-8",
        )
    check = run_cli("check", "ncac_en", "--mirror-url", url)
    assert check.returncode == 1
    assert "News > Top News: BROKEN" in check.stdout and "body MISSING" in check.stdout

    db = tmp_path / "a.db"
    crawl = run_cli(
        "crawl", "ncac_en", "--mirror-url", url, "--db", str(db), "--log-level", "ERROR"
    )
    assert crawl.returncode == 1
    assert f"no headline or body on {len(pages)} of 33 article pages" in crawl.stdout
    (row,) = crawls(db)
    assert row["status"] == "degraded"
