"""Forms of the statistics page: the period, and the dates of a reception book export."""

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.petitions.selectors.stats import Period, PeriodKind

FIRST_YEAR = 2000
# One export covers at most a year and a day: a year's book, whatever the start date.
BOOK_MAX_DAYS = 366


class StatsPeriodForm(forms.Form):
    """Which month, quarter or year to show (GET; a blank form means this month)."""

    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.CHOICES)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR)
    number = forms.IntegerField(
        label=_("Month or quarter"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=_("Month 1–12, or quarter 1–4; not used for a whole year."),
    )

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean_year(self) -> int:
        year = int(self.cleaned_data["year"])
        if year > self.today.year:
            raise forms.ValidationError(
                _("Choose a year up to %(year)d."), params={"year": self.today.year}
            )
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("period")
        number = cleaned.get("number")
        if kind == PeriodKind.QUARTER and number is not None and number > 4:
            self.add_error("number", _("A quarter is numbered 1 to 4."))
        if kind in (PeriodKind.MONTH, PeriodKind.QUARTER) and number is None:
            self.add_error("number", _("Choose the month or the quarter."))
        return cleaned

    def period_or_default(self) -> Period:
        """The chosen period if the form is valid, else the current month."""
        if self.is_bound and self.is_valid():
            kind = self.cleaned_data["period"]
            number = self.cleaned_data["number"] if kind != PeriodKind.YEAR else 1
            return Period(kind, self.cleaned_data["year"], number)
        return Period.containing(self.today)


class BookExportForm(forms.Form):
    """The dates of a reception book export (form 03/TCD)."""

    date_from = forms.DateField(label=_("From"))
    date_to = forms.DateField(label=_("To"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start is not None and end is not None:
            if end < start:
                self.add_error("date_to", _("The end date is before the start date."))
            elif (end - start).days > BOOK_MAX_DAYS:
                self.add_error("date_to", _("Export at most one year of the book at a time."))
        return cleaned
