"""Property-based tests of the parsers (hypothesis): any bytes a server may send give a
record or a clean "not an article", never an exception; normalisation is idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.parsers import NotAnArticle, parse_article, parse_listing
from crawler.parsers.breadcrumb import split_breadcrumb
from crawler.parsers.charset import decode_html
from crawler.parsers.dates import parse_date_text
from crawler.parsers.text import clean_text
from crawler.profile import generic_profile

PROFILE = generic_profile("https://news.example.gov/a/b.html")
URL = "https://news.example.gov/a/b.html"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments of real article markup, shuffled with arbitrary text and bytes.
FRAGMENTS = st.sampled_from(
    [
        "<html>",
        "<head>",
        "<title>Headline - Site</title>",
        "<body>",
        "</html>",
        "</body>",
        "<div class='position'>当前位置：<a href='/'>首页</a> &gt; ",
        "<h1>",
        "</h1>",
        "<div class='TRS_Editor'>",
        "</div>",
        "<p>",
        "</p>",
        "<br>",
        "<script>x=1</script>",
        "<meta name='PubDate' content='2024-02-18 19:27'>",
        "发布日期：2016-11-22",
        "<ul class='breadcrumb'><li>",
        "</li>",
        "<a href='javascript:x()'>",
        "</a>",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "&#x0;",
        "&bogus;",
        "<table><tr><td>",
        "<meta charset='gb2312'>",
        "\x00",
        "\ufffd",
        "版权保护。",
        "Sie sind hier: ",
    ]
)
PAGES = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=60).map("".join)


def parse_or_refuse(html: str) -> None:
    try:
        record = parse_article(html, URL, PROFILE)
    except NotAnArticle:
        return
    assert record.title and record.body_text
    assert "<script" not in record.body_html.lower()


@FAST
@given(st.binary(max_size=3000), st.sampled_from([None, "text/html", "text/html; charset=GBK"]))
def test_any_bytes_decode_and_parse_or_are_refused_cleanly(body, content_type):
    decoded = decode_html(body, content_type)
    assert isinstance(decoded.text, str)
    parse_or_refuse(decoded.text)
    parse_listing(decoded.text, URL, PROFILE)


@FAST
@given(PAGES)
def test_any_mix_of_article_markup_parses_or_is_refused_cleanly(html):
    parse_or_refuse(html)
    parse_listing(html, URL, PROFILE)


@FAST
@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), max_size=6)
)
def test_breadcrumb_splitting_is_idempotent(labels):
    once = split_breadcrumb(" > ".join(labels))
    assert split_breadcrumb(" > ".join(once)) == once
    assert all(label == clean_text(label) for label in once)


@FAST
@given(st.text(max_size=80), st.sampled_from([None, "Asia/Shanghai", "Europe/Berlin"]))
def test_date_normalisation_is_idempotent(text, timezone):
    value = parse_date_text(text, timezone)
    if value is not None:
        assert parse_date_text(value, timezone) == value


@FAST
@given(st.text(max_size=200))
def test_clean_text_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)
