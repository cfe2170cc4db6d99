"""Statistics of the "Dân vận khéo" registry for a place and a year (issue 7, point 3).

A provincial report says "421 new models this year, 1,635 in all": these selectors count
the same figures from the registry's rows, for the whole country, a province or a commune.

Definitions (also shown as the page's help text):

- **new in year Y**: registered for year Y (``Exemplar.year == Y``), whatever happened to
  them afterwards. A model dropped later in the year was still registered that year.
- **in force at the end of year Y** ("đang duy trì"): registered for Y or an earlier year
  and not removed by 31 December of Y. A model is in force from its registration until it
  is removed for being ineffective, whether or not it has yet been recognised: the movement
  counts the models units carry out, and recognition is counted separately. A removed row
  with no removal date counts as removed from the start (never in force), the cautious
  reading of an incomplete record.
- **recognised in Y**: models with a recognition decision of year Y (at any level; one model
  recognised at two levels in the same year counts once). **Outstanding**: those whose
  recognition of year Y marked them outstanding ("tiêu biểu").
- **removed in Y**: removed (dropped as ineffective) with a removal date in Y.

A model belongs to a place through ``place`` (the commune or province where it is carried
out), or, where ``place`` is empty, through the registering unit's position in the tree.
Every figure is an aggregate query over the place's subtree (a ``path`` prefix): a handful
of queries per page whatever the number of rows, so the national page stays fast with
100,000 models. Breakdowns by child unit group by the place's path in the database and
attribute the (at most a few thousand) groups to the children in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from danvan.emulation.models import Exemplar, Field, Kind, Level, Recognition
from danvan.units.models import PATH_SEPARATOR, Unit

__all__ = [
    "DEFAULT_YEARS",
    "GroupRow",
    "ScopeStatistics",
    "YearFigures",
    "format_number",
    "scope_exemplars",
    "scope_statistics",
    "statistics_sentences",
    "year_series",
]

DEFAULT_YEARS = 5
REMOVED = Exemplar.Status.REMOVED
PLACE_KEY = "place_key"


@dataclass(frozen=True)
class YearFigures:
    """One year's figures for a place."""

    year: int
    new: int = 0
    in_force: int = 0
    recognised: int = 0
    outstanding: int = 0
    removed: int = 0
    replicated: int = 0
    previous_in_force: int | None = None  # in force at the end of the year before

    @property
    def change(self) -> int | None:
        """In force now minus in force a year earlier (None where unknown)."""
        if self.previous_in_force is None:
            return None
        return self.in_force - self.previous_in_force


@dataclass(frozen=True)
class GroupRow:
    """One row of a breakdown (a field, a level, a kind or a child unit)."""

    key: str
    label: str
    new: int = 0
    in_force: int = 0
    recognised: int = 0
    removed: int = 0


@dataclass(frozen=True)
class ScopeStatistics:
    scope: Unit
    year: int
    current: YearFigures
    series: list[YearFigures]
    by_field: list[GroupRow]
    by_level: list[GroupRow]
    by_kind: list[GroupRow]
    by_unit: list[GroupRow]
    field_level: dict[tuple[str, str], GroupRow] = field(default_factory=dict)


# --------------------------------------------------------------------------- filters


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def in_force_q(year: int, prefix: str = "") -> Q:
    """Registered for ``year`` or before and not removed by the end of ``year``."""
    return Q(**{f"{prefix}year__lte": year}) & (
        ~Q(**{f"{prefix}status": REMOVED}) | Q(**{f"{prefix}removed_on__gt": year_end(year)})
    )


def removed_q(year: int) -> Q:
    return Q(status=REMOVED, removed_on__gte=dt.date(year, 1, 1), removed_on__lte=year_end(year))


def _is_whole_country(scope: Unit) -> bool:
    return scope.kind == Unit.Kind.COUNTRY and scope.parent_id is None


def subtree_paths(scope: Unit) -> dict[int, str]:
    """Every unit in ``scope``'s subtree (itself included), id to path. Resolved once, so
    the counts filter on the indexed foreign keys instead of joining every row to its unit."""
    units = Unit.objects.all()
    if not _is_whole_country(scope):
        units = units.filter(Q(pk=scope.pk) | Q(path__startswith=scope.path + PATH_SEPARATOR))
    return dict(units.values_list("pk", "path"))


def scope_q(scope: Unit, prefix: str = "", ids: Iterable[int] | None = None) -> Q:
    """Models carried out in ``scope`` or below (see the module docstring); ``ids`` are the
    subtree's unit ids when the caller has them already."""
    if _is_whole_country(scope):
        return Q()
    ids = list(subtree_paths(scope) if ids is None else ids)
    return Q(**{f"{prefix}place__in": ids}) | Q(
        **{f"{prefix}place__isnull": True, f"{prefix}unit__in": ids}
    )


