"""Datasette plugin of newsarchive: the articles table's search box at a million articles.

Datasette's own `?_search=` filter is `id IN (every match)`: the list page
then sorts every match by date (reading each article, body and all), counts
them and runs four facets over them, each evaluating the search again.  For a
word found in hundreds of thousands of articles that took seconds
(bench/search.py).  This plugin answers `?_search=` (and `?_search_COLUMN=`)
on the articles table itself (metadata.json names no `fts_table`, so
Datasette's filter stays out of the way):

- Search results are listed newest archived first (`_sort_desc=id`) unless
  the request asks for another order: SQLite pages through them by the
  primary key, without sorting.
- Before the page is built, the newest SMALL_SEARCH + 1 matches are looked up
  in the search index (fast: the index lists matches by id).  When that is all
  of them, the page's filter is that list of ids: the count, the facets and
  any order are computed over at most SMALL_SEARCH articles, and the search
  index is read once.
- When more articles match, the page has no count and no facets (`_nocount`,
  `_nofacet`; its heading says "more than 1,000 articles"), and, in the default
  order with no other filter, the page's filter is the ids of the next
  matches after the page's cursor, read from the search index in id order:
  every page, the first or the ten-thousandth, costs the same, and paging
  reaches every match.  With another order or other filters it is Datasette's
  `id IN (every match)` (oldest first: `+id IN`, so that SQLite walks the
  date index rather than sorting every match).
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import urlsafe_components
from datasette.utils.asgi import BadRequest

TABLE = "articles"
FTS_TABLE = "articles_fts"
# A search with at most this many matches gets its count and facets.
SMALL_SEARCH = 1000
_TABLE_PATH = re.compile(rf"^/(?P<database>[^/]+)/{TABLE}(?:\.json)?$")
# Arguments this plugin adds for large searches; not carried into a new search.
_ADDED = ("_nocount", "_nofacet")
_SCOPE_KEY = "newsarchive_search"


def _large() -> str:
    """What a large search's description adds (from SMALL_SEARCH as it is now)."""
    return f" (more than {SMALL_SEARCH:,} articles: not counted, no facets)"


def _match_expression(args, name: str = "search") -> str:
    return f":{name}" if args.get("_searchmode") == "raw" else f"escape_fts(:{name})"


async def _newest_matches(db, args, query: str, below: int | None, limit: int) -> list[int]:
    """Ids of the LIMIT newest articles matching QUERY (with ids below BELOW)."""
    where = f"{FTS_TABLE} match {_match_expression(args)}"
    params = {"search": query, "limit": limit}
    if below is not None:
        where += " and rowid < :below"
        params["below"] = below
    sql = f"select rowid from {FTS_TABLE} where {where} order by rowid desc limit :limit"
    return [row[0] for row in await db.execute(sql, params)]


async def _is_archive(db) -> bool:
    return await db.table_exists(TABLE) and await db.table_exists(FTS_TABLE)


@hookimpl
def asgi_wrapper(datasette):
    """Search requests of the articles table: default order, and no count or facets when large."""

    def wrap(app):
        async def search_defaults(scope, receive, send):
            match = _TABLE_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
            if match and scope.get("method") in ("GET", "HEAD"):
                scope = await _with_search_defaults(datasette, scope, match["database"])
            await app(scope, receive, send)

        return search_defaults

    return wrap


async def _with_search_defaults(datasette, scope, route):
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    args = dict(pairs)
    query = args.get("_search", "")
    if not query.strip():
        return scope
    try:
        db = datasette.get_database(route=route)
    except KeyError:
        return scope
    if not await _is_archive(db):
        return scope
    try:
        newest = await _newest_matches(db, args, query, None, SMALL_SEARCH + 1)
    except Exception:  # a raw query that is not valid FTS syntax: Datasette reports it
        return scope
    added = []
    if "_sort" not in args and "_sort_desc" not in args:
        added.append(("_sort_desc", "id"))
    complete = len(newest) <= SMALL_SEARCH
    if not complete:
        added += [(key, "1") for key in _ADDED if key not in args]
    info = {"query": query, "newest": newest, "complete": complete}
    query_string = scope["query_string"]
    if added:
        query_string += b"&" + urlencode(added).encode("ascii")
    return dict(scope, query_string=query_string, **{_SCOPE_KEY: info})


