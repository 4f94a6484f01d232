from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from committee.jobs.views import start_for_request
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.multilingual import LANGUAGE_NAMES
from committee.roles.access import Permission, check
from documents.registry.models import Document
from documents.translations.forms import ExportForm, ImportForm
from documents.translations.jobs import PLACE_TRANSLATION
from documents.translations.services import (
    STATUS_NAMES,
    TranslationError,
    export_for_translation,
    language_statuses,
)
from documents.translations.units import TRANSLATABLE_KINDS

CONTENT_TYPES = {
    "xliff": ("application/xliff+xml", "xlf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def _translatable_document(request: AuthenticatedHttpRequest, symbol: str) -> Document:
    """The document, if it is one whose text is drafted here and the person manages its body."""
    document = get_object_or_404(Document.objects.select_related("session__committee"), symbol=symbol)
    if document.session is None or document.kind not in TRANSLATABLE_KINDS:
        raise Http404
    check(request.user, Permission.MANAGE, document.session.committee)
    return document


@login_required
def document_translations(request: AuthenticatedHttpRequest, symbol: str) -> HttpResponse:
    """Each language's status; the text sent out for translation; a translation placed back (by a job)."""
    document = _translatable_document(request, symbol)
    action = request.POST.get("action") if request.method == "POST" else None
    export = ExportForm(request.POST if action == "export" else None, original=document.original_language)
    upload = ImportForm(request.POST if action == "import" else None, request.FILES if action == "import" else None)
    error = ""
    if action == "export" and export.is_valid():
        file_format = export.cleaned_data["file_format"]
        try:
            content = export_for_translation(
                document=document, language=export.cleaned_data["language"], by=request.user, file_format=file_format
            )
        except TranslationError as refused:
            error = str(refused)
        else:
            content_type, extension = CONTENT_TYPES[file_format]
            name = f"{document.symbol.replace('/', '-')}.{export.cleaned_data['language']}.{extension}"
            response = HttpResponse(content, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    if action == "import" and upload.is_valid():
        file = upload.cleaned_data["file"]
        return start_for_request(
            request,
            PLACE_TRANSLATION,
            title=_("Placing %(file)s into %(symbol)s") % {"file": file.name, "symbol": document.symbol},
            arguments={"document": document.pk, "filename": file.name},
            back_url=reverse("translations:document", kwargs={"symbol": document.symbol}),
            upload=file,
        )
    statuses = [
        {
            "language": code,
            "name": LANGUAGE_NAMES[code],
            "status": status,
            "status_name": STATUS_NAMES[status],
            "round": sent,
        }
        for code, status, sent in language_statuses(document)
    ]
    context = {
        "document": document,
        "session": document.session,
        "statuses": statuses,
        "export": export,
        "upload": upload,
        "error": error,
        "original": LANGUAGE_NAMES.get(document.original_language, document.original_language),
    }
    failed = bool(error) or (action and (export.errors or upload.errors))
    return render(request, "translations/document.html", context, status=400 if failed else 200)
