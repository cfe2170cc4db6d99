"""English pages of a Vietnamese service: dates are still read day-first (02/01/2026 is
2 January), as the Vietnamese documents they come from write them; Django's en formats
would read month-first."""

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
FIRST_DAY_OF_WEEK = 1  # Monday
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]

__all__ = ["DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS"]
