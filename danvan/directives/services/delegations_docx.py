"""Word documents of a delegation: the minutes of a working session and the final report.

Both use the frame of the organising unit (Party format for a Party commission, State format
with the national motto otherwise; ``monitoring_docx.frame_for``). The final report is
numbered as a "Báo cáo" of that unit (``BC``); the minutes ("Biên bản làm việc") carry no
number — the office numbers them when they are signed.

The text is Vietnamese whatever the interface language (an administrative document).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.core.dates import admin_date_vi, short_date
from danvan.core.docx_layout import Signer, cell_text, document_a4, line, widths
from danvan.directives.models import (
    Delegation,
    DelegationMember,
    Finding,
    Recommendation,
    WorkingSession,
)
from danvan.directives.services.monitoring_docx import (
    document_citation,
    frame_foot,
    frame_for,
    frame_head,
    recipients_lines,
    to_bytes,
)

LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

KIND_WORDS: dict[str, str] = {
    Delegation.Kind.SURVEY: "khảo sát",
    Delegation.Kind.INSPECTION: "kiểm tra",
    Delegation.Kind.SUPERVISION: "giám sát",
}
ROLE_WORDS: dict[str, str] = {
    DelegationMember.Role.HEAD: "Trưởng đoàn",
    DelegationMember.Role.DEPUTY: "Phó Trưởng đoàn",
    DelegationMember.Role.MEMBER: "Thành viên",
    DelegationMember.Role.SECRETARY: "Thư ký",
}
ROLE_ORDER = list(ROLE_WORDS)
STATUS_WORDS: dict[str, str] = {
    Recommendation.Status.OPEN: "Chưa thực hiện",
    Recommendation.Status.IN_PROGRESS: "Đang thực hiện",
    Recommendation.Status.REPORTED_DONE: "Đơn vị báo cáo đã hoàn thành, chờ Đoàn xác nhận",
    Recommendation.Status.DONE: "Đã hoàn thành",
}
# A leading kind word of a title, matched on the folded text (lower case, no diacritics), so
# that "Kiểm tra", "KIỂM TRA" and "Kiem tra" all count; "Kiểm tra, giám sát" is one run.
_KIND = r"(?:khao\s+sat|kiem\s+tra|giam\s+sat)"
LEADING_KIND = re.compile(rf"^\s*{_KIND}(?:\s*(?:,|/|&|-|–|\bva\b)\s*{_KIND})*\b[\s:,.\-–]*")
RECOMMENDATION_COLUMNS = ("TT", "Đơn vị", "Kiến nghị", "Thời hạn", "Kết quả thực hiện")
RECOMMENDATION_WIDTHS = (10, 35, 60, 22, 38)


def _fold(text: str) -> str:
    """Lower case without diacritics, one character for one character (so offsets carry over)."""
    folded = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char.lower())
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded.append((base or char)[:1])
    return "".join(folded).replace("đ", "d")


def title_without_kind(title: str) -> str:
    """The title with a leading kind word dropped, for printing after the kind.

    The documents print "Kết quả <kind> <title>" and "Đoàn <kind> <title>"; an officer who
    typed "Kiểm tra việc thực hiện …" as the title would otherwise read the kind twice. Any of
    the three kinds is dropped (the delegation's own kind is the one printed), in any case,
    with or without diacritics.
    """
    title = unicodedata.normalize("NFC", title.strip())
    match = LEADING_KIND.match(_fold(title))
    return title[match.end() :].strip() if match else title


def _kind_and_title(delegation: Delegation) -> str:
    """ "kiểm tra việc thực hiện …" (or only the kind when the title was nothing more)."""
    return " ".join(
        part for part in (KIND_WORDS[delegation.kind], title_without_kind(delegation.title)) if part
    )


def _members(delegation: Delegation) -> list[DelegationMember]:
    members = list(delegation.members.all())
    members.sort(key=lambda m: (ROLE_ORDER.index(m.role), m.name))
    return members


def _member_line(member: DelegationMember) -> str:
    parts = [member.name]
    if member.position:
        parts.append(member.position)
    parts.append(ROLE_WORDS[member.role])
    return "- " + ", ".join(parts) + ";"


def _paragraphs(document: Any, text: str) -> None:
    for part in text.splitlines():
        if part.strip():
            line(document, part.strip(), align=JUSTIFY, indent=True)


def recommendation_status_text(recommendation: Recommendation, today: dt.date) -> str:
    text = STATUS_WORDS[recommendation.status]
    if recommendation.status == Recommendation.Status.DONE and recommendation.done_on:
        text += f" ngày {short_date(recommendation.done_on)}"
    elif recommendation.due_on is not None and recommendation.due_on < today:
        text += " (quá hạn)"
    return text


def _findings(document: Any, findings: list[Finding], heading: str) -> None:
    line(document, heading, bold=True, align=LEFT)
    if not findings:
        line(document, "Không có.", italic=True, align=LEFT, indent=True)
        return
    unit_name = ""
    for finding in findings:
        if finding.unit.name != unit_name:
            unit_name = finding.unit.name
            line(document, f"{unit_name}:", italic=True, align=LEFT, indent=True)
        line(document, f"- {finding.text}", align=JUSTIFY, indent=True)


def _recommendations_table(
    document: Any, recommendations: list[Recommendation], today: dt.date
) -> None:
    table = document.add_table(rows=1, cols=len(RECOMMENDATION_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, RECOMMENDATION_COLUMNS, strict=True):
        cell_text(cell, text, bold=True, size=11)
    for index, recommendation in enumerate(recommendations, start=1):
        number, unit, what, due, status = table.add_row().cells
        cell_text(number, str(index), size=11)
        cell_text(unit, recommendation.unit.name, size=11, align=LEFT)
        cell_text(what, recommendation.text, size=11, align=LEFT)
        cell_text(due, short_date(recommendation.due_on) if recommendation.due_on else "—", size=11)
        cell_text(status, recommendation_status_text(recommendation, today), size=11, align=LEFT)
    widths(table, RECOMMENDATION_WIDTHS)


def final_report_docx_build(
    *, delegation: Delegation, number_line: str, signer: Signer | None, today: dt.date
) -> bytes:
    """ "Báo cáo kết quả khảo sát/kiểm tra/giám sát": plan, sessions, findings, recommendations
    with their status on the day, the delegation's assessment."""
    kind = KIND_WORDS[delegation.kind]
    sessions = list(delegation.sessions.select_related("unit").order_by("scheduled_on", "pk"))
    findings = list(delegation.findings.select_related("unit").order_by("unit__name", "pk"))
    recommendations = list(
        delegation.recommendations.select_related("unit").order_by("unit__name", "pk")
    )
    members = _members(delegation)
    head = next(m for m in members if m.role == DelegationMember.Role.HEAD)
    visited = sorted({session.unit.name for session in sessions})
    frame = frame_for(
        delegation.unit,
        number_line=number_line,
        issued_on=today,
        signer=signer,
        recipients=recipients_lines(delegation.unit, visited),
    )
    document = document_a4()
    frame_head(document, frame)
    line(document, "")
    line(document, "BÁO CÁO", size=14, bold=True)
    line(document, f"Kết quả {_kind_and_title(delegation)}", size=14, bold=True)
    line(document, "———————", size=10)
    opening = (
        f"Thực hiện {document_citation(delegation.subject_document)}, "
        if (delegation.subject_document is not None)
        else ""
    )
    head_text = head.name + (f", {head.position}" if head.position else "")
    line(
        document,
        f"{opening}{delegation.unit.name} tổ chức Đoàn {kind} do đồng chí {head_text} làm "
        f"Trưởng đoàn. Từ {admin_date_vi(delegation.starts_on)} đến "
        f"{admin_date_vi(delegation.ends_on)}, Đoàn đã làm việc với {len(visited)} đơn vị. "
        f"Kết quả như sau:",
        align=JUSTIFY,
        indent=True,
    )
    line(document, "I. THÀNH PHẦN ĐOÀN VÀ LỊCH LÀM VIỆC", bold=True, align=LEFT)
    for member in members:
        line(document, _member_line(member), align=LEFT, indent=True)
    for session in sessions:
        day = session.held_on or session.scheduled_on
        state = "" if session.held_on else " (chưa làm việc)"
        line(
            document,
            f"- Làm việc với {session.unit.name} {admin_date_vi(day)}{state};",
            align=LEFT,
            indent=True,
        )
    strengths = [f for f in findings if f.kind == Finding.Kind.STRENGTH]
    shortcomings = [f for f in findings if f.kind == Finding.Kind.SHORTCOMING]
    _findings(document, strengths, "II. ƯU ĐIỂM")
    _findings(document, shortcomings, "III. HẠN CHẾ, TỒN TẠI")
    line(document, "IV. KIẾN NGHỊ VÀ KẾT QUẢ THỰC HIỆN", bold=True, align=LEFT)
    if recommendations:
        _recommendations_table(document, recommendations, today)
    else:
        line(document, "Đoàn không có kiến nghị.", italic=True, align=LEFT, indent=True)
    line(document, "V. ĐÁNH GIÁ CHUNG", bold=True, align=LEFT)
    _paragraphs(document, delegation.final_report)
    frame_foot(document, frame)
    return to_bytes(document)


def minutes_docx_build(session: WorkingSession) -> bytes:
    """ "Biên bản làm việc" of one working session, for signature by both sides."""
    delegation = session.delegation
    kind = KIND_WORDS[delegation.kind]
    members = _members(delegation)
    head = next((m for m in members if m.role == DelegationMember.Role.HEAD), None)
    frame = frame_for(
        delegation.unit, number_line="Số:        /BB", issued_on=None, signer=None, recipients=[]
    )
    document = document_a4()
    frame_head(document, frame)
    line(document, "")
    line(document, "BIÊN BẢN LÀM VIỆC", size=14, bold=True)
    line(document, f"Đoàn {_kind_and_title(delegation)} với {session.unit.name}", bold=True)
    line(document, "———————", size=10)
    day = session.held_on or session.scheduled_on
    place = f", tại {session.place}" if session.place else ""
    line(
        document,
        f"Hôm nay, {admin_date_vi(day)}{place}, Đoàn {kind} của {delegation.unit.name} "
        f"làm việc với {session.unit.name}.",
        align=JUSTIFY,
        indent=True,
    )
    line(document, "I. THÀNH PHẦN", bold=True, align=LEFT)
    line(document, "1. Đoàn công tác:", align=LEFT, indent=True)
    for member in members:
        line(document, _member_line(member), align=LEFT, indent=True)
    line(document, f"2. {session.unit.name}:", align=LEFT, indent=True)
    line(document, "- ……………………………………………………", align=LEFT, indent=True)
    line(document, "II. NỘI DUNG LÀM VIỆC", bold=True, align=LEFT)
    if session.minutes:
        _paragraphs(document, session.minutes)
    else:
        line(document, "……………………………………………………", align=LEFT, indent=True)
    findings = list(session.findings.order_by("kind", "pk"))
    if findings:
        line(document, "III. ĐÁNH GIÁ CỦA ĐOÀN", bold=True, align=LEFT)
        for finding in findings:
            word = "Ưu điểm" if finding.kind == Finding.Kind.STRENGTH else "Hạn chế"
            line(document, f"- {word}: {finding.text}", align=JUSTIFY, indent=True)
    line(
        document,
        "Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản./.",
        italic=True,
        align=JUSTIFY,
        indent=True,
    )
    line(document, "")
    signatures = document.add_table(rows=1, cols=2)
    widths(signatures, (80, 85))
    left, right = signatures.rows[0].cells
    cell_text(left, f"ĐẠI DIỆN {session.unit.name.upper()}", bold=True, size=13)
    cell_text(right, "TRƯỞNG ĐOÀN", bold=True, size=13)
    for _ in range(3):
        line(right, "")
    if head is not None:
        line(right, head.name, bold=True)
    return to_bytes(document)
