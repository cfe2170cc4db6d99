"""Pages of the tasks area.

The managing unit's side, under /chi-dao/chi-dao/: the directives it follows, each split
into tasks (added one by one or confirmed from the suggestions read in the document's
text), assigned to units, started, and followed until closed. The units' side, under
/chi-dao/nhiem-vu/: a unit's own tasks and the page where it records its progress.

Thin views: access through ``selectors.tasks`` (the same 404 for what does not exist and
what the person may not see), one service call, redirect. Everything works without
JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import deadline_config
from danvan.directives.forms.tasks import (
    AssignForm,
    DirectiveCreateForm,
    DocumentSearchForm,
    ProgressForm,
    RoleForm,
    SuggestedItemForm,
    TaskForm,
    UnitSearchForm,
    deadline_initial,
    new_token,
)
from danvan.directives.models import Directive, Task, TaskAssignment
from danvan.directives.rules import manager_remits
from danvan.directives.selectors import tasks as selectors
from danvan.directives.services import tasks as services
from danvan.directives.services.tasks_parsing import (
    MODE_DATE,
    SuggestedTask,
    suggest_tasks,
)
from danvan.units.models import Unit, User

PAGE_SIZE = 50
# The state filter of the list pages, as it appears in their addresses.
STATE_SLUGS = {
    "chua-xong": "open",
    "sap-den-han": "soon",
    "qua-han": "overdue",
    "tre-han": "late",
    "da-xong": "done",
}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _today() -> Any:
    return timezone.localdate()


def _detail_url(directive: Directive, anchor: str = "") -> str:
    url = reverse("directives:tasks_directive_detail", kwargs={"pk": directive.pk})
    return f"{url}#{anchor}" if anchor else url


def _task_url(task: Task) -> str:
    return reverse(
        "directives:tasks_task_detail", kwargs={"pk": task.directive_id, "task_pk": task.pk}
    )


def document_url(document_pk: int) -> str:
    """The register's page of the document, if the register area is installed."""
    try:
        return reverse("directives:register_detail", kwargs={"pk": document_pk})
    except NoReverseMatch:  # pragma: no cover - the register area ships with this app
        return ""


def _page(request: HttpRequest, items: Any, *, param: str = "trang") -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get(param))


def _state(request: HttpRequest) -> tuple[str, str]:
    slug = request.GET.get("trang-thai", "")
    return slug, STATE_SLUGS.get(slug, "")


def _done(
    request: HttpRequest,
    action: Callable[[], object],
    *,
    success: str,
    target: str,
) -> HttpResponse:
    """Run a one-button action: a refusal becomes an error message, never a lost page."""
    try:
        action()
    except ApplicationError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success)
    return redirect(target)


# --------------------------------------------------------------------------- directives


def directive_list(request: HttpRequest) -> HttpResponse:
    """The directives of the managing units the person directs."""
    user = _user(request)
    if not manager_remits(user):
        raise Http404
    today = _today()
    directives = selectors.directives_managed_by(user).annotate(
        task_count=Count("tasks", distinct=True),
        assignment_count=Count("tasks__assignments"),
        done_count=Count(
            "tasks__assignments",
            filter=Q(tasks__assignments__status=TaskAssignment.Status.DONE),
        ),
        overdue_count=Count(
            "tasks__assignments",
            filter=~Q(tasks__assignments__status=TaskAssignment.Status.DONE)
            & Q(tasks__due_on__lt=today),
        ),
    )
    status = request.GET.get("trang-thai", "")
    if status in Directive.Status.values:
        directives = directives.filter(status=status)
    return render(
        request,
        "directives/tasks/directive_list.html",
        {
            "page": _page(request, directives),
            "status": status,
            "statuses": Directive.Status.choices,
            "may_create": selectors.manageable_active_unit(request) is not None,
        },
    )


