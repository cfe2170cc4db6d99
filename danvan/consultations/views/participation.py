"""Taking part: per-article votes, the ballot ("submit all my votes"), comments, statements,
moderation and live tallies.

Everything works as plain HTML forms: a POST answers with a redirect back to the page it
came from, at the article (``#anchor``). With JavaScript, htmx (loaded by base.html) sends
the per-article vote in place and gets the re-rendered article partial back. Every page
reaches the consultation through ``_consultation``: the same 404 for a code that does not
exist and for one the visitor may not see.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.consultations.forms.participation import (
    VOTE_FIELD_PREFIX,
    CommentForm,
    ModerationForm,
    StatementForm,
    StatementVoteForm,
    VoteForm,
)
from danvan.consultations.models import Comment, Consultation, Statement
from danvan.consultations.selectors.participation import (
    EMPTY_TALLY,
    ProvisionRef,
    article_tallies,
    articles_of,
    comments_for_article,
    comments_for_moderation,
    consultation_by_slug,
    current_version_id,
    may_manage,
    may_read,
    may_take_part,
    provision_refs,
    statement_next,
    statement_votes_of,
    statements_accepted,
    statements_pending,
    tallies_overall,
    votes_of,
)
from danvan.consultations.services.ballots import ballot_token_issue, group_commit_available
from danvan.consultations.services.participation import (
    comment_add,
    comment_hide,
    comment_restore,
    statement_moderate,
    statement_submit,
    statement_vote,
    submission_key_new,
    vote_cast,
    votes_cast,
)
from danvan.core.exceptions import ApplicationError
from danvan.units.models import User

MODERATION_PAGE_SIZE = 50


# ------------------------------------------------------------------ helpers


def _consultation(request: HttpRequest, slug: str) -> Consultation:
    """The consultation if the visitor may see it; the same 404 otherwise."""
    consultation = consultation_by_slug(slug)
    if consultation is None or not may_read(request.user, consultation):
        raise Http404
    return consultation


def _managed(request: HttpRequest, slug: str) -> Consultation:
    consultation = consultation_by_slug(slug)
    if consultation is None or not may_manage(request.user, consultation):
        raise Http404
    return consultation


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _back(request: HttpRequest, consultation: Consultation, anchor: str = "") -> str:
    """Where a form returns: its ``next`` (same site only) or the reading page, at ``#anchor``."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = reverse("consultations:drafts_read", args=[consultation.slug])
    target = target.split("#", 1)[0]
    return f"{target}#{anchor}" if anchor else target


def _login_first(request: HttpRequest, consultation: Consultation) -> HttpResponse | None:
    if request.user.is_authenticated:
        return None
    return redirect_to_login(_back(request, consultation))


def _open_for(request: HttpRequest, consultation: Consultation) -> bool:
    """Whether the page should offer the forms (the services check again when they run)."""
    return consultation.is_open and may_take_part(request.user, consultation)


def article_actions_context(
    *,
    request: HttpRequest,
    consultation: Consultation,
    provision: ProvisionRef | Any,
    vote: str | None,
    tally: Any,
    error: str = "",
) -> dict[str, Any]:
    """The context of ``_article_actions.html`` (also used by the drafts reading page)."""
    return {
        "consultation": consultation,
        "provision": provision,
        "vote": vote,
        "tally": tally or EMPTY_TALLY,
        "can_take_part": _open_for(request, consultation),
        "next_url": request.POST.get("next") or request.get_full_path(),
        "error": error,
    }


# ------------------------------------------------------------------ votes


@require_POST
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    """One article's agree / disagree button."""
    consultation = _consultation(request, slug)
    if (login := _login_first(request, consultation)) is not None:
        return login
    form = VoteForm(request.POST)
    anchor = request.POST.get("anchor", "")[:120]
    error = ""
    if form.is_valid():
        anchor = form.cleaned_data["anchor"]
        try:
            vote_cast(
                consultation=consultation,
                participant=_user(request),
                anchor=anchor,
                choice=form.cleaned_data["choice"],
            )
        except ApplicationError as exc:
            error = exc.message
    else:
        error = " ".join(str(message) for message in form.errors.get("choice", [])) or _(
            "Choose agree or disagree."
        )
    if request.htmx:  # type: ignore[attr-defined]
        version_id = current_version_id(consultation)
        provision = (
            provision_refs(version_id=version_id, anchors=[anchor]).get(anchor)
            if version_id
            else None
        )
        if provision is None:
            raise Http404
        mine = votes_of(consultation=consultation, participant=request.user).get(anchor)
        tally = article_tallies(consultation=consultation, anchors=[anchor]).get(anchor)
        context = article_actions_context(
            request=request,
            consultation=consultation,
            provision=provision,
            vote=mine,
            tally=tally,
            error=error,
        )
        context["just_voted"] = not error
        return render(request, "consultations/participation/_article_actions.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your answer was recorded. You can change it until the end."))
    return HttpResponseRedirect(_back(request, consultation, anchor))


