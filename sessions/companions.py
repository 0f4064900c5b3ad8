"""Who comes with whom, in words: the people bank and check-in say it the same way."""

from __future__ import annotations

from sessions.models import Companion, Person, Relation


def link_sentence(person: Person, companion: Person, relation: Relation) -> str:
    """'Sam Jones comes with Farah Khan as their carer.'"""
    return (
        f"{companion.display_name} comes with {person.display_name} "
        f"as their {relation.label.lower()}."
    )


def other_side(link: Companion, person_id: int) -> int:
    """The person at the other end of a link from `person_id`."""
    return link.companion_id if link.person_id == person_id else link.person_id
