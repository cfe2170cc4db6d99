"""Cache invalidation: any write to the calendar tables makes processes rebuild.

Services already invalidate; these receivers also cover writes that bypass them
(fixtures, data migrations run in a live process, the shell).
"""

from typing import Any

from danvan.deadlines.config import deadline_config_invalidate


def invalidate_on_change(sender: type, **kwargs: Any) -> None:
    deadline_config_invalidate()
