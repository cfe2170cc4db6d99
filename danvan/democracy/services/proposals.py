"""Writes on residents' proposals (Law 10/2022/QH15 Art 16(2)).

* Support: one per household (a constraint), given online by the household's account or
  recorded by staff from a signed list with the date it was signed. A support still valid
  cannot be given again (a retried submission gets a clear message, not a second row); a
  lapsed one (more than three months old) is renewed with the new date.
* When the valid supports reach 10 % of the village's active households the proposal is
  "reached": the village head must put it to the community, and it cannot be declined.
* Below the threshold the Front work committee may endorse it (who and when are kept);
  the village head may also decline it, with reasons.
* Putting it to the community makes the ``CommunityDecision`` (``decision_create``).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.democracy.decisions.matters import DecisionForm, Matter
from danvan.democracy.decisions.proposals import support_valid_until
from danvan.democracy.models.households import Household
from danvan.democracy.models.proposals import ProposalSupport, ResidentProposal
from danvan.democracy.selectors.households import commune_of
from danvan.democracy.selectors.proposals import (
    households_of_account,
    proposal_count,
    status_now,
)
from danvan.democracy.services.votes import decision_create
from danvan.units.models import Unit, User

Status = ResidentProposal.Status
SUBMISSION_KEY_MAX = 64


def _clean_text(value: str) -> str:
    return " ".join(value.split())


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


# ------------------------------------------------------------------ create


@transaction.atomic
def proposal_create(
    *,
    actor: User,
    village: Unit,
    title: str,
    content: str,
    matter: Matter | str,
    proposer_name: str,
    proposer_household: Household,
    submission_key: str = "",
) -> ResidentProposal:
    """Register a proposal of residents of ``village`` (by staff, or by the resident online).

    ``submission_key``: the form's one-time key; sending the same form again returns the
    proposal it made.
    """
    key = submission_key.strip()[:SUBMISSION_KEY_MAX]
    if key:
        existing = ResidentProposal.objects.filter(created_by=actor, submission_key=key).first()
        if existing is not None:
            return existing
    if village.kind != Unit.Kind.VILLAGE:
        raise ApplicationError(_("Choose a village or residential group."))
    if proposer_household.village_id != village.pk or not proposer_household.is_active:
        raise ApplicationError(_("The proposer's household must be on this village's register."))
    commune = commune_of(village)
    if commune is None:
        raise ApplicationError(_("This village belongs to no commune."))
    proposal = ResidentProposal(
        commune=commune,
        village=village,
        title=_clean_text(title),
        content=content.strip(),
        matter=Matter(matter),
        proposer_name=_clean_text(proposer_name),
        proposer_household=proposer_household,
        created_by=actor,
        submission_key=key,
    )
    # Uniqueness of the form key by the database: a concurrent twin ends in IntegrityError.
    proposal.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        # The same form, sent twice at once: the other request made the proposal.
        return ResidentProposal.objects.get(created_by=actor, submission_key=key)
    audit_record(
        actor=actor,
        verb="democracy_proposal.create",
        target=proposal,
        data={"village": village.code, "matter": str(proposal.matter)},
    )
    return proposal


def proposal_submit(
    *,
    account: User,
    village: Unit,
    title: str,
    content: str,
    matter: Matter | str,
    submission_key: str = "",
) -> ResidentProposal:
    """A resident proposes online, for the household whose account they sign in with."""
    households = households_of_account(account, village)
    if not households:
        raise ApplicationError(
            _(
                "Your account is not the representative's account of a household of this "
                "village; ask the commune to link it to your household."
            )
        )
    household = households[0]
    return proposal_create(
        actor=account,
        village=village,
        title=title,
        content=content,
        matter=matter,
        proposer_name=account.full_name or household.representative,
        proposer_household=household,
        submission_key=submission_key,
    )


# ------------------------------------------------------------------ support


def _locked(proposal: ResidentProposal) -> ResidentProposal:
    return (
        ResidentProposal.objects.select_for_update()
        .select_related("village", "commune")
        .get(pk=proposal.pk)
    )


def _support_add(
    *,
    proposal: ResidentProposal,
    household: Household,
    signed_on: dt.date,
    channel: str,
    actor: User,
    today: dt.date,
    already: str,
) -> ProposalSupport:
    locked = _locked(proposal)
    count = proposal_count(locked, today=today)
    if status_now(locked, count) != Status.COLLECTING:
        raise ApplicationError(_("This proposal no longer collects support."))
    if household.village_id != locked.village_id or not household.is_active:
        raise ApplicationError(_("Only households on this village's register may support it."))
    if signed_on > today:
        raise ApplicationError(_("The date of signing cannot be in the future."))
    if today > support_valid_until(signed_on):
        raise ApplicationError(
            _("A signature of %(date)s has lapsed: support is valid for three months.")
            % {"date": short_date(signed_on)}
        )
    support = ProposalSupport.objects.filter(proposal=locked, household=household).first()
    if support is not None:
        if today <= support_valid_until(support.signed_on):
            raise ApplicationError(already)
        # A lapsed signature renewed: the new date counts (still one row per household).
        support.signed_on = signed_on
        support.channel = channel
        support.recorded_by = actor
        support.full_clean()
        support.save(update_fields=["signed_on", "channel", "recorded_by", "updated_at"])
        verb = "democracy_proposal.support_renew"
    else:
        support = ProposalSupport(
            proposal=locked,
            household=household,
            signed_on=signed_on,
            channel=channel,
            recorded_by=actor,
        )
        support.full_clean(validate_constraints=False)
        support.save()
        verb = "democracy_proposal.support"
    audit_record(
        actor=actor,
        verb=verb,
        target=locked,
        data={"household": household.pk, "signed_on": signed_on, "channel": channel},
    )
    count = proposal_count(locked, today=today)
    if count.reached:
        locked.status = Status.REACHED
        locked.reached_on = today
        locked.save(update_fields=["status", "reached_on", "updated_at"])
        audit_record(
            actor=actor,
            verb="democracy_proposal.reached",
            target=locked,
            data={"supporting": count.supporting, "total": count.total_households},
        )
    proposal.status, proposal.reached_on = locked.status, locked.reached_on
    return support


@transaction.atomic
def support_record(
    *,
    proposal: ResidentProposal,
    household: Household,
    signed_on: dt.date,
    actor: User,
    today: dt.date | None = None,
) -> ProposalSupport:
    """Staff record a household's signature from a paper list, with the date it was signed."""
    return _support_add(
        proposal=proposal,
        household=household,
        signed_on=signed_on,
        channel=ProposalSupport.Channel.PAPER,
        actor=actor,
        today=_today(today),
        already=_("Household %(code)s already supports this proposal.") % {"code": household.code},
    )


