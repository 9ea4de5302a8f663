"""Reaching an offline mirror through a setting, without the spider knowing.

With NEWSARCHIVE_MIRROR = "http://127.0.0.1:8765", a request for
https://en.ncac.gov.cn/news/x.html is downloaded from
http://127.0.0.1:8765/en.ncac.gov.cn/news/x.html, and the response is handed
back under its live URL.  Spiders, parsers, link resolution, canonical URLs and
the archive all see only live addresses, so a crawl of the mirror exercises
exactly the code that crawls the live site.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Request, Response
from scrapy.utils.misc import build_from_crawler, load_object


def mirror_url(live_url: str, mirror_base: str) -> str:
    """Where LIVE_URL lives on the mirror server at MIRROR_BASE."""
    parts = urlsplit(live_url)
    base = urlsplit(mirror_base.rstrip("/"))
    path = f"{base.path}/{parts.hostname}{parts.path or '/'}"
    return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))


def live_url(mirrored: str, original: str, mirror_base: str) -> str:
    """Map a mirror address (e.g. a redirect target) back to the live site of ORIGINAL."""
    base = mirror_base.rstrip("/")
    if not mirrored.startswith(base + "/"):
        return mirrored
    rest = mirrored[len(base) + 1 :]
    host, _, path = rest.partition("/")
    scheme = urlsplit(original).scheme or "https"
    return f"{scheme}://{host}/{path}"


class MirrorDownloadHandler(BaseDownloadHandler):
    """HTTP(S) download handler that serves live URLs from NEWSARCHIVE_MIRROR when set."""

    lazy = False

    def __init__(self, crawler):
        super().__init__(crawler)
        self.mirror_base: str | None = crawler.settings.get("NEWSARCHIVE_MIRROR") or None
        inner_class = load_object(crawler.settings.getdict("DOWNLOAD_HANDLERS_BASE")["http"])
        self.inner = build_from_crawler(inner_class, crawler)

    async def download_request(self, request: Request) -> Response:
        if not self.mirror_base:
            return await self.inner.download_request(request)
        local = request.replace(url=mirror_url(request.url, self.mirror_base))
        response = await self.inner.download_request(local)
        location = response.headers.get("Location")
        if not location:  # replace() copies the headers itself
            return response.replace(url=request.url, request=request)
        headers = response.headers.copy()
        headers["Location"] = live_url(location.decode("latin-1"), request.url, self.mirror_base)
        return response.replace(url=request.url, headers=headers, request=request)

    async def close(self) -> None:
        await self.inner.close()
