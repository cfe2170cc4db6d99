"""Text normalisation for reference matching (DOMAIN.md §7.3 steps 1–3, 6).

Two views of the same text are built, both **character-for-character aligned** with the
input (same length), so an offset found in one is valid in the other and in the original:

- ``normalize_text``: Ð (Icelandic eth, U+00D0, common in scans and some fonts) → Đ,
  en/em dashes, minus, hyphen variants → "-", exotic spaces → " ", full-width slash → "/".
  Symbols are matched on this view (they are case-sensitive: "TTg", "QĐi").
- ``fold_text``: the normalised text in lower case without diacritics (đ→d), where the type
  words ("Quyết định", "Quyet dinh", "Decision") and relation verbs are matched, so that
  texts typed without diacritics are read like the others.

Unicode NFC is applied first only when the input is not already NFC (decomposed input from
some PDF extractors); NFC can change the length, so offsets then refer to the NFC text.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)

_NORMALIZE_TABLE: dict[int, str] = {ord(c): "-" for c in _DASHES}
_NORMALIZE_TABLE.update({ord(c): " " for c in _SPACES})
_NORMALIZE_TABLE.update({0x00D0: "Đ", 0x00F0: "đ", 0xFF0F: "/", 0x2044: "/", 0x2215: "/"})
# Zero-width characters would change the length if removed; a space keeps offsets aligned.
_NORMALIZE_TABLE.update({0x200B: " ", 0x200C: " ", 0x200D: " ", 0xFEFF: " ", 0x00AD: "-"})


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x1EFA):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base.lower()
    table.update({0x0110: "d", 0x0111: "d", 0x00D0: "d", 0x00F0: "d"})
    # ASCII lower-casing in the table rather than str.lower(), which can change the length
    # ("İ".lower() is two characters) and would break the offset alignment.
    table.update({code: chr(code + 32) for code in range(ord("A"), ord("Z") + 1)})
    return table


_FOLD_TABLE = _build_fold_table()


# str.translate looks every character up in a dict; most texts need no mapping at all, and a
# regex search for the few characters concerned runs in C.
_NEEDS_NORMALIZING = re.compile("[" + re.escape("".join(map(chr, _NORMALIZE_TABLE))) + "]")


def normalize_text(text: str) -> str:
    """Return ``text`` in NFC with eths, dashes and odd spaces mapped (length kept)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _NEEDS_NORMALIZING.search(text) is None:
        return text
    return text.translate(_NORMALIZE_TABLE)


def fold_text(normalized: str) -> str:
    """Return the lower-case (Latin), diacritic-free view of a normalised text (same length)."""
    return normalized.translate(_FOLD_TABLE)


def fold(value: str) -> str:
    """Fold any string (normalise first): "Quyết định" → "quyet dinh"."""
    return fold_text(normalize_text(value))
