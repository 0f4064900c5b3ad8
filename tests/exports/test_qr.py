"""QR codes read back with a real decoder (zxing-cpp): what a phone reads is the address."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image, ImageDraw

from exports.files import ExportError
from exports.qr import BORDER, HALF_BLOCKS, box_size, qr_matrix, qr_png, qr_svg, qr_text
from sessions.models import Session, SessionKind
from sessions.signup import SignupKind, SignupTarget, address_for_project, address_for_session

zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp is in the test extras")

SESSION = Session(
    title="Over a Brew: what it feels like & who decides",
    kind=SessionKind.OVER_A_BREW,
    date=dt.date(2026, 12, 3),
    start=dt.time(10),
    end=dt.time(12),
    project_name="Carers Implementation Group",
)
TARGETS = {
    "url": SignupTarget(
        SignupKind.URL,
        url="https://forms.example.gov.uk/coproduction?group={code}&title={title}",
    ),
    "mailto": SignupTarget(
        SignupKind.MAILTO,
        email="co-production@example.gov.uk",
        subject="Sign up: {title} on {date} at the Café Élan",
        body="Please save me a place & tell me about parking.\nMy name:",
    ),
    "sms": SignupTarget(SignupKind.SMS, number="07700 900123", text="Sign up {code}. Zoë here"),
}
MM_PER_INCH = 25.4


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def png_image(address: str, **options: float) -> Image.Image:
    return Image.open(io.BytesIO(qr_png(address, **options)))  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", list(TARGETS))
def test_png_decodes_to_the_address(kind: str) -> None:
    address = address_for_session(TARGETS[kind], SESSION)
    assert decode(png_image(address)) == [address]


def test_project_address_decodes() -> None:
    address = address_for_project(TARGETS["url"], "Learning Disability Partnership Board")
    assert decode(png_image(address)) == [address]


def test_mailto_decodes_with_its_fields() -> None:
    address = address_for_session(TARGETS["mailto"], SESSION)
    (result,) = zxingcpp.read_barcodes(png_image(address))
    assert result.format == zxingcpp.BarcodeFormat.QRCode
    assert result.text.startswith("mailto:co-production@example.gov.uk?subject=Sign%20up")
    assert "Caf%C3%A9%20%C3%89lan" in result.text
    assert "%26%20tell" in result.text


def test_error_correction_is_m() -> None:
    address = address_for_session(TARGETS["url"], SESSION)
    (result,) = zxingcpp.read_barcodes(png_image(address))
    assert result.ec_level == "M"


def test_png_modules_print_at_least_1_mm_at_300_dpi() -> None:
    address = address_for_session(TARGETS["url"], SESSION)
    image = png_image(address)
    modules = len(qr_matrix(address))
    width, height = image.size
    assert width == height
    assert width % modules == 0
    pixels_per_module = width // modules
    assert pixels_per_module == box_size() == 12
    dpi = image.info["dpi"]
    assert round(dpi[0]) == round(dpi[1]) == 300
    assert pixels_per_module / dpi[0] * MM_PER_INCH >= 1.0


def test_bigger_modules_when_asked() -> None:
    image = png_image("https://example.org", module_mm=2.0, dpi=600)
    modules = len(qr_matrix("https://example.org"))
    assert image.size[0] // modules == box_size(2.0, 600) == 48


def test_png_is_black_on_white_with_the_quiet_zone() -> None:
    address = address_for_session(TARGETS["sms"], SESSION)
    image = png_image(address).convert("L")
    histogram = image.histogram()
    assert {level for level, count in enumerate(histogram) if count} == {0, 255}
    zone = BORDER * box_size()
    width = image.size[0]
    for box in (
        (0, 0, width, zone),
        (0, width - zone, width, width),
        (0, 0, zone, width),
        (width - zone, 0, width, width),
    ):
        assert image.crop(box).getextrema() == (255, 255)  # all white
    # just inside the quiet zone, the top-left finder pattern starts: dark
    assert image.getpixel((zone, zone)) == 0
    assert image.getpixel((zone - 1, zone - 1)) == 255


def test_matrix_has_4_white_modules_round_it() -> None:
    matrix = qr_matrix("https://example.org")
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    for index in range(BORDER):
        assert not any(matrix[index]) and not any(matrix[size - 1 - index])
        assert not any(row[index] or row[size - 1 - index] for row in matrix)
    assert matrix[BORDER][BORDER]


def test_svg_parses_and_decodes() -> None:
    address = address_for_session(TARGETS["mailto"], SESSION)
    svg = qr_svg(address)
    root = ET.fromstring(svg.encode("utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    modules = len(qr_matrix(address))
    assert root.get("viewBox") == f"0 0 {modules} {modules}"
    assert root.get("width") == f"{modules}mm"
    assert root.find(f"{ns}title").text == f"QR code for {address}"  # type: ignore[union-attr]
    rect = root.find(f"{ns}rect")
    assert rect is not None and rect.get("fill") == "#ffffff"
    path = root.find(f"{ns}path")
    assert path is not None and path.get("fill") == "#000000"
    assert decode(render_svg(path.get("d") or "", modules)) == [address]


def render_svg(d: str, modules: int, scale: int = 8) -> Image.Image:
    """Draw the path's runs (M x y h n v1 h-n z) on white, to decode the SVG itself."""
    image = Image.new("L", (modules * scale, modules * scale), 255)
    draw = ImageDraw.Draw(image)
    for run in d.split("z"):
        if not run:
            continue
        start, rest = run[1:].split("h", 1)
        x, y = (int(n) for n in start.split())
        length = int(rest.split("v", 1)[0])
        draw.rectangle(
            (x * scale, y * scale, (x + length) * scale - 1, (y + 1) * scale - 1), fill=0
        )
    return image


def render_text(text: str, *, light_on_dark: bool, scale: int = 6) -> Image.Image:
    """Paint half-block text as a terminal would: ink on its background."""
    ink, ground = (255, 0) if light_on_dark else (0, 255)
    lines = text.rstrip("\n").split("\n")
    width = len(lines[0])
    image = Image.new("L", (width * scale, len(lines) * 2 * scale), ground)
    draw = ImageDraw.Draw(image)
    halves = {char: pair for pair, char in HALF_BLOCKS.items()}
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            top, bottom = halves[char]
            for half, inked in enumerate((top, bottom)):
                if inked:
                    y = (row * 2 + half) * scale
                    draw.rectangle(
                        (column * scale, y, (column + 1) * scale - 1, y + scale - 1), fill=ink
                    )
    return image


@pytest.mark.parametrize("light_on_dark", [False, True])
@pytest.mark.parametrize("kind", list(TARGETS))
def test_text_decodes_when_shown_as_meant(kind: str, light_on_dark: bool) -> None:
    address = address_for_session(TARGETS[kind], SESSION)
    text = qr_text(address, light_on_dark=light_on_dark)
    image = render_text(text, light_on_dark=light_on_dark)
    # the terminal's own background all round, as a phone held to the screen sees it
    framed = Image.new("L", (image.width + 120, image.height + 120), 0 if light_on_dark else 255)
    framed.paste(image, (60, 60))
    assert decode(framed) == [address]


def test_text_shape_and_quiet_zone() -> None:
    address = "https://example.org"
    modules = len(qr_matrix(address))
    dark = qr_text(address)
    lines = dark.rstrip("\n").split("\n")
    assert len(lines) == (modules + 1) // 2
    assert all(len(line) == modules for line in lines)
    assert set(dark) <= {" ", "▀", "▄", "█", "\n"}
    assert lines[0].strip() == "" and lines[1].strip() == ""  # 4 rows of quiet zone
    assert all(line[:BORDER] == " " * BORDER for line in lines)
    light = qr_text(address, light_on_dark=True).split("\n")
    assert light[0] == light[1] == "█" * modules
    assert all(line[:BORDER] == "█" * BORDER for line in light[:-2])


def test_too_long_says_so() -> None:
    with pytest.raises(ExportError, match="too long for a QR code"):
        qr_matrix("https://example.org/" + "x" * 3000)
    with pytest.raises(ExportError, match="no address"):
        qr_matrix("")
