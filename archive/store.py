"""The archive database: its schema, its migrations and every write to it.

This module is the only code that knows the table layout.  Everything goes
through sqlite-utils.  The schema version lives in SQLite's `user_version`
pragma; each entry of MIGRATIONS upgrades an archive by one version, so an
existing archive is upgraded in place and never rebuilt.  Opening a database
from a newer newsarchive is refused rather than risked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import sqlite_utils

from archive.search import FTS_OPTIONS, fts_query, search_form

logger = logging.getLogger(__name__)

ARTICLE_FIELDS = (
    "url", "site", "breadcrumb", "section", "title", "published",
    "body_text", "body_html", "language",
)  # fmt: skip
# The fields whose change is a change of the article; body_html is not among them,
# so a change of markup alone is not a new version.
CONTENT_FIELDS = ("title", "published", "breadcrumb", "section", "body_text")
SaveOutcome = Literal["new", "updated", "unchanged"]
# A crawl commits its writes in batches of this many, or every COMMIT_SECONDS
# (crawler.pipelines; Archive.begin_batch says why).
COMMIT_EVERY = 100
COMMIT_SECONDS = 1.0


class ArchiveError(Exception):
    """The database cannot be used: the message says why in one line."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 over the fields that make an article what it is."""
    payload = {name: record.get(name) for name in CONTENT_FIELDS}
    if isinstance(payload["breadcrumb"], str):
        payload["breadcrumb"] = json.loads(payload["breadcrumb"])
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _migration_1(db: sqlite_utils.Database) -> None:
    """Articles with full-text search, and one row per crawl of a site."""
    # Raw SQL for the table only because sqlite-utils cannot declare a generated
    # column; `year` is derived from `published` for Datasette's year facet.
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            site TEXT NOT NULL,
            breadcrumb TEXT NOT NULL DEFAULT '[]',
            section TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL,
            published TEXT,
            year INTEGER GENERATED ALWAYS AS (CAST(substr(published, 1, 4) AS INTEGER)) VIRTUAL,
            body_text TEXT NOT NULL DEFAULT '',
            body_html TEXT NOT NULL DEFAULT '',
            language TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            content_hash TEXT NOT NULL
        )
        """
    )
    articles = db["articles"]
    articles.create_index(["site", "published"])
    articles.create_index(["section"])
    articles.create_index(["published"])
    articles.enable_fts(["title", "body_text"], create_triggers=True)
    db["crawls"].create(
        {
            "id": int,
            "site": str,
            "started": str,
            "finished": str,
            "status": str,
            "finish_reason": str,
            "requests": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "errors": int,
        },
        pk="id",
        not_null={"site", "started", "status"},
        defaults={
            "status": "running",
            "requests": 0,
            "articles_new": 0,
            "articles_updated": 0,
            "articles_unchanged": 0,
            "errors": 0,
        },
    )
    db["crawls"].create_index(["site", "started"])


def _migration_2(db: sqlite_utils.Database) -> None:
    """Search in Chinese and English: the index holds each text's search form.

    Version 1 indexed titles and bodies as stored, which finds English words
    but no Chinese word inside a sentence.  The new index is filled by
    Archive.save_article (not by triggers, since the search form is computed
    in Python); existing articles are indexed here.
    """
    db["articles"].disable_fts()
    _build_search_index(db)


def _create_search_index(db: sqlite_utils.Database, name: str = "articles_fts") -> None:
    db.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(title, body_text, {FTS_OPTIONS})")


def _build_search_index(db: sqlite_utils.Database) -> None:
    """The search index, made and filled from the articles table."""
    _create_search_index(db)
    _index_every_article(db)


_INDEX_ROW = "INSERT INTO articles_fts (rowid, title, body_text) VALUES (?, ?, ?)"


def _index_every_article(db: sqlite_utils.Database, batch: int = 500) -> None:
    """Fill the empty search index from the articles table, a batch at a time."""
    rows = db.conn.execute("SELECT id, title, body_text FROM articles")
    while chunk := rows.fetchmany(batch):
        db.conn.executemany(
            _INDEX_ROW, [(row[0], search_form(row[1]), search_form(row[2])) for row in chunk]
        )


def _index_articles(db: sqlite_utils.Database, texts: Mapping[int, tuple[str, str]]) -> None:
    """(Re-)index articles for search: {article id: (title, body)}."""
    if not texts:
        return
    db.conn.executemany("DELETE FROM articles_fts WHERE rowid = ?", [[key] for key in texts])
    db.conn.executemany(
        _INDEX_ROW,
        [(key, search_form(title), search_form(body)) for key, (title, body) in texts.items()],
    )


def _migration_3(db: sqlite_utils.Database) -> None:
    """crawls.problems: why a run was degraded (a section without articles, ...)."""
    db["crawls"].add_column("problems", str)


def _migration_4(db: sqlite_utils.Database) -> None:
    """Every version of an article, withdrawals, and validators for conditional requests.

    articles.version_seen is when the current version was first seen;
    article_versions keeps each earlier version with the time it was first and
    last seen; article_events records changes, withdrawals and returns.
    """
    articles = db["articles"]
    articles.add_column("version_seen", str)
    articles.add_column("etag", str)
    articles.add_column("last_modified", str)
    articles.add_column("missing_runs", int, not_null_default=0)
    articles.add_column("withdrawn_at", str)
    db.execute("UPDATE articles SET version_seen = first_seen")
    db["article_versions"].create(
        {
            "id": int,
            "article_id": int,
            "url": str,
            "site": str,
            "breadcrumb": str,
            "section": str,
            "title": str,
            "published": str,
            "body_text": str,
            "body_html": str,
            "language": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
        },  # fmt: skip
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id", "first_seen"])
    db["article_events"].create(
        {"id": int, "article_id": int, "url": str, "at": str, "event": str, "detail": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_events"].create_index(["article_id", "at"])
    db["article_events"].create_index(["event", "at"])
    db["crawls"].add_column("articles_withdrawn", int, not_null_default=0)


def _migration_5(db: sqlite_utils.Database) -> None:
    """The WARC record each version of an article was read from."""
    for table in ("articles", "article_versions"):
        db[table].add_column("warc_file", str)
        db[table].add_column("warc_record_id", str)


def _migration_6(db: sqlite_utils.Database) -> None:
    """Failed fetches of each run: a bad night is on record, not only in a log file."""
    db["fetch_errors"].create(
        {
            "id": int,
            "crawl_id": int,
            "site": str,
            "url": str,
            "kind": str,
            "status": int,
            "message": str,
            "at": str,
        },  # fmt: skip
        pk="id",
        not_null={"site", "url", "kind", "at"},
        foreign_keys=[("crawl_id", "crawls", "id")],
    )
    db["fetch_errors"].create_index(["crawl_id"])
    db["fetch_errors"].create_index(["url"])


def _migration_7(db: sqlite_utils.Database) -> None:
    """Indexes that let Datasette count and facet lists without reading articles.

    An article's row holds its body, so reading it means reading several
    pages; a section's list or a search's matches can be hundreds of
    thousands of articles.  With these, the count and the site, section and
    language facets of a list (site and section filters) or of a search
    (articles by id) read small index entries instead (bench/search.py).
    """
    db["articles"].create_index(["site", "section", "language", "published"])
    db["articles"].create_index(["id", "site", "section", "language", "published"])
    # Without statistics SQLite guesses that an id matches ten index entries and
    # reads the article rows instead; ANALYZE tells it an id is one entry.
    db.execute("ANALYZE")


def refresh_statistics(db: sqlite_utils.Database) -> bool:
    """ANALYZE when the articles table has at least doubled since the last ANALYZE.

    The query planner's statistics (sqlite_stat1) decide whether Datasette's
    counts and facets read the small indexes of migration 7; they must follow
    the archive as it grows.  Cheap when there is nothing to do.
    """
    try:
        row = db.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles' LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # never analysed
        row = None
    analysed = int(row[0].split()[0]) if row and row[0] else 0
    count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    if count > 0 and count >= 2 * analysed:
        db.execute("ANALYZE")
        return True
    return False


def _migration_8(db: sqlite_utils.Database) -> None:
    """Chinese indexed as character pairs (archive/search.py), every article re-indexed.

    Schema 2 to 7 indexed each Chinese character as a word, so a Chinese
    query read the list of places of each of its characters, most of them
    common: a rare two-character word took as long as a common one.  Takes
    one to two minutes per 100,000 articles.  (The index is dropped, not
    emptied: deleting a row of FTS5 reads its words again, ten times slower.)
    """
    db.execute("DROP TABLE articles_fts")
    _build_search_index(db)
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")


def _migration_9(db: sqlite_utils.Database) -> None:
    """Which shard archive each run wrote to, for runs copied by `newsarchive merge`."""
    db["crawls"].add_column("shard", str)


def _migration_10(db: sqlite_utils.Database) -> None:
    """The search index with a prefix index of first characters (one-character queries).

    The index is built anew from the old one's own text (the search forms are
    stored in it), in SQL, then takes its name.  Takes about two minutes per
    100,000 articles (21 for the million of bench/search.py).
    """
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()
    if row is None:  # dropped by hand: made and filled again
        _build_search_index(db)
        return
    if "prefix=" in row[0].replace(" ", ""):  # created by schema 2 or 8 of this version
        return
    db.execute("DROP TABLE IF EXISTS articles_fts_new")  # left by an upgrade that was killed
    _create_search_index(db, "articles_fts_new")
    db.execute(
        "INSERT INTO articles_fts_new (rowid, title, body_text) "
        "SELECT rowid, title, body_text FROM articles_fts"
    )
    db.execute("DROP TABLE articles_fts")
    db.execute("ALTER TABLE articles_fts_new RENAME TO articles_fts")
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
    _migration_6,
    _migration_7,
    _migration_8,
    _migration_9,
    _migration_10,
]
# Columns of an article that make up one version (copied into article_versions).
CAPTURE_FIELDS = ("warc_file", "warc_record_id")
VERSION_FIELDS = (*ARTICLE_FIELDS, "content_hash", *CAPTURE_FIELDS)
SCHEMA_VERSION = len(MIGRATIONS)


class Archive:
    """An open archive database, migrated to the current schema."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite_utils.Database(_connect(self.path))
        self._batching = False
        # Search index writes of the open batch, made at commit_batch() (see _index).
        self._index_queue: dict[int, tuple[str, str]] = {}
        try:
            self.migrate()
        except sqlite3.Error as exc:  # a full disk, a read-only folder...
            self.db.close()
            raise ArchiveError(f"cannot prepare the archive {self.path}: {exc}") from None
        except BaseException:
            self.db.close()
            raise

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- transactions ---------------------------------------------------------

    def begin_batch(self) -> None:
        """Group the next article writes into one transaction, until commit_batch().

        A commit costs more than writing an article (about half the time of a
        save); a crawl commits every hundred articles or every second instead
        (crawler.pipelines).  Each article is still all or nothing (a savepoint),
        and a killed run loses at most its uncommitted batch, which the next run
        fetches again because the killed run never finished.
        """
        if not self._batching:
            if not self.db.conn.in_transaction:
                self.db.conn.execute("BEGIN")
            self._batching = True
            self._index_queue = {}

    def commit_batch(self) -> None:
        if self._batching:
            self._batching = False
            queued, self._index_queue = self._index_queue, {}
            try:
                _index_articles(self.db, queued)
                self.db.conn.commit()
            except sqlite3.Error:
                self.db.conn.rollback()
                raise

    def _index(self, article_id: int, title: str, body: str) -> None:
        """Index an article for search now, or, within a batch, when the batch commits.

        FTS5 writes its pending entries to disk at every savepoint, so indexing
        each article inside its savepoint made a segment per article and cost
        more than the rest of the save (bench/e2e.py); at the commit the whole
        batch goes in at once.
        """
        if self._batching:
            self._index_queue[article_id] = (title, body)
        else:
            _index_articles(self.db, {article_id: (title, body)})

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write, all or nothing: its own transaction, or a savepoint of the open batch
        (sqlite-utils' atomic(), which its own writes inside join)."""
        queued = dict(self._index_queue)
        try:
            with self.db.atomic():
                yield
        except BaseException:
            self._index_queue = queued  # a batch's search entries of the write go too
            raise

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        """Apply every migration the file has not had yet, each in its own transaction."""
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} has schema version {version}, newer than this newsarchive "
                f"understands ({SCHEMA_VERSION}); upgrade newsarchive to use it"
            )
        if version < SCHEMA_VERSION:
            self.db.enable_wal()
        if 0 < version < SCHEMA_VERSION:
            # Upgrades of a large archive can take minutes (schemas 8 and 10 re-index every
            # article); say so rather than seem to hang.
            slow = " (re-indexing search takes one to two minutes per 100,000 articles)"
            logger.warning("Upgrading %s from schema %d to %d%s", self.path, version,
                           SCHEMA_VERSION, slow if version < 10 else "")  # fmt: skip
        for number in range(version + 1, SCHEMA_VERSION + 1):
            # One transaction per migration, all or nothing: outside one, sqlite-utils'
            # execute() commits each statement on its own, and a crash between two of
            # them left a half-upgraded file.
            with self.db.atomic():
                MIGRATIONS[number - 1](self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    # -- crawls ---------------------------------------------------------------

    def start_crawl(self, site: str) -> int:
        with self._transaction():
            return self.db["crawls"].insert({"site": site, "started": utc_now()}).last_pk

    def finish_crawl(self, crawl_id: int, **outcome: Any) -> None:
        allowed = {
            "status", "finish_reason", "requests", "articles_new", "articles_updated",
            "articles_unchanged", "articles_withdrawn", "errors", "problems",
        }  # fmt: skip
        unknown = set(outcome) - allowed
        if unknown:
            raise ValueError(f"unknown crawl fields: {sorted(unknown)}")
        with self._transaction():
            self.db["crawls"].update(crawl_id, {**outcome, "finished": utc_now()})
        try:
            with self._transaction():
                refresh_statistics(self.db)
        except sqlite3.Error:  # statistics only speed reading up; never fail a run for them
            pass

    def record_fetch_error(
        self,
        crawl_id: int | None,
        site: str,
        url: str,
        kind: str,
        status: int | None = None,
        message: str = "",
    ) -> None:
        """One failed fetch of a run (kind: http, timeout, connection, dns, robots, not_html...)."""
        row = {
            "crawl_id": crawl_id, "site": site, "url": url, "kind": kind,
            "status": status, "message": message, "at": utc_now(),
        }  # fmt: skip
        with self._transaction():
            self.db["fetch_errors"].insert(row)

    def last_crawl_finished(self, site: str) -> bool:
        """Whether SITE's latest crawl ran to its end (True when there was none).

        An incremental run stops paging at the first listing page of known
        articles; after a run that was killed or stopped part-way, the articles
        behind those pages were never fetched, so the next run must read on.
        """
        row = self.db.execute(
            "SELECT finish_reason FROM crawls WHERE site = ? ORDER BY id DESC LIMIT 1", [site]
        ).fetchone()
        return row is None or row[0] == "finished"

    def crawl(self, crawl_id: int) -> dict[str, Any]:
        return self.db["crawls"].get(crawl_id)

    # -- articles -------------------------------------------------------------

    def save_article(
        self,
        record: Mapping[str, Any],
        seen_at: str | None = None,
        validators: Mapping[str, str | None] | None = None,
        capture: Mapping[str, str | None] | None = None,
    ) -> SaveOutcome:
        """Insert a new article, or record what a new fetch of a known one showed.

        A changed article keeps its previous version in article_versions; an
        unchanged one only gets a new last_seen.  VALIDATORS (etag,
        last_modified) are kept for the next conditional request; CAPTURE
        (warc_file, warc_record_id) names the WARC record a new version was
        read from.
        """
        seen_at = seen_at or utc_now()
        row = {name: record.get(name) for name in ARTICLE_FIELDS}
        if not row["url"] or not row["title"] or not row["site"]:
            raise ValueError("an article needs url, site and title")
        row["breadcrumb"] = json.dumps(list(record.get("breadcrumb") or []), ensure_ascii=False)
        row["section"] = row["section"] or ""
        row["body_text"] = row["body_text"] or ""
        row["body_html"] = row["body_html"] or ""
        row["content_hash"] = content_hash(row)
        fetched = {key: value for key, value in (validators or {}).items() if value}
        captured = {key: value for key, value in (capture or {}).items() if value}
        existing = self._article(row["url"])
        with self._transaction():
            if existing is None:
                article_id = self._insert(
                    "articles",
                    {
                        **row,
                        **fetched,
                        **captured,
                        "first_seen": seen_at,
                        "last_seen": seen_at,
                        "version_seen": seen_at,
                        "missing_runs": 0,
                    },  # fmt: skip
                )
                self._index(article_id, row["title"], row["body_text"])
                return "new"
            article_id = existing["id"]
            changes: dict[str, Any] = {"last_seen": seen_at, "missing_runs": 0, **fetched}
            self._restore_if_withdrawn(existing, seen_at, changes)
            if existing["content_hash"] == row["content_hash"]:
                # Markup-only changes refresh the display copy without making a version.
                for name in ("body_html", "language"):
                    if existing[name] != row[name]:
                        changes[name] = row[name]
                self._update(article_id, _changed(existing, changes))
                return "unchanged"
            self._insert(
                "article_versions",
                {
                    "article_id": article_id,
                    **{name: existing[name] for name in VERSION_FIELDS},
                    "first_seen": existing["version_seen"] or existing["first_seen"],
                    "last_seen": existing["last_seen"],
                },
            )
            self._event(article_id, row["url"], seen_at, "changed", _what_changed(existing, row))
            self._update(article_id, {**row, **changes, **captured, "version_seen": seen_at})
            self._index(article_id, row["title"], row["body_text"])
            return "updated"

    def touch_article(self, url: str, seen_at: str | None = None) -> SaveOutcome | None:
        """A known article answered 304 Not Modified: it is still there, unchanged."""
        seen_at = seen_at or utc_now()
        existing = self._article(url)
        if existing is None:
            return None
        changes: dict[str, Any] = {"last_seen": seen_at, "missing_runs": 0}
        with self._transaction():
            self._restore_if_withdrawn(existing, seen_at, changes)
            self._update(existing["id"], _changed(existing, changes))
        return "unchanged"

    def record_missing(
        self, url: str, reason: str, withdraw_after: int, seen_at: str | None = None
    ) -> Literal["missing", "withdrawn"] | None:
        """A known article was not there (404, 410, a redirect away from it).

        After WITHDRAW_AFTER consecutive runs without it, it is withdrawn:
        withdrawn_at is set and an event recorded.  It is never deleted.
        """
        seen_at = seen_at or utc_now()
        existing = self._article(url)
        if existing is None:
            return None
        missing_runs = (existing["missing_runs"] or 0) + 1
        changes: dict[str, Any] = {"missing_runs": missing_runs}
        outcome: Literal["missing", "withdrawn"] = "missing"
        with self._transaction():
            if missing_runs >= withdraw_after and not existing["withdrawn_at"]:
                changes["withdrawn_at"] = seen_at
                outcome = "withdrawn"
                self._event(existing["id"], url, seen_at, "withdrawn", reason)
            self._update(existing["id"], changes)
        return outcome

    def known_article_rows(self, site: str, up_to_id: int | None = None) -> Iterator[dict]:
        """SITE's articles (with id <= UP_TO_ID), a batch at a time: what revalidation needs.

        Short queries by id rather than one long cursor, so that a crawl reading
        them while it writes holds no read transaction open for long.
        """
        up_to_id = up_to_id if up_to_id is not None else self.last_article_id()
        after = 0
        while True:
            rows = list(
                self.db.query(
                    "SELECT id, url, etag, last_modified, published, first_seen, last_seen, "
                    "missing_runs, withdrawn_at FROM articles "
                    "WHERE site = ? AND id > ? AND id <= ? ORDER BY id LIMIT 1000",
                    [site, after, up_to_id],
                )
            )
            if not rows:
                return
            yield from rows
            after = rows[-1]["id"]

    def last_article_id(self) -> int:
        """The newest article's id: articles up to it are those archived before now."""
        return self.db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]

    def known_among(self, urls: list[str], up_to_id: int) -> set[str]:
        """Which of URLS are archived articles with id <= UP_TO_ID (an indexed lookup)."""
        known: set[str] = set()
        for start in range(0, len(urls), 500):
            chunk = urls[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            known.update(
                url
                for (url,) in self.db.execute(
                    f"SELECT url FROM articles WHERE url IN ({marks}) AND id <= ?",
                    [*chunk, up_to_id],
                )
            )
        return known

    def _article(self, url: str) -> dict[str, Any] | None:
        return self._first_row("SELECT * FROM articles WHERE url = ?", url)

    def _first_row(self, sql: str, *params: Any) -> dict[str, Any] | None:
        cursor = self.db.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([column[0] for column in cursor.description], row, strict=True))

    # Writes of the crawl's hot path, one statement each: sqlite-utils' insert and
    # update wrap every row in a savepoint and look the table up first, which made
    # saving an article take about ten statements instead of five.

    def _insert(self, table: str, row: Mapping[str, Any]) -> int:
        """INSERT ROW (column -> value) into TABLE; the new row's id."""
        columns = ", ".join(f"[{name}]" for name in row)
        marks = ", ".join("?" for _ in row)
        sql = f"INSERT INTO [{table}] ({columns}) VALUES ({marks})"
        return self.db.conn.execute(sql, list(row.values())).lastrowid

    def _update(self, article_id: int, changes: Mapping[str, Any]) -> None:
        """Set CHANGES (column -> value) on the article ARTICLE_ID, if there are any."""
        if changes:
            assignments = ", ".join(f"[{name}] = ?" for name in changes)
            self.db.conn.execute(
                f"UPDATE articles SET {assignments} WHERE id = ?", [*changes.values(), article_id]
            )

    def _restore_if_withdrawn(
        self, existing: Mapping[str, Any], seen_at: str, changes: dict[str, Any]
    ) -> None:
        if existing["withdrawn_at"]:
            changes["withdrawn_at"] = None
            self._event(
                existing["id"], existing["url"], seen_at, "restored",
                f"withdrawn since {existing['withdrawn_at']}",
            )  # fmt: skip

    def _event(self, article_id: int, url: str, at: str, event: str, detail: str) -> None:
        self._insert(
            "article_events",
            {"article_id": article_id, "url": url, "at": at, "event": event, "detail": detail},
        )

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Articles matching QUERY (Chinese or English), best first."""
        return list(
            self.db.query(
                "SELECT a.* FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                [fts_query(query), limit],
            )
        )

    def article_count(self, site: str | None = None) -> int:
        if site is None:
            return self.db["articles"].count
        return self.db.execute("SELECT count(*) FROM articles WHERE site = ?", [site]).fetchone()[0]

    # -- merging shards (archive.merge) -----------------------------------------

    def capture_keys(self) -> Iterator[tuple[str, str, str, str, int]]:
        """(seen, last seen, url, table, id) of every version of every article.

        What `newsarchive merge` sorts to replay shards in time order; the
        versions themselves are read one at a time with capture(), so a merge
        holds keys in memory, not articles.
        """
        yield from self.db.execute(
            "SELECT first_seen, last_seen, url, 'article_versions', id FROM article_versions"
        )
        yield from self.db.execute(
            "SELECT coalesce(version_seen, first_seen), last_seen, url, 'articles', id "
            "FROM articles"
        )

    def capture(self, table: str, row_id: int) -> Capture:
        """One version (a row of articles or article_versions) as the fetches that showed it."""
        fields = ", ".join(VERSION_FIELDS)
        if table == "article_versions":
            row = self._first_row(
                f"SELECT {fields}, first_seen, last_seen FROM article_versions WHERE id = ?", row_id
            )
            return _capture(row, row["first_seen"], {})
        row = self._first_row(
            f"SELECT {fields}, coalesce(version_seen, first_seen) AS seen, last_seen, etag, "
            "last_modified, withdrawn_at FROM articles WHERE id = ?",
            row_id,
        )
        capture = _capture(
            row, row["seen"], {"etag": row["etag"], "last_modified": row["last_modified"]}
        )
        capture.withdrawn_at = row["withdrawn_at"]
        if capture.withdrawn_at:
            why = self._first_row(
                "SELECT detail FROM article_events WHERE article_id = ? AND at = ? "
                "AND event = 'withdrawn'",
                row_id,
                capture.withdrawn_at,
            )
            capture.withdrawn_reason = why["detail"] if why else None
        return capture

    def last_seen(self, url: str) -> str | None:
        row = self.db.execute("SELECT last_seen FROM articles WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def crawl_history(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Each crawls row with its fetch_errors rows."""
        for crawl in list(self.db["crawls"].rows_where(order_by="id")):
            errors = list(self.db["fetch_errors"].rows_where("crawl_id = ?", [crawl["id"]]))
            yield crawl, errors

    def withdrawal_history(self) -> Iterator[dict[str, Any]]:
        """Every withdrawal and return of an article (url, at, event, detail), oldest first.

        What `newsarchive merge` copies: replaying an archive's versions shows
        only whether each article is withdrawn now, not that it was withdrawn
        for a while and came back.
        """
        yield from self.db.query(
            "SELECT url, at, event, detail FROM article_events "
            "WHERE event IN ('withdrawn', 'restored') ORDER BY at, id"
        )

    def import_event(self, url: str, at: str, event: str, detail: str) -> bool:
        """Record another archive's withdrawal or return of URL; False if it is here already
        (the same event of the same article at the same time) or the article is not."""
        found = self.db.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()
        if found is None:
            return False
        same = self.db.execute(
            "SELECT 1 FROM article_events WHERE article_id = ? AND at = ? AND event = ?",
            [found[0], at, event],
        ).fetchone()
        if same:
            return False
        with self._transaction():
            self._event(found[0], url, at, event, detail)
        return True

    def import_crawl(
        self, crawl: Mapping[str, Any], errors: list[Mapping[str, Any]], shard: str
    ) -> bool:
        """Copy the crawls row of the archive SHARD and its fetch errors; False if already
        here.  A row SHARD had copied from another keeps that one's name.  Two processes'
        runs of a site can start in the same second: the shard tells them apart (rows
        merged before schema 9 have none, and still count as here)."""
        origin = crawl.get("shard") or shard
        same = self.db.execute(
            "SELECT 1 FROM crawls WHERE site = ? AND started = ? AND finished IS ? "
            "AND requests IS ? AND (shard IS ? OR shard IS NULL)",
            [crawl["site"], crawl["started"], crawl["finished"], crawl["requests"], origin],
        ).fetchone()
        if same:
            return False
        with self.db.atomic():  # the run and its errors, or neither
            row = {**crawl, "id": None, "shard": origin}
            crawl_id = self.db["crawls"].insert(row).last_pk
            self.db["fetch_errors"].insert_all(
                {**error, "id": None, "crawl_id": crawl_id} for error in errors
            )
        return True


