"""The Decide tab: options, how the room votes, votes recorded fast, and the result.

Left, the options numbered 1 to 9 (the keys that place a dot), then the box for
recording one person's vote: type part of the name of someone who has arrived, enter,
then the option numbers, enter to save. Right, the result as it stands, as bars with
the figures written beside them. Every change goes through `sessions.deciding.Deciding`,
which refuses anything once the result is frozen; the panel only shows and asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.decide_forms import OptionForm, RulesForm, TallyForm
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.session_panel import SessionPanel
from sessions.clock import local_time, venue_date
from sessions.decide_entry import (
    ballot_words,
    chart_lines,
    place,
    points_words,
    result_words,
    rules_words,
)
from sessions.decide_models import Ballot, DecisionResult, DecisionRules, Option, VoteMethod
from sessions.deciding import Deciding
from sessions.display import format_date, plural
from sessions.errors import FacilitatorError
from sessions.models import Person
from sessions.money import pounds

NOBODY = 0
"""The row that says no one who has arrived matches: no person is numbered 0."""
KEYED = 9
"""Options 1 to 9 have a key each when recording a vote."""


class OptionsTable(ListingTable):
    COLUMNS = ("No.", "Option", "Proposed by", "In one line", "Cost")
    BINDINGS = [Binding("enter", "select_cursor", "Change", show=False)]


class VotersTable(ListingTable):
    """People who have arrived whose names match what is typed."""

    COLUMNS = ("Name", "Vote")


class BallotPad(Static, can_focus=True):
    """One person's vote, key by key: the numbers place, enter saves, escape stops."""

    BINDINGS = [
        Binding("1", "press(1)", "Place", key_display="1-9"),
        *(Binding(str(n), f"press({n})", f"Option {n}", show=False) for n in range(2, 10)),
        Binding("backspace", "take_back", "Take back"),
        Binding("enter", "save", "Save vote"),
        Binding("escape", "stop", "Stop"),
    ]

    class Pressed(Message):
        def __init__(self, what: str, number: int = 0) -> None:
            super().__init__()
            self.what = what
            self.number = number

    def action_press(self, number: int) -> None:
        self.post_message(self.Pressed("place", number))

    def action_take_back(self) -> None:
        self.post_message(self.Pressed("take_back"))

    def action_save(self) -> None:
        self.post_message(self.Pressed("save"))

    def action_stop(self) -> None:
        self.post_message(self.Pressed("stop"))


