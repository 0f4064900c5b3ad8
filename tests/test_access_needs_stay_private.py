"""Access needs are health information: shown where they are needed (check-in, groups),
written into no file and no listing, except the facilitator's own register when
Settings allows it (FACTS.md 20).

Every kind of file the app writes and every listing the CLI prints is made for a
session where someone has access needs, and searched for them. A new export belongs
in EXPORTS below. The subject access export is left out on purpose: it is written for
the person themselves and holds everything, their access needs included.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from privacy_examples import ACCESS_NEEDS, NAME, Example, add_sian, at

from exports.claim_forms import write_receipt_slip
from exports.files import EXPORT_FOLDER, atomic_write_text, make_private_folder
from exports.register import REGISTER_ACCESS_NEEDS
from facilitator.cli import main
from sessions.claim_models import VenuePayment
from sessions.claiming import Claims
from sessions.signup import SignupKind, SignupSettings, SignupTarget, save_settings
from sessions.store import Store

NEEDLES = (ACCESS_NEEDS, "BSL-QX", "quiet room to rest")
"""Her access needs, whole and in pieces."""

EXPORTS: dict[str, tuple[str, ...]] = {
    "register": ("export", "register", "{session}", "-o", "{out}/register.docx"),
    "register csv": ("export", "register", "{session}", "--csv", "-o", "{out}/register.csv"),
    "run sheets": ("export", "runsheets", "{session}", "-o", "{out}/runsheets.docx"),
    "agenda": ("export", "agenda", "{session}", "-o", "{out}/agenda.docx"),
    "groups": ("export", "groups", "{session}", "-o", "{out}/groups.docx"),
    "summary": ("export", "summary", "{session}", "-o", "{out}/summary.docx"),
    "easy read": ("export", "summary", "{session}", "--easy-read", "-o", "{out}/easy.docx"),
    "poster": ("export", "poster", "{session}", "-o", "{out}/poster.docx"),
    "claim form": ("claims", "form", "{claim}", "-o", "{out}/claim.docx"),
    "blank claim form": ("claims", "blank-form", "-o", "{out}/blank.docx"),
    "finance csv": ("claims", "export", "--status", "paid", "{out}/finance.csv"),
    "qr svg": ("qr", "{session}", "--format", "svg", "-o", "{out}/qr.svg"),
    "policy": ("policy", "export", "{out}/policy.toml"),
    "people": ("people",),
    "people tsv": ("people", "--tab-separated"),
    "people search": ("people", "Quorndon"),
    "sessions": ("sessions",),
    "sessions tsv": ("sessions", "--tab-separated"),
    "claims list": ("claims", "list"),
    "claims list tsv": ("claims", "list", "--tab-separated"),
}
REGISTERS = ("register", "register csv")
BEFORE_THE_DAY = ("poster", "qr svg")
"""Made before the session: a poster or code for a meeting that has passed is refused."""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return CliRunner()


@pytest.fixture
def sian(store: Store, tmp_path: Path) -> Example:
    example = add_sian(store)
    save_settings(
        store,
        SignupSettings(SignupTarget(SignupKind.URL, url="https://forms.example.org/s?g={code}")),
    )
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "exports"))
    # Money handed over at the venue, for a receipt slip.
    claims = Claims(store)
    claim = claims.start(example.session_id, example.interpreter_id)
    assert claim.id is not None
    claims.pay_at_venue(claim.id, VenuePayment.CASH)
    return example


def words_in(path: Path) -> str:
    """Every word of a file: the text of each part of a Word document, or the file."""
    if path.suffix != ".docx":
        return path.read_text(encoding="utf-8-sig")
    with zipfile.ZipFile(path) as parts:
        xml = "".join(parts.read(name).decode("utf-8", "replace") for name in parts.namelist())
    return xml + re.sub(r"<[^>]+>", "", xml)


def made(runner: CliRunner, store: Store, sian: Example, kind: str, out: Path) -> str:
    """Run the command for `kind`; returns what it printed and every file it wrote."""
    args = [
        arg.format(session=sian.session_id, claim=f"C{sian.claim_id:04d}", out=out)
        for arg in EXPORTS[kind]
    ]
    obj = {"now": lambda: at(9, 0)} if kind in BEFORE_THE_DAY else None
    result = runner.invoke(main, [*args, "--db", str(store.path)], obj=obj, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = [path for path in out.rglob("*") if path.is_file()]
    assert written or not any("{out}" in arg for arg in EXPORTS[kind]), "nothing written"
    return result.output + "".join(words_in(path) for path in written)


@pytest.mark.parametrize("kind", EXPORTS)
def test_no_export_holds_access_needs(
    runner: CliRunner, store: Store, sian: Example, kind: str, tmp_path: Path
) -> None:
    text = made(runner, store, sian, kind, tmp_path / "out")
    if kind.startswith("people"):
        assert "Quorndon" in text, "the listing does show her"
    for needle in NEEDLES:
        assert needle not in text, f"{kind} holds her access needs"


@pytest.mark.parametrize("kind", EXPORTS)
def test_only_the_register_holds_them_when_settings_allow(
    runner: CliRunner, store: Store, sian: Example, kind: str, tmp_path: Path
) -> None:
    store.settings.set(REGISTER_ACCESS_NEEDS, True)
    text = made(runner, store, sian, kind, tmp_path / "out")
    if kind in REGISTERS:
        assert ACCESS_NEEDS in text
    else:
        for needle in NEEDLES:
            assert needle not in text, f"{kind} holds her access needs"


def test_the_receipt_slip_holds_none(store: Store, sian: Example, tmp_path: Path) -> None:
    (row,) = [r for r in Claims(store).listing().rows if r.claim.venue_payment is not None]
    view = Claims(store).view(row.claim.id or 0)
    path = write_receipt_slip(view, "Team", tmp_path / "slip.docx")
    for needle in NEEDLES:
        assert needle not in words_in(path)


def test_the_register_keeps_them_to_a_last_page_for_the_facilitator(
    store: Store, sian: Example, tmp_path: Path
) -> None:
    import docx

    from exports.register import register_for, write_register

    store.settings.set(REGISTER_ACCESS_NEEDS, True)
    register = register_for(store, sian.session_id)
    doc = docx.Document(str(write_register(register, "Team", tmp_path / "r.docx")))
    headings = [p for p in doc.paragraphs if p.style.name.startswith("Heading")]
    last = headings[-1]
    assert last.text == "Access needs: for the facilitator only"
    assert last.paragraph_format.page_break_before
    needs_table = doc.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in needs_table.rows]
    assert rows[0] == ["Name", "Access needs"]
    assert [f"Sia ({NAME})", f"{ACCESS_NEEDS} The room needs step-free access."] in rows
    # The sheet passed round has no such column.
    for table in doc.tables[:-1]:
        assert "Access needs" not in [cell.text for cell in table.rows[0].cells]


def test_folders_the_app_makes_for_files_are_private(tmp_path: Path) -> None:
    written = atomic_write_text(tmp_path / "new" / "deeper" / "file.csv", "a,b\r\n")
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    # A folder that was already there is left as its owner set it.
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    make_private_folder(shared)
    atomic_write_text(shared / "file.csv", "a\r\n")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