@transaction.atomic
def support_give(
    *, proposal: ResidentProposal, account: User, today: dt.date | None = None
) -> ProposalSupport:
    """The household's representative supports the proposal online, dated today."""
    households = households_of_account(account, proposal.village)
    if not households:
        raise ApplicationError(
            _(
                "Your account is not the representative's account of a household of this "
                "village; ask the commune to link it to your household."
            )
        )
    on = _today(today)
    return _support_add(
        proposal=proposal,
        household=households[0],
        signed_on=on,
        channel=ProposalSupport.Channel.ONLINE,
        actor=account,
        today=on,
        already=_("Your household already supports this proposal."),
    )


# ------------------------------------------------------------------ outcomes


def _decided(locked: ResidentProposal, actor: User, fields: list[str]) -> None:
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=[*fields, "decided_by", "decided_at", "updated_at"])


@transaction.atomic
def proposal_endorse(
    *,
    proposal: ResidentProposal,
    actor: User,
    endorsed_by_name: str,
    endorsed_on: dt.date,
    today: dt.date | None = None,
) -> ResidentProposal:
    """Record that the Front work committee endorsed a proposal below 10 % (Art 16(2))."""
    on = _today(today)
    locked = _locked(proposal)
    count = proposal_count(locked, today=on)
    if locked.status not in (Status.COLLECTING, Status.EXPIRED) or count.reached:
        raise ApplicationError(
            _("Only a proposal still below 10 per cent of households can be endorsed by the Front.")
        )
    name = _clean_text(endorsed_by_name)
    if not name:
        raise ApplicationError(_("Give the name of the head of the Front work committee."))
    if endorsed_on > on:
        raise ApplicationError(_("The date of endorsement cannot be in the future."))
    locked.status = Status.ENDORSED
    locked.endorsed_by_name = name
    locked.endorsed_on = endorsed_on
    _decided(locked, actor, ["status", "endorsed_by_name", "endorsed_on"])
    audit_record(
        actor=actor,
        verb="democracy_proposal.endorse",
        target=locked,
        data={"by": name, "on": endorsed_on, "supporting": count.supporting},
    )
    return locked


