"""Whitespace normalisation shared by every parser."""

from __future__ import annotations

import re
from functools import lru_cache

import lxml.html
from lxml import etree
from parsel import Selector

# \s covers NBSP (U+00A0) and the ideographic space (U+3000) used on Chinese pages.
_WHITESPACE = re.compile(r"\s+")
# Invisible characters that only hint at line breaks: soft hyphen, zero-width space,
# word joiner, byte-order mark.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


# A line break between Chinese characters (or a year and 年) is not a space: CSS's
# segment-break rule for East Asian text, which readers of these pages rely on.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SEGMENT_BREAK = re.compile(
    rf"(?<=[{_WIDE}0-9])[ \t\r]*\n[ \t\r\u3000]*(?=[{_WIDE}])"
    rf"|(?<=[{_WIDE}])[ \t\r]*\n[ \t\r\u3000]*(?=[{_WIDE}0-9])"
)


def clean_text(text: str | None) -> str:
    """Collapse whitespace to one space (none at line breaks in Chinese), drop invisibles."""
    if not text:
        return ""
    if not text.isascii():  # invisibles and wide characters are not ASCII
        text = _INVISIBLE.sub("", text)
        if "\n" in text:
            text = _SEGMENT_BREAK.sub("", text)
    # As _WHITESPACE.sub(" ", text).strip(), faster: split() splits at the same \s.
    return " ".join(text.split())


# Classes that hide an element from sighted readers (screen-reader-only text).
HIDDEN_CLASSES = re.compile(
    r"sr-only|visually-hidden|visuallyhidden|element-invisible|\baural\b|screen-reader|"
    r"offscreen|show-for-sr",
    re.IGNORECASE,
)
_INVISIBLE_TAGS = {"script", "style", "noscript", "template"}


@lru_cache(maxsize=4096)
def hidden_class(classes: str | None) -> bool:
    """Whether a class attribute hides its element (pages repeat the same few)."""
    return bool(classes and HIDDEN_CLASSES.search(classes))


def visible_texts(root: etree._Element) -> list[str]:
    """Text pieces under ROOT that a sighted reader sees, in document order.

    Skips scripts, styles and screen-reader-only elements; walks iteratively
    because hostile pages nest elements thousands of levels deep.
    """
    texts: list[str] = []
    hidden_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_element = isinstance(element.tag, str)
        hides = is_element and (
            element.tag in _INVISIBLE_TAGS or hidden_class(element.get("class"))
        )
        if event == "start":
            if hides:
                hidden_depth += 1
            elif is_element and hidden_depth == 0:
                if element.tag == "br":
                    texts.append("\n")  # a line break, for clean_text's segment-break rule
                if element.text:
                    texts.append(element.text)
        else:
            if hides:
                hidden_depth -= 1
            if element is not root and hidden_depth == 0 and element.tail:
                texts.append(element.tail)
    return texts


def least_visible_lengths(root: etree._Element) -> dict[etree._Element, int]:
    """For every element under ROOT, a lower bound on the length of its visible text
    (joined and cleaned): its visible characters other than whitespace and invisibles.

    One walk instead of one per element; below an element that hides its text the
    bound is 0.
    """
    lengths: dict[etree._Element, int] = {}
    counts = [0]
    hidden_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        hides = element.tag in _INVISIBLE_TAGS or hidden_class(element.get("class"))
        if event == "start":
            if hides:
                hidden_depth += 1
            counts.append(solid_length(element.text) if element.text and not hidden_depth else 0)
        else:
            own = counts.pop()
            lengths[element] = own
            if hides:
                hidden_depth -= 1
            counts[-1] += own
            if element.tail and not hidden_depth:
                counts[-1] += solid_length(element.tail)
    return lengths


def solid_length(text: str) -> int:
    """How many characters of TEXT clean_text keeps other than whitespace."""
    solid = sum(map(len, text.split()))
    if not text.isascii():
        solid -= len(_INVISIBLE.findall(text))
    return solid


