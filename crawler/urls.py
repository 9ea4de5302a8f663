"""Canonical article URLs: one archive row per article however a link spells its address."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from crawler.profile import SiteProfile

_TRACKING_PREFIXES = ("utm_", "spm", "from", "share")


def base_url_of(page, url: str) -> str:
    """The URL relative links of PAGE resolve against: its <base href>, else URL itself."""
    base = page.css("base::attr(href)").get()
    return urljoin(url, base.strip()) if base and base.strip() else url


def canonical_url(url: str, profile: SiteProfile | None = None) -> str:
    """Lower-case host, no fragment, no tracking parameters, the site's own scheme."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if profile is not None and host == profile.host:
        scheme = urlsplit(profile.base_url).scheme
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PREFIXES)
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
