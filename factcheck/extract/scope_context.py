"""The place that governs a figure whose own clause names none.

A regional story names its place once and then refers back to it: "Prosecutors in Zhejiang
presented their report. Prosecutors in the province charged 4,730 people ..."; a section headed
"## Texas" is about Texas. The levels of context are context_levels.py's (paragraph, section
heading, listing item, lede, headline). A scope statement is a scopes-vocabulary phrase in the
text, except where something was said ("told reporters in Beijing"), a place named only to
locate another ("Hangzhou, Zhejiang"), and a national word inside a name ("Office for National
Statistics", "the National Safety Council"). A place named to leave it out ("outside the
capital") states the wider, default scope.

Below the section heading the latest place named in an earlier paragraph governs, not the
lede's first: a story moves from place to place. How certain a carried place is depends on the
level. A section heading names what its figures are about: carried. An earlier sentence or
paragraph is certain only when the sentence refers back to a place ("the province", "the
state's", "the force", "statewide") or the headline names the same place; otherwise a story may
have moved on to the nation without saying so ("In total, 51,000 were prosecuted"), and the
place is only guessed. The headline alone is a guess.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from factcheck.casefold import fold
from factcheck.extract.context_levels import Carried, ContextLevels, Statements, within
from factcheck.extract.metrics import Phrase
from factcheck.extract.scopes import excluded, where_said, without_appositions
from factcheck.extract.topic_context import is_total
from factcheck.vocabulary import DEFAULT_SCOPE, Vocabulary

# Words by which a sentence refers back to a place named before it.
_REFERS_BACK = re.compile(
    r"\b(?:the\s+(?:state|province|city|region|county|municipality|territory|force|district|prefecture|capital)(?:'s|’s)?"
    r"|statewide|province-wide|provincewide|citywide|county-wide|the\s+same\s+(?:state|province|city|region|force)"
    r"|(?:in|across)\s+the\s+(?:state|province|city|region|county|force\s+area))\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"\b(?:its|their)\s+(?:[a-z-]+\s+){0,3}$", re.IGNORECASE)
# "Office for National Statistics", "National Highway Traffic Safety Administration".
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")


@dataclass(frozen=True, slots=True)
class ScopeStatement:
    """A place named in the text: a scopes-vocabulary id (or DEFAULT_SCOPE) and the words."""

    scope: str
    phrase: str


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """The place carried to a sentence, and whether it is certain enough to support an error."""

    carried: Carried[ScopeStatement]
    certain: bool


class GoverningScopes:
    """The scope statements of one article, read through its levels of context."""

    def __init__(
        self, vocabulary: Vocabulary, levels: ContextLevels, folded: str, sentence_spans: list[tuple[int, int]],
        matches: list[tuple[int, int, str]],
    ) -> None:
        self.levels = levels
        article = levels.article
        text = article.text
        located: list[tuple[int, ScopeStatement]] = []
        self.matches = matches if vocabulary.scope_entries else []
        self._starts = [m[0] for m in self.matches]
        if self.matches:
            starts = [start for start, _ in sentence_spans]
            by_sentence: dict[int, list[tuple[int, int, str]]] = {}
            for m_start, m_end, scope in self.matches:
                index = bisect_right(starts, m_start) - 1
                by_sentence.setdefault(index, []).append((m_start, m_end, scope))
            for index, matches in by_sentence.items():
                s_start = sentence_spans[index][0] if index >= 0 else 0
                sentence = folded[s_start : sentence_spans[index][1] if index >= 0 else len(folded)]
                # "Outside the capital, ...": the story has left that place for the wider one.
                located.extend(
                    (m[0], ScopeStatement(DEFAULT_SCOPE, text[m[0] : m[1]])) for m in matches if excluded(sentence, m[0] - s_start)
                )
                kept = [m for m in matches if not where_said(sentence, m[0] - s_start, m[1] - s_start) and not _in_a_name(text, m)]
                if len(kept) > 1:
                    kept = without_appositions(kept, folded, vocabulary.scope_parents)
                located.extend((m_start, ScopeStatement(scope, text[m_start:m_end])) for m_start, m_end, scope in kept)
        self.statements = Statements(located)
        self.headline = _headline_statement(vocabulary, article.title)
        self.default = vocabulary.default_scope

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The scope phrases of the sentence at [start, end), in its offsets."""
        return within(self.matches, self._starts, start, end)

    def at(self, offset: int, sentence: str, phrase: Phrase) -> PlaceContext | None:
        """The place governing a figure at ``offset`` of the text, in ``sentence``, whose clause
        names none: an earlier clause of its sentence is the nearest level ("West Midlands Police
        recorded 5,470, but its rate of 187 ..."). A total ("23,456 were prosecuted in all", its
        ``phrase`` says) takes no place from before it."""
        if is_total(sentence[slice(*phrase.left)] + " " + sentence[slice(*phrase.right)]):
            return None
        carried = self.levels.carried(offset, self.statements, self.headline, recent=True)
        if _POSSESSIVE.search(sentence, max(phrase.left[0], phrase.left[1] - 30), phrase.left[1]):
            # "Texas fared worse than the country as a whole: its death rate was 13.6": "its" is
            # the sentence's subject, the first place it names.
            sentence_start = offset - phrase.left[1]
            subject = self.statements.first(sentence_start, offset)
            if subject is not None and subject[1].scope not in (DEFAULT_SCOPE, self.default):
                return PlaceContext(Carried(subject[1], "paragraph", "the subject of its sentence"), True)
        if carried is not None and carried.statement.scope in (DEFAULT_SCOPE, self.default) and _REFERS_BACK.search(sentence):
            # "In the province, a further 18,400 ...": a word for a part refers to the latest part
            # named, never to the nation named since.
            part = self._latest_part(offset)
            carried = part if part is not None else carried
        return None if carried is None else PlaceContext(carried, self._certain(carried, sentence))

    def _latest_part(self, offset: int) -> Carried[ScopeStatement] | None:
        item = self.levels.article.item_at(offset)
        floor = item.start if item is not None else self.levels.headline_end()
        index = bisect_right(self.statements.offsets, offset - 1) - 1
        while index >= 0 and self.statements.offsets[index] >= floor:
            statement = self.statements.items[index]
            if statement.scope not in (DEFAULT_SCOPE, self.default):
                return Carried(statement, "earlier paragraph", "the place it refers back to")
            index -= 1
        if item is None and self.headline is not None and self.headline.scope not in (DEFAULT_SCOPE, self.default):
            return Carried(self.headline, "headline", f"the headline '{self.levels.article.title}'")
        return None

    def _certain(self, carried: Carried[ScopeStatement], sentence: str) -> bool:
        """Whether a carried place may support an error (see the module docstring)."""
        if carried.origin == "heading":
            return True
        if carried.origin == "headline":
            return False
        if _REFERS_BACK.search(sentence):
            return True
        return self.headline is not None and self.headline.scope == carried.statement.scope


def _in_a_name(text: str, match: tuple[int, int, str]) -> bool:
    """A national word written as part of a proper name, not a statement of place."""
    start, end, scope = match
    return scope == DEFAULT_SCOPE and text[start : start + 1].isupper() and _CAPITALISED_NEXT.match(text, end) is not None


def _headline_statement(vocabulary: Vocabulary, title: str | None) -> ScopeStatement | None:
    if not title or not vocabulary.scope_entries:
        return None
    for start, end, scope in vocabulary.scopes.find(fold(title)):
        if not _in_a_name(title, (start, end, scope)):
            return ScopeStatement(scope, title[start:end])
    return None
