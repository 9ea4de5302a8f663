"""Breadcrumb trails: "You are here: Home > News > Top News" to ["Home", "News", "Top News"].

The trail is the most reliable statement a site makes about where an article
belongs, so the archive keeps the labels exactly as shown and derives the
section from them.  Without a pinned selector the trail is looked for, most
trustworthy first: elements named as breadcrumbs (class, id or aria-label),
elements introduced by a lead-in ("You are here", "当前位置", "Sie sind hier"),
elements named as positions/locations (common on Chinese CMSs), schema.org
BreadcrumbList (microdata, then JSON-LD), and TRS's ColumnName meta tag.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawler.parsers.jsonld import has_type, json_ld_objects
from crawler.parsers.text import clean_text, visible_texts

# Lead-ins that introduce a trail but are not crumbs themselves.
_LEAD_IN_WORDS = (
    r"you are here|you are in|current location|your location|your position|location|"
    r"当前位置|您当前所在位置|您当前的位置|您现在的位置|您的位置|当前所在位置|所在位置|"
    r"您所在的位置|现在位置|sie sind hier|sie befinden sich hier|navigationspfad"
)
_LEAD_IN = re.compile(rf"^\s*(?:{_LEAD_IN_WORDS})\s*[:：]?\s*", re.IGNORECASE)
_LEAD_IN_ANYWHERE = re.compile(rf"(?:{_LEAD_IN_WORDS})\s*[:：]", re.IGNORECASE)
# Separators, most specific first: the first one present in a trail splits it.
_SEPARATORS = (">>", "»", "›", "＞", ">", "→", "»", " / ", "/", "|", "·")
_SEPARATOR_ONLY = re.compile(r"^[\s>»›＞→/|·\-–—:：]*$")
_HOME_LABELS = {
    "home", "homepage", "home page", "首页", "网站首页", "主页", "startseite", "zur startseite",
}  # fmt: skip
_NAMED_BREADCRUMB = re.compile(r"bread|crumb", re.IGNORECASE)
_NAMED_POSITION = re.compile(
    r"(?:^|[\s_-])(?:position|location|current|curr|weizhi|dqwz|lujing|daohang|path|nav_?path)",
    re.IGNORECASE,
)
_CONTAINER_TAGS = {"div", "nav", "ol", "ul", "p", "span", "td", "section", "header", "h2", "h3"}
MAX_LABEL_CHARS = 60
MAX_TRAIL_CHARS = 400
MAX_CRUMBS = 10


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
    """Labels of a trail element: one per list item if it is a list, else its split text."""
    items = _top_level_items(element)
    if items:
        labels = [_item_label(item) for item in items]
        labels = [_LEAD_IN.sub("", label) for label in labels]
        labels = [label for label in labels if label and not _SEPARATOR_ONLY.match(label)]
        if labels:
            return labels
    return split_breadcrumb(" ".join(_visible_texts(element)))


def find_breadcrumb(page: Selector, css: str | None, title: str | None) -> tuple[list[str], str]:
    """(labels, method) of the page's trail; ([], "not found") when it has none."""
    if css:
        for element in page.css(css):
            crumbs = _valid(drop_trailing_title(breadcrumb_from_selector(element), title))
            if crumbs:
                return crumbs, f"selector {css}"
    for method, element in _candidates(page):
        crumbs = _valid(drop_trailing_title(breadcrumb_from_selector(element), title))
        if crumbs:
            return crumbs, method
    crumbs = _valid(drop_trailing_title(_json_ld_trail(page), title))
    if crumbs:
        return crumbs, "json-ld BreadcrumbList"
    column = clean_text(page.css('meta[name="ColumnName"]::attr(content)').get())
    if column:
        return [column], "meta ColumnName"
    return [], "not found"


def drop_trailing_title(crumbs: list[str], title: str | None) -> list[str]:
    """A trail that ends with the article's own title: that last label is not a crumb."""
    if not title or len(crumbs) < 2:
        return crumbs
    last = clean_text(crumbs[-1]).casefold().rstrip(".…")
    headline = clean_text(title).casefold()
    if last == headline or (len(last) >= 12 and headline.startswith(last)):
        return crumbs[:-1]
    return crumbs


