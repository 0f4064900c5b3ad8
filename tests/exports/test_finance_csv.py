"""The finance CSV read back with the csv module, and summed in pence (never float)."""

from __future__ import annotations

import csv
import datetime as dt
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from claim_examples import FORMULA_NAME, PARKING_NOTE, SESSION_DAY, Examples, make_claims

from exports.finance_csv import (
    COLUMNS,
    EXPENSE,
    INVOLVEMENT,
    ExportStopped,
    safe_cell,
    write_finance_csv,
)
from sessions.claim_models import ClaimStatus, ExpenseKind
from sessions.claiming import Claims
from sessions.errors import FacilitatorError
from sessions.money import parse_pounds
from sessions.store import Store
from sessions.store.claims import ClaimFilter

APPROVED_OR_PAID = ClaimFilter(statuses=(ClaimStatus.APPROVED, ClaimStatus.PAID))


@pytest.fixture
def examples(store: Store) -> Examples:
    return make_claims(store)


def read_back(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte order mark"
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


def pence(rows: list[dict[str, str]], kind_type: str | None = None) -> int:
    return sum(
        parse_pounds(row["Amount"], allow_negative=True)
        for row in rows
        if kind_type is None or row["Type"] == kind_type
    )


def test_the_csv_has_a_bom_and_keeps_pounds_and_accents(
    store: Store, examples: Examples, tmp_path: Path
) -> None:
    path = tmp_path / "out" / "claims.csv"
    write_finance_csv(store, APPROVED_OR_PAID, path)
    rows = read_back(path)
    people = {row["Person"] for row in rows}
    assert "Zoë Ångström-Nuñez" in people
    assert {row["Session"] for row in rows} == {"Over a Brew: café talk"}
    assert PARKING_NOTE in {row["Description"] for row in rows}
    assert {row["Session date"] for row in rows} == {SESSION_DAY.isoformat()}


def test_the_rows_add_up_to_the_claims_totals(
    store: Store, examples: Examples, tmp_path: Path
) -> None:
    path = tmp_path / "claims.csv"
    summary = write_finance_csv(store, APPROVED_OR_PAID, path)
    rows = read_back(path)
    listing = examples.service.listing(APPROVED_OR_PAID)
    expenses = sum(row.expenses_pence for row in listing.rows)
    involvement = sum(row.claim.involvement_pence for row in listing.rows)
    assert pence(rows, EXPENSE) == expenses == summary.expenses_pence
    assert pence(rows, INVOLVEMENT) == involvement == summary.involvement_pence
    assert pence(rows) == summary.total_pence == expenses + involvement
    assert summary.rows == len(rows)
    assert summary.claims == len(listing.rows) == 4
    # Paid C0001 (3 lines + time), approved C0002 (taxi + time), C0003 paid at the venue
    # (care; payment declined, so no row), and C0006 reversing C0001.
    assert [row["Claim"] for row in rows] == ["C0001"] * 4 + ["C0002"] * 2 + ["C0003"] + [
        "C0006"
    ] * 4
    assert summary.expenses_pence == 2163 + 1850 + 3000 - 2163
    assert summary.involvement_pence == 3000 + 3000 - 3000


def test_expenses_and_payments_for_time_are_told_apart(
    store: Store, examples: Examples, tmp_path: Path
) -> None:
    path = tmp_path / "claims.csv"
    write_finance_csv(store, APPROVED_OR_PAID, path)
    rows = {(row["Claim"], row["Kind"]): row for row in read_back(path)}
    mileage = rows[("C0001", "Mileage")]
    assert (mileage["Type"], mileage["Cost code"], mileage["Amount"]) == (
        EXPENSE,
        "MILEAGE",
        "5.63",
    )
    assert (mileage["Receipt"], mileage["Status"]) == ("No", "Paid")
    parking = rows[("C0001", "Parking")]
    assert (parking["Receipt"], parking["Receipt reference"]) == ("Yes", "P-17")
    time = rows[("C0001", "Take the payment")]
    assert (time["Type"], time["Cost code"], time["Amount"], time["Receipt"]) == (
        INVOLVEMENT,
        "INVOLVE",
        "30.00",
        "",
    )
    charity = rows[("C0002", "Give it to a charity")]
    assert (charity["Type"], charity["Description"]) == (INVOLVEMENT, "to Carers Leeds")
    assert rows[("C0002", "Taxi")]["Status"] == "Approved"


def test_a_correction_is_negative(store: Store, examples: Examples, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    write_finance_csv(store, APPROVED_OR_PAID, path)
    correction = [row for row in read_back(path) if row["Claim"] == "C0006"]
    assert [row["Amount"] for row in correction] == ["-5.63", "-4.00", "-12.00", "-30.00"]
    assert all(row["Description"].startswith("Reverses claim C0001") for row in correction)
    assert all(parse_pounds(row["Amount"], allow_negative=True) < 0 for row in correction)


def test_formula_looking_text_is_not_run(store: Store, examples: Examples, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    write_finance_csv(store, APPROVED_OR_PAID, path)
    care = next(row for row in read_back(path) if row["Kind"] == ExpenseKind.CARE.label)
    assert care["Person"] == "'" + FORMULA_NAME
    assert care["Receipt reference"] == "'-1 invoice"
    assert care["Amount"] == "30.00"
    assert [safe_cell(text) for text in ("=1+1", "+44 113", "@SUM(A1)", "-2", "Ann")] == [
        "'=1+1",
        "'+44 113",
        "'@SUM(A1)",
        "'-2",
        "Ann",
    ]
    assert [safe_cell(text) for text in ("two\nlines", "=A1\r\nB", "\tx", "", "Zoë")] == [
        "two lines",
        "'=A1 B",
        "'\tx",
        "",
        "Zoë",
    ]


def test_cost_codes_come_from_the_policy_each_claim_was_made_under(
    store: Store, examples: Examples, tmp_path: Path
) -> None:
    policy = examples.service.policy()
    kinds = dict(policy.kinds)
    kinds[ExpenseKind.MILEAGE] = replace(kinds[ExpenseKind.MILEAGE], cost_code="NEW-MILES")
    saved = examples.service.save_policy(replace(policy, kinds=kinds))
    assert saved.version == 2
    path = tmp_path / "claims.csv"
    write_finance_csv(store, APPROVED_OR_PAID, path)
    codes = {row["Cost code"] for row in read_back(path) if row["Kind"] == "Mileage"}
    assert codes == {"MILEAGE"}


def test_filters_by_status_and_date(store: Store, examples: Examples, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    summary = write_finance_csv(store, ClaimFilter(statuses=(ClaimStatus.DRAFT,)), path)
    rows = read_back(path)
    assert {row["Claim"] for row in rows} == {"C0004"}
    assert summary.claims == 1
    later = ClaimFilter(
        statuses=(ClaimStatus.APPROVED,), date_from=SESSION_DAY + dt.timedelta(days=1)
    )
    summary = write_finance_csv(store, later, path)
    assert read_back(path) == []
    assert (summary.rows, summary.claims, summary.total_pence) == (0, 0, 0)


def test_rejected_and_cancelled_claims_never_reach_finance(
    store: Store, examples: Examples, tmp_path: Path
) -> None:
    """The file sums to what is owed, as the Claims screen's totals do: claims that are
    not to be paid are left out even when every status is asked for."""
    path = tmp_path / "all.csv"
    summary = write_finance_csv(store, ClaimFilter(), path)
    rows = read_back(path)
    assert {row["Status"] for row in rows}.isdisjoint({"Rejected", "Cancelled"})
    totals = Claims(store).listing(ClaimFilter()).totals
    assert pence(rows) == summary.total_pence == totals.total
    with pytest.raises(FacilitatorError, match="not sent to finance"):
        write_finance_csv(store, ClaimFilter(statuses=(ClaimStatus.REJECTED,)), path)


def test_each_line_carries_what_finance_needs_to_check_it(
    store: Store, examples: Examples, tmp_path: Path
) -> None:
    path = tmp_path / "all.csv"
    write_finance_csv(store, ClaimFilter(), path)
    rows = read_back(path)
    mileage = [row for row in rows if row["Kind"] == "Mileage"]
    assert mileage and all(" miles, " in row["Description"] for row in mileage)
    assert all(set(row) >= {"Override reason", "Paid on", "Paid how"} for row in rows)


def test_a_file_that_does_not_add_up_is_not_kept(
    store: Store, examples: Examples, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "claims.csv"
    path.write_text("last week's file")
    real = store.claims.csv_lines

    def one_row_lost(wanted: ClaimFilter):  # type: ignore[no-untyped-def]
        rows = real(wanted)
        next(rows)
        yield from rows

    monkeypatch.setattr(store.claims, "csv_lines", one_row_lost)
    with pytest.raises(FacilitatorError, match="did not add up, so it was not saved"):
        write_finance_csv(store, APPROVED_OR_PAID, path)
    assert path.read_text() == "last week's file"
    assert list(out.iterdir()) == [path]


def test_rows_are_streamed_with_progress_and_can_be_stopped(
    store: Store, examples: Examples, tmp_path: Path
) -> None:
    seen: list[int] = []
    summary = write_finance_csv(store, APPROVED_OR_PAID, tmp_path / "a.csv", progress=seen.append)
    assert seen[-1] == summary.rows
    stop = threading.Event()
    stop.set()
    out = tmp_path / "out"
    with pytest.raises(ExportStopped, match="no file was written"):
        write_finance_csv(store, APPROVED_OR_PAID, out / "b.csv", cancel=stop)
    assert list(out.iterdir()) == []
