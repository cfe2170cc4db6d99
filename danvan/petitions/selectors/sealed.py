"""Reads of the sealed area: the denouncer's follow-up, requests to open an identity, and
anonymous reports. Nothing here decrypts (see ``danvan.petitions.custody``)."""

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.core.access import get_object_for_user_or_404
from danvan.petitions.models import (
    AnonymousReport,
    Case,
    CaseAnswer,
    CaseEvent,
    DenouncerFollowUp,
    IdentityOpenRequest,
    SealedIdentity,
)
from danvan.petitions.rules import may_open_sealed_identity
from danvan.petitions.services.sealed import (
    HANDLE_PERM,
    receipt_code_digests,
    receipt_code_normalise,
)
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit

# What the denouncer reads about their case: no names, no notes, no internal steps.
FOLLOW_UP_STATUS: dict[str, Promise] = {
    Case.Status.RECEIVED: _("Received, being examined"),
    Case.Status.CLASSIFIED: _("Being examined"),
    Case.Status.NOT_ELIGIBLE: _("Does not meet the conditions for handling; kept on file"),
    Case.Status.SPLIT: _("Being examined"),
    Case.Status.MERGED: _("Handled together with a denunciation of the same content"),
    Case.Status.FORWARDED: _("Forwarded to the competent body"),
    Case.Status.RETURNED: _("Returned with guidance on where to send it"),
    Case.Status.ACCEPTED: _("Accepted and being resolved"),
    Case.Status.SUSPENDED: _("Resolution suspended"),
    Case.Status.ANSWER_DRAFTED: _("Accepted and being resolved"),
    Case.Status.ANSWER_APPROVED: _("Accepted and being resolved"),
    Case.Status.ANSWERED: _("Concluded; the answer was sent"),
    Case.Status.CLOSED: _("Closed"),
    Case.Status.WITHDRAWN: _("Withdrawn"),
    Case.Status.TERMINATED: _("Resolution terminated"),
}
FOLLOW_UP_EVENTS: dict[str, Promise] = {
    CaseEvent.Kind.RECEIVED: _("Your denunciation was received."),
    CaseEvent.Kind.CLASSIFIED: _("It was examined and classified."),
    CaseEvent.Kind.CONDITIONS_CHECKED: _("The conditions for handling it were checked."),
    CaseEvent.Kind.MERGED: _("It was joined to a denunciation of the same content."),
    CaseEvent.Kind.FORWARDED: _("It was forwarded to the competent body."),
    CaseEvent.Kind.RETURNED: _("It was returned with guidance."),
    CaseEvent.Kind.ACCEPTED: _("It was accepted for resolution."),
    CaseEvent.Kind.PAUSED: _("Resolution was suspended."),
    CaseEvent.Kind.RESUMED: _("Resolution was resumed."),
    CaseEvent.Kind.EXTENDED: _("The time limit for resolution was extended."),
    CaseEvent.Kind.ANSWER_SENT: _("The conclusion was sent."),
    CaseEvent.Kind.PUBLISHED: _("The conclusion was published."),
    CaseEvent.Kind.WITHDRAWN: _("The denunciation was withdrawn."),
}


@dataclass(frozen=True)
class FollowUpEvent:
    on: dt.date
    text: str


@dataclass(frozen=True)
class FollowUpView:
    """The denouncer's page: status, history and answer, never a person's name."""

    kind: str
    received_on: dt.date
    unit_name: str
    status: str
    due_on: dt.date | None
    history: list[FollowUpEvent]
    answer: str
    answered_on: dt.date | None


def follow_up_case_find(*, code: str) -> Case | None:
    """The case whose receipt code is ``code``; ``None`` for malformed, unknown or wrong.

    One indexed query on the keyed hash, then a constant-time comparison; a malformed code
    runs the same work on a dummy value, so all failures look and take alike.
    """
    normalised = receipt_code_normalise(code)
    digests = receipt_code_digests(normalised or "-" * 28)
    rows = list(
        DenouncerFollowUp.objects.filter(code_hash__in=digests).select_related(
            "case", "case__unit", "case__merged_into"
        )
    )
    found: Case | None = None
    for row in rows:
        if any(hmac.compare_digest(row.code_hash, digest) for digest in digests):
            found = row.case
    return found if normalised else None


def _effective(case: Case) -> Case:
    seen: set[int] = set()
    current = case
    while current.merged_into_id is not None and current.pk not in seen:
        seen.add(current.pk)
        current = Case.objects.select_related("unit", "merged_into").get(pk=current.merged_into_id)
    return current


