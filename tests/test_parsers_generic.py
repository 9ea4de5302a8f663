"""The parser building blocks on small pages written for each case."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.parsers.body import extract_body, html_to_text, sanitise_html
from crawler.parsers.breadcrumb import (
    breadcrumb_from_selector,
    drop_trailing_title,
    section_from_breadcrumb,
    split_breadcrumb,
)
from crawler.parsers.dates import date_from_url, extract_published, parse_date_text
from crawler.parsers.title import extract_title
from crawler.urls import canonical_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You are here: Home > News > Top News", ["Home", "News", "Top News"]),
        ("当前位置：首页 > 新闻中心 > 工作动态", ["首页", "新闻中心", "工作动态"]),
        ("您当前所在位置： 首页 >> 教育 >> 招聘", ["首页", "教育", "招聘"]),
        ("Sie sind hier: Startseite › Presse › Meldungen", ["Startseite", "Presse", "Meldungen"]),
        ("首页 / 政务公开 / 通知公告", ["首页", "政务公开", "通知公告"]),
        ("  Home\u00a0>\u00a0 About Us >  ", ["Home", "About Us"]),
    ],
)
def test_split_breadcrumb(text, expected):
    assert split_breadcrumb(text) == expected


def test_breadcrumb_list_items_ignore_lead_in_and_separators():
    html = (
        '<nav class="breadcrumb"><h2>You are here</h2><ol><li><a href="/">Home</a></li>'
        "<li>›</li><li><a href='/briefing-room'>Briefing Room</a></li>"
        "<li>Weekly Address</li></ol></nav>"
    )
    crumbs = breadcrumb_from_selector(Selector(text=html).css("nav")[0])
    assert crumbs == ["Home", "Briefing Room", "Weekly Address"]


def test_title_at_end_of_trail_is_not_a_crumb_and_section_skips_home():
    crumbs = drop_trailing_title(["Home", "News", "Top News", "Big Story"], "Big  Story")
    assert crumbs == ["Home", "News", "Top News"]
    assert section_from_breadcrumb(crumbs) == "News > Top News"
    assert section_from_breadcrumb(["首页", "新闻"]) == "新闻"
    assert section_from_breadcrumb([]) == ""


@pytest.mark.parametrize(
    ("text", "timezone", "expected"),
    [
        ("2020-11-25", None, "2020-11-25"),
        ("Date: 2022/01/28  Source: NCAC", None, "2022-01-28"),
        ("2022年01月28日", None, "2022-01-28"),
        ("发布日期：2016-11-22", None, "2016-11-22"),
        ("2019-09-18 06:23", "Asia/Shanghai", "2019-09-18T06:23:00+08:00"),
        ("2007-08-20-23:59:59", "Asia/Shanghai", "2007-08-20T23:59:59+08:00"),
        ("2019-09-18 06:23", None, "2019-09-18T06:23:00"),
        ("2019-13-45", None, None),
        ("no date here", None, None),
    ],
)
def test_parse_date_text(text, timezone, expected):
    assert parse_date_text(text, timezone) == expected


def test_date_from_url_forms():
    assert date_from_url("https://x.gov.cn/a/202201/t20220119_57101.html") == "2022-01-19"
    assert date_from_url("http://fgw.zj.gov.cn/art/2016/11/22/art_1_2.html") == "2016-11-22"
    assert date_from_url("https://x.gov.cn/news/202402/18/content_WS1.html") == "2024-02-18"
    assert date_from_url("https://x.gov.cn/copyright/contents/10361/329071.shtml") is None


def test_published_prefers_pinned_selector_then_meta_then_url():
    page = Selector(
        text='<meta name="PubDate" content="2021-03-04 08:00"><p class="d">2021-03-05</p>'
    )
    url = "https://x.gov.cn/a/202103/t20210306_1.html"
    assert extract_published(page, url, "p.d", None)[0] == "2021-03-05"
    assert extract_published(page, url, None, None)[0] == "2021-03-04T08:00:00"
    assert extract_published(Selector(text="<p></p>"), url, None, None) == ("2021-03-06", "url")


def test_title_strips_site_name_from_title_tag_and_prefers_confirmed_heading():
    page = Selector(text="<title>Ministry Opens a New Archive--National Copyright Office</title>")
    assert extract_title(page, None) == (
        "Ministry Opens a New Archive",
        "<title> without site name",
    )
    page = Selector(text="<title>凯里市人民政府- 凯里市教育系统2024年公开招聘实施方案</title>")
    assert extract_title(page, None)[0] == "凯里市教育系统2024年公开招聘实施方案"
    page = Selector(
        text='<title>The Headline | Site</title><meta property="og:title" content="The Headline">'
        "<h1>Site</h1><div class='x'><h2> The  Headline </h2></div>"
    )
    assert extract_title(page, None) == ("The Headline", "heading <h2> confirmed by title")
    page = Selector(
        text='<meta property="og:site_name" content="Bundeskanzleramt Österreich">'
        '<meta property="og:title" content="Raab: Neue Regeln - Bundeskanzleramt Österreich">'
    )
    assert extract_title(page, None) == ("Raab: Neue Regeln", "og:title without site name")
    page = Selector(text='<meta name="ArticleTitle" content="Main <div>—— subtitle</div>">')
    assert extract_title(page, None) == ("Main —— subtitle", "meta ArticleTitle")


def test_body_is_sanitised_and_keeps_paragraphs():
    html = """<div class="content">
      <p>First <b>bold</b> paragraph <a href="/x" onclick="steal()">link</a>.</p>
      <script>alert(1)</script><style>p{display:none}</style>
      <iframe src="https://evil.example"></iframe>
      <p onmouseover="x()">Second<br>line <img src="a.png" onerror="bad()"></p>
      <a href="javascript:alert(1)">js</a>
      <div class="share">Share</div>
    </div>"""
    body_html, body_text, method = extract_body(
        Selector(text=html), "https://x.gov.cn/a/b.html", "div.content", ("div.share",)
    )
    for forbidden in (
        "script",
        "style",
        "iframe",
        "onclick",
        "onerror",
        "onmouseover",
        "javascript:",
    ):
        assert forbidden not in body_html
    assert 'href="https://x.gov.cn/x"' in body_html
    assert 'rel="nofollow noopener"' in body_html
    assert body_text.split("\n\n") == ["First bold paragraph link.", "Second", "line", "js"]
    assert "Share" not in body_text
    assert method == "selector div.content"


def test_html_to_text_survives_deep_nesting():
    depth = 5000
    html = "<div>" * depth + "deep text" + "</div>" * depth
    assert html_to_text(sanitise_html(html)) == "deep text"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://EN.NCAC.GOV.CN/a.html#top", "https://en.ncac.gov.cn/a.html"),
        ("https://en.ncac.gov.cn/a.html?utm_source=x&id=3", "https://en.ncac.gov.cn/a.html?id=3"),
        ("https://en.ncac.gov.cn:443", "https://en.ncac.gov.cn/"),
        ("http://other.example.org/a", "http://other.example.org/a"),
    ],
)
def test_canonical_url(url, expected, ncac_profile):
    assert canonical_url(url, ncac_profile) == expected


def test_listing_survives_a_stray_end_of_document_in_its_header(ncac_profile):
    from crawler.parsers import parse_listing

    html = (
        "<html><body><div class='header'><a href='/'>Home</a></div></html>"
        "<div class='list'><ul>"
        "<li><a href='/copyright/contents/10361/1.shtml'>First article headline here</a></li>"
        "<li><a href='/copyright/contents/10361/2.shtml'>Second article headline here</a></li>"
        "</ul></div></body></html>"
    )
    links = parse_listing(
        html, "https://en.ncac.gov.cn/copyright/channels/10361.shtml", ncac_profile
    )
    assert len(links.articles) == 2
