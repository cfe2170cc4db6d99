"""Writes about units, bodies and roles.

Every change of the tree or of someone's roles goes through a function here, so that the
derived tree paths stay right and the audit log records who changed what. Role changes are
security events: ``role_assign`` and ``role_revoke`` always write an audit entry.
"""

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.units import naming
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit, User, rewrite_subtree_paths
from danvan.units.official_list import (
    COUNTRY_CODE,
    DATA_VERSION,
    PlaceRecord,
    is_official_place_code,
    official_places,
)
from danvan.units.predicates import forget_cached_roles

Actor = AbstractBaseUser | AnonymousUser | None
K = Unit.Kind

# Code suffixes of the bodies every province and commune has: "VN-12205-ubnd".
BODY_CODE_SUFFIXES: dict[str, str] = {
    K.PEOPLES_COMMITTEE: "ubnd",
    K.PARTY_COMMITTEE: "dang-uy",
    K.FATHERLAND_FRONT: "mttq",
}
MASS_MOBILIZATION_COMMISSION_SUFFIX = "ban-tgdv"


# --------------------------------------------------------------------------- single units


@transaction.atomic
def unit_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    admin_code: str = "",
    is_remote_area: bool = False,
) -> Unit:
    """Create one unit under ``parent``; its path is derived from the parent's."""
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent=parent,
        admin_code=admin_code,
        is_remote_area=is_remote_area,
    )
    unit.refresh_derived_fields()
    unit.full_clean()
    unit.save(force_insert=True)
    audit_record(actor=actor, verb="unit.create", target=unit, data={"kind": kind, "code": code})
    return unit


@transaction.atomic
def unit_update(
    *,
    actor: Actor,
    unit: Unit,
    name: str | None = None,
    kind: str | None = None,
    admin_code: str | None = None,
    is_remote_area: bool | None = None,
    is_active: bool | None = None,
) -> Unit:
    """Change a unit's own fields (``None`` leaves a field as it is). See ``unit_move``."""
    wanted = {
        "name": name,
        "kind": kind,
        "admin_code": admin_code,
        "is_remote_area": is_remote_area,
        "is_active": is_active,
    }
    changed = {
        key: value
        for key, value in wanted.items()
        if value is not None and getattr(unit, key) != value
    }
    if not changed:
        return unit
    old = {key: getattr(unit, key) for key in changed}
    for key, value in changed.items():
        setattr(unit, key, value)
    unit.full_clean()
    unit.save(update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        verb="unit.update",
        target=unit,
        data={key: {"old": old[key], "new": value} for key, value in changed.items()},
    )
    return unit


@transaction.atomic
def unit_move(*, actor: Actor, unit: Unit, new_parent: Unit) -> Unit:
    """Move ``unit`` and its whole subtree under ``new_parent``.

    Refuses to move a unit under itself or one of its own sub-units (that would cut the
    subtree off the tree). The paths of every descendant are rewritten in one UPDATE.
    """
    if unit.parent_id == new_parent.pk:
        return unit
    old_parent_code = unit.parent.code if unit.parent else None
    unit.parent = new_parent
    unit.full_clean()
    unit.save(update_fields=["parent", "updated_at"])
    audit_record(
        actor=actor,
        verb="unit.move",
        target=unit,
        data={"old_parent": old_parent_code, "new_parent": new_parent.code},
    )
    return unit


# --------------------------------------------------------------------------- bodies


def body_code(*, place: Unit, kind: str, label: str = "") -> str:
    """Return the stable code of a body of ``kind`` serving ``place``.

    The People's Committee, Party committee and Fatherland Front get fixed suffixes
    ("VN-33-ubnd"); other bodies are told apart by a slug of ``label`` ("VN-33-so-tu-phap").
    """
    if kind in BODY_CODE_SUFFIXES:
        return f"{place.code}-{BODY_CODE_SUFFIXES[kind]}"
    if kind == K.PARTY_COMMISSION and not label:
        return f"{place.code}-{MASS_MOBILIZATION_COMMISSION_SUFFIX}"
    return f"{place.code}-{naming.code_slug(label)}"[:64].rstrip("-")


