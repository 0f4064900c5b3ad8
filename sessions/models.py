"""The things Facilitator knows about, as plain dataclasses and enums.

Enum values are what is stored; `label` is what people read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A stored value with the words people see for it."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def from_label_or_value(cls, text: str) -> Self:
        """Find a member by its stored value or its label, ignoring case."""
        wanted = text.strip().casefold()
        for member in cls:
            if wanted in (member.value.casefold(), member.label.casefold()):
                return member
        raise ValueError(text)


class Role(LabelledEnum):
    """Why someone is in the room. The balance of roles matters in every session."""

    LIVED_EXPERIENCE = "lived_experience", "Person with lived experience"
    CARER = "carer", "Carer"
    STAFF = "staff", "Staff"
    COMMISSIONER = "commissioner", "Commissioner"
    PROVIDER = "provider", "Care provider"
    COMMUNITY_SECTOR = "community_sector", "Voluntary or community sector"
    OTHER = "other", "Other"


class CommunicationPreference(LabelledEnum):
    NOT_ASKED = "not_asked", "Not asked yet"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    POST = "post", "Post"
    EASY_READ = "easy_read", "Easy Read"
    LARGE_PRINT = "large_print", "Large print"


class PaymentPreference(LabelledEnum):
    """How someone wants to be paid for their time, if at all."""

    NOT_ASKED = "not_asked", "Not asked yet"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    VOUCHER = "voucher", "Voucher"
    DECLINE = "decline", "Does not want payment"


class SessionKind(LabelledEnum):
    LISTENING_SPACE = "listening_space", "Listening Space"
    OVER_A_BREW = "over_a_brew", "Over a Brew"
    PROJECT_MEETING = "project_meeting", "Project meeting"
    TASK_AND_FINISH = "task_and_finish", "Task-and-finish group"
    STEERING_GROUP = "steering_group", "Steering group"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"


class AgendaKind(LabelledEnum):
    WELCOME = "welcome", "Welcome"
    ICEBREAKER = "icebreaker", "Icebreaker"
    DISCUSSION = "discussion", "Discussion"
    BREAKOUT = "breakout", "Breakout"
    BREAK = "break", "Break"
    FEEDBACK = "feedback", "Feedback"
    CLOSE = "close", "Close"


class AttendanceStatus(LabelledEnum):
    BOOKED = "booked", "Booked"
    ARRIVED = "arrived", "Arrived"
    LEFT_EARLY = "left_early", "Left early"
    APOLOGIES = "apologies", "Sent apologies"
    DID_NOT_COME = "did_not_come", "Did not come"

    @property
    def attended(self) -> bool:
        return self in (AttendanceStatus.ARRIVED, AttendanceStatus.LEFT_EARLY)


class Voice(LabelledEnum):
    """The four groups whose balance a facilitator watches in the room."""

    LIVED_EXPERIENCE = "lived_experience", "Lived experience"
    CARER = "carer", "Carers"
    STAFF = "staff", "Staff"
    OTHER = "other", "Others"


VOICE_OF_ROLE = {
    Role.LIVED_EXPERIENCE: Voice.LIVED_EXPERIENCE,
    Role.CARER: Voice.CARER,
    Role.STAFF: Voice.STAFF,
    Role.COMMISSIONER: Voice.STAFF,
    Role.PROVIDER: Voice.STAFF,
    Role.COMMUNITY_SECTOR: Voice.OTHER,
    Role.OTHER: Voice.OTHER,
}
"""Commissioners and care providers are paid to be there, so they count with staff."""


class Need(LabelledEnum):
    """What someone needs of the place their breakout group meets in."""

    STEP_FREE = "step_free", "step-free access"
    HEARING_LOOP = "hearing_loop", "a hearing loop"


class Relation(LabelledEnum):
    """Who comes with someone, so that checking one in offers the other."""

    CARER = "carer", "Carer"
    PERSONAL_ASSISTANT = "personal_assistant", "Personal assistant"
    INTERPRETER = "interpreter", "Interpreter"


class NoteKind(LabelledEnum):
    HEARD = "heard", "Heard"
    IDEA = "idea", "Idea"
    QUESTION = "question", "Question"
    QUOTE = "quote", "Quote"


class QuoteConsent(LabelledEnum):
    """What the speaker agreed to. Nothing is published unless they said so."""

    NOT_FOR_PUBLICATION = "not_for_publication", "Not for publication"
    ANONYMOUS = "anonymous", "May be quoted anonymously"
    NAMED = "named", "May be quoted with their name"


class ActionStatus(LabelledEnum):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class RunEventKind(LabelledEnum):
    """What the facilitator did to the agenda clock."""

    START = "start", "Started"
    NEXT = "next", "Next item"
    PREVIOUS = "previous", "Previous item"
    SKIP = "skip", "Skipped"
    ADJUST = "adjust", "Changed the time"
    PAUSE = "pause", "Paused"
    RESUME = "resume", "Resumed"
    FINISH = "finish", "Finished"


@dataclass
class Person:
    """Someone in the people bank."""

    name: str
    role: Role
    preferred_name: str = ""
    pronouns: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    contact_consent: bool = False
    access_needs: str = ""
    communication: CommunicationPreference = CommunicationPreference.NOT_ASKED
    payment: PaymentPreference = PaymentPreference.NOT_ASKED
    needs: frozenset[Need] = frozenset()
    """Step-free access or a hearing loop: where their breakout group can meet."""
    id: int | None = None
    uid: str = ""

    @property
    def display_name(self) -> str:
        """The name to call someone by, with their full name when it differs."""
        if self.preferred_name and self.preferred_name != self.name:
            return f"{self.preferred_name} ({self.name})"
        return self.name


@dataclass
class Session:
    """A meeting: a Listening Space, an Over a Brew, a project meeting, ..."""

    title: str
    kind: SessionKind
    date: dt.date
    start: dt.time
    end: dt.time
    venue: str = ""
    address: str = ""
    project_name: str = ""
    purpose: str = ""
    co_chair_ids: list[int] = field(default_factory=list)
    id: int | None = None
    uid: str = ""

    @property
    def minutes(self) -> int:
        """How long the session lasts, in minutes."""
        return minutes_between(self.start, self.end)


@dataclass(frozen=True)
class SessionOverview:
    """One line of the sessions list: what a facilitator scans for."""

    id: int
    title: str
    kind: SessionKind
    date: dt.date
    start: dt.time
    end: dt.time
    venue: str
    project_name: str
    booked: int
    attended: int


@dataclass
class AgendaItem:
    """One timed part of a session's plan."""

    title: str
    minutes: int
    kind: AgendaKind = AgendaKind.DISCUSSION
    lead: str = ""
    notes: str = ""
    id: int | None = None
    session_id: int | None = None
    position: int = 0


