"""The one module that decrypts sealed identities (Law on Denunciations Arts 47, 56).

Nothing else in danvan may decrypt (a test scans every module's imports). The entry points
are deliberately few, and only one of them returns the identity:

* :func:`identity_reveal` — the custodian's view, under an approved, unexpired request
  decided by that custodian; every call writes ``sealed_identity.open`` to the audit log;
* :func:`identity_deliver_message` and :func:`identity_deliver_receipt` — e-mail the
  denouncer (used by the sealed tasks); they return only the channel used;
* :func:`identity_redact` — redact an answer before publication; returns redacted text;
* :func:`sealed_identities_rewrap` — move records to the current master key.

Each writes an audit entry that names the case and the purpose, never the identity.
Functions that hold the identity in a local variable are marked ``sensitive_variables`` so
that error reports (``ADMINS`` e-mails) show them as stars.
"""

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from urllib.parse import urljoin

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.notifications.services import email_send_once
from danvan.petitions import crypto
from danvan.petitions.models import Case, IdentityOpenRequest, SealedIdentity
from danvan.petitions.services.sealed import (
    DenouncerIdentity,
    denouncer_text_redact,
    follow_up_code_issue,
    follow_up_url,
    hide_failures,
    identity_open_request_require_usable,
    receipt_code_display,
)
from danvan.units.models import User

logger = logging.getLogger(__name__)


class SealBrokenError(Exception):
    """The record cannot be decrypted: wrong case, altered row, or a key removed too early."""


@dataclass(frozen=True, repr=False)
class SealedContent:
    """What the vault holds for one case; never shown anywhere but the custodian's page."""

    identity: DenouncerIdentity
    original_subject: str
    original_content: str
    attachments: tuple[str, ...] = field(default_factory=tuple)
    protection_requested: bool = True
    sealed_at: dt.datetime | None = None

    def __repr__(self) -> str:
        return "SealedContent(<sealed>)"

    __str__ = __repr__


def _unwrap_data_key(record: SealedIdentity) -> bytes:
    master = crypto.sealing_key(record.key_id)
    wrapped = bytes(record.wrapped_key)
    aad = crypto.wrap_associated_data(case_id=record.case_id, key_id=record.key_id)
    nonce, ciphertext = wrapped[: crypto.NONCE_BYTES], wrapped[crypto.NONCE_BYTES :]
    return AESGCM(master.secret).decrypt(nonce, ciphertext, aad)


@sensitive_variables()
def _decrypt(record: SealedIdentity) -> SealedContent:
    """Decrypt one record; the associated data ties it to its own case."""
    if record.scheme != crypto.SCHEME:
        raise SealBrokenError(f"unknown scheme on sealed identity #{record.pk}")
    try:
        data_key = _unwrap_data_key(record)
        plaintext = AESGCM(data_key).decrypt(
            bytes(record.nonce),
            bytes(record.ciphertext),
            crypto.associated_data(case_id=record.case_id),
        )
    except InvalidTag:
        raise SealBrokenError(f"sealed identity #{record.pk} does not open for its case") from None
    blob = json.loads(plaintext)
    original = blob.get("original", {})
    return SealedContent(
        identity=DenouncerIdentity.from_dict(blob.get("identity", {})),
        original_subject=str(original.get("subject", "")),
        original_content=str(original.get("content", "")),
        attachments=tuple(str(ref) for ref in blob.get("attachments", ())),
        protection_requested=record.protection_requested,
        sealed_at=record.created_at,
    )


def _record(case: Case) -> SealedIdentity | None:
    return SealedIdentity.objects.filter(case_id=case.pk).first()


@sensitive_variables()
@hide_failures
def identity_reveal(
    *, open_request: IdentityOpenRequest, custodian: User, request: HttpRequest | None = None
) -> SealedContent:
    """The sealed identity of the request's case, for the custodian who approved it.

    Refused (``ApplicationError``) unless the request is approved, unexpired, decided by
    ``custodian`` and the custodian still holds the role. Every call is audited as
    ``sealed_identity.open`` with the case code and the request id.
    """
    identity_open_request_require_usable(open_request, custodian)
    record = _record(open_request.case)
    if record is None:
        raise ApplicationError(_("This case has no sealed identity."))
    content = _decrypt(record)
    audit_record(
        actor=custodian,
        verb="sealed_identity.open",
        target=open_request.case,
        data={"case": open_request.case.tracking_code, "request": open_request.pk},
        request=request,
    )
    return content


