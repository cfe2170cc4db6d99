"""The register's writes: identity rules (DOMAIN.md §7.3), links, deletion, references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import Directive, Document, DocumentLink, Reference
from danvan.directives.services import register as register_services
from danvan.directives.services.register import (
    document_delete,
    document_delete_blockers,
    document_link,
    document_register,
    document_unlink,
    document_update,
    issuer_name_for,
    reference_link,
    reference_stub_create,
    reference_unlink,
    references_extract,
    references_stubs_create,
)
from danvan.directives.tests.conftest import World
from danvan.directives.tests.register.conftest import DIRECTIVE_TEXT
from danvan.units.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages are compared with their English msgids (the catalogue may change wording)."""
    with translation.override("en"):
        yield


def _verbs() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("verb", flat=True))


# ------------------------------------------------------------------ symbols and identity


def test_create_stores_the_canonical_symbol_and_what_it_says(add_document: Any) -> None:
    # given a Party decision typed the way English texts write it
    # when it is entered
    document = add_document("127-QD/TW", issued_on=dt.date(2024, 5, 3))
    # then the register keeps the spelling with Đ and reads the rest from the symbol
    assert document.symbol == "127-QĐ/TW"
    assert document.symbol_key == "127-QD/TW"
    assert document.number == "127"
    assert document.issuer_code == "TW"
    assert document.family == Document.Family.PARTY
    assert document.doc_type == Document.Type.DECISION
    assert document.party_term == "2020-2025"
    assert document.issuer_name == "Ban Chấp hành Trung ương Đảng"
    assert document.registered_by_unit is not None
    assert "directives_document.create" in _verbs()


def test_an_unrecognised_symbol_is_refused_with_the_typed_text(add_document: Any) -> None:
    # given a symbol with no known shape
    # when it is entered
    with pytest.raises(ApplicationError) as error:
        add_document("Công văn gửi các xã", issued_on=dt.date(2026, 1, 5))
    # then the message quotes it and shows the shapes expected
    assert "Công văn gửi các xã" in error.value.message
    assert "127-QĐ/TW" in error.value.message
    assert not Document.objects.exists()


def test_party_number_repeating_in_another_term_is_another_document(add_document: Any) -> None:
    # given 127-QĐ/TW of the 2020-2025 term
    first = add_document("127-QĐ/TW", issued_on=dt.date(2024, 5, 3))
    # when the next term issues its own 127-QĐ/TW
    second = add_document("127-QĐ/TW", issued_on=dt.date(2026, 1, 9))
    # then both are in the register, told apart by the term
    assert first.pk != second.pk
    assert (first.party_term, second.party_term) == ("2020-2025", "2025-2030")
    # and the same number again in the same term is refused, naming the existing entry
    with pytest.raises(ApplicationError) as error:
        add_document("127-QD/TW", issued_on=dt.date(2025, 12, 1))
    assert error.value.extra["existing"] == second
    assert "127-QĐ/TW" in error.value.message


def test_a_typed_party_term_identifies_the_document(add_document: Any) -> None:
    # given a Party document whose date is unknown but whose term is
    document = add_document("05-CT/TU", party_term="2015-2020")
    # then it is kept with that term, and another term's 05-CT/TU is another document
    assert document.party_term == "2015-2020"
    other = add_document("05-CT/TU", issued_on=dt.date(2026, 2, 2))
    assert other.pk != document.pk
    with pytest.raises(ApplicationError):
        add_document("05-CT/TU", party_term="2015 - 2020")


def test_state_administrative_number_repeating_next_year_is_another_document(
    add_document: Any,
) -> None:
    # given 575/QĐ-UBND of 2024
    add_document("575/QĐ-UBND", issued_on=dt.date(2024, 3, 1))
    # when 575/QĐ-UBND of 2025 is entered
    again = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1))
    # then it is accepted; a second one in 2025 is not
    assert again.issued_on == dt.date(2025, 3, 1)
    with pytest.raises(ApplicationError):
        add_document("575/QD-UBND", issued_on=dt.date(2025, 11, 20))
    assert Document.objects.count() == 2


def test_a_legal_normative_symbol_is_unique_by_itself(add_document: Any) -> None:
    add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20))
    with pytest.raises(ApplicationError) as error:
        add_document("55/2024/ND-CP")
    assert "55/2024/NĐ-CP" in error.value.message


