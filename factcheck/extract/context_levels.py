"""The levels of context around a sentence, and what an earlier statement carries to it.

Articles state a period or a place once and let it govern what follows. Context is read as a
hierarchy, nearest level first:

1. an earlier sentence of the same paragraph;
2. the heading of the sentence's section;
3. its listing item (the item's title and first paragraphs); a listing item never takes the
   page's or another item's statements;
4. the article's lede: the first statement in its first paragraphs (for places, which a story
   moves between, the latest statement in an earlier paragraph instead);
5. the headline: the weakest, since a headline rounds ("in 2023") what the body states
   ("January to November 2023"); what it carries is only a guess.

What a statement is differs by field (governing.py for periods, scopes.py for places); the
hierarchy is one, here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Generic, TypeVar

from factcheck.model import Article

T = TypeVar("T")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}\s")
_LEDE_PARAGRAPHS = 3


@dataclass(frozen=True, slots=True)
class Carried(Generic[T]):
    """A statement that governs a sentence stating none, the level it came from, and the place."""

    statement: T
    origin: str  # "paragraph", "heading", "listing item", "earlier paragraph", "lede", "headline"
    place: str  # for people: "an earlier sentence of the paragraph", "the headline 'X'"...

    @property
    def guessed(self) -> bool:
        return self.origin == "headline"


class Statements(Generic[T]):
    """Statements of one field at offsets of an article's text, in text order."""

    def __init__(self, located: list[tuple[int, T]]) -> None:
        located = sorted(located, key=lambda pair: pair[0])
        self.offsets = [offset for offset, _ in located]
        self.items = [item for _, item in located]
        self.ledes: dict[tuple[int, int], tuple[int, T] | None] = {}

    def latest(self, start: int, end: int) -> T | None:
        """The last statement in [start, end)."""
        index = bisect_right(self.offsets, end - 1) - 1
        if index >= 0 and self.offsets[index] >= start:
            return self.items[index]
        return None

    def first(self, start: int, end: int) -> tuple[int, T] | None:
        """The first statement in [start, end), with its offset."""
        index = bisect_right(self.offsets, start - 1)
        if index < len(self.offsets) and self.offsets[index] < end:
            return self.offsets[index], self.items[index]
        return None


