"""The minutes of a staff conference (Law 10/2022, Art 51) as a Word document.

Drawn in the Decree 30/2020 frame of ``danvan.core.docx_layout``: the agency top left with a
number left blank for the pen, the motto and place-date top right, then the composition and
quorum, the agenda dealt with, the decisions (with their counts over those attending), the
emulation pledge and the resolution, and the signatures of the chair and the secretary.
The text is Vietnamese whatever the interface language: it is an administrative record.
"""

from __future__ import annotations

import io
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.core.dates import admin_date_vi
from danvan.core.docx_layout import (
    body_lines,
    cell_text,
    document_a4,
    header_block,
    line,
    place_date_line,
    widths,
)
from danvan.democracy.models.agencies import (
    AgencyProfile,
    AgendaItem,
    AttendanceForm,
    StaffConference,
    StaffMatter,
)

LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
# The agenda of Art 51 in the law's own words (the document is Vietnamese).
AGENDA_VI = {
    AgendaItem.POLICY_REVIEW: "Kiểm điểm việc thực hiện chủ trương, chính sách của Đảng, "
    "pháp luật của Nhà nước",
    AgendaItem.RESOLUTION_REVIEW: "Kiểm điểm việc thực hiện nghị quyết hội nghị năm trước "
    "và quy chế dân chủ",
    AgendaItem.HEAD_ACCOUNTABILITY: "Người đứng đầu giải trình về kế hoạch công tác năm",
    AgendaItem.EMULATION: "Tổng kết thi đua, khen thưởng; giao ước thi đua",
    AgendaItem.ART49_DECISIONS: "Quyết định các nội dung theo Điều 49",
    AgendaItem.DISCLOSURE: "Công khai thông tin và lấy ý kiến các nội dung theo Điều 53",
}
RESULT_VI = {
    StaffMatter.Status.PASSED: "Thông qua",
    StaffMatter.Status.FAILED: "Không thông qua",
    StaffMatter.Status.PROPOSED: "Chưa biểu quyết",
}
MATTER_COLUMNS = (
    "TT",
    "Nội dung biểu quyết",
    "Tán thành",
    "Không tán thành",
    "Không ý kiến",
    "Kết quả",
)
MATTER_WIDTHS = (10, 60, 22, 22, 22, 29)


