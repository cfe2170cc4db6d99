"""The commune's Art 25 matters: listing a consultation with its item, the 20-day minimum
(Art 28), and the flags for a synthesis not yet published after the close."""

import html
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.consultations.models import Consultation, SynthesisReport
from danvan.consultations.tests.participation.conftest import make_consultation
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import CommuneMatter
from danvan.democracy.selectors.comments import consultations_to_link, matter_rows, window_days
from danvan.democracy.services.comments import commune_matter_link
from danvan.democracy.tests.comments.conftest import local
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db

TOO_SHORT = (
    "Residents must have at least 20 days from publication to comment (Art 28); this "
    "consultation runs until 24/03/2026. Choose a later last day, or cite the specific law "
    "that sets a shorter period."
)


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def browser(user: User | None = None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def shorten(consultation: Consultation) -> None:
    """Opened 09/03, last day 24/03: 15 days."""
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=local(2026, 3, 25, 0))
    consultation.refresh_from_db()


def test_a_consultation_of_20_days_or_more_is_listed(
    commune: Commune, consultation: Consultation
) -> None:
    # given a consultation published 09/03/2026 with comments until 30/03/2026: 21 days
    assert window_days(consultation) == 21
    # when the officer lists it under item 7 (the commune's democracy regulation)
    matter = commune_matter_link(actor=commune.handler, consultation=consultation, item=7)
    # then it belongs to the commune, is audited and is no longer offered for listing
    assert (matter.commune, matter.item) == (commune.commune, 7)
    assert matter.item_label == "Draft democracy regulations of the commune and of sectors"
    assert str(matter) == f"7: {consultation.pk}"
    assert AuditEntry.objects.filter(verb="democracy_comment_matter.link").exists()
    assert not consultations_to_link(commune.commune).exists()
    with pytest.raises(ApplicationError) as again:
        commune_matter_link(actor=commune.handler, consultation=consultation, item=7)
    assert again.value.message == "This consultation is already listed."


def test_a_window_under_20_days_is_refused_unless_a_law_is_cited(
    commune: Commune, consultation: Consultation
) -> None:
    # given comments only until 24/03/2026 (15 days after 09/03)
    shorten(consultation)
    # when listed without a law, then refused with the dates
    with pytest.raises(ApplicationError) as error:
        commune_matter_link(actor=commune.handler, consultation=consultation, item=2)
    assert error.value.message == TOO_SHORT
    assert not CommuneMatter.objects.exists()
    # when the specific law is cited, then it is listed and not flagged
    matter = commune_matter_link(
        actor=commune.handler,
        consultation=consultation,
        item=2,
        special_law="  Luật Đất đai 2024,  Điều 70 ",
    )
    assert matter.special_law == "Luật Đất đai 2024, Điều 70"
    (row,) = matter_rows(commune.commune)
    assert (row.days, row.short_window) == (15, False)


def test_exactly_20_days_is_enough(commune: Commune, consultation: Consultation) -> None:
    # opened 09/03, last day 29/03 (closes at 24:00): day 20
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=local(2026, 3, 30, 0))
    consultation.refresh_from_db()
    assert window_days(consultation) == 20
    commune_matter_link(actor=commune.handler, consultation=consultation, item=5)


def test_what_cannot_be_listed(commune: Commune, consultation: Consultation) -> None:
    with pytest.raises(ApplicationError) as item:
        commune_matter_link(actor=commune.handler, consultation=consultation, item=10)
    assert item.value.message == "Choose one of the items 1 to 9 of Article 25."
    with pytest.raises(ApplicationError) as other:
        commune_matter_link(actor=commune.other_handler, consultation=consultation, item=1)
    assert other.value.message == "This consultation is not one of your commune's."
    Consultation.objects.filter(pk=consultation.pk).update(kind=Consultation.Kind.LEGAL_DOCUMENT)
    consultation.refresh_from_db()
    with pytest.raises(ApplicationError) as kind:
        commune_matter_link(actor=commune.handler, consultation=consultation, item=1)
    assert kind.value.message == "Only a consultation on a commune matter can be listed here."


def test_a_provincial_draft_is_no_communes(commune: Commune, frozen: object) -> None:
    department = Unit.objects.create(
        code="VN-33-sotp",
        name="Sở Tư pháp",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune.province,
    )
    draft = make_consultation(department, slug="du-thao-tinh")
    Consultation.objects.filter(pk=draft.pk).update(kind=Consultation.Kind.COMMUNE_MATTER)
    draft.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        commune_matter_link(actor=commune.handler, consultation=draft, item=9)
    assert error.value.message == "This consultation is not one of your commune's."


def test_a_draft_not_yet_published_is_listed_and_its_window_unknown(
    commune: Commune, consultation: Consultation
) -> None:
    Consultation.objects.filter(pk=consultation.pk).update(
        status=Consultation.Status.DRAFT, opens_at=None, closes_at=None
    )
    consultation.refresh_from_db()
    commune_matter_link(actor=commune.handler, consultation=consultation, item=1)
    (row,) = matter_rows(commune.commune)
    assert (row.days, row.opens_on, row.last_day, row.short_window) == (None, None, None, False)
    assert not row.synthesis_overdue


