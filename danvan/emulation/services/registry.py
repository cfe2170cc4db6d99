"""Writes of the "Dân vận khéo" registry: register, edit, attach files, choose the cover,
replicate (DOMAIN §9.1, steps 1–2 and 7).

Every step writes one ``ExemplarEvent`` (the model's own history, shown on its page) and one
audit entry (the tamper-evident log). Uploaded files are checked by their content, never by
their name or the type the browser claims: a photo must open and verify with Pillow, a
document must be a PDF, DOCX or ODT by its signature.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.emulation.models import Attachment, Exemplar, ExemplarEvent, Kind, ResultFigure
from danvan.units.folding import fold_for_search
from danvan.units.models import Unit, User
from danvan.units.predicates import places_served

type Upload = UploadedFile[bytes]

PHOTO_TYPES: dict[str, str] = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
DOCUMENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    **{content_type: ext for ext, content_type in DOCUMENT_TYPES.items()},
}
_SNIFF_BYTES = 8192
# Fields an edit may change (the unit, the year's registration and the status are not edits).
EDITABLE_FIELDS = (
    "kind",
    "field",
    "sub_field",
    "level",
    "title",
    "period_start",
    "period_end",
    "problem",
    "actions",
    "results",
    "participants",
    "participant_count",
    "person_name",
    "person_title",
    "place",
)


@dataclass(frozen=True)
class Figure:
    """One result figure as typed on the form."""

    indicator: str
    value: Decimal
    unit_label: str = ""


@dataclass(frozen=True)
class InspectedUpload:
    """An upload whose content was checked."""

    upload: Upload
    kind: str
    name: str
    content_type: str
    size: int
    width: int | None = None
    height: int | None = None


def max_upload_bytes() -> int:
    return int(settings.DANVAN.get("EMULATION_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def limit_mb() -> str:
    return f"{max_upload_bytes() / (1024 * 1024):g}"


def _clean_name(raw: str | None) -> str:
    """The person's file name as shown: no folders, no control characters."""
    name = os.path.basename((raw or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return unicodedata.normalize("NFC", name)[-255:] or "tep"


def _check_size(upload: Upload, name: str) -> int:
    size = upload.size or 0
    if size > max_upload_bytes():
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)s MB.")
            % {"name": name, "limit": limit_mb()},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    return size


def photo_inspect(*, upload: Upload) -> InspectedUpload:
    """A photo must really be an image: Pillow opens and verifies it, and its format is
    JPEG, PNG or WebP whatever its name says. The declared type, if the browser sent one,
    must be an image type too (a text file named .jpg fails both checks)."""
    name = _clean_name(upload.name)
    size = _check_size(upload, name)
    declared = (getattr(upload, "content_type", "") or "").lower()
    not_image = ValidationError(
        _("“%(name)s” is not a photo: the file is not a JPEG, PNG or WebP image.") % {"name": name},
        code="not_image",
    )
    if declared and not declared.startswith("image/") and declared != "application/octet-stream":
        raise not_image
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format or ""
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_image from None
    finally:
        upload.seek(0)
    if image_format not in PHOTO_TYPES:
        raise not_image
    return InspectedUpload(
        upload=upload,
        kind=Attachment.AttachmentKind.PHOTO,
        name=name,
        content_type=PHOTO_TYPES[image_format],
        size=size,
        width=width,
        height=height,
    )


def document_inspect(*, upload: Upload) -> InspectedUpload:
    """A document must be a PDF, DOCX or ODT by its content (``filetype``)."""
    name = _clean_name(upload.name)
    size = _check_size(upload, name)
    upload.seek(0)
    guessed = filetype.guess(upload.read(_SNIFF_BYTES))
    upload.seek(0)
    extension = str(guessed.extension) if guessed is not None else ""
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a PDF, DOCX or ODT document (its content was checked).")
            % {"name": name},
            code="file_type",
        )
    return InspectedUpload(
        upload=upload,
        kind=Attachment.AttachmentKind.DOCUMENT,
        name=name,
        content_type=DOCUMENT_TYPES[extension],
        size=size,
    )


