"""bench/e2e.py works: both crawls of a small generated site, measured (no timing is asserted)."""

from __future__ import annotations

import sys

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


def test_peak_rss_counts_the_children_of_the_crawl(tmp_path, monkeypatch):
    """A process of 40 MB whose child holds 80 MB: the peak is the two summed (about 140
    MB with the interpreters), not the larger one alone (about 90 MB)."""
    script = (
        "import subprocess, sys\n"
        "mine = bytearray(40 * 2**20)\n"
        "child = 'import time; memory = bytearray(80 * 2**20); time.sleep(1.5)'\n"
        "subprocess.run([sys.executable, '-c', child], check=True)\n"
        "print('{}')\n"
    )
    sampler_peaks = []
    original = e2e._TreeRss.stop

    def stop(self):
        original(self)
        sampler_peaks.append(self.peak_kb / 1024)

    monkeypatch.setattr(e2e._TreeRss, "stop", stop)
    run = e2e.measured([sys.executable, "-c", script], 1, tmp_path)
    assert sampler_peaks[0] > 120
    assert run.peak_rss_mb >= sampler_peaks[0]
