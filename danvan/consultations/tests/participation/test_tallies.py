"""Live tallies: kept by each vote, comment and moderation decision, equal to a recount."""

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.consultations.models import ArticleTally, ArticleVote, Comment, Consultation
from danvan.consultations.selectors.participation import article_tallies, tallies_overall
from danvan.consultations.services.participation import (
    comment_add,
    comment_hide,
    comment_restore,
    tallies_rebuild,
    votes_cast,
)
from danvan.consultations.tests.conftest import make_user
from danvan.units.models import User

pytestmark = pytest.mark.django_db

ANCHORS = ["dieu-1", "dieu-2", "dieu-3"]
PEOPLE = 5

vote_step = st.tuples(
    st.just("vote"),
    st.integers(0, PEOPLE - 1),
    st.dictionaries(st.sampled_from(ANCHORS), st.sampled_from(["agree", "disagree"]), min_size=1),
)
comment_step = st.tuples(
    st.just("comment"), st.integers(0, PEOPLE - 1), st.sampled_from([*ANCHORS, "dieu-2.k1.a"])
)
moderate_step = st.tuples(st.just("moderate"), st.integers(0, 50), st.booleans())


def _state(consultation: Consultation) -> list[tuple[str, int, int, int, int]]:
    return sorted(
        ArticleTally.objects.filter(consultation=consultation)
        .exclude(agree=0, disagree=0, comments=0)
        .values_list("anchor", "shard", "agree", "disagree", "comments")
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.one_of(vote_step, comment_step, moderate_step), max_size=25))
def test_incremental_tallies_equal_a_recount(
    consultation: Consultation, handler: User, steps: list[tuple[Any, ...]]
) -> None:
    # given a clean slate for this example (the database outlives Hypothesis examples)
    ArticleVote.objects.all().delete()
    Comment.objects.all().delete()
    ArticleTally.objects.all().delete()
    people = list(User.objects.filter(username__startswith="nguoi-").order_by("pk"))
    for index in range(len(people), PEOPLE):
        people.append(make_user(f"nguoi-{index}", f"Người dân {index}"))
    # when a random sequence of votes, changed votes, retries, comments and moderation runs
    for number, step in enumerate(steps):
        if step[0] == "vote":
            _kind, who, choices = step
            votes_cast(consultation=consultation, participant=people[who], choices=choices)
        elif step[0] == "comment":
            _kind, who, anchor = step
            comment_add(
                consultation=consultation,
                participant=people[who],
                anchor=anchor,
                text="Góp ý.",
                submission_key=f"k{number % 7}",  # some keys repeat: retried submissions
            )
        else:
            _kind, index, hide = step
            comments = list(Comment.objects.order_by("pk"))
            if comments:
                target = comments[index % len(comments)]
                change = comment_hide if hide else comment_restore
                change(comment=target, actor=handler, reason="Kiểm duyệt.")
    incremental = _state(consultation)
    # then a recount from the rows finds exactly the same numbers, shard by shard
    tallies_rebuild(consultation=consultation)
    assert _state(consultation) == incremental
    # and the totals equal the rows themselves
    overall = tallies_overall(article_tallies(consultation=consultation))
    assert overall.votes == ArticleVote.objects.count()
    assert overall.comments == Comment.objects.filter(status=Comment.Status.VISIBLE).count()


def test_rebuild_repairs_damaged_tallies(consultation: Consultation, citizen: User) -> None:
    # given votes, and a tally row damaged by hand
    votes_cast(
        consultation=consultation,
        participant=citizen,
        choices={"dieu-1": "agree", "dieu-2": "disagree"},
    )
    ArticleTally.objects.filter(anchor="dieu-1").update(agree=99)
    ArticleTally.objects.create(consultation=consultation, anchor="dieu-3", shard=0, agree=5)
    # when the command rebuilds them
    out = io.StringIO()
    call_command("tallies_rebuild", consultation.slug, stdout=out)
    # then the counts are those of the rows again
    tallies = article_tallies(consultation=consultation)
    assert (tallies["dieu-1"].agree, tallies["dieu-2"].disagree) == (1, 1)
    assert "dieu-3" not in tallies
    assert out.getvalue() == f"{consultation.slug}: 2 tally rows\n"


def test_rebuild_of_every_consultation_and_an_unknown_code(consultation: Consultation) -> None:
    out = io.StringIO()
    call_command("tallies_rebuild", stdout=out)
    assert out.getvalue() == f"{consultation.slug}: 0 tally rows\n"
    with pytest.raises(CommandError, match="khong-co"):
        call_command("tallies_rebuild", "khong-co")


def test_tally_shares_round_to_whole_per_cent() -> None:
    from danvan.consultations.selectors.participation import Tally

    assert (Tally(2, 1).agree_share, Tally(2, 1).disagree_share) == (67, 33)
    assert Tally().agree_share is None
    assert Tally().disagree_share is None
