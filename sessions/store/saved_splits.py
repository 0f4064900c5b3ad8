"""Splits kept to use again at a later session of the same project."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sessions.errors import NotFound
from sessions.models import BreakoutGroup, GroupMember, Need, Placement, SavedSplit
from sessions.store.base import GONE, Repository


def _group_data(group: BreakoutGroup) -> dict[str, Any]:
    return {
        "name": group.name,
        "place": group.place,
        "facilitator": group.facilitator,
        "facilities": sorted(need.value for need in group.facilities),
        "members": [m.person_id for m in group.members],
    }


def _group_from_data(data: dict[str, Any]) -> BreakoutGroup:
    return BreakoutGroup(
        name=data["name"],
        place=data.get("place", ""),
        facilitator=data.get("facilitator", ""),
        facilities=frozenset(Need(value) for value in data.get("facilities", [])),
        members=tuple(
            GroupMember(person_id, True, Placement.SAVED) for person_id in data["members"]
        ),
    )


class SavedSplitRepository(Repository):
    def save(
        self, name: str, project_id: int | None, groups: Sequence[BreakoutGroup]
    ) -> SavedSplit:
        with self.db.atomic():
            split_id = self.insert_row(
                "saved_splits",
                {
                    "name": name.strip(),
                    "project_id": project_id,
                    "groups": json.dumps([_group_data(g) for g in groups]),
                },
            )
        return self.get(split_id)

    def get(self, split_id: int) -> SavedSplit:
        rows = list(
            self.db.query(
                "SELECT s.*, coalesce(p.name, '') AS project_name FROM saved_splits s"
                " LEFT JOIN projects p ON p.id = s.project_id WHERE s.id = ?",
                [split_id],
            )
        )
        if not rows:
            raise NotFound(GONE["saved_splits"])
        return self._from_row(rows[0])

    def for_project(self, project_id: int | None) -> list[SavedSplit]:
        """The splits saved in this project (or with no project), newest first."""
        rows = self.db.query(
            "SELECT s.*, coalesce(p.name, '') AS project_name FROM saved_splits s"
            " LEFT JOIN projects p ON p.id = s.project_id WHERE s.project_id IS ?"
            " ORDER BY s.id DESC",
            [project_id],
        )
        return [self._from_row(row) for row in rows]

    def delete(self, split_id: int) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM saved_splits WHERE id = ?", [split_id])

    @staticmethod
    def _from_row(row: dict[str, Any]) -> SavedSplit:
        return SavedSplit(
            id=row["id"],
            name=row["name"],
            project_name=row["project_name"],
            groups=tuple(_group_from_data(g) for g in json.loads(row["groups"])),
        )
