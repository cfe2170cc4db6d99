"""Handling a case on the staff side, from classification to the published answer.

Every function here changes state: it locks the case row, checks the legal rule, writes the
change and a ``CaseEvent``, keeps ``case.due_on`` equal to what the deadline engine replays
from the events (:func:`case_running_deadline`), and writes an audit record. Audit data
carries codes and ids only, never names, addresses or typed text.

The citizen is told through :func:`petitioner_notify`: an in-app notification for an
account, an e-mail task for an address, and, for denunciations, only through the sealed
helper (``danvan.petitions.services.sealed``), because the denouncer's identity never
leaves the vault (Law on Denunciations Arts 47, 56).

The overdue sweep (:func:`case_alerts_sweep`) is at the end of this module.
"""

import datetime as dt
import functools
import importlib
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import (
    ClockState,
    DeadlineError,
    ExtensionNotAllowedError,
    RunningDeadline,
)
from danvan.deadlines.labels import UNIT_LABELS
from danvan.notifications.services import notify
from danvan.petitions.models import (
    AlertSent,
    Case,
    CaseAnswer,
    CaseConditions,
    CaseEvent,
    Field,
    GroupRepresentative,
    RefusalNotice,
    RoutingRule,
    RoutingTable,
)
from danvan.petitions.services.cases import (
    RECEIPT_RULES,
    Petitioner,
    case_deadline_restart,
    case_event_add,
    case_receive,
    case_running_deadline,
    case_search_text,
)
from danvan.petitions.tracking import tracking_code_display
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit, User

Kind = Case.Kind
Status = Case.Status

# Statuses in which the case is still being sorted out, before acceptance (thụ lý).
BEFORE_ACCEPTANCE = frozenset({Status.RECEIVED, Status.CLASSIFIED})
# Law on Citizen Reception Art 29: from 5 people a group must appoint representatives.
GROUP_THRESHOLD = 5
# Rule used for petitions after acceptance if an administrator adds one to the rule book;
# until then the processing limit (TT 05/2021) keeps running.
PETITION_RESOLUTION_RULE = "petition_resolve"
COMPLAINT_RULES = {
    # (second time, complex) -> rule
    (False, False): "complaint_first",
    (False, True): "complaint_first_complex",
    (True, False): "complaint_second",
    (True, True): "complaint_second_complex",
}
COMPLEX_VARIANTS = {
    "complaint_first": "complaint_first_complex",
    "complaint_second": "complaint_second_complex",
}
REDACTED = "[đã che]"
SEALED_MODULE = "danvan.petitions.services.sealed"


# --------------------------------------------------------------------------- helpers


def _today() -> dt.date:
    return timezone.localdate()