def follow_up_view(*, case: Case) -> FollowUpView:
    """What the denouncer sees about ``case`` (following a merge to the surviving case)."""
    effective = _effective(case)
    events = CaseEvent.objects.filter(case__in={case.pk, effective.pk}).order_by("occurred_at")
    history = [
        FollowUpEvent(on=event.occurred_on, text=str(FOLLOW_UP_EVENTS[event.kind]))
        for event in events
        if event.kind in FOLLOW_UP_EVENTS
    ]
    answer = CaseAnswer.objects.filter(case=effective, sent_at__isnull=False).first()
    return FollowUpView(
        kind=case.get_kind_display(),
        received_on=case.received_on,
        unit_name=effective.unit.name,
        status=str(FOLLOW_UP_STATUS.get(effective.status, effective.get_status_display())),
        due_on=effective.due_on if effective.is_open else None,
        history=history,
        answer=answer.body if answer is not None else "",
        answered_on=answer.sent_at.date() if answer is not None and answer.sent_at else None,
    )


# --------------------------------------------------------------------------- requests


def units_q(user: Any, *, role: str, prefix: str) -> Q:
    """Rows whose ``prefix`` unit is one where ``user`` holds ``role``, or a unit below it."""
    query = Q(pk__in=[])
    paths = RoleAssignment.objects.filter(
        user=user, role=role, is_active=True, unit__is_active=True
    ).values_list("unit__path", flat=True)
    for path in paths:
        query |= Q(**{f"{prefix}__path": path}) | Q(
            **{f"{prefix}__path__startswith": path + PATH_SEPARATOR}
        )
    return query


def identity_requests_for_custodian(*, user: Any) -> QuerySet[IdentityOpenRequest]:
    """Requests on cases of the units where ``user`` is custodian (and below), newest first."""
    return (
        IdentityOpenRequest.objects.filter(
            units_q(user, role=RoleAssignment.Role.CUSTODIAN, prefix="case__unit")
        )
        .exclude(requested_by=user)
        .select_related("case", "case__unit")
        .order_by("-created_at", "-pk")
    )


def identity_requests_pending_count(*, user: Any) -> int:
    return (
        identity_requests_for_custodian(user=user)
        .filter(status=IdentityOpenRequest.Status.PENDING)
        .count()
    )


def identity_requests_of_case(*, case: Case) -> QuerySet[IdentityOpenRequest]:
    return IdentityOpenRequest.objects.filter(case=case).order_by("-created_at", "-pk")


def access_identity_request_for_custodian(user: Any, *, pk: int) -> IdentityOpenRequest:
    """The request ``pk`` if ``user`` is a custodian of its case's unit; else ``Http404``."""
    return get_object_for_user_or_404(
        IdentityOpenRequest.objects.select_related("case", "case__unit", "requested_by"),
        allowed=lambda r: may_open_sealed_identity(user, r.case),
        pk=pk,
    )


def case_is_sealed(*, case: Case) -> bool:
    return SealedIdentity.objects.filter(case_id=case.pk).exists()


@dataclass(frozen=True)
class SealedCasePanel:
    """For the handlers' case page: the identity is sealed, and what they may do about it."""

    is_sealed: bool
    can_request: bool
    requests: list[IdentityOpenRequest]
    is_anonymous_report: bool


def sealed_case_panel(*, case: Case, user: Any) -> SealedCasePanel:
    """The context of ``petitions/sealed/_case_panel.html`` (include it on a case page)."""
    sealed = case_is_sealed(case=case)
    return SealedCasePanel(
        is_sealed=sealed,
        can_request=sealed and bool(user.has_perm(HANDLE_PERM, case)),
        requests=list(identity_requests_of_case(case=case).filter(requested_by=user)),
        is_anonymous_report=case.kind == Case.Kind.ANONYMOUS_REPORT,
    )


# --------------------------------------------------------------------------- anonymous reports


def anonymous_reports_for_unit(*, unit: Unit, include_below: bool) -> QuerySet[Case]:
    """Anonymous reports handled by ``unit`` (and the units below it for heads)."""
    query = Q(unit=unit)
    if include_below:
        query |= Q(unit__path__startswith=unit.path + PATH_SEPARATOR)
    return (
        Case.objects.filter(query, kind=Case.Kind.ANONYMOUS_REPORT)
        .select_related("unit", "anonymous_report")
        .order_by("-received_at", "-pk")
    )


def anonymous_report_of(*, case: Case) -> AnonymousReport | None:
    return AnonymousReport.objects.filter(case=case).select_related("forwarded_to").first()
