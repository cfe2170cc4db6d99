"""Log-in and log-out, the unit switcher, "my profile" and a unit's page."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.units.access import access_role_assignment_for_owner, access_unit_for_user
from danvan.units.forms import LoginForm, ResidenceForm
from danvan.units.middleware import active_role_remember
from danvan.units.models import User
from danvan.units.selectors import (
    role_assignment_list_for_unit,
    role_assignment_list_for_user,
    role_assignment_list_history_for_user,
    unit_ancestors,
    unit_list_children,
)
from danvan.units.services import user_residence_update


class LoginView(auth_views.LoginView):
    """Log in with Argon2-hashed passwords; django-axes locks out after repeated failures."""

    form_class = LoginForm
    template_name = "units/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, so that a link in an e-mail cannot log anyone out)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have logged out."))
        return response


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    """Make one of the user's own role assignments the active one.

    Someone else's assignment, an ended one or a made-up id all give the same 404.
    """
    assignment = access_role_assignment_for_owner(
        request.user, assignment_id=request.POST.get("role_assignment", "")
    )
    active_role_remember(session=request.session, assignment=assignment)
    messages.success(
        request,
        _("You are now working as %(role)s of %(unit)s.")
        % {"role": assignment.get_role_display(), "unit": assignment.unit.name},
    )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "core:dashboard"
    return redirect(target)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in person's details, year of birth and residence, and the roles they hold."""
    user = request.user
    assert isinstance(user, User)  # login_required
    initial = {"birth_year": user.birth_year, "home_unit": user.home_unit_id}
    form = ResidenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        user_residence_update(
            user=user,
            birth_year=form.cleaned_data["birth_year"],
            home_unit=form.cleaned_data["home_unit"],
        )
        messages.success(request, _("Your details have been saved."))
        return redirect("units:profile")
    return render(
        request,
        "units/profile.html",
        {
            "residence_form": form,
            "assignments": role_assignment_list_for_user(user=user),
            "history": role_assignment_list_history_for_user(user=user)[:20],
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A unit's page: where it sits in the tree, what is under it and, for its head and
    administrators, who holds which role."""
    unit = access_unit_for_user(request.user, code=code)
    people = (
        role_assignment_list_for_unit(unit=unit)
        if request.user.has_perm("units.view_unit_people", unit)
        else None
    )
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit_ancestors(unit=unit),
            "children": unit_list_children(unit=unit),
            "people": people,
        },
    )
