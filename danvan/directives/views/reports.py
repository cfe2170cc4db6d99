"""Pages of the periodic reports: templates and rounds (commission), the unit's report, the
review and the synthesis.

Thin views: access first (``selectors.reports``: the same 404 for a missing row and one
the person may not see, anonymous visitors included), then one service call; a refusal
shows the service's message with what was typed kept.

Forms that create something carry a one-time token (as the consultations' and petitions'
steps do): a double click, a retried request or the Back button brings the same token
back, and the second request does not act again but leads where the first one did.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.exceptions import ApplicationError
from danvan.directives.forms.reports import (
    AcceptForm,
    DefaultTemplateForm,
    FillForm,
    IndicatorForm,
    MoveForm,
    ReturnForm,
    RoundForm,
    SectionForm,
    TemplateCreateForm,
    TemplateForm,
)
from danvan.directives.models import (
    ReportingRound,
    ReportTemplate,
    SynthesisFile,
    Task,
    UnitReport,
)
from danvan.directives.prefill import source_choices
from danvan.directives.selectors import reports as selectors
from danvan.directives.services import reports as services
from danvan.directives.services import reports_filing as filing
from danvan.directives.services import reports_synthesis as synthesis
from danvan.units.models import Unit, User

CONTENT_TYPES: dict[str, str] = {
    SynthesisFile.Format.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    SynthesisFile.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TOKEN_SECONDS = 24 * 3600
TOKEN_WAIT_SECONDS = 10.0
PAGE_SIZE = 50
NARRATIVES_SHOWN = 20
MISSING_SHOWN = 100


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404
    return user


# --------------------------------------------------------------------------- one-time tokens


def _token_key(token: str) -> str:
    return "directives:reports:" + hashlib.sha256(token.encode()).hexdigest()[:32]


def _token_claim(token: str, fallback: str) -> str | None:
    """Claim the form's token; if it was used already, the URL its first use led to."""
    if not token:
        return None
    key = _token_key(token)
    if cache.add(key, "", TOKEN_SECONDS):
        return None
    deadline = time.monotonic() + TOKEN_WAIT_SECONDS
    while True:
        outcome = cache.get(key)
        if outcome or time.monotonic() >= deadline:
            return str(outcome or fallback)
        time.sleep(0.1)  # pragma: no cover - only while a first request is still running


def _once(
    request: HttpRequest, fallback: str, act: Callable[[], str | HttpResponse]
) -> HttpResponse:
    """Run ``act`` once per token; ``act`` returns where to go, or a page (not done)."""
    token = request.POST.get("action_token", "")[:64]
    replayed = _token_claim(token, fallback)
    if replayed is not None:
        messages.info(request, _("This was already done; it was not done a second time."))
        return redirect(replayed)
    outcome = act()
    if isinstance(outcome, HttpResponse):
        if token:
            cache.delete(_token_key(token))  # not done: the corrected form may be sent again
        return outcome
    if token:
        cache.set(_token_key(token), outcome, TOKEN_SECONDS)
    return redirect(outcome)


def _new_token() -> str:
    return secrets.token_urlsafe(24)


# --------------------------------------------------------------------------- the unit's side


@require_GET
def reports_inbox(request: HttpRequest) -> HttpResponse:
    """The reports the person's units are asked for (only those), open ones first; 404 for
    people with no staff role (a citizen), like every other staff page."""
    user = _user(request)
    if not selectors.is_unit_staff(user):
        raise Http404
    reports = list(selectors.reports_for_unit_staff(user))
    open_reports = [r for r in reports if filing.report_is_editable(r)]
    done = [r for r in reports if not filing.report_is_editable(r)]
    context = {
        "open_reports": open_reports,
        "done_reports": done,
        "manages": bool(selectors.manager_units(user)),
        "today": timezone.localdate(),
    }
    return render(request, "directives/reports/inbox.html", context)


