"""The agency panel on the staff home page (registered by ``agencies_register_panel``)."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.template.loader import render_to_string

from danvan.core.dashboard import panels_for_role
from danvan.democracy.services import agencies as services
from danvan.democracy.tests.agencies.conftest import Agencies
from danvan.democracy.views.agencies import agencies_panel_context, agencies_register_panel
from danvan.units.models import RoleAssignment, User

pytestmark = pytest.mark.django_db
TODAY = dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC)


def panel_request(user: User, unit_role: RoleAssignment | None) -> SimpleNamespace:
    return SimpleNamespace(user=user, active_role=unit_role)


def test_the_panel_is_registered_for_agency_managers() -> None:
    agencies_register_panel()
    for role in ("head", "handler", "administrator"):
        assert "democracy_agencies" in [p.key for p in panels_for_role(role)]
    assert "democracy_agencies" not in [p.key for p in panels_for_role("citizen")]


@time_machine.travel(TODAY, tick=False)
def test_the_panel_shows_the_missing_conference_and_what_awaits(agencies: Agencies) -> None:
    # given the head of the department, no 2025 conference, one matter awaiting a vote
    services.matter_propose(
        actor=agencies.head,
        agency=agencies.agency,
        item="other",
        title="Tổ chức tham quan",
        proposer="head",
        staff_at_proposal=30,
        proposed_on=dt.date(2026, 11, 1),
    )
    role = RoleAssignment.objects.get(user=agencies.head)
    # when the panel is computed and drawn
    context = agencies_panel_context(panel_request(agencies.head, role))  # type: ignore[arg-type]
    html = render_to_string("democracy/agencies/panel.html", context)
    # then it shows the missing 2025 conference and the matter awaiting the vote
    assert context["agency"] == agencies.agency
    assert context["year"].state == "missing"
    assert context["open_matters"] == 1
    assert "31/03/2026" in html


def test_the_panel_is_empty_elsewhere(agencies: Agencies) -> None:
    # given a citizen without a role, a commune officer acting for a village, and a role in
    # an agency given to someone the rules no longer let manage it (an inactive account)
    assert agencies_panel_context(panel_request(agencies.citizen, None)) == {"agency": None}  # type: ignore[arg-type]
    village_role = RoleAssignment(unit=agencies.province, role="handler")
    assert agencies_panel_context(panel_request(agencies.head, village_role)) == {"agency": None}  # type: ignore[arg-type]
    role = RoleAssignment.objects.get(user=agencies.head)
    outsider = RoleAssignment(unit=agencies.other_agency, role="head")
    assert agencies_panel_context(panel_request(agencies.head, outsider)) == {"agency": None}  # type: ignore[arg-type]
    assert role.unit == agencies.agency
    # and nothing is drawn
    assert render_to_string("democracy/agencies/panel.html", {"agency": None}).strip() == ""
