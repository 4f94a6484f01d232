"""Outlines (agenda items, paragraphs, sections): children ordered under their parent, one level deep."""

import string

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


def letter_label(index: int) -> str:
    """a, b, … z, then aa, bb, …: UN lettering of sections and sub-items, from index 0."""
    return string.ascii_lowercase[index % 26] * (index // 26 + 1)


def outline_order() -> list:
    """Ordering for a two-level outline (items and their sub-items): 1, 2, 3, 3 (a), 3 (b), 4.

    Written out because databases disagree on where NULL parents sort.
    """
    return [Coalesce("parent__position", "position"), F("parent_id").asc(nulls_first=True), "position"]


def validate_outline_parent(node: models.Model, container: str) -> None:
    """Keep a two-level outline two levels deep: a parent is a top-level node of the same container.

    `container` names the field the outline hangs from (the agenda, the decision, the report).
    """
    parent = node.parent  # type: ignore[attr-defined]  # every outlined model has one; no common base declares it
    if parent is None:
        return
    if parent.pk == node.pk or parent.parent_id is not None:
        raise ValidationError({"parent": _("Choose a top-level item as the parent.")})
    if getattr(parent, f"{container}_id") != getattr(node, f"{container}_id"):
        raise ValidationError({"parent": _("The parent must be an item of the same list.")})
    if node.pk and type(node)._default_manager.filter(parent=node).exists():
        raise ValidationError({"parent": _("An item with sub-items of its own cannot become a sub-item.")})
