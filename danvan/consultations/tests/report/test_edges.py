"""Less common paths of the synthesis report: articles removed from the draft, the opinion
map in the documents, long lists of missing answers, retries racing, outside edits."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from docx import Document

from danvan.audit.models import AuditEntry
from danvan.consultations.models import (
    Consultation,
    DraftVersion,
    OpinionMap,
    Provision,
    ReportFile,
    ReportGroup,
    ReportGroupSource,
    Statement,
    SynthesisReport,
)
from danvan.consultations.selectors.report import report_blocks, report_content
from danvan.consultations.services import report as services
from danvan.consultations.services import report_pdf
from danvan.consultations.tests.report.conftest import World, client_for, make_consultation
from danvan.consultations.views import report as views
from danvan.core.docx_layout import body_abbreviation, place_name, recipients_default
from danvan.core.exceptions import ApplicationError
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db
SLUG = "luat-dat-dai-sua-doi"


def url(name: str, **kwargs: object) -> str:
    return reverse(f"consultations:{name}", kwargs={"slug": SLUG, **kwargs})


def prepared(world: World) -> SynthesisReport:
    return services.report_prepare(consultation=world.consultation, actor=world.handler)


def test_models_read_well(voted: World) -> None:
    report = prepared(voted)
    group = ReportGroup.objects.filter(report=report).order_by("position").first()
    assert group is not None
    source = group.sources.get()
    assert str(report).endswith(": drafting")
    assert report.number_text == ""
    assert str(group).startswith("dieu-1 #0: ")
    assert str(source) == source.key
    assert "report group" in group.audit_label
    assert "synthesis report" in report.audit_label
    report = services.report_approve(
        report=services.report_submit(report=_answer(voted, report), actor=voted.handler),
        actor=voted.head,
    )
    assert str(report).endswith(": 01/BC-UBND")
    data, _ = services.report_file(report=report, fmt="docx")
    assert str(ReportFile.objects.get(report=report)) == f"{report.pk}.docx"
    assert len(data) == ReportFile.objects.get(report=report).size


def _answer(world: World, report: SynthesisReport) -> SynthesisReport:
    for group in ReportGroup.objects.filter(report=report):
        services.report_group_update(
            group=group, actor=world.handler, summary=group.summary,
            disposition="accepted", explanation="",
        )  # fmt: skip
    return report


def test_a_consultation_without_a_draft_has_only_general_opinions(world: World) -> None:
    consultation = Consultation.objects.create(
        title="Quy hoạch chi tiết khu dân cư thôn Đông", slug="quy-hoach", unit=world.committee
    )
    report = services.report_prepare(consultation=consultation, actor=world.handler)
    blocks = report_blocks(report)
    assert [block.anchor for block in blocks] == [""]
    content = report_content(report)
    assert content.subtitle.endswith("dự thảo Quy hoạch chi tiết khu dân cư thôn Đông")
    assert content.facts[0].startswith("Đã có 0 lượt biểu quyết")


def test_groups_on_an_article_removed_from_the_draft_stay_in_the_report(voted: World) -> None:
    # given a group on Điều 3, then a new version of the draft without Điều 3
    report = prepared(voted)
    services.report_group_add(
        report=report, actor=voted.handler, anchor="dieu-3",
        summary="Đề nghị lùi ngày hiệu lực", count=4, disposition="accepted",
    )  # fmt: skip
    version = DraftVersion.objects.create(consultation=voted.consultation, number=2)
    for position, anchor in enumerate(["dieu-1", "dieu-2"]):
        Provision.objects.create(
            version=version, level="article", label=f"Điều {position + 1}", heading="",
            text="…", anchor=anchor, position=position,
        )  # fmt: skip
    # then the group is shown under its old label, marked as no longer in the draft
    removed = report_blocks(report)[-1]
    assert (removed.anchor, removed.label, removed.in_draft) == ("dieu-3", "Điều 3", False)
    data, _ = services.report_file(report=report, fmt="docx")
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "Điều 3. Hiệu lực thi hành (không còn trong dự thảo hiện hành)" in texts
    # and it counts in no figure of the current draft
    assert report_content(report).facts[1].startswith("Đã có 20 lượt biểu quyết đối với 2 điều")


def test_the_opinion_map_reads_in_the_documents(world: World) -> None:
    consultation = world.consultation
    statement = Statement.objects.create(
        consultation=consultation, text="Cần công khai bảng giá đất", status="accepted"
    )
    OpinionMap.objects.create(
        consultation=consultation, computed_at=timezone.now(), k=1, participants_total=9,
        participants_clustered=9, statements_total=1, votes_total=9, duration_ms=1,
        group_sizes=[9], repness={},
        consensus=[
            {"tid": statement.pk, "n-success": 8, "n-trials": 9, "cons-for": "agree"},
            {"tid": 999999, "n-success": 8, "n-trials": 9, "cons-for": "agree"},  # deleted
        ],
    )  # fmt: skip
    report = services.report_prepare(
        consultation=consultation, actor=world.handler, include_opinion_map=True
    )
    general = report_content(report).general.groups
    assert [(g.summary, g.origin) for g in general] == [
        ("Nhóm A của bản đồ ý kiến (9 người tham gia)", "Nhóm quan điểm trên bản đồ ý kiến"),
        ("Cần công khai bảng giá đất", "Ý kiến đồng thuận trên bản đồ ý kiến"),
    ]
    data, _ = services.report_file(report=report, fmt="docx")
    document = Document(io.BytesIO(data))
    assert document.tables[1].rows[2].cells[1].paragraphs[0].text == "Cần công khai bảng giá đất"


def test_origins_name_variants_and_added_opinions(voted: World) -> None:
    report = prepared(voted)
    campaign = ReportGroup.objects.get(report=report, sources__kind="campaign")
    ReportGroupSource.objects.filter(group=campaign).update(variant_count=3)
    manual = services.report_group_add(
        report=report, actor=voted.handler, anchor="dieu-1", summary="Thư của thôn 3",
        count=5, received_via="Hòm thư góp ý",
    )  # fmt: skip
    services.report_group_merge(group=manual, into=campaign, actor=voted.handler)
    line = report_content(report).articles[0].groups[0]
    assert line.count == 11
    assert line.origin == (
        "6 lượt gửi cùng nội dung (3 dạng khác nhau); 5 ý kiến khác; Hòm thư góp ý"
    )
    assert "Thư của thôn 3" in line.examples


def test_a_long_list_of_missing_answers_is_shortened(world: World) -> None:
    report = services.report_prepare(consultation=world.consultation, actor=world.handler)
    for index in range(7):
        services.report_group_add(
            report=report, actor=world.handler, anchor="", summary=f"Ý kiến {index}", count=1
        )
    with pytest.raises(ApplicationError) as refused:
        services.report_submit(report=report, actor=world.handler)
    assert str(refused.value.message).endswith("ý kiến chung, nhóm 5; và 2 nhóm khác.")


def test_a_group_of_another_report_is_refused(voted: World) -> None:
    report = prepared(voted)
    other = services.report_prepare(
        consultation=make_consultation(voted.committee, slug="khac"), actor=voted.handler
    )
    stranger = services.report_group_add(
        report=other, actor=voted.handler, anchor="", summary="x", count=1
    )
    stranger.report = report  # a caller mixing objects up
    with pytest.raises(ApplicationError, match="không thuộc báo cáo"):
        services.report_group_move(group=stranger, actor=voted.handler, up=True)


def test_limits_of_the_texts(voted: World) -> None:
    report = prepared(voted)
    group = ReportGroup.objects.filter(report=report).first()
    assert group is not None
    with pytest.raises(ApplicationError, match="tối đa 5000"):
        services.report_group_update(
            group=group, actor=voted.handler, summary="x" * 5001, disposition="", explanation=""
        )
    with pytest.raises(ApplicationError, match="tối đa 10000"):
        services.report_group_update(
            group=group, actor=voted.handler, summary="x", disposition="accepted",
            explanation="y" * 10001,
        )  # fmt: skip
    _answer(voted, report)
    services.report_submit(report=report, actor=voted.handler)
    with pytest.raises(ApplicationError, match="tối đa 2000"):
        services.report_return(report=report, actor=voted.head, reason="z" * 2001)


def test_a_consultation_closed_by_the_agency_can_be_reported(world: World) -> None:
    Consultation.objects.filter(pk=world.consultation.pk).update(
        status="closed", closes_at=timezone.now() + dt.timedelta(days=3)
    )
    report = services.report_submit(
        report=services.report_prepare(consultation=world.consultation, actor=world.handler),
        actor=world.handler,
    )
    assert services.report_approve(report=report, actor=world.head).number == 1


def test_a_file_rendered_twice_at_once_is_stored_once(
    voted: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = prepared(voted)
    report = services.report_approve(
        report=services.report_submit(report=_answer(voted, report), actor=voted.handler),
        actor=voted.head,
    )
    original = services._render

    def racing(content: Any, fmt: str) -> bytes:
        # another request stores the file while this one is still rendering
        ReportFile.objects.create(report=report, format=fmt, content=b"first", sha256="0", size=5)
        return original(content, fmt)

    monkeypatch.setattr(services, "_render", racing)
    data, _ = services.report_file(report=report, fmt="docx")
    assert data == b"first"
    assert ReportFile.objects.filter(report=report).count() == 1


def test_the_pdf_printer_fetches_nothing() -> None:
    with pytest.raises(ValueError, match="not allowed"):
        report_pdf._no_fetch("http://169.254.169.254/latest/meta-data")


def test_frame_names_of_other_bodies(world: World) -> None:
    department = Unit.objects.create(
        code="VN-33-stp", name="Sở Tư pháp", kind=Unit.Kind.DEPARTMENT, parent=world.committee
    )
    zone = Unit.objects.create(
        code="VN-33-cd", name="Côn Đảo", kind=Unit.Kind.SPECIAL_ZONE, parent=world.province
    )
    assert body_abbreviation(department) == "STP"
    assert recipients_default(department, "Bộ Tư pháp") == [
        "- Bộ Tư pháp;",
        "- Ủy ban nhân dân tỉnh Hưng Yên;",
        "- Lưu: VT.",
    ]
    assert place_name(zone) == "Côn Đảo"
    consultation = make_consultation(department, slug="so-tu-phap")
    report = services.report_prepare(consultation=consultation, actor=world.head)
    content = report_content(report)
    assert (content.governing_body, content.issuing_body) == (
        "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
        "SỞ TƯ PHÁP",
    )
    assert content.number_line == "Số:       /BC-STP"
    data, _ = services.report_file(report=report, fmt="docx")
    header = Document(io.BytesIO(data)).tables[0].rows[0].cells[0]
    assert [p.text for p in header.paragraphs][:2] == [
        "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
        "SỞ TƯ PHÁP",
    ]


# ------------------------------------------------------------------ pages


def test_pages_before_the_report_exists(voted: World) -> None:
    client = client_for(voted.handler)
    assert client.get(url("report_group_add")).status_code == 404
    assert client.post(url("report_submit")).status_code == 404
    assert client.get(url("report_download", fmt="pdf")).status_code == 404


def test_changes_refused_once_submitted_show_the_message(voted: World) -> None:
    report = _answer(voted, prepared(voted))
    services.report_submit(report=report, actor=voted.handler)
    client = client_for(voted.handler)
    expected = "Báo cáo đang chờ phê duyệt nên không thể sửa"
    response = client.post(url("report_refresh"), follow=True)
    assert expected in response.content.decode()
    response = client.post(url("report_introduction"), {"introduction": "Mới"})
    assert response.status_code == 400
    assert expected in response.content.decode()
    response = client.post(url("report_group_add"), {"anchor": "", "summary": "Mới", "count": 1})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert "Mới" in response.content.decode()
    group = ReportGroup.objects.filter(report=report).first()
    assert group is not None
    page = client.get(url("report_group_edit", pk=group.pk)).content.decode()
    assert "không thể sửa các nhóm ý kiến nữa" in page


def test_the_full_group_form_saves_the_examples(voted: World) -> None:
    report = prepared(voted)
    group = ReportGroup.objects.filter(report=report, sources__kind="theme").first()
    assert group is not None
    client = client_for(voted.handler)
    page = client.get(url("report_group_edit", pk=group.pk)).content.decode()
    assert group.examples[0] in page
    response = client.post(
        url("report_group_edit", pk=group.pk),
        {"summary": group.summary, "disposition": "accepted", "explanation": "",
         "examples": "Giá đất bồi thường thấp\n\nCần công khai giá đất\n",
         "revision": group.revision},
    )  # fmt: skip
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.examples == ["Giá đất bồi thường thấp", "Cần công khai giá đất"]


def test_a_token_in_use_leads_where_the_first_request_went(
    voted: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a submit token claimed by a request still running
    prepared(voted)
    monkeypatch.setattr(views, "TOKEN_WAIT_SECONDS", 0.2)
    cache.add(views._token_key("in-flight"), "", 60)
    response = client_for(voted.handler).post(url("report_submit"), {"action_token": "in-flight"})
    # then the second one waits, then leads to the report page without acting
    assert response.status_code == 302
    assert response["Location"] == url("report_manage")
    assert SynthesisReport.objects.get().status == "drafting"


def test_a_step_sent_without_a_token_still_acts_once(voted: World) -> None:
    _answer(voted, prepared(voted))
    client = client_for(voted.handler)
    assert client.post(url("report_submit")).status_code == 302
    assert client.post(url("report_submit")).status_code == 302  # a repeat: no-op
    assert SynthesisReport.objects.get().status == "submitted"
    assert AuditEntry.objects.filter(verb="consultation_report.submit").count() == 1
