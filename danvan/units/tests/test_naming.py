"""Vietnamese names of places and bodies, and diacritic folding for search."""

from dataclasses import dataclass

import pytest

from danvan.units import naming
from danvan.units.folding import fold_for_search
from danvan.units.models import Unit

K = Unit.Kind


@dataclass(frozen=True)
class Place:
    kind: str
    name: str


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Xã Phù Đổng", "xa phu dong"),
        ("ĐẶC KHU  Phú   Quốc", "dac khu phu quoc"),
        ("Phường Hoàn Kiếm", "phuong hoan kiem"),
        ("Thành phố Hồ Chí Minh", "thanh pho ho chi minh"),
        ("Ủy ban nhân dân", "uy ban nhan dan"),
        ("", ""),
    ],
)
def test_fold_for_search_drops_marks_and_maps_d(text: str, folded: str) -> None:
    assert fold_for_search(text) == folded


@pytest.mark.parametrize(
    ("kind", "name", "bare", "official"),
    [
        (K.COMMUNE, "xã Bắc Sơn", "Bắc Sơn", "Xã Bắc Sơn"),
        (K.COMMUNE, "Xã Phù Đổng", "Phù Đổng", "Xã Phù Đổng"),
        (K.WARD, "Phường  Ba Đình", "Ba Đình", "Phường Ba Đình"),
        (K.SPECIAL_ZONE, "Đặc khu Côn Đảo", "Côn Đảo", "Đặc khu Côn Đảo"),
        (K.CITY, "Thành phố Huế", "Huế", "Thành phố Huế"),
        (K.PROVINCE, "Hưng Yên", "Hưng Yên", "Tỉnh Hưng Yên"),
        (K.VILLAGE, "Thôn Đông Tảo", "Thôn Đông Tảo", "Thôn Đông Tảo"),
    ],
)
def test_place_names_with_and_without_type(kind: str, name: str, bare: str, official: str) -> None:
    assert naming.place_bare_name(kind=kind, name=name) == bare
    assert naming.place_official_name(kind=kind, name=name) == official


@pytest.mark.parametrize(
    ("place", "committee", "party", "front"),
    [
        (
            Place(K.COMMUNE, "Xã Phù Đổng"),
            "Ủy ban nhân dân xã Phù Đổng",
            "Đảng ủy xã Phù Đổng",
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã Phù Đổng",
        ),
        (
            Place(K.WARD, "Phường Ba Đình"),
            "Ủy ban nhân dân phường Ba Đình",
            "Đảng ủy phường Ba Đình",
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình",
        ),
        (
            Place(K.SPECIAL_ZONE, "Đặc khu Phú Quốc"),
            "Ủy ban nhân dân đặc khu Phú Quốc",
            "Đảng ủy đặc khu Phú Quốc",
            "Ủy ban Mặt trận Tổ quốc Việt Nam đặc khu Phú Quốc",
        ),
        (
            Place(K.PROVINCE, "Tỉnh Hưng Yên"),
            "Ủy ban nhân dân tỉnh Hưng Yên",
            "Tỉnh ủy Hưng Yên",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên",
        ),
        (
            Place(K.CITY, "Thành phố Hà Nội"),
            "Ủy ban nhân dân thành phố Hà Nội",
            "Thành ủy Hà Nội",
            "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hà Nội",
        ),
        (
            Place(K.CITY, "Thành phố Hồ Chí Minh"),
            "Ủy ban nhân dân Thành phố Hồ Chí Minh",
            "Thành ủy Thành phố Hồ Chí Minh",
            "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hồ Chí Minh",
        ),
    ],
)
def test_body_names(place: Place, committee: str, party: str, front: str) -> None:
    assert naming.peoples_committee_name(place) == committee
    assert naming.party_committee_name(place) == party
    assert naming.fatherland_front_name(place) == front


def test_commission_department_and_central_names() -> None:
    province = Place(K.PROVINCE, "Tỉnh Bắc Ninh")
    country = Place(K.COUNTRY, "Việt Nam")
    assert naming.party_commission_name(province) == "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh"
    assert (
        naming.party_commission_name(province, commission="Ban Tổ chức")
        == "Ban Tổ chức Tỉnh ủy Bắc Ninh"
    )
    assert naming.department_name(province, sector="Tư pháp") == "Sở Tư pháp tỉnh Bắc Ninh"
    assert naming.party_commission_name(country) == "Ban Tuyên giáo và Dân vận Trung ương"
    assert naming.fatherland_front_name(country) == "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
    with pytest.raises(ValueError, match="People's Committee"):
        naming.peoples_committee_name(country)
    assert naming.code_slug("Bộ Nội vụ") == "bo-noi-vu"
