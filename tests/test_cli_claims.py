"""`facilitator policy ...` and `facilitator claims ...`: what they print and write."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest
from claim_examples import Examples, make_claims
from click.testing import CliRunner, Result

from exports.files import EXPORT_FOLDER
from facilitator.cli import main
from sessions.claiming import Claims
from sessions.money import parse_pounds
from sessions.payment_policy import policy_from_toml, policy_to_data
from sessions.store import Store


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def examples(store: Store) -> Examples:
    return make_claims(store)


def run(runner: CliRunner, db_path: Path, *args: str) -> Result:
    return runner.invoke(main, [*args, "--db", str(db_path)])


def lines(result: Result) -> list[str]:
    return result.stdout.splitlines()


# --- the policy --------------------------------------------------------------------


def test_policy_export_then_import_round_trip(
    runner: CliRunner, store: Store, db_path: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared" / "policy.toml"
    exported = run(runner, db_path, "policy", "export", str(shared))
    assert exported.exit_code == 0, exported.output
    assert lines(exported) == [f"Wrote version 1 of the payment policy to {shared}."]
    text = shared.read_text(encoding="utf-8")
    assert text.startswith("# Facilitator payment policy.")
    assert policy_from_toml(text) == store.policies.current()

    edited = text.replace("hourly_pence = 1500", "hourly_pence = 1800")
    assert edited != text
    shared.write_text(edited, encoding="utf-8")
    imported = run(runner, db_path, "policy", "import", str(shared))
    assert imported.exit_code == 0, imported.output
    assert lines(imported) == [
        "Imported the payment policy as version 2.",
        "Claims already made keep the version they were worked out under.",
    ]
    current = store.policies.current()
    assert (current.version, current.hourly_pence) == (2, 1800)
    assert store.policies.version(1).hourly_pence == 1500
    before, after = policy_to_data(policy_from_toml(text)), policy_to_data(current)
    before["involvement"]["hourly_pence"] = 1800
    assert {**before, "version": 2} == after


def test_a_broken_policy_file_says_why_and_changes_nothing(
    runner: CliRunner, store: Store, db_path: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[involvement\nhourly_pence = 1500\n", encoding="utf-8")
    result = run(runner, db_path, "policy", "import", str(broken))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "was not imported, and nothing was changed" in result.stderr
    assert "is not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.policies.current().version == 1

    wrong = tmp_path / "wrong.toml"
    wrong.write_text(
        '[involvement]\nmode = "weekly"\nhourly_pence = "lots"\n[limits]\ndeadline_days = -3\n',
        encoding="utf-8",
    )
    result = run(runner, db_path, "policy", "import", str(wrong))
    assert result.exit_code == 2
    problems = [line for line in result.stderr.splitlines() if line.startswith("- ")]
    assert problems == [
        "- Involvement payment should be one of hourly, bands, not “weekly”.",
        "- Hourly rate should be a whole number, not “lots”.",
        "- Deadline should be between 0 and 3,650, not -3.",
    ]
    assert store.policies.current().version == 1


def test_an_empty_or_misspelt_policy_file_is_refused_and_changes_nothing(
    runner: CliRunner, store: Store, db_path: Path, tmp_path: Path
) -> None:
    """A misspelt key would otherwise be skipped and the built-in value used in silence."""
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    result = run(runner, db_path, "policy", "import", str(empty))
    assert result.exit_code == 2
    assert "- The file has no payment policy in it." in result.stderr
    misspelt = tmp_path / "misspelt.toml"
    misspelt.write_text("surprise = 1\n[involvement]\nhourley_pence = 2500\n", encoding="utf-8")
    result = run(runner, db_path, "policy", "import", str(misspelt))
    assert result.exit_code == 2
    assert "“surprise”, “involvement.hourley_pence”" in result.stderr
    assert store.policies.current().version == 1


def test_importing_the_policy_in_use_changes_nothing(
    runner: CliRunner, store: Store, db_path: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "policy.toml"
    assert run(runner, db_path, "policy", "export", str(shared)).exit_code == 0
    result = run(runner, db_path, "policy", "import", str(shared))
    assert result.exit_code == 0
    assert lines(result) == [
        "This payment policy is already in use (version 1), so nothing was changed."
    ]
    assert store.db.execute("SELECT count(*) FROM payment_policies").fetchone()[0] == 0


def test_importing_a_missing_file_says_so(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    result = run(runner, db_path, "policy", "import", str(tmp_path / "nowhere.toml"))
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"There is no file at {tmp_path / 'nowhere.toml'}. Check the name."
    )


# --- claims -------------------------------------------------------------------------


def test_claims_export_writes_the_csv_and_checks_it(
    runner: CliRunner, examples: Examples, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "finance" / "claims.csv"
    result = run(
        runner, db_path, "claims", "export", "--status", "approved", "--status", "paid", str(path)
    )
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        f"Wrote 11 rows for 4 claims (approved or paid) to {path}.",
        "Expenses: £48.50",
        "Involvement payments: £30.00",
        "Total: £78.50",
        "The file adds up to the claims' totals.",
    ]
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert sum(parse_pounds(row["Amount"], allow_negative=True) for row in rows) == 7850


def test_claims_export_takes_approved_claims_by_default_and_dates(
    runner: CliRunner, examples: Examples, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "claims.csv"
    result = run(runner, db_path, "claims", "export", "--from", "2026-11-01", str(path))
    assert result.exit_code == 0, result.output
    assert lines(result)[0] == f"Wrote 6 rows for 2 claims (approved) to {path}."
    result = run(
        runner, db_path, "claims", "export", "--from", "2026-11-11", "--to", "2026-12-31", str(path)
    )
    assert lines(result) == [f"No claims are approved, so {path} has only its header row."]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--from", "10/11/2026"), "“10/11/2026” after --from is not a date."),
        (("--to", "2026-02-30"), "“2026-02-30” after --to is not a date."),
        (
            ("--from", "2026-12-01", "--to", "2026-11-01"),
            "The --from date (2026-12-01) is after the --to date (2026-11-01).",
        ),
    ],
)
def test_claims_export_checks_dates_in_words(
    runner: CliRunner,
    examples: Examples,
    db_path: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    words: str,
) -> None:
    path = tmp_path / "claims.csv"
    result = run(runner, db_path, "claims", "export", *args, str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(words)
    assert not path.exists()


def test_claims_list_is_plain_text_with_totals(
    runner: CliRunner, examples: Examples, db_path: Path
) -> None:
    result = run(runner, db_path, "claims", "list")
    assert result.exit_code == 0, result.output
    listed = lines(result)
    assert len(listed) == 8
    assert listed[-2] == "6 claims listed."
    assert listed[-1] == (
        "Totals, not counting rejected or cancelled claims: expenses £54.90, "
        "involvement payments £60.00, together £114.90."
    )
    assert (
        "C0002. Tue 10 Nov 2026. Zoë Ångström-Nuñez. Over a Brew: café talk. Approved. "
        "Expenses £18.50, involvement payment £30.00." in listed
    )
    assert any(line.startswith("C0005.") and "Rejected, not counted" in line for line in listed)
    assert any("Paid at the venue (cash)" in line for line in listed)
    assert not any(ch in result.stdout for ch in "│─┃━\x1b")


def test_claims_list_filters(runner: CliRunner, examples: Examples, db_path: Path) -> None:
    paid = lines(run(runner, db_path, "claims", "list", "--status", "paid", "--person", "fiona"))
    assert paid[0].startswith("C0001. Tue 10 Nov 2026. Fiona Chaudhry.")
    assert paid[1:] == [
        "1 claim listed.",
        "Totals, not counting rejected or cancelled claims: expenses £21.63, "
        "involvement payments £30.00, together £51.63.",
    ]
    none = lines(run(runner, db_path, "claims", "list", "--person", "nobody"))
    assert none == ["No claims match."]


def test_claims_list_tab_separated(runner: CliRunner, examples: Examples, db_path: Path) -> None:
    rows = [
        line.split("\t")
        for line in lines(run(runner, db_path, "claims", "list", "--tab-separated"))
    ]
    assert rows[0] == [
        "claim",
        "date",
        "person",
        "session",
        "status",
        "expenses",
        "involvement payment",
        "total",
    ]
    correction = ["C0006", "2026-11-10", "Fiona Chaudhry", "Over a Brew: café talk"]
    assert [*correction, "approved", "-21.63", "-30.00", "-51.63"] in rows
    assert len(rows) == 7


def test_claims_form_writes_a_word_document(
    runner: CliRunner, examples: Examples, store: Store, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "forms" / "fiona.docx"
    result = run(runner, db_path, "claims", "form", "C0001", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert lines(result) == [f"Wrote the claim form for C0001 to {path}."]
    assert docx.Document(str(path)).core_properties.title == (
        "Claim C0001: expenses and payment for taking part"
    )

    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    result = run(runner, db_path, "claims", "form", "2")
    expected = tmp_path / "exports" / "claim-C0002-Zoe-Angstrom-Nunez.docx"
    assert lines(result) == [f"Wrote the claim form for C0002 to {expected}."]
    assert expected.exists()


@pytest.mark.parametrize(
    ("claim", "words"),
    [
        ("C0099", "There is no claim C0099."),
        ("abc", "“abc” is not a claim number. Type it as it is shown, for example C0042."),
        ("0", "“0” is not a claim number."),
    ],
)
def test_claims_form_for_a_claim_that_is_not_there(
    runner: CliRunner, examples: Examples, db_path: Path, claim: str, words: str
) -> None:
    result = run(runner, db_path, "claims", "form", claim)
    assert result.exit_code == 2
    assert result.stderr.startswith(words)


def test_claims_blank_form(runner: CliRunner, store: Store, db_path: Path, tmp_path: Path) -> None:
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    Claims(store).save_policy(store.policies.current())
    result = run(runner, db_path, "claims", "blank-form")
    expected = tmp_path / "exports" / "blank-claim-form.docx"
    assert lines(result) == [f"Wrote a blank claim form to {expected}."]
    doc = docx.Document(str(expected))
    assert doc.paragraphs[0].text == "Claim form: expenses and payment for taking part"


def test_claims_commands_refuse_a_missing_data_file(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, tmp_path / "none.db", "claims", "list")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (tmp_path / "none.db").exists()
