"""Edge cases of intake: races, refusals the forms cannot reach, and malformed addresses."""

import datetime as dt
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case, CaseAnswer
from danvan.petitions.models.intake import CaseRating, ReceptionSession
from danvan.petitions.selectors.intake import case_first_deadline, case_is_answered
from danvan.petitions.services import intake as intake_services
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.petitions.services.intake import (
    BookColumns,
    Submission,
    attachment_inspect,
    case_rate,
    intake_denunciation_receive,
    rate_limit_hit,
    reception_entry_record,
    reception_entry_update,
)
from danvan.petitions.tests.intake.conftest import PDF, upload
from danvan.petitions.tests.intake.helpers import petition_data, t
from danvan.units.models import Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def _submission(unit: Unit, kind: Case.Kind = Case.Kind.PETITION) -> Submission:
    return Submission(
        kind=kind,
        subject="Đề nghị sửa cống",
        content="Cống thoát nước thôn Đông Tảo bị tắc.",
        unit=unit,
        petitioner=Petitioner(name="Trần Văn Nam", address="Thôn Đông Tảo"),
    )


def _case(unit: Unit) -> Case:
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="Đèn đường hỏng",
        content="Đèn đường hỏng.",
        receiving_unit=unit,
        petitioner=Petitioner(name="Trần Văn Nam"),
    )
    return case


def test_a_denunciation_that_fails_midway_leaves_no_file(
    commune_committee: Unit, private_media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(**_: object) -> None:
        raise RuntimeError("audit down")

    monkeypatch.setattr(intake_services, "audit_record", boom)
    with pytest.raises(RuntimeError):
        intake_denunciation_receive(
            submission=_submission(commune_committee, Case.Kind.DENUNCIATION),
            idempotency_key="den:boom",
            files=[attachment_inspect(upload=upload("a.pdf", PDF))],
        )
    assert not Case.objects.exists()
    assert not [p for p in private_media.rglob("*") if p.is_file()]


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 0, tzinfo=VN), tick=False)
def test_a_denunciation_visit_that_fails_midway_leaves_no_file(
    commune_committee: Unit,
    reception_officer: User,
    private_media: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(**_: object) -> None:
        raise RuntimeError("book down")

    monkeypatch.setattr(intake_services, "_entry_write", boom)
    with pytest.raises(RuntimeError):
        intake_services.reception_denunciation_record(
            submission=_submission(commune_committee, Case.Kind.DENUNCIATION),
            officer=reception_officer,
            received_on=dt.date(2026, 10, 15),
            columns=BookColumns(),
            idempotency_key="desk:boom",
            files=[attachment_inspect(upload=upload("a.pdf", PDF))],
        )
    assert not Case.objects.exists()
    assert not [p for p in private_media.rglob("*") if p.is_file()]


def test_a_counter_that_expires_between_add_and_incr_starts_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache.clear()
    rate_limit_hit(scope="x", client="1.1.1.1", limit=5, window_seconds=60)

    def expired(*_: object, **__: object) -> int:
        raise ValueError("key expired")

    monkeypatch.setattr(cache, "incr", expired)
    monkeypatch.setattr(cache, "add", lambda *_, **__: False)
    assert not rate_limit_hit(scope="x", client="1.1.1.1", limit=5, window_seconds=60)


def test_two_ratings_at_once_record_one(
    commune_committee: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an answered case already rated, and a second request that missed the check
    case = _case(commune_committee)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ANSWERED)
    case_rate(case=case, outcome=CaseRating.Outcome.SATISFIED, via=CaseRating.Via.ACCOUNT)
    real_filter = CaseRating.objects.filter

    class Missed:
        def exists(self) -> bool:
            return False

    monkeypatch.setattr(CaseRating.objects, "filter", lambda **_: Missed())
    with pytest.raises(ApplicationError):
        case_rate(case=case, outcome=CaseRating.Outcome.PARTLY, via=CaseRating.Via.ACCOUNT)
    monkeypatch.setattr(CaseRating.objects, "filter", real_filter)
    assert CaseRating.objects.get(case=case).outcome == CaseRating.Outcome.SATISFIED


def test_an_answer_sent_without_status_change_can_be_rated(
    commune_committee: Unit, handler: User
) -> None:
    case = _case(commune_committee)
    assert not case_is_answered(case=case)
    CaseAnswer.objects.create(
        case=case,
        body="Trả lời",
        drafted_by=handler,
        drafted_at=timezone.now(),
        sent_at=timezone.now(),
    )
    assert case_is_answered(case=case)


def test_no_deadline_without_a_rule(commune_committee: Unit) -> None:
    case = _case(commune_committee)
    case.rule_code = ""
    assert case_first_deadline(case=case) is None


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 0, tzinfo=VN), tick=False)
def test_service_rules_behind_the_forms(
    commune_committee: Unit, other_committee: Unit, reception_officer: User, head: User
) -> None:
    columns = BookColumns(within_competence=True, guided_to="Tòa án nhân dân khu vực 5")
    with pytest.raises(ApplicationError):
        reception_entry_record(
            submission=_submission(commune_committee),
            officer=reception_officer,
            received_on=dt.date(2026, 10, 15),
            columns=columns,
            idempotency_key="e1",
        )
    with pytest.raises(ValueError, match="denunciation"):
        reception_entry_record(
            submission=_submission(commune_committee, Case.Kind.DENUNCIATION),
            officer=reception_officer,
            received_on=dt.date(2026, 10, 15),
            columns=BookColumns(),
            idempotency_key="e2",
        )
    other_session = ReceptionSession.objects.create(
        unit=other_committee,
        presiding=head,
        topic="Tiếp công dân",
        scheduled_start=dt.datetime(2026, 10, 15, 8, 0, tzinfo=VN),
        notified_on=dt.date(2026, 10, 1),
        platform=ReceptionSession.Platform.OTHER,
        link="https://hop.gov.vn/2",
    )
    with pytest.raises(ApplicationError):
        reception_entry_record(
            submission=_submission(commune_committee),
            officer=reception_officer,
            received_on=dt.date(2026, 10, 15),
            columns=BookColumns(),
            idempotency_key="e3",
            session=other_session,
        )
    entry, _ = reception_entry_record(
        submission=_submission(commune_committee),
        officer=reception_officer,
        received_on=dt.date(2026, 10, 15),
        columns=BookColumns(),
        idempotency_key="e4",
    )
    with pytest.raises(ApplicationError):
        reception_entry_update(entry=entry, officer=reception_officer, columns=columns)


