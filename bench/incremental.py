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
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.sitegen import PER_PAGE, RECENT_SHARE, build_mirror, profile  # noqa: E402
from crawler.mirror_server import MirrorServer  # noqa: E402


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
