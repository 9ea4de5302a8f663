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
import re
from html import escape as html_escape

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
# Body containers of the CMSs that government sites run on (TRS, Hanweb, WordPress,
# Drupal, Government Site Builder, schema.org markup).  A named container beats
# statistics on these pages; on any other page trafilatura finds the body.
_CMS_BODY_CONTAINERS = (
    "[itemprop=articleBody]",
    "div.TRS_Editor",
    "div.TRS_UEDITOR",
    "div.m3nEditor",
    "#UCAP-CONTENT",
    "div.pages_content",
    "div#zoom",
    "div.entry-content",
    "div.field-name-body",
    "div.field--name-body",
    "div[class*='field-name-field-'][class*='-body']",
    "div.article-content",
    "div.body-text",
)
_MIN_CONTAINER_CHARS = 40
# Leads and teasers that CMSs keep in their own element just before the body.
_LEAD_CLASS = re.compile(
    r"(?:^|[\s_-])(?:intro|lead|teaser|abstract|summary|standfirst|dek|einleitung)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Parts of a body container that are page furniture, not text of the article.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|print|tools|toolbar|comments?|"
    r"contact|kontakt|rueckfrage|author-box|caption|pager|pagination|tags|"
    r"copyright|zrbj|bjzr|fenxiang|dayin|gallery|galerie|slider|carousel)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Paragraphs that open a body but are not part of it: captions of the lead photo.
_LEADING_CAPTION = re.compile(r"^(?:图为|圖為|\(?photo\b).{0,120}[)）]$", re.IGNORECASE)
# Paragraphs that start the page furniture after a body: everything from there on goes.
_TRAILER = re.compile(
    r"^(?:[(（【\[]?\s*(?:责任编辑|编辑|责编|审核|校对|来源|打印|关闭|扫一扫)|"
    r"rückfragehinweis|rückfragen|pressekontakt|pressestelle|herausgeber|letzte änderung|"
    r"adresse für rückfragen|medienkontakt|kontakt:|share this|tags:|schlagworte|"
    r"related (?:articles|stories|news)|more news)",
    re.IGNORECASE,
)
# A body's first lines that only repeat page metadata: a date, a place, an author line.
_LEADING_METADATA = re.compile(
    r"^(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?|"
    r"(?:ort|datum|date|written by|by|photo|foto|source|来源|作者)\b.{0,60}|"
    r"索\s*引\s*号.*)$",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADING_BLOCK = re.compile(r"^<h[1-6][\s>]")
_TRAILER_ZONE = 0.3  # trailers are looked for in the last 30% of paragraphs


def extract_body(
    page: Selector,
    base_url: str,
    css: str | None,
    drop: tuple[str, ...] = (),
    title: str | None = None,
) -> tuple[str, str, str]:
    """(body_html, body_text, method) of the article body; empty strings when none is found."""
    element, method = _pinned_or_cms_container(page, css)
    if element is not None:
        html = _container_html(element, base_url, drop, pinned=method.startswith("selector"))
    else:
        html, method = _trafilatura_html(page, base_url), "trafilatura"
    if not html:
        return "", "", "not found"
    paragraphs = _trim(_paragraph_blocks(sanitise_html(html)), title)
    body_html = "\n".join(paragraphs)
    return body_html, html_to_text(body_html), method


def _container_html(element: Selector, base_url: str, drop: tuple[str, ...], pinned: bool) -> str:
    """The container's HTML with its lead, without scripts, furniture and DROP selectors."""
    lead = "" if pinned else _lead_before(element)
    for query in (_ALWAYS_DROP, *drop):
        element.css(query).drop()
    if not pinned:
        for child in list(element.root.iter()):
            if (
                child is not element.root
                and isinstance(child.tag, str)
                and (
                    _FURNITURE.search(f"{child.get('class') or ''} {child.get('id') or ''}")
                    or child.tag == "figcaption"
                )
            ):
                child.drop_tree()
    root = element.root
    if isinstance(root, lxml.html.HtmlElement):
        root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
    return lead + element.get()


def _lead_before(element: Selector) -> str:
    """A lead/teaser element among the siblings before the body (or before its parent)."""
    node = element.root
    for _ in range(3):
        for sibling in node.itersiblings(preceding=True):
            if isinstance(sibling.tag, str) and _LEAD_CLASS.search(sibling.get("class") or ""):
                return lxml.html.tostring(sibling, encoding="unicode", with_tail=False)
        node = node.getparent()
        if node is None:
            break
    return ""


def _paragraph_blocks(body_html: str) -> list[str]:
    """The sanitised body split into top-level blocks (paragraphs, lists, tables)."""
    if not body_html:
        return []
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    # Unwrap single wrappers (<div><div>...</div></div>) to reach the paragraphs.
    while (
        len(root) == 1
        and root[0].tag in ("div", "section", "article")
        and not ((root.text or "").strip() or (root[0].tail or "").strip())
    ):
        root = root[0]
    blocks = []
    if (root.text or "").strip():
        blocks.append(html_escape(root.text.strip()))
    for child in root:
        blocks.append(lxml.html.tostring(child, encoding="unicode", with_tail=False))
        if (child.tail or "").strip():
            blocks.append(html_escape(child.tail.strip()))
    return blocks


def _trim(blocks: list[str], title: str | None) -> list[str]:
    """Drop metadata and captions before the text, and page furniture after it."""
    texts = [html_to_text(block) for block in blocks]
    start = 0
    headline = clean_text(title).casefold() if title else None
    while start < len(blocks) - 1:
        text = clean_text(texts[start])
        if (
            not text
            or text.casefold() == headline
            or _LEADING_METADATA.match(text)
            or (_LEADING_CAPTION.match(text))
        ):
            start += 1
            continue
        break
    end = len(blocks)
    zone_start = max(start + 1, int(len(blocks) * (1 - _TRAILER_ZONE)))
    for index in range(zone_start, len(blocks)):
        if _TRAILER.match(clean_text(texts[index])):
            end = index
            break
    # Empty blocks and orphan headings (a "Gallery" heading whose gallery was removed).
    while end > start + 1 and (
        not clean_text(texts[end - 1]) or _HEADING_BLOCK.match(blocks[end - 1])
    ):
        end -= 1
    return blocks[start:end]


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
        extracted = trafilatura.extract(
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
    if not extracted:
        return None
    # trafilatura writes XHTML (<a href=""/>); an HTML parser would read an empty
    # link as one that wraps the rest of the body, so re-serialise it as HTML.
    try:
        return lxml.html.tostring(etree.fromstring(extracted), method="html", encoding="unicode")
    except etree.XMLSyntaxError:
        return extracted


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
