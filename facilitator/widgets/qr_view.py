"""A QR code drawn in the terminal, big enough for a phone held up to the screen.

The code is drawn black on white whatever the theme (FACTS.md 19): its colours are
set here, not taken from the theme, and the full 4-module quiet zone is drawn in
white round it. Each module is `scale` columns wide and `scale` half-rows high
(half-block characters, two pixels to a character cell), so it is about square;
the largest scale that fits is used. When even one column a module does not fit,
the widget says so in words instead of drawing a code no phone could read.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from exports.qr import HALF_BLOCKS, Matrix

INK = Style(color="#000000", bgcolor="#ffffff")
"""Black on white, always: a phone reads dark modules on a light ground."""


def scale_to_fit(modules: int, width: int, height: int) -> int:
    """The most columns a module can have so that the whole code, quiet zone
    included, fits in `width` columns and `height` rows; 0 when it cannot."""
    if modules <= 0:
        return 0
    scale = min(width // modules, (height * 2) // modules)
    return max(scale, 0)


def code_lines(matrix: Matrix, scale: int) -> list[str]:
    """The code as half-block lines: the characters are the dark modules (drawn in
    black ink on white), each module `scale` columns by `scale` half-rows."""
    pixels = [[dark for dark in row for _ in range(scale)] for row in matrix for _ in range(scale)]
    lines = []
    for top in range(0, len(pixels), 2):
        upper = pixels[top]
        lower = pixels[top + 1] if top + 1 < len(pixels) else [False] * len(upper)
        lines.append("".join(HALF_BLOCKS[pair] for pair in zip(upper, lower, strict=True)))
    return lines


class QRView(Widget):
    """Draws `matrix` as large as fits, centred; or says in words that it cannot."""

    def __init__(
        self,
        matrix: Matrix,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.matrix = matrix
        self._lines: list[str] = []
        self._for_size = Size(0, 0)

    @property
    def modules(self) -> int:
        return len(self.matrix)

    @property
    def scale(self) -> int:
        return scale_to_fit(self.modules, self.size.width, self.size.height)

    @property
    def fits(self) -> bool:
        """Whether the code is drawn (one column a module or more)."""
        return self.scale >= 1

    @property
    def too_small_words(self) -> str:
        rows = (self.modules + 1) // 2
        return (
            "The window is too small to draw the QR code so that a phone can read it. "
            f"It needs {self.modules} columns and {rows} rows for the code; make the "
            "window bigger or the text smaller, or use the address below."
        )

    def on_resize(self) -> None:
        self._lines = []
        self.refresh()

    def lines(self) -> list[str]:
        """The code's lines at the current size (worked out once per size)."""
        if not self._lines or self._for_size != self.size:
            self._for_size = self.size
            scale = self.scale
            self._lines = code_lines(self.matrix, scale) if scale >= 1 else []
        return self._lines

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines()
        if not lines:
            return self._words_line(y, width)
        top = max(0, (self.size.height - len(lines)) // 2)
        row = y - top
        if not 0 <= row < len(lines):
            return Strip.blank(width, self.rich_style)
        code = lines[row]
        left = max(0, (width - len(code)) // 2)
        segments = [
            Segment(" " * left, self.rich_style),
            Segment(code, INK),
            Segment(" " * max(0, width - left - len(code)), self.rich_style),
        ]
        return Strip(segments, width).crop(0, width)

    def _words_line(self, y: int, width: int) -> Strip:
        """The too-small sentence, wrapped to the width, from the top."""
        wrapped = _wrap(self.too_small_words, max(10, width))
        text = wrapped[y] if y < len(wrapped) else ""
        return Strip([Segment(text.ljust(width)[:width], self.rich_style)], width)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines
