"""Comments: anchored to a provision of the current draft or to a passage of it, idempotent,
hidden by moderation with a reason (audited), never deleted."""

import datetime as dt

import pytest
import time_machine

from danvan.audit.models import AuditEntry
from danvan.consultations.models import COMMENT_MAX_LENGTH, Comment, Consultation
from danvan.consultations.selectors.participation import (
    article_tallies,
    comments_for_article,
)
from danvan.consultations.services.participation import (
    comment_add,
    comment_hide,
    comment_restore,
)
from danvan.consultations.tests.participation.conftest import ARTICLE_TEXTS
from danvan.core.exceptions import ApplicationError
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def _add(consultation: Consultation, user: User, **kwargs: object) -> Comment:
    values: dict[str, object] = {
        "anchor": "dieu-2",
        "text": "Đề nghị bổ sung quy định về hình thức góp ý trực tuyến.",
        "submission_key": "khoa-1",
    }
    values.update(kwargs)
    return comment_add(consultation=consultation, participant=user, **values)  # type: ignore[arg-type]


def test_a_comment_on_an_article_is_counted(consultation: Consultation, citizen: User) -> None:
    # when a citizen comments on Điều 2
    comment = _add(consultation, citizen)
    # then it is stored on the current version, visible, and counted on the article
    assert comment.status == Comment.Status.VISIBLE
    assert comment.version_id == consultation.versions.get().pk
    assert (comment.anchor, comment.article_anchor) == ("dieu-2", "dieu-2")
    assert article_tallies(consultation=consultation)["dieu-2"].comments == 1


def test_a_comment_on_a_point_counts_for_its_article(
    consultation: Consultation, citizen: User
) -> None:
    # when a citizen comments on point a of clause 1 of Điều 3
    comment = _add(consultation, citizen, anchor="dieu-3.k1.a")
    # then the comment keeps its anchor, and Điều 3 counts it
    assert (comment.anchor, comment.article_anchor) == ("dieu-3.k1.a", "dieu-3")
    assert article_tallies(consultation=consultation)["dieu-3"].comments == 1
    assert list(comments_for_article(consultation=consultation, article_anchor="dieu-3")) == [
        comment
    ]


def test_a_quoted_passage_keeps_its_offsets(consultation: Consultation, citizen: User) -> None:
    # given the text of Điều 2 and a passage of it
    text = ARTICLE_TEXTS["dieu-2"]
    passage = "góp ý dự thảo"
    start = text.index(passage)
    # when the comment quotes it (offset sent by the page script)
    comment = _add(consultation, citizen, quote=passage, quote_start=start)
    # then the offsets point at the passage in the provision's text
    assert comment.quote == passage
    assert text[comment.quote_start : comment.quote_end] == passage


def test_a_wrong_offset_is_corrected_from_the_text(
    consultation: Consultation, citizen: User
) -> None:
    # when the offset sent does not match (the text was edited in the form)
    comment = _add(consultation, citizen, quote="quyền góp ý", quote_start=0)
    # then the server finds the passage itself
    text = ARTICLE_TEXTS["dieu-2"]
    assert (comment.quote_start, comment.quote_end) == (
        text.index("quyền góp ý"),
        text.index("quyền góp ý") + len("quyền góp ý"),
    )


def test_a_passage_of_a_clause_moves_the_comment_to_the_clause(
    consultation: Consultation, citizen: User
) -> None:
    # when a citizen without JavaScript pastes a passage of clause 1 into the article's form
    comment = _add(consultation, citizen, anchor="dieu-2", quote="quy định chi tiết")
    # then the comment is anchored to the clause holding the passage, still counted on Điều 2
    assert (comment.anchor, comment.article_anchor) == ("dieu-2.k1", "dieu-2")
    clause_text = "Khoản 1 của Điều 2: quy định chi tiết."
    assert clause_text[comment.quote_start : comment.quote_end] == "quy định chi tiết"


def test_a_passage_that_is_not_in_the_text_is_refused(
    consultation: Consultation, citizen: User
) -> None:
    with pytest.raises(ApplicationError) as error:
        _add(consultation, citizen, quote="một câu không có trong dự thảo")
    assert error.value.message == "Đoạn trích không có trong nội dung của điều, khoản này."
    assert not Comment.objects.exists()


def test_a_comment_on_a_missing_anchor_is_refused(
    consultation: Consultation, citizen: User
) -> None:
    with pytest.raises(ApplicationError) as error:
        _add(consultation, citizen, anchor="dieu-99")
    assert error.value.message == "Dự thảo hiện hành không có điều, khoản dieu-99."


