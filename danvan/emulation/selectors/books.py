"""Reads for the books of typical models: which books a person may see, the candidates a
committee may select, and the book's content as both documents print it.

The candidates are the recognised models of the places the book's committee serves (a
commission under the Tỉnh ủy serves the whole province), recognised within the book's
period; removed models never appear. The content is gathered once, in the four fields'
order, so the Word document and the PDF print the same chapters in the same order.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from danvan.core.access import get_object_for_user_or_404
from danvan.emulation.models import Attachment, Book, BookEntry, Exemplar, Field, Kind, Level
from danvan.emulation.rules import COMMITTEE_ROLES, committee_places
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit
from danvan.units.predicates import held_roles, places_served

__all__ = [
    "BookContent",
    "Chapter",
    "EntryContent",
    "Photo",
    "book_for_user_or_404",
    "book_place_path",
    "books_for_user",
    "candidates",
    "committee_units",
    "compiling",
    "entries_of",
    "field_counts",
]

# A compile that has not finished after this long is taken as lost (a worker restarted):
# the committee may change the book and compile it again.
STALE_COMPILE = dt.timedelta(minutes=30)
# Photos are printed at most about 160 mm wide: 1 400 pixels is 220 dpi there, sharp in
# print while keeping a book of a hundred models to a few tens of megabytes.
PHOTO_MAX_PIXELS = 1400
CANDIDATE_LIMIT = 500


# --------------------------------------------------------------------------- access


def committee_units(user: Any) -> list[Unit]:
    """The units the person may compile books for: where they are the committee's head or
    commission staff, or an administrator, and ``emulation.evaluate`` holds."""
    roles = COMMITTEE_ROLES | {RoleAssignment.Role.ADMINISTRATOR}
    ids = {h.unit_id for h in held_roles(user) if h.role in roles}
    units = Unit.objects.filter(pk__in=ids, is_active=True).order_by("path")
    return [unit for unit in units if user.has_perm("emulation.evaluate", unit)]


def books_for_user(user: Any) -> list[Book]:
    """The books of the committees the person evaluates for, newest period first (the
    places narrow the query; the rule itself has the last word)."""
    places = [place for _, place in committee_places(user)]
    if not places:
        return []
    where = Q()
    for place in places:
        where |= _in_place(place)
    books = Book.objects.filter(where).select_related("unit").order_by("-last_year", "-pk")
    return [book for book in books[:500] if user.has_perm("emulation.evaluate", book)]


def book_for_user_or_404(user: Any, pk: int) -> Book:
    """The book, or the same 404 whether it is missing or the person may not compile it."""
    return get_object_for_user_or_404(
        Book.objects.select_related("unit"),
        allowed=lambda book: bool(user.has_perm("emulation.evaluate", book)),
        pk=pk,
    )


def compiling(book: Book) -> bool:
    """True while a compile is running (and not yet taken as lost)."""
    return book.status == Book.Status.COMPILING and book.updated_at > timezone.now() - STALE_COMPILE


# --------------------------------------------------------------------------- selection


def book_place_path(book: Book) -> str:
    """The tree path of the place the book's committee serves."""
    return places_served({book.unit.path})[book.unit.path][1]


def _in_place(path: str) -> Q:
    return Q(unit__path=path) | Q(unit__path__startswith=path + PATH_SEPARATOR)


def candidates(
    book: Book,
    *,
    field_value: str = "",
    level: str = "",
    year: int | None = None,
    query: str = "",
) -> QuerySet[Exemplar]:
    """Recognised models of the committee's places, recognised within the book's period,
    outstanding ones first, then the highest level, then the newest."""
    rows = Exemplar.objects.filter(
        _in_place(book_place_path(book)),
        status=Exemplar.Status.RECOGNISED,
        recognised_year__gte=book.first_year,
        recognised_year__lte=book.last_year,
    )
    if field_value:
        rows = rows.filter(field=field_value)
    if level:
        rows = rows.filter(recognised_level=level)
    if year is not None:
        rows = rows.filter(recognised_year=year)
    # Every word, folded as the registry folds the models' search text ("dan van kheo"
    # finds "Dân vận khéo", "d" finds "đ").
    for word in fold_for_search(query).split():
        rows = rows.filter(search_text__contains=word)
    rank = Case(
        *(When(recognised_level=level, then=Value(i)) for i, level in enumerate(Level.values)),
        default=Value(-1),
        output_field=IntegerField(),
    )
    return (
        rows.select_related("unit")
        .annotate(level_rank=rank)
        .order_by("-is_outstanding", "-level_rank", "-recognised_year", "title", "pk")
    )


def entries_of(book: Book) -> list[BookEntry]:
    return list(
        BookEntry.objects.filter(book=book)
        .select_related("exemplar__unit")
        .order_by("position", "pk")
    )


def field_counts(entries: list[BookEntry]) -> list[tuple[str, int]]:
    """(field label, selected) per field in the four fields' order (the template shows the
    planned size split evenly beside, as a guide)."""
    counts = Counter(entry.exemplar.field for entry in entries)
    return [(str(label), counts[value]) for value, label in Field.choices]


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class Photo:
    """A cover photo scaled for print, as JPEG bytes."""

    data: bytes
    width: int
    height: int
    caption: str


@dataclass(frozen=True)
class EntryContent:
    anchor: str
    title: str
    unit_name: str
    kind_label: str
    person: str
    recognition: str
    is_outstanding: bool
    story: list[str]
    problem: list[str]
    actions: list[str]
    results: list[str]
    figures: list[tuple[str, str, str]]
    photo: Photo | None


