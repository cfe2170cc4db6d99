"""The book of typical models as a Word document (python-docx).

A4 with the margins of Vietnamese administrative documents (Decree 30/2020: top and bottom
20 mm, left 30 mm, right 15 mm) and Times New Roman throughout, named for every script so
Word never falls back to a font without Vietnamese diacritics (LibreOffice substitutes the
metric-compatible Liberation Serif where Times New Roman is not installed).

The parts: the cover (the committee, the title, the period, the place and month), the
table of contents, the foreword, then one chapter per field in the movement's order, each
model on its own page with its cover photo, its unit and recognition, its story and its
figures. The table of contents is a real TOC field (Word fills in the page numbers when
the fields are updated, which it offers on opening) whose stored result is a plain list of
the chapters and models, so the document reads correctly before any update and in viewers
that never update fields. Page numbers are a PAGE field in the footer, absent on the cover.

The fixed words ("MỤC LỤC", "Lời nói đầu", "Thực trạng"…) are the printed book's, written
in Vietnamese rather than translated, as in the other documents danvan prints.
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from danvan.core.docx_layout import FONT, cell_text, document_a4, line, run, widths
from danvan.emulation.selectors.books import BookContent, Chapter, EntryContent

__all__ = ["TOC_INSTRUCTION", "book_docx_build", "chapter_heading", "entry_heading"]

LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '
TEXT_WIDTH_MM = 165  # 210 mm less the 30 mm and 15 mm margins
PHOTO_MAX_WIDTH_MM = 140
PHOTO_MAX_HEIGHT_MM = 95
BLACK = RGBColor(0, 0, 0)
ACCENT_HEX = "8B1A1A"  # the dark red of the cover and the chapter titles
ACCENT = RGBColor.from_string(ACCENT_HEX)
SECTION_TITLES = ("Thực trạng, vấn đề đặt ra", "Cách làm", "Kết quả đạt được")


def chapter_heading(chapter: Chapter) -> str:
    return f"Chương {chapter.number}. {chapter.title}"


def entry_heading(chapter: Chapter, index: int, entry: EntryContent) -> str:
    return f"{chapter.number}.{index}. {entry.title}"


# --------------------------------------------------------------------------- primitives


def _style_fonts(document: Any) -> None:
    """Times New Roman, black, for the body and both heading levels, on every script."""
    for name, size in (("Normal", 13), ("Heading 1", 16), ("Heading 2", 14)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = BLACK
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        if name != "Normal":
            style.font.bold = True
            style.font.italic = False
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.space_after = Pt(6)
            style.paragraph_format.keep_with_next = True
    document.styles["Normal"].paragraph_format.space_after = Pt(3)
    document.styles["Normal"].paragraph_format.line_spacing = 1.15


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A complex field (PAGE, TOC…) in one paragraph, with ``placeholder`` as its result."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    paragraph.add_run()._r.append(instr)
    char("separate")
    run(paragraph, placeholder, size=12)
    char("end")


def _fld_char(paragraph: Any, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _heading(document: Any, text: str, level: int, *, page_break: bool) -> Any:
    paragraph = document.add_paragraph(style=f"Heading {level}")
    paragraph.alignment = CENTER if level == 1 else LEFT
    paragraph.paragraph_format.page_break_before = page_break
    run(paragraph, text, size=16 if level == 1 else 14, bold=True)
    return paragraph


def _body(document: Any, text: str) -> Any:
    paragraph = line(document, text, align=JUSTIFY, indent=True)
    paragraph.paragraph_format.space_after = Pt(4)
    return paragraph


def _spacer(document: Any, points: int) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(points)


# --------------------------------------------------------------------------- parts


def _cover(document: Any, content: BookContent) -> None:
    if content.superior:
        line(document, content.superior, size=14)
    line(document, content.committee, size=14, bold=True)
    line(document, "*", size=14)
    _spacer(document, 150)
    line(document, "Phong trào thi đua “Dân vận khéo”", size=14, italic=True).runs[
        0
    ].font.color.rgb = ACCENT
    title = line(document, content.title.upper(), size=20, bold=True)
    title.runs[0].font.color.rgb = ACCENT
    title.paragraph_format.space_after = Pt(12)
    if content.subtitle:
        line(document, content.subtitle, size=15, italic=True)
    if content.show_period:
        line(document, f"Giai đoạn {content.period}", size=15, bold=True)
    _spacer(document, 260)
    line(document, content.place_line, size=14, italic=True)


def _toc(document: Any, content: BookContent) -> None:
    """A TOC field whose stored result lists the chapters and the models."""
    heading = line(document, "MỤC LỤC", size=16, bold=True)
    heading.paragraph_format.page_break_before = True
    heading.paragraph_format.space_after = Pt(12)
    rows: list[tuple[str, int]] = []
    if content.foreword:
        rows.append(("Lời nói đầu", 1))
    for chapter in content.chapters:
        rows.append((chapter_heading(chapter), 1))
        rows.extend(
            (entry_heading(chapter, index, entry), 2)
            for index, entry in enumerate(chapter.entries, start=1)
        )
    for number, (text, level) in enumerate(rows):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.paragraph_format.left_indent = Mm(0 if level == 1 else 8)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        if number == 0:
            _fld_char(paragraph, "begin")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = TOC_INSTRUCTION
            paragraph.add_run()._r.append(instr)
            _fld_char(paragraph, "separate")
        run(paragraph, text, size=13 if level == 1 else 12, bold=level == 1)
        if number == len(rows) - 1:
            _fld_char(paragraph, "end")


def _foreword(document: Any, content: BookContent) -> None:
    if not content.foreword:
        return
    _heading(document, "Lời nói đầu", 1, page_break=True)
    for text in content.foreword:
        _body(document, text)


def _photo(document: Any, entry: EntryContent) -> None:
    photo = entry.photo
    if photo is None:
        return
    width = float(PHOTO_MAX_WIDTH_MM)
    if photo.height * width / photo.width > PHOTO_MAX_HEIGHT_MM:
        width = PHOTO_MAX_HEIGHT_MM * photo.width / photo.height
    paragraph = document.add_paragraph()
    paragraph.alignment = CENTER
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run().add_picture(io.BytesIO(photo.data), width=Mm(width))
    if photo.caption:
        line(document, photo.caption, size=11, italic=True)


def _figures(document: Any, entry: EntryContent) -> None:
    if not entry.figures:
        return
    line(document, "Một số chỉ tiêu", bold=True, align=LEFT)
    table = document.add_table(rows=1, cols=3)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths(table, (95, 35, 35))
    for cell, text in zip(table.rows[0].cells, ("Chỉ tiêu", "Kết quả", "Đơn vị"), strict=True):
        cell_text(cell, text, bold=True)
    for indicator, value, unit in entry.figures:
        cells = table.add_row().cells
        cell_text(cells[0], indicator, align=LEFT)
        cell_text(cells[1], value, align=WD_ALIGN_PARAGRAPH.RIGHT)
        cell_text(cells[2], unit)
    widths(table, (95, 35, 35))
    _spacer(document, 4)


def _entry(document: Any, chapter: Chapter, index: int, entry: EntryContent) -> None:
    _heading(document, entry_heading(chapter, index, entry), 2, page_break=index > 1)
    details = [entry.unit_name]
    if entry.person:
        details.insert(0, entry.person)
    for text in details:
        line(document, text, size=13, italic=True, align=LEFT)
    line(document, f"{entry.kind_label} · {entry.recognition}", size=12, align=LEFT)
    _photo(document, entry)
    if entry.story:
        for text in entry.story:
            _body(document, text)
    else:
        for title, texts in zip(
            SECTION_TITLES, (entry.problem, entry.actions, entry.results), strict=True
        ):
            if texts:
                line(document, title, bold=True, align=LEFT)
                for text in texts:
                    _body(document, text)
    _figures(document, entry)


def _cover_border(document: Any) -> None:
    """A double dark-red frame around the cover page only (as the PDF draws it)."""
    sect_pr = document.sections[0]._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:display"), "firstPage")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "double")
        border.set(qn("w:sz"), "18")
        border.set(qn("w:space"), "24")
        border.set(qn("w:color"), ACCENT_HEX)
        borders.append(border)
    sect_pr.find(qn("w:pgMar")).addnext(borders)


def _footer(document: Any) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = CENTER
    _field(paragraph, "PAGE", "1")


def book_docx_build(content: BookContent) -> bytes:
    """The book as .docx bytes."""
    document = document_a4()
    _style_fonts(document)
    _footer(document)
    _cover_border(document)
    _cover(document, content)
    _toc(document, content)
    _foreword(document, content)
    for chapter in content.chapters:
        _heading(document, chapter_heading(chapter), 1, page_break=True)
        for index, entry in enumerate(chapter.entries, start=1):
            _entry(document, chapter, index, entry)
    # Word offers to update the fields (the TOC's page numbers) when the book is opened.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    core = document.core_properties
    core.title = content.title
    core.author = content.committee
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
