"""`newsarchive init-site`: a profile written from listing pages alone crawls the
same articles as the shipped, hand-made profile of the site."""

from __future__ import annotations

import sqlite3
import tomllib

import pytest

from crawler.profile import find_bundled_profile
from tests.conftest import run_cli

pytestmark = pytest.mark.e2e

SITES = ["ncac_en", "shanxi", "nmg"]


def urls(db) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}
    finally:
        conn.close()


@pytest.mark.parametrize("site", SITES)
def test_generated_profile_crawls_the_same_articles(site, tmp_path):
    shipped = find_bundled_profile(site)
    listing_urls = [section.url for section in shipped.sections]
    generated = tmp_path / f"{site}_generated.toml"
    result = run_cli(
        "init-site", f"{site}_generated", *listing_urls, "--mirror", "--output", str(generated),
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Not found: nothing, all fields found" in result.stdout
    profile = tomllib.loads(generated.read_text(encoding="utf-8"))
    assert "article" not in profile and "listing" not in profile  # nothing pinned
    assert [s["url"] for s in profile["sections"]] == listing_urls
    assert profile["language"] == shipped.language

    for args, db in (
        (["--profile", str(generated)], tmp_path / "generated.db"),
        ([site], tmp_path / "shipped.db"),
    ):
        crawl = run_cli("crawl", *args, "--mirror", "--db", str(db), "--log-level", "ERROR")
        assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    assert urls(tmp_path / "generated.db") == urls(tmp_path / "shipped.db")
    assert len(urls(tmp_path / "shipped.db")) >= 8


def test_init_site_explains_what_it_could_not_find(tmp_path):
    result = run_cli(
        "init-site", "broken_site", "https://en.ncac.gov.cn/no/such/listing.html", "--mirror",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert "cannot fetch https://en.ncac.gov.cn/no/such/listing.html: HTTP 404" in result.stderr
    assert not (tmp_path / "broken_site.toml").exists()
    bad_name = run_cli("init-site", "Bad Name", "https://en.ncac.gov.cn/", cwd=tmp_path)
    assert bad_name.returncode == 2 and "lower-case letters" in bad_name.stderr
