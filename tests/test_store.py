"""The archive database, on real SQLite files in tmp_path."""

from __future__ import annotations

import json
import sqlite3

import pytest

from archive import store
from archive.search import FTS_TOKENIZER
from archive.store import SCHEMA_VERSION, Archive, ArchiveError
from tests.conftest import db_rows


def record(**changes):
    base = {
        "url": "https://en.ncac.gov.cn/copyright/contents/10361/1.shtml",
        "site": "ncac_en",
        "breadcrumb": ["Home", "News", "Top News"],
        "section": "News > Top News",
        "title": "A Pudong Headline",
        "published": "2020-11-25",
        "body_text": "First paragraph.\n\nSecond paragraph about copyright.",
        "body_html": "<p>First paragraph.</p><p>Second paragraph about copyright.</p>",
        "language": "en",
    }
    return {**base, **changes}


def rows(db_path):
    return db_rows(db_path, "SELECT * FROM articles ORDER BY id")


def as_schema(path, version: int, *statements: str | tuple[str, list]) -> None:
    """Turn the archive at PATH back into one of schema VERSION with STATEMENTS."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(*((statement,) if isinstance(statement, str) else statement))
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


# The search index of schema 9 (no prefix index), holding the same text.
SCHEMA_9_INDEX = (
    f"CREATE VIRTUAL TABLE old USING fts5(title, body_text, tokenize='{FTS_TOKENIZER}')",
    "INSERT INTO old (rowid, title, body_text) SELECT rowid, title, body_text FROM articles_fts",
    "DROP TABLE articles_fts",
    "ALTER TABLE old RENAME TO articles_fts",
)


def test_new_archive_has_schema_version_wal_and_fts(tmp_path):
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION
        assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert set(archive.db.table_names()) >= {"articles", "crawls", "articles_fts"}
        fts_sql = archive.db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
        ).fetchone()[0]
        assert "fts5" in fts_sql and "porter unicode61" in fts_sql


def test_save_new_then_unchanged_touches_only_last_seen(tmp_path):
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        assert archive.save_article(record(), seen_at="2026-01-01T00:00:00+00:00") == "new"
    before = rows(path)
    with Archive(path) as archive:
        assert archive.save_article(record(), seen_at="2026-02-01T00:00:00+00:00") == "unchanged"
    after = rows(path)
    assert len(after) == 1
    assert after[0]["last_seen"] == "2026-02-01T00:00:00+00:00"
    assert {k: v for k, v in after[0].items() if k != "last_seen"} == {
        k: v for k, v in before[0].items() if k != "last_seen"
    }
    assert json.loads(after[0]["breadcrumb"]) == ["Home", "News", "Top News"]
    assert after[0]["year"] == 2020
    assert after[0]["first_seen"] == "2026-01-01T00:00:00+00:00"


def test_changed_content_is_an_update_but_markup_alone_is_not(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        archive.save_article(record())
        markup_only = record(
            body_html="<p>First paragraph.</p>\n<p>Second paragraph about copyright.</p>"
        )
        assert archive.save_article(markup_only) == "unchanged"
        assert archive.save_article(record(title="A Corrected Headline")) == "updated"
        assert archive.article_count() == 1
        title = archive.db.execute("SELECT title FROM articles").fetchone()[0]
        assert title == "A Corrected Headline"


def test_full_text_search_covers_title_and_body(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        archive.save_article(record())
        archive.save_article(
            record(url="https://en.ncac.gov.cn/b", title="Other", body_text="Nothing")
        )
        assert [hit["title"] for hit in archive.search("pudong")] == ["A Pudong Headline"]
        assert [h["url"] for h in archive.search("copyright")] == [record()["url"]]


def test_search_finds_chinese_substrings_and_english_inflections(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        archive.save_article(
            record(url="https://x.cn/1", title="加强版权保护", body_text="国家版权局发布通知。")
        )
        archive.save_article(
            record(
                url="https://x.cn/2", title="知识产权强国建设", body_text="推进知识产权保护工作。"
            )
        )
        archive.save_article(
            record(url="https://x.cn/3", title="Copyrights Registered", body_text="Many works.")
        )
        archive.save_article(record(url="https://x.cn/4", title="Weather", body_text="Sunny."))

        def urls(query):
            return sorted(hit["url"] for hit in archive.search(query))

        assert urls("版权") == ["https://x.cn/1"]  # 知识产权 is not 版权
        assert urls("产权") == ["https://x.cn/2"]
        assert urls("知识产权") == ["https://x.cn/2"]
        assert urls("保护") == ["https://x.cn/1", "https://x.cn/2"]
        assert "https://x.cn/3" in urls("copyright")
        assert "https://x.cn/3" in urls("COPYRIGHT")
        assert "https://x.cn/3" in urls("copyrights")
        assert urls("sunny weather") == ["https://x.cn/4"]
        assert urls('"') == [] and urls("AND OR NEAR(") == []


def test_search_index_follows_updates(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        archive.save_article(record(title="旧标题", body_text="版权"))
        archive.save_article(record(title="新标题", body_text="商标"))
        assert archive.search("版权") == []
        assert [hit["title"] for hit in archive.search("商标")] == ["新标题"]


def test_crawl_rows(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        crawl_id = archive.start_crawl("ncac_en")
        assert archive.crawl(crawl_id)["status"] == "running"
        archive.finish_crawl(crawl_id, status="ok", requests=3, articles_new=2, errors=0)
        row = archive.crawl(crawl_id)
        assert (row["status"], row["requests"], row["articles_new"]) == ("ok", 3, 2)
        assert row["finished"] >= row["started"]
        with pytest.raises(ValueError):
            archive.finish_crawl(crawl_id, bogus=1)


def test_last_crawl_finished_only_after_a_run_that_ran_to_its_end(tmp_path):
    with Archive(tmp_path / "a.db") as archive:
        assert archive.last_crawl_finished("ncac_en")  # never crawled: nothing to catch up
        killed = archive.start_crawl("ncac_en")  # a killed run never finishes its row
        assert not archive.last_crawl_finished("ncac_en")
        archive.finish_crawl(killed, status="ok", finish_reason="finished")
        assert archive.last_crawl_finished("ncac_en")
        stopped = archive.start_crawl("ncac_en")
        archive.finish_crawl(stopped, status="failed", finish_reason="archive_error")
        assert not archive.last_crawl_finished("ncac_en")
        assert archive.last_crawl_finished("gov_cn")  # other sites are not affected


def test_existing_archive_is_upgraded_in_place_by_a_new_migration(tmp_path, monkeypatch):
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.save_article(record())

    def add_notes_column(db):
        db["articles"].add_column("notes", str)

    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, add_notes_column])
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION + 1
    upgraded = rows(path)
    assert upgraded[0]["title"] == "A Pudong Headline" and "notes" in upgraded[0]


def test_newer_schema_is_refused_without_modifying_the_file(tmp_path):
    path = tmp_path / "a.db"
    Archive(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ArchiveError, match="newer than this newsarchive"):
        Archive(path)
    assert path.read_bytes() == before


def test_directory_and_non_sqlite_files_are_refused(tmp_path):
    with pytest.raises(ArchiveError, match="is a directory"):
        Archive(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ArchiveError, match="not a usable SQLite database"):
        Archive(junk)
    assert junk.read_bytes() == b"this is not a database at all" * 100
    with pytest.raises(ArchiveError, match="does not exist"):
        Archive(tmp_path / "missing-dir" / "a.db")


def test_version_1_archive_is_upgraded_with_its_articles(tmp_path):
    """An archive written by the first release (schema 1) upgrades in place."""
    import sqlite_utils

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    store._migration_1(old)
    old.execute("PRAGMA user_version = 1")
    old["articles"].insert(
        {
            "url": "https://x.cn/1",
            "site": "s",
            "breadcrumb": "[]",
            "section": "",
            "title": "版权保护",
            "published": "2020-01-01",
            "body_text": "正文。",
            "body_html": "<p>正文。</p>",
            "language": "zh",
            "first_seen": "2021-01-01",
            "last_seen": "2021-01-02",
            "content_hash": "x",
        }  # fmt: skip
    )
    old.conn.commit()
    old.close()
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION
        assert [hit["url"] for hit in archive.search("版权")] == ["https://x.cn/1"]
        (row,) = rows(path)
        assert row["version_seen"] == "2021-01-01" and row["missing_runs"] == 0
        assert row["withdrawn_at"] is None


def test_a_changed_article_keeps_its_previous_version(tmp_path):
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.save_article(record(), seen_at="2026-01-01T00:00:00+00:00")
        archive.save_article(record(), seen_at="2026-01-05T00:00:00+00:00")
        changed = record(title="A Corrected Headline", body_text="New text.")
        assert archive.save_article(changed, seen_at="2026-02-01T00:00:00+00:00") == "updated"
        versions = list(archive.db["article_versions"].rows)
        events = list(archive.db["article_events"].rows)
    (version,) = versions
    assert version["title"] == "A Pudong Headline"
    assert version["body_text"] == record()["body_text"]
    assert (version["first_seen"], version["last_seen"]) == (
        "2026-01-01T00:00:00+00:00",
        "2026-01-05T00:00:00+00:00",
    )
    (row,) = rows(path)
    assert row["title"] == "A Corrected Headline"
    assert row["version_seen"] == "2026-02-01T00:00:00+00:00"
    assert row["first_seen"] == "2026-01-01T00:00:00+00:00"
    assert [e["event"] for e in events] == ["changed"]
    assert events[0]["detail"] == "changed: title, body_text"


def test_withdrawal_after_consecutive_misses_and_return(tmp_path):
    path = tmp_path / "a.db"
    url = record()["url"]
    with Archive(path) as archive:
        archive.save_article(record(), seen_at="2026-01-01T00:00:00+00:00")
        assert archive.record_missing(url, "HTTP 404", 2, "2026-01-02T00:00:00+00:00") == "missing"
        assert rows(path)[0]["withdrawn_at"] is None
        assert (
            archive.record_missing(url, "HTTP 404", 2, "2026-01-03T00:00:00+00:00") == "withdrawn"
        )
        assert archive.record_missing(url, "HTTP 410", 2, "2026-01-04T00:00:00+00:00") == "missing"
        row = rows(path)[0]
        assert row["withdrawn_at"] == "2026-01-03T00:00:00+00:00" and row["missing_runs"] == 3
        assert archive.article_count() == 1  # never deleted
        assert archive.touch_article(url, "2026-01-10T00:00:00+00:00") == "unchanged"
        events = [(e["event"], e["at"]) for e in archive.db["article_events"].rows]
    row = rows(path)[0]
    assert row["withdrawn_at"] is None and row["missing_runs"] == 0
    assert row["last_seen"] == "2026-01-10T00:00:00+00:00"
    assert events == [
        ("withdrawn", "2026-01-03T00:00:00+00:00"),
        ("restored", "2026-01-10T00:00:00+00:00"),
    ]


def test_a_miss_between_two_sightings_does_not_withdraw(tmp_path):
    url = record()["url"]
    with Archive(tmp_path / "a.db") as archive:
        archive.save_article(record())
        archive.record_missing(url, "HTTP 503", 2)
        archive.save_article(record())
        assert archive.record_missing(url, "HTTP 404", 2) == "missing"
        known = {row["url"]: row for row in archive.known_article_rows("ncac_en")}
        assert known[url]["withdrawn_at"] is None


def test_counts_and_facets_of_lists_and_searches_read_indexes_only(tmp_path):
    """Schema 7: at a million articles, reading article rows (with their bodies) to
    count a list or facet a search is what made pages slow (bench/search.py)."""
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        crawl = archive.start_crawl("ncac_en")
        for number in range(3):
            archive.save_article(record(url=f"https://en.ncac.gov.cn/{number}.shtml"))
        archive.finish_crawl(crawl, status="ok")  # takes the planner's statistics
        analysed = archive.db.execute(
            "SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles' LIMIT 1"
        ).fetchone()
        assert analysed[0].split()[0] == "3"
        searched = "id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'pudong')"
        listed = "site = 'ncac_en' AND section LIKE 'News%'"
        for where in (searched, listed):
            for facet in ("", " GROUP BY language", " GROUP BY substr(published, 1, 4)"):
                sql = f"SELECT count(*) FROM articles WHERE {where}{facet}"
                plan = " ".join(row[3] for row in archive.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
                assert "COVERING INDEX" in plan, (sql, plan)
        crawl = archive.start_crawl("ncac_en")
        archive.save_article(record(url="https://en.ncac.gov.cn/3.shtml"))
        archive.finish_crawl(crawl, status="ok")  # 4 < 2 * 3: statistics kept
        assert (
            archive.db.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles' LIMIT 1"
            ).fetchone()
            == analysed
        )


def test_schema_7_search_index_is_rebuilt_as_character_pairs(tmp_path, caplog):
    """Schema 8 re-indexes archives whose index held single Chinese characters."""
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.save_article(record(title="版权保护", body_text="加强知识产权保护。"))
    spaced = " ".join  # schema 7's form: every character a word of its own
    as_schema(
        path,
        7,
        (
            "UPDATE articles_fts SET title = ?, body_text = ?",
            [spaced("版权保护"), spaced("加强知识产权保护。")],
        ),
        "ALTER TABLE crawls DROP COLUMN shard",  # added by schema 9
    )
    with Archive(path) as archive:
        assert f"from schema 7 to {SCHEMA_VERSION}" in caplog.text  # the user knows why it waits
        assert archive.schema_version == SCHEMA_VERSION
        assert len(archive.search("知识产权")) == 1 and len(archive.search("权保")) == 1
        assert archive.search("产知") == []
    conn = sqlite3.connect(path)
    (title,) = conn.execute("SELECT title FROM articles_fts").fetchone()
    conn.close()
    assert title.split() == ["版权", "权保", "保护", "护"]


def test_a_batch_indexes_its_articles_when_it_commits(tmp_path, monkeypatch):
    """Search entries of a batch are written at its commit; a failed save leaves none."""
    first, second, third = (f"https://x.cn/{n}.html" for n in (1, 2, 3))
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.save_article(record(url=first, title="版权 alpha", body_text="Body."))
        archive.begin_batch()
        archive.save_article(record(url=second, title="beta 版权", body_text="Body."))
        archive.save_article(record(url=first, title="版权 changed", body_text="New body."))
        index = archive._index

        def index_then_fail(article_id, title, body):
            index(article_id, title, body)
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(archive, "_index", index_then_fail)
        with pytest.raises(sqlite3.OperationalError):
            archive.save_article(record(url=third, title="gamma 版权", body_text="Body."))
        monkeypatch.undo()
        archive.commit_batch()
        assert sorted(hit["url"] for hit in archive.search("版权")) == [first, second]
        assert [hit["url"] for hit in archive.search("changed")] == [first]
        assert archive.search("alpha") == [] and archive.search("gamma") == []
    conn = sqlite3.connect(path)
    indexed = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert indexed == conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    conn.close()


def test_schema_8_upgrade_adds_the_shard_of_runs(tmp_path, caplog):
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.start_crawl("ncac_en")
    as_schema(path, 8, "ALTER TABLE crawls DROP COLUMN shard")
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION
    assert f"from schema 8 to {SCHEMA_VERSION}" in caplog.text
    assert db_rows(path, "SELECT site, shard FROM crawls") == [{"site": "ncac_en", "shard": None}]


def _index_sql(path) -> str:
    conn = sqlite3.connect(path)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
    conn.close()
    return sql


def test_schema_10_rebuilds_the_search_index_with_a_prefix_index_and_finds_the_same(
    tmp_path, caplog
):
    """Schema 9's index had no prefix index; schema 10 rebuilds it from its own text."""
    path = tmp_path / "a.db"
    texts = [("版权保护", "加强知识产权保护。"), ("Copyright news", "A copyright body."),
             ("税收", "税务总局发布公告。"), ("版本", "新版本发布。")]  # fmt: skip
    with Archive(path) as archive:
        for number, (title, body) in enumerate(texts):
            archive.save_article(
                record(url=f"https://x.cn/{number}.html", title=title, body_text=body)
            )
    assert "prefix" in _index_sql(path)
    as_schema(path, 9, *SCHEMA_9_INDEX)
    assert "prefix" not in _index_sql(path)
    with Archive(path) as archive:
        assert archive.schema_version == SCHEMA_VERSION
        found = {query: sorted(hit["url"] for hit in archive.search(query))
                 for query in ("版", "税", "保护", "copyrights", "发布")}  # fmt: skip
    assert "re-indexing search" in caplog.text  # the user knows why it waits
    assert "prefix='1'" in _index_sql(path)
    assert found == {
        "版": ["https://x.cn/0.html", "https://x.cn/3.html"],
        "税": ["https://x.cn/2.html"],
        "保护": ["https://x.cn/0.html"],
        "copyrights": ["https://x.cn/1.html"],
        "发布": ["https://x.cn/2.html", "https://x.cn/3.html"],
    }
    conn = sqlite3.connect(path)
    (indexed,) = conn.execute("SELECT count(*) FROM articles_fts").fetchone()
    conn.close()
    assert indexed == len(texts)


