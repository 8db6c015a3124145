"""The periods that govern a figure whose own sentence states none.

Articles state a period once and let it govern what follows: "The ministry published its figures
for the first quarter of 2021 on Wednesday. Police arrested 18,300 people, down 12.5 %." The
arrests are for that quarter. Context is read as a hierarchy, nearest level first:

1. an earlier sentence of the same paragraph;
2. the heading of the figure's section;
3. the figure's listing item (its title and first paragraph);
4. the article's lede: the first statement in its first paragraphs (of the item, on a listing page);
5. the headline: the weakest, since a headline rounds ("in 2023") what the body states
   ("January to November 2023"); a period carried from it is only a guess.

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

from factcheck.extract.period_patterns import DAY_KINDS
from factcheck.extract.periods import TimeMention, find_time_mentions, resolve_period
from factcheck.extract.sources import SourceMention
from factcheck.model import Article, Period

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# What stands before a mention that makes it the base of a comparison, not a statement.
_COMPARISON_BEFORE = re.compile(
    r"(?:\bfrom|\bthan|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bagainst|\bover|\bon)\s+(?:the\s+)?(?:same\s+period\s+(?:of|in)\s+)?$",
    re.IGNORECASE,
)
# Relative to another period rather than to the publication date ("7,100 the year before").
RELATIVE_TO_REFERENCE = re.compile(
    r"^(?:(?:in|from|over|on|than|for|during|compared\s+(?:with|to))\s+)?"
    r"(?:(?:a|one)\s+year\s+(?:earlier|before|prior)|the\s+(?:previous|preceding|prior)\s+(?:year|12\s+months|twelve\s+months)"
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
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}\s")
_LEDE_PARAGRAPHS = 3


@dataclass(frozen=True, slots=True)
class Statement:
    """A period stated at ``offset`` of the article text, and how it reads."""

    offset: int
    period: Period
    how: str
    source: SourceMention | None = None


@dataclass(frozen=True, slots=True)
class Governing:
    """The period that governs a place, where it was stated, and whether it is only a guess."""

    statement: Statement
    origin: str  # "paragraph", "heading", "listing item", "lede", "headline"
    place: str  # for people: "an earlier sentence of the paragraph", "the headline 'X'"...

    @property
    def guessed(self) -> bool:
        return self.origin == "headline"


class GoverningPeriods:
    """The period statements of one article, by paragraph, with the levels above them."""

    def __init__(
        self, article: Article, mentions: list[TimeMention], sources: list[SourceMention], sentence_spans: list[tuple[int, int]]
    ) -> None:
        self.article = article
        text = article.text
        self.paragraphs = _paragraphs(text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]
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
        statements.sort(key=lambda s: s.offset)
        self.statements = statements
        self._offsets = [s.offset for s in statements]
        self._headline = self._headline_statement()
        # Computed once, not per sentence: an archive page has thousands of paragraphs.
        self._heading_before: list[int | None] = []
        last: int | None = None
        for index, (p_start, p_end) in enumerate(self.paragraphs):
            self._heading_before.append(last)
            if _is_heading(text[p_start:p_end]) and not self._is_headline(p_start, p_end):
                last = index
        self._ledes: dict[tuple[int, int], Statement | None] = {}

    def at(self, offset: int) -> Governing | None:
        """The period governing a sentence that starts at ``offset`` and states none itself."""
        paragraph = self._paragraph_index(offset)
        start, _ = self.paragraphs[paragraph]
        earlier = self._latest(start, offset)
        if earlier is not None:
            return Governing(earlier, "paragraph", "an earlier sentence of the paragraph")
        item = self.article.item_at(offset)
        floor = item.start if item is not None else 0
        heading = self._section_heading(paragraph, floor)
        if heading is not None:
            stated = self._first(*self.paragraphs[heading])
            if stated is not None:
                title = _clip(self.article.text[slice(*self.paragraphs[heading])])
                return Governing(stated, "heading", f"the section heading '{title}'")
        if item is not None:
            stated = self._lede(item.start, item.end)
            if stated is not None:
                return Governing(stated, "listing item", f"the listing item '{_clip(item.title or '?')}'")
            return None  # a listing item's figures never take the page's or another item's period
        stated = self._lede(0, len(self.article.text))
        if stated is not None and stated.offset < offset:
            return Governing(stated, "lede", "the article's lede")
        if self._headline is not None:
            return Governing(self._headline, "headline", f"the headline '{_clip(self.article.title or '')}'")
        return None

    def headline_end(self) -> int:
        """Where the headline ends when the text starts with it (HTML titles, Markdown headings), else 0."""
        for start, end in self.paragraphs:
            if self.article.text[start:end].strip():
                return end if self._is_headline(start, end) else 0
        return 0

    # -- levels ---------------------------------------------------------------------------------

    def _paragraph_index(self, offset: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    def _latest(self, start: int, end: int) -> Statement | None:
        index = bisect_right(self._offsets, end - 1) - 1
        if index >= 0 and self.statements[index].offset >= start:
            return self.statements[index]
        return None

    def _first(self, start: int, end: int) -> Statement | None:
        index = bisect_right(self._offsets, start - 1)
        if index < len(self.statements) and self.statements[index].offset < end:
            return self.statements[index]
        return None

    def _section_heading(self, paragraph: int, floor: int) -> int | None:
        index = self._heading_before[paragraph]
        if index is None or self.paragraphs[index][0] < floor:
            return None
        return index

    def _lede(self, start: int, end: int) -> Statement | None:
        key = (start, end)
        if key not in self._ledes:
            self._ledes[key] = self._find_lede(start, end)
        return self._ledes[key]

    def _find_lede(self, start: int, end: int) -> Statement | None:
        """The first statement of the first few body paragraphs in [start, end)."""
        seen = 0
        for p_start, p_end in self.paragraphs[self._paragraph_index(start) :]:
            if p_start >= end:
                break
            if p_end <= start:
                continue
            if self._is_headline(p_start, p_end) or _is_heading(self.article.text[p_start:p_end]):
                continue
            stated = self._first(p_start, p_end)
            if stated is not None:
                return stated
            seen += 1
            if seen >= _LEDE_PARAGRAPHS:
                return None
        return None

    def _is_headline(self, start: int, end: int) -> bool:
        title = self.article.title
        return bool(title) and " ".join(self.article.text[start:end].split()).strip("# ") == " ".join((title or "").split())

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


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    # Markdown headings are paragraphs of their own even without a blank line after them.
    result: list[tuple[int, int]] = []
    for p_start, p_end in spans:
        first_line_end = text.find("\n", p_start, p_end)
        if first_line_end > 0 and _HEADING_LINE.match(text, p_start):
            result.append((p_start, first_line_end))
            result.append((first_line_end + 1, p_end))
        else:
            result.append((p_start, p_end))
    return result or [(0, len(text))]


def _is_heading(paragraph: str) -> bool:
    stripped = paragraph.strip()
    if _HEADING_LINE.match(paragraph):
        return True
    return 0 < len(stripped) <= 120 and "\n" not in stripped and stripped[-1] not in ".!?:;\"'”’)"


def _containing(spans: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect_right(starts, offset) - 1
    return spans[index] if index >= 0 else (0, offset)


def _without(text: str, start: int, end: int, mention: TimeMention) -> str:
    """The sentence with the mention cut out: its own year is no figure."""
    return text[start : mention.start] + " " + text[mention.end : end]


def _clip(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split()).lstrip("# ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
