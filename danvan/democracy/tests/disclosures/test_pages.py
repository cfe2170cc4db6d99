"""The staff pages: who may open them (the same 404 otherwise), and what they do."""

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from danvan.democracy.models import Disclosure, DisclosurePosting
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.disclosures.conftest import Agency, item, on_day, post
from danvan.units.models import User

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
TODAY = dt.date(2026, 9, 15)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def budget(commune: Commune) -> Disclosure:
    return item(commune.commune, commune.handler)


def test_another_communes_officer_a_citizen_and_a_visitor_get_404(
    commune: Commune, budget: Disclosure
) -> None:
    # given the staff pages of Khoái Châu's register
    posting = post(
        budget, commune.handler, posted_from=dt.date(2026, 9, 3), proof_name="a.pdf", proof=PDF
    )
    pk = commune.commune.pk
    urls = [
        reverse("democracy:disclosures_register", kwargs={"pk": pk}),
        reverse("democracy:disclosures_export", kwargs={"pk": pk}),
        reverse("democracy:disclosures_create", kwargs={"pk": pk}),
        reverse("democracy:disclosures_quarter", kwargs={"pk": pk, "quarter": "2026-3"}),
        reverse("democracy:disclosures_quarter_docx", kwargs={"pk": pk, "quarter": "2026-3"}),
        reverse("democracy:disclosures_detail", kwargs={"pk": budget.pk}),
        reverse("democracy:disclosures_edit", kwargs={"pk": budget.pk}),
        reverse("democracy:disclosures_posting_add", kwargs={"pk": budget.pk}),
        reverse("democracy:disclosures_posting_end", kwargs={"pk": posting.pk}),
        reverse("democracy:disclosures_proof", kwargs={"pk": posting.pk}),
    ]
    for client in (client_for(commune.other_handler), client_for(commune.citizen), Client()):
        for url in urls:
            # when they open them, then they get a 404 like for pages that do not exist
            assert client.get(url).status_code == 404, url
    # and the index has nothing for a citizen
    assert (
        client_for(commune.citizen).get(reverse("democracy:disclosures_index")).status_code == 404
    )
    # and missing rows give the same 404 to the commune's own officer
    officer = client_for(commune.handler)
    for name in ("disclosures_register", "disclosures_detail", "disclosures_proof"):
        assert officer.get(reverse(f"democracy:{name}", kwargs={"pk": 999_999})).status_code == 404
    # a village has no register of its own
    village = reverse("democracy:disclosures_register", kwargs={"pk": commune.villages[0].pk})
    assert officer.get(village).status_code == 404
    # and a stranger's posting changes nothing
    client_for(commune.other_handler).post(
        urls[7], {"channel": "office", "posted_from": "2026-09-04"}
    )
    assert DisclosurePosting.objects.count() == 1


def test_the_index_leads_to_the_register_with_flags_and_filters(
    commune: Commune, budget: Disclosure
) -> None:
    # given a budget item due on 9/9 with nothing posted, and a posted one
    posted = item(commune.commune, commune.handler, title="Quyết toán ngân sách năm 2025")
    post(posted, commune.handler, posted_from=dt.date(2026, 9, 4))
    client = client_for(commune.handler)
    with on_day(TODAY):
        # when the officer opens the index
        response = client.get(reverse("democracy:disclosures_index"))
        assert response.status_code == 200  # the commune and its People's Committee
        units = [u.pk for u in response.context["units"]]
        assert units[0] == commune.commune.pk
        register = client.get(reverse("democracy:disclosures_register", kwargs={"pk": units[0]}))
        # then the missing item is highlighted and counted
        assert register.status_code == 200
        html = register.content.decode()
        assert "Dự toán ngân sách xã năm 2027" in html
        assert {k: c for k, _l, c in register.context["counts"]}["missing"] == 1
        # and the filters narrow the list
        url = reverse("democracy:disclosures_register", kwargs={"pk": units[0]})
        only_missing = client.get(url, {"status": "missing"})
        assert [r.disclosure.pk for r in only_missing.context["rows"]] == [budget.pk]
        by_quarter = client.get(url, {"quarter": "2026-4", "category": "commune_02"})
        assert by_quarter.context["rows"] == []
        bad = client.get(url, {"quarter": "Q3"})
        assert len(bad.context["rows"]) == 2  # a bad filter shows everything, with its error
        assert bad.context["form"].errors


