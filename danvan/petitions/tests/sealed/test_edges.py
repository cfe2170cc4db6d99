"""Edges of the sealed area: rare branches that must still behave."""

from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from danvan.core.exceptions import ApplicationError
from danvan.petitions import custody
from danvan.petitions.models import (
    AnonymousReport,
    Case,
    DenouncerFollowUp,
    IdentityOpenRequest,
    SealedIdentity,
)
from danvan.petitions.selectors.sealed import sealed_case_panel
from danvan.petitions.services import sealed as services
from danvan.petitions.services.sealed import (
    REDACTED,
    DenouncerIdentity,
    DenunciationReceipt,
    SealedFlowError,
    denouncer_text_redact,
    identity_open_request_create,
    identity_open_request_decide,
)
from danvan.petitions.tests.sealed.conftest import client_for
from danvan.petitions.tests.sealed.helpers import page_text, t
from danvan.units.models import User

REASON = "Cần xác minh người tố cáo có đủ năng lực hành vi dân sự theo Điều 29."


def test_a_name_of_punctuation_only_redacts_nothing() -> None:
    identity = DenouncerIdentity(name="!!!", address="Thôn 2")
    assert denouncer_text_redact("Xin chào !!!", identity=identity) == "Xin chào !!!"


def test_a_phone_given_with_the_country_code_is_found_in_national_form() -> None:
    identity = DenouncerIdentity(name="Lê Văn A", address="Thôn 2", phone="+84 912 345 678")
    assert denouncer_text_redact("Gọi 0912345678.", identity=identity) == f"Gọi {REDACTED}."


def test_a_combining_mark_left_after_the_name_goes_with_it() -> None:
    # given a name followed by a mark that has no precomposed form (c + dot below)
    identity = DenouncerIdentity(name="Nguyễn Thị Tố Giác", address="Thôn 2")
    text = "Ký: Nguyễn Thị Tố Giá" + "c\u0323" + " hết."
    # then no stray mark is left behind
    assert denouncer_text_redact(text, identity=identity) == f"Ký: {REDACTED} hết."


def test_rate_limit_counter_that_expired_between_add_and_incr(db: None) -> None:
    with (
        mock.patch("danvan.petitions.services.sealed.cache.add", side_effect=[False, True]),
        mock.patch("danvan.petitions.services.sealed.cache.incr", side_effect=ValueError),
    ):
        assert services._rate_hit(scope="s", key="k", limit=1, window=60) is False


def test_refusing_in_the_service_needs_a_reason(
    denunciation: DenunciationReceipt, handler: User, custodian: User
) -> None:
    open_request = identity_open_request_create(
        case=denunciation.case, requested_by=handler, reason=REASON
    )
    with pytest.raises(ApplicationError):
        identity_open_request_decide(open_request=open_request, custodian=custodian, approve=False)


def test_reveal_when_the_vault_row_is_gone(
    denunciation: DenunciationReceipt, handler: User, custodian: User
) -> None:
    open_request = identity_open_request_create(
        case=denunciation.case, requested_by=handler, reason=REASON
    )
    approved = identity_open_request_decide(
        open_request=open_request, custodian=custodian, approve=True
    )
    SealedIdentity.objects.filter(case=denunciation.case).delete()
    with pytest.raises(ApplicationError):
        custody.identity_reveal(open_request=approved, custodian=custodian)


def test_unexpected_failures_are_hidden_but_refusals_pass(
    denunciation: DenunciationReceipt,
) -> None:
    # an unexpected error inside the sealed flow comes out bare, with its type only
    with (
        mock.patch.object(custody, "_decrypt", side_effect=KeyError("Nguyễn Thị Tố Giác")),
        pytest.raises(SealedFlowError, match=r"identity_redact failed: KeyError") as caught,
    ):
        custody.identity_redact(case=denunciation.case, text="x")
    assert "Nguyễn" not in str(caught.value)
    assert caught.value.__suppress_context__


def test_a_denunciation_turned_anonymous_after_acceptance_is_refused_on_the_page(
    denunciation: DenunciationReceipt, handler: User
) -> None:
    Case.objects.filter(pk=denunciation.case.pk).update(status=Case.Status.ACCEPTED)
    url = reverse(
        "petitions:sealed_treat_as_anonymous", kwargs={"code": denunciation.case.tracking_code}
    )
    response = client_for(handler).post(url, {"reason": "unidentifiable"})
    assert response.status_code == 200
    assert t("Only a denunciation not yet accepted can be turned into one.") in page_text(response)


def test_case_panel_for_the_handlers_case_page(
    denunciation: DenunciationReceipt, handler: User, reception_officer: User
) -> None:
    # given the panel a case page includes
    identity_open_request_create(case=denunciation.case, requested_by=handler, reason=REASON)
    panel = sealed_case_panel(case=denunciation.case, user=handler)
    assert panel.is_sealed
    assert panel.can_request
    assert len(panel.requests) == 1
    request = RequestFactory().get("/")
    request.user = handler
    html = render_to_string(
        "petitions/sealed/_case_panel.html",
        {"sealed_panel": panel, "case": denunciation.case},
        request=request,
    )
    assert (
        reverse("petitions:sealed_request", kwargs={"code": denunciation.case.tracking_code})
        in html
    )
    # and a reception officer may read but not ask
    assert not sealed_case_panel(case=denunciation.case, user=reception_officer).can_request


def test_string_forms_name_no_one(denunciation: DenunciationReceipt, handler: User) -> None:
    open_request = identity_open_request_create(
        case=denunciation.case, requested_by=handler, reason=REASON
    )
    record = SealedIdentity.objects.get(case=denunciation.case)
    follow_up = DenouncerFollowUp.objects.get(case=denunciation.case)
    report = AnonymousReport(case=denunciation.case, reason="no_name", status="received")
    code = denunciation.case.tracking_code
    assert str(record) == f"{code} [test]"
    assert record.audit_label == f"sealed identity #{record.pk}"
    assert str(follow_up) == code
    assert str(open_request) == f"#{open_request.pk} {code} pending"
    assert open_request.audit_label == f"identity request #{open_request.pk}"
    assert str(report) == f"{code} received"
    assert report.audit_label == "anonymous report #None"
    assert IdentityOpenRequest.objects.get().is_usable is False