def _check_form(matter: Matter, form: DecisionForm) -> None:
    if matter.meeting_only and form != DecisionForm.MEETING:
        raise ApplicationError(
            _("Items 3, 4 and 5 of Article 15 are decided at a community meeting (Art 17(2)).")
        )
    if form == DecisionForm.ONLINE and matter is not Matter.OTHER:
        raise ApplicationError(_("Only item 6 of Article 15 may be decided online."))


@transaction.atomic
def proposal_put(
    *,
    proposal: ResidentProposal,
    actor: User,
    form: DecisionForm | str,
    today: dt.date | None = None,
) -> ResidentProposal:
    """Put the proposal to the community: a community decision is prepared and linked."""
    locked = _locked(proposal)
    count = proposal_count(locked, today=_today(today))
    eligible = locked.status in (Status.REACHED, Status.ENDORSED) or (
        locked.status == Status.COLLECTING and count.reached
    )
    if not eligible:
        raise ApplicationError(
            _(
                "Only a proposal supported by 10 per cent of households or endorsed by the "
                "Front work committee is put to the community."
            )
        )
    matter, chosen = Matter(locked.matter), DecisionForm(form)
    _check_form(matter, chosen)
    decision = decision_create(
        actor=actor,
        commune=locked.commune,
        village=locked.village,
        matter=matter,
        form=chosen,
        title=locked.title,
        content=locked.content,
    )
    locked.decision = decision
    locked.status = Status.PUT
    locked.put_at = timezone.now()
    _decided(locked, actor, ["decision", "status", "put_at"])
    audit_record(
        actor=actor,
        verb="democracy_proposal.put",
        target=locked,
        data={"decision": decision.pk, "form": str(chosen)},
    )
    return locked


@transaction.atomic
def proposal_decline(
    *, proposal: ResidentProposal, actor: User, reasons: str, today: dt.date | None = None
) -> ResidentProposal:
    """Decline a proposal below the threshold, with reasons (a reached one must be put)."""
    locked = _locked(proposal)
    count = proposal_count(locked, today=_today(today))
    if locked.status in (Status.PUT, Status.DECLINED):
        raise ApplicationError(_("This proposal has already been dealt with."))
    if locked.status == Status.REACHED or count.reached:
        raise ApplicationError(
            _(
                "A proposal supported by at least 10 per cent of households must be put to the "
                "community; it cannot be declined."
            )
        )
    text = reasons.strip()
    if not text:
        raise ApplicationError(_("Give the reasons for declining the proposal."))
    locked.status = Status.DECLINED
    locked.decline_reasons = text
    _decided(locked, actor, ["status", "decline_reasons"])
    audit_record(actor=actor, verb="democracy_proposal.decline", target=locked, data={})
    return locked


@transaction.atomic
def proposals_expire(*, today: dt.date | None = None) -> int:
    """Mark collecting proposals whose every support has lapsed as expired (a daily task)."""
    on = _today(today)
    expired = 0
    for proposal in ResidentProposal.objects.select_for_update().filter(status=Status.COLLECTING):
        if status_now(proposal, proposal_count(proposal, today=on)) == Status.EXPIRED:
            proposal.status = Status.EXPIRED
            proposal.save(update_fields=["status", "updated_at"])
            audit_record(actor=None, verb="democracy_proposal.expire", target=proposal, data={})
            expired += 1
    return expired
