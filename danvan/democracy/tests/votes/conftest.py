"""Fixtures of the votes tests: households on the register, their accounts, time frozen
on a working Thursday morning (Hanoi time), and shortcuts through the lifecycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from danvan.democracy.models.households import Household
from danvan.democracy.models.votes import CommunityDecision
from danvan.democracy.services import votes as services
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.units.models import Unit, User

HANOI = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=HANOI)  # a Thursday
TEAM = "Vũ Thị Mai (Ban công tác Mặt trận)\nHoàng Văn Nam\nĐinh Thị Oanh"


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def add_households(village: Unit, count: int, *, prefix: str = "H") -> list[Household]:
    return [
        Household.objects.create(
            village=village, code=f"{prefix}{i:03d}", representative=f"Nguyễn Văn {prefix}{i}"
        )
        for i in range(1, count + 1)
    ]


def with_account(household: Household, username: str) -> User:
    user = make_user(username, household.representative)
    household.account = user
    household.save(update_fields=["account"])
    return user


def draft(
    commune: Commune,
    *,
    matter: str = "contributions",
    form: str = "meeting",
    village: Unit | None = None,
    whole_commune: bool = False,
) -> CommunityDecision:
    return services.decision_create(
        actor=commune.handler,
        commune=commune.commune,
        village=None if whole_commune else (village or commune.villages[0]),
        matter=matter,
        form=form,
        title="Đóng góp làm đường bê tông thôn",
        content="Mỗi hộ đóng góp 500.000 đồng.",
    )


def open_ballot(commune: Commune, decision: CommunityDecision) -> CommunityDecision:
    return services.decision_open(
        decision=decision,
        actor=commune.handler,
        closes_at=NOW + dt.timedelta(days=7),
        notice_date=dt.date(2026, 11, 24),
        ballot_team=TEAM,
    )


def open_meeting(commune: Commune, decision: CommunityDecision) -> CommunityDecision:
    return services.decision_open(
        decision=decision,
        actor=commune.handler,
        notice_date=dt.date(2026, 11, 24),
        meeting_at=NOW,
        meeting_place="Nhà văn hóa thôn",
    )


def record_meeting(commune: Commune, decision: CommunityDecision) -> CommunityDecision:
    return services.meeting_record(
        decision=decision,
        actor=commune.handler,
        secretary="Lê Thị Hoa",
        voting_method="show_of_hands",
        witnesses="Phạm Văn Bình\nĐỗ Thị Cúc",
        minutes="Cuộc họp bắt đầu lúc 8 giờ.",
    )


def paper_votes(
    commune: Commune, decision: CommunityDecision, households: list[Household], choice: str
) -> None:
    for household in households:
        services.ballot_cast(
            decision=decision,
            household=household,
            actor=commune.handler,
            choice=choice,
            other_opinion="Ý kiến khác" if choice == "other" else "",
        )
