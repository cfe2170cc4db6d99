"""The authorization matrix: every route of the petitions app and of the Open311 API, each
classified, with the URL values that reach one unit's objects and values that reach
nothing; and the world those values point into.

The world is one commune committee (the *home* unit) with a case in every state the
handling, sealed, duplicates, intake and schedule pages act on, its staff (handler, head,
reception officer, custodian), and a second committee (the *other* unit) with its own
staff and a few cases of its own, so that its lists and exports are not empty.

Every subject of a home case carries a tag ``[MXA-nn]`` and every subject of an other-unit
case ``[MXB-nn]``: a page that shows a subject shows its tag, whatever it does around it.
"""

import datetime as dt
import html
import io
import logging
import re
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

import docx
import openpyxl
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.http import HttpResponseBase
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from danvan.petitions.models import (
    AnonymousReport,
    Case,
    CaseAnswer,
    DuplicateSuggestion,
    Field,
    IdentityOpenRequest,
    RefusalNotice,
)
from danvan.petitions.models.intake import (
    Attachment,
    CaseRating,
    ReceptionBookEntry,
    ReceptionSession,
)
from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.petitions.services import handling
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.petitions.services.duplicates import (
    case_fingerprint_store,
    duplicate_suggestion_confirm,
    duplicate_suggestions_refresh,
)
from danvan.petitions.services.intake import reception_session_schedule
from danvan.petitions.services.sealed import (
    DenouncerIdentity,
    denunciation_receive,
    identity_open_request_create,
    identity_open_request_decide,
)
from danvan.petitions.tests.duplicates import letters
from danvan.petitions.tests.intake.helpers import desk_data, petition_data
from danvan.petitions.tests.sealed.conftest import make_user
from danvan.petitions.tests.sealed.leaks import (
    LEAK_ADDRESS,
    LEAK_CONTENT,
    LEAK_EMAIL,
    LEAK_ID_NUMBER,
    LEAK_NAME,
    LEAK_PHONE,
    LEAK_SUBJECT,
    make_leak_denunciation,
)
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# Monday 2 November 2026, 9:00 in Hà Nội: a working day, far from Tết.
NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=VN)
TODAY = NOW.date()

HOME_STAFF = ("handler", "head", "reception_officer", "custodian")
OTHER_STAFF = ("other_handler", "other_head", "other_reception", "other_custodian")
# Codes and ids that reach nothing (well formed, so they take the same path as real ones).
MISSING_CODE = "DVZZZZZZZZZZ"
MISSING_PK = 987_654_321
MISSING_UNIT = "VN-99999-ubnd"
REASON = "Cần xác minh năng lực hành vi dân sự của người tố cáo (Điều 29)."
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

Kwargs = dict[str, str | int]


def tag(number: int, unit: str = "A") -> str:
    return f"[MX{unit}-{number:02}]"


# --------------------------------------------------------------------------- people

# Petitioners of the home unit: names and numbers that must never reach another unit.
BINH = Petitioner(
    name="Trần Thị Bình",
    address="Thôn Đông Tảo, xã Khoái Châu",
    id_number="033186001234",
    phone="0987111222",
    email="tranthibinh@example.com",
)
HUNG = Petitioner(
    name="Lê Văn Hùng", address="Thôn An Vĩ", id_number="033175009876", phone="0987333444"
)
TU = Petitioner(name="Nguyễn Văn Tư", id_number="033075001357")
# The other unit's petitioners.
NAM = Petitioner(name="Đỗ Văn Nam", address="Phố Hiến", id_number="033099005555")
MAI = Petitioner(name="Phan Thị Mai", id_number="033080001111")
# A second denouncer (of the accepted denunciation), sealed like the first.
HANH = DenouncerIdentity(name="Đặng Thị Hạnh", address="Thôn Tân Dân", id_number="033190002468")


def personal_data(petitioners: Iterable[Petitioner]) -> list[str]:
    values: list[str] = []
    for person in petitioners:
        values += [person.name, person.id_number, person.phone, person.email]
    return [value for value in values if value]


HOME_PERSONAL = [*personal_data([BINH, HUNG, TU]), HANH.name, HANH.id_number]
OTHER_PERSONAL = personal_data([NAM, MAI])


# --------------------------------------------------------------------------- the world


@dataclass
class World:
    home: Unit
    other: Unit
    users: dict[str, User]
    cases: dict[str, Case]  # the home unit's, by label
    other_cases: dict[str, Case]
    tags: dict[str, str]  # label -> subject tag
    entry: ReceptionBookEntry
    other_entry: ReceptionBookEntry
    session: ReceptionSession
    day: ReceptionScheduleDay
    other_day: ReceptionScheduleDay
    suggestion: DuplicateSuggestion
    attachment: Attachment
    pending: IdentityOpenRequest
    approved: IdentityOpenRequest
    published: CaseAnswer
    unpublished: CaseAnswer
    receipt_code: str
    emails: list[Any] = field(default_factory=list)
    build_log: str = ""
    sessions: dict[str, str] = field(default_factory=dict)  # who -> session key, signed in

    def code(self, label: str) -> str:
        return self.cases[label].tracking_code

    def refresh(self) -> None:
        for case in [*self.cases.values(), *self.other_cases.values()]:
            case.refresh_from_db()

    def case_markers(self, cases: Iterable[Case]) -> list[str]:
        markers: list[str] = []
        for case in cases:
            markers += [case.tracking_code, case.display_code]
        return markers

    def home_markers(self) -> list[str]:
        """What another unit's staff must never see: codes, subjects, petitioners."""
        return [
            *self.case_markers(self.cases.values()),
            *self.tags.values(),
            *HOME_PERSONAL,
            self.session.topic,
        ]

    def other_markers(self) -> list[str]:
        return [*self.case_markers(self.other_cases.values()), *(tag(n, "B") for n in (1, 2, 3))]

    def private_markers(self, *, api: bool) -> list[str]:
        """What a public page must not show without the code: no petitioner, no code, no
        subject — except a published answer's title, and a kiến nghị on the Open311 API
        (GeoReport requests are public by design)."""
        public = {label for label, case in self.cases.items() if _published(case)}
        if api:
            public |= {
                label for label, case in self.cases.items() if case.kind == Case.Kind.PETITION
            }
        hidden = [case for label, case in self.cases.items() if label not in public]
        return [
            *self.case_markers(hidden),
            *(self.tags[label] for label in self.cases if label not in public),
            *HOME_PERSONAL,
            *OTHER_PERSONAL,
        ]


