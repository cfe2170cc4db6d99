"""The unit switcher, "my profile" and a unit's page (access: 404 for missing and forbidden)."""

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from danvan.units.access import access_role_assignment_for_owner, access_unit_for_user
from danvan.units.middleware import SESSION_KEY
from danvan.units.models import RoleAssignment, User
from danvan.units.services import role_revoke
from danvan.units.tests.conftest import Tree, give_role
from danvan.units.tests.factories import UserFactory

Role = RoleAssignment.Role
SWITCH_URL = reverse("units:switch_role")


def unit_url(code: str) -> str:
    return reverse("units:unit_detail", args=[code])


# --------------------------------------------------------------------------- switcher


def test_first_role_is_active_until_another_is_chosen(
    tree: Tree, person: User, logged_in: Client
) -> None:
    # given two roles
    first = give_role(person, tree.commune, Role.HEAD)
    second = give_role(person, tree.province, Role.COMMISSION_STAFF)
    # when
    response = logged_in.get(reverse("core:dashboard"))
    # then the one earliest in the tree is active (province path sorts before its commune)
    assert response.wsgi_request.active_role == second  # type: ignore[attr-defined]
    html = response.content.decode()
    assert f'<option value="{first.pk}"' in html
    assert f'<option value="{second.pk}" selected' in html


def test_switching_to_an_own_role(tree: Tree, person: User, logged_in: Client) -> None:
    # given
    give_role(person, tree.province, Role.COMMISSION_STAFF)
    head = give_role(person, tree.commune, Role.HEAD)
    # when
    response = logged_in.post(
        SWITCH_URL, {"role_assignment": head.pk, "next": "/tai-khoan/ho-so/"}, follow=True
    )
    # then
    assert response.redirect_chain == [("/tai-khoan/ho-so/", 302)]
    assert logged_in.session[SESSION_KEY] == head.pk
    assert response.wsgi_request.active_role == head  # type: ignore[attr-defined]
    assert "Bạn đang làm việc với vai trò Thủ trưởng đơn vị của Xã Khoái Châu." in (
        response.content.decode()
    )


@pytest.mark.parametrize("kind", ["someone_else", "revoked", "missing", "garbage"])
def test_switching_to_a_role_that_is_not_yours_is_404(
    tree: Tree, person: User, logged_in: Client, kind: str
) -> None:
    # given the person acts as a handler
    own = give_role(person, tree.commune, Role.HANDLER)
    other = give_role(UserFactory.create(username="khac"), tree.province, Role.ADMINISTRATOR)
    revoked = give_role(person, tree.province, Role.HEAD)
    role_revoke(actor=None, assignment=revoked)
    chosen = {
        "someone_else": other.pk,
        "revoked": revoked.pk,
        "missing": 999_999,
        "garbage": "1 OR 1=1",
    }[kind]
    # when
    response = logged_in.post(SWITCH_URL, {"role_assignment": chosen})
    # then
    assert response.status_code == 404
    assert SESSION_KEY not in logged_in.session
    after = logged_in.get(reverse("core:dashboard"))
    assert after.wsgi_request.active_role == own  # type: ignore[attr-defined]


def test_switcher_refuses_get_and_anonymous(client: Client, tree: Tree) -> None:
    assert client.post(SWITCH_URL, {"role_assignment": 1}).status_code == 302  # to log-in
    user = UserFactory.create(username="x")
    client.force_login(user)
    assert client.get(SWITCH_URL).status_code == 405


