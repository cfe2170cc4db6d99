"""Suspend, resume, extend and mark complex: each recomputes the due date from the events."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import deadline_config
from danvan.petitions.models import Case, CaseEvent
from danvan.petitions.services.cases import case_running_deadline
from danvan.petitions.services.handling import (
    case_accept,
    case_extend,
    case_mark_complex,
    case_resume,
    case_suspend,
    extension_problem,
)
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.petitions.tests.handling.test_routing_actions import checked
from danvan.units.models import User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]
DECISION = "Quyết định số 15/QĐ-UBND ngày 15/01/2027"


def accepted(travel: Travel, make_case: CaseMaker, actor: User, kind: Case.Kind) -> Case:
    """A case received on 30/12/2026 and accepted on Tue 5/1/2027."""
    travel(dt.date(2026, 12, 30))
    case = checked(make_case(kind=kind), actor)
    travel(dt.date(2027, 1, 5))
    return case_accept(case=case, actor=actor)


def test_a_complaint_restarts_its_full_limit_after_resumption(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.COMPLAINT)
    assert case.due_on == dt.date(2027, 2, 11)
    travel(dt.date(2027, 1, 15))
    with pytest.raises(ApplicationError):
        case_suspend(case=case, actor=handler, reason="Chờ giám định", legal_basis=" ")
    case = case_suspend(case=case, actor=handler, reason="Chờ giám định", legal_basis=DECISION)
    assert case.status == Case.Status.SUSPENDED
    assert case.due_on is None
    with pytest.raises(ApplicationError):
        case_suspend(case=case, actor=handler, reason="x", legal_basis=DECISION)
    travel(dt.date(2027, 1, 20))
    with pytest.raises(ApplicationError):
        case_resume(case=case, actor=handler, legal_basis="")
    case = case_resume(case=case, actor=handler, legal_basis="Quyết định 18/QĐ-UBND")
    # 30 days again from the resume decision of 20/1: Fri 19/2/2027
    assert case.status == Case.Status.ACCEPTED
    assert case.due_on == dt.date(2027, 2, 19)
    assert [e.kind for e in case.events.filter(kind__in=["paused", "resumed"])] == [
        CaseEvent.Kind.PAUSED,
        CaseEvent.Kind.RESUMED,
    ]
    assert case.events.get(kind=CaseEvent.Kind.PAUSED).legal_basis == DECISION
    assert AuditEntry.objects.filter(verb="case.suspend").count() == 1
    assert AuditEntry.objects.filter(verb="case.resume").count() == 1
    with pytest.raises(ApplicationError):
        case_resume(case=case, actor=handler, legal_basis="again")


def test_a_denunciation_continues_where_it_stopped(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    travel(dt.date(2027, 1, 15))
    case = case_suspend(case=case, actor=handler, reason="Chờ kết quả", legal_basis=DECISION)
    travel(dt.date(2027, 1, 25))
    case = case_resume(case=case, actor=handler, legal_basis="Quyết định 20/QĐ-UBND")
    # 10 of 30 days used by 15/1; 20 left from 25/1 end on Sun 14/2 -> Mon 15/2/2027
    assert case.due_on == dt.date(2027, 2, 15)


def test_a_complex_denunciation_is_extended_once(
    travel: Travel, make_case: CaseMaker, handler: User, head: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    travel(dt.date(2027, 1, 20))
    case = case_extend(case=case, actor=head, extension="complex", legal_basis=DECISION)
    # 60 days from acceptance on 5/1 end on Sat 6/3 -> Mon 8/3/2027
    assert case.due_on == dt.date(2027, 3, 8)
    event = case.events.get(kind=CaseEvent.Kind.EXTENDED)
    assert event.data == {"extension": "complex"}
    with pytest.raises(ApplicationError) as error:
        case_extend(case=case, actor=head, extension="complex", legal_basis=DECISION)
    assert error.value.message == ngettext(
        "This extension may be granted only once.",
        "This extension may be granted at most %(times)d times.",
        1,
    ) % {"times": 1}
    assert case.events.filter(kind=CaseEvent.Kind.EXTENDED).count() == 1
    assert AuditEntry.objects.filter(verb="case.extend").count() == 1


def test_an_especially_complex_denunciation_is_extended_twice_at_most(
    travel: Travel, make_case: CaseMaker, handler: User, head: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    travel(dt.date(2027, 1, 20))
    case_extend(case=case, actor=head, extension="especially_complex", legal_basis=DECISION)
    case = case_extend(
        case=case, actor=head, extension="especially_complex", legal_basis="Quyết định 30/QĐ"
    )
    # 90 days from 5/1 end on Mon 5/4/2027
    assert case.due_on == dt.date(2027, 4, 5)
    with pytest.raises(ApplicationError) as error:
        case_extend(case=case, actor=head, extension="complex", legal_basis=DECISION)
    assert error.value.message == _(
        "This time limit may be extended at most %(times)d times in all."
    ) % {"times": 2}


@pytest.mark.parametrize(
    ("extension", "count", "basis", "message"),
    [
        ("forever", None, DECISION, "This time limit cannot be extended in that way."),
        ("complex", None, " ", "An extension needs the document that decides it."),
        ("complex", 31, DECISION, "This extension is 1 to %(max)d %(unit)s."),
        ("complex", 0, DECISION, "This extension is 1 to %(max)d %(unit)s."),
    ],
)
def test_refused_extensions_say_why(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    head: User,
    extension: str,
    count: int | None,
    basis: str,
    message: str,
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    with pytest.raises(ApplicationError) as error:
        case_extend(case=case, actor=head, extension=extension, count=count, legal_basis=basis)
    assert error.value.message.startswith(_(message).split("%")[0])
    case.refresh_from_db()
    assert case.due_on == dt.date(2027, 2, 11)


def test_a_shorter_extension_and_an_expired_limit(
    travel: Travel, make_case: CaseMaker, handler: User, head: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    travel(dt.date(2027, 1, 20))
    case = case_extend(case=case, actor=head, extension="complex", count=10, legal_basis=DECISION)
    assert case.events.get(kind=CaseEvent.Kind.EXTENDED).data == {
        "extension": "complex",
        "count": 10,
    }
    # 40 days from 5/1 end on Sun 14/2 -> Mon 15/2/2027
    assert case.due_on == dt.date(2027, 2, 15)
    travel(dt.date(2027, 2, 16))
    with pytest.raises(ApplicationError) as error:
        case_extend(case=case, actor=head, extension="especially_complex", legal_basis=DECISION)
    assert "15/02/2027" in error.value.message


def test_a_complaint_has_no_extension_and_a_paused_clock_none(
    travel: Travel, make_case: CaseMaker, handler: User, head: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.COMPLAINT)
    with pytest.raises(ApplicationError):
        case_extend(case=case, actor=head, extension="complex", legal_basis=DECISION)
    running = case_running_deadline(case=case)
    assert running is not None
    paused = running.pause(dt.date(2027, 1, 6))
    denunciation = deadline_config().running("denunciation_resolve", on=dt.date(2027, 1, 5))
    assert extension_problem(
        running=denunciation.pause(dt.date(2027, 1, 6)),
        code="complex",
        count=None,
        legal_basis=DECISION,
        on=dt.date(2027, 1, 7),
    ) == _("A suspended case cannot be extended; resume it first.")
    assert paused.due_date is None
    case_suspend(case=case, actor=handler, reason="r", legal_basis=DECISION)
    with pytest.raises(ApplicationError):
        case_extend(case=case, actor=head, extension="complex", legal_basis=DECISION)


def test_marking_an_accepted_complaint_complex_switches_to_the_longer_rule(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.COMPLAINT)
    travel(dt.date(2027, 1, 20))
    case = case_mark_complex(
        case=case, actor=handler, reason=Case.ComplexReason.SEVERAL_CONTENTS, note="Hai nội dung."
    )
    # 45 days from acceptance on 5/1: Fri 19/2/2027
    assert case.is_complex
    assert case.complex_reason == "b"
    assert case.rule_code == "complaint_first_complex"
    assert case.due_on == dt.date(2027, 2, 19)
    with pytest.raises(ApplicationError):
        case_mark_complex(case=case, actor=handler, reason=Case.ComplexReason.MANY_PEOPLE)
    assert AuditEntry.objects.filter(verb="case.mark_complex").count() == 1


def test_complex_after_a_resumption_counts_from_the_resumption(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.COMPLAINT)
    travel(dt.date(2027, 1, 10))
    case = case_suspend(case=case, actor=handler, reason="r", legal_basis=DECISION)
    with pytest.raises(ApplicationError):
        case_mark_complex(case=case, actor=handler, reason=Case.ComplexReason.FOREIGN_ELEMENT)
    travel(dt.date(2027, 1, 15))
    case = case_resume(case=case, actor=handler, legal_basis="Quyết định 16/QĐ")
    travel(dt.date(2027, 1, 20))
    case = case_mark_complex(case=case, actor=handler, reason=Case.ComplexReason.FOREIGN_ELEMENT)
    # 45 days from the resumption on 15/1: Mon 1/3/2027
    assert case.due_on == dt.date(2027, 3, 1)


def test_marking_a_denunciation_complex_keeps_its_rule(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    case = accepted(travel, make_case, handler, Case.Kind.DENUNCIATION)
    case = case_mark_complex(case=case, actor=handler, reason=Case.ComplexReason.SEVERAL_PLACES)
    assert case.rule_code == "denunciation_resolve"
    assert case.due_on == dt.date(2027, 2, 11)


def test_a_closed_case_cannot_be_marked_complex(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 14))
    case = make_case()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    with pytest.raises(ApplicationError):
        case_mark_complex(case=case, actor=handler, reason=Case.ComplexReason.MANY_PEOPLE)
