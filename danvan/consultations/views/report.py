"""Pages of the synthesis-and-explanation report: the agency's working page (groups per
article, dispositions, the steps to publication, downloads) and the public report.

Thin views: access first (no login redirect: anonymous visitors get the same 404 as
everyone else who may not see a page) — ``consultation_for_manager_or_404`` for the staff pages,
``published_report_for_reader_or_404`` for the public ones (the same 404 for a missing
consultation, one the person may not see, and a report not yet published) — then one
service call. A refused change shows the service's message with what was typed kept.

The steps (submit, approve, return, publish) carry a one-time token, as the petitions'
handling pages do: a double click, a retried request or the Back button brings the same
token back, and the second request does not act again but leads where the first one did.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.consultations.forms.report import (
    ApproveForm,
    GroupAddForm,
    GroupForm,
    IntroductionForm,
    MergeForm,
    MoveForm,
    ReportRefreshForm,
    ReturnForm,
)
from danvan.consultations.models import Consultation, ReportFile, ReportGroup, SynthesisReport
from danvan.consultations.selectors.drafts import consultation_for_manager_or_404
from danvan.consultations.selectors.report import (
    published_report_for_reader_or_404,
    report_anchor_choices,
    report_blocks,
    report_content,
    report_of,
)
from danvan.consultations.services import report as services
from danvan.core.exceptions import ApplicationError
from danvan.units.models import User

MANAGE = services.MANAGE
APPROVE = services.APPROVE
Status = SynthesisReport.Status
STEPS = ("submit", "approve", "return", "publish")
TOKEN_SECONDS = 24 * 3600
TOKEN_WAIT_SECONDS = 10.0
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES: dict[str, str] = {
    ReportFile.Format.DOCX: DOCX,
    ReportFile.Format.PDF: "application/pdf",
}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after the access check: a signed-in manager
    return request.user


def _manage_url(consultation: Consultation, anchor: str = "") -> str:
    url = reverse("consultations:report_manage", kwargs={"slug": consultation.slug})
    return f"{url}#{anchor}" if anchor else url


def _report_or_404(consultation: Consultation) -> SynthesisReport:
    report = report_of(consultation)
    if report is None:
        raise Http404
    return report


def _group_or_404(report: SynthesisReport, pk: int) -> ReportGroup:
    group = ReportGroup.objects.filter(pk=pk, report=report).select_related("report").first()
    if group is None:
        raise Http404
    return group


def _group_anchor_id(group: ReportGroup) -> str:
    return f"nhom-{group.pk}"


# ------------------------------------------------------------------ one-time tokens


def _token_key(token: str) -> str:
    return "consultations:report:" + hashlib.sha256(token.encode()).hexdigest()[:32]


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
        time.sleep(0.1)


def _token(request: HttpRequest) -> str:
    return request.POST.get("action_token", "")[:64]


# ------------------------------------------------------------------ the staff page


def _manage_page(
    request: HttpRequest,
    consultation: Consultation,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    report = report_of(consultation)
    user = request.user
    context: dict[str, Any] = {
        "consultation": consultation,
        "report": report,
        "may_manage": user.has_perm(MANAGE, consultation),
        "may_approve": user.has_perm(APPROVE, consultation),
        "refresh_form": forms.get("refresh_form")
        or ReportRefreshForm(
            initial={"include_opinion_map": report.include_opinion_map if report else False}
        ),
        "approve_form": forms.get("approve_form") or ApproveForm(),
        "return_form": forms.get("return_form") or ReturnForm(),
        "tokens": {name: secrets.token_urlsafe(24) for name in STEPS},
        "dispositions": ReportGroup.Disposition.choices,
    }
    if report is not None:
        blocks = report_blocks(report)
        context["blocks"] = blocks
        context["unanswered"] = sum(block.unanswered for block in blocks)
        context["group_total"] = sum(len(block.groups) for block in blocks)
        context["window_closed"] = services.window_closed(consultation, timezone.now())
        context["editable"] = context["may_manage"] and report.status == Status.DRAFTING
        context["introduction_form"] = forms.get("introduction_form") or IntroductionForm(
            initial={"introduction": report.introduction}
        )
        if report.is_frozen:
            context["content"] = report_content(report)
    return render(request, "consultations/report/manage.html", context, status=status)


@require_GET
def report_manage(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    return _manage_page(request, consultation)


@require_POST
def report_prepare(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    form = ReportRefreshForm(request.POST)
    include = form.is_valid() and form.cleaned_data["include_opinion_map"]
    services.report_prepare(
        consultation=consultation, actor=_user(request), include_opinion_map=include
    )
    messages.success(request, _("The report is prepared from the data of the consultation."))
    return redirect(_manage_url(consultation))


@require_POST
def report_refresh(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    report = _report_or_404(consultation)
    form = ReportRefreshForm(request.POST)
    include = form.is_valid() and form.cleaned_data["include_opinion_map"]
    try:
        outcome = services.report_refresh(
            report=report, actor=_user(request), include_opinion_map=include
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The figures are read again: %(added)s new groups, %(updated)s updated, "
                "%(flagged)s kept for review, %(removed)s removed."
            )
            % {
                "added": outcome.added,
                "updated": outcome.updated,
                "flagged": outcome.flagged,
                "removed": outcome.removed,
            },
        )
    return redirect(_manage_url(consultation))


@require_POST
def report_introduction(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    report = _report_or_404(consultation)
    form = IntroductionForm(request.POST)
    if form.is_valid():
        try:
            services.report_introduction_update(
                report=report,
                actor=_user(request),
                introduction=form.cleaned_data["introduction"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The introduction is saved."))
            return redirect(_manage_url(consultation))
    return _manage_page(request, consultation, status=400, introduction_form=form)


# ------------------------------------------------------------------ groups


def _group_page(
    request: HttpRequest,
    consultation: Consultation,
    group: ReportGroup,
    form: GroupForm,
    *,
    status: int = 200,
) -> HttpResponse:
    report = group.report
    targets = [
        (other.pk, f"{other.position + 1}. {other.summary[:80]}")
        for other in ReportGroup.objects.filter(report=report, anchor=group.anchor)
        .exclude(pk=group.pk)
        .order_by("position", "pk")
    ]
    labels = dict(report_anchor_choices(report))
    context = {
        "consultation": consultation,
        "report": report,
        "group": group,
        "sources": list(group.sources.order_by("pk")),
        "article_label": labels.get(group.anchor, group.anchor),
        "form": form,
        "merge_form": MergeForm(targets=targets) if targets else None,
        "editable": report.status == SynthesisReport.Status.DRAFTING,
    }
    return render(request, "consultations/report/group.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report_group_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One group: its opinion, disposition, explanation and examples (also posted to from
    the inline form of the report page; a refused form comes back here, text kept)."""
    consultation = consultation_for_manager_or_404(request.user, slug)
    report = _report_or_404(consultation)
    group = _group_or_404(report, pk)
    if request.method == "GET":
        form = GroupForm(
            initial={
                "summary": group.summary,
                "disposition": group.disposition,
                "explanation": group.explanation,
                "examples": "\n".join(group.examples),
                "revision": group.revision,
            }
        )
        return _group_page(request, consultation, group, form)
    form = GroupForm(request.POST)
    if form.is_valid():
        examples = form.example_lines() if "examples" in request.POST else None
        try:
            saved = services.report_group_update(
                group=group,
                actor=_user(request),
                summary=form.cleaned_data["summary"],
                disposition=form.cleaned_data["disposition"],
                explanation=form.cleaned_data["explanation"],
                examples=examples,
                revision=form.cleaned_data["revision"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            group.refresh_from_db()
        else:
            messages.success(request, _("The group is saved."))
            return redirect(_manage_url(consultation, _group_anchor_id(saved)))
    return _group_page(request, consultation, group, form, status=400)


@require_http_methods(["GET", "POST"])
def report_group_add(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    report = _report_or_404(consultation)
    anchors = report_anchor_choices(report)
    if request.method == "GET":
        form = GroupAddForm(initial={"anchor": request.GET.get("dieu", "")}, anchors=anchors)
    else:
        form = GroupAddForm(request.POST, anchors=anchors)
        if form.is_valid():
            try:
                group = services.report_group_add(report=report, actor=_user(request),
                                                  **form.cleaned_data)  # fmt: skip
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The group is added."))
                return redirect(_manage_url(consultation, _group_anchor_id(group)))
    context = {"consultation": consultation, "report": report, "form": form}
    status = 400 if form.errors else 200
    return render(request, "consultations/report/group_add.html", context, status=status)


def _group_action(
    request: HttpRequest, slug: str, pk: int, act: Callable[[ReportGroup, User], str | None]
) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    report = _report_or_404(consultation)
    group = _group_or_404(report, pk)
    try:
        anchor = act(group, _user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
        anchor = _group_anchor_id(group)
    return redirect(_manage_url(consultation, anchor or ""))


@require_POST
def report_group_merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def act(group: ReportGroup, user: User) -> str | None:
        siblings = ReportGroup.objects.filter(report=group.report, anchor=group.anchor).exclude(
            pk=group.pk
        )
        form = MergeForm(
            request.POST, targets=[(pk, "") for pk in siblings.values_list("pk", flat=True)]
        )
        if not form.is_valid():
            raise ApplicationError(_("Choose another group of the same article to merge with."))
        into = siblings.get(pk=form.cleaned_data["into"])
        merged = services.report_group_merge(group=group, into=into, actor=user)
        messages.success(request, _("The groups are merged."))
        return _group_anchor_id(merged)

    return _group_action(request, slug, pk, act)


@require_POST
def report_group_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def act(group: ReportGroup, user: User) -> str | None:
        form = MoveForm(request.POST)
        up = not form.is_valid() or form.cleaned_data["direction"] == "up"
        moved = services.report_group_move(group=group, actor=user, up=up)
        return _group_anchor_id(moved)

    return _group_action(request, slug, pk, act)


@require_POST
def report_group_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def act(group: ReportGroup, user: User) -> str | None:
        anchor = group.anchor
        services.report_group_delete(group=group, actor=user)
        messages.success(request, _("The group is deleted."))
        return f"dieu-{anchor}" if anchor else "y-kien-chung"

    return _group_action(request, slug, pk, act)


# ------------------------------------------------------------------ the steps


def _step(
    request: HttpRequest,
    slug: str,
    *,
    run: Callable[[SynthesisReport, User], object],
    done: str,
    form_name: str | None = None,
    form: Any = None,
) -> HttpResponse:
    """Run one step with its one-time token; a refusal re-renders the page with its form."""
    consultation = consultation_for_manager_or_404(request.user, slug)
    report = _report_or_404(consultation)
    target = _manage_url(consultation)
    token = _token(request)
    replayed = _token_claim(token, target)
    if replayed is not None:
        messages.info(request, _("This was already done; it was not done a second time."))
        return redirect(replayed)
    error: str | None = None
    if form is not None and not form.is_valid():
        error = ""
    else:
        try:
            run(report, _user(request))
        except ApplicationError as refused:
            error = refused.message
    if error is None:
        if token:
            cache.set(_token_key(token), target, TOKEN_SECONDS)
        messages.success(request, done)
        return redirect(target)
    if token:
        cache.delete(_token_key(token))  # not done: the corrected form may be sent again
    if form is not None and form_name is not None:
        if error:
            form.add_error(None, error)
        return _manage_page(request, consultation, status=400, **{form_name: form})
    messages.error(request, error)
    return redirect(target)


@require_POST
def report_submit(request: HttpRequest, slug: str) -> HttpResponse:
    return _step(
        request,
        slug,
        run=lambda report, user: services.report_submit(report=report, actor=user),
        done=_("The report is submitted for approval."),
    )


@require_POST
def report_approve(request: HttpRequest, slug: str) -> HttpResponse:
    form = ApproveForm(request.POST)
    return _step(
        request,
        slug,
        run=lambda report, user: services.report_approve(
            report=report, actor=user, number=form.cleaned_data.get("number")
        ),
        done=_("The report is approved and numbered."),
        form_name="approve_form",
        form=form,
    )


@require_POST
def report_return(request: HttpRequest, slug: str) -> HttpResponse:
    form = ReturnForm(request.POST)
    return _step(
        request,
        slug,
        run=lambda report, user: services.report_return(
            report=report, actor=user, reason=form.cleaned_data["reason"]
        ),
        done=_("The report is returned to its drafters for correction."),
        form_name="return_form",
        form=form,
    )


@require_POST
def report_publish(request: HttpRequest, slug: str) -> HttpResponse:
    return _step(
        request,
        slug,
        run=lambda report, user: services.report_publish(report=report, actor=user),
        done=_("The report is published on the portal."),
    )


# ------------------------------------------------------------------ files and the public page


def _file_response(report: SynthesisReport, fmt: str, *, public: bool) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    data, name = services.report_file(report=report, fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # A published file never changes, but an internal consultation's report is for its
    # staff only: no shared cache keeps either.
    response["Cache-Control"] = "private, max-age=600" if public else "private, no-store"
    return response


@require_GET
def report_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    return _file_response(_report_or_404(consultation), fmt, public=False)


@require_GET
def report_public(request: HttpRequest, slug: str) -> HttpResponse:
    consultation, report = published_report_for_reader_or_404(request.user, slug)
    context = {
        "consultation": consultation,
        "report": report,
        "content": report_content(report),
    }
    return render(request, "consultations/report/public.html", context)


@require_GET
def report_public_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    _consultation, report = published_report_for_reader_or_404(request.user, slug)
    return _file_response(report, fmt, public=True)
