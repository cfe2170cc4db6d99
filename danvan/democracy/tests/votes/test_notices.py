"""Notices of community decisions: the households on the roll hear of the consent poll and of
the opening, through their linked accounts; the commune's recognising body hears when a
counted decision is due for recognition. Texts are in Vietnamese whatever the officer's
interface language."""

from __future__ import annotations

import pytest
from django.utils import translation

from danvan.democracy.services import votes as services
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.notifications.models import Notification
from danvan.units.models import RoleAssignment, Unit

from .conftest import add_households, draft, open_ballot, open_meeting, record_meeting, with_account

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def test_consent_poll_and_opening_reach_the_roll_accounts_only(commune: Commune) -> None:
    # given two households of the voting village with accounts, one without, and a household
    # of another village with an account
    households = add_households(commune.villages[0], 3)
    first = with_account(households[0], "ho-a")
    second = with_account(households[1], "ho-b")
    elsewhere = with_account(add_households(commune.villages[1], 1, prefix="K")[0], "ho-k")
    decision = draft(commune, matter="other", form="online")
    # when the officer (English interface) asks whether to vote online
    with translation.override("en"):
        decision = services.decision_consent_start(decision=decision, actor=commune.handler)
    # then each linked account of the village gets one notice, in Vietnamese
    notices = Notification.objects.filter(kind="democracy.consent_poll")
    assert sorted(n.recipient_id for n in notices) == sorted([first.pk, second.pk])
    assert not Notification.objects.filter(recipient=elsewhere).exists()
    notice = notices.get(recipient=first)
    assert notice.title == "Hộ gia đình có đồng ý biểu quyết trực tuyến không? " + decision.title
    assert "hơn một nửa tổng số hộ" in notice.body
    assert notice.url == f"/dan-chu/quyet-dinh/ho-cua-toi/{decision.pk}/dong-y/"
    # when enough agree and the vote opens, then the same accounts hear of it, with the closing day
    for household, user in ((households[0], first), (households[1], second)):
        services.consent_answer(
            decision=decision, household=household, actor=user, answer="approve"
        )
    decision = open_ballot(commune, decision)
    opened = Notification.objects.filter(kind="democracy.vote_opened")
    assert sorted(n.recipient_id for n in opened) == sorted([first.pk, second.pk])
    assert "03/12/2026" in opened.get(recipient=first).body
    assert opened.get(recipient=first).url.endswith(f"/{decision.pk}/bieu-quyet/")


def test_a_meeting_notice_names_the_day_and_place(commune: Commune) -> None:
    households = add_households(commune.villages[0], 2)
    user = with_account(households[0], "ho-a")
    open_meeting(commune, draft(commune, matter="convention"))
    notice = Notification.objects.get(kind="democracy.vote_opened", recipient=user)
    assert notice.title.startswith("Họp hộ gia đình: ")
    assert "26/11/2026" in notice.body
    assert "Nhà văn hóa thôn" in notice.body


def test_recognition_due_reaches_the_recognising_body(commune: Commune) -> None:
    # given a Front officer of the commune, besides the People's Committee's head and handler
    front = Unit.objects.create(
        code="VN-12205-mttq",
        name="Ủy ban MTTQ xã Khoái Châu",
        kind=Unit.Kind.FATHERLAND_FRONT,
        parent=commune.commune,
    )
    front_head = make_user("mttq", "Đỗ Văn Tâm", front, RoleAssignment.Role.HEAD)
    households = add_households(commune.villages[0], 3)
    decision = open_meeting(commune, draft(commune, matter="convention"))
    services.meeting_attendance_set(decision=decision, actor=commune.handler, households=households)
    record_meeting(commune, decision)
    decision = services.decision_count(
        decision=decision,
        actor=commune.handler,
        meeting_counts={commune.villages[0].pk: services.MeetingCount(approve=3)},
    )
    # when the counted convention is sent to the commune
    services.decision_submit(decision=decision, actor=commune.handler)
    # then the People's Committee's head and handler are told the due date; the Front is not
    notices = Notification.objects.filter(kind="democracy.recognition_due")
    assert sorted(n.recipient_id for n in notices) == sorted([commune.head.pk, commune.handler.pk])
    assert not notices.filter(recipient=front_head).exists()
    assert notices.first() is not None
    assert "03/12/2026" in notices.get(recipient=commune.head).title
