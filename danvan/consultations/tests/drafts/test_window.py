"""The posting window: computed by the deadline engine, checked against hand-counted dates.

Hand counts (Civil Code Art 147: the day of opening is not counted; Art 148(5): a period
ending on a day off ends on the next working day; both rules are 20 calendar days):

* opened Tue 10/03/2026 → day 20 is Mon 30/03/2026 → open until 24:00 on 30/03.
* opened Mon 09/03/2026 → day 20 is Sun 29/03/2026 → rolls to Mon 30/03/2026.
* opened Tue 07/04/2026 (commune) → day 20 is Mon 27/04/2026, the day off in lieu of the
  Hùng Kings' day (Sun 26/04/2026, Labour Code Art 112(3)) → rolls to Tue 28/04/2026.
* with an administrator's override to 30 days from 01/01/2026, opened 10/03/2026 → 09/04.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from danvan.consultations.models import Consultation
from danvan.consultations.selectors.drafts import consultation_window, consultations_open_public
from danvan.consultations.services.drafts import consultation_close, consultation_open
from danvan.consultations.tests.drafts.conftest import t
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.models import RuleOverride
from danvan.units.models import User

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TOO_SHORT = (
    "Comments must be accepted at least until the end of %(date)s "
    "(the minimum period of rule %(rule)s)."
)
CLOSE_EARLY = (
    "The legal minimum period runs until the end of %(date)s; the consultation "
    "cannot be closed before then."
)
NO_DRAFT = "Import the draft before opening the consultation."
FORBIDDEN = "You may not change this consultation."
ALREADY_OPEN = "This consultation has already been opened."
NOT_OPEN = "Only an open consultation can be closed."


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=HCM)


def test_legal_document_window_counts_20_days_after_opening(
    imported: Consultation, handler: User
) -> None:
    Consultation.objects.filter(pk=imported.pk).update(
        kind=Consultation.Kind.LEGAL_DOCUMENT, rule_code="consultation_posting"
    )
    imported.refresh_from_db()
    # given Tuesday 10 March 2026, 16:00 in Hanoi
    with time_machine.travel(local(2026, 3, 10, 16, 0), tick=False):
        # when the consultation is opened
        opened = consultation_open(consultation=imported, actor=handler)
        window = consultation_window(opened)
    # then comments are accepted until the end of Monday 30 March 2026
    assert opened.status == Consultation.Status.OPEN
    assert opened.opens_at == local(2026, 3, 10, 16, 0)
    assert opened.closes_at == local(2026, 3, 31, 0, 0)
    assert window.last_day == dt.date(2026, 3, 30)
    assert window.minimum_last_day == dt.date(2026, 3, 30)
    assert window.days_left == 20
    assert window.rule.code == "consultation_posting"
    assert window.rule_is_uncertain  # [U] in DOMAIN.md §6.1


def test_a_window_ending_on_sunday_rolls_to_monday(imported: Consultation, handler: User) -> None:
    with time_machine.travel(local(2026, 3, 9, 8, 0), tick=False):
        opened = consultation_open(consultation=imported, actor=handler)
    assert opened.rule_code == "commune_consultation"
    assert timezone.localtime(opened.closes_at) == local(2026, 3, 31, 0, 0)


def test_commune_window_skips_the_day_off_in_lieu_of_hung_kings_day(
    imported: Consultation, handler: User
) -> None:
    with time_machine.travel(local(2026, 4, 7, 9, 0), tick=False):
        opened = consultation_open(consultation=imported, actor=handler)
        window = consultation_window(opened)
    assert window.last_day == dt.date(2026, 4, 28)
    assert not window.rule_is_uncertain  # [V]: Law 10/2022/QH15 Art 28


def test_the_local_date_decides_not_utc(imported: Consultation, handler: User) -> None:
    # given 01:00 on 10 March in Hanoi, still 9 March in UTC
    with time_machine.travel(dt.datetime(2026, 3, 9, 18, 0, tzinfo=dt.UTC), tick=False):
        opened = consultation_open(consultation=imported, actor=handler)
    # then the count starts from 10 March (day 20 = 30 March)
    assert opened.closes_at == local(2026, 3, 31, 0, 0)


def test_an_administrators_override_changes_the_window(
    imported: Consultation, handler: User
) -> None:
    # given the [U] posting period corrected to 30 days by an administrator
    RuleOverride.objects.create(
        rule_code="consultation_posting",
        count=30,
        effective_from=dt.date(2026, 1, 1),
        legal_basis="Nghị định 78/2025/NĐ-CP, Điều 2 (kiểm chứng)",
    )
    Consultation.objects.filter(pk=imported.pk).update(rule_code="consultation_posting")
    imported.refresh_from_db()
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False):
        opened = consultation_open(consultation=imported, actor=handler)
    assert opened.closes_at == local(2026, 4, 10, 0, 0)  # until the end of Thu 09/04/2026


def test_a_later_last_day_may_be_chosen_an_earlier_one_not(
    imported: Consultation, handler: User
) -> None:
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False):
        with pytest.raises(ApplicationError) as error:
            consultation_open(consultation=imported, actor=handler, last_day=dt.date(2026, 3, 29))
        assert error.value.message == t(TOO_SHORT, date="30/03/2026", rule="commune_consultation")
        imported.refresh_from_db()
        assert imported.status == Consultation.Status.DRAFT
        opened = consultation_open(
            consultation=imported, actor=handler, last_day=dt.date(2026, 4, 15)
        )
    assert opened.closes_at == local(2026, 4, 16, 0, 0)


def test_countdown_and_automatic_close(imported: Consultation, handler: User) -> None:
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False) as traveller:
        opened = consultation_open(consultation=imported, actor=handler)
        # on day 19 there is one day left
        traveller.move_to(local(2026, 3, 29, 12, 0))
        assert consultation_window(opened).days_left == 1
        # on the last day, late in the evening, it is still open with 0 days left
        traveller.move_to(local(2026, 3, 30, 23, 59, 59))
        assert opened.is_open
        assert consultation_window(opened).days_left == 0
        assert list(consultations_open_public()) == [opened]
        # at midnight it closes by itself, with no job having run
        traveller.move_to(local(2026, 3, 31, 0, 0))
        opened.refresh_from_db()
        assert opened.status == Consultation.Status.OPEN
        assert not opened.is_open_at()
        assert opened.effective_status == Consultation.Status.CLOSED
        assert consultation_window(opened).days_left is None
        assert list(consultations_open_public()) == []


def test_a_draft_is_not_open_and_shows_the_window_it_would_get(
    imported: Consultation,
) -> None:
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False):
        window = consultation_window(imported)
        assert not imported.is_open
        assert imported.effective_status == Consultation.Status.DRAFT
    assert window.minimum_last_day == dt.date(2026, 3, 30)
    assert window.last_day is None
    assert window.days_left is None


def test_open_but_not_yet_started_reads_as_draft(imported: Consultation) -> None:
    Consultation.objects.filter(pk=imported.pk).update(
        status=Consultation.Status.OPEN, opens_at=local(2026, 3, 20, 0, 0), closes_at=None
    )
    imported.refresh_from_db()
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False):
        assert not imported.is_open_at()
        assert imported.effective_status == Consultation.Status.DRAFT
    with time_machine.travel(local(2026, 3, 21, 10, 0), tick=False):
        assert imported.is_open  # no closing date: open until closed by hand


def test_opening_needs_a_draft_and_happens_once(
    consultation: Consultation, imported: Consultation, handler: User, other_handler: User
) -> None:
    empty = Consultation.objects.create(
        unit=consultation.unit, title="Chưa có dự thảo", slug="chua-co-du-thao-abc123"
    )
    with pytest.raises(ApplicationError, match=re.escape(t(NO_DRAFT))):
        consultation_open(consultation=empty, actor=handler)
    with pytest.raises(ApplicationError, match=re.escape(t(FORBIDDEN))):
        consultation_open(consultation=imported, actor=other_handler)
    consultation_open(consultation=imported, actor=handler)
    with pytest.raises(ApplicationError, match=re.escape(t(ALREADY_OPEN))):
        consultation_open(consultation=imported, actor=handler)


def test_closing_by_hand_only_after_the_legal_minimum(
    imported: Consultation, handler: User, other_handler: User
) -> None:
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False) as traveller:
        opened = consultation_open(
            consultation=imported, actor=handler, last_day=dt.date(2026, 4, 30)
        )
        # before the minimum has run: refused
        traveller.move_to(local(2026, 3, 30, 12, 0))
        with pytest.raises(ApplicationError) as error:
            consultation_close(consultation=opened, actor=handler)
        assert error.value.message == t(CLOSE_EARLY, date="30/03/2026")
        with pytest.raises(ApplicationError, match=re.escape(t(FORBIDDEN))):
            consultation_close(consultation=opened, actor=other_handler)
        # after it: closed now, the window cut short
        traveller.move_to(local(2026, 4, 2, 9, 0))
        closed = consultation_close(consultation=opened, actor=handler)
        assert closed.status == Consultation.Status.CLOSED
        assert closed.closes_at == local(2026, 4, 2, 9, 0)
        assert not closed.is_open
        with pytest.raises(ApplicationError, match=re.escape(t(NOT_OPEN))):
            consultation_close(consultation=closed, actor=handler)


def test_closing_after_the_window_keeps_its_end(imported: Consultation, handler: User) -> None:
    with time_machine.travel(local(2026, 3, 10, 10, 0), tick=False) as traveller:
        opened = consultation_open(consultation=imported, actor=handler)
        traveller.move_to(local(2026, 4, 5, 9, 0))
        closed = consultation_close(consultation=opened, actor=handler)
    assert closed.closes_at == local(2026, 3, 31, 0, 0)
