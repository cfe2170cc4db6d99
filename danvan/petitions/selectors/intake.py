"""Reads for intake: units a petition may be addressed to, receipts, the public tracking view,
the reception book and online sessions.

The public tracking view is built here rather than in a template so that what a citizen may
see is decided in one place: no staff names, no internal notes, no personal data, and no
denunciation at all (a denouncer follows the case with the sealed receipt code instead).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import Rule, TimeUnit
from danvan.petitions.models import Case, CaseAnswer, CaseEvent
from danvan.petitions.models.intake import (
    Attachment,
    CaseRating,
    ReceptionBookEntry,
    ReceptionSession,
)
from danvan.petitions.services.handling import case_redact
from danvan.petitions.tracking import tracking_code_normalise
from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.selectors import unit_search

# Bodies a petition can be addressed to: every kind of unit that is not a place.
ADDRESSABLE_KINDS: frozenset[str] = frozenset(set(Unit.Kind.values) - set(Unit.PLACE_KINDS))

# Kinds that are never shown on the public tracking page (followed up by sealed receipt).
UNTRACKABLE_KINDS: frozenset[str] = frozenset({Case.Kind.DENUNCIATION, Case.Kind.ANONYMOUS_REPORT})

# Online reception timeline, ND 154/2026 Art 23 (counted back from the session day).
SESSION_NOTICE_WORKING_DAYS = 5
SESSION_TEST_WORKING_DAYS = 1
SESSION_CONNECT_BEFORE = dt.timedelta(hours=1)
SESSION_TIMELINE_BASIS = "Nghị định 154/2026/NĐ-CP, Điều 23"

# --------------------------------------------------------------------------- units


def intake_units_for_choice(*, query: str = "", limit: int = 30) -> list[Unit]:
    """Bodies matching ``query`` (diacritics ignored); without a query, the first ones."""
    if query.strip():
        return unit_search(query=query, kinds=ADDRESSABLE_KINDS, limit=limit)
    return list(
        Unit.objects.filter(kind__in=ADDRESSABLE_KINDS, is_active=True)
        .select_related("parent")
        .order_by("path")[:limit]
    )


def intake_unit_resolve(*, code: str) -> Unit | None:
    """The body a petition for ``code`` goes to: the body itself, or a place's People's
    Committee (a commune is chosen on a map or a link; its committee receives)."""
    unit = Unit.objects.filter(code=code, is_active=True).select_related("parent").first()
    if unit is None or unit.kind in ADDRESSABLE_KINDS:
        return unit
    return (
        Unit.objects.filter(parent=unit, kind=Unit.Kind.PEOPLES_COMMITTEE, is_active=True)
        .select_related("parent")
        .order_by("path")
        .first()
    )


def intake_addressable_units() -> QuerySet[Unit]:
    """Every body a petition may be addressed to (for validating a choice)."""
    return Unit.objects.filter(kind__in=ADDRESSABLE_KINDS, is_active=True).select_related("parent")


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class DeadlineInfo:
    """A running legal time limit as a citizen reads it on the receipt."""

    due_on: dt.date
    count: int
    working_days: bool
    description: str
    legal_basis: str


def _rule_description(rule: Rule) -> str:
    language = translation.get_language() or "vi"
    return rule.description_en if language.startswith("en") else rule.description_vi


def case_first_deadline(*, case: Case) -> DeadlineInfo | None:
    """The time limit now running on the case, with the rule's description and legal basis."""
    if not case.rule_code or case.due_on is None:
        return None
    rule = deadline_config().rule(case.rule_code, on=case.received_on)
    return DeadlineInfo(
        due_on=case.due_on,
        count=rule.count_for(remote_area=case.is_remote_area),
        working_days=rule.unit is TimeUnit.WORKING_DAY,
        description=_rule_description(rule),
        legal_basis=rule.legal_basis,
    )


# --------------------------------------------------------------------------- tracking

