"""Writes on dialogues: the conference, the questions and on-the-spot answers, the
commitments and their progress until done (Law 10/2022 Art 32; Politburo rules on
leaders' dialogue with the people).

A commitment moves open → in progress → done (or straight to done); done is final and
needs its evidence (a note or a file) and the day it was done. Each step is kept as a
progress update, the history shown to staff and residents. Retried submissions create
nothing twice: a dialogue is unique per unit, day and topic; the same question, commitment
or progress note posted again returns the one already recorded.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.dialogues import (
    Commitment,
    CommitmentUpdate,
    Dialogue,
    DialogueQuestion,
)
from danvan.units.models import PATH_SEPARATOR, Unit, User

Status = Commitment.Status
# The steps a commitment may take: forward only, and "in progress" may repeat (progress
# notes); done is final.
NEXT: dict[str, frozenset[str]] = {
    Status.OPEN: frozenset({Status.IN_PROGRESS, Status.DONE}),
    Status.IN_PROGRESS: frozenset({Status.IN_PROGRESS, Status.DONE}),
    Status.DONE: frozenset(),
}
MAX_EVIDENCE = 10 * 1024 * 1024


def _clean_and_save(instance: models.Model, *, duplicate: str = "") -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        if duplicate and "__all__" in error.message_dict:
            raise ApplicationError(duplicate) from error
        raise ApplicationError(" ".join(error.messages)) from error
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ApplicationError(duplicate or _("This entry was already recorded.")) from error


def _in_place(unit: Unit, village: Unit) -> bool:
    return village.path.startswith(unit.path + PATH_SEPARATOR)


@transaction.atomic
def dialogue_create(
    *,
    unit: Unit,
    title: str,
    held_on: dt.date,
    place: str,
    chair: str,
    participants: int = 0,
    kind: str = Dialogue.Kind.RESIDENTS,
    with_front: bool = True,
    actor: User,
) -> Dialogue:
    """Record a dialogue conference (held, or scheduled and filled in on the day)."""
    if participants < 0:
        raise ApplicationError(_("The number of participants cannot be negative."))
    dialogue = Dialogue(
        unit=unit,
        kind=kind,
        title=" ".join(title.split()),
        held_on=held_on,
        place=place.strip(),
        chair=" ".join(chair.split()),
        participants=participants,
        with_front=with_front,
        created_by=actor,
    )
    _clean_and_save(
        dialogue, duplicate=_("A dialogue with this topic is already recorded that day.")
    )
    audit_record(
        actor=actor,
        verb="dialogue.create",
        target=dialogue,
        data={"unit": unit.code, "held_on": held_on.isoformat(), "kind": kind},
    )
    return dialogue


@transaction.atomic
def question_add(
    *,
    dialogue: Dialogue,
    question: str,
    answer: str = "",
    asked_by: str = "",
    village: Unit | None = None,
    show_name: bool = False,
    actor: User,
) -> DialogueQuestion:
    """Record a question and the answer given on the spot (if any)."""
    text = question.strip()
    if not text:
        raise ApplicationError(_("Write the question."))
    if village is not None and not _in_place(dialogue.unit, village):
        raise ApplicationError(_("Choose a village or residential group of this commune."))
    name = " ".join(asked_by.split())
    if show_name and not name:
        raise ApplicationError(_("Give the name the person agreed to show, or untick the box."))
    existing = dialogue.questions.filter(question=text, asked_by=name).first()
    if existing is not None:  # a retried submission
        return existing
    entry = DialogueQuestion(
        dialogue=dialogue,
        question=text,
        answer=answer.strip(),
        asked_by=name,
        village=village,
        show_name=show_name,
        created_by=actor,
    )
    _clean_and_save(entry)
    audit_record(
        actor=actor, verb="dialogue_question.add", target=entry, data={"dialogue": dialogue.pk}
    )
    return entry


@transaction.atomic
def commitment_add(
    *,
    dialogue: Dialogue,
    content: str,
    responsible: str,
    due_on: dt.date,
    question: DialogueQuestion | None = None,
    actor: User,
) -> Commitment:
    """Record something the leaders promised, with who answers for it and by when."""
    text = content.strip()
    if not text:
        raise ApplicationError(_("Write what was committed."))
    if not responsible.strip():
        raise ApplicationError(_("Name the unit or person responsible for the commitment."))
    if due_on < dialogue.held_on:
        raise ApplicationError(_("The deadline cannot be before the dialogue."))
    if question is not None and question.dialogue_id != dialogue.pk:
        raise ApplicationError(_("The question belongs to another dialogue."))
    existing = dialogue.commitments.filter(content=text, due_on=due_on).first()
    if existing is not None:
        return existing
    commitment = Commitment(
        dialogue=dialogue,
        question=question,
        content=text,
        responsible=" ".join(responsible.split()),
        due_on=due_on,
        created_by=actor,
    )
    _clean_and_save(commitment)
    audit_record(
        actor=actor,
        verb="dialogue_commitment.add",
        target=commitment,
        data={"dialogue": dialogue.pk, "due_on": due_on.isoformat()},
    )
    return commitment


@transaction.atomic
def commitment_progress(
    *,
    commitment: Commitment,
    status: str,
    note: str,
    on: dt.date,
    evidence_note: str = "",
    evidence_file: File[bytes] | None = None,
    actor: User,
) -> CommitmentUpdate:
    """Move a commitment on (a progress note, or done with its evidence)."""
    # Lock the row: two officers recording at once must not both move it.
    commitment = (
        Commitment.objects.select_for_update().select_related("dialogue").get(pk=commitment.pk)
    )
    text = note.strip()
    if not text:
        raise ApplicationError(_("Write what was done."))
    last = commitment.updates.order_by("-on", "-pk").first()
    if last is not None and last.status == status and last.note == text and last.on == on:
        return last  # a retried submission
    if status not in NEXT.get(commitment.status, frozenset()):
        if commitment.status == Status.DONE:
            raise ApplicationError(_("This commitment is already done."))
        raise ApplicationError(_("Choose the next step: in progress or done."))
    if on < commitment.dialogue.held_on:
        raise ApplicationError(_("Progress cannot be dated before the dialogue."))
    if last is not None and on < last.on:
        raise ApplicationError(_("Progress cannot be dated before the previous update."))
    evidence = evidence_note.strip()
    if status == Status.DONE:
        if not evidence and evidence_file is None and not commitment.evidence_file:
            raise ApplicationError(
                _("A commitment is done with its evidence: describe it or attach a file.")
            )
        commitment.done_on = on
        if evidence:
            commitment.evidence_note = evidence
    if evidence_file is not None:
        if evidence_file.size > MAX_EVIDENCE:
            raise ApplicationError(_("The evidence file is larger than 10 MB."))
        commitment.evidence_file = evidence_file
    commitment.status = status
    _clean_and_save(commitment)
    update = CommitmentUpdate(
        commitment=commitment, on=on, note=text, status=status, created_by=actor
    )
    _clean_and_save(update)
    audit_record(
        actor=actor,
        verb="dialogue_commitment.progress",
        target=commitment,
        data={"status": status, "on": on.isoformat(), "late": on > commitment.due_on},
    )
    return update


# ------------------------------------------------------------------------------ demo data


def demo_dialogues_seed() -> int:
    """The demo commune's yearly dialogue with residents: three questions (one asker agreed
    to show the name) and three commitments, one done with its evidence, one in progress
    and one past its deadline. Dates follow today; safe to run again. Returns the number of
    dialogues created."""
    from danvan.democracy.services.supervision import _demo_place

    place = _demo_place()
    if place is None:
        return 0
    commune, villages, actor = place
    today = timezone.localdate()
    held = today - dt.timedelta(days=45)
    title = f"Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm {held.year}"
    if Dialogue.objects.filter(unit=commune, title=title).exists():
        return 0
    dialogue = dialogue_create(
        unit=commune,
        title=title,
        held_on=held,
        place="Hội trường UBND xã Khoái Châu",
        chair="Chủ tịch UBND xã",
        participants=186,
        actor=actor,
    )
    road = question_add(
        dialogue=dialogue,
        question="Đường trục thôn Đông Tảo xuống cấp, mùa mưa ngập, bao giờ được sửa?",
        answer="UBND xã bố trí vốn sửa 500 m đường trong quý tới.",
        asked_by="Phạm Văn Long",
        village=villages[0],
        actor=actor,
    )
    light = question_add(
        dialogue=dialogue,
        question="Ngõ 3 thôn An Vĩ chưa có đèn chiếu sáng, người dân đi lại khó khăn.",
        answer="Xã sẽ lắp đèn trong tháng này.",
        asked_by="Nguyễn Thị Hạnh",
        village=villages[1 % len(villages)],
        show_name=True,
        actor=actor,
    )
    market = question_add(
        dialogue=dialogue,
        question="Chợ xã thiếu thùng rác, rác thải tồn đọng sau phiên chợ.",
        answer="Ban quản lý chợ sẽ bố trí thêm thùng rác và người thu gom.",
        village=villages[2 % len(villages)],
        actor=actor,
    )
    done = commitment_add(
        dialogue=dialogue,
        question=light,
        content="Lắp 6 bóng đèn chiếu sáng ngõ 3 thôn An Vĩ",
        responsible="Công chức Địa chính – Xây dựng xã",
        due_on=held + dt.timedelta(days=30),
        actor=actor,
    )
    commitment_progress(
        commitment=done,
        status=Status.IN_PROGRESS,
        note="Đã khảo sát, mua vật tư",
        on=held + dt.timedelta(days=7),
        actor=actor,
    )
    commitment_progress(
        commitment=done,
        status=Status.DONE,
        note="Đã lắp đặt và đưa vào sử dụng",
        on=held + dt.timedelta(days=20),
        evidence_note="Biên bản nghiệm thu có xác nhận của Trưởng thôn An Vĩ",
        actor=actor,
    )
    going = commitment_add(
        dialogue=dialogue,
        question=road,
        content="Sửa 500 m đường trục thôn Đông Tảo",
        responsible="Phòng Kinh tế xã",
        due_on=held + dt.timedelta(days=120),
        actor=actor,
    )
    commitment_progress(
        commitment=going,
        status=Status.IN_PROGRESS,
        note="Đã lập dự toán, đang lựa chọn nhà thầu",
        on=held + dt.timedelta(days=30),
        actor=actor,
    )
    commitment_add(
        dialogue=dialogue,
        question=market,
        content="Bố trí thêm 10 thùng rác và người thu gom sau mỗi phiên chợ",
        responsible="Ban quản lý chợ xã",
        due_on=held + dt.timedelta(days=15),
        actor=actor,
    )
    return 1


def demo_dialogues_reset() -> int:
    """Delete the demo commune's dialogues (their questions protect the demo villages)."""
    from danvan.democracy.services.supervision import DEMO_COMMITTEE_CODE

    committee = Unit.objects.filter(code=DEMO_COMMITTEE_CODE).first()
    if committee is None or committee.parent_id is None:
        return 0
    return Dialogue.objects.filter(unit_id=committee.parent_id).delete()[0]
