"""The offline mirror: its content requirements, its server and the URL mapping."""

from __future__ import annotations

import importlib.util
import re
import sys
import urllib.error
import urllib.request

import pytest

from crawler.mirror import live_url, mirror_url
from tests.conftest import (
    NCAC_HOST,
    REPO,
    SEED_TITLE,
    SEED_URL,
    mirror_article_files,
    mirror_section_counts,
)


def test_mirror_maps_live_urls_and_back():
    base = "http://127.0.0.1:8765"
    assert (
        mirror_url("https://en.ncac.gov.cn/news/a.html?x=1#f", base)
        == "http://127.0.0.1:8765/en.ncac.gov.cn/news/a.html?x=1"
    )
    assert mirror_url("https://en.ncac.gov.cn", base) == "http://127.0.0.1:8765/en.ncac.gov.cn/"
    assert (
        live_url("http://127.0.0.1:8765/en.ncac.gov.cn/b.html", "https://en.ncac.gov.cn/a", base)
        == "https://en.ncac.gov.cn/b.html"
    )
    assert live_url("/relative.html", "https://en.ncac.gov.cn/a", base) == "/relative.html"


def test_ncac_mirror_has_what_the_issue_asks_for():
    pages = mirror_article_files()
    assert len(pages) >= 30
    counts = mirror_section_counts()
    assert len(counts) >= 3 and all(count >= 3 for count in counts.values())
    urls = list(pages)
    assert any(re.search(r"/copyright/contents/\d+/\d+\.shtml$", u) for u in urls)
    assert any(re.search(r"/\d{6}/t\d{8}_\d+\.html$", u) for u in urls)
    assert SEED_TITLE in pages[SEED_URL].read_text("utf-8")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


@pytest.mark.e2e
def test_mirror_server_serves_pages_by_host_and_refuses_escapes(mirror_server):
    status, content_type, body = fetch(mirror_url(SEED_URL, mirror_server.url))
    assert status == 200
    assert content_type == "text/html; charset=utf-8"
    assert SEED_TITLE.encode() in body
    status, _, body = fetch(f"{mirror_server.url}/{NCAC_HOST}/")
    assert b"Top News" in body
    for bad in (f"/{NCAC_HOST}/nope.html", "/../../etc/passwd", f"/{NCAC_HOST}/%2e%2e/%2e%2e/x"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            fetch(mirror_server.url + bad)
        assert caught.value.code == 404


GENERATORS = sorted((REPO / "tools").glob("build_*_mirror.py"))


@pytest.mark.parametrize("generator", GENERATORS, ids=lambda path: path.stem)
def test_committed_mirror_is_what_its_generator_writes(generator, tmp_path, monkeypatch):
    """Every mirror is generated from its text data; the committed pages must match."""
    monkeypatch.syspath_prepend(str(generator.parent))  # tools/mirror_pages.py, as for a script
    spec = importlib.util.spec_from_file_location(generator.stem, generator)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look the module up
    spec.loader.exec_module(module)
    module.main(tmp_path / "out")
    generated = {
        p.relative_to(tmp_path / "out"): p.read_bytes()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    }
    shipped = {
        p.relative_to(module.OUTPUT): p.read_bytes()
        for p in module.OUTPUT.rglob("*")
        if p.is_file()
    }
    assert generated == shipped, f"run `python {generator.relative_to(REPO)}` and commit the result"


@pytest.mark.e2e
def test_mirror_server_answers_conditional_requests(mirror_server):
    url = mirror_url(SEED_URL, mirror_server.url)
    with urllib.request.urlopen(url, timeout=10) as response:
        etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    assert etag and modified
    for header, value in (("If-None-Match", etag), ("If-Modified-Since", modified)):
        request = urllib.request.Request(url, headers={header: value})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)
        assert caught.value.code == 304
    request = urllib.request.Request(url, headers={"If-None-Match": '"other"'})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
