"""Forms of the staff side of handling: HTML input only; the rules live in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import DayFirstDateInput
from danvan.deadlines.engine import Rule
from danvan.petitions.models import (
    Case,
    CaseConditions,
    Field,
    GroupRepresentative,
    RefusalNotice,
)
from danvan.petitions.services.handling import RepresentativeInput, SplitPart
from danvan.petitions.tracking import tracking_code_normalise
from danvan.units.models import Unit

Kind = Case.Kind
DATE = DayFirstDateInput()
TEXT = forms.Textarea(attrs={"rows": 4})
LONG_TEXT = forms.Textarea(attrs={"rows": 14})


def _fields() -> forms.ModelChoiceField[Field]:
    return forms.ModelChoiceField(
        label=_("Field"),
        queryset=Field.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("— any field —"),
    )


class InboxFilterForm(forms.Form):
    """Filters of the officer inbox (GET); invalid values are simply ignored."""

    DUE_CHOICES = [
        ("", _("Any due date")),
        ("soon", _("Due soon")),
        ("week", _("Due this week")),
        ("overdue", _("Overdue")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Case.Kind.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.none(), required=False, empty_label=_("Any field")
    )
    due = forms.ChoiceField(label=_("Due"), required=False, choices=DUE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [("", _("Any open status"))] + [
            (value, label) for value, label in Case.Status.choices if value in Case.OPEN_STATUSES
        ]
        field_field = self.fields["field"]
        assert isinstance(field_field, forms.ModelChoiceField)
        field_field.queryset = Field.objects.filter(is_active=True).order_by("name")


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Case.Kind.choices)
    field = _fields()
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"kind": case.kind, "field": case.field_id})
        super().__init__(*args, **kwargs)


class ConditionsForm(forms.Form):
    """The checklist of TT 05/2021 Art 6, Law on Complaints Art 11, Law on Denunciations Art 29."""

    has_name = forms.BooleanField(label=_("Full name given"), required=False)
    has_address = forms.BooleanField(label=_("Address given"), required=False)
    has_signature = forms.BooleanField(
        label=_("Signed or thumb-printed, identity checked"), required=False
    )
    content_clear = forms.BooleanField(
        label=_("Content clear"),
        required=False,
        help_text=_("For a denunciation: there is a basis to identify the violator and the act."),
    )
    already_settled = forms.BooleanField(
        label=_("Already settled"),
        required=False,
        help_text=_(
            "Already resolved, guided or answered with no new content, or decided by a court."
        ),
    )
    within_competence = forms.BooleanField(label=_("Within our competence"), required=False)
    known_act_on = forms.DateField(
        label=_("Day the complainant received or learnt of the act"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=DATE,
        help_text=_("Complaints: the 90-day time limit counts from the next day."),
    )
    delay_justified = forms.BooleanField(
        label=_("Late for a good reason"),
        required=False,
        help_text=_("Illness, disaster, a business trip or another objective obstacle."),
    )
    group_all_signed = forms.BooleanField(
        label=_("Every member of the group signed"), required=False
    )
    group_appointment_written = forms.BooleanField(
        label=_("Representatives appointed in writing"), required=False
    )
    reason = forms.CharField(
        label=_("Note (required when the case is kept on file)"), required=False, widget=TEXT
    )

    CHECKBOXES = (
        "has_name",
        "has_address",
        "has_signature",
        "content_clear",
        "already_settled",
        "within_competence",
        "delay_justified",
        "group_all_signed",
        "group_appointment_written",
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        existing: CaseConditions | None = getattr(case, "conditions", None)
        if existing is not None:
            initial = {name: getattr(existing, name) for name in self.CHECKBOXES}
            initial["known_act_on"] = existing.known_act_on
            initial["reason"] = existing.reason
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.case = case
        if case.kind != Kind.COMPLAINT:
            for name in ("known_act_on", "delay_justified"):
                del self.fields[name]
        if case.kind != Kind.COMPLAINT or case.people_count < 5:
            for name in ("group_all_signed", "group_appointment_written"):
                del self.fields[name]

    def clean_known_act_on(self) -> Any:
        value = self.cleaned_data.get("known_act_on")
        if value is None:
            raise forms.ValidationError(
                _("Give the day the complainant received or learnt of the decision or act.")
            )
        return value


class RepresentativesForm(forms.Form):
    """The group's size and up to five representatives (Law on Citizen Reception Art 29)."""

    ROWS = 5
    people_count = forms.IntegerField(
        label=_("Number of people in the group"), min_value=1, max_value=100000
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        initial: dict[str, Any] = {"people_count": case.people_count}
        for i, rep in enumerate(
            GroupRepresentative.objects.filter(case=case)[: self.ROWS], start=1
        ):
            initial[f"name_{i}"] = rep.name
            initial[f"among_{i}"] = rep.is_among_complainants
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for i in range(1, self.ROWS + 1):
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Representative %(n)d") % {"n": i}, required=False, max_length=150
            )
            self.fields[f"among_{i}"] = forms.BooleanField(
                label=_("is one of the group"), required=False, initial=True
            )

    def representatives(self) -> list[RepresentativeInput]:
        rows = []
        for i in range(1, self.ROWS + 1):
            name = self.cleaned_data.get(f"name_{i}", "").strip()
            if name:
                rows.append(RepresentativeInput(name, bool(self.cleaned_data.get(f"among_{i}"))))
        return rows


