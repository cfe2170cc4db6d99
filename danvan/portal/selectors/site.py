"""Reads of the public site: finding a unit, the provinces' communes, headline figures and
the latest public items of one unit.

What is public is never decided here: every item comes from a dataset of
:mod:`danvan.portal.records` (the one definition the open data and the API use too), so the
site, the downloads and the API can never disagree about what a resident may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from danvan.consultations.models import Consultation
from danvan.portal import records
from danvan.portal.records import Filters, Row
from danvan.units.folding import fold_for_search
from danvan.units.models import Unit

SEARCH_LIMIT = 50
LATEST = 5
PUBLIC_BODY_KINDS = (*records.COMMUNE_KINDS, *records.AGENCY_KINDS)


@dataclass(frozen=True)
class Province:
    unit: Unit
    commune_count: int


@dataclass(frozen=True)
class Figures:
    communes: int
    disclosures: int
    open_consultations: int
    answers: int
    models: int


@dataclass(frozen=True)
class UnitSections:
    disclosures: list[Row]
    consultations: list[Row]
    answers: list[Row]
    schedule: list[Row]
    models: list[Row]


def _public_bodies() -> Q:
    return Q(is_active=True, kind__in=PUBLIC_BODY_KINDS)


def site_units_search(*, text: str) -> list[Unit]:
    """Communes, wards, special zones and agencies whose name contains ``text``, folded
    (no diacritics, đ → d) so that "phu dong" finds "Phù Đổng"."""
    folded = fold_for_search(text)
    if not folded:
        return []
    return list(
        Unit.objects.filter(_public_bodies(), search_name__contains=folded)
        .select_related("parent")
        .order_by("name", "pk")[:SEARCH_LIMIT]
    )


def site_provinces() -> list[Province]:
    """Each active province or city with the number of its active communes (one query).

    The communes themselves are listed for one chosen province only: the whole country's
    3,321 communes on one page would be too heavy for a phone.
    """
    communes = Count(
        "children",
        filter=Q(children__is_active=True, children__kind__in=records.COMMUNE_KINDS),
    )
    provinces = (
        Unit.objects.filter(is_active=True, kind__in=records.PROVINCE_KINDS)
        .annotate(commune_count=communes)
        .order_by("name")
    )
    return [Province(unit=p, commune_count=p.commune_count) for p in provinces]


def site_province_communes(*, code: str) -> tuple[Unit, list[Unit]] | None:
    """A province chosen on the home page and its active communes (None if not a province)."""
    province = Unit.objects.filter(
        is_active=True, kind__in=records.PROVINCE_KINDS, code=code
    ).first()
    if province is None:
        return None
    communes = Unit.objects.filter(
        is_active=True, kind__in=records.COMMUNE_KINDS, parent=province
    ).order_by("name")
    return province, list(communes)


def _open_consultations(filters: Filters | None = None) -> list[Row]:
    """The public drafts still open for comment today (newest first)."""
    dataset = records.CONSULTATIONS
    queryset = (
        dataset.queryset(filters)
        .filter(status=Consultation.Status.OPEN)
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=timezone.now()))
    )
    return [dataset.row(values) for values in queryset.values(*dataset.values)[:LATEST]]


FIGURES_CACHE_SECONDS = 300


def site_figures() -> Figures:
    """The home page's headline figures, counted over the public datasets only; cached (five
    COUNTs over up to a million public rows on every visit to the home page would cost
    seconds at national scale), and forgotten whenever a public record is saved."""
    key = f"portal:site:figures:{cache.get(records.VERSION_KEY, 0)}"
    figures = cache.get(key)
    if not isinstance(figures, Figures):
        figures = _count_figures()
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures


def _count_figures() -> Figures:
    consultations = records.CONSULTATIONS.queryset().filter(
        Q(status=Consultation.Status.OPEN),
        Q(closes_at__isnull=True) | Q(closes_at__gt=timezone.now()),
    )
    return Figures(
        communes=Unit.objects.filter(is_active=True, kind__in=records.COMMUNE_KINDS).count(),
        disclosures=records.DISCLOSURES.count(),
        open_consultations=consultations.count(),
        answers=records.PETITION_ANSWERS.count(),
        models=records.MODELS.count(),
    )


def site_unit_get(*, code: str) -> Unit:
    """A public body (commune, ward, special zone or agency) by code; 404 otherwise."""
    unit = Unit.objects.filter(_public_bodies(), code=code).select_related("parent").first()
    if unit is None:
        raise Http404
    return unit


def _latest(dataset: records.Dataset, unit: Unit) -> list[Row]:
    return dataset.page(Filters(unit=unit), cursor=None, limit=LATEST).items


def site_unit_sections(*, unit: Unit) -> UnitSections:
    """The latest public items of ``unit`` (and of the units below it), per dataset."""
    schedule = records.RECEPTION_SCHEDULES.queryset(Filters(unit=unit)).order_by("date", "pk")
    return UnitSections(
        disclosures=_latest(records.DISCLOSURES, unit),
        consultations=_open_consultations(Filters(unit=unit)),
        answers=_latest(records.PETITION_ANSWERS, unit),
        schedule=[
            records.RECEPTION_SCHEDULES.row(values)
            for values in schedule.values(*records.RECEPTION_SCHEDULES.values)[:LATEST]
        ],
        models=_latest(records.MODELS, unit),
    )
