"""Incremental runs over real HTTP: a new article is picked up from the first listing
page alone, and a profile's listing depth makes a run read further pages anyway."""

from __future__ import annotations

import shutil

import pytest

from crawler.mirror_server import MirrorServer, bundled_mirrors_dir
from crawler.profile import bundled_profiles_dir
from tests.conftest import NCAC_HOST, db_rows, run_cli

pytestmark = pytest.mark.e2e

NEW_URL = "https://en.ncac.gov.cn/news/regionalupdates/202411/t20241120_59999.html"


@pytest.fixture
def mirror(tmp_path):
    root = tmp_path / "mirrors"
    shutil.copytree(bundled_mirrors_dir() / NCAC_HOST, root / NCAC_HOST)
    with MirrorServer(root=root) as server:
        yield root / NCAC_HOST, server.url


def crawls(db):
    return db_rows(db, "SELECT * FROM crawls ORDER BY id")


def test_new_article_is_found_on_the_first_listing_page(mirror, tmp_path):
    site, url = mirror
    db = tmp_path / "archive.db"
    assert run_cli("crawl", "ncac_en", "--mirror-url", url, "--db", str(db)).returncode == 0

    # The site publishes a new article: a page, and a link at the top of its section.
    template = next((site / "news" / "regionalupdates").rglob("t*.html")).read_text("utf-8")
    new_page = site / NEW_URL.removeprefix(f"https://{NCAC_HOST}/")
    new_page.parent.mkdir(parents=True)
    new_page.write_text(template.replace("<h1>", "<h1>Newly Published: ", 1), encoding="utf-8")
    listing = site / "news" / "regionalupdates" / "index.html"
    html = listing.read_text("utf-8")
    link = (
        f'<li><a href="{NEW_URL}">Newly Published Regional Update</a><span>2024-11-20</span></li>'
    )
    anchor = '<div class="list">\n  <ul>\n'
    assert anchor in html
    listing.write_text(html.replace(anchor, anchor + link + "\n", 1), encoding="utf-8")

    second = run_cli("crawl", "ncac_en", "--mirror-url", url, "--db", str(db))
    assert second.returncode == 0, second.stderr[-2000:]
    assert "1 articles (1 new, 0 updated, 0 unchanged)" in second.stdout
    # Four first listing pages, robots.txt, the new article, and the section's second
    # listing page (its first page had something new, so the next one is looked at:
    # it lists only known articles, and paging stops there).
    assert crawls(db)[1]["requests"] == 7


def test_listing_depth_reads_further_pages(mirror, tmp_path):
    _, url = mirror
    profile = tmp_path / "ncac_en.toml"
    text = (bundled_profiles_dir() / "ncac_en.toml").read_text("utf-8")
    profile.write_text(text.replace("[[sections]]", "[listing]\ndepth = 2\n\n[[sections]]", 1))
    db = tmp_path / "archive.db"
    assert (
        run_cli("crawl", "--profile", str(profile), "--mirror-url", url, "--db", str(db)).returncode
        == 0
    )
    again = run_cli("crawl", "--profile", str(profile), "--mirror-url", url, "--db", str(db))
    assert again.returncode == 0
    # Two listing pages in each section (three in Top News, whose first page links
    # its pages 2 and 3 at once), and robots.txt; no article is fetched again.
    assert crawls(db)[1]["requests"] == 3 + 2 + 2 + 2 + 1
    assert crawls(db)[1]["articles_new"] == 0