def _lock(case: Case) -> Case:
    """Re-read the case under a row lock, so two officers never act on a stale status."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("unit", "field", "submitted_by")
        .get(pk=case.pk)
    )


def _require_status(case: Case, allowed: Iterable[str], message: str) -> None:
    if case.status not in set(allowed):
        raise ApplicationError(message)


def _not_mixed(case: Case) -> None:
    if case.kind == Kind.MIXED:
        raise ApplicationError(
            _("A petition with several contents must first be split into one case per kind.")
        )


def sealed_hook(name: str) -> Callable[..., Any] | None:
    """Return the sealed helper's function ``name`` if that module provides it.

    The sealed area owns the denouncer's identity; this module only calls it. Looked up
    at call time so that handling works (and refuses what needs sealing) on its own.
    """
    try:
        module = importlib.import_module(SEALED_MODULE)
    except ModuleNotFoundError:
        return None
    hook = getattr(module, name, None)
    return hook if callable(hook) else None


def _deadline_message(error: DeadlineError) -> str:
    """A Vietnamese message for an error of the deadline engine (its own text is English)."""
    if isinstance(error, ExtensionNotAllowedError):
        return _("The deadline rules do not allow this extension.")
    return _(
        "This step does not fit the case's time limit (for example it is dated before "
        "the previous step, or the limit is not running)."
    )


def _refresh_due(case: Case) -> RunningDeadline | None:
    """Replay the deadline and copy its due date to the row; engine errors become messages."""
    try:
        running = case_running_deadline(case=case)
    except DeadlineError as error:
        raise ApplicationError(_deadline_message(error)) from error
    case.due_on = running.due_date if running is not None else None
    return running


def _last_start(case: Case) -> CaseEvent | None:
    return (
        case.events.filter(kind=CaseEvent.Kind.DEADLINE_STARTED)
        .order_by("-occurred_at", "-pk")
        .first()
    )


def _same_content_ids(case: Case) -> set[int]:
    """The case and the cases merged with it: one content, for the "only once" rules."""
    ids = {case.pk}
    if case.merged_into_id:
        ids.add(case.merged_into_id)
    ids.update(Case.objects.filter(merged_into_id__in=ids).values_list("pk", flat=True))
    return ids


def _already(case: Case, kind: CaseEvent.Kind) -> bool:
    return CaseEvent.objects.filter(case_id__in=_same_content_ids(case), kind=kind).exists()


# --------------------------------------------------------------------- notifications

PETITIONER_MESSAGES = frozenset(
    {"accepted", "forwarded", "returned", "split", "split_part", "answered", "refused"}
)


def petitioner_message(*, case: Case, message: str) -> tuple[str, str]:
    """The title and body told to the person who sent ``case`` about ``message``.

    Built from the case's current state, in the site language, so that the in-app
    notification and the e-mail task say the same thing. No identity is included.
    """
    code = case.display_code
    with translation.override(settings.LANGUAGE_CODE):
        if message == "accepted":
            title = _("Your case %(code)s has been accepted for handling") % {"code": code}
            body = _("%(unit)s has accepted your case for handling.") % {"unit": case.unit.name}
            if case.due_on is not None:
                body += " " + _("The time limit for handling ends on %(date)s.") % {
                    "date": case.due_on.strftime("%d/%m/%Y")
                }
        elif message == "forwarded":
            event = case.events.filter(kind=CaseEvent.Kind.FORWARDED).order_by("-pk").first()
            number = event.data.get("letter_number", "") if event is not None else ""
            title = _("Your case %(code)s has been forwarded to the competent unit") % {
                "code": code
            }
            body = _(
                "Your case was forwarded to %(unit)s (forwarding letter no. %(number)s), "
                "which is competent to handle it. Keep using the same tracking code."
            ) % {"unit": case.unit.name, "number": number}
        elif message == "returned":
            event = case.events.filter(kind=CaseEvent.Kind.RETURNED).order_by("-pk").first()
            title = _("Guidance on your case %(code)s") % {"code": code}
            guided_to = event.data.get("guided_to", "") if event is not None else ""
            guidance = event.note if event is not None else ""
            body = _(
                "Your case is not within the competence of %(unit)s. Please send it to: "
                "%(guided_to)s."
            ) % {"unit": case.unit.name, "guided_to": guided_to}
            if guidance:
                body += "\n\n" + guidance
        elif message == "split":
            title = _("Your petition %(code)s has been split into separate cases") % {"code": code}
            lines = [
                f"{child.display_code}: {child.get_kind_display()}"
                for child in case.split_cases.exclude(kind=Kind.DENUNCIATION).order_by("pk")
            ]
            body = _(
                "Your petition has several contents, so each is handled as its own case "
                "with its own tracking code:"
            )
            body += "\n" + "\n".join(lines)
        elif message == "split_part":
            title = _("Your case %(code)s") % {"code": code}
            body = _(
                "This part of your petition (%(kind)s) is handled as its own case with "
                "tracking code %(code)s."
            ) % {"kind": case.get_kind_display(), "code": code}
        elif message == "answered":
            title = _("Answer to your case %(code)s") % {"code": code}
            answer = CaseAnswer.objects.filter(case=case).first()
            body = answer.body if answer is not None else ""
        elif message == "refused":
            refusal = RefusalNotice.objects.filter(case=case).first()
            title = _("Notice refusing reception (%(code)s)") % {"code": code}
            body = (
                _("Notice no. %(number)s: %(ground)s")
                % {"number": refusal.notice_number, "ground": refusal.get_ground_display()}
                if refusal is not None
                else ""
            )
        else:
            raise ValueError(f"unknown petitioner message {message!r}")
    return str(title), str(body)


def _enqueue_petitioner_email(case_id: int, message: str) -> None:
    from danvan.petitions.tasks import send_petitioner_email  # the tasks module imports us

    # The key makes the task send once even if it runs twice (a killed worker's retry).
    key = f"petitioner-{case_id}-{message}-{uuid.uuid4().hex}"
    send_petitioner_email.enqueue(case_id=case_id, message=message, key=key)


def petitioner_notify(*, case: Case, message: str) -> str:
    """Tell the person who sent ``case`` about ``message``; return the channel used.

    * denunciation: only through ``sealed.denouncer_notify(case=, title=, body=)``, if the
      sealed helper provides it ("sealed"), else nobody is told here ("none");
    * an active account: an in-app notification, with its own e-mail copy ("account");
    * an e-mail address: a task sends the e-mail after the commit ("email").
    """
    title, body = petitioner_message(case=case, message=message)
    if case.kind == Kind.DENUNCIATION:
        hook = sealed_hook("denouncer_notify")
        if hook is None:
            return "none"
        hook(case=case, title=title, body=body)
        return "sealed"
    account = case.submitted_by
    if account is not None and account.is_active:
        notify(recipients=[account], kind=f"petitions.{message}", title=title, body=body)
        return "account"
    if case.petitioner_email:
        transaction.on_commit(functools.partial(_enqueue_petitioner_email, case.pk, message))
        return "email"
    return "none"


# -------------------------------------------------------------------- classification


@transaction.atomic
def case_classify(
    *, case: Case, actor: User, kind: Case.Kind, field: Field | None, note: str = ""
) -> Case:
    """Set (or correct) the kind and field of a case not yet accepted (TT 05/2021 Art 6).

    A change of kind changes the receipt time limit (a complaint must be accepted within 7
    working days, a denunciation checked within 7, a petition processed within 10), counted
    from the same anchor, and sends the case back to the conditions check. Turning a case
    into a denunciation moves the sender's identity into the sealed vault first.
    """
    case = _lock(case)
    _require_status(
        case,
        {*BEFORE_ACCEPTANCE, Status.NOT_ELIGIBLE},
        _("Only a case not yet accepted can be classified."),
    )
    old_kind = case.kind
    changed = kind != old_kind
    if changed and kind == Kind.DENUNCIATION:
        seal = sealed_hook("denouncer_seal_from_case")
        if seal is None:
            raise ApplicationError(
                _("The sealed vault is not available: this case cannot become a denunciation.")
            )
        seal(case=case, source=case, actor=actor)
        case.refresh_from_db()
    case.kind = kind
    case.field = field
    update = ["kind", "field", "updated_at"]
    if kind != Kind.DENUNCIATION:
        case.search_text = case_search_text(subject=case.subject, content=case.content)
        update.append("search_text")
    if changed:
        case.status = Status.RECEIVED
        update.append("status")
    case.full_clean(exclude=["tracking_code", "idempotency_key", "search_text"])
    case.save(update_fields=update)
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.CLASSIFIED,
        actor=actor,
        note=note,
        data={
            "kind": str(kind),
            "previous_kind": str(old_kind),
            "field": field.code if field else "",
        },
    )
    if changed:
        start = _last_start(case)
        anchor = start.occurred_on if start is not None else case.received_on
        case_deadline_restart(case=case, rule_code=RECEIPT_RULES[kind], on=anchor, actor=actor)
    audit_record(
        actor=actor,
        verb="case.classify",
        target=case,
        data={"kind": str(kind), "previous_kind": str(old_kind)},
    )
    return case


# ------------------------------------------------------------------------ conditions


@dataclass(frozen=True)
class ConditionsInput:
    """What the handler ticked on the checklist."""

    has_name: bool
    has_address: bool
    has_signature: bool
    content_clear: bool
    already_settled: bool
    within_competence: bool
    known_act_on: dt.date | None = None
    delay_justified: bool = False
    group_all_signed: bool = False
    group_appointment_written: bool = False
    reason: str = ""


# Codes of the conditions; the labels live in the selectors (for display).
CONDITION_CODES = (
    "name",
    "address",
    "signature",
    "content",
    "settled",
    "time_limit",
    "representatives",
    "group_signatures",
    "group_appointment",
)


@dataclass(frozen=True)
class RepresentativeInput:
    name: str
    is_among_complainants: bool = True


def representatives_problem(
    *, people_count: int, representatives: list[RepresentativeInput]
) -> str:
    """Why the representatives break Law on Citizen Reception Art 29, or "" if they do not.

    5–10 people appoint 1 or 2 representatives; more than 10 may appoint more, at most 5;
    every representative is one of the group. Fewer than 5 people need none.
    """
    count = len(representatives)
    if any(not r.is_among_complainants for r in representatives):
        return _("Every representative must be one of the people who sent the petition.")
    if count > people_count:
        return _("There cannot be more representatives than people in the group.")
    if people_count < GROUP_THRESHOLD:
        return ""
    if count == 0:
        return _(
            "A group of %(count)d people must appoint representatives (Law on Citizen "
            "Reception Art 29)."
        ) % {"count": people_count}
    if people_count <= 10 and count > 2:
        return _(
            "A group of 5 to 10 people appoints 1 or 2 representatives (Law on Citizen "
            "Reception Art 29)."
        )
    if count > 5:
        return _(
            "A group of more than 10 people appoints at most 5 representatives (Law on "
            "Citizen Reception Art 29)."
        )
    return ""


def complaint_time_limit_ok(*, known_act_on: dt.date, received_on: dt.date) -> bool:
    """True if a complaint received on ``received_on`` is within the 90 days of Art 9.

    The period counts from the day after the complainant received or learnt of the act,
    with the engine's calendar (a last day off rolls to the next working day).
    """
    return received_on <= deadline_config().due_date("complaint_file", known_act_on)


def conditions_failed(*, case: Case, checklist: ConditionsInput) -> list[str]:
    """The codes of the conditions ``case`` does not meet (competence is separate)."""
    failed: list[str] = []
    anonymous = case.kind == Kind.ANONYMOUS_REPORT
    if not anonymous:
        # Law on Denunciations Art 25: an anonymous report is checked on its content only.
        if not checklist.has_name:
            failed.append("name")
        if not checklist.has_address:
            failed.append("address")
        if not checklist.has_signature:
            failed.append("signature")
    if not checklist.content_clear:
        failed.append("content")
    if checklist.already_settled:
        failed.append("settled")
    if case.kind == Kind.COMPLAINT:
        if checklist.known_act_on is None:
            raise ApplicationError(
                _("Give the day the complainant received or learnt of the decision or act.")
            )
        if checklist.known_act_on > case.received_on:
            raise ApplicationError(
                _("The day of knowing the act cannot be after the day the complaint arrived.")
            )
        in_time = complaint_time_limit_ok(
            known_act_on=checklist.known_act_on, received_on=case.received_on
        )
        if not in_time and not checklist.delay_justified:
            failed.append("time_limit")
    if case.people_count >= GROUP_THRESHOLD and case.kind != Kind.DENUNCIATION and not anonymous:
        representatives = [
            RepresentativeInput(r.name, r.is_among_complainants)
            for r in GroupRepresentative.objects.filter(case=case)
        ]
        if representatives_problem(people_count=case.people_count, representatives=representatives):
            failed.append("representatives")
        if case.kind == Kind.COMPLAINT:
            # ND 124/2020 Art 16(1) as amended: all signatures and a written appointment.
            if not checklist.group_all_signed:
                failed.append("group_signatures")
            if not checklist.group_appointment_written:
                failed.append("group_appointment")
    return failed


@transaction.atomic
def case_conditions_check(*, case: Case, actor: User, checklist: ConditionsInput) -> CaseConditions:
    """Record the conditions checklist: eligible (classified) or not eligible (kept on file).

    A case that is not eligible is kept on file with the failed conditions and the note
    (TT 05/2021 Art 6); it leaves the open list and its deadline no longer alerts anyone.
    """
    case = _lock(case)
    _not_mixed(case)
    _require_status(
        case,
        {*BEFORE_ACCEPTANCE, Status.NOT_ELIGIBLE},
        _("The conditions can only be checked before the case is accepted."),
    )
    failed = conditions_failed(case=case, checklist=checklist)
    eligible = not failed
    if not eligible and not checklist.reason.strip():
        raise ApplicationError(_("Explain why the case is kept on file."))
    in_time: bool | None = None
    if case.kind == Kind.COMPLAINT and checklist.known_act_on is not None:
        in_time = complaint_time_limit_ok(
            known_act_on=checklist.known_act_on, received_on=case.received_on
        )
    conditions = CaseConditions.objects.filter(case=case).first() or CaseConditions(case=case)
    conditions.has_name = checklist.has_name
    conditions.has_address = checklist.has_address
    conditions.has_signature = checklist.has_signature
    conditions.content_clear = checklist.content_clear
    conditions.already_settled = checklist.already_settled
    conditions.within_competence = checklist.within_competence
    conditions.known_act_on = checklist.known_act_on
    conditions.within_time_limit = in_time
    conditions.delay_justified = checklist.delay_justified
    conditions.group_all_signed = checklist.group_all_signed
    conditions.group_appointment_written = checklist.group_appointment_written
    conditions.eligible = eligible
    conditions.failed = failed
    conditions.reason = checklist.reason.strip()
    conditions.checked_by = actor
    conditions.checked_on = _today()
    conditions.full_clean(exclude=["case", "checked_by"])
    conditions.save()
    case.status = Status.CLASSIFIED if eligible else Status.NOT_ELIGIBLE
    case.save(update_fields=["status", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.CONDITIONS_CHECKED,
        actor=actor,
        note=conditions.reason,
        data={
            "eligible": eligible,
            "failed": failed,
            "within_competence": checklist.within_competence,
        },
    )
    audit_record(
        actor=actor,
        verb="case.conditions_check",
        target=case,
        data={"eligible": eligible, "failed": failed},
    )
    return conditions


@transaction.atomic
def case_representatives_set(
    *,
    case: Case,
    actor: User,
    people_count: int,
    representatives: list[RepresentativeInput],
) -> list[GroupRepresentative]:
    """Replace the group's representatives, checked against Law on Citizen Reception Art 29."""
    case = _lock(case)
    if case.kind == Kind.DENUNCIATION:
        raise ApplicationError(
            _("The denouncers and their representatives are recorded in the sealed file only.")
        )
    _require_status(
        case,
        {*BEFORE_ACCEPTANCE, Status.NOT_ELIGIBLE},
        _("Representatives can only be recorded before the case is accepted."),
    )
    if people_count < 1:
        raise ApplicationError(_("A group has at least one person."))
    cleaned = [
        RepresentativeInput(r.name.strip(), r.is_among_complainants) for r in representatives
    ]
    if any(not r.name for r in cleaned):
        raise ApplicationError(_("Give the full name of every representative."))
    problem = representatives_problem(people_count=people_count, representatives=cleaned)
    if problem:
        raise ApplicationError(problem)
    case.people_count = people_count
    case.save(update_fields=["people_count", "updated_at"])
    GroupRepresentative.objects.filter(case=case).delete()
    rows = GroupRepresentative.objects.bulk_create(
        [
            GroupRepresentative(
                case=case, name=r.name, is_among_complainants=r.is_among_complainants, position=i
            )
            for i, r in enumerate(cleaned, start=1)
        ]
    )
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        data={"representatives": len(rows), "people_count": people_count},
    )
    audit_record(
        actor=actor,
        verb="case.representatives_set",
        target=case,
        data={"representatives": len(rows), "people_count": people_count},
    )
    return rows


