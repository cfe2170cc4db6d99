"""Creating a book and selecting its models: who may, which models, no duplicates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.emulation.models import Book, BookEntry, Exemplar, ExemplarEvent, Field, Level
from danvan.emulation.selectors import books as selectors
from danvan.emulation.services import books as services
from danvan.emulation.tests.books.conftest import recognised
from danvan.emulation.tests.conftest import World, make_exemplar

pytestmark = pytest.mark.django_db


def test_the_commission_creates_a_book_and_a_retry_returns_the_same(world: World) -> None:
    # given the provincial commission's officer
    values: dict[str, Any] = {
        "unit": world.provincial_commission,
        "title": "Tuyển tập mô hình “Dân vận khéo” 2021–2025",
        "first_year": 2021,
        "last_year": 2025,
    }
    # when they create the book twice (a retried form)
    book = services.book_create(actor=world.provincial_officer, **values)
    again = services.book_create(actor=world.provincial_officer, **values)
    # then there is one book, audited
    assert again.pk == book.pk
    assert Book.objects.count() == 1
    assert AuditEntry.objects.filter(verb="emulation_book.create").count() == 1


def test_a_book_needs_years_in_order_and_the_committee(world: World, english: None) -> None:
    with pytest.raises(ApplicationError, match="first year must not be after"):
        services.book_create(
            actor=world.provincial_officer,
            unit=world.provincial_commission,
            title="Sổ tay",
            first_year=2025,
            last_year=2021,
        )
    with pytest.raises(ApplicationError, match="may not compile books"):
        services.book_create(
            actor=world.commune_head,
            unit=world.provincial_commission,
            title="Sổ tay",
            first_year=2021,
            last_year=2025,
        )
    assert not Book.objects.exists()


def test_candidates_are_recognised_models_of_the_places_in_the_period(
    world: World, book: Book
) -> None:
    # given models of the province: recognised in and out of the period, registered, removed
    inside = recognised(world.commune_committee, "Mô hình A", recognised_year=2022)
    outstanding = recognised(
        world.other_committee, "Mô hình B", recognised_year=2024, is_outstanding=True
    )
    recognised(world.commune_committee, "Mô hình cũ", recognised_year=2019, year=2019)
    make_exemplar(world.commune_committee, title="Mới đăng ký")
    recognised(
        world.commune_committee,
        "Đã đưa ra",
        status=Exemplar.Status.REMOVED,
        removed_reason="Không hiệu quả",
    )
    # and a model of another province
    other_province = world.province.__class__.objects.create(
        code="VN-01", name="Thành phố Hà Nội", kind=world.province.kind, parent=world.country
    )
    recognised(other_province, "Mô hình Hà Nội")
    # when the candidates are listed
    rows = list(selectors.candidates(book))
    # then only the two in the period, the outstanding first
    assert rows == [outstanding, inside]


def test_candidates_filter_by_field_level_year_and_folded_search(world: World, book: Book) -> None:
    economy = recognised(world.commune_committee, "Dân vận khéo nuôi ong", recognised_year=2022)
    recognised(
        world.commune_committee,
        "Camera an ninh",
        field=Field.DEFENCE_SECURITY,
        recognised_level=Level.COMMUNE,
    )
    assert list(selectors.candidates(book, field_value=Field.ECONOMY)) == [economy]
    assert list(selectors.candidates(book, level=Level.PROVINCIAL)) == [economy]
    assert list(selectors.candidates(book, year=2022)) == [economy]
    # the search finds "Dân vận khéo" typed without diacritics, and "đ" as "d"
    assert list(selectors.candidates(book, query="dan van KHEO")) == [economy]
    assert list(selectors.candidates(book, query="xyz")) == []


def test_adding_a_model_twice_keeps_one_entry_and_writes_its_history(
    world: World, book: Book
) -> None:
    exemplar = recognised(world.commune_committee, "Mô hình A")
    first = services.book_entry_add(book=book, actor=world.provincial_officer, exemplar=exemplar)
    second = services.book_entry_add(book=book, actor=world.provincial_officer, exemplar=exemplar)
    assert first.pk == second.pk
    assert BookEntry.objects.filter(book=book).count() == 1
    event = ExemplarEvent.objects.get(exemplar=exemplar, kind=ExemplarEvent.EventKind.SELECTED)
    assert event.actor == world.provincial_officer
    assert event.data == {"book": book.pk}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": Exemplar.Status.REMOVED, "removed_reason": "Không hiệu quả"}, "was removed"),
        ({"status": Exemplar.Status.REGISTERED, "recognised_year": None}, "not recognised yet"),
        ({"recognised_year": 2019, "year": 2019}, "outside the book's period"),
    ],
)
def test_a_model_that_may_not_be_in_the_book_is_refused_with_its_reason(
    world: World, book: Book, english: None, fields: dict[str, object], message: str
) -> None:
    exemplar = recognised(world.commune_committee, "Mô hình A", **fields)
    with pytest.raises(ApplicationError, match=message):
        services.book_entry_add(book=book, actor=world.provincial_officer, exemplar=exemplar)
    assert not BookEntry.objects.exists()


def test_a_commune_committee_cannot_take_another_communes_model(
    world: World, english: None
) -> None:
    # given the commune Party committee's book (it serves the commune only)
    book = Book.objects.create(
        unit=world.commune_party, title="Sổ tay xã", first_year=2021, last_year=2025
    )
    other = recognised(world.other_committee, "Mô hình phường")
    # then the other commune's model is not a candidate and is refused
    assert list(selectors.candidates(book)) == []
    with pytest.raises(ApplicationError, match="not a model of the places"):
        services.book_entry_add(book=book, actor=world.commune_commission, exemplar=other)


def test_entries_are_reordered_and_a_story_is_kept(world: World, book: Book) -> None:
    actor = world.provincial_officer
    a, b, c = (
        services.book_entry_add(
            book=book, actor=actor, exemplar=recognised(world.commune_committee, title)
        )
        for title in ("A", "B", "C")
    )
    services.book_entry_move(entry=c, actor=actor, up=True)
    assert [e.exemplar.title for e in selectors.entries_of(book)] == ["A", "C", "B"]
    services.book_entry_move(entry=a, actor=actor, up=False)
    assert [e.exemplar.title for e in selectors.entries_of(book)] == ["C", "A", "B"]
    services.book_entry_move(entry=a, actor=actor, up=False)
    services.book_entry_move(entry=a, actor=actor, up=False)  # already last: stays
    assert [e.exemplar.title for e in selectors.entries_of(book)] == ["C", "B", "A"]
    services.book_entry_remove(entry=b, actor=actor)
    assert [e.exemplar.title for e in selectors.entries_of(book)] == ["C", "A"]
    services.book_entry_story_update(entry=c, actor=actor, story="  Câu chuyện.  ")
    c.refresh_from_db()
    assert c.story == "Câu chuyện."


def test_a_book_being_compiled_is_not_changed(world: World, book: Book, english: None) -> None:
    exemplar = recognised(world.commune_committee, "A")
    Book.objects.filter(pk=book.pk).update(status=Book.Status.COMPILING)
    book.refresh_from_db()
    with pytest.raises(ApplicationError, match="being compiled"):
        services.book_entry_add(book=book, actor=world.provincial_officer, exemplar=exemplar)


def test_compiling_needs_a_model_and_a_retry_queues_nothing_more(
    world: World, book: Book, english: None, django_capture_on_commit_callbacks: object
) -> None:
    with pytest.raises(ApplicationError, match="at least one model"):
        services.book_compile_request(book=book, actor=world.provincial_officer)
    services.book_entry_add(
        book=book, actor=world.provincial_officer, exemplar=recognised(world.commune_committee, "A")
    )
    with django_capture_on_commit_callbacks() as callbacks:  # type: ignore[operator]
        services.book_compile_request(book=book, actor=world.provincial_officer)
        services.book_compile_request(book=book, actor=world.provincial_officer)
    assert len(callbacks) == 1
    book.refresh_from_db()
    assert book.status == Book.Status.COMPILING


def test_a_failed_compile_keeps_the_error(
    world: World, book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.book_entry_add(
        book=book, actor=world.provincial_officer, exemplar=recognised(world.commune_committee, "A")
    )

    def broken(content: object) -> bytes:
        raise RuntimeError("no fonts")

    monkeypatch.setattr("danvan.emulation.services.books_pdf.book_pdf_build", broken)
    book = services.book_compile_run(book_id=book.pk)
    assert book.status == Book.Status.FAILED
    assert book.compile_error == "RuntimeError: no fonts"
    assert not book.pdf


def test_a_planned_size_of_zero_is_refused(world: World, english: None) -> None:
    with pytest.raises(ApplicationError):
        services.book_create(
            actor=world.provincial_officer,
            unit=world.provincial_commission,
            title="Sổ tay",
            first_year=2021,
            last_year=2025,
            target_size=0,
        )
    assert not Book.objects.exists()


def test_a_story_too_long_for_the_book_is_refused(world: World, book: Book, english: None) -> None:
    entry = services.book_entry_add(
        book=book, actor=world.provincial_officer, exemplar=recognised(world.commune_committee, "A")
    )
    with pytest.raises(ApplicationError, match="too long"):
        services.book_entry_story_update(
            entry=entry, actor=world.provincial_officer, story="x" * 20_001
        )
    entry.refresh_from_db()
    assert entry.story == ""


def test_compiling_again_replaces_the_files(world: World, book: Book) -> None:
    # given a compiled book
    services.book_entry_add(
        book=book, actor=world.provincial_officer, exemplar=recognised(world.commune_committee, "A")
    )
    first = services.book_compile_run(book_id=book.pk)
    old_names = (str(first.docx.name), str(first.pdf.name))
    storage = first.docx.storage
    # when it is compiled again
    second = services.book_compile_run(book_id=book.pk)
    # then the new files are kept and the old ones are gone
    assert second.status == Book.Status.COMPILED
    assert storage.exists(str(second.docx.name))
    assert storage.exists(str(second.pdf.name))
    for name in old_names:
        if name not in (second.docx.name, second.pdf.name):
            assert not storage.exists(name)


def test_candidates_rank_the_higher_level_first_after_the_outstanding(
    world: World, book: Book
) -> None:
    commune = recognised(world.commune_committee, "Xã", recognised_level=Level.COMMUNE)
    central = recognised(world.commune_committee, "Trung ương", recognised_level=Level.CENTRAL)
    provincial = recognised(world.commune_committee, "Tỉnh", recognised_level=Level.PROVINCIAL)
    starred = recognised(
        world.commune_committee, "Tiêu biểu", recognised_level=Level.COMMUNE, is_outstanding=True
    )
    assert list(selectors.candidates(book)) == [starred, central, provincial, commune]


def test_each_committee_lists_the_books_of_the_places_it_serves(world: World, book: Book) -> None:
    commune_book = Book.objects.create(
        unit=world.commune_party, title="Sổ tay xã", first_year=2021, last_year=2025
    )
    assert set(selectors.books_for_user(world.provincial_officer)) == {book, commune_book}
    assert selectors.books_for_user(world.commune_commission) == [commune_book]
    assert selectors.books_for_user(world.commune_head) == []
    assert selectors.books_for_user(world.citizen) == []


def test_a_compile_lost_for_half_an_hour_may_be_asked_again(
    world: World, book: Book, django_capture_on_commit_callbacks: Any
) -> None:
    # given a book marked "being compiled" an hour ago (its worker restarted)
    services.book_entry_add(
        book=book, actor=world.provincial_officer, exemplar=recognised(world.commune_committee, "A")
    )
    Book.objects.filter(pk=book.pk).update(
        status=Book.Status.COMPILING, updated_at=timezone.now() - dt.timedelta(hours=1)
    )
    book.refresh_from_db()
    assert not selectors.compiling(book)
    # when the committee asks again, then a compile is queued
    with django_capture_on_commit_callbacks() as callbacks:
        services.book_compile_request(book=book, actor=world.provincial_officer)
    assert len(callbacks) == 1
