"""Handling a case on the staff side: conditions, group representatives, routing, answers, alerts.

* ``CaseConditions``: the checklist of conditions for handling (TT 05/2021 Art 6; Law on
  Complaints Art 11; Law on Denunciations Art 29), with its outcome: eligible, or not
  eligible and kept on file with the reason.
* ``GroupRepresentative``: the people a group appoints to speak for it (Law on Citizen
  Reception Art 29: 5–10 people appoint 1 or 2, more than 10 at most 5, each one of them).
* ``RoutingTable`` / ``RoutingRule``: which unit is competent for a kind × field × place,
  versioned so that a change of competence never rewrites how older cases were routed.
* ``RefusalNotice``: the written refusal of reception (form 01/TCD, ND 154/2026 Art 4).
* ``CaseAnswer``: the answer or decision, drafted by a handler, approved by the head, sent,
  and published with personal data redacted where the law requires publication.
* ``AlertSent``: one row per deadline alert, so that every alert goes out exactly once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.petitions.models.case import Case, Field
from danvan.units.models import Unit

__all__ = [
    "AlertSent",
    "CaseAnswer",
    "CaseConditions",
    "GroupRepresentative",
    "RefusalNotice",
    "RoutingRule",
    "RoutingTable",
]


class CaseConditions(BaseModel):
    """The conditions for handling a case, as checked by the handler (one row per case).

    The checklist is kept even when the case is eligible: it is the written proof that
    the conditions were checked (TT 05/2021 Art 6). ``failed`` lists the codes of the
    conditions that were not met, so the reason for "not eligible" is never free text only.
    """

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="conditions"
    )
    has_name = models.BooleanField(_("full name given"), default=False)
    has_address = models.BooleanField(_("address given"), default=False)
    has_signature = models.BooleanField(
        _("signed or thumb-printed, identity checked"), default=False
    )
    content_clear = models.BooleanField(
        _("content clear"),
        default=False,
        help_text=_("For a denunciation: there is a basis to identify the violator and the act."),
    )
    already_settled = models.BooleanField(
        _("already settled"),
        default=False,
        help_text=_(
            "Already resolved, guided or answered with no new content, or decided by a court."
        ),
    )
    within_competence = models.BooleanField(_("within our competence"), default=False)
    known_act_on = models.DateField(
        _("day the complainant received or learnt of the act"), null=True, blank=True
    )
    within_time_limit = models.BooleanField(
        _("filed within the time limit"),
        null=True,
        blank=True,
        help_text=_("Complaints only: 90 days from knowing the act (Law on Complaints Art 9)."),
    )
    delay_justified = models.BooleanField(
        _("late for a good reason"),
        default=False,
        help_text=_("Illness, disaster, a business trip or another objective obstacle."),
    )
    group_all_signed = models.BooleanField(_("every member of the group signed"), default=False)
    group_appointment_written = models.BooleanField(
        _("representatives appointed in writing"), default=False
    )
    eligible = models.BooleanField(_("eligible for handling"), default=False)
    failed = models.JSONField(_("conditions not met"), default=list, blank=True)
    reason = models.TextField(_("note on the conditions"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_on = models.DateField(_("checked on"))

    class Meta:
        verbose_name = _("conditions for handling")
        verbose_name_plural = _("conditions for handling")

    def __str__(self) -> str:
        return f"{self.case_id}: {'eligible' if self.eligible else 'not eligible'}"


class GroupRepresentative(BaseModel):
    """A representative appointed by a group (Law on Citizen Reception Art 29).

    Never used for denunciations: the names of denouncers, representatives included, are
    part of the sealed identity (Law on Denunciations Arts 23, 47).
    """

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="representatives"
    )
    name = models.CharField(_("full name"), max_length=150)
    is_among_complainants = models.BooleanField(
        _("is one of the group"),
        default=True,
        help_text=_("A representative must be one of the people who sent the petition."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("group representative")
        verbose_name_plural = _("group representatives")
        ordering = ["case", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class RoutingTable(BaseModel):
    """One version of the routing table (kind × field × place → competent unit).

    A published version is in force from ``effective_from`` until a later published version
    takes over. Versions are never edited after publication in practice: the next version
    is a copy with the changes, so past routing can still be explained.
    """

    version = models.PositiveIntegerField(_("version"), unique=True)
    effective_from = models.DateField(_("in force from"))
    note = models.TextField(_("note"), blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("routing table")
        verbose_name_plural = _("routing tables")
        ordering = ["-effective_from", "-version"]

    def __str__(self) -> str:
        return f"v{self.version} ({self.effective_from.isoformat()})"


class RoutingRule(BaseModel):
    """One line of a routing table: cases of ``kind`` (and ``field``, ``place``) go to a unit.

    An empty field or place matches any. ``place`` matches the case's unit itself or any
    unit above it, so one line can cover a whole province. The highest ``priority`` wins;
    among equals, the more specific line (a field, a deeper place) wins.
    """

    table = models.ForeignKey(
        RoutingTable,
        verbose_name=_("routing table"),
        on_delete=models.CASCADE,
        related_name="rules",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Case.Kind.choices)
    field = models.ForeignKey(
        Field,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: any field."),
    )
    place = models.ForeignKey(
        Unit,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: anywhere. Otherwise this unit and every unit below it."),
    )
    competent_unit = models.ForeignKey(
        Unit, verbose_name=_("competent unit"), on_delete=models.PROTECT, related_name="+"
    )
    priority = models.IntegerField(_("priority"), default=0)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["table", "-priority", "pk"]
        indexes = [models.Index(fields=["table", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.competent_unit_id}"


class RefusalNotice(BaseModel):
    """A refusal of reception and its written notice (form 01/TCD, ND 154/2026 Art 4).

    For Law on Citizen Reception Art 9(3) and ND 154 Art 4(1)(h) the head must issue the
    notice within 3 working days of the visit (rule ``refusal_notice``); the case carries
    that deadline from the proposal until the notice is issued.
    """

    class Ground(models.TextChoices):
        REPEATED = (
            "law_9_3",
            _(
                "Keeps complaining or denouncing a case already resolved, reviewed and explained "
                "(Law on Citizen Reception Art 9(3))"
            ),
        )
        NO_NEW_CONTENT = (
            "nd154_4_1_h",
            _(
                "A petition already received, guided or answered, with no new content "
                "(ND 154/2026 Art 4(1)(h))"
            ),
        )

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="refusal"
    )
    ground = models.CharField(_("ground"), max_length=16, choices=Ground.choices)
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_on = models.DateField(_("proposed on"))
    due_on = models.DateField(_("notice due on"))
    notice_number = models.CharField(
        _("notice number"), max_length=64, blank=True, help_text=_("Such as 12/TB-UBND.")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)

    class Meta:
        verbose_name = _("refusal of reception")
        verbose_name_plural = _("refusals of reception")

    def __str__(self) -> str:
        return f"{self.case_id}: {self.ground}"

    @property
    def is_late(self) -> bool:
        return self.issued_on is not None and self.issued_on > self.due_on


class CaseAnswer(BaseModel):
    """The answer, decision or conclusion on a case, from draft to publication.

    ``published_title`` and ``published_body`` are copies with personal data replaced by
    "[đã che]", made when the head publishes; the public page shows only them.
    """

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="answer"
    )
    body = models.TextField(_("answer"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("drafted at"))
    review_comment = models.TextField(_("head's comments"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_title = models.CharField(_("published title"), max_length=255, blank=True)
    published_body = models.TextField(_("published text (redacted)"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(
                fields=["-published_on", "-id"],
                condition=Q(published=True),
                name="petitions_published_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: answer"

    @property
    def audit_label(self) -> str:
        return f"answer of case #{self.case_id}"


class AlertSent(models.Model):
    """A deadline alert that went out: at most one per case, kind and due date.

    The unique constraint is what makes the sweep idempotent: a re-run, or two workers
    racing, insert the same row and only one insert wins. A new due date (an extension, a
    restart) is a new key, so it gets its own warning.
    """

    class Kind(models.TextChoices):
        WARNING = "warning", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    sent_on = models.DateField(_("sent on"))
    # Which sweep run inserted the row: after an insert that ignores conflicts, the rows
    # carrying this run's id are the alerts this run won and must send.
    run = models.CharField(_("sweep run"), max_length=32, db_index=True)

    class Meta:
        verbose_name = _("alert sent")
        verbose_name_plural = _("alerts sent")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "due_on"], name="petitions_alert_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.due_on.isoformat()}"
