"""Access to the audit log: a 404 for everyone who may not read it."""

from typing import Any

from django.http import Http404


def access_audit_log_for_administrator(user: Any) -> None:
    """Raise ``Http404`` unless ``user`` may read the audit log.

    A 404 rather than a 403 keeps the page's existence from those who may not see it,
    as everywhere else in danvan (``danvan.core.access``).
    """
    if not user.has_perm("audit.view_audit_log"):
        raise Http404
