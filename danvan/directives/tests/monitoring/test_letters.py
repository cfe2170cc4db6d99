"""Urging letters: Word content (Party and State frames), numbering, notifications, retries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.db import IntegrityError
from docx import Document as DocxDocument

from danvan.core.docx_layout import MOTTO, NATION, PARTY_NAME, Signer
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import NumberCounter, UrgingLetter
from danvan.directives.services.monitoring import (
    default_working_days,
    urging_letters_generate,
)
from danvan.directives.tests.monitoring.conftest import VN, Seed
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def docx_text(data: bytes) -> str:
    """Every paragraph of the document, the tables' cells included, one per line."""
    document = DocxDocument(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def generate(seed: Seed, key: str = "k1", **kwargs: object) -> list[UrgingLetter]:
    options: dict[str, object] = {
        "directive": seed.directive,
        "actor": seed.world.commission_officer,
        "per_unit": False,
        "working_days": 5,
        "key": key,
    }
    options.update(kwargs)
    return urging_letters_generate(**options)  # type: ignore[arg-type]


def test_one_party_letter_to_all_late_units_lists_each_units_items(seed: Seed) -> None:
    # given the commission (a Party body) whose directive has two late units
    c0, _c1, c2 = seed.world.committees
    # when one letter is generated for all of them
    (letter,) = generate(seed)
    text = docx_text(bytes(letter.content))
    # then it carries the Party frame and the Party number of a công văn
    assert letter.number == "01-CV/BTGDVTU"
    assert PARTY_NAME in text
    assert MOTTO not in text
    assert NATION not in text
    assert "TỈNH ỦY HƯNG YÊN" in text
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in text
    assert "Số 01-CV/BTGDVTU" in text
    assert "V/v đôn đốc thực hiện Chỉ thị số 33/CT-TTg" in text
    assert "Hưng Yên, ngày 16 tháng 3 năm 2026" in text
    # and the body cites the directive with its date and lists each unit's items
    assert (
        "Thực hiện Chỉ thị số 33/CT-TTg ngày 20 tháng 12 năm 2021 của Thủ tướng Chính phủ "
        "về tiếp tục tăng cường, đổi mới công tác dân vận" in text
    )
    assert f"1. {c2.name}" in text
    assert f"2. {c0.name}" in text
    assert (
        "- Nhiệm vụ 1. Tổ chức hội nghị đối thoại với Nhân dân "
        "(hạn hoàn thành ngày 10 tháng 3 năm 2026);" in text
    )
    assert "- Báo cáo quý I năm 2026 (hạn gửi ngày 13 tháng 3 năm 2026);" in text
    assert "Xây dựng mô hình “Dân vận khéo” ở khu dân cư (hạn hoàn thành ngày 02 tháng 3" in text
    # and the new deadline is five working days later, with the recipients and signature
    assert letter.new_due_on == dt.date(2026, 3, 23)
    assert "chậm nhất ngày 23 tháng 3 năm 2026" in text
    assert "Nơi nhận:" in text
    assert f"- {c0.name};" in text
    assert f"- {c2.name};" in text
    assert "- Tỉnh ủy Hưng Yên (để báo cáo);" in text
    assert "TRƯỞNG BAN" in text
    assert "Nguyễn Văn Trưởng" in text  # the commission's head signs by default
    # and the snapshot and the recipients are kept
    assert set(letter.recipients.values_list("pk", flat=True)) == {c0.pk, c2.pk}
    assert [entry["unit_id"] for entry in letter.items] == [c2.pk, c0.pk]
    assert letter.items[0]["items"][1] == {
        "kind": "report",
        "id": letter.items[0]["items"][1]["id"],
        "label": "Báo cáo quý I năm 2026",
        "due_on": "2026-03-13",
    }


def test_one_letter_per_unit_numbers_01_then_02(seed: Seed) -> None:
    # given the two late units of the directive
    c0, _c1, c2 = seed.world.committees
    # when one letter per unit is generated
    letters = generate(seed, per_unit=True)
    # then two letters follow each other in the Party series of công văn
    assert [letter.number for letter in letters] == ["01-CV/BTGDVTU", "02-CV/BTGDVTU"]
    first, second = (docx_text(bytes(letter.content)) for letter in letters)
    # each to its unit alone, with its items only
    assert f"Kính gửi: {c2.name}." in first
    assert "Báo cáo quý I năm 2026" in first
    assert "Dân vận khéo" not in first
    assert f"Kính gửi: {c0.name}." in second
    assert "Dân vận khéo" in second
    assert "Báo cáo quý I" not in second
    assert list(letters[1].recipients.values_list("pk", flat=True)) == [c0.pk]


def test_a_state_body_writes_with_the_national_motto_and_no_type_segment(seed: Seed) -> None:
    # given the province's People's Committee, a State body, with one late unit
    c1 = seed.world.committees[1]
    # when it urges, signed by its chair
    (letter,) = generate(
        seed,
        directive=seed.state_directive,
        actor=seed.province_chair,
        signer=Signer(name="Phạm Văn Chủ", title="Chủ tịch"),
    )
    text = docx_text(bytes(letter.content))
    # then the State frame: motto, "Số: 01/UBND" (a công văn has no type segment)
    assert letter.number == "01/UBND"
    assert NATION in text
    assert MOTTO in text
    assert PARTY_NAME not in text
    assert "Số: 01/UBND" in text
    assert "V/v đôn đốc thực hiện Kế hoạch số 125/KH-UBND" in text
    assert (
        "Thực hiện Kế hoạch số 125/KH-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân "
        "tỉnh Hưng Yên về thực hiện Quy chế dân chủ ở cơ sở năm 2026" in text
    )
    assert f"Kính gửi: {c1.name}." in text
    assert "TM. ỦY BAN NHÂN DÂN" in text
    assert "CHỦ TỊCH" in text
    assert "Phạm Văn Chủ" in text


def test_party_numbers_run_on_through_new_year_state_numbers_restart(seed: Seed) -> None:
    # given letters of both bodies on 30 December 2026 and on 4 January 2027
    def both(day: dt.date, key: str) -> tuple[str, str]:
        with time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=VN), tick=False):
            party = generate(seed, key=f"p{key}", today=day)[0].number
            state = generate(
                seed,
                key=f"s{key}",
                today=day,
                directive=seed.state_directive,
                actor=seed.province_chair,
            )[0].number
        return party, state

    # when the bodies urge on each day
    december = both(dt.date(2026, 12, 30), "1")
    january = both(dt.date(2027, 1, 4), "2")
    # then the Party series goes on within its term; the State series restarts on 1 January
    assert december == ("01-CV/BTGDVTU", "01/UBND")
    assert january == ("02-CV/BTGDVTU", "01/UBND")


