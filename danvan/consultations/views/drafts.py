"""Pages of the drafts area: the public list and reading page, the comparison of versions,
and the agency's pages to prepare, import, open and close a consultation.

Thin views: access through ``selectors.drafts`` (the same 404 for a consultation that does
not exist and one the person may not see or manage), then one service call.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist, engines
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.consultations.forms.drafts import (
    ConsultationCreateForm,
    ConsultationOpenForm,
    DraftImportForm,
)
from danvan.consultations.models import Consultation, DraftVersion
from danvan.consultations.selectors.drafts import (
    consultation_for_manager_or_404,
    consultation_for_reader_or_404,
    consultation_window,
    consultations_closed_public,
    consultations_managed_by,
    consultations_open_public,
    current_version,
    managed_units,
    reading_blocks,
    reading_context,
    version_comparison,
    version_counts,
    version_tree,
)
from danvan.consultations.services import draft_parser
from danvan.consultations.services.draft_diff import Change
from danvan.consultations.services.drafts import (
    consultation_close,
    consultation_create,
    consultation_open,
    draft_import,
    draft_read,
    warning_messages,
)
from danvan.core.exceptions import ApplicationError
from danvan.units.models import User

# The participation area's per-article form. Its partial is filled by its inclusion tag
# ``{% article_actions provision %}`` (library ``participation_tags``), so the reading page
# includes a wrapper that calls the tag, and only once both exist; before that, an empty
# placeholder keeps the page working.
ARTICLE_ACTIONS = "consultations/participation/_article_actions.html"
ARTICLE_ACTIONS_LIBRARY = "participation_tags"
ARTICLE_ACTIONS_WRAPPER = "consultations/drafts/_article_actions_participation.html"
ARTICLE_ACTIONS_PLACEHOLDER = "consultations/drafts/_article_actions_placeholder.html"
PAGE_ASSETS = "consultations/participation/_assets.html"
PAGE_ASSETS_PLACEHOLDER = "consultations/drafts/_page_assets_placeholder.html"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _first_template(*names: str) -> str:
    try:
        return str(select_template(list(names)).template.name)
    except TemplateDoesNotExist:  # pragma: no cover - the placeholders ship with this app
        return names[-1]


def article_actions_template() -> str:
    """The template included after each article: participation's form, else nothing."""
    libraries = engines["django"].engine.template_libraries  # type: ignore[attr-defined]
    if (
        ARTICLE_ACTIONS_LIBRARY in libraries
        and _first_template(ARTICLE_ACTIONS, ARTICLE_ACTIONS_PLACEHOLDER) == ARTICLE_ACTIONS
    ):
        return ARTICLE_ACTIONS_WRAPPER
    return ARTICLE_ACTIONS_PLACEHOLDER


def page_assets_template() -> str:
    """Styles and scripts the per-article form needs, once per page (or nothing)."""
    return _first_template(PAGE_ASSETS, PAGE_ASSETS_PLACEHOLDER)


# ------------------------------------------------------------------ public pages


@require_GET
def drafts_public_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    open_items = [(c, consultation_window(c, now=now)) for c in consultations_open_public(now=now)]
    context = {
        "open_items": open_items,
        "closed": consultations_closed_public(now=now)[:20],
    }
    return render(request, "consultations/drafts/public_list.html", context)


