"""Pages of the "Dân vận khéo" registry: the staff list, registration, detail, edit, files,
replication, and the public pages of recognised models.

Views stay thin: access through the selectors (the same 404 for missing and forbidden),
writes through the services, a refusal shown on the form with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.exceptions import ApplicationError
from danvan.emulation.forms.registry import (
    AttachmentForm,
    ExemplarForm,
    ListFilterForm,
    PublicFilterForm,
    ReplicateForm,
    exemplar_initial,
    figure_formset,
    figures_of,
    registration_initial,
)
from danvan.emulation.models import Exemplar
from danvan.emulation.selectors import registry as selectors
from danvan.emulation.services import registry as services
from danvan.units.models import Unit, User

PAGE_SIZE = 25
# The evaluation area's pages, linked only once they exist.
EVALUATION_LINKS = {
    "evaluate": "emulation:evaluation_evaluate",
    "recognise": "emulation:evaluation_recognise",
    "remove": "emulation:evaluation_remove",
}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after the access check: a signed-in person
    return request.user


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None


def _querystring(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _evaluation_links(exemplar: Exemplar) -> dict[str, str]:
    links: dict[str, str] = {}
    for key, name in EVALUATION_LINKS.items():
        try:
            links[key] = reverse(name, kwargs={"pk": exemplar.pk})
        except NoReverseMatch:
            continue
    return links


@login_required
@require_GET
def registry_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    visible = selectors.staff_exemplars(user)
    units = Unit.objects.filter(pk__in=visible.values("unit")).order_by("path")
    form = ListFilterForm(request.GET or None, units=units)
    rows = selectors.filter_exemplars(visible, form.filters())
    page = Paginator(rows.order_by("-year", "title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "count": page.paginator.count,
        "querystring": _querystring(request),
        "can_register": selectors.register_units(user).exists(),
    }
    return render(request, "emulation/registry/list.html", context)


def _form_page(
    request: HttpRequest, template: str, form: ExemplarForm, formset: Any, **extra: Any
) -> HttpResponse:
    context = {"form": form, "formset": formset, "limit_mb": services.limit_mb(), **extra}
    return render(request, f"emulation/registry/{template}", context)


@login_required
@require_http_methods(["GET", "POST"])
def registry_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = selectors.register_units(user)
    if not units.exists():
        return render(request, "emulation/registry/no_units.html", status=403)
    initial = registration_initial()
    if units.count() == 1:
        initial["unit"] = units.first()
    form = ExemplarForm(
        _posted(request),
        _files(request),
        units=units,
        places=selectors.register_places(user),
        initial=initial,
    )
    formset = figure_formset(_posted(request))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        try:
            exemplar = services.exemplar_register(
                actor=user,
                unit=data["unit"],
                year=data["year"],
                figures=figures_of(formset),
                uploads=form.uploads(),
                **form.exemplar_values(),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The model is registered."))
            return redirect("emulation:registry_detail", pk=exemplar.pk)
    return _form_page(request, "form.html", form, formset, exemplar=None)


@require_GET
def registry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    exemplar = selectors.exemplar_for_staff_or_404(user, pk)
    may_register = selectors.may_register(user, exemplar)
    context = {
        "exemplar": exemplar,
        "info": selectors.exemplar_page(exemplar, public=False),
        "may_register": may_register,
        "may_evaluate": user.has_perm("emulation.evaluate", exemplar),
        "evaluation_links": _evaluation_links(exemplar),
        "can_replicate": exemplar.status == Exemplar.Status.RECOGNISED
        and selectors.register_units(user).exclude(pk=exemplar.unit_id).exists(),
    }
    return render(request, "emulation/registry/detail.html", context)


@require_http_methods(["GET", "POST"])
def registry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.exemplar_for_register_or_404(request.user, pk)
    if exemplar.is_removed:
        messages.error(request, _("A removed model can no longer be edited."))
        return redirect("emulation:registry_detail", pk=exemplar.pk)
    places = selectors.register_places(request.user)
    if exemplar.place is not None:
        places = places | Unit.objects.filter(pk=exemplar.place.pk)
    form = ExemplarForm(_posted(request), initial=exemplar_initial(exemplar), places=places)
    formset = figure_formset(_posted(request), exemplar)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.exemplar_update(
                actor=_user(request),
                exemplar=exemplar,
                figures=figures_of(formset),
                **form.exemplar_values(),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("emulation:registry_detail", pk=exemplar.pk)
    return _form_page(request, "form.html", form, formset, exemplar=exemplar)


@require_http_methods(["GET", "POST"])
def registry_attachments(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.exemplar_for_register_or_404(request.user, pk)
    if exemplar.is_removed:
        messages.error(request, _("Files cannot be added to a removed model."))
        return redirect("emulation:registry_detail", pk=exemplar.pk)
    form = AttachmentForm(_posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                actor=_user(request),
                exemplar=exemplar,
                uploads=form.uploads(),
                caption=form.cleaned_data["caption"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The files are added."))
            return redirect("emulation:registry_detail", pk=exemplar.pk)
    context = {
        "exemplar": exemplar,
        "form": form,
        "limit_mb": services.limit_mb(),
    }
    return render(request, "emulation/registry/attachments.html", context)


@require_POST
def registry_cover(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    item = selectors.attachment_for_register_or_404(request.user, attachment, pk)
    try:
        services.attachment_set_cover(actor=_user(request), attachment=item)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The cover photo is changed."))
    return redirect("emulation:registry_detail", pk=pk)


@require_GET
def registry_file(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_for_viewer_or_404(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.kind == attachment.AttachmentKind.DOCUMENT,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if selectors.is_public(attachment.exemplar):
        response["Cache-Control"] = "public, max-age=3600"
    else:
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def registry_replicate(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    source = selectors.exemplar_for_replication_or_404(user, pk)
    units = selectors.register_units(user).exclude(pk=source.unit_id)
    if not units.exists():
        return render(request, "emulation/registry/no_units.html", status=403)
    form = ReplicateForm(_posted(request), units=units, initial={"year": timezone.localdate().year})
    recognised = source.status == Exemplar.Status.RECOGNISED
    if recognised and request.method == "POST" and form.is_valid():
        try:
            copy = services.exemplar_replicate(
                actor=_user(request),
                source=source,
                unit=form.cleaned_data["unit"],
                year=form.cleaned_data["year"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The model is replicated. Adapt its description to the unit.")
            )
            return redirect("emulation:registry_detail", pk=copy.pk)
    context = {"exemplar": source, "form": form, "recognised": recognised}
    return render(request, "emulation/registry/replicate.html", context)


@require_GET
def registry_public_list(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None, provinces=selectors.public_provinces())
    rows = selectors.filter_exemplars(selectors.public_exemplars(), form.filters())
    page = Paginator(rows.order_by("-recognised_year", "title", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "count": page.paginator.count,
        "querystring": _querystring(request),
    }
    return render(request, "emulation/registry/public_list.html", context)


@require_GET
def registry_public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.public_exemplar_or_404(pk)
    info = selectors.exemplar_page(exemplar, public=True)
    context = {
        "exemplar": exemplar,
        "info": info,
        "cover": next((photo for photo in info.photos if photo.is_cover), None)
        or (info.photos[0] if info.photos else None),
        "source": exemplar.replicated_from
        if exemplar.replicated_from is not None and selectors.is_public(exemplar.replicated_from)
        else None,
    }
    return render(request, "emulation/registry/public_detail.html", context)
