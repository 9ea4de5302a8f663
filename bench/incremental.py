"""How much does an unchanged site cost on the next run?  Requests, second run / first.

What: generates a mirror of a news site (several hundred articles, ten per
listing page, TRS-style pagination, a tenth of the articles published in the
last 30 days), serves it on 127.0.0.1, crawls it once in full, then crawls it
again unchanged twice from that same state: once with revalidation off and
once with the default schedule (recent articles revalidated on every run,
with conditional requests).  Prints the request ratios.

Why: hourly cron runs must not refetch whole sites.  Goals (issue 5): at most
0.05 with revalidation off and at most 0.25 with it on.  Request counts do not
depend on the machine, so the figures are stable.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.mirror_server import MirrorServer  # noqa: E402

HOST = "news.bench.example"
PER_PAGE = 10
RECENT_SHARE = 0.1
NAV = "".join(f'<li><a href="/col{i}/index.html">Column {i}</a></li>' for i in range(12))
FOOTER = "<div class='footer'><p>Copyright © Bench Ministry. All rights reserved.</p></div>"


def article_html(number: int, date: datetime) -> str:
    title = f"Ministry notice number {number} on regional development"
    paragraphs = "".join(
        f"<p>Paragraph {k} of notice {number}: the ministry reports steady progress in "
        f"regional development programmes, new funding rules and reviews of local "
        f"projects, with figures for the quarter and plans for the next year.</p>"
        for k in range(1, 7)
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{title}--Bench Ministry</title>"
        f"<meta name='PubDate' content='{date:%Y-%m-%d %H:%M}'></head><body>"
        f"<ul class='nav'>{NAV}</ul>"
        f"<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/news/'>新闻</a></div>"
        f"<h1>{escape(title)}</h1><div class='info'>发布日期：{date:%Y-%m-%d}</div>"
        f"<div class='TRS_Editor'>{paragraphs}</div>{FOOTER}</body></html>"
    )


def listing_html(index: int, pages: int, items: list[tuple[str, str, str]]) -> str:
    rows = "".join(
        f"<li><a href='{href}'>{escape(title)}</a><span>{date}</span></li>"
        for title, href, date in items
    )
    return (
        "<html><head><meta charset='utf-8'><title>新闻--Bench Ministry</title></head><body>"
        f"<ul class='nav'>{NAV}</ul><div class='list'><ul>{rows}</ul>"
        f'<script>createPageHTML({pages}, {index}, "index", "html");</script></div>'
        f"{FOOTER}</body></html>"
    )


def build_mirror(root: Path, articles: int) -> None:
    site = root / HOST
    now = datetime.now(UTC)
    entries = []
    for number in range(articles):
        recent = number < articles * RECENT_SHARE  # newest first
        age = timedelta(days=number % 25 + 1) if recent else timedelta(days=60 + number * 3)
        date = now - age
        path = f"/news/{date:%Y%m}/t{date:%Y%m%d}_{100000 + number}.html"
        target = site / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_html(number, date), encoding="utf-8")
        entries.append((f"Ministry notice number {number} on regional development", path, date))
    entries.sort(key=lambda entry: entry[2], reverse=True)
    pages = -(-len(entries) // PER_PAGE)
    for index in range(pages):
        chunk = entries[index * PER_PAGE : (index + 1) * PER_PAGE]
        name = "index.html" if index == 0 else f"index_{index}.html"
        items = [(title, href, f"{date:%Y-%m-%d}") for title, href, date in chunk]
        (site / "news" / name).write_text(listing_html(index, pages, items), encoding="utf-8")


def profile(path: Path, revalidate: bool) -> Path:
    path.write_text(
        "\n".join(
            [
                'name = "bench_news"',
                'title = "Bench Ministry"',
                'language = "en"',
                f'base_url = "https://{HOST}"',
                'timezone = "Asia/Shanghai"',
                "[revalidate]",
                f"enabled = {'true' if revalidate else 'false'}",
                "[[sections]]",
                'label = "News"',
                f'url = "https://{HOST}/news/index.html"',
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path


def requests_of(profile_path: Path, db: Path, mirror: str) -> int:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "archive",
            "crawl",
            "--profile",
            str(profile_path),
            "--db",
            str(db),
            "--mirror-url",
            mirror,
            "--json",
            "--log-level",
            "ERROR",
        ],  # fmt: skip
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"crawl failed: {result.stderr[-2000:]}")
    (site,) = json.loads(result.stdout)["sites"]
    if site["status"] == "failed":
        raise SystemExit(f"crawl failed: {site}")
    return site["requests"]


def measure(articles: int) -> tuple[int, dict[str, float]]:
    """(requests of the full crawl, {scenario: second-run requests / first-run requests})."""
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        build_mirror(work / "mirrors", articles)
        with MirrorServer(root=work / "mirrors") as server:
            first_db = work / "first.db"
            first = requests_of(profile(work / "on.toml", True), first_db, server.url)
            ratios = {}
            for label, revalidate in (("no_revalidation", False), ("with_revalidation", True)):
                db = work / f"{label}.db"
                shutil.copy(first_db, db)
                path = profile(work / f"{label}.toml", revalidate)
                ratios[label] = requests_of(path, db, server.url) / first
    return first, ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400, help="articles in the mirror")
    args = parser.parse_args()
    first, ratios = measure(args.articles)
    print(
        f"mirror: {args.articles} articles, {PER_PAGE} per listing page, {RECENT_SHARE:.0%} "
        f"from the last 30 days; first (full) crawl: {first} requests"
    )
    print(f"incremental_ratio_no_revalidation {ratios['no_revalidation']:.3f} (goal <= 0.05)")
    print(f"incremental_ratio_with_revalidation {ratios['with_revalidation']:.3f} (goal <= 0.25)")


if __name__ == "__main__":
    main()
