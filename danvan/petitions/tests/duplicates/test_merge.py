"""Merging duplicates: nothing lost, old codes keep working, wrong merges can be undone."""

import pytest
from django.utils.translation import gettext

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.notifications.models import Notification
from danvan.petitions.models import Case, CaseEvent
from danvan.petitions.models.duplicates import DuplicateSuggestion
from danvan.petitions.selectors import duplicates as selectors
from danvan.petitions.services import duplicates as services
from danvan.petitions.tests.duplicates import letters
from danvan.petitions.tests.duplicates.conftest import HUNG, Receive
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def _set(case: Case, **fields: object) -> Case:
    Case.objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def test_confirming_a_suggestion_merges_and_keeps_everything(
    receive: Receive,
    commune_committee: Unit,
    provincial_committee: Unit,
    handler: User,
    citizen: User,
) -> None:
    # given Hùng's group petition (3 people) and the same matter sent by Bình with her account
    into = receive(
        commune_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG, people_count=3
    )
    duplicate = receive(provincial_committee, submitted_by=citizen)
    [suggestion] = services.duplicate_suggestions_refresh(case=duplicate, actor=handler)
    # when the handler confirms the suggestion
    survivor = services.duplicate_suggestion_confirm(suggestion=suggestion, actor=handler)
    # then the duplicate keeps its row, sender and history, now merged and handled with it
    duplicate.refresh_from_db()
    assert survivor == into
    assert duplicate.status == Case.Status.MERGED
    assert duplicate.merged_into == into
    assert duplicate.unit == commune_committee
    assert duplicate.receiving_unit == provincial_committee
    assert duplicate.petitioner_name == "Trần Thị Bình"
    assert [e.kind for e in duplicate.events.all()][:2] == ["received", "deadline_started"]
    merged_event = duplicate.events.get(kind=CaseEvent.Kind.MERGED)
    assert merged_event.data == {
        "into": into.tracking_code,
        "previous_status": "received",
        "previous_unit": provincial_committee.code,
        "people_count": 1,
    }
    assert merged_event.legal_basis == ""
    # and the surviving case counts her and records the merge
    into.refresh_from_db()
    assert into.people_count == 4
    assert into.events.get(kind=CaseEvent.Kind.MERGED).data == {
        "merged": duplicate.tracking_code,
        "people_added": 1,
    }
    suggestion.refresh_from_db()
    assert suggestion.status == DuplicateSuggestion.Status.CONFIRMED
    assert suggestion.decided_by == handler
    assert set(AuditEntry.objects.values_list("verb", flat=True)) >= {
        "case.merge",
        "case.merge_receive",
    }
    # and Bình is told, in Vietnamese, that her code keeps working
    note = Notification.objects.get(recipient=citizen, kind="petitions.case_merged")
    assert duplicate.display_code in note.title
    assert into.display_code in note.body
    # and both senders are reached when the surviving case is answered
    assert selectors.case_petitioner_accounts(case=into) == [citizen]
    assert selectors.case_merged_family(case=into) == [duplicate]


def test_the_old_tracking_code_resolves_to_the_surviving_case_through_chains(
    receive: Receive, commune_committee: Unit, handler: User
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee, content=letters.ROAD_ONE_WORD)
    third = receive(commune_committee, content=letters.ROAD_REORDERED, people_count=2)
    services.case_merge(duplicate=third, into=second, actor=handler)
    services.case_merge(duplicate=second, into=first, actor=handler)
    # a code typed the way people type it still finds the surviving case
    typed = third.display_code.lower().replace("-", " ")
    assert selectors.case_resolve_tracking(typed) == first
    assert selectors.case_resolve_tracking(first.tracking_code) == first
    first.refresh_from_db()
    assert first.people_count == 4
    assert selectors.case_merged_family(case=first) == [second, third]
    # malformed and unknown codes
    with pytest.raises(Case.DoesNotExist):
        selectors.case_resolve_tracking("DV-123")
    with pytest.raises(Case.DoesNotExist):
        selectors.case_resolve_tracking("DV" + "0" * 10)


def test_denunciations_do_not_resolve_on_the_public_tracking_page(
    receive: Receive, commune_committee: Unit
) -> None:
    case = receive(commune_committee, kind=Case.Kind.DENUNCIATION, petitioner=None)
    with pytest.raises(Case.DoesNotExist):
        selectors.case_resolve_tracking(case.tracking_code)
    assert selectors.case_resolve_tracking(case.tracking_code, include_sealed=True) == case
    assert selectors.case_petitioner_accounts(case=case) == []


