"""Writes of the sealed area: receiving denunciations, sealing identities, follow-up codes,
requests to open an identity, and anonymous reports (Law on Denunciations Arts 9, 25, 47,
56; DOMAIN.md §3.4, §3.6).

The denouncer's identity goes into the vault (``SealedIdentity``) the moment a denunciation
is received, and the handlers' file only ever holds a redacted copy of the letter: the name,
ID number, phone, e-mail and address are replaced by "[đã che]" wherever they occur,
whatever the diacritics. Nothing here decrypts: the few actions that must use the identity
(writing to the denouncer, redacting an answer, the custodian's approved view) call
``danvan.petitions.custody``, imported inside those functions only.

Functions other areas call:

* :func:`denunciation_receive` — intake (public form and reception desk);
* :func:`denouncer_notify` — handling, when an answer or notice goes to the denouncer;
* :func:`denouncer_seal_from_case` — handling, when a case becomes a denunciation;
* :func:`denouncer_redact` — handling, when an answer is published.
"""

import datetime as dt
import functools
import hashlib
import json
import logging
import re
import secrets
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.notifications.services import notify
from danvan.petitions import crypto
from danvan.petitions.models import (
    AnonymousReport,
    Case,
    CaseEvent,
    DenouncerFollowUp,
    Field,
    IdentityOpenRequest,
    SealedIdentity,
)
from danvan.petitions.models.sealed import OPEN_APPROVAL_VALIDITY
from danvan.petitions.rules import may_open_sealed_identity
from danvan.petitions.services.cases import (
    RECEIPT_RULES,
    case_deadline_restart,
    case_event_add,
    case_receive,
    case_search_text,
)
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit, User

logger = logging.getLogger(__name__)

REDACTED = "[đã che]"
OPEN_PERM = "petitions.open_sealed_identity"
HANDLE_PERM = "petitions.handle_case"
SEALED_KINDS = frozenset({Case.Kind.DENUNCIATION, Case.Kind.ANONYMOUS_REPORT})

# A retried submission (lost response, double click) within this time gets a fresh receipt
# code, since the first one is stored only as a hash and cannot be shown again.
RECEIPT_REISSUE_WINDOW = dt.timedelta(minutes=30)


# --------------------------------------------------------------------------- failures


class SealedFlowError(RuntimeError):
    """Something failed while the identity was in memory; the cause is not passed on.

    A database error can quote the row it refused (PostgreSQL: "Failing row contains …"),
    and any exception message may quote an argument: neither may reach a log, an error
    page or an error report. The cause's type is logged; its message and traceback are not.
    """