def _published(case: Case) -> bool:
    return CaseAnswer.objects.filter(case=case, published=True).exists()


def committed() -> Any:
    """Run the on-commit callbacks (e-mails, scans) of what the block does, as if committed."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def _checked(case: Case, actor: User) -> Case:
    handling.case_conditions_check(
        case=case,
        actor=actor,
        checklist=handling.ConditionsInput(
            has_name=True,
            has_address=True,
            has_signature=True,
            content_clear=True,
            already_settled=False,
            within_competence=True,
            known_act_on=case.received_on if case.kind == Case.Kind.COMPLAINT else None,
        ),
    )
    case.refresh_from_db()
    return case


def _accepted(case: Case, users: dict[str, User]) -> Case:
    case = _checked(case, users["handler"])
    handling.case_accept(case=case, actor=users["handler"], note="Thụ lý giải quyết.")
    case.refresh_from_db()
    return case


def _answered(case: Case, users: dict[str, User], *, send: bool = True) -> Case:
    """Draft, approve and (unless told) send the answer of an accepted case."""
    handling.case_answer_draft(
        case=case,
        actor=users["handler"],
        body="Kết luận: nội dung đã được xác minh; đã kiến nghị xử lý theo quy định.",
    )
    case.refresh_from_db()
    handling.case_answer_approve(case=case, actor=users["head"])
    case.refresh_from_db()
    if send:
        handling.case_answer_send(case=case, actor=users["handler"])
        case.refresh_from_db()
    return case


def _units() -> tuple[Unit, Unit, Unit]:
    """The units of tests/conftest.py: a province, a commune committee, a ward committee."""
    province = Unit.objects.create(code="VN-33", name="Tỉnh Hưng Yên", kind=Unit.Kind.PROVINCE)
    commune = Unit.objects.create(
        code="VN-12205",
        name="Xã Khoái Châu",
        kind=Unit.Kind.COMMUNE,
        parent=province,
        admin_code="12205",
    )
    home = Unit.objects.create(
        code="VN-12205-ubnd",
        name="Ủy ban nhân dân xã Khoái Châu",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune,
    )
    ward = Unit.objects.create(
        code="VN-11953", name="Phường Phố Hiến", kind=Unit.Kind.WARD, parent=province
    )
    other = Unit.objects.create(
        code="VN-11953-ubnd",
        name="Ủy ban nhân dân phường Phố Hiến",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=ward,
    )
    return province, home, other


def _users(home: Unit, other: Unit) -> dict[str, User]:
    role = RoleAssignment.Role
    return {
        "handler": make_user("trinhvanduc", "Trịnh Văn Đức", home, role.HANDLER),
        "head": make_user("nguyenvanan", "Nguyễn Văn An", home, role.HEAD),
        "reception_officer": make_user(
            "phamthuhuong", "Phạm Thu Hương", home, role.RECEPTION_OFFICER
        ),
        "custodian": make_user("buithikimoanh", "Bùi Thị Kim Oanh", home, role.CUSTODIAN),
        "citizen": make_user("tranthibinh", BINH.name),
        "other_handler": make_user("hoangvanbay", "Hoàng Văn Bảy", other, role.HANDLER),
        "other_head": make_user("dinhvanlong", "Đinh Văn Long", other, role.HEAD),
        "other_reception": make_user("lethanhtam", "Lê Thanh Tâm", other, role.RECEPTION_OFFICER),
        "other_custodian": make_user("vuthilan", "Vũ Thị Lan", other, role.CUSTODIAN),
    }


def _desk_post(user: User, data: dict[str, Any]) -> HttpResponseBase:
    client = Client()
    client.force_login(user)
    response = client.post(reverse("petitions:intake_book_add"), data)
    assert response.status_code in (200, 302), response.status_code
    return response


def build_world() -> World:
    """Make the world; every step goes through the app's own services or pages."""
    Field.objects.filter(cases__isnull=True).delete()  # as tests/conftest.py does
    land = Field.objects.create(code="dat-dai", name="Đất đai")
    _province, home, other = _units()
    users = _users(home, other)
    tags: dict[str, str] = {}
    cases: dict[str, Case] = {}

    def receive(label: str, kind: Case.Kind, subject: str, **kwargs: Any) -> Case:
        tags[label] = tag(len(tags) + 1)
        arguments: dict[str, Any] = {
            "kind": kind,
            "channel": Case.Channel.WEB,
            "subject": f"{tags[label]} {subject}",
            "content": f"{subject}. Đề nghị xem xét, giải quyết.",
            "receiving_unit": home,
            "field": land,
        }
        arguments.update(kwargs)
        case, _created = case_receive(**arguments)
        cases[label] = case
        return case

    with committed():
        # A kiến nghị sent on the public form by a citizen with an account, with a file.
        tags["petition"] = tag(1)
        citizen = Client()
        citizen.force_login(users["citizen"])
        form = petition_data(
            home,
            submission_key="m" * 32,
            subject=f"{tags['petition']} Đường liên thôn Đông Tảo xuống cấp",
            content=letters.ROAD,
            phone=BINH.phone,
            id_number=BINH.id_number,
            email=BINH.email,
        )
        form["attachments"] = SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")
        assert citizen.post(reverse("petitions:intake_form"), form).status_code == 302
        cases["petition"] = Case.objects.get(idempotency_key="web:" + "m" * 32)
        receive(
            "twin",
            Case.Kind.PETITION,
            "Đường liên thôn sụt lún",
            content=letters.ROAD,
            petitioner=BINH,
        )
        receive(
            "noise",
            Case.Kind.PETITION,
            "Nước thải chăn nuôi",
            content=letters.NOISE,
            petitioner=HUNG,
        )
        receive(
            "noise_twin",
            Case.Kind.PETITION,
            "Ô nhiễm kênh tưới",
            content=letters.NOISE,
            petitioner=HUNG,
        )
        receive(
            "complaint", Case.Kind.COMPLAINT, "Khiếu nại quyết định thu hồi đất", petitioner=HUNG
        )
        receive("mixed", Case.Kind.MIXED, "Vừa kiến nghị vừa khiếu nại", petitioner=HUNG)
        receive("classified", Case.Kind.PETITION, "Đèn đường hỏng", petitioner=HUNG)
        receive("refused", Case.Kind.COMPLAINT, "Khiếu nại lặp lại đã giải quyết", petitioner=HUNG)
        receive("accepted", Case.Kind.COMPLAINT, "Khiếu nại về bồi thường", petitioner=HUNG)
        receive("suspended", Case.Kind.COMPLAINT, "Khiếu nại cấp giấy chứng nhận", petitioner=HUNG)
        receive("drafted", Case.Kind.PETITION, "Cống thoát nước tắc", petitioner=HUNG)
        receive("approved", Case.Kind.PETITION, "Trợ cấp xã hội chậm", petitioner=HUNG)
        # The leak-test denunciation (web), another one at the desk, one accepted, and an
        # anonymous report.
        tags["denunciation"] = tag(len(tags) + 1)
        receipt = make_leak_denunciation(
            unit=home, subject=f"{tags['denunciation']} {LEAK_SUBJECT}"
        )
        cases["denunciation"] = receipt.case
        tags["desk_denunciation"] = tag(len(tags) + 1)
        _desk_post(
            users["reception_officer"],
            desk_data(
                submission_key="e" * 32,
                received_on=TODAY.isoformat(),
                kind=Case.Kind.DENUNCIATION,
                name=LEAK_NAME,
                address=LEAK_ADDRESS,
                id_number=LEAK_ID_NUMBER,
                phone=LEAK_PHONE,
                email=LEAK_EMAIL,
                subject=f"{tags['desk_denunciation']} Tố cáo cán bộ địa chính nhận tiền",
                respondent="Ông Lê Văn Hưởng, cán bộ địa chính xã",
                content=LEAK_CONTENT,
                people_count="1",
                co_petitioners="",
            ),
        )
        cases["desk_denunciation"] = Case.objects.get(idempotency_key="desk:" + "e" * 32)
        tags["accepted_denunciation"] = tag(len(tags) + 1)
        cases["accepted_denunciation"] = denunciation_receive(
            channel=Case.Channel.POST,
            subject=f"{tags['accepted_denunciation']} Tố cáo sai phạm xây dựng",
            content="Công trình trái phép tại thửa 44, tờ bản đồ 3.",
            receiving_unit=home,
            identity=HANH,
            idempotency_key="matrix-accepted-denunciation",
        ).case
        tags["anonymous"] = tag(len(tags) + 1)
        cases["anonymous"] = denunciation_receive(
            channel=Case.Channel.POST,
            subject=f"{tags['anonymous']} Cán bộ nhận tiền",
            content="Ông Lê Văn Hưởng nhận 50 triệu đồng ngày 3/3. Có ảnh chụp biên nhận.",
            receiving_unit=home,
            identity=DenouncerIdentity(phone="0987654321"),
        ).case
        # A visit written in the reception book.
        tags["desk_petition"] = tag(len(tags) + 1)
        _desk_post(
            users["reception_officer"],
            desk_data(
                submission_key="f" * 32,
                received_on=TODAY.isoformat(),
                name=TU.name,
                id_number=TU.id_number,
                subject=f"{tags['desk_petition']} Đề nghị lắp đèn chiếu sáng",
            ),
        )
        cases["desk_petition"] = Case.objects.get(idempotency_key="desk:" + "f" * 32)
        # The other unit: a petition on the web, a visit in its book.
        other_cases = {
            "petition": case_receive(
                kind=Case.Kind.PETITION,
                channel=Case.Channel.WEB,
                subject=f"{tag(1, 'B')} Chợ tạm lấn chiếm lòng đường",
                content="Đề nghị phường dẹp chợ tạm lấn chiếm lòng đường.",
                receiving_unit=other,
                field=land,
                petitioner=NAM,
            )[0]
        }
        _desk_post(
            users["other_reception"],
            desk_data(
                submission_key="g" * 32,
                received_on=TODAY.isoformat(),
                name=MAI.name,
                id_number=MAI.id_number,
                subject=f"{tag(2, 'B')} Đề nghị nạo vét kênh",
            ),
        )
        other_cases["desk_petition"] = Case.objects.get(idempotency_key="desk:" + "g" * 32)
        # … and the same letter as our petition, from its own resident: a cross-unit duplicate.
        other_cases["twin"] = case_receive(
            kind=Case.Kind.PETITION,
            channel=Case.Channel.WEB,
            subject=f"{tag(3, 'B')} Đường liên thôn sụt lún",
            content=letters.ROAD.replace(BINH.name, NAM.name),
            receiving_unit=other,
            field=land,
            petitioner=NAM,
        )[0]

    with committed():
        handler, head = users["handler"], users["head"]
        # Duplicates: a suggestion waiting, and a merge to undo.
        for label in ("petition", "twin", "noise", "noise_twin"):
            case_fingerprint_store(case=cases[label])
        # (a pair is suggested on the later case, the earlier one being the candidate)
        duplicate_suggestions_refresh(case=cases["twin"], actor=handler)
        duplicate_suggestions_refresh(case=other_cases["twin"], actor=users["other_handler"])
        merge = duplicate_suggestions_refresh(case=cases["noise_twin"], actor=handler)
        duplicate_suggestion_confirm(
            suggestion=next(s for s in merge if s.candidate_id == cases["noise"].pk),
            actor=handler,
        )
        # Handling: one case in each state an action starts from.
        _checked(cases["classified"], handler)
        handling.case_refusal_propose(
            case=cases["refused"],
            actor=handler,
            ground=RefusalNotice.Ground.REPEATED,
            reason="Đã được giải quyết, trả lời đúng quy định.",
        )
        _accepted(cases["accepted"], users)
        handling.case_suspend(
            case=_accepted(cases["suspended"], users),
            actor=handler,
            reason="Chờ kết quả giám định.",
            legal_basis="Luật Khiếu nại, Điều 11a",
        )
        handling.case_answer_draft(
            case=_accepted(cases["drafted"], users), actor=handler, body="Dự thảo trả lời."
        )
        _answered(_accepted(cases["approved"], users), users, send=False)
        _accepted(cases["accepted_denunciation"], users)
        # The denunciations go all the way: answer sent (the denouncer is e-mailed) and,
        # for the web one, the conclusion published.
        denunciation = _answered(_accepted(cases["denunciation"], users), users)
        handling.case_answer_publish(case=denunciation, actor=head)
        _answered(_accepted(cases["desk_denunciation"], users), users)
        # Requests to open the identity: one waiting, one approved by the custodian.
        pending = identity_open_request_create(
            case=cases["desk_denunciation"], requested_by=head, reason=REASON
        )
        approved = identity_open_request_decide(
            open_request=identity_open_request_create(
                case=cases["denunciation"], requested_by=handler, reason=REASON
            ),
            custodian=users["custodian"],
            approve=True,
        )
        # An online session and reception days of both units.
        session = reception_session_schedule(
            unit=home,
            presiding=head,
            topic=f"{tag(90)} Tiếp công dân trực tuyến về bồi thường",
            scheduled_start=dt.datetime(2026, 11, 16, 8, 0, tzinfo=VN),
            notified_on=TODAY,
            platform=ReceptionSession.Platform.INSPECTORATE,
            link="https://hop.thanhtra.gov.vn/tcd/khoai-chau",
            participants=[users["reception_officer"]],
            created_by=users["reception_officer"],
        )
        day, other_day = (
            ReceptionScheduleDay.objects.create(
                unit=unit,
                head=users[who],
                date=dt.date(2026, 11, 10),
                start_time=dt.time(7, 30),
                end_time=dt.time(11, 30),
                place="Phòng tiếp công dân",
            )
            for unit, who in ((home, "head"), (other, "other_head"))
        )
        # The deadline sweep: warnings, then escalations, e-mailed to the unit's staff.
        handling.case_alerts_sweep(on=dt.date(2026, 11, 13))
        handling.case_alerts_sweep(on=dt.date(2026, 11, 20))

    world = World(
        home=home,
        other=other,
        users=users,
        cases=cases,
        other_cases=other_cases,
        tags=tags,
        entry=ReceptionBookEntry.objects.get(case=cases["desk_petition"]),
        other_entry=ReceptionBookEntry.objects.get(case=other_cases["desk_petition"]),
        session=session,
        day=day,
        other_day=other_day,
        suggestion=DuplicateSuggestion.objects.get(case=cases["twin"], candidate=cases["petition"]),
        attachment=Attachment.objects.get(case=cases["petition"]),
        pending=pending,
        approved=approved,
        published=CaseAnswer.objects.get(case=cases["denunciation"]),
        unpublished=CaseAnswer.objects.get(case=cases["desk_denunciation"]),
        receipt_code=receipt.receipt_code,
    )
    world.refresh()
    for who, user in users.items():
        client = Client()
        client.force_login(user)
        world.sessions[who] = client.session.session_key or ""
    return world


