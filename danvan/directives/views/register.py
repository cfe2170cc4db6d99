"""Pages of the document register (/chi-dao/van-ban/): the list with search and filters
and its CSV, an entry's page, the entry form, registering a document from its file or
pasted text, and the review of the references its text makes.

Thin views: access first — ``selectors.register`` gives the same 404 for a missing entry
and one the person may not read or change, and citizens and visitors get that 404 on
every page here (no login redirect) — then one service call. A refused change shows the
service's message with everything typed kept; an uploaded file that could not be used is
kept on the server (the form carries its signed token), so it is never chosen twice.

Forms that create carry a one-time ``submission_key``: a double click or the Back button
followed by a resubmission leads to the entry the first submission made.
"""

from __future__ import annotations

import csv
import secrets
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.directives.forms.register import (
    DocumentForm,
    LinkForm,
    RegisterSearchForm,
    UploadForm,
)
from danvan.directives.models import Document, DocumentLink, Reference
from danvan.directives.refs import extract
from danvan.directives.selectors.register import (
    MANAGE,
    document_by_submission,
    document_for_editor_or_404,
    document_for_reader_or_404,
    document_page,
    documents_by_symbol,
    documents_search,
    may_edit_document,
    may_manage_register,
    may_read_register,
    reference_rows,
    register_filter_choices,
    register_unit_or_404,
)
from danvan.directives.services import register as services
from danvan.directives.services.register_text import (
    PendingFile,
    header_guess,
    pending_discard,
    pending_load,
    pending_store,
    text_read,
)
from danvan.units.models import Unit, User

PAGE_SIZE = 50
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after the access check: a signed-in officer
    return request.user


def _active_unit(request: HttpRequest) -> Unit | None:
    role = getattr(request, "active_role", None)
    return role.unit if role is not None else None


def _reader(request: HttpRequest) -> User:
    if not may_read_register(request.user):
        raise Http404
    return _user(request)


def _key() -> str:
    return secrets.token_urlsafe(24)


def _detail_url(document: Document, anchor: str = "") -> str:
    url = reverse("directives:register_detail", kwargs={"pk": document.pk})
    return f"{url}#{anchor}" if anchor else url


def _review_url(document: Document) -> str:
    return reverse("directives:register_references", kwargs={"pk": document.pk})


def _summary_message(request: HttpRequest, summary: services.ExtractionSummary) -> None:
    if summary.references == 0:
        messages.info(request, _("The text cites no other document that could be recognised."))
        return
    messages.success(
        request,
        _(
            "%(references)s cited document(s) found: %(linked)s linked to the register, "
            "%(missing)s not in the register yet."
        )
        % {
            "references": summary.references,
            "linked": summary.linked,
            "missing": summary.missing,
        },
    )


def _refusal(form: Any, error: ApplicationError) -> Document | None:
    """Show a service's refusal on the form; the entry it names, if any (a duplicate)."""
    existing = error.extra.get("existing")
    form.add_error(None, error.message)
    return existing if isinstance(existing, Document) else None


# ------------------------------------------------------------------ the list


def _search_form(request: HttpRequest) -> RegisterSearchForm:
    choices = register_filter_choices()
    return RegisterSearchForm(request.GET, issuers=choices.issuers, years=choices.years)


@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    form = _search_form(request)
    filters = form.filters()
    paginator = Paginator(documents_search(**filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    query = {key: value for key, value in request.GET.items() if key != "trang" and value}
    context = {
        "form": form,
        "page": page,
        "filtered": any(filters.values()),
        "query_string": urlencode(query),
        "may_create": may_manage_register(user, _active_unit(request)),
    }
    return render(request, "directives/register/list.html", context)


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{value}" if value.startswith(CSV_FORMULA_START) else value


@require_GET
def register_export(request: HttpRequest) -> HttpResponse:
    """The list as filtered, in CSV (UTF-8 with a byte-order mark, so Excel reads it)."""
    _reader(request)
    filters = _search_form(request).filters()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="so-van-ban.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Number and symbol"),
            pgettext("document", "Type"),
            _("Issuer"),
            _("Date of issue"),
            pgettext("document", "Title"),
        ]
    )
    for document in documents_search(**filters).iterator(chunk_size=500):
        writer.writerow(
            [
                _csv_cell(document.symbol),
                str(document.get_doc_type_display()),
                _csv_cell(document.issuer_name or document.issuer_code),
                short_date(document.issued_on) if document.issued_on else "",
                _csv_cell(document.title),
            ]
        )
    return response


# ------------------------------------------------------------------ one entry


