"""QR codes for sign-up addresses: a PNG to print, an SVG, and text for a terminal.

Every code has error correction M and a quiet zone of 4 modules on every side
(FACTS.md 16), dark modules on a white ground. The PNG is drawn at print size: each
module is at least 1 mm at 300 dots an inch (12 pixels), so a poster is read from a
metre or two away (FACTS.md 17).

`qr_text` draws the code with half-block characters, two rows of modules to a line of
text. Which modules become characters depends on the colours it will be shown in:

- `qr_text(address)`: the characters are the DARK modules. Right for dark text on a
  light background: the TUI's QR view (which colours it black on white itself,
  whatever the theme), a light terminal, or text pasted into a document.
- `qr_text(address, light_on_dark=True)`: the characters are the LIGHT modules,
  quiet zone included. Right for light text on a dark background: most terminals.

qrcode and Pillow are imported inside the functions, so the app starts without them.
"""

from __future__ import annotations

import io
import math
from xml.sax.saxutils import escape

from exports.files import ExportError

BORDER = 4
"""The quiet zone, in modules (FACTS.md 16): never lower it."""
MM_PER_INCH = 25.4
HALF_BLOCKS = {
    (False, False): " ",
    (True, False): "▀",
    (False, True): "▄",
    (True, True): "█",
}
"""(top module inked, bottom module inked): the character drawing both."""

Matrix = list[list[bool]]


def qr_matrix(address: str) -> Matrix:
    """The code's modules, True for dark, with the 4-module quiet zone around them."""
    import qrcode
    from qrcode.exceptions import DataOverflowError

    if not address:
        raise ExportError("There is no address to put in a QR code.")
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER)
    code.add_data(address)
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError) as error:  # qrcode 8.2: ValueError past version 40
        raise ExportError(
            f"The sign-up address is too long for a QR code ({len(address):,} characters). "
            "Shorten it in Settings, on the Sign-ups and summaries tab."
        ) from error
    return [list(row) for row in code.get_matrix()]


def box_size(module_mm: float = 1.0, dpi: int = 300) -> int:
    """Pixels for each module so that it prints at least `module_mm` wide: 12 at 1 mm
    and 300 dots an inch."""
    return max(1, math.ceil(module_mm * dpi / MM_PER_INCH - 1e-9))


def qr_png(address: str, *, module_mm: float = 1.0, dpi: int = 300) -> bytes:
    """A black-on-white PNG whose modules print at least `module_mm` wide at `dpi`
    (the resolution is written in the file, so Word places it at that size)."""
    from PIL import Image

    matrix = qr_matrix(address)
    size = len(matrix)
    small = Image.new("L", (size, size), 255)
    small.putdata([0 if dark else 255 for row in matrix for dark in row])
    scale = box_size(module_mm, dpi)
    image = small.resize((size * scale, size * scale), Image.Resampling.NEAREST).convert("1")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


def qr_svg(address: str, *, module_mm: float = 1.0) -> str:
    """An SVG of the code, black on an explicit white square (never transparent, which
    would vanish on a dark page), `module_mm` to a module, titled with its address."""
    matrix = qr_matrix(address)
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    width = f"{size * module_mm:g}mm"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" '
        f'height="{width}" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" '
        'role="img">\n'
        f"<title>QR code for {escape(address)}</title>\n"
        f'<rect width="{size}" height="{size}" fill="#ffffff"/>\n'
        f'<path fill="#000000" d="{"".join(runs)}"/>\n'
        "</svg>\n"
    )


def qr_text(address: str, *, light_on_dark: bool = False) -> str:
    """The code in half-block characters, one line for two rows of modules, quiet zone
    included. See the module's note for which `light_on_dark` to use."""
    return matrix_text(qr_matrix(address), light_on_dark=light_on_dark)


def matrix_text(matrix: Matrix, *, light_on_dark: bool = False) -> str:
    """Half-block lines for a matrix. Below the last row (an odd number of rows) is the
    background, which is never inked."""
    ink = [[dark != light_on_dark for dark in row] for row in matrix]
    lines = []
    for top in range(0, len(ink), 2):
        upper = ink[top]
        lower = ink[top + 1] if top + 1 < len(ink) else [False] * len(upper)
        lines.append("".join(HALF_BLOCKS[pair] for pair in zip(upper, lower, strict=True)))
    return "\n".join(lines) + "\n"