# ----------------------------------------------------------------------------- split


@dataclass(frozen=True)
class SplitPart:
    kind: Case.Kind
    subject: str
    content: str
    field: Field | None = None


@transaction.atomic
def case_split(*, case: Case, actor: User, parts: list[SplitPart]) -> list[Case]:
    """Split a mixed petition into one case per kind (ND 154/2026 Art 14(4)).

    Each part becomes a case with its own tracking code and receipt deadline, counted from
    the day the letter arrived; the original is marked split and the petitioner is told
    every code. A denunciation part gets no petitioner: the sealed vault seals the
    sender's identity for it and its content is redacted. Nothing outside the vault links
    the denunciation to the sender (Law on Denunciations Art 47): it is not marked as split
    from the original, its idempotency key is a keyed hash, and the original keeps only the
    other parts' text (the letter as written is in the vault). Retrying the same split
    finds the cases already made (one idempotency key per part).
    """
    case = _lock(case)
    if case.kind != Kind.MIXED:
        raise ApplicationError(_("Only a petition with mixed contents can be split."))
    _require_status(case, BEFORE_ACCEPTANCE, _("This petition has already been dealt with."))
    kinds = [part.kind for part in parts]
    if len(parts) < 2:
        raise ApplicationError(_("A split gives at least two cases."))
    if len(set(kinds)) != len(kinds) or not set(kinds) <= {
        Kind.PETITION,
        Kind.COMPLAINT,
        Kind.DENUNCIATION,
    }:
        raise ApplicationError(
            _("Each part must be a different kind: petition, complaint or denunciation.")
        )
    seal = sealed_hook("denouncer_seal_from_case")
    if Kind.DENUNCIATION in kinds and seal is None:
        raise ApplicationError(
            _("The sealed vault is not available: the denunciation part cannot be split off.")
        )
    petitioner = Petitioner(
        name=case.petitioner_name,
        address=case.petitioner_address,
        id_number=case.petitioner_id_number,
        phone=case.petitioner_phone,
        email=case.petitioner_email,
    )
    children: list[Case] = []
    for part in parts:
        sealed = part.kind == Kind.DENUNCIATION
        content = part.content
        if sealed:
            content = redact_personal_data(content, terms=_identity_terms(case))
        child, _created = case_receive(
            kind=part.kind,
            channel=Case.Channel(case.channel),
            subject=part.subject,
            content=content,
            receiving_unit=case.receiving_unit,
            unit=case.unit,
            received_at=case.received_at,
            field=part.field or case.field,
            petitioner=None if sealed else petitioner,
            submitted_by=None if sealed else case.submitted_by,
            people_count=case.people_count,
            idempotency_key=_split_idempotency_key(case=case, kind=part.kind),
            entered_by=actor,
        )
        if sealed and seal is not None:
            seal(case=child, source=case, actor=actor)
        else:
            child.split_from = case
            child.save(update_fields=["split_from", "updated_at"])
        children.append(child)
    visible = [c for c in children if c.kind != Kind.DENUNCIATION]
    case.status = Status.SPLIT
    update = ["status", "updated_at"]
    if len(visible) < len(children):
        # The denunciation's words leave the original: only the other parts stay here.
        case.subject = " / ".join(c.subject for c in visible)[:255]
        case.content = "\n\n".join(c.content for c in visible)
        case.search_text = case_search_text(subject=case.subject, content=case.content)
        update += ["subject", "content", "search_text"]
        case.attachments.update(is_sealed=True)
    case.save(update_fields=update)
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.SPLIT,
        actor=actor,
        data={"codes": [c.tracking_code for c in visible]},
    )
    audit_record(
        actor=actor,
        verb="case.split",
        target=case,
        data={"cases": [c.pk for c in visible], "kinds": [str(c.kind) for c in visible]},
    )
    petitioner_notify(case=case, message="split")
    for child in children:
        if child.kind == Kind.DENUNCIATION:
            # The denouncer learns the denunciation's code through the sealed channel only.
            petitioner_notify(case=child, message="split_part")
    return children


