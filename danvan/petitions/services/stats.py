"""Official outputs of the statistics: Excel workbooks and the Word report.

* the reception book (sổ tiếp công dân, form 03/TCD of ND 154/2026, all 13 columns);
* the statistics tables as a workbook;
* the statistics as a report (báo cáo) in the administrative format of Decree 30/2020/NĐ-CP:
  issuing body top left with the number and symbol, the national motto top right with the
  place and date, the title, the body, "Nơi nhận:" and the signature block, in Times New
  Roman 13–14 pt on A4.

These are administrative documents, which Decree 30/2020 requires in Vietnamese, and the
book's column headings are the words of form 03/TCD itself: their text is the law's, not
interface text, so it is written here in Vietnamese and not translated.

A denouncer is never named in any of them: the book writes "[bảo mật]" in columns 3 and 4
of a denunciation's line (its visitor is in the sealed vault, never in the book), and the
statistics hold counts only. Workbooks are written with openpyxl's write-only mode, row by
row, so a year of a busy unit's book does not sit in memory.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.db import transaction
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from danvan.audit.services import audit_record
from danvan.core.dates import short_date
from danvan.core.docx_layout import (
    FONT,
    body_lines,
    document_a4,
    header_block,
    place_date_line,
    recipients_default,
    signature_block,
    signature_lines,
)
from danvan.core.docx_layout import Signer as Signer
from danvan.core.docx_layout import body_abbreviation as body_abbreviation
from danvan.core.docx_layout import cell_text as _cell_text
from danvan.core.docx_layout import line as _line
from danvan.core.docx_layout import place_name as place_name
from danvan.core.docx_layout import widths as _widths
from danvan.petitions.models import Case
from danvan.petitions.models.intake import ReceptionBookEntry
from danvan.petitions.selectors.intake import reception_book_entries
from danvan.petitions.selectors.stats import Period, StatsRow, UnitStats
from danvan.petitions.services.handling import case_redact
from danvan.units.models import Unit, User

SEALED = "[bảo mật]"
TOTAL_KEY = "all"  # the key of ``UnitStats.total``
NO_FIELD_KEY = "none"  # the key of the cases not yet given a field
NO_FIELD = "Chưa xác định lĩnh vực"

KIND_VI: dict[str, str] = {
    Case.Kind.PETITION: "Kiến nghị, phản ánh",
    Case.Kind.COMPLAINT: "Khiếu nại",
    Case.Kind.DENUNCIATION: "Tố cáo",
    Case.Kind.MIXED: "Đơn có nhiều nội dung",
    Case.Kind.ANONYMOUS_REPORT: "Thông tin có nội dung tố cáo (nặc danh)",
}

# Form 03/TCD (ND 154/2026), in the form's order.
BOOK_COLUMNS: tuple[str, ...] = (
    "STT",
    "Ngày tiếp",
    "Họ tên, địa chỉ",
    "CCCD/CMND/Hộ chiếu",
    "Nội dung đơn",
    "Loại đơn",
    "Số người cùng nội dung",
    "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền (x)",
    "Hướng dẫn công dân đến cơ quan có thẩm quyền",
    "Cơ quan, đơn vị thụ lý",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
)
BOOK_WIDTHS = (6, 12, 30, 20, 45, 16, 10, 25, 10, 30, 30, 30, 20)

STATS_COLUMNS: tuple[str, ...] = (
    "Tiếp nhận",
    "Đã thụ lý",
    "Đã giải quyết",
    "Giải quyết đúng hạn",
    "Tỷ lệ đúng hạn (%)",
    "Quá hạn chưa giải quyết",
    "Lượt đánh giá",
    "Hài lòng",
    "Hài lòng một phần",
    "Không hài lòng",
    "Tỷ lệ hài lòng (%)",
)


# --------------------------------------------------------------------------- workbooks


def _cell(sheet: WriteOnlyWorksheet, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(name=FONT, size=12, bold=bold)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _title(sheet: WriteOnlyWorksheet, *lines: str) -> None:
    for line in lines:
        sheet.append([_cell(sheet, line, bold=True)])
    sheet.append([])


def _stats_values(row: StatsRow) -> list[Any]:
    return [
        row.received,
        row.accepted,
        row.resolved,
        row.resolved_on_time,
        row.on_time_rate,
        row.overdue_open,
        row.rated,
        row.satisfied,
        row.partly_satisfied,
        row.not_satisfied,
        row.satisfaction_rate,
    ]


def _stats_sheet(
    book: Workbook, *, name: str, heading: str, rows: Sequence[StatsRow], lines: Sequence[str]
) -> None:
    sheet = book.create_sheet(name)
    sheet.column_dimensions["A"].width = 40
    _title(sheet, *lines)
    sheet.append([_cell(sheet, text, bold=True) for text in (heading, *STATS_COLUMNS)])
    for row in rows:
        sheet.append([_cell(sheet, row.label), *(_cell(sheet, v) for v in _stats_values(row))])


def stats_workbook_build(*, stats: UnitStats, period: Period, out: IO[bytes]) -> None:
    """Write the statistics of ``stats`` as an .xlsx workbook to ``out``."""
    book = Workbook(write_only=True)
    lines = [
        f"THỐNG KÊ KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN {period.label_vi.upper()}",
        f"Đơn vị: {stats.unit.name} và các đơn vị trực thuộc",
        f"Từ ngày {short_date(stats.start)} đến ngày {short_date(stats.end)}; "
        f"số liệu quá hạn tính đến ngày {short_date(stats.today)}",
    ]
    total = _relabel(stats.total, "Tổng cộng")
    by_kind = [_relabel(row, KIND_VI.get(row.key, row.label)) for row in stats.by_kind]
    _stats_sheet(
        book, name="Theo loại đơn", heading="Loại đơn", rows=[*by_kind, total], lines=lines
    )
    _stats_sheet(
        book, name="Theo lĩnh vực", heading="Lĩnh vực", rows=_field_rows(stats), lines=lines
    )
    _stats_sheet(book, name="Theo đơn vị", heading="Đơn vị", rows=stats.by_unit, lines=lines)
    _stats_sheet(book, name="Theo tháng", heading="Tháng", rows=stats.by_month, lines=lines)
    book.save(out)


def _field_rows(stats: UnitStats) -> list[StatsRow]:
    return [_relabel(row, NO_FIELD) if row.key == NO_FIELD_KEY else row for row in stats.by_field]


def _relabel(row: StatsRow, label: str) -> StatsRow:
    copy = StatsRow(key=row.key, label=label)
    for name in StatsRow.COUNTS:
        setattr(copy, name, getattr(row, name))
    return copy


def book_row(entry: ReceptionBookEntry) -> list[Any]:
    """The 13 columns of one line of the book; a denouncer's identity is never written."""
    sealed = entry.identity_sealed or entry.kind == Case.Kind.DENUNCIATION
    summary = entry.summary
    if sealed and entry.case is not None:
        # The summary was typed at the desk; pass it through the sealed redaction too.
        summary = case_redact(case=entry.case, text=summary)
    if sealed:
        who, paper = SEALED, SEALED
    else:
        who = ", ".join(part for part in (entry.visitor_name, entry.visitor_address) if part)
        paper = entry.id_paper
    guided = entry.guided_to
    if entry.guidance_letter_number:
        guided = f"{guided} (văn bản số {entry.guidance_letter_number})".strip()
    accepted = entry.accepted_by
    if entry.transfer_letter_number:
        accepted = f"{accepted} (phiếu chuyển số {entry.transfer_letter_number})".strip()
    return [
        entry.sequence,
        short_date(entry.received_on),
        who,
        paper,
        summary,
        KIND_VI.get(entry.kind, entry.kind),
        entry.people_count,
        entry.resolved_by,
        "x" if entry.within_competence else "",
        guided,
        accepted,
        entry.outcome_follow_up,
        entry.notes,
    ]


