"""Parsing and canonical spelling of document numbers and symbols (DOMAIN.md §7.1–7.3).

Three shapes, tested in this order (§7.3):

- State legal normative: ``number/year/TYPE-ISSUER`` (``59/2023/NĐ-CP``; a law has no type
  segment: ``10/2022/QH15``);
- Party: ``number-TYPE/ISSUER`` (``114-KL/TW``, ``11-QĐi/TW``);
- State administrative: ``number/TYPE-ISSUER`` (``575/QĐ-UBND``), or, for a công văn,
  ``number/ISSUER-UNIT`` with no type segment.

The canonical form restores "Đ" in abbreviations that are unambiguous once folded
(QD→QĐ, ND→NĐ, HDND→HĐND, DU→ĐU …) because English texts and keyboards drop it. "HD" and
"DA" are left as written: HD is Hướng dẫn but HĐ is Hợp đồng, DA is Dự án but ĐA is Đề án.
Numbers take a leading zero below 10, as Decree 30/2020 prescribes, so "5/KH-UBND" and
"05/KH-UBND" are the same document.
"""

from __future__ import annotations

import re

from .normalize import normalize_text
from .types import ParsedSymbol, SymbolKind

# Folded (Đ→D, upper-case) abbreviation → canonical spelling.
_RESTORE: dict[str, str] = {
    "QD": "QĐ",
    "QDI": "QĐi",
    "QYD": "QyĐ",
    "ND": "NĐ",
    "CD": "CĐ",
    "TTG": "TTg",
    "CTR": "CTr",
    "TTR": "TTr",
    "TRS": "TrS",
    "HDND": "HĐND",
    "HDTP": "HĐTP",
    "DU": "ĐU",
    "DUK": "ĐUK",
    "DUCP": "ĐUCP",
    "DUQH": "ĐUQH",
    "BCSD": "BCSĐ",
    "BCSDCP": "BCSĐCP",
    "BCD": "BCĐ",
    "BGDDT": "BGDĐT",
    "BLDTBXH": "BLĐTBXH",
    "TLDLDVN": "TLĐLĐVN",
    "LDLD": "LĐLĐ",
    "DHQG": "ĐHQG",
    "DTN": "ĐTN",
    "DDUBND": "ĐĐUBND",
}
# Folded forms that mean two different abbreviations: keep what the text wrote.
_AMBIGUOUS = frozenset({"HD", "DA"})

# State abbreviations → type (Appendix III of Decree 30/2020 and the legal normative types).
STATE_TYPES: dict[str, str] = {
    "NQ": "resolution",
    "NQLT": "resolution",
    "NĐ": "decree",
    "QĐ": "decision",
    "CT": "directive",
    "QC": "regulation",
    "QyĐ": "regulation",
    "TC": "notice",
    "TB": "notice",
    "HD": "guidance",
    "CTr": "program",
    "KH": "plan",
    "PA": "plan",
    "ĐA": "other",
    "DA": "other",
    "BC": "report",
    "BB": "other",
    "TTr": "other",
    "HĐ": "other",
    "CĐ": "official_dispatch",
    "CV": "official_dispatch",
    "KL": "conclusion",
    "BGN": "other",
    "BTT": "other",
    "GUQ": "other",
    "GM": "other",
    "GGT": "other",
    "GNP": "other",
    "PG": "other",
    "PC": "other",
    "PB": "other",
    "SY": "other",
    "TrS": "other",
    "SL": "other",
    "VBHN": "other",
    "TT": "circular",
    "TTLT": "circular",
    "PL": "other",
    "L": "other",
}
# Party abbreviations → type (QĐ 66-QĐ/TW / HD 36-HD/VPTW practice, DOMAIN.md §7.2).
PARTY_TYPES: dict[str, str] = {
    "NQ": "resolution",
    "QĐ": "decision",
    "QĐi": "regulation",
    "QyĐ": "regulation",
    "CT": "directive",
    "KL": "conclusion",
    "QC": "regulation",
    "HD": "guidance",
    "TB": "notice",
    "BC": "report",
    "KH": "plan",
    "CTr": "program",
    "CV": "official_dispatch",
    "TTr": "other",
    "ĐA": "other",
    "DA": "other",
    "PA": "plan",
    "BB": "other",
    "TC": "notice",
    "TT": "circular",
    "BS": "other",
    "CĐ": "official_dispatch",
    "GM": "other",
    "GGT": "other",
    "PC": "other",
}
# Types of legal normative documents, whose symbols legitimately carry the year.
_LEGAL_TYPES = frozenset({"NQ", "NQLT", "NĐ", "TT", "TTLT", "PL", "L", "VBHN", "QĐ", "CT"})
# A legal normative Decision (of the PM or a provincial People's Committee) gets a small
# number: a few dozen a year. "575/2024/QĐ-UBND" is an administrative decision with the
# year typed in by mistake.
_MAX_LEGAL_DECISION_NUMBER = 150
# Directives stopped being legal normative documents with the 2015 Law on Promulgation.
_LAST_LEGAL_DIRECTIVE_YEAR = 2015

