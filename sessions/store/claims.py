"""Claims, their expense lines, payment policy versions and the audit log.

Claims are never deleted: they are cancelled, rejected, or reversed by a correcting
claim. Every change to a claim is written to the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import re
import sqlite3
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sessions.claim_models import (
    AuditEntry,
    Claim,
    ClaimLine,
    ClaimStatus,
    ExpenseKind,
    PaymentChoice,
    Vehicle,
    VenuePayment,
)
from sessions.errors import NotFound
from sessions.payment_policy import Policy, policy_from_data, policy_to_data
from sessions.store.base import GONE, Repository, utc_moment, utc_now, utc_text


def claim_from_row(row: Mapping[str, Any]) -> Claim:
    return Claim(
        id=row["id"],
        uid=row["uid"],
        session_id=row["session_id"],
        person_id=row["person_id"],
        status=ClaimStatus(row["status"]),
        policy_version=row["policy_version"],
        started_on=dt.date.fromisoformat(row["started_on"]),
        minutes_there=row["minutes_there"],
        worked_out_pence=row["worked_out_pence"],
        involvement_pence=row["involvement_pence"],
        choice=PaymentChoice(row["choice"]),
        charity=row["charity"],
        amount_reason=row["amount_reason"],
        not_there_reason=row["not_there_reason"],
        override_reason=row["override_reason"],
        rejected_reason=row["rejected_reason"],
        cancelled_reason=row["cancelled_reason"],
        venue_payment=VenuePayment(row["venue_payment"]) if row["venue_payment"] else None,
        corrects_id=row["corrects_id"],
        reversed_by_id=row["reversed_by_id"],
        submitted_at=utc_moment(row["submitted_at"]),
        approved_at=utc_moment(row["approved_at"]),
        paid_at=utc_moment(row["paid_at"]),
    )


def claim_to_row(claim: Claim) -> dict[str, Any]:
    return {
        "session_id": claim.session_id,
        "person_id": claim.person_id,
        "status": claim.status.value,
        "policy_version": claim.policy_version,
        "started_on": (claim.started_on or dt.date.today()).isoformat(),
        "minutes_there": claim.minutes_there,
        "worked_out_pence": claim.worked_out_pence,
        "involvement_pence": claim.involvement_pence,
        "choice": claim.choice.value,
        "charity": claim.charity,
        "amount_reason": claim.amount_reason,
        "not_there_reason": claim.not_there_reason,
        "override_reason": claim.override_reason,
        "rejected_reason": claim.rejected_reason,
        "cancelled_reason": claim.cancelled_reason,
        "venue_payment": claim.venue_payment.value if claim.venue_payment else None,
        "corrects_id": claim.corrects_id,
        "submitted_at": utc_text(claim.submitted_at),
        "approved_at": utc_text(claim.approved_at),
        "paid_at": utc_text(claim.paid_at),
    }


def line_from_row(row: Mapping[str, Any]) -> ClaimLine:
    return ClaimLine(
        id=row["id"],
        claim_id=row["claim_id"],
        position=row["position"],
        kind=ExpenseKind(row["kind"]),
        description=row["description"],
        amount_pence=row["amount_pence"],
        miles_hundredths=row["miles_hundredths"],
        vehicle=Vehicle(row["vehicle"]) if row["vehicle"] else None,
        hours_hundredths=row["hours_hundredths"],
        why=row["why"],
        receipt_held=bool(row["receipt_held"]),
        receipt_ref=row["receipt_ref"],
    )


def line_to_row(line: ClaimLine) -> dict[str, Any]:
    return {
        "kind": line.kind.value,
        "description": line.description,
        "amount_pence": line.amount_pence,
        "miles_hundredths": line.miles_hundredths,
        "vehicle": line.vehicle.value if line.vehicle else None,
        "hours_hundredths": line.hours_hundredths,
        "why": line.why,
        "receipt_held": int(line.receipt_held),
        "receipt_ref": line.receipt_ref,
    }


_CLAIM_SQL = """
    SELECT c.*, r.id AS reversed_by_id
    FROM claims c LEFT JOIN claims r ON r.corrects_id = c.id
