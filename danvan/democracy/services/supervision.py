"""Writes on residents' supervision: boards, members, plans, activities, findings,
recommendations and the commune's answers (Law 10/2022 Arts 36–45, ND 59/2023 Art 14).

The rules the law gives are checked here, where every entry passes:

* a member of a commune's board must not be commune or village staff: an account that
  holds a staff role in a body of the commune is refused; without an account the officer
  records the person's declaration (and, on an investment board, that they have no
  relatives among the decision-maker, investor, consultants or contractors);
* an activity's plan is due at the commune 5 working days before it, counted back from the
  activity day on the legal calendar (rule ``inspection_plan_notice``);
* the commune answers a recommendation within the rule ``inspection_recommendation_answer``
  (15 days by default, not yet verified: administrators override it with the basis).

Retried submissions create nothing twice: boards, members, plans and activities have unique
constraints, findings and recommendations with the same text are returned, not repeated.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import DeadlineConfig, deadline_config
from danvan.deadlines.engine import CalendarRangeError, RuleNotInForceError
from danvan.democracy.models.supervision import (
    BoardMember,
    SupervisionActivity,
    SupervisionBoard,
    SupervisionFinding,
    SupervisionPlan,
    SupervisionRecommendation,
)
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit, User

PLAN_NOTICE_RULE = "inspection_plan_notice"
ANSWER_RULE = "inspection_recommendation_answer"
# The village head's term (ND 185/2026: 5 years, reported, not verified). A deployment sets
# DANVAN_INSPECTION_BOARD_TERM_YEARS when the term in force differs.
DEFAULT_TERM_YEARS = 5


def term_years() -> int:
    return int(getattr(settings, "DANVAN_INSPECTION_BOARD_TERM_YEARS", DEFAULT_TERM_YEARS))


def default_term_end(term_start: dt.date) -> dt.date:
    """The day before the same date ``term_years()`` later (29 February becomes 28)."""
    years = term_years()
    try:
        same_day = term_start.replace(year=term_start.year + years)
    except ValueError:
        same_day = dt.date(term_start.year + years, 3, 1)
    return same_day - dt.timedelta(days=1)


def _before_the_rules() -> ApplicationError:
    return ApplicationError(
        _(
            "This date is before the rules on residents' supervision took effect "
            "(Law 10/2022 and Decree 59/2023, from 2023): enter a later date."
        )
    )


def _outside_the_calendar() -> ApplicationError:
    return ApplicationError(_("Enter a date the legal calendar covers (up to the year 2100)."))


def plan_notice_due_date(*, starts_on: dt.date, config: DeadlineConfig | None = None) -> dt.date:
    """The last day to send an activity's plan: the rule's count of working days counted
    back from the activity day (the activity day itself is not counted)."""
    cfg = config or deadline_config()
    try:
        count = cfg.rule(PLAN_NOTICE_RULE, on=starts_on).count
        return cfg.calendar.add_working_days(starts_on, -count)
    except RuleNotInForceError as error:
        raise _before_the_rules() from error
    except (CalendarRangeError, OverflowError) as error:
        raise _outside_the_calendar() from error


def answer_due_date(*, received_on: dt.date, config: DeadlineConfig | None = None) -> dt.date:
    """The last day (until 24:00) for the commune to answer a recommendation."""
    try:
        return (config or deadline_config()).due_date(ANSWER_RULE, received_on)
    except RuleNotInForceError as error:
        raise _before_the_rules() from error
    except (CalendarRangeError, OverflowError) as error:
        raise _outside_the_calendar() from error


def _clean_and_save(
    instance: models.Model, *, duplicate: str, update_fields: list[str] | None = None
) -> None:
    """full_clean then save; a unique clash (checked or raced) gets ``duplicate``."""
    try:
        instance.full_clean()
    except ValidationError as error:
        if any(key == "__all__" for key in error.message_dict):
            raise ApplicationError(duplicate) from error
        raise ApplicationError(" ".join(error.messages)) from error
    try:
        with transaction.atomic():
            instance.save(update_fields=update_fields)
    except IntegrityError as error:
        raise ApplicationError(duplicate) from error


def _commune_path_covers(commune: Unit, unit_path: str) -> bool:
    return unit_path == commune.path or unit_path.startswith(commune.path + PATH_SEPARATOR)


def holds_staff_role_in(user: User, commune: Unit) -> bool:
    """True if ``user`` holds an active staff role (anything but citizen) in the commune's
    bodies or villages."""
    paths = RoleAssignment.objects.filter(user=user, is_active=True).exclude(
        role=RoleAssignment.Role.CITIZEN
    )
    return any(
        _commune_path_covers(commune, path) for path in paths.values_list("unit__path", flat=True)
    )


# ------------------------------------------------------------------------------- boards


@transaction.atomic
def board_create(
    *,
    unit: Unit,
    kind: str,
    name: str,
    term_start: dt.date,
    term_end: dt.date | None = None,
    project: str = "",
    actor: User,
) -> SupervisionBoard:
    """Set up a board. A commune's inspection board gets the default term when none is given."""
    is_commune = unit.kind in Unit.COMMUNE_KINDS
    if kind == SupervisionBoard.Kind.INVESTMENT:
        if not is_commune:
            raise ApplicationError(
                _("A community investment supervision board is set up in a commune.")
            )
        if not project.strip():
            raise ApplicationError(
                _("Name the programme or project the investment supervision board watches.")
            )
    elif term_end is None and is_commune:
        term_end = default_term_end(term_start)
    if term_end is not None and term_end < term_start:
        raise ApplicationError(_("The term cannot end before it starts."))
    board = SupervisionBoard(
        unit=unit,
        kind=kind,
        name=" ".join(name.split()),
        project=project.strip(),
        term_start=term_start,
        term_end=term_end,
        created_by=actor,
    )
    _clean_and_save(board, duplicate=_("This board is already registered for this term."))
    audit_record(
        actor=actor,
        verb="supervision_board.create",
        target=board,
        data={"unit": unit.code, "kind": kind, "term_start": term_start.isoformat()},
    )
    return board


