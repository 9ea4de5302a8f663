"""Datasette plugin of newsarchive: the pages people read.

- Home page: per site its article count, newest article and last crawl; the
  newest articles; the search form (templates/index.html).
- Article page: trail linking to the section's list, the body as sanitised
  HTML, the original URL, the raw captured page, the version history with
  diffs, the withdrawal notice (templates/row.html).
- Atom feeds at /-/feeds/DB/{new,changed,withdrawn}.atom[?site=&section=].
- The raw capture of an article at /-/raw/DB/ID, as plain text.
- A Content-Security-Policy on every response: archived pages are untrusted,
  and nothing a page says may make a reader's browser contact another host.
"""

from datasette import hookimpl
from datasette.utils.asgi import Response

from archive.feeds import KINDS, atom_feed, feed_rows
from archive.pages import (
    article_history,
    crumb_links,
    newest_articles,
    raw_capture,
    rows,
    site_summaries,
)

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src 'none'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def _archive_database(datasette, name=None):
    """The named database, or the first one with an articles table."""
    for db_name, db in datasette.databases.items():
        if db_name.startswith("_"):
            continue
        if name is None or db_name == name:
            return db_name, db
    return None, None


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    async def inner():
        if view_name == "index":
            name, db = _archive_database(datasette)
            if db is None or "articles" not in await db.table_names():
                return {}
            return {
                "archive_database": name,
                "archive_sites": await db.execute_fn(site_summaries),
                "archive_newest": await db.execute_fn(newest_articles),
            }
        if view_name == "row" and table == "articles" and request is not None:
            db = datasette.get_database(database)
            pks = request.url_vars.get("pks", "")
            if not pks.isdigit():
                return {}
            article_id = int(pks)
            history = await db.execute_fn(lambda conn: article_history(conn, article_id))
            if not history:
                return {}
            current = history["versions"][0]
            history["crumb_links"] = crumb_links(
                database, current["site"], current["section"], history["crumbs"]
            )
            return {"article": history}
        return {}

    return inner


async def feed_view(datasette, request):
    name, db = _archive_database(datasette, request.url_vars["database"])
    kind = request.url_vars["kind"]
    if db is None or kind not in KINDS:
        return Response.text("Not found", status=404)
    site = request.args.get("site") or None
    section = request.args.get("section") or None
    entries = await db.execute_fn(lambda conn: feed_rows(conn, kind, site, section))
    base = f"{request.scheme}://{request.host}"
    body = atom_feed(entries, base, name, kind, site, section)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def raw_view(datasette, request):
    name, db = _archive_database(datasette, request.url_vars["database"])
    if db is None or db.path is None:
        return Response.text("Not found", status=404)
    found = await db.execute_fn(
        lambda conn: rows(
            conn, "SELECT warc_file, warc_record_id FROM articles WHERE id = ?",
            [int(request.url_vars["id"])],
        )
    )  # fmt: skip
    if not found or not found[0]["warc_file"]:
        return Response.text("This article has no captured page.", status=404)
    text = raw_capture(db.path, found[0]["warc_file"], found[0]["warc_record_id"])
    if text is None:
        return Response.text("The captured page is not available.", status=404)
    return Response.text(text, headers={"Content-Security-Policy": "sandbox"})


@hookimpl
def register_routes():
    return [
        (r"^/-/feeds/(?P<database>[^/]+)/(?P<kind>[a-z]+)\.atom$", feed_view),
        (r"^/-/raw/(?P<database>[^/]+)/(?P<id>\d+)$", raw_view),
    ]


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_policy(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                # The published archive is read-only: no request may change it.
                response = Response.text("This archive is read-only.", status=405)
                response.headers["Allow"] = ", ".join(sorted(READ_METHODS))
                await response.asgi_send(send)
                return

            async def send_with_policy(message):
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers", []))
                    # A response with its own policy (the sandboxed raw page) keeps it.
                    if not any(key.lower() == b"content-security-policy" for key, _ in headers):
                        headers.append(
                            (b"content-security-policy", CONTENT_SECURITY_POLICY.encode())
                        )
                        message = {**message, "headers": headers}
                await send(message)

            await app(scope, receive, send_with_policy)

        return with_policy

    return wrap
