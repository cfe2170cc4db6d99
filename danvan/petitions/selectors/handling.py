"""Reads for the staff side of handling: the inbox, the case page, routing, published answers.

The inbox is the page officers live in, and the benchmark times it over a million cases:
it filters on the ``(unit, status, due_on)`` index, loads the unit and field with the case
in one query, and never reads the long text columns.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import Rule
from danvan.deadlines.labels import UNIT_LABELS
from danvan.deadlines.selectors import DeadlineToday, deadline_today
from danvan.petitions.models import (
    Case,
    CaseAnswer,
    CaseEvent,
    GroupRepresentative,
    RoutingRule,
    RoutingTable,
)
from danvan.petitions.services.cases import case_running_deadline
from danvan.petitions.services.handling import (
    BEFORE_ACCEPTANCE,
    COMPLEX_VARIANTS,
    answer_publishable,
)
from danvan.petitions.tracking import tracking_code_normalise
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, Unit

Status = Case.Status
Kind = Case.Kind

CONDITION_LABELS: dict[str, Promise] = {
    "name": _("No full name"),
    "address": _("No address"),
    "signature": _("Not signed, or identity not checked"),
    "content": _("Content unclear"),
    "settled": _("Already settled, or no new content"),
    "time_limit": _("Filed after the time limit without a good reason"),
    "representatives": _("Group representatives not appointed as Art 29 requires"),
    "group_signatures": _("Not every member of the group signed"),
    "group_appointment": _("No written appointment of representatives"),
}


# ------------------------------------------------------------------------------ inbox


@dataclass(frozen=True)
class InboxFilters:
    kind: str = ""
    status: str = ""
    field_id: int | None = None
    due: str = ""  # "soon", "week", "overdue" or ""
    query: str = ""


def warning_horizon(*, today: dt.date) -> dt.date:
    """The last due date counted as "due soon": N working days after today."""
    days = int(settings.DANVAN.get("DEADLINE_WARNING_WORKING_DAYS", 2))
    return deadline_config().calendar.add_working_days(today, days)


def week_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=6 - today.weekday())


def inbox_cases(
    *,
    unit: Unit,
    include_below: bool,
    filters: InboxFilters | None = None,
    today: dt.date | None = None,
) -> QuerySet[Case]:
    """Open cases of ``unit`` (and of the units below it for a head), soonest due first."""
    on = today or timezone.localdate()
    filters = filters or InboxFilters()
    queryset = Case.objects.filter(status__in=Case.OPEN_STATUSES)
    if include_below:
        queryset = queryset.filter(
            Q(unit=unit) | Q(unit__path__startswith=unit.path + PATH_SEPARATOR)
        )
    else:
        queryset = queryset.filter(unit=unit)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.field_id is not None:
        queryset = queryset.filter(field_id=filters.field_id)
    if filters.due == "overdue":
        queryset = queryset.filter(due_on__lt=on)
    elif filters.due == "soon":
        queryset = queryset.filter(due_on__gte=on, due_on__lte=warning_horizon(today=on))
    elif filters.due == "week":
        queryset = queryset.filter(due_on__gte=on, due_on__lte=week_end(on))
    query = filters.query.strip()
    if query:
        code = tracking_code_normalise(query)
        if code:
            queryset = queryset.filter(tracking_code=code)
        else:
            for word in fold_for_search(query).split():
                queryset = queryset.filter(search_text__contains=word)
    return (
        queryset.select_related("unit", "field")
        .defer("content", "search_text", "unit__search_name", "field__name_en")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )


def deadline_badge(*, due_on: dt.date | None, today: dt.date, horizon: dt.date) -> str:
    """``overdue``, ``today``, ``soon`` or "" for a case due on ``due_on``."""
    if due_on is None:
        return ""
    if due_on < today:
        return "overdue"
    if due_on == today:
        return "today"
    if due_on <= horizon:
        return "soon"
    return ""


@dataclass(frozen=True)
class InboxCounts:
    new: int
    due_this_week: int
    overdue: int


def inbox_counts(*, unit: Unit, include_below: bool, today: dt.date | None = None) -> InboxCounts:
    """The dashboard's three numbers, in one aggregate query."""
    on = today or timezone.localdate()
    row = inbox_cases(unit=unit, include_below=include_below, today=on).aggregate(
        new=Count("pk", filter=Q(status=Status.RECEIVED)),
        week=Count("pk", filter=Q(due_on__gte=on, due_on__lte=week_end(on))),
        overdue=Count("pk", filter=Q(due_on__lt=on)),
    )
    return InboxCounts(new=row["new"], due_this_week=row["week"], overdue=row["overdue"])


