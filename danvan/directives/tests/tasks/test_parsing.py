"""Reading tasks out of a dispatch: items, units and their roles, deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.deadlines.engine import WorkingCalendar
from danvan.directives.selectors.tasks import unit_catalogue
from danvan.directives.services.tasks_parsing import (
    ANNUAL,
    COORDINATING,
    GROUP_COMMUNE_COMMITTEES,
    GROUP_COMMUNE_PARTY,
    GROUP_DEPARTMENTS,
    GROUP_MASS_ORGANISATIONS,
    MODE_CYCLE,
    MODE_DATE,
    MODE_ONGOING,
    MODE_WORKING_DAYS,
    QUARTERLY,
    RECIPIENT,
    RESPONSIBLE,
    SEMIANNUAL,
    CatalogueEntry,
    SuggestedTask,
    UnitCatalogue,
    find_units,
    fold,
    read_deadline,
    split_items,
    suggest_tasks,
    unit_aliases,
)
from danvan.directives.tests.tasks.conftest import DISPATCH, TaskWorld, make_directive

CALENDAR = WorkingCalendar()
NOV_2 = dt.date(2026, 11, 2)


def _by_position(suggestions: list[SuggestedTask]) -> dict[int, SuggestedTask]:
    return {s.position: s for s in suggestions}


@pytest.mark.django_db
def test_the_ten_tasks_of_the_dispatch_are_read_with_their_units_and_deadlines(
    tw: TaskWorld,
) -> None:
    # Given the commission's dispatch 125-CV/BTGDVTU followed up by the commission
    directive = make_directive(tw)
    catalogue = unit_catalogue(directive)

    # When its text is read
    found = _by_position(
        suggest_tasks(DISPATCH, catalogue=catalogue, reference_date=NOV_2, calendar=CALENDAR)
    )

    # Then the ten numbered items are the tasks, in order, without the preamble or recipients
    assert sorted(found) == list(range(1, 11))
    assert found[1].title.startswith("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tham mưu")
    assert "Nơi nhận" not in found[10].details
    # Item 1: "Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tham mưu Ủy ban nhân dân tỉnh …"
    roles = {p.unit_id: p.role for p in found[1].units}
    assert roles == {tw.home_affairs.pk: RESPONSIBLE, tw.justice.pk: COORDINATING}
    assert found[1].deadline.mode == MODE_DATE
    assert found[1].deadline.due_on == dt.date(2026, 12, 15)
    assert found[1].deadline.phrase == "trước ngày 15/12/2026"
    # Item 2: "Uỷ ban nhân dân các xã, phường" (old spelling) = every commune committee, and
    # the sub-points a), b) stay inside the item; the commission it reports to is not given it
    (group,) = found[2].groups
    assert group.key == GROUP_COMMUNE_COMMITTEES
    assert group.role == RESPONSIBLE
    assert set(group.unit_ids) == {c.pk for c in tw.committees}
    assert found[2].units == ()
    assert "a) Tổ chức hội nghị đối thoại" in found[2].details
    assert found[2].deadline.mode == MODE_CYCLE
    assert found[2].deadline.cycle == SEMIANNUAL
    # Item 3: the Front and the mass organisations, nobody else leading: they carry it out
    assert {p.unit_id: p.role for p in found[3].units} == {tw.front.pk: RESPONSIBLE}
    (mass,) = found[3].groups
    assert mass.key == GROUP_MASS_ORGANISATIONS
    assert set(mass.unit_ids) == {tw.farmers.pk, tw.women.pk}
    assert found[3].deadline.mode == MODE_ONGOING
    # Item 4: "UBND các xã, phường" after "phối hợp với" coordinate; quarter I/2027 ends 31/3
    assert {p.unit_id: p.role for p in found[4].units} == {tw.police.pk: RESPONSIBLE}
    assert found[4].groups[0].role == COORDINATING
    assert found[4].deadline.due_on == dt.date(2027, 3, 31)
    # Item 5: quarterly reports
    assert {p.unit_id for p in found[5].units} == {tw.culture.pk}
    assert found[5].deadline.cycle == QUARTERLY
    # Item 6: 10 working days from the dispatch's date (2/11/2026; 24/11 is a day off)
    assert {p.unit_id: p.role for p in found[6].units} == {
        tw.inspectorate.pk: RESPONSIBLE,
        tw.home_affairs.pk: COORDINATING,
    }
    assert found[6].deadline.mode == MODE_WORKING_DAYS
    assert found[6].deadline.working_days == 10
    assert found[6].deadline.counted_from == NOV_2
    assert found[6].deadline.due_on == dt.date(2026, 11, 16)
    # Item 7: "Các sở, ban, ngành tỉnh" = the province's departments; a date written in words
    (departments,) = found[7].groups
    assert departments.key == GROUP_DEPARTMENTS
    assert tw.home_affairs.pk in departments.unit_ids
    assert tw.committees[0].pk not in departments.unit_ids
    assert found[7].deadline.due_on == dt.date(2027, 6, 30)
    # Item 8: "Đề nghị Hội …, Hội … phối hợp với UBND xã Tiên Lữ": the societies lead
    assert {p.unit_id: p.role for p in found[8].units} == {
        tw.farmers.pk: RESPONSIBLE,
        tw.women.pk: RESPONSIBLE,
        tw.committees[0].pk: COORDINATING,
    }
    assert found[8].deadline.cycle == ANNUAL
    # Item 9: a department the province does not have is reported, not guessed
    assert found[9].units == ()
    assert found[9].unmatched == ("Sở Giáo dục và Đào tạo",)
    assert found[9].deadline.due_on == dt.date(2027, 3, 31)
    # Item 10: "báo cáo Ban Tuyên giáo và Dân vận Tỉnh ủy" is where the report goes
    assert {p.unit_id: p.role for p in found[10].units} == {tw.home_affairs.pk: RESPONSIBLE}
    assert found[10].unmatched == ()
    assert found[10].deadline.due_on == dt.date(2027, 1, 10)


PLAN = """KẾ HOẠCH
Thực hiện Kết luận số 114-KL/TW năm 2027
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, công chức về công tác dân vận.
2. Bảo đảm thiết thực, hiệu quả.
II. NHIỆM VỤ, GIẢI PHÁP
1. Tăng cường tuyên truyền về công tác dân vận chính quyền; thực hiện thường xuyên.
2. Nâng cao chất lượng tiếp công dân, đối thoại với Nhân dân.
a) UBND cấp xã tổ chức đối thoại định kỳ hằng quý.
b) Sở Tư pháp hướng dẫn nghiệp vụ.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ:
chủ trì theo dõi, hướng dẫn việc thực hiện Kế hoạch; tổng hợp báo cáo trước ngày 05/12.
2. Đảng ủy các xã, phường: lãnh đạo thực hiện Kế hoạch ở địa phương; sơ kết 6 tháng.
IV. KINH PHÍ
1. Kinh phí do ngân sách bảo đảm.
"""


def _catalogue() -> UnitCatalogue:
    province = ("Tỉnh Hưng Yên", "province")
    return UnitCatalogue(
        [
            CatalogueEntry(1, "Sở Nội vụ tỉnh Hưng Yên", "department", *province, True),
            CatalogueEntry(2, "Sở Tư pháp tỉnh Hưng Yên", "department", *province, True),
            CatalogueEntry(
                3, "Ủy ban nhân dân Xã Tiên Lữ", "peoples_committee", "Xã Tiên Lữ", "commune", False
            ),
            CatalogueEntry(
                4, "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên", "party_commission", *province, True
            ),
            CatalogueEntry(
                5,
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên",
                "fatherland_front",
                *province,
                True,
            ),
        ],
        groups={GROUP_COMMUNE_COMMITTEES: (3,), GROUP_DEPARTMENTS: (1, 2)},
    )


def test_a_plan_with_headings_gives_only_the_items_of_its_task_sections() -> None:
    # Given a plan whose tasks are under "NHIỆM VỤ, GIẢI PHÁP" and "TỔ CHỨC THỰC HIỆN"
    # When it is read
    found = suggest_tasks(PLAN, catalogue=_catalogue(), reference_date=NOV_2, calendar=CALENDAR)

    # Then the aims and the budget are not tasks; the labels carry their section
    assert [s.label for s in found] == ["II.1", "II.2", "III.1", "III.2"]
    assert [s.position for s in found] == [1, 2, 3, 4]
    # "UBND cấp xã" is the commune committees' group; "Sở Tư pháp" is named in b)
    assert {g.key for g in found[1].groups} == {GROUP_COMMUNE_COMMITTEES}
    assert {p.unit_id for p in found[1].units} == {2}
    assert found[1].deadline.cycle == QUARTERLY
    # "1. Sở Nội vụ:" opens with its unit: the title is what follows; "05/12" without a
    # year is the next 5 December after the plan's date
    assert found[2].title == "Chủ trì theo dõi, hướng dẫn việc thực hiện Kế hoạch"
    assert {p.unit_id: p.role for p in found[2].units} == {1: RESPONSIBLE}
    assert found[2].deadline.due_on == dt.date(2026, 12, 5)
    # A group with no unit in the remit is reported as not found; the title is capitalised
    assert found[3].title == "Lãnh đạo thực hiện Kế hoạch ở địa phương"
    assert found[3].groups == ()
    assert found[3].unmatched == ("Đảng ủy các xã, phường",)
    assert found[3].deadline.cycle == SEMIANNUAL


def test_lettered_items_are_the_tasks_when_there_are_no_numbered_ones() -> None:
    # Given a short dispatch listing its tasks as a), b), c), d), đ)
    text = "Đề nghị:\na) Sở Nội vụ rà soát.\nb) Sở Tư pháp thẩm định.\nc) Một.\nd) Hai.\nđ) Ba.\n"
    # When it is split
    items = split_items(text)
    # Then each letter is a task, đ after d in the Vietnamese alphabet
    assert [label for label, _body in items] == ["a", "b", "c", "d", "đ"]


def test_a_text_without_numbered_items_gives_no_suggestion() -> None:
    # Given prose only; When read; Then nothing is suggested
    assert suggest_tasks("Đề nghị các đơn vị thực hiện.", catalogue=_catalogue(),
                         reference_date=NOV_2) == []  # fmt: skip


def test_numbering_that_restarts_inside_an_item_stays_in_that_item() -> None:
    # Given item 2 with its own sub-list "1) 2)" and a stray "1." line
    text = "1. Việc thứ nhất.\n2. Việc thứ hai gồm:\n1) Phần một;\n2) Phần hai.\n3. Việc thứ ba.\n"
    # When it is split
    items = split_items(text)
    # Then there are three items and the sub-list belongs to the second
    assert [label for label, _body in items] == ["1", "2", "3"]
    assert "1) Phần một" in items[1][1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoàn thành trước ngày 15/12/2026", dt.date(2026, 12, 15)),
        ("chậm nhất ngày 05-01-2027", dt.date(2027, 1, 5)),
        ("trước ngày 30 tháng 6 năm 2027", dt.date(2027, 6, 30)),
        ("hoàn thành trong quý IV/2026", dt.date(2026, 12, 31)),
        ("hoàn thành trong quý 2 năm 2027", dt.date(2027, 6, 30)),
        ("hoàn thành trước quý II/2027", dt.date(2027, 3, 31)),
        ("trong tháng 3/2027", dt.date(2027, 3, 31)),
        ("trước tháng 3/2027", dt.date(2027, 2, 28)),
        ("trong 6 tháng đầu năm 2027", dt.date(2027, 6, 30)),
        ("trong năm 2027", dt.date(2027, 12, 31)),
        ("trước năm 2028", dt.date(2027, 12, 31)),
        ("trước ngày 20/11", dt.date(2026, 11, 20)),
        ("trước ngày 10/01", dt.date(2027, 1, 10)),
        # "within 30 days" (calendar days, Civil Code Art 148(5)): 2/12/2026 is a Wednesday
        ("trong thời hạn 30 ngày", dt.date(2026, 12, 2)),
        # two deadlines: the task ends with the later one
        (
            "xây dựng kế hoạch trước ngày 20/11/2026; báo cáo trước ngày 15/12/2026",
            dt.date(2026, 12, 15),
        ),
    ],
)
def test_dated_deadlines(text: str, expected: dt.date) -> None:
    # Given a deadline written one of the usual ways; When read
    deadline = read_deadline(text, reference_date=NOV_2, calendar=CALENDAR)
    # Then it is that date
    assert deadline.mode == MODE_DATE
    assert deadline.due_on == expected


def test_dates_of_cited_documents_are_not_deadlines() -> None:
    # Given a sentence citing a directive with its date, and no deadline
    deadline = read_deadline(
        "Thực hiện Chỉ thị số 33/CT-TTg ngày 20/12/2021.", reference_date=NOV_2
    )
    # Then no deadline is read
    assert deadline.mode == ""
    assert deadline.due_on is None


def test_a_cycle_keeps_the_first_dated_deadline() -> None:
    # Given a periodic report with its first due date
    deadline = read_deadline(
        "báo cáo định kỳ 6 tháng, hằng năm (trước ngày 15/6/2027)", reference_date=NOV_2
    )
    # Then the shortest cycle named is kept, with the date as first due date
    assert (deadline.mode, deadline.cycle, deadline.due_on) == (
        MODE_CYCLE,
        SEMIANNUAL,
        dt.date(2027, 6, 15),
    )


def test_working_days_need_a_calendar_and_invalid_dates_are_ignored() -> None:
    # Given "trong 5 ngày làm việc" without a calendar, and an impossible date
    without = read_deadline("trong 5 ngày làm việc", reference_date=NOV_2)
    impossible = read_deadline("trước ngày 31/02/2027", reference_date=NOV_2)
    # Then neither gives a deadline
    assert without.mode == ""
    assert impossible.mode == ""


def test_abbreviations_and_recipients() -> None:
    # Given abbreviations ("UBMTTQVN", "UBND", "CT-XH") and a report sent "về" a unit
    catalogue = _catalogue()
    text = (
        "UBMTTQVN tỉnh chủ trì, phối hợp với các tổ chức CT-XH thực hiện; báo cáo kết quả "
        "về Ban Tuyên giáo và Dân vận Tỉnh ủy. UBND xã Tiên Lữ phối hợp thực hiện."
    )
    # When units are found
    mentions = find_units(text, catalogue)
    # Then the Front leads, the mass organisations' group and the commune coordinate, and
    # the commission is a recipient only
    roles = [(sorted(m.units), m.groups, m.role) for m in mentions]
    assert roles == [
        ([5], (), RESPONSIBLE),
        ([], (GROUP_MASS_ORGANISATIONS,), COORDINATING),
        ([4], (), RECIPIENT),
        ([3], (), COORDINATING),
    ]


def test_aliases_of_provincial_bodies_drop_the_province_name() -> None:
    # Given the province's Front and commission
    front = CatalogueEntry(5, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên",
                           "fatherland_front", "Tỉnh Hưng Yên", "province", True)  # fmt: skip
    commission = CatalogueEntry(
        4, "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên", "party_commission",
        "Tỉnh Hưng Yên", "province", True,
    )  # fmt: skip
    # Then "Ủy ban MTTQ tỉnh", the old "Ban Dân vận Tỉnh ủy" and the bare name all match
    assert fold("uy ban mat tran to quoc tinh").split() in [list(a) for a in unit_aliases(front)]
    aliases = {" ".join(a) for a in unit_aliases(commission)}
    assert {"ban dan van tinh uy", "ban tuyen giao va dan van", "ban dan van"} <= aliases


def test_a_commune_body_is_only_matched_with_its_commune() -> None:
    # Given a commune's People's Committee
    entry = CatalogueEntry(3, "Ủy ban nhân dân Xã Tiên Lữ", "peoples_committee",
                           "Xã Tiên Lữ", "commune", False)  # fmt: skip
    # Then "Ủy ban nhân dân" alone is not one of its names
    assert unit_aliases(entry) == {("uy", "ban", "nhan", "dan", "xa", "tien", "lu")}


def test_commune_party_committees_and_fronts_groups() -> None:
    # Given the collective names of the communes' Party committees and Fronts
    catalogue = UnitCatalogue([], groups={GROUP_COMMUNE_PARTY: (7,)})
    mentions = find_units(
        "Đảng ủy các xã, phường, đặc khu lãnh đạo; Ủy ban MTTQ các xã phối hợp thực hiện.",
        catalogue,
    )
    # Then both are recognised as groups with their roles
    assert [(m.groups, m.role) for m in mentions] == [
        ((GROUP_COMMUNE_PARTY,), RESPONSIBLE),
        (("commune_fronts",), COORDINATING),
    ]


def test_long_titles_are_cut_at_a_comma() -> None:
    # Given an item whose first sentence is very long
    body = "Tăng cường " + ", ".join(f"nội dung số {i} về công tác dân vận" for i in range(20))
    found = suggest_tasks(f"1. {body}.", catalogue=_catalogue(), reference_date=NOV_2)
    # Then the title is cut, at a comma, and marked
    assert found[0].title.endswith("…")
    assert len(found[0].title) <= 251


def test_more_collective_names() -> None:
    # "các địa phương" are the communes; "các sở, ban, ngành, đoàn thể" adds the organisations
    catalogue = UnitCatalogue([])
    mentions = find_units(
        "UBND các địa phương thực hiện. Các sở, ban, ngành, đoàn thể tỉnh phối hợp thực hiện.",
        catalogue,
    )
    assert [(m.groups, m.role) for m in mentions] == [
        ((GROUP_COMMUNE_COMMITTEES,), RESPONSIBLE),
        ((GROUP_DEPARTMENTS, GROUP_MASS_ORGANISATIONS), COORDINATING),
    ]


@pytest.mark.parametrize(
    ("text", "due_on", "phrase"),
    [
        # a "trong vòng" period keeps its words; 10 working days from Mon 2/11 end on 16/11
        (
            "báo cáo trong vòng 10 ngày làm việc",
            dt.date(2026, 11, 16),
            "trong vòng 10 ngày làm việc",
        ),
        # a month that does not exist is ignored, the year is used
        (
            "hoàn thành trong tháng 13/2027, chậm nhất trong năm 2027",
            dt.date(2027, 12, 31),
            "trong năm 2027",
        ),
        # the year inside "6 tháng cuối năm" is not read a second time
        ("trong 6 tháng cuối năm 2027", dt.date(2027, 12, 31), "6 tháng cuối năm 2027"),
        # a short date without a cue is not a deadline; with one it is
        ("họp ngày 12/11, hoàn thành trước 20/11", dt.date(2026, 11, 20), "trước 20/11"),
    ],
)
def test_deadline_phrases(text: str, due_on: dt.date, phrase: str) -> None:
    deadline = read_deadline(text, reference_date=NOV_2, calendar=CALENDAR)
    assert (deadline.due_on, deadline.phrase) == (due_on, phrase)


def test_unmatched_names_stop_at_punctuation_and_trailing_words() -> None:
    # Given names of bodies that are not in the catalogue
    found = suggest_tasks(
        "1. Sở Công Thương, Sở Xây dựng và các đơn vị liên quan thực hiện.\n"
        "2. Mục tiêu: Ban Chỉ đạo tỉnh về phòng chống thiên tai và tìm kiếm cứu nạn tổng hợp.\n"
        "3. " + " ".join(["Tăng cường công tác dân vận"] * 20) + ".",
        catalogue=_catalogue(),
        reference_date=NOV_2,
    )
    # Then each name ends at the comma, before "và các", or before "về" (without the
    # trailing "tỉnh")
    assert found[0].unmatched == ("Sở Công Thương", "Sở Xây dựng")
    assert found[1].unmatched == ("Ban Chỉ đạo",)
    # An item opening with "Mục tiêu:" keeps its whole first sentence as the title
    assert found[1].title.startswith("Mục tiêu: Ban Chỉ đạo")
    # A long title without commas is cut at a space
    assert found[2].title.endswith("…")


def test_replacing_words_that_are_not_there_changes_nothing() -> None:
    from danvan.directives.services.tasks_parsing import _replace

    assert _replace(("a", "b"), ("c",), ("d",)) == ("a", "b")
    # A letter that does not fold to one letter is kept (lower case), so offsets hold
    assert fold("Đường ǅ") == "duong ǆ"
