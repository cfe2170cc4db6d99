"""The Word and PDF documents of the synthesis report, opened again and read: the Decree 30
frame, the number, the dispositions with their diacritics, "DỰ THẢO" on drafts. Page 1 of
each is rendered to PNG under var/test-artifacts to be looked at."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest
import time_machine
from docx import Document

from danvan.consultations.models import Consultation, ReportGroup, SynthesisReport
from danvan.consultations.services import report as services
from danvan.consultations.tests.report.conftest import World
from danvan.core.docx_layout import place_date_line, signature_lines
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[4] / "var" / "test-artifacts"
LOCAL = dt.timezone(dt.timedelta(hours=7))
EXPLANATION = (
    "Không tiếp thu. Thời hạn giao đất nông nghiệp 50 năm được giữ nguyên; khi hết thời hạn, "
    "hộ gia đình, cá nhân trực tiếp sản xuất nông nghiệp được tiếp tục sử dụng đất."
)
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def answered(world: World) -> SynthesisReport:
    report = services.report_prepare(consultation=world.consultation, actor=world.handler)
    for index, group in enumerate(ReportGroup.objects.filter(report=report).order_by("pk")):
        services.report_group_update(
            group=group,
            actor=world.handler,
            summary=group.summary,
            disposition="not_accepted" if index == 0 else "accepted",
            explanation=EXPLANATION if index == 0 else "",
        )
    services.report_introduction_update(
        report=report,
        actor=world.handler,
        introduction="Đa số ý kiến tán thành dự thảo; một số ý kiến đề nghị giữ thời hạn 50 năm.",
    )
    report.refresh_from_db()
    return report


def approved(world: World) -> SynthesisReport:
    """Approved by the chairman on 5 December 2026 (the window closed on 30 November)."""
    report = services.report_submit(report=answered(world), actor=world.handler)
    Consultation.objects.filter(pk=world.consultation.pk).update(
        closes_at=dt.datetime(2026, 12, 1, tzinfo=LOCAL)
    )
    with time_machine.travel(dt.datetime(2026, 12, 5, 9, 30, tzinfo=LOCAL), tick=False):
        return services.report_approve(report=report, actor=world.head)


def texts_of(document: Any) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def pdf_text(data: bytes) -> str | None:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    done = subprocess.run(
        [pdftotext, "-", "-"], input=data, capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def pdf_fonts(data: bytes) -> bytes:
    """The PDF's objects with every compressed stream inflated (font names are in there)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def render(data: bytes, name: str, suffix: str) -> None:
    """Page 1 as PNG to look at (the .docx through LibreOffice), when the tools are there."""
    pdftoppm = shutil.which("pdftoppm")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if pdftoppm is None or (suffix == "docx" and soffice is None):
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{name}.{suffix}"
    source.write_bytes(data)
    pdf = source
    if suffix == "docx":
        assert soffice is not None
        outdir = ARTIFACTS / "lo"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{ARTIFACTS / 'lo-profile'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        pdf = outdir / f"{name}.pdf"
    subprocess.run(
        [pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / name)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    assert list(ARTIFACTS.glob(f"{name}*.png"))


def test_the_draft_word_document(voted: World) -> None:
    # given a report being drafted, with a group not accepted
    report = answered(voted)
    data, name = services.report_file(report=report, fmt="docx")
    document = Document(io.BytesIO(data))
    texts = texts_of(document)
    # then it has the Decree 30 head, with no number yet, and says "DỰ THẢO" on every page
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs]
    assert left[0] == "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN"
    assert "Số:       /BC-UBND" in left
    assert right[:2] == [NATION, "Độc lập - Tự do - Hạnh phúc"]
    assert right[-1].startswith("Hưng Yên, ngày      tháng      năm ")
    assert document.sections[0].header.paragraphs[0].text == "DỰ THẢO"
    assert name == "bao-cao-tong-hop-luat-dat-dai-sua-doi-du-thao.docx"
    # and the title, the figures and the groups with their dispositions
    assert "BÁO CÁO" in texts
    assert (
        "Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với dự thảo Luật Đất đai (sửa đổi)"
        in texts
    )
    assert any(t.startswith("Đã có 20 lượt biểu quyết đối với 3 điều") for t in texts)
    assert "Tán thành: 8 lượt (80%); không tán thành: 2 lượt (20%); ý kiến góp ý: 14." in texts
    groups = document.tables[1]
    assert [c.text for c in groups.rows[0].cells] == [
        "TT", "Nội dung ý kiến", "Số ý kiến", "Tiếp thu", "Giải trình",
    ]  # fmt: skip
    first = [c.text for c in groups.rows[1].cells]
    assert first[2:] == ["6", "Không tiếp thu", EXPLANATION]
    assert "(6 lượt gửi cùng nội dung)" in first[1]
    assert "Tiếp thu" in texts
    single = document.tables[2]  # Điều 2: the one comment in no group
    assert [c.text for c in single.rows[1].cells][2:4] == ["1", "Tiếp thu"]
    assert "(1 ý kiến góp ý)" in single.rows[1].cells[1].text
    figures = document.tables[-2]
    assert [c.text for c in figures.rows[-1].cells][1:] == ["Tổng cộng", "11", "9", "55%", "15"]
    assert "Đa số ý kiến tán thành dự thảo; một số ý kiến đề nghị giữ thời hạn 50 năm." in texts
    # and every run is in Times New Roman
    runs = [r for p in document.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    render(data, "report-draft", "docx")


def test_the_approved_word_document_is_numbered_and_signed(voted: World) -> None:
    report = approved(voted)
    data, name = services.report_file(report=report, fmt="docx")
    document = Document(io.BytesIO(data))
    left = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs]
    assert "Số: 01/BC-UBND" in left
    assert "Hưng Yên, ngày 05 tháng 12 năm 2026" in right
    assert name == "bao-cao-tong-hop-luat-dat-dai-sua-doi-so-01-2026.docx"
    assert "DỰ THẢO" not in " ".join(texts_of(document))
    assert document.sections[0].header.paragraphs[0].text == ""
    footer = document.tables[-1].rows[0].cells
    assert [p.text for p in footer[0].paragraphs] == ["Nơi nhận:", "- Lưu: VT."]
    assert [p.text for p in footer[1].paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn Thắng",
    ]
    render(data, "report-approved", "docx")


def test_the_draft_pdf_has_the_text_and_the_font(voted: World) -> None:
    report = answered(voted)
    data, name = services.report_file(report=report, fmt="pdf")
    assert data.startswith(b"%PDF-")
    assert name.endswith("-du-thao.pdf")
    # the serif font is embedded (subset), so the diacritics print everywhere
    assert b"Liberation" in pdf_fonts(data) or b"NotoSerif" in pdf_fonts(data)
    text = pdf_text(data)
    if text is not None:
        flat = " ".join(text.split())
        assert NATION in flat
        assert "DỰ THẢO" in flat
        assert "/BC-UBND" in flat
        assert not re.search(r"Số:\s*\d", flat)
        assert "Không tiếp thu" in flat
        assert "hộ gia đình, cá nhân trực tiếp sản xuất nông nghiệp" in flat
        assert "Tán thành: 8 lượt (80%)" in flat
    render(data, "report-draft-pdf", "pdf")


def test_the_approved_pdf_is_numbered_and_kept(voted: World) -> None:
    report = approved(voted)
    data, _name = services.report_file(report=report, fmt="pdf")
    again, _ = services.report_file(report=report, fmt="pdf")
    assert again == data
    text = pdf_text(data)
    if text is not None:
        flat = " ".join(text.split())
        assert "Số: 01/BC-UBND" in flat
        assert "Hưng Yên, ngày 05 tháng 12 năm 2026" in flat
        assert "DỰ THẢO" not in flat
        assert "Nguyễn Văn Thắng" in flat
    render(data, "report-approved-pdf", "pdf")


def test_frame_helpers(world: World) -> None:
    unit = world.committee
    assert place_date_line(unit, dt.date(2026, 2, 5)) == "Hưng Yên, ngày 05 tháng 02 năm 2026"
    assert place_date_line(unit, None, year=2026) == "Hưng Yên, ngày      tháng      năm 2026"
    country = Unit.objects.create(code="VN", name="Việt Nam", kind=Unit.Kind.COUNTRY)
    ministry = Unit.objects.create(
        code="VN-btp", name="Bộ Tư pháp", kind=Unit.Kind.MINISTRY, parent=country
    )
    assert place_date_line(ministry, dt.date(2026, 12, 5)) == "ngày 05 tháng 12 năm 2026"
    assert signature_lines(ministry, None) == ["THỦ TRƯỞNG ĐƠN VỊ"]
