"""Breadcrumb trails: "You are here: Home > News > Top News" to ["Home", "News", "Top News"].

The trail is the most reliable statement a site makes about where an article
belongs, so the archive keeps the labels exactly as a reader sees them and
derives the section from them.  Without a pinned selector the trail is looked
for in this order of trust:

1. schema.org BreadcrumbList microdata, and elements named as breadcrumbs
   (class, id or aria-label) or introduced by a lead-in ("You are here",
   "当前位置：", "Sie sind hier:");
2. other elements named "crumb", and elements named as a position or location
   (common on Chinese CMSs: div.position, div.cc_location, div.mm_current);
3. any short run of links joined by trail separators (">", ">>", "›");
4. a JSON-LD BreadcrumbList, then TRS's ColumnName meta tag.

Within a tier the longest believable trail wins (sites often show a second,
shorter trail in a side menu).  Labels are link texts and the plain text
between separators; icon-only links (a home icon) and screen-reader-only text
are not labels, the lead-in is not a crumb, and neither is the article's own
title at the end of a trail.
"""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from crawler.parsers.jsonld import has_type, json_ld_objects, meta_content
from crawler.parsers.text import clean_text, hidden_class

_LEAD_IN_WORDS = (
    r"you are here|you are in|current location|your location|your position|location|"
    r"当前位置|您当前所在位置|您当前的位置|您现在的位置|您的位置|当前所在位置|所在位置|"
    r"您所在的位置|现在位置|sie sind hier|sie befinden sich hier|navigationspfad"
)
_LEAD_IN = re.compile(rf"^\s*(?:{_LEAD_IN_WORDS})\s*(?:[:：]\s*(?:\{{0\}})?)?\s*", re.IGNORECASE)
_LEAD_IN_ANYWHERE = re.compile(rf"(?:{_LEAD_IN_WORDS})\s*[:：]", re.IGNORECASE)
# Separators: arrows always split a trail; the weaker ones only when it has no arrow.
_ARROWS = re.compile(r">>|[>»›＞→]")
_WEAK_SEPARATORS = (" / ", " | ", " · ")
_TRAIL_SEPARATOR = re.compile(r"^[\s>»›＞→/|·\\\-–—:：]*$")
_ARROW_SEPARATOR = re.compile(r"[>»›＞→]")
_HOME_LABELS = {
    "home", "homepage", "home page", "首页", "网站首页", "主页", "startseite", "start",
    "zur startseite", "zur homepage", "back to home",
}  # fmt: skip
# Labels of page tools placed next to a trail (www.gov.cn: "字号 默认 大 超大 打印").
_TOOL_LABELS = {
    "字号", "默认", "大", "中", "小", "超大", "打印", "关闭", "分享", "收藏", "正文",
    "print", "share", "drucken", "teilen",
}  # fmt: skip
_NAMED_BREADCRUMB = re.compile(r"breadcrumb|bread-crumb|bread_crumb", re.IGNORECASE)
_NAMED_CRUMB = re.compile(r"crumb", re.IGNORECASE)
_NAMED_POSITION = re.compile(
    r"(?:^|[\s_-])(?:position|location|current|curr|weizhi|dqwz|lujing|daohang|path|nav_?path)",
    re.IGNORECASE,
)
# A word that every name _NAMED_BREADCRUMB, _NAMED_CRUMB or _NAMED_POSITION finds contains.
_ANY_NAME = re.compile(
    r"crumb|position|location|curr|weizhi|dqwz|lujing|daohang|path", re.IGNORECASE
)
_CONTAINER_TAGS = {
    "div", "nav", "ol", "ul", "p", "span", "td", "font", "section", "header", "h2", "h3", "h4",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}
MAX_LABEL_CHARS = 60
MAX_TRAIL_CHARS = 400
MAX_CRUMBS = 10


def split_breadcrumb(text: str) -> list[str]:
    """Split the plain text of a trail into trimmed labels.

    Arrow separators (> >> » › → ＞) always split; a slash, bar or middle dot
    with spaces around it only in a trail that has no arrow, so labels like
    "News/Events" stay whole.
    """
    text = _LEAD_IN.sub("", clean_text(text))
    if _ARROWS.search(text):
        labels = [label for label in map(_clean_label, _ARROWS.split(text)) if label]
        if len(labels) != 1:
            return labels
        # One label beside a stray arrow ("> News · Events") is split as a trail
        # without arrows: the labels joined with " > " then split the same again.
    for separator in _WEAK_SEPARATORS:
        if separator in text:
            parts = text.split(separator)
            break
    else:
        parts = [text]
    return [label for label in (_clean_label(part) for part in parts) if label]


def breadcrumb_from_selector(element: Selector) -> list[str]:
    """Labels of a trail element (see the module docstring)."""
    return _labels(element.root)


