"""Generic extraction on the real government pages in ../shared/realpages/gov/.

No profile, no selectors: every article page is parsed with a generic
profile and compared with tests/realpages/gov_expected.json, an answer key
read off the pages by a person (breadcrumb, headline, date, first and last
sentence of the body, nearby text that is not body), and with the values the
source projects published in the page set's GROUND_TRUTH.json.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest

from crawler.parsers import NotAnArticle, parse_article
from crawler.parsers.charset import decode_html
from crawler.parsers.text import clean_text
from crawler.profile import generic_profile
from tests.conftest import SHARED, shared_path

# Where the body starts and ends is partly a matter of judgement (a dateline, a
# speaker's name, a section numeral); the first and last sentence may sit this
# far inside the extracted body: 150 characters or a tenth of the body.
EDGE_TOLERANCE_CHARS = 150
EDGE_TOLERANCE_SHARE = 0.1
# Bodies the extractor still gets wrong, each with what goes wrong.  strict=True:
# the day one of them passes, the test says so and the mark must go.
KNOWN_BODY_FAILURES = {
    "obamawhitehouse.archives.gov/press-office-2015-04-11-weekly-address.html": (
        "the transcript sits in a second Drupal pane after the video; only the intro is taken"
    ),
    "www.bundespolizei.de/meldungen-2021-10-belarus.html": (
        "trafilatura drops the closing list of linked press releases"
    ),
    "www.icc.illinois.gov/meeting-detail.html": (
        "a meeting page, not news: trafilatura takes the navigation menu as the body"
    ),
    "www.umweltbundesamt.de/eu-taxonomie-atomkraft.html": (
        "the lead is in div.article-content, the text in the next sibling; only the lead is taken"
    ),
}

# Of those, the pages whose published ground truth covers the missing text.
GROUND_TRUTH_AFFECTED = {"www.umweltbundesamt.de/eu-taxonomie-atomkraft.html"}

KEY = json.loads(
    (Path(__file__).parent / "realpages" / "gov_expected.json").read_text(encoding="utf-8")
)
PAGES = sorted(name for name in KEY if not name.startswith("_"))


@cache
def record(name: str):
    root = shared_path("realpages", "gov")
    url = KEY[name]["url"] or f"https://{name.split('/')[0]}/{name.split('/')[1]}"
    decoded = decode_html((root / name).read_bytes())
    try:
        return parse_article(decoded.text, url, generic_profile(url))
    except NotAnArticle as exc:
        if name not in KNOWN_BODY_FAILURES:
            pytest.fail(f"{name}: {exc}")
        # A known body failure: the other fields are still checked.
        return SimpleNamespace(**exc.partial)


def flat(text: str) -> str:
    """Whitespace collapsed and soft hyphens removed, as a reader compares text."""
    return clean_text(text.replace("\u00ad", ""))


@cache
def ground_truth() -> dict:
    path = SHARED / "realpages" / "gov" / "GROUND_TRUTH.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def test_every_article_page_of_the_page_set_has_an_answer():
    sources = shared_path("realpages", "gov", "SOURCES.tsv")
    with sources.open(encoding="utf-8") as handle:
        articles = {
            row["file"]
            for row in csv.DictReader(handle, delimiter="\t")
            if (row["kind"] == "article")
        }
    assert articles == set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_breadcrumb(name):
    expected = KEY[name]["breadcrumb"]
    found = record(name)
    if expected is None:
        assert found.breadcrumb == [] or found.methods["breadcrumb"] == "meta ColumnName"
    else:
        assert [flat(label) for label in found.breadcrumb] == expected, found.methods


@pytest.mark.parametrize("name", PAGES)
def test_title(name):
    assert flat(record(name).title) == KEY[name]["title"], record(name).methods["title"]


@pytest.mark.parametrize("name", PAGES)
def test_published(name):
    expected = KEY[name]["published"]
    found = record(name).published
    if expected is None:
        return  # no publication date on the page: whatever was found is not checked
    assert found is not None and found[: len(expected)] == expected, record(name).methods


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_BODY_FAILURES[name], strict=True))
        if name in KNOWN_BODY_FAILURES
        else name
        for name in PAGES
    ],
)
def test_body_starts_and_ends_where_a_reader_sees_it(name):
    body = flat(record(name).body_text)
    first, last = flat(KEY[name]["body_first"]), flat(KEY[name]["body_last"])
    tolerance = max(EDGE_TOLERANCE_CHARS, EDGE_TOLERANCE_SHARE * len(body))
    start = body.find(first)
    assert 0 <= start <= tolerance, f"first sentence not at the start: {body[:300]!r}"
    end = body.rfind(last)
    assert end >= 0 and len(body) - (end + len(last)) <= tolerance, (
        f"last sentence not at the end: {body[-300:]!r}"
    )
    for noise in KEY[name]["body_must_not_contain"]:
        assert flat(noise) not in body


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_BODY_FAILURES[name], strict=True))
        if name in KNOWN_BODY_FAILURES and name in GROUND_TRUTH_AFFECTED
        else name
        for name in PAGES
        if SHARED.exists() and name in ground_truth()
    ],
)
def test_published_ground_truth(name):
    """The values the source projects published for these pages hold too."""
    truth = ground_truth()[name]
    found = record(name)
    body = flat(found.body_text)
    tolerance = max(EDGE_TOLERANCE_CHARS, EDGE_TOLERANCE_SHARE * len(body))
    if "trafilatura_evaldata" in truth:
        # trafilatura's evaluation counts the headline as part of the text.
        text = flat(f"{found.title} {found.body_text}")
        for snippet in truth["trafilatura_evaldata"]["with"]:
            assert flat(snippet) in text
    if "postlight_parser_test_expectations" in truth:
        expected = truth["postlight_parser_test_expectations"]
        if "title" in expected:
            assert found.title == expected["title"]
        if "content_first_13_words" in expected:
            words = re.findall(r"\S+", expected["content_first_13_words"])
            assert body.split()[: len(words)] == words
    if "magic_html_benchmark" in truth:
        content = flat(truth["magic_html_benchmark"]["content"])
        assert 0 <= body.find(content[:30]) <= tolerance
        assert body.endswith(content[-30:])