def _posted_choices(request: HttpRequest) -> dict[str, str]:
    choices = {}
    for key in request.POST:
        if key.startswith(VOTE_FIELD_PREFIX) and (value := request.POST.get(key, "")):
            choices[key.removeprefix(VOTE_FIELD_PREFIX)] = value
    return choices


@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, slug: str) -> HttpResponse:
    """All the articles on one form: "submit all my votes" (also what the VNeID app sends).

    The POST is the hot path of a national consultation: it reads nothing but the
    consultation and the anchors it names, then writes with two statements
    (``votes_cast``).
    """
    consultation = _consultation(request, slug)
    error = ""
    posted: dict[str, str] = {}
    if request.method == "POST":
        if (login := _login_first(request, consultation)) is not None:
            return login
        posted = _posted_choices(request)
        try:
            outcome = votes_cast(
                consultation=consultation, participant=_user(request), choices=posted
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("Your answers on %(count)s articles were recorded.")
                % {"count": len(outcome.choices)},
            )
            return HttpResponseRedirect(_back(request, consultation))
    version_id = current_version_id(consultation)
    articles = list(articles_of(version_id=version_id)) if version_id else []
    mine = {**votes_of(consultation=consultation, participant=request.user), **posted}
    rows = [(article, mine.get(article.anchor)) for article in articles]
    can_take_part = _open_for(request, consultation)
    ballot_token = ""
    if can_take_part and group_commit_available() and request.session.session_key:
        ballot_token = ballot_token_issue(
            consultation=consultation,
            participant=request.user,
            session_key=request.session.session_key,
        )
    return render(
        request,
        "consultations/participation/ballot.html",
        {
            "consultation": consultation,
            "rows": rows,
            "error": error,
            "can_take_part": can_take_part,
            "ballot_token": ballot_token,
            "answered": sum(1 for _article, choice in rows if choice),
            "staff": may_manage(request.user, consultation),
        },
        status=400 if error else 200,
    )


# ------------------------------------------------------------------ comments


def _article(consultation: Consultation, anchor: str) -> ProvisionRef:
    version_id = current_version_id(consultation)
    provision = (
        provision_refs(version_id=version_id, anchors=[anchor]).get(anchor) if version_id else None
    )
    if provision is None:
        raise Http404
    return provision


