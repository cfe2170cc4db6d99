"""Forms of community decisions: preparing, opening, the meeting record and count, paper
and online ballots, the consent poll, and the commune's recognition."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.widgets import DayFirstDateInput, DayFirstDateTimeInput
from danvan.democracy.decisions import ClusterCount, DecisionForm, Matter
from danvan.democracy.models.households import Household
from danvan.democracy.models.votes import Ballot, CommunityDecision, DecisionVillage
from danvan.democracy.services.votes import MeetingCount
from danvan.units.models import Unit


def new_token() -> str:
    """A one-time token for the creation form (a retried submission makes no second draft)."""
    return secrets.token_urlsafe(32)


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DayFirstDateInput(),
    )


def _datetime(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DayFirstDateTimeInput(),
    )


class VillageChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class DecisionCreateForm(forms.Form):
    village = VillageChoice(
        label=_("Village or residential group"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("The whole commune (contributions and community funds only)"),
    )
    matter = forms.ChoiceField(label=_("Matter (Article 15)"), choices=Matter.choices)
    form = forms.ChoiceField(label=_("Form of decision"), choices=DecisionForm.choices)
    title = forms.CharField(label=pgettext_lazy("community decision", "Title"), max_length=255)
    content = forms.CharField(
        label=_("Content put to the households"), widget=forms.Textarea, required=False
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, villages: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class DecisionEditForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("community decision", "Title"), max_length=255)
    form = forms.ChoiceField(label=_("Form of decision"), choices=DecisionForm.choices)
    content = forms.CharField(
        label=_("Content put to the households"), widget=forms.Textarea, required=False
    )


class MeetingOpenForm(forms.Form):
    notice_date = _date(
        _("Notice given on"), help_text=_("At least 2 days before the meeting (Mẫu 01).")
    )
    meeting_at = _datetime(_("Meeting time"))
    meeting_place = forms.CharField(label=_("Meeting place"), max_length=255, required=False)


class OnlineOpenForm(forms.Form):
    opens_at = _datetime(_("Voting opens at"), required=False, help_text=_("Empty: now."))
    closes_at = _datetime(_("Voting closes at"), help_text=_("The return deadline of the ballots."))
    ballot_team = forms.CharField(
        label=_("Ballot team"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("3 to 5 people, led by the Front work committee; one name per line."),
    )


class BallotOpenForm(OnlineOpenForm):
    notice_date = _date(
        _("Publicly announced on"),
        help_text=_("At least 2 days before the ballots are handed out."),
    )


CHOICE_WIDGET = forms.RadioSelect


class ResidentBallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your household's vote"), choices=Ballot.Choice.choices, widget=CHOICE_WIDGET
    )
    other_opinion = forms.CharField(
        label=pgettext_lazy("community vote", "Other opinion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ConsentForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Do you agree to decide this matter by an online vote?"),
        choices=[
            ("approve", _("I agree")),
            ("disagree", _("I disagree")),
            ("other", pgettext_lazy("community vote", "Other opinion")),
        ],
        widget=CHOICE_WIDGET,
    )
    opinion = forms.CharField(
        label=pgettext_lazy("community vote", "Other opinion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class HouseholdChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} — {obj.representative} ({obj.village.name})"


class PaperBallotForm(ResidentBallotForm):
    household = HouseholdChoice(label=_("Household"), queryset=Household.objects.none())
    received_at = _datetime(_("Ballot received at"), required=False, help_text=_("Empty: now."))
    field_order = ("household", "choice", "other_opinion", "received_at")

    def __init__(self, *args: Any, households: QuerySet[Household], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households  # type: ignore[attr-defined]


class AttendanceChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} — {obj.representative}"


class AttendanceForm(forms.Form):
    households = AttendanceChoice(
        label=_("Households represented"),
        queryset=Household.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, households: QuerySet[Household], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["households"].queryset = households  # type: ignore[attr-defined]


class MeetingRecordForm(forms.Form):
    secretary = forms.CharField(label=_("Secretary"), max_length=150)
    voting_method = forms.ChoiceField(
        label=_("Voting method"),
        choices=CommunityDecision.VotingMethod.choices,
        widget=CHOICE_WIDGET,
    )
    counting_committee = forms.CharField(
        label=_("Counting committee"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("For a secret ballot: 3 to 5 people, one name per line."),
    )
    witnesses = forms.CharField(
        label=_("Witnessing household representatives"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Two names, one per line."),
    )
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )


class MeetingCountForm(forms.Form):
    """The count per village; a village of 200 households or more may give its cluster
    meetings instead, one per line: households, approve, disagree, other."""

    def __init__(self, *args: Any, rows: list[DecisionVillage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            name = row.village.name
            for key, label in (
                ("approve", _("%(village)s: approve")),
                ("reject", _("%(village)s: disagree")),
                ("other", _("%(village)s: other opinion")),
            ):
                self.fields[f"{key}_{row.village_id}"] = forms.IntegerField(
                    label=str(label) % {"village": name}, min_value=0, required=False
                )
            self.fields[f"clusters_{row.village_id}"] = forms.CharField(
                label=str(_("%(village)s: cluster meetings")) % {"village": name},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                help_text=_(
                    "Only for 200 households or more: one cluster per line, "
                    "“households, approve, disagree, other”."
                ),
            )
            self.fields[f"scattered_{row.village_id}"] = forms.BooleanField(
                label=str(_("%(village)s: scattered population (clusters below 200 households)"))
                % {"village": name},
                required=False,
            )

    def counts(self) -> dict[int, MeetingCount]:
        result: dict[int, MeetingCount] = {}
        data = self.cleaned_data
        for row in self.rows:
            key = row.village_id
            result[key] = MeetingCount(
                approve=data.get(f"approve_{key}") or 0,
                reject=data.get(f"reject_{key}") or 0,
                other=data.get(f"other_{key}") or 0,
                clusters=data.get(f"clusters_{key}") or (),
                scattered_population=bool(data.get(f"scattered_{key}")),
            )
        return result

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in self.rows:
            key = f"clusters_{row.village_id}"
            text = data.get(key) or ""
            clusters = []
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                parts = [p.strip() for p in line.replace(";", ",").split(",")]
                if len(parts) != 4 or not all(p.isdigit() for p in parts):
                    self.add_error(
                        key,
                        _("Line %(line)s: write four numbers separated by commas.")
                        % {"line": number},
                    )
                    break
                households, approve, reject, other = (int(p) for p in parts)
                clusters.append(ClusterCount(households, approve, reject, other))
            else:
                data[key] = tuple(clusters)
        return data


class SubmitForm(forms.Form):
    submitted_on = _date(_("Received by the commune on"))


class RecogniseForm(forms.Form):
    decided_on = _date(_("Date of the recognition decision"))
    document_number = forms.CharField(label=_("Document number"), max_length=50, required=False)


class RefuseForm(RecogniseForm):
    reasons = forms.CharField(
        label=_("Reasons for refusal"), widget=forms.Textarea(attrs={"rows": 5})
    )
