"""The unit of one figure as its sentence and article give it, before the sentence's topics and
actions are known (those imply units later: ``unit_context.implied_unit``).

In order: a sign or a noun written with the figure ("$5", "51,000 individuals", "84 per 100,000
people": stated), a rate (``rates``), a unit noun before it that it is the level of ("cases of
fraud numbered 6,200": stated), the denominator of a rate that leaves it unsaid (``RateMemory``),
the unit of the figure it is compared with ("5,470 offences, up 5% from 5,190": carried). A figure
followed by a noun of its own that no unit names ("35 states") keeps that noun for later, where it
rules out a unit implied by the sentence's topic or action.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from factcheck.extract.numbers import NumberMention
from factcheck.extract.rates import RateMemory, declared_rates, is_rate, read_rate
from factcheck.extract.unit_context import compared_with, noun_before, occasions, own_noun
from factcheck.model import UNKNOWN, Decision
from factcheck.vocabulary import Vocabulary

_NOUN_STOP = r"(?:a|an|the|of|for|in|on|at|to|from|with|by|and|or|but|was|were|is|are|be|been|have|has|had|this|that|which|who|whom|than|as|year|years|last|since)"


class Figure(Protocol):
    """An earlier figure of the sentence, as far as this module looks at it."""

    @property
    def number(self) -> NumberMention: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def start(self) -> int: ...  # in the article text
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Written:
    """The unit written with the figure itself, before its context is read."""

    unit: str | None
    how: str
    end: int  # in the sentence: where the figure's unit words end
    said: bool = True  # False: "a rate of 171", a rate whose denominator is not said
    rate_unit: str | None = None  # the rate's unit when it is one, to remember for later rates


@dataclass(frozen=True)
class UnitReading:
    unit: str | None
    how: str
    end: int  # in the sentence
    decision: Decision
    rate: bool  # a rate with no declared unit: its kind is rate
    own_noun: tuple[str, int, int] | None  # "35 states" with no unit: the noun, in the sentence


class UnitReader:
    """Compiled unit tables of one vocabulary, reused for every article."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.rates = declared_rates(vocabulary)
        aliases = sorted(vocabulary.unit_aliases.entries, key=lambda p: (-len(p), p))
        alias_body = "|".join(r"\s+".join(re.escape(w) for w in a.split(" ")) for a in aliases) or r"(?!x)x"
        # Up to two adjectives between the number and its unit noun ("11 typical cases").
        self._unit_after = re.compile(rf"\s*(?:(?!{_NOUN_STOP}\b)[a-z][\w'-]*\s+){{0,2}}?(?P<alias>{alias_body})(?![\w-])")

    def is_rate(self, unit: str | None) -> bool:
        return is_rate(self.vocabulary, self.rates, unit)

    def written(self, sentence: str, folded: str, number: NumberMention) -> Written:
        """The sign, noun or rate written with the figure."""
        unit, how, end = self._noun(sentence, folded, number)
        rate = read_rate(self.vocabulary, self.rates, folded, number.start, unit, end) if not number.percent else None
        if rate is None:
            return Written(unit, how, end)
        return Written(rate.unit, rate.how, rate.end, rate.said, rate.unit if rate.said else None)

    def _noun(self, sentence: str, folded: str, number: NumberMention) -> tuple[str | None, str, int]:
        vocabulary = self.vocabulary
        name: str | None
        if number.percent:
            name = "percentage_point" if "point" in number.percent else "percent"
            if name in vocabulary.units:
                return name, f"'{number.percent}' -> {name}", number.end
        if number.currency:
            name = vocabulary.unit_symbols.get(number.currency.lower())
            if name:
                return name, f"'{number.currency}' -> {name}", number.end
        match = self._unit_after.match(folded, number.end)
        if match:
            alias = " ".join(match.group("alias").split())
            name = vocabulary.unit_aliases.entries.get(alias)
            if name and not occasions(alias, folded, match.end()):
                written = sentence[match.start("alias") : match.end("alias")]
                return name, f"'{written}' -> {name}", match.end()
        return None, "no unit noun after the number", number.end

    def in_context(
        self, written: Written, text: str, folded: str, s_start: int, number: NumberMention, figures: Sequence[Figure], memory: RateMemory
    ) -> UnitReading:
        """The unit once the sentence so far and the article's rates are read (see the module docstring)."""
        unit, how, decision = written.unit, written.how, Decision("stated") if written.unit is not None else UNKNOWN
        bare = not number.percent and not number.currency
        if unit is None and bare:
            low = figures[-1].end - s_start if figures else 0
            before = noun_before(self.vocabulary.unit_aliases, folded, low, number.start)
            if before is not None:
                unit, how, decision = before[0], f"'{text[s_start + before[1] : s_start + before[2]]}' before the number -> {before[0]}", Decision("stated")
        own = own_noun(folded, number.end) if unit is None and bare else None
        if not written.said:
            unit, how, decision = memory.recall() or (unit, how + ": unit 'rate', its own", Decision("guessed", "a rate whose denominator is not said"))
        elif unit is None and bare and own is None and (compared := _compared(figures, folded, s_start, number.start)):
            # "5,470 offences, up 5% from 5,190"; "1.26 deaths per 100 million miles, down from 1.33": like with like.
            words = text[compared.start : compared.end]
            unit, how, decision = compared.unit, f"no unit noun; compared with '{words}' -> {compared.unit}", Decision("carried", f"'{words}', the figure it is compared with")
        elif written.rate_unit is not None:
            memory.remember(written.rate_unit, text[s_start + number.start : s_start + written.end])
        rate = self.is_rate(unit) and self.vocabulary.unit(unit) is None
        return UnitReading(unit, how, written.end, decision, rate, own if unit is None else None)


def _compared(figures: Sequence[Figure], folded: str, s_start: int, start: int) -> Figure | None:
    """The figure with a unit that the figure at ``start`` is compared with ("5,470 offences, up 5%
    from 5,190"): the previous one, or the one before a percentage that describes the change."""
    for figure in reversed(figures[-2:]):
        percentage = bool(figure.number.percent) or figure.unit in ("percent", "percentage_point")  # "5%", "5 %"
        if figure.unit is not None and not percentage:
            return figure if compared_with(folded[figure.end - s_start : start]) else None
        if not percentage:
            return None
    return None
