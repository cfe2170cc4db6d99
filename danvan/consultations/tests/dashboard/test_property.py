"""Property: after any mix of activity, the counts equal a GROUP BY over the participant
rows, shard by shard, and a rebuild writes exactly the same counts."""

import datetime as dt
from collections import Counter

import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.consultations.models import (
    NOT_DECLARED,
    PARTICIPATION_SHARDS,
    Consultation,
    ConsultationParticipant,
    ParticipationCount,
)
from danvan.consultations.services.dashboard import (
    participants_note_many,
    participation_counts_rebuild,
)
from danvan.consultations.services.participation import comment_add, statement_vote, votes_cast
from danvan.consultations.tests.dashboard.conftest import (
    ANCHORS,
    NOW,
    accepted_statement,
    make_consultation,
    resident,
)
from danvan.units.models import Unit

Grain = ParticipationCount.Grain
Key = tuple[object, ...]

people = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(min_value=1925, max_value=2012)),
        st.integers(min_value=0, max_value=3),  # 0: no commune declared
    ),
    min_size=1,
    max_size=8,
)
actions = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=7),  # who (modulo the number of people)
        st.sampled_from(["vote", "comment", "statement", "app", "paper"]),
        st.integers(min_value=0, max_value=96),  # hours after the start, across midnights
        st.sampled_from(ANCHORS),
        st.sampled_from(["agree", "disagree"]),
    ),
    max_size=25,
)


def stored(consultation: Consultation) -> tuple[Counter[Key], Counter[Key]]:
    profile: Counter[Key] = Counter()
    place: Counter[Key] = Counter()
    for row in ParticipationCount.objects.filter(consultation=consultation):
        if row.grain == Grain.PROFILE:
            assert row.commune == NOT_DECLARED
            profile[(row.day, row.province, row.age_band, row.channel, row.shard)] += (
                row.participants
            )
        else:
            assert (row.age_band, row.channel) == ("", "")
            place[(row.day, row.province, row.commune, row.shard)] += row.participants
    return +profile, +place


def grouped(consultation: Consultation) -> tuple[Counter[Key], Counter[Key]]:
    profile: Counter[Key] = Counter()
    place: Counter[Key] = Counter()
    for record in ConsultationParticipant.objects.filter(consultation=consultation):
        shard = record.participant_id % PARTICIPATION_SHARDS
        province = record.province_id or NOT_DECLARED
        profile[(record.day, province, record.age_band, record.channel, shard)] += 1
        place[(record.day, province, record.commune_id or NOT_DECLARED, shard)] += 1
    return profile, place


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=people, actions=actions)
def test_counts_equal_a_group_by_over_the_records_after_random_activity(
    agency: Unit,
    commune: Unit,
    ward: Unit,
    other_commune: Unit,
    people: list[tuple[int | None, int]],
    actions: list[tuple[int, str, int, str, str]],
) -> None:
    homes = [None, commune, ward, other_commune]
    with transaction.atomic():
        # given: people with random years of birth and places, an open consultation
        with time_machine.travel(NOW, tick=False):
            consultation = make_consultation(agency)
            users = [
                resident(f"u{n}", f"Người {n}", birth_year=year, home=homes[home])
                for n, (year, home) in enumerate(people)
            ]
            statement = accepted_statement(consultation, users[0])
        # when: they act in time order, over several days
        for step, (who, action, hours, anchor, choice) in enumerate(
            sorted(actions, key=lambda a: a[2])
        ):
            user = users[who % len(users)]
            with time_machine.travel(NOW + dt.timedelta(hours=hours), tick=False):
                if action == "vote":
                    votes_cast(
                        consultation=consultation, participant=user, choices={anchor: choice}
                    )
                elif action == "comment":
                    comment_add(
                        consultation=consultation,
                        participant=user,
                        anchor=anchor,
                        text="Ý kiến.",
                        submission_key=f"k{step}",
                    )
                elif action == "statement":
                    statement_vote(statement=statement, participant=user, vote=1)
                else:
                    participants_note_many(
                        consultation_id=consultation.pk,
                        entries=[(user.pk, action), (users[0].pk, action)],
                        now=NOW + dt.timedelta(hours=hours),
                    )
        # then: the counts are the GROUP BY, shard by shard, and a rebuild agrees
        expected = grouped(consultation)
        assert stored(consultation) == expected
        participation_counts_rebuild(consultation=consultation)
        assert stored(consultation) == expected
        transaction.set_rollback(True)