def _fill_page(
    request: HttpRequest, report: UnitReport, form: FillForm | None = None, *, status: int = 200
) -> HttpResponse:
    sections, indicators = selectors.report_sheet(report)
    editable = filing.report_is_editable(report)
    context = {
        "report": report,
        "editable": editable,
        "form": form or FillForm(sections=sections, indicators=indicators),
        "sections": sections,
        "indicators": indicators,
        "events": selectors.report_events(report),
    }
    return render(request, "directives/reports/fill.html", context, status=status)


@require_http_methods(["GET", "POST"])
def reports_fill(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit writes its report: save as a draft, or submit (saved first, so a refused
    submit loses nothing). The first opening counts the pre-filled figures."""
    user = _user(request)
    report = selectors.report_for_unit_or_404(user, pk)
    if request.method == "GET":
        if report.prefilled_at is None and filing.report_is_editable(report):
            filing.report_prefill(report=report, actor=user)
            report = selectors.report_for_unit_or_404(user, pk)
        return _fill_page(request, report)
    sections, indicators = selectors.report_sheet(report)
    form = FillForm(request.POST, sections=sections, indicators=indicators)
    if not form.is_valid():
        form.add_error(None, _("Nothing was saved: correct the fields marked below."))
        return _fill_page(request, report, form, status=400)
    target = reverse("directives:reports_fill", kwargs={"pk": report.pk})
    try:
        filing.report_save(report=report, actor=user, texts=form.texts(), values=form.values())
        if "submit" in request.POST:
            filing.report_submit(report=report, actor=user)
    except filing.IncompleteReportError as incomplete:
        form.mark_missing(
            indicators=incomplete.missing_indicators, sections=incomplete.missing_sections
        )
        form.add_error(None, incomplete.message + " " + _("What you typed is saved as a draft."))
        report.refresh_from_db()
        return _fill_page(request, report, form, status=400)
    except ApplicationError as refused:
        form.add_error(None, refused.message)
        return _fill_page(request, report, form, status=400)
    if "submit" in request.POST:
        messages.success(request, _("The report is submitted to %(unit)s.")
                         % {"unit": report.round.unit.name})  # fmt: skip
    else:
        messages.success(request, _("The draft is saved."))
    return redirect(target)


@require_POST
def reports_recount(request: HttpRequest, pk: int) -> HttpResponse:
    """Count the pre-filled figures again (a figure the unit changed is kept)."""
    user = _user(request)
    report = selectors.report_for_unit_or_404(user, pk)
    try:
        counted = filing.report_prefill(report=report, actor=user)
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("%(count)s figures were counted again.") % {"count": counted})
    return redirect("directives:reports_fill", pk=report.pk)


# --------------------------------------------------------------------------- templates


def _manager_units_or_404(user: User) -> list[Unit]:
    units = selectors.manager_units(user)
    if not units:
        raise Http404
    return units


@require_GET
def reports_templates(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = _manager_units_or_404(user)
    context = {
        "templates": selectors.templates_for_manager(user),
        "default_form": DefaultTemplateForm(units=units, initial={"action_token": _new_token()}),
    }
    return render(request, "directives/reports/templates.html", context)


def _template_url(template: ReportTemplate) -> str:
    return reverse("directives:reports_template_detail", kwargs={"pk": template.pk})


@require_POST
def reports_template_default(request: HttpRequest) -> HttpResponse:
    """The button "create the CT 33 / KL 114 template" (one template per click)."""
    user = _user(request)
    units = _manager_units_or_404(user)
    form = DefaultTemplateForm(request.POST, units=units)
    fallback = reverse("directives:reports_templates")

    def act() -> str | HttpResponse:
        if not form.is_valid():
            messages.error(request, _("Choose the unit the template is for."))
            return redirect(fallback)
        template = services.template_default_create(unit=form.cleaned_data["unit"], actor=user)
        messages.success(request, _("The template “%(title)s” is created; adapt it as needed.")
                         % {"title": template.title})  # fmt: skip
        return _template_url(template)

    return _once(request, fallback, act)


@require_http_methods(["GET", "POST"])
def reports_template_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = _manager_units_or_404(user)
    if request.method == "GET":
        form = TemplateCreateForm(units=units, initial={"action_token": _new_token()})
        return render(request, "directives/reports/template_form.html", {"form": form})
    form = TemplateCreateForm(request.POST, units=units)

    def act() -> str | HttpResponse:
        if not form.is_valid():
            return render(request, "directives/reports/template_form.html", {"form": form},
                          status=400)  # fmt: skip
        data = form.cleaned_data
        template = services.template_create(
            unit=data["unit"], actor=user, title=data["title"], description=data["description"]
        )
        messages.success(request, _("The template is created: add its sections and indicators."))
        return _template_url(template)

    return _once(request, reverse("directives:reports_templates"), act)


def _template_page(
    request: HttpRequest,
    template: ReportTemplate,
    *,
    section_form: SectionForm | None = None,
    indicator_form: IndicatorForm | None = None,
    status: int = 200,
) -> HttpResponse:
    sources = dict(source_choices())
    context = {
        "template": template,
        "sections": template.sections.order_by("position"),
        "indicator_rows": [
            (indicator, sources.get(indicator.source, "") if indicator.source else "")
            for indicator in template.indicators.order_by("position")
        ],
        "in_use": services.template_in_use(template),
        "section_form": section_form or SectionForm(initial={"action_token": _new_token()}),
        "indicator_form": indicator_form or IndicatorForm(initial={"action_token": _new_token()}),
        "copy_token": _new_token(),
    }
    return render(request, "directives/reports/template_detail.html", context, status=status)


@require_GET
def reports_template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.template_for_manager_or_404(_user(request), pk)
    return _template_page(request, template)


@require_http_methods(["GET", "POST"])
def reports_template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    form = TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.template_update(
            template=template, actor=user, title=data["title"],
            description=data["description"], is_active=data["is_active"],
        )  # fmt: skip
        messages.success(request, _("The template is saved."))
        return redirect(_template_url(template))
    template.refresh_from_db()
    context = {"form": form, "template": template}
    status = 400 if form.errors else 200
    return render(request, "directives/reports/template_form.html", context, status=status)


@require_POST
def reports_template_copy(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)

    def act() -> str | HttpResponse:
        copy = services.template_copy(template=template, unit=template.unit, actor=user)
        messages.success(request, _("A copy is made; change it as needed."))
        return _template_url(copy)

    return _once(request, _template_url(template), act)


def _template_action(
    request: HttpRequest, template: ReportTemplate, act: Callable[[], object], done: str
) -> HttpResponse:
    try:
        act()
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        if done:
            messages.success(request, done)
    return redirect(_template_url(template))


@require_POST
def reports_section_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    form = SectionForm(request.POST)

    def act() -> str | HttpResponse:
        if not form.is_valid():
            return _template_page(request, template, section_form=form, status=400)
        try:
            services.section_add(template=template, actor=user, title=form.cleaned_data["title"],
                                 guidance=form.cleaned_data["guidance"])  # fmt: skip
        except ApplicationError as refused:
            form.add_error(None, refused.message)
            return _template_page(request, template, section_form=form, status=400)
        messages.success(request, _("The section is added."))
        return _template_url(template)

    return _once(request, _template_url(template), act)


@require_http_methods(["GET", "POST"])
def reports_section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    section = selectors.template_section_or_404(template, section_pk)
    form = (
        SectionForm(request.POST) if request.method == "POST" else SectionForm.for_section(section)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_update(section=section, actor=user, title=form.cleaned_data["title"],
                                    guidance=form.cleaned_data["guidance"])  # fmt: skip
        except ApplicationError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The section is saved."))
            return redirect(_template_url(template))
    context = {"form": form, "template": template, "item": section}
    status = 400 if form.errors else 200
    return render(request, "directives/reports/item_form.html", context, status=status)


@require_POST
def reports_section_delete(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    section = selectors.template_section_or_404(template, section_pk)
    return _template_action(
        request, template, lambda: services.section_delete(section=section, actor=user),
        _("The section is deleted."),
    )  # fmt: skip


@require_POST
def reports_section_move(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    section = selectors.template_section_or_404(template, section_pk)
    form = MoveForm(request.POST)
    up = not form.is_valid() or form.cleaned_data["direction"] == "up"
    return _template_action(
        request, template, lambda: services.section_move(section=section, actor=user, up=up), ""
    )


@require_POST
def reports_indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    form = IndicatorForm(request.POST)

    def act() -> str | HttpResponse:
        if not form.is_valid():
            return _template_page(request, template, indicator_form=form, status=400)
        try:
            services.indicator_add(template=template, actor=user, **_indicator_data(form))
        except ApplicationError as refused:
            form.add_error(None, refused.message)
            return _template_page(request, template, indicator_form=form, status=400)
        messages.success(request, _("The indicator is added."))
        return _template_url(template)

    return _once(request, _template_url(template), act)


def _indicator_data(form: IndicatorForm) -> dict[str, str]:
    data = form.cleaned_data
    return {
        "label": data["label"],
        "measure": data["measure"],
        "code": data["code"],
        "source": data["source"],
    }


@require_http_methods(["GET", "POST"])
def reports_indicator_edit(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    indicator = selectors.template_indicator_or_404(template, indicator_pk)
    if request.method == "POST":
        form = IndicatorForm(request.POST)
        if form.is_valid():
            try:
                services.indicator_update(indicator=indicator, actor=user, **_indicator_data(form))
            except ApplicationError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The indicator is saved."))
                return redirect(_template_url(template))
    else:
        form = IndicatorForm.for_indicator(indicator)
    context = {"form": form, "template": template, "item": indicator}
    status = 400 if form.errors else 200
    return render(request, "directives/reports/item_form.html", context, status=status)


@require_POST
def reports_indicator_delete(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    indicator = selectors.template_indicator_or_404(template, indicator_pk)
    return _template_action(
        request, template, lambda: services.indicator_delete(indicator=indicator, actor=user),
        _("The indicator is deleted."),
    )  # fmt: skip


@require_POST
def reports_indicator_move(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    user = _user(request)
    template = selectors.template_for_manager_or_404(user, pk)
    indicator = selectors.template_indicator_or_404(template, indicator_pk)
    form = MoveForm(request.POST)
    up = not form.is_valid() or form.cleaned_data["direction"] == "up"
    return _template_action(
        request, template,
        lambda: services.indicator_move(indicator=indicator, actor=user, up=up), "",
    )  # fmt: skip


# --------------------------------------------------------------------------- rounds


@require_GET
def reports_rounds(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _manager_units_or_404(user)
    page = Paginator(selectors.rounds_for_manager(user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "directives/reports/rounds.html", {"page": page})


def _round_url(reporting_round: ReportingRound) -> str:
    return reverse("directives:reports_round_detail", kwargs={"pk": reporting_round.pk})


def _chosen_task(request: HttpRequest, user: User) -> Task | None:
    raw = request.POST.get("task") or request.GET.get("task") or ""
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    task = selectors.tasks_for_manager(user).filter(pk=int(raw)).first()
    if task is None:
        raise Http404
    return task


@require_http_methods(["GET", "POST"])
def reports_round_create(request: HttpRequest) -> HttpResponse:
    """Ask units for a report: from a directive's task (``?task=``) or one-off."""
    user = _user(request)
    units = _manager_units_or_404(user)
    task = _chosen_task(request, user)
    templates = ReportTemplate.objects.filter(unit__in=units, is_active=True).order_by("title")

    def round_form(data: Any = None, initial: Any = None) -> RoundForm:
        return RoundForm(
            data,
            initial=initial,
            units=units,
            templates=templates,
            task=task,
            askable=selectors.askable_units(user),
            today=timezone.localdate(),
        )

    context: dict[str, Any] = {"task": task, "tasks": selectors.tasks_for_manager(user)}
    if request.method == "GET":
        context["form"] = round_form(initial={"action_token": _new_token()})
        return render(request, "directives/reports/round_form.html", context)
    form = round_form(request.POST)
    context["form"] = form

    def act() -> str | HttpResponse:
        if not form.is_valid():
            return render(request, "directives/reports/round_form.html", context, status=400)
        data = form.cleaned_data
        template: ReportTemplate = data["template"]
        asked = _asked_units(data, user, task)
        try:
            reporting_round = services.round_create(
                unit=data["unit"],
                template=template,
                title=data["title"] or f"{template.title} {data['period_label']}",
                period_start=data["period_start"],
                period_end=data["period_end"],
                due_on=data["due_on"],
                units=asked,
                actor=user,
                task=task,
            )
        except ApplicationError as refused:
            form.add_error(None, refused.message)
            return render(request, "directives/reports/round_form.html", context, status=400)
        messages.success(request, _("%(count)s units are asked for their report.")
                         % {"count": len(asked)})  # fmt: skip
        return _round_url(reporting_round)

    return _once(request, reverse("directives:reports_rounds"), act)


def _asked_units(data: dict[str, Any], user: User, task: Task | None) -> list[Unit]:
    audience = data["audience"]
    if audience == RoundForm.AUDIENCE_TASK and task is not None:
        return list(Unit.objects.filter(pk__in=task.assignments.values("unit_id")))
    if audience == RoundForm.AUDIENCE_CHOSEN:
        return list(data["units"])
    return list(selectors.commune_committees(user))


@require_GET
def reports_round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = selectors.round_for_manager_or_404(_user(request), pk)
    status = request.GET.get("trang-thai", "")
    reports = selectors.round_reports(reporting_round, status=status)
    counts = selectors.round_status_counts(reporting_round)
    context = {
        "round": reporting_round,
        "asked": sum(counts.values()),
        "status_rows": [
            (value, label, counts[value]) for value, label in UnitReport.Status.choices
        ],
        "status": status,
        "page": Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page")),
        "files": selectors.synthesis_files(reporting_round),
    }
    return render(request, "directives/reports/round_detail.html", context)


@require_POST
def reports_round_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    reporting_round = selectors.round_for_manager_or_404(user, pk)
    services.round_close(reporting_round=reporting_round, actor=user)
    messages.success(request, _("The round is closed: units can no longer change their reports."))
    return redirect(_round_url(reporting_round))


# --------------------------------------------------------------------------- review


def _review_page(
    request: HttpRequest,
    report: UnitReport,
    *,
    return_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    sections, indicators = selectors.report_sheet(report)
    context = {
        "report": report,
        "sections": sections,
        "indicators": indicators,
        "events": selectors.report_events(report),
        "return_form": return_form or ReturnForm(initial={"action_token": _new_token()}),
        "accept_form": AcceptForm(initial={"action_token": _new_token()}),
        "reviewable": report.status == UnitReport.Status.SUBMITTED,
    }
    return render(request, "directives/reports/review.html", context, status=status)


@require_GET
def reports_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_reviewer_or_404(_user(request), pk)
    return _review_page(request, report)


def _review_url(report: UnitReport) -> str:
    return reverse("directives:reports_review", kwargs={"pk": report.pk})


@require_POST
def reports_return(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    report = selectors.report_for_reviewer_or_404(user, pk)
    form = ReturnForm(request.POST)

    def act() -> str | HttpResponse:
        if not form.is_valid():
            return _review_page(request, report, return_form=form, status=400)
        try:
            filing.report_return(report=report, actor=user, comment=form.cleaned_data["comment"])
        except ApplicationError as refused:
            form.add_error(None, refused.message)
            return _review_page(request, report, return_form=form, status=400)
        messages.success(request, _("The report is returned to %(unit)s.")
                         % {"unit": report.unit.name})  # fmt: skip
        return _round_url(report.round)

    return _once(request, _review_url(report), act)


@require_POST
def reports_accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    report = selectors.report_for_reviewer_or_404(user, pk)
    form = AcceptForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        filing.report_accept(report=report, actor=user, comment=comment)
    except ApplicationError as refused:
        messages.error(request, refused.message)
        return redirect(_review_url(report))
    messages.success(request, _("The report of %(unit)s is accepted.")
                     % {"unit": report.unit.name})  # fmt: skip
    return redirect(_round_url(report.round))


# --------------------------------------------------------------------------- synthesis


@require_GET
def reports_synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    reporting_round = selectors.round_for_manager_or_404(_user(request), pk)
    rollup = selectors.synthesis_rollup(reporting_round)
    samples = selectors.synthesis_samples(reporting_round, per_section=NARRATIVES_SHOWN)
    context = {
        "round": reporting_round,
        "rollup": rollup,
        "missing_shown": rollup.missing[:MISSING_SHOWN],
        "missing_more": max(len(rollup.missing) - MISSING_SHOWN, 0),
        "narratives": [(section, samples.get(section.pk, ([], 0))) for section in rollup.sections],
        "files": selectors.synthesis_files(reporting_round),
        "issue_token": _new_token(),
    }
    return render(request, "directives/reports/synthesis.html", context)


def _file_response(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def reports_synthesis_draft(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The synthesis as it stands now, unnumbered ("DỰ THẢO")."""
    reporting_round = selectors.round_for_manager_or_404(_user(request), pk)
    if fmt == SynthesisFile.Format.DOCX:
        data = synthesis.synthesis_docx(reporting_round=reporting_round)
    elif fmt == SynthesisFile.Format.XLSX:
        data = synthesis.synthesis_xlsx(reporting_round=reporting_round)
    else:
        raise Http404
    return _file_response(data, fmt, synthesis.synthesis_filename(reporting_round, fmt))


@require_POST
def reports_synthesis_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Number and keep the synthesis (the number is taken once; issuing again finds it)."""
    user = _user(request)
    reporting_round = selectors.round_for_manager_or_404(user, pk)
    target = reverse("directives:reports_synthesis", kwargs={"pk": reporting_round.pk})

    def act() -> str | HttpResponse:
        try:
            files = synthesis.synthesis_issue(reporting_round=reporting_round, actor=user)
        except ApplicationError as refused:
            messages.error(request, refused.message)
            return redirect(target)
        messages.success(request, _("The synthesis report is issued as number %(number)s.")
                         % {"number": files[0].number})  # fmt: skip
        return target

    return _once(request, target, act)


@require_GET
def reports_synthesis_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """An issued synthesis file, as it was issued."""
    reporting_round = selectors.round_for_manager_or_404(_user(request), pk)
    stored = SynthesisFile.objects.filter(round=reporting_round, format=fmt).first()
    if stored is None:
        raise Http404
    name = synthesis.synthesis_filename(reporting_round, fmt, stored.number)
    return _file_response(bytes(stored.content), fmt, name)


# --------------------------------------------------------------------------- dashboard panel

PANEL_ROWS = 5


def reports_panel_context(request: HttpRequest) -> dict[str, Any]:
    """The home page's box: the person's units' open reports (nearest due first) and, for
    a commission, its open rounds with how many units have reported."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        return {"open_reports": [], "rounds": []}
    open_reports = list(
        selectors.reports_for_unit_staff(user).filter(
            status__in=filing.EDITABLE, round__status=ReportingRound.Status.OPEN
        )[:PANEL_ROWS]
    )
    rounds = list(
        selectors.rounds_for_manager(user).filter(status=ReportingRound.Status.OPEN)[:PANEL_ROWS]
    )
    return {"open_reports": open_reports, "rounds": rounds, "today": timezone.localdate()}


def register_panel() -> None:
    """Register the panel (called from ``DirectivesConfig.ready``)."""
    from danvan.core.dashboard import register_panel as register

    register(
        key="directives_reports",
        template="directives/reports/panel.html",
        context=reports_panel_context,
        roles=services.UNIT_STAFF_ROLES,
        order=51,
    )
