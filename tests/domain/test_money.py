"""Money as integer pence: typed, shown and multiplied without a float anywhere."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessions.money import (
    format_quantity,
    parse_pounds,
    parse_quantity,
    pounds,
    pounds_plain,
    round_half_up,
    times,
)

MOST_PENCE = 10**11 - 1
"""parse_pounds reads up to nine digits of pounds: £999,999,999.99."""


# --- parse_pounds ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        (".50", 50),
        ("12.05", 1205),
        ("0.01", 1),
        ("£1,234.50", 123_450),
        ("£12", 1200),
        ("45p", 45),
        ("45P", 45),
        ("£45p", 45),
        (" 3 ", 300),
        ("1 234.50", 123_450),
        ("0", 0),
    ],
)
def test_parse_pounds_reads_what_people_type(typed: str, pence: int) -> None:
    got = parse_pounds(typed)
    assert got == pence
    assert type(got) is int


def test_a_negative_amount_is_refused_in_words_unless_allowed() -> None:
    for typed in ("-5", "-£5.00", "£-5", "-45p"):
        with pytest.raises(ValueError, match="cannot be less than nothing"):
            parse_pounds(typed)
    assert parse_pounds("-5", allow_negative=True) == -500
    assert parse_pounds("-£1,234.50", allow_negative=True) == -123_450
    assert parse_pounds("-45p", allow_negative=True) == -45


@pytest.mark.parametrize("typed", ["abc", "1.234", "12.5.0", "12 pounds", "1e3", "nan", "£12.5p"])
def test_text_that_is_not_money_is_refused_in_words(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_pounds(typed)
    message = str(caught.value)
    assert "is not an amount of money" in message
    assert "for example 12.50" in message


@pytest.mark.parametrize("typed", ["", "   ", "£"])
def test_nothing_typed_asks_for_an_amount(typed: str) -> None:
    with pytest.raises(ValueError, match=r"Type an amount in pounds, for example 12\.50\."):
        parse_pounds(typed)


def test_an_absurdly_long_amount_is_refused_not_overflowed() -> None:
    with pytest.raises(ValueError, match="is not an amount of money"):
        parse_pounds("1" * 40)


# --- showing money --------------------------------------------------------------


@pytest.mark.parametrize(
    ("pence", "shown", "plain"),
    [
        (0, "£0.00", "0.00"),
        (5, "£0.05", "0.05"),
        (1250, "£12.50", "12.50"),
        (123_450, "£1,234.50", "1234.50"),
        (100_000_000, "£1,000,000.00", "1000000.00"),
        (-300, "-£3.00", "-3.00"),
        (-123_456, "-£1,234.56", "-1234.56"),
        (-1, "-£0.01", "-0.01"),
    ],
)
def test_pounds_and_pounds_plain(pence: int, shown: str, plain: str) -> None:
    assert pounds(pence) == shown
    assert pounds_plain(pence) == plain


@given(st.integers(min_value=0, max_value=MOST_PENCE))
def test_pounds_plain_reads_back_exactly(pence: int) -> None:
    back = parse_pounds(pounds_plain(pence))
    assert back == pence
    assert type(back) is int


@given(st.integers(min_value=-MOST_PENCE, max_value=MOST_PENCE))
def test_pounds_reads_back_exactly_with_its_sign(pence: int) -> None:
    assert parse_pounds(pounds(pence), allow_negative=True) == pence
    assert parse_pounds(pounds_plain(pence), allow_negative=True) == pence


@given(st.text(max_size=12))
def test_parse_pounds_gives_an_int_or_a_sentence_never_a_float(typed: str) -> None:
    try:
        got = parse_pounds(typed, allow_negative=True)
    except ValueError as error:
        assert str(error).endswith(".")
    else:
        assert type(got) is int


# --- multiplying ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "whole"),
    [
        (Fraction(5625, 10), 563),
        (Fraction(5624, 10), 562),
        (Fraction(1, 2), 1),
        (Fraction(0), 0),
        (Fraction(7, 3), 2),
        (Fraction(-5625, 10), -563),
        (Fraction(-1, 2), -1),
    ],
)
def test_round_half_up(value: Fraction, whole: int) -> None:
    got = round_half_up(value)
    assert got == whole
    assert type(got) is int


def test_12_and_a_half_miles_at_45p_is_563p() -> None:
    got = times(45, Fraction(25, 2))
    assert got == 563
    assert type(got) is int
    assert times(25, Fraction(3, 1)) == 75
    assert times(1500, Fraction(75, 60)) == 1875


@given(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.fractions(min_value=-(10**4), max_value=10**4, max_denominator=1000),
)
def test_times_is_an_int_within_half_a_penny(pence: int, quantity: Fraction) -> None:
    got = times(pence, quantity)
    assert type(got) is int
    assert abs(got - pence * quantity) <= Fraction(1, 2)
    assert times(-pence, quantity) == -got, "a reversal cancels exactly"


# --- quantities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12", Fraction(12)),
        ("12.5", Fraction(25, 2)),
        ("0.25", Fraction(1, 4)),
        (" 1,000 ", Fraction(1000)),
        ("1000", Fraction(1000)),
        ("0", Fraction(0)),
    ],
)
def test_parse_quantity(typed: str, value: Fraction) -> None:
    got = parse_quantity(typed, "miles", most=1000)
    assert got == value
    assert isinstance(got, Fraction)


def test_parse_quantity_refuses_too_many_in_words() -> None:
    with pytest.raises(ValueError) as caught:
        parse_quantity("1000.01", "miles", most=1000)
    assert str(caught.value) == "1,000.01 miles is more than 1,000. Check the number."


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("-1", "The number of miles cannot be less than nothing."),
        ("", "Type the number of miles."),
        ("lots", "“lots” is not a number of miles. Type a number, like 12.5."),
        ("12.345", "“12.345” is not a number of miles. Type a number, like 12.5."),
        ("1e3", "“1e3” is not a number of miles. Type a number, like 12.5."),
    ],
)
def test_parse_quantity_refuses_what_is_not_a_quantity(typed: str, words: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_quantity(typed, "miles", most=1000)
    assert str(caught.value) == words


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(12), "12"),
        (Fraction(25, 2), "12.5"),
        (Fraction(1, 4), "0.25"),
        (Fraction(1234), "1,234"),
        (Fraction(101, 100), "1.01"),
    ],
)
def test_format_quantity(value: Fraction, shown: str) -> None:
    assert format_quantity(value) == shown


@given(st.integers(min_value=0, max_value=100_000))
def test_a_quantity_reads_back_as_it_was_shown(hundredths: int) -> None:
    value = Fraction(hundredths, 100)
    assert parse_quantity(format_quantity(value), "miles", most=1000) == value
