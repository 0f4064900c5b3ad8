"""`facilitator qr` and `facilitator export poster`: what they print and write, and
that what they write decodes to the sign-up address; never a code or poster for a
meeting that has passed."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from PIL import Image

from exports.files import EXPORT_FOLDER
from exports.qr import HALF_BLOCKS, qr_text
from facilitator.cli import main
from sessions.signup import (
    NO_TARGET_CLI,
    PASSED,
    SignupKind,
    SignupSettings,
    SignupTarget,
    address_for_project,
    address_for_session,
    save_settings,
)
from sessions.store import Store
from support import NOW

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in the test extras")

FORM = SignupTarget(SignupKind.URL, url="https://forms.example.gov.uk/coproduction?group={code}")
SESSION_ID = 6
"""Building the right relationships, an Over a Brew in the example data."""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def ready(demo_store: Store, tmp_path: Path) -> Store:
    save_settings(demo_store, SignupSettings(FORM, "Phone 01623 000000"))
    demo_store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    return demo_store


def run(runner: CliRunner, db_path: Path, *args: str) -> Result:
    """At 10:00 on the example data's today (NOW)."""
    return runner.invoke(main, [*args, "--db", str(db_path)], obj={"now": lambda: NOW})


def address(store: Store) -> str:
    return address_for_session(FORM, store.sessions.get(SESSION_ID))


def test_txt_to_the_terminal_suits_a_dark_background(
    runner: CliRunner, ready: Store, db_path: Path
) -> None:
    result = run(runner, db_path, "qr", str(SESSION_ID))
    assert result.exit_code == 0, result.output
    wanted = address(ready)
    assert result.stdout == qr_text(wanted, light_on_dark=True) + wanted + "\n"
    assert result.stdout.startswith("█" * 20)  # the quiet zone, drawn in light characters


def test_txt_for_a_light_background(runner: CliRunner, ready: Store, db_path: Path) -> None:
    result = run(runner, db_path, "qr", str(SESSION_ID), "--light-background")
    assert result.stdout.startswith(qr_text(address(ready)))
    assert set(result.stdout.split("\n")[0]) == {" "}


def test_png_decodes_and_goes_to_the_export_folder(
    runner: CliRunner, ready: Store, db_path: Path, tmp_path: Path
) -> None:
    result = run(runner, db_path, "qr", "relationships", "--format", "png")
    assert result.exit_code == 0, result.output
    written = tmp_path / "exports" / "qr-2026-12-07-Building-the-right-relationships.png"
    assert result.stdout.splitlines() == [
        f"Wrote the sign-up QR code for Building the right relationships on Mon 7 Dec 2026 "
        f"to {written}.",
        f"It opens the sign-up form at {address(ready)}.",
    ]
    image = Image.open(io.BytesIO(written.read_bytes()))
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [address(ready)]


def test_format_from_the_file_name(
    runner: CliRunner, ready: Store, db_path: Path, tmp_path: Path
) -> None:
    svg = tmp_path / "code.svg"
    assert run(runner, db_path, "qr", str(SESSION_ID), "-o", str(svg)).exit_code == 0
    assert svg.read_text(encoding="utf-8").startswith("<?xml")
    txt = tmp_path / "code.txt"
    assert run(runner, db_path, "qr", str(SESSION_ID), "-o", str(txt)).exit_code == 0
    lines = txt.read_text(encoding="utf-8").splitlines()
    assert lines[-1] == address(ready)
    assert set("".join(lines[:-1])) <= set(HALF_BLOCKS.values())
    odd = run(runner, db_path, "qr", str(SESSION_ID), "-o", str(tmp_path / "code.jpg"))
    assert odd.exit_code == 2
    assert "does not end with .png, .svg or .txt" in odd.stderr


