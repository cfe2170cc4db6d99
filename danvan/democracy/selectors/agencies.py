"""Reads for democracy inside agencies (Chapter III), and the access checks of its pages.

The pages are for the agency's managers only (``democracy.manage_agency``); anyone else
gets the same 404 as for a page that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet

from danvan.consultations.models import Consultation
from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.models.agencies import (
    AGENCY_KINDS,
    AgencyProfile,
    ResolutionCheck,
    StaffConference,
    StaffConsultationLink,
    StaffMatter,
    conference_deadline,
)
from danvan.democracy.rules import AGENCY_MANAGER_ROLES
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit, User
from danvan.units.predicates import held_roles

HISTORY_YEARS = 3


def manages_agency(user: Any, target: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("democracy.manage_agency", target))


def agencies_managed(user: Any) -> QuerySet[Unit]:
    """The agencies whose pages this person may open (their own, and those below them)."""
    paths = {h.unit_path for h in held_roles(user) if h.role in AGENCY_MANAGER_ROLES}
    if not paths:
        return Unit.objects.none()
    covers = reduce(
        or_, (Q(path=p) | Q(path__startswith=p + PATH_SEPARATOR) for p in sorted(paths))
    )
    return Unit.objects.filter(covers, kind__in=AGENCY_KINDS, is_active=True).order_by("name")


def agency_for_manager_or_404(user: Any, pk: int) -> Unit:
    return get_object_for_user_or_404(
        Unit.objects.filter(kind__in=AGENCY_KINDS),
        allowed=lambda unit: manages_agency(user, unit),
        pk=pk,
    )


def conference_for_manager_or_404(user: Any, pk: int) -> StaffConference:
    return get_object_for_user_or_404(
        StaffConference.objects.select_related("agency"),
        allowed=lambda c: manages_agency(user, c.agency),
        pk=pk,
    )


def matter_for_manager_or_404(user: Any, pk: int) -> StaffMatter:
    return get_object_for_user_or_404(
        StaffMatter.objects.select_related("agency", "conference"),
        allowed=lambda m: manages_agency(user, m.agency),
        pk=pk,
    )


def head_of(agency: Unit) -> User | None:
    """The agency's head (an active head role in the unit itself), to prefill the chair."""
    role = (
        RoleAssignment.objects.filter(unit=agency, role=RoleAssignment.Role.HEAD, is_active=True)
        .select_related("user")
        .order_by("created_at")
        .first()
    )
    return role.user if role is not None else None


def profile_of(agency: Unit) -> AgencyProfile | None:
    return AgencyProfile.objects.filter(agency=agency).first()


def conferences_of(agency: Unit) -> QuerySet[StaffConference]:
    return StaffConference.objects.filter(agency=agency).order_by("-held_on")


def matters_of(agency: Unit) -> QuerySet[StaffMatter]:
    return StaffMatter.objects.filter(agency=agency).select_related("conference")


def open_matters_of(agency: Unit) -> QuerySet[StaffMatter]:
    return matters_of(agency).filter(status=StaffMatter.Status.PROPOSED)


def staff_consultations_of(agency: Unit) -> QuerySet[StaffConsultationLink]:
    return StaffConsultationLink.objects.filter(agency=agency).select_related("consultation")


def unlinked_consultations_of(agency: Unit) -> QuerySet[Consultation]:
    """The agency's internal staff consultations not yet listed under an Art 53 matter."""
    return Consultation.objects.filter(
        unit=agency,
        kind=Consultation.Kind.INTERNAL,
        audience=Consultation.Audience.STAFF,
        staff_matter__isnull=True,
    ).order_by("-created_at")


# ----------------------------------------------------------------- the annual duty


class YearState:
    HELD = "held"
    LATE = "late"
    DUE = "due"
    MISSING = "missing"
    OPTIONAL = "optional"


@dataclass(frozen=True)
class ConferenceYear:
    """Where the annual conference reviewing one work year stands."""

    year: int
    deadline: dt.date
    conference: StaffConference | None
    state: str

    @property
    def flagged(self) -> bool:
        return self.state in (YearState.LATE, YearState.MISSING)


def conference_years(
    agency: Unit, *, today: dt.date, profile: AgencyProfile | None = None
) -> list[ConferenceYear]:
    """The last few work years, newest first: held (with a quorum) on time, late, due (the
    window is still open), missing (31 March passed without one), or optional (7 staff or
    fewer, Art 51: no flag). A conference without quorum does not count as held.

    The last finished work year is always shown; earlier ones only from the first year the
    agency recorded a conference here, so an agency new to the system is not flagged for
    years it kept on paper."""
    annual = StaffConference.objects.filter(
        agency=agency, kind=StaffConference.Kind.ANNUAL
    ).order_by("held_on")
    by_year: dict[int, list[StaffConference]] = {}
    for one in annual:
        by_year.setdefault(one.year, []).append(one)
    small = profile is not None and profile.is_small
    first_year = min(by_year, default=today.year - 1)
    years = []
    for year in range(today.year - 1, today.year - 1 - HISTORY_YEARS, -1):
        if year < first_year:
            break  # before the agency's first record here: not known to be missing
        deadline = conference_deadline(year)
        held = [c for c in by_year.get(year, []) if c.has_quorum]
        planned = by_year.get(year, [])
        conference: StaffConference | None = held[0] if held else None
        if conference is None and planned:
            conference = planned[-1]
        if held:
            state = YearState.LATE if held[0].is_late else YearState.HELD
        elif small:
            state = YearState.OPTIONAL
        elif today <= deadline:
            state = YearState.DUE
        else:
            state = YearState.MISSING
        years.append(ConferenceYear(year, deadline, conference, state))
    return years


# ----------------------------------------------------------------- Art 52 checks


@dataclass(frozen=True)
class CheckDue:
    conference: StaffConference
    period: int
    due_on: dt.date
    check: ResolutionCheck | None
    overdue: bool


def checks_due(conference: StaffConference, *, today: dt.date) -> list[CheckDue]:
    """The six-monthly checks of a conference's resolution, each done or not; one whose due
    date has passed without a check is overdue. No resolution, nothing to check."""
    if conference.resolution_adopted_on is None:
        return []
    done = {c.period: c for c in conference.checks.all()}
    return [
        CheckDue(
            conference=conference,
            period=period,
            due_on=due_on,
            check=done.get(period),
            overdue=period not in done and due_on < today,
        )
        for period, due_on in enumerate(conference.check_due_dates(), start=1)
    ]


def overdue_checks(agency: Unit, *, today: dt.date) -> list[CheckDue]:
    conferences = conferences_of(agency).filter(resolution_adopted_on__isnull=False)
    return [
        due
        for conference in conferences.prefetch_related("checks")
        for due in checks_due(conference, today=today)
        if due.overdue
    ]


@dataclass(frozen=True)
class AgencyRow:
    agency: Unit
    years: list[ConferenceYear]
    overdue_checks: int

    @property
    def latest(self) -> ConferenceYear:
        return self.years[0]


def agencies_overview(user: Any, *, today: dt.date) -> list[AgencyRow]:
    """The agencies one manages, each with where its annual conference stands."""
    agencies = list(agencies_managed(user)[:200])
    profiles = {p.agency_id: p for p in AgencyProfile.objects.filter(agency__in=agencies)}
    return [
        AgencyRow(
            agency=agency,
            years=conference_years(agency, today=today, profile=profiles.get(agency.pk))[:1],
            overdue_checks=len(overdue_checks(agency, today=today)),
        )
        for agency in agencies
    ]
