"""The Art 20 record as a Word document: the figures and the signatures are there."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.democracy.services import votes as services
from danvan.democracy.services.votes_docx import decision_record_docx
from danvan.democracy.tests.conftest import Commune

from .conftest import (
    NOW,
    add_households,
    draft,
    open_ballot,
    open_meeting,
    paper_votes,
    with_account,
)

pytestmark = pytest.mark.usefixtures("clock")


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def test_meeting_record_holds_the_art_20_contents(commune: Commune) -> None:
    # given a secret-ballot meeting of 30 households, 24 represented, 20 approving
    households = add_households(commune.villages[0], 30)
    decision = open_meeting(commune, draft(commune))
    services.meeting_attendance_set(
        decision=decision, actor=commune.handler, households=households[:24]
    )
    services.meeting_record(
        decision=decision,
        actor=commune.handler,
        secretary="Lê Thị Hoa",
        voting_method="secret_ballot",
        counting_committee="A\nB\nC",
        witnesses="Phạm Văn Bình\nĐỗ Thị Cúc",
        minutes="Ý kiến thảo luận.\n\nChủ trì kết luận.",
    )
    decision = services.decision_count(
        decision=decision,
        actor=commune.handler,
        meeting_counts={commune.villages[0].pk: services.MeetingCount(approve=20, reject=4)},
    )
    # when the record is drawn through the page
    staff = Client()
    staff.force_login(commune.handler)
    response = staff.get(reverse("democracy:votes_record_docx", kwargs={"pk": decision.pk}))
    text = _text(response.content)
    # then the totals, the result against 2/3, the form and the signatures are there
    assert response.status_code == 200
    assert "Tổng số hộ gia đình: 30; số hộ có đại diện hoặc đã biểu quyết: 24" in text
    assert "20 hộ tán thành (66,67% tổng số hộ gia đình)" in text
    assert "ít nhất 2/3 tổng số hộ gia đình tán thành, tức 20 hộ" in text
    assert "ĐƯỢC THÔNG QUA" in text
    assert "bỏ phiếu kín" in text
    assert "Phạm Văn Bình" in text
    assert "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN" in text
    assert "Chủ trì kết luận." in text
    assert "09 giờ 00, ngày 26 tháng 11 năm 2026, tại Nhà văn hóa thôn" in text


def test_ballot_and_commune_wide_records(commune: Commune) -> None:
    villages = [add_households(v, 3, prefix=f"V{i}") for i, v in enumerate(commune.villages)]
    decision = open_ballot(commune, draft(commune, form="household_ballot", whole_commune=True))
    staff = Client()
    staff.force_login(commune.handler)
    address = reverse("democracy:votes_record_docx", kwargs={"pk": decision.pk})
    assert staff.get(address).status_code == 404  # not counted yet
    paper_votes(commune, decision, villages[0], "approve")
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        decision = services.decision_count(decision=decision, actor=commune.handler)
    text = _text(decision_record_docx(decision))
    assert "ít nhất 2 trên 3 thôn, tổ dân phố tán thành" in text
    assert "KHÔNG ĐƯỢC THÔNG QUA" in text
    assert "từ 09:00 ngày 26/11/2026 đến 09:00 ngày 03/12/2026" in text


def test_majority_record(commune: Commune) -> None:
    households = add_households(commune.villages[0], 4)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    paper_votes(commune, decision, households[:3], "approve")
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        decision = services.decision_count(decision=decision, actor=commune.handler)
    text = _text(decision_record_docx(decision))
    assert "trên 50% tổng số hộ gia đình tán thành, tức 3 hộ" in text


def test_online_record_gives_the_consent_poll(commune: Commune) -> None:
    # given an online vote of 3 households, 2 agreeing to vote online and 2 approving
    households = add_households(commune.villages[0], 3)
    users = [with_account(h, f"ho{i}") for i, h in enumerate(households)]
    decision = services.decision_consent_start(
        decision=draft(commune, matter="other", form="online"), actor=commune.handler
    )
    for household, user, answer in zip(
        households, users, ("approve", "approve", "disagree"), strict=True
    ):
        services.consent_answer(decision=decision, household=household, actor=user, answer=answer)
    decision = open_ballot(commune, decision)
    for household, user in zip(households[:2], users[:2], strict=True):
        services.ballot_cast(
            decision=decision, household=household, actor=user, choice="approve", online=True
        )
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        decision = services.decision_count(decision=decision, actor=commune.handler)
    # when the record is drawn, then it states the consent poll and the vote
    text = _text(decision_record_docx(decision))
    assert "3 hộ tham gia, 2 hộ đồng ý, 1 hộ không đồng ý, 0 hộ có ý kiến khác" in text
    assert "Biểu quyết trực tuyến" in text
    assert "ĐƯỢC THÔNG QUA" in text