def test_a_project(runner: CliRunner, ready: Store, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "project.png"
    result = run(runner, db_path, "qr", "--project", "our voice", "-o", str(out))
    assert result.exit_code == 0, result.output
    wanted = address_for_project(FORM, "Our Voice")
    assert wanted.endswith("group=OV")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(out.read_bytes())))
    assert [r.text for r in decoded] == [wanted]


def test_unknown_project_lists_them(runner: CliRunner, ready: Store, db_path: Path) -> None:
    result = run(runner, db_path, "qr", "--project", "knitting")
    assert result.exit_code == 2
    assert result.stderr.startswith("No project matches “knitting”. The projects are:\n")
    assert "  Our Voice" in result.stderr


def test_session_or_project_not_both(runner: CliRunner, ready: Store, db_path: Path) -> None:
    neither = run(runner, db_path, "qr")
    assert neither.exit_code == 2
    assert neither.stderr.startswith("Say which session")
    both = run(runner, db_path, "qr", "6", "--project", "Our Voice")
    assert both.exit_code == 2
    assert "not both" in both.stderr


def test_several_sessions_match(runner: CliRunner, ready: Store, db_path: Path) -> None:
    result = run(runner, db_path, "qr", "library")
    assert result.exit_code == 2
    assert "sessions match “library”. Give the session's number instead:" in result.stderr


def test_no_target_says_how_to_set_one(runner: CliRunner, demo_store: Store, db_path: Path) -> None:
    for args in (("qr", "6"), ("export", "poster", "6")):
        result = run(runner, db_path, *args)
        assert result.exit_code == 2
        assert result.stderr.strip() == NO_TARGET_CLI


def test_export_poster(runner: CliRunner, ready: Store, db_path: Path, tmp_path: Path) -> None:
    result = run(runner, db_path, "export", "poster", str(SESSION_ID))
    assert result.exit_code == 0, result.output
    written = tmp_path / "exports" / "poster-2026-12-07-Building-the-right-relationships.docx"
    assert result.stdout.splitlines() == [
        f"Wrote the poster for Building the right relationships to {written}."
    ]
    doc = docx.Document(str(written))
    assert doc.paragraphs[0].text == "Building the right relationships"
    chosen = tmp_path / "elsewhere" / "poster.docx"
    again = run(runner, db_path, "export", "poster", "relationships", "-o", str(chosen))
    assert again.exit_code == 0, again.output
    assert chosen.is_file()


def test_a_session_that_is_over_gets_its_projects_code(
    runner: CliRunner, ready: Store, db_path: Path, tmp_path: Path
) -> None:
    """Clearer letters: second meeting (3) is over and its project has nothing later."""
    out = tmp_path / "letters.png"
    result = run(runner, db_path, "qr", "3", "-o", str(out))
    assert result.exit_code == 0, result.output
    wanted = address_for_project(FORM, "Clearer letters about disability-related expenses")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(out.read_bytes())))
    assert [r.text for r in decoded] == [wanted]
    assert result.stdout.splitlines()[-1].startswith(
        "Clearer letters: second meeting is over and no later session of Clearer letters"
    )
    poster = run(runner, db_path, "export", "poster", "3")
    assert poster.exit_code == 0, poster.output
    written = tmp_path / "exports" / "poster-Clearer-letters-about-disability-related-expenses.docx"
    assert poster.stdout.splitlines()[0] == (
        f"Wrote the poster for Clearer letters about disability-related expenses to {written}."
    )
    assert "so the poster is for joining Clearer letters" in poster.stdout


def test_a_session_that_is_over_with_no_project_gets_no_code(
    runner: CliRunner, ready: Store, db_path: Path, tmp_path: Path
) -> None:
    """What it feels like to go through an assessment (1): 14 Oct, no project."""
    for args in (("qr", "1"), ("export", "poster", "1")):
        result = run(runner, db_path, *args)
        assert result.exit_code == 2
        assert result.stderr.strip() == PASSED
    assert not (tmp_path / "exports").exists()
