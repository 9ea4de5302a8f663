"""Publishing: Datasette with the project's metadata, through its test client."""

from __future__ import annotations

import asyncio
import json

import pytest

from archive.publish import make_datasette, metadata_for
from tests.conftest import SEED_TITLE, SEED_URL, db_rows, mirror_section_counts

pytestmark = pytest.mark.e2e


def get(ds, path):
    async def fetch():
        return await ds.client.get(path)

    return asyncio.run(fetch())


@pytest.fixture(scope="module")
def datasette(crawled_db):
    return make_datasette(crawled_db)


def test_search_pudong_returns_the_seed_article(datasette):
    response = get(datasette, "/archive/articles.json?_search=Pudong&_shape=objects")
    assert response.status_code == 200
    rows = response.json()["rows"]
    assert [row["url"] for row in rows] == [SEED_URL]
    assert rows[0]["title"] == SEED_TITLE
    assert json.loads(rows[0]["breadcrumb"]) == ["Home", "News", "Top News"]


def test_section_facet_counts_match_the_mirror(datasette):
    response = get(datasette, "/archive/articles.json?_facet=section&_size=0")
    facet = response.json()["facet_results"]["section"]["results"]
    assert {item["value"]: item["count"] for item in facet} == mirror_section_counts()


def test_metadata_facets_sort_and_descriptions(datasette):
    data = get(datasette, "/archive/articles.json?_size=100&_shape=objects").json()
    assert set(data["facet_results"]) == {"site", "section", "year", "language"}
    published = [row["published"] for row in data["rows"]]
    assert published == sorted(published, reverse=True)
    html = get(datasette, "/archive/articles").text
    assert "Canonical URL of the article" in html  # column descriptions are shown
    assert 'action="/archive/articles"' in html and 'name="_search"' in html


def test_article_row_page_shows_breadcrumb_title_date_and_body(datasette, crawled_db):
    import re

    rows = get(datasette, f"/archive/articles.json?url={SEED_URL}&_shape=objects").json()["rows"]
    article_id = rows[0]["id"]
    html = get(datasette, f"/archive/articles/{article_id}").text
    reader = html[html.index('<article class="newsarchive-article">') : html.index("</article>")]
    trail = re.findall(r'<a href="([^"]+)">([^<]+)</a>', reader.split("</nav>")[0])
    assert [label for _, label in trail] == ["Home", "News", "Top News"]
    assert trail[0][0] == "/archive/articles?site=ncac_en"
    assert trail[2][0] == "/archive/articles?site=ncac_en&amp;section__startswith=News+%3E+Top+News"
    assert "<h2>NCAC Established a \u201cNational Copyright Innovation-driven" in reader
    assert '<time datetime="2020-11-25">2020-11-25</time>' in reader
    body = reader[reader.index('<div class="body">') :]
    assert body.count("<p>") == 3  # the three paragraphs, as sanitised HTML
    assert "<p>Recently, the National Copyright Administration of China (NCAC)" in body
    assert f'href="/-/raw/archive/{article_id}"' in reader
    assert "withdrawn" not in reader and "Version history" not in reader


def test_metadata_follows_the_database_file_name(tmp_path):
    metadata = metadata_for(tmp_path / "news2026.db")
    assert "news2026" in metadata["databases"]
    assert "/news2026/articles" in metadata["description_html"]
    articles = metadata["databases"]["news2026"]["tables"]["articles"]
    assert 'action="/news2026/search"' in articles["description_html"]


def test_articles_page_offers_the_ranked_search(datasette):
    html = get(datasette, "/archive/articles").text
    assert 'action="/archive/search"' in html and 'name="q"' in html


def test_no_write_or_download_endpoints(datasette):
    assert get(datasette, "/archive.db").status_code in (403, 404)
    assert get(datasette, "/-/settings.json").json()["allow_download"] is False


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory):
    from archive.store import Archive

    db = tmp_path_factory.mktemp("bilingual") / "archive.db"
    articles = [
        ("https://x.cn/1", "国家版权局部署打击网络侵权", "加强版权保护。版权登记数量增长。"),
        ("https://x.cn/2", "知识产权强国建设纲要", "推进知识产权保护，版权工作。"),
        ("https://x.cn/3", "春季植树活动", "各地开展植树。"),
        ("https://x.cn/4", "Copyrights registered", "The copyright office registered more works."),
        ("https://x.cn/5", "Spring weather", "Sunny days ahead."),
    ]
    with Archive(db) as archive:
        for url, title, body in articles:
            archive.save_article(
                {"url": url, "site": "demo", "title": title, "body_text": body,
                 "breadcrumb": ["首页"], "section": "", "language": "zh"}
            )  # fmt: skip
    return make_datasette(db)


