"""Erasing a person: their details go, from the screens and from the file's bytes; the
counts and the payment records stay."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from privacy_examples import (
    ACCESS_NEEDS,
    NAME,
    PREFERRED,
    SECRETS,
    STAFF,
    Example,
    add_sian,
)

from sessions.claiming import Claims
from sessions.erasure import (
    ERASED_ACTION,
    ERASED_MARK,
    ERASED_NAME,
    already_erased_words,
    erase_person,
    is_erased,
    plan_erasure,
    require_not_erased,
    wipe_file,
)
from sessions.errors import FacilitatorError
from sessions.models import (
    CommunicationPreference,
    Note,
    NoteKind,
    PaymentPreference,
    Person,
    QuoteConsent,
    Role,
)
from sessions.store import Store
from sessions.store.claims import ClaimFilter
from sessions.store.personal_data import PersonalDataRepository
from sessions.store.settings import CONTACT_DETAILS


@pytest.fixture
def sian(demo_store: Store) -> Example:
    return add_sian(demo_store)


def raw_bytes(path: Path) -> bytes:
    """The data file and its write-ahead log, as they are on disk."""
    return b"".join(
        candidate.read_bytes()
        for candidate in (path, path.with_name(path.name + "-wal"))
        if candidate.exists()
    )


def test_before_erasing_her_name_is_in_the_file(store: Store, sian: Example) -> None:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert NAME.encode() in raw_bytes(store.path), "the test would prove nothing otherwise"


def test_nothing_of_her_is_left_in_the_file_after_erasing(store: Store, sian: Example) -> None:
    done = erase_person(store, sian.person_id)

    assert done.wiped
    on_disk = raw_bytes(store.path)
    for secret in SECRETS:
        assert secret.encode("utf-8") not in on_disk, secret
    escaped = json.dumps(NAME)[1:-1]
    assert escaped.encode() not in on_disk, "the JSON-escaped name in settings is gone too"
    assert b"Quorndon" not in on_disk
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert list(store.db.execute("PRAGMA foreign_key_check")) == []


def test_her_row_is_kept_blank_with_her_role(store: Store, sian: Example) -> None:
    people_before = store.people.count()
    erase_person(store, sian.person_id)

    erased = store.people.get(sian.person_id)
    assert erased == Person(
        name=ERASED_NAME,
        role=Role.CARER,
        communication=CommunicationPreference.NOT_ASKED,
        payment=PaymentPreference.NOT_ASKED,
        id=sian.person_id,
        uid=erased.uid,
    )
    assert is_erased(erased)
    assert store.people.count() == people_before


def test_counts_and_groups_stay_true(store: Store, sian: Example) -> None:
    records_before = store.attendance.for_session(sian.session_id)
    groups_before = store.breakouts.rounds(sian.session_id)
    erase_person(store, sian.person_id)

    records = store.attendance.for_session(sian.session_id)
    assert [(r.person_id, r.status, r.arrived_at) for r in records] == [
        (r.person_id, r.status, r.arrived_at) for r in records_before
    ]
    mine = next(r for r in records if r.person_id == sian.person_id)
    assert (mine.follow_up, mine.follow_up_note) == (False, "")
    assert [
        [m.person_id for m in g.members] for g in store.breakouts.rounds(sian.session_id)[0].groups
    ] == [[m.person_id for m in g.members] for g in groups_before[0].groups]
    blue = store.breakouts.rounds(sian.session_id)[0].groups[0]
    assert blue.facilitator == "", "she facilitated it by name"


def test_claims_and_their_lines_are_kept_whole(store: Store, sian: Example) -> None:
    claims = Claims(store)
    before = claims.view(sian.claim_id)
    listing_before = claims.listing().totals
    erase_person(store, sian.person_id)

    after = claims.view(sian.claim_id)
    assert after.claim == before.claim
    assert after.lines == before.lines
    assert after.totals == before.totals
    assert claims.listing().totals == listing_before
    assert after.person.name == ERASED_NAME
    rows = store.claims.listing(ClaimFilter(person_id=sian.person_id))
    assert [row.person_name for row in rows] == [ERASED_NAME]
    # The claim's history stays, without her name in it.
    assert [entry.action for entry in after.audit] == [entry.action for entry in before.audit]
    started = after.audit[0]
    assert NAME in before.audit[0].details
    assert started.details.startswith(f"for {ERASED_MARK} at Carers Implementation Group")
    assert all(entry.who == STAFF for entry in after.audit)


def test_links_to_other_people_go(store: Store, sian: Example) -> None:
    erase_person(store, sian.person_id)

    assert store.companions.of(sian.person_id) == []
    assert store.companions.of(sian.interpreter_id) == []
    assert store.pairs.of(sian.person_id) == {}
    assert store.sessions.get(sian.session_id).co_chair_ids == []
    # The others themselves are untouched.
    assert store.people.get(sian.interpreter_id).name == "Kwame Mensah-Ode"


def test_her_quotes_lose_her_name_and_are_no_longer_published(store: Store, sian: Example) -> None:
    erase_person(store, sian.person_id)

    for note_id in (sian.quote_id, sian.preferred_quote_id):
        (note,) = store.notes.many([note_id])
        assert note.speaker == ""
        assert note.consent is QuoteConsent.NOT_FOR_PUBLICATION
        assert note.text  # what was heard is kept
    (mention,) = store.notes.many([sian.mention_id])
    assert mention.text == f"{ERASED_MARK} said the bus stop is too far from the door."


def test_actions_and_other_text_lose_her_name(store: Store, sian: Example) -> None:
    erase_person(store, sian.person_id)

    action = store.actions.get(sian.action_id)
    assert action.owner == ""
    assert action.outcome == f"Letter sent; {ERASED_MARK} to check it reads well."
    assert store.agenda.items(sian.session_id)[0].lead == ""
    other = store.attendance.get(sian.session_id, sian.other_id)
    assert other is not None and other.follow_up_note == f"Sat next to {ERASED_MARK}; ask how"
    assert store.settings.get(CONTACT_DETAILS) == (
        f"Ask for {ERASED_MARK} or ring the team on 0115 496 0000."
    )


def test_the_audit_log_records_the_erasure_without_her_details(store: Store, sian: Example) -> None:
    erase_person(store, sian.person_id)

    rows = list(store.db.query("SELECT * FROM audit_log WHERE action = ?", [ERASED_ACTION]))
    assert len(rows) == 1
    assert rows[0]["claim_id"] is None
    assert rows[0]["details"] == f"person {sian.person_id}"
    assert rows[0]["who"] == STAFF


def test_the_plan_says_what_goes_what_stays_and_why(store: Store, sian: Example) -> None:
    plan = plan_erasure(store, sian.person_id)

    assert plan.title == f"Erase {PREFERRED} ({NAME})?"
    words = plan.consequence()
    assert "access needs" in plan.erased_words()
    assert words == (
        "Removed for good: their name, contact details, access needs and preferences, and "
        "2 links to other people. 2 notes lose them as the speaker and will not be "
        "published. 1 action loses them as owner. Their full name in other notes and "
        f"records becomes {ERASED_MARK}.\n\n"
        f"Kept as “{ERASED_NAME}”, with their role: their place in the counts of 1 session "
        f"and 1 breakout group, and claim C{sian.claim_id:04d} with the payments, because "
        "payment records must be kept for six years after the financial year ends.\n\n"
        "This cannot be undone. Backups and files exported before now still hold their "
        "details."
    )
    assert ACCESS_NEEDS not in words


def test_erasing_twice_is_noticed(store: Store, sian: Example) -> None:
    erase_person(store, sian.person_id)
    plan = plan_erasure(store, sian.person_id)
    assert plan.already_erased
    assert already_erased_words(plan, wiped=wipe_file(store)) == (
        f"Person {sian.person_id} has already been erased: nothing personal is held on them "
        "now, only their place in counts and their claims. The data file has been rebuilt, "
        "so nothing of them is left on disk."
    )
    with pytest.raises(FacilitatorError, match="already been erased"):
        require_not_erased(plan)


def test_a_file_that_cannot_be_rebuilt_keeps_the_erasure_and_says_so(
    store: Store, sian: Example, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: object) -> bool:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(PersonalDataRepository, "wipe_free_space", full)
    done = erase_person(store, sian.person_id)
    assert not done.wiped
    assert store.people.get(sian.person_id).name == ERASED_NAME
    assert "could not be rebuilt" in done.words()


def test_someone_else_with_the_same_name_keeps_theirs(store: Store, sian: Example) -> None:
    namesake = store.people.save(Person(name=NAME, role=Role.STAFF, email="other@example.org"))
    plan = plan_erasure(store, sian.person_id)
    assert plan.others_named_alike == 1
    assert "same name" in plan.erased_words()

    erase_person(store, sian.person_id)

    kept = store.people.get(namesake.id or 0)
    assert (kept.name, kept.email) == (NAME, "other@example.org")
    (mention,) = store.notes.many([sian.mention_id])
    assert NAME in mention.text, "a mention may be of the other person, so it stays"


def test_a_speaker_named_by_first_name_alone_is_found_when_nobody_else_has_it(
    store: Store, sian: Example
) -> None:
    first = store.notes.save(
        Note(
            sian.session_id,
            "Too many forms.",
            NoteKind.QUOTE,
            consent=QuoteConsent.NAMED,
            speaker="Siân",
        )
    )
    assert first is not None and first.id is not None
    erase_person(store, sian.person_id)
    (note,) = store.notes.many([first.id])
    assert note.speaker == ""


def test_a_first_name_shared_with_someone_else_is_left(store: Store, sian: Example) -> None:
    store.people.save(Person(name="Siân Evans", role=Role.CARER))
    other = store.notes.save(
        Note(
            sian.session_id,
            "Ask about parking.",
            NoteKind.QUOTE,
            consent=QuoteConsent.NAMED,
            speaker="Siân",
        )
    )
    assert other is not None and other.id is not None
    erase_person(store, sian.person_id)
    (note,) = store.notes.many([other.id])
    assert note.speaker == "Siân", "it may be Siân Evans who said it"


def test_the_write_ahead_log_is_emptied_even_with_another_reader(
    store: Store, sian: Example
) -> None:
    other = sqlite3.connect(store.path)
    try:
        other.execute("SELECT count(*) FROM people").fetchone()  # no transaction left open
        done = erase_person(store, sian.person_id)
        assert done.wiped
        wal = store.path.with_name(store.path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0
    finally:
        other.close()


def test_a_proposal_she_put_to_the_vote_loses_her_name_even_in_a_frozen_result(
    store: Store, sian: Example
) -> None:
    import datetime as dt

    from sessions.decide_models import DecisionRules, Option, VoteMethod

    def stored_words() -> str:
        return " ".join(
            str(value)
            for table in ("decision_rules", "decision_options", "decision_ballots")
            for row in store.db.execute(f"SELECT * FROM {table}")
            for value in row
        )

    decisions = store.decisions
    decisions.save_rules(sian.session_id, DecisionRules(VoteMethod.DOTS))
    decisions.save_option(sian.session_id, Option("A bench by the bus stop", proposed_by=NAME))
    decisions.freeze(sian.session_id, dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC))
    escaped = json.dumps(NAME)[1:-1]
    assert stored_words().count(NAME) + stored_words().count(escaped) >= 2  # option, result

    erase_person(store, sian.person_id)

    [option] = decisions.options(sian.session_id)
    assert option.proposed_by == ERASED_MARK
    assert NAME not in stored_words() and escaped not in stored_words()
