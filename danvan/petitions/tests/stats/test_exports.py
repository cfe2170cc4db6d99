"""Exports: the reception book (form 03/TCD), the statistics workbook and the Word report,
opened again with openpyxl and python-docx; one report is rendered to PDF and PNG."""

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.shared import Pt

from danvan.audit.models import AuditEntry
from danvan.petitions.models import Case
from danvan.petitions.models.intake import ReceptionBookEntry
from danvan.petitions.services.sealed import DenouncerIdentity, denunciation_receive
from danvan.petitions.services.stats import BOOK_COLUMNS, SEALED, body_abbreviation, place_name
from danvan.petitions.tests.stats.conftest import World, staff
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[4] / "var" / "test-artifacts"
DENOUNCER = DenouncerIdentity(
    name="Phạm Văn Đông",
    address="Số 12 đường Chu Mạnh Trinh, Khoái Châu",
    id_number="033087009876",
    phone="0987654321",
)
NOVEMBER = {"period": "month", "year": "2026", "number": "11"}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _download(response: Any) -> bytes:
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content)


@pytest.fixture
def book(world: World, reception_officer: User) -> list[ReceptionBookEntry]:
    """Two lines in the Khoái Châu book: a kiến nghị visitor and a denouncer."""
    unit = world.commune_committee
    receipt = denunciation_receive(
        channel=Case.Channel.IN_PERSON,
        subject="Tố cáo cán bộ địa chính",
        content=f"Tôi là {DENOUNCER.name}, tố cáo cán bộ địa chính nhận tiền.",
        receiving_unit=unit,
        identity=DENOUNCER,
    )
    common = {"unit": unit, "year": 2026, "entered_by": reception_officer}
    return [
        ReceptionBookEntry.objects.create(
            **common,
            sequence=1,
            received_on=dt.date(2026, 11, 4),
            visitor_name="Nguyễn Thị Lan",
            visitor_address="Thôn Đông Kết, xã Khoái Châu",
            id_paper="033185004321, cấp ngày 12/5/2021",
            summary="Đề nghị sửa đường liên thôn",
            kind=Case.Kind.PETITION,
            people_count=1,
            within_competence=True,
            accepted_by="UBND xã Khoái Châu",
            transfer_letter_number="15/PC-UBND",
        ),
        ReceptionBookEntry.objects.create(
            **common,
            sequence=2,
            received_on=dt.date(2026, 11, 5),
            identity_sealed=True,
            summary=f"Ông {DENOUNCER.name} tố cáo cán bộ địa chính",
            kind=Case.Kind.DENUNCIATION,
            people_count=1,
            guided_to="Thanh tra tỉnh",
            guidance_letter_number="07/HD-UBND",
            case=receipt.case,
        ),
    ]


def test_reception_book_has_the_13_columns_and_seals_the_denouncer(
    world: World, book: list[ReceptionBookEntry], reception_officer: User
) -> None:
    # when the reception officer exports November's book
    response = _client(reception_officer).get(
        reverse("petitions:stats_book", kwargs={"code": world.commune_committee.code}),
        {"date_from": "01/11/2026", "date_to": "30/11/2026"},
    )
    content = _download(response)
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "so-tiep-cong-dan-VN-12205-ubnd-20261101-20261130.xlsx" in response["Content-Disposition"]
    )
    # then the workbook has form 03/TCD's 13 headings and one line per visit
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = rows.index(list(BOOK_COLUMNS))
    assert len(BOOK_COLUMNS) == 13
    assert rows[header + 1] == [f"({n})" for n in range(1, 14)]
    lan, denouncer = rows[header + 2], rows[header + 3]
    assert lan[:7] == [
        1,
        "04/11/2026",
        "Nguyễn Thị Lan, Thôn Đông Kết, xã Khoái Châu",
        "033185004321, cấp ngày 12/5/2021",
        "Đề nghị sửa đường liên thôn",
        "Kiến nghị, phản ánh",
        1,
    ]
    assert lan[8] == "x"
    assert lan[10] == "UBND xã Khoái Châu (phiếu chuyển số 15/PC-UBND)"
    # and the denouncer's line shows "[bảo mật]" and never the name, address, ID or phone
    assert denouncer[2] == denouncer[3] == SEALED
    assert denouncer[5] == "Tố cáo"
    assert denouncer[9] == "Thanh tra tỉnh (văn bản số 07/HD-UBND)"
    everything = repr(rows)
    for secret in (DENOUNCER.name, DENOUNCER.address, DENOUNCER.id_number, DENOUNCER.phone):
        assert secret not in everything
    assert "tố cáo cán bộ địa chính" in denouncer[4]
    # and the export is in the audit log, without any of the book's content
    entry = AuditEntry.objects.filter(verb="reception_book.export").get()
    assert entry.data["lines"] == 2
    assert "Nguyễn Thị Lan" not in repr(entry.data)


