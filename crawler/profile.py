"""Site profiles: everything the generic spider knows about one website.

A profile is a TOML file.  Keeping site knowledge in data rather than code means
a new site needs a profile, saved pages and a test, never new spider code, and
that a wrong selector can be corrected by someone who does not read Python.
Loading validates the file up front so a typo is reported as "file, key, what is
wrong" before any request is made.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

PROFILE_SUFFIX = ".toml"
TOP_LEVEL_KEYS = {
    "name", "title", "language", "base_url", "sections", "allowed_domains",
    "timezone", "listing", "article", "notes",
}  # fmt: skip
LISTING_KEYS = {"article_links", "article_url_pattern", "pagination", "max_pages"}
ARTICLE_KEYS = {"breadcrumb", "title", "date", "body", "drop"}
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class ProfileError(ValueError):
    """A profile file is missing, unreadable or invalid; the message names file and key."""

    def __init__(self, source: str, key: str | None, problem: str):
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Section:
    """One news section: a label and the URL of its first listing page."""

    label: str
    url: str


@dataclass(frozen=True)
class ListingRules:
    """How to find article links and further listing pages on a listing page."""

    article_links: str | None = None  # CSS selector for <a> elements leading to articles
    article_url_pattern: str | None = None  # regex an article URL must match
    pagination: str | None = None  # CSS selector for <a> elements leading to listing pages
    max_pages: int | None = None  # stop paging a section after this many listing pages


@dataclass(frozen=True)
class ArticleRules:
    """CSS selectors that pin article fields where generic extraction is not enough."""

    breadcrumb: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None
    drop: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteProfile:
    name: str
    title: str
    language: str
    base_url: str
    sections: tuple[Section, ...]
    allowed_domains: tuple[str, ...] = ()
    timezone: str | None = None
    listing: ListingRules = field(default_factory=ListingRules)
    article: ArticleRules = field(default_factory=ArticleRules)
    notes: str = ""
    source: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""


def bundled_profiles_dir() -> Path:
    """The directory of profiles shipped inside the package."""
    return Path(str(resources.files("crawler") / "profiles"))


def bundled_profile_paths() -> list[Path]:
    return sorted(bundled_profiles_dir().glob(f"*{PROFILE_SUFFIX}"))


def load_bundled_profiles() -> dict[str, SiteProfile]:
    """All shipped profiles by name, validated."""
    profiles = {}
    for path in bundled_profile_paths():
        profile = load_profile(path)
        profiles[profile.name] = profile
    return profiles


def find_bundled_profile(name: str) -> SiteProfile:
    """The shipped profile called NAME; KeyError lists the known names."""
    path = bundled_profiles_dir() / f"{name}{PROFILE_SUFFIX}"
    if not NAME_PATTERN.match(name) or not path.is_file():
        known = ", ".join(p.stem for p in bundled_profile_paths())
        raise KeyError(f"unknown site {name!r} (known sites: {known})")
    return load_profile(path)


def load_profile(path: str | Path) -> SiteProfile:
    """Read and validate one profile file."""
    path = Path(path)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(source, None, f"cannot read file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ProfileError(source, None, "file is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(source, None, f"not valid TOML ({exc})") from None
    return profile_from_dict(data, source)


def profile_from_dict(data: dict[str, Any], source: str = "<profile>") -> SiteProfile:
    """Validate a parsed profile and build the typed object."""
    check = _Checker(source)
    name = check.string(data, "name", required=True)
    if not NAME_PATTERN.match(name):
        raise ProfileError(source, "name", "must be lower-case letters, digits and underscores")
    base_url = check.url(data, "base_url", required=True)
    sections_raw = data.get("sections")
    if not isinstance(sections_raw, list) or not sections_raw:
        raise ProfileError(source, "sections", "at least one [[sections]] entry is required")
    sections = []
    for index, raw in enumerate(sections_raw):
        key = f"sections[{index}]"
        if not isinstance(raw, dict):
            raise ProfileError(source, key, "must be a table with label and url")
        _reject_unknown(source, raw, {"label", "url"}, key)
        sections.append(
            Section(
                label=check.string(raw, "label", required=True, prefix=key),
                url=check.url(raw, "url", required=True, prefix=key),
            )
        )
    listing_raw = check.table(data, "listing")
    article_raw = check.table(data, "article")
    _reject_unknown(source, data, TOP_LEVEL_KEYS)
    _reject_unknown(source, listing_raw, LISTING_KEYS, "listing")
    _reject_unknown(source, article_raw, ARTICLE_KEYS, "article")
    max_pages = listing_raw.get("max_pages")
    if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
        raise ProfileError(source, "listing.max_pages", "must be a whole number of at least 1")
    pattern = check.string(listing_raw, "article_url_pattern", prefix="listing")
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ProfileError(
                source, "listing.article_url_pattern", f"bad regular expression ({exc})"
            ) from None
    drop = article_raw.get("drop", [])
    if not isinstance(drop, list) or not all(isinstance(item, str) for item in drop):
        raise ProfileError(source, "article.drop", "must be a list of CSS selectors")
    for selector in drop:
        check.css_selector(selector, "article.drop")
    allowed = data.get("allowed_domains", [])
    if not isinstance(allowed, list) or not all(isinstance(item, str) for item in allowed):
        raise ProfileError(source, "allowed_domains", "must be a list of host names")
    return SiteProfile(
        name=name,
        title=check.string(data, "title", required=True),
        language=check.string(data, "language", required=True),
        base_url=base_url.rstrip("/"),
        sections=tuple(sections),
        allowed_domains=tuple(allowed) or (urlsplit(base_url).hostname or "",),
        timezone=check.string(data, "timezone"),
        listing=ListingRules(
            article_links=check.css(listing_raw, "article_links", prefix="listing"),
            article_url_pattern=pattern,
            pagination=check.css(listing_raw, "pagination", prefix="listing"),
            max_pages=max_pages,
        ),
        article=ArticleRules(
            breadcrumb=check.css(article_raw, "breadcrumb", prefix="article"),
            title=check.css(article_raw, "title", prefix="article"),
            date=check.css(article_raw, "date", prefix="article"),
            body=check.css(article_raw, "body", prefix="article"),
            drop=tuple(drop),
        ),
        notes=check.string(data, "notes") or "",
        source=source,
    )


def _reject_unknown(source: str, data: dict, known: set[str], prefix: str = "") -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        key = f"{prefix}.{unknown[0]}" if prefix else unknown[0]
        raise ProfileError(source, key, "unknown key (a typo?)")


class _Checker:
    """Small typed accessors that raise ProfileError naming the offending key."""

    def __init__(self, source: str):
        self.source = source

    def string(
        self, data: dict[str, Any], key: str, *, required: bool = False, prefix: str = ""
    ) -> str | None:
        full_key = f"{prefix}.{key}" if prefix else key
        value = data.get(key)
        if value is None:
            if required:
                raise ProfileError(self.source, full_key, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            raise ProfileError(self.source, full_key, "must be a non-empty string")
        return value.strip()

    def url(self, data: dict[str, Any], key: str, *, required: bool = False, prefix: str = ""):
        value = self.string(data, key, required=required, prefix=prefix)
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                full_key = f"{prefix}.{key}" if prefix else key
                raise ProfileError(self.source, full_key, f"not an http(s) URL: {value!r}")
        return value

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise ProfileError(self.source, key, "must be a table")
        return value

    def css(self, data: dict[str, Any], key: str, *, prefix: str) -> str | None:
        value = self.string(data, key, prefix=prefix)
        if value is not None:
            self.css_selector(value, f"{prefix}.{key}")
        return value

    def css_selector(self, value: str, full_key: str) -> None:
        try:
            Selector(text="<html></html>").css(value)
        except Exception as exc:  # cssselect raises several unrelated error types
            raise ProfileError(self.source, full_key, f"bad CSS selector ({exc})") from None
