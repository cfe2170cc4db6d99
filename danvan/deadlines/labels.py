"""Translated labels for the engine's codes (the engine itself has no gettext)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.deadlines.engine import Anchor, ResumeMode, Status, TimeUnit

UNIT_LABELS: dict[TimeUnit, Promise] = {
    TimeUnit.CALENDAR_DAY: _("days"),
    TimeUnit.WORKING_DAY: _("working days"),
}

ANCHOR_LABELS: dict[Anchor, Promise] = {
    Anchor.RECEIVED: _("from receipt"),
    Anchor.ACCEPTED: _("from acceptance"),
    Anchor.DECISION_ISSUED: _("from the decision's issue"),
    Anchor.DECISION_RECEIVED: _("from receipt of the decision"),
    Anchor.CONCLUDED: _("from the conclusion"),
    Anchor.NOTIFIED: _("from notification"),
    Anchor.POSTED: _("from posting"),
}

STATUS_LABELS: dict[Status, Promise] = {
    Status.VERIFIED: _("verified from the legal text"),
    Status.REPOSITORY: _("transcription of an official 2026 text, to check against the Gazette"),
    Status.SECONDARY: _("secondary source"),
    Status.BACKGROUND: _("not yet backed by a source: must be verified"),
    Status.UNCERTAIN: _("uncertain or conflicting sources"),
}

RESUME_LABELS: dict[ResumeMode, Promise] = {
    ResumeMode.RESTART: _("restarts from the resume decision"),
    ResumeMode.CONTINUE: _("continues; time suspended is not counted"),
}