@transaction.atomic
def board_dissolve(
    *, board: SupervisionBoard, dissolved_on: dt.date, actor: User
) -> SupervisionBoard:
    """Record the end of a board (an investment board when its project ends)."""
    if dissolved_on < board.term_start:
        raise ApplicationError(_("A board cannot be dissolved before its term starts."))
    if board.dissolved_on is not None:
        raise ApplicationError(_("This board has already been dissolved."))
    board.dissolved_on = dissolved_on
    _clean_and_save(board, duplicate="", update_fields=["dissolved_on", "updated_at"])
    audit_record(
        actor=actor,
        verb="supervision_board.dissolve",
        target=board,
        data={"dissolved_on": dissolved_on.isoformat()},
    )
    return board


# ------------------------------------------------------------------------------ members


def _check_member(
    board: SupervisionBoard,
    *,
    village: Unit | None,
    account: User | None,
    declared_not_staff: bool,
    declared_no_relatives: bool,
) -> None:
    if village is not None and (
        village.kind != Unit.Kind.VILLAGE or not _commune_path_covers(board.unit, village.path)
    ):
        raise ApplicationError(_("Choose a village or residential group of this commune."))
    if not board.is_for_commune:
        return
    if account is not None and holds_staff_role_in(account, board.unit):
        raise ApplicationError(
            _(
                "%(name)s holds a staff role in this commune: commune and village staff cannot "
                "be members of the board (Law 10/2022, Arts 36 and 42)."
            )
            % {"name": account.full_name or account.get_username()}
        )
    if board.kind == SupervisionBoard.Kind.INSPECTION and village is None:
        raise ApplicationError(
            _(
                "Members of a commune's People's Inspection Board are elected from the villages: "
                "choose the member's village or residential group."
            )
        )
    if not declared_not_staff:
        raise ApplicationError(
            _("Confirm that the member is not commune or village staff (their declaration).")
        )
    if board.kind == SupervisionBoard.Kind.INVESTMENT and not declared_no_relatives:
        raise ApplicationError(
            _(
                "Confirm that the member has no relatives among the decision-maker, investor, "
                "consultants or contractors of the project (their declaration)."
            )
        )


