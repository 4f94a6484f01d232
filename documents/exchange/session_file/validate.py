"""Check a session file before anything is written: its shape, then every reference in it."""

import datetime
import json
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from referencing import Registry, Resource

from committee.bodies.models import Committee, Entity
from committee.kernel.import_errors import ImportRejected, Problem
from decisions.outcomes.services import adoption_problem
from documents.registry.models import Document
from documents.schemes.rules import scheme_problems, scheme_schema
from meetings.registration.models import Participation
from meetings.sessions.models import Session

SCHEMA_PATH = Path(__file__).with_name("schema.json")


@cache
def _validator() -> jsonschema.protocols.Validator:
    """The session file's schema, with the report scheme's (which it refers to by its $id) beside it."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    scheme = scheme_schema()
    registry: Registry = Registry().with_resource(scheme["$id"], Resource.from_contents(scheme))
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def place(path: Iterable[str | int]) -> str:
    """Write a JSON path the way a person reads it: session.participants[12].category."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return _escaped(text) or _("(the whole file)")


def read_session_file(text: str) -> dict[str, Any]:
    """Parse and check a session file; raise ImportRejected listing every problem found."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRejected(
            [
                Problem(
                    _("line %(line)d, column %(column)d") % {"line": error.lineno, "column": error.colno},
                    _("not valid JSON: %(reason)s") % {"reason": error.msg},
                )
            ]
        ) from None
    except RecursionError:
        raise ImportRejected([Problem(place([]), _("nested too deeply to be a session file"))]) from None
    problems = [
        Problem(place(error.absolute_path), _schema_message(error))
        for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    problems += [Problem(place(path), message) for path, message in _unstorable_texts(data)]
    if not problems:
        problems = ReferenceCheck(data).problems()
    if problems:
        raise ImportRejected(problems)
    return data


# What the schema's patterns mean, in words.
_PATTERN_MEANINGS = {
    "^\\d{4}-\\d{2}-\\d{2}$": gettext_lazy("a date such as 2017-10-04"),
    "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$": gettext_lazy("a time such as 09:30"),
    "^[A-Za-z0-9][A-Za-z0-9._-]*$": gettext_lazy("a code of letters, digits, dots, dashes and underscores"),
    "^[A-Z0-9][A-Za-z0-9./()\\-]*$": gettext_lazy("a UN symbol such as TD/B/EDE/1"),
    "^[-a-zA-Z0-9_]+$": gettext_lazy("a key of letters, digits, dashes and underscores"),
}
_TYPE_NAMES = {
    "object": gettext_lazy("an object { … }"),
    "array": gettext_lazy("a list [ … ]"),
    "string": gettext_lazy("a text in double quotes"),
    "integer": gettext_lazy("a whole number"),
    "boolean": gettext_lazy("true or false"),
}


def _shown(value: Any) -> str:
    """A value as the file writes it, cut short."""
    text = _escaped(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "…"


def _iso_date(value: str | None) -> datetime.date | None:
    """A date the schema has checked the shape of (one it cannot read counts as given, and far past)."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return datetime.date.min


