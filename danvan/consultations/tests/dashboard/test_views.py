"""The dashboard pages and CSV: figures, formats, privacy, small-count masking, access."""

import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from danvan.consultations.models import Consultation, ParticipationCount
from danvan.consultations.services.dashboard import participants_note, participants_note_many
from danvan.consultations.tests.conftest import make_user
from danvan.consultations.tests.dashboard.conftest import NOW, make_consultation, resident
from danvan.units.models import RoleAssignment, Unit, User

DISTINCT_NAME = "Quách Thị Diệu Huyền"
DISTINCT_USERNAME = "quachthidieuhuyen"
DISTINCT_PHONE = "0987654321"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def manage_url(consultation: Consultation, csv_export: bool = False) -> str:
    name = "dashboard_manage_csv" if csv_export else "dashboard_manage"
    return reverse(f"consultations:{name}", kwargs={"slug": consultation.slug})


def public_url(consultation: Consultation, csv_export: bool = False) -> str:
    name = "dashboard_public_csv" if csv_export else "dashboard_public"
    return reverse(f"consultations:{name}", kwargs={"slug": consultation.slug})


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def crowd(consultation: Consultation, commune: Unit, ward: Unit) -> list[User]:
    """Twelve people: 9 from Xã Khoái Châu, 3 from Phường Phố Hiến, plus one with a
    distinctive name, e-mail and phone, all from the demo province."""
    people = [
        resident(f"dan{n}", f"Người Dân {n}", birth_year=1990, home=commune if n < 9 else ward)
        for n in range(12)
    ]
    distinctive = resident(DISTINCT_USERNAME, DISTINCT_NAME, birth_year=1950, home=ward)
    distinctive.phone = DISTINCT_PHONE
    distinctive.save(update_fields=["phone"])
    for person in [*people, distinctive]:
        participants_note(consultation=consultation, participant=person, now=NOW)
    return [*people, distinctive]


# ------------------------------------------------------------------ the agency's page


def test_the_agency_sees_exact_counts_charts_and_tables(
    consultation: Consultation, handler: User, crowd: list[User], province: Unit
) -> None:
    # when
    response = logged_in(handler).get(manage_url(consultation))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 4
    assert html.count("<table") == 4
    assert "<strong>13</strong>" in html  # in all
    assert province.name in html
    assert re.search(r"60 [^<]*</th>\s*<td[^>]*>1</td>", html)  # not "< 5"
    assert "&lt; 5" not in html.split('<div class="panels">')[1]
    assert "10/03/2026" in html  # the day, Vietnamese style
    assert manage_url(consultation, csv_export=True) in html


def test_numbers_are_written_the_vietnamese_way(
    consultation: Consultation, handler: User, province: Unit
) -> None:
    # given: a large count, as a national consultation has
    ParticipationCount.objects.create(
        consultation=consultation,
        grain=ParticipationCount.Grain.PROFILE,
        day=dt.date(2026, 3, 9),
        province=province.pk,
        age_band="45-59",
        channel="web",
        shard=0,
        participants=1234567,
    )
    # when
    html = logged_in(handler).get(manage_url(consultation)).content.decode()
    # then
    assert "1.234.567" in html
    assert "1234567" not in html
    assert "100,0\u00a0%" in html


def test_the_page_works_with_nobody_yet_and_has_no_inline_style_or_script(
    consultation: Consultation, handler: User
) -> None:
    # when
    response = logged_in(handler).get(manage_url(consultation))
    # then
    html = response.content.decode()
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert response.status_code == 200
    assert " style=" not in main
    assert "<script" not in main
    assert "<strong>0</strong>" in html