@transaction.atomic
def member_add(
    *,
    board: SupervisionBoard,
    full_name: str,
    from_date: dt.date,
    role: str = BoardMember.Role.MEMBER,
    village: Unit | None = None,
    to_date: dt.date | None = None,
    account: User | None = None,
    declared_not_staff: bool = False,
    declared_no_relatives: bool = False,
    actor: User,
) -> BoardMember:
    """Put a person on a board, after the checks the law asks for."""
    if board.dissolved_on is not None:
        raise ApplicationError(_("This board has been dissolved."))
    if to_date is not None and to_date < from_date:
        raise ApplicationError(_("A member cannot leave the board before joining it."))
    _check_member(
        board,
        village=village,
        account=account,
        declared_not_staff=declared_not_staff,
        declared_no_relatives=declared_no_relatives,
    )
    if role == BoardMember.Role.HEAD:
        heads = board.members.filter(role=role).filter(
            models.Q(to_date__isnull=True) | models.Q(to_date__gte=from_date)
        )
        if heads.exists():
            raise ApplicationError(
                _("The board already has a head for this period; end their term first.")
            )
    member = BoardMember(
        board=board,
        full_name=" ".join(full_name.split()),
        village=village,
        role=role,
        from_date=from_date,
        to_date=to_date,
        account=account,
        declared_not_staff=declared_not_staff,
        declared_no_relatives=declared_no_relatives,
        created_by=actor,
    )
    _clean_and_save(member, duplicate=_("This person is already on the board from that date."))
    audit_record(
        actor=actor,
        verb="supervision_member.add",
        target=member,
        data={"board": board.pk, "role": role, "from": from_date.isoformat()},
    )
    return member


@transaction.atomic
def member_end(*, member: BoardMember, to_date: dt.date, actor: User) -> BoardMember:
    """A member leaves the board (resigned, moved away, replaced)."""
    if to_date < member.from_date:
        raise ApplicationError(_("A member cannot leave the board before joining it."))
    member.to_date = to_date
    _clean_and_save(member, duplicate="", update_fields=["to_date", "updated_at"])
    audit_record(
        actor=actor,
        verb="supervision_member.end",
        target=member,
        data={"board": member.board_id, "to": to_date.isoformat()},
    )
    return member


# ------------------------------------------------------------------ plans and activities


@transaction.atomic
def plan_create(
    *, board: SupervisionBoard, title: str, content: str = "", actor: User
) -> SupervisionPlan:
    if board.dissolved_on is not None:
        raise ApplicationError(_("This board has been dissolved."))
    plan = SupervisionPlan(
        board=board, title=" ".join(title.split()), content=content.strip(), created_by=actor
    )
    _clean_and_save(plan, duplicate=_("The board already has a plan with this title."))
    audit_record(actor=actor, verb="supervision_plan.create", target=plan, data={"board": board.pk})
    return plan


@transaction.atomic
def activity_create(
    *,
    plan: SupervisionPlan,
    subject: str,
    starts_on: dt.date,
    place: str = "",
    actor: User,
) -> SupervisionActivity:
    """Schedule an activity; the day its plan is due at the commune is computed now."""
    activity = SupervisionActivity(
        plan=plan,
        subject=" ".join(subject.split()),
        place=place.strip(),
        starts_on=starts_on,
        notice_due_on=plan_notice_due_date(starts_on=starts_on),
        created_by=actor,
    )
    _clean_and_save(activity, duplicate=_("This activity is already in the plan on that day."))
    audit_record(
        actor=actor,
        verb="supervision_activity.create",
        target=activity,
        data={"plan": plan.pk, "starts_on": starts_on.isoformat()},
    )
    return activity


@transaction.atomic
def activity_notice_record(
    *, activity: SupervisionActivity, sent_on: dt.date, actor: User
) -> SupervisionActivity:
    """Record the day the plan was sent to the commune (late sending is kept and flagged)."""
    if sent_on > activity.starts_on:
        raise ApplicationError(_("The plan cannot be sent after the activity has taken place."))
    activity.notice_sent_on = sent_on
    _clean_and_save(activity, duplicate="", update_fields=["notice_sent_on", "updated_at"])
    audit_record(
        actor=actor,
        verb="supervision_activity.notice",
        target=activity,
        data={"sent_on": sent_on.isoformat(), "due_on": activity.notice_due_on.isoformat()},
    )
    return activity


