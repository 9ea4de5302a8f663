"""`newsarchive merge`: combine shard archives into one.

A crawl shared through Redis (`crawl --frontier`) runs several processes,
each writing its own archive, a shard.  We chose shards and a merge over a
single writer that all processes send records to, because:

* SQLite wants one writer on a local disk; a shard is an ordinary archive on
  the crawling machine's own disk, with its WARC files beside it.
* Each process keeps working when another machine, the network or the
  writer is gone: nothing is lost in transit, and a killed process loses at
  most its current page, like a single-machine crawl.
* A shard remembers the validators (ETag, Last-Modified) of what it fetched,
  so each process revalidates its own articles with conditional requests.
* Merging is idempotent and can run whenever, as often as wanted (after
  every run, from cron), and the published archive is only written by it.

Each shard's articles are replayed version by version, oldest first,
through the same Archive.save_article a crawl uses, so versions, change
events and the search index come out as if one process had crawled
everything; each article's current withdrawal is replayed with them, and its
past withdrawals and returns (which no version shows) are copied from the
shard's events.  Captures the target already has (it has seen the URL at
least as recently) and events it has are skipped, so merging a shard twice
changes nothing.  The shards' WARC files are copied beside the target
(DB-warc/SHARD/...) and the merged rows point at the copies; crawls and
fetch_errors rows are copied, each run marked with the shard it came from.
"""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from archive.store import COMMIT_EVERY, Archive, Capture
from crawler.warc import warc_dir


@dataclass
class MergeResult:
    shards: int = 0
    outcomes: dict[str, int] = field(
        default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0}
    )
    skipped: int = 0
    withdrawn: int = 0
    events: int = 0
    crawls: int = 0
    warc_files: int = 0

    def summary(self) -> str:
        return (
            f"merged {self.shards} shards: {self.outcomes['new']} new, "
            f"{self.outcomes['updated']} updated, {self.outcomes['unchanged']} unchanged, "
            f"{self.withdrawn} withdrawn, {self.skipped} already here; "
            f"{self.events} past withdrawals and returns, {self.crawls} crawls and "
            f"{self.warc_files} WARC files copied"
        )


def merge_shards(target: str | Path, shards: list[Path]) -> MergeResult:
    """Merge SHARDS into the archive at TARGET (created if absent)."""
    target = Path(target)
    result = MergeResult()
    with Archive(target) as archive, ExitStack() as stack:
        sources, moved, keys = [], [], []
        for index, shard in enumerate(shards):
            result.shards += 1
            source = stack.enter_context(Archive(shard))
            sources.append(source)
            moved.append(_copy_warc_files(shard, target, result))
            keys.extend((seen, url, index, table, row_id, last)
                        for seen, last, url, table, row_id in source.capture_keys())  # fmt: skip
            for crawl, errors in source.crawl_history():
                result.crawls += archive.import_crawl(crawl, errors, shard.name)
        # Oldest first across all shards, so each URL's history is replayed in order.
        keys.sort()
        for number, (_seen, url, index, table, row_id, last) in enumerate(keys, 1):
            archive.begin_batch()  # (if none is open) committed in batches, as a crawl writes
            known_until = archive.last_seen(url)
            if known_until is not None and known_until >= last:
                result.skipped += 1  # the target has seen this URL as recently
            else:
                capture = sources[index].capture(table, row_id)
                capture.capture = _relocated(capture.capture, moved[index])
                _replay(archive, capture, result)
            if number % COMMIT_EVERY == 0:
                archive.commit_batch()
        archive.commit_batch()
        # The versions say whether each article is withdrawn now; the events say when
        # it was withdrawn and came back before.
        archive.begin_batch()
        for source in sources:
            for event in source.withdrawal_history():
                result.events += archive.import_event(**event)
        archive.commit_batch()
    return result


def _replay(archive: Archive, capture: Capture, result: MergeResult) -> None:
    outcome = archive.save_article(
        capture.record,
        seen_at=capture.seen,
        validators=capture.validators,
        capture=capture.capture,
    )
    result.outcomes[outcome] += 1
    if capture.last > capture.seen:
        archive.touch_article(capture.url, capture.last)
    if capture.withdrawn_at and capture.withdrawn_at >= capture.last:
        reason = capture.withdrawn_reason or "withdrawn (merged from a shard)"
        if archive.record_missing(capture.url, reason, 1, capture.withdrawn_at) == "withdrawn":
            result.withdrawn += 1


def _copy_warc_files(shard: Path, target: Path, result: MergeResult) -> dict[str, str]:
    """Copy SHARD's WARC files beside TARGET; {old reference: new reference}."""
    source_dir = warc_dir(shard)
    if not source_dir.is_dir():
        return {}
    destination_dir = warc_dir(target) / shard.stem
    shard_base = shard.absolute().parent
    target_base = target.absolute().parent
    moved = {}
    for path in sorted(source_dir.rglob("*.warc.gz")):
        destination = destination_dir / path.relative_to(source_dir)
        if not destination.exists() or destination.stat().st_size != path.stat().st_size:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            result.warc_files += 1
        new = str(_relative_or_absolute(destination, target_base))
        moved[str(_relative_or_absolute(path.absolute(), shard_base))] = new
        moved[str(path.absolute())] = new
    return moved


def _relative_or_absolute(path: Path, base: Path) -> Path:
    try:
        return path.absolute().relative_to(base)
    except ValueError:
        return path.absolute()


def _relocated(capture: dict[str, str | None], moved: dict[str, str]) -> dict[str, str | None]:
    old = capture.get("warc_file")
    if old and old in moved:
        return {**capture, "warc_file": moved[old]}
    return capture