_LAW_ISSUER = re.compile(r"(?:QH|UBTVQH)\d{0,2}")
_PREFIX = re.compile(
    r"^\s*(?:s[ốoố]|number|nos?\.?)\s*[:.]?\s*(?=\d)|^\s*(?:s[ốo]|no)\s*[:.]\s*",
    re.IGNORECASE,
)
_LEADING_ABBR = re.compile(r"^(?P<abbr>[A-Za-zĐđ]{1,5})\.?\s+(?=\d)")
_SPACES = re.compile(r"\s+")
_SEG = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:\.[IVXivx]{1,4})?"
_SEGS = rf"{_SEG}(?:-{_SEG})*"
_LEGAL = re.compile(rf"(?P<num>\d{{1,6}})/(?P<year>(?:19|20)\d{{2}})/(?P<segs>{_SEGS})")
_PARTY = re.compile(rf"(?P<num>\d{{1,6}})-(?P<type>{_SEG})/(?P<segs>{_SEGS})")
_ADMIN = re.compile(rf"(?P<num>\d{{1,6}})/(?P<segs>{_SEGS})")
_FOLD_D = str.maketrans({"Đ": "D", "đ": "d"})


def fold_upper(value: str) -> str:
    """Đ→D and upper case: the folded spelling of one abbreviation or symbol."""
    return value.translate(_FOLD_D).upper()


def canonical_segment(segment: str) -> str:
    """Return the canonical spelling of one abbreviation ("QD" → "QĐ", "ttg" → "TTg")."""
    folded = fold_upper(segment)
    if folded in _AMBIGUOUS:
        return segment.upper()
    return _RESTORE.get(folded, segment.upper())


def canonical_number(number: str) -> str:
    """Leading zero below 10 (Decree 30/2020, Appendix I): "5" → "05", "0127" → "127"."""
    return str(int(number)).zfill(2)


def _plain_key(value: str) -> str:
    return fold_upper(_SPACES.sub("", value))


