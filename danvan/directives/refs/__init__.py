"""Reference extraction: find the Party and State documents a text cites (issue 5, item 2).

Pure Python, no models. Public API::

    parse_symbol("Số: 127-QĐ/TW") -> ParsedSymbol | None
    fold_key("127-QĐ/TW") -> "127-QD/TW"
    extract(text) -> Extraction(documents, relations, warnings, own_symbol, own_date)
    Extraction.as_json() -> the dict ``manage.py extract_refs --json`` prints
    read_text(name, data) -> str   (refs.files; raises UnreadableFile)

``Warning`` is the issue's name for :class:`ExtractionWarning` (kept as an alias; the class
name avoids shadowing the built-in inside this package's modules).
"""

from .extract import extract
from .symbols import fold_key, parse_symbol
from .types import (
    DOC_TYPES,
    Extraction,
    ExtractionWarning,
    FoundDocument,
    ParsedSymbol,
    Relation,
)

Warning = ExtractionWarning  # the name the issue uses

__all__ = [
    "DOC_TYPES",
    "Extraction",
    "ExtractionWarning",
    "FoundDocument",
    "ParsedSymbol",
    "Relation",
    "Warning",
    "extract",
    "fold_key",
    "parse_symbol",
]
