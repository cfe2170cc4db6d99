"""Split a Vietnamese draft legal text into its structure (pure Python, no Django).

Vietnamese legal texts (Law 64/2025/QH15 and Decree 78/2025/NĐ-CP on drafting technique)
are laid out as Phần › Chương › Mục › Điều › Khoản › Điểm: parts and chapters carry Roman
numerals ("Chương II"), articles are numbered through the whole text ("Điều 5. Phạm vi
điều chỉnh"), clauses are "1.", "2." inside an article and points are "a)", "b)", "đ)"
inside a clause (or straight inside an article). Drafts arrive typed by hand, pasted from
Word or exported without diacritics, so headings are recognised on a *folded* copy of each
line (lower case, no diacritics: "Điều" and "Dieu" and "ĐIỀU" read the same) whose
positions line up with the original, and the original text is kept.

Every node gets an anchor that depends only on its numbers ("chuong-ii", "dieu-5",
"dieu-5.k2", "dieu-5.k2.a"): votes and comments point at anchors, so they survive a new
version of the draft as long as the article keeps its number.

Rules worth knowing:

* A heading needs a separator after its number (``Điều 5.``, ``Chương II:``), nothing after
  it, or a capital letter after it (``Dieu 5 Pham vi``); "Điều 5 của Luật này …" at the start
  of a line is body text.
* Text after "Điều N." is the article's title, unless it ends like a sentence (``.``, ``:``,
  ``;``); then the article has no title and that text is its body ("Điều 2. Nghị quyết này
  có hiệu lực …").
* Text inside quotation marks (“…”) is body text: amending texts quote whole articles
  ("1. Sửa đổi, bổ sung Điều 9 như sau: “Điều 9. …”"), which must not become articles of
  their own.
* A part, chapter or section heading with nothing after its number takes the next plain
  line as its title (the usual "Chương I" / "NHỮNG QUY ĐỊNH CHUNG" layout).
* Clauses and points are recognised only inside an article; before the first article the
  lines are the preamble (issuing body, legal grounds).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    """The levels of the structure; values equal ``Provision.Level``."""

    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    ARTICLE = "article"
    CLAUSE = "clause"
    POINT = "point"


class SourceFormat(StrEnum):
    """The formats a draft can come in; values equal ``DraftVersion.Format``."""

    DOCX = "docx"
    MARKDOWN = "markdown"
    TEXT = "text"


class DraftParseError(Exception):
    """The text cannot be read as a draft; ``code`` says why (the caller words the message)."""

    NO_ARTICLES = "no_articles"
    EMPTY = "empty"
    BAD_DOCX = "bad_docx"
    BAD_ENCODING = "bad_encoding"
    TOO_MANY_PROVISIONS = "too_many_provisions"
    TOO_LARGE = "too_large"

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass
class Node:
    """One provision of the parsed draft."""

    level: Level
    number: str  # "5", "5a", "II", "2", "a", "đ"
    label: str  # "Điều 5", "Chương II", "Khoản 2", "Điểm đ"
    anchor: str
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def walk(self) -> Iterator[tuple[Node, Node | None]]:
        """This node and every node below it, in reading order, each with its parent."""
        stack: list[tuple[Node, Node | None]] = [(self, None)]
        while stack:
            node, parent = stack.pop()
            yield node, parent
            stack.extend((child, node) for child in reversed(node.children))


@dataclass
class ParsedDraft:
    """The result of parsing: a preamble, the top-level nodes and notes for the drafter."""

    preamble: str
    nodes: list[Node]
    warnings: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[tuple[Node, Node | None]]:
        """Every node in reading order with its parent (``None`` at the top)."""
        for root in self.nodes:
            yield from root.walk()

    def articles(self) -> list[Node]:
        return [node for node, _parent in self.walk() if node.level is Level.ARTICLE]


# ---------------------------------------------------------------------------- folding

_FOLD_SPECIAL = {"đ": "d", "Đ": "d"}


def _fold_char(char: str) -> str:
    special = _FOLD_SPECIAL.get(char)
    if special is not None:
        return special
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base[0] if base else char


def fold(text: str) -> str:
    """Lower case without diacritics, one character per character of the NFC input."""
    return "".join(_fold_char(char) for char in text)


# ---------------------------------------------------------------------------- numbers

_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ORDINALS = {
    "nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip


def to_roman(value: int) -> str:
    if not 0 < value < 4000:
        raise ValueError(f"No Roman numeral for {value}.")
    out = []
    for amount, symbol in _ROMAN_VALUES:
        while value >= amount:
            out.append(symbol)
            value -= amount
    return "".join(out)


def from_roman(text: str) -> int | None:
    """The value of a well-formed Roman numeral, else ``None`` (so "dd" is not 1000)."""
    text = text.upper()
    if not text or any(char not in "IVXLCDM" for char in text):
        return None
    total, index = 0, 0
    for amount, symbol in _ROMAN_VALUES:
        while text.startswith(symbol, index):
            total += amount
            index += len(symbol)
    if index != len(text) or total == 0 or to_roman(total) != text:
        return None
    return total


def _number_value(token: str) -> int | None:
    """A part/chapter/section number written as 2, II or an ordinal word (folded)."""
    if token.isdigit():
        return int(token) if 0 < int(token) < 4000 else None
    if token in _ORDINALS:
        return _ORDINALS[token]
    return from_roman(token)


# ---------------------------------------------------------------------------- patterns

_SEP = r"\s*(?:[.:\-–—]\s*)?"
_CONTAINER = re.compile(
    r"^(?P<kw>phan|chuong|muc)\s+(?:thu\s+)?(?P<num>[ivxlcdm]+|\d{1,3}|[a-z]{2,4})\b"
    r"(?P<sep>" + _SEP + r")(?P<rest>.*)$"
)
_ARTICLE = re.compile(r"^dieu\s+(?P<num>\d{1,4}[a-z]?)\b(?P<sep>" + _SEP + r")(?P<rest>.*)$")
_CLAUSE = re.compile(r"^(?:khoan\s+)?(?P<num>\d{1,3})\.(?!\d)\s*(?=\S)(?P<rest>.*)$")
_POINT = re.compile(r"^(?:diem\s+)?(?P<letter>[a-z])\)\s*(?=\S)(?P<rest>.*)$")
_CONTAINER_LEVEL = {"phan": Level.PART, "chuong": Level.CHAPTER, "muc": Level.SECTION}
_OPEN_QUOTES = '“"«„'
_CLOSE_QUOTES = '”"»'
_SENTENCE_END = (".", ":", ";", "…")

MAX_PROVISIONS = 20_000


def _is_heading_rest(sep: str, rest: str) -> bool:
    """A heading number must be followed by a separator, nothing, or a capital letter."""
    return bool(sep.strip()) or not rest or rest[0].isupper() or not rest[0].isalpha()


def _clean_rest(rest: str) -> str:
    return rest.strip().strip("*_").strip()


def _slug_letter(letter: str) -> str:
    return "dd" if letter == "đ" else letter


@dataclass
class _Heading:
    level: Level
    number: str
    rest: str


def _match_heading(line: str, folded: str, in_article: bool) -> _Heading | None:
    match = _CONTAINER.match(folded)
    if match and _is_heading_rest(match["sep"], line[match.start("rest") :]):
        value = _number_value(match["num"])
        if value is not None:
            level = _CONTAINER_LEVEL[match["kw"]]
            number = str(value) if level is Level.SECTION else to_roman(value)
            return _Heading(level, number, line[match.start("rest") :])
    match = _ARTICLE.match(folded)
    if match and _is_heading_rest(match["sep"], line[match.start("rest") :]):
        return _Heading(Level.ARTICLE, match["num"], line[match.start("rest") :])
    if not in_article:
        return None
    match = _CLAUSE.match(folded)
    if match:
        return _Heading(Level.CLAUSE, str(int(match["num"])), line[match.start("rest") :])
    match = _POINT.match(folded)
    if match:
        letter = line[match.start("letter")].lower()
        return _Heading(Level.POINT, letter, line[match.start("rest") :])
    return None


# ---------------------------------------------------------------------------- parser


class _Builder:
    """Keeps the open node of each level while the lines stream past."""

    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.roots: list[Node] = []
        self.warnings: list[str] = []
        self.open: dict[Level, Node] = {}
        self.anchors: set[str] = set()
        self.count = 0
        self.pending_title: Node | None = None
        self.quote_depth = 0
        self.straight_quote = False

    # -- the node that body text goes to
    def current(self) -> Node | None:
        for level in reversed(Level):
            if level in self.open:
                return self.open[level]
        return None

    def _unique(self, anchor: str) -> str:
        if anchor not in self.anchors:
            self.anchors.add(anchor)
            return anchor
        suffix = 2
        while f"{anchor}-{suffix}" in self.anchors:
            suffix += 1
        self.warnings.append(f"duplicate:{anchor}")
        unique = f"{anchor}-{suffix}"
        self.anchors.add(unique)
        return unique

    def _anchor(self, level: Level, number: str) -> str:
        if level is Level.PART:
            return f"phan-{number.lower()}"
        if level is Level.CHAPTER:
            return f"chuong-{number.lower()}"
        if level is Level.SECTION:
            chapter = self.open.get(Level.CHAPTER)
            prefix = f"{chapter.anchor}." if chapter else ""
            return f"{prefix}muc-{number}"
        if level is Level.ARTICLE:
            return f"dieu-{number.lower()}"
        article = self.open[Level.ARTICLE]
        if level is Level.CLAUSE:
            return f"{article.anchor}.k{number}"
        clause = self.open.get(Level.CLAUSE)
        return f"{(clause or article).anchor}.{_slug_letter(number)}"

    def add(self, heading: _Heading) -> None:
        level = heading.level
        self.count += 1
        if self.count > MAX_PROVISIONS:
            raise DraftParseError(DraftParseError.TOO_MANY_PROVISIONS, str(MAX_PROVISIONS))
        label_word = {
            Level.PART: "Phần",
            Level.CHAPTER: "Chương",
            Level.SECTION: "Mục",
            Level.ARTICLE: "Điều",
            Level.CLAUSE: "Khoản",
            Level.POINT: "Điểm",
        }[level]
        rest = _clean_rest(heading.rest)
        node = Node(
            level=level,
            number=heading.number,
            label=f"{label_word} {heading.number}",
            anchor="",
        )
        # Close this level and everything below it; a chapter also closes its sections,
        # a part its chapters.
        for deeper in [lvl for lvl in Level if _depth(lvl) >= _depth(level)]:
            self.open.pop(deeper, None)
        node.anchor = self._unique(self._anchor(level, heading.number))
        parent = self.current()
        (parent.children if parent else self.roots).append(node)
        self.open[level] = node
        self.pending_title = None
        if level in (Level.CLAUSE, Level.POINT):
            if rest:
                node.lines.append(rest)
        elif level is Level.ARTICLE:
            if rest.endswith(_SENTENCE_END):
                node.lines.append(rest)
            else:
                node.heading = rest
        else:
            node.heading = rest
            if not rest:
                self.pending_title = node

    def text(self, line: str) -> None:
        if self.pending_title is not None:
            self.pending_title.heading = line.strip().strip("*_").strip()
            self.pending_title = None
            return
        node = self.current()
        (node.lines if node else self.preamble).append(line)

    @property
    def unclosed_quote(self) -> bool:
        return bool(self.quote_depth or self.straight_quote)

    def quoted(self, line: str) -> bool:
        return self.unclosed_quote or line[0] in _OPEN_QUOTES

    def quote_state(self, line: str) -> None:
        opened = sum(line.count(char) for char in "“«„")
        closed = sum(line.count(char) for char in "”»")
        self.quote_depth = max(0, self.quote_depth + opened - closed)
        if line.count('"') % 2:
            self.straight_quote = not self.straight_quote


def _depth(level: Level) -> int:
    return list(Level).index(level)


def parse_lines(lines: list[str]) -> ParsedDraft:
    """Parse already-extracted lines (one paragraph each) into a :class:`ParsedDraft`."""
    builder = _Builder()
    for raw in lines:
        line = unicodedata.normalize("NFC", raw).replace("\u00a0", " ").strip()
        line = re.sub(r"[ \t]+", " ", line)
        if not line:
            continue
        heading = None
        if not builder.quoted(line):
            heading = _match_heading(line, fold(line), Level.ARTICLE in builder.open)
        if heading is not None:
            builder.add(heading)
        else:
            builder.text(line)
        builder.quote_state(line)
    parsed = ParsedDraft("\n".join(builder.preamble), builder.roots, builder.warnings)
    if not any(node.level is Level.ARTICLE for node, _parent in parsed.walk()):
        if not builder.count and not builder.preamble:
            raise DraftParseError(DraftParseError.EMPTY)
        detail = "unclosed_quote" if builder.unclosed_quote else ""
        raise DraftParseError(DraftParseError.NO_ARTICLES, detail)
    if builder.unclosed_quote:
        parsed.warnings.append("unclosed_quote")
    return parsed


# ---------------------------------------------------------------------------- sources

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+(?=\S)")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def markdown_lines(text: str) -> list[str]:
    """Markdown to plain lines: headings, bullets, emphasis and escapes removed."""
    out = []
    for line in text.splitlines():
        if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", line):
            continue
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
        line = _MD_BULLET.sub("", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        line = _MD_ITALIC.sub(r"\1", line)
        line = _MD_ESCAPE.sub(r"\1", line)
        out.append(_MD_CLOSING_HASHES.sub("", line))
    return out


def decode_text(data: bytes) -> str:
    """Bytes of a text file to ``str``: UTF-8 (with or without BOM), UTF-16, else Windows-1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError as error:  # pragma: no cover - cp1258 maps nearly every byte
        raise DraftParseError(DraftParseError.BAD_ENCODING) from error


