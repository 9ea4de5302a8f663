"""The real spider over real HTTP: the NCAC mirror served on 127.0.0.1, crawled into SQLite."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from crawler.profile import find_bundled_profile
from tests.conftest import (
    REPO,
    SEED_TITLE,
    SEED_URL,
    crawl_mirror,
    db_rows,
    mirror_article_files,
    mirror_section_counts,
    run_cli,
    scrapy_crawl,
)

pytestmark = pytest.mark.e2e


def test_crawl_archives_every_mirror_article_and_records_the_run(crawled_db):
    articles = db_rows(crawled_db)
    assert sorted(a["url"] for a in articles) == sorted(mirror_article_files())
    sections = {}
    for article in articles:
        sections[article["section"]] = sections.get(article["section"], 0) + 1
    assert sections == mirror_section_counts()

    seed = next(a for a in articles if a["url"] == SEED_URL)
    assert json.loads(seed["breadcrumb"]) == ["Home", "News", "Top News"]
    assert seed["section"] == "News > Top News"
    assert seed["title"] == SEED_TITLE
    assert seed["published"] == "2020-11-25"
    assert seed["site"] == "ncac_en" and seed["language"] == "en"
    assert len(seed["body_text"].split("\n\n")) == 3
    assert seed["body_html"].count("<p>") == 3 and "<script" not in seed["body_html"]
    assert len(seed["content_hash"]) == 64

    (crawl,) = db_rows(crawled_db, "SELECT * FROM crawls")
    assert crawl["site"] == "ncac_en"
    assert crawl["status"] == "ok" and crawl["finish_reason"] == "finished"
    assert crawl["articles_new"] == len(articles)
    assert crawl["articles_updated"] == crawl["articles_unchanged"] == crawl["errors"] == 0
    listing_pages = 9  # 3 + 2 + 2 + 2 listing pages in the four sections
    assert crawl["requests"] == len(articles) + listing_pages + 1  # + robots.txt
    assert crawl["finished"] >= crawl["started"]


def test_second_crawl_is_incremental_and_changes_nothing(tmp_path):
    db = tmp_path / "archive.db"
    first = crawl_mirror("ncac_en", db)
    assert first.returncode == 0, first.stderr[-2000:]
    before = db_rows(db)
    second = crawl_mirror("ncac_en", db)
    assert second.returncode == 0, second.stderr[-2000:]
    assert db_rows(db) == before  # nothing fetched again, nothing changed
    crawls = db_rows(db, "SELECT * FROM crawls ORDER BY id")
    # Each section's first listing page lists only known articles: no paging, and
    # the known (older than 30 days, just seen) articles are not due for revalidation.
    assert crawls[1]["requests"] == len(find_bundled_profile("ncac_en").sections) + 1
    assert crawls[1]["status"] == "ok"
    assert "ncac_en: ok - 0 articles (0 new, 0 updated, 0 unchanged)" in second.stdout


def test_full_crawl_revalidates_everything_and_changes_nothing_but_last_seen(tmp_path):
    db = tmp_path / "archive.db"
    first = crawl_mirror("ncac_en", db)
    assert first.returncode == 0, first.stderr[-2000:]
    before = db_rows(db)
    again = run_cli(
        "crawl", "ncac_en", "--mirror", "--db", str(db), "--log-level", "WARNING", "--full"
    )
    assert again.returncode == 0, again.stderr[-2000:]
    after = db_rows(db)
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert {k: v for k, v in new.items() if k != "last_seen"} == {
            k: v for k, v in old.items() if k != "last_seen"
        }
        assert new["last_seen"] >= old["last_seen"]
    crawls = db_rows(db, "SELECT * FROM crawls ORDER BY id")
    assert crawls[1]["articles_new"] == crawls[1]["articles_updated"] == 0
    assert crawls[1]["articles_unchanged"] == len(after)  # 304 Not Modified, each one
    assert f"ncac_en: ok - {len(after)} articles (0 new, 0 updated, {len(after)} unchanged)" in (
        again.stdout
    )


def test_scrapy_crawl_from_the_repository_root_uses_the_same_pipeline(tmp_path, mirror_server):
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True
    )
    assert listed.returncode == 0, listed.stderr
    assert "ncac_en" in listed.stdout.split()
    db = tmp_path / "scrapy.db"
    result = scrapy_crawl(
        "ncac_en",
        {
            "NEWSARCHIVE_MIRROR": mirror_server.url,
            "NEWSARCHIVE_DB": db,
            "LOG_LEVEL": "INFO",
            # A loopback mirror needs no politeness delay (newsarchive crawl --mirror does this).
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(db_rows(db)) == len(mirror_article_files())
    # No listening ports: telnet console and remote control are off.
    assert "Telnet console listening" not in result.stderr
    assert "RemoteControl" not in result.stderr


def test_crawl_of_an_unreachable_site_fails_with_exit_code_1(tmp_path):
    # Without --mirror the live site is tried; with a mirror that lacks the site,
    # every request answers 404, so the run archives nothing and must say so.
    db = tmp_path / "archive.db"
    result = run_cli(
        "crawl", "ncac_en", "--db", str(db), "--mirror-url", "http://127.0.0.1:9/none",
        "--log-level", "ERROR",
    )  # fmt: skip
    assert result.returncode == 1
    assert "ncac_en: failed - 0 articles" in result.stdout
    assert "Failed to fetch https://en.ncac.gov.cn/" in result.stderr
    (crawl,) = db_rows(db, "SELECT * FROM crawls")
    assert crawl["status"] == "failed" and crawl["errors"] >= 4


def test_unchanged_site_costs_few_requests_on_the_next_run():
    """The incremental benchmark's measurement on a small generated site (request counts)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_incremental", REPO / "bench" / "incremental.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    first, ratios = bench.measure(120)
    assert first == 120 + 12 + 1  # articles, listing pages, robots.txt
    assert ratios["no_revalidation"] <= 0.05
    assert ratios["with_revalidation"] <= 0.25
