"""Writes on community decisions (Law 10/2022/QH15 Arts 15–23, Decree 59/2023 Arts 3–5).

The lifecycle: draft → (online only: the consent poll) → open → counted (passed) or
rejected → submitted to the commune → recognised, or refused in writing with reasons.

* The electorate is fixed once (voting opens, or the online consent poll starts): each
  village's active households are frozen on ``DecisionVillage``. The thresholds are counted
  over them, so a household taken off the register mid-vote still counts (as not voted)
  and one added later cannot vote.
* The forms the law allows and the thresholds come from ``danvan.democracy.decisions``;
  this module only gathers the counts and records what happened.
* One household, one vote: a second vote, or a vote after closing, is refused with a
  message and changes nothing (the database constraint backs the check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.democracy.decisions import (
    ClusterCount,
    DecisionForm,
    Matter,
    Scope,
    VillageResult,
    clusters_sum,
    commune_result,
    forms_allowed,
    meeting_lacked_households,
    recognition_due_date,
    village_result,
)
from danvan.democracy.models.households import Household
from danvan.democracy.models.votes import (
    Ballot,
    CommunityDecision,
    ConsentAnswer,
    DecisionVillage,
    MeetingAttendance,
)
from danvan.democracy.selectors.households import household_count, villages_of
from danvan.democracy.services.disclosures import disclosure_record
from danvan.democracy.services.notices import (
    notify_consent_poll,
    notify_opened,
    notify_recognition_due,
)
from danvan.units.models import PATH_SEPARATOR, Unit, User

Status = CommunityDecision.Status
NOTICE_DAYS = 2  # Decree 59/2023 Art 3(1): notice at least 2 days before the meeting
COMMITTEE_SIZE = (3, 5)  # Decree 59/2023 Art 3(3): counting committee of 3 to 5 people
WITNESSES = 2  # Decree 59/2023 Art 3(4), Art 4: two household representatives witness


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _locked(decision: CommunityDecision) -> CommunityDecision:
    """The decision re-read under a row lock, so two clicks cannot both change its state
    and no vote slips in while it is counted. Callers use the returned object."""
    return CommunityDecision.objects.select_for_update().get(pk=decision.pk)


def _require(decision: CommunityDecision, *statuses: str) -> None:
    if decision.status not in statuses:
        raise ApplicationError(
            _("This cannot be done now: the decision is “%(status)s”.")
            % {"status": decision.get_status_display()}
        )


# --------------------------------------------------------------------------- preparation


@transaction.atomic
def decision_create(
    *,
    actor: User,
    commune: Unit,
    village: Unit | None,
    matter: Matter | str,
    form: DecisionForm | str,
    title: str,
    content: str = "",
    follows: CommunityDecision | None = None,
    form_token: str = "",
) -> CommunityDecision:
    """Prepare a matter for the community (a draft: nothing is sent to households yet).

    ``village`` None means the whole commune, which the law allows only for items 1 and 2
    (Art 21(1)(b)). ``follows``: the meeting that lacked enough households, which a
    household ballot on the same matter may follow (Art 19(1)(b)). ``form_token``: the
    creation form's one-time token; a retried submission gets the draft it made.
    """
    if form_token:
        made = CommunityDecision.objects.filter(form_token=form_token, created_by=actor).first()
        if made is not None:
            return made
    matter = Matter(matter)
    if village is None:
        if not matter.needs_two_thirds:
            raise ApplicationError(
                _(
                    "Only contributions and community funds (Article 15, items 1 and 2) are "
                    "decided by the whole commune; choose a village."
                )
            )
        scope = Scope.COMMUNE
    else:
        if village.kind != Unit.Kind.VILLAGE or not village.path.startswith(
            commune.path + PATH_SEPARATOR
        ):
            raise ApplicationError(_("Choose a village or residential group of this commune."))
        scope = Scope.VILLAGE
    if follows is not None and not (
        follows.form == DecisionForm.MEETING
        and follows.village_id == (village.pk if village else None)
        and follows.commune_id == commune.pk
        and follows.meeting_lacked_households
    ):
        raise ApplicationError(
            _(
                "A household ballot may follow only a meeting of the same village that lacked "
                "enough households."
            )
        )
    decision = CommunityDecision(
        commune=commune,
        village=village,
        scope=scope,
        matter=matter,
        form=DecisionForm(form),
        title=" ".join(title.split()),
        content=content.strip(),
        follows=follows,
        created_by=actor,
        form_token=form_token[:64],
    )
    decision.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError:  # pragma: no cover - a race between two identical submissions
        raise ApplicationError(_("This form was already sent.")) from None
    audit_record(
        actor=actor,
        verb="democracy_decision.create",
        target=decision,
        data={"matter": str(matter), "scope": str(scope), "form": str(decision.form)},
    )
    return decision


@transaction.atomic
def decision_update(
    *,
    decision: CommunityDecision,
    actor: User,
    title: str,
    form: DecisionForm | str,
    content: str = "",
) -> CommunityDecision:
    """Correct a draft (its title, content or form) before anything is sent to households."""
    decision = _locked(decision)
    _require(decision, Status.DRAFT)
    decision.title = " ".join(title.split())
    decision.content = content.strip()
    decision.form = DecisionForm(form)
    decision.full_clean(validate_constraints=False)
    decision.save(update_fields=["title", "content", "form", "updated_at"])
    audit_record(
        actor=actor,
        verb="democracy_decision.update",
        target=decision,
        data={"form": str(decision.form)},
    )
    return decision


@transaction.atomic
def decision_follow_by_ballot(*, decision: CommunityDecision, actor: User) -> CommunityDecision:
    """A household ballot on the matter of a meeting that lacked enough households."""
    if decision.form != DecisionForm.MEETING or not decision.meeting_lacked_households:
        raise ApplicationError(
            _("Only a meeting that lacked enough households can be followed by a household ballot.")
        )
    existing = CommunityDecision.objects.filter(follows=decision).first()
    if existing is not None:  # a retried click: the ballot already prepared
        return existing
    return decision_create(
        actor=actor,
        commune=decision.commune,
        village=decision.village,
        matter=decision.matter,
        form=DecisionForm.HOUSEHOLD_BALLOT,
        title=decision.title,
        content=decision.content,
        follows=decision,
    )


def decision_villages(decision: CommunityDecision) -> list[Unit]:
    """The villages that vote: the decision's village, or every village of the commune."""
    if decision.village is not None:
        return [decision.village]
    return list(villages_of(decision.commune))


