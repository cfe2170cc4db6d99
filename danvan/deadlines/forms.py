"""Input of the public calendar page (which month to show)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.deadlines.engine.calendar import MAX_YEAR, MIN_YEAR


class MonthForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12)
