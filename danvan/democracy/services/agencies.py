"""Writes for democracy inside agencies and public service units (Law 10/2022, Arts 49–53).

The arithmetic is kept in small pure functions (integers only, no floats: "two thirds" and
"more than half" must not depend on rounding) that the services, the pages and the tests
share. Every write is one transaction, validated, and audited; bad input is refused with an
``ApplicationError`` whose message the officer reads in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.consultations.models import Consultation
from danvan.consultations.services.drafts import consultation_create
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.agencies import (
    AGENCY_KINDS,
    DELEGATES_FROM,
    AgencyProfile,
    AgendaItem,
    AttendanceForm,
    BallotBase,
    Proposer,
    ResolutionCheck,
    StaffConference,
    StaffConsultationLink,
    StaffMatter,
)
from danvan.units.models import Unit, User

# ----------------------------------------------------------------- the arithmetic


def quorum_needed(base: int) -> int:
    """The fewest present for a quorum of two thirds of ``base`` (rounded up)."""
    return (2 * base + 2) // 3


def has_quorum(*, present: int, base: int) -> bool:
    """At least two thirds of all staff, or of the delegates convened, are present (Art 51)."""
    return present * 3 >= base * 2


def passes_majority(*, approve: int, voters: int) -> bool:
    """More than half of ``voters`` approve: a tie fails, abstentions count as not approving."""
    return approve * 2 > voters


def proposal_reaches_third(*, supporters: int, staff: int) -> bool:
    """A staff proposal signed by at least one third of all staff (Art 50(1))."""
    return supporters * 3 >= staff


def supporters_needed(staff: int) -> int:
    return (staff + 2) // 3


# ----------------------------------------------------------------- checks


def _check_agency(agency: Unit) -> None:
    if agency.kind not in AGENCY_KINDS:
        raise ApplicationError(_("Choose a State agency or public service unit."))


def _check_proposal(proposer: str, supporters: int | None, staff: int) -> None:
    if proposer not in Proposer.values:
        raise ApplicationError(_("Say who proposed it: the trade union, the head or the staff."))
    if proposer != Proposer.STAFF:
        return
    if supporters is None:
        raise ApplicationError(_("Enter how many staff signed the proposal."))
    if supporters > staff:
        raise ApplicationError(
            _("More staff signed the proposal (%(signed)d) than the agency has (%(staff)d).")
            % {"signed": supporters, "staff": staff}
        )
    if not proposal_reaches_third(supporters=supporters, staff=staff):
        raise ApplicationError(
            _(
                "A staff proposal needs at least one third of all staff: %(needed)d of "
                "%(staff)d, not %(signed)d (Law 10/2022, Art 50(1))."
            )
            % {"needed": supporters_needed(staff), "staff": staff, "signed": supporters}
        )


def _check_counts(approve: int, disagree: int, abstain: int, voters: int) -> None:
    if min(approve, disagree, abstain) < 0:
        raise ApplicationError(_("Vote counts cannot be negative."))
    if approve + disagree + abstain > voters:
        raise ApplicationError(
            _(
                "Approve, disagree and abstain add up to %(counted)d, more than the "
                "%(voters)d who could vote."
            )
            % {"counted": approve + disagree + abstain, "voters": voters}
        )


def _save(
    instance: StaffConference | StaffMatter | ResolutionCheck | AgencyProfile,
    update_fields: list[str] | None = None,
) -> None:
    """Validate and save; a duplicate (a retried form) gets the constraint's message."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ApplicationError(" ".join(error.messages)) from None
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError:
        raise ApplicationError(_("This was already recorded.")) from None


# ----------------------------------------------------------------- profile


