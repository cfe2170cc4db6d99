"""Duplicates, repeats and "over the level" petitions: suggest, merge, undo a wrong merge.

At intake each case is fingerprinted (:func:`case_fingerprint_store`) and compared with the
cases that share an LSH key or a sender (:func:`duplicate_candidates`); the likely duplicates
are stored as suggestions for the handler (:func:`duplicate_suggestions_refresh`), who
confirms one (the case is merged: :func:`case_merge`) or dismisses it.

Rules kept here:

* **Nothing is lost in a merge.** The duplicate keeps its row, history and attachments; it
  becomes ``MERGED`` with ``merged_into`` set and moves to the surviving case's unit (whose
  staff can then open its files); its tracking code keeps working (it resolves to the
  surviving case, ``selectors.duplicates.case_resolve_tracking``). The surviving case
  counts the duplicate's people. Every petitioner stays on their own row and
  is reached through the merged cases (``selectors.duplicates.case_petitioner_accounts``).
* **Denunciations are sealed.** A denunciation is compared only with other denunciations
  and anonymous reports, on its redacted text (``Case.search_text``, filled by the sealed
  area), and senders are never compared: matching a denunciation with a named complaint
  would point at the denouncer (Law on Denunciations Arts 47, 56).
* **Over the level** (vượt cấp): a case from the same sender that is still open at a unit
  below the receiving unit's place flags the new case (``Case.over_the_level``).
* **A wrong merge can be undone** (:func:`case_unmerge`) by the head of the surviving
  case's unit, with a reason: the duplicate returns to the status it had, the people count
  goes back, and both histories record the correction.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.notifications.services import notify
from danvan.petitions.models import Case, CaseEvent
from danvan.petitions.models.duplicates import CaseBand, CaseFingerprint, DuplicateSuggestion
from danvan.petitions.selectors.duplicates import case_merge_root
from danvan.petitions.services.cases import case_event_add
from danvan.petitions.similarity import (
    ALGORITHM_VERSION,
    TextProfile,
    fold,
    profile,
    profile_similarity,
    text_band_keys,
)
from danvan.units.models import PATH_SEPARATOR, Unit, User

logger = logging.getLogger(__name__)

# Similar content from anyone, and from the same sender (who may retell the same matter).
SUGGEST_THRESHOLD = 0.55
SAME_SENDER_THRESHOLD = 0.45
# At most this many cases are scored exactly per scan (most shared LSH keys first).
CANDIDATE_LIMIT = 50
SAME_SENDER_LIMIT = 100

SEALED_KINDS = frozenset({Case.Kind.DENUNCIATION, Case.Kind.ANONYMOUS_REPORT})
SETTLED_STATUSES = frozenset({Case.Status.ANSWERED, Case.Status.CLOSED})
MERGEABLE_FROM = frozenset(Case.OPEN_STATUSES | {Case.Status.NOT_ELIGIBLE})
MERGEABLE_INTO = frozenset(Case.OPEN_STATUSES | SETTLED_STATUSES | {Case.Status.NOT_ELIGIBLE})
# DOMAIN.md §4.1 [M]: a repeat of settled content is kept on file with no new reply.
SETTLED_REPEAT_BASIS = "TT 05/2021/TT-TTCP, Điều 6 (đơn trùng nội dung đã giải quyết)"
Reason = DuplicateSuggestion.Reason


@dataclass(frozen=True)
class Candidate:
    """An earlier case that ``case`` may duplicate, with the score and why."""

    case: Case
    score: float
    reason: DuplicateSuggestion.Reason
    shared_bands: int


def case_comparison_group(*, case: Case) -> CaseFingerprint.Group:
    if case.kind in SEALED_KINDS:
        return CaseFingerprint.Group.SEALED
    return CaseFingerprint.Group.OPEN


def case_comparable_text(*, case: Case) -> str:
    """The text compared for duplicates: never a denouncer's own words unredacted.

    A denunciation contributes only ``search_text``, which holds the redacted content (blank
    until the sealed area has redacted it, and then the case is simply not compared).
    """
    if case.kind == Case.Kind.DENUNCIATION:
        return case.search_text
    return f"{case.subject}\n{case.content}"


def _normalised_id(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def _normalised_name(value: str) -> str:
    return " ".join(fold(value).casefold().split())


def _person_key(case: Case) -> str:
    if case.kind in SEALED_KINDS:
        return ""
    number = _normalised_id(case.petitioner_id_number)
    if not number:
        return ""
    return salted_hmac("danvan.petitions.sender", number, algorithm="sha256").hexdigest()


def _same_sender(a: Case, b: Case) -> bool:
    """Same account, or same identity number and the same name (diacritics aside)."""
    if a.kind in SEALED_KINDS or b.kind in SEALED_KINDS:
        return False
    if a.submitted_by_id is not None and a.submitted_by_id == b.submitted_by_id:
        return True
    number = _normalised_id(a.petitioner_id_number)
    return (
        bool(number)
        and number == _normalised_id(b.petitioner_id_number)
        and _normalised_name(a.petitioner_name) == _normalised_name(b.petitioner_name)
    )


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@transaction.atomic
def case_fingerprint_store(*, case: Case) -> CaseFingerprint:
    """Index ``case`` for later comparisons (its LSH keys and sender key); idempotent.

    The case row is locked first, so concurrent scans of one case (the intake task and a
    handler's "look again") take turns instead of racing on the same rows.
    """
    list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True))
    text = case_comparable_text(case=case)
    group = case_comparison_group(case=case)
    digest = _digest(text)
    person_key = _person_key(case)
    fingerprint = CaseFingerprint.objects.select_for_update().filter(case=case).first()
    if (
        fingerprint is not None
        and fingerprint.version == ALGORITHM_VERSION
        and fingerprint.text_digest == digest
        and fingerprint.group == group
        and fingerprint.person_key == person_key
    ):
        return fingerprint
    keys = sorted(set(text_band_keys(text, namespace=group)))
    CaseBand.objects.filter(case=case).delete()
    CaseBand.objects.bulk_create([CaseBand(case=case, key=key) for key in keys])
    if fingerprint is None:
        fingerprint = CaseFingerprint(case=case)
    fingerprint.group = group
    fingerprint.version = ALGORITHM_VERSION
    fingerprint.text_digest = digest
    fingerprint.person_key = person_key
    fingerprint.full_clean(exclude=["case"])
    fingerprint.save()
    return fingerprint


class _Places:
    """The path of the nearest place (province, commune…) above each unit, cached."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def of(self, unit: Unit) -> str:
        cached = self._cache.get(unit.path)
        if cached is None:
            codes = unit.path.split(PATH_SEPARATOR)
            kinds = dict(Unit.objects.filter(code__in=codes).values_list("code", "kind"))
            cached = unit.path
            for depth in range(len(codes), 0, -1):
                if kinds.get(codes[depth - 1]) in Unit.PLACE_KINDS:
                    cached = PATH_SEPARATOR.join(codes[:depth])
                    break
            self._cache[unit.path] = cached
        return cached

    def is_below(self, lower: Unit, upper: Unit) -> bool:
        """True when ``lower``'s place lies strictly inside ``upper``'s place."""
        return self.of(lower).startswith(self.of(upper) + PATH_SEPARATOR)


def _relatives(a: Case, b: Case) -> bool:
    """Cases already linked on purpose: parts of one split letter, or a second-time
    complaint and the first-time case it follows. They are not each other's duplicates."""
    if a.previous_case_id is not None and a.previous_case_id == b.pk:
        return True
    if b.previous_case_id is not None and b.previous_case_id == a.pk:
        return True
    if a.split_from_id is not None and a.split_from_id in (b.pk, b.split_from_id):
        return True
    return b.split_from_id is not None and b.split_from_id == a.pk


def _reason(
    case: Case, root: Case, same_sender: bool, places: _Places
) -> DuplicateSuggestion.Reason:
    if case.kind in SEALED_KINDS:
        return Reason.SIMILAR_SEALED
    if not same_sender:
        return Reason.SAME_CONTENT_MANY_PEOPLE
    if root.status in SETTLED_STATUSES:
        return Reason.ALREADY_SETTLED
    if root.is_open and places.is_below(root.unit, case.unit):
        return Reason.OVER_THE_LEVEL
    return Reason.SAME_PERSON_SAME_CONTENT


def _candidate_ids(case: Case, own: TextProfile, group: str) -> dict[int, int]:
    """Ids of the cases worth scoring, with the number of LSH keys shared with ``case``."""
    found: dict[int, int] = {}
    keys = text_band_keys(own, namespace=group)
    if keys:
        rows = (
            CaseBand.objects.filter(key__in=keys)
            .exclude(case_id=case.pk)
            .values("case_id")
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-case_id")[:CANDIDATE_LIMIT]
        )
        found.update({row["case_id"]: row["shared"] for row in rows})
    if group == CaseFingerprint.Group.OPEN:
        same_sender: set[int] = set()
        if case.submitted_by_id is not None:
            same_sender.update(
                Case.objects.filter(submitted_by_id=case.submitted_by_id)
                .exclude(pk=case.pk)
                .order_by("-received_at")
                .values_list("pk", flat=True)[:SAME_SENDER_LIMIT]
            )
        person_key = _person_key(case)
        if person_key:
            same_sender.update(
                CaseFingerprint.objects.filter(person_key=person_key)
                .exclude(case_id=case.pk)
                .order_by("-case_id")
                .values_list("case_id", flat=True)[:SAME_SENDER_LIMIT]
            )
        for pk in same_sender:
            found.setdefault(pk, 0)
    return found


@dataclass(frozen=True)
class _Scored:
    other: Case
    score: float
    shared_bands: int


def _scored(case: Case) -> list[_Scored]:
    """Every case worth comparing with ``case``, earlier or later, with its exact score."""
    group = case_comparison_group(case=case)
    own = profile(case_comparable_text(case=case))
    found = _candidate_ids(case, own, group)
    scored = []
    for other in Case.objects.select_related("unit").filter(pk__in=found).order_by("pk"):
        if case_comparison_group(case=other) != group or _relatives(case, other):
            continue
        score = profile_similarity(own, profile(case_comparable_text(case=other)))
        scored.append(_Scored(other=other, score=score, shared_bands=found[other.pk]))
    return scored


def _is_earlier(first: Case, second: Case) -> bool:
    return (first.received_at, first.pk) < (second.received_at, second.pk)


def _as_candidate(case: Case, match: _Scored, other: Case, places: _Places) -> Candidate | None:
    """``other`` (or the case it was merged into) as a candidate for ``case``, if it qualifies."""
    root = case_merge_root(case=other)
    if root.pk == case.pk or root.status == Case.Status.SPLIT:
        return None
    same_sender = _same_sender(case, other) or _same_sender(case, root)
    if match.score < (SAME_SENDER_THRESHOLD if same_sender else SUGGEST_THRESHOLD):
        return None
    return Candidate(
        case=root,
        score=match.score,
        reason=_reason(case, root, same_sender, places),
        shared_bands=match.shared_bands,
    )


def _earlier_candidates(case: Case, scored: list[_Scored], places: _Places) -> list[Candidate]:
    best: dict[int, Candidate] = {}
    for match in scored:
        if not _is_earlier(match.other, case):
            continue
        candidate = _as_candidate(case, match, match.other, places)
        if candidate is None:
            continue
        previous = best.get(candidate.case.pk)
        if previous is None or candidate.score > previous.score:
            best[candidate.case.pk] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, c.case.received_at, c.case.pk))


def duplicate_candidates(*, case: Case) -> list[Candidate]:
    """The earlier cases ``case`` may duplicate, best first (reads only).

    A candidate that was itself merged is replaced by the case it was merged into (the
    one a new duplicate would join). Cases split from the same letter are not duplicates.
    """
    return _earlier_candidates(case, _scored(case), _Places())


def _in_default_language(message: object) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(message)


def _over_the_level_sync(*, case: Case, actor: User | None) -> None:
    """Keep ``case.over_the_level`` equal to "an over-the-level link is pending or confirmed"."""
    lower = list(
        DuplicateSuggestion.objects.filter(
            case=case,
            reason=Reason.OVER_THE_LEVEL,
            status__in=[DuplicateSuggestion.Status.PENDING, DuplicateSuggestion.Status.CONFIRMED],
        )
        .order_by("candidate__tracking_code")
        .values_list("candidate__tracking_code", flat=True)
    )
    flagged = bool(lower)
    if case.over_the_level == flagged:
        return
    case.over_the_level = flagged
    case.save(update_fields=["over_the_level", "updated_at"])
    if flagged:
        note = _("Over the level: the same sender's case is still open at a lower level.")
    else:
        note = _("No longer flagged as over the level.")
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        note=_in_default_language(note),
        data={"over_the_level": flagged, "lower_level_cases": lower},
    )
    audit_record(
        actor=actor,
        verb="case.over_the_level",
        target=case,
        data={"flag": flagged, "lower_level_cases": lower},
    )