class SplitForm(forms.Form):
    """One subject and content per kind; at least two kinds."""

    KINDS = (Kind.PETITION, Kind.COMPLAINT, Kind.DENUNCIATION)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in self.KINDS:
            label = Case.Kind(kind).label
            self.fields[f"{kind}_subject"] = forms.CharField(
                label=_("Subject: %(kind)s") % {"kind": label}, required=False, max_length=255
            )
            self.fields[f"{kind}_content"] = forms.CharField(
                label=_("Content: %(kind)s") % {"kind": label}, required=False, widget=TEXT
            )
            part_field = _fields()
            part_field.label = _("Field: %(kind)s") % {"kind": label}
            self.fields[f"{kind}_field"] = part_field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = 0
        for kind in self.KINDS:
            subject = (data.get(f"{kind}_subject") or "").strip()
            content = (data.get(f"{kind}_content") or "").strip()
            if subject or content:
                filled += 1
                if not subject:
                    self.add_error(f"{kind}_subject", _("Give the subject of this part."))
                if not content:
                    self.add_error(f"{kind}_content", _("Give the content of this part."))
        if filled < 2:
            raise forms.ValidationError(_("Fill in at least two parts of different kinds."))
        return data

    def parts(self) -> list[SplitPart]:
        parts = []
        for kind in self.KINDS:
            subject = self.cleaned_data.get(f"{kind}_subject", "").strip()
            if subject:
                parts.append(
                    SplitPart(
                        kind=kind,
                        subject=subject,
                        content=self.cleaned_data[f"{kind}_content"].strip(),
                        field=self.cleaned_data.get(f"{kind}_field"),
                    )
                )
        return parts


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)


class ConfirmForm(forms.Form):
    """A POST with its CSRF token and nothing else (approve, send, publish)."""


class ForwardForm(forms.Form):
    unit_code = forms.CharField(
        label=_("Competent unit (code)"),
        max_length=64,
        help_text=_("The code of the unit, as in the list of units."),
    )
    letter_number = forms.CharField(
        label=_("Number of the forwarding letter"),
        max_length=64,
        help_text=_("Such as 25/PC-UBND."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)

    def clean_unit_code(self) -> Unit:
        code = self.cleaned_data["unit_code"].strip()
        unit = Unit.objects.filter(code=code, is_active=True).first()
        if unit is None:
            raise forms.ValidationError(_("There is no active unit with this code."))
        return unit


class ReturnForm(forms.Form):
    guided_to = forms.CharField(label=_("Competent body"), max_length=255)
    guidance = forms.CharField(label=_("Guidance to the citizen"), widget=TEXT)
    letter_number = forms.CharField(
        label=_("Number of the guidance letter"), max_length=64, required=False
    )


class RefusalForm(forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=RefusalNotice.Ground.choices)
    reason = forms.CharField(label=_("Reason"), widget=TEXT)


class RefusalIssueForm(forms.Form):
    notice_number = forms.CharField(
        label=_("Number of the notice (form 01/TCD)"),
        max_length=64,
        help_text=_("Such as 12/TB-UBND."),
    )


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=TEXT)
    legal_basis = forms.CharField(
        label=_("Decision to suspend"),
        max_length=255,
        help_text=_("Number and date of the decision (form 14a for complaints)."),
    )


class ResumeForm(forms.Form):
    legal_basis = forms.CharField(
        label=_("Decision to resume"),
        max_length=255,
        help_text=_("Number and date of the decision (form 14b for complaints)."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=TEXT)


class ExtendForm(forms.Form):
    extension = forms.ChoiceField(label=_("Extension"))
    count = forms.IntegerField(
        label=_("Days"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for the longest extension the law allows."),
    )
    legal_basis = forms.CharField(
        label=_("Decision to extend"),
        max_length=255,
        help_text=_("Number and date of the written decision."),
    )

    def __init__(self, *args: Any, rule: Rule | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        extension_field = self.fields["extension"]
        assert isinstance(extension_field, forms.ChoiceField)
        extension_field.choices = [
            (e.code, f"{e.description_vi} ({e.legal_basis})")
            for e in (rule.extensions if rule is not None else ())
        ]


class ComplexForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the case is complex (ND 124/2020 Art 3a)"),
        choices=Case.ComplexReason.choices,
    )
    note = forms.CharField(label=_("Finding"), required=False, widget=TEXT)


class LinkPreviousForm(forms.Form):
    code = forms.CharField(label=_("Tracking code of the first-time complaint"), max_length=32)

    def clean_code(self) -> str:
        code = tracking_code_normalise(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("This is not a tracking code."))
        return code


class AnswerForm(forms.Form):
    body = forms.CharField(label=_("Answer"), widget=LONG_TEXT)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        answer = getattr(case, "answer", None)
        if answer is not None:
            kwargs.setdefault("initial", {"body": answer.body})
        super().__init__(*args, **kwargs)


class AnswerReturnForm(forms.Form):
    comment = forms.CharField(label=_("Comments for the handler"), widget=TEXT)
