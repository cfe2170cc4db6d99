"""The reception desk's dashboard panel, and the intake rows as the admin and audit see them."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.core.dashboard import panels_for_role
from danvan.petitions.models import Case
from danvan.petitions.models.intake import (
    Attachment,
    CaseRating,
    IntakeDetail,
    ReceptionBookEntry,
    ReceptionSession,
)
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.services.intake import (
    BookColumns,
    Submission,
    rate_limit_hit,
    rate_limit_peek,
    reception_entry_record,
    reception_session_schedule,
)
from danvan.petitions.tests.intake.helpers import t
from danvan.petitions.views.intake import register_panels
from danvan.units.models import Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def _visit(unit: Unit, officer: User, on: dt.date, key: str) -> ReceptionBookEntry:
    entry, _ = reception_entry_record(
        submission=Submission(
            kind=Case.Kind.PETITION,
            subject="Đề nghị nạo vét kênh tưới",
            content="Kênh tưới thôn Bình Dân bị bồi lắng.",
            unit=unit,
            petitioner=Petitioner(name="Phạm Văn Lợi", address="Thôn Bình Dân"),
        ),
        officer=officer,
        received_on=on,
        columns=BookColumns(),
        idempotency_key=key,
    )
    return entry


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 0, tzinfo=VN), tick=False)
def test_the_desk_panel_counts_this_month_and_lists_next_sessions(
    client: Client, commune_committee: Unit, reception_officer: User, head: User
) -> None:
    # given two visits this month, one last month, and a session in November
    _visit(commune_committee, reception_officer, dt.date(2026, 9, 30), "sep")
    _visit(commune_committee, reception_officer, dt.date(2026, 10, 1), "oct1")
    _visit(commune_committee, reception_officer, dt.date(2026, 10, 14), "oct2")
    reception_session_schedule(
        unit=commune_committee,
        presiding=head,
        topic="Tiếp công dân trực tuyến",
        scheduled_start=dt.datetime(2026, 11, 3, 8, 0, tzinfo=VN),
        notified_on=dt.date(2026, 10, 15),
        platform=ReceptionSession.Platform.CENTRAL,
        link="https://hop.gov.vn/1",
        created_by=reception_officer,
    )
    register_panels()
    assert any(p.key == "petitions.intake.desk" for p in panels_for_role("reception_officer"))
    # when the reception officer opens the dashboard
    client.force_login(reception_officer)
    html = client.get(reverse("core:dashboard")).content.decode()
    # then
    assert t("Reception desk") in html
    assert "03/11/2026" in html  # the session
    assert "02/11/2026" in html  # its connection test, 1 working day before
    assert reverse("petitions:intake_book_add") in html
    with translation.override("vi"):
        counted = translation.ngettext(
            "%(count)s reception recorded this month.",
            "%(count)s receptions recorded this month.",
            2,
        ) % {"count": 2}
    assert counted in html


@time_machine.travel(dt.datetime(2026, 10, 15, 9, 0, tzinfo=VN), tick=False)
def test_the_panel_is_empty_for_people_without_the_desk_permission(
    client: Client, commune_committee: Unit, head: User
) -> None:
    from danvan.petitions.views.intake import _desk_panel_context

    register_panels()
    client.force_login(head)
    request = client.get(reverse("core:dashboard")).wsgi_request
    assert _desk_panel_context(request) == {"desk_unit": None}


def test_labels_never_carry_personal_data(
    commune_committee: Unit, reception_officer: User, head: User
) -> None:
    entry = _visit(commune_committee, reception_officer, dt.date(2026, 10, 1), "l1")
    case = entry.case
    assert case is not None
    detail = IntakeDetail.objects.get(case=case)
    attachment = Attachment.objects.create(
        case=case,
        original_name="Phạm Văn Lợi - đơn.pdf",
        stored_name="a" * 32,
        content_type="application/pdf",
        extension="pdf",
        size=10,
        sha256="0" * 64,
    )
    rating = CaseRating.objects.create(
        case=case,
        outcome=CaseRating.Outcome.SATISFIED,
        receipt_confirmed_at=dt.datetime(2026, 10, 20, tzinfo=VN),
        via=CaseRating.Via.ACCOUNT,
    )
    session = ReceptionSession.objects.create(
        unit=commune_committee,
        presiding=head,
        topic="Tiếp công dân",
        scheduled_start=dt.datetime(2026, 11, 3, 8, 0, tzinfo=VN),
        notified_on=dt.date(2026, 10, 15),
        platform=ReceptionSession.Platform.OTHER,
        link="https://hop.gov.vn/1",
    )
    labels = [entry.audit_label, attachment.audit_label, rating.audit_label, session.audit_label]
    assert all("Lợi" not in label for label in labels)
    assert str(entry) == f"{commune_committee.pk} 2026/1"
    assert str(detail) == str(case.pk)
    assert str(attachment) == "Phạm Văn Lợi - đơn.pdf"
    assert str(rating) == f"{case.pk} satisfied"
    assert str(session) == "Tiếp công dân (2026-11-03 08:00)"


def test_a_denunciation_line_cannot_hold_the_denouncer(
    commune_committee: Unit, reception_officer: User
) -> None:
    from django.db import IntegrityError

    entry = _visit(commune_committee, reception_officer, dt.date(2026, 10, 1), "d1")
    with pytest.raises(IntegrityError):
        ReceptionBookEntry.objects.filter(pk=entry.pk).update(kind=Case.Kind.DENUNCIATION)


def test_rate_limit_counts_per_scope_and_client() -> None:
    cache.clear()
    assert not rate_limit_hit(scope="s", client="1.2.3.4", limit=2, window_seconds=60)
    assert not rate_limit_hit(scope="s", client="1.2.3.4", limit=2, window_seconds=60)
    assert rate_limit_peek(scope="s", client="1.2.3.4", limit=2)
    assert rate_limit_hit(scope="s", client="1.2.3.4", limit=2, window_seconds=60)
    assert not rate_limit_peek(scope="other", client="1.2.3.4", limit=2)
    assert not rate_limit_hit(scope="s", client="5.6.7.8", limit=2, window_seconds=60)
    # a limit of 0 switches the check off
    assert not rate_limit_hit(scope="s", client="1.2.3.4", limit=0, window_seconds=60)
    assert not rate_limit_peek(scope="s", client="1.2.3.4", limit=0)
