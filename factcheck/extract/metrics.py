"""What a figure counts: the topic and action of its own phrase.

A sentence with several figures is cut into one phrase a figure: the figure's own words run from
it up to the first separator (a comma, "and", ";", "among them"...) after it, and its clause's
subject stands before it back to the previous figure's words or a clause break. A
figure takes its topic from its own words after it ("31,000 for fraud", "6,200 fraud
prosecutions"), else from before it ("Fraud prosecutions rose to 6,200"), and never from another
figure's words. With none of its own, it carries one only where the sentence says so: the figure
it is compared with ("6,200 in 2023, up from 5,800"), the whole it is a part of ("of whom 1,200"),
or the subject a list shares ("Fraud cases: 6,200 in 2023 and 5,800 in 2022"). A total followed by
its parts ("900,000 people were charged, among them 7,000 for smuggling") takes none.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from dataclasses import dataclass

from factcheck.extract.derived_keys import derived_words, stem
from factcheck.extract.vocabulary_memo import memo

from factcheck.model import UNKNOWN, Decision
from factcheck.vocabulary import PhraseTable, Vocabulary

# Phrases after the number read more often as what it counts ("51,000 people prosecuted for
# fraud") than phrases before it, which often belong to an earlier clause.
_BEFORE_PENALTY = 1.5


_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\b|\bwhile\b|\bwhereas\b")
_CROSSING_PENALTY = 1000.0
# The places where _CLAUSE_BREAK can match, each found once per sentence (ClauseBreaks).
_BREAK_PLACES = re.compile(r";|,\s+(?:and|but|while|whereas)|(?<!\w)(?:while|whereas)")
_WORD_CHAR = re.compile(r"\w")


class ClauseBreaks:
    """Where _CLAUSE_BREAK matches in one sentence, found once: whether a gap crosses a clause is
    then a binary search, not a regex scan of the gap for every figure and phrase (which made a
    sentence of many figures cost cubic time).

    ``crosses(a, b)`` is exactly ``bool(_CLAUSE_BREAK.search(text, a, b))``. A match must lie
    inside the gap, and a word at its end ("and") counts when the gap ends right after it even
    if the text goes on with a letter ("and" of "android"): there the search sees the end.
    """

    def __init__(self, text: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        self._cut_words: dict[int, int] = {}  # end -> latest start of a match that needs the gap to end there
        for match in _BREAK_PLACES.finditer(text):
            start, end = match.span()
            places = [start]
            if match.group().endswith(("while", "whereas")) and match.group()[0] == ",":
                places.append(text.rindex("wh", start, end))  # the word alone is a break too
            for place in places:
                if match.group()[-1].isalpha() and _WORD_CHAR.match(text, end):
                    self._cut_words[end] = max(place, self._cut_words.get(end, -1))
                else:
                    starts.append(place)
                    ends.append(end)
        # The earliest end of a match starting at or after each match's start.
        self._starts = starts
        self.empty = not starts and not self._cut_words  # most sentences: no gap crosses a clause
        self._first_end = ends[:]
        for index in range(len(ends) - 2, -1, -1):
            self._first_end[index] = min(self._first_end[index], self._first_end[index + 1])

    def crosses(self, start: int, end: int) -> bool:
        index = bisect_left(self._starts, start)
        if index < len(self._starts) and self._first_end[index] <= end:
            return True
        return self._cut_words.get(end, -1) >= start


def nearest(
    matches: list[tuple[int, int, str]], start: int, end: int, text: str | None = None, breaks: ClauseBreaks | None = None
) -> tuple[int, int, str] | None:
    """The match closest to text[start:end]; with ``text`` (or its ``breaks``), one in the same clause first."""
    if breaks is None and text is not None:
        breaks = ClauseBreaks(text)
    if breaks is not None and breaks.empty:
        breaks = None
    best: tuple[int, int, str] | None = None
    best_distance, best_length = 0.0, 0
    for match in matches:
        if match[1] <= start:
            distance = (start - match[1]) * _BEFORE_PENALTY
            gap_start, gap_end = match[1], start
        elif match[0] >= end:
            distance = float(match[0] - end)
            gap_start, gap_end = end, match[0]
        else:
            distance, gap_start, gap_end = 0.0, start, start
        if best is not None and distance > best_distance:
            continue  # farther than the best already, crossing or not
        if breaks is not None and gap_start < gap_end and breaks.crosses(gap_start, gap_end):
            distance += _CROSSING_PENALTY
        length = match[1] - match[0]
        # The nearest; of two as near, the longer; of two as long, the first.
        if best is None or distance < best_distance or (distance == best_distance and length > best_length):
            best, best_distance, best_length = match, distance, length
    return best


def phrase_matches(table: PhraseTable, text: str) -> list[tuple[int, int, str]]:
    return table.find(text)


def noun_after(text: str, end: int, limit: int = 3) -> str | None:
    """The words after a number, normalised: what a derived metric key is made of (derived_keys)."""
    return derived_words(text, end, limit)


# -- a figure's own phrase ------------------------------------------------------------------------

_SEPARATOR = re.compile(
    r";|,|\b(?:and|or|but|while|whereas|as well as|of whom|of which|among them|among whom|among those|including|of those|of them)\b",
    re.IGNORECASE,
)
_PART_MARKER = re.compile(r"of whom|of which|among them|among whom|among those|including|of those|of them", re.IGNORECASE)
_HARD_BREAK = re.compile(r";|but|while|whereas", re.IGNORECASE)
_COMPARED = re.compile(
    r"\s*(?:(?:up|down|rising|falling|climbing|dropping|increasing|decreasing)\s+)?"
    r"(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against)\b",
    re.IGNORECASE,
)
_BASE_BEFORE = re.compile(
    r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:(?:about|some|around|roughly|nearly|almost|just|over|under|more|fewer|less|the|an?|estimated)\s+)*$",
    re.IGNORECASE,
)
# "7,000 for smuggling", "9,500 people involving gambling": right after the figure and its noun.
_NAMES_OWN = re.compile(
    r"\s*(?:[\w'-]+\s+)??(?:for|involving|over|on charges of|in connection with|related to|linked to)\s+"
    r"(?!(?:the|a|an|this|that|its|their)\s+(?:first|same|whole|period|year|years|months?|quarter|half)\b)"
    r"(?!(?:the\s+)?(?:first|last|past|previous)\b)[a-z]",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A figure's own words around it, in sentence offsets, and how it joins the figure before it."""

    left: tuple[int, int]  # its clause's subject: before the figure
    right: tuple[int, int]  # its own words: after the figure
    # How it joins the previous figure: "first"; "base", the level that one is compared with
    # ("..., up from 5,800", "than 48,000"); "chain", joined with no separator ("rose 12 % to
    # 6,200"); "part" ("of whom"); "list" (a comma or "and"); "clause" (";", "while").
    joined: str
    names_own: bool = False  # its own words say what it counts ("for smuggling"), known or not


