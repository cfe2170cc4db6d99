from typing import Any

from django.http import HttpRequest

from danvan.units.selectors import role_assignment_list_for_user


def active_role(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    choices = getattr(request, "role_choices", None)  # read once by ActiveRoleMiddleware
    if choices is None:
        choices = role_assignment_list_for_user(user=user)
    return {
        "active_role": getattr(request, "active_role", None),
        "role_choices": choices,
    }