# --------------------------------------------------------------------------- the routes


class Kind(StrEnum):
    PUBLIC = "public"  # anyone: forms, tracking, published answers, public schedule
    OWNER = "owner"  # a citizen's own case
    STAFF_CASE = "staff-case"  # takes a case code or the id of a unit's object
    STAFF_UNIT = "staff-unit"  # takes a unit code (statistics, exports, schedule management)
    # no value in the address: the active unit's lists and desk forms, or a citizen's own list
    STAFF_LIST = "staff-list"
    API = "api"  # Open311


GET = ("GET",)
POST = ("POST",)
GET_POST = ("GET", "POST")


def _nothing(world: World) -> list[Kwargs]:
    return []


def _no_data(world: World) -> dict[str, Any]:
    return {}


def _codes(*labels: str) -> Callable[[World], list[Kwargs]]:
    return lambda world: [{"code": world.code(label)} for label in labels]


def _missing_code(world: World) -> list[Kwargs]:
    return [{"code": MISSING_CODE}]


def _missing_pk(world: World) -> list[Kwargs]:
    return [{"pk": MISSING_PK}]


def _home_unit(key: str) -> Callable[[World], list[Kwargs]]:
    return lambda world: [{key: world.home.code}]


def _missing_unit(key: str) -> Callable[[World], list[Kwargs]]:
    return lambda world: [{key: MISSING_UNIT}]


