"""Agenda templates: the built-in ones that ship as TOML files, and reading them."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

from sessions.errors import ValidationError
from sessions.models import AgendaKind, SessionKind, Template, TemplateItem
from sessions.validation import check_agenda_item


def template_item(raw: Mapping[str, object]) -> TemplateItem:
    """One agenda item of a template, checked like any other agenda item."""
    item = TemplateItem(
        title=str(raw.get("title", "")).strip(),
        minutes=int(str(raw.get("minutes", 0))),
        kind=AgendaKind(raw.get("kind", AgendaKind.DISCUSSION)),
        lead=str(raw.get("lead", "")).strip(),
        notes=str(raw.get("notes", "")).strip(),
    )
    problems = check_agenda_item(item.to_agenda_item())
    if problems:
        raise ValidationError(problems)
    return item


def template_from_mapping(data: Mapping[str, object], *, builtin: bool) -> Template:
    kind = data.get("kind")
    items = data.get("items", [])
    assert isinstance(items, list)
    return Template(
        name=str(data["name"]),
        kind=SessionKind(kind) if kind else None,
        description=str(data.get("description", "")),
        items=tuple(template_item(raw) for raw in items),
        builtin=builtin,
    )


@cache
def builtin_templates() -> tuple[Template, ...]:
    """The templates that ship with the app, by name."""
    folder = resources.files("sessions") / "agenda_templates"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            found.append(template_from_mapping(data, builtin=True))
    return tuple(sorted(found, key=lambda template: template.name))