@pytest.mark.parametrize(
    ("symbol", "values", "expected"),
    [
        ("575/QĐ-UBND", {}, "Enter the date of issue"),
        ("127-QĐ/TW", {}, "Enter the date of issue or the Party term"),
        ("575/QĐ-UBND", {"issued_on": dt.date(2026, 4, 1)}, "cannot be in the future"),
        ("55/2024/NĐ-CP", {"issued_on": dt.date(2023, 5, 20)}, "carries the year 2024"),
        ("127-QĐ/TW", {"party_term": "2025"}, "two years"),
        ("127-QĐ/TW", {"party_term": "2030-2020"}, "two years"),
    ],
)
def test_details_that_cannot_identify_the_document_are_refused(
    add_document: Any, symbol: str, values: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        add_document(symbol, **values)
    assert expected in error.value.message
    assert not Document.objects.exists()


def test_the_type_chosen_by_the_officer_wins_over_the_symbol(add_document: Any) -> None:
    # given a Party "QĐ" that is a Regulation (Quy định), not a Decision
    document = add_document(
        "178-QĐ/TW", issued_on=dt.date(2024, 6, 27), doc_type=Document.Type.REGULATION
    )
    assert document.doc_type == Document.Type.REGULATION
    # and an unknown type falls back to the symbol's
    other = add_document("179-QĐ/TW", issued_on=dt.date(2024, 6, 27), doc_type="nonsense")
    assert other.doc_type == Document.Type.DECISION


def test_issuer_names_of_usual_bodies() -> None:
    assert issuer_name_for("TTg") == "Thủ tướng Chính phủ"
    assert issuer_name_for("QH15") == "Quốc hội"
    assert issuer_name_for("UBTVQH14") == "Ủy ban Thường vụ Quốc hội"
    assert issuer_name_for("UBND") == ""


def test_search_text_is_folded(add_document: Any) -> None:
    document = add_document(
        "33/CT-TTg", issued_on=dt.date(2021, 12, 10), title="Về công tác dân vận"
    )
    assert "33/ct-ttg" in document.search_text
    assert "chi thi" in document.search_text
    assert "ve cong tac dan van" in document.search_text
    assert "thu tuong chinh phu" in document.search_text


def test_the_same_form_sent_twice_makes_one_entry(add_document: Any) -> None:
    # given a create form with its one-time key, sent once
    key = "k" * 32
    first = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1), submission_key=key)
    # when it is sent again (double click)
    second = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1), submission_key=key)
    # then the first entry is returned and nothing else is made or logged
    assert second.pk == first.pk
    assert Document.objects.count() == 1
    assert _verbs().count("directives_document.create") == 1


def test_a_file_is_stored_with_the_document(add_document: Any) -> None:
    document = add_document(
        "575/QĐ-UBND", issued_on=dt.date(2025, 3, 1), file_name="qd575.pdf", file_data=b"%PDF"
    )
    assert document.file.name.endswith(".pdf")
    with document.file.open("rb") as handle:
        assert handle.read() == b"%PDF"


# ------------------------------------------------------------------ stubs


def test_registering_the_document_completes_its_stub(
    world: World, officer: User, add_document: Any
) -> None:
    # given a stub made from a reference that gave no date (its year is unknown)
    stub = add_document("575/QĐ-UBND", is_stub=True, title="Kế hoạch", unit=None)
    assert stub.identity_key == "575/QD-UBND@?"
    # when the document itself is entered with its date
    document = add_document(
        "575/QĐ-UBND", issued_on=dt.date(2025, 3, 1), full_text="Nội dung", title=""
    )
    # then the stub is completed (same entry, its title kept), not duplicated
    assert document.pk == stub.pk
    assert document.is_stub is False
    assert document.identity_key == "575/QD-UBND@2025"
    assert document.title == "Kế hoạch"
    assert document.registered_by_unit == world.commission
    assert Document.objects.count() == 1
    assert "directives_document.complete" in _verbs()


def test_a_stub_with_the_same_identity_is_completed(add_document: Any) -> None:
    stub = add_document("55/2024/NĐ-CP", is_stub=True)
    document = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20), file_data=b"x")
    assert document.pk == stub.pk
    assert document.file
    # a second stub of it is refused like any duplicate
    with pytest.raises(ApplicationError):
        add_document("55/2024/NĐ-CP", is_stub=True)