def hide_failures[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Re-raise any unexpected exception of ``func`` as a bare ``SealedFlowError``.

    Business refusals (``ApplicationError``, ``ValidationError``) pass through unchanged:
    their messages are written for the user and never contain the identity. Put it under
    ``@sensitive_variables()`` so that the arguments are hidden in error reports too.
    """

    @functools.wraps(func)
    def hiding_wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (ApplicationError, ValidationError):
            raise
        except Exception as error:
            kind = type(error).__name__
            logger.error("sealed flow %s failed: %s (details hidden)", func.__name__, kind)
            raise SealedFlowError(f"{func.__name__} failed: {kind} (details hidden)") from None

    return hiding_wrapper


# --------------------------------------------------------------------------- identity


@dataclass(frozen=True, repr=False)
class DenouncerIdentity:
    """Who denounced: everything here is sealed, nothing of it reaches the case row.

    ``repr`` and ``str`` never show the values, so a log line or an error report that
    prints the object does not disclose the denouncer.
    """

    name: str = ""
    address: str = ""
    id_number: str = ""
    id_issued_on: dt.date | None = None
    id_issued_by: str = ""
    phone: str = ""
    email: str = ""
    account_id: int | None = None
    co_denouncers: tuple[str, ...] = ()
    notes: str = ""

    def __repr__(self) -> str:
        return "DenouncerIdentity(<sealed>)"

    __str__ = __repr__

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name.strip(),
            "address": self.address.strip(),
            "id_number": self.id_number.strip(),
            "id_issued_on": self.id_issued_on.isoformat() if self.id_issued_on else None,
            "id_issued_by": self.id_issued_by.strip(),
            "phone": self.phone.strip(),
            "email": self.email.strip(),
            "account_id": self.account_id,
            "co_denouncers": [n.strip() for n in self.co_denouncers if n.strip()],
            "notes": self.notes.strip(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "DenouncerIdentity":
        issued = data.get("id_issued_on")
        return cls(
            name=str(data.get("name", "")),
            address=str(data.get("address", "")),
            id_number=str(data.get("id_number", "")),
            id_issued_on=dt.date.fromisoformat(issued) if issued else None,
            id_issued_by=str(data.get("id_issued_by", "")),
            phone=str(data.get("phone", "")),
            email=str(data.get("email", "")),
            account_id=data.get("account_id"),
            co_denouncers=tuple(str(n) for n in data.get("co_denouncers", ())),
            notes=str(data.get("notes", "")),
        )


@sensitive_variables()
def sealed_blob(
    *,
    identity: DenouncerIdentity,
    original_subject: str,
    original_content: str,
    attachments: Sequence[str] = (),
) -> bytes:
    """The JSON that is encrypted: the identity and the letter as it was written."""
    return json.dumps(
        {
            "v": 1,
            "identity": identity.as_dict(),
            "original": {"subject": original_subject, "content": original_content},
            "attachments": [str(ref) for ref in attachments],
        },
        ensure_ascii=False,
        sort_keys=True,
    ).encode()


# --------------------------------------------------------------------------- redaction


def _fold_char(char: str) -> str:
    """One character without its marks, lower-cased; đ/Đ → d (đ is not d plus a mark)."""
    if char in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each folded character the index of its source character."""
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            folded.append(piece)
            positions.append(index)
    return "".join(folded), positions


def _fold(text: str) -> str:
    return _fold_with_positions(unicodedata.normalize("NFC", text))[0]


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


_SEP = r"[\s.\-]?"
_WORD_GAP = r"[\s,.;:\-–/]+"
# Anything that looks like contact or identity data, whoever it belongs to: the original
# is in the vault, and a handler who needs a number asks the custodian.
_ANY_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ANY_ID_NUMBER = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")
_ANY_PHONE = re.compile(r"(?<![\d+])(?:\+84|0)(?:[ .-]?\d){8,10}(?!\d)")


def _words_pattern(text: str) -> str | None:
    words = re.findall(r"\w+", _fold(text))
    if not words:
        return None
    return r"(?<!\w)" + _WORD_GAP.join(re.escape(w) for w in words) + r"(?!\w)"


def _number_pattern(digits: str) -> str | None:
    if len(digits) < 6:
        return None
    return r"(?<!\d)" + _SEP.join(digits) + r"(?!\d)"


def _phone_pattern(phone: str) -> str | None:
    digits = _digits(phone)
    if digits.startswith("84") and len(digits) >= 11:
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if len(national) < 6:
        return None
    prefix = r"(?:(?:\+|00)?84[\s.\-]?|0)?"
    return r"(?<![\d+])" + prefix + _SEP.join(national) + r"(?!\d)"


def _address_patterns(address: str) -> list[str]:
    """The whole address, its leading parts (the most specific), and a numbered first part."""
    parts = [p.strip() for p in re.split(r"[,;]", address) if p.strip()]
    candidates = [address]
    candidates += [", ".join(parts[:n]) for n in range(2, len(parts))]
    if parts and any(ch.isdigit() for ch in parts[0]) and len(parts[0].split()) >= 2:
        candidates.append(parts[0])
    patterns = [_words_pattern(c) for c in candidates]
    return [p for p in patterns if p]


def _identity_patterns(identity: DenouncerIdentity) -> list[str]:
    patterns: list[str | None] = []
    for name in (identity.name, *identity.co_denouncers):
        if len(_fold(name).strip()) >= 2:
            patterns.append(_words_pattern(name))
    if identity.address.strip():
        patterns.extend(_address_patterns(identity.address))
    patterns.append(_number_pattern(_digits(identity.id_number)))
    patterns.append(_phone_pattern(identity.phone))
    email = _fold(identity.email.strip())
    if "@" in email:
        patterns.append(r"(?<![\w.+-])" + re.escape(email) + r"(?![\w-])")
        local = email.split("@", 1)[0]
        if len(local) >= 6:
            patterns.append(r"(?<![\w.+-])" + re.escape(local) + r"(?![\w@-])")
    return [p for p in patterns if p]


def _spans(folded: str, patterns: Iterable[str | re.Pattern[str]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        spans.extend(m.span() for m in re.finditer(pattern, folded) if m.end() > m.start())
    return spans


@sensitive_variables()
def denouncer_text_redact(text: str, *, identity: DenouncerIdentity) -> str:
    """Replace the denouncer's name, address, ID number, phone and e-mail (and any e-mail,
    phone or ID number at all) by "[đã che]", ignoring case and diacritics (đ/Đ → d).

    Matching is done on a folded copy of the text and mapped back, so "Nguyen thi to giac",
    "NGUYỄN THỊ TỐ GIÁC" and "0912.345.678" are found as well as the exact spelling.
    """
    text = unicodedata.normalize("NFC", text)
    folded, positions = _fold_with_positions(text)
    patterns: list[str | re.Pattern[str]] = [*_identity_patterns(identity)]
    patterns += [_ANY_EMAIL, _ANY_ID_NUMBER, _ANY_PHONE]
    spans = sorted(
        (positions[start], positions[end - 1] + 1) for start, end in _spans(folded, patterns)
    )
    merged: list[list[int]] = []
    for start, end in spans:
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[str] = []
    cursor = 0
    for start, end in merged:
        pieces.append(text[cursor:start])
        pieces.append(REDACTED)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


# --------------------------------------------------------------------------- receipt codes

RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
RECEIPT_LENGTH = 28  # 28 × 5 = 140 random bits
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_HASH_SALT = "danvan.petitions.denouncer_follow_up"


def receipt_code_new() -> str:
    """A fresh random code of 140 bits (28 characters of Crockford's base 32)."""
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def receipt_code_display(code: str) -> str:
    """Groups of four for reading aloud and copying: ``7K3M-9QXP-…``."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def receipt_code_normalise(raw: str) -> str:
    """The canonical code from what a person typed (spaces, dashes, lower case, O/0, I/1)."""
    code = "".join(ch for ch in raw.upper() if ch.isalnum()).translate(_CONFUSABLE)
    if len(code) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in code):
        return ""
    return code


def receipt_code_digests(code: str) -> list[str]:
    """HMAC-SHA256 of the code under the current secret key and each fallback key.

    Keyed and deterministic: one indexed lookup finds the case, and a copy of the
    database alone cannot even test a guess. The code has 140 random bits, so a slow
    password hash would add nothing. Fallback keys keep codes working after the secret
    key is rotated (``SECRET_KEY_FALLBACKS``).
    """
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [
        salted_hmac(_HASH_SALT, code, secret=secret, algorithm="sha256").hexdigest()
        for secret in secrets_
    ]


def follow_up_code_issue(case: Case) -> str:
    """Give ``case`` a new follow-up code (replacing any earlier one); return it in clear."""
    code = receipt_code_new()
    digest = receipt_code_digests(code)[0]
    follow_up = DenouncerFollowUp.objects.filter(case=case).first()
    now = timezone.now()
    if follow_up is None:
        follow_up = DenouncerFollowUp(case=case, code_hash=digest, issued_at=now)
        follow_up.full_clean(exclude=["case"])
        follow_up.save()
    else:
        follow_up.code_hash = digest
        follow_up.issued_at = now
        follow_up.save(update_fields=["code_hash", "issued_at", "updated_at"])
    return code


def _receipt_reissue_on_retry(case: Case) -> str:
    """A retry soon after the first submission gets a fresh code; a late replay gets none."""
    if case.kind not in SEALED_KINDS:
        return ""
    follow_up = DenouncerFollowUp.objects.filter(case=case).first()
    if follow_up is None or timezone.now() - case.created_at > RECEIPT_REISSUE_WINDOW:
        return ""
    with transaction.atomic():
        code = follow_up_code_issue(case)
        audit_record(
            actor=None,
            verb="denouncer_follow_up.reissue",
            target=case,
            data={"case": case.tracking_code, "why": "retry"},
        )
    return code


def _receipt_email_enqueue(case_id: int) -> None:
    denouncer_receipt_send.enqueue(case_id=case_id)


# --------------------------------------------------------------------------- sealing


@sensitive_variables()
def _seal(
    *,
    case: Case,
    identity: DenouncerIdentity,
    original_subject: str,
    original_content: str,
    attachments: Sequence[str],
    wants_protection: bool,
) -> SealedIdentity:
    blob = sealed_blob(
        identity=identity,
        original_subject=original_subject,
        original_content=original_content,
        attachments=attachments,
    )
    envelope = crypto.seal(blob, case_id=case.pk)
    record = SealedIdentity(
        case=case,
        scheme=crypto.SCHEME,
        key_id=envelope.key_id,
        wrapped_key=envelope.wrapped_key,
        nonce=envelope.nonce,
        ciphertext=envelope.ciphertext,
        protection_requested=wants_protection,
    )
    record.full_clean(exclude=["case", "wrapped_key", "nonce", "ciphertext"])
    record.save()
    return record


def _anonymous_reason(identity: DenouncerIdentity) -> AnonymousReport.Reason | None:
    """Art 25(1): without a usable name or address it is not processed as a denunciation."""
    if len(identity.name.strip()) < 2:
        return AnonymousReport.Reason.NO_NAME
    if len(identity.address.strip()) < 2:
        return AnonymousReport.Reason.NO_ADDRESS
    return None


class DenunciationReceipt(NamedTuple):
    """``(case, created, receipt_code)``: the code is in clear only here, once."""

    case: Case
    created: bool
    receipt_code: str


@sensitive_variables()
@hide_failures
def denunciation_receive(
    *,
    channel: Case.Channel,
    subject: str,
    content: str,
    receiving_unit: Unit,
    identity: DenouncerIdentity,
    attachments: Sequence[str] = (),
    idempotency_key: str | None = None,
    entered_by: User | None = None,
    wants_protection: bool = True,
    unit: Unit | None = None,
    field: Field | None = None,
    people_count: int = 1,
    received_at: dt.datetime | None = None,
) -> DenunciationReceipt:
    """Receive a denunciation: seal the identity, keep a redacted file, issue a receipt code.

    * The case is made by ``case_receive`` (kind DENUNCIATION, no petitioner, no account)
      with the subject and content already redacted, so the identity never touches the
      case row, its history, the audit log or ``search_text``.
    * The identity and the original letter are encrypted into ``SealedIdentity``.
    * Without a usable name or address the case is an ANONYMOUS_REPORT instead (Art 25),
      still sealed, with its own checklist (``AnonymousReport``).
    * The follow-up code (140 bits) is returned in clear once and stored only as an HMAC.

    ``attachments`` are opaque references (e.g. the SHA-256 of each original file) kept in
    the sealed blob. A retry with the same ``idempotency_key`` returns the first case with
    ``created=False`` and, within 30 minutes, a fresh receipt code (else "").
    """
    reason = _anonymous_reason(identity)
    kind = Case.Kind.DENUNCIATION if reason is None else Case.Kind.ANONYMOUS_REPORT
    redacted_subject = denouncer_text_redact(subject.strip(), identity=identity)[:255]
    redacted_content = denouncer_text_redact(content.strip(), identity=identity)
    with transaction.atomic():
        case, created = case_receive(
            kind=kind,
            channel=channel,
            subject=redacted_subject,
            content=redacted_content,
            receiving_unit=receiving_unit,
            unit=unit,
            received_at=received_at,
            field=field,
            people_count=people_count,
            idempotency_key=idempotency_key,
            entered_by=entered_by,
        )
        if not created:
            return DenunciationReceipt(case, False, _receipt_reissue_on_retry(case))
        record = _seal(
            case=case,
            identity=identity,
            original_subject=subject.strip(),
            original_content=content.strip(),
            attachments=attachments,
            wants_protection=wants_protection,
        )
        case.search_text = case_search_text(subject=case.subject, content=case.content)
        case.save(update_fields=["search_text", "updated_at"])
        if reason is not None:
            report = AnonymousReport(case=case, reason=reason)
            report.full_clean(exclude=["case"])
            report.save()
        code = follow_up_code_issue(case)
        audit_record(
            actor=entered_by,
            verb="sealed_identity.seal",
            target=case,
            data={"case": case.tracking_code, "kind": str(kind), "key": record.key_id},
        )
    return DenunciationReceipt(case, True, code)


@sensitive_variables()
@hide_failures
def denouncer_seal_from_case(*, case: Case, source: Case, actor: User | None) -> SealedIdentity:
    """Seal the sender of ``source`` as the denouncer of ``case`` (handling's hook).

    Used when a case is reclassified as a denunciation (``source`` is ``case``: its
    petitioner fields and account are cleared) or when a mixed letter is split (``case`` is
    the denunciation part). The case's subject and content are redacted; the letter as
    written is kept in the vault. The sender gets a follow-up code by e-mail if they gave
    an address (a task issues it, so the code is never stored in a task's arguments).
    Calling it again for a case already sealed changes nothing.
    """
    existing = SealedIdentity.objects.filter(case=case).first()
    if existing is not None:
        return existing
    identity = DenouncerIdentity(
        name=source.petitioner_name,
        address=source.petitioner_address,
        id_number=source.petitioner_id_number,
        phone=source.petitioner_phone,
        email=source.petitioner_email,
        account_id=source.submitted_by_id,
    )
    # Read before redacting: ``source`` may be ``case`` itself.
    original_subject, original_content = source.subject, source.content
    with transaction.atomic():
        case.subject = denouncer_text_redact(case.subject, identity=identity)[:255]
        case.content = denouncer_text_redact(case.content, identity=identity)
        case.search_text = case_search_text(subject=case.subject, content=case.content)
        update = ["subject", "content", "search_text", "updated_at"]
        if case.pk == source.pk:
            case.petitioner_name = ""
            case.petitioner_address = ""
            case.petitioner_id_number = ""
            case.petitioner_phone = ""
            case.petitioner_email = ""
            case.submitted_by = None
            update += [
                "petitioner_name",
                "petitioner_address",
                "petitioner_id_number",
                "petitioner_phone",
                "petitioner_email",
                "submitted_by",
            ]
        case.save(update_fields=update)
        record = _seal(
            case=case,
            identity=identity,
            original_subject=original_subject,
            original_content=original_content,
            # A split letter's scans stay on the original, sealed; the vault names them.
            attachments=[a.sha256 for a in source.attachments.all()]
            if source.pk != case.pk
            else (),
            wants_protection=True,
        )
        # The original of a split letter is not named: it still carries the sender's name.
        audit_record(
            actor=actor,
            verb="sealed_identity.seal",
            target=case,
            data={"case": case.tracking_code, "key": record.key_id},
        )
        transaction.on_commit(functools.partial(_receipt_email_enqueue, case.pk))
    return record


# --------------------------------------------------------------------------- the denouncer


def _message_enqueue(case_id: int, title: str, body: str) -> None:
    # The key makes the task send once even if it runs twice (a killed worker's retry).
    key = f"denouncer-{case_id}-{uuid.uuid4().hex}"
    denouncer_message_send.enqueue(case_id=case_id, title=title, body=body, key=key)


def denouncer_notify(*, case: Case, title: str, body: str) -> str:
    """Write to the denouncer of ``case`` through the sealed contact (handling's hook).

    The message is e-mailed after the commit by a task that decrypts the contact inside
    ``custody`` and writes an audit entry without it. No in-app notification is made: a
    notification row would tie the denouncer's account to the case for anyone who can
    read notifications. ``title`` and ``body`` must not contain the identity (they come
    from the handlers' redacted file). Returns "sealed" when a message is on its way, or
    "none" when the case has nothing sealed.
    """
    if not SealedIdentity.objects.filter(case_id=case.pk).exists():
        return "none"
    transaction.on_commit(functools.partial(_message_enqueue, case.pk, str(title), str(body)))
    return "sealed"


@task(queue_name="notifications")
def denouncer_message_send(*, case_id: int, title: str, body: str, key: str = "") -> str:
    """Send one message to a denouncer (the contact is decrypted inside ``custody``)."""
    from danvan.petitions import custody

    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return "missing"
    return custody.identity_deliver_message(case=case, title=title, body=body, key=key)


@task(queue_name="notifications")
def denouncer_receipt_send(*, case_id: int) -> str:
    """Issue a follow-up code and e-mail it to the denouncer (never stored in clear)."""
    from danvan.petitions import custody

    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return "missing"
    return custody.identity_deliver_receipt(case=case)


def denouncer_redact(*, case: Case, text: str) -> str:
    """Redact the denouncer's identity from ``text`` before publication (handling's hook).

    The identity is used inside ``custody`` only; the caller gets the redacted text back.
    """
    from danvan.petitions import custody

    return custody.identity_redact(case=case, text=text)


def follow_up_url() -> str:
    """The public page where a denouncer enters the receipt code."""
    return reverse("petitions:sealed_follow_up")


# --------------------------------------------------------------------------- rate limits


def _rate_hit(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Count one attempt for ``key`` in ``scope``; True when over ``limit`` in the window.

    Keys are hashed, so the cache holds no addresses and no code fragments.
    """
    digest = hashlib.sha256(f"{scope}|{key}".encode()).hexdigest()[:32]
    cache_key = f"petitions:sealed:{scope}:{digest}"
    if cache.add(cache_key, 1, window):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, window)
        count = 1
    return count > limit


FOLLOW_UP_WINDOW_SECONDS = 15 * 60


def follow_up_attempt_allowed(*, client: str, code: str) -> bool:
    """Count a follow-up look-up; False if this address or this code prefix is over limit.

    Every attempt counts, right or wrong, so the limit itself reveals nothing. The prefix
    limit slows guessing spread over many addresses.
    """
    limits = getattr(settings, "DANVAN", {})
    raw = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_CONFUSABLE)
    over_ip = _rate_hit(
        scope="follow_up_ip",
        key=client,
        limit=int(limits.get("FOLLOW_UP_RATE_LIMIT", 10)),
        window=FOLLOW_UP_WINDOW_SECONDS,
    )
    over_prefix = _rate_hit(
        scope="follow_up_prefix",
        key=raw[:4],
        limit=int(limits.get("FOLLOW_UP_PREFIX_RATE_LIMIT", 10)),
        window=FOLLOW_UP_WINDOW_SECONDS,
    )
    return not (over_ip or over_prefix)


# --------------------------------------------------------------------------- open requests


def _custodians_of(case: Case) -> list[User]:
    """Active custodians of the case's unit and of every unit above it."""
    parts = case.unit.path.split(PATH_SEPARATOR)
    paths = [PATH_SEPARATOR.join(parts[: n + 1]) for n in range(len(parts))]
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__role=RoleAssignment.Role.CUSTODIAN,
            role_assignments__is_active=True,
            role_assignments__unit__is_active=True,
            role_assignments__unit__path__in=paths,
        ).distinct()
    )


@transaction.atomic
def identity_open_request_create(
    *, case: Case, requested_by: User, reason: str
) -> IdentityOpenRequest:
    """Ask the custodian to open the sealed identity of ``case``, giving a reason.

    The custodians of the unit (and above) are told; the reason is kept on the request,
    never in the audit log.
    """
    if not requested_by.has_perm(HANDLE_PERM, case):
        raise ApplicationError(_("Only the handlers and heads of this case can ask."))
    if not SealedIdentity.objects.filter(case=case).exists():
        raise ApplicationError(_("This case has no sealed identity."))
    if IdentityOpenRequest.objects.filter(
        case=case, requested_by=requested_by, status=IdentityOpenRequest.Status.PENDING
    ).exists():
        raise ApplicationError(_("You already have a request waiting for this case."))
    open_request = IdentityOpenRequest(case=case, requested_by=requested_by, reason=reason.strip())
    open_request.full_clean(exclude=["case", "requested_by"])
    open_request.save()
    audit_record(
        actor=requested_by,
        verb="sealed_identity.request",
        target=case,
        data={"case": case.tracking_code, "request": open_request.pk},
    )
    custodians = [u for u in _custodians_of(case) if u.pk != requested_by.pk]
    if custodians:
        notify(
            recipients=custodians,
            kind="petitions.sealed_identity_request",
            title=_("A request to open a sealed identity is waiting for your decision"),
            body=_("Case %(code)s. Open the request to read the reason and decide.")
            % {"code": case.display_code},
            url=reverse("petitions:sealed_request_decide", kwargs={"pk": open_request.pk}),
        )
    return open_request


@transaction.atomic
def identity_open_request_decide(
    *, open_request: IdentityOpenRequest, custodian: User, approve: bool, note: str = ""
) -> IdentityOpenRequest:
    """Approve or refuse a request (custodian only, never the requester); tell the requester.

    An approval lets this custodian, and only them, open the identity for 72 hours.
    """
    open_request = (
        IdentityOpenRequest.objects.select_for_update(of=("self",))
        .select_related("case", "case__unit", "requested_by")
        .get(pk=open_request.pk)
    )
    case = open_request.case
    if not may_open_sealed_identity(custodian, case):
        raise ApplicationError(_("Only a custodian of this case's unit can decide."))
    if open_request.requested_by_id == custodian.pk:
        raise ApplicationError(_("You cannot decide your own request."))
    if open_request.status != IdentityOpenRequest.Status.PENDING:
        raise ApplicationError(_("This request has already been decided."))
    if not approve and not note.strip():
        raise ApplicationError(_("Give the reason for refusing."))
    now = timezone.now()
    open_request.status = (
        IdentityOpenRequest.Status.APPROVED if approve else IdentityOpenRequest.Status.REFUSED
    )
    open_request.decided_by = custodian
    open_request.decided_at = now
    open_request.decision_note = note.strip()
    open_request.valid_until = now + OPEN_APPROVAL_VALIDITY if approve else None
    open_request.full_clean(exclude=["case", "requested_by", "decided_by"])
    open_request.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_note",
            "valid_until",
            "updated_at",
        ]
    )
    audit_record(
        actor=custodian,
        verb="sealed_identity.approve" if approve else "sealed_identity.refuse",
        target=case,
        data={"case": case.tracking_code, "request": open_request.pk},
    )
    title = (
        _("Your request to open the sealed identity of case %(code)s was approved")
        if approve
        else _("Your request to open the sealed identity of case %(code)s was refused")
    ) % {"code": case.display_code}
    body = (
        _("The custodian approved your request and will work with you under the secrecy rules.")
        if approve
        else _("The custodian refused your request. Reason: %(note)s") % {"note": note.strip()}
    )
    notify(
        recipients=[open_request.requested_by],
        kind="petitions.sealed_identity_decision",
        title=title,
        body=body,
        url=reverse("petitions:sealed_request", kwargs={"code": case.tracking_code}),
    )
    return open_request


