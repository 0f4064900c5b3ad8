"""What the screens of a big data file ask of the store: a page of claims, where a
claim falls in the list, the sessions that have claims, and counts read from an index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from sessions.claim_models import ClaimStatus
from sessions.claiming import Claims
from sessions.demo_large import SIZES, fill_at_scale
from sessions.store import Store
from sessions.store.claims import ClaimFilter
from sessions.store.migrations import known_names, migrations
from support import TODAY


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The benchmarks' data at its tiny size (300 claims), read only by these tests."""
    path = tmp_path_factory.mktemp("busy") / "busy.db"
    with Store.open(path) as store:
        fill_at_scale(store, TODAY, SIZES["tiny"])
        yield store


def ids(rows: list) -> list[int]:  # type: ignore[type-arg]
    return [row.claim.id for row in rows]


@pytest.mark.parametrize(
    "wanted",
    [
        ClaimFilter(),
        ClaimFilter(statuses=(ClaimStatus.PAID,)),
        ClaimFilter(person_text="a"),
        ClaimFilter(date_from=TODAY.replace(year=TODAY.year - 2)),
    ],
)
def test_pages_put_together_are_the_whole_list(busy: Store, wanted: ClaimFilter) -> None:
    whole = busy.claims.listing(wanted)
    assert len(whole) > 40 and busy.claims.count(wanted) == len(whole)
    pages = [
        busy.claims.listing(wanted, limit=40, offset=first) for first in range(0, len(whole), 40)
    ]
    assert [row for page in pages for row in page] == whole
    for position in (0, 39, 40, len(whole) - 1):
        claim_id = whole[position].claim.id
        assert claim_id is not None
        assert busy.claims.position(wanted, claim_id) == position


def test_a_claim_not_wanted_has_no_position(busy: Store) -> None:
    paid = busy.claims.listing(ClaimFilter(statuses=(ClaimStatus.PAID,)))[0].claim.id
    assert paid is not None
    assert busy.claims.position(ClaimFilter(statuses=(ClaimStatus.REJECTED,)), paid) is None
    assert busy.claims.position(ClaimFilter(), 999_999) is None


def test_only_the_claims_asked_for_in_the_order_listed(busy: Store) -> None:
    whole = busy.claims.listing(ClaimFilter())
    asked = {whole[200].claim.id, whole[3].claim.id, whole[77].claim.id}
    assert ids(busy.claims.listing(ClaimFilter(), only=asked)) == [
        whole[3].claim.id,
        whole[77].claim.id,
        whole[200].claim.id,
    ]
    paid_only = ClaimFilter(statuses=(whole[3].claim.status,))
    assert whole[3].claim.id in ids(busy.claims.listing(paid_only, only=asked))
    assert busy.claims.listing(ClaimFilter(), only=()) == []


def test_a_page_has_the_count_and_totals_of_every_claim_wanted(busy: Store) -> None:
    claims = Claims(busy)
    everything = claims.listing()
    page = claims.page(ClaimFilter(), 100, 100)
    assert (page.first, page.end, page.matching) == (100, 200, len(everything.rows))
    assert page.rows == everything.rows[100:200]
    assert page.totals == everything.totals, "of them all, not of the page"
    last = claims.page(ClaimFilter(), 100, 10_000)
    assert (last.first, last.end) == (200, 300), "past the end: the last page"
    wanted = everything.rows[250].claim.id
    assert claims.page(ClaimFilter(), 100, showing=wanted).first == 200
    none = claims.page(ClaimFilter(person_text="nobody has this name"), 100)
    assert (none.rows, none.matching, none.first) == ([], 0, 0)


def test_the_sessions_that_have_claims_newest_first(busy: Store) -> None:
    listed = busy.claims.sessions_claimed_for()
    expected: dict[int, None] = {}
    for row in busy.claims.listing(ClaimFilter()):
        expected.setdefault(row.claim.session_id, None)
    assert sorted(session_id for session_id, _, _ in listed) == sorted(expected)
    days = [day for _, day, _ in listed]
    assert days == sorted(days, reverse=True)


def test_booked_and_attended_counts_are_read_from_the_index(busy: Store) -> None:
    plan = " ".join(
        str(row[-1])
        for row in busy.db.execute(
            "EXPLAIN QUERY PLAN SELECT (SELECT count(*) FROM attendance a "
            "WHERE a.session_id = 1 AND a.booked_at IS NOT NULL)"
        )
    )
    assert "COVERING INDEX attendance_session" in plan


def test_a_file_from_before_the_counts_index_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "older.db"
    db = Database(path)
    migrations.apply(db, stop_before="m008_attendance_counts")
    db.close()
    with Store.open(path) as store:
        assert [m.name for m in migrations.applied(store.db)] == known_names()
        columns = [row[2] for row in store.db.execute("PRAGMA index_info(attendance_session)")]
        assert columns == ["session_id", "status", "booked_at"]