@transaction.atomic
def agency_profile_save(
    *,
    actor: User,
    agency: Unit,
    staff_count: int,
    is_dispersed: bool = False,
    union_name: str = "",
    ballot_base: str = BallotBase.ALL_STAFF,
) -> AgencyProfile:
    """Record (or update) how many staff the agency has, its union and its ballot rule."""
    _check_agency(agency)
    profile = AgencyProfile.objects.filter(agency=agency).first() or AgencyProfile(agency=agency)
    profile.staff_count = staff_count
    profile.is_dispersed = is_dispersed
    profile.union_name = " ".join(union_name.split())
    profile.ballot_base = ballot_base
    _save(profile)
    audit_record(
        actor=actor,
        verb="democracy_agency.profile_save",
        target=agency,
        data={"staff": staff_count, "dispersed": is_dispersed, "ballot_base": ballot_base},
    )
    return profile


# ----------------------------------------------------------------- conferences


CONFERENCE_PLAN_FIELDS = [
    "year",
    "kind",
    "held_on",
    "total_staff",
    "attendance_form",
    "delegates_convened",
    "union_agreed",
    "proposer",
    "supporters",
    "notes",
]


def _conference_fill(
    conference: StaffConference,
    *,
    year: int,
    held_on: dt.date,
    total_staff: int,
    kind: str,
    attendance_form: str,
    delegates_convened: int | None,
    union_agreed: bool,
    proposer: str,
    supporters: int | None,
    notes: str,
) -> None:
    """Check the planned conference against Art 50–51 and set its fields (not saved)."""
    agency = conference.agency
    _check_agency(agency)
    others = StaffConference.objects.filter(agency=agency).exclude(pk=conference.pk)
    if total_staff < 1:
        raise ApplicationError(_("Enter the number of staff on the day of the conference."))
    if others.filter(held_on=held_on).exists():
        raise ApplicationError(_("This agency already has a conference on that date."))
    if kind == StaffConference.Kind.ANNUAL:
        if held_on.year <= year:
            raise ApplicationError(
                _(
                    "The annual conference for %(year)d is held after that work year ends, "
                    "from 1 January %(next)d (Law 10/2022, Art 51)."
                )
                % {"year": year, "next": year + 1}
            )
        annual = others.filter(year=year, kind=StaffConference.Kind.ANNUAL)
        if any(c.has_quorum for c in annual):
            raise ApplicationError(
                _("The annual conference for %(year)d has already been held with a quorum.")
                % {"year": year}
            )
        proposer, supporters = "", None
    elif kind == StaffConference.Kind.EXTRAORDINARY:
        _check_proposal(proposer, supporters, total_staff)
        if proposer != Proposer.STAFF:
            supporters = None
    else:
        raise ApplicationError(_("Choose an annual or an extraordinary conference."))
    if attendance_form == AttendanceForm.DELEGATES:
        profile = AgencyProfile.objects.filter(agency=agency).first()
        dispersed = profile is not None and profile.is_dispersed
        if total_staff < DELEGATES_FROM and not dispersed:
            raise ApplicationError(
                _(
                    "With fewer than 100 staff every member of staff attends; a delegates' "
                    "conference is for 100 staff or more, or dispersed units (Art 51)."
                )
            )
        if not union_agreed:
            raise ApplicationError(
                _("A delegates' conference must be agreed with the trade union (Art 51).")
            )
        if not delegates_convened or delegates_convened > total_staff:
            raise ApplicationError(
                _("Enter the number of delegates convened: from 1 to the number of staff.")
            )
    elif attendance_form == AttendanceForm.ALL_STAFF:
        delegates_convened, union_agreed = None, False
    else:
        raise ApplicationError(_("Choose all staff or delegates."))
    conference.year = year
    conference.kind = kind
    conference.held_on = held_on
    conference.total_staff = total_staff
    conference.attendance_form = attendance_form
    conference.delegates_convened = delegates_convened
    conference.union_agreed = union_agreed
    conference.proposer = proposer
    conference.supporters = supporters
    conference.notes = notes.strip()


def _conference_data(conference: StaffConference) -> dict[str, object]:
    return {
        "agency": conference.agency.code,
        "year": conference.year,
        "kind": conference.kind,
        "form": conference.attendance_form,
        "staff": conference.total_staff,
        "late": conference.is_late,
    }


