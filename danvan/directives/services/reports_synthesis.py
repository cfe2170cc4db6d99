"""The synthesis of a reporting round: a Word report in the administrative format and an
Excel workbook, drafted at any time and issued (numbered, kept) by the commission.

Word (``core.docx_layout``): a Party body (``numbering.is_party_body``: a Party committee
or one of its commissions) writes in the Party format of HD 36-HD/VPTW — its superior and
its name with a star, "Số 07-BC/BTGDVTU", "ĐẢNG CỘNG SẢN VIỆT NAM", signature "T/M" or
"K/T"; any other body in the State format of Decree 30/2020 — "Số: 07/BC-UBND", the
national motto. The body: I. who has reported, II. the table of indicators (totals and
the number of units giving each figure), then one part per narrative section with every
unit's text. A draft has no number, a blank date and "DỰ THẢO" in the page header.

Excel (openpyxl, write-only): a summary sheet, one sheet of indicators with a row per unit
and a totals row, one sheet of narratives. Figures are written as numbers.

Scale: a national round has 3,321 units × ~10 indicators × 4 sections. The figures come
from ``selectors.reports`` (grouped queries, streamed rows); the thousands of narrative
paragraphs are stamped from a prepared paragraph (an XML copy), not built run by run.

The documents are Vietnamese whatever the interface language (they are administrative
documents), so their fixed words are written here in Vietnamese.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import RGBColor
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from danvan.audit.services import audit_record
from danvan.core.docx_layout import (
    Signer,
    body_abbreviation,
    body_lines,
    cell_text,
    document_a4,
    header_block,
    line,
    party_body_lines,
    party_header_block,
    party_signature_lines,
    place_date_line,
    recipients_default,
    run,
    signature_block,
    signature_lines,
    widths,
)
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import ReportingRound, SynthesisFile, UnitReport
from danvan.directives.selectors.reports import (
    Rollup,
    synthesis_narratives,
    synthesis_rollup,
    synthesis_unit_rows,
)
from danvan.directives.services.numbering import (
    IssuedNumber,
    is_party_body,
    number_take,
    party_abbreviation,
)
from danvan.directives.services.reports import MANAGE
from danvan.units.models import RoleAssignment, Unit, User

__all__ = [
    "DRAFT_MARK",
    "synthesis_docx",
    "synthesis_filename",
    "synthesis_issue",
    "synthesis_xlsx",
]

DRAFT_MARK = "DỰ THẢO"
DRAFT_RED = RGBColor(0xB0, 0x00, 0x20)
LEFT, CENTER, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
INDICATOR_COLUMNS = ("TT", "Chỉ tiêu", "Đơn vị tính", "Tổng số", "Số đơn vị báo cáo")
INDICATOR_WIDTHS = (12, 78, 25, 25, 25)
STATUS_VI = {
    UnitReport.Status.DRAFT: "Chưa gửi",
    UnitReport.Status.SUBMITTED: "Đã gửi, chờ xem xét",
    UnitReport.Status.RETURNED: "Trả lại để hoàn thiện",
    UnitReport.Status.ACCEPTED: "Đã chấp nhận",
}
# Characters XML 1.0 (Word) and Excel refuse: control characters other than tab and
# newline, e.g. a vertical tab pasted from another document.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_CELL_MAX = 32_767


def _clean(text: str) -> str:
    return _FORBIDDEN.sub("", text)


def _roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in numerals:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _figure(value: Decimal) -> str:
    """A figure as Vietnamese documents print it: 1.234 and 12,5."""
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    text = f"{value.normalize():f}"
    whole, _sep, fraction = text.partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


def _number(value: Decimal | None) -> int | float | None:
    """A figure as an Excel number (an integer when it is one)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _signer(unit: Unit) -> Signer | None:
    head = (
        RoleAssignment.objects.filter(
            unit=unit, role=RoleAssignment.Role.HEAD, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if head is None:
        return None
    return Signer(name=head.user.get_full_name(), title=head.title)


@dataclass(frozen=True)
class _Frame:
    """What the head and the foot of the document say, for a Party or a State body."""

    party: bool
    superior: str
    issuing: str
    number_line: str
    date_line: str


def _frame(unit: Unit, number: IssuedNumber | None, issued_on: dt.date | None) -> _Frame:
    party = is_party_body(unit)
    if number is not None:
        number_line = number.text
    elif party:
        number_line = f"Số      -BC/{party_abbreviation(unit)}"
    else:
        number_line = f"Số:      /BC-{body_abbreviation(unit)}"
    superior, issuing = party_body_lines(unit) if party else body_lines(unit)
    year = (issued_on or timezone.localdate()).year
    date_line = place_date_line(unit, issued_on, year=year)
    return _Frame(party, superior, issuing, number_line, date_line)


class _Stamp:
    """Paragraphs made by copying one prepared paragraph and replacing its texts.

    Building a paragraph through python-docx (a run per piece, fonts named for every
    script) costs far more than copying the finished XML; the synthesis of a national
    round has over ten thousand of them.
    """

    def __init__(self, document: Any, prototype: Any) -> None:
        self.body = document.element.body
        self.element = prototype._p
        self.body.remove(self.element)
        # New paragraphs go just before the section properties, which close the body.
        # Inserting next to that element directly is constant time; python-docx's insert
        # looks for it among all the body's children, which is quadratic over the report.
        self.end = self.body.sectPr

    def add(self, *texts: str) -> None:
        element = copy.deepcopy(self.element)
        for node, text in zip(element.findall(".//" + qn("w:t")), texts, strict=True):
            node.text = _clean(text)
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        self.end.addprevious(element)


def _unit_stamps(document: Any) -> tuple[_Stamp, _Stamp]:
    """The paragraph of a unit's text ("<unit name in bold>: <first paragraph>") and the
    paragraph of its following paragraphs. Placeholders so every run has its text node."""
    first = line(document, "x", align=JUSTIFY, indent=True)
    first.runs[0].font.bold = True
    run(first, "x")
    more = line(document, "x", align=JUSTIFY, indent=True)
    return _Stamp(document, first), _Stamp(document, more)


def _indicator_table(document: Any, rollup: Rollup) -> None:
    table = document.add_table(rows=1, cols=len(INDICATOR_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, INDICATOR_COLUMNS, strict=True):
        cell_text(cell, text, bold=True, size=11)
    for index, indicator in enumerate(rollup.indicators, start=1):
        cells = table.add_row().cells
        cell_text(cells[0], str(index), size=12)
        cell_text(cells[1], indicator.label, size=12, align=LEFT)
        cell_text(cells[2], indicator.measure, size=12)
        cell_text(cells[3], _figure(indicator.total), size=12)
        cell_text(cells[4], f"{indicator.units}/{rollup.reported}", size=12)
    widths(table, INDICATOR_WIDTHS)


def _subtitle(reporting_round: ReportingRound) -> str:
    title = reporting_round.title.strip()
    if title.lower().startswith("báo cáo "):
        return "Tổng hợp " + title[0].lower() + title[1:]
    return f"Tổng hợp báo cáo {title}"


def _opening(reporting_round: ReportingRound, rollup: Rollup, as_of: dt.date) -> str:
    directive = reporting_round.directive
    basis = (
        f"Thực hiện văn bản số {directive.document.symbol}"
        if directive is not None
        else "Thực hiện yêu cầu báo cáo"
    )
    return (
        f"{basis}, {reporting_round.unit.name} đề nghị {rollup.asked} đơn vị báo cáo, "
        f"hạn gửi báo cáo ngày {reporting_round.due_on:%d/%m/%Y}. Tính đến ngày "
        f"{as_of:%d/%m/%Y}, có {rollup.reported}/{rollup.asked} đơn vị đã gửi báo cáo. "
        f"{reporting_round.unit.name} tổng hợp kết quả như sau:"
    )


def synthesis_docx(
    *,
    reporting_round: ReportingRound,
    number: IssuedNumber | None = None,
    issued_on: dt.date | None = None,
    rollup: Rollup | None = None,
) -> bytes:
    """The synthesis as .docx bytes; without ``number`` a draft ("DỰ THẢO", no number)."""
    rollup = rollup or synthesis_rollup(reporting_round)
    unit = reporting_round.unit
    frame = _frame(unit, number, issued_on)
    document = document_a4()
    if number is None:
        paragraph = document.sections[0].header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run(paragraph, DRAFT_MARK, size=14, bold=True).font.color.rgb = DRAFT_RED
    head = party_header_block if frame.party else header_block
    names = {"superior": frame.superior} if frame.party else {"governing": frame.superior}
    head(
        document,
        issuing=frame.issuing,
        number_line=frame.number_line,
        date_line=frame.date_line,
        **names,
    )
    line(document, "")
    line(document, "BÁO CÁO", size=14, bold=True)
    line(document, _subtitle(reporting_round), size=14, bold=True)
    line(
        document,
        f"(Kỳ báo cáo từ ngày {reporting_round.period_start:%d/%m/%Y} "
        f"đến ngày {reporting_round.period_end:%d/%m/%Y})",
        italic=True,
    )
    line(document, "-----" if frame.party else "", size=10)
    as_of = issued_on or timezone.localdate()
    line(document, _opening(reporting_round, rollup, as_of), align=JUSTIFY, indent=True)

    line(document, "I. TÌNH HÌNH GỬI BÁO CÁO", bold=True, align=LEFT)
    waiting = rollup.counts[UnitReport.Status.SUBMITTED]
    for text in (
        f"- Số đơn vị được đề nghị báo cáo: {rollup.asked}.",
        f"- Số đơn vị đã gửi báo cáo: {rollup.reported} (đã chấp nhận {rollup.accepted}; "
        f"đang xem xét {waiting}).",
        f"- Số đơn vị chưa gửi hoặc đang hoàn thiện báo cáo: {len(rollup.missing)}"
        + (f" ({', '.join(rollup.missing)})." if rollup.missing else "."),
    ):
        line(document, _clean(text), align=JUSTIFY, indent=True)

    line(document, "II. KẾT QUẢ CÁC CHỈ TIÊU", bold=True, align=LEFT)
    if rollup.indicators:
        _indicator_table(document, rollup)
    else:
        line(document, "(Mẫu báo cáo không có chỉ tiêu số liệu.)", italic=True, align=LEFT)

    first, more = _unit_stamps(document)
    narratives = synthesis_narratives(reporting_round)
    pending = next(narratives, None)
    for index, section in enumerate(rollup.sections, start=3):
        line(document, f"{_roman(index)}. {section.title.upper()}", bold=True, align=LEFT)
        written = 0
        while pending is not None and pending[0] == section.pk:
            _section_id, unit_name, text = pending
            lines = [part.strip() for part in text.splitlines() if part.strip()] or [""]
            first.add(f"{unit_name}: ", lines[0])
            for part in lines[1:]:
                more.add(part)
            written += 1
            pending = next(narratives, None)
        if not written:
            line(document, "(Chưa có đơn vị báo cáo nội dung này.)", italic=True, align=LEFT)
    line(document, "")

    signer = _signer(unit)
    lines = party_signature_lines(unit, signer) if frame.party else signature_lines(unit, signer)
    signature_block(
        document,
        recipients=recipients_default(unit),
        lines=lines,
        signer_name=signer.name if signer else "",
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _header_cells(sheet: Any, values: Iterable[str]) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    return cells


def synthesis_xlsx(
    *, reporting_round: ReportingRound, number_text: str = "", rollup: Rollup | None = None
) -> bytes:
    """The synthesis as .xlsx bytes: summary, indicators per unit (with totals), narratives."""
    rollup = rollup or synthesis_rollup(reporting_round)
    workbook = Workbook(write_only=True)

    summary = workbook.create_sheet("Tổng hợp")
    summary.column_dimensions["B"].width = 60
    summary.append([_clean(reporting_round.title)])
    summary.append([
        f"Kỳ báo cáo: {reporting_round.period_start:%d/%m/%Y}–"
        f"{reporting_round.period_end:%d/%m/%Y}; hạn gửi {reporting_round.due_on:%d/%m/%Y}"
    ])  # fmt: skip
    summary.append([number_text or DRAFT_MARK])
    summary.append(["Số đơn vị được đề nghị báo cáo", None, None, rollup.asked])
    summary.append(["Số đơn vị đã gửi báo cáo", None, None, rollup.reported])
    summary.append(["Số báo cáo đã chấp nhận", None, None, rollup.accepted])
    summary.append([])
    summary.append(_header_cells(summary, INDICATOR_COLUMNS))
    for index, indicator in enumerate(rollup.indicators, start=1):
        summary.append([
            index, _clean(indicator.label), _clean(indicator.measure),
            _number(indicator.total), indicator.units,
        ])  # fmt: skip

    per_unit = workbook.create_sheet("Chỉ tiêu theo đơn vị")
    per_unit.freeze_panes = "E2"
    per_unit.column_dimensions["C"].width = 40
    labels = [
        _clean(f"{i.label} ({i.measure})" if i.measure else i.label) for i in rollup.indicators
    ]
    per_unit.append(_header_cells(per_unit, ["STT", "Mã đơn vị", "Đơn vị", "Tình trạng", *labels]))
    ids = [i.pk for i in rollup.indicators]
    for index, (code, name, status, values) in enumerate(
        synthesis_unit_rows(reporting_round), start=1
    ):
        figures = [_number(values.get(pk)) for pk in ids]
        per_unit.append([index, code, _clean(name), STATUS_VI[UnitReport.Status(status)], *figures])
    total = [WriteOnlyCell(per_unit, value=v) for v in (None, None, "Tổng cộng", None)]
    total += [WriteOnlyCell(per_unit, value=_number(i.total)) for i in rollup.indicators]
    for cell in total:
        cell.font = Font(bold=True)
    per_unit.append(total)

    narratives = workbook.create_sheet("Nội dung báo cáo")
    narratives.column_dimensions["A"].width = 30
    narratives.column_dimensions["B"].width = 30
    narratives.column_dimensions["C"].width = 100
    narratives.append(_header_cells(narratives, ["Phần", "Đơn vị", "Nội dung"]))
    titles = {section.pk: _clean(section.title) for section in rollup.sections}
    for section_id, unit_name, text in synthesis_narratives(reporting_round):
        narratives.append([titles[section_id], _clean(unit_name), _clean(text)[:EXCEL_CELL_MAX]])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def synthesis_filename(reporting_round: ReportingRound, fmt: str, number: str = "") -> str:
    """ "bao-cao-tong-hop-07-BC-BTGDV.docx", or "…-du-thao-<round>.xlsx" for a draft."""
    tail = re.sub(r"[^A-Za-z0-9]+", "-", number.replace("Đ", "D")).strip("-")
    stem = f"bao-cao-tong-hop-{tail}" if tail else f"bao-cao-tong-hop-du-thao-{reporting_round.pk}"
    return f"{stem}.{fmt}"


@transaction.atomic
def synthesis_issue(*, reporting_round: ReportingRound, actor: User | None) -> list[SynthesisFile]:
    """Number the synthesis, render it as Word and Excel and keep both (idempotent).

    The number is taken (``number_take``, type "BC") only the first time: issuing again
    returns the files already issued, so a double click never uses two numbers.
    """
    if actor is not None and not actor.has_perm(MANAGE, reporting_round):
        raise ApplicationError(_("You do not direct this unit."))
    locked = (
        ReportingRound.objects.select_for_update(of=("self",))
        .select_related("unit", "template", "directive", "directive__document")
        .get(pk=reporting_round.pk)
    )
    existing = list(SynthesisFile.objects.filter(round=locked).order_by("format"))
    if existing:
        return existing
    rollup = synthesis_rollup(locked)
    if rollup.reported == 0:
        raise ApplicationError(
            _("No unit has submitted its report yet: there is nothing to issue.")
        )
    today = timezone.localdate()
    issued = number_take(unit=locked.unit, type_abbreviation="BC", issued_on=today)
    files = [
        SynthesisFile(
            round=locked,
            format=SynthesisFile.Format.DOCX,
            number=issued.symbol,
            issued_on=today,
            content=synthesis_docx(
                reporting_round=locked, number=issued, issued_on=today, rollup=rollup
            ),
            created_by=actor,
        ),
        SynthesisFile(
            round=locked,
            format=SynthesisFile.Format.XLSX,
            number=issued.symbol,
            issued_on=today,
            content=synthesis_xlsx(reporting_round=locked, number_text=issued.text, rollup=rollup),
            created_by=actor,
        ),
    ]
    for synthesis_file in files:
        synthesis_file.full_clean(exclude=["round", "created_by"])
        synthesis_file.save()
    audit_record(
        actor=actor, verb="directives_synthesis.issue", target=locked,
        data={"number": issued.symbol, "reported": rollup.reported, "asked": rollup.asked},
    )  # fmt: skip
    return files
