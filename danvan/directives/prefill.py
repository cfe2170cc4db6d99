"""The pre-fill registry: figures danvan already knows, offered to a unit's periodic report.

A report template's indicator may name a *source* (``Indicator.source``): a code registered
here with a label and a counting function ``count(unit, period_start, period_end)`` that
returns the figure for the unit (and, where that is how the data is attributed, the units
below it) and a note saying where it comes from ("Tự động từ sổ tiếp nhận đơn: 42 đơn,
01/07–30/09/2026"). The unit sees the figure already filled in, with its note, and may
correct it; the reviewer sees both when they differ.

Each app registers what it can count: this app registers petitions and consultations
(``services.reports_prefill``); grassroots democracy and emulation register theirs from
their own ``AppConfig.ready()`` with :func:`register_source`. The registry is a plain
dict, so ``Indicator.source`` is validated against whatever is registered when a template
is saved, and a template naming a source that is no longer registered still opens (its
figure is simply not pre-filled).

This app's own sources are loaded on first use rather than at import: the model module
imports :func:`validate_source`, and the counting functions import other apps' models,
which must not happen while the model registry is still being filled.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from danvan.units.models import Unit

__all__ = [
    "CountFunction",
    "PrefillFigure",
    "PrefillSource",
    "register_source",
    "source_choices",
    "source_count",
    "source_get",
    "sources",
    "unregister_source",
    "validate_source",
]

CountFunction = Callable[["Unit", dt.date, dt.date], tuple[Decimal | int, str]]
BUILTIN_MODULES = ("danvan.directives.services.reports_prefill",)
CODE_MAX_LENGTH = 64
CODE_PATTERN = re.compile(r"[a-z0-9_]+")  # stored in Indicator.source: plain ASCII


@dataclass(frozen=True)
class PrefillSource:
    """A figure danvan can count for a unit and a period."""

    code: str
    label: str | Promise
    count: CountFunction


@dataclass(frozen=True)
class PrefillFigure:
    """What a source counted: the value and the note shown beside it."""

    value: Decimal
    note: str


_registry: dict[str, PrefillSource] = {}
_lock = threading.Lock()
_builtins_loaded = False


def _load_builtins() -> None:
    global _builtins_loaded
    if _builtins_loaded:
        return
    with _lock:
        if not _builtins_loaded:
            for module in BUILTIN_MODULES:
                importlib.import_module(module)
            _builtins_loaded = True


def register_source(code: str, label: str | Promise, count: CountFunction) -> None:
    """Register (or replace) the source ``code``.

    ``count(unit, period_start, period_end)`` returns ``(value, note)``; both dates are
    included in the period. Registering the same code again replaces it, so an app's
    ``ready()`` may run twice (tests, autoreload) without error.
    """
    if len(code) > CODE_MAX_LENGTH or not CODE_PATTERN.fullmatch(code):
        raise ValueError(f"invalid pre-fill source code {code!r}")
    _registry[code] = PrefillSource(code=code, label=label, count=count)


def unregister_source(code: str) -> None:
    """Remove ``code`` (for tests that register a temporary source)."""
    _registry.pop(code, None)


def sources() -> list[PrefillSource]:
    """Every registered source, in the order they were registered."""
    _load_builtins()
    return list(_registry.values())


def source_get(code: str) -> PrefillSource | None:
    if not code:
        return None
    _load_builtins()
    return _registry.get(code)


def source_choices() -> list[tuple[str, str]]:
    """Choices for a form: "entered by the unit" first, then every registered source."""
    return [("", str(_("Entered by the unit"))), *((s.code, str(s.label)) for s in sources())]


def validate_source(value: str) -> None:
    """Model validator of ``Indicator.source``: empty, or a registered code."""
    if value and source_get(value) is None:
        raise ValidationError(
            _("“%(code)s” is not a source danvan can count."),
            code="invalid_source",
            params={"code": value},
        )


def source_count(
    code: str, *, unit: Unit, period_start: dt.date, period_end: dt.date
) -> PrefillFigure | None:
    """The figure of ``code`` for ``unit`` in the period, or None if the code is unknown."""
    source = source_get(code)
    if source is None:
        return None
    value, note = source.count(unit, period_start, period_end)
    return PrefillFigure(value=Decimal(value), note=note)
