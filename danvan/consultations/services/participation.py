"""Taking part in a consultation: votes per article, comments, statements, moderation.

Rules kept here (DOMAIN.md §5.4, §6): only while the window is open (``closes_at`` is
checked at the moment of the write, so nothing slips through after it); only the
consultation's audience; a participant's last answer on an article counts; a retried
submission never counts twice; comments and statements are hidden by moderation with a
reason, never deleted, and every moderation decision is audited.

The vote path is the one hot path of a national consultation (the 2025 constitutional one
had 280 million opinion entries), so ``votes_cast`` writes with two statements whatever the
number of articles: one ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` for the votes, whose
answer tells new, changed and unchanged votes apart, and one for the tallies. Both are
plain SQL that PostgreSQL and SQLite (≥ 3.35) accept alike.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from danvan.audit.services import audit_record
from danvan.consultations.models import (
    COMMENT_MAX_LENGTH,
    QUOTE_MAX_LENGTH,
    STATEMENT_MAX_LENGTH,
    TALLY_SHARDS,
    ArticleTally,
    ArticleVote,
    Comment,
    Consultation,
    Statement,
    StatementVote,
)
from danvan.consultations.selectors.participation import (
    ProvisionRef,
    article_anchors,
    current_version_id,
    may_take_part,
    provision_descendants,
    provision_refs,
)
from danvan.consultations.services.dashboard import CHANNEL_WEB, participants_note_many
from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.units.models import User

Choice = ArticleVote.Choice
CHOICES = frozenset(Choice.values)
# The delta of a changed vote is "-1 the other answer, +1 the new one": true only while
# there are exactly two answers (see ``votes_cast``).
assert len(CHOICES) == 2
OTHER = {Choice.AGREE.value: Choice.DISAGREE.value, Choice.DISAGREE.value: Choice.AGREE.value}
# More articles than any draft has (the 2013 Constitution has 120): a bound on one request.
VOTE_BATCH_MAX = 1000
SUBMISSION_KEY_MAX = 64
REASON_MAX = 500
# An identical comment sent again within this time is the same comment sent twice.
REPEAT_WINDOW = dt.timedelta(minutes=10)


def _number(value: int) -> str:
    """An integer written the Vietnamese way (5.000)."""
    return f"{value:,}".replace(",", ".")


def submission_key_new() -> str:
    """A fresh key for a comment form (sent back with it to make the submission idempotent)."""
    return secrets.token_urlsafe(24)


def tally_shard(participant_id: int) -> int:
    return participant_id % TALLY_SHARDS


# ------------------------------------------------------------------ who may take part, when


def _window_error(consultation: Consultation, now: dt.datetime) -> str | None:
    if consultation.is_open_at(now):
        return None
    if consultation.status == Consultation.Status.DRAFT or (
        consultation.status == Consultation.Status.OPEN
        and (consultation.opens_at is None or consultation.opens_at > now)
    ):
        return gettext("This consultation is not open for comments yet.")
    if consultation.closes_at is not None and consultation.closes_at <= now:
        closes = timezone.localtime(consultation.closes_at)
        return gettext(
            "The consultation closed at %(time)s on %(date)s: answers can no longer be "
            "given or changed."
        ) % {"time": closes.strftime("%H:%M"), "date": short_date(closes.date())}
    return gettext("The consultation is closed: answers can no longer be given or changed.")


def _household_check(*, consultation: Consultation, participant: User) -> None:
    """ "One vote per household" (audience ``households``, Law 10/2022 Art 25; issue 6).

    The household register is the democracy app's: it refuses an account that represents
    no household of the commune, or whose household another account already answered for
    (imported here, not at the top: democracy's models import this app's).
    """
    from danvan.democracy.services.comments import household_answer_claim

    household_answer_claim(consultation=consultation, account=participant)


def participation_check(
    *, consultation: Consultation, participant: User, now: dt.datetime | None = None
) -> None:
    """Raise ``ApplicationError`` (Vietnamese message) unless ``participant`` may take part now."""
    problem = _window_error(consultation, now or timezone.now())
    if problem:
        raise ApplicationError(problem)
    if not may_take_part(participant, consultation):
        if consultation.audience == Consultation.Audience.STAFF:
            raise ApplicationError(
                gettext("Only the staff of the drafting agency may take part in this consultation.")
            )
        if consultation.audience == Consultation.Audience.HOUSEHOLDS and participant.is_active:
            _household_check(consultation=consultation, participant=participant)
        raise ApplicationError(gettext("Please log in with a verified account to take part."))
    if consultation.audience == Consultation.Audience.HOUSEHOLDS:
        _household_check(consultation=consultation, participant=participant)


def _version_id(consultation: Consultation) -> int:
    version_id = current_version_id(consultation)
    if version_id is None:
        raise ApplicationError(gettext("This consultation has no draft to comment on yet."))
    return version_id


# ------------------------------------------------------------------ tallies


def rows_source(
    rows: Sequence[Sequence[Any]], pg_types: Sequence[str], constants: Sequence[Any] = ()
) -> tuple[str, list[Any]]:
    """The rows to insert, as a ``SELECT`` clause and its parameters; ``constants`` are
    extra columns with the same value in every row.

    On PostgreSQL the rows travel as ONE parameter, a JSON array of arrays read back with
    ``json_array_elements`` in the order given (``ORDER BY`` the ordinality: callers sort
    rows so that concurrent writers lock in the same order). ``VALUES (…), (…)`` would send
    one parameter per cell, each adapted in Python — for a group of ballots that was most
    of the client's time; ``json.dumps`` does the same in C. SQLite reads ``VALUES``.
    ``WHERE true`` keeps a following ``ON CONFLICT`` unambiguous after a ``SELECT``.
    """
    extra = "".join(", %s" for _constant in constants)
    if connection.vendor == "postgresql":
        columns = ", ".join(f"(e->>{index})::{kind}" for index, kind in enumerate(pg_types))
        sql = (
            f"SELECT {columns}{extra} FROM json_array_elements(%s::json) "  # noqa: S608
            "WITH ORDINALITY AS r(e, n) WHERE true ORDER BY n"
        )
        return sql, [*constants, json.dumps(rows, separators=(",", ":"))]
    marks = "(" + ", ".join(["%s"] * len(pg_types)) + ")"
    columns = ", ".join(f"column{index}" for index in range(1, len(pg_types) + 1))
    sql = (
        f"SELECT {columns}{extra} FROM (VALUES "  # noqa: S608
        + ", ".join([marks] * len(rows))
        + ") WHERE true"
    )
    return sql, [*constants, *(value for row in rows for value in row)]


class TallyRow(NamedTuple):
    """What to add to one tally row (created at zero if missing)."""

    consultation_id: int
    anchor: str
    shard: int
    agree: int
    disagree: int
    comments: int


def tally_upsert(*, rows: Iterable[TallyRow]) -> None:
    """Add each row's figures to its tally row, creating it if needed, in one statement.

    Rows go in key order, so two transactions touching the same rows always lock them in the
    same order and cannot deadlock; rows that add nothing are left out.
    """
    ordered = sorted(row for row in rows if row.agree or row.disagree or row.comments)
    if not ordered:
        return
    table = connection.ops.quote_name(ArticleTally._meta.db_table)
    source, params = rows_source(
        ordered, ("bigint", "text", "smallint", "integer", "integer", "integer")
    )
    sql = (
        f"INSERT INTO {table} (consultation_id, anchor, shard, agree, disagree, comments) "
        f"{source} ON CONFLICT (consultation_id, anchor, shard) DO UPDATE SET "
        f"agree = {table}.agree + EXCLUDED.agree, "
        f"disagree = {table}.disagree + EXCLUDED.disagree, "
        f"comments = {table}.comments + EXCLUDED.comments"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def vote_tally_rows(
    *, written: Iterable[tuple[int, int, str, str, int]], shard_of: Callable[[int], int]
) -> list[TallyRow]:
    """The tally changes of the rows ``votes_upsert`` returned, added up per tally row.

    A new answer (revision 1) is +1 to it; a changed one is also -1 to the other answer,
    which with two answers is the old one. ``shard_of`` maps a participant id to a shard.
    """
    counts: dict[tuple[int, str, int], Counter[str]] = {}
    for consultation_id, participant_id, anchor, choice, revision in written:
        key = (consultation_id, anchor, shard_of(participant_id))
        counter = counts.setdefault(key, Counter())
        counter[choice] += 1
        if revision > 1:
            counter[OTHER[choice]] -= 1
    return [
        TallyRow(cid, anchor, shard, counter[Choice.AGREE], counter[Choice.DISAGREE], 0)
        for (cid, anchor, shard), counter in counts.items()
    ]


def _tally_add(
    *, consultation_id: int, shard: int, deltas: Mapping[str, tuple[int, int, int]]
) -> None:
    """Add ``(agree, disagree, comments)`` to each anchor's row of one shard."""
    tally_upsert(
        rows=[TallyRow(consultation_id, anchor, shard, *delta) for anchor, delta in deltas.items()]
    )


