import datetime as dt

import pytest

from danvan.core.dates import admin_date, admin_date_en, admin_date_vi, short_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # Days below 10 and months 1-2 take a leading zero (Decree 30/2020, Annex I).
        (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 10), "ngày 10 tháng 01 năm 2026"),
        (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 11, 26), "ngày 26 tháng 11 năm 2026"),
        (dt.date(2026, 12, 1), "ngày 01 tháng 12 năm 2026"),
    ],
)
def test_admin_date_vi_follows_decree_30(value: dt.date, expected: str) -> None:
    assert admin_date_vi(value) == expected


def test_admin_date_en_has_no_leading_zero() -> None:
    assert admin_date_en(dt.date(2026, 2, 5)) == "5 February 2026"


def test_admin_date_picks_language() -> None:
    day = dt.date(2026, 9, 2)
    assert admin_date(day, "vi") == "ngày 02 tháng 9 năm 2026"
    assert admin_date(day, "en-gb") == "2 September 2026"


def test_short_date_is_day_month_year() -> None:
    assert short_date(dt.date(2026, 1, 2)) == "02/01/2026"


def test_vietnamese_date_input_is_day_first() -> None:
    from django import forms
    from django.utils import translation

    class DateForm(forms.Form):
        day = forms.DateField()

    with translation.override("vi"):
        form = DateForm({"day": "02/01/2026"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == dt.date(2026, 1, 2)
        assert DateForm({"day": "31/12/2026"}).is_valid()
        assert not DateForm({"day": "12/31/2026"}).is_valid()
