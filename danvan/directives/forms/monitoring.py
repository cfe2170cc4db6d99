"""Forms of the monitoring area: the dashboard's filters and the urging-letter generation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import DayFirstDateInput
from danvan.directives.services.monitoring import MAX_WORKING_DAYS

# Kept under this name for the other directives forms (delegations) that import it.
DateInput = DayFirstDateInput


class FilterForm(forms.Form):
    """GET filters; the choices are what the person may see (set by the view)."""

    directive = forms.TypedChoiceField(
        label=_("Directive"), required=False, coerce=int, empty_value=None
    )
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    due_from = forms.DateField(label=_("Due from"), required=False, widget=DateInput())
    due_to = forms.DateField(label=_("Due until"), required=False, widget=DateInput())

    def __init__(
        self,
        data: Any,
        *,
        directives: list[tuple[int, str]],
        units: list[tuple[int, str]],
    ) -> None:
        super().__init__(data, label_suffix="")
        self.fields["directive"].choices = [("", _("All directives")), *directives]  # type: ignore[attr-defined]
        self.fields["unit"].choices = [("", _("All units")), *units]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("due_from"), cleaned.get("due_to")
        if start and end and start > end:
            self.add_error("due_to", _("The end of the period is before its start."))
        return cleaned


class UrgingForm(forms.Form):
    """Which late units to urge, in one letter or one per unit, with what new deadline."""

    ONE_LETTER = "one"
    PER_UNIT = "per_unit"

    mode = forms.ChoiceField(
        label=_("Letters"),
        choices=[
            (ONE_LETTER, _("One letter to all the late units, listing each unit's items")),
            (PER_UNIT, _("One letter per unit")),
        ],
        initial=ONE_LETTER,
        widget=forms.RadioSelect,
    )
    units = forms.TypedMultipleChoiceField(
        label=_("Late units"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    working_days = forms.IntegerField(
        label=_("New deadline, in working days from today"),
        min_value=1,
        max_value=MAX_WORKING_DAYS,
        help_text=_("Counted on the legal calendar (holidays and swapped days excluded)."),
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_title = forms.CharField(
        label=_("Title of the signer"),
        max_length=150,
        required=False,
        help_text=_("For example: Trưởng ban, Phó Trưởng ban, Chủ tịch, Phó Chủ tịch."),
    )
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = units  # type: ignore[attr-defined]
