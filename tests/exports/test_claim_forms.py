"""Claim forms, receipt slips and the blank form, read back with python-docx.

Each document is checked for what Word's Accessibility Checker and the person
reading it need (FACTS.md, "Documents people can read"), and for the right money:
expenses and the payment for time kept apart, totals that add up.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from claim_examples import (
    ACCESS_NEEDS,
    OVERRIDE,
    PARKING_NOTE,
    WHO,
    Examples,
    make_claims,
)
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from exports.claim_forms import (
    BLANK_FORM_NAME,
    claim_form_name,
    write_blank_claim_form,
    write_claim_form,
    write_receipt_slip,
)
from sessions.claim_models import ExpenseKind, PaymentChoice
from sessions.errors import FacilitatorError
from sessions.store import Store

ORGANISATION = "Leeds Co-production Team"


@pytest.fixture
def examples(store: Store) -> Examples:
    return make_claims(store)


@pytest.fixture
def claim_form(examples: Examples, tmp_path: Path) -> Document:
    view = examples.service.view(examples.paid.id or 0)
    path = write_claim_form(view, ORGANISATION, tmp_path / claim_form_name(view))
    return docx.Document(str(path))


@pytest.fixture
def receipt_slip(examples: Examples, tmp_path: Path) -> Document:
    view = examples.service.view(examples.venue.id or 0)
    return docx.Document(str(write_receipt_slip(view, ORGANISATION, tmp_path / "slip.docx")))


@pytest.fixture
def blank_form(examples: Examples, tmp_path: Path) -> Document:
    path = write_blank_claim_form(
        examples.service.policy(), ORGANISATION, tmp_path / BLANK_FORM_NAME
    )
    return docx.Document(str(path))


# --- reading a document back -------------------------------------------------------


def all_text(doc: Document) -> str:
    """Every word in the body, the tables and the properties."""
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    props = doc.core_properties
    parts += [
        str(getattr(props, name) or "")
        for name in ("title", "subject", "keywords", "author", "comments", "category")
    ]
    return "\n".join(parts)


def table_rows(doc: Document, first_header: str) -> list[list[str]]:
    """The rows under the header of the table whose first column is `first_header`."""
    for table in doc.tables:
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        if cells and cells[0][0] == first_header:
            return cells[1:]
    raise AssertionError(f"no table starts with {first_header!r}")


def headings(doc: Document) -> list[int]:
    return [
        int(p.style.name.removeprefix("Heading "))
        for p in doc.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def style_size(style) -> Pt | None:  # type: ignore[no-untyped-def]
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def every_paragraph(doc: Document) -> Iterator:  # type: ignore[type-arg]
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(rgb: tuple[int, int, int]) -> float:
    return 1.05 / (relative_luminance(rgb) + 0.05)


def assert_accessible(doc: Document, title: str, *, base_pt: int = 12) -> None:
    props = doc.core_properties
    assert props.title == title
    assert props.author == ORGANISATION
    assert props.last_modified_by == ORGANISATION
    assert props.language == "en-GB"
    for name in (
        "author",
        "category",
        "comments",
        "content_status",
        "identifier",
        "keywords",
        "last_modified_by",
        "subject",
        "title",
        "version",
    ):
        assert "python-docx" not in str(getattr(props, name) or ""), name
    assert props.created is not None and props.created.year >= 2026
    assert props.modified is not None and props.modified.year >= 2026
    assert props.revision == 1
    app = next(
        rel.target_part.blob.decode()
        for rel in doc.part.package.rels.values()
        if rel.reltype.endswith("/extended-properties")
    )
    assert "Microsoft" not in app and "<Application>Facilitator</Application>" in app

    # en-GB where Word looks for it: the document defaults and the Normal style.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    normal_lang = doc.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal_lang.get(qn("w:val")) == "en-GB"

    # One Heading 1 first, and no level skipped.
    levels = headings(doc)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    assert doc.paragraphs[0].text == title

    # Arial, at the base size or larger, dark on white, in every style used.
    used = {p.style.name for p in every_paragraph(doc) if p.style is not None}
    assert "Title" not in used
    for name in used | {"Table Grid"}:
        style = doc.styles[name]
        size = style_size(style)
        assert size is not None and size >= Pt(base_pt), name
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == "Arial", name
        assert fonts.get(qn("w:asciiTheme")) is None, name
        colour = style.font.color.rgb
        assert colour is not None and contrast_on_white(tuple(colour)) >= 4.5, name
    for para in every_paragraph(doc):
        for run in para.runs:
            assert run.font.size is None or run.font.size >= Pt(base_pt)
            assert not run.font.italic

    # Tables: the header row is marked and repeats; each has a caption.
    assert doc.tables
    for table in doc.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        assert table._tbl.tblPr.find(qn("w:tblCaption")) is not None
        assert all(cell.text.strip() for cell in table.rows[0].cells)

    # No empty paragraphs used for spacing.
    assert all(p.text.strip() for p in doc.paragraphs)

    # A4.
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297

    # Never anything about a person's access needs.
    assert ACCESS_NEEDS not in all_text(doc)


# --- the claim form ------------------------------------------------------------------


def test_the_claim_form_is_accessible(claim_form: Document) -> None:
    assert_accessible(claim_form, "Claim C0001: expenses and payment for taking part")


def test_the_claim_form_lists_each_expense_with_its_receipt(claim_form: Document) -> None:
    rows = table_rows(claim_form, "Kind")
    assert rows == [
        ["Mileage", "Car or van: 12.5 miles at 45p a mile: £5.63.", "No", "£5.63"],
        ["Parking", f"{PARKING_NOTE}.", "Yes, P-17", "£4.00"],
        ["Meals", "Lunch on the way.", "No", "£12.00"],
        ["Total expenses", "", "", "£21.63"],
    ]


def test_the_payment_for_time_is_kept_apart_from_expenses(claim_form: Document) -> None:
    expenses = table_rows(claim_form, "Kind")
    assert not any("time" in cell.lower() for row in expenses for cell in row)
    assert table_rows(claim_form, "What") == [
        ["Expenses", "£21.63"],
        ["Payment for time", "£30.00"],
        ["Total", "£51.63"],
    ]
    text = [p.text for p in claim_form.paragraphs]
    assert "Time there: 2 h" in text
    assert "How it was worked out: There for 2 h at £15.00 an hour: £30.00." in text
    assert "Your choice: Take the payment" in text
    assert "Payment for time: £30.00" in text
    order = [t for t in text if t in ("Time there and payment for time", "Expenses", "Totals")]
    assert order == ["Time there and payment for time", "Expenses", "Totals"]


def test_the_claim_form_has_problems_override_status_declaration_and_signatures(
    examples: Examples, claim_form: Document
) -> None:
    text = all_text(claim_form)
    assert "Meals £12.00 is over the limit: at most £10.00 a session." in text
    assert f"Approved anyway because: {OVERRIDE}" in text
    assert "Status: Paid" in text
    assert "This claim was reversed by claim C0006." in text
    assert examples.service.policy().declaration in text
    signatures = table_rows(claim_form, "Who signs")
    assert signatures == [
        ["The person claiming", "Fiona Chaudhry", "", ""],
        ["Approved by", WHO, "", ""],
    ]
    headers = [c.text for c in claim_form.tables[-1].rows[0].cells]
    assert headers == ["Who signs", "Name", "Signature", "Date"]


def test_a_charity_choice_names_the_charity(examples: Examples, tmp_path: Path) -> None:
    view = examples.service.view(examples.charity.id or 0)
    doc = docx.Document(str(write_claim_form(view, ORGANISATION, tmp_path / "c.docx")))
    assert "Your choice: Give it to a charity: Carers Leeds" in all_text(doc)
    rows = table_rows(doc, "Kind")
    assert rows[0][1] == "Why a taxi: Agreed in advance: no step-free bus."
    assert rows[0][2] == "Yes, T-0042"


def test_a_correcting_claim_reads_as_one(examples: Examples, tmp_path: Path) -> None:
    view = examples.service.view(examples.correction.id or 0)
    path = write_claim_form(view, ORGANISATION, tmp_path / claim_form_name(view))
    assert path.name == "claim-C0006-Fiona-Chaudhry.docx"
    doc = docx.Document(str(path))
    assert_accessible(doc, "Claim C0006: correction of claim C0001")
    assert table_rows(doc, "What") == [
        ["Expenses", "-£21.63"],
        ["Payment for time", "-£30.00"],
        ["Total", "-£51.63"],
    ]
    text = [p.text for p in doc.paragraphs]
    assert (
        "This claim cancels out claim C0001, line by line. Why: The meal was paid by the venue."
        in text
    )
    assert "To check" not in text


# --- the receipt slip ----------------------------------------------------------------


def test_the_receipt_slip_is_large_and_clear(receipt_slip: Document) -> None:
    assert_accessible(receipt_slip, "Paid at the venue: claim C0003", base_pt=14)
    assert receipt_slip.styles["Normal"].font.size == Pt(14)


def test_the_receipt_slip_says_what_was_handed_over_and_by_whom(
    examples: Examples, receipt_slip: Document
) -> None:
    text = [p.text for p in receipt_slip.paragraphs]
    assert "Paid in: Cash" in text
    assert "Claim number: C0003" in text
    assert "Paid on: Mon 23 Nov 2026 at 10:00" in text
    assert table_rows(receipt_slip, "What") == [
        ["Expenses", "£30.00"],
        ["Payment for time (declined the payment)", "£0.00"],
        ["Total handed over", "£30.00"],
    ]
    assert table_rows(receipt_slip, "Who signs") == [
        ["Received by", "=Robin Hood", "", ""],
        ["Handed over by", WHO, "", ""],
    ]


def test_no_receipt_slip_for_a_claim_not_paid_at_the_venue(
    examples: Examples, tmp_path: Path
) -> None:
    view = examples.service.view(examples.charity.id or 0)
    out = tmp_path / "out"
    with pytest.raises(FacilitatorError, match="was not paid at the venue"):
        write_receipt_slip(view, ORGANISATION, out / "slip.docx")
    assert not out.exists()


# --- the blank form ------------------------------------------------------------------


def test_the_blank_form_is_accessible(blank_form: Document) -> None:
    assert_accessible(blank_form, "Claim form: expenses and payment for taking part")


def test_the_blank_form_follows_the_claim_screen(blank_form: Document) -> None:
    order = [p.text for p in blank_form.paragraphs if p.style.name == "Heading 2"]
    assert order == [
        "Your details",
        "The session",
        "Time there and payment for time",
        "Expenses",
        "Totals",
        "Rates and limits",
        "Declaration",
        "Signatures",
    ]


def test_the_blank_form_has_a_line_per_kind_and_tick_boxes(blank_form: Document) -> None:
    expenses = table_rows(blank_form, "Kind")
    assert len(expenses) == len(ExpenseKind)
    for row, kind in zip(expenses, ExpenseKind, strict=True):
        assert row[0].startswith(kind.label)
        assert row[2] == "☐ Yes   ☐ No"
        assert row[1] == row[3] == ""
    choices = table_rows(blank_form, "Tick one")
    assert len(choices) == len(PaymentChoice)
    assert all(row[0] == "☐" for row in choices)
    assert [row[1] for row in choices] == [
        "Take the payment",
        "A lower amount",
        "A voucher instead",
        "Give it to a charity",
        "No payment, thank you",
    ]


def test_the_blank_form_states_the_policy_in_words(
    examples: Examples, blank_form: Document
) -> None:
    text = all_text(blank_form)
    assert "Car or van: 45p a mile, then 25p a mile after 10,000 miles in a tax year." in text
    assert "Bicycle: 20p a mile." in text
    assert (
        "Replacement or dependant care: a receipt is needed, up to £10.00 an hour, "
        "at most £60.00 a session." in text
    )
    assert "Meals: a receipt is needed, at most £10.00 a session." in text
    assert "£15.00 an hour" in text
    assert "Send in your claim within 90 days of the session." in text
    assert examples.service.policy().declaration in text
    assert "If you get benefits" in text


# --- writing ---------------------------------------------------------------------


def test_a_form_replaces_an_old_one_whole(examples: Examples, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "form.docx"
    path.write_bytes(b"an old file")
    view = examples.service.view(examples.paid.id or 0)
    write_claim_form(view, ORGANISATION, path)
    assert docx.Document(str(path)).core_properties.title.startswith("Claim C0001")
    assert [p.name for p in out.iterdir()] == ["form.docx"]


def test_a_form_into_a_folder_that_cannot_be_made_says_so(
    examples: Examples, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    view = examples.service.view(examples.paid.id or 0)
    with pytest.raises(FacilitatorError) as caught:
        write_claim_form(view, ORGANISATION, blocker / "form.docx")
    assert "not a folder" in str(caught.value) or "could not be saved" in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_the_created_time_is_now(claim_form: Document) -> None:
    created = claim_form.core_properties.created
    assert created is not None
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs((now - created.replace(tzinfo=None)).total_seconds()) < 600
