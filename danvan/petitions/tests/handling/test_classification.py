"""Classification, conditions for handling and group representatives (TT 05/2021 Art 6;
Law on Complaints Arts 9, 11; Law on Citizen Reception Art 29; ND 124/2020 Art 16(1))."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils.translation import gettext as _

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case, CaseEvent, Field, GroupRepresentative
from danvan.petitions.services.handling import (
    ConditionsInput,
    RepresentativeInput,
    case_accept,
    case_classify,
    case_conditions_check,
    case_representatives_set,
    complaint_time_limit_ok,
    representatives_problem,
)
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.petitions.tests.handling.fakes import FakeSealed
from danvan.units.models import User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]

ALL_MET = ConditionsInput(
    has_name=True,
    has_address=True,
    has_signature=True,
    content_clear=True,
    already_settled=False,
    within_competence=True,
)


def _checklist(**changes: object) -> ConditionsInput:
    values = {**ALL_MET.__dict__, **changes}
    return ConditionsInput(**values)


# ------------------------------------------------------------------- classification


def test_correcting_the_kind_restarts_the_receipt_limit_of_the_new_kind(
    travel: Travel, make_case: CaseMaker, handler: User, land: Field
) -> None:
    # given a "petition" received on Tue 29/12/2026 (10 working days to process)
    travel(dt.date(2026, 12, 29))
    case = make_case()
    assert case.rule_code == "petition_process"
    # when the handler corrects it to a complaint two days later
    travel(dt.date(2026, 12, 31))
    case = case_classify(case=case, actor=handler, kind=Case.Kind.COMPLAINT, field=land)
    # then the complaint's 7 working days count from the same receipt, over New Year:
    # 30, 31/12, (1/1 off), 4, 5, 6, 7, 8/1/2027
    assert case.kind == Case.Kind.COMPLAINT
    assert case.field == land
    assert case.rule_code == "complaint_accept"
    assert case.due_on == dt.date(2027, 1, 8)
    assert case.status == Case.Status.RECEIVED
    assert case.events.filter(kind=CaseEvent.Kind.CLASSIFIED).count() == 1
    assert AuditEntry.objects.filter(verb="case.classify", target_id=str(case.pk)).exists()


def test_setting_only_the_field_keeps_the_deadline(
    travel: Travel, make_case: CaseMaker, handler: User, land: Field
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case()
    due = case.due_on
    case = case_classify(case=case, actor=handler, kind=Case.Kind.PETITION, field=land)
    assert case.due_on == due
    assert case.events.filter(kind=CaseEvent.Kind.DEADLINE_STARTED).count() == 1
    assert "duong lien thon" in case.search_text


def test_turning_a_case_into_a_denunciation_needs_the_sealed_vault(
    travel: Travel, make_case: CaseMaker, handler: User, no_sealed: None
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case()
    with pytest.raises(ApplicationError):
        case_classify(case=case, actor=handler, kind=Case.Kind.DENUNCIATION, field=None)
    case.refresh_from_db()
    assert case.kind == Case.Kind.PETITION
    assert case.petitioner_name == "Trần Thị Bình"


def test_turning_a_case_into_a_denunciation_seals_the_identity_first(
    travel: Travel, make_case: CaseMaker, handler: User, sealed: FakeSealed
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case()
    case = case_classify(case=case, actor=handler, kind=Case.Kind.DENUNCIATION, field=None)
    assert sealed.sealed == [(case.pk, case.pk)]
    case.refresh_from_db()
    assert case.kind == Case.Kind.DENUNCIATION
    assert case.petitioner_name == ""
    assert case.rule_code == "denunciation_accept"


def test_an_accepted_case_cannot_be_reclassified(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case()
    case_conditions_check(case=case, actor=handler, checklist=ALL_MET)
    case_accept(case=case, actor=handler)
    with pytest.raises(ApplicationError) as error:
        case_classify(case=case, actor=handler, kind=Case.Kind.COMPLAINT, field=None)
    assert error.value.message == _("Only a case not yet accepted can be classified.")


# ------------------------------------------------------------------------ conditions


def test_a_case_meeting_every_condition_is_classified(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case()
    conditions = case_conditions_check(case=case, actor=handler, checklist=ALL_MET)
    case.refresh_from_db()
    assert conditions.eligible
    assert conditions.failed == []
    assert case.status == Case.Status.CLASSIFIED
    assert AuditEntry.objects.filter(verb="case.conditions_check").exists()
    # the history says what happened: a conditions check, not a second classification
    assert [e.kind for e in case.events.order_by("pk")][-1] == CaseEvent.Kind.CONDITIONS_CHECKED
    assert not case.events.filter(kind=CaseEvent.Kind.CLASSIFIED).exists()


def test_a_case_failing_a_condition_is_kept_on_file_with_the_reason(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case()
    # without a reason it is refused
    with pytest.raises(ApplicationError):
        case_conditions_check(
            case=case, actor=handler, checklist=_checklist(has_signature=False, content_clear=False)
        )
    conditions = case_conditions_check(
        case=case,
        actor=handler,
        checklist=_checklist(has_signature=False, content_clear=False, reason="Đơn photo."),
    )
    case.refresh_from_db()
    assert not conditions.eligible
    assert conditions.failed == ["signature", "content"]
    assert case.status == Case.Status.NOT_ELIGIBLE
    assert not case.is_open
    # and a new check with new information can make it eligible again
    case_conditions_check(case=case, actor=handler, checklist=ALL_MET)
    case.refresh_from_db()
    assert case.status == Case.Status.CLASSIFIED


def test_already_settled_makes_a_case_not_eligible(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case()
    conditions = case_conditions_check(
        case=case, actor=handler, checklist=_checklist(already_settled=True, reason="Đã trả lời.")
    )
    assert conditions.failed == ["settled"]


def test_an_anonymous_report_is_judged_on_its_content_only(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case(kind=Case.Kind.ANONYMOUS_REPORT, petitioner=None)
    conditions = case_conditions_check(
        case=case,
        actor=handler,
        checklist=_checklist(has_name=False, has_address=False, has_signature=False),
    )
    assert conditions.eligible


def test_a_mixed_petition_must_be_split_before_its_conditions_are_checked(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case(kind=Case.Kind.MIXED)
    with pytest.raises(ApplicationError):
        case_conditions_check(case=case, actor=handler, checklist=ALL_MET)


def test_the_complaint_time_limit_rolls_over_tet_2027() -> None:
    # 90 days from 6/11/2026 end on Thu 4/2/2027, inside the Tết break (4-10/2/2027),
    # so the last day is the next working day, Thu 11/2/2027 (Civil Code Art 148(5)).
    known = dt.date(2026, 11, 6)
    assert complaint_time_limit_ok(known_act_on=known, received_on=dt.date(2027, 2, 11))
    assert not complaint_time_limit_ok(known_act_on=known, received_on=dt.date(2027, 2, 12))


def test_a_late_complaint_is_not_eligible_unless_the_delay_is_justified(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2027, 2, 12))
    case = make_case(kind=Case.Kind.COMPLAINT)
    late = case_conditions_check(
        case=case,
        actor=handler,
        checklist=_checklist(known_act_on=dt.date(2026, 11, 6), reason="Quá thời hiệu."),
    )
    assert late.failed == ["time_limit"]
    assert late.within_time_limit is False
    justified = case_conditions_check(
        case=case,
        actor=handler,
        checklist=_checklist(known_act_on=dt.date(2026, 11, 6), delay_justified=True),
    )
    assert justified.eligible
    assert justified.within_time_limit is False


def test_a_complaint_needs_the_day_of_knowing_the_act(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2027, 2, 12))
    case = make_case(kind=Case.Kind.COMPLAINT)
    with pytest.raises(ApplicationError):
        case_conditions_check(case=case, actor=handler, checklist=ALL_MET)
    with pytest.raises(ApplicationError):
        case_conditions_check(
            case=case, actor=handler, checklist=_checklist(known_act_on=dt.date(2027, 2, 13))
        )


# ------------------------------------------------------------- group representatives


@pytest.mark.parametrize(
    ("people", "representatives", "ok"),
    [
        (1, 0, True),
        (4, 0, True),  # below 5 people no appointment is required
        (5, 0, False),
        (5, 1, True),
        (5, 2, True),
        (10, 2, True),
        (10, 3, False),  # 5-10 people: 1 or 2
        (11, 3, True),  # more than 10: more may be added
        (11, 5, True),
        (11, 6, False),  # at most 5
        (300, 5, True),
        (3, 4, False),  # more representatives than people
    ],
)
def test_representatives_follow_article_29(people: int, representatives: int, ok: bool) -> None:
    reps = [RepresentativeInput(f"Người {i}") for i in range(representatives)]
    problem = representatives_problem(people_count=people, representatives=reps)
    assert (problem == "") is ok


def test_a_representative_must_be_one_of_the_group() -> None:
    reps = [RepresentativeInput("Luật sư A", is_among_complainants=False)]
    assert representatives_problem(people_count=6, representatives=reps)


def test_setting_representatives_replaces_them_and_checks_the_law(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case(kind=Case.Kind.COMPLAINT, people_count=12)
    with pytest.raises(ApplicationError):
        case_representatives_set(
            case=case,
            actor=handler,
            people_count=12,
            representatives=[RepresentativeInput(f"Người {i}") for i in range(6)],
        )
    with pytest.raises(ApplicationError):
        case_representatives_set(
            case=case, actor=handler, people_count=12, representatives=[RepresentativeInput(" ")]
        )
    with pytest.raises(ApplicationError):
        case_representatives_set(case=case, actor=handler, people_count=0, representatives=[])
    rows = case_representatives_set(
        case=case,
        actor=handler,
        people_count=8,
        representatives=[
            RepresentativeInput("Nguyễn Văn Cường"),
            RepresentativeInput("Lê Thị Dung"),
        ],
    )
    assert [r.name for r in rows] == ["Nguyễn Văn Cường", "Lê Thị Dung"]
    case.refresh_from_db()
    assert case.people_count == 8
    rows = case_representatives_set(
        case=case,
        actor=handler,
        people_count=8,
        representatives=[RepresentativeInput("Lê Thị Dung")],
    )
    assert GroupRepresentative.objects.filter(case=case).count() == 1


def test_denouncers_representatives_are_never_recorded_here(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case(kind=Case.Kind.DENUNCIATION, people_count=6)
    with pytest.raises(ApplicationError):
        case_representatives_set(
            case=case, actor=handler, people_count=6, representatives=[RepresentativeInput("A")]
        )


def test_a_group_complaint_needs_signatures_appointment_and_representatives(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case(kind=Case.Kind.COMPLAINT, people_count=7)
    known = dt.date(2026, 12, 1)
    # given no representatives, signatures or written appointment
    conditions = case_conditions_check(
        case=case, actor=handler, checklist=_checklist(known_act_on=known, reason="Thiếu.")
    )
    assert conditions.failed == ["representatives", "group_signatures", "group_appointment"]
    with pytest.raises(ApplicationError):
        case_accept(case=case, actor=handler)
    # when the group appoints two of its members in writing and everybody signed
    case_representatives_set(
        case=case,
        actor=handler,
        people_count=7,
        representatives=[
            RepresentativeInput("Nguyễn Văn Cường"),
            RepresentativeInput("Lê Thị Dung"),
        ],
    )
    conditions = case_conditions_check(
        case=case,
        actor=handler,
        checklist=_checklist(
            known_act_on=known, group_all_signed=True, group_appointment_written=True
        ),
    )
    # then it can be accepted
    assert conditions.eligible
    case = case_accept(case=case, actor=handler)
    assert case.status == Case.Status.ACCEPTED


def test_a_group_petition_needs_representatives_but_not_the_complaint_formalities(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2026, 12, 29))
    case = make_case(people_count=15)
    conditions = case_conditions_check(
        case=case, actor=handler, checklist=_checklist(reason="Chưa cử người đại diện.")
    )
    assert conditions.failed == ["representatives"]
    case_representatives_set(
        case=case,
        actor=handler,
        people_count=15,
        representatives=[RepresentativeInput(f"Người {i}") for i in range(4)],
    )
    assert case_conditions_check(case=case, actor=handler, checklist=ALL_MET).eligible
