"""China Manned Space Engineering (www.cmse.gov.cn): its offline mirror crawled end to end.

The listing pages write their page links with document.write(), so the profile
pages each section through a URL template until index_N.html answers 404.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import crawl_from_mirror, mirror_pages

pytestmark = pytest.mark.e2e

HOST = "www.cmse.gov.cn"
ARTICLE_FILE = re.compile(r"/\d{6}/t\d{8}_\d+\.html$")
SAMPLE_URL = "https://www.cmse.gov.cn/xwzx/zhxw/202012/t20201218_47380.html"


def mirror_article_urls() -> set[str]:
    return set(mirror_pages(HOST, ARTICLE_FILE))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    return crawl_from_mirror("cmse", tmp_path_factory.mktemp("cmse"))


def test_crawl_archives_every_article_of_the_mirror(crawl):
    result, rows, crawls = crawl
    assert result.returncode == 0, result.stderr[-3000:]
    expected = mirror_article_urls()
    assert len(expected) >= 8
    assert f"cmse: ok - {len(expected)} articles" in result.stdout
    assert len(rows) == len(expected)
    assert set(rows) == expected
    # Both URL forms of 综合新闻: /xwzx/zhxw/YYYYMM/ (older) and /xwzx/YYYYMM/ (recent).
    assert any(re.search(r"/xwzx/zhxw/\d{6}/", url) for url in rows)
    assert any(re.search(r"/xwzx/\d{6}/", url) for url in rows)
    sections = {row["section"] for row in rows.values()}
    assert sections == {"新闻中心 > 综合新闻", "专题报道 > 新闻发布会"}
    # The 404 that ends a templated listing is not an error of the run.
    assert crawls[0]["status"] == "ok" and crawls[0]["errors"] == 0


def test_sample_article_field_by_field(crawl):
    _, rows, _ = crawl
    article = rows[SAMPLE_URL]
    assert json.loads(article["breadcrumb"]) == ["首页", "新闻中心", "综合新闻"]
    assert article["section"] == "新闻中心 > 综合新闻"
    assert article["title"] == "载人航天工程标识及影像资料版权使用说明发布"
    assert article["published"] == "2020-12-18"  # the page gives a date only
    assert article["language"] == "zh"
    paragraphs = article["body_text"].split("\n\n")
    assert paragraphs[0] == (
        "为规范载人航天工程标识、图片和视频资料的使用，中国载人航天工程办公室近日发布版权使用说明，"
        "对相关素材的使用范围和方式作出明确规定。"
    )
    assert paragraphs[-1] == (
        "涉及商业用途的，使用方应事先与工程办公室联系，依法取得授权。"
        "对未经许可擅自使用工程标识、侵犯版权的行为，工程办公室将依法追究责任。"
    )
    assert len(paragraphs) == 3
    # Page furniture: date line, font and print tools, editor credit, footer.
    for noise in ("发布日期", "字号", "[打印]", "责任编辑", "友情链接", "网站主办"):
        assert noise not in article["body_text"], noise


def test_shown_date_wins_over_the_url_date_and_press_conference_text(crawl):
    _, rows, _ = crawl
    # As on the live site, the page may show a day before the date in its URL.
    news = rows["https://www.cmse.gov.cn/xwzx/zhxw/202106/t20210603_48011.html"]
    assert news["published"] == "2021-06-02"
    assert "测试人员在总装厂房内检查产品状态" in news["body_text"]  # a photo caption line
    press = rows["https://www.cmse.gov.cn/ztbd/xwfbh/201306/t20130610_43410.html"]
    assert json.loads(press["breadcrumb"]) == ["首页", "专题报道", "新闻发布会"]
    assert press["published"] == "2013-06-10"
    assert press["body_text"].endswith("以上是任务的基本情况。下面，我愿意回答大家的提问。")
    assert "2013年6月10日" not in press["body_text"]
    assert "网站编辑" not in press["body_text"]  # the editor credit inside div.TRS_Editor