@dataclass(frozen=True)
class TemplateItem:
    title: str
    minutes: int
    kind: AgendaKind
    lead: str = ""
    notes: str = ""

    def to_agenda_item(self) -> AgendaItem:
        return AgendaItem(
            title=self.title,
            minutes=self.minutes,
            kind=self.kind,
            lead=self.lead,
            notes=self.notes,
        )


@dataclass(frozen=True)
class Template:
    """A reusable agenda. Built-in ones ship as files; a user's own live in the data file."""

    name: str
    items: tuple[TemplateItem, ...]
    kind: SessionKind | None = None
    description: str = ""
    builtin: bool = False
    id: int | None = None

    @property
    def minutes(self) -> int:
        return sum(item.minutes for item in self.items)

    @property
    def key(self) -> str:
        """Tells built-in and saved templates apart even when names match."""
        return f"builtin:{self.name}" if self.builtin else f"saved:{self.id}"


def minutes_between(start: dt.time, end: dt.time) -> int:
    """Minutes from start to end on the same day (negative if end is earlier)."""
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


@dataclass(frozen=True)
class Attendance:
    """One person at one session: booked, arrived, left early, ..."""

    session_id: int
    person_id: int
    status: AttendanceStatus
    booked_at: dt.datetime | None = None
    arrived_at: dt.datetime | None = None
    left_at: dt.datetime | None = None
    follow_up: bool = False
    follow_up_note: str = ""
    """Private: for a wellbeing call after the session. Never exported."""

    @property
    def walked_in(self) -> bool:
        return self.booked_at is None


