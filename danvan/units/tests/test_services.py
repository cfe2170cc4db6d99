"""Services: units (create, update, move, attach bodies) and roles (assign, revoke)."""

import pytest
from django.core.exceptions import ValidationError

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.predicates import held_roles
from danvan.units.services import (
    body_attach,
    role_assign,
    role_revoke,
    unit_create,
    unit_move,
    unit_update,
)
from danvan.units.tests.conftest import Tree
from danvan.units.tests.factories import UnitFactory, UserFactory

K = Unit.Kind
Role = RoleAssignment.Role


def last_audit(verb: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(verb=verb).order_by("-seq").first()
    assert entry is not None, f"no audit entry {verb}"
    return entry


def test_unit_create_derives_path_and_search_name(tree: Tree, person: User) -> None:
    # when
    unit = unit_create(
        actor=person,
        code="VN-12205-thon-an-vi",
        name="Thôn An Vĩ",
        kind=K.VILLAGE,
        parent=tree.commune,
    )
    # then
    unit.refresh_from_db()
    assert unit.path == "VN/VN-33/VN-12205/VN-12205-thon-an-vi"
    assert unit.search_name == "thon an vi"
    entry = last_audit("unit.create")
    assert entry.actor_id == person.pk
    assert entry.target_label == "VN-12205-thon-an-vi Thôn An Vĩ"


@pytest.mark.parametrize(
    ("code", "kind", "parent_attr", "field"),
    [
        ("bad/code", K.VILLAGE, "commune", "code"),
        ("-starts-with-dash", K.VILLAGE, "commune", "code"),
        ("vn-33", K.PROVINCE, "country", "__all__"),  # same code as VN-33 apart from case
        ("VN-33", K.PROVINCE, "country", "code"),
        ("ROOT-2", K.COUNTRY, "province", "parent"),
        ("ORPHAN", K.COMMUNE, None, "parent"),
    ],
)
def test_unit_create_refuses_invalid_units(
    tree: Tree, code: str, kind: str, parent_attr: str | None, field: str
) -> None:
    parent = getattr(tree, parent_attr) if parent_attr else None
    before = Unit.objects.count()
    with pytest.raises(ValidationError) as error:
        unit_create(actor=None, code=code, name="Thử", kind=kind, parent=parent)
    assert field in error.value.message_dict
    assert Unit.objects.count() == before


def test_unit_move_rewrites_the_whole_subtree(tree: Tree, person: User) -> None:
    # given a village under the commune
    village = UnitFactory.create(
        code="thon-1", name="Thôn Một", kind=K.VILLAGE, parent=tree.commune
    )
    # when the commune moves to the other province
    unit_move(actor=person, unit=tree.commune, new_parent=tree.other_province)
    # then
    for unit in (tree.commune, tree.commune_committee, village):
        unit.refresh_from_db()
    assert tree.commune.path == "VN/VN-01/VN-12205"
    assert tree.commune_committee.path == "VN/VN-01/VN-12205/VN-12205-ubnd"
    assert village.path == "VN/VN-01/VN-12205/thon-1"
    # siblings are untouched
    tree.ward.refresh_from_db()
    assert tree.ward.path == "VN/VN-33/VN-11953"
    assert last_audit("unit.move").data == {"old_parent": "VN-33", "new_parent": "VN-01"}


def test_unit_move_refuses_cycles(tree: Tree) -> None:
    # when / then: a province cannot go under its own commune, nor under itself
    with pytest.raises(ValidationError) as error:
        unit_move(actor=None, unit=tree.province, new_parent=tree.commune_committee)
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError):
        unit_move(actor=None, unit=tree.province, new_parent=tree.province)
    tree.province.refresh_from_db()
    assert tree.province.path == "VN/VN-33"
    tree.commune_committee.refresh_from_db()
    assert tree.commune_committee.path == "VN/VN-33/VN-12205/VN-12205-ubnd"


def test_unit_move_to_the_same_parent_changes_nothing(tree: Tree) -> None:
    before = AuditEntry.objects.count()
    unit_move(actor=None, unit=tree.commune, new_parent=tree.province)
    assert AuditEntry.objects.count() == before


def test_unit_update_changes_only_given_fields_and_audits_old_and_new(tree: Tree) -> None:
    # when
    unit_update(actor=None, unit=tree.commune, name="Xã Khoái Châu Mới", is_remote_area=True)
    # then
    tree.commune.refresh_from_db()
    assert tree.commune.name == "Xã Khoái Châu Mới"
    assert tree.commune.search_name == "xa khoai chau moi"
    assert tree.commune.is_remote_area is True
    assert tree.commune.kind == K.COMMUNE
    assert last_audit("unit.update").data["name"] == {
        "old": "Xã Khoái Châu",
        "new": "Xã Khoái Châu Mới",
    }
    # and nothing to change writes nothing
    before = AuditEntry.objects.count()
    unit_update(actor=None, unit=tree.commune, name="Xã Khoái Châu Mới")
    assert AuditEntry.objects.count() == before


