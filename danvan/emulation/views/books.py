"""Pages of the books of typical models under /dan-van-kheo/so-tay/.

The committee (``emulation.evaluate`` on the book's unit) creates a book, selects its
models from the recognised ones of its places, orders them, edits a story for print, and
compiles the book into a Word document and a PDF on the task queue. Thin views: access
first (the same 404 for a missing book and another committee's book), then one service
call; a refusal shows the service's message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.exceptions import ApplicationError
from danvan.emulation.forms.books import BookForm, CandidateFilterForm, StoryForm
from danvan.emulation.models import Book, BookEntry, Exemplar, Field
from danvan.emulation.selectors import books as selectors
from danvan.emulation.services import books as services
from danvan.units.models import User

CANDIDATES_SHOWN = 200
FORMATS = {
    "docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": ("pdf", "application/pdf"),
}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after login_required
    return request.user


def _detail(book: Book) -> HttpResponse:
    return redirect("emulation:books_detail", pk=book.pk)


def _entry_or_404(book: Book, entry_pk: int) -> BookEntry:
    return get_object_or_404(BookEntry.objects.select_related("book__unit"), book=book, pk=entry_pk)


@login_required
@require_GET
def books_index(request: HttpRequest) -> HttpResponse:
    units = selectors.committee_units(request.user)
    books = selectors.books_for_user(request.user)
    if not units and not books:
        raise Http404
    counts = dict(
        BookEntry.objects.filter(book__in=books)
        .values_list("book")
        .annotate(n=Count("pk"))
        .values_list("book", "n")
    )
    rows = [(book, counts.get(book.pk, 0)) for book in books]
    return render(request, "emulation/books/index.html", {"rows": rows, "can_create": bool(units)})


@login_required
@require_http_methods(["GET", "POST"])
def books_create(request: HttpRequest) -> HttpResponse:
    units = selectors.committee_units(request.user)
    if not units:
        raise Http404
    form = BookForm(
        request.POST if request.method == "POST" else None,
        units=units,
        initial={"unit": units[0].pk, "target_size": 100},
    )
    if request.method == "POST" and form.is_valid():
        try:
            book = services.book_create(actor=_user(request), **form.cleaned_data)
        except ApplicationError as error:  # pragma: no cover - the form checks the same
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The book is created: now select its models."))
            return _detail(book)
    return render(request, "emulation/books/form.html", {"form": form, "book": None})


@login_required
@require_http_methods(["GET", "POST"])
def books_edit(request: HttpRequest, pk: int) -> HttpResponse:
    book = selectors.book_for_user_or_404(request.user, pk)
    initial = {
        "title": book.title,
        "subtitle": book.subtitle,
        "first_year": book.first_year,
        "last_year": book.last_year,
        "target_size": book.target_size,
        "foreword": book.foreword,
    }
    form = BookForm(
        request.POST if request.method == "POST" else None,
        units=[],
        book=book,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.book_update(book=book, actor=_user(request), **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The book is saved."))
            return _detail(book)
    return render(request, "emulation/books/form.html", {"form": form, "book": book})


@login_required
@require_GET
def books_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The selection page: the book's entries with counts per field against the planned
    size, and the candidates (outstanding first), filtered."""
    book = selectors.book_for_user_or_404(request.user, pk)
    entries = selectors.entries_of(book)
    chosen = {entry.exemplar_id for entry in entries}
    filters = CandidateFilterForm(request.GET or None)
    candidates = [
        exemplar
        for exemplar in selectors.candidates(book, **filters.filters())[
            : CANDIDATES_SHOWN + len(chosen)
        ]
        if exemplar.pk not in chosen
    ][:CANDIDATES_SHOWN]
    share = -(-book.target_size // len(Field.values))  # the planned size split evenly
    context: dict[str, Any] = {
        "book": book,
        "entries": entries,
        "counts": selectors.field_counts(entries),
        "share": share,
        "remaining": max(book.target_size - len(entries), 0),
        "candidates": candidates,
        "filters": filters,
        "editable": not selectors.compiling(book),
    }
    return render(request, "emulation/books/detail.html", context)


@login_required
@require_POST
def books_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    book = selectors.book_for_user_or_404(request.user, pk)
    try:
        exemplar = Exemplar.objects.select_related("unit").get(pk=int(request.POST["exemplar"]))
    except (KeyError, ValueError, Exemplar.DoesNotExist):
        messages.error(request, _("Choose a model from the list."))
        return _detail(book)
    try:
        services.book_entry_add(book=book, actor=_user(request), exemplar=exemplar)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The model is in the book."))
    return _detail(book)


@login_required
@require_POST
def books_entry_remove(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    book = selectors.book_for_user_or_404(request.user, pk)
    entry = _entry_or_404(book, entry_pk)
    try:
        services.book_entry_remove(entry=entry, actor=_user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The model is taken out of the book."))
    return _detail(book)


@login_required
@require_POST
def books_entry_move(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    book = selectors.book_for_user_or_404(request.user, pk)
    entry = _entry_or_404(book, entry_pk)
    try:
        services.book_entry_move(
            entry=entry, actor=_user(request), up=request.POST.get("direction") != "down"
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    return _detail(book)


@login_required
@require_http_methods(["GET", "POST"])
def books_entry_story(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    book = selectors.book_for_user_or_404(request.user, pk)
    entry = _entry_or_404(book, entry_pk)
    form = StoryForm(
        request.POST if request.method == "POST" else None, initial={"story": entry.story}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.book_entry_story_update(
                entry=entry, actor=_user(request), story=form.cleaned_data["story"]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The story is saved."))
            return _detail(book)
    context = {"book": book, "entry": entry, "exemplar": entry.exemplar, "form": form}
    return render(request, "emulation/books/story.html", context)


@login_required
@require_POST
def books_compile(request: HttpRequest, pk: int) -> HttpResponse:
    book = selectors.book_for_user_or_404(request.user, pk)
    try:
        book = services.book_compile_request(book=book, actor=_user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The book is being compiled; the files appear here when it is done.")
        )
    return _detail(book)


@login_required
@require_GET
def books_download(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    """The compiled file, only to the committee (the same 404 otherwise, or when there is
    no file yet)."""
    book = selectors.book_for_user_or_404(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    extension, content_type = FORMATS[fmt]
    stored = book.docx if fmt == "docx" else book.pdf
    if not stored or not stored.name or not stored.storage.exists(stored.name):
        raise Http404
    response = FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{services.file_stem(book)}.{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
