"""Pictures for Easy Read documents: simple drawings, one for each usual idea.

The PNGs in this folder were drawn by the project with `make_pictures.py` and are
free to use (CC0, see README.md here). A facilitator can use their own: a PNG with
the same name (meeting.png, we-will.png, ...) in a folder called ``pictures`` inside
the export folder is used instead of the one shipped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

OWN_FOLDER = "pictures"
"""The folder inside the export folder where a facilitator's own pictures go."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

ALT_TEXT = {
    "meeting": "Three people sitting round a table at a meeting.",
    "people": "A group of people standing together.",
    "talking": "A person talking, with a speech bubble.",
    "listening": "An ear, listening.",
    "we-will": "A list of things to do, with the first one ticked.",
    "date": "A calendar with one day marked.",
    "time": "A clock.",
    "place": "A map pin showing a place.",
    "contact": "A letter and a mobile phone.",
    "money": "A banknote and some coins.",
    "question": "A speech bubble with a question mark.",
    "idea": "A light bulb, for an idea.",
    "thank-you": "A heart, for thank you.",
    "done": "A big tick, for done.",
    "next": "An arrow pointing forward, for what happens next.",
}
"""Every picture shipped, with the words a screen reader says for it."""


@dataclass(frozen=True)
class Picture:
    name: str
    data: bytes
    alt_text: str
    own: bool = False
    """True when it came from the facilitator's own pictures folder."""


def picture(name: str, own_folder: Path | None = None) -> Picture:
    """The picture for an idea: the facilitator's own if they added one, else ours.

    A file in the own folder that is not a PNG is passed over, so a stray file never
    spoils a document.
    """
    alt = ALT_TEXT[name]
    if own_folder is not None:
        own = own_folder / f"{name}.png"
        try:
            data = own.read_bytes()
        except OSError:
            data = b""
        if data.startswith(PNG_SIGNATURE):
            return Picture(name, data, alt, own=True)
    return Picture(name, (files(__name__) / f"{name}.png").read_bytes(), alt)