def test_an_oversized_comment_is_refused(consultation: Consultation, citizen: User) -> None:
    # when the text is one character over the limit
    with pytest.raises(ApplicationError) as error:
        _add(consultation, citizen, text="a" * (COMMENT_MAX_LENGTH + 1))
    # then the message gives the limit and the length, in Vietnamese
    assert error.value.message == "Mỗi góp ý tối đa 5.000 ký tự; góp ý của bạn có 5.001 ký tự."
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused(consultation: Consultation, citizen: User) -> None:
    with pytest.raises(ApplicationError) as error:
        _add(consultation, citizen, text="   \n ")
    assert error.value.message == "Hãy viết nội dung góp ý trước khi gửi."


def test_an_oversized_quote_is_refused(consultation: Consultation, citizen: User) -> None:
    with pytest.raises(ApplicationError) as error:
        _add(consultation, citizen, quote="x" * 1001)
    assert error.value.message == "Đoạn trích tối đa 1.000 ký tự."


def test_a_missing_submission_key_asks_for_a_reload(
    consultation: Consultation, citizen: User
) -> None:
    with pytest.raises(ApplicationError) as error:
        _add(consultation, citizen, submission_key=" ")
    assert error.value.message == "Biểu mẫu đã hết hạn; vui lòng tải lại trang."


def test_a_retried_submission_returns_the_same_comment(
    consultation: Consultation, citizen: User
) -> None:
    # given a comment made with a form's key
    first = _add(consultation, citizen)
    # when the same form is sent again (double click, network retry)
    second = _add(consultation, citizen)
    # then no second comment exists and the count is still one
    assert second.pk == first.pk
    assert Comment.objects.count() == 1
    assert article_tallies(consultation=consultation)["dieu-2"].comments == 1


def test_the_same_text_sent_again_under_a_new_form_key_is_one_comment(
    consultation: Consultation, citizen: User
) -> None:
    # given a comment, and the page reached again with Back (a new form key)
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        first = _add(consultation, citizen, submission_key="khoa-1")
        clock.shift(dt.timedelta(minutes=3))
        # when the same text is sent on the same article with the new key
        again = _add(consultation, citizen, submission_key="khoa-2")
        # then it is the same comment, counted once
        assert again.pk == first.pk
        assert article_tallies(consultation=consultation)["dieu-2"].comments == 1
        # and a different text, or the same one much later, is a new comment
        other = _add(consultation, citizen, submission_key="khoa-3", text="Ý kiến khác hẳn.")
        clock.shift(dt.timedelta(minutes=11))
        later = _add(consultation, citizen, submission_key="khoa-4")
    assert len({first.pk, other.pk, later.pk}) == 3
    assert article_tallies(consultation=consultation)["dieu-2"].comments == 3


def test_two_people_may_use_the_same_key(
    consultation: Consultation, citizen: User, citizen2: User
) -> None:
    _add(consultation, citizen)
    _add(consultation, citizen2)
    assert article_tallies(consultation=consultation)["dieu-2"].comments == 2


def test_hiding_and_restoring_a_comment(
    consultation: Consultation, citizen: User, handler: User
) -> None:
    # given a visible comment
    comment = _add(consultation, citizen)
    # when a moderator hides it with a reason
    hidden = comment_hide(comment=comment, actor=handler, reason="Nội dung xúc phạm cá nhân.")
    # then it is kept, hidden, not counted, and the decision is audited
    assert hidden.status == Comment.Status.HIDDEN
    assert hidden.moderation_reason == "Nội dung xúc phạm cá nhân."
    assert hidden.moderated_by == handler
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert article_tallies(consultation=consultation)["dieu-2"].comments == 0
    assert not comments_for_article(consultation=consultation, article_anchor="dieu-2").exists()
    entry = AuditEntry.objects.get(verb="consultation_comment.hide")
    assert entry.actor_id == handler.pk
    assert "Đề nghị" not in str(entry.data) + entry.target_label  # never the citizen's text
    # when it is hidden again, then nothing changes twice
    comment_hide(comment=comment, actor=handler, reason="Lần nữa.")
    assert article_tallies(consultation=consultation)["dieu-2"].comments == 0
    assert AuditEntry.objects.filter(verb="consultation_comment.hide").count() == 1
    # when the decision is reversed, then it is shown and counted again
    restored = comment_restore(comment=comment, actor=handler, reason="Đã xem xét lại.")
    assert restored.status == Comment.Status.VISIBLE
    assert article_tallies(consultation=consultation)["dieu-2"].comments == 1
    assert AuditEntry.objects.filter(verb="consultation_comment.restore").count() == 1


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("  ", "Hãy nêu lý do của quyết định kiểm duyệt."),
        ("x" * 501, "Lý do tối đa 500 ký tự."),
    ],
)
def test_moderation_needs_a_reason(
    consultation: Consultation, citizen: User, handler: User, reason: str, message: str
) -> None:
    comment = _add(consultation, citizen)
    with pytest.raises(ApplicationError) as error:
        comment_hide(comment=comment, actor=handler, reason=reason)
    assert error.value.message == message
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
