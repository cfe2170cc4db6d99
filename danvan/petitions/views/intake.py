"""Intake pages: the public petition form, receipts, tracking and rating; the reception desk
(reception book 03/TCD, letters by post, online sessions) and attachment downloads.

Views parse, check access and call a service. Public pages need no account; staff pages
need the ``petitions.receive_case`` permission in the active unit and answer 404 otherwise.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.client_ip import client_ip
from danvan.core.dashboard import register_panel
from danvan.core.exceptions import ApplicationError
from danvan.petitions.access import access_case_for_staff
from danvan.petitions.forms.intake import (
    KIND_HELP,
    BookFilterForm,
    BookFollowUpForm,
    DenunciationForm,
    PetitionForm,
    PostIntakeForm,
    RatingForm,
    ReceptionEntryForm,
    SessionForm,
    SessionHeldForm,
    TrackingForm,
    UnitChoiceField,
    unit_options,
)
from danvan.petitions.models import Case
from danvan.petitions.models.intake import CaseRating, ReceptionSession
from danvan.petitions.rules import may_open_sealed_identity
from danvan.petitions.selectors.intake import (
    UNTRACKABLE_KINDS,
    attachment_find,
    case_attachments,
    case_find_for_tracking,
    case_first_deadline,
    case_get_for_owner,
    case_public_view,
    cases_submitted_by,
    intake_unit_resolve,
    intake_units_for_choice,
    reception_book_entries,
    reception_entry_get,
    reception_session_get,
    reception_sessions_for_unit,
    reception_sessions_open,
    session_timeline,
    unit_heads,
    unit_officials,
)
from danvan.petitions.services.intake import (
    DenunciationReceived,
    attachment_download_record,
    attachment_open,
    case_rate,
    intake_denunciation_receive,
    intake_submit,
    rate_limit_hit,
    rate_limit_peek,
    reception_denunciation_record,
    reception_entry_record,
    reception_entry_update,
    reception_session_cancel,
    reception_session_connection_tested,
    reception_session_held,
    reception_session_schedule,
    submission_key_new,
)
from danvan.petitions.services.sealed import receipt_code_display
from danvan.units.models import RoleAssignment, Unit, User

RECEIPTS_SESSION_KEY = "petitions_intake_receipts"
RECEIPTS_KEPT = 5
BOOK_PAGE_SIZE = 50
SUBMIT_WINDOW_SECONDS = 3600
TRACKING_WINDOW_SECONDS = 15 * 60

# Channel prefixes of the submission key: a key only ever finds a case of its own channel.
WEB_KEY = "web:"
DESK_KEY = "desk:"
POST_KEY = "post:"
DENUNCIATION_KEY = "den:"


def _setting(name: str, default: int) -> int:
    return int(settings.DANVAN.get(name, default))


def _user_or_none(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


# --------------------------------------------------------------------------- public: submit


def _receipt_remember(request: HttpRequest, case: Case) -> None:
    """Keep the code in the session so the receipt page (no code in its URL) can show it."""
    codes = [c for c in request.session.get(RECEIPTS_SESSION_KEY, []) if c != case.tracking_code]
    request.session[RECEIPTS_SESSION_KEY] = [case.tracking_code, *codes][:RECEIPTS_KEPT]


def _case_for_key(key: str) -> Case | None:
    """The case a form with this (channel-prefixed) submission key already made."""
    return Case.objects.filter(idempotency_key=key).first()


@require_GET
def intake_start(request: HttpRequest) -> HttpResponse:
    """Choose what to send: a petition or a complaint, or a denunciation (sealed flow)."""
    return render(request, "petitions/intake/start.html", {"kind_help": KIND_HELP})


def _petition_initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {"submission_key": submission_key_new(), "people_count": 1}
    kind = request.GET.get("loai", "")
    if kind in {Case.Kind.PETITION, Case.Kind.COMPLAINT}:
        initial["kind"] = kind
    unit = (
        intake_unit_resolve(code=request.GET.get("don_vi", "")) if "don_vi" in request.GET else None
    )
    if unit is not None:
        initial["unit"] = unit.code
    user = _user_or_none(request)
    if user is not None:
        initial.update({"name": user.get_full_name(), "email": user.email, "phone": user.phone})
    return initial


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def intake_form(request: HttpRequest) -> HttpResponse:
    """The public form for a petition/feedback or a complaint; no account needed."""
    if request.method == "GET":
        form = PetitionForm(
            initial=_petition_initial(request), unit_query=request.GET.get("unit_q", "")
        )
        return _form_page(request, form)
    raw_key = str(request.POST.get("submission_key", ""))
    existing = _case_for_key(WEB_KEY + raw_key)
    if existing is not None:
        # A double click or a retry after a lost response: the first receipt again.
        _receipt_remember(request, existing)
        return redirect("petitions:intake_receipt", permanent=False)
    unit_query = str(request.POST.get("unit_q", ""))
    if "find_unit" in request.POST:
        # Search without JavaScript: show the matches, keep what was typed, no errors yet.
        form = PetitionForm(initial=request.POST.dict(), unit_query=unit_query)
        if request.FILES:
            messages.warning(request, _("Files are not kept by a search: attach them again."))
        return _form_page(request, form)
    form = PetitionForm(request.POST, request.FILES, unit_query=unit_query)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    user = _user_or_none(request)
    client = client_ip(request)
    limit = _setting("INTAKE_RATE_LIMIT", 10)
    if user is None and rate_limit_peek(scope="submit", client=client, limit=limit):
        form.add_error(None, _too_many_submissions())
        return _form_page(request, form, status=429)
    case, created = intake_submit(
        submission=form.submission(),
        idempotency_key=WEB_KEY + form.cleaned_data["submission_key"],
        submitted_by=user,
        files=form.cleaned_data["attachments"],
    )
    if created and user is None:
        rate_limit_hit(
            scope="submit", client=client, limit=limit, window_seconds=SUBMIT_WINDOW_SECONDS
        )
    _receipt_remember(request, case)
    return redirect("petitions:intake_receipt")


def _too_many_submissions() -> str:
    return _(
        "Too many petitions were sent from this network address in the last hour. "
        "Please try again later, or sign in to send more."
    )


def _form_page(request: HttpRequest, form: PetitionForm, *, status: int = 200) -> HttpResponse:
    return render(
        request,
        "petitions/intake/form.html",
        {"form": form, "kind_help": KIND_HELP},
        status=status,
    )


@sensitive_variables()
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def intake_denunciation(request: HttpRequest) -> HttpResponse:
    """The public denunciation form: the identity is handed to the sealed vault.

    The receipt is rendered in the answer to the POST (not stored, not redirected to): its
    receipt code exists in clear only in this one response.
    """
    if request.method == "GET":
        initial = _petition_initial(request)
        initial.pop("kind", None)
        form = DenunciationForm(initial=initial, unit_query=request.GET.get("unit_q", ""))
        return _denunciation_page(request, form)
    unit_query = str(request.POST.get("unit_q", ""))
    if "find_unit" in request.POST:
        form = DenunciationForm(initial=request.POST.dict(), unit_query=unit_query)
        if request.FILES:
            messages.warning(request, _("Files are not kept by a search: attach them again."))
        return _denunciation_page(request, form)
    form = DenunciationForm(request.POST, request.FILES, unit_query=unit_query)
    if not form.is_valid():
        return _denunciation_page(request, form, status=400)
    user = _user_or_none(request)
    client = client_ip(request)
    limit = _setting("INTAKE_RATE_LIMIT", 10)
    key = DENUNCIATION_KEY + form.cleaned_data["submission_key"]
    # A retry is never limited: the sealed flow gives it the first case (and, soon after
    # the first try, a fresh receipt code, since the first one cannot be shown again).
    retry = _case_for_key(key) is not None
    if user is None and not retry and rate_limit_peek(scope="submit", client=client, limit=limit):
        form.add_error(None, _too_many_submissions())
        return _denunciation_page(request, form, status=429)
    received = intake_denunciation_receive(
        submission=form.submission(),
        idempotency_key=key,
        account=user,
        files=form.cleaned_data["attachments"],
    )
    if received.created and user is None:
        rate_limit_hit(
            scope="submit", client=client, limit=limit, window_seconds=SUBMIT_WINDOW_SECONDS
        )
    return _denunciation_receipt(request, received)


def _denunciation_page(
    request: HttpRequest, form: DenunciationForm, *, status: int = 200
) -> HttpResponse:
    return render(request, "petitions/intake/denunciation_form.html", {"form": form}, status=status)


def _denunciation_receipt(
    request: HttpRequest, received: DenunciationReceived, *, staff: bool = False
) -> HttpResponse:
    """The receipt of a denunciation, with its follow-up code in clear this once.

    Never stored, never cached, never redirected to: the code exists in clear only in this
    response.
    """
    response = render(
        request,
        "petitions/intake/denunciation_receipt.html",
        {
            "case": received.case,
            "receipt_code": receipt_code_display(received.receipt_code)
            if received.receipt_code
            else "",
            "created": received.created,
            "deadline": case_first_deadline(case=received.case),
            "staff": staff,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def intake_unit_options(request: HttpRequest) -> HttpResponse:
    """The ``<option>`` list for the body search (htmx, while the person types)."""
    field = PetitionForm.base_fields["unit"]
    assert isinstance(field, UnitChoiceField)
    units = intake_units_for_choice(query=request.GET.get("unit_q", ""))
    selected = intake_unit_resolve(code=request.GET.get("unit", ""))
    if selected is not None and all(unit.pk != selected.pk for unit in units):
        units.insert(0, selected)  # keep the person's choice while they search
    return render(
        request,
        "petitions/intake/_unit_options.html",
        {
            "options": unit_options(field, units),
            "empty_label": field.empty_label,
            "selected": selected.code if selected is not None else "",
        },
    )


@never_cache
@require_GET
def intake_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt of the latest submission from this browser (printable)."""
    codes = request.session.get(RECEIPTS_SESSION_KEY, [])
    case = (
        Case.objects.select_related("unit", "field")
        .exclude(kind__in=UNTRACKABLE_KINDS)
        .filter(tracking_code__in=codes[:1])
        .first()
    )
    if case is None:
        return redirect("petitions:intake_start")
    return _receipt_page(request, case)


