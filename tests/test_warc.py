"""Raw capture and re-parsing: every response is in WARC files beside the database, and
the archive can be rebuilt from them alone."""

from __future__ import annotations

import os
import sqlite3
import zlib

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.conftest import db_rows, mirror_article_files, run_cli, scrapy_crawl

pytestmark = pytest.mark.e2e

CONTENT = (
    "url, site, breadcrumb, section, title, published, body_text, body_html, language, "
    "content_hash, warc_file, warc_record_id, etag, last_modified"
)


def rows(db):
    return {row["url"]: row for row in db_rows(db, f"SELECT {CONTENT} FROM articles")}


def records(path):
    with open(path, "rb") as handle:
        return [
            (
                record.rec_type,
                record.rec_headers.get_header("WARC-Target-URI"),
                record.rec_headers.get_header("WARC-Record-ID"),
                record.rec_headers.get_header("WARC-Newsarchive-Page"),
            )
            for record in ArchiveIterator(handle)
        ]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("warc")
    db = folder / "archive.db"
    result = run_cli(
        "crawl", "ncac_en", "--mirror", "--db", str(db), "--json", "--log-level", "ERROR"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return db


def test_every_request_and_response_is_captured_and_articles_link_to_theirs(crawled):
    files = sorted((crawled.parent / "archive-warc" / "ncac_en").glob("ncac_en-*-00001.warc.gz"))
    assert len(files) == 1
    captured = records(files[0])
    conn = sqlite3.connect(crawled)
    (requests,) = conn.execute("SELECT requests FROM crawls").fetchone()
    conn.close()
    assert [kind for kind, *_ in captured].count("request") == requests
    assert [kind for kind, *_ in captured].count("response") == requests
    responses = {
        record_id: (url, page) for kind, url, record_id, page in captured if (kind == "response")
    }
    archived = rows(crawled)
    assert set(archived) == set(mirror_article_files())
    for url, row in archived.items():
        assert row["warc_file"] == f"archive-warc/ncac_en/{files[0].name}"
        assert responses[row["warc_record_id"]] == (url, "article")


def test_reparse_rebuilds_the_same_rows_from_warc_alone(crawled, tmp_path):
    rebuilt = tmp_path / "archive.db"
    os.symlink(crawled.parent / "archive-warc", tmp_path / "archive-warc")
    result = run_cli("reparse", "--db", str(rebuilt))
    assert result.returncode == 0, result.stderr
    count = len(mirror_article_files())
    assert f"reparsed {count} article pages from 1 WARC files: {count} new" in result.stdout
    assert rows(rebuilt) == rows(crawled)
    again = run_cli("reparse", "--db", str(rebuilt))
    assert f"0 new, 0 updated, {count} unchanged" in again.stdout


def test_warc_files_rotate_by_size_and_reparse_reads_them_all(tmp_path, mirror_server):
    db = tmp_path / "archive.db"
    result = scrapy_crawl(
        "ncac_en",
        {
            "NEWSARCHIVE_MIRROR": mirror_server.url,
            "NEWSARCHIVE_DB": db,
            "NEWSARCHIVE_WARC_MAX_BYTES": 20000,
            "LOG_LEVEL": "ERROR",
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    files = sorted((tmp_path / "archive-warc" / "ncac_en").glob("*.warc.gz"))
    assert len(files) > 3
    assert all(path.stat().st_size < 20000 + 16000 for path in files)
    before = rows(db)
    db.unlink()
    rebuilt = run_cli("reparse", "--db", str(db), *map(str, files))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rows(db) == before


def test_reparse_without_warc_files_is_a_clear_error(tmp_path):
    result = run_cli("reparse", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert "no WARC files given and none in the folder beside" in result.stderr


def test_each_record_is_a_gzip_member_of_its_own(crawled):
    """As warcio writes with gzip=True: a record can be read from its offset alone."""
    (path,) = sorted((crawled.parent / "archive-warc" / "ncac_en").glob("*.warc.gz"))
    data = path.read_bytes()
    offsets = []
    with open(path, "rb") as handle:
        iterator = ArchiveIterator(handle)
        for _ in iterator:
            offsets.append(iterator.get_record_offset())
    assert len(offsets) >= 4
    for start, end in zip(offsets, [*offsets[1:], len(data)], strict=True):
        member = zlib.decompressobj(wbits=31)
        text = member.decompress(data[start:end])
        assert member.eof and not member.unused_data
        assert text.startswith(b"WARC/1.") and text.endswith(b"\r\n\r\n")
