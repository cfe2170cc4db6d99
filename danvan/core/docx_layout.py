"""Layout of administrative documents in Word (.docx) per Decree 30/2020/NĐ-CP, Appendix I.

Every report the system writes as a Word document shares one frame: A4 with the decree's
margins, Times New Roman 13–14 pt, the issuing body top left with its number and symbol,
the national motto top right with the place and date, the title in the middle, and
"Nơi nhận:" beside the signature block at the end. The primitives here draw that frame,
so each app only writes its own body (petitions' statistics report, consultations'
synthesis-and-explanation report) and the frame stays the same everywhere.

The fixed words of the frame (the national motto, "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN") are
the decree's, not interface text: they are written in Vietnamese and not translated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.core.dates import admin_date_vi
from danvan.units.models import PATH_SEPARATOR, Unit

__all__ = [
    "FONT",
    "MOTTO",
    "NATION",
    "PARTY_NAME",
    "Signer",
    "body_abbreviation",
    "body_lines",
    "cell_text",
    "document_a4",
    "header_block",
    "line",
    "party_body_lines",
    "party_header_block",
    "party_signature_lines",
    "place_date_line",
    "place_name",
    "recipients_default",
    "run",
    "signature_block",
    "signature_lines",
    "widths",
]

FONT = "Times New Roman"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"

# Abbreviations of issuing bodies in document symbols (Decree 30/2020, Appendix I).
BODY_ABBREVIATIONS: dict[str, str] = {
    Unit.Kind.PEOPLES_COMMITTEE: "UBND",
    Unit.Kind.FATHERLAND_FRONT: "MTTQ",
}
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ", "Thị trấn ")
DEPUTY_PREFIX = "phó "


@dataclass(frozen=True)
class Signer:
    """Who signs the document: the head of the unit (or a deputy), by title and name."""

    name: str
    title: str


# --------------------------------------------------------------------------- names


def place_name(unit: Unit) -> str:
    """The place in "<place>, ngày … tháng … năm …": the administrative unit where the body
    sits (Decree 30/2020, Appendix I): the commune for a commune's body, else the province."""
    codes = unit.path.split(PATH_SEPARATOR)
    places = {
        place.code: place
        for place in Unit.objects.filter(code__in=codes, kind__in=Unit.PLACE_KINDS - {"country"})
    }
    for code in reversed(codes):
        place = places.get(code)
        if place is not None:
            name = place.name
            for prefix in PLACE_PREFIXES:
                if name.startswith(prefix):
                    return name[len(prefix) :]
            return name
    return ""


def body_abbreviation(unit: Unit) -> str:
    """The issuer part of the document symbol: UBND for a People's Committee, else the
    initials of the body's name (e.g. "Thanh tra tỉnh" → "TTT")."""
    if unit.kind in BODY_ABBREVIATIONS:
        return BODY_ABBREVIATIONS[unit.kind]
    return "".join(word[0] for word in unit.name.split() if word[:1].isalpha()).upper()[:8]


def body_lines(unit: Unit) -> tuple[str, str]:
    """(governing body, issuing body) in capitals, as in the top-left block."""
    parent = unit.parent
    governing = parent.name.upper() if parent is not None and not parent.is_place else ""
    return governing, unit.name.upper()


def recipients_default(unit: Unit, *extra: str) -> list[str]:
    """The "Nơi nhận:" list: ``extra`` first, then the body above (if it is not a place,
    e.g. the province's committee above its department), then the archive."""
    lines = [f"- {name};" for name in extra]
    if unit.parent is not None and not unit.parent.is_place:
        lines.append(f"- {unit.parent.name};")
    lines.append("- Lưu: VT.")
    return lines


def place_date_line(unit: Unit, day: dt.date | None, *, year: int | None = None) -> str:
    """The place and date, "Hưng Yên, ngày 05 tháng 12 năm 2026". Without a day (a draft
    not yet signed) the day and month are left blank for the pen, as on a paper draft."""
    if day is not None:
        date_text = admin_date_vi(day)
    else:
        date_text = f"ngày      tháng      năm {year or ''}".rstrip()
    place = place_name(unit)
    return f"{place}, {date_text}" if place else date_text


def signature_lines(unit: Unit, signer: Signer | None) -> list[str]:
    """The capitalised lines above the signature: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH" (Decree 30/2020, Appendix I: a collective body signs "on behalf of",
    a deputy signs "for" the head)."""
    committee = unit.kind == Unit.Kind.PEOPLES_COMMITTEE
    default_title = "Chủ tịch" if committee else "Thủ trưởng đơn vị"
    title = signer.title if signer and signer.title else default_title
    lines = ["TM. ỦY BAN NHÂN DÂN"] if committee else []
    if title.lower().startswith(DEPUTY_PREFIX):
        lines.append(f"KT. {title[len(DEPUTY_PREFIX) :].upper()}")
    lines.append(title.upper())
    return lines


# --------------------------------------------------------------------------- primitives


def run(
    paragraph: Any, text: str, *, size: int = 13, bold: bool = False, italic: bool = False
) -> Any:
    """A run of ``text`` in the document font, named for every script so none falls back."""
    added = paragraph.add_run(text)
    added.font.name = FONT
    added.font.size = Pt(size)
    added.font.bold = bold
    added.font.italic = italic
    fonts = added._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    return added


def line(
    container: Any,
    text: str,
    *,
    size: int = 13,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    indent: bool = False,
) -> Any:
    """A paragraph of one run (first line indented 12.7 mm for body text when ``indent``)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(3)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
    run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Fix the column widths (Word honours the cells' widths, LibreOffice the grid's)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def cell_text(
    cell: Any,
    text: str,
    *,
    bold: bool = False,
    size: int = 12,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    """Write ``text`` into the cell's first paragraph."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run(paragraph, text, size=size, bold=bold, italic=italic)


