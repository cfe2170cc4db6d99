"""Compute and keep the campaign groups and themes of a consultation's comments.

The computation reads every visible comment, so it runs as a task
(``campaigns_recompute``), never inside a request. It works article by article (a
campaign is about one article, and the synthesis report answers article by article):
the engine groups the copies (``detect_campaigns``), then the other comments of the
article are grouped by subject (``group_themes``). Each run replaces the consultation's
previous one in one transaction, so a page never shows half a computation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from danvan.audit.services import audit_record
from danvan.consultations.models import (
    VARIANTS_KEPT,
    CampaignGroup,
    CampaignMember,
    CampaignRun,
    Comment,
    CommentTheme,
    CommentThemeMember,
    Consultation,
)
from danvan.units.models import User

logger = logging.getLogger(__name__)

BULK_BATCH = 5_000
FETCH_CHUNK = 20_000


if TYPE_CHECKING:
    from danvan.consultations.campaigns import LshParams


def _articles(consultation: Consultation) -> Iterator[tuple[str, list[int], list[str]]]:
    """Each article anchor with the ids and texts of its visible comments (oldest first)."""
    visible = Comment.objects.filter(consultation=consultation, status=Comment.Status.VISIBLE)
    anchors = visible.values_list("article_anchor", flat=True).distinct().order_by("article_anchor")
    for anchor in list(anchors):
        rows = (
            visible.filter(article_anchor=anchor)
            .order_by("created_at", "pk")
            .values_list("pk", "text")
            .iterator(chunk_size=FETCH_CHUNK)
        )
        ids: list[int] = []
        texts: list[str] = []
        for pk, text in rows:
            ids.append(pk)
            texts.append(text)
        yield anchor, ids, texts


def campaigns_compute(
    *,
    consultation: Consultation,
    actor: User | None = None,
    params: LshParams | None = None,
    min_size: int = 2,
) -> CampaignRun:
    """Group the consultation's visible comments into copies and themes, article by article.

    Groups of at least ``min_size`` comments are kept (two people sending the same text are
    already one argument with two senders); every other comment of the article goes to a
    theme when the article has enough of them (``group_themes``).
    """
    # The engine (numpy, scipy, scikit-learn) is imported when a computation runs, not when
    # the URLconf is: every app-server process would otherwise pay seconds at start.
    import numpy as np

    from danvan.consultations.campaigns import LshParams, detect_campaigns, group_themes

    params = params or LshParams()
    started = time.perf_counter()
    now = timezone.now()
    run = CampaignRun(
        consultation=consultation,
        computed_at=now,
        comments_total=0,
        groups_total=0,
        grouped_comments=0,
        themes_total=0,
        duration_ms=0,
        params={
            "num_perm": params.num_perm,
            "bands": params.bands,
            "rows": params.rows,
            "threshold": params.threshold,
            "min_shingles": params.min_shingles,
            "min_size": min_size,
        },
    )
    groups: list[tuple[CampaignGroup, list[int]]] = []
    themes: list[tuple[CommentTheme, list[int]]] = []
    for anchor, ids, texts in _articles(consultation):
        run.comments_total += len(ids)
        id_array = np.asarray(ids, dtype=np.int64)
        detection = detect_campaigns(texts, params=params, min_size=min_size)
        for position, found in enumerate(detection.groups):
            group = CampaignGroup(
                consultation=consultation,
                anchor=anchor,
                position=position,
                representative_id=int(id_array[found.representative]),
                representative_text=found.text,
                count=found.count,
                variant_count=len(found.variants),
                variants=[
                    {
                        "text": variant.text,
                        "count": variant.count,
                        "diacritics": variant.diacritics,
                        "comment": int(id_array[variant.example]),
                    }
                    for variant in found.variants[:VARIANTS_KEPT]
                ],
                computed_at=now,
            )
            groups.append((group, id_array[found.members].tolist()))
            run.grouped_comments += found.count
        alone = np.flatnonzero(detection.labels < 0)
        for position, found_theme in enumerate(group_themes([texts[i] for i in alone.tolist()])):
            row = CommentTheme(
                consultation=consultation,
                anchor=anchor,
                position=position,
                keywords=list(found_theme.keywords),
                count=found_theme.count,
                examples=[int(id_array[alone[i]]) for i in found_theme.examples],
                computed_at=now,
            )
            themes.append((row, id_array[alone[found_theme.members]].tolist()))
    run.groups_total = len(groups)
    run.themes_total = len(themes)
    run.duration_ms = round(1000 * (time.perf_counter() - started))
    run.full_clean()

    with transaction.atomic():
        CampaignRun.objects.filter(consultation=consultation).delete()
        run.save()
        for group, _ in groups:
            group.run = run
        CampaignGroup.objects.bulk_create([group for group, _ in groups], batch_size=BULK_BATCH)
        CampaignMember.objects.bulk_create(
            (
                CampaignMember(group=group, comment_id=comment)
                for group, members in groups
                for comment in members
            ),
            batch_size=BULK_BATCH,
        )
        for theme, _ in themes:
            theme.run = run
        CommentTheme.objects.bulk_create([theme for theme, _ in themes], batch_size=BULK_BATCH)
        CommentThemeMember.objects.bulk_create(
            (
                CommentThemeMember(theme=theme, comment_id=comment)
                for theme, members in themes
                for comment in members
            ),
            batch_size=BULK_BATCH,
        )
        audit_record(
            actor=actor,
            verb="consultation.campaigns",
            target=consultation,
            data={
                "comments": run.comments_total,
                "groups": run.groups_total,
                "grouped_comments": run.grouped_comments,
                "themes": run.themes_total,
            },
        )
    return run


@task()
def campaigns_recompute(*, consultation_id: int, actor_id: int | None = None) -> int:
    """Recompute a consultation's campaign groups and themes; returns the new run's id."""
    consultation = Consultation.objects.get(pk=consultation_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    run = campaigns_compute(consultation=consultation, actor=actor)
    logger.info(
        "campaigns of consultation %s: %s comments, %s groups (%s comments), %s themes, %s ms",
        consultation_id,
        run.comments_total,
        run.groups_total,
        run.grouped_comments,
        run.themes_total,
        run.duration_ms,
    )
    return int(run.pk)
