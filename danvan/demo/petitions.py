"""Seed the demo's petition workload: cases of every kind and state, the reception book,
the heads' reception days and a routing table, through the petitions services.

The stories (``danvan.demo.petition_stories``) are dated in working days before today.
Every step is replayed in date order through the same services the pages call, so the
history, the deadlines (replayed by the deadline engine from the events), the audit log
and the statistics are exactly what officers working on those days would have produced.

The services date what they do "today" (``timezone.now()``), as they should. To give the
demo a past, the seeder moves Django's clock while it replays each step, the way a test
does with ``time_machine``; ``time_machine`` is a development dependency that the demo's
``tools/setup prod`` install lacks, so the standard library's ``mock`` moves the clock.

Idempotent: each story's case carries a fixed ``idempotency_key``; a story whose case
exists is skipped, reception days are looked up by head and date, and the routing table is
created only when there is none. Denunciations need ``DANVAN_SEALING_KEYS`` (local
settings derive a development key when DEBUG is on); without a key they are skipped.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from unittest import mock

from django.db import transaction
from django.utils import timezone

from danvan.deadlines.config import deadline_config
from danvan.demo import cast, petition_stories, world
from danvan.demo.petition_stories import (
    Accept,
    AnonymousCheck,
    Approve,
    Check,
    Complex,
    Draft,
    Extend,
    Forward,
    Guide,
    IdentityRequest,
    Link,
    Merge,
    Part,
    Publish,
    Rate,
    ReceptionDayPlan,
    RefusalIssued,
    RefusalProposed,
    Representatives,
    Send,
    Split,
    Step,
    Story,
    Suspend,
)
from danvan.demo.selectors import DemoPlaces, demo_places_get
from danvan.petitions import crypto
from danvan.petitions.api.services import Open311Submission, open311_request_create
from danvan.petitions.models import (
    Case,
    CaseRating,
    Field,
    ReceptionBookEntry,
    ReceptionScheduleDay,
    RoutingRule,
    RoutingTable,
)
from danvan.petitions.services import handling
from danvan.petitions.services.cases import Petitioner
from danvan.petitions.services.duplicates import case_merge
from danvan.petitions.services.intake import (
    BookColumns,
    Submission,
    case_rate,
    intake_denunciation_receive,
    intake_submit,
    reception_denunciation_record,
    reception_entry_record,
    reception_entry_update,
)
from danvan.petitions.services.schedule import reception_day_plan, reception_day_record_held
from danvan.petitions.services.sealed import (
    anonymous_report_check,
    identity_open_request_create,
)
from danvan.units.models import Unit, User

VIETNAM = dt.timezone(dt.timedelta(hours=7))
# The first action of a working day, and the minutes between two actions of the day.
DAY_START = dt.time(7, 40)
ACTION_GAP = dt.timedelta(minutes=9)


@dataclass
class PetitionsSeedReport:
    """What one run of :func:`demo_petitions_seed` did (cases 0 on a second run)."""

    cases_created: int = 0
    stories_created: int = 0
    stories_present: int = 0
    stories_sealed_skipped: int = 0
    visits_recorded: int = 0
    reception_days_created: int = 0
    routing_table_created: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Desk:
    """Who works a unit's petitions in the demo cast."""

    handler: User
    head: User | None
    officer: User


@dataclass(frozen=True)
class _Action:
    day: dt.date
    order: tuple[int, int]
    story: Story
    case_key: str
    step: Step | None  # None: the receipt itself


# --------------------------------------------------------------------------- the clock


@contextmanager
def _clock(at: dt.datetime) -> Iterator[None]:
    """Make ``timezone.now()`` (and so ``localdate()``) return ``at`` inside the block."""
    frozen = at.astimezone(dt.UTC)
    with mock.patch.object(timezone, "now", return_value=frozen):
        yield


def _at(day: dt.date, index: int) -> dt.datetime:
    start = dt.datetime.combine(day, DAY_START, tzinfo=VIETNAM)
    return start + ACTION_GAP * index


# --------------------------------------------------------------------------- planning


