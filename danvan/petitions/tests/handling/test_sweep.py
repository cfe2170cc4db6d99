"""The daily sweep: warnings before due dates, escalation when overdue, each alert once,
only on working days (Tết 2027: 4-10/2 off)."""

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.notifications.models import Notification
from danvan.petitions.models import AlertSent, Case, CaseEvent
from danvan.petitions.services.cases import case_receive
from danvan.petitions.services.handling import case_alerts_sweep
from danvan.petitions.tasks import petitions_sweep
from danvan.petitions.tests.handling.conftest import CaseMaker, make_staff
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]
TWO_DAYS = {**settings.DANVAN, "DEADLINE_WARNING_WORKING_DAYS": 2}


def due(case: Case, on: dt.date) -> Case:
    Case.objects.filter(pk=case.pk).update(due_on=on)
    case.refresh_from_db()
    return case


@pytest.fixture
def cases(travel: Travel, make_case: CaseMaker) -> dict[str, Case]:
    travel(dt.date(2027, 1, 20))
    return {
        "due_2_2": due(make_case(), dt.date(2027, 2, 2)),
        "due_3_2": due(make_case(), dt.date(2027, 2, 3)),
        "due_11_2": due(make_case(), dt.date(2027, 2, 11)),
        "due_12_2": due(make_case(), dt.date(2027, 2, 12)),
        "due_15_2": due(make_case(), dt.date(2027, 2, 15)),
        "due_1_3": due(make_case(), dt.date(2027, 3, 1)),
    }


def _alerted(kind: str) -> set[int]:
    return set(AlertSent.objects.filter(kind=kind).values_list("case_id", flat=True))


@override_settings(DANVAN=TWO_DAYS)
def test_warnings_and_escalations_across_tet(
    cases: dict[str, Case],
    handler: User,
    head: User,
    province_head: User,
    other_handler: User,
) -> None:
    # on Wed 3/2/2027, the last working day before Tết, the next 2 working days are 11-12/2
    result = case_alerts_sweep(on=dt.date(2027, 2, 3))
    assert result.working_day
    assert _alerted("warning") == {
        cases["due_3_2"].pk,
        cases["due_11_2"].pk,
        cases["due_12_2"].pk,
    }
    assert _alerted("overdue") == {cases["due_2_2"].pk}
    assert (result.warnings, result.escalations) == (3, 1)
    # the handler gets one digest of the three codes; the heads of the commune committee and
    # of the province above it get the escalation; another unit's staff nothing
    warning = Notification.objects.get(recipient=handler, kind="petitions.deadline_warning")
    for key in ("due_3_2", "due_11_2", "due_12_2"):
        assert cases[key].display_code in warning.body
    assert warning.title == ngettext(
        "%(count)d case is due within %(days)d working days",
        "%(count)d cases are due within %(days)d working days",
        3,
    ) % {"count": 3, "days": 2}
    assert warning.url.endswith("?due=soon")
    for boss in (head, province_head):
        escalation = Notification.objects.get(recipient=boss, kind="petitions.deadline_overdue")
        assert cases["due_2_2"].display_code in escalation.body
    assert not Notification.objects.filter(recipient=other_handler).exists()
    assert not Notification.objects.filter(recipient=head, kind="petitions.deadline_warning")
    assert result.notifications == 3
    # history events on the cases
    assert cases["due_2_2"].events.filter(kind=CaseEvent.Kind.ESCALATED).count() == 1
    event = cases["due_11_2"].events.get(kind=CaseEvent.Kind.WARNING_SENT)
    assert event.data == {"due_on": "2027-02-11"}

    # a re-run the same day sends nothing
    again = case_alerts_sweep(on=dt.date(2027, 2, 3))
    assert (again.warnings, again.escalations, again.notifications) == (0, 0, 0)

    # Fri 5/2/2027 is in the Tết break: nothing at all, although 3/2 became overdue
    off = case_alerts_sweep(on=dt.date(2027, 2, 5))
    assert not off.working_day
    assert _alerted("overdue") == {cases["due_2_2"].pk}

    # Thu 11/2/2027, first working day after Tết: catch up
    catch_up = case_alerts_sweep(on=dt.date(2027, 2, 11))
    assert _alerted("overdue") == {cases["due_2_2"].pk, cases["due_3_2"].pk}
    assert cases["due_15_2"].pk in _alerted("warning")
    assert (catch_up.warnings, catch_up.escalations) == (1, 1)
    assert cases["due_1_3"].pk not in _alerted("warning")
    assert AlertSent.objects.count() == 6
    assert Notification.objects.filter(recipient=handler).count() == 2