def test_a_stub_ignores_an_impossible_date(add_document: Any) -> None:
    stub = add_document("55/2024/NĐ-CP", is_stub=True, issued_on=dt.date(2030, 1, 1))
    assert stub.issued_on is None


# ------------------------------------------------------------------ update and delete


def test_update_corrects_the_entry_and_reads_a_new_text(officer: User, add_document: Any) -> None:
    # given an entry without text, and the decision its text will cite
    cited = add_document("23-QĐ/TW", issued_on=dt.date(2021, 7, 30))
    document = add_document("33/CT-TTg", issued_on=dt.date(2021, 12, 10), is_stub=True)
    # when the officer corrects it and pastes the text
    document_update(
        document=document,
        actor=officer,
        symbol="33/CT-TTG",
        issued_on=dt.date(2021, 12, 10),
        title="Về công tác dân vận",
        full_text=DIRECTIVE_TEXT,
    )
    # then it is complete, and its references are found and linked
    document.refresh_from_db()
    assert document.is_stub is False
    assert document.title == "Về công tác dân vận"
    assert document.references.get(symbol_key="23-QD/TW").target == cited
    assert _verbs()[-2:] == ["directives_document.update", "directives_document.extract"]


def test_update_refuses_the_identity_of_another_entry(officer: User, add_document: Any) -> None:
    add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1))
    document = add_document("576/QĐ-UBND", issued_on=dt.date(2025, 3, 2))
    with pytest.raises(ApplicationError) as error:
        document_update(
            document=document,
            actor=officer,
            symbol="575/QĐ-UBND",
            issued_on=dt.date(2025, 3, 2),
        )
    assert "575/QĐ-UBND" in error.value.message
    document.refresh_from_db()
    assert document.symbol == "576/QĐ-UBND"


def test_update_replaces_and_removes_the_file(officer: User, add_document: Any) -> None:
    document = add_document(
        "575/QĐ-UBND", issued_on=dt.date(2025, 3, 1), file_name="a.txt", file_data=b"a"
    )
    values: dict[str, Any] = {"symbol": "575/QĐ-UBND", "issued_on": dt.date(2025, 3, 1)}
    document_update(document=document, actor=officer, file_name="b.txt", file_data=b"b", **values)
    with document.file.open("rb") as handle:
        assert handle.read() == b"b"
    document_update(document=document, actor=officer, remove_file=True, **values)
    document.refresh_from_db()
    assert not document.file


def test_delete_is_refused_while_something_points_at_the_document(
    world: World, officer: User, add_document: Any
) -> None:
    # given a decision another document replaces, cites, and a directive follows up
    old = add_document("30/2020/NĐ-CP", issued_on=dt.date(2020, 3, 5))
    new = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20))
    document_link(source=new, target=old, kind="replaces", actor=officer)
    Reference.objects.create(
        document=new,
        symbol="30/2020/NĐ-CP",
        symbol_key="30/2020/ND-CP",
        doc_type="decree",
        target=old,
    )
    Directive.objects.create(document=old, unit=world.commission, title="Theo dõi")
    # when deletion is asked
    reasons = document_delete_blockers(old)
    # then each reason is given and nothing is deleted
    assert len(reasons) == 3
    with pytest.raises(ApplicationError) as error:
        document_delete(document=old, actor=officer)
    assert "30/2020/NĐ-CP" in error.value.message
    assert Document.objects.filter(pk=old.pk).exists()
    # and the citing document, which nothing points at, may go (its links with it)
    document_delete(document=new, actor=officer)
    assert not Document.objects.filter(pk=new.pk).exists()
    assert not DocumentLink.objects.exists()
    assert "directives_document.delete" in _verbs()


# ------------------------------------------------------------------ links


def test_link_is_idempotent_and_refuses_self_and_contradiction(
    officer: User, add_document: Any
) -> None:
    old = add_document("30/2020/NĐ-CP", issued_on=dt.date(2020, 3, 5))
    new = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20))
    # when the same link is recorded twice
    first = document_link(source=new, target=old, kind="replaces", actor=officer)
    second = document_link(source=new, target=old, kind="replaces", actor=officer)
    # then there is one link and one audit entry
    assert first.pk == second.pk
    assert _verbs().count("directives_document.link") == 1
    # a document is not linked to itself, nor said to replace what replaces it
    with pytest.raises(ApplicationError, match="itself"):
        document_link(source=new, target=new, kind="cites", actor=officer)
    with pytest.raises(ApplicationError) as error:
        document_link(source=old, target=new, kind="replaces", actor=officer)
    assert "55/2024/NĐ-CP" in error.value.message
    with pytest.raises(ApplicationError):
        document_link(source=old, target=new, kind="overrides", actor=officer)
    # citing both ways is possible
    document_link(source=old, target=new, kind="cites", actor=officer)
    # and unlinking removes the link, audited
    document_unlink(link=first, actor=officer)
    assert not DocumentLink.objects.filter(kind="replaces").exists()
    assert "directives_document.unlink" in _verbs()


