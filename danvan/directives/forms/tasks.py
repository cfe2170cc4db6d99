"""Forms of the tasks area: HTML input only; the rules are in ``services.tasks``."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.widgets import DayFirstDateInput
from danvan.directives.models import Task, TaskAssignment
from danvan.directives.services.tasks import DeadlineInput, TaskInput
from danvan.directives.services.tasks_parsing import (
    MODE_CYCLE,
    MODE_DATE,
    MODE_ONGOING,
    MODE_WORKING_DAYS,
)
from danvan.units.models import Unit

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
MODE_CHOICES = [
    (MODE_DATE, _("By a due date")),
    (MODE_WORKING_DAYS, _("Within a number of working days")),
    (MODE_CYCLE, _("Periodically (reporting cycle)")),
    (MODE_ONGOING, _("Ongoing, no fixed due date")),
]
CYCLE_CHOICES = [("", "—"), *[(value, label) for value, label in Task.Cycle.choices if value]]
ROLE_CHOICES = TaskAssignment.Role.choices


def new_token() -> str:
    """A one-time token for a form that creates something (see ``services.tasks``)."""
    return uuid.uuid4().hex


def _date_field(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=DayFirstDateInput(),
    )


class TokenMixin(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class DirectiveCreateForm(TokenMixin):
    title = forms.CharField(
        label=_("Title of the follow-up"),
        max_length=500,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )


class DeadlineFormMixin(forms.Form):
    """The four ways a task's deadline is set, validated together."""

    deadline_mode = forms.ChoiceField(
        label=_("Deadline"), choices=MODE_CHOICES, widget=forms.RadioSelect, initial=MODE_DATE
    )
    due_on = _date_field(
        pgettext_lazy("task", "Due date"),
        help_text=_("For a periodic task: the first report's due date, if there is one."),
    )
    working_days = forms.IntegerField(
        label=_("Number of working days"), required=False, min_value=1, max_value=365
    )
    counted_from = _date_field(
        _("Counted from"),
        help_text=_(
            "Usually the document's date. That day itself is not counted; weekends and "
            "public holidays are skipped."
        ),
    )
    cycle = forms.ChoiceField(label=_("Reporting cycle"), choices=CYCLE_CHOICES, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("deadline_mode")
        if mode == MODE_DATE and not data.get("due_on"):
            self.add_error("due_on", _("Enter the due date."))
        elif mode == MODE_WORKING_DAYS:
            if not data.get("working_days"):
                self.add_error("working_days", _("Enter the number of working days."))
            if not data.get("counted_from"):
                self.add_error(
                    "counted_from", _("Enter the day the working days are counted from.")
                )
        elif mode == MODE_CYCLE and not data.get("cycle"):
            self.add_error("cycle", _("Choose the reporting cycle."))
        return data

    def deadline(self) -> DeadlineInput:
        data = self.cleaned_data
        mode = data["deadline_mode"]
        return DeadlineInput(
            mode=mode,
            due_on=data.get("due_on") if mode in {MODE_DATE, MODE_CYCLE} else None,
            working_days=data.get("working_days") if mode == MODE_WORKING_DAYS else None,
            counted_from=data.get("counted_from") if mode == MODE_WORKING_DAYS else None,
            cycle=data.get("cycle") or "" if mode == MODE_CYCLE else "",
        )


def deadline_initial(task: Task) -> dict[str, Any]:
    """The deadline fields of an existing task."""
    if task.working_days:
        mode = MODE_WORKING_DAYS
    elif task.cycle:
        mode = MODE_CYCLE
    elif task.due_on:
        mode = MODE_DATE
    else:
        mode = MODE_ONGOING
    return {
        "deadline_mode": mode,
        "due_on": task.due_on,
        "working_days": task.working_days,
        "counted_from": task.counted_from,
        "cycle": task.cycle,
    }


class TaskForm(TokenMixin, DeadlineFormMixin):
    position = forms.IntegerField(label=_("Item number"), min_value=1, max_value=999)
    title = forms.CharField(
        label=pgettext_lazy("form", "Task"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=pgettext_lazy("task", "Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    field_order = [
        "position",
        "title",
        "description",
        "deadline_mode",
        "due_on",
        "working_days",
        "counted_from",
        "cycle",
        "form_token",
    ]

    def task_input(self) -> TaskInput:
        data = self.cleaned_data
        return TaskInput(
            position=data["position"],
            title=data["title"],
            description=data.get("description") or "",
            deadline=self.deadline(),
        )


class AssignForm(TokenMixin):
    """Units for a task: picked one by one (from a search), or a whole group at once."""

    role = forms.ChoiceField(
        label=pgettext_lazy("assignment", "Role"),
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        initial=TaskAssignment.Role.RESPONSIBLE,
    )
    units = forms.TypedMultipleChoiceField(
        label=_("Units"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    group = forms.ChoiceField(label=_("Or a whole group"), required=False)

    def __init__(
        self,
        *args: Any,
        unit_choices: Sequence[Unit] = (),
        group_choices: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        units_field = self.fields["units"]
        assert isinstance(units_field, forms.TypedMultipleChoiceField)
        units_field.choices = [(unit.pk, unit.name) for unit in unit_choices]
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ChoiceField)
        group_field.choices = [("", _("— none —")), *group_choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("units") and not data.get("group"):
            raise forms.ValidationError(_("Choose at least one unit, or a group."))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES)


class ProgressForm(TokenMixin):
    status = forms.ChoiceField(
        label=_("Where the task stands"),
        choices=[
            (TaskAssignment.Status.IN_PROGRESS, pgettext_lazy("task", "In progress")),
            (TaskAssignment.Status.DONE, pgettext_lazy("task", "Done")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    result = forms.CharField(
        label=_("Result"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the task is done: what was done, with figures if any."),
    )
    done_on = _date_field(_("Done on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == TaskAssignment.Status.DONE:
            if not (data.get("result") or "").strip():
                self.add_error("result", _("Describe the result before marking the task done."))
            if not data.get("done_on"):
                self.add_error("done_on", _("Enter the day the task was done."))
        return data


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Number, symbol or words of the title"), required=False)


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a unit by name"), required=False)


# --------------------------------------------------------------------------- suggestions


class SuggestedItemForm(DeadlineFormMixin):
    """One suggested task on the suggestions page (prefix ``item-<n>``).

    The unit fields are built from what the parser proposed: a role select per unit named
    (none / responsible / coordinating), and per group a role and one checkbox per member,
    all ticked, so the officer keeps or trims it.
    """

    include = forms.BooleanField(label=_("Create this task"), required=False, initial=True)
    position = forms.IntegerField(label=_("Item number"), min_value=1, max_value=999)
    title = forms.CharField(
        label=pgettext_lazy("form", "Task"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=pgettext_lazy("task", "Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The item's text in the document."),
    )

    def __init__(
        self,
        *args: Any,
        unit_options: Sequence[tuple[int, str, str]] = (),  # (unit id, label, proposed role)
        group_options: Sequence[tuple[str, str, str, Sequence[tuple[int, str]]]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unit_field_names: list[str] = []
        self.group_field_names: list[tuple[str, str]] = []
        role_choices = [("", _("not assigned")), *ROLE_CHOICES]
        for unit_id, label, role in unit_options:
            name = f"unit_{unit_id}"
            self.fields[name] = forms.ChoiceField(
                label=label, choices=role_choices, required=False, initial=role
            )
            self.unit_field_names.append(name)
        for key, label, role, members in group_options:
            role_name, members_name = f"group_{key}_role", f"group_{key}_units"
            self.fields[role_name] = forms.ChoiceField(
                label=label, choices=role_choices, required=False, initial=role
            )
            self.fields[members_name] = forms.TypedMultipleChoiceField(
                label=_("Units of the group"),
                choices=list(members),
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[unit_id for unit_id, _label in members],
            )
            self.group_field_names.append((role_name, members_name))

    @property
    def included(self) -> bool:
        """Ticked to be created (only ticked items are validated)."""
        return bool(self.data.get(self.add_prefix("include")))

    def assignments(self) -> list[tuple[int, str]]:
        data = self.cleaned_data
        chosen: list[tuple[int, str]] = []
        for name in self.unit_field_names:
            if data.get(name):
                chosen.append((int(name.removeprefix("unit_")), data[name]))
        for role_name, members_name in self.group_field_names:
            role = data.get(role_name)
            if role:
                chosen.extend((unit_id, role) for unit_id in data.get(members_name) or [])
        return chosen

    def task_input(self) -> TaskInput:
        data = self.cleaned_data
        return TaskInput(
            position=data["position"],
            title=data["title"],
            description=data.get("description") or "",
            deadline=self.deadline(),
        )

    def unit_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.unit_field_names]

    def group_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[role], self[members]) for role, members in self.group_field_names]
