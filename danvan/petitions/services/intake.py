"""Writes for intake: submissions on every channel, attachments, the reception book, online
reception sessions and the citizen's rating of an answer.

Every channel ends in :func:`danvan.petitions.services.cases.case_receive`, which makes a
retried submission (double click, lost response) return the case made the first time; the
functions here add what each channel brings with it, and only when the case is new, so a
retry never stores a file or writes a book line twice.

Denunciations never pass through :func:`intake_submit`: their identity goes to the sealed
vault (``danvan.petitions.services.sealed``), see :func:`intake_denunciation_receive`.
"""

import codecs
import datetime as dt
import hashlib
import os
import secrets
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_variables

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case, CaseEvent, Field
from danvan.petitions.models.intake import (
    Attachment,
    CaseRating,
    IntakeDetail,
    ReceptionBookEntry,
    ReceptionSession,
)
from danvan.petitions.selectors.intake import (
    UNTRACKABLE_KINDS,
    case_is_answered,
    session_earliest_day,
    session_timeline,
    unit_heads,
)
from danvan.petitions.services.cases import Petitioner, case_event_add, case_receive
from danvan.petitions.services.sealed import (
    DenouncerIdentity,
    denouncer_text_redact,
    denunciation_receive,
)
from danvan.units.models import Unit, User

# Evaluated lazily: Django's classes are generic only in the type stubs.
type Upload = UploadedFile[bytes]
type StoredFile = File[bytes]

# --------------------------------------------------------------------------- attachments

# Types accepted, by the extension ``filetype`` gives for the sniffed content.
ALLOWED_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "heic": "image/heic",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain",
}
ALLOWED_TYPES_DISPLAY = ", ".join(ext.upper() for ext in ALLOWED_TYPES)
_SNIFF_BYTES = 8192
_TEXT_CONTROLS_ALLOWED = frozenset("\t\n\r\f")
_CHUNK = 64 * 1024


