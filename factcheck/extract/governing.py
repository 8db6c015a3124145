"""The periods that govern a figure whose own sentence states none.

Articles state a period once and let it govern what follows: "The ministry published its figures
for the first quarter of 2021 on Wednesday. Police arrested 18,300 people, down 12.5 %." The
arrests are for that quarter. The levels of context, nearest first (paragraph, section heading,
listing item, lede, headline: a guess), are context_levels.py's.

A statement is a time mention of role "period" that is not the base of a comparison ("from 2022",
"compared with a year earlier"), nor a day or week in passing ("published on Wednesday"); a
sentence about an event ("In 2015 the campaign began.") states one only if it also states a figure
or names statistics ("figures", "data", "report"...).
A source with a known period ("the 2024 work report": 2023) is a statement too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from factcheck.extract.context_levels import Carried, ContextLevels, Statements
from factcheck.extract.period_patterns import DAY_KINDS
from factcheck.extract.periods import TimeMention, find_time_mentions, resolve_period
from factcheck.extract.sources import SourceMention
from factcheck.model import Article, Period

# What stands before a mention that makes it the base of a comparison, not a statement.
_COMPARISON_BEFORE = re.compile(
    r"(?:\bfrom|\bthan|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bagainst|\bover|\bon)\s+(?:the\s+)?(?:same\s+period\s+(?:of|in)\s+)?$",
    re.IGNORECASE,
)
# Relative to another period rather than to the publication date ("7,100 the year before").
RELATIVE_TO_REFERENCE = re.compile(
    r"^(?:(?:in|from|over|on|than|for|during|compared\s+(?:with|to))\s+)?"
    r"(?:(?:a|one)\s+year\s+(?:earlier|before|prior)|the\s+(?:previous|preceding|prior)\s+(?:year|12\s+months|twelve\s+months)"
    r"|(?:a|one)\s+(?:month|quarter)\s+(?:earlier|before|prior)|the\s+(?:previous|preceding|prior)\s+(?:month|quarter)|the\s+(?:month|quarter)\s+before"
    r"|the\s+year\s+before|the\s+same\s+(?:period|time|months?|quarter|half)\s+.*"
    r"|the\s+(?:prior|previous)[-\s]year\s+period|the\s+year[-\s](?:earlier|ago)\s+period"
    r"|the\s+same\s+(?:period|months|stretch|time\s+frame|timeframe))$",
    re.IGNORECASE,
)
_STATISTICS_WORDS = re.compile(
    r"\b(?:figures?|data|statistics|stats|numbers?|report|reports|tally|count|results|surveys?|estimates?|estimated|"
    r"projections?|projected|forecasts?|census|toll|rates?|bulletin|review|records?|recorded|totals?|release)\b|\d",
    re.IGNORECASE,
)
# When something began or happened, rather than the stretch figures are counted over.
_EVENT = re.compile(
    r"\b(?:began|begun|begins?|launched|launch(?:es)?|started|starts?|founded|introduced|took\s+effect|takes\s+effect|"
    r"came\s+into\s+force|comes\s+into\s+force|(?:was|were)\s+set\s+up|established|created|passed|adopted|signed|enacted|"
    r"opened|unveiled|appointed|elected|took\s+office|retired|born|died|joined|left|moved)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Statement:
    """A period stated at ``offset`` of the article text, and how it reads."""

    offset: int
    period: Period
    how: str
    source: SourceMention | None = None


Governing = Carried[Statement]


class GoverningPeriods:
    """The period statements of one article, read through its levels of context."""

    def __init__(
        self, article: Article, mentions: list[TimeMention], sources: list[SourceMention], sentence_spans: list[tuple[int, int]],
        levels: ContextLevels | None = None,
    ) -> None:
        self.article = article
        self.levels = levels if levels is not None else ContextLevels(article)
        text = article.text
        sentence_starts = [start for start, _ in sentence_spans]
        statements: list[Statement] = []
        for mention in mentions:
            if mention.role != "period" or RELATIVE_TO_REFERENCE.match(mention.text):
                continue
            if mention._spec.kind in DAY_KINDS:
                # "published its figures ... on Wednesday", "released this week": a day or week in
                # passing is when something happened, not the period later figures are for.
                continue
            sentence_start, sentence_end = _containing(sentence_spans, sentence_starts, mention.start)
            if _COMPARISON_BEFORE.search(text, sentence_start, mention.start):
                continue
            rest = _without(text, sentence_start, sentence_end, mention)
            if _EVENT.search(rest) and not _STATISTICS_WORDS.search(rest):
                continue
            anchor, _ = article.anchor_date(mention.start)
            period, how = resolve_period(mention, anchor)
            if period is not None:
                statements.append(Statement(mention.start, period, how))
        for source in sources:
            period, how = source.period()
            if period is not None:
                statements.append(Statement(source.start, period, how, source))
        self.statements = Statements([(s.offset, s) for s in statements])
        self._headline = self._headline_statement()

    def at(self, offset: int) -> Governing | None:
        """The period governing a sentence that starts at ``offset`` and states none itself."""
        return self.levels.carried(offset, self.statements, self._headline)

    def headline_end(self) -> int:
        """Where the headline ends when the text starts with it (HTML titles, Markdown headings), else 0."""
        return self.levels.headline_end()

    def _headline_statement(self) -> Statement | None:
        title = self.article.title
        if not title:
            return None
        anchor, _ = self.article.anchor_date(0)
        for mention in find_time_mentions(title):
            if mention.role == "period" and not RELATIVE_TO_REFERENCE.match(mention.text):
                period, how = resolve_period(mention, anchor)
                if period is not None:
                    return Statement(-1, period, how)
        return None


def shifted_years(period: Period, years: int) -> Period | None:
    """The same stretch of the calendar ``years`` later (earlier when negative); None at the edges."""
    try:
        start = _shift(period.start, years) if period.start is not None else None
        return Period(start, _shift(period.end, years))
    except (ValueError, OverflowError):
        return None


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _containing(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect_right(starts, offset) - 1
    return spans[index] if index >= 0 else (0, offset)


def _without(text: str, start: int, end: int, mention: TimeMention) -> str:
    """The sentence with the mention cut out: its own year is no figure."""
    return text[start : mention.start] + " " + text[mention.end : end]
