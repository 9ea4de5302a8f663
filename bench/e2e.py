"""End to end and memory: does the whole pipeline keep up with Scrapy, in bounded memory?

What: generates a mirror of N article pages (bench/sitegen.py, realistic:
20-40 KB pages with head, menus, sidebars and footer, half Chinese; ten
articles per listing page, TRS ``createPageHTML`` pagination; sections of
1,000 articles, see below) and serves it from a static server of its own
process on 127.0.0.1 (asyncio, keep-alive).  Then:

- ``newsarchive crawl --profile P --db DB --mirror-url URL`` (``python -m
  archive crawl``, the real command, with its defaults) crawls it into a
  fresh archive: fetch, parse, sanitise, store, search index, WARC capture.
  Its default ``--parse-workers auto`` parses the first 200 pages in the
  crawl's process, the rest in one process per core but one (at most 4);
- bench/bare_spider.py, a bare Scrapy spider, requests the same pages (the
  same listing and article links) and does nothing with them;
- the same ``newsarchive crawl`` with ``--parse-workers 0``: everything in
  the crawl's one process (``e2e_one_process_vs_bare_scrapy``).

Sections of 1,000 articles (100 listing pages).  Until commit b7ca7ae every
listing page followed all the pages its ``createPageHTML`` call names, so a
section of N pages cost N * N requests for the duplicate filter to drop; now
both spiders follow the next page only.

Both run as subprocesses with the same settings that matter: newsarchive's
CONCURRENT_REQUESTS (16), CONCURRENT_REQUESTS_PER_DOMAIN (4) and
CONCURRENT_ITEMS (read from crawler/settings.py by bare_spider.py), robots.txt
obeyed, no download delay, AutoThrottle off (``crawl --mirror-url`` switches
both off for a local mirror; the bare spider sets the same).  pages/s is the
mirror's pages over each process's wall time, start-up included; the
``_cpu`` ratio uses each process's CPU time instead (user + system), which
other work on a shared machine disturbs less.  Peak RSS is the most each
crawl held at once: its resident sets summed over it and its parsing processes, sampled every
50 ms (``/proc``; at least the largest one's ``ru_maxrss``, from ``os.wait4``).

Memory: the same full crawl of a mirror of 1,000 articles, and
``rss_growth`` = peak RSS at N / peak RSS at 1,000.

Why: issue 8 asks the pipeline to cost little more than fetching
(``e2e_vs_bare_scrapy`` >= 0.8) and memory not to grow with the archive
(``rss_growth`` <= 1.2).  The runs share the machine at the same moment of
the same run, so the ratios hold on a noisy machine; the absolute figures
do not.

Usage: ``.venv/bin/python bench/e2e.py [--articles N] [--small N]``
(defaults 10,000 and 1,000).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Run as a script, bench/ comes first on sys.path, and bench/incremental.py would
# shadow the `incremental` package Twisted imports: import from the repository instead.
sys.path[:] = [str(REPO), *(p for p in sys.path if Path(p or ".").resolve() != REPO / "bench")]

from bench.bare_spider import SHARED_SETTINGS, shared_setting  # noqa: E402
from bench.sitegen import StaticServer, build_mirror, profile, section_urls  # noqa: E402
from crawler.parse_pool import auto_workers  # noqa: E402

PER_SECTION = 1000


@dataclass
class Run:
    pages: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    result: dict

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds

    @property
    def pages_per_cpu_s(self) -> float:
        return self.pages / self.cpu_seconds


def measured(command: list[str], pages: int, work: Path) -> Run:
    """Run COMMAND; its wall and CPU time, its peak RSS and its stdout parsed as JSON.

    CPU time is the process's and its children's (its parsing processes: it waits
    for them).  Peak RSS is the most that the process and its children held at once,
    their resident sets summed (pages of shared libraries counted in each), sampled
    every 50 ms; ru_maxrss, the largest of them alone, when that is more.
    """
    out = work / "stdout.json"
    with open(out, "w") as stdout, open(work / "stderr.log", "w") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=stdout, stderr=stderr)
        sampler = _TreeRss(process.pid)
        # wait4, not wait: the resource usage of this child (ru_maxrss in KiB on Linux).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        tail = (work / "stderr.log").read_text(errors="replace")[-2000:]
        raise SystemExit(f"{command[1:4]} failed ({process.returncode}): {tail}")
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = max(usage.ru_maxrss / 1024, sampler.peak_kb / 1024)
    return Run(pages, seconds, cpu, peak_mb, json.loads(out.read_text()))


class _TreeRss:
    """The peak of the summed resident sets of a process and its descendants (/proc)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.05):
            self.peak_kb = max(self.peak_kb, sum(map(_rss_kb, _tree(self.pid))))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def _tree(pid: int) -> list[int]:
    """PID and its descendants: the children of each of its threads, from /proc."""
    children: list[int] = []
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):  # the thread or the process is gone
            children += map(int, listing.read_text().split())
    return [pid, *(p for child in dict.fromkeys(children) for p in _tree(child))]


