"""Datasette plugin: show the breadcrumb as the trail a reader knows.

Loaded with `--plugins-dir archive/plugins` (newsarchive serve does this).  The
breadcrumb column holds a JSON array; pages show it as "Home > News > Top News"
(JSON and CSV output keep the array).  The text is escaped by Datasette.
"""

import json

from datasette import hookimpl


@hookimpl
def render_cell(value, column, table):
    if table != "articles" or column != "breadcrumb" or not isinstance(value, str):
        return None
    try:
        crumbs = json.loads(value)
    except ValueError:
        return None
    if not isinstance(crumbs, list):
        return None
    return " > ".join(str(crumb) for crumb in crumbs)
