"""Reads for consultations and their drafts: access, the posting window, the draft tree.

Access follows ``danvan.core.access``: a consultation a person may not see and one that
does not exist give the same 404. Managers (``consultations.manage_consultation``: head,
handler or commission staff of the drafting unit or a unit above it) see every state;
readers see consultations once opened, and an internal draft only when they hold a role in
the drafting unit or above it.

The posting window is the deadline engine's: ``consultation_posting`` for draft legal
documents (20 days [U], DOMAIN.md §6.1) and ``commune_consultation`` for commune matters
(at least 20 days from publication, Law 10/2022/QH15 Art 28). Both count calendar days
from the day after opening (Civil Code Art 147) and end at 24:00 of the last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from danvan.consultations.models import Consultation, DraftVersion, Provision
from danvan.consultations.services.draft_diff import ArticleComparison, compare_articles
from danvan.core.access import get_object_for_user_or_404
from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import Rule
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit
from danvan.units.predicates import held_roles

MANAGE = "consultations.manage_consultation"
MANAGER_ROLES = ("head", "handler", "commission_staff")

Kind = Consultation.Kind
Status = Consultation.Status
Level = Provision.Level

RULE_FOR_KIND: dict[str, str] = {
    Kind.LEGAL_DOCUMENT: "consultation_posting",
    Kind.COMMUNE_MATTER: "commune_consultation",
    # No law sets a period for an agency's internal drafts; the general one is the default.
    Kind.INTERNAL: "consultation_posting",
}


# ------------------------------------------------------------------ access


def can_manage(user: Any, consultation_or_unit: Consultation | Unit) -> bool:
    return bool(user.has_perm(MANAGE, consultation_or_unit))


def managed_units(user: Any) -> QuerySet[Unit]:
    """Units the person may create consultations for: where they hold a manager role."""
    unit_ids = {held.unit_id for held in held_roles(user) if held.role in MANAGER_ROLES}
    return Unit.objects.filter(pk__in=unit_ids, is_active=True).order_by("path")


def consultations_managed_by(user: Any) -> QuerySet[Consultation]:
    """Consultations of the units the person manages and of every unit below them."""
    paths = {held.unit_path for held in held_roles(user) if held.role in MANAGER_ROLES}
    if not paths:
        return Consultation.objects.none()
    condition = reduce(
        or_,
        (Q(unit__path=path) | Q(unit__path__startswith=path + PATH_SEPARATOR) for path in paths),
    )
    return (
        Consultation.objects.filter(condition)
        .select_related("unit")
        .annotate(version_count=Count("versions"))
        .order_by("-created_at")
    )


def consultation_for_manager_or_404(user: Any, slug: str) -> Consultation:
    return get_object_for_user_or_404(
        Consultation.objects.select_related("unit"),
        allowed=lambda consultation: can_manage(user, consultation),
        slug=slug,
    )


def may_read(user: Any, consultation: Consultation) -> bool:
    """Whether the person may read the draft (and, for the participation area, see it)."""
    if can_manage(user, consultation):
        return True
    if consultation.status == Status.DRAFT:
        return False
    if consultation.audience == Consultation.Audience.STAFF:
        return is_staff_of(user, consultation)
    return True


def is_staff_of(user: Any, consultation: Consultation) -> bool:
    """An active staff role (any but citizen) in the drafting unit or a unit below it.

    The same rule as the participation area's audience check, so whoever may take part in
    an internal draft may read it and nobody else outside the managers.
    """
    unit_path = consultation.unit.path
    return any(
        held.role != RoleAssignment.Role.CITIZEN
        and (held.unit_path == unit_path or held.unit_path.startswith(unit_path + PATH_SEPARATOR))
        for held in held_roles(user)
    )


def consultation_for_reader_or_404(user: Any, slug: str) -> Consultation:
    """The consultation if the person may read it; the same 404 otherwise."""
    return get_object_for_user_or_404(
        Consultation.objects.select_related("unit"),
        allowed=lambda consultation: may_read(user, consultation),
        slug=slug,
    )


def consultations_open_public(*, now: dt.datetime | None = None) -> QuerySet[Consultation]:
    """Consultations open to the public now (internal drafts are listed to no one here)."""
    return (
        Consultation.objects.open_at(now)
        .exclude(audience=Consultation.Audience.STAFF)
        .select_related("unit")
        .order_by("closes_at", "title")
    )


def consultations_closed_public(*, now: dt.datetime | None = None) -> QuerySet[Consultation]:
    """Public consultations whose window is over (closed by date or by the agency)."""
    now = now or timezone.now()
    return (
        Consultation.objects.exclude(audience=Consultation.Audience.STAFF)
        .filter(
            Q(status__in=[Status.CLOSED, Status.REPORTED])
            | Q(status=Status.OPEN, closes_at__lte=now)
        )
        .select_related("unit")
        .order_by("-closes_at")
    )


# ------------------------------------------------------------------ posting window


@dataclass(frozen=True)
class Window:
    """The posting window of a consultation, for display and for the open/close services."""

    rule: Rule
    opens_on: dt.date
    minimum_last_day: dt.date  # the legal minimum: comments accepted until 24:00 of it
    last_day: dt.date | None  # the chosen last day (≥ the minimum) once opened
    closes_at: dt.datetime | None
    today: dt.date
    is_open: bool

    @property
    def days_left(self) -> int | None:
        """Whole days after today until the last day (0 on the last day itself)."""
        if self.last_day is None or not self.is_open:
            return None
        return max(0, (self.last_day - self.today).days)

    @property
    def rule_is_uncertain(self) -> bool:
        return self.rule.needs_verification


def rule_code_for(kind: str) -> str:
    return RULE_FOR_KIND.get(kind, "consultation_posting")


def end_of_day(day: dt.date) -> dt.datetime:
    """The instant the day ends (24:00, Civil Code Art 148(6)) in the project's time zone."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def minimum_last_day(*, rule_code: str, opens_on: dt.date, remote_area: bool = False) -> dt.date:
    """The earliest last day the law allows for a window opened on ``opens_on``."""
    return deadline_config().due_date(rule_code, opens_on, remote_area=remote_area)


def consultation_window(consultation: Consultation, *, now: dt.datetime | None = None) -> Window:
    """The window as it stands (opened) or would stand if opened today (a draft)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    code = consultation.rule_code or rule_code_for(consultation.kind)
    opens_on = timezone.localdate(consultation.opens_at) if consultation.opens_at else today
    config = deadline_config()
    rule = config.rule(code, on=opens_on)
    minimum = minimum_last_day(
        rule_code=code, opens_on=opens_on, remote_area=consultation.unit.is_remote_area
    )
    last_day = None
    if consultation.closes_at is not None:
        last_day = timezone.localdate(consultation.closes_at - dt.timedelta(microseconds=1))
    return Window(
        rule=rule,
        opens_on=opens_on,
        minimum_last_day=minimum,
        last_day=last_day,
        closes_at=consultation.closes_at,
        today=today,
        is_open=consultation.is_open_at(now),
    )


# ------------------------------------------------------------------ the draft


@dataclass
class ProvisionNode:
    """A provision with its children, for templates (the tree read in one query)."""

    provision: Provision
    children: list[ProvisionNode] = field(default_factory=list)

    # The same attributes as ``draft_parser.Node``, so one template shows both a saved
    # version and the preview of a text not yet saved.
    @property
    def anchor(self) -> str:
        return self.provision.anchor

    @property
    def level(self) -> str:
        return self.provision.level

    @property
    def label(self) -> str:
        return self.provision.label

    @property
    def heading(self) -> str:
        return self.provision.heading

    @property
    def text(self) -> str:
        return self.provision.text


def current_version(consultation: Consultation) -> DraftVersion | None:
    return consultation.versions.order_by("-number").first()


def version_tree(version: DraftVersion) -> list[ProvisionNode]:
    """The provisions of ``version`` as a forest, in reading order (one query)."""
    nodes: dict[int, ProvisionNode] = {}
    roots: list[ProvisionNode] = []
    for provision in version.provisions.order_by("position"):
        node = ProvisionNode(provision)
        nodes[provision.pk] = node
        parent = nodes.get(provision.parent_id) if provision.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def walk(nodes: Iterable[ProvisionNode]) -> list[ProvisionNode]:
    out: list[ProvisionNode] = []
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def reading_blocks(roots: list[ProvisionNode]) -> list[tuple[int, ProvisionNode]]:
    """Containers and articles in reading order with their depth (for headings)."""
    out: list[tuple[int, ProvisionNode]] = []

    def visit(node: ProvisionNode, depth: int) -> None:
        out.append((depth, node))
        if node.level != Level.ARTICLE:
            for child in node.children:
                visit(child, depth + 1)

    for root in roots:
        visit(root, 0)
    return out


def version_counts(version: DraftVersion) -> dict[str, int]:
    """How many provisions of each level the version has (for the structure preview)."""
    rows = version.provisions.values("level").annotate(n=Count("pk")).order_by()
    counts = dict.fromkeys(Level.values, 0)
    counts.update({row["level"]: row["n"] for row in rows})
    return counts


def provision_lines(node: ProvisionNode) -> list[str]:
    """A provision and everything below it as the lines a reader sees."""
    provision = node.provision
    if provision.level == Level.CLAUSE:
        head = f"{provision.label.removeprefix('Khoản ')}. "
    elif provision.level == Level.POINT:
        head = f"{provision.label.removeprefix('Điểm ')}) "
    else:
        head = ""
    body = provision.text.split("\n") if provision.text else []
    if head:
        lines = [head + (body[0] if body else ""), *body[1:]]
    else:
        title = f"{provision.label}. {provision.heading}" if provision.heading else provision.label
        lines = [title, *body]
    for child in node.children:
        lines.extend(provision_lines(child))
    return lines


def article_texts(version: DraftVersion) -> dict[str, tuple[str, str, str]]:
    """Each article's (label, heading, full text) by anchor, in reading order."""
    return {
        node.anchor: (
            node.provision.label,
            node.provision.heading,
            "\n".join(provision_lines(node)),
        )
        for node in walk(version_tree(version))
        if node.level == Level.ARTICLE
    }


def version_comparison(old: DraftVersion, new: DraftVersion) -> list[ArticleComparison]:
    return compare_articles(article_texts(old), article_texts(new))


# ------------------------------------------------------------------ reading-page hooks

ReadingContextHook = Callable[[HttpRequest, Consultation, DraftVersion], dict[str, Any]]
_reading_hooks: list[ReadingContextHook] = []


def register_reading_context(hook: ReadingContextHook) -> ReadingContextHook:
    """Let another area add context to the reading page (e.g. the reader's own votes).

    Called once per page view with the request, the consultation and the version shown;
    the dicts are merged into the template context, so the per-article include can read
    them without a query per article. Use as a decorator from the area's ``AppConfig``
    or module import; registering the same function twice has no effect.
    """
    if hook not in _reading_hooks:
        _reading_hooks.append(hook)
    return hook


def reading_context(
    request: HttpRequest, consultation: Consultation, version: DraftVersion
) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for hook in _reading_hooks:
        context.update(hook(request, consultation, version))
    return context
