"""Reads for taking part: who may, which provisions exist, live tallies, votes, statements.

Tallies are read from ``ArticleTally`` (a handful of rows per article, added up here), never
by counting vote rows: a page view costs the same with ten votes or ten million.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet, Sum

from danvan.consultations.models import (
    ArticleTally,
    ArticleVote,
    Comment,
    Consultation,
    DraftVersion,
    Provision,
    Statement,
    StatementVote,
)
from danvan.units.models import PATH_SEPARATOR, RoleAssignment
from danvan.units.predicates import held_roles

MANAGE = "consultations.manage_consultation"
Audience = Consultation.Audience


# ------------------------------------------------------------------ consultations and access


def consultation_by_slug(slug: str) -> Consultation | None:
    """The consultation with its ``current_version_id`` (the latest version), in one query.

    Written as raw SQL (the same on PostgreSQL and SQLite) because every vote goes through
    here: building the equivalent ORM query costs more CPU than the database spends on it.
    """
    table = connection.ops.quote_name(Consultation._meta.db_table)
    versions = connection.ops.quote_name(DraftVersion._meta.db_table)
    columns = ", ".join(
        f"c.{connection.ops.quote_name(str(field.column))}"
        for field in Consultation._meta.concrete_fields
    )
    sql = (
        f"SELECT {columns}, (SELECT v.id FROM {versions} v WHERE v.consultation_id = c.id "  # noqa: S608
        f"ORDER BY v.number DESC LIMIT 1) AS current_version_id FROM {table} c WHERE c.slug = %s"
    )
    return next(iter(Consultation.objects.raw(sql, [slug])), None)


def current_version_id(consultation: Consultation) -> int | None:
    """The id of the version people read and vote on (annotated or read once)."""
    if not hasattr(consultation, "current_version_id"):
        consultation.current_version_id = (  # type: ignore[attr-defined]
            DraftVersion.objects.filter(consultation=consultation)
            .order_by("-number")
            .values_list("pk", flat=True)
            .first()
        )
    value: int | None = consultation.current_version_id  # type: ignore[attr-defined]
    return value


def is_staff_of(user: Any, consultation: Consultation) -> bool:
    """An active role other than citizen in the drafting unit or a unit below it."""
    unit_path = consultation.unit.path
    return any(
        held.role != RoleAssignment.Role.CITIZEN
        and (held.unit_path == unit_path or held.unit_path.startswith(unit_path + PATH_SEPARATOR))
        for held in held_roles(user)
    )


def may_manage(user: Any, consultation: Consultation) -> bool:
    return bool(user.is_authenticated and user.has_perm(MANAGE, consultation))


def may_take_part(user: Any, consultation: Consultation) -> bool:
    """Whether the consultation's audience includes ``user`` (the window is checked apart).

    ``everyone``: any active, signed-in account. ``staff``: an active role in the drafting
    unit or below. ``households``: the representative's account of an active household of
    the commune (democracy's register, imported late: democracy's models import this app's);
    "one answer per household" is ``services.participation._household_check``.
    """
    if not (getattr(user, "is_authenticated", False) and getattr(user, "is_active", False)):
        return False
    if consultation.audience == Audience.STAFF:
        return is_staff_of(user, consultation)
    if consultation.audience == Audience.HOUSEHOLDS:
        from danvan.democracy.selectors.comments import may_answer_for_household

        return may_answer_for_household(user, consultation)
    return True


def may_read(user: Any, consultation: Consultation) -> bool:
    """Who may see the participation pages: the public once opened, staff drafts only inside.

    The common case (an opened public consultation) is decided without reading any role.
    """
    if consultation.status != Consultation.Status.DRAFT:
        if consultation.audience != Audience.STAFF:
            return True
        if getattr(user, "is_authenticated", False) and is_staff_of(user, consultation):
            return True
    return may_manage(user, consultation)


# ------------------------------------------------------------------ the draft's provisions


@dataclass(frozen=True)
class ProvisionRef:
    """What taking part needs to know about one provision of the current version."""

    anchor: str
    level: str
    label: str
    text: str
    article_anchor: str  # the article it belongs to; its own anchor outside any article


def provision_refs(*, version_id: int, anchors: Collection[str]) -> dict[str, ProvisionRef]:
    """The provisions named by ``anchors`` in the version (missing ones are left out).

    Each one's article is found by walking up ``parent``; one query per level of depth
    above the provisions asked for (an article is at most two levels above a point).
    """
    rows: list[tuple[int, str, str, str, str, int | None]] = list(
        Provision.objects.filter(version_id=version_id, anchor__in=list(anchors)).values_list(
            "pk", "anchor", "level", "label", "text", "parent_id"
        )
    )
    parents: dict[int, tuple[str, str, int | None]] = {}
    pending = {parent for *_rest, parent in rows if parent is not None}
    while pending:
        found: list[tuple[int, str, str, int | None]] = list(
            Provision.objects.filter(pk__in=pending).values_list(
                "pk", "anchor", "level", "parent_id"
            )
        )
        pending = set()
        for pk, anchor, level, parent in found:
            parents[pk] = (anchor, level, parent)
            if level != Provision.Level.ARTICLE and parent is not None and parent not in parents:
                pending.add(parent)
    result = {}
    for _pk, anchor, level, label, text, parent in rows:
        article = anchor
        if level != Provision.Level.ARTICLE:
            cursor: int | None = parent
            while cursor is not None and cursor in parents:
                up_anchor, up_level, up_parent = parents[cursor]
                if up_level == Provision.Level.ARTICLE:
                    article = up_anchor
                    break
                cursor = up_parent
        result[anchor] = ProvisionRef(anchor, level, label, text, article)
    return result


def provision_descendants(*, version_id: int, anchor: str) -> list[tuple[str, str]]:
    """``(anchor, text)`` of every provision below ``anchor``, in reading order."""
    parents = list(
        Provision.objects.filter(version_id=version_id, anchor=anchor).values_list("pk", flat=True)
    )
    found: list[tuple[int, str, str, int]] = []
    while parents:
        rows: list[tuple[int, str, str, int]] = list(
            Provision.objects.filter(parent_id__in=parents).values_list(
                "pk", "anchor", "text", "position"
            )
        )
        found += rows
        parents = [row[0] for row in rows]
    return [(row[1], row[2]) for row in sorted(found, key=lambda row: row[3])]


def article_anchors(*, version_id: int, anchors: Collection[str]) -> set[str]:
    """Those of ``anchors`` that are articles of the version (what people vote on).

    Raw SQL for the same reason as ``consultation_by_slug``: it runs on every vote.
    """
    wanted = list(anchors)
    if not wanted:
        return set()
    table = connection.ops.quote_name(Provision._meta.db_table)
    marks = ", ".join(["%s"] * len(wanted))
    sql = (
        f"SELECT anchor FROM {table} WHERE version_id = %s AND level = %s "  # noqa: S608
        f"AND anchor IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [version_id, Provision.Level.ARTICLE.value, *wanted])
        return {row[0] for row in cursor.fetchall()}


def articles_of(*, version_id: int) -> QuerySet[Provision]:
    """The articles of a version in reading order (the ballot page, the tallies page)."""
    return Provision.objects.filter(version_id=version_id, level=Provision.Level.ARTICLE).order_by(
        "position"
    )


# ------------------------------------------------------------------ tallies


@dataclass(frozen=True)
class Tally:
    """Live counts of one article; shares are whole per cent of the votes cast on it."""

    agree: int = 0
    disagree: int = 0
    comments: int = 0

    @property
    def votes(self) -> int:
        return self.agree + self.disagree

    @property
    def agree_share(self) -> int | None:
        return round(100 * self.agree / self.votes) if self.votes else None

    @property
    def disagree_share(self) -> int | None:
        share = self.agree_share
        return None if share is None else 100 - share


EMPTY_TALLY = Tally()


def article_tallies(
    *, consultation: Consultation, anchors: Iterable[str] | None = None
) -> dict[str, Tally]:
    """Counts per article, the shards of each added up by the database (one query)."""
    rows = ArticleTally.objects.filter(consultation=consultation)
    if anchors is not None:
        rows = rows.filter(anchor__in=list(anchors))
    totals = rows.values("anchor").annotate(
        total_agree=Sum("agree"), total_disagree=Sum("disagree"), total_comments=Sum("comments")
    )
    return {
        row["anchor"]: Tally(row["total_agree"], row["total_disagree"], row["total_comments"])
        for row in totals
    }


def tallies_overall(tallies: dict[str, Tally]) -> Tally:
    return Tally(
        sum(t.agree for t in tallies.values()),
        sum(t.disagree for t in tallies.values()),
        sum(t.comments for t in tallies.values()),
    )


# ------------------------------------------------------------------ one participant's answers


def votes_of(*, consultation: Consultation, participant: Any) -> dict[str, str]:
    """The participant's current answer per article (empty for anonymous visitors)."""
    if not getattr(participant, "is_authenticated", False):
        return {}
    return dict(
        ArticleVote.objects.filter(consultation=consultation, participant=participant).values_list(
            "anchor", "choice"
        )
    )


@dataclass(frozen=True)
class ArticleState:
    """What the per-article partial shows: the participant's answer and the live counts."""

    vote: str | None
    tally: Tally


def article_states(*, consultation: Consultation, participant: Any) -> dict[str, ArticleState]:
    """Per article anchor, for the reading page (two queries for the whole draft)."""
    votes = votes_of(consultation=consultation, participant=participant)
    tallies = article_tallies(consultation=consultation)
    return {
        anchor: ArticleState(votes.get(anchor), tallies.get(anchor, EMPTY_TALLY))
        for anchor in set(votes) | set(tallies)
    }


# ------------------------------------------------------------------ comments


def comments_for_article(
    *, consultation: Consultation, article_anchor: str, include_hidden: bool = False
) -> QuerySet[Comment]:
    comments = Comment.objects.filter(consultation=consultation, article_anchor=article_anchor)
    if not include_hidden:
        comments = comments.filter(status=Comment.Status.VISIBLE)
    return comments.select_related("participant").order_by("created_at", "pk")


def comments_for_moderation(
    *, consultation: Consultation, status: str | None = None
) -> QuerySet[Comment]:
    comments = Comment.objects.filter(consultation=consultation)
    if status:
        comments = comments.filter(status=status)
    return comments.select_related("participant", "moderated_by").order_by("-created_at", "-pk")


# ------------------------------------------------------------------ statements


def statements_accepted(*, consultation: Consultation) -> QuerySet[Statement]:
    return Statement.objects.filter(
        consultation=consultation, status=Statement.Status.ACCEPTED
    ).order_by("created_at", "pk")


def statements_pending(*, consultation: Consultation) -> QuerySet[Statement]:
    return (
        Statement.objects.filter(consultation=consultation, status=Statement.Status.PENDING)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def statement_votes_of(*, consultation: Consultation, participant: Any) -> dict[int, int]:
    """The participant's vote per statement id."""
    if not getattr(participant, "is_authenticated", False):
        return {}
    return dict(
        StatementVote.objects.filter(
            consultation=consultation, participant=participant
        ).values_list("statement_id", "vote")
    )


def statement_next(*, consultation: Consultation, participant: Any) -> Statement | None:
    """The first accepted statement the participant has not voted on (Polis: one at a time)."""
    voted = StatementVote.objects.filter(
        statement=OuterRef("pk"), participant_id=getattr(participant, "pk", None)
    )
    return statements_accepted(consultation=consultation).exclude(Exists(voted)).first()
