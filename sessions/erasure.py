"""Erasing a person (the right to erasure), keeping what the law and the counts need.

Their personal details are blanked and the row stays, named "Erased person", so that
attendance counts, breakout groups and payment records stay true. Their links to
other people go. Notes that name them as the speaker lose the name and are no longer
published; their full name written anywhere else in the file (a note, an action, a
claim's history) becomes "[erased]". Claims and their lines are kept: payment records
must be kept for six years after the end of the financial year (FACTS.md 8, 21).

Afterwards the file is rebuilt (VACUUM) and its write-ahead log emptied, so the erased
words are gone from the bytes on disk, not merely unlisted.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from sessions.claim_models import claim_number
from sessions.clock import now_utc
from sessions.display import plural
from sessions.errors import FacilitatorError
from sessions.models import Person, QuoteConsent
from sessions.store import Store
from sessions.store.claims import ClaimFilter
from sessions.store.personal_data import PersonalDataRepository, name_pattern

ERASED_NAME = "Erased person"
"""What an erased person is called wherever they are still counted."""
ERASED_MARK = "[erased]"
"""What their full name becomes where it was written in other text."""
ERASED_ACTION = "person erased"
SHORTEST_NAME_SWEPT = 3
"""A name shorter than this is not looked for in other text: it would hit ordinary words."""

KEPT_WHY = "payment records must be kept for six years after the financial year ends"
COPIES_WARNING = "Backups and files exported before now still hold their details."


def is_erased(person: Person) -> bool:
    """True for someone whose details have been erased."""
    return person.name == ERASED_NAME and not any(
        (
            person.preferred_name,
            person.pronouns,
            person.organisation,
            person.email,
            person.phone,
            person.address,
            person.access_needs,
        )
    )


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing someone would remove and keep, worked out before asking."""

    person: Person
    claims: tuple[str, ...]
    """Their claim numbers ('C0042'): kept."""
    sessions: int
    """Sessions they were booked on or came to: kept in the counts."""
    groups: int
    """Breakout groups they were in: kept in the counts."""
    spoken_notes: int
    """Notes that name them as the speaker."""
    actions: int
    """Actions they own, by name."""
    links: int
    """Companions and keep-together or keep-apart wishes."""
    others_named_alike: int
    """Other people in the people bank with the same full name."""
    projects: tuple[str, ...] = ()
    """Projects they co-chair, by name: kept, the seat shown as Erased person."""

    @property
    def already_erased(self) -> bool:
        return is_erased(self.person)

    @property
    def title(self) -> str:
        return f"Erase {self.person.display_name}?"

    def erased_words(self) -> str:
        """What goes, in plain words."""
        links = f", and {plural(self.links, 'link')} to other people" if self.links else ""
        parts = [
            f"Removed for good: their name, contact details, access needs and preferences{links}."
        ]
        if self.spoken_notes:
            parts.append(
                f"{plural(self.spoken_notes, 'note loses', 'notes lose')} them as the "
                "speaker and will not be published."
            )
        if self.actions:
            parts.append(f"{plural(self.actions, 'action loses', 'actions lose')} them as owner.")
        if self.others_named_alike:
            parts.append("Their name stays in other notes: someone else has the same name.")
        elif len(self.person.name.strip()) >= SHORTEST_NAME_SWEPT:
            parts.append(f"Their full name in other notes and records becomes {ERASED_MARK}.")
        return " ".join(parts)

    def kept_words(self) -> str:
        """What stays, and why, in plain words."""
        counted = []
        if self.sessions:
            counted.append(plural(self.sessions, "session"))
        if self.groups:
            counted.append(plural(self.groups, "breakout group"))
        counts = f" of {' and '.join(counted)}" if counted else ""
        words = f"Kept as “{ERASED_NAME}”, with their role: their place in the counts{counts}"
        if self.claims:
            claims = (
                f"claim {self.claims[0]}"
                if len(self.claims) == 1
                else f"claims {', '.join(self.claims)}"
            )
            words = f"{words}, and {claims} with the payments, because {KEPT_WHY}."
        else:
            words += "."
        if self.projects:
            names = " and ".join(f"“{name}”" for name in self.projects)
            seats = "seat on" if len(self.projects) == 1 else "seats on"
            stay = "stays" if len(self.projects) == 1 else "stay"
            words += f" Their co-chair {seats} {names} {stay}, shown as “{ERASED_NAME}”."
        return words

    def consequence(self) -> str:
        """Everything to say before asking 'are you sure?'."""
        return (
            f"{self.erased_words()}\n\n{self.kept_words()}\n\n"
            f"This cannot be undone. {COPIES_WARNING}"
        )


