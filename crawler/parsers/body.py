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
import logging
import re
from functools import lru_cache
from html import escape as html_escape
from urllib.parse import urljoin

import lxml.html
import nh3
import trafilatura
from lxml import etree
from parsel import Selector
from trafilatura.htmlprocessing import build_html_output
from trafilatura.settings import Extractor, use_config
from trafilatura.utils import normalize_unicode, safe_base_url, safe_relative_url

from crawler.parsers.text import clean_text, hidden_class, solid_length, visible_texts

# trafilatura warns ("discarding data: URL") about pages it finds empty; the spider
# already logs each page it skips, with the reason, once.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
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
# What an element matched by one of them has at least: most pages have none, and then
# one pass over the tree spares a query per container.
# The words in the class of a div that each class query needs (a superset of its matches).
_CMS_BODY_CLASS_WORDS = {
    "div.TRS_Editor": ("TRS_Editor",),
    "div.TRS_UEDITOR": ("TRS_UEDITOR",),
    "div.m3nEditor": ("m3nEditor",),
    "div.pages_content": ("pages_content",),
    "div.entry-content": ("entry-content",),
    "div.field-name-body": ("field-name-body",),
    "div.field--name-body": ("field--name-body",),
    "div[class*='field-name-field-'][class*='-body']": ("field-name-field-", "-body"),
    "div.article-content": ("article-content",),
    "div.body-text": ("body-text",),
}
_CMS_BODY_CLASSES = re.compile("|".join(words[0] for words in _CMS_BODY_CLASS_WORDS.values()))
_MIN_CONTAINER_CHARS = 40
_TEXT_NODES = etree.XPath("descendant-or-self::text()", smart_strings=False)  # css("::text")
# The attributes the CMS containers [itemprop=articleBody] and #UCAP-CONTENT need, as strings
# that name their attribute (_possible_cms_containers).
_ITEMPROP_AND_ID = etree.XPath("descendant-or-self::*/@itemprop | descendant-or-self::*/@id")
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
_LEADING_CAPTION = re.compile(
    r"^(?:(?:图为|圖為|\(?photo\b).{0,120}[)）]|.{0,200}\[photo[^\]]{0,40}\])$", re.IGNORECASE
)
# Paragraphs that start the page furniture after a body: everything from there on goes.
_TRAILER = re.compile(
    r"^(?:[(（【\[]?\s*(?:责任编辑|编辑|责编|审核|校对|来源|打印|关闭|扫一扫)|"
    r"rückfragehinweis|rückfragen|pressekontakt|pressestelle|herausgeber|letzte änderung|"
    r"adresse für rückfragen|medienkontakt|kontakt:|share this|tags:|schlagworte|"
    r"related (?:articles|stories|news)|more news|主办(?:单位)?[：:]|承办(?:单位)?[：:]|"
    r"地址：|网站标识码|版权所有|已收藏|信息来源|相关新闻|相关链接|返回|页面功能|"
    r"我来说两句|关于我们|联系我们|网站地图|广告服务|copyright ©|all rights reserved|"
    r"(?:[^|]{1,10}\|){2,})",
    re.IGNORECASE,
)
# A body's first lines that only repeat page metadata: a date, a place, an author line.
_LEADING_METADATA = re.compile(
    # A short line with a date and no sentence in it: "10.11.2021", "NEWS.SOHU.COM
    # 2006年5月16日10:35 来源：城市晚报", "April 26, 2022 Written by ..."
    r"^(?:(?=.{0,80}$)(?!.*[。！？]|.*\.\s)"
    r".*(?:\d{4}[-年./]\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}|[a-z]{3,9}\.? \d{1,2}, \d{4}).*|"
    # A place, a date or an author given as a label and a value.
    r"(?:ort|datum|date|written by|by|photo|foto|source|来源|作者)\b.{0,60}|"
    # The metadata table of Chinese government notices, and document numbers.
    r"索\s*引\s*号.*|[(（]?[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号[)）]?)$",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADING_BLOCK = re.compile(r"^<h[1-6][\s>]")
_TRAILER_ZONE = 0.3
# A short first line without sentence punctuation is a kicker, a section name or
# a speaker's name, not the text (subtitles of Chinese news are such lines too).
_SHORT_LINE_CHARS = 12
_SENTENCE_MARK = re.compile(r"[.!?。！？，,；;：:]")
# trafilatura's default minimum (250 characters) makes it fall back to whole-page
# extraction on short notices.
_MIN_EXTRACTED_CHARS = 60
# Above this share of linked text a "body" is a list of links: a listing page.
MAX_LINK_DENSITY = 0.75
_WHOLE_PAGE_SHARE = 0.85
_DENSEST_MIN_SHARE = 0.4
_MIN_BLOCK_CHARS = 20
_NON_CONTENT_TAGS = {"nav", "header", "footer", "aside", "form", "a", "script", "style"}
_INLINE_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "span",
    "font",
    "u",
    "sup",
    "sub",
    "br",
}  # trailers are looked for in the last 30% of paragraphs


