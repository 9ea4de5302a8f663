"""Zhejiang Development and Reform Commission (fgw.zj.gov.cn, Hanweb JCMS): its
offline mirror crawled end to end, and every mirror article checked field by field.

Hanweb column pages ship their headlines in a jpage datastore inside
<script type="text/xml"> and draw them with JavaScript; the mirror's column
pages are browser-saved copies holding both.  The profile pins nothing but
the sections.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crawler.mirror_server import bundled_mirrors_dir
from crawler.parsers import parse_article, parse_listing
from crawler.profile import find_bundled_profile
from tests.conftest import REPO, crawl_from_mirror, mirror_pages

pytestmark = pytest.mark.e2e

HOST = "fgw.zj.gov.cn"
ARTICLE_FILE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")
CONTENT = REPO / "tools" / "zj_fgw_articles.json"
COLUMNS = {"tzyx": 1621004, "dtzx": 1599526}
SAMPLE_URL = "https://fgw.zj.gov.cn/art/2020/11/10/art_1599526_58807433.html"
SECTIONS = {"发展改革工作 > 投资管理和项目推进 > 投资运行", "政务公开 > 动态资讯"}
# Page furniture around the body: date line, share bar and tools, footer, hidden links.
NOISE = (
    "发布日期",
    "浏览次数",
    "信息来源",
    "当前位置",
    "分享",
    "打印",
    "关闭",
    "版权所有",
    "版权保护",
    "网站标识码",
    "Produced By",
)


def mirror_articles() -> dict[str, Path]:
    return mirror_pages(HOST, ARTICLE_FILE)


def expected_articles() -> dict[str, dict]:
    """Live URL -> the article as written in tools/zj_fgw_articles.json."""
    sections = json.loads(CONTENT.read_text(encoding="utf-8"))["sections"]
    expected = {}
    for key, articles in sections.items():
        for article in articles:
            year, month, day = (int(part) for part in article["date"][:10].split("-"))
            url = f"https://{HOST}/art/{year}/{month}/{day}/art_{COLUMNS[key]}_{article['id']}.html"
            expected[url] = article
    return expected


def iso(date_time: str) -> str:
    return f"{date_time[:10]}T{date_time[11:]}:00+08:00"


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    return crawl_from_mirror("zj_fgw", tmp_path_factory.mktemp("zj_fgw"))


def test_crawl_archives_every_article_of_the_mirror(crawl):
    result, rows, crawls = crawl
    assert result.returncode == 0, result.stderr[-3000:]
    expected = mirror_articles()
    assert 8 <= len(expected) <= 14
    assert f"zj_fgw: ok - {len(expected)} articles" in result.stdout
    assert len(rows) == len(expected)
    assert set(rows) == set(expected) == set(expected_articles())
    assert {row["section"] for row in rows.values()} == SECTIONS
    assert crawls[0]["status"] == "ok" and crawls[0]["errors"] == 0
    # One static column page per section (jpage's ?uid=...&pageNum=N views are the
    # same file) + robots.txt.
    assert crawls[0]["requests"] == len(expected) + len(COLUMNS) + 1


def test_sample_article_field_by_field(crawl):
    _, rows, _ = crawl
    article = rows[SAMPLE_URL]
    assert json.loads(article["breadcrumb"]) == ["首页", "政务公开", "动态资讯"]
    assert article["section"] == "政务公开 > 动态资讯"
    assert article["title"] == "省发展改革委召开数字经济领域知识产权保护座谈会"
    assert article["published"] == "2020-11-10T17:35:00+08:00"  # PubDate meta, Asia/Shanghai
    assert article["language"] == "zh"
    assert article["site"] == "zj_fgw"
    paragraphs = article["body_text"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0] == (
        "11月9日，省发展改革委在杭州召开数字经济领域知识产权保护座谈会，"
        "听取部分数字经济企业、行业协会和研究机构的意见建议。"
    )
    assert paragraphs[-1] == (
        "会议指出，要把加强知识产权保护作为优化营商环境的重要内容，推动建立数字经济领域"
        "知识产权快速维权机制，支持企业开展海外知识产权布局，为数字经济“一号工程”提供有力支撑。"
    )
    for noise in NOISE:
        assert noise not in article["body_text"], noise
    assert "<script" not in article["body_html"]


def test_county_report_with_three_level_column(crawl):
    _, rows, _ = crawl
    article = rows["https://fgw.zj.gov.cn/art/2019/8/14/art_1621004_37946815.html"]
    assert json.loads(article["breadcrumb"]) == [
        "首页",
        "发展改革工作",
        "投资管理和项目推进",
        "投资运行",
    ]
    assert article["published"] == "2019-08-14T10:26:00+08:00"
    # One paragraph followed by empty <p>&nbsp;</p> lines, as the CMS writes them.
    assert "\n\n" not in article["body_text"]
    assert article["body_text"].endswith("成为拉动产业投资增长的主要力量。（湖州市发改委）")


@pytest.mark.parametrize("url", sorted(expected_articles()))
def test_every_mirror_article_extracts_as_written(url):
    article = expected_articles()[url]
    html = mirror_articles()[url].read_text(encoding="utf-8")
    record = parse_article(html, url, find_bundled_profile("zj_fgw"))
    assert record.title == article["title"]
    assert record.published == iso(article["date"])
    assert record.breadcrumb[0] == "首页" and len(record.breadcrumb) >= 3
    assert record.body_text.split("\n\n") == article["paragraphs"]
    for noise in NOISE:
        assert noise not in record.body_text, noise


def column_page(key: str) -> tuple[str, str]:
    url = f"https://{HOST}/col/col{COLUMNS[key]}/index.html"
    path = bundled_mirrors_dir() / HOST / "col" / f"col{COLUMNS[key]}" / "index.html"
    return url, path.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", sorted(COLUMNS))
def test_column_page_datastore_and_drawn_list_agree(key):
    url, html = column_page(key)
    datastore = html.split('<script type="text/xml">', 1)[1].split("</script>", 1)[0]
    records = re.findall(r'<record><!\[CDATA\[\s*<li><a href="([^"]+)"', datastore)
    links = parse_listing(html, url, find_bundled_profile("zj_fgw"))
    assert [f"https://{HOST}{href}" for href in records] == links.articles
    assert links.pages == []


@pytest.mark.parametrize("key", sorted(COLUMNS))
def test_column_page_as_the_server_sends_it(key):
    """Without the list a browser draws, the links come from the script's datastore."""
    url, html = column_page(key)
    raw = re.sub(r'<div class="default_pgContainer">.*?</div>', "", html, flags=re.S)
    links = parse_listing(raw, url, find_bundled_profile("zj_fgw"))
    assert len(links.articles) == 5
