"""Projects as people meet them: built from a form, rated on the ladder, and their
movement up (or down) the ladder told in words.

The store (sessions.store.projects) keeps projects and ratings and checks them again
before writing; this module turns what was typed into them and says how they read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sessions.display import format_date, plural
from sessions.errors import ValidationError
from sessions.project_models import LadderRating, Project, ProjectKind, Rung
from sessions.store.projects import check_project, check_reason
from sessions.validation import _enum_value, _parse_into, _text, parse_date

RUNG_NEEDED = "Choose the rung where the project stands now."


def _seat(values: Mapping[str, object], field: str) -> int | None:
    """The person chosen for a co-chair's seat: a number, or a list of at most one."""
    chosen = values.get(field)
    if chosen is None or chosen == "":
        return None
    if isinstance(chosen, int):
        return chosen
    people = [int(person_id) for person_id in chosen]  # type: ignore[attr-defined]
    return people[0] if people else None


def _optional_day(
    problems: dict[str, str], values: Mapping[str, object], field: str, today: dt.date | None
) -> dt.date | None:
    text = _text(values, field)
    return _parse_into(problems, field, parse_date, text, today) if text else None


def project_from_form(
    values: Mapping[str, object], *, id: int | None = None, today: dt.date | None = None
) -> Project:
    """Build a project from a form's fields (name, kind, aims, starts_on, ends_on,
    staff_co_chair, lived_co_chair), or raise ValidationError by field.

    Whether each co-chair fits their seat, and whether the name is taken, needs the
    data file: `store.projects.problems` says."""
    problems: dict[str, str] = {}
    kind = _enum_value(
        ProjectKind, values, "kind", problems, "Choose a project or a task-and-finish group."
    )
    project = Project(
        id=id,
        name=_text(values, "name"),
        kind=kind or ProjectKind.PROJECT,
        aims=_text(values, "aims"),
        starts_on=_optional_day(problems, values, "starts_on", today),
        ends_on=_optional_day(problems, values, "ends_on", today),
        staff_co_chair_id=_seat(values, "staff_co_chair"),
        lived_co_chair_id=_seat(values, "lived_co_chair"),
    )
    problems = {**check_project(project), **problems}
    if problems:
        raise ValidationError(problems)
    return project


@dataclass(frozen=True)
class RatingTyped:
    """A rating on the ladder as typed, checked, not yet kept."""

    rung: Rung
    rated_on: dt.date
    reason: str


def rating_from_form(values: Mapping[str, object], *, today: dt.date) -> RatingTyped:
    """Build a rating from a form's fields (rung, rated_on, reason), or raise
    ValidationError by field. The day is today or before: a rating says where the
    project has got to, not where it will be."""
    problems: dict[str, str] = {}
    rung = _enum_value(Rung, values, "rung", problems, RUNG_NEEDED)
    day_text = _text(values, "rated_on")
    day = None
    if not day_text:
        problems["rated_on"] = "Enter the day of the rating, like 3/12/2026, or today."
    else:
        day = _parse_into(problems, "rated_on", parse_date, day_text, today)
        if day is not None and day > today:
            problems["rated_on"] = (
                f"That is after today ({format_date(today)}): rate where the project "
                "stands now, or on a day that has passed."
            )
    reason = _text(values, "reason")
    if problem := check_reason(reason):
        problems["reason"] = problem
    if problems or rung is None or day is None:
        raise ValidationError(problems)
    return RatingTyped(rung, day, reason)


# --- how projects read --------------------------------------------------------


def rung_words(rung: Rung) -> str:
    """'Co-design (doing with)'."""
    return f"{rung.label} ({rung.stance})"


def rung_choice_words(rung: Rung) -> str:
    """One line of the ladder to choose from: '5 Engagement: doing with'."""
    where = {1: ", the bottom", len(Rung): ", the top"}.get(rung.step, "")
    return f"{rung.step}{where}. {rung.label}: {rung.stance}"


def steps_words(moved: int) -> str:
    """'up 2 rungs', 'down 1 rung', 'on the same rung'."""
    if moved > 0:
        return f"up {plural(moved, 'rung')}"
    if moved < 0:
        return f"down {plural(-moved, 'rung')}"
    return "on the same rung"


def movement_words(ratings: Sequence[LadderRating]) -> str:
    """How the project has moved since its first rating, oldest first:
    'Up 2 rungs since Mon 12 Oct 2026: from consultation to co-design.'"""
    if not ratings:
        return "Not rated on the ladder yet."
    first, latest = ratings[0], ratings[-1]
    if len(ratings) == 1:
        return f"Rated once, on {format_date(first.rated_on)}: {rung_words(first.rung).lower()}."
    moved = latest.rung.step - first.rung.step
    since = f"since {format_date(first.rated_on)}"
    if moved == 0:
        return (
            f"On the same rung {since}: {first.rung.label.lower()}, "
            f"rated {plural(len(ratings), 'time')}."
        )
    words = steps_words(moved)
    return (
        f"{words[0].upper()}{words[1:]} {since}: from {first.rung.label.lower()} "
        f"to {latest.rung.label.lower()}."
    )


def sentence(text: str) -> str:
    """The text ending in a full stop, unless it already ends a sentence."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…" else f"{text}."


def history_lines(ratings: Sequence[LadderRating]) -> list[str]:
    """Each rating, oldest first, with the step it made from the one before:
    'Mon 9 Nov 2026: Co-design (doing with), up 1 rung. The letter was rewritten ...'"""
    lines = []
    before: LadderRating | None = None
    for rating in ratings:
        step = "" if before is None else f", {steps_words(rating.rung.step - before.rung.step)}"
        lines.append(
            f"{format_date(rating.rated_on)}: {rung_words(rating.rung)}{step}. "
            f"{sentence(rating.reason)}"
        )
        before = rating
    return lines


def dates_words(project: Project) -> str:
    """'Mon 12 Oct 2026 to Fri 26 Feb 2027', 'From Mon 12 Oct 2026', 'No dates set'."""
    start, end = project.starts_on, project.ends_on
    if start and end:
        return f"{format_date(start)} to {format_date(end)}"
    if start:
        return f"From {format_date(start)}"
    if end:
        return f"Until {format_date(end)}"
    return "No dates set"


def co_chairs_words(staff: str, lived: str) -> str:
    """'Gareth Hughes, staff; Farah Khan, carer', or which seat is still empty."""
    if not staff and not lived:
        return "none chosen yet"
    return "; ".join(
        [staff or "nobody yet from the staff", lived or "nobody yet with lived experience"]
    )


def orphaned_words(sessions: int) -> str:
    """What deleting a project leaves behind, for the question before it is deleted."""
    if not sessions:
        return "It has no sessions."
    if sessions == 1:
        return (
            "1 session will be left without a project. It stays on the home screen, "
            "with everything recorded at it."
        )
    return (
        f"{sessions} sessions will be left without a project. They stay on the home "
        "screen, with everything recorded at them."
    )