def test_the_new_deadline_skips_holidays_and_is_configurable(seed: Seed) -> None:
    # given Friday 24 April 2026: the Hùng Kings day off (27/4), 30/4 and 1/5 follow
    day = dt.date(2026, 4, 24)
    # when the letter gives five working days
    (letter,) = generate(seed, today=day)
    # then the deadline is 6 May, not 1 May
    assert letter.new_due_on == dt.date(2026, 5, 6)
    assert default_working_days() == 5


def test_a_retried_generation_takes_no_second_number(seed: Seed) -> None:
    # given a generation that went through
    first = generate(seed, per_unit=True)
    notified = Notification.objects.count()
    # when the same form is sent again (double click, retried request)
    again = generate(seed, per_unit=True)
    # then the same letters come back; no number was taken, nobody notified twice
    assert [letter.pk for letter in again] == [letter.pk for letter in first]
    assert UrgingLetter.objects.count() == 2
    assert NumberCounter.objects.get(unit=seed.world.commission).last == 2
    assert Notification.objects.count() == notified
    # and a new form (a new key) takes the next number
    assert generate(seed, key="k2")[0].number == "03-CV/BTGDVTU"


def test_the_database_refuses_two_letters_with_the_same_key_and_index(seed: Seed) -> None:
    (letter,) = generate(seed)
    twin = UrgingLetter(
        directive=letter.directive,
        unit=letter.unit,
        number="99-CV/BTGDVTU",
        issued_on=letter.issued_on,
        content=b"x",
        batch=letter.batch,
        batch_index=0,
    )
    with pytest.raises(IntegrityError):
        twin.save()


def test_each_unit_is_notified_of_its_own_items_only(seed: Seed) -> None:
    # given the officers of committees 0 and 2 (late) and 1 (not late)
    o0, o1, o2 = seed.world.commune_officers
    # when one letter goes to all late units
    (letter,) = generate(seed)
    # then each late unit's officer is told, with the letter's link and their own items
    n0 = Notification.objects.get(recipient=o0)
    n2 = Notification.objects.get(recipient=o2)
    assert n0.url == f"/chi-dao/theo-doi/cong-van/{letter.pk}/"
    assert "01-CV/BTGDVTU" in n0.title
    assert "Dân vận khéo" in n0.body
    assert "quý I" not in n0.body
    assert "quý I" in n2.body
    assert "Dân vận khéo" not in n2.body
    assert "02/03/2026" in n0.body  # due date
    assert "23/03/2026" in n0.body  # new deadline
    assert not Notification.objects.filter(recipient=o1).exists()


def test_only_the_units_chosen_are_urged(seed: Seed) -> None:
    c0, c1, _c2 = seed.world.committees
    (letter,) = generate(seed, unit_ids=[c0.pk])
    assert list(letter.recipients.values_list("pk", flat=True)) == [c0.pk]
    with pytest.raises(ApplicationError):
        generate(seed, key="k2", unit_ids=[c1.pk])  # not late: nothing to urge


def test_the_number_of_working_days_is_bounded(seed: Seed) -> None:
    with pytest.raises(ApplicationError):
        generate(seed, working_days=0)
    with pytest.raises(ApplicationError):
        generate(seed, working_days=61)
    assert not UrgingLetter.objects.exists()


def test_without_a_key_each_generation_is_new(seed: Seed) -> None:
    assert generate(seed, key="")[0].number == "01-CV/BTGDVTU"
    assert generate(seed, key="")[0].number == "02-CV/BTGDVTU"


def test_a_round_not_titled_as_a_report_is_named_a_report(seed: Seed) -> None:
    # given an overdue round titled "Sơ kết 5 năm …" for committee 1
    from danvan.directives.models import UnitReport
    from danvan.directives.tests.monitoring.conftest import make_round

    c1 = seed.world.committees[1]
    make_round(
        seed.directive,
        seed.world.commission,
        "Sơ kết 5 năm thực hiện Chỉ thị",
        dt.date(2026, 3, 6),
        {c1: UnitReport.Status.RETURNED},
    )
    # when committee 1 is urged
    (letter,) = generate(seed, unit_ids=[c1.pk])
    # then the letter and the notification call it a report
    text = docx_text(bytes(letter.content))
    assert "- Báo cáo Sơ kết 5 năm thực hiện Chỉ thị (hạn gửi ngày 06 tháng 3 năm 2026);" in text
    body = Notification.objects.get(recipient=seed.world.commune_officers[1]).body
    assert "Sơ kết 5 năm thực hiện Chỉ thị (" in body
    assert "Sơ kết 5 năm thực hiện Chỉ thị" not in body.split("\n")[0]
