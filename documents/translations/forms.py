from django import forms
from django.utils.translation import gettext_lazy as _

from committee.kernel.multilingual import LANGUAGE_CHOICES
from documents.translations.files import MAX_BYTES


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Translate into"))
    file_format = forms.ChoiceField(
        label=_("As"),
        choices=[("xliff", _("XLIFF 2.0, for translation tools")), ("docx", _("Word table"))],
        initial="xliff",
    )

    def __init__(self, *args, original: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [(code, name) for code, name in LANGUAGE_CHOICES if code != original]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Returned translation"),
        help_text=_("The XLIFF or Word file exported here, with its translations written in."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlf,.xliff,.xml,.docx"}),
    )

    def clean_file(self):  # noqa: ANN201 - an uploaded file
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}
            )
        return upload