def _other_unit(key: str) -> Callable[[World], list[Kwargs]]:
    return lambda world: [{key: world.other.code}]


def _data(**values: Any) -> Callable[[World], dict[str, Any]]:
    return lambda world: dict(values)


@dataclass(frozen=True)
class Route:
    """One route of the matrix, and how to reach this unit's objects through it."""

    name: str
    kind: Kind
    methods: tuple[str, ...] = GET
    real: Callable[[World], list[Kwargs]] = _nothing
    missing: Callable[[World], list[Kwargs]] = _nothing
    # The other unit's own value with this unit's object (e.g. its unit code, our day).
    foreign: Callable[[World], list[Kwargs]] = _nothing
    # The other unit's own values (its own statistics, exports, schedule).
    own: Callable[[World], list[Kwargs]] = _nothing
    data: Callable[[World], dict[str, Any]] = _no_data
    query: Callable[[World], dict[str, str]] = lambda world: {}
    variant: str = ""
    # Who may reach ``real`` (the positive control: the values do reach something) …
    reachers: tuple[str, ...] = HOME_STAFF
    # … and who must get the 404 of a missing object for them.
    outsiders: tuple[str, ...] = OTHER_STAFF
    # For lists: (who, marker) — a home user sees the marker (the list does list cases) …
    shows: Callable[[World], tuple[str, str]] | None = None
    # … and the other unit's own list or export shows its own (so "absent" means something).
    other_shows: Callable[[World], tuple[str, str]] | None = None

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name

    def url(self, world: World, kwargs: Kwargs | None = None) -> str:
        url = reverse(self.name, kwargs=kwargs or None)
        query = self.query(world)
        return f"{url}?{urlencode(query)}" if query else url


