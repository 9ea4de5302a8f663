"""The newsarchive command: help, listing sites, and clear errors for user mistakes."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest
from click.testing import CliRunner

from archive.cli import main
from tests.conftest import SEED_URL, free_port, mirror_article_files, run_cli

COMMANDS = ["sites", "crawl", "serve", "demo", "mirror", "extract", "check", "init-site", "reparse"]


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_of_every_command(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output
    if command == ["crawl"]:
        for option in ("--all", "--db", "--mirror", "Exit code"):
            assert option in result.output
    if not command:
        for name in COMMANDS:
            assert name in result.output


def test_sites_lists_ncac_as_text_and_json():
    result = CliRunner().invoke(main, ["sites"])
    assert result.exit_code == 0 and "ncac_en" in result.output
    rows = json.loads(CliRunner().invoke(main, ["sites", "--json"]).output)
    ncac = next(row for row in rows if row["name"] == "ncac_en")
    assert ncac["base_url"] == "https://en.ncac.gov.cn"
    assert len(ncac["sections"]) >= 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["crawl", "no_such_site"], "unknown site 'no_such_site' (known sites: "),
        (["crawl"], "name at least one site, use --all, or give --profile FILE"),
        (["crawl", "ncac_en", "--all"], "not both"),
        (["serve", "--db", "missing.db"], "missing.db does not exist"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "archive.db").exists()  # nothing was created


def test_bad_database_files_exit_2_and_are_not_modified(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database\n" * 200)
    for db in (junk, tmp_path):
        result = run_cli("crawl", "ncac_en", "--db", str(db), cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert str(db) in result.stderr
    assert junk.read_text() == "not a database\n" * 200


@pytest.mark.e2e
def test_serve_publishes_the_archive_over_http(crawled_db):
    import subprocess

    from tests.conftest import newsarchive_command

    port = free_port()
    server = subprocess.Popen(
        [*newsarchive_command(), "serve", "--db", str(crawled_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/archive/articles.json?_search=Pudong&_shape=objects"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.load(response)["rows"]
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        assert [row["url"] for row in rows] == [SEED_URL]
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err


@pytest.mark.e2e
def test_demo_no_serve_crawls_the_mirror(tmp_path):
    result = run_cli("demo", "--db", str(tmp_path / "demo.db"), "--no-serve", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    count = len(mirror_article_files())
    assert f"ncac_en: ok - {count} articles ({count} new" in result.stdout


def test_malformed_profile_file_names_file_and_key_and_exits_2(tmp_path):
    profile = tmp_path / "mysite.toml"
    profile.write_text('name = "my_site"\ntitle = "T"\nlanguage = "en"\n', encoding="utf-8")
    result = run_cli("crawl", "--profile", str(profile), "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2
    assert f"invalid profile: {profile}: base_url: is required" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "a.db").exists()
    profile.write_text("name = [", encoding="utf-8")
    result = run_cli("extract", "-", "--profile", str(profile))
    assert result.returncode == 2 and "not valid TOML" in result.stderr


def test_extract_prints_the_record_and_methods(tmp_path):
    from tests.conftest import FIXTURES

    page = FIXTURES / "ncac_en" / "trs-article-no-dateline.html"
    url = "https://en.ncac.gov.cn/news/internationalcooperation/202311/t20231109_58801.html"
    result = CliRunner().invoke(main, ["extract", str(page), "--site", "ncac_en", "--url", url])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["breadcrumb"] == ["Home", "News", "International Cooperation"]
    assert record["section"] == "News > International Cooperation"
    assert record["published"] == "2023-11-09T15:20:00+08:00"
    assert record["methods"]["published"] == "meta PubDate"
    assert record["methods"]["charset"] == "utf-8 (meta)"
    assert record["body_text"].startswith("Officials of the copyright department")
    # The same page from standard input with the generic extractor only.
    result = CliRunner().invoke(main, ["extract", "-", "--url", url], input=page.read_bytes())
    generic = json.loads(result.output)
    assert generic["title"] == record["title"]
    assert generic["breadcrumb"] == record["breadcrumb"]


def test_extract_of_a_listing_page_exits_1_and_says_why():
    from tests.conftest import FIXTURES

    page = FIXTURES / "ncac_en" / "old-cms-channel-page-2.shtml"
    result = CliRunner().invoke(main, ["extract", str(page), "--site", "ncac_en"])
    assert result.exit_code == 1
    record = json.loads(result.output)
    assert "a listing?" in record["error"]
    assert record["title"] == "Top News"  # what was found is still shown


def test_database_from_a_newer_version_is_refused_untouched(tmp_path):
    import sqlite3

    from archive.store import SCHEMA_VERSION, Archive

    db = tmp_path / "archive.db"
    Archive(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    for args in (["crawl", "ncac_en"], ["serve"], ["reparse", __file__]):
        result = run_cli(*args, "--db", str(db), cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert "newer than this newsarchive understands" in result.stderr
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before
