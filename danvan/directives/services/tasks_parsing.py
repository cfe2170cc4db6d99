"""Suggesting tasks from a directive's text: numbered items, the units they name, deadlines.

Vietnamese dispatches and plans list their tasks as numbered items ("1. …", "2. …", or
"a) …"), often under a heading "NHIỆM VỤ, GIẢI PHÁP" or "TỔ CHỨC THỰC HIỆN", and each item
names its units in a few fixed turns of phrase:

* "Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp …" — the unit before "chủ trì" leads
  (responsible), those after "phối hợp với" coordinate;
* "UBND các xã, phường …", "Ủy ban nhân dân cấp xã" — every commune-level People's
  Committee of the province, as one group the officer can keep or trim;
* "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh …";
* "… báo cáo kết quả về Ban Tuyên giáo và Dân vận Tỉnh ủy" — a recipient of the report,
  not a unit the task is given to.

Deadlines: "trước ngày 15/12/2026", "hoàn thành trong quý I/2027", "trong 10 ngày làm việc"
(counted by the legal calendar from the document's date), "định kỳ 6 tháng", "hằng quý",
"hằng năm", "thường xuyên".

This module is plain Python (no database, no Django): the caller gives it the units it may
propose (a :class:`UnitCatalogue`, built by the selectors from the managing unit's remit)
and a calendar that counts working days. Matching is on folded text (no diacritics, lower
case, đ → d), so "Uỷ ban", "Ủy ban" and "UBND" all find the same People's Committee. Nothing
here is final: the officer reviews every suggestion before a task is created.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

RESPONSIBLE = "responsible"
COORDINATING = "coordinating"
RECIPIENT = "recipient"  # "báo cáo về Ban …": named, but not given the task

MODE_DATE = "date"
MODE_WORKING_DAYS = "working_days"
MODE_CYCLE = "cycle"
MODE_ONGOING = "ongoing"

QUARTERLY = "quarterly"
SEMIANNUAL = "semiannual"
ANNUAL = "annual"

# Groups of units a text names collectively.
GROUP_COMMUNE_COMMITTEES = "commune_committees"
GROUP_COMMUNE_PARTY = "commune_party_committees"
GROUP_COMMUNE_FRONTS = "commune_fronts"
GROUP_DEPARTMENTS = "departments"
GROUP_MASS_ORGANISATIONS = "mass_organisations"
GROUP_KEYS = (
    GROUP_COMMUNE_COMMITTEES,
    GROUP_COMMUNE_PARTY,
    GROUP_COMMUNE_FRONTS,
    GROUP_DEPARTMENTS,
    GROUP_MASS_ORGANISATIONS,
)

TITLE_MAX = 250

# --------------------------------------------------------------------------- folding


_D = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}
_FOLD_CACHE: dict[str, str] = {}


def _fold_char(char: str) -> str:
    """One character folded to one character (so offsets in the folded text still hold)."""
    folded = _FOLD_CACHE.get(char)
    if folded is None:
        folded = _D.get(char)
        if folded is None:
            decomposed = unicodedata.normalize("NFD", char)
            stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
            folded = stripped if len(stripped) == 1 else char
        _FOLD_CACHE[char] = folded
    return folded


def fold(text: str) -> str:
    """``text`` without diacritics, in lower case, with đ → d; same length as ``text``."""
    return "".join(_fold_char(c) for c in text)


def fold_words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``, abbreviations written out ("UBND" → "uy ban nhan dan")."""
    return tuple(token.word for token in _tokens(text))


# Abbreviations in names of bodies, expanded when written in capitals in the text.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "ubnd": ("uy", "ban", "nhan", "dan"),
    "hdnd": ("hoi", "dong", "nhan", "dan"),
    "ub": ("uy", "ban"),
    "mttq": ("mat", "tran", "to", "quoc"),
    "mttqvn": ("mat", "tran", "to", "quoc", "viet", "nam"),
    "ubmttq": ("uy", "ban", "mat", "tran", "to", "quoc"),
    "ubmttqvn": ("uy", "ban", "mat", "tran", "to", "quoc", "viet", "nam"),
    "vn": ("viet", "nam"),
    "ctxh": ("chinh", "tri", "xa", "hoi"),
    "lhpn": ("lien", "hiep", "phu", "nu"),
    "hlhpn": ("hoi", "lien", "hiep", "phu", "nu"),
    "hnd": ("hoi", "nong", "dan"),
    "ccb": ("cuu", "chien", "binh"),
    "hccb": ("hoi", "cuu", "chien", "binh"),
    "ldld": ("lien", "doan", "lao", "dong"),
    "tncs": ("thanh", "nien", "cong", "san"),
    "bchqs": ("bo", "chi", "huy", "quan", "su"),
    "tp": ("thanh", "pho"),
    "btg": ("ban", "tuyen", "giao"),
    "bdv": ("ban", "dan", "van"),
    "btgdv": ("ban", "tuyen", "giao", "va", "dan", "van"),
    "tu": ("tinh", "uy"),
}
# Pairs written with a dash or a space: "CT-XH", "CT - XH".
ABBREVIATION_PAIRS: dict[tuple[str, str], tuple[str, ...]] = {
    ("ct", "xh"): ("chinh", "tri", "xa", "hoi"),
}


