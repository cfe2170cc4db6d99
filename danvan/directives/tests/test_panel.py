"""The directives panel on the staff home page: each side sees its own counts."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.directives.models import (
    Directive,
    Document,
    Recommendation,
    ReportingRound,
    ReportTemplate,
    Task,
    TaskAssignment,
    UnitReport,
)
from danvan.directives.tests.conftest import World
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def _seed(world: World) -> None:
    document = Document.objects.create(
        family="state", doc_type="plan", number="12", symbol="12/KH-UBND",
        symbol_key="12/KH-UBND", identity_key="state-admin|2026|12/KH-UBND",
    )  # fmt: skip
    directive = Directive.objects.create(
        document=document, unit=world.commission, title="Kế hoạch dân vận", status="active"
    )
    late = Task.objects.create(
        directive=directive, position=1, title="Đối thoại", due_on=dt.date(2026, 11, 20)
    )
    later = Task.objects.create(
        directive=directive, position=2, title="Báo cáo", due_on=dt.date(2026, 12, 20)
    )
    TaskAssignment.objects.create(task=late, unit=world.committees[0])
    TaskAssignment.objects.create(task=later, unit=world.committees[0])
    TaskAssignment.objects.create(task=late, unit=world.committees[1], status="done")
    template = ReportTemplate.objects.create(unit=world.commission, title="Mẫu")
    round_ = ReportingRound.objects.create(
        template=template, unit=world.commission, title="Quý IV",
        period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 12, 31),
        due_on=dt.date(2026, 11, 25),
    )  # fmt: skip
    UnitReport.objects.create(round=round_, unit=world.committees[0])
    UnitReport.objects.create(round=round_, unit=world.committees[1], status="submitted")


def _panel(user: User) -> str:
    client = Client()
    client.force_login(user)
    html = client.get(reverse("core:dashboard")).content.decode()
    start = html.index('id="panel-directives"')
    return html[start : html.index("</section>", start)]


@time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC), tick=False)
def test_the_commission_sees_what_waits_for_it(world: World) -> None:
    _seed(world)
    panel = _panel(world.commission_officer)
    assert "1 báo cáo chờ xem xét" in panel
    assert "1 lượt giao nhiệm vụ trễ hạn" in panel
    assert "1 báo cáo quá hạn" in panel


@time_machine.travel(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC), tick=False)
def test_a_unit_sees_only_what_it_owes(world: World) -> None:
    _seed(world)
    Recommendation.objects.create(
        delegation_id=_delegation(world), unit=world.committees[0], text="Kiện toàn tổ"
    )
    first = _panel(world.commune_officers[0])
    assert "2 nhiệm vụ đang thực hiện" in first
    assert "1 trễ hạn" in first
    assert "1 báo cáo cần viết hoặc sửa" in first
    assert "1 kiến nghị cần thực hiện" in first
    second = _panel(world.commune_officers[1])
    assert "0 nhiệm vụ đang thực hiện" in second
    assert "0 kiến nghị cần thực hiện" in second
    # A unit's officer is not shown the commission's review queue
    assert "chờ xem xét" not in first


def _delegation(world: World) -> int:
    from danvan.directives.models import Delegation

    return Delegation.objects.create(
        unit=world.commission, kind="inspection", title="Kiểm tra",
        starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 11, 10),
    ).pk  # fmt: skip
