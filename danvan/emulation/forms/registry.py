"""Forms of the "Dân vận khéo" registry: registration and edit, result figures (three empty
rows, no JavaScript needed), photos and documents, replication and the list filters.

Files are checked here with the services' inspectors, so a photo that is not an image or a
file over the limit becomes an error on its field while the rest of what was typed is kept.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.widgets import DayFirstDateInput
from danvan.emulation.models import Exemplar, Field, Kind, Level
from danvan.emulation.services.registry import (
    Figure,
    InspectedUpload,
    document_inspect,
    photo_inspect,
)
from danvan.units.models import Unit

FIGURE_ROWS = 3
BLANK = [("", pgettext_lazy("emulation registry filter", "All"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


def _model_field(name: str, **kwargs: Any) -> forms.Field:
    model_field = Exemplar._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    field = model_field.formfield(**kwargs)
    assert field is not None
    return field


class UploadsMixin(forms.Form):
    """Photos (really images) and documents (PDF, DOCX, ODT), each checked by content."""

    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP images. The first photo becomes the cover."),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    documents = MultipleFileField(
        label=_("Documents"),
        required=False,
        help_text=_("PDF, DOCX or ODT files (reports, decisions)."),
        widget=MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )

    def _inspect(self, name: str, inspect: Any) -> list[InspectedUpload]:
        checked: list[InspectedUpload] = []
        errors: list[ValidationError] = []
        for upload in self.cleaned_data.get(name) or []:
            try:
                checked.append(inspect(upload=upload))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return checked

    def clean_photos(self) -> list[InspectedUpload]:
        return self._inspect("photos", photo_inspect)

    def clean_documents(self) -> list[InspectedUpload]:
        return self._inspect("documents", document_inspect)

    def uploads(self) -> list[InspectedUpload]:
        return [*self.cleaned_data.get("photos", []), *self.cleaned_data.get("documents", [])]

    @property
    def had_files(self) -> bool:
        return bool(self.files)


class ExemplarForm(UploadsMixin):
    """Registration (with the unit, the year and files) and edit (without them)."""

    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Registering unit"),
        help_text=_("Among the units you may register models for."),
    )
    year = _model_field("year", min_value=2009, max_value=2100)

    place = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=pgettext_lazy("emulation registry", "Place"),
        help_text=_("Leave empty for the commune or province of the registering unit."),
    )

    def __init__(
        self,
        *args: Any,
        places: QuerySet[Unit],
        units: QuerySet[Unit] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        place_field = self.fields["place"]
        assert isinstance(place_field, forms.ModelChoiceField)
        place_field.queryset = places
        self.editing = units is None
        if units is None:
            for name in ("unit", "year", "photos", "documents"):
                del self.fields[name]
        else:
            unit_field = self.fields["unit"]
            assert isinstance(unit_field, forms.ModelChoiceField)
            unit_field.queryset = units
        for name, field in self.exemplar_fields().items():
            self.fields[name] = field
        self.order_fields(["unit", "year", *self.exemplar_fields(), "place", "photos", "documents"])

    @staticmethod
    def exemplar_fields() -> dict[str, forms.Field]:
        field = _model_field(
            "field",
            error_messages={
                "required": _(
                    "Choose the field of the model: economy; culture and society; defence and "
                    "security; or building the Party and the political system."
                )
            },
        )
        return {
            "kind": _model_field("kind"),
            "field": field,
            "sub_field": _model_field("sub_field"),
            "level": _model_field("level"),
            "title": _model_field("title"),
            "period_start": _model_field("period_start", widget=DayFirstDateInput()),
            "period_end": _model_field("period_end", widget=DayFirstDateInput()),
            "problem": _model_field("problem", widget=forms.Textarea(attrs={"rows": 4})),
            "actions": _model_field("actions", widget=forms.Textarea(attrs={"rows": 5})),
            "results": _model_field("results", widget=forms.Textarea(attrs={"rows": 4})),
            "participants": _model_field("participants", widget=forms.Textarea(attrs={"rows": 2})),
            "participant_count": _model_field("participant_count"),
            "person_name": _model_field("person_name"),
            "person_title": _model_field("person_title"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Kind.EXAMPLE and not (data.get("person_name") or "").strip():
            self.add_error("person_name", _("An individual example needs the person's full name."))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period is before its start."))
        return data

    def exemplar_values(self) -> dict[str, Any]:
        names = [*self.exemplar_fields(), "place"]
        return {name: self.cleaned_data[name] for name in names}


def exemplar_initial(exemplar: Exemplar) -> dict[str, Any]:
    names = [*ExemplarForm.exemplar_fields(), "place"]
    return {name: getattr(exemplar, name) for name in names}


def registration_initial() -> dict[str, Any]:
    today = timezone.localdate()
    return {"year": today.year, "period_start": dt.date(today.year, 1, 1)}


class FigureForm(forms.Form):
    """One result figure; an empty row is skipped."""

    indicator = forms.CharField(label=_("Indicator"), max_length=255, required=False)
    value = forms.DecimalField(
        label=pgettext_lazy("emulation figure", "Value"),
        max_digits=16,
        decimal_places=2,
        required=False,
    )
    unit_label = forms.CharField(label=_("Unit of measure"), max_length=50, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        indicator = (data.get("indicator") or "").strip()
        value = data.get("value")
        if indicator and value is None and "value" not in self.errors:
            self.add_error("value", _("Give the figure's value."))
        if value is not None and not indicator:
            self.add_error("indicator", _("Say what the figure measures."))
        return data

    def figure(self) -> Figure | None:
        indicator = (self.cleaned_data.get("indicator") or "").strip()
        value: Decimal | None = self.cleaned_data.get("value")
        if not indicator or value is None:
            return None
        return Figure(indicator, value, (self.cleaned_data.get("unit_label") or "").strip())


FigureFormSet = forms.formset_factory(FigureForm, extra=FIGURE_ROWS, max_num=50)


def figure_formset(data: Any, exemplar: Exemplar | None = None) -> Any:
    initial = (
        [
            {"indicator": f.indicator, "value": f.value, "unit_label": f.unit_label}
            for f in exemplar.figures.all()
        ]
        if exemplar is not None
        else []
    )
    return FigureFormSet(data, initial=initial, prefix="figures")


def figures_of(formset: Any) -> list[Figure]:
    figures = [form.figure() for form in formset.forms]
    return [figure for figure in figures if figure is not None]


class AttachmentForm(UploadsMixin):
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.uploads():
            raise ValidationError(_("Choose at least one photo or document."))
        return data


class ReplicateForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit that replicates the model"),
    )
    year = forms.IntegerField(
        label=pgettext_lazy("emulation registry", "Year"), min_value=2009, max_value=2100
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units


class ListFilterForm(forms.Form):
    """The staff list's filters; every one optional."""

    q = forms.CharField(
        label=pgettext_lazy("emulation registry", "Search"), required=False, max_length=200
    )
    year = forms.IntegerField(
        label=pgettext_lazy("emulation registry", "Year"),
        required=False,
        min_value=2009,
        max_value=2100,
    )
    field = forms.ChoiceField(
        label=pgettext_lazy("emulation registry", "Field"),
        choices=BLANK + Field.choices,
        required=False,
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("emulation registry", "Kind"),
        choices=BLANK + Kind.choices,
        required=False,
    )
    level = forms.ChoiceField(
        label=pgettext_lazy("emulation registry", "Level"),
        choices=BLANK + Level.choices,
        required=False,
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("emulation registry", "Status"),
        choices=BLANK + Exemplar.Status.choices,
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=pgettext_lazy("emulation registry", "Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=pgettext_lazy("emulation registry filter", "All"),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units

    def filters(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_valid() else {}


class PublicFilterForm(forms.Form):
    """The public list's filters."""

    q = forms.CharField(
        label=pgettext_lazy("emulation registry", "Search"), required=False, max_length=200
    )
    field = forms.ChoiceField(
        label=pgettext_lazy("emulation registry", "Field"),
        choices=BLANK + Field.choices,
        required=False,
    )
    recognised_level = forms.ChoiceField(
        label=_("Level recognised"), choices=BLANK + Level.choices, required=False
    )
    year = forms.IntegerField(
        label=pgettext_lazy("emulation registry", "Year"),
        required=False,
        min_value=2009,
        max_value=2100,
    )
    province = forms.ModelChoiceField(
        label=_("Province or city"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=pgettext_lazy("emulation registry filter", "All"),
    )

    def __init__(self, *args: Any, provinces: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province_field = self.fields["province"]
        assert isinstance(province_field, forms.ModelChoiceField)
        province_field.queryset = provinces

    def filters(self) -> dict[str, Any]:
        return self.cleaned_data if self.is_valid() else {}
