"""Date and time boxes written day-first, as dates are written in Vietnam.

A browser's date picker follows the browser's language, not the page's: on the English
Chromium many offices run, ``<input type="date">`` shows month-first (11/26/2026), which a
Vietnamese officer reads as the 11th of the 26th month — or worse, 02/01 as 1 February. These
widgets are text boxes shown as dd/mm/yyyy (and hh:mm dd/mm/yyyy), read by the day-first
input formats of ``config.formats`` (ISO dates are read too, for scripts and old links).
They need no JavaScript and look the same in every browser and language.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DayFirstDateInput(forms.DateInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": _("dd/mm/yyyy"),
                "inputmode": "numeric",
                "autocomplete": "off",
                "size": 10,
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


class DayFirstDateTimeInput(forms.DateTimeInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": _("dd/mm/yyyy hh:mm"),
                "autocomplete": "off",
                "size": 16,
                **(attrs or {}),
            },
            format="%d/%m/%Y %H:%M",
        )