def votes_upsert(
    *, rows: Iterable[tuple[int, int, str, str]], now: dt.datetime
) -> list[tuple[int, int, str, str, int]]:
    """Store answers ``(consultation id, participant id, anchor, choice)`` in one statement.

    Returns ``(consultation id, participant id, anchor, choice, revision)`` for each row it
    wrote: revision 1 is a new answer, more a changed one. An answer equal to the stored one
    is neither written nor returned (a retry changes nothing). How the tally delta is known
    without reading first: with two answers, a changed row is "+1 the new, -1 the other".
    Rows go in key order (no deadlock between two writers) and must not repeat a key.
    """
    ordered = sorted(rows)
    if not ordered:
        return []
    table = connection.ops.quote_name(ArticleVote._meta.db_table)
    stamp = connection.ops.adapt_datetimefield_value(now)
    source, params = rows_source(
        [(cid, anchor, pid, choice) for cid, pid, anchor, choice in ordered],
        ("bigint", "text", "bigint", "text"),
        constants=(1, stamp, stamp),
    )
    sql = (
        f"INSERT INTO {table} "
        "(consultation_id, anchor, participant_id, choice, revision, created_at, updated_at) "
        f"{source} ON CONFLICT (consultation_id, participant_id, anchor) DO UPDATE SET "
        f"choice = EXCLUDED.choice, revision = {table}.revision + 1, "
        f"updated_at = EXCLUDED.updated_at WHERE {table}.choice <> EXCLUDED.choice "
        "RETURNING consultation_id, participant_id, anchor, choice, revision"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(c), int(p), str(a), str(ch), int(r)) for c, p, a, ch, r in cursor.fetchall()]


