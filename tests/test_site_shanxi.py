"""Shanxi Provincial People's Government portal (www.shanxi.gov.cn): its offline
mirror crawled end to end, and every mirror article checked field by field.

The TRS channel pages paginate with createPageHTML(pages, current, "index",
"shtml"); the profile pins nothing but the sections.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.mirror_server import bundled_mirrors_dir
from crawler.parsers import parse_article
from crawler.profile import find_bundled_profile
from tests.conftest import REPO, crawl_from_mirror, mirror_pages

pytestmark = pytest.mark.e2e

HOST = "www.shanxi.gov.cn"
ARTICLE_FILE = re.compile(r"/\d{6}/t\d{8}_\d+\.shtml$")
CONTENT = REPO / "tools" / "shanxi_articles.json"
SAMPLE_URL = "https://www.shanxi.gov.cn/ywdt/sxyw/202410/t20241009_9561283.shtml"
SECTIONS = {"要闻动态 > 山西要闻", "要闻动态 > 新闻发布会 > 省政府新闻办新闻发布会"}
# Page furniture around the body: info line, tools, photo caption, QR box, footer.
NOISE = (
    "时间：",
    "来源：",
    "打印",
    "字体",
    "分享",
    "图为",
    "扫一扫在手机打开当前页面",
    "版权所有",
    "山西省人民政府办公厅主办",
    "网站标识码",
    "省发展和改革委员会",
)


def mirror_articles() -> dict[str, Path]:
    return mirror_pages(HOST, ARTICLE_FILE)


def expected_articles() -> dict[str, dict]:
    """Live URL -> the article as written in tools/shanxi_articles.json."""
    sections = json.loads(CONTENT.read_text(encoding="utf-8"))["sections"]
    paths = {"sxyw": "/ywdt/sxyw/", "szfxwbxwfbh": "/ywdt/xwfbh/szfxwbxwfbh/"}
    expected = {}
    for key, articles in sections.items():
        for article in articles:
            ymd = article["date"][:10].replace("-", "")
            url = f"https://{HOST}{paths[key]}{ymd[:6]}/t{ymd}_{article['id']}.shtml"
            expected[url] = article
    return expected


def iso(date_time: str) -> str:
    return f"{date_time[:10]}T{date_time[11:]}:00+08:00"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    return crawl_from_mirror("shanxi", tmp_path_factory.mktemp("shanxi"))


def test_crawl_archives_every_article_of_the_mirror(crawl):
    result, rows, crawls = crawl
    assert result.returncode == 0, result.stderr[-3000:]
    expected = mirror_articles()
    assert 8 <= len(expected) <= 14
    assert f"shanxi: ok - {len(expected)} articles" in result.stdout
    assert len(rows) == len(expected)
    assert set(rows) == set(expected) == set(expected_articles())
    assert {row["section"] for row in rows.values()} == SECTIONS
    assert crawls[0]["status"] == "ok" and crawls[0]["errors"] == 0
    # Two listing pages per section (index.shtml, index_1.shtml), found through
    # createPageHTML(); + robots.txt.
    listing_pages = len(list((bundled_mirrors_dir() / HOST).rglob("index*.shtml")))
    assert listing_pages == 4
    assert crawls[0]["requests"] == len(expected) + listing_pages + 1


def test_sample_article_field_by_field(crawl):
    _, rows, _ = crawl
    article = rows[SAMPLE_URL]
    assert json.loads(article["breadcrumb"]) == ["首页", "要闻动态", "山西要闻"]
    assert article["section"] == "要闻动态 > 山西要闻"
    assert article["title"] == "山西启动知识产权质押融资“入园惠企”专项行动"
    assert article["published"] == "2024-10-09T08:41:00+08:00"  # PubDate meta, Asia/Shanghai
    assert article["language"] == "zh"
    assert article["site"] == "shanxi"
    paragraphs = article["body_text"].split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0] == (
        "10月8日，山西省知识产权质押融资“入园惠企”专项行动在太原启动。行动将在今后一年内"
        "走进全省各类开发区，组织银行、评估机构和担保机构上门对接，帮助科技型中小企业把专利、"
        "商标等无形资产转化为发展所需的资金。"
    )
    assert paragraphs[-1] == (
        "不少参会企业表示，过去“重资产”才能贷款，如今手中的发明专利也能换来真金白银，"
        "企业加大研发投入的底气更足了。（记者 王晓岚）"
    )
    for noise in NOISE:
        assert noise not in article["body_text"], noise
    # The subtitle (<h3>) is not a paragraph of the body.
    assert "首批授信额度超过二十亿元" not in paragraphs
    assert "<script" not in article["body_html"]


def test_press_conference_has_a_four_crumb_trail(crawl):
    _, rows, _ = crawl
    article = rows[
        "https://www.shanxi.gov.cn/ywdt/xwfbh/szfxwbxwfbh/202508/t20250819_9941627.shtml"
    ]
    assert json.loads(article["breadcrumb"]) == [
        "首页",
        "要闻动态",
        "新闻发布会",
        "省政府新闻办新闻发布会",
    ]
    assert article["published"] == "2025-08-19T16:05:00+08:00"
    assert "版权" in article["body_text"] and "知识产权" in article["title"]


@pytest.mark.parametrize("url", sorted(expected_articles()))
def test_every_mirror_article_extracts_as_written(url):
    article = expected_articles()[url]
    html = mirror_articles()[url].read_text(encoding="utf-8")
    record = parse_article(html, url, find_bundled_profile("shanxi"))
    assert record.title == article["title"]
    assert record.published == iso(article["date"])
    assert record.breadcrumb[0] == "首页" and len(record.breadcrumb) >= 3
    assert record.body_text.split("\n\n") == article["paragraphs"]
    for noise in NOISE:
        assert noise not in record.body_text, noise
