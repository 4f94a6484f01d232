"""Documents the tool writes from its data, found by their symbol: one generator per kind of document.

The registry's page, the document download and `manage.py build_document` all go through here. The
generators themselves belong to the apps above that hold the data (`documents.reports.generators`
registers the session's documents), so a kind of generated document is added in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass

from documents.registry.models import Document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The formats the tool writes documents in: the format's name, its media type. Each document comes as a Word
# document and as a PDF; the report and the provisional agenda also as Akoma Ntoso XML (documents.builders.akn).
FORMATS = {"docx": DOCX, "pdf": "application/pdf", "akn": "application/akn+xml"}
# A file's extension, where it is not the format's name.
EXTENSIONS = {"akn": "akn.xml"}


def file_name(symbol: str, language: str, file_format: str) -> str:
    """The name a written document is downloaded under: TD_B_EDE_1_3.en.docx, TD_B_EDE_1_3.en.akn.xml."""
    return f"{symbol.replace('/', '_')}.{language}.{EXTENSIONS.get(file_format, file_format)}"


class GenerationError(Exception):
    """The document could not be written in the format asked (its PDF, say); the message says why."""


def _never(document: Document) -> bool:
    return False


def _unpublished(document: Document, language: str, file_format: str) -> bytes | None:
    return None


@dataclass(frozen=True)
class Generator:
    languages: Callable[[Document], list[str]]  # the languages the data can give it in
    build: Callable[[Document, str, str], bytes]  # the document, in a language, in a format of FORMATS
    is_draft: Callable[[Document], bool] = _never  # built now, would it be a draft (for those who read drafts)?
    # The version last published in a language and format (e.g. the report as finalized), for those who read no
    # drafts while a new one is drafted; None where none is.
    published: Callable[[Document, str, str], bytes | None] = _unpublished
    formats: tuple[str, ...] = ("docx", "pdf")  # keys of FORMATS


_GENERATORS: dict[str, Generator] = {}


def register(kind: str, generator: Generator) -> None:
    """Let the documents of `kind` be written by `generator` (from an app's `ready()`)."""
    _GENERATORS[kind] = generator


def generator_for(document: Document) -> Generator | None:
    if document.session_id is None:
        return None
    return _GENERATORS.get(document.kind)


def is_draft(document: Document) -> bool:
    generator = generator_for(document)
    return generator is not None and generator.is_draft(document)


def published_version(document: Document, language: str, file_format: str = "docx") -> bytes | None:
    """The document in `language` as last published, whatever is drafted since; None if it never was."""
    generator = generator_for(document)
    return generator.published(document, language, file_format) if generator is not None else None


def generated_documents():
    """Every registered document the tool can write, in symbol order."""
    return (
        Document.objects.filter(kind__in=_GENERATORS, session__isnull=False)
        .select_related("session")
        .order_by("symbol")
    )


def build_document(document: Document, language: str, file_format: str = "docx") -> bytes:
    """The document in `language` and `file_format` (a key of FORMATS), written from the current data."""
    generator = generator_for(document)
    if generator is None or language not in generator.languages(document) or file_format not in generator.formats:
        raise LookupError(f"{document.symbol} cannot be generated in {language} as {file_format}")
    return generator.build(document, language, file_format)