@dataclass(frozen=True)
class Erasure:
    """What erasing did."""

    plan: ErasurePlan
    texts_changed: int
    """Places in other text where their full name became [erased]."""
    wiped: bool
    """The file was rebuilt and its write-ahead log emptied."""
    notes: list[str] = field(default_factory=list)

    @property
    def person_id(self) -> int:
        assert self.plan.person.id is not None
        return self.plan.person.id

    def words(self) -> str:
        """What was done, for the screen and the command line."""
        name = self.plan.person.display_name
        parts = [f"Erased {name}'s details: they are now “{ERASED_NAME}”."]
        if self.texts_changed:
            parts.append(
                f"Their name was taken out of {plural(self.texts_changed, 'other record')}."
            )
        if self.plan.claims:
            parts.append(
                f"{plural(len(self.plan.claims), 'claim')} ({', '.join(self.plan.claims)}) "
                f"kept, because {KEPT_WHY}."
            )
        parts.extend(self.notes)
        return " ".join(parts)


def plan_erasure(store: Store, person_id: int) -> ErasurePlan:
    """What erasing this person would remove and keep; raises NotFound if they are gone."""
    person = store.people.get(person_id)
    data = PersonalDataRepository(store.db)
    names = data.names_of(person) - {ERASED_NAME}
    claims = store.claims.listing(ClaimFilter(person_id=person_id))
    return ErasurePlan(
        person=person,
        claims=tuple(sorted(claim_number(row.claim.id or 0) for row in claims)),
        sessions=len(data.attendance_of(person_id)),
        groups=len(data.groups_of(person_id)),
        spoken_notes=len(data.named_in("notes", "speaker", names)),
        actions=len(data.named_in("actions", "owner", names)),
        links=len(store.companions.of(person_id)) + len(store.pairs.of(person_id)),
        others_named_alike=data.same_name_count(person.name, excluding=person_id),
        projects=tuple(
            line.project.name
            for line in store.projects.lines()
            if person_id in (line.project.staff_co_chair_id, line.project.lived_co_chair_id)
        ),
    )


def erase_person(
    store: Store,
    person_id: int,
    *,
    who: str | None = None,
    now: Callable[[], dt.datetime] = now_utc,
    wipe: bool = True,
) -> Erasure:
    """Erase a person's details, in one transaction, and (with `wipe`) rebuild the file
    so nothing of them is left in its bytes. Raises NotFound if they are not there."""
    from sessions.claiming import user_name

    plan = plan_erasure(store, person_id)
    person = plan.person
    data = PersonalDataRepository(store.db)
    names = data.names_of(person) - {ERASED_NAME}
    sweep = None
    if not plan.others_named_alike and len(person.name.strip()) >= SHORTEST_NAME_SWEPT:
        sweep = _replacer(person.name)
    with store.db.atomic():
        spoken = data.named_in("notes", "speaker", names)
        data.set_text("notes", "speaker", [row.row_id for row in spoken], "")
        data.set_consent([row.row_id for row in spoken], QuoteConsent.NOT_FOR_PUBLICATION.value)
        for table, column in (
            ("actions", "owner"),
            ("agenda_items", "lead"),
            ("breakout_groups", "facilitator"),
        ):
            found = data.named_in(table, column, names)
            data.set_text(table, column, [row.row_id for row in found], "")
        data.unlink(person_id)
        data.clear_follow_ups(person_id)
        data.blank_person(person_id, ERASED_NAME)
        changed = data.sweep(sweep) if sweep else 0
        data.record(who or user_name(store), ERASED_ACTION, f"person {person_id}", now())
    notes = []
    wiped = False
    if wipe:
        try:
            wiped = data.wipe_free_space()
        except sqlite3.Error:  # a full disk, say: the erasure itself is saved
            notes.append(
                "The data file could not be rebuilt, so some of the erased words may stay "
                "on disk for now. Free some space, then erase them again to finish."
            )
        else:
            if not wiped:
                notes.append(
                    "Another copy of Facilitator has the file open, so some of the erased "
                    "words may stay on disk until it closes."
                )
    notes.append(COPIES_WARNING)
    return Erasure(plan=plan, texts_changed=changed, wiped=wiped, notes=notes)


def _replacer(name: str) -> Callable[[str], str]:
    """Their full name, and the same name as JSON writes it (settings and saved splits
    are JSON, where 'Zoë' is 'Zo\\u00eb'), replaced by [erased]."""
    import json

    plain = name_pattern(name)
    escaped_name = json.dumps(" ".join(name.split()))[1:-1]
    escaped = name_pattern(escaped_name) if escaped_name != " ".join(name.split()) else None

    def replace(text: str) -> str:
        text = plain.sub(ERASED_MARK, text)
        if escaped is not None:
            text = escaped.sub(ERASED_MARK, text)
        return text

    return replace


def wipe_file(store: Store) -> bool:
    """Rebuild the data file so words already erased are gone from its bytes; False if
    another copy of Facilitator kept its write-ahead log from being emptied."""
    return PersonalDataRepository(store.db).wipe_free_space()


def already_erased_words(plan: ErasurePlan, *, wiped: bool) -> str:
    words = (
        f"Person {plan.person.id} has already been erased: nothing personal is held on "
        "them now, only their place in counts and their claims."
    )
    if wiped:
        words += " The data file has been rebuilt, so nothing of them is left on disk."
    return words


def require_not_erased(plan: ErasurePlan) -> None:
    """Raise, in words, for someone already erased (for callers that must not repeat it)."""
    if plan.already_erased:
        raise FacilitatorError(already_erased_words(plan, wiped=False))
