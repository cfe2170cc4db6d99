"""Pages of the disclosure register under /dan-chu/cong-khai/.

Staff pages: access first (``democracy.manage`` on the commune or agency; the same 404 for
missing and not allowed, signed in or not), then one service call; a refused change shows
the service's message with what was typed kept. The posting form carries a one-time token,
so a retried submission finds the posting it made instead of adding a second.

The public page (no sign-in) shows a commune's disclosures in force today and past ones by
quarter: titles, documents, dates and places — never who recorded them nor the proof files.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.exceptions import ApplicationError
from danvan.democracy.forms.disclosures import (
    DisclosureItemForm,
    PostingEndForm,
    PostingForm,
    RegisterFilterForm,
    new_token,
)
from danvan.democracy.models.disclosures import CATEGORIES, COMMUNE, Disclosure, DisclosureForm
from danvan.democracy.selectors import disclosures as selectors
from danvan.democracy.selectors import households as household_selectors
from danvan.democracy.selectors.disclosures import FLAG_LABELS, Flag, Quarter
from danvan.democracy.services import disclosures as services
from danvan.democracy.services.disclosures_docx import quarterly_list_docx
from danvan.democracy.views.common import acting_user as _user
from danvan.democracy.views.common import posted as _posted
from danvan.units.models import Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{value}" if value.startswith(CSV_FORMULA_START) else value


def _scope(unit: Unit) -> str:
    return services.unit_scope(unit) or COMMUNE


def _quarter_or_404(slug: str) -> Quarter:
    quarter = Quarter.parse(slug)
    if quarter is None:
        raise Http404
    return quarter


@require_GET
def disclosures_index(request: HttpRequest) -> HttpResponse:
    units = selectors.register_units(request.user)
    if not units:
        raise Http404
    if len(units) == 1:
        return redirect("democracy:disclosures_register", pk=units[0].pk)
    return render(request, "democracy/disclosures/index.html", {"units": units})


def _register_rows(request: HttpRequest, unit: Unit) -> tuple[RegisterFilterForm, list[Any]]:
    form = RegisterFilterForm(request.GET or None, scope=_scope(unit))
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "category": data["category"],
            "flag": data["status"],
            "quarter": Quarter.parse(data["quarter"]) if data["quarter"] else None,
        }
    rows = selectors.register_rows(unit, today=timezone.localdate(), **filters)
    return form, rows


@require_GET
def disclosures_register(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.register_unit_for_manager_or_404(request.user, pk)
    form, rows = _register_rows(request, unit)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "form": form,
        "rows": rows,
        "counts": [
            (key, label, count)
            for (key, label), count in zip(
                FLAG_LABELS.items(), selectors.flag_counts(rows).values(), strict=True
            )
        ],
        "is_commune": _scope(unit) == COMMUNE,
        "quarter": Quarter.of(today),
        "previous_quarter": Quarter.of(today).previous,
        "query": request.GET.urlencode(),
    }
    return render(request, "democracy/disclosures/register.html", context)


@require_GET
def disclosures_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The register as filtered on the page, as CSV (UTF-8 with BOM, for Excel)."""
    unit = selectors.register_unit_for_manager_or_404(request.user, pk)
    _form, rows = _register_rows(request, unit)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cong-khai-{unit.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            pgettext("disclosure", "Category"),
            _("What is disclosed"),
            _("Number of the decision or document"),
            _("Date of the decision or document"),
            _("To be disclosed by"),
            _("First posted"),
            _("Days posted"),
            pgettext("disclosure", "Status"),
            _("Posted late"),
        ]
    )
    for row in rows:
        item, state = row.disclosure, row.state
        info = CATEGORIES.get(item.category)
        writer.writerow(
            [
                f"{info.item}. {info.name}" if info else item.category,
                _csv_cell(item.title),
                _csv_cell(item.document_number),
                item.decided_on.isoformat(),
                item.due_on.isoformat(),
                state.first_posted.isoformat() if state.first_posted else "",
                state.days_posted,
                str(state.label),
                _("yes") if state.late else "",
            ]
        )
    return response


