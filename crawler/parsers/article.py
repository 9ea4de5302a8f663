"""One article page to one record."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from crawler.parsers.body import MAX_LINK_DENSITY, extract_body, link_density
from crawler.parsers.breadcrumb import locate_breadcrumb, section_from_breadcrumb
from crawler.parsers.dates import extract_published
from crawler.parsers.text import clean_text, guess_language, parsed_page
from crawler.parsers.title import extract_title
from crawler.profile import Section, SiteProfile
from crawler.urls import base_url_of

# A short "body" without a single sentence is a list of headlines or a menu.
SHORT_BODY_CHARS = 500
# Real pages nest a few dozen levels; a page nested thousands deep is hostile or broken,
# and the body fallbacks (trafilatura, jusText) would spend seconds of the crawl on it.
MAX_NESTING = 1000
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?:\s|[”\"’)）]|$)")


class NotAnArticle(ValueError):
    """The page has no headline or no body text: a listing, an error page, or not HTML.

    `partial` holds whatever was found, so `newsarchive extract` can show why.
    """

    def __init__(self, message: str, partial: dict | None = None):
        super().__init__(message)
        self.partial = partial or {}

    def __reduce__(self):  # from a parsing process (crawler.parse_pool), partial and all
        return (type(self), (str(self), self.partial))


@dataclass
class ArticleRecord:
    url: str
    site: str
    title: str
    published: str | None
    breadcrumb: list[str]
    section: str
    body_text: str
    body_html: str
    language: str
    methods: dict[str, str] = field(default_factory=dict)  # how each field was found

    def as_dict(self) -> dict:
        """The fields as a dict, lists and dicts copied: dataclasses.asdict's result
        without its recursive deep copy (17 against 0.6 µs a record)."""
        data = dict(vars(self))
        data["breadcrumb"] = list(self.breadcrumb)
        data["methods"] = dict(self.methods)
        return data


def parse_article(
    html: str, url: str, profile: SiteProfile, section: Section | None = None
) -> ArticleRecord:
    """The record an article page yields; NotAnArticle when it has no title or body."""
    page = parsed_page(html or "<html></html>")
    if _nests_too_deep(page.root):
        depth = nesting_depth(page.root)
        raise NotAnArticle(
            f"{url} nests its HTML {depth} levels deep (over {MAX_NESTING}): not a readable page",
            {"url": url, "site": profile.name},
        )
    rules = profile.article_rules(section)
    title, title_method = extract_title(page, rules.title, profile.title)
    crumbs, crumb_method, trail = locate_breadcrumb(page, rules.breadcrumb, title)
    published, date_method = extract_published(
        page, url, rules.date, profile.timezone, rules.date_format, title
    )
    body_html, body_text, body_method = extract_body(
        page, base_url_of(page, url), rules.body, rules.drop or (), title, trail
    )
    body_html, body_text = _without_leading_title(body_html, body_text, title)
    record = ArticleRecord(
        url=url,
        site=profile.name,
        title=title or "",
        published=published,
        breadcrumb=crumbs,
        section=section_from_breadcrumb(crumbs),
        body_text=body_text,
        body_html=body_html,
        language=_language(page, profile) or guess_language(body_text),
        methods={
            "title": title_method,
            "published": date_method,
            "breadcrumb": crumb_method,
            "body": body_method,
        },
    )
    if not title:
        raise NotAnArticle(f"no title found on {url}", record.as_dict())
    if not body_text:
        raise NotAnArticle(f"no body text found on {url}", record.as_dict())
    if link_density(body_html) > MAX_LINK_DENSITY:
        raise NotAnArticle(f"the body of {url} is mostly links (a listing?)", record.as_dict())
    if len(body_text) < SHORT_BODY_CHARS and not _SENTENCE_END.search(body_text):
        raise NotAnArticle(f"the body of {url} has no sentence (a listing?)", record.as_dict())
    return record


# An element MAX_NESTING + 1 levels down: one query in C, where nesting_depth walks
# the whole tree in Python.
_nests_too_deep = etree.XPath("boolean(self::*" + "/*" * MAX_NESTING + ")")


def nesting_depth(root: etree._Element) -> int:
    """How many elements deep the tree goes (iteratively: no recursion limit to hit)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _language(page: Selector, profile: SiteProfile) -> str:
    lang = page.root.get("lang") if page.root.tag == "html" else None  # the usual case
    declared = (lang if lang is not None else page.css("html::attr(lang)").get()) or page.css(
        'meta[http-equiv="content-language" i]::attr(content)'
    ).get()
    code = (declared or "").strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and len(code) in (2, 3) else profile.language


def _without_leading_title(body_html: str, body_text: str, title: str | None) -> tuple[str, str]:
    """Bodies often repeat the headline as their first line; the record has it already."""
    if not title or not body_text:
        return body_html, body_text
    first, _, rest = body_text.partition("\n\n")
    if clean_text(first).casefold() == clean_text(title).casefold() and rest:
        return body_html, rest
    return body_html, body_text
