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
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsel import Selector

PROFILE_SUFFIX = ".toml"
TOP_LEVEL_KEYS = {
    "name", "title", "language", "base_url", "sections", "allowed_domains",
    "timezone", "listing", "article", "revalidate", "notes",
}  # fmt: skip
SECTION_KEYS = {"label", "url", "listing", "article"}
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class ProfileError(ValueError):
    """A profile file is missing, unreadable or invalid; the message names file and key."""

    def __init__(self, source: str, key: str | None, problem: str):
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


def _rule(kind: str, doc: str):
    """A profile rule: None means "not pinned here"; KIND says how to validate it."""
    return field(default=None, metadata={"kind": kind, "doc": doc})


@dataclass(frozen=True)
class ListingRules:
    """How to find article links and further listing pages on a listing page."""

    article_links: str | None = _rule("css", "CSS selector for <a> elements leading to articles")
    article_url_pattern: str | None = _rule("regex", "regex an article URL must match")
    pagination: str | None = _rule("css", "CSS selector for <a> elements to other listing pages")
    next_page: str | None = _rule("css", "CSS selector for the <a> element to the next page")
    page_url_template: str | None = _rule(
        "template", "URL of further listing pages with {n} for the page number"
    )
    page_start: int | None = _rule("count0", "value of {n} for the second listing page (2)")
    max_pages: int | None = _rule("count1", "stop paging a section after this many pages")
    depth: int | None = _rule(
        "count1", "listing pages always read, even when they list only known articles (1)"
    )


@dataclass(frozen=True)
class ArticleRules:
    """Selectors that pin article fields where generic extraction is not enough."""

    breadcrumb: str | None = _rule("css", "CSS selector for the breadcrumb trail")
    title: str | None = _rule("css", "CSS selector for the headline")
    date: str | None = _rule("css", "CSS selector for the element holding the date")
    date_format: str | None = _rule("strftime", "strptime format of that date, e.g. %d.%m.%Y")
    body: str | None = _rule("css", "CSS selector for the body")
    drop: tuple[str, ...] | None = _rule("css_list", "CSS selectors removed from the body")


@dataclass(frozen=True)
class RevalidateRules:
    """When known articles are fetched again (with conditional requests).

    Articles published (or first seen) within `recent_days` are revalidated on
    every run, older ones once `every_days` have passed since they were last
    seen; an article missing (404/410) on `withdraw_after` consecutive runs is
    withdrawn.
    """

    enabled: bool = field(default=True, metadata={"kind": "bool"})
    recent_days: int = field(default=30, metadata={"kind": "count1"})
    every_days: int = field(default=7, metadata={"kind": "count1"})
    withdraw_after: int = field(default=2, metadata={"kind": "count1"})


def _merge(base, override):
    """Rules of BASE with every rule OVERRIDE pins replacing it."""
    if override is None:
        return base
    pinned = {f.name: getattr(override, f.name) for f in fields(override)}
    return replace(base, **{k: v for k, v in pinned.items() if v is not None})


@dataclass(frozen=True)
class Section:
    """One news section: a label, the URL of its first listing page, optional own rules."""

    label: str
    url: str
    listing: ListingRules | None = None
    article: ArticleRules | None = None


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
    revalidate: RevalidateRules = field(default_factory=RevalidateRules)
    notes: str = ""
    source: str = ""

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    def listing_rules(self, section: Section | None = None) -> ListingRules:
        """The site's listing rules with SECTION's own rules on top."""
        return _merge(self.listing, section.listing if section else None)

    def article_rules(self, section: Section | None = None) -> ArticleRules:
        """The site's article rules with SECTION's own rules on top."""
        return _merge(self.article, section.article if section else None)


def bundled_profiles_dir() -> Path:
    """The directory of profiles shipped inside the package.

    A Path when the package is installed as files; a zipfile.Path (with the
    same name, stem, read_text and iterdir) when it runs from a zipped egg,
    as a Scrapyd deployment does.
    """
    return resources.files("crawler") / "profiles"


