"""Staff pages of the campaign groups: the overview per article, one article's groups and
themes, and every comment of one group.

A group shows one representative text and how many people sent it ("1 ý kiến đại diện —
10.000 lượt gửi giống nhau"), its variants in a ``<details>`` (no JavaScript needed), and a
link to all its comments: grouping is a way to read, nobody's comment is hidden. Access
through ``consultation_for_manager_or_404`` (``consultations.manage_consultation``): the
same 404 for a consultation that does not exist and one the person may not manage.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.consultations.selectors.campaigns import (
    campaign_article_label,
    campaign_articles,
    campaign_group_comments,
    campaign_group_or_404_for,
    campaign_groups_for_article,
    campaign_run_latest,
    comment_themes_for_article,
)
from danvan.consultations.selectors.drafts import consultation_for_manager_or_404
from danvan.consultations.services.campaigns import campaigns_recompute

COMMENTS_PER_PAGE = 50


@login_required
@require_GET
def campaigns_manage(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    run = campaign_run_latest(consultation=consultation)
    articles = campaign_articles(consultation=consultation, run=run) if run else []
    return render(
        request,
        "consultations/campaigns/manage.html",
        {"consultation": consultation, "run": run, "articles": articles},
    )


@login_required
@require_POST
def campaigns_recompute_view(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    campaigns_recompute.enqueue(consultation_id=consultation.pk, actor_id=request.user.pk)
    messages.success(
        request,
        _("The campaign groups are being recomputed; reload this page in a moment to see them."),
    )
    return redirect("consultations:campaigns_manage", slug=consultation.slug)


@login_required
@require_GET
def campaigns_article(request: HttpRequest, slug: str, anchor: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    run = campaign_run_latest(consultation=consultation)
    if run is None:
        return redirect("consultations:campaigns_manage", slug=consultation.slug)
    label, heading = campaign_article_label(consultation=consultation, anchor=anchor)
    return render(
        request,
        "consultations/campaigns/article.html",
        {
            "consultation": consultation,
            "run": run,
            "anchor": anchor,
            "label": label,
            "heading": heading,
            "groups": campaign_groups_for_article(run=run, anchor=anchor),
            "themes": comment_themes_for_article(run=run, anchor=anchor),
        },
    )


@login_required
@require_GET
def campaigns_group(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    group = campaign_group_or_404_for(consultation=consultation, pk=pk)
    if group is None:
        raise Http404
    label, _heading = campaign_article_label(consultation=consultation, anchor=group.anchor)
    page = Paginator(campaign_group_comments(group=group), COMMENTS_PER_PAGE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "consultations/campaigns/group.html",
        {"consultation": consultation, "group": group, "label": label, "page": page},
    )
