"""Public pages: the legal calendar and the table of deadline rules."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.views.decorators.http import require_GET

from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import Rule
from danvan.deadlines.forms import MonthForm
from danvan.deadlines.labels import ANCHOR_LABELS, RESUME_LABELS, STATUS_LABELS, UNIT_LABELS
from danvan.deadlines.selectors import month_view, special_days_of_year


def _language() -> str:
    return translation.get_language() or "vi"


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = MonthForm(request.GET or None)
    year, month = today.year, today.month
    if form.is_valid():
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    config = deadline_config()
    view = month_view(year=year, month=month, language=_language(), config=config)
    context = {
        "view": view,
        "form": form,
        "today": today,
        "year_days": special_days_of_year(year=year, language=_language()),
        "culture_day_off": config.culture_day_off,
    }
    return render(request, "deadlines/calendar.html", context)


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    description: str
    unit: Promise
    anchor: Promise
    status_label: Promise
    resume: Promise
    extensions: list[str]


def _row(rule: Rule, language: str) -> RuleRow:
    english = language.startswith("en")
    extensions = [
        f"{e.description_en if english else e.description_vi} ({e.legal_basis})"
        for e in rule.extensions
    ]
    return RuleRow(
        rule=rule,
        description=rule.description_en if english else rule.description_vi,
        unit=UNIT_LABELS[rule.unit],
        anchor=ANCHOR_LABELS[rule.anchor],
        status_label=STATUS_LABELS[rule.status],
        resume=RESUME_LABELS[rule.resume_mode],
        extensions=extensions,
    )


@require_GET
def rules(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    language = _language()
    book = deadline_config().rule_book
    in_force = book.in_force(today)
    # Earlier and later versions (e.g. complaint acceptance before 1/7/2026), as in code.
    others = [r for r in book.all() if not r.is_in_force(today)]
    context = {
        "today": today,
        "rows": [_row(r, language) for r in in_force],
        "other_rows": [_row(r, language) for r in others],
    }
    return render(request, "deadlines/rules.html", context)
