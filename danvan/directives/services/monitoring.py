"""Writes of the monitoring area: urging letters (công văn đôn đốc) to the late units.

The managing unit of a directive sends the units that are late on it (overdue tasks,
reports not sent after their due date) a letter that cites the directive, lists what each
unit still owes with its due date, and sets a new deadline counted in working days by the
deadline engine (the legal calendar, with its holidays and swapped days). Either one letter
to every late unit, listing each unit's items as agencies do, or one letter per unit.

Each letter takes the next number of the managing unit (``numbering.number_take``: State
bodies per calendar year, Party bodies per type for the whole term), keeps a snapshot of the
items it lists and its Word file, and each recipient unit's staff are told — each unit of
its own items only.

A generation carries a one-time key from its form: a retried or double-clicked request finds
the letters of its first run and returns them without taking a second number (the
directive's row is locked while letters are generated, and ``(batch, batch_index)`` is
unique, so two racing requests cannot both issue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.dates import admin_date_vi, short_date
from danvan.core.docx_layout import Signer
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import deadline_config
from danvan.directives.models import Directive, UrgingLetter
from danvan.directives.selectors.monitoring import (
    UnitLateItems,
    directive_late_units,
    staff_of_units,
)
from danvan.directives.services.monitoring_docx import (
    LetterContent,
    UnitBlock,
    default_signer,
    document_citation,
    document_short,
    frame_for,
    letter_docx_build,
    recipients_lines,
)
from danvan.directives.services.numbering import is_party_body, number_take
from danvan.notifications.services import notify
from danvan.units.models import User

__all__ = [
    "MAX_WORKING_DAYS",
    "default_working_days",
    "urging_letters_generate",
]

MAX_WORKING_DAYS = 60


def default_working_days() -> int:
    """Working days the late units are given, by default (``DANVAN["URGING_WORKING_DAYS"]``)."""
    return int(getattr(settings, "DANVAN", {}).get("URGING_WORKING_DAYS", 5))


def _names_a_report(label: str) -> bool:
    """Round titles usually start with "Báo cáo …": no second "Báo cáo" in front of them."""
    return label.lower().startswith("báo cáo")


def _item_line(item: dict[str, str]) -> str:
    due = admin_date_vi(dt.date.fromisoformat(item["due_on"]))
    label = item["label"]
    if item["kind"] == "report":
        name = label if _names_a_report(label) else f"Báo cáo {label}"
        return f"{name} (hạn gửi {due});"
    return f"Nhiệm vụ {label} (hạn hoàn thành {due});"


def _item_text(item: dict[str, str]) -> str:
    """An item in a notification (interface language)."""
    label = item["label"]
    if item["kind"] == "task":
        return _("Task %(label)s") % {"label": label}
    return label if _names_a_report(label) else _("Report %(label)s") % {"label": label}


def _snapshot(unit: UnitLateItems) -> dict[str, object]:
    return {
        "unit_id": unit.unit_id,
        "unit_name": unit.unit_name,
        "items": [item.as_json() for item in unit.items],
    }


def _letter_content(
    *,
    directive: Directive,
    number_line: str,
    units: list[dict[str, object]],
    today: dt.date,
    new_due_on: dt.date,
    signer: Signer | None,
    subject: str,
) -> LetterContent:
    sender = directive.unit
    names = [str(unit["unit_name"]) for unit in units]
    blocks = [
        UnitBlock(
            name=str(unit["unit_name"]),
            lines=[_item_line(item) for item in unit["items"]],  # type: ignore[attr-defined]
        )
        for unit in units
    ]
    addressee = names[0] if len(names) == 1 else "các cơ quan, đơn vị"
    opening = [
        f"Thực hiện {document_citation(directive.document)}, {sender.name} đã giao nhiệm vụ "
        "và yêu cầu các cơ quan, đơn vị báo cáo kết quả thực hiện.",
        f"Qua theo dõi, đến {admin_date_vi(today)}, "
        + ("đơn vị" if len(names) == 1 else "các đơn vị sau")
        + " chưa hoàn thành nhiệm vụ, chưa gửi báo cáo theo đúng thời hạn:",
    ]
    closing = [
        f"Để bảo đảm tiến độ thực hiện {document_short(directive.document)}, {sender.name} "
        f"đề nghị {addressee} khẩn trương hoàn thành các nội dung nêu trên và báo cáo kết quả "
        f"về {sender.name} chậm nhất {admin_date_vi(new_due_on)}.",
        "Đề nghị các cơ quan, đơn vị quan tâm, thực hiện./.",
    ]
    frame = frame_for(
        sender,
        number_line=number_line,
        issued_on=today,
        signer=signer,
        recipients=recipients_lines(sender, names),
    )
    return LetterContent(
        frame=frame,
        subject=subject,
        addressees=names,
        opening=opening,
        units=blocks,
        closing=closing,
    )


def _notify_units(letters: list[UrgingLetter], *, directive: Directive) -> None:
    """Tell each recipient unit's staff about the letter, with that unit's items only."""
    entries = {
        int(str(entry["unit_id"])): (letter, entry) for letter in letters for entry in letter.items
    }
    people = staff_of_units(entries)
    for unit_id, (letter, entry) in entries.items():
        lines = [
            _("- %(item)s (due %(date)s)")
            % {
                "item": _item_text(item),
                "date": short_date(dt.date.fromisoformat(item["due_on"])),
            }
            for item in entry["items"]
        ]
        body = "\n".join(
            [
                _("%(sender)s urges your unit on %(directive)s; new deadline: %(date)s.")
                % {
                    "sender": directive.unit.name,
                    "directive": document_short(directive.document),
                    "date": short_date(letter.new_due_on) if letter.new_due_on else "",
                },
                *lines,
            ]
        )
        notify(
            recipients=people.get(unit_id, []),
            kind="directives.urging_letter",
            title=_("Urging letter %(number)s: %(directive)s")
            % {"number": letter.number, "directive": directive.title},
            body=body,
            url=reverse("directives:monitoring_letter", kwargs={"pk": letter.pk}),
        )


@transaction.atomic
def urging_letters_generate(
    *,
    directive: Directive,
    actor: User | None,
    per_unit: bool,
    working_days: int,
    key: str,
    unit_ids: Collection[int] | None = None,
    signer: Signer | None = None,
    today: dt.date | None = None,
) -> list[UrgingLetter]:
    """Issue the urging letter(s) for the units late on ``directive`` (``unit_ids``: some).

    Signed by ``signer``, or else by the head of the managing unit.
    ``key`` is the form's one-time key: the same key returns the letters already issued.
    """
    key = key.strip()[:64]
    # One generation per directive at a time; then look for the letters of this key (a
    # retried request, or its racing twin that held the lock first).
    directive = (
        Directive.objects.select_for_update(of=("self",))
        .select_related("document", "unit", "unit__parent")
        .get(pk=directive.pk)
    )
    if key:
        issued = list(UrgingLetter.objects.filter(batch=key).order_by("batch_index"))
        if issued:
            return issued
    if not 1 <= working_days <= MAX_WORKING_DAYS:
        raise ApplicationError(
            _("The new deadline must be between 1 and %(max)s working days.")
            % {"max": MAX_WORKING_DAYS}
        )
    today = today or timezone.localdate()
    late = directive_late_units(directive=directive, today=today)
    if unit_ids is not None:
        chosen = set(unit_ids)
        late = [unit for unit in late if unit.unit_id in chosen]
    if not late:
        raise ApplicationError(_("No unit is late on this directive: there is nothing to urge."))
    new_due_on = deadline_config().calendar.add_working_days(today, working_days)
    signer = signer or default_signer(directive.unit)
    party = is_party_body(directive.unit)
    subject = f"V/v đôn đốc thực hiện {document_short(directive.document)}"
    groups = [[unit] for unit in late] if per_unit else [late]
    letters: list[UrgingLetter] = []
    for index, group in enumerate(groups):
        number = number_take(
            unit=directive.unit, type_abbreviation="CV" if party else "", issued_on=today
        )
        units = [_snapshot(unit) for unit in group]
        content = _letter_content(
            directive=directive,
            number_line=number.text,
            units=units,
            today=today,
            new_due_on=new_due_on,
            signer=signer,
            subject=subject,
        )
        letter = UrgingLetter(
            directive=directive,
            unit=directive.unit,
            number=number.symbol,
            issued_on=today,
            subject=subject,
            new_due_on=new_due_on,
            items=units,
            content=letter_docx_build(content),
            created_by=actor,
            batch=key,
            batch_index=index,
        )
        letter.full_clean()
        letter.save()
        letter.recipients.set([unit.unit_id for unit in group])
        audit_record(
            actor=actor,
            verb="directives_urging_letter.issue",
            target=letter,
            data={
                "directive": directive.pk,
                "number": letter.number,
                "units": [unit.unit_id for unit in group],
                "new_due_on": new_due_on,
            },
        )
        letters.append(letter)
    _notify_units(letters, directive=directive)
    return letters