@transaction.atomic
def duplicate_suggestions_refresh(
    *, case: Case, actor: User | None = None
) -> list[DuplicateSuggestion]:
    """Fingerprint ``case``, compare it, and store the suggestions for its handler.

    Idempotent: decided suggestions are kept as they are; pending ones are updated, and
    removed when the candidate no longer qualifies. ``actor`` is the official who asked for
    the scan, or ``None`` when intake runs it (never a denouncer).
    """
    case_fingerprint_store(case=case)
    if case.status in (Case.Status.MERGED, Case.Status.SPLIT):
        return []
    places = _Places()
    scored = _scored(case)
    candidates = _earlier_candidates(case, scored, places)
    existing = {
        s.candidate_id: s
        for s in DuplicateSuggestion.objects.select_for_update().filter(case=case).order_by("pk")
    }
    kept: list[DuplicateSuggestion] = []
    created = 0
    for candidate in candidates:
        suggestion = existing.pop(candidate.case.pk, None)
        if suggestion is None:
            suggestion = DuplicateSuggestion(
                case=case, candidate=candidate.case, score=candidate.score, reason=candidate.reason
            )
            suggestion.full_clean(exclude=["case", "candidate"])
            suggestion.save()
            created += 1
        elif suggestion.status == DuplicateSuggestion.Status.PENDING and (
            suggestion.score != candidate.score or suggestion.reason != candidate.reason
        ):
            suggestion.score = candidate.score
            suggestion.reason = candidate.reason
            suggestion.full_clean(exclude=["case", "candidate"])
            suggestion.save(update_fields=["score", "reason", "updated_at"])
        kept.append(suggestion)
    stale = [s.pk for s in existing.values() if s.status == DuplicateSuggestion.Status.PENDING]
    DuplicateSuggestion.objects.filter(pk__in=stale).delete()
    _over_the_level_sync(case=case, actor=actor)
    created += _suggest_to_later_cases(case=case, scored=scored, places=places, actor=actor)
    if created or stale:
        audit_record(
            actor=actor,
            verb="case.duplicates_suggest",
            target=case,
            data={"created": created, "withdrawn": len(stale)},
        )
    return kept


