"""The permission matrix of the democracy app: every route, every kind of person.

Every URL pattern of the ``democracy`` namespace has an entry in ``MATRIX`` (a route added
without one fails ``test_every_route_is_in_the_matrix``). One scene is built through the
areas' services (see ``scene.py``) and seven people try each route:

- ``anon``: nobody signed in;
- ``citizen``: an account with no staff role and no household;
- ``resident``: a household's representative account (``Household.account``);
- ``handler``: the handler of Khoái Châu's People's Committee (manages the commune);
- ``other``: the handler of another ward's People's Committee;
- ``agency``: the head of a provincial department (manages his agency only).

Those not allowed get the same 404 as for a missing object (anonymous visitors of a
sign-in-only page: the sign-in page), whether they GET or POST; a refused POST writes
nothing (the audit log and every democracy table keep their counts). Those allowed get the
page, the export or the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.http import HttpResponseBase
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from danvan.audit.models import AuditEntry
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.matrix.scene import NOW, Scene, build_scene
from danvan.units.models import User

pytestmark = pytest.mark.django_db

PERSONS = ("anon", "citizen", "resident", "handler", "other", "agency")

# Who gets the page (everyone else: 404, or the sign-in page for ``anon`` where marked).
PUBLIC = frozenset(PERSONS)
COMMUNE = frozenset({"handler"})
AGENCY = frozenset({"agency"})
STAFF = frozenset({"handler", "other", "agency"})  # an index listing what each one manages
COMMUNES = frozenset({"handler", "other"})  # commune matters: an agency manages none
SIGNED_IN = frozenset({"citizen", "resident", "handler", "other", "agency"})
RESIDENT = frozenset({"resident"})

GET, POST, BOTH = "get", "post", "both"


@dataclass(frozen=True)
class Route:
    allowed: frozenset[str]
    kwargs: Callable[[Scene], dict[str, object]]
    methods: str = GET
    login_redirect: bool = False  # anonymous visitors are sent to sign in, not 404
    index: bool = False  # one unit managed: the index sends the person to its page
    refusal_redirect: bool = False  # a refused POST goes back to the page with a message


def none(scene: Scene) -> dict[str, object]:
    return {}


def commune(scene: Scene) -> dict[str, object]:
    return {"pk": scene.commune.commune.pk}


def village(scene: Scene) -> dict[str, object]:
    return {"pk": scene.commune.villages[0].pk}


def agency(scene: Scene) -> dict[str, object]:
    return {"pk": scene.agency.pk}


def pk_of(attribute: str, **extra: object) -> Callable[[Scene], dict[str, object]]:
    def kwargs(scene: Scene) -> dict[str, object]:
        return {"pk": getattr(scene, attribute).pk, **extra}

    return kwargs


def quarter(scene: Scene) -> dict[str, object]:
    return {"pk": scene.commune.commune.pk, "quarter": "2026-3"}


def upload(scene: Scene) -> dict[str, object]:
    return {"pk": scene.commune.commune.pk, "import_pk": scene.upload.pk}


MATRIX: dict[str, Route] = {
    # hub
    "hub_index": Route(SIGNED_IN, none, login_redirect=True),
    "hub_public_index": Route(PUBLIC, none),
    "hub_public_commune": Route(PUBLIC, commune),
    # disclosures
    "disclosures_index": Route(STAFF, none, index=True),
    "disclosures_register": Route(COMMUNE, commune),
    "disclosures_export": Route(COMMUNE, commune),
    "disclosures_create": Route(COMMUNE, commune, BOTH),
    "disclosures_quarter": Route(COMMUNE, quarter),
    "disclosures_quarter_docx": Route(COMMUNE, quarter),
    "disclosures_quarter_prepared": Route(COMMUNE, quarter),
    "disclosures_detail": Route(COMMUNE, pk_of("disclosure")),
    "disclosures_edit": Route(COMMUNE, pk_of("disclosure"), BOTH),
    "disclosures_posting_add": Route(COMMUNE, pk_of("disclosure"), BOTH),
    "disclosures_posting_end": Route(COMMUNE, pk_of("posting"), BOTH),
    "disclosures_proof": Route(COMMUNE, pk_of("posting")),
    "disclosures_public_index": Route(PUBLIC, none),
    "disclosures_public": Route(PUBLIC, commune),
    # households
    "households_index": Route(COMMUNES, none, index=True),
    "households_template": Route(COMMUNES, none),
    "households_commune": Route(COMMUNE, commune),
    "households_import": Route(COMMUNE, commune, BOTH),
    "households_import_result": Route(COMMUNE, upload),
    "households_import_file": Route(COMMUNE, upload),
    "households_village": Route(COMMUNE, village),
    "households_create": Route(COMMUNE, village, BOTH),
    "households_edit": Route(COMMUNE, pk_of("household"), BOTH),
    "households_deactivate": Route(COMMUNE, pk_of("household"), BOTH),
    # agencies
    "agencies_index": Route(STAFF, none, index=True),
    "agencies_detail": Route(AGENCY, agency),
    "agencies_profile": Route(AGENCY, agency, BOTH),
    "agencies_conference_create": Route(AGENCY, agency, BOTH),
    "agencies_matter_create": Route(AGENCY, agency, BOTH),
    "agencies_consultation_add": Route(AGENCY, agency, POST),
    "agencies_conference": Route(AGENCY, pk_of("conference")),
    "agencies_conference_edit": Route(AGENCY, pk_of("conference"), BOTH),
    "agencies_conference_record": Route(AGENCY, pk_of("conference"), BOTH),
    "agencies_check_create": Route(AGENCY, pk_of("conference", period=1), BOTH),
    "agencies_conference_docx": Route(AGENCY, pk_of("conference")),
    "agencies_matter_decide": Route(AGENCY, pk_of("matter"), BOTH),
    # supervision
    "supervision_index": Route(STAFF, none, index=True),
    "supervision_unit": Route(COMMUNE, commune),
    "supervision_board_create": Route(COMMUNE, commune, BOTH),
    "supervision_board": Route(COMMUNE, pk_of("board")),
    "supervision_member_add": Route(COMMUNE, pk_of("board"), POST),
    "supervision_board_dissolve": Route(COMMUNE, pk_of("board"), POST),
    "supervision_plan_add": Route(COMMUNE, pk_of("board"), POST),
    "supervision_member_end": Route(COMMUNE, pk_of("member"), POST),
    "supervision_plan": Route(COMMUNE, pk_of("plan")),
    "supervision_activity_add": Route(COMMUNE, pk_of("plan"), POST),
    "supervision_activity": Route(COMMUNE, pk_of("activity")),
    "supervision_notice": Route(COMMUNE, pk_of("activity"), POST),
    "supervision_finding_add": Route(COMMUNE, pk_of("activity"), POST),
    "supervision_recommendation_add": Route(COMMUNE, pk_of("activity"), POST),
    "supervision_answer": Route(COMMUNE, pk_of("recommendation"), POST),
    # dialogues
    "dialogues_index": Route(STAFF, none, index=True),
    "dialogues_unit": Route(COMMUNE, commune),
    "dialogues_create": Route(COMMUNE, commune, BOTH),
    "dialogues_detail": Route(COMMUNE, pk_of("dialogue")),
    "dialogues_question_add": Route(COMMUNE, pk_of("dialogue"), POST),
    "dialogues_commitment_add": Route(COMMUNE, pk_of("dialogue"), POST),
    "dialogues_commitment": Route(COMMUNE, pk_of("commitment"), BOTH),
    "dialogues_evidence": Route(COMMUNE, pk_of("commitment")),
    "dialogues_public": Route(PUBLIC, commune),
    # proposals
    "proposals_index": Route(COMMUNES, none, index=True),
    "proposals_commune": Route(COMMUNE, commune),
    "proposals_create": Route(COMMUNE, village, BOTH),
    "proposals_manage": Route(COMMUNE, pk_of("proposal")),
    "proposals_support_add": Route(COMMUNE, pk_of("proposal"), POST),
    "proposals_endorse": Route(COMMUNE, pk_of("proposal"), POST),
    "proposals_put": Route(COMMUNE, pk_of("proposal"), POST),
    "proposals_decline": Route(COMMUNE, pk_of("proposal"), POST),
    "proposals_village": Route(PUBLIC, village),
    "proposals_propose": Route(SIGNED_IN, village, BOTH, login_redirect=True),
    "proposals_public": Route(PUBLIC, pk_of("proposal")),
    "proposals_support_online": Route(
        RESIDENT, pk_of("proposal"), POST, login_redirect=True, refusal_redirect=True
    ),
    # comments
    "comments_index": Route(COMMUNES, none, index=True),
    "comments_commune": Route(COMMUNE, commune, BOTH),
    "comments_public": Route(PUBLIC, commune),
    # votes
    "votes_index": Route(COMMUNES, none, index=True),
    "votes_create": Route(COMMUNE, commune, BOTH),
    "votes_detail": Route(COMMUNE, pk_of("decision")),
    "votes_edit": Route(COMMUNE, pk_of("decision"), BOTH),
    "votes_consent_start": Route(COMMUNE, pk_of("decision"), POST),
    "votes_open": Route(COMMUNE, pk_of("decision"), BOTH),
    "votes_ballot": Route(COMMUNE, pk_of("ballot"), BOTH),
    "votes_attendance": Route(COMMUNE, pk_of("meeting"), BOTH),
    "votes_meeting": Route(COMMUNE, pk_of("meeting"), BOTH),
    "votes_count": Route(COMMUNE, pk_of("ballot"), POST),
    "votes_follow": Route(COMMUNE, pk_of("polling"), POST),
    "votes_submit": Route(COMMUNE, pk_of("submitted"), POST),
    "votes_recognise": Route(COMMUNE, pk_of("submitted"), BOTH),
    "votes_record_docx": Route(COMMUNE, pk_of("recognised")),
    "votes_public_list": Route(PUBLIC, commune),
    "votes_public": Route(PUBLIC, pk_of("recognised")),
    "votes_mine": Route(SIGNED_IN, none, login_redirect=True),
    "votes_vote": Route(RESIDENT, pk_of("online"), BOTH, login_redirect=True),
    "votes_consent": Route(RESIDENT, pk_of("polling"), BOTH, login_redirect=True),
}


def democracy_route_names() -> set[str]:
    resolver = get_resolver()
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "democracy":
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern)
                assert pattern.name, pattern
                names.add(pattern.name)
    return names


def test_every_route_is_in_the_matrix() -> None:
    # given the routes of the democracy namespace
    names = democracy_route_names()
    # then each has exactly one matrix entry, and the matrix names no stale route
    assert names, "the democracy namespace is not mounted"
    assert names - MATRIX.keys() == set(), "routes without a matrix entry"
    assert MATRIX.keys() - names == set(), "matrix entries without a route"


@pytest.fixture
def scene(commune: Commune) -> Iterator[Scene]:
    with time_machine.travel(NOW, tick=False) as clock:
        built = build_scene(commune, clock)
        clock.move_to(NOW)
        yield built


def person(scene: Scene, who: str) -> User | None:
    return {
        "anon": None,
        "citizen": scene.commune.citizen,
        "resident": scene.resident,
        "handler": scene.commune.handler,
        "other": scene.commune.other_handler,
        "agency": scene.agency_head,
    }[who]


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def counts() -> dict[str, int]:
    """How many rows each democracy table (and the audit log) holds."""
    models: list[type[Model]] = [*apps.get_app_config("democracy").get_models(), AuditEntry]
    return {model._meta.label: model._default_manager.count() for model in models}


def refused(response: HttpResponseBase, who: str, route: Route) -> bool:
    if response.status_code == 404:
        return True
    if response.status_code != 302:
        return False
    if who == "anon" and route.login_redirect:
        return str(response["Location"]).startswith(resolve_url(settings.LOGIN_URL) + "?next=")
    return route.refusal_redirect


def area(name: str) -> str:
    """Routes are checked an area at a time (one scene per area, not per route: the scene
    takes a second to build and there are a hundred routes)."""
    return name.split("_", 1)[0]


AREAS = sorted({area(name) for name in MATRIX})


@pytest.mark.parametrize("which", AREAS)
def test_the_routes_admit_exactly_the_people_allowed(scene: Scene, which: str) -> None:
    for name in sorted(n for n in MATRIX if area(n) == which):
        # given a route
        route = MATRIX[name]
        url = reverse(f"democracy:{name}", kwargs=route.kwargs(scene))
        for who in PERSONS:
            # when each person opens it (or posts to it), then the matrix's answer comes
            check(route, name, url, who, person(scene, who))


def check(route: Route, name: str, url: str, who: str, user: User | None) -> None:
    client = client_for(user)
    before = counts()
    if who in route.allowed:
        # an allowed person gets it
        if route.methods != POST:
            response = client.get(url)
            expected = {200, 302} if route.index else {200}
            assert response.status_code in expected, (name, who, response.status_code)
        return
    # anyone else gets the same 404 as for a missing page (or the sign-in page)
    if route.methods != POST:
        response = client.get(url)
        assert refused(response, who, route), (name, who, response.status_code)
    if route.methods != GET:
        response = client.post(url, {"choice": "approve", "confirm": "on"})
        assert refused(response, who, route), (name, who, response.status_code)
    # and nothing was written
    assert counts() == before, (name, who)


POSTED = sorted(name for name, route in MATRIX.items() if route.methods != GET)


@pytest.mark.parametrize("which", sorted({area(name) for name in POSTED}))
def test_an_empty_form_sent_by_an_allowed_person_breaks_nothing(scene: Scene, which: str) -> None:
    for name in (n for n in POSTED if area(n) == which):
        # given a form an allowed person may send
        route = MATRIX[name]
        url = reverse(f"democracy:{name}", kwargs=route.kwargs(scene))
        who = sorted(route.allowed - {"anon"})[0]
        client = client_for(person(scene, who))
        # when it is sent empty (a form emptied by hand, a broken client)
        response = client.post(url, {})
        # then the page answers (the form again with its errors, back to the page, or a
        # "bad request" when the form's hidden fields are missing), never a server error
        assert response.status_code in (200, 302, 400, 404), (name, who, response.status_code)
