"""Publication dates, normalised to ISO 8601.

A date alone stays a date ("2020-11-25"); a date with a time of day carries
its UTC offset: the one the page states, else the site's timezone
("2022-01-19T09:12:00+08:00"), so that times from sites in different zones
sort and compare correctly.

Where the date comes from, most trustworthy first: a pinned selector (with an
optional strptime format), publication meta tags and JSON-LD, a date that the
visible text introduces as a publication date ("发布日期：", "Published",
"Datum"), a date in the URL, and finally the first date near the headline.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from parsel import Selector

from crawler.parsers.jsonld import json_ld_objects
from crawler.parsers.text import clean_text, visible_texts

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # German (and Austrian "Jänner")
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6,
    "juli": 7, "oktober": 10, "dezember": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TIME = r"(?:[\sT,-]*(?:um\s*)?(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分](?P<S>\d{2}))?(?!\d))?"
_DATE_PATTERNS = (
    # 2020-11-25, 2020/11/25, 2020.11.25, 2020年11月25日, 2007-08-20-23:59:59
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
        r"(?!\d)\s*日?" + _TIME
    ),
    # February 18, 2024 / Feb. 18, 2024 19:27
    re.compile(
        rf"(?<![\w])(?P<month>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<y>(?:19|20)\d{{2}})" + _TIME,
        re.IGNORECASE,
    ),
    # 3. Juli 2018 / 18 February 2024 / 1. Februar 2022
    re.compile(
        rf"(?<![\w.])(?P<d>\d{{1,2}})\.?\s+(?P<month>{_MONTH_NAMES})\.?\s+(?P<y>(?:19|20)\d{{2}})"
        + _TIME,
        re.IGNORECASE,
    ),
    # 9/17/2004 5:54:13 AM: a US timestamp (month first), recognised by its AM/PM
    re.compile(
        r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})\s+"
        r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)"
    ),
    # 28.01.2022 (day first, as in German)
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d])" + _TIME),
)
# TRS file names (t20220119_57101.html), dated paths (/2016/11/22/, /202201/22/), /2023-12/01/.
_URL_DATES = (
    re.compile(r"/t(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})_\d+"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})/"),
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})/(?P<d>\d{2})/"),
    re.compile(r"[/_](?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[_./-]|$)"),
)
# Meta tags that name the publication date...
_PUBLICATION_METAS = (
    "PubDate", "pubdate", "firstpublishedtime", "publishdate", "publish_date", "publishtime",
    "article:published_time", "og:published_time", "datePublished", "dcterms.issued",
    "DC.date.issued", "sailthru.date",
)  # fmt: skip
# ...and meta tags that may hold a creation or modification date instead.
_VAGUE_DATE_METAS = ("dcterms.date", "dcterms.created", "DC.date", "DC.Date", "date")
# Words that introduce a publication date in visible text.
_PUBLISHED_LEAD_INS = re.compile(
    r"(?:发布日期|发布时间|发文日期|发稿时间|发表于|发表时间|发布于|日期|时间|"
    r"published(?: on)?|posted(?: on)?|updated|release date|date|"
    r"veröffentlicht(?: am)?|datum|stand|erstellt(?: am)?|pressemitteilung vom)\s*[:：]?\s*",
    re.IGNORECASE,
)
_NEAR_TITLE_CHARS = 400


def parse_date_text(
    text: str | None, timezone: str | None = None, date_format: str | None = None
) -> str | None:
    """The first date in TEXT as ISO 8601, or None."""
    if not text:
        return None
    text = clean_text(text)
    if date_format:
        value = _with_format(text, date_format, timezone)
        if value:
            return value
    iso = _iso_timestamp(text, timezone)
    if iso:
        return iso
    found = _first_date(text, timezone)
    return found[1] if found else None


def date_from_url(url: str) -> str | None:
    """A date encoded in the URL's path, or None."""
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match:
            value = _from_match(match, None)
            if value:
                return value
    return None


def extract_published(
    page: Selector,
    url: str,
    css: str | None,
    timezone: str | None,
    date_format: str | None = None,
    title: str | None = None,
) -> tuple[str | None, str]:
    """(date, method): see the module docstring for the order."""
    if css:
        for element in page.css(css):
            value = parse_date_text(" ".join(visible_texts(element.root)), timezone, date_format)
            if value:
                return value, f"selector {css}"
    found = _meta_date(page, _PUBLICATION_METAS, timezone)
    if found:
        return found
    for item in json_ld_objects(page):
        value = item.get("datePublished")
        parsed = parse_date_text(value, timezone) if isinstance(value, str) else None
        if parsed:
            return parsed, "json-ld datePublished"
    for element in page.root.iter("time"):
        if element.get("datetime") is None:
            continue
        if element.xpath("ancestor::*[self::article or self::main or @role='main']"):
            parsed = parse_date_text(element.get("datetime"), timezone)
            if parsed:
                return parsed, "time element"
    text = clean_text(" ".join(visible_texts(page.root)))
    introduced_near, introduced_first = _introduced_dates(text, timezone, title)
    if introduced_near:
        return introduced_near, "visible text (introduced)"
    near = _date_near_title(text, title, timezone)
    from_url = date_from_url(url)
    if near and (not from_url or near.startswith(from_url)):
        return near, "visible text (near headline)"
    if introduced_first:
        return introduced_first, "visible text (introduced)"
    if from_url:
        return from_url, "url"
    found = _meta_date(page, _VAGUE_DATE_METAS, timezone)
    if found:
        return found
    return None, "not found"