def _split_idempotency_key(*, case: Case, kind: str) -> str:
    """One key per part; a denunciation's is a keyed hash, so it names no original case."""
    key = f"split-{case.pk}-{kind}"
    if kind != Kind.DENUNCIATION:
        return key
    digest = salted_hmac("danvan.petitions.split", key, algorithm="sha256").hexdigest()
    return "split-" + digest[:40]


# --------------------------------------------------------------------------- routing


@transaction.atomic
def case_accept(*, case: Case, actor: User, note: str = "") -> Case:
    """Accept the case for handling (thụ lý) and start its resolution time limit.

    * complaint: first or second time, simple or complex (Law on Complaints Arts 28, 37;
      remote-area variants for cases in remote areas); a group complaint needs every
      signature and the written appointment (ND 124/2020 Art 16(1) as amended);
    * denunciation: 30 days (Law on Denunciations Art 30), extensions decided by the head;
    * petition: the processing limit keeps running unless a resolution rule exists.
    """
    case = _lock(case)
    _not_mixed(case)
    _require_status(case, {Status.CLASSIFIED}, _("Check the conditions before accepting the case."))
    conditions = CaseConditions.objects.filter(case=case).first()
    if conditions is None or not conditions.eligible:
        raise ApplicationError(_("The case does not meet the conditions for handling."))
    if not conditions.within_competence:
        raise ApplicationError(
            _("The case is not within this unit's competence: forward it or give guidance.")
        )
    if case.kind == Kind.COMPLAINT and case.is_second_time and case.previous_case_id is None:
        raise ApplicationError(_("Link the first-time complaint before accepting a second one."))
    rule = resolution_rule_for(case)
    case.status = Status.ACCEPTED
    case.save(update_fields=["status", "updated_at"])
    today = _today()
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.ACCEPTED,
        actor=actor,
        note=note,
        data={"rule": rule or case.rule_code},
    )
    if rule is not None:
        try:
            case_deadline_restart(case=case, rule_code=rule, on=today, actor=actor)
        except DeadlineError as error:
            raise ApplicationError(_deadline_message(error)) from error
    audit_record(
        actor=actor,
        verb="case.accept",
        target=case,
        data={"rule": case.rule_code, "due_on": case.due_on},
    )
    petitioner_notify(case=case, message="accepted")
    return case


def resolution_rule_for(case: Case) -> str | None:
    """The rule that runs from acceptance; ``None`` keeps the current one (petitions)."""
    if case.kind == Kind.COMPLAINT:
        return COMPLAINT_RULES[(case.is_second_time, case.is_complex)]
    if case.kind == Kind.DENUNCIATION:
        return "denunciation_resolve"
    if PETITION_RESOLUTION_RULE in deadline_config().rule_book:
        return PETITION_RESOLUTION_RULE
    return None


@transaction.atomic
def case_forward(
    *, case: Case, actor: User, to_unit: Unit, letter_number: str, note: str = ""
) -> Case:
    """Forward the case to the competent unit with a forwarding letter (phiếu chuyển đơn).

    The case moves to ``to_unit`` with its history and tracking code; the receipt time
    limit starts again there. A denunciation is forwarded only once for the same content
    (TT 05/2021 Art 14; Law on Denunciations Art 24(3)).
    """
    case = _lock(case)
    _not_mixed(case)
    _require_status(case, BEFORE_ACCEPTANCE, _("Only a case not yet accepted can be forwarded."))
    if not letter_number.strip():
        raise ApplicationError(_("Give the number of the forwarding letter."))
    if to_unit.pk == case.unit_id:
        raise ApplicationError(_("The case is already with this unit."))
    if not to_unit.is_active:
        raise ApplicationError(_("This unit is no longer active."))
    if case.kind == Kind.DENUNCIATION and _already(case, CaseEvent.Kind.FORWARDED):
        raise ApplicationError(
            _(
                "This denunciation has already been forwarded once; it is not forwarded "
                "again (TT 05/2021 Art 14)."
            )
        )
    from_unit = case.unit
    case.unit = to_unit
    case.is_remote_area = to_unit.is_remote_area
    case.status = Status.RECEIVED
    case.save(update_fields=["unit", "is_remote_area", "status", "updated_at"])
    today = _today()
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.FORWARDED,
        actor=actor,
        note=note,
        data={
            "from_unit": from_unit.code,
            "to_unit": to_unit.code,
            "letter_number": letter_number.strip(),
        },
    )
    case_deadline_restart(case=case, rule_code=RECEIPT_RULES[case.kind], on=today, actor=actor)
    audit_record(
        actor=actor,
        verb="case.forward",
        target=case,
        data={"from_unit": from_unit.code, "to_unit": to_unit.code},
    )
    petitioner_notify(case=case, message="forwarded")
    return case