def _step_day(*, receipt: dt.date, step: Step, today: dt.date, story: Story) -> dt.date:
    day = deadline_config().calendar.add_working_days(receipt, step.day)
    if day >= today:
        raise RuntimeError(
            f"demo story {story.key}: a step {step.day} working days after the receipt "
            f"falls on {day}, not before today ({today}); receive it earlier"
        )
    return day


def _plan(*, stories: Sequence[Story], today: dt.date) -> list[_Action]:
    """Every receipt and step of ``stories`` as dated actions, in the order they happen."""
    calendar = deadline_config().calendar
    actions: list[_Action] = []
    for index, story in enumerate(stories):
        receipt = calendar.add_working_days(today, -story.received)
        actions.append(_Action(receipt, (index, -1), story, story.key, None))
        position = 0
        for step in story.steps:
            day = _step_day(receipt=receipt, step=step, today=today, story=story)
            actions.append(_Action(day, (index, position), story, story.key, step))
            position += 1
            if isinstance(step, Split):
                for part in step.parts:
                    for part_step in part.steps:
                        part_day = _step_day(
                            receipt=receipt, step=part_step, today=today, story=story
                        )
                        actions.append(
                            _Action(
                                part_day,
                                (index, position),
                                story,
                                _part_key(story, part),
                                part_step,
                            )
                        )
                        position += 1
    return sorted(actions, key=lambda action: (action.day, action.order))


def _part_key(story: Story, part: Part) -> str:
    return f"{story.key}/{part.kind}"


# --------------------------------------------------------------------------- the runner


