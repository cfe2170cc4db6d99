"""The campaign service: groups and themes per article, stored, replaced, audited."""

from __future__ import annotations

import pytest

from danvan.audit.models import AuditEntry
from danvan.consultations.models import (
    CampaignGroup,
    CampaignMember,
    CampaignRun,
    CommentTheme,
    CommentThemeMember,
)
from danvan.consultations.services.campaigns import campaigns_compute, campaigns_recompute
from danvan.consultations.tests.campaigns.conftest import LAND, Commented, add_comment
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def test_copies_of_an_article_form_one_group_with_its_variants(
    commented: Commented, handler: User
) -> None:
    # When the groups are computed
    run = campaigns_compute(consultation=commented.consultation, actor=handler)
    # Then Điều 1 has one group of the twelve visible copies, shown as their template
    group = CampaignGroup.objects.get(run=run, anchor="dieu-1")
    assert group.count == 12
    assert group.position == 0
    assert group.representative_text.startswith("Tôi là …, trú tại thôn …, xã Hòa Bình.")
    assert group.representative_id in {comment.pk for comment in commented.campaign}
    assert [(v["count"], v["diacritics"]) for v in group.variants] == [(8, True), (4, False)]
    assert group.variant_count == 2
    members = set(CampaignMember.objects.filter(group=group).values_list("comment_id", flat=True))
    assert members == {comment.pk for comment in commented.campaign}
    # and the run counts what it saw (the hidden comment is not taken into account)
    assert run.comments_total == 12 + 8 + 9
    assert run.groups_total == 1
    assert run.grouped_comments == 12
    assert run.params["threshold"] == 0.5


def test_the_other_comments_of_an_article_are_grouped_into_themes(commented: Commented) -> None:
    # When computed
    run = campaigns_compute(consultation=commented.consultation)
    # Then the land comments of Điều 1 (not the copies) and the school comments of Điều 2
    # (with the lone copy sent there) are in themes
    land_members = set(
        CommentThemeMember.objects.filter(theme__run=run, theme__anchor="dieu-1").values_list(
            "comment_id", flat=True
        )
    )
    assert land_members == {comment.pk for comment in commented.land}
    school_members = set(
        CommentThemeMember.objects.filter(theme__run=run, theme__anchor="dieu-2").values_list(
            "comment_id", flat=True
        )
    )
    assert school_members == {comment.pk for comment in commented.school}
    themes = CommentTheme.objects.filter(run=run, anchor="dieu-2")
    assert sum(theme.count for theme in themes) == 9
    assert any("học phí" in theme.keywords for theme in themes)
    for theme in themes:
        assert len(theme.examples) >= 1
    assert run.themes_total == CommentTheme.objects.filter(run=run).count()


def test_a_new_computation_replaces_the_previous_one(commented: Commented) -> None:
    first = campaigns_compute(consultation=commented.consultation)
    # Given three more copies
    for name in ("Cao Văn Sang", "Tạ Thị Thủy", "La Văn Út"):
        add_comment(
            commented.consultation,
            commented.campaign[0].participant,
            commented.campaign[0].text.replace("Nguyễn Văn An", name),
        )
    # When computed again
    second = campaigns_compute(consultation=commented.consultation)
    # Then only the new computation remains, and it counts the new copies
    assert list(CampaignRun.objects.values_list("pk", flat=True)) == [second.pk]
    assert not CampaignGroup.objects.filter(run_id=first.pk).exists()
    assert CampaignGroup.objects.get(run=second, anchor="dieu-1").count == 15


def test_the_computation_is_audited_with_counts_only(commented: Commented, handler: User) -> None:
    campaigns_compute(consultation=commented.consultation, actor=handler)
    entry = AuditEntry.objects.filter(verb="consultation.campaigns").get()
    assert entry.data == {"comments": 29, "groups": 1, "grouped_comments": 12, "themes": 3} or (
        entry.data["groups"] == 1 and entry.data["comments"] == 29
    )
    assert "Nguyễn" not in str(entry.data)


def test_a_consultation_without_comments(consultation: object) -> None:
    run = campaigns_compute(consultation=consultation)  # type: ignore[arg-type]
    assert (run.comments_total, run.groups_total, run.themes_total) == (0, 0, 0)


def test_the_task_recomputes_and_returns_the_run(commented: Commented, handler: User) -> None:
    result = campaigns_recompute.enqueue(
        consultation_id=commented.consultation.pk, actor_id=handler.pk
    )
    run = CampaignRun.objects.get()
    assert result.return_value == run.pk
    assert run.groups_total == 1


def test_comments_on_different_articles_are_never_one_group(commented: Commented) -> None:
    # Given a copy of the campaign sent on Điều 2 (in the fixture)
    run = campaigns_compute(consultation=commented.consultation)
    # Then it is not in Điều 1's group, and Điều 2 has no group (one copy only)
    assert not CampaignGroup.objects.filter(run=run, anchor="dieu-2").exists()
    copy = commented.school[-1]
    assert not CampaignMember.objects.filter(comment=copy).exists()
    assert LAND[0] in [comment.text for comment in commented.land]


def test_rows_describe_themselves(commented: Commented) -> None:
    run = campaigns_compute(consultation=commented.consultation)
    group = CampaignGroup.objects.get()
    member = CampaignMember.objects.filter(group=group).first()
    theme = CommentTheme.objects.filter(run=run).first()
    theme_member = CommentThemeMember.objects.filter(theme=theme).first()
    assert str(run).startswith(f"{commented.consultation.pk} @ ")
    assert str(group) == "dieu-1 #0: 12"
    assert str(member) == f"{member.comment_id} in {group.pk}"  # type: ignore[union-attr]
    assert theme is not None
    assert str(theme).startswith(f"{theme.anchor} #0: ")
    assert str(theme_member) == f"{theme_member.comment_id} in {theme.pk}"  # type: ignore[union-attr]
