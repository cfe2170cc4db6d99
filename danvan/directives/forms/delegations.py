"""Forms of the delegations area. Choices are set by the views from what the person may use."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.directives.forms.monitoring import DateInput
from danvan.directives.models import Delegation, DelegationMember, Document, Finding, Recommendation
from danvan.directives.selectors.delegations import document_by_symbol

ROLE_CHOICES_NOT_HEAD = [
    (value, label)
    for value, label in DelegationMember.Role.choices
    if value != DelegationMember.Role.HEAD
]


class Form(forms.Form):
    """A form whose labels print without Django's ":" suffix, like every other area's forms.

    ``id_prefix`` names the ids of its fields: the delegation's page holds four forms (and a
    recommendation's two) with fields of the same name, whose labels must each point to their
    own field.
    """

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class KeyMixin(Form):
    """The one-time key of the form (services/delegations_once.py)."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


def _set_choices(form: forms.Form, name: str, choices: list[tuple[Any, Any]]) -> None:
    form.fields[name].choices = choices  # type: ignore[attr-defined]


class DelegationForm(KeyMixin):
    unit = forms.TypedChoiceField(label=_("Organising unit"), coerce=int)
    kind = forms.ChoiceField(
        label=pgettext_lazy("delegation", "Kind"), choices=Delegation.Kind.choices
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        help_text=_(
            "What is surveyed, inspected or supervised; the kind is added before it in the "
            "documents. For example: việc thực hiện dân chủ ở cơ sở năm 2026."
        ),
    )
    subject_symbol = forms.CharField(
        label=_("Subject document (number and symbol)"),
        max_length=80,
        required=False,
        help_text=_("As in the register, e.g. 23-QĐ/TW or 33/CT-TTg."),
    )
    directive = forms.TypedChoiceField(
        label=_("Directive followed up (optional)"), coerce=int, required=False, empty_value=None
    )
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To"), widget=DateInput())
    head_name = forms.CharField(label=_("Head of the delegation"), max_length=150)
    head_position = forms.CharField(label=_("Position of the head"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        directives: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "unit", units)
        _set_choices(self, "directive", [("", _("None")), *directives])
        self.subject_document: Document | None = None

    def clean_subject_symbol(self) -> str:
        symbol: str = self.cleaned_data["subject_symbol"].strip()
        if symbol:
            self.subject_document = document_by_symbol(symbol)
            if self.subject_document is None:
                raise forms.ValidationError(
                    _("No document with this number and symbol is in the register.")
                )
        return symbol


class MemberForm(Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    position = forms.CharField(
        label=pgettext_lazy("delegation member", "Position"), max_length=200, required=False
    )
    role = forms.ChoiceField(
        label=pgettext_lazy("delegation member", "Role"),
        choices=ROLE_CHOICES_NOT_HEAD,
        initial=DelegationMember.Role.MEMBER,
    )


class VisitForm(Form):
    unit = forms.TypedChoiceField(label=_("Unit to visit"), coerce=int)
    scheduled_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "unit", [("", "—"), *units])


MemberFormSet = forms.formset_factory(MemberForm, extra=4)
VisitFormSet = forms.formset_factory(VisitForm, extra=4)


class MemberAddForm(KeyMixin, MemberForm):
    id_prefix = "member"

    role = forms.ChoiceField(
        label=pgettext_lazy("delegation member", "Role"),
        choices=DelegationMember.Role.choices,
        initial=DelegationMember.Role.MEMBER,
    )


class SessionAddForm(KeyMixin, VisitForm):
    id_prefix = "session"


class SessionForm(Form):
    held_on = forms.DateField(label=_("Held on"), required=False, widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What was presented, discussed and agreed; one paragraph per line."),
    )


class FindingForm(KeyMixin):
    id_prefix = "finding"

    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    session = forms.TypedChoiceField(
        label=_("Working session (optional)"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(label=pgettext_lazy("finding", "Kind"), choices=Finding.Kind.choices)
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        sessions: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "unit", units)
        _set_choices(self, "session", [("", "—"), *sessions])


class RecommendationForm(KeyMixin):
    id_prefix = "recommendation"

    finding = forms.TypedChoiceField(label=_("On the finding"), coerce=int)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 4}))
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, findings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "finding", findings)


class ProgressForm(KeyMixin):
    id_prefix = "progress"

    status = forms.ChoiceField(
        label=_("Progress"),
        choices=[
            (Recommendation.Status.IN_PROGRESS, _("Being carried out")),
            (Recommendation.Status.REPORTED_DONE, _("Done: report it to the delegation")),
        ],
        widget=forms.RadioSelect,
        initial=Recommendation.Status.IN_PROGRESS,
    )
    note = forms.CharField(
        label=_("What the unit did"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReviewForm(KeyMixin):
    id_prefix = "review"

    CONFIRM = "confirm"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("Check"),
        choices=[
            (CONFIRM, _("Confirm it done")),
            (RETURN, _("Send it back to the unit")),
        ],
        widget=forms.RadioSelect,
        initial=CONFIRM,
    )
    note = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the recommendation is sent back."),
    )


class FinalReportForm(Form):
    text = forms.CharField(
        label=_("Overall assessment"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "The findings and recommendations are added to the report from the delegation's "
            "records; write the assessment and the proposals."
        ),
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    signer_title = forms.CharField(label=_("Title of the signer"), max_length=150, required=False)
