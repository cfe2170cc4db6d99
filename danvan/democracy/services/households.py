"""Writes on the household register: add, edit, deactivate, and import a spreadsheet.

The register is the denominator of every household vote (Law 10/2022 Art 21 counts over
ALL households), so an import is all or nothing: a half-imported file would silently change
the thresholds. Every row is checked first; one bad row and nothing is written, and the
officer gets every bad row at once (row number and message) to fix the file in one pass.
Re-importing the same file changes nothing, so a retried upload is harmless.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.households import VN_PHONE_RE, Household, HouseholdImport
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, Unit, User

# The spreadsheet's columns, by key, with the headers accepted for each (folded: no
# diacritics, lower case), in the order of the downloadable template.
COLUMNS: dict[str, tuple[str, ...]] = {
    "village": ("thon/to", "thon/to dan pho", "thon, to dan pho", "thon", "to dan pho", "to"),
    "code": ("ma ho", "so ho khau", "ma ho gia dinh"),
    "address": ("dia chi",),
    "representative": ("chu ho/nguoi dai dien", "chu ho", "nguoi dai dien", "ho ten chu ho"),
    "phone": ("so dien thoai", "dien thoai", "sdt"),
    "members": ("so nhan khau", "nhan khau", "so thanh vien"),
}
TEMPLATE_HEADERS = (
    "Thôn/tổ",
    "Mã hộ",
    "Địa chỉ",
    "Chủ hộ/người đại diện",
    "Số điện thoại",
    "Số nhân khẩu",
)
FIELDS = ("address", "representative", "phone", "members")
MAX_ROWS = 20_000
_PHONE = re.compile(VN_PHONE_RE)


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class ImportResult:
    """What an import did, or (``errors`` not empty) why it did nothing."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------- one household


def _check_village(village: Unit) -> None:
    if village.kind != Unit.Kind.VILLAGE:
        raise ApplicationError(_("Households belong to a village or residential group."))


def _save(household: Household, update_fields: list[str] | None = None) -> None:
    try:
        household.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict or "code" in error.message_dict:
            dup = Household.objects.filter(village_id=household.village_id, code=household.code)
            if dup.exclude(pk=household.pk).exists():
                raise ApplicationError(
                    _("Household code %(code)s is already in this village's register.")
                    % {"code": household.code}
                ) from error
        raise ApplicationError(" ".join(error.messages)) from error
    try:
        with transaction.atomic():
            household.save(update_fields=update_fields)
    except IntegrityError as error:  # a concurrent request took the code
        raise ApplicationError(
            _("Household code %(code)s is already in this village's register.")
            % {"code": household.code}
        ) from error


@transaction.atomic
def household_create(
    *,
    village: Unit,
    code: str,
    representative: str,
    address: str = "",
    phone: str = "",
    members: int = 1,
    actor: User,
) -> Household:
    """Add one household to a village's register."""
    _check_village(village)
    household = Household(
        village=village,
        code=code.strip(),
        representative=" ".join(representative.split()),
        address=address.strip(),
        phone=normalise_phone(phone),
        members=members,
        created_by=actor,
    )
    _save(household)
    audit_record(
        actor=actor,
        verb="households.create",
        target=household,
        data={"village": village.code, "code": household.code},
    )
    return household


@transaction.atomic
def household_update(
    *,
    household: Household,
    code: str,
    representative: str,
    address: str = "",
    phone: str = "",
    members: int = 1,
    actor: User,
) -> Household:
    """Correct a household's entry (a new representative, a new phone number...)."""
    before = {f: getattr(household, f) for f in ("code", *FIELDS)}
    household.code = code.strip()
    household.representative = " ".join(representative.split())
    household.address = address.strip()
    household.phone = normalise_phone(phone)
    household.members = members
    changed = [f for f in before if getattr(household, f) != before[f]]
    if not changed:
        return household
    _save(household, update_fields=[*changed, "updated_at"])
    audit_record(
        actor=actor,
        verb="households.update",
        target=household,
        data={"changed": changed, "code": household.code},
    )
    return household