def test_malformed_codes_in_addresses_are_404(
    client: Client, commune_committee: Unit, citizen: User, handler: User
) -> None:
    client.force_login(citizen)
    assert client.get(reverse("petitions:intake_my_case", kwargs={"code": "xx"})).status_code == 404
    client.force_login(handler)
    url = reverse("petitions:intake_attachment_download", kwargs={"code": "xx", "pk": 1})
    assert client.get(url).status_code == 404


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 0, tzinfo=VN), tick=False)
def test_a_denunciation_has_no_ordinary_desk_receipt(
    officer_client: Client, commune_committee: Unit
) -> None:
    received = intake_denunciation_receive(
        submission=_submission(commune_committee, Case.Kind.DENUNCIATION),
        idempotency_key="den:desk",
    )
    url = reverse("petitions:intake_desk_receipt", kwargs={"code": received.case.tracking_code})
    assert officer_client.get(url).status_code == 404


def test_the_tracking_page_and_the_rating_are_rate_limited(
    client: Client, commune_committee: Unit, settings: Settings
) -> None:
    assert (
        t("Follow your petition")
        in client.get(reverse("petitions:intake_tracking")).content.decode()
    )
    settings.DANVAN = {**settings.DANVAN, "TRACKING_RATE_LIMIT": 1}
    case = _case(commune_committee)
    client.post(reverse("petitions:intake_tracking"), {"code": case.tracking_code})
    response = client.post(reverse("petitions:intake_rate"), {"code": case.tracking_code})
    assert response.status_code == 429


def test_a_chosen_body_stays_offered_during_another_search(
    client: Client, commune_committee: Unit, other_committee: Unit
) -> None:
    data = petition_data(commune_committee, unit_q="pho hien", find_unit="1")
    html = client.post(reverse("petitions:intake_form"), data).content.decode()
    assert f'<option value="{commune_committee.code}" selected>' in html
    assert f'<option value="{other_committee.code}">' in html


def test_a_too_long_name_in_the_group_list_is_refused(
    client: Client, commune_committee: Unit
) -> None:
    data = petition_data(commune_committee, people_count="3", co_petitioners="A" * 151)
    response = client.post(reverse("petitions:intake_form"), data)
    assert response.status_code == 400
    assert t("Each name can have at most 150 characters.") in response.content.decode()
