"""Signing in as the demo cast: the Vietnamese dashboard, the language switch, the unit switcher."""

import pytest
from playwright.sync_api import expect

from danvan.demo import cast, world
from e2e.conftest import Site, vi

WORKING_AS = "You are working as <strong>%(role)s</strong> of <strong>%(unit)s</strong>."

pytestmark = pytest.mark.e2e


def test_commune_head_sees_vietnamese_dashboard_and_switches_language(site: Site) -> None:
    page = site.page
    # when: the chairman of the commune People's Committee signs in
    site.log_in(cast.COMMUNE_HEAD.username)
    site.screenshot("1-vi")
    # then: the dashboard is in Vietnamese, with diacritics intact
    assert page.url == site.url + "/bang-dieu-khien/"
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("main h1")).to_have_text("Bảng điều khiển")
    lead = page.locator("main .lead")
    expect(lead).to_contain_text(vi(WORKING_AS).split("<strong>")[0].strip())
    expect(lead).to_contain_text(world.COMMUNE_COMMITTEE.name)  # "Ủy ban nhân dân xã Khoái Châu"
    expect(page.locator(".logout-form button")).to_have_text(vi("Log out"))

    # when: they switch to English
    site.choose("#lang-select", value="en")
    site.screenshot("2-en")
    # then
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_have_text("Dashboard")
    expect(lead).to_contain_text("You are working as")
    expect(lead).to_contain_text(world.COMMUNE_COMMITTEE.name)  # data stays Vietnamese
    expect(page.locator(".logout-form button")).to_have_text("Log out")
    assert page.url == site.url + "/bang-dieu-khien/"

    # when: and back to Vietnamese
    site.choose("#lang-select", value="vi")
    # then
    expect(page.locator("main h1")).to_have_text("Bảng điều khiển")
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_multi_role_person_switches_the_active_unit(site: Site) -> None:
    page = site.page
    role_select = page.locator("#role-select")
    lead = page.locator("main .lead")
    # given: Lê Thị Hoa holds roles in the Party committee, the Fatherland Front and a village
    site.log_in(cast.MULTI_ROLE.username)
    site.screenshot("1-party-committee")
    expect(role_select.locator("option")).to_have_count(len(cast.MULTI_ROLE.roles))
    # the first role in tree order is active at first
    expect(lead).to_contain_text(world.COMMUNE_PARTY_COMMITTEE.name)
    panels_before = page.locator("main .panels").inner_text()

    # when: she switches to the Fatherland Front committee
    front = world.COMMUNE_FATHERLAND_FRONT.name
    option_label = role_select.locator("option", has_text=front).inner_text().strip()
    site.choose("#role-select", label=option_label)
    site.screenshot("2-fatherland-front")
    # then: the dashboard speaks for that unit, and the choice survives a reload
    expect(lead).to_contain_text(front)
    expect(lead).not_to_contain_text(world.COMMUNE_PARTY_COMMITTEE.name)
    # the panels follow the role (commission staff's work before, the head's work now)
    assert page.locator("main .panels").inner_text() != panels_before
    page.reload()
    expect(lead).to_contain_text(front)
    expect(role_select.locator("option:checked")).to_contain_text(front)
