"""Draw the Easy Read pictures shipped with Facilitator.

Run from the project folder to draw them again (the PNGs are committed, so this is
only needed to change them):

    .venv/bin/python -m exports.pictures.make_pictures

Simple shapes in black on white with a few strong colours, thick lines, nothing
small: they must read at about 3 cm wide, printed in black and white too. Drawn
four times larger and scaled down, so edges are smooth. Pillow is imported inside
the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = 300
"""Pixels a side: about 250 dots an inch at 3 cm."""
SCALE = 4
"""Drawn this many times larger, then scaled down for smooth edges."""
C = SIZE * SCALE
LINE = 14 * SCALE
INK = (0, 0, 0)
PAPER = (255, 255, 255)
BLUE = (0, 61, 140)
YELLOW = (255, 205, 0)
RED = (192, 0, 0)
GREEN = (0, 110, 60)
SKIN = (255, 255, 255)
FOLDER = Path(__file__).resolve().parent

Draw = Any


def px(value: float) -> int:
    """A length given on a 300-pixel canvas, at drawing scale."""
    return round(value * SCALE)


def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
    return (px(x0), px(y0), px(x1), px(y1))


def person(draw: Draw, cx: float, top: float, height: float, colour: tuple[int, ...]) -> None:
    """A head and shoulders, `height` tall from `top`, centred on `cx`."""
    head = height * 0.46
    draw.ellipse(
        box(cx - head / 2, top, cx + head / 2, top + head), fill=SKIN, outline=INK, width=px(9)
    )
    body_top = top + head * 1.02
    width = height * 0.78
    draw.rounded_rectangle(
        box(cx - width / 2, body_top, cx + width / 2, top + height + height * 0.3),
        radius=px(width * 0.45),
        fill=colour,
        outline=INK,
        width=LINE,
    )


def meeting(draw: Draw) -> None:
    """Three people sitting round a table."""
    for cx, colour in ((70, BLUE), (150, RED), (230, GREEN)):
        person(draw, cx, 50, 120, colour)
    draw.rectangle(box(20, 175, 280, 205), fill=INK)
    draw.rectangle(box(45, 205, 65, 280), fill=INK)
    draw.rectangle(box(235, 205, 255, 280), fill=INK)


def people(draw: Draw) -> None:
    """Three people standing together."""
    person(draw, 75, 90, 120, GREEN)
    person(draw, 225, 90, 120, RED)
    person(draw, 150, 55, 150, BLUE)


def talking(draw: Draw) -> None:
    """A person with a speech bubble."""
    person(draw, 85, 130, 140, BLUE)
    tail = [(px(150), px(100)), (px(200), px(100)), (px(120), px(165))]
    draw.polygon(tail, fill=PAPER, outline=INK, width=LINE)
    draw.rounded_rectangle(
        box(130, 20, 285, 125), radius=px(25), fill=PAPER, outline=INK, width=LINE
    )
    draw.polygon([(px(157), px(112)), (px(190), px(112)), (px(150), px(135))], fill=PAPER)
    for y in (50, 72, 94):
        draw.line([(px(155), px(y)), (px(260), px(y))], fill=INK, width=LINE)


def listening(draw: Draw) -> None:
    """A big ear, with sound coming to it."""
    outer = [
        (180 + 80 * math.cos(math.radians(a)), 115 + 80 * math.sin(math.radians(a)))
        for a in range(180, 421, 5)
    ]
    outer += [(205, 215), (190, 250), (165, 270), (140, 268)]
    draw.line([(px(x), px(y)) for x, y in outer], fill=INK, width=px(22), joint="curve")
    inner = [
        (182 + 36 * math.cos(math.radians(a)), 118 + 36 * math.sin(math.radians(a)))
        for a in range(190, 391, 5)
    ]
    inner += [(192, 175), (170, 190)]
    draw.line([(px(x), px(y)) for x, y in inner], fill=INK, width=px(16), joint="curve")
    for radius in (22, 44, 66):
        draw.arc(
            box(25 - radius, 140 - radius, 25 + radius, 140 + radius),
            start=-45,
            end=45,
            fill=BLUE,
            width=px(12),
        )


def tick(draw: Draw, x: float, y: float, size: float, colour: tuple[int, ...], width: int) -> None:
    draw.line(
        [
            (px(x), px(y + size * 0.5)),
            (px(x + size * 0.38), px(y + size * 0.88)),
            (px(x + size), px(y)),
        ],
        fill=colour,
        width=width,
        joint="curve",
    )


def we_will(draw: Draw) -> None:
    """A clipboard with a list of things to do, the first ticked."""
    draw.rounded_rectangle(
        box(50, 35, 250, 285), radius=px(18), fill=PAPER, outline=INK, width=LINE
    )
    draw.rounded_rectangle(box(105, 15, 195, 55), radius=px(10), fill=INK)
    for number, y in enumerate((85, 150, 215)):
        draw.rectangle(box(75, y, 115, y + 40), outline=INK, width=px(8))
        draw.line([(px(135), px(y + 20)), (px(225), px(y + 20))], fill=INK, width=LINE)
        if number == 0:
            tick(draw, 78, y - 6, 42, GREEN, px(13))


def date(draw: Draw) -> None:
    """A calendar page with one day marked."""
    draw.rounded_rectangle(
        box(35, 50, 265, 270), radius=px(16), fill=PAPER, outline=INK, width=LINE
    )
    draw.rectangle(box(42, 57, 258, 110), fill=BLUE)
    for x in (90, 210):
        draw.rounded_rectangle(box(x - 9, 25, x + 9, 80), radius=px(8), fill=INK)
    for row in range(3):
        for col in range(4):
            x0, y0 = 60 + col * 50, 128 + row * 45
            marked = (row, col) == (1, 2)
            draw.rectangle(box(x0, y0, x0 + 30, y0 + 28), fill=RED if marked else INK)


def place(draw: Draw) -> None:
    """A map pin on the ground."""
    draw.ellipse(box(70, 240, 230, 285), outline=INK, width=px(10))
    draw.polygon([(px(95), px(130)), (px(205), px(130)), (px(150), px(262))], fill=RED)
    draw.ellipse(box(80, 25, 220, 165), fill=RED)
    draw.ellipse(box(122, 67, 178, 123), fill=PAPER)


def time(draw: Draw) -> None:
    """A clock face."""
    draw.ellipse(box(30, 30, 270, 270), fill=PAPER, outline=INK, width=px(18))
    for hour in range(12):
        angle = math.radians(hour * 30)
        inner = 92 if hour % 3 else 80
        draw.line(
            [
                (px(150 + inner * math.sin(angle)), px(150 - inner * math.cos(angle))),
                (px(150 + 105 * math.sin(angle)), px(150 - 105 * math.cos(angle))),
            ],
            fill=INK,
            width=px(8),
        )
    draw.line([(px(150), px(150)), (px(150), px(70))], fill=INK, width=px(14))
    draw.line([(px(150), px(150)), (px(205), px(180))], fill=BLUE, width=px(14))
    draw.ellipse(box(138, 138, 162, 162), fill=INK)


def contact(draw: Draw) -> None:
    """A letter and a phone."""
    draw.rectangle(box(20, 70, 200, 195), fill=PAPER, outline=INK, width=LINE)
    draw.line([(px(22), px(72)), (px(110), px(140)), (px(198), px(72))], fill=INK, width=LINE)
    draw.rounded_rectangle(box(185, 110, 275, 280), radius=px(16), fill=INK)
    draw.rectangle(box(198, 130, 262, 245), fill=BLUE)
    draw.ellipse(box(222, 254, 238, 270), fill=PAPER)


def money(draw: Draw) -> None:
    """A banknote with a pound sign, and a pile of coins."""
    draw.rounded_rectangle(
        box(20, 40, 230, 160), radius=px(10), fill=GREEN, outline=INK, width=LINE
    )
    draw.ellipse(box(80, 50, 170, 150), fill=PAPER, outline=INK, width=px(8))
    pound(draw, 125, 100, 70)
    for number in range(4):
        y = 250 - number * 28
        draw.ellipse(box(140, y - 5, 270, y + 40), fill=YELLOW, outline=INK, width=px(8))


def pound(draw: Draw, cx: float, cy: float, height: float) -> None:
    """A pound sign drawn with lines, so no font is needed."""
    h = height
    stroke = px(h * 0.13)
    draw.arc(
        box(cx - h * 0.12, cy - h / 2, cx + h * 0.38, cy - h * 0.02),
        start=160,
        end=330,
        fill=INK,
        width=stroke,
    )
    stem_x = cx - h * 0.1
    draw.line(
        [(px(stem_x), px(cy - h * 0.27)), (px(stem_x), px(cy + h * 0.3))], fill=INK, width=stroke
    )
    draw.line([(px(cx - h * 0.3), px(cy)), (px(cx + h * 0.12), px(cy))], fill=INK, width=stroke)
    draw.line(
        [(px(cx - h * 0.3), px(cy + h * 0.44)), (px(cx + h * 0.32), px(cy + h * 0.44))],
        fill=INK,
        width=stroke,
    )
    draw.line(
        [(px(stem_x), px(cy + h * 0.3)), (px(cx - h * 0.28), px(cy + h * 0.44))],
        fill=INK,
        width=stroke,
    )


def question(draw: Draw) -> None:
    """A speech bubble with a question mark."""
    draw.rounded_rectangle(box(25, 25, 275, 215), radius=px(40), fill=BLUE, outline=INK, width=LINE)
    draw.polygon([(px(70), px(205)), (px(130), px(205)), (px(55), px(285))], fill=BLUE)
    draw.line([(px(70), px(212)), (px(55), px(285)), (px(130), px(212))], fill=INK, width=LINE)
    write(draw, "?", 150, 122, 170, PAPER)


def idea(draw: Draw) -> None:
    """A light bulb, lit."""
    for angle in range(-90, 91, 45):
        a = math.radians(angle - 90)
        draw.line(
            [
                (px(150 + 105 * math.cos(a)), px(115 + 105 * math.sin(a))),
                (px(150 + 140 * math.cos(a)), px(115 + 140 * math.sin(a))),
            ],
            fill=INK,
            width=px(12),
        )
    draw.ellipse(box(85, 45, 215, 175), fill=YELLOW, outline=INK, width=LINE)
    draw.rectangle(box(118, 170, 182, 200), fill=YELLOW)
    draw.line([(px(118), px(160)), (px(118), px(205))], fill=INK, width=LINE)
    draw.line([(px(182), px(160)), (px(182), px(205))], fill=INK, width=LINE)
    for y in (215, 240):
        draw.rounded_rectangle(box(112, y, 188, y + 18), radius=px(8), fill=INK)
    draw.rounded_rectangle(box(130, 262, 170, 280), radius=px(8), fill=INK)


def thank_you(draw: Draw) -> None:
    """A heart."""
    points = []
    for step in range(0, 361, 3):
        t = math.radians(step)
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((px(150 + x * 7.5), px(140 - y * 7.5)))
    draw.polygon(points, fill=RED, outline=INK, width=LINE)


def done(draw: Draw) -> None:
    """A big tick in a circle."""
    draw.ellipse(box(25, 25, 275, 275), fill=GREEN, outline=INK, width=LINE)
    tick(draw, 80, 95, 140, PAPER, px(30))


def next_steps(draw: Draw) -> None:
    """An arrow pointing on."""
    draw.polygon(
        [
            (px(25), px(115)),
            (px(165), px(115)),
            (px(165), px(55)),
            (px(280), px(150)),
            (px(165), px(245)),
            (px(165), px(185)),
            (px(25), px(185)),
        ],
        fill=BLUE,
        outline=INK,
        width=LINE,
    )


def write(
    draw: Draw, text: str, cx: float, cy: float, size: float, colour: tuple[int, ...]
) -> None:
    """One or two characters, bold, centred on (cx, cy)."""
    from PIL import ImageFont

    font = ImageFont.load_default(size=px(size))
    draw.text(
        (px(cx), px(cy)),
        text,
        font=font,
        fill=colour,
        anchor="mm",
        stroke_width=px(4),
        stroke_fill=colour,
    )


PICTURES: dict[str, Callable[[Draw], None]] = {
    "meeting": meeting,
    "people": people,
    "talking": talking,
    "listening": listening,
    "we-will": we_will,
    "date": date,
    "time": time,
    "place": place,
    "contact": contact,
    "money": money,
    "question": question,
    "idea": idea,
    "thank-you": thank_you,
    "done": done,
    "next": next_steps,
}
"""File name (without .png) and how to draw it. exports/pictures/__init__.py gives
each its alt text."""


def draw_picture(name: str) -> bytes:
    """One picture as PNG bytes."""
    import io

    from PIL import Image, ImageDraw

    canvas = Image.new("RGB", (C, C), PAPER)
    PICTURES[name](ImageDraw.Draw(canvas))
    small = canvas.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def main() -> None:
    for name in PICTURES:
        path = FOLDER / f"{name}.png"
        path.write_bytes(draw_picture(name))
        print(f"Drew {path}")


if __name__ == "__main__":
    main()