def identity_open_request_require_usable(
    open_request: IdentityOpenRequest, custodian: User
) -> None:
    if (
        not open_request.is_usable
        or open_request.decided_by_id != custodian.pk
        or not may_open_sealed_identity(custodian, open_request.case)
    ):
        raise ApplicationError(_("This approval is not valid, or has expired."))


@transaction.atomic
def denouncer_receipt_reissue(*, open_request: IdentityOpenRequest, custodian: User) -> str:
    """Give the denouncer a new follow-up code (lost code), under an approved request.

    Only the custodian who approved the request can do it; the old code stops working.
    """
    identity_open_request_require_usable(open_request, custodian)
    case = open_request.case
    code = follow_up_code_issue(case)
    audit_record(
        actor=custodian,
        verb="denouncer_follow_up.reissue",
        target=case,
        data={"case": case.tracking_code, "request": open_request.pk},
    )
    return code


# --------------------------------------------------------------------------- anonymous reports


def _lock(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("unit").get(pk=case.pk)


def _report(case: Case) -> AnonymousReport:
    if case.kind != Case.Kind.ANONYMOUS_REPORT:
        raise ApplicationError(_("This case is not information with denunciation content."))
    report = AnonymousReport.objects.select_for_update().filter(case=case).first()
    if report is None:  # reclassified by another path: start its checklist now
        report = AnonymousReport(case=case, reason=AnonymousReport.Reason.UNIDENTIFIABLE)
        report.full_clean(exclude=["case"])
        report.save()
    return report


def _case_status(case: Case, status: Case.Status) -> None:
    case.status = status
    case.save(update_fields=["status", "updated_at"])


@transaction.atomic
def denunciation_treat_as_anonymous(
    *, case: Case, actor: User, reason: AnonymousReport.Reason, note: str = ""
) -> AnonymousReport:
    """Art 25(1): the denouncer cannot be identified, used another's name, or did not use
    the Art 22 form, so the case is not processed as a denunciation. The identity stays
    sealed; the case becomes "information with denunciation content"."""
    case = _lock(case)
    if case.kind != Case.Kind.DENUNCIATION:
        raise ApplicationError(_("Only a denunciation can be turned into an anonymous report."))
    if case.status not in {Case.Status.RECEIVED, Case.Status.CLASSIFIED, Case.Status.NOT_ELIGIBLE}:
        raise ApplicationError(_("Only a denunciation not yet accepted can be turned into one."))
    if reason in {AnonymousReport.Reason.NO_NAME, AnonymousReport.Reason.NO_ADDRESS}:
        raise ApplicationError(_("Choose why the sender cannot be treated as a denouncer."))
    case.kind = Case.Kind.ANONYMOUS_REPORT
    case.status = Case.Status.RECEIVED
    case.save(update_fields=["kind", "status", "updated_at"])
    report = AnonymousReport(case=case, reason=reason)
    report.full_clean(exclude=["case"])
    report.save()
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.CLASSIFIED,
        actor=actor,
        note=note.strip(),
        data={"kind": str(case.kind), "previous_kind": str(Case.Kind.DENUNCIATION)},
    )
    case_deadline_restart(
        case=case,
        rule_code=RECEIPT_RULES[Case.Kind.ANONYMOUS_REPORT],
        on=case.received_on,
        actor=actor,
    )
    audit_record(
        actor=actor,
        verb="anonymous_report.create",
        target=case,
        data={"case": case.tracking_code, "reason": str(reason)},
    )
    return report


