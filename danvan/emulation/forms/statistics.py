"""The statistics page's chooser: the place (the whole country, a province, a commune) and
the year. A GET form, so every view of the statistics is a link that can be shared, and the
charts and the CSV take the same query string."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.emulation.models.registry import FIRST_YEAR
from danvan.units.models import Unit

__all__ = ["StatisticsForm", "whole_country"]


def whole_country() -> Unit | None:
    return Unit.objects.filter(kind=Unit.Kind.COUNTRY, parent__isnull=True).first()


def year_choices() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]


class StatisticsForm(forms.Form):
    province = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        label=pgettext_lazy("emulation statistics", "Province or city"),
        empty_label=pgettext_lazy("emulation statistics", "The whole country"),
    )
    commune = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        label=pgettext_lazy("emulation statistics", "Commune, ward or special zone"),
        empty_label=pgettext_lazy("emulation statistics", "The whole province"),
        help_text=_("Choose a province first and press “Show” to list its communes."),
    )
    year = forms.TypedChoiceField(
        coerce=int,
        choices=(),
        required=False,
        label=pgettext_lazy("emulation statistics", "Year"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province_field = self.fields["province"]
        commune_field = self.fields["commune"]
        year_field = self.fields["year"]
        assert isinstance(province_field, forms.ModelChoiceField)
        assert isinstance(commune_field, forms.ModelChoiceField)
        assert isinstance(year_field, forms.TypedChoiceField)
        province_field.queryset = Unit.objects.filter(
            kind__in=Unit.PROVINCE_KINDS, parent__kind=Unit.Kind.COUNTRY, is_active=True
        ).order_by("name")
        province_code = self.data.get("province") if self.is_bound else None
        commune_field.queryset = (
            Unit.objects.filter(
                parent__code=province_code, kind__in=Unit.COMMUNE_KINDS, is_active=True
            ).order_by("name")
            if province_code
            else Unit.objects.none()
        )
        year_field.choices = year_choices()

    @property
    def has_communes(self) -> bool:
        commune_field = self.fields["commune"]
        assert isinstance(commune_field, forms.ModelChoiceField)
        queryset = commune_field.queryset
        return queryset is not None and queryset.exists()

    def scope_and_year(self, country: Unit) -> tuple[Unit, int]:
        """The place and year asked for (valid form), or the whole country this year."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        scope = data.get("commune") or data.get("province") or country
        year = data.get("year") or timezone.localdate().year
        return scope, year
