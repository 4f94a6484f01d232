from django import forms
from django.utils.translation import gettext_lazy as _

from committee.kernel.multilingual import TEXT_MAX_LENGTH


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))
    proposed_text = forms.CharField(
        label=_("Proposed text (optional)"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    on_behalf_of = forms.IntegerField(required=False)  # the delegation, for one who speaks for several
