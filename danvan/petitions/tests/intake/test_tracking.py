"""The public tracking page and the citizen's rating of the answer."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case, CaseAnswer, CaseEvent
from danvan.petitions.models.intake import CaseRating
from danvan.petitions.services.cases import Petitioner, case_event_add, case_receive
from danvan.petitions.services.intake import case_rate
from danvan.petitions.tests.intake.helpers import t
from danvan.units.models import Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db
TRACK = "petitions:intake_tracking"
NOT_FOUND = (
    "No petition was found with this tracking code. Check the code on your receipt: "
    "it starts with DV and has 10 more letters and digits."
)


def _case(unit: Unit, kind: Case.Kind = Case.Kind.PETITION, **kwargs: object) -> Case:
    petitioner = None if kind == Case.Kind.DENUNCIATION else Petitioner(name="Trần Thị Bình")
    case, _ = case_receive(
        kind=kind,
        channel=Case.Channel.WEB,
        subject="Đèn đường thôn An Vĩ hỏng",
        content="Đèn đường hỏng hai tuần nay.",
        receiving_unit=unit,
        petitioner=petitioner,
        **kwargs,  # type: ignore[arg-type]
    )
    return case


def _answer(case: Case, handler: User, *, published: bool = True) -> None:
    """What the handling area does when the head's answer is sent (and published)."""
    CaseAnswer.objects.create(
        case=case,
        body="Trả lời bà Trần Thị Bình: UBND xã sẽ thay đèn trong tháng 11.",
        drafted_by=handler,
        drafted_at=timezone.now(),
        sent_at=timezone.now(),
        published=published,
        published_title="Trả lời kiến nghị về đèn chiếu sáng thôn An Vĩ",
        published_body="Trả lời bà [đã che]: UBND xã sẽ thay đèn trong tháng 11.",
        published_on=timezone.localdate(),
    )
    case_event_add(case=case, kind=CaseEvent.Kind.ANSWER_SENT, actor=handler)
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ANSWERED)


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 0, tzinfo=VN), tick=False)
def test_lookup_shows_status_history_and_due_date_without_internal_details(
    client: Client, commune_committee: Unit, handler: User
) -> None:
    # given a case accepted by a handler, with an internal note
    case = _case(commune_committee)
    case_event_add(
        case=case, kind=CaseEvent.Kind.NOTE, actor=handler, note="Gọi điện cho trưởng thôn"
    )
    case_event_add(case=case, kind=CaseEvent.Kind.ACCEPTED, actor=handler, note="Phân công ông Đức")
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ACCEPTED)
    # when the citizen types the code in lower case with spaces
    response = client.post(reverse(TRACK), {"code": case.display_code.lower().replace("-", " ")})
    html = response.content.decode()
    # then
    assert response.status_code == 200
    assert case.display_code in html
    assert t("Accepted and being resolved") in html
    assert t("Your petition was received.") in html
    assert t("The petition was accepted for resolution.") in html
    assert "ngày 29 tháng 10 năm 2026" in html
    assert commune_committee.name in html
    for secret in ("Trịnh Văn Đức", handler.username, "Gọi điện", "Phân công", "Trần Thị Bình"):
        assert secret not in html


@pytest.mark.parametrize("code", ["DV0000000000", "DV-12", "không phải mã", "DV!!!!!!!!!!"])
def test_unknown_and_malformed_codes_get_one_clear_message(client: Client, code: str) -> None:
    response = client.post(reverse(TRACK), {"code": code})
    assert response.status_code == 404
    assert t(NOT_FOUND) in response.content.decode()
    assert f'value="{code}"' in response.content.decode()


def test_an_empty_code_is_asked_for(client: Client) -> None:
    response = client.post(reverse(TRACK), {"code": ""})
    assert response.status_code == 400
    assert t("Enter the tracking code from your receipt.") in response.content.decode()


def test_a_denunciation_is_not_found_by_its_tracking_code(
    client: Client, commune_committee: Unit
) -> None:
    case = _case(commune_committee, kind=Case.Kind.DENUNCIATION)
    response = client.post(reverse(TRACK), {"code": case.tracking_code})
    html = response.content.decode()
    assert response.status_code == 404
    assert t(NOT_FOUND) in html
    assert case.display_code not in html.replace(f'value="{case.tracking_code}"', "")
    # nor can it be rated by its code
    rate = client.post(reverse("petitions:intake_rate"), {"code": case.tracking_code})
    assert rate.status_code == 404


