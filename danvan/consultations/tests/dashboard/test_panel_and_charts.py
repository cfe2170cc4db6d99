"""The staff home panel, the chart geometry, the masking rule and the day range."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.consultations.models import Consultation, Statement
from danvan.consultations.selectors.dashboard import (
    Cell,
    figures_public,
    mask_cells,
    participation_figures,
)
from danvan.consultations.services.dashboard import participants_note
from danvan.consultations.tests.conftest import make_user
from danvan.consultations.tests.dashboard.conftest import NOW, make_consultation, resident
from danvan.consultations.views.dashboard import (
    _nice_ceiling,
    bar_chart,
    column_chart,
    panel_context,
)
from danvan.core.dashboard import panels_for_role
from danvan.units.models import RoleAssignment, Unit, User


def cell(count: int | None, key: str = "k") -> Cell:
    return Cell(key, key, count, "?" if count is None else str(count))


# ------------------------------------------------------------------ the home panel


def panel_request(user: User, role: RoleAssignment | None) -> SimpleNamespace:
    request = RequestFactory().get("/")
    return SimpleNamespace(user=user, active_role=role, GET=request.GET)


def test_the_panel_is_registered_for_the_roles_that_manage_consultations() -> None:
    for role in ("head", "handler", "commission_staff"):
        assert "consultations_dashboard" in [p.key for p in panels_for_role(role)]
    assert "consultations_dashboard" not in [p.key for p in panels_for_role("citizen")]


def test_the_panel_lists_open_consultations_of_the_unit_with_participants_today(
    consultation: Consultation,
    handler: User,
    agency: Unit,
    commune: Unit,
    frozen: time_machine.Traveller,
) -> None:
    # given: two people yesterday, one today; one statement awaiting moderation; a draft
    for n, when in enumerate([NOW - dt.timedelta(days=1)] * 2 + [NOW]):
        person = resident(f"p{n}", f"Người {n}", birth_year=1980, home=commune)
        participants_note(consultation=consultation, participant=person, now=when)
    Statement.objects.create(consultation=consultation, text="Chờ duyệt.")
    make_consultation(agency, slug="ban-nhap", status=Consultation.Status.DRAFT)
    role = RoleAssignment.objects.get(user=handler)
    # when
    context = panel_context(panel_request(handler, role))  # type: ignore[arg-type]
    # then
    assert context["unit"] == agency
    [row] = context["rows"]
    assert (row.slug, row.today, row.total, row.statements_pending) == (
        consultation.slug,
        "1",
        "3",
        1,
    )


def test_the_panel_is_empty_without_a_managing_role(
    consultation: Consultation, agency: Unit
) -> None:
    # given: a citizen role, and a head whose role was given in another unit's name
    citizen = make_user("congdan", "Công Dân", agency, RoleAssignment.Role.CITIZEN)
    role = RoleAssignment.objects.get(user=citizen)
    stranger = make_user("nguoingoai", "Người Ngoài")
    forged = RoleAssignment(user=stranger, unit=agency, role=RoleAssignment.Role.HEAD)
    # then
    assert panel_context(panel_request(citizen, role))["unit"] is None  # type: ignore[arg-type]
    assert panel_context(panel_request(citizen, None))["unit"] is None  # type: ignore[arg-type]
    assert panel_context(panel_request(stranger, forged))["rows"] == []  # type: ignore[arg-type]


def test_the_panel_shows_on_the_staff_home_page(consultation: Consultation, handler: User) -> None:
    client = Client()
    client.force_login(handler)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert reverse("consultations:dashboard_manage", kwargs={"slug": consultation.slug}) in html


# ------------------------------------------------------------------ masking


@pytest.mark.parametrize(
    ("counts", "texts"),
    [
        ([0, 0, 0], ["0", "0", "0"]),  # zero points at nobody
        ([12, 1], ["≥ 5", "< 5"]),  # one hidden: the smallest other one goes too
        ([40, 7, 2], ["40", "≥ 5", "< 5"]),
        ([40, 3, 2], ["40", "< 5", "< 5"]),  # two hidden: their sum alone is known
        ([5, 6], ["5", "6"]),  # the threshold itself is shown
        ([3, 0], ["< 5", "0"]),  # nothing else to hide
    ],
)
def test_mask_cells(counts: list[int], texts: list[str]) -> None:
    cells = [Cell(str(n), str(n), c, str(c), "1 %") for n, c in enumerate(counts)]
    masked = mask_cells(cells, 5)
    assert [c.text for c in masked] == texts
    assert all(c.share == "" for c in masked if c.hidden)


def test_public_figures_drop_today_and_mark_themselves_masked(
    consultation: Consultation,
) -> None:
    figures = participation_figures(consultation=consultation)
    public = figures_public(figures, threshold=5)
    assert figures.today is not None
    assert public.today is None
    assert public.masked
    assert not figures.masked


# ------------------------------------------------------------------ the day range


def test_days_run_from_the_opening_to_today_with_zeros(
    consultation: Consultation, citizen: User
) -> None:
    # given: opened two days ago, one participant today
    participants_note(consultation=consultation, participant=citizen, now=NOW)
    # when
    figures = participation_figures(consultation=consultation, now=NOW)
    # then
    assert [(day, c.count) for day, c in figures.days] == [
        (dt.date(2026, 3, 8), 0),
        (dt.date(2026, 3, 9), 0),
        (dt.date(2026, 3, 10), 1),
    ]


def test_days_stop_at_the_last_day_of_a_closed_window(
    agency: Unit, frozen: time_machine.Traveller
) -> None:
    # given: a window from 1 March to the end of 3 March (closes at 00:00 on 4 March, Vietnam)
    closes = dt.datetime(2026, 3, 3, 17, 0, tzinfo=dt.UTC)
    closed = make_consultation(
        agency,
        slug="da-dong",
        opens_at=dt.datetime(2026, 3, 1, 2, 0, tzinfo=dt.UTC),
        closes_at=closes,
    )
    # when
    days = [day for day, _cell in participation_figures(consultation=closed).days]
    # then
    assert days == [dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 3)]


def test_a_draft_with_nobody_has_no_days(agency: Unit, frozen: time_machine.Traveller) -> None:
    draft = Consultation.objects.create(title="Nháp", slug="nhap", unit=agency)
    assert participation_figures(consultation=draft).days == []


# ------------------------------------------------------------------ charts


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (4999, 5000)]
)
def test_nice_ceiling(value: int, ceiling: int) -> None:
    assert _nice_ceiling(value) == ceiling


def test_column_chart_scales_to_the_largest_day_and_marks_hidden_ones() -> None:
    # given: 30 days, the last one hidden
    cells = [cell(n, f"{n + 1:02d}/03/2026") for n in range(29)] + [cell(None, "30/03/2026")]
    # when
    chart = column_chart(chart_id="c", title="t", cells=cells)
    # then: 28 is under the ceiling 50, the hidden day gets a small mark, labels thinned
    assert [t.text for t in chart.ticks] == ["0", "10", "20", "30", "40", "50"]
    assert float(chart.columns[0].height) == 0.0
    assert chart.columns[-1].hidden
    assert float(chart.columns[-1].height) == 3.0
    assert [d.text for d in chart.days] == [
        "01/03",
        "04/03",
        "07/03",
        "10/03",
        "13/03",
        "16/03",
        "19/03",
        "22/03",
        "25/03",
        "28/03",
    ]
    assert all("," not in c.x for c in chart.columns)


def test_bar_chart_shortens_long_labels_and_keeps_them_whole_for_the_title() -> None:
    long = "Ủy ban nhân dân phường có một cái tên rất dài để thử"
    chart = bar_chart(
        chart_id="b", title="t", cells=[cell(10, long), cell(5, "Ngắn"), cell(None, "Ẩn")]
    )
    assert chart.rows[0].short_label.endswith("…")
    assert len(chart.rows[0].short_label) == 30
    assert chart.rows[0].label == long
    assert float(chart.rows[1].width) == pytest.approx(float(chart.rows[0].width) / 2)
    assert chart.rows[2].hidden
    assert float(chart.rows[2].width) == 3.0
    assert chart.height == 8 + 24 * 3


# ------------------------------------------------------------------ places and labels


def test_places_run_from_the_largest_with_not_declared_last(
    consultation: Consultation, commune: Unit, other_commune: Unit, province: Unit
) -> None:
    # given: two from Hưng Yên, one from Hà Nội, three who did not say
    homes = [commune, commune, other_commune, None, None, None]
    for n, home in enumerate(homes):
        person = resident(f"n{n}", f"Người {n}", birth_year=None, home=home)
        participants_note(consultation=consultation, participant=person, now=NOW)
    # when
    places = participation_figures(consultation=consultation, now=NOW).places
    # then
    assert [(c.key, c.count, c.share) for c in places] == [
        (province.code, 2, "33,3\u00a0%"),
        ("VN-01", 1, "16,7\u00a0%"),
        ("unknown", 3, "50,0\u00a0%"),
    ]
    assert places[-1].label == "Chưa khai báo"


def test_records_and_counts_describe_themselves_without_naming_anyone(
    consultation: Consultation, citizen: User
) -> None:
    from danvan.consultations.models import ConsultationParticipant, ParticipationCount

    participants_note(consultation=consultation, participant=citizen, now=NOW)
    record = ConsultationParticipant.objects.get()
    assert str(record) == f"{consultation.pk}: 2026-03-10 web 30-44"
    assert record.audit_label == f"participant record {record.pk}"
    assert str(ParticipationCount.objects.filter(grain="place").get()).endswith(": 1")
    assert citizen.full_name not in str(record) + record.audit_label
