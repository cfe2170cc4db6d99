"""Duplicates and repeats: what the duplicate finder stores, and the suggestions it makes.

TT 05/2021/TT-TTCP Art 6 counts a duplicate petition (đơn trùng) among those not handled
again; a petition whose content was already settled is "kept on file, no reply needed"
(DOMAIN.md §4.1 [M]). The finder never decides: it suggests, and a handler confirms (which
merges the cases) or dismisses.

For scale (≈1M cases) the finder does not compare a new case with every other one. Each
case leaves its MinHash LSH keys (:class:`CaseBand`, indexed) and a keyed hash of its
sender's identity number (:class:`CaseFingerprint`); a new case is compared exactly only with
the cases sharing a key or a sender.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.petitions.models.case import Case

__all__ = ["CaseBand", "CaseFingerprint", "DuplicateSuggestion"]


class CaseFingerprint(BaseModel):
    """What the duplicate finder indexed for one case.

    ``person_key`` is a keyed hash (HMAC with the site's secret key) of the normalised
    identity number, so that "same sender" is an index look-up without copying the number.
    It stays blank for denunciations and anonymous reports: their senders are never compared.
    """

    class Group(models.TextChoices):
        OPEN = "open", _("Petitions, feedback and complaints")
        # Denunciations and anonymous reports are only ever compared with each other.
        SEALED = "sealed", _("Denunciations and anonymous reports")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="fingerprint"
    )
    group = models.CharField(_("comparison group"), max_length=8, choices=Group.choices)
    version = models.PositiveSmallIntegerField(_("algorithm version"))
    text_digest = models.CharField(
        _("digest of the compared text"),
        max_length=32,
        help_text=_("The fingerprint is rebuilt when the text or the algorithm changes."),
    )
    person_key = models.CharField(_("sender key"), max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = _("case fingerprint")
        verbose_name_plural = _("case fingerprints")

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"


class CaseBand(models.Model):
    """One MinHash LSH key of a case: cases sharing a key are compared exactly."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.BigIntegerField(_("key"))

    class Meta:
        verbose_name = _("case band key")
        verbose_name_plural = _("case band keys")
        indexes = [models.Index(fields=["key", "case"], name="petitions_band_key_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.key}"


class DuplicateSuggestion(BaseModel):
    """A suggestion for the handler: ``case`` may duplicate the earlier ``candidate``."""

    class Reason(models.TextChoices):
        SAME_PERSON_SAME_CONTENT = "same_person", _("Same sender, similar content")
        # Group or mass petitions: the same content sent by several people.
        SAME_CONTENT_MANY_PEOPLE = "many_people", _("Similar content from another sender")
        # A repeat of a settled case: kept on file, no new reply needed (TT 05/2021 [M]).
        ALREADY_SETTLED = "settled", _("Same sender, content already settled")
        # Sent to a higher level while the competent lower level is still handling it.
        OVER_THE_LEVEL = "over_the_level", _("Over the level: still open at the lower level")
        # Denunciations: senders are sealed and never compared.
        SIMILAR_SEALED = "similar_sealed", _("Similar content (senders not compared)")

    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        CONFIRMED = "confirmed", _("Confirmed and merged")
        DISMISSED = "dismissed", _("Dismissed")

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="duplicate_suggestions",
    )
    candidate = models.ForeignKey(
        Case,
        verbose_name=_("possible duplicate of"),
        on_delete=models.CASCADE,
        related_name="duplicate_of_suggestions",
    )
    score = models.FloatField(_("similarity"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("duplicate suggestion")
        verbose_name_plural = _("duplicate suggestions")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "candidate"], name="petitions_duplicate_suggestion_once"
            ),
            models.CheckConstraint(
                condition=~Q(case=F("candidate")), name="petitions_duplicate_not_itself"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="petitions_duplicate_score_range"
            ),
        ]
        indexes = [models.Index(fields=["case", "status"], name="petitions_dup_case_status_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} ~ {self.candidate_id} ({self.score:.2f})"
