"""Errors raised by services and shown to users in their own language."""

from typing import Any


class ApplicationError(Exception):
    """A business rule refused the action; ``message`` is already translated for the user."""

    def __init__(self, message: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