def _is_wide(char: str) -> bool:
    """CJK ideographs, kana, hangul and full-width punctuation: no spaces between them."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2014 <= code <= 0x201F  # dashes and quotes used with Chinese text
    )


def join_texts(pieces: list[str]) -> str:
    """Join text pieces of one line the way a reader sees them.

    Pieces from different elements get a space between them, except where
    either side is Chinese (or Japanese, Korean) text or punctuation.
    """
    joined = ""
    for piece in pieces:
        if not piece:
            continue
        if (
            joined
            and not joined[-1].isspace()
            and not piece[0].isspace()
            and not (_is_wide(joined[-1]) or _is_wide(piece[0]))
        ):
            joined += " "
        joined += piece
    return clean_text(joined)


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_GERMAN_WORDS = re.compile(r"\b(?:der|die|das|und|nicht|mit|für|ist|den|dem|auf|eine?)\b", re.I)
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|for|with|that|on)\b", re.I)


def guess_language(text: str) -> str:
    """ "zh", "de" or "en" from a text's script and commonest words ("" if unsure)."""
    sample = text[:3000]
    letters = sum(1 for char in sample if char.isalpha())
    if not letters:
        return ""
    if len(_CJK_CHAR.findall(sample)) / letters > 0.3:
        return "zh"
    german, english = len(_GERMAN_WORDS.findall(sample)), len(_ENGLISH_WORDS.findall(sample))
    if max(german, english) < 3:
        return ""
    return "de" if german > english else "en"


# A stray </html> or </body> in a page's header (seen on www.gov.cn) makes the
# HTML parser drop everything after it; only the last one of each is kept.
_END_TAGS = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def without_premature_end_tags(html: str) -> str:
    """HTML without the </html> and </body> tags that come before the real end."""
    ends = list(_END_TAGS.finditer(html))
    if len(ends) <= 2:
        return html
    keep = {match.start() for match in ends[-2:]}
    return _END_TAGS.sub(lambda m: m.group(0) if m.start() in keep else "", html)


# Characters no HTML document may contain (and lxml refuses): C0 controls but tab,
# newline and carriage return; DEL; lone surrogates.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def parseable_html(html: str) -> str:
    """HTML ready for the parser: forbidden characters dropped, stray end tags removed."""
    if _has_forbidden_characters(html):
        html = _FORBIDDEN_CHARACTERS.sub("", html)
    return without_premature_end_tags(html)


def _has_forbidden_characters(html: str) -> bool:
    """_FORBIDDEN_CHARACTERS.search(HTML), at a third of the cost: lone surrogates
    cannot be encoded, and the byte-level deletion of controls runs in C."""
    try:
        encoded = html.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return len(encoded.translate(None, _FORBIDDEN_BYTES)) != len(encoded)


class _HtmlParser(etree.HTMLParser):
    """lxml.html's HTML parser, with the class of each element chosen in C.

    lxml.html chooses it in Python (forms and inputs get classes of their own) every
    time Python touches an element, which is a good part of walking a tree, ours and
    trafilatura's alike (its copy of our tree keeps our parser).  Here every element
    is an HtmlElement, which has all the methods the parsers use.
    """

    def __init__(self, **options):
        super().__init__(**options)
        self.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement,
                comment=lxml.html.HtmlComment,
                pi=lxml.html.HtmlProcessingInstruction,
                entity=lxml.html.HtmlEntity,
            )
        )


def page_selector(html: str) -> Selector:
    """Selector(text=HTML) as parsel makes it (same parser options), with _HtmlParser."""
    stripped = html.strip()
    if not stripped.startswith("<") or stripped.startswith("<?xml"):
        return Selector(text=html)  # parsel's reading of JSON and XML documents
    return _html_selector(stripped.replace("\x00", "").encode("utf-8") or b"<html/>")


def parsed_page(html: str) -> Selector:
    """page_selector(parseable_html(HTML)), encoding the page only once when it needs
    no repair (the usual case)."""
    try:
        encoded = html.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        return page_selector(parseable_html(html))
    trimmed = html.rstrip(" \t\r\n")  # one byte each in UTF-8
    if (
        len(encoded.translate(None, _FORBIDDEN_BYTES)) != len(encoded)
        or without_premature_end_tags(html) is not html
        or not html.startswith("<")
        or html.startswith("<?xml")
        or trimmed[-1].isspace()
    ):
        return page_selector(parseable_html(html))
    # What page_selector encodes: the page without the whitespace around it.
    return _html_selector(encoded[: len(encoded) - (len(html) - len(trimmed))])


def _html_selector(body: bytes) -> Selector:
    parser = _HtmlParser(recover=True, encoding="utf-8", huge_tree=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        root = etree.fromstring(b"<html/>", parser=parser)
    return Selector(root=root, type="html")
