"""Forms of the intake pages: HTML input checked and explained in the user's language.

The forms only validate and convert; what a submission does is decided in
``danvan.petitions.services.intake``. Every form keeps what was typed when it is shown
again with errors (a file input cannot be refilled by the browser, so rejected files are
named in the error and must be chosen again).
"""

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.widgets import DayFirstDateInput
from danvan.petitions.models import Case, Field
from danvan.petitions.models.intake import CaseRating, ReceptionSession
from danvan.petitions.selectors.intake import (
    intake_addressable_units,
    intake_units_for_choice,
)
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.services.intake import (
    ALLOWED_TYPES_DISPLAY,
    BookColumns,
    InspectedFile,
    Submission,
    attachment_max_bytes,
    attachment_max_files,
    attachments_inspect,
)
from danvan.units.models import Unit, User

# At most 48 characters, so that a channel prefix ("desk:") still fits the case's 64.
SUBMISSION_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,48}\Z")
_ID_NUMBER_RE = re.compile(r"^(\d{9}|\d{12}|[A-Z]\d{7,8})\Z")
_PHONE_RE = r"^\+?[0-9][0-9 .()-]{7,19}\Z"
MAX_PEOPLE = 100_000


def _date_input() -> forms.DateInput:
    # A text box shown and read day-first, as dates are written in Vietnam: a browser date
    # picker follows the browser's language and may show month-first. ISO dates are read too.
    return DayFirstDateInput()


def _date_field(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=_date_input(),
        help_text=help_text,
        error_messages={"invalid": _("Enter a real date, for example 25/11/2026.")},
    )


def _not_future(value: dt.date | None, message: Any) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(message)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleaned into ``InspectedFile`` items by the form."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class SubmissionKeyMixin(forms.Form):
    """The hidden random key that makes a repeated submission return the first receipt."""

    submission_key = forms.CharField(
        widget=forms.HiddenInput,
        validators=[
            RegexValidator(
                SUBMISSION_KEY_RE,
                _("This form has expired. Please check what you typed and send it again."),
            )
        ],
        error_messages={
            "required": _("This form has expired. Please check what you typed and send it again.")
        },
    )


class AttachmentsMixin(forms.Form):
    attachments = MultipleFileField(
        label=_("Attached documents"),
        required=False,
        help_text="",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Up to %(count)s files of at most %(size)s MB each: %(types)s."
        ) % {
            "count": attachment_max_files(),
            "size": f"{attachment_max_bytes() / (1024 * 1024):g}",
            "types": ALLOWED_TYPES_DISPLAY,
        }
        self.fields["attachments"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.heic,.webp,.docx,.odt,.xlsx,.ods,.txt"
        )

    def clean_attachments(self) -> list[InspectedFile]:
        uploads = self.cleaned_data.get("attachments") or []
        return attachments_inspect(uploads=uploads)


# The sender's fields in the order of form 03/TCD; every intake form lists them so
# (templates/petitions/intake/_identity_fields.html renders them in the same order).
IDENTITY_FIELDS = (
    "name",
    "address",
    "id_number",
    "id_issued_on",
    "id_issued_by",
    "phone",
    "email",
)


