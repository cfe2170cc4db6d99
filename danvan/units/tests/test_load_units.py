"""load_units: the official administrative map, loaded fast, idempotently, with right paths."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from vietnam_provinces import Province, VietNamDivisionType, Ward

from danvan.audit.models import AuditEntry
from danvan.units.models import Unit
from danvan.units.selectors import unit_subtree
from danvan.units.services import units_load_official

pytestmark = pytest.mark.django_db
K = Unit.Kind


def test_package_matches_domain_counts() -> None:
    # DOMAIN.md §10.1: 34 provinces and cities; 3,321 communes = 2,621 xã, 687 phường, 13 đặc khu.
    # when
    provinces = list(Province.iter_all())
    wards = Counter(ward.division_type for ward in Ward.iter_all())
    # then
    assert len(provinces) == 34
    assert wards == {
        VietNamDivisionType.XA: 2621,
        VietNamDivisionType.PHUONG: 687,
        VietNamDivisionType.DAC_KHU: 13,
    }
    # The package's 2026 data lists 9 centrally-run cities where NQ 202/2025 had 6
    # (Quảng Ninh, Bắc Ninh and Đồng Nai are "thành phố" in it); the loader follows the package.
    cities = {
        p.name for p in provinces if p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
    }
    assert len(cities) == 9
    assert {"Thành phố Hà Nội", "Thành phố Hồ Chí Minh", "Thành phố Huế"} <= cities


def test_load_units_creates_the_whole_map_with_paths_and_prints_counts() -> None:
    # given
    out = StringIO()
    # when
    call_command("load_units", stdout=out)
    # then
    kinds = Counter(Unit.objects.values_list("kind", flat=True))
    assert kinds == {
        K.COUNTRY: 1,
        K.PROVINCE: 25,
        K.CITY: 9,
        K.COMMUNE: 2621,
        K.WARD: 687,
        K.SPECIAL_ZONE: 13,
    }
    assert kinds[K.PROVINCE] + kinds[K.CITY] == 34
    assert kinds[K.COMMUNE] + kinds[K.WARD] + kinds[K.SPECIAL_ZONE] == 3321
    # every commune sits directly under its province (no district level), path included
    phu_dong = Unit.objects.select_related("parent").get(name="Xã Phù Đổng")
    assert phu_dong.parent is not None
    assert phu_dong.parent.name == "Thành phố Hà Nội"
    assert phu_dong.path == f"VN/VN-01/{phu_dong.code}"
    assert phu_dong.search_name == "xa phu dong"
    mismatched = [
        unit.code
        for unit in Unit.objects.select_related("parent")
        if unit.path != (f"{unit.parent.path}/{unit.code}" if unit.parent else unit.code)
    ]
    assert mismatched == []
    hanoi = Unit.objects.get(code="VN-01")
    hanoi_wards = [ward for ward in Ward.iter_all() if int(ward.province_code) == 1]
    assert unit_subtree(unit=hanoi, include_self=False).count() == len(hanoi_wards)
    text = out.getvalue()
    assert "tạo mới 3356" in text
    assert "34 tỉnh, thành phố trực thuộc trung ương; 3321 xã, phường, đặc khu" in text


def test_load_units_is_idempotent_and_repairs_names() -> None:
    # given a first load, then a unit renamed by hand and one missing
    units_load_official()
    Unit.objects.filter(code="VN-33").update(name="Tỉnh Sai Tên", search_name="tinh sai ten")
    ids_before = dict(Unit.objects.values_list("code", "pk"))
    # when
    report = units_load_official()
    # then nothing is duplicated, the name is back, ids are kept
    assert Unit.objects.count() == 3356
    assert report.total_created == 0
    assert report.updated == {K.PROVINCE: 1}
    assert report.unchanged == 3355
    province = Unit.objects.get(code="VN-33")
    assert province.name == "Tỉnh Hưng Yên"
    assert province.search_name == "tinh hung yen"
    assert dict(Unit.objects.values_list("code", "pk")) == ids_before
    assert AuditEntry.objects.filter(verb="unit.load_official").count() == 2


def test_load_units_normalises_the_type_prefix_of_names() -> None:
    # given the package spells one commune "xã Bắc Sơn" in lower case
    assert any(ward.name == "xã Bắc Sơn" for ward in Ward.iter_all())
    # when
    units_load_official(provinces=[20])
    # then
    assert Unit.objects.filter(name="Xã Bắc Sơn", kind=K.COMMUNE).count() == 1
    names = Unit.objects.values_list("name", flat=True)
    assert [name for name in names if name.startswith("xã ")] == []


def test_load_one_province_only() -> None:
    # when
    report = units_load_official(provinces=[33])
    # then
    province = Unit.objects.get(code="VN-33")
    assert province.name == "Tỉnh Hưng Yên"
    assert province.kind == K.PROVINCE
    assert province.admin_code == "33"
    communes = Unit.objects.filter(parent=province)
    assert communes.count() == len([w for w in Ward.iter_all() if int(w.province_code) == 33])
    assert report.total_created == 1 + 1 + communes.count()
    khoai_chau = Unit.objects.get(code="VN-12205")
    assert (khoai_chau.name, khoai_chau.kind, khoai_chau.admin_code) == (
        "Xã Khoái Châu",
        K.COMMUNE,
        "12205",
    )


def test_with_bodies_names_every_body_and_is_idempotent() -> None:
    # when
    first = units_load_official(provinces=[1, 24, 33, 79], with_bodies=True)
    second = units_load_official(provinces=[1, 24, 33, 79], with_bodies=True)
    # then
    assert second.total_created == 0
    assert second.total_updated == 0
    assert first.created[K.PARTY_COMMISSION] == 5  # the centre and the four provinces
    names = dict(Unit.objects.values_list("code", "name"))
    phu_dong = Unit.objects.get(name="Xã Phù Đổng")
    ba_dinh = Unit.objects.get(name="Phường Ba Đình")
    assert names[f"{phu_dong.code}-ubnd"] == "Ủy ban nhân dân xã Phù Đổng"
    assert names[f"{phu_dong.code}-dang-uy"] == "Đảng ủy xã Phù Đổng"
    assert names[f"{ba_dinh.code}-dang-uy"] == "Đảng ủy phường Ba Đình"
    assert names[f"{ba_dinh.code}-mttq"] == "Ủy ban Mặt trận Tổ quốc Việt Nam phường Ba Đình"
    assert names["VN-33-ubnd"] == "Ủy ban nhân dân tỉnh Hưng Yên"
    assert names["VN-33-dang-uy"] == "Tỉnh ủy Hưng Yên"
    assert names["VN-33-mttq"] == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên"
    assert names["VN-33-ban-tgdv"] == "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên"
    # Bắc Ninh is a centrally-run city in the package's 2026 data
    assert names["VN-24-mttq"] == "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Bắc Ninh"
    assert names["VN-24-dang-uy"] == "Thành ủy Bắc Ninh"
    assert names["VN-01-dang-uy"] == "Thành ủy Hà Nội"
    assert names["VN-79-ubnd"] == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert names["VN-dang-uy"] == "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"
    assert names["VN-ban-tgdv"] == "Ban Tuyên giáo và Dân vận Trung ương"
    commission = Unit.objects.get(code="VN-33-ban-tgdv")
    assert commission.path == "VN/VN-33/VN-33-dang-uy/VN-33-ban-tgdv"
    assert commission.kind == K.PARTY_COMMISSION
    # no People's Committee for the country
    assert "VN-ubnd" not in names


def test_reload_moves_units_outside_the_list_with_their_place() -> None:
    # given a commune that sits under the wrong province, with a village under it
    units_load_official(provinces=[1, 33])
    commune = Unit.objects.get(code="VN-12205")
    commune.parent = Unit.objects.get(code="VN-01")
    commune.save(update_fields=["parent"])
    village = Unit.objects.create(
        code="thon-dong-tao", name="Thôn Đông Tảo", kind=K.VILLAGE, parent=commune
    )
    assert village.path == "VN/VN-01/VN-12205/thon-dong-tao"
    # when
    report = units_load_official(provinces=[1, 33])
    # then
    assert report.updated == {K.COMMUNE: 1}
    village.refresh_from_db()
    assert village.path == "VN/VN-33/VN-12205/thon-dong-tao"


def test_full_reload_deactivates_places_no_longer_listed() -> None:
    # given an abolished commune with an official-looking code, and a body that is not a place
    units_load_official(provinces=[33])
    province = Unit.objects.get(code="VN-33")
    abolished = Unit.objects.create(
        code="VN-99999", name="Xã Đã Sáp Nhập", kind=K.COMMUNE, parent=province
    )
    body = Unit.objects.create(code="VN-33-so-x", name="Sở X", kind=K.DEPARTMENT, parent=province)
    # when
    report = units_load_official()
    # then
    abolished.refresh_from_db()
    body.refresh_from_db()
    assert report.deactivated == 1
    assert abolished.is_active is False
    assert body.is_active is True
    assert Unit.objects.filter(is_active=True, kind__in=Unit.COMMUNE_KINDS).count() == 3321
