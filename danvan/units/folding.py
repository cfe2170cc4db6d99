"""Folding Vietnamese text for search: no diacritics, lower case, single spaces.

Unicode decomposition strips tone and vowel marks (ầ → a) but leaves "đ" alone, because
"đ" is a letter of its own, not "d" with a mark; it is mapped by hand so that people who
type without diacritics ("Phu Dong") still find "Phù Đổng".
"""

import unicodedata

_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def fold_for_search(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, with runs of whitespace collapsed."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())
