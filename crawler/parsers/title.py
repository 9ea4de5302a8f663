"""Article headlines: the page's own heading, not the <title> with the site name appended.

Government pages state their headline in several places that rarely agree:
TRS's ArticleTitle meta tag, og:title, headings, and the <title> element with
the site name appended.  The headline is the heading that the page's title
strings confirm; failing that, a title string stripped of its site name.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from parsel import Selector

from crawler.parsers.jsonld import has_type, json_ld_objects, meta_content
from crawler.parsers.text import clean_text, join_texts, least_visible_lengths, visible_texts

# Separators between a headline and the site name in <title> and og:title.
_SITE_SUFFIX = re.compile(r"\s*(?:--|\s[-–—|:·]\s|-\s|\s-|_|\||｜|－)\s*")
# Looser separators, used only to confirm a headline that an element repeats exactly.
_ANY_SEPARATOR = re.compile(r"\s*(?:--|[-–—_|｜－])\s*")
_HEADING_QUERY = (
    "//body/descendant::*[self::h1 or self::h2 or self::h3 or contains(@class, 'title') or "
    "contains(@class, 'Title') or contains(@class, 'headline') or contains(@id, 'title')]"
)
_STANDALONE_QUERY = (
    "//body//*[self::h1 or self::h2 or self::h3 or self::h4 or self::b or self::strong"
    " or self::a or self::font or self::p or self::td or self::div or self::span]"
    "[self::h1 or self::h2 or self::h3 or self::h4 or self::b or self::strong"
    " or @align='center' or contains(@class, 'itle') or contains(@class, 'eading')"
    " or contains(@id, 'itle') or contains(@class, 'bt')]"
)
_HEADING_TAGS = {"h1", "h2", "h3"}
_TITLE_NAME = re.compile(r"title|heading|headline", re.IGNORECASE)
_PROSE_CHARS = 60
_DATE_LIKE = re.compile(r"\d{4}[-年./]\d{1,2}")
_MIN_CHARS = 4
_MAX_CHARS = 300
# A heading must cover this share of a title string to be the headline.
_MIN_COVERAGE = 0.35


def extract_title(
    page: Selector, css: str | None, site_name: str | None = None
) -> tuple[str | None, str]:
    """(title, method) of the article headline; SITE_NAME helps strip it from <title>."""
    return _find_title(page, css, site_name)


def _find_title(page: Selector, css: str | None, site_name: str | None) -> tuple[str | None, str]:
    if css:
        for element in page.css(css):
            title = _text(element)
            if title:
                return title, f"selector {css}"
    article_title = _meta_text(page, "name", "ArticleTitle")
    if article_title:
        return article_title, "meta ArticleTitle"
    references = _reference_titles(page)
    heading = _confirmed_heading(page, references)
    if heading:
        return heading
    for name, reference in references:
        stripped = _strip_site_name(reference, page, site_name)
        if stripped:
            return stripped, f"{name} without site name"
    headings = page.css("body h1")
    if len(headings) == 1 and _text(headings[0]):
        return _text(headings[0]), "h1"
    return _standalone_heading(page)


def _standalone_heading(page: Selector) -> tuple[str | None, str]:
    """Pages with no title strings at all: the first heading-like line above prose.

    Old portal pages mark their headline up as a heading, a title-classed
    element, or bold or centred text; the headline is the first such line that
    is followed by a paragraph of text (menus are followed by more menus).
    """
    for element in page.xpath(_STANDALONE_QUERY):
        root = element.root
        if element.xpath("ancestor::nav | ancestor::header") or (
            element.xpath("ancestor-or-self::a") and not _TITLE_NAME.search(_names(root))
        ):
            continue
        text = _text(element)
        if (
            _MIN_CHARS + 2 <= len(text) <= 100
            and not _DATE_LIKE.search(text)
            and (_prose_follows(root))
        ):
            return text, f"standalone <{root.tag}>"
    return None, "not found"


def _names(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _prose_follows(element, reach: int = 6) -> bool:
    """Whether a paragraph of text comes soon after ELEMENT in the document."""
    node = element
    seen = 0
    while node is not None and seen < reach:
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            seen += 1
            linked = sum(len(clean_text(a.text_content())) for a in sibling.iter("a"))
            if len(clean_text(sibling.text_content())) - linked >= _PROSE_CHARS:
                return True
            if seen >= reach:
                return False
        node = node.getparent()
    return False


def _reference_titles(page: Selector) -> list[tuple[str, str]]:
    """Title strings the page states about itself, most specific first."""
    references = []
    for item in json_ld_objects(page):
        if has_type(item, "NewsArticle", "Article", "BlogPosting", "Report", "WebPage"):
            headline = item.get("headline") or item.get("name")
            if isinstance(headline, str) and clean_text(headline):
                references.append(("json-ld headline", clean_text(headline)))
    for name, value in (
        ("og:title", meta_content(page, "property", "og:title")),
        ("twitter:title", meta_content(page, "name", "twitter:title")),
        ("dc.title", meta_content(page, "name", "DC.title")),
        ("<title>", _title_text(page.root)),
    ):
        value = clean_text(value)
        if value:
            references.append((name, value))
    return references


def _title_text(root: etree._Element) -> str | None:
    """page.css("title::text").get(): the first text node in a <title>, without a query."""
    for element in root.iter("title"):
        if element.text:
            return element.text
        for child in element:
            if child.tail:
                return child.tail
    return None


def _confirmed_heading(page: Selector, references: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The heading that covers most of a title string (site names cover little of it)."""
    folded = [reference.casefold() for _, reference in references]
    best = None
    for element in _headings(page):
        text = join_texts(visible_texts(element))
        if not (_MIN_CHARS <= len(text) <= _MAX_CHARS):
            continue
        key = _squash(text)
        coverage, headline = 0.0, text
        for (_, reference), folded_reference in zip(references, folded, strict=True):
            folded_reference = _squash(folded_reference)
            if key in folded_reference and len(key) / len(folded_reference) > coverage:
                coverage, headline = len(key) / len(folded_reference), text
            elif len(folded_reference) >= 8 and folded_reference in key:
                # The heading adds a kicker or a date to the headline the title states.
                coverage, headline = 1.0, reference
        if coverage < _MIN_COVERAGE:
            continue
        rank = 0 if element.tag == "h1" else 1 if element.tag in ("h2", "h3") else 2
        score = (round(coverage, 2), -rank)
        if best is None or score > best[0]:
            best = (score, headline, element.tag)
    if best is None:
        return _element_equal_to_title_part(page, folded)
    return best[1], f"heading <{best[2]}> confirmed by title"


