"""Search over every mirror site, crawled with `crawl --all --mirror`: Chinese queries
find every article containing them, English queries ignore case and inflection."""

from __future__ import annotations

import asyncio
import re

import pytest

from archive.publish import make_datasette
from archive.store import Archive
from crawler.profile import bundled_profile_paths
from tests.conftest import db_rows

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def all_sites(all_sites_db):
    return all_sites_db


def articles(db):
    return db_rows(db, "SELECT id, title, body_text, site FROM articles")


def search_box(db, query):
    ds = make_datasette(db)

    async def fetch():
        return await ds.client.get(
            f"/archive/articles.json?_search={query}&_shape=objects&_size=max&_col=id"
        )

    response = asyncio.run(fetch())
    assert response.status_code == 200
    return {row["id"] for row in response.json()["rows"]}


@pytest.mark.parametrize("query", ["版权", "知识产权", "保护"])
def test_chinese_query_finds_every_article_containing_it(all_sites, query):
    expected = {a["id"] for a in articles(all_sites) if query in a["title"] + a["body_text"]}
    assert len(expected) >= 2, "the mirrors should hold several articles with this word"
    with Archive(all_sites) as archive:
        assert {hit["id"] for hit in archive.search(query, limit=10_000)} == expected
    assert search_box(all_sites, query) == expected


def test_english_query_ignores_case_and_inflection(all_sites):
    expected = {
        a["id"]
        for a in articles(all_sites)
        if re.search(r"\bcopyright", a["title"] + " " + a["body_text"], re.IGNORECASE)
    }
    assert len(expected) >= 3
    for query in ("copyrights", "Copyright", "COPYRIGHTED"):
        assert search_box(all_sites, query) >= expected, query


def test_every_site_is_archived(all_sites):
    sites = {a["site"] for a in articles(all_sites)}
    assert sites == {path.stem for path in bundled_profile_paths()}
    assert len(sites) >= 10