# ------------------------------------------------------------------ references


def _register_directive(world: World, officer: User, **values: Any) -> Any:
    return document_register(
        actor=officer,
        unit=world.commission,
        symbol="33/CT-TTg",
        issued_on=dt.date(2021, 12, 10),
        title="Về tiếp tục tăng cường, đổi mới công tác dân vận",
        full_text=DIRECTIVE_TEXT,
        **values,
    )


def test_register_finds_stores_and_links_the_references(
    world: World, officer: User, add_document: Any
) -> None:
    # given the Politburo's decision already in the register
    decision = add_document("23-QĐ/TW", issued_on=dt.date(2021, 7, 30))
    # when the directive is registered with its text
    registered = _register_directive(world, officer)
    document = registered.document
    # then every cited document is a reference (not the directive's own number)
    references = {ref.symbol: ref for ref in document.references.all()}
    assert set(references) == {"23-QĐ/TW", "114-KL/TW", "16/2008/CT-TTg", "30/2020/NĐ-CP"}
    decision_ref = references["23-QĐ/TW"]
    assert decision_ref.target == decision
    assert decision_ref.mentions == 2
    assert decision_ref.dates_seen == ["2021-07-30", "2021-07-31"]
    assert decision_ref.relation == "implements"
    assert references["16/2008/CT-TTg"].relation == "replaces"
    assert references["114-KL/TW"].issued_on == dt.date(2015, 7, 14)
    assert references["114-KL/TW"].target is None
    # the relation found becomes a link, the two dates a warning
    assert DocumentLink.objects.filter(source=document, target=decision, kind="implements")
    assert [w["code"] for w in document.extraction_warnings] == ["conflicting_dates"]
    summary = registered.summary
    assert (summary.references, summary.linked, summary.missing) == (4, 1, 3)
    assert summary.relations == 1


def test_registering_the_same_submission_again_does_nothing(world: World, officer: User) -> None:
    first = _register_directive(world, officer, submission_key="s" * 32)
    again = _register_directive(world, officer, submission_key="s" * 32)
    assert again.document.pk == first.document.pk
    assert again.summary is None
    assert Document.objects.count() == 1
    assert _verbs().count("directives_document.extract") == 1


def test_a_stub_made_from_a_reference_is_linked_with_its_relation(
    world: World, officer: User
) -> None:
    # given the directive registered; the directive it replaces is not in the register
    document = _register_directive(world, officer).document
    reference = document.references.get(symbol="16/2008/CT-TTg")
    # when "create entry" is pressed (twice)
    stub = reference_stub_create(reference=reference, actor=officer, unit=world.commission)
    again = reference_stub_create(reference=reference, actor=officer, unit=world.commission)
    # then one stub exists, with what the text said, linked by "replaces"
    assert again.pk == stub.pk
    assert stub.is_stub
    assert (stub.symbol, stub.issued_on, stub.doc_type) == (
        "16/2008/CT-TTg",
        dt.date(2008, 5, 30),
        "directive",
    )
    reference.refresh_from_db()
    assert reference.target == stub
    assert DocumentLink.objects.filter(source=document, target=stub, kind="replaces").exists()
    assert "directives_reference.stub" in _verbs()


def test_create_all_missing_makes_one_stub_per_missing_reference(
    world: World, officer: User, add_document: Any
) -> None:
    add_document("23-QĐ/TW", issued_on=dt.date(2021, 7, 30))
    document = _register_directive(world, officer).document
    made = references_stubs_create(document=document, actor=officer, unit=world.commission)
    assert made == 3
    assert not document.references.filter(target=None).exists()
    assert Document.objects.filter(is_stub=True).count() == 3
    assert references_stubs_create(document=document, actor=officer, unit=world.commission) == 0


