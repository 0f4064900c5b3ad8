"""Shared fixtures: a fixed 'today', and data files made fresh for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sessions.demo import fill_with_example_data
from sessions.store import Store
from support import TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "facilitator.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def demo_store(store: Store) -> Store:
    """The example data, always the same: fixed seed, fixed today."""
    fill_with_example_data(store, TODAY)
    return store
