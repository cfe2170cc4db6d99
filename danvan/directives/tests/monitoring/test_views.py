"""The monitoring pages, CSV and letters through HTTP: figures, charts, and who sees what."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from danvan.directives.models import UrgingLetter
from danvan.directives.services.monitoring import urging_letters_generate
from danvan.directives.tests.monitoring.conftest import Seed
from danvan.directives.tests.monitoring.test_letters import docx_text
from danvan.units.models import User

pytestmark = pytest.mark.django_db

DASHBOARD = "/chi-dao/theo-doi/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def letter_for_all(seed: Seed, *, per_unit: bool = False) -> list[UrgingLetter]:
    return urging_letters_generate(
        directive=seed.directive,
        actor=seed.world.commission_officer,
        per_unit=per_unit,
        working_days=5,
        key=f"views-{per_unit}",
    )


# ------------------------------------------------------------------ dashboard


def test_the_commission_sees_charts_tables_and_every_unit(seed: Seed) -> None:
    # when the commission officer opens the dashboard
    response = logged_in(seed.world.commission_officer).get(DASHBOARD)
    html = response.content.decode()
    # then three charts, each with a title and a description, and the tables
    assert response.status_code == 200
    assert reverse("directives:monitoring_dashboard") == DASHBOARD
    assert html.count("<svg") == 3
    assert html.count("<desc") == 3
    assert "Overdue tasks 1" in html or "Nhiệm vụ quá hạn 1" in html
    for committee in seed.world.committees:
        assert committee.name in html
    assert seed.foreign_commune.name not in html
    assert seed.state_directive.title in html  # the per-directive table
    assert seed.draft.title not in html.split("<table")[1]
    # no urging without a directive chosen
    assert "/don-doc/" not in html


def test_with_a_directive_chosen_the_commission_may_urge(seed: Seed) -> None:
    response = logged_in(seed.world.commission_officer).get(
        DASHBOARD, {"directive": seed.directive.pk}
    )
    html = response.content.decode()
    assert f"/chi-dao/theo-doi/chi-dao/{seed.directive.pk}/don-doc/" in html
    assert seed.state_directive.title not in html.split("</form>")[1]


def test_a_commune_officer_sees_their_own_unit_only(seed: Seed) -> None:
    # given the officer of commune 0
    officer = seed.world.commune_officers[0]
    c0, c1, c2 = seed.world.committees
    # when they open the dashboard, even asking for the directive they work on
    response = logged_in(officer).get(DASHBOARD, {"directive": seed.directive.pk})
    html = response.content.decode()
    # then only their unit appears, and they cannot urge
    assert response.status_code == 200
    assert c0.name in html
    assert c1.name not in html
    assert c2.name not in html
    assert "/don-doc/" not in html


def test_a_filter_on_something_not_visible_falls_back_to_everything_visible(seed: Seed) -> None:
    response = logged_in(seed.world.commission_officer).get(
        DASHBOARD, {"directive": seed.foreign.pk, "unit": seed.foreign_commune.pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert seed.foreign_commune.name not in html
    assert seed.world.committees[0].name in html


def test_filters_by_unit_and_period(seed: Seed) -> None:
    c0, c1, _c2 = seed.world.committees
    client = logged_in(seed.world.commission_officer)
    response = client.get(
        DASHBOARD, {"unit": str(c1.pk), "due_from": "2026-03-01", "due_to": "2026-03-31"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert c0.name not in html.split("units-heading")[1]
    # a period that ends before it starts is refused and nothing is filtered
    response = client.get(DASHBOARD, {"due_from": "2026-04-01", "due_to": "2026-03-01"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_the_unit_table_is_paginated(seed: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("danvan.directives.views.monitoring.UNITS_PER_PAGE", 2)
    client = logged_in(seed.world.commission_officer)
    first = client.get(DASHBOARD).content.decode()
    second = client.get(DASHBOARD, {"page": 2}).content.decode()
    assert "page=2" in first
    assert "page=1" in second


def test_people_without_a_staff_role_get_404(seed: Seed) -> None:
    assert logged_in(seed.world.citizen).get(DASHBOARD).status_code == 404
    # Not signed in: sent to sign in first (the page exists for staff)
    assert Client().get(DASHBOARD).status_code == 302
    assert Client().get(DASHBOARD + "csv/").status_code == 302


# ------------------------------------------------------------------ CSV


def test_the_csv_has_the_same_figures_as_the_table(seed: Seed) -> None:
    response = logged_in(seed.world.commission_officer).get(
        DASHBOARD + "csv/", {"directive": seed.directive.pk}
    )
    rows = csv_rows(response.content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows[0]) == 11
    c2 = seed.world.committees[2]
    by_code = {row[1]: row for row in rows[1:]}
    assert by_code[c2.code][2:] == [c2.name, "1", "0", "0", "1", "0", "0", "1", "1"]
    assert rows[-1][3:] == ["2", "1", "3", "2", "1", "1", "3", "1"]


def test_the_csv_of_a_commune_officer_has_their_unit_only(seed: Seed) -> None:
    c0 = seed.world.committees[0]
    response = logged_in(seed.world.commune_officers[0]).get(DASHBOARD + "csv/")
    rows = csv_rows(response.content)
    unit_rows = [row for row in rows[1:] if row[1].startswith("VN-")]
    assert [row[1] for row in unit_rows] == [c0.code]
    assert all(seed.world.committees[1].name not in ",".join(row) for row in rows)


def test_the_csv_lists_directives_when_none_is_chosen(seed: Seed) -> None:
    response = logged_in(seed.world.commission_officer).get(DASHBOARD + "csv/")
    labels = [row[2] for row in csv_rows(response.content)]
    assert seed.directive.title in labels
    assert seed.state_directive.title in labels


# ------------------------------------------------------------------ a unit's page


def test_the_unit_page_lists_late_items(seed: Seed) -> None:
    c1, c2 = seed.world.committees[1], seed.world.committees[2]
    client = logged_in(seed.world.commission_officer)
    html = client.get(reverse("directives:monitoring_unit", kwargs={"pk": c2.pk})).content.decode()
    assert "Tổ chức hội nghị đối thoại với Nhân dân" in html
    assert "Báo cáo quý I năm 2026" in html
    html = client.get(reverse("directives:monitoring_unit", kwargs={"pk": c1.pk})).content.decode()
    assert "12/03/2026" in html  # done late, on 12 March
    assert "Công khai thông tin theo Điều 11" in html


def test_the_unit_page_of_another_unit_is_404(seed: Seed) -> None:
    c0, c1, _c2 = seed.world.committees
    officer = logged_in(seed.world.commune_officers[0])
    assert (
        officer.get(reverse("directives:monitoring_unit", kwargs={"pk": c1.pk})).status_code == 404
    )
    assert (
        officer.get(reverse("directives:monitoring_unit", kwargs={"pk": c0.pk})).status_code == 200
    )
    commission = logged_in(seed.world.commission_officer)
    foreign = reverse("directives:monitoring_unit", kwargs={"pk": seed.foreign_commune.pk})
    assert commission.get(foreign).status_code == 404
    missing = reverse("directives:monitoring_unit", kwargs={"pk": 999999})
    assert commission.get(missing).status_code == 404


def test_a_unit_without_late_items(seed: Seed) -> None:
    html = (
        logged_in(seed.world.commission_officer)
        .get(reverse("directives:monitoring_unit", kwargs={"pk": seed.world.commission.pk}))
        .content.decode()
    )
    assert "errorlist" not in html
    assert "<table" not in html


# ------------------------------------------------------------------ urging from the pages


def urge_url(seed: Seed) -> str:
    return reverse("directives:monitoring_urge", kwargs={"pk": seed.directive.pk})


def test_the_urging_page_previews_and_issues_one_letter(seed: Seed) -> None:
    # given the commission officer on the urging page
    c0, _c1, c2 = seed.world.committees
    client = logged_in(seed.world.commission_officer)
    page = client.get(urge_url(seed))
    html = page.content.decode()
    assert c0.name in html
    assert c2.name in html
    key = re.search(r'name="key" value="([^"]+)"', html)
    assert key is not None
    data = {
        "mode": "one",
        "units": [c0.pk, c2.pk],
        "working_days": "5",
        "signer_name": "Nguyễn Văn Trưởng",
        "signer_title": "Trưởng ban",
        "key": key.group(1),
    }
    # when the form is sent twice (a double click)
    first = client.post(urge_url(seed), data)
    second = client.post(urge_url(seed), data)
    # then one letter exists, and both answers lead to it
    letter = UrgingLetter.objects.get()
    assert first.status_code == 302
    assert first["Location"] == second["Location"] == f"/chi-dao/theo-doi/cong-van/{letter.pk}/"
    text = docx_text(bytes(letter.content))
    assert "Nguyễn Văn Trưởng" in text


def test_one_letter_per_unit_leads_to_the_list(seed: Seed) -> None:
    c0, _c1, c2 = seed.world.committees
    client = logged_in(seed.world.commission_officer)
    response = client.post(
        urge_url(seed),
        {"mode": "per_unit", "units": [c0.pk, c2.pk], "working_days": "3", "key": "abc"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/chi-dao/theo-doi/cong-van/?directive={seed.directive.pk}"
    assert UrgingLetter.objects.count() == 2
    html = client.get(response["Location"]).content.decode()
    assert "01-CV/BTGDVTU" in html
    assert "02-CV/BTGDVTU" in html


def test_a_refused_generation_keeps_what_was_typed(seed: Seed) -> None:
    c1 = seed.world.committees[1]
    client = logged_in(seed.world.commission_officer)
    response = client.post(
        urge_url(seed), {"mode": "one", "units": [c1.pk], "working_days": "70", "key": "x"}
    )
    assert response.status_code == 200
    assert 'value="70"' in response.content.decode()
    assert not UrgingLetter.objects.exists()


def test_the_service_refusal_is_shown(seed: Seed, monkeypatch: pytest.MonkeyPatch) -> None:
    c0 = seed.world.committees[0]
    client = logged_in(seed.world.commission_officer)
    page = client.get(urge_url(seed))
    assert page.status_code == 200
    # the unit caught up between the preview and the sending
    monkeypatch.setattr(
        "danvan.directives.services.monitoring.directive_late_units", lambda **kwargs: []
    )
    response = client.post(
        urge_url(seed), {"mode": "one", "units": [c0.pk], "working_days": "5", "key": "y"}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_nobody_late_means_nothing_to_urge(seed: Seed) -> None:
    response = logged_in(seed.world.commission_officer).get(
        reverse("directives:monitoring_urge", kwargs={"pk": seed.foreign.pk})
    )
    assert response.status_code == 404  # another province's directive
    response = logged_in(seed.province_chair).get(
        reverse("directives:monitoring_urge", kwargs={"pk": seed.draft.pk})
    )
    assert response.status_code == 200
    assert "<form" not in response.content.decode().split("</header>")[1].split("<footer")[0]


def test_a_commune_officer_cannot_urge(seed: Seed) -> None:
    officer = logged_in(seed.world.commune_officers[0])
    assert officer.get(urge_url(seed)).status_code == 404
    assert officer.post(urge_url(seed), {"key": "z"}).status_code == 404


# ------------------------------------------------------------------ letters


def letter_url(letter: UrgingLetter, download: bool = False) -> str:
    name = "monitoring_letter_download" if download else "monitoring_letter"
    return reverse(f"directives:{name}", kwargs={"pk": letter.pk})


def test_a_recipient_sees_only_its_part_of_a_letter_to_several_units(seed: Seed) -> None:
    # given one letter to committees 0 and 2
    (letter,) = letter_for_all(seed)
    _c0, _c1, c2 = seed.world.committees
    officer0, officer1, _officer2 = (logged_in(o) for o in seed.world.commune_officers)
    # when committee 0's officer opens it
    html = officer0.get(letter_url(letter)).content.decode()
    # then they see their own items, not committee 2's, and cannot take the whole file
    assert "Dân vận khéo" in html
    assert "Báo cáo quý I" not in html
    assert c2.name not in html
    assert officer0.get(letter_url(letter, download=True)).status_code == 404
    # and committee 1 (not a recipient) gets 404 for both
    assert officer1.get(letter_url(letter)).status_code == 404
    assert officer1.get(letter_url(letter, download=True)).status_code == 404


def test_a_letter_to_one_unit_is_downloaded_by_that_unit(seed: Seed) -> None:
    letters = letter_for_all(seed, per_unit=True)
    to_c0 = next(
        letter
        for letter in letters
        if seed.world.committees[0].pk in letter.recipients.values_list("pk", flat=True)
    )
    response = logged_in(seed.world.commune_officers[0]).get(letter_url(to_c0, download=True))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="cong-van-don-doc-02-cv-btgdvtu.docx"'
    )
    assert "Dân vận khéo" in docx_text(response.content)


def test_the_commission_sees_and_downloads_the_whole_letter(seed: Seed) -> None:
    (letter,) = letter_for_all(seed)
    client = logged_in(seed.world.commission_officer)
    html = client.get(letter_url(letter)).content.decode()
    assert "Dân vận khéo" in html
    assert "Báo cáo quý I" in html
    assert client.get(letter_url(letter, download=True)).status_code == 200
    assert Client().get(letter_url(letter)).status_code == 302  # to the sign-in page


def test_the_list_of_letters_shows_each_unit_its_own(seed: Seed) -> None:
    letters = letter_for_all(seed, per_unit=True)
    html = (
        logged_in(seed.world.commune_officers[0])
        .get(reverse("directives:monitoring_letters"))
        .content.decode()
    )
    numbers = [letter.number for letter in letters]
    assert "02-CV/BTGDVTU" in html
    assert "01-CV/BTGDVTU" not in html
    commission = logged_in(seed.world.commission_officer)
    html = commission.get(reverse("directives:monitoring_letters")).content.decode()
    assert all(number in html for number in numbers)
    empty = logged_in(seed.world.commune_officers[1]).get(reverse("directives:monitoring_letters"))
    assert empty.status_code == 200
    assert "<table" not in empty.content.decode()


def test_the_labels_of_the_filters_and_the_urging_form_have_no_colon(seed: Seed) -> None:
    # given the commission officer on the dashboard and on the urging page
    client = logged_in(seed.world.commission_officer)
    for page in (DASHBOARD, urge_url(seed)):
        html = client.get(page).content.decode()
        found = re.findall(r"<(?:label|legend)\b[^>]*>(.*?)</(?:label|legend)>", html, flags=re.S)
        labels = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in found]
        # then the labels print as in every other area: no Django ":" suffix
        assert len(labels) > 3
        assert not [label for label in labels if label.rstrip("* ").endswith(":")]
