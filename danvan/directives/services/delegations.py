"""Writes of the delegations area: survey, inspection and supervision delegations.

A commission plans a delegation (kind, title, the document it checks, members — one head —
and the units it will visit with their dates), holds a working session with each unit and
keeps its minutes, records findings (strengths and shortcomings) and makes recommendations
to the inspected units, each with a due date. The inspected unit reports what it did (in
progress, or done with a note); the delegation confirms it done or sends it back. Every
change of a recommendation is kept (``RecommendationUpdate``). The final report — a text,
and a numbered Word "Báo cáo" in the Party or State frame — closes the delegation:
planned → under way → reported.

Who: ``directives.manage`` on the delegation's organising unit for everything but the
progress reports, which are ``directives.act_for_unit`` on the recommendation's unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.dates import short_date
from danvan.core.docx_layout import Signer
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import (
    Delegation,
    DelegationMember,
    Directive,
    Document,
    Finding,
    Recommendation,
    RecommendationUpdate,
    WorkingSession,
)
from danvan.directives.selectors.monitoring import staff_of_units
from danvan.directives.services.delegations_docx import final_report_docx_build
from danvan.directives.services.monitoring_docx import default_signer
from danvan.directives.services.numbering import number_take
from danvan.notifications.services import notify
from danvan.units.models import Unit, User

__all__ = [
    "MemberInput",
    "VisitInput",
    "delegation_create",
    "delegation_member_add",
    "delegation_report",
    "delegation_start",
    "finding_add",
    "recommendation_add",
    "recommendation_report",
    "recommendation_review",
    "session_add",
    "session_record",
]

MANAGE = "directives.manage"
ACT = "directives.act_for_unit"
Status = Delegation.Status
RecStatus = Recommendation.Status


@dataclass(frozen=True)
class MemberInput:
    name: str
    role: str
    position: str = ""
    user: User | None = None


@dataclass(frozen=True)
class VisitInput:
    unit: Unit
    scheduled_on: dt.date


def _require(actor: User | None, perm: str, target: Any) -> None:
    if actor is None or not actor.has_perm(perm, target):
        raise ApplicationError(_("You may not do this for this unit."))


def _require_open(delegation: Delegation) -> None:
    if delegation.status == Status.REPORTED:
        raise ApplicationError(
            _("The delegation's final report is issued: its work can no longer be changed.")
        )


def _lock(delegation: Delegation) -> Delegation:
    return (
        Delegation.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=delegation.pk)
    )


def _check_visit(delegation: Delegation, actor: User | None, visit: VisitInput) -> None:
    _require(actor, MANAGE, visit.unit)
    if not delegation.starts_on <= visit.scheduled_on <= delegation.ends_on:
        raise ApplicationError(
            _("A working session with %(unit)s falls outside the delegation's dates.")
            % {"unit": visit.unit.name}
        )


def _member(delegation: Delegation, member: MemberInput) -> DelegationMember:
    row = DelegationMember(
        delegation=delegation,
        user=member.user,
        name=member.name.strip(),
        position=member.position.strip(),
        role=member.role,
    )
    row.full_clean()
    row.save()
    return row


def _member_recipients(delegation: Delegation) -> list[User]:
    """Who hears of a unit's progress: the delegation's author and members with accounts."""
    people = [m.user for m in delegation.members.select_related("user") if m.user is not None]
    if delegation.created_by is not None:
        people.append(delegation.created_by)
    return people


# --------------------------------------------------------------------------- plan


@transaction.atomic
def delegation_create(
    *,
    actor: User | None,
    unit: Unit,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    members: Sequence[MemberInput],
    visits: Sequence[VisitInput],
    subject_document: Document | None = None,
    directive: Directive | None = None,
) -> Delegation:
    """Plan a delegation: it needs exactly one head, and visits within its dates."""
    _require(actor, MANAGE, unit)
    if ends_on < starts_on:
        raise ApplicationError(_("The delegation ends before it starts."))
    heads = [m for m in members if m.role == DelegationMember.Role.HEAD]
    if len(heads) != 1:
        raise ApplicationError(_("A delegation has one head: name exactly one member as head."))
    if directive is not None:
        _require(actor, MANAGE, directive)
    delegation = Delegation(
        unit=unit,
        kind=kind,
        title=title.strip(),
        subject_document=subject_document,
        directive=directive,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    delegation.full_clean()
    delegation.save()
    for member in members:
        _member(delegation, member)
    seen: set[tuple[int, dt.date]] = set()
    for visit in visits:
        _check_visit(delegation, actor, visit)
        if (visit.unit.pk, visit.scheduled_on) in seen:
            continue
        seen.add((visit.unit.pk, visit.scheduled_on))
        WorkingSession.objects.create(
            delegation=delegation, unit=visit.unit, scheduled_on=visit.scheduled_on
        )
    audit_record(
        actor=actor,
        verb="directives_delegation.create",
        target=delegation,
        data={"kind": kind, "unit": unit.pk, "members": len(members), "visits": len(seen)},
    )
    return delegation


@transaction.atomic
def delegation_member_add(
    *, delegation: Delegation, actor: User | None, member: MemberInput
) -> DelegationMember:
    delegation = _lock(delegation)
    _require(actor, MANAGE, delegation)
    _require_open(delegation)
    if (
        member.role == DelegationMember.Role.HEAD
        and delegation.members.filter(role=DelegationMember.Role.HEAD).exists()
    ):
        raise ApplicationError(_("The delegation already has a head."))
    row = _member(delegation, member)
    audit_record(
        actor=actor,
        verb="directives_delegation.member_add",
        target=delegation,
        data={"member": row.pk, "role": row.role},
    )
    return row


@transaction.atomic
def session_add(
    *, delegation: Delegation, actor: User | None, unit: Unit, scheduled_on: dt.date
) -> WorkingSession:
    """Plan one more working session (a unit added to the visits, or a second day)."""
    delegation = _lock(delegation)
    _require(actor, MANAGE, delegation)
    _require_open(delegation)
    _check_visit(delegation, actor, VisitInput(unit, scheduled_on))
    session, created = WorkingSession.objects.get_or_create(
        delegation=delegation, unit=unit, scheduled_on=scheduled_on
    )
    if created:
        audit_record(
            actor=actor,
            verb="directives_delegation.session_add",
            target=session,
            data={"delegation": delegation.pk, "unit": unit.pk},
        )
    return session


@transaction.atomic
def delegation_start(*, delegation: Delegation, actor: User | None) -> Delegation:
    """Planned → under way (also done by recording a session that was held)."""
    delegation = _lock(delegation)
    _require(actor, MANAGE, delegation)
    if delegation.status == Status.PLANNED:
        delegation.status = Status.UNDER_WAY
        delegation.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, verb="directives_delegation.start", target=delegation)
    return delegation


@transaction.atomic
def session_record(
    *,
    session: WorkingSession,
    actor: User | None,
    held_on: dt.date | None,
    place: str,
    minutes: str,
) -> WorkingSession:
    """Keep the minutes of a working session; a session held puts the delegation under way."""
    delegation = _lock(session.delegation)
    _require(actor, MANAGE, delegation)
    _require_open(delegation)
    if held_on is not None and held_on > timezone.localdate():
        raise ApplicationError(_("A session cannot have been held in the future."))
    session.held_on = held_on
    session.place = place.strip()
    session.minutes = minutes.strip()
    session.full_clean()
    session.save(update_fields=["held_on", "place", "minutes", "updated_at"])
    if held_on is not None and delegation.status == Status.PLANNED:
        delegation.status = Status.UNDER_WAY
        delegation.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        verb="directives_delegation.session_record",
        target=session,
        data={"delegation": delegation.pk, "held": held_on is not None},
    )
    return session


# --------------------------------------------------------------------------- findings


@transaction.atomic
def finding_add(
    *,
    delegation: Delegation,
    actor: User | None,
    unit: Unit,
    kind: str,
    text: str,
    session: WorkingSession | None = None,
) -> Finding:
    """A strength or shortcoming of a visited unit (of one of its sessions, if given)."""
    delegation = _lock(delegation)
    _require(actor, MANAGE, delegation)
    _require_open(delegation)
    if session is not None and (
        session.delegation_id != delegation.pk or session.unit_id != unit.pk
    ):
        raise ApplicationError(_("This working session is not one with this unit."))
    if not delegation.sessions.filter(unit=unit).exists():
        raise ApplicationError(_("The delegation has no working session with this unit."))
    finding = Finding(
        delegation=delegation, session=session, unit=unit, kind=kind, text=text.strip()
    )
    finding.full_clean()
    finding.save()
    audit_record(
        actor=actor,
        verb="directives_finding.create",
        target=finding,
        data={"delegation": delegation.pk, "unit": unit.pk, "kind": kind},
    )
    return finding


def _recommendation_url(recommendation: Recommendation) -> str:
    return reverse("directives:delegations_recommendation", kwargs={"pk": recommendation.pk})


def _update(recommendation: Recommendation, actor: User | None, note: str) -> None:
    RecommendationUpdate.objects.create(
        recommendation=recommendation, status=recommendation.status, note=note, author=actor
    )


@transaction.atomic
def recommendation_add(
    *,
    finding: Finding,
    actor: User | None,
    text: str,
    due_on: dt.date | None,
    today: dt.date | None = None,
) -> Recommendation:
    """Recommend the finding's unit to act by ``due_on``; the unit's staff are told."""
    delegation = _lock(finding.delegation)
    _require(actor, MANAGE, delegation)
    _require_open(delegation)
    today = today or timezone.localdate()
    if due_on is not None and due_on < today:
        raise ApplicationError(_("The due date of a recommendation cannot be in the past."))
    recommendation = Recommendation(
        delegation=delegation, finding=finding, unit=finding.unit, text=text.strip(), due_on=due_on
    )
    recommendation.full_clean()
    recommendation.save()
    _update(recommendation, actor, "")
    audit_record(
        actor=actor,
        verb="directives_recommendation.create",
        target=recommendation,
        data={"delegation": delegation.pk, "unit": finding.unit_id, "due_on": due_on},
    )
    body = recommendation.text
    if due_on is not None:
        body += "\n" + _("Due date: %(date)s") % {"date": short_date(due_on)}
    notify(
        recipients=staff_of_units([finding.unit_id]).get(finding.unit_id, []),
        kind="directives.recommendation",
        title=_("A recommendation of the delegation “%(title)s” to your unit")
        % {"title": delegation.title},
        body=body,
        url=_recommendation_url(recommendation),
    )
    return recommendation


def _lock_recommendation(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("delegation", "delegation__unit", "delegation__created_by", "unit")
        .get(pk=recommendation.pk)
    )


@transaction.atomic
def recommendation_report(
    *, recommendation: Recommendation, actor: User | None, status: str, note: str
) -> Recommendation:
    """The inspected unit reports progress: in progress, or done (with what it did)."""
    recommendation = _lock_recommendation(recommendation)
    _require(actor, ACT, recommendation)
    if status not in (RecStatus.IN_PROGRESS, RecStatus.REPORTED_DONE):
        raise ApplicationError(_("Report the recommendation in progress or done."))
    if recommendation.status not in (RecStatus.OPEN, RecStatus.IN_PROGRESS):
        raise ApplicationError(
            _("The recommendation is already reported done: wait for the delegation's check.")
        )
    note = note.strip()
    if status == RecStatus.REPORTED_DONE and not note:
        raise ApplicationError(_("Say what the unit did to carry out the recommendation."))
    old = recommendation.status
    recommendation.status = status
    recommendation.save(update_fields=["status", "updated_at"])
    _update(recommendation, actor, note)
    audit_record(
        actor=actor,
        verb="directives_recommendation.report",
        target=recommendation,
        data={"from": old, "to": status},
    )
    if status == RecStatus.REPORTED_DONE:
        notify(
            recipients=_member_recipients(recommendation.delegation),
            kind="directives.recommendation_reported",
            title=_("%(unit)s reports a recommendation done") % {"unit": recommendation.unit.name},
            body=note,
            url=_recommendation_url(recommendation),
        )
    return recommendation


@transaction.atomic
def recommendation_review(
    *,
    recommendation: Recommendation,
    actor: User | None,
    confirm: bool,
    note: str,
    today: dt.date | None = None,
) -> Recommendation:
    """The delegation confirms a reported recommendation done, or sends it back (why)."""
    recommendation = _lock_recommendation(recommendation)
    _require(actor, MANAGE, recommendation.delegation)
    if recommendation.status != RecStatus.REPORTED_DONE:
        raise ApplicationError(_("Only a recommendation reported done can be checked."))
    note = note.strip()
    if not confirm and not note:
        raise ApplicationError(_("Say why the recommendation is sent back."))
    if confirm:
        recommendation.status = RecStatus.DONE
        recommendation.done_on = today or timezone.localdate()
    else:
        recommendation.status = RecStatus.IN_PROGRESS
    recommendation.save(update_fields=["status", "done_on", "updated_at"])
    _update(recommendation, actor, note)
    audit_record(
        actor=actor,
        verb="directives_recommendation.confirm" if confirm else "directives_recommendation.return",
        target=recommendation,
        data={"to": recommendation.status},
    )
    title = (
        _("The delegation confirms your recommendation done")
        if confirm
        else _("The delegation sends a recommendation back to your unit")
    )
    notify(
        recipients=staff_of_units([recommendation.unit_id]).get(recommendation.unit_id, []),
        kind="directives.recommendation_reviewed",
        title=title,
        body="\n".join(part for part in (recommendation.text, note) if part),
        url=_recommendation_url(recommendation),
    )
    return recommendation


# --------------------------------------------------------------------------- final report


@transaction.atomic
def delegation_report(
    *,
    delegation: Delegation,
    actor: User | None,
    text: str,
    signer: Signer | None = None,
    today: dt.date | None = None,
) -> Delegation:
    """Issue the numbered final report and close the delegation (under way → reported).

    A delegation already reported is returned as it is: a retried request takes no second
    number.
    """
    delegation = _lock(delegation)
    _require(actor, MANAGE, delegation)
    if delegation.status == Status.REPORTED:
        return delegation
    if delegation.status != Status.UNDER_WAY:
        raise ApplicationError(_("The delegation has not started its work yet."))
    text = text.strip()
    if not text:
        raise ApplicationError(_("Write the delegation's overall assessment."))
    today = today or timezone.localdate()
    number = number_take(unit=delegation.unit, type_abbreviation="BC", issued_on=today)
    delegation.final_report = text
    delegation.final_report_number = number.symbol
    delegation.reported_on = today
    delegation.final_report_content = final_report_docx_build(
        delegation=delegation,
        number_line=number.text,
        signer=signer or default_signer(delegation.unit),
        today=today,
    )
    delegation.status = Status.REPORTED
    delegation.full_clean()
    delegation.save(
        update_fields=[
            "final_report",
            "final_report_number",
            "reported_on",
            "final_report_content",
            "status",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="directives_delegation.report",
        target=delegation,
        data={"number": number.symbol},
    )
    return delegation
