"""Noting participants: once per person, with a snapshot of place and age band, and counts
that always equal a GROUP BY over the participant rows."""

import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.audit.models import AuditEntry
from danvan.consultations.models import (
    NOT_DECLARED,
    AgeBand,
    ArticleVote,
    Comment,
    Consultation,
    ConsultationParticipant,
    DraftVersion,
    ParticipantChannel,
    ParticipationCount,
    StatementVote,
)
from danvan.consultations.services.dashboard import (
    age_band,
    local_day,
    participants_backfill,
    participants_note,
    participants_note_many,
    participation_counts_rebuild,
)
from danvan.consultations.services.participation import (
    comment_add,
    statement_vote,
    votes_cast,
)
from danvan.consultations.tests.dashboard.conftest import (
    NOW,
    accepted_statement,
    make_consultation,
    resident,
)
from danvan.core.exceptions import ApplicationError
from danvan.units.models import Unit, User

Grain = ParticipationCount.Grain


def count_rows(consultation: Consultation, grain: str) -> Counter[tuple[object, ...]]:
    """The count rows of one grain with their shards added up."""
    totals: Counter[tuple[object, ...]] = Counter()
    for row in ParticipationCount.objects.filter(consultation=consultation, grain=grain):
        if grain == Grain.PROFILE:
            key: tuple[object, ...] = (row.day, row.province, row.age_band, row.channel)
        else:
            key = (row.day, row.province, row.commune)
        totals[key] += row.participants
    return +totals


def group_by_records(consultation: Consultation, grain: str) -> Counter[tuple[object, ...]]:
    """The same figures counted the slow way, from the participant rows."""
    totals: Counter[tuple[object, ...]] = Counter()
    for record in ConsultationParticipant.objects.filter(consultation=consultation):
        province = record.province_id or NOT_DECLARED
        if grain == Grain.PROFILE:
            totals[(record.day, province, record.age_band, record.channel)] += 1
        else:
            totals[(record.day, province, record.commune_id or NOT_DECLARED)] += 1
    return totals


# ------------------------------------------------------------------ once per participant


def test_first_vote_records_the_participant_once_whatever_they_do_next(
    consultation: Consultation, citizen: User, commune: Unit, frozen: time_machine.Traveller
) -> None:
    # given: a first vote
    votes_cast(consultation=consultation, participant=citizen, choices={"dieu-1": "agree"})
    first = NOW
    # when: later the same person changes the vote, votes more, comments and votes on a
    # statement
    frozen.shift(dt.timedelta(hours=30))
    votes_cast(
        consultation=consultation,
        participant=citizen,
        choices={"dieu-1": "disagree", "dieu-2": "agree"},
    )
    comment_add(
        consultation=consultation,
        participant=citizen,
        anchor="dieu-2",
        text="Đề nghị làm rõ.",
        submission_key="k-1",
    )
    statement = accepted_statement(consultation, citizen)
    statement_vote(statement=statement, participant=citizen, vote=1)
    # then: one record, dated by the first vote, and one participant in the counts
    record = ConsultationParticipant.objects.get(consultation=consultation)
    assert record.participant == citizen
    assert record.first_at == first
    assert record.day == dt.date(2026, 3, 10)
    assert record.channel == ParticipantChannel.WEB
    assert (record.province, record.commune) == (commune.parent, commune)
    assert record.age_band == AgeBand.FROM_30_TO_44  # born 1990: 36 in 2026
    assert count_rows(consultation, Grain.PROFILE) == {
        (dt.date(2026, 3, 10), commune.parent_id, "30-44", "web"): 1
    }
    assert count_rows(consultation, Grain.PLACE) == {
        (dt.date(2026, 3, 10), commune.parent_id, commune.pk): 1
    }


@pytest.mark.parametrize("action", ["comment", "statement_vote"])
def test_a_comment_or_a_statement_vote_alone_records_the_participant(
    consultation: Consultation, citizen: User, action: str
) -> None:
    # when
    if action == "comment":
        comment_add(
            consultation=consultation,
            participant=citizen,
            anchor="dieu-1",
            text="Ý kiến của tôi.",
            submission_key="k-2",
        )
    else:
        statement_vote(
            statement=accepted_statement(consultation, citizen), participant=citizen, vote=0
        )
    # then
    assert ConsultationParticipant.objects.filter(
        consultation=consultation, participant=citizen
    ).exists()


def test_a_refused_vote_records_nobody(
    agency: Unit, citizen: User, frozen: time_machine.Traveller
) -> None:
    # given: a consultation whose window is over
    closed = make_consultation(
        agency, closes_at=NOW - dt.timedelta(hours=1), opens_at=NOW - dt.timedelta(days=21)
    )
    # when
    with pytest.raises(ApplicationError):
        votes_cast(consultation=closed, participant=citizen, choices={"dieu-1": "agree"})
    # then
    assert not ConsultationParticipant.objects.exists()
    assert not ParticipationCount.objects.exists()


