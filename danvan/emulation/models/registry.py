"""The "Dân vận khéo" registry: collective models and individual examples (DOMAIN §9.1).

A unit registers its models at the start of the year (each commune or unit registers one to
three), works on them, and the Mass Mobilisation Commission evaluates them at the year's end,
recognises the effective ones and drops the ineffective ones. Nothing is ever deleted: a
dropped model keeps its record, its reason and its history, because next year's statistics
("1,635 models in all") and the five-yearly book are counted from the same rows.

A replication (nhân rộng) is a linked copy: another unit registers the same model for itself,
and ``replicated_from`` keeps the link so the original's page can list where it spread.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.emulation.storage import private_storage
from danvan.units.models import Unit

__all__ = ["Attachment", "Exemplar", "ExemplarEvent", "Field", "Kind", "Level", "ResultFigure"]

FIRST_YEAR = 2009  # the movement was launched in 2009


class Field(models.TextChoices):
    """The movement's four fields (lĩnh vực)."""

    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("Defence and security")
    PARTY_BUILDING = "party_building", _("Building the Party and the political system")


class Kind(models.TextChoices):
    """A model (mô hình) is collective; an example (điển hình) is one person."""

    MODEL = "model", _("Collective model")
    EXAMPLE = "example", _("Individual example")


class Level(models.TextChoices):
    """Registration and recognition levels since the 2025 reform (no district level)."""

    COMMUNE = "commune", _("Commune or unit level")
    PROVINCIAL = "provincial", _("Provincial level")
    CENTRAL = "central", _("Central level")


class Exemplar(BaseModel):
    """One registered model or example, from registration to recognition or removal."""

    class Status(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("emulation status", "Registered")
        RECOGNISED = "recognised", pgettext_lazy("emulation status", "Recognised")
        REMOVED = "removed", pgettext_lazy("emulation status", "Removed")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registering unit"),
        help_text=_("The commune, agency or organisation that carries out the model."),
    )
    place = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("administrative unit"),
        help_text=_("The commune or province where the model is carried out (post-2025 map)."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MODEL)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    sub_field = models.CharField(
        _("sub-field"),
        max_length=150,
        blank=True,
        help_text=_("Optional, e.g. 'Xây dựng nông thôn mới' where the province uses it."),
    )
    level = models.CharField(
        pgettext_lazy("emulation", "level"),
        max_length=12,
        choices=Level.choices,
        default=Level.COMMUNE,
        help_text=_("The level at which the model is registered."),
    )
    title = models.CharField(_("name of the model"), max_length=255)
    year = models.PositiveSmallIntegerField(
        _("year registered"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)],
        db_index=True,
    )
    period_start = models.DateField(_("carried out from"))
    period_end = models.DateField(_("carried out until"), null=True, blank=True)
    problem = models.TextField(_("the problem it addresses"))
    actions = models.TextField(_("what was done"))
    results = models.TextField(_("results"), blank=True)
    participants = models.TextField(
        _("people involved"),
        blank=True,
        help_text=_("Who took part: organisations, households, union members."),
    )
    participant_count = models.PositiveIntegerField(_("number of people involved"), default=0)
    person_name = models.CharField(
        _("full name of the person"),
        max_length=150,
        blank=True,
        help_text=_("For an individual example only."),
    )
    person_title = models.CharField(
        _("position or occupation"),
        max_length=150,
        blank=True,
        help_text=_("For an individual example only, e.g. 'Trưởng thôn Đông'."),
    )
    status = models.CharField(
        pgettext_lazy("emulation", "status"),
        max_length=12,
        choices=Status.choices,
        default=Status.REGISTERED,
        db_index=True,
    )
    recognised_level = models.CharField(
        _("highest level recognised"), max_length=12, choices=Level.choices, blank=True
    )
    recognised_year = models.PositiveSmallIntegerField(
        _("year last recognised"), null=True, blank=True
    )
    is_outstanding = models.BooleanField(
        _("outstanding (tiêu biểu)"),
        default=False,
        help_text=_("Selected as outstanding at a recognition; candidates for the book."),
    )
    replicated_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replications",
        verbose_name=_("replicated from"),
    )
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removed_reason = models.TextField(_("reason for removal"), blank=True)
    removed_by = by_user(_("removed by"))
    created_by = by_user(_("registered by"))
    search_text = models.TextField(
        _("text for search"),
        blank=True,
        editable=False,
        help_text=_("Title, unit and person, folded (no diacritics, đ as d), lower case."),
    )

    class Meta:
        verbose_name = _("Dân vận khéo model")
        verbose_name_plural = _("Dân vận khéo models")
        ordering = ("-year", "title", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "year", "title"), name="emulation_exemplar_unique_title"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="removed") | ~models.Q(removed_reason=""),
                name="emulation_exemplar_removed_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=("status", "year"), name="emulation_status_year"),
            models.Index(fields=("field", "year"), name="emulation_field_year"),
            models.Index(fields=("unit", "year"), name="emulation_unit_year"),
            models.Index(fields=("recognised_level", "year"), name="emulation_level_year"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_label(self) -> str:
        return f"{self.year} {self.title}"

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED


class ResultFigure(BaseModel):
    """One measured result ("thu nhập tăng 25 %", "120 hộ thoát nghèo")."""

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.CASCADE, related_name="figures", verbose_name=_("model")
    )
    indicator = models.CharField(_("indicator"), max_length=255)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    unit_label = models.CharField(
        _("unit of measure"), max_length=50, blank=True, help_text=_("e.g. hộ, triệu đồng, %")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("result figure")
        verbose_name_plural = _("result figures")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} {self.unit_label}".strip()


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is ours; the person's file name is kept in ``original_name``.
    return f"{instance.exemplar_id}/{instance.kind}/{filename}"


class Attachment(BaseModel):
    """A photo or a document about a model (public once the model is recognised)."""

    class AttachmentKind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("model")
    )
    kind = models.CharField(
        pgettext_lazy("attachment", "kind"), max_length=10, choices=AttachmentKind.choices
    )
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=255
    )
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    width = models.PositiveIntegerField(_("width in pixels"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height in pixels"), null=True, blank=True)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    is_cover = models.BooleanField(
        _("cover photo"), default=False, help_text=_("The photo shown first and in the book.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    uploaded_by = by_user(_("uploaded by"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("-is_cover", "position", "pk")

    def __str__(self) -> str:
        return self.original_name


class ExemplarEvent(models.Model):
    """The model's history: every step, in order, never edited or deleted."""

    class EventKind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        EDITED = "edited", _("Edited")
        ATTACHED = "attached", _("File added")
        EVALUATED = "evaluated", _("Evaluated")
        RECOGNISED = "recognised", pgettext_lazy("emulation event", "Recognised")
        REPLICATED = "replicated", _("Replicated to another unit")
        REMOVED = "removed", pgettext_lazy("emulation event", "Removed")
        SELECTED = "selected", _("Selected for a book")

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.CASCADE, related_name="events", verbose_name=_("model")
    )
    kind = models.CharField(
        pgettext_lazy("emulation event", "kind"), max_length=12, choices=EventKind.choices
    )
    at = models.DateTimeField(_("at"), db_index=True)
    actor = by_user(_("by"))
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.exemplar_id} {self.kind} {self.at:%Y-%m-%d}"