@transaction.atomic
def finding_add(
    *, activity: SupervisionActivity, content: str, recorded_on: dt.date, actor: User
) -> SupervisionFinding:
    text = content.strip()
    if not text:
        raise ApplicationError(_("Write what the board found."))
    if recorded_on < activity.starts_on:
        raise ApplicationError(_("A finding cannot be recorded before the activity."))
    existing = activity.findings.filter(content=text).first()
    if existing is not None:  # a retried submission
        return existing
    finding = SupervisionFinding(
        activity=activity, content=text, recorded_on=recorded_on, created_by=actor
    )
    _clean_and_save(finding, duplicate="")
    audit_record(
        actor=actor, verb="supervision_finding.add", target=finding, data={"activity": activity.pk}
    )
    return finding


@transaction.atomic
def recommendation_add(
    *, activity: SupervisionActivity, content: str, sent_on: dt.date, actor: User
) -> SupervisionRecommendation:
    """Send a recommendation to the commune; its answer deadline is computed now."""
    text = content.strip()
    if not text:
        raise ApplicationError(_("Write the recommendation."))
    if sent_on < activity.starts_on:
        raise ApplicationError(_("A recommendation cannot be sent before the activity."))
    existing = activity.recommendations.filter(content=text).first()
    if existing is not None:
        return existing
    recommendation = SupervisionRecommendation(
        activity=activity,
        content=text,
        sent_on=sent_on,
        answer_due_on=answer_due_date(received_on=sent_on),
        created_by=actor,
    )
    _clean_and_save(recommendation, duplicate="")
    audit_record(
        actor=actor,
        verb="supervision_recommendation.add",
        target=recommendation,
        data={"activity": activity.pk, "due_on": recommendation.answer_due_on.isoformat()},
    )
    return recommendation


@transaction.atomic
def recommendation_answer(
    *,
    recommendation: SupervisionRecommendation,
    answer: str,
    answered_on: dt.date,
    actor: User,
) -> SupervisionRecommendation:
    """Record the commune's answer (a late answer is kept and shown as late)."""
    text = answer.strip()
    if not text:
        raise ApplicationError(_("Write the commune's answer."))
    if answered_on < recommendation.sent_on:
        raise ApplicationError(_("The answer cannot be dated before the recommendation."))
    if recommendation.answered_on is not None:
        if recommendation.answer == text:  # a retried submission
            return recommendation
        raise ApplicationError(_("This recommendation has already been answered."))
    recommendation.answer = text
    recommendation.answered_on = answered_on
    recommendation.answered_by = actor
    _clean_and_save(
        recommendation,
        duplicate="",
        update_fields=["answer", "answered_on", "answered_by", "updated_at"],
    )
    audit_record(
        actor=actor,
        verb="supervision_recommendation.answer",
        target=recommendation,
        data={
            "answered_on": answered_on.isoformat(),
            "late": answered_on > recommendation.answer_due_on,
        },
    )
    return recommendation


# ------------------------------------------------------------------------------ demo data

DEMO_COMMITTEE_CODE = "VN-12205-ubnd"  # the demo commune's People's Committee (demo.world)
DEMO_BOARD_NAME = "Ban Thanh tra nhân dân xã Khoái Châu"
DEMO_MEMBERS = (
    ("Nguyễn Văn Thành", "head"),
    ("Trần Thị Hoa", "deputy"),
    ("Lê Văn Bình", "member"),
    ("Phạm Thị Nga", "member"),
    ("Đỗ Văn Hải", "member"),
)


