"""Accept, forward, return with guidance, refuse reception; second-time complaints."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.utils.translation import gettext as _
from pytest_django import DjangoCaptureOnCommitCallbacks

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.notifications.models import Notification
from danvan.petitions.models import Case, CaseEvent, RefusalNotice
from danvan.petitions.services.handling import (
    ConditionsInput,
    case_accept,
    case_conditions_check,
    case_forward,
    case_link_previous,
    case_mark_complex,
    case_refusal_issue,
    case_refusal_propose,
    case_return,
)
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.petitions.tests.handling.fakes import FakeSealed
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]


def checked(case: Case, actor: User, *, competent: bool = True) -> Case:
    case_conditions_check(
        case=case,
        actor=actor,
        checklist=ConditionsInput(
            has_name=True,
            has_address=True,
            has_signature=True,
            content_clear=True,
            already_settled=False,
            within_competence=competent,
            known_act_on=case.received_on if case.kind == Case.Kind.COMPLAINT else None,
        ),
    )
    case.refresh_from_db()
    return case


# --------------------------------------------------------------------------- accept


@pytest.mark.parametrize(
    ("kind", "second", "complex_", "remote", "rule", "due"),
    [
        # accepted on Tue 5/1/2027; 30 days end on Thu 4/2 in the Tết break -> Thu 11/2
        ("complaint", False, False, False, "complaint_first", dt.date(2027, 2, 11)),
        ("complaint", False, False, True, "complaint_first", dt.date(2027, 2, 19)),
        ("complaint", False, True, False, "complaint_first_complex", dt.date(2027, 2, 19)),
        ("complaint", True, False, False, "complaint_second", dt.date(2027, 2, 19)),
        ("complaint", True, True, False, "complaint_second_complex", dt.date(2027, 3, 8)),
        ("denunciation", False, False, False, "denunciation_resolve", dt.date(2027, 2, 11)),
    ],
)
def test_acceptance_starts_the_resolution_rule(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    commune_committee: Unit,
    kind: str,
    second: bool,
    complex_: bool,
    remote: bool,
    rule: str,
    due: dt.date,
) -> None:
    travel(dt.date(2026, 12, 30))
    commune_committee.is_remote_area = remote
    commune_committee.save()
    case = make_case(kind=Case.Kind(kind))
    if second:
        travel(dt.date(2026, 11, 2))
        first = make_case(kind=Case.Kind.COMPLAINT)
        travel(dt.date(2026, 12, 30))
        case_link_previous(case=case, actor=handler, previous=first)
    if complex_:
        case_mark_complex(case=case, actor=handler, reason=Case.ComplexReason.SEVERAL_PLACES)
    case = checked(case, handler)
    travel(dt.date(2027, 1, 5))
    case = case_accept(case=case, actor=handler)
    assert case.status == Case.Status.ACCEPTED
    assert case.rule_code == rule
    assert case.due_on == due
    assert case.events.filter(kind=CaseEvent.Kind.ACCEPTED).exists()
    assert AuditEntry.objects.filter(verb="case.accept", target_id=str(case.pk)).exists()


def test_an_accepted_petition_keeps_its_processing_limit(
    travel: Travel, make_case: CaseMaker, handler: User, citizen: User
) -> None:
    travel(dt.date(2027, 1, 28))
    case = checked(make_case(submitted_by=citizen), handler)
    travel(dt.date(2027, 2, 2))
    case = case_accept(case=case, actor=handler)
    assert case.rule_code == "petition_process"
    assert case.due_on == dt.date(2027, 2, 18)
    notification = Notification.objects.get(recipient=citizen, kind="petitions.accepted")
    assert case.display_code in notification.title
    assert "18/02/2027" in notification.body


def test_acceptance_needs_eligibility_competence_and_the_first_case(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 14))
    case = make_case()
    with pytest.raises(ApplicationError):
        case_accept(case=case, actor=handler)  # conditions not checked
    case = checked(case, handler, competent=False)
    with pytest.raises(ApplicationError) as error:
        case_accept(case=case, actor=handler)
    assert error.value.message == _(
        "The case is not within this unit's competence: forward it or give guidance."
    )
    second = make_case(kind=Case.Kind.COMPLAINT)
    Case.objects.filter(pk=second.pk).update(is_second_time=True)
    second = checked(second, handler)
    with pytest.raises(ApplicationError):
        case_accept(case=second, actor=handler)


def test_linking_the_first_complaint(travel: Travel, make_case: CaseMaker, handler: User) -> None:
    travel(dt.date(2026, 12, 14))
    first = make_case(kind=Case.Kind.COMPLAINT)
    second = make_case(kind=Case.Kind.COMPLAINT)
    petition = make_case()
    with pytest.raises(ApplicationError):
        case_link_previous(case=second, actor=handler, previous=petition)
    with pytest.raises(ApplicationError):
        case_link_previous(case=second, actor=handler, previous=second)
    second = case_link_previous(case=second, actor=handler, previous=first)
    assert second.is_second_time
    assert second.previous_case == first
    with pytest.raises(ApplicationError):  # no loops
        case_link_previous(case=first, actor=handler, previous=second)


# -------------------------------------------------------------------------- forward


def test_forwarding_moves_the_case_and_tells_the_citizen(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    other_committee: Unit,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    travel(dt.date(2027, 2, 1))
    case = make_case()
    with pytest.raises(ApplicationError):
        case_forward(case=case, actor=handler, to_unit=other_committee, letter_number=" ")
    with pytest.raises(ApplicationError):
        case_forward(case=case, actor=handler, to_unit=case.unit, letter_number="1/PC")
    # when it is forwarded on Tue 2/2/2027 with forwarding letter 25/PC-UBND
    travel(dt.date(2027, 2, 2))
    with django_capture_on_commit_callbacks(execute=True):
        case = case_forward(
            case=case, actor=handler, to_unit=other_committee, letter_number="25/PC-UBND"
        )
    # then the case is with the other unit, newly received there
    assert case.unit == other_committee
    assert case.status == Case.Status.RECEIVED
    event = case.events.get(kind=CaseEvent.Kind.FORWARDED)
    assert event.data == {
        "from_unit": "VN-12205-ubnd",
        "to_unit": other_committee.code,
        "letter_number": "25/PC-UBND",
    }
    # its 10 working days count from 2/2 there: 3/2, (Tết 4-10/2), 11/2 ... 23/2/2027
    assert case.due_on == dt.date(2027, 2, 23)
    assert AuditEntry.objects.filter(verb="case.forward", target_id=str(case.pk)).exists()
    # and the petitioner (no account) gets an e-mail naming the unit and the letter
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["binh@example.com"]
    assert other_committee.name in message.body
    assert "25/PC-UBND" in message.body


def test_a_denunciation_is_forwarded_only_once(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    other_handler: User,
    other_committee: Unit,
    province: Unit,
    sealed: FakeSealed,
) -> None:
    travel(dt.date(2026, 12, 14))
    case = make_case(kind=Case.Kind.DENUNCIATION)
    case = case_forward(case=case, actor=handler, to_unit=other_committee, letter_number="3/PC")
    assert [pk for pk, _t, _b in sealed.notified] == [case.pk]
    with pytest.raises(ApplicationError) as error:
        case_forward(case=case, actor=other_handler, to_unit=province, letter_number="4/PC")
    assert "14" in error.value.message
    case.refresh_from_db()
    assert case.unit == other_committee
    # a petition may be forwarded again
    petition = make_case()
    petition = case_forward(
        case=petition, actor=handler, to_unit=other_committee, letter_number="5/PC"
    )
    petition = case_forward(
        case=petition, actor=other_handler, to_unit=province, letter_number="6/PC"
    )
    assert petition.unit == province


def test_a_denunciation_merged_into_a_forwarded_one_is_not_forwarded_again(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    other_committee: Unit,
    province: Unit,
    no_sealed: None,
) -> None:
    travel(dt.date(2026, 12, 14))
    first = make_case(kind=Case.Kind.DENUNCIATION)
    case_forward(case=first, actor=handler, to_unit=province, letter_number="3/PC")
    repeat = make_case(kind=Case.Kind.DENUNCIATION)
    Case.objects.filter(pk=repeat.pk).update(merged_into=first)
    repeat.refresh_from_db()
    with pytest.raises(ApplicationError):
        case_forward(case=repeat, actor=handler, to_unit=other_committee, letter_number="7/PC")


# --------------------------------------------------------------------------- return


def test_guidance_is_given_only_once_for_the_same_content(
    travel: Travel, make_case: CaseMaker, handler: User, citizen: User
) -> None:
    travel(dt.date(2026, 12, 14))
    case = make_case(submitted_by=citizen)
    with pytest.raises(ApplicationError):
        case_return(case=case, actor=handler, guidance=" ", guided_to="Tòa án")
    case = case_return(
        case=case,
        actor=handler,
        guidance="Đề nghị gửi đơn đến Tòa án nhân dân khu vực.",
        guided_to="Tòa án nhân dân khu vực 2",
        letter_number="9/HD-UBND",
    )
    assert case.status == Case.Status.RETURNED
    notification = Notification.objects.get(recipient=citizen, kind="petitions.returned")
    assert "Tòa án nhân dân khu vực 2" in notification.body
    # the same content again (merged into the first by the duplicates check) is kept on file
    repeat = make_case()
    Case.objects.filter(pk=repeat.pk).update(merged_into=case)
    repeat.refresh_from_db()
    with pytest.raises(ApplicationError):
        case_return(case=repeat, actor=handler, guidance="Lần hai", guided_to="Tòa án")


# -------------------------------------------------------------------------- refusal


def test_refusal_notice_is_due_within_3_working_days_of_the_visit(
    travel: Travel, make_case: CaseMaker, handler: User, head: User, citizen: User
) -> None:
    # given a complaint brought in person on Tue 2/2/2027, just before Tết
    travel(dt.date(2027, 2, 2))
    case = make_case(kind=Case.Kind.COMPLAINT, channel=Case.Channel.IN_PERSON, submitted_by=citizen)
    # when the handler proposes refusal under Law Art 9(3)
    refusal = case_refusal_propose(
        case=case,
        actor=handler,
        ground=RefusalNotice.Ground.REPEATED,
        reason="Vụ việc đã giải quyết đúng pháp luật, đã được giải thích.",
    )
    # then the notice is due 3 working days later, Tết skipped: 3/2, 11/2, 12/2/2027
    case.refresh_from_db()
    assert refusal.due_on == dt.date(2027, 2, 12)
    assert case.rule_code == "refusal_notice"
    assert case.due_on == dt.date(2027, 2, 12)
    with pytest.raises(ApplicationError):
        case_refusal_propose(
            case=case, actor=handler, ground=RefusalNotice.Ground.REPEATED, reason="again"
        )
    with pytest.raises(ApplicationError):
        case_refusal_issue(case=case, actor=head, notice_number=" ")
    # when the head issues it on 11/2 it is on time and the case is closed
    travel(dt.date(2027, 2, 11))
    refusal = case_refusal_issue(case=case, actor=head, notice_number="12/TB-UBND")
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert not refusal.is_late
    event = case.events.get(kind=CaseEvent.Kind.REFUSED)
    assert event.data == {"notice_number": "12/TB-UBND", "late": False}
    assert Notification.objects.filter(recipient=citizen, kind="petitions.refused").exists()
    with pytest.raises(ApplicationError):
        case_refusal_issue(case=case, actor=head, notice_number="13/TB-UBND")


def test_a_late_refusal_notice_is_marked_late(
    travel: Travel, make_case: CaseMaker, handler: User, head: User
) -> None:
    travel(dt.date(2027, 2, 2))
    case = make_case()
    case_refusal_propose(
        case=case, actor=handler, ground=RefusalNotice.Ground.NO_NEW_CONTENT, reason="Không mới."
    )
    travel(dt.date(2027, 2, 15))
    refusal = case_refusal_issue(case=case, actor=head, notice_number="14/TB-UBND")
    assert refusal.is_late


@pytest.mark.parametrize(
    ("kind", "ground"),
    [
        (Case.Kind.COMPLAINT, RefusalNotice.Ground.NO_NEW_CONTENT),
        (Case.Kind.PETITION, RefusalNotice.Ground.REPEATED),
    ],
)
def test_refusal_grounds_match_the_kind(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    kind: Case.Kind,
    ground: RefusalNotice.Ground,
) -> None:
    travel(dt.date(2027, 2, 2))
    case = make_case(kind=kind)
    with pytest.raises(ApplicationError):
        case_refusal_propose(case=case, actor=handler, ground=ground, reason="Lý do.")
    with pytest.raises(ApplicationError):
        case_refusal_propose(
            case=make_case(), actor=handler, ground=RefusalNotice.Ground.NO_NEW_CONTENT, reason=""
        )
    assert not RefusalNotice.objects.exists()


def test_refusal_before_the_rule_was_in_force_is_explained(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    # the refusal_notice rule (ND 154/2026) is in force from 1/7/2026 only
    travel(dt.date(2026, 6, 15))
    case = make_case()
    with pytest.raises(ApplicationError):
        case_refusal_propose(
            case=case, actor=handler, ground=RefusalNotice.Ground.NO_NEW_CONTENT, reason="Cũ."
        )
