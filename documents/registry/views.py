import logging
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.jobs.views import format_name, writing
from committee.kernel.editing import carry_out
from committee.kernel.http import AuthenticatedHttpRequest
from committee.kernel.multilingual import LANGUAGE_NAMES
from committee.kernel.page_cache import cached_page
from committee.roles.access import Permission, can, check
from documents.registry.forms import AllocationForm, DocumentFileForm
from documents.registry.generated import FORMATS, file_name, generator_for, is_draft, published_version
from documents.registry.jobs import WRITE_DOCUMENT
from documents.registry.models import Document, DocumentFile
from documents.registry.services import RegistryError, allocate, save_version, symbol_sort_key
from meetings.sessions.access import get_session_for_user
from meetings.sessions.models import Session

logger = logging.getLogger(__name__)


def document_file(request: HttpRequest, symbol: str, language: str) -> HttpResponse | FileResponse:
    """A document's version in one language, for those its distribution allows: the uploaded file, the version
    last published, or, for a document the tool writes, one written from the current data, as a Word document or
    (?format=pdf) a PDF. Writing it takes a while: a page asks for it, and the job that writes it (a POST here)
    shows its progress, then the download."""
    file_format = request.GET.get("format", "docx")
    if file_format not in FORMATS:
        raise Http404
    document = get_object_or_404(Document.objects.select_related("session__committee"), symbol=symbol)
    session = document.session
    readable = Document.objects.readable_by(request.user, session.committee) if session is not None else None
    if session is None or readable is None or not readable.filter(pk=document.pk).exists():
        raise Http404  # a document one may not read does not exist for one (signed out: sign in first)
    stored = DocumentFile.objects.filter(document=document, language=language).first()
    if stored is not None and file_format == "docx":
        try:
            content = stored.file.open("rb")
        except FileNotFoundError:  # a row whose file never reached the database (see store_files_in_database)
            logger.error("%s (%s): its file %s is missing", document.symbol, language, stored.file.name)
            raise Http404 from None
        return FileResponse(content, as_attachment=True, filename=PurePosixPath(stored.file.name).name)
    draft = is_draft(document)
    if not draft or not can(request.user, Permission.VIEW_LIMITED, session.committee):
        # What was published (the report as finalized, kept with its checksum, even while a corrigendum is drafted)
        # is served as it was; who reads no drafts reads nothing else (signed out: is asked to sign in).
        content = published_version(document, language, file_format)
        if content is not None:
            response = HttpResponse(content, content_type=FORMATS[file_format])
            response["Content-Disposition"] = (
                f'attachment; filename="{file_name(document.symbol, language, file_format)}"'
            )
            return response
        if draft:
            check(request.user, Permission.VIEW_LIMITED, session.committee)
            raise PermissionDenied
    generator = generator_for(document)
    if generator is None or language not in generator.languages(document) or file_format not in generator.formats:
        raise Http404
    return writing(
        request,
        WRITE_DOCUMENT,
        title=_("%(symbol)s in %(language)s, as %(format)s")
        % {"symbol": document.symbol, "language": LANGUAGE_NAMES[language], "format": format_name(file_format)},
        arguments={"document": document.pk, "language": language, "format": file_format},
        back_url=reverse("registry:registry", kwargs={"code": session.code}),
    )


DOCUMENTS_PER_PAGE = 12  # a session's documents, by symbol, so many a page


def registry_address(session: Session, document: Document) -> str:
    """The document's row in its session's registry, on the page where it stands."""
    symbols = sorted(session.documents.values_list("symbol", flat=True), key=symbol_sort_key)
    page = symbols.index(document.symbol) // DOCUMENTS_PER_PAGE + 1
    registry = reverse("registry:registry", kwargs={"code": session.code})
    return f"{registry}?page={page}#document-{document.pk}"


@cached_page
def registry(request: HttpRequest, code: str) -> HttpResponse:
    """A session's documents with their symbols and language versions; the secretariat allocates and uploads."""
    session = get_session_for_user(request.user, code)
    manage = can(request.user, Permission.MANAGE, session.committee)
    allocation = AllocationForm(request.POST or None, session=session) if manage else None
    if request.method == "POST":
        if allocation is None or not request.user.is_authenticated:  # only for the secretariat, then
            check(request.user, Permission.MANAGE, session.committee)
            raise PermissionDenied
        if allocation.is_valid():
            try:
                document = allocate(session=session, by=request.user, **allocation.cleaned_data)
            except RegistryError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Symbol %(symbol)s allocated.") % {"symbol": document.symbol})
                return redirect("registry:registry", code=session.code)
    readable = Document.objects.readable_by(request.user, session.committee).filter(session=session)
    symbols = sorted(readable.values_list("pk", "symbol"), key=lambda row: symbol_sort_key(row[1]))
    page = Paginator(symbols, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    shown = {
        document.pk: document
        for document in readable.filter(pk__in=[pk for pk, _symbol in page])
        .select_related("parent")
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("language")))
    }
    documents = [shown[pk] for pk, _symbol in page]
    for document in documents:
        generator = generator_for(document)
        uploaded = {stored.language for stored in document.files.all()}
        document.generated_languages = (  # type: ignore[attr-defined]  # for the template
            [code_ for code_ in generator.languages(document) if code_ not in uploaded] if generator else []
        )
        document.in_akn = generator is not None and "akn" in generator.formats  # type: ignore[attr-defined]
        if manage:
            document.upload_form = DocumentFileForm(  # type: ignore[attr-defined]  # for the template
                auto_id=f"version-{document.pk}-%s"
            )
    context = {
        "session": session,
        "documents": documents,
        "page": page,
        "allocation": allocation,
        "can_manage": manage,
        # The kinds whose text is drafted here, and so can go out for translation (documents.translations).
        "translatable_kinds": (Document.Kind.REPORT, Document.Kind.DRAFT_REPORT, Document.Kind.PROVISIONAL_AGENDA),
    }
    return render(request, "registry/registry.html", context, status=400 if allocation and allocation.errors else 200)


@require_POST
@login_required
def upload_version(request: AuthenticatedHttpRequest, symbol: str) -> HttpResponse:
    """Add or replace a document's version in one language (the secretariat)."""
    document = get_object_or_404(Document.objects.select_related("session__committee"), symbol=symbol)
    if document.session is None:
        raise Http404
    check(request.user, Permission.MANAGE, document.session.committee)
    existing = DocumentFile.objects.filter(document=document, language=request.POST.get("language")).first()
    form = DocumentFileForm(request.POST, request.FILES, instance=existing or DocumentFile(document=document))
    if form.is_valid():
        data = form.cleaned_data
        carry_out(
            request,
            lambda: save_version(
                document=document,
                language=data["language"],
                file=data["file"],
                issued_on=data["issued_on"],
                by=request.user,
            ),
            done=_("%(symbol)s: the %(language)s version is saved.")
            % {"symbol": document.symbol, "language": LANGUAGE_NAMES[data["language"]]},
            refusals=(RegistryError,),
        )
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect(registry_address(document.session, document))