# Which bodies may serve which places.
_BODY_PLACES: dict[str, frozenset[str]] = {
    K.PEOPLES_COMMITTEE: Unit.PROVINCE_KINDS | Unit.COMMUNE_KINDS,
    K.PARTY_COMMITTEE: Unit.PROVINCE_KINDS | Unit.COMMUNE_KINDS | {K.COUNTRY},
    K.FATHERLAND_FRONT: Unit.PROVINCE_KINDS | Unit.COMMUNE_KINDS | {K.COUNTRY},
    K.PARTY_COMMISSION: Unit.PROVINCE_KINDS | Unit.COMMUNE_KINDS | {K.COUNTRY},
    K.DEPARTMENT: Unit.PROVINCE_KINDS,
    K.MINISTRY: frozenset({K.COUNTRY}),
    K.PUBLIC_UNIT: Unit.PROVINCE_KINDS | Unit.COMMUNE_KINDS | {K.COUNTRY},
}


@transaction.atomic
def body_attach(
    *,
    actor: Actor,
    place: Unit,
    kind: str,
    name: str = "",
    sector: str = "",
    commission: str = "",
) -> Unit:
    """Create, or return, the body of ``kind`` that serves ``place``, with its official name.

    - People's Committee, Party committee, Fatherland Front committee: named from the place
      ("Ủy ban nhân dân xã Phù Đổng", "Đảng ủy phường Ba Đình", "Tỉnh ủy Hưng Yên").
    - Party commission: under the place's Party committee (created if missing); the default
      is the Ban Tuyên giáo và Dân vận, or pass ``commission="Ban Tổ chức"``.
    - Department (Sở): under the provincial People's Committee; pass ``sector="Tư pháp"``.
    - Ministry (under the country) and public service unit: pass the full ``name``.

    Idempotent: the body is found by its code, and an existing body gets the name back.
    """
    allowed = _BODY_PLACES.get(kind)
    if allowed is None or place.kind not in allowed:
        raise ApplicationError(
            _("A body of this kind cannot be attached to this place."),
            extra={"kind": kind, "place_kind": place.kind},
        )
    parent = place
    label = ""
    if kind == K.PEOPLES_COMMITTEE:
        name = naming.peoples_committee_name(place)
    elif kind == K.PARTY_COMMITTEE:
        name = naming.party_committee_name(place)
    elif kind == K.FATHERLAND_FRONT:
        name = naming.fatherland_front_name(place)
    elif kind == K.PARTY_COMMISSION:
        parent = body_attach(actor=actor, place=place, kind=K.PARTY_COMMITTEE)
        label = commission
        name = naming.party_commission_name(
            place, commission=commission or naming.MASS_MOBILIZATION_COMMISSION
        )
    elif kind == K.DEPARTMENT:
        if not sector:
            raise ApplicationError(_("Give the sector of the department, e.g. “Tư pháp”."))
        parent = body_attach(actor=actor, place=place, kind=K.PEOPLES_COMMITTEE)
        label = f"so {sector}"
        name = naming.department_name(place, sector=sector)
    else:
        if not name.strip():
            raise ApplicationError(_("Give the full name of the body."))
        name = " ".join(name.split())
        label = name
    code = body_code(place=place, kind=kind, label=label)
    existing = Unit.objects.filter(code=code).first()
    if existing is None:
        return unit_create(actor=actor, code=code, name=name, kind=kind, parent=parent)
    return unit_update(actor=actor, unit=existing, name=name, is_active=True)


# --------------------------------------------------------------------------- the official list


