"""What kind of fault a failed request met, in words a cron log reader understands.

Scrapy hands errbacks a Twisted Failure whose exception class depends on the
layer that gave up (HTTP status, download timeout, DNS, a reset connection,
robots.txt).  The archive records each as one `fetch_errors` row, so the kind
must be stable across Scrapy and Twisted versions: classes are matched by
name along the exception's MRO rather than imported one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

from twisted.python.failure import Failure

# (fragment of an exception class name, kind), first match wins.
_KINDS_BY_CLASS_NAME = (
    ("HttpError", "http"),
    ("DataLoss", "truncated"),
    ("Timeout", "timeout"),
    ("DNS", "dns"),
    ("Cancel", "cancelled"),
    ("Connection", "connection"),
    ("ResponseFailed", "connection"),
    ("ResponseNeverReceived", "connection"),
)
# Why Scrapy dropped a request (IgnoreRequest's message), first match wins.
_IGNORED_BECAUSE = (
    ("robots.txt", "robots"),
    ("redirect loop", "redirect_loop"),
    ("redirection", "redirect_loop"),  # Scrapy's REDIRECT_MAX_TIMES
    ("another site", "offsite"),
    ("offsite", "offsite"),
)
# Plain words for faults whose exceptions carry no message.
_DEFAULT_MESSAGES = {
    "truncated": "the body ended before its Content-Length: the connection was cut",
    "connection": "the connection failed or was reset",
    "timeout": "no answer in time",
}


@dataclass(frozen=True)
class FetchFault:
    kind: str  # http, truncated, timeout, dns, connection, too_large, cancelled,
    # robots, redirect_loop, offsite, ignored, other
    status: int | None
    message: str


def classify(failure: Failure) -> FetchFault:
    """The kind, HTTP status and one-line reason of a failed request."""
    error = failure.value
    response = getattr(error, "response", None)
    if response is not None and getattr(response, "status", None):
        return FetchFault("http", response.status, f"HTTP {response.status}")
    message = " ".join((failure.getErrorMessage() or "").split())
    names = [cls.__name__ for cls in type(error).__mro__]
    if "IgnoreRequest" in names:
        lowered = message.lower()
        kind = next(
            (kind for word, kind in _IGNORED_BECAUSE if word in lowered),
            "ignored",
        )
        return FetchFault(kind, None, message or type(error).__name__)
    if "larger than download max size" in message:
        return FetchFault("too_large", None, message.split(" in request ")[0])
    kind = next(
        (kind for fragment, kind in _KINDS_BY_CLASS_NAME if any(fragment in n for n in names)),
        "other",
    )
    return FetchFault(kind, None, message or _DEFAULT_MESSAGES.get(kind, type(error).__name__))
