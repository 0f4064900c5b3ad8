"""Errors a user can cause. Each carries a sentence written for that user."""

from __future__ import annotations


class FacilitatorError(Exception):
    """Something went wrong that the user can understand and act on.

    `str(error)` is a complete sentence in plain English: the TUI shows it and the
    CLI prints it and exits with status 2.
    """


class ValidationError(FacilitatorError):
    """Input that cannot be saved, with one plain-words problem per field."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class NotFound(FacilitatorError):
    """The thing asked for is not in the data file (any more)."""


class DataFileError(FacilitatorError):
    """The data file cannot be used: missing, not ours, newer than the app, or damaged."""
