"""The statistics page is cached, and a registration, a removal or a recognition shows on
it at once (the cache is invalidated by the rows' saves), in each language separately."""

import datetime as dt

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.emulation.models import Exemplar, Level
from danvan.emulation.selectors.statistics import cached_scope_statistics
from danvan.emulation.tests.conftest import make_exemplar
from danvan.emulation.tests.statistics.conftest import Registry, recognise

INDEX = reverse("emulation:statistics_index")


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_a_new_model_and_a_recognition_show_at_once(registry: Registry, client: Client) -> None:
    world = registry.world
    # given the province's page, read once (and so cached)
    first = client.get(INDEX, {"province": world.province.code, "year": "2026"})
    new_before = first.context["stats"].current.new
    # when the same page is read again, then no figure is counted again
    again = cached_scope_statistics(world.province, 2026)
    assert again.current.new == new_before
    # when the commune registers a model and another is recognised
    exemplar = make_exemplar(world.commune_committee, title="Mô hình mới", year=2026)
    recognise(exemplar, Level.COMMUNE, 2026, world.commune_party, outstanding=False)
    # then the page counts them at once
    after = client.get(INDEX, {"province": world.province.code, "year": "2026"})
    assert after.context["stats"].current.new == new_before + 1
    assert (
        after.context["stats"].current.recognised == first.context["stats"].current.recognised + 1
    )


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_each_language_has_its_own_entry(registry: Registry) -> None:
    province = registry.world.province
    with translation.override("en"):
        english = cached_scope_statistics(province, 2026)
    with translation.override("vi"):
        vietnamese = cached_scope_statistics(province, 2026)
    assert english.by_field[0].label == "Economy"
    assert vietnamese.by_field[0].label != "Economy"


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_a_removal_shows_at_once(registry: Registry) -> None:
    province = registry.world.province
    before = cached_scope_statistics(province, 2026).current.removed
    exemplar = Exemplar.objects.filter(status=Exemplar.Status.REGISTERED, year=2026).first()
    assert exemplar is not None
    exemplar.status = Exemplar.Status.REMOVED
    exemplar.removed_on = dt.date(2026, 11, 19)
    exemplar.removed_reason = "Không hiệu quả."
    exemplar.save()
    assert cached_scope_statistics(province, 2026).current.removed == before + 1