def _receipt_page(request: HttpRequest, case: Case, *, staff: bool = False) -> HttpResponse:
    return render(
        request,
        "petitions/intake/receipt.html",
        {
            "case": case,
            "deadline": case_first_deadline(case=case),
            "attachments": case_attachments(case=case),
            "staff": staff,
        },
    )


# --------------------------------------------------------------------------- public: tracking


def _not_found() -> str:
    return _(
        "No petition was found with this tracking code. Check the code on your receipt: "
        "it starts with DV and has 10 more letters and digits."
    )


def _tracking_over_limit(request: HttpRequest) -> bool:
    return rate_limit_hit(
        scope="tracking",
        client=client_ip(request),
        limit=_setting("TRACKING_RATE_LIMIT", 30),
        window_seconds=TRACKING_WINDOW_SECONDS,
    )


def _tracking_page(
    request: HttpRequest,
    *,
    form: TrackingForm,
    case: Case | None = None,
    rating_form: RatingForm | None = None,
    status: int = 200,
    owner: bool = False,
) -> HttpResponse:
    view = case_public_view(case=case) if case is not None else None
    if view is not None and view.can_rate and rating_form is None:
        rating_form = RatingForm(initial={"code": case.tracking_code if case else ""})
    return render(
        request,
        "petitions/intake/tracking.html",
        {"form": form, "view": view, "rating_form": rating_form, "owner": owner},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def intake_tracking(request: HttpRequest) -> HttpResponse:
    """Look a case up by tracking code (POST, so codes stay out of addresses and logs)."""
    if request.method == "GET":
        return _tracking_page(request, form=TrackingForm())
    form = TrackingForm(request.POST)
    if _tracking_over_limit(request):
        form.is_valid()
        form.add_error(None, _too_many_lookups())
        return _tracking_page(request, form=form, status=429)
    if not form.is_valid():
        return _tracking_page(request, form=form, status=400)
    case = case_find_for_tracking(code=form.cleaned_data["code"])
    if case is None:
        form.add_error("code", _not_found())
        return _tracking_page(request, form=form, status=404)
    return _tracking_page(request, form=form, case=case)


def _too_many_lookups() -> str:
    return _("Too many look-ups from this network address. Please wait 15 minutes and try again.")


@sensitive_post_parameters()
@never_cache
@require_POST
def intake_rate(request: HttpRequest) -> HttpResponse:
    """Confirm receipt of the answer and rate it, from the tracking page."""
    code = str(request.POST.get("code", ""))
    lookup = TrackingForm({"code": code})
    lookup.is_valid()
    if _tracking_over_limit(request):
        lookup.add_error(None, _too_many_lookups())
        return _tracking_page(request, form=lookup, status=429)
    case = case_find_for_tracking(code=code)
    if case is None:
        lookup.add_error("code", _not_found())
        return _tracking_page(request, form=lookup, status=404)
    user = _user_or_none(request)
    rated_by = user if user is not None and case.submitted_by_id == user.pk else None
    return _rate(request, case=case, form=lookup, via=CaseRating.Via.TRACKING_CODE, user=rated_by)


def _rate(
    request: HttpRequest,
    *,
    case: Case,
    form: TrackingForm,
    via: CaseRating.Via,
    user: User | None,
    owner: bool = False,
) -> HttpResponse:
    rating_form = RatingForm(request.POST)
    if rating_form.is_valid():
        try:
            case_rate(
                case=case,
                outcome=CaseRating.Outcome(rating_form.cleaned_data["outcome"]),
                comment=rating_form.cleaned_data["comment"],
                via=via,
                rated_by=user,
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            return _tracking_page(request, form=form, case=case, owner=owner, status=409)
        messages.success(request, _("Thank you. Your rating was recorded."))
        return _tracking_page(request, form=form, case=case, owner=owner)
    return _tracking_page(
        request, form=form, case=case, rating_form=rating_form, owner=owner, status=400
    )


@login_required
@require_GET
def intake_my_cases(request: HttpRequest) -> HttpResponse:
    """The petitions the signed-in person sent with their account."""
    user = _user_or_none(request)
    assert user is not None
    return render(
        request, "petitions/intake/my_cases.html", {"cases": cases_submitted_by(user=user)}
    )


@sensitive_post_parameters()
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def intake_my_case(request: HttpRequest, code: str) -> HttpResponse:
    """One of the person's own cases, where they can confirm and rate the answer."""
    user = _user_or_none(request)
    assert user is not None
    case = case_get_for_owner(user=user, code=code)
    if case is None:
        raise Http404
    form = TrackingForm(initial={"code": case.display_code})
    if request.method == "POST":
        return _rate(
            request, case=case, form=form, via=CaseRating.Via.ACCOUNT, user=user, owner=True
        )
    return _tracking_page(request, form=form, case=case, owner=True)


# --------------------------------------------------------------------------- staff: access


def _desk_unit(request: HttpRequest) -> Unit:
    """The active unit, if the person may receive petitions there; 404 otherwise."""
    role: RoleAssignment | None = getattr(request, "active_role", None)
    if role is None or not request.user.has_perm("petitions.receive_case", role.unit):
        raise Http404
    return role.unit


def _officer(request: HttpRequest) -> User:
    user = _user_or_none(request)
    assert user is not None
    return user


@login_required
@require_GET
def intake_attachment_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """Send an attachment to staff who may see it; the same 404 for everyone else.

    A sealed attachment (sent with a denunciation) needs the custodian's permission, since
    it may show who wrote it; every download is written in the audit log.
    """
    attachment = attachment_find(code=code, pk=pk)
    sealed = attachment is not None and attachment.is_sealed
    perm = "petitions.open_sealed_identity" if sealed else "petitions.view_case"
    case = access_case_for_staff(request.user, code=code, perm=perm)
    if attachment is None or (sealed and not may_open_sealed_identity(request.user, case)):
        raise Http404
    attachment_download_record(attachment=attachment, actor=_officer(request))
    response = FileResponse(
        attachment_open(attachment=attachment),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def intake_desk_receipt(request: HttpRequest, code: str) -> HttpResponse:
    """The receipt an officer prints for the person after recording a visit or a letter."""
    case = access_case_for_staff(request.user, code=code, perm="petitions.receive_case")
    if case.kind in UNTRACKABLE_KINDS:
        raise Http404
    return _receipt_page(request, case, staff=True)


# --------------------------------------------------------------------------- staff: book


@login_required
@require_GET
def intake_book(request: HttpRequest) -> HttpResponse:
    """The reception book (form 03/TCD) of the active unit, with date and kind filters."""
    unit = _desk_unit(request)
    form = BookFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        entries = reception_book_entries(unit=unit).none()
    else:
        data = form.cleaned_data if form.is_bound else {}
        entries = reception_book_entries(
            unit=unit,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            kind=data.get("kind") or None,
        )
    page = Paginator(entries, BOOK_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/intake/book_list.html",
        {"unit": unit, "form": form, "page": page, "query": query.urlencode()},
    )


@sensitive_variables()
@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def intake_book_add(request: HttpRequest) -> HttpResponse:
    """Record an in-person (or online-session) visit in the book; its case is received too."""
    unit = _desk_unit(request)
    sessions = reception_sessions_open(unit=unit)
    if request.method == "GET":
        initial = {"submission_key": submission_key_new(), "received_on": timezone.localdate()}
        initial["people_count"] = 1
        if request.GET.get("buoi", "").isdigit():
            initial["session"] = request.GET["buoi"]
        form = ReceptionEntryForm(initial=initial, unit=unit, sessions=sessions)
        return _book_form_page(request, form, unit)
    form = ReceptionEntryForm(request.POST, request.FILES, unit=unit, sessions=sessions)
    existing = _case_for_key(DESK_KEY + str(request.POST.get("submission_key", "")))
    if (
        existing is not None
        and existing.kind not in UNTRACKABLE_KINDS
        and hasattr(existing, "reception_entry")
    ):
        return redirect("petitions:intake_desk_receipt", code=existing.tracking_code)
    if not form.is_valid():
        return _book_form_page(request, form, unit, status=400)
    submission = form.submission()
    arguments: dict[str, Any] = {
        "submission": submission,
        "officer": _officer(request),
        "received_on": form.cleaned_data["received_on"],
        "columns": form.columns(),
        "idempotency_key": DESK_KEY + form.cleaned_data["submission_key"],
        "session": form.cleaned_data.get("session"),
        "files": form.cleaned_data["attachments"],
    }
    try:
        if submission.kind in UNTRACKABLE_KINDS:
            entry, received = reception_denunciation_record(**arguments)
        else:
            entry, _created = reception_entry_record(**arguments)
    except ApplicationError as error:
        form.add_error(None, error.message)
        return _book_form_page(request, form, unit, status=400)
    assert entry.case is not None
    messages.success(
        request,
        _("Recorded as no. %(number)s of %(year)s in the reception book.")
        % {"number": entry.sequence, "year": entry.year},
    )
    if submission.kind in UNTRACKABLE_KINDS:
        return _denunciation_receipt(request, received, staff=True)
    return redirect("petitions:intake_desk_receipt", code=entry.case.tracking_code)


def _book_form_page(
    request: HttpRequest, form: ReceptionEntryForm, unit: Unit, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "petitions/intake/book_form.html",
        {"form": form, "unit": unit},
        status=status,
    )


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def intake_book_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """One line of the book; columns 8–13 can be filled in as the case moves on."""
    unit = _desk_unit(request)
    entry = reception_entry_get(unit=unit, pk=pk)
    if entry is None:
        raise Http404
    if request.method == "POST":
        form = BookFollowUpForm(request.POST)
        if form.is_valid():
            try:
                reception_entry_update(
                    entry=entry, officer=_officer(request), columns=form.columns()
                )
            except ApplicationError as error:  # pragma: no cover - the form checks the same
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The reception book entry was updated."))
                return redirect("petitions:intake_book_entry", pk=entry.pk)
        status = 400
    else:
        form = BookFollowUpForm(initial=_columns_initial(entry))
        status = 200
    return render(
        request,
        "petitions/intake/book_entry.html",
        {"entry": entry, "form": form, "unit": unit},
        status=status,
    )


def _columns_initial(entry: Any) -> dict[str, Any]:
    names = [
        "resolved_by",
        "within_competence",
        "guided_to",
        "guidance_letter_number",
        "accepted_by",
        "transfer_letter_number",
        "outcome_follow_up",
        "notes",
    ]
    return {name: getattr(entry, name) for name in names}


# --------------------------------------------------------------------------- staff: post


@sensitive_variables()
@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def intake_post_add(request: HttpRequest) -> HttpResponse:
    """A letter that came by post (or was handed in), typed in for the person who sent it."""
    unit = _desk_unit(request)
    if request.method == "GET":
        form = PostIntakeForm(
            initial={
                "submission_key": submission_key_new(),
                "received_on": timezone.localdate(),
                "people_count": 1,
            },
            unit=unit,
        )
        return _post_form_page(request, form)
    existing = _case_for_key(POST_KEY + str(request.POST.get("submission_key", "")))
    if existing is not None and existing.kind not in UNTRACKABLE_KINDS:
        return redirect("petitions:intake_desk_receipt", code=existing.tracking_code)
    form = PostIntakeForm(request.POST, request.FILES, unit=unit)
    if not form.is_valid():
        return _post_form_page(request, form, status=400)
    submission = form.submission()
    data = form.cleaned_data
    arguments: dict[str, Any] = {
        "submission": submission,
        "idempotency_key": POST_KEY + data["submission_key"],
        "channel": Case.Channel.POST,
        "entered_by": _officer(request),
        "received_on": data["received_on"],
        "letter_dated_on": data.get("letter_dated_on"),
        "postmarked_on": data["postmarked_on"],
        "files": data["attachments"],
    }
    if submission.kind in UNTRACKABLE_KINDS:
        return _denunciation_receipt(request, intake_denunciation_receive(**arguments), staff=True)
    case, _created = intake_submit(**arguments)
    messages.success(
        request, _("The letter was received as case %(code)s.") % {"code": case.display_code}
    )
    return redirect("petitions:intake_desk_receipt", code=case.tracking_code)


def _post_form_page(
    request: HttpRequest, form: PostIntakeForm, *, status: int = 200
) -> HttpResponse:
    return render(request, "petitions/intake/post_form.html", {"form": form}, status=status)


# --------------------------------------------------------------------------- staff: sessions


@login_required
@require_GET
def intake_sessions(request: HttpRequest) -> HttpResponse:
    """Online reception sessions of the active unit."""
    unit = _desk_unit(request)
    sessions = [
        (session, session_timeline(scheduled_start=session.scheduled_start))
        for session in reception_sessions_for_unit(unit=unit)[:100]
    ]
    return render(
        request,
        "petitions/intake/session_list.html",
        {"unit": unit, "sessions": sessions, "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake_session_add(request: HttpRequest) -> HttpResponse:
    """Schedule an online session; the Art 23 notice period is checked on the legal calendar."""
    unit = _desk_unit(request)
    kwargs = {"heads": unit_heads(unit=unit), "officials": unit_officials(unit=unit)}
    if request.method == "GET":
        form = SessionForm(initial={"notified_on": timezone.localdate()}, **kwargs)
        return _session_form_page(request, form, unit)
    form = SessionForm(request.POST, **kwargs)
    if not form.is_valid():
        return _session_form_page(request, form, unit, status=400)
    data = form.cleaned_data
    try:
        session = reception_session_schedule(
            unit=unit,
            presiding=data["presiding"],
            topic=data["topic"],
            scheduled_start=form.scheduled_start(),
            notified_on=data["notified_on"],
            platform=ReceptionSession.Platform(data["platform"]),
            link=data["link"],
            participants=data["participants"],
            external_participants=data["external_participants"],
            created_by=_officer(request),
        )
    except ApplicationError as error:
        form.add_error(None, error.message)
        return _session_form_page(request, form, unit, status=400)
    messages.success(request, _("The online reception session was scheduled."))
    return redirect("petitions:intake_session_detail", pk=session.pk)


def _session_form_page(
    request: HttpRequest, form: SessionForm, unit: Unit, *, status: int = 200
) -> HttpResponse:
    return render(
        request, "petitions/intake/session_form.html", {"form": form, "unit": unit}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake_session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A session: its Art 23 dates, participants, recording, and the receptions in it."""
    unit = _desk_unit(request)
    session = reception_session_get(unit=unit, pk=pk)
    if session is None:
        raise Http404
    held_form = SessionHeldForm()
    status = 200
    if request.method == "POST":
        held_form, status = _session_action(request, session)
        if status == 200:
            return redirect("petitions:intake_session_detail", pk=session.pk)
        session = reception_session_get(unit=unit, pk=pk)
        assert session is not None
    return render(
        request,
        "petitions/intake/session_detail.html",
        {
            "unit": unit,
            "session": session,
            "timeline": session_timeline(scheduled_start=session.scheduled_start),
            "entries": session.entries.select_related("case").order_by("sequence"),
            "held_form": held_form,
            "today": timezone.localdate(),
            "add_url": reverse("petitions:intake_book_add") + f"?buoi={session.pk}",
        },
        status=status,
    )


def _session_action(request: HttpRequest, session: ReceptionSession) -> tuple[SessionHeldForm, int]:
    """Apply the posted action; return the recording form and 200, or the error status."""
    action = request.POST.get("action", "")
    officer = _officer(request)
    held_form = SessionHeldForm(request.POST if action == "held" else None)
    try:
        if action == "tested":
            reception_session_connection_tested(session=session, actor=officer)
            messages.success(request, _("The connection test was recorded."))
        elif action == "held":
            if not held_form.is_valid():
                return held_form, 400
            reception_session_held(
                session=session,
                actor=officer,
                recording_url=held_form.cleaned_data["recording_url"],
            )
            messages.success(request, _("The session was marked as held."))
        elif action == "cancel":
            reception_session_cancel(session=session, actor=officer)
            messages.success(request, _("The session was cancelled."))
        else:
            raise Http404
    except ApplicationError as error:
        messages.error(request, error.message)
        return held_form, 409
    return held_form, 200


# --------------------------------------------------------------------------- dashboard


def _desk_panel_context(request: HttpRequest) -> dict[str, Any]:
    role: RoleAssignment | None = getattr(request, "active_role", None)
    if role is None or not request.user.has_perm("petitions.receive_case", role.unit):
        return {"desk_unit": None}
    today = timezone.localdate()
    entries = reception_book_entries(unit=role.unit, date_from=today.replace(day=1), date_to=today)
    upcoming = (
        reception_sessions_for_unit(unit=role.unit)
        .filter(status=ReceptionSession.Status.SCHEDULED, scheduled_start__gte=timezone.now())
        .order_by("scheduled_start")[:3]
    )
    return {
        "desk_unit": role.unit,
        "entries_this_month": entries.count(),
        "upcoming_sessions": [
            (session, session_timeline(scheduled_start=session.scheduled_start))
            for session in upcoming
        ],
        "today": today,
    }


def register_panels() -> None:
    """The reception desk panel: this month's book and the next online sessions."""
    register_panel(
        key="petitions.intake.desk",
        template="petitions/intake/panels/desk.html",
        context=_desk_panel_context,
        roles=[RoleAssignment.Role.RECEPTION_OFFICER, RoleAssignment.Role.HANDLER],
        order=20,
    )
