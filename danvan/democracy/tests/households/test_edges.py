"""Edge cases: over-long cells, oversized files, races lost to a concurrent request."""

from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from danvan.core.exceptions import ApplicationError
from danvan.democracy.forms import households as forms
from danvan.democracy.models import Household, HouseholdImport
from danvan.democracy.selectors.households import communes_managed
from danvan.democracy.services import households as services
from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_over_long_cells_and_odd_member_counts_are_reported(commune: Commune) -> None:
    # given a row whose cells are too long, and rows with true / 2.5 / -1 members
    rows = [
        {
            "village": "Đông Tảo",
            "code": "X" * 41,
            "representative": "A" * 151,
            "address": "B" * 256,
            "members": 2,
        },
        {"village": "Đông Tảo", "code": "1", "representative": "A", "members": True},
        {"village": "Đông Tảo", "code": "2", "representative": "A", "members": 2.5},
        {"village": "Đông Tảo", "code": "3", "representative": "A", "members": -1},
    ]
    # when imported
    result = services.households_import(
        village_or_commune=commune.commune, rows=rows, actor=commune.head
    )
    # then each is reported
    assert [e.row for e in result.errors] == [2, 3, 4, 5]
    assert result.errors[0].message.count(";") == 2
    assert not Household.objects.exists()


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a limit of two households per file
    monkeypatch.setattr(services, "MAX_ROWS", 2)
    content = "Mã hộ,Chủ hộ,Số nhân khẩu\n1,A,1\n2,B,1\n3,C,1\n".encode()
    # when a three-household file is read
    with pytest.raises(ApplicationError) as error:
        services.rows_from_file(filename="a.csv", content=content)
    # then it is refused
    assert "split it by village" in error.value.message


def test_a_lost_race_for_a_code_gives_the_message(
    commune: Commune, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a household, and validation that misses a concurrent insert
    services.household_create(
        village=commune.villages[0], code="DT-1", representative="A", actor=commune.head
    )
    monkeypatch.setattr(Household, "full_clean", lambda self, **kw: None)
    # when the same code is saved
    with pytest.raises(ApplicationError) as error:
        services.household_create(
            village=commune.villages[0], code="DT-1", representative="B", actor=commune.head
        )
    # then the database's constraint turns into the message
    assert "DT-1" in error.value.message
    assert Household.objects.count() == 1


def test_a_lost_import_race_imports_nothing(
    commune: Commune, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a concurrent import that inserted the same codes first
    def collide(*args: object, **kwargs: object) -> None:
        raise IntegrityError

    monkeypatch.setattr(Household.objects, "bulk_create", collide)
    # when this import writes
    with pytest.raises(ApplicationError) as error:
        services.household_import_file(
            place=commune.commune,
            filename="a.csv",
            content="Thôn,Mã hộ,Chủ hộ,Số nhân khẩu\nĐông Tảo,1,A,1\n".encode(),
            actor=commune.head,
        )
    # then it asks to upload again, and keeps no record
    assert "upload again" in error.value.message
    assert not HouseholdImport.objects.exists()


def test_an_oversized_upload_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a 10-byte limit
    monkeypatch.setattr(forms, "MAX_UPLOAD", 10)
    # when an 11-byte file is sent
    form = forms.ImportForm(
        data={}, files=MultiValueDict({"file": [SimpleUploadedFile("a.csv", b"x" * 11)]})
    )
    # then the form refuses it
    assert not form.is_valid()
    assert "5 MB" in form.errors["file"][0]


def test_names_and_anonymous_visitors(commune: Commune) -> None:
    # given a household and an import record
    household = services.household_create(
        village=commune.villages[0], code="DT-1", representative="Lê Thị Mai", actor=commune.head
    )
    record = HouseholdImport(commune=commune.commune, filename="ho.xlsx", content=b"")
    # then they read as people expect, and nobody anonymous keeps a register
    assert str(household) == "DT-1 — Lê Thị Mai"
    assert str(record) == "ho.xlsx"
    from django.contrib.auth.models import AnonymousUser

    assert communes_managed(AnonymousUser()) == []


def test_numeric_codes_from_a_spreadsheet_lose_the_decimal(commune: Commune) -> None:
    # given a code the spreadsheet stored as the number 12.0
    rows = [{"village": "Đông Tảo", "code": 12.0, "representative": "A", "members": 1}]
    # when imported
    result = services.households_import(
        village_or_commune=commune.commune, rows=rows, actor=commune.head
    )
    # then the code is "12"
    assert result.created == ["12"]
