"""Subject access: everything held on one person, in plain words (Word) and as JSON,
read back from the files."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import docx
import pytest
from privacy_examples import (
    ACCESS_NEEDS,
    ADDRESS,
    EMAIL,
    FOLLOW_UP,
    NAME,
    PHONE,
    PREFERRED,
    Example,
    add_sian,
)

from exports.subject_access import (
    JSON_FORMAT,
    paths_for,
    subject_access_name,
    write_subject_access,
)
from sessions.erasure import ERASED_NAME, erase_person
from sessions.errors import FacilitatorError
from sessions.models import Person, Role
from sessions.store import Store
from sessions.subject_access import find_person, gather
from tests.exports.docx_checks import (
    all_text,
    assert_accessible,
    every_table,
    headings,
    table_rows,
)

ORGANISATION = "Thurrock Co-production Team"
GATHERED = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def sian(store: Store) -> Example:
    return add_sian(store)


def written(store: Store, sian: Example, tmp_path: Path) -> tuple[docx.document.Document, dict]:  # type: ignore[type-arg]
    held = gather(store, sian.person_id, now=lambda: GATHERED)
    files = write_subject_access(held, ORGANISATION, tmp_path / "out" / "sian.docx")
    assert files.document == tmp_path / "out" / "sian.docx"
    assert files.data == tmp_path / "out" / "sian.json"
    return docx.Document(str(files.document)), json.loads(files.data.read_text("utf-8"))


def rows_of(doc: docx.document.Document, header: str) -> list[list[str]]:
    """The rows of the table with `header` among its column headings."""
    for table in every_table(doc):
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        if header in cells[0]:
            return cells[1:]
    raise AssertionError(f"no table has a {header!r} column")


def test_the_document_is_accessible_and_in_plain_words(
    store: Store, sian: Example, tmp_path: Path
) -> None:
    doc, _ = written(store, sian, tmp_path)
    title = f"What we hold about {PREFERRED} ({NAME})"
    assert_accessible(doc, title, organisation=ORGANISATION)
    assert [text for level, text in headings(doc) if level == 2] == [
        "Your details",
        "Sessions",
        "Breakout groups",
        "What you said that we wrote down",
        "Actions with your name on",
        "Claims and payments",
        "People linked with you",
    ]
    text = all_text(doc)
    assert "If anything here is wrong, tell us" in text
    for word in ("uid", "person_id", "None", "null"):
        assert word not in text.split()


def test_it_holds_everything_about_her(store: Store, sian: Example, tmp_path: Path) -> None:
    doc, _ = written(store, sian, tmp_path)
    details = dict(map(tuple, table_rows(doc, "What")))  # type: ignore[arg-type]
    assert details["Name"] == NAME
    assert details["Name you like to be called"] == PREFERRED
    assert details["Email"] == EMAIL
    assert details["Phone"] == PHONE
    assert details["Address"] == ADDRESS
    assert details["Access needs"] == ACCESS_NEEDS
    assert details["What a room needs for you"] == "Step-free access"
    assert details["We may contact you"] == "Yes"
    assert details["How you like to hear from us"] == "Email"

    sessions = table_rows(doc, "Session")
    assert sessions[0][:3] == ["Carers Implementation Group", "Wed 14 Oct 2026", "Left early"]
    assert "arrived at 10:25" in sessions[0][3] and "left at 11:40" in sessions[0][3]
    text = all_text(doc)
    assert FOLLOW_UP in text, "their own follow-up note is data about them"
    assert "Carers Implementation Group, Wed 14 Oct 2026" in text  # co-chaired
    assert rows_of(doc, "Round") == [
        ["Carers Implementation Group", "Wed 14 Oct 2026", "1", "Blue table", "By the window"]
    ]
    assert [row[2:] for row in rows_of(doc, "May we quote it")] == [
        ["The letters make me feel like a number.", "Yes, with your name"],
        ["Nobody told us about the carers' break.", "Yes, without your name"],
    ]
    assert "Nobody told us about the carers' break." in text  # quoted by her preferred name
    assert "said the bus stop is too far" not in text, "a note about her, not by her"
    assert "Ask the council to move the bus stop" in text
    assert f"Claim C{sian.claim_id:04d}: Carers Implementation Group, Wed 14 Oct 2026" in text
    assert "Bus both ways" in text and "£7.40" in text
    assert "Yes, Ticket 88" in text
    assert "started" in text and "approved" in text  # the claim's history
    assert "six years" in text
    assert "Kwame Mensah-Ode" in text and "Comes with you as your interpreter" in text
    assert "Dorothy Pilbeam" in text and "Kept in a different breakout group from you" in text


def test_the_json_holds_the_same_facts(store: Store, sian: Example, tmp_path: Path) -> None:
    _, data = written(store, sian, tmp_path)
    assert data["format"] == JSON_FORMAT
    assert data["gathered_at"] == "2026-11-23T10:00:00+00:00"
    person = data["person"]
    assert (person["number"], person["name"], person["email"]) == (sian.person_id, NAME, EMAIL)
    assert person["access_needs"] == ACCESS_NEEDS
    assert person["needs_of_a_room"] == ["step-free access"]
    (session,) = data["sessions"]
    assert session["status"] == "Left early"
    assert session["arrived_at"] == "2026-10-14T09:25:00+00:00"
    assert session["follow_up_note"] == FOLLOW_UP
    assert [n["text"] for n in data["notes"]] == [
        "The letters make me feel like a number.",
        "Nobody told us about the carers' break.",
    ]
    assert [a["what"] for a in data["actions"]] == ["Ask the council to move the bus stop"]
    (claim,) = data["claims"]
    assert claim["number"] == f"C{sian.claim_id:04d}"
    assert (claim["expenses_pence"], claim["status"]) == (740, "Paid")
    assert claim["total_pence"] == claim["expenses_pence"] + claim["involvement_pence"]
    assert [line["amount_pence"] for line in claim["lines"]] == [740]
    assert [h["action"] for h in claim["history"]][:2] == ["started", "line added"]
    assert data["companions"] == [
        {"person": "Kwame Mensah-Ode", "relation": "Interpreter", "comes_with_you": True}
    ]
    assert data["breakout_wishes"] == [{"person": "Dorothy Pilbeam", "wish": "Keep apart"}]
    assert data["breakout_groups"][0]["group"] == "Blue table"


def test_the_files_are_private_and_written_whole(
    store: Store, sian: Example, tmp_path: Path
) -> None:
    written(store, sian, tmp_path)
    folder = tmp_path / "out"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["sian.docx", "sian.json"]


def test_names_for_the_two_files() -> None:
    for typed in ("x/held.docx", "x/held.json", "x/held"):
        assert paths_for(Path(typed)) == (Path("x/held.docx"), Path("x/held.json"))
    assert paths_for(Path("held.v2")) == (Path("held.v2.docx"), Path("held.v2.json"))


def test_the_default_name_says_who_and_when(store: Store, sian: Example) -> None:
    held = gather(store, sian.person_id, now=lambda: GATHERED)
    assert subject_access_name(held) == (
        f"what-we-hold-{sian.person_id}-Sian-Quorndon-Vasquez-2026-11-23.docx"
    )


def test_someone_with_nothing_else_held_gets_plain_sentences(store: Store, tmp_path: Path) -> None:
    alone = store.people.save(Person(name="Ola Nowak", role=Role.STAFF))
    assert alone.id is not None
    held = gather(store, alone.id, now=lambda: GATHERED)
    files = write_subject_access(held, ORGANISATION, tmp_path / "ola")
    doc = docx.Document(str(files.document))
    assert_accessible(doc, "What we hold about Ola Nowak", organisation=ORGANISATION)
    text = all_text(doc)
    assert "You have not been booked on any session." in text
    assert "You have made no claims" in text
    assert "We hold no links between you and other people." in text
    assert "Nothing held" in text


def test_after_erasure_only_the_counts_and_claims_are_held(
    store: Store, sian: Example, tmp_path: Path
) -> None:
    erase_person(store, sian.person_id)
    _, data = written(store, sian, tmp_path)
    assert data["person"]["name"] == ERASED_NAME
    assert data["person"]["email"] == "" and data["person"]["access_needs"] == ""
    assert data["notes"] == [] and data["actions"] == [] and data["companions"] == []
    assert [c["number"] for c in data["claims"]] == [f"C{sian.claim_id:04d}"]
    assert NAME not in json.dumps(data, ensure_ascii=False)


def test_finding_a_person_by_number_or_name(store: Store, sian: Example) -> None:
    assert find_person(store, str(sian.person_id)).name == NAME
    assert find_person(store, "quorndon").name == NAME
    assert find_person(store, NAME.lower()).name == NAME
    with pytest.raises(FacilitatorError, match="Nobody in the people bank has the number 999"):
        find_person(store, "999")
    with pytest.raises(FacilitatorError, match="Nobody in the people bank matches “Zebedee”"):
        find_person(store, "Zebedee")
    store.people.save(Person(name="Dorothy Pilbeam-Hart", role=Role.CARER))
    with pytest.raises(FacilitatorError) as found:
        find_person(store, "pilbeam")
    assert "2 people match “pilbeam”. Give their number instead:" in str(found.value)
    assert find_person(store, "Dorothy Pilbeam").name == "Dorothy Pilbeam", "exact name wins"