def test_lookups_are_rate_limited_per_address(
    client: Client, commune_committee: Unit, settings: Settings
) -> None:
    settings.DANVAN = {**settings.DANVAN, "TRACKING_RATE_LIMIT": 3}
    case = _case(commune_committee)
    for _ in range(3):
        assert client.post(reverse(TRACK), {"code": "DV0000000000"}).status_code == 404
    # the fourth look-up, even with a good code, is refused for a while
    response = client.post(reverse(TRACK), {"code": case.tracking_code})
    assert response.status_code == 429
    assert (
        t("Too many look-ups from this network address. Please wait 15 minutes and try again.")
        in response.content.decode()
    )
    assert (
        client.post(
            reverse(TRACK), {"code": case.tracking_code}, REMOTE_ADDR="198.51.100.7"
        ).status_code
        == 200
    )


def test_a_merged_case_is_still_found_by_its_old_code(
    client: Client, commune_committee: Unit
) -> None:
    old = _case(commune_committee)
    target = _case(commune_committee)
    Case.objects.filter(pk=old.pk).update(merged_into=target, status=Case.Status.MERGED)
    Case.objects.filter(pk=target.pk).update(status=Case.Status.ACCEPTED)
    html = client.post(reverse(TRACK), {"code": old.tracking_code}).content.decode()
    assert target.display_code in html
    assert t("Accepted and being resolved") in html


def test_a_split_case_lists_its_parts_but_never_a_denunciation(
    client: Client, commune_committee: Unit
) -> None:
    mixed = _case(commune_committee, kind=Case.Kind.MIXED)
    part = _case(commune_committee)
    secret = _case(commune_committee, kind=Case.Kind.DENUNCIATION)
    Case.objects.filter(pk__in=[part.pk, secret.pk]).update(split_from=mixed)
    Case.objects.filter(pk=mixed.pk).update(status=Case.Status.SPLIT)
    html = client.post(reverse(TRACK), {"code": mixed.tracking_code}).content.decode()
    assert part.display_code in html
    assert secret.display_code not in html
    assert t("Split into separate cases") in html


def test_the_published_answer_is_shown_and_can_be_rated_once(
    client: Client, commune_committee: Unit, handler: User
) -> None:
    # given an answered case
    case = _case(commune_committee)
    _answer(case, handler)
    page = client.post(reverse(TRACK), {"code": case.tracking_code}).content.decode()
    assert "Trả lời bà [đã che]" in page
    assert "Trần Thị Bình" not in page  # only the redacted copy is public
    assert 'action="' + reverse("petitions:intake_rate") + '"' in page
    # when the rating is sent without confirming receipt
    rate_url = reverse("petitions:intake_rate")
    incomplete = client.post(rate_url, {"code": case.tracking_code, "outcome": "partly"})
    assert incomplete.status_code == 400
    assert t("Confirm that you have received the answer.") in incomplete.content.decode()
    # when it is complete
    data = {
        "code": case.tracking_code,
        "confirm_receipt": "on",
        "outcome": CaseRating.Outcome.PARTLY,
        "comment": "Đã thay đèn nhưng còn một đoạn tối.",
    }
    done = client.post(rate_url, data)
    # then it is recorded once, with a RATED event and an audit entry without the comment
    assert done.status_code == 200
    assert t("Thank you. Your rating was recorded.") in done.content.decode()
    rating = CaseRating.objects.get(case=case)
    assert rating.outcome == CaseRating.Outcome.PARTLY
    assert rating.via == CaseRating.Via.TRACKING_CODE
    assert rating.rated_by is None
    assert case.events.filter(kind=CaseEvent.Kind.RATED).count() == 1
    entry = AuditEntry.objects.get(verb="case.rate")
    assert "đèn" not in str(entry.data)
    # and a second rating is refused
    again = client.post(rate_url, {**data, "outcome": CaseRating.Outcome.SATISFIED})
    assert again.status_code == 409
    assert t("This answer has already been rated.") in again.content.decode()
    assert CaseRating.objects.get(case=case).outcome == CaseRating.Outcome.PARTLY