def search_urls(ds, term):
    response = get(ds, f"/archive/articles.json?_search={term}&_shape=objects&_size=50")
    assert response.status_code == 200, response.text
    return sorted(row["url"] for row in response.json()["rows"])


def test_search_box_finds_chinese_words_inside_sentences(bilingual):
    assert search_urls(bilingual, "版权") == ["https://x.cn/1", "https://x.cn/2"]
    assert search_urls(bilingual, "知识产权") == ["https://x.cn/2"]
    assert search_urls(bilingual, "植树") == ["https://x.cn/3"]
    assert search_urls(bilingual, "网络侵权") == ["https://x.cn/1"]


def test_search_box_english_ignores_case_and_inflection(bilingual):
    assert search_urls(bilingual, "copyrights") == ["https://x.cn/4"]
    assert search_urls(bilingual, "COPYRIGHT") == ["https://x.cn/4"]
    assert search_urls(bilingual, "registering") == ["https://x.cn/4"]


def search_plugin():
    from datasette.plugins import pm

    return pm.get_plugin("newsarchive_search.py")


def test_search_box_lists_newest_archived_first_with_count_and_facets(bilingual):
    data = get(bilingual, "/archive/articles.json?_search=版权&_col=url").json()
    assert [row[1] for row in data["rows"]] == ["https://x.cn/2", "https://x.cn/1"]
    assert data["filtered_table_rows_count"] == 2
    assert data["facet_results"]["site"]["results"][0]["count"] == 2
    html = get(bilingual, "/archive/articles?_search=版权").text
    assert "2 rows" in html and 'name="_search" value="版权"' in html
    # Any other order still works, and a search without matches is empty.
    data = get(bilingual, "/archive/articles.json?_search=版权&_sort=id&_col=url").json()
    assert [row[1] for row in data["rows"]] == ["https://x.cn/1", "https://x.cn/2"]
    assert get(bilingual, "/archive/articles.json?_search=nothing").json()["rows"] == []
    data = get(bilingual, "/archive/articles.json?_search_title=版权&_col=url").json()
    assert [row[1] for row in data["rows"]] == ["https://x.cn/1"]


@pytest.mark.parametrize("order", ["", "&_sort=published", "&_sort_desc=published", "&site=demo"])
def test_large_search_is_not_counted_but_pages_reach_every_match(bilingual, monkeypatch, order):
    monkeypatch.setattr(search_plugin(), "SMALL_SEARCH", 1)
    path = f"/archive/articles.json?_search=版权&_size=1&_col=url{order}"
    urls = []
    while path:
        data = get(bilingual, path).json()
        assert data["filtered_table_rows_count"] is None and data["facet_results"] == {}
        urls += [row[1] for row in data["rows"]]
        path = data["next_url"] and "/" + data["next_url"].split("/", 3)[3]
    assert sorted(urls) == ["https://x.cn/1", "https://x.cn/2"]
    if not order:
        assert urls == ["https://x.cn/2", "https://x.cn/1"]  # newest archived first
    html = get(bilingual, f"/archive/articles?_search=版权{order}").text
    assert "more than 1 article" in html
    # A new search from this page's search box decides its own count and facets.
    form = html.split('<form class="filters"')[1].split("</form>")[0]
    assert 'name="_search"' in form and "_nocount" not in form and "_nofacet" not in form


def test_search_canned_query_ranks_and_shows_snippets(bilingual):
    response = get(bilingual, "/archive/search.json?q=版权&_shape=objects")
    rows = response.json()["rows"]
    # The article that says 版权 three times (title and body) ranks first.
    assert [row["url"] for row in rows] == ["https://x.cn/1", "https://x.cn/2"]
    assert "加强[版权]保护" in rows[0]["snippet"]  # the match marked, Chinese unspaced
    html = get(bilingual, "/archive").text
    assert "Search articles" in html


def test_year_facet_counts_years_and_selects_one(datasette, crawled_db):
    """The year facet (plugin newsarchive_facets) counts from the published dates."""
    expected = {
        row["year"]: row["n"]
        for row in db_rows(crawled_db, "SELECT year, count(*) AS n FROM articles GROUP BY year")
        if row["year"] is not None
    }
    facet = get(datasette, "/archive/articles.json?_size=0").json()["facet_results"]["year"]
    assert {item["value"]: item["count"] for item in facet["results"]} == expected
    year, count = max(expected.items(), key=lambda item: item[1])
    data = get(datasette, f"/archive/articles.json?year={year}&_size=0").json()
    assert data["filtered_table_rows_count"] == count
    (chosen,) = [item for item in data["facet_results"]["year"]["results"] if item["selected"]]
    assert chosen["value"] == year and f"year={year}" not in chosen["toggle_url"]
