"""Boards and their members: minimum size, staff refused, declarations, term end."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils import translation

from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import BoardMember, SupervisionBoard
from danvan.democracy.selectors.supervision import board_state, minimum_members
from danvan.democracy.services.supervision import (
    board_create,
    board_dissolve,
    default_term_end,
    member_add,
    member_end,
)
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.democracy.tests.supervision.conftest import vi, vi_re
from danvan.units.models import RoleAssignment, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
JUNE = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def add_members(board: SupervisionBoard, villages: list[Unit], count: int, actor: object) -> None:
    for i in range(count):
        member_add(
            board=board,
            full_name=f"Thành viên {i}",
            village=villages[i % len(villages)],
            from_date=dt.date(2026, 1, 1),
            declared_not_staff=True,
            declared_no_relatives=True,
            actor=actor,  # type: ignore[arg-type]
        )


@time_machine.travel(JUNE, tick=False)
def test_four_villages_need_five_members(
    commune: Commune, villages: list[Unit], board: SupervisionBoard
) -> None:
    # given a commune of 4 villages: one member per village, but at least 5
    assert minimum_members(board) == 5
    # when 4 members are elected
    add_members(board, villages, 4, commune.handler)
    # then the board is flagged below its minimum
    state = board_state(board)
    assert state.member_count == 4
    assert [str(flag) for flag in state.flags] == ["Fewer members than the legal minimum"]
    # when a fifth member joins, the flag goes
    add_members_from = BoardMember.objects.count()
    member_add(
        board=board,
        full_name="Thành viên thứ năm",
        village=villages[0],
        from_date=dt.date(2026, 2, 1),
        declared_not_staff=True,
        actor=commune.handler,
    )
    assert BoardMember.objects.count() == add_members_from + 1
    assert board_state(board).flags == []


def test_more_villages_than_five_need_one_member_each(commune: Commune) -> None:
    # given a commune of 7 villages
    for i in range(4):
        Unit.objects.create(
            code=f"VN-12205-thon-x{i}", name=f"Thôn X{i}", kind="village", parent=commune.commune
        )
    board = board_create(
        unit=commune.commune,
        kind=SupervisionBoard.Kind.INSPECTION,
        name="Ban TTND",
        term_start=dt.date(2026, 1, 1),
        actor=commune.handler,
    )
    # then the minimum is 7, and an investment board needs 5
    assert minimum_members(board) == 7
    investment = board_create(
        unit=commune.commune,
        kind=SupervisionBoard.Kind.INVESTMENT,
        name="Ban GSĐTCĐ đường liên thôn",
        project="Đường liên thôn Đông Tảo – An Vĩ",
        term_start=dt.date(2026, 3, 1),
        actor=commune.handler,
    )
    assert minimum_members(investment) == 5
    assert investment.term_end is None


def test_a_commune_staff_account_is_refused_in_vietnamese(
    commune: Commune, board: SupervisionBoard
) -> None:
    # given a village official who holds a handler role in the commune's committee
    official = make_user("canbothon", "Lê Văn Tâm", commune.committee, RoleAssignment.Role.HANDLER)
    # when the board tries to add them (even with the declaration ticked)
    with translation.override("vi"), pytest.raises(ApplicationError) as refused:
        member_add(
            board=board,
            full_name="Lê Văn Tâm",
            from_date=dt.date(2026, 1, 1),
            account=official,
            declared_not_staff=True,
            actor=commune.handler,
        )
    # then a Vietnamese message (the catalogue's wording) names the person and the rule
    assert refused.value.message == vi(
        "%(name)s holds a staff role in this commune: commune and village staff cannot "
        "be members of the board (Law 10/2022, Arts 36 and 42)."
    ) % {"name": "Lê Văn Tâm"}
    assert not BoardMember.objects.exists()


def test_a_staff_role_elsewhere_or_a_citizen_account_is_accepted(
    commune: Commune, board: SupervisionBoard
) -> None:
    # given the other ward's handler (staff elsewhere) and a citizen
    for account in (commune.other_handler, commune.citizen):
        member_add(
            board=board,
            full_name=account.full_name,
            village=commune.villages[0],
            from_date=dt.date(2026, 1, 1),
            account=account,
            declared_not_staff=True,
            actor=commune.handler,
        )
    assert board.members.count() == 2


def test_declarations_are_required(commune: Commune, villages: list[Unit]) -> None:
    # given an inspection board and an investment board
    inspection = board_create(
        unit=commune.commune,
        kind=SupervisionBoard.Kind.INSPECTION,
        name="Ban TTND",
        term_start=dt.date(2026, 1, 1),
        actor=commune.handler,
    )
    investment = board_create(
        unit=commune.commune,
        kind=SupervisionBoard.Kind.INVESTMENT,
        name="Ban GSĐTCĐ nhà văn hóa",
        project="Nhà văn hóa thôn An Vĩ",
        term_start=dt.date(2026, 3, 1),
        actor=commune.handler,
    )
    with translation.override("vi"):
        # when no declaration is ticked, then refused
        with pytest.raises(
            ApplicationError,
            match=vi_re(
                "Confirm that the member is not commune or village staff (their declaration)."
            ),
        ):
            member_add(
                board=inspection,
                full_name="A",
                village=commune.villages[0],
                from_date=dt.date(2026, 1, 1),
                actor=commune.handler,
            )
        # when the inspection board member has no village, then refused
        with pytest.raises(
            ApplicationError,
            match=vi_re(
                "Members of a commune's People's Inspection Board are elected from the "
                "villages: choose the member's village or residential group."
            ),
        ):
            member_add(
                board=inspection,
                full_name="A",
                from_date=dt.date(2026, 1, 1),
                declared_not_staff=True,
                actor=commune.handler,
            )
        # when the investment member has not declared the relatives, then refused
        with pytest.raises(
            ApplicationError,
            match=vi_re(
                "Confirm that the member has no relatives among the decision-maker, investor, "
                "consultants or contractors of the project (their declaration)."
            ),
        ):
            member_add(
                board=investment,
                full_name="B",
                from_date=dt.date(2026, 3, 1),
                declared_not_staff=True,
                actor=commune.handler,
            )
    assert not BoardMember.objects.exists()


def test_bad_member_input_gets_vietnamese_messages(
    commune: Commune, board: SupervisionBoard
) -> None:
    other_village = Unit.objects.create(
        code="VN-11953-to-1", name="Tổ dân phố 1", kind="village", parent=commune.other_commune
    )
    with translation.override("vi"):
        with pytest.raises(
            ApplicationError, match=vi_re("A member cannot leave the board before joining it.")
        ):
            member_add(
                board=board,
                full_name="A",
                from_date=dt.date(2026, 5, 1),
                to_date=dt.date(2026, 4, 1),
                declared_not_staff=True,
                actor=commune.handler,
            )
        with pytest.raises(
            ApplicationError, match=vi_re("Choose a village or residential group of this commune.")
        ):
            member_add(
                board=board,
                full_name="A",
                village=other_village,
                from_date=dt.date(2026, 5, 1),
                declared_not_staff=True,
                actor=commune.handler,
            )
        member_add(
            board=board,
            full_name="Trưởng ban",
            village=commune.villages[0],
            role=BoardMember.Role.HEAD,
            from_date=dt.date(2026, 1, 1),
            declared_not_staff=True,
            actor=commune.handler,
        )
        with pytest.raises(
            ApplicationError,
            match=vi_re("The board already has a head for this period; end their term first."),
        ):
            member_add(
                board=board,
                full_name="Trưởng ban thứ hai",
                village=commune.villages[1],
                role=BoardMember.Role.HEAD,
                from_date=dt.date(2026, 2, 1),
                declared_not_staff=True,
                actor=commune.handler,
            )
        # a retried submission of the same member is refused, not repeated
        with pytest.raises(
            ApplicationError, match=vi_re("This person is already on the board from that date.")
        ):
            member_add(
                board=board,
                full_name="Trưởng ban",
                village=commune.villages[0],
                from_date=dt.date(2026, 1, 1),
                declared_not_staff=True,
                actor=commune.handler,
            )
    assert board.members.count() == 1


def test_bad_board_input(commune: Commune, board: SupervisionBoard) -> None:
    with translation.override("vi"):
        with pytest.raises(
            ApplicationError,
            match=vi_re("Name the programme or project the investment supervision board watches."),
        ):
            board_create(
                unit=commune.commune,
                kind=SupervisionBoard.Kind.INVESTMENT,
                name="Ban GSĐTCĐ",
                term_start=dt.date(2026, 1, 1),
                actor=commune.handler,
            )
        with pytest.raises(
            ApplicationError,
            match=vi_re("A community investment supervision board is set up in a commune."),
        ):
            board_create(
                unit=commune.committee,
                kind=SupervisionBoard.Kind.INVESTMENT,
                name="Ban GSĐTCĐ",
                project="Dự án",
                term_start=dt.date(2026, 1, 1),
                actor=commune.handler,
            )
        with pytest.raises(ApplicationError, match=vi_re("The term cannot end before it starts.")):
            board_create(
                unit=commune.commune,
                kind=SupervisionBoard.Kind.INSPECTION,
                name="Ban TTND khác",
                term_start=dt.date(2026, 1, 1),
                term_end=dt.date(2025, 1, 1),
                actor=commune.handler,
            )
        with pytest.raises(
            ApplicationError, match=vi_re("This board is already registered for this term.")
        ):
            board_create(
                unit=commune.commune,
                kind=SupervisionBoard.Kind.INSPECTION,
                name=board.name,
                term_start=board.term_start,
                actor=commune.handler,
            )


def test_term_ends_after_five_years_and_is_flagged(
    commune: Commune, villages: list[Unit], board: SupervisionBoard
) -> None:
    # given a board elected from 1/1/2026 with five members
    add_members(board, villages, 5, commune.handler)
    # then its term ends on 31/12/2030 (the village head's 5-year term)
    assert board.term_end == dt.date(2030, 12, 31)
    assert board_state(board, dt.date(2030, 12, 31)).flags == []
    # when the first day after the term comes
    with time_machine.travel(dt.datetime(2031, 1, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        flags = [str(flag) for flag in board_state(board).flags]
    # then the board is flagged
    assert flags == ["Term ended: elect a new board"]


def test_the_default_term_is_configurable() -> None:
    with override_settings(DANVAN_INSPECTION_BOARD_TERM_YEARS=4):
        assert default_term_end(dt.date(2024, 2, 29)) == dt.date(2028, 2, 28)
    assert default_term_end(dt.date(2024, 2, 29)) == dt.date(2029, 2, 28)


def test_members_leave_and_boards_dissolve(
    commune: Commune, villages: list[Unit], board: SupervisionBoard
) -> None:
    add_members(board, villages, 5, commune.handler)
    member = board.members.first()
    assert member is not None
    with translation.override("vi"), pytest.raises(ApplicationError):
        member_end(member=member, to_date=dt.date(2025, 1, 1), actor=commune.handler)
    member_end(member=member, to_date=dt.date(2026, 3, 31), actor=commune.handler)
    # then from April the board has 4 members and is below its minimum
    state = board_state(board, dt.date(2026, 4, 1))
    assert state.member_count == 4
    assert len(state.flags) == 1
    with pytest.raises(ApplicationError):
        board_dissolve(board=board, dissolved_on=dt.date(2025, 1, 1), actor=commune.handler)
    board_dissolve(board=board, dissolved_on=dt.date(2026, 6, 30), actor=commune.handler)
    assert [str(f) for f in board_state(board, dt.date(2026, 7, 1)).flags] == ["Dissolved"]
    assert board_state(board, dt.date(2026, 7, 1)).is_active is False
    with pytest.raises(ApplicationError):
        board_dissolve(board=board, dissolved_on=dt.date(2026, 7, 30), actor=commune.handler)
    with pytest.raises(ApplicationError):
        member_add(board=board, full_name="Z", from_date=dt.date(2026, 7, 1), actor=commune.handler)


def test_an_agency_board_has_no_checked_minimum(commune: Commune) -> None:
    board = board_create(
        unit=commune.committee,
        kind=SupervisionBoard.Kind.INSPECTION,
        name="Ban TTND cơ quan UBND xã",
        term_start=dt.date(2026, 1, 1),
        actor=commune.head,
    )
    # then no term is imposed, no minimum checked, and staff may sit on it
    assert board.term_end is None
    assert minimum_members(board) is None
    member_add(
        board=board,
        full_name=commune.handler.full_name,
        account=commune.handler,
        from_date=dt.date(2026, 1, 1),
        actor=commune.head,
    )
    assert board_state(board).flags == []


def test_members_are_listed_head_first(commune: Commune, board: SupervisionBoard) -> None:
    from danvan.democracy.selectors.supervision import members_of

    for name, role in (("An", "member"), ("Bình", "deputy"), ("Cường", "head")):
        member_add(
            board=board,
            full_name=name,
            role=role,
            village=commune.villages[0],
            from_date=dt.date(2026, 1, 1),
            declared_not_staff=True,
            actor=commune.handler,
        )
    gone = member_add(
        board=board,
        full_name="Ánh",
        village=commune.villages[1],
        from_date=dt.date(2026, 1, 1),
        to_date=dt.date(2026, 2, 1),
        declared_not_staff=True,
        actor=commune.handler,
    )
    assert [m.full_name for m in members_of(board)] == ["Cường", "Bình", "An", gone.full_name]
