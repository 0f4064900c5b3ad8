"""Charts for the progress report, drawn as PNG pictures with Pillow.

Each chart is a `sessions.report_words.Chart`: its title, labels, one or two series
of whole numbers with the words to print beside each bar, and the alt text that
states every figure (set on the picture by `exports.report`). What makes them
readable on paper and on screen:

- every bar has its figure written beside or above it, so nothing depends on
  reading a scale or telling colours apart;
- the first series is dark navy (about 12:1 on white), the second pale with a dark
  outline and diagonal lines, so the two differ in greyscale and for people who
  do not see colour; a legend names them;
- labels in a sans-serif at 11pt or more at the size the picture is printed, drawn
  at 300 dots an inch;
- categories (kinds, roles, months) as rows of bars, which fit long labels and any
  number of months; a short run of quarters as columns, left to right in time.

Pillow is imported inside the functions, never when this module loads.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sessions.report_words import Chart

if TYPE_CHECKING:
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

DPI = 300
WIDTH_MM = 160
"""The width a chart is printed at in the report (A4 less 20 mm margins is 170)."""
FONT_FILES = ("arial.ttf", "Arial.ttf", "LiberationSans-Regular.ttf", "DejaVuSans.ttf")
"""Looked for in the computer's font folders, in this order."""
MOST_COLUMNS = 8
"""More quarters than this are drawn as rows, so their labels never crowd."""

WHITE = (0xFF, 0xFF, 0xFF)
INK = (0x1A, 0x1A, 0x1A)
"""Words and outlines: near-black, 17:1 on white."""
FILLS = ((0x1B, 0x3A, 0x5C), (0xC6, 0xD6, 0xE6))
"""Navy (12:1 on white), then a pale blue with a dark outline and diagonal lines."""
HATCH = (0x1B, 0x3A, 0x5C)
BASELINE = (0x59, 0x59, 0x59)

TITLE_PT = 13
LABEL_PT = 11
BAR_MM = 5.0
"""The thickness of one bar."""
GROUP_GAP_MM = 3.0
MARGIN_MM = 3.0
TEXT_GAP_MM = 1.5
COLUMN_AREA_MM = 40.0
"""The height of the columns' area, for a trend over a few quarters."""


def px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


@functools.lru_cache(maxsize=8)
def _font(pt: float) -> FreeTypeFont:
    """A sans-serif font at `pt` points when printed at DPI: Arial as the documents
    use, or a font drawn to its measure, or Pillow's own (the same everywhere)."""
    from PIL import ImageFont

    size = round(pt / 72 * DPI)
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)  # type: ignore[return-value]


def _printable(text: str, font: FreeTypeFont) -> str:
    """`text` with a pound sign the font cannot draw written as 'GBP '."""
    if "£" in text and not _draws(font, "£"):
        return text.replace("£", "GBP ")
    return text


def _draws(font: FreeTypeFont, character: str) -> bool:
    """Whether the font has its own picture of `character` (not the empty box)."""
    return bytes(font.getmask(character)) != bytes(font.getmask("\U0010ffff"))


@dataclass(frozen=True)
class _Fonts:
    title: FreeTypeFont
    label: FreeTypeFont

    @classmethod
    def make(cls) -> _Fonts:
        return cls(_font(TITLE_PT), _font(LABEL_PT))


def chart_png(chart: Chart, width_mm: float = WIDTH_MM) -> bytes:
    """The chart as a PNG `width_mm` wide at 300 dots an inch."""
    columns = chart.unit == "%" and len(chart.labels) <= MOST_COLUMNS
    return _columns(chart, width_mm) if columns else _rows(chart, width_mm)