"""


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to list. Empty fields do not filter."""

    statuses: tuple[ClaimStatus, ...] = ()
    session_id: int | None = None
    person_id: int | None = None
    person_text: str = ""
    """Part of a person's name."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    """Session dates, inclusive."""


@dataclass(frozen=True)
class ClaimRow:
    """One claim as the claims list shows it."""

    claim: Claim
    person_name: str
    session_title: str
    session_date: dt.date
    expenses_pence: int
    lines: int


class CsvLine(NamedTuple):
    """One row of the finance CSV: a line of a claim, or its involvement payment.

    A named tuple rather than a frozen dataclass: one is made for every row of an
    export of tens of thousands, and a tuple is made four times as quickly."""

    claim_id: int
    person_name: str
    session_title: str
    session_date: dt.date
    status: ClaimStatus
    kind: ExpenseKind | None
    """None for the involvement payment."""
    description: str
    amount_pence: int
    receipt_held: bool
    receipt_ref: str
    miles_hundredths: int = 0
    vehicle: Vehicle | None = None
    hours_hundredths: int = 0
    why: str = ""
    claim: Claim | None = None
    """The claim the row belongs to, as `get` would give it."""


@dataclass(frozen=True)
class ClaimSums:
    """How many claims, and what those that count come to (see `sums`)."""

    claims: int
    expenses_pence: int
    involvement_pence: int


_EXPENSE_KINDS = {kind.value: kind for kind in ExpenseKind}
_VEHICLES = {vehicle.value: vehicle for vehicle in Vehicle}
_day = functools.lru_cache(maxsize=64)(dt.date.fromisoformat)
"""A session's date from its text: rows come by date, so the same few over and over."""