@dataclass(frozen=True, slots=True)
class _Token:
    word: str  # folded
    start: int  # in the original text
    end: int


_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[_Token]:
    folded = fold(text)
    raw = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
    tokens: list[_Token] = []
    i = 0
    while i < len(raw):
        word, start, end = raw[i]
        original = text[start:end]
        if original.isupper() and len(original) >= 2:
            if i + 1 < len(raw) and text[raw[i + 1][1] : raw[i + 1][2]].isupper():
                pair = ABBREVIATION_PAIRS.get((word, raw[i + 1][0]))
                if pair is not None:
                    tokens.extend(_Token(w, start, raw[i + 1][2]) for w in pair)
                    i += 2
                    continue
            expansion = ABBREVIATIONS.get(word)
            if expansion is not None:
                tokens.extend(_Token(w, start, end) for w in expansion)
                i += 1
                continue
        tokens.append(_Token(word, start, end))
        i += 1
    return tokens


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class CatalogueEntry:
    """A unit the officer may give tasks to, as the parser needs to know it.

    ``place_name``/``place_kind`` are the nearest place above the unit (the province for a
    department, the commune for a commune's People's Committee); ``at_root`` says that this
    place is the managing unit's own place, where a dispatch names bodies without the place
    ("Sở Nội vụ", "Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh ủy").
    """

    id: int
    name: str
    kind: str
    place_name: str = ""
    place_kind: str = ""
    at_root: bool = False


# Place-type words as they stand inside a body's name ("Sở Nội vụ tỉnh Hưng Yên").
PLACE_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "province": ("tinh",),
    "city": ("thanh", "pho"),
    "commune": ("xa",),
    "ward": ("phuong",),
    "special_zone": ("dac", "khu"),
}
# Bodies that cannot be named without their place: "Ủy ban nhân dân" alone is ambiguous.
_GENERIC_BASES = frozenset(
    {
        ("uy", "ban", "nhan", "dan"),
        ("hoi", "dong", "nhan", "dan"),
        ("dang", "uy"),
        ("uy", "ban", "mat", "tran", "to", "quoc", "viet", "nam"),
        ("uy", "ban", "mat", "tran", "to", "quoc"),
        ("mat", "tran", "to", "quoc"),
        ("ban",),
        ("so",),
    }
)
_FRONT = ("mat", "tran", "to", "quoc")
_FRONT_VN = (*_FRONT, "viet", "nam")
_MASS_MOBILISATION_NEW = ("tuyen", "giao", "va", "dan", "van")
_MASS_MOBILISATION_OLD = ("dan", "van")


def _strip_suffix(words: tuple[str, ...], suffix: tuple[str, ...]) -> tuple[str, ...] | None:
    if suffix and len(words) > len(suffix) and words[-len(suffix) :] == suffix:
        return words[: -len(suffix)]
    return None


