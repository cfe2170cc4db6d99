"""Suggesting duplicates, repeats and over-the-level petitions at intake."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from danvan.audit.models import AuditEntry
from danvan.petitions.models import Case, CaseEvent
from danvan.petitions.models.duplicates import CaseBand, CaseFingerprint, DuplicateSuggestion
from danvan.petitions.services import duplicates as services
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.similarity import BANDS
from danvan.petitions.tests.duplicates import letters
from danvan.petitions.tests.duplicates.conftest import BINH, HUNG, Receive
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db
Reason = DuplicateSuggestion.Reason


def _set(case: Case, **fields: object) -> Case:
    Case.objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def test_same_person_retyping_without_diacritics_is_suggested(
    receive: Receive, commune_committee: Unit
) -> None:
    # given Bình's petition about the road
    first = receive(commune_committee)
    # when she sends it again, typed without diacritics, her name too
    again = receive(
        commune_committee,
        content=letters.ROAD_NO_DIACRITICS,
        petitioner=Petitioner(name="Tran Thi Binh", id_number="033 168 001 234"),
    )
    candidates = services.duplicate_candidates(case=again)
    # then the first case is the one candidate, as the same person's same content
    assert [(c.case, c.reason) for c in candidates] == [(first, Reason.SAME_PERSON_SAME_CONTENT)]
    assert candidates[0].score >= 0.99
    assert candidates[0].shared_bands == BANDS


def test_same_account_counts_as_the_same_person(
    receive: Receive, commune_committee: Unit, citizen: User
) -> None:
    first = receive(commune_committee, petitioner=Petitioner(name="Bình"), submitted_by=citizen)
    again = receive(
        commune_committee,
        content=letters.ROAD_REORDERED,
        petitioner=Petitioner(name="Trần Bình"),
        submitted_by=citizen,
    )
    [candidate] = services.duplicate_candidates(case=again)
    assert candidate.case == first
    assert candidate.reason == Reason.SAME_PERSON_SAME_CONTENT


def test_the_same_person_is_found_even_with_little_content_in_common(
    receive: Receive, commune_committee: Unit
) -> None:
    # given Bình's long letter, then her short retelling (no LSH key in common)
    first = receive(commune_committee)
    short = "Đường liên thôn Đông Tảo bị sụt lún, ổ gà sâu, học sinh bị ngã. Đề nghị sửa chữa."
    again = receive(commune_committee, subject="Đường liên thôn Đông Tảo", content=short)
    # then the sender look-up brings the first case in, and the lower bar for one sender
    # lets it through
    [candidate] = services.duplicate_candidates(case=again)
    assert candidate.case == first
    assert candidate.shared_bands == 0
    assert services.SAME_SENDER_THRESHOLD <= candidate.score < services.SUGGEST_THRESHOLD
    # while the same short letter from someone else is not enough
    other = receive(
        commune_committee, subject="Đường liên thôn Đông Tảo", content=short, petitioner=HUNG
    )
    assert first not in [c.case for c in services.duplicate_candidates(case=other)]


def test_the_same_matter_from_neighbours_is_a_group_petition(
    receive: Receive, commune_committee: Unit
) -> None:
    first = receive(commune_committee)
    neighbour = receive(commune_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG)
    [candidate] = services.duplicate_candidates(case=neighbour)
    assert candidate.case == first
    assert candidate.reason == Reason.SAME_CONTENT_MANY_PEOPLE


def test_a_repeat_of_settled_content_is_flagged_as_already_settled(
    receive: Receive, commune_committee: Unit
) -> None:
    first = _set(receive(commune_committee), status=Case.Status.ANSWERED)
    again = receive(commune_committee, content=letters.ROAD_WITH_HEADER_AND_SIGNATURE)
    [candidate] = services.duplicate_candidates(case=again)
    assert (candidate.case, candidate.reason) == (first, Reason.ALREADY_SETTLED)


def test_different_matters_and_the_same_persons_other_letters_are_not_suggested(
    receive: Receive, commune_committee: Unit
) -> None:
    receive(commune_committee, content=letters.LIGHTS)
    receive(commune_committee, content=letters.NOISE, petitioner=HUNG)
    school = receive(commune_committee, content=letters.SCHOOL)
    assert services.duplicate_candidates(case=school) == []
    assert services.duplicate_suggestions_refresh(case=school) == []


def test_a_case_is_never_its_own_duplicate_and_split_relatives_are_not_duplicates(
    receive: Receive, commune_committee: Unit
) -> None:
    parent = _set(receive(commune_committee, kind=Case.Kind.MIXED), status=Case.Status.SPLIT)
    child = _set(receive(commune_committee), split_from=parent)
    sibling = _set(receive(commune_committee), split_from=parent)
    services.case_fingerprint_store(case=parent)
    assert services.duplicate_candidates(case=child) == []
    assert services.duplicate_candidates(case=sibling) == []
    assert services.duplicate_candidates(case=parent) == []


def test_a_second_time_complaint_is_not_a_duplicate_of_the_case_it_follows(
    receive: Receive, commune_committee: Unit
) -> None:
    # given a first-time complaint and the second-time complaint linked to it, same words
    first = receive(commune_committee)
    second = _set(receive(commune_committee), previous_case=first)
    # then neither is suggested as the other's duplicate, whichever is scanned
    assert first not in [c.case for c in services.duplicate_candidates(case=second)]
    assert second not in [c.case for c in services.duplicate_candidates(case=first)]


def test_a_merged_candidate_is_replaced_by_the_case_it_was_merged_into(
    receive: Receive, commune_committee: Unit, handler: User
) -> None:
    # given a letter merged into an earlier one about another wording of the matter
    root = receive(commune_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG)
    merged = receive(commune_committee)
    services.case_merge(duplicate=merged, into=root, actor=handler)
    # when Bình writes again
    again = receive(commune_committee, content=letters.ROAD_ONE_WORD)
    candidates = services.duplicate_candidates(case=again)
    # then the suggestion is the surviving case, once, with the best score, as her content
    assert [c.case for c in candidates] == [root]
    assert candidates[0].score > 0.9
    assert candidates[0].reason == Reason.SAME_PERSON_SAME_CONTENT
    # and the surviving case does not suggest the case merged into it
    assert services.duplicate_candidates(case=root) == [] or all(
        c.case != merged for c in services.duplicate_candidates(case=root)
    )


def test_denunciations_are_compared_only_with_each_other_on_redacted_text(
    receive: Receive, commune_committee: Unit
) -> None:
    # given an ordinary petition and two denunciations of the same content
    petition = receive(commune_committee, content=letters.NOISE, petitioner=HUNG)
    kwargs = {"kind": Case.Kind.DENUNCIATION, "petitioner": None, "content": "…"}
    first = receive(commune_committee, **kwargs)
    second = receive(commune_committee, **kwargs)
    # when neither has been redacted yet, nothing is compared
    assert services.case_comparable_text(case=first) == ""
    assert services.duplicate_candidates(case=second) == []
    assert services.case_fingerprint_store(case=first).group == CaseFingerprint.Group.SEALED
    assert not CaseBand.objects.filter(case=first).exists()
    # when the sealed area has stored the redacted (folded) text
    redacted = "co so chan nuoi lon xa nuoc thai chua xu ly ra kenh tuoi, gay mui hoi thoi"
    _set(first, search_text=redacted + " suot ngay dem")
    _set(second, search_text=redacted + " ca ngay")
    services.case_fingerprint_store(case=first)
    # then the denunciations meet, as similar content (senders never compared)
    [candidate] = services.duplicate_candidates(case=second)
    assert (candidate.case, candidate.reason) == (first, Reason.SIMILAR_SEALED)
    # and never the ordinary petition of the same content, in either direction
    assert services.duplicate_candidates(case=petition) == []
    assert services._person_key(first) == ""


def test_fingerprints_are_stored_once_and_rebuilt_when_the_text_changes(
    receive: Receive, commune_committee: Unit
) -> None:
    case = receive(commune_committee)
    fingerprint = services.case_fingerprint_store(case=case)
    assert fingerprint.group == CaseFingerprint.Group.OPEN
    assert len(fingerprint.person_key) == 64
    assert "033168001234" not in fingerprint.person_key
    keys = set(CaseBand.objects.filter(case=case).values_list("key", flat=True))
    assert len(keys) == BANDS
    # storing again changes nothing
    assert services.case_fingerprint_store(case=case).updated_at == fingerprint.updated_at
    # a new text gives new keys
    case = _set(case, content=letters.LAND)
    services.case_fingerprint_store(case=case)
    new_keys = set(CaseBand.objects.filter(case=case).values_list("key", flat=True))
    assert len(new_keys) == BANDS
    assert not keys & new_keys


# ------------------------------------------------------------------ over the level


def test_a_case_sent_to_the_province_while_open_at_the_commune_is_over_the_level(
    receive: Receive, commune_committee: Unit, provincial_committee: Unit
) -> None:
    # given Bình's case still open at the commune
    lower = receive(commune_committee)
    # when she sends the same letter to the provincial People's Committee
    higher = receive(provincial_committee, content=letters.ROAD_WITH_HEADER_AND_SIGNATURE)
    [suggestion] = services.duplicate_suggestions_refresh(case=higher)
    # then the province's case is flagged and linked to the commune's
    higher.refresh_from_db()
    assert higher.over_the_level
    assert (suggestion.candidate, suggestion.reason) == (lower, Reason.OVER_THE_LEVEL)
    note = higher.events.get(kind=CaseEvent.Kind.NOTE)
    assert note.data == {"over_the_level": True, "lower_level_cases": [lower.tracking_code]}
    with translation.override(settings.LANGUAGE_CODE):
        expected = gettext("Over the level: the same sender's case is still open at a lower level.")
    assert note.note == expected
    assert AuditEntry.objects.filter(verb="case.over_the_level", target_id=str(higher.pk)).exists()
    # and the earlier commune case gets no suggestion of its own (pairs live on the later)
    assert services.duplicate_suggestions_refresh(case=lower) == []
    assert not Case.objects.get(pk=lower.pk).over_the_level


def test_dismissing_the_over_the_level_link_clears_the_flag(
    receive: Receive, commune_committee: Unit, provincial_committee: Unit, handler: User
) -> None:
    receive(commune_committee)
    higher = receive(provincial_committee)
    [suggestion] = services.duplicate_suggestions_refresh(case=higher)
    services.duplicate_suggestion_dismiss(suggestion=suggestion, actor=handler, note="Việc khác")
    higher.refresh_from_db()
    assert not higher.over_the_level
    assert [e.data["over_the_level"] for e in higher.events.filter(kind="note")] == [True, False]


def test_not_over_the_level_when_the_lower_case_is_settled_or_at_the_same_level(
    receive: Receive,
    commune_committee: Unit,
    other_committee: Unit,
    provincial_committee: Unit,
) -> None:
    # a settled case at the commune: a repeat, not over the level
    _set(receive(commune_committee), status=Case.Status.CLOSED)
    higher = receive(provincial_committee)
    assert [s.reason for s in services.duplicate_suggestions_refresh(case=higher)] == [
        Reason.ALREADY_SETTLED
    ]
    assert not Case.objects.get(pk=higher.pk).over_the_level
    # a case at another commune of the same province: same level
    ward = receive(other_committee, content=letters.LAND)
    same_level = receive(commune_committee, content=letters.LAND)
    [suggestion] = services.duplicate_suggestions_refresh(case=same_level)
    assert (suggestion.candidate, suggestion.reason) == (ward, Reason.SAME_PERSON_SAME_CONTENT)


# ------------------------------------------------------------------ stored suggestions


def test_refreshing_keeps_decisions_updates_pending_and_drops_stale(
    receive: Receive, commune_committee: Unit, handler: User
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG)
    third = receive(commune_committee, content=letters.ROAD_REORDERED)
    suggestions = services.duplicate_suggestions_refresh(case=third, actor=handler)
    assert {s.candidate for s in suggestions} == {first, second}
    assert AuditEntry.objects.filter(verb="case.duplicates_suggest").count() == 1
    # a second scan changes nothing and records nothing
    again = services.duplicate_suggestions_refresh(case=third, actor=handler)
    assert [s.pk for s in again] == [s.pk for s in suggestions]
    assert AuditEntry.objects.filter(verb="case.duplicates_suggest").count() == 1
    # a dismissed suggestion stays dismissed
    to_dismiss = next(s for s in suggestions if s.candidate == second)
    services.duplicate_suggestion_dismiss(suggestion=to_dismiss, actor=handler)
    # when the first case's text changes (a correction), its pending suggestion goes
    _set(first, content=letters.LAND)
    services.case_fingerprint_store(case=first)
    # and a stale score is refreshed
    DuplicateSuggestion.objects.filter(case=third, candidate=second).update(score=0.5)
    remaining = services.duplicate_suggestions_refresh(case=third, actor=handler)
    assert [(s.candidate, s.status) for s in remaining] == [
        (second, DuplicateSuggestion.Status.DISMISSED)
    ]
    assert DuplicateSuggestion.objects.get(case=third, candidate=second).score == 0.5


def test_pending_suggestion_gets_the_new_score_and_reason(
    receive: Receive, commune_committee: Unit
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee, content=letters.ROAD_ONE_WORD)
    [suggestion] = services.duplicate_suggestions_refresh(case=second)
    DuplicateSuggestion.objects.filter(pk=suggestion.pk).update(score=0.6)
    _set(first, status=Case.Status.ANSWERED)
    [updated] = services.duplicate_suggestions_refresh(case=second)
    assert updated.pk == suggestion.pk
    assert updated.score > 0.9
    assert updated.reason == Reason.ALREADY_SETTLED


def test_merged_and_split_cases_are_not_scanned(
    receive: Receive, commune_committee: Unit, handler: User
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee)
    services.case_merge(duplicate=second, into=first, actor=handler)
    second.refresh_from_db()
    assert services.duplicate_suggestions_refresh(case=second) == []


def test_the_scan_runs_after_commit_as_a_task(
    receive: Receive,
    commune_committee: Unit,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee, content=letters.ROAD_REORDERED)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.duplicate_scan_on_commit(case=second)
    assert DuplicateSuggestion.objects.get(case=second).candidate == first
    assert services.duplicate_scan_task.call(case_id=999_999) == 0


def test_case_receive_queues_the_scan_for_every_channel(
    commune_committee: Unit,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    # given a case already received (and indexed)
    from danvan.petitions.services.cases import case_receive

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        first, _ = case_receive(
            kind=Case.Kind.PETITION,
            channel=Case.Channel.POST,
            subject="Đường liên thôn",
            content=letters.ROAD,
            receiving_unit=commune_committee,
            petitioner=BINH,
        )
    assert CaseFingerprint.objects.filter(case=first).exists()
    # when the same letter arrives through the API
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        second, _ = case_receive(
            kind=Case.Kind.PETITION,
            channel=Case.Channel.API,
            subject="Đường liên thôn",
            content=letters.ROAD_NO_DIACRITICS,
            receiving_unit=commune_committee,
            petitioner=BINH,
        )
    # then the suggestion is waiting for the handler
    assert DuplicateSuggestion.objects.get(case=second).candidate == first


def test_an_anonymous_report_from_the_same_account_is_not_compared_with_petitions(
    receive: Receive, commune_committee: Unit, citizen: User
) -> None:
    receive(
        commune_committee, kind=Case.Kind.ANONYMOUS_REPORT, petitioner=None, submitted_by=citizen
    )
    petition = receive(commune_committee, submitted_by=citizen)
    assert services.duplicate_candidates(case=petition) == []


def test_rows_describe_themselves(receive: Receive, commune_committee: Unit) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee)
    [suggestion] = services.duplicate_suggestions_refresh(case=second)
    assert str(suggestion) == f"{second.pk} ~ {first.pk} (1.00)"
    assert str(first.fingerprint) == f"{first.pk} v1"
    band = CaseBand.objects.filter(case=first).first()
    assert str(band) == f"{first.pk}:{band.key}"  # type: ignore[union-attr]


def test_a_later_case_scanned_first_still_gets_the_suggestion(
    commune_committee: Unit, provincial_committee: Unit, handler: User
) -> None:
    # given the commune's case, received first but not indexed yet (its scan is queued)
    from danvan.petitions.services.cases import case_receive

    lower, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.POST,
        subject="Đường liên thôn",
        content=letters.ROAD,
        receiving_unit=commune_committee,
        petitioner=BINH,
    )
    # and the province's case, scanned before it: nothing to find yet
    higher, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="Đường liên thôn",
        content=letters.ROAD_REORDERED,
        receiving_unit=provincial_committee,
        petitioner=BINH,
    )
    assert services.duplicate_suggestions_refresh(case=higher) == []
    # when the commune's scan runs at last
    assert services.duplicate_suggestions_refresh(case=lower, actor=handler) == []
    # then the suggestion is on the later case, as over the level, and it is flagged
    suggestion = DuplicateSuggestion.objects.get()
    assert (suggestion.case, suggestion.candidate) == (higher, lower)
    assert suggestion.reason == Reason.OVER_THE_LEVEL
    assert Case.objects.get(pk=higher.pk).over_the_level
    # and scanning again creates nothing more
    services.duplicate_suggestions_refresh(case=lower)
    services.duplicate_suggestions_refresh(case=higher)
    assert DuplicateSuggestion.objects.count() == 1


def test_later_cases_below_the_bar_and_cases_merged_into_this_one_get_nothing(
    receive: Receive, commune_committee: Unit, handler: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an earlier letter merged into a later one, and a neighbour's later letter
    earlier = receive(commune_committee)
    later = receive(commune_committee, content=letters.ROAD_ONE_WORD)
    services.case_merge(duplicate=earlier, into=later, actor=handler)
    neighbour = receive(commune_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG)
    # then the later case does not suggest the case merged into it
    assert all(c.case != later for c in services.duplicate_candidates(case=later))
    assert services.duplicate_candidates(case=later) == []
    # and with a higher bar, scanning the later case gives the neighbour nothing
    monkeypatch.setattr(services, "SUGGEST_THRESHOLD", 0.99)
    assert services.duplicate_suggestions_refresh(case=later) == []
    assert not DuplicateSuggestion.objects.filter(case=neighbour).exists()