def test_reception_book_dates_are_checked(world: World, reception_officer: User) -> None:
    url = reverse("petitions:stats_book", kwargs={"code": world.commune_committee.code})
    client = _client(reception_officer)
    for params, field in [
        ({"date_from": "30/11/2026", "date_to": "01/11/2026"}, "date_to"),
        ({"date_from": "01/01/2025", "date_to": "30/11/2026"}, "date_to"),
        ({"date_from": "31/02/2026", "date_to": "30/11/2026"}, "date_from"),
    ]:
        response = client.get(url, params)
        assert response.status_code == 400
        assert field in response.context["form"].errors
        # what was typed is kept
        assert params["date_to"] in response.content.decode()


def test_statistics_workbook(world: World, frozen: None) -> None:
    client = _client(staff("canbo", world.commune_committee))
    url = reverse("petitions:stats_excel", kwargs={"code": world.commune_committee.code})
    response = client.get(url, NOVEMBER)
    content = _download(response)
    assert "thong-ke-VN-12205-ubnd-thang-11-2026.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Theo loại đơn", "Theo lĩnh vực", "Theo đơn vị", "Theo tháng"]
    rows = [list(row) for row in book["Theo loại đơn"].iter_rows(values_only=True)]
    assert rows[0][0] == "THỐNG KÊ KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN THÁNG 11 NĂM 2026"
    header = next(i for i, row in enumerate(rows) if row[0] == "Loại đơn")
    assert rows[header][1:4] == ["Tiếp nhận", "Đã thụ lý", "Đã giải quyết"]
    by_label = {row[0]: row for row in rows[header + 1 :]}
    assert by_label["Kiến nghị, phản ánh"][1:5] == [2, 2, 2, 1]
    assert by_label["Tổng cộng"][1] == 6
    assert by_label["Tổng cộng"][5] == 50.0  # on-time rate
    months = [list(row) for row in book["Theo tháng"].iter_rows(values_only=True)]
    assert months[-1][:2] == ["11/2026", 6]


def _texts(document: Any) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def _report(world: World, unit: Unit, user: User) -> tuple[bytes, Any]:
    response = _client(user).get(
        reverse("petitions:stats_report", kwargs={"code": unit.code}), NOVEMBER
    )
    content = _download(response)
    assert f"bao-cao-{unit.code}-thang-11-2026.docx" in response["Content-Disposition"]
    return content, Document(io.BytesIO(content))


def test_word_report_follows_decree_30(world: World, frozen: None) -> None:
    # given the chairman of the commune committee
    unit = world.commune_committee
    head = staff("nguyenvanan", unit, RoleAssignment.Role.HEAD)
    User.objects.filter(pk=head.pk).update(full_name="Nguyễn Văn An")
    RoleAssignment.objects.filter(user=head).update(title="Chủ tịch")
    # when the November report is downloaded
    content, document = _report(world, unit, head)
    texts = _texts(document)
    # then the header blocks, title, body, recipients and signature are all there
    header = document.tables[0].rows[0].cells
    left = [p.text for p in header[0].paragraphs]
    right = [p.text for p in header[1].paragraphs]
    assert left[0] == "ỦY BAN NHÂN DÂN XÃ KHOÁI CHÂU"
    assert "Số:       /BC-UBND" in left
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Khoái Châu, ngày 26 tháng 11 năm 2026" in right
    assert "BÁO CÁO" in texts
    assert any("tháng 11 năm 2026" in text and text.startswith("Kết quả") for text in texts)
    assert any("đã tiếp nhận 6 vụ việc" in text for text in texts)
    assert any("đúng hạn 1 vụ việc (tỷ lệ 50,0%)" in text for text in texts)
    footer = document.tables[-1].rows[0].cells
    assert footer[0].paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in footer[1].paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
    ]
    # and the tables of figures carry the counts
    kinds = document.tables[1]
    assert [c.text for c in kinds.rows[0].cells][:3] == ["TT", "Loại đơn", "Tiếp nhận"]
    assert [c.text for c in kinds.rows[-1].cells][1:3] == ["Tổng cộng", "6"]
    # and every run is Times New Roman at 11–14 pt, on A4 with Decree 30 margins
    runs = [r for p in document.paragraphs for r in p.runs] + [
        r
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for r in p.runs
    ]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size for r in runs if r.text.strip() and "—" not in r.text} <= {
        Pt(11),
        Pt(12),
        Pt(13),
        Pt(14),
    }
    body_sizes = {r.font.size for p in document.paragraphs for r in p.runs if len(r.text) > 40}
    assert body_sizes <= {Pt(13), Pt(14)}
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30
    _render(content, "stats-report")


