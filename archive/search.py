"""Full-text search that works for Chinese as well as English.

SQLite's FTS5 splits text into words at spaces and punctuation, which suits
English but not Chinese, where a sentence is one unbroken run of characters.
The index therefore stores a *search form* of each title and body in which
every run of CJK characters is written as its overlapping character pairs
(bigrams), ending with its last character alone: "版权保护" becomes
"版权 权保 保护 护".  Every character starts exactly one word of the index, and
a Chinese query becomes the phrase of its own pairs ("知识产权" is the phrase
"知识 识产 产权"), so any Chinese query finds exactly the articles that
contain it.  Why pairs and not single characters (the form before schema 8):
a phrase of single characters makes SQLite read the whole list of places of
every character, and common characters occur in most Chinese articles; a pair
is far rarer, so a rare word costs a rare word's list (bench/search.py).  A
one-character query is a prefix query ("版" matches every word starting with 版),
answered from the index's prefix index of first characters (FTS_OPTIONS).

English words go through the Porter stemmer (the index's tokenizer is
`porter unicode61`), so "copyrights" finds "copyright"; matching ignores case
and diacritics.

From SQL, let fts_query() write the expression (the plugin registers it as
`escape_fts`, in Datasette and in `newsarchive serve`):

    SELECT a.title, a.url
    FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH escape_fts('版权 copyright')
    ORDER BY rank;

In Datasette the search box, `?_search=` and the `search` canned query apply
it for you.
"""

from __future__ import annotations

import re
from array import array

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
# prefix='1': FTS5 also keeps, for each first character, the list of every word starting
# with it, which answers a one-character Chinese query (`"版" *`, every pair starting with
# 版) in one read; without it SQLite merged the lists of thousands of pairs: 1.6 s for 的
# in the search box at a million articles (schema 10, bench/search.py).
FTS_OPTIONS = f"tokenize='{FTS_TOKENIZER}', prefix='1'"
# CJK ideographs (with extensions), kana and hangul: runs of them are indexed as pairs.
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
# Characters that sit next to Chinese text without a space: CJK, its punctuation,
# digits, and the brackets that mark matches in snippets.
_WIDE = f"{_CJK}\u3000-\u303f\uff00-\uffef"
_SPACED_PAIR = re.compile(
    f"(?<=[{_WIDE}]) +(?=[{_WIDE}0-9\\[\\]])|(?<=[0-9\\[\\]]) +(?=\\[?[{_WIDE}])"
)
_QUERY_TERMS = re.compile(r'"[^"]*"|\S+')
# A query term's pieces: a CJK run, or a stretch of anything else.
_QUERY_PIECES = re.compile(f"[{_CJK}]+|[^{_CJK}]+")
# A snippet of the index in pieces: match marks, CJK words, and anything else.
_SNIPPET_PIECES = re.compile(f"[\\[\\]]|[{_CJK}]+|[^\\[\\]{_CJK}]+")
_IS_CJK = re.compile(f"[{_CJK}]")
_SPACES = re.compile(" {2,}")


_SPACE = array("I", [ord(" ")])
assert _SPACE.itemsize == 4, "array('I') holds one UTF-32 code unit"


def _every_pair(text: str) -> str:
    """Each character of TEXT followed by the next one and a space ("abc" -> "ab bc c  ").

    The pairs of the run TEXT[s:e] are then _every_pair(TEXT)[3s : 3e - 2], so a
    text's pairs are made in one pass in C, not run by run in Python: with
    Chinese bodies in the index, that was a third of the cost of storing an
    article (bench/e2e.py).
    """
    chars = array("I", text.encode("utf-32-le", "surrogatepass"))
    spread = _SPACE * (3 * len(chars))
    spread[0::3] = chars
    spread[1 : 3 * len(chars) - 3 : 3] = chars[1:]
    return spread.tobytes().decode("utf-32-le", "surrogatepass")


def search_form(text: str | None) -> str:
    """TEXT as the index stores it: every CJK run as its character pairs."""
    if not text or not _CJK_RUN.search(text):
        return text or ""
    pairs = _every_pair(text)
    return _CJK_RUN.sub(lambda run: f" {pairs[3 * run.start() : 3 * run.end() - 2]} ", text)


def _phrase(term: str) -> str:
    """One query term as an FTS5 phrase (with a trailing `*` when it ends in one CJK character)."""
    words: list[str] = []
    pieces = _QUERY_PIECES.findall(term)
    prefix = False
    for index, piece in enumerate(pieces):
        if not _IS_CJK.match(piece):
            words += piece.replace('"', " ").split()
        elif index < len(pieces) - 1:
            # Followed by more of the phrase: the run ends here in the text too.
            words += search_form(piece).split()
        elif len(piece) == 1:
            words.append(piece)
            prefix = True
        else:
            # The phrase ends inside a run: its pairs (not the lone last character),
            # wherever the run goes on.
            words += search_form(piece).split()[:-1]
    if not words:
        return ""
    return '"' + " ".join(words) + '"' + (" *" if prefix else "")


def fts_query(query: str | None) -> str:
    """A user's query as an FTS5 MATCH expression: terms ANDed, Chinese runs as phrases of pairs.

    Quoted phrases stay phrases; FTS syntax characters in a term are neutralised,
    so any input is a valid expression.
    """
    if not query:
        return '""'
    terms = [_phrase(raw.strip('"')) for raw in _QUERY_TERMS.findall(query)]
    return " ".join(term for term in terms if term) or '""'


def _joined_pairs(snippet: str) -> str:
    """A snippet of the index with each CJK run written as plain characters again.

    A pair word stands for its first character when the next word of its run
    follows one space on (its second character is that word's first); a mark
    FTS5 put around a pair marks both of its characters.
    """
    out: list[tuple[str, bool]] = []  # (text, inside a match)
    marked = False
    pending: tuple[str, bool] | None = None  # the last pair's second character
    gap: list[tuple[str, bool]] = []  # text after that pair, until the next word
    for piece in _SNIPPET_PIECES.findall(snippet):
        if piece in "[]":
            marked = piece == "["
            continue
        is_cjk = _IS_CJK.match(piece) is not None
        if pending is not None and not is_cjk:
            gap.append((piece, marked))
            continue
        rest = piece
        if pending is not None:
            if [text for text, _ in gap] == [" "]:  # the run goes on
                out.append((piece[0], marked or pending[1]))
                rest = piece[1:]
            else:
                out += [pending, *gap]
            pending, gap = None, []
        if is_cjk and len(piece) == 2:
            if rest == piece:
                out.append((piece[0], marked))
            pending = (piece[1], marked)
        elif rest:
            out.append((rest, marked))
    if pending is not None:
        out += [pending, *gap]
    text = []
    inside = False
    for piece, piece_marked in out:
        if piece_marked != inside:
            text.append("[" if piece_marked else "]")
            inside = piece_marked
        text.append(piece)
    if inside:
        text.append("]")
    return "".join(text)


def without_cjk_spaces(text: str | None) -> str:
    """Undo search_form() for display (snippets of the index)."""
    if not text:
        return ""
    return _SPACED_PAIR.sub("", _SPACES.sub(" ", _joined_pairs(text))).strip()
