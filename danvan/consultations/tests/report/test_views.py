"""Pages of the synthesis report: who sees what, the forms, the steps with one-time tokens."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from danvan.consultations.models import ReportGroup, ReportGroupSource, SynthesisReport
from danvan.consultations.services import report as services
from danvan.consultations.tests.report.conftest import World, client_for, report_in
from danvan.units.models import User

pytestmark = pytest.mark.django_db
Disposition = ReportGroup.Disposition
SLUG = "luat-dat-dai-sua-doi"


def url(name: str, **kwargs: object) -> str:
    return reverse(f"consultations:{name}", kwargs={"slug": SLUG, **kwargs})


def manage_urls(group_pk: int) -> list[tuple[str, str]]:
    """Every staff URL of the report, with its method."""
    return [
        ("get", url("report_manage")),
        ("post", url("report_prepare")),
        ("post", url("report_refresh")),
        ("post", url("report_introduction")),
        ("get", url("report_group_add")),
        ("post", url("report_group_add")),
        ("get", url("report_group_edit", pk=group_pk)),
        ("post", url("report_group_edit", pk=group_pk)),
        ("post", url("report_group_merge", pk=group_pk)),
        ("post", url("report_group_move", pk=group_pk)),
        ("post", url("report_group_delete", pk=group_pk)),
        ("post", url("report_submit")),
        ("post", url("report_approve")),
        ("post", url("report_return")),
        ("post", url("report_publish")),
        ("get", url("report_download", fmt="docx")),
        ("get", url("report_download", fmt="pdf")),
    ]


def public_urls() -> list[str]:
    return [
        url("report_public"),
        url("report_public_download", fmt="docx"),
        url("report_public_download", fmt="pdf"),
    ]


def prepared(world: World) -> SynthesisReport:
    return services.report_prepare(consultation=world.consultation, actor=world.handler)


def token(page: str, action: str) -> str:
    match = re.search(
        rf'action="[^"]*/{action}/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken" '
        r'value="[^"]*">\s*<input type="hidden" name="action_token" value="([^"]+)"',
        page,
    )
    assert match, f"no {action} form on the page"
    return match.group(1)


def answer_everything(world: World, report: SynthesisReport) -> None:
    client = client_for(world.handler)
    for group in ReportGroup.objects.filter(report=report):
        response = client.post(
            url("report_group_edit", pk=group.pk),
            {"summary": group.summary, "disposition": "not_accepted",
             "explanation": "Giữ như dự thảo vì phù hợp với Hiến pháp.",
             "revision": group.revision},
        )  # fmt: skip
        assert response.status_code == 302


# ------------------------------------------------------------------ who sees what


@pytest.mark.parametrize("who", ["other_handler", "citizen", "anonymous"])
def test_outsiders_get_404_on_every_report_url(voted: World, who: str) -> None:
    # given a report being drafted (not published)
    report = prepared(voted)
    group = ReportGroup.objects.filter(report=report).first()
    assert group is not None
    user: User | None = None if who == "anonymous" else getattr(voted, who)
    client = client_for(user)
    # then every staff URL and every public URL answers 404, downloads included
    for method, address in manage_urls(group.pk):
        response = getattr(client, method)(address)
        assert response.status_code == 404, (method, address)
    for address in public_urls():
        assert client.get(address).status_code == 404, address
    # and nothing changed
    report.refresh_from_db()
    assert report.status == SynthesisReport.Status.DRAFTING
    assert ReportGroup.objects.filter(pk=group.pk).exists()


def test_the_public_report_is_404_like_a_missing_slug_until_published(voted: World) -> None:
    client = client_for(None)
    missing = client.get(reverse("consultations:report_public", kwargs={"slug": "khong-co"}))
    before = client.get(url("report_public"))
    assert missing.status_code == before.status_code == 404
    # staff of the agency too: the public page shows only what is published
    assert client_for(voted.handler).get(url("report_public")).status_code == 404


def test_a_group_of_another_report_is_404(voted: World, world: World) -> None:
    prepared(voted)
    from danvan.consultations.tests.report.conftest import make_consultation

    other = make_consultation(voted.committee, slug="khac")
    other_report = services.report_prepare(consultation=other, actor=voted.handler)
    stranger = services.report_group_add(
        report=other_report, actor=voted.handler, anchor="", summary="Khác", count=1
    )
    client = client_for(voted.handler)
    assert client.get(url("report_group_edit", pk=stranger.pk)).status_code == 404
    assert client.post(url("report_group_delete", pk=stranger.pk)).status_code == 404


# ------------------------------------------------------------------ the staff page


def test_the_staff_page_offers_to_prepare_then_shows_articles_tallies_and_groups(
    voted: World,
) -> None:
    client = client_for(voted.handler)
    page = client.get(url("report_manage")).content.decode()
    assert "Lập báo cáo từ dữ liệu" in page
    response = client.post(url("report_prepare"))
    assert response.status_code == 302
    page = client.get(url("report_manage")).content.decode()
    # per article: its title, its votes, its groups with counts
    assert "Điều 1. Thời hạn sử dụng đất" in page
    assert "Tán thành: <strong>8</strong> (80%)" in page
    assert "6 ý kiến" in page
    assert "Tôi là …, trú tại thôn …" in page
    assert "Ý kiến về:" in page
    assert "còn 4 nhóm chưa trả lời" in page
    # and the forms and downloads are there, without inline scripts or styles
    assert 'name="disposition" value="not_accepted"' in page
    assert url("report_download", fmt="docx") in page
    assert "<script>" not in page
    assert "style=" not in page


def test_a_disposition_without_explanation_comes_back_with_the_text_kept(voted: World) -> None:
    report = prepared(voted)
    group = ReportGroup.objects.filter(report=report).first()
    assert group is not None
    response = client_for(voted.handler).post(
        url("report_group_edit", pk=group.pk),
        {"summary": "Đề nghị giữ thời hạn 50 năm (bản sửa của tôi)",
         "disposition": "not_accepted", "explanation": "", "revision": group.revision},
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Đề nghị giữ thời hạn 50 năm (bản sửa của tôi)" in page
    assert "Hãy giải trình lý do không tiếp thu" in page
    assert re.search(r'value="not_accepted"[^>]*checked', page)
    group.refresh_from_db()
    assert group.disposition == ""


def test_a_stale_form_keeps_the_typed_text_and_shows_what_is_saved(voted: World) -> None:
    report = prepared(voted)
    group = ReportGroup.objects.filter(report=report).first()
    assert group is not None
    client = client_for(voted.handler)
    data = {"summary": group.summary, "disposition": "accepted", "explanation": "",
            "revision": group.revision}  # fmt: skip
    assert client.post(url("report_group_edit", pk=group.pk), data).status_code == 302
    response = client.post(
        url("report_group_edit", pk=group.pk),
        {**data, "disposition": "partly_accepted", "explanation": "Giải trình của tôi"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Người khác đã lưu nhóm ý kiến này" in page
    assert "Giải trình của tôi" in page
    assert "Nội dung đang được lưu" in page


def test_adding_a_group_keeps_the_typed_text_on_error(voted: World) -> None:
    prepared(voted)
    client = client_for(voted.handler)
    page = client.get(url("report_group_add") + "?dieu=dieu-2").content.decode()
    assert '<option value="dieu-2" selected>' in page
    response = client.post(
        url("report_group_add"),
        {"anchor": "dieu-2", "summary": "Ý kiến của Hội Nông dân tỉnh", "count": "0",
         "received_via": "Công văn số 21/HND", "disposition": "", "explanation": ""},
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ý kiến của Hội Nông dân tỉnh" in page
    assert "Công văn số 21/HND" in page
    assert "Một nhóm phải có ít nhất một ý kiến." in page
    response = client.post(
        url("report_group_add"),
        {"anchor": "dieu-2", "summary": "Ý kiến của Hội Nông dân tỉnh", "count": "3",
         "received_via": "Công văn số 21/HND", "disposition": "accepted", "explanation": ""},
    )  # fmt: skip
    group = ReportGroup.objects.get(summary="Ý kiến của Hội Nông dân tỉnh")
    assert response["Location"].endswith(f"#nhom-{group.pk}")
    assert (group.count, group.anchor, group.received_via) == (3, "dieu-2", "Công văn số 21/HND")


def test_introduction_merge_move_delete_and_refresh_through_the_page(voted: World) -> None:
    report = prepared(voted)
    client = client_for(voted.handler)
    response = client.post(url("report_introduction"), {"introduction": "Đa số tán thành."})
    assert response.status_code == 302
    response = client.post(url("report_introduction"), {"introduction": "x" * 20001})
    assert response.status_code == 400
    assert "x" * 100 in response.content.decode()
    first, _second, third = ReportGroup.objects.filter(report=report, anchor="dieu-1").order_by(
        "position"
    )
    client.post(url("report_group_move", pk=third.pk), {"direction": "up"})
    third.refresh_from_db()
    assert third.position == 1
    response = client.post(url("report_group_merge", pk=third.pk), {"into": first.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.count == 6 + 4
    # merging into a group of another article is refused with a message
    manual = services.report_group_add(
        report=report, actor=voted.handler, anchor="dieu-2", summary="Nhập tay", count=2
    )
    response = client.post(url("report_group_merge", pk=manual.pk), {"into": first.pk}, follow=True)
    assert "Hãy chọn một nhóm khác của cùng điều để gộp." in response.content.decode()
    response = client.post(url("report_group_delete", pk=first.pk), follow=True)
    assert "Không thể xóa nhóm được tổng hợp từ các góp ý" in response.content.decode()
    client.post(url("report_group_delete", pk=manual.pk))
    assert not ReportGroup.objects.filter(pk=manual.pk).exists()
    response = client.post(url("report_refresh"), {"include_opinion_map": "on"}, follow=True)
    assert "Đã lấy lại số liệu" in response.content.decode()
    report.refresh_from_db()
    assert report.include_opinion_map


def test_the_report_walks_from_draft_to_publication_and_tokens_block_repeats(
    voted: World,
) -> None:
    report = prepared(voted)
    handler, head = client_for(voted.handler), client_for(voted.head)
    # submitting with unanswered groups is refused with the list of them
    page = handler.get(url("report_manage")).content.decode()
    response = handler.post(url("report_submit"), {"action_token": token(page, "trinh")},
                            follow=True)  # fmt: skip
    assert "Còn phải trả lời: Điều 1, nhóm 1" in response.content.decode()
    answer_everything(voted, report)
    page = handler.get(url("report_manage")).content.decode()
    submit = token(page, "trinh")
    assert handler.post(url("report_submit"), {"action_token": submit}).status_code == 302
    # the handler sees no approval form; the head does
    assert "/duyet/" not in handler.get(url("report_manage")).content.decode()
    page = head.get(url("report_manage")).content.decode()
    assert "Phê duyệt và cấp số báo cáo" in page
    # a register number already taken comes back on the form, with the message
    approve = token(page, "duyet")
    SynthesisReport.objects.filter(pk=report.pk).update()  # nothing else numbered yet
    response = head.post(url("report_approve"), {"action_token": approve, "number": "abc"})
    assert response.status_code == 400
    # approval, then the same form sent again: no second number, a clear message
    page = head.get(url("report_manage")).content.decode()
    approve = token(page, "duyet")
    assert head.post(url("report_approve"), {"action_token": approve}).status_code == 302
    again = head.post(url("report_approve"), {"action_token": approve}, follow=True)
    assert (
        "Việc này đã được thực hiện; hệ thống không thực hiện lần thứ hai."
        in again.content.decode()
    )
    report.refresh_from_db()
    assert report.number_text == "01/BC-UBND"
    assert SynthesisReport.objects.filter(number__isnull=False).count() == 1
    # the approved report shows its document, numbered
    page = head.get(url("report_manage")).content.decode()
    assert "Số: 01/BC-UBND" in page
    publish = token(page, "cong-bo")
    assert head.post(url("report_publish"), {"action_token": publish}).status_code == 302
    # and the public sees it, linked from the draft, with its downloads
    public = client_for(None)
    page = public.get(url("report_public")).content.decode()
    assert "Báo cáo số 01/BC-UBND" in page
    assert "Giữ như dự thảo vì phù hợp với Hiến pháp." in page
    assert "Không tiếp thu" in page
    read = public.get(reverse("consultations:drafts_read", kwargs={"slug": SLUG}))
    assert url("report_public") in read.content.decode()
    docx = public.get(url("report_public_download", fmt="docx"))
    assert docx.status_code == 200
    assert docx["Content-Disposition"].endswith(f'so-01-{report.number_year}.docx"')
    assert public.get(url("report_public_download", fmt="odt")).status_code == 404


def test_returning_needs_a_reason_kept_on_error(voted: World) -> None:
    report = prepared(voted)
    answer_everything(voted, report)
    services.report_submit(report=report, actor=voted.handler)
    head = client_for(voted.head)
    page = head.get(url("report_manage")).content.decode()
    response = head.post(url("report_return"), {"action_token": token(page, "tra-lai"),
                                                "reason": "   "})  # fmt: skip
    assert response.status_code == 400
    assert "Hãy nêu rõ nội dung cần chỉnh sửa." in response.content.decode()
    page = response.content.decode()
    response = head.post(url("report_return"), {"action_token": token(page, "tra-lai"),
                                                "reason": "Bổ sung giải trình Điều 2"})  # fmt: skip
    assert response.status_code == 302
    page = client_for(voted.handler).get(url("report_manage")).content.decode()
    assert "Bổ sung giải trình Điều 2" in page
    assert report_in(voted).status == SynthesisReport.Status.DRAFTING


def test_a_refused_step_shows_the_message(voted: World) -> None:
    # the head approves before the window closed: refused, with the date
    from danvan.consultations.models import Consultation

    report = prepared(voted)
    answer_everything(voted, report)
    services.report_submit(report=report, actor=voted.handler)
    consultation = voted.consultation
    assert consultation.closes_at is not None
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=consultation.closes_at.replace(year=consultation.closes_at.year + 1)
    )
    head = client_for(voted.head)
    page = head.get(url("report_manage")).content.decode()
    assert "Đợt lấy ý kiến vẫn đang mở" in page
    response = head.post(url("report_approve"), {"action_token": token(page, "duyet")})
    assert response.status_code == 400
    assert "chỉ có thể phê duyệt báo cáo sau khi kết thúc lấy ý kiến" in response.content.decode()
    # publishing a report that is not approved: a message, nothing done
    response = head.post(url("report_publish"), {"action_token": "abc"}, follow=True)
    assert "Chỉ có thể công bố báo cáo đã phê duyệt." in response.content.decode()


def test_staff_download_a_draft_marked_as_such(voted: World) -> None:
    prepared(voted)
    response = client_for(voted.handler).get(url("report_download", fmt="docx"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "du-thao.docx" in response["Content-Disposition"]
    assert client_for(voted.handler).get(url("report_download", fmt="exe")).status_code == 404


def test_the_consultation_page_links_the_report(voted: World) -> None:
    page = client_for(voted.handler).get(
        reverse("consultations:drafts_manage_detail", kwargs={"slug": SLUG})
    )
    assert url("report_manage") in page.content.decode()


def test_sources_are_named_on_the_group_page(voted: World) -> None:
    report = prepared(voted)
    group = ReportGroup.objects.get(report=report, sources__kind=ReportGroupSource.Kind.CAMPAIGN)
    page = client_for(voted.handler).get(url("report_group_edit", pk=group.pk)).content.decode()
    assert "Các bản sao cùng nội dung: 6 ý kiến" in page


def test_opinions_on_the_whole_draft_can_be_added(voted: World) -> None:
    report = prepared(voted)
    response = client_for(voted.handler).post(
        url("report_group_add"),
        {"anchor": "", "summary": "Đề nghị đổi tên luật", "count": "2", "disposition": ""},
    )
    assert response.status_code == 302
    group = ReportGroup.objects.get(report=report, summary="Đề nghị đổi tên luật")
    assert group.anchor == ""
    response = client_for(voted.handler).post(
        url("report_group_add"), {"anchor": "dieu-99", "summary": "x", "count": "1"}
    )
    assert response.status_code == 400
