"""The official list of places, read from the ``vietnam-provinces`` package.

The package carries the post-2025 list (34 provinces and centrally-run cities, 3,321
communes, wards and special zones) with the codes of the national statistics office.
Unit codes are ``VN`` for the country, ``VN-<2 digits>`` for provinces and
``VN-<5 digits>`` for communes: the same official code, zero-padded, so that they never
collide and never change when a name does.
"""

from collections.abc import Collection, Iterator
from dataclasses import dataclass

import vietnam_provinces
from vietnam_provinces import Province, VietNamDivisionType, Ward

from danvan.units.models import Unit
from danvan.units.naming import place_official_name

COUNTRY_CODE = "VN"
COUNTRY_NAME = "Việt Nam"
DATA_VERSION: str = vietnam_provinces.__data_version__

_PROVINCE_KINDS = {
    VietNamDivisionType.TINH: Unit.Kind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: Unit.Kind.CITY,
}
_COMMUNE_KINDS = {
    VietNamDivisionType.XA: Unit.Kind.COMMUNE,
    VietNamDivisionType.PHUONG: Unit.Kind.WARD,
    VietNamDivisionType.DAC_KHU: Unit.Kind.SPECIAL_ZONE,
}


@dataclass(frozen=True)
class PlaceRecord:
    """One place of the official list, ready to become a ``Unit``."""

    code: str
    admin_code: str
    name: str
    kind: str
    parent_code: str | None


def province_admin_code(number: int) -> str:
    return f"{number:02d}"


def commune_admin_code(number: int) -> str:
    return f"{number:05d}"


def province_unit_code(number: int) -> str:
    return f"{COUNTRY_CODE}-{province_admin_code(number)}"


def commune_unit_code(number: int) -> str:
    return f"{COUNTRY_CODE}-{commune_admin_code(number)}"


def is_official_place_code(code: str) -> bool:
    """True for codes this module gives out (``VN``, ``VN-01``, ``VN-00004``)."""
    if code == COUNTRY_CODE:
        return True
    head, _, digits = code.partition("-")
    return head == COUNTRY_CODE and digits.isascii() and digits.isdigit() and len(digits) in (2, 5)


def official_places(*, provinces: Collection[int] | None = None) -> Iterator[PlaceRecord]:
    """Yield the country, then the provinces, then the communes: parents before children.

    ``provinces`` limits the list to some province numbers (for tests and small demos).
    """
    yield PlaceRecord(COUNTRY_CODE, "", COUNTRY_NAME, Unit.Kind.COUNTRY, None)
    chosen = [
        province
        for province in Province.iter_all()
        if provinces is None or int(province.code) in provinces
    ]
    for province in chosen:
        kind = _PROVINCE_KINDS[province.division_type]
        yield PlaceRecord(
            code=province_unit_code(int(province.code)),
            admin_code=province_admin_code(int(province.code)),
            name=place_official_name(kind=kind, name=province.name),
            kind=kind,
            parent_code=COUNTRY_CODE,
        )
    for province in chosen:
        for ward in Ward.iter_by_province(province.code):
            kind = _COMMUNE_KINDS[ward.division_type]
            yield PlaceRecord(
                code=commune_unit_code(int(ward.code)),
                admin_code=commune_admin_code(int(ward.code)),
                name=place_official_name(kind=kind, name=ward.name),
                kind=kind,
                parent_code=province_unit_code(int(province.code)),
            )