def test_registering_a_cited_document_later_links_the_waiting_references(
    world: World, officer: User, add_document: Any
) -> None:
    # given the directive registered before the conclusion it cites
    document = _register_directive(world, officer).document
    # when the conclusion is registered
    conclusion = add_document("114-KL/TW", issued_on=dt.date(2015, 7, 14))
    # then the directive's reference to it is linked
    assert document.references.get(symbol="114-KL/TW").target == conclusion
    assert "directives_reference.resolve" in _verbs()


def test_relations_between_two_cited_documents_become_links(
    world: World, officer: User, add_document: Any
) -> None:
    # given a text saying one decree replaced another, the old decree registered
    old = add_document("30/2020/NĐ-CP", issued_on=dt.date(2020, 3, 5))
    text = (
        "Nghị định số 55/2024/NĐ-CP ngày 20/5/2024 thay thế Nghị định số 30/2020/NĐ-CP "
        "ngày 05/3/2020 của Chính phủ."
    )
    plan = add_document("12/KH-UBND", issued_on=dt.date(2025, 1, 6), full_text=text)
    references_extract(document=plan, actor=officer)
    assert plan.extraction_relations == [
        {"from": "55/2024/ND-CP", "to": "30/2020/ND-CP", "kind": "replaces"}
    ]
    # when the new decree is registered
    new = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20))
    # then the link between the two decrees is made
    assert DocumentLink.objects.filter(source=new, target=old, kind="replaces").exists()


def test_several_entries_with_the_cited_symbol_are_left_for_the_officer(
    world: World, officer: User, add_document: Any
) -> None:
    # given 575/QĐ-UBND of 2024 and of 2025
    of_2024 = add_document("575/QĐ-UBND", issued_on=dt.date(2024, 3, 1))
    of_2025 = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 3))
    # when one text cites it without a date and another with a 2025 date
    undated = add_document(
        "01/KH-UBND",
        issued_on=dt.date(2026, 1, 5),
        full_text="Căn cứ Quyết định số 575/QĐ-UBND của UBND tỉnh về việc ban hành kế hoạch.",
    )
    dated = add_document(
        "02/KH-UBND",
        issued_on=dt.date(2026, 1, 6),
        full_text="Căn cứ Quyết định số 575/QĐ-UBND ngày 03/3/2025 của UBND tỉnh.",
    )
    references_extract(document=undated, actor=officer)
    references_extract(document=dated, actor=officer)
    # then the dated one is linked to the 2025 decision, the undated one waits
    assert dated.references.get().target == of_2025
    reference = undated.references.get()
    assert reference.target is None
    assert reference.title == "ban hành kế hoạch"
    assert references_stubs_create(document=undated, actor=officer, unit=None) == 0
    # and the officer links it by hand
    reference_link(reference=reference, target=of_2024, actor=officer)
    reference.refresh_from_db()
    assert reference.target == of_2024
    with pytest.raises(ApplicationError):
        reference_link(reference=reference, target=dated, actor=officer)
    assert reference_link(reference=reference, target=of_2024, actor=officer) == reference
    # or undoes a wrong link
    reference_unlink(reference=reference, actor=officer)
    reference.refresh_from_db()
    assert reference.target is None
    assert reference_unlink(reference=reference, actor=officer).target is None


def test_reading_a_changed_text_updates_the_references(officer: User, add_document: Any) -> None:
    document = add_document(
        "12/KH-UBND",
        issued_on=dt.date(2025, 1, 6),
        full_text="Thực hiện Chỉ thị số 33/CT-TTg và Kết luận số 114-KL/TW.",
    )
    references_extract(document=document, actor=officer)
    assert document.references.count() == 2
    document_update(
        document=document,
        actor=officer,
        symbol="12/KH-UBND",
        issued_on=dt.date(2025, 1, 6),
        full_text="Thực hiện Chỉ thị số 33/CT-TTg, hai lần: Chỉ thị 33/CT-TTg.",
    )
    assert list(document.references.values_list("symbol", "mentions")) == [("33/CT-TTg", 2)]


def test_a_text_citing_its_own_number_does_not_cite_itself(
    officer: User, add_document: Any
) -> None:
    document = add_document(
        "12/KH-UBND",
        issued_on=dt.date(2025, 1, 6),
        full_text="Kế hoạch này (Kế hoạch số 12/KH-UBND) thực hiện Chỉ thị số 33/CT-TTg.",
    )
    references_extract(document=document, actor=officer)
    assert list(document.references.values_list("symbol", flat=True)) == ["33/CT-TTg"]


