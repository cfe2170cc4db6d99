"""Forms of residents' supervision: boards, members, plans, activities and answers.

Forms check the shape of what was typed; the legal rules (staff refused, declarations,
dates in order) are the services' job, so the same message reaches every caller.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.widgets import DayFirstDateInput
from danvan.democracy.models.supervision import BoardMember, SupervisionBoard
from danvan.units.models import Unit, User


class IdForm(forms.Form):
    """A form whose element ids start with ``id_prefix``: several forms share one page, and
    ids must stay unique for the labels to point at the right field."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label, required=required, help_text=help_text, widget=DayFirstDateInput()
    )


class BoardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of board"), choices=SupervisionBoard.Kind.choices)
    name = forms.CharField(label=_("Name of the board"), max_length=255)
    project = forms.CharField(
        label=_("Programme or project"),
        max_length=255,
        required=False,
        help_text=_("For an investment supervision board: the programme or project it watches."),
    )
    term_start = date_field(_("Term starts"))
    term_end = date_field(
        _("Term ends"),
        required=False,
        help_text=_(
            "Left empty, a commune's People's Inspection Board serves 5 years, the village "
            "head's term under Decree 185/2026 (not yet verified; the default can be "
            "configured). An investment board serves until its project ends."
        ),
    )


class DissolveForm(IdForm):
    id_prefix = "dissolve"

    dissolved_on = date_field(_("Dissolved on"))


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    village = forms.ModelChoiceField(
        label=_("Village or residential group"),
        queryset=Unit.objects.none(),
        required=False,
    )
    role = forms.ChoiceField(
        label=pgettext_lazy("board member", "Role on the board"),
        choices=BoardMember.Role.choices,
        initial=BoardMember.Role.MEMBER,
    )
    from_date = date_field(pgettext_lazy("board member", "Serves from"))
    to_date = date_field(pgettext_lazy("board member", "Serves until"), required=False)
    account = forms.CharField(
        label=_("Account (user name)"),
        max_length=150,
        required=False,
        help_text=_(
            "Optional. With an account, the system refuses a person who holds a staff role "
            "in this commune."
        ),
    )
    declared_not_staff = forms.BooleanField(
        label=_("The member declared that they are not commune or village staff"),
        required=False,
    )
    declared_no_relatives = forms.BooleanField(
        label=_(
            "Investment board: the member declared that they have no relatives among the "
            "decision-maker, investor, consultants or contractors"
        ),
        required=False,
    )

    def __init__(self, *args: Any, villages: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["village"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = villages if villages is not None else Unit.objects.none()

    def clean_account(self) -> User | None:
        username = self.cleaned_data.get("account", "").strip()
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active account has this user name."))
        return user


class MemberEndForm(forms.Form):
    to_date = date_field(pgettext_lazy("board member", "Leaves the board on"))


class PlanForm(IdForm):
    id_prefix = "plan"

    title = forms.CharField(label=_("Title"), max_length=255)
    content = forms.CharField(label=_("Content"), required=False, widget=forms.Textarea)


class ActivityForm(forms.Form):
    subject = forms.CharField(label=_("What is inspected or supervised"), max_length=255)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    starts_on = date_field(
        _("Activity date"),
        help_text=_(
            "The plan must reach the commune at least 5 working days before (Decree "
            "59/2023, Art 14): the system computes the last day."
        ),
    )


class NoticeForm(IdForm):
    id_prefix = "notice"

    sent_on = date_field(_("Plan sent on"))


class FindingForm(IdForm):
    id_prefix = "finding"

    content = forms.CharField(label=pgettext_lazy("supervision", "Finding"), widget=forms.Textarea)
    recorded_on = date_field(_("Recorded on"))


class RecommendationForm(IdForm):
    id_prefix = "recommendation"

    content = forms.CharField(
        label=pgettext_lazy("supervision", "Recommendation"), widget=forms.Textarea
    )
    sent_on = date_field(
        _("Sent to the commune on"),
        help_text=_(
            "The commune answers within 15 days by default: the legal period is not yet "
            "verified and administrators can change the rule."
        ),
    )


class AnswerForm(IdForm):
    id_prefix = "answer"

    answer = forms.CharField(label=_("The commune's answer"), widget=forms.Textarea)
    answered_on = date_field(_("Answered on"))
