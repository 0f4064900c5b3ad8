"""Links between a person and the carer, PA or interpreter who comes with them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sessions.errors import NotFound, ValidationError
from sessions.models import Companion, Person, Relation, Role
from sessions.store import Store


def test_a_link_is_seen_from_both_sides(store: Store, add_person: Callable[..., Person]) -> None:
    farah, sam = add_person("Farah Khan"), add_person("Sam Jones", Role.CARER)
    assert farah.id is not None and sam.id is not None
    store.companions.link(farah.id, sam.id, Relation.CARER)
    expected = [Companion(farah.id, sam.id, Relation.CARER)]
    assert store.companions.of(farah.id) == expected
    assert store.companions.of(sam.id) == expected


def test_linking_again_changes_the_relation(
    store: Store, add_person: Callable[..., Person]
) -> None:
    farah, sam = add_person("Farah Khan"), add_person("Sam Jones", Role.CARER)
    assert farah.id is not None and sam.id is not None
    store.companions.link(farah.id, sam.id, Relation.CARER)
    store.companions.link(farah.id, sam.id, Relation.PERSONAL_ASSISTANT)
    assert store.companions.of(farah.id) == [
        Companion(farah.id, sam.id, Relation.PERSONAL_ASSISTANT)
    ]


def test_unlink_works_from_either_side(store: Store, add_person: Callable[..., Person]) -> None:
    farah, sam = add_person("Farah Khan"), add_person("Sam Jones", Role.CARER)
    bron = add_person("Bronwen Pryce", Role.OTHER)
    assert farah.id is not None and sam.id is not None and bron.id is not None
    store.companions.link(farah.id, sam.id, Relation.CARER)
    store.companions.link(farah.id, bron.id, Relation.INTERPRETER)
    assert store.companions.unlink(sam.id, farah.id) is True
    assert store.companions.unlink(sam.id, farah.id) is False
    assert store.companions.of(farah.id) == [Companion(farah.id, bron.id, Relation.INTERPRETER)]


def test_nobody_comes_with_themselves_or_with_someone_gone(
    store: Store, add_person: Callable[..., Person]
) -> None:
    farah = add_person("Farah Khan")
    assert farah.id is not None
    with pytest.raises(ValidationError, match="cannot come with themselves"):
        store.companions.link(farah.id, farah.id, Relation.CARER)
    with pytest.raises(NotFound, match="no longer in the people bank"):
        store.companions.link(farah.id, farah.id + 99, Relation.CARER)
    assert store.companions.of(farah.id) == []