# ------------------------------------------------------------------ two requests at once


def test_a_double_click_racing_past_the_check_returns_the_first_entry(
    monkeypatch: pytest.MonkeyPatch, add_document: Any
) -> None:
    # given the first click made the entry (with its file) ...
    first = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1), submission_key="r" * 32)
    # ... and the second click checked for it before the first one was committed
    monkeypatch.setattr(register_services, "_by_submission", lambda key: None)
    monkeypatch.setattr(register_services, "_by_identity", lambda identity, **kw: None)
    # when the second one saves
    second = add_document(
        "575/QĐ-UBND",
        issued_on=dt.date(2025, 3, 1),
        submission_key="r" * 32,
        file_name="b.txt",
        file_data=b"second",
    )
    # then the database's unique key sends it to the first entry; its file is not kept
    assert second.pk == first.pk
    assert not second.file
    assert Document.objects.count() == 1


def test_two_officers_racing_with_the_same_document_get_the_usual_message(
    monkeypatch: pytest.MonkeyPatch, add_document: Any
) -> None:
    first = add_document("575/QĐ-UBND", issued_on=dt.date(2025, 3, 1))
    monkeypatch.setattr(register_services, "_by_identity", lambda identity, **kw: None)
    with pytest.raises(ApplicationError) as error:
        add_document("575/QĐ-UBND", issued_on=dt.date(2025, 5, 1), file_data=b"x")
    assert error.value.extra["existing"] == first


def test_a_double_click_completing_a_stub_completes_it_once(
    monkeypatch: pytest.MonkeyPatch, add_document: Any
) -> None:
    # given a stub, completed by the first click
    stale = add_document("55/2024/NĐ-CP", is_stub=True)
    add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20), submission_key="c" * 32)
    # when the second click had found the stub still a stub
    monkeypatch.setattr(register_services, "_by_submission", lambda key: None)
    monkeypatch.setattr(register_services, "_by_identity", lambda identity, **kw: stale)
    again = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20), submission_key="c" * 32)
    # then it finds, under the row lock, that its own form completed it
    assert again.pk == stale.pk
    assert _verbs().count("directives_document.complete") == 1


# ------------------------------------------------------------------ odd references


def test_a_reference_to_the_document_itself_is_not_linked(officer: User, add_document: Any) -> None:
    document = add_document("12/KH-UBND", issued_on=dt.date(2025, 1, 6))
    reference = Reference.objects.create(
        document=document, symbol="12/KH-UBND", symbol_key="12/KH-UBND", doc_type="plan"
    )
    with pytest.raises(ApplicationError, match="itself"):
        reference_link(reference=reference, target=document, actor=officer)


def test_a_stub_for_a_document_already_registered_links_it(
    world: World, officer: User, add_document: Any
) -> None:
    # given a reference left unlinked although its document is registered
    decree = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20))
    plan = add_document("12/KH-UBND", issued_on=dt.date(2025, 1, 6))
    reference = Reference.objects.create(
        document=plan, symbol="55/2024/NĐ-CP", symbol_key="55/2024/ND-CP", doc_type="decree"
    )
    # when "create entry" is pressed, the registered document is linked instead
    assert reference_stub_create(reference=reference, actor=officer, unit=None) == decree
    reference.refresh_from_db()
    assert reference.target == decree
    # and a reference whose symbol cannot be read is refused
    broken = Reference.objects.create(document=plan, symbol="???", symbol_key="???")
    with pytest.raises(ApplicationError):
        reference_stub_create(reference=broken, actor=officer, unit=world.commission)


def test_links_and_references_read_as_their_symbols(add_document: Any, officer: User) -> None:
    old = add_document("30/2020/NĐ-CP", issued_on=dt.date(2020, 3, 5))
    new = add_document("55/2024/NĐ-CP", issued_on=dt.date(2024, 5, 20))
    link = document_link(source=new, target=old, kind="replaces", actor=officer)
    reference = Reference(document=new, symbol="30/2020/NĐ-CP", symbol_key="30/2020/ND-CP")
    assert str(link) == "55/2024/NĐ-CP replaces 30/2020/NĐ-CP"
    assert str(reference) == "30/2020/NĐ-CP"