def bundled_profile_paths() -> list[Path]:
    profiles = bundled_profiles_dir().iterdir()
    return sorted((p for p in profiles if p.name.endswith(PROFILE_SUFFIX)), key=lambda p: p.name)


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
    path = Path(path) if isinstance(path, str) else path
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
    check.known_keys(data, TOP_LEVEL_KEYS, "")
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
        check.known_keys(raw, SECTION_KEYS, key)
        sections.append(
            Section(
                label=check.string(raw, "label", required=True, prefix=key),
                url=check.url(raw, "url", required=True, prefix=key),
                listing=check.rules(raw, "listing", ListingRules, key)
                if "listing" in raw
                else None,
                article=check.rules(raw, "article", ArticleRules, key)
                if "article" in raw
                else None,
            )
        )
    allowed = data.get("allowed_domains", [])
    if not isinstance(allowed, list) or not all(isinstance(item, str) for item in allowed):
        raise ProfileError(source, "allowed_domains", "must be a list of host names")
    timezone = check.string(data, "timezone")
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ProfileError(source, "timezone", f"unknown time zone {timezone!r}") from None
    return SiteProfile(
        name=name,
        title=check.string(data, "title", required=True),
        language=check.string(data, "language", required=True),
        base_url=base_url.rstrip("/"),
        sections=tuple(sections),
        allowed_domains=tuple(allowed) or (urlsplit(base_url).hostname or "",),
        timezone=timezone,
        listing=check.rules(data, "listing", ListingRules, ""),
        article=check.rules(data, "article", ArticleRules, ""),
        revalidate=check.rules(data, "revalidate", RevalidateRules, ""),
        notes=check.string(data, "notes") or "",
        source=source,
    )


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


class _Checker:
    """Typed accessors that raise ProfileError naming the offending key."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, key: str, problem: str) -> ProfileError:
        return ProfileError(self.source, key, problem)

    def known_keys(self, data: dict[str, Any], known: set[str], prefix: str) -> None:
        unknown = sorted(set(data) - known)
        if unknown:
            raise self.fail(_join(prefix, unknown[0]), "unknown key (a typo?)")

    def string(
        self, data: dict[str, Any], key: str, *, required: bool = False, prefix: str = ""
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(_join(prefix, key), "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(_join(prefix, key), "must be a non-empty string")
        return value.strip()

    def url(self, data: dict[str, Any], key: str, *, required: bool = False, prefix: str = ""):
        value = self.string(data, key, required=required, prefix=prefix)
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise self.fail(_join(prefix, key), f"not an http(s) URL: {value!r}")
        return value

    def rules(self, data: dict[str, Any], key: str, rules_class, prefix: str):
        """Build LISTING/ARTICLE rules from a table, validating every rule by its kind."""
        table_key = _join(prefix, key)
        table = data.get(key, {})
        if not isinstance(table, dict):
            raise self.fail(table_key, "must be a table")
        self.known_keys(table, {f.name for f in fields(rules_class)}, table_key)
        values = {}
        for rule in fields(rules_class):
            if rule.name in table:
                values[rule.name] = self.rule_value(
                    table[rule.name], rule.metadata["kind"], _join(table_key, rule.name)
                )
        return rules_class(**values)

    def rule_value(self, value: Any, kind: str, key: str) -> Any:
        if kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(key, "must be true or false")
            return value
        if kind in ("count0", "count1"):
            lowest = int(kind[-1])
            if not isinstance(value, int) or isinstance(value, bool) or value < lowest:
                raise self.fail(key, f"must be a whole number of at least {lowest}")
            return value
        if kind == "css_list":
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise self.fail(key, "must be a list of CSS selectors")
            for item in value:
                self.css_selector(item, key)
            return tuple(value)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        value = value.strip()
        if kind == "css":
            self.css_selector(value, key)
        elif kind == "regex":
            try:
                re.compile(value)
            except re.error as exc:
                raise self.fail(key, f"bad regular expression ({exc})") from None
        elif kind == "template" and "{n}" not in value:
            raise self.fail(key, "must contain {n} where the page number goes")
        elif kind == "strftime" and "%" not in value:
            raise self.fail(key, "must be a strptime format such as %d.%m.%Y")
        return value

    def css_selector(self, value: str, key: str) -> None:
        try:
            Selector(text="<html></html>").css(value)
        except Exception as exc:  # cssselect raises several unrelated error types
            raise self.fail(key, f"bad CSS selector ({exc})") from None


def generic_profile(url: str, language: str = "", timezone: str | None = None) -> SiteProfile:
    """A profile that pins nothing, for a page of any site: every field is found generically."""
    parts = urlsplit(url)
    host = parts.hostname or "unknown"
    return SiteProfile(
        name="generic",
        title=host,
        language=language,
        base_url=f"{parts.scheme or 'https'}://{parts.netloc or host}",
        sections=(Section(label="", url=url),),
        allowed_domains=(host,),
        timezone=timezone,
    )