def test_a_commune_consultation_is_broken_down_by_commune(
    commune_committee: Unit,
    commune: Unit,
    ward: Unit,
    frozen: time_machine.Traveller,
) -> None:
    # given: the commune's head, a consultation of the commune, residents of two communes
    head = make_user("chutich", "Chủ Tịch Xã", commune_committee, RoleAssignment.Role.HEAD)
    local = make_consultation(commune_committee, slug="quy-che-xa")
    people = [
        resident(f"cu{n}", f"Cư Dân {n}", birth_year=1970, home=commune if n else ward)
        for n in range(3)
    ]
    participants_note_many(
        consultation_id=local.pk, entries=[(p.pk, "meeting") for p in people], now=NOW
    )
    # when
    response = logged_in(head).get(manage_url(local))
    rows = csv_rows(logged_in(head).get(manage_url(local, csv_export=True)).content)
    # then
    html = response.content.decode()
    assert commune.name in html
    assert ward.name in html
    assert [r[1:] for r in rows if r[1] in {commune.code, ward.code}] == [
        [commune.code, commune.name, "2"],
        [ward.code, ward.name, "1"],
    ]
    assert [r[3] for r in rows if r[1] == "meeting"] == ["3"]


def test_the_agency_csv_has_every_breakdown_and_no_identity(
    consultation: Consultation, handler: User, crowd: list[User], province: Unit
) -> None:
    # when
    response = logged_in(handler).get(manage_url(consultation, csv_export=True))
    # then
    rows = csv_rows(response.content)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert len(rows[0]) == 4
    by_key = {(r[0], r[1]): r[3] for r in rows[1:]}
    assert "13" in by_key.values()
    assert [r[3] for r in rows if r[1] == province.code] == ["13"]
    assert [r[3] for r in rows if r[1] == "60+"] == ["1"]
    assert [r[2] for r in rows if r[1] == "2026-03-10"] == ["10/03/2026"]


# ------------------------------------------------------------------ privacy


def test_no_page_or_file_names_a_participant(
    consultation: Consultation, handler: User, crowd: list[User]
) -> None:
    # given
    person = crowd[-1]
    pages = [
        logged_in(handler).get(manage_url(consultation)),
        logged_in(handler).get(manage_url(consultation, csv_export=True)),
        Client().get(public_url(consultation)),
        Client().get(public_url(consultation, csv_export=True)),
    ]
    # then
    for response in pages:
        content = response.content.decode()
        assert response.status_code == 200
        for secret in (DISTINCT_NAME, DISTINCT_USERNAME, person.email, DISTINCT_PHONE):
            assert secret not in content


def test_the_public_summary_hides_small_counts_and_the_one_that_would_give_them_away(
    consultation: Consultation, crowd: list[User], commune: Unit, ward: Unit
) -> None:
    # when: 13 people: 12 born 1990 (30–44) and 1 born 1950 (60+); 9 + 4 by commune
    response = Client().get(public_url(consultation))
    rows = csv_rows(Client().get(public_url(consultation, csv_export=True)).content)
    # then: the lone 60+ reads "< 5", and 30–44 (12) "≥ 5", else 13 - 12 = 1 would show
    html = response.content.decode()
    figures = {r[1]: r[3] for r in rows[1:]}
    assert figures["60+"] == "< 5"
    assert figures["30-44"] == "≥ 5"
    assert figures["18-29"] == "0"
    assert figures["total"] == "13"
    assert "&lt; 5" in html
    assert "≥ 5" in html
    assert re.search(r"60[^<]*</th>\s*<td[^>]*>&lt; 5</td>", html)


@override_settings(CONSULTATIONS_DASHBOARD_MIN_COUNT=20)
def test_the_threshold_is_a_setting_and_hides_the_total_too(
    consultation: Consultation, crowd: list[User]
) -> None:
    rows = csv_rows(Client().get(public_url(consultation, csv_export=True)).content)
    assert {r[1]: r[3] for r in rows[1:]}["total"] == "< 20"


def test_the_public_summary_links_to_the_exact_figures_only_for_the_agency(
    consultation: Consultation, handler: User, crowd: list[User]
) -> None:
    assert (
        manage_url(consultation)
        in logged_in(handler).get(public_url(consultation)).content.decode()
    )
    assert manage_url(consultation) not in Client().get(public_url(consultation)).content.decode()


# ------------------------------------------------------------------ access