def test_an_item_is_added_with_the_computed_deadline(commune: Commune) -> None:
    client = client_for(commune.handler)
    url = reverse("democracy:disclosures_create", kwargs={"pk": commune.commune.pk})
    assert client.get(url).status_code == 200
    # when the officer adds the list of poor households decided on Friday 28/8/2026
    response = client.post(
        url,
        {
            "category": "commune_07",
            "title": "Danh sách hộ nghèo năm 2027",
            "document_number": "88/QĐ-UBND",
            "decided_on": "28/08/2026",
        },
    )
    # then it is due on 9/9 with the law's forms and durations
    created = Disclosure.objects.get()
    assert response.status_code == 302
    assert created.due_on == dt.date(2026, 9, 9)
    assert (created.posting_days, created.loudspeaker_days, created.village_heads) == (30, 3, True)
    assert created.forms == ["a", "b", "c", "d"]
    # when the officer changes the minimum duration and marks it permanent
    edit = reverse("democracy:disclosures_edit", kwargs={"pk": created.pk})
    assert client.get(edit).status_code == 200
    client.post(
        edit,
        {
            "title": "Danh sách hộ nghèo năm 2027",
            "decided_on": "2026-09-03",
            "posting_days": "45",
            "forms_used": ["a", "b"],
        },
    )
    created.refresh_from_db()
    assert created.posting_days == 45
    assert created.forms == ["a", "b"]
    # and the deadline follows the new date: Thu 3/9 → Fri 4, Mon 7, Tue 8, Wed 9, Thu 10/9
    assert created.due_on == dt.date(2026, 9, 10)


def test_bad_input_keeps_what_was_typed(commune: Commune, budget: Disclosure) -> None:
    client = client_for(commune.handler)
    url = reverse("democracy:disclosures_create", kwargs={"pk": commune.commune.pk})
    # when the same item is added twice
    response = client.post(
        url,
        {
            "category": "commune_02",
            "title": budget.title,
            "decided_on": "2026-08-28",
            "document_number": "15/QĐ-UBND",
        },
    )
    # then the page says so and keeps the typed number
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'value="15/QĐ-UBND"' in response.content.decode()
    assert Disclosure.objects.count() == 1
    # and a missing date is said in Vietnamese, the site's language
    response = client.post(url, {"category": "commune_02", "title": "Quyết toán"})
    assert "Trường này là bắt buộc." in response.content.decode()
    assert 'value="Quyết toán"' in response.content.decode()
    # and a category of the agency register is refused on the commune's
    response = client.post(url, {"category": "agency_01", "title": "X", "decided_on": "2026-08-28"})
    assert response.context["form"].errors["category"]


