"""The duplicate review page and its POSTs: who may see and do what."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils.translation import ngettext

from danvan.petitions.models import Case
from danvan.petitions.models.duplicates import DuplicateSuggestion
from danvan.petitions.selectors.duplicates import duplicate_panel_for_case
from danvan.petitions.services import duplicates as services
from danvan.petitions.tests.duplicates import letters
from danvan.petitions.tests.duplicates.conftest import HUNG, Receive
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db


def _url(name: str, case: Case, **kwargs: object) -> str:
    return reverse(f"petitions:{name}", kwargs={"code": case.tracking_code, **kwargs})


def _login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def pair(receive: Receive, commune_committee: Unit) -> tuple[Case, Case, DuplicateSuggestion]:
    first = receive(commune_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG)
    second = receive(commune_committee)
    [suggestion] = services.duplicate_suggestions_refresh(case=second)
    return first, second, suggestion


def test_review_page_lists_the_suggestion_with_score_and_reason(
    client: Client, handler: User, pair: tuple[Case, Case, DuplicateSuggestion]
) -> None:
    first, second, suggestion = pair
    response = _login(client, handler).get(_url("duplicates_review", second))
    assert response.status_code == 200
    html = response.content.decode()
    assert first.display_code in html
    assert "Lê Văn Hùng" in html  # the handler may see the other case of the unit
    assert f"{round(suggestion.score * 100)}%" in html
    assert str(DuplicateSuggestion.Reason.SAME_CONTENT_MANY_PEOPLE.label) in html
    assert _url("duplicates_merge", second, pk=suggestion.pk) in html
    assert _url("duplicates_dismiss", second, pk=suggestion.pk) in html
    # the earlier case's page shows the later case that may repeat it
    html = client.get(_url("duplicates_review", first)).content.decode()
    assert second.display_code in html


def test_other_units_anonymous_visitors_and_non_handlers_get_nothing(
    client: Client,
    other_handler: User,
    reception_officer: User,
    pair: tuple[Case, Case, DuplicateSuggestion],
) -> None:
    _, second, suggestion = pair
    urls = [
        ("get", _url("duplicates_review", second)),
        ("post", _url("duplicates_scan", second)),
        ("post", _url("duplicates_merge", second, pk=suggestion.pk)),
        ("post", _url("duplicates_dismiss", second, pk=suggestion.pk)),
        ("post", _url("duplicates_unmerge", second)),
    ]
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 302  # to the login page
    for user in (other_handler, reception_officer):
        _login(client, user)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 404, (user, url)
    # unknown codes and suggestions of another case are 404 too
    _login(client, other_handler)
    assert client.get(reverse("petitions:duplicates_review", args=["DV-0000"])).status_code == 404


def test_scan_and_writes_are_post_only(
    client: Client, handler: User, pair: tuple[Case, Case, DuplicateSuggestion]
) -> None:
    _, second, suggestion = pair
    _login(client, handler)
    assert client.get(_url("duplicates_scan", second)).status_code == 405
    assert client.get(_url("duplicates_merge", second, pk=suggestion.pk)).status_code == 405
    assert client.post(_url("duplicates_review", second)).status_code == 405


def test_scan_button_finds_new_suggestions(
    client: Client, handler: User, receive: Receive, commune_committee: Unit
) -> None:
    first = receive(commune_committee)
    second = receive(commune_committee, content=letters.ROAD_REORDERED)
    DuplicateSuggestion.objects.all().delete()
    response = _login(client, handler).post(_url("duplicates_scan", second), follow=True)
    assert response.status_code == 200
    assert DuplicateSuggestion.objects.get(case=second).candidate == first
    [message] = list(response.context["messages"])
    assert str(message) == ngettext(
        "Scan finished: %(count)d suggestion to review.",
        "Scan finished: %(count)d suggestions to review.",
        1,
    ) % {"count": 1}


def test_confirm_merges_and_the_page_shows_where_it_went(
    client: Client, handler: User, pair: tuple[Case, Case, DuplicateSuggestion]
) -> None:
    first, second, suggestion = pair
    response = _login(client, handler).post(
        _url("duplicates_merge", second, pk=suggestion.pk), follow=True
    )
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.merged_into == first
    html = response.content.decode()
    assert first.display_code in html
    assert _url("duplicates_scan", second) not in html  # merged cases are not scanned
    # a case merged into a merged case shows both steps of the chain
    third = Case.objects.create(
        **{
            f.name: getattr(second, f.name)
            for f in Case._meta.concrete_fields
            if f.name not in {"id", "tracking_code", "idempotency_key", "merged_into"}
        },
        tracking_code="DV0000000003",
    )
    Case.objects.filter(pk=third.pk).update(status=Case.Status.MERGED, merged_into=second)
    html = client.get(_url("duplicates_review", third)).content.decode()
    assert second.display_code in html
    assert first.display_code in html
    # the surviving case's page lists the merged case, its history and its sender
    html = client.get(_url("duplicates_review", first)).content.decode()
    assert second.display_code in html
    assert "Trần Thị Bình" in html
    # confirming again explains that it was already decided
    response = client.post(_url("duplicates_merge", second, pk=suggestion.pk), follow=True)
    assert response.status_code == 200
    [message] = list(response.context["messages"])
    assert message.level_tag == "error"


def test_merge_into_a_case_of_another_unit_needs_rights_there(
    client: Client,
    handler: User,
    receive: Receive,
    commune_committee: Unit,
    other_committee: Unit,
) -> None:
    # given a suggestion whose candidate belongs to another commune
    other = receive(other_committee, content=letters.ROAD_OTHER_PERSON, petitioner=HUNG)
    mine = receive(commune_committee)
    [suggestion] = services.duplicate_suggestions_refresh(case=mine)
    _login(client, handler)
    # then the page shows that unit, the kind and status, but not the code or the sender
    html = client.get(_url("duplicates_review", mine)).content.decode()
    assert other_committee.name in html
    assert other.display_code not in html
    assert "Lê Văn Hùng" not in html
    assert _url("duplicates_merge", mine, pk=suggestion.pk) not in html
    # and a forged merge is a 404
    assert client.post(_url("duplicates_merge", mine, pk=suggestion.pk)).status_code == 404
    assert Case.objects.get(pk=mine.pk).merged_into is None


def test_dismiss_keeps_the_note_and_a_too_long_note_is_shown_again(
    client: Client, handler: User, pair: tuple[Case, Case, DuplicateSuggestion]
) -> None:
    _, second, suggestion = pair
    _login(client, handler)
    url = _url("duplicates_dismiss", second, pk=suggestion.pk)
    typed = "Khác đoạn đường " * 40
    response = client.post(url, {"note": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert typed.strip()[:60] in html
    assert 'class="errorlist' in html
    response = client.post(url, {"note": "Khác đoạn đường"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == DuplicateSuggestion.Status.DISMISSED
    assert suggestion.decision_note == "Khác đoạn đường"
    html = client.get(_url("duplicates_review", second)).content.decode()
    assert "Khác đoạn đường" in html
    assert client.post(url).status_code == 302  # already decided: a message, no change


def test_the_head_undoes_a_merge_and_handlers_cannot(
    client: Client,
    handler: User,
    head: User,
    pair: tuple[Case, Case, DuplicateSuggestion],
) -> None:
    first, second, suggestion = pair
    services.duplicate_suggestion_confirm(suggestion=suggestion, actor=handler)
    url = _url("duplicates_unmerge", second)
    # a handler does not see the form, and a forged POST is a 404
    html = _login(client, handler).get(_url("duplicates_review", second)).content.decode()
    assert url not in html
    assert client.post(url, {"reason": "Nhầm"}).status_code == 404
    # the head must give a reason
    _login(client, head)
    assert url in client.get(_url("duplicates_review", second)).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    response = client.post(url, {"reason": "Hai đoạn đường khác nhau"})
    assert response.status_code == 302
    assert response["Location"] == _url("duplicates_review", first)
    second.refresh_from_db()
    assert second.status == Case.Status.RECEIVED
    # a case that is not merged has nothing to undo
    assert client.post(url, {"reason": "Lần nữa"}).status_code == 404


def test_denunciation_suggestions_show_codes_only(
    client: Client, handler: User, receive: Receive, commune_committee: Unit
) -> None:
    kwargs = {"kind": Case.Kind.DENUNCIATION, "petitioner": None}
    first = receive(commune_committee, subject="Cán bộ địa chính nhận tiền", **kwargs)
    second = receive(commune_committee, subject="Tố cáo cán bộ địa chính", **kwargs)
    for case in (first, second):
        Case.objects.filter(pk=case.pk).update(search_text=letters.LAND)
        case.refresh_from_db()
    services.duplicate_suggestions_refresh(case=first)
    [suggestion] = services.duplicate_suggestions_refresh(case=second)
    assert suggestion.reason == DuplicateSuggestion.Reason.SIMILAR_SEALED
    html = _login(client, handler).get(_url("duplicates_review", second)).content.decode()
    assert first.display_code in html
    assert "Cán bộ địa chính nhận tiền" not in html
    assert "Tố cáo cán bộ địa chính" not in html  # not even the case's own subject


def test_handler_case_panel(
    handler: User,
    receive: Receive,
    commune_committee: Unit,
    provincial_committee: Unit,
    provincial_handler: User,
) -> None:
    lower = receive(commune_committee)
    higher = receive(provincial_committee)
    services.duplicate_suggestions_refresh(case=higher)
    extra = receive(provincial_committee, content=letters.ROAD_ONE_WORD)
    services.case_merge(duplicate=extra, into=higher, actor=handler)
    higher.refresh_from_db()
    panel = duplicate_panel_for_case(case=higher, user=provincial_handler)
    assert panel.pending == 1
    assert panel.merged_count == 1
    assert panel.merged_people == 1
    html = render_to_string("petitions/duplicates/_case_panel.html", {"dup_panel": panel})
    assert "over" in html.lower() or "vượt cấp" in html.lower()
    assert lower.display_code not in html  # the province handler may not open it
    assert commune_committee.name in html
    extra.refresh_from_db()
    merged_panel = duplicate_panel_for_case(case=extra, user=provincial_handler)
    html = render_to_string("petitions/duplicates/_case_panel.html", {"dup_panel": merged_panel})
    assert higher.display_code in html
