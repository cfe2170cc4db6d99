"""Writes of the participation dashboard: note who took part (once), keep the counts.

``participants_note_many`` is called on the vote path (services/participation.py), inside
the vote's transaction, so it costs at most two statements whatever the batch size, both
plain SQL that PostgreSQL and SQLite (≥ 3.35) accept alike:

1. ``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING``: the participant rows, with the
   province, commune and age band read from the account in the same statement; people
   already recorded are skipped by the unique index (so a retry, a second vote or a
   concurrent request of the same person records nothing), and only the new rows come back;
2. ``INSERT … ON CONFLICT DO UPDATE``: +1 on the count rows of the new participants, in key
   order (two transactions lock shared rows in the same order and cannot deadlock).

When everybody in the batch was recorded before, the second statement is not sent: the
steady state of a participant changing their votes costs one cheap statement.

The day is the calendar day in Vietnam (``TIME_ZONE``, Asia/Ho_Chi_Minh), whatever time
zone a request may have activated: a vote at 23:30 on 9 March counts on 9 March although
it is 16:30 UTC. The age band is the age reached in that year (only the year of birth is
known); the few participants younger than 18 by that count (VNeID accounts exist from 14)
fall into the youngest band.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Min
from django.utils import timezone

from danvan.audit.services import audit_record
from danvan.consultations.models import (
    NOT_DECLARED,
    PARTICIPATION_SHARDS,
    AgeBand,
    ArticleVote,
    Comment,
    Consultation,
    ConsultationParticipant,
    ParticipantChannel,
    ParticipationCount,
    StatementVote,
)
from danvan.units.models import Unit, User

Grain = ParticipationCount.Grain
CHANNELS = frozenset(ParticipantChannel.values)
# What the site's own forms produce (the participation services pass it to the hook).
CHANNEL_WEB = ParticipantChannel.WEB.value
# Participant rows per statement when backfilling (parameters stay far below the limits).
BACKFILL_BATCH = 500

# (upper bound of the age, exclusive; band), youngest first; older than the last: 60+.
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (30, AgeBand.FROM_18_TO_29.value),
    (45, AgeBand.FROM_30_TO_44.value),
    (60, AgeBand.FROM_45_TO_59.value),
)


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day of ``moment`` in Vietnam (the project's time zone), not in UTC."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def age_band(*, birth_year: int | None, year: int) -> str:
    """The band of the age reached in ``year`` (Python twin of the SQL in ``_records_insert``)."""
    if birth_year is None or birth_year > year:
        return AgeBand.NOT_DECLARED.value
    age = year - birth_year
    for bound, band in AGE_BANDS:
        if age < bound:
            return band
    return AgeBand.FROM_60.value


def participation_shard(participant_id: int) -> int:
    return participant_id % PARTICIPATION_SHARDS


# ------------------------------------------------------------------ noting participants

# One new participant row as the insert returns it.
NewRow = tuple[int, dt.date, str, int | None, int | None, str]


def _records_insert(
    *, consultation_id: int, rows: Sequence[tuple[int, str, dt.datetime]]
) -> list[NewRow]:
    """Insert ``(participant_id, channel, first_at)`` rows not yet recorded; return the new.

    The province is the parent of the commune of residence (since 1 July 2025 every commune,
    ward and special zone hangs directly under its province: there are no districts).
    """
    ops = connection.ops
    records = ops.quote_name(ConsultationParticipant._meta.db_table)
    users = ops.quote_name(User._meta.db_table)
    units = ops.quote_name(Unit._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = [consultation_id]
    # The band bounds and names are parameters too: no literal in the SQL to keep in step.
    case = "CASE WHEN u.birth_year IS NULL OR u.birth_year > v.column5 THEN %s "
    band_params: list[Any] = [AgeBand.NOT_DECLARED.value]
    for bound, band in AGE_BANDS:
        case += "WHEN v.column5 - u.birth_year < %s THEN %s "
        band_params += [bound, band]
    case += "ELSE %s END"
    band_params.append(AgeBand.FROM_60.value)
    params += band_params
    for participant_id, channel, first_at in sorted(rows):
        day = local_day(first_at)
        params += [
            participant_id,
            channel,
            ops.adapt_datetimefield_value(first_at),
            ops.adapt_datefield_value(day),
            day.year,
        ]
    # "WHERE true" settles SQLite's parsing ambiguity of ON (join or upsert) after a SELECT.
    sql = (
        f"INSERT INTO {records} "  # noqa: S608
        "(consultation_id, participant_id, first_at, day, channel, province_id, commune_id, "
        f"age_band) SELECT %s, u.id, v.column3, v.column4, v.column2, c.parent_id, "
        f"u.home_unit_id, {case} FROM (VALUES {values}) AS v "
        f"INNER JOIN {users} u ON u.id = v.column1 "
        f"LEFT OUTER JOIN {units} c ON c.id = u.home_unit_id WHERE true ORDER BY u.id "
        "ON CONFLICT (consultation_id, participant_id) DO NOTHING "
        "RETURNING participant_id, day, channel, province_id, commune_id, age_band"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return [
        (pid, _as_date(day), channel, province, commune, band)
        for pid, day, channel, province, commune, band in fetched
    ]


def _as_date(value: dt.date | str) -> dt.date:
    """SQLite's RETURNING gives the stored text of a date column, PostgreSQL a ``date``."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


