"""How things read in one line of a table or list."""

from __future__ import annotations

from sessions.models import Person


def shortened(text: str, width: int) -> str:
    """The text cut to `width` characters, ending in … when it was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def first_line(text: str, width: int) -> str:
    """The first line of a note, cut to fit a table cell."""
    stripped = text.strip()
    return shortened(stripped.splitlines()[0], width) if stripped else ""


def person_summary(person: Person) -> str:
    """'Sam (Samuel Jones), they/them, Carer, Mansfield Carers Group'."""
    parts = [person.display_name, person.pronouns, person.role.label, person.organisation]
    return ", ".join(part for part in parts if part)
