"""Core dashboard panels: the work of the active role, described in the law's terms.

Each role gets a panel listing what it does in danvan and the legal duties that frame it;
domain modules add their own panels (queues, counters, deadlines) next to it.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.core.dashboard import register_panel

ROLE_DUTIES: dict[str, list[Any]] = {
    "citizen": [
        _("Send a petition, complaint or denunciation, with or without an account."),
        _("Follow your case with its tracking code and rate the answer."),
        _("Comment on drafts and vote on your commune's matters, one vote per household."),
    ],
    "reception_officer": [
        _("Record every visit in the electronic reception book (form 03/TCD)."),
        _("Receive paper and posted petitions on behalf of people without an account."),
        _("Issue the refusal notice (form 01/TCD) within 3 working days where the law allows it."),
    ],
    "handler": [
        _("Classify petitions, check the conditions for handling and spot duplicates."),
        _("Accept, forward or return with guidance, within the legal time limits."),
        _("Draft answers and decisions for the head's approval."),
    ],
    "head": [
        _(
            "Receive citizens in person: at least 1 day a month "
            "(2 days a month for a commune chairman)."
        ),
        _("Approve decisions, extensions and answers; watch the unit's overdue cases."),
    ],
    "commission_staff": [
        _("Turn directives into tasks for units and follow their periodic reports."),
        _("Keep the registry of “Dân vận khéo” models and examples."),
    ],
    "custodian": [
        _("Keep denouncers' identities sealed (Law on Denunciations, Arts 47 and 56)."),
        _("Open an identity only on a recorded request with a reason; every opening is audited."),
    ],
    "administrator": [
        _("Manage units, people and their roles."),
        _("Enter each year's holidays and working-day swaps announced by the Government."),
        _("Check the audit log's integrity."),
    ],
}


def role_duties_context(request: HttpRequest) -> dict[str, Any]:
    active = getattr(request, "active_role", None)
    role = getattr(active, "role", None) or "citizen"
    return {"active": active, "duties": ROLE_DUTIES.get(role, ROLE_DUTIES["citizen"])}


def register() -> None:
    register_panel(
        key="core.role_duties",
        template="core/panels/role_duties.html",
        context=role_duties_context,
        order=10,
    )
