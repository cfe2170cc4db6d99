"""The quarterly list of disclosures (Law 10/2022 Art 13(2)) as a Word document.

Decree 30/2020 layout from ``danvan.core.docx_layout``: the issuing body (the commune's
People's Committee) and number top left, the national motto and place-date top right, the
title, a table of the items disclosed in the quarter (form and time), "Nơi nhận:" and the
signature block. The number is left blank for the clerk: the list is a draft to sign.
The text is Vietnamese whatever the interface language.
"""

from __future__ import annotations

import datetime as dt
import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.core.dates import short_date
from danvan.core.docx_layout import (
    body_abbreviation,
    body_lines,
    cell_text,
    document_a4,
    header_block,
    line,
    place_date_line,
    recipients_default,
    signature_block,
    signature_lines,
    widths,
)
from danvan.democracy.models.disclosures import CATEGORIES, COMMUNE, DisclosureChannel
from danvan.democracy.selectors.disclosures import (
    Quarter,
    committee_of,
    quarterly_list,
)
from danvan.democracy.services.disclosures import unit_scope
from danvan.units.models import Unit

COLUMNS = ("TT", "Nội dung công khai", "Văn bản", "Hình thức công khai", "Thời gian công khai")
COLUMN_WIDTHS = (10, 62, 30, 38, 35)
# The forms, in the document's own words (Vietnamese whatever the interface language).
CHANNEL_VI = {
    DisclosureChannel.OFFICE: "Niêm yết tại trụ sở",
    DisclosureChannel.VILLAGE_HOUSE: "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng",
    DisclosureChannel.PORTAL: "Cổng/trang thông tin điện tử",
    DisclosureChannel.INTRANET: "Mạng nội bộ",
    DisclosureChannel.LOUDSPEAKER: "Hệ thống truyền thanh",
    DisclosureChannel.VILLAGE_HEADS: "Thông qua trưởng thôn, tổ trưởng tổ dân phố",
    DisclosureChannel.OTHER: "Hình thức khác",
}
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _time_text(first: dt.date, last: dt.date | None, permanent: bool) -> str:
    if last is None:
        return f"Từ {short_date(first)}" + (" (thường xuyên)" if permanent else "")
    return f"{short_date(first)} – {short_date(last)}"


def _legal_item(category: str) -> str:
    info = CATEGORIES.get(category)
    if info is None:
        return ""
    article = 11 if info.scope == COMMUNE else 46
    return f" (khoản {info.item} Điều {article})"


def _recipients(unit: Unit, issuer: Unit) -> list[str]:
    if unit_scope(unit) == COMMUNE:
        return recipients_default(
            issuer, "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã", "Các thôn, tổ dân phố"
        )
    return recipients_default(issuer, "Công đoàn cơ quan", "Ban Thanh tra nhân dân")


def quarterly_list_docx(*, unit: Unit, quarter: Quarter, today: dt.date) -> bytes:
    """The list of the unit's disclosures in ``quarter`` as .docx bytes."""
    issuer = committee_of(unit)
    governing, issuing = body_lines(issuer)
    lines = quarterly_list(unit, quarter)
    document = document_a4()
    header_block(
        document,
        governing=governing,
        issuing=issuing,
        number_line=f"Số:       /DS-{body_abbreviation(issuer)}",
        date_line=place_date_line(issuer, today),
    )
    line(document, "")
    line(document, "DANH SÁCH", size=14, bold=True)
    line(
        document,
        f"Các nội dung đã công khai quý {quarter.roman} năm {quarter.year}",
        size=14,
        bold=True,
    )
    line(document, "———————", size=10)
    line(
        document,
        "Thực hiện khoản 2 Điều 13 Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, "
        f"{issuer.name} lập danh sách các nội dung đã công khai trong quý "
        f"{quarter.roman} năm {quarter.year} (từ {short_date(quarter.first_day)} đến "
        f"{short_date(quarter.last_day)}), với hình thức và thời gian công khai như sau:",
        align=JUSTIFY,
        indent=True,
    )
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell_text(cell, text, bold=True, size=11)
    for number, row in enumerate(lines, start=1):
        item = row.disclosure
        content = item.title + _legal_item(item.category)
        document_text = item.document_number
        document_text += (" ngày " if document_text else "Ngày ") + short_date(item.decided_on)
        values = (
            str(number),
            content,
            document_text,
            "; ".join(CHANNEL_VI[DisclosureChannel(c)] for c in row.channels),
            _time_text(row.first_day, row.last_day, item.permanent),
        )
        for index, (cell, text) in enumerate(zip(table.add_row().cells, values, strict=True)):
            cell_text(cell, text, size=11, align=LEFT if index in (1, 3) else CENTER)
    widths(table, COLUMN_WIDTHS)
    if not lines:
        line(document, "Trong quý không có nội dung nào được công khai.", italic=True)
    line(document, "")
    signature_block(
        document,
        recipients=_recipients(unit, issuer),
        lines=signature_lines(issuer, None),
        signer_name="",
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