# -------------------------------------------------------------------------- case page


@dataclass(frozen=True)
class DeadlineView:
    rule: Rule
    description: str
    today: DeadlineToday
    unit_label: Promise
    extensions: list[tuple[str, str]]  # (code, description) of the rule's extensions
    extensions_granted: tuple[tuple[str, int], ...]

    @property
    def overdue_by(self) -> int:
        """Units past the due date (0 when not overdue)."""
        remaining = self.today.remaining
        return -remaining if remaining is not None and remaining < 0 else 0


def case_deadline_view(
    *, case: Case, today: dt.date | None = None, events: list[CaseEvent] | None = None
) -> DeadlineView | None:
    """The running limit of the case: rule, legal basis, due date and units left today."""
    running = case_running_deadline(case=case, events=events)
    if running is None:
        return None
    rule = running.rule
    return DeadlineView(
        rule=rule,
        description=rule.description_vi,
        today=deadline_today(deadline=running, today=today),
        unit_label=UNIT_LABELS[rule.unit],
        extensions=[(e.code, f"{e.description_vi} ({e.legal_basis})") for e in rule.extensions],
        extensions_granted=running.extensions_granted,
    )


def case_events(*, case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("occurred_at", "pk")


def case_chain(*, case: Case, limit: int = 10) -> list[Case]:
    """The complaint chain the case belongs to, first-time case first (this one included)."""
    before: list[Case] = []
    cursor = case.previous_case
    seen = {case.pk}
    while cursor is not None and cursor.pk not in seen and len(before) < limit:
        before.append(cursor)
        seen.add(cursor.pk)
        cursor = cursor.previous_case
    after = list(case.follow_up_cases.select_related("unit").order_by("received_at")[:limit])
    chain = [*reversed(before), case, *after]
    return chain if len(chain) > 1 else []


def case_split_children(*, case: Case) -> QuerySet[Case]:
    """The cases split from ``case``; denunciations are left out (their link is sealed)."""
    return case.split_cases.exclude(kind=Kind.DENUNCIATION).select_related("unit").order_by("pk")


def case_actions(*, case: Case, user: Any) -> frozenset[str]:
    """The actions ``user`` may take on ``case`` now (the case page shows these buttons)."""
    handle = bool(user.has_perm("petitions.handle_case", case))
    approve = bool(user.has_perm("petitions.approve_case", case))
    status = case.status
    actions: set[str] = set()
    # Reverse one-to-one accessors raise a subclass of AttributeError when there is no row.
    conditions = getattr(case, "conditions", None)
    refusal = getattr(case, "refusal", None)
    if handle:
        if status in BEFORE_ACCEPTANCE or status == Status.NOT_ELIGIBLE:
            actions.add("classify")
            if case.kind == Kind.MIXED:
                actions.add("split")
            else:
                actions.update({"conditions", "return"})
                if case.kind != Kind.DENUNCIATION:
                    actions.add("representatives")
                if case.kind == Kind.COMPLAINT:
                    actions.add("link_previous")
        if status in BEFORE_ACCEPTANCE and case.kind != Kind.MIXED:
            actions.add("forward")
            if refusal is None:
                actions.add("refuse")
        if (
            status == Status.CLASSIFIED
            and conditions is not None
            and conditions.eligible
            and conditions.within_competence
        ):
            actions.add("accept")
        # Marking a suspended complaint complex would restart its clock: resume first.
        suspended_switch = status == Status.SUSPENDED and case.rule_code in COMPLEX_VARIANTS
        if case.is_open and not case.is_complex and not suspended_switch:
            actions.add("complex")
        if status == Status.ACCEPTED:
            actions.update({"suspend", "answer"})
        if status == Status.ANSWER_DRAFTED:
            actions.add("answer")
        if status == Status.SUSPENDED:
            actions.add("resume")
        if status == Status.ANSWER_APPROVED:
            actions.add("send")
    if approve:
        if status == Status.ACCEPTED and case.rule_code:
            rule = deadline_config().rule_book.get(case.rule_code, on=timezone.localdate())
            if rule.extensions:
                actions.add("extend")
        if status == Status.ANSWER_DRAFTED:
            actions.update({"approve", "return_answer"})
        if status == Status.ANSWERED and answer_publishable(case):
            answer = getattr(case, "answer", None)
            if answer is not None and not answer.published:
                actions.add("publish")
        if refusal is not None and refusal.issued_on is None and case.is_open:
            actions.add("issue_refusal")
    return frozenset(actions)


# --------------------------------------------------------------------------- routing


@dataclass(frozen=True)
class RoutingSuggestion:
    unit: Unit
    rule: RoutingRule
    table: RoutingTable


def routing_table_in_force(*, on: dt.date) -> RoutingTable | None:
    """The published version with the latest start on or before ``on``."""
    return (
        RoutingTable.objects.filter(published=True, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )


def routing_suggest(*, case: Case, on: dt.date | None = None) -> RoutingSuggestion | None:
    """The competent unit for ``case`` from the routing table in force, with the rule used.

    A rule matches the case's kind, its field (or any field) and its unit's place or a
    place above it (or anywhere). Highest priority wins; then a rule naming a field; then
    the deepest place.
    """
    table = routing_table_in_force(on=on or timezone.localdate())
    if table is None:
        return None
    codes = case.unit.path.split(PATH_SEPARATOR)
    rules = list(
        RoutingRule.objects.filter(table=table, kind=case.kind)
        .filter(Q(field__isnull=True) | Q(field_id=case.field_id))
        .filter(Q(place__isnull=True) | Q(place__code__in=codes))
        .select_related("competent_unit", "place", "field")
    )
    if not rules:
        return None

    def rank(rule: RoutingRule) -> tuple[int, bool, int]:
        depth = len(rule.place.path.split(PATH_SEPARATOR)) if rule.place is not None else 0
        return (rule.priority, rule.field_id is not None, depth)

    best = max(rules, key=rank)
    return RoutingSuggestion(unit=best.competent_unit, rule=best, table=table)


# ------------------------------------------------------------------- published answers


def published_answers() -> QuerySet[CaseAnswer]:
    """Answers published for the public, newest first (no personal data is read)."""
    return (
        CaseAnswer.objects.filter(published=True)
        .select_related("case__unit", "case__field")
        .only(
            "pk",
            "published_title",
            "published_on",
            "case__kind",
            "case__is_second_time",
            "case__unit__name",
            "case__field__name",
        )
        .order_by("-published_on", "-pk")
    )


def published_answer_get(*, pk: int) -> CaseAnswer | None:
    return (
        CaseAnswer.objects.filter(published=True, pk=pk)
        .select_related("case__unit", "case__field")
        .only(
            "pk",
            "published_title",
            "published_body",
            "published_on",
            "case__kind",
            "case__is_second_time",
            "case__unit__name",
            "case__field__name",
        )
        .first()
    )


@dataclass(frozen=True)
class CasePage:
    """Everything the case page shows, read in a fixed number of queries."""

    case: Case
    events: list[CaseEvent]
    deadline: DeadlineView | None
    actions: frozenset[str]
    chain: list[Case]
    split_children: list[Case]
    representatives: list[Any]
    suggestion: RoutingSuggestion | None
    failed_labels: list[Promise] = field(default_factory=list)


def case_page(*, case: Case, user: Any) -> CasePage:
    conditions = getattr(case, "conditions", None)
    actions = case_actions(case=case, user=user)
    suggestion = routing_suggest(case=case) if "forward" in actions else None
    events = list(case_events(case=case))
    return CasePage(
        case=case,
        events=events,
        deadline=case_deadline_view(case=case, events=events),
        actions=actions,
        chain=case_chain(case=case),
        split_children=(
            list(case_split_children(case=case)) if case.status == Status.SPLIT else []
        ),
        representatives=list(GroupRepresentative.objects.filter(case=case)),
        suggestion=suggestion,
        failed_labels=[
            CONDITION_LABELS[code]
            for code in (conditions.failed if conditions is not None else [])
            if code in CONDITION_LABELS
        ],
    )
