"""Dialogues, questions and commitments tracked to done (time frozen, hand-checked dates)."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import Commitment, CommitmentUpdate, Dialogue
from danvan.democracy.selectors.dialogues import (
    commitment_is_overdue,
    missing_yearly_dialogue,
    overdue_commitments,
)
from danvan.democracy.services import dialogues as services
from danvan.democracy.services.dialogues import (
    commitment_add,
    commitment_progress,
    dialogue_create,
    question_add,
)
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.dialogues.conftest import vi_re
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db
APRIL = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


@time_machine.travel(APRIL, tick=False)
def test_a_commitment_is_tracked_to_done(commune: Commune, dialogue: Dialogue) -> None:
    # given a question from a resident of Đông Tảo and the chair's commitment
    question = question_add(
        dialogue=dialogue,
        question="Đường thôn Đông Tảo xuống cấp, bao giờ sửa?",
        answer="UBND xã sẽ sửa trong quý II.",
        asked_by="Phạm Văn Long",
        village=commune.villages[0],
        actor=commune.handler,
    )
    commitment = commitment_add(
        dialogue=dialogue,
        question=question,
        content="Sửa 500 m đường thôn Đông Tảo",
        responsible="Phòng Kinh tế xã",
        due_on=dt.date(2026, 6, 30),
        actor=commune.handler,
    )
    assert commitment.status == Commitment.Status.OPEN
    # when work starts, then it is in progress
    commitment_progress(
        commitment=commitment,
        status="in_progress",
        note="Đã khảo sát, lập dự toán",
        on=dt.date(2026, 4, 15),
        actor=commune.handler,
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.IN_PROGRESS
    # a second progress note keeps it in progress
    commitment_progress(
        commitment=commitment,
        status="in_progress",
        note="Nhà thầu thi công",
        on=dt.date(2026, 5, 20),
        actor=commune.handler,
    )
    # when it is done with its evidence on 25/6 (before 30/6)
    commitment_progress(
        commitment=commitment,
        status="done",
        note="Đã nghiệm thu",
        on=dt.date(2026, 6, 25),
        evidence_note="Biên bản nghiệm thu ngày 25/6/2026",
        evidence_file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test"),
        actor=commune.handler,
    )
    commitment.refresh_from_db()
    # then it is done, on time, with three steps of history
    assert commitment.status == Commitment.Status.DONE
    assert commitment.done_on == dt.date(2026, 6, 25)
    assert str(commitment.evidence_file.name).endswith(".pdf")
    assert commitment_is_overdue(commitment, dt.date(2026, 12, 31)) is False
    assert [u.status for u in CommitmentUpdate.objects.order_by("on")] == [
        "in_progress",
        "in_progress",
        "done",
    ]
    # and nothing moves it afterwards
    with pytest.raises(ApplicationError, match=vi_re("This commitment is already done.")):
        commitment_progress(
            commitment=commitment,
            status="in_progress",
            note="Làm thêm",
            on=dt.date(2026, 7, 1),
            actor=commune.handler,
        )


@time_machine.travel(APRIL, tick=False)
def test_an_overdue_commitment_is_flagged(commune: Commune, dialogue: Dialogue) -> None:
    # given a commitment due on 15/4/2026
    commitment = commitment_add(
        dialogue=dialogue,
        content="Lắp đèn chiếu sáng ngõ 3 thôn An Vĩ",
        responsible="Ông Trịnh Văn Đức, công chức Địa chính – Xây dựng",
        due_on=dt.date(2026, 4, 15),
        actor=commune.handler,
    )
    # then on 15/4 it is not overdue, from 16/4 it is
    assert commitment_is_overdue(commitment, dt.date(2026, 4, 15)) is False
    assert commitment_is_overdue(commitment, dt.date(2026, 4, 16)) is True
    assert overdue_commitments(commune.commune, dt.date(2026, 4, 16)) == [commitment]
    assert overdue_commitments(commune.commune, dt.date(2026, 4, 15)) == []
    # when it is done on 20/4 (late), it leaves the overdue list but stays marked late
    commitment_progress(
        commitment=commitment,
        status="done",
        note="Đã lắp 6 bóng đèn",
        on=dt.date(2026, 4, 20),
        evidence_note="Ảnh chụp hiện trường",
        actor=commune.handler,
    )
    commitment.refresh_from_db()
    assert overdue_commitments(commune.commune, dt.date(2026, 4, 21)) == []
    assert commitment_is_overdue(commitment) is True


def test_the_yearly_dialogue_flag(commune: Commune) -> None:
    # given a commune whose last dialogue with residents was in 2025
    dialogue_create(
        unit=commune.commune,
        title="Đối thoại năm 2025",
        held_on=dt.date(2025, 11, 5),
        place="Hội trường",
        chair="Nguyễn Văn An",
        actor=commune.handler,
    )
    with time_machine.travel(dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        assert missing_yearly_dialogue(commune.commune) is False
    with time_machine.travel(dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        # when 2026 begins: flagged
        assert missing_yearly_dialogue(commune.commune) is True
        # a dialogue only with workers, or one planned for later, does not count
        dialogue_create(
            unit=commune.commune,
            kind=Dialogue.Kind.WORKERS,
            title="Đối thoại với công chức",
            held_on=dt.date(2026, 1, 20),
            place="UBND xã",
            chair="Nguyễn Văn An",
            actor=commune.handler,
        )
        planned = dialogue_create(
            unit=commune.commune,
            title="Đối thoại năm 2026",
            held_on=dt.date(2026, 3, 20),
            place="Hội trường",
            chair="Nguyễn Văn An",
            actor=commune.handler,
        )
        assert missing_yearly_dialogue(commune.commune) is True
    # when the planned dialogue is held, the flag goes
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        assert planned.held_on.year == 2026
        assert missing_yearly_dialogue(commune.commune) is False
    # an agency is not under Art 32's yearly rule
    assert missing_yearly_dialogue(commune.committee) is False


def test_bad_input_gets_messages(commune: Commune, dialogue: Dialogue) -> None:
    other_village = Unit.objects.create(
        code="VN-11953-to-1", name="Tổ dân phố 1", kind="village", parent=commune.other_commune
    )
    with pytest.raises(
        ApplicationError, match=vi_re("A dialogue with this topic is already recorded that day.")
    ):
        dialogue_create(
            unit=commune.commune,
            title=dialogue.title,
            held_on=dialogue.held_on,
            place="x",
            chair="x",
            actor=commune.handler,
        )
    with pytest.raises(
        ApplicationError, match=vi_re("The number of participants cannot be negative.")
    ):
        dialogue_create(
            unit=commune.commune,
            title="Khác",
            held_on=dialogue.held_on,
            place="x",
            chair="x",
            participants=-1,
            actor=commune.handler,
        )
    question_cases = [
        ({"question": " "}, "Write the question."),
        (
            {"question": "Hỏi", "village": other_village},
            "Choose a village or residential group of this commune.",
        ),
        (
            {"question": "Hỏi", "show_name": True},
            "Give the name the person agreed to show, or untick the box.",
        ),
    ]
    for data, message in question_cases:
        with pytest.raises(ApplicationError, match=vi_re(message)):
            question_add(dialogue=dialogue, actor=commune.handler, **data)  # type: ignore[arg-type]
    other = dialogue_create(
        unit=commune.commune,
        title="Đối thoại khác",
        held_on=dt.date(2026, 5, 1),
        place="x",
        chair="x",
        actor=commune.handler,
    )
    foreign_question = question_add(dialogue=other, question="Hỏi", actor=commune.handler)
    commitment_cases = [
        (
            {"content": "", "responsible": "x", "due_on": dt.date(2026, 4, 1)},
            "Write what was committed.",
        ),
        (
            {"content": "x", "responsible": " ", "due_on": dt.date(2026, 4, 1)},
            "Name the unit or person responsible for the commitment.",
        ),
        (
            {"content": "x", "responsible": "x", "due_on": dt.date(2026, 3, 1)},
            "The deadline cannot be before the dialogue.",
        ),
        (
            {
                "content": "x",
                "responsible": "x",
                "due_on": dt.date(2026, 4, 1),
                "question": foreign_question,
            },
            "The question belongs to another dialogue.",
        ),
    ]
    for data, message in commitment_cases:
        with pytest.raises(ApplicationError, match=vi_re(message)):
            commitment_add(dialogue=dialogue, actor=commune.handler, **data)  # type: ignore[arg-type]
    commitment = commitment_add(
        dialogue=dialogue,
        content="Cam kết",
        responsible="UBND xã",
        due_on=dt.date(2026, 6, 30),
        actor=commune.handler,
    )
    # a retried submission returns the same row
    assert (
        commitment_add(
            dialogue=dialogue,
            content="Cam kết",
            responsible="UBND xã",
            due_on=dt.date(2026, 6, 30),
            actor=commune.handler,
        )
        == commitment
    )
    progress_cases = [
        ({"status": "in_progress", "note": " ", "on": dt.date(2026, 4, 1)}, "Write what was done."),
        (
            {"status": "open", "note": "x", "on": dt.date(2026, 4, 1)},
            "Choose the next step: in progress or done.",
        ),
        (
            {"status": "in_progress", "note": "x", "on": dt.date(2026, 3, 1)},
            "Progress cannot be dated before the dialogue.",
        ),
        (
            {"status": "done", "note": "x", "on": dt.date(2026, 4, 1)},
            "A commitment is done with its evidence: describe it or attach a file.",
        ),
        (
            {
                "status": "in_progress",
                "note": "x",
                "on": dt.date(2026, 4, 1),
                "evidence_file": SimpleUploadedFile("a.pdf", b"0" * (services.MAX_EVIDENCE + 1)),
            },
            "The evidence file is larger than 10 MB.",
        ),
    ]
    for data, message in progress_cases:
        with pytest.raises(ApplicationError, match=vi_re(message)):
            commitment_progress(commitment=commitment, actor=commune.handler, **data)  # type: ignore[arg-type]
    first = commitment_progress(
        commitment=commitment,
        status="in_progress",
        note="Bắt đầu",
        on=dt.date(2026, 4, 10),
        actor=commune.handler,
    )
    # a retried progress note is not repeated
    again = commitment_progress(
        commitment=commitment,
        status="in_progress",
        note="Bắt đầu",
        on=dt.date(2026, 4, 10),
        actor=commune.handler,
    )
    assert again == first
    with pytest.raises(
        ApplicationError, match=vi_re("Progress cannot be dated before the previous update.")
    ):
        commitment_progress(
            commitment=commitment,
            status="in_progress",
            note="Sớm hơn",
            on=dt.date(2026, 4, 5),
            actor=commune.handler,
        )
    assert CommitmentUpdate.objects.count() == 1


def test_a_retried_question_is_not_repeated(commune: Commune, dialogue: Dialogue) -> None:
    first = question_add(
        dialogue=dialogue, question="Hỏi về chợ", asked_by="Bà Hoa", actor=commune.handler
    )
    again = question_add(
        dialogue=dialogue, question="Hỏi về chợ", asked_by="Bà  Hoa", actor=commune.handler
    )
    assert again == first
    assert dialogue.questions.count() == 1