@pytest.mark.parametrize("who", ["other_unit_staff", "citizen", "anonymous"])
@pytest.mark.parametrize("csv_export", [False, True])
def test_the_agency_page_and_csv_are_404_for_everyone_else(
    consultation: Consultation, outsider: User, citizen: User, who: str, csv_export: bool
) -> None:
    # given
    visitors = {"other_unit_staff": outsider, "citizen": citizen, "anonymous": None}
    visitor = visitors[who]
    client = Client() if visitor is None else logged_in(visitor)
    # when
    found = client.get(manage_url(consultation, csv_export=csv_export))
    missing = client.get(
        reverse("consultations:dashboard_manage", kwargs={"slug": "khong-co-that"})
    )
    # then: the same answer as for a consultation that does not exist
    assert found.status_code == missing.status_code == 404


@pytest.mark.parametrize("csv_export", [False, True])
def test_the_public_summary_is_404_while_the_consultation_is_a_draft(
    agency: Unit, handler: User, citizen: User, frozen: time_machine.Traveller, csv_export: bool
) -> None:
    # given: one being prepared, one opened but waiting for its first day
    draft = make_consultation(agency, slug="ban-nhap", status=Consultation.Status.DRAFT)
    later = make_consultation(agency, slug="sap-mo", opens_at=NOW + dt.timedelta(days=1))
    # when / then: for everyone, the agency included (it has its own page)
    for client in (Client(), logged_in(citizen), logged_in(handler)):
        for consultation in (draft, later):
            assert client.get(public_url(consultation, csv_export=csv_export)).status_code == 404
    assert logged_in(handler).get(manage_url(draft)).status_code == 200


def test_the_public_summary_stays_after_closing_and_is_open_to_anonymous_visitors(
    agency: Unit, frozen: time_machine.Traveller
) -> None:
    closed = make_consultation(
        agency,
        slug="da-dong",
        opens_at=NOW - dt.timedelta(days=30),
        closes_at=NOW - dt.timedelta(days=2),
    )
    assert Client().get(public_url(closed)).status_code == 200


def test_a_staff_only_consultation_has_no_public_summary_for_citizens(
    agency: Unit, citizen: User, handler: User, frozen: time_machine.Traveller
) -> None:
    internal = make_consultation(agency, slug="noi-bo", audience=Consultation.Audience.STAFF)
    assert logged_in(citizen).get(public_url(internal)).status_code == 404
    assert logged_in(handler).get(public_url(internal)).status_code == 200


def test_pages_answer_get_only(consultation: Consultation, handler: User) -> None:
    assert logged_in(handler).post(manage_url(consultation)).status_code == 405


# ------------------------------------------------------------------ links from other pages


def test_the_manage_page_and_the_tallies_page_link_to_the_dashboard(
    consultation: Consultation, handler: User
) -> None:
    client = logged_in(handler)
    detail = client.get(
        reverse("consultations:drafts_manage_detail", kwargs={"slug": consultation.slug})
    )
    tallies = Client().get(reverse("consultations:participation_tallies", args=[consultation.slug]))
    assert manage_url(consultation) in detail.content.decode()
    assert public_url(consultation) in tallies.content.decode()


def test_the_page_costs_the_same_queries_with_one_or_forty_participants(
    consultation: Consultation, handler: User, commune: Unit, ward: Unit
) -> None:
    # given
    client = logged_in(handler)
    participants_note(
        consultation=consultation,
        participant=resident("mot", "Một", birth_year=1990, home=commune),
        now=NOW,
    )
    with CaptureQueriesContext(connection) as one:
        client.get(manage_url(consultation))
    people = [
        resident(f"bon{n}", f"Bốn {n}", birth_year=1940 + n, home=(commune, ward)[n % 2])
        for n in range(39)
    ]
    participants_note_many(
        consultation_id=consultation.pk, entries=[(p.pk, "web") for p in people], now=NOW
    )
    # when
    with CaptureQueriesContext(connection) as forty:
        client.get(manage_url(consultation))
    # then: the counts are read, never the participant rows
    assert len(forty.captured_queries) == len(one.captured_queries)
    assert not any("consultationparticipant" in q["sql"] for q in forty.captured_queries)
