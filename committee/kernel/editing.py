"""Saving shared text safely: a save made on a stale copy is refused, and siblings keep their order.

Used by every editor where two people may work on the same text (the draft report, the agenda):
each editable row carries a `revision` that goes up with every save.
"""

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import BadRequest
from django.db import models
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from committee.kernel.audit import audited
from committee.kernel.multilingual import LANGUAGE_NAMES, LANGUAGES

# A model with a `revision` (for save_text) or a `position` among siblings (for renumber): fields each such
# model declares for itself, with no common base class to name them, hence the ignores below.
M = TypeVar("M", bound=models.Model)


class EditError(Exception):
    """A change that cannot be made; the message says why, in the user's language."""


class EditConflict(EditError):
    """Someone else saved the text since it was opened: nothing is overwritten."""

    def __init__(self, current: models.Model, text: dict[str, str]) -> None:
        self.current = current
        self.text = text
        super().__init__(
            _("Someone else changed this text while you were editing it. Their text is shown beside yours.")
        )


def text_language(request: HttpRequest) -> str:
    """The language of the text being read or edited: ?lang= on a page, `language` in a form, else the
    interface's."""
    language = request.GET.get("lang") or request.POST.get("language") or (get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def submitted_revision(request: HttpRequest) -> int:
    """The revision of the text the editor started from, as the form sent it back."""
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        raise BadRequest("revision") from None


def check_length(model: type[models.Model], field: str, text: str, *, language: str | None = None) -> None:
    """Refuse a text longer than the limit of `model`'s `field` (per language for a multilingual field)."""
    model_field = model._meta.get_field(field)
    if not isinstance(model_field, models.Field):
        raise TypeError(f"{field} is a relation, not a text")
    limit = model_field.max_length
    if limit is None or len(text) <= limit:
        return
    values = {"field": model_field.verbose_name, "length": len(text), "limit": limit}
    if language in LANGUAGE_NAMES:
        raise EditError(
            _("%(field)s: the %(language)s text has %(length)d characters; at most %(limit)d are allowed.")
            % {**values, "language": LANGUAGE_NAMES[language]}
        )
    raise EditError(_("%(field)s: the text has %(length)d characters; at most %(limit)d are allowed.") % values)


@audited
def save_text(node: M, field: str, *, language: str, text: str, expected_revision: int, by: User) -> M:
    """Save `node`'s multilingual `field` in one language, unless it was saved since `expected_revision`.

    Call inside a transaction, after checking that `by` may edit: the row is locked here. A text longer
    than the field allows is refused (EditError) and nothing is written. Lines end in "\n", whatever the
    browser sent (a form sends "\r\n").
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_length(type(node), field, text, language=language)
    current = type(node)._default_manager.select_for_update().get(pk=node.pk)
    if current.revision != expected_revision:  # type: ignore[attr-defined]  # see M
        raise EditConflict(current, getattr(current, field))
    setattr(current, field, {**getattr(current, field), language: text})
    current.revision += 1  # type: ignore[attr-defined]  # see M
    current.save(update_fields=[field, "revision"])
    return current


def renumber(nodes: Sequence[M]) -> None:
    """Give sibling `nodes` (saved or new) the positions 1, 2, 3… in this order, without breaking a
    unique position midway."""
    if not nodes:
        return
    model = type(nodes[0])
    offset = len(nodes) + 1000
    for node in nodes:
        if node.pk:
            model._default_manager.filter(pk=node.pk).update(position=node.position + offset)  # type: ignore[attr-defined]  # see M
    for position, node in enumerate(nodes, start=1):
        if node.position != position or node.pk is None:  # type: ignore[attr-defined]  # see M
            node.position = position  # type: ignore[attr-defined]  # see M
            node.save()
        else:
            model._default_manager.filter(pk=node.pk).update(position=position)


def carry_out(
    request: HttpRequest,
    operation: Callable[[], object],
    *,
    done: str = "",
    refusals: tuple[type[Exception], ...] = (EditError,),
) -> bool:
    """Run a service for a view: a refusal (its message is for the user) becomes an error message, success the
    message `done` if there is one. True if it was done."""
    try:
        operation()
    except refusals as error:
        messages.error(request, str(error))
        return False
    if done:
        messages.success(request, done)
    return True
