"""Deciding together in the data file: a session's voting rules, its options, one
ballot per person, dots counted off a wall, and the result once frozen.

The repository keeps the rules of `sessions.decide` however it is called: a person's
vote is kept only if they are recorded as arrived at the session and it is within
their allowance, and once the result is frozen nothing about the vote changes. The
frozen result is kept as it stood (JSON), so later changes to the people or the
options cannot rewrite what the room decided.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sessions.clock import local_time, venue_date
from sessions.decide import (
    check_ballot,
    check_options,
    check_rules,
    check_tally,
    count,
    count_with_tally,
)
from sessions.decide_models import (
    Ballot,
    DecisionResult,
    DecisionRules,
    Option,
    ResultLine,
    Tally,
    VoteMethod,
)
from sessions.display import format_date, plural
from sessions.errors import FacilitatorError, NotFound, ValidationError
from sessions.models import Person
from sessions.store.base import Repository, utc_moment, utc_text
from sessions.store.people import person_from_row, search_clause

OPTION_GONE = "That option has been removed."

TITLE_MOST = 120
TEXT_MOST = 300


def option_from_row(row: Mapping[str, Any]) -> Option:
    return Option(
        title=row["title"],
        proposed_by=row["proposed_by"],
        description=row["description"],
        cost_pence=row["cost_pence"],
        id=row["id"],
        position=row["position"],
    )


def rules_from_row(row: Mapping[str, Any]) -> DecisionRules:
    return DecisionRules(
        method=VoteMethod(row["method"]),
        dots_per_person=row["dots_per_person"],
        may_stack=bool(row["may_stack"]),
        rank_top=row["rank_top"],
        budget_pence=row["budget_pence"],
    )


def result_to_data(result: DecisionResult) -> dict[str, Any]:
    """A result as plain data, to keep as JSON."""
    return {
        "voters": result.voters,
        "total_points": result.total_points,
        "money_left_pence": result.money_left_pence,
        "frozen_at": utc_text(result.frozen_at),
        "lines": [
            {
                "option": {
                    "title": line.option.title,
                    "proposed_by": line.option.proposed_by,
                    "description": line.option.description,
                    "cost_pence": line.option.cost_pence,
                    "id": line.option.id,
                    "position": line.option.position,
                },
                "points": line.points,
                "place": line.place,
                "tied": line.tied,
                "funded": line.funded,
                "note": line.note,
            }
            for line in result.lines
        ],
    }


def result_from_data(data: Mapping[str, Any]) -> DecisionResult:
    return DecisionResult(
        lines=tuple(
            ResultLine(
                option=Option(**line["option"]),
                points=line["points"],
                place=line["place"],
                tied=line["tied"],
                funded=line["funded"],
                note=line["note"],
            )
            for line in data["lines"]
        ),
        voters=data["voters"],
        total_points=data["total_points"],
        money_left_pence=data["money_left_pence"],
        frozen_at=utc_moment(data["frozen_at"]),
    )


def frozen_words(frozen_at: dt.datetime) -> str:
    """'The result was frozen at 15:20 on Thu 3 Dec 2026, so the vote can no longer
    change.'"""
    return (
        f"The result was frozen at {local_time(frozen_at)} on "
        f"{format_date(venue_date(frozen_at))}, so the vote can no longer change."
    )


