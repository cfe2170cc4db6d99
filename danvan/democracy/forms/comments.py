"""Form of comments before decisions: list a commune consultation under its Art 25 item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models import Consultation
from danvan.democracy.models.comments import ART25_ITEMS


class CommuneMatterForm(forms.Form):
    consultation = forms.ModelChoiceField(
        label=_("Consultation"), queryset=Consultation.objects.none()
    )
    item = forms.TypedChoiceField(
        label=_("Article 25 item"),
        coerce=int,
        choices=[(number, f"{number}. {label}") for number, label in ART25_ITEMS.items()],
    )
    special_law = forms.CharField(
        label=_("Specific law allowing a shorter period"),
        max_length=255,
        required=False,
        help_text=_("Only when a specific law sets a period shorter than 20 days (Art 28)."),
    )

    def __init__(self, *args: Any, consultations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["consultation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = consultations
