"""What a "You said, we will" summary of a session may say, decided here, not in Word.

`build_summary` reads the session from the store and keeps only what may be
published (DOMAIN.md, FACTS.md "Personal data"):

- who took part as counts by role; names only when the SUMMARY_NAMES setting is on
  (each by their full name, with the name they go by, so two Gazes are told apart);
  never anyone's access needs, contact details or the private follow-up notes;
- what was heard, grouped by agenda item and then by breakout group; a quote only
  when its speaker agreed: with their name (NAMED), without it (ANONYMOUS), never
  when it is not for publication;
- what we decided together, when the room voted: the result once frozen, or as it
  stood when the session ended (counts only, never who voted for what);
- what we will do (this session's actions) and what we did about the actions of
  earlier sessions of the same project;
- the next session of the project, where to sign up and how to contact the team.

A session that has not started yet has nothing to summarise: `build_summary` says so
(NOT_HAPPENED) instead of thanking people for a meeting still to come. The sign-up
code never invites people to a meeting that has passed.

The writers in `exports.summary` only lay this out. The reading is a fixed, small
number of queries whatever the size of the session (no query per note or person).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sessions.clock import has_started, is_over, local_time, now_utc, venue_date
from sessions.decide_models import DecisionResult, DecisionRules, VoteMethod
from sessions.display import format_date, plural
from sessions.erasure import ERASED_NAME
from sessions.errors import FacilitatorError
from sessions.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Note,
    NoteKind,
    QuoteConsent,
    Role,
    Session,
)
from sessions.money import pounds
from sessions.signup import (
    PASSED,
    SignupLink,
    link_for_project,
    link_for_session,
    load_target,
)
from sessions.store.settings import CONTACT_DETAILS, SUMMARY_NAMES

if TYPE_CHECKING:
    from sessions.store import Store

Progress = Callable[[str], None]

NOT_HAPPENED = "This session has not happened yet, so there is nothing to summarise."

ROLE_WORDS: dict[Role, tuple[str, str]] = {
    Role.LIVED_EXPERIENCE: ("person with lived experience", "people with lived experience"),
    Role.CARER: ("carer", "carers"),
    Role.STAFF: ("member of staff", "members of staff"),
    Role.COMMISSIONER: ("commissioner", "commissioners"),
    Role.PROVIDER: ("person from a care provider", "people from care providers"),
    Role.COMMUNITY_SECTOR: (
        "person from a voluntary or community group",
        "people from voluntary or community groups",
    ),
    Role.OTHER: ("other person", "other people"),
}
"""How many of a role, in words: '1 carer', '3 carers'."""

STATUS_WORDS = {
    ActionStatus.OPEN: "Not started yet",
    ActionStatus.IN_PROGRESS: "Being worked on",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Not going ahead",
}
"""Where an earlier action is now, for the people it was promised to."""

WHOLE_ROOM = "The whole room"
"""The heading for notes taken in the room, beside those taken in breakout groups."""

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|(?<=[.!?…][\"'”’)])\s+(?=\S)")
ABBREVIATIONS = frozenset({"mr.", "mrs.", "ms.", "dr.", "st.", "no.", "e.g.", "i.e.", "etc."})
"""Words ending in a full stop that do not end a sentence."""
SENTENCE_OPENERS = "\"'“‘(0123456789£"


@dataclass(frozen=True)
class RoleCount:
    role: Role
    count: int

    @property
    def words(self) -> str:
        """'3 carers', '1 member of staff'."""
        one, many = ROLE_WORDS[self.role]
        return f"{self.count:,} {one if self.count == 1 else many}"


@dataclass(frozen=True)
class HeardNote:
    """One thing heard, as it may be published."""

    kind: NoteKind
    text: str
    speaker: str = ""
    """Only for a quote whose speaker agreed to be named."""

    @property
    def is_quote(self) -> bool:
        return self.kind is NoteKind.QUOTE


@dataclass(frozen=True)
class HeardGroup:
    """The notes heard in one breakout group, or in the whole room (`name` "")."""

    name: str
    notes: tuple[HeardNote, ...]


@dataclass(frozen=True)
class HeardItem:
    """What was heard under one agenda item (`title` "" for the session as a whole)."""

    title: str
    groups: tuple[HeardGroup, ...]

    @property
    def in_groups(self) -> bool:
        """True when some of it was heard in breakout groups."""
        return any(group.name for group in self.groups)


@dataclass(frozen=True)
class WeWill:
    what: str
    owner: str
    due: dt.date | None
    status: ActionStatus


@dataclass(frozen=True)
class EarlierAction:
    """An action from an earlier session of the same project, and what became of it."""

    what: str
    owner: str
    due: dt.date | None
    status: ActionStatus
    outcome: str
    session_title: str
    session_date: dt.date

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class DecidedTogether:
    """What the room decided by voting: the rules and the counted result (counts only,
    never who voted for what)."""

    rules: DecisionRules
    result: DecisionResult

    @property
    def is_budget(self) -> bool:
        return self.rules.method is VoteMethod.BUDGET

    @property
    def points_word(self) -> str:
        return "points" if self.rules.method is VoteMethod.RANKING else "dots"

    def how_words(self) -> str:
        """'12 people voted by dot-voting, with 3 dots each to place as they chose.'"""
        rules = self.rules
        people = plural(self.result.voters, "person", "people")
        dots = plural(rules.dots_per_person, "dot")
        placed = (
            "to place as they chose, more than one on the same option if they wished"
            if rules.may_stack
            else "to place on different options"
        )
        if rules.method is VoteMethod.RANKING:
            top = rules.rank_top
            return (
                f"{people} ranked their top {top}. We counted by the Borda count: a first "
                f"choice earns {plural(top, 'point')}, the next one fewer, down to 1 point."
                if top > 1
                else f"{people} each chose their first choice, which earns 1 point."
            )
        if rules.method is VoteMethod.BUDGET:
            return (
                f"{people} shared out a budget of {pounds(rules.budget_pence or 0)} by "
                f"dot-voting, with {dots} each {placed}. The proposals with most dots were "
                "funded in that order until the money ran out; one that no longer fitted "
                "was passed over for the next."
            )
        return f"{people} voted by dot-voting, with {dots} each {placed}."

    def when_words(self) -> str:
        """When the result was settled: frozen, or as it stood at the end."""
        frozen = self.result.frozen_at
        if frozen is None:
            return "This is the count as it stood when the session ended."
        return (
            f"The result was agreed and kept at {local_time(frozen)} on "
            f"{format_date(venue_date(frozen))}."
        )


@dataclass(frozen=True)
class SummaryContent:
    session: Session
    took_part: tuple[RoleCount, ...]
    names: tuple[str, ...]
    """Empty unless the SUMMARY_NAMES setting is on: everyone who came, by their full
    name with the name they go by ('Gaz (Gareth Jones)'), erased people left out."""
    heard: tuple[HeardItem, ...]
    we_will: tuple[WeWill, ...]
    earlier: tuple[EarlierAction, ...]
    next_session: Session | None
    """The project's next session, if one is planned."""
    signup: SignupLink | None
    """Where the QR code points: signing up for the project's next session, or for
    the project when none is planned yet, or (with no project) this session. None
    when no sign-up target is set."""
    contact: str
    """The CONTACT_DETAILS setting, as typed (lines kept)."""
    signup_note: str = ""
    """For the facilitator, when there is no code because the session is over and has
    no project (PASSED); empty otherwise."""
    decided: DecidedTogether | None = None
    """What the room voted for, when there is a result: frozen, or live once the
    session is over."""

    @property
    def people_count(self) -> int:
        return sum(count.count for count in self.took_part)

    @property
    def unnamed_count(self) -> int:
        """Those who came but are not in `names` (their details were erased), when names
        are shown at all."""
        return max(0, self.people_count - len(self.names)) if self.names else 0

    @property
    def note_count(self) -> int:
        return sum(len(group.notes) for item in self.heard for group in item.groups)

    @property
    def contact_lines(self) -> list[str]:
        return [line.strip() for line in self.contact.splitlines() if line.strip()]


