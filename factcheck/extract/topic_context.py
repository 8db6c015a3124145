"""The topic that governs a figure whose own sentence names none.

A story names what it counts once and goes on: "Police recorded 50,510 knife offences in the year
to March. London accounted for 15,020 of them. The national rate was 84 offences per 100,000
people." The second and third figures count knife offences too. A figure takes the topic of the
latest topic phrase before it (context_levels.py: an earlier sentence of its paragraph, its section
heading, an earlier paragraph, the headline), only when

- its sentence names no topic at all (a topic phrase that did not attach to it was refused on
  purpose, metrics.py);
- its own words say nothing the topic would not: no words, or only unit nouns ("offences",
  "people"), action words ("recorded") and words that refer back ("such offences", "of them",
  "the total");
- it is not a total over topics ("overall", "in all", "across all offence types", "altogether").

How certain: from its paragraph or section heading, carried; from an earlier paragraph, carried
when the figure refers back ("such", "of them", "the same"), else guessed; from the headline, guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factcheck.extract.context_levels import Carried, ContextLevels, Statements, within
from factcheck.casefold import fold
from factcheck.extract.derived_keys import AUXILIARIES, STOP, derived_words, stem
from factcheck.extract.metrics import MetricDecision
from factcheck.model import Decision
from factcheck.vocabulary import Vocabulary

_REFERS_BACK = frozenset("such them those these it its they same total figure count number tally".split())
_ALWAYS_GENERIC = _REFERS_BACK | frozenset(
    "more fewer higher lower per rate rates another further additional".split()
    # Who reports a figure says nothing about what it counts: "Federal estimates show 40,909 ...".
    + "estimate estimates estimated figure figures data show shows showed said says say put report reports reported "
    "according official officials agency latest national there so far alone while".split()
    # Verbs that give a level, not a topic: "Guangdong accounted for 9,060 of them".
    + "account accounted accounts represent represented made make came come reached reach stood stand numbered "
    "totalled totaled hit topped rose risen fell fallen went grew climbed dropped declined jumped increased "
    "decreased followed saw amounted".split()
)
# A total over topics: its topic is none of the ones before it.
_TOTAL_OVER_TOPICS = re.compile(
    r"\b(?:overall|in\s+all|altogether|all\s+(?:told|crimes?|offences?|offenses?|types|categories|kinds|causes)"
    r"|across\s+all|of\s+all\s+(?:kinds|types)|combined|in\s+total|every\s+(?:type|kind|category))\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z][a-z'-]*")
_REFERS_BACK_IN_SENTENCE = re.compile(
    r"\b(?:of\s+(?:them|those|these)|such\s+[a-z]+|the\s+same\s+[a-z]+|these\s+[a-z]+|those\s+[a-z]+|that\s+(?:figure|number|total)"
    r"|the\s+(?:figure|number|total|count|tally))\b",
    re.IGNORECASE,
)


def is_total(phrase: str) -> bool:
    """Whether a figure's own phrase makes it a total over topics or places ("in all", "overall")."""
    return _TOTAL_OVER_TOPICS.search(phrase) is not None


@dataclass(frozen=True, slots=True)
class TopicStatement:
    topic: str
    phrase: str


class GoverningTopics:
    """The topic phrases of one article, read through its levels of context."""

    def __init__(self, vocabulary: Vocabulary, levels: ContextLevels, matches: list[tuple[int, int, str]]) -> None:
        self.vocabulary = vocabulary
        self.levels = levels
        text = levels.article.text
        self.matches = matches
        self._starts = [m[0] for m in self.matches]
        self.statements = Statements([(start, TopicStatement(topic, text[start:end])) for start, end, topic in self.matches])
        title = levels.article.title
        found = vocabulary.topics.find(fold(title)) if title else []
        self.headline = TopicStatement(found[0][2], title[found[0][0] : found[0][1]]) if found and title else None
        generic = {stem(word) for word in _ALWAYS_GENERIC} | STOP | AUXILIARIES
        for phrase in list(vocabulary.unit_aliases.entries) + list(vocabulary.actions.entries) + list(vocabulary.scopes.entries):
            generic.update(stem(word) for word in _WORDS.findall(phrase))
        self._generic = frozenset(generic)

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The topic phrases of the sentence at [start, end), in its offsets."""
        return within(self.matches, self._starts, start, end)

    def carry(self, decision: MetricDecision, offset: int, subject: str, own: str, sentence: str, sentence_has_topic: bool) -> MetricDecision:
        """``decision`` with the governing topic for a figure at ``offset`` of the text, whose
        sentence names no topic and whose clause subject (``subject``, the words before it) and
        own words (``own``, after it) say nothing more; else ``decision`` unchanged."""
        if decision.matched or sentence_has_topic or is_total(subject + " " + own):
            return decision
        counted = derived_words(own, 0, limit=6) or ""  # what it counts: up to the first function word
        words = [stem(word) for word in _WORDS.findall(fold(subject))] + counted.split()
        if any(word not in self._generic for word in words):
            return decision
        carried = self.levels.carried(offset, self.statements, self.headline, recent=True)
        if carried is None:
            return decision
        return self._carried(decision, carried, _REFERS_BACK_IN_SENTENCE.search(sentence) is not None)

    def _carried(self, decision: MetricDecision, carried: Carried[TopicStatement], refers_back: bool) -> MetricDecision:
        topic = carried.statement.topic
        action = decision.action or self.vocabulary.topic_entries[topic].default_action
        metric = topic if action is None else f"{topic}/{action}"
        certain = carried.origin in ("paragraph", "heading") or (carried.origin == "earlier paragraph" and refers_back)
        how = f"no topic in the sentence; '{carried.statement.phrase}' in {carried.place} -> topic '{topic}'"
        how += f", action '{action}'" if action else ", no action named"
        if not certain:
            how += " (a guess: the figure does not refer back to it)"
        return replace(decision, metric=metric, matched=True, how=how, decision=Decision("carried" if certain else "guessed", carried.origin))