@transaction.atomic
def conference_create(
    *,
    actor: User,
    agency: Unit,
    year: int,
    held_on: dt.date,
    total_staff: int,
    kind: str = StaffConference.Kind.ANNUAL,
    attendance_form: str = AttendanceForm.ALL_STAFF,
    delegates_convened: int | None = None,
    union_agreed: bool = False,
    proposer: str = "",
    supporters: int | None = None,
    notes: str = "",
) -> StaffConference:
    """Plan (or record) a staff conference (Art 51).

    An annual conference reviews a finished work year, so it is held from 1 January of the
    next year; after 31 March it is still recorded, flagged late. Fewer than 100 staff all
    attend; from 100 (or in dispersed places) the head and the union may agree on a
    delegates' conference. An extraordinary one needs an Art 50(1) proposal.
    """
    conference = StaffConference(agency=agency, created_by=actor)
    _conference_fill(
        conference,
        year=year,
        held_on=held_on,
        total_staff=total_staff,
        kind=kind,
        attendance_form=attendance_form,
        delegates_convened=delegates_convened,
        union_agreed=union_agreed,
        proposer=proposer,
        supporters=supporters,
        notes=notes,
    )
    _save(conference)
    audit_record(
        actor=actor,
        verb="democracy_conference.create",
        target=conference,
        data=_conference_data(conference),
    )
    return conference


@transaction.atomic
def conference_update(
    *,
    actor: User,
    conference: StaffConference,
    year: int,
    held_on: dt.date,
    total_staff: int,
    kind: str = StaffConference.Kind.ANNUAL,
    attendance_form: str = AttendanceForm.ALL_STAFF,
    delegates_convened: int | None = None,
    union_agreed: bool = False,
    proposer: str = "",
    supporters: int | None = None,
    notes: str = "",
) -> StaffConference:
    """Correct a planned conference. Once its attendance is recorded the figures the quorum
    and the votes were counted over are fixed: corrections then go through the record."""
    conference = StaffConference.objects.select_for_update().get(pk=conference.pk)
    if conference.attendees is not None:
        raise ApplicationError(
            _(
                "The attendance of this conference is recorded: its date, kind and staff "
                "figures can no longer be changed."
            )
        )
    _conference_fill(
        conference,
        year=year,
        held_on=held_on,
        total_staff=total_staff,
        kind=kind,
        attendance_form=attendance_form,
        delegates_convened=delegates_convened,
        union_agreed=union_agreed,
        proposer=proposer,
        supporters=supporters,
        notes=notes,
    )
    _save(conference, update_fields=[*CONFERENCE_PLAN_FIELDS, "updated_at"])
    audit_record(
        actor=actor,
        verb="democracy_conference.update",
        target=conference,
        data=_conference_data(conference),
    )
    return conference


