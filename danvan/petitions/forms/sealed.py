"""Forms of the sealed area: the denouncer's follow-up, requests to open an identity and the
custodian's decision, and the anonymous-report checklist (HTML input validation only)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import AnonymousReport
from danvan.units.models import Unit


class FollowUpForm(forms.Form):
    code = forms.CharField(
        label=_("Follow-up code"),
        max_length=64,
        strip=True,
        help_text=_("The code on the receipt of your denunciation, in groups of four."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class IdentityRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the identity must be opened"),
        min_length=20,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say what the handling of the case needs that the redacted file does not give. "
            "The custodian decides; you will not see the identity yourself."
        ),
    )


class DecisionForm(forms.Form):
    APPROVE = "approve"
    REFUSE = "refuse"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the requester"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when refusing. Never write the identity here."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == self.REFUSE and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for refusing."))
        return cleaned


class AnonymousCheckForm(forms.Form):
    names_violator = forms.BooleanField(
        label=_("The content clearly names the violator"), required=False
    )
    has_concrete_evidence = forms.BooleanField(
        label=_("Concrete evidence is given"), required=False
    )
    has_basis_to_verify = forms.BooleanField(
        label=_("There is a basis to verify it"), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnonymousOutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Result"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AnonymousCloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Note on closing"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnonymousForwardForm(forms.Form):
    unit_code = forms.CharField(
        label=_("Code of the competent unit"),
        max_length=64,
        help_text=_("For example VN-11953-ubnd."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_unit_code(self) -> Unit:
        code = self.cleaned_data["unit_code"].strip()
        unit = Unit.objects.filter(code=code, is_active=True).first()
        if unit is None:
            raise forms.ValidationError(_("No active unit has this code."))
        return unit


class TreatAsAnonymousForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why it is not processed as a denunciation"),
        choices=[
            (AnonymousReport.Reason.UNIDENTIFIABLE, AnonymousReport.Reason.UNIDENTIFIABLE.label),
            (AnonymousReport.Reason.OTHER_PERSON, AnonymousReport.Reason.OTHER_PERSON.label),
            (AnonymousReport.Reason.NOT_IN_FORM, AnonymousReport.Reason.NOT_IN_FORM.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
