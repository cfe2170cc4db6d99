"""Forms of the books of typical models: the book itself, the candidates' filters, one
story. The services decide what is allowed; the forms only shape what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.emulation.models import Book, Field, Level
from danvan.emulation.models.registry import FIRST_YEAR
from danvan.units.models import Unit

__all__ = ["BookForm", "CandidateFilterForm", "StoryForm"]

LAST_YEAR = 2100


class BookForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=pgettext_lazy("emulation books", "Compiled by"),
        help_text=_("The committee whose recognised models the book collects."),
        empty_label=None,
    )
    title = forms.CharField(
        label=pgettext_lazy("emulation books", "Title"),
        max_length=255,
        help_text=_(
            "For example: Tuyển tập mô hình, điển hình “Dân vận khéo” tiêu biểu giai đoạn "
            "2021–2025."
        ),
    )
    subtitle = forms.CharField(
        label=pgettext_lazy("emulation books", "Subtitle"), max_length=255, required=False
    )
    first_year = forms.IntegerField(
        label=pgettext_lazy("emulation books", "From year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    last_year = forms.IntegerField(
        label=pgettext_lazy("emulation books", "To year"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    target_size = forms.IntegerField(
        label=_("Number of models planned"),
        min_value=1,
        max_value=1000,
        initial=100,
        help_text=_("For example 100 models for a five-year period."),
    )
    foreword = forms.CharField(
        label=pgettext_lazy("emulation books", "Foreword"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Printed after the table of contents; one paragraph per line."),
    )

    def __init__(self, *args: Any, units: list[Unit], book: Book | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if book is not None:
            # A book stays with the committee that made it.
            del self.fields["unit"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first is not None and last is not None and first > last:
            self.add_error("last_year", _("The last year must not be before the first year."))
        return data


class CandidateFilterForm(forms.Form):
    """The selection page's filters (GET): every field optional, bad values ignored."""

    field = forms.ChoiceField(
        label=pgettext_lazy("emulation books", "Field"),
        required=False,
        choices=[("", _("All fields")), *Field.choices],
    )
    level = forms.ChoiceField(
        label=pgettext_lazy("emulation books", "Level recognised"),
        required=False,
        choices=[("", _("All levels")), *Level.choices],
    )
    year = forms.IntegerField(
        label=pgettext_lazy("emulation books", "Year recognised"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    q = forms.CharField(
        label=pgettext_lazy("emulation books", "Search"),
        required=False,
        max_length=100,
        help_text=_("Name of the model or unit; with or without diacritics."),
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "field_value": data.get("field") or "",
            "level": data.get("level") or "",
            "year": data.get("year"),
            "query": data.get("q") or "",
        }


class StoryForm(forms.Form):
    story = forms.CharField(
        label=pgettext_lazy("emulation books", "Story for the book"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Leave empty to print the model's own problem, actions and results. One "
            "paragraph per line."
        ),
    )
