"""A session's agenda: items in order, each with its minutes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sessions.errors import NotFound, ValidationError
from sessions.models import AgendaItem, AgendaKind
from sessions.store.base import Repository
from sessions.validation import check_agenda_item


def item_from_row(row: Mapping[str, Any]) -> AgendaItem:
    return AgendaItem(
        id=row["id"],
        session_id=row["session_id"],
        position=row["position"],
        title=row["title"],
        minutes=row["minutes"],
        kind=AgendaKind(row["kind"]),
        lead=row["lead"],
        notes=row["notes"],
    )


def _content(item: AgendaItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "minutes": item.minutes,
        "kind": item.kind.value,
        "lead": item.lead,
        "notes": item.notes,
    }


def _checked(item: AgendaItem) -> AgendaItem:
    problems = check_agenda_item(item)
    if problems:
        raise ValidationError(problems)
    return item


class AgendaRepository(Repository):
    def items(self, session_id: int) -> list[AgendaItem]:
        rows = self.db.query(
            "SELECT * FROM agenda_items WHERE session_id = ? ORDER BY position, id",
            [session_id],
        )
        return [item_from_row(row) for row in rows]

    def get(self, item_id: int) -> AgendaItem:
        rows = list(self.db.query("SELECT * FROM agenda_items WHERE id = ?", [item_id]))
        if not rows:
            raise NotFound("That agenda item has been deleted.")
        return item_from_row(rows[0])

    def add(self, session_id: int, item: AgendaItem, after_id: int | None = None) -> AgendaItem:
        """Add an item just after `after_id`, or at the end when that is None."""
        _checked(item)
        with self.db.atomic():
            if after_id is None:
                position = self._next_position(session_id)
            else:
                position = self.get(after_id).position + 1
                self.db.execute(
                    "UPDATE agenda_items SET position = position + 1 "
                    "WHERE session_id = ? AND position >= ?",
                    [session_id, position],
                )
            item_id = self._insert_item(session_id, position, item)
        return self.get(item_id)

    def _insert_item(self, session_id: int, position: int, item: AgendaItem) -> int:
        return self.insert_row(
            "agenda_items",
            {"session_id": session_id, "position": position, **_content(item)},
        )

    def _next_position(self, session_id: int) -> int:
        row = self.db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM agenda_items WHERE session_id = ?",
            [session_id],
        ).fetchone()
        return int(row[0])

    def update(self, item: AgendaItem) -> AgendaItem:
        if item.id is None:
            raise ValueError("Only a saved agenda item can be changed.")
        _checked(item)
        with self.db.atomic():
            self.update_row("agenda_items", item.id, _content(item))
        return self.get(item.id)

    def delete(self, item_id: int) -> None:
        item = self.get(item_id)
        with self.db.atomic():
            self.db.execute("DELETE FROM agenda_items WHERE id = ?", [item_id])
            self.db.execute(
                "UPDATE agenda_items SET position = position - 1 "
                "WHERE session_id = ? AND position > ?",
                [item.session_id, item.position],
            )

    def duplicate(self, item_id: int) -> AgendaItem:
        """A copy of the item, placed just after it."""
        item = self.get(item_id)
        assert item.session_id is not None
        return self.add(item.session_id, replace(item, id=None), after_id=item_id)

    def move(self, item_id: int, offset: int) -> bool:
        """Swap the item with its neighbour; False when it is already at that end."""
        item = self.get(item_id)
        with self.db.atomic():
            rows = list(
                self.db.query(
                    "SELECT id, position FROM agenda_items WHERE session_id = ? AND position = ?",
                    [item.session_id, item.position + offset],
                )
            )
            if not rows:
                return False
            neighbour = rows[0]
            self.update_row("agenda_items", neighbour["id"], {"position": item.position})
            self.update_row("agenda_items", item_id, {"position": neighbour["position"]})
        return True

    def replace_all(self, session_id: int, items: list[AgendaItem]) -> None:
        """Set the whole agenda at once (used when applying a template)."""
        for item in items:
            _checked(item)
        with self.db.atomic():
            self.db.execute("DELETE FROM agenda_items WHERE session_id = ?", [session_id])
            for position, item in enumerate(items):
                self._insert_item(session_id, position, item)
