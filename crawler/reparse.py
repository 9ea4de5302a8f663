"""`newsarchive reparse`: rebuild or update the archive from WARC files alone.

Every page a crawl read as an article is in the WARC files, bytes as
received, with the time it was fetched.  Reading them in order through the
current parsers and the same archive writes gives the rows a crawl would have
given, so an improved parser can be applied to everything ever fetched, with
no network, and a lost database can be rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.store import Archive
from crawler.parsers import NotAnArticle, parse_article
from crawler.parsers.charset import decode_html
from crawler.profile import SiteProfile, load_bundled_profiles
from crawler.urls import canonical_url
from crawler.warc import PAGE_HEADER, SECTION_HEADER, SITE_HEADER, warc_dir


@dataclass
class ReparseResult:
    files: int = 0
    records: int = 0
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0}
    )
    not_articles: int = 0
    unknown_sites: set[str] = field(default_factory=set)

    def summary(self) -> str:
        text = (
            f"reparsed {self.records} article pages from {self.files} WARC files: "
            f"{self.outcomes['new']} new, {self.outcomes['updated']} updated, "
            f"{self.outcomes['unchanged']} unchanged, {self.not_articles} not articles"
        )
        if self.unknown_sites:
            text += f"; skipped sites without a profile: {', '.join(sorted(self.unknown_sites))}"
        return text


def warc_files(db_path: str | Path, given: list[Path] | None = None) -> list[Path]:
    """The files to read: those given, else every WARC file of the database, oldest first."""
    if given:
        return list(given)
    return sorted(warc_dir(db_path).rglob("*.warc.gz"), key=lambda path: path.name)


def reparse(
    db_path: str | Path,
    files: list[Path],
    extra_profiles: list[SiteProfile] | None = None,
) -> ReparseResult:
    profiles = load_bundled_profiles()
    for profile in extra_profiles or []:
        profiles[profile.name] = profile
    result = ReparseResult()
    base = Path(db_path).absolute().parent
    with Archive(db_path) as archive:
        for path in files:
            result.files += 1
            with open(path, "rb") as handle:
                for record in ArchiveIterator(handle):
                    if record.rec_type != "response":
                        continue
                    headers = record.rec_headers
                    if headers.get_header(PAGE_HEADER) != "article":
                        continue
                    if record.http_headers.get_statuscode() != "200":
                        continue
                    site = headers.get_header(SITE_HEADER)
                    profile = profiles.get(site)
                    if profile is None:
                        result.unknown_sites.add(site or "?")
                        continue
                    result.records += 1
                    outcome = _reparse_record(archive, record, profile, path, base)
                    if outcome is None:
                        result.not_articles += 1
                    else:
                        result.outcomes[outcome] += 1
    return result


def _reparse_record(archive: Archive, record, profile: SiteProfile, path: Path, base: Path):
    headers = record.rec_headers
    http = record.http_headers
    body = record.content_stream().read()
    url = canonical_url(headers.get_header("WARC-Target-URI"), profile)
    label = headers.get_header(SECTION_HEADER)
    section = next((s for s in profile.sections if s.label == label), None)
    try:
        parsed = parse_article(
            decode_html(body, http.get_header("Content-Type")).text, url, profile, section
        )
    except NotAnArticle:
        return None
    seen_at = _warc_time(headers.get_header("WARC-Date"))
    try:
        location = str(path.absolute().relative_to(base))
    except ValueError:
        location = str(path)
    return archive.save_article(
        parsed.as_dict(),
        seen_at=seen_at,
        validators={
            "etag": http.get_header("ETag"),
            "last_modified": http.get_header("Last-Modified"),
        },
        capture={"warc_file": location, "warc_record_id": headers.get_header("WARC-Record-ID")},
    )


def _warc_time(value: str | None) -> str | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.isoformat(timespec="seconds")
