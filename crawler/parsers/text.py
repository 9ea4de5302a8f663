"""Whitespace normalisation shared by every parser."""

from __future__ import annotations

import re

from lxml import etree

# \s covers NBSP (U+00A0) and the ideographic space (U+3000) used on Chinese pages.
_WHITESPACE = re.compile(r"[\s\u200b\ufeff]+")


def clean_text(text: str | None) -> str:
    """Collapse runs of whitespace to one space and trim; None becomes ""."""
    if not text:
        return ""
    return _WHITESPACE.sub(" ", text).strip()


# Classes that hide an element from sighted readers (screen-reader-only text).
HIDDEN_CLASSES = re.compile(
    r"sr-only|visually-hidden|visuallyhidden|element-invisible|\baural\b|screen-reader|"
    r"offscreen|show-for-sr",
    re.IGNORECASE,
)
_INVISIBLE_TAGS = {"script", "style", "noscript", "template"}


def visible_texts(root: etree._Element) -> list[str]:
    """Text pieces under ROOT that a sighted reader sees, in document order.

    Skips scripts, styles and screen-reader-only elements; walks iteratively
    because hostile pages nest elements thousands of levels deep.
    """
    texts: list[str] = []
    hidden_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_element = isinstance(element.tag, str)
        hides = is_element and (
            element.tag in _INVISIBLE_TAGS
            or bool(HIDDEN_CLASSES.search(element.get("class") or ""))
        )
        if event == "start":
            if hides:
                hidden_depth += 1
            elif is_element and hidden_depth == 0 and element.text:
                texts.append(element.text)
        else:
            if hides:
                hidden_depth -= 1
            if element is not root and hidden_depth == 0 and element.tail:
                texts.append(element.tail)
    return texts