@transaction.atomic
def conference_record(
    *,
    actor: User,
    conference: StaffConference,
    attendees: int | None,
    agenda_done: Iterable[str] = (),
    pledge_signed: bool = False,
    pledge_signed_on: dt.date | None = None,
    resolution_number: str = "",
    resolution_adopted_on: dt.date | None = None,
    resolution_summary: str = "",
    chair_name: str = "",
    secretary_name: str = "",
    notes: str = "",
) -> StaffConference:
    """Record what happened: attendance, the agenda, the pledge and the resolution.

    A conference without a quorum (two thirds of all staff, or of the delegates convened)
    adopts nothing: a resolution is refused until the attendance reaches it.
    """
    if attendees is not None and attendees > conference.quorum_base:
        raise ApplicationError(
            _("%(present)d present is more than the %(base)d convened.")
            % {"present": attendees, "base": conference.quorum_base}
        )
    agenda = [item for item in AgendaItem.values if item in set(agenda_done)]
    resolution_number = resolution_number.strip()
    conference.attendees = attendees
    adopts = bool(resolution_number or resolution_adopted_on or resolution_summary.strip())
    decided = [m for m in conference.matters.all() if m.status != StaffMatter.Status.PROPOSED]
    if decided:
        counted = max((m.approve or 0) + (m.disagree or 0) + (m.abstain or 0) for m in decided)
        if attendees is None or attendees < counted:
            raise ApplicationError(
                _(
                    "%(counted)d people voted on a matter at this conference: the attendance "
                    "cannot be lower."
                )
                % {"counted": counted}
            )
    if (adopts or decided) and not conference.has_quorum:
        raise ApplicationError(
            _(
                "The conference has no quorum (%(present)s of %(base)d present, at least "
                "%(needed)d needed): it cannot adopt a resolution or decide anything."
            )
            % {
                "present": "0" if attendees is None else str(attendees),
                "base": conference.quorum_base,
                "needed": conference.quorum_needed,
            }
        )
    if adopts and resolution_adopted_on is None:
        raise ApplicationError(_("Enter the date the resolution was adopted."))
    if resolution_adopted_on is not None and resolution_adopted_on < conference.held_on:
        raise ApplicationError(_("The resolution cannot be adopted before the conference."))
    if pledge_signed and pledge_signed_on is None:
        raise ApplicationError(_("Enter the date the emulation pledge was signed."))
    if pledge_signed and pledge_signed_on is not None and pledge_signed_on < conference.held_on:
        raise ApplicationError(
            _("The emulation pledge is signed at the conference, not before it (Art 51).")
        )
    conference.agenda_done = agenda
    conference.pledge_signed = pledge_signed
    conference.pledge_signed_on = pledge_signed_on if pledge_signed else None
    conference.resolution_number = resolution_number
    conference.resolution_adopted_on = resolution_adopted_on
    conference.resolution_summary = resolution_summary.strip()
    conference.chair_name = " ".join(chair_name.split())
    conference.secretary_name = " ".join(secretary_name.split())
    conference.notes = notes.strip()
    conference.full_clean()
    conference.save(
        update_fields=[
            "attendees",
            "agenda_done",
            "pledge_signed",
            "pledge_signed_on",
            "resolution_number",
            "resolution_adopted_on",
            "resolution_summary",
            "chair_name",
            "secretary_name",
            "notes",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="democracy_conference.record",
        target=conference,
        data={
            "attendees": attendees,
            "quorum": conference.has_quorum,
            "agenda": agenda,
            "pledge": pledge_signed,
            "resolution": resolution_number,
        },
    )
    return conference


# ----------------------------------------------------------------- matters staff decide


@transaction.atomic
def matter_propose(
    *,
    actor: User,
    agency: Unit,
    item: str,
    title: str,
    proposer: str,
    staff_at_proposal: int,
    proposed_on: dt.date,
    supporters: int | None = None,
    content: str = "",
) -> StaffMatter:
    """Put an Art 49 matter to the staff, on a proposal Art 50(1) accepts."""
    _check_agency(agency)
    if staff_at_proposal < 1:
        raise ApplicationError(_("Enter the number of staff."))
    _check_proposal(proposer, supporters, staff_at_proposal)
    title = " ".join(title.split())
    if StaffMatter.objects.filter(agency=agency, title=title, proposed_on=proposed_on).exists():
        raise ApplicationError(_("This matter was already proposed on that date."))
    matter = StaffMatter(
        agency=agency,
        item=item,
        title=title,
        content=content.strip(),
        proposer=proposer,
        supporters=supporters if proposer == Proposer.STAFF else None,
        staff_at_proposal=staff_at_proposal,
        proposed_on=proposed_on,
        created_by=actor,
    )
    _save(matter)
    audit_record(
        actor=actor,
        verb="democracy_staff_matter.propose",
        target=matter,
        data={"item": item, "proposer": proposer, "supporters": matter.supporters},
    )
    return matter


def _check_undecided(matter: StaffMatter) -> None:
    if matter.status != StaffMatter.Status.PROPOSED:
        raise ApplicationError(_("This matter has already been decided."))


def _decide(
    matter: StaffMatter, *, actor: User, approve: int, disagree: int, abstain: int
) -> StaffMatter:
    assert matter.voters is not None
    passed = passes_majority(approve=approve, voters=matter.voters)
    matter.approve, matter.disagree, matter.abstain = approve, disagree, abstain
    matter.status = StaffMatter.Status.PASSED if passed else StaffMatter.Status.FAILED
    matter.full_clean()
    matter.save(
        update_fields=[
            "method",
            "conference",
            "ballot_reason",
            "ballot_base",
            "voters",
            "approve",
            "disagree",
            "abstain",
            "decided_on",
            "status",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="democracy_staff_matter.decide",
        target=matter,
        data={
            "method": matter.method,
            "voters": matter.voters,
            "approve": approve,
            "disagree": disagree,
            "abstain": abstain,
            "passed": passed,
        },
    )
    return matter


@transaction.atomic
def matter_decide_at_conference(
    *,
    actor: User,
    matter: StaffMatter,
    conference: StaffConference,
    approve: int,
    disagree: int,
    abstain: int,
) -> StaffMatter:
    """The conference votes: passed with more than half of those attending (Art 51)."""
    matter = StaffMatter.objects.select_for_update().get(pk=matter.pk)
    _check_undecided(matter)
    if conference.agency_id != matter.agency_id:
        raise ApplicationError(_("Choose a conference of this agency."))
    if conference.held_on < matter.proposed_on:
        raise ApplicationError(_("A matter cannot be decided before it was proposed."))
    if conference.attendees is None or not conference.has_quorum:
        raise ApplicationError(
            _(
                "The conference has no quorum (at least %(needed)d of %(base)d must be "
                "present): it cannot decide anything."
            )
            % {"needed": conference.quorum_needed, "base": conference.quorum_base}
        )
    _check_counts(approve, disagree, abstain, conference.attendees)
    matter.method = StaffMatter.Method.CONFERENCE
    matter.conference = conference
    matter.ballot_reason = ""
    matter.ballot_base = ""
    matter.voters = conference.attendees
    matter.decided_on = conference.held_on
    return _decide(matter, actor=actor, approve=approve, disagree=disagree, abstain=abstain)


def failed_quorums(agency: Unit, *, on_or_before: dt.date) -> int:
    """Conferences of the last twelve months whose attendance fell short of the quorum."""
    since = on_or_before - dt.timedelta(days=366)
    conferences = StaffConference.objects.filter(
        agency=agency, held_on__lte=on_or_before, held_on__gte=since, attendees__isnull=False
    )
    return sum(1 for c in conferences if not c.has_quorum)


@transaction.atomic
def matter_decide_by_ballot(
    *,
    actor: User,
    matter: StaffMatter,
    reason: str,
    staff_total: int,
    approve: int,
    disagree: int,
    abstain: int,
    decided_on: dt.date,
) -> StaffMatter:
    """A written ballot of all staff, when no conference could be held or it failed its
    quorum twice (Art 50(2)). How it is counted is the agency's ``ballot_base``."""
    matter = StaffMatter.objects.select_for_update().get(pk=matter.pk)
    _check_undecided(matter)
    if reason not in StaffMatter.BallotReason.values:
        raise ApplicationError(
            _(
                "A written ballot is used only when a conference could not be held or failed "
                "its quorum twice: say which."
            )
        )
    if decided_on < matter.proposed_on:
        raise ApplicationError(_("A matter cannot be decided before it was proposed."))
    if reason == StaffMatter.BallotReason.NO_QUORUM_TWICE:
        failures = failed_quorums(matter.agency, on_or_before=decided_on)
        if failures < 2:
            raise ApplicationError(
                _(
                    "Only %(count)d conference in the last twelve months lacked a quorum; a "
                    "written ballot for that reason needs two."
                )
                % {"count": failures}
            )
    if staff_total < 1:
        raise ApplicationError(_("Enter the number of staff."))
    _check_counts(approve, disagree, abstain, staff_total)
    profile = AgencyProfile.objects.filter(agency=matter.agency).first()
    base = profile.ballot_base if profile else BallotBase.ALL_STAFF
    matter.method = StaffMatter.Method.BALLOT
    matter.conference = None
    matter.ballot_reason = reason
    matter.ballot_base = base
    matter.voters = staff_total if base == BallotBase.ALL_STAFF else approve + disagree + abstain
    if matter.voters < 1:
        raise ApplicationError(_("No ballot was returned: nothing can be decided."))
    matter.decided_on = decided_on
    return _decide(matter, actor=actor, approve=approve, disagree=disagree, abstain=abstain)


# ----------------------------------------------------------------- Art 52 checks


@transaction.atomic
def resolution_check_record(
    *,
    actor: User,
    conference: StaffConference,
    period: int,
    checked_on: dt.date,
    findings: str,
    staff_informed_on: dt.date | None = None,
) -> ResolutionCheck:
    """The head and the union check the resolution's implementation (Art 52)."""
    if conference.resolution_adopted_on is None:
        raise ApplicationError(_("This conference adopted no resolution to check."))
    if checked_on < conference.resolution_adopted_on:
        raise ApplicationError(_("A check cannot come before the resolution was adopted."))
    if staff_informed_on is not None and staff_informed_on < checked_on:
        raise ApplicationError(_("Staff cannot be informed before the check."))
    if not findings.strip():
        raise ApplicationError(_("Write what the check found."))
    if ResolutionCheck.objects.filter(conference=conference, period=period).exists():
        raise ApplicationError(_("This period has already been checked."))
    check = ResolutionCheck(
        conference=conference,
        period=period,
        checked_on=checked_on,
        findings=findings.strip(),
        staff_informed_on=staff_informed_on,
        created_by=actor,
    )
    _save(check)
    audit_record(
        actor=actor,
        verb="democracy_resolution_check.record",
        target=check,
        data={"conference": conference.pk, "period": period},
    )
    return check


# ----------------------------------------------------------------- Art 53 consultations


def _link(
    *, actor: User, agency: Unit, consultation: Consultation, item: str
) -> StaffConsultationLink:
    if (
        consultation.unit_id != agency.pk
        or consultation.kind != Consultation.Kind.INTERNAL
        or consultation.audience != Consultation.Audience.STAFF
    ):
        raise ApplicationError(_("Choose an internal consultation of this agency's staff."))
    if StaffConsultationLink.objects.filter(consultation=consultation).exists():
        raise ApplicationError(_("This consultation is already listed."))
    link = StaffConsultationLink(
        agency=agency, consultation=consultation, item=item, created_by=actor
    )
    try:
        link.full_clean()
    except ValidationError as error:  # an unknown item
        raise ApplicationError(_("Choose a matter of Article 53.")) from error
    link.save()
    audit_record(
        actor=actor,
        verb="democracy_staff_consultation.link",
        target=link,
        data={"consultation": consultation.slug, "item": item},
    )
    return link


@transaction.atomic
def staff_consultation_link(
    *, actor: User, agency: Unit, consultation: Consultation, item: str
) -> StaffConsultationLink:
    """List an existing internal consultation under an Art 53 matter of the agency."""
    _check_agency(agency)
    return _link(actor=actor, agency=agency, consultation=consultation, item=item)


@transaction.atomic
def staff_consultation_start(
    *, actor: User, agency: Unit, item: str, title: str, summary: str = ""
) -> StaffConsultationLink:
    """Start an internal consultation of the staff (the consultations module's own service,
    kind "internal", audience "staff") and list it under the Art 53 matter."""
    _check_agency(agency)
    if item not in StaffConsultationLink.Item.values:
        raise ApplicationError(_("Choose a matter of Article 53."))
    if not title.strip():
        raise ApplicationError(_("Enter a title for the consultation."))
    if StaffConsultationLink.objects.filter(
        agency=agency, item=item, consultation__title=title.strip()
    ).exists():
        raise ApplicationError(_("This consultation is already listed."))
    consultation = consultation_create(
        unit=agency,
        title=title,
        actor=actor,
        kind=Consultation.Kind.INTERNAL,
        audience=Consultation.Audience.STAFF,
        summary=summary,
    )
    return _link(actor=actor, agency=agency, consultation=consultation, item=item)