def default_place(unit: Unit) -> Unit | None:
    """The commune or province the unit serves: itself if it is a place, else the nearest
    place above (a commune's People's Committee → the commune)."""
    _kind, place_path = places_served([unit.path])[unit.path]
    return Unit.objects.filter(path=place_path).first()


def _fold(exemplar: Exemplar) -> str:
    parts = [exemplar.title, exemplar.unit.name, exemplar.sub_field]
    if exemplar.kind == Kind.EXAMPLE:
        parts.append(exemplar.person_name)
    return fold_for_search(" ".join(part for part in parts if part))


def _event(
    exemplar: Exemplar,
    kind: str,
    actor: User,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> ExemplarEvent:
    return ExemplarEvent.objects.create(
        exemplar=exemplar, kind=kind, at=timezone.now(), actor=actor, note=note, data=data or {}
    )


def _check_person(kind: str, values: dict[str, Any]) -> None:
    """An individual example names its person; a collective model has no person."""
    if kind == Kind.EXAMPLE:
        if not str(values.get("person_name", "")).strip():
            raise ApplicationError(_("An individual example needs the person's full name."))
    else:
        values["person_name"] = ""
        values["person_title"] = ""


def _check_field(values: dict[str, Any]) -> None:
    if not values.get("field"):
        raise ApplicationError(
            _("Choose the field of the model (economy, culture and society, ...).")
        )


def _write_figures(exemplar: Exemplar, figures: Iterable[Figure]) -> int:
    count = 0
    for position, figure in enumerate(figures):
        row = ResultFigure(
            exemplar=exemplar,
            indicator=figure.indicator,
            value=figure.value,
            unit_label=figure.unit_label,
            position=position,
        )
        row.full_clean()
        row.save()
        count += 1
    return count


def _store(exemplar: Exemplar, item: InspectedUpload, actor: User, caption: str) -> Attachment:
    has_cover = exemplar.attachments.filter(is_cover=True).exists()
    position = exemplar.attachments.count()
    attachment = Attachment(
        exemplar=exemplar,
        kind=item.kind,
        original_name=item.name,
        content_type=item.content_type,
        size=item.size,
        width=item.width,
        height=item.height,
        caption=caption,
        is_cover=item.kind == Attachment.AttachmentKind.PHOTO and not has_cover,
        position=position,
        uploaded_by=actor,
    )
    stored_name = f"{uuid.uuid4().hex}.{_EXTENSIONS[item.content_type]}"
    item.upload.seek(0)
    attachment.file.save(stored_name, item.upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


def _same_registration(existing: Exemplar, values: dict[str, Any]) -> bool:
    return all(getattr(existing, key) == values[key] for key in ("kind", "field", "problem"))


@transaction.atomic
def exemplar_register(
    *,
    actor: User,
    unit: Unit,
    kind: str,
    field: str,
    title: str,
    year: int,
    period_start: dt.date,
    problem: str,
    actions: str,
    sub_field: str = "",
    level: str = "commune",
    period_end: dt.date | None = None,
    results: str = "",
    participants: str = "",
    participant_count: int = 0,
    person_name: str = "",
    person_title: str = "",
    place: Unit | None = None,
    figures: Sequence[Figure] = (),
    uploads: Sequence[InspectedUpload] = (),
) -> Exemplar:
    """Register a model or example for ``unit``. A retried submission (same unit, year and
    title, same content) returns the model already registered; the same title with other
    content is refused with a message, since the unit registers each title once a year."""
    values: dict[str, Any] = {
        "kind": kind,
        "field": field,
        "sub_field": sub_field.strip(),
        "level": level,
        "title": " ".join(title.split()),
        "year": year,
        "period_start": period_start,
        "period_end": period_end,
        "problem": problem,
        "actions": actions,
        "results": results,
        "participants": participants,
        "participant_count": participant_count,
        "person_name": person_name.strip(),
        "person_title": person_title.strip(),
    }
    _check_field(values)
    _check_person(kind, values)
    existing = Exemplar.objects.filter(unit=unit, year=year, title=values["title"]).first()
    if existing is not None:
        return _retried(existing, values)
    exemplar = Exemplar(unit=unit, place=place or default_place(unit), created_by=actor, **values)
    exemplar.search_text = _fold(exemplar)
    exemplar.full_clean()
    try:
        with transaction.atomic():
            exemplar.save()
    except IntegrityError:
        # Two submissions at once: the other one won; treat this one as its retry.
        existing = Exemplar.objects.get(unit=unit, year=year, title=values["title"])
        return _retried(existing, values)
    figure_count = _write_figures(exemplar, figures)
    for item in uploads:
        _store(exemplar, item, actor, "")
    _event(
        exemplar,
        ExemplarEvent.EventKind.REGISTERED,
        actor,
        data={"figures": figure_count, "files": len(uploads)},
    )
    audit_record(
        actor=actor,
        verb="emulation_exemplar.register",
        target=exemplar,
        data={"unit": unit.code, "year": year, "kind": kind, "field": field},
    )
    return exemplar


def _retried(existing: Exemplar, values: dict[str, Any]) -> Exemplar:
    if _same_registration(existing, values):
        return existing
    raise ApplicationError(
        _(
            "This unit already registered a model named “%(title)s” for %(year)s. "
            "Open it to change it, or choose another name."
        )
        % {"title": existing.title, "year": existing.year}
    )


@transaction.atomic
def exemplar_update(
    *,
    actor: User,
    exemplar: Exemplar,
    figures: Sequence[Figure] | None = None,
    **changes: Any,
) -> Exemplar:
    """Edit a model that was not removed. The history keeps the names of the fields changed
    (not their old text: the audit log and the page tell what it says now)."""
    exemplar = Exemplar.objects.select_for_update().select_related("unit").get(pk=exemplar.pk)
    if exemplar.is_removed:
        raise ApplicationError(_("A removed model can no longer be edited."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    values = {key: changes[key] for key in EDITABLE_FIELDS if key in changes}
    if "title" in values:
        values["title"] = " ".join(str(values["title"]).split())
    if "place" in values and values["place"] is None:
        values["place"] = default_place(exemplar.unit)
    if "field" in values:
        _check_field(values)
    kind = values.get("kind", exemplar.kind)
    _check_person(kind, {"person_name": exemplar.person_name, **values})
    if kind != Kind.EXAMPLE:
        values.update(person_name="", person_title="")
    if (
        values.get("title", exemplar.title) != exemplar.title
        and Exemplar.objects.filter(unit=exemplar.unit, year=exemplar.year, title=values["title"])
        .exclude(pk=exemplar.pk)
        .exists()
    ):
        raise ApplicationError(
            _("This unit already registered a model named “%(title)s” for %(year)s.")
            % {"title": values["title"], "year": exemplar.year}
        )
    changed = [key for key, value in values.items() if getattr(exemplar, key) != value]
    for key in changed:
        setattr(exemplar, key, values[key])
    if figures is not None:
        old = [(f.indicator, f.value, f.unit_label) for f in exemplar.figures.all()]
        new = [(f.indicator, Decimal(f.value), f.unit_label) for f in figures]
        if old != new:
            exemplar.figures.all().delete()
            _write_figures(exemplar, figures)
            changed.append("figures")
    if not changed:
        return exemplar
    exemplar.search_text = _fold(exemplar)
    exemplar.full_clean()
    saved = [key for key in changed if key != "figures"]
    exemplar.save(update_fields=[*saved, "search_text", "updated_at"])
    _event(exemplar, ExemplarEvent.EventKind.EDITED, actor, data={"fields": changed})
    audit_record(
        actor=actor, verb="emulation_exemplar.update", target=exemplar, data={"fields": changed}
    )
    return exemplar


@transaction.atomic
def attachment_add(
    *,
    actor: User,
    exemplar: Exemplar,
    uploads: Sequence[InspectedUpload],
    caption: str = "",
) -> list[Attachment]:
    """Add checked photos and documents; the model's first photo becomes its cover."""
    if exemplar.is_removed:
        raise ApplicationError(_("Files cannot be added to a removed model."))
    if not uploads:
        raise ApplicationError(_("Choose at least one photo or document."))
    added = [_store(exemplar, item, actor, caption) for item in uploads]
    names = [item.original_name for item in added]
    _event(exemplar, ExemplarEvent.EventKind.ATTACHED, actor, note=", ".join(names))
    audit_record(
        actor=actor,
        verb="emulation_attachment.add",
        target=exemplar,
        data={"attachments": [item.pk for item in added]},
    )
    return added


@transaction.atomic
def attachment_set_cover(*, actor: User, attachment: Attachment) -> Attachment:
    """Make one photo the cover (shown first, on the public page and in the book)."""
    if attachment.kind != Attachment.AttachmentKind.PHOTO:
        raise ApplicationError(_("Only a photo can be the cover."))
    exemplar = attachment.exemplar
    if exemplar.is_removed:
        raise ApplicationError(_("A removed model can no longer be edited."))
    if attachment.is_cover:
        return attachment
    Attachment.objects.filter(exemplar=exemplar, is_cover=True).update(is_cover=False)
    attachment.is_cover = True
    attachment.save(update_fields=["is_cover", "updated_at"])
    _event(
        exemplar,
        ExemplarEvent.EventKind.EDITED,
        actor,
        note=attachment.original_name,
        data={"fields": ["cover"]},
    )
    audit_record(
        actor=actor,
        verb="emulation_attachment.set_cover",
        target=exemplar,
        data={"attachment": attachment.pk},
    )
    return attachment


@transaction.atomic
def exemplar_replicate(*, actor: User, source: Exemplar, unit: Unit, year: int) -> Exemplar:
    """Make a linked copy of a recognised model in another unit for ``year``. The copy
    starts as registered, with the problem and actions as a starting point for the unit to
    adapt; both models' histories record the replication."""
    if source.status != Exemplar.Status.RECOGNISED:
        raise ApplicationError(_("Only a recognised model can be replicated."))
    if unit.pk == source.unit_id:
        raise ApplicationError(_("A model cannot be replicated into its own unit."))
    if Exemplar.objects.filter(replicated_from=source, unit=unit, year=year).exists():
        raise ApplicationError(
            _("This model was already replicated into %(unit)s for %(year)s.")
            % {"unit": unit.name, "year": year}
        )
    if Exemplar.objects.filter(unit=unit, year=year, title=source.title).exists():
        raise ApplicationError(
            _("%(unit)s already registered a model named “%(title)s” for %(year)s.")
            % {"unit": unit.name, "title": source.title, "year": year}
        )
    copy = Exemplar(
        unit=unit,
        place=default_place(unit),
        kind=source.kind,
        field=source.field,
        sub_field=source.sub_field,
        level=Exemplar._meta.get_field("level").get_default(),
        title=source.title,
        year=year,
        period_start=dt.date(year, 1, 1),
        problem=source.problem,
        actions=source.actions,
        replicated_from=source,
        created_by=actor,
    )
    copy.search_text = _fold(copy)
    copy.full_clean()
    copy.save()
    _event(
        copy,
        ExemplarEvent.EventKind.REPLICATED,
        actor,
        note=source.unit.name,
        data={"from": source.pk},
    )
    _event(source, ExemplarEvent.EventKind.REPLICATED, actor, note=unit.name, data={"to": copy.pk})
    audit_record(
        actor=actor,
        verb="emulation_exemplar.replicate",
        target=copy,
        data={"from": source.pk, "unit": unit.code, "year": year},
    )
    return copy
