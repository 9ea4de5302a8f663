"""`newsarchive merge` on real archive files: shards replayed in time order."""

from __future__ import annotations

import sqlite3

from archive.merge import merge_shards
from archive.store import Archive
from tests.conftest import db_rows
from tests.test_store import record

X = "https://en.ncac.gov.cn/copyright/contents/10361/1.shtml"
Y = "https://en.ncac.gov.cn/copyright/contents/10361/2.shtml"


def make_shards(tmp_path):
    first, second = tmp_path / "shard1.db", tmp_path / "shard2.db"
    with Archive(first) as shard:
        shard.save_article(record(url=X), seen_at="2026-01-01T00:00:00+00:00")
        shard.touch_article(X, "2026-01-02T00:00:00+00:00")
        shard.save_article(record(url=Y, title="Y"), seen_at="2026-01-01T00:00:00+00:00")
        shard.record_missing(Y, "HTTP 404", 1, "2026-01-03T00:00:00+00:00")
    with Archive(second) as shard:
        # A later run's process fetched X again, changed, and then saw it again.
        shard.save_article(record(url=X, title="X, corrected"), seen_at="2026-01-05T00:00:00+00:00")
        shard.save_article(
            record(url=X, title="X, corrected twice"), seen_at="2026-01-06T00:00:00+00:00"
        )
        shard.touch_article(X, "2026-01-07T00:00:00+00:00")
    return [first, second]


def test_merge_replays_every_version_in_time_order(tmp_path):
    shards = make_shards(tmp_path)
    target = tmp_path / "archive.db"

    result = merge_shards(target, shards)

    assert result.outcomes == {"new": 2, "updated": 2, "unchanged": 0}
    assert result.withdrawn == 1
    (x,) = db_rows(target, "SELECT * FROM articles WHERE url = ?", X)
    assert x["title"] == "X, corrected twice"
    assert x["first_seen"] == "2026-01-01T00:00:00+00:00"
    assert x["version_seen"] == "2026-01-06T00:00:00+00:00"
    assert x["last_seen"] == "2026-01-07T00:00:00+00:00"
    versions = db_rows(
        target, "SELECT title, first_seen, last_seen FROM article_versions ORDER BY first_seen"
    )
    assert versions == [
        {"title": "A Pudong Headline", "first_seen": "2026-01-01T00:00:00+00:00",
         "last_seen": "2026-01-02T00:00:00+00:00"},
        {"title": "X, corrected", "first_seen": "2026-01-05T00:00:00+00:00",
         "last_seen": "2026-01-05T00:00:00+00:00"},
    ]  # fmt: skip
    events = db_rows(target, "SELECT url, event FROM article_events ORDER BY at")
    assert events == [
        {"url": Y, "event": "withdrawn"},
        {"url": X, "event": "changed"},
        {"url": X, "event": "changed"},
    ]
    (y,) = db_rows(target, "SELECT withdrawn_at FROM articles WHERE url = ?", Y)
    assert y["withdrawn_at"] == "2026-01-03T00:00:00+00:00"
    with Archive(target) as archive:
        assert [row["url"] for row in archive.search("corrected")] == [X]


def test_merging_again_changes_nothing(tmp_path):
    shards = make_shards(tmp_path)
    target = tmp_path / "archive.db"
    merge_shards(target, shards)
    tables = ("articles", "article_versions", "article_events", "crawls", "fetch_errors")
    before = {table: db_rows(target, f"SELECT * FROM {table}") for table in tables}

    again = merge_shards(target, list(reversed(shards)))

    assert again.outcomes == {"new": 0, "updated": 0, "unchanged": 0}
    assert {table: db_rows(target, f"SELECT * FROM {table}") for table in tables} == before


def test_past_withdrawals_and_returns_are_kept_with_their_reasons(tmp_path):
    """An article withdrawn for a while and back since shows neither in its versions
    (the same text before and after) nor in its current state; merge copies the events."""
    shard, target = tmp_path / "shard.db", tmp_path / "archive.db"
    with Archive(shard) as archive:
        archive.save_article(record(url=X), seen_at="2026-01-01T00:00:00+00:00")
        archive.record_missing(X, "HTTP 404", 1, "2026-01-02T00:00:00+00:00")
        archive.touch_article(X, "2026-01-03T00:00:00+00:00")  # back, unchanged
        archive.save_article(record(url=Y, title="Y"), seen_at="2026-01-01T00:00:00+00:00")
        archive.record_missing(Y, "redirected to https://en.ncac.gov.cn/", 1,
                               "2026-01-04T00:00:00+00:00")  # fmt: skip
    history = "SELECT url, at, event, detail FROM article_events ORDER BY at, event"

    result = merge_shards(target, [shard])

    assert db_rows(target, history) == db_rows(shard, history)
    assert [(row["url"], row["event"]) for row in db_rows(target, history)] == [
        (X, "withdrawn"), (X, "restored"), (Y, "withdrawn"),
    ]  # fmt: skip
    assert result.events == 2  # Y's withdrawal is current: replayed, with its reason
    (x,) = db_rows(target, "SELECT withdrawn_at, last_seen FROM articles WHERE url = ?", X)
    assert x == {"withdrawn_at": None, "last_seen": "2026-01-03T00:00:00+00:00"}

    again = merge_shards(target, [shard])
    assert again.events == 0
    assert db_rows(target, history) == db_rows(shard, history)


def test_merged_runs_say_which_shard_they_came_from(tmp_path):
    first, second, target = tmp_path / "shard-1.db", tmp_path / "shard-2.db", tmp_path / "a.db"
    for shard in (first, second):
        with Archive(shard) as archive:
            crawl_id = archive.start_crawl("ncac_en")
            archive.record_fetch_error(crawl_id, "ncac_en", X, "http", 500, "HTTP 500")
            archive.finish_crawl(crawl_id, status="degraded", requests=3, errors=1)
    with Archive(target) as archive:
        own = archive.start_crawl("ncac_zh")  # a run into the target itself

    merge_shards(target, [first, second])
    merge_shards(tmp_path / "b.db", [target])  # a merged archive merged again

    runs = "SELECT site, shard FROM crawls ORDER BY id"
    assert db_rows(target, runs) == [
        {"site": "ncac_zh", "shard": None},
        {"site": "ncac_en", "shard": "shard-1.db"},
        {"site": "ncac_en", "shard": "shard-2.db"},
    ]
    assert db_rows(tmp_path / "b.db", runs) == [
        {"site": "ncac_zh", "shard": "a.db"},
        {"site": "ncac_en", "shard": "shard-1.db"},
        {"site": "ncac_en", "shard": "shard-2.db"},
    ]
    assert own == 1
    # Runs merged before the archive had the column: merging again does not copy them twice.
    conn = sqlite3.connect(target)
    conn.execute("UPDATE crawls SET shard = NULL")
    conn.commit()
    conn.close()
    merge_shards(target, [first, second])
    assert len(db_rows(target, runs)) == 3
