"""The books' pages: the committee's selection page and downloads; everyone else gets the
same 404 as for a missing book."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.emulation.models import Book, BookEntry, Exemplar
from danvan.emulation.tests.books.conftest import recognised
from danvan.emulation.tests.conftest import World
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_commission_creates_a_book_through_the_form(world: World) -> None:
    client = signed_in(world.provincial_officer)
    page = client.get(reverse("emulation:books_create"))
    assert page.status_code == 200
    data = {
        "unit": world.provincial_commission.pk,
        "title": "Tuyển tập mô hình “Dân vận khéo” 2021–2025",
        "first_year": "2021",
        "last_year": "2025",
        "target_size": "100",
        "foreword": "Lời nói đầu.",
    }
    response = client.post(reverse("emulation:books_create"), data)
    book = Book.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:books_detail", kwargs={"pk": book.pk})
    # a retried post makes no second book
    client.post(reverse("emulation:books_create"), data)
    assert Book.objects.count() == 1
    listing = client.get(reverse("emulation:books_index"))
    assert book.title in listing.content.decode()


def test_years_out_of_order_are_refused_and_what_was_typed_is_kept(world: World) -> None:
    client = signed_in(world.provincial_officer)
    response = client.post(
        reverse("emulation:books_create"),
        {
            "unit": world.provincial_commission.pk,
            "title": "Sổ tay điển hình",
            "first_year": "2025",
            "last_year": "2021",
            "target_size": "100",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["last_year"]
    assert 'value="Sổ tay điển hình"' in response.content.decode()
    assert not Book.objects.exists()


def test_people_without_a_committee_role_get_404(world: World, book: Book) -> None:
    for user in (world.citizen, world.commune_head, world.other_head):
        client = signed_in(user)
        assert client.get(reverse("emulation:books_index")).status_code == 404
        assert client.get(reverse("emulation:books_create")).status_code == 404
        assert client.get(reverse("emulation:books_detail", args=[book.pk])).status_code == 404
    anonymous = Client().get(reverse("emulation:books_detail", args=[book.pk]))
    assert anonymous.status_code == 302


def test_another_committees_book_is_the_same_404_as_a_missing_one(world: World, book: Book) -> None:
    # given the commune's commission officer (not the province's committee)
    client = signed_in(world.commune_commission)
    for name, args, method in (
        ("books_detail", [book.pk], "get"),
        ("books_edit", [book.pk], "get"),
        ("books_compile", [book.pk], "post"),
        ("books_download", [book.pk, "pdf"], "get"),
        ("books_download", [book.pk + 999, "pdf"], "get"),
    ):
        response = getattr(client, method)(reverse(f"emulation:{name}", args=args))
        assert response.status_code == 404, name


def test_the_selection_page_adds_refuses_removed_and_does_not_duplicate(
    world: World, book: Book
) -> None:
    good = recognised(world.commune_committee, "Mô hình “Dân vận khéo” nuôi ong")
    removed = recognised(
        world.commune_committee,
        "Mô hình đã đưa ra",
        status=Exemplar.Status.REMOVED,
        removed_reason="Không hiệu quả",
    )
    client = signed_in(world.provincial_officer)
    page = client.get(reverse("emulation:books_detail", args=[book.pk]))
    assert good.title in page.content.decode()
    assert removed.title not in page.content.decode()
    add = reverse("emulation:books_entry_add", args=[book.pk])
    client.post(add, {"exemplar": good.pk})
    client.post(add, {"exemplar": good.pk})
    assert BookEntry.objects.filter(book=book).count() == 1
    refused = client.post(add, {"exemplar": removed.pk}, follow=True)
    # the refusal names the model (it is listed nowhere else on the page)
    assert removed.title in refused.content.decode()
    bad = client.post(add, {"exemplar": "abc"}, follow=True)
    assert bad.status_code == 200
    assert BookEntry.objects.filter(book=book).count() == 1
    # and the filters narrow the candidates (bad values are ignored)
    filtered = client.get(
        reverse("emulation:books_detail", args=[book.pk]), {"q": "zzz", "year": "abc"}
    )
    assert filtered.status_code == 200


def test_story_move_remove_and_compile_then_download(
    world: World, book: Book, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(world.provincial_officer)
    first = recognised(world.commune_committee, "Mô hình A")
    second = recognised(world.other_committee, "Mô hình B")
    for exemplar in (first, second):
        client.post(reverse("emulation:books_entry_add", args=[book.pk]), {"exemplar": exemplar.pk})
    entry = BookEntry.objects.get(exemplar=second)
    story_url = reverse("emulation:books_entry_story", args=[book.pk, entry.pk])
    assert client.get(story_url).status_code == 200
    client.post(story_url, {"story": "Câu chuyện in trong sổ tay."})
    client.post(
        reverse("emulation:books_entry_move", args=[book.pk, entry.pk]), {"direction": "up"}
    )
    assert list(BookEntry.objects.filter(book=book).values_list("exemplar", flat=True)) == [
        second.pk,
        first.pk,
    ]
    other = BookEntry.objects.get(exemplar=first)
    client.post(reverse("emulation:books_entry_remove", args=[book.pk, other.pk]))
    assert client.get(reverse("emulation:books_download", args=[book.pk, "pdf"])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("emulation:books_compile", args=[book.pk]))
    book.refresh_from_db()
    assert book.status == Book.Status.COMPILED
    response = client.get(reverse("emulation:books_download", args=[book.pk, "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    docx = client.get(reverse("emulation:books_download", args=[book.pk, "docx"]))
    assert docx["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("emulation:books_download", args=[book.pk, "odt"])).status_code == 404
    detail = client.get(reverse("emulation:books_detail", args=[book.pk])).content.decode()
    assert reverse("emulation:books_download", args=[book.pk, "docx"]) in detail


def test_the_book_is_edited_by_its_committee(world: World, book: Book) -> None:
    client = signed_in(world.provincial_officer)
    url = reverse("emulation:books_edit", args=[book.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"title": "Tên mới", "first_year": "2021", "last_year": "2025", "target_size": "50"},
    )
    assert response.status_code == 302
    book.refresh_from_db()
    assert (book.title, book.target_size) == ("Tên mới", 50)


def test_a_book_being_compiled_refuses_changes_with_a_message(world: World, book: Book) -> None:
    # given a book with one entry, being compiled
    client = signed_in(world.provincial_officer)
    exemplar = recognised(world.commune_committee, "Mô hình A")
    client.post(reverse("emulation:books_entry_add", args=[book.pk]), {"exemplar": exemplar.pk})
    entry = BookEntry.objects.get(book=book)
    Book.objects.filter(pk=book.pk).update(status=Book.Status.COMPILING)
    # when the committee tries to change it
    for name, args, data in (
        ("books_entry_remove", [book.pk, entry.pk], {}),
        ("books_entry_move", [book.pk, entry.pk], {"direction": "down"}),
        ("books_entry_story", [book.pk, entry.pk], {"story": "Mới"}),
        (
            "books_edit",
            [book.pk],
            {"title": "X", "first_year": 2021, "last_year": 2025, "target_size": 5},
        ),
    ):
        response = client.post(reverse(f"emulation:{name}", args=args), data, follow=True)
        # then it is refused, with the reason shown
        assert response.status_code == 200
        assert response.context["messages"] or response.context["form"].non_field_errors()
    entry.refresh_from_db()
    book.refresh_from_db()
    assert (entry.story, book.title) == (
        "",
        "Tuyển tập mô hình, điển hình “Dân vận khéo” tiêu biểu giai đoạn 2021–2025",
    )
    # and compiling an empty book is refused with a message
    BookEntry.objects.all().delete()
    Book.objects.filter(pk=book.pk).update(status=Book.Status.DRAFT)
    response = client.post(reverse("emulation:books_compile", args=[book.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Cần chọn ít nhất một mô hình trước khi biên soạn sổ tay."
    ]


def test_the_candidates_filter_by_field_and_folded_search(world: World, book: Book) -> None:
    wanted = recognised(world.commune_committee, "Nuôi ong lấy mật")
    other = recognised(world.commune_committee, "Đường hoa")
    client = signed_in(world.provincial_officer)
    page = client.get(
        reverse("emulation:books_detail", args=[book.pk]), {"field": "economy", "q": "nuoi ong"}
    ).content.decode()
    assert wanted.title in page
    assert other.title not in page