def _replace(words: tuple[str, ...], old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    for i in range(len(words) - len(old) + 1):
        if words[i : i + len(old)] == old:
            return words[:i] + new + words[i + len(old) :]
    return words


def unit_aliases(entry: CatalogueEntry) -> set[tuple[str, ...]]:
    """The ways a text may name ``entry``, as folded word sequences."""
    full = fold_words(entry.name)
    aliases = {full}
    if entry.place_name:
        place = fold_words(entry.place_name)
        type_words = PLACE_TYPE_WORDS.get(entry.place_kind, ())
        bare = place[len(type_words) :] if place[: len(type_words)] == type_words else place
        for suffix in (place, bare):
            base = _strip_suffix(full, suffix)
            if base is None:
                continue
            if entry.at_root:
                if type_words and base[-len(type_words) :] != type_words and base[-1] != "uy":
                    aliases.add(base + type_words)  # "so noi vu tinh"
                if base not in _GENERIC_BASES:
                    aliases.add(base)  # "so noi vu", "tinh uy"
    more: set[tuple[str, ...]] = set()
    for alias in aliases:
        if _FRONT_VN in _windows(alias, len(_FRONT_VN)):
            more.add(_replace(alias, _FRONT_VN, _FRONT))  # "… mat tran to quoc tinh"
        if _MASS_MOBILISATION_NEW in _windows(alias, len(_MASS_MOBILISATION_NEW)):
            more.add(_replace(alias, _MASS_MOBILISATION_NEW, _MASS_MOBILISATION_OLD))
        tail = _strip_suffix(alias, ("tinh", "uy"))
        if entry.at_root and tail is not None and tail not in _GENERIC_BASES:
            more.add(tail)  # "ban tuyen giao va dan van"
    aliases |= more
    for alias in list(aliases):
        tail = _strip_suffix(alias, ("tinh", "uy"))
        if entry.at_root and tail is not None and tail not in _GENERIC_BASES:
            aliases.add(tail)
    return {alias for alias in aliases if alias}


def _windows(words: tuple[str, ...], size: int) -> set[tuple[str, ...]]:
    return {words[i : i + size] for i in range(len(words) - size + 1)}


class UnitCatalogue:
    """The units a directive's tasks may go to, indexed for matching in a text.

    ``groups`` maps a group key (``GROUP_*``) to the units it stands for; a group with no
    unit is reported as not found rather than silently dropped.
    """

    def __init__(
        self,
        entries: Iterable[CatalogueEntry],
        *,
        groups: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        self.entries = {entry.id: entry for entry in entries}
        self.groups: dict[str, tuple[int, ...]] = {
            key: tuple(ids) for key, ids in (groups or {}).items()
        }
        self._trie: dict[str, object] = {}
        for entry in self.entries.values():
            for alias in unit_aliases(entry):
                self._insert(alias, entry.id)

    def _insert(self, words: tuple[str, ...], unit_id: int) -> None:
        node = self._trie
        for word in words:
            child = node.setdefault(word, {})
            assert isinstance(child, dict)
            node = child
        ids = node.setdefault("$", set())
        assert isinstance(ids, set)
        ids.add(unit_id)

    def longest_unit(self, words: Sequence[str], start: int) -> tuple[int, frozenset[int]]:
        """The longest alias starting at ``words[start]``: (words used, unit ids)."""
        node: object = self._trie
        best = (0, frozenset[int]())
        for i in range(start, len(words)):
            assert isinstance(node, dict)
            node = node.get(words[i])
            if node is None:
                break
            assert isinstance(node, dict)
            ids = node.get("$")
            if ids:
                best = (i - start + 1, frozenset(ids))
        return best


# Collective names: the body (optional), then "các xã, phường, đặc khu" or "cấp xã".
_COMMUNE_BODIES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("uy", "ban", "nhan", "dan"), GROUP_COMMUNE_COMMITTEES),
    (("uy", "ban", "mat", "tran", "to", "quoc", "viet", "nam"), GROUP_COMMUNE_FRONTS),
    (("uy", "ban", "mat", "tran", "to", "quoc"), GROUP_COMMUNE_FRONTS),
    (("mat", "tran", "to", "quoc", "viet", "nam"), GROUP_COMMUNE_FRONTS),
    (("mat", "tran", "to", "quoc"), GROUP_COMMUNE_FRONTS),
    (("dang", "uy"), GROUP_COMMUNE_PARTY),
    ((), GROUP_COMMUNE_COMMITTEES),
)
_COMMUNE_WORDS = frozenset({"xa", "phuong", "thi", "tran", "dac", "khu"})
_COMMUNE_HEADS = frozenset({"xa", "phuong"})