def _detail_page(
    request: HttpRequest,
    document: Document,
    *,
    link_form: LinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    may_edit = may_edit_document(user, document, _active_unit(request))
    page = document_page(document, user)
    context = {
        "document": document,
        "page": page,
        # The follow-up pages are the tasks area's; a directive opens for its managers.
        "follow_ups": [
            (directive, bool(user.has_perm(MANAGE, directive))) for directive in page.directives
        ],
        "may_follow_up": may_manage_register(user, _active_unit(request)),
        "may_edit": may_edit,
        "link_form": link_form or (LinkForm() if may_edit else None),
        "delete_blockers": services.document_delete_blockers(document) if may_edit else [],
    }
    return render(request, "directives/register/detail.html", context, status=status)


@require_GET
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    document = document_for_reader_or_404(request.user, pk)
    return _detail_page(request, document)


@require_GET
def register_download(request: HttpRequest, pk: int) -> FileResponse:
    _reader(request)
    document = document_for_reader_or_404(request.user, pk)
    if not document.file:
        raise Http404
    name = str(document.file.name).rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


# ------------------------------------------------------------------ entering by hand


def _form_page(
    request: HttpRequest,
    form: DocumentForm,
    *,
    document: Document | None = None,
    existing: Document | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "document": document, "existing": existing}
    return render(request, "directives/register/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def register_create(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    unit = register_unit_or_404(user, _active_unit(request))
    if request.method == "GET":
        return _form_page(request, DocumentForm(initial={"submission_key": _key()}))
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if "check" in request.POST:
        form.show_canonical()
        return _form_page(request, form)
    upload = form.cleaned_data.get("file")
    try:
        registered = services.document_register(
            actor=user,
            unit=unit,
            **form.details(),
            full_text=form.cleaned_data["full_text"],
            file_name=upload.name if upload else "",
            file_data=upload.read() if upload else None,
            submission_key=form.cleaned_data["submission_key"],
        )
    except ApplicationError as error:
        existing = _refusal(form, error)
        return _form_page(request, form, existing=existing, status=400)
    document = registered.document
    if registered.summary is None:
        messages.info(request, _("This form had already been sent: the entry was made once."))
        return redirect(_detail_url(document))
    messages.success(request, _("%(symbol)s is entered in the register.") % {"symbol": document})
    if document.full_text.strip():
        _summary_message(request, registered.summary)
        return redirect(_review_url(document))
    return redirect(_detail_url(document))


@require_http_methods(["GET", "POST"])
def register_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    document = document_for_editor_or_404(user, pk, _active_unit(request))
    if request.method == "GET":
        initial = {
            "symbol": document.symbol,
            "issued_on": document.issued_on,
            "party_term": document.party_term,
            "doc_type": document.doc_type,
            "issuer_name": document.issuer_name,
            "title": document.title,
            "full_text": document.full_text,
        }
        form = DocumentForm(initial=initial, editing=True)
        return _form_page(request, form, document=document)
    form = DocumentForm(request.POST, request.FILES, editing=True)
    if not form.is_valid():
        return _form_page(request, form, document=document, status=400)
    if "check" in request.POST:
        form.show_canonical()
        return _form_page(request, form, document=document)
    upload = form.cleaned_data.get("file")
    try:
        services.document_update(
            document=document,
            actor=user,
            **form.details(),
            full_text=form.cleaned_data["full_text"],
            file_name=upload.name if upload else "",
            file_data=upload.read() if upload else None,
            remove_file=form.cleaned_data.get("remove_file", False),
        )
    except ApplicationError as error:
        existing = _refusal(form, error)
        return _form_page(request, form, document=document, existing=existing, status=400)
    messages.success(request, _("The entry is saved."))
    return redirect(_detail_url(document))


@require_http_methods(["GET", "POST"])
def register_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    document = document_for_editor_or_404(user, pk, _active_unit(request))
    blockers = services.document_delete_blockers(document)
    if request.method == "POST":
        try:
            services.document_delete(document=document, actor=user)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect(_detail_url(document))
        messages.success(
            request, _("%(symbol)s is removed from the register.") % {"symbol": document}
        )
        return redirect("directives:register_list")
    context = {"document": document, "blockers": blockers}
    return render(request, "directives/register/delete.html", context)


# ------------------------------------------------------------------ links


@require_POST
def register_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    document = document_for_editor_or_404(user, pk, _active_unit(request))
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, document, link_form=form, status=400)
    assert form.parsed is not None
    others = documents_by_symbol(
        key=form.parsed.key, year=form.cleaned_data.get("other_year"), exclude_pk=document.pk
    )
    if not others:
        form.add_error(
            "other",
            _(
                "%(symbol)s is not in the register. Enter it first (the register page has "
                "“Enter a document”), then link it."
            )
            % {"symbol": form.parsed.symbol},
        )
        return _detail_page(request, document, link_form=form, status=400)
    if len(others) > 1:
        form.add_error(
            "other_year",
            _("Several entries carry %(symbol)s (%(years)s): give the year of issue.")
            % {
                "symbol": form.parsed.symbol,
                "years": ", ".join(
                    str(other.issued_on.year) if other.issued_on else "?" for other in others
                ),
            },
        )
        return _detail_page(request, document, link_form=form, status=400)
    outgoing, kind = form.direction_and_kind()
    source, target = (document, others[0]) if outgoing else (others[0], document)
    try:
        services.document_link(source=source, target=target, kind=kind, actor=user)
    except ApplicationError as error:
        form.add_error(None, error.message)
        return _detail_page(request, document, link_form=form, status=400)
    messages.success(request, _("The link is recorded."))
    return redirect(_detail_url(document, "lien-ket"))


@require_POST
def register_unlink(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    user = _reader(request)
    document = document_for_editor_or_404(user, pk, _active_unit(request))
    link = (
        DocumentLink.objects.filter(Q(source=document) | Q(target=document), pk=link_pk)
        .select_related("source", "target")
        .first()
    )
    if link is None:
        raise Http404
    services.document_unlink(link=link, actor=user)
    messages.success(request, _("The link is removed."))
    return redirect(_detail_url(document, "lien-ket"))


# ------------------------------------------------------------------ references


@require_GET
def register_references(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page: each cited document, linked or not, with what can be done."""
    user = _reader(request)
    document = document_for_reader_or_404(user, pk)
    rows = reference_rows(document)
    context = {
        "document": document,
        "rows": rows,
        "missing": sum(1 for row in rows if row.status == "missing"),
        "may_edit": may_edit_document(user, document, _active_unit(request)),
    }
    return render(request, "directives/register/references.html", context)


def _reference_or_404(document: Document, reference_pk: int) -> Reference:
    reference = document.references.filter(pk=reference_pk).select_related("target").first()
    if reference is None:
        raise Http404
    return reference


def _back_to_review(document: Document, reference: Reference | None = None) -> HttpResponse:
    anchor = f"#trich-dan-{reference.pk}" if reference is not None else ""
    return redirect(_review_url(document) + anchor)


@require_POST
def register_reference_stub(request: HttpRequest, pk: int, reference_pk: int) -> HttpResponse:
    user = _reader(request)
    unit = _active_unit(request)
    document = document_for_editor_or_404(user, pk, unit)
    reference = _reference_or_404(document, reference_pk)
    try:
        entry = services.reference_stub_create(reference=reference, actor=user, unit=unit)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(symbol)s is entered in the register (details to be completed) and linked.")
            % {"symbol": entry},
        )
    return _back_to_review(document, reference)


@require_POST
def register_references_stubs(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reader(request)
    unit = _active_unit(request)
    document = document_for_editor_or_404(user, pk, unit)
    made = services.references_stubs_create(document=document, actor=user, unit=unit)
    messages.success(
        request,
        _("%(count)s missing document(s) entered in the register and linked.") % {"count": made},
    )
    return _back_to_review(document)


@require_POST
def register_reference_link(request: HttpRequest, pk: int, reference_pk: int) -> HttpResponse:
    user = _reader(request)
    document = document_for_editor_or_404(user, pk, _active_unit(request))
    reference = _reference_or_404(document, reference_pk)
    target_pk = request.POST.get("target", "")
    target = Document.objects.filter(pk=int(target_pk)).first() if target_pk.isdigit() else None
    if target is None:
        raise Http404
    try:
        services.reference_link(reference=reference, target=target, actor=user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The reference is linked to %(symbol)s.") % {"symbol": target})
    return _back_to_review(document, reference)


@require_POST
def register_reference_unlink(request: HttpRequest, pk: int, reference_pk: int) -> HttpResponse:
    user = _reader(request)
    document = document_for_editor_or_404(user, pk, _active_unit(request))
    reference = _reference_or_404(document, reference_pk)
    services.reference_unlink(reference=reference, actor=user)
    messages.success(request, _("The reference is no longer linked."))
    return _back_to_review(document, reference)


@require_POST
def register_references_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the text again (after the engine or the register changed)."""
    user = _reader(request)
    document = document_for_editor_or_404(user, pk, _active_unit(request))
    summary = services.references_extract(document=document, actor=user)
    _summary_message(request, summary)
    return _back_to_review(document)


# ------------------------------------------------------------------ from a file or a text


def _upload_page(
    request: HttpRequest,
    form: UploadForm,
    *,
    pending: PendingFile | None = None,
    found: list[Any] | None = None,
    prefilled: list[str] | None = None,
    existing: Document | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "pending": pending,
        "found": found,
        "prefilled": prefilled or [],
        "existing": existing,
    }
    return render(request, "directives/register/upload.html", context, status=status)


def _kept_file(request: HttpRequest, form: UploadForm, user: User) -> PendingFile | None:
    """The file of this submission: a new upload (kept aside at once) or the one kept."""
    cleaned = getattr(form, "cleaned_data", {})
    upload = cleaned.get("file")
    if upload is not None:
        stored = pending_store(name=upload.name or "", data=upload.read(), user_id=user.pk)
        form.keep(pending=stored.token)
        return stored
    token = cleaned.get("pending") if "pending" in cleaned else request.POST.get("pending", "")
    kept = pending_load(token=str(token or ""), user_id=user.pk)
    if kept is None:
        form.keep(pending="")
    return kept


def _prefill(form: UploadForm, text: str) -> list[str]:
    """Fill the details left empty from the text's header; the names of those filled."""
    guess = header_guess(text)
    data = form.cleaned_data
    values: dict[str, str] = {}
    if not data.get("symbol") and guess.symbol:
        values["symbol"] = guess.symbol
    if not data.get("issued_on") and guess.issued_on:
        values["issued_on"] = short_date(guess.issued_on)
    if not data.get("title") and guess.title:
        values["title"] = guess.title
    if not data.get("doc_type") and guess.doc_type:
        values["doc_type"] = guess.doc_type
    form.keep(**values)
    return list(values)


def _filled(form: UploadForm, names: list[str]) -> dict[str, str]:
    """The values ``_prefill`` wrote into the form (its cleaned data predates them)."""
    return {name: str(form.data.get(form.add_prefix(name), "")) for name in names}


@require_http_methods(["GET", "POST"])
def register_upload(request: HttpRequest) -> HttpResponse:
    """Register a document by uploading its text: read, check the details, register."""
    user = _reader(request)
    unit = register_unit_or_404(user, _active_unit(request))
    if request.method == "GET":
        return _upload_page(request, UploadForm(initial={"submission_key": _key()}))
    form = UploadForm(request.POST, request.FILES)
    valid = form.is_valid()
    pending = _kept_file(request, form, user)
    if not valid:
        return _upload_page(request, form, pending=pending, status=400)
    earlier = document_by_submission(form.cleaned_data["submission_key"])
    if earlier is not None:
        if pending is not None:
            pending_discard(pending=pending)
        messages.info(request, _("This form had already been sent: the entry was made once."))
        return redirect(_review_url(earlier))
    text = form.cleaned_data["text"]
    if not text.strip() and pending is None:
        form.add_error(None, _("Choose the file of the document or paste its text."))
        return _upload_page(request, form, status=400)
    if not text.strip():
        assert pending is not None
        try:
            text = text_read(name=pending.name, data=pending.read())
        except ApplicationError as error:
            form.add_error("text", error.message)
            return _upload_page(request, form, pending=pending, status=400)
    prefilled = _prefill(form, text)
    registering = "register" in request.POST
    # A number or date read from the text is shown for checking before anything is stored
    # (they identify the document); a subject or type read from it is simply used.
    if not registering or {"symbol", "issued_on"} & set(prefilled):
        if registering:
            messages.info(
                request,
                _("Some details were read from the text: check them, then press “Register”."),
            )
        found = extract(text).documents
        return _upload_page(request, form, pending=pending, found=found, prefilled=prefilled)
    if not form.cleaned_data["symbol"]:
        form.add_error(
            "symbol",
            _("The number and symbol could not be read from the text: type them as printed."),
        )
        return _upload_page(request, form, pending=pending, status=400)
    details = form.details()
    details.update(_filled(form, prefilled))
    try:
        registered = services.document_register(
            actor=user,
            unit=unit,
            **details,
            full_text=text,
            file_name=pending.name if pending else "",
            file_data=pending.read() if pending else None,
            submission_key=form.cleaned_data["submission_key"],
        )
    except ApplicationError as error:
        existing = _refusal(form, error)
        return _upload_page(request, form, pending=pending, existing=existing, status=400)
    if pending is not None:
        pending_discard(pending=pending)
    document = registered.document
    if registered.summary is None:
        messages.info(request, _("This form had already been sent: the entry was made once."))
    else:
        messages.success(
            request, _("%(symbol)s is entered in the register.") % {"symbol": document}
        )
        _summary_message(request, registered.summary)
    return redirect(_review_url(document))