def test_participants_note_says_whether_the_person_is_new(
    consultation: Consultation, citizen: User
) -> None:
    # when / then
    assert participants_note(consultation=consultation, participant=citizen, now=NOW) is True
    assert participants_note(consultation=consultation, participant=citizen, now=NOW) is False
    assert ConsultationParticipant.objects.count() == 1


def test_the_batch_form_costs_two_statements_whatever_its_size_and_one_when_nobody_is_new(
    consultation: Consultation, commune: Unit, ward: Unit
) -> None:
    # given: forty people from two places with three channels
    people = [
        resident(f"nguoi{n}", f"Người {n}", birth_year=1950 + n, home=(commune, ward)[n % 2])
        for n in range(40)
    ]
    channels = ("web", "app", "paper")
    entries = [(person.pk, channels[n % 3]) for n, person in enumerate(people)]
    # when
    with CaptureQueriesContext(connection) as first:
        added = participants_note_many(consultation_id=consultation.pk, entries=entries, now=NOW)
    with CaptureQueriesContext(connection) as again:
        repeated = participants_note_many(consultation_id=consultation.pk, entries=entries, now=NOW)
    # then
    writes = [q for q in first.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]
    assert (added, repeated) == (40, 0)
    assert len(writes) == 2
    assert len([q for q in again.captured_queries if "INSERT" in q["sql"].upper()]) == 1
    assert count_rows(consultation, Grain.PROFILE) == group_by_records(consultation, Grain.PROFILE)
    assert sum(count_rows(consultation, Grain.PLACE).values()) == 40


def test_the_batch_form_keeps_the_first_channel_of_a_person_and_skips_unknown_ids(
    consultation: Consultation, citizen: User
) -> None:
    # when
    added = participants_note_many(
        consultation_id=consultation.pk,
        entries=[(citizen.pk, "app"), (citizen.pk, "web"), (987654, "web")],
        now=NOW,
    )
    # then
    assert added == 1
    assert ConsultationParticipant.objects.get().channel == "app"


def test_the_batch_form_refuses_an_unknown_channel_and_accepts_an_empty_batch(
    consultation: Consultation, citizen: User
) -> None:
    with pytest.raises(ValueError, match="channel"):
        participants_note_many(
            consultation_id=consultation.pk, entries=[(citizen.pk, "fax")], now=NOW
        )
    assert participants_note_many(consultation_id=consultation.pk, entries=[], now=NOW) == 0
    assert not ConsultationParticipant.objects.exists()


def test_the_record_is_a_snapshot_a_later_move_does_not_change_it(
    consultation: Consultation, citizen: User, commune: Unit, other_commune: Unit
) -> None:
    # given
    participants_note(consultation=consultation, participant=citizen, now=NOW)
    # when: the person moves to Hà Nội and takes part in a second consultation
    citizen.home_unit = other_commune
    citizen.save(update_fields=["home_unit"])
    second = make_consultation(consultation.unit, slug="du-thao-2")
    participants_note(consultation=second, participant=citizen, now=NOW)
    # then
    assert ConsultationParticipant.objects.get(consultation=consultation).commune == commune
    moved = ConsultationParticipant.objects.get(consultation=second)
    assert (moved.province, moved.commune) == (other_commune.parent, other_commune)


def test_people_without_a_profile_count_as_not_declared(
    consultation: Consultation, db: None
) -> None:
    # given
    person = resident("khongkhai", "Không Khai", birth_year=None, home=None)
    # when
    participants_note(consultation=consultation, participant=person, now=NOW)
    # then
    record = ConsultationParticipant.objects.get()
    assert (record.province, record.commune, record.age_band) == (None, None, "unknown")
    assert count_rows(consultation, Grain.PROFILE) == {
        (dt.date(2026, 3, 10), NOT_DECLARED, "unknown", "web"): 1
    }
    assert count_rows(consultation, Grain.PLACE) == {
        (dt.date(2026, 3, 10), NOT_DECLARED, NOT_DECLARED): 1
    }


# ------------------------------------------------------------------ age bands and days


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (17, "18-29"),  # younger than 18 by the year count: the youngest band
        (18, "18-29"),
        (29, "18-29"),
        (30, "30-44"),
        (44, "30-44"),
        (45, "45-59"),
        (59, "45-59"),
        (60, "60+"),
        (101, "60+"),
    ],
)
def test_age_band_boundaries_in_python_and_in_the_sql(
    consultation: Consultation, age: int, band: str
) -> None:
    # given
    person = resident("tuoi", "Người Tuổi", birth_year=2026 - age, home=None)
    # when
    participants_note(consultation=consultation, participant=person, now=NOW)
    # then: the SQL of the hot path and the Python twin agree
    assert ConsultationParticipant.objects.get().age_band == band
    assert age_band(birth_year=2026 - age, year=2026) == band