@require_http_methods(["GET", "POST"])
def disclosures_create(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.register_unit_for_manager_or_404(request.user, pk)
    previous: Disclosure | None = None
    previous_pk = request.GET.get("thay-doi", "")
    if previous_pk:
        if not previous_pk.isdigit():
            raise Http404
        previous = selectors.disclosure_for_manager_or_404(request.user, int(previous_pk))
        if previous.unit_id != unit.pk:
            raise Http404
    initial: dict[str, Any] = {}
    if previous is not None:
        initial = {
            "category": previous.category,
            "title": previous.title,
            "url": previous.url,
            "forms_used": previous.forms,
        }
    form = DisclosureItemForm(_posted(request), initial=initial, scope=_scope(unit))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.disclosure_create(
                unit=unit,
                actor=_user(request),
                category=data["category"],
                title=data["title"],
                document_number=data["document_number"],
                decided_on=data["decided_on"],
                url=data["url"],
                forms=data["forms_used"] or None,
                note=data["note"],
                previous=previous,
                **form.durations(),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Item added; it is due by %(date)s.")
                % {"date": item.due_on.strftime("%d/%m/%Y")},
            )
            return redirect("democracy:disclosures_detail", pk=item.pk)
    context = {"unit": unit, "form": form, "item": None, "previous": previous}
    return render(request, "democracy/disclosures/form.html", context)


@require_http_methods(["GET", "POST"])
def disclosures_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.disclosure_for_manager_or_404(request.user, pk)
    initial = {
        "category": item.category,
        "title": item.title,
        "document_number": item.document_number,
        "decided_on": item.decided_on,
        "url": item.url,
        "forms_used": item.forms,
        "posting_days": item.posting_days,
        "permanent": item.permanent,
        "loudspeaker_days": item.loudspeaker_days,
        "note": item.note,
    }
    form = DisclosureItemForm(
        _posted(request), initial=initial, scope=_scope(item.unit), editing=True
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.disclosure_update(
                disclosure=item,
                actor=_user(request),
                title=data["title"],
                document_number=data["document_number"],
                decided_on=data["decided_on"],
                url=data["url"],
                forms=data["forms_used"],
                note=data["note"],
                **form.durations(),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Item saved."))
            return redirect("democracy:disclosures_detail", pk=item.pk)
    context = {"unit": item.unit, "form": form, "item": item, "previous": item.previous}
    return render(request, "democracy/disclosures/form.html", context)


@require_GET
def disclosures_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.disclosure_for_manager_or_404(request.user, pk)
    today = timezone.localdate()
    postings = list(selectors.postings_of(item))
    context = {
        "unit": item.unit,
        "item": item,
        "info": CATEGORIES.get(item.category),
        "state": selectors.disclosure_state(item, today, postings),
        "postings": postings,
        "redisclosures": item.redisclosures.all(),
        "form_labels": [
            DisclosureForm(form).label for form in item.forms if form in DisclosureForm.values
        ],
        "posting_form": PostingForm(initial={"form_token": new_token(), "posted_from": today}),
    }
    return render(request, "democracy/disclosures/detail.html", context)


@require_http_methods(["GET", "POST"])
def disclosures_posting_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.disclosure_for_manager_or_404(request.user, pk)
    form = PostingForm(
        _posted(request),
        request.FILES if request.method == "POST" else None,
        initial={"form_token": new_token(), "posted_from": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["proof"]
        try:
            services.disclosure_posting_record(
                disclosure=item,
                actor=_user(request),
                channel=data["channel"],
                place=data["place"],
                url=data["url"],
                posted_from=data["posted_from"],
                posted_to=data["posted_to"],
                proof_name=upload.name if upload else "",
                proof=upload.read() if upload else b"",
                token=data["form_token"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Posting recorded."))
            return redirect("democracy:disclosures_detail", pk=item.pk)
    context = {"unit": item.unit, "item": item, "form": form}
    return render(request, "democracy/disclosures/posting_form.html", context)


@require_http_methods(["GET", "POST"])
def disclosures_posting_end(request: HttpRequest, pk: int) -> HttpResponse:
    posting = selectors.posting_for_manager_or_404(request.user, pk)
    form = PostingEndForm(_posted(request), initial={"posted_to": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.disclosure_posting_end(
                posting=posting, actor=_user(request), posted_to=form.cleaned_data["posted_to"]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("End of the posting recorded."))
            return redirect("democracy:disclosures_detail", pk=posting.disclosure_id)
    context = {"unit": posting.disclosure.unit, "posting": posting, "form": form}
    return render(request, "democracy/disclosures/posting_end.html", context)


@require_GET
def disclosures_proof(request: HttpRequest, pk: int) -> HttpResponse:
    posting = selectors.posting_for_manager_or_404(request.user, pk)
    if not posting.has_proof:
        raise Http404
    response = HttpResponse(bytes(posting.proof), content_type=posting.proof_type)
    extension = {"application/pdf": "pdf", "image/png": "png"}.get(posting.proof_type, "jpg")
    response["Content-Disposition"] = f'inline; filename="minh-chung-{posting.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"  # a PDF opened here runs no script
    return response


@require_GET
def disclosures_quarter(request: HttpRequest, pk: int, quarter: str) -> HttpResponse:
    unit = selectors.register_unit_for_manager_or_404(request.user, pk)
    period = _quarter_or_404(quarter)
    context = {
        "unit": unit,
        "quarter": period,
        "prepared": selectors.prepared_list(unit, period),
        "lines": selectors.quarterly_list(unit, period),
        "is_commune": _scope(unit) == COMMUNE,
    }
    return render(request, "democracy/disclosures/quarter.html", context)


@require_GET
def disclosures_quarter_docx(request: HttpRequest, pk: int, quarter: str) -> HttpResponse:
    unit = selectors.register_unit_for_manager_or_404(request.user, pk)
    period = _quarter_or_404(quarter)
    body = quarterly_list_docx(unit=unit, quarter=period, today=timezone.localdate())
    response = HttpResponse(body, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="danh-sach-cong-khai-quy-{period.number}-{period.year}.docx"'
    )
    return response


@require_GET
def disclosures_quarter_prepared(request: HttpRequest, pk: int, quarter: str) -> HttpResponse:
    """The list as it was prepared when the quarter ended (see ``disclosures_quarterly``)."""
    unit = selectors.register_unit_for_manager_or_404(request.user, pk)
    period = _quarter_or_404(quarter)
    prepared = selectors.prepared_list(unit, period)
    if prepared is None:
        raise Http404
    response = HttpResponse(bytes(prepared.document), content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="danh-sach-cong-khai-quy-{period.number}-{period.year}-da-lap.docx"'
    )
    return response


@require_GET
def disclosures_public_index(request: HttpRequest) -> HttpResponse:
    """The communes that publish disclosures here, for residents to find theirs."""
    communes = selectors.public_communes()
    return render(request, "democracy/disclosures/public_index.html", {"communes": communes})


@require_GET
def disclosures_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A commune's disclosures for residents: in force today, or of a past quarter."""
    commune = household_selectors.commune_public_or_404(pk, active_only=True)
    today = timezone.localdate()
    slug = request.GET.get("quy", "")
    period = Quarter.parse(slug) if slug else None
    if slug and (period is None or period.first_day > today):
        raise Http404
    context: dict[str, Any] = {
        "commune": commune,
        "today": today,
        "period": period,
        "quarters": selectors.public_quarters(commune, today=today),
    }
    if period is None:
        context["items"] = selectors.disclosed_now(commune, today=today)
    else:
        context["lines"] = [
            line for line in selectors.quarterly_list(commune, period) if line.first_day <= today
        ]
    return render(request, "democracy/disclosures/public.html", context)


PANEL_UNITS = 6


def panel_context(request: HttpRequest) -> dict[str, Any]:
    """The home page's box: for each register the person keeps, what needs action now
    (missing, late, too short) and what falls due within the next week."""
    today = timezone.localdate()
    soon = today + dt.timedelta(days=7)
    entries = []
    for unit in selectors.register_units(request.user)[:PANEL_UNITS]:
        rows = selectors.register_rows(unit, today=today)
        entries.append(
            {
                "unit": unit,
                "alerts": sum(1 for row in rows if row.state.alert),
                "due_soon": sum(
                    1
                    for row in rows
                    if row.state.status == Flag.DUE and row.disclosure.due_on <= soon
                ),
            }
        )
    return {"disclosure_registers": entries}


def panel_register() -> None:
    """Register the home page's box (call from ``DemocracyConfig.ready``)."""
    from danvan.core.dashboard import register_panel
    from danvan.democracy.rules import MANAGER_ROLES

    register_panel(
        key="democracy_disclosures",
        template="democracy/disclosures/panel.html",
        context=panel_context,
        roles=MANAGER_ROLES,
        order=55,
    )
