"""The demo directive: registered from its text, split into tasks, reported on and inspected
through the real services, so every page of the module shows real work; seeding twice adds
nothing and the reset removes it."""

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse

from danvan.demo import cast
from danvan.demo.directives import PLAN_SYMBOL, demo_directives_reset, demo_directives_seed
from danvan.demo.pytest_fixtures import demo_world  # noqa: F401 - the fixture
from danvan.demo.selectors import DemoPlaces
from danvan.directives.models import (
    Directive,
    Document,
    Recommendation,
    Reference,
    TaskAssignment,
    UnitReport,
)
from danvan.units.models import User


@time_machine.travel(dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC), tick=False)
def test_the_demo_directive_shows_every_state(demo_world: DemoPlaces) -> None:  # noqa: F811
    # when
    report = demo_directives_seed()
    again = demo_directives_seed()
    # then: seeded once
    assert report.created
    assert not again.created
    assert Directive.objects.filter(document__symbol=PLAN_SYMBOL).count() == 1
    plan = Document.objects.get(symbol=PLAN_SYMBOL)
    # the plan's references were found and all are linked (59/2023/NĐ-CP entered from it)
    references = Reference.objects.filter(document=plan)
    assert {r.symbol for r in references} >= {
        "23-QĐ/TW",
        "114-KL/TW",
        "33/CT-TTg",
        "10/2022/QH15",
        "59/2023/NĐ-CP",
    }
    assert not references.filter(target__isnull=True).exists()
    assert Document.objects.get(symbol="59/2023/NĐ-CP").is_stub
    # tasks: one done, one late in progress
    statuses = set(
        TaskAssignment.objects.filter(task__directive__document=plan).values_list(
            "status", flat=True
        )
    )
    assert statuses == {"done", "in_progress", "assigned"}
    # reports: accepted, returned, missing
    assert set(UnitReport.objects.values_list("status", flat=True)) == {
        "accepted",
        "returned",
        "draft",
    }
    assert Recommendation.objects.get().status == "in_progress"
    # and the commission's pages open with the work on them
    client = Client()
    client.force_login(User.objects.get(username=cast.COMMISSION_STAFF.username))
    directive = Directive.objects.get()
    page = client.get(reverse("directives:tasks_directive_detail", kwargs={"pk": directive.pk}))
    assert "Tổ chức hội nghị đối thoại" in page.content.decode()
    assert client.get(reverse("directives:monitoring_dashboard")).status_code == 200


def test_the_demo_reset_removes_the_directive(demo_world: DemoPlaces) -> None:  # noqa: F811
    demo_directives_seed()
    assert demo_directives_reset() > 0
    assert not Directive.objects.exists()
    assert not Document.objects.filter(symbol=PLAN_SYMBOL).exists()