@require_http_methods(["GET", "POST"])
def directive_create(request: HttpRequest) -> HttpResponse:
    """ "Follow up this document": a directive managed by the officer's active unit."""
    unit = selectors.manageable_active_unit(request)
    if unit is None:
        raise Http404
    source = request.POST if request.method == "POST" else request.GET
    document = selectors.document_for_directive(source.get("van-ban", ""))
    if request.method == "POST":
        if document is None:
            raise Http404
        form = DirectiveCreateForm(request.POST)
        if form.is_valid():
            directive, created = services.directive_create(
                document=document,
                unit=unit,
                actor=_user(request),
                title=form.cleaned_data["title"],
            )
            if created:
                messages.success(request, _("The follow-up was created. Now add its tasks."))
            else:
                messages.info(request, _("Your unit already follows this document up."))
            return redirect(_detail_url(directive))
    else:
        form = DirectiveCreateForm(initial={"title": document.title if document else ""})
    search = DocumentSearchForm(request.GET if document is None else None)
    found = (
        selectors.documents_search(query=search.cleaned_data["q"])
        if document is None and search.is_valid()
        else []
    )
    existing = Directive.objects.filter(document=document, unit=unit).first() if document else None
    return render(
        request,
        "directives/tasks/directive_create.html",
        {
            "unit": unit,
            "document": document,
            "document_url": document_url(document.pk) if document else "",
            "existing": existing,
            "form": form,
            "search": search,
            "found": found,
        },
    )


def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A directive: its tasks with their deadlines, units and progress, per task and unit."""
    directive = selectors.directive_for_manager_or_404(request.user, pk)
    today = _today()
    tasks = list(directive.tasks.order_by("position"))
    by_task = selectors.progress_by_task(directive, today=today)
    inline_ids = [t.pk for t in tasks if by_task.get(t.pk, selectors.Progress()).total <= 12]
    inline: dict[int, list[TaskAssignment]] = {}
    for assignment in selectors.assignments_of_directive(directive).filter(task_id__in=inline_ids):
        inline.setdefault(assignment.task_id, []).append(assignment)
    rows = [
        {
            "task": task,
            "progress": by_task.get(task.pk, selectors.Progress()),
            "assignments": [
                (a, selectors.assignment_deadline_state(a, today)) for a in inline.get(task.pk, [])
            ],
            "inline": task.pk in inline_ids,
        }
        for task in tasks
    ]
    return render(
        request,
        "directives/tasks/directive_detail.html",
        {
            "directive": directive,
            "document_url": document_url(directive.document_id),
            "rows": rows,
            "total": selectors.progress_of_directive(directive, today=today),
            "units_page": _page(
                request, selectors.progress_by_unit(directive, today=today), param="trang-don-vi"
            ),
            "missing": selectors.tasks_without_responsible(directive)
            if directive.status == Directive.Status.DRAFT
            else [],
            "today": today,
        },
    )


@require_POST
def directive_activate(request: HttpRequest, pk: int) -> HttpResponse:
    directive = selectors.directive_for_manager_or_404(request.user, pk)
    return _done(
        request,
        lambda: services.directive_activate(directive=directive, actor=_user(request)),
        success=_("The directive is now being carried out; the units were notified."),
        target=_detail_url(directive),
    )


@require_POST
def directive_close(request: HttpRequest, pk: int) -> HttpResponse:
    directive = selectors.directive_for_manager_or_404(request.user, pk)
    return _done(
        request,
        lambda: services.directive_close(directive=directive, actor=_user(request)),
        success=_("The directive is closed."),
        target=_detail_url(directive),
    )


def directive_unit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """One unit's assignments in a directive, with its reports (for the managing unit)."""
    directive = selectors.directive_for_manager_or_404(request.user, pk)
    assignments = list(
        selectors.assignments_of_directive(directive)
        .filter(unit_id=unit_pk)
        .prefetch_related("updates__author")
    )
    if not assignments:
        raise Http404
    today = _today()
    return render(
        request,
        "directives/tasks/directive_unit.html",
        {
            "directive": directive,
            "unit": assignments[0].unit,
            "items": [(a, selectors.assignment_deadline_state(a, today)) for a in assignments],
        },
    )


# --------------------------------------------------------------------------- tasks


def _task_form_page(
    request: HttpRequest, directive: Directive, form: TaskForm, task: Task | None, status: int
) -> HttpResponse:
    return render(
        request,
        "directives/tasks/task_form.html",
        {"directive": directive, "form": form, "task": task},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    directive = selectors.directive_for_manager_or_404(request.user, pk)
    if directive.status == Directive.Status.CLOSED:
        raise Http404
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.is_valid():
            try:
                task = services.task_create(
                    directive=directive,
                    actor=_user(request),
                    data=form.task_input(),
                    token=form.cleaned_data["form_token"],
                )
            except services.AlreadySubmittedError as already:
                messages.info(request, already.message)
                return redirect(_detail_url(directive))
            except ApplicationError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request, _("Task %(position)d was added.") % {"position": task.position}
                )
                return redirect(_task_url(task))
        return _task_form_page(request, directive, form, None, 400)
    form = TaskForm(
        initial={
            "position": selectors.next_position(directive),
            "deadline_mode": MODE_DATE,
            "counted_from": directive.document.issued_on or _today(),
            "form_token": new_token(),
        }
    )
    return _task_form_page(request, directive, form, None, 200)


