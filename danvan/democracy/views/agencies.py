"""Pages of democracy inside agencies under /dan-chu/co-quan/ (Law 10/2022, Chapter III).

Thin views for the agency's managers (``democracy.manage_agency``): the access check first
(the same 404 for missing and not allowed), then one service call; a refused change shows
the service's message with what was typed kept. Retried submissions hit the services'
uniqueness checks and get a message instead of a second row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.consultations.models import Consultation
from danvan.core.dashboard import register_panel
from danvan.core.exceptions import ApplicationError
from danvan.democracy.forms import agencies as forms
from danvan.democracy.models.agencies import (
    AGENCY_KINDS,
    CHECKS_PER_RESOLUTION,
    AgendaItem,
    StaffMatter,
)
from danvan.democracy.rules import AGENCY_MANAGER_ROLES
from danvan.democracy.selectors import agencies as selectors
from danvan.democracy.services import agencies as services
from danvan.democracy.services.agencies_docx import conference_docx
from danvan.democracy.views.common import acting_user as _user
from danvan.democracy.views.common import posted as _posted
from danvan.democracy.views.common import submit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _values(row: Any, *names: str) -> dict[str, Any]:
    """A form's initial values: these fields of the row as saved."""
    return {name: getattr(row, name) for name in names}


def _render_form(
    request: HttpRequest, title: str, form: Any, back: str, back_label: str, **extra: Any
) -> HttpResponse:
    context = {"title": title, "form": form, "back": back, "back_label": back_label, **extra}
    return render(request, "democracy/agencies/form.html", context)


@require_GET
def agencies_index(request: HttpRequest) -> HttpResponse:
    rows = selectors.agencies_overview(request.user, today=timezone.localdate())
    if not rows:
        raise Http404
    return render(request, "democracy/agencies/index.html", {"rows": rows})


@require_GET
def agencies_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_for_manager_or_404(request.user, pk)
    today = timezone.localdate()
    profile = selectors.profile_of(agency)
    context = {
        "agency": agency,
        "profile": profile,
        "years": selectors.conference_years(agency, today=today, profile=profile),
        "conferences": selectors.conferences_of(agency),
        "matters": selectors.matters_of(agency),
        "links": [
            (link, Consultation.Status(link.consultation.effective_status).label)
            for link in selectors.staff_consultations_of(agency)
        ],
        "overdue_checks": selectors.overdue_checks(agency, today=today),
        "ballot_open": services.failed_quorums(agency, on_or_before=today) >= 2,
        "consultation_form": forms.StaffConsultationForm(
            consultations=selectors.unlinked_consultations_of(agency)
        ),
    }
    return render(request, "democracy/agencies/detail.html", context)


