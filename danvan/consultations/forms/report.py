"""Forms of the synthesis-and-explanation report pages (HTML input validation only; the
rules themselves are the services')."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models import EXPLANATION_MAX_LENGTH, SUMMARY_MAX_LENGTH, ReportGroup
from danvan.consultations.services.report import (
    INTRODUCTION_MAX_LENGTH,
    NUMBER_MAX,
    REASON_MAX_LENGTH,
    RECEIVED_VIA_MAX_LENGTH,
)

Disposition = ReportGroup.Disposition
DISPOSITION_CHOICES = [("", _("Not decided yet")), *Disposition.choices]
COUNT_MAX = 1_000_000_000


class ReportRefreshForm(forms.Form):
    include_opinion_map = forms.BooleanField(
        label=_("Also take the groups and consensus statements of the opinion map"),
        required=False,
    )


class IntroductionForm(forms.Form):
    introduction = forms.CharField(
        label=_("Introduction and overall assessment"),
        required=False,
        max_length=INTRODUCTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Printed after the figures in part I of the report: how the consultation was "
            "organised, the main trends of the opinions, the agency's overall assessment."
        ),
    )


def _explanation_needed(form: forms.Form, cleaned: dict[str, Any]) -> None:
    disposition = cleaned.get("disposition", "")
    if (
        disposition in (Disposition.PARTLY_ACCEPTED, Disposition.NOT_ACCEPTED)
        and not (cleaned.get("explanation") or "").strip()
    ):
        form.add_error(
            "explanation",
            _("Explain why the opinions are not (fully) accepted: the law requires it."),
        )


class GroupForm(forms.Form):
    """Write a group's opinion, disposition and explanation."""

    summary = forms.CharField(
        label=_("Opinion"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the opinion of the group.")},
    )
    disposition = forms.ChoiceField(
        label=_("Disposition"),
        choices=DISPOSITION_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the opinions are partly accepted or not accepted."),
    )
    examples = forms.CharField(
        label=_("Example texts (one per line)"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH * 5,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Published with the report: remove anything that identifies a person."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _explanation_needed(self, cleaned)
        return cleaned

    def example_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["examples"].splitlines() if line.strip()]


class GroupAddForm(forms.Form):
    """A group staff enter: opinions received in writing, at meetings, by telephone."""

    # Not "required": the empty value is a real choice, the draft as a whole.
    anchor = forms.ChoiceField(label=_("On"), choices=(), required=False)
    summary = forms.CharField(
        label=_("Opinion"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the opinion of the group.")},
    )
    count = forms.IntegerField(
        label=_("Number of opinions"),
        min_value=1,
        max_value=COUNT_MAX,
        initial=1,
        error_messages={"min_value": _("A group has at least one opinion.")},
    )
    received_via = forms.CharField(
        label=_("Received through"),
        required=False,
        max_length=RECEIVED_VIA_MAX_LENGTH,
        help_text=_(
            "For example: letter no. 12/STP-VP of the Department of Justice; meeting of 12/11."
        ),
    )
    disposition = forms.ChoiceField(
        label=_("Disposition"),
        choices=DISPOSITION_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, anchors: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = anchors  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _explanation_needed(self, cleaned)
        return cleaned


class MergeForm(forms.Form):
    into = forms.TypedChoiceField(label=_("Merge into"), coerce=int, choices=())

    def __init__(self, *args: Any, targets: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = targets  # type: ignore[attr-defined]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class ApproveForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number in the document register (optional)"),
        required=False,
        min_value=1,
        max_value=NUMBER_MAX,
        help_text=_("Leave empty to take the next number of the unit's reports this year."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What has to be corrected"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what has to be corrected.")},
    )
