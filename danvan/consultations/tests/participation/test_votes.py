"""Votes on articles: the last answer counts, a retry counts nothing, only while open."""

import datetime as dt

import pytest
import time_machine

from danvan.consultations.models import ArticleVote, Consultation
from danvan.consultations.selectors.participation import article_tallies, votes_of
from danvan.consultations.services.participation import vote_cast, votes_cast
from danvan.consultations.tests.participation.conftest import NOW, make_consultation
from danvan.core.exceptions import ApplicationError
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def test_first_answers_are_counted(consultation: Consultation, citizen: User) -> None:
    # when a citizen answers two articles at once
    outcome = votes_cast(
        consultation=consultation,
        participant=citizen,
        choices={"dieu-1": "agree", "dieu-2": "disagree"},
    )
    # then both are new, stored, and counted once
    assert outcome.changed == ("dieu-1", "dieu-2")
    assert votes_of(consultation=consultation, participant=citizen) == {
        "dieu-1": "agree",
        "dieu-2": "disagree",
    }
    tallies = article_tallies(consultation=consultation)
    assert (tallies["dieu-1"].agree, tallies["dieu-1"].disagree) == (1, 0)
    assert (tallies["dieu-2"].agree, tallies["dieu-2"].disagree) == (0, 1)


def test_the_last_answer_counts(consultation: Consultation, citizen: User) -> None:
    # given an answer "agree" on Điều 1
    vote_cast(consultation=consultation, participant=citizen, anchor="dieu-1", choice="agree")
    # when the citizen changes their mind
    outcome = vote_cast(
        consultation=consultation, participant=citizen, anchor="dieu-1", choice="disagree"
    )
    # then the vote moves from one column to the other, still one person
    assert outcome.changed == ("dieu-1",)
    tally = article_tallies(consultation=consultation)["dieu-1"]
    assert (tally.agree, tally.disagree) == (0, 1)
    row = ArticleVote.objects.get(consultation=consultation, participant=citizen)
    assert (row.choice, row.revision) == ("disagree", 2)


def test_a_retried_vote_never_counts_twice(consultation: Consultation, citizen: User) -> None:
    # given a batch already recorded
    choices = {"dieu-1": "agree", "dieu-2": "agree", "dieu-3": "disagree"}
    votes_cast(consultation=consultation, participant=citizen, choices=choices)
    # when the very same batch arrives again (a retry, a double click)
    outcome = votes_cast(consultation=consultation, participant=citizen, choices=choices)
    # then nothing changes and nothing is counted again
    assert outcome.changed == ()
    tallies = article_tallies(consultation=consultation)
    assert [tallies[a].votes for a in ("dieu-1", "dieu-2", "dieu-3")] == [1, 1, 1]
    assert ArticleVote.objects.filter(revision__gt=1).count() == 0


def test_a_partly_changed_batch_changes_only_what_differs(
    consultation: Consultation, citizen: User, citizen2: User
) -> None:
    # given two participants' answers
    votes_cast(
        consultation=consultation,
        participant=citizen,
        choices={"dieu-1": "agree", "dieu-2": "agree"},
    )
    votes_cast(consultation=consultation, participant=citizen2, choices={"dieu-1": "agree"})
    # when the first changes Điều 2 only and adds Điều 3
    outcome = votes_cast(
        consultation=consultation,
        participant=citizen,
        choices={"dieu-1": "agree", "dieu-2": "disagree", "dieu-3": "agree"},
    )
    # then only those two are reported and counted
    assert outcome.changed == ("dieu-2", "dieu-3")
    tallies = article_tallies(consultation=consultation)
    assert (tallies["dieu-1"].agree, tallies["dieu-1"].disagree) == (2, 0)
    assert (tallies["dieu-2"].agree, tallies["dieu-2"].disagree) == (0, 1)
    assert tallies["dieu-1"].agree_share == 100
    assert tallies["dieu-2"].disagree_share == 100