def _fix_electorate(decision: CommunityDecision) -> None:
    """Freeze each village's active households: the denominators of the thresholds."""
    villages = decision_villages(decision)
    if not villages:
        raise ApplicationError(_("The commune has no villages or residential groups."))
    counts = [(v, household_count(v)) for v in villages]
    empty = [v.name for v, n in counts if n == 0]
    if empty:
        raise ApplicationError(
            _("No household is on the register of: %(villages)s. Complete the register first.")
            % {"villages": ", ".join(empty)}
        )
    DecisionVillage.objects.bulk_create(
        DecisionVillage(decision=decision, village=v, household_count=n) for v, n in counts
    )
    decision.household_count = sum(n for _v, n in counts)
    decision.village_count = len(counts)
    decision.electorate_fixed_at = timezone.now()


def _online_agreed(decision: CommunityDecision) -> int:
    return ConsentAnswer.objects.filter(
        decision=decision, answer=ConsentAnswer.Choice.APPROVE
    ).count()


def _refusal(decision: CommunityDecision) -> str | None:
    """Why the law does not allow the decision's form now (None: allowed)."""
    assert decision.household_count is not None
    represented = None
    if decision.follows is not None:
        represented = sum(v.represented or 0 for v in decision.follows.villages.all())
    allowed = forms_allowed(
        decision.matter,
        total_households=decision.household_count,
        meeting_represented=represented,
        online_agreed=_online_agreed(decision) if decision.form == DecisionForm.ONLINE else None,
        scope=Scope(decision.scope),
    )
    form = DecisionForm(decision.form)
    return None if allowed.is_allowed(form) else str(allowed.refused[form])