@dataclass
class Capture:
    """One version of an article as an archive saw it: what a fetch between SEEN and LAST showed."""

    record: dict[str, Any]
    seen: str
    last: str
    validators: dict[str, str | None] = field(default_factory=dict)
    capture: dict[str, str | None] = field(default_factory=dict)
    withdrawn_at: str | None = None
    withdrawn_reason: str | None = None

    @property
    def url(self) -> str:
        return self.record["url"]


def _capture(row: Mapping[str, Any], seen: str, validators: dict[str, str | None]) -> Capture:
    record = {name: row[name] for name in ARTICLE_FIELDS}
    record["breadcrumb"] = json.loads(record["breadcrumb"] or "[]")
    return Capture(
        record=record,
        seen=seen,
        last=row["last_seen"],
        validators=validators,
        capture={name: row[name] for name in CAPTURE_FIELDS},
    )


def _changed(existing: Mapping[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """CHANGES without the values the row already has (so nothing else is rewritten)."""
    return {name: value for name, value in changes.items() if existing.get(name) != value}


def _what_changed(existing: Mapping[str, Any], row: Mapping[str, Any]) -> str:
    names = [name for name in CONTENT_FIELDS if existing.get(name) != row.get(name)]
    return "changed: " + ", ".join(names)


def check_writable(path: str | Path) -> None:
    """Refuse an archive a crawl cannot write: a read-only file, or a folder it cannot
    create files in (the database's journal, the lock and the WARC files live there)."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise ArchiveError(f"{path} is read-only; a crawl needs to write to it")
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not os.access(folder, os.W_OK):
        raise ArchiveError(f"cannot write in {folder}, where the archive's files are kept")


def _disk_full(folder: Path) -> bool:
    """Less room left than SQLite needs to open a database in WAL mode (its -shm file)."""
    try:
        stat = os.statvfs(folder)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < 64 * 1024


def _connect(path: Path) -> sqlite3.Connection:
    """Open PATH as SQLite, turning the usual user mistakes into one-line errors."""
    if path.is_dir():
        raise ArchiveError(f"{path} is a directory, not a database file")
    if not path.parent.exists():
        raise ArchiveError(f"{path.parent} does not exist")
    try:
        conn = sqlite3.connect(str(path), timeout=30)
        conn.execute("PRAGMA user_version").fetchone()
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if _disk_full(path.parent):
            raise ArchiveError(f"cannot open {path}: the disk is full ({exc})") from None
        raise ArchiveError(f"{path} is not a usable SQLite database ({exc})") from None
    conn.execute("PRAGMA foreign_keys = ON")
    # In WAL mode, NORMAL syncs at checkpoints rather than on every commit: a killed
    # process keeps every commit and the database cannot be corrupted; only a power
    # cut can undo the last commits of a run, which then counts as unfinished and
    # is read again in full next time.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn
