"""english.www.gov.cn: the offline mirror crawled by the real CLI into SQLite.

Every article page of the mirror is archived; one article is checked field by
field; the page that declares gb2312 while its bytes are UTF-8 (and is served
without a charset) is archived without mojibake.
"""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from crawler.mirror_server import MirrorServer, bundled_mirrors_dir
from tests.conftest import crawl_mirror, mirror_pages
from tests.conftest import db_rows as rows

pytestmark = pytest.mark.e2e

SITE = "english_gov_cn"
HOST = "english.www.gov.cn"
ARTICLE_FILE = re.compile(r"/content_WS[0-9a-f]{24}\.html$")
SAMPLE_URL = "https://english.www.gov.cn/news/202402/18/content_WS65d1e984c6d0868f4e8e02b7.html"
MISLABELLED_PATH = "/news/202310/17/content_WS652e402cc6d0868f4e8e056e.html"


def mirror_articles() -> dict[str, object]:
    """Live URL -> file of every article page in the mirror."""
    return mirror_pages(HOST, ARTICLE_FILE)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp(SITE) / "a.db"
    return crawl_mirror(SITE, db), db


def test_crawl_archives_every_article_page_of_the_mirror(crawled):
    result, db = crawled
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{SITE}: ok" in result.stdout
    pages = mirror_articles()
    assert 8 <= len(pages) <= 14
    articles = rows(db)
    assert len(articles) == len(pages)
    assert sorted(a["url"] for a in articles) == sorted(pages)
    sections = {a["section"] for a in articles}
    assert sections == {"News > Top News", "Policies > Policy Watch"}
    assert len({a["published"][:4] for a in articles}) >= 4
    (crawl,) = rows(db, "SELECT * FROM crawls")
    assert crawl["status"] == "ok" and crawl["errors"] == 0


def test_sample_article_field_by_field(crawled):
    _, db = crawled
    (article,) = rows(db, "SELECT * FROM articles WHERE url = ?", SAMPLE_URL)
    assert json.loads(article["breadcrumb"]) == ["Home", "News", "Top News"]
    assert article["section"] == "News > Top News"
    assert article["title"] == "Spring Festival travel rush sets record for daily rail trips"
    # "Updated: February 18, 2024 19:27 Xinhua" is Beijing time.
    assert article["published"] == "2024-02-18T19:27:00+08:00"
    assert article["language"] == "en"
    paragraphs = article["body_text"].split("\n\n")
    assert paragraphs[0] == (
        "Railway operators carried more passengers on Sunday than on any single day of previous"
        " Spring Festival travel seasons, as millions of people headed back to work after the"
        " holiday."
    )
    assert paragraphs[-1] == (
        "The travel season, which lasts 40 days, ends in early March. Operators expect the number"
        " of trips to remain high for the rest of the month as students return to campus."
    )
    assert len(paragraphs) == 4
    for furniture in (
        "[Photo/Xinhua]",  # the lead photo's caption
        "Updated:",
        "Share:",
        "WeChat",
        "Editor:",
        "Related Stories",
        "New high-speed rail line",  # a related story's headline
        "All rights reserved",
        "Copyright ©",
    ):
        assert furniture not in article["body_text"], furniture


def test_mislabelled_page_is_served_without_charset_and_archived_without_mojibake(crawled):
    _, db = crawled
    page = bundled_mirrors_dir() / HOST / MISLABELLED_PATH.lstrip("/")
    raw = page.read_bytes()
    assert b'content="text/html; charset=gb2312"' in raw
    raw.decode("utf-8")  # the bytes are UTF-8 all the same
    with (
        MirrorServer() as server,
        urllib.request.urlopen(f"{server.url}/{HOST}{MISLABELLED_PATH}") as response,
    ):
        assert response.headers["Content-Type"] == "text/html"
    (article,) = rows(
        db, "SELECT * FROM articles WHERE url = ?", f"https://{HOST}{MISLABELLED_PATH}"
    )
    assert article["title"] == "Museums report busy Golden Week as visitors seek cultural trips"
    assert article["published"] == "2023-10-17T16:05:00+08:00"
    body = article["body_text"]
    assert "“We opened the doors at 8 am instead of 9 and still had a queue outside,”" in body
    assert "said Liu Min (刘敏), a curator" in body
    assert "Sept 29–Oct 6" in body
    for mojibake in ("â€", "Ã", "åˆ", "\ufffd", "锟", "鈥"):
        assert mojibake not in body + article["title"], mojibake