def own_phrases(sentence: str, figures: list[tuple[int, int, int]], protected: Sequence[tuple[int, int, str]] = ()) -> list[Phrase]:
    """The phrase of each figure (start and end of its number, end of its unit noun), in order.

    Its own words run from right after the number (so that its unit noun counts: "2.16 million
    court rulings") to the first separator after its unit noun; the next figure's subject runs
    back from it to the end of those words (or the last clause break). Separators inside a vocabulary phrase ("telecom and
    online fraud", in ``protected``) do not count.
    """
    lefts: list[tuple[int, int]] = []
    rights: list[tuple[int, int]] = []
    joins: list[str] = []
    left_start = _clause_start(sentence, figures[0][0]) if figures else 0
    for index, (start, number_end, end) in enumerate(figures):
        lefts.append((left_start, start))
        stop = figures[index + 1][0] if index + 1 < len(figures) else _clause_end(sentence, end)
        separators = [m for m in _SEPARATOR.finditer(sentence, end, stop) if not _inside(m, protected)]
        rights.append((number_end, separators[0].start() if separators else stop))
        if index + 1 == len(figures):
            break
        if not separators:
            joins.append("base" if _BASE_BEFORE.search(sentence, end, stop) else "chain")
            left_start = stop
            continue
        last = separators[-1]
        # What stands between the figure's own words and the next figure is the next one's
        # subject ("..., and the careful use of X, leading to 261"), back to a clause break.
        hard = [m for m in separators if _HARD_BREAK.fullmatch(m.group(0))]
        left_start = max(separators[0].end(), hard[-1].end() if hard else 0)
        if _COMPARED.match(sentence, last.end(), stop):
            joins.append("base")
        elif any(_PART_MARKER.fullmatch(m.group(0)) for m in separators):
            joins.append("part")
        elif any(_HARD_BREAK.fullmatch(m.group(0)) for m in separators):
            joins.append("clause")
        else:
            joins.append("list")
    return [
        Phrase(left, right, joined, bool(_NAMES_OWN.match(sentence, right[0], right[1])))
        for left, right, joined in zip(lefts, rights, ["first", *joins])
    ]


