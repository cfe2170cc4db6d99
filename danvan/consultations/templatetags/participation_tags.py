"""Template tags of the participation area, for the drafts reading page.

``{% article_actions provision %}`` renders the agree / disagree buttons, the live counts
and the comment form of one article. The participant's answers and the tallies of the
whole consultation are read once per request (two queries) and kept on the request.
"""

from typing import Any

from django import template
from django.http import HttpRequest

from danvan.consultations.models import Consultation
from danvan.consultations.selectors.participation import EMPTY_TALLY, ArticleState, article_states
from danvan.consultations.services.participation import submission_key_new
from danvan.consultations.views.participation import article_actions_context

register = template.Library()
_CACHE = "_participation_states"


def _states(request: HttpRequest, consultation: Consultation) -> dict[str, ArticleState]:
    cache: dict[int, dict[str, ArticleState]] = getattr(request, _CACHE, {})
    if consultation.pk not in cache:
        cache[consultation.pk] = article_states(consultation=consultation, participant=request.user)
        setattr(request, _CACHE, cache)
    return cache[consultation.pk]


@register.inclusion_tag("consultations/participation/_article_actions.html", takes_context=True)
def article_actions(
    context: template.Context, provision: Any, consultation: Consultation | None = None
) -> dict[str, Any]:
    """The per-article partial, given the provision (``consultation`` from the context)."""
    request: HttpRequest = context["request"]
    consultation = consultation or context["consultation"]
    state = _states(request, consultation).get(provision.anchor)
    result = article_actions_context(
        request=request,
        consultation=consultation,
        provision=provision,
        vote=state.vote if state else None,
        tally=state.tally if state else EMPTY_TALLY,
    )
    result["csrf_token"] = context.get("csrf_token")
    result["request"] = request
    result["user"] = context.get("user")
    return result


@register.simple_tag
def submission_key() -> str:
    """A fresh random key for a comment form: a resubmitted form is recognised by it."""
    return submission_key_new()
