"""Leaders' dialogues with residents or workers, and the commitments made at them.

Law 10/2022 Art 32: the commune's People's Committee, with the Front, holds at least one
dialogue with residents a year; agencies hold dialogues with their staff and workers. What
residents remember of a dialogue is what was promised, so each commitment is tracked to
done with its deadline, its progress and its evidence, and shown on a public page.

Privacy: a question's asker is shown publicly by name only when the person agreed; by
default the public page says "a resident of <village>".
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import BaseModel
from danvan.democracy.models._fields import by_user
from danvan.units.models import Unit

__all__ = ["Commitment", "CommitmentUpdate", "Dialogue", "DialogueQuestion"]


class Dialogue(BaseModel):
    """One dialogue conference held by a commune's leaders (or an agency's)."""

    class Kind(models.TextChoices):
        RESIDENTS = "residents", _("With residents")
        WORKERS = "workers", _("With staff and workers")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune or agency")
    )
    kind = models.CharField(
        _("kind of dialogue"), max_length=10, choices=Kind.choices, default=Kind.RESIDENTS
    )
    title = models.CharField(_("topic"), max_length=255)
    held_on = models.DateField(pgettext_lazy("dialogue", "held on"))
    place = models.CharField(_("place"), max_length=255)
    chair = models.CharField(_("chaired by"), max_length=150)
    participants = models.PositiveIntegerField(
        _("number of participants"), default=0, validators=[MinValueValidator(0)]
    )
    with_front = models.BooleanField(
        _("held with the Fatherland Front"),
        default=True,
        help_text=_("Art 32: the commune holds its yearly dialogue together with the Front."),
    )
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ("-held_on", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("unit", "held_on", "title"), name="democracy_dialogue_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DialogueQuestion(BaseModel):
    """A question raised at a dialogue and the answer given on the spot."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dialogue")
    )
    asked_by = models.CharField(
        _("asked by"),
        max_length=150,
        blank=True,
        help_text=_("Optional. The name is shown publicly only if the person agreed."),
    )
    village = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": Unit.Kind.VILLAGE},
        verbose_name=_("village or residential group"),
    )
    show_name = models.BooleanField(_("the person agreed to show their name"), default=False)
    question = models.TextField(pgettext_lazy("dialogue", "question"))
    answer = models.TextField(_("answer given on the spot"), blank=True)
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("dialogue question")
        verbose_name_plural = _("dialogue questions")
        ordering = ("dialogue", "pk")

    def __str__(self) -> str:
        return self.question[:80]


class Commitment(BaseModel):
    """Something the leaders promised at a dialogue, tracked until it is done."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("commitment", "Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("commitment", "In progress")
        DONE = "done", pgettext_lazy("commitment", "Done")

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("dialogue")
    )
    question = models.ForeignKey(
        DialogueQuestion,
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
        verbose_name=pgettext_lazy("dialogue", "question"),
    )
    content = models.TextField(_("what was committed"))
    responsible = models.CharField(_("responsible unit or person"), max_length=255)
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        pgettext_lazy("commitment", "status"),
        max_length=12,
        choices=Status.choices,
        default=Status.OPEN,
        db_index=True,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence_note = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to="democracy/commitments/%Y/", blank=True
    )
    created_by = by_user(_("created by"))

    class Meta:
        verbose_name = _("dialogue commitment")
        verbose_name_plural = _("dialogue commitments")
        ordering = ("due_on", "pk")

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def unit(self) -> Unit:
        return self.dialogue.unit


class CommitmentUpdate(BaseModel):
    """One step of progress on a commitment (the history residents and staff can follow)."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="updates", verbose_name=_("commitment")
    )
    on = models.DateField(_("date"))
    note = models.TextField(_("progress"))
    status = models.CharField(
        pgettext_lazy("commitment", "status"), max_length=12, choices=Commitment.Status.choices
    )
    created_by = by_user(_("recorded by"))

    class Meta:
        verbose_name = _("commitment progress update")
        verbose_name_plural = _("commitment progress updates")
        ordering = ("on", "pk")

    def __str__(self) -> str:
        return self.note[:80]