MAX_UNZIPPED_BYTES = 64 * 1024 * 1024


def docx_lines(data: bytes, *, max_unzipped_bytes: int = MAX_UNZIPPED_BYTES) -> list[str]:
    """Paragraphs (and table rows) of a .docx in body order, with Word's list numbers.

    A .docx is a zip archive: its declared unpacked size is checked first, so a small
    upload cannot unpack into gigabytes (a "zip bomb") on a shared 2-core server.
    """
    import docx  # local import: only .docx uploads pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise DraftParseError(DraftParseError.BAD_DOCX, type(error).__name__) from error
    if unpacked > max_unzipped_bytes:
        raise DraftParseError(DraftParseError.TOO_LARGE, str(unpacked))
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # PackageNotFoundError, KeyError, lxml errors: not a .docx
        raise DraftParseError(DraftParseError.BAD_DOCX, type(error).__name__) from error
    numbering = _WordNumbering(document)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(node.text or "" for node in child.iter(_W + "t"))
            prefix = numbering.prefix(child)
            lines.append(f"{prefix} {text}" if prefix else text)
        elif tag == "tbl":
            for row in child.iter(_W + "tr"):
                cells = [
                    "".join(node.text or "" for node in cell.iter(_W + "t")).strip()
                    for cell in row.iter(_W + "tc")
                ]
                lines.append(" | ".join(cell for cell in cells if cell))
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class _WordNumbering:
    """Word's automatic list numbers ("1.", "a)") that are not in the paragraph text.

    Drafts typed in Word often number clauses and points with the list feature; without
    this the clause numbers would vanish on import. Only the decimal, letter and Roman
    formats that legal texts use are rendered; other lists keep no prefix.
    """

    def __init__(self, document: Any) -> None:
        self.style_numbering: dict[str, tuple[str, str]] = {}
        self.formats: dict[tuple[str, str], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        self.style_numbering = _style_numbering(document)
        abstract: dict[str, dict[str, tuple[str, str, int]]] = {}
        for node in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in node.iter(_W + "lvl"):
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                levels[lvl.get(_W + "ilvl", "0")] = (
                    fmt.get(_W + "val", "") if fmt is not None else "",
                    text.get(_W + "val", "") if text is not None else "",
                    int(start.get(_W + "val", "1")) if start is not None else 1,
                )
            abstract[node.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is None:
                continue
            num_id = num.get(_W + "numId", "")
            for ilvl, spec in abstract.get(ref.get(_W + "val", ""), {}).items():
                self.formats[(num_id, ilvl)] = spec
            # A list that restarts ("1." again in the next article) is a new w:num whose
            # lvlOverride sets the start value.
            for override in num.iter(_W + "lvlOverride"):
                start_node = override.find(_W + "startOverride")
                key = (num_id, override.get(_W + "ilvl", "0"))
                if start_node is not None and key in self.formats:
                    fmt, pattern, _start = self.formats[key]
                    self.formats[key] = (fmt, pattern, int(start_node.get(_W + "val", "1")))

    def prefix(self, paragraph: Any) -> str:
        num_id, ilvl = self._numbering_of(paragraph)
        if not num_id or num_id == "0":
            return ""
        spec = self.formats.get((num_id, ilvl))
        if spec is None:
            return ""
        fmt, pattern, start = spec
        level = int(ilvl)
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]

        def render(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            value = counters.get(index, 1)
            spec_at = self.formats.get((num_id, str(index)), (fmt, "", 1))
            return _format_number(spec_at[0], value)

        return re.sub(r"%(\d)", render, pattern).strip()

    def _numbering_of(self, paragraph: Any) -> tuple[str, str]:
        """(numId, ilvl) from the paragraph, or from its style ("List Number")."""
        num_id, ilvl = "", ""
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id, ilvl = _num_pr_values(num_pr)
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is not None and (not num_id or not ilvl):
            style_num_id, style_ilvl = self.style_numbering.get(style.get(_W + "val", ""), ("", ""))
            num_id = num_id or style_num_id
            ilvl = ilvl or style_ilvl
        return num_id, ilvl or "0"


def _num_pr_values(num_pr: Any) -> tuple[str, str]:
    num_id_node = num_pr.find(_W + "numId")
    ilvl_node = num_pr.find(_W + "ilvl")
    return (
        num_id_node.get(_W + "val", "") if num_id_node is not None else "",
        ilvl_node.get(_W + "val", "") if ilvl_node is not None else "",
    )


def _style_numbering(document: Any) -> dict[str, tuple[str, str]]:
    """List numbering attached to paragraph styles, following ``basedOn``."""
    try:
        root = document.styles.element
    except (AttributeError, KeyError, NotImplementedError):  # pragma: no cover
        return {}
    own: dict[str, tuple[str, str]] = {}
    based_on: dict[str, str] = {}
    for style in root.iter(_W + "style"):
        style_id = style.get(_W + "styleId", "")
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            own[style_id] = _num_pr_values(num_pr)
        base = style.find(_W + "basedOn")
        if base is not None:
            based_on[style_id] = base.get(_W + "val", "")
    result: dict[str, tuple[str, str]] = {}
    for style_id in set(own) | set(based_on):
        cursor, seen = style_id, set()
        while cursor and cursor not in own and cursor not in seen:
            seen.add(cursor)
            cursor = based_on.get(cursor, "")
        if cursor in own:
            result[style_id] = own[cursor]
    return result


def _format_number(fmt: str, value: int) -> str:
    if fmt == "lowerLetter":
        return _LETTERS[(value - 1) % 26]
    if fmt == "upperLetter":
        return _LETTERS[(value - 1) % 26].upper()
    if fmt == "upperRoman":
        return to_roman(value)
    if fmt == "lowerRoman":
        return to_roman(value).lower()
    return str(value)


def source_lines(data: bytes, source_format: SourceFormat) -> list[str]:
    """The lines of a draft file in ``source_format``."""
    if source_format is SourceFormat.DOCX:
        return docx_lines(data)
    text = decode_text(data)
    return markdown_lines(text) if source_format is SourceFormat.MARKDOWN else text.splitlines()


def guess_format(filename: str) -> SourceFormat | None:
    """The format from a file name's extension; ``None`` for extensions not accepted."""
    name = filename.lower()
    if name.endswith(".docx"):
        return SourceFormat.DOCX
    if name.endswith((".md", ".markdown")):
        return SourceFormat.MARKDOWN
    if name.endswith(".txt"):
        return SourceFormat.TEXT
    return None


def parse_text(text: str, source_format: SourceFormat = SourceFormat.TEXT) -> ParsedDraft:
    """Parse pasted text (Markdown or plain)."""
    lines = markdown_lines(text) if source_format is SourceFormat.MARKDOWN else text.splitlines()
    return parse_lines(lines)


def parse_file(data: bytes, source_format: SourceFormat) -> ParsedDraft:
    """Parse the bytes of an uploaded draft."""
    return parse_lines(source_lines(data, source_format))


def render_text(parsed: ParsedDraft) -> str:
    """The draft back as plain text in the canonical layout (parsing it gives the same tree)."""
    out = [parsed.preamble] if parsed.preamble else []
    for node, _parent in parsed.walk():
        out.extend(node_lines(node))
    return "\n".join(out)


def node_lines(node: Node) -> list[str]:
    """One node's own lines as a reader sees them ("Điều 5. Tên", "2. …", "a) …")."""
    if node.level is Level.CLAUSE:
        first = f"{node.number}. "
    elif node.level is Level.POINT:
        first = f"{node.number}) "
    else:
        title = f"{node.label}. {node.heading}" if node.heading else node.label
        return [title, *node.lines]
    body = node.lines or [""]
    return [first + body[0], *body[1:]]