def test_body_attach_creates_named_bodies_idempotently(tree: Tree) -> None:
    # when
    party = body_attach(actor=None, place=tree.commune, kind=K.PARTY_COMMITTEE)
    again = body_attach(actor=None, place=tree.commune, kind=K.PARTY_COMMITTEE)
    front = body_attach(actor=None, place=tree.province, kind=K.FATHERLAND_FRONT)
    commission = body_attach(actor=None, place=tree.province, kind=K.PARTY_COMMISSION)
    department = body_attach(actor=None, place=tree.province, kind=K.DEPARTMENT, sector="Tư pháp")
    ministry = body_attach(actor=None, place=tree.country, kind=K.MINISTRY, name="Bộ  Nội vụ")
    # then
    assert party == again
    assert (party.code, party.name, party.parent) == (
        "VN-12205-dang-uy",
        "Đảng ủy xã Khoái Châu",
        tree.commune,
    )
    assert front.name == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên"
    assert commission.name == "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên"
    assert commission.path == "VN/VN-33/VN-33-dang-uy/VN-33-ban-tgdv"
    assert (department.code, department.name) == ("VN-33-so-tu-phap", "Sở Tư pháp tỉnh Hưng Yên")
    assert department.parent == tree.province_committee
    assert (ministry.code, ministry.name, ministry.parent) == (
        "VN-bo-noi-vu",
        "Bộ Nội vụ",
        tree.country,
    )
    assert Unit.objects.filter(code="VN-12205-dang-uy").count() == 1


def test_body_attach_restores_a_renamed_body(tree: Tree) -> None:
    # given
    Unit.objects.filter(pk=tree.commune_committee.pk).update(name="UBND xã KC", is_active=False)
    # when
    body = body_attach(actor=None, place=tree.commune, kind=K.PEOPLES_COMMITTEE)
    # then
    assert body.pk == tree.commune_committee.pk
    assert (body.name, body.is_active) == ("Ủy ban nhân dân xã Khoái Châu", True)


@pytest.mark.parametrize(
    ("place_attr", "kind", "kwargs"),
    [
        ("commune", K.DEPARTMENT, {"sector": "Tư pháp"}),
        ("province", K.MINISTRY, {"name": "Bộ Tài chính"}),
        ("country", K.PEOPLES_COMMITTEE, {}),
        ("commune_committee", K.PARTY_COMMITTEE, {}),
        ("province", K.DEPARTMENT, {}),
        ("country", K.MINISTRY, {"name": "  "}),
    ],
)
def test_body_attach_refuses_wrong_places_and_missing_names(
    tree: Tree, place_attr: str, kind: str, kwargs: dict[str, str]
) -> None:
    before = Unit.objects.count()
    with pytest.raises(ApplicationError):
        body_attach(actor=None, place=getattr(tree, place_attr), kind=kind, **kwargs)
    assert Unit.objects.count() == before


def test_role_assign_creates_once_and_audits(tree: Tree, person: User) -> None:
    # given
    admin = UserFactory.create(username="quantri")
    assert held_roles(person) == ()
    # when
    first = role_assign(
        actor=admin,
        user=person,
        unit=tree.commune_committee,
        role=Role.HANDLER,
        title="Chuyên viên",
    )
    second = role_assign(
        actor=admin,
        user=person,
        unit=tree.commune_committee,
        role=Role.HANDLER,
        title="Chuyên viên",
    )
    # then
    assert first == second
    assert RoleAssignment.objects.filter(user=person).count() == 1
    assert [held.role for held in held_roles(person)] == [Role.HANDLER]  # cache dropped
    entry = last_audit("unit.role_assign")
    assert entry.actor_id == admin.pk
    assert entry.data == {
        "user_id": person.pk,
        "unit": "VN-12205-ubnd",
        "role": "handler",
        "title": "Chuyên viên",
    }
    assert entry.target_label == "handler @ VN-12205-ubnd"
    assert AuditEntry.objects.filter(verb="unit.role_assign").count() == 1


def test_role_assign_again_with_new_title_updates_it(tree: Tree, person: User) -> None:
    role_assign(actor=None, user=person, unit=tree.commune, role=Role.HEAD, title="Phó Chủ tịch")
    assignment = role_assign(
        actor=None, user=person, unit=tree.commune, role=Role.HEAD, title="Chủ tịch"
    )
    assignment.refresh_from_db()
    assert assignment.title == "Chủ tịch"
    assert last_audit("unit.role_retitle").data["old_title"] == "Phó Chủ tịch"


def test_role_assign_refuses_inactive_unit(tree: Tree, person: User) -> None:
    tree.ward.is_active = False
    tree.ward.save(update_fields=["is_active"])
    with pytest.raises(ApplicationError):
        role_assign(actor=None, user=person, unit=tree.ward, role=Role.HANDLER)
    assert not RoleAssignment.objects.filter(user=person).exists()


def test_role_revoke_keeps_history_and_allows_a_new_assignment(tree: Tree, person: User) -> None:
    # given
    assignment = role_assign(actor=None, user=person, unit=tree.commune, role=Role.HANDLER)
    assert held_roles(person) != ()
    # when
    role_revoke(actor=None, assignment=assignment)
    role_revoke(actor=None, assignment=assignment)  # twice: no error, no second entry
    # then
    assignment.refresh_from_db()
    assert assignment.is_active is False
    assert held_roles(person) == ()
    assert AuditEntry.objects.filter(verb="unit.role_revoke").count() == 1
    again = role_assign(actor=None, user=person, unit=tree.commune, role=Role.HANDLER)
    assert again.pk != assignment.pk
    assert RoleAssignment.objects.filter(user=person).count() == 2
