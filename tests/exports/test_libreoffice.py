"""Every kind of .docx the app writes opens in LibreOffice: each is converted to PDF
with LibreOffice headless, and must come out as a PDF with no error said.

A file LibreOffice cannot read (a broken package, XML out of schema order) fails
here long before someone finds a repair prompt in Word. Skipped, with the reason,
where `soffice` is not installed; .ci/run installs Debian's libreoffice-writer-nogui
so that CI always runs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from claim_examples import TODAY, make_claims

from exports.agenda_sheets import agenda_plan, write_agenda_handout, write_run_sheets
from exports.claim_forms import write_blank_claim_form, write_claim_form, write_receipt_slip
from exports.group_lists import group_lists_for, write_group_lists
from exports.poster import write_poster
from exports.register import register_for, write_register
from exports.summary import write_summary
from sessions.demo import fill_with_example_data
from sessions.signup import SignupKind, SignupTarget, link_for_session
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS, SIGNUP_TARGET
from tests.exports.register_examples import AFTER, BEFORE, ORGANISATION, make_session

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
WORD_FILTER = "MS Word 2007 XML"
"""Read each file as Word's .docx and nothing else: without it, LibreOffice quietly
opens a broken file as plain text and converts that."""
TIMEOUT_S = 240
"""For converting every file in one run: LibreOffice's first start is slow."""

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed here; .ci/run installs "
    "libreoffice-writer-nogui so CI converts every .docx",
)


@dataclass(frozen=True)
class Kind:
    name: str
    """What it is, and the stem of its file name: 'claim-form'."""
    write: Callable[[Store, Path], Path]
    """Writes one document of this kind to the path given; returns the path."""


def _claim_form(store: Store, path: Path) -> Path:
    examples = make_claims(store)
    return write_claim_form(examples.service.view(examples.paid.id or 0), ORGANISATION, path)


def _correcting_claim_form(store: Store, path: Path) -> Path:
    examples = make_claims(store)
    view = examples.service.view(examples.correction.id or 0)
    return write_claim_form(view, ORGANISATION, path)


def _receipt_slip(store: Store, path: Path) -> Path:
    examples = make_claims(store)
    return write_receipt_slip(examples.service.view(examples.venue.id or 0), ORGANISATION, path)


def _blank_claim_form(store: Store, path: Path) -> Path:
    return write_blank_claim_form(make_claims(store).service.policy(), ORGANISATION, path)


def _sign_in_register(store: Store, path: Path) -> Path:
    session = make_session(store).session
    return write_register(register_for(store, session.id or 0, now=BEFORE), ORGANISATION, path)


def _register_record(store: Store, path: Path) -> Path:
    session = make_session(store).session
    return write_register(register_for(store, session.id or 0, now=AFTER), ORGANISATION, path)


def _run_sheets(store: Store, path: Path) -> Path:
    plan = agenda_plan(store, make_session(store).session.id or 0)
    return write_run_sheets(plan, ORGANISATION, path)


def _agenda_handout(store: Store, path: Path) -> Path:
    plan = agenda_plan(store, make_session(store).session.id or 0)
    return write_agenda_handout(plan, ORGANISATION, path, contact="Phone 01636 000000")


def _group_lists(store: Store, path: Path) -> Path:
    lists = group_lists_for(store, make_session(store).session.id or 0)
    return write_group_lists(lists, ORGANISATION, path)


def _poster(target: SignupTarget) -> Callable[[Store, Path], Path]:
    def write(store: Store, path: Path) -> Path:
        session = make_session(store).session
        link = link_for_session(target, session)
        return write_poster(session, link, ORGANISATION, "Phone 01636 000000", path)

    return write


def _summary(*, easy_read: bool) -> Callable[[Store, Path], Path]:
    """The summary of a past example session with notes, quotes, actions, a sign-up QR
    code and its link, and contact details."""

    def write(store: Store, path: Path) -> Path:
        fill_with_example_data(store, TODAY)
        store.settings.set(SIGNUP_TARGET, WEB_FORM.to_dict())
        store.settings.set(CONTACT_DETAILS, "Phone 01636 000000")
        past = [s for s in store.sessions.overview() if s.date < TODAY and s.attended]
        return write_summary(store, past[0].id, path, easy_read=easy_read)

    return write


WEB_FORM = SignupTarget(SignupKind.URL, url="https://forms.example.gov.uk/join?group={code}")
EMAIL = SignupTarget(
    SignupKind.MAILTO, email="coproduction@example.gov.uk", subject="Sign up: {title}"
)

KINDS = (
    Kind("claim-form", _claim_form),
    Kind("correcting-claim-form", _correcting_claim_form),
    Kind("receipt-slip", _receipt_slip),
    Kind("blank-claim-form", _blank_claim_form),
    Kind("register-to-sign-in-on", _sign_in_register),
    Kind("register-as-a-record", _register_record),
    Kind("run-sheets", _run_sheets),
    Kind("agenda-large-print", _agenda_handout),
    Kind("breakout-group-lists", _group_lists),
    Kind("poster-web-form", _poster(WEB_FORM)),
    Kind("poster-email", _poster(EMAIL)),
    Kind("summary", _summary(easy_read=False)),
    Kind("easy-read-summary", _summary(easy_read=True)),
)
"""Every kind of Word document the app writes. Add each new kind here."""


@dataclass(frozen=True)
class Converted:
    pdfs: Path
    output: str
    """What soffice said, on stdout and stderr together."""


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    """Every kind written, each from a data file of its own, then all converted in one
    LibreOffice run (one start-up, not one per file) with a profile of its own, so
    runs side by side never share one."""
    root = tmp_path_factory.mktemp("libreoffice")
    docs, pdfs, profile = root / "docx", root / "pdf", root / "profile"
    written = []
    for kind in KINDS:
        with Store.open(root / f"{kind.name}.db") as store:
            written.append(kind.write(store, docs / f"{kind.name}.docx"))
    assert SOFFICE is not None
    try:
        result = subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                f"--infilter={WORD_FILTER}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(pdfs),
                *map(str, written),
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"LibreOffice took more than {TIMEOUT_S} s to convert the files: {error}")
    output = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, output
    return Converted(pdfs, output)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_libreoffice_converts_it_to_pdf(converted: Converted, kind: Kind) -> None:
    converting = f"{kind.name}.docx -> "
    assert any(
        line.startswith("convert ") and converting in line for line in converted.output.splitlines()
    ), converted.output
    pdf = converted.pdfs / f"{kind.name}.pdf"
    assert pdf.is_file(), converted.output
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF-") and len(content) > 1000
    assert re.search(rb"/Type\s*/Page\b", content)


def test_libreoffice_said_no_error(converted: Converted) -> None:
    """LibreOffice names no file in its errors ('Error: source file could not be
    loaded'): the test of the kind with no PDF says which one it was."""
    errors = [line for line in converted.output.splitlines() if re.search("error", line, re.I)]
    assert not errors, converted.output
