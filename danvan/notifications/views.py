"""My notifications: list, mark read, e-mail preference, test message.

Every change is a POST with a CSRF token. With htmx, marking one notification read swaps
just that item; without JavaScript the same form posts and the page reloads.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.notifications.access import access_notification_for_recipient
from danvan.notifications.forms import NotificationPreferenceForm
from danvan.notifications.models import NotificationPreference
from danvan.notifications.selectors import notification_count_unread, notification_list_for_user
from danvan.notifications.services import (
    notification_mark_all_read,
    notification_mark_read,
    notification_preference_set,
    notification_send_test,
)
from danvan.units.models import User

PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _back(request: HttpRequest) -> HttpResponse:
    """Redirect to the page the form came from if it is on this site, else the list."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications:list")
    return redirect(target)


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    page = Paginator(notification_list_for_user(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread": notification_count_unread(user=user)},
    )


@login_required
@require_POST
def notification_mark_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    notification = access_notification_for_recipient(request.user, notification_id=pk)
    notification_mark_read(notification=notification)
    if getattr(request, "htmx", False):
        return render(
            request, "notifications/_notification_item.html", {"notification": notification}
        )
    return _back(request)


@login_required
@require_POST
def notification_mark_all_read_view(request: HttpRequest) -> HttpResponse:
    count = notification_mark_all_read(user=_user(request))
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    current = NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )
    # An unticked box sends nothing, so an empty POST is still a submitted form.
    data = request.POST if request.method == "POST" else None
    form = NotificationPreferenceForm(data, instance=current)
    if form.is_valid():
        notification_preference_set(user=user, email_enabled=form.cleaned_data["email_enabled"])
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
@require_POST
def notification_send_test_view(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    notification_send_test(user=user)
    if user.email:
        messages.success(
            request, _("A test notification was created; its e-mail copy is on its way.")
        )
    else:
        messages.warning(
            request,
            _(
                "A test notification was created. Your account has no e-mail address, "
                "so no e-mail was sent."
            ),
        )
    return redirect("notifications:list")
