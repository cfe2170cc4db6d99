"""The spreadsheet import: all or nothing, every bad row at once, idempotent re-imports."""

import csv
import io
from collections.abc import Iterator

import openpyxl
import pytest
from django.utils import translation

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import Household, HouseholdImport
from danvan.democracy.selectors.households import household_count
from danvan.democracy.services.households import (
    TEMPLATE_HEADERS,
    household_deactivate,
    household_import_file,
    households_import,
    households_template_xlsx,
    rows_from_file,
)
from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are checked on their English msgids (the catalogue gives the Vietnamese)."""
    with translation.override("en"):
        yield


GOOD: list[list[object]] = [
    ["Thôn Đông Tảo", "DT-001", "Xóm 1", "Nguyễn Văn Hùng", "0912345678", 4],
    ["Thôn Đông Tảo", "DT-002", "Xóm 2", "Lê Thị Mai", "", 3],
    ["Thôn An Vĩ", "AV-001", "Xóm Chùa", "Phạm Văn Tuấn", "0243 826 1234", 5],
]


def xlsx(rows: list[list[object]], headers: tuple[str, ...] = TEMPLATE_HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[object]], bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_HEADERS)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def test_a_good_file_is_imported(commune: Commune) -> None:
    # given a spreadsheet of three households in two villages
    # when it is imported into the commune
    record, result = household_import_file(
        place=commune.commune, filename="ho.xlsx", content=xlsx(GOOD), actor=commune.handler
    )
    # then every household is on its village's register, the phone kept as digits
    assert result.ok
    assert sorted(result.created) == ["AV-001", "DT-001", "DT-002"]
    assert record.status == HouseholdImport.Status.DONE
    assert household_count(commune.villages[0]) == 2
    assert household_count(commune.villages[1]) == 1
    assert Household.objects.get(code="AV-001").phone == "02438261234"
    assert AuditEntry.objects.filter(verb="households.import").count() == 1


def test_several_broken_rows_are_all_reported_and_nothing_is_imported(commune: Commune) -> None:
    # given a file with good rows and five broken ones
    rows: list[list[object]] = [
        *GOOD,
        ["Thôn Đông Tảo", "DT-003", "Xóm 3", "", "", 2],  # row 5: no representative
        ["Thôn Hoà Bình", "HB-001", "", "Đỗ Văn Nam", "", 2],  # row 6: unknown village
        ["Thôn Đông Tảo", "DT-001", "Xóm 9", "Trần Văn Cường", "", 2],  # row 7: duplicate
        ["Thôn An Vĩ", "AV-002", "", "Vũ Thị Hoa", "", "bốn"],  # row 8: members not a number
        ["Thôn An Vĩ", "AV-003", "", "Hoàng Văn Long", "12345", 3],  # row 9: bad phone
    ]
    # when it is imported
    record, result = household_import_file(
        place=commune.commune, filename="ho.xlsx", content=xlsx(rows), actor=commune.handler
    )
    # then nothing is written and each bad row is reported with its number and message
    assert Household.objects.count() == 0
    assert record.status == HouseholdImport.Status.REJECTED
    assert rows_from_file(filename="ho.xlsx", content=bytes(record.content))[3]["code"] == "DT-003"
    reported = {e.row: e.message for e in result.errors}
    assert sorted(reported) == [5, 6, 7, 8, 9]
    assert reported[5] == "the representative's name is missing"
    assert reported[6] == "no village or residential group “Thôn Hoà Bình” here"
    assert reported[7] == "household code DT-001 already appears in row 2"
    assert "number of members" in reported[8]
    assert reported[9] == "“12345” is not a Vietnamese phone number"
    assert record.errors[0] == {"row": 5, "message": reported[5]}


def test_a_row_with_several_problems_lists_them_all(commune: Commune) -> None:
    # given a row without village, code or representative and zero members
    rows = [{"_row": 2, "village": "", "code": "", "representative": "", "members": 0}]
    # when imported
    result = households_import(village_or_commune=commune.commune, rows=rows, actor=commune.head)
    # then one error names all four problems
    assert len(result.errors) == 1
    assert result.errors[0].message.count(";") == 3


def test_reimporting_the_same_file_changes_nothing(commune: Commune) -> None:
    # given a file already imported
    content = csv_bytes(GOOD)
    household_import_file(
        place=commune.commune, filename="ho.csv", content=content, actor=commune.handler
    )
    stamp = Household.objects.get(code="DT-001").updated_at
    # when the same file is imported again
    _record, result = household_import_file(
        place=commune.commune, filename="ho.csv", content=content, actor=commune.handler
    )
    # then nothing is created or updated
    assert result.ok
    assert (result.created, result.updated, result.unchanged) == ([], [], 3)
    assert Household.objects.count() == 3
    assert Household.objects.get(code="DT-001").updated_at == stamp


def test_changed_rows_are_updated_and_listed(commune: Commune) -> None:
    # given an imported file
    household_import_file(
        place=commune.commune, filename="ho.csv", content=csv_bytes(GOOD), actor=commune.handler
    )
    # when the file comes back with a new representative for DT-002 and one new household
    changed = [row[:] for row in GOOD]
    changed[1][3] = "Lê Văn Minh"
    changed.append(["Thôn Bình Dân", "BD-001", "", "Ngô Thị Thu", "0987654321", 1])
    record, result = household_import_file(
        place=commune.commune,
        filename="ho.csv",
        content=csv_bytes(changed, bom=False),
        actor=commune.handler,
    )
    # then DT-002 is updated, BD-001 created, the others unchanged
    assert (result.created, result.updated, result.unchanged) == (["BD-001"], ["DT-002"], 2)
    assert Household.objects.get(code="DT-002").representative == "Lê Văn Minh"
    assert record.summary["updated_codes"] == ["DT-002"]


def test_villages_match_without_diacritics_or_the_word_thon(commune: Commune) -> None:
    # given rows naming the villages as people type them
    rows: list[dict[str, object]] = [
        {"village": "thon dong tao", "code": "1", "representative": "A", "members": 1},
        {"village": "ĐÔNG TẢO", "code": "2", "representative": "B", "members": "2"},
        {"village": "an vi", "code": "3", "representative": "C", "members": 3.0},
    ]
    # when imported
    result = households_import(village_or_commune=commune.commune, rows=rows, actor=commune.head)
    # then they land in the right villages
    assert result.ok
    assert household_count(commune.villages[0]) == 2
    assert household_count(commune.villages[1]) == 1


def test_a_village_import_needs_no_village_column(commune: Commune) -> None:
    # given rows without a village, imported into one village
    village = commune.villages[2]
    rows = [{"code": "BD-9", "representative": "Đinh Văn Sơn", "members": 2, "phone": 912345678}]
    # when imported
    result = households_import(village_or_commune=village, rows=rows, actor=commune.head)
    # then the household is in that village, and the phone keeps its leading zero
    assert result.ok
    assert Household.objects.get(code="BD-9").village == village
    assert Household.objects.get(code="BD-9").phone == "0912345678"


def test_a_deactivated_household_is_not_imported_again(commune: Commune) -> None:
    # given a household taken off the register
    households_import(
        village_or_commune=commune.commune,
        rows=[{"village": "Đông Tảo", "code": "DT-1", "representative": "A", "members": 1}],
        actor=commune.head,
    )
    household_deactivate(household=Household.objects.get(), actor=commune.head)
    # when a file brings it back
    result = households_import(
        village_or_commune=commune.commune,
        rows=[{"village": "Đông Tảo", "code": "DT-1", "representative": "A", "members": 1}],
        actor=commune.head,
    )
    # then the row is refused
    assert [e.row for e in result.errors] == [2]
    assert Household.objects.get().is_active is False


def test_the_template_has_the_headers_and_reads_back(commune: Commune) -> None:
    # given the downloadable template
    content = households_template_xlsx()
    # when it is read back
    rows = rows_from_file(filename="mau.xlsx", content=content)
    # then its example row has every column
    assert rows[0]["_row"] == 2
    assert rows[0]["code"] == "DT-001"
    result = households_import(village_or_commune=commune.commune, rows=rows, actor=commune.head)
    assert result.ok


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("ho.pdf", b"x", ".xlsx"),
        ("ho.csv", b"", "empty"),
        ("ho.csv", "Mã hộ\nDT\n".encode(), "Chủ hộ/người đại diện, Số nhân khẩu"),
        ("ho.csv", "Mã hộ".encode("utf-16"), "UTF-8"),
        ("ho.xlsx", b"not a zip", ".xlsx"),
    ],
)
def test_unreadable_files_are_refused(filename: str, content: bytes, message: str) -> None:
    # given a file that is not a register
    # when it is read
    with pytest.raises(ApplicationError) as error:
        rows_from_file(filename=filename, content=content)
    # then the message says what is wrong
    assert message in error.value.message


def test_blank_rows_are_skipped_and_row_numbers_kept() -> None:
    # given a csv with a blank line in the middle
    content = csv_bytes([GOOD[0], ["", "", "", "", "", ""], GOOD[1]])
    # when read
    rows = rows_from_file(filename="HO.CSV", content=content)
    # then the rows keep their spreadsheet numbers
    assert [r["_row"] for r in rows] == [2, 4]
