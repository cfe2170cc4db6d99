"""The authorization matrix (issue 3, acceptance): every page, API endpoint, export and
e-mail of the petitions app, against the staff of another unit and the public.

* Every URL pattern of the ``petitions`` namespace and of the Open311 API is classified in
  :mod:`danvan.petitions.tests.matrix`; a new route that is not makes the first test fail.
* Staff of another unit (handler, head, reception officer, custodian) get exactly the 404
  of a missing object — same status, same body — for every code, id and unit code of this
  unit, on GET and POST, and their POSTs change nothing; this unit's staff do reach the
  same values (so each 404 means something).
* Their lists, statistics and exports (Excel and Word, read back) leave this unit's cases
  out; public pages and the API show nothing private; complaints and denunciations are
  never on Open311.
* The denouncer's identity (name, ID number, address, phone, e-mail) appears in no response
  of any test here, no e-mail, no log line (every logger at DEBUG, SQL included) and no
  table — only on the custodian's identity view, where the test checks it is.

The world is built once for the module inside a transaction rolled back at the end (as
``TestCase.setUpTestData`` does); each test runs in its own savepoint on top of it.
"""

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponseBase
from django.test import Client, override_settings
from django.urls import reverse

from danvan.notifications.models import Notification
from danvan.petitions.models import Case, DuplicateSuggestion
from danvan.petitions.tests.matrix import (
    ANONYMOUS_ACTIONS,
    HOME_STAFF,
    MISSING_CODE,
    NOW,
    OTHER_STAFF,
    ROUTES,
    Kind,
    Kwargs,
    Route,
    World,
    absent,
    body_bytes,
    build_world_recorded,
    normalised_body,
    quiet_console,
    response_text,
    routes_of,
    routes_with_own,
    site_routes,
    state_snapshot,
    tag,
)
from danvan.petitions.tests.sealed.leaks import (
    LEAK_EMAIL,
    assert_no_identity_leak,
    assert_no_leak_in_database,
    assert_no_leak_in_emails,
    identity_leaks,
)
from danvan.petitions.views.handling import ACTIONS

