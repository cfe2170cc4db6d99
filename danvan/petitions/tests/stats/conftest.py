"""A small world for the statistics: a province, two communes, cases with a history."""

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.utils import timezone

from danvan.petitions.models import Case, CaseEvent, Field
from danvan.petitions.models.intake import CaseRating
from danvan.petitions.services.cases import Petitioner, case_event_add, case_receive
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, 0, tzinfo=VN), tick=False):
        yield


@pytest.fixture
def land(db: None) -> Field:
    return Field.objects.create(code="dat-dai", name="Đất đai")


@pytest.fixture
def roads(db: None) -> Field:
    return Field.objects.create(code="giao-thong", name="Giao thông")


def make_case(
    unit: Unit,
    *,
    received: dt.date,
    kind: Case.Kind = Case.Kind.PETITION,
    field: Field | None = None,
    accepted: dt.date | None = None,
    answered: dt.date | None = None,
    due: dt.date | None = None,
    rating: str | None = None,
) -> Case:
    """A case received on ``received``, optionally accepted, answered and rated."""
    moment = dt.datetime.combine(received, dt.time(10, 0), tzinfo=VN)
    with time_machine.travel(moment, tick=False):
        case, _created = case_receive(
            kind=kind,
            channel=Case.Channel.WEB,
            subject=f"Vụ việc {kind} ngày {received:%d/%m}",
            content="Nội dung",
            receiving_unit=unit,
            field=field,
            petitioner=None if kind == Case.Kind.DENUNCIATION else Petitioner(name="Lê Văn Tâm"),
        )
    status = Case.Status.RECEIVED
    if accepted is not None:
        case_event_add(case=case, kind=CaseEvent.Kind.ACCEPTED, on=accepted)
        status = Case.Status.ACCEPTED
    if answered is not None:
        case_event_add(case=case, kind=CaseEvent.Kind.ANSWER_SENT, on=answered)
        status = Case.Status.ANSWERED
    Case.objects.filter(pk=case.pk).update(status=status, due_on=due or case.due_on)
    if rating is not None:
        CaseRating.objects.create(
            case=case,
            outcome=rating,
            receipt_confirmed_at=timezone.now(),
            via=CaseRating.Via.TRACKING_CODE,
        )
    case.refresh_from_db()
    return case


@dataclass
class World:
    province_committee: Unit
    commune_committee: Unit
    other_committee: Unit
    cases: list[Case]


@pytest.fixture
def world(
    province: Unit, commune_committee: Unit, other_committee: Unit, land: Field, roads: Field
) -> World:
    """Eleven cases in 2026 (and one in 2025), spread over two communes and the province.

    In the Khoái Châu committee, received in November 2026:
      1. petition, land, accepted 5/11, answered 10/11, due 20/11 -> on time, satisfied
      2. petition, roads, accepted 5/11, answered 25/11, due 20/11 -> late, not satisfied
      3. complaint, land, accepted 6/11, open, due 20/11 -> overdue open
      4. denunciation, land, received only, due 30/11 -> open, not overdue
    In October 2026:
      5. petition, roads, accepted, answered 15/10, due 20/10 -> on time, partly satisfied
    In the Phố Hiến committee, November 2026:
      6. petition, no field, answered 12/11, due 12/11 -> on time
      7. complaint, land, received only, due 1/11 -> overdue open
    At the province's own committee, November 2026:
      8. petition, roads, received only, due 10/12
    Mixed and anonymous in Khoái Châu, November 2026:
      9. mixed, 10. anonymous report (received only, due 30/11)
    Earlier years: 11. petition in December 2025; 12. petition in March 2026 (quarter 1).
    """
    province_committee = Unit.objects.create(
        code="VN-33-ubnd",
        name="Ủy ban nhân dân tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=province,
    )
    nov, oct_ = dt.date(2026, 11, 3), dt.date(2026, 10, 6)
    cases = [
        make_case(commune_committee, received=nov, field=land, accepted=dt.date(2026, 11, 5),
                  answered=dt.date(2026, 11, 10), due=dt.date(2026, 11, 20),
                  rating=CaseRating.Outcome.SATISFIED),
        make_case(commune_committee, received=nov, field=roads, accepted=dt.date(2026, 11, 5),
                  answered=dt.date(2026, 11, 25), due=dt.date(2026, 11, 20),
                  rating=CaseRating.Outcome.NOT_SATISFIED),
        make_case(commune_committee, received=nov, kind=Case.Kind.COMPLAINT, field=land,
                  accepted=dt.date(2026, 11, 6), due=dt.date(2026, 11, 20)),
        make_case(commune_committee, received=nov, kind=Case.Kind.DENUNCIATION, field=land,
                  due=dt.date(2026, 11, 30)),
        make_case(commune_committee, received=oct_, field=roads, accepted=dt.date(2026, 10, 8),
                  answered=dt.date(2026, 10, 15), due=dt.date(2026, 10, 20),
                  rating=CaseRating.Outcome.PARTLY),
        make_case(other_committee, received=nov, answered=dt.date(2026, 11, 12),
                  due=dt.date(2026, 11, 12)),
        make_case(other_committee, received=nov, kind=Case.Kind.COMPLAINT, field=land,
                  due=dt.date(2026, 11, 1)),
        make_case(province_committee, received=nov, field=roads, due=dt.date(2026, 12, 10)),
        make_case(commune_committee, received=nov, kind=Case.Kind.MIXED,
                  due=dt.date(2026, 11, 30)),
        make_case(commune_committee, received=nov, kind=Case.Kind.ANONYMOUS_REPORT,
                  due=dt.date(2026, 11, 30)),
        make_case(commune_committee, received=dt.date(2025, 12, 15), field=land),
        make_case(commune_committee, received=dt.date(2026, 3, 16), field=land),
    ]  # fmt: skip
    return World(province_committee, commune_committee, other_committee, cases)


def staff(username: str, unit: Unit, role: str = RoleAssignment.Role.HANDLER) -> User:
    user = User.objects.create_user(
        username=username, password="danvan-test-2026", full_name=username.title()
    )
    RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user