class _Runner:
    """Replays the planned actions; keeps the cases made so far by story key."""

    def __init__(self, *, report: PetitionsSeedReport) -> None:
        self.report = report
        self.cases: dict[str, Case] = {}
        self.fields = {f.code: f for f in Field.objects.all()}
        users = {u.username: u for u in User.objects.filter(username__in=_desk_usernames())}
        self.desks = {
            code: _Desk(
                handler=users[handler],
                head=users[head] if head else None,
                officer=users[officer],
            )
            for code, (handler, head, officer) in DESKS.items()
        }
        self.accounts = {u.username: u for u in User.objects.filter(username__in=_accounts())}

    # ------------------------------------------------------------------ helpers

    def case(self, key: str) -> Case:
        if key not in self.cases:
            self.cases[key] = Case.objects.select_related("unit").get(idempotency_key=key)
        return self.cases[key]

    def desk(self, case: Case) -> _Desk:
        return self.desks[case.unit.code]

    def head(self, case: Case) -> User:
        head = self.desk(case).head
        if head is None:  # pragma: no cover - a story that asks a head where there is none
            raise RuntimeError(f"demo: {case.unit.code} has no head in the cast")
        return head

    def field(self, code: str) -> Field:
        return self.fields[code]

    # ------------------------------------------------------------------ receipt

    def receive(self, story: Story, day: dt.date) -> Case:
        unit = Unit.objects.get(code=story.desk)
        desk = self.desks[story.desk]
        person = story.person
        petitioner = (
            Petitioner(
                name=person.name,
                address=person.address,
                id_number=person.id_number,
                phone=person.phone,
            )
            if person is not None
            else Petitioner()
        )
        submission = Submission(
            kind=Case.Kind.DENUNCIATION if story.sealed else story.kind,
            subject=story.subject,
            content=story.content,
            unit=unit,
            petitioner=petitioner,
            field=self.field(story.field),
            people_count=story.people,
            co_petitioners=story.co_petitioners,
            respondent=story.respondent,
        )
        posted = story.channel == Case.Channel.POST
        # A letter is written, posted two days later and arrives two days after that.
        letter_dated_on = day - dt.timedelta(days=4) if posted else None
        postmarked_on = day - dt.timedelta(days=2) if posted else None
        account = self.accounts.get(story.account) if story.account else None
        if story.channel == Case.Channel.IN_PERSON:
            columns = BookColumns(
                within_competence=story.within_competence,
                guided_to=story.guided_to,
                notes=story.visit,
            )
            self.report.visits_recorded += 1
            if story.sealed:
                entry, _received = reception_denunciation_record(
                    submission=submission,
                    officer=desk.officer,
                    received_on=day,
                    columns=columns,
                    idempotency_key=story.key,
                )
            else:
                entry, _created = reception_entry_record(
                    submission=submission,
                    officer=desk.officer,
                    received_on=day,
                    columns=columns,
                    idempotency_key=story.key,
                )
            assert entry.case is not None
            return entry.case
        if story.sealed:
            return intake_denunciation_receive(
                submission=submission,
                idempotency_key=story.key,
                channel=story.channel,
                entered_by=desk.handler if posted else None,
                received_on=day,
                letter_dated_on=letter_dated_on,
                postmarked_on=postmarked_on,
            ).case
        if story.channel == Case.Channel.API:
            assert story.place is not None
            assert person is not None
            family, _, given = person.name.rpartition(" ")
            case, _created = open311_request_create(
                submission=Open311Submission(
                    service_code=story.field,
                    description=story.content,
                    lat=Decimal(story.place.lat),
                    long=Decimal(story.place.long),
                    address_string=story.place.address,
                    first_name=given,
                    last_name=family,
                    phone=person.phone,
                ),
                receiving_unit=unit,
                idempotency_key=story.key,
            )
            return case
        case, _created = intake_submit(
            submission=submission,
            idempotency_key=story.key,
            channel=story.channel,
            submitted_by=account,
            entered_by=desk.handler if posted else None,
            received_on=day,
            letter_dated_on=letter_dated_on,
            postmarked_on=postmarked_on,
        )
        return case

    # ------------------------------------------------------------------ steps

    def run(self, action: _Action) -> None:
        if action.step is None:
            case = self.receive(action.story, action.day)
            self.cases[action.case_key] = case
            return
        case = self.case(action.case_key)
        self.step(action.story, case, action.step)
        case.refresh_from_db()

    def step(self, story: Story, case: Case, step: Step) -> None:
        desk = self.desk(case)
        handler = desk.handler
        match step:
            case Check():
                known = (
                    case.received_on - dt.timedelta(days=step.known_act)
                    if step.known_act is not None
                    else None
                )
                handling.case_conditions_check(
                    case=case,
                    actor=handler,
                    checklist=handling.ConditionsInput(
                        has_name=True,
                        has_address=True,
                        has_signature=True,
                        content_clear=True,
                        already_settled=step.settled,
                        within_competence=step.within_competence,
                        known_act_on=known,
                        group_all_signed=step.group,
                        group_appointment_written=step.group,
                        reason=step.reason,
                    ),
                )
            case Representatives():
                handling.case_representatives_set(
                    case=case,
                    actor=handler,
                    people_count=story.people,
                    representatives=[handling.RepresentativeInput(n) for n in step.names],
                )
            case Accept():
                handling.case_accept(case=case, actor=handler, note=step.note)
            case Complex():
                handling.case_mark_complex(
                    case=case, actor=handler, reason=step.reason, note=step.note
                )
            case Suspend():
                handling.case_suspend(
                    case=case, actor=handler, reason=step.reason, legal_basis=step.basis
                )
            case Extend():
                handling.case_extend(
                    case=case,
                    actor=self.head(case),
                    extension=step.extension,
                    legal_basis=step.basis,
                )
            case Draft():
                handling.case_answer_draft(case=case, actor=handler, body=step.body)
            case Approve():
                handling.case_answer_approve(case=case, actor=self.head(case))
            case Send():
                handling.case_answer_send(case=case, actor=handler)
            case Rate():
                account = self.accounts.get(story.account) if story.account else None
                case_rate(
                    case=case,
                    outcome=step.outcome,
                    comment=step.comment,
                    via=CaseRating.Via.ACCOUNT if account else CaseRating.Via.TRACKING_CODE,
                    rated_by=account,
                )
            case Publish():
                handling.case_answer_publish(case=case, actor=self.head(case))
            case Forward():
                to_unit = Unit.objects.get(code=step.to)
                handling.case_forward(
                    case=case,
                    actor=handler,
                    to_unit=to_unit,
                    letter_number=step.letter,
                    note=step.note,
                )
                self.book_update(case, desk, accepted_by=to_unit.name, transfer=step.letter)
            case Guide():
                handling.case_return(
                    case=case,
                    actor=handler,
                    guidance=step.guidance,
                    guided_to=step.guided_to,
                    letter_number=step.letter,
                )
                self.book_update(case, desk, guidance=step.letter)
            case RefusalProposed():
                handling.case_refusal_propose(
                    case=case, actor=handler, ground=step.ground, reason=step.reason
                )
            case RefusalIssued():
                handling.case_refusal_issue(
                    case=case, actor=self.head(case), notice_number=step.number
                )
            case Link():
                handling.case_link_previous(
                    case=case, actor=handler, previous=self.case(step.previous)
                )
            case Merge():
                case_merge(duplicate=case, into=self.case(step.into), actor=handler)
            case AnonymousCheck():
                anonymous_report_check(
                    case=case,
                    actor=handler,
                    names_violator=True,
                    has_concrete_evidence=True,
                    has_basis_to_verify=True,
                    note=step.note,
                )
            case IdentityRequest():
                identity_open_request_create(case=case, requested_by=handler, reason=step.reason)
            case Split():
                children = handling.case_split(
                    case=case,
                    actor=handler,
                    parts=[
                        handling.SplitPart(
                            kind=part.kind,
                            subject=part.subject,
                            content=part.content,
                            field=self.field(part.field),
                        )
                        for part in step.parts
                    ],
                )
                for part, child in zip(step.parts, children, strict=True):
                    self.cases[_part_key(story, part)] = child

    def book_update(
        self,
        case: Case,
        desk: _Desk,
        *,
        accepted_by: str = "",
        transfer: str = "",
        guidance: str = "",
    ) -> None:
        """Fill in the reception book's columns 10–11 once the visit was forwarded or guided."""
        entry = ReceptionBookEntry.objects.filter(case=case).first()
        if entry is None:
            return
        reception_entry_update(
            entry=entry,
            officer=desk.officer,
            columns=BookColumns(
                resolved_by=entry.resolved_by,
                within_competence=entry.within_competence,
                guided_to=entry.guided_to,
                guidance_letter_number=guidance or entry.guidance_letter_number,
                accepted_by=accepted_by or entry.accepted_by,
                transfer_letter_number=transfer or entry.transfer_letter_number,
                outcome_follow_up=entry.outcome_follow_up,
                notes=entry.notes,
            ),
        )


