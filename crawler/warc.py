"""Raw capture: every request and response of a crawl, in WARC files.

An archive of government news must be able to show what the server actually
sent, and to re-apply an improved parser to everything ever fetched
(`newsarchive reparse`).  This downloader middleware writes each request and
its response, bytes as received, to gzipped WARC files (warcio): one series
per run and site, in a directory beside the database, a new file whenever
one exceeds NEWSARCHIVE_WARC_MAX_BYTES.  Each response record says what the
crawler took the page for (WARC-Newsarchive-Page: article or listing) and its
section, so a reparse reads exactly the pages the crawl read as articles.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_from_coro
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import GzippingWrapper, WARCWriter
from zlib_ng import zlib_ng

logger = logging.getLogger(__name__)

# warcio gzips each record with zlib at level 9.  zlib-ng (the same DEFLATE, gzip members
# any reader inflates) at level 6 writes files of the same size (0.6% larger on the real
# pages of ../shared, 1% smaller on bench/e2e.py's) in half the time of zlib's level 6
# (0.63 against 1.24 ms for an average real page, 0.10 against 0.21 ms for bench/e2e.py's),
# a quarter of level 9's; compression was most of the crawl thread's WARC work.
GZIP_LEVEL = 6
PAGE_HEADER = "WARC-Newsarchive-Page"
SECTION_HEADER = "WARC-Newsarchive-Section"
SITE_HEADER = "WARC-Newsarchive-Site"


def warc_dir(db_path: str | Path) -> Path:
    """The directory of a database's WARC files: archive.db -> archive-warc/."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}-warc")


class WarcWriterMiddleware:
    """Write every downloaded response, and its request, to the run's WARC files."""

    def __init__(self, crawler: Crawler, directory: Path, max_bytes: int):
        self.crawler = crawler
        self.directory = directory
        self.max_bytes = max_bytes
        self.stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.sequence = 0
        self.handle = None
        self.writer: WARCWriter | None = None
        self.path: Path | None = None
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcWriterMiddleware:
        settings = crawler.settings
        db_path = settings.get("NEWSARCHIVE_DB")
        if not settings.getbool("NEWSARCHIVE_WARC") or not db_path:
            raise NotConfigured
        middleware = cls(crawler, warc_dir(db_path), settings.getint("NEWSARCHIVE_WARC_MAX_BYTES"))
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        if self.failed:
            return response
        try:
            self._capture(request, response, spider or self.crawler.spider)
        except OSError as exc:
            # A full disk or a read-only folder: capture is part of the archive, so
            # the site's crawl stops with one clear line instead of going on half-kept.
            self.failed = True
            logger.error("Cannot write WARC files in %s: %s; stopping this site's crawl",
                         self.directory, exc.strerror or exc)  # fmt: skip
            self.crawler.stats.set_value("newsarchive/warc_error", str(exc))
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="archive_error"))
        return response

    def _capture(self, request: Request, response: Response, spider) -> None:
        writer = self._writer(spider.name)
        date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        # Lengths given, warcio digests each payload once, in place; without them it
        # copies every body to a temporary file and digests it a second time.
        request_record = writer.create_warc_record(
            request.url,
            "request",
            payload=BytesIO(request.body or b""),
            length=len(request.body or b""),
            http_headers=_request_headers(request),
            warc_headers_dict={"WARC-Date": date},
        )
        kind = _PAGE_KINDS.get(_name(request.callback), "other")
        extra = {"WARC-Date": date, SITE_HEADER: spider.name, PAGE_HEADER: kind}
        section = request.cb_kwargs.get("section")
        if section is not None:
            extra[SECTION_HEADER] = section.label
        response_record = writer.create_warc_record(
            response.url,
            "response",
            payload=BytesIO(response.body),
            length=len(response.body),
            http_headers=_response_headers(response),
            warc_headers_dict=extra,
        )
        writer.write_record(request_record)
        writer.write_record(response_record)
        self.handle.flush()
        request.meta["warc"] = {
            "file": str(self.path.relative_to(self.directory.parent)),
            "record_id": response_record.rec_headers.get_header("WARC-Record-ID"),
        }
        self.crawler.stats.inc_value("newsarchive/warc_records", 2)

    def _writer(self, site: str) -> WARCWriter:
        if self.writer is not None and self.handle.tell() < self.max_bytes:
            return self.writer
        self.close()
        self.sequence += 1
        folder = self.directory / site
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{site}-{self.stamp}-{self.sequence:05d}.warc.gz"
        self.handle = open(self.path, "wb")  # noqa: SIM115 - open for the file's lifetime
        self.writer = GzipMemberWARCWriter(self.handle)
        return self.writer

    def close(self, *args: Any, **kwargs: Any) -> None:
        if self.handle is not None:
            with contextlib.suppress(OSError):  # a full disk: what could be written is there
                self.handle.close()
        self.handle = None
        self.writer = None


class _GzipMember(GzippingWrapper):
    """warcio's gzip member of one record, by zlib-ng at GZIP_LEVEL instead of zlib at 9."""

    def __init__(self, out):
        super().__init__(out)
        self.compressor = zlib_ng.compressobj(GZIP_LEVEL, zlib_ng.DEFLATED, zlib_ng.MAX_WBITS + 16)


class GzipMemberWARCWriter(WARCWriter):
    """warcio's WARCWriter with gzip=True's file layout (a gzip member per record)."""

    def __init__(self, filebuf):
        super().__init__(filebuf, gzip=False)

    def write_record(self, record, params=None) -> None:
        self._write_warc_record(_GzipMember(self.out), record)


_PAGE_KINDS = {"parse_article": "article", "parse_listing": "listing"}


def _name(callback: Any) -> str:
    return getattr(callback, "__name__", "")


def _request_headers(request: Request) -> StatusAndHeaders:
    parts = urlsplit(request.url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    headers = [("Host", parts.netloc)] + [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in request.headers.items()
        for value in values
    ]
    return StatusAndHeaders(
        f"{request.method} {target} HTTP/1.1", headers, protocol="HTTP/1.1", is_http_request=True
    )


def _response_headers(response: Response) -> StatusAndHeaders:
    headers = [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in response.headers.items()
        for value in values
    ]
    return StatusAndHeaders(f"{response.status} {_reason(response.status)}", headers, "HTTP/1.1")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