@override_settings(DANVAN=TWO_DAYS)
def test_a_new_due_date_gets_a_new_warning(cases: dict[str, Case], handler: User) -> None:
    case_alerts_sweep(on=dt.date(2027, 2, 3))
    # the case due on 12/2 is extended to 19/2 (e.g. a complex denunciation)
    due(cases["due_12_2"], dt.date(2027, 2, 19))
    case_alerts_sweep(on=dt.date(2027, 2, 11))
    assert not AlertSent.objects.filter(case=cases["due_12_2"], due_on=dt.date(2027, 2, 19))
    case_alerts_sweep(on=dt.date(2027, 2, 17))
    assert AlertSent.objects.filter(
        case=cases["due_12_2"], kind="warning", due_on=dt.date(2027, 2, 19)
    ).exists()
    assert cases["due_12_2"].events.filter(kind=CaseEvent.Kind.WARNING_SENT).count() == 2


@override_settings(DANVAN=TWO_DAYS)
def test_closed_and_suspended_cases_are_left_alone(cases: dict[str, Case]) -> None:
    Case.objects.filter(pk=cases["due_2_2"].pk).update(status=Case.Status.ANSWERED)
    Case.objects.filter(pk=cases["due_11_2"].pk).update(status=Case.Status.SUSPENDED, due_on=None)
    case_alerts_sweep(on=dt.date(2027, 2, 3))
    assert cases["due_2_2"].pk not in _alerted("overdue")
    assert cases["due_11_2"].pk not in _alerted("warning")


@override_settings(DANVAN=TWO_DAYS)
def test_a_unit_without_handler_warns_its_head(cases: dict[str, Case], head: User) -> None:
    case_alerts_sweep(on=dt.date(2027, 2, 3))
    warning = Notification.objects.get(recipient=head, kind="petitions.deadline_warning")
    assert cases["due_12_2"].display_code in warning.body


@override_settings(DANVAN={**settings.DANVAN, "DEADLINE_WARNING_WORKING_DAYS": 1})
def test_a_long_digest_is_cut_and_the_window_follows_the_setting(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2027, 1, 20))
    made = [due(make_case(), dt.date(2027, 2, 11)) for _ in range(23)]
    due(make_case(), dt.date(2027, 2, 12))  # 2 working days away: outside a 1-day window
    result = case_alerts_sweep(on=dt.date(2027, 2, 3), batch_size=5)
    assert result.warnings == 23
    warning = Notification.objects.get(recipient=handler, kind="petitions.deadline_warning")
    assert sum(line.startswith("DV-") for line in warning.body.splitlines()) == 20
    assert warning.body.splitlines()[-1] == _("and %(more)d more") % {"more": 3}
    assert len(made) == AlertSent.objects.count()


def test_the_alert_row_is_unique(cases: dict[str, Case]) -> None:
    row = {"case": cases["due_2_2"], "kind": "overdue", "due_on": dt.date(2027, 2, 2)}
    AlertSent.objects.create(**row, sent_on=dt.date(2027, 2, 3), run="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertSent.objects.create(**row, sent_on=dt.date(2027, 2, 4), run="b")


@override_settings(DANVAN=TWO_DAYS)
def test_the_command_and_the_task(
    cases: dict[str, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("petitions_sweep", "--date", "2027-02-06")
    assert "day off" in capsys.readouterr().out
    call_command("petitions_sweep", "--date", "2027-02-03")
    assert "3 warning(s), 1 escalation(s)" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("petitions_sweep", "--date", "3/2/2027")
    result = petitions_sweep.enqueue(on="2027-02-11")
    assert result.return_value == {
        "on": "2027-02-11",
        "working_day": True,
        "warnings": 1,
        "escalations": 1,
        "notifications": 0,
    }


def test_the_task_defaults_to_today(travel: Travel, cases: dict[str, Case]) -> None:
    travel(dt.date(2027, 2, 6))
    result = petitions_sweep.enqueue()
    assert result.return_value["working_day"] is False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@override_settings(DANVAN=TWO_DAYS)
def test_two_workers_racing_send_each_alert_once(commune_committee: Unit) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database cannot take concurrent writers")
    handler = make_staff("xuly2", commune_committee, RoleAssignment.Role.HANDLER)
    for i in range(40):
        case, _ = case_receive(
            kind=Case.Kind.PETITION,
            channel=Case.Channel.WEB,
            subject=f"Vụ việc {i}",
            content="Nội dung",
            receiving_unit=commune_committee,
        )
        due(case, dt.date(2027, 2, 2) if i % 2 else dt.date(2027, 2, 11))
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            barrier.wait()
            case_alerts_sweep(on=dt.date(2027, 2, 3), batch_size=7)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AlertSent.objects.count() == 40
    assert CaseEvent.objects.filter(kind__in=["warning_sent", "escalated"]).count() == 40
    warnings = Notification.objects.filter(recipient=handler, kind="petitions.deadline_warning")
    assert warnings.count() == 1
    assert sum(line.startswith("DV-") for line in warnings.get().body.splitlines()) == 20