# The cast members who work each demo unit's petitions: (handler, head, reception officer).
# The provincial reception board has no handler in the cast: its officer forwards visits.
DESKS: dict[str, tuple[str, str, str]] = {
    petition_stories.COMMUNE: (
        cast.COMMUNE_HANDLER.username,
        cast.COMMUNE_HEAD.username,
        cast.COMMUNE_RECEPTION_OFFICER.username,
    ),
    petition_stories.INSPECTORATE: (
        cast.PROVINCE_HANDLER.username,
        cast.INSPECTORATE_HEAD.username,
        cast.PROVINCE_HANDLER.username,
    ),
    petition_stories.PROVINCE_RECEPTION: (
        cast.PROVINCE_RECEPTION_OFFICER.username,
        "",
        cast.PROVINCE_RECEPTION_OFFICER.username,
    ),
}


def _desk_usernames() -> set[str]:
    return {name for names in DESKS.values() for name in names if name}


def _accounts() -> set[str]:
    return {cast.CITIZEN.username, cast.WARD_CITIZEN.username}


# --------------------------------------------------------------------------- the rest


def _routing_table_ensure(*, places: DemoPlaces, today: dt.date) -> bool:
    """Publish a first routing table if the database has none; True if one was made."""
    if RoutingTable.objects.exists():
        return False
    markers = {world.COMMUNE: places.commune, world.PROVINCE: places.province}
    table = RoutingTable.objects.create(
        version=1,
        effective_from=today.replace(day=1) - dt.timedelta(days=150),
        note="Bảng phân loại, chuyển đơn dùng cho dữ liệu trình diễn.",
    )
    fields = {f.code: f for f in Field.objects.all()}
    RoutingRule.objects.bulk_create(
        [
            RoutingRule(
                table=table,
                kind=kind,
                field=fields[code] if code else None,
                place=markers.get(place) or Unit.objects.get(code=place),
                competent_unit=Unit.objects.get(code=competent),
                priority=priority,
            )
            for kind, code, place, competent, priority in petition_stories.ROUTES
        ]
    )
    handling.routing_table_publish(table=table, actor=None)
    return True