def extract_body(
    page: Selector,
    base_url: str,
    css: str | None,
    drop: tuple[str, ...] = (),
    title: str | None = None,
    trail: etree._Element | None = None,
) -> tuple[str, str, str]:
    """(body_html, body_text, method) of the article body; empty strings when none is found.

    TITLE and TRAIL (the breadcrumb's element) are taken out of a body container
    that happens to hold them: the record has them already.
    """
    element, method = _pinned_or_cms_container(page, css)
    excluded = (title, trail)
    if element is not None:
        html = _container_html(
            element, base_url, drop, pinned=method.startswith("selector"), excluded=excluded
        )
    else:
        html, method = _trafilatura_html(page, base_url, trail), "trafilatura"
        trail_text = _squashed_text(trail) if trail is not None else ""
        if html and _holds_trail(html, trail):
            # The extraction began at the page's header: the body starts after the trail.
            method = "trafilatura (after the breadcrumb)"
        elif html and _is_whole_page(html, page):
            # Old table layouts defeat trafilatura, which then returns the whole page;
            # the densest block of prose is the body if it holds much of that text.
            densest = _densest_container(page)
            if densest is not None:
                candidate = _container_html(
                    densest, base_url, drop, pinned=False, excluded=excluded
                )
                if _text_length(candidate) >= _DENSEST_MIN_SHARE * _text_length(html):
                    html, method = candidate, "densest text block"
    if not html:
        return "", "", "not found"
    blocks, texts = _blocks(html)
    start, end = _edges(texts, title, blocks)
    body_html = "\n".join(blocks[start:end])
    paragraphs = [p for text in texts[start:end] for p in text.split("\n\n") if p]
    if method == "trafilatura (after the breadcrumb)":
        paragraphs = _after_trail(paragraphs, trail_text)
    # Metadata or furniture inside a block (a table cell holding everything) is
    # trimmed paragraph by paragraph; the HTML is then rebuilt from the paragraphs.
    start, end = _edges(paragraphs, title)
    if (start, end) != (0, len(paragraphs)) or method == "trafilatura (after the breadcrumb)":
        paragraphs = paragraphs[start:end]
        body_html = "\n".join(f"<p>{html_escape(p)}</p>" for p in paragraphs)
    return body_html, "\n\n".join(paragraphs), method


def _squashed_text(element: etree._Element) -> str:
    return "".join(clean_text(" ".join(visible_texts(element))).split())


@lru_cache(maxsize=8)
def _blocks(html: str) -> tuple[list[str], list[str]]:
    """_paragraph_blocks(sanitise_html(HTML)), which the checks on an extraction share."""
    return _paragraph_blocks(sanitise_html(html))


def _plain_text(html: str) -> str:
    """html_to_text(sanitise_html(HTML)), from the blocks' texts."""
    return "\n\n".join(text for text in _blocks(html)[1] if text)


def _text_length(html: str) -> int:
    return len(clean_text(_plain_text(html)))


def _is_whole_page(html: str, page: Selector) -> bool:
    """Whether an extraction holds nearly all of the page's visible text (menus included)."""
    extracted = _text_length(html)
    body = page.root.find(".//body")
    if body is None or extracted < _WHOLE_PAGE_SHARE * _least_visible_length(body):
        return False
    whole = len(clean_text(" ".join(visible_texts(body))))
    return whole > 0 and extracted >= _WHOLE_PAGE_SHARE * whole


# Text that visible_texts leaves out: inside scripts and styles, after comments.
_UNSEEN_TEXT = etree.XPath(
    ".//script//text() | .//style//text() | .//noscript//text() | .//template//text()"
    " | .//comment()/following-sibling::node()[1][self::text()]"
    " | .//processing-instruction()/following-sibling::node()[1][self::text()]",
    smart_strings=False,
)
_CLASS_VALUES = etree.XPath(".//@class", smart_strings=False)
_WITH_CLASS = etree.XPath(".//*[@class = $value]")
_STRING = etree.XPath("string()", smart_strings=False)


