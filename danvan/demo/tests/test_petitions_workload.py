"""The demo petitions as seeded: a believable workload, every date from the deadline engine,
and no denouncer anywhere outside the vault.

The demo world and its petitions are seeded once for the module, with time frozen, inside
a transaction rolled back after the last test (as ``TestCase.setUpTestData`` does); each
test runs in its own savepoint on top of it and only reads.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.demo import cast, petition_stories, world
from danvan.demo.petitions import PetitionsSeedReport, demo_petitions_seed
from danvan.petitions.models import (
    AnonymousReport,
    Case,
    CaseAnswer,
    CaseEvent,
    CaseRating,
    GroupRepresentative,
    IdentityOpenRequest,
    IntakeDetail,
    ReceptionBookEntry,
    ReceptionScheduleDay,
    RefusalNotice,
    RoutingTable,
    SealedIdentity,
)
from danvan.petitions.services.cases import case_running_deadline
from danvan.units.models import User

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
TODAY = NOW.date()
Status = Case.Status


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[PetitionsSeedReport]:
    """The small demo world with its petitions, seeded once and rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock(), time_machine.travel(NOW):
            call_command("seed_demo", minimal=True, force=True, quiet_cast=True, verbosity=0)
            report = demo_petitions_seed()
        yield report
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def sign_in(client: Client, member: cast.CastMember) -> None:
    client.force_login(User.objects.get(username=member.username))


def test_the_workload_covers_every_kind_and_state(seeded: PetitionsSeedReport) -> None:
    # then: 40–80 cases of every kind, over the last four months
    cases = list(Case.objects.select_related("unit"))
    assert seeded.cases_created == len(cases)
    assert 40 <= len(cases) <= 80
    assert {c.kind for c in cases} == set(Case.Kind.values)
    received = [c.received_on for c in cases]
    assert TODAY - dt.timedelta(days=130) <= min(received) < TODAY - dt.timedelta(days=90)
    assert max(received) < TODAY
    # and in every state a demo should show
    statuses = Counter(c.status for c in cases)
    assert set(statuses) == {
        Status.RECEIVED,
        Status.CLASSIFIED,
        Status.NOT_ELIGIBLE,
        Status.SPLIT,
        Status.MERGED,
        Status.RETURNED,
        Status.ACCEPTED,
        Status.SUSPENDED,
        Status.ANSWER_DRAFTED,
        Status.ANSWER_APPROVED,
        Status.ANSWERED,
        Status.CLOSED,
    }
    # some open cases overdue, some due within the next working days
    due = [c.due_on for c in cases if c.is_open and c.due_on is not None]
    assert sum(day < TODAY for day in due) >= 3
    assert sum(TODAY <= day <= TODAY + dt.timedelta(days=4) for day in due) >= 3
    # answered, rated every way, one answer published (a second-time complaint)
    assert set(CaseRating.objects.values_list("outcome", flat=True)) == set(
        CaseRating.Outcome.values
    )
    published = CaseAnswer.objects.get(published=True)
    assert published.case.is_second_time
    assert published.case.previous_case is not None
    assert "Đỗ Văn Thịnh" not in published.published_body
    # the group complaint with its representatives, the split letter, the refusal
    group = Case.objects.get(people_count=12)
    assert GroupRepresentative.objects.filter(case=group).count() == 3
    assert group.rule_code == "complaint_first_complex"
    split = Case.objects.get(kind=Case.Kind.MIXED)
    assert split.status == Status.SPLIT
    assert sorted(split.split_cases.values_list("kind", flat=True)) == ["complaint", "petition"]
    refusal = RefusalNotice.objects.get()
    assert refusal.notice_number == "05/TB-UBND"
    assert not refusal.is_late
    # forwarded to another unit, by the commune and by the provincial reception board
    forwarded = {e.data["to_unit"] for e in CaseEvent.objects.filter(kind="forwarded")}
    assert forwarded == {
        world.DEPARTMENT_OF_HOME_AFFAIRS.code,
        world.PROVINCE_INSPECTORATE.code,
        world.COMMUNE_COMMITTEE.code,
    }
    # visits in the reception book, with the forwarding letter filled in afterwards
    assert seeded.visits_recorded == ReceptionBookEntry.objects.count() >= 10
    assert ReceptionBookEntry.objects.filter(transfer_letter_number="112/PC-BTCD").exists()
    # the routing table is published
    assert RoutingTable.objects.get().published


def test_every_date_follows_the_deadline_engine(seeded: PetitionsSeedReport) -> None:
    for case in Case.objects.exclude(rule_code=""):
        # then: the due date on the row is the one the engine replays from the events
        running = case_running_deadline(case=case)
        assert running is not None
        assert case.due_on == running.due_date, case.idempotency_key
        # and the history happened in order, in the past, from the day of receipt
        days = list(case.events.values_list("occurred_on", flat=True))
        assert days == sorted(days)
        assert case.received_on <= days[0]
        assert days[-1] <= TODAY


def test_the_reception_schedule_has_this_month_and_the_next(seeded: PetitionsSeedReport) -> None:
    days = ReceptionScheduleDay.objects.select_related("head")
    # then: the commune chairman receives twice a month, the chief inspector once
    by_month = Counter((d.head.username, d.date.month) for d in days)
    assert by_month == {
        (cast.COMMUNE_HEAD.username, 11): 2,
        (cast.COMMUNE_HEAD.username, 12): 2,
        (cast.INSPECTORATE_HEAD.username, 11): 1,
        (cast.INSPECTORATE_HEAD.username, 12): 1,
    }
    # past days are recorded as held, the others are planned
    for day in days:
        expected = (
            ReceptionScheduleDay.Status.HELD
            if day.date < TODAY
            else ReceptionScheduleDay.Status.PLANNED
        )
        assert day.status == expected
    # 24/11/2026 is Vietnam Culture Day: that reception day moved to the next working day
    assert days.filter(date=dt.date(2026, 11, 25)).exists()