def _month_days(today: dt.date) -> list[tuple[int, int]]:
    """This month and the next, as (year, month)."""
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return [(today.year, today.month), (following.year, following.month)]


def _reception_date(plan: ReceptionDayPlan, year: int, month: int) -> dt.date:
    """The plan's day in that month: its day of the month, or the next working day."""
    return deadline_config().calendar.next_working_day(dt.date(year, month, plan.day_of_month))


def reception_dates(*, unit_code: str, today: dt.date) -> list[dt.date]:
    """The demo reception days of ``unit_code`` this month and the next, in order."""
    return sorted(
        _reception_date(plan, year, month)
        for year, month in _month_days(today)
        for plan in petition_stories.RECEPTION_DAYS
        if plan.unit == unit_code
    )


def _reception_days_ensure(
    *, plans: Sequence[ReceptionDayPlan], today: dt.date, report: PetitionsSeedReport
) -> None:
    """The heads' regular reception days of this month and the next; past ones were held."""
    heads = {u.username: u for u in User.objects.filter(username__in={p.head for p in plans})}
    for year, month in _month_days(today):
        for plan in plans:
            date = _reception_date(plan, year, month)
            head = heads[plan.head]
            taken = ReceptionScheduleDay.objects.filter(head=head, date=date).exclude(
                status=ReceptionScheduleDay.Status.CANCELLED
            )
            if taken.exists():
                continue
            # A day already past was put on the schedule two weeks before it.
            planned_at = dt.datetime.combine(date - dt.timedelta(days=14), dt.time(8, 15))
            with _clock(planned_at.replace(tzinfo=VIETNAM)) if date < today else nullcontext():
                day = reception_day_plan(
                    unit=Unit.objects.get(code=plan.unit),
                    head=head,
                    date=date,
                    start_time=dt.time(*plan.start),
                    end_time=dt.time(*plan.end),
                    place=plan.place,
                    actor=head,
                )
            report.reception_days_created += 1
            if date < today:
                with _clock(dt.datetime.combine(date, dt.time(*plan.end), tzinfo=VIETNAM)):
                    reception_day_record_held(day=day, actor=head, outcome_note=plan.held_note)


def sealing_available() -> bool:
    """True when denouncers' identities can be sealed (``DANVAN_SEALING_KEYS`` is usable)."""
    return not crypto.sealing_keys_check()


@transaction.atomic
def demo_petitions_seed(
    *,
    stories: Sequence[Story] = petition_stories.STORIES,
    reception_days: Sequence[ReceptionDayPlan] = petition_stories.RECEPTION_DAYS,
) -> PetitionsSeedReport:
    """Seed the demo petitions on the demo world (``demo_world_seed`` must have run).

    Stories whose case exists are left alone, so a second run creates nothing. The overdue
    sweep runs at the end, as the daily job would, so the deadline alerts are current.
    """
    report = PetitionsSeedReport()
    places = demo_places_get()
    today = timezone.localdate()
    report.routing_table_created = _routing_table_ensure(places=places, today=today)

    present = set(
        Case.objects.filter(idempotency_key__in=[s.key for s in stories]).values_list(
            "idempotency_key", flat=True
        )
    )
    report.stories_present = len(present)
    wanted = [s for s in stories if s.key not in present]
    if not sealing_available():
        sealed = [s for s in wanted if s.sealed]
        if sealed:
            report.stories_sealed_skipped = len(sealed)
            report.notes.append(
                f"{len(sealed)} denunciations skipped: DANVAN_SEALING_KEYS is not set, so "
                "denouncers' identities cannot be sealed."
            )
        wanted = [s for s in wanted if not s.sealed]

    before = Case.objects.count()
    runner = _Runner(report=report)
    per_day: dict[dt.date, int] = defaultdict(int)
    for action in _plan(stories=wanted, today=today):
        with _clock(_at(action.day, per_day[action.day])):
            runner.run(action)
        per_day[action.day] += 1
    report.stories_created = len(wanted)
    report.cases_created = Case.objects.count() - before

    _reception_days_ensure(plans=reception_days, today=today, report=report)
    if report.cases_created:
        handling.case_alerts_sweep()
    return report


__all__ = ["PetitionsSeedReport", "demo_petitions_seed", "reception_dates", "sealing_available"]
