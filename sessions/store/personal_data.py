"""Everything held on one person, found and erased: the queries behind subject access,
erasure and retention (sessions.subject_access, sessions.erasure, sessions.retention).

A person's row is never deleted (claims and counts depend on it): erasing blanks it.
Text that names them elsewhere (a note's speaker, an action's owner, a claim's audit
entry) is found by their name, since those fields are free text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sessions.models import (
    AttendanceStatus,
    CommunicationPreference,
    PaymentPreference,
    Person,
)
from sessions.store.base import Repository, utc_moment, utc_now

SKIPPED_COLUMNS = frozenset(
    {
        "uid",
        "created_at",
        "updated_at",
        "key",
        "role",
        "status",
        "kind",
        "consent",
        "communication",
        "payment",
        "choice",
        "venue_payment",
        "vehicle",
        "source",
        "placed",
    }
)
"""Columns that hold codes and stamps, never words someone typed: left out of a sweep."""
SKIPPED_TABLES = frozenset({"people", "_sqlite_migrations"})
"""The people table is changed row by row (another person may share the name)."""


def same_name(a: str, b: str) -> bool:
    """Names equal apart from case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def name_pattern(name: str) -> re.Pattern[str]:
    """Whole-word occurrences of a name, in any case and however it is spaced."""
    words = [re.escape(word) for word in name.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class AttendanceRecord:
    """One session a person was on, with how it went."""

    session_id: int
    title: str
    date: dt.date
    start: str
    end: str
    venue: str
    status: AttendanceStatus
    booked_at: dt.datetime | None
    arrived_at: dt.datetime | None
    left_at: dt.datetime | None
    follow_up_note: str


@dataclass(frozen=True)
class GroupPlace:
    """A breakout group a person was put in."""

    session_id: int
    title: str
    date: dt.date
    round_number: int
    group: str
    place: str


@dataclass(frozen=True)
class NamedRow:
    """A row whose text field names someone: where it is, and what it says."""

    table: str
    row_id: int
    text: str


class PersonalDataRepository(Repository):
    # --- reading what is held ---

    def attendance_of(self, person_id: int) -> list[AttendanceRecord]:
        """Every session this person was booked on or came to, oldest first."""
        rows = self.db.query(
            """SELECT a.*, s.title, s.date, s.start_time, s.end_time, s.venue
            FROM attendance a JOIN sessions s ON s.id = a.session_id
            WHERE a.person_id = ? ORDER BY s.date, s.start_time, s.id""",
            [person_id],
        )
        return [
            AttendanceRecord(
                session_id=row["session_id"],
                title=row["title"],
                date=dt.date.fromisoformat(row["date"]),
                start=row["start_time"],
                end=row["end_time"],
                venue=row["venue"],
                status=AttendanceStatus(row["status"]),
                booked_at=utc_moment(row["booked_at"]),
                arrived_at=utc_moment(row["arrived_at"]),
                left_at=utc_moment(row["left_at"]),
                follow_up_note=row["follow_up_note"] if row["follow_up"] else "",
            )
            for row in rows
        ]

    def groups_of(self, person_id: int) -> list[GroupPlace]:
        """Every breakout group this person was put in, oldest session first."""
        rows = self.db.query(
            """SELECT s.id AS session_id, s.title, s.date, r.number, g.name, g.place
            FROM breakout_members m
            JOIN breakout_groups g ON g.id = m.group_id
            JOIN breakout_rounds r ON r.id = m.round_id
            JOIN sessions s ON s.id = r.session_id
            WHERE m.person_id = ? ORDER BY s.date, s.start_time, r.number""",
            [person_id],
        )
        return [
            GroupPlace(
                session_id=row["session_id"],
                title=row["title"],
                date=dt.date.fromisoformat(row["date"]),
                round_number=row["number"],
                group=row["name"],
                place=row["place"],
            )
            for row in rows
        ]

    def co_chaired(self, person_id: int) -> list[int]:
        """The sessions this person co-chairs."""
        rows = self.db.execute(
            "SELECT session_id FROM session_co_chairs WHERE person_id = ? ORDER BY session_id",
            [person_id],
        )
        return [row[0] for row in rows]

    def named_in(self, table: str, column: str, names: Collection[str]) -> list[NamedRow]:
        """Rows whose `column` is one of `names` (ignoring case and spacing)."""
        wanted = {" ".join(name.split()).casefold() for name in names if name.strip()}
        if not wanted:
            return []
        rows = self.db.execute(f"SELECT id, {column} FROM {table} WHERE {column} != '' ORDER BY id")
        return [
            NamedRow(table, row_id, text)
            for row_id, text in rows
            if " ".join(text.split()).casefold() in wanted
        ]

    def same_name_count(self, name: str, *, excluding: int) -> int:
        """How many other people in the bank have this name."""
        rows = self.db.execute("SELECT id, name FROM people WHERE id != ?", [excluding])
        return sum(1 for _, other in rows if same_name(other, name))

    def names_of(self, person: Person) -> set[str]:
        """The ways a speaker or owner field may name this person: full name, preferred
        name, the two together, and their first name when nobody else goes by it."""
        assert person.id is not None
        names = {person.name, person.preferred_name, person.display_name}
        first = person.name.split()[0] if person.name.split() else ""
        if first and first.casefold() not in self.first_names(excluding=person.id):
            names.add(first)
        return {name for name in names if name.strip()}

    def added_at(self, person_id: int) -> dt.datetime | None:
        """When this person was added to the people bank."""
        row = self.db.execute("SELECT created_at FROM people WHERE id = ?", [person_id]).fetchone()
        return utc_moment(row[0]) if row else None

    def first_names(self, *, excluding: int) -> set[str]:
        """The first word of everyone else's name and their preferred names, folded."""
        rows = self.db.execute("SELECT name, preferred_name FROM people WHERE id != ?", [excluding])
        found: set[str] = set()
        for name, preferred in rows:
            for text in (name, preferred):
                if text.split():
                    found.add(text.split()[0].casefold())
        return found

    # --- erasing ---

    def blank_person(self, person_id: int, name: str) -> None:
        """Every personal field emptied; the id, role and timestamps stay."""
        self.update_row(
            "people",
            person_id,
            {
                "name": name,
                "preferred_name": "",
                "pronouns": "",
                "organisation": "",
                "email": "",
                "phone": "",
                "phone_digits": "",
                "address": "",
                "contact_consent": 0,
                "access_needs": "",
                "communication": CommunicationPreference.NOT_ASKED.value,
                "payment": PaymentPreference.NOT_ASKED.value,
                "needs_step_free": 0,
                "needs_hearing_loop": 0,
            },
        )

    def clear_contact(self, person_ids: Iterable[int]) -> int:
        """Contact details and access needs emptied; name, role and the rest stay."""
        changed = 0
        for person_id in person_ids:
            cursor = self.db.execute(
                """UPDATE people SET email = '', phone = '', phone_digits = '', address = '',
                    contact_consent = 0, communication = ?, access_needs = '',
                    needs_step_free = 0, needs_hearing_loop = 0, updated_at = ?
                WHERE id = ?""",
                [CommunicationPreference.NOT_ASKED.value, utc_now(), person_id],
            )
            changed += cursor.rowcount
        return changed

    def unlink(self, person_id: int) -> dict[str, int]:
        """Who comes with them, who they sit with or apart from, and what they co-chair:
        every link to other people removed. Returns how many of each went."""
        removed = {}
        for table, first, second in (
            ("companions", "person_id", "companion_id"),
            ("person_pairs", "person_id", "other_id"),
        ):
            cursor = self.db.execute(
                f"DELETE FROM {table} WHERE {first} = ? OR {second} = ?",
                [person_id, person_id],
            )
            removed[table] = cursor.rowcount
        cursor = self.db.execute("DELETE FROM session_co_chairs WHERE person_id = ?", [person_id])
        removed["session_co_chairs"] = cursor.rowcount
        return removed

    def clear_follow_ups(self, person_id: int) -> int:
        """The private notes for a call after a session, about this person."""
        cursor = self.db.execute(
            """UPDATE attendance SET follow_up = 0, follow_up_note = '', updated_at = ?
            WHERE person_id = ? AND (follow_up != 0 OR follow_up_note != '')""",
            [utc_now(), person_id],
        )
        return cursor.rowcount

    def set_text(self, table: str, column: str, row_ids: Iterable[int], value: str) -> int:
        changed = 0
        for row_id in row_ids:
            cursor = self.db.execute(
                f"UPDATE {table} SET {column} = ?, updated_at = ? WHERE id = ?",
                [value, utc_now(), row_id],
            )
            changed += cursor.rowcount
        return changed

    def set_consent(self, note_ids: Iterable[int], consent: str) -> None:
        for note_id in note_ids:
            self.db.execute("UPDATE notes SET consent = ? WHERE id = ?", [consent, note_id])

    def text_columns(self) -> list[tuple[str, str]]:
        """(table, column) for every column of words in the file, people left out."""
        found = []
        tables = self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        for (table,) in list(tables):
            if table in SKIPPED_TABLES:
                continue
            for column in self.db.execute(f"PRAGMA table_info({table})"):
                name, declared = column[1], str(column[2]).upper()
                if "TEXT" in declared and name not in SKIPPED_COLUMNS:
                    found.append((table, name))
        return found

    def sweep(self, replace: Callable[[str], str]) -> int:
        """Run `replace` over every column of words, keeping what it changes; returns
        how many values changed. Done inside SQLite, one UPDATE a column."""
        changed = 0
        cache: dict[str, str] = {}

        def replaced(value: Any) -> Any:
            if not isinstance(value, str):
                return value
            if value not in cache:
                cache[value] = replace(value)
            return cache[value]

        def differs(value: Any) -> int:
            return int(isinstance(value, str) and replaced(value) != value)

        self.db.conn.create_function("facilitator_erased", 1, replaced, deterministic=True)
        self.db.conn.create_function("facilitator_names", 1, differs, deterministic=True)
        try:
            for table, column in self.text_columns():
                cursor = self.db.execute(
                    f"UPDATE {table} SET {column} = facilitator_erased({column})"
                    f" WHERE facilitator_names({column})"
                )
                changed += max(cursor.rowcount, 0)
        finally:
            self.db.conn.create_function("facilitator_erased", 1, None)
            self.db.conn.create_function("facilitator_names", 1, None)
        return changed

    def record(self, who: str, action: str, details: str, at: dt.datetime) -> None:
        """An entry in the audit log that is about no claim."""
        self.insert_row(
            "audit_log",
            {
                "at": at.astimezone(dt.UTC).isoformat(timespec="seconds"),
                "who": who,
                "claim_id": None,
                "action": action,
                "details": details,
            },
        )

    def wipe_free_space(self) -> bool:
        """Rebuild the file so erased words are gone from its bytes, and empty the
        write-ahead log. False if another connection kept the log from being emptied."""
        if self.db.conn.in_transaction:
            self.db.conn.commit()
        self.db.execute("VACUUM")
        busy, _, _ = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not busy

    # --- retention ---

    def not_seen_since(self, cutoff: dt.date) -> list[tuple[int, str, dt.date | None]]:
        """People added before `cutoff` who are on no session dated on or after it, and
        who still have contact details or access needs: (id, name, last session date)."""
        rows = self.db.execute(
            """SELECT p.id, p.name,
                (SELECT max(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id
                 WHERE a.person_id = p.id) AS last_seen
            FROM people p
            WHERE substr(p.created_at, 1, 10) < :cutoff
              AND NOT EXISTS (
                SELECT 1 FROM attendance a JOIN sessions s ON s.id = a.session_id
                WHERE a.person_id = p.id AND s.date >= :cutoff)
              AND (p.email != '' OR p.phone != '' OR p.phone_digits != '' OR p.address != ''
                OR p.access_needs != '' OR p.needs_step_free OR p.needs_hearing_loop
                OR p.contact_consent OR p.communication != :not_asked)
            ORDER BY p.name COLLATE NOCASE, p.id""",
            {"cutoff": cutoff.isoformat(), "not_asked": CommunicationPreference.NOT_ASKED.value},
        )
        return [(row[0], row[1], dt.date.fromisoformat(row[2]) if row[2] else None) for row in rows]
