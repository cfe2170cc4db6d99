"""The one error of the decision rules: input that cannot be counted."""

from django_stubs_ext import StrOrPromise

from danvan.core.exceptions import ApplicationError


class DecisionInputError(ApplicationError, ValueError):
    """Counts or dates that do not add up; the message is translated when raised."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(str(message))
