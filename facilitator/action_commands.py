"""Command palette (ctrl+p) provider: find any action by what we said we would do."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits

from facilitator.commands import FacilitatorProvider, highlighted
from sessions.actions import ActionLine

ACTION_HITS = 30


def action_label(line: ActionLine) -> str:
    a = line.action
    who = f", {a.owner}" if a.owner else ""
    return f"{a.what} ({a.status.label}{who}; from {line.session_title})"


class ActionsProvider(FacilitatorProvider):
    """Every action, by its words, owner and the session it came from."""

    async def startup(self) -> None:
        self.lines = self.facilitator.store.actions.lines()

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = 0
        for line in self.lines:
            label = action_label(line)
            score = matcher.match(label)
            if score > 0 and found < ACTION_HITS:
                found += 1
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(self.facilitator.open_action, line.action.id),
                    help="Show this action on the Actions screen",
                )