def test_denouncers_appear_nowhere_outside_the_vault(seeded: PetitionsSeedReport) -> None:
    sealed = list(Case.objects.filter(kind__in=["denunciation", "anonymous_report"]))
    # then: four denunciations and one anonymous report, each with its sealed identity
    assert Counter(c.kind for c in sealed) == {"denunciation": 4, "anonymous_report": 1}
    assert SealedIdentity.objects.filter(case__in=sealed).count() == 5
    # the one made at the desk is in the reception book without its columns 3 and 4
    entry = ReceptionBookEntry.objects.get(case__kind="denunciation")
    assert entry.identity_sealed
    assert (entry.visitor_name, entry.visitor_address, entry.id_paper) == ("", "", "")
    assert AnonymousReport.objects.get().status == AnonymousReport.Status.CHECKED
    # a handler's request to open one identity waits for the custodian, who was told
    request = IdentityOpenRequest.objects.get()
    assert request.status == IdentityOpenRequest.Status.PENDING
    assert request.requested_by.username == cast.PROVINCE_HANDLER.username
    custodian = User.objects.get(username=cast.CUSTODIAN.username)
    assert custodian.notifications.filter(kind="petitions.sealed_identity_request").exists()
    # and none of the denouncers' details is on a row that anyone but the custodian reads
    texts: list[str] = []
    for case in sealed:
        assert (case.petitioner_name, case.petitioner_id_number, case.petitioner_phone) == (
            "",
            "",
            "",
        )
        assert case.submitted_by is None
        texts += [case.subject, case.content, case.search_text]
        texts += [f"{e.note} {e.data}" for e in case.events.all()]
    texts += [f"{d.respondent} {d.co_petitioners}" for d in IntakeDetail.objects.all()]
    texts += [f"{e.summary} {e.notes}" for e in ReceptionBookEntry.objects.all()]
    texts += [f"{a.actor_label} {a.target_label} {a.data}" for a in AuditEntry.objects.all()]
    haystack = "\n".join(texts).casefold()
    assert "phạm văn tư" in haystack  # the texts were gathered: the person denounced is there
    for denouncer in petition_stories.DENOUNCERS:
        for secret in (denouncer.name, denouncer.id_number, denouncer.phone):
            assert secret.casefold() not in haystack, secret
        assert denouncer.phone.replace(" ", "") not in haystack
    # the redacted letter still says what is denounced, and by whom
    village_head = Case.objects.get(
        idempotency_key=petition_stories.key("denunciation-village-head")
    )
    assert "[đã che]" in village_head.content
    assert "ông Phạm Văn Tư, Trưởng thôn Đông Tảo" in village_head.content


def test_staff_pages_render_the_demo_cases(seeded: PetitionsSeedReport, client: Client) -> None:
    # given: the commune's handler
    sign_in(client, cast.COMMUNE_HANDLER)
    open_codes = Case.objects.filter(
        unit__code=world.COMMUNE_COMMITTEE.code, status__in=Case.OPEN_STATUSES
    ).values_list("tracking_code", flat=True)
    # when
    with time_machine.travel(NOW):
        inbox = client.get(reverse("petitions:handling_inbox"))
    # then: the inbox lists the commune's open cases (the first page of them)
    assert inbox.status_code == 200
    html = inbox.content.decode()
    assert sum(code in html for code in open_codes) >= min(25, len(open_codes))
    assert "Cống thoát nước ngõ xóm Chùa" in html
    # and a case page opens, with its history
    case = Case.objects.get(idempotency_key=petition_stories.key("group-compensation"))
    page = client.get(reverse("petitions:handling_case", kwargs={"code": case.tracking_code}))
    assert page.status_code == 200
    assert "Lưu Văn Tám" in page.content.decode()
    # given: the chairman, on the statistics of his committee
    client.logout()
    sign_in(client, cast.COMMUNE_HEAD)
    stats = client.get(
        reverse("petitions:stats_unit", kwargs={"code": world.COMMUNE_COMMITTEE.code})
    )
    assert stats.status_code == 200
    # and anyone sees the published schedule
    client.logout()
    with time_machine.travel(NOW):
        schedule = client.get(
            reverse("petitions:schedule_public", kwargs={"unit_code": world.COMMUNE_COMMITTEE.code})
        )
    assert schedule.status_code == 200
    assert "Phòng tiếp công dân, trụ sở UBND xã Khoái Châu" in schedule.content.decode()


def test_the_stories_are_consistent_data() -> None:
    keys = [story.key for story in petition_stories.STORIES]
    # then: one idempotency key per story
    assert len(keys) == len(set(keys))
    for story in petition_stories.STORIES:
        steps = list(story.steps)
        for step in story.steps:
            if isinstance(step, petition_stories.Split):
                steps += [s for part in step.parts for s in part.steps]
        # and every step happens before today, so the seeder never dates anything ahead
        assert all(0 <= step.day < story.received for step in steps), story.key
        # and a denouncer's details are never on a story that is not sealed
        if story.person in petition_stories.DENOUNCERS:
            assert story.sealed, story.key