def test_schema_10_remakes_a_search_index_dropped_by_hand(tmp_path):
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.save_article(record(title="版权保护", body_text="加强知识产权保护。"))
    as_schema(path, 9, "DROP TABLE articles_fts")
    with Archive(path) as archive:
        assert [hit["title"] for hit in archive.search("版")] == ["版权保护"]
    assert "prefix='1'" in _index_sql(path)


def test_an_upgrade_that_fails_midway_leaves_the_archive_as_it_was(tmp_path, monkeypatch):
    """Each migration is one transaction: a crash after schema 10 dropped the old index
    leaves schema 9 and its index whole, and the next open upgrades it."""
    path = tmp_path / "a.db"
    with Archive(path) as archive:
        archive.save_article(record(title="版权保护", body_text="加强知识产权保护。"))
    as_schema(path, 9, *SCHEMA_9_INDEX)
    before = _index_sql(path)
    migration_10 = store.MIGRATIONS[9]

    def crash_after(db):
        migration_10(db)  # dropped, rebuilt, renamed: then the process dies
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS[:9], crash_after])
    with pytest.raises(KeyboardInterrupt):
        Archive(path)
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "articles_fts_new" not in tables
    assert _index_sql(path) == before
    with Archive(path) as archive:
        assert [hit["title"] for hit in archive.search("版")] == ["版权保护"]
    assert "prefix='1'" in _index_sql(path)


def test_a_run_copied_from_a_shard_comes_with_its_errors_or_not_at_all(tmp_path):
    """import_crawl writes the crawls row and its fetch errors in one transaction."""
    with Archive(tmp_path / "a.db") as archive:
        crawl = {"site": "ncac_en", "started": "2026-11-30T10:00:00Z", "finished": None,
                 "requests": 3, "status": "ok"}  # fmt: skip
        broken = [{"url": "https://x.cn/1.html", "no_such_column": 1}]
        with pytest.raises(sqlite3.OperationalError):
            archive.import_crawl(crawl, broken, "shard-1.db")
        assert archive.db.execute("SELECT count(*) FROM crawls").fetchone()[0] == 0
        assert archive.import_crawl(crawl, [], "shard-1.db")
        assert archive.db.execute("SELECT count(*) FROM crawls").fetchone()[0] == 1
