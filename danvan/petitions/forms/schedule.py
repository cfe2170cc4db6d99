"""Forms of the reception schedule pages (input validation only)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import DayFirstDateInput
from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.petitions.selectors.schedule import unit_heads
from danvan.units.models import Unit, User


class _HeadChoice(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name()


class ReceptionDayForm(forms.Form):
    head = _HeadChoice(
        label=_("Head who receives"),
        queryset=User.objects.none(),
        empty_label=_("Choose the head"),
    )
    delegate = _HeadChoice(
        label=_("Deputy receiving on the head's behalf"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody: the head receives in person"),
        help_text=_("Leave empty when the head receives in person."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of reception"),
        choices=ReceptionScheduleDay.Kind.choices,
        initial=ReceptionScheduleDay.Kind.REGULAR,
    )
    date = forms.DateField(label=_("Date"), widget=DayFirstDateInput())
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Place"), max_length=255)
    online_link = forms.URLField(
        label=_("Online link (for online reception)"), max_length=500, required=False
    )
    note = forms.CharField(
        label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        heads = User.objects.filter(pk__in=unit_heads(unit=unit).values("user_id")).order_by(
            "full_name", "pk"
        )
        self.fields["head"].queryset = heads  # type: ignore[attr-defined]
        self.fields["delegate"].queryset = heads  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", _("The end time must be after the start time."))
        return cleaned


class ReceptionHeldForm(forms.Form):
    outcome_note = forms.CharField(
        label=_("Outcome (people received, directions given)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReceptionCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=500)


class ScheduleMonthForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2014, max_value=2100)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
