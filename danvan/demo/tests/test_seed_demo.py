"""The ``seed_demo`` command: the world it builds, idempotence, reset, and its safety guard."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings

from danvan.demo import cast, world
from danvan.demo.selectors import DemoPlaces, demo_places_get
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db


def seed(**options: object) -> str:
    out = StringIO()
    call_command("seed_demo", minimal=True, force=True, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def counts() -> tuple[int, int, int]:
    return Unit.objects.count(), User.objects.count(), RoleAssignment.objects.count()


def test_every_cast_member_exists_with_exactly_their_roles(demo_world: DemoPlaces) -> None:
    markers = {
        world.COUNTRY: demo_world.country,
        world.PROVINCE: demo_world.province,
        world.COMMUNE: demo_world.commune,
        world.WARD: demo_world.ward,
    }
    for member in cast.CAST:
        # when
        user = User.objects.get(username=member.username)
        # then
        assert user.full_name == member.full_name
        assert user.email == member.email
        assert (user.is_staff, user.is_superuser) == (member.is_staff, member.is_superuser)
        stored = {
            (a.unit.code, a.role, a.title)
            for a in RoleAssignment.objects.filter(user=user, is_active=True).select_related("unit")
        }
        expected = {
            (markers[r.unit].code if r.unit in markers else r.unit, r.role, r.title)
            for r in member.roles
        }
        assert stored == expected, member.username


def test_demo_bodies_hang_under_the_real_province_and_commune(demo_world: DemoPlaces) -> None:
    # then: the places are the package's real units
    assert demo_world.province.name == world.DEMO_PROVINCE_NAME
    assert demo_world.commune.name == world.DEMO_COMMUNE_NAME
    assert demo_world.commune.parent == demo_world.province
    assert demo_world.ward.parent == demo_world.province
    assert demo_world.province.children.filter(kind=Unit.Kind.COMMUNE).count() > 50
    # and the bodies sit in the right subtrees
    commune_committee = Unit.objects.get(code=world.COMMUNE_COMMITTEE.code)
    assert commune_committee.name == "Ủy ban nhân dân xã Khoái Châu"
    assert commune_committee.path.startswith(demo_world.commune.path + "/")
    commission = Unit.objects.get(code=world.MASS_MOBILIZATION_COMMISSION.code)
    assert commission.parent is not None
    assert commission.parent.code == world.PROVINCE_PARTY_COMMITTEE.code
    assert commission.path.startswith(demo_world.province.path + "/")
    villages = Unit.objects.filter(parent=demo_world.commune, kind=Unit.Kind.VILLAGE)
    assert 3 <= villages.count() <= 4
    ministry = Unit.objects.get(code=world.GOVERNMENT_INSPECTORATE.code)
    assert ministry.parent == demo_world.country


def test_running_twice_duplicates_nothing(demo_world: DemoPlaces) -> None:
    # given
    before = counts()
    # when
    output = seed()
    # then
    assert counts() == before
    assert "0 units, 0 people, 0 roles, 0 notifications created" in output


def test_a_second_run_repairs_what_was_changed(demo_world: DemoPlaces) -> None:
    # given: someone renamed a body, renamed a person and retired a role
    Unit.objects.filter(code=world.PROVINCE_INSPECTORATE.code).update(name="Thanh tra")
    User.objects.filter(username=cast.COMMUNE_HEAD.username).update(full_name="X")
    RoleAssignment.objects.filter(user__username=cast.PROVINCE_HANDLER.username).update(
        is_active=False
    )
    # when
    output = seed()
    # then
    assert (
        Unit.objects.get(code=world.PROVINCE_INSPECTORATE.code).name
        == world.PROVINCE_INSPECTORATE.name
    )
    assert User.objects.get(username=cast.COMMUNE_HEAD.username).full_name == "Nguyễn Văn An"
    assert (
        RoleAssignment.objects.filter(
            user__username=cast.PROVINCE_HANDLER.username, is_active=True
        ).count()
        == 1
    )
    assert "1 roles, 0 notifications created; 1 units and 1 people corrected" in output


def test_reset_removes_the_demo_and_builds_it_again(demo_world: DemoPlaces) -> None:
    # given
    before = counts()
    old_pk = User.objects.get(username=cast.CITIZEN.username).pk
    place_pks = {demo_world.province.pk, demo_world.commune.pk, demo_world.ward.pk}
    # when
    output = seed(reset=True)
    # then
    assert output.startswith("Reset: removed ")
    assert counts() == before
    assert User.objects.get(username=cast.CITIZEN.username).pk != old_pk
    # the real places were kept
    assert set(Unit.objects.filter(pk__in=place_pks).values_list("pk", flat=True)) == place_pks


def test_reset_keeps_a_demo_body_that_other_data_hangs_under(demo_world: DemoPlaces) -> None:
    # given: a unit that is not demo data, attached to a demo body (Unit.parent is PROTECT)
    parent = Unit.objects.get(code=world.PROVINCE_INSPECTORATE.code)
    Unit.objects.create(
        code="real-office",
        name="Phòng nghiệp vụ 1",
        kind=Unit.Kind.DEPARTMENT,
        parent=parent,
        path=f"{parent.path}/real-office",
    )
    # when
    output = seed(reset=True)
    # then: that body is kept, everything else was rebuilt
    assert f"append-only): {world.PROVINCE_INSPECTORATE.code}\n" in output
    assert Unit.objects.get(code=world.PROVINCE_INSPECTORATE.code).pk == parent.pk
    assert Unit.objects.filter(code="real-office").exists()
    assert (
        RoleAssignment.objects.filter(
            user__username=cast.PROVINCE_HANDLER.username, unit=parent
        ).count()
        == 1
    )


def test_reset_keeps_people_with_audit_history_and_restores_them(demo_world: DemoPlaces) -> None:
    # given: the head acted (the audit log protects actors) and changed their password
    from danvan.audit.services import audit_record

    head = User.objects.get(username=cast.COMMUNE_HEAD.username)
    audit_record(actor=head, verb="demo.test", target=head)
    head.set_password("something-else-2026")
    head.full_name = "Nguyễn Văn B"
    head.save()
    citizen_pk = User.objects.get(username=cast.CITIZEN.username).pk
    # when
    output = seed(reset=True)
    # then: same row, demo password, demo name and roles back
    assert (
        f"Kept because other data refers to them (the audit log is append-only): "
        f"{cast.COMMUNE_HEAD.username}" in output
    )
    head.refresh_from_db()
    assert head.check_password(cast.DEMO_PASSWORD)
    assert head.full_name == cast.COMMUNE_HEAD.full_name
    assert list(head.role_assignments.values_list("role", flat=True)) == ["head"]
    # with its demo notifications sent once, not twice
    assert head.notifications.count() == 2
    # and the others were deleted and created again
    assert User.objects.get(username=cast.CITIZEN.username).pk != citizen_pk


def test_passwords_are_argon2_and_sign_in_works(demo_world: DemoPlaces, client: Client) -> None:
    # given
    user = User.objects.get(username=cast.COMMUNE_HEAD.username)
    # then: stored with Argon2 (the test settings use a cheap Argon2 variant first)
    assert isinstance(identify_hasher(user.password), Argon2PasswordHasher)
    assert user.check_password(cast.DEMO_PASSWORD)
    # when: signing in through the login page (django-axes needs a real request)
    response = client.post(
        "/tai-khoan/dang-nhap/",
        {"username": cast.COMMUNE_HEAD.username, "password": cast.DEMO_PASSWORD},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == "/bang-dieu-khien/"
    dashboard = client.get("/bang-dieu-khien/").content.decode()
    assert "Ủy ban nhân dân xã Khoái Châu" in dashboard


def test_the_multi_role_person_can_choose_between_three_units(
    demo_world: DemoPlaces, client: Client
) -> None:
    # given
    client.post(
        "/tai-khoan/dang-nhap/",
        {"username": cast.MULTI_ROLE.username, "password": cast.DEMO_PASSWORD},
    )
    # when
    html = client.get("/bang-dieu-khien/").content.decode()
    # then: the switcher lists one option per role, each naming its unit
    assert html.count('name="role_assignment"') == 1
    for unit_name in (
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Khoái Châu",
        "Đảng ủy xã Khoái Châu",
        "Thôn An Vĩ",
    ):
        assert f"— {unit_name}</option>" in html


def test_superuser_admin_reaches_the_admin_site(demo_world: DemoPlaces, client: Client) -> None:
    client.post("/tai-khoan/dang-nhap/", {"username": "admin", "password": cast.DEMO_PASSWORD})
    assert client.get("/quan-tri/").status_code == 200


def test_prints_the_cast_table_with_the_password() -> None:
    # when
    output = seed()
    # then
    assert f"password is: {cast.DEMO_PASSWORD}" in output
    for member in cast.CAST:
        assert member.username in output
        assert member.full_name in output
    # the multi-role person gets one line per role
    hoa_lines = output.split(cast.MULTI_ROLE.username, 1)[1].split(cast.SUPERUSER.username)[0]
    assert hoa_lines.count("\n") == len(cast.MULTI_ROLE.roles)


def test_quiet_cast_prints_no_table() -> None:
    assert "password is" not in seed(quiet_cast=True)


@override_settings(DEBUG=False)
def test_refuses_to_run_without_debug_unless_forced() -> None:
    # when / then
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo", minimal=True, stdout=StringIO())
    assert not User.objects.exists()


@override_settings(DEBUG=True)
def test_runs_with_debug_on_without_force() -> None:
    call_command("seed_demo", minimal=True, stdout=StringIO(), quiet_cast=True)
    assert User.objects.filter(username=cast.COMMUNE_HEAD.username).exists()


def test_seeding_without_a_map_explains_what_to_run() -> None:
    # given: no places at all
    from danvan.demo.services import demo_world_seed

    # when / then
    with pytest.raises(Exception, match=r"`manage\.py load_units`"):
        demo_world_seed()
    with pytest.raises(Exception, match=r"load_units"):
        demo_places_get()


@time_machine.travel(dt.datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
def test_sends_dated_notifications_once() -> None:
    # when
    seed()
    seed()
    # then: one welcome per person with a role, plus dated reminders, never twice
    head = User.objects.get(username=cast.COMMUNE_HEAD.username)
    titles = sorted(head.notifications.values_list("title", flat=True))
    assert titles == [
        "Chào mừng đến với danvan",
        # the chairman's next day on the demo schedule (10/12/2026, a Thursday)
        "Lịch tiếp công dân định kỳ ngày 10 tháng 12 năm 2026",
    ]
    staff = User.objects.get(username=cast.COMMISSION_STAFF.username)
    report = staff.notifications.get(kind="demo.periodic_report")
    assert report.title == "Hạn tổng hợp báo cáo công tác dân vận quý 4/2026"
    assert "trước ngày 31 tháng 12 năm 2026" in report.body
    assert not User.objects.get(username="admin").notifications.exists()
