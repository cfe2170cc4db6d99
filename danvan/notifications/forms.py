"""Forms of the notifications pages (HTML input only)."""

from django import forms

from danvan.notifications.models import NotificationPreference


class NotificationPreferenceForm(forms.ModelForm[NotificationPreference]):
    class Meta:
        model = NotificationPreference
        fields = ["email_enabled"]