def test_a_vote_after_the_window_closes_is_refused(
    consultation: Consultation, citizen: User, frozen: time_machine.Traveller
) -> None:
    # given an answer given while the window was open
    vote_cast(consultation=consultation, participant=citizen, anchor="dieu-1", choice="agree")
    # when the participant tries to change it one second after closes_at
    assert consultation.closes_at is not None
    frozen.move_to(consultation.closes_at + dt.timedelta(seconds=1))
    with pytest.raises(ApplicationError) as error:
        vote_cast(
            consultation=consultation, participant=citizen, anchor="dieu-1", choice="disagree"
        )
    # then a clear Vietnamese message, and the earlier answer stands
    assert "Đợt lấy ý kiến đã kết thúc lúc" in error.value.message
    assert "không thể" in error.value.message
    assert votes_of(consultation=consultation, participant=citizen) == {"dieu-1": "agree"}


def test_the_last_moment_before_closing_still_counts(
    consultation: Consultation, citizen: User, frozen: time_machine.Traveller
) -> None:
    # given the clock one microsecond before closes_at
    assert consultation.closes_at is not None
    frozen.move_to(consultation.closes_at - dt.timedelta(microseconds=1))
    # when the citizen votes
    outcome = vote_cast(
        consultation=consultation, participant=citizen, anchor="dieu-1", choice="agree"
    )
    # then it is recorded
    assert outcome.changed == ("dieu-1",)


def test_a_vote_before_opening_is_refused(agency: Unit, citizen: User) -> None:
    # given a consultation that opens tomorrow
    with time_machine.travel(NOW, tick=False):
        later = make_consultation(agency, opens_at=NOW + dt.timedelta(days=1))
        # when someone votes today
        with pytest.raises(ApplicationError) as error:
            vote_cast(consultation=later, participant=citizen, anchor="dieu-1", choice="agree")
    # then they are told it is not open yet
    assert error.value.message == "Đợt lấy ý kiến này chưa bắt đầu nhận ý kiến."


def test_a_consultation_closed_early_refuses_votes(
    consultation: Consultation, citizen: User
) -> None:
    # given the agency closed the consultation before closes_at
    consultation.status = Consultation.Status.CLOSED
    consultation.save(update_fields=["status"])
    # when a citizen votes
    with pytest.raises(ApplicationError) as error:
        vote_cast(consultation=consultation, participant=citizen, anchor="dieu-1", choice="agree")
    # then the generic closed message is given
    assert error.value.message == (
        "Đợt lấy ý kiến đã kết thúc: không thể gửi ý kiến mới hoặc thay đổi ý kiến."
    )


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"dieu-9": "agree"}, "Dự thảo hiện hành không có điều dieu-9."),
        ({"dieu-1.k1": "agree"}, "Dự thảo hiện hành không có điều dieu-1.k1."),
        ({"dieu-1": "maybe"}, "Ý kiến phải là tán thành hoặc không tán thành."),
        ({}, "Hãy chọn tán thành hoặc không tán thành cho ít nhất một điều."),
    ],
)
def test_bad_votes_get_a_vietnamese_message(
    consultation: Consultation, citizen: User, choices: dict[str, str], message: str
) -> None:
    # when a submission names a missing anchor, a clause, a bad answer or nothing
    with pytest.raises(ApplicationError) as error:
        votes_cast(consultation=consultation, participant=citizen, choices=choices)
    # then the message says what is wrong, and nothing is written
    assert error.value.message == message
    assert not ArticleVote.objects.exists()


def test_a_bad_anchor_refuses_the_whole_batch(consultation: Consultation, citizen: User) -> None:
    # when one of three anchors does not exist
    with pytest.raises(ApplicationError):
        votes_cast(
            consultation=consultation,
            participant=citizen,
            choices={"dieu-1": "agree", "dieu-2": "agree", "dieu-404": "agree"},
        )
    # then none of the batch is recorded (the participant corrects and resends it)
    assert not ArticleVote.objects.exists()
    assert article_tallies(consultation=consultation) == {}


def test_too_many_articles_in_one_submission(consultation: Consultation, citizen: User) -> None:
    choices = {f"dieu-{n}": "agree" for n in range(1001)}
    with pytest.raises(ApplicationError) as error:
        votes_cast(consultation=consultation, participant=citizen, choices=choices)
    assert error.value.message == "Một lần gửi có quá nhiều điều."


