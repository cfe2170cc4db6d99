"""The evaluation pages (Vietnamese, the default language): criteria, the year's round,
evaluate, recognise, remove, the batch recognition; access (the same 404 for another
commune's staff and a missing model), bad input kept on the form, retries."""

from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.emulation.models import Criterion, Evaluation, Exemplar, Recognition
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.emulation.tests.evaluation.helpers import make_criteria
from danvan.units.models import User

pytestmark = pytest.mark.django_db

MODEL_PAGES = ("evaluation_evaluate", "evaluation_recognise", "evaluation_remove")


@pytest.fixture(autouse=True)
def _december() -> Iterator[None]:
    with time_machine.travel("2026-12-15 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def criteria(db: None) -> list[Criterion]:
    return make_criteria()


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def scores(criteria: list[Criterion], *values: int, **extra: str) -> dict[str, str]:
    data = {f"c_{c.pk}": str(v) for c, v in zip(criteria, values, strict=False)}
    data.update(extra)
    return data


def evaluate_url(exemplar: Exemplar) -> str:
    return reverse("emulation:evaluation_evaluate", args=[exemplar.pk]) + "?year=2026"


def recognise_data(**overrides: str) -> dict[str, str]:
    data = {
        "level": "provincial",
        "year": "2026",
        "decision_number": "125-QĐ/BDVTU",
        "decision_date": "2026-12-10",
    }
    data.update(overrides)
    return data


def test_the_criteria_page_says_they_are_configurable_defaults(
    world: World, criteria: list[Criterion]
) -> None:
    # when a commune's committee officer opens the criteria page
    response = signed_in(world.commune_commission).get(reverse("emulation:evaluation_criteria"))
    # then they see the criteria and the note, but no form to change them
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mục tiêu" in html
    assert "70" in html
    assert 'name="code"' not in html
    # and a post is refused
    response = signed_in(world.commune_commission).post(
        reverse("emulation:evaluation_criteria"), {"code": "x", "name": "x", "max_points": "5"}
    )
    assert response.status_code == 403
    # a citizen may not see them at all
    assert signed_in(world.citizen).get(reverse("emulation:evaluation_criteria")).status_code == 403


def test_the_province_adds_edits_retires_and_orders_criteria(
    world: World, criteria: list[Criterion]
) -> None:
    client = signed_in(world.provincial_officer)
    url = reverse("emulation:evaluation_criteria")
    data = {"code": "moi", "name": "Tiêu chí mới", "max_points": "5", "applies_to": "both"}
    assert client.post(url, data).status_code == 302
    # a duplicate code is refused with what was typed kept
    response = client.post(url, {**data, "name": "Trùng mã"})
    assert response.status_code == 200
    assert 'value="Trùng mã"' in response.content.decode()
    assert Criterion.objects.count() == 4
    added = Criterion.objects.get(code="moi")
    edit = reverse("emulation:evaluation_criterion_edit", args=[added.pk])
    client.post(edit, {**data, "max_points": "0"})  # below the minimum: refused
    added.refresh_from_db()
    assert added.max_points == 5
    client.post(edit, {**data, "max_points": "15"})
    added.refresh_from_db()
    assert added.max_points == 15
    client.post(reverse("emulation:evaluation_criterion_state", args=[added.pk]), {"active": "0"})
    client.post(
        reverse("emulation:evaluation_criterion_move", args=[added.pk]), {"direction": "up"}
    )
    added.refresh_from_db()
    assert not added.is_active
    assert added.position == 3


def test_the_year_page_lists_and_counts(world: World, criteria: list[Criterion]) -> None:
    make_exemplar(world.commune_committee, title="Mô hình A")
    make_exemplar(world.other_committee, title="Mô hình B")
    response = signed_in(world.commune_commission).get(
        reverse("emulation:evaluation_year", args=[2026])
    )
    html = response.content.decode()
    assert "Mô hình A" in html
    assert "Mô hình B" not in html
    assert 'data-count="to_evaluate">1<' in html
    index = signed_in(world.commune_commission).get(reverse("emulation:evaluation_index"))
    assert index["Location"] == reverse("emulation:evaluation_year", args=[2026])
    assert (
        signed_in(world.commune_head)
        .get(reverse("emulation:evaluation_year", args=[2026]))
        .status_code
        == 403
    )


def test_evaluate_then_recognise_through_the_pages(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    client = signed_in(world.provincial_officer)
    page = client.get(evaluate_url(exemplar))
    assert f'name="c_{criteria[0].pk}"' in page.content.decode()
    assert f'name="c_{criteria[2].pk}"' not in page.content.decode()  # examples only
    response = client.post(evaluate_url(exemplar), scores(criteria, 9, 8, remarks="Tốt"))
    assert response.status_code == 302
    # a retry (second click) does not duplicate and shows the evaluation
    again = client.post(evaluate_url(exemplar), scores(criteria, 1, 1))
    assert again.status_code == 200
    assert "17" in again.content.decode()
    assert Evaluation.objects.get().total_points == 17
    url = reverse("emulation:evaluation_recognise", args=[exemplar.pk])
    assert client.post(url, recognise_data(is_outstanding="on")).status_code == 302
    assert client.post(url, recognise_data(is_outstanding="on")).status_code == 302
    assert Recognition.objects.count() == 1
    exemplar.refresh_from_db()
    assert exemplar.status == "recognised"
    assert exemplar.is_outstanding


def test_bad_points_keep_what_was_typed(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    client = signed_in(world.provincial_officer)
    response = client.post(evaluate_url(exemplar), scores(criteria, 11, 8, remarks="Ghi chú"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "Ghi chú" in html
    assert 'value="8"' in html
    assert not Evaluation.objects.exists()
    # overriding the suggestion without a reason is refused on the form
    response = client.post(evaluate_url(exemplar), scores(criteria, 9, 9, verdict="ineffective"))
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_commune_committee_cannot_recognise_at_provincial_level(
    world: World, criteria: list[Criterion]
) -> None:
    exemplar = make_exemplar(world.commune_committee)
    client = signed_in(world.commune_commission)
    client.post(evaluate_url(exemplar), scores(criteria, 9, 9))
    url = reverse("emulation:evaluation_recognise", args=[exemplar.pk])
    response = client.post(url, recognise_data())
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert 'value="125-QĐ/BDVTU"' in response.content.decode()
    assert not Recognition.objects.exists()
    assert client.post(url, recognise_data(level="commune")).status_code == 302
    assert Recognition.objects.get().issuer == world.commune_party


def test_removal_needs_a_reason(world: World, criteria: list[Criterion]) -> None:
    exemplar = make_exemplar(world.commune_committee)
    client = signed_in(world.provincial_officer)
    url = reverse("emulation:evaluation_remove", args=[exemplar.pk])
    response = client.post(url, {"reason": "", "removed_on": "2026-12-15"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    response = client.post(url, {"reason": "Không hiệu quả", "removed_on": "2026-12-15"})
    assert response.status_code == 302
    exemplar.refresh_from_db()
    assert exemplar.status == "removed"
    assert exemplar.removed_reason == "Không hiệu quả"
    # a removed model can no longer be evaluated
    client.post(evaluate_url(exemplar), scores(criteria, 9, 9))
    assert not Evaluation.objects.exists()


def test_batch_recognition_on_the_year_page(world: World, criteria: list[Criterion]) -> None:
    a = make_exemplar(world.commune_committee, title="Mô hình A")
    b = make_exemplar(world.other_committee, title="Mô hình B")
    client = signed_in(world.provincial_officer)
    for exemplar in (a, b):
        client.post(evaluate_url(exemplar), scores(criteria, 9, 9))
    url = reverse("emulation:evaluation_year", args=[2026])
    data = {
        "level": "provincial",
        "decision_number": "200-QĐ/BDVTU",
        "decision_date": "2026-12-12",
        "exemplars": [str(a.pk), str(b.pk)],
    }
    assert client.post(url, data).status_code == 302
    assert Recognition.objects.filter(decision_number="200-QĐ/BDVTU").count() == 2
    # without a model chosen: refused, nothing written
    response = client.post(url, {**data, "exemplars": [], "decision_number": "201"})
    assert response.status_code == 200
    assert not Recognition.objects.filter(decision_number="201").exists()


@pytest.mark.parametrize("name", MODEL_PAGES)
def test_other_communes_staff_get_the_same_404_as_for_a_missing_model(
    world: World, name: str
) -> None:
    exemplar = make_exemplar(world.commune_committee)
    for user in (world.other_head, world.commune_head, world.citizen):
        client = signed_in(user)
        assert client.get(reverse(f"emulation:{name}", args=[exemplar.pk])).status_code == 404
    missing = signed_in(world.provincial_officer).get(reverse(f"emulation:{name}", args=[99999]))
    assert missing.status_code == 404
    # a commune's committee cannot act on another commune's models either
    other = make_exemplar(world.other_committee)
    client = signed_in(world.commune_commission)
    assert client.get(reverse(f"emulation:{name}", args=[other.pk])).status_code == 404


def test_the_dashboard_panel_counts_for_committees(world: World, criteria: list[Criterion]) -> None:
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from danvan.emulation.panels import evaluation_context

    # given two models, one evaluated effective and not yet recognised
    a = make_exemplar(world.commune_committee, title="Mô hình A")
    make_exemplar(world.commune_committee, title="Mô hình B")
    signed_in(world.provincial_officer).post(evaluate_url(a), scores(criteria, 9, 9))
    request = RequestFactory().get("/")
    request.user = world.provincial_officer
    # when the panel's context is built / then it counts one of each
    context = evaluation_context(request)
    assert context["counts"]["to_evaluate"] == 1
    assert context["counts"]["effective_unrecognised"] == 1
    html = render_to_string("emulation/evaluation/panel.html", context)
    assert reverse("emulation:evaluation_year", args=[2026]) in html
    # and a person with no committee gets no panel
    request.user = world.commune_head
    assert evaluation_context(request) == {"show": False}


def test_the_evaluate_page_states_the_configurable_pass_mark(
    world: World, criteria: list[Criterion]
) -> None:
    from django.test import override_settings

    exemplar = make_exemplar(world.commune_committee)
    # given a province that set its pass mark to 65 per cent
    with override_settings(DANVAN={"EMULATION_PASS_PERCENT": 65}):
        html = signed_in(world.provincial_officer).get(evaluate_url(exemplar)).content.decode()
    # then the page says so and the live total script gets it
    assert 'data-pass-percent="65"' in html
    assert "EMULATION_PASS_PERCENT" in html
    assert f'data-max-points="{criteria[0].max_points}"' in html


def test_only_the_province_or_the_country_changes_criteria(
    world: World, criteria: list[Criterion]
) -> None:
    # given the commune's committee officer, who may read the criteria
    client = signed_in(world.commune_commission)
    target = criteria[0]
    # when they try to retire, move or edit one / then each is refused and nothing changes
    state = reverse("emulation:evaluation_criterion_state", args=[target.pk])
    move = reverse("emulation:evaluation_criterion_move", args=[target.pk])
    edit = reverse("emulation:evaluation_criterion_edit", args=[target.pk])
    assert client.post(state, {"active": "0"}).status_code == 403
    assert client.post(move, {"direction": "down"}).status_code == 403
    assert client.get(edit).status_code == 403
    target.refresh_from_db()
    assert target.is_active
    assert target.position == 1