@transaction.atomic
def anonymous_report_check(
    *,
    case: Case,
    actor: User,
    names_violator: bool,
    has_concrete_evidence: bool,
    has_basis_to_verify: bool,
    note: str = "",
) -> AnonymousReport:
    """Record the Art 25(2) checklist. Only a report that names the violator, with concrete
    evidence and a basis to verify, may then be inspected or forwarded; any other is closed
    and kept for reference. The checklist can be corrected until the next step."""
    case = _lock(case)
    report = _report(case)
    if report.status not in {AnonymousReport.Status.RECEIVED, AnonymousReport.Status.CHECKED}:
        raise ApplicationError(_("This report has already been dealt with."))
    report.names_violator = names_violator
    report.has_concrete_evidence = has_concrete_evidence
    report.has_basis_to_verify = has_basis_to_verify
    report.status = AnonymousReport.Status.CHECKED
    report.checked_by = actor
    report.checked_on = timezone.localdate()
    report.full_clean(exclude=["case", "checked_by", "forwarded_to"])
    report.save(
        update_fields=[
            "names_violator",
            "has_concrete_evidence",
            "has_basis_to_verify",
            "status",
            "checked_by",
            "checked_on",
            "updated_at",
        ]
    )
    _case_status(case, Case.Status.CLASSIFIED)
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.CLASSIFIED,
        actor=actor,
        note=note.strip(),
        data={"anonymous_report": "checked", "warrants_inspection": report.warrants_inspection},
    )
    audit_record(
        actor=actor,
        verb="anonymous_report.check",
        target=case,
        data={"case": case.tracking_code, "warrants_inspection": report.warrants_inspection},
    )
    return report


