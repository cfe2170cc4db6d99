"""Access to cases: one 404 for "no such case" and "not yours" (tracking codes included)."""

from typing import Any

from django.http import Http404

from danvan.core.access import get_object_for_user_or_404
from danvan.petitions.models import Case
from danvan.petitions.tracking import tracking_code_normalise


def access_case_for_staff(user: Any, *, code: str, perm: str = "petitions.view_case") -> Case:
    """Return the case with tracking ``code`` if ``user`` has ``perm`` on it; else ``Http404``."""
    normalised = tracking_code_normalise(code)
    if not normalised:
        raise Http404
    return get_object_for_user_or_404(
        Case.objects.select_related("unit", "receiving_unit", "field"),
        allowed=lambda case: bool(user.has_perm(perm, case)),
        tracking_code=normalised,
    )
