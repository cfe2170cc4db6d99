"""Filters for the audit list page (GET parameters)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import DayFirstDateInput


class AuditFilterForm(forms.Form):
    verb = forms.CharField(
        label=_("Action"),
        required=False,
        max_length=100,
        help_text=_("Beginning of the action name, e.g. “unit.”."),
    )
    actor = forms.CharField(label=_("Actor"), required=False, max_length=150)
    date_from = forms.DateField(label=_("From date"), required=False, widget=DayFirstDateInput())
    date_to = forms.DateField(label=_("To date"), required=False, widget=DayFirstDateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned
