"""Recognition of a community decision by the commune: within 5 working days of receiving
it (Art 21(3)), computed by the deadline engine with the calendar in force (rule
``community_decision_recognition``), so holidays and administrators' swaps apply."""

import datetime as dt

from danvan.deadlines.config import DeadlineConfig, deadline_config

RECOGNITION_RULE = "community_decision_recognition"


def recognition_due_date(*, received_on: dt.date, config: DeadlineConfig | None = None) -> dt.date:
    """The last day (until 24:00) for the commune to recognise, or refuse in writing."""
    return (config or deadline_config()).due_date(RECOGNITION_RULE, received_on)