@transaction.atomic
def case_return(
    *, case: Case, actor: User, guidance: str, guided_to: str, letter_number: str = ""
) -> Case:
    """Return the petition with guidance to the competent body (TT 05/2021, form 02).

    Guidance is given only once for the same content; a repeat is kept on file instead.
    """
    case = _lock(case)
    _not_mixed(case)
    _require_status(
        case,
        {*BEFORE_ACCEPTANCE, Status.NOT_ELIGIBLE},
        _("Only a case not yet accepted can be returned with guidance."),
    )
    if not guidance.strip() or not guided_to.strip():
        raise ApplicationError(_("Say which body is competent and what the citizen should do."))
    if _already(case, CaseEvent.Kind.RETURNED):
        raise ApplicationError(
            _(
                "Guidance has already been given once for this content; keep the petition "
                "on file instead."
            )
        )
    case.status = Status.RETURNED
    case.save(update_fields=["status", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.RETURNED,
        actor=actor,
        note=guidance.strip(),
        data={"guided_to": guided_to.strip(), "letter_number": letter_number.strip()},
    )
    audit_record(actor=actor, verb="case.return", target=case, data={"status": case.status})
    petitioner_notify(case=case, message="returned")
    return case


@transaction.atomic
def case_refusal_propose(
    *, case: Case, actor: User, ground: RefusalNotice.Ground, reason: str
) -> RefusalNotice:
    """Propose to refuse reception; the written notice is then due in 3 working days.

    Law on Citizen Reception Art 9(3) concerns complaints and denunciations already
    resolved; ND 154/2026 Art 4(1)(h) concerns petitions with no new content. The case's
    time limit becomes ``refusal_notice``, counted from the visit.
    """
    case = _lock(case)
    _require_status(case, BEFORE_ACCEPTANCE, _("Only a case not yet accepted can be refused."))
    if RefusalNotice.objects.filter(case=case).exists():
        raise ApplicationError(_("A refusal has already been proposed for this case."))
    if ground == RefusalNotice.Ground.NO_NEW_CONTENT and case.kind != Kind.PETITION:
        raise ApplicationError(_("ND 154/2026 Art 4(1)(h) applies to petitions and feedback only."))
    if ground == RefusalNotice.Ground.REPEATED and case.kind not in {
        Kind.COMPLAINT,
        Kind.DENUNCIATION,
    }:
        raise ApplicationError(
            _("Law on Citizen Reception Art 9(3) applies to complaints and denunciations only.")
        )
    if not reason.strip():
        raise ApplicationError(_("Explain the reason for the refusal."))
    try:
        case_deadline_restart(
            case=case, rule_code="refusal_notice", on=case.received_on, actor=actor
        )
    except DeadlineError as error:
        raise ApplicationError(_deadline_message(error)) from error
    assert case.due_on is not None
    refusal = RefusalNotice(
        case=case,
        ground=ground,
        reason=reason.strip(),
        proposed_by=actor,
        proposed_on=_today(),
        due_on=case.due_on,
    )
    refusal.full_clean(exclude=["case", "proposed_by"])
    refusal.save()
    case_event_add(
        case=case, kind=CaseEvent.Kind.NOTE, actor=actor, data={"refusal_proposed": str(ground)}
    )
    audit_record(
        actor=actor, verb="case.refusal_propose", target=case, data={"ground": str(ground)}
    )
    return refusal


@transaction.atomic
def case_refusal_issue(*, case: Case, actor: User, notice_number: str) -> RefusalNotice:
    """The head issues the refusal notice (form 01/TCD); the case is closed."""
    case = _lock(case)
    refusal = RefusalNotice.objects.select_for_update().filter(case=case).first()
    if refusal is None or refusal.issued_on is not None:
        raise ApplicationError(_("There is no refusal waiting for its notice."))
    if not notice_number.strip():
        raise ApplicationError(_("Give the number of the notice."))
    today = _today()
    refusal.notice_number = notice_number.strip()
    refusal.issued_by = actor
    refusal.issued_on = today
    refusal.save(update_fields=["notice_number", "issued_by", "issued_on", "updated_at"])
    case.status = Status.CLOSED
    case.save(update_fields=["status", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.REFUSED,
        actor=actor,
        legal_basis=refusal.get_ground_display(),
        data={"notice_number": refusal.notice_number, "late": refusal.is_late},
    )
    audit_record(
        actor=actor,
        verb="case.refusal_issue",
        target=case,
        data={"ground": refusal.ground, "late": refusal.is_late},
    )
    petitioner_notify(case=case, message="refused")
    return refusal


# -------------------------------------------------------------- running deadline steps


def _deadline_step(
    *,
    case: Case,
    actor: User,
    kind: CaseEvent.Kind,
    legal_basis: str,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> RunningDeadline | None:
    case_event_add(case=case, kind=kind, actor=actor, note=note, legal_basis=legal_basis, data=data)
    return _refresh_due(case)


@transaction.atomic
def case_suspend(*, case: Case, actor: User, reason: str, legal_basis: str) -> Case:
    """Suspend the resolution (decision form 14a for complaints); the clock stops."""
    case = _lock(case)
    _require_status(case, {Status.ACCEPTED}, _("Only an accepted case can be suspended."))
    if not reason.strip() or not legal_basis.strip():
        raise ApplicationError(_("Give the reason and the decision that suspends the case."))
    _deadline_step(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.PAUSED,
        legal_basis=legal_basis.strip(),
        note=reason.strip(),
    )
    case.status = Status.SUSPENDED
    case.save(update_fields=["status", "due_on", "updated_at"])
    audit_record(actor=actor, verb="case.suspend", target=case, data={"rule": case.rule_code})
    return case


@transaction.atomic
def case_resume(*, case: Case, actor: User, legal_basis: str, note: str = "") -> Case:
    """Resume a suspended case (form 14b); a complaint's time limit counts again in full."""
    case = _lock(case)
    _require_status(case, {Status.SUSPENDED}, _("Only a suspended case can be resumed."))
    if not legal_basis.strip():
        raise ApplicationError(_("Give the decision that resumes the case."))
    _deadline_step(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.RESUMED,
        legal_basis=legal_basis.strip(),
        note=note.strip(),
    )
    case.status = Status.ACCEPTED
    case.save(update_fields=["status", "due_on", "updated_at"])
    audit_record(actor=actor, verb="case.resume", target=case, data={"due_on": case.due_on})
    return case


def extension_problem(
    *, running: RunningDeadline, code: str, count: int | None, legal_basis: str, on: dt.date
) -> str:
    """Why the engine would refuse this extension, in the user's language ("" if it would not).

    Mirrors the engine's checks (``RunningDeadline._extend``) so that each refusal gets a
    precise message; the engine still decides.
    """
    rule = running.rule
    extension = rule.extension(code)
    if extension is None:
        return _("This time limit cannot be extended in that way.")
    if not legal_basis.strip():
        return _("An extension needs the document that decides it.")
    if running.state is not ClockState.RUNNING:
        return _("A suspended case cannot be extended; resume it first.")
    wanted = extension.count if count is None else count
    if not 0 < wanted <= extension.count:
        return _("This extension is 1 to %(max)d %(unit)s.") % {
            "max": extension.count,
            "unit": UNIT_LABELS[extension.unit],
        }
    granted = running.extensions_granted
    if sum(1 for c, _n in granted if c == code) >= extension.max_times:
        return ngettext(
            "This extension may be granted only once.",
            "This extension may be granted at most %(times)d times.",
            extension.max_times,
        ) % {"times": extension.max_times}
    if rule.max_extensions is not None and len(granted) >= rule.max_extensions:
        return ngettext(
            "This time limit may be extended only once in all.",
            "This time limit may be extended at most %(times)d times in all.",
            rule.max_extensions,
        ) % {"times": rule.max_extensions}
    due = running.due_date
    if due is not None and on > due:
        return _("The time limit expired on %(date)s; it can no longer be extended.") % {
            "date": due.strftime("%d/%m/%Y")
        }
    return ""


@transaction.atomic
def case_extend(
    *, case: Case, actor: User, extension: str, legal_basis: str, count: int | None = None
) -> Case:
    """Extend the time limit as the rule allows (denunciations: Law on Denunciations Art 30).

    A complex denunciation is extended once by up to 30 days, an especially complex one
    twice; the decision is in writing (``legal_basis``).
    """
    case = _lock(case)
    _require_status(case, {Status.ACCEPTED}, _("Only an accepted case can be extended."))
    running = case_running_deadline(case=case)
    if running is None:
        raise ApplicationError(_("No time limit runs for this case."))
    today = _today()
    problem = extension_problem(
        running=running, code=extension, count=count, legal_basis=legal_basis, on=today
    )
    if problem:
        raise ApplicationError(problem)
    data: dict[str, Any] = {"extension": extension}
    if count is not None:
        data["count"] = count
    _deadline_step(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.EXTENDED,
        legal_basis=legal_basis.strip(),
        data=data,
    )
    case.save(update_fields=["due_on", "updated_at"])
    audit_record(
        actor=actor,
        verb="case.extend",
        target=case,
        data={"extension": extension, "count": count, "due_on": case.due_on},
    )
    return case


@transaction.atomic
def case_mark_complex(
    *, case: Case, actor: User, reason: Case.ComplexReason, note: str = ""
) -> Case:
    """Record that the case is complex (ND 124/2020 Art 3a) and apply the longer limit.

    For an accepted complaint the resolution rule switches to its complex variant, counted
    from the same start (acceptance, or the last resumption, which restarts complaints);
    a case not yet accepted gets the complex rule when it is accepted.
    """
    case = _lock(case)
    if not case.is_open:
        raise ApplicationError(_("This case is closed."))
    if case.is_complex:
        raise ApplicationError(_("The case is already marked complex."))
    switch = COMPLEX_VARIANTS.get(case.rule_code) if case.kind == Kind.COMPLAINT else None
    if switch is not None and case.status == Status.SUSPENDED:
        raise ApplicationError(_("Resume the case before marking it complex."))
    case.is_complex = True
    case.complex_reason = reason
    case.full_clean(exclude=["tracking_code", "idempotency_key", "search_text"])
    case.save(update_fields=["is_complex", "complex_reason", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        note=note.strip(),
        legal_basis="Nghị định 124/2020/NĐ-CP, Điều 3a",
        data={"complex_reason": str(reason)},
    )
    if switch is not None:
        case_deadline_restart(case=case, rule_code=switch, on=_clock_anchor(case), actor=actor)
    audit_record(
        actor=actor,
        verb="case.mark_complex",
        target=case,
        data={"reason": str(reason), "rule": case.rule_code, "due_on": case.due_on},
    )
    return case


def _clock_anchor(case: Case) -> dt.date:
    """The day the running clock counts from: the last start, or a later resumption."""
    start = _last_start(case)
    assert start is not None  # an accepted complaint always has a started deadline
    resumed = (
        case.events.filter(kind=CaseEvent.Kind.RESUMED, occurred_at__gt=start.occurred_at)
        .order_by("-occurred_at", "-pk")
        .first()
    )
    return resumed.occurred_on if resumed is not None else start.occurred_on


@transaction.atomic
def case_link_previous(*, case: Case, actor: User, previous: Case) -> Case:
    """Mark a complaint as second-time and link the first-time case (Law on Complaints Art 33)."""
    case = _lock(case)
    if case.kind != Kind.COMPLAINT or previous.kind != Kind.COMPLAINT:
        raise ApplicationError(_("Only a complaint can be linked to a first-time complaint."))
    _require_status(
        case,
        {*BEFORE_ACCEPTANCE, Status.NOT_ELIGIBLE},
        _("Link the first-time complaint before the case is accepted."),
    )
    # No loops: the first case must not be this case or follow from it.
    seen: set[int] = set()
    cursor: Case | None = previous
    while cursor is not None and cursor.pk not in seen:
        if cursor.pk == case.pk:
            raise ApplicationError(_("A case cannot follow itself."))
        seen.add(cursor.pk)
        cursor = cursor.previous_case
    case.is_second_time = True
    case.previous_case = previous
    case.save(update_fields=["is_second_time", "previous_case", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        data={"previous_case": previous.tracking_code},
    )
    audit_record(
        actor=actor,
        verb="case.link_previous",
        target=case,
        data={"previous_case": previous.pk},
    )
    return case


# --------------------------------------------------------------------------- answers


def answer_publishable(case: Case) -> bool:
    """Second-instance complaint decisions (Law on Complaints Art 41) and denunciation
    conclusions (Law on Denunciations Art 40) are published; nothing else is."""
    return (case.kind == Kind.COMPLAINT and case.is_second_time) or (case.kind == Kind.DENUNCIATION)


@transaction.atomic
def case_answer_draft(*, case: Case, actor: User, body: str) -> CaseAnswer:
    """Write (or rewrite) the answer; it then waits for the head's approval."""
    case = _lock(case)
    _require_status(
        case,
        {Status.ACCEPTED, Status.ANSWER_DRAFTED},
        _("An answer can be drafted only for an accepted case."),
    )
    if not body.strip():
        raise ApplicationError(_("Write the answer."))
    answer = CaseAnswer.objects.filter(case=case).first() or CaseAnswer(case=case)
    answer.body = body.strip()
    answer.drafted_by = actor
    answer.drafted_at = timezone.now()
    answer.approved_by = None
    answer.approved_at = None
    answer.full_clean(exclude=["case", "drafted_by", "approved_by"])
    answer.save()
    case.status = Status.ANSWER_DRAFTED
    case.save(update_fields=["status", "updated_at"])
    case_event_add(case=case, kind=CaseEvent.Kind.ANSWER_DRAFTED, actor=actor)
    audit_record(actor=actor, verb="case.answer_draft", target=case, data={"answer": answer.pk})
    return answer


def _answer(case: Case) -> CaseAnswer:
    answer = CaseAnswer.objects.select_for_update().filter(case=case).first()
    if answer is None:
        raise ApplicationError(_("There is no answer yet."))
    return answer


@transaction.atomic
def case_answer_approve(*, case: Case, actor: User) -> CaseAnswer:
    """The head approves the drafted answer."""
    case = _lock(case)
    _require_status(case, {Status.ANSWER_DRAFTED}, _("There is no drafted answer to approve."))
    answer = _answer(case)
    answer.approved_by = actor
    answer.approved_at = timezone.now()
    answer.review_comment = ""
    answer.save(update_fields=["approved_by", "approved_at", "review_comment", "updated_at"])
    case.status = Status.ANSWER_APPROVED
    case.save(update_fields=["status", "updated_at"])
    case_event_add(case=case, kind=CaseEvent.Kind.ANSWER_APPROVED, actor=actor)
    audit_record(actor=actor, verb="case.answer_approve", target=case, data={"answer": answer.pk})
    return answer


@transaction.atomic
def case_answer_return(*, case: Case, actor: User, comment: str) -> CaseAnswer:
    """The head sends the draft back to the handler with comments."""
    case = _lock(case)
    _require_status(case, {Status.ANSWER_DRAFTED}, _("There is no drafted answer to return."))
    if not comment.strip():
        raise ApplicationError(_("Write what should change in the answer."))
    answer = _answer(case)
    answer.review_comment = comment.strip()
    answer.save(update_fields=["review_comment", "updated_at"])
    case.status = Status.ACCEPTED
    case.save(update_fields=["status", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        note=comment.strip(),
        data={"answer": "returned"},
    )
    audit_record(actor=actor, verb="case.answer_return", target=case, data={"answer": answer.pk})
    return answer


@transaction.atomic
def case_answer_send(*, case: Case, actor: User) -> CaseAnswer:
    """Send the approved answer to the citizen; the case is answered."""
    case = _lock(case)
    _require_status(
        case, {Status.ANSWER_APPROVED}, _("Only an answer approved by the head can be sent.")
    )
    answer = _answer(case)
    answer.sent_at = timezone.now()
    answer.save(update_fields=["sent_at", "updated_at"])
    case.status = Status.ANSWERED
    case.save(update_fields=["status", "updated_at"])
    case_event_add(case=case, kind=CaseEvent.Kind.ANSWER_SENT, actor=actor)
    audit_record(actor=actor, verb="case.answer_send", target=case, data={"answer": answer.pk})
    petitioner_notify(case=case, message="answered")
    return answer


# Personal data that is redacted wherever it is, whoever it belongs to.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")
_PHONE = re.compile(r"(?<![\d+])(?:\+84|0)(?:[ .-]?\d){8,10}(?!\d)")


def _identity_terms(case: Case) -> list[str]:
    terms = [
        case.petitioner_name,
        case.petitioner_address,
        case.petitioner_id_number,
        case.petitioner_phone,
        case.petitioner_email,
    ]
    if case.submitted_by is not None:
        terms.append(case.submitted_by.full_name)
    terms.extend(GroupRepresentative.objects.filter(case=case).values_list("name", flat=True))
    return terms


def redact_personal_data(text: str, *, terms: Iterable[str]) -> str:
    """Replace the given names, addresses and numbers, and any e-mail address, ID number
    (9 or 12 digits) or phone number, by "[đã che]"; case-insensitive, longest first."""
    wanted = sorted({t.strip() for t in terms if t and len(t.strip()) >= 3}, key=len, reverse=True)
    for term in wanted:
        text = re.sub(re.escape(term), REDACTED, text, flags=re.IGNORECASE)
    for pattern in (_EMAIL, _ID_NUMBER, _PHONE):
        text = pattern.sub(REDACTED, text)
    return text


def case_redact(*, case: Case, text: str) -> str:
    """Redact ``text`` for publication: the petitioner's data, or the denouncer's through
    the sealed helper's ``denouncer_redact(case=, text=)`` when it exists."""
    redacted = redact_personal_data(text, terms=_identity_terms(case))
    if case.kind == Kind.DENUNCIATION:
        hook = sealed_hook("denouncer_redact")
        if hook is not None:
            redacted = str(hook(case=case, text=redacted))
    return redacted


@transaction.atomic
def case_answer_publish(*, case: Case, actor: User) -> CaseAnswer:
    """Publish the answer with personal data redacted, where the law requires publication."""
    case = _lock(case)
    _require_status(case, {Status.ANSWERED}, _("Only an answer that was sent can be published."))
    if not answer_publishable(case):
        raise ApplicationError(
            _(
                "Only second-instance complaint decisions and denunciation conclusions are "
                "published."
            )
        )
    answer = _answer(case)
    if answer.published:
        raise ApplicationError(_("This answer is already published."))
    answer.published = True
    answer.published_title = case_redact(case=case, text=case.subject)[:255]
    answer.published_body = case_redact(case=case, text=answer.body)
    answer.published_on = _today()
    answer.save(
        update_fields=[
            "published",
            "published_title",
            "published_body",
            "published_on",
            "updated_at",
        ]
    )
    case_event_add(case=case, kind=CaseEvent.Kind.PUBLISHED, actor=actor)
    audit_record(actor=actor, verb="case.answer_publish", target=case, data={"answer": answer.pk})
    return answer


# ------------------------------------------------------------------------ the sweep


@dataclass(frozen=True)
class SweepResult:
    on: dt.date
    working_day: bool
    warnings: int = 0
    escalations: int = 0
    notifications: int = 0


def _open_with_due() -> QuerySet[Case]:
    return Case.objects.filter(status__in=Case.OPEN_STATUSES, due_on__isnull=False)


def _claim(*, cases: QuerySet[Case], kind: AlertSent.Kind, run: str, today: dt.date) -> int:
    """Insert an ``AlertSent`` for each case not yet alerted for its due date; return how many.

    One ``INSERT … SELECT … ON CONFLICT DO NOTHING`` per kind: the database walks the
    ``(status, due_on)`` index and checks the unique ``(case, kind, due_on)`` index, and no
    row travels to Python. Rows another run already holds are skipped by the unique
    constraint, which is what decides who sends (a racing insert waits for the other
    transaction, then does nothing).
    """
    pending = cases.exclude(
        Exists(
            AlertSent.objects.filter(case_id=OuterRef("pk"), kind=kind, due_on=OuterRef("due_on"))
        )
    ).values_list("pk", "due_on")
    select_sql, select_params = pending.query.sql_with_params()
    quote = connection.ops.quote_name
    # SQLite needs a WHERE clause to parse INSERT … SELECT … ON CONFLICT unambiguously.
    # Only quoted table names and Django's own compiled SELECT are interpolated; every
    # value is a parameter.
    sql = (
        f"INSERT INTO {quote(AlertSent._meta.db_table)} (case_id, due_on, kind, sent_on, run) "  # noqa: S608
        f"SELECT sub.*, %s, %s, %s FROM ({select_sql}) sub WHERE 1 = 1 "
        "ON CONFLICT DO NOTHING"
    )
    params = [str(kind), connection.ops.adapt_datefield_value(today), run, *select_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(int(cursor.rowcount), 0)


def _events_for_run(*, run: str, today: dt.date) -> None:
    """Write one history event per alert this run won, in one ``INSERT … SELECT``."""
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        data = "jsonb_build_object('due_on', a.due_on::text)"
    else:
        data = "json_object('due_on', a.due_on)"
    # Quoted table names and a fixed expression only; values are parameters.
    sql = (
        f"INSERT INTO {quote(CaseEvent._meta.db_table)} "  # noqa: S608
        "(case_id, kind, occurred_at, occurred_on, note, legal_basis, data) "
        "SELECT a.case_id, CASE WHEN a.kind = %s THEN %s ELSE %s END, %s, %s, '', '', "
        f"{data} FROM {quote(AlertSent._meta.db_table)} a WHERE a.run = %s"
    )
    params = [
        str(AlertSent.Kind.WARNING),
        str(CaseEvent.Kind.WARNING_SENT),
        str(CaseEvent.Kind.ESCALATED),
        connection.ops.adapt_datetimefield_value(timezone.now()),
        connection.ops.adapt_datefield_value(today),
        run,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@dataclass
class _Staff:
    """The active handlers and heads, read once per sweep."""

    handlers: dict[int, list[int]]
    heads_by_path: dict[str, list[int]]
    paths: dict[int, str]

    @classmethod
    def load(cls) -> "_Staff":
        handlers: dict[int, list[int]] = defaultdict(list)
        heads_by_unit: dict[int, list[int]] = defaultdict(list)
        heads_by_path: dict[str, list[int]] = defaultdict(list)
        for user_id, unit_id, role, path in RoleAssignment.objects.filter(
            is_active=True,
            unit__is_active=True,
            user__is_active=True,
            role__in=[RoleAssignment.Role.HANDLER, RoleAssignment.Role.HEAD],
        ).values_list("user_id", "unit_id", "role", "unit__path"):
            if role == RoleAssignment.Role.HANDLER:
                handlers[unit_id].append(user_id)
            else:
                heads_by_unit[unit_id].append(user_id)
                heads_by_path[path].append(user_id)
        return cls(handlers=handlers, heads_by_path=heads_by_path, paths={})

    def load_paths(self, unit_ids: Iterable[int]) -> None:
        missing = [u for u in set(unit_ids) if u not in self.paths]
        for start in range(0, len(missing), 5000):
            self.paths.update(
                Unit.objects.filter(pk__in=missing[start : start + 5000]).values_list("pk", "path")
            )

    def heads(self, unit_id: int, *, with_ancestors: bool) -> list[int]:
        path = self.paths.get(unit_id, "")
        if not with_ancestors:
            return list(self.heads_by_path.get(path, []))
        codes = path.split(PATH_SEPARATOR)
        found: list[int] = []
        for depth in range(1, len(codes) + 1):
            found.extend(self.heads_by_path.get(PATH_SEPARATOR.join(codes[:depth]), []))
        return found

    def recipients(self, unit_id: int, kind: str) -> list[int]:
        """Due soon: the unit's handlers (its heads if it has none). Overdue: the heads of
        the unit and of every unit above it (the supervising units)."""
        if kind == AlertSent.Kind.WARNING:
            return self.handlers.get(unit_id) or self.heads(unit_id, with_ancestors=False)
        return self.heads(unit_id, with_ancestors=True)


DIGEST_CODES = 20


def _digest(kind: str, codes: list[str], days: int) -> tuple[str, str, str]:
    count = len(codes)
    shown = sorted(codes)[:DIGEST_CODES]
    if kind == AlertSent.Kind.WARNING:
        title = ngettext(
            "%(count)d case is due within %(days)d working days",
            "%(count)d cases are due within %(days)d working days",
            count,
        ) % {"count": count, "days": days}
        url = reverse("petitions:handling_inbox") + "?due=soon"
    else:
        title = ngettext("%(count)d case is overdue", "%(count)d cases are overdue", count) % {
            "count": count
        }
        url = reverse("petitions:handling_inbox") + "?due=overdue"
    body = "\n".join(tracking_code_display(code) for code in shown)
    if count > len(shown):
        body += "\n" + _("and %(more)d more") % {"more": count - len(shown)}
    return title, body, url


def case_alerts_sweep(*, on: dt.date | None = None, batch_size: int = 5000) -> SweepResult:
    """Warn before due dates and escalate overdue cases, each alert once, on working days.

    * due within ``DANVAN["DEADLINE_WARNING_WORKING_DAYS"]`` working days (today
      included): a warning to the unit's handlers;
    * overdue (the last day has passed): an escalation to the heads of the unit and of
      the units above it.

    One ``AlertSent`` row per (case, kind, due date) makes a re-run, or two workers at
    once, send nothing twice; a new due date allows a new warning. On a day off nothing is
    sent; the next working day's run catches up, since it selects by date range. People
    get one digest per kind listing the codes, not one message per case.
    """
    today = on or _today()
    config = deadline_config()
    if not config.calendar.is_working_day(today):
        return SweepResult(on=today, working_day=False)
    days = int(settings.DANVAN.get("DEADLINE_WARNING_WORKING_DAYS", 2))
    horizon = config.calendar.add_working_days(today, days)
    run = uuid.uuid4().hex
    with transaction.atomic():
        open_cases = _open_with_due()
        warnings = _claim(
            cases=open_cases.filter(due_on__gte=today, due_on__lte=horizon),
            kind=AlertSent.Kind.WARNING,
            run=run,
            today=today,
        )
        escalations = _claim(
            cases=open_cases.filter(due_on__lt=today),
            kind=AlertSent.Kind.OVERDUE,
            run=run,
            today=today,
        )
        _events_for_run(run=run, today=today)
        sent = _send_digests(run=run, days=days, batch_size=batch_size)
        result = SweepResult(
            on=today,
            working_day=True,
            warnings=warnings,
            escalations=escalations,
            notifications=sent,
        )
        audit_record(
            actor=None,
            verb="case.alerts_sweep",
            data={
                "on": today,
                "warnings": result.warnings,
                "escalations": result.escalations,
                "notifications": result.notifications,
            },
        )
    return result


def _send_digests(*, run: str, days: int, batch_size: int) -> int:
    """Send one digest per person and kind for the alerts this run won; return the count.

    The won rows are read in batches (server-side cursor); people with the same list of
    codes (the handlers of one unit) share one ``notify`` call.
    """
    staff = _Staff.load()
    digests: dict[tuple[str, int], list[str]] = defaultdict(list)
    rows: list[tuple[str, int, str]] = []

    def flush() -> None:
        staff.load_paths(row[1] for row in rows)
        for kind, unit_id, code in rows:
            for user_id in staff.recipients(unit_id, kind):
                digests[(kind, user_id)].append(code)
        rows.clear()

    won = AlertSent.objects.filter(run=run).values_list(
        "kind", "case__unit_id", "case__tracking_code"
    )
    for row in won.iterator(chunk_size=batch_size):
        rows.append(row)
        if len(rows) >= batch_size:
            flush()
    flush()

    grouped: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for (kind, user_id), codes in digests.items():
        grouped[(kind, tuple(sorted(codes)))].append(user_id)
    users = User.objects.in_bulk({u for ids in grouped.values() for u in ids})
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for (kind, digest_codes), user_ids in grouped.items():
            title, body, url = _digest(kind, list(digest_codes), days)
            sent += len(
                notify(
                    recipients=[users[u] for u in user_ids if u in users],
                    kind=f"petitions.deadline_{kind}",
                    title=title,
                    body=body,
                    url=url,
                )
            )
    return sent


# ---------------------------------------------------------------- routing table admin


@transaction.atomic
def routing_table_publish(*, table: RoutingTable, actor: User | None) -> RoutingTable:
    """Publish a routing table version; from its start date it decides the suggestions."""
    table = RoutingTable.objects.select_for_update().get(pk=table.pk)
    if table.published:
        raise ApplicationError(_("This version is already published."))
    if not table.rules.exists():
        raise ApplicationError(_("A routing table needs at least one rule."))
    table.published = True
    table.save(update_fields=["published", "updated_at"])
    audit_record(
        actor=actor,
        verb="routing_table.publish",
        target=table,
        data={"version": table.version, "effective_from": table.effective_from},
    )
    return table


@transaction.atomic
def routing_table_copy(
    *, table: RoutingTable, actor: User | None, effective_from: dt.date | None = None
) -> RoutingTable:
    """Start the next version as an unpublished copy of ``table`` (published ones stay fixed)."""
    last = RoutingTable.objects.select_for_update().order_by("-version").first()
    version = (last.version if last is not None else 0) + 1
    copy = RoutingTable.objects.create(
        version=version,
        effective_from=effective_from or _today(),
        note=table.note,
        published=False,
    )
    RoutingRule.objects.bulk_create(
        [
            RoutingRule(
                table=copy,
                kind=rule.kind,
                field_id=rule.field_id,
                place_id=rule.place_id,
                competent_unit_id=rule.competent_unit_id,
                priority=rule.priority,
            )
            for rule in table.rules.all()
        ]
    )
    audit_record(
        actor=actor,
        verb="routing_table.copy",
        target=copy,
        data={"from_version": table.version, "version": copy.version},
    )
    return copy
