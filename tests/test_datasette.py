"""Publishing: Datasette with the project's metadata, through its test client."""

from __future__ import annotations

import asyncio
import json

import pytest

from archive.publish import make_datasette, metadata_for
from tests.conftest import SEED_TITLE, SEED_URL, mirror_section_counts

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
    assert set(data["facet_results"]) == {"site", "section", "year"}
    published = [row["published"] for row in data["rows"]]
    assert published == sorted(published, reverse=True)
    html = get(datasette, "/archive/articles").text
    assert "Canonical URL of the article" in html  # column descriptions are shown
    assert 'action="/archive/articles"' in html and 'name="_search"' in html


def test_article_row_page_shows_breadcrumb_title_date_and_body(datasette, crawled_db):
    rows = get(datasette, f"/archive/articles.json?url={SEED_URL}&_shape=objects").json()["rows"]
    html = get(datasette, f"/archive/articles/{rows[0]['id']}").text
    reader = html[html.index('<article class="newsarchive-article">') : html.index("</article>")]
    assert '<div class="trail">Home &gt; News &gt; Top News</div>' in reader
    assert "<h2>NCAC Established a \u201cNational Copyright Innovation-driven" in reader
    assert '<time datetime="2020-11-25">2020-11-25</time>' in reader
    assert reader.count("<p>") == 3  # the three paragraphs
    assert "<p>Recently, the National Copyright Administration of China (NCAC)" in reader


def test_metadata_follows_the_database_file_name(tmp_path):
    metadata = metadata_for(tmp_path / "news2026.db")
    assert "news2026" in metadata["databases"]
    assert "/news2026/articles" in metadata["description_html"]


def test_no_write_or_download_endpoints(datasette):
    assert get(datasette, "/archive.db").status_code in (403, 404)
    assert get(datasette, "/-/settings.json").json()["allow_download"] is False