def _match_group(words: Sequence[str], start: int) -> tuple[int, tuple[str, ...]]:
    """A collective name at ``start``: (words used, group keys), or (0, ())."""

    def at(i: int, seq: tuple[str, ...]) -> bool:
        return tuple(words[i : i + len(seq)]) == seq

    for body, key in _COMMUNE_BODIES:
        if not at(start, body):
            continue
        i = start + len(body)
        if at(i, ("cap", "xa")):
            return i + 2 - start, (key,)
        if at(i, ("cac", "dia", "phuong")):
            return i + 3 - start, (key,)
        if at(i, ("cac",)):
            j = i + 1
            seen_head = False
            while j < len(words) and words[j] in _COMMUNE_WORDS:
                seen_head = seen_head or words[j] in _COMMUNE_HEADS
                j += 1
            if seen_head:
                return j - start, (key,)
    if at(start, ("cac", "so")):
        j = start + 2
        keys = [GROUP_DEPARTMENTS]
        while j < len(words) and words[j] in {"ban", "nganh", "doan", "the"}:
            j += 1
        if ("doan", "the") in _windows(tuple(words[start:j]), 2):
            keys.append(GROUP_MASS_ORGANISATIONS)
        if at(j, ("tinh",)):
            j += 1
        return j - start, tuple(keys)
    for phrase in (
        ("cac", "to", "chuc", "chinh", "tri", "xa", "hoi"),
        ("cac", "doan", "the", "chinh", "tri", "xa", "hoi"),
        ("cac", "hoi", "doan", "the"),
        ("cac", "doan", "the"),
    ):
        if at(start, phrase):
            j = start + len(phrase)
            if at(j, ("tinh",)):
                j += 1
            return j - start, (GROUP_MASS_ORGANISATIONS,)
    return 0, ()


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Deadline:
    """What the text says about when: a date, N working days, a cycle, or "thường xuyên"."""

    mode: str = ""  # MODE_* or "" when the text says nothing
    due_on: dt.date | None = None
    working_days: int | None = None
    counted_from: dt.date | None = None
    cycle: str = ""
    phrase: str = ""  # the words of the text it was read from


@dataclass(frozen=True)
class UnitProposal:
    unit_id: int
    role: str
    surface: str  # as the text names it


@dataclass(frozen=True)
class GroupProposal:
    key: str
    role: str
    surface: str
    unit_ids: tuple[int, ...]


@dataclass(frozen=True)
class SuggestedTask:
    position: int
    label: str  # the item's number as printed ("3", "II.3", "b")
    title: str
    details: str
    deadline: Deadline
    units: tuple[UnitProposal, ...] = ()
    groups: tuple[GroupProposal, ...] = ()
    unmatched: tuple[str, ...] = ()  # names that look like units but match none


class PeriodCounter(Protocol):
    """The part of the legal calendar the parser needs (``WorkingCalendar`` has it)."""

    def period_end(
        self, start: dt.date, count: int, *, working_days: bool, roll_forward: bool = True
    ) -> dt.date: ...


# --------------------------------------------------------------------------- items


_ROMAN = re.compile(r"^(?P<n>[IVXLC]{1,6})\s*[.)/-]\s*(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*(?P<sep>[.)])\s*(?P<rest>\S.*)$")
_SUB_ARABIC = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s")
_LETTER = re.compile(r"^(?P<n>[a-zđ])\s*(?P<sep>[.)])\s+(?P<rest>\S.*)$")
_TASK_SECTIONS = (
    re.compile(r"\bnhiem vu\b.*\bgiai phap\b"),
    re.compile(r"\bto chuc thuc hien\b"),
    re.compile(r"^nhiem vu( cu the| trong tam| chu yeu)?\b"),
    re.compile(r"^cac nhiem vu\b"),
)
_END = re.compile(r"^noi nhan\b")


@dataclass
class _Item:
    label: str
    section: str
    lines: list[str] = field(default_factory=list)


def _is_task_heading(folded_line: str) -> bool:
    text = re.sub(r"^[ivxlc]{1,6}\s*[.)/-]\s*", "", folded_line).strip(" :.")
    return any(pattern.search(text) for pattern in _TASK_SECTIONS) and len(text) <= 80


def _starts_upper(text: str) -> bool:
    first = text.lstrip("(\"'“«*- ")[:1]
    return bool(first) and (first.isupper() or first.isdigit())


def split_items(text: str) -> list[tuple[str, str]]:
    """The numbered task items of ``text``: (label, item text without its number).

    Under a task heading ("NHIỆM VỤ, GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN") only the items of those
    sections count; without one, the numbered items of the whole text do. Numbered lines
    ("1.", "2.") are the items; "a)", "b)" are the items only where there are no numbered
    ones, otherwise they are details of the numbered item above them. The list of
    recipients ("Nơi nhận:") ends the text.
    """
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    lines = [line for line in lines if line]
    end = len(lines)
    for index, line in enumerate(lines):
        if _END.match(fold(line)):
            end = index
            break
    lines = lines[:end]
    headed = any(
        _is_task_heading(fold(line)) for line in lines if _ROMAN.match(line) or line.isupper()
    )
    for style in ("arabic", "letter"):
        items = _collect(lines, style=style, headed=headed)
        if items:
            return [(item.label, "\n".join(item.lines).strip()) for item in items]
    return []