# What a citizen reads for each status: handling stages inside the unit read as one.
PUBLIC_STATUS: dict[str, Promise] = {
    Case.Status.RECEIVED: _("Received, being examined"),
    Case.Status.CLASSIFIED: _("Being examined and classified"),
    Case.Status.NOT_ELIGIBLE: _("Does not meet the conditions for handling; kept on file"),
    Case.Status.SPLIT: _("Split into separate cases"),
    Case.Status.MERGED: _("Merged with a petition of the same content"),
    Case.Status.FORWARDED: _("Forwarded to the competent body"),
    Case.Status.RETURNED: _("Returned with guidance on where to send it"),
    Case.Status.ACCEPTED: _("Accepted and being resolved"),
    Case.Status.SUSPENDED: _("Resolution suspended"),
    Case.Status.ANSWER_DRAFTED: _("Accepted and being resolved"),
    Case.Status.ANSWER_APPROVED: _("Accepted and being resolved"),
    Case.Status.ANSWERED: _("Answered"),
    Case.Status.CLOSED: _("Closed"),
    Case.Status.WITHDRAWN: _("Withdrawn"),
    Case.Status.TERMINATED: _("Resolution terminated"),
}

# History lines a citizen sees; other events (notes, warnings, drafts) stay internal.
PUBLIC_EVENTS: dict[str, Promise] = {
    CaseEvent.Kind.RECEIVED: _("Your petition was received."),
    CaseEvent.Kind.CLASSIFIED: _("The petition was classified."),
    CaseEvent.Kind.CONDITIONS_CHECKED: _("The conditions for handling it were checked."),
    CaseEvent.Kind.SPLIT: _("The petition was split into separate cases, one per content."),
    CaseEvent.Kind.MERGED: _("The petition was merged with another of the same content."),
    CaseEvent.Kind.FORWARDED: _("The petition was forwarded to the competent body."),
    CaseEvent.Kind.RETURNED: _("The petition was returned with guidance."),
    CaseEvent.Kind.REFUSED: _("Reception was refused with a written notice."),
    CaseEvent.Kind.ACCEPTED: _("The petition was accepted for resolution."),
    CaseEvent.Kind.PAUSED: _("Resolution was suspended."),
    CaseEvent.Kind.RESUMED: _("Resolution was resumed."),
    CaseEvent.Kind.EXTENDED: _("The time limit for resolution was extended."),
    CaseEvent.Kind.ANSWER_SENT: _("The answer was sent."),
    CaseEvent.Kind.PUBLISHED: _("The answer was published."),
    CaseEvent.Kind.RATED: _("The answer was rated."),
    CaseEvent.Kind.WITHDRAWN: _("The petition was withdrawn."),
}


@dataclass(frozen=True)
class PublicEvent:
    on: dt.date
    text: str


@dataclass(frozen=True)
class PublicAnswer:
    """An answer as the citizen reads it: the published copy (redacted when published), or
    the answer sent to them with personal data redacted the same way."""

    published_on: dt.date | None
    title: str
    text: str
    sent_on: dt.date | None = None


@dataclass(frozen=True)
class PublicCaseView:
    """Everything the public tracking page shows about one case."""

    case: Case
    status: str
    unit_name: str
    deadline: DeadlineInfo | None
    history: list[PublicEvent]
    answer: PublicAnswer | None
    merged_into_code: str
    split_codes: list[str]
    rating: CaseRating | None
    can_rate: bool


def case_find_for_tracking(*, code: str) -> Case | None:
    """The case with tracking ``code`` if the public may follow it; ``None`` otherwise.

    Malformed codes, unknown codes and denunciations all give ``None``: the page shows one
    message for all of them, so a code's existence cannot be probed.
    """
    normalised = tracking_code_normalise(code)
    if not normalised:
        return None
    return (
        Case.objects.select_related("unit", "receiving_unit", "merged_into", "merged_into__unit")
        .exclude(kind__in=UNTRACKABLE_KINDS)
        .filter(tracking_code=normalised)
        .first()
    )


