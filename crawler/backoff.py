"""Retries that wait: Retry-After when the server names a time, exponential backoff otherwise.

Scrapy's RetryMiddleware re-queues a failed request at once, so a server that
answered 503 or 429 because it is overloaded is asked again within
milliseconds, and all retries are spent before it has recovered.  This
subclass keeps Scrapy's rules for what is retried and how often (RETRY_TIMES,
RETRY_HTTP_CODES, RETRY_EXCEPTIONS) and only delays each retry: by the
response's Retry-After (seconds or an HTTP date), else by
NEWSARCHIVE_RETRY_BACKOFF doubled per attempt, never longer than
NEWSARCHIVE_RETRY_MAX_WAIT.  The wait happens before the request enters the
download slot, so other pages keep downloading meanwhile.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)

NOT_BEFORE = "newsarchive_retry_not_before"
WAITED = "newsarchive_retry_wait"


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for; None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff = settings.getfloat("NEWSARCHIVE_RETRY_BACKOFF", 1.0)
        self.max_wait = settings.getfloat("NEWSARCHIVE_RETRY_MAX_WAIT", 120.0)

    def wait_before(self, retry: Request, asked: float | None) -> float:
        """How long to hold RETRY back: what the server asked for, else the backoff."""
        attempt = retry.meta.get("retry_times", 1)
        wait = asked if asked is not None else self.backoff * 2 ** (attempt - 1)
        if wait > self.max_wait:
            logger.info(
                "%s asks to wait %.0f s; waiting %.0f s (NEWSARCHIVE_RETRY_MAX_WAIT)",
                retry.url,
                wait,
                self.max_wait,
            )
        return min(max(wait, 0.0), self.max_wait)

    def _hold(self, retry: Request, asked: float | None) -> Request:
        wait = self.wait_before(retry, asked)
        retry.meta[WAITED] = wait
        retry.meta[NOT_BEFORE] = time.monotonic() + wait
        return retry

    def process_response(self, request: Request, response: Response) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            return self._hold(result, retry_after_seconds(response.headers.get("Retry-After")))
        return result

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            return self._hold(result, None)
        return result

    async def process_request(self, request: Request) -> None:
        remaining = request.meta.get(NOT_BEFORE, 0.0) - time.monotonic()
        if remaining > 0:
            await maybe_deferred_to_future(deferLater(reactor, remaining, lambda: None))