def find_breadcrumb(page: Selector, css: str | None, title: str | None) -> tuple[list[str], str]:
    """(labels, method) of the page's trail; ([], "not found") when it has none."""
    crumbs, method, _ = locate_breadcrumb(page, css, title)
    return crumbs, method


def locate_breadcrumb(
    page: Selector, css: str | None, title: str | None
) -> tuple[list[str], str, etree._Element | None]:
    """(labels, method, element): find_breadcrumb, plus the element the trail is in."""
    if css:
        for element in page.css(css):
            crumbs = _valid(drop_trailing_title(_labels(element.root), title))
            if crumbs:
                return crumbs, f"selector {css}", element.root
    tiers: dict[int, list[tuple[str, etree._Element]]] = {1: [], 2: [], 3: []}
    for tier, method, element in _candidates(page.root):
        tiers[tier].append((method, element))
    for tier in sorted(tiers):
        best: tuple[list[str], str, etree._Element | None] | None = None
        for method, element in tiers[tier]:
            raw = _labels(element)
            crumbs = drop_trailing_title(raw, title)
            if raw and not crumbs and tier == 1:
                # A named trail that holds only the home link and the title: no sections.
                best = best or ([], method, element)
                continue
            crumbs = _valid(crumbs)
            if crumbs and (best is None or len(crumbs) > len(best[0])):
                best = (crumbs, method, element)
        if best is not None:
            return best
    crumbs = _valid(drop_trailing_title(_json_ld_trail(page), title))
    if crumbs:
        return crumbs, "json-ld BreadcrumbList", None
    column = clean_text(meta_content(page, "name", "ColumnName"))
    if column:
        return [column], "meta ColumnName", None
    return [], "not found", None


def drop_trailing_title(crumbs: list[str], title: str | None) -> list[str]:
    """A trail that ends with the article's own title: that last label is not a crumb."""
    if not title or not crumbs:
        return crumbs
    last = clean_text(crumbs[-1]).casefold()
    headline = clean_text(title).casefold()
    shortened = last.rstrip(".…").strip()
    if last == headline or (last != shortened and headline.startswith(shortened)):
        return crumbs[:-1]
    return crumbs


def section_from_breadcrumb(crumbs: list[str]) -> str:
    """The crumbs after the home crumb joined with " > " ("News > Top News")."""
    if crumbs and crumbs[0].casefold() in _HOME_LABELS:
        crumbs = crumbs[1:]
    return " > ".join(crumbs)


# -- finding the trail ------------------------------------------------------------


def _candidates(root: etree._Element):
    """(tier, method, element) for every element that may hold the trail.

    One walk over the tree with cheap tests first: the costly test of a link
    trail only runs on containers that hold an arrow somewhere in their text.
    Within each tier the candidates come in document order.
    """
    containers: list[etree._Element] = []  # candidates for a link trail (tier 3)
    arrow_owners: list[etree._Element] = []  # the lowest element around each arrow
    for element in root.iter():
        tag = element.tag
        text, tail = element.text, element.tail
        if text and _ARROW_SEPARATOR.search(text):
            arrow_owners.append(element if isinstance(tag, str) else element.getparent())
        if tail and _ARROW_SEPARATOR.search(tail):
            arrow_owners.append(element.getparent())
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            continue
        if tag in _CONTAINER_TAGS:
            classes, id_ = element.get("class"), element.get("id")
            label = element.get("aria-label") or ""
            if "BreadcrumbList" in (element.get("itemtype") or ""):
                yield 1, "microdata BreadcrumbList", element
            elif not label and not (
                (classes or id_) and _ANY_NAME.search(f"{classes or ''} {id_ or ''}")
            ):
                containers.append(element)  # no name that the tests below look for
            else:
                names = f"{classes or ''} {id_ or ''}"
                if _NAMED_BREADCRUMB.search(f"{names} {label}") or _LEAD_IN.match(label):
                    yield 1, f"container {_describe(element)}", element
                elif _NAMED_CRUMB.search(names) or _NAMED_POSITION.search(names):
                    yield 2, f"container {_describe(element)}", element
                else:
                    containers.append(element)
        # Written out for the text and the tail: this loop runs for every element.
        if text and (":" in text or "：" in text) and _LEAD_IN_ANYWHERE.search(text):
            container = _trail_around(element)
            if container is not None:
                yield 1, "lead-in text", container
        if tail and (":" in tail or "：" in tail) and _LEAD_IN_ANYWHERE.search(tail):
            owner = element.getparent()
            container = _trail_around(owner) if owner is not None else None
            if container is not None:
                yield 1, "lead-in text", container
    around_arrows: set[etree._Element] = set()
    for owner in arrow_owners:
        while owner is not None and owner not in around_arrows:
            around_arrows.add(owner)
            owner = owner.getparent()
    for element in containers:
        if element in around_arrows and _is_separator_trail(element):
            yield 3, f"link trail {_describe(element)}", element