def _action_case(world: World, action: str) -> list[Kwargs]:
    """A home case where ``action`` is open to the handler or the head right now."""
    from danvan.petitions.selectors.handling import case_actions

    for case in world.cases.values():
        if any(
            action in case_actions(case=case, user=world.users[who]) for who in ("handler", "head")
        ):
            return [{"code": case.tracking_code, "action": action}]
    raise AssertionError(f"no case of the world is in a state where {action!r} is possible")


# What a form of each handling action plausibly posts (so a broken check would act).
ACTION_DATA: dict[str, dict[str, Any]] = {
    "classify": {"kind": Case.Kind.COMPLAINT, "note": "Phân loại lại"},
    "conditions": {
        "has_name": "on",
        "has_address": "on",
        "has_signature": "on",
        "content_clear": "on",
        "within_competence": "on",
    },
    "representatives": {"people_count": "1"},
    "split": {"petition_subject": "Phần kiến nghị", "petition_content": "Nội dung"},
    "accept": {"note": "Thụ lý"},
    "forward": {"unit_code": "VN-11953-ubnd", "letter_number": "12/PC", "note": "Chuyển"},
    "return": {"guided_to": "Tòa án nhân dân", "guidance": "Gửi đơn đến tòa án."},
    "refuse": {"ground": RefusalNotice.Ground.REPEATED, "reason": "Đơn lặp lại."},
    "issue_refusal": {"notice_number": "01/TB-TCD"},
    "suspend": {"reason": "Chờ giám định", "legal_basis": "Điều 11a"},
    "resume": {"legal_basis": "Điều 11a", "note": "Đã có kết quả"},
    "extend": {"count": "1", "legal_basis": "Điều 30"},
    "complex": {"reason": Case.ComplexReason.SEVERAL_PLACES, "note": "Nhiều nơi"},
    "link_previous": {"code": MISSING_CODE},
    "answer": {"body": "Trả lời công dân."},
    "approve": {},
    "return_answer": {"comment": "Sửa lại phần căn cứ."},
    "send": {},
    "publish": {},
}
ANONYMOUS_ACTIONS: dict[str, dict[str, Any]] = {
    "check": {
        "check-names_violator": "on",
        "check-has_concrete_evidence": "on",
        "check-has_basis_to_verify": "on",
        "check-note": "Đã đối chiếu",
    },
    "inspect": {"inspect-outcome": "Có sai phạm."},
    "forward": {"forward-unit_code": "VN-11953-ubnd", "forward-note": "Chuyển"},
    "close": {"close-outcome": "Đã xử lý."},
}
BOOK_QUERY = {"date_from": "2026-11-01", "date_to": "2026-11-30"}


def _handling_action(action: str) -> Route:
    return Route(
        "petitions:handling_action",
        Kind.STAFF_CASE,
        GET_POST,
        real=lambda world: _action_case(world, action),
        missing=lambda world: [{"code": MISSING_CODE, "action": action}],
        data=_data(**ACTION_DATA.get(action, {})),
        variant=action,
    )


