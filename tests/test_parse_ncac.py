"""The NCAC English pages, parsed by the pure parsers with the shipped profile."""

from __future__ import annotations

import pytest

from crawler.parsers import NotAnArticle, parse_article, parse_listing
from tests.conftest import (
    FIXTURES,
    SEED_TITLE,
    SEED_URL,
    mirror_article_files,
    shared_path,
)


def read(path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_record(ncac_profile):
    page = mirror_article_files()[SEED_URL]
    return parse_article(read(page), SEED_URL, ncac_profile)


def test_seed_article_record_field_by_field(seed_record, ncac_content):
    seed = next(a for a in ncac_content["topnews"] if a["title"] == SEED_TITLE)
    assert seed_record.url == SEED_URL
    assert seed_record.site == "ncac_en"
    assert seed_record.breadcrumb == ["Home", "News", "Top News"]
    assert seed_record.section == "News > Top News"
    assert seed_record.title == SEED_TITLE
    assert seed_record.published == "2020-11-25"
    assert seed_record.language == "en"
    assert seed_record.body_text.split("\n\n") == seed["paragraphs"]
    assert seed_record.body_html.count("<p>") == 3
    # Page chrome is not part of the body.
    for noise in ("Share to", "Editor:", "Related News", "All Rights Reserved", "You are here"):
        assert noise not in seed_record.body_text


def test_seed_matches_the_shared_seed_text(seed_record):
    lines = read(shared_path("seed", "ncac-top-news-article.txt")).split("\n")
    assert lines[0] == "You are here: Home > News > Top News"
    assert " > ".join(seed_record.breadcrumb) == lines[0].removeprefix("You are here: ")
    assert seed_record.title == lines[1].strip()
    paragraphs = [p.strip() for p in "\n".join(lines[2:]).split("\n\n") if p.strip()]
    assert seed_record.body_text.split("\n\n") == paragraphs


def test_every_mirror_article_parses_with_breadcrumb_date_and_body(ncac_profile):
    pages = mirror_article_files()
    assert len(pages) >= 30
    for url, path in pages.items():
        record = parse_article(read(path), url, ncac_profile)
        assert record.breadcrumb[0] == "Home", url
        assert record.section in {
            "News > Top News",
            "News > International Cooperation",
            "News > Regional Updates",
            "About Us > Overview of NCAC work",
        }, url
        assert record.published and record.published[:4].isdigit(), url
        assert record.body_text.count("\n\n") >= 1, url


def test_trs_article_without_date_line_takes_pubdate_meta(ncac_profile):
    page = read(FIXTURES / "ncac_en" / "trs-article-no-dateline.html")
    url = "https://en.ncac.gov.cn/news/internationalcooperation/202311/t20231109_58801.html"
    record = parse_article(page, url, ncac_profile)
    assert record.published == "2023-11-09T15:20:00+08:00"
    assert record.methods["published"].startswith("meta")
    assert record.breadcrumb == ["Home", "News", "International Cooperation"]
    assert record.title == "Copyright Officials Meet Delegation on Collective Management"
    assert record.body_text.split("\n\n")[1].startswith("Both sides agreed")


def test_old_cms_listing_gives_articles_and_numbered_pages(ncac_profile):
    page = read(FIXTURES / "ncac_en" / "old-cms-channel-page-2.shtml")
    url = "https://en.ncac.gov.cn/copyright/channels/10361_2.shtml"
    links = parse_listing(page, url, ncac_profile)
    assert links.articles == [
        "https://en.ncac.gov.cn/copyright/contents/10361/329071.shtml",
        "https://en.ncac.gov.cn/news/topnews/202201/t20220119_57101.html",
    ]
    assert links.pages == [
        "https://en.ncac.gov.cn/copyright/channels/10361.shtml",
        "https://en.ncac.gov.cn/copyright/channels/10361_3.shtml",
    ]


def test_trs_listing_pagination_from_createpagehtml(ncac_profile):
    url = "https://en.ncac.gov.cn/news/regionalupdates/index.html"
    page = next(p for u, p in mirror_article_files().items() if "/regionalupdates/" in u)
    listing = page.parent.parent / "index.html"
    links = parse_listing(read(listing), url, ncac_profile)
    assert len(links.articles) == 5
    assert links.pages == ["https://en.ncac.gov.cn/news/regionalupdates/index_1.html"]


def test_listing_page_is_not_an_article(ncac_profile):
    page = read(FIXTURES / "ncac_en" / "old-cms-channel-page-2.shtml")
    with pytest.raises(NotAnArticle):
        parse_article(page, "https://en.ncac.gov.cn/copyright/channels/10361_2.shtml", ncac_profile)


def test_trs_pagination_gives_only_the_next_page(ncac_profile):
    def pages(current: int, count: int) -> list[str]:
        html = (
            "<html><body><ul><li><a href='./202001/t20200101_1.html'>A headline long enough</a>"
            f'</li></ul><script>createPageHTML({count}, {current}, "index", "html");</script>'
            "</body></html>"
        )
        name = "index.html" if current == 0 else f"index_{current}.html"
        url = f"https://en.ncac.gov.cn/news/topnews/{name}"
        return parse_listing(html, url, ncac_profile).pages

    assert pages(0, 50) == ["https://en.ncac.gov.cn/news/topnews/index_1.html"]
    assert pages(7, 50) == ["https://en.ncac.gov.cn/news/topnews/index_8.html"]
    assert pages(49, 50) == []
