"""`facilitator checkin`: check-in as plain lines, for screen readers and plain terminals.

One question at a time, short lines, numbers to choose from, no colour and no cursor
movement: output a screen reader reads well. The work itself is done by
`sessions.checkin.CheckIn`, the same service the Check-in tab uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sessions.checkin import (
    Candidate,
    Change,
    CheckIn,
    CheckInError,
    SessionDay,
    access_needs_line,
)
from sessions.clock import venue_date
from sessions.display import format_date, format_time, plural
from sessions.errors import FacilitatorError, ValidationError
from sessions.models import AttendanceStatus, Person, Role, Session, SessionOverview
from sessions.planning import session_matches, split_by_day
from sessions.store import Store
from sessions.validation import leaving_from_form, walk_in_from_form

Ask = Callable[[str], str]
"""Shows a prompt and returns the line typed; raises EOFError when input ends."""
Say = Callable[[str], None]

SHOWN = 10
"""Matches listed at once: more is too much to listen to; typing more narrows it."""

FIRST_PROMPT = "Type part of a name (+ for a walk-in, u to undo, ? for help, q to finish): "
PROMPT = "Name, or ? for help: "

HELP = (
    "Type part of a name, phone number or email, then press Enter.",
    "If more than one person matches, type their number.",
    "Pick someone who is already here to mark them as left early.",
    "Type + for someone who is not in the people bank yet, or + and their name.",
    "Type u to undo the last change. You can undo more than once.",
    "Press Enter on its own to hear how many are in the room.",
    "Type q, or press Ctrl+D, to finish.",
)

_OTHER_STATUSES = (
    AttendanceStatus.BOOKED,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.DID_NOT_COME,
)


class SessionNotFound(FacilitatorError):
    """Nothing matches what was typed for the session."""


def find_sessions(store: Store, text: str, today: dt.date) -> list[SessionOverview]:
    """The session with this number, or those whose title, venue or kind match the
    words: today's first, then coming up, then the most recent past ones."""
    text = " ".join(text.split())
    everything = store.sessions.overview()
    if text.isascii() and text.isdigit():
        numbered = [s for s in everything if s.id == int(text)]
        if numbered:
            return numbered
    sections = split_by_day((s for s in everything if session_matches(s, text)), today)
    found = sections.today + sections.coming + sections.past
    if not found:
        if text.isascii() and text.isdigit():
            raise SessionNotFound(
                f"There is no session number {text}. `facilitator sessions` lists them all."
            )
        raise SessionNotFound(
            f"No session matches “{text}”. `facilitator sessions` lists them all."
        )
    return found


def session_choice_line(number: int, session: SessionOverview) -> str:
    return (
        f"{number}. {format_date(session.date)} at {format_time(session.start)}: "
        f"{' '.join(session.title.split())}."
    )


def choose_session(found: list[SessionOverview], text: str, ask: Ask, say: Say) -> int | None:
    """The number of the session meant; None if the person gave up."""
    if len(found) == 1:
        return found[0].id
    say(f"{len(found)} sessions match “{' '.join(text.split())}”:")
    for number, session in enumerate(found, start=1):
        say(session_choice_line(number, session))
    chosen = ask_number(ask, say, len(found), "Which one? Type its number, or Enter to stop: ")
    return None if chosen is None else found[chosen - 1].id


def ask_number(ask: Ask, say: Say, highest: int, prompt: str) -> int | None:
    """A number from 1 to `highest`, asked again until it is one; None for Enter."""
    while True:
        answer = ask(prompt).strip()
        if not answer:
            return None
        if answer.isascii() and answer.isdigit() and 1 <= int(answer) <= highest:
            return int(answer)
        if highest == 1:
            say("Type 1, or press Enter for none.")
        else:
            say(f"Type a number from 1 to {highest}, or press Enter for none.")


def confirm(ask: Ask, say: Say, question: str, *, default: bool = True) -> bool:
    hint = "[Y/n]" if default else "[y/N]"
    while True:
        answer = ask(f"{question} {hint}: ").strip().casefold()
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        say("Type y for yes or n for no.")


def candidate_line(number: int, candidate: Candidate) -> str:
    person = candidate.person
    where = f", {person.organisation}" if person.organisation else ""
    status = candidate.status_text or "not booked"
    return f"{number}. {person.display_name}{where}: {status[0].lower()}{status[1:]}."


def contact_words(person: Person) -> str:
    """Enough to tell two people with the same name apart, out loud."""
    if person.phone:
        return f"phone {person.phone}"
    if person.email:
        return f"email {person.email}"
    if person.organisation:
        return person.organisation
    return person.role.label.lower()


