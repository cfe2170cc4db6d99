"""The case (vụ việc): one petition after splitting, the unit of deadlines and answers.

A citizen's letter or visit may carry several contents; a mixed one is split into one case
per kind (ND 154/2026 Art 14(4)). Every case has a non-sequential tracking code, a kind, the
unit that received it and the unit competent to handle it, and a history of events
(``CaseEvent``) from which its legal deadline is replayed.

Denunciations (tố cáo) never keep the denouncer's identity on this row: the petitioner
fields stay blank and the identity lives, encrypted, in ``SealedIdentity`` (Law on
Denunciations Arts 47, 56). ``search_text`` is built from the redacted content only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.petitions.tracking import tracking_code_display
from danvan.units.models import Unit


class Field(BaseModel):
    """Field or topic of a petition (lĩnh vực): land, housing, social policy, …"""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(BaseModel):
    """A petition case: kiến nghị/phản ánh, khiếu nại, tố cáo (or mixed, before splitting)."""

    class Kind(models.TextChoices):
        PETITION = "petition", _("Petition or feedback (kiến nghị, phản ánh)")
        COMPLAINT = "complaint", _("Complaint (khiếu nại)")
        DENUNCIATION = "denunciation", _("Denunciation (tố cáo)")
        # Several contents in one letter: must be split into one case per kind.
        MIXED = "mixed", _("Mixed contents (to be split)")
        # Law on Denunciations Art 25: anonymous or unidentifiable, not a formal denunciation;
        # checked within the recipient's management powers if the content is concrete.
        ANONYMOUS_REPORT = "anonymous_report", _("Information with denunciation content (Art 25)")

    class Channel(models.TextChoices):
        WEB = "web", _("Online form")
        IN_PERSON = "in_person", _("In person at the reception place")
        POST = "post", _("Post or paper letter")
        ONLINE_SESSION = "online_session", _("Online reception session")
        TRANSFERRED = "transferred", _("Transferred by another agency")
        API = "api", _("Open311 API")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        CLASSIFIED = "classified", _("Classified, conditions checked")
        # Does not meet the conditions for handling; kept on file (TT 05/2021 Art 6).
        NOT_ELIGIBLE = "not_eligible", _("Not eligible, kept on file")
        SPLIT = "split", _("Split into separate cases")
        MERGED = "merged", _("Merged into another case")
        FORWARDED = "forwarded", _("Forwarded to the competent unit")
        RETURNED = "returned", _("Returned with guidance")
        ACCEPTED = "accepted", _("Accepted for handling (thụ lý)")
        SUSPENDED = "suspended", _("Suspended")
        ANSWER_DRAFTED = "answer_drafted", _("Answer drafted")
        ANSWER_APPROVED = "answer_approved", _("Answer approved by the head")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        TERMINATED = "terminated", _("Terminated")

    OPEN_STATUSES = frozenset(
        {
            Status.RECEIVED,
            Status.CLASSIFIED,
            Status.ACCEPTED,
            Status.SUSPENDED,
            Status.ANSWER_DRAFTED,
            Status.ANSWER_APPROVED,
        }
    )

    class ComplexReason(models.TextChoices):
        """ND 124/2020 Art 3a (added by ND 155/2026): what makes a complaint complex."""

        SEVERAL_PLACES = "a", _("(a) one content to verify in two or more places")
        SEVERAL_CONTENTS = "b", _("(b) two or more contents to verify")
        MANY_PEOPLE = "c", _("(c) many complainants, or a content affecting many people")
        FOREIGN_ELEMENT = "d", _("(d) a foreign element")
        SEVERAL_AGENCIES = "dd", _("(đ) the management responsibility of several agencies")
        AGENCIES_DISAGREE = "e", _("(e) the agencies involved disagree")
        CONFLICTING_EVIDENCE = "g", _("(g) conflicting evidence needing expert review")

    tracking_code = models.CharField(
        _("tracking code"),
        max_length=16,
        unique=True,
        editable=False,
        help_text=_("Random, non-sequential; given to the citizen on the receipt."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    subject = models.CharField(_("subject"), max_length=255)
    content = models.TextField(_("content"))
    received_at = models.DateTimeField(_("received at"))
    received_on = models.DateField(
        _("received on"), help_text=_("Day of receipt in Vietnam (UTC+7); not counted in periods.")
    )
    receiving_unit = models.ForeignKey(
        Unit,
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="received_cases",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="handled_cases",
        help_text=_("The unit now responsible for the case."),
    )

    # The person, for every kind except denunciations (sealed) and anonymous reports.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_cases",
    )
    petitioner_name = models.CharField(_("full name"), max_length=150, blank=True)
    petitioner_address = models.CharField(_("address"), max_length=255, blank=True)
    petitioner_id_number = models.CharField(
        _("identity card or passport number"), max_length=20, blank=True
    )
    petitioner_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    petitioner_email = models.EmailField(_("e-mail"), blank=True)
    people_count = models.PositiveIntegerField(
        _("number of people with the same content"), default=1
    )

    split_from = models.ForeignKey(
        "self",
        verbose_name=_("split from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_cases",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    previous_case = models.ForeignKey(
        "self",
        verbose_name=_("previous case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_up_cases",
        help_text=_("For a second-time complaint: the first-time case."),
    )
    is_second_time = models.BooleanField(_("second-time complaint"), default=False)
    is_complex = models.BooleanField(_("complex case"), default=False)
    complex_reason = models.CharField(
        _("why it is complex"), max_length=2, choices=ComplexReason.choices, blank=True
    )
    is_remote_area = models.BooleanField(_("remote or difficult-access area"), default=False)
    over_the_level = models.BooleanField(
        _("over the level"),
        default=False,
        help_text=_("Sent to a higher level while the competent level has not finished."),
    )

    rule_code = models.CharField(_("deadline rule"), max_length=64, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)

    idempotency_key = models.CharField(
        _("submission key"),
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Sent with the form; a retried submission finds the case already made."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entered_cases",
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="petitions_inbox_idx"),
            models.Index(fields=["status", "due_on"], name="petitions_sweep_idx"),
            models.Index(fields=["receiving_unit", "received_on"], name="petitions_stats_idx"),
            # Open311 requests.json: newest kiến nghị first, a page at a time, without a sort.
            models.Index(fields=["kind", "received_at", "id"], name="petitions_public_list_idx"),
            # Statistics: the cases a subtree of handling units received in a period.
            models.Index(fields=["unit", "received_on"], name="petitions_stats_unit_idx"),
        ]
        constraints = [
            # The denouncer's identity is sealed: never on the case row itself.
            models.CheckConstraint(
                condition=~Q(kind="denunciation")
                | (
                    Q(petitioner_name="")
                    & Q(petitioner_address="")
                    & Q(petitioner_id_number="")
                    & Q(petitioner_phone="")
                    & Q(petitioner_email="")
                    & Q(submitted_by=None)
                ),
                name="petitions_denouncer_identity_sealed",
            ),
            models.CheckConstraint(
                condition=Q(people_count__gte=1), name="petitions_people_count_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} — {self.subject}"

    @property
    def display_code(self) -> str:
        """The tracking code as printed on the receipt: groups of four, e.g. DV-7K3M-9QXP-A4."""
        return tracking_code_display(self.tracking_code)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def identity_is_sealed(self) -> bool:
        return self.kind == self.Kind.DENUNCIATION

    @property
    def audit_label(self) -> str:
        """Safe for the audit log: the code and kind, never names or content."""
        return f"{self.tracking_code} ({self.kind})"


class CaseEvent(models.Model):
    """One thing that happened to a case; the history is append-only.

    The case's legal deadline is replayed from its events (start, pause, resume, extend),
    so the due date shown anywhere can always be explained from this list.
    """

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Received")
        CLASSIFIED = "classified", _("Classified")
        CONDITIONS_CHECKED = "conditions_checked", _("Conditions for handling checked")
        SPLIT = "split", _("Split")
        MERGED = "merged", _("Merged")
        FORWARDED = "forwarded", _("Forwarded")
        RETURNED = "returned", _("Returned with guidance")
        REFUSED = "refused", _("Reception refused (form 01/TCD)")
        ACCEPTED = "accepted", _("Accepted")
        DEADLINE_STARTED = "deadline_started", _("Deadline started")
        PAUSED = "paused", _("Suspended")
        RESUMED = "resumed", _("Resumed")
        EXTENDED = "extended", _("Deadline extended")
        ANSWER_DRAFTED = "answer_drafted", _("Answer drafted")
        ANSWER_APPROVED = "answer_approved", _("Answer approved")
        ANSWER_SENT = "answer_sent", _("Answer sent")
        PUBLISHED = "published", _("Published")
        RATED = "rated", _("Rated by the citizen")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        WARNING_SENT = "warning_sent", _("Deadline warning sent")
        ESCALATED = "escalated", _("Escalated as overdue")
        NOTE = "note", _("Note")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("occurred at"))
    occurred_on = models.DateField(_("day"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.occurred_on}"