# a, b, c, d, đ, e, g, h…: the Vietnamese alphabet has đ after d and no f, j, w, z.
_LETTERS = "abcdđeghiklmnopqrstuvxy"


def _collect(lines: list[str], *, style: str, headed: bool) -> list[_Item]:
    pattern = _ARABIC if style == "arabic" else _LETTER
    items: list[_Item] = []
    in_scope = not headed
    section = ""
    expected = 1
    separator = ""
    current: _Item | None = None
    for line in lines:
        folded = fold(line)
        roman = _ROMAN.match(line)
        if roman or (headed and line.isupper() and _is_task_heading(folded)):
            if headed:
                in_scope = _is_task_heading(folded)
            section = roman.group("n") if roman else ""
            current, expected, separator = None, 1, ""
            continue
        if not in_scope:
            continue
        match = pattern.match(line)
        if match and not _SUB_ARABIC.match(line) and _starts_upper(match.group("rest")):
            number = match.group("n")
            ordinal = int(number) if style == "arabic" else _LETTERS.find(number) + 1
            same_style = not separator or match.group("sep") == separator
            if same_style and ordinal == expected:
                separator = match.group("sep")
                label = f"{section}.{number}" if section and headed else number
                current = _Item(label=label, section=section, lines=[match.group("rest")])
                items.append(current)
                expected += 1
                continue
        if current is not None:
            current.lines.append(line)
    return items


# --------------------------------------------------------------------------- deadlines