def _least_visible_length(element: etree._Element) -> int:
    """A lower bound, cheap to compute, on len(clean_text(" ".join(visible_texts(ELEMENT)))):
    its characters other than whitespace and invisibles, less those of the text that
    visible_texts leaves out (scripts, screen-reader text, text after comments).
    """
    unseen = sum(solid_length(text) for text in _UNSEEN_TEXT(element))
    for value in {value for value in _CLASS_VALUES(element) if hidden_class(value)}:
        for hidden in _WITH_CLASS(element, value=value):
            unseen += sum(solid_length(text) for text in hidden.itertext())
    return solid_length(_STRING(element)) - unseen


def _holds_trail(html: str, trail: etree._Element | None) -> bool:
    """Whether an extraction swallowed the breadcrumb trail (so the navigation with it)."""
    if trail is None:
        return False
    trail_text = _squashed_text(trail)
    return len(trail_text) >= 4 and trail_text in "".join(_plain_text(html).split())


def _after_trail(paragraphs: list[str], trail_text: str) -> list[str]:
    """The paragraphs after the one where the breadcrumb trail ends."""
    seen = ""
    for index, paragraph in enumerate(paragraphs):
        seen += "".join(paragraph.split())
        if trail_text and trail_text in seen:
            return paragraphs[index + 1 :] or paragraphs
    return paragraphs


def _densest_container(page: Selector) -> Selector | None:
    """The element holding the most unlinked prose (a readability-style score).

    Every text block (a paragraph, or text sitting directly in a div or a table
    cell) gives its length, less its linked text, to its parent and half of it
    to its grandparent; the highest scoring element is the body.
    """
    body = page.root.find(".//body")
    if body is None:
        return None
    scores: dict[etree._Element, float] = {}
    for element in body.iter("p", "div", "td", "font", "span", "pre"):
        if any(ancestor.tag in _NON_CONTENT_TAGS for ancestor in element.iterancestors()):
            continue
        own = clean_text(
            (element.text or "")
            + "".join((child.tail or "") for child in element if isinstance(child.tag, str))
        )
        inline = "".join(
            clean_text(child.text_content())
            for child in element
            if isinstance(child.tag, str) and child.tag in _INLINE_TAGS
        )
        linked = sum(len(clean_text(a.text_content())) for a in element.findall("a"))
        length = len(own) + len(inline) - linked
        if length < _MIN_BLOCK_CHARS:
            continue
        parent = element.getparent() if element.tag == "p" else element
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grandparent = parent.getparent()
        if grandparent is not None and element.tag == "p":
            scores[grandparent] = scores.get(grandparent, 0.0) + length / 2
    if not scores:
        return None
    best = max(scores, key=scores.get)
    return Selector(root=best)


def _container_html(
    element: Selector,
    base_url: str,
    drop: tuple[str, ...],
    pinned: bool,
    excluded: tuple[str | None, etree._Element | None] = (None, None),
) -> str:
    """The container's HTML with its lead, without scripts, furniture and DROP selectors."""
    lead = "" if pinned else _lead_before(element)
    for query in (_ALWAYS_DROP, *drop):
        element.css(query).drop()
    if not pinned:
        _drop_title_and_trail(element.root, *excluded)
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
        _make_links_absolute(root, base_url)
    _mark_block_ends(root)
    return lead + element.get()


def _make_links_absolute(root: lxml.html.HtmlElement, base_url: str) -> None:
    """lxml's make_links_absolute(BASE_URL, resolve_base_href=False, handle_failures="discard")
    without the <base href> search it makes all the same (over the whole document, a
    quarter of the cost): BASE_URL has the page's <base href> in it already (base_url_of).
    """

    def absolute(href: str) -> str | None:
        try:
            return urljoin(base_url, href)
        except ValueError:  # a link that is not a URL at all goes
            return None

    root.rewrite_links(absolute, resolve_base_href=False)


def _mark_block_ends(root: etree._Element) -> None:
    """Put a <br> after every div-like element, which the sanitiser unwraps.

    Divs are not kept in the archived HTML (they carry layout, and hostile
    pages nest them thousands deep), but a div ends a paragraph: without the
    mark, a signature in two divs would read as one line.
    """
    for element in list(root.iter("div", "section", "article", "header", "center")):
        if element is root or element.getparent() is None:
            continue
        marker = etree.Element("br")
        marker.tail = element.tail
        element.tail = None
        element.addnext(marker)