def tallies_rebuild(*, consultation: Consultation) -> int:
    """Recompute the consultation's tallies from the vote and comment rows; return rows written.

    For repairs and after changing ``TALLY_SHARDS``. On PostgreSQL the vote and comment
    tables are locked against writes (reads go on) while it runs, so no vote falls between
    the count and the new rows; SQLite's write transactions are serialised anyway.
    """
    from django.db.models import Count, F, Q

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (ArticleVote, Comment, ArticleTally):
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        counts: dict[tuple[str, int], list[int]] = {}
        votes = (
            ArticleVote.objects.filter(consultation=consultation)
            .annotate(bucket=F("participant_id") % TALLY_SHARDS)
            .values("anchor", "bucket")
            .annotate(
                agree=Count("pk", filter=Q(choice=Choice.AGREE)),
                disagree=Count("pk", filter=Q(choice=Choice.DISAGREE)),
            )
        )
        for row in votes:
            entry = counts.setdefault((row["anchor"], row["bucket"]), [0, 0, 0])
            entry[0], entry[1] = row["agree"], row["disagree"]
        comments = (
            Comment.objects.filter(consultation=consultation, status=Comment.Status.VISIBLE)
            .annotate(bucket=F("participant_id") % TALLY_SHARDS)
            .values("article_anchor", "bucket")
            .annotate(total=Count("pk"))
        )
        for group in comments:
            key = (group["article_anchor"], group["bucket"])
            counts.setdefault(key, [0, 0, 0])[2] = group["total"]
        ArticleTally.objects.filter(consultation=consultation).delete()
        ArticleTally.objects.bulk_create(
            [
                ArticleTally(
                    consultation=consultation,
                    anchor=anchor,
                    shard=shard,
                    agree=agree,
                    disagree=disagree,
                    comments=total,
                )
                for (anchor, shard), (agree, disagree, total) in sorted(counts.items())
            ],
            batch_size=1000,
        )
    return len(counts)


