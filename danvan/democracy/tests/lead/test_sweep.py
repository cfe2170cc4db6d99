"""The daily democracy sweep: lapsed proposals expire and last quarter's lists are prepared."""

import datetime as dt
import zoneinfo
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from time_machine import TimeMachineFixture

from danvan.democracy.models import DisclosureQuarterList, ResidentProposal
from danvan.democracy.services import disclosures, proposals
from danvan.democracy.services.households import household_create
from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_sweep_expires_lapsed_proposals_and_prepares_the_quarterly_list(
    commune: Commune, time_machine: TimeMachineFixture
) -> None:
    # Given a proposal supported on 2 March 2026 in a village of 30 households
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN))
    village = commune.villages[0]
    households = [
        household_create(
            village=village, code=f"H{n:02d}", representative=f"Hộ {n}", actor=commune.handler
        )
        for n in range(30)
    ]
    proposal = proposals.proposal_create(
        village=village,
        title="Làm lại cổng làng",
        content="Đề nghị họp thôn bàn việc làm lại cổng làng.",
        matter="other",
        proposer_name="Nguyễn Văn Hòa",
        proposer_household=households[0],
        actor=commune.handler,
    )
    proposals.support_record(
        proposal=proposal,
        household=households[1],
        signed_on=dt.date(2026, 3, 2),
        actor=commune.handler,
    )
    # and a disclosure posted in the second quarter
    time_machine.move_to(dt.datetime(2026, 5, 15, 9, 0, tzinfo=VN))
    item = disclosures.disclosure_record(
        unit=commune.commune,
        category=disclosures.COMMUNITY_DECISION_RESULT,
        title="Kết quả biểu quyết làm đường",
        decided_on=dt.date(2026, 5, 14),
        actor=commune.handler,
    )
    disclosures.disclosure_posting_record(
        disclosure=item,
        channel="office",
        place="Trụ sở Ủy ban nhân dân xã",
        posted_from=dt.date(2026, 5, 15),
        actor=commune.handler,
    )
    out = StringIO()

    # When the sweep runs on 2 July 2026 (support lapsed after 3 months; a new quarter)
    call_command("democracy_sweep", "--date", "2026-07-02", stdout=out)

    # Then the proposal has expired and the second quarter's list exists, once
    proposal.refresh_from_db()
    assert proposal.status == ResidentProposal.Status.EXPIRED
    assert "1 proposal(s) expired" in out.getvalue()
    lists = DisclosureQuarterList.objects.filter(unit=commune.commune)
    assert [(q.year, q.quarter) for q in lists] == [(2026, 2)]
    assert "1 quarterly disclosure list(s) ready" in out.getvalue()
    call_command("democracy_sweep", "--date", "2026-07-03", stdout=StringIO())
    assert lists.count() == 1


def test_a_bad_date_is_refused() -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("democracy_sweep", "--date", "2/7/2026")
