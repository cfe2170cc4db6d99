"""Arabic pages (the right-to-left proof of the portal): dates read and shown day-first and
numerically, like the Vietnamese service they describe."""

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
FIRST_DAY_OF_WEEK = 1  # Monday
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]

__all__ = ["DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS"]
