"""Seed a demo consultation of Xã Khoái Châu with residents taking part, so that the tallies
and the participation dashboard show real figures.

Everything goes through the consultations services, as an agency and residents would:
the commune's chairman creates the consultation, imports the draft and opens it six days
ago; then sixty demo residents (and the citizens of the cast) vote and comment on the days
since, through ``votes_cast`` and ``comment_add``, which note each participant once with
their age band and commune (services/dashboard.py). Some took part at a residents' meeting
or on a paper form entered by the commune's staff: those are noted through
``participants_note_many`` with their channel, as a staff entry form would.

The residents are accounts that cannot sign in (no usable password), named
``demo-cudan-NNN``; ``demo_consultations_reset`` removes them with the consultation.
Idempotent: a consultation with the demo title in the commune's People's Committee means
the seed has run, and nothing is added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from danvan.consultations.models import Comment, Consultation
from danvan.consultations.services.dashboard import participants_note_many
from danvan.consultations.services.drafts import (
    consultation_create,
    consultation_open,
    draft_import,
    draft_read,
)
from danvan.consultations.services.participation import comment_add, votes_cast
from danvan.demo import cast, world
from danvan.demo.selectors import DemoPlaces
from danvan.units.models import Unit, User

TITLE = "Dự thảo Quy chế thực hiện dân chủ ở cơ sở trên địa bàn xã Khoái Châu"
SUMMARY = (
    "Ủy ban nhân dân xã Khoái Châu lấy ý kiến Nhân dân về dự thảo Quy chế thực hiện dân chủ "
    "ở cơ sở (Luật Thực hiện dân chủ ở cơ sở năm 2022, Điều 25)."
)
DRAFT = """Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc thực hiện dân chủ ở cơ sở trên địa bàn xã Khoái Châu, bao gồm việc \
công khai thông tin, việc Nhân dân bàn và quyết định, việc Nhân dân tham gia ý kiến và việc \
Nhân dân kiểm tra, giám sát.
Điều 2. Đối tượng áp dụng
1. Công dân Việt Nam cư trú trên địa bàn xã.
2. Cán bộ, công chức, viên chức và người lao động thuộc Ủy ban nhân dân xã.
Điều 3. Hình thức Nhân dân tham gia ý kiến
1. Hội nghị đối thoại giữa Ủy ban nhân dân xã với Nhân dân.
2. Tổ chức cuộc họp của cộng đồng dân cư.
3. Phát phiếu lấy ý kiến tới hộ gia đình.
4. Thông qua cổng thông tin điện tử của xã.
Điều 4. Thời gian lấy ý kiến
Thời gian lấy ý kiến Nhân dân ít nhất là 20 ngày kể từ ngày công khai nội dung lấy ý kiến.
"""
ARTICLES = ("dieu-1", "dieu-2", "dieu-3", "dieu-4")
RESIDENT_PREFIX = "demo-cudan-"
RESIDENTS = 60
DAYS_OPEN = 6  # the window opened this many days before the seed

_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
_MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc")
_GIVEN = ("An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phúc")


@dataclass(frozen=True)
class Resident:
    username: str
    full_name: str
    birth_year: int | None
    home: str  # "commune", "ward", "near" (a neighbouring commune) or "" (not declared)


def residents() -> list[Resident]:
    """Sixty residents, mostly of the commune, of every age band, a few who did not say."""
    out = []
    for n in range(RESIDENTS):
        name = f"{_FAMILY[n % 10]} {_MIDDLE[n % 6]} {_GIVEN[(n * 7) % 11]}"
        year = None if n % 13 == 12 else 1940 + (n * 17) % 67
        home = (
            "" if n % 11 == 10 else ("ward" if n % 9 == 4 else "near" if n % 5 == 3 else "commune")
        )
        out.append(Resident(f"{RESIDENT_PREFIX}{n + 1:03d}", name, year, home))
    return out


@dataclass
class ConsultationsSeedReport:
    created: bool = False
    participants: int = 0


def _residents_ensure(places: DemoPlaces) -> list[User]:
    near = (
        Unit.objects.filter(parent=places.province, kind__in=Unit.COMMUNE_KINDS)
        .exclude(pk__in=[places.commune.pk, places.ward.pk])
        .order_by("code")
        .first()
    )
    homes = {"commune": places.commune, "ward": places.ward, "near": near or places.commune}
    users = []
    for resident in residents():
        user = User.objects.filter(username=resident.username).first()
        if user is None:
            user = User(username=resident.username, email=f"{resident.username}@example.com")
            user.set_unusable_password()
        user.full_name = resident.full_name
        user.birth_year = resident.birth_year
        user.home_unit = homes.get(resident.home)
        user.save()
        users.append(user)
    return users


@transaction.atomic
def demo_consultations_seed(*, places: DemoPlaces) -> ConsultationsSeedReport:
    """Create, open and fill the demo consultation (nothing if it is there already)."""
    report = ConsultationsSeedReport()
    committee = Unit.objects.get(code=world.COMMUNE_COMMITTEE.code)
    if Consultation.objects.filter(unit=committee, title=TITLE).exists():
        return report
    head = User.objects.get(username=cast.COMMUNE_HEAD.username)
    now = timezone.now()
    opened = now - dt.timedelta(days=DAYS_OPEN)
    consultation = consultation_create(
        unit=committee,
        title=TITLE,
        actor=head,
        kind=Consultation.Kind.COMMUNE_MATTER,
        summary=SUMMARY,
    )
    draft_import(consultation=consultation, draft=draft_read(text=DRAFT), actor=head)
    consultation = consultation_open(consultation=consultation, actor=head, now=opened)
    people = _residents_ensure(places)
    people += list(
        User.objects.filter(
            username__in=[
                cast.CITIZEN.username,
                cast.WARD_CITIZEN.username,
                cast.MULTI_ROLE.username,
            ]
        ).order_by("username")
    )
    at_meeting: list[tuple[int, str]] = []
    for n, person in enumerate(people):
        when = min(opened + dt.timedelta(days=n % (DAYS_OPEN + 1), hours=1 + (n * 5) % 12), now)
        if n % 8 == 5:
            # At the residents' meeting or on a paper form: recorded by the commune's staff.
            at_meeting.append((person.pk, "meeting" if n % 16 == 5 else "paper"))
            continue
        choices = {a: "agree" if (n + i) % 4 else "disagree" for i, a in enumerate(ARTICLES)}
        votes_cast(consultation=consultation, participant=person, choices=choices, now=when)
        if n % 7 == 0:
            comment_add(
                consultation=consultation,
                participant=person,
                anchor=ARTICLES[n % len(ARTICLES)],
                text="Đề nghị niêm yết công khai dự thảo tại nhà văn hóa các thôn.",
                submission_key=f"demo-{n}",
                now=when,
            )
        report.participants += 1
    report.participants += participants_note_many(
        consultation_id=consultation.pk, entries=at_meeting, now=opened + dt.timedelta(days=3)
    )
    report.created = True
    return report


@transaction.atomic
def demo_consultations_reset() -> int:
    """Delete the demo consultation (votes, comments, participants with it) and the demo
    residents; return the number of rows deleted."""
    removed = 0
    demo = Consultation.objects.filter(unit__code=world.COMMUNE_COMMITTEE.code, title=TITLE)
    # Comments first: they PROTECT the draft version that the consultation cascades to.
    removed += Comment.objects.filter(consultation__in=demo).delete()[0]
    removed += demo.delete()[0]
    removed += User.objects.filter(username__startswith=RESIDENT_PREFIX).delete()[0]
    return removed
