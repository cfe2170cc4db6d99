"""The administrators' read-only audit log page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.audit.access import access_audit_log_for_administrator
from danvan.audit.forms import AuditFilterForm
from danvan.audit.models import AuditEntry
from danvan.audit.selectors import audit_entry_list

PAGE_SIZE = 50


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    access_audit_log_for_administrator(request.user)
    form = AuditFilterForm(request.GET or None)
    entries: QuerySet[AuditEntry]
    if form.is_bound and not form.is_valid():
        entries = AuditEntry.objects.none()  # the form explains what to correct
    else:
        entries = audit_entry_list(**(form.cleaned_data if form.is_bound else {}))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/audit_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
