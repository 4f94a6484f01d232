from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))
    proposed_text = forms.CharField(
        label=_("Proposed text (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