def _trail_around(element: etree._Element) -> etree._Element | None:
    """The smallest element around a lead-in that also holds links."""
    for _ in range(4):
        if element is None:
            return None
        if element.find(".//a") is not None:
            text = clean_text("".join(element.itertext()))
            return element if len(text) <= MAX_TRAIL_CHARS else None
        element = element.getparent()
    return None


def _is_separator_trail(element: etree._Element) -> bool:
    """Two or more links whose only other text is arrow separators (and a last label)."""
    children = [child for child in element if isinstance(child.tag, str)]
    links = [child for child in children if child.tag == "a" or child.find(".//a") is not None]
    if len(links) < 2 or len(children) > 2 * MAX_CRUMBS:
        return False
    between = [element.text or ""] + [child.tail or "" for child in element]
    between += [
        "".join(child.itertext())
        for child in children
        if child.tag != "a" and child.find(".//a") is None
    ]
    separators = [piece for piece in between[:-1] if piece.strip()]
    return bool(separators) and all(
        _TRAIL_SEPARATOR.match(piece) and _ARROW_SEPARATOR.search(piece) for piece in separators
    )


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
            if isinstance(name, str) and _clean_label(name):
                labels.append(_clean_label(name))
        if labels:
            return labels
    return []


def _valid(crumbs: list[str]) -> list[str]:
    """A believable trail: a few short labels (menus and headlines are not trails).

    Page tools that some CMSs put after the trail (font size, print) end it.
    """
    for index, label in enumerate(crumbs):
        if label.casefold() in _TOOL_LABELS:
            crumbs = crumbs[:index]
            break
    if not crumbs or len(crumbs) > MAX_CRUMBS:
        return []
    if any(len(label) > MAX_LABEL_CHARS for label in crumbs):
        return []
    if len(crumbs) == 1 and crumbs[0].casefold() in _HOME_LABELS:
        return []
    return crumbs


def _describe(element: etree._Element) -> str:
    classes = (element.get("class") or "").split()
    if classes:
        return f"{element.tag}.{classes[0]}"
    if element.get("id"):
        return f"{element.tag}#{element.get('id')}"
    return element.tag


# -- reading labels ---------------------------------------------------------------


def _labels(container: etree._Element) -> list[str]:
    """One label per list item, else per link and per separated stretch of plain text."""
    items = [item for item in container.iter("li") if not _inside(item, "li", container)]
    if items:
        labels = [_item_label(item) for item in items]
        return [label for label in labels if label]
    labels: list[str] = []
    for text, in_link in _pieces(container):
        if in_link:
            label = _clean_label(text)
            if label:
                labels.append(label)
        else:
            labels.extend(split_breadcrumb(text) if text.strip() else [])
    return labels


def _item_label(item: etree._Element) -> str:
    """A list item's label: its visible text, without the menus nested inside it."""
    link = next((a for a in item.iter("a") if not _inside(a, "ul", item)), None)
    if link is not None:
        # An icon-only link (a home icon) gives no label.
        return _clean_label("".join(text for text, _ in _pieces(link)))
    return _clean_label("".join(text for text, _ in _pieces(item, skip_lists=True)))


def _pieces(container: etree._Element, skip_lists: bool = False) -> list[tuple[str, bool]]:
    """Visible text of CONTAINER in order, each piece marked as inside a link or not.

    Consecutive pieces of one link are merged, so a link is one label.
    """
    pieces: list[tuple[str, bool]] = []
    hidden = 0
    link_depth = 0

    def add(text: str | None) -> None:
        if not text or hidden:
            return
        in_link = link_depth > 0
        if pieces and pieces[-1][1] == in_link and in_link:
            pieces[-1] = (pieces[-1][0] + text, True)
        else:
            pieces.append((text, in_link))

    for event, element in etree.iterwalk(container, events=("start", "end")):
        is_element = isinstance(element.tag, str)
        hides = is_element and (
            element.tag in _SKIP_TAGS
            or hidden_class(element.get("class"))
            or (skip_lists and element is not container and element.tag in ("ul", "ol"))
        )
        if event == "start":
            if hides:
                hidden += 1
            elif is_element:
                if element.tag == "a":
                    if link_depth == 0 and pieces and pieces[-1][1]:
                        pieces.append(("", False))  # adjacent links are separate labels
                    link_depth += 1
                add(element.text)
        else:
            if hides:
                hidden -= 1
            elif is_element and element.tag == "a":
                link_depth -= 1
            if element is not container:
                add(element.tail)
    return pieces


def _inside(element: etree._Element, tag: str, container: etree._Element) -> bool:
    """Whether ELEMENT has an ancestor TAG below CONTAINER."""
    parent = element.getparent()
    while parent is not None and parent is not container:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _clean_label(text: str) -> str:
    """A label without lead-in, surrounding separators or whitespace."""
    label = _LEAD_IN.sub("", clean_text(text.replace("\u00ad", "")))
    label = label.strip(" >»›＞→/|·-–—:：")
    return "" if _TRAIL_SEPARATOR.match(label) else label
