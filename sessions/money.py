"""Money as integer pence: how it is typed, shown and multiplied, never as a float.

Every amount in Facilitator is an `int` of pence. Text becomes pence through
`parse_pounds`, which reads the digits itself (no float ever touches the sum), and
pence become text through `pounds`.
"""

from __future__ import annotations

import re
from fractions import Fraction

_AMOUNT = re.compile(r"^(?P<sign>-)?(?P<whole>\d{0,9})(?:\.(?P<pence>\d{1,2}))?$")
_PENCE_ONLY = re.compile(r"^(?P<sign>-)?(?P<pence>\d{1,3})p$")
_QUANTITY = re.compile(r"^(?P<whole>\d{1,6})(?:\.(?P<part>\d{1,2}))?$")


def pounds(pence: int) -> str:
    """'£1,234.50', '-£3.00': how money reads on screen and in every file."""
    sign = "-" if pence < 0 else ""
    whole, rest = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{rest:02d}"


def pounds_plain(pence: int) -> str:
    """'1234.50': for CSV columns that a spreadsheet sums."""
    sign = "-" if pence < 0 else ""
    whole, rest = divmod(abs(pence), 100)
    return f"{sign}{whole}.{rest:02d}"


def parse_pounds(text: str, *, allow_negative: bool = False) -> int:
    """Pence from what someone typed: '12', '12.5', '£1,234.50', '45p'.

    Raises ValueError with a sentence saying what to type instead.
    """
    cleaned = text.strip().replace(",", "").replace(" ", "").replace("£", "", 1)
    if not cleaned:
        raise ValueError("Type an amount in pounds, for example 12.50.")
    match = _PENCE_ONLY.match(cleaned.lower())
    if match:
        pence = int(match["pence"])
    else:
        match = _AMOUNT.match(cleaned)
        if not match or not (match["whole"] or match["pence"]):
            raise ValueError(
                f"“{text.strip()}” is not an amount of money. Type pounds and pence, "
                "for example 12.50."
            )
        pence = int(match["whole"] or "0") * 100 + int((match["pence"] or "0").ljust(2, "0"))
    if match["sign"]:
        if not allow_negative:
            raise ValueError("An amount cannot be less than nothing.")
        pence = -pence
    return pence


def parse_quantity(text: str, what: str, *, most: int) -> Fraction:
    """A number of miles or hours typed with up to two decimals, as an exact fraction.

    Raises ValueError in words: text, negatives and more than `most` are refused.
    """
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        raise ValueError(f"Type the number of {what}.")
    if cleaned.startswith("-"):
        raise ValueError(f"The number of {what} cannot be less than nothing.")
    match = _QUANTITY.match(cleaned)
    if not match:
        raise ValueError(f"“{text.strip()}” is not a number of {what}. Type a number, like 12.5.")
    part = match["part"] or ""
    value = Fraction(int(match["whole"] + part), 10 ** len(part))
    if value > most:
        raise ValueError(
            f"{format_quantity(value)} {what} is more than {most:,}. Check the number."
        )
    return value


def format_quantity(value: Fraction) -> str:
    """'12', '12.5', '0.25': a typed quantity as it was typed."""
    return format_hundredths(round_half_up(value * 100))


def format_hundredths(hundredths: int) -> str:
    """`format_quantity` of a quantity kept in hundredths (1250 is '12.5'), in whole
    numbers: quick enough for every line of a large export."""
    whole, rest = divmod(hundredths, 100)
    if not rest:
        return f"{whole:,}"
    return f"{whole:,}.{rest:02d}".rstrip("0")


def round_half_up(value: Fraction) -> int:
    """The nearest whole number, halves going up: 562.5p is 563p, as a person would."""
    return int((value * 2 + 1) // 2) if value >= 0 else -round_half_up(-value)


def times(pence: int, quantity: Fraction) -> int:
    """A rate times a quantity, in whole pence, halves rounded up: 12.5 miles at 45p is
    £5.63."""
    return round_half_up(pence * quantity)
