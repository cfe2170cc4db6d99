"""Reads of the audit log for the administrators' page."""

import datetime as dt

from django.db.models import QuerySet

from danvan.audit.models import AuditEntry


def audit_entry_list(
    *,
    verb: str = "",
    actor: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    """Return entries, newest first, filtered by verb prefix, actor text and local dates.

    ``verb`` matches a prefix so that "unit." finds every action on units; ``actor``
    matches anywhere in the recorded label (name and username). Dates are calendar days
    in the site's time zone, both ends included.
    """
    entries = AuditEntry.objects.select_related("target_type").order_by("-seq")
    if verb:
        entries = entries.filter(verb__startswith=verb)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if date_from is not None:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries
