"""Pages: everything works as plain forms without JavaScript; htmx gets the partial back."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.consultations.models import ArticleVote, Comment, Consultation, Statement
from danvan.consultations.selectors.participation import article_tallies, votes_of
from danvan.consultations.services.participation import (
    comment_add,
    statement_submit,
    vote_cast,
)
from danvan.consultations.tests.participation.conftest import make_consultation
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def url(name: str, consultation: Consultation, *args: object) -> str:
    return reverse(f"consultations:participation_{name}", args=[consultation.slug, *args])


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


# ------------------------------------------------------------------ the reading page


def test_the_reading_page_has_buttons_and_a_form_per_article(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    # given a citizen who already agreed with Điều 1
    vote_cast(consultation=consultation, participant=citizen, anchor="dieu-1", choice="agree")
    # when they open the draft
    response = signed_in(client, citizen).get(
        reverse("consultations:drafts_read", args=[consultation.slug])
    )
    # then each article has the two buttons, the comment form and the live counts
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('name="choice" value="agree"') == 3
    assert html.count('data-comment-box data-article="') == 3
    assert 'aria-pressed="true">✓ Tán thành' in html
    assert "consultations/participation/participation.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_visitors_are_asked_to_log_in(client: Client, consultation: Consultation) -> None:
    response = client.get(reverse("consultations:drafts_read", args=[consultation.slug]))
    html = response.content.decode()
    assert 'name="choice"' not in html
    assert "để biểu quyết và góp ý từng điều" in html


# ------------------------------------------------------------------ per-article votes


def test_a_vote_without_javascript_goes_back_to_the_article(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    reading = reverse("consultations:drafts_read", args=[consultation.slug])
    # when the citizen presses "Không tán thành" on Điều 2 (a plain form POST)
    response = signed_in(client, citizen).post(
        url("vote", consultation),
        {"anchor": "dieu-2", "choice": "disagree", "next": reading},
    )
    # then the vote counts and the browser returns to the article
    assert response.status_code == 302
    assert response["Location"] == f"{reading}#dieu-2"
    assert votes_of(consultation=consultation, participant=citizen) == {"dieu-2": "disagree"}
    page = client.get(response["Location"])
    assert "Ý kiến của bạn đã được ghi nhận" in page.content.decode()


def test_a_vote_with_htmx_answers_with_the_partial(
    client: Client, consultation: Consultation, citizen: User, citizen2: User
) -> None:
    # given another participant already agreed with Điều 1
    vote_cast(consultation=consultation, participant=citizen2, anchor="dieu-1", choice="agree")
    # when the citizen votes in place
    response = signed_in(client, citizen).post(
        url("vote", consultation),
        {"anchor": "dieu-1", "choice": "disagree", "next": "/gop-y/"},
        headers={"HX-Request": "true"},
    )
    # then only the article's block comes back, with their answer and the new counts
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'aria-pressed="true">✓ Không tán thành' in html
    assert re.search(r"Tán thành <strong>1</strong> \(50%\)", html)
    assert re.search(r"Không tán thành <strong>1</strong> \(50%\)", html)


def test_a_vote_after_closing_says_so(
    client: Client, consultation: Consultation, citizen: User, frozen: time_machine.Traveller
) -> None:
    assert consultation.closes_at is not None
    frozen.move_to(consultation.closes_at)
    signed_in(client, citizen)
    # without JavaScript: back to the article with the message
    response = client.post(
        url("vote", consultation), {"anchor": "dieu-1", "choice": "agree"}, follow=True
    )
    assert any("Đợt lấy ý kiến đã kết thúc lúc" in m for m in messages_of(response))
    # with htmx: the partial carries the message
    response = client.post(
        url("vote", consultation),
        {"anchor": "dieu-1", "choice": "agree"},
        headers={"HX-Request": "true"},
    )
    assert "Đợt lấy ý kiến đã kết thúc lúc" in response.content.decode()
    assert not ArticleVote.objects.exists()


def test_a_vote_without_a_choice_is_explained(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    response = signed_in(client, citizen).post(
        url("vote", consultation), {"anchor": "dieu-1", "choice": "ok"}, follow=True
    )
    assert "Ý kiến phải là tán thành hoặc không tán thành." in messages_of(response)


def test_a_vote_with_htmx_on_a_missing_article_is_not_found(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    response = signed_in(client, citizen).post(
        url("vote", consultation),
        {"anchor": "dieu-77", "choice": "agree"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 404


def test_an_anonymous_vote_goes_to_the_login_page(
    client: Client, consultation: Consultation
) -> None:
    response = client.post(url("vote", consultation), {"anchor": "dieu-1", "choice": "agree"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("units:login"))
    assert not ArticleVote.objects.exists()


def test_next_never_leaves_the_site(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    response = signed_in(client, citizen).post(
        url("vote", consultation),
        {"anchor": "dieu-1", "choice": "agree", "next": "https://evil.example/"},
    )
    reading = reverse("consultations:drafts_read", args=[consultation.slug])
    assert response["Location"] == f"{reading}#dieu-1"


# ------------------------------------------------------------------ the ballot


def test_the_ballot_sends_all_answers_at_once(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    signed_in(client, citizen)
    # given the ballot page
    page = client.get(url("ballot", consultation))
    assert page.status_code == 200
    assert page.content.decode().count('type="radio"') == 6
    # when three answers are sent together (empty fields are skipped)
    response = client.post(
        url("ballot", consultation),
        {"vote-dieu-1": "agree", "vote-dieu-2": "disagree", "vote-dieu-3": "", "other": "x"},
    )
    # then both are recorded and the participant is told how many
    assert response.status_code == 302
    assert votes_of(consultation=consultation, participant=citizen) == {
        "dieu-1": "agree",
        "dieu-2": "disagree",
    }
    page = client.get(response["Location"])
    assert "Đã ghi nhận ý kiến của bạn về 2 điều." in page.content.decode()
    # and the ballot shows them checked next time
    html = client.get(url("ballot", consultation)).content.decode()
    assert 'name="vote-dieu-1" value="agree" checked' in html


def test_a_ballot_with_a_bad_article_keeps_the_answers(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    response = signed_in(client, citizen).post(
        url("ballot", consultation), {"vote-dieu-1": "disagree", "vote-dieu-8": "agree"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dự thảo hiện hành không có điều dieu-8." in html
    assert 'name="vote-dieu-1" value="disagree" checked' in html
    assert not ArticleVote.objects.exists()


def test_the_ballot_of_a_closed_consultation_only_lists(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    consultation.status = Consultation.Status.CLOSED
    consultation.save(update_fields=["status"])
    html = signed_in(client, citizen).get(url("ballot", consultation)).content.decode()
    assert 'type="radio"' not in html
    assert "Đợt lấy ý kiến này hiện không nhận ý kiến." in html


def test_an_anonymous_ballot_post_goes_to_login(client: Client, consultation: Consultation) -> None:
    response = client.post(url("ballot", consultation), {"vote-dieu-1": "agree"})
    assert response["Location"].startswith(reverse("units:login"))


# ------------------------------------------------------------------ comments


def test_a_comment_without_javascript(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    reading = reverse("consultations:drafts_read", args=[consultation.slug])
    response = signed_in(client, citizen).post(
        url("comment", consultation),
        {
            "anchor": "dieu-3",
            "submission_key": "mau-1",
            "text": "Nên quy định rõ thời hạn giải trình.",
            "quote": "tiếp thu, giải trình",
            "quote_start": "",
            "next": reading,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reading}#dieu-3"
    comment = Comment.objects.get()
    assert comment.quote == "tiếp thu, giải trình"
    assert article_tallies(consultation=consultation)["dieu-3"].comments == 1


def test_a_failed_comment_comes_back_with_the_text_kept(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    # when the quoted passage is not in the article
    response = signed_in(client, citizen).post(
        url("comment", consultation),
        {
            "anchor": "dieu-1",
            "submission_key": "mau-2",
            "text": "Ý kiến rất dài của tôi.",
            "quote": "không có đoạn này",
        },
    )
    # then the comment page shows the reason, and what was typed is still there
    html = response.content.decode()
    assert response.status_code == 400
    assert "Đoạn trích không có trong nội dung của điều, khoản này." in html
    assert "Ý kiến rất dài của tôi." in html
    assert not Comment.objects.exists()


def test_an_empty_comment_form_is_explained(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    response = signed_in(client, citizen).post(
        url("comment", consultation), {"anchor": "dieu-1", "submission_key": "k", "text": ""}
    )
    assert response.status_code == 400
    assert "Hãy viết nội dung góp ý trước khi gửi." in response.content.decode()


def test_a_comment_on_a_missing_anchor_goes_back_with_a_message(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    response = signed_in(client, citizen).post(
        url("comment", consultation),
        {"anchor": "dieu-40", "submission_key": "k", "text": "Góp ý."},
        follow=True,
    )
    assert "Dự thảo hiện hành không có điều, khoản dieu-40." in messages_of(response)


def test_an_invalid_comment_form_on_a_missing_anchor(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    response = signed_in(client, citizen).post(
        url("comment", consultation), {"anchor": "dieu-40", "text": ""}, follow=True
    )
    assert "Điều, khoản này không có trong dự thảo." in messages_of(response)


def test_an_anonymous_comment_goes_to_login(client: Client, consultation: Consultation) -> None:
    response = client.post(url("comment", consultation), {"anchor": "dieu-1", "text": "x"})
    assert response["Location"].startswith(reverse("units:login"))


def test_the_comments_of_an_article(
    client: Client, consultation: Consultation, citizen: User, handler: User
) -> None:
    # given a visible and a hidden comment on Điều 2 (one on its clause)
    shown = comment_add(
        consultation=consultation,
        participant=citizen,
        anchor="dieu-2.k1",
        text="Góp ý hiển thị.",
        submission_key="a",
    )
    hidden = comment_add(
        consultation=consultation,
        participant=citizen,
        anchor="dieu-2",
        text="Góp ý bị ẩn.",
        submission_key="b",
    )
    from danvan.consultations.services.participation import comment_hide

    comment_hide(comment=hidden, actor=handler, reason="Trùng lặp.")
    # then the public sees the visible one only, without the author's name
    html = client.get(url("comments", consultation, "dieu-2")).content.decode()
    assert "Góp ý hiển thị." in html
    assert "Góp ý bị ẩn." not in html
    assert citizen.full_name not in html
    assert f'id="comment-{shown.pk}"' in html
    # and staff also see the hidden one, marked, with the reason
    html = signed_in(client, handler).get(url("comments", consultation, "dieu-2")).content.decode()
    assert "Góp ý bị ẩn." in html
    assert "Trùng lặp." in html


def test_the_comment_form_of_a_clause_opens_on_its_page(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    html = signed_in(client, citizen).get(url("comments", consultation, "dieu-2.k1")).content
    assert b'value="dieu-2.k1" data-comment-anchor' in html
    assert b"data-comment-box" in html


def test_comments_of_a_missing_article_are_not_found(
    client: Client, consultation: Consultation
) -> None:
    assert client.get(url("comments", consultation, "dieu-9")).status_code == 404


# ------------------------------------------------------------------ statements


def test_statements_page_and_voting(
    client: Client, consultation: Consultation, citizen: User, handler: User
) -> None:
    statement = statement_submit(
        consultation=consultation,
        author=handler,
        text="Nên lấy ý kiến cả qua VNeID.",
        accepted=True,
    )
    signed_in(client, citizen)
    # given the statements page: the next statement is offered
    html = client.get(url("statements", consultation)).content.decode()
    assert "Nên lấy ý kiến cả qua VNeID." in html
    assert "Ý kiến tiếp theo" in html
    # when the citizen agrees
    response = client.post(url("statement_vote", consultation, statement.pk), {"vote": "1"})
    # then back to the statement, recorded, and nothing more to vote on
    assert response["Location"].endswith(f"#statement-{statement.pk}")
    html = client.get(url("statements", consultation)).content.decode()
    assert "Bạn đã biểu quyết tất cả các ý kiến." in html
    # a bad vote value is explained
    response = client.post(
        url("statement_vote", consultation, statement.pk), {"vote": "5"}, follow=True
    )
    assert "Biểu quyết phải là tán thành, không tán thành hoặc bỏ qua." in messages_of(response)


def test_a_vote_on_a_pending_statement_is_not_found(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    pending = statement_submit(consultation=consultation, author=citizen, text="Chờ duyệt.")
    response = signed_in(client, citizen).post(
        url("statement_vote", consultation, pending.pk), {"vote": "1"}
    )
    assert response.status_code == 404


def test_a_statement_vote_after_closing_is_explained(
    client: Client,
    consultation: Consultation,
    citizen: User,
    handler: User,
    frozen: time_machine.Traveller,
) -> None:
    statement = statement_submit(
        consultation=consultation, author=handler, text="Ý kiến.", accepted=True
    )
    assert consultation.closes_at is not None
    frozen.move_to(consultation.closes_at)
    response = signed_in(client, citizen).post(
        url("statement_vote", consultation, statement.pk), {"vote": "-1"}, follow=True
    )
    assert any("Đợt lấy ý kiến đã kết thúc" in m for m in messages_of(response))


def test_proposing_a_statement(client: Client, consultation: Consultation, citizen: User) -> None:
    signed_in(client, citizen)
    response = client.post(url("statements", consultation), {"text": "Cần thêm ví dụ."})
    assert response.status_code == 302
    assert Statement.objects.get().status == Statement.Status.PENDING
    page = client.get(response["Location"])
    assert "chờ kiểm duyệt" in page.content.decode()
    # an empty or too long statement comes back with the reason and the text
    response = client.post(url("statements", consultation), {"text": "á" * 300})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mỗi ý kiến ngắn tối đa 280 ký tự; ý kiến của bạn có 300 ký tự." in html
    assert "á" * 300 in html
    response = client.post(url("statements", consultation), {"text": ""})
    assert "Hãy viết ý kiến trước khi gửi." in response.content.decode()


def test_staff_statements_are_published(
    client: Client, consultation: Consultation, handler: User
) -> None:
    signed_in(client, handler).post(url("statements", consultation), {"text": "Ý kiến mẫu."})
    assert Statement.objects.get().status == Statement.Status.ACCEPTED


def test_anonymous_statements_page(client: Client, consultation: Consultation) -> None:
    html = client.get(url("statements", consultation)).content.decode()
    assert "Đăng nhập để tham gia" in html
    response = client.post(url("statements", consultation), {"text": "x"})
    assert response["Location"].startswith(reverse("units:login"))
    response = client.post(url("statement_vote", consultation, 1), {"vote": "1"})
    assert response["Location"].startswith(reverse("units:login"))


# ------------------------------------------------------------------ moderation


def test_moderation_is_for_the_agency_only(
    client: Client, consultation: Consultation, citizen: User, outsider_handler: User
) -> None:
    for user in (citizen, outsider_handler):
        response = signed_in(client, user).get(url("moderation", consultation))
        assert response.status_code == 404
        response = client.post(url("statement_moderate", consultation, 1), {"action": "accept"})
        assert response.status_code == 404


def test_moderating_statements_and_comments(
    client: Client, consultation: Consultation, citizen: User, handler: User
) -> None:
    statement = statement_submit(consultation=consultation, author=citizen, text="Đề xuất A.")
    comment = comment_add(
        consultation=consultation,
        participant=citizen,
        anchor="dieu-1",
        text="Góp ý cần xem.",
        submission_key="x",
    )
    signed_in(client, handler)
    html = client.get(url("moderation", consultation)).content.decode()
    assert "Đề xuất A." in html
    assert "Góp ý cần xem." in html
    # rejecting without a reason is refused with a message
    response = client.post(
        url("statement_moderate", consultation, statement.pk),
        {"action": "reject", "reason": ""},
        follow=True,
    )
    assert "Hãy nêu lý do của quyết định kiểm duyệt." in messages_of(response)
    # accepting works
    client.post(url("statement_moderate", consultation, statement.pk), {"action": "accept"})
    statement.refresh_from_db()
    assert statement.status == Statement.Status.ACCEPTED
    # hiding then restoring a comment, with reasons, audited
    client.post(
        url("comment_moderate", consultation, comment.pk),
        {"action": "hide", "reason": "Thông tin cá nhân."},
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    hidden = client.get(url("moderation", consultation) + "?trang-thai=hidden_by_moderator")
    assert "Thông tin cá nhân." in hidden.content.decode()
    response = client.post(
        url("comment_moderate", consultation, comment.pk),
        {"action": "restore", "reason": "Đã xem lại."},
        follow=True,
    )
    assert "Đã ghi nhận quyết định kiểm duyệt." in messages_of(response)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert AuditEntry.objects.filter(verb__startswith="consultation_comment.").count() == 2


@pytest.mark.parametrize("action", ["hide", "dance"])
def test_a_decision_that_does_not_fit_is_refused(
    client: Client, consultation: Consultation, citizen: User, handler: User, action: str
) -> None:
    statement = statement_submit(consultation=consultation, author=citizen, text="Đề xuất B.")
    response = signed_in(client, handler).post(
        url("statement_moderate", consultation, statement.pk),
        {"action": action, "reason": "x"},
        follow=True,
    )
    assert "Không hiểu quyết định kiểm duyệt." in messages_of(response)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PENDING


def test_moderating_something_of_another_consultation_is_not_found(
    client: Client, consultation: Consultation, agency: Unit, handler: User, citizen: User
) -> None:
    other = make_consultation(agency, slug="du-thao-khac")
    statement = statement_submit(consultation=other, author=citizen, text="Ở đợt khác.")
    comment = comment_add(
        consultation=other, participant=citizen, anchor="dieu-1", text="x", submission_key="y"
    )
    signed_in(client, handler)
    assert client.post(url("statement_moderate", consultation, statement.pk), {}).status_code == 404
    assert client.post(url("comment_moderate", consultation, comment.pk), {}).status_code == 404


# ------------------------------------------------------------------ tallies


def test_live_tallies_for_the_public_and_for_htmx(
    client: Client, consultation: Consultation, citizen: User, citizen2: User
) -> None:
    vote_cast(consultation=consultation, participant=citizen, anchor="dieu-1", choice="agree")
    vote_cast(consultation=consultation, participant=citizen2, anchor="dieu-1", choice="agree")
    vote_cast(consultation=consultation, participant=citizen2, anchor="dieu-2", choice="disagree")
    response = client.get(url("tallies", consultation))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 5s"' in html
    row = re.search(r"Điều 1</a>.*?</tr>", html, re.S)
    assert row is not None
    assert re.findall(r'<td class="num">([^<]*)<', row.group(0))[:2] == ["2", "0"]
    assert "100%" in row.group(0)
    partial = client.get(url("tallies", consultation), headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert 'id="tallies-table"' in partial.content.decode()


# ------------------------------------------------------------------ who sees what


@pytest.mark.parametrize("name", ["ballot", "statements", "tallies", "moderation", "comments"])
def test_unknown_consultations_are_not_found(client: Client, citizen: User, name: str) -> None:
    fake = Consultation(slug="khong-ton-tai")
    args = ["dieu-1"] if name == "comments" else []
    assert signed_in(client, citizen).get(url(name, fake, *args)).status_code == 404


def test_a_draft_being_prepared_is_hidden_from_the_public(
    client: Client, agency: Unit, citizen: User, handler: User, frozen: object
) -> None:
    draft = make_consultation(agency, slug="dang-soan", status=Consultation.Status.DRAFT)
    assert client.get(url("tallies", draft)).status_code == 404
    assert signed_in(client, citizen).get(url("ballot", draft)).status_code == 404
    assert signed_in(client, handler).get(url("tallies", draft)).status_code == 200


def test_an_internal_draft_is_seen_by_its_staff_only(
    client: Client,
    agency: Unit,
    citizen: User,
    handler: User,
    outsider_handler: User,
    frozen: object,
) -> None:
    internal = make_consultation(agency, slug="noi-bo", audience=Consultation.Audience.STAFF)
    assert client.get(url("tallies", internal)).status_code == 404
    assert signed_in(client, citizen).get(url("tallies", internal)).status_code == 404
    assert signed_in(client, outsider_handler).get(url("ballot", internal)).status_code == 404
    assert signed_in(client, handler).get(url("ballot", internal)).status_code == 200