def _percent(part: int, whole: int) -> str:
    """A share with two decimals, in integers (no float rounding), Vietnamese comma."""
    hundredths = (part * 10_000 + whole // 2) // whole if whole else 0
    return f"{hundredths // 100},{hundredths % 100:02d}%"


def _matters_table(document: Any, matters: list[StaffMatter]) -> None:
    table = document.add_table(rows=1, cols=len(MATTER_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, MATTER_COLUMNS, strict=True):
        cell_text(cell, title, bold=True, size=11)
    for number, matter in enumerate(matters, start=1):
        cells = table.add_row().cells
        cell_text(cells[0], str(number), size=11)
        cell_text(cells[1], matter.title, size=11, align=LEFT)
        for cell, count in zip(
            cells[2:5], (matter.approve, matter.disagree, matter.abstain), strict=True
        ):
            cell_text(cell, "" if count is None else str(count), size=11)
        cell_text(cells[5], RESULT_VI[StaffMatter.Status(matter.status)], size=11)
    widths(table, MATTER_WIDTHS)


def _signatures(document: Any, conference: StaffConference) -> None:
    """Minutes are signed by the secretary (left) and the chair (right), names under."""
    table = document.add_table(rows=1, cols=2)
    widths(table, (80, 85))
    for cell, title, name in zip(
        table.rows[0].cells,
        ("THƯ KÝ HỘI NGHỊ", "CHỦ TRÌ HỘI NGHỊ"),
        (conference.secretary_name, conference.chair_name),
        strict=True,
    ):
        cell_text(cell, title, bold=True, size=13)
        line(cell, "(Ký, ghi rõ họ tên)", italic=True, size=12)
        for _ in range(3):
            line(cell, "")
        if name:
            line(cell, name, bold=True)


def conference_docx(conference: StaffConference) -> bytes:
    """The conference's minutes (.docx bytes)."""
    agency = conference.agency
    profile = AgencyProfile.objects.filter(agency=agency).first()
    union = profile.union_name if profile and profile.union_name else "Công đoàn cơ sở"
    document = document_a4()
    governing, issuing = body_lines(agency)
    header_block(
        document,
        governing=governing,
        issuing=issuing,
        number_line="Số:      /BB-HNCBCC",
        date_line=place_date_line(agency, conference.held_on),
    )
    line(document, "")
    line(document, "BIÊN BẢN", size=14, bold=True)
    extraordinary = " BẤT THƯỜNG" if conference.kind == StaffConference.Kind.EXTRAORDINARY else ""
    line(
        document,
        f"HỘI NGHỊ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG{extraordinary} "
        f"NĂM {conference.year}",
        size=14,
        bold=True,
    )
    line(document, "———————", size=10)

    line(document, "I. THỜI GIAN, THÀNH PHẦN", bold=True, align=LEFT)
    line(
        document,
        f"Hội nghị được tổ chức {admin_date_vi(conference.held_on)}, do người đứng đầu "
        f"{agency.name} chủ trì, phối hợp với {union}.",
        align=JUSTIFY,
        indent=True,
    )
    base = conference.quorum_base
    if conference.attendance_form == AttendanceForm.DELEGATES:
        who = (
            f"Hình thức hội nghị đại biểu (đã thống nhất với {union}): triệu tập {base} đại "
            f"biểu trên tổng số {conference.total_staff} cán bộ, công chức, viên chức, người "
            "lao động."
        )
    else:
        who = (
            "Hình thức hội nghị toàn thể: triệu tập toàn bộ "
            f"{conference.total_staff} cán bộ, công chức, viên chức, người lao động."
        )
    line(document, who, align=JUSTIFY, indent=True)
    if conference.attendees is None:
        line(document, "Số người có mặt: chưa ghi nhận.", align=JUSTIFY, indent=True)
    else:
        quorum = (
            "Hội nghị đủ điều kiện tiến hành (có mặt từ hai phần ba trở lên)."
            if conference.has_quorum
            else "Hội nghị không đủ số lượng (dưới hai phần ba), không được biểu quyết."
        )
        line(
            document,
            f"Số người có mặt: {conference.attendees}/{base} "
            f"({_percent(conference.attendees, base)}; cần tối thiểu "
            f"{conference.quorum_needed}). {quorum}",
            align=JUSTIFY,
            indent=True,
        )

    line(document, "II. NỘI DUNG HỘI NGHỊ", bold=True, align=LEFT)
    for item in AgendaItem:
        mark = "☑" if item.value in conference.agenda_done else "☐"
        line(document, f"{mark} {AGENDA_VI[item]}.", align=LEFT, indent=True)

    line(document, "III. KẾT QUẢ BIỂU QUYẾT", bold=True, align=LEFT)
    matters = list(conference.matters.order_by("created_at"))
    if matters:
        _matters_table(document, matters)
        line(
            document,
            "Nội dung được thông qua khi có trên 50% tổng số người dự hội nghị tán thành "
            "(Điều 51 Luật Thực hiện dân chủ ở cơ sở).",
            size=11,
            italic=True,
            align=JUSTIFY,
        )
    else:
        line(document, "Không có nội dung biểu quyết.", italic=True, align=LEFT, indent=True)

    line(document, "IV. GIAO ƯỚC THI ĐUA VÀ NGHỊ QUYẾT", bold=True, align=LEFT)
    if conference.pledge_signed and conference.pledge_signed_on is not None:
        pledge = (
            f"Người đứng đầu và {union} đã ký giao ước thi đua "
            f"{admin_date_vi(conference.pledge_signed_on)}."
        )
    else:
        pledge = "Chưa ký giao ước thi đua."
    line(document, pledge, align=JUSTIFY, indent=True)
    if conference.resolution_adopted_on is not None:
        number = f" số {conference.resolution_number}" if conference.resolution_number else ""
        line(
            document,
            f"Hội nghị đã thông qua Nghị quyết{number} "
            f"{admin_date_vi(conference.resolution_adopted_on)}.",
            align=JUSTIFY,
            indent=True,
        )
        for paragraph in conference.resolution_summary.splitlines():
            if paragraph.strip():
                line(document, paragraph.strip(), align=JUSTIFY, indent=True)
    else:
        line(document, "Hội nghị chưa thông qua nghị quyết.", align=JUSTIFY, indent=True)

    line(document, "")
    _signatures(document, conference)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
