"""Where a figure applies: the scope named in its own clause, else the article's, else the default.

A scope is taken only from the figure's own clause and never from another figure's: in
"Guangdong recorded 4,120 cases, the most of any province; the national total was 31,870" the
4,120 is Guangdong's and the 31,870 the nation's. Within a clause a phrase before the figure is its
subject ("Guangdong recorded 4,120 cases"); a phrase after it counts only as a place the figure is
in ("4,120 cases in Zhejiang", "31,870 nationwide") and only before the next figure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from factcheck.casefold import fold
from factcheck.model import UNKNOWN, Article, Decision
from factcheck.vocabulary import DEFAULT_SCOPE, Vocabulary

if TYPE_CHECKING:
    from factcheck.extract.scope_context import PlaceContext

# Where one clause ends and another begins; commas alone do not ("In Zhejiang, police arrested ...").
_CLAUSE_BREAK = re.compile(r";|:\s|\s[–—]\s|,\s+(?:and|but|while|whereas|against|compared\s+with)\b|\b(?:while|whereas)\b")
# A phrase after the figure is its place when a preposition introduces it, or is itself an adverb.
_LOCATIVE = re.compile(r"\b(?:in|across|throughout|within|from|for|at)\s+(?:the\s+)?$")
_ADVERBS = ("nationwide", "countrywide", "across ", "throughout ")
# Where something was said is not where the figure applies: "BEIJING, March 8 (Xinhua) --",
# "told reporters in Beijing", "speaking in Shanghai".
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\(|[-—–])")
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|say|told\s+(?:reporters|journalists|a\s+press\s+conference)|speaking|spoke|announced|briefing|conference|meeting|forum|session|held)\s+(?:in|at)\s+$"
)
_EXCLUDED_BEFORE = re.compile(r"\b(?:outside|beyond|except(?:\s+for)?|excluding|apart\s+from|other\s+than|not\s+counting)\s+(?:of\s+)?(?:the\s+)?$")
# A phrase before the figure is nearer, in practice, than the same distance after it.
_BEFORE_PENALTY = 1.5


class ScopeFinder:
    """The scope phrases of one sentence, asked for the scope of each of its figures."""

    def __init__(self, vocabulary: Vocabulary, folded: str, found: list[tuple[int, int, str]] | None = None) -> None:
        self.folded = folded
        if found is None:
            found = vocabulary.scopes.find(folded) if vocabulary.scope_entries else []
        self.matches = [m for m in found if not where_said(folded, m[0], m[1])] if found else found
        if len(self.matches) > 1:
            self.matches = without_appositions(self.matches, folded, vocabulary.scope_parents)
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(folded)] if self.matches else []

    def stated(self, start: int, end: int, next_start: int | None) -> tuple[str, str] | None:
        """(scope id, the phrase) named in the clause of the figure at folded[start:end]."""
        if not self.matches:
            return None
        clause_start = max((b for b in self.breaks if b < start), default=0)
        clause_end = min((b for b in self.breaks if b >= end), default=len(self.folded))
        limit = min(clause_end, next_start) if next_start is not None else clause_end
        best: tuple[float, int, str] | None = None
        for m_start, m_end, scope in self.matches:
            if clause_start <= m_start and m_end <= start:
                distance = (start - m_end) * _BEFORE_PENALTY
            elif end <= m_start and m_end <= limit and self._locative(end, m_start, m_end):
                distance = float(m_start - end)
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, m_start, scope)
        if best is None:
            return None
        index = next(i for i, match in enumerate(self.matches) if match[0] == best[1])
        m_start, m_end, scope = self.matches[index]
        # "Zhejiang and Jiangsu together accounted for 7,330": both places, so neither alone.
        if index and m_end <= start and self.folded[self.matches[index - 1][1] : m_start] == " and ":
            other = self.matches[index - 1]
            return "+".join(sorted({other[2], scope})), self.folded[other[0] : m_end]
        return scope, self.folded[m_start:m_end]

    def _locative(self, end: int, m_start: int, m_end: int) -> bool:
        phrase = self.folded[m_start:m_end]
        return phrase.startswith(_ADVERBS) or bool(_LOCATIVE.search(self.folded, max(end, m_start - 20), m_start))


def without_appositions(matches: list[tuple[int, int, str]], folded: str, parents: dict[str, str]) -> list[tuple[int, int, str]]:
    """Drop a place named only to locate the one before it: "Guangdong, China's most populous
    province", "Hangzhou, Zhejiang", "Shenzhen in Guangdong"."""
    kept = [matches[0]]
    for match in matches[1:]:
        previous = kept[-1]
        if folded[previous[1] : match[0]] in (", ", " in ", ", in ") and match[2] in _chain(previous[2], parents):
            continue
        kept.append(match)
    return kept


