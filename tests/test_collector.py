"""The garbage collector is tuned while a crawl runs (crawler/collector.py), in the
crawl's process and in its parsing processes, and set back afterwards."""

from __future__ import annotations

import asyncio
import gc

from scrapy.utils.conf import build_component_list

from crawler import parse_pool
from crawler.collector import YOUNG_THRESHOLD, CollectorTuning
from crawler.run import project_settings


def collector_state(html: str, url: str) -> tuple[tuple[int, int, int], int]:
    """What a parsing process's collector is set to (run there in place of a parser)."""
    return gc.get_threshold(), gc.get_freeze_count()


def test_the_collector_is_tuned_from_the_first_crawler_start_to_the_last_stop():
    before = gc.get_threshold()
    first, second = CollectorTuning(), CollectorTuning()
    first.engine_started()
    second.engine_started()
    try:
        assert gc.get_threshold() == (max(before[0], YOUNG_THRESHOLD), *before[1:])
        assert gc.get_freeze_count() > 0  # what existed at the start is out of its walks
        first.engine_stopped()
        assert gc.get_threshold()[0] == max(before[0], YOUNG_THRESHOLD)  # one still runs
    finally:
        second.engine_stopped()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_every_crawl_has_the_extension(tmp_path):
    extensions = build_component_list(
        project_settings(tmp_path / "archive.db").getwithbase("EXTENSIONS")
    )
    assert "crawler.collector.CollectorTuning" in extensions


def test_a_parsing_process_runs_with_the_tuned_collector():
    try:
        thresholds, frozen = asyncio.run(
            parse_pool._in_pool(1, collector_state, "<html></html>", "https://example.org/")
        )
    finally:
        parse_pool.close_pools()
    assert thresholds[0] >= YOUNG_THRESHOLD
    assert frozen > 0
