"""Short statements (Polis): proposed, moderated, voted agree / disagree / pass."""

import pytest

from danvan.audit.models import AuditEntry
from danvan.consultations.models import Consultation, Statement, StatementVote
from danvan.consultations.selectors.participation import (
    statement_next,
    statement_votes_of,
    statements_pending,
)
from danvan.consultations.services.participation import (
    statement_moderate,
    statement_submit,
    statement_vote,
)
from danvan.core.exceptions import ApplicationError
from danvan.units.models import User

pytestmark = pytest.mark.django_db

TEXT = "Nên cho phép góp ý qua ứng dụng VNeID."


def test_a_statement_waits_for_moderation(consultation: Consultation, citizen: User) -> None:
    # when a citizen proposes a statement (with stray spaces)
    statement = statement_submit(
        consultation=consultation,
        author=citizen,
        text="  Nên cho phép   góp ý qua ứng dụng VNeID. ",
    )
    # then it is stored tidied, pending, and not offered for votes
    assert statement.text == TEXT
    assert statement.status == Statement.Status.PENDING
    assert list(statements_pending(consultation=consultation)) == [statement]
    assert statement_next(consultation=consultation, participant=citizen) is None


def test_the_same_statement_sent_twice_is_kept_once(
    consultation: Consultation, citizen: User
) -> None:
    first = statement_submit(consultation=consultation, author=citizen, text=TEXT)
    second = statement_submit(consultation=consultation, author=citizen, text=TEXT)
    assert first.pk == second.pk
    assert Statement.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Hãy viết ý kiến trước khi gửi."),
        ("a" * 281, "Mỗi ý kiến ngắn tối đa 280 ký tự; ý kiến của bạn có 281 ký tự."),
    ],
)
def test_bad_statements_are_refused(
    consultation: Consultation, citizen: User, text: str, message: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        statement_submit(consultation=consultation, author=citizen, text=text)
    assert error.value.message == message


def test_a_statement_of_280_characters_is_accepted(
    consultation: Consultation, citizen: User
) -> None:
    statement = statement_submit(consultation=consultation, author=citizen, text="ạ" * 280)
    assert len(statement.text) == 280


def test_staff_statements_are_published_at_once(consultation: Consultation, handler: User) -> None:
    statement = statement_submit(
        consultation=consultation, author=handler, text=TEXT, accepted=True
    )
    assert statement.status == Statement.Status.ACCEPTED
    assert AuditEntry.objects.filter(verb="consultation_statement.accept").count() == 1


def test_moderation_accepts_or_rejects_with_a_reason(
    consultation: Consultation, citizen: User, handler: User
) -> None:
    # given two pending statements
    good = statement_submit(consultation=consultation, author=citizen, text=TEXT)
    bad = statement_submit(consultation=consultation, author=citizen, text="Quảng cáo bán hàng.")
    # when one is accepted and the other rejected without, then with, a reason
    statement_moderate(statement=good, actor=handler, accept=True)
    with pytest.raises(ApplicationError) as error:
        statement_moderate(statement=bad, actor=handler, accept=False, reason="")
    assert error.value.message == "Hãy nêu lý do của quyết định kiểm duyệt."
    rejected = statement_moderate(
        statement=bad, actor=handler, accept=False, reason="Không liên quan đến dự thảo."
    )
    # then the rejected one is kept with its reason, and both decisions are audited
    assert rejected.status == Statement.Status.REJECTED
    assert rejected.moderation_reason == "Không liên quan đến dự thảo."
    assert statement_next(consultation=consultation, participant=citizen) == good
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"consultation_statement.accept", "consultation_statement.reject"} <= verbs


def test_an_over_long_acceptance_note_is_refused(
    consultation: Consultation, citizen: User, handler: User
) -> None:
    statement = statement_submit(consultation=consultation, author=citizen, text=TEXT)
    with pytest.raises(ApplicationError):
        statement_moderate(statement=statement, actor=handler, accept=True, reason="x" * 501)


def test_the_last_statement_vote_counts(
    consultation: Consultation, citizen: User, citizen2: User, handler: User
) -> None:
    # given an accepted statement
    statement = statement_submit(
        consultation=consultation, author=handler, text=TEXT, accepted=True
    )
    # when a citizen agrees, then passes, and another disagrees
    statement_vote(statement=statement, participant=citizen, vote=1)
    statement_vote(statement=statement, participant=citizen, vote=0)
    statement_vote(statement=statement, participant=citizen2, vote=-1)
    # then one row per person holds the last vote, with the consultation for the opinion map
    assert statement_votes_of(consultation=consultation, participant=citizen) == {statement.pk: 0}
    assert sorted(StatementVote.objects.values_list("vote", flat=True)) == [-1, 0]
    assert set(StatementVote.objects.values_list("consultation_id", flat=True)) == {consultation.pk}
    assert statement_next(consultation=consultation, participant=citizen) is None


def test_votes_on_pending_statements_or_bad_values_are_refused(
    consultation: Consultation, citizen: User, handler: User
) -> None:
    pending = statement_submit(consultation=consultation, author=citizen, text=TEXT)
    with pytest.raises(ApplicationError) as error:
        statement_vote(statement=pending, participant=citizen, vote=1)
    assert error.value.message == "Ý kiến này chưa được đưa ra biểu quyết."
    statement_moderate(statement=pending, actor=handler, accept=True)
    pending.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        statement_vote(statement=pending, participant=citizen, vote=2)
    assert error.value.message == "Biểu quyết phải là tán thành, không tán thành hoặc bỏ qua."
    assert not StatementVote.objects.exists()