def test_a_closed_consultation_is_flagged_until_its_synthesis_is_published(
    commune: Commune, consultation: Consultation
) -> None:
    commune_matter_link(actor=commune.handler, consultation=consultation, item=7)
    # while open: no flag
    (row,) = matter_rows(commune.commune)
    assert (row.status, row.synthesis_overdue, row.report_published) == ("open", False, False)
    # after the close on 31/03/2026 without a published synthesis: flagged
    with time_machine.travel(local(2026, 4, 2), tick=False):
        (row,) = matter_rows(commune.commune)
        assert (row.status, row.synthesis_overdue) == ("closed", True)
        # once published: not flagged, and the report is linked
        report = SynthesisReport.objects.create(consultation=consultation)
        assert matter_rows(commune.commune)[0].synthesis_overdue
        report.status = SynthesisReport.Status.PUBLISHED
        report.save(update_fields=["status"])
        (row,) = matter_rows(commune.commune)
        assert (row.synthesis_overdue, row.report_published) == (False, True)


# ------------------------------------------------------------------ pages


def test_the_pages_answer_404_to_others(commune: Commune, consultation: Consultation) -> None:
    page = reverse("democracy:comments_commune", kwargs={"pk": commune.commune.pk})
    for person in (commune.other_handler, commune.citizen, None):
        client = browser(person)
        assert client.get(page).status_code == 404
        assert client.post(page, {"consultation": consultation.pk, "item": 1}).status_code == 404
    for person in (commune.citizen, None):
        assert browser(person).get(reverse("democracy:comments_index")).status_code == 404
    assert not CommuneMatter.objects.exists()
    missing = reverse("democracy:comments_public", kwargs={"pk": commune.villages[0].pk})
    assert browser().get(missing).status_code == 404


def test_the_officer_lists_a_consultation_from_the_page(
    commune: Commune, consultation: Consultation
) -> None:
    client = browser(commune.handler)
    index = client.get(reverse("democracy:comments_index"))
    assert index.status_code == 302
    page = text_of(client.get(index["Location"]))
    assert consultation.title in page
    assert "List the consultation" in page
    # a window too short is refused with the message, nothing listed
    shorten(consultation)
    refused = client.post(index["Location"], {"consultation": consultation.pk, "item": "7"})
    assert refused.status_code == 400
    assert TOO_SHORT in text_of(refused)
    listed = client.post(
        index["Location"],
        {"consultation": consultation.pk, "item": "7", "special_law": "Luật X, Điều 1"},
    )
    assert listed.status_code == 302
    page = text_of(client.get(index["Location"]))
    assert "Shorter period under Luật X, Điều 1" in page
    assert "Every consultation on a commune matter is listed." in page


def test_an_officer_of_two_communes_chooses_one(commune: Commune) -> None:
    from danvan.democracy.tests.conftest import make_user
    from danvan.units.models import RoleAssignment

    officer = make_user("haixa", "Hoàng Văn Hải", commune.committee, "handler")
    RoleAssignment.objects.create(
        user=officer, unit=Unit.objects.get(code="VN-11953-ubnd"), role="handler"
    )
    page = browser(officer).get(reverse("democracy:comments_index"))
    assert page.status_code == 200
    assert "Phường Phố Hiến" in text_of(page)


def test_the_public_page_lists_published_matters_and_their_synthesis(
    commune: Commune, consultation: Consultation
) -> None:
    # given one open matter with a short window flagged, and one still in preparation
    commune_matter_link(actor=commune.handler, consultation=consultation, item=7)
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=local(2026, 3, 25, 0))
    draft = make_consultation(commune.committee, slug="du-thao-chua-mo")
    Consultation.objects.filter(pk=draft.pk).update(
        kind=Consultation.Kind.COMMUNE_MATTER, status=Consultation.Status.DRAFT, title="Chưa mở"
    )
    draft.refresh_from_db()
    commune_matter_link(actor=commune.handler, consultation=draft, item=1)
    url = reverse("democracy:comments_public", kwargs={"pk": commune.commune.pk})
    page = text_of(browser().get(url))
    # then the open one is listed with its reading page and its flag, the draft is not
    assert reverse("consultations:drafts_read", kwargs={"slug": consultation.slug}) in page
    assert "Only 15 days: under the 20 days of Art 28" in page
    assert "Chưa mở" not in page
    assert "After the consultation closes" in page
    # and once closed and published, the synthesis is linked
    with time_machine.travel(local(2026, 4, 2), tick=False):
        report = SynthesisReport.objects.create(consultation=consultation)
        overdue = text_of(browser().get(url))
        assert "Closed, synthesis not yet published" in overdue
        report.status = SynthesisReport.Status.PUBLISHED
        report.save(update_fields=["status"])
        published = text_of(browser().get(url))
    assert reverse("consultations:report_public", kwargs={"slug": consultation.slug}) in published
    staff = text_of(
        browser(commune.handler).get(
            reverse("democracy:comments_commune", kwargs={"pk": commune.commune.pk})
        )
    )
    assert reverse("consultations:drafts_manage_detail", kwargs={"slug": draft.slug}) in staff


def test_a_consultation_of_the_commune_itself_can_be_listed(
    commune: Commune, frozen: object
) -> None:
    own = make_consultation(commune.commune, slug="du-thao-xa")
    Consultation.objects.filter(pk=own.pk).update(kind=Consultation.Kind.COMMUNE_MATTER)
    assert list(consultations_to_link(commune.commune)) == [own]
