"""Every markup variant and charset case, on pages we wrote (tests/fixtures/variants/).

Each page reproduces the structure of a real government page (named in
expected.json) with our own text; the generic extractor, with no profile,
must read its breadcrumb, headline, date and body, from the bytes and the
HTTP Content-Type header the page would be served with.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.parsers import parse_article
from crawler.parsers.charset import decode_html
from crawler.parsers.text import clean_text
from crawler.profile import generic_profile

VARIANTS = Path(__file__).parent / "fixtures" / "variants"
EXPECTED = json.loads((VARIANTS / "expected.json").read_text(encoding="utf-8"))
PAGES = sorted(EXPECTED)


def parsed(name: str):
    case = EXPECTED[name]
    decoded = decode_html((VARIANTS / name).read_bytes(), case["content_type"])
    return decoded, parse_article(decoded.text, case["url"], generic_profile(case["url"]))


@pytest.mark.parametrize("name", PAGES)
def test_variant_page(name):
    case = EXPECTED[name]
    decoded, record = parsed(name)
    assert "\ufffd" not in decoded.text, "mojibake: replacement characters in the text"
    assert record.breadcrumb == case["breadcrumb"], record.methods["breadcrumb"]
    assert record.title == case["title"], record.methods["title"]
    if case["published"]:
        assert record.published and record.published.startswith(case["published"]), record.methods[
            "published"
        ]
    body = clean_text(record.body_text)
    assert body.startswith(clean_text(case["body_first"])), body[:200]
    assert body.endswith(clean_text(case["body_last"])), body[-200:]
    for noise in case["body_must_not_contain"]:
        assert clean_text(noise) not in body


@pytest.mark.parametrize(
    ("name", "encoding", "method"),
    [
        ("charset-gbk-header-only.html", "gb18030", "header"),
        ("charset-declared-gb2312-but-utf8.html", "utf-8", "utf-8 (contradicts meta gb2312)"),
        ("charset-utf8-bom.html", "utf-8", "bom"),
        ("charset-gb18030-rare-chars.html", "gb18030", "meta"),
        ("charset-undeclared-gbk.html", "gb18030", "detected (gb18030)"),
        ("charset-header-latin1-but-utf8.html", "utf-8", "utf-8 (contradicts header ISO-8859-1)"),
    ],
)
def test_charset_evidence(name, encoding, method):
    decoded, _ = parsed(name)
    assert (decoded.encoding, decoded.method) == (encoding, method)


def test_rare_characters_outside_gbk_survive():
    decoded, record = parsed("charset-gb18030-rare-chars.html")
    page_text = decoded.text
    rare = [char for char in "𠮷䶮𪚥" if char in page_text]
    assert rare, "the fixture should contain characters only GB18030 encodes"
    assert any(char in record.title + record.body_text for char in rare)
