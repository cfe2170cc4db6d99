"""Reads about the demo world: its real places and the cast as it is in the database."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from danvan.core.exceptions import ApplicationError
from danvan.demo import cast, world
from danvan.units.models import RoleAssignment, Unit, User


@dataclass(frozen=True)
class DemoPlaces:
    """The real administrative units the demo bodies hang under."""

    country: Unit
    province: Unit
    commune: Unit
    ward: Unit


def _place_get(*, admin_code: str, kinds: tuple[Unit.Kind, ...]) -> Unit | None:
    # Official codes are zero-padded (provinces to 2 digits, communes to 5); accept either form.
    candidates = {admin_code, admin_code.lstrip("0"), admin_code.zfill(2), admin_code.zfill(5)}
    return Unit.objects.filter(admin_code__in=candidates, kind__in=kinds).order_by("path").first()


def demo_places_find() -> DemoPlaces | None:
    """Return the demo's real places, or ``None`` when the administrative map is not loaded."""
    country = Unit.objects.filter(kind=Unit.Kind.COUNTRY, parent=None).order_by("path").first()
    province = _place_get(
        admin_code=world.DEMO_PROVINCE_ADMIN_CODE, kinds=(Unit.Kind.PROVINCE, Unit.Kind.CITY)
    )
    commune = _place_get(admin_code=world.DEMO_COMMUNE_ADMIN_CODE, kinds=(Unit.Kind.COMMUNE,))
    ward = _place_get(admin_code=world.DEMO_WARD_ADMIN_CODE, kinds=(Unit.Kind.WARD,))
    if country is None or province is None or commune is None or ward is None:
        return None
    return DemoPlaces(country=country, province=province, commune=commune, ward=ward)


def demo_places_get() -> DemoPlaces:
    """Like :func:`demo_places_find`, but a missing map is an error that says what to run."""
    places = demo_places_find()
    if places is None:
        raise ApplicationError(
            _(
                "The administrative map has no %(province)s, %(commune)s or %(ward)s: "
                "run `manage.py load_units` first."
            )
            % {
                "province": world.DEMO_PROVINCE_NAME,
                "commune": world.DEMO_COMMUNE_NAME,
                "ward": world.DEMO_WARD_NAME,
            }
        )
    return places


@dataclass(frozen=True)
class CastRow:
    """One line of the cast table printed by ``seed_demo`` and shown in README."""

    username: str
    full_name: str
    roles: tuple[str, ...]  # "Role — Unit (title)"


def demo_cast_rows() -> list[CastRow]:
    """Return the cast as stored, in the order of :data:`cast.CAST`, with roles spelled out."""
    usernames = [member.username for member in cast.CAST]
    users = {
        user.username: user
        for user in User.objects.filter(username__in=usernames).prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.filter(is_active=True)
                .select_related("unit")
                .order_by("unit__path", "role"),
            )
        )
    }
    rows = []
    for member in cast.CAST:
        user = users.get(member.username)
        if user is None:
            continue
        roles = tuple(
            f"{a.get_role_display()} — {a.unit.name}" + (f" ({a.title})" if a.title else "")
            for a in user.role_assignments.all()
        )
        if user.is_superuser:
            roles = (*roles, _("superuser"))
        rows.append(CastRow(username=user.username, full_name=user.full_name, roles=roles))
    return rows
