"""Edge paths: hooks lookup, engine errors turned into messages, model labels, form errors."""

import datetime as dt
import sys
import types
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.exceptions import ApplicationError
from danvan.deadlines.engine import ExtensionNotAllowedError, InvalidEventError
from danvan.petitions.models import (
    AlertSent,
    Case,
    CaseAnswer,
    CaseConditions,
    GroupRepresentative,
    RefusalNotice,
    RoutingRule,
    RoutingTable,
)
from danvan.petitions.selectors.handling import case_deadline_view, deadline_badge
from danvan.petitions.services import handling as services
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.petitions.tests.handling.test_deadline_actions import DECISION, accepted
from danvan.petitions.tests.handling.test_routing_actions import checked
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]


def test_sealed_hooks_are_found_only_when_the_module_provides_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(sys.modules, services.SEALED_MODULE, raising=False)
    monkeypatch.setattr(services, "SEALED_MODULE", "danvan.petitions.services.no_such_module")
    assert services.sealed_hook("denouncer_notify") is None
    fake = types.ModuleType("fake_sealed")
    notify = lambda **kwargs: None  # noqa: E731
    fake.denouncer_notify = notify  # type: ignore[attr-defined]
    fake.not_callable = 3  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_sealed", fake)
    monkeypatch.setattr(services, "SEALED_MODULE", "fake_sealed")
    assert services.sealed_hook("denouncer_notify") is notify
    assert services.sealed_hook("not_callable") is None
    assert services.sealed_hook("missing") is None


def test_engine_errors_become_messages(
    travel: Travel, make_case: CaseMaker, handler: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert services._deadline_message(ExtensionNotAllowedError("x")) == _(
        "The deadline rules do not allow this extension."
    )
    assert _("This step does not fit") in services._deadline_message(InvalidEventError("x"))
    case = accepted(travel, make_case, handler, Case.Kind.COMPLAINT)

    def broken(*, case: Case) -> None:
        raise InvalidEventError("replay failed")

    monkeypatch.setattr(services, "case_running_deadline", broken)
    with pytest.raises(ApplicationError):
        services.case_suspend(case=case, actor=handler, reason="r", legal_basis=DECISION)
    case.refresh_from_db()
    assert case.status == Case.Status.ACCEPTED
    assert not case.events.filter(kind="paused").exists()


def test_missing_name_and_address_are_failed_conditions(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2027, 1, 20))
    conditions = services.case_conditions_check(
        case=make_case(),
        actor=handler,
        checklist=services.ConditionsInput(
            has_name=False,
            has_address=False,
            has_signature=True,
            content_clear=True,
            already_settled=False,
            within_competence=True,
            reason="Đơn không ghi tên, địa chỉ.",
        ),
    )
    assert conditions.failed == ["name", "address"]


def test_an_unknown_resolution_rule_is_refused_cleanly(
    travel: Travel, make_case: CaseMaker, handler: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    travel(dt.date(2026, 12, 30))
    case = checked(make_case(kind=Case.Kind.COMPLAINT), handler)
    monkeypatch.setattr(services, "resolution_rule_for", lambda case: "no_such_rule")
    with pytest.raises(ApplicationError):
        services.case_accept(case=case, actor=handler)
    case.refresh_from_db()
    assert case.status == Case.Status.CLASSIFIED


def test_a_petition_resolution_rule_is_used_when_the_rule_book_has_one(
    travel: Travel, make_case: CaseMaker, handler: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "PETITION_RESOLUTION_RULE", "pakn_reply")
    travel(dt.date(2026, 12, 30))
    case = checked(make_case(), handler)
    travel(dt.date(2027, 1, 5))
    case = services.case_accept(case=case, actor=handler)
    assert case.rule_code == "pakn_reply"
    assert case.due_on == dt.date(2027, 1, 25)  # 20 days from 5/1/2027


def test_defensive_refusals(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, other_committee: Unit
) -> None:
    travel(dt.date(2026, 12, 30))
    case = checked(make_case(), handler)
    CaseConditions.objects.filter(case=case).update(eligible=False)
    with pytest.raises(ApplicationError):
        services.case_accept(case=case, actor=handler)
    other_committee.is_active = False
    other_committee.save()
    with pytest.raises(ApplicationError):
        services.case_forward(case=case, actor=handler, to_unit=other_committee, letter_number="1")
    accepted_case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    Case.objects.filter(pk=accepted_case.pk).update(rule_code="")
    with pytest.raises(ApplicationError):
        services.case_extend(case=accepted_case, actor=head, extension="complex", legal_basis="x")
    assert case_deadline_view(case=Case.objects.get(pk=accepted_case.pk)) is None
    Case.objects.filter(pk=accepted_case.pk).update(status=Case.Status.ANSWER_DRAFTED)
    with pytest.raises(ApplicationError):
        services.case_answer_approve(case=accepted_case, actor=head)


def test_badges_and_labels(travel: Travel, make_case: CaseMaker, handler: User) -> None:
    today = dt.date(2027, 1, 20)
    assert deadline_badge(due_on=None, today=today, horizon=today) == ""
    assert deadline_badge(due_on=dt.date(2027, 3, 1), today=today, horizon=today) == ""
    travel(dt.date(2027, 1, 20))
    case = checked(make_case(), handler)
    conditions = CaseConditions.objects.get(case=case)
    assert str(conditions) == f"{case.pk}: eligible"
    rep = GroupRepresentative.objects.create(case=case, name="Lê Thị Dung")
    assert str(rep) == "Lê Thị Dung"
    table = RoutingTable.objects.create(version=4, effective_from=dt.date(2027, 1, 1))
    assert str(table) == "v4 (2027-01-01)"
    rule = RoutingRule.objects.create(table=table, kind="petition", competent_unit=case.unit)
    assert str(rule) == f"petition → {case.unit_id}"
    refusal = RefusalNotice(case=case, ground="law_9_3", due_on=today, proposed_on=today)
    assert str(refusal) == f"{case.pk}: law_9_3"
    assert not refusal.is_late
    answer = CaseAnswer(case=case, body="x", drafted_at=dt.datetime(2027, 1, 20, tzinfo=dt.UTC))
    assert str(answer) == f"{case.pk}: answer"
    assert answer.audit_label == f"answer of case #{case.pk}"
    alert = AlertSent(case=case, kind="warning", due_on=today, sent_on=today, run="r")
    assert str(alert) == f"{case.pk} warning 2027-01-20"


def test_forms_keep_what_was_typed_and_show_existing_values(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    travel(dt.date(2027, 1, 20))
    case = checked(make_case(), handler)
    client.force_login(handler)
    url = reverse(
        "petitions:handling_action", kwargs={"code": case.tracking_code, "action": "conditions"}
    )
    page = client.get(url).content.decode()
    assert 'name="known_act_on"' not in page  # a petition has no time limit to file
    assert 'name="has_name" id="id_has_name" checked' in page
    mixed = make_case(kind=Case.Kind.MIXED)
    url = reverse(
        "petitions:handling_action", kwargs={"code": mixed.tracking_code, "action": "split"}
    )
    response = client.post(
        url,
        {"petition_subject": "Đèn đường", "complaint_content": "Nội dung khiếu nại đã gõ"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nội dung khiếu nại đã gõ" in page
    assert _("Give the content of this part.") in page
    assert _("Give the subject of this part.") in page
    response = client.post(url, {"petition_subject": "Chỉ một phần", "petition_content": "x"})
    assert _("Fill in at least two parts of different kinds.") in response.content.decode()
