"""Admin screens: units (search, filter, save through services) and people with their roles."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.tests.conftest import Tree, give_role
from danvan.units.tests.factories import UserFactory

Role = RoleAssignment.Role
K = Unit.Kind


@pytest.fixture
def admin_client(client: Client, db: None) -> Client:
    superuser = UserFactory.create(username="sieuquantri", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    return client


def test_unit_changelist_searches_without_diacritics_and_filters(
    tree: Tree, admin_client: Client
) -> None:
    url = reverse("admin:units_unit_changelist")
    html = admin_client.get(url, {"q": "khoai chau"}).content.decode()
    assert "Xã Khoái Châu" in html
    assert "Phường Ba Đình" not in html
    html = admin_client.get(url, {"kind__exact": K.WARD}).content.decode()
    assert "Phường Ba Đình" in html
    assert "Xã Khoái Châu" not in html


def test_unit_autocomplete_for_parent(tree: Tree, admin_client: Client) -> None:
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "hung yen", "app_label": "units", "model_name": "unit", "field_name": "parent"},
    )
    assert response.status_code == 200
    texts = [row["text"] for row in response.json()["results"]]
    assert "Tỉnh Hưng Yên" in texts


def test_unit_add_and_move_in_admin_go_through_services(tree: Tree, admin_client: Client) -> None:
    # when a village is added under the commune
    response = admin_client.post(
        reverse("admin:units_unit_add"),
        {
            "code": "thon-an-vi",
            "name": "Thôn An Vĩ",
            "kind": K.VILLAGE,
            "parent": tree.commune.pk,
            "admin_code": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    village = Unit.objects.get(code="thon-an-vi")
    assert village.path == "VN/VN-33/VN-12205/thon-an-vi"
    assert AuditEntry.objects.filter(verb="unit.create", target_id=str(village.pk)).exists()
    # when the commune is moved to the other province and renamed
    response = admin_client.post(
        reverse("admin:units_unit_change", args=[tree.commune.pk]),
        {
            "name": "Xã Khoái Châu 2",
            "kind": K.COMMUNE,
            "parent": tree.other_province.pk,
            "admin_code": "12205",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    village.refresh_from_db()
    tree.commune.refresh_from_db()
    assert tree.commune.name == "Xã Khoái Châu 2"
    assert tree.commune.code == "VN-12205"  # read-only once created
    assert village.path == "VN/VN-01/VN-12205/thon-an-vi"
    assert AuditEntry.objects.filter(verb="unit.move").count() == 1


def test_units_cannot_be_deleted_in_admin(tree: Tree, admin_client: Client) -> None:
    response = admin_client.get(reverse("admin:units_unit_delete", args=[tree.ward.pk]))
    assert response.status_code == 403


def test_user_admin_shows_and_edits_roles_through_services(
    tree: Tree, admin_client: Client, person: User
) -> None:
    # given
    held = give_role(person, tree.commune, Role.HANDLER)
    url = reverse("admin:units_user_change", args=[person.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Lê Thị Hoa" in page.content.decode()
    prefix = "role_assignments"
    data = {
        "username": person.username,
        "full_name": "Lê Thị Hoa",
        "email": "",
        "phone": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "08:00:00",
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-INITIAL_FORMS": "1",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        # the existing handler role is ended
        f"{prefix}-0-id": str(held.pk),
        f"{prefix}-0-user": str(person.pk),
        f"{prefix}-0-title": "",
        # a new head role is given
        f"{prefix}-1-user": str(person.pk),
        f"{prefix}-1-unit": str(tree.commune.pk),
        f"{prefix}-1-role": Role.HEAD,
        f"{prefix}-1-title": "Chủ tịch",
        f"{prefix}-1-is_active": "on",
    }
    # when
    response = admin_client.post(url, data)
    # then
    assert response.status_code == 302, response.content.decode()[:3000]
    held.refresh_from_db()
    assert held.is_active is False
    head = RoleAssignment.objects.get(user=person, role=Role.HEAD)
    assert (head.unit, head.title, head.is_active) == (tree.commune, "Chủ tịch", True)
    assert AuditEntry.objects.filter(verb="unit.role_revoke").count() == 1
    assert AuditEntry.objects.filter(verb="unit.role_assign").count() == 1


def test_role_history_admin_is_read_only(tree: Tree, admin_client: Client, person: User) -> None:
    held = give_role(person, tree.commune, Role.HANDLER)
    assert admin_client.get(reverse("admin:units_roleassignment_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:units_roleassignment_add")).status_code == 403
    response = admin_client.post(
        reverse("admin:units_roleassignment_change", args=[held.pk]), {"role": Role.HEAD}
    )
    assert response.status_code in (302, 403)
    held.refresh_from_db()
    assert held.role == Role.HANDLER
