"""From a written number and its qualifier to hard and soft intervals (DESIGN.md, "Semantics").

The hard interval is what the words strictly allow; the soft one is what a reader takes them to
mean ("more than 50,000" is in practice below 60,000). A soft disagreement is only ever a warning.
"""

from __future__ import annotations

from decimal import Decimal

from factcheck.extract.numbers import NumberMention
from factcheck.model import Interval
from factcheck.vocabulary.models import FractionBelow, Precision, Qualifier


def find_qualifier(text: str, start: int, phrases: list[str], qualifiers: dict[str, Qualifier]) -> tuple[Qualifier | None, str | None, int]:
    """The qualifier written just before ``start`` (longest phrase first) and where it begins."""
    window = text[max(0, start - 48) : start]
    lowered = " ".join(window.lower().split())
    if not window.endswith((" ", "\t", "\n")) and window:
        return None, None, start
    for phrase in phrases:
        if lowered.endswith(phrase) and (len(lowered) == len(phrase) or not lowered[-len(phrase) - 1].isalnum()):
            qualifier = qualifiers[phrase]
            if qualifier.not_after and _word_before(lowered, len(lowered) - len(phrase)) in qualifier.not_after:
                return None, None, start  # "rose up to 12,345": a change verb and the level it reached
            begin = _phrase_start(text, start, phrase)
            return qualifier, phrase, begin
    return None, None, start


def _word_before(lowered: str, end: int) -> str:
    words = lowered[:end].split()
    return words[-1].strip(",;:\"'()") if words else ""


def _phrase_start(text: str, start: int, phrase: str) -> int:
    """Where the phrase begins in the original text (white space there may differ)."""
    words = len(phrase.split())
    index = start
    while index > 0 and text[index - 1].isspace():
        index -= 1
    for _ in range(words):
        while index > 0 and not text[index - 1].isspace():
            index -= 1
        if _ < words - 1:
            while index > 0 and text[index - 1].isspace():
                index -= 1
    return index


def significant_digits(number: NumberMention) -> int | None:
    """Digits from the first to the last non-zero one of a whole number written in digits
    ("9,060": 3, "51,000": 2); None for decimals, scale words and number words."""
    if number.digits is None or number.decimals or number.scale is not None:
        return None
    return len(number.digits.replace(",", "").strip("0")) or 1


def _precise(number: NumberMention, digits: int, precision: Precision) -> bool:
    """Enough significant digits to be exact, and not so many trailing zeros that it is a round figure."""
    if precision.exact_digits is None or digits < precision.exact_digits:
        return False
    assert number.digits is not None
    plain = number.digits.replace(",", "")
    zeros = len(plain) - len(plain.rstrip("0"))
    return precision.round_zeros is None or zeros < precision.round_zeros


def rounding_step(number: NumberMention, measured: bool) -> Decimal:
    """The step a rounded figure stands for: u, but "20 percent" is rounded to a whole percent, not to tens."""
    if measured and number.step > 1 and not number.decimals and number.scale is None:
        return Decimal(1)
    return number.step


def rounding_interval(number: NumberMention, measured: bool, rounding: str, precision: Precision, approximate: bool = False) -> tuple[Interval, str]:
    """The interval a bare number stands for, and why.

    A whole count is exact when its last digit is a unit ("1,976") or when it has at least
    ``precision.exact_digits`` significant digits ("184,730", "9,060"): nobody rounds to the tens a
    figure of five digits. Round figures ("51,000", "330", and "47,500", which ends in
    ``precision.round_zeros`` zeros) were rounded to their last non-zero digit,
    and so were decimals ("2.16 million") and measurements (percentages, ratios), where even "95
    percent" is 94.5 to 95.5. With ``approximate`` ("about 417,000") a figure ending in zeros is
    taken as rounded, whatever its digits.
    """
    value, step = number.value, number.step
    if not measured and not number.decimals:
        if step == 1:
            return Interval.exact(float(value)), "an exact-looking whole number"
        digits = significant_digits(number)
        if not approximate and digits is not None and _precise(number, digits, precision):
            return Interval.exact(float(value)), f"{digits} significant digits: exact (precision: exact_digits {precision.exact_digits})"
    step = rounding_step(number, measured)
    if rounding == "truncate":
        return (
            Interval(float(value), float(value + step), False, True),
            f"truncated to {_plain(step)}s (rounding policy: truncate)",
        )
    half = step / 2
    return (
        Interval(float(value - half), float(value + half), False, True),
        f"rounded to the nearest {_plain(step)} (rounding policy: nearest)",
    )


def qualified_intervals(
    number: NumberMention,
    qualifier: Qualifier | None,
    measured: bool,
    rounding: str,
    tolerance: float,
    precision: Precision,
) -> tuple[Interval, Interval | None, str]:
    """Hard interval, soft interval (or None) and an explanation."""
    approximate = qualifier is not None and qualifier.bound == "approximate"
    rounded, rounded_how = rounding_interval(number, measured, rounding, precision, approximate)
    if qualifier is None or qualifier.bound == "as_written":
        return rounded, None, rounded_how
    x = float(number.value)
    bound = qualifier.bound
    widen_how = ""
    if bound == "above":
        hard = Interval(x, None, True, True)
    elif bound == "at_least":
        hard = Interval(x, None, False, True)
    elif bound == "below":
        hard = Interval(None, x, True, True)
    elif bound == "at_most":
        hard = Interval(None, x, True, False)
    else:  # approximate
        share = qualifier.tolerance if qualifier.tolerance is not None else tolerance
        widen, widen_how = share * abs(x), f"widened by {share * 100:g}% of the value"
        if precision.about_steps is not None:
            # The stated precision bounds the reach: "about 417,000" is not "about 400,000".
            step = rounding_step(number, measured)
            steps = precision.about_steps * float(step)
            if steps < widen:
                widen, widen_how = steps, f"widened by {precision.about_steps:g} x {_plain(step)}, the stated precision (precision: about_steps)"
        assert rounded.low is not None and rounded.high is not None
        hard = Interval(rounded.low - widen, rounded.high + widen, rounded.low_open, rounded.high_open)
    soft = _soft(number, qualifier, rounded)
    how = f"'{qualifier.name}': {bound.replace('_', ' ')} {_plain(number.value)}"
    if bound == "approximate":
        how += f", {rounded_how}, {widen_how}"
    if soft is not None:
        how += f"; in practice {soft}"
    return hard, soft, how


def _soft(number: NumberMention, qualifier: Qualifier, rounded: Interval) -> Interval | None:
    x, step = number.value, number.step
    spec = qualifier.soft
    if isinstance(spec, FractionBelow):
        return Interval(float(x * (1 - Decimal(str(spec.fraction_below)))), float(x), False, True)
    if spec == "next_step":
        if step <= 1 and not number.decimals:
            return None  # "more than 261": the next step is no information
        return Interval(float(x), float(x + step), False, True)
    if spec == "rounding":
        return rounded
    return None


def negate(interval: Interval) -> Interval:
    """The interval of −x: a decrease of 10% is a change of −10%."""
    low = -interval.high if interval.high is not None else None
    high = -interval.low if interval.low is not None else None
    return Interval(low, high, interval.high_open, interval.low_open)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    if "." in text:
        whole, fraction = text.split(".")
        return f"{int(whole):,}.{fraction}"
    return f"{int(text):,}"
