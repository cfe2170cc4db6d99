"""In-app notifications (thông báo) and each person's e-mail preference."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel


def validate_notification_url(value: str) -> None:
    """Accept a site path ("/thong-bao/") or an http(s) address, nothing else.

    The URL becomes a link in the page and the e-mail, so ``javascript:`` and
    protocol-relative ``//host`` links are refused.
    """
    if value.startswith("/") and not value.startswith("//"):
        return
    if value.startswith(("https://", "http://")):
        return
    raise ValidationError(
        _("Enter a path on this site (starting with /) or an http(s) address."), code="invalid"
    )


class Notification(BaseModel):
    """One message to one person, shown in the app and optionally sent by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(
        _("kind"),
        max_length=64,
        help_text=_("What happened, as <entity>.<event>, e.g. petition.accepted."),
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("content"), blank=True)
    url = models.CharField(
        _("link"), max_length=500, blank=True, validators=[validate_notification_url]
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(
        _("e-mailed at"),
        null=True,
        blank=True,
        help_text=_("When the e-mail copy was handed to the mail server."),
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_recent_idx"),
            # The header badge counts unread rows on every page.
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(BaseModel):
    """A person's choice to receive notifications by e-mail; in-app ones always arrive.

    Absent row = the default (e-mail on), so only people who change it have a row.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(
        _("send me notifications by e-mail"),
        default=True,
        help_text=_("Notifications always appear in danvan; this only controls the e-mail copy."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {'e-mail' if self.email_enabled else 'in-app only'}"


class EmailDelivery(models.Model):
    """One e-mail handed to the mail server, by the key its task was given.

    A task that is run again (its worker was killed and the task re-queued, or a retry)
    finds the key and sends nothing twice.
    """

    key = models.CharField(_("delivery key"), max_length=100, unique=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")

    def __str__(self) -> str:
        return self.key
