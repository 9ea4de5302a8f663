"""Breadcrumb trails: "You are here: Home > News > Top News" to ["Home", "News", "Top News"].

The trail is the most reliable statement a site makes about where an article
belongs, so the archive keeps the labels exactly as shown and derives the
section from them.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.parsers.text import clean_text

# Lead-ins that introduce a trail but are not crumbs themselves.
_LEAD_IN = re.compile(
    r"^\s*(?:you are here|current location|your location|location|"
    r"当前位置|您当前所在位置|您当前的位置|您的位置|当前所在位置|sie sind hier)\s*[:：]?\s*",
    re.IGNORECASE,
)
# Separators, most specific first: the first one present in a trail splits it.
_SEPARATORS = (">>", "»", "›", "＞", ">", "→", " / ", "/", "|")
_HOME_LABELS = {"home", "homepage", "home page", "首页", "网站首页", "主页", "startseite"}


def split_breadcrumb(text: str) -> list[str]:
    """Split the visible text of a trail into trimmed labels."""
    text = _LEAD_IN.sub("", clean_text(text))
    for separator in _SEPARATORS:
        if separator in text:
            parts = text.split(separator)
            break
    else:
        parts = [text]
    return [label for label in (clean_text(part) for part in parts) if label]


def breadcrumb_from_selector(element: Selector) -> list[str]:
    """Labels of a trail element: its list items if it is a list, else its split text."""
    items = element.css("li")
    if items:
        labels = [clean_text(" ".join(item.css("::text").getall())) for item in items]
        labels = [_LEAD_IN.sub("", label) for label in labels]
        labels = [label for label in labels if label and label not in _SEPARATORS]
        if labels:
            return labels
    return split_breadcrumb(" ".join(element.css("::text").getall()))


def drop_trailing_title(crumbs: list[str], title: str | None) -> list[str]:
    """A trail that ends with the article's own title: that last label is not a crumb."""
    if (
        title
        and len(crumbs) > 1
        and clean_text(crumbs[-1]).casefold() == clean_text(title).casefold()
    ):
        return crumbs[:-1]
    return crumbs


def section_from_breadcrumb(crumbs: list[str]) -> str:
    """The crumbs after the home crumb joined with " > " ("News > Top News")."""
    if crumbs and crumbs[0].casefold() in _HOME_LABELS:
        crumbs = crumbs[1:]
    return " > ".join(crumbs)