def test_a_posting_with_proof_is_recorded_once_even_if_resent(
    commune: Commune, budget: Disclosure
) -> None:
    client = client_for(commune.handler)
    url = reverse("democracy:disclosures_posting_add", kwargs={"pk": budget.pk})
    with on_day(TODAY):
        form = client.get(url).context["form"]
        token = form.initial["form_token"]
        data = {
            "form_token": token,
            "channel": "village_house",
            "place": "Nhà văn hóa thôn Đông Tảo",
            "posted_from": "2026-09-08",
        }
        # when the officer sends the form with a photo, twice (a double click)
        for _ in range(2):
            upload = SimpleUploadedFile("anh.pdf", PDF, content_type="application/pdf")
            response = client.post(url, {**data, "proof": upload})
            assert response.status_code == 302
        # then one posting is recorded, with its proof and who recorded it
        posting = DisclosurePosting.objects.get()
        assert (posting.place, posting.proof_name, posting.recorded_by) == (
            "Nhà văn hóa thôn Đông Tảo",
            "anh.pdf",
            commune.handler,
        )
        proof = client.get(reverse("democracy:disclosures_proof", kwargs={"pk": posting.pk}))
        assert proof["Content-Type"] == "application/pdf"
        assert proof.content == PDF
        assert proof["Content-Security-Policy"] == "sandbox"
        detail = client.get(reverse("democracy:disclosures_detail", kwargs={"pk": budget.pk}))
        assert "Nhà văn hóa thôn Đông Tảo" in detail.content.decode()
        assert detail.context["state"].status == "on_time"
        # when a file that is not a photo nor a PDF is sent
        bad = client.post(
            url,
            {**data, "form_token": "other", "proof": SimpleUploadedFile("a.exe", b"MZ\x90\x00")},
        )
        # then it is refused, with the place kept
        assert bad.status_code == 200
        assert bad.context["form"].non_field_errors()
        assert "Nhà văn hóa thôn Đông Tảo" in bad.content.decode()
        # and a start in the future is refused too
        bad = client.post(url, {**data, "form_token": "third", "posted_from": "2026-09-20"})
        assert bad.context["form"].non_field_errors()
        assert DisclosurePosting.objects.count() == 1
        # when the end of the posting is recorded
        end = reverse("democracy:disclosures_posting_end", kwargs={"pk": posting.pk})
        assert client.get(end).status_code == 200
        refused = client.post(end, {"posted_to": "2026-09-01"})
        assert refused.context["form"].non_field_errors()
        assert client.post(end, {"posted_to": "2026-09-14"}).status_code == 302
        posting.refresh_from_db()
        assert posting.posted_to == dt.date(2026, 9, 14)


