"""The A4 poster, read back with python-docx: accessible, large type, one page, and a
QR code picture that decodes to the sign-up address and says what it opens."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image

from exports.files import ExportError
from exports.poster import (
    NO_DATE_YET,
    TITLE_PT,
    about_sentence,
    first_sentence,
    plan_poster,
    poster_name,
    where_words,
    write_poster,
    write_poster_for,
)
from exports.qr import qr_matrix
from sessions.models import Session, SessionKind
from sessions.signup import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    NO_TARGET,
    PASSED,
    SignupKind,
    SignupSettings,
    SignupTarget,
    address_for_session,
    link_for_session,
    save_settings,
)
from sessions.store import Store
from sessions.store.settings import ORGANISATION
from tests.exports.docx_checks import (
    all_text,
    assert_accessible,
    body_texts,
    headings,
    pictures,
    style_size,
)

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in the test extras")

TEAM = "Nottinghamshire Adult Social Care"
CONTACT = "Co-production team\nPhone: 01623 000000\nEmail: coproduction@example.gov.uk"
FORM = SignupTarget(SignupKind.URL, url="https://forms.example.gov.uk/coproduction?group={code}")
MAIL = SignupTarget(
    SignupKind.MAILTO,
    email="coproduction@example.gov.uk",
    subject=DEFAULT_SUBJECT,
    body=DEFAULT_BODY,
)
SMS = SignupTarget(SignupKind.SMS, number="07700 900123", text="Sign up {code}")
BEFORE = dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Europe/London"))
AFTER = dt.datetime(2026, 12, 3, 12, 30, tzinfo=ZoneInfo("Europe/London"))
"""Before SESSION, and the moment it ends."""
SESSION = Session(
    title="What it feels like to go through an assessment",
    kind=SessionKind.OVER_A_BREW,
    date=dt.date(2026, 12, 3),
    start=dt.time(10, 30),
    end=dt.time(12, 30),
    venue="Mansfield Central Library",
    address="Westgate\nMansfield, NG18 1NH",
    project_name="Carers Implementation Group",
    purpose="Hear what people and carers felt during an assessment. It feeds regional work.",
)


def poster(tmp_path: Path, target: SignupTarget = FORM, session: Session = SESSION) -> Document:
    link = link_for_session(target, session)
    path = write_poster(session, link, TEAM, CONTACT, tmp_path / poster_name(session))
    return docx.Document(str(path))


def picture_image(doc: Document) -> Image.Image:
    blip = next(doc.element.body.iter(qn("a:blip")))
    part = doc.part.related_parts[blip.get(qn("r:embed"))]
    return Image.open(io.BytesIO(part.blob))


@pytest.mark.parametrize("target", [FORM, MAIL, SMS], ids=["url", "mailto", "sms"])
def test_poster_is_accessible_and_large(tmp_path: Path, target: SignupTarget) -> None:
    doc = poster(tmp_path, target)
    assert_accessible(doc, SESSION.title, organisation=TEAM, base_pt=16)
    size = style_size(doc.styles["Heading 1"])
    assert size is not None and size >= Pt(28)
    assert TITLE_PT >= 28
    assert headings(doc) == [
        (1, SESSION.title),
        (2, "Sign up"),
        (2, "Questions, or help to take part"),
    ]


def test_poster_says_when_where_and_what(tmp_path: Path) -> None:
    texts = body_texts(poster(tmp_path))
    assert "When: Thu 3 Dec 2026, 10:30 to 12:30" in texts
    assert "Where: Mansfield Central Library, Westgate, Mansfield, NG18 1NH" in texts
    assert "Hear what people and carers felt during an assessment." in texts
    assert not any("It feeds regional work" in text for text in texts)
    last = poster(tmp_path).paragraphs[-1]
    assert last.text == CONTACT  # one paragraph, a line each (w:br)


def test_picture_has_alt_text_and_decodes(tmp_path: Path) -> None:
    doc = poster(tmp_path)
    address = address_for_session(FORM, SESSION)
    (picture,) = pictures(doc)
    assert picture.description == f"QR code: opens the sign-up form at {address}."
    assert picture.name == "Sign-up QR code"
    assert [r.text for r in zxingcpp.read_barcodes(picture_image(doc))] == [address]
    modules = len(qr_matrix(address))
    assert picture.width_mm >= modules * 1.0  # 1 mm a module or more, printed
    assert picture.width_mm == pytest.approx(picture.height_mm)
    assert address in body_texts(doc)  # the same address, written out


def test_mailto_poster_writes_the_email_out(tmp_path: Path) -> None:
    doc = poster(tmp_path, MAIL)
    texts = body_texts(doc)
    assert "Email: coproduction@example.gov.uk" in texts
    assert (
        "Subject: Sign up: What it feels like to go through an assessment on Thu 3 Dec 2026"
        in texts
    )
    (picture,) = pictures(doc)
    assert picture.description == "QR code: starts an email to coproduction@example.gov.uk."
    decoded = [r.text for r in zxingcpp.read_barcodes(picture_image(doc))]
    assert decoded == [address_for_session(MAIL, SESSION)]
    assert picture.width_mm >= len(qr_matrix(decoded[0]))


def test_sms_poster(tmp_path: Path) -> None:
    texts = body_texts(poster(tmp_path, SMS))
    assert "Text: 07700 900123" in texts
    assert "Start with: Sign up CIG-20261203" in texts


def test_poster_never_holds_the_mailto_body(tmp_path: Path) -> None:
    """The code holds the message; the page shows only what a person needs to type."""
    assert "My name:" not in all_text(poster(tmp_path, MAIL))


def test_sentences() -> None:
    assert first_sentence("One thing. Two things.") == "One thing."
    assert first_sentence("  No full stop  ") == "No full stop."
    assert first_sentence("Is it e.g. this? Yes.") == "Is it e.g. this?"
    assert first_sentence("") == ""
    bare = Session("Brew", SessionKind.OVER_A_BREW, dt.date(2026, 12, 3), dt.time(10), dt.time(11))
    assert about_sentence(bare) == "An informal conversation over a cup of tea, open to anyone."
    assert where_words(bare) == ""
    assert where_words(SESSION) == "Mansfield Central Library, Westgate, Mansfield, NG18 1NH"
    assert poster_name(SESSION) == (
        "poster-2026-12-03-What-it-feels-like-to-go-through-an-assessment.docx"
    )


def test_from_the_data_file(store: Store, tmp_path: Path) -> None:
    saved = store.sessions.save(SESSION)
    assert saved.id is not None
    with pytest.raises(ExportError) as error:
        write_poster_for(store, saved.id, tmp_path / "p.docx", now=BEFORE)
    assert str(error.value) == NO_TARGET
    save_settings(store, SignupSettings(FORM, CONTACT))
    store.settings.set(ORGANISATION, TEAM)
    steps: list[str] = []
    path = write_poster_for(
        store,
        saved.id,
        tmp_path / "p.docx",
        now=BEFORE,
        progress=lambda _f, words: steps.append(words),
    )
    assert steps[-1] == "Saved"
    doc = docx.Document(str(path))
    assert doc.core_properties.author == TEAM
    assert any("Phone: 01623 000000" in text for text in body_texts(doc))


def test_never_a_poster_for_a_meeting_that_has_passed(store: Store, tmp_path: Path) -> None:
    """Over: the project's next session's poster; with none, the project's; with no
    project, words instead of a poster."""
    save_settings(store, SignupSettings(FORM, CONTACT))
    store.settings.set("export_folder", str(tmp_path / "out"))
    saved = store.sessions.save(Session(**{**SESSION.__dict__, "id": None, "uid": ""}))
    assert saved.id is not None
    plan = plan_poster(store, saved.id, BEFORE)
    assert plan.session.id == saved.id and not plan.note and not plan.project

    plan = plan_poster(store, saved.id, AFTER)
    assert plan.project == "Carers Implementation Group"
    assert plan.note == (
        "What it feels like to go through an assessment is over and no later session of "
        "Carers Implementation Group is planned, so the poster is for joining Carers "
        "Implementation Group."
    )
    doc = docx.Document(str(write_poster_for(store, saved.id, now=AFTER)))
    assert_accessible(doc, "Carers Implementation Group", base_pt=16)
    texts = body_texts(doc)
    assert f"When: {NO_DATE_YET}" in texts
    assert not any(text.startswith("Where:") for text in texts)
    (picture,) = pictures(doc)
    assert picture.description.endswith("coproduction?group=CIG.")
    decoded = [r.text for r in zxingcpp.read_barcodes(picture_image(doc))]
    assert decoded == ["https://forms.example.gov.uk/coproduction?group=CIG"]
    assert (tmp_path / "out" / "poster-Carers-Implementation-Group.docx").is_file()

    later = store.sessions.save(
        Session(
            title="Carers: next steps",
            kind=SessionKind.OVER_A_BREW,
            date=dt.date(2027, 1, 14),
            start=dt.time(10),
            end=dt.time(12),
            venue="Newark Library",
            project_name="Carers Implementation Group",
        )
    )
    plan = plan_poster(store, saved.id, AFTER)
    assert plan.session.id == later.id and plan.file_name == poster_name(later)
    assert plan.note.endswith(
        "so the poster is for the next session of Carers Implementation "
        "Group: Carers: next steps on Thu 14 Jan 2027."
    )
    doc = docx.Document(str(write_poster_for(store, saved.id, now=AFTER)))
    assert headings(doc)[0] == (1, "Carers: next steps")
    assert "When: Thu 14 Jan 2027, 10:00 to 12:00" in body_texts(doc)

    alone = store.sessions.save(
        Session(**{**SESSION.__dict__, "id": None, "uid": "", "project_name": ""})
    )
    with pytest.raises(ExportError) as error:
        plan_poster(store, alone.id or 0, AFTER)
    assert str(error.value) == PASSED


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_lays_it_out_on_one_page(tmp_path: Path) -> None:
    written = []
    for name, target in (("url", FORM), ("mailto", MAIL), ("sms", SMS)):
        folder = tmp_path / name
        folder.mkdir()
        link = link_for_session(target, SESSION)
        written.append(write_poster(SESSION, link, TEAM, CONTACT, folder / f"{name}.docx"))
    assert SOFFICE is not None
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, written),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for path in written:
        pdf = (tmp_path / "pdf" / path.name).with_suffix(".pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1, path.name
