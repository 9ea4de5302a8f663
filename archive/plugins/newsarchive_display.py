"""Datasette plugin of newsarchive: readable breadcrumbs and bilingual search.

Loaded with `--plugins-dir archive/plugins` (newsarchive serve does this).

- The breadcrumb column holds a JSON array; pages show it as
  "Home > News > Top News" (JSON and CSV output keep the array).
- Search: Datasette turns the text of its search box into an FTS query with
  the SQL function `escape_fts`; this plugin registers its own version
  (archive.search.fts_query), which makes Chinese queries phrases of single
  characters, matching how the index stores Chinese text.  `trylast` makes
  it run after Datasette's own registration, so it is the one in force.
"""

import json

from datasette import hookimpl
from markupsafe import Markup, escape

from archive.search import fts_query, without_cjk_spaces


def crumbs(value):
    """The labels of a breadcrumb JSON array; [] for anything else."""
    try:
        labels = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return []
    return [str(label) for label in labels] if isinstance(labels, list) else []


@hookimpl(trylast=True)
def prepare_connection(conn):
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function("without_cjk_spaces", 1, without_cjk_spaces, deterministic=True)


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["crumbs"] = crumbs


@hookimpl
def render_cell(row, value, column, table, database):
    if table == "articles" and column == "breadcrumb":
        labels = crumbs(value)
        return " > ".join(labels) if labels else None
    # (row is a sqlite3.Row, whose "in" looks at values: keys() is needed.)
    if table is None and column == "title" and "id" in row.keys() and isinstance(value, str):  # noqa: SIM118
        # In the canned queries (search, recently changed ...), a title opens its article.
        return Markup(
            f'<a href="/{escape(database)}/articles/{int(row["id"])}">{escape(value)}</a>'
        )
    return None
