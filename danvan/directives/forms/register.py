"""Forms of the document register (HTML input only; the rules are in services.register).

Every form keeps what was typed when it is refused: a symbol that cannot be recognised
stays in its box with the message under it, and a file that could not be read is kept on
the server (``pending``) so it need not be chosen again.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.exceptions import ApplicationError
from danvan.core.widgets import DayFirstDateInput
from danvan.directives.models import Document, DocumentLink
from danvan.directives.refs.types import ParsedSymbol
from danvan.directives.services.register import symbol_parse
from danvan.directives.services.register_text import ALLOWED_EXTENSIONS, max_upload_bytes

__all__ = [
    "DocumentForm",
    "LinkForm",
    "RegisterSearchForm",
    "UploadForm",
    "link_choices",
]

KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}\Z")
MAX_TEXT_CHARS = 2_000_000


def _date_input() -> forms.DateInput:
    # Day-first text box, as dates are written in Vietnam (a browser date picker may follow
    # the browser's language and show month-first); ISO dates are read too.
    return DayFirstDateInput()


def _type_choices(empty: Any) -> list[tuple[str, Any]]:
    return [("", empty), *Document.Type.choices]


class RegisterSearchForm(forms.Form):
    """The list's search box and filters (GET). Unknown values are simply not applied."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Number, symbol, title, words of the text")}
        ),
    )
    family = forms.ChoiceField(
        label=_("Party or State"),
        required=False,
        choices=[("", _("All")), *Document.Family.choices],
    )
    type = forms.ChoiceField(
        label=pgettext_lazy("document", "Type"),
        required=False,
        choices=_type_choices(_("All types")),
    )
    issuer = forms.ChoiceField(label=_("Issuer"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, issuers: list[str], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issuer_field = self.fields["issuer"]
        assert isinstance(issuer_field, forms.ChoiceField)
        issuer_field.choices = [("", _("All issuers")), *((i, i) for i in issuers)]
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [("", _("All years")), *((str(y), str(y)) for y in years)]

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid one — a year no entry has — is left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q") or "",
            "family": data.get("family") or "",
            "doc_type": data.get("type") or "",
            "issuer": data.get("issuer") or "",
            "year": data.get("year") or None,
        }


def _check_upload(upload: UploadedFile[Any] | None) -> UploadedFile[Any] | None:
    if upload is None:
        return None
    name = upload.name or ""
    if PurePath(name).suffix.lower() not in ALLOWED_EXTENSIONS:
        raise forms.ValidationError(
            _(
                "Only .docx, .pdf and .txt files are accepted. Save the document in one of "
                "these formats (a .doc file: open it in Word and save it as .docx)."
            ),
            code="extension",
        )
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise forms.ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)},
            code="too_large",
        )
    return upload


