"""Deciding together at one session: what the Decide tab and the command line ask.

`Deciding` reads and records a session's vote through the store, which keeps the rules
of `sessions.decide` (each person within their allowance, only people who have
arrived, nothing changing once frozen) and raises `FacilitatorError` in words when
something is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sessions.clock import is_over, now_utc
from sessions.decide import check_options, check_rules
from sessions.decide_models import Ballot, DecisionResult, DecisionRules, Option, Tally
from sessions.models import Person, Session
from sessions.store import Store


class Deciding:
    """One session's vote: its rules, options, ballots, wall count and result."""

    def __init__(
        self,
        store: Store,
        session_id: int,
        now: Callable[[], dt.datetime] = now_utc,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.now = now
        self.decisions = store.decisions

    # --- reading -----------------------------------------------------------------

    def session(self) -> Session:
        return self.store.sessions.get(self.session_id)

    def rules(self) -> DecisionRules:
        return self.decisions.rules(self.session_id)

    def options(self) -> list[Option]:
        return self.decisions.options(self.session_id)

    def ballots(self) -> list[Ballot]:
        return self.decisions.ballots(self.session_id)

    def ballot(self, person_id: int) -> Ballot | None:
        return self.decisions.ballot(self.session_id, person_id)

    def tally(self) -> Tally | None:
        return self.decisions.tally(self.session_id)

    def voters(self, text: str = "", limit: int = 50) -> list[Person]:
        """People who have arrived (and so may vote), matching what was typed."""
        return self.decisions.arrived(self.session_id, text, limit)

    def has_decision(self) -> bool:
        return self.decisions.has_decision(self.session_id)

    def frozen_at(self) -> dt.datetime | None:
        return self.decisions.frozen_at(self.session_id)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at() is not None

    def result(self) -> DecisionResult:
        """The frozen result if there is one, otherwise as it stands now."""
        return self.decisions.result(self.session_id)

    def settled_result(self) -> DecisionResult | None:
        """The result to report in the session's summary and exports: the frozen one,
        or once the session is over the live one if anyone voted. None when there is
        nothing to report yet."""
        frozen = self.decisions.frozen_result(self.session_id)
        if frozen is not None:
            return frozen
        if not self.has_decision() or not is_over(self.session(), self.now()):
            return None
        live = self.decisions.live_result(self.session_id)
        return live if live.voters or live.total_points else None

    def problems(self) -> list[str]:
        """What stops the vote being counted as set up, in words (nothing when fine)."""
        rules = self.rules()
        return check_rules(rules) + check_options(rules, self.options())

    # --- recording ---------------------------------------------------------------

    def save_rules(self, rules: DecisionRules) -> None:
        self.decisions.save_rules(self.session_id, rules)

    def save_option(self, option: Option) -> Option:
        return self.decisions.save_option(self.session_id, option)

    def remove_option(self, option_id: int) -> None:
        self.decisions.remove_option(self.session_id, option_id)

    def move_option(self, option_id: int, by: int) -> None:
        self.decisions.move_option(self.session_id, option_id, by)

    def save_ballot(self, ballot: Ballot) -> None:
        """Keep one person's vote, replacing any before; refused in words unless they
        have arrived and the vote is within their allowance."""
        self.decisions.save_ballot(self.session_id, ballot)

    def remove_ballot(self, person_id: int) -> bool:
        return self.decisions.remove_ballot(self.session_id, person_id)

    def save_tally(self, tally: Tally) -> None:
        self.decisions.save_tally(self.session_id, tally)

    def clear_tally(self) -> None:
        self.decisions.clear_tally(self.session_id)

    def freeze(self) -> DecisionResult:
        """Keep the result as it stands now with the session; nothing changes after."""
        return self.decisions.freeze(self.session_id, self.now())