def _effective(case: Case) -> Case:
    """Follow ``merged_into`` to the case that is handled now (the old code keeps working)."""
    seen: set[int] = set()
    current = case
    while current.merged_into_id is not None and current.pk not in seen:
        seen.add(current.pk)
        assert current.merged_into is not None
        current = current.merged_into
    return current


def case_is_answered(*, case: Case) -> bool:
    """True once the answer was sent (the citizen may then confirm and rate it)."""
    effective = _effective(case)
    if effective.status == Case.Status.ANSWERED:
        return True
    if CaseAnswer.objects.filter(case=effective, sent_at__isnull=False).exists():
        return True
    return effective.events.filter(kind=CaseEvent.Kind.ANSWER_SENT).exists()


def _public_answer(case: Case) -> PublicAnswer | None:
    """The answer for the tracking page, never the original text.

    The copy the head published if there is one; otherwise, once the answer was sent, the
    sent answer with personal data redacted as for publication: the receipt promises the
    answer on this page, and most answers (petitions, first-time complaints) are never
    published, while the tracking code alone opens the page.
    """
    answer = CaseAnswer.objects.filter(case=case).first()
    if answer is None:
        return None
    if answer.published and answer.published_body.strip():
        return PublicAnswer(
            published_on=answer.published_on,
            title=answer.published_title,
            text=answer.published_body,
        )
    if answer.sent_at is None or not answer.body.strip():
        return None
    return PublicAnswer(
        published_on=None,
        title="",
        text=case_redact(case=case, text=answer.body),
        sent_on=timezone.localdate(answer.sent_at),
    )


def case_public_view(*, case: Case) -> PublicCaseView:
    """The public view of ``case`` (for a case found by :func:`case_find_for_tracking`)."""
    effective = _effective(case)
    events = [case.events.all()]
    if effective.pk != case.pk:
        events.append(effective.events.all())
    history = [
        PublicEvent(on=event.occurred_on, text=str(PUBLIC_EVENTS[event.kind]))
        for queryset in events
        for event in queryset
        if event.kind in PUBLIC_EVENTS
    ]
    history.sort(key=lambda item: item.on)
    rating = CaseRating.objects.filter(case=case).first()
    answered = case_is_answered(case=case)
    return PublicCaseView(
        case=case,
        status=str(PUBLIC_STATUS.get(effective.status, effective.get_status_display())),
        unit_name=effective.unit.name,
        deadline=case_first_deadline(case=effective) if effective.is_open else None,
        history=history,
        answer=_public_answer(effective),
        merged_into_code=effective.display_code if effective.pk != case.pk else "",
        split_codes=[
            child.display_code
            for child in case.split_cases.exclude(kind__in=UNTRACKABLE_KINDS).order_by("pk")
        ],
        rating=rating,
        can_rate=answered and rating is None,
    )


def cases_submitted_by(*, user: User) -> QuerySet[Case]:
    """The cases a signed-in person sent with their account (never denunciations)."""
    return (
        Case.objects.filter(submitted_by=user)
        .exclude(kind__in=UNTRACKABLE_KINDS)
        .select_related("unit")
        .order_by("-received_at", "-pk")
    )


def case_get_for_owner(*, user: User, code: str) -> Case | None:
    """The case with ``code`` if ``user`` sent it with their account."""
    normalised = tracking_code_normalise(code)
    if not normalised or not user.is_authenticated:
        return None
    return cases_submitted_by(user=user).filter(tracking_code=normalised).first()


# --------------------------------------------------------------------------- attachments


def case_attachments(*, case: Case) -> QuerySet[Attachment]:
    """The files sent with ``case``, in the order they came."""
    return Attachment.objects.filter(case=case).order_by("pk")


def attachment_find(*, code: str, pk: int) -> Attachment | None:
    """The attachment ``pk`` of the case with tracking ``code`` (access is the caller's)."""
    normalised = tracking_code_normalise(code)
    if not normalised:
        return None
    return (
        Attachment.objects.filter(pk=pk, case__tracking_code=normalised)
        .select_related("case")
        .first()
    )