@dataclass(frozen=True)
class Chapter:
    anchor: str
    number: int
    title: str
    entries: list[EntryContent]


@dataclass(frozen=True)
class BookContent:
    """Everything both documents print, gathered once."""

    committee: str
    superior: str
    title: str
    subtitle: str
    period: str
    place_line: str
    foreword: list[str]
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def show_period(self) -> bool:
        """The cover prints "Giai đoạn …" unless the title already names the period."""
        return self.period not in self.title

    @property
    def entry_count(self) -> int:
        return sum(len(chapter.entries) for chapter in self.chapters)


FIELD_TITLES = {
    # The fields' names as the movement's books print them (Vietnamese, not interface text).
    Field.ECONOMY: "Lĩnh vực Kinh tế",
    Field.CULTURE_SOCIETY: "Lĩnh vực Văn hóa – xã hội",
    Field.DEFENCE_SECURITY: "Lĩnh vực Quốc phòng – an ninh",
    Field.PARTY_BUILDING: "Lĩnh vực Xây dựng Đảng và hệ thống chính trị",
}


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n") if part.strip()]


def _number(value: Any) -> str:
    """A figure in Vietnamese style: "1.250", "18,5"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _photo(attachment: Attachment | None) -> Photo | None:
    """The cover photo scaled and re-encoded: a damaged or missing file prints no photo
    rather than failing the whole book."""
    if attachment is None:
        return None
    from PIL import Image, ImageOps

    try:
        with attachment.file.open("rb") as stream, Image.open(stream) as image:
            picture = ImageOps.exif_transpose(image).convert("RGB")
            picture.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
            out = io.BytesIO()
            picture.save(out, format="JPEG", quality=82, optimize=True)
            width, height = picture.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return Photo(data=out.getvalue(), width=width, height=height, caption=attachment.caption)


LEVELS_VI = {
    Level.COMMUNE: "cấp xã, đơn vị",
    Level.PROVINCIAL: "cấp tỉnh",
    Level.CENTRAL: "cấp Trung ương",
}
KINDS_VI = {Kind.MODEL: "Mô hình", Kind.EXAMPLE: "Điển hình"}


def _recognition(exemplar: Exemplar) -> str:
    """ "Công nhận cấp tỉnh năm 2024 · Tiêu biểu" (printed words, in Vietnamese)."""
    parts = ["Công nhận"]
    if exemplar.recognised_level:
        parts.append(LEVELS_VI[Level(exemplar.recognised_level)])
    if exemplar.recognised_year:
        parts.append(f"năm {exemplar.recognised_year}")
    text = " ".join(parts)
    return text + " · Tiêu biểu" if exemplar.is_outstanding else text


def _committee_lines(unit: Unit) -> tuple[str, str]:
    from danvan.core.docx_layout import party_body_lines

    superior, issuing = party_body_lines(unit)
    return superior, issuing


def book_content(book: Book, *, place_line: str) -> BookContent:
    """The book's chapters (one per field with entries, in the fields' order) and entries
    (in the selection's order), photos scaled; ``place_line`` is "Hưng Yên, tháng 11 năm
    2026" from the compile date."""
    entries = list(
        BookEntry.objects.filter(book=book)
        .select_related("exemplar__unit")
        .prefetch_related("exemplar__figures")
        .order_by("position", "pk")
    )
    covers: dict[int, Attachment] = {}
    photos = Attachment.objects.filter(
        exemplar_id__in=[e.exemplar_id for e in entries],
        kind=Attachment.AttachmentKind.PHOTO,
    ).order_by("-is_cover", "position", "pk")
    for attachment in photos:
        covers.setdefault(attachment.exemplar_id, attachment)
    by_field: dict[str, list[EntryContent]] = {value: [] for value in Field.values}
    for entry in entries:
        exemplar = entry.exemplar
        person = ""
        if exemplar.kind == Kind.EXAMPLE and exemplar.person_name:
            person = ", ".join(p for p in (exemplar.person_name, exemplar.person_title) if p)
        by_field[exemplar.field].append(
            EntryContent(
                anchor=f"model-{exemplar.pk}",
                title=exemplar.title,
                unit_name=exemplar.unit.name,
                kind_label=KINDS_VI[Kind(exemplar.kind)],
                person=person,
                recognition=_recognition(exemplar),
                is_outstanding=exemplar.is_outstanding,
                story=paragraphs(entry.story),
                problem=paragraphs(exemplar.problem),
                actions=paragraphs(exemplar.actions),
                results=paragraphs(exemplar.results),
                figures=[
                    (f.indicator, _number(f.value), f.unit_label) for f in exemplar.figures.all()
                ],
                photo=_photo(covers.get(exemplar.pk)),
            )
        )
    superior, committee = _committee_lines(book.unit)
    chapters: list[Chapter] = []
    for value in Field.values:
        if by_field[value]:
            chapters.append(
                Chapter(
                    anchor=f"field-{value}",
                    number=len(chapters) + 1,
                    title=FIELD_TITLES[Field(value)],
                    entries=by_field[value],
                )
            )
    period = (
        f"{book.first_year}–{book.last_year}"
        if book.first_year != book.last_year
        else str(book.first_year)
    )
    return BookContent(
        committee=committee,
        superior=superior,
        title=book.title,
        subtitle=book.subtitle,
        period=period,
        place_line=place_line,
        foreword=paragraphs(book.foreword),
        chapters=chapters,
    )