class TopicAndPlacePhrases:
    """One scan of an article for the phrases of two tables (topics and scopes): one alternation
    costs about half of two over a long text. The longest phrase at a place wins across both
    tables ("national security" is a topic, not the nation)."""

    def __init__(self, topics: dict[str, str], places: dict[str, str]) -> None:
        from factcheck.vocabulary import alternation

        self.topics, self.places = topics, places
        phrases = sorted(set(topics) | set(places), key=lambda p: (-len(p), p))
        self.regex = re.compile(alternation(phrases))

    def find(self, folded: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """(topic matches, place matches) of folded text, each (start, end, entry)."""
        topics: list[tuple[int, int, str]] = []
        places: list[tuple[int, int, str]] = []
        for match in self.regex.finditer(folded):
            key = " ".join(match.group(0).split())
            if key in self.topics:
                topics.append((match.start(), match.end(), self.topics[key]))
            if key in self.places:
                places.append((match.start(), match.end(), self.places[key]))
        return topics, places


def within(matches: list[tuple[int, int, str]], starts: list[int], start: int, end: int) -> list[tuple[int, int, str]]:
    """The phrase matches of a text (sorted, ``starts`` their starts) inside [start, end), with
    offsets from ``start``: one scan of the article serves every sentence."""
    index = bisect_right(starts, start - 1)
    found = []
    while index < len(matches) and matches[index][0] < end:
        m_start, m_end, entry = matches[index]
        if m_end <= end:
            found.append((m_start - start, m_end - start, entry))
        index += 1
    return found


class ContextLevels:
    """An article's paragraphs, section headings and headline, found once."""

    def __init__(self, article: Article) -> None:
        self.article = article
        text = article.text
        self.paragraphs = _paragraphs(text)
        self._paragraph_starts = [start for start, _ in self.paragraphs]
        # Computed once, not per sentence: an archive page has thousands of paragraphs.
        self._heading_before: list[int | None] = []
        last: int | None = None
        for index, (p_start, p_end) in enumerate(self.paragraphs):
            self._heading_before.append(last)
            if is_heading(text[p_start:p_end]) and not self.is_headline(p_start, p_end):
                last = index

    def carried(self, offset: int, statements: Statements[T], headline: T | None, recent: bool = False) -> Carried[T] | None:
        """What governs a sentence that starts at ``offset`` and states nothing itself.

        ``recent``: below the section heading, the latest statement before the sentence (in its
        listing item) governs rather than the lede's first: a story moves from place to place
        ("... than West Midlands Police. The force logged 5,470"), while its period holds."""
        paragraph = self.paragraph_index(offset)
        start, _ = self.paragraphs[paragraph]
        earlier = statements.latest(start, offset)
        if earlier is not None:
            return Carried(earlier, "paragraph", "an earlier sentence of the paragraph")
        item = self.article.item_at(offset)
        floor = item.start if item is not None else 0
        heading = self._section_heading(paragraph, floor)
        if heading is not None:
            stated = statements.first(*self.paragraphs[heading])
            if stated is not None:
                title = clip(self.article.text[slice(*self.paragraphs[heading])])
                return Carried(stated[1], "heading", f"the section heading '{title}'")
        if recent:
            # The headline is its own, weakest level, not an earlier paragraph.
            before = statements.latest(item.start if item is not None else self.headline_end(), offset)
            if before is not None:
                return Carried(before, "earlier paragraph", "an earlier paragraph")
            if item is not None:
                return None
        elif item is not None:
            lede = self._lede(statements, item.start, item.end)
            if lede is not None:
                return Carried(lede[1], "listing item", f"the listing item '{clip(item.title or '?')}'")
            return None  # a listing item's figures never take the page's or another item's statements
        lede = self._lede(statements, 0, len(self.article.text))
        if lede is not None and lede[0] < offset:
            return Carried(lede[1], "lede", "the article's lede")
        if headline is not None:
            return Carried(headline, "headline", f"the headline '{clip(self.article.title or '')}'")
        return None

    def headline_end(self) -> int:
        """Where the headline ends when the text starts with it (HTML titles, Markdown headings), else 0."""
        for start, end in self.paragraphs:
            if self.article.text[start:end].strip():
                return end if self.is_headline(start, end) else 0
        return 0

    def is_headline(self, start: int, end: int) -> bool:
        title = self.article.title
        return bool(title) and " ".join(self.article.text[start:end].split()).strip("# ") == " ".join((title or "").split())

    def paragraph_index(self, offset: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    def _section_heading(self, paragraph: int, floor: int) -> int | None:
        index = self._heading_before[paragraph]
        if index is None or self.paragraphs[index][0] < floor:
            return None
        return index

    def _lede(self, statements: Statements[T], start: int, end: int) -> tuple[int, T] | None:
        key = (start, end)
        if key not in statements.ledes:
            statements.ledes[key] = self._find_lede(statements, start, end)
        return statements.ledes[key]

    def _find_lede(self, statements: Statements[T], start: int, end: int) -> tuple[int, T] | None:
        """The first statement of the first few body paragraphs in [start, end)."""
        seen = 0
        for p_start, p_end in self.paragraphs[self.paragraph_index(start) :]:
            if p_start >= end:
                break
            if p_end <= start:
                continue
            if self.is_headline(p_start, p_end) or is_heading(self.article.text[p_start:p_end]):
                continue
            stated = statements.first(p_start, p_end)
            if stated is not None:
                return stated
            seen += 1
            if seen >= _LEDE_PARAGRAPHS:
                return None
        return None


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


def is_heading(paragraph: str) -> bool:
    stripped = paragraph.strip()
    if _HEADING_LINE.match(paragraph):
        return True
    return 0 < len(stripped) <= 120 and "\n" not in stripped and stripped[-1] not in ".!?:;\"'”’)"


def clip(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split()).lstrip("# ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
