"""Forms of the units app: log-in, and the residence details on "my profile"."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from danvan.units.models import Unit


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


class GroupedSelect(forms.Select):
    """Django's ``<select>`` markup with option groups, written in Python: the 3,321 communes
    through the per-option template take about a second to render, this a few milliseconds."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = {str(v) for v in self.format_value(value)}

        def option(key: Any, label: Any) -> str:
            mark = " selected" if str(key) in chosen else ""
            return f'<option value="{escape(key)}"{mark}>{escape(label)}</option>'

        parts: list[str] = [format_html("<select{}>", flatatt(final))]
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(key)}">')
                parts += [option(inner_key, inner_label) for inner_key, inner_label in label]
                parts.append("</optgroup>")
            else:
                parts.append(option(key, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above


class ResidenceForm(forms.Form):
    """Year of birth and commune or ward of residence, on "my profile".

    The communes are grouped by province in one list (it works without JavaScript); an
    account verified through VNeID gets both from the identity card.
    """

    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_(
            "As on your citizen identity card; filled automatically for an account verified "
            "through VNeID."
        ),
    )
    home_unit = forms.TypedChoiceField(
        label=_("Commune or ward of residence"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=GroupedSelect,
        help_text=_(
            "As on your citizen identity card; filled automatically for an account verified "
            "through VNeID."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[int, str]]] = {}
        communes = (
            Unit.objects.filter(kind__in=Unit.COMMUNE_KINDS, is_active=True)
            .order_by("parent__name", "name")
            .values_list("pk", "name", "parent__name")
        )
        for pk, name, province in communes:
            groups.setdefault(province or "", []).append((pk, name))
        field = self.fields["home_unit"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Not declared")), *groups.items()]

    def clean_birth_year(self) -> int | None:
        year: int | None = self.cleaned_data["birth_year"]
        this_year = timezone.localdate().year
        if year is not None and not 1900 <= year <= this_year:
            raise forms.ValidationError(
                _("Enter a year between 1900 and %(year)s."), params={"year": this_year}
            )
        return year

    def clean_home_unit(self) -> Unit | None:
        pk: int | None = self.cleaned_data["home_unit"]
        return None if pk is None else Unit.objects.get(pk=pk)
