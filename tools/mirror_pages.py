"""What every mirror generator in tools/ does alike: read its text data, start
from an empty folder, and write pages where the mirror server looks for them.

The generators run as scripts (``python tools/build_SITE_mirror.py``), so this
module is imported from beside them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path


def load_sections(content: Path) -> dict:
    """The "sections" of a generator's JSON text data."""
    return json.loads(content.read_text(encoding="utf-8"))["sections"]


def start_afresh(output: Path) -> None:
    """Remove what an earlier run wrote, so that no stale page survives."""
    if output.exists():
        shutil.rmtree(output)


def write(output: Path, path: str, html: str, encoding: str = "utf-8") -> None:
    """Write HTML for the live URL PATH under OUTPUT.

    Extensionless addresses (``/news/``, ``/2012/06/16/weekly-address``) are
    written as PATH/index.html, which the mirror server answers for them.
    Encoding is strict: every character must exist in ENCODING (GBK pages).
    """
    relative = path.lstrip("/")
    target = output / relative
    if "." not in relative.rsplit("/", 1)[-1]:
        target = target / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(html.encode(encoding))
