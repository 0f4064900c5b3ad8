"""What we heard: the rules for notes taken while people talk.

Notes are saved as they are typed, so these rules must never stop a save: text
past the limit is cut to what fits (and the person told), never refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from sessions.models import Note, NoteKind, QuoteConsent
from sessions.validation import LIMITS

NOTE_LIMIT = LIMITS["note"]


@dataclass(frozen=True)
class FittedText:
    """A note's text cut to the limit, and how many characters did not fit."""

    kept: str
    left_out: int

    @property
    def was_cut(self) -> bool:
        return self.left_out > 0


def fit_note(text: str, limit: int = NOTE_LIMIT) -> FittedText:
    """The first `limit` characters: what is typed past the limit is not kept."""
    if len(text) <= limit:
        return FittedText(text, 0)
    return FittedText(text[:limit], len(text) - limit)


def too_long_message(left_out: int, limit: int = NOTE_LIMIT) -> str:
    """Said while typing past the limit, and again when the note is closed."""
    return (
        f"A note holds up to {limit:,} characters. The first {limit:,} are saved; "
        f"the last {left_out:,} are not. Shorten it, or start a new note for the rest."
    )


def consent_words(note: Note) -> str:
    """What may be done with a quote, and whose words it is; blank for other kinds."""
    if note.kind is not NoteKind.QUOTE:
        return ""
    if note.consent is QuoteConsent.NAMED:
        return f"Named: {note.speaker}" if note.speaker else "Named (who said it not noted)"
    if note.consent is QuoteConsent.ANONYMOUS:
        return "Anonymous"
    return "Not for publication"


def note_heading(kind: NoteKind, where: str) -> str:
    """'Heard during Welcome': the title of the note editor."""
    return f"{kind.label} — {where}"