def test_merging_a_repeat_into_a_settled_case_keeps_it_on_file(
    receive: Receive, commune_committee: Unit, handler: User
) -> None:
    settled = _set(receive(commune_committee), status=Case.Status.ANSWERED)
    repeat = receive(commune_committee, content=letters.ROAD_ONE_NUMBER)
    [suggestion] = services.duplicate_suggestions_refresh(case=repeat)
    assert suggestion.reason == DuplicateSuggestion.Reason.ALREADY_SETTLED
    services.duplicate_suggestion_confirm(suggestion=suggestion, actor=handler)
    event = repeat.events.get(kind=CaseEvent.Kind.MERGED)
    assert event.legal_basis == services.SETTLED_REPEAT_BASIS
    # the repeat's code shows the earlier answer
    assert selectors.case_resolve_tracking(repeat.tracking_code) == settled
    # a decided suggestion cannot be decided again
    with pytest.raises(ApplicationError):
        services.duplicate_suggestion_confirm(suggestion=suggestion, actor=handler)
    with pytest.raises(ApplicationError):
        services.duplicate_suggestion_dismiss(suggestion=suggestion, actor=handler)


def test_merge_refuses_what_would_lose_or_mix_cases(
    receive: Receive, commune_committee: Unit, handler: User
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee)
    complaint = receive(commune_committee, kind=Case.Kind.COMPLAINT)
    answered = _set(receive(commune_committee), status=Case.Status.ANSWERED)
    withdrawn = _set(receive(commune_committee), status=Case.Status.WITHDRAWN)
    problems = [
        (first, first, gettext("A case cannot be merged into itself.")),
        (complaint, first, gettext("Only cases of the same kind can be merged.")),
        (
            answered,
            first,
            gettext("This case can no longer be merged: it is %(status)s.")
            % {"status": answered.get_status_display()},
        ),
        (
            first,
            withdrawn,
            gettext("A case cannot be merged into a case that is %(status)s.")
            % {"status": withdrawn.get_status_display()},
        ),
    ]
    for duplicate, into, message in problems:
        with pytest.raises(ApplicationError) as error:
            services.case_merge(duplicate=duplicate, into=into, actor=handler)
        assert error.value.message == message
    services.case_merge(duplicate=second, into=first, actor=handler)
    # a merged case can be neither merged again nor merged into
    for duplicate, into in [(second, first), (complaint, second)]:
        with pytest.raises(ApplicationError):
            services.case_merge(duplicate=duplicate, into=into, actor=handler)
    assert Case.objects.get(pk=first.pk).people_count == 2


def test_undoing_a_wrong_merge_restores_status_unit_and_counts(
    receive: Receive,
    commune_committee: Unit,
    provincial_committee: Unit,
    handler: User,
    head: User,
) -> None:
    # given a classified case at the province merged into a commune case, which was itself
    # merged into an earlier one
    root = receive(commune_committee, people_count=2)
    middle = receive(commune_committee, content=letters.ROAD_ONE_WORD)
    wrong = _set(
        receive(
            provincial_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG, people_count=5
        ),
        status=Case.Status.CLASSIFIED,
    )
    services.duplicate_suggestions_refresh(case=wrong)
    services.case_merge(duplicate=wrong, into=middle, actor=handler)
    services.case_merge(duplicate=middle, into=root, actor=handler)
    assert Case.objects.get(pk=root.pk).people_count == 8
    # when the head undoes the first merge
    with pytest.raises(ApplicationError):
        services.case_unmerge(duplicate=wrong, actor=head, reason="  ")
    restored = services.case_unmerge(duplicate=wrong, actor=head, reason="Nội dung khác nhau")
    # then the case is back where it was, and every count along the chain gives them back
    assert restored.status == Case.Status.CLASSIFIED
    assert restored.unit == provincial_committee
    assert restored.merged_into is None
    assert Case.objects.get(pk=middle.pk).people_count == 1
    assert Case.objects.get(pk=root.pk).people_count == 3
    assert wrong.events.filter(kind=CaseEvent.Kind.NOTE).last().data == {  # type: ignore[union-attr]
        "unmerged_from": middle.tracking_code
    }
    assert middle.events.filter(kind="note").last().note == "Nội dung khác nhau"  # type: ignore[union-attr]
    assert DuplicateSuggestion.objects.get(case=wrong, candidate=middle).status == "dismissed"
    assert AuditEntry.objects.filter(verb="case.unmerge").count() == 1
    # and a case that is not merged cannot be "unmerged"
    with pytest.raises(ApplicationError):
        services.case_unmerge(duplicate=wrong, actor=head, reason="Lần nữa")


def test_undo_without_a_merge_event_falls_back_to_received(
    receive: Receive, commune_committee: Unit, head: User
) -> None:
    into = receive(commune_committee)
    odd = _set(receive(commune_committee), status=Case.Status.MERGED, merged_into=into)
    restored = services.case_unmerge(duplicate=odd, actor=head, reason="Dữ liệu cũ")
    assert restored.status == Case.Status.RECEIVED
    assert restored.unit == commune_committee
