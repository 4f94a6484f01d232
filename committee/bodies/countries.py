"""UN country names in the six official languages, from the UNTERM short names that the
hdx-python-country package ships (its "Countries & Territories Taxonomy" CSV, MIT licence)."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from django.db import transaction

TAXONOMY_FILE = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
_COLUMNS = {
    "en": ("English Short", "M49 English"),
    "fr": ("French Short", "M49 French"),
    "es": ("Spanish Short", "M49 Spanish"),
    "ru": ("Russian Short", "M49 Russian"),
    "zh": ("Chinese Short", "M49 Chinese"),
    "ar": ("Arabic Short", "M49 Arabic"),
}


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    m49: int | None
    independent: bool
    names: dict[str, str]


def read_taxonomy() -> Iterator[Country]:
    """Yield every current (not deprecated) country or territory of the taxonomy."""
    path = resources.files("hdx.location").joinpath(TAXONOMY_FILE)
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["ISO 3166-1 Alpha 3-Codes"].strip()
            if not iso3 or row["Deprecated"].strip() == "Y":
                continue
            names = {}
            for language, (short, m49_name) in _COLUMNS.items():
                name = row[short].strip() or row[m49_name].strip()
                if name:
                    names[language] = name
            m49 = row["m49 numerical code"].strip()
            yield Country(
                iso3=iso3,
                iso2=row["ISO 3166-1 Alpha 2-Codes"].strip(),
                m49=int(m49) if m49.isdigit() else None,
                independent=row["Independent"].strip() == "Y",
                names=names,
            )


def load_countries(entity_model=None) -> tuple[int, int]:
    """Create or update a State (or territory) entity per country; return (created, updated).

    Takes the model as an argument so that a data migration can pass its historical model.
    """
    if entity_model is None:
        from committee.bodies.models import Entity as entity_model
    existing = {entity.code: entity for entity in entity_model.objects.filter(code__in=_iso3_codes())}
    created = updated = 0
    with transaction.atomic():
        for country in read_taxonomy():
            values = {
                "kind": "state" if country.independent else "territory",
                "organization_type": "",
                "name": country.names,
                "iso2": country.iso2,
                "m49": country.m49,
            }
            entity = existing.get(country.iso3)
            if entity is None:
                entity_model.objects.create(code=country.iso3, **values)
                created += 1
            elif any(getattr(entity, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(entity, field, value)
                entity.save()
                updated += 1
    return created, updated


def _iso3_codes() -> list[str]:
    return [country.iso3 for country in read_taxonomy()]
