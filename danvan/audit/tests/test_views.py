"""The administrators' audit list page, through HTTP."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.audit.access import access_audit_log_for_administrator
from danvan.audit.services import audit_record
from danvan.audit.tests.factories import RoleAssignmentFactory, UserFactory
from danvan.units.models import RoleAssignment, User

pytestmark = pytest.mark.django_db

URL = reverse("audit:list")


def _at(day: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime(2026, 4, day, 9, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture
def history(officer: User, administrator: User) -> None:
    """Three actions on three days by two people."""
    with _at(1):
        audit_record(actor=officer, verb="unit.role_assign", data={"role": "handler"})
    with _at(2):
        audit_record(actor=administrator, verb="unit.rename", data={"code": "xa-00001"})
    with _at(3):
        audit_record(actor=officer, verb="petition.accept")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.usefixtures("history")
def test_administrator_sees_every_entry_newest_first(administrator: User) -> None:
    response = _client_for(administrator).get(URL)

    assert response.status_code == 200
    entries = list(response.context["page"].object_list)
    assert [e.verb for e in entries] == ["petition.accept", "unit.rename", "unit.role_assign"]
    assert "Nguyễn Văn An (an.nv)" in response.text
    assert "<code>{&quot;role&quot;: &quot;handler&quot;}</code>" in response.text


@pytest.mark.usefixtures("history")
def test_superuser_may_read_the_log(db: None) -> None:
    root = UserFactory.create(username="root", is_superuser=True)
    assert _client_for(root).get(URL).status_code == 200


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    "role", [r for r in RoleAssignment.Role.values if r != RoleAssignment.Role.ADMINISTRATOR]
)
def test_other_roles_get_404(role: str) -> None:
    user = RoleAssignmentFactory.create(role=role).user
    assert _client_for(user).get(URL).status_code == 404


def test_inactive_administrator_role_gets_404(db: None) -> None:
    user = RoleAssignmentFactory.create(
        role=RoleAssignment.Role.ADMINISTRATOR, is_active=False
    ).user
    assert _client_for(user).get(URL).status_code == 404


def test_administrator_of_a_closed_unit_gets_404(db: None) -> None:
    assignment = RoleAssignmentFactory.create(role=RoleAssignment.Role.ADMINISTRATOR)
    assignment.unit.is_active = False
    assignment.unit.save(update_fields=["is_active"])
    assert _client_for(assignment.user).get(URL).status_code == 404


def test_deactivated_account_gets_404_even_as_superuser(db: None) -> None:
    user = UserFactory.create(is_superuser=True, is_active=False)
    with pytest.raises(Http404):
        access_audit_log_for_administrator(user)


def test_anonymous_visitor_is_sent_to_log_in(db: None) -> None:
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("units:login"))


def test_anonymous_user_has_no_access() -> None:
    with pytest.raises(Http404):
        access_audit_log_for_administrator(AnonymousUser())


def test_page_is_read_only(administrator: User) -> None:
    assert _client_for(administrator).post(URL).status_code == 405


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"verb": "unit."}, ["unit.rename", "unit.role_assign"]),
        ({"verb": "petition.accept"}, ["petition.accept"]),
        ({"actor": "bình"}, ["unit.rename"]),
        ({"actor": "an.nv"}, ["petition.accept", "unit.role_assign"]),
        ({"date_from": "2026-04-02"}, ["petition.accept", "unit.rename"]),
        ({"date_to": "2026-04-01"}, ["unit.role_assign"]),
        ({"date_from": "2026-04-02", "date_to": "2026-04-02"}, ["unit.rename"]),
        ({"verb": "unit.", "actor": "an.nv"}, ["unit.role_assign"]),
        ({"page": "1"}, ["petition.accept", "unit.rename", "unit.role_assign"]),
    ],
)
def test_filters(administrator: User, query: dict[str, str], expected: list[str]) -> None:
    response = _client_for(administrator).get(URL, query)

    assert [e.verb for e in response.context["page"].object_list] == expected


@pytest.mark.usefixtures("history")
def test_dates_are_local_calendar_days(administrator: User) -> None:
    # given an action at 23:30 UTC on 4 April, which is 06:30 on 5 April in Vietnam
    with time_machine.travel(dt.datetime(2026, 4, 4, 23, 30, tzinfo=dt.UTC), tick=False):
        audit_record(actor=administrator, verb="unit.close")

    # then it is found on 5 April
    response = _client_for(administrator).get(URL, {"date_from": "2026-04-05"})
    assert [e.verb for e in response.context["page"].object_list] == ["unit.close"]


@pytest.mark.usefixtures("history")
def test_reversed_date_range_is_explained_and_kept(administrator: User) -> None:
    response = _client_for(administrator).get(
        URL, {"verb": "unit.", "date_from": "2026-04-03", "date_to": "2026-04-01"}
    )

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert response.context["form"].errors["date_to"]
    assert 'value="unit."' in response.text


def test_pages_keep_the_filters(administrator: User, officer: User) -> None:
    # given more entries than fit one page
    for number in range(55):
        audit_record(actor=officer, verb="unit.update", data={"n": number})

    # when the first page is filtered
    response = _client_for(administrator).get(URL, {"verb": "unit."})

    # then the link to the next page carries the filter
    assert len(response.context["page"].object_list) == 50
    assert "?verb=unit.&amp;page=2" in response.text
    second = _client_for(administrator).get(URL, {"verb": "unit.", "page": "2"})
    assert len(second.context["page"].object_list) == 5


def test_query_count_does_not_grow_with_the_page(administrator: User, officer: User) -> None:
    # given a page of 5 and a page of 50 entries with targets
    client = _client_for(administrator)
    for number in range(5):
        audit_record(actor=officer, verb="unit.update", target=officer, data={"n": number})
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for number in range(45):
        audit_record(actor=officer, verb="unit.update", target=officer, data={"n": number})

    # when / then the bigger page needs no more queries
    with CaptureQueriesContext(connection) as large:
        client.get(URL)
    assert len(large) == len(small)
