"""Attach the signed-in user's active role (unit switcher) to each request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from danvan.units.selectors import role_assignment_get_active

SESSION_KEY = "danvan_active_role"


class ActiveRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.active_role = role_assignment_get_active(  # type: ignore[attr-defined]
            user=request.user, chosen_id=request.session.get(SESSION_KEY)
        ) if request.user.is_authenticated else None
        return self.get_response(request)