def _require_warranted(report: AnonymousReport) -> None:
    if report.status != AnonymousReport.Status.CHECKED:
        raise ApplicationError(_("Fill in the checklist first."))
    if not report.warrants_inspection:
        raise ApplicationError(
            _(
                "Only a report that names the violator, with concrete evidence and a basis "
                "to verify it, is inspected or forwarded (Art 25(2)). Close it instead."
            )
        )


@transaction.atomic
def anonymous_report_inspect(*, case: Case, actor: User, outcome: str) -> AnonymousReport:
    """Record the result of the inspection or check made within our management powers."""
    case = _lock(case)
    report = _report(case)
    _require_warranted(report)
    if not outcome.strip():
        raise ApplicationError(_("Write the result of the inspection."))
    report.status = AnonymousReport.Status.INSPECTED
    report.outcome = outcome.strip()
    report.save(update_fields=["status", "outcome", "updated_at"])
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        note=report.outcome,
        data={"anonymous_report": "inspected"},
    )
    audit_record(
        actor=actor,
        verb="anonymous_report.inspect",
        target=case,
        data={"case": case.tracking_code},
    )
    return report


@transaction.atomic
def anonymous_report_forward(
    *, case: Case, actor: User, to_unit: Unit, note: str = ""
) -> AnonymousReport:
    """Forward the report to the competent body to inspect or check (Art 25(2)).

    The file stays with our unit, marked forwarded, until it is closed; the redacted copy
    is what travels (the identity stays in the vault).
    """
    case = _lock(case)
    report = _report(case)
    _require_warranted(report)
    if to_unit.pk == case.unit_id:
        raise ApplicationError(_("Choose another unit than your own."))
    report.status = AnonymousReport.Status.FORWARDED
    report.forwarded_to = to_unit
    report.outcome = note.strip()
    report.save(update_fields=["status", "forwarded_to", "outcome", "updated_at"])
    _case_status(case, Case.Status.FORWARDED)
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.FORWARDED,
        actor=actor,
        note=note.strip(),
        data={"to": to_unit.code, "anonymous_report": "forwarded"},
    )
    audit_record(
        actor=actor,
        verb="anonymous_report.forward",
        target=case,
        data={"case": case.tracking_code, "to": to_unit.code},
    )
    return report


