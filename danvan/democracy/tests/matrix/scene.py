"""One real object of every democracy area, made through the areas' own services, and the
people who try the pages: the matrix and privacy tests share it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from danvan.democracy.models import (
    Commitment,
    Dialogue,
    DialogueQuestion,
    Disclosure,
    DisclosurePosting,
    Household,
    HouseholdImport,
    ResidentProposal,
    StaffConference,
    StaffMatter,
    SupervisionActivity,
    SupervisionBoard,
    SupervisionPlan,
    SupervisionRecommendation,
)
from danvan.democracy.models.supervision import BoardMember
from danvan.democracy.models.votes import CommunityDecision
from danvan.democracy.selectors.disclosures import Quarter
from danvan.democracy.services import agencies as agency_services
from danvan.democracy.services import dialogues as dialogue_services
from danvan.democracy.services import disclosures as disclosure_services
from danvan.democracy.services import disclosures_quarterly as disclosure_quarterly
from danvan.democracy.services import households as household_services
from danvan.democracy.services import proposals as proposal_services
from danvan.democracy.services import supervision as supervision_services
from danvan.democracy.services import votes as vote_services
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=VN)  # a Thursday
PDF = b"%PDF-1.4\n% proof of posting\n"

# Personal data that must never reach a public page (the law discloses none of it).
PHONE = "0912345678"
CODE = "DT-007"
REPRESENTATIVE = "Hoàng Thị Quyên"
USERNAME = "hodan-quyen"
PROPOSER = "Nguyễn Văn Hùng"
HIDDEN_ASKER = "Lưu Văn Kín"
SHOWN_ASKER = "Bùi Thị Công"
MEMBER = "Đỗ Văn Khoa"


@dataclass
class Scene:
    commune: Commune
    agency: Unit
    agency_head: User
    household: Household
    resident: User  # Household.account of ``household``
    upload: HouseholdImport
    disclosure: Disclosure
    posting: DisclosurePosting
    proposal: ResidentProposal
    decision: CommunityDecision  # a draft meeting
    meeting: CommunityDecision  # a meeting convened
    ballot: CommunityDecision  # household ballots out
    submitted: CommunityDecision  # counted, sent for recognition
    recognised: CommunityDecision  # recognised and disclosed
    polling: CommunityDecision  # households asked to agree to an online vote
    online: CommunityDecision  # an online vote, open
    board: SupervisionBoard
    member: BoardMember
    plan: SupervisionPlan
    activity: SupervisionActivity
    recommendation: SupervisionRecommendation
    dialogue: Dialogue
    hidden_question: DialogueQuestion
    shown_question: DialogueQuestion
    commitment: Commitment
    conference: StaffConference
    matter: StaffMatter


TEAM = "Vũ Thị Mai\nHoàng Văn Nam\nĐinh Thị Oanh"


def _decision(
    commune: Commune, title: str, form: str, matter: str, *, whole_commune: bool = False
) -> CommunityDecision:
    return vote_services.decision_create(
        actor=commune.handler,
        commune=commune.commune,
        village=None if whole_commune else commune.villages[0],
        matter=matter,
        form=form,
        title=title,
        content="Nội dung biểu quyết: " + title,
    )


def _ballot_out(commune: Commune, title: str, *, closes_at: dt.datetime) -> CommunityDecision:
    today = timezone.localdate()
    return vote_services.decision_open(
        decision=_decision(commune, title, "household_ballot", "contributions", whole_commune=True),
        actor=commune.handler,
        closes_at=closes_at,
        notice_date=today - dt.timedelta(days=2),
        ballot_team=TEAM,
    )


def _cast_all(commune: Commune, decision: CommunityDecision) -> CommunityDecision:
    for household in Household.objects.filter(village__parent=commune.commune):
        vote_services.ballot_cast(
            decision=decision, household=household, actor=commune.handler, choice="approve"
        )
    return decision


def vote_states(
    commune: Commune, household: Household, resident: User, clock: time_machine.Traveller
) -> dict[str, CommunityDecision]:
    """A community decision at each stage a page needs (one household in each village)."""
    handler = commune.handler
    clock.move_to(NOW - dt.timedelta(days=10))
    closed = [
        _cast_all(commune, _ballot_out(commune, title, closes_at=NOW - dt.timedelta(days=3)))
        for title in ("Đóng góp làm rãnh thoát nước", "Đóng góp lát gạch sân đình")
    ]
    clock.move_to(NOW)
    submitted, recognised = (
        vote_services.decision_submit(
            decision=vote_services.decision_count(decision=decision, actor=handler),
            actor=handler,
        )
        for decision in closed
    )
    recognised = vote_services.decision_recognise(decision=recognised, actor=handler)
    meeting = vote_services.decision_open(
        decision=_decision(commune, "Họp thôn bàn làm nhà văn hóa", "meeting", "contributions"),
        actor=handler,
        notice_date=dt.date(2026, 11, 24),
        meeting_at=NOW,
        meeting_place="Nhà văn hóa thôn",
    )
    ballot = _ballot_out(
        commune, "Phát phiếu đóng góp quỹ khuyến học", closes_at=NOW + dt.timedelta(days=7)
    )
    polling = vote_services.decision_consent_start(
        decision=_decision(commune, "Quy ước giờ giữ trật tự", "online", "other"), actor=handler
    )
    online = vote_services.decision_consent_start(
        decision=_decision(commune, "Quy ước giữ vệ sinh chung", "online", "other"), actor=handler
    )
    vote_services.consent_answer(
        decision=online, household=household, actor=resident, answer="approve"
    )
    online = vote_services.decision_open(
        decision=online, actor=handler, closes_at=NOW + dt.timedelta(days=7), ballot_team=TEAM
    )
    return {
        "meeting": meeting,
        "ballot": ballot,
        "submitted": submitted,
        "recognised": recognised,
        "polling": polling,
        "online": online,
    }


def build_scene(commune: Commune, clock: time_machine.Traveller) -> Scene:
    """Everything recorded on the dates its service accepts, then the clock set to NOW."""
    handler = commune.handler
    village = commune.villages[0]
    agency = Unit.objects.create(
        code="VN-33-snv", name="Sở Nội vụ", kind=Unit.Kind.DEPARTMENT, parent=commune.province
    )
    agency_head = make_user("giamdoc", "Lê Văn Minh", agency, RoleAssignment.Role.HEAD)

    clock.move_to(dt.datetime(2026, 3, 10, 9, tzinfo=VN))
    household = household_services.household_create(
        village=village,
        code=CODE,
        representative=REPRESENTATIVE,
        phone=PHONE,
        members=4,
        actor=handler,
    )
    resident = make_user(USERNAME, REPRESENTATIVE)
    household.account = resident
    household.save(update_fields=["account"])
    for neighbour in commune.villages[1:]:
        household_services.household_create(
            village=neighbour, code="LX-001", representative="Phạm Văn Lân", actor=handler
        )
    conference = agency_services.conference_create(
        actor=agency_head, agency=agency, year=2025, held_on=dt.date(2026, 3, 10), total_staff=90
    )
    conference = agency_services.conference_record(
        actor=agency_head,
        conference=conference,
        attendees=70,
        agenda_done=["policy_review"],
        pledge_signed=True,
        pledge_signed_on=dt.date(2026, 3, 10),
        resolution_number="01/NQ-HNCBCC",
        resolution_adopted_on=dt.date(2026, 3, 10),
        resolution_summary="Hoàn thành kế hoạch năm 2026.",
        chair_name="Lê Văn Minh",
        secretary_name="Đỗ Thị Hoa",
    )
    matter = agency_services.matter_propose(
        actor=agency_head,
        agency=agency,
        item="contributions",
        title="Mức đóng góp quỹ tương trợ",
        proposer="union",
        staff_at_proposal=90,
        proposed_on=dt.date(2026, 3, 1),
    )

    clock.move_to(dt.datetime(2026, 9, 3, 9, tzinfo=VN))
    disclosure = disclosure_services.disclosure_create(
        unit=commune.commune,
        category="commune_02",
        title="Dự toán ngân sách xã năm 2027",
        decided_on=dt.date(2026, 8, 28),
        actor=handler,
    )
    posting = disclosure_services.disclosure_posting_record(
        disclosure=disclosure,
        actor=handler,
        channel="office",
        posted_from=dt.date(2026, 9, 3),
        proof_name="bien-ban-niem-yet.pdf",
        proof=PDF,
    )

    clock.move_to(dt.datetime(2026, 8, 17, 9, tzinfo=VN))
    board = supervision_services.board_create(
        unit=commune.commune,
        kind=SupervisionBoard.Kind.INSPECTION,
        name="Ban Thanh tra nhân dân xã Khoái Châu",
        term_start=dt.date(2026, 1, 1),
        actor=handler,
    )
    member = supervision_services.member_add(
        board=board,
        full_name=MEMBER,
        village=village,
        from_date=dt.date(2026, 1, 1),
        declared_not_staff=True,
        actor=handler,
    )
    plan = supervision_services.plan_create(board=board, title="Kế hoạch 2026", actor=handler)
    activity = supervision_services.activity_create(
        plan=plan, subject="Chợ xã", starts_on=dt.date(2026, 8, 17), actor=handler
    )
    recommendation = supervision_services.recommendation_add(
        activity=activity,
        content="Kiến nghị về vệ sinh chợ",
        sent_on=dt.date(2026, 8, 17),
        actor=handler,
    )

    clock.move_to(NOW)
    upload, _result = household_services.household_import_file(
        place=commune.commune,
        filename="ho-dan.csv",
        content="Thôn,Mã hộ,Chủ hộ,Số nhân khẩu\nThôn Không Có,X-1,Ai Đó,3\n".encode(),
        actor=handler,
    )
    proposal = proposal_services.proposal_create(
        actor=handler,
        village=village,
        title="Làm đường bê tông ngõ 3",
        content="Đề nghị thôn bàn việc đóng góp làm đường bê tông ngõ 3.",
        matter="contributions",
        proposer_name=PROPOSER,
        proposer_household=household,
    )
    decision = vote_services.decision_create(
        actor=handler,
        commune=commune.commune,
        village=village,
        matter="contributions",
        form="meeting",
        title="Đóng góp làm đường bê tông thôn",
        content="Mỗi hộ đóng góp 500.000 đồng.",
    )
    votes = vote_states(commune, household, resident, clock)
    disclosure_quarterly.quarterly_list_prepare(
        unit=commune.commune, quarter=Quarter(2026, 3), today=dt.date(2026, 10, 1)
    )
    dialogue = dialogue_services.dialogue_create(
        unit=commune.commune,
        title="Đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026",
        held_on=dt.date(2026, 11, 20),
        place="Hội trường UBND xã Khoái Châu",
        chair="Nguyễn Văn An",
        participants=180,
        actor=handler,
    )
    hidden_question = dialogue_services.question_add(
        dialogue=dialogue,
        question="Bao giờ sửa cống thôn Đông Tảo?",
        asked_by=HIDDEN_ASKER,
        village=village,
        show_name=False,
        actor=handler,
    )
    shown_question = dialogue_services.question_add(
        dialogue=dialogue,
        question="Khi nào lắp đèn đường liên thôn?",
        asked_by=SHOWN_ASKER,
        show_name=True,
        actor=handler,
    )
    commitment = dialogue_services.commitment_add(
        dialogue=dialogue,
        content="Sửa cống thôn Đông Tảo",
        responsible="Ban Giao thông xã",
        due_on=dt.date(2026, 12, 31),
        question=hidden_question,
        actor=handler,
    )
    dialogue_services.commitment_progress(
        commitment=commitment,
        status="done",
        note="Đã sửa xong cống",
        on=dt.date(2026, 11, 25),
        evidence_file=ContentFile(PDF, name="nghiem-thu-cong.pdf"),
        actor=handler,
    )
    commitment.refresh_from_db()
    return Scene(
        commune=commune,
        agency=agency,
        agency_head=agency_head,
        household=household,
        resident=resident,
        upload=upload,
        disclosure=disclosure,
        posting=posting,
        proposal=proposal,
        decision=decision,
        **votes,
        board=board,
        member=member,
        plan=plan,
        activity=activity,
        recommendation=recommendation,
        dialogue=dialogue,
        hidden_question=hidden_question,
        shown_question=shown_question,
        commitment=commitment,
        conference=conference,
        matter=matter,
    )