@sensitive_variables()
def _email_address(identity: DenouncerIdentity) -> str:
    """The address the denouncer gave, else their account's (if still active)."""
    if "@" in identity.email:
        return identity.email.strip()
    if identity.account_id is not None:
        account = User.objects.filter(pk=identity.account_id, is_active=True).first()
        if account is not None and account.email:
            return str(account.email)
    return ""


def _absolute(path: str) -> str:
    base: str = getattr(settings, "DANVAN", {}).get("SITE_URL", "")
    return urljoin(base, path) if base else ""


def _site_name() -> str:
    return str(getattr(settings, "DANVAN", {}).get("SITE_NAME", "danvan"))


@sensitive_variables()
def _send(*, to: str, title: str, template: str, context: dict[str, str], key: str = "") -> str:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template, {**context, "site_name": _site_name(), "link": _absolute(follow_up_url())}
        )
        subject = _("[%(site)s] %(title)s") % {
            "site": _site_name(),
            "title": " ".join(title.split()),
        }
    message = EmailMessage(subject=subject, body=body, to=[to])
    if key:
        return "email" if email_send_once(key=key, message=message) else "already_sent"
    message.send()
    return "email"


def _audit_contact(case: Case, *, channel: str, purpose: str) -> None:
    audit_record(
        actor=None,
        verb="sealed_identity.contact_use",
        target=case,
        data={"case": case.tracking_code, "channel": channel, "purpose": purpose},
    )
    logger.info("denouncer contact used: case=%s purpose=%s channel=%s", case.pk, purpose, channel)


@sensitive_variables()
@hide_failures
def identity_deliver_message(*, case: Case, title: str, body: str, key: str = "") -> str:
    """E-mail ``title``/``body`` to the denouncer; return "email" or "none" (no address).

    With ``key`` a second run sends nothing and returns "already_sent".
    """
    record = _record(case)
    address = _email_address(_decrypt(record).identity) if record is not None else ""
    channel = "email" if address else "none"
    if address:
        channel = _send(
            to=address,
            title=title,
            template="petitions/sealed/email/denouncer_message.txt",
            context={"title": title, "body": body},
            key=key,
        )
    _audit_contact(case, channel=channel, purpose="message")
    return channel


@sensitive_variables()
@hide_failures
def identity_deliver_receipt(*, case: Case) -> str:
    """Issue a new follow-up code and e-mail it to the denouncer; "none" if no address.

    Without an address no code is issued: the custodian can give one in person.
    """
    record = _record(case)
    address = _email_address(_decrypt(record).identity) if record is not None else ""
    if not address:
        _audit_contact(case, channel="none", purpose="receipt")
        return "none"
    with transaction.atomic():
        code = follow_up_code_issue(case)
        _send(
            to=address,
            title=_("Your follow-up code for a denunciation"),
            template="petitions/sealed/email/receipt_code.txt",
            context={"code": receipt_code_display(code)},
        )
        _audit_contact(case, channel="email", purpose="receipt")
    return "email"


@sensitive_variables()
@hide_failures
def identity_redact(*, case: Case, text: str) -> str:
    """``text`` with the denouncer's identity redacted (for an answer to be published)."""
    record = _record(case)
    if record is None:
        return text
    redacted = denouncer_text_redact(text, identity=_decrypt(record).identity)
    audit_record(
        actor=None,
        verb="sealed_identity.redact",
        target=case,
        data={"case": case.tracking_code},
    )
    return redacted


@sensitive_variables()
def sealed_identities_rewrap(*, batch_size: int = 500) -> int:
    """Re-wrap every record's data key under the current master key; return how many.

    The records themselves are not decrypted: only their data keys are unwrapped and
    wrapped again. Run it after putting a new key in front of ``DANVAN_SEALING_KEYS``;
    the old key can be removed once it returns 0.
    """
    current = crypto.sealing_keys()[0]
    changed = 0
    while True:
        with transaction.atomic():
            records = list(
                SealedIdentity.objects.select_for_update()
                .exclude(key_id=current.key_id)
                .order_by("pk")[:batch_size]
            )
            for record in records:
                data_key = _unwrap_data_key(record)
                record.wrapped_key = crypto.wrap_data_key(
                    data_key=data_key, case_id=record.case_id, master=current
                )
                record.key_id = current.key_id
                record.save(update_fields=["wrapped_key", "key_id", "updated_at"])
            changed += len(records)
        if len(records) < batch_size:
            break
    if changed:
        audit_record(
            actor=None,
            verb="sealed_identity.rewrap",
            data={"count": changed, "key": current.key_id},
        )
    return changed