def chart_height_mm(png: bytes) -> float:
    """How tall a chart is printed, from the picture's own size."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.height / DPI * 25.4


def _scale_top(chart: Chart) -> int:
    """The value a full-length bar stands for: the largest (bars start at nothing, and
    each says its figure)."""
    return max((v for s in chart.series for v in s.values), default=0) or 1


# --- rows of bars --------------------------------------------------------------------


def _rows(chart: Chart, width_mm: float) -> bytes:
    from PIL import Image, ImageDraw

    fonts = _Fonts.make()
    width = px(width_mm)
    margin, gap = px(MARGIN_MM), px(TEXT_GAP_MM)
    bar, group_gap = px(BAR_MM), px(GROUP_GAP_MM)
    line = _line_height(fonts.label)
    bar = max(bar, line)
    labels_width = min(
        max((fonts.label.getlength(label) for label in chart.labels), default=0),
        width * 0.42,
    )
    labels = [_wrap(label, fonts.label, labels_width) for label in chart.labels]
    shown = [[_printable(text, fonts.label) for text in s.shown] for s in chart.series]
    shown_width = max((fonts.label.getlength(text) for texts in shown for text in texts), default=0)
    bars_left = margin + int(labels_width) + gap * 2
    bars_width = width - bars_left - margin - int(shown_width) - gap
    top = margin + _title_height(chart, fonts, width)
    groups = len(chart.labels)
    series = len(chart.series)
    group_heights = [
        max(series * bar, len(label) * line) for label in labels
    ]  # a wrapped label may be taller than its bars
    height = top + sum(group_heights) + group_gap * max(groups - 1, 0) + margin
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    _title(draw, chart, fonts, width, margin)
    scale = _scale_top(chart)
    y = top
    for index, (label_lines, group_height) in enumerate(zip(labels, group_heights, strict=True)):
        text_y = y + (group_height - len(label_lines) * line) // 2
        for number, words in enumerate(label_lines):
            draw.text((margin, text_y + number * line), words, font=fonts.label, fill=INK)
        bars_top = y + (group_height - series * bar) // 2
        for which, values in enumerate(chart.series):
            value = values.values[index]
            length = round(bars_width * value / scale) if value > 0 else 0
            y0 = bars_top + which * bar
            box = (bars_left, y0 + 2, bars_left + length, y0 + bar - 2)
            if length:
                _bar(draw, box, which)
            text_top = y0 + (bar - line) // 2
            draw.text(
                (bars_left + length + gap, text_top),
                shown[which][index],
                font=fonts.label,
                fill=INK,
            )
        y += group_height + group_gap
    draw.line((bars_left, top - gap, bars_left, height - margin + gap // 2), fill=BASELINE, width=3)
    return _png(image)


# --- columns, for a short trend ---------------------------------------------------------


def _columns(chart: Chart, width_mm: float) -> bytes:
    from PIL import Image, ImageDraw

    fonts = _Fonts.make()
    width = px(width_mm)
    margin, gap = px(MARGIN_MM), px(TEXT_GAP_MM)
    line = _line_height(fonts.label)
    groups = max(len(chart.labels), 1)
    slot = (width - 2 * margin) / groups
    column = min(px(22), int(slot * 0.6))
    labels = [_wrap(label, fonts.label, slot - gap) for label in chart.labels]
    label_lines = max((len(lines) for lines in labels), default=1)
    top = margin + _title_height(chart, fonts, width) + line + gap
    area = px(COLUMN_AREA_MM)
    baseline = top + area
    height = baseline + gap + label_lines * line + margin
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    _title(draw, chart, fonts, width, margin)
    scale = _scale_top(chart)
    values = chart.series[0]
    for index, label_lines_ in enumerate(labels):
        centre = margin + slot * index + slot / 2
        value = values.values[index]
        tall = round(area * value / scale) if value > 0 else 0
        left = round(centre - column / 2)
        if tall:
            _bar(draw, (left, baseline - tall, left + column, baseline), 0)
        shown = _printable(values.shown[index], fonts.label)
        draw.text(
            (centre - fonts.label.getlength(shown) / 2, baseline - tall - gap - line),
            shown,
            font=fonts.label,
            fill=INK,
        )
        for number, words in enumerate(label_lines_):
            draw.text(
                (centre - fonts.label.getlength(words) / 2, baseline + gap + number * line),
                words,
                font=fonts.label,
                fill=INK,
            )
    draw.line((margin, baseline, width - margin, baseline), fill=BASELINE, width=3)
    return _png(image)


# --- pieces ------------------------------------------------------------------------------


def _line_height(font: FreeTypeFont) -> int:
    _, top, _, bottom = font.getbbox("Ágjy£%")
    return int((bottom - top) * 1.35)


def _title_height(chart: Chart, fonts: _Fonts, width: int) -> int:
    lines = _wrap(chart.title, fonts.title, width - 2 * px(MARGIN_MM))
    height = len(lines) * _line_height(fonts.title) + px(TEXT_GAP_MM) * 2
    if len(chart.series) > 1:
        height += _line_height(fonts.label) + px(TEXT_GAP_MM) * 2
    return height


def _title(draw: ImageDraw, chart: Chart, fonts: _Fonts, width: int, margin: int) -> None:
    """The title, and a legend under it when there are two series."""
    y = margin
    for words in _wrap(chart.title, fonts.title, width - 2 * margin):
        draw.text((margin, y), words, font=fonts.title, fill=INK)
        y += _line_height(fonts.title)
    if len(chart.series) < 2:
        return
    y += px(TEXT_GAP_MM)
    line = _line_height(fonts.label)
    x = margin
    for which, series in enumerate(chart.series):
        _bar(draw, (x, y + 4, x + line * 2, y + line - 4), which)
        x += line * 2 + px(TEXT_GAP_MM)
        draw.text((x, y), series.name, font=fonts.label, fill=INK)
        x += int(fonts.label.getlength(series.name)) + px(6)


def _bar(draw: ImageDraw, box: tuple[int, int, int, int], which: int) -> None:
    """A bar in the series' fill; the second series with diagonal lines, both outlined."""
    left, top, right, bottom = box
    fill = FILLS[which % len(FILLS)]
    draw.rectangle(box, fill=fill, outline=INK, width=3)
    if which % 2 == 1:
        step = px(1.6)
        for start in range(left - (bottom - top), right, step):
            # A line from bottom-left to top-right, clipped to the bar.
            x0, y0, x1, y1 = start, bottom, start + (bottom - top), top
            if x0 < left:
                y0 -= left - x0
                x0 = left
            if x1 > right:
                y1 += x1 - right
                x1 = right
            if x1 > x0:
                draw.line((x0, y0, x1, y1), fill=HATCH, width=3)
        draw.rectangle(box, outline=INK, width=3)


def _wrap(text: str, font: FreeTypeFont, most: float) -> list[str]:
    """Words on as few lines as fit `most` pixels (a long word is left whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial) > most:
            lines.append(current)
            current = word
        else:
            current = trial
    if current or not lines:
        lines.append(current)
    return lines


def _png(image: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(DPI, DPI))
    return buffer.getvalue()