def _handling_actions() -> list[Route]:
    from danvan.petitions.views.handling import ACTIONS

    return [_handling_action(action) for action in ACTIONS]


def _anonymous_action(action: str, data: dict[str, Any]) -> Route:
    return Route(
        "petitions:sealed_anonymous_action",
        Kind.STAFF_CASE,
        POST,
        real=lambda world: [{"code": world.code("anonymous"), "action": action}],
        missing=lambda world: [{"code": MISSING_CODE, "action": action}],
        data=_data(**data),
        variant=action,
    )


def _all_home_codes(world: World) -> list[Kwargs]:
    return [{"code": case.tracking_code} for case in world.cases.values()]


ROUTES: list[Route] = [
    # ---- intake: public
    Route("petitions:intake_start", Kind.PUBLIC),
    Route("petitions:intake_form", Kind.PUBLIC, GET_POST),
    Route("petitions:intake_denunciation", Kind.PUBLIC, GET_POST),
    Route(
        "petitions:intake_unit_options",
        Kind.PUBLIC,
        query=lambda world: {"unit_q": "khoai chau", "unit": world.home.code},
    ),
    Route("petitions:intake_receipt", Kind.PUBLIC),
    Route("petitions:intake_tracking", Kind.PUBLIC, GET_POST, data=_data(code=MISSING_CODE)),
    Route(
        "petitions:intake_rate",
        Kind.PUBLIC,
        POST,
        data=_data(code=MISSING_CODE, outcome=CaseRating.Outcome.SATISFIED),
    ),
    # ---- intake: the citizen's own cases
    Route(
        "petitions:intake_my_cases",
        Kind.STAFF_LIST,
        reachers=("citizen",),
        shows=lambda world: ("citizen", world.tags["petition"]),
    ),
    Route(
        "petitions:intake_my_case",
        Kind.OWNER,
        GET_POST,
        real=_codes("petition"),
        missing=_missing_code,
        data=_data(outcome=CaseRating.Outcome.SATISFIED, confirm_receipt="on"),
        reachers=("citizen",),
        outsiders=(*HOME_STAFF, *OTHER_STAFF),
    ),
    # ---- intake: staff
    Route(
        "petitions:intake_attachment_download",
        Kind.STAFF_CASE,
        real=lambda world: [{"code": world.code("petition"), "pk": world.attachment.pk}],
        missing=lambda world: [
            {"code": MISSING_CODE, "pk": world.attachment.pk},
            {"code": world.code("petition"), "pk": MISSING_PK},
        ],
    ),
    Route(
        "petitions:intake_book",
        Kind.STAFF_LIST,
        shows=lambda world: ("reception_officer", world.cases["desk_petition"].display_code),
        other_shows=lambda world: (
            "other_reception",
            world.other_cases["desk_petition"].display_code,
        ),
    ),
    Route("petitions:intake_book_add", Kind.STAFF_LIST, GET_POST),
    Route(
        "petitions:intake_book_entry",
        Kind.STAFF_CASE,
        GET_POST,
        real=lambda world: [{"pk": world.entry.pk}],
        missing=_missing_pk,
        data=_data(notes="Đã chuyển bộ phận địa chính", within_competence="on"),
    ),
    Route("petitions:intake_post_add", Kind.STAFF_LIST, GET_POST),
    Route(
        "petitions:intake_desk_receipt",
        Kind.STAFF_CASE,
        real=_codes("desk_petition", "petition"),
        missing=_missing_code,
    ),
    Route(
        "petitions:intake_sessions",
        Kind.STAFF_LIST,
        shows=lambda world: ("reception_officer", world.session.topic),
    ),
    Route("petitions:intake_session_add", Kind.STAFF_LIST, GET_POST),
    Route(
        "petitions:intake_session_detail",
        Kind.STAFF_CASE,
        GET_POST,
        real=lambda world: [{"pk": world.session.pk}],
        missing=_missing_pk,
        data=_data(action="cancel"),
    ),
    # ---- handling
    Route(
        "petitions:handling_inbox",
        Kind.STAFF_LIST,
        shows=lambda world: ("handler", world.code("petition")),
        other_shows=lambda world: ("other_handler", world.other_cases["petition"].tracking_code),
    ),
    Route(
        "petitions:handling_inbox",
        Kind.STAFF_LIST,
        query=lambda world: {"q": world.code("complaint")},
        variant="search",
        shows=lambda world: ("handler", world.code("complaint")),
    ),
    Route("petitions:handling_case", Kind.STAFF_CASE, real=_all_home_codes, missing=_missing_code),
    *_handling_actions(),
    Route("petitions:handling_published_list", Kind.PUBLIC),
    Route(
        "petitions:handling_published_detail",
        Kind.PUBLIC,
        real=lambda world: [{"pk": world.published.pk}],
        missing=lambda world: [{"pk": MISSING_PK}, {"pk": world.unpublished.pk}],
    ),
    # ---- sealed
    Route("petitions:sealed_follow_up", Kind.PUBLIC, GET_POST, data=_data(code=MISSING_CODE)),
    Route(
        "petitions:sealed_request",
        Kind.STAFF_CASE,
        GET_POST,
        real=_codes("denunciation", "desk_denunciation"),
        missing=_missing_code,
        data=_data(reason=REASON),
    ),
    Route(
        "petitions:sealed_treat_as_anonymous",
        Kind.STAFF_CASE,
        GET_POST,
        real=_codes("accepted_denunciation", "denunciation"),
        missing=_missing_code,
        data=_data(reason=AnonymousReport.Reason.UNIDENTIFIABLE, note="Không xác định được"),
    ),
    Route(
        "petitions:sealed_custodian_queue",
        Kind.STAFF_LIST,
        shows=lambda world: ("custodian", world.cases["desk_denunciation"].display_code),
    ),
    Route(
        "petitions:sealed_request_decide",
        Kind.STAFF_CASE,
        GET_POST,
        real=lambda world: [{"pk": world.pending.pk}, {"pk": world.approved.pk}],
        missing=_missing_pk,
        data=_data(decision="approve", note=""),
    ),
    Route(
        "petitions:sealed_identity",
        Kind.STAFF_CASE,
        real=lambda world: [{"pk": world.approved.pk}],
        missing=lambda world: [{"pk": MISSING_PK}, {"pk": world.pending.pk}],
    ),
    Route(
        "petitions:sealed_receipt_reissue",
        Kind.STAFF_CASE,
        POST,
        real=lambda world: [{"pk": world.approved.pk}],
        missing=_missing_pk,
    ),
    Route(
        "petitions:sealed_anonymous_list",
        Kind.STAFF_LIST,
        shows=lambda world: ("handler", world.cases["anonymous"].display_code),
    ),
    Route(
        "petitions:sealed_anonymous_detail",
        Kind.STAFF_CASE,
        real=_codes("anonymous"),
        missing=_missing_code,
    ),
    *(_anonymous_action(action, data) for action, data in ANONYMOUS_ACTIONS.items()),
    # ---- duplicates
    Route(
        "petitions:duplicates_review",
        Kind.STAFF_CASE,
        real=_codes("twin", "noise_twin"),
        missing=_missing_code,
        # the other unit's own case, suggested as a duplicate of ours
        own=lambda world: [{"code": world.other_cases["twin"].tracking_code}],
        shows=lambda world: ("handler", world.tags["twin"]),
        other_shows=lambda world: ("other_handler", tag(3, "B")),
    ),
    Route(
        "petitions:duplicates_scan",
        Kind.STAFF_CASE,
        POST,
        real=_codes("twin"),
        missing=_missing_code,
    ),
    Route(
        "petitions:duplicates_merge",
        Kind.STAFF_CASE,
        POST,
        real=lambda world: [{"code": world.code("twin"), "pk": world.suggestion.pk}],
        missing=lambda world: [
            {"code": MISSING_CODE, "pk": world.suggestion.pk},
            {"code": world.code("twin"), "pk": MISSING_PK},
        ],
    ),
    Route(
        "petitions:duplicates_dismiss",
        Kind.STAFF_CASE,
        POST,
        real=lambda world: [{"code": world.code("twin"), "pk": world.suggestion.pk}],
        missing=lambda world: [{"code": MISSING_CODE, "pk": world.suggestion.pk}],
        data=_data(note="Không trùng"),
    ),
    Route(
        "petitions:duplicates_unmerge",
        Kind.STAFF_CASE,
        POST,
        real=_codes("noise_twin"),
        missing=_missing_code,
        data=_data(reason="Gộp nhầm"),
    ),
    # ---- schedule
    Route("petitions:schedule_index", Kind.PUBLIC),
    Route(
        "petitions:schedule_public",
        Kind.PUBLIC,
        real=_home_unit("unit_code"),
        missing=_missing_unit("unit_code"),
    ),
    Route(
        "petitions:schedule_manage",
        Kind.STAFF_UNIT,
        GET_POST,
        real=_home_unit("unit_code"),
        missing=_missing_unit("unit_code"),
        own=_other_unit("unit_code"),
        shows=lambda world: ("head", world.home.name),
        other_shows=lambda world: ("other_head", world.other.name),
        data=_data(
            kind="regular",
            date="2026-11-24",
            start_time="07:30",
            end_time="11:30",
            place="Hội trường",
        ),
    ),
    *(
        Route(
            f"petitions:schedule_day_{action}",
            Kind.STAFF_UNIT,
            POST,
            real=lambda world: [{"unit_code": world.home.code, "pk": world.day.pk}],
            missing=lambda world: [
                {"unit_code": MISSING_UNIT, "pk": world.day.pk},
                {"unit_code": world.home.code, "pk": MISSING_PK},
            ],
            foreign=lambda world: [{"unit_code": world.other.code, "pk": world.day.pk}],
            data=_data(outcome_note="Đã tiếp 3 lượt", reason="Họp đột xuất"),
        )
        for action in ("held", "cancel")
    ),
    # ---- statistics and exports
    Route("petitions:stats_home", Kind.STAFF_LIST),
    *(
        Route(
            f"petitions:stats_{name}",
            Kind.STAFF_UNIT,
            real=_home_unit("code"),
            missing=_missing_unit("code"),
            own=_other_unit("code"),
            query=(lambda world: dict(BOOK_QUERY)) if name == "book" else (lambda world: {}),
            shows=(lambda world: ("head", TU.name))
            if name == "book"
            else (lambda world: ("head", world.home.name)),
            other_shows=(lambda world: ("other_head", MAI.name))
            if name == "book"
            else (lambda world: ("other_head", world.other.name)),
        )
        for name in ("unit", "excel", "report", "book")
    ),
    # ---- Open311
    Route("open311:api-root", Kind.API),
    Route("open311:openapi-json", Kind.API),
    Route("open311:openapi-view", Kind.API),
    Route(
        "open311:docs_asset",
        Kind.API,
        real=lambda world: [{"name": "swagger-ui-init.js"}],
        missing=lambda world: [{"name": "settings.py"}],
    ),
    Route("open311:service_list", Kind.API),
    Route(
        "open311:request_list",
        Kind.API,
        query=lambda world: {
            "start_date": "2026-01-01T00:00:00+07:00",
            "end_date": "2026-12-31T00:00:00+07:00",
            "per_page": "200",
        },
    ),
    Route(
        "open311:request_create",
        Kind.API,
        POST,
        data=lambda world: {
            "jurisdiction_id": world.home.code,
            "service_code": "dat-dai",
            "description": "Đèn đường thôn Đông Tảo không sáng.",
        },
    ),
    Route(
        "open311:request_detail",
        Kind.API,
        real=lambda world: [
            {"service_request_id": case.tracking_code} for case in world.cases.values()
        ],
        missing=lambda world: [{"service_request_id": MISSING_CODE}],
    ),
]


