"""Sending a document's text for translation, and placing what comes back.

An export records what was sent (a round); an import places each returned unit in its paragraph, all or
nothing for what the file itself gets wrong (another document, another language, a unit missing, a file that
cannot be read): then nothing changes. A unit whose original changed since the export is outdated: it is left
as it is and reported, never overwritten. A unit returned empty is left too.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.kernel.editing import EditError, check_length
from committee.kernel.multilingual import LANGUAGES
from committee.roles.access import Permission, can
from documents.registry.models import Document
from documents.reports.models import Report
from documents.translations.files import (
    OutgoingUnit,
    TranslationFileError,
    canonical,
    read_file,
    write_word,
    write_xliff,
)
from documents.translations.models import TranslationRound
from documents.translations.units import REPORT_KINDS, Unit, digest, units_of


class TranslationError(Exception):
    pass


class Status(StrEnum):
    NOT_STARTED = "not_started"
    SENT = "sent"
    TRANSLATED = "translated"
    OUTDATED = "outdated"


STATUS_NAMES = {
    Status.NOT_STARTED: gettext_lazy("not started"),
    Status.SENT: gettext_lazy("sent"),
    Status.TRANSLATED: gettext_lazy("translated"),
    Status.OUTDATED: gettext_lazy("outdated"),
}


@dataclass
class Outcome:
    document: Document
    language: str
    placed: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (unit, why)


def _require(by: User | None, document: Document) -> None:
    """A person must manage the document's body; the command line (by=None) is the server's administrator."""
    if by is not None and (document.session is None or not can(by, Permission.MANAGE, document.session.committee)):
        raise TranslationError(_("You may not send or place translations of %(symbol)s.") % {"symbol": document.symbol})


def _outgoing(document: Document, language: str) -> list[OutgoingUnit]:
    source = document.original_language
    return [
        OutgoingUnit(u.key, u.where, u.as_markup(source), u.as_markup(language))
        for u in units_of(document, source_language=source)
    ]


def export_for_translation(*, document: Document, language: str, by: User | None, file_format: str = "xliff") -> bytes:
    """The document's drafted text in its original language, as a file to translate into `language`; the
    round is recorded, so that the language shows as sent and the return can be checked against it."""
    _require(by, document)
    if language not in LANGUAGES or language == document.original_language:
        raise TranslationError(
            _("Choose a language other than the original (%(original)s).") % {"original": document.original_language}
        )
    outgoing = _outgoing(document, language)
    if not outgoing:
        raise TranslationError(_("%(symbol)s has no drafted text to translate yet.") % {"symbol": document.symbol})
    with transaction.atomic():
        previous = TranslationRound.objects.select_for_update().filter(document=document, language=language).first()
        sent = TranslationRound.objects.create(
            document=document,
            language=language,
            source_language=document.original_language,
            sent_by=by,
            units={unit.key: digest(canonical(unit.source)) for unit in outgoing},
            placed=previous.placed if previous else {},
        )
    write = write_word if file_format == "docx" else write_xliff
    return write(
        symbol=document.symbol,
        source_language=document.original_language,
        target_language=language,
        units=outgoing,
        round_id=sent.pk,
    )


def import_translation(
    *, content: bytes, by: User | None, document: Document | None = None, language: str | None = None
) -> Outcome:
    """Place a returned translation (XLIFF or Word). `document` and `language`, where given, are what the file
    must be for (an upload on a document's page)."""
    try:
        returned = read_file(content)
    except TranslationFileError as error:
        raise TranslationError(str(error)) from None
    found = Document.objects.select_related("session__committee").filter(symbol=returned.symbol).first()
    if found is None:
        raise TranslationError(
            _("The file is for %(symbol)s, which is not a document here.") % {"symbol": returned.symbol or "?"}
        )
    if document is not None and found.pk != document.pk:
        raise TranslationError(
            _("The file is for %(other)s, not for %(symbol)s.") % {"other": found.symbol, "symbol": document.symbol}
        )
    if language is not None and returned.target_language != language:
        raise TranslationError(
            _("The file is a translation into %(other)s, not into %(language)s.")
            % {"other": returned.target_language, "language": language}
        )
    _require(by, found)
    if returned.source_language != found.original_language:
        raise TranslationError(
            _("The file translates from %(other)s; the original of %(symbol)s is in %(language)s.")
            % {"other": returned.source_language, "symbol": found.symbol, "language": found.original_language}
        )
    with transaction.atomic():
        rounds = TranslationRound.objects.select_for_update().filter(document=found)
        if returned.round is not None:  # one of ours: it answers that export, in its language
            sent = rounds.filter(pk=returned.round).first()
            if sent is None or sent.language != returned.target_language:
                raise TranslationError(
                    _(
                        "The file does not match the export it names: it was exported for another document or "
                        "language, or its languages were changed since."
                    )
                )
        else:
            sent = rounds.filter(language=returned.target_language).first()
        if sent is None:
            raise TranslationError(
                _("%(symbol)s was never sent for translation into %(language)s: export it first.")
                % {"symbol": found.symbol, "language": returned.target_language}
            )
        foreign = [key for key in returned.units if key not in sent.units]
        if foreign:
            raise TranslationError(
                _("The file holds %(count)s units that were not sent, e.g. %(keys)s: nothing was placed.")
                % {"count": len(foreign), "keys": ", ".join(foreign[:5])}
            )
        latest = rounds.filter(language=returned.target_language).first() or sent  # where the statuses read
        missing = [key for key in sent.units if key not in returned.units]
        if missing:
            raise TranslationError(
                _("The file lacks %(count)s of the units sent, e.g. %(keys)s: nothing was placed.")
                % {"count": len(missing), "keys": ", ".join(missing[:5])}
            )
        if found.kind in REPORT_KINDS:
            report = Report.objects.select_for_update().filter(session=found.session_id).first()
            if report is not None and report.is_locked:
                raise TranslationError(_("The report is finalized: open a corrigendum to change it."))
        outcome = Outcome(document=found, language=returned.target_language)
        current = {unit.key: unit for unit in units_of(found, source_language=found.original_language)}
        for key, (source, target) in returned.units.items():
            why = _place(
                current.get(key),
                source,
                target,
                source_language=found.original_language,
                language=returned.target_language,
            )
            if why:
                outcome.refused.append((key, f"{why} ({returned.places[key]})"))
            else:
                outcome.placed.append(key)
                latest.placed[key] = digest(canonical(current[key].as_markup(found.original_language)))
        if outcome.placed:
            latest.returned_at = timezone.now()
            latest.save(update_fields=["placed", "returned_at"])
    return outcome


def _place(unit: Unit | None, source: str, target: str, *, source_language: str, language: str) -> str:
    """Place `target` in `unit`, or say why not."""
    if unit is None:
        return _("no longer in the document")
    if not target.strip():
        return _("left untranslated")
    if canonical(unit.as_markup(source_language)) != canonical(source):
        return _("outdated: its original changed after the export")
    if unit.one_line and "\n" in target:
        return _("a title is one line: this one has several")
    if canonical(unit.as_markup(language)) == canonical(target):
        return ""  # already so: nothing to write
    target = unit.stored(target)
    try:
        check_length(type(unit.node), unit.field, target, language=language)
    except EditError as error:
        return str(error)
    node = type(unit.node)._default_manager.select_for_update().get(pk=unit.node.pk)
    setattr(node, unit.field, {**(getattr(node, unit.field) or {}), language: target})
    fields = [unit.field]
    if hasattr(node, "revision"):
        node.revision += 1
        fields.append("revision")
    node.save(update_fields=fields)
    return ""


def _current(document: Document) -> dict[str, str]:
    """The digest of each unit's original now."""
    source = document.original_language
    return {unit.key: digest(canonical(unit.as_markup(source))) for unit in units_of(document, source_language=source)}


def language_statuses(document: Document) -> list[tuple[str, Status, TranslationRound | None]]:
    """Each language other than the original: whether its translation was not started, sent (and not all
    back), translated (every unit placed against the original as it is now) or outdated (an original changed
    since its translation was placed)."""
    now = _current(document)
    latest = TranslationRound.objects.latest_by_language(document)
    statuses = []
    for language in LANGUAGES:
        if language == document.original_language:
            continue
        sent = latest.get(language)
        if sent is None:
            status = Status.NOT_STARTED
        elif any(key in sent.placed and sent.placed[key] != value for key, value in now.items()):
            status = Status.OUTDATED
        elif now and all(sent.placed.get(key) == value for key, value in now.items()):
            status = Status.TRANSLATED
        else:
            status = Status.SENT
        statuses.append((language, status, sent))
    return statuses


def record_translation(*, document: Document, language: str, note: str) -> TranslationRound:
    """Record that the text already in `language` is the translation of the original as it is now (a text
    written in the app or loaded with the data, such as the demo's, with `note` saying who wrote it)."""
    now = _current(document)
    present = {
        u.key for u in units_of(document, source_language=document.original_language) if u.text(language).strip()
    }
    return TranslationRound.objects.create(
        document=document,
        language=language,
        source_language=document.original_language,
        units=now,
        placed={key: value for key, value in now.items() if key in present},
        returned_at=timezone.now(),
        note=note,
    )
