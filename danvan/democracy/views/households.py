"""Pages of the household register under /dan-chu/ho-gia-dinh/.

Thin views: access first (``democracy.manage`` on the commune or village; the same 404 for
missing and not allowed), then one service call. A refused change shows the service's
message with what was typed kept. A retried "add" hits the (village, code) constraint and
gets the message instead of a second row; a retried import changes nothing.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.exceptions import ApplicationError
from danvan.democracy.forms.households import DeactivateForm, HouseholdForm, ImportForm
from danvan.democracy.selectors import households as selectors
from danvan.democracy.services import households as services
from danvan.democracy.views.common import acting_user as _user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST (even an empty one: all its fields may be optional)."""
    return request.POST if request.method == "POST" else None


@require_GET
def households_index(request: HttpRequest) -> HttpResponse:
    communes = selectors.communes_managed(request.user)
    if not communes:
        raise Http404
    if len(communes) == 1:
        return redirect("democracy:households_commune", pk=communes[0].pk)
    return render(request, "democracy/households/index.html", {"communes": communes})


@require_GET
def households_commune(request: HttpRequest, pk: int) -> HttpResponse:
    commune = selectors.commune_for_manager_or_404(request.user, pk)
    villages = selectors.household_counts_by_village(commune)
    context = {
        "commune": commune,
        "villages": villages,
        "total": sum(v.household_count for v in villages),  # type: ignore[attr-defined]
    }
    return render(request, "democracy/households/commune.html", context)


@require_GET
def households_village(request: HttpRequest, pk: int) -> HttpResponse:
    village = selectors.village_for_manager_or_404(request.user, pk)
    search = request.GET.get("q", "")[:100]
    households = selectors.households_of(village, search=search, include_inactive=True)
    page = Paginator(households, 50).get_page(request.GET.get("page"))
    context = {
        "village": village,
        "commune": selectors.commune_of(village),
        "page": page,
        "search": search,
        "active_count": selectors.household_count(village),
    }
    return render(request, "democracy/households/village.html", context)


@require_http_methods(["GET", "POST"])
def households_create(request: HttpRequest, pk: int) -> HttpResponse:
    village = selectors.village_for_manager_or_404(request.user, pk)
    form = HouseholdForm(_posted(request), initial={"members": 1})
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(
                village=village, actor=_user(request), **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Household %(code)s added.") % {"code": household.code})
            return redirect("democracy:households_village", pk=village.pk)
    context = {"village": village, "form": form, "household": None}
    return render(request, "democracy/households/form.html", context)


@require_http_methods(["GET", "POST"])
def households_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_for_manager_or_404(request.user, pk)
    initial = {
        "code": household.code,
        "representative": household.representative,
        "address": household.address,
        "phone": household.phone,
        "members": household.members,
    }
    form = HouseholdForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_update(
                household=household, actor=_user(request), **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Household %(code)s saved.") % {"code": household.code})
            return redirect("democracy:households_village", pk=household.village_id)
    context = {"village": household.village, "form": form, "household": household}
    return render(request, "democracy/households/form.html", context)


@require_http_methods(["GET", "POST"])
def households_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_for_manager_or_404(request.user, pk)
    form = DeactivateForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.household_deactivate(
                household=household, actor=_user(request), reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Household %(code)s taken off the register.") % {"code": household.code},
            )
        return redirect("democracy:households_village", pk=household.village_id)
    context = {"household": household, "form": form}
    return render(request, "democracy/households/deactivate.html", context)


@require_http_methods(["GET", "POST"])
def households_import(request: HttpRequest, pk: int) -> HttpResponse:
    commune = selectors.commune_for_manager_or_404(request.user, pk)
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record, _result = services.household_import_file(
                place=commune, filename=upload.name, content=upload.read(), actor=_user(request)
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            return redirect(
                "democracy:households_import_result", pk=commune.pk, import_pk=record.pk
            )
    context = {"commune": commune, "form": form}
    return render(request, "democracy/households/import.html", context)


@require_GET
def households_import_result(request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
    commune = selectors.commune_for_manager_or_404(request.user, pk)
    record = selectors.import_of_or_404(commune, import_pk)
    context = {"commune": commune, "record": record, "form": ImportForm()}
    return render(request, "democracy/households/import_result.html", context)


@require_GET
def households_import_file(request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
    """The uploaded file as it was kept, to open, fix and upload again."""
    commune = selectors.commune_for_manager_or_404(request.user, pk)
    record = selectors.import_of_or_404(commune, import_pk)
    kind = XLSX if record.filename.lower().endswith(".xlsx") else "text/csv; charset=utf-8"
    response = HttpResponse(bytes(record.content), content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="ho-gia-dinh-{record.pk}' + (
        '.xlsx"' if kind == XLSX else '.csv"'
    )
    return response


@require_GET
def households_template(request: HttpRequest) -> HttpResponse:
    if not selectors.communes_managed(request.user):
        raise Http404
    response = HttpResponse(services.households_template_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-so-ho-gia-dinh.xlsx"'
    return response