_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_FULL_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDED_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_SHORT_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_DATE_CUE = re.compile(
    r"(truoc|cham nhat|han chot|thoi han|hoan thanh|xong|den het|den|trong|han)"
    r"(\s+(ngay|vao ngay|ngay))?\s*$"
)
_QUARTER = re.compile(
    r"(truoc\s+|trong\s+|hoan thanh\s+)?quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})"
)
_MONTH = re.compile(r"(truoc|trong|cuoi|het)\s+thang\s+(\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_HALF_YEAR = re.compile(r"(6|sau) thang (dau|cuoi) nam\s*(\d{4})")
_YEAR = re.compile(r"(truoc|trong|cuoi|het)\s+nam\s+(\d{4})")
_WORKING_DAYS = re.compile(r"(\d{1,3})\s+ngay\s+lam\s+viec")
_CALENDAR_DAYS = re.compile(r"trong\s+(?:vong\s+|thoi han\s+)?(\d{1,3})\s+ngay(?!\s+lam)")
_CYCLES = (
    (
        QUARTERLY,
        re.compile(
            r"\bhang quy\b|dinh ky (hang )?quy|\btheo quy\b|\bmoi quy\b|(3|ba) thang( mot lan|/lan)"
        ),
    ),
    (
        SEMIANNUAL,
        re.compile(
            r"dinh ky (6|sau) thang|(6|sau) thang( mot lan|/lan)|moi (6|sau) thang|"
            r"hang (6|sau) thang|so ket (6|sau) thang"
        ),
    ),
    (ANNUAL, re.compile(r"\bhang nam\b|dinh ky (hang )?nam|\bmoi nam\b|tong ket nam|theo nam")),
)
_ONGOING = re.compile(r"\bthuong xuyen\b")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, pycalendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_deadline(
    text: str, *, reference_date: dt.date, calendar: PeriodCounter | None = None
) -> Deadline:
    """The deadline an item's text gives, or an empty :class:`Deadline`.

    Precedence: a reporting cycle (with the first dated deadline, if any); N working days
    (counted from ``reference_date``, the document's date); a dated deadline (the latest
    one named with a cue such as "trước ngày", or the end of the quarter, month, half year
    or year named); N calendar days; "thường xuyên" (ongoing).
    """
    folded = fold(text)
    dated: list[tuple[dt.date, str]] = []
    used: list[tuple[int, int]] = []

    def cue_before(start: int) -> bool:
        return bool(_DATE_CUE.search(folded[max(0, start - 24) : start]))

    for pattern in (_FULL_DATE, _WORDED_DATE):
        for match in pattern.finditer(folded):
            if pattern is _FULL_DATE:
                day, month, year = (int(g) for g in match.groups())
            else:
                day, month, year = (int(g) for g in match.groups())
            used.append(match.span())
            if cue_before(match.start()):
                value = _safe_date(year, month, day)
                if value is not None:
                    dated.append((value, _phrase(text, folded, match.start(), match.end())))
    for match in _SHORT_DATE.finditer(folded):
        if _overlaps(match.span(), used) or not cue_before(match.start()):
            continue
        day, month = int(match.group(1)), int(match.group(2))
        value = _safe_date(reference_date.year, month, day)
        if value is not None and value < reference_date:
            value = _safe_date(reference_date.year + 1, month, day)
        if value is not None:
            used.append(match.span())
            dated.append((value, _phrase(text, folded, match.start(), match.end())))
    for match in _QUARTER.finditer(folded):
        quarter_text = match.group(2)
        quarter = _ROMAN_QUARTERS.get(quarter_text) or int(quarter_text)
        year = int(match.group(3))
        if (match.group(1) or "").strip() == "truoc":
            value = dt.date(year, 3 * quarter - 2, 1) - dt.timedelta(days=1)
        else:
            value = _month_end(year, 3 * quarter)
        dated.append((value, text[match.start() : match.end()]))
        used.append(match.span())
    for match in _MONTH.finditer(folded):
        month, year = int(match.group(2)), int(match.group(3))
        if not 1 <= month <= 12:
            continue
        if match.group(1) == "truoc":
            value = dt.date(year, month, 1) - dt.timedelta(days=1)
        else:
            value = _month_end(year, month)
        dated.append((value, text[match.start() : match.end()]))
    for match in _HALF_YEAR.finditer(folded):
        year = int(match.group(3))
        value = dt.date(year, 6, 30) if match.group(2) == "dau" else dt.date(year, 12, 31)
        dated.append((value, text[match.start() : match.end()]))
        used.append(match.span())
    for match in _YEAR.finditer(folded):
        if _overlaps(match.span(), used):
            continue
        year = int(match.group(2))
        value = dt.date(year - 1, 12, 31) if match.group(1) == "truoc" else dt.date(year, 12, 31)
        dated.append((value, text[match.start() : match.end()]))

    cycles = [(key, m) for key, pattern in _CYCLES if (m := pattern.search(folded))]
    if cycles:
        key, match = cycles[0]  # the shortest period named
        first = min(dated)[0] if dated else None
        return Deadline(
            mode=MODE_CYCLE,
            cycle=key,
            due_on=first,
            phrase=text[match.start() : match.end()],
        )
    working = _WORKING_DAYS.search(folded)
    if working is not None and calendar is not None:
        count = int(working.group(1))
        if count > 0:
            return Deadline(
                mode=MODE_WORKING_DAYS,
                working_days=count,
                counted_from=reference_date,
                due_on=calendar.period_end(reference_date, count, working_days=True),
                phrase=_phrase(text, folded, working.start(), working.end()),
            )
    if dated:
        value, phrase = max(dated)
        return Deadline(mode=MODE_DATE, due_on=value, phrase=phrase)
    days = _CALENDAR_DAYS.search(folded)
    if days is not None and calendar is not None and int(days.group(1)) > 0:
        return Deadline(
            mode=MODE_DATE,
            due_on=calendar.period_end(reference_date, int(days.group(1)), working_days=False),
            phrase=text[days.start() : days.end()],
        )
    ongoing = _ONGOING.search(folded)
    if ongoing is not None:
        return Deadline(mode=MODE_ONGOING, phrase=text[ongoing.start() : ongoing.end()])
    return Deadline()


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _phrase(text: str, folded: str, start: int, end: int) -> str:
    """The matched words with the cue before them ("trước ngày 15/12/2026")."""
    cue = _DATE_CUE.search(folded[max(0, start - 24) : start])
    begin = max(0, start - 24) + cue.start() if cue else start
    prefix = re.search(r"(trong\s+(thoi han\s+|vong\s+)?)$", folded[max(0, start - 20) : start])
    if prefix and not cue:
        begin = max(0, start - 20) + prefix.start()
    return text[begin:end].strip()


# --------------------------------------------------------------------------- unit roles


# "báo cáo về X", "gửi X", "của X", "tham mưu X", "trình X": X receives, it is not assigned.
_RECIPIENT_BEFORE = frozenset({"ve", "gui", "cua", "toi", "den", "muu", "trinh"})
_CLAUSE_BREAK = re.compile(r"[.;!?\n]")


@dataclass
class _Mention:
    start: int
    end: int
    units: frozenset[int]
    groups: tuple[str, ...]
    surface: str
    role: str = ""


def find_units(text: str, catalogue: UnitCatalogue) -> list[_Mention]:
    """The units and groups ``text`` names, with the role each is given.

    Roles are read clause by clause (a clause ends at ". ; ! ?" or a line break): a unit
    before "chủ trì" leads; after "phối hợp" (in "… chủ trì, phối hợp với B" or
    "Cơ quan phối hợp: B") it coordinates; a unit before "phối hợp với" is the one doing
    the task (it leads) but before a bare "phối hợp thực hiện" it coordinates; a unit named
    with no cue leads. A unit right after "về", "gửi", "đến", "của", "tham mưu", "trình"
    or "báo cáo" receives something (a report, advice): it is returned with the role
    ``RECIPIENT`` and is not proposed as an assignee.
    """
    tokens = _tokens(text)
    words = [token.word for token in tokens]
    events: list[tuple[int, str, _Mention | None]] = []  # (token index, kind, mention)
    i = 0
    while i < len(tokens):
        word_pair = tuple(words[i : i + 2])
        if word_pair == ("chu", "tri"):
            events.append((i, "lead", None))
            i += 2
            continue
        if word_pair == ("phoi", "hop"):
            with_partner = i + 2 < len(words) and words[i + 2] == "voi"
            events.append((i, "with" if with_partner else "coordinate", None))
            i += 2
            continue
        group_length, group_keys = _match_group(words, i)
        unit_length, unit_ids = catalogue.longest_unit(words, i)
        length = max(group_length, unit_length)
        if length:
            before = words[max(0, i - 2) : i]
            recipient = bool(before) and (
                before[-1] in _RECIPIENT_BEFORE or tuple(before) == ("bao", "cao")
            )
            end = tokens[i + length - 1].end
            mention = _Mention(
                start=tokens[i].start,
                end=end,
                units=unit_ids if unit_length >= group_length else frozenset(),
                groups=group_keys if group_length > unit_length else (),
                surface=text[tokens[i].start : end],
                role=RECIPIENT if recipient else "",
            )
            events.append((i, "recipient" if recipient else "mention", mention))
            i += length
            continue
        i += 1

    mentions: list[_Mention] = []
    mode = ""
    pending: list[_Mention] = []
    previous_end = 0
    for index, kind, event in events:
        start = tokens[index].start
        if _CLAUSE_BREAK.search(text, previous_end, start) is not None:
            for waiting in pending:
                waiting.role = RESPONSIBLE
            pending = []
            mode = ""
        previous_end = tokens[index].end
        if kind == "lead":
            for waiting in pending:
                waiting.role = RESPONSIBLE
            pending = []
            mode = RESPONSIBLE
        elif kind == "recipient":
            assert event is not None
            mentions.append(event)
            previous_end = event.end
        elif kind in {"with", "coordinate"}:
            for waiting in pending:
                waiting.role = RESPONSIBLE if kind == "with" else COORDINATING
            pending = []
            mode = COORDINATING
        else:
            assert event is not None
            mentions.append(event)
            previous_end = event.end
            if mode:
                event.role = mode
            else:
                pending.append(event)
    for waiting in pending:
        waiting.role = RESPONSIBLE
    return mentions


_UNIT_HEADS = (
    "Sở",
    "Ban",
    "Công an",
    "Bộ Chỉ huy",
    "Thanh tra",
    "Văn phòng",
    "Đài",
    "Báo",
    "Hội",
    "Đoàn",
    "Liên đoàn",
    "Tỉnh đoàn",
    "Kho bạc",
    "Cục",
    "Chi cục",
)
_STOP_WORDS = frozenset(
    fold(word)
    for word in (
        "chủ", "phối", "tham", "thực", "tổ", "triển", "chỉ", "hướng", "theo", "xây",
        "có", "nghiên", "rà", "báo", "đôn", "kiểm", "tăng", "đẩy", "lồng", "cung", "bố",
        "phân", "được", "là", "thì", "để", "trong", "trước", "về", "gửi", "tiếp", "căn",
        "các", "cùng", "đề", "giao", "hoàn", "sớm", "khẩn", "nắm", "quán", "tập",
    )
)  # fmt: skip
_UNIT_LIKE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(head) for head in _UNIT_HEADS) + r")\s+[A-ZĐÀ-Ỹ]\w*"
)


