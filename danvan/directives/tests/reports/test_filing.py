"""A unit fills, pre-fills and submits its report; the commission returns or accepts it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from danvan.core.exceptions import ApplicationError
from danvan.directives.models import (
    IndicatorValue,
    SectionAnswer,
    UnitReport,
    UnitReportEvent,
)
from danvan.directives.selectors import reports as selectors
from danvan.directives.services import reports_filing as filing
from danvan.directives.tests.reports.conftest import (
    ReportsWorld,
    fill_complete,
    make_round,
    report_of,
    seed_book_entry,
    seed_case,
    submit_complete,
)
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db
Status = UnitReport.Status


@pytest.fixture
def report(rw: ReportsWorld) -> UnitReport:
    return report_of(make_round(rw), rw.committees[0])


def test_saving_keeps_what_was_typed_and_ignores_other_templates(
    rw: ReportsWorld, report: UnitReport
) -> None:
    officer = rw.commune_officers[0]
    section = report.round.template.sections.order_by("position").first()
    indicator = report.round.template.indicators.order_by("position").first()
    assert section is not None
    assert indicator is not None
    filing.report_save(
        report=report,
        actor=officer,
        texts={section.pk: "  Đã đối thoại 2 lần. ", 999_999: "lạc"},
        values={indicator.pk: Decimal(2), 999_999: Decimal(1)},
    )
    assert SectionAnswer.objects.get(report=report).text == "Đã đối thoại 2 lần."
    assert IndicatorValue.objects.get(report=report).value == Decimal(2)
    # saving again updates in place (no duplicate rows); an emptied figure is kept empty
    filing.report_save(
        report=report, actor=officer, texts={section.pk: "Sửa lại"}, values={indicator.pk: None}
    )
    assert SectionAnswer.objects.get(report=report).text == "Sửa lại"
    assert IndicatorValue.objects.get(report=report).value is None
    with pytest.raises(ApplicationError, match="negative"):
        filing.report_save(
            report=report, actor=officer, texts={}, values={indicator.pk: Decimal(-1)}
        )


def test_only_the_units_own_staff_writes_its_report(rw: ReportsWorld, report: UnitReport) -> None:
    for outsider in (rw.commune_officers[1], rw.officer, rw.world.citizen):
        with pytest.raises(ApplicationError, match="staff of the unit"):
            filing.report_save(report=report, actor=outsider, texts={}, values={})
        with pytest.raises(ApplicationError):
            filing.report_submit(report=report, actor=outsider)
    assert not SectionAnswer.objects.filter(report=report).exists()


def test_prefill_counts_figures_and_never_overwrites_the_units_own(
    rw: ReportsWorld, report: UnitReport
) -> None:
    officer = rw.commune_officers[0]
    committee = rw.committees[0]
    # given 2 letters and 1 visit in the quarter
    seed_case(unit=committee, received_on=dt.date(2026, 7, 3))
    seed_case(unit=committee, received_on=dt.date(2026, 8, 3))
    seed_book_entry(unit=committee, received_on=dt.date(2026, 8, 4), sequence=1, people=2)
    template = report.round.template
    received = template.indicators.get(source="petitions_received")
    visits = template.indicators.get(source="citizens_received")
    # when the report is pre-filled
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC), tick=False):
        counted = filing.report_prefill(report=report, actor=officer)
    # then every sourced indicator is counted and shows its source
    assert counted == 6
    row = IndicatorValue.objects.get(report=report, indicator=received)
    assert (row.value, row.prefilled_value) == (Decimal(2), Decimal(2))
    assert row.source_note == "Tự động từ sổ tiếp nhận đơn: 2 đơn, 01/07–30/09/2026"
    report.refresh_from_db()
    assert report.prefilled_at == dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
    # when the unit overrides the letters (it also counts paper letters) and a new letter
    # arrives before the recount
    filing.report_save(report=report, actor=officer, texts={}, values={received.pk: Decimal(5)})
    seed_case(unit=committee, received_on=dt.date(2026, 9, 3))
    seed_book_entry(unit=committee, received_on=dt.date(2026, 9, 4), sequence=2)
    filing.report_prefill(report=report, actor=officer)
    # then the unit's figure is kept, danvan's count is updated; the untouched one follows
    row.refresh_from_db()
    assert (row.value, row.prefilled_value) == (Decimal(5), Decimal(3))
    assert "3 đơn" in row.source_note
    visit_row = IndicatorValue.objects.get(report=report, indicator=visits)
    assert (visit_row.value, visit_row.prefilled_value) == (Decimal(2), Decimal(2))
    # and the reviewer's sheet flags the difference
    _sections, indicators = selectors.report_sheet(report)
    flagged = {item.indicator.code: item.differs for item in indicators}
    assert flagged["don-tiep-nhan"] is True
    assert flagged["tiep-cong-dan"] is False
    assert flagged["doi-thoai"] is False


def test_a_source_no_longer_registered_is_skipped(rw: ReportsWorld, report: UnitReport) -> None:
    from danvan.directives.models import Indicator

    Indicator.objects.filter(template=report.round.template, source="petitions_received").update(
        source="gone_away"
    )
    assert filing.report_prefill(report=report, actor=rw.commune_officers[0]) == 5
    _sections, indicators = selectors.report_sheet(report)
    gone = next(i for i in indicators if i.indicator.source == "gone_away")
    assert gone.source_label == ""
    assert gone.prefilled_value is None


def test_submit_lists_what_is_missing_and_keeps_the_draft(
    rw: ReportsWorld, report: UnitReport
) -> None:
    officer = rw.commune_officers[0]
    template = report.round.template
    sections = list(template.sections.order_by("position"))
    indicators = list(template.indicators.order_by("position"))
    # given a report with every figure but one (a 0 counts as a figure) and two sections
    values = {i.pk: Decimal(0) for i in indicators[1:]}
    texts = {sections[0].pk: "Kết quả tốt.", sections[1].pk: "   ", sections[2].pk: "Tiếp tục."}
    filing.report_save(report=report, actor=officer, texts=texts, values=values)
    # when it is submitted
    with translation.override("en"), pytest.raises(filing.IncompleteReportError) as refused:
        filing.report_submit(report=report, actor=officer)
    # then the message names the missing figure and sections, in the template's words
    message = refused.value.message
    assert message.startswith("The report cannot be submitted yet")
    assert "“Số cuộc đối thoại với Nhân dân”" in message
    assert "“Hạn chế, nguyên nhân”, “Đề xuất, kiến nghị”" in message
    assert refused.value.missing_indicators == [indicators[0].pk]
    assert refused.value.missing_sections == [sections[1].pk, sections[3].pk]
    # and nothing typed is lost, nothing is submitted
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert IndicatorValue.objects.filter(report=report).count() == 9
    assert SectionAnswer.objects.get(report=report, section=sections[2]).text == "Tiếp tục."


def test_submit_is_idempotent_and_locks_the_report(rw: ReportsWorld, report: UnitReport) -> None:
    officer = rw.commune_officers[0]
    with time_machine.travel(dt.datetime(2026, 10, 5, 8, tzinfo=dt.UTC), tick=False):
        submitted = submit_complete(report, officer)
    assert submitted.status == Status.SUBMITTED
    assert submitted.submitted_by == officer
    # a second submit (double click) changes nothing and writes no second event
    again = filing.report_submit(report=report, actor=officer)
    assert again.submitted_at == dt.datetime(2026, 10, 5, 8, tzinfo=dt.UTC)
    assert UnitReportEvent.objects.filter(report=report).count() == 1
    # and the submitted report can no longer be changed by the unit
    with pytest.raises(ApplicationError, match="submitted"):
        fill_complete(report, officer)
    with pytest.raises(ApplicationError, match="submitted"):
        filing.report_prefill(report=report, actor=officer)


def test_return_then_accept_cycle_with_history_and_notifications(
    rw: ReportsWorld, report: UnitReport, django_capture_on_commit_callbacks: object
) -> None:
    officer = rw.commune_officers[0]
    submit_complete(report, officer)
    mail.outbox.clear()
    # the comments are required to return
    with pytest.raises(ApplicationError, match="required"):
        filing.report_return(report=report, actor=rw.officer, comment="   ")
    # when the commission returns it with comments
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        returned = filing.report_return(
            report=report, actor=rw.officer, comment="Bổ sung số liệu đối thoại tháng 9."
        )
    assert returned.status == Status.RETURNED
    assert returned.review_comment == "Bổ sung số liệu đối thoại tháng 9."
    # then the unit's officer is told, in the app and by e-mail, with the comments
    note = Notification.objects.get(kind="directives.report_returned")
    assert note.recipient == officer
    assert "Bổ sung số liệu đối thoại tháng 9." in note.body
    assert note.url == f"/chi-dao/bao-cao/cua-don-vi/{report.pk}/"
    (email,) = mail.outbox
    assert email.to == ["commune1@example.com"]
    assert "Bổ sung số liệu đối thoại tháng 9." in email.body
    assert report.round.title in email.subject
    # a repeated return (same comments) changes nothing; accepting a returned one is refused
    filing.report_return(
        report=report, actor=rw.officer, comment="Bổ sung số liệu đối thoại tháng 9."
    )
    with pytest.raises(ApplicationError, match="submitted"):
        filing.report_accept(report=report, actor=rw.officer)
    with pytest.raises(ApplicationError, match="submitted"):
        filing.report_return(report=report, actor=rw.officer, comment="Khác")
    # when the unit corrects and submits again, and the commission accepts
    fill_complete(report, officer, figure=7)
    filing.report_submit(report=report, actor=officer)
    accepted = filing.report_accept(report=report, actor=rw.commission_deputy, comment="Tốt")
    assert accepted.status == Status.ACCEPTED
    assert accepted.reviewed_by == rw.commission_deputy
    assert filing.report_accept(report=report, actor=rw.officer).reviewed_by == rw.commission_deputy
    # then the history tells the whole story
    history = list(UnitReportEvent.objects.filter(report=report).values_list("status", "comment"))
    assert history == [
        (Status.SUBMITTED, ""),
        (Status.RETURNED, "Bổ sung số liệu đối thoại tháng 9."),
        (Status.SUBMITTED, ""),
        (Status.ACCEPTED, "Tốt"),
    ]
    assert Notification.objects.filter(kind="directives.report_accepted").count() == 1
    with pytest.raises(ApplicationError):
        filing.report_return(report=report, actor=rw.officer, comment="Muộn")


def test_only_the_commission_of_the_round_reviews(rw: ReportsWorld, report: UnitReport) -> None:
    submit_complete(report, rw.commune_officers[0])
    for outsider in (rw.commune_officers[0], rw.other_province_officer):
        with pytest.raises(ApplicationError, match="commission"):
            filing.report_accept(report=report, actor=outsider)
        with pytest.raises(ApplicationError, match="commission"):
            filing.report_return(report=report, actor=outsider, comment="Không")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