@dataclass(frozen=True)
class WalkIn:
    """What check-in asks of someone who walks in: the rest can wait."""

    name: str
    role: Role
    contact: str = ""
    """A phone number or an email address, or nothing."""


@dataclass(frozen=True)
class Leaving:
    """When someone left early, and whether someone should ring them afterwards."""

    at: dt.time
    follow_up: bool = False
    note: str = ""


@dataclass(frozen=True)
class Companion:
    """Someone who comes with a person: their carer, personal assistant or interpreter."""

    person_id: int
    companion_id: int
    relation: Relation


@dataclass
class Note:
    """Something heard in the session: what people said, an idea, a question, a quote."""

    session_id: int
    text: str
    kind: NoteKind = NoteKind.HEARD
    agenda_item_id: int | None = None
    consent: QuoteConsent = QuoteConsent.NOT_FOR_PUBLICATION
    speaker: str = ""
    breakout_group_id: int | None = None
    """The breakout group it was heard in, if any."""
    id: int | None = None
    created_at: dt.datetime | None = None


@dataclass
class Action:
    """A "we will": what will be done, by whom and when, and what was done."""

    session_id: int
    what: str
    owner: str = ""
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    outcome: str = ""
    """What we did: reported back at a later session."""
    note_ids: tuple[int, ...] = ()
    """The heard notes this action answers."""
    id: int | None = None
    closed_on: dt.date | None = None
    """The day it was marked done or dropped; set by the store."""


@dataclass(frozen=True)
class RunEvent:
    """One press of a clock key, kept so the clock resumes after a restart."""

    kind: RunEventKind
    at: dt.datetime
    agenda_item_id: int | None = None
    minutes: int = 0
    id: int | None = None


class Placement(LabelledEnum):
    """How someone came to be in their breakout group."""

    BALANCED = "balanced", "Placed by the balancing"
    MOVED = "moved", "Moved here by hand"
    SAVED = "saved", "As in a saved split"


class GroupSource(LabelledEnum):
    """Who a round of breakout groups is made from."""

    ARRIVED = "arrived", "The people who have arrived"
    BOOKED = "booked", "Everyone booked"


class PairKind(LabelledEnum):
    """A wish about two people in breakout groups, kept in the people bank."""

    TOGETHER = "together", "Keep together"
    APART = "apart", "Keep apart"


@dataclass(frozen=True)
class GroupMember:
    person_id: int
    pinned: bool = False
    """Stays in this group when the rest are balanced again."""
    placed: Placement = Placement.BALANCED


@dataclass
class BreakoutGroup:
    """One breakout group: where it meets, who runs it and who is in it."""

    name: str
    place: str = ""
    """A table or room."""
    facilitator: str = ""
    facilities: frozenset[Need] = frozenset()
    locked: bool = False
    members: tuple[GroupMember, ...] = ()
    id: int | None = None
    position: int = 0


@dataclass
class BreakoutRound:
    """One split of the room into groups; a session can have several rounds."""

    session_id: int
    number: int
    seed: int
    source: GroupSource = GroupSource.ARRIVED
    agenda_item_id: int | None = None
    groups: list[BreakoutGroup] = field(default_factory=list)
    id: int | None = None

    def group_of(self, person_id: int) -> BreakoutGroup | None:
        return next(
            (g for g in self.groups if any(m.person_id == person_id for m in g.members)), None
        )


@dataclass(frozen=True)
class SavedSplit:
    """A split kept to use again at a later session of the same project."""

    name: str
    groups: tuple[BreakoutGroup, ...]
    project_name: str = ""
    id: int | None = None