def build_symbol(
    *,
    number: str,
    year: str | None,
    segments: list[str],
    party_type: str | None = None,
) -> ParsedSymbol:
    """Build the canonical symbol from matched parts (segments already without spaces).

    ``party_type`` set means the Party shape (``segments`` are then the issuers).
    """
    num = canonical_number(number)
    segs = [canonical_segment(s) for s in segments]
    if party_type is not None:
        abbr = canonical_segment(party_type)
        issuer = "-".join(segs)
        symbol = f"{num}-{abbr}/{issuer}"
        return ParsedSymbol(
            family="party",
            kind="party",
            number=num,
            year=None,
            type_abbreviation=abbr,
            issuer=issuer,
            symbol=symbol,
            key=fold_upper(symbol),
            doc_type=PARTY_TYPES.get(abbr, "other"),
        )
    first = segs[0]
    year_hint: int | None = None
    if year is not None:
        if _LAW_ISSUER.fullmatch(first):
            symbol = f"{num}/{year}/{'-'.join(segs)}"
            return ParsedSymbol(
                family="state",
                kind="state_legal",
                number=num,
                year=int(year),
                type_abbreviation="",
                issuer="-".join(segs),
                symbol=symbol,
                key=fold_upper(symbol),
                doc_type="law",
            )
        if _keeps_year(first, num, int(year)):
            symbol = f"{num}/{year}/{'-'.join(segs)}"
            return ParsedSymbol(
                family="state",
                kind="state_legal",
                number=num,
                year=int(year),
                type_abbreviation=first,
                issuer="-".join(segs[1:]),
                symbol=symbol,
                key=fold_upper(symbol),
                doc_type=STATE_TYPES.get(first, "other"),
            )
        year_hint = int(year)
    symbol = f"{num}/{'-'.join(segs)}"
    kind: SymbolKind
    if first in STATE_TYPES:
        kind, abbr, issuer = "state_admin", first, "-".join(segs[1:])
        doc_type = STATE_TYPES[first]
    else:
        kind, abbr, issuer = "official_dispatch", "", first
        doc_type = "official_dispatch"
    return ParsedSymbol(
        family="state",
        kind=kind,
        number=num,
        year=None,
        type_abbreviation=abbr,
        issuer=issuer,
        symbol=symbol,
        key=fold_upper(symbol),
        doc_type=doc_type,
        year_hint=year_hint,
    )


def _keeps_year(abbr: str, number: str, year: int) -> bool:
    if abbr not in _LEGAL_TYPES:
        return False
    if abbr == "QĐ":
        return int(number) <= _MAX_LEGAL_DECISION_NUMBER
    if abbr == "CT":
        return year <= _LAST_LEGAL_DIRECTIVE_YEAR
    return True


def parse_symbol(text: str) -> ParsedSymbol | None:
    """Parse one number-and-symbol as typed by a person or printed in a header.

    Accepts "Số: 127-QĐ/TW", "No. 33/CT-TTg", "55/2024/ND-CP", "575 / QÐ – UBND", and a
    leading type abbreviation ("QĐ 23-QĐ/TW"; "QĐ 127/TW" is read as the Party decision
    127-QĐ/TW, the usual shorthand). Returns None when the text is not a symbol.
    """
    value = _PREFIX.sub("", normalize_text(text).strip(), count=1)
    leading = _LEADING_ABBR.match(value)
    abbr = None
    if leading:
        abbr = leading.group("abbr")
        value = value[leading.end() :]
    value = _SPACES.sub("", value).rstrip(".,;:)")
    if m := _LEGAL.fullmatch(value):
        return build_symbol(number=m["num"], year=m["year"], segments=m["segs"].split("-"))
    if m := _PARTY.fullmatch(value):
        return build_symbol(
            number=m["num"], year=None, segments=m["segs"].split("-"), party_type=m["type"]
        )
    if m := _ADMIN.fullmatch(value):
        segments = m["segs"].split("-")
        if abbr and len(segments) == 1 and fold_upper(segments[0]) in _PARTY_ISSUERS:
            return build_symbol(number=m["num"], year=None, segments=segments, party_type=abbr)
        return build_symbol(number=m["num"], year=None, segments=segments)
    return None


# Issuers that only the Party uses (DOMAIN.md §7.2), to read "QĐ 127/TW" as a Party symbol.
_PARTY_ISSUERS = frozenset(
    {"TW", "VPTW", "BTCTW", "UBKTTW", "BDVTW", "BTGDVTW", "BTGTW", "TU", "HU", "QU", "DU", "DUK"}
)


def fold_key(symbol: str) -> str:
    """Return the matching key of a symbol: canonical form folded ("127-QD/TW").

    Symbols that parse are canonicalised first (leading zero, a misplaced year removed), so
    "5/2021/TT-TTCP" and "05/2021/TT-TTCP" share a key; anything else is folded as written
    (spaces removed, Đ→D, upper case).
    """
    parsed = parse_symbol(symbol)
    if parsed is not None:
        return parsed.key
    return _plain_key(_PREFIX.sub("", normalize_text(symbol).strip(), count=1))