def test_staff_consultation_is_for_the_agency_staff_only(
    agency: Unit, handler: User, outsider_handler: User, citizen: User, frozen: object
) -> None:
    # given an internal draft for the agency's staff
    internal = make_consultation(agency, audience=Consultation.Audience.STAFF)
    # when its own staff vote, then it counts
    vote_cast(consultation=internal, participant=handler, anchor="dieu-1", choice="agree")
    # when a citizen or another agency's officer tries, then they are refused
    for outsider in (citizen, outsider_handler):
        with pytest.raises(ApplicationError) as error:
            vote_cast(consultation=internal, participant=outsider, anchor="dieu-1", choice="agree")
        assert error.value.message == (
            "Chỉ cán bộ, công chức của cơ quan chủ trì soạn thảo được tham gia đợt lấy ý kiến này."
        )
    assert article_tallies(consultation=internal)["dieu-1"].votes == 1


def test_staff_of_a_unit_below_the_agency_take_part(agency: Unit, frozen: object) -> None:
    # given an officer of a unit under the drafting agency
    from danvan.consultations.tests.conftest import make_user
    from danvan.units.models import RoleAssignment

    below = Unit.objects.create(
        code="VN-33-sotp-vp", name="Văn phòng Sở", kind=Unit.Kind.PUBLIC_UNIT, parent=agency
    )
    officer = make_user("dangvanhai", "Đặng Văn Hải", below, RoleAssignment.Role.HANDLER)
    citizen_role = make_user("vuthihoa", "Vũ Thị Hoa", agency, RoleAssignment.Role.CITIZEN)
    internal = make_consultation(agency, audience=Consultation.Audience.STAFF)
    # when both vote: the officer counts, a citizen role in the agency does not
    vote_cast(consultation=internal, participant=officer, anchor="dieu-2", choice="disagree")
    with pytest.raises(ApplicationError):
        vote_cast(consultation=internal, participant=citizen_role, anchor="dieu-2", choice="agree")
    assert article_tallies(consultation=internal)["dieu-2"].disagree == 1


def test_households_consultation_refuses_an_account_without_a_household(
    agency: Unit, citizen: User, frozen: object
) -> None:
    # given a matter decided one vote per household, and a resident whose account
    # represents no household (the rule itself: democracy/tests/comments/)
    commune_matter = make_consultation(agency, audience=Consultation.Audience.HOUSEHOLDS)
    # when the resident votes, then the vote is refused and nothing is counted
    with pytest.raises(ApplicationError):
        vote_cast(consultation=commune_matter, participant=citizen, anchor="dieu-1", choice="agree")
    assert article_tallies(consultation=commune_matter) == {}


def test_an_inactive_account_cannot_vote(consultation: Consultation, citizen: User) -> None:
    citizen.is_active = False
    citizen.save(update_fields=["is_active"])
    with pytest.raises(ApplicationError) as error:
        vote_cast(consultation=consultation, participant=citizen, anchor="dieu-1", choice="agree")
    assert error.value.message == "Hãy đăng nhập bằng tài khoản đã xác thực để tham gia góp ý."


def test_a_consultation_without_a_draft_refuses_votes(
    agency: Unit, citizen: User, frozen: object
) -> None:
    empty = make_consultation(agency)
    empty.versions.all().delete()
    with pytest.raises(ApplicationError) as error:
        vote_cast(consultation=empty, participant=citizen, anchor="dieu-1", choice="agree")
    assert error.value.message == "Đợt lấy ý kiến này chưa có dự thảo để góp ý."


def test_votes_follow_the_latest_version(consultation: Consultation, citizen: User) -> None:
    # given a second version of the draft that drops Điều 3 and adds Điều 4
    from danvan.consultations.models import DraftVersion, Provision

    version = DraftVersion.objects.create(consultation=consultation, number=2)
    for position, anchor in enumerate(("dieu-1", "dieu-2", "dieu-4")):
        Provision.objects.create(
            version=version,
            level=Provision.Level.ARTICLE,
            label=anchor,
            text="Nội dung mới.",
            anchor=anchor,
            position=position,
        )
    # when votes name Điều 4 and Điều 3, then Điều 4 counts and Điều 3 is refused
    votes_cast(consultation=consultation, participant=citizen, choices={"dieu-4": "agree"})
    with pytest.raises(ApplicationError):
        votes_cast(consultation=consultation, participant=citizen, choices={"dieu-3": "agree"})
    assert votes_of(consultation=consultation, participant=citizen) == {"dieu-4": "agree"}
