"""The community decision record (Law 10/2022/QH15 Art 20) as a Word document.

Art 20 lists what the record holds: the time; the total number of households, the
households represented and those not represented; the content; the form of decision; the
voting result; the decision; and the signatures of the village head, the head of the Front
work committee and two household representatives. The frame (fonts, margins, the national
motto) is the shared one of ``danvan.core.docx_layout``; the record is the village's, so
it carries no document number. The text is Vietnamese whatever the interface language.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan.core.dates import admin_date_vi, short_date
from danvan.core.docx_layout import (
    MOTTO,
    NATION,
    cell_text,
    document_a4,
    line,
    run,
    widths,
)
from danvan.democracy.decisions import DecisionForm, Matter
from danvan.democracy.models.votes import CommunityDecision, ConsentAnswer
from danvan.democracy.selectors.votes import ResultFigures, result_figures

LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

MATTERS_VI = {
    Matter.CONTRIBUTIONS: "Chủ trương và mức đóng góp xây dựng công trình công cộng",
    Matter.COMMUNITY_FUNDS: "Thu, chi, quản lý các khoản đóng góp, quỹ và tài sản của cộng đồng",
    Matter.CONVENTION: "Nội dung hương ước, quy ước",
    Matter.VILLAGE_HEAD: "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
    Matter.BOARDS: "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư "
    "của cộng đồng",
    Matter.OTHER: "Công việc tự quản khác trong nội bộ cộng đồng dân cư",
}
FORMS_VI = {
    DecisionForm.MEETING: "Họp cộng đồng dân cư",
    DecisionForm.HOUSEHOLD_BALLOT: "Phát phiếu lấy ý kiến hộ gia đình",
    DecisionForm.ONLINE: "Biểu quyết trực tuyến",
}
METHODS_VI = {
    CommunityDecision.VotingMethod.SHOW_OF_HANDS: "giơ tay",
    CommunityDecision.VotingMethod.SECRET_BALLOT: "bỏ phiếu kín",
}
COLUMNS = (
    "Thôn, tổ dân phố",
    "Tổng số hộ",
    "Có đại diện/ biểu quyết",
    "Tán thành",
    "Không tán thành",
    "Ý kiến khác",
    "Không biểu quyết",
    "Kết quả",
)
COLUMN_WIDTHS = (35, 17, 22, 18, 20, 18, 20, 15)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}".replace(".", ",") + "%" if whole else "0%"


def _head(document: Any, decision: CommunityDecision) -> None:
    table = document.add_table(rows=1, cols=2)
    widths(table, (65, 100))
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = CENTER
    run(left.paragraphs[0], decision.commune.name.upper(), size=13)
    place = decision.village.name if decision.village else decision.commune.name
    line(left, place.upper(), bold=True)
    line(left, "———————", size=10)
    right.paragraphs[0].alignment = CENTER
    run(right.paragraphs[0], NATION, size=12, bold=True)
    line(right, MOTTO, size=13, bold=True)
    line(right, "———————————", size=10)
    day = timezone.localtime(decision.counted_at).date() if decision.counted_at else None
    date_text = admin_date_vi(day) if day else "ngày … tháng … năm …"
    line(right, f"{decision.commune.name}, {date_text}", italic=True)


def _figures_table(document: Any, figures: ResultFigures) -> None:
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell_text(cell, text, bold=True, size=11)
    for village in figures.villages:
        cells = table.add_row().cells
        values = (
            village.name,
            village.total,
            village.represented,
            village.approve,
            village.reject,
            village.other,
            village.not_voted,
            "Thông qua" if village.passed else "Không thông qua",
        )
        for cell, value in zip(cells, values, strict=True):
            cell_text(cell, str(value), size=11)
    widths(table, COLUMN_WIDTHS)


def _signatures(document: Any, decision: CommunityDecision) -> None:
    witnesses = [*decision.witnesses.splitlines(), "", ""][:2]
    table = document.add_table(rows=2, cols=2)
    widths(table, (82, 83))
    titles = (
        ("TRƯỞNG THÔN, TỔ TRƯỞNG TỔ DÂN PHỐ", ""),
        ("TRƯỞNG BAN CÔNG TÁC MẶT TRẬN", ""),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH", witnesses[0]),
        ("ĐẠI DIỆN HỘ GIA ĐÌNH", witnesses[1]),
    )
    for cell, (title, name) in zip(
        [c for row in table.rows for c in row.cells], titles, strict=True
    ):
        cell_text(cell, title, bold=True, size=12)
        line(cell, "(Ký, ghi rõ họ tên)", size=11, italic=True)
        for _ in range(3):
            line(cell, "")
        line(cell, name, bold=True)


def decision_record_docx(decision: CommunityDecision) -> bytes:
    """The Art 20 record of a counted decision."""
    figures = result_figures(decision)
    document = document_a4()
    _head(document, decision)
    line(document, "")
    line(document, "BIÊN BẢN", size=14, bold=True)
    line(document, "Quyết định của cộng đồng dân cư", size=14, bold=True)
    line(document, f"Về việc: {decision.title}", bold=True)
    line(document, "")
    form = DecisionForm(decision.form)
    timing = "…"
    if decision.meeting_at:
        when = timezone.localtime(decision.meeting_at)
        timing = f"{when:%H} giờ {when:%M}, {admin_date_vi(when.date())}"
        if decision.meeting_place:
            timing += f", tại {decision.meeting_place}"
    elif decision.opens_at and decision.closes_at:
        start, end = timezone.localtime(decision.opens_at), timezone.localtime(decision.closes_at)
        timing = (
            f"từ {start:%H:%M} ngày {short_date(start.date())} "
            f"đến {end:%H:%M} ngày {short_date(end.date())}"
        )
    method_text = ""
    if decision.voting_method:
        method = CommunityDecision.VotingMethod(decision.voting_method)
        method_text = f", biểu quyết bằng hình thức {METHODS_VI[method]}"
    body = [
        f"1. Thời gian: {timing}.",
        f"2. Nội dung (khoản {Matter(decision.matter).item} Điều 15 Luật Thực hiện dân chủ ở "
        f"cơ sở): {MATTERS_VI[Matter(decision.matter)]}. {decision.content}".strip(),
        f"3. Hình thức quyết định: {FORMS_VI[form]}{method_text}"
        + (f"; thư ký: {decision.secretary}" if decision.secretary else "")
        + ".",
    ]
    if form == DecisionForm.ONLINE:
        answers = Counter(
            ConsentAnswer.objects.filter(decision=decision).values_list("answer", flat=True)
        )
        body.append(
            f"Lấy ý kiến về biểu quyết trực tuyến (Điều 5 Nghị định 59/2023/NĐ-CP): "
            f"{sum(answers.values())} hộ tham gia, {answers['approve']} hộ đồng ý, "
            f"{answers['disagree']} hộ không đồng ý, {answers['other']} hộ có ý kiến khác, "
            f"trên tổng số {decision.household_count} hộ gia đình."
        )
    for text in body:
        line(document, text, align=JUSTIFY, indent=True)
    if figures is not None:
        line(
            document,
            f"4. Tổng số hộ gia đình: {figures.total}; số hộ có đại diện hoặc đã biểu quyết: "
            f"{figures.represented}; số hộ không có đại diện hoặc không biểu quyết: "
            f"{figures.not_represented}.",
            align=JUSTIFY,
            indent=True,
        )
        line(
            document,
            f"5. Kết quả biểu quyết: {figures.approve} hộ tán thành "
            f"({_percent(figures.approve, figures.total)} tổng số hộ gia đình), "
            f"{figures.reject} hộ không tán thành, {figures.other} hộ có ý kiến khác, "
            f"{figures.not_voted} hộ không biểu quyết.",
            align=JUSTIFY,
            indent=True,
        )
        _figures_table(document, figures)
        if len(figures.villages) > 1:
            rule = (
                f"Nội dung được thông qua khi có ít nhất {figures.villages_needed} trên "
                f"{figures.total_villages} thôn, tổ dân phố tán thành (điểm b khoản 1 Điều 21); "
                f"có {figures.villages_passed} thôn, tổ dân phố tán thành."
            )
        elif Matter(decision.matter).needs_two_thirds:
            rule = (
                f"Nội dung được thông qua khi có ít nhất 2/3 tổng số hộ gia đình tán thành, tức "
                f"{figures.threshold} hộ (điểm a khoản 1 Điều 21)."
            )
        else:
            rule = (
                f"Nội dung được thông qua khi có trên 50% tổng số hộ gia đình tán thành, tức "
                f"{figures.threshold} hộ (khoản 2 Điều 21)."
            )
        line(document, rule, align=JUSTIFY, indent=True)
        verdict = "ĐƯỢC THÔNG QUA" if figures.passed else "KHÔNG ĐƯỢC THÔNG QUA"
        line(
            document,
            f"6. Quyết định: nội dung “{decision.title}” {verdict}.",
            bold=True,
            align=JUSTIFY,
            indent=True,
        )
    if decision.minutes:
        line(document, "Diễn biến cuộc họp:", bold=True, align=LEFT)
        for paragraph in decision.minutes.splitlines():
            if paragraph.strip():
                line(document, paragraph.strip(), align=JUSTIFY, indent=True)
    line(document, "")
    _signatures(document, decision)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
