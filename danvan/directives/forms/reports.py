"""Forms of the periodic reports: HTML input only (the rules are in the services).

Every form that creates something carries a one-time ``action_token`` (see the views), so
a double click or a retried request does not create it twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from danvan.core.dates import short_date
from danvan.core.widgets import DayFirstDateInput
from danvan.directives.models import (
    Indicator,
    ReportTemplate,
    Task,
    TemplateSection,
)
from danvan.directives.prefill import source_choices
from danvan.directives.selectors.reports import SheetIndicator, SheetSection
from danvan.directives.services.reports import ReportPeriod, round_periods
from danvan.units.models import Unit

__all__ = [
    "AcceptForm",
    "DefaultTemplateForm",
    "FillForm",
    "IndicatorForm",
    "MoveForm",
    "ReturnForm",
    "RoundForm",
    "SectionForm",
    "TemplateCreateForm",
    "TemplateForm",
]

CUSTOM_PERIOD = "custom"
TEXTAREA_ROWS = 6


class TokenForm(forms.Form):
    action_token = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)


class UnitChoiceForm(TokenForm):
    """A form whose first field is the requesting unit, among the person's managing units."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args: Any, units: Sequence[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if len(units) == 1:
            field.initial = units[0].pk
            field.widget = forms.HiddenInput()


class DefaultTemplateForm(UnitChoiceForm):
    pass


