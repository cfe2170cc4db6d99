"""Forms of residents' proposals: the proposal, a support from a paper list, the outcomes."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import DayFirstDateInput
from danvan.democracy.decisions.matters import DecisionForm, Matter
from danvan.democracy.models.households import Household
from danvan.units.models import Unit

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def submission_key_new() -> str:
    """A one-time key for the proposal form (a retried submission makes no second proposal)."""
    return secrets.token_urlsafe(24)


def _date_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=DayFirstDateInput(),
    )


class ResidentProposalForm(forms.Form):
    """What a resident proposes (the proposer and household come from the account)."""

    title = forms.CharField(label=_("Title"), max_length=255)
    content = forms.CharField(
        label=_("Content of the proposal"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
    )
    matter = forms.ChoiceField(
        label=_("Matter (Article 15)"), choices=Matter.choices, initial=Matter.OTHER
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ProposalForm(ResidentProposalForm):
    """Staff register a proposal brought on paper: the proposer and their household."""

    proposer_name = forms.CharField(label=_("Proposer"), max_length=150)
    proposer_household = forms.CharField(
        label=_("Proposer's household code"),
        max_length=40,
        help_text=_("The code of the household on the village's register."),
    )

    def __init__(self, *args: Any, village: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.village = village

    def clean_proposer_household(self) -> Household:
        code = self.cleaned_data["proposer_household"].strip()
        household = Household.objects.filter(
            village=self.village, code__iexact=code, is_active=True
        ).first()
        if household is None:
            raise forms.ValidationError(_("No active household of this village has this code."))
        return household


class SupportForm(forms.Form):
    """One line of a signed paper list: the household and the date it signed."""

    household = forms.CharField(label=_("Household code"), max_length=40)
    signed_on = _date_field(_("Date signed"))

    def __init__(self, *args: Any, village: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.village = village

    def clean_household(self) -> Household:
        code = self.cleaned_data["household"].strip()
        household = Household.objects.filter(
            village=self.village, code__iexact=code, is_active=True
        ).first()
        if household is None:
            raise forms.ValidationError(_("No active household of this village has this code."))
        return household


class EndorseForm(forms.Form):
    endorsed_by_name = forms.CharField(label=_("Head of the Front work committee"), max_length=150)
    endorsed_on = _date_field(_("Date of endorsement"))


class PutForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Form of decision"), choices=DecisionForm.choices, initial=DecisionForm.MEETING
    )


class DeclineForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for declining"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