def find_unmatched(text: str, mentions: Sequence[_Mention]) -> list[str]:
    """Names that look like a body ("Sở Giáo dục và Đào tạo") but matched no unit.

    A name starts with a body's head word followed by a capitalised word ("Sở Giáo…",
    not "Ban hành") and runs to a punctuation mark or a verb that usually follows it
    ("chủ trì", "phối hợp", "tham mưu"…), at most eight words.
    """
    found: list[str] = []
    for match in _UNIT_LIKE.finditer(text):
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        words = match.group().split()
        position = match.end()
        for word_match in _NEXT_WORD.finditer(text, position):
            if word_match.start() != position or len(words) >= 8:
                break
            word = word_match.group(1)
            if fold(word) in _STOP_WORDS:
                break
            words.append(word)
            position = word_match.end()
        while len(words) > 2 and fold(words[-1]) in {"va", "tinh", "cac", "voi"}:
            words.pop()
        name = " ".join(words)
        if name not in found:
            found.append(name)
    return found


_NEXT_WORD = re.compile(r"[ \t]+(\w+)")


# --------------------------------------------------------------------------- the whole


# "…, trong đó:", "…, cụ thể như sau:": the words that announce the sub-points below.
_LEAD_IN = re.compile(r"[,\s]+(trong đó|cụ thể( như sau)?|gồm( các nội dung)?|như sau)\s*$", re.I)


