"""What makes a scheme one the report can be written from: its shape (report_scheme.schema.json, which the
session file's schema refers to) and the rules a shape cannot say. A scheme as stored is a plain dict."""

import json
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from django.utils.translation import gettext as _

from documents.builders.schemes import PRESETS, UNCTAD_EXPERT_GROUP, Holds, PartData, SchemeData

SCHEMA_PATH = Path(__file__).with_name("report_scheme.schema.json")


@cache
def scheme_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def scheme_problems(scheme: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    """(path within the scheme, message) of each problem: its shape first, then its rules."""
    validator = jsonschema.Draft202012Validator(scheme_schema())
    problems: list[tuple[list[str | int], str]] = [
        (list(error.absolute_path), error.message) for error in validator.iter_errors(scheme)
    ]
    if problems:
        return problems
    parts = scheme["parts"]
    seen: dict[str, list[str | int]] = {}
    annex_seen = False
    for index, part in enumerate(parts):
        place: list[str | int] = ["parts", index]
        holds, annex = part["holds"], part.get("annex", False)
        if annex:
            annex_seen = True
            if holds not in Holds.ANNEXES:
                problems.append((place, _("An annex cannot hold this; only a chapter can.")))
        else:
            if annex_seen:
                problems.append((place, _("Chapters come before the annexes.")))
            if holds not in Holds.CHAPTERS:
                problems.append((place, _("A chapter cannot hold this; only an annex can.")))
        if part.get("sections") and holds != Holds.SECTIONS:
            problems.append((place, _("Only a chapter of sections has sections.")))
        kinds = [holds] if holds != Holds.SECTIONS else [s["holds"] for s in part.get("sections", [])]
        for position, kind in enumerate(kinds):
            where = place if holds != Holds.SECTIONS else [*place, "sections", position]
            family = _family(kind)
            if family in seen:
                problems.append((where, _("The scheme already has a part that holds this.")))
            seen[family] = where
    return problems


def _family(kind: str) -> str:
    """Parts that cannot both be in a scheme: the adopted texts once, the drafted text once, each step once."""
    if kind in (Holds.DECISIONS, Holds.DECISIONS_WITH_ACTIONS):
        return "decisions"
    if kind in Holds.DRAFTED_KINDS:
        return "drafted"
    return kind


def scheme_data(scheme: dict[str, Any] | None) -> SchemeData:
    """The builder's scheme from a stored one (None: the default, an UNCTAD expert group's)."""
    if not scheme:
        return UNCTAD_EXPERT_GROUP
    return SchemeData(
        parts=tuple(_part(part) for part in scheme["parts"]),
        title_pattern=scheme.get("title_pattern", "session"),
        attendance=scheme.get("attendance", "list"),
        rapporteur_line=scheme.get("rapporteur_line", False),
        agenda_item_line=scheme.get("agenda_item_line", False),
        statements=scheme.get("statements", False),
        masthead=scheme.get("masthead", "un"),
    )


def _part(part: dict[str, Any]) -> PartData:
    return PartData(
        holds=part["holds"],
        title=dict(part.get("title", {})),
        annex=part.get("annex", False),
        usual=part.get("usual", ""),
        sections=tuple(_part(section) for section in part.get("sections", [])),
    )


def preset_scheme(key: str) -> dict[str, Any]:
    """A preset as a stored scheme, to start from."""
    data = PRESETS[key]
    return {
        "preset": key,
        "title_pattern": data.title_pattern,
        "attendance": data.attendance,
        "rapporteur_line": data.rapporteur_line,
        "agenda_item_line": data.agenda_item_line,
        "statements": data.statements,
        "masthead": data.masthead,
        "parts": [_stored(asdict(part)) for part in data.parts],
    }


def _stored(part: dict[str, Any]) -> dict[str, Any]:
    """A part as stored: only what it sets."""
    stored: dict[str, Any] = {"holds": part["holds"]}
    if part["annex"]:
        stored["annex"] = True
    if part["title"]:
        stored["title"] = part["title"]
    if part["usual"]:
        stored["usual"] = part["usual"]
    if part["sections"]:
        stored["sections"] = [_section(section) for section in part["sections"]]
    return stored


def _section(section: dict[str, Any]) -> dict[str, Any]:
    stored = _stored(section)
    stored.pop("annex", None)
    return stored
