"""Find written numbers: digits, scale words, number words, percentages and currency signs.

Values are Decimals so that "2.16 million" is exactly 2,160,000 and its rounding step exactly
10,000; floats appear only when intervals are built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

SCALES = {
    "thousand": Decimal(10**3),
    "million": Decimal(10**6),
    "mln": Decimal(10**6),
    "mn": Decimal(10**6),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "trillion": Decimal(10**12),
}

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {word: value for value, word in enumerate(_ONES)}
WORD_VALUES.update({word: 10 * index for index, word in enumerate(_TENS) if word})

_ONES_ALT = "|".join(sorted(_ONES[1:], key=len, reverse=True))
_TENS_ALT = "|".join(word for word in _TENS if word)
_DIGIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUMBER = rf"(?:a\s+dozen|(?:{_TENS_ALT})(?:[-\s](?:{_DIGIT_WORDS}))?|{_ONES_ALT})(?:\s+hundred)?"
_SCALE = r"(?:thousand|million|billion|trillion|mln|mn|bn)"
_PERCENT = r"(?:%|\s?percent(?:age\s+points?)?\b|\s?per\s+cent\b|\s?percentage\s+points?\b)"
_CURRENCY = r"(?:US\$|\$|¥|RMB|CNY|USD)"

NUMBER_RE = re.compile(
    rf"""
    (?<![\w.,\-/#$¥])                      # not the tail of a word, an identifier or another number
    (?P<currency>{_CURRENCY}\s?)?
    (?:
        (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
      | (?P<words>{_WORD_NUMBER})
    )
    (?![\w,.]?\d)(?!-(?:\w))                 # not the head of a longer number or a name like 5-G
    (?:\s?(?P<scale>{_SCALE})\b)?
    (?P<percent>{_PERCENT})?
    (?![\w])
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: Decimal
    step: Decimal  # u: the place value of the last non-zero digit, after scaling
    digits: str | None  # the digits as written, None for number words
    decimals: bool
    scale: str | None
    percent: str | None
    currency: str | None
    words: bool


def find_numbers(text: str) -> Iterator[NumberMention]:
    for match in NUMBER_RE.finditer(text):
        mention = _mention(match)
        if mention is not None:
            yield mention


def _mention(match: re.Match[str]) -> NumberMention | None:
    digits = match.group("digits")
    scale_word = match.group("scale")
    scale = SCALES[scale_word.lower()] if scale_word else Decimal(1)
    if digits is not None:
        plain = digits.replace(",", "")
        value = Decimal(plain)
        step = place_value(plain)
        words = False
    else:
        parsed = word_value(match.group("words"))
        if parsed is None:
            return None
        value = Decimal(parsed)
        # A number written in words is exact as far as its words go ("five" is 5, "five million" is
        # 5,000,000 with a step of one million).
        step = Decimal(1)
        words = True
    percent = match.group("percent")
    currency = match.group("currency")
    return NumberMention(
        start=match.start(),
        end=match.end(),
        text=match.group(0),
        value=value * scale,
        step=step * scale,
        digits=digits,
        decimals=digits is not None and "." in digits,
        scale=scale_word.lower() if scale_word else None,
        percent=" ".join(percent.split()).lower() if percent else None,
        currency=currency.strip() if currency else None,
        words=words,
    )


def place_value(plain: str) -> Decimal:
    """The place value of the last non-zero digit: 51000 -> 1000, 2.16 -> 0.01, 1976 -> 1."""
    if "." in plain:
        whole, fraction = plain.split(".", 1)
        fraction = fraction.rstrip("0")
        if fraction:
            return Decimal(1).scaleb(-len(fraction))
        plain = whole
    stripped = plain.rstrip("0")
    if not stripped:
        return Decimal(1)
    return Decimal(1).scaleb(len(plain) - len(stripped))


def word_value(words: str) -> int | None:
    tokens = re.split(r"[-\s]+", words.lower())
    if tokens[:2] == ["a", "dozen"]:
        return 12
    total = 0
    for token in tokens:
        if token == "hundred":
            total *= 100
        elif token in WORD_VALUES:
            total += WORD_VALUES[token]
        else:
            return None
    return total