def routes_of(*kinds: Kind) -> list[Route]:
    return [route for route in ROUTES if route.kind in kinds]


def routes_with_own() -> list[Route]:
    """Routes the other unit's staff also use for their own unit or case."""
    return [route for route in ROUTES if route.own is not _nothing]


# --------------------------------------------------------------------------- introspection


def site_routes(namespaces: tuple[str, ...] = ("petitions", "open311")) -> dict[str, str]:
    """``{"namespace:name": route}`` for every URL pattern under ``namespaces``."""
    found: dict[str, str] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, space: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or space
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif space in namespaces:
                route = prefix + str(pattern.pattern)
                found[f"{space}:{pattern.name}" if pattern.name else route] = route

    walk(get_resolver().url_patterns, "", "")
    return found


# --------------------------------------------------------------------------- reading answers


def body_bytes(response: HttpResponseBase) -> bytes:
    """The body; a streamed one (a file) is read once and kept on the response."""
    if not getattr(response, "streaming", False):
        return bytes(response.content)  # type: ignore[attr-defined]
    kept: bytes | None = getattr(response, "matrix_body", None)
    if kept is None:
        kept = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        response.matrix_body = kept  # type: ignore[attr-defined]
    return kept


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    return "\n".join(cells)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer):
            parts += [paragraph.text for paragraph in part.paragraphs]
    return "\n".join(parts)


