"""Profiles as data, end to end: a profile file outside the package, with no
selectors at all, crawls the NCAC mirror into the same records as the shipped
profile; URL-template pagination and per-section rules work through the spider."""

from __future__ import annotations

import json
import textwrap

import pytest

from tests.conftest import articles_by_url, mirror_article_files, run_cli

pytestmark = pytest.mark.e2e

NO_SELECTORS = """
name = "ncac_generic"
title = "NCAC English, no selectors"
language = "en"
base_url = "https://en.ncac.gov.cn"

[[sections]]
label = "Top News"
url = "https://en.ncac.gov.cn/copyright/channels/10361.shtml"

[[sections]]
label = "International Cooperation"
url = "https://en.ncac.gov.cn/news/internationalcooperation/index.html"

[[sections]]
label = "Regional Updates"
url = "https://en.ncac.gov.cn/news/regionalupdates/index.html"

[[sections]]
label = "Overview"
url = "https://en.ncac.gov.cn/aboutus/overviewofncacwork/index.html"
"""


def crawl(tmp_path, *args):
    result = run_cli("crawl", *args, "--mirror", "--log-level", "WARNING")
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_profile_without_selectors_archives_what_the_shipped_profile_does(tmp_path, crawled_db):
    profile = tmp_path / "ncac_generic.toml"
    profile.write_text(NO_SELECTORS, encoding="utf-8")
    db = tmp_path / "generic.db"
    crawl(tmp_path, "--profile", str(profile), "--db", str(db))
    generic, pinned = articles_by_url(db), articles_by_url(crawled_db)
    assert set(generic) == set(pinned) == set(mirror_article_files())
    for url, row in generic.items():
        expected = pinned[url]
        assert row["site"] == "ncac_generic"
        for field in ("title", "breadcrumb", "section", "body_text", "language"):
            assert row[field] == expected[field], (url, field)
        # The pinned date line gives the day; the generic reading may add PubDate's time.
        assert row["published"][:10] == expected["published"][:10], url


def test_url_template_pagination_and_per_section_rules(tmp_path):
    profile = tmp_path / "templated.toml"
    profile.write_text(
        textwrap.dedent(
            """
            name = "ncac_templated"
            title = "NCAC, one section paged by template"
            language = "en"
            base_url = "https://en.ncac.gov.cn"
            timezone = "Asia/Shanghai"

            [article]
            date = "div.article div.info"
            date_format = "%Y-%m-%d"

            [[sections]]
            label = "International Cooperation"
            url = "https://en.ncac.gov.cn/news/internationalcooperation/index.html"

            [sections.listing]
            article_links = "div.list li a"
            page_url_template = "https://en.ncac.gov.cn/news/internationalcooperation/index_{n}.html"
            page_start = 1

            [sections.article]
            title = "div.article h1"
            """
        ),
        encoding="utf-8",
    )
    db = tmp_path / "templated.db"
    result = crawl(tmp_path, "--profile", str(profile), "--db", str(db))
    archived = articles_by_url(db)
    expected = {u for u in mirror_article_files() if "/internationalcooperation/" in u}
    assert set(archived) == expected
    dated = [row for row in archived.values() if row["published"] and len(row["published"]) == 10]
    assert dated, "the pinned date line with its format gives plain dates"
    assert "ncac_templated: ok" in result.stdout


def test_sites_json_lists_sections(tmp_path):
    result = run_cli("sites", "--json")
    sites = {site["name"]: site for site in json.loads(result.stdout)}
    assert [s["label"] for s in sites["ncac_en"]["sections"]][0] == "News > Top News"