def _title_of(body: str) -> str:
    first_line = body.split("\n", 1)[0].strip()
    sentence = re.split(r"(?<=[.;])\s", first_line, maxsplit=1)[0].strip()
    sentence = _LEAD_IN.sub("", sentence.rstrip(" .;:")).rstrip(" ,")
    if len(sentence) > TITLE_MAX:
        cut = sentence.rfind(",", 0, TITLE_MAX)
        if cut < TITLE_MAX // 2:
            cut = sentence.rfind(" ", 0, TITLE_MAX - 1)
        sentence = sentence[:cut].rstrip(" ,") + "…"
    return sentence[:1].upper() + sentence[1:]


def _head_is_units(body: str, mentions: Sequence[_Mention]) -> str:
    """The text after "Sở Nội vụ:" when an item opens with its units and a colon."""
    first_line, _sep, rest = body.partition("\n")
    head, colon, after = first_line.partition(":")
    if not colon or len(head.split()) > 16:
        return ""
    covered = sum(m.end - m.start for m in mentions if m.end <= len(head))
    if covered < len(fold(head).replace(" ", "").replace(",", "")) * 0.5:
        return ""
    return (after.strip() or rest.strip()).strip()


def suggest_tasks(
    text: str,
    *,
    catalogue: UnitCatalogue,
    reference_date: dt.date,
    calendar: PeriodCounter | None = None,
) -> list[SuggestedTask]:
    """The tasks a directive's text lists, each with its units and deadline, in order."""
    suggestions: list[SuggestedTask] = []
    for position, (label, body) in enumerate(split_items(text), start=1):
        mentions = find_units(body, catalogue)
        after_head = _head_is_units(body, mentions)
        title = _title_of(after_head or body)
        units: dict[int, UnitProposal] = {}
        groups: dict[str, GroupProposal] = {}
        for mention in mentions:
            if mention.role == RECIPIENT:
                continue
            for unit_id in sorted(mention.units):
                known = units.get(unit_id)
                if known is None or (known.role != RESPONSIBLE and mention.role == RESPONSIBLE):
                    units[unit_id] = UnitProposal(unit_id, mention.role, mention.surface)
            for key in mention.groups:
                known_group = groups.get(key)
                if known_group is None or (
                    known_group.role != RESPONSIBLE and mention.role == RESPONSIBLE
                ):
                    groups[key] = GroupProposal(
                        key, mention.role, mention.surface, catalogue.groups.get(key, ())
                    )
        if not any(p.role == RESPONSIBLE for p in units.values()) and not any(
            g.role == RESPONSIBLE for g in groups.values()
        ):
            # "Đề nghị Ủy ban MTTQ … phối hợp tuyên truyền": nobody else leads, so the
            # units the item names are the ones that carry it out.
            units = {k: UnitProposal(p.unit_id, RESPONSIBLE, p.surface) for k, p in units.items()}
            groups = {
                k: GroupProposal(g.key, RESPONSIBLE, g.surface, g.unit_ids)
                for k, g in groups.items()
            }
        unmatched = find_unmatched(body, mentions)
        unmatched += [g.surface for g in groups.values() if not g.unit_ids]
        suggestions.append(
            SuggestedTask(
                position=position,
                label=label,
                title=title,
                details=body,
                deadline=read_deadline(body, reference_date=reference_date, calendar=calendar),
                units=tuple(units.values()),
                groups=tuple(g for g in groups.values() if g.unit_ids),
                unmatched=tuple(unmatched),
            )
        )
    return suggestions
