"""Books of typical models ("Sổ tay / Tuyển tập mô hình Dân vận khéo tiêu biểu").

The commission selects models for a period (e.g. 100 for five years) and danvan compiles
the book: cover, table of contents, one chapter per field, each model with its photo and
story, as a Word document and a PDF. Compiling runs on the task queue; the files are kept
with the book and replaced when it is compiled again.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.emulation.models.registry import Exemplar
from danvan.emulation.storage import private_storage
from danvan.units.models import Unit

__all__ = ["Book", "BookEntry"]


class Book(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("book", "Being selected")
        COMPILING = "compiling", _("Being compiled")
        COMPILED = "compiled", _("Compiled")
        FAILED = "failed", _("Compiling failed")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("compiled by"),
        help_text=_("The commission whose models the book collects."),
    )
    title = models.CharField(pgettext_lazy("book", "title"), max_length=255)
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("from year"), validators=[MinValueValidator(2009), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("to year"), validators=[MinValueValidator(2009), MaxValueValidator(2100)]
    )
    target_size = models.PositiveSmallIntegerField(
        _("number of models planned"), default=100, validators=[MinValueValidator(1)]
    )
    foreword = models.TextField(_("foreword"), blank=True)
    status = models.CharField(
        pgettext_lazy("book", "status"), max_length=10, choices=Status.choices, default="draft"
    )
    docx = models.FileField(
        _("Word document"), upload_to="books/", storage=private_storage, blank=True
    )
    pdf = models.FileField(_("PDF"), upload_to="books/", storage=private_storage, blank=True)
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)
    compile_error = models.TextField(_("compiling error"), blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("book of typical models")
        verbose_name_plural = _("books of typical models")
        ordering = ("-last_year", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_year__lte=models.F("last_year")),
                name="emulation_book_years_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BookEntry(BaseModel):
    """One selected model in a book; the story may be edited for print."""

    book = models.ForeignKey(
        Book, on_delete=models.CASCADE, related_name="entries", verbose_name=_("book")
    )
    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.PROTECT, related_name="book_entries", verbose_name=_("model")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    story = models.TextField(
        _("story for the book"),
        blank=True,
        help_text=_("Leave empty to print the model's own description."),
    )

    class Meta:
        verbose_name = _("book entry")
        verbose_name_plural = _("book entries")
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(fields=("book", "exemplar"), name="emulation_book_entry_once"),
        ]

    def __str__(self) -> str:
        return f"{self.book_id}: {self.exemplar_id}"