def response_text(response: HttpResponseBase) -> str:
    """What a response tells its reader: the page, the JSON, or the exported document (read
    back with openpyxl or python-docx), plus the headers (a file name can leak too)."""
    data = body_bytes(response)
    content_type = response.get("Content-Type", "")
    if content_type.startswith(XLSX):
        text = xlsx_text(data)
    elif content_type.startswith(DOCX):
        text = docx_text(data)
    else:
        text = html.unescape(data.decode("utf-8", errors="replace"))
    headers = "\n".join(f"{name}: {value}" for name, value in response.items())
    return f"{headers}\n{text}"


_VOLATILE = [
    # one-time tokens of forms (CSRF, a submission's or an action's idempotency key)
    re.compile(r'name="(?:csrfmiddlewaretoken|action_token|submission_key)" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def normalised_body(response: HttpResponseBase, *, values: Iterable[str] = ()) -> bytes:
    """The body without CSRF tokens, nonces, and the values the URL itself carried."""
    text = body_bytes(response).decode("utf-8", errors="replace")
    for pattern in _VOLATILE:
        text = pattern.sub("", text)
    for value in sorted(values, key=len, reverse=True):
        if value:
            text = text.replace(value, "<value>")
    return text.encode()


def absent(markers: Iterable[str], text: str, *, where: str) -> None:
    folded = text.casefold()
    found = sorted({m for m in markers if m and m.casefold() in folded})
    assert not found, f"{where} shows {found}"


# --------------------------------------------------------------------------- state and logs


SNAPSHOT_APPS = ("petitions", "audit", "notifications", "deadlines")


def state_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the apps a request could change, and the e-mails sent so far."""
    state: dict[str, list[tuple[Any, ...]]] = {}
    for model in apps.get_models():
        if model._meta.app_label not in SNAPSHOT_APPS or model._meta.proxy:
            continue
        names = [
            f.attname for f in model._meta.concrete_fields if not isinstance(f, models.BinaryField)
        ]
        state[model._meta.label] = list(model._default_manager.order_by("pk").values_list(*names))
    state["mail.outbox"] = [(m.subject, tuple(m.to)) for m in getattr(mail, "outbox", [])]
    return state


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def quiet_console() -> Iterator[None]:
    """Keep the site's console handler at its usual WARNING while loggers are at DEBUG.

    Only speed: the records still reach every other handler (the tests' own capture);
    the console would just format megabytes of SQL into pytest's captured output.
    """
    consoles = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    levels = [console.level for console in consoles]
    for console in consoles:
        console.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for console, level in zip(consoles, levels, strict=True):
            console.setLevel(level)


@contextmanager
def every_log(into: list[str]) -> Iterator[None]:
    """Every logger at DEBUG, SQL with its parameters included; the lines go to ``into``."""
    handler = _Records()
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    levels = [(logger, logger.level) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        if logger is logging.getLogger() or not logger.propagate:
            logger.addHandler(handler)
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = True
    try:
        with quiet_console():
            yield
    finally:
        connection.force_debug_cursor = forced
        for logger, level in levels:
            logger.setLevel(level)
            logger.removeHandler(handler)
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        into += [formatter.format(record) for record in handler.records]


def build_world_recorded() -> World:
    """The world, with the e-mails it sent and every log line it wrote kept on it."""
    lines: list[str] = []
    del mail.outbox[:]
    with every_log(lines):
        world = build_world()
    world.emails = list(mail.outbox)
    world.build_log = "\n".join(lines)
    del mail.outbox[:]
    return world
