"""Site-wide pages: the public home page, the role dashboard and a health check."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from danvan.core.dashboard import panels_for_role


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    active = getattr(request, "active_role", None)
    role_code = getattr(active, "role", None)
    rendered = [
        mark_safe(render_to_string(panel.template, panel.context(request), request=request))  # noqa: S308
        for panel in panels_for_role(role_code)
    ]
    return render(request, "core/dashboard.html", {"panels": rendered, "active": active})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
