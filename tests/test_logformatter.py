"""Per-page log lines (crawler/logformatter.py): an item is named, not printed whole,
and below the run's log level the lines are not made at all."""

from __future__ import annotations

import logging

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse

from crawler.items import ArticleItem, ArticleMissing, FetchFailed
from crawler.logformatter import ArchiveLogFormatter, describe_item
from tests.conftest import db_rows, run_cli

PAGE = "https://en.ncac.gov.cn/news/a.html"


def response() -> HtmlResponse:
    return HtmlResponse(PAGE, body=b"<html></html>", request=Request(PAGE))


def article() -> ArticleItem:
    return ArticleItem(url=PAGE, title="A headline", body_text="Body " * 500, body_html="<p/>")


def test_an_item_is_named_by_its_kind_title_or_reason():
    assert describe_item(article(), PAGE) == "ArticleItem 'A headline'"
    assert describe_item(article(), "https://en.ncac.gov.cn/news/other.html") == (
        f"ArticleItem {PAGE} 'A headline'"
    )
    failed = FetchFailed(url=PAGE, kind="http", status=404, message="Not Found")
    assert describe_item(failed) == f"FetchFailed {PAGE} (http 404)"
    assert describe_item(ArticleMissing(url=PAGE, reason="HTTP 410")) == (
        f"ArticleMissing {PAGE} (HTTP 410)"
    )


def test_at_debug_the_scraped_line_names_the_item_without_its_body():
    formatter = ArchiveLogFormatter(logging.DEBUG)
    logged = formatter.scraped(article(), response(), Spider("ncac_en"))
    line = logged["msg"] % logged["args"]
    assert line == f"Scraped from <200 {PAGE}>: ArticleItem 'A headline'"
    assert formatter.crawled(Request(PAGE), response(), Spider("ncac_en"))["level"] == (
        logging.DEBUG
    )


@pytest.mark.parametrize("level", [logging.INFO, logging.WARNING, logging.ERROR])
def test_above_debug_the_per_page_lines_are_not_made(level):
    formatter = ArchiveLogFormatter(level)
    assert formatter.scraped(article(), response(), Spider("ncac_en")) is None
    assert formatter.crawled(Request(PAGE), response(), Spider("ncac_en")) is None


@pytest.mark.e2e
def test_a_debug_crawl_logs_each_article_by_title_and_no_body(tmp_path):
    db = tmp_path / "archive.db"
    result = run_cli("crawl", "ncac_en", "--mirror", "--db", str(db), "--log-level", "debug")
    assert result.returncode == 0, result.stderr[-3000:]
    articles = db_rows(db, "SELECT title, body_text FROM articles")
    scraped = [line for line in result.stderr.splitlines() if "Scraped from" in line]
    assert len(scraped) == len(articles) > 10
    for row in articles:
        assert any(f"ArticleItem {row['title']!r}" in line for line in scraped), row["title"]
        first_paragraph = row["body_text"].split("\n\n")[0]
        assert first_paragraph not in result.stderr
    assert "Crawled (200)" in result.stderr