CountKey = tuple[str, dt.date, int, int, str, str, int]


def _count_keys(row: NewRow) -> tuple[CountKey, CountKey]:
    """The ``profile`` and ``place`` count rows one new participant adds 1 to."""
    participant_id, day, channel, province, commune, band = row
    shard = participation_shard(participant_id)
    province_id = province or NOT_DECLARED
    return (
        (Grain.PROFILE.value, day, province_id, NOT_DECLARED, band, channel, shard),
        (Grain.PLACE.value, day, province_id, commune or NOT_DECLARED, "", "", shard),
    )


def _counts_add(*, consultation_id: int, deltas: Counter[CountKey]) -> None:
    """Add each delta (never empty: only new participants come here) to its count row,
    creating it if needed; one statement, rows in key order."""
    rows = sorted(deltas.items())
    table = connection.ops.quote_name(ParticipationCount._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = []
    for (grain, day, province, commune, band, channel, shard), delta in rows:
        params += [
            consultation_id,
            grain,
            connection.ops.adapt_datefield_value(day),
            province,
            commune,
            band,
            channel,
            shard,
            delta,
        ]
    sql = (
        f"INSERT INTO {table} "  # noqa: S608
        "(consultation_id, grain, day, province, commune, age_band, channel, shard, "
        f"participants) VALUES {values} ON CONFLICT (consultation_id, grain, day, province, "
        "commune, age_band, channel, shard) DO UPDATE SET "
        f"participants = {table}.participants + EXCLUDED.participants"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _note_rows(*, consultation_id: int, rows: Sequence[tuple[int, str, dt.datetime]]) -> int:
    with transaction.atomic(savepoint=False):
        new = _records_insert(consultation_id=consultation_id, rows=rows)
        if new:
            deltas: Counter[CountKey] = Counter()
            for row in new:
                deltas.update(_count_keys(row))
            _counts_add(consultation_id=consultation_id, deltas=deltas)
    return len(new)


def participants_note_many(
    *, consultation_id: int, entries: Iterable[tuple[int, str]], now: dt.datetime
) -> int:
    """Record that each ``(participant_id, channel)`` took part at ``now``; return how many
    were new. Already recorded people (and unknown ids) are left as they are.

    For batched hot paths: two statements whatever the number of entries, one when nobody
    is new. Runs in the caller's transaction (no savepoint) or in its own.
    """
    first: dict[int, str] = {}
    for participant_id, channel in entries:
        if channel not in CHANNELS:
            raise ValueError(f"unknown participation channel {channel!r}")
        first.setdefault(participant_id, channel)
    if not first:
        return 0
    rows = [(pid, channel, now) for pid, channel in first.items()]
    return _note_rows(consultation_id=consultation_id, rows=rows)


def participants_note(
    *,
    consultation: Consultation,
    participant: User,
    channel: str = ParticipantChannel.WEB,
    now: dt.datetime | None = None,
) -> bool:
    """Record that ``participant`` took part (once per consultation); ``True`` if new."""
    recorded = participants_note_many(
        consultation_id=consultation.pk,
        entries=[(participant.pk, channel)],
        now=now or timezone.now(),
    )
    return recorded == 1


# ------------------------------------------------------------------ repairs


def _lock_for_rebuild(*models: type[Any]) -> None:
    """On PostgreSQL, hold writes to ``models`` until the transaction ends (reads go on)."""
    if connection.vendor != "postgresql":
        return  # SQLite serialises write transactions anyway
    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


def participation_counts_rebuild(*, consultation: Consultation) -> int:
    """Recompute the consultation's counts from its participant rows; return rows written.

    For repairs and after changing ``PARTICIPATION_SHARDS``. On PostgreSQL both tables are
    locked against writes (reads go on) while it runs, so nobody falls between the count
    and the new rows.
    """
    with transaction.atomic():
        _lock_for_rebuild(ConsultationParticipant, ParticipationCount)
        groups = (
            ConsultationParticipant.objects.filter(consultation=consultation)
            .annotate(bucket=F("participant_id") % PARTICIPATION_SHARDS)
            .values_list("day", "channel", "province_id", "commune_id", "age_band", "bucket")
            .annotate(total=Count("pk"))
            .order_by()
        )
        deltas: Counter[CountKey] = Counter()
        for day, channel, province, commune, band, bucket, total in groups:
            # ``_count_keys`` takes the shard from a participant id: the bucket is one.
            row: NewRow = (bucket, _as_date(day), channel, province, commune, band)
            for key in _count_keys(row):
                deltas[key] += total
        ParticipationCount.objects.filter(consultation=consultation).delete()
        ParticipationCount.objects.bulk_create(
            [
                ParticipationCount(
                    consultation=consultation,
                    grain=grain,
                    day=day,
                    province=province,
                    commune=commune,
                    age_band=band,
                    channel=channel,
                    shard=shard,
                    participants=total,
                )
                for (grain, day, province, commune, band, channel, shard), total in sorted(
                    deltas.items()
                )
            ],
            batch_size=1000,
        )
        audit_record(
            actor=None,
            verb="consultation.participation_counts_rebuild",
            target=consultation,
            data={"rows": len(deltas)},
        )
    return len(deltas)


def participants_backfill(
    *, consultation: Consultation, channel: str = ParticipantChannel.WEB
) -> int:
    """Record everyone who voted, commented or voted on a statement but has no participant
    row yet (participation from before the dashboard existed); return how many were added.

    ``first_at`` is their earliest recorded action; the place and age band are read from
    the account as it is now (the snapshot of that day was never taken).
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown participation channel {channel!r}")
    earliest: dict[int, dt.datetime] = {}
    for model in (ArticleVote, Comment, StatementVote):
        rows = (
            model.objects.filter(consultation=consultation)
            .values("participant_id")
            .annotate(first=Min("created_at"))
            .order_by()
        )
        for row in rows:
            known = earliest.get(row["participant_id"])
            if known is None or row["first"] < known:
                earliest[row["participant_id"]] = row["first"]
    recorded = set(
        ConsultationParticipant.objects.filter(consultation=consultation).values_list(
            "participant_id", flat=True
        )
    )
    missing = sorted(
        (pid, channel, first) for pid, first in earliest.items() if pid not in recorded
    )
    added = 0
    for start in range(0, len(missing), BACKFILL_BATCH):
        added += _note_rows(
            consultation_id=consultation.pk, rows=missing[start : start + BACKFILL_BATCH]
        )
    return added