def _comments_page(
    request: HttpRequest,
    consultation: Consultation,
    provision: ProvisionRef,
    form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    staff = may_manage(request.user, consultation)
    article_anchor = provision.article_anchor
    article = (
        provision if article_anchor == provision.anchor else _article(consultation, article_anchor)
    )
    if form is None:
        form = CommentForm(
            initial={"anchor": provision.anchor, "submission_key": submission_key_new()}
        )
    return render(
        request,
        "consultations/participation/comments.html",
        {
            "consultation": consultation,
            "provision": provision,
            "article": article,
            "comments": comments_for_article(
                consultation=consultation, article_anchor=article_anchor, include_hidden=staff
            )[:500],
            "tally": article_tallies(consultation=consultation, anchors=[article_anchor]).get(
                article_anchor, EMPTY_TALLY
            ),
            "form": form,
            "can_take_part": _open_for(request, consultation),
            "staff": staff,
        },
        status=status,
    )


@require_GET
def comments(request: HttpRequest, slug: str, anchor: str) -> HttpResponse:
    """An article's comments, with the form to add one (also where a failed form comes back)."""
    consultation = _consultation(request, slug)
    return _comments_page(request, consultation, _article(consultation, anchor))


@require_POST
def comment(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a comment; back to the reading page at the article, or the form again with why not."""
    consultation = _consultation(request, slug)
    if (login := _login_first(request, consultation)) is not None:
        return login
    form = CommentForm(request.POST)
    anchor = request.POST.get("anchor", "")[:120]
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment_add(
                consultation=consultation,
                participant=_user(request),
                anchor=data["anchor"],
                text=data["text"],
                quote=data["quote"],
                quote_start=data["quote_start"],
                submission_key=data["submission_key"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your comment was recorded. Thank you."))
            return HttpResponseRedirect(_back(request, consultation, data["anchor"]))
    version_id = current_version_id(consultation)
    provision = (
        provision_refs(version_id=version_id, anchors=[anchor]).get(anchor) if version_id else None
    )
    if provision is None:  # a tampered form, or a draft replaced meanwhile: say why, go back
        for error in form.non_field_errors() or [_("This provision is not in the draft.")]:
            messages.error(request, str(error))
        return HttpResponseRedirect(_back(request, consultation))
    return _comments_page(request, consultation, provision, form, 400)


# ------------------------------------------------------------------ statements


@require_http_methods(["GET", "POST"])
def statements(request: HttpRequest, slug: str) -> HttpResponse:
    """The short statements: the next one to vote on, all of them, and a form to add one."""
    consultation = _consultation(request, slug)
    form = StatementForm()
    status = 200
    if request.method == "POST":
        if (login := _login_first(request, consultation)) is not None:
            return login
        form = StatementForm(request.POST)
        if form.is_valid():
            staff = may_manage(request.user, consultation)
            try:
                statement = statement_submit(
                    consultation=consultation,
                    author=_user(request),
                    text=form.cleaned_data["text"],
                    accepted=staff,
                )
            except ApplicationError as exc:
                form.add_error("text", exc.message)
            else:
                messages.success(
                    request,
                    _("Your statement is published.")
                    if statement.status == Statement.Status.ACCEPTED
                    else _("Your statement was sent; it appears once a moderator accepts it."),
                )
                url = reverse("consultations:participation_statements", args=[slug])
                return HttpResponseRedirect(url)
        status = 400
    accepted = list(statements_accepted(consultation=consultation))
    mine = statement_votes_of(consultation=consultation, participant=request.user)
    return render(
        request,
        "consultations/participation/statements.html",
        {
            "consultation": consultation,
            "next_statement": statement_next(consultation=consultation, participant=request.user)
            if request.user.is_authenticated
            else None,
            "rows": [(statement, mine.get(statement.pk)) for statement in accepted],
            "voted": len(mine),
            "form": form,
            "can_take_part": _open_for(request, consultation),
            "staff": may_manage(request.user, consultation),
        },
        status=status,
    )


@require_POST
def statement_vote_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation(request, slug)
    if (login := _login_first(request, consultation)) is not None:
        return login
    statement = Statement.objects.filter(
        consultation=consultation, pk=pk, status=Statement.Status.ACCEPTED
    ).first()
    if statement is None:
        raise Http404
    statement.consultation = consultation
    form = StatementVoteForm(request.POST)
    if form.is_valid():
        try:
            statement_vote(
                statement=statement, participant=_user(request), vote=form.cleaned_data["vote"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your vote was recorded."))
    else:
        messages.error(request, _("A vote must be agree, disagree or pass."))
    url = reverse("consultations:participation_statements", args=[slug])
    return HttpResponseRedirect(f"{url}#statement-{statement.pk}")


# ------------------------------------------------------------------ moderation (staff)


@require_GET
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _managed(request, slug)
    status = request.GET.get("trang-thai", "")
    if status not in Comment.Status.values:
        status = ""
    page = Paginator(
        comments_for_moderation(consultation=consultation, status=status or None),
        MODERATION_PAGE_SIZE,
    ).get_page(request.GET.get("trang"))
    return render(
        request,
        "consultations/participation/moderation.html",
        {
            "consultation": consultation,
            "pending": list(statements_pending(consultation=consultation)[:200]),
            "page": page,
            "status": status,
            "statuses": Comment.Status.choices,
        },
    )


def _moderate(
    request: HttpRequest, consultation: Consultation, target: Comment | Statement
) -> HttpResponseRedirect:
    form = ModerationForm(request.POST)
    url = reverse("consultations:participation_moderation", args=[consultation.slug])
    if not form.is_valid():
        messages.error(request, _("The moderation decision was not understood."))
        return HttpResponseRedirect(url)
    action, reason, actor = form.cleaned_data["action"], form.cleaned_data["reason"], _user(request)
    try:
        if isinstance(target, Statement) and action in ("accept", "reject"):
            statement_moderate(
                statement=target, actor=actor, accept=action == "accept", reason=reason
            )
        elif isinstance(target, Comment) and action == "hide":
            comment_hide(comment=target, actor=actor, reason=reason)
        elif isinstance(target, Comment) and action == "restore":
            comment_restore(comment=target, actor=actor, reason=reason)
        else:
            messages.error(request, _("The moderation decision was not understood."))
            return HttpResponseRedirect(url)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The moderation decision was recorded."))
    return HttpResponseRedirect(url)


@require_POST
def statement_moderation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _managed(request, slug)
    statement = Statement.objects.filter(consultation=consultation, pk=pk).first()
    if statement is None:
        raise Http404
    return _moderate(request, consultation, statement)


@require_POST
def comment_moderation(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _managed(request, slug)
    target = Comment.objects.filter(consultation=consultation, pk=pk).first()
    if target is None:
        raise Http404
    return _moderate(request, consultation, target)


# ------------------------------------------------------------------ live tallies


@require_GET
def tallies(request: HttpRequest, slug: str) -> HttpResponse:
    """Agree, disagree, share and comments per article, read from the tally rows.

    With htmx the table refreshes itself every few seconds (only the table is sent back).
    """
    consultation = _consultation(request, slug)
    version_id = current_version_id(consultation)
    articles = list(articles_of(version_id=version_id)) if version_id else []
    counts = article_tallies(consultation=consultation)
    rows = [(article, counts.get(article.anchor, EMPTY_TALLY)) for article in articles]
    template = (
        "consultations/participation/_tallies_table.html"
        if request.htmx  # type: ignore[attr-defined]
        else "consultations/participation/tallies.html"
    )
    return render(
        request,
        template,
        {
            "consultation": consultation,
            "rows": rows,
            "overall": tallies_overall(counts),
            "staff": may_manage(request.user, consultation),
        },
    )