def scope_exemplars(scope: Unit) -> QuerySet[Exemplar]:
    return Exemplar.objects.filter(scope_q(scope))


@dataclass(frozen=True)
class _Scope:
    """A scope resolved once: its units (id to path) and the filters built from them."""

    unit: Unit
    paths: dict[int, str]
    models: Q
    recognitions: Q

    @classmethod
    def resolve(cls, scope: Unit) -> _Scope:
        paths = subtree_paths(scope)
        return cls(scope, paths, scope_q(scope, "", paths), scope_q(scope, "exemplar__", paths))


# --------------------------------------------------------------------------- series


def year_series(
    scope: Unit, year: int, years: int = DEFAULT_YEARS, *, resolved: _Scope | None = None
) -> list[YearFigures]:
    """``years`` years ending with ``year``, oldest first, with each year's change against
    the year before. Two queries: one conditional aggregate over the models, one grouped
    count of recognitions."""
    where = resolved or _Scope.resolve(scope)
    span = list(range(year - years + 1, year + 1))
    aggregates: dict[str, Any] = {}
    for y in span:
        aggregates[f"new_{y}"] = Count("pk", filter=Q(year=y))
        aggregates[f"replicated_{y}"] = Count("pk", filter=Q(year=y, replicated_from__isnull=False))
        aggregates[f"removed_{y}"] = Count("pk", filter=removed_q(y))
    for y in [span[0] - 1, *span]:
        aggregates[f"force_{y}"] = Count("pk", filter=in_force_q(y))
    totals = Exemplar.objects.filter(where.models, year__lte=year).aggregate(**aggregates)
    recognised: dict[int, Any] = {
        row["year"]: row
        for row in Recognition.objects.filter(where.recognitions)
        .filter(year__gte=span[0], year__lte=year)
        .values("year")
        .annotate(
            n=Count("exemplar", distinct=True),
            outstanding=Count("exemplar", filter=Q(is_outstanding=True), distinct=True),
        )
        .order_by()
    }
    return [
        YearFigures(
            year=y,
            new=totals[f"new_{y}"],
            in_force=totals[f"force_{y}"],
            recognised=recognised.get(y, {}).get("n", 0),
            outstanding=recognised.get(y, {}).get("outstanding", 0),
            removed=totals[f"removed_{y}"],
            replicated=totals[f"replicated_{y}"],
            previous_in_force=totals[f"force_{y - 1}"],
        )
        for y in span
    ]


# --------------------------------------------------------------------------- breakdowns

Counts = dict[str, int]
COUNTED = ("new", "in_force", "removed", "recognised")


def _add(totals: dict[Any, Counts], key: Any, row: Mapping[str, Any]) -> None:
    bucket = totals.setdefault(key, dict.fromkeys(COUNTED, 0))
    for name in COUNTED:
        bucket[name] += row.get(name, 0)


def _model_counts(year: int) -> dict[str, Any]:
    return {
        "new": Count("pk", filter=Q(year=year)),
        "in_force": Count("pk", filter=in_force_q(year)),
        "removed": Count("pk", filter=removed_q(year)),
    }


def _row(key: str, label: str, counts: Counts | None) -> GroupRow:
    counts = counts or {}
    return GroupRow(
        key=key,
        label=label,
        new=counts.get("new", 0),
        in_force=counts.get("in_force", 0),
        removed=counts.get("removed", 0),
        recognised=counts.get("recognised", 0),
    )


@dataclass
class _Breakdowns:
    by_field: list[GroupRow]
    by_level: list[GroupRow]
    by_kind: list[GroupRow]
    field_level: dict[tuple[str, str], GroupRow]


