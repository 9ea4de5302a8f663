"""How failures are named (crawler.fetch_errors) and what counts as a page (site spider)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import scrapy.exceptions
from parsel import Selector
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError
from twisted.python.failure import Failure

from crawler.backoff import retry_after_seconds
from crawler.fetch_errors import classify
from crawler.parsers import NotAnArticle, parse_article
from crawler.parsers.article import MAX_NESTING, nesting_depth
from crawler.profile import find_bundled_profile
from crawler.spiders.site import _declared_not_html


def failure_of(error: Exception) -> Failure:
    try:
        raise error
    except Exception:
        return Failure()


def test_http_errors_keep_their_status():
    response = Response("https://example.org/a.html", status=503)
    fault = classify(failure_of(HttpError(response, "Ignoring non-200 response")))
    assert (fault.kind, fault.status, fault.message) == ("http", 503, "HTTP 503")


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (TimeoutError(), "timeout"),
        (DNSLookupError("no such host"), "dns"),
        (ConnectionRefusedError(), "connection"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots"),
        (IgnoreRequest("something else"), "ignored"),
        (ValueError("odd"), "other"),
    ],
)
def test_kinds_and_a_message_for_every_fault(error, kind):
    fault = classify(failure_of(error))
    assert fault.kind == kind
    assert fault.status is None and fault.message


def test_data_loss_is_a_truncated_body():
    data_loss = getattr(scrapy.exceptions, "ResponseDataLossError", None)
    if data_loss is None:
        pytest.skip("this Scrapy has no ResponseDataLossError")
    fault = classify(failure_of(data_loss()))
    assert fault.kind == "truncated" and "Content-Length" in fault.message


@pytest.mark.parametrize(
    ("content_type", "body", "not_html"),
    [
        ("application/pdf", b"%PDF-1.4", True),
        ("image/png", b"\x89PNG", True),
        ("text/html; charset=utf-8", b"%PDF-1.7 served as html", True),
        ("text/html; charset=gbk", b"<html>", False),
        ("application/xhtml+xml", b"<html>", False),
        ("application/octet-stream", b"<html>", False),
        ("", b"<html>", False),
    ],
)
def test_what_is_not_an_html_page(content_type, body, not_html):
    assert _declared_not_html(content_type, body) is not_html


def test_hostile_nesting_is_refused_quickly_and_real_nesting_is_not():
    profile = find_bundled_profile("ncac_en")
    deep = "<html><body>" + "<div>" * 5000 + "<h1>T</h1><p>Text.</p>" + "</div>" * 5000
    with pytest.raises(NotAnArticle, match="levels deep"):
        parse_article(deep, "https://en.ncac.gov.cn/x.html", profile)
    shallow = Selector(text="<html><body>" + "<div>" * 40 + "x" + "</div>" * 40)
    assert 40 < nesting_depth(shallow.root) < MAX_NESTING


def test_retry_after_in_seconds_or_as_an_http_date():
    now = datetime(2026, 11, 30, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120", now) == 120
    assert retry_after_seconds("Mon, 30 Nov 2026 12:01:30 GMT", now) == 90
    assert retry_after_seconds("Mon, 30 Nov 2026 11:00:00 GMT", now) == 0  # in the past
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
