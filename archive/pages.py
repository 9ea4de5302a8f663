"""What the published archive's pages show, computed from the database.

The Datasette plugin (archive/plugins/newsarchive_pages.py) hands these to
the templates: the home page's per-site summary and newest articles, and an
article page's version history with readable diffs and its withdrawal.  The
functions take a sqlite3 connection, so Datasette runs them in its own
threads through `database.execute_fn`.
"""

from __future__ import annotations

import difflib
import json
import sqlite3
from typing import Any
from urllib.parse import quote, urlencode

import nh3
from markupsafe import Markup

from crawler.parsers.body import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

# At display time images are left out too: a remote image would make the
# reader's browser contact the government site (or whatever the page named).
DISPLAY_TAGS = ALLOWED_TAGS - {"img"}
DISPLAY_ATTRIBUTES = {tag: attrs for tag, attrs in ALLOWED_ATTRIBUTES.items() if tag != "img"}


def rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def site_summaries(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Per site: article count, newest article, last crawl and its status."""
    sites = rows(
        conn,
        "SELECT site, count(*) AS articles, max(published) AS newest_published "
        "FROM articles GROUP BY site ORDER BY site",
    )
    for site in sites:
        newest = rows(
            conn,
            "SELECT id, title, published FROM articles WHERE site = ? "
            "ORDER BY published DESC LIMIT 1",
            [site["site"]],
        )
        site["newest"] = newest[0] if newest else None
        crawl = rows(
            conn,
            "SELECT started, finished, status, problems FROM crawls WHERE site = ? "
            "ORDER BY id DESC LIMIT 1",
            [site["site"]],
        )
        site["last_crawl"] = crawl[0] if crawl else None
    return sites


def newest_articles(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    return rows(
        conn,
        "SELECT id, site, section, title, published, withdrawn_at FROM articles "
        "ORDER BY published DESC LIMIT ?",
        [limit],
    )


def article_history(conn: sqlite3.Connection, article_id: int) -> dict[str, Any]:
    """The article's versions, newest first, each with a diff to the one after it."""
    (current,) = rows(conn, "SELECT * FROM articles WHERE id = ?", [article_id]) or [None]
    if current is None:
        return {}
    earlier = rows(
        conn,
        "SELECT * FROM article_versions WHERE article_id = ? ORDER BY first_seen DESC",
        [article_id],
    )
    versions = [{**current, "first_seen": current.get("version_seen") or current["first_seen"]}]
    versions += earlier
    history = []
    for newer, older in zip(versions, versions[1:], strict=False):
        history.append(
            {
                "from": older["first_seen"],
                "to": newer["first_seen"],
                "diff": version_diff(older, newer),
            }
        )
    events = rows(
        conn, "SELECT at, event, detail FROM article_events WHERE article_id = ? ORDER BY at",
        [article_id],
    )  # fmt: skip
    return {
        "versions": versions,
        "history": history,
        "events": events,
        "crumbs": json.loads(current["breadcrumb"] or "[]"),
        "body": display_html(current["body_html"]),
    }


def version_diff(older: dict[str, Any], newer: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, line) pairs of a line diff over title, date and body: "+", "-" or " "."""
    lines = []
    for field in ("title", "published", "section"):
        if older.get(field) != newer.get(field):
            lines.append(("-", f"{field}: {older.get(field)}"))
            lines.append(("+", f"{field}: {newer.get(field)}"))
    old_body = (older.get("body_text") or "").split("\n\n")
    new_body = (newer.get("body_text") or "").split("\n\n")
    for line in difflib.ndiff(old_body, new_body):
        kind, text = line[:1], line[2:]
        if kind in ("+", "-", " "):
            lines.append((kind, text))
    return lines


def display_html(body_html: str | None) -> Markup:
    """Stored (already sanitised) body HTML, sanitised again for display, without images."""
    return Markup(
        nh3.clean(
            body_html or "",
            tags=DISPLAY_TAGS,
            attributes=DISPLAY_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="nofollow noopener",
        )
    )


def crumb_links(database: str, site: str, section: str, crumbs: list[str]) -> list[tuple[str, str]]:
    """(label, URL) per crumb: each opens the list of the site's articles under it.

    The section is the trail without its home crumb, so the crumbs that are
    not part of it (the home crumb) open the whole site's list.
    """
    parts = section.split(" > ") if section else []
    outside = len(crumbs) - len(parts)
    links = []
    for index, label in enumerate(crumbs):
        query = {"site": site}
        if index >= outside:
            query["section__startswith"] = " > ".join(parts[: index - outside + 1])
        links.append((label, f"/{quote(database)}/articles?{urlencode(query)}"))
    return links


def raw_capture(db_path: str, warc_file: str, record_id: str) -> str | None:
    """The captured response (status line, headers, decoded body) as plain text."""
    from pathlib import Path

    from warcio.archiveiterator import ArchiveIterator

    from crawler.parsers.charset import decode_html

    path = (Path(db_path).absolute().parent / warc_file).resolve()
    if not path.is_file() or not path.name.endswith(".warc.gz"):
        return None
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_headers.get_header("WARC-Record-ID") != record_id:
                continue
            http = record.http_headers
            body = record.content_stream().read()
            text = decode_html(body, http.get_header("Content-Type")).text
            head = [
                f"WARC-Target-URI: {record.rec_headers.get_header('WARC-Target-URI')}",
                f"WARC-Date: {record.rec_headers.get_header('WARC-Date')}",
                "",
                http.protocol + " " + http.statusline,
                *(f"{name}: {value}" for name, value in http.headers),
                "",
            ]
            return "\n".join(head) + "\n" + text
    return None