class DecisionRepository(Repository):
    """One decision per session: its rules, options, ballots, tally and frozen result."""

    # --- reading -------------------------------------------------------------------

    def _rules_row(self, session_id: int) -> dict[str, Any] | None:
        rows = list(
            self.db.query("SELECT * FROM decision_rules WHERE session_id = ?", [session_id])
        )
        return rows[0] if rows else None

    def rules(self, session_id: int) -> DecisionRules:
        """The session's voting rules; dot-voting with 3 dots each until chosen."""
        row = self._rules_row(session_id)
        return DecisionRules() if row is None else rules_from_row(row)

    def options(self, session_id: int) -> list[Option]:
        rows = self.db.query(
            "SELECT * FROM decision_options WHERE session_id = ? ORDER BY position, id",
            [session_id],
        )
        return [option_from_row(row) for row in rows]

    def ballots(self, session_id: int) -> list[Ballot]:
        """Everyone's vote, in the order they were first recorded."""
        rows = self.db.query(
            "SELECT person_id, choices FROM decision_ballots WHERE session_id = ? ORDER BY id",
            [session_id],
        )
        return [Ballot(row["person_id"], tuple(json.loads(row["choices"]))) for row in rows]

    def ballot(self, session_id: int, person_id: int) -> Ballot | None:
        row = self.db.execute(
            "SELECT choices FROM decision_ballots WHERE session_id = ? AND person_id = ?",
            [session_id, person_id],
        ).fetchone()
        return None if row is None else Ballot(person_id, tuple(json.loads(row[0])))

    def tally(self, session_id: int) -> Tally | None:
        """Dots counted off the wall, or None when none have been recorded."""
        row = self._rules_row(session_id)
        if row is None or row["tally_voters"] is None:
            return None
        counts = {
            option_id: dots
            for option_id, dots in self.db.execute(
                "SELECT id, tally_dots FROM decision_options WHERE session_id = ? "
                "AND tally_dots > 0 ORDER BY position, id",
                [session_id],
            ).fetchall()
        }
        return Tally(counts, row["tally_voters"])

    def has_decision(self, session_id: int) -> bool:
        """True when the session has any options to decide on."""
        return bool(
            self.db.execute(
                "SELECT 1 FROM decision_options WHERE session_id = ? LIMIT 1", [session_id]
            ).fetchone()
        )

    def arrived(self, session_id: int, text: str = "", limit: int = 50) -> list[Person]:
        """People recorded as arrived at the session (the only ones who may vote in
        person), matching every word of `text`, by name."""
        where, params = search_clause(text)
        rows = self.db.query(
            f"""SELECT people.* FROM people JOIN attendance a
                ON a.person_id = people.id AND a.session_id = :session
            WHERE a.status IN ('arrived', 'left_early') AND {where}
            ORDER BY people.name COLLATE NOCASE, people.id
            LIMIT :limit""",
            {**params, "session": session_id, "limit": limit},
        )
        return [person_from_row(row) for row in rows]

    def frozen_at(self, session_id: int) -> dt.datetime | None:
        row = self._rules_row(session_id)
        return None if row is None else utc_moment(row["frozen_at"])

    def frozen_result(self, session_id: int) -> DecisionResult | None:
        """The result as it stood when frozen, or None if it has not been frozen."""
        row = self._rules_row(session_id)
        if row is None or row["frozen_result"] is None:
            return None
        return result_from_data(json.loads(row["frozen_result"]))

    def live_result(self, session_id: int) -> DecisionResult:
        """The result counted now from the ballots and any tally."""
        rules = self.rules(session_id)
        options = self.options(session_id)
        ballots = self.ballots(session_id)
        tally = self.tally(session_id)
        if tally is None:
            return count(rules, options, ballots)
        return count_with_tally(rules, options, ballots, tally)

    def result(self, session_id: int) -> DecisionResult:
        """The frozen result if there is one, otherwise the live one."""
        return self.frozen_result(session_id) or self.live_result(session_id)

    # --- changing ------------------------------------------------------------------

    def _refuse_if_frozen(self, session_id: int) -> None:
        frozen = self.frozen_at(session_id)
        if frozen is not None:
            raise FacilitatorError(frozen_words(frozen))

    def _ensure_rules_row(self, session_id: int) -> int:
        row = self._rules_row(session_id)
        if row is not None:
            return int(row["id"])
        self.require("sessions", session_id)
        rules = DecisionRules()
        return self.insert_row(
            "decision_rules",
            {
                "session_id": session_id,
                "method": rules.method.value,
                "dots_per_person": rules.dots_per_person,
                "may_stack": int(rules.may_stack),
                "rank_top": rules.rank_top,
                "budget_pence": rules.budget_pence,
            },
        )

    def save_rules(self, session_id: int, rules: DecisionRules) -> None:
        """Set how the room votes. Refused in words when the rules do not make sense,
        when the options lack what they need (costs for a budget), or when votes
        already recorded would not fit them."""
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            options = self.options(session_id)
            problems = check_rules(rules) + check_options(rules, options)
            ballots = self.ballots(session_id)
            misfits = [b for b in ballots if check_ballot(rules, options, b)]
            if misfits:
                problems.append(
                    f"{plural(len(misfits), 'vote')} already recorded "
                    f"{'does' if len(misfits) == 1 else 'do'} not fit these rules. "
                    "Remove or change those votes first."
                )
            tally = self.tally(session_id)
            if tally is not None and check_tally(rules, options, tally):
                problems.append(
                    "The dots counted off the wall do not fit these rules. "
                    "Clear or change the count first."
                )
            if problems:
                raise ValidationError({"rules": " ".join(problems)})
            row_id = self._ensure_rules_row(session_id)
            self.update_row(
                "decision_rules",
                row_id,
                {
                    "method": rules.method.value,
                    "dots_per_person": rules.dots_per_person,
                    "may_stack": int(rules.may_stack),
                    "rank_top": rules.rank_top,
                    "budget_pence": rules.budget_pence,
                },
            )

    def save_option(self, session_id: int, option: Option) -> Option:
        """Add an option at the end of the list (no id) or change one; gives it back as
        saved. Refused in words without a title, with over-long text, or without a cost
        when the room shares a budget."""
        title = option.title.strip()
        problems: dict[str, str] = {}
        if not title:
            problems["title"] = "Give the option a title."
        elif len(title) > TITLE_MOST:
            problems["title"] = f"Keep the title to {TITLE_MOST} characters."
        if len(option.proposed_by) > TITLE_MOST:
            problems["proposed_by"] = f"Keep who proposed it to {TITLE_MOST} characters."
        if len(option.description) > TEXT_MOST:
            problems["description"] = f"Keep the description to {TEXT_MOST} characters."
        if option.cost_pence is not None and option.cost_pence <= 0:
            problems["cost"] = "A cost must be more than nothing."
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            if option.cost_pence is None and self.rules(session_id).method is VoteMethod.BUDGET:
                problems["cost"] = "Give the cost: the room is sharing out a budget."
            if problems:
                raise ValidationError(problems)
            values = {
                "title": title,
                "proposed_by": option.proposed_by.strip(),
                "description": option.description.strip(),
                "cost_pence": option.cost_pence,
            }
            if option.id is None:
                self.require("sessions", session_id)
                position = self.db.execute(
                    "SELECT coalesce(max(position) + 1, 0) FROM decision_options"
                    " WHERE session_id = ?",
                    [session_id],
                ).fetchone()[0]
                option_id = self.insert_row(
                    "decision_options", {"session_id": session_id, "position": position, **values}
                )
            else:
                self._require_option(session_id, option.id)
                self.update_row("decision_options", option.id, values)
                option_id = option.id
            return self.options_by_id(session_id)[option_id]

    def options_by_id(self, session_id: int) -> dict[int, Option]:
        return {option.id: option for option in self.options(session_id) if option.id is not None}

    def _require_option(self, session_id: int, option_id: int) -> None:
        if not self.db.execute(
            "SELECT 1 FROM decision_options WHERE id = ? AND session_id = ?",
            [option_id, session_id],
        ).fetchone():
            raise NotFound(OPTION_GONE)

    def remove_option(self, session_id: int, option_id: int) -> None:
        """Take an option off the list, with every dot or ranking given to it: a ranking
        closes up, and a vote left with nothing in it goes."""
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            self._require_option(session_id, option_id)
            for ballot in self.ballots(session_id):
                if option_id not in ballot.choices:
                    continue
                kept = tuple(choice for choice in ballot.choices if choice != option_id)
                if kept:
                    self._write_ballot(session_id, Ballot(ballot.person_id, kept))
                else:
                    self._delete_ballot(session_id, ballot.person_id)
            self.db.execute("DELETE FROM decision_options WHERE id = ?", [option_id])

    def move_option(self, session_id: int, option_id: int, by: int) -> None:
        """Move an option up (by < 0) or down the list."""
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            self._require_option(session_id, option_id)
            ids = [option.id for option in self.options(session_id)]
            here = ids.index(option_id)
            there = max(0, min(len(ids) - 1, here + by))
            ids.insert(there, ids.pop(here))
            for position, each in enumerate(ids):
                self.db.execute(
                    "UPDATE decision_options SET position = ? WHERE id = ?", [position, each]
                )

    def save_ballot(self, session_id: int, ballot: Ballot) -> None:
        """Keep a person's vote, replacing any they gave before. Refused in words unless
        they are recorded as arrived at the session and the vote is within the rules."""
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            self.require("sessions", session_id)
            self.require("people", ballot.person_id)
            status = self.db.execute(
                "SELECT status FROM attendance WHERE session_id = ? AND person_id = ?",
                [session_id, ballot.person_id],
            ).fetchone()
            if status is None or status[0] not in ("arrived", "left_early"):
                name = self.db.execute(
                    "SELECT coalesce(nullif(preferred_name, ''), name) FROM people WHERE id = ?",
                    [ballot.person_id],
                ).fetchone()[0]
                raise FacilitatorError(
                    f"{name} is not recorded as arrived at this session, so cannot vote here. "
                    "Mark them as arrived on the check-in tab first."
                )
            problems = check_ballot(self.rules(session_id), self.options(session_id), ballot)
            if problems:
                raise ValidationError({"choices": " ".join(problems)})
            self._write_ballot(session_id, ballot)

    def _write_ballot(self, session_id: int, ballot: Ballot) -> None:
        choices = json.dumps(list(ballot.choices))
        existing = self.db.execute(
            "SELECT id FROM decision_ballots WHERE session_id = ? AND person_id = ?",
            [session_id, ballot.person_id],
        ).fetchone()
        if existing:
            self.update_row("decision_ballots", existing[0], {"choices": choices})
        else:
            self.insert_row(
                "decision_ballots",
                {"session_id": session_id, "person_id": ballot.person_id, "choices": choices},
            )

    def _delete_ballot(self, session_id: int, person_id: int) -> bool:
        cursor = self.db.execute(
            "DELETE FROM decision_ballots WHERE session_id = ? AND person_id = ?",
            [session_id, person_id],
        )
        return cursor.rowcount > 0

    def remove_ballot(self, session_id: int, person_id: int) -> bool:
        """Take back a person's vote. False if they had not voted."""
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            return self._delete_ballot(session_id, person_id)

    def save_tally(self, session_id: int, tally: Tally) -> None:
        """Keep the dots counted off the wall (replacing any count before). Refused in
        words when there are more dots than the voters could place."""
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            rules = self.rules(session_id)
            problems = check_tally(rules, self.options(session_id), tally)
            if problems:
                raise ValidationError({"tally": " ".join(problems)})
            row_id = self._ensure_rules_row(session_id)
            self.update_row("decision_rules", row_id, {"tally_voters": tally.voters})
            self.db.execute(
                "UPDATE decision_options SET tally_dots = 0 WHERE session_id = ?", [session_id]
            )
            for option_id, dots in tally.counts.items():
                self.db.execute(
                    "UPDATE decision_options SET tally_dots = ? WHERE id = ? AND session_id = ?",
                    [dots, option_id, session_id],
                )

    def clear_tally(self, session_id: int) -> None:
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            self.db.execute(
                "UPDATE decision_options SET tally_dots = 0 WHERE session_id = ?", [session_id]
            )
            self.db.execute(
                "UPDATE decision_rules SET tally_voters = NULL WHERE session_id = ?", [session_id]
            )

    def freeze(self, session_id: int, at: dt.datetime) -> DecisionResult:
        """Keep the result as it stands now, and refuse every change to the vote after.
        Gives the frozen result."""
        with self.db.atomic():
            self._refuse_if_frozen(session_id)
            if not self.has_decision(session_id):
                raise FacilitatorError("There is nothing to freeze: add the options first.")
            live = self.live_result(session_id)
            frozen = DecisionResult(
                lines=live.lines,
                voters=live.voters,
                total_points=live.total_points,
                money_left_pence=live.money_left_pence,
                frozen_at=at.astimezone(dt.UTC).replace(microsecond=0),
            )
            row_id = self._ensure_rules_row(session_id)
            self.update_row(
                "decision_rules",
                row_id,
                {
                    "frozen_at": utc_text(at),
                    "frozen_result": json.dumps(result_to_data(frozen), ensure_ascii=False),
                },
            )
        return frozen

    def sessions_with_results(self) -> list[int]:
        """Sessions that have options to decide on, in the order they were made."""
        rows = self.db.execute(
            "SELECT DISTINCT session_id FROM decision_options ORDER BY session_id"
        ).fetchall()
        return [row[0] for row in rows]