def _drop_title_and_trail(
    root: etree._Element, title: str | None, trail: etree._Element | None
) -> None:
    """Remove the headline's element and the breadcrumb's element from inside ROOT."""
    if (
        trail is not None
        and trail is not root
        and any(ancestor is root for ancestor in trail.iterancestors())
    ):
        trail.drop_tree()
    if not title:
        return
    headline = "".join(title.casefold().split())
    # Each element's text is a stretch of ROOT's, so a headline ROOT lacks is in no element:
    # one test instead of one per element (the headline is usually outside the body).
    if headline not in "".join(clean_text(root.text_content()).casefold().split()):
        return
    for child in list(root.iter()):
        if child is root or not isinstance(child.tag, str) or child.getparent() is None:
            continue
        text = "".join(clean_text(child.text_content()).casefold().split())
        if text == headline:
            child.drop_tree()
            return


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


def _paragraph_blocks(body_html: str) -> tuple[list[str], list[str]]:
    """The sanitised body split into top-level blocks (paragraphs, lists, tables), and
    the text of each (what html_to_text gives for its HTML, without parsing it again).

    Runs of text and inline elements between blocks form one block each.
    """
    if not body_html:
        return [], []
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    # Unwrap single wrappers (<div><div>...</div></div>) to reach the paragraphs.
    while (
        len(root) == 1
        and root[0].tag in ("div", "section", "article")
        and not (root.text or "").strip()
        and not (root[0].tail or "").strip()
    ):
        root = root[0]
    blocks: list[str] = []
    texts: list[str] = []
    inline: list[str] = [html_escape(root.text or "")]
    run = etree.Element("div")  # the run of inline content, as html_to_text would parse it
    run.text = root.text

    def flush() -> None:
        nonlocal run
        joined = "".join(inline).strip()
        if joined:
            blocks.append(joined)
            texts.append(_element_text(run))
        inline.clear()
        run = etree.Element("div")

    for child in root:
        if child.tag in _BLOCK_TAGS:
            flush()
            blocks.append(lxml.html.tostring(child, encoding="unicode", with_tail=False))
            texts.append(_element_text(child))
        else:
            inline.append(lxml.html.tostring(child, encoding="unicode", with_tail=False))
            copied = copy.deepcopy(child)
            copied.tail = None
            run.append(copied)
        inline.append(html_escape(child.tail or ""))
        if len(run):
            run[-1].tail = child.tail
        else:
            run.text = child.tail
    flush()
    return blocks, texts


def _edges(texts: list[str], title: str | None, blocks: list[str] | None = None) -> tuple[int, int]:
    """(start, end) of the text among TEXTS: metadata and captions before it and
    page furniture after it are left out."""
    start = 0
    headline = "".join(clean_text(title).casefold().split()) if title else None
    while start < len(texts) - 1:
        text = clean_text(texts[start])
        if (
            not text
            or "".join(text.casefold().split()) == headline
            or _LEADING_METADATA.match(text)
            or _LEADING_CAPTION.match(text)
            or (len(text) <= _SHORT_LINE_CHARS and not _SENTENCE_MARK.search(text))
        ):
            start += 1
            continue
        break
    end = len(texts)
    zone_start = max(start + 1, int(len(texts) * (1 - _TRAILER_ZONE)))
    for index in range(zone_start, len(texts)):
        if _TRAILER.match(clean_text(texts[index])):
            end = index
            break
    # Empty blocks and orphan headings (a "Gallery" heading whose gallery was removed).
    while end > start + 1 and (
        not clean_text(texts[end - 1])
        or (blocks is not None and _HEADING_BLOCK.match(blocks[end - 1]))
    ):
        end -= 1
    return start, end


def _pinned_or_cms_container(page: Selector, css: str | None) -> tuple[Selector | None, str]:
    if css:
        found = page.css(css)
        if found:
            return found[0], f"selector {css}"
    possible = _possible_cms_containers(page.root)
    for query in _CMS_BODY_CONTAINERS:
        if query not in possible:
            continue
        for found in page.css(query):
            if len(clean_text(" ".join(_TEXT_NODES(found.root)))) >= _MIN_CONTAINER_CHARS:
                return found, f"container {query}"
    return None, "not found"