def _breakdowns(where: _Scope, year: int) -> _Breakdowns:
    """By field, level, kind and field × level from three grouped queries: the models by
    (field, level, kind), and the year's recognitions twice, because a model recognised at
    two levels counts once in its field but once at each level."""
    fields: dict[Any, Counts] = {}
    levels: dict[Any, Counts] = {}
    kinds: dict[Any, Counts] = {}
    cells: dict[Any, Counts] = {}
    models = (
        Exemplar.objects.filter(where.models, year__lte=year)
        .values("field", "level", "kind")
        .annotate(**_model_counts(year))
        .order_by()
    )
    for row in models:
        _add(fields, row["field"], row)
        _add(levels, row["level"], row)
        _add(kinds, row["kind"], row)
        _add(cells, (row["field"], row["level"]), row)
    recognitions = Recognition.objects.filter(where.recognitions, year=year)
    for by_model in (
        recognitions.values("exemplar__field", "exemplar__kind")
        .annotate(recognised=Count("exemplar", distinct=True))
        .order_by()
    ):
        _add(fields, by_model["exemplar__field"], by_model)
        _add(kinds, by_model["exemplar__kind"], by_model)
    for by_level in (
        recognitions.values("exemplar__field", "level")
        .annotate(recognised=Count("exemplar", distinct=True))
        .order_by()
    ):
        _add(levels, by_level["level"], by_level)
        _add(cells, (by_level["exemplar__field"], by_level["level"]), by_level)
    return _Breakdowns(
        by_field=[_row(value, str(label), fields.get(value)) for value, label in Field.choices],
        by_level=[_row(value, str(label), levels.get(value)) for value, label in Level.choices],
        by_kind=[_row(value, str(label), kinds.get(value)) for value, label in Kind.choices],
        field_level={
            (f_value, l_value): _row(
                f"{f_value}:{l_value}",
                f"{f_label} – {l_label}",
                cells.get((f_value, l_value)),
            )
            for f_value, f_label in Field.choices
            for l_value, l_label in Level.choices
        },
    )


def child_places(scope: Unit) -> list[Unit]:
    """The places directly under ``scope`` (provinces under the country, communes under a
    province, villages under a commune)."""
    return list(
        Unit.objects.filter(parent=scope, kind__in=Unit.PLACE_KINDS, is_active=True).order_by(
            "name"
        )
    )


def _child_code(scope: Unit, path: str | None) -> str | None:
    """The code of the child of ``scope`` a path lies under ("" for the scope itself)."""
    if not path:
        return None
    if path == scope.path:
        return ""
    below = scope.path + PATH_SEPARATOR
    if not path.startswith(below):
        return None
    return path[len(below) :].split(PATH_SEPARATOR, 1)[0]


def _by_unit(where: _Scope, year: int) -> list[GroupRow]:
    """Grouped by the model's place (or unit) id in the database, no join; each group's
    path then says which child it lies under."""
    scope = where.unit
    totals: dict[str, Counts] = {}
    models = (
        Exemplar.objects.filter(where.models, year__lte=year)
        .annotate(**{PLACE_KEY: Coalesce(F("place_id"), F("unit_id"))})
        .values(PLACE_KEY)
        .annotate(**_model_counts(year))
        .order_by()
    )
    recognised = (
        Recognition.objects.filter(where.recognitions, year=year)
        .annotate(**{PLACE_KEY: Coalesce(F("exemplar__place_id"), F("exemplar__unit_id"))})
        .values(PLACE_KEY)
        .annotate(recognised=Count("exemplar", distinct=True))
        .order_by()
    )
    for rows in (models, recognised):
        for row in rows:
            code = _child_code(scope, where.paths.get(row[PLACE_KEY]))
            if code is not None:
                _add(totals, code, row)
    result = [_row(child.code, child.name, totals.get(child.code)) for child in child_places(scope)]
    own = totals.get("")
    if own and any(own.values()):
        label = _("Agencies and units of %(place)s itself") % {"place": scope.name}
        result.append(_row(scope.code, label, own))
    return result


def scope_statistics(scope: Unit, year: int, years: int = DEFAULT_YEARS) -> ScopeStatistics:
    """Everything the statistics page shows for ``scope`` and ``year`` (nine queries,
    whatever the number of models)."""
    where = _Scope.resolve(scope)
    series = year_series(scope, year, years, resolved=where)
    breakdowns = _breakdowns(where, year)
    return ScopeStatistics(
        scope=scope,
        year=year,
        current=series[-1],
        series=series,
        by_field=breakdowns.by_field,
        by_level=breakdowns.by_level,
        by_kind=breakdowns.by_kind,
        by_unit=_by_unit(where, year),
        field_level=breakdowns.field_level,
    )


# --------------------------------------------------------------------------- sentences


def format_number(value: int) -> str:
    """1.635 in Vietnamese, 1,635 in English: the active language's grouping."""
    return number_format(value, force_grouping=True)


def scope_phrase(scope: Unit) -> str:
    """ "cả nước", "toàn tỉnh", "toàn xã"... as the report's sentences name the place."""
    phrases: dict[str, Any] = {
        Unit.Kind.COUNTRY: pgettext_lazy("emulation statistics scope", "the whole country"),
        Unit.Kind.PROVINCE: pgettext_lazy("emulation statistics scope", "the province"),
        Unit.Kind.CITY: pgettext_lazy("emulation statistics scope", "the city"),
        Unit.Kind.WARD: pgettext_lazy("emulation statistics scope", "the ward"),
        Unit.Kind.SPECIAL_ZONE: pgettext_lazy("emulation statistics scope", "the special zone"),
        Unit.Kind.COMMUNE: pgettext_lazy("emulation statistics scope", "the commune"),
    }
    phrase = phrases.get(scope.kind)
    return str(phrase) if phrase is not None else scope.name