def _inside(match: re.Match[str], spans: Sequence[tuple[int, int, str]]) -> bool:
    return any(start <= match.start() and match.end() <= end for start, end, _ in spans)


def _clause_start(sentence: str, before: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, before)]
    return breaks[-1] if breaks else 0


def _clause_end(sentence: str, after: int) -> int:
    found = _CLAUSE_BREAK.search(sentence, after)
    return found.start() if found else len(sentence)


def _own(matches: list[tuple[int, int, str]], phrase: Phrase) -> tuple[int, int, str] | None:
    """The match in the figure's own words nearest to it: after it first, then before it."""
    right_start, right_end = phrase.right
    after = [m for m in matches if m[0] >= right_start and m[1] <= right_end]
    if after:
        return min(after, key=lambda m: (m[0], -(m[1] - m[0])))
    left_start, left_end = phrase.left
    before = [m for m in matches if m[0] >= left_start and m[1] <= left_end]
    if before:
        return max(before, key=lambda m: (m[1], m[1] - m[0]))
    return None


@dataclass(frozen=True, slots=True)
class _Attached:
    match: tuple[int, int, str] | None
    carried: str | None  # why it was carried: "the figure it is compared with", ...


def _attach(matches: list[tuple[int, int, str]], phrases: list[Phrase], modifiers: list[bool]) -> list[_Attached]:
    result = [_Attached(_own(matches, phrase), None) for phrase in phrases]
    for index, phrase in enumerate(phrases):
        if result[index].match is not None or index == 0:
            continue
        previous = result[index - 1]
        if previous.match is None:
            continue
        if modifiers[index] and phrase.joined in ("chain", "base", "list"):
            # "18,300 people were arrested for fraud, down 12.5 %": a percentage with no words of
            # its own describes the figure before it.
            result[index] = _Attached(previous.match, "the figure it describes")
        elif phrase.joined in ("chain", "base"):
            result[index] = _Attached(previous.match, "the figure it is compared with")
        elif phrase.names_own:
            # "among them 7,000 for smuggling": it says what it counts, in words no vocabulary
            # entry knows; its neighbour's topic would be a wrong guess.
            continue
        elif phrase.joined == "part":
            result[index] = _Attached(previous.match, "the whole it is part of")
        elif phrase.joined == "list":
            # "50,000 cases of cybercrime and 140,000 people": the second item shares the first's.
            result[index] = _Attached(previous.match, "the list it is part of")
    # "rose 12 % to 6,200 fraud prosecutions": a change takes the level it leads to.
    for index in range(len(phrases) - 2, -1, -1):
        if result[index].match is None and phrases[index + 1].joined in ("chain", "base") and result[index + 1].match is not None:
            result[index] = _Attached(result[index + 1].match, "the figure it is compared with")
    return result


def _action_stems(vocabulary: Vocabulary, action: str) -> frozenset[str]:
    """The stems of the words of an action's phrases ("charged", "indicted": charg, indict)."""

    def compute() -> frozenset[str]:
        entry = vocabulary.action_entries.get(action)
        return frozenset(stem(word) for phrase in (entry.phrases if entry else []) for word in phrase.split())

    return memo(vocabulary, "action stems", action, compute)


@dataclass(frozen=True, slots=True)
class MetricDecision:
    metric: str
    matched: bool
    how: str
    decision: Decision
    action: str | None = None  # the action found for a figure with no topic (topic_context.py)


