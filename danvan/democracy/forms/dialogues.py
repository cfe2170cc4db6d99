"""Forms of dialogues: the conference, a question, a commitment and its progress."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.democracy.forms.supervision import IdForm, date_field
from danvan.democracy.models.dialogues import Commitment, Dialogue, DialogueQuestion
from danvan.democracy.services.dialogues import MAX_EVIDENCE
from danvan.units.models import Unit


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of dialogue"), choices=Dialogue.Kind.choices, initial=Dialogue.Kind.RESIDENTS
    )
    title = forms.CharField(label=_("Topic"), max_length=255)
    held_on = date_field(pgettext_lazy("dialogue", "Held on"))
    place = forms.CharField(label=_("Place"), max_length=255)
    chair = forms.CharField(label=_("Chaired by"), max_length=150)
    participants = forms.IntegerField(
        label=_("Number of participants"), min_value=0, max_value=100_000, initial=0
    )
    with_front = forms.BooleanField(
        label=_("Held with the Fatherland Front"), required=False, initial=True
    )


class QuestionForm(forms.Form):
    question = forms.CharField(label=pgettext_lazy("dialogue", "Question"), widget=forms.Textarea)
    answer = forms.CharField(
        label=_("Answer given on the spot"), required=False, widget=forms.Textarea
    )
    asked_by = forms.CharField(
        label=pgettext_lazy("dialogue", "Asked by"),
        max_length=150,
        required=False,
        help_text=_("Optional. The name is shown publicly only if the person agreed."),
    )
    village = forms.ModelChoiceField(
        label=_("Village or residential group"), queryset=Unit.objects.none(), required=False
    )
    show_name = forms.BooleanField(
        label=_("The person agreed to show their name on the public page"), required=False
    )

    def __init__(self, *args: Any, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["village"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = villages if villages is not None else Unit.objects.none()


class CommitmentForm(IdForm):
    id_prefix = "commitment"

    content = forms.CharField(label=_("What was committed"), widget=forms.Textarea)
    responsible = forms.CharField(label=_("Responsible unit or person"), max_length=255)
    due_on = date_field(_("Deadline"))
    question = forms.ModelChoiceField(
        label=_("In answer to the question"),
        queryset=DialogueQuestion.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, dialogue: Dialogue | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["question"]
        assert isinstance(field, forms.ModelChoiceField)
        if dialogue is not None:
            field.queryset = dialogue.questions.all()


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=pgettext_lazy("commitment", "New status"),
        choices=[
            (Commitment.Status.IN_PROGRESS, Commitment.Status.IN_PROGRESS.label),
            (Commitment.Status.DONE, Commitment.Status.DONE.label),
        ],
    )
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea)
    on = date_field(_("Date"))
    evidence_note = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Needed when the commitment is done: a document, a site visit, a photo."),
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload is not None and upload.size > MAX_EVIDENCE:
            raise forms.ValidationError(_("The evidence file is larger than 10 MB."))
        return upload
