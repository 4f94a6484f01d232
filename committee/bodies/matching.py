"""Finding the entity a spreadsheet names, by any of its codes and names."""

from committee.bodies.models import Entity
from committee.kernel.spreadsheets import fold


def entity_index() -> dict[str, list[Entity]]:
    """Every way a spreadsheet names an entity: its code, ISO alpha-2 code, names and acronyms in any UN language.

    A key can name several entities ("CI" is Côte d'Ivoire's alpha-2 code and an organization's
    code): the row is then refused rather than guessed.
    """
    index: dict[str, list[Entity]] = {}
    for entity in Entity.objects.all():
        keys = {fold(key) for key in (entity.code, entity.iso2, *entity.name.values(), *entity.acronym.values()) if key}
        for key in keys:
            index.setdefault(key, []).append(entity)
    return index
