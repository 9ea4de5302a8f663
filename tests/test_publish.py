"""The published archive, through Datasette's test client: home page, article pages
with history and withdrawal, raw captures, Atom feeds, canned queries, safety headers."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET

import pytest

from archive.publish import make_datasette
from archive.store import Archive
from crawler.profile import bundled_profile_paths
from tests.conftest import SEED_URL

pytestmark = pytest.mark.e2e
ATOM = "{http://www.w3.org/2005/Atom}"


def get(ds, path, method="GET"):
    async def fetch():
        if method == "POST":
            return await ds.client.post(path, data={})
        return await ds.client.get(path)

    return asyncio.run(fetch())


@pytest.fixture(scope="module")
def site(all_sites_db):
    return make_datasette(all_sites_db)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """An archive where one article changed and another was withdrawn."""
    db = tmp_path_factory.mktemp("history") / "archive.db"
    base = {
        "site": "demo", "breadcrumb": ["Home", "News"], "section": "News",
        "language": "en", "published": "2024-01-02",
    }  # fmt: skip
    with Archive(db) as archive:
        archive.save_article(
            {**base, "url": "https://x.gov/a", "title": "Budget Plan",
             "body_text": "The plan adds ten schools.\n\nIt costs five million.",
             "body_html": "<p>The plan adds ten schools.</p><p>It costs five million.</p>"},
            seen_at="2024-01-02T08:00:00+00:00",
        )  # fmt: skip
        archive.save_article(
            {**base, "url": "https://x.gov/a", "title": "Budget Plan, Corrected",
             "body_text": "The plan adds twelve schools.\n\nIt costs five million.",
             "body_html": "<p>The plan adds twelve schools.</p><p>It costs five million.</p>"},
            seen_at="2024-01-03T08:00:00+00:00",
        )  # fmt: skip
        archive.save_article(
            {**base, "url": "https://x.gov/b", "title": "Old Notice", "body_text": "Text.",
             "body_html": "<p>Text.</p>"},
            seen_at="2024-01-02T09:00:00+00:00",
        )  # fmt: skip
        archive.record_missing("https://x.gov/b", "HTTP 404", 2, "2024-01-04T00:00:00+00:00")
        archive.record_missing("https://x.gov/b", "HTTP 404", 2, "2024-01-05T00:00:00+00:00")
    return make_datasette(db)


def test_home_page_lists_every_site_with_newest_article_and_last_crawl(site):
    html = get(site, "/").text
    for path in bundled_profile_paths():
        assert f'data-site="{path.stem}"' in html
    assert html.count('class="newsarchive-status-ok"') == len(bundled_profile_paths())
    assert 'action="/archive/search"' in html
    assert html.count('<li><a href="/archive/articles/') == 20  # the newest articles
    assert 'href="/-/feeds/archive/new.atom"' in html


def test_raw_captured_page_is_plain_text_and_sandboxed(site):
    rows = get(site, f"/archive/articles.json?url={SEED_URL}&_shape=objects").json()["rows"]
    response = get(site, f"/-/raw/archive/{rows[0]['id']}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["content-security-policy"] == "sandbox"
    assert "HTTP/1.1 200 OK" in response.text and f"WARC-Target-URI: {SEED_URL}" in response.text
    assert "Pudong New Area" in response.text
    assert get(site, "/-/raw/archive/999999").status_code == 404


def test_feeds_are_atom_for_all_per_site_and_per_section(site):
    whole = ET.fromstring(get(site, "/-/feeds/archive/new.atom").content)
    assert whole.tag == f"{ATOM}feed"
    assert len(whole.findall(f"{ATOM}entry")) == 50
    per_site = ET.fromstring(get(site, "/-/feeds/archive/new.atom?site=ncac_en").content)
    entries = per_site.findall(f"{ATOM}entry")
    assert len(entries) == 33
    assert {e.find(f"{ATOM}category").get("term") for e in entries} == {"ncac_en"}
    response = get(site, "/-/feeds/archive/new.atom?site=ncac_en&section=News > Top News")
    assert response.headers["content-type"].startswith("application/atom+xml")
    section = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(section) == 12
    titles = [e.find(f"{ATOM}title").text for e in section]
    assert any("Pudong" in title for title in titles)
    assert get(site, "/-/feeds/archive/nonsense.atom").status_code == 404


def test_article_page_shows_version_history_with_a_diff(history):
    html = get(history, "/archive/articles/1").text
    assert "Version history" in html
    assert "Changed between 2024-01-02T08:00:00+00:00 and 2024-01-03T08:00:00+00:00" in html
    assert '<div class="del">- title: Budget Plan</div>' in html
    assert '<div class="add">+ title: Budget Plan, Corrected</div>' in html
    assert '<div class="del">- The plan adds ten schools.</div>' in html
    assert '<div class="add">+ The plan adds twelve schools.</div>' in html
    assert '<div class="same">  It costs five million.</div>' in html


def test_withdrawn_article_carries_a_notice(history):
    html = get(history, "/archive/articles/2").text
    assert 'class="newsarchive-withdrawn"' in html
    assert "not been there since 2024-01-05T00:00:00+00:00" in html


def test_change_and_withdrawal_feeds_and_canned_queries(history):
    changed = ET.fromstring(get(history, "/-/feeds/archive/changed.atom").content)
    (entry,) = changed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Changed: Budget Plan, Corrected"
    withdrawn = ET.fromstring(get(history, "/-/feeds/archive/withdrawn.atom").content)
    (entry,) = withdrawn.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Withdrawn: Old Notice"
    rows = get(history, "/archive/recently_changed.json?_shape=objects").json()["rows"]
    assert [row["title"] for row in rows] == ["Budget Plan, Corrected"]
    rows = get(history, "/archive/recently_withdrawn.json?_shape=objects").json()["rows"]
    assert [row["title"] for row in rows] == ["Old Notice"]
    rows = get(history, "/archive/articles_per_month.json?_shape=objects").json()["rows"]
    assert rows == [{"month": "2024-01", "site": "demo", "articles": 2}]


def test_pages_forbid_remote_content_and_the_instance_is_read_only(site):
    response = get(site, "/archive/articles")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "img-src 'self' data:" in policy
    assert "frame-src 'none'" in policy and "object-src 'none'" in policy
    assert get(site, "/archive/articles", method="POST").status_code == 405
    assert get(site, "/archive.db").status_code in (403, 404)
    settings = get(site, "/-/settings.json").json()
    assert settings["sql_time_limit_ms"] == 2000 and settings["allow_download"] is False
