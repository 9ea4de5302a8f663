"""bench/e2e.py works: both crawls of a small generated site, measured (no timing is asserted)."""

from __future__ import annotations

import pytest

from bench import e2e
from bench.sitegen import HOST, build_mirror

pytestmark = pytest.mark.e2e


def test_realistic_pages_are_government_sized(tmp_path):
    pages = build_mirror(tmp_path, 30, realistic=True, per_section=20)
    assert pages == 30 + 2 + 2  # two sections of 15 articles, two listing pages each
    articles = sorted((tmp_path / HOST).rglob("t*.html"))
    assert len(articles) == 30
    assert all(15_000 < path.stat().st_size < 45_000 for path in articles)


def test_both_crawls_fetch_every_page_and_are_measured(tmp_path):
    runs = e2e.measure(30, 20, tmp_path)
    assert set(runs) == {"bare", "one-process", "full-30", "full-20", "rerun-30", "rerun-20"}
    assert runs["full-30"].result["sites"][0]["articles_new"] == 30
    assert runs["one-process"].result["sites"][0]["articles_new"] == 30  # --parse-workers 0
    # The next run is incremental: no article is new, few pages are fetched.
    rerun = runs["rerun-30"].result["sites"][0]
    assert rerun["articles_new"] == 0
    assert rerun["requests"] < runs["full-30"].result["sites"][0]["requests"]
    assert runs["bare"].result["articles"] == 30
    for run in runs.values():
        assert run.pages_per_s > 0
        assert run.peak_rss_mb > 20  # a Python process with Scrapy loaded, at least
