"""Forms of the units app: log-in."""

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's log-in form with the wording of a Vietnamese public service.

    The form is bound to what was typed, so a failed attempt shows the username again
    (never the password).
    """

    error_messages = {
        "invalid_login": _(
            "The username or the password is not correct. Check both and try again; "
            "capital and small letters count."
        ),
        "inactive": _("This account has been locked. Please contact your unit's administrator."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Username")
        username.error_messages["required"] = _("Please enter your username.")
        password = self.fields["password"]
        password.label = _("Password")
        password.error_messages["required"] = _("Please enter your password.")
