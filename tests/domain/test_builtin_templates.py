"""The agendas that ship with the app: what a facilitator starts a session from."""

from __future__ import annotations

import pytest

from sessions.models import AgendaKind, Template
from sessions.templates import builtin_templates
from sessions.validation import MAX_MINUTES, check_agenda_item


def by_name() -> dict[str, Template]:
    return {template.name: template for template in builtin_templates()}


def test_the_usual_co_production_meetings_are_there() -> None:
    names = by_name()
    assert "Over a Brew" in names
    assert "Listening Space" in names
    assert any("task-and-finish" in name.casefold() for name in names)


def test_names_are_unique_and_in_order() -> None:
    names = [template.name for template in builtin_templates()]
    assert len(names) == len(set(name.casefold() for name in names))
    assert names == sorted(names)


@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.name)
def test_each_template_is_a_sensible_timed_agenda(template: Template) -> None:
    assert template.builtin
    assert template.key == f"builtin:{template.name}"
    assert template.description
    assert len(template.items) > 3
    assert 60 <= template.minutes <= 180
    assert template.minutes == sum(item.minutes for item in template.items)
    assert all(1 <= item.minutes <= MAX_MINUTES for item in template.items)
    assert template.items[0].kind is AgendaKind.WELCOME
    assert template.items[-1].kind is AgendaKind.CLOSE
    for item in template.items:
        assert item.title.strip() == item.title != ""
        assert check_agenda_item(item.to_agenda_item()) == {}


@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.name)
def test_each_template_says_what_kind_of_session_it_is_for(template: Template) -> None:
    assert template.kind is not None
    assert template.kind.label.casefold().startswith(template.name.casefold()[:4])


def test_a_template_item_becomes_a_new_agenda_item() -> None:
    first = by_name()["Over a Brew"].items[0]
    item = first.to_agenda_item()
    assert (item.title, item.minutes, item.kind, item.lead, item.notes) == (
        first.title,
        first.minutes,
        first.kind,
        first.lead,
        first.notes,
    )
    assert item.id is None
    assert item.session_id is None