@require_http_methods(["GET", "POST"])
def agencies_profile(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_for_manager_or_404(request.user, pk)
    profile = selectors.profile_of(agency)
    initial: dict[str, Any] = {"ballot_base": "all_staff"}
    if profile is not None:
        initial = _values(profile, "staff_count", "is_dispersed", "union_name", "ballot_base")
    form = forms.ProfileForm(_posted(request), initial=initial)
    if submit(
        request,
        form,
        services.agency_profile_save,
        _("Saved."),
        actor=_user(request),
        agency=agency,
    ):
        return redirect("democracy:agencies_detail", pk=agency.pk)
    return _render_form(
        request, _("Staff and trade union"), form, _detail_url(agency.pk), agency.name
    )


def _detail_url(pk: int) -> str:
    return reverse("democracy:agencies_detail", kwargs={"pk": pk})


def _conference_url(pk: int) -> str:
    return reverse("democracy:agencies_conference", kwargs={"pk": pk})


@require_http_methods(["GET", "POST"])
def agencies_conference_create(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_for_manager_or_404(request.user, pk)
    profile = selectors.profile_of(agency)
    today = timezone.localdate()
    initial = {
        "year": today.year - 1,
        "kind": "annual",
        "attendance_form": "all_staff",
        "total_staff": profile.staff_count if profile else None,
    }
    form = forms.ConferenceForm(_posted(request), initial=initial)
    conference = submit(
        request,
        form,
        services.conference_create,
        _("Conference recorded."),
        actor=_user(request),
        agency=agency,
    )
    if conference is not None:
        return redirect("democracy:agencies_conference", pk=conference.pk)
    return _render_form(
        request, _("New staff conference"), form, _detail_url(agency.pk), agency.name
    )


@require_http_methods(["GET", "POST"])
def agencies_conference_edit(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.conference_for_manager_or_404(request.user, pk)
    initial = _values(
        conference,
        "year",
        "kind",
        "held_on",
        "total_staff",
        "attendance_form",
        "delegates_convened",
        "union_agreed",
        "proposer",
        "supporters",
        "notes",
    )
    form = forms.ConferenceForm(_posted(request), initial=initial)
    if submit(
        request,
        form,
        services.conference_update,
        _("Saved."),
        actor=_user(request),
        conference=conference,
    ):
        return redirect("democracy:agencies_conference", pk=conference.pk)
    return _render_form(
        request,
        _("Change the planned conference"),
        form,
        _conference_url(conference.pk),
        str(conference),
    )


@require_GET
def agencies_conference(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.conference_for_manager_or_404(request.user, pk)
    today = timezone.localdate()
    context = {
        "conference": conference,
        "agency": conference.agency,
        "checks": selectors.checks_due(conference, today=today),
        "agenda": [(item.label, item.value in conference.agenda_done) for item in AgendaItem],
        "matters": conference.matters.all(),
        "open_matters": selectors.open_matters_of(conference.agency),
    }
    return render(request, "democracy/agencies/conference.html", context)


def _head_name(agency: Any) -> str:
    head = selectors.head_of(agency)
    return head.get_full_name() if head is not None else ""


@require_http_methods(["GET", "POST"])
def agencies_conference_record(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.conference_for_manager_or_404(request.user, pk)
    initial = _values(
        conference,
        "attendees",
        "agenda_done",
        "pledge_signed",
        "pledge_signed_on",
        "resolution_number",
        "resolution_adopted_on",
        "resolution_summary",
        "chair_name",
        "secretary_name",
        "notes",
    )
    initial["chair_name"] = conference.chair_name or _head_name(conference.agency)
    form = forms.RecordForm(_posted(request), initial=initial)
    if submit(
        request,
        form,
        services.conference_record,
        _("Saved."),
        actor=_user(request),
        conference=conference,
    ):
        return redirect("democracy:agencies_conference", pk=conference.pk)
    return _render_form(
        request,
        _("Record of the conference"),
        form,
        _conference_url(conference.pk),
        str(conference),
        conference=conference,
    )


@require_http_methods(["GET", "POST"])
def agencies_check_create(request: HttpRequest, pk: int, period: int) -> HttpResponse:
    conference = selectors.conference_for_manager_or_404(request.user, pk)
    if not 1 <= period <= CHECKS_PER_RESOLUTION:
        raise Http404
    form = forms.CheckForm(_posted(request))
    if submit(
        request,
        form,
        services.resolution_check_record,
        _("Check recorded."),
        actor=_user(request),
        conference=conference,
        period=period,
    ):
        return redirect("democracy:agencies_conference", pk=conference.pk)
    return _render_form(
        request,
        _("Check of the resolution, period %(period)d") % {"period": period},
        form,
        _conference_url(conference.pk),
        str(conference),
    )


@require_GET
def agencies_conference_docx(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.conference_for_manager_or_404(request.user, pk)
    response = HttpResponse(conference_docx(conference), content_type=DOCX)
    filename = f"hoi-nghi-can-bo-{conference.agency.code}-{conference.year}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def agencies_matter_create(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_for_manager_or_404(request.user, pk)
    profile = selectors.profile_of(agency)
    initial = {
        "proposed_on": timezone.localdate(),
        "staff_at_proposal": profile.staff_count if profile else None,
    }
    form = forms.MatterForm(_posted(request), initial=initial)
    if submit(
        request,
        form,
        services.matter_propose,
        _("Matter proposed."),
        actor=_user(request),
        agency=agency,
    ):
        return redirect("democracy:agencies_detail", pk=agency.pk)
    return _render_form(
        request,
        _("Propose a matter for the staff to decide"),
        form,
        _detail_url(agency.pk),
        agency.name,
    )


@require_http_methods(["GET", "POST"])
def agencies_matter_decide(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_for_manager_or_404(request.user, pk)
    conferences = selectors.conferences_of(matter.agency)
    form = forms.DecideForm(_posted(request), conferences=conferences)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        counts = {k: data[k] for k in ("approve", "disagree", "abstain")}
        try:
            if data["method"] == StaffMatter.Method.CONFERENCE:
                services.matter_decide_at_conference(
                    actor=_user(request), matter=matter, conference=data["conference"], **counts
                )
            else:
                services.matter_decide_by_ballot(
                    actor=_user(request),
                    matter=matter,
                    reason=data["ballot_reason"],
                    staff_total=data["staff_total"],
                    decided_on=data["decided_on"],
                    **counts,
                )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Result recorded."))
            return redirect("democracy:agencies_detail", pk=matter.agency_id)
    return _render_form(
        request,
        matter.title,
        form,
        _detail_url(matter.agency_id),
        matter.agency.name,
        matter=matter,
    )


@require_http_methods(["POST"])
def agencies_consultation_add(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_for_manager_or_404(request.user, pk)
    form = forms.StaffConsultationForm(
        request.POST, consultations=selectors.unlinked_consultations_of(agency)
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["consultation"] is not None:
                services.staff_consultation_link(
                    actor=_user(request),
                    agency=agency,
                    consultation=data["consultation"],
                    item=data["item"],
                )
            else:
                services.staff_consultation_start(
                    actor=_user(request), agency=agency, item=data["item"], title=data["title"]
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Consultation listed."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, str(text))
    return redirect("democracy:agencies_detail", pk=agency.pk)


# ----------------------------------------------------------------- the home dashboard


def agencies_panel_context(request: HttpRequest) -> dict[str, Any]:
    """Where the active unit's staff conference stands, when that unit is an agency its
    officer manages: the last work year's conference, overdue checks, matters awaiting a
    vote. Other units get no panel (an empty context renders nothing)."""
    active = getattr(request, "active_role", None)
    unit = getattr(active, "unit", None)
    if unit is None or unit.kind not in AGENCY_KINDS:
        return {"agency": None}
    if not selectors.manages_agency(request.user, unit):
        return {"agency": None}
    today = timezone.localdate()
    profile = selectors.profile_of(unit)
    return {
        "agency": unit,
        "year": selectors.conference_years(unit, today=today, profile=profile)[0],
        "overdue_checks": len(selectors.overdue_checks(unit, today=today)),
        "open_matters": selectors.open_matters_of(unit).count(),
    }


def agencies_register_panel() -> None:
    """Called from ``DemocracyConfig.ready()``: the agency panel on the staff home page."""
    register_panel(
        key="democracy_agencies",
        template="democracy/agencies/panel.html",
        context=agencies_panel_context,
        roles=AGENCY_MANAGER_ROLES,
        order=60,
    )