def _meta_date(
    page: Selector, names: tuple[str, ...], timezone: str | None
) -> tuple[str, str] | None:
    # The page's meta tags by (attribute, value), in document order: one pass over
    # them instead of a query for every name and attribute.
    metas: dict[tuple[str, str], list] = {}
    for element in page.root.iter("meta"):
        for attribute in ("name", "property", "itemprop"):
            value = element.get(attribute)
            if value is not None:
                metas.setdefault((attribute, value), []).append(element)
    for name in names:
        for attribute in ("name", "property", "itemprop"):
            for element in metas.get((attribute, name), ()):
                # Some CMSs (Drupal on whitehouse.gov) write value= instead of content=.
                value = element.get("content") or element.get("value")
                parsed = parse_date_text(value, timezone)
                if parsed:
                    return parsed, f"meta {name}"
    return None


def _introduced_dates(
    text: str, timezone: str | None, title: str | None
) -> tuple[str | None, str | None]:
    """Dates that a lead-in names as the publication date: (the first one near the
    headline, the first one anywhere).  Comments further down have their own "发表时间"."""
    found = []
    for lead_in in _PUBLISHED_LEAD_INS.finditer(text):
        window = text[lead_in.end() : lead_in.end() + 40]
        date_found = _first_date(window, timezone, anchored=True)
        if date_found:
            found.append((lead_in.start(), date_found[1]))
    if not found:
        return None, None
    position = text.find(title) if title else -1
    near = next(
        (
            value
            for start, value in found
            if position >= 0
            and position - _NEAR_TITLE_CHARS // 2 <= start <= position + _NEAR_TITLE_CHARS
        ),
        None,
    )
    return near, found[0][1]


def _date_near_title(text: str, title: str | None, timezone: str | None) -> str | None:
    """The date closest to the headline's last appearance before the body, within reach."""
    if not title:
        return None
    candidates = []
    start = 0
    while True:
        position = text.find(title, start)
        if position < 0:
            break
        candidates.append(position)
        start = position + 1
    for position in candidates:
        after = text[position + len(title) : position + len(title) + _NEAR_TITLE_CHARS]
        found = _first_date(after, timezone)
        if found:
            return found[1]
        before = text[max(0, position - _NEAR_TITLE_CHARS // 2) : position]
        found = _last_date(before, timezone)
        if found:
            return found
    return None


def _first_date(text: str, timezone: str | None, anchored: bool = False) -> tuple[int, str] | None:
    """(position, ISO value) of the earliest date in TEXT."""
    best = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if anchored and match.start() > 2:
                break
            value = _from_match(match, timezone)
            if value and (best is None or match.start() < best[0]):
                best = (match.start(), value)
            if value:
                break
    return best


def _last_date(text: str, timezone: str | None) -> str | None:
    best = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _from_match(match, timezone)
            if value and (best is None or match.start() > best[0]):
                best = (match.start(), value)
    return best[1] if best else None


def _iso_timestamp(text: str, timezone: str | None) -> str | None:
    """A machine timestamp as in meta tags: 2022-01-21T09:43:00+01:00, 2024-02-18 19:27."""
    candidate = text.strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", candidate):
        return None
    candidate = candidate.replace("Z", "+00:00").replace(" ", "T", 1)
    try:
        moment = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    if moment.tzinfo is None:
        zone = _zone(timezone)
        if zone is not None:
            moment = moment.replace(tzinfo=zone)
    return moment.replace(microsecond=0).isoformat()


def _with_format(text: str, date_format: str, timezone: str | None) -> str | None:
    """Find a substring of TEXT that parses with DATE_FORMAT (for pinned selectors)."""
    for size in range(len(text), 5, -1):
        for start in range(0, len(text) - size + 1):
            try:
                moment = datetime.strptime(text[start : start + size], date_format)
            except ValueError:
                continue
            has_time = any(code in date_format for code in ("%H", "%I", "%M"))
            if not has_time:
                return moment.date().isoformat()
            zone = _zone(timezone)
            return (moment.replace(tzinfo=zone) if zone else moment).isoformat()
        if size < len(text) - 40:
            break
    return None


def _from_match(match: re.Match[str], timezone: str | None) -> str | None:
    groups = match.groupdict()
    month = groups.get("m")
    if month is None and groups.get("month"):
        month = _MONTHS.get(groups["month"].lower().rstrip("."))
    try:
        day = date(int(groups["y"]), int(month), int(groups["d"]))
    except (TypeError, ValueError):
        return None
    if day.year < 1990 or day > date.today().replace(year=date.today().year + 1):
        return None
    if not groups.get("H"):
        return day.isoformat()
    hour = int(groups["H"])
    if groups.get("ampm"):
        hour = hour % 12 + (12 if groups["ampm"][0].lower() == "p" else 0)
    try:
        moment = datetime(
            day.year, day.month, day.day, hour, int(groups["M"]), int(groups.get("S") or 0)
        )
    except ValueError:
        return day.isoformat()
    zone = _zone(timezone)
    if zone is not None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat()


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