class IdentityMixin(forms.Form):
    """Who sends the petition (ND 154/2026 Art 12: name, address, identity paper)."""

    id_required: ClassVar[bool] = True

    name = forms.CharField(label=_("Full name"), max_length=150)
    address = forms.CharField(
        label=_("Address"),
        max_length=255,
        help_text=_("Where the answer can be sent: house number, village, commune, province."),
    )
    id_number = forms.CharField(
        label=_("Identity card or passport number"),
        max_length=20,
        help_text=_("12 digits of the căn cước card (or 9 of an old ID card), or a passport."),
    )
    id_issued_on = _date_field(_("Issued on"))
    id_issued_by = forms.CharField(label=_("Issued by"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        validators=[
            RegexValidator(_PHONE_RE, _("Enter a phone number, for example 0912 345 678."))
        ],
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address, for example ten@example.com.")},
    )
    people_count = forms.IntegerField(
        label=_("Number of people sending it"),
        min_value=1,
        max_value=MAX_PEOPLE,
        initial=1,
        help_text=_("More than one when several people send the same petition together."),
        error_messages={"invalid": _("Enter a whole number.")},
    )
    co_petitioners = forms.CharField(
        label=_("Names of the other people"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line (optional). Representatives are appointed later."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.id_required:
            self.fields["id_number"].required = False

    def clean_id_number(self) -> str:
        raw = self.cleaned_data.get("id_number", "")
        value = re.sub(r"[\s.-]", "", raw).upper()
        if value and not _ID_NUMBER_RE.match(value):
            raise ValidationError(
                _(
                    "Enter the 12 digits of a căn cước card, the 9 digits of an old ID card, "
                    "or a passport number (a letter and 7 or 8 digits)."
                )
            )
        return value

    def clean_id_issued_on(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("id_issued_on")
        _not_future(value, _("The date of issue cannot be in the future."))
        return value

    def clean_co_petitioners(self) -> list[str]:
        raw = self.cleaned_data.get("co_petitioners", "")
        names = [line.strip() for line in raw.splitlines() if line.strip()]
        if any(len(name) > 150 for name in names):
            raise ValidationError(_("Each name can have at most 150 characters."))
        return names

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        count = cleaned.get("people_count")
        names: list[str] = cleaned.get("co_petitioners") or []
        if count is not None and len(names) + 1 > count:
            self.add_error(
                "people_count",
                _(
                    "You listed %(names)s other names, so at least %(needed)s people send "
                    "this petition."
                )
                % {"names": len(names), "needed": len(names) + 1},
            )
        return cleaned

    def petitioner(self) -> Petitioner:
        data = self.cleaned_data
        return Petitioner(
            name=data["name"],
            address=data["address"],
            id_number=data.get("id_number", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
        )


class UnitChoiceField(forms.ModelChoiceField[Unit]):
    def label_from_instance(self, obj: Unit) -> str:
        # "Ủy ban nhân dân xã Khoái Châu — Xã Khoái Châu": the place tells same names apart.
        return f"{obj.name} — {obj.parent.name}" if obj.parent is not None else obj.name


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name()


class PeopleChoiceField(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name()


class CaseContentMixin(forms.Form):
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=Field.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("— Not sure / other —"),
    )
    subject = forms.CharField(
        label=_("In short, what is it about?"),
        max_length=255,
        help_text=_("For a complaint: the decision or act you complain about."),
    )
    respondent = forms.CharField(
        label=_("Body or person complained about"),
        max_length=255,
        required=False,
        help_text=_("Only for a complaint: who made the decision or did the act."),
    )
    content = forms.CharField(
        label=_("Content"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened, when and where, and what you ask for."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == Case.Kind.COMPLAINT and not cleaned.get("respondent", ""):
            self.add_error(
                "respondent",
                _("A complaint names the body or person whose decision or act it is about."),
            )
        return cleaned


# --------------------------------------------------------------------------- public forms


def _limit_unit_options(form: forms.Form, query: str) -> None:
    """Offer the search results and the chosen body, not every body in the country."""
    field = form.fields["unit"]
    assert isinstance(field, UnitChoiceField)
    units = intake_units_for_choice(query=query)
    chosen_code = form["unit"].value()
    if chosen_code and all(unit.code != chosen_code for unit in units):
        chosen = intake_addressable_units().filter(code=chosen_code).first()
        if chosen is not None:
            units.insert(0, chosen)
    field.widget.choices = [("", field.empty_label or ""), *unit_options(field, units)]


PUBLIC_KINDS = [
    (Case.Kind.PETITION, _("Petition or feedback (kiến nghị, phản ánh)")),
    (Case.Kind.COMPLAINT, _("Complaint (khiếu nại)")),
]
KIND_HELP: dict[str, Any] = {
    Case.Kind.PETITION: _(
        "You propose something, or tell a public body about a problem it should deal with: "
        "a damaged road, pollution, a slow procedure."
    ),
    Case.Kind.COMPLAINT: _(
        "You ask a public body to review one of its decisions or acts, or one of its "
        "officials', that you believe is unlawful and harms your own rights or interests. "
        "It must be sent within 90 days of learning of the decision or act."
    ),
}


class PetitionForm(
    SubmissionKeyMixin, CaseContentMixin, IdentityMixin, AttachmentsMixin, forms.Form
):
    """The public form for a petition/feedback or a complaint (form 01 of ND 124/2020)."""

    kind = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=PUBLIC_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether this is a petition or a complaint.")},
    )
    unit = UnitChoiceField(
        label=_("Body you send it to"),
        queryset=intake_addressable_units(),
        to_field_name="code",
        empty_label=_("— Choose a body —"),
        help_text=_("The commune or ward People's Committee, or the agency concerned."),
        error_messages={
            "required": _("Choose the body you send it to."),
            "invalid_choice": _("This body is not in the list. Search for it again."),
        },
    )
    unit_q = forms.CharField(label=_("Find a body"), max_length=100, required=False)
    declaration = forms.BooleanField(
        label=_("I declare that what I have written is true."),
        error_messages={"required": _("Tick the declaration to send the petition.")},
    )

    field_order = [
        "submission_key",
        "kind",
        "unit_q",
        "unit",
        "field",
        "subject",
        "respondent",
        "content",
        *IDENTITY_FIELDS,
        "people_count",
        "co_petitioners",
        "attachments",
        "declaration",
    ]

    def __init__(self, *args: Any, unit_query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit_query = unit_query
        _limit_unit_options(self, unit_query)

    def kind_radios(self) -> list[tuple[Any, Any]]:
        """Each kind's radio button with its plain-language explanation."""
        return [(radio, KIND_HELP[radio.data["value"]]) for radio in self["kind"]]

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            kind=Case.Kind(data["kind"]),
            subject=data["subject"],
            content=data["content"],
            unit=data["unit"],
            petitioner=self.petitioner(),
            field=data.get("field"),
            people_count=data["people_count"],
            co_petitioners=tuple(data.get("co_petitioners") or ()),
            respondent=data.get("respondent", ""),
            id_issued_on=data.get("id_issued_on"),
            id_issued_by=data.get("id_issued_by", ""),
        )


class DenunciationForm(SubmissionKeyMixin, IdentityMixin, AttachmentsMixin, forms.Form):
    """The public denunciation form (Law on Denunciations Art 23): the identity is sealed."""

    unit = PetitionForm.base_fields["unit"]
    unit_q = PetitionForm.base_fields["unit_q"]
    field = CaseContentMixin.base_fields["field"]
    accused = forms.CharField(
        label=_("Person or body denounced"),
        max_length=255,
        help_text=_("Name, position and workplace, as far as you know them."),
    )
    subject = forms.CharField(
        label=_("The violation, in short"),
        max_length=255,
    )
    content = forms.CharField(
        label=_("What happened"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("When and where, what was done, and the evidence you have or know of."),
    )
    declaration = forms.BooleanField(
        label=_(
            "I declare that what I have written is true and I know that a false denunciation "
            "is punishable by law."
        ),
        error_messages={"required": _("Tick the declaration to send the denunciation.")},
    )

    field_order = [
        "submission_key",
        "unit_q",
        "unit",
        "field",
        "accused",
        "subject",
        "content",
        "attachments",
        *IDENTITY_FIELDS,
        "people_count",
        "co_petitioners",
        "declaration",
    ]

    def __init__(self, *args: Any, unit_query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit_query = unit_query
        self.fields["people_count"].help_text = _(
            "More than one when several people denounce together; each is protected."
        )
        self.fields["co_petitioners"].label = _("Names of the other denouncers")
        _limit_unit_options(self, unit_query)

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            kind=Case.Kind.DENUNCIATION,
            subject=data["subject"],
            content=data["content"],
            unit=data["unit"],
            petitioner=self.petitioner(),
            field=data.get("field"),
            people_count=data["people_count"],
            co_petitioners=tuple(data.get("co_petitioners") or ()),
            respondent=data["accused"],
            id_issued_on=data.get("id_issued_on"),
            id_issued_by=data.get("id_issued_by", ""),
        )


def unit_options(field: UnitChoiceField, units: Sequence[Unit]) -> list[tuple[str, str]]:
    """``<option>`` values and labels for ``units`` (also used by the search fragment)."""
    return [(unit.code, field.label_from_instance(unit)) for unit in units]


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        help_text=_("As printed on your receipt, for example DV-7K3M-9QXP-A4."),
        error_messages={"required": _("Enter the tracking code from your receipt.")},
    )


class RatingForm(forms.Form):
    """The citizen confirms receiving the answer and rates it."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)
    confirm_receipt = forms.BooleanField(
        label=_("I have received the answer."),
        error_messages={"required": _("Confirm that you have received the answer.")},
    )
    outcome = forms.ChoiceField(
        label=_("Are you satisfied with how your petition was resolved?"),
        choices=CaseRating.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


# --------------------------------------------------------------------------- staff forms


STAFF_KINDS = [
    (Case.Kind.PETITION, _("Petition or feedback (kiến nghị, phản ánh)")),
    (Case.Kind.COMPLAINT, _("Complaint (khiếu nại)")),
    (Case.Kind.DENUNCIATION, _("Denunciation (tố cáo)")),
    (Case.Kind.MIXED, _("Mixed contents (to be split)")),
]


class BookColumnsMixin(forms.Form):
    """Columns 8–13 of form 03/TCD."""

    resolved_by = forms.CharField(
        label=_("Bodies that have already resolved it"), max_length=255, required=False
    )
    within_competence = forms.BooleanField(label=_("Within our competence"), required=False)
    guided_to = forms.CharField(
        label=_("Guided to the competent body"), max_length=255, required=False
    )
    guidance_letter_number = forms.CharField(
        label=_("Guidance letter number"), max_length=50, required=False
    )
    accepted_by = forms.CharField(
        label=_("Competent body that accepted it"), max_length=255, required=False
    )
    transfer_letter_number = forms.CharField(
        label=_("Transfer letter number"), max_length=50, required=False
    )
    outcome_follow_up = forms.CharField(
        label=_("Follow-up of the outcome"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("within_competence") and cleaned.get("guided_to"):
            self.add_error(
                "guided_to",
                _(
                    "A petition within our competence is not guided to another body: "
                    "clear one of the two."
                ),
            )
        if cleaned.get("guidance_letter_number") and not cleaned.get("guided_to"):
            self.add_error("guided_to", _("Name the body the guidance letter sends them to."))
        if cleaned.get("transfer_letter_number") and not cleaned.get("accepted_by"):
            self.add_error("accepted_by", _("Name the body the petition was transferred to."))
        return cleaned

    def columns(self) -> BookColumns:
        data = self.cleaned_data
        return BookColumns(
            resolved_by=data.get("resolved_by", ""),
            within_competence=bool(data.get("within_competence")),
            guided_to=data.get("guided_to", ""),
            guidance_letter_number=data.get("guidance_letter_number", ""),
            accepted_by=data.get("accepted_by", ""),
            transfer_letter_number=data.get("transfer_letter_number", ""),
            outcome_follow_up=data.get("outcome_follow_up", ""),
            notes=data.get("notes", ""),
        )


class StaffSubmissionMixin(SubmissionKeyMixin, CaseContentMixin, IdentityMixin, AttachmentsMixin):
    """What the desk types for a person (the unit is the officer's active unit)."""

    kind = forms.ChoiceField(label=_("Kind of petition"), choices=STAFF_KINDS)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["subject"].label = _("Subject")
        self.fields["content"].label = _("Content of the petition")
        self.fields["content"].help_text = ""
        self.fields["people_count"].label = _("Number of people with the same content")

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            kind=Case.Kind(data["kind"]),
            subject=data["subject"],
            content=data["content"],
            unit=self.unit,
            petitioner=self.petitioner(),
            field=data.get("field"),
            people_count=data["people_count"],
            co_petitioners=tuple(data.get("co_petitioners") or ()),
            respondent=data.get("respondent", ""),
            id_issued_on=data.get("id_issued_on"),
            id_issued_by=data.get("id_issued_by", ""),
        )


class ReceptionEntryForm(StaffSubmissionMixin, BookColumnsMixin, forms.Form):
    """An in-person (or online-session) visit: a line of the reception book and its case."""

    received_on = _date_field(_("Reception date"), required=True)
    session = forms.ModelChoiceField(
        label=_("Online reception session"),
        queryset=ReceptionSession.objects.none(),
        required=False,
        empty_label=_("— In person at the reception place —"),
    )

    field_order = [
        "submission_key",
        "received_on",
        "session",
        *IDENTITY_FIELDS,
        "kind",
        "field",
        "subject",
        "respondent",
        "content",
        "people_count",
        "co_petitioners",
        "resolved_by",
        "within_competence",
        "guided_to",
        "guidance_letter_number",
        "accepted_by",
        "transfer_letter_number",
        "outcome_follow_up",
        "notes",
        "attachments",
    ]

    def __init__(
        self, *args: Any, unit: Unit, sessions: QuerySet[ReceptionSession], **kwargs: Any
    ) -> None:
        super().__init__(*args, unit=unit, **kwargs)
        session_field = self.fields["session"]
        assert isinstance(session_field, forms.ModelChoiceField)
        session_field.queryset = sessions

    def clean_received_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["received_on"]
        _not_future(value, _("The reception date cannot be in the future."))
        return value


class PostIntakeForm(StaffSubmissionMixin, forms.Form):
    """A letter received by post or handed in, typed by an officer for the sender."""

    id_required = False

    received_on = _date_field(_("Date received"), required=True)
    letter_dated_on = _date_field(_("Date of the letter"))
    postmarked_on = _date_field(
        _("Postmark date"), required=True, help_text=_("The date stamped on the envelope.")
    )

    field_order = [
        "submission_key",
        "received_on",
        "postmarked_on",
        "letter_dated_on",
        "kind",
        *IDENTITY_FIELDS,
        "field",
        "subject",
        "respondent",
        "content",
        "people_count",
        "co_petitioners",
        "attachments",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        received = cleaned.get("received_on")
        postmark = cleaned.get("postmarked_on")
        letter = cleaned.get("letter_dated_on")
        if received is not None and received > timezone.localdate():
            self.add_error("received_on", _("The date of receipt cannot be in the future."))
        if received is not None and postmark is not None and postmark > received:
            self.add_error(
                "postmarked_on", _("The postmark cannot be later than the date of receipt.")
            )
        latest = postmark or received
        if letter is not None and latest is not None and letter > latest:
            self.add_error(
                "letter_dated_on",
                _("The letter cannot be dated later than its postmark or its receipt."),
            )
        return cleaned


class BookFilterForm(forms.Form):
    date_from = _date_field(_("From date"))
    date_to = _date_field(_("To date"))
    kind = forms.ChoiceField(
        label=_("Kind of petition"),
        required=False,
        choices=[("", _("All kinds")), *STAFF_KINDS],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned


class BookFollowUpForm(BookColumnsMixin, forms.Form):
    """Columns 8–13 filled in after the visit."""


class SessionForm(forms.Form):
    """Schedule an online reception session (ND 154/2026 Arts 16–24)."""

    topic = forms.CharField(label=_("Expected topics"), max_length=255)
    day = _date_field(_("Day of the session"), required=True)
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"invalid": _("Enter a time, for example 08:30.")},
    )
    notified_on = _date_field(
        _("Parties notified on"),
        required=True,
        help_text=_("At least 5 working days before the session (ND 154/2026 Art 23)."),
    )
    presiding = PersonChoiceField(
        label=_("Presided over by"),
        queryset=User.objects.none(),
        error_messages={"invalid_choice": _("Choose a head of this unit.")},
    )
    platform = forms.ChoiceField(label=_("Platform"), choices=ReceptionSession.Platform.choices)
    link = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a full web address, starting with https://.")},
    )
    participants = PeopleChoiceField(
        label=_("Participating officials"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    external_participants = forms.CharField(
        label=_("Other participants"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Citizens, representatives and other bodies, one per line."),
    )

    def __init__(
        self, *args: Any, heads: QuerySet[User], officials: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        presiding = self.fields["presiding"]
        participants = self.fields["participants"]
        assert isinstance(presiding, PersonChoiceField)
        assert isinstance(participants, PeopleChoiceField)
        presiding.queryset = heads
        participants.queryset = officials

    def clean_notified_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["notified_on"]
        _not_future(value, _("The notice date cannot be in the future."))
        return value

    def scheduled_start(self) -> dt.datetime:
        data = self.cleaned_data
        return dt.datetime.combine(
            data["day"], data["start_time"], tzinfo=timezone.get_current_timezone()
        )


class SessionHeldForm(forms.Form):
    recording_url = forms.URLField(
        label=_("Address of the recording"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Online sessions are recorded in full (ND 154/2026 Art 24)."),
        error_messages={
            "required": _("Give the address of the recording."),
            "invalid": _("Enter a full web address, starting with https://."),
        },
    )
