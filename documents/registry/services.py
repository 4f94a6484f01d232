"""The document registry: symbols for a session's documents, allocated once each.

A session's documents take the session's symbol as prefix (TD/B/EDE/1/…): `/1` is the provisional
agenda, then the next free numbers; `/INF.n` information documents (the list of participants);
`/L.n` limited-distribution drafts; a document's addenda, corrigenda and revisions add `/Add.n`,
`/Corr.n`, `/Rev.n` to its own symbol. The unique symbol in the database is the guarantee: two
allocations at once both compute the next number, one of them is refused and tries the next.
"""

import datetime
import re

from django.contrib.auth.models import User
from django.core.files import File
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.kernel.audit import audited
from committee.kernel.concurrency import retrying
from committee.roles.access import Permission, can
from documents.registry.models import Document, DocumentFile
from meetings.sessions.models import Session


class Series(TextChoices):
    MAIN = "main", gettext_lazy("Main series (/1, /2…)")
    INFORMATION = "inf", gettext_lazy("Information series (/INF.n)")
    LIMITED = "l", gettext_lazy("Limited distribution (/L.n)")
    ADDENDUM = "add", gettext_lazy("Addendum (/Add.n)")
    CORRIGENDUM = "corr", gettext_lazy("Corrigendum (/Corr.n)")
    REVISION = "rev", gettext_lazy("Revision (/Rev.n)")


MODIFICATIONS: dict[str, str] = {Series.ADDENDUM: "Add.", Series.CORRIGENDUM: "Corr.", Series.REVISION: "Rev."}
_SESSION_SERIES: dict[str, str] = {Series.MAIN: "", Series.INFORMATION: "INF.", Series.LIMITED: "L."}


class RegistryError(Exception):
    """An allocation the registry refuses; the message says why."""


def symbol_sort_key(symbol: str) -> list:
    """TST/G/2/2 before TST/G/2/10: numbers compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", symbol)]


def next_symbol(taken: set[str], *, prefix: str, series: str, kind: str = "") -> str:
    """The first symbol of `series` under `prefix` that comes after every one taken.

    In the main series, /1 is kept for the provisional agenda: other documents start at /2.
    """
    marker = MODIFICATIONS.get(series, _SESSION_SERIES.get(series, ""))
    pattern = re.compile(rf"^{re.escape(prefix)}/{re.escape(marker)}(\d+)$")
    numbers = [int(match.group(1)) for symbol in taken if (match := pattern.match(symbol))]
    if series == Series.MAIN and kind == Document.Kind.PROVISIONAL_AGENDA and 1 not in numbers:
        return f"{prefix}/1"
    floor = 1 if series == Series.MAIN else 0
    return f"{prefix}/{marker}{max([floor, *numbers]) + 1}"


@audited
def allocate(
    *,
    session: Session,
    series: str,
    by: User,
    kind: str = Document.Kind.OTHER,
    title: dict | None = None,
    distribution: str = Document.Distribution.GENERAL,
    original_language: str = "en",
    parent: Document | None = None,
) -> Document:
    """Register a new document of `session` under the next free symbol of `series`."""
    if not can(by, Permission.MANAGE, session.committee):
        raise RegistryError(_("Only the secretariat allocates symbols."))
    if (series in MODIFICATIONS) != (parent is not None):
        raise RegistryError(_("Addenda, corrigenda and revisions, and only they, modify another document."))
    if parent is not None and parent.session_id != session.pk:
        raise RegistryError(_("The document modified must be one of this session's."))
    if series == Series.LIMITED:
        distribution = Document.Distribution.LIMITED
    prefix = parent.symbol if parent is not None else session.code

    def allocate_once() -> Document:
        with transaction.atomic():
            Session.objects.select_for_update().filter(pk=session.pk).first()  # one allocation at a time
            # The history holds deleted documents too: a withdrawn symbol is never given again.
            taken = set(
                Document.history.filter(symbol__startswith=f"{prefix}/").values_list("symbol", flat=True)
            ) | set(Document.objects.filter(symbol__startswith=f"{prefix}/").values_list("symbol", flat=True))
            document = Document(
                symbol=next_symbol(taken, prefix=prefix, series=series, kind=kind),
                session=session,
                kind=kind,
                title=title or {},
                distribution=distribution,
                original_language=original_language,
                parent=parent,
            )
            document.save()
            return document

    try:
        return retrying(allocate_once, also=(IntegrityError,))  # a symbol taken meanwhile: take the next one
    except (IntegrityError, OperationalError):
        raise RegistryError(_("The registry is busy: no symbol could be allocated. Try again.")) from None


@audited
def save_version(
    *, document: Document, language: str, file: File, issued_on: datetime.date | None, by: User
) -> DocumentFile:
    """Add `document`'s version in `language`, or replace the one there is: a document has one file per language."""
    if document.session is None or not can(by, Permission.MANAGE, document.session.committee):
        raise RegistryError(_("Only the secretariat uploads language versions."))
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()  # one upload per document at a time
        version = DocumentFile.objects.filter(document=document, language=language).first()
        if version is None:
            version = DocumentFile(document=document, language=language)
        version.file = file
        version.issued_on = issued_on
        version.save()
    return version