def attachment_max_bytes() -> int:
    return int(settings.DANVAN.get("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def attachment_max_files() -> int:
    return int(settings.DANVAN.get("ATTACHMENT_MAX_FILES", 5))


@dataclass(frozen=True)
class InspectedFile:
    """An upload whose content was checked: the type sniffed, the size counted, the hash."""

    upload: Upload
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def _clean_name(raw: str | None) -> str:
    """The file name as shown and offered on download: no folders, no control characters."""
    name = os.path.basename((raw or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return unicodedata.normalize("NFC", name)[-255:] or "tep-dinh-kem"


def _is_plain_text(upload: Upload) -> bool:
    """True if the whole file is UTF-8 text without binary control characters."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    upload.seek(0)
    try:
        for chunk in upload.chunks(_CHUNK):
            text = decoder.decode(chunk)
            if any(ch < " " and ch not in _TEXT_CONTROLS_ALLOWED for ch in text):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def attachment_inspect(*, upload: Upload) -> InspectedFile:
    """Check one upload by its content; raise ``ValidationError`` (in the user's language).

    The type comes from the file's first bytes (``filetype``), never from its name or the
    type the browser claims, so a program renamed ``.pdf`` is refused. Text files have no
    signature: they are accepted when the whole content is valid UTF-8 text.
    """
    name = _clean_name(upload.name)
    limit = attachment_max_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)s MB.")
            % {"name": name, "limit": f"{limit / (1024 * 1024):g}"},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    guessed = filetype.guess(head)
    if guessed is not None:
        extension = str(guessed.extension)
    elif _is_plain_text(upload):
        extension = "txt"
    else:
        extension = ""
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "“%(name)s” is not a file type we accept (%(types)s). "
                "The content of the file was checked, not its name."
            )
            % {"name": name, "types": ALLOWED_TYPES_DISPLAY},
            code="file_type",
        )
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return InspectedFile(
        upload=upload,
        name=name,
        extension=extension,
        content_type=ALLOWED_TYPES[extension],
        size=size,
        sha256=digest.hexdigest(),
    )


def attachments_inspect(*, uploads: Sequence[Upload]) -> list[InspectedFile]:
    """Check the number of files and each file; all problems are reported together."""
    errors: list[ValidationError] = []
    limit = attachment_max_files()
    if len(uploads) > limit:
        errors.append(
            ValidationError(
                ngettext(
                    "You can attach at most %(count)s file.",
                    "You can attach at most %(count)s files.",
                    limit,
                )
                % {"count": limit},
                code="too_many",
            )
        )
    inspected: list[InspectedFile] = []
    for upload in uploads:
        try:
            inspected.append(attachment_inspect(upload=upload))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return inspected


def _storage() -> FileSystemStorage:
    """Attachments live under ``DANVAN_PRIVATE_MEDIA_ROOT``, which no URL serves."""
    return FileSystemStorage(
        location=Path(settings.DANVAN_PRIVATE_MEDIA_ROOT) / "attachments",
        base_url=None,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def _relative_path(stored_name: str) -> str:
    # Two-character folders keep any one directory small.
    return f"{stored_name[:2]}/{stored_name}"


def attachment_open(*, attachment: Attachment) -> StoredFile:
    """Open the stored file for reading (the caller checked access to the case)."""
    return _storage().open(_relative_path(attachment.stored_name), "rb")


def attachment_download_record(*, attachment: Attachment, actor: User) -> None:
    """Write the download in the audit log (a sealed file's every opening must be there)."""
    audit_record(
        actor=actor,
        verb="attachment.download",
        target=attachment,
        data={"case": attachment.case.tracking_code, "sealed": attachment.is_sealed},
    )


def _attachments_store(
    *,
    case: Case,
    files: Iterable[InspectedFile],
    uploaded_by: User | None,
    written: list[str],
    sealed: bool = False,
) -> list[Attachment]:
    storage = _storage()
    stored: list[Attachment] = []
    for item in files:
        stored_name = secrets.token_hex(16)
        item.upload.seek(0)
        path = storage.save(_relative_path(stored_name), item.upload)
        written.append(path)
        attachment = Attachment(
            case=case,
            original_name=item.name,
            stored_name=stored_name,
            content_type=item.content_type,
            extension=item.extension,
            size=item.size,
            sha256=item.sha256,
            is_sealed=sealed,
            uploaded_by=uploaded_by,
        )
        attachment.full_clean()
        attachment.save()
        stored.append(attachment)
    return stored


def _remove_files(paths: Iterable[str]) -> None:
    storage = _storage()
    for path in paths:
        storage.delete(path)


def _check_receipt_dates(
    *,
    channel: Case.Channel,
    received_on: dt.date | None,
    letter_dated_on: dt.date | None,
    postmarked_on: dt.date | None,
) -> None:
    """Refuse a receipt date in the future and, for post, inconsistent letter dates."""
    _check_not_future(received_on, _("The date of receipt cannot be in the future."))
    if channel == Case.Channel.POST:
        _check_letter_dates(
            letter_dated_on=letter_dated_on,
            postmarked_on=postmarked_on,
            received_on=received_on or timezone.localdate(),
        )


@contextmanager
def _files_removed_on_error() -> Iterator[list[str]]:
    """Collect the names of files written inside; remove them if anything fails."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        _remove_files(written)
        raise


# --------------------------------------------------------------------------- submissions


def submission_key_new() -> str:
    """A random key for one rendering of a form: the same key on a retry means the same case."""
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Submission:
    """What a petitioner sends, whatever the channel (the case's own fields and intake's)."""

    kind: Case.Kind
    subject: str
    content: str
    unit: Unit
    petitioner: Petitioner
    field: Field | None = None
    people_count: int = 1
    co_petitioners: tuple[str, ...] = ()
    respondent: str = ""
    id_issued_on: dt.date | None = None
    id_issued_by: str = ""


def _received_at(on: dt.date | None) -> dt.datetime:
    """Now, or noon of ``on`` in Vietnam when an officer enters an earlier day's receipt."""
    now = timezone.now()
    if on is None or on == timezone.localdate(now):
        return now
    return dt.datetime.combine(on, dt.time(12, 0), tzinfo=timezone.get_current_timezone())


def _check_not_future(on: dt.date | None, message: str) -> None:
    if on is not None and on > timezone.localdate():
        raise ApplicationError(message)


def intake_submit(
    *,
    submission: Submission,
    idempotency_key: str,
    channel: Case.Channel = Case.Channel.WEB,
    submitted_by: User | None = None,
    entered_by: User | None = None,
    received_on: dt.date | None = None,
    letter_dated_on: dt.date | None = None,
    postmarked_on: dt.date | None = None,
    files: Sequence[InspectedFile] = (),
) -> tuple[Case, bool]:
    """Receive a petition or complaint with its files; return ``(case, created)``.

    ``idempotency_key`` comes from the form: a second call with it returns the first case
    and stores nothing more. Files are written before the rows that point to them and
    removed again if anything fails, so the private folder holds no orphans.
    """
    if submission.kind in UNTRACKABLE_KINDS:
        raise ValueError("denunciations are received through the sealed flow")
    _check_receipt_dates(
        channel=channel,
        received_on=received_on,
        letter_dated_on=letter_dated_on,
        postmarked_on=postmarked_on,
    )
    with _files_removed_on_error() as written, transaction.atomic():
        return _submission_receive(
            submission=submission,
            idempotency_key=idempotency_key,
            channel=channel,
            submitted_by=submitted_by,
            entered_by=entered_by,
            received_on=received_on,
            letter_dated_on=letter_dated_on,
            postmarked_on=postmarked_on,
            files=files,
            written=written,
        )


def _submission_receive(
    *,
    submission: Submission,
    idempotency_key: str,
    channel: Case.Channel,
    submitted_by: User | None,
    entered_by: User | None,
    received_on: dt.date | None,
    letter_dated_on: dt.date | None,
    postmarked_on: dt.date | None,
    files: Sequence[InspectedFile],
    written: list[str],
) -> tuple[Case, bool]:
    """The case, its intake details and its files (in the caller's transaction)."""
    case, created = case_receive(
        kind=submission.kind,
        channel=channel,
        subject=submission.subject,
        content=submission.content,
        receiving_unit=submission.unit,
        received_at=_received_at(received_on),
        field=submission.field,
        petitioner=submission.petitioner,
        submitted_by=submitted_by,
        people_count=submission.people_count,
        idempotency_key=idempotency_key,
        entered_by=entered_by,
    )
    if not created:
        return case, False
    detail = IntakeDetail(
        case=case,
        respondent=submission.respondent.strip(),
        id_issued_on=submission.id_issued_on,
        id_issued_by=submission.id_issued_by.strip(),
        co_petitioners=[name.strip() for name in submission.co_petitioners if name.strip()],
        letter_dated_on=letter_dated_on,
        postmarked_on=postmarked_on,
    )
    detail.full_clean()
    detail.save()
    stored = _attachments_store(
        case=case, files=files, uploaded_by=submitted_by or entered_by, written=written
    )
    if stored:
        audit_record(
            actor=entered_by or submitted_by,
            verb="case.attach",
            target=case,
            data={"count": len(stored), "types": [a.extension for a in stored]},
        )
    return case, True


def _check_letter_dates(
    *, letter_dated_on: dt.date | None, postmarked_on: dt.date | None, received_on: dt.date
) -> None:
    """A letter is written, then posted, then received: the dates must follow that order."""
    if postmarked_on is not None and postmarked_on > received_on:
        raise ApplicationError(_("The postmark cannot be later than the date of receipt."))
    if letter_dated_on is not None and letter_dated_on > (postmarked_on or received_on):
        raise ApplicationError(
            _("The letter cannot be dated later than its postmark or its receipt.")
        )


# --------------------------------------------------------------------------- denunciations


@dataclass(frozen=True)
class DenunciationReceived:
    """A denunciation handed to the sealed vault. ``receipt_code`` is in clear only here,
    for the one page that shows it; it is empty on a late retry (stored only as a hash)."""

    case: Case
    receipt_code: str
    created: bool


def intake_denunciation_receive(
    *,
    submission: Submission,
    idempotency_key: str,
    channel: Case.Channel = Case.Channel.WEB,
    account: User | None = None,
    entered_by: User | None = None,
    received_on: dt.date | None = None,
    letter_dated_on: dt.date | None = None,
    postmarked_on: dt.date | None = None,
    files: Sequence[InspectedFile] = (),
) -> DenunciationReceived:
    """Hand a denunciation to the sealed-identity flow, then keep its files sealed.

    The identity (name, address, paper, contact, co-denouncers, the account of a signed-in
    denouncer) goes only to ``sealed.denunciation_receive``, which redacts the letter and
    encrypts the rest; the case row never holds it. Files are stored sealed: only the
    custodian opens them until a redacted copy exists (Law on Denunciations Art 56(2)).
    """
    if submission.kind != Case.Kind.DENUNCIATION:
        raise ValueError("only denunciations go to the sealed flow")
    _check_receipt_dates(
        channel=channel,
        received_on=received_on,
        letter_dated_on=letter_dated_on,
        postmarked_on=postmarked_on,
    )
    with _files_removed_on_error() as written, transaction.atomic():
        return _denunciation_receive(
            submission=submission,
            idempotency_key=idempotency_key,
            channel=channel,
            account=account,
            entered_by=entered_by,
            received_on=received_on,
            letter_dated_on=letter_dated_on,
            postmarked_on=postmarked_on,
            files=files,
            written=written,
        )


@sensitive_variables()
def _denunciation_receive(
    *,
    submission: Submission,
    idempotency_key: str,
    channel: Case.Channel,
    account: User | None,
    entered_by: User | None,
    received_on: dt.date | None,
    letter_dated_on: dt.date | None,
    postmarked_on: dt.date | None,
    files: Sequence[InspectedFile],
    written: list[str],
) -> DenunciationReceived:
    petitioner = submission.petitioner
    identity = DenouncerIdentity(
        name=petitioner.name,
        address=petitioner.address,
        id_number=petitioner.id_number,
        id_issued_on=submission.id_issued_on,
        id_issued_by=submission.id_issued_by,
        phone=petitioner.phone,
        email=petitioner.email,
        account_id=account.pk if account is not None else None,
        co_denouncers=submission.co_petitioners,
    )
    accused = submission.respondent.strip()
    content = submission.content.strip()
    if accused:
        # Art 23(1): the person denounced is part of the letter the handlers read.
        content = _("Person or body denounced: %(accused)s") % {"accused": accused} + (
            "\n\n" + content
        )
    receipt = denunciation_receive(
        channel=channel,
        subject=submission.subject,
        content=content,
        receiving_unit=submission.unit,
        identity=identity,
        attachments=[f"sha256:{item.sha256}" for item in files],
        idempotency_key=idempotency_key,
        entered_by=entered_by,
        field=submission.field,
        people_count=submission.people_count,
        received_at=_received_at(received_on),
    )
    case = receipt.case
    if receipt.created:
        detail = IntakeDetail(
            case=case,
            respondent=denouncer_text_redact(accused, identity=identity)[:255],
            letter_dated_on=letter_dated_on,
            postmarked_on=postmarked_on,
        )
        detail.full_clean()
        detail.save()
        stored = _attachments_store(
            case=case, files=files, uploaded_by=None, written=written, sealed=True
        )
        if stored:
            audit_record(
                actor=entered_by,
                verb="case.attach",
                target=case,
                data={"count": len(stored), "sealed": True},
            )
    return DenunciationReceived(
        case=case, receipt_code=receipt.receipt_code, created=receipt.created
    )


# --------------------------------------------------------------------------- rate limits


def rate_limit_hit(*, scope: str, client: str, limit: int, window_seconds: int) -> bool:
    """Count one request of ``client`` in ``scope``; True when it is over ``limit``.

    Fixed windows in Django's cache (shared between processes with Redis). The client's
    address is hashed so that the cache holds no addresses.
    """
    if limit <= 0:
        return False
    digest = hashlib.sha256(f"{scope}|{client}".encode()).hexdigest()[:32]
    key = f"petitions:rate:{scope}:{digest}"
    if cache.add(key, 1, window_seconds):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        count = 1
    return count > limit


def rate_limit_peek(*, scope: str, client: str, limit: int) -> bool:
    """True if ``client`` has already used up ``limit`` in ``scope`` (counts nothing)."""
    if limit <= 0:
        return False
    digest = hashlib.sha256(f"{scope}|{client}".encode()).hexdigest()[:32]
    count = cache.get(f"petitions:rate:{scope}:{digest}", 0)
    return int(count) >= limit


# --------------------------------------------------------------------------- rating


@transaction.atomic
def case_rate(
    *,
    case: Case,
    outcome: CaseRating.Outcome,
    comment: str = "",
    via: CaseRating.Via,
    rated_by: User | None = None,
) -> CaseRating:
    """Record that the citizen received the answer and how satisfied they are (once).

    The case row is locked so that two submissions of the rating form cannot both pass the
    "not rated yet" check; the one-to-one key would refuse the second anyway.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.kind in UNTRACKABLE_KINDS:
        raise ApplicationError(_("This case cannot be rated here."))
    if not case_is_answered(case=locked):
        raise ApplicationError(_("There is no answer to rate yet."))
    if CaseRating.objects.filter(case=locked).exists():
        raise ApplicationError(_("This answer has already been rated."))
    now = timezone.now()
    rating = CaseRating(
        case=locked,
        outcome=outcome,
        comment=comment.strip(),
        receipt_confirmed_at=now,
        via=via,
        rated_by=rated_by,
    )
    rating.full_clean()
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise ApplicationError(_("This answer has already been rated.")) from None
    case_event_add(
        case=locked, kind=CaseEvent.Kind.RATED, actor=rated_by, data={"outcome": str(outcome)}
    )
    audit_record(
        actor=rated_by,
        verb="case.rate",
        target=locked,
        data={"outcome": str(outcome), "via": str(via)},
    )
    return rating


# --------------------------------------------------------------------------- reception book


@dataclass(frozen=True)
class BookColumns:
    """Columns 8–13 of form 03/TCD: what was done with the visit."""

    resolved_by: str = ""
    within_competence: bool = False
    guided_to: str = ""
    guidance_letter_number: str = ""
    accepted_by: str = ""
    transfer_letter_number: str = ""
    outcome_follow_up: str = ""
    notes: str = ""


def _check_columns(columns: BookColumns) -> None:
    if columns.within_competence and columns.guided_to.strip():
        raise ApplicationError(
            _(
                "A petition within our competence is not guided to another body: "
                "clear one of the two."
            )
        )


def _next_sequence(*, unit: Unit, year: int) -> int:
    """The next book number of ``unit`` in ``year``; the unit row is locked until commit so
    two officers recording at the same moment get different numbers."""
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = ReceptionBookEntry.objects.filter(unit=unit, year=year).aggregate(n=Max("sequence"))
    return int(last["n"] or 0) + 1


def _id_paper_text(submission: Submission) -> str:
    """Column 4: the paper's number, then its date and place of issue when known."""
    parts = [submission.petitioner.id_number.strip()]
    if submission.id_issued_on is not None:
        parts.append(
            _("issued on %(date)s") % {"date": submission.id_issued_on.strftime("%d/%m/%Y")}
        )
    if submission.id_issued_by.strip():
        parts.append(_("by %(issuer)s") % {"issuer": submission.id_issued_by.strip()})
    return ", ".join(p for p in parts if p)


def reception_entry_record(
    *,
    submission: Submission,
    officer: User,
    received_on: dt.date,
    columns: BookColumns,
    idempotency_key: str,
    session: ReceptionSession | None = None,
    files: Sequence[InspectedFile] = (),
) -> tuple[ReceptionBookEntry, bool]:
    """Write a visit in the reception book of ``submission.unit`` and receive its case.

    The case gets channel IN_PERSON, or ONLINE_SESSION when ``session`` is given (then the
    reception date must be the session's day). Returns ``(entry, created)``; a retried
    submission returns the line written the first time.
    """
    if submission.kind in UNTRACKABLE_KINDS:
        raise ValueError("a denunciation visit is recorded with reception_denunciation_record")
    unit = submission.unit
    _check_reception(unit=unit, received_on=received_on, session=session, columns=columns)
    channel = Case.Channel.ONLINE_SESSION if session is not None else Case.Channel.IN_PERSON
    written: list[str] = []
    try:
        with transaction.atomic():
            case, created = _submission_receive(
                submission=submission,
                idempotency_key=idempotency_key,
                channel=channel,
                submitted_by=None,
                entered_by=officer,
                received_on=received_on,
                letter_dated_on=None,
                postmarked_on=None,
                files=files,
                written=written,
            )
            if not created:
                return _entry_for_retry(case), False
            entry = _entry_write(
                unit=unit,
                officer=officer,
                received_on=received_on,
                case=case,
                session=session,
                columns=columns,
                kind=submission.kind,
                people_count=submission.people_count,
                summary=submission.content,
                visitor_name=submission.petitioner.name,
                visitor_address=submission.petitioner.address,
                id_paper=_id_paper_text(submission),
            )
    except BaseException:
        _remove_files(written)
        raise
    return entry, True


def reception_denunciation_record(
    *,
    submission: Submission,
    officer: User,
    received_on: dt.date,
    columns: BookColumns,
    idempotency_key: str,
    session: ReceptionSession | None = None,
    files: Sequence[InspectedFile] = (),
) -> tuple[ReceptionBookEntry, DenunciationReceived]:
    """A denunciation presented in person (Art 22): sealed flow, then a book line whose
    columns 3–4 stay empty. Returns the line and the receipt (its code shown once)."""
    unit = submission.unit
    _check_reception(unit=unit, received_on=received_on, session=session, columns=columns)
    channel = Case.Channel.ONLINE_SESSION if session is not None else Case.Channel.IN_PERSON
    written: list[str] = []
    try:
        with transaction.atomic():
            received = _denunciation_receive(
                submission=submission,
                idempotency_key=idempotency_key,
                channel=channel,
                account=None,
                entered_by=officer,
                received_on=received_on,
                letter_dated_on=None,
                postmarked_on=None,
                files=files,
                written=written,
            )
            if not received.created:
                return _entry_for_retry(received.case), received
            case = received.case
            entry = _entry_write(
                unit=unit,
                officer=officer,
                received_on=received_on,
                case=case,
                session=session,
                columns=columns,
                kind=case.kind,
                people_count=submission.people_count,
                summary=case.content,  # already redacted by the sealed flow
                visitor_name="",
                visitor_address="",
                id_paper="",
            )
    except BaseException:
        _remove_files(written)
        raise
    return entry, received


def _entry_for_retry(case: Case) -> ReceptionBookEntry:
    """The line written the first time a reception form was sent."""
    existing = ReceptionBookEntry.objects.filter(case=case).first()
    if existing is None:
        # The key belongs to a case from another channel: never reuse it for a visit.
        raise ApplicationError(_("This form was already used for another record."))
    return existing


def _check_reception(
    *,
    unit: Unit,
    received_on: dt.date,
    session: ReceptionSession | None,
    columns: BookColumns,
) -> None:
    _check_not_future(received_on, _("The reception date cannot be in the future."))
    _check_columns(columns)
    if session is None:
        return
    if session.unit_id != unit.pk or session.status == ReceptionSession.Status.CANCELLED:
        raise ApplicationError(_("Choose a session of this unit that was not cancelled."))
    if timezone.localdate(session.scheduled_start) != received_on:
        raise ApplicationError(
            _("A reception in an online session is dated the day of the session (%(date)s).")
            % {"date": timezone.localdate(session.scheduled_start).strftime("%d/%m/%Y")}
        )


def _entry_write(
    *,
    unit: Unit,
    officer: User,
    received_on: dt.date,
    case: Case,
    session: ReceptionSession | None,
    columns: BookColumns,
    kind: str,
    people_count: int,
    summary: str,
    visitor_name: str,
    visitor_address: str,
    id_paper: str,
) -> ReceptionBookEntry:
    sealed = kind in UNTRACKABLE_KINDS
    entry = ReceptionBookEntry(
        unit=unit,
        year=received_on.year,
        sequence=_next_sequence(unit=unit, year=received_on.year),
        received_on=received_on,
        visitor_name="" if sealed else visitor_name.strip(),
        visitor_address="" if sealed else visitor_address.strip(),
        id_paper="" if sealed else id_paper.strip(),
        identity_sealed=sealed,
        summary=summary.strip(),
        kind=kind,
        people_count=people_count,
        resolved_by=columns.resolved_by.strip(),
        within_competence=columns.within_competence,
        guided_to=columns.guided_to.strip(),
        guidance_letter_number=columns.guidance_letter_number.strip(),
        accepted_by=columns.accepted_by.strip(),
        transfer_letter_number=columns.transfer_letter_number.strip(),
        outcome_follow_up=columns.outcome_follow_up.strip(),
        notes=columns.notes.strip(),
        case=case,
        session=session,
        entered_by=officer,
    )
    entry.full_clean()
    entry.save()
    audit_record(
        actor=officer,
        verb="reception_book.record",
        target=entry,
        data={"case": case.tracking_code, "kind": kind, "session": session.pk if session else None},
    )
    return entry


@transaction.atomic
def reception_entry_update(
    *, entry: ReceptionBookEntry, officer: User, columns: BookColumns
) -> ReceptionBookEntry:
    """Fill in what happened after the visit (columns 8–13), e.g. the transfer letter number."""
    _check_columns(columns)
    entry.resolved_by = columns.resolved_by.strip()
    entry.within_competence = columns.within_competence
    entry.guided_to = columns.guided_to.strip()
    entry.guidance_letter_number = columns.guidance_letter_number.strip()
    entry.accepted_by = columns.accepted_by.strip()
    entry.transfer_letter_number = columns.transfer_letter_number.strip()
    entry.outcome_follow_up = columns.outcome_follow_up.strip()
    entry.notes = columns.notes.strip()
    entry.full_clean()
    entry.save(
        update_fields=[
            "resolved_by",
            "within_competence",
            "guided_to",
            "guidance_letter_number",
            "accepted_by",
            "transfer_letter_number",
            "outcome_follow_up",
            "notes",
            "updated_at",
        ]
    )
    audit_record(actor=officer, verb="reception_book.update", target=entry)
    return entry


# --------------------------------------------------------------------------- online sessions


@transaction.atomic
def reception_session_schedule(
    *,
    unit: Unit,
    presiding: User,
    topic: str,
    scheduled_start: dt.datetime,
    notified_on: dt.date,
    platform: ReceptionSession.Platform,
    link: str,
    participants: Iterable[User] = (),
    external_participants: str = "",
    created_by: User,
) -> ReceptionSession:
    """Schedule an online reception session, checking the Art 23 notice period.

    The parties must be notified at least 5 working days before the session (legal
    calendar, with holidays and swapped days), so a session too close to the notice date
    is refused with the first day it could be held.
    """
    if not unit_heads(unit=unit).filter(pk=presiding.pk).exists():
        raise ApplicationError(_("The session must be presided over by a head of this unit."))
    today = timezone.localdate()
    if notified_on > today:
        raise ApplicationError(_("The notice date cannot be in the future."))
    if scheduled_start <= timezone.now():
        raise ApplicationError(_("The session must start in the future."))
    timeline = session_timeline(scheduled_start=scheduled_start)
    if notified_on > timeline.notify_by:
        earliest = session_earliest_day(notified_on=notified_on)
        raise ApplicationError(
            _(
                "The parties must be notified at least 5 working days before an online "
                "session (Decree 154/2026, Art 23). Notified on %(notified)s, the session "
                "can be held from %(earliest)s."
            )
            % {
                "notified": notified_on.strftime("%d/%m/%Y"),
                "earliest": earliest.strftime("%d/%m/%Y"),
            }
        )
    session = ReceptionSession(
        unit=unit,
        presiding=presiding,
        topic=topic.strip(),
        scheduled_start=scheduled_start,
        notified_on=notified_on,
        platform=platform,
        link=link.strip(),
        external_participants=external_participants.strip(),
        created_by=created_by,
    )
    session.full_clean()
    session.save()
    session.participants.set(list(participants))
    audit_record(
        actor=created_by,
        verb="reception_session.schedule",
        target=session,
        data={"start": scheduled_start, "platform": str(platform)},
    )
    return session


def _session_locked(session: ReceptionSession) -> ReceptionSession:
    locked = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != ReceptionSession.Status.SCHEDULED:
        raise ApplicationError(_("This session is no longer scheduled."))
    return locked


@transaction.atomic
def reception_session_connection_tested(
    *, session: ReceptionSession, actor: User
) -> ReceptionSession:
    """Record that the connection test was done (due ≥ 1 working day before, Art 23)."""
    locked = _session_locked(session)
    locked.connection_tested_at = timezone.now()
    locked.save(update_fields=["connection_tested_at", "updated_at"])
    audit_record(actor=actor, verb="reception_session.connection_test", target=locked)
    return locked


@transaction.atomic
def reception_session_held(
    *, session: ReceptionSession, actor: User, recording_url: str
) -> ReceptionSession:
    """Mark the session held; its recording is mandatory (ND 154/2026 Art 24)."""
    locked = _session_locked(session)
    if locked.scheduled_start > timezone.now():
        raise ApplicationError(_("A session cannot be marked held before it starts."))
    if not recording_url.strip():
        raise ApplicationError(
            _("Give the address of the recording: online sessions are recorded (Art 24).")
        )
    locked.status = ReceptionSession.Status.HELD
    locked.recording_url = recording_url.strip()
    locked.full_clean()
    locked.save(update_fields=["status", "recording_url", "updated_at"])
    audit_record(actor=actor, verb="reception_session.held", target=locked)
    return locked


@transaction.atomic
def reception_session_cancel(*, session: ReceptionSession, actor: User) -> ReceptionSession:
    locked = _session_locked(session)
    locked.status = ReceptionSession.Status.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, verb="reception_session.cancel", target=locked)
    return locked