@transaction.atomic
def decision_consent_start(*, decision: CommunityDecision, actor: User) -> CommunityDecision:
    """Ask every household whether to vote online (Decree 59/2023 Art 5(1)(b)); the
    electorate is fixed now, so the "more than half" is counted over the same households
    that will vote."""
    decision = _locked(decision)
    _require(decision, Status.DRAFT)
    if decision.form != DecisionForm.ONLINE:
        raise ApplicationError(_("Only an online vote needs the households' consent first."))
    if Matter(decision.matter) is not Matter.OTHER:
        raise ApplicationError(
            _(
                "Only other self-management matters may be decided online (Law 10/2022/QH15, "
                "Article 17)."
            )
        )
    _fix_electorate(decision)
    decision.status = Status.CONSENT_POLL
    decision.save(
        update_fields=[
            "status",
            "household_count",
            "village_count",
            "electorate_fixed_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="democracy_decision.consent_start",
        target=decision,
        data={"households": decision.household_count},
    )
    notify_consent_poll(decision)
    return decision


@transaction.atomic
def decision_open(
    *,
    decision: CommunityDecision,
    actor: User,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    notice_date: dt.date | None = None,
    meeting_at: dt.datetime | None = None,
    meeting_place: str = "",
    ballot_team: str = "",
) -> CommunityDecision:
    """Open the vote: convene the meeting, send the ballots, or start the online vote.

    A meeting needs its notice at least 2 days before (Decree 59/2023 Art 3(1)); a
    household ballot its public notice at least 2 days before the ballots go out and its
    return deadline (Art 4); an online vote more than half of ALL households' consent
    (Art 5). The ballot team (3 to 5 people, Arts 4 and 5) is required by the page's form
    and checked here when given, so scripts that only count (the benchmark) need not name
    one.
    """
    decision = _locked(decision)
    form = DecisionForm(decision.form)
    if form == DecisionForm.ONLINE:
        if decision.status == Status.DRAFT:
            raise ApplicationError(
                _(
                    "Ask the households first: an online vote opens only after more than half "
                    "of all households agreed (Decree 59/2023/ND-CP, Article 5)."
                )
            )
        _require(decision, Status.CONSENT_POLL)
    else:
        _require(decision, Status.DRAFT)
    now = timezone.now()
    fields = ["status", "updated_at"]
    if form == DecisionForm.MEETING:
        if notice_date is None or meeting_at is None:
            raise ApplicationError(_("Give the date of the notice and the time of the meeting."))
        meeting_day = timezone.localtime(meeting_at).date()
        if (meeting_day - notice_date).days < NOTICE_DAYS:
            raise ApplicationError(
                _(
                    "Households must be notified at least 2 days before the meeting (Decree "
                    "59/2023/ND-CP, Article 3): the meeting is on %(meeting)s, the notice is "
                    "dated %(notice)s."
                )
                % {"meeting": short_date(meeting_day), "notice": short_date(notice_date)}
            )
        decision.notice_date = notice_date
        decision.meeting_at = meeting_at
        decision.meeting_place = " ".join(meeting_place.split())
        fields += ["notice_date", "meeting_at", "meeting_place"]
    else:
        start = opens_at or now
        if closes_at is None:
            raise ApplicationError(_("Give the time voting closes."))
        if closes_at <= start or closes_at <= now:
            raise ApplicationError(_("Voting must close after it opens, and in the future."))
        team = _lines(ballot_team)
        low, high = COMMITTEE_SIZE
        if team and not low <= len(team) <= high:
            raise ApplicationError(
                _(
                    "The ballot team has 3 to 5 members (Decree 59/2023/ND-CP, Articles 4 and "
                    "5); %(count)s given."
                )
                % {"count": len(team)}
            )
        if form == DecisionForm.HOUSEHOLD_BALLOT:
            start_day = timezone.localtime(start).date()
            if notice_date is None or (start_day - notice_date).days < NOTICE_DAYS:
                raise ApplicationError(
                    _(
                        "The ballot must be announced publicly at least 2 days before the "
                        "ballots are handed out (Decree 59/2023/ND-CP, Article 4): give a notice "
                        "date on or before %(latest)s."
                    )
                    % {"latest": short_date(start_day - dt.timedelta(days=NOTICE_DAYS))}
                )
            decision.notice_date = notice_date
            fields.append("notice_date")
        decision.opens_at = start
        decision.closes_at = closes_at
        decision.ballot_team = "\n".join(team)
        fields += ["opens_at", "closes_at", "ballot_team"]
    if decision.electorate_fixed_at is None:
        _fix_electorate(decision)
        fields += ["household_count", "village_count", "electorate_fixed_at"]
    refusal = _refusal(decision)
    if refusal is not None:
        raise ApplicationError(refusal)
    decision.status = Status.OPEN
    decision.full_clean()
    decision.save(update_fields=fields)
    audit_record(
        actor=actor,
        verb="democracy_decision.open",
        target=decision,
        data={"form": str(form), "households": decision.household_count},
    )
    notify_opened(decision)
    return decision


# --------------------------------------------------------------------------- households vote


def _on_roll(decision: CommunityDecision, household: Household) -> None:
    """The household was on the register when the electorate was fixed, and still is."""
    assert decision.electorate_fixed_at is not None
    if (
        not household.is_active
        or household.created_at > decision.electorate_fixed_at
        or not decision.villages.filter(village_id=household.village_id).exists()
    ):
        raise ApplicationError(_("This household is not on the roll of this vote."))


def _check_account(household: Household, actor: User) -> None:
    if household.account_id != actor.pk:
        raise ApplicationError(_("Only the household's own account can vote for it online."))


@transaction.atomic
def consent_answer(
    *,
    decision: CommunityDecision,
    household: Household,
    actor: User,
    answer: str,
    opinion: str = "",
) -> ConsentAnswer:
    """A household's answer to the consent poll, given once with its own account."""
    decision = _locked(decision)
    if decision.status != Status.CONSENT_POLL:
        raise ApplicationError(_("The households are not being asked about voting online now."))
    _check_account(household, actor)
    _on_roll(decision, household)
    choice = ConsentAnswer.Choice(answer)
    opinion = opinion.strip()
    if choice == ConsentAnswer.Choice.OTHER and not opinion:
        raise ApplicationError(_("Write your other opinion."))
    if ConsentAnswer.objects.filter(decision=decision, household=household).exists():
        raise ApplicationError(_("Your household has already answered; the first answer stands."))
    record = ConsentAnswer(
        decision=decision,
        household=household,
        answer=choice,
        opinion=opinion if choice == ConsentAnswer.Choice.OTHER else "",
        answered_by=actor,
    )
    record.full_clean(exclude=["decision", "household", "answered_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # pragma: no cover - a race the check above did not see
        raise ApplicationError(
            _("Your household has already answered; the first answer stands.")
        ) from None
    audit_record(
        actor=actor,
        verb="democracy_decision.consent_answer",
        target=decision,
        data={"household": household.code},
    )
    return record


@transaction.atomic
def ballot_cast(
    *,
    decision: CommunityDecision,
    household: Household,
    actor: User,
    choice: str,
    other_opinion: str = "",
    online: bool = False,
    received_at: dt.datetime | None = None,
) -> Ballot:
    """Record one household's vote: a paper ballot entered by the ballot team (with the
    time it was received), or cast online with the household's own account.

    A second vote of the same household, or a vote outside the voting period, is refused
    and nothing changes: the first vote stands.
    """
    decision = _locked(decision)
    form = DecisionForm(decision.form)
    if decision.status != Status.OPEN or form == DecisionForm.MEETING:
        raise ApplicationError(_("Voting on this matter is not open."))
    now = timezone.now()
    if online:
        _check_account(household, actor)
        received_at = now
    elif form == DecisionForm.ONLINE:
        raise ApplicationError(_("This vote is held online only."))
    received = received_at or now
    if received > now:
        raise ApplicationError(_("A ballot cannot be received in the future."))
    assert decision.opens_at is not None
    assert decision.closes_at is not None
    if received < decision.opens_at:
        raise ApplicationError(
            _("Voting has not opened yet: it opens at %(time)s.")
            % {"time": timezone.localtime(decision.opens_at).strftime("%H:%M %d/%m/%Y")}
        )
    if received > decision.closes_at:
        raise ApplicationError(
            _("Voting closed at %(time)s: this vote was not counted.")
            % {"time": timezone.localtime(decision.closes_at).strftime("%H:%M %d/%m/%Y")}
        )
    _on_roll(decision, household)
    kind = Ballot.Choice(choice)
    other_opinion = other_opinion.strip()
    if kind == Ballot.Choice.OTHER and not other_opinion:
        raise ApplicationError(_("Write the other opinion."))
    already = _("Household %(code)s has already voted on this matter; the first vote stands.") % {
        "code": household.code
    }
    if Ballot.objects.filter(decision=decision, household=household).exists():
        raise ApplicationError(already)
    ballot = Ballot(
        decision=decision,
        household=household,
        village_id=household.village_id,
        choice=kind,
        other_opinion=other_opinion if kind == Ballot.Choice.OTHER else "",
        channel=Ballot.Channel.ONLINE if online else Ballot.Channel.PAPER,
        cast_at=received,
        recorded_by=actor,
    )
    # The related rows were just read: skip re-reading each of them to validate it.
    ballot.full_clean(
        exclude=["decision", "household", "village", "recorded_by"], validate_constraints=False
    )
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError:  # pragma: no cover - a race the check above did not see
        raise ApplicationError(already) from None
    audit_record(
        actor=actor,
        verb="democracy_decision.ballot",
        target=decision,
        data={"household": household.code, "channel": ballot.channel},
    )
    return ballot


# --------------------------------------------------------------------------- meeting


@transaction.atomic
def meeting_attendance_set(
    *, decision: CommunityDecision, actor: User, households: Iterable[Household]
) -> int:
    """Record which households were represented at the meeting (replacing the list: it
    is corrected until the count)."""
    decision = _locked(decision)
    _require(decision, Status.OPEN)
    if decision.form != DecisionForm.MEETING:
        raise ApplicationError(_("Attendance is recorded for meetings only."))
    chosen = list(households)
    for household in chosen:
        _on_roll(decision, household)
    MeetingAttendance.objects.filter(decision=decision).delete()
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(decision=decision, household=h) for h in chosen
    )
    audit_record(
        actor=actor,
        verb="democracy_decision.attendance",
        target=decision,
        data={"represented": len(chosen)},
    )
    return len(chosen)


@transaction.atomic
def meeting_record(
    *,
    decision: CommunityDecision,
    actor: User,
    secretary: str,
    voting_method: str,
    counting_committee: str = "",
    witnesses: str = "",
    minutes: str = "",
) -> CommunityDecision:
    """The meeting's record (Art 18, Decree 59/2023 Art 3): secretary, voting method, the
    counting committee (3–5 people, for a secret ballot), the 2 witnessing household
    representatives and the minutes."""
    decision = _locked(decision)
    _require(decision, Status.OPEN)
    if decision.form != DecisionForm.MEETING:
        raise ApplicationError(_("Minutes are recorded for meetings only."))
    method = CommunityDecision.VotingMethod(voting_method)
    committee = _lines(counting_committee)
    low, high = COMMITTEE_SIZE
    if method == CommunityDecision.VotingMethod.SECRET_BALLOT and not low <= len(committee) <= high:
        raise ApplicationError(
            _(
                "A secret ballot needs a counting committee of 3 to 5 people (Decree "
                "59/2023/ND-CP, Article 3); %(count)s given."
            )
            % {"count": len(committee)}
        )
    names = _lines(witnesses)
    if len(names) != WITNESSES:
        raise ApplicationError(
            _("Two household representatives witness the count; %(count)s given.")
            % {"count": len(names)}
        )
    secretary = " ".join(secretary.split())
    if not secretary:
        raise ApplicationError(_("Give the secretary of the meeting."))
    decision.secretary = secretary
    decision.voting_method = method
    decision.counting_committee = "\n".join(committee)
    decision.witnesses = "\n".join(names)
    decision.minutes = minutes.strip()
    decision.full_clean()
    decision.save(
        update_fields=[
            "secretary",
            "voting_method",
            "counting_committee",
            "witnesses",
            "minutes",
            "updated_at",
        ]
    )
    audit_record(actor=actor, verb="democracy_decision.meeting", target=decision)
    return decision


# --------------------------------------------------------------------------- the count


@dataclass(frozen=True)
class MeetingCount:
    """One village's count at the meeting, or its cluster meetings (Art 18(3))."""

    approve: int = 0
    reject: int = 0
    other: int = 0
    clusters: Sequence[ClusterCount] = field(default_factory=tuple)
    scattered_population: bool = False  # clusters below 200 households (Art 18(3))


def _meeting_result(
    decision: CommunityDecision, row: DecisionVillage, count: MeetingCount | None
) -> VillageResult:
    represented = MeetingAttendance.objects.filter(
        decision=decision, household__village_id=row.village_id
    ).count()
    row.represented = represented
    if count is None:
        raise ApplicationError(_("Give the count of %(village)s.") % {"village": row.village.name})
    if count.clusters:
        result = clusters_sum(
            decision.matter,
            total_households=row.household_count,
            clusters=count.clusters,
            scattered_population=count.scattered_population,
        )
        row.clusters = [
            {
                "households": c.households,
                "approve": c.approve,
                "reject": c.reject,
                "other": c.abstain,
            }
            for c in count.clusters
        ]
    else:
        voted = count.approve + count.reject + count.other
        if min(count.approve, count.reject, count.other) < 0:
            raise ApplicationError(_("The counts cannot be negative."))
        if voted > represented:
            raise ApplicationError(
                _(
                    "%(village)s: %(voted)s votes, but only %(represented)s households were "
                    "represented."
                )
                % {"village": row.village.name, "voted": voted, "represented": represented}
            )
        result = village_result(
            decision.matter,
            total_households=row.household_count,
            approve=count.approve,
            reject=count.reject,
            abstain=count.other,
            not_voted=row.household_count - voted,
        )
    if result.approve + result.reject + result.abstain > represented:
        raise ApplicationError(
            _("%(village)s: %(voted)s votes, but only %(represented)s households were represented.")
            % {
                "village": row.village.name,
                "voted": result.approve + result.reject + result.abstain,
                "represented": represented,
            }
        )
    return result


def _ballot_result(decision: CommunityDecision, row: DecisionVillage) -> VillageResult:
    ballots = Ballot.objects.filter(decision=decision, village_id=row.village_id)
    tally = dict.fromkeys(Ballot.Choice, 0)
    # One GROUP BY in the database: a village of thousands of households is one short query.
    for choice, count in ballots.values_list("choice").annotate(n=Count("pk")).order_by():
        tally[Ballot.Choice(choice)] = count
    voted = sum(tally.values())
    row.represented = voted
    return village_result(
        decision.matter,
        total_households=row.household_count,
        approve=tally[Ballot.Choice.APPROVE],
        reject=tally[Ballot.Choice.DISAGREE],
        abstain=tally[Ballot.Choice.OTHER],
        not_voted=row.household_count - voted,
    )


@transaction.atomic
def decision_count(
    *,
    decision: CommunityDecision,
    actor: User,
    meeting_counts: Mapping[int, MeetingCount] | None = None,
) -> CommunityDecision:
    """Count the vote under Art 21, over ALL households frozen when voting opened.

    A meeting is counted from ``meeting_counts`` (village id → count); ballots and online
    votes from the recorded votes, once voting has closed. A commune-wide matter passes
    when at least two thirds of all villages passed (Art 21(1)(b)).
    """
    decision = _locked(decision)
    _require(decision, Status.OPEN)
    form = DecisionForm(decision.form)
    now = timezone.now()
    if form == DecisionForm.MEETING:
        if not decision.secretary:
            raise ApplicationError(_("Record the meeting (secretary, witnesses) before the count."))
    else:
        assert decision.closes_at is not None
        if now < decision.closes_at:
            raise ApplicationError(
                _("Voting is open until %(time)s; count after it closes.")
                % {"time": timezone.localtime(decision.closes_at).strftime("%H:%M %d/%m/%Y")}
            )
    rows = list(decision.villages.select_related("village"))
    results: dict[str, VillageResult] = {}
    lacked = False
    for row in rows:
        if form == DecisionForm.MEETING:
            result = _meeting_result(decision, row, (meeting_counts or {}).get(row.village_id))
            assert row.represented is not None
            lacked = lacked or meeting_lacked_households(
                decision.matter, total_households=row.household_count, represented=row.represented
            )
        else:
            result = _ballot_result(decision, row)
        row.approve = result.approve
        row.reject = result.reject
        row.other = result.abstain
        row.not_voted = result.not_voted
        row.threshold = result.threshold
        row.passed = result.passed
        results[row.village.code] = result
    DecisionVillage.objects.bulk_update(
        rows,
        [
            "represented",
            "approve",
            "reject",
            "other",
            "not_voted",
            "threshold",
            "passed",
            "clusters",
        ],
    )
    if decision.scope == Scope.COMMUNE:
        assert decision.village_count is not None
        passed = commune_result(
            decision.matter, total_villages=decision.village_count, village_results=results
        ).passed
    else:
        passed = results[rows[0].village.code].passed
    decision.passed = passed
    decision.meeting_lacked_households = (
        lacked and not passed and decision.scope == Scope.VILLAGE and form == DecisionForm.MEETING
    )
    decision.counted_at = now
    decision.status = Status.COUNTED if passed else Status.REJECTED
    decision.save(
        update_fields=["passed", "meeting_lacked_households", "counted_at", "status", "updated_at"]
    )
    audit_record(
        actor=actor,
        verb="democracy_decision.count",
        target=decision,
        data={
            "passed": passed,
            "approve": sum(r.approve or 0 for r in rows),
            "households": decision.household_count,
        },
    )
    return decision


# --------------------------------------------------------------------------- recognition


def recognising_body(matter: Matter | str) -> str:
    """Item 5 (inspection and supervision boards) is recognised by the commune Front; the
    others by the commune People's Committee (Art 21 table)."""
    if Matter(matter) is Matter.BOARDS:
        return CommunityDecision.RecognisingBody.FRONT
    return CommunityDecision.RecognisingBody.PEOPLES_COMMITTEE


@transaction.atomic
def decision_submit(
    *, decision: CommunityDecision, actor: User, submitted_on: dt.date | None = None
) -> CommunityDecision:
    """The passed decision reaches the commune; recognition is due within 5 working days
    (Art 21(3)), computed by the deadline engine."""
    decision = _locked(decision)
    _require(decision, Status.COUNTED)
    today = timezone.localdate()
    day = submitted_on or today
    assert decision.counted_at is not None
    if day > today or day < timezone.localtime(decision.counted_at).date():
        raise ApplicationError(_("The date sent must be between the count and today."))
    decision.submitted_on = day
    decision.recognition_due = recognition_due_date(received_on=day)
    decision.status = Status.SUBMITTED
    decision.save(update_fields=["submitted_on", "recognition_due", "status", "updated_at"])
    audit_record(
        actor=actor,
        verb="democracy_decision.submit",
        target=decision,
        data={"submitted_on": day.isoformat(), "due": decision.recognition_due.isoformat()},
    )
    notify_recognition_due(decision, body=recognising_body(decision.matter))
    return decision


def _decided_on(decision: CommunityDecision, decided_on: dt.date | None) -> dt.date:
    today = timezone.localdate()
    day = decided_on or today
    assert decision.submitted_on is not None
    if day > today or day < decision.submitted_on:
        raise ApplicationError(_("The date of the decision must be between receipt and today."))
    return day


@transaction.atomic
def decision_recognise(
    *,
    decision: CommunityDecision,
    actor: User,
    decided_on: dt.date | None = None,
    document_number: str = "",
) -> CommunityDecision:
    """The commune recognises the community decision (Art 21(3)); the result is then
    disclosed."""
    decision = _locked(decision)
    _require(decision, Status.SUBMITTED)
    decision.recognised_on = _decided_on(decision, decided_on)
    decision.recognising_body = recognising_body(decision.matter)
    decision.recognition_number = " ".join(document_number.split())
    decision.recognised_by = actor
    decision.status = Status.RECOGNISED
    decision.full_clean()
    decision.save(
        update_fields=[
            "recognised_on",
            "recognising_body",
            "recognition_number",
            "recognised_by",
            "status",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="democracy_decision.recognise",
        target=decision,
        data={"on": decision.recognised_on.isoformat(), "body": decision.recognising_body},
    )
    _disclose(decision, actor)
    return decision


def disclosure_category(matter: Matter | str) -> str:
    """Contributions and community funds go with the commune's item on residents'
    contributions (Art 11(5)); the other decisions with "other contents" (Art 11(14))."""
    return "commune_05" if Matter(matter).needs_two_thirds else "commune_14"


def _disclose(decision: CommunityDecision, actor: User) -> None:
    """Put the recognised result on the commune's disclosure register ("dân biết"), with
    a link to its public page where the deployment has a public address. The register is
    kept in Vietnamese, whatever the officer's interface language."""
    assert decision.recognised_on is not None
    base: str = getattr(settings, "DANVAN", {}).get("SITE_URL", "")
    url = base.rstrip("/") + reverse("democracy:votes_public", kwargs={"pk": decision.pk})
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Community decision recognised: %(title)s") % {"title": decision.title}
    disclosure_record(
        unit=decision.commune,
        category=disclosure_category(decision.matter),
        title=title[:255],
        decided_on=decision.recognised_on,
        actor=actor,
        document_number=decision.recognition_number,
        url=url if base else "",
    )


@transaction.atomic
def decision_refuse(
    *,
    decision: CommunityDecision,
    actor: User,
    reasons: str,
    decided_on: dt.date | None = None,
    document_number: str = "",
) -> CommunityDecision:
    """The commune refuses recognition, in writing with its reasons (Art 21(3))."""
    decision = _locked(decision)
    _require(decision, Status.SUBMITTED)
    reasons = reasons.strip()
    if not reasons:
        raise ApplicationError(_("A refusal must give its reasons in writing."))
    decision.recognised_on = _decided_on(decision, decided_on)
    decision.recognising_body = recognising_body(decision.matter)
    decision.recognition_number = " ".join(document_number.split())
    decision.refusal_reasons = reasons
    decision.recognised_by = actor
    decision.status = Status.REFUSED
    decision.full_clean()
    decision.save(
        update_fields=[
            "recognised_on",
            "recognising_body",
            "recognition_number",
            "refusal_reasons",
            "recognised_by",
            "status",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="democracy_decision.refuse",
        target=decision,
        data={"on": decision.recognised_on.isoformat()},
    )
    return decision