def section_from_breadcrumb(crumbs: list[str]) -> str:
    """The crumbs after the home crumb joined with " > " ("News > Top News")."""
    if crumbs and crumbs[0].casefold() in _HOME_LABELS:
        crumbs = crumbs[1:]
    return " > ".join(crumbs)


# -- finding the trail ------------------------------------------------------------


def _candidates(page: Selector):
    """(method, element) pairs in order of trust."""
    named, positions, microdata = [], [], []
    for element in page.xpath("//body//*[@class or @id or @aria-label or @itemtype]"):
        root = element.root
        if root.tag not in _CONTAINER_TAGS:
            continue
        names = f"{root.get('class', '')} {root.get('id', '')}"
        label = root.get("aria-label", "") or ""
        if "BreadcrumbList" in (root.get("itemtype") or ""):
            microdata.append(("microdata BreadcrumbList", element))
        elif (
            _NAMED_BREADCRUMB.search(names)
            or _NAMED_BREADCRUMB.search(label)
            or _LEAD_IN.match(label)
        ):
            named.append((f"container {_describe(root)}", element))
        elif _NAMED_POSITION.search(names):
            positions.append((f"container {_describe(root)}", element))
    yield from microdata
    yield from named
    yield from _lead_in_containers(page)
    yield from positions


def _lead_in_containers(page: Selector):
    """Smallest elements holding links whose text starts with a trail lead-in."""
    for text_node in page.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"):
        if not _LEAD_IN_ANYWHERE.search(text_node.get()):
            continue
        for ancestor in text_node.xpath("ancestor::*[position() <= 4]"):
            if ancestor.css("a") and len(clean_text(" ".join(ancestor.css("::text").getall()))) < (
                MAX_TRAIL_CHARS
            ):
                yield "lead-in text", ancestor
                break


def _json_ld_trail(page: Selector) -> list[str]:
    for item in json_ld_objects(page):
        if not has_type(item, "BreadcrumbList"):
            continue
        elements = item.get("itemListElement") or []
        if isinstance(elements, dict):
            elements = [elements]
        ordered = sorted(
            (e for e in elements if isinstance(e, dict)),
            key=lambda e: e.get("position", 0) if isinstance(e.get("position"), int) else 0,
        )
        labels = []
        for entry in ordered:
            name = entry.get("name")
            thing = entry.get("item")
            if not name and isinstance(thing, dict):
                name = thing.get("name")
            if isinstance(name, str) and clean_text(name):
                labels.append(clean_text(name))
        if labels:
            return labels
    return []


def _valid(crumbs: list[str]) -> list[str]:
    """A believable trail: a few short labels (menus and headlines are not trails)."""
    if not crumbs or len(crumbs) > MAX_CRUMBS:
        return []
    if any(len(label) > MAX_LABEL_CHARS for label in crumbs):
        return []
    if len(crumbs) == 1 and crumbs[0].casefold() in _HOME_LABELS:
        return []
    return crumbs


def _describe(root) -> str:
    classes = (root.get("class") or "").split()
    if classes:
        return f"{root.tag}.{classes[0]}"
    if root.get("id"):
        return f"{root.tag}#{root.get('id')}"
    return root.tag


# -- reading labels ---------------------------------------------------------------


def _top_level_items(element: Selector) -> list[Selector]:
    """The <li> of a trail list, without the <li> of menus nested inside them."""
    return [item for item in element.xpath(".//li") if _is_outer_item(item, element)]


def _is_outer_item(item: Selector, container: Selector) -> bool:
    """Whether ITEM has no <li> ancestor inside CONTAINER."""
    container_root = container.root
    parent = item.root.getparent()
    while parent is not None and parent is not container_root:
        if parent.tag == "li":
            return False
        parent = parent.getparent()
    return True


def _item_label(item: Selector) -> str:
    """A list item's label: its first link's text, else its own text without nested lists."""
    link = item.xpath("./a | ./*/a | ./span/a")
    if link:
        text = clean_text(" ".join(_visible_texts(link[0])))
        if text:
            return text
        title = clean_text(link[0].attrib.get("title"))
        if title:
            return title
    texts = item.xpath(
        ".//text()[not(ancestor::ul[ancestor::li]) and not(ancestor::ol[ancestor::li])"
        " and not(ancestor::script)]"
    ).getall()
    return clean_text(" ".join(texts))


def _visible_texts(element: Selector) -> list[str]:
    return visible_texts(element.root)
