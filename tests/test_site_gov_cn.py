"""www.gov.cn: the offline mirror crawled by the real CLI into SQLite, and two
sample records checked field by field (a State Council Gazette document in the
markup of the saved gazette page, and a 要闻 news article)."""

from __future__ import annotations

import json
import re

import pytest

from crawler.profile import find_bundled_profile
from tests.conftest import crawl_from_mirror, mirror_pages

pytestmark = pytest.mark.e2e

HOST = "www.gov.cn"
GAZETTE_URL = "https://www.gov.cn/gongbao/content/2021/content_5610946.htm"
NEWS_URL = "https://www.gov.cn/yaowen/liebiao/202404/content_6944518.htm"


def mirror_articles() -> dict[str, str]:
    """Live URL -> text of every article page in the mirror, found by the profile's URL form."""
    pattern = find_bundled_profile("gov_cn").listing.article_url_pattern
    return {url: path.read_text("utf-8") for url, path in mirror_pages(HOST, pattern).items()}


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> dict[str, dict]:
    result, rows, _ = crawl_from_mirror("gov_cn", tmp_path_factory.mktemp("gov_cn"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "gov_cn: ok" in result.stdout
    return rows


def test_every_mirror_article_is_archived(articles):
    pages = mirror_articles()
    assert 8 <= len(pages) <= 14
    assert len(articles) == len(pages)
    assert set(articles) == set(pages)
    sections = {a["section"].split(" > ")[0] for a in articles.values()}
    assert sections == {"要闻", "国务院公报"}
    assert len({a["title"] for a in articles.values()}) == len(articles)


def test_gazette_document_field_by_field(articles):
    doc = articles[GAZETTE_URL]
    assert json.loads(doc["breadcrumb"]) == ["首页", "国务院公报", "2021年第9号"]
    assert doc["section"] == "国务院公报 > 2021年第9号"
    assert doc["title"] == "国务院办公厅关于做好春季农村道路交通安全工作的通知"
    # firstpublishedtime "2021-03-30-23:59:59", in the profile's time zone.
    assert doc["published"] == "2021-03-30T23:59:59+08:00"
    assert doc["language"] == "zh" and doc["site"] == "gov_cn"
    paragraphs = doc["body_text"].split("\n\n")
    assert paragraphs[0] == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    assert paragraphs[-2] == "国务院办公厅"
    assert paragraphs[-1] == "2021年3月22日"
    for furniture in (
        "字号",
        "打印",
        "扫一扫",
        "相关稿件",
        "主办单位",
        "版权所有",
        "国办发〔2021〕11号",
    ):
        assert furniture not in doc["body_text"], furniture
    # The headline is the body's first centred paragraph on the page, not a body line.
    assert "交通安全工作的通知" not in doc["body_text"]


def test_news_article_field_by_field(articles):
    news = articles[NEWS_URL]
    assert json.loads(news["breadcrumb"]) == ["首页", "要闻"]
    assert news["section"] == "要闻"
    assert news["title"] == "各地加快推进城镇老旧小区改造项目开工"
    assert news["published"] == "2024-04-09T20:31:12+08:00"
    assert news["language"] == "zh"
    paragraphs = news["body_text"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("进入四月，各地城镇老旧小区改造项目陆续开工。")
    assert paragraphs[-1].endswith("确保改造工程经得起检验。")
    for furniture in ("来源", "字号", "责任编辑", "我要纠错", "扫一扫", "相关稿件", "版权所有"):
        assert furniture not in news["body_text"], furniture


def test_every_article_has_breadcrumb_title_date_and_body(articles):
    pages = mirror_articles()
    for url, article in articles.items():
        assert article["title"] and article["title"] in pages[url], url
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00", article["published"]), (
            url
        )
        assert json.loads(article["breadcrumb"])[0] == "首页", url
        assert "主办单位" not in article["body_text"], url
    years = {int(a["published"][:4]) for a in articles.values()}
    assert len(years) >= 5