class ClaimRepository(Repository):
    # --- claims ---

    def get(self, claim_id: int) -> Claim:
        rows = list(self.db.query(_CLAIM_SQL + " WHERE c.id = ?", [claim_id]))
        if not rows:
            raise NotFound(GONE["claims"])
        return claim_from_row(rows[0])

    def insert(self, claim: Claim, lines: list[ClaimLine], audit: AuditEntry) -> int:
        """A new claim with its lines and its first audit entry, in one transaction."""
        with self.db.atomic():
            self.require("sessions", claim.session_id)
            self.require("people", claim.person_id)
            claim_id = self.insert_row("claims", claim_to_row(claim))
            for position, line in enumerate(lines, 1):
                self._insert_line(claim_id, position, line)
            self._audit(replace(audit, claim_id=claim_id))
        return claim_id

    def update(self, claim: Claim, audit: AuditEntry) -> None:
        assert claim.id is not None
        with self.db.atomic():
            self.update_row("claims", claim.id, claim_to_row(claim))
            self._audit(audit)

    def open_for(self, session_id: int, person_id: int) -> Claim | None:
        """The person's claim for the session that can still be changed, if any."""
        rows = list(
            self.db.query(
                _CLAIM_SQL + " WHERE c.session_id = ? AND c.person_id = ? AND c.status IN (?, ?)"
                " ORDER BY c.id DESC LIMIT 1",
                [session_id, person_id, ClaimStatus.DRAFT.value, ClaimStatus.SUBMITTED.value],
            )
        )
        return claim_from_row(rows[0]) if rows else None

    def of_session(self, session_id: int) -> list[Claim]:
        rows = self.db.query(_CLAIM_SQL + " WHERE c.session_id = ? ORDER BY c.id", [session_id])
        return [claim_from_row(row) for row in rows]

    def count_for_session(self, session_id: int) -> int:
        return self.db.execute(
            "SELECT count(*) FROM claims WHERE session_id = ?", [session_id]
        ).fetchone()[0]

    def listing(
        self,
        wanted: ClaimFilter,
        *,
        limit: int | None = None,
        offset: int = 0,
        only: Collection[int] | None = None,
    ) -> list[ClaimRow]:
        """The claims wanted, newest session first: all of them, or `limit` from
        `offset` (a page of the list), or only those of `only` that are wanted.

        The claims are chosen and put in order first, joining only what the filter
        needs, and only those chosen are read in full with their expenses."""
        where, params = self._where(wanted, only)
        page = ""
        if limit is not None:
            page = "LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self.db.query(
            f"""
            SELECT c.*, r.id AS reversed_by_id, p.name AS person_name, s.title AS session_title,
                s.date AS session_date,
                (SELECT coalesce(sum(amount_pence), 0) FROM claim_lines l
                    WHERE l.claim_id = c.id) AS expenses_pence,
                (SELECT count(*) FROM claim_lines l WHERE l.claim_id = c.id) AS line_count
            FROM (
                SELECT c.id FROM claims c
                JOIN sessions s ON s.id = c.session_id
                {where}
                ORDER BY s.date DESC, c.id DESC {page}
            ) chosen
            JOIN claims c ON c.id = chosen.id
            LEFT JOIN claims r ON r.corrects_id = c.id
            JOIN people p ON p.id = c.person_id
            JOIN sessions s ON s.id = c.session_id
            ORDER BY s.date DESC, c.id DESC
            """,
            params,
        )
        return [
            ClaimRow(
                claim=claim_from_row(row),
                person_name=row["person_name"],
                session_title=row["session_title"],
                session_date=dt.date.fromisoformat(row["session_date"]),
                expenses_pence=row["expenses_pence"],
                lines=row["line_count"],
            )
            for row in rows
        ]

    def count(self, wanted: ClaimFilter) -> int:
        """How many claims are wanted (of every status)."""
        where, params = self._where(wanted)
        return int(
            self.db.execute(
                f"SELECT count(*) FROM claims c {self._joins(wanted)} {where}", params
            ).fetchone()[0]
        )

    def position(self, wanted: ClaimFilter, claim_id: int) -> int | None:
        """How many wanted claims come before this one in `listing`'s order, or None
        when the claim is not wanted (or not there)."""
        where, params = self._where(wanted, [claim_id])
        found = self.db.execute(
            f"""
            SELECT s.date FROM claims c JOIN sessions s ON s.id = c.session_id {where}
            """,
            params,
        ).fetchone()
        if found is None:
            return None
        where, params = self._where(wanted)
        before = "(s.date > ? OR (s.date = ? AND c.id > ?))"
        where = f"{where} AND {before}" if where else f"WHERE {before}"
        return int(
            self.db.execute(
                f"""
                SELECT count(*) FROM claims c JOIN sessions s ON s.id = c.session_id {where}
                """,
                [*params, found[0], found[0], claim_id],
            ).fetchone()[0]
        )

    def sessions_claimed_for(self) -> list[tuple[int, dt.date, str]]:
        """Each session that has a claim: its number, date and title, newest first."""
        rows = self.db.execute(
            """
            SELECT s.id, s.date, s.title FROM sessions s
            WHERE EXISTS (SELECT 1 FROM claims c WHERE c.session_id = s.id)
            ORDER BY s.date DESC, s.id DESC
            """
        )
        return [(row[0], dt.date.fromisoformat(row[1]), row[2]) for row in rows]

    @staticmethod
    def _joins(wanted: ClaimFilter) -> str:
        """What a filter of claims needs joined: the session, for its dates. A join the
        filter does not need can lead SQLite to a slow plan (every claim read, then
        sorted)."""
        by_date = wanted.date_from is not None or wanted.date_to is not None
        return "JOIN sessions s ON s.id = c.session_id" if by_date else ""

    def _where(
        self, wanted: ClaimFilter, only: Collection[int] | None = None
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if only is not None:
            clauses.append(f"c.id IN ({', '.join('?' for _ in only)})")
            params += list(only)
        if wanted.statuses:
            clauses.append(f"c.status IN ({', '.join('?' for _ in wanted.statuses)})")
            params += [s.value for s in wanted.statuses]
        if wanted.session_id is not None:
            clauses.append("c.session_id = ?")
            params.append(wanted.session_id)
        if wanted.person_id is not None:
            clauses.append("c.person_id = ?")
            params.append(wanted.person_id)
        if wanted.person_text.strip():
            # % and _ typed in a name are matched as themselves, not as wildcards.
            # The people matched first, then their claims by index: joining people to
            # every claim to test the name reads all of them.
            clauses.append(
                r"c.person_id IN (SELECT p.id FROM people p"
                r" WHERE p.name LIKE ? ESCAPE '\' OR p.preferred_name LIKE ? ESCAPE '\')"
            )
            typed = re.sub(r"([\\%_])", r"\\\1", wanted.person_text.strip())
            like = f"%{typed}%"
            params += [like, like]
        if wanted.date_from is not None:
            clauses.append("s.date >= ?")
            params.append(wanted.date_from.isoformat())
        if wanted.date_to is not None:
            clauses.append("s.date <= ?")
            params.append(wanted.date_to.isoformat())
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def csv_lines(self, wanted: ClaimFilter) -> Iterator[CsvLine]:
        """Each line of each claim wanted, then its involvement payment when that is not
        zero, by session date and claim, one at a time: a large export never holds more
        than the claim being written. Each carries its claim, so the writer asks
        nothing more of the data file.

        Two cursors in the same order, the claims and their lines, are walked side by
        side, so each claim's columns are read once rather than on every line. The
        second starts while the first is still being read, so both see the file as it
        was at one moment (a claim with one row finishes first: then a line of a claim
        made in between is passed over, and the export's check against the totals says
        so)."""
        where, params = self._where(wanted)
        claims = self.db.execute(
            f"""
            SELECT c.*, r.id AS reversed_by_id, p.name AS person_name,
                s.title AS session_title, s.date AS session_date
            FROM claims c
            LEFT JOIN claims r ON r.corrects_id = c.id
            JOIN people p ON p.id = c.person_id
            JOIN sessions s ON s.id = c.session_id
            {where}
            ORDER BY s.date, c.id
            """,
            params,
        )
        claims.row_factory = sqlite3.Row  # read by name, as claim_from_row does
        first = claims.fetchone()
        if first is None:
            return
        lines = iter(
            self.db.execute(
                f"""
                SELECT s.date, c.id, l.kind, l.description, l.amount_pence, l.receipt_held,
                    l.receipt_ref, l.miles_hundredths, l.vehicle, l.hours_hundredths, l.why
                FROM claim_lines l
                JOIN claims c ON c.id = l.claim_id
                JOIN people p ON p.id = c.person_id
                JOIN sessions s ON s.id = c.session_id
                {where}
                ORDER BY s.date, c.id, l.position
                """,
                params,
            )
        )
        line = next(lines, None)
        for row in itertools.chain((first,), claims):
            claim = claim_from_row(row)
            claim_id, status, day = row["id"], claim.status, row["session_date"]
            who, what, when = row["person_name"], row["session_title"], _day(day)
            while line is not None and line[1] != claim_id and (line[0], line[1]) < (day, claim_id):
                line = next(lines, None)  # a claim not read above: the file changed between
            while line is not None and line[1] == claim_id:
                _, _, kind, description, amount, held, ref, miles, vehicle, hours, why = line
                yield CsvLine(
                    claim_id,
                    who,
                    what,
                    when,
                    status,
                    _EXPENSE_KINDS[kind],
                    description,
                    amount,
                    bool(held),
                    ref,
                    miles,
                    _VEHICLES[vehicle] if vehicle else None,
                    hours,
                    why,
                    claim,
                )
                line = next(lines, None)
            if claim.involvement_pence != 0:  # a declined payment is not a row
                yield CsvLine(
                    claim_id,
                    who,
                    what,
                    when,
                    status,
                    kind=None,
                    description=claim.choice.value,
                    amount_pence=claim.involvement_pence,
                    receipt_held=False,
                    receipt_ref="",
                    claim=claim,
                )

    def sums(self, wanted: ClaimFilter) -> ClaimSums:
        """How many claims are wanted, and what those that count (not rejected or
        cancelled) come to, expenses and payments for time apart: worked out in SQL,
        apart from the rows of the finance CSV, so the file can be checked against it,
        and over every claim wanted, however few the Claims screen lists at a time.

        One statement (so one moment of the file) of two parts: the claims, and their
        lines joined to them, each joining only what the filter needs."""
        where, params = self._where(wanted)
        left_out = [status.value for status in ClaimStatus if not status.counts]
        marks = ", ".join("?" for _ in left_out)
        counted = f"c.status NOT IN ({marks})"
        joins = self._joins(wanted)
        row = self.db.execute(
            f"""
            SELECT claimed.n, lined.pence, claimed.pence FROM
                (SELECT count(*) AS n,
                    coalesce(sum(CASE WHEN {counted} THEN c.involvement_pence END), 0) AS pence
                FROM claims c {joins} {where}) claimed,
                (SELECT coalesce(sum(l.amount_pence), 0) AS pence
                FROM claim_lines l JOIN claims c ON c.id = l.claim_id {joins}
                {where}{" AND" if where else " WHERE"} {counted}) lined
            """,
            left_out + params + params + left_out,
        ).fetchone()
        return ClaimSums(claims=row[0], expenses_pence=row[1], involvement_pence=row[2])

    def involvement_between(
        self, person_id: int, first: dt.date, last: dt.date, *, leave_out: int | None = None
    ) -> int:
        """The person's involvement payments for sessions in these dates (inclusive), in
        claims that count (not rejected or cancelled)."""
        return self.db.execute(
            """
            SELECT coalesce(sum(c.involvement_pence), 0) FROM claims c
            JOIN sessions s ON s.id = c.session_id
            WHERE c.person_id = ? AND s.date BETWEEN ? AND ? AND c.status NOT IN (?, ?)
                AND c.id != ?
            """,
            [
                person_id,
                first.isoformat(),
                last.isoformat(),
                ClaimStatus.REJECTED.value,
                ClaimStatus.CANCELLED.value,
                leave_out or 0,
            ],
        ).fetchone()[0]

    def miles_between(
        self, person_id: int, first: dt.date, last: dt.date, *, before_claim: int | None = None
    ) -> int:
        """Hundredths of a mile the person claimed by car or van for sessions in these
        dates, in claims that count, leaving out `before_claim` and any claim after it.
        A reversed claim and its correction cancel out, so neither is counted (a
        correcting line keeps the miles it reverses, with the amount negated)."""
        return self.db.execute(
            """
            SELECT coalesce(sum(l.miles_hundredths), 0) FROM claim_lines l
            JOIN claims c ON c.id = l.claim_id
            JOIN sessions s ON s.id = c.session_id
            WHERE c.person_id = ? AND s.date BETWEEN ? AND ? AND c.status NOT IN (?, ?)
                AND l.kind = ? AND l.vehicle = ? AND (? IS NULL OR c.id < ?)
                AND c.corrects_id IS NULL
                AND NOT EXISTS (SELECT 1 FROM claims r WHERE r.corrects_id = c.id)
            """,
            [
                person_id,
                first.isoformat(),
                last.isoformat(),
                ClaimStatus.REJECTED.value,
                ClaimStatus.CANCELLED.value,
                ExpenseKind.MILEAGE.value,
                Vehicle.CAR.value,
                before_claim,
                before_claim,
            ],
        ).fetchone()[0]

    # --- lines ---

    def lines(self, claim_id: int) -> list[ClaimLine]:
        rows = self.db.query(
            "SELECT * FROM claim_lines WHERE claim_id = ? ORDER BY position, id", [claim_id]
        )
        return [line_from_row(row) for row in rows]

    def save_line(self, claim_id: int, line: ClaimLine, audit: AuditEntry) -> int:
        with self.db.atomic():
            self.require("claims", claim_id)
            if line.id is None:
                last = self.db.execute(
                    "SELECT coalesce(max(position), 0) FROM claim_lines WHERE claim_id = ?",
                    [claim_id],
                ).fetchone()[0]
                line_id = self._insert_line(claim_id, last + 1, line)
            else:
                line_id = line.id
                self.update_row("claim_lines", line_id, line_to_row(line))
            self.db.execute("UPDATE claims SET updated_at = ? WHERE id = ?", [utc_now(), claim_id])
            self._audit(audit)
        return line_id

    def remove_line(self, line_id: int, audit: AuditEntry) -> None:
        with self.db.atomic():
            cursor = self.db.execute("DELETE FROM claim_lines WHERE id = ?", [line_id])
            if cursor.rowcount == 0:
                raise NotFound(GONE["claim_lines"])
            self._audit(audit)

    def _insert_line(self, claim_id: int, position: int, line: ClaimLine) -> int:
        return self.insert_row(
            "claim_lines", {"claim_id": claim_id, "position": position, **line_to_row(line)}
        )

    # --- the audit log ---

    def _audit(self, entry: AuditEntry) -> None:
        self.insert_row(
            "audit_log",
            {
                "at": utc_text(entry.at),
                "who": entry.who,
                "claim_id": entry.claim_id,
                "action": entry.action,
                "details": entry.details,
            },
        )

    def audit_trail(self, claim_id: int) -> list[AuditEntry]:
        rows = self.db.query(
            "SELECT * FROM audit_log WHERE claim_id = ? ORDER BY at, id", [claim_id]
        )
        return [
            AuditEntry(
                id=row["id"],
                at=utc_moment(row["at"]),  # type: ignore[arg-type]
                who=row["who"],
                claim_id=row["claim_id"],
                action=row["action"],
                details=row["details"],
            )
            for row in rows
        ]


class PolicyRepository(Repository):
    """Every version of the payment policy: a claim keeps the one it was worked out under."""

    def current(self) -> Policy:
        row = self.db.execute(
            "SELECT policy FROM payment_policies ORDER BY version DESC LIMIT 1"
        ).fetchone()
        return Policy() if row is None else policy_from_data(json.loads(row[0]))

    def version(self, version: int) -> Policy:
        row = self.db.execute(
            "SELECT policy FROM payment_policies WHERE version = ?", [version]
        ).fetchone()
        if row is None:  # only the built-in policy, never saved, is missing
            return Policy(version=version)
        return policy_from_data(json.loads(row[0]))

    def save(self, policy: Policy) -> Policy:
        """Keep this policy as a new version, after the newest; returns it as stored."""
        with self.db.atomic():
            newest = self.db.execute(
                "SELECT coalesce(max(version), 0) FROM payment_policies"
            ).fetchone()[0]
            if newest == 0:  # claims so far were worked out under the built-in version 1
                self._insert(Policy(version=1))
                newest = 1
            stored = replace(policy, version=newest + 1)
            self._insert(stored)
        return stored

    def _insert(self, policy: Policy) -> None:
        self.insert_row(
            "payment_policies",
            {"version": policy.version, "policy": json.dumps(policy_to_data(policy))},
        )