@dataclass
class LoadReport:
    """What one run of :func:`units_load_official` did, by unit kind."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    deactivated: int = 0
    data_version: str = DATA_VERSION

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


@dataclass(frozen=True)
class _Record:
    code: str
    name: str
    kind: str
    parent_code: str | None
    admin_code: str = ""
    is_place: bool = True


def _body_records(places: list[PlaceRecord]) -> list[_Record]:
    """The People's Committee, Party committee and Fatherland Front of every place, plus the
    Mass Mobilization Commission of every province and of the centre."""
    records: list[_Record] = []
    commissions: list[_Record] = []
    for place in places:
        kinds = [K.PARTY_COMMITTEE, K.FATHERLAND_FRONT]
        if place.kind != K.COUNTRY:
            kinds.insert(0, K.PEOPLES_COMMITTEE)
        for kind in kinds:
            name = {
                K.PEOPLES_COMMITTEE: naming.peoples_committee_name,
                K.PARTY_COMMITTEE: naming.party_committee_name,
                K.FATHERLAND_FRONT: naming.fatherland_front_name,
            }[kind](place)
            code = f"{place.code}-{BODY_CODE_SUFFIXES[kind]}"
            records.append(_Record(code, name, kind, place.code, is_place=False))
        if place.kind == K.COUNTRY or place.kind in Unit.PROVINCE_KINDS:
            commissions.append(
                _Record(
                    f"{place.code}-{MASS_MOBILIZATION_COMMISSION_SUFFIX}",
                    naming.party_commission_name(place),
                    K.PARTY_COMMISSION,
                    f"{place.code}-{BODY_CODE_SUFFIXES[K.PARTY_COMMITTEE]}",
                    is_place=False,
                )
            )
    return records + commissions


def _levels(records: Iterable[_Record]) -> list[list[_Record]]:
    """Group records by depth so each group's parents exist before it is written."""
    depth: dict[str | None, int] = {None: -1}
    levels: defaultdict[int, list[_Record]] = defaultdict(list)
    for record in records:
        depth[record.code] = depth[record.parent_code] + 1
        levels[depth[record.code]].append(record)
    return [levels[level] for level in sorted(levels)]


_LOADED_FIELDS = ("name", "kind", "parent_id", "path", "search_name", "admin_code", "is_active")


@transaction.atomic
def units_load_official(
    *,
    actor: Actor = None,
    provinces: Collection[int] | None = None,
    with_bodies: bool = False,
    batch_size: int = 1000,
) -> LoadReport:
    """Create or update the country, provinces and communes from the official list.

    Idempotent: units are matched by code; a second run changes nothing and a newer
    package version only renames, re-parents or reactivates what changed. Places with an
    official code that are no longer in the list are deactivated, never deleted (petitions
    and roles still point at them). Runs in a handful of bulk queries per tree level.

    ``with_bodies`` adds, for every place, its People's Committee, Party committee and
    Fatherland Front committee, and the Ban Tuyên giáo và Dân vận of each province.
    """
    report = LoadReport()
    places = list(official_places(provinces=provinces))
    records = [
        _Record(p.code, p.name, p.kind, p.parent_code, admin_code=p.admin_code) for p in places
    ]
    if with_bodies:
        records += _body_records(places)
    wanted_codes = {record.code for record in records}
    existing = {
        unit.code: unit
        for unit in Unit.objects.filter(code__startswith=COUNTRY_CODE).only(
            "id", "code", *[name for name in _LOADED_FIELDS if name != "parent_id"], "parent"
        )
        if unit.code in wanted_codes
    }
    now = timezone.now()
    saved: dict[str, Unit] = {}
    moved: list[tuple[str, str]] = []
    for level in _levels(records):
        to_create: list[Unit] = []
        to_update: list[Unit] = []
        for record in level:
            parent = saved[record.parent_code] if record.parent_code else None
            unit = existing.get(record.code)
            if unit is None:
                unit = Unit(code=record.code, kind=record.kind)
                to_create.append(unit)
            before = {name: getattr(unit, name) for name in _LOADED_FIELDS}
            unit.name = record.name
            unit.kind = record.kind
            unit.parent = parent
            if record.is_place:
                unit.admin_code = record.admin_code
                unit.is_active = True
            unit.refresh_derived_fields()
            saved[record.code] = unit
            if unit._state.adding:
                unit.clean_fields(exclude=["parent"])
                report.created[record.kind] += 1
            elif before != {name: getattr(unit, name) for name in _LOADED_FIELDS}:
                unit.clean_fields(exclude=["parent"])
                unit.updated_at = now
                to_update.append(unit)
                report.updated[record.kind] += 1
                if before["path"] != unit.path:
                    moved.append((str(before["path"]), unit.path))
            else:
                report.unchanged += 1
        Unit.objects.bulk_create(to_create, batch_size=batch_size)
        Unit.objects.bulk_update(to_update, [*_LOADED_FIELDS, "updated_at"], batch_size=batch_size)
    # Units outside the list (villages, demo bodies) under a place whose path changed follow
    # it; deepest first so that a commune moved between provinces keeps its own subtree.
    for old_path, new_path in sorted(moved, key=lambda pair: -pair[0].count(PATH_SEPARATOR)):
        rewrite_subtree_paths(old_path=old_path, new_path=new_path)
    if provinces is None:
        report.deactivated = _deactivate_places_not_in(wanted_codes)
    audit_record(
        actor=actor,
        verb="unit.load_official",
        data={
            "data_version": report.data_version,
            "created": report.total_created,
            "updated": report.total_updated,
            "deactivated": report.deactivated,
            "with_bodies": with_bodies,
        },
    )
    return report