# --- reading the store ---------------------------------------------------------------


def build_summary(
    store: Store,
    session_id: int,
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> SummaryContent:
    """Everything the summary of this session may say, at `now` (this moment when not
    given). Raises NotFound if it is gone, and FacilitatorError (NOT_HAPPENED) if it has
    not started yet."""

    def said(words: str) -> None:
        if progress is not None:
            progress(words)

    now = now or now_utc()
    session = store.sessions.get(session_id)
    if not has_started(session, now):
        raise FacilitatorError(NOT_HAPPENED)
    said("Counting who took part")
    took_part = _took_part(store, session_id)
    names = _names(store, session_id) if store.settings.get(SUMMARY_NAMES, False) is True else ()
    said("Gathering what was heard")
    heard = _heard(store, session_id)
    said("Gathering what we will do")
    we_will = tuple(
        WeWill(a.what, a.owner, a.due, a.status)
        for a in store.actions.for_session(session_id)
        if a.status is not ActionStatus.DROPPED  # not a promise any more
    )
    said("Counting what we decided together")
    decided = _decided(store, session_id, now)
    earlier, next_session = _project(store, session, now)
    signup = _signup(store, session, next_session, now)
    return SummaryContent(
        session=session,
        took_part=took_part,
        names=names,
        heard=heard,
        we_will=we_will,
        earlier=earlier,
        next_session=next_session,
        signup=signup,
        contact=str(store.settings.get(CONTACT_DETAILS, "") or "").strip(),
        signup_note=PASSED if signup is None and load_target(store) is not None else "",
        decided=decided,
    )


def _decided(store: Store, session_id: int, now: dt.datetime) -> DecidedTogether | None:
    """The room's vote, when there is a result to report."""
    from sessions.deciding import Deciding

    deciding = Deciding(store, session_id, lambda: now)
    result = deciding.settled_result()
    return None if result is None else DecidedTogether(deciding.rules(), result)


def _took_part(store: Store, session_id: int) -> tuple[RoleCount, ...]:
    """Counts of those who came (arrived, or left early), in the order of the roles."""
    totals: dict[Role, int] = {}
    for (role, status), count in store.attendance.role_counts(session_id).items():
        if status.attended:
            totals[role] = totals.get(role, 0) + count
    return tuple(RoleCount(role, totals[role]) for role in Role if totals.get(role))


def _names(store: Store, session_id: int) -> tuple[str, ...]:
    """Everyone who came, one name each: their full name, with the name they go by
    before it when that differs ('Gaz (Gareth Jones)'), so that two people called Gaz
    are told apart and the names add up to the count. Erased people are left out."""
    came = [a.person_id for a in store.attendance.for_session(session_id) if a.status.attended]
    names = [
        " ".join(person.display_name.split())
        for person in store.people.many(came)
        if person.name.strip() and person.name != ERASED_NAME
    ]
    return tuple(sorted(names, key=lambda name: (name.casefold(), name)))


def publishable(note: Note) -> HeardNote | None:
    """A note as it may be published, or None when it may not be."""
    text = note.text.strip()
    if not text:
        return None
    if note.kind is not NoteKind.QUOTE:
        return HeardNote(note.kind, text)
    if note.consent is QuoteConsent.NAMED:
        return HeardNote(note.kind, text, " ".join(note.speaker.split()))
    if note.consent is QuoteConsent.ANONYMOUS:
        return HeardNote(note.kind, text)
    return None


def _heard(store: Store, session_id: int) -> tuple[HeardItem, ...]:
    """Published notes by agenda item in the agenda's order, then those for the session
    as a whole (or under an item deleted since); in each, the room's first, then each
    breakout group's in the order of the groups."""
    items: list[AgendaItem] = store.agenda.items(session_id)
    titles: dict[int | None, str] = {item.id: item.title for item in items}
    group_names, group_order = _group_names(store, session_id)
    by_place: dict[int | None, dict[int | None, list[HeardNote]]] = {}
    for note in store.notes.for_session(session_id):
        heard = publishable(note)
        if heard is None:
            continue
        item = note.agenda_item_id if note.agenda_item_id in titles else None
        group = note.breakout_group_id if note.breakout_group_id in group_names else None
        by_place.setdefault(item, {}).setdefault(group, []).append(heard)
    return tuple(
        _item(titles.get(item_id, ""), by_place[item_id], group_names, group_order)
        for item_id in [item.id for item in items] + [None]
        if item_id in by_place
    )


def _item(
    title: str,
    groups: dict[int | None, list[HeardNote]],
    group_names: dict[int, str],
    group_order: dict[int, int],
) -> HeardItem:
    ordered = sorted(groups, key=lambda g: -1 if g is None else group_order[g])
    return HeardItem(
        title,
        tuple(HeardGroup("" if g is None else group_names[g], tuple(groups[g])) for g in ordered),
    )


def _group_names(store: Store, session_id: int) -> tuple[dict[int, str], dict[int, int]]:
    """Each breakout group's name, with its round when the session had more than one
    round and the name alone would not tell them apart; and the order they come in."""
    rounds = store.breakouts.rounds(session_id)
    counts: dict[str, int] = {}
    for breakout in rounds:
        for group in breakout.groups:
            counts[group.name] = counts.get(group.name, 0) + 1
    names: dict[int, str] = {}
    order: dict[int, int] = {}
    for breakout in rounds:
        for group in breakout.groups:
            if group.id is None:
                continue
            name = " ".join(group.name.split()) or "A group"
            if counts[group.name] > 1:
                name = f"{name} (round {breakout.number})"
            names[group.id] = name
            order[group.id] = len(order)
    return names, order


def _project(
    store: Store, session: Session, now: dt.datetime
) -> tuple[tuple[EarlierAction, ...], Session | None]:
    """Actions of the project's earlier sessions, and its next session that is not over
    at `now`, if it has one."""
    project_id = store.sessions.project_id(session.id) if session.id is not None else None
    if project_id is None:
        return (), None
    here = (session.date, session.start, session.id or 0)
    earlier_ids: set[int] = set()
    later = []
    for other in store.sessions.overview(project_id=project_id):
        if other.id == session.id:
            continue
        when = (other.date, other.start, other.id)
        if when < here:
            earlier_ids.add(other.id)
        if not is_over(other, now):
            later.append((when, other))
    earlier: list[EarlierAction] = []
    if earlier_ids:
        lines = [
            line
            for line in store.actions.lines(project_id=project_id)
            if line.action.session_id in earlier_ids
        ]
        lines.sort(key=lambda line: (line.session_date, line.action.session_id, line.action.id))
        earlier = [_earlier(line.action, line.session_title, line.session_date) for line in lines]
    next_session = None
    if later:
        _, soonest = min(later, key=lambda pair: pair[0])
        next_session = store.sessions.get(soonest.id)
    return tuple(earlier), next_session


def _earlier(action: Action, title: str, day: dt.date) -> EarlierAction:
    return EarlierAction(
        what=action.what,
        owner=action.owner,
        due=action.due,
        status=action.status,
        outcome=action.outcome,
        session_title=title,
        session_date=day,
    )


def _signup(
    store: Store, session: Session, upcoming: Session | None, now: dt.datetime
) -> SignupLink | None:
    """People reading a summary can sign up for what comes next, never for what has
    passed: the project's next session not over yet, else the project, else this
    session while it is not over; else no code at all."""
    target = load_target(store)
    if target is None:
        return None
    if upcoming is not None:
        return link_for_session(target, upcoming)
    if session.project_name.strip():
        return link_for_project(target, session.project_name)
    if not is_over(session, now):
        return link_for_session(target, session)
    return None


# --- words for Easy Read ---------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    """A note's own words, one sentence a line: split after . ! ? (and a closing
    quote) where a new sentence starts, and at line ends.

    Nothing is reworded: Easy Read puts one idea on each line, and the words stay the
    facilitator's. 'Mr. Smith' and 'e.g. this' are not split."""
    sentences: list[str] = []
    for line in text.splitlines():
        kept: list[str] = []
        for piece in _SENTENCE_END.split(line.strip()):
            if not piece.strip():
                continue
            if kept and _goes_on(kept[-1], piece):
                kept[-1] = f"{kept[-1]} {piece}"
            else:
                kept.append(piece.strip())
        sentences.extend(kept)
    return sentences


def _goes_on(before: str, piece: str) -> bool:
    """True when `piece` continues the sentence `before` (after 'Mr.' or before a
    small letter)."""
    last = before.rsplit(" ", 1)[-1].casefold()
    return last in ABBREVIATIONS or not (piece[0].isupper() or piece[0] in SENTENCE_OPENERS)


def long_date(day: dt.date) -> str:
    """'Thursday 3 December 2026': Easy Read spells words out in full."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def easy_time(moment: dt.time) -> str:
    """'10am', '2:30pm', '12 noon'."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"
