"""Who comes with whom: carers, personal assistants and interpreters."""

from __future__ import annotations

from collections.abc import Collection

from sessions.errors import NotFound, ValidationError
from sessions.models import Companion, Relation
from sessions.store.base import GONE, Repository


class CompanionRepository(Repository):
    def link(self, person_id: int, companion_id: int, relation: Relation) -> Companion:
        """Record that `companion_id` comes with `person_id` as their carer, PA or interpreter."""
        if person_id == companion_id:
            raise ValidationError({"companion": "Someone cannot come with themselves."})
        with self.db.atomic():
            found = self.db.execute(
                "SELECT count(*) FROM people WHERE id IN (?, ?)", [person_id, companion_id]
            ).fetchone()[0]
            if found != 2:
                raise NotFound(GONE["people"])
            existing = self.db.execute(
                "SELECT id FROM companions WHERE person_id = ? AND companion_id = ?",
                [person_id, companion_id],
            ).fetchone()
            if existing:
                self.update_row("companions", existing[0], {"relation": relation.value})
            else:
                self.insert_row(
                    "companions",
                    {
                        "person_id": person_id,
                        "companion_id": companion_id,
                        "relation": relation.value,
                    },
                )
        return Companion(person_id, companion_id, relation)

    def unlink(self, person_id: int, companion_id: int) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                "DELETE FROM companions WHERE (person_id = ? AND companion_id = ?)"
                " OR (person_id = ? AND companion_id = ?)",
                [person_id, companion_id, companion_id, person_id],
            )
        return cursor.rowcount > 0

    def of(self, person_id: int) -> list[Companion]:
        """Every link that involves this person, whichever side they are on."""
        rows = self.db.query(
            "SELECT person_id, companion_id, relation FROM companions"
            " WHERE person_id = ? OR companion_id = ? ORDER BY id",
            [person_id, person_id],
        )
        return [
            Companion(row["person_id"], row["companion_id"], Relation(row["relation"]))
            for row in rows
        ]

    def among(self, people: Collection[int]) -> list[Companion]:
        """Every link between two of these people, in one query."""
        if not people:
            return []
        marks = ", ".join("?" for _ in people)
        rows = self.db.query(
            "SELECT person_id, companion_id, relation FROM companions"
            f" WHERE person_id IN ({marks}) AND companion_id IN ({marks}) ORDER BY id",
            [*people, *people],
        )
        return [
            Companion(row["person_id"], row["companion_id"], Relation(row["relation"]))
            for row in rows
        ]
