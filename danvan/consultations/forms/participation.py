"""Forms for taking part. Each keeps what was typed when it comes back with an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.consultations.models import (
    COMMENT_MAX_LENGTH,
    QUOTE_MAX_LENGTH,
    STATEMENT_MAX_LENGTH,
    ArticleVote,
    StatementVote,
)

ANCHOR_MAX = 120
# The ballot form's field of an article: "vote-<anchor>" (the view and the fast lane read it).
VOTE_FIELD_PREFIX = "vote-"


class VoteForm(forms.Form):
    anchor = forms.CharField(max_length=ANCHOR_MAX, widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        choices=ArticleVote.Choice.choices,
        error_messages={
            "required": _("Choose agree or disagree."),
            "invalid_choice": _("An answer must be either agree or disagree."),
        },
    )


class CommentForm(forms.Form):
    anchor = forms.CharField(max_length=ANCHOR_MAX, widget=forms.HiddenInput)
    submission_key = forms.CharField(max_length=64, widget=forms.HiddenInput)
    # Lengths are checked by the services (one message, one limit); ``maxlength`` only helps.
    quote = forms.CharField(
        label=_("Passage you comment on (optional)"),
        required=False,
        strip=False,
        help_text=_("Select words in the text above, or copy them here."),
        widget=forms.Textarea(
            attrs={"rows": 2, "maxlength": QUOTE_MAX_LENGTH, "data-quote-field": ""}
        ),
    )
    quote_start = forms.IntegerField(
        required=False, min_value=0, widget=forms.HiddenInput(attrs={"data-quote-start": ""})
    )
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH}),
        error_messages={"required": _("Write your comment before sending it.")},
    )


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        help_text=_("One short idea others can agree or disagree with (at most 280 characters)."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
        error_messages={"required": _("Write the statement before sending it.")},
    )


class StatementVoteForm(forms.Form):
    vote = forms.TypedChoiceField(
        choices=StatementVote.Vote.choices,
        coerce=int,
        error_messages={
            "required": _("A vote must be agree, disagree or pass."),
            "invalid_choice": _("A vote must be agree, disagree or pass."),
        },
    )


class ModerationForm(forms.Form):
    """One decision: ``action`` is accept / reject (statements) or hide / restore (comments)."""

    ACTIONS = ("accept", "reject", "hide", "restore")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    reason = forms.CharField(label=_("Reason"), required=False)  # checked by the services
