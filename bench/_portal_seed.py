"""The national-scale demo database of ``bench/portal.py``: the official map, agencies, the
"Dân vận khéo" registry and the public records the portal serves.

Rows are written in bulk, never through the services: the services check and audit each
write one at a time, which is right for people and far too slow for a million rows. On
PostgreSQL every table is written with one ``COPY`` (psycopg 3 ``cursor.copy``), elsewhere
with ``bulk_create`` in batches of 5,000. Primary keys are given here (and the sequences set
after), so that rows pointing at rows just written need no read-back.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=VN)
YEARS = (2021, 2022, 2023, 2024, 2025, 2026)
BATCH = 5_000

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương",
            "Lý", "Phan", "Võ", "Huỳnh", "Hồ", "Đinh", "Lò", "Hà", "Mai")  # fmt: skip
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang", "Thu", "Kim", "Xuân")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh",
         "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến", "Khánh",
         "Nhung", "Thắng", "Hoa", "Tâm")  # fmt: skip
DEPARTMENTS = (
    ("so-nnmt", "Sở Nông nghiệp và Môi trường"),
    ("so-yte", "Sở Y tế"),
    ("so-gddt", "Sở Giáo dục và Đào tạo"),
    ("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch"),
)

# "Dân vận khéo" titles: what was done, for whom or what, and where (DOMAIN §9.1 fields).
TITLE_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "economy": (
        ("Dân vận khéo trong", "Vận động nhân dân tham gia", "Hỗ trợ", "Liên kết"),
        ("phát triển kinh tế hộ gia đình", "xây dựng nông thôn mới nâng cao",
         "chuyển đổi cơ cấu cây trồng", "trồng cây ăn quả theo chuỗi giá trị",
         "nuôi ong lấy mật", "hiến đất mở rộng đường giao thông nông thôn",
         "sản phẩm OCOP", "giảm nghèo bền vững", "chuyển đổi số trong sản xuất",
         "tổ hợp tác trồng rau an toàn", "du lịch cộng đồng"),
    ),
    "culture_society": (
        ("Dân vận khéo trong", "Vận động", "Xây dựng", "Phát huy"),
        ("xây dựng khu dân cư văn hóa", "phân loại rác thải tại nguồn",
         "tuyến đường hoa tự quản", "bài trừ hủ tục trong việc cưới, việc tang",
         "quỹ khuyến học dòng họ", "chăm sóc người cao tuổi cô đơn",
         "thư viện cộng đồng", "giữ gìn bản sắc văn hóa dân tộc", "phòng chống đuối nước trẻ em"),
    ),
    "defence_security": (
        ("Dân vận khéo trong", "Xây dựng", "Vận động quần chúng"),
        ("tổ an ninh trật tự cơ sở", "camera an ninh khu dân cư",
         "phòng, chống ma túy", "tự quản đường biên, mốc giới",
         "giáo dục thanh thiếu niên chậm tiến", "khu dân cư an toàn về phòng cháy"),
    ),
    "party_building": (
        ("Dân vận khéo trong", "Đổi mới", "Nâng cao chất lượng"),
        ("sinh hoạt chi bộ", "tiếp xúc, đối thoại với nhân dân",
         "cải cách thủ tục hành chính", "giải quyết kiến nghị của cử tri",
         "dân vận chính quyền", "thực hiện dân chủ ở cơ sở", "chuyển đổi số trong tiếp công dân"),
    ),
}  # fmt: skip
WHERE = ("tại {commune}", "ở {commune}", "của Hội Nông dân {commune}",
         "của Hội Phụ nữ {commune}", "của Đoàn Thanh niên {commune}",
         "của Mặt trận Tổ quốc {commune}", "tại các thôn {commune}")  # fmt: skip
DISCLOSURE_TITLES = (
    "Kế hoạch phát triển kinh tế - xã hội năm {year}",
    "Dự toán ngân sách năm {year}",
    "Quyết toán ngân sách năm {year}",
    "Danh sách hộ nghèo, hộ cận nghèo năm {year}",
    "Kế hoạch sử dụng đất năm {year}",
    "Danh sách công dân nhập ngũ năm {year}",
    "Kết quả thanh tra công vụ năm {year}",
    "Phương án bồi thường, hỗ trợ giải phóng mặt bằng đợt {n}",
    "Danh sách hộ được hỗ trợ nhà ở đợt {n}",
    "Thu, chi quỹ phòng, chống thiên tai năm {year}",
)
CONSULTATION_TITLES = (
    "Dự thảo Quy chế thực hiện dân chủ ở cơ sở",
    "Dự thảo Quy ước thôn",
    "Dự thảo Kế hoạch xây dựng nông thôn mới giai đoạn 2026-2030",
    "Dự thảo Nghị quyết về phí, lệ phí",
    "Dự thảo Phương án chỉnh trang đô thị",
)
ANSWER_SUBJECTS = (
    "Kiến nghị sửa chữa đường liên thôn",
    "Phản ánh ô nhiễm tiếng ồn từ cơ sở sản xuất",
    "Kiến nghị lắp đèn chiếu sáng công cộng",
    "Phản ánh chậm cấp giấy chứng nhận quyền sử dụng đất",
    "Kiến nghị nạo vét kênh mương nội đồng",
    "Phản ánh tình trạng lấn chiếm vỉa hè",
)


@dataclass
class Sizes:
    """How many rows to make; ``records`` is shared among the public datasets."""

    models: int = 100_000
    records: int = 1_000_000

    @classmethod
    def scaled(cls, scale: float) -> Sizes:
        return cls(models=max(1, round(100_000 * scale)), records=max(1, round(1_000_000 * scale)))


@dataclass
class World:
    """What the seed made that the load and the peer need."""

    provinces: list[Any] = field(default_factory=list)  # Unit
    communes: list[Any] = field(default_factory=list)  # Unit
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- writing


class Writer:
    """Bulk rows into one table: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.

    Rows are dicts by attribute name (``unit_id``, not ``unit``); missing fields take the
    model's default, computed once per table (a callable default such as ``dict`` gives
    every row an equal, separate value once written). ``id`` is given by the caller.
    """

    def __init__(self, model: Any) -> None:
        from django.db import connection

        self.model = model
        self.connection = connection
        self.fields = list(model._meta.concrete_fields)
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.primary_key:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = NOW
            else:
                self.defaults[f.attname] = f.get_default()
        self.prepare: list[Callable[[Any], Any]] = [self._preparer(f) for f in self.fields]

    def _preparer(self, model_field: Any) -> Callable[[Any], Any]:
        """JSON and bytes go through the field's own adaptation; the rest as they are."""
        if model_field.get_internal_type() in ("JSONField", "BinaryField"):
            connection = self.connection

            def prepare(value: Any) -> Any:
                return model_field.get_db_prep_save(value, connection)

            return prepare
        return _same

    def next_id(self) -> int:
        latest = self.model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return int(latest or 0) + 1

    def write(self, rows: Iterable[dict[str, Any]]) -> int:
        if self.connection.vendor == "postgresql":
            return self._copy(rows)
        return self._bulk(rows)

    def _full(self, row: dict[str, Any]) -> dict[str, Any]:
        return {**self.defaults, **row}

    def _copy(self, rows: Iterable[dict[str, Any]]) -> int:
        table = self.connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(self.connection.ops.quote_name(f.column) for f in self.fields)
        names = [f.attname for f in self.fields]
        count = 0
        with self.connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    full = self._full(row)
                    copy.write_row(
                        [prep(full[name]) for prep, name in zip(self.prepare, names, strict=True)]
                    )
                    count += 1
            from django.core.management.color import no_style

            for statement in self.connection.ops.sequence_reset_sql(no_style(), [self.model]):
                cursor.execute(statement)
        return count

    def _bulk(self, rows: Iterable[dict[str, Any]]) -> int:
        count, batch = 0, []
        for row in rows:
            batch.append(self.model(**self._full(row)))
            if len(batch) >= BATCH:
                self.model.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        if batch:
            self.model.objects.bulk_create(batch)
            count += len(batch)
        return count


