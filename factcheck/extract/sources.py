"""Who a figure comes from, and the period that source's figures cover."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from factcheck.model import Period
from factcheck.vocabulary import Vocabulary


_REACH = 80  # characters around a keyword that a source pattern may span


@dataclass(frozen=True, slots=True)
class SourceMention:
    start: int
    end: int
    text: str
    source_id: str
    name: str
    year: int | None
    covers: str  # previous_year | same_year | unknown
    rounding: str | None

    @property
    def label(self) -> str:
        return self.source_id if self.year is None else f"{self.source_id} {self.year}"

    def period(self) -> tuple[Period | None, str]:
        if self.year is None or self.covers == "unknown":
            return None, f"'{self.text}' does not say which year it covers"
        year = self.year - 1 if self.covers == "previous_year" else self.year
        how = f"'{self.text}' ({self.name}) covers {year}"
        if self.covers == "previous_year":
            how += f": the report delivered in {self.year} presents figures for the year before"
        return Period(date(year, 1, 1), date(year, 12, 31)), how


def find_sources(text: str, folded: str, vocabulary: Vocabulary) -> list[SourceMention]:
    """Every source mention in ``text`` (matched on ``folded``, see ``vocabulary.fold``), the
    longest where several overlap; a yearless mention takes the year of an earlier mention of the same source (the
    article keeps talking about one report)."""
    found: list[SourceMention] = []
    if not vocabulary.sources:
        return found
    patterns, keywords = vocabulary.source_regex
    matches: dict[tuple[int, int], re.Match[str]] = {}
    searched_to = 0
    for keyword in keywords.finditer(folded):
        # A source names its keyword within a few words; search only around it.
        low, high = max(searched_to, keyword.start() - _REACH), min(len(folded), keyword.end() + _REACH)
        for match in patterns.finditer(folded, low, high):
            matches.setdefault((match.start(), match.end()), match)
        searched_to = max(searched_to, keyword.start())
    for _, match in sorted(matches.items()):
        index = int(str(match.lastgroup)[1:])
        matcher = vocabulary.sources[index]
        year = match.group(f"y{index}") if f"y{index}" in match.re.groupindex else None
        found.append(
            SourceMention(
                match.start(), match.end(), text[match.start() : match.end()], matcher.source.id, matcher.source.name,
                int(year) if year else None, matcher.pattern.covers if year else "unknown", matcher.source.rounding,
            )
        )
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[SourceMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    last_dated: dict[str, SourceMention] = {}
    result = []
    for mention in kept:
        if mention.year is None and mention.source_id in last_dated:
            earlier = last_dated[mention.source_id]
            mention = SourceMention(
                mention.start, mention.end, mention.text, mention.source_id, mention.name,
                earlier.year, earlier.covers, mention.rounding,
            )
        elif mention.year is not None:
            last_dated[mention.source_id] = mention
        result.append(mention)
    return result
