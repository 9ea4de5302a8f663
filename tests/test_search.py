"""The search form (archive/search.py) on a real FTS5 index: any query finds exactly
the texts that contain it, and snippets read as the text was written."""

from __future__ import annotations

import random
import re
import sqlite3

import pytest

from archive.search import _CJK, FTS_OPTIONS, fts_query, search_form, without_cjk_spaces

TEXTS = [
    "加强版权保护工作",
    "版权",
    "权利版",
    "COVID-19疫情防控 2024年度报告",
    "第3号 文件",
    "the copyright office 版权局 said",
    "知识产权，版权。",
]


def index(texts: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE f USING fts5(body, {FTS_OPTIONS})")  # as the archive's
    conn.executemany(
        "INSERT INTO f (rowid, body) VALUES (?, ?)",
        [(number, search_form(text)) for number, text in enumerate(texts)],
    )
    return conn


def matches(conn: sqlite3.Connection, query: str) -> list[int]:
    rows = conn.execute("SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid", [fts_query(query)])
    return [row[0] for row in rows]


def test_chinese_runs_are_indexed_as_character_pairs():
    assert search_form("加强版权，保护") == " 加强 强版 版权 权 ， 保护 护 "
    assert search_form("copyright") == "copyright"
    assert fts_query("知识产权") == '"知识 识产 产权"'
    assert fts_query("版") == '"版" *'


def test_search_form_pairs_every_run_in_any_text():
    """search_form makes all pairs in one pass; each run must read as its own pairs,
    whatever sits around it (other scripts, astral characters, lone characters)."""
    rng = random.Random(3)
    alphabet = "版权保护，。 ab1\U00020000ぁ가\ud800"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        runs = re.split(f"([{_CJK}]+)", text)
        expected = "".join(
            f" {' '.join(run[i : i + 2] for i in range(len(run)))} " if number % 2 else run
            for number, run in enumerate(runs)
        )
        assert search_form(text) == expected, text


@pytest.mark.parametrize(
    "query",
    ["版权", "版", "权", "护", "保护工作", "2024年", "COVID-19疫情", "年度", "第3号", "版权局",
     "权利版权", "知识产权", "产权，版权"],
)  # fmt: skip
def test_a_chinese_query_finds_exactly_the_texts_containing_it(query):
    expected = [number for number, text in enumerate(TEXTS) if query in text]
    assert matches(index(TEXTS), query) == expected


def test_random_substrings_find_exactly_their_texts():
    """Any run of characters of any text finds the texts it occurs in, and no other."""
    rng = random.Random(8)
    alphabet = "版权保护知识产权工作局的是"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(60)]
    conn = index(texts)
    for _ in range(300):
        source = rng.choice(texts)
        start = rng.randrange(len(source))
        query = source[start : start + rng.randint(1, 5)]
        expected = [number for number, text in enumerate(texts) if query in text]
        assert matches(conn, query) == expected, query


def test_phrases_and_english_words():
    conn = index(TEXTS)
    assert matches(conn, '"copyright office 版权局 said"') == [5]
    assert matches(conn, '"office 版权 said"') == []  # 版权 is not the whole run there
    assert matches(conn, "Copyrights 版权") == [5]
    for awkward in ['"', 'a"b', "AND", "*", "版权 OR", "(", "NEAR("]:
        matches(conn, awkward)  # any input is a valid expression


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("版权", "加强[版权]保护工作"),
        ("保护工作", "加强版权[保护工作]"),
        ("产权", "知识[产权]，版权。"),
        ("copyright", "the [copyright] office 版权局 said"),
        ("版权局", "the copyright office [版权局] said"),
        ("年度", "COVID-19疫情防控2024[年度]报告"),
    ],
)
def test_snippets_show_the_text_as_written_with_the_match_marked(query, shown):
    conn = index(TEXTS)
    snippets = [
        without_cjk_spaces(row[0])
        for row in conn.execute(
            "SELECT snippet(f, 0, '[', ']', ' … ', 24) FROM f WHERE f MATCH ? ORDER BY rowid",
            [fts_query(query)],
        )
    ]
    assert shown in snippets


def test_a_snippet_cut_inside_a_run_keeps_its_characters():
    long = "这是" * 40 + "版权" + "保护" * 40
    conn = index([long])
    (snippet,) = conn.execute(
        "SELECT snippet(f, 0, '[', ']', '…', 8) FROM f WHERE f MATCH ?", [fts_query("版权")]
    ).fetchone()
    shown = without_cjk_spaces(snippet)
    assert "[版权]" in shown
    assert shown.replace("[", "").replace("]", "").strip("…") in long