class DecidePanel(SessionPanel):
    BINDINGS = [
        Binding("n", "add", "Add option"),
        Binding("d", "remove", "Remove option"),
        Binding("m", "rules", "Method"),
        Binding("v", "vote", "Vote"),
        Binding("c", "tally", "Count the wall"),
        Binding("f", "freeze", "Freeze result"),
    ]

    can_focus = True
    """With no options yet the tab itself takes the keys (n, m)."""

    def prepare(self) -> None:
        self.deciding = Deciding(self.store, self.session_id, self.now)
        self.rules = DecisionRules()
        self.options: list[Option] = []
        self.result = DecisionResult()
        self.voter: Person | None = None
        self.choices: tuple[int, ...] = ()
        self.matches: dict[int, Person] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="decide-rules", markup=False)
        yield Static("", id="decide-frozen", markup=False)
        with Vertical(id="decide-body"):
            yield Label("Options", classes="section-heading")
            yield OptionsTable(id="decide-options")
            yield Static("", id="decide-empty", classes="section-empty", markup=False)
            with Horizontal(id="decide-lower"):
                with Vertical(id="decide-vote"):
                    yield Label("Record a vote", classes="section-heading")
                    yield Input(
                        placeholder="Part of the name of someone who has arrived",
                        id="decide-who",
                    )
                    people = VotersTable(id="decide-people")
                    people.can_focus = False
                    yield people
                    yield BallotPad("", id="decide-ballot", markup=False)
                with VerticalScroll(id="decide-result"):
                    yield Label("Result", classes="section-heading")
                    yield Static("", id="decide-chart", markup=False)
                    yield Static("", id="decide-said", markup=False)

    def on_mount(self) -> None:
        self.query_one(VotersTable).display = False
        self.query_one(BallotPad).display = False

    # --- showing -------------------------------------------------------------------

    def shown(self) -> None:
        self.reload()
        if self.options:
            self.query_one(OptionsTable).focus()
        else:
            self.focus()

    def reload(self, *, highlight: int | None = None) -> None:
        """Rules, options and the result as they now stand in the data file."""
        self.rules = self.deciding.rules()
        self.options = list(self.deciding.options())
        self.result = self.deciding.result()
        self.query_one("#decide-rules", Static).update(rules_words(self.rules))
        self.show_frozen()
        self.show_options(highlight=highlight)
        self.show_result()
        self.show_ballot()

    def show_frozen(self) -> None:
        frozen = self.query_one("#decide-frozen", Static)
        frozen.display = self.result.is_frozen
        frozen.update(self.frozen_words())

    def frozen_words(self) -> str:
        at = self.result.frozen_at
        if at is None:
            return ""
        return (
            f"Result frozen at {local_time(at)} on {format_date(venue_date(at))}. "
            "It is kept with the session and can no longer be changed."
        )

    def show_options(self, *, highlight: int | None = None) -> None:
        budget = self.rules.method is VoteMethod.BUDGET
        rows = [
            (
                option.id,
                (
                    str(number) if number <= KEYED else "",
                    option.title,
                    option.proposed_by,
                    option.description,
                    pounds(option.cost_pence)
                    if option.cost_pence is not None
                    else ("needs a cost" if budget else ""),
                ),
            )
            for number, option in enumerate(self.options, 1)
        ]
        table = self.query_one(OptionsTable)
        table.replace_rows(rows, highlight=highlight)
        table.display = bool(rows)
        empty = self.query_one("#decide-empty", Static)
        empty.display = not rows
        empty.update(
            "No options yet. Press n to add the first, and m to choose how the room votes."
        )

    def show_result(self) -> None:
        chart = self.query_one("#decide-chart", Static)
        said = self.query_one("#decide-said", Static)
        if not self.options:
            chart.update("Nothing to count yet.")
            said.update("")
            return
        if not self.result.voters and not self.result.total_points:
            chart.update(
                "No votes yet. Press v to record one person's vote, or c to type "
                "the dots counted off the wall."
            )
            said.update("")
            return
        chart.update("\n".join(chart_lines(self.rules, self.result, width=18, title_width=22)))
        said.update("\n".join(result_words(self.rules, self.result)))

    # --- options -------------------------------------------------------------------

    def chosen_option(self) -> Option | None:
        table = self.query_one(OptionsTable)
        wanted = table.selected_id if table.display else None
        return next((o for o in self.options if o.id == wanted), None)

    def unfrozen(self) -> bool:
        """True when the result may still change; otherwise says so in words."""
        if self.result.is_frozen:
            self.notify(self.frozen_words(), title="Not changed", severity="warning")
            return False
        return True

    def attempt(self, change: Callable[[], Any], said: str = "", **after: Any) -> bool:
        try:
            change()
        except FacilitatorError as error:
            self.notify(str(error), title="Not changed", severity="warning")
            self.reload()
            return False
        self.reload(**after)
        if said:
            self.notify(said)
        return True

    def action_add(self) -> None:
        if not self.unfrozen():
            return

        def saved(option: Option | None) -> None:
            if option is not None:
                self.reload(highlight=option.id)
                self.query_one(OptionsTable).focus()
                self.notify(f"Added “{option.title}”.")

        self.app.push_screen(OptionForm(self.rules, self.deciding.save_option), saved)

    @on(DataTable.RowSelected, "#decide-options")
    def _option_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        option = self.chosen_option()
        if option is None or not self.unfrozen():
            return

        def saved(changed: Option | None) -> None:
            if changed is not None:
                self.reload(highlight=changed.id)
                self.notify(f"Saved “{changed.title}”.")

        self.app.push_screen(OptionForm(self.rules, self.deciding.save_option, option), saved)

    def action_remove(self) -> None:
        option = self.chosen_option()
        if option is None:
            self.notify("There are no options to remove. Press n to add one.")
            return
        if not self.unfrozen():
            return
        assert option.id is not None
        option_id = option.id

        def answered(remove: bool | None) -> None:
            if remove:
                self.attempt(
                    lambda: self.deciding.remove_option(option_id), f"Removed “{option.title}”."
                )

        votes = self.votes_on(option_id)
        self.app.push_screen(
            ConfirmScreen(
                f"Remove “{option.title}”?",
                "It is no longer one of the options."
                + (
                    f" The {points_words(self.rules, votes)} on it will no longer count."
                    if votes
                    else ""
                ),
                yes="Remove option",
            ),
            answered,
        )

    def votes_on(self, option_id: int) -> int:
        line = next((ln for ln in self.result.lines if ln.option.id == option_id), None)
        return line.points if line is not None else 0

    def action_rules(self) -> None:
        if not self.unfrozen():
            return

        def saved(rules: DecisionRules | None) -> None:
            if rules is not None:
                self.reload()
                self.notify(rules_words(rules))

        self.app.push_screen(RulesForm(self.rules, self.deciding.save_rules), saved)

    def action_tally(self) -> None:
        if not self.unfrozen():
            return
        if not self.options:
            self.notify("Add the options first (n), then type the dots on each.")
            return
        if self.rules.method is VoteMethod.RANKING:
            self.notify(
                "Rankings are recorded person by person: press v and type a name.",
                severity="warning",
            )
            return

        def saved(tally: object | None) -> None:
            if tally is not None:
                self.reload()
                self.notify("Saved the count from the wall.")

        self.app.push_screen(
            TallyForm(self.rules, self.options, self.deciding.tally(), self.deciding.save_tally),
            saved,
        )

    def action_freeze(self) -> None:
        if not self.unfrozen():
            return
        if not self.result.voters and not self.result.total_points:
            self.notify("There are no votes to freeze yet.")
            return

        def answered(freeze: bool | None) -> None:
            if freeze:
                self.attempt(
                    self.deciding.freeze,
                    "Result frozen: it is kept with the session as it stands.",
                )

        self.app.push_screen(
            ConfirmScreen(
                "Freeze the result?",
                f"The result as it stands ({plural(self.result.voters, 'person', 'people')} "
                "voted) is kept with the session. After this no vote, option or rule can change.",
                yes="Freeze result",
            ),
            answered,
        )

    # --- one person's vote ---------------------------------------------------------------

    @property
    def who(self) -> Input:
        return self.query_one("#decide-who", Input)

    def action_vote(self) -> None:
        if not self.unfrozen():
            return
        if not self.options:
            self.notify("Add the options first (n): people vote for them by number.")
            return
        self.who.focus()

    @on(Input.Changed, "#decide-who")
    def _who_changed(self) -> None:
        self.show_matches()

    def show_matches(self) -> None:
        text = self.who.value
        table = self.query_one(VotersTable)
        table.display = bool(text.strip())
        if not text.strip():
            self.matches = {}
            return
        voted = {b.person_id for b in self.deciding.ballots()}
        found = self.deciding.voters(text)
        self.matches = {p.id: p for p in found if p.id is not None}
        rows = [(p.id, (p.display_name, "voted" if p.id in voted else "")) for p in found]
        if not rows:
            rows = [(NOBODY, ("Nobody who has arrived has that name.", ""))]
        table.replace_rows(rows)
        if table.row_count:
            table.move_cursor(row=0)

    def _move(self, offset: int) -> None:
        table = self.query_one(VotersTable)
        if table.display and table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + offset)))

    @on(Input.Submitted, "#decide-who")
    def _who_chosen(self, event: Input.Submitted) -> None:
        event.stop()
        pid = self.query_one(VotersTable).selected_id
        person = self.matches.get(pid) if pid is not None else None
        if person is None:
            self.notify("Type part of the name of someone who has arrived first.")
            return
        if not self.unfrozen():
            return
        ballot = next((b for b in self.deciding.ballots() if b.person_id == pid), None)
        self.voter = person
        self.choices = ballot.choices if ballot else ()
        self.show_ballot()
        self.query_one(BallotPad).focus()
        if ballot:
            self.notify(f"{person.display_name} has voted already: their vote is shown to change.")

    def on_key(self, event: Any) -> None:
        """Up and down move through the names found while the name box has the focus."""
        if self.who.has_focus and event.key in ("up", "down"):
            event.stop()
            self._move(-1 if event.key == "up" else 1)
        elif self.who.has_focus and event.key == "escape":
            event.stop()
            if self.who.value:
                self.who.value = ""
            else:
                self.shown()

    def show_ballot(self) -> None:
        pad = self.query_one(BallotPad)
        pad.display = self.voter is not None
        if self.voter is None:
            return
        verb = "rank in order" if self.rules.method is VoteMethod.RANKING else "place a dot"
        pad.update(
            f"{self.voter.display_name}: {ballot_words(self.rules, self.options, self.choices)}\n"
            f"Press an option's number to {verb}, backspace to take the last back, "
            "enter to save, escape to stop."
        )

    @on(BallotPad.Pressed)
    def _pad(self, event: BallotPad.Pressed) -> None:
        event.stop()
        voter = self.voter
        if voter is None or voter.id is None:
            return
        match event.what:
            case "place":
                self.choices, problem = place(
                    self.rules,
                    self.options,
                    self.choices,
                    event.number,
                    voter.display_name,
                    voter.pronouns,
                )
                if problem:
                    self.notify(problem, severity="warning")
            case "take_back":
                self.choices = self.choices[:-1]
            case "save":
                self.save_ballot(voter)
                return
            case "stop":
                self.end_ballot()
                return
        self.show_ballot()

    def save_ballot(self, voter: Person) -> None:
        assert voter.id is not None
        ballot = Ballot(person_id=voter.id, choices=self.choices)
        name = voter.display_name
        try:
            self.deciding.save_ballot(ballot)
        except FacilitatorError as error:
            self.notify(str(error), title="Not saved", severity="warning")
            return
        self.end_ballot()
        self.notify(f"Saved {name}'s vote.")

    def end_ballot(self) -> None:
        """Back to the name box, empty, for the next person."""
        self.voter = None
        self.choices = ()
        self.reload(highlight=self.query_one(OptionsTable).selected_id)
        self.who.value = ""
        self.who.focus()