def _suggest_to_later_cases(
    *, case: Case, scored: list[_Scored], places: _Places, actor: User | None
) -> int:
    """Give later cases the suggestion they missed (scanned before ``case`` was indexed).

    Scans run in the background, in any order; a pair is always suggested on the later
    case (``case`` = later, ``candidate`` = earlier), whichever of the two is scanned last.
    """
    created = 0
    for match in scored:
        later = match.other
        if _is_earlier(later, case) or later.status in (Case.Status.MERGED, Case.Status.SPLIT):
            continue
        candidate = _as_candidate(later, match, case, places)
        if candidate is None:
            continue
        _, made = DuplicateSuggestion.objects.get_or_create(
            case=later,
            candidate=candidate.case,
            defaults={"score": candidate.score, "reason": candidate.reason},
        )
        if made:
            created += 1
            _over_the_level_sync(case=later, actor=actor)
    return created


@task()
def duplicate_scan_task(*, case_id: int) -> int:
    """Background scan of one case (thin: load, call the service, log counts only)."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        logger.info("duplicate scan skipped: case=%s not found", case_id)
        return 0
    count = len(duplicate_suggestions_refresh(case=case))
    logger.info("duplicate scan: case=%s suggestions=%s", case_id, count)
    return count


def duplicate_scan_on_commit(*, case: Case) -> None:
    """Queue the scan of ``case`` once the current transaction commits (for intake)."""
    case_id = case.pk
    transaction.on_commit(lambda: duplicate_scan_task.enqueue(case_id=case_id))


def _lock_pair(first: Case, second: Case) -> tuple[Case, Case]:
    rows = {
        c.pk: c
        for c in Case.objects.select_for_update()
        .filter(pk__in=[first.pk, second.pk])
        .order_by("pk")
    }
    return rows[first.pk], rows[second.pk]


def _merge_problem(duplicate: Case, into: Case) -> str | None:
    if duplicate.pk == into.pk:
        return gettext("A case cannot be merged into itself.")
    if duplicate.kind != into.kind:
        return gettext("Only cases of the same kind can be merged.")
    if duplicate.status not in MERGEABLE_FROM:
        return gettext("This case can no longer be merged: it is %(status)s.") % {
            "status": duplicate.get_status_display()
        }
    if into.status not in MERGEABLE_INTO or into.merged_into_id is not None:
        return gettext("A case cannot be merged into a case that is %(status)s.") % {
            "status": into.get_status_display()
        }
    return None


def _notify_merged(duplicate: Case, into: Case) -> None:
    if duplicate.kind in SEALED_KINDS or duplicate.submitted_by is None:
        return
    title = _in_default_language(
        _("Your petition %(code)s is handled together with %(other)s")
        % {"code": duplicate.display_code, "other": into.display_code}
    )
    body = _in_default_language(
        _(
            "The same content is being handled in case %(other)s. Your tracking code keeps "
            "working and shows that case's progress and answer."
        )
        % {"other": into.display_code}
    )
    notify(
        recipients=[duplicate.submitted_by],
        kind="petitions.case_merged",
        title=title,
        body=body,
        url=reverse("petitions:intake_my_case", kwargs={"code": duplicate.tracking_code}),
    )


@transaction.atomic
def case_merge(
    *,
    duplicate: Case,
    into: Case,
    actor: User,
    suggestion: DuplicateSuggestion | None = None,
) -> Case:
    """Merge ``duplicate`` into ``into`` and return the surviving case (see module rules)."""
    duplicate, into = _lock_pair(duplicate, into)
    problem = _merge_problem(duplicate, into)
    if problem:
        raise ApplicationError(problem)
    previous_status = duplicate.status
    previous_unit = duplicate.unit
    duplicate.status = Case.Status.MERGED
    duplicate.merged_into = into
    # The surviving case's unit now answers for the duplicate too (and can open its files).
    duplicate.unit = into.unit
    duplicate.full_clean(exclude=["tracking_code", "idempotency_key", "search_text"])
    duplicate.save(update_fields=["status", "merged_into", "unit", "updated_at"])
    into.people_count += duplicate.people_count
    into.save(update_fields=["people_count", "updated_at"])
    settled = into.status in SETTLED_STATUSES
    case_event_add(
        case=duplicate,
        kind=CaseEvent.Kind.MERGED,
        actor=actor,
        legal_basis=SETTLED_REPEAT_BASIS if settled else "",
        data={
            "into": into.tracking_code,
            "previous_status": previous_status,
            "previous_unit": previous_unit.code,
            "people_count": duplicate.people_count,
        },
    )
    case_event_add(
        case=into,
        kind=CaseEvent.Kind.MERGED,
        actor=actor,
        data={"merged": duplicate.tracking_code, "people_added": duplicate.people_count},
    )
    if suggestion is None:
        suggestion = DuplicateSuggestion.objects.filter(case=duplicate, candidate=into).first()
    if suggestion is not None:
        suggestion.status = DuplicateSuggestion.Status.CONFIRMED
        suggestion.decided_by = actor
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _notify_merged(duplicate, into)
    audit_record(
        actor=actor,
        verb="case.merge",
        target=duplicate,
        data={"into": into.tracking_code, "people_added": duplicate.people_count},
    )
    audit_record(
        actor=actor,
        verb="case.merge_receive",
        target=into,
        data={"merged": duplicate.tracking_code, "people_count": into.people_count},
    )
    return into


@transaction.atomic
def duplicate_suggestion_confirm(*, suggestion: DuplicateSuggestion, actor: User) -> Case:
    """Confirm a suggestion: merge its case into the candidate; return the surviving case."""
    suggestion = DuplicateSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != DuplicateSuggestion.Status.PENDING:
        raise ApplicationError(gettext("This suggestion has already been decided."))
    return case_merge(
        duplicate=suggestion.case, into=suggestion.candidate, actor=actor, suggestion=suggestion
    )


@transaction.atomic
def duplicate_suggestion_dismiss(
    *, suggestion: DuplicateSuggestion, actor: User, note: str = ""
) -> DuplicateSuggestion:
    """Record that the case is not a duplicate of the candidate (kept, never re-suggested)."""
    suggestion = (
        DuplicateSuggestion.objects.select_for_update()
        .select_related("case", "candidate")
        .get(pk=suggestion.pk)
    )
    if suggestion.status != DuplicateSuggestion.Status.PENDING:
        raise ApplicationError(gettext("This suggestion has already been decided."))
    suggestion.status = DuplicateSuggestion.Status.DISMISSED
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.decision_note = note.strip()
    suggestion.full_clean(exclude=["case", "candidate"])
    suggestion.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
    )
    if suggestion.reason == Reason.OVER_THE_LEVEL:
        _over_the_level_sync(case=suggestion.case, actor=actor)
    audit_record(
        actor=actor,
        verb="case.duplicate_dismiss",
        target=suggestion.case,
        data={"candidate": suggestion.candidate.tracking_code, "reason": suggestion.reason},
    )
    return suggestion


def _before_merge(duplicate: Case) -> tuple[str, Unit]:
    """The status and handling unit the duplicate had before its last merge."""
    events = duplicate.events.filter(kind=CaseEvent.Kind.MERGED).order_by("-occurred_at", "-pk")
    last = next((e for e in events if "into" in e.data), None)
    if last is not None:
        previous = str(last.data.get("previous_status", ""))
        unit = Unit.objects.filter(code=last.data.get("previous_unit", "")).first()
        return (
            previous if previous in MERGEABLE_FROM else Case.Status.RECEIVED,
            unit or duplicate.unit,
        )
    return Case.Status.RECEIVED, duplicate.unit


@transaction.atomic
def case_unmerge(*, duplicate: Case, actor: User, reason: str) -> Case:
    """Undo a wrong merge of ``duplicate`` (the head decides; the view checks that).

    The duplicate gets back the status and handling unit it had before the merge, and its
    own deadline, which kept running in its history; every case the people were counted into
    gives them back.
    """
    reason = reason.strip()
    if not reason:
        raise ApplicationError(gettext("Give the reason for undoing the merge."))
    duplicate = Case.objects.select_for_update().get(pk=duplicate.pk)
    if duplicate.status != Case.Status.MERGED or duplicate.merged_into_id is None:
        raise ApplicationError(gettext("This case is not merged into another case."))
    chain: list[Case] = []
    seen = {duplicate.pk}
    next_id: int | None = duplicate.merged_into_id
    while next_id is not None and next_id not in seen:
        seen.add(next_id)
        link = Case.objects.select_for_update().get(pk=next_id)
        chain.append(link)
        next_id = link.merged_into_id
    into = chain[0]
    for link in chain:
        link.people_count = max(1, link.people_count - duplicate.people_count)
        link.save(update_fields=["people_count", "updated_at"])
    duplicate.status, duplicate.unit = _before_merge(duplicate)
    duplicate.merged_into = None
    duplicate.full_clean(exclude=["tracking_code", "idempotency_key", "search_text"])
    duplicate.save(update_fields=["status", "merged_into", "unit", "updated_at"])
    case_event_add(
        case=duplicate,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        note=reason,
        data={"unmerged_from": into.tracking_code},
    )
    case_event_add(
        case=into,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        note=reason,
        data={"unmerged": duplicate.tracking_code, "people_removed": duplicate.people_count},
    )
    DuplicateSuggestion.objects.filter(
        case=duplicate, candidate=into, status=DuplicateSuggestion.Status.CONFIRMED
    ).update(
        status=DuplicateSuggestion.Status.DISMISSED,
        decided_by=actor,
        decided_at=timezone.now(),
        decision_note=reason[:500],
        updated_at=timezone.now(),
    )
    audit_record(
        actor=actor, verb="case.unmerge", target=duplicate, data={"from": into.tracking_code}
    )
    audit_record(
        actor=actor,
        verb="case.unmerge_release",
        target=into,
        data={"released": duplicate.tracking_code, "people_count": into.people_count},
    )
    return duplicate
