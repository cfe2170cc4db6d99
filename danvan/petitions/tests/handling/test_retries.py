"""A retried officer action (double click, lost response, Back and submit) happens once.

Every action form carries a one-time token; a request that brings a used token back does
not run the action again and leads to the page the first one led to.
"""

import datetime as dt
import re
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.notifications.models import Notification
from danvan.petitions.models import Case, CaseAnswer, CaseEvent
from danvan.petitions.tests.handling.conftest import CaseMaker
from danvan.petitions.tests.handling.test_routing_actions import checked
from danvan.units.models import User

pytestmark = pytest.mark.django_db
Travel = Callable[[dt.date], None]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _url(case: Case, action: str) -> str:
    return reverse(
        "petitions:handling_action", kwargs={"code": case.tracking_code, "action": action}
    )


def _token(client: Client, case: Case, action: str) -> str:
    page = client.get(_url(case, action)).content.decode()
    match = re.search(r'name="action_token" value="([^"]+)"', page)
    assert match is not None, "the action form carries no token"
    return match.group(1)


def _twice(client: Client, case: Case, action: str, data: dict[str, str]) -> list[str]:
    """Send the same filled form twice, as a retry would; return where each response led."""
    data = {**data, "action_token": _token(client, case, action)}
    first = client.post(_url(case, action), data)
    second = client.post(_url(case, action), data)
    assert first.status_code == second.status_code == 302
    return [first["Location"], second["Location"]]


def test_accept_sent_twice_is_accepted_once(
    travel: Travel, make_case: CaseMaker, handler: User, citizen: User, client: Client
) -> None:
    # given a new petition from a citizen with an account
    travel(dt.date(2027, 3, 1))
    case = checked(make_case(submitted_by=citizen), handler)
    client.force_login(handler)
    # when the handler's "accept" reaches the server twice
    first, second = _twice(client, case, "accept", {"note": ""})
    # then it was accepted once, the citizen told once, and both lead to the case page
    assert first == second == reverse("petitions:handling_case", args=[case.tracking_code])
    assert case.events.filter(kind=CaseEvent.Kind.ACCEPTED).count() == 1
    assert Notification.objects.filter(recipient=citizen, kind="petitions.accepted").count() == 1
    told = [str(m) for m in get_messages(client.get(first).wsgi_request)]
    assert _("This was already done; it was not done a second time.") in told


def test_the_answer_sent_twice_reaches_the_petitioner_once(
    travel: Travel,
    make_case: CaseMaker,
    handler: User,
    head: User,
    client: Client,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    # given an accepted petition from someone with no account, only an e-mail address
    # (binh@example.com), answered and approved
    travel(dt.date(2027, 3, 1))
    case = checked(make_case(), handler)
    client.force_login(handler)
    assert client.post(_url(case, "accept"), {"note": ""}).status_code == 302
    _twice(client, case, "answer", {"body": "Xã sẽ sửa đường trong tháng 4/2027."})
    head_client = Client()
    head_client.force_login(head)
    _twice(head_client, case, "approve", {})
    mail.outbox.clear()
    # when "send" is retried (the e-mail task runs after each commit)
    with django_capture_on_commit_callbacks(execute=True):
        _twice(client, case, "send", {})
    # then one answer, one "answer sent" event and one e-mail
    assert CaseAnswer.objects.filter(case=case).count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.ANSWER_SENT).count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.ANSWER_DRAFTED).count() == 1
    assert case.events.filter(kind=CaseEvent.Kind.ANSWER_APPROVED).count() == 1
    assert [m.to for m in mail.outbox] == [["binh@example.com"]]


def test_a_rejected_form_can_be_corrected_and_sent_with_the_same_token(
    travel: Travel, make_case: CaseMaker, handler: User, client: Client
) -> None:
    # given a "return with guidance" form sent without its guidance
    travel(dt.date(2027, 3, 1))
    case = checked(make_case(), handler)
    client.force_login(handler)
    token = _token(client, case, "return")
    response = client.post(_url(case, "return"), {"action_token": token})
    assert response.status_code == 200
    # then the re-shown form keeps the token, and the corrected form goes through
    assert f'value="{token}"' in response.content.decode()
    guidance = "Đề nghị bà gửi đơn đến Tòa án nhân dân khu vực 5 - Hưng Yên."
    response = client.post(
        _url(case, "return"),
        {"action_token": token, "guidance": guidance, "guided_to": "Tòa án nhân dân khu vực 5"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.RETURNED
