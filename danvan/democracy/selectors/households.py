"""Reads of the household register, and the access checks of its pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.models.households import Household, HouseholdImport
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit

COMMUNE_KINDS = (Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE)


def households_of(
    village: Unit, *, search: str = "", include_inactive: bool = False
) -> QuerySet[Household]:
    """A village's households by code; ``search`` matches the code or the representative
    (the name also without diacritics, as officers often type it)."""
    households = Household.objects.filter(village=village)
    if not include_inactive:
        households = households.filter(is_active=True)
    text = search.strip()
    if text:
        folded = fold_for_search(text)
        matches = [
            h.pk
            for h in households.only("pk", "code", "representative")
            if folded in fold_for_search(h.representative) or folded in h.code.casefold()
        ]
        households = households.filter(pk__in=matches)
    return households.order_by("-is_active", "code")


def household_count(village: Unit) -> int:
    """The households a vote's thresholds are counted over: the active ones."""
    return Household.objects.filter(village=village, is_active=True).count()


def villages_of(commune: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(
        kind=Unit.Kind.VILLAGE, path__startswith=commune.path + PATH_SEPARATOR
    ).order_by("name")


def household_counts_by_village(commune: Unit) -> list[Unit]:
    """The commune's villages, each annotated with ``household_count`` (active), in one query."""
    return list(
        villages_of(commune).annotate(
            household_count=Count("households", filter=Q(households__is_active=True))
        )
    )


def manages(user: Any, unit: Unit) -> bool:
    """Whether ``user`` manages ``unit``'s grassroots democracy: ``democracy.manage`` (the
    commune's own bodies for a commune or village, the agency's managers for an agency)."""
    return bool(user.is_authenticated and user.has_perm("democracy.manage", unit))


def commune_for_manager_or_404(user: Any, pk: int) -> Unit:
    return get_object_for_user_or_404(
        Unit.objects.filter(kind__in=COMMUNE_KINDS), allowed=lambda u: manages(user, u), pk=pk
    )


def village_for_manager_or_404(user: Any, pk: int) -> Unit:
    return get_object_for_user_or_404(
        Unit.objects.filter(kind=Unit.Kind.VILLAGE), allowed=lambda u: manages(user, u), pk=pk
    )


def commune_public_or_404(pk: int, *, active_only: bool = False) -> Unit:
    """Any commune (ward, special zone): its democracy pages are public, for residents
    without an account. ``active_only`` hides a commune that no longer exists (merged)."""
    communes = Unit.objects.filter(kind__in=COMMUNE_KINDS)
    if active_only:
        communes = communes.filter(is_active=True)
    return get_object_for_user_or_404(communes, allowed=lambda u: True, pk=pk)


def village_public_or_404(pk: int) -> Unit:
    """Any village: the proposals of its residents are public (their count, not who)."""
    return get_object_for_user_or_404(
        Unit.objects.filter(kind=Unit.Kind.VILLAGE), allowed=lambda u: True, pk=pk
    )


def household_for_manager_or_404(user: Any, pk: int) -> Household:
    return get_object_for_user_or_404(
        Household.objects.select_related("village"),
        allowed=lambda h: manages(user, h.village),
        pk=pk,
    )


def import_of_or_404(commune: Unit, pk: int) -> HouseholdImport:
    """An upload of a commune whose access was checked already."""
    return get_object_for_user_or_404(
        HouseholdImport.objects.filter(commune=commune), allowed=lambda i: True, pk=pk
    )


def communes_managed(user: Any) -> list[Unit]:
    """The communes whose register this person keeps, found from the units of their roles
    (a commune's officers hold their roles in a body under the commune)."""
    if not user.is_authenticated:
        return []
    paths = RoleAssignment.objects.filter(user=user, is_active=True).values_list(
        "unit__path", flat=True
    )
    codes = {code for path in paths for code in path.split(PATH_SEPARATOR)}
    communes = Unit.objects.filter(kind__in=COMMUNE_KINDS, code__in=codes).order_by("name")
    return [c for c in communes if manages(user, c)]


def commune_of(village: Unit) -> Unit | None:
    codes = village.path.split(PATH_SEPARATOR)
    return Unit.objects.filter(code__in=codes, kind__in=COMMUNE_KINDS).order_by("-path").first()
