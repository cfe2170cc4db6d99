"""Edges: the dashboard panel, labels of the rows, refusals shown on the pages, a one-off
task's due date, missing figures marked on the form, the command's bad date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse

from danvan.directives.models import (
    IndicatorValue,
    ReportReminder,
    SectionAnswer,
    SynthesisFile,
    Task,
    TaskAssignment,
    UnitReport,
)
from danvan.directives.services import reports as services
from danvan.directives.services import reports_synthesis as synthesis
from danvan.directives.services.reports_sweep import reports_sweep
from danvan.directives.tests.reports.conftest import (
    ReportsWorld,
    client_for,
    default_template,
    fill_complete,
    make_round,
    report_of,
    submit_complete,
)
from danvan.directives.views import reports as views

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"directives:{name}", kwargs=kwargs or None)


def test_the_dashboard_panel_shows_open_reports_and_rounds(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    factory = RequestFactory()
    request = factory.get("/")
    request.user = rw.commune_officers[0]
    context = views.reports_panel_context(request)
    assert [r.unit for r in context["open_reports"]] == [rw.committees[0]]
    assert context["rounds"] == []
    request.user = rw.officer
    context = views.reports_panel_context(request)
    assert context["open_reports"] == []
    assert [r.pk for r in context["rounds"]] == [reporting_round.pk]
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert views.reports_panel_context(request) == {"open_reports": [], "rounds": []}
    from django.template.loader import render_to_string

    request.user = rw.officer
    html = render_to_string("directives/reports/panel.html", views.reports_panel_context(request))
    assert reporting_round.title in html
    views.register_panel()
    from danvan.core.dashboard import panels_for_role

    assert "directives_reports" in {p.key for p in panels_for_role("handler")}


def test_rows_have_readable_labels(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    report = report_of(reporting_round, rw.committees[0])
    submit_complete(report, rw.commune_officers[0])
    template = reporting_round.template
    assert str(template) == template.title
    assert str(reporting_round) == reporting_round.title
    assert str(report) == f"{reporting_round.title} – Ủy ban nhân dân Xã Tiên Lữ"
    answer = SectionAnswer.objects.filter(report=report).first()
    value = IndicatorValue.objects.filter(report=report).first()
    assert answer is not None
    assert value is not None
    assert str(answer).endswith(answer.section.title)
    assert str(value) == f"{value.indicator.label}: {value.value}"
    reports_sweep(on=dt.date(2026, 10, 12))
    reminder = ReportReminder.objects.first()
    assert reminder is not None
    assert str(reminder) == f"{reminder.report_id} overdue 2026-10-12"
    synthesis.synthesis_issue(reporting_round=reporting_round, actor=rw.officer)
    assert str(SynthesisFile.objects.get(format="docx")) == f"{reporting_round.title} (docx)"


def test_a_round_without_staff_to_notify_and_a_title_without_bao_cao(rw: ReportsWorld) -> None:
    from danvan.units.models import RoleAssignment

    RoleAssignment.objects.filter(unit__in=rw.committees).delete()
    template = default_template(rw)
    reporting_round = services.round_create(
        unit=rw.commission, template=template, title="Tình hình quý III",
        period_start=dt.date(2026, 7, 1), period_end=dt.date(2026, 9, 30),
        due_on=dt.date(2026, 10, 9), units=rw.committees, actor=rw.officer,
    )  # fmt: skip
    assert UnitReport.objects.filter(round=reporting_round).count() == 3
    assert synthesis._subtitle(reporting_round) == "Tổng hợp báo cáo Tình hình quý III"


def test_a_one_off_task_offers_its_due_date(rw: ReportsWorld) -> None:
    task = Task.objects.create(
        directive=rw.directive, position=2, title="Báo cáo sơ kết", due_on=dt.date(2026, 11, 30)
    )
    TaskAssignment.objects.create(task=task, unit=rw.committees[0])
    page = client_for(rw.officer).get(url("reports_round_create") + f"?task={task.pk}")
    html = page.content.decode()
    assert 'value="30/11/2026"' in html
    assert "The units the task is assigned to" in html or "Các đơn vị được giao nhiệm vụ" in html


def test_submit_marks_the_missing_figures_on_the_form(rw: ReportsWorld) -> None:
    report = report_of(make_round(rw), rw.committees[0])
    template = report.round.template
    data = {f"section_{s.pk}": "Có nội dung." for s in template.sections.all()}
    data.update({f"indicator_{i.pk}": "" for i in template.indicators.all()})
    response = client_for(rw.commune_officers[0]).post(
        url("reports_fill", pk=report.pk), {**data, "submit": "1"}
    )
    assert response.status_code == 400
    assert response.content.decode().count('class="field field--error"') == 10
    assert SectionAnswer.objects.filter(report=report, text="Có nội dung.").count() == 4


def test_pages_show_the_services_refusals(rw: ReportsWorld) -> None:
    template = default_template(rw)
    make_round(rw, template=template)
    section = template.sections.first()
    indicator = template.indicators.first()
    assert section is not None
    assert indicator is not None
    client = client_for(rw.officer)
    # the template is in use: adding or editing is refused with the reason, nothing changes
    added = client.post(url("reports_section_add", pk=template.pk), {"title": "Mới"})
    assert added.status_code == 400
    edited = client.post(
        url("reports_section_edit", pk=template.pk, section_pk=section.pk),
        {"title": "Khác", "guidance": ""},
    )
    assert edited.status_code == 400
    indicator_added = client.post(url("reports_indicator_add", pk=template.pk), {"label": "Mới"})
    assert indicator_added.status_code == 400
    assert template.sections.count() == 4
    assert template.indicators.count() == 10
    # a section or indicator of another template is 404
    other = default_template(rw)
    assert (
        client.get(url("reports_section_edit", pk=other.pk, section_pk=section.pk)).status_code
        == 404
    )
    assert (
        client.get(
            url("reports_indicator_edit", pk=other.pk, indicator_pk=indicator.pk)
        ).status_code
        == 404
    )
    # the standard-template button with a unit the person does not manage
    response = client.post(url("reports_template_default"), {"unit": rw.committees[0].pk})
    assert response.status_code == 302
    assert response["Location"] == url("reports_templates")


def test_a_draft_report_can_be_looked_at_by_the_commission(rw: ReportsWorld) -> None:
    report = report_of(make_round(rw), rw.committees[0])
    fill_complete(report, rw.commune_officers[0])
    page = client_for(rw.officer).get(url("reports_review", pk=report.pk)).content.decode()
    assert "Đã thực hiện tốt." in page
    assert url("reports_accept", pk=report.pk) not in page


def test_the_command_refuses_a_bad_date() -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reports_sweep", "--date", "12/10/2026")


def test_a_body_without_a_head_prints_an_unsigned_block(rw: ReportsWorld) -> None:
    import io

    import docx

    from danvan.units.models import RoleAssignment

    RoleAssignment.objects.filter(unit=rw.state_body, role=RoleAssignment.Role.HEAD).delete()
    reporting_round = make_round(rw, unit=rw.state_body)
    document = docx.Document(io.BytesIO(synthesis.synthesis_docx(reporting_round=reporting_round)))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("CHỦ TỊCH" in text for text in cells)
    assert not any("Đỗ Thị Chủ Tịch" in text for text in cells)
