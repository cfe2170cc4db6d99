"""Reads of the "Dân vận khéo" registry: what a person may see and change, the lists and
their filters, and the public (recognised) models.

Staff see the models of the units they register for and, for committees, of the places they
evaluate (``committee_places``). The public sees recognised models only: a registered model
is still being tried and a removed one was found ineffective; neither is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.access import get_object_for_user_or_404
from danvan.emulation.models import Attachment, Exemplar, ExemplarEvent
from danvan.emulation.rules import REGISTER_ROLES, committee_places
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, Unit
from danvan.units.predicates import held_roles


def _subtree(paths: set[str], prefix: str) -> Q:
    """Units at or below any of ``paths`` (``prefix`` is the lookup to the unit path)."""
    q = Q(pk__in=[])
    for path in sorted(paths):
        q |= Q(**{prefix: path}) | Q(**{f"{prefix}__startswith": path + PATH_SEPARATOR})
    return q


def register_paths(user: Any) -> set[str]:
    return {h.unit_path for h in held_roles(user) if h.role in REGISTER_ROLES}


def register_units(user: Any) -> QuerySet[Unit]:
    """The active units the person may register models for (their units and below)."""
    paths = register_paths(user)
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(_subtree(paths, "path"), is_active=True).order_by("path")


def register_places(user: Any) -> QuerySet[Unit]:
    """The places a model of the person's units may be carried out in: the communes and
    provinces at or above their units, and the places below them."""
    paths = register_paths(user)
    if not paths:
        return Unit.objects.none()
    above = {
        PATH_SEPARATOR.join(path.split(PATH_SEPARATOR)[:depth])
        for path in paths
        for depth in range(1, path.count(PATH_SEPARATOR) + 2)
    }
    return Unit.objects.filter(
        _subtree(paths, "path") | Q(path__in=above),
        kind__in=Unit.PLACE_KINDS - {Unit.Kind.COUNTRY},
        is_active=True,
    ).order_by("path")


def may_register(user: Any, target: Any) -> bool:
    return bool(user.has_perm("emulation.register", target))


def may_see(user: Any, exemplar: Exemplar) -> bool:
    """Staff who register for the model's unit or evaluate for its place."""
    return may_register(user, exemplar) or bool(user.has_perm("emulation.evaluate", exemplar))


def staff_exemplars(user: Any) -> QuerySet[Exemplar]:
    """The models the person may see as staff."""
    paths = register_paths(user) | {place for _kind, place in committee_places(user)}
    if not paths:
        return Exemplar.objects.none()
    return Exemplar.objects.filter(_subtree(paths, "unit__path")).select_related("unit", "place")


def exemplar_for_staff_or_404(user: Any, pk: int) -> Exemplar:
    return get_object_for_user_or_404(
        Exemplar.objects.select_related("unit", "place", "replicated_from__unit"),
        allowed=lambda e: may_see(user, e),
        pk=pk,
    )


def exemplar_for_register_or_404(user: Any, pk: int) -> Exemplar:
    return get_object_for_user_or_404(
        Exemplar.objects.select_related("unit", "place"),
        allowed=lambda e: may_register(user, e),
        pk=pk,
    )


def attachment_for_register_or_404(user: Any, pk: int, exemplar_pk: int) -> Attachment:
    return get_object_for_user_or_404(
        Attachment.objects.select_related("exemplar__unit"),
        allowed=lambda a: may_register(user, a.exemplar),
        pk=pk,
        exemplar_id=exemplar_pk,
    )


def exemplar_for_replication_or_404(user: Any, pk: int) -> Exemplar:
    """A recognised model is public, so anyone who registers elsewhere may replicate it;
    staff who see the model also reach the page (and are told it is not recognised yet)."""
    return get_object_for_user_or_404(
        Exemplar.objects.select_related("unit"),
        allowed=lambda e: is_public(e) or may_see(user, e),
        pk=pk,
    )


