"""The people bank: everyone who takes part, with how to reach and support them."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import Any

from sessions.errors import NotFound, ValidationError
from sessions.models import CommunicationPreference, Need, PaymentPreference, Person, Role
from sessions.store.base import GONE, Repository
from sessions.validation import check_person, phone_digits

_TEXT_FIELDS = (
    "name",
    "preferred_name",
    "pronouns",
    "organisation",
    "email",
    "phone",
    "address",
    "access_needs",
)


def person_row(person: Person) -> dict[str, Any]:
    return {
        **{field: getattr(person, field) for field in _TEXT_FIELDS},
        "role": person.role.value,
        "contact_consent": int(person.contact_consent),
        "communication": person.communication.value,
        "payment": person.payment.value,
        "phone_digits": phone_digits(person.phone),
        "needs_step_free": int(Need.STEP_FREE in person.needs),
        "needs_hearing_loop": int(Need.HEARING_LOOP in person.needs),
    }


def person_from_row(row: Mapping[str, Any]) -> Person:
    return Person(
        id=row["id"],
        uid=row["uid"],
        **{field: row[field] for field in _TEXT_FIELDS},
        role=Role(row["role"]),
        contact_consent=bool(row["contact_consent"]),
        communication=CommunicationPreference(row["communication"]),
        payment=PaymentPreference(row["payment"]),
        needs=needs_from_row(row, "needs_"),
    )


def needs_from_row(row: Mapping[str, Any], prefix: str = "") -> frozenset[Need]:
    """Step-free and hearing-loop flags, as stored for a person ("needs_") or a group."""
    return frozenset(need for need in Need if row[f"{prefix}{need.value}"])


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_PHONE_LIKE = re.compile(r"^[\d\s()+\-.]+$")


def search_clause(text: str) -> tuple[str, dict[str, object]]:
    """SQL that keeps people matching every word typed, in any searchable field.

    A search that looks like a phone number, however it is written ("+44 7700
    900123", "(0115) 496 0456"), is matched on the number's digits as a whole.
    """
    if _PHONE_LIKE.match(text.strip()) and len(phone_digits(text)) >= 3:
        return "phone_digits LIKE :d ESCAPE '\\'", {"d": _like(phone_digits(text))}
    conditions: list[str] = []
    params: dict[str, object] = {}
    for number, word in enumerate(text.split()):
        key = f"w{number}"
        params[key] = _like(word)
        fields = ["name", "preferred_name", "organisation", "email", "phone"]
        tests = [f"{field} LIKE :{key} ESCAPE '\\'" for field in fields]
        if _PHONE_LIKE.match(word) and len(phone_digits(word)) >= 3:
            params[f"d{number}"] = _like(phone_digits(word))
            tests.append(f"phone_digits LIKE :d{number} ESCAPE '\\'")
        conditions.append("(" + " OR ".join(tests) + ")")
    return (" AND ".join(conditions) or "1"), params


def _filtered(text: str, excluding: Collection[int]) -> tuple[str, dict[str, object]]:
    where, params = search_clause(text)
    if excluding:
        marks = ", ".join(f":x{n}" for n in range(len(excluding)))
        where = f"({where}) AND id NOT IN ({marks})"
        params.update({f"x{n}": person_id for n, person_id in enumerate(excluding)})
    return where, params


class PeopleRepository(Repository):
    def get(self, person_id: int) -> Person:
        rows = list(self.db.query("SELECT * FROM people WHERE id = ?", [person_id]))
        if not rows:
            raise NotFound(GONE["people"])
        return person_from_row(rows[0])

    def many(self, person_ids: list[int]) -> list[Person]:
        """The people with these ids, in the order asked for."""
        if not person_ids:
            return []
        marks = ", ".join("?" for _ in person_ids)
        rows = self.db.query(f"SELECT * FROM people WHERE id IN ({marks})", person_ids)
        found = {row["id"]: person_from_row(row) for row in rows}
        return [found[person_id] for person_id in person_ids if person_id in found]

    def save(self, person: Person) -> Person:
        """Add a new person or change an existing one, after checking every field."""
        problems = check_person(person)
        if problems:
            raise ValidationError(problems)
        row = person_row(person)
        with self.db.atomic():
            if person.id is None:
                person_id = self.insert_row("people", row)
            else:
                self.update_row("people", person.id, row)
                person_id = person.id
        return self.get(person_id)

    def add_many(self, people: list[Person]) -> None:
        """Add many people in one transaction (for example data and imports)."""
        for person in people:
            problems = check_person(person)
            if problems:
                raise ValidationError(problems)
        with self.db.atomic():
            self.db.table("people").insert_all(
                self.new_row(person_row(person)) for person in people
            )

    def search(
        self,
        text: str = "",
        limit: int | None = None,
        *,
        offset: int = 0,
        excluding: Collection[int] = (),
    ) -> list[Person]:
        """People matching every word of `text` (name, organisation, email, phone)."""
        where, params = _filtered(text, excluding)
        sql = f"SELECT * FROM people WHERE {where} ORDER BY name COLLATE NOCASE, id"
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=limit, offset=offset)
        return [person_from_row(row) for row in self.db.query(sql, params)]

    def count(self, text: str = "", *, excluding: Collection[int] = ()) -> int:
        where, params = _filtered(text, excluding)
        rows = self.db.query(f"SELECT count(*) AS n FROM people WHERE {where}", params)
        return int(next(iter(rows))["n"])

    def named(self, name: str) -> list[Person]:
        """Everyone whose name is `name`, ignoring case and spacing: possible duplicates."""
        wanted = " ".join(name.split()).casefold()
        return [p for p in self.search(name) if " ".join(p.name.split()).casefold() == wanted]

    def all(self) -> Iterator[Person]:
        rows = self.db.query("SELECT * FROM people ORDER BY name COLLATE NOCASE, id")
        return (person_from_row(row) for row in rows)
