"""Find written numbers: digits, scale words, number words, percentages and currency signs.

Values are Decimals so that "2.16 million" is exactly 2,160,000 and its rounding step exactly
10,000; floats appear only when intervals are built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from factcheck.casefold import fold

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
# Flat alternatives, each starting with a letter, so the engine can scan for their first letters.
_TENS_WITH_ONES = "|".join(rf"{tens}(?:[-\s](?:{_DIGIT_WORDS}))?" for tens in _TENS if tens)
_WORD_NUMBER = rf"(?:a\s+dozen|{_TENS_WITH_ONES}|{_ONES_ALT})(?:\s+hundred)?"
_SCALE = r"(?:thousand|million|billion|trillion|mln|mn|bn)"
_PERCENT = r"(?:%|\s?percent(?:age\s+points?)?\b|\s?per\s+cent\b|\s?percentage\s+points?\b)"
_CURRENCY = r"(?:us\$|\$|¥|rmb|cny|usd)"

_TAIL = rf"""
    (?![\w,.]?\d)(?!-(?:\w))                 # not the head of a longer number or a name like 5-G
    (?:\s?(?P<scale>{_SCALE})\b)?
    (?P<percent>{_PERCENT})?
    (?![\w])
"""
# Each pattern starts with a plain character (a digit, the first letter of a number word), so the
# regex engine finds candidates with a fast scan; what may stand before a number is checked in
# Python, since a leading look-behind or optional group would make the engine try every position.
DIGITS_RE = re.compile(
    rf"(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?){_TAIL}",
    re.VERBOSE,
)
WORDS_RE = re.compile(rf"(?P<words>{_WORD_NUMBER}){_TAIL}", re.VERBOSE)
CURRENCY_BEFORE_RE = re.compile(rf"(?:{_CURRENCY})\s?$")

# Not the tail of a word, an identifier or another number.
_NOT_BEFORE = frozenset("_.,-/#$¥")


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


# Numbers from 10^18 up are not figures (a billion billion; the largest sums in the news are
# trillions): past 10^308 a float is infinite, and a 400-digit "figure" would be [inf] in every
# report and Infinity in JSON, which is not JSON. The reader notes each one where it stands.
LARGEST = Decimal(10) ** 18
# Only a text with seven digits in a row (or with commas) can hold one, with a scale word after.
_LONG_NUMBER = re.compile(r"\d[\d,]{6,}")


def find_numbers(text: str, folded: str | None = None, keep_oversized: bool = False) -> list[NumberMention]:
    """Numbers in ``text`` in order; ``folded`` is ``casefold.fold(text)`` when the caller has it.

    Numbers of LARGEST or more are left out unless ``keep_oversized``."""
    if folded is None:
        folded = fold(text)
    mentions = []
    for regex in (DIGITS_RE, WORDS_RE):
        for match in regex.finditer(folded):
            start = match.start()
            currency = None
            if regex is DIGITS_RE and start:
                sign = CURRENCY_BEFORE_RE.search(folded, max(0, start - 4), start)
                if sign:
                    start, currency = sign.start(), text[sign.start() : sign.end()].strip()
            if start:
                before = folded[start - 1]
                if before.isalnum() or before in _NOT_BEFORE:
                    continue
            mention = _mention(match, text, start, currency)
            if mention is not None and (keep_oversized or mention.value < LARGEST):
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return mentions


def oversized_numbers(text: str) -> list[NumberMention]:
    """The numbers of ``text`` too large to be figures (see LARGEST), which find_numbers skips."""
    if not _LONG_NUMBER.search(text):
        return []
    return [mention for mention in find_numbers(text, keep_oversized=True) if mention.value >= LARGEST]


def oversized_warning(mention: NumberMention, line: int, column: int) -> str:
    shown = mention.text if len(mention.text) <= 24 else mention.text[:20] + "…"
    return f"ignored the number '{shown}' at line {line}, column {column}: expected a figure below 10^18, found about 10^{mention.value.adjusted()}"


def _mention(match: re.Match[str], text: str, start: int, currency: str | None) -> NumberMention | None:
    digits = match.groupdict().get("digits")
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
    return NumberMention(
        start=start,
        end=match.end(),
        text=text[start : match.end()],
        value=value * scale,
        step=step * scale,
        digits=digits,
        decimals=digits is not None and "." in digits,
        scale=scale_word.lower() if scale_word else None,
        percent=" ".join(percent.split()).lower() if percent else None,
        currency=currency,
        words=words,
    )


def place_value(plain: str) -> Decimal:
    """The place value of the last non-zero digit of a whole number (51000 -> 1000, 1976 -> 1),
    or of the last written decimal: 2.16 -> 0.01, and 6.0 -> 0.1, since a zero written after the
    point is written to say so ("6.0 per cent" is not "6 per cent")."""
    if "." in plain:
        _, fraction = plain.split(".", 1)
        if fraction:
            return Decimal(1).scaleb(-len(fraction))
        plain = plain.rstrip(".")
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
