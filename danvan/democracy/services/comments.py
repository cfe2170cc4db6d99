"""Writes for comments before decisions (Law 10/2022/QH15 Arts 25–28).

* ``commune_matter_link``: say which Art 25 matter a commune consultation is; a window
  shorter than 20 days from publication is refused unless a specific law is cited (Art 28).
* ``household_answer_claim``: called by the consultations app for every answer to a
  consultation with "one vote per household". The account must represent a household of
  the commune; the first account that answers for a household is the household's, and any
  other account answering for it is refused. The same account may change its answers while
  the consultation is open (the consultations app's rule: the last answer counts).
* ``household_comment_check``: one comment per household on each article; a new comment
  on an article the household already commented on is refused (a retry of the same
  comment is recognised by the consultations app before this check and adds nothing).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.consultations.models import Comment, Consultation
from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.comments import ART25_ITEMS, CommuneMatter, HouseholdAnswer
from danvan.democracy.models.households import Household
from danvan.democracy.selectors.comments import (
    MINIMUM_DAYS,
    household_accounts_in,
    place_of,
    window_too_short,
)
from danvan.units.models import User


@transaction.atomic
def commune_matter_link(
    *, actor: User, consultation: Consultation, item: int, special_law: str = ""
) -> CommuneMatter:
    """Record that ``consultation`` asks residents about Art 25 item ``item`` (1–9)."""
    if consultation.kind != Consultation.Kind.COMMUNE_MATTER:
        raise ApplicationError(_("Only a consultation on a commune matter can be listed here."))
    commune = place_of(consultation)
    if commune is None or not actor.has_perm("democracy.manage", commune):
        raise ApplicationError(_("This consultation is not one of your commune's."))
    if item not in ART25_ITEMS:
        raise ApplicationError(_("Choose one of the items 1 to 9 of Article 25."))
    law = " ".join(special_law.split())
    if window_too_short(consultation, law):
        raise ApplicationError(
            _(
                "Residents must have at least %(days)s days from publication to comment "
                "(Art 28); this consultation runs until %(date)s. Choose a later last day, "
                "or cite the specific law that sets a shorter period."
            )
            % {"days": MINIMUM_DAYS, "date": short_date(consultation.last_day)}  # type: ignore[arg-type]
        )
    if CommuneMatter.objects.filter(consultation=consultation).exists():
        raise ApplicationError(_("This consultation is already listed."))
    matter = CommuneMatter(
        consultation=consultation, commune=commune, item=item, special_law=law, created_by=actor
    )
    matter.full_clean()
    try:
        with transaction.atomic():
            matter.save()
    except IntegrityError as error:  # the same form sent twice at once
        raise ApplicationError(_("This consultation is already listed.")) from error
    audit_record(
        actor=actor,
        verb="democracy_comment_matter.link",
        target=matter,
        data={"consultation": consultation.pk, "item": item, "special_law": law},
    )
    return matter


def _refuse_not_household(account: User) -> None:
    if Household.objects.filter(account=account, is_active=True).exists():
        raise ApplicationError(
            _(
                "Your household is not in a village of the commune holding this consultation: "
                "only that commune's households take part."
            )
        )
    raise ApplicationError(
        _(
            "Only the representative of a household of this commune, signed in with the "
            "account registered for the household, may answer: one answer per household."
        )
    )


def household_answer_claim(*, consultation: Consultation, account: User) -> list[Household]:
    """Make ``account`` the one that answers for its households, or refuse (see the module)."""
    households = list(household_accounts_in(account, consultation))
    if not households:
        _refuse_not_household(account)
    for household in households:
        try:
            with transaction.atomic():
                answer = HouseholdAnswer.objects.get_or_create(
                    consultation=consultation, household=household, defaults={"account": account}
                )[0]
        except IntegrityError:  # another account of the household claimed it a moment ago
            answer = HouseholdAnswer.objects.get(consultation=consultation, household=household)
        if answer.account_id != account.pk:
            raise ApplicationError(
                _(
                    "Your household has already answered this consultation from another "
                    "account: one answer per household."
                )
            )
    return households


def household_comment_check(
    *, consultation: Consultation, account: User, article_anchor: str
) -> None:
    """Refuse a second, new comment of the household on the same article."""
    if Comment.objects.filter(
        consultation=consultation, participant=account, article_anchor=article_anchor
    ).exists():
        raise ApplicationError(
            _(
                "Your household has already sent its comment on this article: one comment per "
                "household on each article."
            )
        )
