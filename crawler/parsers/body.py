"""Article bodies: sanitised HTML for display and plain text for search.

Archived pages are untrusted input, so the HTML that is stored is sanitised by
Ammonia (through nh3) at write time: whatever a page smuggles in, no script,
style, event handler or iframe reaches the archive.  The text form keeps the
paragraph structure: paragraphs are separated by one blank line.
"""

from __future__ import annotations

import lxml.html
import nh3
from lxml import etree
from parsel import Selector

from crawler.parsers.text import clean_text

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
# Elements removed with everything inside them before sanitising.
_ALWAYS_DROP = "script, style, noscript, iframe, object, embed, form, button, select, textarea"
# Tags whose start or end begins a new paragraph in the text form.
_BLOCK_TAGS = {
    "p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "figure", "figcaption", "br", "hr",
}  # fmt: skip
# Containers that CMSs use for article bodies, tried when a profile pins none.
_BODY_CANDIDATES = (
    "[itemprop=articleBody]",
    "div.TRS_Editor",
    "div.m3nEditor",
    "article",
    "div.article-content",
    "div.content",
    "main",
)


def extract_body(
    page: Selector, base_url: str, css: str | None, drop: tuple[str, ...] = ()
) -> tuple[str, str, str]:
    """(body_html, body_text, method) of the article body; empty strings when none is found."""
    element, method = _find_body(page, css)
    if element is None:
        return "", "", "not found"
    for query in (_ALWAYS_DROP, *drop):
        element.css(query).drop()
    root = element.root
    if isinstance(root, lxml.html.HtmlElement):
        root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
    body_html = sanitise_html(element.get())
    return body_html, html_to_text(body_html), method


def sanitise_html(html: str) -> str:
    """Untrusted HTML reduced to a safe subset; links get rel="nofollow noopener"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        strip_comments=True,
    ).strip()


def html_to_text(html: str) -> str:
    """Paragraphs of HTML as plain text, separated by one blank line."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    paragraphs: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        text = clean_text("".join(pending))
        if text:
            paragraphs.append(text)
        pending.clear()

    # iterwalk rather than recursion: hostile pages nest thousands of levels deep.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        is_block = element.tag in _BLOCK_TAGS
        if event == "start":
            if is_block:
                flush()
            pending.append(element.text or "")
        else:
            if is_block:
                flush()
            if element is not root:
                pending.append(element.tail or "")
    flush()
    return "\n\n".join(paragraphs)


def _find_body(page: Selector, css: str | None) -> tuple[Selector | None, str]:
    if css:
        found = page.css(css)
        if found:
            return found[0], f"selector {css}"
    for query in _BODY_CANDIDATES:
        found = page.css(query)
        if found and clean_text(" ".join(found[0].css("::text").getall())):
            return found[0], f"container {query}"
    return None, "not found"