@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    task = selectors.task_for_manager_or_404(request.user, pk, task_pk)
    directive = task.directive
    if directive.status == Directive.Status.CLOSED:
        raise Http404
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.is_valid():
            try:
                services.task_update(task=task, actor=_user(request), data=form.task_input())
            except ApplicationError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The task was saved."))
                return redirect(_task_url(task))
        return _task_form_page(request, directive, form, task, 400)
    initial = {
        "position": task.position,
        "title": task.title,
        "description": task.description,
        **deadline_initial(task),
    }
    if not initial["counted_from"]:
        initial["counted_from"] = directive.document.issued_on or _today()
    return _task_form_page(request, directive, TaskForm(initial=initial), task, 200)


@require_POST
def task_delete(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    task = selectors.task_for_manager_or_404(request.user, pk, task_pk)
    return _done(
        request,
        lambda: services.task_delete(task=task, actor=_user(request)),
        success=_("The task was removed."),
        target=_detail_url(task.directive),
    )


def _group_choices(directive: Directive) -> list[tuple[str, str]]:
    return [(key, selectors.group_label(key)) for key in selectors.BULK_GROUPS]


def task_detail(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """A task: its deadline and how it was counted, its units and their progress, and the
    form to give it to more units (found by name, or a whole group)."""
    task = selectors.task_for_manager_or_404(request.user, pk, task_pk)
    return _task_detail_page(request, task, form=None)


def _task_detail_page(
    request: HttpRequest, task: Task, *, form: AssignForm | None, status: int = 200
) -> HttpResponse:
    directive = task.directive
    today = _today()
    slug, state = _state(request)
    assignments = selectors.assignment_filter(
        selectors.assignments_of_directive(directive).filter(task=task), state=state, today=today
    )
    page = _page(request, assignments)
    search = UnitSearchForm(request.GET)
    found = (
        selectors.assignable_units_search(directive, query=search.cleaned_data["q"])
        if search.is_valid()
        else []
    )
    if found:  # the units already given the task are not offered again
        assigned = set(task.assignments.values_list("unit_id", flat=True))
        found = [unit for unit in found if unit.pk not in assigned]
    if form is None:
        form = AssignForm(
            unit_choices=found,
            group_choices=_group_choices(directive),
            initial={"form_token": new_token()},
        )
    return render(
        request,
        "directives/tasks/task_detail.html",
        {
            "directive": directive,
            "task": task,
            "count": selectors.due_date_count(task),
            "progress": selectors.progress_by_task(directive, today=today).get(
                task.pk, selectors.Progress()
            ),
            "page": page,
            "items": [(a, selectors.assignment_deadline_state(a, today)) for a in page],
            "state_slug": slug,
            "state_slugs": STATE_SLUGS,
            "search": search,
            "found": found,
            "form": form,
            "is_open": directive.status != Directive.Status.CLOSED,
            "roles": TaskAssignment.Role.choices,
        },
        status=status,
    )


@require_POST
def task_assign(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    task = selectors.task_for_manager_or_404(request.user, pk, task_pk)
    directive = task.directive
    posted = [value for value in request.POST.getlist("units") if value.isdigit()]
    form = AssignForm(
        request.POST,
        unit_choices=list(selectors.assignable_units(directive).filter(pk__in=posted)),
        group_choices=_group_choices(directive),
    )
    if form.is_valid():
        try:
            result = services.task_assign(
                task=task,
                actor=_user(request),
                unit_ids=form.cleaned_data["units"],
                group=form.cleaned_data["group"],
                role=form.cleaned_data["role"],
                token=form.cleaned_data["form_token"],
            )
        except services.AlreadySubmittedError as already:
            messages.info(request, already.message)
            return redirect(_task_url(task))
        except ApplicationError as refused:
            form.add_error(None, refused.message)
        else:
            text = ngettext(
                "%(count)d unit was given the task.",
                "%(count)d units were given the task.",
                result.created,
            ) % {"count": result.created}
            if result.already:
                text += " " + ngettext(
                    "%(count)d unit already had it.",
                    "%(count)d units already had it.",
                    result.already,
                ) % {"count": result.already}
            messages.success(request, text)
            return redirect(_task_url(task))
    return _task_detail_page(request, task, form=form, status=400)


def _assignment_of_directive(request: HttpRequest, pk: int, assignment_pk: int) -> TaskAssignment:
    directive = selectors.directive_for_manager_or_404(request.user, pk)
    assignment = (
        TaskAssignment.objects.select_related("task", "unit")
        .filter(pk=assignment_pk, task__directive=directive)
        .first()
    )
    if assignment is None:
        raise Http404
    assignment.task.directive = directive
    return assignment


@require_POST
def assignment_role(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    assignment = _assignment_of_directive(request, pk, assignment_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether the units are responsible or coordinating."))
        return redirect(_task_url(assignment.task))
    return _done(
        request,
        lambda: services.assignment_set_role(
            assignment=assignment, actor=_user(request), role=form.cleaned_data["role"]
        ),
        success=_("The role of %(unit)s was changed.") % {"unit": assignment.unit.name},
        target=_task_url(assignment.task),
    )


@require_POST
def assignment_remove(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    assignment = _assignment_of_directive(request, pk, assignment_pk)
    return _done(
        request,
        lambda: services.assignment_remove(assignment=assignment, actor=_user(request)),
        success=_("The task was taken back from %(unit)s.") % {"unit": assignment.unit.name},
        target=_task_url(assignment.task),
    )


# --------------------------------------------------------------------------- suggestions


def _suggestion_forms(
    request: HttpRequest,
    directive: Directive,
    suggestions: list[SuggestedTask],
    names: dict[int, str],
) -> list[tuple[SuggestedTask, SuggestedItemForm, bool]]:
    taken = set(directive.tasks.values_list("position", flat=True))
    reference = directive.document.issued_on or _today()
    data = request.POST if request.method == "POST" else None
    result = []
    for suggestion in suggestions:
        deadline = suggestion.deadline
        exists = suggestion.position in taken
        unit_options = [
            (
                proposal.unit_id,
                names.get(proposal.unit_id, str(proposal.unit_id)),
                proposal.role,
            )
            for proposal in suggestion.units
        ]
        group_options = [
            (
                group.key,
                _("%(group)s — “%(text)s” (%(count)d units)")
                % {
                    "group": selectors.group_label(group.key),
                    "text": group.surface,
                    "count": len(group.unit_ids),
                },
                group.role,
                [(unit_id, names.get(unit_id, str(unit_id))) for unit_id in group.unit_ids],
            )
            for group in suggestion.groups
        ]
        form = SuggestedItemForm(
            data,
            prefix=f"item-{suggestion.position}",
            unit_options=unit_options,
            group_options=group_options,
            initial={
                "include": not exists,
                "position": suggestion.position,
                "title": suggestion.title,
                "description": suggestion.details,
                "deadline_mode": deadline.mode or MODE_DATE,
                "due_on": deadline.due_on,
                "working_days": deadline.working_days,
                "counted_from": deadline.counted_from or reference,
                "cycle": deadline.cycle,
            },
        )
        result.append((suggestion, form, exists))
    return result


@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, pk: int) -> HttpResponse:
    """Tasks read from the document's text, for the officer to tick, edit and confirm."""
    directive = selectors.directive_for_manager_or_404(request.user, pk)
    if directive.status == Directive.Status.CLOSED:
        raise Http404
    document = directive.document
    catalogue = selectors.unit_catalogue(directive)
    suggestions = suggest_tasks(
        document.full_text,
        catalogue=catalogue,
        reference_date=document.issued_on or _today(),
        calendar=deadline_config().calendar,
    )
    names = {entry.id: entry.name for entry in catalogue.entries.values()}
    items = _suggestion_forms(request, directive, suggestions, names)
    token = request.POST.get("form_token", "")[:64] if request.method == "POST" else new_token()
    error = ""
    status = 200
    if request.method == "POST":
        chosen = [form for _s, form, _e in items if form.included]
        results = [form.is_valid() for form in chosen]  # every ticked form shows its errors
        valid = all(results)
        if not chosen:
            error = _("Tick at least one task to create.")
        elif valid:
            drafts = [
                services.TaskDraft(task=form.task_input(), assignments=tuple(form.assignments()))
                for form in chosen
            ]
            try:
                created = services.tasks_import(
                    directive=directive, actor=_user(request), drafts=drafts, token=token
                )
            except services.AlreadySubmittedError as already:
                messages.info(request, already.message)
                return redirect(_detail_url(directive))
            except ApplicationError as refused:
                error = refused.message
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d task was created.", "%(count)d tasks were created.", len(created)
                    )
                    % {"count": len(created)},
                )
                return redirect(_detail_url(directive))
        else:
            error = _("Some of the ticked tasks need correcting; see the messages below.")
        status = 400
    return render(
        request,
        "directives/tasks/suggest.html",
        {
            "directive": directive,
            "document": document,
            "items": items,
            "token": token,
            "error": error,
            "has_text": bool(document.full_text.strip()),
        },
        status=status,
    )


# --------------------------------------------------------------------------- units' side


def unit_list(request: HttpRequest) -> HttpResponse:
    """The tasks given to the units the person works in: their own and nobody else's."""
    user = _user(request)
    units = list(selectors.units_acted_for(user))
    if not units:
        raise Http404
    today = _today()
    chosen: Unit | None = None
    raw_unit = request.GET.get("don-vi", "")
    if raw_unit:
        chosen = next((unit for unit in units if str(unit.pk) == raw_unit), None)
        if chosen is None:
            raise Http404
    unit_ids = [chosen.pk] if chosen is not None else [unit.pk for unit in units]
    assignments = selectors.assignments_for_units(unit_ids)
    slug, state = _state(request)
    assignments = selectors.assignment_filter(assignments, state=state, today=today)
    directive_pk = request.GET.get("chi-dao", "")
    if directive_pk.isdigit():
        assignments = assignments.filter(task__directive_id=int(directive_pk))
    page = _page(request, assignments)
    return render(
        request,
        "directives/tasks/unit_list.html",
        {
            "units": units,
            "chosen": chosen,
            "page": page,
            "items": [(a, selectors.assignment_deadline_state(a, today)) for a in page],
            "only_directive": selectors.only_directive_of(assignments),
            "state_slug": slug,
            "state_slugs": STATE_SLUGS,
            "directive_pk": directive_pk if directive_pk.isdigit() else "",
        },
    )


@require_http_methods(["GET", "POST"])
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One assignment: the task, its deadline, the unit's reports; the unit records progress."""
    user = _user(request)
    assignment = selectors.assignment_for_viewer_or_404(user, pk)
    directive = assignment.task.directive
    may_report = directive.status == Directive.Status.ACTIVE and bool(
        user.has_perm(selectors.ACT_FOR_UNIT, assignment.unit)
    )
    status = 200
    if request.method == "POST":
        if not may_report:
            raise Http404
        form = ProgressForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.assignment_progress_record(
                    assignment=assignment,
                    actor=user,
                    status=data["status"],
                    note=data["note"],
                    result=data["result"],
                    done_on=data["done_on"],
                    token=data["form_token"],
                )
            except services.AlreadySubmittedError as already:
                messages.info(request, already.message)
                return redirect(request.path)
            except ApplicationError as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Your report on the task was recorded."))
                return redirect(request.path)
        status = 400
    else:
        initial: dict[str, Any] = {"form_token": new_token(), "done_on": _today()}
        if assignment.status == TaskAssignment.Status.DONE:
            initial.update(
                status=TaskAssignment.Status.DONE,
                result=assignment.result,
                done_on=assignment.done_on,
            )
        else:
            initial["status"] = TaskAssignment.Status.IN_PROGRESS
        form = ProgressForm(initial=initial)
    today = _today()
    return render(
        request,
        "directives/tasks/assignment_detail.html",
        {
            "assignment": assignment,
            "task": assignment.task,
            "directive": directive,
            "document_url": document_url(directive.document_id),
            "count": selectors.due_date_count(assignment.task),
            "state": selectors.assignment_deadline_state(assignment, today),
            "updates": assignment.updates.select_related("author").order_by("-created_at", "-pk"),
            "form": form if may_report else None,
            "is_manager": selectors.may_manage(user, directive),
        },
        status=status,
    )
