"""The sealed vault of denouncers' identities, follow-up codes, requests to open an identity,
and anonymous reports (Law on Denunciations Arts 25, 47, 56; DOMAIN.md §3.4, §3.6).

Nothing on these rows is readable identity: ``SealedIdentity`` holds only ciphertext and
metadata, ``DenouncerFollowUp`` only a keyed hash of the receipt code. The one module that
can decrypt is ``danvan.petitions.custody``.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel
from danvan.petitions.models.case import Case
from danvan.units.models import Unit

__all__ = ["AnonymousReport", "DenouncerFollowUp", "IdentityOpenRequest", "SealedIdentity"]

# An approval lets the custodian open the identity for this long; then a new request is needed.
OPEN_APPROVAL_VALIDITY = dt.timedelta(hours=72)


class SealedIdentity(BaseModel):
    """A denouncer's identity (and the original, unredacted letter), encrypted at rest.

    One per denunciation case, or per any case whose sender asked for protection. The
    JSON blob (name, address, ID number, phone, e-mail, account id, co-denouncers,
    references to the original letter and handwriting, notes, original subject and
    content) is encrypted with AES-256-GCM under a per-record data key, itself wrapped by
    the master key ``key_id``; both are bound to ``case_id`` (see ``danvan.petitions.crypto``).
    """

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="sealed_identity"
    )
    scheme = models.CharField(_("encryption scheme"), max_length=32, editable=False)
    key_id = models.CharField(_("master key"), max_length=64, editable=False)
    wrapped_key = models.BinaryField(_("wrapped data key"), editable=False)
    nonce = models.BinaryField(_("nonce"), editable=False)
    ciphertext = models.BinaryField(_("ciphertext"), editable=False)
    protection_requested = models.BooleanField(
        _("protection requested"),
        default=True,
        help_text=_(
            "False when the denouncer declined protection (Law on Denunciations Art 47); "
            "the identity stays sealed either way."
        ),
    )

    class Meta:
        verbose_name = _("sealed identity")
        verbose_name_plural = _("sealed identities")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.case.tracking_code} [{self.key_id}]"

    @property
    def audit_label(self) -> str:
        return f"sealed identity #{self.pk}"


class DenouncerFollowUp(BaseModel):
    """The denouncer's follow-up receipt code, kept only as an HMAC-SHA256 of the code.

    The code has 140 random bits, so a slow hash (argon2) would add nothing against
    guessing, while a keyed, deterministic hash lets the lookup be a single indexed query
    and makes a stolen database useless without the server's secret.
    """

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="denouncer_follow_up"
    )
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("denouncer follow-up code")
        verbose_name_plural = _("denouncer follow-up codes")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.case.tracking_code}"


class IdentityOpenRequest(BaseModel):
    """A handler's or head's request, with a reason, to open a sealed identity.

    Only a custodian of the case's unit (or above) decides, never the requester; after an
    approval only that custodian sees the identity, for ``OPEN_APPROVAL_VALIDITY``, and each
    viewing is written to the audit log.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the custodian")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="identity_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("custodian's note"), blank=True)
    valid_until = models.DateTimeField(_("approval valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to open a sealed identity")
        verbose_name_plural = _("requests to open a sealed identity")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The person who asks never decides (four eyes).
            models.CheckConstraint(
                condition=Q(decided_by=None) | ~Q(decided_by=F("requested_by")),
                name="petitions_identity_request_not_self_decided",
            ),
            models.UniqueConstraint(
                fields=["case", "requested_by"],
                condition=Q(status="pending"),
                name="petitions_identity_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.case.tracking_code} {self.status}"

    @property
    def audit_label(self) -> str:
        return f"identity request #{self.pk}"

    @property
    def is_usable(self) -> bool:
        """Approved and not yet expired."""
        return (
            self.status == self.Status.APPROVED
            and self.valid_until is not None
            and timezone.now() < self.valid_until
        )


class AnonymousReport(BaseModel):
    """ "Thông tin có nội dung tố cáo": a report not processed as a denunciation (Art 25).

    It is checked within the recipient's management powers, or forwarded to the competent
    body, only when the content names the violator with concrete evidence and a basis to
    verify it; otherwise it is closed and kept for reference.
    """

    class Reason(models.TextChoices):
        NO_NAME = "no_name", _("No name, or the name is unclear")
        NO_ADDRESS = "no_address", _("No address, or the address is unclear")
        UNIDENTIFIABLE = "unidentifiable", _("The sender cannot be identified after checking")
        OTHER_PERSON = "other_person", _("Another person's name is used")
        NOT_IN_FORM = "not_in_form", _("Not in the form required by Art 22")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, to be checked")
        CHECKED = "checked", _("Checked")
        INSPECTED = "inspected", _("Inspected within our management powers")
        FORWARDED = "forwarded", _("Forwarded to the competent body")
        CLOSED = "closed", _("Closed")

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="anonymous_report"
    )
    reason = models.CharField(_("why it is not a denunciation"), max_length=16, choices=Reason)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    names_violator = models.BooleanField(_("the content clearly names the violator"), default=False)
    has_concrete_evidence = models.BooleanField(_("concrete evidence is given"), default=False)
    has_basis_to_verify = models.BooleanField(_("there is a basis to verify it"), default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    forwarded_to = models.ForeignKey(
        Unit,
        verbose_name=_("forwarded to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("information with denunciation content")
        verbose_name_plural = _("information with denunciation content")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case.tracking_code} {self.status}"

    @property
    def audit_label(self) -> str:
        return f"anonymous report #{self.pk}"

    @property
    def warrants_inspection(self) -> bool:
        """Art 25(2): checked only if the violator is named with evidence and a basis."""
        return self.names_violator and self.has_concrete_evidence and self.has_basis_to_verify
