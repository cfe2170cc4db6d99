"""Writes for the books of typical models: create a book, select its models, compile it.

Only the committee (``emulation.evaluate`` on the book's unit) edits a book. A model may
enter a book only when it is recognised within the book's period in a place the committee
serves: a removed model is refused with its reason, never silently skipped. A retried
"add" returns the entry already there (one entry per model, a unique constraint), and a
retried "compile" while one is running queues nothing more.

Compiling runs on the task queue (``danvan.emulation.tasks.book_compile``): the request
marks the book "being compiled", the task writes the Word document and the PDF to private
storage and marks it compiled, or failed with the error kept for the committee to read.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.emulation.models import Book, BookEntry, Exemplar, ExemplarEvent
from danvan.emulation.selectors.books import book_content, book_place_path, compiling
from danvan.units.models import PATH_SEPARATOR, Unit, User

__all__ = [
    "book_compile_request",
    "book_compile_run",
    "book_create",
    "book_entry_add",
    "book_entry_move",
    "book_entry_remove",
    "book_entry_story_update",
    "book_update",
]

logger = logging.getLogger(__name__)
MAX_STORY = 20_000


def _require(actor: User, target: Any) -> None:
    if not actor.has_perm("emulation.evaluate", target):
        raise ApplicationError(_("You may not compile books for this committee."))


def _validated(book: Book) -> None:
    try:
        book.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict or "first_year" in error.message_dict:
            raise ApplicationError(_("The first year must not be after the last year.")) from error
        raise ApplicationError(" ".join(error.messages)) from error


def _editable(book: Book) -> None:
    if compiling(book):
        raise ApplicationError(_("The book is being compiled; change it when it is done."))


@transaction.atomic
def book_create(
    *,
    actor: User,
    unit: Unit,
    title: str,
    first_year: int,
    last_year: int,
    subtitle: str = "",
    target_size: int = 100,
    foreword: str = "",
) -> Book:
    """A new book of the committee ``unit``. The same title and period sent again (a
    retried form) returns the book already made instead of a second one."""
    _require(actor, unit)
    title = title.strip()
    existing = Book.objects.filter(
        unit=unit, title=title, first_year=first_year, last_year=last_year
    ).first()
    if existing is not None:
        return existing
    book = Book(
        unit=unit,
        title=title,
        subtitle=subtitle.strip(),
        first_year=first_year,
        last_year=last_year,
        target_size=target_size,
        foreword=foreword.strip(),
        created_by=actor,
    )
    _validated(book)
    book.save()
    audit_record(
        actor=actor,
        verb="emulation_book.create",
        target=book,
        data={"first_year": first_year, "last_year": last_year, "target_size": target_size},
    )
    return book


@transaction.atomic
def book_update(
    *,
    book: Book,
    actor: User,
    title: str,
    first_year: int,
    last_year: int,
    subtitle: str = "",
    target_size: int = 100,
    foreword: str = "",
) -> Book:
    _require(actor, book)
    _editable(book)
    book.title = title.strip()
    book.subtitle = subtitle.strip()
    book.first_year = first_year
    book.last_year = last_year
    book.target_size = target_size
    book.foreword = foreword.strip()
    _validated(book)
    book.save(
        update_fields=[
            "title",
            "subtitle",
            "first_year",
            "last_year",
            "target_size",
            "foreword",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="emulation_book.update",
        target=book,
        data={"first_year": first_year, "last_year": last_year, "target_size": target_size},
    )
    return book


def _selectable(book: Book, exemplar: Exemplar) -> None:
    """Refuse, with the reason, a model that may not enter this book."""
    if exemplar.status == Exemplar.Status.REMOVED:
        raise ApplicationError(
            _("“%(title)s” was removed from the movement and cannot be put in a book.")
            % {"title": exemplar.title}
        )
    if exemplar.status != Exemplar.Status.RECOGNISED or exemplar.recognised_year is None:
        raise ApplicationError(
            _("“%(title)s” is not recognised yet; only recognised models go in a book.")
            % {"title": exemplar.title}
        )
    if not book.first_year <= exemplar.recognised_year <= book.last_year:
        raise ApplicationError(
            _("“%(title)s” was recognised in %(year)s, outside the book's period.")
            % {"title": exemplar.title, "year": exemplar.recognised_year}
        )
    place = book_place_path(book)
    path = exemplar.unit.path
    if path != place and not path.startswith(place + PATH_SEPARATOR):
        raise ApplicationError(
            _("“%(title)s” is not a model of the places this committee serves.")
            % {"title": exemplar.title}
        )


@transaction.atomic
def book_entry_add(*, book: Book, actor: User, exemplar: Exemplar) -> BookEntry:
    """Put a model in the book, at the end. Adding it again returns the entry already
    there (a retried click, or two people at once: the unique constraint decides)."""
    _require(actor, book)
    existing = BookEntry.objects.filter(book=book, exemplar=exemplar).first()
    if existing is not None:
        return existing
    _editable(book)
    _selectable(book, exemplar)
    last = BookEntry.objects.filter(book=book).aggregate(last=Max("position"))["last"]
    entry = BookEntry(book=book, exemplar=exemplar, position=(last or 0) + 1)
    entry.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # pragma: no cover - two clicks at the same instant
        return BookEntry.objects.get(book=book, exemplar=exemplar)
    ExemplarEvent.objects.create(
        exemplar=exemplar,
        kind=ExemplarEvent.EventKind.SELECTED,
        at=timezone.now(),
        actor=actor,
        note=book.title,
        data={"book": book.pk},
    )
    audit_record(
        actor=actor,
        verb="emulation_book.entry_add",
        target=book,
        data={"exemplar": exemplar.pk},
    )
    return entry


@transaction.atomic
def book_entry_remove(*, entry: BookEntry, actor: User) -> Book:
    book = entry.book
    _require(actor, book)
    _editable(book)
    exemplar_id = entry.exemplar_id
    entry.delete()
    audit_record(
        actor=actor,
        verb="emulation_book.entry_remove",
        target=book,
        data={"exemplar": exemplar_id},
    )
    return book


@transaction.atomic
def book_entry_move(*, entry: BookEntry, actor: User, up: bool) -> BookEntry:
    """Swap the entry with its neighbour (before it when ``up``); the positions are
    renumbered 1..n on the way, so gaps left by removals disappear."""
    book = entry.book
    _require(actor, book)
    _editable(book)
    entries = list(
        BookEntry.objects.select_for_update().filter(book=book).order_by("position", "pk")
    )
    index = next(i for i, e in enumerate(entries) if e.pk == entry.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(entries):
        entries[index], entries[other] = entries[other], entries[index]
    for position, row in enumerate(entries, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position", "updated_at"])
    return next(e for e in entries if e.pk == entry.pk)


@transaction.atomic
def book_entry_story_update(*, entry: BookEntry, actor: User, story: str) -> BookEntry:
    """The story printed for this model (empty: the model's own problem, actions and
    results)."""
    _require(actor, entry.book)
    _editable(entry.book)
    story = story.strip()
    if len(story) > MAX_STORY:
        raise ApplicationError(_("The story is too long for a page of the book."))
    entry.story = story
    entry.full_clean(validate_constraints=False)
    entry.save(update_fields=["story", "updated_at"])
    audit_record(
        actor=actor,
        verb="emulation_book.entry_story",
        target=entry.book,
        data={"exemplar": entry.exemplar_id, "length": len(story)},
    )
    return entry


@transaction.atomic
def book_compile_request(*, book: Book, actor: User) -> Book:
    """Mark the book "being compiled" and queue the compile once the mark is committed.
    A retried request while a compile runs queues nothing more."""
    _require(actor, book)
    book = Book.objects.select_for_update().get(pk=book.pk)
    if compiling(book):
        return book
    if not BookEntry.objects.filter(book=book).exists():
        raise ApplicationError(_("Select at least one model before compiling the book."))
    book.status = Book.Status.COMPILING
    book.compile_error = ""
    book.save(update_fields=["status", "compile_error", "updated_at"])
    audit_record(actor=actor, verb="emulation_book.compile_request", target=book, data={})
    from danvan.emulation.tasks import book_compile

    book_id = book.pk
    transaction.on_commit(lambda: book_compile.enqueue(book_id=book_id))
    return book


def _place_line(book: Book, day: dt.date) -> str:
    from danvan.core.docx_layout import place_name

    place = place_name(book.unit)
    when = f"tháng {day.month} năm {day.year}"
    return f"{place}, {when}" if place else when.capitalize()


def file_stem(book: Book) -> str:
    return f"so-tay-{book.pk}-" + (slugify(book.title)[:60] or "mo-hinh")


def book_compile_run(*, book_id: int) -> Book:
    """Write the Word document and the PDF (the task's body). Any failure is kept on the
    book as its error, so the committee sees why and may compile again."""
    from danvan.emulation.services.books_docx import book_docx_build
    from danvan.emulation.services.books_pdf import book_pdf_build

    book = Book.objects.select_related("unit").get(pk=book_id)
    started = timezone.now()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            content = book_content(book, place_line=_place_line(book, timezone.localdate()))
            docx_data = book_docx_build(content)
            pdf_data = book_pdf_build(content)
    except Exception as error:  # any failure is the committee's to read
        logger.exception("compiling book %s failed", book_id)
        book.status = Book.Status.FAILED
        book.compile_error = f"{type(error).__name__}: {error}"[:2000]
        book.save(update_fields=["status", "compile_error", "updated_at"])
        return book
    old = [f.name for f in (book.docx, book.pdf) if f and f.name]
    stem = file_stem(book)
    book.docx.save(f"{stem}.docx", ContentFile(docx_data), save=False)
    book.pdf.save(f"{stem}.pdf", ContentFile(pdf_data), save=False)
    book.status = Book.Status.COMPILED
    book.compiled_at = timezone.now()
    book.compile_error = ""
    book.save(update_fields=["docx", "pdf", "status", "compiled_at", "compile_error", "updated_at"])
    storage = book.docx.storage
    for name in old:
        if name not in (book.docx.name, book.pdf.name):
            storage.delete(name)
    audit_record(
        actor=None,
        verb="emulation_book.compiled",
        target=book,
        data={
            "entries": content.entry_count,
            "seconds": round((timezone.now() - started).total_seconds(), 1),
        },
    )
    return book