@pytest.mark.parametrize("birth_year", [None, 2027])
def test_no_or_a_future_year_of_birth_is_not_declared(
    consultation: Consultation, birth_year: int | None
) -> None:
    person = resident("tuonglai", "Người Tương Lai", birth_year=birth_year, home=None)
    participants_note(consultation=consultation, participant=person, now=NOW)
    assert ConsultationParticipant.objects.get().age_band == "unknown"
    assert age_band(birth_year=birth_year, year=2026) == "unknown"


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # 23:59:59 on 9 March in Vietnam is still 9 March there (16:59:59 UTC) ...
        (dt.datetime(2026, 3, 9, 16, 59, 59, tzinfo=dt.UTC), dt.date(2026, 3, 9)),
        # ... and one second later it is 10 March in Vietnam while UTC says 9 March.
        (dt.datetime(2026, 3, 9, 17, 0, 0, tzinfo=dt.UTC), dt.date(2026, 3, 10)),
    ],
)
def test_the_day_is_the_day_in_vietnam_not_in_utc(
    agency: Unit, citizen: User, moment: dt.datetime, day: dt.date
) -> None:
    # given
    with time_machine.travel(moment, tick=False):
        open_one = make_consultation(agency)
        # when: the vote goes through the real service at that moment
        votes_cast(consultation=open_one, participant=citizen, choices={"dieu-3": "agree"})
    # then
    assert ConsultationParticipant.objects.get().day == day
    assert ParticipationCount.objects.filter(day=day).exists()
    assert not ParticipationCount.objects.exclude(day=day).exists()


def test_new_year_in_vietnam_counts_the_age_of_the_new_year(
    consultation: Consultation,
) -> None:
    # given: born 1996; at 00:30 on 1 January 2026 in Vietnam it is still 2025 in UTC
    person = resident("namoi", "Người Năm Mới", birth_year=1996, home=None)
    moment = dt.datetime(2025, 12, 31, 17, 30, tzinfo=dt.UTC)
    # when
    participants_note(consultation=consultation, participant=person, now=moment)
    # then: 30 in 2026, not 29 in 2025
    record = ConsultationParticipant.objects.get()
    assert (record.day, record.age_band) == (dt.date(2026, 1, 1), "30-44")
    assert local_day(moment) == dt.date(2026, 1, 1)


# ------------------------------------------------------------------ repairs


def test_rebuild_restores_damaged_counts_exactly(
    consultation: Consultation, commune: Unit, ward: Unit
) -> None:
    # given: people on two days, then the counts damaged
    for n in range(12):
        person = resident(
            f"p{n}", f"Người {n}", birth_year=1940 + 5 * n, home=(commune, ward)[n % 2]
        )
        participants_note(
            consultation=consultation,
            participant=person,
            channel=("web", "app")[n % 2],
            now=NOW + dt.timedelta(days=n % 2),
        )
    profile = count_rows(consultation, Grain.PROFILE)
    place = count_rows(consultation, Grain.PLACE)
    ParticipationCount.objects.filter(consultation=consultation).update(participants=99)
    ParticipationCount.objects.filter(consultation=consultation, shard=3).delete()
    # when
    written = participation_counts_rebuild(consultation=consultation)
    # then
    assert count_rows(consultation, Grain.PROFILE) == profile
    assert count_rows(consultation, Grain.PLACE) == place
    assert written == ParticipationCount.objects.filter(consultation=consultation).count()
    entry = AuditEntry.objects.filter(verb="consultation.participation_counts_rebuild").get()
    assert entry.data == {"rows": written}


def test_backfill_records_earlier_voters_commenters_and_statement_voters_once(
    consultation: Consultation, citizen: User, commune: Unit
) -> None:
    # given: rows written before the dashboard existed (no participant records)
    voter = resident("cutri", "Cử Tri", birth_year=1960, home=commune)
    early = NOW - dt.timedelta(days=1, hours=3)
    ArticleVote.objects.create(
        consultation=consultation,
        anchor="dieu-1",
        participant=voter,
        choice="agree",
        created_at=NOW,
        updated_at=NOW,
    )
    version = DraftVersion.objects.get(consultation=consultation)
    comment = Comment.objects.create(
        consultation=consultation,
        version=version,
        anchor="dieu-1",
        article_anchor="dieu-1",
        text="Góp ý sớm.",
        participant=voter,
        submission_key="old",
    )
    Comment.objects.filter(pk=comment.pk).update(created_at=early)
    statement = accepted_statement(consultation, citizen)
    StatementVote.objects.create(
        consultation=consultation,
        statement=statement,
        participant=citizen,
        vote=1,
        created_at=NOW,
        updated_at=NOW,
    )
    # when
    added = participants_backfill(consultation=consultation)
    again = participants_backfill(consultation=consultation)
    # then: the earliest action dates each one; a second run adds nobody
    assert (added, again) == (2, 0)
    assert ConsultationParticipant.objects.get(participant=voter).first_at == early
    assert ConsultationParticipant.objects.get(participant=voter).age_band == "60+"
    assert count_rows(consultation, Grain.PROFILE) == group_by_records(consultation, Grain.PROFILE)


def test_backfill_refuses_an_unknown_channel(consultation: Consultation) -> None:
    with pytest.raises(ValueError, match="channel"):
        participants_backfill(consultation=consultation, channel="pigeon")