def _possible_cms_containers(root: etree._Element) -> set[str]:
    """Those of _CMS_BODY_CONTAINERS that an element under ROOT may match: most pages
    have none, the others one or two.

    The itemprop and id attributes of the whole tree come from one XPath query,
    in C (0.03 ms for a page of 440 elements, where reading two attributes of
    every element in Python took 0.15 ms); the class tests need only the divs.
    """
    possible: set[str] = set()
    for value in _ITEMPROP_AND_ID(root):
        if value == "articleBody" and value.attrname == "itemprop":
            possible.add("[itemprop=articleBody]")
        elif value == "UCAP-CONTENT" and value.attrname == "id":
            possible.add("#UCAP-CONTENT")
    for element in root.iter("div"):
        if element.get("id") == "zoom":
            possible.add("div#zoom")
        classes = element.get("class")
        if classes and _CMS_BODY_CLASSES.search(classes):
            possible.update(
                query
                for query, words in _CMS_BODY_CLASS_WORDS.items()
                if all(word in classes for word in words)
            )
    return possible


def _trafilatura_config():
    """trafilatura's settings, with a lower minimum: government notices are often short."""
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(_MIN_EXTRACTED_CHARS))
    return config


_TRAFILATURA_CONFIG = _trafilatura_config()


def _trafilatura_html(
    page: Selector, base_url: str, trail: etree._Element | None = None
) -> str | None:
    """The body as trafilatura finds it, as HTML with paragraphs and absolute links.

    trafilatura runs in its fast mode (its own extractor, without readability and
    jusText to compare against), which agrees with the full mode on nearly every
    page at 60% of the cost; the full mode runs only when the fast one finds
    nothing, a list of links, or the page's header with its breadcrumb TRAIL.
    """
    tree = page.root.getroottree() if hasattr(page.root, "getroottree") else None
    if tree is None:
        return None
    extracted = _run_trafilatura(tree.getroot(), base_url, fast=True)
    if (
        not extracted
        or link_density(extracted) > MAX_LINK_DENSITY
        or _holds_trail(extracted, trail)
    ):
        extracted = _run_trafilatura(tree.getroot(), base_url, fast=False) or extracted
    return extracted


# trafilatura's options for our calls, made once (fast mode and full mode).
_TRAFILATURA_OPTIONS = {
    fast: Extractor(
        config=_TRAFILATURA_CONFIG,
        output_format="html",
        fast=fast,
        comments=False,
        links=True,
        images=False,
        tables=True,
    )
    for fast in (True, False)
}


def _run_trafilatura(root: etree._Element, base_url: str, fast: bool) -> str | None:
    """trafilatura.extract(ROOT, url=BASE_URL, output_format="html", ...), cheaper.

    trafilatura is called without the URL, which would make it resolve every link of
    the page before extracting (a fifth of its time); the links it keeps are resolved
    below, the same way.  bare_extraction and the HTML output are what extract does,
    without the content fingerprint that it computes and we never read.  No copy of
    the tree: trafilatura copies a tree it is given before changing it.
    """
    try:
        document = trafilatura.bare_extraction(root, options=_TRAFILATURA_OPTIONS[fast])
        extracted = normalize_unicode(build_html_output(document)) if document else None
    except Exception:  # noqa: BLE001 - a hostile page must not stop the crawl
        return None
    if not extracted:
        return None
    # trafilatura writes XHTML (<a href=""/>); an HTML parser would read an empty
    # link as one that wraps the rest of the body, so re-serialise it as HTML.
    try:
        tree = etree.fromstring(extracted)
    except etree.XMLSyntaxError:
        return extracted
    site_url = safe_base_url(base_url) if base_url else ""
    if site_url:
        for link in tree.iter("a"):
            target = link.get("href")
            if target:
                link.set("href", safe_relative_url(site_url, target) or target)
    return lxml.html.tostring(tree, method="html", encoding="unicode")


def link_density(body_html: str) -> float:
    """Share of the body's text that sits inside links."""
    if not body_html or "<a " not in body_html:  # a link has an attribute: no parse needed
        return 0.0
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    total = len(clean_text(root.text_content()))
    linked = sum(
        len(clean_text(link.text_content())) for link in root.iter("a") if link.get("href")
    )
    return linked / total if total else 0.0


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
    return _element_text(lxml.html.fragment_fromstring(html, create_parent="div"))


def _element_text(root: etree._Element) -> str:
    """Paragraphs of the text under ROOT (not its tail), separated by one blank line."""
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
