"""Splitting a mixed petition into one case per kind (ND 154/2026 Art 14(4))."""

import datetime as dt
from collections.abc import Callable

import pytest

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.notifications.models import Notification
from danvan.petitions.models import Case, CaseEvent, Field
from danvan.petitions.selectors.handling import case_split_children
from danvan.petitions.services.handling import SplitPart, case_split
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.petitions.tests.handling.fakes import FakeSealed
from danvan.units.models import User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]

PARTS = [
    SplitPart(Case.Kind.PETITION, "Đèn đường hỏng", "Đèn đường thôn An Vĩ hỏng."),
    SplitPart(Case.Kind.COMPLAINT, "Khiếu nại quyết định thu hồi đất", "Tôi khiếu nại QĐ 12."),
]


def test_a_mixed_petition_becomes_one_case_per_kind(
    travel: Travel, make_case: CaseMaker, handler: User, citizen: User, land: Field
) -> None:
    # given a mixed letter from a citizen with an account, received on Thu 28/1/2027
    travel(dt.date(2027, 1, 28))
    mixed = make_case(kind=Case.Kind.MIXED, submitted_by=citizen)
    # when it is split on Mon 1/2/2027 into a petition and a complaint
    travel(dt.date(2027, 2, 1))
    parts = [PARTS[0], SplitPart(Case.Kind.COMPLAINT, PARTS[1].subject, PARTS[1].content, land)]
    petition, complaint = case_split(case=mixed, actor=handler, parts=parts)
    # then each has its own code, kind and receipt limit counted from 28/1, over Tết
    mixed.refresh_from_db()
    assert mixed.status == Case.Status.SPLIT
    assert {petition.kind, complaint.kind} == {Case.Kind.PETITION, Case.Kind.COMPLAINT}
    assert len({mixed.tracking_code, petition.tracking_code, complaint.tracking_code}) == 3
    assert petition.split_from == mixed
    assert complaint.split_from == mixed
    assert petition.received_on == dt.date(2027, 1, 28)
    assert petition.due_on == dt.date(2027, 2, 18)  # 10 working days, Tết 4-10/2 skipped
    assert complaint.rule_code == "complaint_accept"
    assert complaint.field == land
    assert complaint.petitioner_name == "Trần Thị Bình"
    event = mixed.events.get(kind=CaseEvent.Kind.SPLIT)
    assert set(event.data["codes"]) == {petition.tracking_code, complaint.tracking_code}
    # and the petitioner is told every code
    notification = Notification.objects.get(recipient=citizen, kind="petitions.split")
    assert petition.display_code in notification.body
    assert complaint.display_code in notification.body


def test_a_split_cannot_happen_twice_or_on_a_plain_case(
    travel: Travel, make_case: CaseMaker, handler: User
) -> None:
    travel(dt.date(2027, 1, 28))
    mixed = make_case(kind=Case.Kind.MIXED)
    case_split(case=mixed, actor=handler, parts=PARTS)
    with pytest.raises(ApplicationError):
        case_split(case=mixed, actor=handler, parts=PARTS)
    assert Case.objects.filter(split_from=mixed).count() == 2
    plain = make_case()
    with pytest.raises(ApplicationError):
        case_split(case=plain, actor=handler, parts=PARTS)


@pytest.mark.parametrize(
    "parts",
    [
        PARTS[:1],
        [PARTS[0], PARTS[0]],
        [PARTS[0], SplitPart(Case.Kind.MIXED, "x", "y")],
    ],
)
def test_a_split_needs_two_parts_of_different_kinds(
    travel: Travel, make_case: CaseMaker, handler: User, parts: list[SplitPart]
) -> None:
    travel(dt.date(2027, 1, 28))
    mixed = make_case(kind=Case.Kind.MIXED)
    with pytest.raises(ApplicationError):
        case_split(case=mixed, actor=handler, parts=parts)
    assert not Case.objects.filter(split_from=mixed).exists()


def test_a_denunciation_part_needs_the_sealed_vault(
    travel: Travel, make_case: CaseMaker, handler: User, no_sealed: None
) -> None:
    travel(dt.date(2027, 1, 28))
    mixed = make_case(kind=Case.Kind.MIXED)
    parts = [
        *PARTS,
        SplitPart(Case.Kind.DENUNCIATION, "Tố cáo cán bộ", "Cán bộ địa chính nhận tiền."),
    ]
    with pytest.raises(ApplicationError):
        case_split(case=mixed, actor=handler, parts=parts)
    assert not Case.objects.filter(split_from=mixed).exists()


def test_a_denunciation_part_is_sealed_redacted_and_notified_apart(
    travel: Travel, make_case: CaseMaker, handler: User, citizen: User, sealed: FakeSealed
) -> None:
    travel(dt.date(2027, 1, 28))
    mixed = make_case(kind=Case.Kind.MIXED, submitted_by=citizen)
    parts = [
        PARTS[0],
        SplitPart(
            Case.Kind.DENUNCIATION,
            "Tố cáo cán bộ địa chính",
            "Tôi là Trần Thị Bình, CCCD 033190001234, SĐT 0912345678, tố cáo ông K nhận tiền.",
        ),
    ]
    petition, denunciation = case_split(case=mixed, actor=handler, parts=parts)
    # the denunciation carries no identity and its text is redacted
    assert denunciation.petitioner_name == ""
    assert denunciation.submitted_by is None
    assert "Trần Thị Bình" not in denunciation.content
    assert "033190001234" not in denunciation.content
    assert "0912345678" not in denunciation.content
    assert "[đã che]" in denunciation.content
    assert "ông K nhận tiền" in denunciation.content
    assert denunciation.search_text == ""
    assert sealed.sealed == [(denunciation.pk, mixed.pk)]
    # its code never reaches the ordinary notification nor the original's history
    notification = Notification.objects.get(recipient=citizen, kind="petitions.split")
    assert denunciation.display_code not in notification.body
    assert petition.display_code in notification.body
    event = mixed.events.get(kind=CaseEvent.Kind.SPLIT)
    assert event.data == {"codes": [petition.tracking_code]}
    # nothing outside the vault ties the denunciation to the sender's original letter
    mixed.refresh_from_db()
    denunciation.refresh_from_db()
    assert denunciation.split_from is None
    assert denunciation.idempotency_key != f"split-{mixed.pk}-denunciation"
    assert "ông K" not in mixed.content + mixed.subject + mixed.search_text
    assert "Tố cáo" not in mixed.subject
    assert mixed.content == PARTS[0].content
    assert mixed.petitioner_name == "Trần Thị Bình"  # still the petition's sender
    assert list(case_split_children(case=mixed)) == [petition]
    split = AuditEntry.objects.get(verb="case.split")
    assert split.data == {"cases": [petition.pk], "kinds": ["petition"]}
    # the denouncer learns it through the sealed channel only
    assert [pk for pk, _t, _b in sealed.notified] == [denunciation.pk]
    assert denunciation.display_code in sealed.notified[0][2]
