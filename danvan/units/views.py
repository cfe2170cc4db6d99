from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from danvan.units.middleware import SESSION_KEY
from danvan.units.selectors import role_assignment_list_for_user


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    """Make one of the user's own role assignments the active one."""
    chosen = request.POST.get("role_assignment", "")
    if role_assignment_list_for_user(user=request.user).filter(pk__in=[chosen] if chosen.isdigit() else []).exists():
        request.session[SESSION_KEY] = int(chosen)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "core:dashboard"
    return redirect(target)
