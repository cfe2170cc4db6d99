"""Online reception sessions (ND 154/2026 Arts 16–24): the Art 23 timeline on the legal
calendar, the mandatory recording, and receptions recorded in a session."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case
from danvan.petitions.models.intake import ReceptionBookEntry, ReceptionSession
from danvan.petitions.selectors.intake import session_earliest_day, session_timeline
from danvan.petitions.services.intake import (
    reception_session_cancel,
    reception_session_connection_tested,
    reception_session_held,
    reception_session_schedule,
)
from danvan.petitions.tests.intake.helpers import desk_data, t
from danvan.units.models import Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db
# Tue 28/4/2026: Mon 27/4 (Hùng Kings, observed), Thu 30/4 and Fri 1/5 are days off.
TUESDAY = dt.datetime(2026, 4, 28, 10, 0, tzinfo=VN)


def _at(day: dt.date, hour: int = 8, minute: int = 30) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=VN)


def test_the_art_23_timeline_skips_holidays() -> None:
    # a session on Wed 6/5/2026 at 08:30
    timeline = session_timeline(scheduled_start=_at(dt.date(2026, 5, 6)))
    # notice: 5 working days before, counting back over 1/5, 30/4 and 27/4 -> Fri 24/4
    assert timeline.notify_by == dt.date(2026, 4, 24)
    # connection test: 1 working day before -> Tue 5/5
    assert timeline.connection_test_by == dt.date(2026, 5, 5)
    assert timeline.connect_by == _at(dt.date(2026, 5, 6), 7, 30)
    assert timeline.legal_basis == "Nghị định 154/2026/NĐ-CP, Điều 23"


@pytest.mark.parametrize(
    ("notified_on", "earliest"),
    [
        (dt.date(2026, 4, 24), dt.date(2026, 5, 6)),  # Friday, working day
        (dt.date(2026, 4, 27), dt.date(2026, 5, 7)),  # a day off counts from the next one
        (dt.date(2026, 4, 25), dt.date(2026, 5, 7)),  # Saturday
    ],
)
def test_earliest_day_is_the_inverse_of_the_notice_limit(
    notified_on: dt.date, earliest: dt.date
) -> None:
    assert session_earliest_day(notified_on=notified_on) == earliest
    assert session_timeline(scheduled_start=_at(earliest)).notify_by >= notified_on
    day_before = earliest - dt.timedelta(days=1)
    assert session_timeline(scheduled_start=_at(day_before)).notify_by < notified_on


def _schedule(unit: Unit, head: User, officer: User, **kwargs: object) -> ReceptionSession:
    values: dict[str, object] = {
        "unit": unit,
        "presiding": head,
        "topic": "Tiếp công dân về bồi thường giải phóng mặt bằng đường ĐT.377",
        "scheduled_start": _at(dt.date(2026, 5, 7)),
        "notified_on": dt.date(2026, 4, 27),
        "platform": ReceptionSession.Platform.INSPECTORATE,
        "link": "https://hop.thanhtra.gov.vn/tcd/khoai-chau-0705",
        "participants": [officer],
        "external_participants": "Ông Nguyễn Văn Tư (đại diện 12 hộ)",
        "created_by": officer,
    }
    values.update(kwargs)
    return reception_session_schedule(**values)  # type: ignore[arg-type]


@time_machine.travel(TUESDAY, tick=False)
def test_a_session_too_soon_after_the_notice_is_refused_with_the_first_possible_day(
    commune_committee: Unit, head: User, reception_officer: User
) -> None:
    with pytest.raises(ApplicationError) as error:
        _schedule(
            commune_committee, head, reception_officer, scheduled_start=_at(dt.date(2026, 5, 6))
        )
    assert "07/05/2026" in error.value.message
    session = _schedule(commune_committee, head, reception_officer)
    assert session.status == ReceptionSession.Status.SCHEDULED
    assert list(session.participants.all()) == [reception_officer]


@time_machine.travel(TUESDAY, tick=False)
def test_only_a_head_of_the_unit_presides_and_dates_must_make_sense(
    commune_committee: Unit, head: User, handler: User, reception_officer: User
) -> None:
    with pytest.raises(ApplicationError):
        _schedule(commune_committee, handler, reception_officer)
    with pytest.raises(ApplicationError):
        _schedule(commune_committee, head, reception_officer, notified_on=dt.date(2026, 4, 29))
    with pytest.raises(ApplicationError):
        _schedule(
            commune_committee,
            head,
            reception_officer,
            scheduled_start=_at(dt.date(2026, 4, 20)),
            notified_on=dt.date(2026, 4, 1),
        )


@time_machine.travel(TUESDAY, tick=False)
def test_connection_test_recording_and_cancelling(
    commune_committee: Unit, head: User, reception_officer: User, time_machine: object
) -> None:
    session = _schedule(commune_committee, head, reception_officer)
    reception_session_connection_tested(session=session, actor=reception_officer)
    session.refresh_from_db()
    assert session.connection_tested_at is not None
    # not held before it starts
    with pytest.raises(ApplicationError):
        reception_session_held(
            session=session, actor=reception_officer, recording_url="https://luu.gov.vn/1"
        )
    time_machine.move_to(_at(dt.date(2026, 5, 7), 11, 0))  # type: ignore[attr-defined]
    # the recording is mandatory (Art 24)
    with pytest.raises(ApplicationError):
        reception_session_held(session=session, actor=reception_officer, recording_url=" ")
    held = reception_session_held(
        session=session, actor=reception_officer, recording_url="https://luu.gov.vn/1"
    )
    assert held.status == ReceptionSession.Status.HELD
    # a held session can no longer be cancelled
    with pytest.raises(ApplicationError):
        reception_session_cancel(session=held, actor=reception_officer)
    other = _schedule(
        commune_committee, head, reception_officer, scheduled_start=_at(dt.date(2026, 5, 20))
    )
    assert reception_session_cancel(session=other, actor=reception_officer).status == "cancelled"


@time_machine.travel(TUESDAY, tick=False)
def test_the_database_refuses_a_held_session_without_recording(
    commune_committee: Unit, head: User, reception_officer: User
) -> None:
    session = _schedule(commune_committee, head, reception_officer)
    with pytest.raises(IntegrityError):
        ReceptionSession.objects.filter(pk=session.pk).update(status="held")


@time_machine.travel(TUESDAY, tick=False)
def test_scheduling_through_the_page(
    officer_client: Client, commune_committee: Unit, head: User, reception_officer: User
) -> None:
    url = reverse("petitions:intake_session_add")
    form = officer_client.get(url).content.decode()
    assert head.full_name in form
    data = {
        "topic": "Tiếp công dân trực tuyến về đất đai",
        "day": "2026-05-06",
        "start_time": "08:30",
        "notified_on": "2026-04-27",
        "presiding": str(head.pk),
        "platform": ReceptionSession.Platform.INSPECTORATE,
        "link": "https://hop.thanhtra.gov.vn/tcd/1",
        "participants": [str(reception_officer.pk)],
        "external_participants": "",
    }
    # too soon: refused, typed values kept
    refused = officer_client.post(url, data)
    assert refused.status_code == 400
    assert "07/05/2026" in refused.content.decode()
    assert "Tiếp công dân trực tuyến về đất đai" in refused.content.decode()
    # a bad time and a bad link are explained
    bad = officer_client.post(url, {**data, "start_time": "25:99", "link": "không phải link"})
    assert t("Enter a time, for example 08:30.") in bad.content.decode()
    assert t("Enter a full web address, starting with https://.") in bad.content.decode()
    # a later day is accepted
    response = officer_client.post(url, {**data, "day": "2026-05-07"})
    session = ReceptionSession.objects.get()
    assert response["Location"] == reverse(
        "petitions:intake_session_detail", kwargs={"pk": session.pk}
    )
    detail = officer_client.get(response["Location"]).content.decode()
    assert "ngày 06 tháng 5 năm 2026" in detail  # connection test due (Wed 6/5)
    assert "07:30" in detail
    listing = officer_client.get(reverse("petitions:intake_sessions")).content.decode()
    assert "06/05/2026" in listing


@time_machine.travel(TUESDAY, tick=False)
def test_session_actions_through_the_page(
    officer_client: Client,
    commune_committee: Unit,
    head: User,
    reception_officer: User,
    time_machine: object,
) -> None:
    session = _schedule(commune_committee, head, reception_officer)
    url = reverse("petitions:intake_session_detail", kwargs={"pk": session.pk})
    assert officer_client.post(url, {"action": "tested"}).status_code == 302
    assert officer_client.post(url, {"action": "bogus"}).status_code == 404
    early = officer_client.post(url, {"action": "held", "recording_url": "https://luu.gov.vn/1"})
    assert early.status_code == 409
    time_machine.move_to(_at(dt.date(2026, 5, 7), 11, 0))  # type: ignore[attr-defined]
    missing = officer_client.post(url, {"action": "held", "recording_url": ""})
    assert missing.status_code == 400
    assert t("Give the address of the recording.") in missing.content.decode()
    done = officer_client.post(url, {"action": "held", "recording_url": "https://luu.gov.vn/1"})
    assert done.status_code == 302
    session.refresh_from_db()
    assert session.recording_url == "https://luu.gov.vn/1"
    other = _schedule(
        commune_committee,
        head,
        reception_officer,
        scheduled_start=_at(dt.date(2026, 5, 20)),
        notified_on=dt.date(2026, 5, 7),
    )
    other_url = reverse("petitions:intake_session_detail", kwargs={"pk": other.pk})
    assert officer_client.post(other_url, {"action": "cancel"}).status_code == 302
    other.refresh_from_db()
    assert other.status == ReceptionSession.Status.CANCELLED


@time_machine.travel(TUESDAY, tick=False)
def test_a_reception_in_a_session_is_an_online_session_case(
    officer_client: Client,
    commune_committee: Unit,
    head: User,
    reception_officer: User,
    time_machine: object,
) -> None:
    session = _schedule(commune_committee, head, reception_officer)
    time_machine.move_to(_at(dt.date(2026, 5, 7), 9, 0))  # type: ignore[attr-defined]
    add_url = reverse("petitions:intake_book_add") + f"?buoi={session.pk}"
    assert f'<option value="{session.pk}" selected>' in officer_client.get(add_url).content.decode()
    # a date other than the session's day is refused
    wrong = officer_client.post(
        reverse("petitions:intake_book_add"),
        desk_data(session=str(session.pk), received_on="2026-05-06"),
    )
    assert wrong.status_code == 400
    assert "07/05/2026" in wrong.content.decode()
    # on the day it is recorded with the ONLINE_SESSION channel
    response = officer_client.post(
        reverse("petitions:intake_book_add"),
        desk_data(session=str(session.pk), received_on="2026-05-07"),
    )
    assert response.status_code == 302
    entry = ReceptionBookEntry.objects.get()
    assert entry.session == session
    assert entry.case is not None
    assert entry.case.channel == Case.Channel.ONLINE_SESSION
    page = officer_client.get(
        reverse("petitions:intake_session_detail", kwargs={"pk": session.pk})
    ).content.decode()
    assert entry.case.display_code in page


@time_machine.travel(TUESDAY, tick=False)
def test_another_units_session_cannot_be_used_or_seen(
    client: Client,
    commune_committee: Unit,
    head: User,
    reception_officer: User,
    other_officer: User,
) -> None:
    session = _schedule(commune_committee, head, reception_officer)
    client.force_login(other_officer)
    url = reverse("petitions:intake_session_detail", kwargs={"pk": session.pk})
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("petitions:intake_book_add"),
        desk_data(session=str(session.pk), received_on="2026-04-28"),
    )
    assert response.status_code == 400  # not one of the choices offered to this unit
    assert not ReceptionBookEntry.objects.exists()