def reception_book_workbook_build(
    *,
    unit: Unit,
    entries: Iterable[ReceptionBookEntry],
    date_from: dt.date,
    date_to: dt.date,
    out: IO[bytes],
) -> int:
    """Write the reception book lines ``entries`` as form 03/TCD; return the line count."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sổ tiếp công dân")
    for index, width in enumerate(BOOK_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    _title(
        sheet,
        unit.name.upper(),
        "SỔ TIẾP CÔNG DÂN (Mẫu số 03/TCD)",
        f"Từ ngày {short_date(date_from)} đến ngày {short_date(date_to)}",
    )
    sheet.append([_cell(sheet, text, bold=True) for text in BOOK_COLUMNS])
    sheet.append([_cell(sheet, f"({number})") for number in range(1, len(BOOK_COLUMNS) + 1)])
    count = 0
    for entry in entries:
        sheet.append([_cell(sheet, value) for value in book_row(entry)])
        count += 1
    book.save(out)
    return count


@transaction.atomic
def reception_book_export(
    *, unit: Unit, actor: User, date_from: dt.date, date_to: dt.date, out: IO[bytes]
) -> int:
    """Export ``unit``'s reception book between two dates; the export is audited, since
    the book holds the names and papers of the people received."""
    entries = reception_book_entries(unit=unit, date_from=date_from, date_to=date_to)
    count = reception_book_workbook_build(
        unit=unit,
        entries=entries.iterator(chunk_size=2000),
        date_from=date_from,
        date_to=date_to,
        out=out,
    )
    audit_record(
        actor=actor,
        verb="reception_book.export",
        target=unit,
        data={"from": date_from, "to": date_to, "lines": count},
    )
    return count


# --------------------------------------------------------------------------- the report


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def _figures_table(document: Any, *, heading: str, rows: Sequence[StatsRow]) -> None:
    columns = ("TT", heading, "Tiếp nhận", "Đã thụ lý", "Đã giải quyết", "Đúng hạn",
               "Quá hạn chưa giải quyết", "Tỷ lệ hài lòng (%)")  # fmt: skip
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        _cell_text(cell, text, bold=True, size=11)
    for index, row in enumerate(rows, start=1):
        total = row.key == TOTAL_KEY
        values = ("" if total else str(index), row.label, str(row.received), str(row.accepted),
                  str(row.resolved), str(row.resolved_on_time), str(row.overdue_open),
                  _number(row.satisfaction_rate))  # fmt: skip
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _cell_text(cell, text, size=11, bold=total)
    _widths(table, (10, 45, 17, 17, 17, 17, 21, 21))


def _body(document: Any, stats: UnitStats, period: Period) -> None:
    total = stats.total
    counts = "; ".join(
        f"{KIND_VI.get(row.key, row.label).lower()} {row.received}" for row in stats.by_kind
    )
    _line(document, "I. TÌNH HÌNH TIẾP NHẬN", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(
        document,
        f"Trong {period.label_vi} (từ ngày {short_date(stats.start)} đến ngày "
        f"{short_date(stats.end)}), {stats.unit.name} và các đơn vị trực thuộc đã tiếp nhận "
        f"{total.received} vụ việc" + (f", trong đó: {counts}." if counts else "."),
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
    )
    _line(document, "II. KẾT QUẢ XỬ LÝ, GIẢI QUYẾT", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    on_time = _number(total.on_time_rate)
    _line(
        document,
        f"Đã thụ lý {total.accepted} vụ việc; đã giải quyết, trả lời {total.resolved} vụ việc, "
        f"trong đó đúng hạn {total.resolved_on_time} vụ việc (tỷ lệ {on_time}%). "
        f"Đến ngày {short_date(stats.today)} còn {total.overdue_open} vụ việc quá hạn "
        "chưa giải quyết.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
    )
    _line(document, "III. MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(
        document,
        f"Có {total.rated} lượt đánh giá kết quả giải quyết: hài lòng {total.satisfied}, "
        f"hài lòng một phần {total.partly_satisfied}, không hài lòng {total.not_satisfied} "
        f"(tỷ lệ hài lòng {_number(total.satisfaction_rate)}%).",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent=True,
    )
    _line(document, "Bảng 1. Kết quả theo loại đơn", italic=True)
    by_kind = [_relabel(row, KIND_VI.get(row.key, row.label)) for row in stats.by_kind]
    _figures_table(document, heading="Loại đơn", rows=[*by_kind, _relabel(total, "Tổng cộng")])
    if stats.by_field:
        _line(document, "Bảng 2. Kết quả theo lĩnh vực", italic=True)
        _figures_table(document, heading="Lĩnh vực", rows=_field_rows(stats))
    if len(stats.by_unit) > 1:
        _line(document, "Bảng 3. Kết quả theo đơn vị", italic=True)
        _figures_table(document, heading="Đơn vị", rows=stats.by_unit)
    _line(document, "IV. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(
        document,
        "(Đơn vị bổ sung đề xuất, kiến nghị trước khi trình ký.)",
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        indent=True,
    )


def stats_report_build(
    *,
    stats: UnitStats,
    period: Period,
    signed_on: dt.date,
    signer: Signer | None,
    out: IO[bytes],
) -> None:
    """Write the statistics report (báo cáo) as a .docx in the Decree 30/2020 layout."""
    unit = stats.unit
    document = document_a4()
    governing, issuing = body_lines(unit)
    header_block(document, governing=governing, issuing=issuing,
                 number_line=f"Số:       /BC-{body_abbreviation(unit)}",
                 date_line=place_date_line(unit, signed_on))  # fmt: skip

    _line(document, "")
    _line(document, "BÁO CÁO", size=14, bold=True)
    _line(
        document,
        "Kết quả công tác tiếp công dân, xử lý đơn và giải quyết kiến nghị, phản ánh, "
        f"khiếu nại, tố cáo {period.label_vi}",
        size=14,
        bold=True,
    )
    _line(document, "———————", size=10)
    _body(document, stats, period)

    _line(document, "")
    signature_block(document, recipients=recipients_default(unit),
                    lines=signature_lines(unit, signer),
                    signer_name=signer.name if signer else "")  # fmt: skip
    document.save(out)