class TemplateCreateForm(UnitChoiceForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TemplateForm(forms.ModelForm[ReportTemplate]):
    class Meta:
        model = ReportTemplate
        fields = ["title", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SectionForm(TokenForm):
    title = forms.CharField(label=_("Section title"), max_length=300)
    guidance = forms.CharField(
        label=_("Guidance for the units"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the units should write in this section."),
    )

    @classmethod
    def for_section(cls, section: TemplateSection) -> SectionForm:
        return cls(initial={"title": section.title, "guidance": section.guidance})


class IndicatorForm(TokenForm):
    label = forms.CharField(label=_("Indicator"), max_length=300)
    measure = forms.CharField(
        label=_("Unit of measure"), max_length=40, required=False, help_text=_("cuộc, lượt, đơn…")
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        required=False,
        help_text=_("Letters, digits and hyphens; made from the indicator when left empty."),
    )
    source = forms.ChoiceField(label=_("Pre-filled from"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = source_choices()

    @classmethod
    def for_indicator(cls, indicator: Indicator) -> IndicatorForm:
        return cls(
            initial={
                "label": indicator.label,
                "measure": indicator.measure,
                "code": indicator.code,
                "source": indicator.source,
            }
        )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


# Dates are typed day first whatever the interface language (the placeholder says so): an
# officer using the English interface types "30/06/2026" too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def _date_input() -> forms.DateInput:
    return DayFirstDateInput()


class RoundForm(TokenForm):
    """A reporting round: for a directive's task (its periods this year) or one-off."""

    AUDIENCE_COMMITTEES = "committees"
    AUDIENCE_TASK = "task"
    AUDIENCE_CHOSEN = "chosen"

    unit = forms.ModelChoiceField(
        label=_("Requesting unit"), queryset=Unit.objects.none(), empty_label=None
    )
    template = forms.ModelChoiceField(
        label=_("Report template"), queryset=ReportTemplate.objects.none()
    )
    task = forms.ModelChoiceField(
        queryset=Task.objects.none(), required=False, widget=forms.HiddenInput
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("Left empty: the template's title followed by the period."),
    )
    period = forms.ChoiceField(label=_("Period"), required=False)
    period_start = forms.DateField(
        label=_("Period from"),
        required=False,
        help_text=_("Only for another period than those offered above."),
        input_formats=DATE_INPUT_FORMATS,
        widget=_date_input(),
    )
    period_end = forms.DateField(
        label=_("Period to"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=_date_input(),
    )
    due_on = forms.DateField(
        label=_("Due date"), input_formats=DATE_INPUT_FORMATS, widget=_date_input()
    )
    audience = forms.ChoiceField(label=_("Units asked"), widget=forms.RadioSelect)
    units = forms.ModelMultipleChoiceField(
        label=_("Chosen units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Used when “the units chosen below” is selected."),
    )

    def __init__(
        self,
        *args: Any,
        units: Sequence[Unit],
        templates: Any,
        task: Task | None,
        askable: Any,
        today: dt.date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        template_field = self.fields["template"]
        task_field = self.fields["task"]
        units_field = self.fields["units"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        assert isinstance(template_field, forms.ModelChoiceField)
        assert isinstance(task_field, forms.ModelChoiceField)
        assert isinstance(units_field, forms.ModelMultipleChoiceField)
        unit_field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if units:
            unit_field.initial = units[0].pk
        template_field.queryset = templates
        if len(templates) == 1:
            template_field.initial = templates[0].pk
        units_field.queryset = askable
        self.periods: list[ReportPeriod] = round_periods(task.cycle, today.year) if task else []
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)
        period_field.choices = [
            *(
                (p.key, f"{p.label} ({short_date(p.start)}–{short_date(p.end)})")
                for p in self.periods
            ),
            (CUSTOM_PERIOD, _("Another period (enter the dates)")),
        ]
        audience = [(self.AUDIENCE_COMMITTEES, _("The People's Committees of all communes"))]
        if task is not None:
            task_field.queryset = Task.objects.filter(pk=task.pk)
            task_field.initial = task.pk
            audience.insert(0, (self.AUDIENCE_TASK, _("The units the task is assigned to")))
            if task.due_on and not self.periods:
                self.fields["due_on"].initial = task.due_on
        audience.append((self.AUDIENCE_CHOSEN, _("The units chosen below")))
        audience_field = self.fields["audience"]
        assert isinstance(audience_field, forms.ChoiceField)
        audience_field.choices = audience
        audience_field.initial = audience[0][0]
        period_field.initial = (
            _default_period(self.periods, today).key if self.periods else CUSTOM_PERIOD
        )
        if not self.periods:
            period_field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = data.get("period") or CUSTOM_PERIOD
        chosen = next((p for p in self.periods if p.key == key), None)
        if chosen is not None:
            data["period_start"], data["period_end"] = chosen.start, chosen.end
            data["period_label"] = chosen.label
        else:
            start: dt.date | None = data.get("period_start")
            end: dt.date | None = data.get("period_end")
            if start is None:
                self.add_error("period_start", _("Enter the first day of the period."))
            if end is None:
                self.add_error("period_end", _("Enter the last day of the period."))
            if start and end:
                if end < start:
                    self.add_error("period_end", _("The period ends before it starts."))
                # in the round's title: "Báo cáo … từ ngày 01/07/2026 đến ngày 30/09/2026"
                label = pgettext("reporting period", "from %(start)s to %(end)s")
                dates = {"start": short_date(start), "end": short_date(end)}
                data["period_label"] = label % dates
        if data.get("audience") == self.AUDIENCE_CHOSEN and not data.get("units"):
            self.add_error("units", _("Choose at least one unit."))
        return data


def _default_period(periods: Sequence[ReportPeriod], today: dt.date) -> ReportPeriod:
    """The period a commission most likely asks about: the one under way, or the one just
    ended while the new one is in its first month (reports on a quarter are asked for
    around its end)."""
    started = [p for p in periods if p.start <= today] or [periods[0]]
    current = started[-1]
    if len(started) > 1 and (today - current.start).days < 31:
        return started[-2]
    return current


def _figure_initial(value: Decimal | None) -> Decimal | int | None:
    """A stored figure as the field shows it: 42 rather than 42.00."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


class FillForm(forms.Form):
    """One text per section and one figure per indicator of the report's template."""

    def __init__(
        self,
        *args: Any,
        sections: Sequence[SheetSection],
        indicators: Sequence[SheetIndicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        self.indicators = list(indicators)
        for item in self.indicators:
            indicator = item.indicator
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=indicator.label,
                required=False,
                min_value=Decimal(0),
                max_digits=14,
                decimal_places=2,
                localize=True,
                initial=_figure_initial(item.value),
                help_text=indicator.measure,
            )
        for part in self.sections:
            section = part.section
            self.fields[f"section_{section.pk}"] = forms.CharField(
                label=section.title,
                required=False,
                widget=forms.Textarea(attrs={"rows": TEXTAREA_ROWS}),
                initial=part.text,
                help_text=section.guidance,
            )

    def indicator_fields(self) -> list[tuple[forms.BoundField, SheetIndicator]]:
        return [(self[f"indicator_{item.indicator.pk}"], item) for item in self.indicators]

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"section_{part.section.pk}"] for part in self.sections]

    def texts(self) -> dict[int, str]:
        return {
            part.section.pk: self.cleaned_data.get(f"section_{part.section.pk}") or ""
            for part in self.sections
        }

    def values(self) -> dict[int, Decimal | None]:
        return {
            item.indicator.pk: self.cleaned_data.get(f"indicator_{item.indicator.pk}")
            for item in self.indicators
        }

    def mark_missing(self, *, indicators: Sequence[int], sections: Sequence[int]) -> None:
        """Put "required" on the fields submit found empty (the data is already saved)."""
        for pk in indicators:
            self.add_error(f"indicator_{pk}", _("Enter a figure (0 if there is none)."))
        for pk in sections:
            self.add_error(f"section_{pk}", _("Write this section."))


class ReturnForm(TokenForm):
    comment = forms.CharField(
        label=_("What the unit should change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what the unit should change.")},
    )


class AcceptForm(TokenForm):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