def _demo_place() -> tuple[Unit, list[Unit], User] | None:
    """The demo commune, its villages and an officer of its committee, if seeded."""
    committee = Unit.objects.filter(code=DEMO_COMMITTEE_CODE).select_related("parent").first()
    if committee is None or committee.parent is None:
        return None
    commune = committee.parent
    role = (
        RoleAssignment.objects.filter(
            unit=committee,
            is_active=True,
            role__in=(RoleAssignment.Role.HANDLER, RoleAssignment.Role.HEAD),
        )
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    villages = list(
        Unit.objects.filter(
            kind=Unit.Kind.VILLAGE, path__startswith=commune.path + PATH_SEPARATOR
        ).order_by("code")
    )
    if role is None or not villages:
        return None
    return commune, villages, role.user


def demo_supervision_seed() -> int:
    """The demo commune's People's Inspection Board (complete), an investment supervision
    board one member short, a plan whose activity found a problem, one recommendation
    answered and one past its deadline. Dates follow today; safe to run again (nothing is
    added once the board exists). Returns the number of boards created."""
    place = _demo_place()
    if place is None:
        return 0
    commune, villages, actor = place
    if SupervisionBoard.objects.filter(unit=commune, name=DEMO_BOARD_NAME).exists():
        return 0
    today = timezone.localdate()
    start = dt.date(today.year, 1, 1)
    board = board_create(
        unit=commune,
        kind=SupervisionBoard.Kind.INSPECTION,
        name=DEMO_BOARD_NAME,
        term_start=start,
        actor=actor,
    )
    for i, (name, role) in enumerate(DEMO_MEMBERS):
        member_add(
            board=board,
            full_name=name,
            role=role,
            village=villages[i % len(villages)],
            from_date=start,
            declared_not_staff=True,
            actor=actor,
        )
    investment = board_create(
        unit=commune,
        kind=SupervisionBoard.Kind.INVESTMENT,
        name="Ban Giám sát đầu tư của cộng đồng công trình đường liên thôn",
        project="Đường liên thôn Đông Tảo – An Vĩ",
        term_start=start,
        actor=actor,
    )
    for name in ("Nguyễn Văn Thành", "Vũ Thị Lan", "Hoàng Văn Dũng", "Bùi Thị Mến"):
        member_add(
            board=investment,
            full_name=name,
            village=villages[0],
            from_date=start,
            declared_not_staff=True,
            declared_no_relatives=True,
            actor=actor,
        )
    plan = plan_create(
        board=board,
        title=f"Kế hoạch kiểm tra, giám sát năm {today.year}",
        content="Giám sát việc thu, chi quỹ xây dựng đường thôn và vệ sinh môi trường chợ xã.",
        actor=actor,
    )
    activity = activity_create(
        plan=plan,
        subject="Thu, chi quỹ xây dựng đường thôn Đông Tảo",
        place="Nhà văn hóa thôn Đông Tảo",
        starts_on=today - dt.timedelta(days=30),
        actor=actor,
    )
    activity_notice_record(activity=activity, sent_on=activity.notice_due_on, actor=actor)
    finding_add(
        activity=activity,
        content="Sổ thu quỹ chưa ghi đủ 12 hộ đã đóng góp; chứng từ chi mua xi măng thiếu "
        "chữ ký người nhận.",
        recorded_on=activity.starts_on,
        actor=actor,
    )
    answered = recommendation_add(
        activity=activity,
        content="Đề nghị Ban phát triển thôn bổ sung sổ thu và chứng từ chi.",
        sent_on=activity.starts_on,
        actor=actor,
    )
    recommendation_answer(
        recommendation=answered,
        answer="UBND xã đã yêu cầu Ban phát triển thôn bổ sung sổ sách trước ngày 30.",
        answered_on=activity.starts_on + dt.timedelta(days=7),
        actor=actor,
    )
    recommendation_add(
        activity=activity,
        content="Đề nghị UBND xã công khai quyết toán quỹ tại nhà văn hóa thôn.",
        sent_on=activity.starts_on,
        actor=actor,
    )
    return 2


def demo_supervision_reset() -> int:
    """Delete the demo commune's boards (they protect the demo villages the reset removes)."""
    committee = Unit.objects.filter(code=DEMO_COMMITTEE_CODE).first()
    if committee is None or committee.parent_id is None:
        return 0
    return SupervisionBoard.objects.filter(unit_id=committee.parent_id).delete()[0]
