"""`newsarchive init-site`: a working profile for a new site from its listing pages.

It fetches each listing page, finds the article links and the pagination the
way a crawl without selectors would, extracts the newest article with the
generic extractor, and writes a profile that pins nothing: what the generic
extractor found is exactly what a crawl of that profile will find.  What it
could not find is printed, so the user knows what to pin.
"""

from __future__ import annotations

import re
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.mirror import mirror_url
from crawler.parsers import NotAnArticle, parse_article, parse_listing
from crawler.parsers.charset import decode_html
from crawler.parsers.text import clean_text
from crawler.profile import NAME_PATTERN, generic_profile, profile_from_dict
from crawler.settings import USER_AGENT

# A few well-known top-level domains and the time zone their government sites use.
_TIMEZONES = {
    "cn": "Asia/Shanghai", "de": "Europe/Berlin", "at": "Europe/Vienna",
    "ch": "Europe/Zurich", "jm": "America/Jamaica", "uk": "Europe/London",
}  # fmt: skip
FETCH_TIMEOUT = 30


class InitSiteError(Exception):
    """A listing page could not be used; the message says why."""


@dataclass
class SectionFinding:
    listing_url: str
    label: str
    article_links: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    sample: dict | None = None
    sample_error: str | None = None


@dataclass
class SiteFinding:
    name: str
    title: str
    language: str
    base_url: str
    timezone: str | None
    sections: list[SectionFinding]

    def missing(self) -> list[str]:
        """What the generic extractor could not find, in plain words."""
        notes = []
        for section in self.sections:
            where = f"section {section.label!r}"
            if not section.article_links:
                notes.append(f"{where}: no article links on {section.listing_url}")
            if not section.pages:
                notes.append(f"{where}: no further listing pages (pagination) found")
            if section.sample_error:
                notes.append(f"{where}: sample article: {section.sample_error}")
            sample = section.sample or {}
            for key, label in (
                ("breadcrumb", "breadcrumb"),
                ("title", "title"),
                ("published", "date"),
                ("body_text", "body"),
            ):
                if section.article_links and not sample.get(key):
                    notes.append(f"{where}: no {label} found on the sample article")
        return notes

    def profile_toml(self) -> str:
        lines = [
            f"# Written by `newsarchive init-site` from {len(self.sections)} listing page(s).",
            "# It pins no selector: the generic extractor found what is shown below.",
            "# Pin a selector under [article] or [listing] only where it is wrong.",
            "",
            f"name = {_toml(self.name)}",
            f"title = {_toml(self.title)}",
            f"language = {_toml(self.language)}",
            f"base_url = {_toml(self.base_url)}",
        ]
        if self.timezone:
            lines.append(f"timezone = {_toml(self.timezone)}")
        for section in self.sections:
            sample = section.sample or {}
            lines += [
                "",
                "[[sections]]",
                f"label = {_toml(section.label)}",
                f"url = {_toml(section.listing_url)}",
                f"# found: {len(section.article_links)} article links, "
                f"{len(section.pages)} further listing pages",
            ]
            if sample:
                lines.append(f"# sample: {sample.get('url')}")
                for key in ("breadcrumb", "title", "published"):
                    lines.append(f"#   {key}: {sample.get(key)!r} ({sample['methods'].get(key)})")
        return "\n".join(lines) + "\n"


def fetch(url: str, mirror: str | None) -> str:
    """The page at URL as text (from the mirror server when MIRROR is given)."""
    target = mirror_url(url, mirror) if mirror else url
    request = urllib.request.Request(target, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            body = response.read()
            content_type = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise InitSiteError(f"cannot fetch {url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InitSiteError(f"cannot fetch {url}: {reason}") from None
    return decode_html(body, content_type).text


def init_site(name: str, listing_urls: list[str], mirror: str | None = None) -> SiteFinding:
    """Look at LISTING_URLS and describe the site they belong to."""
    if not NAME_PATTERN.match(name):
        raise InitSiteError(f"site name {name!r}: use lower-case letters, digits and underscores")
    if not listing_urls:
        raise InitSiteError("give at least one listing page URL")
    parts = urlsplit(listing_urls[0])
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InitSiteError(f"not an http(s) URL: {listing_urls[0]!r}")
    probe = generic_profile(listing_urls[0])
    sections = []
    site_title = ""
    language = ""
    for url in listing_urls:
        html = fetch(url, mirror)
        links = parse_listing(html, url, probe)
        finding = SectionFinding(url, label="", article_links=links.articles, pages=links.pages)
        if links.articles:
            try:
                record = parse_article(fetch(links.articles[0], mirror), links.articles[0], probe)
                finding.sample = record.as_dict()
            except NotAnArticle as exc:
                finding.sample = exc.partial
                finding.sample_error = str(exc)
            except InitSiteError as exc:
                finding.sample_error = str(exc)
        sample = finding.sample or {}
        finding.label = sample.get("section") or _page_title(html) or urlsplit(url).path
        site_title = site_title or _page_title(html, site=True)
        language = language or sample.get("language") or ""
        sections.append(finding)
    tld = (parts.hostname or "").rsplit(".", 1)[-1]
    finding = SiteFinding(
        name=name,
        title=site_title or parts.hostname,
        language=language or "en",
        base_url=f"{parts.scheme}://{parts.netloc}",
        timezone=_TIMEZONES.get(tld),
        sections=sections,
    )
    # The written profile must load: validate it the way every profile is.
    profile_from_dict(tomllib.loads(finding.profile_toml()), f"<{name}>")
    return finding


def _page_title(html: str, site: bool = False) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
    if not match:
        return ""
    parts = [clean_text(p) for p in re.split(r"\s*(?:--|[-_|｜–—])\s*", clean_text(match[1]))]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return parts[-1] if site else parts[0]


def _toml(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