def _only_search_and_order(args) -> bool:
    """True when the request filters by the search alone and lists newest archived first."""
    if args.get("_sort_desc") != "id" or "_sort" in args:
        return False
    for key in args:
        if not key.startswith("_") or "__" in key:  # a column filter
            return False
        if key == "_where" or key.startswith(("_search_", "_through")):
            return False
    return True


def _cursor(args) -> int | str | None:
    """The id the page starts below (`_next` is sort value, id), None on the first page."""
    if not args.get("_next"):
        return None
    try:
        return int(urlsafe_components(args["_next"])[0])
    except ValueError:
        return "invalid"  # Datasette's own filter copes with it


@hookimpl(trylast=True)  # after Datasette's filter, so that this context is the one kept
def filters_from_request(request, database, table, datasette):
    if table != TABLE:
        return None

    async def inner():
        db = datasette.get_database(database)
        # The ASGI wrapper has checked a search request's database already.
        if _SCOPE_KEY not in request.scope and not await _is_archive(db):
            return None
        args = request.args
        where, params, descriptions = [], {}, []
        context = {"supports_search": True}
        query = args.get("_search", "")
        if query:
            context["search"] = query
            info = request.scope.get(_SCOPE_KEY) or {}
            probed = info.get("query") == query
            if probed and info["complete"]:
                where.append("id in (select value from json_each(:search_ids))")
                params["search_ids"] = json.dumps(info["newest"])
                descriptions.append(f'search matches "{query}"')
            elif probed and _only_search_and_order(args) and (below := _cursor(args)) != "invalid":
                # A page holds at most max_returned_rows rows (and Datasette asks
                # for one more): the next ones below the cursor are enough.
                wanted = datasette.max_returned_rows + 1
                if below is None and len(info["newest"]) >= wanted:
                    ids = info["newest"][:wanted]
                else:
                    ids = await _newest_matches(db, args, query, below, wanted)
                where.append("id in (select value from json_each(:search_ids))")
                params["search_ids"] = json.dumps(ids)
                descriptions.append(f'search matches "{query}"{_large()}')
            else:
                # Many matches, oldest first: `+id` keeps SQLite from looking up
                # every match by id and sorting them all; it walks the date index
                # instead and stops when the page is full.  (Not newest first:
                # walked backwards, the index lists articles of the same date by
                # descending id, and Datasette's first page has no tie-breaker,
                # while its next pages expect ascending ids.)
                by_date = probed and args.get("_sort") == "published"
                where.append(
                    f"{'+id' if by_date else 'id'} in (select rowid from {FTS_TABLE} "
                    f"where {FTS_TABLE} match {_match_expression(args)})"
                )
                params["search"] = query
                descriptions.append(f'search matches "{query}"' + (_large() if probed else ""))
        columns = None
        for index, key in enumerate(k for k in args if k.startswith("_search_")):
            column = key[len("_search_") :]
            if columns is None:
                columns = await db.table_columns(FTS_TABLE)
            if column not in columns:
                raise BadRequest("Cannot search by that column")
            name = f"search_{index}"
            match = _match_expression(args, name)
            where.append(f"id in (select rowid from {FTS_TABLE} where [{column}] match {match})")
            params[name] = args[key]
            context["search"] = args[key]
            descriptions.append(f'search column "{column}" matches "{args[key]}"')
        return FilterArguments(where, params, descriptions, context)

    return inner


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    """The table's filter form: a new search decides its own count and facets."""
    if view_name != "table" or table != TABLE or request is None:
        return {}
    if _SCOPE_KEY not in request.scope:
        return {}
    hidden = []
    for key in request.args:
        if (
            key.startswith("_")
            and key not in ("_sort", "_sort_desc", "_search", "_next", *_ADDED)
            and "__" not in key
        ):
            hidden.extend((key, value) for value in request.args.getlist(key))
    return {"form_hidden_args": hidden}
