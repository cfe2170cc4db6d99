"""The synthesis-and-explanation report as a Word document in the Decree 30/2020 layout.

Drawn from ``ReportContent`` (``selectors.report``) with the shared frame of
``danvan.core.docx_layout``: issuing body and number top left, national motto and place-date
top right, title, body, "Nơi nhận:" and the signature block. The body: I. how the
consultation was held, with the figures and the agency's introduction; II. the synthesis,
acceptance and explanation — opinions on the draft as a whole, then article by article the
votes and a table of the groups of opinions (opinion, count, disposition, explanation);
III. the table of votes per article. A draft carries "DỰ THẢO" in every page header.

The text is Vietnamese whatever the interface language (see ``selectors.report``).
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor

from danvan.consultations.selectors.report import (
    GroupLine,
    ReportContent,
    Section,
)
from danvan.core.docx_layout import (
    cell_text,
    document_a4,
    header_block,
    line,
    run,
    signature_block,
    widths,
)

DRAFT_MARK = "DỰ THẢO"
DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)
GROUP_COLUMNS = ("TT", "Nội dung ý kiến", "Số ý kiến", "Tiếp thu", "Giải trình")
GROUP_WIDTHS = (10, 62, 18, 23, 52)
FIGURE_COLUMNS = ("TT", "Điều", "Tán thành", "Không tán thành", "Tỷ lệ tán thành", "Ý kiến góp ý")
FIGURE_WIDTHS = (10, 55, 25, 25, 25, 25)
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
EXAMPLES_SHOWN = 2


def _draft_header(document: Any) -> None:
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark = run(paragraph, DRAFT_MARK, size=14, bold=True)
    mark.font.color.rgb = DRAFT_RED


def _groups_table(document: Any, groups: list[GroupLine]) -> None:
    table = document.add_table(rows=1, cols=len(GROUP_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, GROUP_COLUMNS, strict=True):
        cell_text(cell, text, bold=True, size=11)
    for index, group in enumerate(groups, start=1):
        number, opinion, count, disposition, explanation = table.add_row().cells
        cell_text(number, str(index), size=11)
        cell_text(opinion, group.summary, size=12, align=LEFT)
        if group.origin:
            line(opinion, f"({group.origin})", size=11, italic=True, align=LEFT)
        for example in group.examples[:EXAMPLES_SHOWN]:
            line(opinion, f"Ví dụ: «{example}»", size=11, italic=True, align=LEFT)
        cell_text(count, group.count_text, size=12)
        cell_text(disposition, group.disposition_text or "(chưa có)", size=12)
        cell_text(explanation, group.explanation, size=12, align=LEFT)
    widths(table, GROUP_WIDTHS)


def _section(document: Any, section: Section) -> None:
    title = section.title
    if not section.in_draft:
        title += " (không còn trong dự thảo hiện hành)"
    line(document, title, bold=True, italic=True, align=LEFT)
    if section.tally is not None:
        line(document, section.tally.sentence, align=JUSTIFY, indent=True)
    if section.groups:
        _groups_table(document, section.groups)
    else:
        line(document, "Không có ý kiến góp ý.", italic=True, align=LEFT, indent=True)


def _figures_table(document: Any, content: ReportContent) -> None:
    table = document.add_table(rows=1, cols=len(FIGURE_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, FIGURE_COLUMNS, strict=True):
        cell_text(cell, text, bold=True, size=11)
    rows = [(number, title, tally, False) for number, title, tally in content.figure_rows]
    rows.append(("", "Tổng cộng", content.totals, True))
    for number, label, tally, bold in rows:
        values = (number, label, tally.agree_text, tally.disagree_text,
                  tally.agree_share_text, tally.comments_text)  # fmt: skip
        for index, (cell, text) in enumerate(zip(table.add_row().cells, values, strict=True)):
            cell_text(cell, text, size=11, bold=bold, align=LEFT if index == 1 else CENTER)
    widths(table, FIGURE_WIDTHS)


def report_docx_build(content: ReportContent) -> bytes:
    """The report as .docx bytes."""
    document = document_a4()
    if content.draft:
        _draft_header(document)
    header_block(
        document,
        governing=content.governing_body,
        issuing=content.issuing_body,
        number_line=content.number_line,
        date_line=content.date_line,
    )
    line(document, "")
    line(document, content.title, size=14, bold=True)
    line(document, content.subtitle, size=14, bold=True)
    if content.draft:
        mark = line(document, f"({DRAFT_MARK})", size=13, bold=True)
        mark.runs[0].font.color.rgb = DRAFT_RED
    line(document, "———————", size=10)

    line(document, "I. KHÁI QUÁT VIỆC TỔ CHỨC LẤY Ý KIẾN", bold=True, align=LEFT)
    for text in (*content.facts, *content.introduction):
        line(document, text, align=JUSTIFY, indent=True)

    line(document, "II. TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN", bold=True, align=LEFT)
    line(document, "1. Ý kiến chung về dự thảo", bold=True, align=LEFT)
    if content.general.groups:
        _groups_table(document, content.general.groups)
    else:
        line(document, "Không có ý kiến chung.", italic=True, align=LEFT, indent=True)
    line(document, "2. Ý kiến đối với từng điều của dự thảo", bold=True, align=LEFT)
    for section in content.articles:
        _section(document, section)

    line(document, "III. SỐ LIỆU BIỂU QUYẾT THEO TỪNG ĐIỀU", bold=True, align=LEFT)
    _figures_table(document, content)
    line(document, content.closing, align=JUSTIFY, indent=True)

    line(document, "")
    signature_block(
        document,
        recipients=content.recipients,
        lines=content.signature_lines,
        signer_name=content.signer_name,
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
