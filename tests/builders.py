"""Small builders of test data, in the shape a secretariat would write it."""

import copy
from typing import Any

_SMALL_SESSION: dict[str, Any] = {
    "format": "rapporteur-session",
    "version": 1,
    "committees": [
        {
            "code": "BOARD",
            "kind": "board",
            "name": {"en": "Test Board", "fr": "Conseil d'essai"},
            "name_gender": {"fr": "m"},
        },
        {
            "code": "GROUP",
            "kind": "expert_group",
            "parent": "BOARD",
            "name": {"en": "Group of Experts on Testing", "fr": "Groupe d'experts des essais"},
            "name_gender": {"fr": "m"},
            "secretariat": "SECR",
            "symbol_series": "TST/G/",
            "members": [{"entity": "FRA", "since": "2020-01-01"}, {"entity": "KEN", "status": "observer"}],
        },
    ],
    "organizations": [
        {"code": "NGO1", "type": "ngo_general", "name": {"en": "Friends of Testing", "fr": "Amis des essais"}},
        {"code": "SECR", "type": "un_body", "name": {"en": "Test Secretariat"}, "acronym": {"en": "TS"}},
    ],
    "session": {
        "committee": "GROUP",
        "number": 2,
        "code": "TST/G/2",
        "status": "closed",
        "venue": {"en": "Palais des Nations"},
        "city": {"en": "Geneva", "fr": "Genève"},
        "country": "CHE",
        "time_zone": "Europe/Zurich",
        "start_date": "2024-12-30",
        "end_date": "2025-01-02",
        "meetings": [
            {
                "key": "opening",
                "kind": "opening_plenary",
                "date": "2024-12-30",
                "start_time": "10:00",
                "end_time": "13:00",
            },
            {"key": "closing", "kind": "closing_plenary", "date": "2025-01-02", "room": "Room XX"},
        ],
        "bureau": [
            {
                "role": "chair",
                "courtesy": "ms",
                "name": "Ana Example",
                "state": "FRA",
                "elected_on": "2024-12-30",
                "elected_at": "opening",
            },
        ],
        "agendas": [
            {
                "kind": "adopted",
                "adopted_on": "2024-12-30",
                "adopted_at": "opening",
                "items": [
                    {"title": {"en": "Election of officers", "fr": "Élection du Bureau"}},
                    {"title": {"en": "Adoption of the agenda", "fr": "Adoption de l'ordre du jour"}},
                    {
                        "title": {"en": "Testing", "fr": "Essais"},
                        "sub_items": [{"title": {"en": "Unit tests"}}, {"title": {"en": "Browser tests"}}],
                    },
                ],
            },
            {
                "kind": "provisional",
                "items": [
                    {
                        "title": {"en": "Election of officers", "fr": "Élection du Bureau"},
                        "annotation": {"en": "The Group will elect a Chair.", "fr": "Le Groupe élira un président."},
                    },
                    {"title": {"en": "Adoption of the agenda", "fr": "Adoption de l'ordre du jour"}},
                    {
                        "title": {"en": "Testing", "fr": "Essais"},
                        "annotation": {"en": "The Group tests.\n\nSee *Testing Today*.", "fr": "Le Groupe teste."},
                        "sub_items": [{"title": {"en": "Unit tests"}}, {"title": {"en": "Browser tests"}}],
                    },
                ],
                "organization_of_work": [
                    {"date": "2024-12-30", "period": "morning", "items": [1, 2], "note": {"en": "Opening plenary"}},
                    {"date": "2024-12-30", "period": "afternoon", "items": [3]},
                ],
            },
            {
                "kind": "next_session",
                "adopted_at": "closing",
                "items": [{"title": {"en": "Election of officers"}}],
            },
        ],
        # Every step recorded, as for a report ready to finalize (tests of what is unrecorded remove them).
        "proceedings": [
            {"kind": "opening", "meeting": "opening"},
            {"kind": "organization_of_work", "meeting": "opening"},
            {"kind": "adoption_of_report", "meeting": "closing", "rapporteur_authorized": True},
            {"kind": "closing", "meeting": "closing"},
        ],
        "participants": [
            {"entity": "KEN", "category": "member_state"},
            {
                "entity": "FRA",
                "category": "member_state",
                "delegates": [
                    {
                        "role": "head",
                        "courtesy": "ms",
                        "name": "Claire Exemple",
                        "title": "H.E.",
                        "function": "Ambassador",
                        "organization": "Permanent Mission to the United Nations Office at Geneva",
                        "meetings": ["opening"],
                    },
                    {"courtesy": "mr", "name": "Jean Essai", "function": "Counsellor", "email": "jean@example.org"},
                ],
            },
            {"entity": "NGO1", "category": "ngo_general"},
        ],
        "documents": [
            {
                "symbol": "TST/G/2/1",
                "kind": "provisional_agenda",
                "title": {"en": "Provisional agenda"},
                "agenda_items": [1, 2],
            },
            {"symbol": "TST/G/2/3", "kind": "report", "title": {"en": "Report"}, "issued_on": "2025-01-20"},
        ],
        "decisions": [
            {
                "kind": "agreed_recommendations",
                "adopted_on": "2025-01-02",
                "adopted_at": "closing",
                "method": "consensus",
                "paragraphs": [
                    {"kind": "preambular", "text": {"en": "Recalling its first session,"}},
                    {
                        "kind": "operative",
                        "text": {"en": "*Decides* to test:"},
                        "sub_items": [{"text": {"en": "Early;"}}, {"text": {"en": "Often."}}],
                    },
                ],
            }
        ],
        "report": {
            "document": "TST/G/2/3",
            "summary": [
                {"title": {"en": "Opening"}, "paragraphs": [{"text": {"en": "The Group met."}}]},
                {
                    "title": {"en": "Testing"},
                    "agenda_item": 3,
                    "subsections": [
                        {
                            "title": {"en": "Round table"},
                            "paragraphs": [{"text": {"en": "Panellists spoke.[^A note.]"}}],
                        }
                    ],
                },
            ],
        },
    },
}


def make_session_file(**session_changes: Any) -> dict[str, Any]:
    """A small but complete session file; keyword arguments replace fields of its session."""
    data = copy.deepcopy(_SMALL_SESSION)
    data["session"].update(session_changes)
    return data


def make_larger_session_file(scale: int) -> dict[str, Any]:
    """The small session grown `scale` times in all that pages list (participants, items, paragraphs...)."""
    from committee.bodies.models import Entity

    data = make_session_file(code=f"TST/G/{scale + 10}", number=scale + 10)
    states = Entity.objects.filter(kind=Entity.Kind.STATE).exclude(code__in=["FRA", "KEN"]).order_by("code")
    data["session"]["participants"] += [
        {"entity": code, "category": "member_state", "delegates": [{"name": f"Delegate {code}"}]}
        for code in states.values_list("code", flat=True)[: 3 * scale]
    ]
    data["session"]["agendas"][0]["items"] += [
        {"title": {"en": f"Item {n}"}, "sub_items": [{"title": {"en": "Sub"}}]} for n in range(3 * scale)
    ]
    data["session"]["meetings"] += [{"key": f"m{n}", "kind": "informal"} for n in range(2 * scale)]
    data["session"]["bureau"] *= scale
    data["session"]["decisions"][0]["paragraphs"] *= scale
    data["session"]["documents"] = []
    data["session"]["report"].pop("document")
    data["session"]["report"]["summary"] *= scale
    return data
