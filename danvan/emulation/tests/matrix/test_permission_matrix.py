"""The permission matrix of the emulation app: every route, every kind of person.

Every URL pattern of the ``emulation`` namespace has an entry in ``MATRIX`` (a route added
without one fails ``test_every_route_is_in_the_matrix``); routes whose answer depends on the
object (a file of a registered, recognised or removed model; a public page of each; a book's
two files) have further cases in ``CASES``. One scene is built through the areas' services
(see ``scene.py``) and seven people try each route:

- ``anon``: nobody signed in;
- ``citizen``: an account with no role;
- ``head``: the head of Khoái Châu's People's Committee (registers its models);
- ``other``: the head of another ward's People's Committee;
- ``commune``: the commission officer of Khoái Châu's Party committee (evaluates there);
- ``province``: the provincial Mass Mobilisation Commission's officer;
- ``central``: the Central Commission's officer.

Those not allowed get the same 404 as for a missing object (anonymous visitors of a
sign-in-only page: the sign-in page; a person with no unit to act for at all, on a page
that concerns no object: 403), whether they GET or POST; a refused POST writes nothing
(every emulation table and the audit log keep their counts). Those allowed get the page,
the export or the file.
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
from danvan.emulation.tests.conftest import World
from danvan.emulation.tests.matrix.scene import NOW, Scene, build_scene
from danvan.units.models import User

pytestmark = pytest.mark.django_db

PERSONS = ("anon", "citizen", "head", "other", "commune", "province", "central")

PUBLIC = frozenset(PERSONS)
NOBODY: frozenset[str] = frozenset()
SIGNED_IN = PUBLIC - {"anon"}
REGISTERS = frozenset({"head"})  # the registering unit's head
SEES = frozenset({"head", "commune", "province", "central"})  # the model's staff
EVALUATES = frozenset({"commune", "province", "central"})  # committees serving its place
CRITERIA = frozenset({"province", "central"})  # the province's and the country's commission
BOOK = frozenset({"province", "central"})  # the provincial commission's book
# Anyone who registers for a unit other than the model's (its own unit has it already).
REPLICATES = frozenset({"other", "commune", "province", "central"})

GET, POST, BOTH = "get", "post", "both"


@dataclass(frozen=True)
class Route:
    allowed: frozenset[str]
    kwargs: Callable[[Scene], dict[str, object]]
    methods: str = GET
    login_redirect: bool = False  # anonymous visitors are sent to sign in, not 404
    index: bool = False  # the page sends the person on (a redirect)
    refusal: int = 404  # 403 where the refusal concerns no object (no unit to act for)
    readers: frozenset[str] | None = None  # who may GET, where more than may POST


def none(scene: Scene) -> dict[str, object]:
    return {}


def pk_of(attribute: str, **extra: object) -> Callable[[Scene], dict[str, object]]:
    def kwargs(scene: Scene) -> dict[str, object]:
        return {"pk": getattr(scene, attribute).pk, **extra}

    return kwargs


def cover(scene: Scene) -> dict[str, object]:
    return {"pk": scene.registered.pk, "attachment": scene.registered_photo.pk}


def mismatched_cover(scene: Scene) -> dict[str, object]:
    return {"pk": scene.recognised.pk, "attachment": scene.registered_photo.pk}


def criterion(scene: Scene) -> dict[str, object]:
    return {"pk": scene.criteria[0].pk}


def entry(scene: Scene) -> dict[str, object]:
    return {"pk": scene.book.pk, "entry_pk": scene.entry.pk}


def book_file(fmt: str) -> Callable[[Scene], dict[str, object]]:
    def kwargs(scene: Scene) -> dict[str, object]:
        return {"pk": scene.book.pk, "fmt": fmt}

    return kwargs


MATRIX: dict[str, Route] = {
    # registry
    "registry_list": Route(SIGNED_IN, none, login_redirect=True),
    "registry_create": Route(SIGNED_IN - {"citizen"}, none, BOTH, True, refusal=403),
    "registry_detail": Route(SEES, pk_of("registered")),
    "registry_edit": Route(REGISTERS, pk_of("registered"), BOTH),
    "registry_attachments": Route(REGISTERS, pk_of("registered"), BOTH),
    "registry_cover": Route(REGISTERS, cover, POST),
    "registry_replicate": Route(REPLICATES, pk_of("recognised"), BOTH, True, refusal=403),
    "registry_file": Route(SEES, pk_of("registered_photo")),
    "registry_public_list": Route(PUBLIC, none),
    "registry_public_detail": Route(PUBLIC, pk_of("recognised")),
    # statistics (public aggregates)
    "statistics_index": Route(PUBLIC, none),
    "statistics_chart": Route(PUBLIC, lambda scene: {"kind": "years"}),
    "statistics_csv": Route(PUBLIC, none),
    # evaluation
    "evaluation_criteria": Route(CRITERIA, none, BOTH, True, refusal=403, readers=EVALUATES),
    "evaluation_criterion_edit": Route(CRITERIA, criterion, BOTH, True, refusal=403),
    "evaluation_criterion_state": Route(CRITERIA, criterion, POST, True, refusal=403),
    "evaluation_criterion_move": Route(CRITERIA, criterion, POST, True, refusal=403),
    "evaluation_index": Route(SIGNED_IN, none, login_redirect=True, index=True),
    "evaluation_year": Route(EVALUATES, lambda scene: {"year": 2026}, BOTH, True, refusal=403),
    "evaluation_evaluate": Route(EVALUATES, pk_of("registered"), BOTH, True),
    "evaluation_recognise": Route(EVALUATES, pk_of("registered"), BOTH, True),
    "evaluation_remove": Route(EVALUATES, pk_of("registered"), BOTH, True),
    # books
    "books_index": Route(EVALUATES, none, login_redirect=True),
    "books_create": Route(EVALUATES, none, BOTH, True),
    "books_detail": Route(BOOK, pk_of("book"), login_redirect=True),
    "books_edit": Route(BOOK, pk_of("book"), BOTH, True),
    "books_entry_add": Route(BOOK, pk_of("book"), POST, True),
    "books_entry_remove": Route(BOOK, entry, POST, True),
    "books_entry_move": Route(BOOK, entry, POST, True),
    "books_entry_story": Route(BOOK, entry, BOTH, True),
    "books_compile": Route(BOOK, pk_of("book"), POST, True),
    "books_download": Route(BOOK, book_file("docx"), login_redirect=True),
}

# Further objects for the routes whose answer depends on the object.
CASES: list[tuple[str, str, Route]] = [
    ("registry_file", "registered document", Route(SEES, pk_of("registered_document"))),
    ("registry_file", "recognised photo", Route(PUBLIC, pk_of("recognised_photo"))),
    ("registry_file", "recognised document", Route(PUBLIC, pk_of("recognised_document"))),
    ("registry_file", "removed photo", Route(SEES, pk_of("removed_photo"))),
    ("registry_file", "removed document", Route(SEES, pk_of("removed_document"))),
    ("registry_public_detail", "registered", Route(NOBODY, pk_of("registered"))),
    ("registry_public_detail", "removed", Route(NOBODY, pk_of("removed"))),
    ("registry_detail", "recognised", Route(SEES, pk_of("recognised"))),
    ("registry_detail", "removed", Route(SEES, pk_of("removed"))),
    # a model not yet recognised: its staff reach the page (told it cannot be replicated)
    (
        "registry_replicate",
        "registered",
        Route(EVALUATES, pk_of("registered"), BOTH, True, refusal=403),
    ),
    # a photo of another model: the pair is checked, not the photo alone
    ("registry_cover", "another model's photo", Route(NOBODY, mismatched_cover, POST)),
    ("books_download", "pdf", Route(BOOK, book_file("pdf"), login_redirect=True)),
    ("books_download", "unknown format", Route(NOBODY, book_file("exe"), login_redirect=True)),
]


def emulation_route_names() -> set[str]:
    names: set[str] = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "emulation":
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern)
                assert pattern.name, pattern
                names.add(pattern.name)
    return names


def test_every_route_is_in_the_matrix() -> None:
    # given the routes of the emulation namespace
    names = emulation_route_names()
    # then each has exactly one matrix entry, and the matrix names no stale route
    assert names, "the emulation namespace is not mounted"
    assert names - MATRIX.keys() == set(), "routes without a matrix entry"
    assert MATRIX.keys() - names == set(), "matrix entries without a route"
    assert {name for name, _, _ in CASES} <= names


@pytest.fixture
def scene(world: World) -> Iterator[Scene]:
    with time_machine.travel(NOW, tick=False):
        yield build_scene(world)


def person(scene: Scene, who: str) -> User | None:
    world = scene.world
    return {
        "anon": None,
        "citizen": world.citizen,
        "head": world.commune_head,
        "other": world.other_head,
        "commune": world.commune_commission,
        "province": world.provincial_officer,
        "central": world.central_officer,
    }[who]


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def counts() -> dict[str, int]:
    """How many rows each emulation table (and the audit log) holds."""
    models: list[type[Model]] = [*apps.get_app_config("emulation").get_models(), AuditEntry]
    return {model._meta.label: model._default_manager.count() for model in models}


def refused(response: HttpResponseBase, who: str, route: Route) -> bool:
    if who == "anon" and route.login_redirect:
        return response.status_code == 302 and str(response["Location"]).startswith(
            resolve_url(settings.LOGIN_URL) + "?next="
        )
    return response.status_code in {404, route.refusal}


def area(name: str) -> str:
    """Routes are checked an area at a time (one scene per area, not per route)."""
    return name.split("_", 1)[0]


AREAS = sorted({area(name) for name in MATRIX})


@pytest.mark.parametrize("which", AREAS)
def test_the_routes_admit_exactly_the_people_allowed(scene: Scene, which: str) -> None:
    rows = [(name, "", route) for name, route in MATRIX.items()] + CASES
    for name, case, route in sorted((r for r in rows if area(r[0]) == which), key=str):
        # given a route (and the object it is opened for)
        url = reverse(f"emulation:{name}", kwargs=route.kwargs(scene))
        for who in PERSONS:
            # when each person opens it (or posts to it), then the matrix's answer comes
            check(route, f"{name} {case}".strip(), url, who, person(scene, who))


def check(route: Route, name: str, url: str, who: str, user: User | None) -> None:
    client = client_for(user)
    readers = route.allowed if route.readers is None else route.readers | route.allowed
    before = counts()
    if route.methods != POST:
        response = client.get(url)
        if who in readers:
            # an allowed person gets it
            expected = {302} if route.index else {200}
            assert response.status_code in expected, (name, who, response.status_code)
        else:
            # anyone else gets the same refusal as for a missing object (or the sign-in page)
            assert refused(response, who, route), (name, who, response.status_code)
    if route.methods != GET and who not in route.allowed:
        response = client.post(url, {"direction": "down", "active": "0", "exemplar": "1"})
        assert refused(response, who, route), (name, "POST", who, response.status_code)
    # and nothing was written
    assert counts() == before, (name, who)


def test_a_forbidden_object_looks_exactly_like_a_missing_one(scene: Scene) -> None:
    # given the other ward's head, who may open none of Khoái Châu's models nor the book
    client = client_for(scene.world.other_head)
    for name, _case, route in [(name, "", route) for name, route in MATRIX.items()] + CASES:
        kwargs = route.kwargs(scene)
        if "pk" not in kwargs or "other" in route.allowed:
            continue
        # when he opens (or posts to) an existing object and a missing one
        send = client.post if route.methods == POST else client.get
        forbidden = send(reverse(f"emulation:{name}", kwargs=kwargs))
        missing = send(reverse(f"emulation:{name}", kwargs={**kwargs, "pk": 987654}))
        # then both answers are the same refusal page
        assert forbidden.status_code == missing.status_code, name
        assert forbidden.status_code in {403, 404}, name
        assert forbidden.content == missing.content, name


POSTED = sorted(name for name, route in MATRIX.items() if route.methods != GET)


@pytest.mark.parametrize("which", sorted({area(name) for name in POSTED}))
def test_an_empty_form_sent_by_an_allowed_person_breaks_nothing(scene: Scene, which: str) -> None:
    for name in (n for n in POSTED if area(n) == which):
        # given a form an allowed person may send
        route = MATRIX[name]
        url = reverse(f"emulation:{name}", kwargs=route.kwargs(scene))
        who = sorted(route.allowed - {"anon"})[0]
        client = client_for(person(scene, who))
        # when it is sent empty (a form emptied by hand, a broken client)
        response = client.post(url, {})
        # then the page answers (the form again with its errors, back to the page), never a
        # server error
        assert response.status_code in (200, 302, 400, 404), (name, who, response.status_code)
