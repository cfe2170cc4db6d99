"""The register's reads: search with and without diacritics, matching, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404

from danvan.directives.models import Document
from danvan.directives.selectors.register import (
    document_for_editor_or_404,
    document_for_reader_or_404,
    documents_by_symbol,
    documents_search,
    may_edit_document,
    may_manage_register,
    may_read_register,
    reference_candidates,
    register_filter_choices,
    register_fold,
    register_unit_or_404,
    search_index,
    search_words,
    symbol_words,
)
from danvan.directives.tests.conftest import World
from danvan.units.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(add_document: Any) -> dict[str, Document]:
    return {
        "ct33": add_document(
            "33/CT-TTg",
            issued_on=dt.date(2021, 12, 10),
            title="Về tiếp tục tăng cường, đổi mới công tác dân vận của cơ quan hành chính",
        ),
        "qd23": add_document(
            "23-QĐ/TW",
            issued_on=dt.date(2021, 7, 30),
            title="Ban hành Quy chế công tác dân vận của hệ thống chính trị",
        ),
        "nd30": add_document(
            "30/2020/NĐ-CP",
            issued_on=dt.date(2020, 3, 5),
            title="Về công tác văn thư",
            full_text="Điều 15. Số, ký hiệu của văn bản — đánh số theo năm",
        ),
        "ct330": add_document("330/CT-UBND", issued_on=dt.date(2020, 1, 2), title="Về phòng cháy"),
    }


def _symbols(query: str, **filters: Any) -> list[str]:
    return [document.symbol for document in documents_search(query=query, **filters)]


@pytest.mark.parametrize(
    "query", ["chi thi 33", "Chỉ thị 33", "33/CT-TTg", "33/CT-TTG", "33/ct-ttg", "CHỈ THỊ SỐ 33"]
)
def test_search_finds_the_directive_with_or_without_diacritics(
    register: dict[str, Document], query: str
) -> None:
    # when the officer searches the way people type it
    found = _symbols(query)
    # then the directive comes first
    assert found[0] == "33/CT-TTg"


def test_search_matches_whole_words_and_the_start_of_the_last(
    register: dict[str, Document],
) -> None:
    # "33" is not 330/CT-UBND (found as an unfinished word, after the whole one)
    assert _symbols("chi thi 33") == ["33/CT-TTg", "330/CT-UBND"]
    assert _symbols("33 ve phong") == []
    # an en dash (as in some texts) is a dash
    assert _symbols("33/CT–TTg") == ["33/CT-TTg"]
    assert _symbols("CT-TTg") == ["33/CT-TTg"]
    # the last word may be unfinished
    assert set(_symbols("chi thi 3")) == {"33/CT-TTg", "330/CT-UBND"}
    assert _symbols("cong tac van th")[0] == "30/2020/NĐ-CP"


def test_the_whole_phrase_ranks_first(register: dict[str, Document]) -> None:
    # "văn thư" (records) folds like "vận" + "thủ": the phrase comes before the scattered words
    assert _symbols("van thu") == ["30/2020/NĐ-CP", "33/CT-TTg"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dan van", {"33/CT-TTg", "23-QĐ/TW"}),
        ("dân vận", {"33/CT-TTg", "23-QĐ/TW"}),
        ("QĐ 23", {"23-QĐ/TW"}),
        ("quyet dinh 23", {"23-QĐ/TW"}),
        ("23-QD/TW", {"23-QĐ/TW"}),
        ("QĐ/TW", {"23-QĐ/TW"}),
        ("đánh số theo năm", {"30/2020/NĐ-CP"}),
        ("Điều 15.", {"30/2020/NĐ-CP"}),
        ("nghi dinh 30/2020", {"30/2020/NĐ-CP"}),
        ("thủ tướng", {"33/CT-TTg"}),
        ("phong chay chua chay", set()),
    ],
)
def test_search_folds_titles_text_and_issuers(
    register: dict[str, Document], query: str, expected: set[str]
) -> None:
    assert set(_symbols(query)) == expected


def test_filters_narrow_the_list(register: dict[str, Document]) -> None:
    assert _symbols("", family="party") == ["23-QĐ/TW"]
    assert set(_symbols("", doc_type="directive")) == {"33/CT-TTg", "330/CT-UBND"}
    assert _symbols("", issuer="CP") == ["30/2020/NĐ-CP"]
    assert set(_symbols("", year=2021)) == {"33/CT-TTg", "23-QĐ/TW"}
    assert _symbols("cong tac", year=2020) == ["30/2020/NĐ-CP"]
    # and with no query, newest first
    assert _symbols("") == ["33/CT-TTg", "23-QĐ/TW", "30/2020/NĐ-CP", "330/CT-UBND"]


def test_filter_choices_list_what_the_register_holds(register: dict[str, Document]) -> None:
    choices = register_filter_choices()
    assert choices.issuers == ["CP", "TTg", "TW", "UBND"]
    assert choices.years == [2021, 2020]


def test_fold_maps_eth_dashes_and_d() -> None:
    assert register_fold("Quyết định 127-QÐ/TW — Đảng") == "quyet dinh 127-qd/tw - dang"
    assert search_words("(Điều 15), “văn bản” — số: 33/CT-TTg.") == [
        "dieu", "15", "van", "ban", "so", "33/ct-ttg"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("symbol", "words"),
    [
        ("33/CT-TTg", ["33/ct-ttg", "33", "ct-ttg", "ct", "ttg"]),
        (
            "30/2020/NĐ-CP",
            ["30/2020/nd-cp", "30", "2020", "nd-cp", "nd", "cp", "2020/nd-cp", "30/2020"],
        ),
        ("23-QĐ/TW", ["23-qd/tw", "23-qd", "tw", "23", "qd", "qd/tw"]),
    ],
)
def test_symbol_words(symbol: str, words: list[str]) -> None:
    assert symbol_words(symbol) == words
    assert search_index(symbol).startswith(" ")
    assert search_index(symbol).endswith(" ")


# ------------------------------------------------------------------ matching


def test_candidates_are_narrowed_by_date_year_and_term(add_document: Any) -> None:
    # given numbers that repeat: State by year, Party by term
    a2024 = add_document("575/QĐ-UBND", issued_on=dt.date(2024, 3, 1))
    a2025 = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 3))
    p_old = add_document("127-QĐ/TW", issued_on=dt.date(2018, 5, 1), party_term="2015-2020")
    p_new = add_document("127-QĐ/TW", issued_on=dt.date(2026, 1, 9))
    legal = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20))
    # then
    assert reference_candidates(symbol_key="575/QD-UBND", issued_on=None) == [a2024, a2025]
    assert reference_candidates(symbol_key="575/QD-UBND", issued_on=dt.date(2025, 3, 3)) == [a2025]
    assert reference_candidates(symbol_key="575/QD-UBND", issued_on=dt.date(2025, 9, 9)) == [a2025]
    assert reference_candidates(symbol_key="575/QD-UBND", issued_on=dt.date(2023, 1, 1)) == []
    assert reference_candidates(symbol_key="127-QD/TW", issued_on=dt.date(2026, 5, 5)) == [p_new]
    assert reference_candidates(symbol_key="127-QD/TW", issued_on=dt.date(2019, 5, 5)) == [p_old]
    assert reference_candidates(symbol_key="55/2024/ND-CP", issued_on=dt.date(2024, 5, 21)) == [
        legal
    ]
    assert reference_candidates(symbol_key="9/QD-UBND", issued_on=dt.date(2024, 5, 21)) == []
    assert documents_by_symbol(key="575/QD-UBND", year=2024, exclude_pk=None) == [a2024]
    assert documents_by_symbol(key="575/QD-UBND", year=None, exclude_pk=a2024.pk) == [a2025]


def test_undated_entries_fit_any_date(add_document: Any) -> None:
    stub = add_document("575/QĐ-UBND", is_stub=True)
    party_stub = add_document("12-TB/TU", is_stub=True)
    assert reference_candidates(symbol_key="575/QD-UBND", issued_on=dt.date(2025, 1, 1)) == [stub]
    assert reference_candidates(symbol_key="12-TB/TU", issued_on=dt.date(2025, 1, 1)) == [
        party_stub
    ]


# ------------------------------------------------------------------ access


def test_every_staff_member_reads_citizens_do_not(world: World, reader: User) -> None:
    assert may_read_register(world.commission_officer)
    assert may_read_register(reader)
    assert not may_read_register(world.citizen)


def test_managers_of_the_working_unit_register_documents(
    world: World, reader: User, commune_head: User
) -> None:
    assert register_unit_or_404(world.commission_officer, world.commission) == world.commission
    assert may_manage_register(commune_head, world.committees[0])
    assert not may_manage_register(reader, world.committees[0])
    assert not may_manage_register(world.commission_officer, None)
    with pytest.raises(Http404):
        register_unit_or_404(reader, world.committees[0])


def test_an_entry_is_edited_by_those_who_direct_the_unit_that_entered_it(
    world: World, commune_head: User, add_document: Any
) -> None:
    # given an entry of the provincial commission and one of the commune
    province_entry = add_document("33/CT-TTg", issued_on=dt.date(2021, 12, 10))
    commune_entry = add_document(
        "05/KH-UBND", issued_on=dt.date(2026, 1, 5), unit=world.committees[0]
    )
    officer = world.commission_officer
    # then the commission edits both, the commune head only the commune's
    assert may_edit_document(officer, commune_entry, world.commission)
    assert may_edit_document(commune_head, commune_entry, world.committees[0])
    assert not may_edit_document(commune_head, province_entry, world.committees[0])
    assert document_for_editor_or_404(officer, province_entry.pk, world.commission).pk
    with pytest.raises(Http404):
        document_for_editor_or_404(commune_head, province_entry.pk, world.committees[0])
    # and reading: the same 404 for a citizen and for a missing entry
    assert document_for_reader_or_404(commune_head, province_entry.pk) == province_entry
    with pytest.raises(Http404):
        document_for_reader_or_404(world.citizen, province_entry.pk)
    with pytest.raises(Http404):
        document_for_reader_or_404(officer, 999_999)
