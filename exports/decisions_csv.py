"""What the room decided together, as a CSV file for a spreadsheet.

One row per option, best first (place, title, who proposed it, cost, points, tied,
funded, note), then a blank row and the figures for the whole vote: how it was
counted, how many people voted, the money left (for a budget) and whether the result
was frozen. UTF-8 with a byte order mark, so Excel shows every letter; written whole
or not at all. Counts only: never who voted for what.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from exports.files import atomic_write
from exports.finance_csv import safe_cell
from exports.register import session_file_name
from sessions.clock import local_time, venue_date
from sessions.decide_models import DecisionResult, DecisionRules, VoteMethod
from sessions.display import format_date
from sessions.errors import FacilitatorError
from sessions.models import Session
from sessions.money import pounds_plain
from sessions.store import Store

COLUMNS = ("Place", "Option", "Proposed by", "Cost", "Points", "Tied", "Funded", "Note")
NOTHING_DECIDED = (
    "Nothing was put to the vote at this session: add the options on its Decide tab first."
)


@dataclass(frozen=True)
class DecisionsExport:
    session: Session
    rules: DecisionRules
    result: DecisionResult

    @property
    def frozen(self) -> bool:
        return self.result.frozen_at is not None


def decisions_for(store: Store, session_id: int) -> DecisionsExport:
    """The session's vote as it stands: the frozen result, or the live count. Raises
    FacilitatorError in words when nothing was put to the vote."""
    from sessions.deciding import Deciding

    deciding = Deciding(store, session_id)
    session = deciding.session()
    if not deciding.has_decision():
        raise FacilitatorError(NOTHING_DECIDED)
    return DecisionsExport(session, deciding.rules(), deciding.result())


def decisions_name(session: Session) -> str:
    """'decisions-2026-11-23-Community-chest.csv'."""
    return session_file_name("decisions", session, "csv")


def csv_rows(export: DecisionsExport) -> list[list[str]]:
    """Every row of the file, the header first."""
    result = export.result
    budget = export.rules.method is VoteMethod.BUDGET
    rows = [list(COLUMNS)]
    for line in result.lines:
        cost = line.option.cost_pence
        rows.append(
            [
                str(line.place),
                safe_cell(line.option.title),
                safe_cell(line.option.proposed_by),
                pounds_plain(cost) if cost is not None else "",
                str(line.points),
                "Yes" if line.tied else "No",
                "" if line.funded is None else ("Yes" if line.funded else "No"),
                safe_cell(line.note),
            ]
        )
    rows.append([])
    rows.append(["Counted by", export.rules.method.label])
    rows.append(["Voters", str(result.voters)])
    rows.append(["Points given", str(result.total_points)])
    if budget:
        rows.append(["Budget", pounds_plain(export.rules.budget_pence or 0)])
        rows.append(["Funded", pounds_plain(result.funded_pence)])
        rows.append(["Money left", pounds_plain(result.money_left_pence or 0)])
    frozen = result.frozen_at
    rows.append(
        [
            "Result",
            f"Frozen at {local_time(frozen)} on {format_date(venue_date(frozen))}"
            if frozen is not None
            else "Not frozen: the count as it stands",
        ]
    )
    return rows


def write_decisions_csv(export: DecisionsExport, path: Path) -> Path:
    """Write the file; returns its path."""
    with atomic_write(Path(path), "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerows(csv_rows(export))
    return Path(path)
