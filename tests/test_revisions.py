"""A faithful archive: changed articles keep their versions, vanished ones are withdrawn
(never deleted), and their return is recorded.  Mirror articles are changed, removed,
redirected away and restored between real crawls."""

from __future__ import annotations

import shutil
import time

import pytest

from crawler.mirror_server import MirrorServer, bundled_mirrors_dir
from tests.conftest import NCAC_HOST, SEED_URL, db_rows, run_cli

pytestmark = pytest.mark.e2e

CHANGED = "https://en.ncac.gov.cn/copyright/contents/10361/329822.shtml"
REMOVED = "https://en.ncac.gov.cn/copyright/contents/10361/329959.shtml"
REDIRECTED = "https://en.ncac.gov.cn/copyright/contents/10361/330096.shtml"


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "mirrors"
    shutil.copytree(bundled_mirrors_dir() / NCAC_HOST, root / NCAC_HOST)
    with MirrorServer(root=root) as server:
        yield root / NCAC_HOST, server.url, tmp_path / "archive.db"


def page(site_dir, url):
    return site_dir / url.removeprefix(f"https://{NCAC_HOST}/")


def crawl(url, db, *extra):
    result = run_cli(
        "crawl", "ncac_en", "--mirror-url", url, "--db", str(db), "--log-level", "ERROR", *extra
    )
    return result


def article(db, url):
    (row,) = db_rows(db, "SELECT * FROM articles WHERE url = ?", url)
    return row


def test_change_withdrawal_and_return(site):
    site_dir, url, db = site
    assert crawl(url, db).returncode == 0
    original = article(db, CHANGED)

    # A correction: the headline and a paragraph change.
    html = page(site_dir, CHANGED).read_text(encoding="utf-8")
    first_paragraph = original["body_text"].split("\n\n")[0]
    html = html.replace(original["title"], "Corrected: " + original["title"])
    html = html.replace(first_paragraph[:60], "In a correction, " + first_paragraph[:60], 1)
    page(site_dir, CHANGED).write_text(html, encoding="utf-8")
    # A withdrawal: one page is deleted, another now redirects to the home page.
    removed_html = page(site_dir, REMOVED).read_bytes()
    page(site_dir, REMOVED).unlink()
    (site_dir / "mirror.toml").write_text(
        '[[redirects]]\npath = "/copyright/contents/10361/330096.shtml"\n'
        'location = "/index.html"\n',
        encoding="utf-8",
    )

    # The archive's times are to the second: the correction must come a second later.
    time.sleep(1.01 - time.time() % 1)
    second = crawl(url, db, "--full")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "1 updated" in second.stdout
    changed = article(db, CHANGED)
    assert changed["title"] == "Corrected: " + original["title"]
    (version,) = db_rows(db, "SELECT * FROM article_versions WHERE url = ?", CHANGED)
    assert version["title"] == original["title"]
    assert version["body_text"] == original["body_text"]
    assert version["content_hash"] == original["content_hash"]
    assert version["first_seen"] == original["version_seen"]
    assert version["last_seen"] == original["last_seen"]
    assert changed["version_seen"] > original["version_seen"]
    for gone in (REMOVED, REDIRECTED):  # one miss is not yet a withdrawal
        row = article(db, gone)
        assert row["missing_runs"] == 1 and row["withdrawn_at"] is None

    third = crawl(url, db)  # an ordinary run: missing articles are checked on every run
    assert third.returncode == 0, third.stdout + third.stderr
    assert "2 withdrawn" in third.stdout
    for gone in (REMOVED, REDIRECTED):
        row = article(db, gone)
        assert row["withdrawn_at"] is not None and row["missing_runs"] == 2
        assert row["title"] and row["body_text"]  # never deleted
    events = db_rows(db, "SELECT url, event, detail FROM article_events ORDER BY id")
    assert {(e["url"], e["event"]) for e in events} >= {
        (CHANGED, "changed"), (REMOVED, "withdrawn"), (REDIRECTED, "withdrawn"),
    }  # fmt: skip
    details = {e["url"]: e["detail"] for e in events if e["event"] == "withdrawn"}
    assert details[REMOVED] == "HTTP 404"
    assert details[REDIRECTED].startswith("redirected to https://en.ncac.gov.cn/")

    # The page comes back.
    page(site_dir, REMOVED).write_bytes(removed_html)
    fourth = crawl(url, db, "--full")
    assert fourth.returncode == 0
    restored = article(db, REMOVED)
    assert restored["withdrawn_at"] is None and restored["missing_runs"] == 0
    assert db_rows(db, "SELECT event FROM article_events WHERE url = ? ORDER BY id", REMOVED) == [
        {"event": "withdrawn"},
        {"event": "restored"},
    ]
    assert article(db, SEED_URL)["withdrawn_at"] is None
