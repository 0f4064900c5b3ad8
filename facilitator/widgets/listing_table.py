"""A read-only table whose rows are replaced as a whole whenever the data changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


def as_typed(cell: str | Text) -> Text:
    """A cell as plain text. DataTable reads a str as markup, so an organisation
    typed as "Age UK [Notts]" would lose "[Notts]" and a "[/]" would stop the app."""
    return cell if isinstance(cell, Text) else Text(cell, no_wrap=True, end="")


class ListingTable(DataTable[Text]):
    """Rows keyed by a record's number; the highlighted row survives a refresh.

    Every cell is shown exactly as typed: `add_row` (which `replace_rows`,
    `append_rows` and subclasses all go through) turns text into plain `Text`."""

    COLUMNS: ClassVar[Sequence[str]] = ()

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def add_row(  # type: ignore[override]
        self,
        *cells: str | Text,
        height: int | None = 1,
        key: str | None = None,
        label: str | Text | None = None,
    ) -> RowKey:
        return super().add_row(
            *(as_typed(cell) for cell in cells),
            height=height,
            key=key,
            label=as_typed(label) if label is not None else None,
        )

    def replace_rows(
        self, rows: Iterable[tuple[int | None, Sequence[str]]], *, highlight: int | None = None
    ) -> None:
        """Show these rows, keeping `highlight` (or the same row) under the cursor."""
        keep = highlight if highlight is not None else self.selected_id
        row = self.cursor_row
        # Columns too: a plain clear() keeps the old columns' widths.
        self.clear(columns=True)
        self.add_columns(*self.COLUMNS)
        for key, cells in rows:
            self.add_row(*cells, key=str(key))
        if keep is not None and str(keep) in self.rows:
            self.move_cursor(row=self.get_row_index(str(keep)))
        elif self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))
        # DataTable measures new rows when it next goes idle, which only happens
        # after it handles a message; send it one so the columns fit their text.
        self.call_later(self.refresh)

    def append_rows(self, rows: Iterable[tuple[int | None, Sequence[str]]]) -> None:
        """Add rows at the end (the next page), leaving the cursor where it is."""
        for key, cells in rows:
            self.add_row(*cells, key=str(key))
        self.call_later(self.refresh)

    @property
    def selected_id(self) -> int | None:
        """The highlighted row's record number, or None when the table is empty."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None