pytestmark = pytest.mark.django_db
IDENTITY_PARTS = ["address", "email", "id_number", "name", "phone"]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The world, built once and rolled back after the module's last test."""
    media = override_settings(DANVAN_PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private"))
    with media, time_machine.travel(NOW, tick=False):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
        try:
            with django_db_blocker.unblock():
                built = build_world_recorded()
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _identity_never_in_logs_or_mail(
    world: World, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """In every test, every logger at DEBUG; after it, no log line and no e-mail holds the
    denouncer's identity."""
    cache.clear()  # rate-limit counters
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        if logging.getLogger(name).level:
            caplog.set_level(logging.DEBUG, logger=name)
    with quiet_console():
        yield
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    assert_no_identity_leak(
        "\n".join(formatter.format(record) for record in caplog.get_records("call")),
        where="the logs",
    )
    assert_no_leak_in_emails(mail.outbox)


@pytest.fixture
def sql_logged() -> Iterator[None]:
    """Every SQL statement logged with its parameters (searched with the other logs)."""
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = True
    yield
    connection.force_debug_cursor = forced


class Browser:
    """Signed-in clients for the world's people; every answer is searched for the identity
    (except the one page allowed to show it, which must show it)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.clients: dict[str, Client] = {}
        self.allowed = reverse("petitions:sealed_identity", kwargs={"pk": world.approved.pk})
        self.requests = 0
        self.ok: set[tuple[str, str]] = set()  # (who, url) answered 200

    def client(self, who: str) -> Client:
        if who not in self.clients:
            client = Client()
            if who != "anonymous":
                client.cookies[settings.SESSION_COOKIE_NAME] = self.world.sessions[who]
            self.clients[who] = client
        return self.clients[who]

    def _check(self, who: str, method: str, url: str, response: HttpResponseBase) -> None:
        self.requests += 1
        if response.status_code == 200:
            self.ok.add((who, url))
        text = response_text(response)
        if who == "custodian" and method == "GET" and url == self.allowed:
            assert response.status_code == 200
            assert identity_leaks(text) == IDENTITY_PARTS  # shown here, and only here
            return
        assert_no_identity_leak(text, where=f"{method} {url} as {who} ({response.status_code})")

    def get(self, who: str, url: str, *, follow: bool = False) -> HttpResponseBase:
        response = self.client(who).get(url, follow=follow)
        self._check(who, "GET", url, response)
        return response

    def post(self, who: str, url: str, data: dict[str, Any]) -> HttpResponseBase:
        """POST, then undo whatever it did (the world stays as built)."""
        with transaction.atomic():
            response = self.client(who).post(url, data)
            transaction.set_rollback(True)
        self._check(who, "POST", url, response)
        return response

    def send(self, who: str, method: str, url: str, data: dict[str, Any]) -> HttpResponseBase:
        return self.get(who, url) if method == "GET" else self.post(who, url, data)


@pytest.fixture
def web(world: World) -> Browser:
    return Browser(world)


# --------------------------------------------------------------------------- the matrix


def test_every_route_of_the_app_and_the_api_is_in_the_matrix() -> None:
    # given every URL pattern of the petitions namespace and of the Open311 API
    site = site_routes()
    assert len(site) > 50
    classified = {route.name for route in ROUTES}
    # then each one is classified (a new route must be added to matrix.ROUTES) …
    assert sorted(set(site) - classified) == []
    # … the matrix names no route that is gone, and every kind of route is there
    assert sorted(classified - set(site)) == []
    assert {route.kind for route in ROUTES} == set(Kind)
    # and every action of the case page and of an anonymous report has its own row
    variants = {route.variant for route in ROUTES if route.name == "petitions:handling_action"}
    assert variants == set(ACTIONS)
    assert {
        route.variant for route in ROUTES if route.name == "petitions:sealed_anonymous_action"
    } == set(ANONYMOUS_ACTIONS)
    # and every route that takes values says which reach this unit and which reach nothing
    for route in routes_of(Kind.STAFF_CASE, Kind.STAFF_UNIT, Kind.OWNER):
        assert "<" in site[route.name], route.id


@pytest.mark.parametrize(
    "route", routes_of(Kind.STAFF_CASE, Kind.STAFF_UNIT, Kind.OWNER), ids=lambda r: r.id
)
def test_another_units_staff_get_the_404_of_a_missing_object(
    world: World, web: Browser, route: Route
) -> None:
    # given this unit's codes and ids, the other unit's code with our objects, and nothing
    real, missing = route.real(world), route.missing(world)
    assert real
    assert missing
    urls = [route.url(world, kwargs) for kwargs in [*real, *route.foreign(world), *missing]]
    values = [
        [str(v) for v in kwargs.values() if isinstance(v, str) and len(v) >= 6]
        for kwargs in [*real, *route.foreign(world), *missing]
    ]
    data = route.data(world)
    before = state_snapshot()
    # when the other unit's staff try each of them, with GET and with POST
    for who in route.outsiders:
        for method in ("GET", "POST"):
            expected = 404 if method in route.methods else 405
            bodies = set()
            for url, carried in zip(urls, values, strict=True):
                response = web.send(who, method, url, data)
                # then the answer is the 404 of a missing object (never 403 or a login page)
                assert response.status_code == expected, (
                    f"{method} {url} as {who}: {response.status_code}"
                )
                bodies.add(normalised_body(response, values=carried))
            # and it is the same for this unit's objects and for nothing at all
            assert len(bodies) == 1, f"{method} {route.id} as {who}: real and missing differ"
    # and nothing changed: no case, event, answer, request, audit entry or e-mail
    assert state_snapshot() == before
    # and this unit's own staff do reach the same values (so the 404s mean something)
    for method in route.methods:
        for kwargs in real:
            url = route.url(world, kwargs)
            statuses: dict[str, int] = {}
            for who in route.reachers:
                statuses[who] = web.send(who, method, url, data).status_code
                if statuses[who] not in (404, 405):
                    break
            assert any(status not in (404, 405) for status in statuses.values()), (
                f"{method} {url} reaches nothing even for this unit: {statuses}"
            )


@pytest.mark.parametrize("route", routes_of(Kind.STAFF_LIST), ids=lambda r: r.id)
def test_the_lists_of_another_units_staff_leave_this_units_cases_out(
    world: World, web: Browser, route: Route
) -> None:
    url = route.url(world)
    # (a search box shows what was searched for: that is not the list showing it)
    markers = [m for m in world.home_markers() if m not in route.query(world).values()]
    for who in OTHER_STAFF:
        # when the other unit's staff open the list (following any redirect)
        response = web.get(who, url, follow=True)
        # then they get their own unit's list, or a 404, never a login page or a 403
        assert response.status_code in (200, 404), f"{url} as {who}: {response.status_code}"
        assert not any("next=" in hop for hop, _status in response.redirect_chain)  # type: ignore[attr-defined]
        # and none of this unit's codes, subjects or petitioners is on it
        absent(markers, response_text(response), where=f"GET {url} as {who}")
    # and the list does list cases: this unit's own, and the other unit's for its staff
    for shows in (route.shows, route.other_shows):
        if shows is not None:
            who, marker = shows(world)
            assert marker in response_text(web.get(who, url, follow=True)), (who, marker)


@pytest.mark.parametrize("route", routes_with_own(), ids=lambda r: r.id)
def test_another_units_own_pages_and_exports_leave_this_unit_out(
    world: World, web: Browser, route: Route
) -> None:
    markers = world.home_markers()
    if route.kind == Kind.STAFF_UNIT:
        # (a duplicate review may say "a case at <unit>" without its code: by design)
        markers.append(world.home.name)
    seen = 0
    for who in OTHER_STAFF:
        for kwargs in route.own(world):
            # when the other unit's staff open their own unit's page or export
            url = route.url(world, kwargs)
            response = web.get(who, url)
            assert response.status_code in (200, 404), f"{url} as {who}"
            if response.status_code == 200:
                seen += 1
                # then (read back from Excel or Word for an export) this unit is not in it
                absent(markers, response_text(response), where=f"GET {url} as {who}")
    assert seen
    # and the same page shows what it should: the other unit's own, and ours to our staff
    assert route.shows is not None
    assert route.other_shows is not None
    who, marker = route.other_shows(world)
    assert marker in response_text(web.get(who, route.url(world, route.own(world)[0])))
    who, marker = route.shows(world)
    home_page = response_text(web.get(who, route.url(world, route.real(world)[0])))
    assert marker in home_page
    absent(world.other_markers(), home_page, where=f"{route.id} of this unit")


@pytest.mark.parametrize("route", routes_of(Kind.PUBLIC, Kind.API), ids=lambda r: r.id)
def test_public_pages_and_the_api_show_nothing_private_without_the_code(
    world: World, web: Browser, route: Route
) -> None:
    markers = world.private_markers(api=route.kind == Kind.API)
    for who in ("anonymous", "other_handler"):
        for kwargs in route.real(world) or [{}]:
            url = route.url(world, kwargs)
            for method in route.methods:
                # when anyone opens the page (or sends its form with a code that is no case)
                response = web.send(who, method, url, route.data(world))
                assert response.status_code < 500
                # then no petitioner, no code and no subject of a case not public is on it
                absent(markers, response_text(response), where=f"{method} {url} as {who}")


def test_public_look_ups_answer_sealed_and_unpublished_things_like_missing_ones(
    world: World, web: Browser
) -> None:
    sealed = ["denunciation", "desk_denunciation", "accepted_denunciation", "anonymous"]
    codes = [world.code(label) for label in sealed]
    lookups = [
        ("petitions:intake_tracking", {}),
        ("petitions:intake_rate", {"outcome": "satisfied", "confirm_receipt": "on"}),
        ("petitions:sealed_follow_up", {}),
    ]
    for name, extra in lookups:
        # when a denunciation's tracking code is typed where the public looks cases up
        bodies = set()
        for code in [*codes, MISSING_CODE]:
            response = web.post("anonymous", reverse(name), {"code": code, **extra})
            # then the answer is the one for a code that does not exist
            assert response.status_code == 404, (name, code)
            bodies.add(normalised_body(response, values=[code]))
        assert len(bodies) == 1, name
    # while the denouncer's own receipt code does open the follow-up (without the identity)
    follow = web.post(
        "anonymous", reverse("petitions:sealed_follow_up"), {"code": world.receipt_code}
    )
    assert follow.status_code == 200
    assert "nội dung đã được xác minh" in response_text(follow)
    # and an answer that is not published is as missing as one that does not exist
    answers = [world.unpublished.pk, 987_654_321]
    pages = [
        web.get("anonymous", reverse("petitions:handling_published_detail", args=[pk]))
        for pk in answers
    ]
    assert [page.status_code for page in pages] == [404, 404]
    assert len({normalised_body(page) for page in pages}) == 1
    published = web.get(
        "anonymous", reverse("petitions:handling_published_detail", args=[world.published.pk])
    )
    assert published.status_code == 200


def test_open311_never_serves_complaints_or_denunciations(world: World, web: Browser) -> None:
    petitions = {c.tracking_code for c in world.cases.values() if c.kind == Case.Kind.PETITION}
    others = {c.tracking_code for c in world.cases.values()} - petitions
    assert petitions
    assert others
    # when the whole list is read, and every code of this unit is asked for by id
    listed = web.get(
        "anonymous",
        reverse("open311:request_list")
        + "?start_date=2026-01-01T00:00:00%2B07:00&end_date=2026-12-31T00:00:00%2B07:00"
        + "&per_page=200",
    )
    by_id = web.get(
        "anonymous",
        reverse("open311:request_list") + "?service_request_id=" + ",".join(sorted(others)),
    )
    # then only kiến nghị/phản ánh are there, and asking for the others gives nothing
    ids = {item["service_request_id"] for item in json.loads(body_bytes(listed))}
    assert ids & petitions
    assert not ids & others
    assert json.loads(body_bytes(by_id)) == []
    # and a complaint's or denunciation's code answers exactly as a code that does not exist
    bodies = set()
    for code in [*sorted(others), MISSING_CODE]:
        response = web.get("other_handler", reverse("open311:request_detail", args=[code]))
        assert response.status_code == 404, code
        bodies.add(body_bytes(response))
    assert len(bodies) == 1
    one = web.get("anonymous", reverse("open311:request_detail", args=[world.code("petition")]))
    assert one.status_code == 200
    assert json.loads(body_bytes(one))[0]["agency_responsible"] == world.home.name


def test_emails_and_notifications_about_this_unit_reach_none_of_the_other_units_staff(
    world: World, web: Browser
) -> None:
    outsiders = {world.users[who].email for who in OTHER_STAFF}
    # given the e-mails of the whole life of the world (receipts, answers, requests to open
    # an identity and their decisions, deadline warnings and escalations)
    assert len(world.emails) > 3
    assert any(world.users["handler"].email in message.to for message in world.emails)
    # then those that went to the other unit's staff (about its own cases) name none of ours
    for message in world.emails:
        if outsiders & {*message.to, *message.cc, *message.bcc}:
            text = f"{message.subject}\n{message.body}"
            absent(world.home_markers(), text, where=f"e-mail to {message.to}")
    # and none of their notifications, nor their notification page and dashboard, names
    # this unit's cases
    for who in OTHER_STAFF:
        for note in Notification.objects.filter(recipient=world.users[who]):
            absent(world.home_markers(), f"{note.title}\n{note.body}", where=f"note to {who}")
        for name in ("notifications:list", "core:dashboard"):
            page = web.get(who, reverse(name), follow=True)
            assert page.status_code == 200
            absent(world.home_markers(), response_text(page), where=f"{name} as {who}")
    # while this unit's handler was told (the check above is not vacuous)
    told = response_text(web.get("handler", reverse("notifications:list")))
    assert any(case.display_code in told or case.tracking_code in told
               for case in world.cases.values())  # fmt: skip


def test_a_form_that_takes_a_case_code_cannot_probe_another_units_cases(
    world: World, web: Browser
) -> None:
    # given this unit's handler linking a second-time complaint to its first one by code
    url = reverse(
        "petitions:handling_action",
        kwargs={"code": world.code("complaint"), "action": "link_previous"},
    )
    other = world.other_cases["petition"]
    before = state_snapshot()
    # when they type the other unit's case code, and a code that does not exist
    bodies = set()
    for code, shown in ((other.tracking_code, other.display_code), (MISSING_CODE, "")):
        response = web.post("handler", url, {"code": code})
        # then both are refused with the same message on the same page
        assert response.status_code == 200
        bodies.add(normalised_body(response, values=[code, shown]))
    assert len(bodies) == 1
    assert state_snapshot() == before


# --------------------------------------------------------------------------- the identity


def test_the_denouncers_identity_is_nowhere_but_on_the_custodians_view(
    world: World, web: Browser, sql_logged: None, caplog: pytest.LogCaptureFixture
) -> None:
    # given the two leak-test denunciations, taken through their whole life by the services
    # (received, accepted, answered, approved, sent; one published), a request to open the
    # identity waiting and one approved, while every log line and e-mail was kept
    denunciation = world.cases["denunciation"]
    assert denunciation.status == Case.Status.ANSWERED
    assert world.cases["desk_denunciation"].status == Case.Status.ANSWERED
    assert "INSERT INTO" in world.build_log  # SQL was really logged
    assert any(message.to == [LEAK_EMAIL] for message in world.emails)
    # when every route is fetched by this unit's staff (and public ones by anyone), every
    # form posted (and undone), the API read and every export downloaded
    for route in ROUTES:
        kwargs_list = route.real(world) or [{}]
        people: tuple[str, ...] = HOME_STAFF
        if route.kind == Kind.API:
            people = ("anonymous",)  # the API has no accounts: it answers all alike
        elif route.kind == Kind.PUBLIC:
            people = ("anonymous", "citizen", "handler")
        elif route.kind == Kind.OWNER or route.reachers == ("citizen",):
            people = ("citizen", "handler")
        for kwargs in kwargs_list:
            url = route.url(world, kwargs)
            for who in people:
                if "GET" in route.methods:
                    web.get(who, url)
                if "POST" in route.methods:
                    web.post(who, url, route.data(world))
        # (the other unit's staff: their own lists and exports; this unit's objects give
        # them the 404 page, compared with a missing object's in the matrix above)
        own: list[Kwargs] = route.own(world) or ([{}] if route.kind == Kind.STAFF_LIST else [])
        for kwargs in own:
            for who in OTHER_STAFF:
                web.get(who, route.url(world, kwargs), follow=True)
    for who in (*HOME_STAFF, *OTHER_STAFF):
        for name in ("notifications:list", "core:dashboard", "audit:list"):
            web.get(who, reverse(name), follow=True)
    # then no answer showed it (checked on each), except the custodian's view, which did
    allowed = web.get("custodian", web.allowed)
    assert identity_leaks(response_text(allowed)) == IDENTITY_PARTS
    assert web.requests > 400
    # (and the crawl did see the pages that matter, not error pages)
    seen: list[tuple[str, str, Kwargs | None]] = [
        ("handler", "petitions:handling_case", {"code": denunciation.tracking_code}),
        ("head", "petitions:handling_case", {"code": world.code("desk_denunciation")}),
        ("custodian", "petitions:sealed_request_decide", {"pk": world.approved.pk}),
        ("head", "petitions:stats_report", {"code": world.home.code}),
        ("head", "petitions:stats_excel", {"code": world.home.code}),
        ("anonymous", "petitions:handling_published_detail", {"pk": world.published.pk}),
        ("anonymous", "open311:request_list", None),
    ]
    for who, name, values in seen:
        url = reverse(name, kwargs=values)
        assert any(w == who and u.split("?")[0] == url for w, u in web.ok), (who, url)
    book = reverse("petitions:stats_book", kwargs={"code": world.home.code})
    assert any(u.startswith(book + "?") for _w, u in web.ok)
    # and no e-mail (the denouncer's own go to their address, without naming them) …
    assert_no_leak_in_emails(world.emails)
    assert_no_leak_in_emails(mail.outbox)
    # … no log line while the world was made, nor while it was crawled (SQL included) …
    assert_no_identity_leak(world.build_log, where="the logs of the world's making")
    assert "SELECT" in caplog.text  # (the crawl's own logs are searched after the test)
    # … and no table row holds it in clear
    assert_no_leak_in_database()


def test_the_matrix_world_is_what_the_tests_expect(world: World) -> None:
    # the tags are unique, and the other unit's cases are really another unit's
    assert len(set(world.tags.values())) == len(world.tags)
    assert all(case.unit_id == world.home.pk for case in world.cases.values())
    assert all(case.unit_id == world.other.pk for case in world.other_cases.values())
    assert tag(1, "B") in world.other_cases["petition"].subject
    # and one suggestion crosses units (its page must still keep each unit's case apart)
    assert DuplicateSuggestion.objects.filter(
        case=world.other_cases["twin"], candidate__unit=world.home
    ).exists()
