"""The Inner Mongolia government portal (www.nmg.gov.cn): its offline mirror crawled end to end.

The article pages repeat headline and body in a hidden elder-friendly version and
the body once more as hidden plain text; the archive must hold the article once.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import crawl_from_mirror, mirror_pages

pytestmark = pytest.mark.e2e

HOST = "www.nmg.gov.cn"
ARTICLE_FILE = re.compile(r"/\d{6}/t\d{8}_\d+\.html$")
SAMPLE_URL = "https://www.nmg.gov.cn/zwyw/jrgz/202309/t20230907_2341877.html"


def mirror_article_urls() -> set[str]:
    return set(mirror_pages(HOST, ARTICLE_FILE))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    result, rows, _ = crawl_from_mirror("nmg", tmp_path_factory.mktemp("nmg"))
    return result, rows


def test_crawl_archives_every_article_of_the_mirror(crawl):
    result, rows = crawl
    assert result.returncode == 0, result.stderr[-3000:]
    expected = mirror_article_urls()
    assert len(expected) >= 8
    assert f"nmg: ok - {len(expected)} articles" in result.stdout
    assert len(rows) == len(expected)
    assert set(rows) == expected
    sections = {row["section"] for row in rows.values()}
    assert sections == {"要闻动态 > 今日关注", "要闻动态 > 通知公告"}


def test_sample_article_field_by_field(crawl):
    _, rows = crawl
    article = rows[SAMPLE_URL]
    assert json.loads(article["breadcrumb"]) == ["首页", "要闻动态", "今日关注"]
    assert article["section"] == "要闻动态 > 今日关注"
    assert article["title"] == "自治区强化地理标志知识产权保护 助力特色农畜产品打响品牌"
    assert article["published"] == "2023-09-07T09:30:12+08:00"  # meta PubDate, with a time
    assert article["language"] == "zh"
    paragraphs = article["body_text"].split("\n\n")
    assert paragraphs[0] == (
        "为推动特色农畜产品提质增效，自治区市场监督管理局近日印发工作方案，围绕地理标志的培育、"
        "运用、保护和管理作出系统安排，进一步发挥知识产权在乡村振兴中的支撑作用。"
    )
    assert paragraphs[-1] == (
        "有关负责人介绍，地理标志既是质量的标签，也是地区的名片。通过加强知识产权保护，"
        "能够让优质产品卖出好价钱，带动更多农牧民增收致富。"
    )
    # The elder-friendly copy and the hidden plain-text copy are not archived again.
    assert len(paragraphs) == 4
    assert article["body_text"].count("地理标志既是质量的标签") == 1
    # Page furniture: date line, share bar, font tools, print bar, source line, footer.
    for noise in ("发布日期", "分享到", "字体", "打印", "收藏", "信息来源", "网站声明", "内容保障"):
        assert noise not in article["body_text"], noise


def test_two_line_headline_and_signed_notice(crawl):
    _, rows = crawl
    # The headline's second line sits in a nested <div>; ArticleTitle joins both lines.
    two_lines = rows["https://www.nmg.gov.cn/zwyw/jrgz/202202/t20220216_2007315.html"]
    assert two_lines["title"] == "内蒙古多措并举保障春季农牧业生产全区备耕物资储备总体充足"
    # A notice keeps its signature and date, which end the text.
    notice = rows["https://www.nmg.gov.cn/zwyw/tzgg/202403/t20240305_2498816.html"]
    assert notice["body_text"].endswith("内蒙古自治区政务服务与数据管理局\n\n2024年3月5日")
    assert notice["published"] == "2024-03-05T17:30:08+08:00"
