"""Receiving a case and keeping its history and deadline: the spine every channel uses.

Intake channels (web form, reception desk, post, online session, Open311) all end in
:func:`case_receive`; handling steps append events with :func:`case_event_add` and move the
deadline with :func:`case_deadline_restart`. The due date on the row (``due_on``) is a
denormalised copy of what :func:`case_running_deadline` replays from the events, kept so the
officer inbox and the overdue sweep are index scans instead of replays.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.audit.services import audit_record
from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import RunningDeadline
from danvan.petitions.models import Case, CaseEvent, Field
from danvan.petitions.tracking import tracking_code_new
from danvan.units.folding import fold_for_search
from danvan.units.models import Unit, User

# The rule that runs from receipt, per kind (DOMAIN.md §2.1, §3.2, §4.1).
RECEIPT_RULES: dict[str, str] = {
    Case.Kind.PETITION: "petition_process",
    Case.Kind.COMPLAINT: "complaint_accept",
    Case.Kind.DENUNCIATION: "denunciation_accept",
    Case.Kind.MIXED: "petition_process",
    Case.Kind.ANONYMOUS_REPORT: "petition_process",
}


@dataclass(frozen=True)
class Petitioner:
    """Who sent a non-denunciation case (a denouncer's identity goes to the sealed vault)."""

    name: str = ""
    address: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""


def case_search_text(*, subject: str, content: str) -> str:
    """Diacritic-folded text for search (đ/Đ included), from non-identifying fields only."""
    return fold_for_search(f"{subject}\n{content}")


def _new_code() -> str:
    for _ in range(20):
        code = tracking_code_new()
        if not Case.objects.filter(tracking_code=code).exists():
            return code
    raise RuntimeError("could not draw a free tracking code")  # pragma: no cover - 1e-15 odds


def case_event_add(
    *,
    case: Case,
    kind: CaseEvent.Kind,
    actor: User | None = None,
    on: dt.date | None = None,
    note: str = "",
    legal_basis: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Append one event to the case's history (dated today in Vietnam unless ``on``)."""
    now = timezone.now()
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        occurred_at=now,
        occurred_on=on or timezone.localdate(now),
        actor=actor,
        note=note,
        legal_basis=legal_basis,
        data=data or {},
    )


DEADLINE_EVENT_KINDS = frozenset(
    {
        CaseEvent.Kind.DEADLINE_STARTED,
        CaseEvent.Kind.PAUSED,
        CaseEvent.Kind.RESUMED,
        CaseEvent.Kind.EXTENDED,
    }
)


def case_running_deadline(
    *, case: Case, events: Iterable[CaseEvent] | None = None
) -> RunningDeadline | None:
    """Replay the case's deadline from its events; ``None`` when no rule runs.

    ``events``: the case's whole history in order, when the caller has read it already
    (the case page shows it), to save reading it twice.
    """
    if not case.rule_code:
        return None
    config = deadline_config()
    deadline: RunningDeadline | None = None
    if events is None:
        history: Iterable[CaseEvent] = case.events.filter(kind__in=DEADLINE_EVENT_KINDS).order_by(
            "occurred_at", "pk"
        )
    else:
        history = (event for event in events if event.kind in DEADLINE_EVENT_KINDS)
    for event in history:
        if event.kind == CaseEvent.Kind.DEADLINE_STARTED:
            deadline = config.running(
                event.data["rule"],
                on=event.occurred_on,
                remote_area=bool(event.data.get("remote_area", False)),
            )
        elif deadline is None:
            continue
        elif event.kind == CaseEvent.Kind.PAUSED:
            deadline = deadline.pause(event.occurred_on, legal_basis=event.legal_basis)
        elif event.kind == CaseEvent.Kind.RESUMED:
            deadline = deadline.resume(event.occurred_on, legal_basis=event.legal_basis)
        else:
            count = event.data.get("count")
            deadline = deadline.extend(
                event.occurred_on,
                code=str(event.data["extension"]),
                legal_basis=event.legal_basis,
                count=int(count) if count is not None else None,
            )
    return deadline


@transaction.atomic
def case_deadline_restart(
    *, case: Case, rule_code: str, on: dt.date, actor: User | None = None
) -> Case:
    """Start the deadline of a new stage (e.g. resolution after acceptance) from ``on``."""
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.DEADLINE_STARTED,
        actor=actor,
        on=on,
        data={"rule": rule_code, "remote_area": case.is_remote_area},
    )
    case.rule_code = rule_code
    running = case_running_deadline(case=case)
    case.due_on = running.due_date if running is not None else None
    case.save(update_fields=["rule_code", "due_on", "updated_at"])
    return case


