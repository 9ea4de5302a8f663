"""Article headlines: the page's own heading, not the <title> with the site name appended.

Government pages state their headline in several places that rarely agree:
TRS's ArticleTitle meta tag, og:title, headings, and the <title> element with
the site name appended.  The headline is the heading that the page's title
strings confirm; failing that, a title string stripped of its site name.
"""

from __future__ import annotations

import re

import lxml.html
from parsel import Selector

from crawler.parsers.jsonld import has_type, json_ld_objects
from crawler.parsers.text import clean_text, visible_texts

# Separators between a headline and the site name in <title> and og:title.
_SITE_SUFFIX = re.compile(r"\s*(?:--|\s[-–—|:·]\s|-\s|\s-|_|\||｜|－)\s*")
_HEADING_QUERY = (
    "//body//*[self::h1 or self::h2 or self::h3 or contains(@class, 'title') or "
    "contains(@class, 'Title') or contains(@class, 'headline') or contains(@id, 'title')]"
)
_MIN_CHARS = 4
_MAX_CHARS = 300
# A heading must cover this share of a title string to be the headline.
_MIN_COVERAGE = 0.35


def extract_title(page: Selector, css: str | None) -> tuple[str | None, str]:
    """(title, method) of the article headline."""
    if css:
        for element in page.css(css):
            title = _text(element)
            if title:
                return title, f"selector {css}"
    article_title = _meta_text(page, 'meta[name="ArticleTitle"]::attr(content)')
    if article_title:
        return article_title, "meta ArticleTitle"
    references = _reference_titles(page)
    heading = _confirmed_heading(page, references)
    if heading:
        return heading
    for name, reference in references:
        stripped = _strip_site_name(reference, page)
        if stripped:
            return stripped, f"{name} without site name"
    headings = page.css("body h1")
    if len(headings) == 1 and _text(headings[0]):
        return _text(headings[0]), "h1"
    return None, "not found"


def _reference_titles(page: Selector) -> list[tuple[str, str]]:
    """Title strings the page states about itself, most specific first."""
    references = []
    for item in json_ld_objects(page):
        if has_type(item, "NewsArticle", "Article", "BlogPosting", "Report", "WebPage"):
            headline = item.get("headline") or item.get("name")
            if isinstance(headline, str) and clean_text(headline):
                references.append(("json-ld headline", clean_text(headline)))
    for name, query in (
        ("og:title", 'meta[property="og:title"]::attr(content)'),
        ("twitter:title", 'meta[name="twitter:title"]::attr(content)'),
        ("dc.title", 'meta[name="DC.title"]::attr(content)'),
        ("<title>", "title::text"),
    ):
        value = clean_text(page.css(query).get())
        if value:
            references.append((name, value))
    return references


def _confirmed_heading(page: Selector, references: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The heading that covers most of a title string (site names cover little of it)."""
    folded = [reference.casefold() for _, reference in references]
    best = None
    for element in page.xpath(_HEADING_QUERY):
        text = _text(element)
        if not (_MIN_CHARS <= len(text) <= _MAX_CHARS):
            continue
        key = text.casefold()
        coverage = max(
            (
                len(key) / len(reference) if key in reference else 1.0
                for reference in folded
                if key in reference or (len(reference) >= 8 and reference in key)
            ),
            default=0.0,
        )
        if coverage < _MIN_COVERAGE:
            continue
        rank = 0 if element.root.tag == "h1" else 1 if element.root.tag in ("h2", "h3") else 2
        score = (round(coverage, 2), -rank)
        if best is None or score > best[0]:
            best = (score, text, element.root.tag)
    if best is None:
        return None
    return best[1], f"heading <{best[2]}> confirmed by title"


def _strip_site_name(title: str, page: Selector) -> str:
    site = clean_text(page.css('meta[property="og:site_name"]::attr(content)').get())
    if site and site in title and title != site:
        title = clean_text(title.replace(site, ""))
        title = _SITE_SUFFIX.sub(" ", title).strip(" -–—|_:·")
        return title
    parts = [part for part in _SITE_SUFFIX.split(title) if part.strip()]
    if len(parts) > 1:
        # The headline is the longest part; site names and section names are short.
        return max(parts, key=len).strip()
    return title


def _meta_text(page: Selector, query: str) -> str:
    """A meta value that may itself contain markup (TRS puts HTML in ArticleTitle)."""
    value = page.css(query).get()
    if not value or not value.strip():
        return ""
    if "<" in value:
        fragment = lxml.html.fragment_fromstring(value, create_parent="div")
        value = " ".join(visible_texts(fragment))
    return clean_text(value)


def _text(element: Selector) -> str:
    return clean_text(" ".join(visible_texts(element.root)))