def attach_metrics(
    vocabulary: Vocabulary,
    topics: list[tuple[int, int, str]],
    actions: list[tuple[int, int, str]],
    sentence: str,
    figures: list[tuple[int, int, int]],
    phrases: list[Phrase],
    nouns: list[str | None],
    modifiers: list[bool],
) -> list[MetricDecision]:
    """The metric of each figure of a sentence (sentence offsets: number start and end, unit noun
    end, and its phrase); ``modifiers`` marks percentages, which may describe the figure before them."""
    topic_of = _attach(topics, phrases, modifiers)
    action_of = _attach(actions, phrases, modifiers)
    # The words a derived key is made of are carried by the same rules ("46,265 knife offences
    # ..., up from 43,706": one derived key for both).
    noun_of = _attach([(f[1], f[1], noun) for f, noun in zip(figures, nouns) if noun], phrases, modifiers)
    decisions: list[MetricDecision] = []
    for index, (start, end, _) in enumerate(figures):
        topic = topic_of[index]
        action = action_of[index]
        action_match = action.match
        action_how = None
        if action_match is None:
            # Verbs are shared more freely than topics ("5,000 were charged, 300 of them minors"):
            # the nearest in the same clause.
            clause = (_clause_start(sentence, start), _clause_end(sentence, end))
            action_match = nearest([a for a in actions if a[0] >= clause[0] and a[1] <= clause[1]], start, end, sentence)
            if action_match is not None:
                action_how = f"'{sentence[action_match[0]:action_match[1]]}' -> action '{action_match[2]}' (nearest in the clause)"
        elif action.carried:
            action_how = f"'{sentence[action_match[0]:action_match[1]]}' -> action '{action_match[2]}', carried from {action.carried}"
        else:
            action_how = f"'{sentence[action_match[0]:action_match[1]]}' -> action '{action_match[2]}'"
        action_id = action_match[2] if action_match else None
        if topic.match is None:
            noun = noun_of[index]
            words = noun.match[2] if noun.match else "?"
            if action_id is not None and noun.match:
                # "1,688,000 people were charged" and "1,868,000 people were prosecuted": the action's
                # own words are the action, not part of what is counted, so the keys are one.
                words = " ".join(w for w in words.split() if w not in _action_stems(vocabulary, action_id)) or "?"
            key = "?" + (f"{words}" if action_id is None else f"{words}/{action_id}")
            how = f"no topic of the metrics vocabulary in the figure's own phrase; derived key '{key}'"
            if noun.carried:
                how += f" from the words of {noun.carried}"
            origin = f"derived from the words of {noun.carried}" if noun.carried else "derived from the words after the figure"
            decision = Decision("guessed", origin) if noun.match else UNKNOWN
            decisions.append(MetricDecision(key, False, how + " (add the phrase to a metrics vocabulary file)", decision, action_id))
            continue
        topic_id = topic.match[2]
        entry = vocabulary.topic_entries[topic_id]
        if action_id is None and entry.default_action is not None:
            action_id = entry.default_action
            action_how = f"no action in the sentence; topic default '{action_id}'"
        metric = topic_id if action_id is None else f"{topic_id}/{action_id}"
        topic_how = f"'{sentence[topic.match[0]:topic.match[1]]}' -> topic '{topic_id}'"
        if topic.carried:
            topic_how += f", carried from {topic.carried}"
        how = topic_how + (f", {action_how}" if action_how else ", no action named")
        decision = Decision("carried", topic.carried) if topic.carried else Decision("stated")
        decisions.append(MetricDecision(metric, True, how, decision))
    return decisions


def own_mentions(sentence: str, index: int, phrases: list[Phrase], spans: list[tuple[int, int]]) -> list[list[int]]:
    """Which of the spans (time mentions) may give figure ``index`` its period, best tier first.

    Those in its own words after it, then those before it in its clause, then those of the
    sentence that stand in no other figure's own words ("In 2023, 51,000 people ... and 12,000
    ...": the year frames both). "A decline of 3.6% from the 42,514 killed the year before": the
    year before belongs to the 42,514 alone.
    """
    phrase = phrases[index]

    def within(region: tuple[int, int]) -> list[int]:
        return [i for i, (start, end) in enumerate(spans) if region[0] <= start and end <= region[1]]

    others = [p.right for j, p in enumerate(phrases) if j != index]
    frame = [i for i, (start, end) in enumerate(spans) if not any(r[0] <= start and end <= r[1] for r in others)]
    tiers = [within(phrase.right), within(phrase.left)]
    if index and _WHEN.match(sentence, phrase.left[0], phrase.left[1]):
        # "3% more than a year earlier, when 49,490 were recorded": the time the clause refers back to.
        tiers.append(within(phrases[index - 1].right))
    return [*tiers, frame]


_WHEN = re.compile(r"\s*(?:when|at which point|by which time)\b", re.IGNORECASE)
