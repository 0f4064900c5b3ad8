"""The Groups tab: breakout groups that share power fairly.

The upper table lists the round's groups with their counts by voice; the lower one the
highlighted group's people and why each is there. Every change goes through
`sessions.groups.Breakouts`; the panel only shows and moves.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static

from facilitator.screens.chooser import Choice, ChoiceScreen
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.group_forms import GroupForm, MakeGroupsForm, SaveSplitForm
from facilitator.widgets.listing_table import ListingTable
from facilitator.widgets.session_panel import SessionPanel
from sessions.breakout_room import RULE_SHORT
from sessions.display import plural
from sessions.errors import FacilitatorError
from sessions.groups import ROLE_NOUNS, Breakouts, RoundView
from sessions.models import BreakoutGroup, Need, PairKind

NOT_PLACED = -1
"""The row for people in the room who are in no group yet."""
NEED_WORDS = {Need.STEP_FREE: "step-free", Need.HEARING_LOOP: "loop"}


class GroupsTable(ListingTable):
    COLUMNS = (
        "Group",
        "Place",
        "Facilitator",
        "People",
        "Lived exp.",
        "Carers",
        "Paid staff",
        "Others",
        "Place has",
        "To look at",
    )
    BINDINGS = [Binding("enter", "select_cursor", "People", show=False)]


class MembersTable(ListingTable):
    COLUMNS = ("Name", "Role", "Why here")


class GroupsPanel(SessionPanel):
    BINDINGS = [
        Binding("g", "make", "Make groups"),
        Binding("r", "rebalance", "Balance again"),
        Binding("m", "move", "Move"),
        Binding("less_than_sign", "step_move(-1)", "Move to the group before", show=False),
        Binding("greater_than_sign", "step_move(1)", "Move to the group after", show=False),
        Binding("l", "lock", "Lock"),
        Binding("p", "pin", "Pin"),
        Binding("e", "edit", "Change group"),
        Binding("x", "keep('apart')", "Keep apart", show=False),
        Binding("t", "keep('together')", "Keep together", show=False),
        Binding("s", "save", "Save split", show=False),
        Binding("u", "use_saved", "Use a saved split", show=False),
        Binding("left_square_bracket", "step_round(-1)", "Round before", show=False),
        Binding("right_square_bracket", "step_round(1)", "Round after", show=False),
        Binding("d", "delete_round", "Delete round", show=False),
    ]

    def prepare(self) -> None:
        self.breakouts = Breakouts(self.store, self.session_id)
        self.round_id: int | None = None
        self.view: RoundView | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="groups-round", markup=False)
        yield Static("", id="groups-problems", markup=False)
        yield Static("", id="groups-empty", classes="section-empty", markup=False)
        with Vertical(id="groups-body"):
            yield GroupsTable(id="groups-table")
            with Vertical(id="groups-members"):
                yield Label("", id="members-heading", classes="section-heading", markup=False)
                yield MembersTable(id="members-table")
                yield Static("", id="member-detail", markup=False)

    # --- showing -------------------------------------------------------------------

    can_focus = True
    """With no groups yet the tab itself takes the keys (g, u)."""

    def shown(self) -> None:
        self.reload()
        if self.view is None:
            self.focus()
        else:
            self.query_one(GroupsTable).focus()

    def reload(self, *, group: int | None = None, person: int | None = None) -> None:
        """Show the chosen round (the latest, at first) as it now stands."""
        rounds = self.breakouts.rounds()
        ids = [r.id for r in rounds]
        if self.round_id not in ids:
            self.round_id = ids[-1] if ids else None
        self.view = self.breakouts.view(self.round_id) if self.round_id is not None else None
        self.show_round(len(rounds))
        self.show_groups(highlight=group)
        self.show_members(highlight=person)

    def show_round(self, rounds: int) -> None:
        view = self.view
        body = self.query_one("#groups-body")
        empty = self.query_one("#groups-empty", Static)
        title = self.query_one("#groups-round", Static)
        problems = self.query_one("#groups-problems", Static)
        body.display = view is not None
        empty.display = view is None
        if view is None:
            title.update("")
            problems.display = False
            source = self.breakouts.default_source()
            here = len(self.breakouts.pool(source))
            empty.update(
                f"No breakout groups yet. Press g to make groups from {source.label.lower()}"
                f" ({here})."
                " Press u to start from a split saved at an earlier session."
            )
            return
        this = view.round
        item = next(
            (i for i in self.store.agenda.items(self.session_id) if i.id == this.agenda_item_id),
            None,
        )
        words = f"Round {this.number} of {rounds}"
        if item is not None:
            words += f" · for “{item.title}”"
        words += f" · from {this.source.label.lower()}"
        words += f" · {plural(len(this.groups), 'group')} · split no. {this.seed}"
        if rounds > 1:
            words += " · [ and ] for other rounds"
        title.update(words)
        lines = [b.words for b in view.broken]
        if view.unplaced:
            names = ", ".join(view.people[p].display_name for p in view.unplaced)
            lines.insert(
                0,
                f"Not in a group yet: {names}. Press r to balance them in, or m to place them.",
            )
        if view.gone:
            lines.append(
                "Left since the groups were made, so no longer counted: "
                + ", ".join(self.store.people.get(p).display_name for p in view.gone)
                + "."
            )
        problems.update("\n".join(lines) if lines else "Every rule is kept in this split.")
        problems.set_class(bool(view.broken or view.unplaced), "-broken")
        problems.display = True

    def show_groups(self, *, highlight: int | None = None) -> None:
        table = self.query_one(GroupsTable)
        view = self.view
        if view is None:
            table.replace_rows([])
            return
        rows = []
        for group in view.round.groups:
            counts = view.counts(group)
            problems = view.problems_of(view.round.groups.index(group))
            rows.append(
                (
                    group.id,
                    (
                        group.name + (" (locked)" if group.locked else ""),
                        group.place,
                        group.facilitator,
                        str(counts.size),
                        str(counts.lived_experience),
                        str(counts.carers),
                        str(counts.staff),
                        str(counts.others),
                        ", ".join(NEED_WORDS[n] for n in sorted(group.facilities)),
                        ", ".join(sorted({RULE_SHORT[b.rule] for b in problems})),
                    ),
                )
            )
        if view.unplaced:
            rows.append(
                (
                    NOT_PLACED,
                    ("Not in a group yet", "", "", str(len(view.unplaced)), *[""] * 6),
                )
            )
        table.replace_rows(rows, highlight=highlight)

    def chosen_group(self) -> BreakoutGroup | None:
        table = self.query_one(GroupsTable)
        if self.view is None or table.selected_id is None:
            return None
        return next((g for g in self.view.round.groups if g.id == table.selected_id), None)

    def show_members(self, *, highlight: int | None = None) -> None:
        view = self.view
        table = self.query_one(MembersTable)
        heading = self.query_one("#members-heading", Label)
        if view is None:
            table.replace_rows([])
            return
        group = self.chosen_group()
        if group is None:
            people = list(view.unplaced)
            heading.update(f"Not in a group yet: {plural(len(people), 'person', 'people')}")
        else:
            people = [m.person_id for m in view.members(group)]
            pinned = {m.person_id for m in group.members if m.pinned}
            heading.update(f"{group.name} · {view.role_words(group)}")
        rows = []
        for pid in people:
            person = view.people[pid]
            why = "; ".join(view.reasons(pid)) if group is not None else "arrived after the split"
            name = person.display_name + (" (pinned)" if group and pid in pinned else "")
            rows.append((pid, (name, ROLE_NOUNS[person.role][0], why)))
        table.replace_rows(rows, highlight=highlight)
        self.show_detail()

    def chosen_person(self) -> int | None:
        """The highlighted person, once the facilitator is in the list of people."""
        table = self.query_one(MembersTable)
        return table.selected_id if table.has_focus else None

    def person_for(self, verb: str) -> int | None:
        """The person a key is for, or None after saying how to choose one."""
        pid = self.chosen_person()
        if pid is None:
            self.notify(f"Press tab to go to the list of people, choose someone, then {verb}.")
        return pid

    def show_detail(self) -> None:
        """The highlighted person's reasons in full, with what they need of a place."""
        detail = self.query_one("#member-detail", Static)
        pid = self.query_one(MembersTable).selected_id
        if self.view is None or pid is None or pid not in self.view.people:
            detail.display = False
            return
        person = self.view.people[pid]
        lines = [f"{person.display_name}: " + "; ".join(self.view.reasons(pid) or ["not placed"])]
        if person.needs:
            lines.append("Needs " + " and ".join(n.label for n in sorted(person.needs)) + ".")
        if person.access_needs:
            lines.append(f"Access needs: {person.access_needs}")
        detail.update("\n".join(lines))
        detail.display = True

    @on(DataTable.RowHighlighted, "#groups-table")
    def _group_highlighted(self) -> None:
        self.show_members()

    @on(DataTable.RowSelected, "#groups-table")
    def _group_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.query_one(MembersTable).focus()

    @on(DataTable.RowHighlighted, "#members-table")
    def _person_highlighted(self) -> None:
        self.show_detail()

    # --- keys --------------------------------------------------------------------------

    def attempt(self, change: Callable[[], str | None], **after: int | None) -> None:
        """Make one change: say what happened, or why it could not happen."""
        try:
            said = change()
        except FacilitatorError as error:
            self.notify(str(error), severity="warning")
            self.reload()
            return
        self.reload(**after)
        if said:
            self.notify(said)

    def action_make(self) -> None:
        items = self.store.agenda.items(self.session_id)
        wanted = self.breakouts.item_for_new_round(items)

        def made(view: RoundView | None) -> None:
            if view is None:
                return
            self.round_id = view.round.id
            self.reload()
            self.query_one(GroupsTable).focus()
            broken = len(view.broken)
            self.notify(
                f"Made {plural(len(view.round.groups), 'group')}."
                + (
                    " Every rule is kept."
                    if not broken
                    else f" {plural(broken, 'rule')} could not be kept: see above."
                )
            )

        self.app.push_screen(MakeGroupsForm(self.breakouts, items, wanted), made)

    def need_round(self) -> RoundView | None:
        if self.view is None or self.round_id is None:
            self.notify("There are no groups yet. Press g to make them.")
            return None
        return self.view

    def action_rebalance(self) -> None:
        view = self.need_round()
        if view is None:
            return
        round_id = view.round.id
        assert round_id is not None
        locked = sum(1 for g in view.round.groups if g.locked)
        pinned = sum(1 for g in view.round.groups if not g.locked for m in g.members if m.pinned)

        def balance() -> str:
            after = self.breakouts.rebalance(round_id)
            kept = []
            if locked:
                kept.append(plural(locked, "locked group"))
            if pinned:
                kept.append(plural(pinned, "pinned person", "pinned people"))
            words = "Balanced again" + (f" without moving {' and '.join(kept)}" if kept else "")
            broken = len(after.broken)
            return words + (
                ". Every rule is kept."
                if not broken
                else f". {plural(broken, 'rule')} could not be kept."
            )

        self.attempt(balance, group=self.query_one(GroupsTable).selected_id)

    def groups_to_move_to(self, view: RoundView, pid: int) -> list[Choice]:
        here = view.round.group_of(pid)
        return [
            Choice(
                str(g.id),
                f"{g.name}{' · ' + g.place if g.place else ''}: {view.counts(g).size} people"
                + (" (locked)" if g.locked else "")
                + (" (here now)" if g is here else ""),
                disabled=g is here,
            )
            for g in view.round.groups
        ]

    def action_move(self) -> None:
        view = self.need_round()
        if view is None:
            return
        pid = self.person_for("press m")
        if pid is None:
            return
        name = view.people[pid].display_name

        def chosen(key: str | None) -> None:
            if key is not None:
                self.move_to(pid, int(key))

        self.app.push_screen(
            ChoiceScreen(f"Move {name} to which group?", self.groups_to_move_to(view, pid)), chosen
        )

    def move_to(self, pid: int, group_id: int) -> None:
        view = self.view
        assert view is not None and view.round.id is not None
        round_id = view.round.id
        group = next(g for g in view.round.groups if g.id == group_id)
        name = view.people[pid].display_name

        def move() -> str:
            after, along = self.breakouts.move(round_id, pid, group_id)
            before = {b.words for b in view.broken}
            news = [b.words for b in after.broken if b.words not in before]
            who = name + (f" (with {', '.join(along)})" if along else "")
            said = f"Moved {who} to {group.name}, pinned there when the rest are balanced again."
            return said + (" Now: " + " ".join(news) if news else "")

        self.attempt(move, group=group_id, person=pid)

    def action_step_move(self, offset: int) -> None:
        view = self.need_round()
        if view is None:
            return
        pid = self.person_for("press < or >")
        if pid is None:
            return
        groups = view.round.groups
        here = view.round.group_of(pid)
        index = groups.index(here) if here is not None else (-1 if offset > 0 else len(groups))
        target = index + offset
        if not 0 <= target < len(groups):
            self.notify("There is no group further that way.")
            return
        assert groups[target].id is not None
        self.move_to(pid, groups[target].id)

    def action_lock(self) -> None:
        group = self.chosen_group()
        if self.need_round() is None:
            return
        if group is None:
            self.notify("Choose a group in the list of groups to lock it.")
            return

        def lock() -> str:
            self.breakouts.lock(group, not group.locked)
            if group.locked:
                return f"Unlocked {group.name}: balancing again may change it."
            return f"Locked {group.name}: balancing again leaves it as it is."

        self.attempt(lock, group=group.id)

    def action_pin(self) -> None:
        view = self.need_round()
        if view is None:
            return
        pid = self.person_for("press p")
        if pid is None:
            return
        group = view.round.group_of(pid)
        if group is None:
            self.notify("They are not in a group yet: move them into one first (m).")
            return
        member = next(m for m in group.members if m.person_id == pid)
        name = view.people[pid].display_name
        round_id = view.round.id
        assert round_id is not None

        def pin() -> str:
            self.breakouts.pin(round_id, pid, not member.pinned)
            if member.pinned:
                return f"{name} is no longer pinned: balancing again may move them."
            return f"Pinned {name} to {group.name}."

        self.attempt(pin, group=group.id, person=pid)

    def action_edit(self) -> None:
        group = self.chosen_group()
        if self.need_round() is None:
            return
        if group is None:
            self.notify("Choose a group in the list of groups to change it.")
            return

        def saved(changed: BreakoutGroup | None) -> None:
            if changed is not None:
                self.reload(group=changed.id)
                self.notify(
                    f"Saved {changed.name}. Press r to balance again so that its place counts."
                )

        self.app.push_screen(GroupForm(self.breakouts, group), saved)

    def action_keep(self, kind: str) -> None:
        view = self.need_round()
        if view is None:
            return
        pid = self.person_for("press " + ("x" if kind == "apart" else "t"))
        if pid is None:
            return
        wish = PairKind(kind)
        name = view.people[pid].display_name
        others = sorted(
            (p for p in view.people.values() if p.id != pid),
            key=lambda p: p.display_name.casefold(),
        )
        question = (
            f"Keep {name} apart from whom?" if wish is PairKind.APART else f"Keep {name} with whom?"
        )

        wished = self.breakouts.wishes(pid)

        def chosen(key: str | None) -> None:
            if key is None:
                return
            other_id = int(key)
            other = view.people[other_id].display_name
            how = "apart from" if wish is PairKind.APART else "with"

            def keep() -> str:
                if wished.get(other_id) is wish:
                    self.breakouts.forget(pid, other_id)
                    return f"{name} is no longer kept {how} {other}. Press r to balance again."
                self.breakouts.keep(pid, other_id, wish)
                return (
                    f"{name} will be kept {how} {other} at every session. Press r to balance again."
                )

            self.attempt(keep, group=self.query_one(GroupsTable).selected_id, person=pid)

        choices = [
            Choice(
                str(p.id),
                p.display_name + (" (as now: choose to stop)" if wished.get(p.id) is wish else ""),
            )
            for p in others
        ]
        self.app.push_screen(ChoiceScreen(question, choices), chosen)

    def action_save(self) -> None:
        view = self.need_round()
        if view is None or view.round.id is None:
            return
        session = self.store.sessions.get(self.session_id)

        def saved(split: object | None) -> None:
            if split is not None:
                self.notify(
                    "Saved. Later sessions of the same project (or, for a session with no "
                    "project, other sessions with none) can start from these groups (u)."
                )

        self.app.push_screen(
            SaveSplitForm(
                self.breakouts, view.round.id, f"{session.title}, round {view.round.number}"
            ),
            saved,
        )

    def action_use_saved(self) -> None:
        splits = self.breakouts.saved()
        if not splits:
            self.notify(
                "No splits have been saved in this project yet. Press s on a round to save one."
            )
            return
        source = self.breakouts.default_source()

        def chosen(key: str | None) -> None:
            if key is None:
                return
            result: list[RoundView] = []

            def use() -> str:
                view, said = self.breakouts.use_saved(
                    int(key), source, self.breakouts.item_for_new_round()
                )
                result.append(view)
                self.round_id = view.round.id
                return said

            self.attempt(use)

        self.app.push_screen(
            ChoiceScreen(
                "Start from which saved split?",
                [Choice(str(s.id), f"{s.name} ({plural(len(s.groups), 'group')})") for s in splits],
            ),
            chosen,
        )

    def action_step_round(self, offset: int) -> None:
        ids = [r.id for r in self.breakouts.rounds()]
        if not ids:
            self.notify("There are no groups yet. Press g to make them.")
            return
        index = ids.index(self.round_id) if self.round_id in ids else len(ids) - 1
        target = index + offset
        if not 0 <= target < len(ids):
            self.notify("That is the " + ("first" if offset < 0 else "last") + " round.")
            return
        self.round_id = ids[target]
        self.reload()

    def action_delete_round(self) -> None:
        view = self.need_round()
        if view is None or view.round.id is None:
            return
        round_id = view.round.id
        notes = sum(self.store.breakouts.note_counts(round_id).values())
        also = (
            f" {plural(notes, 'note')} taken in its groups will be kept, under no group."
            if notes
            else ""
        )

        def answered(delete: bool | None) -> None:
            if delete:
                self.attempt(lambda: (self.breakouts.delete(round_id), "Round deleted.")[1])

        self.app.push_screen(
            ConfirmScreen(
                f"Delete round {view.round.number}?",
                f"Its {plural(len(view.round.groups), 'group')} and who was in them will be "
                f"forgotten.{also}",
                yes="Delete round",
            ),
            answered,
        )