# --------------------------------------------------------------------------- the frame


def document_a4() -> Any:
    """A new document on A4 portrait with the decree's margins and font."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # Decree 30/2020 Appendix I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    return document


def header_block(
    document: Any, *, governing: str, issuing: str, number_line: str, date_line: str
) -> Any:
    """The two-column head: issuing body and "Số: …" left, motto and place-date right.

    Takes the texts rather than the unit, so a frozen document (an approved report's
    snapshot) prints as approved even after the unit is renamed.
    """
    header = document.add_table(rows=1, cols=2)
    widths(header, (65, 100))
    left, right = header.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if governing:
        run(left.paragraphs[0], governing, size=13)
        line(left, issuing, bold=True)
    else:
        run(left.paragraphs[0], issuing, size=13, bold=True)
    line(left, "———————", size=10)
    line(left, number_line)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(right.paragraphs[0], NATION, size=12, bold=True)
    line(right, MOTTO, size=13, bold=True)
    line(right, "———————————", size=10)
    line(right, date_line, italic=True)
    return header


def signature_block(
    document: Any, *, recipients: Sequence[str], lines: Sequence[str], signer_name: str
) -> Any:
    """The "Nơi nhận:" list on the left, the signature block on the right
    (``lines`` from ``signature_lines``, then room for the signature, then the name)."""
    footer = document.add_table(rows=1, cols=2)
    widths(footer, (80, 85))
    left, right = footer.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    run(left.paragraphs[0], "Nơi nhận:", size=12, bold=True, italic=True)
    for recipient in recipients:
        line(left, recipient, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    first, *rest = lines
    run(right.paragraphs[0], first, size=13, bold=True)
    for text in rest:
        line(right, text, bold=True)
    for _ in range(3):
        line(right, "")
    if signer_name:
        line(right, signer_name, bold=True)
    return footer


# --------------------------------------------------------------------------- Party format


def party_body_lines(unit: Unit) -> tuple[str, str]:
    """(superior, issuing) in capitals for a Party body's top-left block (HD 36-HD/VPTW):
    a commission prints its Party committee above it ("TỈNH ỦY HƯNG YÊN" over "BAN TUYÊN
    GIÁO VÀ DÂN VẬN"); a Party committee prints its Party organisation ("ĐẢNG BỘ TỈNH HƯNG
    YÊN" over "TỈNH ỦY")."""
    parent = unit.parent
    if unit.kind == Unit.Kind.PARTY_COMMISSION and parent is not None:
        issuing = unit.name
        suffix = " " + parent.name
        for tail in (suffix, " Tỉnh ủy", " Thành ủy", " Đảng ủy"):
            if issuing.endswith(tail):
                issuing = issuing[: -len(tail)]
                break
        return parent.name.upper(), issuing.upper()
    if unit.kind == Unit.Kind.PARTY_COMMITTEE and parent is not None and parent.is_place:
        if parent.kind in Unit.PROVINCE_KINDS:
            # "ĐẢNG BỘ TỈNH HƯNG YÊN" over "TỈNH ỦY".
            head = " ".join(unit.name.split(" ")[0:2]).upper()
            return f"ĐẢNG BỘ {parent.name.upper()}", head
        # A commune's committee prints its province's Party organisation above it.
        province = next(
            (
                u
                for u in Unit.objects.filter(
                    code__in=unit.path.split(PATH_SEPARATOR), kind__in=Unit.PROVINCE_KINDS
                )
            ),
            None,
        )
        superior = f"ĐẢNG BỘ {province.name.upper()}" if province is not None else ""
        return superior, unit.name.upper()
    return (parent.name.upper() if parent is not None and not parent.is_place else ""), (
        unit.name.upper()
    )


def party_header_block(
    document: Any, *, superior: str, issuing: str, number_line: str, date_line: str
) -> Any:
    """The Party document head (HD 36-HD/VPTW): superior body, issuing body in bold, a star,
    and "Số 07-BC/BTGDVTU" on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined on the right,
    with the place and date in italics below it. No national motto."""
    header = document.add_table(rows=1, cols=2)
    widths(header, (75, 90))
    left, right = header.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if superior:
        run(left.paragraphs[0], superior, size=14)
        line(left, issuing, size=14, bold=True)
    else:
        run(left.paragraphs[0], issuing, size=14, bold=True)
    line(left, "*")
    line(left, number_line, size=14)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    party = run(right.paragraphs[0], PARTY_NAME, size=15, bold=True)
    party.font.underline = True
    line(right, "", size=8)
    line(right, date_line, size=14, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return header


def party_signature_lines(unit: Unit, signer: Signer | None) -> list[str]:
    """ "T/M BAN THƯỜNG VỤ" for a Party committee, "K/T TRƯỞNG BAN" + "PHÓ TRƯỞNG BAN" for a
    deputy of a commission (Party documents write T/M and K/T with a slash)."""
    committee = unit.kind == Unit.Kind.PARTY_COMMITTEE
    default_title = "Bí thư" if committee else "Trưởng ban"
    title = signer.title if signer and signer.title else default_title
    lines = ["T/M BAN THƯỜNG VỤ"] if committee else []
    if title.lower().startswith(DEPUTY_PREFIX):
        lines.append(f"K/T {title[len(DEPUTY_PREFIX) :].upper()}")
    lines.append(title.upper())
    return lines