def test_province_report_has_a_table_per_unit(world: World, province: Unit, frozen: None) -> None:
    _content, document = _report(world, province, staff("lanhdao", province))
    texts = _texts(document)
    assert "Bảng 3. Kết quả theo đơn vị" in texts
    units = document.tables[3]
    assert [row.cells[1].text for row in units.rows[1:]] == [
        "Phường Phố Hiến",
        "Ủy ban nhân dân tỉnh Hưng Yên",
        "Xã Khoái Châu",
    ]
    assert [row.cells[2].text for row in units.rows[1:]] == ["2", "1", "6"]
    assert "Chưa xác định lĩnh vực" in texts


def test_report_of_a_body_under_another_and_without_a_head(
    world: World, province: Unit, frozen: None
) -> None:
    department = Unit.objects.create(
        code="VN-33-tt",
        name="Thanh tra tỉnh",
        kind=Unit.Kind.DEPARTMENT,
        parent=world.province_committee,
    )
    _content, document = _report(world, department, staff("thanhtra", department))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert left[:2] == ["ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", "THANH TRA TỈNH"]
    assert "Số:       /BC-TTT" in left
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs]
    assert "Hưng Yên, ngày 26 tháng 11 năm 2026" in right
    recipients = [p.text for p in document.tables[-1].rows[0].cells[0].paragraphs]
    assert recipients == ["Nơi nhận:", "- Ủy ban nhân dân tỉnh Hưng Yên;", "- Lưu: VT."]
    signature = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature == ["THỦ TRƯỞNG ĐƠN VỊ"]
    # no cases at all: the report still reads
    assert any("đã tiếp nhận 0 vụ việc." in p.text for p in document.paragraphs)


def test_place_names_and_abbreviations(world: World, province: Unit, commune: Unit) -> None:
    assert place_name(world.commune_committee) == "Khoái Châu"
    assert place_name(world.province_committee) == "Hưng Yên"
    assert place_name(world.other_committee) == "Phố Hiến"
    country = Unit.objects.create(code="VN", name="Việt Nam", kind=Unit.Kind.COUNTRY)
    ministry = Unit.objects.create(
        code="VN-ttcp", name="Thanh tra Chính phủ", kind=Unit.Kind.MINISTRY, parent=country
    )
    assert place_name(ministry) == ""
    assert body_abbreviation(ministry) == "TTCP"
    assert body_abbreviation(world.commune_committee) == "UBND"
    special = Unit.objects.create(
        code="VN-dk", name="Côn Đảo", kind=Unit.Kind.SPECIAL_ZONE, parent=province
    )
    assert place_name(special) == "Côn Đảo"


def _render(content: bytes, name: str) -> None:
    """Convert the .docx to PDF with LibreOffice and page 1 to PNG, to look at (if installed)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed: the report is not rendered")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docx = ARTIFACTS / f"{name}.docx"
    docx.write_bytes(content)
    profile = ARTIFACTS / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(ARTIFACTS), str(docx)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    pdf = ARTIFACTS / f"{name}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is not None:
        subprocess.run(
            [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / name)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        assert list(ARTIFACTS.glob(f"{name}*.png"))
