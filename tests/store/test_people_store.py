"""The people bank: checked before saving, and found by whatever the user remembers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sessions.errors import NotFound, ValidationError
from sessions.models import CommunicationPreference, PaymentPreference, Person, Role
from sessions.store import Store


def names(people: list[Person]) -> list[str]:
    return [person.name for person in people]


# --- saving ----------------------------------------------------------------


def test_a_saved_person_comes_back_with_every_detail(store: Store) -> None:
    person = Person(
        name="Bernadette Okafor",
        preferred_name="Bernie",
        pronouns="she/her",
        role=Role.CARER,
        organisation="Carers' Centre",
        email="bernie@example.org",
        phone="07700 900123",
        address="12 Example Street, Mansfield",
        contact_consent=True,
        access_needs="Hearing loop, please.",
        communication=CommunicationPreference.LARGE_PRINT,
        payment=PaymentPreference.VOUCHER,
    )
    saved = store.people.save(person)
    assert saved.id is not None
    assert saved.uid
    assert store.people.get(saved.id) == saved
    assert saved == Person(**{**person.__dict__, "id": saved.id, "uid": saved.uid})
    assert saved.display_name == "Bernie (Bernadette Okafor)"


def test_saving_again_changes_the_same_person(
    store: Store, add_person: Callable[..., Person]
) -> None:
    person = add_person("Sam Turner")
    person.name = "Samira Turner"
    changed = store.people.save(person)
    assert changed.id == person.id
    assert changed.uid == person.uid
    assert names(list(store.people.all())) == ["Samira Turner"]
    assert store.people.count() == 1


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"email": "not an email"}, "email"),
        ({"phone": "123"}, "phone"),
        ({"phone": "call me"}, "phone"),
        ({"communication": CommunicationPreference.EMAIL}, "communication"),
        ({"access_needs": "x" * 1001}, "access_needs"),
    ],
)
def test_save_checks_every_field_and_writes_nothing(
    store: Store, details: dict, field: str
) -> None:
    person = Person(**{"name": "Farah Khan", "role": Role.CARER, **details})
    with pytest.raises(ValidationError) as caught:
        store.people.save(person)
    assert set(caught.value.problems) == {field}
    assert store.people.count() == 0
    assert store.db.execute("SELECT count(*) FROM people").fetchone()[0] == 0


def test_a_refused_change_leaves_the_person_as_they_were(
    store: Store, add_person: Callable[..., Person]
) -> None:
    person = add_person("Farah Khan", email="farah@example.org")
    assert person.id is not None
    person.email = "farah-at-example"
    with pytest.raises(ValidationError):
        store.people.save(person)
    assert store.people.get(person.id).email == "farah@example.org"


def test_add_many_writes_all_or_nothing(store: Store) -> None:
    people = [
        Person(name="Ann", role=Role.CARER),
        Person(name="Ben", role=Role.STAFF, email="ben@"),
    ]
    with pytest.raises(ValidationError) as caught:
        store.people.add_many(people)
    assert set(caught.value.problems) == {"email"}
    assert store.people.count() == 0

    store.people.add_many([people[0], Person(name="Ben", role=Role.STAFF)])
    assert names(list(store.people.all())) == ["Ann", "Ben"]


def test_a_person_who_is_not_there(store: Store) -> None:
    with pytest.raises(NotFound) as caught:
        store.people.get(404)
    assert str(caught.value) == "That person is no longer in the people bank."


def test_changing_a_person_who_has_gone(store: Store) -> None:
    with pytest.raises(NotFound):
        store.people.save(Person(name="Ghost", role=Role.OTHER, id=404))
    assert store.people.count() == 0


def test_many_keeps_the_order_asked_for(store: Store, add_person: Callable[..., Person]) -> None:
    ann, ben, cat = add_person("Ann"), add_person("Ben"), add_person("Cat")
    assert names(store.people.many([cat.id, ann.id, 404, ben.id])) == ["Cat", "Ann", "Ben"]
    assert store.people.many([]) == []


# --- finding ---------------------------------------------------------------


@pytest.fixture
def bank(add_person: Callable[..., Person]) -> dict[str, Person]:
    return {
        "bernie": add_person(
            "Bernadette Okafor",
            preferred_name="Bernie",
            organisation="Carers' Centre",
            email="b.okafor@example.org",
            phone="07700 900123",
            role=Role.CARER,
        ),
        "kwame": add_person(
            "Kwame Mensah",
            organisation="Adult Social Care",
            email="kwame.mensah@example.org",
            phone="0115 496 0456",
            role=Role.STAFF,
        ),
        "amira": add_person(
            "amira Begum",
            organisation="Our Voice",
            phone="+44 7700 900789",
        ),
        "eileen": add_person("Eileen Shaw", organisation="Carers' Centre"),
    }


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("", ["amira Begum", "Bernadette Okafor", "Eileen Shaw", "Kwame Mensah"]),
        ("okafor", ["Bernadette Okafor"]),
        ("BERNA", ["Bernadette Okafor"]),
        ("bernie", ["Bernadette Okafor"]),
        ("social care", ["Kwame Mensah"]),
        ("carers", ["Bernadette Okafor", "Eileen Shaw"]),
        ("kwame.mensah@example", ["Kwame Mensah"]),
        ("example.org", ["Bernadette Okafor", "Kwame Mensah"]),
        ("07700900123", ["Bernadette Okafor"]),
        ("07700 900123", ["Bernadette Okafor"]),
        ("900123", ["Bernadette Okafor"]),
        ("+447700900123", ["Bernadette Okafor"]),
        ("01154960456", ["Kwame Mensah"]),
        ("0115", ["Kwame Mensah"]),
        ("07700900789", ["amira Begum"]),
        ("07700", ["amira Begum", "Bernadette Okafor"]),
    ],
)
def test_search_finds_by_name_organisation_email_or_phone(
    store: Store, bank: dict[str, Person], typed: str, found: list[str]
) -> None:
    assert names(store.people.search(typed)) == found
    assert store.people.count(typed) == len(found)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("carers eileen", ["Eileen Shaw"]),
        ("eileen carers", ["Eileen Shaw"]),
        ("  Carers   Bernie  ", ["Bernadette Okafor"]),
        ("carers kwame", []),
        ("our voice amira", ["amira Begum"]),
    ],
)
def test_search_needs_every_word_typed(
    store: Store, bank: dict[str, Person], typed: str, found: list[str]
) -> None:
    assert names(store.people.search(typed)) == found
    assert store.people.count(typed) == len(found)


@pytest.mark.parametrize("typed", ["%", "_", "\\", "zz", '"', "a%e"])
def test_search_treats_what_is_typed_as_plain_text(
    store: Store, bank: dict[str, Person], typed: str
) -> None:
    assert store.people.search(typed) == []
    assert store.people.count(typed) == 0


def test_search_finds_a_percent_sign_when_it_is_there(
    store: Store, add_person: Callable[..., Person]
) -> None:
    add_person("Sam Hall", organisation="The 100% Club")
    add_person("Sam Reid", organisation="The 100 Club")
    assert names(store.people.search("100%")) == ["Sam Hall"]


def test_search_results_are_in_name_order_and_can_be_limited(
    store: Store, bank: dict[str, Person]
) -> None:
    assert names(store.people.search(limit=2)) == ["amira Begum", "Bernadette Okafor"]


def test_count_is_everyone_without_a_search(store: Store, bank: dict[str, Person]) -> None:
    assert store.people.count() == 4
    assert store.has_data()


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("+44 7700 900789", ["amira Begum"]),
        ("07700-900-123", ["Bernadette Okafor"]),
        ("(0115) 496 0456", ["Kwame Mensah"]),
    ],
)
def test_search_finds_a_phone_number_typed_as_it_is_written(
    store: Store, bank: dict[str, Person], typed: str, found: list[str]
) -> None:
    assert names(store.people.search(typed)) == found