def _escaped(text: str) -> str:
    """The text with any lone surrogate written as its escape (\\ud800), so that it can be printed and shown."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _surrogate(text) else text


def _schema_message(error: jsonschema.ValidationError) -> str:
    """Say what is wrong in the file's own terms, without Python's."""
    rule, expected, value = error.validator, error.validator_value, error.instance
    if rule == "additionalProperties":
        unknown = sorted(set(value) - set(error.schema.get("properties", {})))
        return _("unknown field %(fields)s") % {"fields": ", ".join(_shown(name) for name in unknown)}
    if rule == "required":
        missing = [name for name in expected if name not in value]
        return _("missing field %(fields)s") % {"fields": ", ".join(_shown(name) for name in missing)}
    if rule == "enum":
        return _("%(value)s is not one of %(allowed)s") % {
            "value": _shown(value),
            "allowed": ", ".join(_shown(v) for v in expected),
        }
    if rule == "const":
        return _("must be %(expected)s") % {"expected": _shown(expected)}
    if rule == "type":
        return _("expected %(type)s, found %(value)s") % {
            "type": _TYPE_NAMES.get(expected, expected),
            "value": _shown(value),
        }
    if rule in ("format", "pattern"):
        meaning = _PATTERN_MEANINGS.get(error.schema.get("pattern", ""), _("the expected form"))
        if rule == "format" and expected == "email":
            meaning = _("an email address")
        return _("%(value)s is not %(meaning)s") % {"value": _shown(value), "meaning": meaning}
    if rule == "maxLength":
        return _("longer than %(limit)d characters") % {"limit": expected}
    if rule == "minLength":
        return _("must not be empty")
    if rule == "minProperties":
        return _("give the text in at least one language")
    if rule == "minItems":
        return _("must list at least %(count)d") % {"count": expected}
    if rule == "minimum":
        return _("%(value)s is less than %(limit)s") % {"value": _shown(value), "limit": expected}
    if rule == "maximum":
        return _("%(value)s is more than %(limit)s") % {"value": _shown(value), "limit": expected}
    return error.message


def _surrogate(text: str) -> str | None:
    """The first half of a UTF-16 surrogate pair the text holds alone, which is no character: JSON can escape one
    ("\\ud800"), and no database can store it."""
    return next((c for c in text if "\ud800" <= c <= "\udfff"), None)


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return _("contains a NUL character, which no text may hold")
    surrogate = _surrogate(text)
    if surrogate is not None:
        return _("contains half of a UTF-16 surrogate pair (\\u%(code)04x), which is no character") % {
            "code": ord(surrogate)
        }
    return None


def _unstorable_texts(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """Places of the texts that no database can store (U+0000, a lone surrogate), and what is wrong with each;
    a field's name is one of its object's texts."""
    if isinstance(data, str):
        problem = _text_problem(data)
        return [(path, problem)] if problem else []
    if isinstance(data, dict):
        found = []
        for key, value in data.items():
            problem = _text_problem(key)
            if problem:
                found.append((path, problem))
            else:
                found += _unstorable_texts(value, (*path, key))
        return found
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in _unstorable_texts(value, (*path, index))]
    return []


class ReferenceCheck:
    """What a schema cannot say: that codes, keys and numbers refer to something that exists."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.session = data["session"]
        self.found: list[Problem] = []

    def problems(self) -> list[Problem]:
        self.check_committees()
        self.check_organizations()
        self.check_session()
        self.check_meetings_and_bureau()
        self.check_agendas()
        self.check_proceedings()
        self.check_decisions()
        self.check_participants()
        self.check_documents_and_report()
        return self.found

    def add(self, path: Iterable[str | int], message: str) -> None:
        self.found.append(Problem(place(path), message))

    # Entities -----------------------------------------------------------------------------

    @property
    def organization_codes(self) -> set[str]:
        return {org["code"] for org in self.data.get("organizations", [])}

    def known_entity(self, code: str) -> bool:
        return code in self.organization_codes or code in self.states

    @property
    def states(self) -> set[str]:
        if not hasattr(self, "_states"):
            self._states = set(Entity.objects.exclude(kind=Entity.Kind.ORGANIZATION).values_list("code", flat=True))
        return self._states

    def check_entity(self, path: list[str | int], code: str, *, state_only: bool = False) -> None:
        if state_only and code not in self.states:
            self.add(path, _("%(code)s is not the ISO alpha-3 code of a State or territory") % {"code": code})
        elif not self.known_entity(code):
            self.add(
                path,
                _("%(code)s is neither a State's ISO alpha-3 code nor an organization listed in organizations")
                % {"code": code},
            )

    def check_duplicates(self, path: list[str | int], values: list[Any], what: str) -> None:
        for value, count in Counter(values).items():
            if count > 1:
                self.add(
                    path,
                    _("%(what)s %(value)s appears %(count)d times") % {"what": what, "value": value, "count": count},
                )

    # Sections -----------------------------------------------------------------------------

    def check_committees(self) -> None:
        committees = self.data["committees"]
        self.check_duplicates(["committees"], [c["code"] for c in committees], _("committee"))
        seen: set[str] = set()
        for index, committee in enumerate(committees):
            parent = committee.get("parent")
            if parent and parent not in seen and not Committee.objects.filter(code=parent).exists():
                self.add(
                    ["committees", index, "parent"],
                    _("%(code)s is neither listed before this committee nor already in the database")
                    % {"code": parent},
                )
            if committee["name"].get("fr") and "fr" not in committee.get("name_gender", {}):
                self.add(
                    ["committees", index, "name_gender"],
                    _('give the gender of the French name, e.g. {"fr": "m"} for "le Groupe"'),
                )
            if committee.get("secretariat") and committee["secretariat"] not in self.organization_codes:
                self.add(
                    ["committees", index, "secretariat"],
                    _("%(code)s is not listed in organizations") % {"code": committee["secretariat"]},
                )
            if "report_scheme" in committee:
                for path, message in scheme_problems(committee["report_scheme"]):
                    self.add(["committees", index, "report_scheme", *path], message)
            for member_index, member in enumerate(committee.get("members", [])):
                self.check_entity(["committees", index, "members", member_index, "entity"], member["entity"])
                if member.get("since") and member.get("until") and member["until"] < member["since"]:
                    self.add(["committees", index, "members", member_index, "until"], _("ends before it starts"))
            seen.add(committee["code"])
        if self.session["committee"] not in seen:
            self.add(
                ["session", "committee"],
                _("%(code)s is not listed in committees") % {"code": self.session["committee"]},
            )

    def check_organizations(self) -> None:
        organizations = self.data.get("organizations", [])
        self.check_duplicates(["organizations"], [o["code"] for o in organizations], _("organization"))
        for index, organization in enumerate(organizations):
            if organization["code"] in self.states:
                self.add(
                    ["organizations", index, "code"],
                    _("%(code)s is already a State's code") % {"code": organization["code"]},
                )

    def check_session(self) -> None:
        session = self.session
        if session.get("start_date") and session.get("end_date") and session["end_date"] < session["start_date"]:
            self.add(["session", "end_date"], _("the session ends before it starts"))
        if "time_zone" in session and session["time_zone"] not in zoneinfo.available_timezones():
            self.add(
                ["session", "time_zone"],
                _("%(value)s is not an IANA time zone such as Europe/Zurich") % {"value": session["time_zone"]},
            )
        if "country" in session:
            self.check_entity(["session", "country"], session["country"], state_only=True)
        other = (
            Session.objects.filter(committee__code=session["committee"], number=session["number"])
            .exclude(code=session["code"])
            .first()
        )
        if other:
            self.add(
                ["session", "number"],
                _("session %(number)d of this committee is already %(code)s")
                % {"number": session["number"], "code": other.code},
            )

    def meeting_keys(self) -> set[str]:
        return {meeting["key"] for meeting in self.session.get("meetings", [])}

    def check_meetings_and_bureau(self) -> None:
        meetings = self.session.get("meetings", [])
        self.check_duplicates(["session", "meetings"], [m["key"] for m in meetings], _("meeting key"))
        for index, meeting in enumerate(meetings):
            path: list[str | int] = ["session", "meetings", index]
            if meeting.get("start_time") and meeting.get("end_time") and meeting["end_time"] < meeting["start_time"]:
                self.add([*path, "end_time"], _("the meeting ends before it starts"))
            self.check_agenda_numbers([*path, "agenda_items"], meeting.get("agenda_items", []))
            for person_index, person in enumerate(meeting.get("people", [])):
                if "entity" in person:
                    self.check_entity([*path, "people", person_index, "entity"], person["entity"])
        for index, member in enumerate(self.session.get("bureau", [])):
            if "state" in member:
                self.check_entity(["session", "bureau", index, "state"], member["state"], state_only=True)
            self.check_meeting_key(["session", "bureau", index, "elected_at"], member.get("elected_at"))

    def check_meeting_key(self, path: list[str | int], key: str | None) -> None:
        if key is not None and key not in self.meeting_keys():
            self.add(path, _("%(key)s is not the key of a meeting of this session") % {"key": key})

    def check_agendas(self) -> None:
        agendas = self.session.get("agendas", [])
        self.check_duplicates(["session", "agendas"], [a["kind"] for a in agendas], _("agenda"))
        for index, agenda in enumerate(agendas):
            self.check_meeting_key(["session", "agendas", index, "adopted_at"], agenda.get("adopted_at"))
            purposes = [item["purpose"] for item in agenda["items"] if "purpose" in item]
            self.check_duplicates(["session", "agendas", index, "items"], purposes, _("purpose"))
            slots = agenda.get("organization_of_work", [])
            path: list[str | int] = ["session", "agendas", index, "organization_of_work"]
            self.check_duplicates(path, [f"{slot['date']} {slot['period']}" for slot in slots], _("half-day"))
            for slot_index, slot in enumerate(slots):
                for number in slot["items"]:
                    if not 1 <= number <= len(agenda["items"]):
                        self.add(
                            [*path, slot_index, "items"], _("the agenda has no item %(number)d") % {"number": number}
                        )

    def check_proceedings(self) -> None:
        steps = self.session.get("proceedings", [])
        self.check_duplicates(["session", "proceedings"], [step["kind"] for step in steps], _("step"))
        for index, step in enumerate(steps):
            path: list[str | int] = ["session", "proceedings", index]
            self.check_meeting_key([*path, "meeting"], step.get("meeting"))
            if "meeting" not in step and "on" not in step:
                self.add(path, _("say at which meeting (meeting) or on which day (on)"))
            if step.get("rapporteur_authorized") and step["kind"] != "adoption_of_report":
                self.add(
                    [*path, "rapporteur_authorized"], _("only the adoption of the report authorizes the rapporteur")
                )
            starts, ends = _iso_date(step.get("next_starts_on")), _iso_date(step.get("next_ends_on"))
            if (starts or ends or step.get("next_place")) and step["kind"] != "next_session":
                self.add(path, _("only the announcement of the next session (next_session) gives its dates and place"))
            if starts and ends and ends < starts:
                self.add([*path, "next_ends_on"], _("ends before it starts"))

    def check_decisions(self) -> None:
        for index, decision in enumerate(self.session.get("decisions", [])):
            path: list[str | int] = ["session", "decisions", index]
            self.check_meeting_key([*path, "adopted_at"], decision.get("adopted_at"))
            votes = decision.get("votes", [])
            self.check_duplicates([*path, "votes"], [vote["state"] for vote in votes], _("State"))
            for vote_index, vote in enumerate(votes):
                self.check_entity([*path, "votes", vote_index, "state"], vote["state"], state_only=True)
            silence = decision.get("method") == "silence"
            # a silence procedure's text is adopted on the day it ends: that day is no meeting's date
            dated = "adopted_at" in decision or (
                "adopted_on" in decision and not (silence and decision["adopted_on"] == decision.get("silence_ends_on"))
            )
            problem = adoption_problem(
                method=decision.get("method", ""),
                dated=dated,
                deadline=_iso_date(decision.get("silence_ends_on")),
                positions=[vote["position"] for vote in votes],
            )
            if silence and "adopted_on" in decision and any(v["position"] == "objection" for v in votes):
                problem = _("a text whose silence procedure was broken was not adopted: it has no adoption date")
            if problem:
                self.add([*path, "method"], problem)

    def check_participants(self) -> None:
        participants = self.session.get("participants", [])
        self.check_duplicates(["session", "participants"], [p["entity"] for p in participants], _("participant"))
        organizations = {org["code"]: org for org in self.data.get("organizations", [])}
        state_categories = Participation.STATE_CATEGORIES
        for index, participant in enumerate(participants):
            path: list[str | int] = ["session", "participants", index]
            for position, delegate in enumerate(participant.get("delegates", [])):
                for key in delegate.get("meetings", []):
                    self.check_meeting_key([*path, "delegates", position, "meetings"], key)
            code, category = participant["entity"], participant["category"]
            self.check_entity([*path, "entity"], code)
            if code in organizations and category in state_categories:
                self.add([*path, "category"], _("%(code)s is an organization, not a State") % {"code": code})
            elif code in self.states and code not in organizations and category not in state_categories:
                self.add(
                    [*path, "category"],
                    _("%(code)s is a State: use member_state, other_state or observer_state") % {"code": code},
                )

    def agenda_numbers(self) -> set[int]:
        """Numbers of the agenda that documents and report sections refer to: the adopted one, else the provisional."""
        agendas = {agenda["kind"]: agenda for agenda in self.session.get("agendas", [])}
        agenda = agendas.get("adopted") or agendas.get("provisional") or {"items": []}
        return set(range(1, len(agenda["items"]) + 1))

    def check_documents_and_report(self) -> None:
        documents = self.session.get("documents", [])
        symbols = [d["symbol"] for d in documents]
        self.check_duplicates(["session", "documents"], symbols, _("document"))
        elsewhere = dict(
            Document.objects.filter(symbol__in=symbols)
            .exclude(session__code=self.session["code"])
            .values_list("symbol", "session__code")
        )
        for index, document in enumerate(documents):
            path: list[str | int] = ["session", "documents", index]
            if document["symbol"] in elsewhere:
                self.add(
                    [*path, "symbol"],
                    _("%(symbol)s already belongs to %(other)s")
                    % {"symbol": document["symbol"], "other": elsewhere[document["symbol"]] or _("no session")},
                )
            self.check_agenda_numbers([*path, "agenda_items"], document.get("agenda_items", []))
            for key in document.get("meetings", []):
                self.check_meeting_key([*path, "meetings"], key)
            for code in document.get("submitted_by", []):
                self.check_entity([*path, "submitted_by"], code)
        report = self.session.get("report", {})
        if "document" in report and report["document"] not in symbols:
            self.add(
                ["session", "report", "document"],
                _("%(symbol)s is not one of the session's documents") % {"symbol": report["document"]},
            )
        for index, section in enumerate(report.get("summary", [])):
            if "agenda_item" in section:
                self.check_agenda_numbers(
                    ["session", "report", "summary", index, "agenda_item"], [section["agenda_item"]]
                )

    def check_agenda_numbers(self, path: list[str | int], numbers: list[int]) -> None:
        valid = self.agenda_numbers()
        for number in numbers:
            if number not in valid:
                self.add(path, _("the agenda has no item %(number)d") % {"number": number})
