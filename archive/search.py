"""Full-text search that works for Chinese as well as English.

SQLite's FTS5 splits text into words at spaces and punctuation, which suits
English but not Chinese, where a sentence is one unbroken run of characters.
The index therefore stores a *search form* of each title and body in which
every CJK character stands alone ("版权保护" becomes "版 权 保 护"), and a query
is turned into the same form, with each run of Chinese characters as a phrase
("版权" becomes the phrase "版 权"): any Chinese query of one or more characters
finds exactly the articles that contain it.  English words go through the
Porter stemmer (the index's tokenizer is `porter unicode61`), so "copyrights"
finds "copyright"; matching ignores case and diacritics.

From SQL:

    SELECT a.title, a.url
    FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH '"版 权" copyright'
    ORDER BY rank;

In Datasette the search box, `?_search=` and the `search` canned query apply
fts_query() for you (the plugin registers it as `escape_fts`).
"""

from __future__ import annotations

import re

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
# CJK ideographs (with extensions), kana and hangul: each one is a search token.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_RUN = re.compile(f"[{_CJK}]+")
# Characters that sit next to Chinese text without a space: CJK, its punctuation,
# digits, and the brackets that mark matches in snippets.
_WIDE = f"{_CJK}\u3000-\u303f\uff00-\uffef"
_SPACED_PAIR = re.compile(f"(?<=[{_WIDE}]) +(?=[{_WIDE}0-9\\[\\]])|(?<=[0-9\\[\\]]) +(?=[{_WIDE}])")
_QUERY_TERMS = re.compile(r'"[^"]*"|\S+')


class _SpacedCJK(dict):
    """str.translate table: a CJK character -> itself between spaces, any other -> itself.

    Filled as characters are met (at most one entry per distinct character), so a
    whole body is translated in C: a regex substitution calling back into Python
    for every character cost a third of saving a Chinese article.
    """

    def __missing__(self, code: int) -> str | int:
        char = chr(code)
        value = f" {char} " if _CJK_CHAR.match(char) else code
        self[code] = value
        return value


_SPACED_CJK = _SpacedCJK()


def search_form(text: str | None) -> str:
    """TEXT as the index stores it: every CJK character a word of its own."""
    if not text:
        return ""
    return text.translate(_SPACED_CJK)


def fts_query(query: str | None) -> str:
    """A user's query as an FTS5 MATCH expression: terms ANDed, Chinese runs as phrases.

    Quoted phrases stay phrases; FTS syntax characters in a term are neutralised,
    so any input is a valid expression.
    """
    if not query:
        return '""'
    terms = []
    for raw in _QUERY_TERMS.findall(query):
        term = raw.strip('"')
        words = search_form(term).replace('"', " ").split()
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " ".join(terms) or '""'


def without_cjk_spaces(text: str | None) -> str:
    """Undo search_form() for display (snippets of the index)."""
    if not text:
        return ""
    return _SPACED_PAIR.sub("", re.sub(" {2,}", " ", text)).strip()


def cjk_runs(text: str) -> list[str]:
    return _CJK_RUN.findall(text)
