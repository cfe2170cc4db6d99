"""The register's pages: who may see them (the same 404 otherwise), and what they do."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.democracy.models import Household, HouseholdImport
from danvan.democracy.services.households import TEMPLATE_HEADERS, household_create
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def csv_upload(lines: list[str]) -> SimpleUploadedFile:
    body = ",".join(TEMPLATE_HEADERS) + "\n" + "\n".join(lines) + "\n"
    return SimpleUploadedFile("ho.csv", body.encode("utf-8-sig"), content_type="text/csv")


@pytest.fixture
def household(commune: Commune) -> Household:
    return household_create(
        village=commune.villages[0],
        code="DT-001",
        representative="Nguyễn Văn Hùng",
        members=4,
        actor=commune.handler,
    )


def test_other_communes_officers_and_citizens_get_the_same_404(
    commune: Commune, household: Household
) -> None:
    # given the pages of Khoái Châu's register
    urls = [
        reverse("democracy:households_index"),
        reverse("democracy:households_template"),
        reverse("democracy:households_commune", kwargs={"pk": commune.commune.pk}),
        reverse("democracy:households_import", kwargs={"pk": commune.commune.pk}),
        reverse("democracy:households_village", kwargs={"pk": commune.villages[0].pk}),
        reverse("democracy:households_create", kwargs={"pk": commune.villages[0].pk}),
        reverse("democracy:households_edit", kwargs={"pk": household.pk}),
        reverse("democracy:households_deactivate", kwargs={"pk": household.pk}),
    ]
    missing = [
        reverse("democracy:households_commune", kwargs={"pk": 999_999}),
        reverse("democracy:households_village", kwargs={"pk": 999_999}),
        reverse("democracy:households_edit", kwargs={"pk": 999_999}),
        # a village is not a commune, a commune is not a village
        reverse("democracy:households_commune", kwargs={"pk": commune.villages[0].pk}),
        reverse("democracy:households_village", kwargs={"pk": commune.commune.pk}),
    ]
    for user in (commune.citizen, commune.other_handler):
        client = client_for(user)
        for url in urls:
            # when another commune's officer or a citizen opens them
            # then they get a 404, like for pages that do not exist
            if user == commune.other_handler and url == urls[0]:
                continue  # the index lists the officer's own commune
            if user == commune.other_handler and url == urls[1]:
                continue  # and the template is open to every register keeper
            assert client.get(url).status_code == 404, (user, url)
    client = client_for(commune.handler)
    for url in missing:
        assert client.get(url).status_code == 404, url
    # and a stranger cannot take the household off
    client_for(commune.other_handler).post(urls[-1], {"reason": "x"})
    household.refresh_from_db()
    assert household.is_active


def test_anonymous_visitors_get_404(commune: Commune) -> None:
    url = reverse("democracy:households_commune", kwargs={"pk": commune.commune.pk})
    assert Client().get(url).status_code in (302, 404)


def test_the_commune_page_lists_villages_with_counts(
    commune: Commune, household: Household
) -> None:
    # given an officer with one commune
    client = client_for(commune.handler)
    # when the index is opened
    response = client.get(reverse("democracy:households_index"))
    # then it leads to the commune, which lists its villages with their counts
    assert response.status_code == 302
    page = client.get(response["Location"])
    villages = {v.name: v.household_count for v in page.context["villages"]}
    assert villages["Thôn Đông Tảo"] == 1
    assert page.context["total"] == 1


def test_the_index_lists_several_communes(commune: Commune) -> None:
    # given a province officer's handler who also works for the other ward
    from danvan.units.models import RoleAssignment

    RoleAssignment.objects.create(
        user=commune.handler,
        unit=commune.other_commune,
        role=RoleAssignment.Role.HANDLER,
    )
    # when the index is opened
    response = client_for(commune.handler).get(reverse("democracy:households_index"))
    # then both communes are listed
    assert response.status_code == 200
    assert len(response.context["communes"]) == 2


def test_a_household_is_added_edited_searched_and_taken_off(commune: Commune) -> None:
    client = client_for(commune.handler)
    village = commune.villages[0]
    create = reverse("democracy:households_create", kwargs={"pk": village.pk})
    data = {"code": "DT-007", "representative": "Lê Thị Mai", "members": "3", "phone": ""}
    # when a household is added, and the form sent twice
    assert client.get(create).status_code == 200
    assert client.post(create, data).status_code == 302
    again = client.post(create, data)
    # then the second is refused with the typed values kept
    assert again.status_code == 200
    assert again.context["form"].non_field_errors()
    assert again.context["form"]["representative"].value() == "Lê Thị Mai"
    household = Household.objects.get()
    # when it is edited with a bad phone, then a good one
    edit = reverse("democracy:households_edit", kwargs={"pk": household.pk})
    assert client.get(edit).status_code == 200
    bad = client.post(edit, {**data, "phone": "123"})
    assert bad.status_code == 200
    assert "phone" in bad.context["form"].errors
    assert client.post(edit, {**data, "phone": "0912 345 678"}).status_code == 302
    household.refresh_from_db()
    assert household.phone == "0912345678"
    # then the village list finds it without diacritics
    listing = client.get(
        reverse("democracy:households_village", kwargs={"pk": village.pk}), {"q": "le thi"}
    )
    assert [h.code for h in listing.context["page"].object_list] == ["DT-007"]
    # when it is taken off the register
    off = reverse("democracy:households_deactivate", kwargs={"pk": household.pk})
    assert client.get(off).status_code == 200
    assert client.post(off, {"reason": "Chuyển đi"}).status_code == 302
    household.refresh_from_db()
    assert not household.is_active
    # a second time only shows a message
    assert client.post(off, {}).status_code == 302
    # and it is no longer counted
    listing = client.get(reverse("democracy:households_village", kwargs={"pk": village.pk}))
    assert listing.context["active_count"] == 0


def test_a_broken_upload_imports_nothing_and_keeps_the_file(commune: Commune) -> None:
    client = client_for(commune.handler)
    url = reverse("democracy:households_import", kwargs={"pk": commune.commune.pk})
    assert client.get(url).status_code == 200
    # given a file with two bad rows
    upload = csv_upload(
        [
            "Thôn Đông Tảo,DT-001,Xóm 1,Nguyễn Văn Hùng,0912345678,4",
            "Thôn Đông Tảo,DT-002,Xóm 1,,,4",
            "Thôn Ba Đình,BĐ-1,,Trần Văn Nam,,x",
        ]
    )
    # when uploaded
    response = client.post(url, {"file": upload}, follow=True)
    # then nothing is imported and both rows are listed
    assert not Household.objects.exists()
    record = response.context["record"]
    assert record.status == HouseholdImport.Status.REJECTED
    assert [e["row"] for e in record.errors] == [3, 4]
    # and the uploaded file can be downloaded again to fix it
    kept = client.get(
        reverse(
            "democracy:households_import_file",
            kwargs={"pk": commune.commune.pk, "import_pk": record.pk},
        )
    )
    assert kept.content.decode("utf-8-sig").count("\n") == 4
    # when the corrected file is uploaded
    fixed = csv_upload(
        [
            "Thôn Đông Tảo,DT-001,Xóm 1,Nguyễn Văn Hùng,0912345678,4",
            "Thôn Đông Tảo,DT-002,Xóm 1,Lê Thị Mai,,4",
        ]
    )
    response = client.post(url, {"file": fixed}, follow=True)
    # then everything is imported and summarised
    assert response.context["record"].summary["created"] == 2
    assert Household.objects.count() == 2


def test_the_import_page_refuses_unreadable_files(commune: Commune) -> None:
    client = client_for(commune.handler)
    url = reverse("democracy:households_import", kwargs={"pk": commune.commune.pk})
    # when a pdf, then a csv without the needed columns, is uploaded
    pdf = client.post(url, {"file": SimpleUploadedFile("a.pdf", b"x")})
    columns = client.post(url, {"file": SimpleUploadedFile("a.csv", b"a,b\n1,2\n")})
    # then the form says why, and nothing is kept
    assert "file" in pdf.context["form"].errors
    assert "file" in columns.context["form"].errors
    assert not HouseholdImport.objects.exists()


def test_an_import_of_another_commune_is_not_found(commune: Commune) -> None:
    # given an import of Khoái Châu
    client = client_for(commune.handler)
    url = reverse("democracy:households_import", kwargs={"pk": commune.commune.pk})
    client.post(url, {"file": csv_upload(["Đông Tảo,1,,A,,1"])})
    record = HouseholdImport.objects.get()
    # when the other ward's officer, or this one under the wrong commune, asks for it
    for user, place in (
        (commune.other_handler, commune.commune),
        (commune.handler, commune.other_commune),
    ):
        response = client_for(user).get(
            reverse(
                "democracy:households_import_result",
                kwargs={"pk": place.pk, "import_pk": record.pk},
            )
        )
        # then it is not found
        assert response.status_code == 404


def test_the_template_downloads_with_the_headers(commune: Commune) -> None:
    # when an officer downloads the template
    response = client_for(commune.handler).get(reverse("democracy:households_template"))
    # then it is a spreadsheet whose first row holds the column headers
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert tuple(c.value for c in sheet[1]) == TEMPLATE_HEADERS


def test_an_edit_to_a_taken_code_keeps_what_was_typed(
    commune: Commune, household: Household
) -> None:
    # given a second household
    other = household_create(
        village=commune.villages[0], code="DT-002", representative="Lê Thị Mai", actor=commune.head
    )
    # when it is edited to DT-001
    response = client_for(commune.handler).post(
        reverse("democracy:households_edit", kwargs={"pk": other.pk}),
        {"code": "DT-001", "representative": "Lê Thị Mai", "members": "2"},
    )
    # then the page shows the refusal with the typed code
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["form"]["code"].value() == "DT-001"
    other.refresh_from_db()
    assert other.code == "DT-002"