def _deactivate_places_not_in(codes: set[str]) -> int:
    stale = [
        pk
        for pk, code in Unit.objects.filter(
            code__startswith=COUNTRY_CODE,
            is_active=True,
            kind__in=Unit.PROVINCE_KINDS | Unit.COMMUNE_KINDS,
        ).values_list("pk", "code")
        if is_official_place_code(code) and code not in codes
    ]
    return Unit.objects.filter(pk__in=stale).update(is_active=False, updated_at=timezone.now())


# --------------------------------------------------------------------------- roles


@transaction.atomic
def role_assign(
    *,
    actor: Actor,
    user: User,
    unit: Unit,
    role: str,
    title: str = "",
) -> RoleAssignment:
    """Give ``user`` the ``role`` in ``unit`` (or update the title of the role they hold).

    Assigning a role already held is not an error: the existing assignment is returned,
    so that an import can be re-run. Permission to assign is checked by the caller
    (``units.assign_role`` / ``units.assign_privileged_role``).
    """
    if not unit.is_active:
        raise ApplicationError(_("Roles cannot be given in a unit that is no longer active."))
    assignment = (
        RoleAssignment.objects.select_for_update()
        .filter(user=user, unit=unit, role=role, is_active=True)
        .first()
    )
    if assignment is not None:
        if assignment.title != title:
            old_title = assignment.title
            assignment.title = title
            assignment.full_clean()
            assignment.save(update_fields=["title", "updated_at"])
            audit_record(
                actor=actor,
                verb="unit.role_retitle",
                target=assignment,
                data={"user_id": user.pk, "old_title": old_title, "new_title": title},
            )
        return assignment
    assignment = RoleAssignment(user=user, unit=unit, role=role, title=title)
    assignment.full_clean()
    assignment.save(force_insert=True)
    forget_cached_roles(user)
    audit_record(
        actor=actor,
        verb="unit.role_assign",
        target=assignment,
        data={"user_id": user.pk, "unit": unit.code, "role": role, "title": title},
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: Actor, assignment: RoleAssignment) -> RoleAssignment:
    """End a role. The assignment stays, inactive, as the record of who held it."""
    if RoleAssignment.user.is_cached(assignment):
        forget_cached_roles(assignment.user)
    assignment = (
        RoleAssignment.objects.select_for_update()
        .select_related("unit", "user")
        .get(pk=assignment.pk)
    )
    if not assignment.is_active:
        return assignment
    assignment.is_active = False
    assignment.save(update_fields=["is_active", "updated_at"])
    forget_cached_roles(assignment.user)
    audit_record(
        actor=actor,
        verb="unit.role_revoke",
        target=assignment,
        data={"user_id": assignment.user_id, "unit": assignment.unit.code, "role": assignment.role},
    )
    return assignment


# --------------------------------------------------------------------------- a person's own data


@transaction.atomic
def user_residence_update(
    *, user: User, birth_year: int | None, home_unit: Unit | None
) -> list[str]:
    """Set the year of birth and the commune or ward of residence; return what changed.

    The person fills them in on their profile until VNeID fills them from the identity card.
    They are read only as counts (age band and place on the consultations' participation
    dashboard), so the audit entry names the fields that changed, never their values.
    """
    wanted = {"birth_year": birth_year, "home_unit_id": home_unit.pk if home_unit else None}
    changed = [key for key, value in wanted.items() if getattr(user, key) != value]
    if not changed:
        return []
    user.birth_year = birth_year
    user.home_unit = home_unit
    fields = [key.removesuffix("_id") for key in changed]
    user.full_clean(
        exclude=[f.name for f in User._meta.fields if f.name not in {"birth_year", "home_unit"}]
    )
    user.save(update_fields=fields)
    audit_record(actor=user, verb="user.residence_update", target=user, data={"fields": fields})
    return fields