def test_no_rating_before_the_answer(client: Client, commune_committee: Unit) -> None:
    case = _case(commune_committee)
    page = client.post(reverse(TRACK), {"code": case.tracking_code}).content.decode()
    assert reverse("petitions:intake_rate") not in page
    response = client.post(
        reverse("petitions:intake_rate"),
        {"code": case.tracking_code, "confirm_receipt": "on", "outcome": "satisfied"},
    )
    assert response.status_code == 409
    assert t("There is no answer to rate yet.") in response.content.decode()
    assert not CaseRating.objects.exists()


def test_a_sent_unpublished_answer_is_shown_redacted_and_can_be_rated(
    client: Client, commune_committee: Unit, handler: User
) -> None:
    # given an answer sent to the citizen but not published (most answers are not)
    case = _case(commune_committee)
    _answer(case, handler, published=False)
    # when the citizen looks the case up by its code
    page = client.post(reverse(TRACK), {"code": case.tracking_code}).content.decode()
    # then the answer is there, with her personal data redacted as for publication
    assert "Trả lời bà [đã che]: UBND xã sẽ thay đèn trong tháng 11." in page
    assert "Trần Thị Bình" not in page
    assert t("Published answer") not in page
    assert reverse("petitions:intake_rate") in page


def test_a_drafted_answer_is_not_shown_before_it_is_sent(
    client: Client, commune_committee: Unit, handler: User
) -> None:
    # given an answer the head has not approved yet
    case = _case(commune_committee)
    CaseAnswer.objects.create(
        case=case,
        body="Dự thảo: UBND xã sẽ thay đèn.",
        drafted_by=handler,
        drafted_at=timezone.now(),
    )
    # when
    page = client.post(reverse(TRACK), {"code": case.tracking_code}).content.decode()
    # then nothing of it is public
    assert "Dự thảo" not in page


def test_the_owner_sees_their_cases_and_rates_from_the_account(
    client: Client, commune_committee: Unit, citizen: User, handler: User
) -> None:
    # given a case sent from the account and answered, and someone else's case
    mine = _case(commune_committee, submitted_by=citizen)
    theirs = _case(commune_committee)
    _answer(mine, handler)
    client.force_login(citizen)
    # then the list shows only hers
    listing = client.get(reverse("petitions:intake_my_cases")).content.decode()
    assert mine.display_code in listing
    assert theirs.display_code not in listing
    # and another person's case is a 404 there
    other = reverse("petitions:intake_my_case", kwargs={"code": theirs.tracking_code})
    assert client.get(other).status_code == 404
    # when she rates her case
    url = reverse("petitions:intake_my_case", kwargs={"code": mine.tracking_code})
    assert f'action="{url}"' in client.get(url).content.decode()
    response = client.post(url, {"confirm_receipt": "on", "outcome": "satisfied"})
    assert response.status_code == 200
    rating = CaseRating.objects.get(case=mine)
    assert rating.via == CaseRating.Via.ACCOUNT
    assert rating.rated_by == citizen
    assert t("Your rating") in client.get(url).content.decode()


def test_my_cases_needs_an_account(client: Client) -> None:
    response = client.get(reverse("petitions:intake_my_cases"))
    assert response.status_code == 302
    assert reverse("units:login") in response["Location"]


def test_signed_in_owner_rating_by_code_is_linked_to_the_account(
    client: Client, commune_committee: Unit, citizen: User, handler: User
) -> None:
    mine = _case(commune_committee, submitted_by=citizen)
    _answer(mine, handler)
    client.force_login(citizen)
    client.post(
        reverse("petitions:intake_rate"),
        {"code": mine.tracking_code, "confirm_receipt": "on", "outcome": "not_satisfied"},
    )
    assert CaseRating.objects.get(case=mine).rated_by == citizen


def test_rating_service_refuses_denunciations(commune_committee: Unit) -> None:
    case = _case(commune_committee, kind=Case.Kind.DENUNCIATION)
    with pytest.raises(ApplicationError):
        case_rate(case=case, outcome=CaseRating.Outcome.SATISFIED, via=CaseRating.Via.ACCOUNT)
