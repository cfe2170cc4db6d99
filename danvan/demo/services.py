"""Build and remove the demo world (the units of ``world`` and the people of ``cast``).

Every function is idempotent: rows are looked up by their stable key (unit code, username,
user + unit + role) and only what is missing or different is written, so ``seed_demo`` can
run on every start of the demo without duplicating anything. Units and roles are written
through ``danvan.units.services`` so that tree paths stay right and the audit log records
the demo's changes like any other (with no actor: the system did it).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from danvan.core.dates import admin_date_vi
from danvan.demo import cast, world
from danvan.demo.petitions import reception_dates
from danvan.demo.selectors import DemoPlaces, demo_places_get
from danvan.petitions.services.cases import field_defaults_ensure
from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.services import (
    body_attach,
    role_assign,
    unit_create,
    unit_move,
    unit_update,
)

# Notifications the demo sends have kinds in this namespace, so a reset can find them.
NOTIFICATION_KIND_PREFIX = "demo."


@dataclass
class SeedReport:
    """What one run of :func:`demo_world_seed` changed (all zero on a second run)."""

    units_created: int = 0
    units_updated: int = 0
    users_created: int = 0
    users_updated: int = 0
    roles_created: int = 0
    notifications_created: int = 0


def _resolve(*, marker: str, places: DemoPlaces) -> Unit:
    by_marker = {
        world.COUNTRY: places.country,
        world.PROVINCE: places.province,
        world.COMMUNE: places.commune,
        world.WARD: places.ward,
    }
    if marker in by_marker:
        return by_marker[marker]
    return Unit.objects.get(code=marker)


def _unit_ensure(*, demo_unit: world.DemoUnit, places: DemoPlaces, report: SeedReport) -> Unit:
    parent = _resolve(marker=demo_unit.parent, places=places)
    existing = Unit.objects.filter(code=demo_unit.code).first()
    if demo_unit.attach:
        # body_attach names the body from its place and finds it again by code.
        name = demo_unit.name if demo_unit.kind == Unit.Kind.MINISTRY else ""
        unit = body_attach(
            actor=None, place=parent, kind=demo_unit.kind, name=name, sector=demo_unit.sector
        )
        if unit.code != demo_unit.code:
            raise RuntimeError(
                f"world.py says {demo_unit.code!r} but units.body_attach made {unit.code!r}"
            )
        report.units_created += existing is None
        return unit
    if existing is None:
        report.units_created += 1
        return unit_create(
            actor=None,
            code=demo_unit.code,
            name=demo_unit.name,
            kind=demo_unit.kind,
            parent=parent,
        )
    changed = (existing.name, existing.kind, existing.is_active) != (
        demo_unit.name,
        demo_unit.kind,
        True,
    )
    if changed:
        unit_update(
            actor=None, unit=existing, name=demo_unit.name, kind=demo_unit.kind, is_active=True
        )
    if existing.parent_id != parent.pk:
        unit_move(actor=None, unit=existing, new_parent=parent)
        changed = True
    report.units_updated += changed
    return existing


def _user_ensure(*, member: cast.CastMember, places: DemoPlaces, report: SeedReport) -> User:
    home = _resolve(marker=member.home, places=places) if member.home else None
    wanted = {
        "full_name": member.full_name,
        "email": member.email,
        "is_staff": member.is_staff,
        "is_superuser": member.is_superuser,
        "is_active": True,
        "birth_year": member.birth_year,
        "home_unit_id": home.pk if home else None,
    }
    user = User.objects.filter(username=member.username).first()
    if user is None:
        user = User(username=member.username, **wanted)
        user.set_password(cast.DEMO_PASSWORD)
        user.full_clean()
        user.save()
        report.users_created += 1
        return user
    changed = [key for key, value in wanted.items() if getattr(user, key) != value]
    if changed:
        for key in changed:
            setattr(user, key, wanted[key])
        user.full_clean()
        user.save(update_fields=changed)
        report.users_updated += 1
    return user


def _roles_ensure(
    *, user: User, member: cast.CastMember, places: DemoPlaces, report: SeedReport
) -> None:
    for demo_role in member.roles:
        unit = _resolve(marker=demo_role.unit, places=places)
        held = RoleAssignment.objects.filter(
            user=user, unit=unit, role=demo_role.role, is_active=True
        ).exists()
        role_assign(actor=None, user=user, unit=unit, role=demo_role.role, title=demo_role.title)
        report.roles_created += not held


def _demo_notifications(today: dt.date) -> dict[str, list[tuple[str, str, str]]]:
    """(kind, title, body) per username; dates follow today so that reminders look current."""
    # The chairman's next regular reception day, as the demo's published schedule has it
    # (there is always one: the schedule covers this month and the next).
    reception_day = next(
        day
        for day in reception_dates(unit_code=world.COMMUNE_COMMITTEE.code, today=today)
        if day > today
    )
    quarter_end = dt.date(today.year, 3 * ((today.month - 1) // 3) + 3, 1)
    quarter_end = (quarter_end + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    quarter = (today.month - 1) // 3 + 1
    welcome = (
        "demo.welcome",
        "Chào mừng đến với danvan",
        "Đây là tài khoản trình diễn. Dữ liệu được tạo lại bằng lệnh seed_demo --reset.",
    )
    return {member.username: [welcome] for member in cast.CAST if member.roles} | {
        cast.COMMUNE_HEAD.username: [
            welcome,
            (
                "demo.reception_schedule",
                f"Lịch tiếp công dân định kỳ {admin_date_vi(reception_day)}",
                "Chủ tịch Ủy ban nhân dân cấp xã tiếp công dân định kỳ ít nhất 02 ngày trong "
                "một tháng (Luật Tiếp công dân, sửa đổi năm 2025). Buổi tiếp tiếp theo: "
                f"{admin_date_vi(reception_day)}, tại trụ sở Ủy ban nhân dân xã Khoái Châu.",
            ),
        ],
        cast.COMMISSION_STAFF.username: [
            welcome,
            (
                "demo.periodic_report",
                f"Hạn tổng hợp báo cáo công tác dân vận quý {quarter}/{today.year}",
                "Các đơn vị gửi báo cáo kết quả thực hiện công tác dân vận và phong trào thi "
                f"đua “Dân vận khéo” quý {quarter} trước {admin_date_vi(quarter_end)}.",
            ),
        ],
    }


def _notifications_ensure(*, users: dict[str, User], report: SeedReport) -> None:
    # Imported here: notifications is optional for the demo world's tests of units and roles.
    from danvan.notifications.models import Notification
    from danvan.notifications.services import notify

    today = timezone.localdate()
    for username, messages in _demo_notifications(today).items():
        user = users[username]
        sent = set(
            Notification.objects.filter(
                recipient=user, kind__startswith=NOTIFICATION_KIND_PREFIX
            ).values_list("kind", flat=True)
        )
        for kind, title, body in messages:
            if kind in sent:
                continue
            notify(recipients=[user], kind=kind, title=title, body=body, email=False)
            report.notifications_created += 1


@transaction.atomic
def demo_world_seed() -> SeedReport:
    """Create or complete the demo bodies, villages, cast and notifications on the loaded map.

    The real places (country, demo province, commune, ward) must already exist:
    ``seed_demo`` loads them with ``load_units --with-bodies`` first.
    """
    report = SeedReport()
    places = demo_places_get()
    for demo_unit in world.DEMO_UNITS:
        _unit_ensure(demo_unit=demo_unit, places=places, report=report)
    users: dict[str, User] = {}
    for member in cast.CAST:
        users[member.username] = user = _user_ensure(member=member, places=places, report=report)
        _roles_ensure(user=user, member=member, places=places, report=report)
    _notifications_ensure(users=users, report=report)
    # The petition fields come with a migration; a flushed test database lacks them.
    field_defaults_ensure()
    return report


@dataclass
class ResetReport:
    """What :func:`demo_world_reset` removed, and what it had to keep."""

    removed: int = 0
    kept_people: list[str] = field(default_factory=list)
    kept_units: list[str] = field(default_factory=list)


def _delete_or_keep(obj: User | Unit) -> int:
    """Delete ``obj`` unless other rows protect it; return the number of rows deleted."""
    try:
        with transaction.atomic():
            return obj.delete()[0]
    except ProtectedError:
        return 0


@transaction.atomic
def demo_world_reset() -> ResetReport:
    """Delete the cast and the demo's own units; the map and its standard bodies stay.

    Rows that other data protects are kept rather than failing the reset: the audit log is
    append-only and protects every account that acted (``AuditEntry.actor`` is ``PROTECT``),
    and a demo unit may have units that are not demo data under it. Kept people lose their
    roles and demo notifications and get the demo password back, so that the next seed
    restores them exactly.
    """
    from danvan.demo.consultations import demo_consultations_reset
    from danvan.demo.directives import demo_directives_reset
    from danvan.notifications.models import Notification

    report = ResetReport()
    # The demo consultation first: its votes protect the cast and the demo residents.
    report.removed += demo_consultations_reset()
    report.removed += demo_directives_reset()
    from danvan.demo.democracy import demo_democracy_reset
    from danvan.democracy.models import Household
    from danvan.democracy.services.dialogues import demo_dialogues_reset
    from danvan.democracy.services.supervision import demo_supervision_reset

    # The demo commune's boards and dialogues (their members and questions protect villages),
    # then its disclosures, proposals and decisions (their votes protect the households).
    report.removed += demo_supervision_reset() + demo_dialogues_reset()
    report.removed += demo_democracy_reset()
    from danvan.demo.emulation import demo_emulation_reset

    # The demo province's "Dân vận khéo" models (their rows protect the cast).
    report.removed += demo_emulation_reset()

    # The demo villages' households (they protect the villages the reset removes).
    report.removed += Household.objects.filter(
        village__code__in=[unit.code for unit in world.DEMO_UNITS if unit.owned]
    ).delete()[0]
    usernames = [member.username for member in cast.CAST]
    owned = [unit.code for unit in world.DEMO_UNITS if unit.owned]
    report.removed += Notification.objects.filter(
        recipient__username__in=usernames, kind__startswith=NOTIFICATION_KIND_PREFIX
    ).delete()[0]
    report.removed += RoleAssignment.objects.filter(user__username__in=usernames).delete()[0]
    report.removed += RoleAssignment.objects.filter(unit__code__in=owned).delete()[0]
    for user in User.objects.filter(username__in=usernames).order_by("username"):
        deleted = _delete_or_keep(user)
        if not deleted:
            user.set_password(cast.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            report.kept_people.append(user.username)
        report.removed += deleted
    # Children before parents: Unit.parent is PROTECT.
    for code in reversed(owned):
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        deleted = _delete_or_keep(unit)
        if not deleted:
            report.kept_units.append(unit.code)
        report.removed += deleted
    return report
