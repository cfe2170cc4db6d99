"""Anonymous and pseudonymous reports (Law on Denunciations Art 25): checked within our
management powers only when they name the violator with concrete evidence."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import AnonymousReport, Case, CaseEvent, SealedIdentity
from danvan.petitions.services import sealed as services
from danvan.petitions.services.cases import case_receive
from danvan.petitions.services.sealed import DenouncerIdentity, DenunciationReceipt
from danvan.petitions.tests.sealed.conftest import client_for
from danvan.petitions.tests.sealed.helpers import page_text, t
from danvan.petitions.tests.sealed.leaks import assert_no_identity_leak
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_case(commune_committee: Unit) -> Case:
    """An unsigned letter naming an official, with a phone number to call back."""
    return services.denunciation_receive(
        channel=Case.Channel.POST,
        subject="Cán bộ địa chính nhận tiền",
        content="Ông Lê Văn Hưởng nhận 50 triệu đồng ngày 3/3. Có ảnh chụp biên nhận.",
        receiving_unit=commune_committee,
        identity=DenouncerIdentity(phone="0987654321"),
    ).case


def detail_url(case: Case) -> str:
    return reverse("petitions:sealed_anonymous_detail", kwargs={"code": case.tracking_code})


def action_url(case: Case, action: str) -> str:
    return reverse(
        "petitions:sealed_anonymous_action", kwargs={"code": case.tracking_code, "action": action}
    )


def check(client: Client, case: Case, *, all_true: bool) -> None:
    data = {"check-note": "Đã đối chiếu"}
    if all_true:
        data |= {
            "check-names_violator": "on",
            "check-has_concrete_evidence": "on",
            "check-has_basis_to_verify": "on",
        }
    assert client.post(action_url(case, "check"), data).status_code == 302


def test_report_with_evidence_is_checked_then_inspected_then_closed(
    report_case: Case, handler: User
) -> None:
    client = client_for(handler)
    # given the new report in the unit's list
    listing = page_text(client.get(reverse("petitions:sealed_anonymous_list")))
    assert report_case.display_code in listing
    # when the handler ticks the three conditions of Art 25(2)
    check(client, report_case, all_true=True)
    report = AnonymousReport.objects.get(case=report_case)
    assert report.warrants_inspection
    assert (report.status, report.checked_by) == ("checked", handler)
    assert Case.objects.get(pk=report_case.pk).status == Case.Status.CLASSIFIED
    # then closing right away is refused: it must be inspected or forwarded first
    assert set(client.get(detail_url(report_case)).context["forms"]) == {
        "check",
        "inspect",
        "forward",
    }
    with pytest.raises(ApplicationError):
        services.anonymous_report_close(case=report_case, actor=handler)
    # when the result of the inspection is recorded, then it can be closed
    response = client.post(action_url(report_case, "inspect"), {"inspect-outcome": "Có sai phạm."})
    assert response.status_code == 302
    response = client.post(action_url(report_case, "close"), {"close-outcome": "Đã xử lý."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "closed"
    assert report.outcome == "Có sai phạm.\n\nĐã xử lý."
    assert Case.objects.get(pk=report_case.pk).status == Case.Status.CLOSED
    verbs = list(
        AuditEntry.objects.filter(verb__startswith="anonymous_report.").values_list(
            "verb", flat=True
        )
    )
    assert sorted(verbs) == [
        "anonymous_report.check",
        "anonymous_report.close",
        "anonymous_report.inspect",
    ]
    # and the handler's page never shows the sealed phone number
    assert_no_identity_leak(
        page_text(client.get(detail_url(report_case))),
        identity=DenouncerIdentity(phone="0987654321"),
    )


def test_report_without_evidence_is_closed_and_kept(report_case: Case, handler: User) -> None:
    client = client_for(handler)
    check(client, report_case, all_true=False)
    # then it cannot be inspected or forwarded
    response = client.post(action_url(report_case, "inspect"), {"inspect-outcome": "x"})
    assert response.status_code == 302
    assert AnonymousReport.objects.get(case=report_case).status == "checked"
    with pytest.raises(ApplicationError):
        services.anonymous_report_inspect(case=report_case, actor=handler, outcome="x")
    # but it can be closed at once
    assert client.post(action_url(report_case, "close"), {}).status_code == 302
    assert AnonymousReport.objects.get(case=report_case).status == "closed"


def test_report_forwarded_to_the_competent_body(
    report_case: Case, handler: User, other_committee: Unit, commune_committee: Unit
) -> None:
    client = client_for(handler)
    check(client, report_case, all_true=True)
    # when forwarded to our own unit, then it is refused with the form kept
    response = client.post(
        action_url(report_case, "forward"), {"forward-unit_code": commune_committee.code}
    )
    assert response.status_code == 400
    assert t("Choose another unit than your own.") in page_text(response)
    # when the code is unknown, then the form says so
    response = client.post(action_url(report_case, "forward"), {"forward-unit_code": "VN-0"})
    assert t("No active unit has this code.") in page_text(response)
    # when forwarded to the competent unit
    response = client.post(
        action_url(report_case, "forward"),
        {"forward-unit_code": other_committee.code, "forward-note": "Thuộc thẩm quyền phường"},
    )
    assert response.status_code == 302
    report = AnonymousReport.objects.get(case=report_case)
    assert (report.status, report.forwarded_to) == ("forwarded", other_committee)
    assert Case.objects.get(pk=report_case.pk).status == Case.Status.FORWARDED
    event = CaseEvent.objects.get(case=report_case, kind=CaseEvent.Kind.FORWARDED)
    assert event.data == {"to": other_committee.code, "anonymous_report": "forwarded"}
    # then it can be closed
    services.anonymous_report_close(case=report_case, actor=handler, outcome="")
    assert AnonymousReport.objects.get(case=report_case).status == "closed"


def test_a_closed_report_cannot_be_checked_again(report_case: Case, handler: User) -> None:
    services.anonymous_report_check(
        case=report_case,
        actor=handler,
        names_violator=False,
        has_concrete_evidence=False,
        has_basis_to_verify=False,
    )
    services.anonymous_report_close(case=report_case, actor=handler)
    with pytest.raises(ApplicationError):
        services.anonymous_report_check(
            case=report_case,
            actor=handler,
            names_violator=True,
            has_concrete_evidence=True,
            has_basis_to_verify=True,
        )
    response = client_for(handler).post(action_url(report_case, "check"), {})
    assert response.status_code == 302  # no such step now: back to the page with a message


def test_closing_needs_the_checklist_first(report_case: Case, handler: User) -> None:
    with pytest.raises(ApplicationError):
        services.anonymous_report_close(case=report_case, actor=handler)
    with pytest.raises(ApplicationError):
        services.anonymous_report_forward(case=report_case, actor=handler, to_unit=report_case.unit)


def test_an_empty_inspection_result_is_refused(report_case: Case, handler: User) -> None:
    services.anonymous_report_check(
        case=report_case,
        actor=handler,
        names_violator=True,
        has_concrete_evidence=True,
        has_basis_to_verify=True,
    )
    with pytest.raises(ApplicationError):
        services.anonymous_report_inspect(case=report_case, actor=handler, outcome=" ")
    response = client_for(handler).post(action_url(report_case, "inspect"), {})
    assert response.status_code == 400


def test_a_denunciation_whose_sender_cannot_be_identified_becomes_a_report(
    denunciation: DenunciationReceipt, handler: User
) -> None:
    url = reverse(
        "petitions:sealed_treat_as_anonymous", kwargs={"code": denunciation.case.tracking_code}
    )
    client = client_for(handler)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "other_person", "note": "Tên người khác"})
    assert response.status_code == 302
    case = Case.objects.get(pk=denunciation.case.pk)
    assert case.kind == Case.Kind.ANONYMOUS_REPORT
    assert case.rule_code == "petition_process"
    assert AnonymousReport.objects.get(case=case).reason == "other_person"
    # and the identity stays sealed
    assert SealedIdentity.objects.filter(case=case).exists()
    # and it cannot be done twice (not a denunciation any more: 404)
    assert client.get(url).status_code == 404


def test_only_identification_reasons_and_early_statuses_allowed(
    denunciation: DenunciationReceipt, handler: User
) -> None:
    with pytest.raises(ApplicationError):
        services.denunciation_treat_as_anonymous(
            case=denunciation.case, actor=handler, reason=AnonymousReport.Reason.NO_NAME
        )
    Case.objects.filter(pk=denunciation.case.pk).update(status=Case.Status.ACCEPTED)
    with pytest.raises(ApplicationError):
        services.denunciation_treat_as_anonymous(
            case=denunciation.case, actor=handler, reason=AnonymousReport.Reason.UNIDENTIFIABLE
        )


def test_other_kinds_are_refused(commune_committee: Unit, handler: User) -> None:
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="S",
        content="C",
        receiving_unit=commune_committee,
    )
    with pytest.raises(ApplicationError):
        services.denunciation_treat_as_anonymous(
            case=case, actor=handler, reason=AnonymousReport.Reason.UNIDENTIFIABLE
        )
    with pytest.raises(ApplicationError):
        services.anonymous_report_close(case=case, actor=handler)
    assert client_for(handler).get(detail_url(case)).status_code == 404


def test_a_report_reclassified_elsewhere_gets_its_checklist(
    commune_committee: Unit, handler: User
) -> None:
    # given a case made an anonymous report by another path (no checklist row yet)
    case, _ = case_receive(
        kind=Case.Kind.ANONYMOUS_REPORT,
        channel=Case.Channel.WEB,
        subject="S",
        content="C",
        receiving_unit=commune_committee,
    )
    report = services.anonymous_report_check(
        case=case,
        actor=handler,
        names_violator=True,
        has_concrete_evidence=False,
        has_basis_to_verify=True,
    )
    assert report.reason == AnonymousReport.Reason.UNIDENTIFIABLE
    assert not report.warrants_inspection


def test_other_units_and_readers_cannot_act(
    report_case: Case, other_handler: User, reception_officer: User
) -> None:
    assert client_for(other_handler).get(detail_url(report_case)).status_code == 404
    # a reception officer reads the report but gets no forms and cannot act
    client = client_for(reception_officer)
    response = client.get(detail_url(report_case))
    assert response.status_code == 200
    assert response.context["forms"] == {}
    assert client.post(action_url(report_case, "check"), {}).status_code == 404


def test_lists_need_a_staff_role_and_heads_see_units_below(
    report_case: Case, citizen: User, province: Unit
) -> None:
    from danvan.petitions.tests.sealed.conftest import make_user

    assert client_for(citizen).get(reverse("petitions:sealed_anonymous_list")).status_code == 404
    head = make_user("chutichtinh", "Lê Văn Tỉnh", province, "head")
    listing = page_text(client_for(head).get(reverse("petitions:sealed_anonymous_list")))
    assert report_case.display_code in listing


def test_dashboard_panel_counts_open_reports(report_case: Case, handler: User) -> None:
    from danvan.petitions.views.sealed import _anonymous_panel, register_panels

    register_panels()
    response = client_for(handler).get(reverse("core:dashboard"))
    assert reverse("petitions:sealed_anonymous_list") in page_text(response)
    assert response.status_code == 200

    class NoRole:
        active_role = None

    assert _anonymous_panel(NoRole())["open_count"] == 0  # type: ignore[arg-type]
