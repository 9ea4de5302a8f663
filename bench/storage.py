"""What does the archive layer cost per article, next to the plainest possible write?

What: generates N article records (mixed Chinese and English bodies of a few
kilobytes, realistic breadcrumbs and dates) and writes them into two fresh
archives with the same schema: once through ``Archive.save_article`` (the path
every crawled article takes: lookup, content hash, insert, search index, a
savepoint per article and a commit every COMMIT_EVERY articles, as a crawl
commits them), and once
as a plain ``executemany`` of the same rows and the same search-index rows in
a single transaction.  Prints articles/s for both and ``store_vs_executemany``.

Why: issue 8 asks the pipeline to cost little more than fetching the pages;
its goal here is ``store_vs_executemany`` >= 0.5.  Both runs happen in the
same process on the same machine, so the ratio holds on a noisy one.

Usage: ``.venv/bin/python bench/storage.py [--articles N]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from archive.search import search_form  # noqa: E402
from archive.store import ARTICLE_FIELDS, COMMIT_EVERY, Archive, content_hash, utc_now  # noqa: E402

CHINESE = "国家版权局发布年度报告加强著作权保护推动文化产业高质量发展促进创新"
ENGLISH_TEXT = (
    "The administration announced new measures to protect copyright and promote "
    "the healthy development of the creative industries across the country"
)
ENGLISH = ENGLISH_TEXT.split()


def make_records(count: int, seed: int = 8) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for number in range(count):
        chinese = number % 2 == 0
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            if chinese:
                text = "".join(rng.choice(CHINESE) for _ in range(rng.randint(80, 200))) + "。"
            else:
                text = " ".join(rng.choice(ENGLISH) for _ in range(rng.randint(40, 90))) + "."
            paragraphs.append(text)
        records.append(
            {
                "url": f"https://news.bench.example/{number // 100}/t{number:08d}.html",
                "site": "bench",
                "breadcrumb": ["Home", "News", f"Column {number % 7}"],
                "section": f"News > Column {number % 7}",
                "title": f"Notice {number}: " + (paragraphs[0][:30] if chinese else "new measures"),
                "published": f"20{10 + number % 15}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                "body_text": "\n\n".join(paragraphs),
                "body_html": "".join(f"<p>{text}</p>" for text in paragraphs),
                "language": "zh" if chinese else "en",
            }
        )
    return records


def through_archive(path: Path, records: list[dict]) -> float:
    """As a crawl writes: save_article per record, a commit every COMMIT_EVERY records."""
    with Archive(path) as archive:
        start = time.perf_counter()
        for index, record in enumerate(records, 1):
            archive.begin_batch()  # if none is open
            archive.save_article(record)
            if index % COMMIT_EVERY == 0:
                archive.commit_batch()
        archive.commit_batch()
        return time.perf_counter() - start


def plain_executemany(path: Path, records: list[dict]) -> float:
    Archive(path).close()  # the same schema, created the same way
    conn = sqlite3.connect(path)
    try:
        start = time.perf_counter()
        seen = utc_now()
        rows = []
        for record in records:
            row = {name: record[name] for name in ARTICLE_FIELDS}
            row["breadcrumb"] = json.dumps(record["breadcrumb"], ensure_ascii=False)
            row["content_hash"] = content_hash(row)
            rows.append(row)
        columns = [*ARTICLE_FIELDS, "content_hash", "first_seen", "last_seen", "version_seen"]
        with conn:
            conn.executemany(
                f"INSERT INTO articles ({', '.join(columns)}) VALUES "
                f"({', '.join('?' for _ in columns)})",
                [[*(row[name] for name in columns[:-3]), seen, seen, seen] for row in rows],
            )
            # A fresh table numbers its rows 1..N in insertion order.  (Looking each
            # id up in the INSERT, `SELECT id FROM articles WHERE url = ?`, made this
            # baseline four times slower.)
            assert conn.execute("SELECT max(id) FROM articles").fetchone()[0] == len(rows)
            conn.executemany(
                "INSERT INTO articles_fts (rowid, title, body_text) VALUES (?, ?, ?)",
                [
                    (number, search_form(row["title"]), search_form(row["body_text"]))
                    for number, row in enumerate(rows, 1)
                ],
            )
        return time.perf_counter() - start
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000, help="records to write")
    args = parser.parse_args()
    records = make_records(args.articles)
    size = sum(len(r["body_text"].encode()) for r in records) // len(records)
    print(f"inputs: {len(records)} articles, mean body {size} bytes, half Chinese, half English")
    with tempfile.TemporaryDirectory() as tmp:
        plain = plain_executemany(Path(tmp) / "plain.db", records)
        archived = through_archive(Path(tmp) / "archive.db", records)
    print(f"executemany_articles_per_s {len(records) / plain:.0f}")
    print(f"store_articles_per_s {len(records) / archived:.0f}")
    print(f"store_vs_executemany {plain / archived:.2f}")


if __name__ == "__main__":
    main()
