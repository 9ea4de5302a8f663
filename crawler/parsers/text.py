"""Whitespace normalisation shared by every parser."""

from __future__ import annotations

import re

# \s covers NBSP (U+00A0) and the ideographic space (U+3000) used on Chinese pages.
_WHITESPACE = re.compile(r"[\s\u200b\ufeff]+")


def clean_text(text: str | None) -> str:
    """Collapse runs of whitespace to one space and trim; None becomes ""."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", text).strip()
