"""Find the documents a text cites: symbols, types, dates, relations (issue 5, item 2).

One pass of one precompiled pattern over the normalised text finds the number-and-symbol
candidates (DOMAIN.md §7.3 shapes, with spaces around "-" and "/" and a line break after
them allowed). Everything else is read around each candidate on the folded view (lower
case, no diacritics, same offsets), with small anchored patterns, so the cost grows with
the number of references, not with the length of the text times the number of rules:

- the type word just before the symbol ("Chỉ thị số", "Chi thi so", "Directive No.");
- the date just after it ("ngày 20/12/2021", "dated December 20, 2021"), possibly after
  the issuer ("của Thủ tướng Chính phủ", "of the Prime Minister"), or, failing that, a
  sentence that opens with the date ("Ngày 14/7/2015, Ban Bí thư ban hành Kết luận …");
- the subject after "về"/"on" (the title);
- a relation verb between two references or between "Quyết định này"/"This Decision" and a
  reference (replaces, amends, implements, guides), including the passive form.

A candidate whose shape is weak (a single segment such as "123/ABC", or an unknown Party
type) is only kept when the text announces a document ("số", "No.", a type word), so that
"12/KP3" in an address is not a document. "số 12/" and "số 12/abc" give a warning.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from .dates import DATE, date_from_match
from .messages import msg_conflicting_dates, msg_unknown_symbol, msg_year_removed
from .normalize import fold_text, normalize_text
from .symbols import PARTY_TYPES, build_symbol, parse_symbol
from .types import (
    Extraction,
    ExtractionWarning,
    FoundDocument,
    ParsedSymbol,
    Relation,
    RelationKind,
)

# ---------------------------------------------------------------------------------------
# Symbol candidates (normalised text, case-sensitive: "TTg", "QĐi").
_SEG = r"[A-ZĐ][A-ZĐ0-9]*(?:[a-zđ][A-ZĐ0-9]*)?(?:\.[IVX]{1,4})?"  # V.I = Vụ I
_DASH = r"[ \t]*-(?:[ \t]*\n)?[ \t]*"
_SLASH = r"[ \t]*/(?:[ \t]*\n)?[ \t]*"
_SEGS = rf"{_SEG}(?:{_DASH}{_SEG})*"
_CANDIDATE = re.compile(
    rf"(?<![\w/-])(?P<num>\d{{1,6}})"
    rf"(?:(?:{_SLASH}(?P<year>(?:19|20)\d{{2}}){_SLASH}(?P<lsegs>{_SEGS})"
    rf"|{_DASH}(?P<ptype>{_SEG}){_SLASH}(?P<psegs>{_SEGS})"
    rf"|{_SLASH}(?P<asegs>{_SEGS}))(?!\w)"
    # "số 12/", "số 12/abc", "số 59/2023/nđ-cp": looked at only after "số" (see extract)
    rf"|(?P<bad>[ \t]*[/-](?![ \t]*[A-ZĐ0-9])"
    rf"|[ \t]*/[ \t]*(?:19|20)\d{{2}}[ \t]*/(?![ \t]*[A-ZĐ])))"
)
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\s;()\"“”]+")
_LOWER_PAIR = re.compile(r"[a-zđ]{2}")

# ---------------------------------------------------------------------------------------
# Type words (folded text). Longest first so that "thong bao ket luan" wins over "ket luan".
_TYPE_WORDS: dict[str, str | None] = {
    "bo luat": "law",
    "luat": "law",
    "phap lenh": "other",
    "nghi quyet lien tich": "resolution",
    "nghi quyet": "resolution",
    "nghi dinh": "decree",
    "quyet dinh": "decision",
    "quy dinh": "regulation",
    "quy che": "regulation",
    "chi thi": "directive",
    "ket luan": "conclusion",
    "thong tu lien tich": "circular",
    "thong tu": "circular",
    "thong tri": "circular",
    "huong dan": "guidance",
    "thong bao ket luan": "notice",
    "thong bao": "notice",
    "thong cao": "notice",
    "ke hoach": "plan",
    "phuong an": "plan",
    "chuong trinh hanh dong": "program",
    "chuong trinh": "program",
    "bao cao": "report",
    "cong van": "official_dispatch",
    "cong dien": "official_dispatch",
    "to trinh": "other",
    "de an": "other",
    "bien ban": "other",
    "van ban hop nhat": "other",
    "van ban": None,
    "laws": "law",
    "law": "law",
    "labour code": "law",
    "labor code": "law",
    "ordinance": "other",
    "joint resolution": "resolution",
    "resolutions": "resolution",
    "resolution": "resolution",
    "decrees": "decree",
    "decree": "decree",
    "decisions": "decision",
    "decision": "decision",
    "working regulations": "regulation",
    "working regulation": "regulation",
    "regulations": "regulation",
    "regulation": "regulation",
    "rules": "regulation",
    "directives": "directive",
    "directive": "directive",
    "conclusions": "conclusion",
    "conclusion": "conclusion",
    "joint circular": "circular",
    "circulars": "circular",
    "circular": "circular",
    "guidelines": "guidance",
    "guideline": "guidance",
    "guidance": "guidance",
    "instructions": "guidance",
    "instruction": "guidance",
    "notices": "notice",
    "notice": "notice",
    "announcement": "notice",
    "communique": "notice",
    "action plans": "plan",
    "action plan": "plan",
    "plans": "plan",
    "plan": "plan",
    "action programme": "program",
    "action program": "program",
    "programmes": "program",
    "programme": "program",
    "programs": "program",
    "program": "program",
    "reports": "report",
    "report": "report",
    "official dispatches": "official_dispatch",
    "official dispatch": "official_dispatch",
    "official letter": "official_dispatch",
    "official telegram": "official_dispatch",
    "urgent dispatch": "official_dispatch",
    "dispatch": "official_dispatch",
    "submission": "other",
    "scheme": "other",
    "documents": None,
    "document": None,
}
_TYPE_ALT = "|".join(re.escape(w) for w in sorted(_TYPE_WORDS, key=len, reverse=True))
_TYPE_WORD = re.compile(rf"(?<![a-z])(?:{_TYPE_ALT})(?![a-z])")
_NO = r"(?:so|no\.?|nos\.?|number|ky hieu)"
# What may stand between a type word and its symbol: nothing, "số"/"No.", or a short name
# ending with "số"/"No." ("Luật Thực hiện dân chủ ở cơ sở số", "Resolution of … No.").
_TYPE_GAP = re.compile(
    rf"[\s,:(]*(?:{_NO}[\s.:]*)?|(?:[^.;!?\n\t]|\n(?![ \t]*[\d\n•*+-])){{0,90}}?\s{_NO}[\s.:]*"
    rf"|[^.;!?\d\t]{{0,40}}?\(\s*"
)
# A form or an annex numbered like a document: "Mẫu số 01/TCD", "Phụ lục 02/KH".
_NOT_A_DOCUMENT = re.compile(
    rf"(?<![a-z])(?:mau|bieu mau|bieu|phu luc|form|annex|appendix|page|trang)\s*(?:{_NO}[\s.:]*)?$"
)
_ANNOUNCED = re.compile(rf"(?<![a-z]){_NO}[\s.:]*$")
# Between two references of a list: "…, 19-NQ/TW", "… và số 61/2023/NĐ-CP", "and No. …".

# ---------------------------------------------------------------------------------------
# Dates right after a symbol (folded text, anchored with .match at the symbol's end).
_STOP = (
    r"(?:ve|on|regarding|about|for|to|that|which|in|tai|nham|theo|ngay|dated|"
    # "và" ends an issuer, except inside "Ban Tuyên giáo và Dân vận" (the commission's name
    # since 2025); "ban" only in "ban hành" ("của Ban Bí thư", "của Ủy ban …" are issuers).
    r"va(?!\s+dan\s+van)|and(?!\s+mass\s+mobili[sz]ation)|"
    r"thay|replacing|replaces|ban\s+hanh|issued|signed|adopted|promulgated|approved)"
)
_PHRASE_WORD = rf"\s+(?!{_STOP}(?![a-z]))(?:[^\s\d.;:()\"“”]+|\d{{1,2}}(?:st|nd|rd|th))"
_ISSUER_PHRASE = rf"(?:cua|of|by|from|boi|do){_PHRASE_WORD}(?:{_PHRASE_WORD}){{0,11}}?"
# Between two references of a list: "…, 19-NQ/TW", "… của Chính phủ và số 61/2023/NĐ-CP".
_LIST_GAP = re.compile(
    rf"\s*(?P<issuer>{_ISSUER_PHRASE})?[\s,;]*(?:(?:va|and|&|hoac|or|cung)\s+)?(?:cac\s+)?"
    rf"(?:{_TYPE_ALT})?\s*(?:{_NO}[\s.:]*)?"
)
_VERB = (
    r"(?:(?:da\s+)?(?:duoc\s+)?(?:ky\s+ban\s+hanh|ban\s+hanh|ky|thong\s+qua)"
    r"|issued|signed|promulgated|adopted|released|approved|passed)"
)
_DATE_AFTER = re.compile(
    rf"\s*\)?\s*[,(]?\s*(?:(?:{_ISSUER_PHRASE}|{_VERB})[\s,(]*){{0,3}}"
    rf"(?:(?:vao|on)\s+)?(?:(?:ngay|dated|date|on|of)\s*:?\s*)?(?:{DATE})"
)
# A sentence that opens with the date: "Ngày 14/7/2015, Ban Bí thư ban hành Kết luận số".
_DATE_BEFORE = re.compile(
    rf"(?:[^\d.;!?]{{0,25}}?[\s,(-])?(?:ngay|on)\s+(?:{DATE})\s*,?\s+(?P<mid>[^\d;!?]{{0,140}})$"
)
_MID_VERB = re.compile(
    r"(?<![a-z])(?:ban hanh|ky|thong qua|issued|signed|adopted|promulgated|released)"
    r"(?![a-z])"
)
_MID_STOP = re.compile(r"(?<!no)(?<!nos)\.\s")

# The subject: "… về tăng cường …", "… on strengthening …" (after the date and issuer).
_TITLE = re.compile(
    rf"\s*[,)]?\s*(?:{_ISSUER_PHRASE}\s*)?,?\s*(?<![a-z])(?:ve viec|ve|on|regarding)\s+"
    rf"(?!(?:ngay|the\s+\d|\d))"
)
# Where the subject stops (normalised text): a full stop, a semicolon, a line break (unless
# the next line goes on in lower case: a wrapped line), a following "Căn cứ".
_TITLE_END = re.compile(
    r"[.;:\n()]|,\s+(?:ngay|dated|thay|replacing)\b"
    r"|\s(?:Căn cứ|Can cu|CĂN CỨ|CAN CU|Pursuant to|PURSUANT TO|Based on)(?!\w)"
)
# The next citation joined to this one ("… và Kết luận số 114-KL/TW", ", Quyết định số …",
# "and Conclusion No. …"): the type word, then a number soon, possibly after "số"/"No.".
_JOIN = (
    rf"(?:\s*,\s*(?:(?:va|and)\s+)?|\s+(?:va|and|&)\s+)(?:cac\s+|the\s+)?(?:{_TYPE_ALT})"
    rf"(?=\s*(?:{_NO}[\s.:]*)?\d|[^.;!?\n\d]{{0,90}}?\s{_NO}[\s.:]*\d)"
)
# Where the subject stops (folded text): the next citation; ", căn cứ"; ", which …"; the
# main clause of a preamble (", Ủy ban nhân dân tỉnh ban hành Kế hoạch …", ", … như sau:").
_TITLE_STOP = re.compile(
    rf"{_JOIN}"
    r"|,\s*(?:can cu|pursuant to|based on|which|whose)(?![a-z])"
    r"|,\s*(?:[^\s,;.:]+\s+){1,8}?(?:ban hanh|issues|hereby|promulgates|decides)(?![a-z])"
    r"|,[^,;.:\n]{0,80}?(?:nhu sau|as follows)(?![a-z])"
)
# A citation joined to the one before it, the join ending where the type word starts.
_JOIN_END = re.compile(r"(?:\s*,\s*(?:(?:va|and)\s+)?|\s+(?:va|and|&)\s+)(?:cac\s+|the\s+)?$")
# What may separate two joined citations: the first one's issuer and subject ("… của Thủ
# tướng Chính phủ về tiếp tục … trong tình hình mới | và Kết luận số …").
_SIBLING_GAP = re.compile(
    r"\s*[,)]?\s*(?P<issuer>(?:cua|of|by|from|boi|do)\s[^.;:!?\n()\d]{0,120}?)?"
    r"(?:,?\s*(?<![a-z])(?:ve viec|ve|on|regarding)\s[^;!?\n]{0,250}?)?"
)
# An issuer does not hold a verb: "… của Thủ tướng được quán triệt, Kế hoạch số …".
_CLAUSE_VERB = re.compile(
    r"(?<![a-z])(?:duoc|da|ban hanh|thong qua|is|was|were|has|have|had|issued|signed)(?![a-z])"
)

# ---------------------------------------------------------------------------------------
# Relations (folded text). Longest alternatives first.
_RELATION_WORDS: list[tuple[str, RelationKind]] = [
    (r"thay the cho|thay the|thay cho|bai bo|huy bo", "replaces"),
    (r"replac(?:es|ed|ing|e)|supersed(?:es|ed|ing|e)|repeal(?:s|ed|ing)?", "replaces"),
    (r"annul(?:s|led|ling)?|abolish(?:es|ed|ing)?|in place of", "replaces"),
    (r"sua doi,? bo sung|sua doi", "amends"),
    (r"amend(?:s|ed|ing)?(?: and supplement(?:s|ed|ing)?)?|modif(?:y|ies|ied|ying)", "amends"),
    (r"huong dan(?: [a-z]+){0,4}? (?:thuc hien|thi hanh|trien khai)", "guides"),
    (r"quy dinh chi tiet(?:(?: [a-z,]+){0,6}? (?:thi hanh|thuc hien))?", "guides"),
    (r"guid(?:es|ed|ing|e)(?: the implementation of)?", "guides"),
    (r"(?:providing )?guidance (?:on|for)(?: implementing| the implementation of)?", "guides"),
    (r"guidelines? (?:on|for)(?: implementing| the implementation of)?", "guides"),
    (r"detail(?:s|ing)?|huong dan|bien phap thi hanh", "guides"),
    (r"trien khai thuc hien|to chuc thuc hien|thuc hien|trien khai|thi hanh", "implements"),
    (r"implement(?:s|ed|ing)?|implementation of|carr(?:y|ies|ying) out", "implements"),
    (r"in furtherance of|pursuant to the implementation of", "implements"),
]
_REL_ALT = "|".join(f"(?P<r{i}>{alt})" for i, (alt, _kind) in enumerate(_RELATION_WORDS))
_RELATION = re.compile(rf"(?<![a-z])(?:{_REL_ALT})(?![a-z])")
_PASSIVE_BEFORE = re.compile(r"(?:duoc|bi|was|were|been|is|are|be)\s+$")
_PASSIVE_AFTER = re.compile(r"\s*(?:bang|boi|tai|by|with)(?![a-z])")
_THIS_SUBJECT = re.compile(
    rf"(?<![a-z])(?:(?P<word>{_TYPE_ALT})\s+nay|this\s+(?P<eword>{_TYPE_ALT}))(?![a-z])"
)
_AND = re.compile(r"(?<![a-z])(?:va|and)[\s,]*$")
# "bãi bỏ Điều 3 của Quyết định …", "annuls Article 3 of Decision …"
_PART_OF = re.compile(r"(?<![a-z])(?:dieu|khoan|diem|article|clause|point|chuong|chapter)\s")
_OPENING = re.compile(
    r"[\s\-•+*–)(\d.]*(?:dieu\s+\d+\s*[.:]\s*)?"
    r"(?:(?:tiep tuc|nghiem tuc|to continue|continue|we|will)\s+)*"
    # a title block: "BAN HÀNH KẾ HOẠCH THỰC HIỆN …", "PROMULGATING THE PLAN FOR
    # IMPLEMENTATION OF …" (the text promulgates the plan that implements it)
    r"(?:(?:ban hanh|phe duyet|promulgat(?:ing|es|e)|approv(?:ing|es|e)|issu(?:ing|es|e))\s+"
    r"(?:kem theo\s+)?(?:the\s+)?(?:ke hoach|phuong an|chuong trinh(?: hanh dong)?|de an"
    r"|(?:action\s+)?(?:plan|programme|program|scheme))\s+(?:for\s+)?)?"
)
# A new clause starts right before the verb: "quán triệt X, kết hợp với triển khai Y" does
# not make X implement Y.
_NEW_CLAUSE = re.compile(
    r"(?<![a-z])(?:va|and|dong thoi|ket hop(?: voi)?|cung voi|while|also|as well as|nhung|but)"
    r"[\s,]*$"
)
_MAX_SOURCE_TO_VERB = 170
_AFTER_COMMA = re.compile(r",\s*$")
_ITS = re.compile(r"(?<![a-z])(?:its|their)\s+$")
_PRONOUN = re.compile(
    rf"(?:^|[,:]\s*)\s*(?:it|which|the (?:new |said )?(?P<word>{_TYPE_ALT})|van ban tren)"
    r"\s+(?:also\s+|further\s+|cung\s+|da\s+)?$"
)
_PRONOUN_REACH = 400
_TYPED_PRONOUN_REACH = 2500
# Between the verb and its object: "thay thế Quyết định số", "sửa đổi, bổ sung một số điều
# của Nghị định số", "amending a number of articles of Decree No." — short, one clause.
_MAX_VERB_TO_TARGET = 45
# "thực hiện tổng kết Nghị quyết X" carries out a review of X; it does not implement X.
_OTHER_ACTIVITY = re.compile(
    r"(?<![a-z])(?:tong ket|so ket|danh gia|kiem tra|giam sat|bao cao|review|evaluat|assess|"
    r"report|summar|inspect|monitor)"
)
# "thực hiện dân chủ ở cơ sở theo Luật …", "thực hiện theo Công văn …" act in accordance
# with a document; they do not implement it.
_ACCORDING_TO = re.compile(r"(?<![a-z])(?:theo|in accordance with|according to)(?![a-z])")
# "… Nghị định X tại Thông tư Y", "… Decree X in Circular Y": Y is the subject.
_BY_MEANS_OF = re.compile(
    rf"\s*(?:{_ISSUER_PHRASE})?\s*,?\s*(?:tai|bang|qua|in|by|through)\s+(?:cac\s+|the\s+)?"
)
# A law's name between its type word and its number: "Luật Tiếp công dân số", "Law on
# Citizen Reception No." (two to twelve words, no punctuation).
_NAME_END = re.compile(rf"[\s,(]*(?:{_NO}[\s.:]*)?$")
_LAW_NAME = re.compile(r"[a-z]+(?: [a-z]+){1,11}")
_WORD_GOES_ON = re.compile(r"[a-z0-9]")
_FILLER_STOP = re.compile(r"[,;]|(?<![a-z])(?:sau do|then|later)(?![a-z])")

# ---------------------------------------------------------------------------------------
# The text's own number and date (header block).
# "Số:", "Số", "SỐ", "No.:" opening a header line (a capital: "số" in a wrapped line is not).
_OWN_PREFIX = re.compile(r"[ \t]*(?:S[ốỐoO]|No\.?|Number)[ \t]*:?[ \t]*")
_OWN_DATE = re.compile(rf"(?:^|\t)[^\n\t\d,]{{2,60}},\s*(?:ngay\s+)?(?:{DATE})", re.MULTILINE)
_HEADER_CHARS = 2500

_SENTENCE_MARK = re.compile(r"[;!?]|\.(?=\s)|\n")
_WINDOW = 160


@dataclass(slots=True)
class _Mention:
    parsed: ParsedSymbol
    start: int
    end: int
    tail: int  # end of the date that follows, or ``end``
    word_type: str | None
    type_word_start: int
    date: dt.date | None
    title: str
    target_of: tuple[str | None, RelationKind] | None = None
    pending: RelationKind | None = None  # related by a verb with no subject yet


def _sentence_start(norm: str, pos: int, floor: int) -> int:
    """Offset where the sentence holding ``pos`` starts (not before ``floor``)."""
    lo = max(floor, pos - 400)
    marks = list(_SENTENCE_MARK.finditer(norm, lo, pos))
    for mark in reversed(marks):
        i = mark.start()
        char = norm[i]
        if char == "\n":
            nxt = norm[i + 1 : i + 40].lstrip(" \t")
            if (
                not nxt
                or nxt[0] == "\n"
                or nxt[0].isupper()
                or nxt[0] in "-•+*–"
                or (nxt[0].isdigit())
            ):
                return i + 1
            continue
        if char == "." and norm[max(0, i - 3) : i].lower().endswith(("no", "nos", "tp")):
            continue
        return i + 1
    return lo


def _segments(raw: str) -> list[str]:
    return _WS.sub("", raw).split("-")


def _read_candidate(
    m: re.Match[str],
    norm: str,
    folded: str,
    prev: _Mention | None,
    result: Extraction,
    warned_unknown: set[str],
) -> tuple[ParsedSymbol, bool, int] | None:
    """The symbol of a candidate, whether its shape is weak, and where it ends."""
    start, end = m.start(), m.end()
    if m["bad"] is not None:
        # "số 12/", "số 12/abc", "số 45/qđ-ubnd": only after "số"/"No." (or in a list) is
        # it worth a look; a lower-case symbol is read, anything else gets a warning.
        floor = prev.tail if prev else 0
        listed = prev is not None and _LIST_GAP.fullmatch(folded, prev.tail, start)
        if not listed and not _ANNOUNCED.search(folded, max(floor, start - 20), start):
            return None
        token = _TOKEN.match(norm, start)
        written = token.group().rstrip(",.:") if token else norm[start:end]
        lowered = parse_symbol(written) if _LOWER_PAIR.search(written) else None
        if lowered is None or (lowered.kind == "official_dispatch" and "-" not in written):
            if written not in warned_unknown:
                warned_unknown.add(written)
                result.warnings.append(
                    ExtractionWarning("unknown_symbol", msg_unknown_symbol(written), None)
                )
            return None
        return lowered, False, start + len(written)
    if m["lsegs"] is not None:
        legal = build_symbol(number=m["num"], year=m["year"], segments=_segments(m["lsegs"]))
        return legal, False, end
    if m["psegs"] is not None:
        party = build_symbol(
            number=m["num"],
            year=None,
            segments=_segments(m["psegs"]),
            party_type=_WS.sub("", m["ptype"]),
        )
        return party, party.type_abbreviation not in PARTY_TYPES, end
    segments = _segments(m["asegs"])
    admin = build_symbol(number=m["num"], year=None, segments=segments)
    return admin, len(segments) == 1, end


def _type_word(
    folded: str, start: int, floor: int, prev: _Mention | None
) -> tuple[str | None, int, bool]:
    """The type the word before the symbol gives (or the list it continues gives).

    Returns (type or None, where the type word starts, whether a type word announces it).
    """
    window_lo = max(floor, start - _WINDOW)
    last_word = None
    for last_word in _TYPE_WORD.finditer(folded, window_lo, start):  # noqa: B007 - the last
        pass
    if last_word is not None and _TYPE_GAP.fullmatch(folded, last_word.end(), start):
        return _TYPE_WORDS[last_word.group()], last_word.start(), True
    if prev is not None and _LIST_GAP.fullmatch(folded, prev.tail, start):
        return prev.word_type, start, True
    return None, start, False


def _date_near(
    norm: str, folded: str, start: int, end: int, floor: int, type_word_start: int
) -> tuple[dt.date | None, int]:
    """The date given right after the symbol, else by a sentence opening with it.

    Returns (date or None, end of what belongs to the reference).
    """
    after = _DATE_AFTER.match(folded, end)
    if after is not None:
        return date_from_match(after), after.end()
    sentence = max(floor, _sentence_start(norm, start, max(0, start - 260)))
    before = _DATE_BEFORE.match(folded, sentence, type_word_start)
    if (
        before is not None
        and _MID_VERB.search(before["mid"])
        and not _MID_STOP.search(before["mid"])
    ):
        return date_from_match(before), end
    return None, end


def _title(norm: str, folded: str, tail: int) -> str:
    """The subject after "về"/"on" following the reference, if the text gives it.

    It stops before the next citation joined to this one ("… trong tình hình mới và Kết
    luận số 114-KL/TW …"), not only at punctuation.
    """
    found = _TITLE.match(folded, tail)
    if found is None:
        return ""
    begin = found.end()
    limit = begin + 220
    stop = min(len(norm), begin + 200)
    pos = begin
    while (stop_mark := _TITLE_END.search(norm, pos, limit)) is not None:
        if norm[stop_mark.start()] == "\n":
            nxt = norm[stop_mark.end() : stop_mark.end() + 8].lstrip(" \t")
            if nxt and nxt[0].islower():  # a line wrapped in the middle of the subject
                pos = stop_mark.end()
                continue
        stop = stop_mark.start()
        break
    # (searched a little past ``stop``: the join looks ahead to the number, past "No.")
    cut = _TITLE_STOP.search(folded, begin, min(len(folded), stop + 100))
    if cut is not None and cut.start() < stop:
        stop = cut.start()
    return _WS.sub(" ", norm[begin:stop]).strip(" ,-")


def extract(text: str) -> Extraction:
    """Find every document ``text`` cites, merged by folded symbol (see the module doc)."""
    norm = normalize_text(text)
    folded = fold_text(norm)
    result = Extraction()
    mentions: list[_Mention] = []
    warned_unknown: set[str] = set()
    own_key: str | None = None
    prev: _Mention | None = None
    seen_candidate = False  # the text's own number is the first symbol of its header

    for m in _CANDIDATE.finditer(norm):
        start = m.start()
        floor = prev.tail if prev else 0
        read = _read_candidate(m, norm, folded, prev, result, warned_unknown)
        if read is None:
            continue
        parsed, weak, end = read
        word_type, type_word_start, announced = _type_word(folded, start, floor, prev)
        if _NOT_A_DOCUMENT.search(folded, max(floor, start - 24), start):
            continue
        # The text's own number ("Số: 12/KH-UBND" opening a line of the header).
        own_header = False
        if not seen_candidate and start < _HEADER_CHARS:
            line_start = max(norm.rfind("\n", 0, start), norm.rfind("\t", 0, start)) + 1
            own_header = _OWN_PREFIX.fullmatch(norm, line_start, start) is not None
        # A weak shape ("123/ABC") is a document only when a type word announces it:
        # "số 12/KP3" is a house number.
        if weak and not announced and not own_header:
            continue
        seen_candidate = True
        if own_header:
            result.own_symbol, own_key, prev = parsed, parsed.key, None
            continue
        date, tail = _date_near(norm, folded, start, end, max(floor, 0), type_word_start)
        mention = _Mention(
            parsed, start, end, tail, word_type, type_word_start, date, _title(norm, folded, tail)
        )
        if parsed.key != own_key:
            _relate(norm, folded, mention, prev, result.relations, result.own_symbol, mentions)
            mentions.append(mention)
        prev = mention

    _relate_named_laws(norm, folded, mentions, result)
    _merge(mentions, result)
    if result.own_symbol is not None:
        own = _OWN_DATE.search(folded, 0, _HEADER_CHARS)
        result.own_date = date_from_match(own) if own else None
    return result


def _relate(
    norm: str,
    folded: str,
    cur: _Mention,
    prev: _Mention | None,
    out: list[Relation],
    own: ParsedSymbol | None,
    history: list[_Mention],
) -> None:
    """Find a relation verb before ``cur`` in its sentence and record the relation."""
    own_key = own.key if own else None
    sent = _sentence_start(norm, cur.start, max(0, cur.start - 400))
    prev_in_sentence = prev if prev is not None and prev.end > sent else None
    if prev_in_sentence is not None and _joined(folded, prev_in_sentence, cur):
        # "Thực hiện Chỉ thị X … về … và Kết luận Y": Y shares X's relation (and a verb in
        # X's subject does not relate X to Y).
        if (inherited := prev_in_sentence.target_of) is not None:
            _add(out, inherited[0], cur.parsed.symbol, inherited[1])
            cur.target_of = inherited
        return
    if (
        prev_in_sentence is not None
        and prev_in_sentence.pending is not None
        and _BY_MEANS_OF.fullmatch(folded, prev_in_sentence.tail, cur.type_word_start)
    ):
        _add(out, cur.parsed.symbol, prev_in_sentence.parsed.symbol, prev_in_sentence.pending)
        return
    lo = prev_in_sentence.tail if prev_in_sentence else sent
    verb = None
    for found in _RELATION.finditer(folded, lo, cur.type_word_start):
        verb = found
    if verb is None:
        if (
            prev_in_sentence is not None
            and prev_in_sentence.target_of is not None
            and (listed := _LIST_GAP.fullmatch(folded, prev_in_sentence.tail, cur.start))
            and not (listed["issuer"] and _CLAUSE_VERB.search(listed["issuer"]))
        ):
            inherited = prev_in_sentence.target_of
            _add(out, inherited[0], cur.parsed.symbol, inherited[1])
            cur.target_of = inherited
        return
    kind = _RELATION_WORDS[int((verb.lastgroup or "r0")[1:])][1]
    filler = folded[verb.end() : cur.type_word_start]
    if len(filler) > _MAX_VERB_TO_TARGET or _FILLER_STOP.search(filler):
        return
    if kind == "implements" and (_OTHER_ACTIVITY.search(filler) or _ACCORDING_TO.search(filler)):
        return
    if kind == "replaces" and _PART_OF.search(filler):
        kind = "amends"  # repealing some articles of a document amends it
    before = folded[lo : verb.start()]
    if prev_in_sentence is not None and (
        (_PASSIVE_BEFORE.search(before) and _PASSIVE_AFTER.match(folded, verb.end()))
        or _ITS.search(before)  # "Law X and its guiding Decree Y": Y guides X
    ):
        if prev_in_sentence.parsed.key != own_key:
            _add(out, cur.parsed.symbol, prev_in_sentence.parsed.symbol, kind)
        return
    source: str | None
    if (this := _THIS_SUBJECT.search(before)) is not None:
        # "Quyết định này" is the text itself, unless the text is of another type (a report
        # quoting "Quy định này thay thế …" speaks of the regulation it just named).
        word = this["word"] or this["eword"]
        wanted = _TYPE_WORDS.get(word) if word else None
        if own is None or wanted is None or own.doc_type == wanted:
            source = None
        else:
            named = _last_named(history, wanted, cur.start, _TYPED_PRONOUN_REACH)
            if named is None:
                return
            source = named.parsed.symbol
    elif prev_in_sentence is not None:
        outer = prev_in_sentence.target_of
        if _NEW_CLAUSE.search(before) and not _RELATION.search(before):
            # "X replaces Y and annuls Z": X annuls Z; otherwise a new clause, no subject.
            if outer is None or not _AND.search(before):
                return
            source = outer[0]
        elif len(before) > _MAX_SOURCE_TO_VERB:
            return
        else:
            source = (
                None if prev_in_sentence.parsed.key == own_key else prev_in_sentence.parsed.symbol
            )
            # "X quy định chi tiết Luật Y, thay thế Z": after a comma the subject is still X.
            if outer is not None and outer[0] is not None and _AFTER_COMMA.search(before):
                source = outer[0]
    elif _OPENING.fullmatch(before):
        source = None
    elif (pronoun := _PRONOUN.search(before)) is not None:
        # "It replaces …", "the law implements …": the document last named (of that type).
        wanted = _TYPE_WORDS.get(pronoun["word"] or "")
        reach = _PRONOUN_REACH if wanted is None else _TYPED_PRONOUN_REACH
        named = _last_named(history, wanted, cur.start, reach)
        if named is None:
            return
        source = None if named.parsed.key == own_key else named.parsed.symbol
    else:
        # No subject before the verb: "Bộ Nội vụ hướng dẫn thi hành Nghị định X tại Thông tư
        # Y", "… guided the implementation of Decree X in Circular Y": Y may come after.
        cur.pending = kind
        return
    _add(out, source, cur.parsed.symbol, kind)
    cur.target_of = (source, kind)


def _relate_named_laws(
    norm: str, folded: str, mentions: list[_Mention], result: Extraction
) -> None:
    """Relate a law cited again by its name alone, as preambles do.

    "Luật Tiếp công dân số 42/2013/QH13 và Nghị định số 64/2014/NĐ-CP … quy định chi tiết
    một số điều của Luật Tiếp công dân": the second "Luật Tiếp công dân" is 42/2013/QH13.
    """
    named: dict[str, _Mention] = {}
    for mention in mentions:
        if mention.word_type != "law" or mention.type_word_start == mention.start:
            continue
        word = _TYPE_WORD.match(folded, mention.type_word_start)
        if word is None:  # pragma: no cover - the type word was found there
            continue
        name = _NAME_END.sub("", folded[word.end() : mention.start]).strip()
        if _LAW_NAME.fullmatch(name):
            named.setdefault(f"{word.group()} {name}", mention)
    if not named:
        return
    starts = {m.type_word_start for m in mentions}
    ends = [m.end for m in mentions]
    for key, law in named.items():
        pos = folded.find(key, law.end)
        while pos != -1:
            end = pos + len(key)
            if pos not in starts and not _WORD_GOES_ON.match(folded, end):
                index = bisect.bisect_right(ends, pos)
                if index > 0:
                    again = _Mention(law.parsed, pos, end, end, "law", pos, None, "")
                    _relate(
                        norm,
                        folded,
                        again,
                        mentions[index - 1],
                        result.relations,
                        result.own_symbol,
                        mentions[:index],
                    )
            pos = folded.find(key, end)


def _joined(folded: str, prev: _Mention, cur: _Mention) -> bool:
    """Whether ``cur`` is joined to ``prev`` ("và"/","/"and" + type word), past its subject."""
    join = _JOIN_END.search(folded, max(prev.tail, cur.type_word_start - 16), cur.type_word_start)
    if join is None:
        return False
    gap = _SIBLING_GAP.fullmatch(folded, prev.tail, join.start())
    return gap is not None and not (gap["issuer"] and _CLAUSE_VERB.search(gap["issuer"]))


def _last_named(
    history: list[_Mention], wanted: str | None, pos: int, reach: int
) -> _Mention | None:
    """The last mention (of type ``wanted`` if given) no further than ``reach`` back."""
    for mention in reversed(history):
        if pos - mention.end > reach:
            return None
        if wanted is None or mention.word_type == wanted:
            return mention
    return None


def _add(out: list[Relation], source: str | None, target: str, kind: RelationKind) -> None:
    if source == target:
        return
    relation = Relation(source, target, kind)
    if relation not in out:
        out.append(relation)


def _merge(mentions: list[_Mention], result: Extraction) -> None:
    """Merge mentions by key: count them, keep every date, warn on conflicting dates."""
    by_key: dict[str, FoundDocument] = {}
    word_typed: set[str] = set()
    for mention in mentions:
        parsed = mention.parsed
        doc = by_key.get(parsed.key)
        if doc is None:
            doc = FoundDocument(
                symbol=parsed.symbol,
                key=parsed.key,
                type=mention.word_type or parsed.doc_type,
                issuer=parsed.issuer,
                date=None,
                dates_seen=[],
                mentions=0,
                family=parsed.family,
                title=mention.title,
                first_offset=mention.start,
                parsed=parsed,
            )
            by_key[parsed.key] = doc
            if mention.word_type:
                word_typed.add(parsed.key)
            if parsed.year_hint is not None:
                result.warnings.append(
                    ExtractionWarning(
                        "year_removed",
                        msg_year_removed(parsed.symbol, parsed.year_hint),
                        parsed.symbol,
                    )
                )
        elif mention.word_type and parsed.key not in word_typed:
            doc.type = mention.word_type
            word_typed.add(parsed.key)
        doc.mentions += 1
        if not doc.title and mention.title:
            doc.title = mention.title
        if mention.date is not None and mention.date not in doc.dates_seen:
            doc.dates_seen.append(mention.date)
            if doc.date is None:
                doc.date = mention.date
    for doc in by_key.values():
        if len(doc.dates_seen) > 1:
            result.warnings.append(
                ExtractionWarning(
                    "conflicting_dates",
                    msg_conflicting_dates(doc.symbol, doc.dates_seen),
                    doc.symbol,
                )
            )
    result.documents = list(by_key.values())
