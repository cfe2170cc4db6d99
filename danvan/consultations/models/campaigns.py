"""Consultations: campaign groups and themes of the free-text comments, article by article.

A computation (``CampaignRun``) groups the visible comments of each article with the engine
``danvan.consultations.campaigns``: copies of one text — exact, edited, reordered, typed
without diacritics, a mail-merge template filled in — form a ``CampaignGroup`` shown as one
representative text with its count and its variants, so that ten thousand copies weigh as
one argument with ten thousand senders. The other comments of the article are grouped by
subject into ``CommentTheme`` rows. Memberships say which comment is in which group or
theme: a group is a *view* over the comments, nobody's comment is hidden or dropped.

Each computation replaces the previous one of the consultation (``campaigns_compute``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models.drafts import Consultation
from danvan.consultations.models.participation import Comment
from danvan.core.models import BaseModel

__all__ = [
    "VARIANTS_KEPT",
    "CampaignGroup",
    "CampaignMember",
    "CampaignRun",
    "CommentTheme",
    "CommentThemeMember",
]

VARIANTS_KEPT = 50
"""Variants stored per group, most sent first (the group's members are all kept)."""


class CampaignRun(BaseModel):
    """One computation of the campaign groups and themes of a consultation."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="campaign_runs",
    )
    computed_at = models.DateTimeField(_("computed at"))
    comments_total = models.PositiveIntegerField(_("comments taken into account"))
    groups_total = models.PositiveIntegerField(_("groups of copies"))
    grouped_comments = models.PositiveIntegerField(_("comments in groups of copies"))
    themes_total = models.PositiveIntegerField(_("themes"))
    duration_ms = models.PositiveIntegerField(_("computation time (ms)"))
    params = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("campaign computation")
        verbose_name_plural = _("campaign computations")
        ordering = ["consultation", "-computed_at"]

    def __str__(self) -> str:
        return f"{self.consultation_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


class CampaignGroup(BaseModel):
    """Comments on one article that carry one text: one argument, ``count`` senders.

    ``variants`` lists the ways it was sent, most sent first (at most ``VARIANTS_KEPT``):
    ``{"text": …, "count": …, "diacritics": bool, "comment": <id of one such comment>}``.
    A variant filled in differently by its senders (a mail-merge template) shows the words
    they share with "…" in place of their names and numbers.
    """

    run = models.ForeignKey(
        CampaignRun,
        verbose_name=_("computation"),
        on_delete=models.CASCADE,
        related_name="groups",
        db_index=False,  # the index below starts with it
    )
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="campaign_groups",
    )
    anchor = models.CharField(_("article anchor"), max_length=120)
    position = models.PositiveIntegerField(_("rank in the article"))
    representative = models.ForeignKey(
        Comment,
        verbose_name=_("representative comment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    representative_text = models.TextField(_("representative text"))
    count = models.PositiveIntegerField(_("comments"))
    variant_count = models.PositiveIntegerField(_("variants"))
    variants = models.JSONField(_("variants"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("campaign group")
        verbose_name_plural = _("campaign groups")
        ordering = ["run", "anchor", "position"]
        indexes = [
            models.Index(fields=["run", "anchor", "position"], name="campaigngroup_by_article")
        ]

    def __str__(self) -> str:
        return f"{self.anchor} #{self.position}: {self.count}"


class CampaignMember(models.Model):
    """A comment's place in a group of copies (one group per comment)."""

    group = models.ForeignKey(
        CampaignGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="members",
        db_index=False,  # the index below starts with it
    )
    comment = models.OneToOneField(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="campaign_member",
    )

    class Meta:
        verbose_name = _("campaign group member")
        verbose_name_plural = _("campaign group members")
        indexes = [models.Index(fields=["group", "comment"], name="campaignmember_by_group")]

    def __str__(self) -> str:
        return f"{self.comment_id} in {self.group_id}"


class CommentTheme(BaseModel):
    """Comments on one article, not copies of one another, that speak of the same thing."""

    run = models.ForeignKey(
        CampaignRun,
        verbose_name=_("computation"),
        on_delete=models.CASCADE,
        related_name="themes",
        db_index=False,  # the index below starts with it
    )
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="comment_themes",
    )
    anchor = models.CharField(_("article anchor"), max_length=120)
    position = models.PositiveIntegerField(_("rank in the article"))
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    count = models.PositiveIntegerField(_("comments"))
    # Ids of the comments closest to the theme's centre, closest first.
    examples = models.JSONField(_("example comments"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("comment theme")
        verbose_name_plural = _("comment themes")
        ordering = ["run", "anchor", "position"]
        indexes = [
            models.Index(fields=["run", "anchor", "position"], name="commenttheme_by_article")
        ]

    def __str__(self) -> str:
        return f"{self.anchor} #{self.position}: {', '.join(self.keywords)}"


class CommentThemeMember(models.Model):
    """A comment's theme (one theme per comment)."""

    theme = models.ForeignKey(
        CommentTheme,
        verbose_name=_("theme"),
        on_delete=models.CASCADE,
        related_name="members",
        db_index=False,  # the index below starts with it
    )
    comment = models.OneToOneField(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="theme_member",
    )

    class Meta:
        verbose_name = _("comment theme member")
        verbose_name_plural = _("comment theme members")
        indexes = [models.Index(fields=["theme", "comment"], name="commentthememember_by_theme")]

    def __str__(self) -> str:
        return f"{self.comment_id} in {self.theme_id}"
