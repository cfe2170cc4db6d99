"""Forms of the household register: one household, deactivation, and the upload."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.democracy.models.households import VN_PHONE_RE
from danvan.democracy.services.households import normalise_phone

MAX_UPLOAD = 5 * 1024 * 1024


class HouseholdForm(forms.Form):
    code = forms.CharField(
        label=_("Household code"),
        max_length=40,
        help_text=_("The household book number or the code the village uses."),
    )
    representative = forms.CharField(label=_("Representative"), max_length=150)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    members = forms.IntegerField(label=_("Number of members"), min_value=1, max_value=999)

    def clean_phone(self) -> str:
        """Spaces, dots and dashes typed in the number are dropped before checking it."""
        value = normalise_phone(self.cleaned_data.get("phone", ""))
        if value and not re.match(VN_PHONE_RE, value):
            raise forms.ValidationError(_("Enter a Vietnamese phone number, e.g. 0912345678."))
        return value


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        required=False,
        help_text=_("For example: moved away, merged with household DT-012."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        help_text=_("Columns: village, household code, address, representative, phone, members."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        return upload
