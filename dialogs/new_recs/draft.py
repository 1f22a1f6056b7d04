"""/newrecs' draft as it is kept in dialog_data: plain JSON (sections of recommendations,
groups as lists of values), and the operations of the review step on it. Recommendations
are numbered across the set from 1, as the review shows them. Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from bot.domain.recommendations import (
    DraftRecommendation,
    DraftSection,
    Group,
    ImportedText,
    RecDraft,
)

JsonSection = dict[str, Any]  # {"title": str, "recs": [{"text": str, "groups": [str]}]}


def _groups_json(groups: Iterable[Group | str]) -> list[str]:
    return sorted({Group(g).value for g in groups})


def to_json(sections: Iterable[DraftSection]) -> list[JsonSection]:
    return [
        {
            "title": section.title,
            "recs": [
                {"text": rec.text, "groups": _groups_json(rec.groups)}
                for rec in section.recommendations
            ],
        }
        for section in sections
    ]


def from_json(sections: Sequence[JsonSection]) -> tuple[DraftSection, ...]:
    return tuple(
        DraftSection(
            section["title"],
            tuple(
                DraftRecommendation(rec["text"], frozenset(Group(g) for g in rec["groups"]))
                for rec in section["recs"]
            ),
        )
        for section in sections
    )


def count(sections: Sequence[JsonSection]) -> int:
    return sum(len(section["recs"]) for section in sections)


def locate(sections: Sequence[JsonSection], number: int) -> tuple[int, int] | None:
    """(section index, index in it) of recommendation `number` (from 1), or None."""
    if number < 1:
        return None
    for s, section in enumerate(sections):
        if number <= len(section["recs"]):
            return s, number - 1
        number -= len(section["recs"])
    return None


def rec_at(sections: Sequence[JsonSection], number: int) -> dict[str, Any] | None:
    found = locate(sections, number)
    return None if found is None else sections[found[0]]["recs"][found[1]]


def unaddressed(sections: Sequence[JsonSection]) -> list[int]:
    """The numbers of the recommendations that address no group."""
    numbers = []
    number = 0
    for section in sections:
        for rec in section["recs"]:
            number += 1
            if not rec["groups"]:
                numbers.append(number)
    return numbers


def add_import(
    sections: list[JsonSection],
    imported: ImportedText,
    addressed: Iterable[str],
    untitled: str,
) -> int:
    """An import added after what is there (a long letter comes in several pastes): its
    recommendations without addressees get the groups the letter addresses as a whole (this
    paste's addressee line, or an earlier one's); a paste without any heading goes on with
    the last section, or is a section titled `untitled`. The number of recommendations
    added."""
    whole = [g.value for g in imported.addressed] or list(addressed)
    added = 0
    for section in to_json(imported.sections):
        for rec in section["recs"]:
            if not rec["groups"]:
                rec["groups"] = _groups_json(whole)
            added += 1
        if not section["recs"]:
            continue
        if not section["title"]:
            if sections and len(imported.sections) == 1:
                sections[-1]["recs"].extend(section["recs"])
                continue
            section["title"] = untitled
        sections.append(section)
    return added


def set_text(sections: list[JsonSection], number: int, text: str) -> bool:
    rec = rec_at(sections, number)
    if rec is None:
        return False
    rec["text"] = text
    return True


def set_groups(sections: list[JsonSection], number: int, groups: Iterable[str]) -> bool:
    rec = rec_at(sections, number)
    if rec is None:
        return False
    rec["groups"] = _groups_json(groups)
    return True


_BLANK_LINE = re.compile(r"\n\s*\n")


def split_parts(text: str) -> list[str]:
    """The parts of a split as sent: separated by blank lines when there are any, else one
    per line; each part's lines joined with single spaces."""
    text = text.strip()
    chunks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.splitlines()
    return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]


def split(sections: list[JsonSection], number: int, parts: Sequence[str]) -> bool:
    """Recommendation `number` replaced by `parts`, each with its groups, in its place."""
    found = locate(sections, number)
    if found is None or not parts:
        return False
    s, i = found
    recs = sections[s]["recs"]
    groups = recs[i]["groups"]
    recs[i : i + 1] = [{"text": part, "groups": list(groups)} for part in parts]
    return True


def merge(sections: list[JsonSection], number: int) -> bool:
    """Recommendation `number` and the next one of its section as one: the texts joined
    with a space, the groups united. False when it is the last of its section."""
    found = locate(sections, number)
    if found is None:
        return False
    s, i = found
    recs = sections[s]["recs"]
    if i + 1 >= len(recs):
        return False
    following = recs.pop(i + 1)
    recs[i] = {
        "text": f"{recs[i]['text'].rstrip()} {following['text'].lstrip()}",
        "groups": _groups_json([*recs[i]["groups"], *following["groups"]]),
    }
    return True


def delete(sections: list[JsonSection], number: int) -> bool:
    """Recommendation `number` removed; a section left empty goes with it."""
    found = locate(sections, number)
    if found is None:
        return False
    s, i = found
    del sections[s]["recs"][i]
    if not sections[s]["recs"]:
        del sections[s]
    return True


def add(sections: list[JsonSection], text: str, groups: Iterable[str], other_title: str) -> int:
    """A recommendation appended to the last section (or to a new one titled
    `other_title` when there is none); its number."""
    if not sections:
        sections.append({"title": other_title, "recs": []})
    sections[-1]["recs"].append({"text": text, "groups": _groups_json(groups)})
    return count(sections)


def draft_of(data: dict[str, Any]) -> RecDraft:
    """The form's answers as the set they describe."""
    deadline = data.get("deadline")
    held_on = data.get("held_on")
    return RecDraft(
        title=data.get("title", ""),
        sections=from_json(data.get("sections", [])),
        deadline=datetime.fromisoformat(deadline) if deadline else None,
        source=data.get("source") or None,
        event_id=data.get("event_id"),
        held_on=date.fromisoformat(held_on) if held_on else None,
        include_members=bool(data.get("members")),
        reminder_days=tuple(data.get("reminder_days", ())),
    )
