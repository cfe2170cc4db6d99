"""Reads for comments before decisions (Law 10/2022/QH15 Arts 25–28).

``household_accounts_in`` is what the consultations app asks when a consultation takes
"one vote per household": the account must be the representative's account
(``Household.account``) of an active household in a village of the commune the
consultation is held in (the place of its drafting unit, e.g. the commune's People's
Committee serves the commune).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.consultations.models import Consultation, SynthesisReport
from danvan.democracy.models.comments import CommuneMatter
from danvan.democracy.models.households import Household
from danvan.democracy.selectors.households import COMMUNE_KINDS
from danvan.units.models import PATH_SEPARATOR, Unit
from danvan.units.predicates import places_served

# Art 28(2): comments are taken for at least 20 days from publication of the content.
MINIMUM_DAYS = 20


def place_path(consultation: Consultation) -> str:
    """The path of the place the consultation's drafting unit serves (its commune)."""
    path = consultation.unit.path
    return places_served([path])[path][1]


def place_of(consultation: Consultation) -> Unit | None:
    """The commune (or ward) a consultation is held in, None when it is not a commune's."""
    code = place_path(consultation).split(PATH_SEPARATOR)[-1]
    return Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()


def household_accounts_in(user: Any, consultation: Consultation) -> QuerySet[Household]:
    """The active households of the consultation's commune whose account is ``user``."""
    if not getattr(user, "is_authenticated", False):
        return Household.objects.none()
    return Household.objects.filter(
        account=user,
        is_active=True,
        village__kind=Unit.Kind.VILLAGE,
        village__path__startswith=place_path(consultation) + PATH_SEPARATOR,
    ).order_by("pk")


def may_answer_for_household(user: Any, consultation: Consultation) -> bool:
    """Whether ``user`` represents a household of the consultation's commune."""
    return household_accounts_in(user, consultation).exists()


# ------------------------------------------------------------------ the commune's list


def window_days(consultation: Consultation) -> int | None:
    """Days from publication to the last day (the day of publication not counted)."""
    if consultation.opens_at is None or consultation.last_day is None:
        return None
    return (consultation.last_day - timezone.localdate(consultation.opens_at)).days


def window_too_short(consultation: Consultation, special_law: str = "") -> bool:
    days = window_days(consultation)
    return days is not None and days < MINIMUM_DAYS and not special_law.strip()


@dataclass(frozen=True)
class MatterRow:
    """One line of the commune's list: the matter, its window and its synthesis."""

    matter: CommuneMatter
    consultation: Consultation
    status: str
    opens_on: dt.date | None
    last_day: dt.date | None
    days: int | None
    short_window: bool
    report_published: bool
    synthesis_overdue: bool  # closed, and the synthesis not yet published


def matter_rows(commune: Unit, *, now: dt.datetime | None = None) -> list[MatterRow]:
    """The commune's Art 25 matters, newest first, each with its flags."""
    now = now or timezone.now()
    matters = (
        CommuneMatter.objects.filter(commune=commune)
        .select_related("consultation", "consultation__unit")
        .order_by("-consultation__opens_at", "-created_at")
    )
    published = set(
        SynthesisReport.objects.filter(
            consultation__commune_matter__commune=commune,
            status=SynthesisReport.Status.PUBLISHED,
        ).values_list("consultation_id", flat=True)
    )
    rows = []
    for matter in matters:
        consultation = matter.consultation
        status = consultation.effective_status
        is_published = consultation.pk in published
        closed = consultation.closes_at is not None and consultation.closes_at <= now
        rows.append(
            MatterRow(
                matter=matter,
                consultation=consultation,
                status=status,
                opens_on=timezone.localdate(consultation.opens_at)
                if consultation.opens_at
                else None,
                last_day=consultation.last_day,
                days=window_days(consultation),
                short_window=window_too_short(consultation, matter.special_law),
                report_published=is_published,
                synthesis_overdue=closed and not is_published,
            )
        )
    return rows


def consultations_to_link(commune: Unit) -> QuerySet[Consultation]:
    """Commune-matter consultations drafted by the commune's bodies, not yet linked."""
    return (
        Consultation.objects.filter(kind=Consultation.Kind.COMMUNE_MATTER)
        .filter(Q(unit=commune) | Q(unit__path__startswith=commune.path + PATH_SEPARATOR))
        .filter(commune_matter__isnull=True)
        .order_by("-created_at")
    )