# ------------------------------------------------------------------ votes on articles


@dataclass(frozen=True)
class VoteOutcome:
    """``changed``: anchors whose stored answer is new or different (a retry changes none)."""

    choices: dict[str, str]
    changed: tuple[str, ...]


def votes_cast(
    *,
    consultation: Consultation,
    participant: User,
    choices: Mapping[str, str],
    now: dt.datetime | None = None,
) -> VoteOutcome:
    """Record the participant's answers ``{anchor: "agree" | "disagree"}`` in one transaction.

    The last answer counts: an article answered before is overwritten, and its tally moves
    from the old answer to the new one. Sending the same answers again (a retry, a double
    click, a replayed VNeID batch) changes nothing and counts nothing.

    How the delta is known without reading first: the upsert updates a row only when the
    answer differs, and returns the rows it wrote with their ``revision``; 1 means the row
    is new (+1 to its answer), more means it changed (+1 to the new answer, -1 to the
    other, which with two answers is the old one). Concurrent retries of the same batch are
    serialised by the unique index: the second waits for the first, then finds nothing to
    change.
    """
    now = now or timezone.now()
    participation_check(consultation=consultation, participant=participant, now=now)
    if not choices:
        raise ApplicationError(gettext("Choose agree or disagree for at least one article."))
    if len(choices) > VOTE_BATCH_MAX:
        raise ApplicationError(gettext("Too many articles in one submission."))
    if any(choice not in CHOICES for choice in choices.values()):
        raise ApplicationError(gettext("An answer must be either agree or disagree."))
    version_id = _version_id(consultation)
    known = article_anchors(version_id=version_id, anchors=choices.keys())
    missing = sorted(set(choices) - known)
    if missing:
        raise ApplicationError(
            gettext("There is no article %(anchors)s in the current draft.")
            % {"anchors": ", ".join(missing[:5])}
        )

    with transaction.atomic():
        written = votes_upsert(
            rows=[
                (consultation.pk, participant.pk, anchor, choice)
                for anchor, choice in choices.items()
            ],
            now=now,
        )
        tally_upsert(rows=vote_tally_rows(written=written, shard_of=tally_shard))
        participants_note_many(
            consultation_id=consultation.pk, entries=[(participant.pk, CHANNEL_WEB)], now=now
        )
    return VoteOutcome(dict(choices), tuple(sorted(row[2] for row in written)))


def vote_cast(
    *,
    consultation: Consultation,
    participant: User,
    anchor: str,
    choice: str,
    now: dt.datetime | None = None,
) -> VoteOutcome:
    """One article's answer (the per-article buttons); see ``votes_cast``."""
    return votes_cast(
        consultation=consultation, participant=participant, choices={anchor: choice}, now=now
    )


# ------------------------------------------------------------------ comments


