"""Forms of the duplicate review page (input validation only)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DuplicateDismissForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it not a duplicate? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CaseUnmergeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why was the merge wrong?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
