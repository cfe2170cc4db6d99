"""Intake: what a petition arrives with, the reception book, online sessions and ratings.

* ``IntakeDetail``: the parts of a submission that only intake needs (the body complained
  about on form 01 of ND 124/2020, the co-signers of a group petition, the dates on a
  posted letter). A case received in person or in an online session has its line in the
  reception book instead, which links it to the session.
* ``Attachment``: a file sent with a petition, stored under a random name outside every
  served folder and read only through a view that checks access to the case.
* ``ReceptionBookEntry``: one line of the reception book, form 03/TCD (ND 154/2026), all 13
  columns. A denunciation's visitor is written in the sealed vault, never in the book.
* ``ReceptionSession``: an online reception session (ND 154/2026 Arts 16–24).
* ``CaseRating``: the citizen's confirmation of receipt and rating of the answer (once).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.petitions.models.case import Case
from danvan.units.models import Unit

__all__ = [
    "Attachment",
    "CaseRating",
    "IntakeDetail",
    "ReceptionBookEntry",
    "ReceptionSession",
]


class ReceptionSession(BaseModel):
    """An online reception session presided over by a head (ND 154/2026 Arts 16–24).

    Art 23 fixes the timeline counted back from the session: the parties are notified at
    least 5 working days before, connections are tested at least 1 working day before and
    finished at least 1 hour before. Art 24 makes the recording mandatory, so a session is
    marked held only with the address of its recording.
    """

    class Platform(models.TextChoices):
        INSPECTORATE = "inspectorate", _("Video platform of the Government Inspectorate")
        CENTRAL = "central", _("Central digital platform")
        OTHER = "other", _("Another platform run by a competent body")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Session held")
        CANCELLED = "cancelled", _("Cancelled")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reception_sessions"
    )
    presiding = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presided by"),
        on_delete=models.PROTECT,
        related_name="presided_reception_sessions",
    )
    topic = models.CharField(_("expected topics"), max_length=255)
    scheduled_start = models.DateTimeField(_("scheduled start"))
    notified_on = models.DateField(
        _("parties notified on"),
        help_text=_("At least 5 working days before the session (ND 154/2026 Art 23)."),
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    link = models.URLField(_("meeting link"), max_length=500)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participating officials"),
        blank=True,
        related_name="reception_sessions",
    )
    external_participants = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("Citizens, representatives and other bodies, one per line."),
    )
    connection_tested_at = models.DateTimeField(_("connection tested at"), null=True, blank=True)
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("online reception session")
        verbose_name_plural = _("online reception sessions")
        ordering = ["-scheduled_start", "-pk"]
        constraints = [
            # Art 24: the whole session is recorded; a held session has its recording.
            models.CheckConstraint(
                condition=~Q(status="held") | ~Q(recording_url=""),
                name="petitions_session_held_has_recording",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({timezone.localtime(self.scheduled_start):%Y-%m-%d %H:%M})"

    @property
    def audit_label(self) -> str:
        return f"session #{self.pk} @ {self.unit.code}"


class IntakeDetail(BaseModel):
    """What a submission says beyond the case itself (one row per case, for intake only)."""

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="intake"
    )
    respondent = models.CharField(
        _("body or person complained about"),
        max_length=255,
        blank=True,
        help_text=_("Form 01 of Decree 124/2020: who made the decision or act complained about."),
    )
    id_issued_on = models.DateField(_("identity paper issued on"), null=True, blank=True)
    id_issued_by = models.CharField(_("identity paper issued by"), max_length=150, blank=True)
    co_petitioners = models.JSONField(
        _("names of the other petitioners"),
        default=list,
        blank=True,
        help_text=_("For a group petition; the representatives are appointed when handling."),
    )
    letter_dated_on = models.DateField(_("date of the letter"), null=True, blank=True)
    postmarked_on = models.DateField(_("postmark date"), null=True, blank=True)

    class Meta:
        verbose_name = _("intake details")
        verbose_name_plural = _("intake details")

    def __str__(self) -> str:
        return f"{self.case_id}"


class Attachment(BaseModel):
    """A file sent with a petition: random name on disk, type sniffed from the content."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="attachments"
    )
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored as"), max_length=64, unique=True, editable=False)
    content_type = models.CharField(_("file type"), max_length=100)
    extension = models.CharField(_("extension"), max_length=10)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, db_index=True)
    # A denunciation's files may show who wrote them (handwriting, names): only the custodian
    # of sealed identities opens them, until a redacted copy is made (Law on Denunciations
    # Art 56(2)).
    is_sealed = models.BooleanField(_("sealed"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["case", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def audit_label(self) -> str:
        """The case code and the row id: a file name may carry a person's name."""
        return f"attachment #{self.pk} of {self.case.tracking_code}"


class CaseRating(BaseModel):
    """The citizen confirms receiving the answer and rates it, once per case."""

    class Outcome(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        PARTLY = "partly", _("Partly satisfied")
        NOT_SATISFIED = "not_satisfied", _("Not satisfied")

    class Via(models.TextChoices):
        TRACKING_CODE = "tracking_code", _("Tracking code page")
        ACCOUNT = "account", _("Signed-in account")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="rating"
    )
    outcome = models.CharField(_("rating"), max_length=16, choices=Outcome.choices)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    receipt_confirmed_at = models.DateTimeField(_("receipt of the answer confirmed at"))
    via = models.CharField(_("rated through"), max_length=16, choices=Via.choices)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.case_id} {self.outcome}"

    @property
    def audit_label(self) -> str:
        return f"rating of {self.case.tracking_code}"


class ReceptionBookEntry(BaseModel):
    """One line of the electronic reception book, form 03/TCD (ND 154/2026 Art 27).

    The 13 columns, in order: (1) ``sequence``, (2) ``received_on``, (3) ``visitor_name`` and
    ``visitor_address``, (4) ``id_paper``, (5) ``summary``, (6) ``kind``, (7) ``people_count``,
    (8) ``resolved_by``, (9) ``within_competence``, (10) ``guided_to`` and
    ``guidance_letter_number``, (11) ``accepted_by`` and ``transfer_letter_number``,
    (12) ``outcome_follow_up``, (13) ``notes``. The sequence restarts at 1 each year in
    each unit. For a denunciation, columns 3 and 4 stay empty here: the denouncer's identity
    is kept in the sealed vault (Law on Denunciations Arts 47, 56), ``identity_sealed``
    says so and the book shows a notice in their place.
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="reception_book_entries",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("no."))
    received_on = models.DateField(_("reception date"))
    visitor_name = models.CharField(_("full name"), max_length=150, blank=True)
    visitor_address = models.CharField(_("address"), max_length=255, blank=True)
    id_paper = models.CharField(
        _("identity card, ID card or passport"),
        max_length=150,
        blank=True,
        help_text=_("Number, date and place of issue; if none, another identity paper."),
    )
    identity_sealed = models.BooleanField(_("identity sealed"), default=False)
    summary = models.TextField(_("content of the petition"))
    kind = models.CharField(_("kind of petition"), max_length=20, choices=Case.Kind.choices)
    people_count = models.PositiveIntegerField(_("number of people with the same content"))
    resolved_by = models.CharField(
        _("bodies that have already resolved it"), max_length=255, blank=True
    )
    within_competence = models.BooleanField(_("within our competence"), default=False)
    guided_to = models.CharField(_("guided to the competent body"), max_length=255, blank=True)
    guidance_letter_number = models.CharField(
        _("guidance letter number"), max_length=50, blank=True
    )
    accepted_by = models.CharField(_("body that accepted it"), max_length=255, blank=True)
    transfer_letter_number = models.CharField(
        _("transfer letter number"), max_length=50, blank=True
    )
    outcome_follow_up = models.TextField(_("follow-up of the outcome"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reception_entry",
    )
    session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("online reception session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reception book entry")
        verbose_name_plural = _("reception book entries")
        ordering = ["unit", "-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "sequence"], name="petitions_book_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(sequence__gte=1), name="petitions_book_sequence_positive"
            ),
            models.CheckConstraint(
                condition=Q(people_count__gte=1), name="petitions_book_people_positive"
            ),
            # A denouncer is never written in the book itself (Law on Denunciations Art 47).
            models.CheckConstraint(
                condition=~Q(kind__in=["denunciation", "anonymous_report"])
                | (
                    Q(identity_sealed=True)
                    & Q(visitor_name="")
                    & Q(visitor_address="")
                    & Q(id_paper="")
                ),
                name="petitions_book_denouncer_sealed",
            ),
        ]
        indexes = [models.Index(fields=["unit", "received_on"], name="petitions_book_date_idx")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}/{self.sequence}"

    @property
    def audit_label(self) -> str:
        """The unit and the book number only: columns 3–5 hold personal data."""
        return f"book {self.unit.code} {self.year}/{self.sequence}"
