"""The scheme's published schema says what the builder knows: the same kinds of parts, titles and presets."""

import pytest

from documents.builders.schemes import PRESETS, USUAL_TITLES, Holds, TitlePattern
from documents.schemes.rules import preset_scheme, scheme_problems, scheme_schema


def test_the_schema_names_every_kind_of_part_the_builder_writes_and_no_other():
    schema = scheme_schema()
    defs = schema["$defs"]

    assert set(defs["part"]["properties"]["holds"]["enum"]) == set(Holds.CHAPTERS) | set(Holds.ANNEXES)
    assert set(defs["section"]["properties"]["holds"]["enum"]) == set(Holds.PROCEDURAL)
    assert set(defs["part"]["properties"]["usual"]["enum"]) == {"", *USUAL_TITLES}
    assert set(schema["properties"]["preset"]["enum"]) == {"", *PRESETS}
    assert set(schema["properties"]["title_pattern"]["enum"]) == set(TitlePattern.ALL)


@pytest.mark.parametrize("preset", PRESETS)
def test_every_preset_is_a_scheme_a_report_can_be_written_from(preset):
    assert scheme_problems(preset_scheme(preset)) == []


def test_a_title_over_the_limit_is_refused_with_its_place():
    scheme = preset_scheme("unctad_expert_group")
    scheme["parts"][0]["title"] = {"en": "x" * 301}

    assert [path for path, _message in scheme_problems(scheme)] == [["parts", 0, "title", "en"]]
