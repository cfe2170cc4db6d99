"""The synthesis: roll-up of every unit's figures, narratives, the Word report in the Party
or the State format (read back with python-docx), numbering when issued, and Excel."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import docx
import pytest
import time_machine
from openpyxl import load_workbook

from danvan.core.exceptions import ApplicationError
from danvan.directives.models import ReportingRound, SynthesisFile, UnitReport
from danvan.directives.selectors import reports as selectors
from danvan.directives.services import reports_filing as filing
from danvan.directives.services import reports_synthesis as synthesis
from danvan.directives.services.numbering import number_take
from danvan.directives.tests.reports.conftest import (
    VN,
    ReportsWorld,
    make_round,
    report_of,
    submit_complete,
)

pytestmark = pytest.mark.django_db
ISSUE_DAY = dt.datetime(2026, 10, 20, 9, tzinfo=VN)


def docx_text(data: bytes) -> dict[str, Any]:
    """Body paragraphs, every table cell, and the page header of a .docx, as text."""
    document = docx.Document(io.BytesIO(data))
    cells = [
        paragraph.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
    ]
    return {
        "body": [p.text for p in document.paragraphs],
        "cells": cells,
        "header": [p.text for p in document.sections[0].header.paragraphs],
        "all": "\n".join([*(p.text for p in document.paragraphs), *cells]),
        "tables": document.tables,
    }


def reported_round(rw: ReportsWorld, unit: Any = None) -> ReportingRound:
    """A round of three units: the first accepted, the second submitted, the third not."""
    reporting_round = make_round(rw, unit=unit)
    reviewer = rw.state_officer if unit == rw.state_body else rw.officer
    first = submit_complete(
        report_of(reporting_round, rw.committees[0]),
        rw.commune_officers[0],
        figure=10,
        text="Tổ chức 3 cuộc đối thoại.\n\nTiếp 12 lượt công dân.",
    )
    filing.report_accept(report=first, actor=reviewer)
    submit_complete(
        report_of(reporting_round, rw.committees[1]),
        rw.commune_officers[1],
        figure=20,
        text="Hoàn thành kế hoạch.",
    )
    return reporting_round


def test_the_roll_up_sums_the_reports_sent_and_names_the_units_missing(rw: ReportsWorld) -> None:
    reporting_round = reported_round(rw)
    # a draft's figures must not count
    third = report_of(reporting_round, rw.committees[2])
    from danvan.directives.tests.reports.conftest import fill_complete

    fill_complete(third, rw.commune_officers[2], figure=1000)
    rollup = selectors.synthesis_rollup(reporting_round)
    assert (rollup.asked, rollup.reported, rollup.accepted) == (3, 2, 1)
    assert rollup.missing == ["Ủy ban nhân dân Xã Hoàng Hoa Thám"]
    # figure + position for each unit: (10 + 1) + (20 + 1) for the first indicator
    assert [i.total for i in rollup.indicators][:3] == [Decimal(32), Decimal(34), Decimal(36)]
    assert {i.units for i in rollup.indicators} == {2}
    narratives = list(selectors.synthesis_narratives(reporting_round))
    assert len(narratives) == 8  # 2 units x 4 sections
    first_section = rollup.sections[0].pk
    assert [n[1] for n in narratives if n[0] == first_section] == [
        "Ủy ban nhân dân Phường Phố Hiến",
        "Ủy ban nhân dân Xã Tiên Lữ",
    ]


def test_the_roll_up_reads_a_round_in_a_fixed_number_of_queries(
    rw: ReportsWorld, django_assert_max_num_queries: Any
) -> None:
    reporting_round = reported_round(rw)
    with django_assert_max_num_queries(6):
        selectors.synthesis_rollup(reporting_round)
    with django_assert_max_num_queries(3):
        list(selectors.synthesis_unit_rows(reporting_round))


def test_a_party_body_writes_the_party_format(rw: ReportsWorld) -> None:
    # given a round of the provincial commission (a Party body), drafted then issued
    reporting_round = reported_round(rw)
    draft = docx_text(synthesis.synthesis_docx(reporting_round=reporting_round))
    # then the draft has the Party head, no number and "DỰ THẢO"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in draft["cells"]
    assert "Độc lập - Tự do - Hạnh phúc" not in draft["all"]
    assert "TỈNH ỦY HƯNG YÊN" in draft["cells"]
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in draft["cells"]
    assert any(text.startswith("Số      -BC/") for text in draft["cells"])
    assert draft["header"] == ["DỰ THẢO"]
    with time_machine.travel(ISSUE_DAY, tick=False):
        files = synthesis.synthesis_issue(reporting_round=reporting_round, actor=rw.officer)
    issued = docx_text(bytes(next(f for f in files if f.format == "docx").content))
    # and the issued report is numbered per type for the Party term, dated, signed K/T-less
    number = files[0].number
    assert number.startswith("01-BC/")
    assert f"Số {number}" in issued["cells"]
    assert "Hưng Yên, ngày 20 tháng 10 năm 2026" in issued["cells"]
    assert issued["header"] in ([], [""])
    assert "TRƯỞNG BAN" in issued["cells"]
    assert "Nguyễn Văn Trưởng" in issued["cells"]
    assert "Nơi nhận:" in issued["cells"]


def test_a_state_body_writes_the_state_format_with_the_motto(rw: ReportsWorld) -> None:
    reporting_round = reported_round(rw, unit=rw.state_body)
    with time_machine.travel(ISSUE_DAY, tick=False):
        files = synthesis.synthesis_issue(reporting_round=reporting_round, actor=rw.state_officer)
    text = docx_text(bytes(next(f for f in files if f.format == "docx").content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text["cells"]
    assert "Độc lập - Tự do - Hạnh phúc" in text["cells"]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text["all"]
    assert "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN" in text["cells"]
    assert "Số: 01/BC-UBND" in text["cells"]
    assert "TM. ỦY BAN NHÂN DÂN" in text["cells"]
    assert "CHỦ TỊCH" in text["cells"]
    assert "Đỗ Thị Chủ Tịch" in text["cells"]
    draft = docx_text(synthesis.synthesis_docx(reporting_round=reporting_round))
    assert "Số:      /BC-UBND" in draft["cells"]
    assert "Hưng Yên, ngày      tháng      năm 2026" in draft["cells"]


def test_the_word_body_has_the_figures_and_every_units_text(rw: ReportsWorld) -> None:
    reporting_round = reported_round(rw)
    with time_machine.travel(ISSUE_DAY, tick=False):
        text = docx_text(synthesis.synthesis_docx(reporting_round=reporting_round))
    body = text["body"]
    assert "BÁO CÁO" in body
    assert "Tổng hợp báo cáo kết quả công tác dân vận chính quyền quý III năm 2026" in body
    assert "(Kỳ báo cáo từ ngày 01/07/2026 đến ngày 30/09/2026)" in body
    assert (
        "Thực hiện yêu cầu báo cáo, Ban Tuyên giáo và Dân vận Tỉnh ủy đề nghị 3 đơn vị báo cáo, "
        "hạn gửi báo cáo ngày 09/10/2026. Tính đến ngày 20/10/2026, có 2/3 đơn vị đã gửi báo "
        "cáo. Ban Tuyên giáo và Dân vận Tỉnh ủy tổng hợp kết quả như sau:" in body
    )
    assert "- Số đơn vị đã gửi báo cáo: 2 (đã chấp nhận 1; đang xem xét 1)." in body
    assert (
        "- Số đơn vị chưa gửi hoặc đang hoàn thiện báo cáo: 1 "
        "(Ủy ban nhân dân Xã Hoàng Hoa Thám)." in body
    )
    assert "III. KẾT QUẢ THỰC HIỆN" in body
    assert "VI. ĐỀ XUẤT, KIẾN NGHỊ" in body
    # a unit's text with two paragraphs: the unit's name in bold, then the next paragraph
    start = next(i for i, p in enumerate(body) if p.startswith("Ủy ban nhân dân Xã Tiên Lữ: Tổ"))
    assert body[start + 1].startswith("Tiếp 12 lượt công dân.")
    document = docx.Document(io.BytesIO(synthesis.synthesis_docx(reporting_round=reporting_round)))
    paragraph = next(
        p for p in document.paragraphs if p.text.startswith("Ủy ban nhân dân Xã Tiên Lữ:")
    )
    assert paragraph.runs[0].bold is True
    assert paragraph.runs[1].bold is False
    # the indicator table: total and units giving it
    table = text["tables"][1]
    assert [c.text for c in table.rows[0].cells] == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Tổng số",
        "Số đơn vị báo cáo",
    ]
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Số cuộc đối thoại với Nhân dân",
        "cuộc",
        "32",
        "2/2",
    ]


def test_issuing_takes_one_number_once(rw: ReportsWorld) -> None:
    reporting_round = reported_round(rw, unit=rw.state_body)
    # another report of the same body took number 01 this year
    number_take(unit=rw.state_body, type_abbreviation="BC", issued_on=dt.date(2026, 3, 1))
    with time_machine.travel(ISSUE_DAY, tick=False):
        files = synthesis.synthesis_issue(reporting_round=reporting_round, actor=rw.state_officer)
        again = synthesis.synthesis_issue(reporting_round=reporting_round, actor=rw.state_officer)
    assert {f.number for f in files} == {"02/BC-UBND"}
    assert {f.pk for f in again} == {f.pk for f in files}
    assert SynthesisFile.objects.filter(round=reporting_round).count() == 2
    assert {f.issued_on for f in files} == {dt.date(2026, 10, 20)}
    assert synthesis.synthesis_filename(reporting_round, "docx", "02/BC-UBND") == (
        "bao-cao-tong-hop-02-BC-UBND.docx"
    )


def test_nothing_to_issue_before_any_report_and_only_for_the_commission(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    with pytest.raises(ApplicationError, match="nothing to issue"):
        synthesis.synthesis_issue(reporting_round=reporting_round, actor=rw.officer)
    with pytest.raises(ApplicationError):
        synthesis.synthesis_issue(reporting_round=reporting_round, actor=rw.commune_officers[0])
    assert not SynthesisFile.objects.exists()


def test_the_excel_file_has_numbers_totals_and_narratives(rw: ReportsWorld) -> None:
    reporting_round = reported_round(rw)
    workbook = load_workbook(io.BytesIO(synthesis.synthesis_xlsx(reporting_round=reporting_round)))
    assert workbook.sheetnames == ["Tổng hợp", "Chỉ tiêu theo đơn vị", "Nội dung báo cáo"]
    summary = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    assert summary[2][0] == "DỰ THẢO"
    assert summary[3][3] == 3
    assert summary[4][3] == 2
    per_unit = list(workbook["Chỉ tiêu theo đơn vị"].iter_rows(values_only=True))
    assert per_unit[0][:5] == (
        "STT",
        "Mã đơn vị",
        "Đơn vị",
        "Tình trạng",
        "Số cuộc đối thoại với Nhân dân (cuộc)",
    )
    rows = {row[2]: row for row in per_unit[1:-1]}
    assert rows["Ủy ban nhân dân Xã Tiên Lữ"][3] == "Đã chấp nhận"
    assert rows["Ủy ban nhân dân Xã Tiên Lữ"][4] == 11
    assert isinstance(rows["Ủy ban nhân dân Xã Tiên Lữ"][4], int)
    assert rows["Ủy ban nhân dân Phường Phố Hiến"][3] == "Đã gửi, chờ xem xét"
    assert rows["Ủy ban nhân dân Xã Hoàng Hoa Thám"][3] == "Chưa gửi"
    assert rows["Ủy ban nhân dân Xã Hoàng Hoa Thám"][4] is None
    totals = per_unit[-1]
    assert totals[2] == "Tổng cộng"
    assert totals[4] == 32
    assert totals[13] == 50
    narratives = list(workbook["Nội dung báo cáo"].iter_rows(values_only=True))
    assert narratives[0] == ("Phần", "Đơn vị", "Nội dung")
    assert len(narratives) == 9
    assert narratives[1][0] == "Kết quả thực hiện"


def test_decimals_control_characters_and_empty_templates(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    report = report_of(reporting_round, rw.committees[0])
    template = reporting_round.template
    values = {i.pk: Decimal("2.5") for i in template.indicators.all()}
    texts = {s.pk: "Dòng có ký tự lạ\x01 ở giữa\x0bhết" for s in template.sections.all()}
    filing.report_save(report=report, actor=rw.commune_officers[0], texts=texts, values=values)
    filing.report_submit(report=report, actor=rw.commune_officers[0])
    text = docx_text(synthesis.synthesis_docx(reporting_round=reporting_round))
    assert "2,5" in text["cells"]
    assert any("ký tự lạ ở giữa" in p for p in text["body"])
    workbook = load_workbook(io.BytesIO(synthesis.synthesis_xlsx(reporting_round=reporting_round)))
    per_unit = list(workbook["Chỉ tiêu theo đơn vị"].iter_rows(values_only=True))
    assert per_unit[-1][4] == 2.5
    narratives = list(workbook["Nội dung báo cáo"].iter_rows(values_only=True))
    assert narratives[1][2] == "Dòng có ký tự lạ ở giữahết"
    assert synthesis._figure(Decimal("1234567.25")) == "1.234.567,25"
    assert synthesis._roman(9) == "IX"


def test_sections_nobody_wrote_and_a_template_without_indicators(rw: ReportsWorld) -> None:
    from danvan.directives.services import reports as services

    template = services.template_create(unit=rw.commission, actor=rw.officer, title="Chuyên đề")
    services.section_add(template=template, actor=rw.officer, title="Tình hình")
    reporting_round = make_round(rw, template=template)
    text = docx_text(synthesis.synthesis_docx(reporting_round=reporting_round))
    assert "(Mẫu báo cáo không có chỉ tiêu số liệu.)" in text["body"]
    assert "(Chưa có đơn vị báo cáo nội dung này.)" in text["body"]
    assert UnitReport.objects.filter(round=reporting_round).count() == 3
