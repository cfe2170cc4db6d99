"""Forms of the disclosure register: an item, a posting with its proof, the filters."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.widgets import DayFirstDateInput
from danvan.democracy.models.disclosures import (
    AGENCY,
    DisclosureChannel,
    DisclosureForm,
    category_choices,
    category_default,
)
from danvan.democracy.selectors.disclosures import FLAG_LABELS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
MAX_PROOF = 10 * 1024 * 1024
# Art 12(1) (a)–(k) for communes; Art 47 for agencies.
COMMUNE_FORMS = frozenset(("a", "b", "c", "d", "dd", "e", "g", "h", "i", "k"))
AGENCY_FORMS = frozenset(
    (
        DisclosureForm.POSTING,
        DisclosureForm.INTRANET,
        DisclosureForm.STAFF_CONFERENCE,
        DisclosureForm.LETTERS,
        DisclosureForm.UNIT_HEADS,
        DisclosureForm.PARTY_UNION,
        DisclosureForm.OTHER,
    )
)


def new_token() -> str:
    """A one-time token for the posting form (a retried submission records nothing new)."""
    return uuid.uuid4().hex


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=DayFirstDateInput(),
    )


class DisclosureItemForm(forms.Form):
    """An item of the register. Durations left empty take the category's legal default."""

    category = forms.ChoiceField(label=pgettext_lazy("disclosure", "Category"))
    title = forms.CharField(
        label=_("What is disclosed"),
        max_length=255,
        help_text=_("For example: Approved budget estimate for 2027."),
    )
    document_number = forms.CharField(
        label=_("Number of the decision or document"),
        max_length=60,
        required=False,
        help_text=_("For example: 125/QĐ-UBND."),
    )
    decided_on = _date_field(
        _("Date of the decision or document"),
        help_text=_(
            "The deadline is 5 working days after this date (Law 10/2022, Art 12(3); "
            "agencies Art 47), computed on the legal calendar."
        ),
    )
    url = forms.URLField(label=_("Link to the document"), required=False)
    forms_used = forms.MultipleChoiceField(
        label=_("Forms of disclosure"),
        choices=DisclosureForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Left empty on a new item: the forms the law requires for the category."),
    )
    posting_days = forms.IntegerField(
        label=_("Minimum posting (consecutive days)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_(
            "Left empty: the legal value for the category — 30 consecutive days for commune "
            "items 1–3 and 5–12 (Art 13(2)), 20 for agencies (Art 48); 30 for commune item 14 "
            "is our reading, not a number in the law."
        ),
    )
    permanent = forms.BooleanField(
        label=_("Posted permanently"),
        required=False,
        help_text=_("Commune items 4 and 13 are posted permanently and updated when changed."),
    )
    loudspeaker_days = forms.IntegerField(
        label=_("Loudspeaker (consecutive days)"),
        min_value=1,
        max_value=365,
        required=False,
        help_text=_("Left empty: at least 3 consecutive days for commune items 7–12 (Art 13(3))."),
    )
    note = forms.CharField(
        label=pgettext_lazy("disclosure", "Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, scope: str, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = category_choices(scope)
        allowed = AGENCY_FORMS if scope == AGENCY else COMMUNE_FORMS
        cast(forms.ChoiceField, self.fields["forms_used"]).choices = [
            (value, label) for value, label in DisclosureForm.choices if value in allowed
        ]
        if editing:
            self.fields["category"].disabled = True
            self.fields["category"].required = False

    def durations(self) -> dict[str, Any]:
        """The durations typed, with the category's defaults where left empty."""
        data = self.cleaned_data
        info = category_default(data["category"])
        permanent = bool(data.get("permanent")) or (
            info.permanent and data.get("posting_days") is None
        )
        return {
            "permanent": permanent,
            "posting_days": None if permanent else data.get("posting_days") or info.posting_days,
            "loudspeaker_days": data.get("loudspeaker_days") or info.loudspeaker_days,
        }


class PostingForm(forms.Form):
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    channel = forms.ChoiceField(
        label=_("Where it was disclosed"), choices=DisclosureChannel.choices
    )
    place = forms.CharField(
        label=_("Place or address"),
        max_length=255,
        required=False,
        help_text=_("For example: notice board of the cultural house of Đông Tảo village."),
    )
    url = forms.URLField(label=_("Web address"), required=False)
    posted_from = _date_field(_("Posted from"))
    posted_to = _date_field(
        _("Posted until"),
        required=False,
        help_text=_("The last day it was up. Leave empty while it is still posted."),
    )
    proof = forms.FileField(
        label=_("Proof (photo or PDF)"),
        required=False,
        help_text=_("A photo of the notice board, a screenshot or a PDF; at most 10 MB."),
    )

    def clean_proof(self) -> Any:
        upload = self.cleaned_data.get("proof")
        if upload and upload.size > MAX_PROOF:
            raise forms.ValidationError(_("The proof file is larger than 10 MB."))
        return upload


class PostingEndForm(forms.Form):
    posted_to = _date_field(_("Taken down after"), help_text=_("The last day it was up."))


class RegisterFilterForm(forms.Form):
    category = forms.ChoiceField(label=pgettext_lazy("disclosure", "Category"), required=False)
    status = forms.ChoiceField(
        label=pgettext_lazy("disclosure", "Status"),
        required=False,
        choices=[("", "—"), *FLAG_LABELS.items()],
    )
    quarter = forms.RegexField(
        label=_("Quarter (deadline)"),
        regex=r"^\d{4}-[1-4]$",
        required=False,
        help_text=_("For example: 2026-3 for the third quarter of 2026."),
    )

    def __init__(self, *args: Any, scope: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", "—"),
            *category_choices(scope),
        ]
