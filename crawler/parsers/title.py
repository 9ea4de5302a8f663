"""Article headlines: the page's own heading, not the <title> with the site name appended."""

from __future__ import annotations

import re

from parsel import Selector

from crawler.parsers.text import clean_text

# "Headline - Site Name", "Headline--Site Name", "Headline | Site Name", "Headline_站名"
_TITLE_SUFFIX = re.compile(r"\s*(?:--|\s[-–—|]\s|_|\|)\s*[^-–—|_]+$")
_TITLE_METAS = (
    'meta[name="ArticleTitle"]::attr(content)',
    'meta[property="og:title"]::attr(content)',
)


def extract_title(page: Selector, css: str | None) -> tuple[str | None, str]:
    """(title, method): pinned selector, title meta tags, the single <h1>, then <title>."""
    if css:
        title = clean_text(" ".join(page.css(css).css("::text").getall()))
        if title:
            return title, f"selector {css}"
    for query in _TITLE_METAS:
        title = clean_text(page.css(query).get())
        if title:
            return title, f"meta {query.split('::')[0]}"
    headings = page.css("h1")
    if len(headings) == 1:
        title = clean_text(" ".join(headings.css("::text").getall()))
        if title:
            return title, "h1"
    title = clean_text(page.css("title::text").get())
    if title:
        return _TITLE_SUFFIX.sub("", title) or title, "<title>"
    return None, "not found"