@dataclass
class CheckInPrompt:
    """The question-and-answer loop for one session's check-in."""

    checkin: CheckIn
    session: Session
    ask: Ask
    say: Say
    pending: str | None = None
    """A line typed where a number was asked: handled as if typed at the main prompt."""

    def run(self) -> None:
        """Ask until the person types q or input ends, then say where things stand."""
        self.introduce()
        prompt = FIRST_PROMPT
        try:
            while self.handle(self.next_line(prompt)):
                prompt = PROMPT
        except (EOFError, KeyboardInterrupt):
            self.say("")  # end the line the prompt was on
        changes = len(self.checkin.changes)
        room = self.checkin.room().summary
        self.say(f"Check-in finished after {plural(changes, 'change')}. {room}")

    def next_line(self, prompt: str) -> str:
        """What was typed at a number prompt instead of a number, else a new line."""
        line, self.pending = self.pending, None
        return line if line is not None else self.ask(prompt).strip()

    def introduce(self) -> None:
        session = self.session
        self.say(
            f"Check-in for {' '.join(session.title.split())}, {format_date(session.date)}, "
            f"{format_time(session.start)} to {format_time(session.end)}."
        )
        if note := self.checkin.day_note():
            self.say(note)
        self.say_room()

    def say_room(self) -> None:
        room = self.checkin.room()
        self.say(room.summary)
        self.say(room.others.replace(" · ", ", ") + ".")

    def handle(self, text: str) -> bool:
        """Act on one line typed at the main prompt; False when it is time to stop."""
        command = text.casefold()
        if command in ("q", "quit"):
            return False
        if command in ("?", "help"):
            for line in HELP:
                self.say(line)
        elif command in ("u", "undo"):
            self.say(self.checkin.undo() or "Nothing to undo.")
        elif not text:
            self.say_room()
        elif text.startswith("+"):
            self.walk_in(text[1:].strip())
        else:
            self.search(text)
        return True

    # --- finding someone ----------------------------------------------------

    def search(self, text: str) -> None:
        found = self.checkin.candidates(text, limit=SHOWN)
        if not found:
            self.say(f"Nobody matches “{' '.join(text.split())}”. Type + to add a walk-in.")
            return
        if len(found) >= SHOWN:
            self.say(self.checkin.listing_note(text, len(found), limit=SHOWN))
        for number, candidate in enumerate(found, start=1):
            self.say(candidate_line(number, candidate))
        if len(found) == 1:
            self.act(found[0])
            return
        while True:
            answer = self.ask("Which number? Or type another name, or Enter to go back: ").strip()
            if not answer:
                return
            if not (answer.isascii() and answer.isdigit()):
                self.pending = answer
                return
            if 1 <= int(answer) <= len(found):
                self.act(found[int(answer) - 1])
                return
            self.say(f"Type a number from 1 to {len(found)}.")

    def candidate(self, person: Person) -> Candidate:
        assert person.id is not None
        attendance = self.checkin.store.attendance.get(self.checkin.session_id, person.id)
        return Candidate(person, attendance)

    # --- changing someone's status -----------------------------------------

    def act(self, candidate: Candidate) -> None:
        """Offer the likely change for this person first, then the others."""
        name = candidate.person.display_name
        try:
            if candidate.status is AttendanceStatus.ARRIVED:
                self.say(f"{name} is already here: {candidate.status_text.lower()}.")
                if confirm(self.ask, self.say, f"Mark {name} as left early?", default=False):
                    self.leave_early(candidate.person)
                    return
            elif confirm(self.ask, self.say, self.enter_question(candidate)):
                self.enter(candidate.person)
                return
            self.other_choices(candidate)
        except FacilitatorError as error:
            self.say(str(error))

    def enter_question(self, candidate: Candidate) -> str:
        """What choosing someone does: it depends on the session's day."""
        name = candidate.person.display_name
        day = self.checkin.day()
        if day is SessionDay.AHEAD and not candidate.on_session:
            return f"Book {name} for this session?"
        if day is SessionDay.PAST:
            return f"Record that {name} came?"
        if candidate.status is AttendanceStatus.LEFT_EARLY:
            return f"{name}: {candidate.status_text.lower()}. Check them back in?"
        return f"Check in {name}?"

    def enter(self, person: Person, *, offer_companions: bool = True) -> None:
        """Check someone in (or book them, before the day), with what to know about them."""
        assert person.id is not None
        change = self.checkin.enter(person.id)
        self.say(change.said)
        if not _attended(self.candidate(person)):
            return  # booked ahead of the day: nothing to know yet
        self.say(access_needs_line(person))
        if not offer_companions:
            return
        for offer in self.checkin.companion_offers(person.id):
            self.say(offer.reason)
            if confirm(self.ask, self.say, offer.question):
                try:
                    self.enter(offer.person, offer_companions=False)
                except FacilitatorError as error:
                    self.say(str(error))

    def leave_early(self, person: Person) -> None:
        """When they left (now by default) and whether to ring them afterwards."""
        assert person.id is not None
        offered = self.checkin.leaving_time_to_offer(person.id)
        values: dict[str, object] = {
            "left_at": self.ask(f"What time did they leave? Enter for {offered}: ").strip()
            or offered
        }
        values["follow_up"] = confirm(
            self.ask, self.say, "Follow up with a wellbeing call after the session?", default=False
        )
        if values["follow_up"]:
            values["follow_up_note"] = self.ask(
                "A private note for the call, or Enter for none: "
            ).strip()
        while True:
            try:
                leaving = leaving_from_form(values)
                change = self.checkin.leave_early(
                    person.id, leaving.at, follow_up=leaving.follow_up, note=leaving.note
                )
            except ValidationError as error:
                self.say(str(error))
                if "left_at" not in error.problems:
                    values["follow_up_note"] = self.ask("A shorter note, or Enter for none: ")
                    continue
            except CheckInError as error:
                self.say(str(error))
            else:
                self.say(change.said)
                return
            values["left_at"] = self.ask("What time did they leave? Enter to leave it: ").strip()
            if not values["left_at"]:
                self.say("Nothing changed.")
                return

    def other_choices(self, candidate: Candidate) -> None:
        person = candidate.person
        assert person.id is not None
        person_id = person.id
        choices: list[tuple[str, Callable[[], Change | None]]] = []
        if candidate.status is AttendanceStatus.LEFT_EARLY:
            choices.append(("Change the time they left", lambda: self.leave_early(person)))
        for status in _OTHER_STATUSES:
            if status is candidate.status:
                continue
            label = status.label
            if status is AttendanceStatus.BOOKED:
                label = "Booked, not here yet" if candidate.on_session else "Book for this session"
            choices.append(
                (label, lambda status=status: self.checkin.set_status(person_id, status))
            )
        if candidate.on_session:
            choices.append(("Take off this session", lambda: self.checkin.remove(person_id)))
        self.say(f"Other choices for {person.display_name}:")
        for number, (label, _) in enumerate(choices, start=1):
            self.say(f"{number}. {label}.")
        chosen = ask_number(self.ask, self.say, len(choices), "Number, or Enter for no change: ")
        if chosen is None:
            self.say("Nothing changed.")
            return
        change = choices[chosen - 1][1]()
        if change is not None:
            self.say(change.said)

    # --- walk-ins -------------------------------------------------------------

    def walk_in(self, name: str) -> None:
        """Someone not booked: find them in the bank if they are there, else add them."""
        while True:
            if not name:
                name = self.ask("Their full name, or Enter to cancel: ").strip()
                if not name:
                    self.say("No walk-in added.")
                    return
            problem = _walk_in_problem({"name": name, "role": Role.OTHER.value}, "name")
            if problem is None:
                break
            self.say(problem)
            name = ""
        roles = list(Role)
        self.say("What is their role?")
        for number, role in enumerate(roles, start=1):
            self.say(f"{number}. {role.label}.")
        chosen = ask_number(self.ask, self.say, len(roles), "Role number, or Enter to cancel: ")
        if chosen is None:
            self.say("No walk-in added.")
            return
        values = {"name": name, "role": roles[chosen - 1].value}
        while True:
            values["contact"] = self.ask("Phone or email, or Enter to skip: ").strip()
            problem = _walk_in_problem(values, "contact")
            if problem is None:
                break
            self.say(problem)
        walk = walk_in_from_form(values)
        for person in self.checkin.same_person(walk.name, walk.contact):
            question = (
                f"Is this the {person.name} already in the people bank ({contact_words(person)})?"
            )
            if confirm(self.ask, self.say, question):
                self.act(self.candidate(person))
                return
        try:
            person, change = self.checkin.walk_in(walk.name, walk.role, walk.contact)
        except FacilitatorError as error:
            self.say(str(error))
            return
        self.say(change.said)
        self.say(f"Added {person.display_name} to the people bank.")


def _attended(candidate: Candidate) -> bool:
    return candidate.status is not None and candidate.status.attended


def _walk_in_problem(values: dict[str, str], field: str) -> str | None:
    """The walk-in form's problem with one field, if it has one."""
    try:
        walk_in_from_form(values)
    except ValidationError as error:
        return error.problems.get(field)
    return None


def run_checkin(
    store: Store,
    text: str,
    now: Callable[[], dt.datetime],
    ask: Ask,
    say: Say,
) -> None:
    """Choose the session from what was typed, then check people in until done."""
    today = venue_date(now())
    found = find_sessions(store, text, today)
    try:
        session_id = choose_session(found, text, ask, say)
    except (EOFError, KeyboardInterrupt):
        say("")
        session_id = None
    if session_id is None:
        say("No session chosen, so nothing changed.")
        return
    session = store.sessions.get(session_id)
    CheckInPrompt(CheckIn(store, session_id, now), session, ask, say).run()
