"""Publishing an archive with Datasette: metadata, plugins and settings in one place.

`newsarchive serve` and the tests use make_datasette(); a plain
`datasette archive.db --metadata archive/metadata.json --plugins-dir archive/plugins
--template-dir archive/templates`
gives the same site for a database file named archive.db.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

from datasette.app import Datasette

PACKAGE_DIR = Path(str(resources.files("archive")))
METADATA_FILE = PACKAGE_DIR / "metadata.json"
PLUGINS_DIR = PACKAGE_DIR / "plugins"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
# The metadata file describes a database called "archive" (archive.db).
METADATA_DATABASE_NAME = "archive"
SETTINGS = {
    "sql_time_limit_ms": 2000,  # no query may hog a shared server
    "max_returned_rows": 1000,
    "default_page_size": 20,
    "facet_time_limit_ms": 500,
    # Suggesting facets runs a query per column over every row of the list: at a
    # million articles that was most of a page's time (bench/search.py).
    "suggest_facets": False,
    "allow_download": False,  # the whole SQLite file is not offered for download
}


def metadata_for(db_path: str | Path) -> dict[str, Any]:
    """The project's metadata, keyed by the database name Datasette derives from DB_PATH."""
    metadata = json.loads(METADATA_FILE.read_text(encoding="utf-8"))
    name = Path(db_path).stem
    databases = metadata.get("databases", {})
    if name != METADATA_DATABASE_NAME and METADATA_DATABASE_NAME in databases:
        databases[name] = copy.deepcopy(databases.pop(METADATA_DATABASE_NAME))
        # Links in descriptions name the database: follow the file's name.
        for holder in [metadata, *databases[name].get("tables", {}).values()]:
            if "description_html" in holder:
                holder["description_html"] = holder["description_html"].replace(
                    f"/{METADATA_DATABASE_NAME}/", f"/{name}/"
                )
    return metadata


def make_datasette(db_path: str | Path) -> Datasette:
    return Datasette(
        [str(db_path)],
        metadata=metadata_for(db_path),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        settings=SETTINGS,
    )


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve DB_PATH until interrupted (Ctrl-C)."""
    import uvicorn

    uvicorn.run(make_datasette(db_path).app(), host=host, port=port, log_level="warning")
