"""Pages of the periodic reports: who sees what (404 for everyone else), the unit's form,
the review, the synthesis and its downloads, templates and rounds, one-time tokens."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from danvan.directives.models import (
    IndicatorValue,
    ReportingRound,
    ReportTemplate,
    SectionAnswer,
    SynthesisFile,
    UnitReport,
)
from danvan.directives.services import reports as services
from danvan.directives.services import reports_filing as filing
from danvan.directives.tests.reports.conftest import (
    NOW,
    ReportsWorld,
    client_for,
    default_template,
    make_round,
    report_of,
    seed_case,
    submit_complete,
)
from danvan.units.models import User

pytestmark = pytest.mark.django_db
Status = UnitReport.Status


def url(name: str, **kwargs: object) -> str:
    return reverse(f"directives:{name}", kwargs=kwargs or None)


def token(page: str, action: str) -> str:
    """The one-time token of the form posting to ``action`` ("" = the page's only form)."""
    start = page.index(f'action="{action}"') if action else 0
    match = re.search(r'name="action_token" value="([^"]+)"', page[start:])
    assert match, f"no token for {action}"
    return match.group(1)


def fill_data(report: UnitReport, *, figure: str = "4", text: str = "Đã làm.") -> dict[str, str]:
    template = report.round.template
    data = {f"indicator_{i.pk}": figure for i in template.indicators.all()}
    data.update({f"section_{s.pk}": text for s in template.sections.all()})
    return data


# ------------------------------------------------------------------ who sees what


def commission_urls(rw: ReportsWorld) -> list[tuple[str, str]]:
    template = default_template(rw)
    reporting_round = make_round(rw, template=template)
    report = report_of(reporting_round, rw.committees[0])
    submit_complete(report, rw.commune_officers[0])
    section = template.sections.first()
    indicator = template.indicators.first()
    assert section is not None
    assert indicator is not None
    t, s, i, r = template.pk, section.pk, indicator.pk, reporting_round.pk
    return [
        ("get", url("reports_template_detail", pk=t)),
        ("get", url("reports_template_edit", pk=t)),
        ("post", url("reports_template_edit", pk=t)),
        ("post", url("reports_template_copy", pk=t)),
        ("post", url("reports_section_add", pk=t)),
        ("get", url("reports_section_edit", pk=t, section_pk=s)),
        ("post", url("reports_section_delete", pk=t, section_pk=s)),
        ("post", url("reports_section_move", pk=t, section_pk=s)),
        ("post", url("reports_indicator_add", pk=t)),
        ("get", url("reports_indicator_edit", pk=t, indicator_pk=i)),
        ("post", url("reports_indicator_delete", pk=t, indicator_pk=i)),
        ("post", url("reports_indicator_move", pk=t, indicator_pk=i)),
        ("get", url("reports_round_detail", pk=r)),
        ("post", url("reports_round_close", pk=r)),
        ("get", url("reports_review", pk=report.pk)),
        ("post", url("reports_return", pk=report.pk)),
        ("post", url("reports_accept", pk=report.pk)),
        ("get", url("reports_synthesis", pk=r)),
        ("get", url("reports_synthesis_draft", pk=r, fmt="docx")),
        ("get", url("reports_synthesis_draft", pk=r, fmt="xlsx")),
        ("post", url("reports_synthesis_issue", pk=r)),
        ("get", url("reports_synthesis_file", pk=r, fmt="docx")),
    ]


@pytest.mark.parametrize("who", ["commune", "other_province", "citizen", "anonymous"])
def test_outsiders_get_404_or_sign_in_on_every_commission_url(rw: ReportsWorld, who: str) -> None:
    users: dict[str, User | None] = {
        "commune": rw.commune_officers[0],
        "other_province": rw.other_province_officer,
        "citizen": rw.world.citizen,
        "anonymous": None,
    }
    addresses = commission_urls(rw)
    client = client_for(users[who])
    for method, address in addresses:
        response = getattr(client, method)(address)
        if who == "anonymous":
            # not signed in: to the sign-in page first (an officer whose session expired)
            assert response.status_code == 302, (method, address)
            assert "/tai-khoan/dang-nhap/" in response["Location"]
        else:
            assert response.status_code == 404, (method, address)
    # and nothing changed
    assert ReportTemplate.objects.count() == 1
    assert ReportingRound.objects.get().status == ReportingRound.Status.OPEN
    assert UnitReport.objects.filter(status=Status.SUBMITTED).count() == 1
    assert not SynthesisFile.objects.exists()


def test_a_unit_sees_and_submits_only_its_own_report(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    mine = report_of(reporting_round, rw.committees[0])
    theirs = report_of(reporting_round, rw.committees[1])
    client = client_for(rw.commune_officers[0])
    # the list shows its own report only
    inbox = client.get(url("reports_inbox")).content.decode()
    assert url("reports_fill", pk=mine.pk) in inbox
    assert url("reports_fill", pk=theirs.pk) not in inbox
    # another unit's report is 404 like a missing one, for reading, saving, submitting
    missing = client.get(url("reports_fill", pk=999_999))
    assert client.get(url("reports_fill", pk=theirs.pk)).status_code == missing.status_code == 404
    posted = client.post(url("reports_fill", pk=theirs.pk), {**fill_data(theirs), "submit": "1"})
    assert posted.status_code == 404
    assert client.post(url("reports_recount", pk=theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.DRAFT
    assert not SectionAnswer.objects.filter(report=theirs).exists()
    # and the commission's review pages are not the unit's
    assert client.get(url("reports_review", pk=mine.pk)).status_code == 404


def test_the_commission_sees_every_units_report(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    client = client_for(rw.officer)
    page = client.get(url("reports_round_detail", pk=reporting_round.pk)).content.decode()
    for report in UnitReport.objects.filter(round=reporting_round):
        assert url("reports_review", pk=report.pk) in page
        assert client.get(url("reports_review", pk=report.pk)).status_code == 200
    # but does not write the units' reports
    report = report_of(reporting_round, rw.committees[0])
    assert client.get(url("reports_fill", pk=report.pk)).status_code == 404
    rounds = client.get(url("reports_rounds")).content.decode()
    assert reporting_round.title in rounds
    assert "0/3" in rounds
    # a commission of another province sees neither the round nor its list entry
    other = client_for(rw.other_province_officer)
    assert reporting_round.title not in other.get(url("reports_rounds")).content.decode()


# ------------------------------------------------------------------ the unit's form


def test_opening_the_report_prefills_and_shows_the_source(rw: ReportsWorld) -> None:
    report = report_of(make_round(rw), rw.committees[0])
    seed_case(unit=rw.committees[0], received_on=dt.date(2026, 8, 1))
    with time_machine.travel(NOW, tick=False):
        page = client_for(rw.commune_officers[0]).get(url("reports_fill", pk=report.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tự động từ sổ tiếp nhận đơn: 1 đơn, 01/07–30/09/2026" in html
    received = report.round.template.indicators.get(source="petitions_received")
    assert re.search(rf'name="indicator_{received.pk}"[^>]*value="1"', html)
    report.refresh_from_db()
    assert report.prefilled_at is not None
    # the recount button counts again (a new letter)
    seed_case(unit=rw.committees[0], received_on=dt.date(2026, 8, 2))
    client_for(rw.commune_officers[0]).post(url("reports_recount", pk=report.pk))
    assert IndicatorValue.objects.get(report=report, indicator=received).value == 2


def test_save_draft_then_a_refused_submit_keeps_everything_typed(rw: ReportsWorld) -> None:
    report = report_of(make_round(rw), rw.committees[0])
    client = client_for(rw.commune_officers[0])
    data = fill_data(report, text="")
    first_section = report.round.template.sections.order_by("position").first()
    assert first_section is not None
    data[f"section_{first_section.pk}"] = "Đã tổ chức 2 cuộc đối thoại với Nhân dân."
    # save as draft
    saved = client.post(url("reports_fill", pk=report.pk), {**data, "save": "1"})
    assert saved.status_code == 302
    assert SectionAnswer.objects.get(report=report, section=first_section).text.startswith("Đã tổ")
    # submit with three sections empty: refused, in words, with the text still in the form
    refused = client.post(url("reports_fill", pk=report.pk), {**data, "submit": "1"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Hạn chế, nguyên nhân" in html
    assert "Đề xuất, kiến nghị" in html
    assert "Đã tổ chức 2 cuộc đối thoại với Nhân dân." in html
    assert html.count('class="field field--error"') == 3
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    # a figure that is not a number: nothing saved, the typed value shown again
    bad = dict(data)
    some_indicator = report.round.template.indicators.order_by("position").first()
    assert some_indicator is not None
    bad[f"indicator_{some_indicator.pk}"] = "mười"
    response = client.post(url("reports_fill", pk=report.pk), {**bad, "save": "1"})
    assert response.status_code == 400
    assert 'value="mười"' in response.content.decode()
    assert IndicatorValue.objects.get(report=report, indicator=some_indicator).value == 4


def test_a_complete_report_is_submitted_and_then_read_only(rw: ReportsWorld) -> None:
    report = report_of(make_round(rw), rw.committees[0])
    client = client_for(rw.commune_officers[0])
    data = fill_data(report, figure="3,5")  # Vietnamese decimal comma
    response = client.post(url("reports_fill", pk=report.pk), {**data, "submit": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert set(IndicatorValue.objects.filter(report=report).values_list("value", flat=True)) == {
        __import__("decimal").Decimal("3.5")
    }
    page = client.get(url("reports_fill", pk=report.pk)).content.decode()
    assert "<textarea" not in page
    assert "Đã làm." in page
    # posting again changes nothing and says why
    again = client.post(url("reports_fill", pk=report.pk), {**data, "save": "1"})
    assert again.status_code == 400
    assert client.post(url("reports_recount", pk=report.pk)).status_code == 302


# ------------------------------------------------------------------ review


def test_review_return_with_comments_then_accept(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    report = report_of(reporting_round, rw.committees[0])
    submit_complete(report, rw.commune_officers[0])
    client = client_for(rw.officer)
    page = client.get(url("reports_review", pk=report.pk)).content.decode()
    assert "Đã thực hiện tốt." in page
    # return without comments: refused, the form says so
    empty = client.post(url("reports_return", pk=report.pk), {"comment": " "})
    assert empty.status_code == 400
    returned = client.post(
        url("reports_return", pk=report.pk),
        {"comment": "Đề nghị bổ sung số liệu.", "action_token": "t-return"},
    )
    assert returned.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    # the unit sees the comments on its page
    unit_page = client_for(rw.commune_officers[0]).get(url("reports_fill", pk=report.pk))
    assert "Đề nghị bổ sung số liệu." in unit_page.content.decode()
    # accepting a returned report is refused with a message; after a new submit it works
    assert client.post(url("reports_accept", pk=report.pk)).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.RETURNED
    filing.report_submit(report=report, actor=rw.commune_officers[0])
    client.post(url("reports_accept", pk=report.pk), {"comment": "Đạt yêu cầu"})
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (Status.ACCEPTED, "Đạt yêu cầu")
    history = client.get(url("reports_review", pk=report.pk)).content.decode()
    assert "Đề nghị bổ sung số liệu." in history
    assert "Đạt yêu cầu" in history


def test_a_returned_report_already_accepted_shows_the_refusal(rw: ReportsWorld) -> None:
    report = report_of(make_round(rw), rw.committees[0])
    submit_complete(report, rw.commune_officers[0])
    filing.report_accept(report=report, actor=rw.officer)
    response = client_for(rw.officer).post(
        url("reports_return", pk=report.pk), {"comment": "Muộn rồi"}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED


# ------------------------------------------------------------------ synthesis


def test_synthesis_page_downloads_and_issue(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    submit_complete(report_of(reporting_round, rw.committees[0]), rw.commune_officers[0])
    client = client_for(rw.officer)
    page = client.get(url("reports_synthesis", pk=reporting_round.pk)).content.decode()
    assert "Số cuộc đối thoại với Nhân dân" in page
    assert "Ủy ban nhân dân Phường Phố Hiến" in page  # among the units missing
    assert "Đã thực hiện tốt. (Ủy ban nhân dân Xã Tiên Lữ, Kết quả thực hiện)" in page
    # the draft Word and Excel
    word = client.get(url("reports_synthesis_draft", pk=reporting_round.pk, fmt="docx"))
    assert word["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.word")
    assert "du-thao" in word["Content-Disposition"]
    header = docx.Document(io.BytesIO(word.content)).sections[0].header.paragraphs[0].text
    assert header == "DỰ THẢO"
    xlsx = client.get(url("reports_synthesis_draft", pk=reporting_round.pk, fmt="xlsx"))
    assert "Chỉ tiêu theo đơn vị" in load_workbook(io.BytesIO(xlsx.content)).sheetnames
    assert (
        client.get(url("reports_synthesis_draft", pk=reporting_round.pk, fmt="pdf")).status_code
        == 404
    )
    assert (
        client.get(url("reports_synthesis_file", pk=reporting_round.pk, fmt="docx")).status_code
        == 404
    )
    # issuing, twice with the same token: one number
    issue_token = token(page, url("reports_synthesis_issue", pk=reporting_round.pk))
    for _ in range(2):
        response = client.post(
            url("reports_synthesis_issue", pk=reporting_round.pk), {"action_token": issue_token}
        )
        assert response.status_code == 302
    stored = SynthesisFile.objects.get(round=reporting_round, format="docx")
    issued = client.get(url("reports_synthesis_file", pk=reporting_round.pk, fmt="docx"))
    assert issued.content == bytes(stored.content)
    assert stored.number.replace("/", "-") in issued["Content-Disposition"]
    detail = client.get(url("reports_round_detail", pk=reporting_round.pk)).content.decode()
    assert stored.number in detail


def test_issue_with_nothing_reported_shows_the_reason(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    response = client_for(rw.officer).post(url("reports_synthesis_issue", pk=reporting_round.pk))
    assert response.status_code == 302
    assert not SynthesisFile.objects.exists()


# ------------------------------------------------------------------ templates


def test_template_pages_create_default_once_per_click(rw: ReportsWorld) -> None:
    client = client_for(rw.officer)
    page = client.get(url("reports_templates")).content.decode()
    action = url("reports_template_default")
    default_token = token(page, action)
    for _ in range(2):
        assert (
            client.post(
                action, {"unit": rw.commission.pk, "action_token": default_token}
            ).status_code
            == 302
        )
    assert ReportTemplate.objects.count() == 1
    template = ReportTemplate.objects.get()
    detail = client.get(url("reports_template_detail", pk=template.pk)).content.decode()
    assert "Kết quả thực hiện" in detail
    assert "Số lượt công dân được tiếp" in detail
    # an empty template, then a section and an indicator through the pages
    new = client.get(url("reports_template_create")).content.decode()
    created = client.post(
        url("reports_template_create"),
        {"unit": rw.commission.pk, "title": "Báo cáo chuyên đề", "action_token": token(new, "")},
    )
    assert created.status_code == 302
    mine = ReportTemplate.objects.get(title="Báo cáo chuyên đề")
    assert (
        client.post(url("reports_template_create"), {"unit": rw.commission.pk}).status_code == 400
    )
    assert client.post(url("reports_section_add", pk=mine.pk), {"title": ""}).status_code == 400
    client.post(
        url("reports_section_add", pk=mine.pk), {"title": "Tình hình", "guidance": "Nêu rõ"}
    )
    client.post(
        url("reports_indicator_add", pk=mine.pk),
        {"label": "Số hội nghị", "measure": "hội nghị", "source": ""},
    )
    client.post(
        url("reports_indicator_add", pk=mine.pk),
        {"label": "Số đơn", "code": "don", "source": "petitions_received"},
    )
    assert (
        client.post(
            url("reports_indicator_add", pk=mine.pk), {"label": "Trùng", "code": "don"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url("reports_indicator_add", pk=mine.pk), {"label": "Lạ", "source": "khong-co"}
        ).status_code
        == 400
    )
    assert list(mine.indicators.order_by("position").values_list("code", "source")) == [
        ("so-hoi-nghi", ""),
        ("don", "petitions_received"),
    ]
    section = mine.sections.get()
    first, second = mine.indicators.order_by("position")
    assert (
        client.get(url("reports_section_edit", pk=mine.pk, section_pk=section.pk)).status_code
        == 200
    )
    client.post(
        url("reports_section_edit", pk=mine.pk, section_pk=section.pk),
        {"title": "Bối cảnh", "guidance": ""},
    )
    assert (
        client.post(
            url("reports_section_edit", pk=mine.pk, section_pk=section.pk), {"title": ""}
        ).status_code
        == 400
    )
    assert (
        client.get(url("reports_indicator_edit", pk=mine.pk, indicator_pk=first.pk)).status_code
        == 200
    )
    client.post(
        url("reports_indicator_edit", pk=mine.pk, indicator_pk=first.pk),
        {"label": "Số hội nghị quán triệt", "code": "", "measure": "", "source": ""},
    )
    assert (
        client.post(
            url("reports_indicator_edit", pk=mine.pk, indicator_pk=first.pk),
            {"label": "X", "code": "don", "source": ""},
        ).status_code
        == 400
    )
    assert (
        client.post(
            url("reports_indicator_edit", pk=mine.pk, indicator_pk=first.pk), {"label": ""}
        ).status_code
        == 400
    )
    client.post(
        url("reports_indicator_move", pk=mine.pk, indicator_pk=second.pk), {"direction": "up"}
    )
    assert list(mine.indicators.order_by("position").values_list("code", flat=True)) == [
        "don",
        "so-hoi-nghi",
    ]
    client.post(url("reports_indicator_delete", pk=mine.pk, indicator_pk=first.pk))
    client.post(
        url("reports_section_move", pk=mine.pk, section_pk=section.pk), {"direction": "down"}
    )
    section.refresh_from_db()
    assert section.title == "Bối cảnh"
    client.post(url("reports_section_delete", pk=mine.pk, section_pk=section.pk))
    assert not mine.sections.exists()
    assert mine.indicators.count() == 1
    # title and retirement
    assert client.get(url("reports_template_edit", pk=mine.pk)).status_code == 200
    client.post(url("reports_template_edit", pk=mine.pk), {"title": "Mẫu mới", "description": ""})
    mine.refresh_from_db()
    assert (mine.title, mine.is_active) == ("Mẫu mới", False)
    assert client.post(url("reports_template_edit", pk=mine.pk), {"title": ""}).status_code == 400
    # a used template shows that it is fixed; its copy is editable
    make_round(rw, template=template)
    used = client.get(url("reports_template_detail", pk=template.pk)).content.decode()
    assert url("reports_section_add", pk=template.pk) not in used
    used_section = template.sections.first()
    assert used_section is not None
    refused = client.post(url("reports_section_delete", pk=template.pk, section_pk=used_section.pk))
    assert refused.status_code == 302
    assert template.sections.count() == 4
    copy_token = token(used, url("reports_template_copy", pk=template.pk))
    for _ in range(2):
        client.post(url("reports_template_copy", pk=template.pk), {"action_token": copy_token})
    assert (
        ReportTemplate.objects.filter(title__endswith="(copy)").count()
        + ReportTemplate.objects.filter(title__endswith="(bản sao)").count()
        == 1
    )


def test_template_pages_without_a_managing_role_are_404(rw: ReportsWorld) -> None:
    client = client_for(rw.commune_officers[0])
    for address in (
        url("reports_templates"),
        url("reports_template_create"),
        url("reports_rounds"),
        url("reports_round_create"),
    ):
        assert client.get(address).status_code == 404
    assert client.post(url("reports_template_default"), {}).status_code == 404
    # not signed in: the sign-in page first
    assert client_for(None).get(url("reports_inbox")).status_code == 302


def test_the_inbox_is_404_for_people_with_no_staff_role(rw: ReportsWorld) -> None:
    # given a round asking the communes for reports
    make_round(rw)
    # when a signed-in citizen opens the reports inbox
    response = client_for(rw.world.citizen).get(url("reports_inbox"))
    # then 404, like every other staff page of the app (not an empty page)
    assert response.status_code == 404
    # and a commune officer still gets the inbox
    assert client_for(rw.commune_officers[0]).get(url("reports_inbox")).status_code == 200


# ------------------------------------------------------------------ rounds


def test_a_round_from_a_periodic_task_through_the_page(rw: ReportsWorld) -> None:
    template = default_template(rw)
    client = client_for(rw.officer)
    with time_machine.travel(NOW, tick=False):
        page = client.get(url("reports_round_create") + f"?task={rw.task.pk}").content.decode()
    assert "quý III năm 2026 (01/07/2026–30/09/2026)" in page
    # on 1 October the quarter just ended is offered first
    assert '<option value="q3" selected>' in page
    round_token = token(page, "")
    data = {
        "unit": rw.commission.pk,
        "template": template.pk,
        "task": rw.task.pk,
        "period": "q3",
        "due_on": "09/10/2026",
        "audience": "task",
        "action_token": round_token,
    }
    with time_machine.travel(NOW, tick=False):
        for _ in range(2):  # a double click
            response = client.post(url("reports_round_create"), data)
            assert response.status_code == 302
    reporting_round = ReportingRound.objects.get()
    assert reporting_round.title == f"{template.title} quý III năm 2026"
    assert (reporting_round.period_start, reporting_round.period_end) == (
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
    )
    assert reporting_round.due_on == dt.date(2026, 10, 9)
    assert reporting_round.reports.count() == 3
    # the same period again: refused with the reason, the form kept
    data["action_token"] = "another"
    with time_machine.travel(NOW, tick=False):
        again = client.post(url("reports_round_create"), data)
    assert again.status_code == 400
    assert (
        "already has a reporting round" in again.content.decode()
        or "đã có" in again.content.decode()
    )


def test_a_one_off_round_with_chosen_units_or_all_commune_committees(rw: ReportsWorld) -> None:
    template = default_template(rw)
    client = client_for(rw.officer)
    base = {
        "unit": rw.commission.pk,
        "template": template.pk,
        "period": "custom",
        "period_start": "01/01/2026",
        "period_end": "30/06/2026",
        "due_on": "15/07/2026",
    }
    # missing dates and no chosen unit: every problem at once
    bad = client.post(
        url("reports_round_create"),
        {**base, "period_start": "", "period_end": "", "audience": "chosen"},
    )
    assert bad.status_code == 400
    backwards = client.post(
        url("reports_round_create"), {**base, "period_end": "01/01/2025", "audience": "committees"}
    )
    assert backwards.status_code == 400
    chosen = client.post(
        url("reports_round_create"),
        {**base, "title": "Báo cáo 6 tháng", "audience": "chosen", "units": [rw.committees[1].pk]},
    )
    assert chosen.status_code == 302
    assert list(
        ReportingRound.objects.get(title="Báo cáo 6 tháng").reports.values_list("unit", flat=True)
    ) == [rw.committees[1].pk]
    everyone = client.post(url("reports_round_create"), {**base, "audience": "committees"})
    assert everyone.status_code == 302
    latest = ReportingRound.objects.exclude(title="Báo cáo 6 tháng").get()
    # the period in the title goes through the catalogue ("từ ngày … đến ngày …" in
    # Vietnamese), with the dates written the Vietnamese way
    with translation.override("vi"):
        period = pgettext("reporting period", "from %(start)s to %(end)s") % {
            "start": "01/01/2026",
            "end": "30/06/2026",
        }
    assert latest.title.endswith(period)
    assert latest.reports.count() == 3  # the three communes' committees, not the province's
    # an officer using the English interface gets the English wording, the same dates
    latest.delete()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert (
        client.post(url("reports_round_create"), {**base, "audience": "committees"}).status_code
        == 302
    )
    english = ReportingRound.objects.exclude(title="Báo cáo 6 tháng").get()
    assert english.title.endswith("from 01/01/2026 to 30/06/2026")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    # refused by the service (due date before the period): the form is shown again
    refused = client.post(
        url("reports_round_create"), {**base, "due_on": "01/12/2025", "audience": "committees"}
    )
    assert refused.status_code == 400
    # an unknown or foreign task is 404
    assert client.get(url("reports_round_create") + "?task=abc").status_code == 404
    assert client.get(url("reports_round_create") + "?task=999999").status_code == 404


def test_round_detail_filters_pages_and_closes(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    submit_complete(report_of(reporting_round, rw.committees[0]), rw.commune_officers[0])
    client = client_for(rw.officer)
    page = client.get(url("reports_round_detail", pk=reporting_round.pk) + "?trang-thai=submitted")
    html = page.content.decode()
    assert "Xã Tiên Lữ" in html
    assert "Phường Phố Hiến" not in html
    client.post(url("reports_round_close", pk=reporting_round.pk))
    reporting_round.refresh_from_db()
    assert reporting_round.status == ReportingRound.Status.CLOSED
    closed_page = client_for(rw.commune_officers[1]).get(
        url("reports_fill", pk=report_of(reporting_round, rw.committees[1]).pk)
    )
    assert "<textarea" not in closed_page.content.decode()
    services.round_close(reporting_round=reporting_round, actor=rw.officer)
