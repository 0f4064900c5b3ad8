"""Rounds of breakout groups: each round's groups, where they meet, and who is in them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sessions.errors import NotFound
from sessions.models import (
    BreakoutGroup,
    BreakoutRound,
    GroupMember,
    GroupSource,
    Need,
    Placement,
)
from sessions.store.base import GONE, Repository, utc_now
from sessions.store.people import needs_from_row


def group_row(group: BreakoutGroup) -> dict[str, Any]:
    return {
        "name": group.name.strip(),
        "place": group.place.strip(),
        "facilitator": group.facilitator.strip(),
        "step_free": int(Need.STEP_FREE in group.facilities),
        "hearing_loop": int(Need.HEARING_LOOP in group.facilities),
        "locked": int(group.locked),
    }


def group_from_row(row: Mapping[str, Any], members: tuple[GroupMember, ...]) -> BreakoutGroup:
    return BreakoutGroup(
        id=row["id"],
        position=row["position"],
        name=row["name"],
        place=row["place"],
        facilitator=row["facilitator"],
        facilities=needs_from_row(row),
        locked=bool(row["locked"]),
        members=members,
    )


class BreakoutRepository(Repository):
    def rounds(self, session_id: int) -> list[BreakoutRound]:
        """A session's rounds in order, each with its groups and members."""
        rows = list(
            self.db.query(
                "SELECT * FROM breakout_rounds WHERE session_id = ? ORDER BY number", [session_id]
            )
        )
        return self._with_groups(rows)

    def get(self, round_id: int) -> BreakoutRound:
        rows = list(self.db.query("SELECT * FROM breakout_rounds WHERE id = ?", [round_id]))
        if not rows:
            raise NotFound(GONE["breakout_rounds"])
        return self._with_groups(rows)[0]

    def _with_groups(self, rows: list[dict[str, Any]]) -> list[BreakoutRound]:
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        marks = ", ".join("?" for _ in ids)
        members: dict[int, list[GroupMember]] = {}
        for row in self.db.query(
            f"SELECT group_id, person_id, pinned, placed FROM breakout_members"
            f" WHERE round_id IN ({marks}) ORDER BY id",
            ids,
        ):
            members.setdefault(row["group_id"], []).append(
                GroupMember(row["person_id"], bool(row["pinned"]), Placement(row["placed"]))
            )
        groups: dict[int, list[BreakoutGroup]] = {}
        for row in self.db.query(
            f"SELECT * FROM breakout_groups WHERE round_id IN ({marks}) ORDER BY position, id",
            ids,
        ):
            group = group_from_row(row, tuple(members.get(row["id"], ())))
            groups.setdefault(row["round_id"], []).append(group)
        return [
            BreakoutRound(
                id=row["id"],
                session_id=row["session_id"],
                number=row["number"],
                seed=row["seed"],
                source=GroupSource(row["source"]),
                agenda_item_id=row["agenda_item_id"],
                groups=groups.get(row["id"], []),
            )
            for row in rows
        ]

    def create(self, new: BreakoutRound) -> BreakoutRound:
        """Keep a new round, numbered after the session's last one, with its groups."""
        with self.db.atomic():
            self.require("sessions", new.session_id)
            last = self.db.execute(
                "SELECT coalesce(max(number), 0) FROM breakout_rounds WHERE session_id = ?",
                [new.session_id],
            ).fetchone()[0]
            round_id = self.insert_row(
                "breakout_rounds",
                {
                    "session_id": new.session_id,
                    "agenda_item_id": new.agenda_item_id,
                    "number": last + 1,
                    "seed": new.seed,
                    "source": new.source.value,
                },
            )
            for position, group in enumerate(new.groups):
                group_id = self.insert_row(
                    "breakout_groups",
                    {"round_id": round_id, "position": position, **group_row(group)},
                )
                self._add_members(round_id, group_id, group.members)
        return self.get(round_id)

    def _add_members(self, round_id: int, group_id: int, members: Sequence[GroupMember]) -> None:
        self.db.table("breakout_members").insert_all(
            self.new_row(
                {
                    "round_id": round_id,
                    "group_id": group_id,
                    "person_id": member.person_id,
                    "pinned": int(member.pinned),
                    "placed": member.placed.value,
                }
            )
            for member in members
        )

    def place_all(
        self, round_id: int, seed: int, members: Mapping[int, Sequence[GroupMember]]
    ) -> BreakoutRound:
        """Put everyone where a new balancing says (group id -> members), in one go."""
        with self.db.atomic():
            self.update_row("breakout_rounds", round_id, {"seed": seed})
            self.db.execute("DELETE FROM breakout_members WHERE round_id = ?", [round_id])
            for group_id, placed in members.items():
                self._add_members(round_id, group_id, placed)
        return self.get(round_id)

    def move(self, round_id: int, person_id: int, group_id: int) -> None:
        """Move someone by hand; they stay there (pinned) when the rest are balanced again."""
        with self.db.atomic():
            self._require_group(round_id, group_id)
            self.db.execute(
                "DELETE FROM breakout_members WHERE round_id = ? AND person_id = ?",
                [round_id, person_id],
            )
            self._add_members(round_id, group_id, [GroupMember(person_id, True, Placement.MOVED)])

    def set_pinned(self, round_id: int, person_id: int, pinned: bool) -> None:
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE breakout_members SET pinned = ?, updated_at = ?"
                " WHERE round_id = ? AND person_id = ?",
                [int(pinned), utc_now(), round_id, person_id],
            )
            if cursor.rowcount == 0:
                raise NotFound("That person is no longer in a group in this round.")

    def update_group(self, group: BreakoutGroup) -> None:
        """Keep a group's name, place, facilitator, what its place has, and its lock."""
        assert group.id is not None
        with self.db.atomic():
            self.update_row("breakout_groups", group.id, group_row(group))

    def delete(self, round_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM breakout_rounds WHERE id = ?", [round_id])

    def _require_group(self, round_id: int, group_id: int) -> None:
        found = self.db.execute(
            "SELECT round_id FROM breakout_groups WHERE id = ?", [group_id]
        ).fetchone()
        if found is None:
            raise NotFound(GONE["breakout_groups"])
        if found[0] != round_id:
            raise NotFound("That group belongs to another round of groups.")

    def other_names(self, group_id: int) -> list[str]:
        """The names of the other groups in the same round."""
        rows = self.db.execute(
            "SELECT name FROM breakout_groups WHERE id != ? AND round_id ="
            " (SELECT round_id FROM breakout_groups WHERE id = ?)",
            [group_id, group_id],
        )
        return [row[0] for row in rows]

    def note_counts(self, round_id: int) -> dict[int, int]:
        """How many notes were taken in each of the round's groups."""
        return {
            row["group_id"]: row["n"]
            for row in self.db.query(
                "SELECT g.id AS group_id, count(n.id) AS n FROM breakout_groups g"
                " JOIN notes n ON n.breakout_group_id = g.id WHERE g.round_id = ?"
                " GROUP BY g.id",
                [round_id],
            )
        }
