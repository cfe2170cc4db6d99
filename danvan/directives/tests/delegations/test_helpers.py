"""Small pieces of the delegations area: names of rows, symbol folding, one-time keys."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from danvan.directives.models import Delegation, Directive, Document, Finding
from danvan.directives.selectors.delegations import document_by_symbol, fold_symbol
from danvan.directives.services import delegations as services
from danvan.directives.services.delegations_docx import title_without_kind
from danvan.directives.services.delegations_once import once_claim, once_done, once_release
from danvan.directives.tests.conftest import World
from danvan.directives.tests.delegations.conftest import members

pytestmark = pytest.mark.django_db


def test_rows_are_named_by_their_text(delegation: Delegation, world: World) -> None:
    session = delegation.sessions.first()
    assert session is not None
    finding = services.finding_add(
        delegation=delegation,
        actor=world.commission_officer,
        unit=session.unit,
        kind=Finding.Kind.STRENGTH,
        text="Ưu điểm " * 20,
    )
    recommendation = services.recommendation_add(
        finding=finding, actor=world.commission_officer, text="Kiến nghị", due_on=None
    )
    assert str(delegation) == delegation.title
    assert str(delegation.members.get(role="head")) == "Nguyễn Văn Trưởng"
    assert str(session) == f"{delegation.title} – {session.unit.name}"
    assert str(finding) == ("Ưu điểm " * 20)[:80]
    assert str(recommendation) == "Kiến nghị"


def test_symbols_are_folded_as_in_the_register(regulation: Document) -> None:
    assert fold_symbol("Số: 23 – QĐ/TW") == "23-QD/TW"
    assert fold_symbol("23-QÐ/TW") == "23-QD/TW"  # Icelandic eth from a scan
    assert document_by_symbol("23-QĐ/TW") == regulation
    assert document_by_symbol("  ") is None
    assert document_by_symbol("24-QĐ/TW") is None


def test_one_time_keys() -> None:
    assert once_claim("", fallback="/x/") is None  # no key: always acts
    assert once_claim("k", fallback="/x/") is None
    once_done("k", "/done/")
    assert once_claim("k", fallback="/x/") == "/done/"
    once_release("k")
    assert once_claim("k", fallback="/x/") is None


def test_a_delegation_may_follow_up_a_directive_the_person_manages(
    world: World, regulation: Document, frozen: None
) -> None:
    directive = Directive.objects.create(
        document=regulation, unit=world.commission, title="Thực hiện Quy định 23"
    )
    delegation = services.delegation_create(
        actor=world.commission_officer,
        unit=world.commission,
        kind=Delegation.Kind.SURVEY,
        title="Khảo sát",
        starts_on=dt.date(2026, 3, 16),
        ends_on=dt.date(2026, 3, 16),
        members=members(),
        visits=[],
        directive=directive,
    )
    assert delegation.directive == directive


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        ("Kiểm tra việc thực hiện Kế hoạch 18-KH/BTGDVTU", "việc thực hiện Kế hoạch 18-KH/BTGDVTU"),
        ("KHẢO SÁT việc tiếp công dân", "việc tiếp công dân"),
        ("giám sát: việc tiếp công dân", "việc tiếp công dân"),
        ("Kiem tra viec tiep cong dan", "viec tiep cong dan"),  # typed without diacritics
        ("Kiểm tra, giám sát việc tiếp công dân", "việc tiếp công dân"),
        ("Khảo sát và kiểm tra - việc tiếp công dân", "việc tiếp công dân"),
        ("Kiểm tra", ""),
        ("  việc thực hiện dân chủ ở cơ sở năm 2026 ", "việc thực hiện dân chủ ở cơ sở năm 2026"),
        ("việc kiểm tra nội bộ", "việc kiểm tra nội bộ"),  # a kind word later stays
        ("Kiểm tranh chấp đất đai", "Kiểm tranh chấp đất đai"),  # not the whole word
    ],
)
def test_a_leading_kind_word_is_dropped_from_the_printed_title(title: str, printed: str) -> None:
    # given a title as an officer may type it; when it is printed after the kind
    # then a leading kind word (any case, with or without diacritics) is not repeated
    assert title_without_kind(title) == printed


def test_a_title_typed_in_decomposed_unicode_is_folded_too() -> None:
    decomposed = unicodedata.normalize("NFD", "Kiểm tra việc tiếp công dân")
    assert title_without_kind(decomposed) == "việc tiếp công dân"