def case_receive(
    *,
    kind: Case.Kind,
    channel: Case.Channel,
    subject: str,
    content: str,
    receiving_unit: Unit,
    unit: Unit | None = None,
    received_at: dt.datetime | None = None,
    field: Field | None = None,
    petitioner: Petitioner | None = None,
    submitted_by: User | None = None,
    people_count: int = 1,
    idempotency_key: str | None = None,
    entered_by: User | None = None,
) -> tuple[Case, bool]:
    """Record a new case and start its receipt deadline; return ``(case, created)``.

    A repeated ``idempotency_key`` (double click, retry after a lost response) returns the
    case made the first time with ``created=False``, even when two requests race.
    Denunciations must not carry a petitioner or an account: their identity is sealed by
    ``danvan.petitions.services.sealed``.
    """
    if kind == Case.Kind.DENUNCIATION and (petitioner is not None or submitted_by is not None):
        raise ValueError("a denouncer's identity must go to the sealed vault, not the case")
    if idempotency_key:
        existing = Case.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            case = _case_create(
                kind=kind,
                channel=channel,
                subject=subject,
                content=content,
                receiving_unit=receiving_unit,
                unit=unit or receiving_unit,
                received_at=received_at or timezone.now(),
                field=field,
                petitioner=petitioner or Petitioner(),
                submitted_by=submitted_by,
                people_count=people_count,
                idempotency_key=idempotency_key or None,
                entered_by=entered_by,
            )
    except IntegrityError:
        if idempotency_key:
            existing = Case.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, False
        raise
    # Every channel ends here: index the case and look for duplicates once it is committed
    # (imported here because services.duplicates builds on this module).
    from danvan.petitions.services.duplicates import duplicate_scan_on_commit

    duplicate_scan_on_commit(case=case)
    return case, True


def _case_create(
    *,
    kind: Case.Kind,
    channel: Case.Channel,
    subject: str,
    content: str,
    receiving_unit: Unit,
    unit: Unit,
    received_at: dt.datetime,
    field: Field | None,
    petitioner: Petitioner,
    submitted_by: User | None,
    people_count: int,
    idempotency_key: str | None,
    entered_by: User | None,
) -> Case:
    case = Case(
        tracking_code=_new_code(),
        kind=kind,
        channel=channel,
        status=Case.Status.RECEIVED,
        field=field,
        subject=subject.strip(),
        content=content.strip(),
        received_at=received_at,
        received_on=timezone.localdate(received_at),
        receiving_unit=receiving_unit,
        unit=unit,
        submitted_by=submitted_by,
        petitioner_name=petitioner.name.strip(),
        petitioner_address=petitioner.address.strip(),
        petitioner_id_number=petitioner.id_number.strip(),
        petitioner_phone=petitioner.phone.strip(),
        petitioner_email=petitioner.email.strip(),
        people_count=people_count,
        is_remote_area=unit.is_remote_area,
        idempotency_key=idempotency_key,
        entered_by=entered_by,
    )
    if kind != Case.Kind.DENUNCIATION:
        case.search_text = case_search_text(subject=case.subject, content=case.content)
    case.full_clean(exclude=["tracking_code", "idempotency_key", "search_text"])
    case.save()
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.RECEIVED,
        actor=entered_by,
        on=case.received_on,
        data={"channel": str(channel)},
    )
    case_deadline_restart(
        case=case, rule_code=RECEIPT_RULES[kind], on=case.received_on, actor=entered_by
    )
    audit_record(
        # A denouncer is never named in the audit log, not even as the actor.
        actor=None if kind == Case.Kind.DENUNCIATION else (entered_by or submitted_by),
        verb="case.receive",
        target=case,
        data={"kind": str(kind), "channel": str(channel), "unit": unit.code},
    )
    return case


def field_defaults_ensure() -> int:
    """Create the default fields that are missing (idempotent); return how many were made."""
    from danvan.petitions.field_list import FIELDS

    made = 0
    for code, name, name_en in FIELDS:
        _, created = Field.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en}
        )
        made += int(created)
    return made