class _DetailsMixin(forms.Form):
    """The document's own details, shared by the entry form and the upload form."""

    symbol = forms.CharField(
        label=_("Number and symbol"),
        max_length=80,
        help_text=_(
            "As printed after “Số”: 127-QĐ/TW, 55/2024/NĐ-CP, 575/QĐ-UBND, 12729/VPCP-KGVX. "
            "“QD” for “QĐ” is corrected."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    issued_on = forms.DateField(
        label=_("Date of issue"),
        required=False,
        widget=_date_input(),
        help_text=_(
            "Required for administrative and Party documents: their numbers start again "
            "each year or each term."
        ),
    )
    party_term = forms.CharField(
        label=_("Party term"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "2025-2030", "inputmode": "numeric"}),
        help_text=_(
            "Party documents only: the term of the issuing committee. Left empty, it is "
            "taken from the date of issue."
        ),
    )
    doc_type = forms.ChoiceField(
        label=pgettext_lazy("document", "Type"),
        required=False,
        choices=_type_choices(_("As the symbol says")),
    )
    issuer_name = forms.CharField(
        label=_("Issuing body"),
        required=False,
        max_length=255,
        help_text=_("Filled in for the usual bodies (TW, CP, TTg…) when left empty."),
    )
    title = forms.CharField(
        label=_("Title (subject)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    parsed: ParsedSymbol | None = None

    def clean_symbol(self) -> str:
        symbol = " ".join(str(self.cleaned_data.get("symbol", "")).split())
        if not symbol:
            return symbol
        try:
            self.parsed = symbol_parse(symbol)
        except ApplicationError as error:
            raise forms.ValidationError(error.message, code="symbol") from None
        return self.parsed.symbol

    def details(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "symbol": data["symbol"],
            "issued_on": data.get("issued_on"),
            "party_term": data.get("party_term") or "",
            "doc_type": data.get("doc_type") or "",
            "issuer_name": data.get("issuer_name") or "",
            "title": data.get("title") or "",
        }

    def show_canonical(self) -> None:
        """Put the recognised spelling back in the symbol box (after "Check the symbol")."""
        if self.parsed is not None and self.is_bound:
            data = QueryDict(mutable=True)
            data.update(self.data)
            data[self.add_prefix("symbol")] = self.parsed.symbol
            self.data = data


class DocumentForm(_DetailsMixin):
    """An entry typed by hand (or corrected): details, the text, the file."""

    full_text = forms.CharField(
        label=_("Full text"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("When given, the documents it cites are found and linked."),
    )
    file = forms.FileField(
        label=_("File (.docx, .pdf, .txt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )
    remove_file = forms.BooleanField(label=_("Remove the attached file"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = [
        "symbol",
        "issued_on",
        "party_term",
        "doc_type",
        "issuer_name",
        "title",
        "full_text",
        "file",
        "remove_file",
    ]

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["remove_file"]

    def clean_file(self) -> UploadedFile[Any] | None:
        return _check_upload(self.cleaned_data.get("file"))

    def clean_submission_key(self) -> str:
        key = str(self.cleaned_data.get("submission_key") or "")
        return key if KEY_RE.match(key) else ""


class UploadForm(_DetailsMixin):
    """Register a document from its file or pasted text; its details are read from the
    header and shown for the officer to check before anything is stored."""

    file = forms.FileField(
        label=_("File (.docx, .pdf, .txt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "When both are given, the pasted text is used and the file is attached. For a "
            "scanned PDF, attach the file and paste the text."
        ),
    )
    pending = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = [
        "file",
        "text",
        "symbol",
        "issued_on",
        "party_term",
        "doc_type",
        "issuer_name",
        "title",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["symbol"].required = False

    def clean_file(self) -> UploadedFile[Any] | None:
        return _check_upload(self.cleaned_data.get("file"))

    def clean_submission_key(self) -> str:
        key = str(self.cleaned_data.get("submission_key") or "")
        return key if KEY_RE.match(key) else ""

    def keep(self, **values: str) -> None:
        """Write values into the form as if typed (pre-fill, the kept file's token)."""
        data = QueryDict(mutable=True)
        data.update(self.data)
        for name, value in values.items():
            data[self.add_prefix(name)] = value
        self.data = data


def link_choices() -> list[tuple[str, Any]]:
    """ "This document replaces …" and "This document is replaced by …", for each kind."""
    incoming = {
        DocumentLink.Kind.REPLACES: _("is replaced by"),
        DocumentLink.Kind.IMPLEMENTS: _("is implemented by"),
        DocumentLink.Kind.GUIDES: _("is guided by"),
        DocumentLink.Kind.AMENDS: _("is amended by"),
        DocumentLink.Kind.CITES: _("is cited by"),
    }
    out = [(f"out:{kind}", label) for kind, label in DocumentLink.Kind.choices]
    back = [(f"in:{kind}", incoming[DocumentLink.Kind(kind)]) for kind in DocumentLink.Kind.values]
    return out + back


class LinkForm(forms.Form):
    """Link this entry to another one, named by its symbol (and year when several)."""

    relation = forms.ChoiceField(label=_("This document"), choices=link_choices)
    other = forms.CharField(
        label=_("Number and symbol of the other document"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    other_year = forms.IntegerField(
        label=_("Its year of issue"),
        required=False,
        min_value=1945,
        max_value=2100,
        help_text=_("Only needed when several entries carry the same symbol."),
    )

    parsed: ParsedSymbol | None = None

    def clean_other(self) -> str:
        other = " ".join(str(self.cleaned_data.get("other", "")).split())
        try:
            self.parsed = symbol_parse(other)
        except ApplicationError as error:
            raise forms.ValidationError(error.message, code="symbol") from None
        return self.parsed.symbol

    def direction_and_kind(self) -> tuple[bool, str]:
        direction, _sep, kind = str(self.cleaned_data["relation"]).partition(":")
        return direction == "out", kind
