"""NCAC Chinese site: the GBK offline mirror (charset only in the HTTP header)
crawled by the real CLI into SQLite, with the Chinese text checked for mojibake."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from crawler.mirror import mirror_url
from tests.conftest import crawl_from_mirror, mirror_pages

pytestmark = pytest.mark.e2e

HOST = "www.ncac.gov.cn"
SAMPLE_URL = "https://www.ncac.gov.cn/chinacopyright/contents/12227/364630.shtml"
SAMPLE_TITLE = "国家版权局部署开展院线电影版权保护专项工作"
ARTICLE_PATH = re.compile(r"/chinacopyright/contents/\d+/\d+\.s?html$")


def mirror_articles() -> dict[str, bytes]:
    """Live URL -> bytes of every article page in the mirror."""
    return {url: path.read_bytes() for url, path in mirror_pages(HOST, ARTICLE_PATH).items()}


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> dict[str, dict]:
    result, rows, _ = crawl_from_mirror("ncac_zh", tmp_path_factory.mktemp("ncac_zh"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ncac_zh: ok" in result.stdout
    return rows


def test_mirror_pages_are_gbk_with_the_charset_only_in_the_header(mirror_server):
    pages = mirror_articles()
    assert 8 <= len(pages) <= 14
    for url, body in pages.items():
        assert b"charset" not in body.lower(), url
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        assert "版权" in body.decode("gbk"), url
    with urllib.request.urlopen(mirror_url(SAMPLE_URL, mirror_server.url), timeout=10) as response:
        assert response.headers["Content-Type"] == "text/html; charset=GBK"
        assert SAMPLE_TITLE.encode("gbk") in response.read()


def test_every_mirror_article_is_archived(articles):
    pages = mirror_articles()
    assert len(articles) == len(pages)
    assert set(articles) == set(pages)
    sections = {}
    for article in articles.values():
        sections[article["section"]] = sections.get(article["section"], 0) + 1
    assert set(sections) == {"版权要闻", "地方动态"}
    assert len({a["title"] for a in articles.values()}) == len(articles)


def test_sample_article_field_by_field(articles):
    article = articles[SAMPLE_URL]
    assert json.loads(article["breadcrumb"]) == ["首页", "版权要闻"]
    assert article["section"] == "版权要闻"
    assert article["title"] == SAMPLE_TITLE  # decoded as GBK, not mojibake
    assert article["published"] == "2025-05-20"
    assert article["language"] == "zh" and article["site"] == "ncac_zh"
    paragraphs = article["body_text"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("为切实维护电影市场版权秩序，国家版权局近日印发通知，")
    assert paragraphs[-1].endswith("为电影产业繁荣发展营造良好环境。")
    for furniture in (
        "发布时间",
        "来源",
        "字体",
        "分享到",
        "打印本页",
        "相关链接",
        "主办单位",
        "版权所有",
    ):
        assert furniture not in article["body_text"], furniture


def test_chinese_text_is_searchable(articles):
    bodies = [a["body_text"] for a in articles.values()]
    # No mojibake anywhere: Latin-1 look-alikes of GBK bytes would show up as these.
    for article in articles.values():
        assert not re.search(r"[\u00c0-\u00ff]", article["title"] + article["body_text"])
    assert sum("版权" in body for body in bodies) >= 8
    assert sum("知识产权" in body for body in bodies) >= 4
    years = {int(a["published"][:4]) for a in articles.values()}
    assert len(years) >= 5