def test_the_csv_export_follows_the_filters(commune: Commune, budget: Disclosure) -> None:
    late = item(commune.commune, commune.handler, title="=Quyết toán ngân sách năm 2025")
    post(late, commune.handler, posted_from=dt.date(2026, 9, 11))
    with on_day(TODAY):
        url = reverse("democracy:disclosures_export", kwargs={"pk": commune.commune.pk})
        response = client_for(commune.handler).get(url, {"status": "late"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert rows[1][1] == "'=Quyết toán ngân sách năm 2025"  # never run as a formula
    assert rows[1][4:7] == ["2026-09-09", "2026-09-11", "5"]


def test_a_change_is_disclosed_again_linked_to_the_item(
    commune: Commune, budget: Disclosure
) -> None:
    client = client_for(commune.handler)
    url = reverse("democracy:disclosures_create", kwargs={"pk": commune.commune.pk})
    # when the officer discloses a change of the budget estimate
    form = client.get(url, {"thay-doi": budget.pk}).context["form"]
    assert form.initial["category"] == "commune_02"
    response = client.post(
        f"{url}?thay-doi={budget.pk}",
        {
            "category": "commune_02",
            "title": "Dự toán ngân sách xã năm 2027 (điều chỉnh)",
            "decided_on": "2026-10-05",
        },
    )
    # then the new item points at the earlier one
    assert response.status_code == 302
    change = Disclosure.objects.exclude(pk=budget.pk).get()
    assert change.previous == budget
    detail = client.get(reverse("democracy:disclosures_detail", kwargs={"pk": budget.pk}))
    assert list(detail.context["redisclosures"]) == [change]
    # and an item of another register cannot be the earlier one, nor a made-up one
    assert client.get(url, {"thay-doi": "abc"}).status_code == 404
    other = item(commune.other_commune, commune.other_handler)
    assert client.get(url, {"thay-doi": other.pk}).status_code == 404


def test_an_agency_keeps_its_own_register(agency: Agency, commune: Commune) -> None:
    client = client_for(agency.officer)
    response = client.get(reverse("democracy:disclosures_index"))
    assert response.status_code == 302
    register = client.get(response["Location"])
    assert register.context["is_commune"] is False
    choices = [c for c, _l in register.context["form"].fields["category"].choices]
    assert choices[1:] == [f"agency_{n:02d}" for n in range(1, 13)]
    form = client.get(
        reverse("democracy:disclosures_create", kwargs={"pk": agency.unit.pk})
    ).context["form"]
    assert "intranet" in dict(form.fields["forms_used"].choices)
    assert "c" not in dict(form.fields["forms_used"].choices)  # no loudspeaker in an agency
    # the commune's officer cannot open it
    url = reverse("democracy:disclosures_register", kwargs={"pk": agency.unit.pk})
    assert client_for(commune.handler).get(url).status_code == 404


def test_the_remaining_refusals_of_the_pages(commune: Commune, budget: Disclosure) -> None:
    from danvan.democracy.forms.disclosures import PostingForm

    client = client_for(commune.handler)
    # a visitor's index is empty
    assert Client().get(reverse("democracy:disclosures_index")).status_code == 404
    # a posting without proof has no proof to download
    posting = post(budget, commune.handler, posted_from=dt.date(2026, 9, 3))
    proof = reverse("democracy:disclosures_proof", kwargs={"pk": posting.pk})
    assert client.get(proof).status_code == 404
    # the earlier item of a change must be of the same register
    committee_item = item(commune.committee, commune.handler, category="agency_02", title="KH")
    url = reverse("democracy:disclosures_create", kwargs={"pk": commune.commune.pk})
    assert client.get(url, {"thay-doi": committee_item.pk}).status_code == 404
    # a correction that would duplicate another item is refused with the text kept
    other = item(commune.commune, commune.handler, title="Quyết toán")
    edit = reverse("democracy:disclosures_edit", kwargs={"pk": other.pk})
    response = client.post(edit, {"title": budget.title, "decided_on": "2026-08-28"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    # a proof over 10 MB is refused by the form
    big = SimpleUploadedFile("a.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024))
    files: MultiValueDict[str, UploadedFile[Any]] = MultiValueDict({"proof": [big]})
    form = PostingForm({"channel": "office", "posted_from": "2026-09-03"}, files)
    assert not form.is_valid()
    assert "proof" in form.errors


def test_the_home_page_panel_counts_what_needs_action(commune: Commune, budget: Disclosure) -> None:
    from django.test import RequestFactory

    from danvan.democracy.views.disclosures import panel_context

    # given a missing budget item (due 9/9) and a list due on 18/9
    item(
        commune.commune,
        commune.handler,
        category="commune_07",
        title="Danh sách hộ nghèo",
        decided_on=dt.date(2026, 9, 11),
    )
    request = RequestFactory().get("/")
    request.user = commune.handler
    with on_day(TODAY):
        # when the officer's home page is drawn
        entries = panel_context(request)["disclosure_registers"]
    # then the commune's register shows one item to act on and one due within a week
    first = entries[0]
    assert (first["unit"], first["alerts"], first["due_soon"]) == (commune.commune, 1, 1)
    html = render_to_string("democracy/disclosures/panel.html", {"disclosure_registers": entries})
    assert "Xã Khoái Châu" in html
    assert "status--off" in html
    request.user = commune.citizen
    assert panel_context(request)["disclosure_registers"] == []
    assert "status--off" not in render_to_string("democracy/disclosures/panel.html", {})


def test_the_panel_is_registered_for_managers(monkeypatch: pytest.MonkeyPatch) -> None:
    from danvan.core import dashboard
    from danvan.core.dashboard import panels_for_role
    from danvan.democracy.views.disclosures import panel_register

    # (on a copy of the registry: the lead wires the real one in DemocracyConfig.ready)
    monkeypatch.setattr(dashboard, "_panels", dict(dashboard._panels))
    panel_register()
    assert "democracy_disclosures" in [p.key for p in panels_for_role("handler")]
    assert "democracy_disclosures" not in [p.key for p in panels_for_role("citizen")]