@transaction.atomic
def anonymous_report_close(*, case: Case, actor: User, outcome: str = "") -> AnonymousReport:
    """Close the report: after inspection or forwarding, or at once when the checklist
    shows no basis (it is kept on file for reference)."""
    case = _lock(case)
    report = _report(case)
    closable = {
        AnonymousReport.Status.CHECKED,
        AnonymousReport.Status.INSPECTED,
        AnonymousReport.Status.FORWARDED,
    }
    if report.status not in closable:
        raise ApplicationError(_("Fill in the checklist first."))
    if report.status == AnonymousReport.Status.CHECKED and report.warrants_inspection:
        raise ApplicationError(
            _("This report names the violator with evidence: inspect or forward it first.")
        )
    report.status = AnonymousReport.Status.CLOSED
    if outcome.strip():
        report.outcome = "\n\n".join(p for p in (report.outcome, outcome.strip()) if p)
    report.save(update_fields=["status", "outcome", "updated_at"])
    _case_status(case, Case.Status.CLOSED)
    case_event_add(
        case=case,
        kind=CaseEvent.Kind.NOTE,
        actor=actor,
        note=outcome.strip(),
        data={"anonymous_report": "closed"},
    )
    audit_record(
        actor=actor,
        verb="anonymous_report.close",
        target=case,
        data={"case": case.tracking_code},
    )
    return report
