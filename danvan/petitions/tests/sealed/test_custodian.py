"""Opening a sealed identity: request with a reason, the custodian decides, only the
custodian who approved sees it, on a page never cached, every viewing audited."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.notifications.models import Notification
from danvan.petitions.models import Case, IdentityOpenRequest
from danvan.petitions.selectors.sealed import follow_up_case_find
from danvan.petitions.services.cases import case_receive
from danvan.petitions.services.sealed import (
    DenunciationReceipt,
    identity_open_request_create,
    identity_open_request_decide,
    receipt_code_normalise,
)
from danvan.petitions.tests.sealed.conftest import client_for, make_user
from danvan.petitions.tests.sealed.helpers import assert_not_cached, page_text, t
from danvan.petitions.tests.sealed.leaks import (
    LEAK_EMAIL,
    LEAK_ID_NUMBER,
    LEAK_NAME,
    LEAK_PHONE,
    assert_no_identity_leak,
)
from danvan.units.models import RoleAssignment, Unit, User

REASON = "Cần xác minh người tố cáo có đủ năng lực hành vi dân sự theo Điều 29."


def request_url(case: Case) -> str:
    return reverse("petitions:sealed_request", kwargs={"code": case.tracking_code})


def decide_url(open_request: IdentityOpenRequest) -> str:
    return reverse("petitions:sealed_request_decide", kwargs={"pk": open_request.pk})


def identity_url(open_request: IdentityOpenRequest) -> str:
    return reverse("petitions:sealed_identity", kwargs={"pk": open_request.pk})


@pytest.fixture
def pending(denunciation: DenunciationReceipt, handler: User) -> IdentityOpenRequest:
    return identity_open_request_create(case=denunciation.case, requested_by=handler, reason=REASON)


@pytest.fixture
def approved(pending: IdentityOpenRequest, custodian: User) -> IdentityOpenRequest:
    return identity_open_request_decide(open_request=pending, custodian=custodian, approve=True)


# --------------------------------------------------------------------------- requesting


def test_handler_asks_and_the_custodians_above_are_told(
    denunciation: DenunciationReceipt,
    handler: User,
    custodian: User,
    province_custodian: User,
    other_custodian: User,
) -> None:
    # given the handler of the case on the request page
    client = client_for(handler)
    assert client.get(request_url(denunciation.case)).status_code == 200
    # when they send a request with a reason
    response = client.post(request_url(denunciation.case), {"reason": REASON})
    # then it is waiting, and the custodians of the unit and above are notified
    assert response.status_code == 302
    open_request = IdentityOpenRequest.objects.get()
    assert (open_request.requested_by, open_request.status) == (handler, "pending")
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {custodian.username, province_custodian.username}
    # and the audit log has the request id, not the reason
    entry = AuditEntry.objects.get(verb="sealed_identity.request")
    assert entry.data == {"case": denunciation.case.tracking_code, "request": open_request.pk}
    # and the page lists the request as waiting
    assert t("Waiting for the custodian") in page_text(client.get(request_url(denunciation.case)))


def test_a_short_reason_is_refused_and_kept(
    denunciation: DenunciationReceipt, handler: User
) -> None:
    response = client_for(handler).post(request_url(denunciation.case), {"reason": "Cần xem"})
    assert response.status_code == 200
    assert "Cần xem" in page_text(response)
    assert not IdentityOpenRequest.objects.exists()


def test_a_second_waiting_request_is_refused(pending: IdentityOpenRequest, handler: User) -> None:
    response = client_for(handler).post(request_url(pending.case), {"reason": REASON})
    assert t("You already have a request waiting for this case.") in page_text(response)
    assert IdentityOpenRequest.objects.count() == 1


@pytest.mark.parametrize("who", ["other_handler", "reception_officer", "custodian", "citizen"])
def test_others_cannot_ask(
    request: pytest.FixtureRequest, denunciation: DenunciationReceipt, who: str
) -> None:
    # staff of another unit, reception officers, custodians and citizens get a 404
    user = request.getfixturevalue(who)
    assert client_for(user).get(request_url(denunciation.case)).status_code == 404
    with pytest.raises(ApplicationError):
        identity_open_request_create(case=denunciation.case, requested_by=user, reason=REASON)


def test_an_unsealed_case_has_no_request_page(commune_committee: Unit, handler: User) -> None:
    case, _ = case_receive(
        kind=Case.Kind.PETITION,
        channel=Case.Channel.WEB,
        subject="S",
        content="C",
        receiving_unit=commune_committee,
    )
    assert client_for(handler).get(request_url(case)).status_code == 404
    with pytest.raises(ApplicationError):
        identity_open_request_create(case=case, requested_by=handler, reason=REASON)


# --------------------------------------------------------------------------- deciding


def test_queue_shows_waiting_requests_to_the_custodians_of_the_unit_only(
    pending: IdentityOpenRequest,
    custodian: User,
    province_custodian: User,
    other_custodian: User,
    handler: User,
) -> None:
    url = reverse("petitions:sealed_custodian_queue")
    assert pending.case.display_code in page_text(client_for(custodian).get(url))
    assert pending.case.display_code in page_text(client_for(province_custodian).get(url))
    assert pending.case.display_code not in page_text(client_for(other_custodian).get(url))
    assert client_for(handler).get(url).status_code == 404


def test_custodian_approves_and_the_requester_is_told(
    pending: IdentityOpenRequest, custodian: User, handler: User
) -> None:
    client = client_for(custodian)
    response = client.get(decide_url(pending))
    assert REASON in page_text(response)
    # when the custodian approves
    response = client.post(decide_url(pending), {"decision": "approve"})
    # then the request is approved for 72 hours, audited, and the requester told
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("approved", custodian)
    assert pending.valid_until is not None
    assert pending.valid_until - timezone.now() > dt.timedelta(hours=71)
    assert AuditEntry.objects.get(verb="sealed_identity.approve").data["request"] == pending.pk
    note = Notification.objects.get(recipient=handler)
    assert pending.case.display_code in note.title
    assert_no_identity_leak(note.title + note.body)


def test_refusing_needs_a_reason_which_the_requester_reads(
    pending: IdentityOpenRequest, custodian: User, handler: User
) -> None:
    client = client_for(custodian)
    response = client.post(decide_url(pending), {"decision": "refuse", "note": ""})
    assert t("Give the reason for refusing.") in page_text(response)
    response = client.post(
        decide_url(pending), {"decision": "refuse", "note": "Hồ sơ đã đủ để xác minh."}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "refused"
    assert pending.valid_until is None
    assert "Hồ sơ đã đủ để xác minh." in Notification.objects.get(recipient=handler).body
    assert AuditEntry.objects.filter(verb="sealed_identity.refuse").count() == 1
    # and a refused request never opens the identity
    assert client.get(identity_url(pending)).status_code == 302


def test_the_requester_never_decides_even_when_also_custodian(
    denunciation: DenunciationReceipt, commune_committee: Unit
) -> None:
    # given an officer who is both handler and custodian, and asks
    both = make_user("kiemnhiem", "Cán bộ Kiêm Nhiệm", commune_committee, "handler")
    RoleAssignment.objects.create(
        user=both, unit=commune_committee, role=RoleAssignment.Role.CUSTODIAN
    )
    open_request = identity_open_request_create(
        case=denunciation.case, requested_by=both, reason=REASON
    )
    # then they cannot decide it
    response = client_for(both).post(decide_url(open_request), {"decision": "approve"})
    assert t("You cannot decide your own request.") in page_text(response)
    open_request.refresh_from_db()
    assert open_request.status == "pending"
    # and their own request is not in their queue
    queue = client_for(both).get(reverse("petitions:sealed_custodian_queue"))
    assert denunciation.case.display_code not in page_text(queue)


def test_a_decided_request_cannot_be_decided_again(
    approved: IdentityOpenRequest, custodian: User
) -> None:
    with pytest.raises(ApplicationError):
        identity_open_request_decide(
            open_request=approved, custodian=custodian, approve=False, note="x"
        )


def test_another_units_custodian_gets_404(
    pending: IdentityOpenRequest, other_custodian: User, handler: User
) -> None:
    assert client_for(other_custodian).get(decide_url(pending)).status_code == 404
    assert client_for(handler).get(decide_url(pending)).status_code == 404
    with pytest.raises(ApplicationError):
        identity_open_request_decide(open_request=pending, custodian=other_custodian, approve=True)


def test_a_superuser_without_the_custodian_role_can_neither_decide_nor_open(
    pending: IdentityOpenRequest, superuser: User
) -> None:
    # given a technical administrator with Django's superuser flag and no custodian role
    client = client_for(superuser)
    # then the request is out of reach, in the page and in the service
    assert client.get(decide_url(pending)).status_code == 404
    assert client.post(decide_url(pending), {"decision": "approve"}).status_code == 404
    with pytest.raises(ApplicationError):
        identity_open_request_decide(open_request=pending, custodian=superuser, approve=True)
    pending.refresh_from_db()
    assert pending.status == IdentityOpenRequest.Status.PENDING
    assert client.get(identity_url(pending)).status_code == 404
    assert not AuditEntry.objects.filter(verb="sealed_identity.open").exists()


# --------------------------------------------------------------------------- viewing


def test_the_approving_custodian_sees_the_identity_never_cached_every_view_audited(
    approved: IdentityOpenRequest, custodian: User
) -> None:
    client = client_for(custodian)
    # when the custodian opens the identity twice
    first = client.get(identity_url(approved))
    second = client.get(identity_url(approved))
    # then it shows, on a page that nobody may keep
    text = page_text(first)
    for value in (LEAK_NAME, LEAK_ID_NUMBER, LEAK_PHONE, LEAK_EMAIL):
        assert value in text
    assert "Lê Văn Hưởng" in text  # the letter as written
    assert_not_cached(first)
    assert second.status_code == 200
    # and each viewing is in the audit log, with the case and request only
    entries = AuditEntry.objects.filter(verb="sealed_identity.open").order_by("seq")
    assert [e.data for e in entries] == [
        {"case": approved.case.tracking_code, "request": approved.pk}
    ] * 2
    assert {e.actor for e in entries} == {custodian}
    assert all(e.ip_hash for e in entries)
    # and the decision page offers the link
    assert identity_url(approved) in page_text(client.get(decide_url(approved)))


@pytest.mark.parametrize("who", ["handler", "head", "other_custodian", "other_handler"])
def test_nobody_else_sees_it(
    request: pytest.FixtureRequest, approved: IdentityOpenRequest, who: str
) -> None:
    user = request.getfixturevalue(who)
    response = client_for(user).get(identity_url(approved))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(verb="sealed_identity.open").exists()


def test_a_fellow_custodian_who_did_not_approve_does_not_see_it(
    approved: IdentityOpenRequest, province_custodian: User
) -> None:
    response = client_for(province_custodian).get(identity_url(approved))
    assert response.status_code == 302
    assert LEAK_NAME not in page_text(response)
    assert not AuditEntry.objects.filter(verb="sealed_identity.open").exists()


def test_an_approval_expires(approved: IdentityOpenRequest, custodian: User) -> None:
    later = timezone.now() + dt.timedelta(hours=73)
    with time_machine.travel(later, tick=False):
        client = client_for(custodian)
        response = client.get(identity_url(approved), follow=True)
    assert t("This approval is not valid, or has expired.") in page_text(response)
    assert LEAK_NAME not in page_text(response)


def test_a_role_revoked_after_approval_closes_the_page(
    approved: IdentityOpenRequest, custodian: User
) -> None:
    RoleAssignment.objects.filter(user=custodian).update(is_active=False)
    assert client_for(custodian).get(identity_url(approved)).status_code == 404


def test_custodian_gives_a_new_follow_up_code(
    approved: IdentityOpenRequest,
    custodian: User,
    denunciation: DenunciationReceipt,
) -> None:
    url = reverse("petitions:sealed_receipt_reissue", kwargs={"pk": approved.pk})
    response = client_for(custodian).post(url)
    assert response.status_code == 200
    assert_not_cached(response)
    code = receipt_code_normalise(response.context["code"])
    assert follow_up_case_find(code=code) == denunciation.case
    assert follow_up_case_find(code=denunciation.receipt_code) is None
    assert AuditEntry.objects.get(verb="denouncer_follow_up.reissue").actor == custodian


def test_a_new_code_needs_a_valid_approval(
    pending: IdentityOpenRequest, custodian: User, denunciation: DenunciationReceipt
) -> None:
    url = reverse("petitions:sealed_receipt_reissue", kwargs={"pk": pending.pk})
    response = client_for(custodian).post(url)
    assert response.status_code == 302
    assert follow_up_case_find(code=denunciation.receipt_code) == denunciation.case


def test_dashboard_panel_counts_waiting_requests(
    pending: IdentityOpenRequest, custodian: User
) -> None:
    from danvan.petitions.views.sealed import register_panels

    register_panels()
    response = client_for(custodian).get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert reverse("petitions:sealed_custodian_queue") in page_text(response)