@require_GET
def drafts_read(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_reader_or_404(request.user, slug)
    version = current_version(consultation)
    context: dict[str, Any] = {
        "consultation": consultation,
        "version": version,
        "window": consultation_window(consultation),
        "article_actions_template": article_actions_template(),
        "page_assets_template": page_assets_template(),
    }
    if version is not None:
        roots = version_tree(version)
        context["roots"] = roots
        context["blocks"] = reading_blocks(roots)
        context["has_earlier"] = version.number > 1
        context.update(reading_context(request, consultation, version))
    return render(request, "consultations/drafts/read.html", context)


def _version(consultation: Consultation, raw: str | None, default: int) -> DraftVersion:
    number = int(raw) if raw and raw.isdigit() and len(raw) < 6 else default
    version = consultation.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


@require_GET
def drafts_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Two versions side by side, article by article (``?tu=1&den=2``, ``&dieu=dieu-5``)."""
    consultation = consultation_for_reader_or_404(request.user, slug)
    latest = current_version(consultation)
    if latest is None:
        raise Http404
    new = _version(consultation, request.GET.get("den"), latest.number)
    old = _version(consultation, request.GET.get("tu"), max(1, new.number - 1))
    comparison = version_comparison(old, new)
    anchor = request.GET.get("dieu", "")
    show_all = request.GET.get("tat-ca") == "1"
    if anchor:
        shown = [item for item in comparison if item.anchor == anchor]
        if not shown:
            raise Http404
    elif show_all:
        shown = comparison
    else:
        shown = [item for item in comparison if item.change is not Change.UNCHANGED]
    context = {
        "consultation": consultation,
        "old": old,
        "new": new,
        "versions": list(consultation.versions.order_by("number")),
        "comparison": shown,
        "anchor": anchor,
        "show_all": show_all,
        "counts": {
            change.value: sum(1 for item in comparison if item.change is change)
            for change in Change
        },
    }
    return render(request, "consultations/drafts/compare.html", context)


# ------------------------------------------------------------------ the agency's pages


@login_required
@require_GET
def drafts_manage_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = managed_units(user)
    if not units.exists():
        raise Http404
    now = timezone.now()
    context = {
        "consultations": consultations_managed_by(user),
        "units": units,
        "now": now,
    }
    return render(request, "consultations/drafts/manage_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def drafts_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = managed_units(user)
    if not units.exists():
        raise Http404
    form = ConsultationCreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = consultation_create(actor=user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The consultation is created. Now import the draft."))
            return redirect("consultations:drafts_import", slug=consultation.slug)
    status = 400 if form.errors else 200
    return render(request, "consultations/drafts/create.html", {"form": form}, status=status)


def _detail_page(
    request: HttpRequest,
    consultation: Consultation,
    *,
    open_form: ConsultationOpenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    version = current_version(consultation)
    context: dict[str, Any] = {
        "consultation": consultation,
        "version": version,
        "versions": list(consultation.versions.order_by("-number").select_related("created_by")),
        "window": consultation_window(consultation),
        "open_form": open_form or ConsultationOpenForm(),
    }
    if version is not None:
        roots = version_tree(version)
        context["roots"] = roots
        context["counts"] = version_counts(version)
    return render(request, "consultations/drafts/manage_detail.html", context, status=status)


@login_required
@require_GET
def drafts_manage_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    return _detail_page(request, consultation)


@login_required
@require_http_methods(["GET", "POST"])
def drafts_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload or paste the draft; "Preview" shows the structure without saving it."""
    user = _user(request)
    consultation = consultation_for_manager_or_404(user, slug)
    form = DraftImportForm(request.POST or None, request.FILES or None)
    preview: draft_parser.ParsedDraft | None = None
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            draft = draft_read(
                data=upload.read() if upload else None,
                filename=upload.name if upload else "",
                text=form.cleaned_data["text"],
                text_format=form.cleaned_data["text_format"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            if upload and "text" in error.extra:
                form.keep_text(error.extra["text"])
        else:
            warnings = warning_messages(draft.parsed)
            if "preview" in request.POST:
                preview = draft.parsed
                if upload:
                    form.keep_text(draft.text)
            else:
                try:
                    version = draft_import(
                        consultation=consultation,
                        draft=draft,
                        actor=user,
                        change_note=form.cleaned_data["change_note"],
                    )
                except ApplicationError as error:
                    form.add_error(None, error.message)
                else:
                    for warning in warnings:
                        messages.warning(request, warning)
                    messages.success(
                        request,
                        _("Version %(number)s of the draft is saved: %(count)s articles.")
                        % {"number": version.number, "count": len(draft.parsed.articles())},
                    )
                    return redirect("consultations:drafts_manage_detail", slug=consultation.slug)
    context = {
        "consultation": consultation,
        "form": form,
        "preview": preview,
        "preview_articles": len(preview.articles()) if preview else 0,
        "warnings": warnings,
        "version": current_version(consultation),
    }
    status = 400 if form.errors else 200
    return render(request, "consultations/drafts/import.html", context, status=status)


@login_required
@require_POST
def drafts_open(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    consultation = consultation_for_manager_or_404(user, slug)
    form = ConsultationOpenForm(request.POST)
    if form.is_valid():
        try:
            consultation_open(
                consultation=consultation, actor=user, last_day=form.cleaned_data["last_day"]
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The consultation is open for comments."))
            return redirect("consultations:drafts_manage_detail", slug=consultation.slug)
    return _detail_page(request, consultation, open_form=form, status=400)


@login_required
@require_POST
def drafts_close(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    consultation = consultation_for_manager_or_404(user, slug)
    try:
        consultation_close(consultation=consultation, actor=user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The consultation is closed."))
    return redirect(reverse("consultations:drafts_manage_detail", kwargs={"slug": slug}))
