"""Reads for the campaign pages: the latest computation, its groups and themes per article.

Pages show texts and counts only, never who sent a comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from danvan.consultations.models import (
    CampaignGroup,
    CampaignRun,
    Comment,
    CommentTheme,
    Consultation,
)
from danvan.consultations.selectors.participation import articles_of, current_version_id


def campaign_run_latest(*, consultation: Consultation) -> CampaignRun | None:
    """The latest computation of the consultation's campaign groups (None: never computed)."""
    return CampaignRun.objects.filter(consultation=consultation).order_by("-computed_at").first()


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of the overview: an article and what the computation found on it."""

    anchor: str
    label: str
    heading: str
    groups: int
    grouped_comments: int
    largest: int
    themes: int


def campaign_articles(*, consultation: Consultation, run: CampaignRun) -> list[ArticleSummary]:
    """Every article of the current draft (in reading order), then any other anchor found."""
    groups: dict[str, tuple[int, int]] = {
        anchor: (count, comments or 0)
        for anchor, count, comments in CampaignGroup.objects.filter(run=run)
        .values("anchor")
        .annotate(groups=Count("pk"), comments=Sum("count"))
        .values_list("anchor", "groups", "comments")
    }
    largest: dict[str, int] = dict(
        CampaignGroup.objects.filter(run=run, position=0).values_list("anchor", "count")
    )
    themes: dict[str, int] = dict(
        CommentTheme.objects.filter(run=run)
        .values("anchor")
        .annotate(themes=Count("pk"))
        .values_list("anchor", "themes")
    )
    version_id = current_version_id(consultation)
    labelled = [
        (article.anchor, article.label, article.heading)
        for article in (articles_of(version_id=version_id) if version_id else [])
    ]
    known = {anchor for anchor, _, _ in labelled}
    labelled += [(anchor, anchor, "") for anchor in sorted((set(groups) | set(themes)) - known)]
    return [
        ArticleSummary(
            anchor=anchor,
            label=label,
            heading=heading,
            groups=groups.get(anchor, (0, 0))[0],
            grouped_comments=groups.get(anchor, (0, 0))[1],
            largest=largest.get(anchor, 0),
            themes=themes.get(anchor, 0),
        )
        for anchor, label, heading in labelled
    ]


def campaign_article_label(*, consultation: Consultation, anchor: str) -> tuple[str, str]:
    """The label and heading of an article of the current draft ("Điều 5", its heading)."""
    version_id = current_version_id(consultation)
    article = (
        articles_of(version_id=version_id).filter(anchor=anchor).first() if version_id else None
    )
    return (article.label, article.heading) if article else (anchor, "")


def campaign_groups_for_article(*, run: CampaignRun, anchor: str) -> QuerySet[CampaignGroup]:
    return CampaignGroup.objects.filter(run=run, anchor=anchor).order_by("position")


@dataclass(frozen=True, slots=True)
class ThemeView:
    theme: CommentTheme
    examples: list[Comment]


def comment_themes_for_article(*, run: CampaignRun, anchor: str) -> list[ThemeView]:
    """The themes of an article with their example comments (in the stored order)."""
    themes = list(CommentTheme.objects.filter(run=run, anchor=anchor).order_by("position"))
    wanted = {pk for theme in themes for pk in theme.examples}
    comments = Comment.objects.in_bulk(wanted)
    return [
        ThemeView(theme, [comments[pk] for pk in theme.examples if pk in comments])
        for theme in themes
    ]


def campaign_group_or_404_for(*, consultation: Consultation, pk: int) -> CampaignGroup | None:
    """A group of the consultation's latest computation (None: not there)."""
    run = campaign_run_latest(consultation=consultation)
    if run is None:
        return None
    return CampaignGroup.objects.filter(run=run, pk=pk).first()


def campaign_group_comments(*, group: CampaignGroup) -> QuerySet[Comment]:
    """Every comment of a group, in the order they were sent (texts only on the page)."""
    return Comment.objects.filter(campaign_member__group=group).order_by("created_at", "pk")
