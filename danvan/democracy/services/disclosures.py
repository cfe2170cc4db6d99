"""Writes on the disclosure register ("dân biết", Law 10/2022/QH15 Arts 11–14, 46–48).

Category codes (``Disclosure.category``; the list with names and defaults is
``danvan.democracy.models.disclosures.CATEGORIES``):

- ``commune_01`` … ``commune_14``: Art 11 items 1–14, disclosed by a commune (ward,
  special zone) to its residents. Items 1–3 and 5–12 are posted for at least 30 consecutive
  days, items 4 and 13 permanently (Art 13(2)); items 7–12 also go on the loudspeaker for at
  least 3 consecutive days and to the village heads (Art 13(3)–(4)).
- ``agency_01`` … ``agency_12``: Art 46 items 1–12, disclosed by an agency or public service
  unit to its staff, posted or on the intranet for at least 20 consecutive days (Art 48).
- :data:`COMMUNITY_DECISION_RESULT` (``commune_14``, "other contents by law"): the result
  of a community decision ("dân bàn, dân quyết", published under Art 23); other areas call
  :func:`disclosure_record` with it.

Deadlines come from the deadline engine: ``disclosure_posting`` (commune, Art 12(3): 5
working days after the decision or document) and ``agency_disclosure`` (Art 47: 5 working
days), with the calendar in force (holidays, administrators' swaps).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import deadline_config
from danvan.democracy.models.disclosures import (
    AGENCY,
    CATEGORIES,
    COMMUNE,
    Disclosure,
    DisclosureChannel,
    DisclosureForm,
    DisclosurePosting,
    category_default,
)
from danvan.units.models import Unit, User

COMMUNITY_DECISION_RESULT = "commune_14"
DEADLINE_RULES = {COMMUNE: "disclosure_posting", AGENCY: "agency_disclosure"}
COMMUNE_KINDS = frozenset({Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE})
AGENCY_KINDS = frozenset(
    {
        Unit.Kind.MINISTRY,
        Unit.Kind.DEPARTMENT,
        Unit.Kind.PEOPLES_COMMITTEE,
        Unit.Kind.PUBLIC_UNIT,
        Unit.Kind.PARTY_COMMITTEE,
        Unit.Kind.PARTY_COMMISSION,
        Unit.Kind.FATHERLAND_FRONT,
    }
)
MAX_PROOF_BYTES = 10 * 1024 * 1024
PROOF_TYPES = {
    "application/pdf": b"%PDF",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG",
}


def unit_scope(unit: Unit) -> str | None:
    """``commune`` for a commune's register, ``agency`` for an agency's, None otherwise."""
    if unit.kind in COMMUNE_KINDS:
        return COMMUNE
    if unit.kind in AGENCY_KINDS:
        return AGENCY
    return None


def disclosure_due_date(*, unit: Unit, decided_on: dt.date) -> dt.date:
    """The last day to disclose: 5 working days after the decision (Art 12(3) / Art 47)."""
    scope = unit_scope(unit) or COMMUNE
    return deadline_config().due_date(DEADLINE_RULES[scope], decided_on)


def _clean_title(title: str) -> str:
    return " ".join(title.split())


def _check_category(unit: Unit, category: str) -> None:
    scope = unit_scope(unit)
    if scope is None:
        raise ApplicationError(
            _("Disclosure registers are kept by communes, agencies and public service units.")
        )
    info = CATEGORIES.get(category)
    if info is None or info.scope != scope:
        raise ApplicationError(_("Choose a category of this register."))


def _check_forms(forms: list[str]) -> list[str]:
    valid = set(DisclosureForm.values)
    if any(form not in valid for form in forms):
        raise ApplicationError(_("Choose forms of disclosure from the list."))
    return [form for form in DisclosureForm.values if form in forms]


def _save(disclosure: Disclosure, update_fields: list[str] | None = None) -> None:
    try:
        disclosure.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ApplicationError(_("Check the disclosure's details.")) from error
    disclosure.save(update_fields=update_fields)


@transaction.atomic
def disclosure_record(
    *,
    unit: Unit,
    category: str,
    title: str,
    decided_on: dt.date,
    actor: User,
    document_number: str = "",
    url: str = "",
) -> Disclosure:
    """The item for this decision in the unit's register, created if it is not there yet.

    Idempotent: the same unit, category, title (spaces normalised) and decision date give
    back the existing item, so a retried call or a second caller does not add a duplicate.
    The item is due by the deadline engine's date and takes the category's default
    durations and forms.
    """
    return disclosure_create(
        unit=unit,
        category=category,
        title=title,
        decided_on=decided_on,
        actor=actor,
        document_number=document_number,
        url=url,
        existing_ok=True,
    )


def _default_forms(category: str) -> list[str]:
    info = category_default(category)
    if info.scope == AGENCY:
        return [DisclosureForm.POSTING.value, DisclosureForm.INTRANET.value]
    forms = [DisclosureForm.POSTING.value, DisclosureForm.PORTAL.value]
    if info.loudspeaker_days:
        forms.append(DisclosureForm.LOUDSPEAKER.value)
    if info.village_heads:
        forms.append(DisclosureForm.VILLAGE_HEADS.value)
    return forms


@transaction.atomic
def disclosure_create(
    *,
    unit: Unit,
    category: str,
    title: str,
    decided_on: dt.date,
    actor: User,
    document_number: str = "",
    url: str = "",
    forms: list[str] | None = None,
    posting_days: int | None = None,
    permanent: bool | None = None,
    loudspeaker_days: int | None = None,
    village_heads: bool | None = None,
    note: str = "",
    previous: Disclosure | None = None,
    existing_ok: bool = False,
) -> Disclosure:
    """Add an item to the register; durations left None take the category's defaults.

    A second item with the same unit, category, title and decision date is refused
    (``existing_ok`` False: the officer's form) or returned (``existing_ok`` True).
    """
    _check_category(unit, category)
    title = _clean_title(title)
    if not title:
        raise ApplicationError(_("Enter what is disclosed."))
    existing = Disclosure.objects.filter(
        unit=unit, category=category, title=title, decided_on=decided_on
    ).first()
    if existing is not None:
        if existing_ok:
            return existing
        raise ApplicationError(
            _("This item is already in the register for the same decision date.")
        )
    if previous is not None and (previous.unit_id != unit.pk or previous.category != category):
        raise ApplicationError(_("A change is disclosed in the same register and category."))
    info = category_default(category)
    is_permanent = info.permanent if permanent is None else permanent
    disclosure = Disclosure(
        unit=unit,
        category=category,
        title=title,
        document_number=document_number.strip(),
        decided_on=decided_on,
        due_on=disclosure_due_date(unit=unit, decided_on=decided_on),
        url=url.strip(),
        forms=_check_forms(forms) if forms is not None else _default_forms(category),
        posting_days=None
        if is_permanent
        else (info.posting_days if posting_days is None else posting_days),
        permanent=is_permanent,
        loudspeaker_days=info.loudspeaker_days if loudspeaker_days is None else loudspeaker_days,
        village_heads=info.village_heads if village_heads is None else village_heads,
        previous=previous,
        note=note.strip(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            _save(disclosure)
    except IntegrityError:
        # The same item committed by a concurrent request in the meantime.
        if not existing_ok:
            raise ApplicationError(
                _("This item is already in the register for the same decision date.")
            ) from None
        return Disclosure.objects.get(
            unit=unit, category=category, title=title, decided_on=decided_on
        )
    audit_record(
        actor=actor,
        verb="democracy_disclosure.create",
        target=disclosure,
        data={"category": category, "due_on": disclosure.due_on.isoformat()},
    )
    return disclosure


EDITABLE = (
    "title",
    "document_number",
    "decided_on",
    "url",
    "forms",
    "posting_days",
    "permanent",
    "loudspeaker_days",
    "village_heads",
    "note",
)


@transaction.atomic
def disclosure_update(*, disclosure: Disclosure, actor: User, **changes: Any) -> Disclosure:
    """Correct an item (a typo, a wrong date); the due date follows the decision date.

    The category and unit do not change: a different item is a new entry.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if "title" in changes:
        changes["title"] = _clean_title(changes["title"])
        if not changes["title"]:
            raise ApplicationError(_("Enter what is disclosed."))
    if "forms" in changes:
        changes["forms"] = _check_forms(changes["forms"])
    for key in ("document_number", "url", "note"):
        if key in changes:
            changes[key] = changes[key].strip()
    if changes.get("permanent"):
        changes["posting_days"] = None
    clash = (
        Disclosure.objects.filter(
            unit=disclosure.unit,
            category=disclosure.category,
            title=changes.get("title", disclosure.title),
            decided_on=changes.get("decided_on", disclosure.decided_on),
        )
        .exclude(pk=disclosure.pk)
        .exists()
    )
    if clash:
        raise ApplicationError(
            _("This item is already in the register for the same decision date.")
        )
    changed = [key for key, value in changes.items() if getattr(disclosure, key) != value]
    for key in changed:
        setattr(disclosure, key, changes[key])
    if "decided_on" in changed:
        disclosure.due_on = disclosure_due_date(
            unit=disclosure.unit, decided_on=disclosure.decided_on
        )
        changed.append("due_on")
    if changed:
        _save(disclosure, update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor,
            verb="democracy_disclosure.update",
            target=disclosure,
            data={"fields": sorted(changed)},
        )
    return disclosure


def _check_proof(proof_name: str, proof: bytes) -> str:
    """The proof's content type, from its first bytes (a photo or a PDF)."""
    if len(proof) > MAX_PROOF_BYTES:
        raise ApplicationError(_("The proof file is larger than 10 MB."))
    for kind, magic in PROOF_TYPES.items():
        if proof.startswith(magic):
            return kind
    raise ApplicationError(_("The proof must be a photo (JPEG, PNG) or a PDF file."))


@transaction.atomic
def disclosure_posting_record(
    *,
    disclosure: Disclosure,
    actor: User,
    channel: str,
    posted_from: dt.date,
    posted_to: dt.date | None = None,
    place: str = "",
    url: str = "",
    proof_name: str = "",
    proof: bytes = b"",
    token: str = "",
) -> DisclosurePosting:
    """Record that the item was disclosed somewhere, from a date (until a date), with proof.

    ``token`` is the form's one-time token: the same token gives back the posting it
    already recorded (a double click, a retried submission) instead of a second one.
    """
    token = token[:64]
    if token:
        done = DisclosurePosting.objects.filter(token=token).first()
        if done is not None:
            return done
    if channel not in DisclosureChannel.values:
        raise ApplicationError(_("Choose where the item was disclosed."))
    today = timezone.localdate()
    if posted_from > today:
        raise ApplicationError(_("A posting is recorded once it has started."))
    if posted_from < disclosure.decided_on:
        raise ApplicationError(_("The posting cannot start before the decision date."))
    if posted_to is not None and posted_to < posted_from:
        raise ApplicationError(_("The end date is before the start date."))
    if channel == DisclosureChannel.PORTAL and not url.strip():
        raise ApplicationError(_("Enter the web address where the item is published."))
    proof_type = _check_proof(proof_name, proof) if proof else ""
    posting = DisclosurePosting(
        disclosure=disclosure,
        channel=channel,
        place=place.strip(),
        url=url.strip(),
        posted_from=posted_from,
        posted_to=posted_to,
        proof_name=proof_name[-255:] if proof else "",
        proof_type=proof_type,
        proof=proof,
        token=token,
        recorded_by=actor,
    )
    try:
        posting.full_clean(validate_constraints=False)
    except ValidationError as error:
        raise ApplicationError(_("Check the posting's details.")) from error
    try:
        with transaction.atomic():
            posting.save()
    except IntegrityError:
        # The same token committed by a concurrent request in the meantime.
        return DisclosurePosting.objects.get(token=token)
    audit_record(
        actor=actor,
        verb="democracy_disclosure.post",
        target=disclosure,
        data={
            "channel": channel,
            "posted_from": posted_from.isoformat(),
            "posted_to": posted_to.isoformat() if posted_to else None,
            "proof": bool(proof),
        },
    )
    return posting


@transaction.atomic
def disclosure_posting_end(
    *, posting: DisclosurePosting, actor: User, posted_to: dt.date
) -> DisclosurePosting:
    """Record the day a posting was taken down (the last day it was up)."""
    if posted_to < posting.posted_from:
        raise ApplicationError(_("The end date is before the start date."))
    if posted_to > timezone.localdate():
        raise ApplicationError(_("A posting is ended once it has been taken down."))
    posting.posted_to = posted_to
    posting.save(update_fields=["posted_to", "updated_at"])
    audit_record(
        actor=actor,
        verb="democracy_disclosure.posting_end",
        target=posting.disclosure,
        data={"posting": posting.pk, "posted_to": posted_to.isoformat()},
    )
    return posting
