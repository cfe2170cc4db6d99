"""Tree reads: children, subtree, ancestors, diacritic-insensitive search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.units.models import Unit
from danvan.units.selectors import (
    unit_ancestors,
    unit_get_by_code,
    unit_list_children,
    unit_search,
    unit_subtree,
)
from danvan.units.tests.conftest import Tree
from danvan.units.tests.factories import UnitFactory

K = Unit.Kind


def codes(units: object) -> list[str]:
    return [unit.code for unit in units]  # type: ignore[attr-defined]


def test_children_are_direct_and_active_only(tree: Tree) -> None:
    # given
    UnitFactory.create(code="VN-99998", name="Xã Cũ", parent=tree.province, is_active=False)
    # when / then
    assert codes(unit_list_children(unit=tree.province)) == ["VN-11953", "VN-12205", "VN-33-ubnd"]
    assert codes(unit_list_children(unit=tree.province, kinds=Unit.COMMUNE_KINDS)) == [
        "VN-11953",
        "VN-12205",
    ]
    assert "VN-99998" in codes(unit_list_children(unit=tree.province, active_only=False))


def test_subtree_is_one_query_at_any_depth(tree: Tree) -> None:
    # when
    with CaptureQueriesContext(connection) as queries:
        found = codes(unit_subtree(unit=tree.province))
    # then
    assert len(queries) == 1
    assert found == ["VN-33", "VN-11953", "VN-12205", "VN-12205-ubnd", "VN-33-ubnd"]
    assert codes(unit_subtree(unit=tree.commune, include_self=False)) == ["VN-12205-ubnd"]
    assert codes(unit_subtree(unit=tree.country, kinds=[K.WARD])) == ["VN-00004", "VN-11953"]


def test_subtree_does_not_match_codes_that_only_share_a_prefix(tree: Tree) -> None:
    # given "VN-3" would be a prefix of "VN-33" without the separator
    lookalike = UnitFactory.create(
        code="VN-3", name="Tỉnh Giả", kind=K.PROVINCE, parent=tree.country
    )
    # then
    assert codes(unit_subtree(unit=lookalike)) == ["VN-3"]


def test_ancestors_from_the_root_down(tree: Tree) -> None:
    assert codes(unit_ancestors(unit=tree.commune_committee)) == ["VN", "VN-33", "VN-12205"]
    assert codes(unit_ancestors(unit=tree.country)) == []
    assert codes(unit_ancestors(unit=tree.ward, include_self=True)) == ["VN", "VN-33", "VN-11953"]


@pytest.mark.parametrize(
    "query",
    ["Khoái Châu", "khoai chau", "KHOAI CHAU", "xa khoai", "châu khoái", "  khoai   chau "],
)
def test_search_ignores_diacritics_case_and_word_order(tree: Tree, query: str) -> None:
    assert "VN-12205" in codes(unit_search(query=query))


def test_search_folds_d_with_stroke(tree: Tree) -> None:
    # given
    UnitFactory.create(code="VN-00001", name="Xã Phù Đổng", parent=tree.other_province)
    # then
    assert codes(unit_search(query="phu dong")) == ["VN-00001"]
    assert codes(unit_search(query="Đổng")) == ["VN-00001"]
    assert codes(unit_search(query="dong")) == ["VN-00001"]


def test_search_ranks_prefix_first_and_filters(tree: Tree) -> None:
    # given
    UnitFactory.create(
        code="VN-00002", name="Phường Hưng Yên Mới", kind=K.WARD, parent=tree.other_province
    )
    # when
    found = codes(unit_search(query="hung yen"))
    # then the province ("tinh hung yen" starts with neither) and the bodies are all found
    assert set(found) == {"VN-33", "VN-33-ubnd", "VN-00002"}
    assert codes(unit_search(query="tinh hung yen"))[0] == "VN-33"
    assert codes(unit_search(query="hung yen", kinds=[K.WARD])) == ["VN-00002"]
    assert codes(unit_search(query="hung yen", within=tree.province)) == ["VN-33", "VN-33-ubnd"]
    assert unit_search(query="   ") == []


def test_search_by_administrative_code(tree: Tree) -> None:
    # given
    tree.commune.admin_code = "12205"
    tree.commune.save(update_fields=["admin_code"])
    # then
    assert codes(unit_search(query="12205")) == ["VN-12205"]


def test_search_skips_inactive_units_unless_asked(tree: Tree) -> None:
    # given
    UnitFactory.create(code="VN-99997", name="Xã Khoái Cũ", parent=tree.province, is_active=False)
    # then
    assert "VN-99997" not in codes(unit_search(query="khoai"))
    assert "VN-99997" in codes(unit_search(query="khoai", active_only=False))


def test_get_by_code(tree: Tree) -> None:
    assert unit_get_by_code(code="VN-33") == tree.province
    assert unit_get_by_code(code="nope") is None
