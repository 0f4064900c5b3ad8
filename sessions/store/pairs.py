"""Who asked to sit apart from whom, or with whom, in breakout groups (kept in the people
bank, so the wish holds at every session)."""

from __future__ import annotations

from collections.abc import Collection

from sessions.errors import NotFound, ValidationError
from sessions.models import PairKind
from sessions.store.base import GONE, Repository


class PairRepository(Repository):
    def set(self, person_id: int, other_id: int, kind: PairKind) -> None:
        """Keep two people together or apart; a later wish about the same two replaces it."""
        if person_id == other_id:
            raise ValidationError({"other": "Choose someone other than the same person."})
        low, high = sorted((person_id, other_id))
        with self.db.atomic():
            found = self.db.execute(
                "SELECT count(*) FROM people WHERE id IN (?, ?)", [low, high]
            ).fetchone()[0]
            if found != 2:
                raise NotFound(GONE["people"])
            existing = self.db.execute(
                "SELECT id FROM person_pairs WHERE person_id = ? AND other_id = ?", [low, high]
            ).fetchone()
            if existing:
                self.update_row("person_pairs", existing[0], {"kind": kind.value})
            else:
                self.insert_row(
                    "person_pairs", {"person_id": low, "other_id": high, "kind": kind.value}
                )

    def forget(self, person_id: int, other_id: int) -> bool:
        low, high = sorted((person_id, other_id))
        with self.db.atomic():
            cursor = self.db.execute(
                "DELETE FROM person_pairs WHERE person_id = ? AND other_id = ?", [low, high]
            )
        return cursor.rowcount > 0

    def among(self, people: Collection[int]) -> list[tuple[int, int, PairKind]]:
        """Every wish between two of these people."""
        if not people:
            return []
        wanted = set(people)
        rows = self.db.execute("SELECT person_id, other_id, kind FROM person_pairs ORDER BY id")
        return [(a, b, PairKind(kind)) for a, b, kind in rows if a in wanted and b in wanted]

    def of(self, person_id: int) -> dict[int, PairKind]:
        """Everyone this person is kept together with or apart from."""
        rows = self.db.execute(
            "SELECT person_id, other_id, kind FROM person_pairs"
            " WHERE person_id = ? OR other_id = ?",
            [person_id, person_id],
        )
        return {(b if a == person_id else a): PairKind(kind) for a, b, kind in rows}
