"""The versioned routing table and its suggestion of the competent unit."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case, Field, RoutingRule, RoutingTable
from danvan.petitions.selectors.handling import routing_suggest, routing_table_in_force
from danvan.petitions.services.handling import routing_table_copy, routing_table_publish
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]


@pytest.fixture
def departments(province: Unit) -> dict[str, Unit]:
    def unit(code: str, name: str) -> Unit:
        return Unit.objects.create(code=code, name=name, kind=Unit.Kind.DEPARTMENT, parent=province)

    return {
        "inspectorate": unit("VN-33-tt", "Thanh tra tỉnh"),
        "natural": unit("VN-33-tnmt", "Sở Nông nghiệp và Môi trường"),
        "housing": unit("VN-33-xd", "Sở Xây dựng"),
    }


def _table(version: int, start: dt.date, *, published: bool = True) -> RoutingTable:
    return RoutingTable.objects.create(version=version, effective_from=start, published=published)


def test_the_best_rule_wins_priority_then_field_then_deepest_place(
    travel: Travel,
    make_case: CaseMaker,
    departments: dict[str, Unit],
    province: Unit,
    commune: Unit,
    land: Field,
    housing: Field,
    commune_committee: Unit,
) -> None:
    travel(dt.date(2026, 12, 14))
    table = _table(1, dt.date(2026, 7, 1))
    rule = RoutingRule.objects.create
    anywhere = rule(table=table, kind="complaint", competent_unit=departments["inspectorate"])
    in_province = rule(
        table=table, kind="complaint", place=province, competent_unit=departments["housing"]
    )
    land_in_province = rule(
        table=table,
        kind="complaint",
        field=land,
        place=province,
        competent_unit=departments["natural"],
    )
    rule(table=table, kind="petition", competent_unit=departments["housing"])
    # a complaint about land in the commune: the land rule (field named) wins
    case = make_case(kind=Case.Kind.COMPLAINT, field=land)
    suggestion = routing_suggest(case=case)
    assert suggestion is not None
    assert suggestion.rule == land_in_province
    assert suggestion.unit == departments["natural"]
    # about housing: the province rule (deeper place than "anywhere")
    other = make_case(kind=Case.Kind.COMPLAINT, field=housing)
    assert routing_suggest(case=other).rule == in_province  # type: ignore[union-attr]
    # a rule for the commune itself is deeper still
    commune_rule = rule(
        table=table, kind="complaint", place=commune, competent_unit=commune_committee
    )
    assert routing_suggest(case=other).rule == commune_rule  # type: ignore[union-attr]
    # and priority beats everything
    anywhere.priority = 10
    anywhere.save()
    assert routing_suggest(case=case).rule == anywhere  # type: ignore[union-attr]
    # a kind with no rule gets no suggestion
    assert routing_suggest(case=make_case(kind=Case.Kind.DENUNCIATION)) is None


def test_a_place_elsewhere_does_not_match(
    travel: Travel,
    make_case: CaseMaker,
    departments: dict[str, Unit],
    other_committee: Unit,
) -> None:
    travel(dt.date(2026, 12, 14))
    table = _table(1, dt.date(2026, 7, 1))
    RoutingRule.objects.create(
        table=table,
        kind="petition",
        place=other_committee.parent,
        competent_unit=departments["housing"],
    )
    assert routing_suggest(case=make_case()) is None


def test_the_version_in_force_decides(
    travel: Travel, make_case: CaseMaker, departments: dict[str, Unit]
) -> None:
    travel(dt.date(2026, 12, 14))
    old = _table(1, dt.date(2026, 7, 1))
    new = _table(2, dt.date(2027, 1, 1))
    draft = _table(3, dt.date(2026, 8, 1), published=False)
    for table, unit in ((old, "inspectorate"), (new, "natural"), (draft, "housing")):
        RoutingRule.objects.create(table=table, kind="petition", competent_unit=departments[unit])
    case = make_case()
    assert routing_table_in_force(on=dt.date(2026, 12, 14)) == old
    assert routing_suggest(case=case).unit == departments["inspectorate"]  # type: ignore[union-attr]
    assert routing_suggest(case=case, on=dt.date(2027, 1, 1)).unit == departments["natural"]  # type: ignore[union-attr]
    assert routing_table_in_force(on=dt.date(2026, 6, 30)) is None
    assert routing_suggest(case=case, on=dt.date(2026, 6, 30)) is None


def test_publish_and_copy_versions(departments: dict[str, Unit], head: User) -> None:
    table = _table(1, dt.date(2026, 7, 1), published=False)
    with pytest.raises(ApplicationError):
        routing_table_publish(table=table, actor=head)  # no rules yet
    RoutingRule.objects.create(
        table=table, kind="petition", competent_unit=departments["housing"], priority=3
    )
    routing_table_publish(table=table, actor=head)
    table.refresh_from_db()
    assert table.published
    with pytest.raises(ApplicationError):
        routing_table_publish(table=table, actor=head)
    copy = routing_table_copy(table=table, actor=head, effective_from=dt.date(2027, 1, 1))
    assert copy.version == 2
    assert not copy.published
    assert list(copy.rules.values_list("kind", "competent_unit", "priority")) == [
        ("petition", departments["housing"].pk, 3)
    ]
    assert AuditEntry.objects.filter(verb="routing_table.publish").count() == 1
    assert AuditEntry.objects.filter(verb="routing_table.copy").count() == 1


def test_the_admin_edits_drafts_and_freezes_published_versions(
    client: Client, departments: dict[str, Unit]
) -> None:
    admin = User.objects.create_superuser(username="quantri", password="x", email="a@b.vn")
    client.force_login(admin)
    draft = _table(1, dt.date(2026, 7, 1), published=False)
    RoutingRule.objects.create(table=draft, kind="petition", competent_unit=departments["housing"])
    assert client.get("/quan-tri/petitions/routingtable/").status_code == 200
    page = client.get(f"/quan-tri/petitions/routingtable/{draft.pk}/change/")
    assert page.status_code == 200
    assert b'name="effective_from"' in page.content
    response = client.post(
        "/quan-tri/petitions/routingtable/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.published
    page = client.get(f"/quan-tri/petitions/routingtable/{draft.pk}/change/")
    assert b'name="effective_from"' not in page.content
    client.post(
        "/quan-tri/petitions/routingtable/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    client.post(
        "/quan-tri/petitions/routingtable/", {"action": "copy", "_selected_action": [draft.pk]}
    )
    assert RoutingTable.objects.filter(version=2, published=False).exists()
