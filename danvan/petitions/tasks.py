"""Background work of the petitions app (Django's Tasks API).

Task bodies stay thin: load by id, call the service, log. Logs carry ids, codes of the
message and counts only, never names, addresses or message text.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task

from danvan.notifications.services import email_send_once
from danvan.petitions.models import Case
from danvan.petitions.services.handling import (
    PETITIONER_MESSAGES,
    case_alerts_sweep,
    petitioner_message,
)

logger = logging.getLogger(__name__)


@task()
def petitions_sweep(*, on: str | None = None) -> dict[str, object]:
    """Send the deadline warnings and overdue escalations of the day (see the service)."""
    result = case_alerts_sweep(on=dt.date.fromisoformat(on) if on else None)
    logger.info(
        "petitions sweep %s: working_day=%s warnings=%s escalations=%s notifications=%s",
        result.on.isoformat(),
        result.working_day,
        result.warnings,
        result.escalations,
        result.notifications,
    )
    return {
        "on": result.on.isoformat(),
        "working_day": result.working_day,
        "warnings": result.warnings,
        "escalations": result.escalations,
        "notifications": result.notifications,
    }


@task(queue_name="notifications")
def send_petitioner_email(*, case_id: int, message: str, key: str = "") -> str:
    """E-mail the petitioner of a case (no account) about ``message``.

    Never for a denunciation: the denouncer is reached only through the sealed helper.
    ``key`` (given when queued) makes a second run of the same task send nothing.
    """
    case = Case.objects.select_related("unit").filter(pk=case_id).first()
    if case is None or message not in PETITIONER_MESSAGES:
        logger.info("petitioner e-mail skipped: case=%s message=%s", case_id, message)
        return "skipped"
    if case.kind == Case.Kind.DENUNCIATION or not case.petitioner_email:
        logger.info("petitioner e-mail skipped: case=%s has no open address", case_id)
        return "no_address"
    title, body = petitioner_message(case=case, message=message)
    site = getattr(settings, "DANVAN", {}).get("SITE_NAME", "danvan")
    email = EmailMessage(
        subject=f"[{site}] {' '.join(title.split())}",
        body=body,
        to=[case.petitioner_email],
    )
    if key and not email_send_once(key=key, message=email):
        logger.info("petitioner e-mail already sent: case=%s message=%s", case_id, message)
        return "already_sent"
    if not key:
        email.send()
    logger.info("petitioner e-mail sent: case=%s message=%s", case_id, message)
    return "sent"