def _headings(page: Selector) -> list[etree._Element]:
    """The elements _HEADING_QUERY selects, found in one walk of the body (faster)."""
    bodies = list(page.root.iter("body"))
    if len(bodies) != 1:
        return [element.root for element in page.xpath(_HEADING_QUERY)]
    found = []
    for element in bodies[0].iter(etree.Element):
        if element.tag in _HEADING_TAGS:
            found.append(element)
            continue
        classes, id_ = element.get("class"), element.get("id")
        if (classes and ("title" in classes or "Title" in classes or "headline" in classes)) or (
            id_ and "title" in id_
        ):
            found.append(element)
    return found[1:] if found and found[0] is bodies[0] else found


def _element_equal_to_title_part(page: Selector, folded: list[str]) -> tuple[str, str] | None:
    """An element whose whole text is the headline part of a title ("Headline-Site")."""
    parts = {
        part.strip()
        for reference in folded
        for part in _ANY_SEPARATOR.split(reference)
        if len(part.strip()) >= _MIN_CHARS * 2
    }
    if not parts:
        return None
    longest = max(len(part) for part in parts)
    # A text that casefolds to a part is no longer than it: most elements of a page
    # hold more visible text than that, and are ruled out without computing it.
    least_lengths = least_visible_lengths(page.root)
    best = None
    for element in page.xpath(
        "//body/descendant::*[not(ancestor-or-self::li or ancestor-or-self::nav"
        " or ancestor-or-self::a or ancestor-or-self::header or ancestor-or-self::footer"
        " or self::option)]"
    ):
        root = element.root
        if len(root) > 3 or least_lengths.get(root, 0) > longest:
            continue
        text = join_texts(visible_texts(root))
        if text and text.casefold() in parts and (best is None or len(text) > len(best[0])):
            best = (text, root.tag)
    if best is None:
        return None
    return best[0], f"element <{best[1]}> equal to a title part"


def _squash(text: str) -> str:
    """TEXT for comparison only: case folded, without any whitespace."""
    return "".join(text.casefold().split())


def _strip_site_name(title: str, page: Selector, site_name: str | None = None) -> str:
    """TITLE without the site name that CMSs append (or prepend) to it."""
    names = [
        clean_text(name).casefold()
        for name in (meta_content(page, "property", "og:site_name"), site_name)
        if name and clean_text(name)
    ]
    parts = [part.strip() for part in _SITE_SUFFIX.split(title) if part.strip()]
    if len(parts) < 2:
        for name in names:
            if name in title.casefold() and title.casefold() != name:
                start = title.casefold().index(name)
                return clean_text(title[:start] + title[start + len(name) :]).strip(" -–—|_:·")
        return title
    kept = [
        part
        for part in parts
        if not any(part.casefold() in name or name in part.casefold() for name in names)
    ] or parts
    longest = max(kept, key=len)
    # The headline comes first unless that part is too short to be one (a site name first).
    return kept[0] if len(kept[0]) >= 0.4 * len(longest) else longest


def _meta_text(page: Selector, attribute: str, name: str) -> str:
    """A meta value that may itself contain markup (TRS puts HTML in ArticleTitle)."""
    value = meta_content(page, attribute, name)
    if not value or not value.strip():
        return ""
    if "<" in value:
        fragment = lxml.html.fragment_fromstring(value, create_parent="div")
        value = join_texts(visible_texts(fragment))
    return clean_text(value)


def _text(element: Selector) -> str:
    return join_texts(visible_texts(element.root))
