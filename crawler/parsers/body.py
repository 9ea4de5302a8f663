"""Article bodies: sanitised HTML for display and plain text for search.

The body is found by a pinned selector, else in the container a government
CMS names as its body, else by trafilatura (a well-kept extraction library).
Archived pages are untrusted input, so the HTML that is stored is sanitised by
Ammonia (through nh3) at write time: whatever a page smuggles in, no script,
style, event handler or iframe reaches the archive.  The text form keeps the
paragraph structure: paragraphs are separated by one blank line.
"""

from __future__ import annotations

import copy

import lxml.html
import nh3
import trafilatura
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
# Body containers of the CMSs that government sites run on (TRS, Hanweb, Drupal,
# schema.org markup).  Named containers beat statistics on these pages; on any
# other page trafilatura finds the body.
_CMS_BODY_CONTAINERS = (
    "[itemprop=articleBody]",
    "div.TRS_Editor",
    "div.TRS_UEDITOR",
    "div.m3nEditor",
    "#UCAP-CONTENT",
    "div.pages_content",
    "div#zoom",
    "div.zoom",
    "div.view.TRS_UEDITOR",
)
_MIN_CONTAINER_CHARS = 40


def extract_body(
    page: Selector, base_url: str, css: str | None, drop: tuple[str, ...] = ()
) -> tuple[str, str, str]:
    """(body_html, body_text, method) of the article body; empty strings when none is found."""
    element, method = _pinned_or_cms_container(page, css)
    if element is not None:
        for query in (_ALWAYS_DROP, *drop):
            element.css(query).drop()
        root = element.root
        if isinstance(root, lxml.html.HtmlElement):
            root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
        body_html = sanitise_html(element.get())
        return body_html, html_to_text(body_html), method
    extracted = _trafilatura_html(page, base_url)
    if extracted:
        body_html = sanitise_html(extracted)
        return body_html, html_to_text(body_html), "trafilatura"
    return "", "", "not found"


def _pinned_or_cms_container(page: Selector, css: str | None) -> tuple[Selector | None, str]:
    if css:
        found = page.css(css)
        if found:
            return found[0], f"selector {css}"
    for query in _CMS_BODY_CONTAINERS:
        for found in page.css(query):
            if len(clean_text(" ".join(found.css("::text").getall()))) >= _MIN_CONTAINER_CHARS:
                return found, f"container {query}"
    return None, "not found"


def _trafilatura_html(page: Selector, base_url: str) -> str | None:
    """The body as trafilatura finds it, as HTML with paragraphs and absolute links."""
    tree = page.root.getroottree() if hasattr(page.root, "getroottree") else None
    if tree is None:
        return None
    try:
        return trafilatura.extract(
            copy.deepcopy(tree.getroot()),
            url=base_url,
            output_format="html",
            include_links=True,
            include_tables=True,
            include_images=False,
            include_comments=False,
        )
    except Exception:  # noqa: BLE001 - a hostile page must not stop the crawl
        return None


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
