"""Seed grassroots democracy in the demo commune (Xã Khoái Châu) and department.

Everything goes through the democracy services, as the commune's officer, its residents and
the department would (the households, the supervision boards and the dialogue have their
own seeds in their areas):

- the demo citizen Trần Thị Bình is the representative of household DT-008 of Thôn Đông
  Tảo, with her account linked, so she can support a proposal and vote for her household;
- the commune's disclosure register: the budget execution of the last quarter posted on
  time at the office and on the portal, the democracy regulation posted permanently, the
  list of households receiving housing support posted and broadcast, the result of the
  land-clearance plan due within the week and not yet posted, and the commune's fee list
  whose deadline passed with nothing posted (flagged missing);
- residents' proposals: one in Thôn Đông Tảo still collecting support, one in Thôn An Vĩ
  that reached 10 % of households and must be put to the community;
- community decisions: Thôn Bình Dân decided a contribution to concrete its lanes by
  household ballot (recognised by the commune), and Thôn Đông Tảo asks its households
  whether to decide the lighting of the village road online (consent poll open);
- the Department of Home Affairs held its 2025 conference of officials in March, with
  quorum, its resolution and the emulation pledge.

Dates are relative to the day of the seed. Idempotent: each part checks its own marker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.demo import cast, world
from danvan.democracy.decisions.matters import DecisionForm, Matter
from danvan.democracy.models import (
    AgencyProfile,
    CommunityDecision,
    Disclosure,
    Household,
    ResidentProposal,
    ResolutionCheck,
    StaffConference,
    StaffConsultationLink,
    StaffMatter,
)
from danvan.democracy.models.agencies import AgendaItem
from danvan.democracy.selectors.households import COMMUNE_KINDS
from danvan.democracy.services import agencies as agency_services
from danvan.democracy.services import disclosures as disclosure_services
from danvan.democracy.services import proposals as proposal_services
from danvan.democracy.services import votes as vote_services
from danvan.units.models import Unit, User

CITIZEN_HOUSEHOLD = ("VN-12205-thon-dong-tao", "DT-008")
PROPOSAL_COLLECTING = "Mở rộng điểm sinh hoạt văn hóa xóm Bãi"
PROPOSAL_REACHED = "Lắp camera an ninh tại các ngã ba của thôn"
CONFERENCE_YEAR_OFFSET = 1  # the conference reviews last year
ROAD = "đường liên thôn Đông Tảo – An Vĩ"
DISCLOSURES: tuple[tuple[str, str, int, int | None, tuple[str, ...]], ...] = (
    # (category, title, decided days ago, posted days after the decision, where); the budget
    # item's title gets its quarter at seeding
    ("commune_02", "Tình hình thực hiện dự toán ngân sách xã", 8, 2, ("office", "portal")),
    ("commune_04", "Quy chế thực hiện dân chủ ở cơ sở xã Khoái Châu", 200, 3, ("office", "portal")),
    ("commune_07", "Danh sách hộ được hỗ trợ xóa nhà tạm, nhà dột nát năm 2026", 12, 4,
     ("office", "loudspeaker")),
    ("commune_03", f"Phương án bồi thường, hỗ trợ giải phóng mặt bằng {ROAD}", 2, None, ()),
    ("commune_12", "Danh mục phí, lệ phí do Ủy ban nhân dân xã trực tiếp thu", 20, None, ()),
)  # fmt: skip
DISCLOSURE_TITLE_PREFIXES = tuple(title for _c, title, *_rest in DISCLOSURES)


@dataclass
class DemocracySeedReport:
    disclosures: int = 0
    proposals: int = 0
    decisions: int = 0
    conferences: int = 0


def _user(member: cast.CastMember) -> User | None:
    return User.objects.filter(username=member.username).first()


def _unit(code: str) -> Unit | None:
    return Unit.objects.filter(code=code).first()


def _households(village: Unit) -> list[Household]:
    return list(Household.objects.filter(village=village, is_active=True).order_by("code"))


def _link_citizen() -> None:
    citizen = _user(cast.CITIZEN)
    village_code, code = CITIZEN_HOUSEHOLD
    household = Household.objects.filter(village__code=village_code, code=code).first()
    if citizen is None or household is None or household.account_id == citizen.pk:
        return
    household.account = citizen
    household.representative = citizen.full_name
    household.save(update_fields=["account", "representative", "updated_at"])


# --------------------------------------------------------------------------- disclosures


def _disclosures(commune: Unit, officer: User, today: dt.date) -> int:
    if Disclosure.objects.filter(unit=commune).exists():
        return 0
    quarter_end = dt.date(today.year, ((today.month - 1) // 3) * 3 + 1, 1) - dt.timedelta(days=1)
    quarter = f"quý {(quarter_end.month - 1) // 3 + 1} năm {quarter_end.year}"
    created = 0
    for category, title, days_ago, posted_after, channels in DISCLOSURES:
        if category == "commune_02":
            title = f"{title} {quarter}"
        decided_on = today - dt.timedelta(days=days_ago)
        item = disclosure_services.disclosure_create(
            unit=commune,
            category=category,
            title=title,
            decided_on=decided_on,
            actor=officer,
            existing_ok=True,
        )
        created += 1
        if posted_after is None:
            continue
        posted_from = min(today, decided_on + dt.timedelta(days=posted_after))
        for channel in channels:
            disclosure_services.disclosure_posting_record(
                disclosure=item,
                actor=officer,
                channel=channel,
                posted_from=posted_from,
                place="Bảng tin trụ sở Ủy ban nhân dân xã" if channel == "office" else "",
                url="https://khoaichau.hungyen.gov.vn/cong-khai" if channel == "portal" else "",
            )
    return created


# --------------------------------------------------------------------------- proposals


def _proposals(officer: User, today: dt.date) -> int:
    created = 0
    for village_code, title, content, share in (
        (
            "VN-12205-thon-dong-tao",
            PROPOSAL_COLLECTING,
            "Đề nghị thôn bàn việc mở rộng điểm sinh hoạt văn hóa xóm Bãi, do các hộ đóng góp "
            "ngày công và vật liệu, để có chỗ sinh hoạt cho người cao tuổi và thiếu nhi.",
            0.06,
        ),
        (
            "VN-12205-thon-an-vi",
            PROPOSAL_REACHED,
            "Đề nghị thôn bàn việc lắp camera an ninh tại ba ngã ba của thôn, kinh phí do các "
            "hộ tự nguyện đóng góp, giao Chi hội Cựu chiến binh quản lý.",
            0.12,
        ),
    ):
        village = _unit(village_code)
        if (
            village is None
            or ResidentProposal.objects.filter(village=village, title=title).exists()
        ):
            continue
        households = _households(village)
        if not households:
            continue
        proposer = households[2]
        proposal = proposal_services.proposal_create(
            actor=officer,
            village=village,
            title=title,
            content=content,
            matter="other",
            proposer_name=proposer.representative,
            proposer_household=proposer,
        )
        for n, household in enumerate(households[: max(1, int(len(households) * share))]):
            if proposal.status != ResidentProposal.Status.COLLECTING:
                break  # reached 10 %: no more support is collected
            proposal_services.support_record(
                proposal=proposal,
                household=household,
                signed_on=today - dt.timedelta(days=20 - n % 15),
                actor=officer,
                today=today,
            )
        created += 1
    return created


# --------------------------------------------------------------------------- decisions

ROAD_DECISION = "Đóng góp bê tông hóa đường giao thông nông thôn năm 2027"
LIGHTS_DECISION = "Lắp đèn năng lượng mặt trời trên đường trục thôn Đông Tảo"
# Approving ballots per village: three of the four villages reach two thirds of all their
# households, so the commune-wide matter passes (at least 2/3 of villages, Art 21(1)(b)).
ROAD_APPROVALS = {
    "VN-12205-thon-dong-tao": 88,  # of 118: needs 79
    "VN-12205-thon-an-vi": 61,  # of 86: needs 58
    "VN-12205-thon-binh-dan": 38,  # of 64: needs 43, not reached
    "VN-12205-thon-da-trach": 70,  # of 97: needs 65
}
OTHER_OPINION = "Đề nghị cho hộ khó khăn được đóng góp bằng ngày công thay cho tiền."


def _road_decision(commune: Unit, officer: User, head: User) -> int:
    """A commune-wide contribution decided by a ballot to every household, counted and
    recognised: the vote ran over the last twelve days and closed yesterday."""
    if CommunityDecision.objects.filter(commune=commune, title=ROAD_DECISION).exists():
        return 0
    now = timezone.now()
    opened = now - dt.timedelta(days=12)
    decision = vote_services.decision_create(
        actor=officer,
        commune=commune,
        village=None,
        matter=Matter.CONTRIBUTIONS,
        form=DecisionForm.HOUSEHOLD_BALLOT,
        title=ROAD_DECISION,
        content=(
            "Mỗi hộ đóng góp 500.000 đồng và 2 ngày công để bê tông hóa 3,2 km đường trục "
            "thôn, ngân sách xã hỗ trợ xi măng; Ban giám sát đầu tư của cộng đồng giám sát."
        ),
    )
    decision = vote_services.decision_open(
        decision=decision,
        actor=officer,
        opens_at=opened,
        closes_at=now + dt.timedelta(minutes=5),
        notice_date=timezone.localtime(opened).date() - dt.timedelta(days=3),
        ballot_team="Nguyễn Văn Thành\nVũ Thị Lan\nHoàng Văn Dũng",
    )
    for village_code, approvals in ROAD_APPROVALS.items():
        village = _unit(village_code)
        if village is None:
            continue
        approved = 0
        for n, household in enumerate(_households(village)):
            if n % 11 == 10:
                continue  # about one household in eleven returned no ballot
            if n % 13 == 12:
                choice = "other"
            elif approved < approvals:
                choice, approved = "approve", approved + 1
            else:
                choice = "disagree"
            vote_services.ballot_cast(
                decision=decision,
                household=household,
                actor=officer,
                choice=choice,
                other_opinion=OTHER_OPINION if choice == "other" else "",
                received_at=opened + dt.timedelta(hours=2 + n % 200),
            )
    # The return deadline has passed (the seed runs in minutes, the vote in days).
    CommunityDecision.objects.filter(pk=decision.pk).update(closes_at=now - dt.timedelta(days=1))
    decision.refresh_from_db()
    decision = vote_services.decision_count(decision=decision, actor=officer)
    if decision.status == CommunityDecision.Status.COUNTED:
        decision = vote_services.decision_submit(decision=decision, actor=officer)
        vote_services.decision_recognise(
            decision=decision, actor=head, document_number="215/QĐ-UBND"
        )
    return 1


def _lights_poll(commune: Unit, officer: User) -> int:
    """An item-6 matter of Thôn Đông Tảo: the households are asked whether to vote online."""
    village = _unit("VN-12205-thon-dong-tao")
    if village is None or CommunityDecision.objects.filter(title=LIGHTS_DECISION).exists():
        return 0
    decision = vote_services.decision_create(
        actor=officer,
        commune=commune,
        village=village,
        matter=Matter.OTHER,
        form=DecisionForm.ONLINE,
        title=LIGHTS_DECISION,
        content=(
            "Lắp 40 đèn năng lượng mặt trời trên đường trục thôn từ quỹ khuyến học và đóng góp "
            "tự nguyện; thôn đề nghị biểu quyết trực tuyến qua tài khoản của các hộ."
        ),
    )
    vote_services.decision_consent_start(decision=decision, actor=officer)
    return 1


# --------------------------------------------------------------------------- agencies


def _conference(today: dt.date) -> int:
    department = _unit(world.DEPARTMENT_OF_HOME_AFFAIRS.code)
    officer = _user(cast.HOME_AFFAIRS_HANDLER)
    if department is None or officer is None:
        return 0
    year = today.year - CONFERENCE_YEAR_OFFSET
    if StaffConference.objects.filter(agency=department, year=year).exists():
        return 0
    agency_services.agency_profile_save(
        actor=officer, agency=department, staff_count=86, union_name="Công đoàn Sở Nội vụ"
    )
    held_on = dt.date(year + 1, 3, 12)
    if held_on > today:  # the demo runs early in a year: last year's conference is not held yet
        return 0
    conference = agency_services.conference_create(
        actor=officer, agency=department, year=year, held_on=held_on, total_staff=86
    )
    agency_services.conference_record(
        actor=officer,
        conference=conference,
        attendees=79,
        agenda_done=list(AgendaItem.values),
        pledge_signed=True,
        pledge_signed_on=held_on,
        resolution_number="01/NQ-HNCBCC",
        resolution_adopted_on=held_on,
        resolution_summary=(
            "Hội nghị thống nhất các chỉ tiêu thi đua năm, quy chế chi tiêu nội bộ sửa đổi và "
            "giao ước thi đua giữa Giám đốc Sở và Ban Chấp hành Công đoàn."
        ),
        chair_name="Giám đốc Sở Nội vụ",
        secretary_name="Chánh Văn phòng Sở",
    )
    return 1


# --------------------------------------------------------------------------- all


@transaction.atomic
def demo_democracy_seed() -> DemocracySeedReport:
    """Everything above; parts whose units or people are missing are skipped."""
    report = DemocracySeedReport()
    committee = Unit.objects.filter(code=world.COMMUNE_COMMITTEE.code).select_related("parent")
    commune = getattr(committee.first(), "parent", None)
    officer = _user(cast.COMMUNE_HANDLER)
    if commune is None or officer is None:
        return report
    today = timezone.localdate()
    _link_citizen()
    report.disclosures = _disclosures(commune, officer, today)
    report.proposals = _proposals(officer, today)
    head = _user(cast.COMMUNE_HEAD) or officer
    report.decisions = _road_decision(commune, officer, head) + _lights_poll(commune, officer)
    report.conferences = _conference(today)
    return report


def demo_democracy_reset() -> int:
    """Remove what the seed made (the demo reset calls this before it removes the villages
    these rows protect). The commune is a real one of the map: only the seed's own rows go."""
    owned = [unit.code for unit in world.DEMO_UNITS if unit.owned]
    removed = 0
    decisions = CommunityDecision.objects.filter(
        Q(village__code__in=owned) | Q(title__in=(ROAD_DECISION, LIGHTS_DECISION))
    )
    removed += decisions.delete()[0]
    removed += ResidentProposal.objects.filter(village__code__in=owned).delete()[0]
    titles = Q(title__contains=ROAD_DECISION) | Q(title__contains=LIGHTS_DECISION)
    for prefix in DISCLOSURE_TITLE_PREFIXES:
        titles |= Q(title__startswith=prefix)
    removed += Disclosure.objects.filter(titles, unit__kind__in=COMMUNE_KINDS).delete()[0]
    # The department's conference records (the department is the demo's own unit).
    for model in (StaffConsultationLink, StaffMatter, ResolutionCheck):
        field = "conference__agency__code__in" if model is ResolutionCheck else "agency__code__in"
        removed += model.objects.filter(**{field: owned}).delete()[0]
    removed += StaffConference.objects.filter(agency__code__in=owned).delete()[0]
    removed += AgencyProfile.objects.filter(agency__code__in=owned).delete()[0]
    return removed
