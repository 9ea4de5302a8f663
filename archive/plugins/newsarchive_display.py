"""Datasette plugin: show the breadcrumb as the trail a reader knows.

Loaded with `--plugins-dir archive/plugins` (newsarchive serve does this).  The
breadcrumb column holds a JSON array; pages show it as "Home > News > Top News"
(JSON and CSV output keep the array).  Text is escaped by Datasette's templates.
"""

import json

from datasette import hookimpl


def crumbs(value):
    """The labels of a breadcrumb JSON array; [] for anything else."""
    try:
        labels = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return []
    return [str(label) for label in labels] if isinstance(labels, list) else []


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["crumbs"] = crumbs


@hookimpl
def render_cell(value, column, table):
    if table != "articles" or column != "breadcrumb":
        return None
    labels = crumbs(value)
    return " > ".join(labels) if labels else None
