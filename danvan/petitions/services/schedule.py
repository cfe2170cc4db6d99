"""Planning and recording the heads' citizen reception days.

Rules kept here: a reception day is a working day of the legal calendar (holidays and
swapped days included, ``danvan.deadlines``) and not in the past; the person receiving is a
head of the unit; one day per head per date; a commune chairman may not delegate regular
reception from 1/7/2026 (Law 136/2025/QH15), other heads may name a deputy. A day is
recorded as held only once it has come, and a cancellation needs a reason, because the
schedule is public (Law on Citizen Reception Art 24).
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from danvan.audit.services import audit_record
from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import deadline_config
from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.petitions.selectors.schedule import WEEKDAYS, reception_duty_for, unit_heads
from danvan.units.models import Unit, User

Kind = ReceptionScheduleDay.Kind
Status = ReceptionScheduleDay.Status


def _not_a_working_day(day: dt.date) -> str | None:
    calendar = deadline_config().calendar
    if calendar.is_working_day(day):
        return None
    info = calendar.day_info(day, language=translation.get_language() or "vi")
    message = gettext("%(weekday)s %(date)s is not a working day") % {
        "weekday": WEEKDAYS[day.weekday()],
        "date": short_date(day),
    }
    if info.name:
        message += f" ({info.name})"
    return message + ". " + gettext("Reception days are held on working days.")


def _is_head(user: User, unit: Unit) -> bool:
    return unit_heads(unit=unit).filter(user=user).exists()


@transaction.atomic
def reception_day_plan(
    *,
    unit: Unit,
    head: User,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    actor: User,
    kind: str = Kind.REGULAR,
    delegate: User | None = None,
    online_link: str = "",
    note: str = "",
) -> ReceptionScheduleDay:
    """Put a reception day on ``unit``'s published schedule."""
    if date < timezone.localdate():
        raise ApplicationError(gettext("A reception day cannot be planned in the past."))
    problem = _not_a_working_day(date)
    if problem:
        raise ApplicationError(problem)
    if not _is_head(head, unit):
        raise ApplicationError(gettext("The person receiving must be a head of this unit."))
    if delegate is not None:
        if delegate.pk == head.pk or not _is_head(delegate, unit):
            raise ApplicationError(
                gettext("The delegate must be another head (a deputy) of this unit.")
            )
        duty = reception_duty_for(unit=unit, on=date)
        if kind == Kind.REGULAR and duty is not None and not duty.may_delegate:
            raise ApplicationError(
                gettext(
                    "The chairman of a commune People's Committee must receive citizens in "
                    "person on regular days and may not delegate it (%(basis)s)."
                )
                % {"basis": duty.legal_basis}
            )
    day = ReceptionScheduleDay(
        unit=unit,
        head=head,
        delegate=delegate,
        kind=kind,
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        online_link=online_link.strip(),
        note=note.strip(),
        created_by=actor,
    )
    if end_time <= start_time:
        raise ApplicationError(gettext("The end time must be after the start time."))
    taken = ReceptionScheduleDay.objects.filter(head=head, date=date).exclude(
        status=Status.CANCELLED
    )
    if taken.exists():
        raise ApplicationError(gettext("This head already has a reception day on that date."))
    day.full_clean()
    try:
        with transaction.atomic():
            day.save()
    except IntegrityError:  # pragma: no cover - a concurrent request took the same date
        raise ApplicationError(
            gettext("This head already has a reception day on that date.")
        ) from None
    audit_record(
        actor=actor,
        verb="reception_day.plan",
        target=day,
        data={"unit": unit.code, "head": head.pk, "date": date, "kind": kind},
    )
    return day


def _locked(day: ReceptionScheduleDay) -> ReceptionScheduleDay:
    return ReceptionScheduleDay.objects.select_for_update().select_related("unit").get(pk=day.pk)


@transaction.atomic
def reception_day_record_held(
    *, day: ReceptionScheduleDay, actor: User, outcome_note: str = ""
) -> ReceptionScheduleDay:
    """Record that the day took place (only on or after the day itself)."""
    day = _locked(day)
    if day.status != Status.PLANNED:
        raise ApplicationError(gettext("Only a planned day can be recorded as held."))
    if day.date > timezone.localdate():
        raise ApplicationError(gettext("A day can be recorded as held only once it has come."))
    day.status = Status.HELD
    day.outcome_note = outcome_note.strip()
    day.full_clean()
    day.save(update_fields=["status", "outcome_note", "updated_at"])
    audit_record(actor=actor, verb="reception_day.held", target=day, data={"date": day.date})
    return day


@transaction.atomic
def reception_day_cancel(
    *, day: ReceptionScheduleDay, actor: User, reason: str
) -> ReceptionScheduleDay:
    """Cancel a planned day; the reason is published with it."""
    reason = reason.strip()
    if not reason:
        raise ApplicationError(gettext("Give the reason for cancelling."))
    day = _locked(day)
    if day.status != Status.PLANNED:
        raise ApplicationError(gettext("Only a planned day can be cancelled."))
    day.status = Status.CANCELLED
    day.cancel_reason = reason
    day.full_clean()
    day.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit_record(actor=actor, verb="reception_day.cancel", target=day, data={"date": day.date})
    return day
