"""Forms of the agencies area: the profile, the conference, its record, the matters staff
decide and the Art 53 consultations. The services hold the rules; the forms only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.consultations.models import Consultation
from danvan.core.widgets import DayFirstDateInput
from danvan.democracy.models.agencies import (
    AgendaItem,
    AttendanceForm,
    BallotBase,
    Proposer,
    StaffConference,
    StaffConsultationLink,
    StaffMatter,
)

MAX_COUNT = 1_000_000


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DayFirstDateInput(),
    )


def _count(label: Any, *, required: bool = True, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=required, min_value=0, max_value=MAX_COUNT, help_text=help_text
    )


class ProfileForm(forms.Form):
    staff_count = forms.IntegerField(label=_("Number of staff"), min_value=1, max_value=MAX_COUNT)
    is_dispersed = forms.BooleanField(label=_("Staff work in dispersed places"), required=False)
    union_name = forms.CharField(label=_("Grassroots trade union"), max_length=255, required=False)
    ballot_base = forms.ChoiceField(
        label=_("A written ballot passes with"),
        choices=BallotBase.choices,
        help_text=_(
            "Article 50(2) calls for a written ballot of all staff but does not say how it "
            "is counted. By default a matter passes with the approval of more than half of "
            "all staff, like a conference needs; your democracy regulation may say otherwise."
        ),
    )


class ConferenceForm(forms.Form):
    year = forms.IntegerField(label=_("Work year reviewed"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(
        label=pgettext_lazy("staff conference", "Kind"), choices=StaffConference.Kind.choices
    )
    held_on = _date(_("Date of the conference"))
    total_staff = forms.IntegerField(
        label=_("Total staff on that date"), min_value=1, max_value=MAX_COUNT
    )
    attendance_form = forms.ChoiceField(
        label=_("Who attends"),
        choices=AttendanceForm.choices,
        help_text=_(
            "Fewer than 100 staff: all staff attend. From 100 staff, or in dispersed "
            "places: all staff or delegates, as agreed with the trade union."
        ),
    )
    delegates_convened = _count(_("Delegates convened"), required=False)
    union_agreed = forms.BooleanField(
        label=_("The delegates' form was agreed with the trade union"), required=False
    )
    proposer = forms.ChoiceField(
        label=_("Proposed by"),
        choices=[("", "—"), *Proposer.choices],
        required=False,
        help_text=_("For an extraordinary conference (Article 50(1))."),
    )
    supporters = _count(_("Staff who signed the proposal"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RecordForm(forms.Form):
    attendees = _count(
        _("Present"),
        required=False,
        help_text=_("Staff (or delegates) present when the conference opened."),
    )
    agenda_done = forms.MultipleChoiceField(
        label=_("Agenda dealt with"),
        choices=AgendaItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    pledge_signed = forms.BooleanField(
        label=_("Emulation pledge signed by the head and the trade union"), required=False
    )
    pledge_signed_on = _date(_("Pledge signed on"), required=False)
    resolution_number = forms.CharField(label=_("Resolution number"), max_length=60, required=False)
    resolution_adopted_on = _date(_("Resolution adopted on"), required=False)
    resolution_summary = forms.CharField(
        label=_("Main points of the resolution"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    chair_name = forms.CharField(label=_("Chaired by"), max_length=150, required=False)
    secretary_name = forms.CharField(
        label=_("Secretary of the conference"), max_length=150, required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CheckForm(forms.Form):
    checked_on = _date(_("Checked on"))
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}))
    staff_informed_on = _date(_("Staff informed on"), required=False)


class MatterForm(forms.Form):
    item = forms.ChoiceField(label=_("Matter (Article 49)"), choices=StaffMatter.Item.choices)
    title = forms.CharField(label=pgettext_lazy("staff matter", "Title"), max_length=255)
    content = forms.CharField(
        label=pgettext_lazy("staff matter", "Content"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    proposer = forms.ChoiceField(label=_("Proposed by"), choices=Proposer.choices)
    supporters = _count(
        _("Staff who signed the proposal"),
        required=False,
        help_text=_("For a proposal of the staff: at least one third of all staff."),
    )
    staff_at_proposal = forms.IntegerField(
        label=_("Total staff when proposed"), min_value=1, max_value=MAX_COUNT
    )
    proposed_on = _date(_("Proposed on"))


class DecideForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How it was decided"), choices=StaffMatter.Method.choices, widget=forms.RadioSelect
    )
    conference = forms.ModelChoiceField(
        label=_("Staff conference"),
        queryset=StaffConference.objects.none(),
        required=False,
        empty_label="—",
    )
    ballot_reason = forms.ChoiceField(
        label=_("Why a written ballot"),
        choices=[("", "—"), *StaffMatter.BallotReason.choices],
        required=False,
    )
    staff_total = _count(_("Total staff (written ballot)"), required=False)
    decided_on = _date(_("Ballot counted on"), required=False)
    approve = _count(pgettext_lazy("staff vote", "Approve"))
    disagree = _count(pgettext_lazy("staff vote", "Disagree"))
    abstain = _count(pgettext_lazy("staff vote", "Abstain"))

    def __init__(self, *args: Any, conferences: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if conferences is not None:
            self.fields["conference"].queryset = conferences  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("method") == StaffMatter.Method.CONFERENCE:
            if not data.get("conference"):
                self.add_error("conference", _("Choose the conference that voted."))
        elif data.get("method") == StaffMatter.Method.BALLOT:
            if data.get("staff_total") is None:
                self.add_error("staff_total", _("Enter the number of staff."))
            if data.get("decided_on") is None:
                self.add_error("decided_on", _("Enter the date the ballot was counted."))
        return data


class StaffConsultationForm(forms.Form):
    item = forms.ChoiceField(
        label=_("Matter (Article 53)"), choices=StaffConsultationLink.Item.choices
    )
    consultation = forms.ModelChoiceField(
        label=_("An internal consultation already prepared"),
        queryset=Consultation.objects.none(),
        required=False,
        empty_label="—",
    )
    title = forms.CharField(
        label=_("Or the title of a new consultation"), max_length=300, required=False
    )

    def __init__(self, *args: Any, consultations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if consultations is not None:
            self.fields["consultation"].queryset = consultations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("consultation") and not (data.get("title") or "").strip():
            raise forms.ValidationError(
                _("Choose a consultation already prepared, or give the title of a new one.")
            )
        return data
