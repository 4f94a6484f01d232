"""Copies of a session file: the same session under another number and years earlier, or grown several times.

They make the data of the benchmarks (`benchmark_import`, `load_years`): a secretariat's ten years of sessions,
each as full as the demo's, and one session ten times its size.
"""

import copy
import datetime
import json
import re
from typing import Any

_DATE = re.compile(r'"(\d{4})-(\d{2})-(\d{2})"')


def renumbered(data: dict[str, Any], number: int, years_earlier: int = 0) -> dict[str, Any]:
    """`data`'s session as session `number` of its committee held `years_earlier` years before: its code, its
    documents' symbols and every date changed to match (29 February becoming the 28th)."""
    session = data["session"]
    old_code, old_number = session["code"], str(session["number"])
    if not old_code.endswith(old_number):
        raise ValueError(f"the session code {old_code} does not end with its number {old_number}")
    new_code = old_code[: -len(old_number)] + str(number)
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace(f'"{old_code}"', f'"{new_code}"').replace(f'"{old_code}/', f'"{new_code}/')

    def earlier(match: re.Match[str]) -> str:
        year, month, day = int(match[1]) - years_earlier, match[2], match[3]
        return f'"{year:04d}-{month}-{"28" if (month, day) == ("02", "29") else day}"'

    copied = json.loads(_DATE.sub(earlier, text))
    copied["session"]["number"] = number
    return copied


def grown(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """`data`'s session `factor` times larger in all that its pages and documents list: meetings, agenda items,
    delegates, documents, the report's sections, the texts adopted. The delegations stay the same (a State attends a
    session once); each brings `factor` times as many delegates."""
    grown_data = copy.deepcopy(data)
    session = grown_data["session"]
    if factor == 1:
        return grown_data
    copies = range(2, factor + 1)
    # The session lasts `factor` times as long: each copy of its meetings held on as many days after the last.
    start, end = session.get("start_date"), session.get("end_date")
    span = (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days + 1 if start and end else 0
    if span:
        session["end_date"] = (
            datetime.date.fromisoformat(start) + datetime.timedelta(days=span * factor - 1)
        ).isoformat()

    def later(meeting: dict[str, Any], n: int) -> dict[str, Any]:
        moved = {**meeting, "key": f"{meeting['key']}-{n}"}
        if span and meeting.get("date"):
            moved["date"] = (
                datetime.date.fromisoformat(meeting["date"]) + datetime.timedelta(days=span * (n - 1))
            ).isoformat()
        return moved

    session["meetings"] += [later(meeting, n) for n in copies for meeting in data["session"]["meetings"]]
    for agenda in session.get("agendas", []):
        # The copies take up the same matters, without the procedural purposes an agenda has once.
        agenda["items"] += [
            {name: value for name, value in item.items() if name != "purpose"}
            for _copy in copies
            for item in agenda["items"]
        ]
    for participant in session.get("participants", []):
        delegates = participant.get("delegates", [])
        participant["delegates"] = delegates + [
            {**delegate, "name": f"{delegate['name']} {n}", "role": "delegate"}
            for n in copies
            for delegate in delegates
        ]
    # A session has one report, one provisional agenda...: the copies are documents of other kinds.
    session["documents"] = session.get("documents", []) + [
        {**document, "symbol": f"{document['symbol']}/Add.{n - 1}", "kind": "other"}
        for n in copies
        for document in data["session"].get("documents", [])
    ]
    # Ten times the matters: ten times the summary's sections and the texts adopted, each as long as the demo's.
    if "report" in session:
        session["report"]["summary"] = session["report"].get("summary", []) * factor
    session["decisions"] = session.get("decisions", []) * factor
    return grown_data