def test_switch_ignores_unsafe_next(tree: Tree, person: User, logged_in: Client) -> None:
    own = give_role(person, tree.commune, Role.HANDLER)
    response = logged_in.post(
        SWITCH_URL, {"role_assignment": own.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("core:dashboard")


def test_revoked_active_role_falls_back_to_the_next(
    tree: Tree, person: User, logged_in: Client
) -> None:
    # given the person chose their commune role
    give_role(person, tree.province, Role.COMMISSION_STAFF)
    head = give_role(person, tree.commune, Role.HEAD)
    logged_in.post(SWITCH_URL, {"role_assignment": head.pk})
    # when it is revoked
    role_revoke(actor=None, assignment=head)
    # then
    response = logged_in.get(reverse("core:dashboard"))
    active = response.wsgi_request.active_role  # type: ignore[attr-defined]
    assert active is not None
    assert active.role == Role.COMMISSION_STAFF


# --------------------------------------------------------------------------- profile


def test_profile_lists_roles_and_history(tree: Tree, person: User, logged_in: Client) -> None:
    # given
    give_role(person, tree.commune, Role.HEAD)
    ended = give_role(person, tree.ward, Role.HANDLER)
    role_revoke(actor=None, assignment=ended)
    # when
    response = logged_in.get(reverse("units:profile"))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hồ sơ của tôi" in html
    assert "Lê Thị Hoa" in html
    assert "Thủ trưởng đơn vị" in html
    assert "Xã Khoái Châu" in html
    assert "Vai trò trước đây" in html
    assert "Phường Phố Hiến" in html


def test_profile_without_roles_says_so(logged_in: Client) -> None:
    response = logged_in.get(reverse("units:profile"))
    assert "Bạn chưa có vai trò nào" in response.content.decode()


def test_profile_needs_login(client: Client) -> None:
    response = client.get(reverse("units:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("units:login"))


# --------------------------------------------------------------------------- access


def test_access_unit_same_404_for_missing_and_forbidden(tree: Tree, person: User) -> None:
    # given a handler of the commune
    give_role(person, tree.commune, Role.HANDLER)
    # then
    assert access_unit_for_user(person, code="VN-12205") == tree.commune
    assert access_unit_for_user(person, code="VN-12205-ubnd") == tree.commune_committee
    for code in ("VN-33", "VN-00004", "KHONG-CO", ""):
        with pytest.raises(Http404):
            access_unit_for_user(person, code=code)


def test_access_unit_with_a_stronger_permission(tree: Tree, person: User) -> None:
    give_role(person, tree.commune, Role.HANDLER)
    with pytest.raises(Http404):
        access_unit_for_user(person, code="VN-12205", perm="units.change_unit")


def test_inactive_units_are_for_administrators_only(tree: Tree, person: User) -> None:
    # given
    give_role(person, tree.province, Role.HANDLER)
    admin = UserFactory.create(username="quantri")
    give_role(admin, tree.province, Role.ADMINISTRATOR)
    tree.ward.is_active = False
    tree.ward.save(update_fields=["is_active"])
    # then
    with pytest.raises(Http404):
        access_unit_for_user(person, code="VN-11953")
    assert access_unit_for_user(admin, code="VN-11953") == tree.ward


def test_access_own_assignment(tree: Tree, person: User) -> None:
    own = give_role(person, tree.commune, Role.HANDLER)
    other = give_role(UserFactory.create(username="khac"), tree.commune, Role.HANDLER)
    assert access_role_assignment_for_owner(person, assignment_id=own.pk) == own
    assert access_role_assignment_for_owner(person, assignment_id=str(own.pk)) == own
    for assignment_id in (other.pk, 0, "abc", None):
        with pytest.raises(Http404):
            access_role_assignment_for_owner(person, assignment_id=assignment_id)


def test_unit_page_404_looks_the_same_for_missing_and_forbidden(
    tree: Tree, person: User, logged_in: Client
) -> None:
    give_role(person, tree.commune, Role.HANDLER)
    forbidden = logged_in.get(unit_url("VN-33"))
    missing = logged_in.get(unit_url("VN-KHONG-CO"))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_unit_page_shows_people_only_to_head_and_administrators(
    tree: Tree, person: User, logged_in: Client
) -> None:
    # given a handler and a head in the commune
    give_role(person, tree.commune, Role.HANDLER)
    head = UserFactory.create(username="chutich", full_name="Phạm Văn Chủ")
    give_role(head, tree.commune, Role.HEAD)
    # when the handler looks
    html = logged_in.get(unit_url("VN-12205")).content.decode()
    # then the tree is there, the people are not
    assert "Xã Khoái Châu" in html
    assert "Tỉnh Hưng Yên" in html  # breadcrumb
    assert "Ủy ban nhân dân xã Khoái Châu" in html  # child
    assert "Phạm Văn Chủ" not in html
    # when the head looks
    logged_in.force_login(head)
    html = logged_in.get(unit_url("VN-12205")).content.decode()
    assert "Phạm Văn Chủ" in html
    assert "Người giữ vai trò" in html
