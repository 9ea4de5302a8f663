"""Atom feeds of the archive: new articles (all, per site, per section), changes, withdrawals.

People who follow government news want to be told, not to look: a feed
reader polling these gets each new article once, and each correction and
withdrawal as it is noticed.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from feedgen.feed import FeedGenerator

from archive.pages import rows

KINDS = ("new", "changed", "withdrawn")
FEED_SIZE = 50
_TITLES = {
    "new": "New articles",
    "changed": "Changed articles",
    "withdrawn": "Withdrawn articles",
}


def feed_rows(
    conn: sqlite3.Connection, kind: str, site: str | None, section: str | None
) -> list[dict[str, Any]]:
    where, params = [], []
    if site:
        where.append("a.site = ?")
        params.append(site)
    if section:
        where.append("(a.section = ? OR a.section LIKE ?)")
        params += [section, f"{section} > %"]
    if kind == "new":
        sql = "SELECT a.*, a.first_seen AS at, '' AS detail FROM articles a"
        order = "a.first_seen DESC, a.id DESC"
    elif kind == "changed":
        sql = (
            "SELECT a.*, e.at AS at, e.detail AS detail FROM article_events e "
            "JOIN articles a ON a.id = e.article_id"
        )
        where.append("e.event = 'changed'")
        order = "e.at DESC, e.id DESC"
    else:
        sql = "SELECT a.*, a.withdrawn_at AS at, '' AS detail FROM articles a"
        where.append("a.withdrawn_at IS NOT NULL")
        order = "a.withdrawn_at DESC"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return rows(conn, f"{sql} ORDER BY {order} LIMIT {FEED_SIZE}", params)


def atom_feed(
    entries: list[dict[str, Any]],
    base_url: str,
    database: str,
    kind: str,
    site: str | None = None,
    section: str | None = None,
) -> bytes:
    """The Atom document for ENTRIES (from feed_rows)."""
    query = urlencode(
        {key: value for key, value in (("site", site), ("section", section)) if value}
    )
    self_url = f"{base_url}/-/feeds/{database}/{kind}.atom" + (f"?{query}" if query else "")
    scope = " - ".join(part for part in (site, section) if part)
    feed = FeedGenerator()
    feed.id(self_url)
    feed.title(f"newsarchive: {_TITLES[kind]}" + (f" ({scope})" if scope else ""))
    feed.link(href=self_url, rel="self")
    feed.link(href=f"{base_url}/{database}/articles", rel="alternate")
    feed.updated(_moment(entries[0]["at"]) if entries else datetime.now(UTC))
    for row in entries:
        entry = feed.add_entry(order="append")
        entry.id(row["url"] if kind == "new" else f"{row['url']}#{kind}-{row['at']}")
        prefix = {"new": "", "changed": "Changed: ", "withdrawn": "Withdrawn: "}[kind]
        entry.title(prefix + row["title"])
        entry.link(href=f"{base_url}/{database}/articles/{row['id']}", rel="alternate")
        entry.link(href=row["url"], rel="related")
        entry.updated(_moment(row["at"]))
        if row.get("published"):
            entry.published(_moment(row["published"]))
        first_paragraph = (row.get("body_text") or "").split("\n\n")[0]
        entry.summary(row.get("detail") or first_paragraph[:500])
        entry.category(term=row["site"])
    return feed.atom_str(pretty=True)


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