def _total_clause(figures: YearFigures) -> str:
    params = {
        "count": format_number(figures.in_force),
        "change": format_number(abs(figures.change or 0)),
        "previous": str(figures.year - 1),
    }
    n = figures.in_force
    change = figures.change
    if change is None or (figures.previous_in_force == 0 and change == 0):
        text = npgettext(
            "emulation statistics",
            "%(count)s model or example in force in all",
            "%(count)s models and examples in force in all",
            n,
        )
    elif change > 0:
        text = npgettext(
            "emulation statistics",
            "%(count)s model or example in force in all, %(change)s more than in %(previous)s",
            "%(count)s models and examples in force in all, %(change)s more than in %(previous)s",
            n,
        )
    elif change < 0:
        text = npgettext(
            "emulation statistics",
            "%(count)s model or example in force in all, %(change)s fewer than in %(previous)s",
            "%(count)s models and examples in force in all, %(change)s fewer than in %(previous)s",
            n,
        )
    else:
        text = npgettext(
            "emulation statistics",
            "%(count)s model or example in force in all, the same as in %(previous)s",
            "%(count)s models and examples in force in all, the same as in %(previous)s",
            n,
        )
    return text % params


def statistics_sentences(scope: Unit, figures: YearFigures) -> list[str]:
    """The report's sentences, e.g. "Năm 2026, toàn tỉnh có 421 mô hình, điển hình mới;
    tổng số 1.635 mô hình, điển hình đang duy trì, tăng 276 so với năm 2025." """
    new_clause = npgettext(
        "emulation statistics",
        "In %(year)s, %(scope)s had %(count)s new model or example",
        "In %(year)s, %(scope)s had %(count)s new models and examples",
        figures.new,
    ) % {"year": figures.year, "scope": scope_phrase(scope), "count": format_number(figures.new)}
    sentences = [
        pgettext("emulation statistics", "%(new_clause)s; %(total_clause)s.")
        % {"new_clause": new_clause, "total_clause": _total_clause(figures)}
    ]
    recognised = npgettext(
        "emulation statistics",
        "%(count)s model or example was recognised during the year, %(outstanding)s of "
        "them outstanding",
        "%(count)s models and examples were recognised during the year, %(outstanding)s of "
        "them outstanding",
        figures.recognised,
    ) % {
        "count": format_number(figures.recognised),
        "outstanding": format_number(figures.outstanding),
    }
    removed = npgettext(
        "emulation statistics",
        "%(count)s was removed as ineffective",
        "%(count)s were removed as ineffective",
        figures.removed,
    ) % {"count": format_number(figures.removed)}
    sentences.append(
        pgettext("emulation statistics", "%(recognised_clause)s; %(removed_clause)s.")
        % {"recognised_clause": recognised, "removed_clause": removed}
    )
    if figures.replicated:
        sentences.append(
            npgettext(
                "emulation statistics",
                "%(count)s of the new models was replicated from a model elsewhere.",
                "%(count)s of the new models were replicated from models elsewhere.",
                figures.replicated,
            )
            % {"count": format_number(figures.replicated)}
        )
    return sentences


# --------------------------------------------------------------------------- cache

STATISTICS_CACHE_SECONDS = 600
_VERSION_KEY = "emulation:statistics:version"


def _statistics_version() -> int:
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, 1, timeout=None)
        version = cache.get(_VERSION_KEY, 1)
    return int(version)


def statistics_changed() -> None:
    """Forget every cached statistics page: called when a model or a recognition is saved
    or deleted (now, and again after the commit, so a page computed between the two from
    the old rows is not kept)."""

    def bump() -> None:
        try:
            cache.incr(_VERSION_KEY)
        except ValueError:  # not in the cache (evicted, or a fresh cache)
            cache.set(_VERSION_KEY, 2, timeout=None)

    bump()
    transaction.on_commit(bump)


def cached_scope_statistics(scope: Unit, year: int, years: int = DEFAULT_YEARS) -> ScopeStatistics:
    """``scope_statistics`` through the cache: at national scale a province's figures take a
    few hundred milliseconds of database time, and the public page is read far more often
    than models change. Any write to a model or a recognition invalidates every entry; the
    key carries the language, since the rows' labels are translated."""
    key = (
        f"emulation:statistics:{_statistics_version()}:{translation.get_language()}:"
        f"{scope.pk}:{year}:{years}"
    )
    stats = cache.get(key)
    if not isinstance(stats, ScopeStatistics):
        stats = scope_statistics(scope, year, years)
        cache.set(key, stats, timeout=STATISTICS_CACHE_SECONDS)
    return stats
