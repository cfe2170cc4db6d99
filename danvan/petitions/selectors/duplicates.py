"""Reads for duplicates: merged tracking codes, the merged family of a case, review pages.

What a handler sees of another case is decided here, in one place:

* a case the handler may view (``petitions.view_case``) is shown with its code and summary,
  except sealed kinds (denunciations, anonymous reports), which show their code, kind and
  status only: nothing else of one denunciation reaches another's handlers;
* a case the handler may not view shows only its unit, kind, status and day of receipt —
  never its code (a tracking code opens the public status page), subject or sender.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from danvan.petitions.models import Case, CaseEvent
from danvan.petitions.models.duplicates import DuplicateSuggestion
from danvan.petitions.tracking import tracking_code_normalise
from danvan.units.models import User

SEALED_KINDS = frozenset({Case.Kind.DENUNCIATION, Case.Kind.ANONYMOUS_REPORT})
MAX_CHAIN = 50


def case_merge_root(*, case: Case) -> Case:
    """The case that handles ``case`` now: ``merged_into`` followed to its end."""
    seen = {case.pk}
    current = case
    while current.merged_into_id is not None and current.merged_into_id not in seen:
        if len(seen) > MAX_CHAIN:  # pragma: no cover - merges are checked, never this deep
            break
        seen.add(current.merged_into_id)
        current = Case.objects.select_related("unit", "receiving_unit", "field").get(
            pk=current.merged_into_id
        )
    return current


def case_resolve_tracking(code: str, *, include_sealed: bool = False) -> Case:
    """The case a tracking code leads to now: a merged code resolves to the surviving case.

    Raises ``Case.DoesNotExist`` for malformed and unknown codes and, unless
    ``include_sealed``, for denunciations and anonymous reports (their senders follow them
    with the sealed receipt code, never on the public tracking page).
    """
    normalised = tracking_code_normalise(code)
    if not normalised:
        raise Case.DoesNotExist("malformed tracking code")
    cases = Case.objects.select_related("unit", "receiving_unit", "field")
    if not include_sealed:
        cases = cases.exclude(kind__in=SEALED_KINDS)
    return case_merge_root(case=cases.get(tracking_code=normalised))


def _family_ids(case: Case) -> list[int]:
    ids: list[int] = []
    frontier = [case.pk]
    seen = {case.pk}
    while frontier:
        children = [
            pk
            for pk in Case.objects.filter(merged_into_id__in=frontier)
            .order_by("received_at", "pk")
            .values_list("pk", flat=True)
            if pk not in seen
        ]
        seen.update(children)
        ids.extend(children)
        frontier = children
    return ids


def case_merged_family(*, case: Case) -> list[Case]:
    """Every case merged into ``case``, directly or through another merged case.

    Their rows, histories and attachments are prefetched: the surviving case's page shows
    them so that nothing a merged petitioner sent is out of reach.
    """
    ids = _family_ids(case)
    if not ids:
        return []
    return list(
        Case.objects.filter(pk__in=ids)
        .select_related("unit", "merged_into", "submitted_by")
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.order_by("occurred_at", "pk")),
            "attachments",
        )
        .order_by("received_at", "pk")
    )


def case_petitioner_accounts(*, case: Case) -> list[User]:
    """The accounts to inform of ``case``'s answer: its own and those of its merged cases.

    Sealed kinds have no accounts on the case (their senders are reached through the sealed
    area). People without an account are reached through each merged case's own contact
    fields: loop over ``[case, *case_merged_family(case=case)]``.
    """
    ids = [case.pk, *_family_ids(case)]
    users = (
        User.objects.filter(submitted_cases__pk__in=ids, is_active=True)
        .exclude(submitted_cases__kind__in=SEALED_KINDS)
        .distinct()
        .order_by("pk")
    )
    return list(users)


@dataclass(frozen=True)
class OtherCase:
    """Another case as one handler may see it (see the module docstring)."""

    case: Case
    visible: bool

    @property
    def sealed(self) -> bool:
        return self.case.kind in SEALED_KINDS

    @property
    def show_code(self) -> bool:
        return self.visible

    @property
    def show_details(self) -> bool:
        return self.visible and not self.sealed


@dataclass(frozen=True)
class SuggestionRow:
    suggestion: DuplicateSuggestion
    other: OtherCase
    can_merge: bool


@dataclass(frozen=True)
class DuplicateReview:
    """Everything on the duplicate review page of one case."""

    case: Case
    suggestions: list[SuggestionRow]
    incoming: list[SuggestionRow]  # later cases that may duplicate this one
    merged: list[Case]
    merged_into: OtherCase | None
    root: OtherCase | None  # the end of the chain when it is not ``merged_into``
    over_the_level: list[OtherCase] = field(default_factory=list)
    can_unmerge: bool = False

    @property
    def pending(self) -> list[SuggestionRow]:
        return [r for r in self.suggestions if r.suggestion.status == "pending"]

    @property
    def decided(self) -> list[SuggestionRow]:
        return [r for r in self.suggestions if r.suggestion.status != "pending"]


def _other(user: Any, case: Case) -> OtherCase:
    return OtherCase(case=case, visible=bool(user.has_perm("petitions.view_case", case)))


def _suggestions(case: Case) -> QuerySet[DuplicateSuggestion]:
    return DuplicateSuggestion.objects.select_related(
        "case", "case__unit", "candidate", "candidate__unit", "decided_by"
    ).order_by("-score", "pk")


def _rows(
    user: Any, suggestions: Iterable[DuplicateSuggestion], *, incoming: bool
) -> list[SuggestionRow]:
    rows = []
    for suggestion in suggestions:
        other_case = suggestion.case if incoming else suggestion.candidate
        other = _other(user, other_case)
        can_merge = (
            not incoming
            and suggestion.status == DuplicateSuggestion.Status.PENDING
            and suggestion.case.status != Case.Status.MERGED
            and bool(user.has_perm("petitions.handle_case", other_case))
        )
        rows.append(SuggestionRow(suggestion=suggestion, other=other, can_merge=can_merge))
    return rows


def duplicate_review(*, case: Case, user: Any) -> DuplicateReview:
    """The review page of ``case`` for ``user`` (who may handle it: the view checked)."""
    own = _suggestions(case).filter(case=case)
    incoming = _suggestions(case).filter(candidate=case, status=DuplicateSuggestion.Status.PENDING)
    merged_into = root = None
    can_unmerge = False
    if case.merged_into_id is not None:
        assert case.merged_into is not None
        merged_into = _other(user, case.merged_into)
        end = case_merge_root(case=case)
        if end.pk != case.merged_into_id:
            root = _other(user, end)
        can_unmerge = bool(user.has_perm("petitions.approve_case", case.merged_into))
    rows = _rows(user, own, incoming=False)
    lower = [
        r.other
        for r in rows
        if r.suggestion.reason == DuplicateSuggestion.Reason.OVER_THE_LEVEL
        and r.suggestion.status != DuplicateSuggestion.Status.DISMISSED
    ]
    return DuplicateReview(
        case=case,
        suggestions=rows,
        incoming=_rows(user, incoming, incoming=True),
        merged=case_merged_family(case=case),
        merged_into=merged_into,
        root=root,
        over_the_level=lower,
        can_unmerge=can_unmerge,
    )


@dataclass(frozen=True)
class DuplicatePanel:
    """The small box on the handler's case page (``_case_panel.html``)."""

    case: Case
    pending: int
    over_the_level: list[OtherCase]
    merged_into: OtherCase | None
    merged_count: int
    merged_people: int
    # The merged cases themselves (``case_merged_family``), for the page's own list.
    family: list[Case] = field(default_factory=list)


def duplicate_panel_for_case(*, case: Case, user: Any) -> DuplicatePanel:
    """Counts and links for the handler's case page; cheap (three small queries)."""
    suggestions = list(
        DuplicateSuggestion.objects.filter(case=case)
        .exclude(status=DuplicateSuggestion.Status.DISMISSED)
        .select_related("candidate", "candidate__unit")
    )
    family = case_merged_family(case=case)
    return DuplicatePanel(
        case=case,
        pending=sum(1 for s in suggestions if s.status == DuplicateSuggestion.Status.PENDING),
        over_the_level=[
            _other(user, s.candidate)
            for s in suggestions
            if s.reason == DuplicateSuggestion.Reason.OVER_THE_LEVEL
        ],
        merged_into=_other(user, case.merged_into) if case.merged_into is not None else None,
        merged_count=len(family),
        merged_people=sum(c.people_count for c in family if c.merged_into_id == case.pk),
        family=family,
    )
