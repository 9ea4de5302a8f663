"""obamawhitehouse.archives.gov: the offline mirror crawled by the real CLI into SQLite.

Every article page of the mirror (Weekly Address pages in both of the
archive's layouts, and blog posts) is archived; a blog post is checked field
by field, and the Weekly Address pages keep their transcripts.
"""

from __future__ import annotations

import json
import re

import pytest

from crawler.mirror_server import bundled_mirrors_dir
from tests.conftest import crawl_mirror
from tests.conftest import db_rows as rows

pytestmark = pytest.mark.e2e

SITE = "whitehouse_archive"
HOST = "obamawhitehouse.archives.gov"
ARTICLE_PATH = re.compile(r"^/(?:the-press-office|blog)/\d{4}/\d{2}/\d{2}/[^/]+$")
SAMPLE_URL = (
    "https://obamawhitehouse.archives.gov/blog/2012/09/14/"
    "five-things-know-about-protecting-creative-work-online"
)
TWO_PANE_URL = (
    "https://obamawhitehouse.archives.gov/the-press-office/2015/07/04/"
    "weekly-address-celebrating-independence-day-together"
)
ONE_PANE_URL = (
    "https://obamawhitehouse.archives.gov/the-press-office/2016/10/22/"
    "weekly-address-protecting-work-americas-inventors-and-artists"
)


def mirror_articles() -> dict[str, object]:
    """Live URL -> file of every article page (written as <path>/index.html) in the mirror."""
    root = bundled_mirrors_dir() / HOST
    pages = {}
    for path in sorted(root.rglob("index.html")):
        live_path = "/" + path.parent.relative_to(root).as_posix()
        if ARTICLE_PATH.match(live_path):
            pages[f"https://{HOST}{live_path}"] = path
    return pages


def article(db, url):
    (found,) = rows(db, "SELECT * FROM articles WHERE url = ?", url)
    return found


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp(SITE) / "a.db"
    return crawl_mirror(SITE, db), db


def test_crawl_archives_every_article_page_of_the_mirror(crawled):
    result, db = crawled
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{SITE}: ok" in result.stdout
    pages = mirror_articles()
    assert 8 <= len(pages) <= 14
    articles = rows(db)
    assert len(articles) == len(pages)
    assert sorted(a["url"] for a in articles) == sorted(pages)
    assert {a["section"] for a in articles} == {"Briefing Room > Weekly Address", "Blog"}
    (crawl,) = rows(db, "SELECT * FROM crawls")
    assert crawl["status"] == "ok" and crawl["errors"] == 0
    # Both sections have a second listing page (robots.txt is the last request).
    assert crawl["requests"] == len(articles) + 4 + 1


def test_sample_blog_post_field_by_field(crawled):
    _, db = crawled
    post = article(db, SAMPLE_URL)
    assert json.loads(post["breadcrumb"]) == ["Home", "Blog"]
    assert post["section"] == "Blog"
    assert post["title"] == "Five Things to Know About Protecting Creative Work Online"
    # meta article:published_time; the byline reads "September 14, 2012 at 3:42 PM ET".
    assert post["published"] == "2012-09-14T15:42:10-04:00"
    assert post["language"] == "en"
    paragraphs = post["body_text"].split("\n\n")
    assert paragraphs[0] == (
        "Copyright questions come up every time you post a photo, share a song or upload a"
        " video, so we put together five things every creator and fan should know."
    )
    assert paragraphs[-1] == (
        "And fifth, if you find your own work copied without permission, most websites have a"
        " simple process for asking them to take it down. Protecting creative work online starts"
        " with knowing your rights."
    )
    assert len(paragraphs) == 5
    for furniture in (
        "Summary:",  # the dek above the body
        "Copyright questions come up every time you share",  # the dek's own wording
        "Elena Brooks",  # byline and author teaser
        "Former Intellectual Property Enforcement Fellow",
        "Twitter",
        "Facebook",
        "Find out how public data sets",  # a promotional tout
        "Copyright Information",  # footer
        "Jump to main content",
        "archived website",  # the header's slogan
    ):
        assert furniture not in post["body_text"], furniture


def test_weekly_addresses_keep_intro_and_transcript_in_both_layouts(crawled):
    _, db = crawled
    two_pane = article(db, TWO_PANE_URL)
    assert json.loads(two_pane["breadcrumb"]) == ["Home", "Briefing Room", "Weekly Address"]
    assert two_pane["section"] == "Briefing Room > Weekly Address"
    assert two_pane["title"] == "Weekly Address: Celebrating Independence Day Together"
    assert two_pane["published"] == "2015-07-04T06:00:00-04:00"
    body = two_pane["body_text"]
    assert body.startswith("In this week’s address, the President wished everyone a happy Fourth")
    # The transcript is a second Drupal pane after the video and the MP4/MP3 links.
    assert body.endswith("Happy Fourth of July, everybody.")
    one_pane = article(db, ONE_PANE_URL)
    # The release date (October 21) is a day before the date in the URL (the day it aired).
    assert one_pane["published"] == "2016-10-21T17:00:02-04:00"
    assert one_pane["body_text"].startswith("In this week’s address, the President spoke about")
    assert one_pane["body_text"].endswith("Thanks, everybody, and have a great weekend.")
    for page in (two_pane, one_pane):
        for furniture in ("For Immediate Release", "MP4", "MP3", "Share This"):
            assert furniture not in page["body_text"], furniture
        assert "Office of the Press Secretary" not in page["body_text"]
        assert "Embedded video" not in page["body_text"]