# --------------------------------------------------------------------------- reception book


def reception_book_entries(
    *,
    unit: Unit,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kind: str | None = None,
) -> QuerySet[ReceptionBookEntry]:
    """The reception book of ``unit`` (form 03/TCD) between two dates, in book order.

    For exports: rows come oldest first by reception date and number, with the case and the
    session preloaded. A denunciation's columns 3–4 are empty (``identity_sealed``).
    """
    queryset = ReceptionBookEntry.objects.filter(unit=unit)
    if date_from is not None:
        queryset = queryset.filter(received_on__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(received_on__lte=date_to)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.select_related("case", "session", "unit").order_by(
        "received_on", "year", "sequence"
    )


def reception_entry_get(*, unit: Unit, pk: int) -> ReceptionBookEntry | None:
    return (
        ReceptionBookEntry.objects.filter(unit=unit, pk=pk)
        .select_related("case", "session", "unit", "entered_by")
        .first()
    )


# --------------------------------------------------------------------------- online sessions


@dataclass(frozen=True)
class SessionTimeline:
    """The Art 23 dates of an online session, counted back from its day."""

    notify_by: dt.date
    connection_test_by: dt.date
    connect_by: dt.datetime
    legal_basis: str = SESSION_TIMELINE_BASIS


def session_timeline(*, scheduled_start: dt.datetime) -> SessionTimeline:
    """Latest dates for the notice (≥ 5 working days before), the connection test
    (≥ 1 working day before) and the connection itself (≥ 1 hour before)."""
    calendar = deadline_config().calendar
    day = timezone.localdate(scheduled_start)
    return SessionTimeline(
        notify_by=calendar.add_working_days(day, -SESSION_NOTICE_WORKING_DAYS),
        connection_test_by=calendar.add_working_days(day, -SESSION_TEST_WORKING_DAYS),
        connect_by=scheduled_start - SESSION_CONNECT_BEFORE,
    )


def session_earliest_day(*, notified_on: dt.date) -> dt.date:
    """The first day a session can be held when the parties are notified on ``notified_on``.

    Counting from the next working day if the notice went out on a day off keeps this the
    exact inverse of :func:`session_timeline`'s ``notify_by``.
    """
    calendar = deadline_config().calendar
    start = calendar.next_working_day(notified_on)
    return calendar.add_working_days(start, SESSION_NOTICE_WORKING_DAYS)


def reception_sessions_for_unit(*, unit: Unit) -> QuerySet[ReceptionSession]:
    return (
        ReceptionSession.objects.filter(unit=unit)
        .select_related("presiding", "unit")
        .order_by("-scheduled_start", "-pk")
    )


def reception_sessions_open(*, unit: Unit) -> QuerySet[ReceptionSession]:
    """Sessions of ``unit`` receptions can still be recorded in (not cancelled)."""
    return reception_sessions_for_unit(unit=unit).exclude(status=ReceptionSession.Status.CANCELLED)


def reception_session_get(*, unit: Unit, pk: int) -> ReceptionSession | None:
    return (
        reception_sessions_for_unit(unit=unit)
        .filter(pk=pk)
        .prefetch_related("participants")
        .first()
    )


def unit_heads(*, unit: Unit) -> QuerySet[User]:
    """People who hold the head role in ``unit`` itself (they may preside a session)."""
    return (
        User.objects.filter(
            role_assignments__unit=unit,
            role_assignments__role=RoleAssignment.Role.HEAD,
            role_assignments__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def unit_officials(*, unit: Unit) -> QuerySet[User]:
    """People who hold a staff role in ``unit`` itself (possible session participants)."""
    staff_roles = [
        role for role in RoleAssignment.Role.values if role != RoleAssignment.Role.CITIZEN
    ]
    return (
        User.objects.filter(
            role_assignments__unit=unit,
            role_assignments__role__in=staff_roles,
            role_assignments__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )
