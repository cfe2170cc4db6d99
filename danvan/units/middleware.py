"""Attach the signed-in user's active role (unit switcher) to each request."""

from collections.abc import Callable

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse

from danvan.units.models import RoleAssignment
from danvan.units.selectors import role_assignment_get_active, role_assignment_list_for_user

SESSION_KEY = "danvan_active_role"


def active_role_remember(*, session: SessionBase, assignment: RoleAssignment) -> None:
    """Remember in the session which of the person's roles they act as."""
    session[SESSION_KEY] = assignment.pk


class ActiveRoleMiddleware:
    """Set ``request.active_role``: the chosen assignment, else the first one, else ``None``.

    The choice is re-checked on every request, so a role revoked in the meantime stops
    being used at once (the person falls back to their first remaining role).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        assignments: list[RoleAssignment] = []
        if request.user.is_authenticated:
            # Read once per request; the switcher in the page header shows the same list.
            assignments = list(role_assignment_list_for_user(user=request.user))
        request.role_choices = assignments  # type: ignore[attr-defined]
        request.active_role = (  # type: ignore[attr-defined]
            role_assignment_get_active(
                user=request.user,
                chosen_id=request.session.get(SESSION_KEY),
                assignments=assignments,
            )
            if request.user.is_authenticated
            else None
        )
        return self.get_response(request)