def is_public(exemplar: Exemplar) -> bool:
    return exemplar.status == Exemplar.Status.RECOGNISED


def public_exemplars() -> QuerySet[Exemplar]:
    return Exemplar.objects.filter(status=Exemplar.Status.RECOGNISED).select_related(
        "unit", "place"
    )


def public_exemplar_or_404(pk: int) -> Exemplar:
    return get_object_for_user_or_404(public_exemplars(), allowed=is_public, pk=pk)


def attachment_for_viewer_or_404(user: Any, pk: int) -> Attachment:
    """A file of a recognised model is public; otherwise only staff who may see the model
    get it. The same 404 for a missing file and a forbidden one."""
    return get_object_for_user_or_404(
        Attachment.objects.select_related("exemplar__unit"),
        allowed=lambda a: is_public(a.exemplar) or may_see(user, a.exemplar),
        pk=pk,
    )


def search(queryset: QuerySet[Exemplar], text: str) -> QuerySet[Exemplar]:
    """Every word of the query, without diacritics, must appear in the folded text."""
    for word in fold_for_search(text).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def filter_exemplars(queryset: QuerySet[Exemplar], filters: dict[str, Any]) -> QuerySet[Exemplar]:
    """Apply the list filters that were given (empty ones are ignored)."""
    for key in ("year", "field", "kind", "level", "status"):
        if filters.get(key):
            queryset = queryset.filter(**{key: filters[key]})
    if filters.get("recognised_level"):
        queryset = queryset.filter(recognised_level=filters["recognised_level"])
    unit = filters.get("unit")
    if unit is not None:
        queryset = queryset.filter(_subtree({unit.path}, "unit__path"))
    province = filters.get("province")
    if province is not None:
        queryset = queryset.filter(_subtree({province.path}, "unit__path"))
    if filters.get("q"):
        queryset = search(queryset, filters["q"])
    return queryset


def public_provinces() -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=Unit.PROVINCE_KINDS, is_active=True).order_by("name")


@dataclass(frozen=True)
class ExemplarPage:
    """What the detail pages show besides the model itself."""

    figures: list[Any]
    photos: list[Attachment]
    documents: list[Attachment]
    history: list[tuple[ExemplarEvent, list[str]]]
    evaluations: list[Any]
    recognitions: list[Any]
    replications: list[Exemplar]


EXTRA_LABELS = {"figures": _("result figures"), "cover": _("cover photo")}


def changed_labels(event: ExemplarEvent) -> list[str]:
    """The names of the fields an edit changed, as the person reads them."""
    names = event.data.get("fields", []) if isinstance(event.data, dict) else []
    labels: list[str] = []
    for name in names:
        if name in EXTRA_LABELS:
            labels.append(str(EXTRA_LABELS[name]))
            continue
        try:
            labels.append(str(Exemplar._meta.get_field(name).verbose_name))  # type: ignore[union-attr]
        except FieldDoesNotExist:
            labels.append(str(name))
    return labels


def exemplar_page(exemplar: Exemplar, *, public: bool) -> ExemplarPage:
    attachments = list(exemplar.attachments.all())
    replications = exemplar.replications.select_related("unit")
    if public:
        replications = replications.filter(status=Exemplar.Status.RECOGNISED)
    return ExemplarPage(
        figures=list(exemplar.figures.all()),
        photos=[a for a in attachments if a.kind == Attachment.AttachmentKind.PHOTO],
        documents=[a for a in attachments if a.kind == Attachment.AttachmentKind.DOCUMENT],
        history=[]
        if public
        else [(event, changed_labels(event)) for event in exemplar.events.select_related("actor")],
        evaluations=[] if public else list(exemplar.evaluations.select_related("committee")),
        recognitions=list(exemplar.recognitions.select_related("issuer")),
        replications=list(replications.order_by("year", "unit__name")),
    )
