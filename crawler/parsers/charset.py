"""Bytes to text for HTML pages whose charset declarations cannot be trusted.

Order of evidence: a byte-order mark; then the HTTP header and the page's own
<meta> declaration; then detection (charset-normalizer).  Chinese
declarations (gb2312, gbk, x-gbk) are decoded as GB18030, the superset that
government pages actually use.  A declaration that contradicts the bytes is
caught: when the declared codec fails on the bytes, or when the bytes are
valid UTF-8 with non-ASCII text while a legacy codec is declared, UTF-8 wins.
The result never contains replacement characters unless the bytes are
genuinely broken.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Chinese legacy charsets are all subsets of GB18030.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "iso-8859-1": "cp1252",  # browsers treat latin-1 labels as windows-1252
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_HEADER_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_SNIFF_BYTES = 4096
# Pages saved long ago carry a few broken bytes; this share of replaced characters
# still counts as a clean GB18030 page.
_MAX_BROKEN_SHARE = 0.002


@dataclass(frozen=True)
class DecodedHtml:
    text: str
    encoding: str  # the Python codec used
    method: str  # how it was chosen: bom, header, meta, utf-8 (contradiction), detected, ...


def decode_html(body: bytes, content_type: str | bytes | None = None) -> DecodedHtml:
    """Decode an HTML page's bytes; see the module docstring for the rules."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return DecodedHtml(body[len(bom) :].decode(encoding, "replace"), encoding, "bom")
    declared = []
    header = _charset_from(content_type, _HEADER_CHARSET)
    if header:
        declared.append((header, "header"))
    meta = _charset_from(body[:_SNIFF_BYTES], _META_CHARSET)
    if meta:
        declared.append((meta, "meta"))
    utf8 = _strict(body, "utf-8")
    for label, source in declared:
        encoding = normalise_encoding(label)
        if encoding is None:
            continue
        if encoding == "utf-8":
            if utf8 is not None:
                return DecodedHtml(utf8, "utf-8", source)
            continue  # declared UTF-8 but it is not: look further
        if utf8 is not None and not utf8.isascii():
            return DecodedHtml(utf8, "utf-8", f"utf-8 (contradicts {source} {label})")
        text = _strict(body, encoding)
        if text is not None:
            return DecodedHtml(text, encoding, source)
    if utf8 is not None:
        return DecodedHtml(utf8, "utf-8", "utf-8 (valid)" if not declared else "utf-8 (fallback)")
    # Undeclared legacy bytes: most often Chinese government pages in GBK, which
    # statistical detection misreads on short pages; accept GB18030 when it
    # decodes cleanly into ordinary Chinese text.
    gb = body.decode("gb18030", "replace")
    if _mostly_chinese(gb) and gb.count("\ufffd") <= _MAX_BROKEN_SHARE * len(gb):
        return DecodedHtml(gb, "gb18030", "detected (gb18030)")
    guess = from_bytes(body[:65536]).best()
    if guess is not None and guess.encoding:
        encoding = normalise_encoding(guess.encoding) or guess.encoding
        return DecodedHtml(body.decode(encoding, "replace"), encoding, "detected")
    return DecodedHtml(body.decode("gb18030", "replace"), "gb18030", "fallback")


def normalise_encoding(label: str | bytes) -> str | None:
    """The Python codec for a charset label (GB2312/GBK as GB18030), or None if unknown."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _charset_from(source: str | bytes | None, pattern: re.Pattern[bytes]) -> str | None:
    if not source:
        return None
    if isinstance(source, str):
        source = source.encode("latin-1", "ignore")
    match = pattern.search(source)
    return match.group(1).decode("ascii", "ignore") if match else None


def _mostly_chinese(text: str) -> bool:
    """Non-ASCII characters are overwhelmingly common CJK ideographs and CJK punctuation."""
    non_ascii = [char for char in text if ord(char) > 127]
    if not non_ascii:
        return False
    non_ascii = [char for char in non_ascii if char != "\ufffd"]
    if not non_ascii:
        return False
    common = sum(
        1
        for char in non_ascii
        if "\u4e00" <= char <= "\u9fff"
        or "\u3000" <= char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
    )
    return common / len(non_ascii) >= 0.9


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