def _same(value: Any) -> Any:
    return value


def _write(model: Any, make: Callable[[int], Iterator[dict[str, Any]]]) -> int:
    """Write the rows ``make(first_id)`` yields into ``model``'s table."""
    return _write_from(model, make)[1]


def _write_from(model: Any, make: Callable[[int], Iterator[dict[str, Any]]]) -> tuple[int, int]:
    """Like :func:`_write`; also the first id given."""
    writer = Writer(model)
    first = writer.next_id()
    return first, writer.write(make(first))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _share(total: int, weights: dict[str, int]) -> dict[str, int]:
    """``total`` split by ``weights``; the rounding goes to the first."""
    whole = sum(weights.values())
    parts = {name: total * weight // whole for name, weight in weights.items()}
    first = next(iter(parts))
    parts[first] += total - sum(parts.values())
    return parts


# --------------------------------------------------------------------------- units


def seed_units(world: World) -> None:
    """The official map with each place's bodies (``load_units --with-bodies``), and a few
    departments per province: the agencies that disclose to their staff and register models."""
    from danvan.units.models import Unit
    from danvan.units.services import units_load_official

    units_load_official(with_bodies=True)
    provinces = list(Unit.objects.filter(kind__in=Unit.PROVINCE_KINDS).order_by("code"))
    departments = []
    for province in provinces:
        for suffix, name in DEPARTMENTS:
            unit = Unit(
                code=f"{province.code}-{suffix}",
                name=f"{name} {province.name}",
                kind=Unit.Kind.DEPARTMENT,
                parent=province,
            )
            unit.refresh_derived_fields()
            departments.append(unit)
    Unit.objects.bulk_create(departments, batch_size=BATCH)
    world.provinces = provinces
    world.communes = list(
        Unit.objects.filter(kind__in=Unit.COMMUNE_KINDS).select_related("parent").order_by("code")
    )
    world.counts["units"] = Unit.objects.count()


# --------------------------------------------------------------------------- the registry


def seed_exemplars(world: World, count: int, rng: random.Random) -> None:
    """``count`` models and examples, most recognised, with their recognition decisions.

    Each is registered by a commune's People's Committee (nine in ten) or a provincial
    department, carried out in that commune or province; years 2021–2026; a tenth removed
    as ineffective, a quarter still waiting for the year-end evaluation.
    """
    from danvan.emulation.models import Exemplar, Recognition
    from danvan.units.folding import fold_for_search
    from danvan.units.models import Unit

    committees = dict(
        Unit.objects.filter(kind=Unit.Kind.PEOPLES_COMMITTEE).values_list("parent_id", "id")
    )
    departments: dict[int, list[int]] = {}
    for unit_id, parent_id in Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).values_list(
        "id", "parent_id"
    ):
        departments.setdefault(parent_id, []).append(unit_id)
    commissions = {
        unit.path.split("/")[1]: unit.pk
        for unit in Unit.objects.filter(kind=Unit.Kind.PARTY_COMMISSION)
        if unit.path.count("/") >= 2
    }
    country = Unit.objects.get(code="VN")
    central = Unit.objects.filter(
        kind=Unit.Kind.PARTY_COMMISSION, path__startswith="VN/VN-"
    ).first()
    fields = list(TITLE_PARTS)
    recognitions: list[dict[str, Any]] = []
    seen: set[tuple[int, int, str]] = set()

    def rows(first: int) -> Iterator[dict[str, Any]]:
        for n in range(count):
            pk = first + n
            commune = rng.choice(world.communes)
            province = commune.parent
            by_department = rng.random() < 0.1 and departments.get(province.pk)
            unit_id = rng.choice(departments[province.pk]) if by_department else None
            unit_id = unit_id or committees.get(commune.pk, commune.pk)
            place_id = province.pk if by_department else commune.pk
            year = rng.choice(YEARS)
            field_code = fields[n % 4] if rng.random() < 0.5 else rng.choice(fields)
            actions, objects = TITLE_PARTS[field_code]
            short = commune.name.split(" ", 1)[-1]
            title = ""
            for attempt in range(20):
                title = (
                    f"{rng.choice(actions)} {rng.choice(objects)} "
                    f"{rng.choice(WHERE).format(commune=short)}"
                )
                if attempt >= 10:
                    title += f" (mô hình {attempt - 9})"
                if (unit_id, year, title) not in seen:
                    break
            seen.add((unit_id, year, title))
            is_example = rng.random() < 0.15
            roll = rng.random()
            status = "removed" if roll < 0.1 else "registered" if roll < 0.25 else "recognised"
            if year == 2026 and status == "recognised" and rng.random() < 0.6:
                status = "registered"  # this year's evaluation is not over for most
            level = (
                "central"
                if rng.random() < 0.01
                else "provincial"
                if rng.random() < 0.2
                else "commune"
            )
            outstanding = status == "recognised" and rng.random() < 0.08
            person = _person(rng) if is_example else ""
            row: dict[str, Any] = {
                "id": pk,
                "unit_id": unit_id,
                "place_id": place_id,
                "kind": "example" if is_example else "model",
                "field": field_code,
                "level": "commune" if level == "central" else level,
                "title": title,
                "year": year,
                "period_start": dt.date(year, rng.randint(1, 3), rng.randint(1, 28)),
                "problem": "Người dân còn ngại tham gia; cần cách vận động phù hợp.",
                "actions": "Họp dân, tuyên truyền qua loa truyền thanh, cán bộ đến từng hộ.",
                "results": f"{rng.randint(20, 900)} hộ tham gia; thu nhập bình quân tăng "
                f"{rng.randint(5, 40)} phần trăm.",
                "participant_count": rng.randint(10, 2000),
                "person_name": person,
                "person_title": "Trưởng thôn" if is_example else "",
                "status": status,
                "search_text": fold_for_search(f"{title} {person}"),
            }
            if status == "removed":
                row["removed_on"] = dt.date(min(year + 1, 2026), 1, 15)
                row["removed_reason"] = "Không duy trì được hiệu quả sau đánh giá cuối năm."
            if status == "recognised":
                row["recognised_level"] = level
                row["recognised_year"] = year
                row["is_outstanding"] = outstanding
                issuer = {
                    "commune": committees.get(commune.pk, commune.pk),
                    "provincial": commissions.get(province.code, province.pk),
                    "central": central.pk if central else country.pk,
                }[level]
                recognitions.append(
                    {
                        "exemplar_id": pk,
                        "level": level,
                        "year": year,
                        "decision_number": f"{rng.randint(1, 999)}/QĐ-KT",
                        "decision_date": dt.date(year, 12, rng.randint(10, 28)),
                        "issuer_id": issuer,
                        "is_outstanding": outstanding,
                    }
                )
            yield row

    world.counts["models"] = _write(Exemplar, rows)

    def recognition_rows(first: int) -> Iterator[dict[str, Any]]:
        for n, row in enumerate(recognitions):
            yield {"id": first + n, **row}

    world.counts["recognitions"] = _write(Recognition, recognition_rows)


