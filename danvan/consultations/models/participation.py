"""Consultations: taking part — per-article votes, anchored comments, short statements.

Votes and comments name a provision by ``(consultation, anchor)``, not by row id, so they
survive a new version of the draft (drafts.py). A participant has one answer per article:
voting again replaces it (the last answer counts) until the window closes.

Live tallies: ``ArticleTally`` rows are changed in the same transaction as every vote,
comment or moderation decision, so a page never counts vote rows. Each (consultation,
anchor) has ``TALLY_SHARDS`` rows and a participant always writes to the shard
``participant_id % TALLY_SHARDS``: at national scale every voter of "Điều 1" would
otherwise queue on one row lock until their commit, which caps the whole site at a few
thousand votes per second however many cores there are. Readers add the shards up
(selectors/participation.py); ``tallies_rebuild`` recomputes them from the rows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models.drafts import Consultation, DraftVersion
from danvan.core.models import BaseModel

__all__ = [
    "COMMENT_MAX_LENGTH",
    "QUOTE_MAX_LENGTH",
    "STATEMENT_MAX_LENGTH",
    "TALLY_SHARDS",
    "ArticleTally",
    "ArticleVote",
    "Comment",
    "Statement",
    "StatementVote",
]

# Shards of each article's tally (see the module docstring); changing it needs a rebuild.
TALLY_SHARDS = 8
COMMENT_MAX_LENGTH = 5000
QUOTE_MAX_LENGTH = 1000
STATEMENT_MAX_LENGTH = 280


class ArticleVote(models.Model):
    """A participant's current answer (agree / disagree) on one article of a consultation.

    No ``BaseModel``: its index on ``created_at`` would be one more b-tree to update per
    vote on the busiest table of the system, and nothing reads votes by date. ``revision``
    counts how often the answer was given (1 = first answer): the vote service's single
    ``INSERT … ON CONFLICT`` returns it to tell a new vote from a changed one.
    """

    class Choice(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="article_votes",
        db_index=False,  # the unique constraint below starts with it
    )
    anchor = models.CharField(_("anchor"), max_length=120)
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # votes are read by consultation; PROTECT checks are rare
    )
    choice = models.CharField(_("answer on the article"), max_length=10, choices=Choice.choices)
    revision = models.PositiveIntegerField(_("times answered"), default=1)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("article vote")
        verbose_name_plural = _("article votes")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "participant", "anchor"],
                name="articlevote_one_per_participant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.anchor}: {self.choice}"


class ArticleTally(models.Model):
    """One shard of the live counts of one article (agree, disagree, visible comments)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="article_tallies",
        db_index=False,  # the unique constraint below starts with it
    )
    anchor = models.CharField(_("anchor"), max_length=120)
    shard = models.PositiveSmallIntegerField(_("shard"))
    agree = models.IntegerField(_("agree"), default=0)
    disagree = models.IntegerField(_("disagree"), default=0)
    comments = models.IntegerField(_("comments"), default=0)

    class Meta:
        verbose_name = _("article tally")
        verbose_name_plural = _("article tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "anchor", "shard"], name="articletally_one_per_shard"
            )
        ]

    def __str__(self) -> str:
        return f"{self.anchor}#{self.shard}: +{self.agree} -{self.disagree}"


class Comment(BaseModel):
    """Free text on a provision, optionally on a passage of it; hidden by moderation, never deleted.

    ``quote_start``/``quote_end`` are character offsets of the quoted passage in the text
    of the provision ``anchor`` as it read in ``version``. ``submission_key`` is the random
    key of the form that sent it: a retried or double-clicked submission finds the comment
    it already made instead of making a second one.
    """

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden_by_moderator", _("Hidden by a moderator")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    version = models.ForeignKey(
        DraftVersion,
        verbose_name=_("draft version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    anchor = models.CharField(_("anchor"), max_length=120)
    # The article the commented provision belongs to (its own anchor outside any article):
    # the comment counts in that article's tally.
    article_anchor = models.CharField(_("article anchor"), max_length=120)
    quote = models.TextField(_("quoted passage"), blank=True, max_length=QUOTE_MAX_LENGTH)
    quote_start = models.PositiveIntegerField(_("quote start"), null=True, blank=True)
    quote_end = models.PositiveIntegerField(_("quote end"), null=True, blank=True)
    text = models.TextField(_("comment text"), max_length=COMMENT_MAX_LENGTH)
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VISIBLE
    )
    moderation_reason = models.CharField(_("moderation reason"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    submission_key = models.CharField(_("comment form key"), max_length=64)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["consultation", "anchor", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "submission_key"], name="comment_unique_submission"
            ),
            models.CheckConstraint(
                condition=models.Q(quote_start__isnull=True, quote_end__isnull=True)
                | models.Q(quote_start__isnull=False, quote_end__gt=models.F("quote_start")),
                name="comment_quote_offsets",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "article_anchor"], name="comment_by_article"),
            models.Index(fields=["consultation", "status"], name="comment_by_status"),
        ]

    def __str__(self) -> str:
        return f"{self.anchor}: {self.text[:40]}"

    @property
    def audit_label(self) -> str:
        """Safe label for the audit log: never the citizen's text."""
        return f"comment {self.pk} on {self.anchor}"


class Statement(BaseModel):
    """A short statement (Polis style) others vote agree / disagree / pass on."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        ACCEPTED = "accepted", _("Accepted for voting")
        REJECTED = "rejected", _("Rejected")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    text = models.CharField(_("statement"), max_length=STATEMENT_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderation_reason = models.CharField(_("moderation reason"), max_length=500, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["consultation", "created_at", "pk"]
        indexes = [
            models.Index(fields=["consultation", "status"], name="statement_by_status"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def audit_label(self) -> str:
        """Safe label for the audit log: never the citizen's text."""
        return f"statement {self.pk}"


class StatementVote(models.Model):
    """A participant's current vote on a statement: 1 agree, -1 disagree, 0 pass.

    ``consultation`` repeats the statement's so the opinion map reads the whole vote matrix
    of a consultation with one index range scan, without a join.
    """

    class Vote(models.IntegerChoices):
        AGREE = 1, _("Agree")
        PASS = 0, _("Pass / unsure")
        DISAGREE = -1, _("Disagree")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="statement_votes",
    )
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="votes",
        db_index=False,  # the unique constraint below starts with it
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # read through the consultation's range, never by participant alone
    )
    vote = models.SmallIntegerField(_("vote"), choices=Vote.choices)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("statement vote")
        verbose_name_plural = _("statement votes")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "participant"], name="statementvote_one_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.vote}"
