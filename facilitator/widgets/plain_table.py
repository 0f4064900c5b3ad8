"""A listing of people's own words, shown exactly as typed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text

from facilitator.widgets.listing_table import ListingTable


def as_typed(cells: Sequence[str]) -> list[Text]:
    """Cells as plain text: a DataTable reads a str as markup, so "[/]" in a note
    would break the screen and "[sic]" would vanish."""
    return [Text(cell) for cell in cells]


class PlainTable(ListingTable):
    """A ListingTable whose cells are never read as markup."""

    def replace_rows(
        self, rows: Iterable[tuple[int | None, Sequence[str]]], *, highlight: int | None = None
    ) -> None:
        super().replace_rows(
            ((key, as_typed(cells)) for key, cells in rows),  # type: ignore[misc]
            highlight=highlight,
        )