@transaction.atomic
def household_deactivate(*, household: Household, actor: User, reason: str = "") -> Household:
    """Take a household off the register (moved out, merged): kept, so past votes keep
    their voter, but no longer counted in the thresholds."""
    if not household.is_active:
        raise ApplicationError(_("This household is already off the register."))
    household.is_active = False
    household.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        verb="households.deactivate",
        target=household,
        data={"code": household.code, "reason": reason.strip()},
    )
    return household


# --------------------------------------------------------------------------- reading a file


def normalise_phone(value: object) -> str:
    """Digits only, keeping a leading +84; restores the leading 0 a spreadsheet drops
    when it takes 0912345678 for the number 912345678."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s.\-()]", "", str(value))
    if text.isdigit() and len(text) in (9, 10) and not text.startswith("0"):
        text = "0" + text
    return text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def rows_from_file(*, filename: str, content: bytes) -> list[dict[str, Any]]:
    """Read an .xlsx or .csv (UTF-8, with or without BOM) into one dict per row, keyed by
    column (``COLUMNS``); each row carries its spreadsheet row number as ``_row``."""
    name = filename.lower()
    table: list[list[object]]
    if name.endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ApplicationError(_("The file is not a readable .xlsx spreadsheet.")) from error
        sheet = workbook.worksheets[0]
        table = [list(r) for r in sheet.iter_rows(values_only=True)]
        workbook.close()
    elif name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ApplicationError(_("Save the .csv file as UTF-8 and upload it again.")) from error
        table = [list(r) for r in csv.reader(io.StringIO(text))]
    else:
        raise ApplicationError(_("Upload an .xlsx or .csv file."))
    if not table:
        raise ApplicationError(_("The file is empty."))
    keys: list[str | None] = []
    for header in table[0]:
        folded = fold_for_search(_cell(header))
        keys.append(next((k for k, names in COLUMNS.items() if folded in names), None))
    missing = [
        TEMPLATE_HEADERS[i]
        for i, key in enumerate(COLUMNS)
        if key not in keys and key not in ("village", "address", "phone")
    ]
    if missing:
        raise ApplicationError(
            _("The file lacks the columns: %(columns)s. Use the template.")
            % {"columns": ", ".join(missing)}
        )
    rows: list[dict[str, Any]] = []
    for number, values in enumerate(table[1:], start=2):
        if all(_cell(v) == "" for v in values):
            continue
        row: dict[str, Any] = {"_row": number}
        for key, value in zip(keys, values, strict=False):
            if key is not None:
                row[key] = value
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise ApplicationError(
            _("The file has more than %(max)s households; split it by village.") % {"max": MAX_ROWS}
        )
    return rows


# --------------------------------------------------------------------------- import


def _villages(place: Unit) -> dict[str, Unit]:
    if place.kind == Unit.Kind.VILLAGE:
        return {fold_for_search(place.name): place}
    villages = Unit.objects.filter(
        kind=Unit.Kind.VILLAGE, path__startswith=place.path + PATH_SEPARATOR
    )
    return {fold_for_search(v.name): v for v in villages}


def _match_village(name: str, villages: dict[str, Unit]) -> Unit | None:
    """A village by name, without diacritics or case; "Đông Tảo" also finds "Thôn Đông Tảo"."""
    folded = fold_for_search(name)
    if folded in villages:
        return villages[folded]
    for prefix in ("thon ", "to dan pho ", "to ", "ap ", "ban ", "khu pho ", "xom "):
        if prefix + folded in villages:
            return villages[prefix + folded]
    return None


def _members(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 1 else None
    text = _cell(value)
    return int(text) if text.isdigit() and int(text) >= 1 else None


def households_import(
    *, village_or_commune: Unit, rows: Sequence[Mapping[str, Any]], actor: User
) -> ImportResult:
    """Import rows (``rows_from_file``) into the register of a village or a commune's
    villages, all or nothing. Returns every bad row when there is any, and writes nothing."""
    place = village_or_commune
    villages = _villages(place)
    result = ImportResult()
    seen: dict[tuple[int, str], int] = {}
    parsed: list[tuple[int, Unit, str, dict[str, Any]]] = []
    for index, row in enumerate(rows):
        number = int(row.get("_row", index + 2))
        problems: list[str] = []
        village: Unit | None
        village_name = _cell(row.get("village"))
        if place.kind == Unit.Kind.VILLAGE and not village_name:
            village = place
        elif not village_name:
            village = None
            problems.append(_("the village or residential group is missing"))
        else:
            village = _match_village(village_name, villages)
            if village is None:
                problems.append(
                    _("no village or residential group “%(name)s” here") % {"name": village_name}
                )
        code = _cell(row.get("code"))
        if not code:
            problems.append(_("the household code is missing"))
        elif len(code) > 40:
            problems.append(_("the household code is longer than 40 characters"))
        representative = _cell(row.get("representative"))
        if not representative:
            problems.append(_("the representative's name is missing"))
        elif len(representative) > 150:
            problems.append(_("the representative's name is longer than 150 characters"))
        address = _cell(row.get("address"))
        if len(address) > 255:
            problems.append(_("the address is longer than 255 characters"))
        phone = normalise_phone(row.get("phone"))
        if phone and not _PHONE.match(phone):
            problems.append(
                _("“%(phone)s” is not a Vietnamese phone number") % {"phone": _cell(row["phone"])}
            )
        members = _members(row.get("members"))
        if members is None:
            problems.append(_("the number of members must be a whole number of at least 1"))
        if village is not None and code:
            key = (village.pk, code.casefold())
            if key in seen:
                problems.append(
                    _("household code %(code)s already appears in row %(row)s")
                    % {"code": code, "row": seen[key]}
                )
            else:
                seen[key] = number
        if problems:
            result.errors.append(RowError(number, "; ".join(problems)))
            continue
        assert village is not None
        assert members is not None
        data = {
            "address": address,
            "representative": representative,
            "phone": phone,
            "members": members,
        }
        parsed.append((number, village, code, data))
    existing = {
        (h.village_id, h.code.casefold()): h
        for h in Household.objects.filter(village__in=list(villages.values()))
    }
    to_create: list[Household] = []
    to_update: list[Household] = []
    for number, village, code, data in parsed:
        current = existing.get((village.pk, code.casefold()))
        if current is None:
            to_create.append(Household(village=village, code=code, created_by=actor, **data))
        elif not current.is_active:
            result.errors.append(
                RowError(
                    number,
                    _("household %(code)s was taken off the register; it cannot be imported again")
                    % {"code": code},
                )
            )
        elif any(getattr(current, f) != v for f, v in data.items()):
            for f, v in data.items():
                setattr(current, f, v)
            to_update.append(current)
        else:
            result.unchanged += 1
    if result.errors:
        result.errors.sort(key=lambda e: e.row)
        return result
    with transaction.atomic():
        try:
            Household.objects.bulk_create(to_create, batch_size=1000)
        except IntegrityError as error:  # another import of the same codes won the race
            raise ApplicationError(
                _("Another import changed this register at the same time; upload again.")
            ) from error
        Household.objects.bulk_update(to_update, [*FIELDS, "updated_at"], batch_size=1000)
        result.created = [h.code for h in to_create]
        result.updated = [h.code for h in to_update]
        audit_record(
            actor=actor,
            verb="households.import",
            target=place,
            data={
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": result.unchanged,
            },
        )
    return result


@transaction.atomic
def household_import_file(
    *, place: Unit, filename: str, content: bytes, actor: User
) -> tuple[HouseholdImport, ImportResult]:
    """Read and import one uploaded file, keeping it (and its bad rows, if refused) on the
    server so the officer can see what to fix."""
    rows = rows_from_file(filename=filename, content=content)
    result = households_import(village_or_commune=place, rows=rows, actor=actor)
    upload = HouseholdImport(
        commune=place,
        filename=filename[:255],
        content=content,
        status=HouseholdImport.Status.DONE if result.ok else HouseholdImport.Status.REJECTED,
        errors=[{"row": e.row, "message": e.message} for e in result.errors],
        summary={
            "created": len(result.created),
            "updated": len(result.updated),
            "unchanged": result.unchanged,
            "updated_codes": result.updated[:200],
        },
        created_by=actor,
    )
    upload.full_clean()
    upload.save()
    return upload, result


def households_template_xlsx() -> bytes:
    """The empty spreadsheet officers fill in: the column headers and one example row."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Hộ gia đình"
    sheet.append(list(TEMPLATE_HEADERS))
    sheet.append(["Thôn Đông Tảo", "DT-001", "Xóm 1, thôn Đông Tảo", "Nguyễn Văn A", "", 4])
    for column, width in zip("ABCDEF", (22, 12, 30, 28, 16, 14), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- demo data

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô")
_MIDDLE_MEN = ("Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân")
_MIDDLE_WOMEN = ("Thị", "Thị", "Thu", "Ngọc", "Thanh")
_GIVEN_MEN = ("Hùng", "Dũng", "Tuấn", "Nam", "Long", "Sơn", "Thắng", "Cường", "Hải", "Bình")
_GIVEN_WOMEN = ("Mai", "Lan", "Hoa", "Hương", "Thảo", "Nga", "Hạnh", "Yến", "Liên", "Dung")
# (village code in danvan.demo.world, household-code prefix, households, hamlets)
_DEMO_VILLAGES = (
    ("VN-12205-thon-dong-tao", "DT", 118, ("Xóm Chùa", "Xóm Đình", "Xóm Giữa", "Xóm Bãi")),
    ("VN-12205-thon-an-vi", "AV", 86, ("Xóm Trên", "Xóm Dưới", "Xóm Nhãn")),
    ("VN-12205-thon-binh-dan", "BD", 64, ("Xóm 1", "Xóm 2", "Xóm 3")),
    ("VN-12205-thon-da-trach", "DTR", 97, ("Xóm Đền", "Xóm Bến", "Xóm Mới", "Xóm Đồng")),
)


@dataclass
class HouseholdsSeedReport:
    created: int
    villages: int


def demo_households_seed() -> HouseholdsSeedReport:
    """Households for the demo commune's four villages (``danvan.demo.world``), the same
    every run (names drawn from a fixed sequence) and safe to run again: existing codes are
    left as they are. Villages not in the database are skipped."""
    created = 0
    villages = 0
    for village_code, prefix, count, hamlets in _DEMO_VILLAGES:
        village = Unit.objects.filter(code=village_code, kind=Unit.Kind.VILLAGE).first()
        if village is None:
            continue
        villages += 1
        existing = set(Household.objects.filter(village=village).values_list("code", flat=True))
        new: list[Household] = []
        for n in range(1, count + 1):
            code = f"{prefix}-{n:03d}"
            if code in existing:
                continue
            woman = n % 4 == 0  # about a quarter of representatives are women
            middle = _MIDDLE_WOMEN if woman else _MIDDLE_MEN
            given = _GIVEN_WOMEN if woman else _GIVEN_MEN
            name = " ".join(
                (
                    _SURNAMES[(n * 7 + len(prefix)) % len(_SURNAMES)],
                    middle[(n * 3) % len(middle)],
                    given[(n * 5 + n // 10) % len(given)],
                )
            )
            phone = "" if n % 5 == 0 else f"09{(n * 7919 + len(village_code) * 104729) % 10**8:08d}"
            new.append(
                Household(
                    village=village,
                    code=code,
                    address=f"{hamlets[n % len(hamlets)]}, {village.name}",
                    representative=name,
                    phone=phone,
                    members=1 + (n * 13) % 7,
                )
            )
        Household.objects.bulk_create(new, ignore_conflicts=True)
        created += len(new)
    return HouseholdsSeedReport(created=created, villages=villages)