def _locate_quote(text: str, quote: str, start: int | None) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``: at ``start`` if it is there, else its first occurrence."""
    if start is not None and start >= 0 and text[start : start + len(quote)] == quote:
        return start, start + len(quote)
    found = text.find(quote)
    return None if found < 0 else (found, found + len(quote))


def _anchor_quote(
    *, version_id: int, provision: ProvisionRef, quote: str, start: int | None
) -> tuple[ProvisionRef, int, int]:
    """Where the quoted passage is: in the provision's own text, else in a clause or point
    below it (a passage copied from an article's clause); the comment moves there."""
    offsets = _locate_quote(provision.text, quote, start)
    if offsets is not None:
        return provision, *offsets
    for anchor, text in provision_descendants(version_id=version_id, anchor=provision.anchor):
        offsets = _locate_quote(text, quote, None)
        if offsets is not None:
            below = provision_refs(version_id=version_id, anchors=[anchor])[anchor]
            return below, *offsets
    raise ApplicationError(gettext("The quoted passage is not in the text of this provision."))


def comment_add(
    *,
    consultation: Consultation,
    participant: User,
    anchor: str,
    text: str,
    submission_key: str,
    quote: str = "",
    quote_start: int | None = None,
    now: dt.datetime | None = None,
) -> Comment:
    """Add a comment on a provision (optionally on a passage of it) of the current draft.

    A second submission with the same ``submission_key`` (a retry, a double click) returns
    the first comment and adds nothing.
    """
    now = now or timezone.now()
    participation_check(consultation=consultation, participant=participant, now=now)
    key = submission_key.strip()
    if not key or len(key) > SUBMISSION_KEY_MAX:
        raise ApplicationError(gettext("The form has expired; please reload the page."))
    existing = Comment.objects.filter(participant=participant, submission_key=key).first()
    if existing is not None:
        return existing
    text = text.strip()
    if not text:
        raise ApplicationError(gettext("Write your comment before sending it."))
    if len(text) > COMMENT_MAX_LENGTH:
        raise ApplicationError(
            gettext("A comment may have at most %(limit)s characters; yours has %(length)s.")
            % {"limit": _number(COMMENT_MAX_LENGTH), "length": _number(len(text))}
        )
    version_id = _version_id(consultation)
    provision = provision_refs(version_id=version_id, anchors=[anchor]).get(anchor)
    if provision is None:
        raise ApplicationError(
            gettext("There is no provision %(anchor)s in the current draft.") % {"anchor": anchor}
        )
    quote = quote.strip()
    start = end = None
    if quote:
        if len(quote) > QUOTE_MAX_LENGTH:
            raise ApplicationError(
                gettext("A quoted passage may have at most %(limit)s characters.")
                % {"limit": _number(QUOTE_MAX_LENGTH)}
            )
        provision, start, end = _anchor_quote(
            version_id=version_id, provision=provision, quote=quote, start=quote_start
        )
    # The same text on the same passage again within minutes, under a new form key: the
    # page was reloaded or reached with Back (a new key) and sent again. One comment.
    repeat = (
        Comment.objects.filter(
            participant=participant,
            consultation=consultation,
            anchor=provision.anchor,
            text=text,
            quote=quote,
            created_at__gte=now - REPEAT_WINDOW,
        )
        .order_by("pk")
        .first()
    )
    if repeat is not None:
        return repeat
    if consultation.audience == Consultation.Audience.HOUSEHOLDS:
        from danvan.democracy.services.comments import household_comment_check

        household_comment_check(
            consultation=consultation, account=participant, article_anchor=provision.article_anchor
        )
    comment = Comment(
        consultation=consultation,
        version_id=version_id,
        anchor=provision.anchor,
        article_anchor=provision.article_anchor,
        quote=quote,
        quote_start=start,
        quote_end=end,
        text=text,
        participant=participant,
        submission_key=key,
    )
    # Lengths are checked above with our messages; uniqueness by the database (a concurrent
    # twin of this submission must end in the IntegrityError below, not a form error).
    comment.full_clean(exclude=["text", "quote"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            comment.save()
            _tally_add(
                consultation_id=consultation.pk,
                shard=tally_shard(participant.pk),
                deltas={provision.article_anchor: (0, 0, 1)},
            )
            participants_note_many(
                consultation_id=consultation.pk, entries=[(participant.pk, CHANNEL_WEB)], now=now
            )
    except IntegrityError:
        # The same submission, sent twice at once: the other request made the comment.
        return Comment.objects.get(participant=participant, submission_key=key)
    return comment


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ApplicationError(gettext("Give the reason for this moderation decision."))
    if len(reason) > REASON_MAX:
        raise ApplicationError(
            gettext("The reason may have at most %(limit)s characters.") % {"limit": REASON_MAX}
        )
    return reason


def _comment_visibility(*, comment: Comment, actor: User, visible: bool, reason: str) -> Comment:
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        target = Comment.Status.VISIBLE if visible else Comment.Status.HIDDEN
        if locked.status == target:
            return locked
        locked.status = target
        locked.moderation_reason = reason
        locked.moderated_by = actor
        locked.moderated_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "moderation_reason",
                "moderated_by",
                "moderated_at",
                "updated_at",
            ]
        )
        _tally_add(
            consultation_id=locked.consultation_id,
            shard=tally_shard(locked.participant_id),
            deltas={locked.article_anchor: (0, 0, 1 if visible else -1)},
        )
        audit_record(
            actor=actor,
            verb="consultation_comment.restore" if visible else "consultation_comment.hide",
            target=locked,
            data={"consultation": locked.consultation_id, "anchor": locked.anchor},
        )
    return locked


def comment_hide(*, comment: Comment, actor: User, reason: str) -> Comment:
    """Hide a comment from the public, with the reason (it stays, and stays countable)."""
    return _comment_visibility(comment=comment, actor=actor, visible=False, reason=_reason(reason))


def comment_restore(*, comment: Comment, actor: User, reason: str) -> Comment:
    """Show a hidden comment again (a moderation decision reversed), with the reason."""
    return _comment_visibility(comment=comment, actor=actor, visible=True, reason=_reason(reason))


# ------------------------------------------------------------------ statements (Polis)


def statement_submit(
    *,
    consultation: Consultation,
    author: User,
    text: str,
    accepted: bool = False,
    now: dt.datetime | None = None,
) -> Statement:
    """Propose a short statement; it waits for moderation unless ``accepted`` (staff seeds).

    The same text sent twice by the same person (a retry) returns the first statement.
    """
    now = now or timezone.now()
    participation_check(consultation=consultation, participant=author, now=now)
    text = " ".join(text.split())
    if not text:
        raise ApplicationError(gettext("Write the statement before sending it."))
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ApplicationError(
            gettext("A statement may have at most %(limit)s characters; yours has %(length)s.")
            % {"limit": STATEMENT_MAX_LENGTH, "length": len(text)}
        )
    with transaction.atomic():
        existing = (
            Statement.objects.select_for_update()
            .filter(consultation=consultation, author=author, text=text)
            .first()
        )
        if existing is not None:
            return existing
        statement = Statement(
            consultation=consultation,
            author=author,
            text=text,
            status=Statement.Status.ACCEPTED if accepted else Statement.Status.PENDING,
        )
        statement.full_clean()
        statement.save()
        if accepted:
            statement.moderated_by = author
            statement.moderated_at = now
            statement.save(update_fields=["moderated_by", "moderated_at"])
            audit_record(
                actor=author,
                verb="consultation_statement.accept",
                target=statement,
                data={"consultation": consultation.pk, "seeded": True},
            )
    return statement


def statement_vote(
    *,
    statement: Statement,
    participant: User,
    vote: int,
    now: dt.datetime | None = None,
) -> StatementVote:
    """Agree (1), disagree (-1) or pass (0) on an accepted statement; the last vote counts."""
    now = now or timezone.now()
    consultation = statement.consultation
    participation_check(consultation=consultation, participant=participant, now=now)
    if vote not in StatementVote.Vote.values:
        raise ApplicationError(gettext("A vote must be agree, disagree or pass."))
    if statement.status != Statement.Status.ACCEPTED:
        raise ApplicationError(gettext("This statement is not open for votes."))
    with transaction.atomic():
        row, _created = StatementVote.objects.select_for_update().get_or_create(
            statement=statement,
            participant=participant,
            defaults={
                "consultation": consultation,
                "vote": vote,
                "created_at": now,
                "updated_at": now,
            },
        )
        if row.vote != vote:
            row.vote = vote
            row.updated_at = now
            row.save(update_fields=["vote", "updated_at"])
        participants_note_many(
            consultation_id=consultation.pk, entries=[(participant.pk, CHANNEL_WEB)], now=now
        )
    return row


def statement_moderate(
    *, statement: Statement, actor: User, accept: bool, reason: str = ""
) -> Statement:
    """Accept a statement for voting, or reject it with a reason (kept, never deleted)."""
    reason = reason.strip() if accept else _reason(reason)
    if len(reason) > REASON_MAX:
        raise ApplicationError(
            gettext("The reason may have at most %(limit)s characters.") % {"limit": REASON_MAX}
        )
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement.pk)
        locked.status = Statement.Status.ACCEPTED if accept else Statement.Status.REJECTED
        locked.moderation_reason = reason
        locked.moderated_by = actor
        locked.moderated_at = timezone.now()
        locked.save(
            update_fields=[
                "status",
                "moderation_reason",
                "moderated_by",
                "moderated_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            verb="consultation_statement.accept" if accept else "consultation_statement.reject",
            target=locked,
            data={"consultation": locked.consultation_id},
        )
    return locked
