"""What the democracy areas' views share: the signed-in user after an access check, and
the one way a posted form reaches its service (a refusal shown on the form, what was typed
kept)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, QueryDict

from danvan.core.exceptions import ApplicationError
from danvan.units.models import User


def acting_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after the access check: a signed-in person
    return request.user


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form of a GET-and-POST page to: none on a GET."""
    return request.POST if request.method == "POST" else None


def attempt(form: forms.BaseForm, call: Callable[..., Any], /, **kwargs: Any) -> Any:
    """Run a service with the form's data; a refusal becomes the form's error (None). The
    parameters are positional-only, so a form field may be named ``form`` or ``call``."""
    try:
        return call(**kwargs)
    except ApplicationError as error:
        form.add_error(None, error.message)
        return None


def submit[T](
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[..., T],
    success: str,
    /,
    **kwargs: Any,
) -> T | None:
    """A posted, valid form: ``call(**kwargs, **form.cleaned_data)`` and ``success`` shown;
    returns what the service saved. None on a GET, an invalid form, or a change the service
    refused (its message becomes the form's error). The services called this way return the
    row they saved, never None."""
    if request.method != "POST" or not form.is_valid():
        return None
    result: T | None = attempt(form, call, **kwargs, **form.cleaned_data)
    if result is not None:
        messages.success(request, success)
    return result