def _rss_kb(pid: int) -> int:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as status:  # or gone
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def full_crawl(
    work: Path, server: str, articles: int, pages: int, parse_workers: str = "auto"
) -> tuple[Run, Run | None]:
    """The real command into a fresh archive (with its WARC files), then the next run.

    The next run is the hourly cron run of an archive of ARTICLES articles: it
    reads the first listing pages and goes over the known articles to see
    which are due for revalidation; its memory must not grow with the archive.
    It parses in one process (--parse-workers 0): the next run over 10,000
    articles revalidates 1,000 of them and would start a parsing process, the
    one over 1,000 would not, and the ratio would measure that, not the archive.
    """
    work.mkdir()
    path = profile(work / "profile.toml", articles=articles, per_section=PER_SECTION)

    def command(workers: str) -> list[str]:
        return [
            sys.executable, "-m", "archive", "crawl", "--profile", str(path),
            "--db", str(work / "archive.db"), "--mirror-url", server, "--json",
            "--log-level", "ERROR", "--parse-workers", workers,
        ]  # fmt: skip

    run = measured(command(parse_workers), pages, work)
    (site,) = run.result["sites"]
    if site["status"] != "ok" or site["articles_new"] != articles:
        raise SystemExit(f"the full crawl did not archive {articles} articles: {site}")
    if parse_workers != "auto":
        return run, None
    rerun = measured(command("0"), pages, work)
    (site,) = rerun.result["sites"]
    if site["status"] != "ok" or site["articles_new"] != 0:
        raise SystemExit(f"the next run was not an incremental run: {site}")
    return run, rerun


def bare_crawl(work: Path, server: str, articles: int, pages: int) -> Run:
    work.mkdir()
    script = str(REPO / "bench" / "bare_spider.py")
    command = [sys.executable, script, server, *section_urls(articles, PER_SECTION)]
    run = measured(command, pages, work)
    if run.result["articles"] != articles or run.result["pages"] < pages:
        raise SystemExit(f"the bare crawl did not fetch {pages} pages: {run.result}")
    return run


def mirror(root: Path, articles: int) -> tuple[int, float]:
    """Build the mirror; (its pages, mean article size in KB)."""
    pages = build_mirror(root, articles, realistic=True, per_section=PER_SECTION)
    sizes = [path.stat().st_size for path in root.rglob("t*.html")]
    return pages, sum(sizes) / len(sizes) / 1024


def measure(articles: int, small: int, work: Path) -> dict[str, Run]:
    runs = {}
    for count in dict.fromkeys((articles, small)):
        pages, size = mirror(work / f"mirror-{count}", count)
        print(f"inputs: mirror of {count} articles ({pages} pages, articles {size:.1f} KB on "
              f"average), sections of {PER_SECTION}", flush=True)  # fmt: skip
        with StaticServer(work / f"mirror-{count}") as server:
            if count == articles:
                runs["bare"] = bare_crawl(work / "bare", server.url, count, pages)
                runs["one-process"], _ = full_crawl(
                    work / "one-process", server.url, count, pages, parse_workers="0"
                )
            full, rerun = full_crawl(work / f"full-{count}", server.url, count, pages)
            runs[f"full-{count}"], runs[f"rerun-{count}"] = full, rerun
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000, help="articles of the e2e mirror")
    parser.add_argument("--small", type=int, default=1000, help="articles of the memory baseline")
    args = parser.parse_args()
    shared = ", ".join(f"{name}={shared_setting(name)}" for name in SHARED_SETTINGS[:3])
    print(f"inputs: {shared}, DOWNLOAD_DELAY=0, AUTOTHROTTLE_ENABLED=False, both crawls")
    print(f"inputs: --parse-workers auto starts {auto_workers()} parsing processes here")
    with tempfile.TemporaryDirectory(prefix="newsarchive-e2e-") as temp:
        runs = measure(args.articles, args.small, Path(temp))
    bare, full, small = runs["bare"], runs[f"full-{args.articles}"], runs[f"full-{args.small}"]
    print(f"bare_scrapy_pages_per_s {bare.pages_per_s:.0f}")
    print(f"e2e_pages_per_s {full.pages_per_s:.0f}")
    print(f"bare_scrapy_pages_per_cpu_s {bare.pages_per_cpu_s:.0f}")
    print(f"e2e_pages_per_cpu_s {full.pages_per_cpu_s:.0f}")
    print(f"e2e_vs_bare_scrapy {full.pages_per_s / bare.pages_per_s:.2f} (goal >= 0.8)")
    print(f"e2e_vs_bare_scrapy_cpu {full.pages_per_cpu_s / bare.pages_per_cpu_s:.2f}")
    one = runs["one-process"]
    print(f"e2e_one_process_pages_per_s {one.pages_per_s:.0f}")
    print(
        f"e2e_one_process_vs_bare_scrapy {one.pages_per_s / bare.pages_per_s:.2f} "
        "(crawl --parse-workers 0)"
    )
    print(f"bare_scrapy_peak_rss_mb {bare.peak_rss_mb:.0f}")
    for count in dict.fromkeys((args.small, args.articles)):
        print(f"peak_rss_mb_{count} {runs[f'full-{count}'].peak_rss_mb:.0f}")
    print(f"rss_growth {full.peak_rss_mb / small.peak_rss_mb:.2f} (goal <= 1.2)")
    for count in dict.fromkeys((args.small, args.articles)):
        print(f"next_run_peak_rss_mb_{count} {runs[f'rerun-{count}'].peak_rss_mb:.0f}")
    growth = runs[f"rerun-{args.articles}"].peak_rss_mb / runs[f"rerun-{args.small}"].peak_rss_mb
    print(f"next_run_rss_growth {growth:.2f} (the next run over each archive, in one process)")


if __name__ == "__main__":
    main()
