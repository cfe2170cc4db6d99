"""Forms of the year-end evaluation: criteria, scores, recognition, removal, and the batch
recognition (one decision that lists several models)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.widgets import DayFirstDateInput
from danvan.emulation.models import Criterion, Evaluation, Exemplar, Level
from danvan.emulation.selectors.evaluation import pass_percent

DATE = DayFirstDateInput()


class CriterionForm(forms.ModelForm[Criterion]):
    class Meta:
        model = Criterion
        fields = ("code", "name", "description", "max_points", "applies_to", "is_required")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class EvaluateForm(forms.Form):
    """One points field per criterion in use (0 to its maximum), the verdict, the remarks."""

    verdict = forms.ChoiceField(
        label=_("verdict"),
        required=False,
        choices=[("", _("As suggested by the points")), *Evaluation.Verdict.choices],
    )
    remarks = forms.CharField(
        label=_("remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the committee departs from the suggested verdict."),
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.fields["verdict"].help_text = _(
            "Suggested: effective when the total reaches %(percent)s per cent of the maximum "
            "and no required criterion scored 0. The pass mark is a configurable setting "
            "(EMULATION_PASS_PERCENT), not a national rule."
        ) % {"percent": pass_percent()}
        scores: dict[str, forms.Field] = {}
        for criterion in criteria:
            help_text = criterion.description
            if criterion.is_required:
                help_text = f"{help_text} ({_('must be met')})".strip()
            scores[f"c_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_points})",
                min_value=0,
                max_value=criterion.max_points,
                help_text=help_text,
                widget=forms.NumberInput(
                    attrs={
                        "data-max-points": criterion.max_points,
                        "data-required": "1" if criterion.is_required else "0",
                    }
                ),
            )
        self.fields = {**scores, **self.fields}

    def points(self) -> dict[int, int]:
        return {c.pk: int(self.cleaned_data[f"c_{c.pk}"]) for c in self.criteria}

    def score_fields(self) -> list[forms.BoundField]:
        return [self[f"c_{c.pk}"] for c in self.criteria]


class RecognitionForm(forms.Form):
    level = forms.ChoiceField(
        label=pgettext_lazy("emulation evaluation", "level"), choices=Level.choices
    )
    year = forms.IntegerField(label=_("year recognised"), min_value=2009, max_value=2100)
    decision_number = forms.CharField(
        label=_("decision number"), max_length=64, help_text=_("e.g. 125-QĐ/BDVTU")
    )
    decision_date = forms.DateField(label=_("decision date"), widget=DATE)
    is_outstanding = forms.BooleanField(label=_("outstanding (tiêu biểu)"), required=False)

    def clean_decision_date(self) -> Any:
        value = self.cleaned_data["decision_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return value


class BatchRecognitionForm(RecognitionForm):
    """Several effective models recognised by one decision."""

    exemplars = forms.ModelMultipleChoiceField(
        label=_("models"), queryset=Exemplar.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("is_outstanding")
        self.fields.pop("year")
        field = self.fields["exemplars"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = choices


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for removal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reason for removing the model.")},
    )
    removed_on = forms.DateField(label=_("removed on"), widget=DATE)

    def clean_removed_on(self) -> Any:
        value = self.cleaned_data["removed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value
