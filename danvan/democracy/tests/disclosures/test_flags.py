"""The register's flags, computed from dates (Art 12(3) deadline, Art 13 durations).

The item of most tests: a budget estimate (Art 11 item 2) decided on Friday 28/8/2026, due
on Wednesday 9/9/2026 (see test_record), to be posted at least 30 consecutive days.
"""

import datetime as dt

import pytest

from danvan.democracy.selectors.disclosures import Flag, disclosure_state, register_rows
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.disclosures.conftest import item, post

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 9, 9)


def test_nothing_posted_is_due_until_the_deadline_then_missing(commune: Commune) -> None:
    # given an item with nothing posted
    budget = item(commune.commune, commune.handler)
    assert budget.due_on == DUE
    # then it is due on the last day, and missing the day after
    assert disclosure_state(budget, DUE).status == Flag.DUE
    missing = disclosure_state(budget, DUE + dt.timedelta(days=1))
    assert missing.status == Flag.MISSING
    assert missing.alert


def test_posted_on_the_last_day_is_on_time_the_day_after_is_late(commune: Commune) -> None:
    # given two items, one posted on the deadline, one the day after
    on_time = item(commune.commune, commune.handler)
    late = item(commune.commune, commune.handler, title="Quyết toán ngân sách năm 2025")
    post(on_time, commune.handler, posted_from=DUE)
    post(late, commune.handler, posted_from=DUE + dt.timedelta(days=1))
    # when the register is looked at ten days later
    today = dt.date(2026, 9, 20)
    # then the first is posted on time, the second late, both still up
    first = disclosure_state(on_time, today)
    assert (first.status, first.in_force, first.alert) == (Flag.ON_TIME, True, False)
    assert first.days_posted == 12  # 9/9 to 20/9, both included
    second = disclosure_state(late, today)
    assert (second.status, second.late, second.alert) == (Flag.LATE, True, True)


def test_taken_down_on_the_29th_day_is_too_short_on_the_30th_ended(commune: Commune) -> None:
    """Posted Thu 3/9: 3/9–30/9 is 28 days, 1/10 the 29th, 2/10 the 30th."""
    # given two items posted on 3/9, one taken down after 1/10, one after 2/10
    short = item(commune.commune, commune.handler)
    enough = item(commune.commune, commune.handler, title="Quyết toán ngân sách năm 2025")
    post(short, commune.handler, posted_from=dt.date(2026, 9, 3), posted_to=dt.date(2026, 10, 1))
    post(enough, commune.handler, posted_from=dt.date(2026, 9, 3), posted_to=dt.date(2026, 10, 2))
    # when the register is looked at on 5/10
    today = dt.date(2026, 10, 5)
    # then the first posting was too short, the second ended normally
    state = disclosure_state(short, today)
    assert (state.status, state.days_posted) == (Flag.TOO_SHORT, 29)
    state = disclosure_state(enough, today)
    assert (state.status, state.days_posted, state.alert) == (Flag.ENDED, 30, False)


def test_a_late_item_that_ended_keeps_its_late_flag(commune: Commune) -> None:
    # given an item posted a day late and kept up 30 days
    budget = item(commune.commune, commune.handler)
    post(budget, commune.handler, posted_from=dt.date(2026, 9, 10), posted_to=dt.date(2026, 10, 9))
    # when the register is filtered on "late" after it ended
    rows = register_rows(commune.commune, today=dt.date(2026, 11, 1), flag=Flag.LATE)
    # then it is listed: ended, and late
    assert [(r.disclosure.pk, r.state.status, r.state.late) for r in rows] == [
        (budget.pk, Flag.ENDED, True)
    ]
    assert register_rows(commune.commune, today=dt.date(2026, 11, 1), flag=Flag.MISSING) == []


def test_a_portal_posting_counts_a_loudspeaker_one_does_not(commune: Commune) -> None:
    # given an item only read on the loudspeaker, the deadline long past
    budget = item(commune.commune, commune.handler)
    post(budget, commune.handler, posted_from=DUE, posted_to=DUE, channel="loudspeaker")
    # then it is "too short": nothing was posted for 30 days
    assert disclosure_state(budget, dt.date(2026, 10, 20)).status == Flag.TOO_SHORT


def test_permanent_items_must_stay_up_until_replaced(commune: Commune) -> None:
    # given the commune's democracy regulation (item 4), posted then taken down
    regulation = item(
        commune.commune,
        commune.handler,
        category="commune_04",
        title="Quy chế thực hiện dân chủ ở cơ sở xã Khoái Châu",
    )
    assert regulation.permanent
    posting = post(regulation, commune.handler, posted_from=DUE)
    # then while it is up it is on time, however long
    assert disclosure_state(regulation, dt.date(2027, 9, 9)).status == Flag.ON_TIME
    # when it is taken down
    from danvan.democracy.services.disclosures import disclosure_posting_end
    from danvan.democracy.tests.disclosures.conftest import on_day

    with on_day(dt.date(2027, 1, 10)):
        disclosure_posting_end(
            posting=posting, actor=commune.handler, posted_to=dt.date(2027, 1, 9)
        )
    # then it is flagged, as long as no change replaced it
    assert disclosure_state(regulation, dt.date(2027, 1, 10)).status == Flag.TOO_SHORT
    item(
        commune.commune,
        commune.handler,
        category="commune_04",
        title="Quy chế thực hiện dân chủ ở cơ sở xã Khoái Châu (sửa đổi)",
        decided_on=dt.date(2027, 1, 8),
        previous=regulation,
    )
    regulation.refresh_from_db()
    assert disclosure_state(regulation, dt.date(2027, 1, 10)).status == Flag.ENDED


def test_support_lists_go_on_the_loudspeaker_for_three_days(commune: Commune) -> None:
    # given a list of poor households (item 7) posted on time at the office
    poor = item(commune.commune, commune.handler, category="commune_07", title="Danh sách hộ nghèo")
    post(poor, commune.handler, posted_from=dt.date(2026, 9, 4))
    # then after the deadline, without the loudspeaker, it is flagged
    state = disclosure_state(poor, dt.date(2026, 9, 10))
    assert state.status == Flag.ON_TIME
    assert state.loudspeaker_missing
    assert state.alert
    # when it is read on two days only
    post(
        poor,
        commune.handler,
        posted_from=dt.date(2026, 9, 7),
        posted_to=dt.date(2026, 9, 8),
        channel="loudspeaker",
    )
    # then the posting is too short (Art 13(3): at least 3 consecutive days)
    state = disclosure_state(poor, dt.date(2026, 9, 10))
    assert state.loudspeaker_short
    assert state.status == Flag.TOO_SHORT
    # and three days are enough
    post(
        poor,
        commune.handler,
        posted_from=dt.date(2026, 9, 9),
        posted_to=dt.date(2026, 9, 11),
        channel="loudspeaker",
    )
    state = disclosure_state(poor, dt.date(2026, 9, 12))
    assert (state.status, state.loudspeaker_short) == (Flag.ON_TIME, False)
    assert state.channels == ["loudspeaker", "office"]
    # and the village heads must be sent the list too (Art 13(4))
    assert state.village_heads_missing
    post(poor, commune.handler, posted_from=dt.date(2026, 9, 12), channel="village_heads")
    assert not disclosure_state(poor, dt.date(2026, 9, 12)).village_heads_missing
