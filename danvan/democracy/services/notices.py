"""Notices of community decisions: who must hear of a step, and what they are told.

* The households on the roll hear when they are asked whether to vote online (Decree
  59/2023 Art 5(1)(b)) and when voting opens (online or by household ballot): through the
  representative's account linked to the household, in the app and by e-mail. A meeting is
  convened by the village head's notice on paper; the app repeats it to linked accounts.
* The commune's officers hear when a counted decision reaches the commune: the recognition
  is due within 5 working days (Art 21(3)), and the due date is in the notice.

The texts are written in the site's language (Vietnamese), not in the interface language of
the officer whose click sent them: they go to other people.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.core.dates import short_date
from danvan.democracy.decisions import DecisionForm
from danvan.democracy.models.households import Household
from danvan.democracy.models.votes import CommunityDecision
from danvan.notifications.services import notify
from danvan.units.models import RoleAssignment, Unit, User

Role = RoleAssignment.Role
RECOGNISER_ROLES = (Role.HEAD, Role.HANDLER)
RECOGNISING_KINDS = {
    CommunityDecision.RecognisingBody.PEOPLES_COMMITTEE: Unit.Kind.PEOPLES_COMMITTEE,
    CommunityDecision.RecognisingBody.FRONT: Unit.Kind.FATHERLAND_FRONT,
}


def roll_accounts(decision: CommunityDecision) -> list[User]:
    """The linked accounts of the households on the decision's roll (active households of
    the voting villages registered before the electorate was fixed)."""
    households = Household.objects.filter(
        village_id__in=decision.villages.values("village_id"),
        is_active=True,
        account__isnull=False,
        account__is_active=True,
    )
    if decision.electorate_fixed_at is not None:
        households = households.filter(created_at__lte=decision.electorate_fixed_at)
    return list(User.objects.filter(pk__in=households.values("account_id")))


def recognisers(decision: CommunityDecision, body: str) -> list[User]:
    """The head and handlers of the commune body that recognises the decision (``body``, a
    ``CommunityDecision.RecognisingBody``: the Front for item 5, else the People's
    Committee)."""
    kind = RECOGNISING_KINDS[CommunityDecision.RecognisingBody(body)]
    user_ids = RoleAssignment.objects.filter(
        unit__parent=decision.commune,
        unit__kind=kind,
        unit__is_active=True,
        role__in=RECOGNISER_ROLES,
        is_active=True,
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True))


def notify_consent_poll(decision: CommunityDecision) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            recipients=roll_accounts(decision),
            kind="democracy.consent_poll",
            title=_("Do you agree to vote online? %(title)s") % {"title": decision.title},
            body=_(
                "%(commune)s asks each household whether the matter “%(title)s” may be voted "
                "on online. It is voted online only if more than half of all households agree "
                "(Decree 59/2023/ND-CP, Article 5). Answer for your household on danvan."
            )
            % {"commune": decision.commune.name, "title": decision.title},
            url=reverse("democracy:votes_consent", kwargs={"pk": decision.pk}),
        )


def notify_opened(decision: CommunityDecision) -> None:
    form = DecisionForm(decision.form)
    with translation.override(settings.LANGUAGE_CODE):
        if form == DecisionForm.MEETING:
            assert decision.meeting_at is not None
            title = _("Meeting of households: %(title)s") % {"title": decision.title}
            body = _(
                "The households are convened to decide “%(title)s” on %(day)s at %(place)s. "
                "The household's representative attends and votes for the household."
            ) % {
                "title": decision.title,
                "day": short_date(timezone.localtime(decision.meeting_at).date()),
                "place": decision.meeting_place or decision.commune.name,
            }
            url = reverse("democracy:votes_mine")
        else:
            assert decision.closes_at is not None
            title = _("Voting is open: %(title)s") % {"title": decision.title}
            body = _(
                "Your household may vote on “%(title)s” until %(day)s. One vote per "
                "household, by its representative."
            ) % {
                "title": decision.title,
                "day": short_date(timezone.localtime(decision.closes_at).date()),
            }
            url = (
                reverse("democracy:votes_vote", kwargs={"pk": decision.pk})
                if form == DecisionForm.ONLINE
                else reverse("democracy:votes_mine")
            )
        notify(
            recipients=roll_accounts(decision),
            kind="democracy.vote_opened",
            title=title,
            body=body,
            url=url,
        )


def notify_recognition_due(decision: CommunityDecision, *, body: str) -> None:
    assert decision.recognition_due is not None
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            recipients=recognisers(decision, body),
            kind="democracy.recognition_due",
            title=_("To recognise by %(day)s: %(title)s")
            % {"day": short_date(decision.recognition_due), "title": decision.title},
            body=_(
                "The community's decision “%(title)s” reached the commune. It must be "
                "recognised, or refused in writing with reasons, within 5 working days "
                "(Law 10/2022/QH15, Article 21): by %(day)s."
            )
            % {"title": decision.title, "day": short_date(decision.recognition_due)},
            url=reverse("democracy:votes_detail", kwargs={"pk": decision.pk}),
        )
