"""Redirects that lead nowhere useful end as a logged fault, not in silence.

Scrapy follows a redirect by scheduling a new request: a loop back to a URL
already fetched is then dropped by the duplicate filter, and a redirect to
another site by the offsite filter, both at DEBUG level, so the page simply
vanishes from the run.  This middleware sits just outside RedirectMiddleware
and turns both into an IgnoreRequest on the original request, whose errback
logs and records the fault like any other.
"""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.url import url_is_from_any_domain
from w3lib.url import safe_url_string

REDIRECT_STATUSES = {301, 302, 303, 307, 308}


class RedirectGuardMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in REDIRECT_STATUSES or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get("Location")
        if not location:
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
        seen = [*request.meta.get("redirect_urls", []), request.url]
        if target in seen:
            chain = " -> ".join([*seen, target])
            raise IgnoreRequest(f"redirect loop: {chain}")
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        if domains and not url_is_from_any_domain(target, domains):
            raise IgnoreRequest(f"redirected to another site: {target}")
        return response
