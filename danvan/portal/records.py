"""What is public, defined once: the datasets behind the portal's pages, open data and API.

Each dataset mirrors the public pages of the app that owns the rows (the same filter as the
page residents can already read without signing in), and lists the columns it exports, so
that a new column is a deliberate change here and never a side effect of a model change.
Rows are read with ``values()`` of exactly those columns: a field that is not listed (a
petitioner's name, who registered a model, a posting's proof) is never even fetched.

Every dataset is ordered by primary key, newest first (units: oldest first), which is the
key of the API's cursor pagination: page 10,000 costs what page 1 costs. ``updated_at`` is
one ``MAX`` query over the public rows, for ``Last-Modified`` and the catalogue.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from danvan.consultations.models import Comment, Consultation
from danvan.democracy.models import Disclosure, DisclosurePosting
from danvan.emulation.models import Exemplar
from danvan.emulation.models import Field as EmulationField
from danvan.emulation.models import Kind as EmulationKind
from danvan.emulation.models import Level as EmulationLevel
from danvan.petitions.models import CaseAnswer, ReceptionScheduleDay
from danvan.units.models import RoleAssignment, Unit

__all__ = [
    "DATASETS",
    "Column",
    "Dataset",
    "Filters",
    "Page",
    "dataset_get",
    "licence",
]

DEFAULT_LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
CHUNK_SIZE = 500
# An identifier: ASCII digits only ("¹".isdigit() is true), within a bigint.
DIGITS = re.compile(r"[0-9]{1,18}")

COMMUNE_KINDS = (Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE)
PROVINCE_KINDS = (Unit.Kind.PROVINCE, Unit.Kind.CITY)
AGENCY_KINDS = (
    Unit.Kind.MINISTRY,
    Unit.Kind.DEPARTMENT,
    Unit.Kind.PEOPLES_COMMITTEE,
    Unit.Kind.PUBLIC_UNIT,
    Unit.Kind.PARTY_COMMITTEE,
    Unit.Kind.PARTY_COMMISSION,
    Unit.Kind.FATHERLAND_FRONT,
)

Row = dict[str, Any]


def licence() -> dict[str, str]:
    """The open-data licence: CC BY 4.0 unless ``DANVAN["OPEN_DATA_LICENCE"]`` says otherwise
    (a ``{"name", "url"}`` mapping, or a name alone)."""
    configured = settings.DANVAN.get("OPEN_DATA_LICENCE")
    if isinstance(configured, dict):
        return {"name": str(configured.get("name", "")), "url": str(configured.get("url", ""))}
    if isinstance(configured, str) and configured:
        return {"name": configured, "url": ""}
    return dict(DEFAULT_LICENCE)


@dataclass(frozen=True)
class Column:
    """One exported column: ``type`` is string, integer, boolean, date, time or datetime."""

    name: str
    label: StrOrPromise
    type: str = "string"


@dataclass(frozen=True)
class Filters:
    """The filters every dataset accepts (a dataset ignores those it has no column for)."""

    unit: Unit | None = None
    year: int | None = None
    field: str | None = None
    updated_since: dt.datetime | None = None


@dataclass(frozen=True)
class Page:
    items: list[Row]
    next_cursor: str | None

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None


def _subtree(prefix: str, unit: Unit) -> Q:
    """Rows of ``unit`` and of every unit below it (``prefix`` names the unit's path)."""
    return Q(**{prefix: unit.path}) | Q(**{f"{prefix}__startswith": unit.path + "/"})


@dataclass(frozen=True)
class Dataset:
    """One public dataset, read from one model with ``values()``.

    ``public`` gives the public rows (today's date decides for some); ``values`` names the
    fetched fields (and annotations made by ``public``); ``row`` turns one of them into
    the exported row. ``unit_path`` (e.g. ``unit__path``), ``year_field``, ``field_field``
    and ``updated_field`` tell the filters which field to use. ``lookup`` is the model field
    behind the detail endpoint, ``key`` the row's column with its value.
    """

    slug: str
    title: StrOrPromise
    description: StrOrPromise
    columns: tuple[Column, ...]
    public: Callable[[], QuerySet[Any]]
    values: tuple[str, ...]
    row: Callable[[Row], Row]
    unit_path: str = "unit__path"
    year_field: str | None = None
    field_field: str | None = None
    updated_field: str = "updated_at"
    lookup: str = "pk"
    key: str = "id"
    descending: bool = True
    # The rows change with the date alone (a schedule's past days drop out).
    date_dependent: bool = False
    is_aggregate: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def queryset(self, filters: Filters | None = None) -> QuerySet[Any]:
        """The public rows, filtered, ordered by the keyset (primary key)."""
        filters = filters or Filters()
        queryset = self.public()
        if filters.unit is not None:
            queryset = queryset.filter(_subtree(self.unit_path, filters.unit))
        if filters.year is not None and self.year_field:
            queryset = queryset.filter(**{self.year_field: filters.year})
        if filters.field and self.field_field:
            queryset = queryset.filter(**{self.field_field: filters.field})
        if filters.updated_since is not None:
            queryset = queryset.filter(**{f"{self.updated_field}__gte": filters.updated_since})
        return queryset.order_by("-pk" if self.descending else "pk")

    def rows(
        self, filters: Filters | None = None, *, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[Row]:
        """Every row, fetched ``chunk_size`` at a time (a server-side cursor on PostgreSQL),
        so a download of a million rows never holds them all in memory."""
        queryset = self.queryset(filters).values(*self.values)
        for values in queryset.iterator(chunk_size=chunk_size):
            yield self.row(values)

    def page(self, filters: Filters | None = None, *, cursor: str | None, limit: int) -> Page:
        """``limit`` rows after ``cursor`` (the last primary key of the previous page)."""
        queryset = self.queryset(filters)
        if cursor:
            after = int(cursor)
            queryset = (
                queryset.filter(pk__lt=after) if self.descending else queryset.filter(pk__gt=after)
            )
        fetched = list(queryset.values("pk", *self.values)[: limit + 1])
        more = len(fetched) > limit
        fetched = fetched[:limit]
        next_cursor = str(fetched[-1]["pk"]) if more and fetched else None
        return Page(items=[self.row(values) for values in fetched], next_cursor=next_cursor)

    def get(self, key: str) -> Row | None:
        """One public row by its key (None when it is missing or not public)."""
        if self.lookup == "pk" and not DIGITS.fullmatch(key):
            return None
        values = self.public().filter(**{self.lookup: key}).values(*self.values).first()
        return None if values is None else self.row(values)

    def count(self, filters: Filters | None = None) -> int:
        return self.queryset(filters).count()

    def updated_at(self, filters: Filters | None = None) -> dt.datetime | None:
        """When the public rows last changed: one ``MAX`` query, kept in the cache for
        ``DANVAN["OPEN_DATA_DATE_CACHE_SECONDS"]`` (60 s by default). Over 600,000 public
        disclosures that MAX costs seconds, and every download and catalogue view asks for
        it first. A save of any public record's model forgets every cached date
        (``records_changed``); a bulk update elsewhere may lag by up to a minute."""
        version = cache.get(VERSION_KEY, 0)
        # The filters' repr holds spaces and quotes: hashed, the key suits any cache backend.
        digest = hashlib.sha256(repr(filters).encode()).hexdigest()[:24]
        key = f"portal:data:updated:{version}:{self.slug}:{digest}"
        cached = cache.get(key)
        if isinstance(cached, tuple):
            latest: dt.datetime | None = cached[0]
        else:
            latest = (
                self.queryset(filters)
                .order_by()
                .aggregate(latest=Max(self.updated_field))["latest"]
            )
            seconds = settings.DANVAN.get("OPEN_DATA_DATE_CACHE_SECONDS", 60)
            cache.set(key, (latest,), seconds)
        if self.date_dependent:
            midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
            latest = max(latest, midnight) if latest is not None else midnight
        return latest


# ---------------------------------------------------------------------------------- units


VERSION_KEY = "portal:data:version"


def records_changed() -> None:
    """Forget the cached dates of the datasets (called on saves and deletes of the models the
    datasets read: ``danvan.portal.apps``), now and again after the commit."""

    def bump() -> None:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 1, timeout=None)

    bump()
    transaction.on_commit(bump)


# Every model whose rows a dataset reads: a save of any of them may change a public file.
RECORD_MODELS = (
    Unit,
    Disclosure,
    DisclosurePosting,
    Consultation,
    Comment,
    CaseAnswer,
    ReceptionScheduleDay,
    Exemplar,
)


def _units_public() -> QuerySet[Unit]:
    return Unit.objects.filter(
        is_active=True, kind__in=(*COMMUNE_KINDS, *PROVINCE_KINDS, *AGENCY_KINDS)
    )


def _unit_row(values: Row) -> Row:
    return {
        "code": values["code"],
        "name": values["name"],
        "kind": values["kind"],
        "kind_label": str(Unit.Kind(values["kind"]).label),
        "parent_code": values["parent__code"] or "",
        "admin_code": values["admin_code"],
    }


UNITS = Dataset(
    slug="units",
    title=_("Administrative units and agencies"),
    description=_(
        "Provinces, communes, wards and special zones (the two-level map since 1 July 2025), "
        "and the agencies attached to them, with their codes."
    ),
    columns=(
        Column("code", pgettext_lazy("open data", "Code")),
        Column("name", pgettext_lazy("open data", "Name")),
        Column("kind", pgettext_lazy("open data", "Kind")),
        Column("kind_label", _("Kind (label)")),
        Column("parent_code", _("Parent unit code")),
        Column("admin_code", _("Administrative code")),
    ),
    public=_units_public,
    values=("code", "name", "kind", "parent__code", "admin_code"),
    row=_unit_row,
    unit_path="path",
    lookup="code",
    key="code",
    descending=False,
)

# ---------------------------------------------------------------------------- disclosures


def _disclosures_public() -> QuerySet[Disclosure]:
    """As the democracy public page: items of an active commune with a posting begun by today
    (the page's "in force today" and past quarters' lists)."""
    today = timezone.localdate()
    postings = DisclosurePosting.objects.filter(disclosure=OuterRef("pk"), posted_from__lte=today)
    return Disclosure.objects.filter(
        Exists(postings), unit__kind__in=COMMUNE_KINDS, unit__is_active=True
    ).annotate(
        # A correlated subquery, not a MIN over a join: a GROUP BY over every disclosure
        # would have to finish before the first row of a streamed export could be sent.
        first_posted_on=Subquery(postings.order_by("posted_from").values("posted_from")[:1])
    )


def _disclosure_row(values: Row) -> Row:
    return {
        "id": values["pk"],
        "unit_code": values["unit__code"],
        "unit_name": values["unit__name"],
        "category": values["category"],
        "title": values["title"],
        "document_number": values["document_number"],
        "decided_on": values["decided_on"],
        "first_posted_on": values["first_posted_on"],
        "permanent": values["permanent"],
        "url": values["url"],
    }


DISCLOSURES = Dataset(
    slug="disclosures",
    title=_("Commune disclosures"),
    description=_(
        "What communes have posted publicly under the law on grassroots democracy: the item, "
        "its decision and the day it was first posted."
    ),
    columns=(
        Column("id", _("Identifier"), "integer"),
        Column("unit_code", _("Unit code")),
        Column("unit_name", _("Unit name")),
        Column("category", _("Category code")),
        Column("title", pgettext_lazy("open data", "Title")),
        Column("document_number", _("Document number")),
        Column("decided_on", _("Decision date"), "date"),
        Column("first_posted_on", _("First posted on"), "date"),
        Column("permanent", _("Posted permanently"), "boolean"),
        Column("url", _("Link to the document")),
    ),
    public=_disclosures_public,
    values=(
        "pk",
        "unit__code",
        "unit__name",
        "category",
        "title",
        "document_number",
        "decided_on",
        "first_posted_on",
        "permanent",
        "url",
    ),
    row=_disclosure_row,
    year_field="decided_on__year",
    date_dependent=True,
)

# -------------------------------------------------------------------------- consultations


def _consultations_public() -> QuerySet[Consultation]:
    """As the public list of drafts: open now, or closed/reported; never a staff-only draft,
    a draft being prepared or one whose window has not begun."""
    now = timezone.now()
    status = Consultation.Status
    return (
        Consultation.objects.exclude(audience=Consultation.Audience.STAFF)
        .filter(
            Q(status=status.OPEN, opens_at__lte=now)
            | Q(status__in=[status.CLOSED, status.REPORTED])
        )
        .annotate(
            comment_count=Count("comments", filter=Q(comments__status=Comment.Status.VISIBLE))
        )
    )


def _consultation_row(values: Row) -> Row:
    now = timezone.now()
    closes_at = values["closes_at"]
    status = values["status"]
    if status == Consultation.Status.OPEN and closes_at is not None and closes_at <= now:
        status = Consultation.Status.CLOSED
    return {
        "id": values["pk"],
        "slug": values["slug"],
        "title": values["title"],
        "summary": values["summary"],
        "kind": values["kind"],
        "unit_code": values["unit__code"],
        "unit_name": values["unit__name"],
        "status": status,
        "opens_at": values["opens_at"],
        "closes_at": closes_at,
        "comment_count": values["comment_count"],
    }


CONSULTATIONS = Dataset(
    slug="consultations",
    title=_("Drafts put out for comment"),
    description=_(
        "Draft documents and commune matters published for comment: the window, the status "
        "and how many comments were received."
    ),
    columns=(
        Column("id", _("Identifier"), "integer"),
        Column("slug", _("Public code")),
        Column("title", pgettext_lazy("open data", "Title")),
        Column("summary", pgettext_lazy("open data", "Summary")),
        Column("kind", pgettext_lazy("open data", "Kind")),
        Column("unit_code", _("Unit code")),
        Column("unit_name", _("Unit name")),
        Column("status", pgettext_lazy("open data", "Status")),
        Column("opens_at", _("Opens at"), "datetime"),
        Column("closes_at", _("Closes at"), "datetime"),
        Column("comment_count", _("Number of comments"), "integer"),
    ),
    public=_consultations_public,
    values=(
        "pk",
        "slug",
        "title",
        "summary",
        "kind",
        "unit__code",
        "unit__name",
        "status",
        "opens_at",
        "closes_at",
        "comment_count",
    ),
    row=_consultation_row,
    year_field="opens_at__year",
    date_dependent=True,
)

# ----------------------------------------------------------------------- petition answers


def _answers_public() -> QuerySet[CaseAnswer]:
    """As the published answers pages: only ``published`` answers, and only their redacted
    title and text (never the case's petitioner, contents or the unredacted answer)."""
    return CaseAnswer.objects.filter(published=True)


def _answer_row(values: Row) -> Row:
    return {
        "id": values["pk"],
        "title": values["published_title"],
        "text": values["published_body"],
        "published_on": values["published_on"],
        "case_kind": values["case__kind"],
        "is_second_time": values["case__is_second_time"],
        "unit_code": values["case__unit__code"],
        "unit_name": values["case__unit__name"],
        "field_name": values["case__field__name"] or "",
    }


PETITION_ANSWERS = Dataset(
    slug="petition-answers",
    title=_("Published answers to petitions"),
    description=_(
        "Complaint decisions and denunciation conclusions published by the answering body, "
        "with personal data redacted."
    ),
    columns=(
        Column("id", _("Identifier"), "integer"),
        Column("title", pgettext_lazy("open data", "Title")),
        Column("text", _("Published text (redacted)")),
        Column("published_on", _("Published on"), "date"),
        Column("case_kind", _("Kind of case")),
        Column("is_second_time", _("Second time"), "boolean"),
        Column("unit_code", _("Unit code")),
        Column("unit_name", _("Unit name")),
        Column("field_name", _("Field of the case")),
    ),
    public=_answers_public,
    values=(
        "pk",
        "published_title",
        "published_body",
        "published_on",
        "case__kind",
        "case__is_second_time",
        "case__unit__code",
        "case__unit__name",
        "case__field__name",
    ),
    row=_answer_row,
    unit_path="case__unit__path",
    year_field="published_on__year",
    field_field="case__field__code",
)

# -------------------------------------------------------------------- reception schedules


def _schedules_public() -> QuerySet[ReceptionScheduleDay]:
    """As the public schedule pages: the coming days of active units (cancelled ones too:
    people plan journeys), with the receiving head's public name and title."""
    titles = RoleAssignment.objects.filter(
        unit=OuterRef("unit"),
        user=OuterRef("head"),
        role=RoleAssignment.Role.HEAD,
        is_active=True,
    ).order_by("pk")
    return ReceptionScheduleDay.objects.filter(
        date__gte=timezone.localdate(), unit__is_active=True
    ).annotate(head_title=Subquery(titles.values("title")[:1]))


def _schedule_row(values: Row) -> Row:
    return {
        "id": values["pk"],
        "unit_code": values["unit__code"],
        "unit_name": values["unit__name"],
        "date": values["date"],
        # "08:00": a clock time with no offset (JSON Schema's "time" format requires one).
        "start_time": values["start_time"].strftime("%H:%M"),
        "end_time": values["end_time"].strftime("%H:%M"),
        "kind": values["kind"],
        "status": values["status"],
        "place": values["place"],
        "online_link": values["online_link"],
        "head_name": values["head__full_name"] or "",
        "head_title": values["head_title"] or "",
        "delegate_name": values["delegate__full_name"] or "",
    }


RECEPTION_SCHEDULES = Dataset(
    slug="reception-schedules",
    title=_("Citizen reception schedules"),
    description=_(
        "The coming days on which heads of units receive citizens: date, time, place and who "
        "receives."
    ),
    columns=(
        Column("id", _("Identifier"), "integer"),
        Column("unit_code", _("Unit code")),
        Column("unit_name", _("Unit name")),
        Column("date", _("Date"), "date"),
        Column("start_time", _("Start time"), "time"),
        Column("end_time", _("End time"), "time"),
        Column("kind", pgettext_lazy("open data", "Kind")),
        Column("status", pgettext_lazy("open data", "Status")),
        Column("place", _("Place")),
        Column("online_link", _("Online link")),
        Column("head_name", _("Head who receives")),
        Column("head_title", pgettext_lazy("open data", "Position of the head")),
        Column("delegate_name", _("Received by (delegate)")),
    ),
    public=_schedules_public,
    values=(
        "pk",
        "unit__code",
        "unit__name",
        "date",
        "start_time",
        "end_time",
        "kind",
        "status",
        "place",
        "online_link",
        "head__full_name",
        "head_title",
        "delegate__full_name",
    ),
    row=_schedule_row,
    year_field="date__year",
    date_dependent=True,
)

# ---------------------------------------------------------------------------------- models


def _models_public() -> QuerySet[Exemplar]:
    """As the public registry pages: recognised models only (a removed or merely registered
    one is not public)."""
    return Exemplar.objects.filter(status=Exemplar.Status.RECOGNISED)


def _model_row(values: Row) -> Row:
    individual = values["kind"] == EmulationKind.EXAMPLE
    return {
        "id": values["pk"],
        "title": values["title"],
        "kind": values["kind"],
        "field": values["field"],
        "sub_field": values["sub_field"],
        "level": values["level"],
        "year": values["year"],
        "recognised_level": values["recognised_level"],
        "recognised_year": values["recognised_year"],
        "is_outstanding": values["is_outstanding"],
        "unit_code": values["unit__code"],
        "unit_name": values["unit__name"],
        "place_code": values["place__code"] or "",
        "place_name": values["place__name"] or "",
        # Publicly commended people are named; a collective model names no one.
        "person_name": values["person_name"] if individual else "",
        "person_title": values["person_title"] if individual else "",
        "results": values["results"],
        "participant_count": values["participant_count"],
    }


MODELS = Dataset(
    slug="models",
    title=_("Recognised “Dân vận khéo” models"),
    description=_(
        "Collective models and individual examples recognised in the “Dân vận khéo” "
        "emulation movement, with their field, level and unit."
    ),
    columns=(
        Column("id", _("Identifier"), "integer"),
        Column("title", pgettext_lazy("open data", "Title")),
        Column("kind", pgettext_lazy("open data", "Kind")),
        Column("field", pgettext_lazy("open data", "Field")),
        Column("sub_field", _("Sub-field")),
        Column("level", _("Level registered")),
        Column("year", _("Year registered"), "integer"),
        Column("recognised_level", _("Highest level recognised")),
        Column("recognised_year", _("Year last recognised"), "integer"),
        Column("is_outstanding", _("Outstanding"), "boolean"),
        Column("unit_code", _("Unit code")),
        Column("unit_name", _("Unit name")),
        Column("place_code", _("Place code")),
        Column("place_name", _("Place name")),
        Column("person_name", _("Person (individual examples)")),
        Column("person_title", _("Person's position (individual examples)")),
        Column("results", _("Results")),
        Column("participant_count", _("Number of people involved"), "integer"),
    ),
    public=_models_public,
    values=(
        "pk",
        "title",
        "kind",
        "field",
        "sub_field",
        "level",
        "year",
        "recognised_level",
        "recognised_year",
        "is_outstanding",
        "unit__code",
        "unit__name",
        "place__code",
        "place__name",
        "person_name",
        "person_title",
        "results",
        "participant_count",
    ),
    row=_model_row,
    year_field="recognised_year",
    field_field="field",
)

# ----------------------------------------------------------------------- model statistics


def _province_codes() -> dict[int, tuple[str, str]]:
    """Each unit's province (code, name), read once: provinces are few, units are not needed
    beyond those the statistics name."""
    provinces = {
        unit.path: (unit.code, unit.name)
        for unit in Unit.objects.filter(kind__in=PROVINCE_KINDS).only("path", "code", "name")
    }
    result: dict[int, tuple[str, str]] = {}
    for pk, path in Unit.objects.filter(
        pk__in=Exemplar.objects.filter(status=Exemplar.Status.RECOGNISED).values("unit_id")
    ).values_list("pk", "path"):
        parts = path.split("/")
        for end in range(len(parts), 0, -1):
            found = provinces.get("/".join(parts[:end]))
            if found is not None:
                result[pk] = found
                break
    return result


@dataclass(frozen=True)
class StatisticsDataset(Dataset):
    """Counts of recognised models by year × province × field × level (small: computed in
    full, the cursor is an offset)."""

    def _all(self, filters: Filters | None) -> list[Row]:
        queryset = Dataset.queryset(self, filters)
        counts = (
            queryset.order_by()
            .values("recognised_year", "unit_id", "field", "recognised_level")
            .annotate(n=Count("pk"))
        )
        provinces = _province_codes()
        totals: Counter[tuple[int, str, str, str, str, str]] = Counter()
        for entry in counts:
            code, name = provinces.get(entry["unit_id"], ("", ""))
            key = (
                entry["recognised_year"] or 0,
                code,
                name,
                entry["field"],
                entry["recognised_level"],
                "",
            )
            totals[key] += entry["n"]
        return [
            {
                "year": year,
                "province_code": code,
                "province_name": name,
                "field": field_code,
                "field_label": str(EmulationField(field_code).label),
                "level": level,
                "level_label": str(EmulationLevel(level).label) if level else "",
                "count": total,
            }
            for (year, code, name, field_code, level, _unused), total in sorted(
                totals.items(), key=lambda item: (-item[0][0], *item[0][1:])
            )
        ]

    def rows(
        self, filters: Filters | None = None, *, chunk_size: int = CHUNK_SIZE
    ) -> Iterator[Row]:
        yield from self._all(filters)

    def page(self, filters: Filters | None = None, *, cursor: str | None, limit: int) -> Page:
        start = int(cursor) if cursor else 0
        rows = self._all(filters)
        items = rows[start : start + limit]
        more = start + limit < len(rows)
        return Page(items=items, next_cursor=str(start + limit) if more else None)

    def get(self, key: str) -> Row | None:
        return None

    def count(self, filters: Filters | None = None) -> int:
        return len(self._all(filters))


MODEL_STATISTICS = StatisticsDataset(
    slug="model-statistics",
    title=_("Statistics of “Dân vận khéo” models"),
    description=_(
        "How many models and examples were recognised, by year, province, field and level."
    ),
    columns=(
        Column("year", pgettext_lazy("open data", "Year"), "integer"),
        Column("province_code", _("Province code")),
        Column("province_name", _("Province")),
        Column("field", pgettext_lazy("open data", "Field")),
        Column("field_label", _("Field (label)")),
        Column("level", _("Level recognised")),
        Column("level_label", _("Level recognised (label)")),
        Column("count", _("Number of models"), "integer"),
    ),
    public=_models_public,
    values=(),
    row=dict,
    year_field="recognised_year",
    field_field="field",
    is_aggregate=True,
)

DATASETS: dict[str, Dataset] = {
    dataset.slug: dataset
    for dataset in (
        UNITS,
        DISCLOSURES,
        CONSULTATIONS,
        PETITION_ANSWERS,
        RECEPTION_SCHEDULES,
        MODELS,
        MODEL_STATISTICS,
    )
}


def dataset_get(slug: str) -> Dataset | None:
    return DATASETS.get(slug)
