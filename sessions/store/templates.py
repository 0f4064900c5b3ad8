"""Agenda templates a user saved from their own sessions, beside the built-in ones."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sessions.errors import NotFound, ValidationError
from sessions.models import Template
from sessions.store.agenda import AgendaRepository
from sessions.store.base import Repository
from sessions.templates import builtin_templates, template_from_mapping
from sessions.validation import check_length, check_template_name


def _template_from_row(row: Mapping[str, Any]) -> Template:
    data = {
        "name": row["name"],
        "kind": row["kind"],
        "description": row["description"],
        "items": json.loads(row["items"]),
    }
    return replace(template_from_mapping(data, builtin=False), id=row["id"])


class TemplateRepository(Repository):
    def all(self) -> list[Template]:
        """Built-in templates first, then the user's own, each by name."""
        rows = self.db.query("SELECT * FROM agenda_templates ORDER BY name COLLATE NOCASE")
        return [*builtin_templates(), *(_template_from_row(row) for row in rows)]

    def get(self, key: str) -> Template:
        for template in self.all():
            if template.key == key:
                return template
        raise NotFound("That template has been deleted.")

    def save_from_session(self, session_id: int, name: str, description: str = "") -> Template:
        """Keep a session's agenda as a template to start other sessions from."""
        name, description = name.strip(), description.strip()
        problems: dict[str, str] = {}
        name_problem = check_template_name(name) or self._name_taken(name)
        if name_problem:
            problems["name"] = name_problem
        description_problem = check_length("description", description, "the description")
        if description_problem:
            problems["description"] = description_problem
        items = AgendaRepository(self.db).items(session_id)
        if not items:
            problems["name"] = "This session has no agenda yet, so there is nothing to save."
        if problems:
            raise ValidationError(problems)
        kind = self.db.execute("SELECT kind FROM sessions WHERE id = ?", [session_id]).fetchone()[0]
        template_items = [
            {
                "title": item.title,
                "minutes": item.minutes,
                "kind": item.kind.value,
                "lead": item.lead,
                "notes": item.notes,
            }
            for item in items
        ]
        with self.db.atomic():
            template_id = self.insert_row(
                "agenda_templates",
                {
                    "name": name,
                    "kind": kind,
                    "description": description,
                    "items": json.dumps(template_items),
                },
            )
        return self.get(f"saved:{template_id}")

    def _name_taken(self, name: str) -> str | None:
        wanted = name.casefold()
        if any(t.name.casefold() == wanted for t in self.all()):
            return f"There is already a template called {name}. Choose another name."
        return None
