"""Shared fixtures: the bundled profile and mirror, a crawled archive, and ../shared/."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.mirror_server import MirrorServer, bundled_mirrors_dir
from crawler.profile import find_bundled_profile

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
NCAC_HOST = "en.ncac.gov.cn"
NCAC_CONTENT = REPO / "tools" / "ncac_en_articles.json"
SEED_URL = "https://en.ncac.gov.cn/copyright/contents/10361/329685.shtml"
SEED_TITLE = (
    "NCAC Established a \u201cNational Copyright Innovation-driven Development Base\u201d"
    " in Pudong, Shanghai"
)


def newsarchive_command() -> list[str]:
    """The installed console script, run with this interpreter's environment."""
    return [sys.executable, "-m", "archive"]


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*newsarchive_command(), *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def scrapy_crawl(site: str, settings: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    """`scrapy crawl SITE -s KEY=VALUE...` from the repository root, as Scrapyd runs it."""
    options = [part for key, value in settings.items() for part in ("-s", f"{key}={value}")]
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", site, *options],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served_archive(db: Path) -> Iterator[str]:
    """`newsarchive serve` on DB in a subprocess; yields its base URL once it answers."""
    server = subprocess.Popen(
        [*newsarchive_command(), "serve", "--db", str(db), "--port", str(free_port())],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{server.args[-1]}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def db_rows(db: Path, sql: str = "SELECT * FROM articles ORDER BY url", *params) -> list[dict]:
    """Rows of an archive as dicts, read the way any other program would read the file."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ (real saved pages) is not beside this checkout")
    return path


# The two article URL forms of the NCAC English site (older CMS and TRS).
NCAC_ARTICLE_URL = re.compile(r"/copyright/contents/\d+/\d+\.shtml$|/\d{6}/t\d{8}_\d+\.html?$")


def mirror_pages(host: str, pattern: re.Pattern | str) -> dict[str, Path]:
    """Live URL -> file of every page in HOST's bundled mirror whose URL matches PATTERN."""
    pattern = re.compile(pattern)
    root = bundled_mirrors_dir() / host
    pages = {}
    for path in sorted(root.rglob("*")):
        url = f"https://{host}/{path.relative_to(root).as_posix()}"
        if path.is_file() and pattern.search(url):
            pages[url] = path
    return pages


def mirror_article_files() -> dict[str, Path]:
    """Live URL -> file of every article page in the NCAC mirror (by its URL form)."""
    return mirror_pages(NCAC_HOST, NCAC_ARTICLE_URL)


def articles_by_url(db: Path) -> dict[str, dict]:
    return {row["url"]: row for row in db_rows(db, "SELECT * FROM articles")}


def crawl_mirror(site: str, db: Path) -> subprocess.CompletedProcess:
    """`newsarchive crawl SITE --mirror --db DB`, the real command."""
    return run_cli("crawl", site, "--mirror", "--db", str(db), "--log-level", "WARNING")


def crawl_from_mirror(site: str, folder: Path) -> tuple[subprocess.CompletedProcess, dict, list]:
    """`newsarchive crawl SITE --mirror` into a fresh archive in FOLDER:
    the command's result, the articles by URL and the crawls rows."""
    db = folder / "a.db"
    result = crawl_mirror(site, db)
    return result, articles_by_url(db), db_rows(db, "SELECT * FROM crawls")


def mirror_section_counts() -> dict[str, int]:
    """Articles per section as the mirror pages state it in their "You are here" line."""
    counts: dict[str, int] = {}
    for path in mirror_article_files().values():
        line = re.search(r'<div class="position">(.*?)</div>', path.read_text("utf-8")).group(1)
        labels = [re.sub(r"<[^>]+>", "", part).strip() for part in line.split("&gt;")]
        section = " > ".join(labels[1:])
        counts[section] = counts.get(section, 0) + 1
    return counts


@pytest.fixture(scope="session")
def ncac_profile():
    return find_bundled_profile("ncac_en")


@pytest.fixture(scope="session")
def ncac_content() -> dict:
    return json.loads(NCAC_CONTENT.read_text(encoding="utf-8"))["sections"]


@pytest.fixture(scope="session")
def mirror_server():
    with MirrorServer() as server:
        yield server


@pytest.fixture(scope="session")
def crawled_db(tmp_path_factory) -> Path:
    """An archive crawled once from the NCAC mirror by the real CLI, for read-only tests."""
    db = tmp_path_factory.mktemp("crawled") / "archive.db"
    result = crawl_mirror("ncac_en", db)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


@pytest.fixture(scope="session")
def all_sites_db(tmp_path_factory) -> Path:
    """An archive of every bundled site, crawled once from the mirrors by the real CLI."""
    from crawler.profile import bundled_profile_paths

    db = tmp_path_factory.mktemp("all") / "archive.db"
    result = run_cli("crawl", "--all", "--mirror", "--db", str(db), "--log-level", "ERROR")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    for path in bundled_profile_paths():
        assert f"{path.stem}: ok" in result.stdout
    return db
