"""Labels of the participation rows, and the edges of the reads and writes."""

import datetime as dt

import pytest

from danvan.consultations.models import (
    ArticleTally,
    ArticleVote,
    Comment,
    Consultation,
    Statement,
    StatementVote,
)
from danvan.consultations.selectors import participation as selectors
from danvan.consultations.selectors.participation import article_anchors, current_version_id
from danvan.consultations.services import participation as services
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def test_labels_never_show_more_than_needed(consultation: Consultation, citizen: User) -> None:
    now = dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    vote = ArticleVote(anchor="dieu-1", choice="agree", created_at=now, updated_at=now)
    tally = ArticleTally(anchor="dieu-1", shard=3, agree=2, disagree=1)
    comment = Comment(pk=7, anchor="dieu-2.k1", text="Một góp ý dài về khoản 1 của điều 2.")
    statement = Statement(pk=9, text="Nên cho góp ý qua VNeID.")
    statement_vote = StatementVote(statement_id=9, vote=-1)
    assert str(vote) == "dieu-1: agree"
    assert str(tally) == "dieu-1#3: +2 -1"
    assert str(comment) == "dieu-2.k1: Một góp ý dài về khoản 1 của điều 2."
    assert str(statement) == "Nên cho góp ý qua VNeID."
    assert str(statement_vote) == "9: -1"
    # the audit log gets labels without the citizens' text
    assert comment.audit_label == "comment 7 on dieu-2.k1"
    assert statement.audit_label == "statement 9"


def test_no_anchor_asked_means_no_query(consultation: Consultation) -> None:
    version_id = current_version_id(consultation)
    assert version_id is not None
    assert article_anchors(version_id=version_id, anchors=[]) == set()


def test_a_comment_made_meanwhile_by_the_same_submission_is_returned(
    consultation: Consultation, citizen: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the same form arriving twice at once: the other request saves its comment
    # after this one looked for it and before this one saves
    original = selectors.provision_refs
    made: list[Comment] = []

    def concurrent(**kwargs: object) -> object:
        if not made:
            monkeypatch.setattr(services, "provision_refs", original)
            made.append(
                services.comment_add(
                    consultation=consultation,
                    participant=citizen,
                    anchor="dieu-1",
                    text="Lần gửi thứ nhất.",
                    submission_key="cung-khoa",
                )
            )
        return original(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "provision_refs", concurrent)
    # when this request saves, then it gets the other request's comment, counted once
    comment = services.comment_add(
        consultation=consultation,
        participant=citizen,
        anchor="dieu-1",
        text="Lần gửi thứ hai.",
        submission_key="cung-khoa",
    )
    assert comment.pk == made[0].pk
    assert Comment.objects.count() == 1
    assert sum(ArticleTally.objects.values_list("comments", flat=True)) == 1
