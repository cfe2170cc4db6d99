"""Services of the synthesis report: prefill, refresh, editing, the steps, numbering, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.consultations.models import (
    CampaignRun,
    Consultation,
    OpinionMap,
    ReportGroup,
    ReportGroupSource,
    Statement,
    SynthesisReport,
)
from danvan.consultations.selectors.report import (
    redact_example,
    report_blocks,
    report_content,
)
from danvan.consultations.services import report as services
from danvan.consultations.services.campaigns import campaigns_compute
from danvan.consultations.tests.conftest import make_user
from danvan.consultations.tests.report.conftest import (
    CAMPAIGN,
    World,
    comment,
    make_consultation,
)
from danvan.core.exceptions import ApplicationError
from danvan.units.models import RoleAssignment, Unit

pytestmark = pytest.mark.django_db
Status = SynthesisReport.Status
Disposition = ReportGroup.Disposition
LOCAL = dt.timezone(dt.timedelta(hours=7))


def groups_on(report: SynthesisReport, anchor: str) -> list[ReportGroup]:
    return list(ReportGroup.objects.filter(report=report, anchor=anchor).order_by("position"))


def campaign_group(report: SynthesisReport) -> ReportGroup:
    return ReportGroup.objects.get(report=report, sources__kind=ReportGroupSource.Kind.CAMPAIGN)


def answer_all(report: SynthesisReport, world: World) -> None:
    for group in ReportGroup.objects.filter(report=report):
        services.report_group_update(
            group=group,
            actor=world.handler,
            summary=group.summary,
            disposition=Disposition.ACCEPTED,
            explanation="",
        )


def prepared(world: World) -> SynthesisReport:
    return services.report_prepare(consultation=world.consultation, actor=world.handler)


def submitted(world: World) -> SynthesisReport:
    report = prepared(world)
    answer_all(report, world)
    return services.report_submit(report=report, actor=world.handler)


def verbs(report: SynthesisReport) -> list[str]:
    return list(
        AuditEntry.objects.filter(verb__startswith="consultation_report.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )


# ------------------------------------------------------------------ prefill and refresh


def test_prepare_fills_the_report_from_campaign_groups_themes_and_tallies(voted: World) -> None:
    # when the handler prepares the report of the closed consultation
    report = prepared(voted)
    # then the six copies of the campaign are one group of six, titled by their common text
    group = campaign_group(report)
    assert group.anchor == "dieu-1"
    assert group.count == 6
    assert group.summary.startswith("Tôi là …, trú tại thôn …")
    assert "0912" not in group.summary  # a telephone number is never carried over
    # and the eight comments on land prices are themes, named by their words, with examples
    themes = ReportGroup.objects.filter(report=report, sources__kind="theme")
    assert sum(theme.count for theme in themes) == 8
    assert all(theme.summary.startswith("Ý kiến về: ") for theme in themes)
    assert all(len(theme.examples) == 3 for theme in themes)
    # and the campaign comes first on its article, the largest group
    assert groups_on(report, "dieu-1")[0] == group
    # and the tallies come from the live counts, per article
    blocks = {block.anchor: block for block in report_blocks(report)}
    assert blocks["dieu-1"].tally is not None
    assert (blocks["dieu-1"].tally.agree, blocks["dieu-1"].tally.disagree) == (8, 2)
    assert blocks["dieu-1"].tally.comments == 14
    assert blocks["dieu-3"].groups == []
    # and the one comment on Điều 2, in no group and no theme, is an opinion of its own
    (single,) = blocks["dieu-2"].groups
    assert single.summary == "Đề nghị bổ sung quy định về bồi thường cây trồng."
    assert single.count == 1
    # and preparing is audited
    assert verbs(report) == ["consultation_report.create", "consultation_report.refresh"]


def test_preparing_twice_gives_the_same_report(voted: World) -> None:
    first = prepared(voted)
    second = prepared(voted)
    assert first.pk == second.pk
    assert SynthesisReport.objects.count() == 1
    assert verbs(first).count("consultation_report.create") == 1


def test_refresh_keeps_what_staff_wrote_and_updates_the_figures(voted: World) -> None:
    # given a disposition and a rewritten title on the campaign group
    report = prepared(voted)
    group = campaign_group(report)
    services.report_group_update(
        group=group,
        actor=voted.handler,
        summary="Đề nghị giữ thời hạn giao đất nông nghiệp 50 năm",
        disposition=Disposition.PARTLY_ACCEPTED,
        explanation="Ban soạn thảo giữ thời hạn 50 năm, bổ sung quy định gia hạn.",
    )
    # when two more copies arrive and the campaigns and the report are computed again
    consultation = voted.consultation
    for name in ("Hồ Văn Tư", "Lý Thị Năm"):
        comment(
            consultation,
            make_user(name.split()[-1].lower(), name),
            CAMPAIGN.format(name=name, hamlet=7),
        )
    campaigns_compute(consultation=consultation)
    outcome = services.report_refresh(report=report, actor=voted.handler)
    # then the same group counts eight copies and keeps what was written
    group.refresh_from_db()
    assert group.count == 8
    assert group.summary == "Đề nghị giữ thời hạn giao đất nông nghiệp 50 năm"
    assert group.disposition == Disposition.PARTLY_ACCEPTED
    assert group.explanation.startswith("Ban soạn thảo giữ thời hạn 50 năm")
    assert ReportGroup.objects.filter(report=report, sources__kind="campaign").count() == 1
    assert outcome.added == 0
    assert outcome.removed == 0


def test_refresh_flags_groups_with_text_and_removes_untouched_ones(voted: World) -> None:
    # given a disposition on the campaign group only
    report = prepared(voted)
    group = campaign_group(report)
    services.report_group_update(
        group=group, actor=voted.handler, summary=group.summary,
        disposition=Disposition.ACCEPTED, explanation="",
    )  # fmt: skip
    # when the computation no longer has any group (every comment moderated out, say)
    CampaignRun.objects.all().delete()
    outcome = services.report_refresh(report=report, actor=voted.handler)
    # then the answered group stays, flagged, and the untouched themes are gone
    assert outcome.flagged == 1
    assert outcome.removed == 2
    kept = ReportGroup.objects.get(pk=group.pk)
    assert kept.has_stale_source
    assert kept.disposition == Disposition.ACCEPTED
    # and every comment on Điều 1 is now an opinion of its own: none is left out
    singles = ReportGroup.objects.filter(report=report, sources__kind="comment", anchor="dieu-1")
    assert singles.count() == 14
    # and a later computation finds the source again: the flag goes, the singles too
    campaigns_compute(consultation=voted.consultation)
    outcome = services.report_refresh(report=report, actor=voted.handler)
    assert not ReportGroup.objects.get(pk=group.pk).has_stale_source
    assert outcome.removed == 14
    assert not singles.exists()


def test_refresh_takes_the_opinion_map_as_general_opinions_when_asked(world: World) -> None:
    # given an opinion map with two groups and a consensus statement
    consultation = world.consultation
    texts = ["Cần công khai bảng giá đất", "Giữ thời hạn 50 năm", "Tăng mức bồi thường"]
    statements = [
        Statement.objects.create(consultation=consultation, text=text, status="accepted")
        for text in texts
    ]
    entry = {"n-success": 9, "n-trials": 10, "p-success": 0.9, "repness": 2.0}
    OpinionMap.objects.create(
        consultation=consultation, computed_at=timezone.now(), k=2, participants_total=30,
        participants_clustered=28, statements_total=3, votes_total=80, duration_ms=5,
        group_sizes=[18, 10],
        repness={
            "0": [{**entry, "tid": statements[0].pk, "repful-for": "agree"}],
            "1": [{**entry, "tid": statements[1].pk, "repful-for": "disagree"}],
        },
        consensus=[{"tid": statements[2].pk, "n-success": 25, "n-trials": 28, "cons-for": "agree"}],
    )  # fmt: skip
    report = services.report_prepare(
        consultation=consultation, actor=world.handler, include_opinion_map=True
    )
    # then the groups and the consensus statement are opinions on the whole draft
    general = groups_on(report, "")
    assert [group.count for group in general] == [25, 18, 10]
    assert general[0].summary == "Tăng mức bồi thường"
    assert general[1].summary == "Nhóm A của bản đồ ý kiến (18 người tham gia)"
    assert general[1].examples == ["90% tán thành: Cần công khai bảng giá đất"]
    assert general[2].examples == ["90% không tán thành: Giữ thời hạn 50 năm"]
    # and leaving the map out again removes them (nothing was written on them)
    outcome = services.report_refresh(report=report, actor=world.handler, include_opinion_map=False)
    assert outcome.removed == 3
    assert groups_on(report, "") == []


def test_many_comments_in_no_group_are_answered_together(world: World) -> None:
    # given 52 different comments on Điều 3 that form no group (nothing computed)
    residents = [make_user(f"nguoi{i}", f"Người {i}") for i in range(52)]
    for index, resident in enumerate(residents):
        comment(world.consultation, resident, f"Ý kiến riêng số {index} về hiệu lực", "dieu-3")
    report = prepared(world)
    # then they are one group of 52, with examples, rather than 52 rows
    (group,) = groups_on(report, "dieu-3")
    assert group.count == 52
    assert group.summary == "Các ý kiến góp ý khác về điều này (52 ý kiến)"
    assert group.examples[0] == "Ý kiến riêng số 0 về hiệu lực"
    assert report_content(report).articles[2].groups[0].origin == "52 ý kiến góp ý khác"


def test_examples_are_masked_and_capped() -> None:
    text = "Liên hệ 0912.345.678 hoặc an.nguyen@example.vn; CCCD 033087009876. " + "x" * 600
    cleaned = redact_example(text)
    assert "0912" not in cleaned
    assert "example.vn" not in cleaned
    assert "0330" not in cleaned
    assert len(cleaned) == 500
    assert cleaned.endswith("…")


# ------------------------------------------------------------------ editing


def test_a_group_not_accepted_needs_an_explanation(voted: World) -> None:
    report = prepared(voted)
    group = campaign_group(report)
    for disposition in (Disposition.NOT_ACCEPTED, Disposition.PARTLY_ACCEPTED):
        with pytest.raises(ApplicationError, match="Hãy giải trình"):
            services.report_group_update(
                group=group, actor=voted.handler, summary="Ý kiến",
                disposition=disposition, explanation="  ",
            )  # fmt: skip
    with pytest.raises(ApplicationError, match="nội dung ý kiến"):
        services.report_group_update(
            group=group, actor=voted.handler, summary=" ", disposition="", explanation=""
        )
    with pytest.raises(ApplicationError):
        services.report_group_update(
            group=group, actor=voted.handler, summary="x", disposition="maybe", explanation=""
        )
    group.refresh_from_db()
    assert group.disposition == ""
    assert group.revision == 1


def test_a_form_from_an_older_page_is_refused_and_a_resent_one_changes_nothing(
    voted: World,
) -> None:
    report = prepared(voted)
    group = campaign_group(report)
    saved = services.report_group_update(
        group=group, actor=voted.handler, summary=group.summary,
        disposition=Disposition.ACCEPTED, explanation="", revision=1,
    )  # fmt: skip
    assert saved.revision == 2
    assert saved.disposition_by == voted.handler
    # the same form sent again changes nothing
    again = services.report_group_update(
        group=group, actor=voted.handler, summary=group.summary,
        disposition=Disposition.ACCEPTED, explanation="", revision=2,
    )  # fmt: skip
    assert again.revision == 2
    # a form still showing revision 1 is refused, nothing written
    with pytest.raises(ApplicationError, match="Người khác"):
        services.report_group_update(
            group=group, actor=voted.handler, summary="Khác",
            disposition=Disposition.NOT_ACCEPTED, explanation="Lý do", revision=1,
        )  # fmt: skip
    group.refresh_from_db()
    assert (group.summary_edited, group.disposition) == (False, Disposition.ACCEPTED)


def test_examples_edited_by_staff_survive_a_refresh(voted: World) -> None:
    report = prepared(voted)
    theme = ReportGroup.objects.filter(report=report, sources__kind="theme").first()
    assert theme is not None
    services.report_group_update(
        group=theme, actor=voted.handler, summary=theme.summary, disposition="",
        explanation="", examples=["Giá đất bồi thường thấp", "  ", "Giá đất bồi thường thấp"],
    )  # fmt: skip
    services.report_refresh(report=report, actor=voted.handler)
    theme.refresh_from_db()
    assert theme.examples == ["Giá đất bồi thường thấp"]
    assert theme.examples_edited


def test_staff_add_opinions_received_in_writing(voted: World) -> None:
    report = prepared(voted)
    group = services.report_group_add(
        report=report, actor=voted.handler, anchor="dieu-2",
        summary="Đề nghị quy định rõ đơn giá bồi thường cây lâu năm", count=12,
        received_via="Công văn số 15/STP-XDPL của Sở Tư pháp",
        disposition=Disposition.ACCEPTED,
    )  # fmt: skip
    assert (group.count, group.position, group.disposition_by) == (12, 1, voted.handler)
    facts = " ".join(report_content(report).facts)
    assert "nhận được 12 ý kiến qua văn bản, hội nghị" in facts
    with pytest.raises(ApplicationError, match="điều của dự thảo"):
        services.report_group_add(
            report=report, actor=voted.handler, anchor="dieu-99", summary="x", count=1
        )
    with pytest.raises(ApplicationError, match="ít nhất một ý kiến"):
        services.report_group_add(
            report=report, actor=voted.handler, anchor="", summary="x", count=0
        )


def test_merging_adds_counts_and_keeps_every_text(voted: World) -> None:
    # given the campaign group and one theme on Điều 1, each with an explanation
    report = prepared(voted)
    campaign = campaign_group(report)
    theme = ReportGroup.objects.filter(report=report, sources__kind="theme").first()
    assert theme is not None
    services.report_group_update(
        group=theme, actor=voted.handler, summary="Giá đất bồi thường thấp",
        disposition=Disposition.NOT_ACCEPTED, explanation="Giá đất do Chính phủ quy định.",
    )  # fmt: skip
    services.report_group_update(
        group=campaign, actor=voted.handler, summary=campaign.summary, disposition="",
        explanation="Sẽ nghiên cứu thêm.",
    )  # fmt: skip
    # when the theme is merged into the campaign group
    merged = services.report_group_merge(group=theme, into=campaign, actor=voted.handler)
    # then the counts add up and nothing written is lost
    assert merged.count == 6 + 4
    assert "Giá đất bồi thường thấp" in merged.examples
    assert merged.explanation == "Sẽ nghiên cứu thêm.\n\nGiá đất do Chính phủ quy định."
    assert merged.disposition == Disposition.NOT_ACCEPTED
    assert not ReportGroup.objects.filter(pk=theme.pk).exists()
    assert merged.sources.count() == 2
    # and a refresh keeps counting both sources in the merged group
    services.report_refresh(report=report, actor=voted.handler)
    merged.refresh_from_db()
    assert merged.count == 10
    assert [g.position for g in groups_on(report, "dieu-1")] == [0, 1]


def test_merging_is_only_within_one_article(voted: World) -> None:
    report = prepared(voted)
    campaign = campaign_group(report)
    other = services.report_group_add(
        report=report, actor=voted.handler, anchor="dieu-2", summary="Khác", count=1
    )
    with pytest.raises(ApplicationError, match="cùng một điều"):
        services.report_group_merge(group=other, into=campaign, actor=voted.handler)
    with pytest.raises(ApplicationError):
        services.report_group_merge(group=campaign, into=campaign, actor=voted.handler)


def test_groups_move_within_their_article(voted: World) -> None:
    report = prepared(voted)
    first, second, third = groups_on(report, "dieu-1")
    services.report_group_move(group=third, actor=voted.handler, up=True)
    assert groups_on(report, "dieu-1") == [first, third, second]
    services.report_group_move(group=first, actor=voted.handler, up=True)  # already first
    services.report_group_move(group=first, actor=voted.handler, up=False)
    assert groups_on(report, "dieu-1") == [third, first, second]


def test_only_groups_entered_by_staff_can_be_deleted(voted: World) -> None:
    report = prepared(voted)
    manual = services.report_group_add(
        report=report, actor=voted.handler, anchor="dieu-1", summary="Nhập nhầm", count=1
    )
    with pytest.raises(ApplicationError, match="gộp"):
        services.report_group_delete(group=campaign_group(report), actor=voted.handler)
    services.report_group_delete(group=manual, actor=voted.handler)
    assert not ReportGroup.objects.filter(pk=manual.pk).exists()
    assert [g.position for g in groups_on(report, "dieu-1")] == [0, 1, 2]


def test_the_introduction_is_saved_and_bounded(voted: World) -> None:
    report = prepared(voted)
    services.report_introduction_update(
        report=report, actor=voted.handler, introduction="  Đa số ý kiến tán thành.  "
    )
    report.refresh_from_db()
    assert report.introduction == "Đa số ý kiến tán thành."
    assert report_content(report).introduction == ["Đa số ý kiến tán thành."]
    with pytest.raises(ApplicationError):
        services.report_introduction_update(
            report=report, actor=voted.handler, introduction="x" * 20001
        )


def test_people_outside_the_agency_may_change_nothing(voted: World) -> None:
    report = prepared(voted)
    with pytest.raises(ApplicationError, match="không được"):
        services.report_refresh(report=report, actor=voted.other_handler)
    with pytest.raises(ApplicationError, match="không được"):
        services.report_prepare(consultation=voted.consultation, actor=voted.citizen)
    with pytest.raises(ApplicationError, match="không được"):
        services.report_group_update(
            group=campaign_group(report), actor=voted.citizen, summary="x",
            disposition="", explanation="",
        )  # fmt: skip


# ------------------------------------------------------------------ the steps


def test_submission_is_refused_while_groups_are_unanswered(voted: World) -> None:
    report = prepared(voted)
    with pytest.raises(ApplicationError) as refused:
        services.report_submit(report=report, actor=voted.handler)
    assert "Còn phải trả lời: Điều 1, nhóm 1; Điều 1, nhóm 2; Điều 1, nhóm 3" in str(
        refused.value.message
    )
    report.refresh_from_db()
    assert report.status == Status.DRAFTING


def test_a_submitted_report_is_locked_until_returned(voted: World) -> None:
    report = submitted(voted)
    assert submitted_again(voted, report).status == Status.SUBMITTED  # a repeat: no-op
    with pytest.raises(ApplicationError, match="chờ phê duyệt"):
        services.report_refresh(report=report, actor=voted.handler)
    with pytest.raises(ApplicationError, match="chờ phê duyệt"):
        services.report_group_add(
            report=report, actor=voted.handler, anchor="", summary="x", count=1
        )
    # a handler cannot return it; the head must say why
    with pytest.raises(ApplicationError):
        services.report_return(report=report, actor=voted.handler, reason="Sửa")
    with pytest.raises(ApplicationError, match="cần chỉnh sửa"):
        services.report_return(report=report, actor=voted.head, reason="   ")
    returned = services.report_return(
        report=report, actor=voted.head, reason="Bổ sung giải trình Điều 2."
    )
    assert (returned.status, returned.return_reason) == (
        Status.DRAFTING,
        "Bổ sung giải trình Điều 2.",
    )
    with pytest.raises(ApplicationError, match="đang chờ phê duyệt"):
        services.report_return(report=report, actor=voted.head, reason="Lần nữa")
    entry = AuditEntry.objects.get(verb="consultation_report.return")
    assert entry.data["reason"] == "Bổ sung giải trình Điều 2."


def submitted_again(world: World, report: SynthesisReport) -> SynthesisReport:
    return services.report_submit(report=report, actor=world.handler)


def test_approval_is_refused_with_clear_reasons(voted: World) -> None:
    report = prepared(voted)
    # not submitted
    with pytest.raises(ApplicationError, match="trình phê duyệt"):
        services.report_approve(report=report, actor=voted.head)
    # submitted, but a group lost its disposition (written around the services)
    answer_all(report, voted)
    services.report_submit(report=report, actor=voted.handler)
    group = campaign_group(report)
    ReportGroup.objects.filter(pk=group.pk).update(disposition="")
    with pytest.raises(ApplicationError, match="Còn phải trả lời: Điều 1, nhóm 1"):
        services.report_approve(report=report, actor=voted.head)
    # or is "not accepted" without an explanation
    ReportGroup.objects.filter(pk=group.pk).update(disposition=Disposition.NOT_ACCEPTED)
    with pytest.raises(ApplicationError, match="Còn phải trả lời"):
        services.report_approve(report=report, actor=voted.head)
    # a handler may not approve at all
    ReportGroup.objects.filter(pk=group.pk).update(explanation="Không phù hợp.")
    with pytest.raises(ApplicationError, match="không được"):
        services.report_approve(report=report, actor=voted.handler)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.number is None


def test_approval_waits_for_the_window_to_close(world: World) -> None:
    consultation = world.consultation
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=dt.datetime(2026, 12, 6, tzinfo=LOCAL), status="open"
    )
    consultation.refresh_from_db()
    with time_machine.travel(dt.datetime(2026, 12, 5, 10, 0, tzinfo=LOCAL), tick=False):
        report = submitted(world)
        with pytest.raises(ApplicationError, match="mở đến hết ngày 05/12/2026"):
            services.report_approve(report=report, actor=world.head)
    with time_machine.travel(dt.datetime(2026, 12, 6, 0, 5, tzinfo=LOCAL), tick=False):
        approved = services.report_approve(report=report, actor=world.head)
    assert approved.number_text == "01/BC-UBND"
    assert approved.signed_on == dt.date(2026, 12, 6)


def test_a_consultation_never_opened_has_nothing_to_approve(world: World) -> None:
    Consultation.objects.filter(pk=world.consultation.pk).update(
        status="draft", opens_at=None, closes_at=None
    )
    world.consultation.refresh_from_db()
    report = submitted(world)
    with pytest.raises(ApplicationError, match="chưa được mở"):
        services.report_approve(report=report, actor=world.head)


def _ready(unit: Unit, slug: str, world: World) -> SynthesisReport:
    consultation = make_consultation(unit, slug=slug)
    report = services.report_prepare(consultation=consultation, actor=world.head)
    return services.report_submit(report=report, actor=world.head)


def test_numbers_run_per_unit_and_restart_on_the_first_of_january(world: World) -> None:
    # given three reports of the province's committee and one of another committee
    other_head = make_user("hoangvanba", "Hoàng Văn Ba", world.other_committee,
                           RoleAssignment.Role.HEAD)  # fmt: skip
    first = submitted(world)
    second = _ready(world.committee, "quy-hoach-tinh", world)
    third = _ready(world.committee, "bang-gia-dat", world)
    consultation = make_consultation(world.other_committee, slug="ha-noi")
    elsewhere = services.report_submit(
        report=services.report_prepare(consultation=consultation, actor=other_head),
        actor=other_head,
    )
    # when the first is approved a minute before midnight on 31 December (Vietnam time)
    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 59, tzinfo=LOCAL), tick=False):
        first = services.report_approve(report=first, actor=world.head)
    # and the others just after midnight
    with time_machine.travel(dt.datetime(2027, 1, 1, 0, 1, tzinfo=LOCAL), tick=False):
        second = services.report_approve(report=second, actor=world.head)
        third = services.report_approve(report=third, actor=world.head)
        elsewhere = services.report_approve(report=elsewhere, actor=other_head)
    # then the year of the number is the local date's, and numbers restart each year
    assert (first.number_year, first.number_text) == (2026, "01/BC-UBND")
    assert (second.number_year, second.number_text) == (2027, "01/BC-UBND")
    assert (third.number_year, third.number_text) == (2027, "02/BC-UBND")
    # and another unit has its own series
    assert (elsewhere.number_year, elsewhere.number_text) == (2027, "01/BC-UBND")
    assert first.snapshot is not None
    assert first.snapshot["date_line"] == "Hưng Yên, ngày 31 tháng 12 năm 2026"
    assert first.snapshot["number_line"] == "Số: 01/BC-UBND"


def test_a_number_from_the_register_is_taken_once(world: World) -> None:
    first = services.report_approve(report=submitted(world), actor=world.head, number=7)
    assert first.number_text == "07/BC-UBND"
    second = _ready(world.committee, "quy-hoach-tinh", world)
    with pytest.raises(ApplicationError, match="Số 07 đã được dùng"):
        services.report_approve(report=second, actor=world.head, number=7)
    with pytest.raises(ApplicationError):
        services.report_approve(report=second, actor=world.head, number=100000)
    # the next number without a register number follows the highest one
    assert services.report_approve(report=second, actor=world.head).number_text == "08/BC-UBND"


def test_approve_and_publish_are_idempotent_and_audited(voted: World) -> None:
    report = submitted(voted)
    approved = services.report_approve(report=report, actor=voted.head)
    again = services.report_approve(report=report, actor=voted.head)
    assert again.number == approved.number == 1
    assert SynthesisReport.objects.filter(number__isnull=False).count() == 1
    # the snapshot keeps the figures of the moment of approval
    frozen = report_content(approved)
    comment(voted.consultation, voted.citizen, "Ý kiến gửi muộn", "dieu-3")
    approved.refresh_from_db()
    assert report_content(approved) == frozen
    assert frozen.draft is False
    assert frozen.signature_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert frozen.signer_name == "Nguyễn Văn Thắng"
    # and the report cannot change any more
    with pytest.raises(ApplicationError, match="đã được phê duyệt"):
        services.report_refresh(report=report, actor=voted.handler)
    # publishing twice publishes once and marks the consultation "reported"
    with pytest.raises(ApplicationError, match="không được"):
        services.report_publish(report=report, actor=voted.handler)
    services.report_publish(report=report, actor=voted.head)
    published = services.report_publish(report=report, actor=voted.head)
    assert published.status == Status.PUBLISHED
    voted.consultation.refresh_from_db()
    assert voted.consultation.status == Consultation.Status.REPORTED
    assert verbs(report)[-3:] == [
        "consultation_report.submit",
        "consultation_report.approve",
        "consultation_report.publish",
    ]
    entry = AuditEntry.objects.get(verb="consultation_report.approve")
    assert entry.data == {"number": "01/BC-UBND", "year": approved.number_year}
    assert entry.actor_id == voted.head.pk


def test_only_an_approved_report_is_published(voted: World) -> None:
    report = submitted(voted)
    with pytest.raises(ApplicationError, match="đã phê duyệt"):
        services.report_publish(report=report, actor=voted.head)


def test_a_deputy_signs_for_the_chairman(voted: World) -> None:
    report = services.report_approve(report=submitted(voted), actor=voted.deputy)
    content = report_content(report)
    assert content.signature_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert content.signer_name == "Trần Thị Mai"


def test_the_files_of_an_approved_report_are_rendered_once(
    voted: World, django_capture_on_commit_callbacks: Any
) -> None:
    report = submitted(voted)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_approve(report=report, actor=voted.head)
    # the task queued after the commit (run at once in tests) kept both files
    assert sorted(report.files.values_list("format", flat=True)) == ["docx", "pdf"]
    data, name = services.report_file(report=report, fmt="pdf")
    assert name == f"bao-cao-tong-hop-luat-dat-dai-sua-doi-so-01-{report.number_year}.pdf"
    assert data == bytes(report.files.get(format="pdf").content)
    with pytest.raises(ApplicationError):
        services.report_file(report=report, fmt="odt")