# --------------------------------------------------------------------------- public records


def _disclosures(world: World, count: int, rng: random.Random) -> int:
    """Commune disclosures (Art 11), each with its posting on the portal."""
    from danvan.democracy.models import Disclosure, DisclosurePosting

    def rows(first: int) -> Iterator[dict[str, Any]]:
        for n in range(count):
            commune = world.communes[n % len(world.communes)]
            turn = n // len(world.communes)  # the commune's n-th item: a date of its own
            year = YEARS[turn % len(YEARS)]
            item = rng.randint(1, 14)
            decided = dt.date(year, 1, 2) + dt.timedelta(days=turn // len(YEARS) * 7 % 360)
            yield {
                "id": first + n,
                "unit_id": commune.pk,
                "category": f"commune_{item:02d}",
                "title": rng.choice(DISCLOSURE_TITLES).format(year=year, n=n),
                "document_number": f"{rng.randint(1, 400)}/QĐ-UBND",
                "decided_on": decided,
                "due_on": decided + dt.timedelta(days=7),
                "forms": ["a", "b"],
                "posting_days": 30,
            }

    start, written = _write_from(Disclosure, rows)

    def postings(first_posting: int) -> Iterator[dict[str, Any]]:
        for n in range(written):
            yield {
                "id": first_posting + n,
                "disclosure_id": start + n,
                "channel": "portal",
                "posted_from": dt.date(2026, 1, 1) + dt.timedelta(days=n % 300),
            }

    _write(DisclosurePosting, postings)
    return written


def _reception_days(world: World, count: int, rng: random.Random) -> int:
    """The commune chairs' published reception days (one a week, held or planned)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from danvan.petitions.models import ReceptionScheduleDay
    from danvan.units.models import Unit, User

    committees = list(Unit.objects.filter(kind=Unit.Kind.PEOPLES_COMMITTEE).order_by("pk"))
    password = make_password(None)
    writer = Writer(User)
    first_user = writer.next_id()
    writer.write(
        {
            "id": first_user + n,
            "username": f"chutich-{unit.code.lower()}",
            "password": password,
            "full_name": _person(rng),
            "date_joined": NOW,
        }
        for n, unit in enumerate(committees)
    )
    from danvan.units.models import RoleAssignment

    _write(
        RoleAssignment,
        lambda first: (
            {
                "id": first + n,
                "user_id": first_user + n,
                "unit_id": unit.pk,
                "role": RoleAssignment.Role.HEAD,
                "title": "Chủ tịch Ủy ban nhân dân",
            }
            for n, unit in enumerate(committees)
        ),
    )
    per_unit = max(1, -(-count // len(committees)))
    # The coming weeks: only days from today on are public (the schedule looks ahead).
    start_day = timezone.localdate() + dt.timedelta(days=1)

    def rows(first: int) -> Iterator[dict[str, Any]]:
        n = 0
        for week in range(per_unit):
            day = start_day + dt.timedelta(days=7 * week)
            for index, unit in enumerate(committees):
                if n >= count:
                    return
                yield {
                    "id": first + n,
                    "unit_id": unit.pk,
                    "head_id": first_user + index,
                    "date": day,
                    "start_time": dt.time(8, 0),
                    "end_time": dt.time(11, 30),
                    "place": f"Trụ sở {unit.name}",
                    "status": "planned",
                }
                n += 1

    return _write(ReceptionScheduleDay, rows)


def _consultations(world: World, count: int, rng: random.Random) -> int:
    """Drafts put out for comment by communes (open, closed or reported)."""
    from danvan.consultations.models import Consultation

    def rows(first: int) -> Iterator[dict[str, Any]]:
        for n in range(count):
            commune = world.communes[n % len(world.communes)]
            opens = NOW - dt.timedelta(days=rng.randint(1, 1500))
            closes = opens + dt.timedelta(days=30)
            yield {
                "id": first + n,
                "title": f"{rng.choice(CONSULTATION_TITLES)} {commune.name}",
                "summary": "Lấy ý kiến nhân dân theo Luật Thực hiện dân chủ ở cơ sở.",
                "slug": f"bench-{first + n:08d}",
                "unit_id": commune.pk,
                "kind": "commune_matter",
                "audience": "everyone",
                "status": "open" if closes > NOW else rng.choice(("closed", "reported")),
                "opens_at": opens,
                "closes_at": closes,
                "created_at": opens,
            }

    return _write(Consultation, rows)


def _answers(world: World, count: int, rng: random.Random) -> int:
    """Answered petitions whose redacted answers the heads published."""
    from danvan.petitions.models import Case, CaseAnswer

    committees: dict[int, int] = {}
    from danvan.units.models import Unit

    committees = dict(
        Unit.objects.filter(kind=Unit.Kind.PEOPLES_COMMITTEE).values_list("parent_id", "id")
    )
    writer = Writer(Case)
    first_case = writer.next_id()

    def cases() -> Iterator[dict[str, Any]]:
        for n in range(count):
            commune = world.communes[n % len(world.communes)]
            unit_id = committees.get(commune.pk, commune.pk)
            received = NOW - dt.timedelta(days=rng.randint(30, 1800))
            yield {
                "id": first_case + n,
                "tracking_code": f"B{first_case + n:011d}",
                "kind": "petition",
                "channel": "web",
                "status": "answered",
                "subject": rng.choice(ANSWER_SUBJECTS),
                "content": "Nội dung kiến nghị (dữ liệu thử nghiệm).",
                "received_at": received,
                "received_on": received.date(),
                "receiving_unit_id": unit_id,
                "unit_id": unit_id,
            }

    writer.write(cases())

    def answers(first: int) -> Iterator[dict[str, Any]]:
        for n in range(count):
            published = (NOW - dt.timedelta(days=rng.randint(1, 1700))).date()
            yield {
                "id": first + n,
                "case_id": first_case + n,
                "body": "Trả lời kiến nghị (dữ liệu thử nghiệm).",
                "drafted_at": NOW,
                "sent_at": NOW,
                "published": True,
                "published_title": rng.choice(ANSWER_SUBJECTS),
                "published_body": "Ủy ban nhân dân đã kiểm tra và giao đơn vị xử lý; "
                "[đã che] được thông báo kết quả.",
                "published_on": published,
            }

    return _write(CaseAnswer, answers)


# Share of the public records each dataset gets (a commune discloses far more than it answers).
# Keys are the portal's dataset slugs (danvan/portal/records.py). Reception days are public
# only from today on: a tenth of the records is 30 weeks of weekly days per commune.
RECORD_DATASETS: dict[str, tuple[int, Callable[[World, int, random.Random], int]]] = {
    "disclosures": (60, _disclosures),
    "petition-answers": (25, _answers),
    "reception-schedules": (10, _reception_days),
    "consultations": (5, _consultations),
}


def seed_records(world: World, count: int, rng: random.Random) -> None:
    shares = _share(count, {name: weight for name, (weight, _f) in RECORD_DATASETS.items()})
    for name, (_weight, seed) in RECORD_DATASETS.items():
        world.counts[name] = seed(world, shares[name], rng)


def seed(sizes: Sizes, rng: random.Random) -> World:
    """The whole demo database; ``world.seconds`` times each part."""
    import time

    from django.db import transaction

    world = World()
    steps: tuple[tuple[str, Callable[[], None]], ...] = (
        ("units", lambda: seed_units(world)),
        ("models", lambda: seed_exemplars(world, sizes.models, rng)),
        ("records", lambda: seed_records(world, sizes.records, rng)),
    )
    for name, step in steps:
        started = time.perf_counter()
        with transaction.atomic():
            step()
        world.seconds[name] = time.perf_counter() - started
    return world


def biggest_dataset() -> str:
    """The dataset with the most public rows (the portal's slug where it has one)."""
    return "disclosures"


def analyse() -> None:
    """Fresh planner statistics after the bulk load, as autovacuum would give them soon."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
