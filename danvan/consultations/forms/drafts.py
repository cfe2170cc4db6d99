"""Forms of the drafts pages (input checks only; the rules live in ``services.drafts``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models import Consultation
from danvan.consultations.services import draft_parser
from danvan.consultations.services.drafts import (
    human_size,
    max_text_chars,
    max_upload_bytes,
    oversized_file_message,
    oversized_text_message,
)
from danvan.core.widgets import DayFirstDateInput
from danvan.units.models import Unit


class _UnitChoice(forms.ModelChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        return obj.name


class ConsultationCreateForm(forms.Form):
    unit = _UnitChoice(label=_("Drafting agency"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary of the draft"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the draft is about and why the agency asks for opinions."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of consultation"),
        choices=Consultation.Kind.choices,
        initial=Consultation.Kind.LEGAL_DOCUMENT,
        widget=forms.RadioSelect,
    )
    audience = forms.ChoiceField(
        label=_("Who may take part"),
        choices=Consultation.Audience.choices,
        initial=Consultation.Audience.EVERYONE,
        widget=forms.RadioSelect,
        help_text=_(
            "Everyone with a verified account for a draft legal document; one vote per "
            "household for a commune matter (until the commune's household register is kept "
            "in danvan, each verified resident answers for themself); the agency's staff for "
            "an internal draft."
        ),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = units
        if units.count() == 1:
            field.initial = units.first()


class DraftImportForm(forms.Form):
    """A draft as a file or as pasted text (a file wins when both are given)."""

    file = forms.FileField(
        label=_("Draft file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.md,.markdown,.txt"}),
    )
    text = forms.CharField(
        label=_("Or paste the text of the draft"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_(
            "Each article on its own line beginning with “Điều” and its number (“Điều 5. "
            "Phạm vi điều chỉnh”); clauses “1.”, “2.”; points “a)”, “b)”; chapters “Chương I”."
        ),
    )
    text_format = forms.ChoiceField(
        label=_("Format of the pasted text"),
        choices=[
            (draft_parser.SourceFormat.TEXT.value, _("Plain text")),
            (draft_parser.SourceFormat.MARKDOWN.value, _("Markdown")),
        ],
        initial=draft_parser.SourceFormat.TEXT.value,
    )
    change_note = forms.CharField(
        label=_("What changed in this version"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A list of the changed articles is added to the change log automatically."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Word (.docx), Markdown (.md) or text (.txt), at most %(limit)s."
        ) % {"limit": human_size(max_upload_bytes())}

    def clean_file(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("file")
        if upload is None:
            return None
        # Checked before reading: the size comes from the request, not from the content.
        if upload.size is not None and upload.size > max_upload_bytes():
            raise forms.ValidationError(oversized_file_message(upload.size), code="too_large")
        if draft_parser.guess_format(upload.name or "") is None:
            raise forms.ValidationError(
                _("Upload a Word document (.docx), a Markdown file (.md) or a text file (.txt)."),
                code="format",
            )
        return upload

    def clean_text(self) -> str:
        text: str = self.cleaned_data.get("text") or ""
        if len(text) > max_text_chars():
            raise forms.ValidationError(oversized_text_message(len(text)), code="too_long")
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("file") and not cleaned.get("text", "").strip():
            raise forms.ValidationError(
                _("Choose a file or paste the text of the draft."), code="empty"
            )
        return cleaned

    def keep_text(self, text: str) -> None:
        """Put the text read from a file into the text box, so a failed import loses nothing."""
        data: dict[str, Any] = {key: self.data.get(key) for key in self.data}
        data["text"] = text
        self.data = data


class ConsultationOpenForm(forms.Form):
    last_day = forms.DateField(
        label=_("Last day for comments"),
        required=False,
        widget=DayFirstDateInput(),
    )