def _chain(scope: str, parents: dict[str, str]) -> list[str]:
    found: list[str] = []
    current = parents.get(scope)
    while current is not None and current not in found:
        found.append(current)
        current = parents.get(current)
    return found


def where_said(folded: str, start: int, end: int) -> bool:
    """A dateline at the head of the sentence, the place of a speech or a meeting, or a place
    named to exclude it ("outside the capital", "excluding London")."""
    if not folded[:start].strip() and _DATELINE_AFTER.match(folded, end):
        return True
    window = folded[max(0, start - 40) : start]
    return _SPEECH_BEFORE.search(window) is not None or excluded(folded, start)


def excluded(folded: str, start: int) -> bool:
    """A place named to leave it out: "outside the capital", "excluding London"."""
    return _EXCLUDED_BEFORE.search(folded, max(0, start - 40), start) is not None


def decide_scope(
    vocabulary: Vocabulary, stated: tuple[str, str] | None, article: Article, place: PlaceContext | None = None
) -> tuple[str | None, Decision, str]:
    """(scope, how it was decided, why) for a figure whose clause names ``stated`` (or nothing),
    in a sentence that ``place`` governs (scope_context.py).

    Nearest first: the figure's clause; a place carried from the paragraph, section heading or
    listing item; the article's front matter; a place carried from an earlier paragraph or the
    headline; the vocabulary's default."""
    if stated is not None and stated[0] == DEFAULT_SCOPE:
        if vocabulary.default_scope is not None:
            scope = vocabulary.default_scope
            return scope, Decision("stated"), f"'{stated[1]}' in the figure's clause names the default scope -> {scope}"
        stated = None
    if stated is not None:
        return stated[0], Decision("stated"), f"'{stated[1]}' in the figure's clause -> {stated[0]}"
    near = place is not None and place.carried.origin not in ("earlier paragraph", "headline")
    if near and (carried := _carried(vocabulary, place)) is not None:
        return carried
    if article.scope is not None:
        scope = article_scope(vocabulary, article.scope)
        return scope, Decision("carried", "article"), f"no scope in the figure's clause; the article's 'scope: {article.scope}' -> {scope}"
    if not near and (carried := _carried(vocabulary, place)) is not None:
        return carried
    if vocabulary.default_scope is not None:
        return vocabulary.default_scope, Decision("implied", "vocabulary"), (
            f"no scope in the figure's clause or the article; the scopes vocabulary's default '{vocabulary.default_scope}'"
        )
    return None, UNKNOWN, "no scope in the figure's clause, the article or the vocabulary"


def _carried(vocabulary: Vocabulary, place: PlaceContext | None) -> tuple[str, Decision, str] | None:
    if place is None:
        return None
    carried = place.carried
    scope = vocabulary.default_scope if carried.statement.scope == DEFAULT_SCOPE else carried.statement.scope
    if scope is None:
        return None
    how = f"no scope in the figure's clause; '{carried.statement.phrase}' in {carried.place} -> {scope}"
    if place.certain:
        return scope, Decision("carried", carried.origin), how
    if scope == vocabulary.default_scope:
        # The default again: as certain as the default itself.
        return scope, Decision("implied", "vocabulary"), how + " (the scopes vocabulary's default)"
    return scope, Decision("guessed", carried.origin), how + " (a guess: the sentence does not refer back to a place)"


def article_scope(vocabulary: Vocabulary, written: str) -> str:
    """A front-matter scope as an id: the id itself, or the scope a phrase names; else kept as
    written with a '?', like a derived metric key, so that it is never taken for a known scope."""
    key = fold(" ".join(written.split()))
    if key in vocabulary.scope_entries:
        return key
    named = vocabulary.scopes.lookup.get(key)
    if named == DEFAULT_SCOPE:  # "scope: nationwide"
        named = vocabulary.default_scope
    return named or "?" + key
