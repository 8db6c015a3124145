"""From an article to its claims: every number in every sentence, normalised field by field.

Each decision is recorded in ``Claim.how`` so that a reviewer sees why a value is what it is.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date

from factcheck.casefold import fold
from factcheck.extract.exclusions import in_copyright_line, not_a_claim
from factcheck.extract.intervals import find_qualifier, negate, qualified_intervals
from factcheck.extract.metrics import decide_metric, nearest, noun_after
from factcheck.extract.numbers import SCALES, NumberMention, find_numbers
from factcheck.extract.periods import TimeMention, find_time_mentions, resolve_period
from factcheck.extract.sentences import split_sentences
from factcheck.extract.sources import SourceMention, find_sources
from factcheck.model import FROM_SOURCE, UNKNOWN, Article, Claim, Decision, Identity, Interval, Period
from factcheck.vocabulary import Vocabulary

_UP = r"(?<!made )(?<!make )(?<!makes )(?<!making )(?<!took )up|rose|risen|rises|rise|rising|increased|increases|increasing|grew|grown|grows|jumped|surged|soared|climbed|gained|higher"
_DOWN = r"down|fell|fallen|falls|dropped|drops|declined|declines|decreased|decreases|plunged|slumped|lower|shrank|shrunk|slid"
_CUE_BEFORE = re.compile(rf"(?:\b(?P<up>{_UP})|\b(?P<down>{_DOWN}))(?:\s+by)?\s*$", re.IGNORECASE)
_CUE_AFTER = re.compile(
    r"\s*(?:(?P<up>increase|rise|jump|growth|gain|surge|hike|higher|more)\b|(?P<down>decrease|decline|drop|fall|reduction|cut|lower|fewer|less)\b)",
    re.IGNORECASE,
)
_YEAR_ON_YEAR = re.compile(r"[^.;]{0,40}?\b(?:year[- ]on[- ]year|from a year earlier|over the previous year|compared with the previous year)", re.IGNORECASE)
_PART_OF = re.compile(r"\b(?:of whom|of which|among them|among whom|including|of those)\b", re.IGNORECASE)
_COMPARISON_BASE = re.compile(r"\b(?:from|over|than|compared\s+(?:with|to)|versus|vs\.?)\s+(?:the\s+)?\S*$", re.IGNORECASE)
_RANGE_AND = re.compile(r"^\s+(?:and|to)\s+$", re.IGNORECASE)
_NOUN_STOP = r"(?:a|an|the|of|for|in|on|at|to|from|with|by|and|or|but|was|were|is|are|be|been|have|has|had|this|that|which|who|whom|than|as|year|years|last|since)"


@dataclass
class _Draft:
    """A claim being built; frozen into a Claim once links are known."""

    number: NumberMention
    start: int  # in article text
    end: int
    unit: str | None
    unit_how: str
    noun: str | None
    range_high: NumberMention | None = None  # "between X and Y": Y


class ClaimExtractor:
    """Compiled vocabulary tables, reused for every article."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        aliases = sorted(vocabulary.unit_aliases.entries, key=lambda p: (-len(p), p))
        alias_body = "|".join(r"\s+".join(re.escape(w) for w in a.split(" ")) for a in aliases) or r"(?!x)x"
        # Up to two adjectives between the number and its unit noun ("11 typical cases").
        self._unit_after = re.compile(
            rf"\s*(?:(?!{_NOUN_STOP}\b)[a-z][\w'-]*\s+){{0,2}}?(?P<alias>{alias_body})(?![\w-])"
        )

    def extract(self, article: Article) -> list[Claim]:
        text = article.text
        folded = fold(text)
        times = find_time_mentions(text)
        time_starts = [m.start for m in times]
        sources = find_sources(text, folded, self.vocabulary)
        source_starts = [m.start for m in sources]
        claims: list[Claim] = []
        seen_ids: dict[str, int] = {}
        furniture = SpanSet(article.furniture)
        for sentence_start, sentence_end in split_sentences(text):
            if furniture.contains(sentence_start, sentence_end):
                continue
            sentence = text[sentence_start:sentence_end]
            folded_sentence = folded[sentence_start:sentence_end]
            blocked = [(m.start, m.end) for m in _between(times, time_starts, sentence_start, sentence_end)]
            blocked += [(m.start, m.end) for m in _between(sources, source_starts, sentence_start, sentence_end)]
            drafts = self._drafts(text, folded_sentence, sentence_start, sentence_end, blocked, furniture)
            if not drafts or in_copyright_line(sentence):
                continue
            # Offsets within the sentence, like the numbers'.
            period_mentions = [
                replace(m, start=m.start - sentence_start, end=m.end - sentence_start)
                for m in _between(times, time_starts, sentence_start, sentence_end)
                if m.role == "period"
            ]
            source = self._source_for(sources, source_starts, sentence_start, sentence_end, article)
            claims.extend(self._finish(article, sentence_start, sentence, folded_sentence, drafts, period_mentions, source, seen_ids))
        return claims

    # -- numbers to drafts -------------------------------------------------------------------

    def _drafts(self, text: str, folded: str, s_start: int, s_end: int, blocked: list[tuple[int, int]], furniture: SpanSet) -> list[_Draft]:
        sentence = text[s_start:s_end]
        drafts: list[_Draft] = []
        for number in find_numbers(sentence, folded):
            start, end = s_start + number.start, s_start + number.end
            if any(b_start < end and start < b_end for b_start, b_end in blocked):
                continue
            if drafts and start < drafts[-1].end:  # inside the previous figure's unit noun
                continue
            if furniture.contains(start, end):
                continue
            unit, unit_how, noun_end = self._unit(sentence, folded, number)
            if not_a_claim(sentence, number, unit is not None):
                continue
            draft = _Draft(number, start, s_start + noun_end, unit, unit_how, noun_after(sentence, number.end))
            # "between 40,000 and 50,000": one claim spanning both numbers.
            if drafts and _RANGE_AND.match(sentence[drafts[-1].number.end : number.start]) and sentence[: drafts[-1].number.start].rstrip().lower().endswith("between"):
                drafts[-1] = _range(drafts[-1], draft)
                continue
            drafts.append(draft)
        return drafts

    def _unit(self, sentence: str, folded: str, number: NumberMention) -> tuple[str | None, str, int]:
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
            if name:
                written = sentence[match.start("alias") : match.end("alias")]
                return name, f"'{written}' -> {name}", match.end()
        return None, "no unit noun after the number", number.end

    # -- drafts to claims --------------------------------------------------------------------

    def _finish(
        self,
        article: Article,
        s_start: int,
        sentence: str,
        folded: str,
        drafts: list[_Draft],
        period_mentions: list[TimeMention],
        source: tuple[SourceMention | None, str, bool],
        seen_ids: dict[str, int],
    ) -> list[Claim]:
        vocabulary = self.vocabulary
        topics = vocabulary.topics.find(folded)
        actions = vocabulary.actions.find(folded)
        claims: list[Claim] = []
        for index, draft in enumerate(drafts):
            number = draft.number
            how: list[tuple[str, str]] = []
            links: list[tuple[str, str]] = []
            unit, unit_how = draft.unit, draft.unit_how
            unit_carried: str | None = None  # the figure a unit without a noun was carried from
            previous = claims[-1] if claims else None
            between = sentence[drafts[index - 1].end - s_start : number.start] if index else ""
            if previous is not None and _PART_OF.search(between):
                links.append(("part_of", previous.id))
            # "121,000 individuals ... and an additional 27,000": the noun is left out, not changed.
            if unit is None and previous is not None and previous.unit is not None and previous.kind in ("count", "money") and not number.percent:
                unit = previous.unit
                unit_carried = previous.text
                reason = "part of" if links else "carried over from"
                unit_how = f"no unit noun; {reason} '{previous.text}' earlier in the sentence"
            how.append(("unit", unit_how))

            qualifier, phrase, q_start = find_qualifier(sentence, number.start, vocabulary.qualifier_phrases, vocabulary.qualifiers)
            kind, sign, kind_how = self._kind(sentence, number, q_start, unit)
            how.append(("kind", kind_how))
            rounding, rounding_how = self._rounding(source[0])
            measured = kind in ("change", "share", "ratio")
            if draft.range_high is not None:
                low, high = float(number.value), float(draft.range_high.value)
                hard, soft, value_how = Interval(min(low, high), max(low, high)), None, "'between X and Y': both ends included"
                qualifier, q_start = None, _between_start(sentence, number.start)
            else:
                hard, soft, value_how = qualified_intervals(number, qualifier, measured, rounding, vocabulary.tolerance)
            if rounding_how:
                value_how += f" ({rounding_how})"
            if sign < 0:
                hard, soft = negate(hard), negate(soft) if soft else None
                value_how += "; a decrease, so negative"
            unit, hard, soft, factor_how = self._to_base(unit, hard, soft)
            if factor_how:
                value_how += f"; {factor_how}"
            how.append(("value", value_how))

            anchor, anchor_how = article.anchor_date(draft.start)
            period, period_how, claim_source, period_words = self._period(
                sentence, number.start, draft.end - s_start, kind, period_mentions, anchor, anchor_how, source
            )
            how.append(("period", period_how))
            metric, matched, metric_how = decide_metric(vocabulary, topics, actions, sentence, number.start, number.end, draft.noun)
            how.append(("metric", metric_how))
            if claim_source is not None:
                how.append(("source", source[1]))

            start = s_start + q_start
            end = max(draft.end, draft.start + (number.end - number.start))
            claim_text = article.text[start:end]
            line, column = article.line_col(start)
            claim = Claim(
                id=_claim_id(article.id, sentence, claim_text, seen_ids),
                article=article.id,
                text=claim_text,
                start=start,
                end=end,
                line=line,
                column=column,
                sentence=" ".join(sentence.split()),
                value=hard,
                soft=soft,
                qualifier=qualifier.name if qualifier else ("between" if draft.range_high is not None else None),
                unit=unit,
                metric=metric,
                metric_matched=matched,
                period=period,
                kind=kind,
                source=claim_source.label if claim_source else None,
                source_period=claim_source.period()[0] if claim_source else None,
                dated=anchor,
                links=tuple(links),
                how=tuple(how),
                identity=provisional_identity(period, period_words, claim_source is not None, unit, unit_carried, bool(links), matched, draft.noun),
            )
            claims.append(claim)
        return _link_changes(sentence, s_start, claims)

    def _kind(self, sentence: str, number: NumberMention, q_start: int, unit: str | None) -> tuple[str, int, str]:
        entry = self.vocabulary.unit(unit)
        before = _CUE_BEFORE.search(sentence[max(0, q_start - 30) : q_start])
        after = _CUE_AFTER.match(sentence, number.end)
        if number.percent or (entry is not None and entry.kind == "percent"):
            cue = before or after
            if cue:
                sign = -1 if cue.group("down") else 1
                return "change", sign, f"a percentage with '{cue.group(0).strip()}': a change"
            if _YEAR_ON_YEAR.match(sentence, number.end):
                return "change", 1, "a percentage followed by 'year-on-year' with no direction word: taken as an increase"
            return "share", 1, "a percentage with no change word: a share"
        if entry is not None and entry.kind == "ratio":
            return "ratio", 1, f"'{unit}': a multiple"
        if number.currency or (entry is not None and entry.kind == "money"):
            return "money", 1, "a currency amount"
        return "count", 1, "a number of things counted"

    def _rounding(self, source: SourceMention | None) -> tuple[str, str | None]:
        if source is not None and source.rounding:
            return source.rounding, f"rounding policy '{source.rounding}' of source {source.source_id}"
        return self.vocabulary.rounding, None

    def _to_base(self, unit: str | None, hard: Interval, soft: Interval | None) -> tuple[str | None, Interval, Interval | None, str | None]:
        entry = self.vocabulary.unit(unit)
        if unit is None or entry is None or entry.definition is None:
            return unit, hard, soft, None
        from factcheck.units import base_unit

        base, factor = base_unit(self.vocabulary.units, unit)
        return base, _scale(hard, factor), _scale(soft, factor) if soft else None, f"{unit} converted to {base} (x{factor:g}, pint)"

    def _period(
        self,
        sentence: str,
        start: int,
        end: int,
        kind: str,
        mentions: list[TimeMention],
        anchor: date | None,
        anchor_how: str,
        source: tuple[SourceMention | None, str, bool],
    ) -> tuple[Period | None, str, SourceMention | None, str | None]:
        """The claim's period, how it was decided, the source it is attributed to, and the words
        of the sentence that state the period (None when they do not).

        A source named in an earlier sentence is attributed only to claims that state no period of
        their own: it supplies their period. A claim with its own period may be about something else.
        """
        mention_source, _, in_sentence = source
        if kind == "ratio":
            # "five times as many as during the outbreak in 2003": a later period is the comparison's.
            mentions = [m for m in mentions if m.end <= start]
        elif kind == "change":
            # "up 53.9 percent from the previous year": the base of the comparison, not the period.
            mentions = [m for m in mentions if m.start < end or not _COMPARISON_BASE.search(sentence, 0, m.start + 5)]
        # Measured from the number and its unit noun: "from 72,000 people in 2022 to 90,000 people in 2023".
        best = nearest([(m.start, m.end, str(i)) for i, m in enumerate(mentions)], start, end, sentence)
        if best is not None:
            mention = mentions[int(best[2])]
            period, how = resolve_period(mention, anchor)
            if anchor is not None and resolve_period(mention, None)[0] is None:  # a relative period
                how += f" (anchor: {anchor_how})"
            return period, how, mention_source if in_sentence else None, sentence[mention.start : mention.end]
        if mention_source is not None:
            period, how = mention_source.period()
            if period is not None:
                return period, f"no period in the sentence; inherited from its source: {how}", mention_source, None
            return None, f"no period in the sentence; its source: {how}", mention_source, None
        return None, "no period stated in the sentence and no source with a known period", None, None

    def _source_for(
        self, sources: list[SourceMention], starts: list[int], s_start: int, s_end: int, article: Article
    ) -> tuple[SourceMention | None, str, bool]:
        inside = _between(sources, starts, s_start, s_end)
        if inside:
            return inside[-1], f"'{inside[-1].text}' in the sentence -> {inside[-1].name}", True
        # The latest mention before the sentence, within the same listing item.
        index = bisect_left(starts, s_start) - 1
        if index >= 0:
            mention = sources[index]
            item = article.item_at(s_start)
            if item is None or item.start <= mention.start:
                return mention, f"'{mention.text}' in an earlier sentence -> {mention.name} (the article keeps citing it)", False
        return None, "", False


def provisional_identity(
    period: Period | None,
    period_words: str | None,
    from_source: bool,
    unit: str | None,
    unit_carried: str | None,
    part_of: bool,
    matched: bool,
    noun: str | None,
) -> Identity:
    """How the claim's identity fields were decided, from what extraction knows (one place, so
    that period context and vocabulary work can refine it): a period in the sentence is stated
    (its words the origin), one a cited source supplies is carried from it, none is unknown; a unit
    noun or symbol after the number is stated, a unit carried from an earlier figure guessed (but
    carried when the figure is its part: "3,275 people ..., of whom 2,281" counts the same people); a
    vocabulary metric is stated, a derived key guessed (unknown without words to derive it from);
    the scope is not decided yet (unknown: no scope).
    """
    if period is None:
        period_decision = UNKNOWN
    elif period_words is not None:
        period_decision = Decision("stated", " ".join(period_words.split()))
    elif from_source:
        period_decision = Decision("carried", FROM_SOURCE)
    else:
        period_decision = Decision("guessed")
    if unit is None:
        unit_decision = UNKNOWN
    elif unit_carried is None:
        unit_decision = Decision("stated")
    elif part_of:
        unit_decision = Decision("carried", f"the whole '{unit_carried}' it is part of")
    else:
        unit_decision = Decision("guessed", f"the unit of '{unit_carried}', earlier in the sentence")
    if matched:
        metric_decision = Decision("stated")
    else:
        metric_decision = Decision("guessed", "a key derived from the words after the number") if noun else UNKNOWN
    return Identity(period_decision, unit_decision, metric_decision, UNKNOWN)


def _between(items: list, starts: list[int], start: int, end: int) -> list:  # type: ignore[type-arg]
    low = bisect_left(starts, start)
    high = bisect_left(starts, end)
    return items[low:high]


class SpanSet:
    """Spans of text (page furniture) asked "does one of you contain this range?" per sentence and
    per number: a binary search over the merged spans, not a scan of them all each time."""

    def __init__(self, spans: tuple[tuple[int, int], ...]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def contains(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]


def _range(first: _Draft, second: _Draft) -> _Draft:
    """Merge "between X and Y" into one draft; "between 2 and 3 million" shares the scale."""
    low, high = first.number, second.number
    if low.scale is None and high.scale is not None:
        low = replace(low, value=low.value * SCALES[high.scale], step=low.step * SCALES[high.scale], scale=high.scale)
    unit = second.unit or first.unit
    return _Draft(low, first.start, second.end, unit, second.unit_how if second.unit else first.unit_how, second.noun, range_high=high)


def _between_start(sentence: str, start: int) -> int:
    return sentence.lower().rfind("between", 0, start)


def _scale(interval: Interval, factor: float) -> Interval:
    return Interval(
        interval.low * factor if interval.low is not None else None,
        interval.high * factor if interval.high is not None else None,
        interval.low_open,
        interval.high_open,
    )


def _claim_id(article_id: str, sentence: str, text: str, seen: dict[str, int]) -> str:
    """Stable while the sentence stands: moving a paragraph keeps it, editing the sentence changes it."""
    base = " ".join(sentence.split()) + "\0" + text
    occurrence = seen.get(base, 0)
    seen[base] = occurrence + 1
    digest = hashlib.sha1(f"{base}\0{occurrence}".encode()).hexdigest()[:10]
    return f"{article_id}:{digest}"


_LEVEL_FROM = re.compile(r",?[^,;]{0,40}?\bfrom\s*$", re.IGNORECASE)
_LEVEL_TO = re.compile(r"[^;]{0,40}?(?<!leading )(?<!due )(?<!related )(?<!according )(?<!up )\bto\s*$", re.IGNORECASE)


def _carried_from_level(level: Claim) -> Decision:
    """A change takes the period of the level it links: as certain as the level's, from there."""
    if level.identity.period.certain:
        return Decision("carried", f"the level '{level.text}'")
    return level.identity.period


def _link_changes(sentence: str, s_start: int, claims: list[Claim]) -> list[Claim]:
    """A change followed by "from X" and "to Y" levels links to them and takes Y's period.

    Only levels right after the change (or right after its "from" level) are linked: "up 53.9% to
    78,000", "rose 25 percent, from 64,000 in 2022 to 80,000 in 2023".
    """
    changes = [c for c in claims if c.kind == "change"]
    if len(changes) != 1:
        return claims
    change = changes[0]
    links = list(change.links)
    period, period_how = change.period, dict(change.how).get("period", "")
    period_decision = change.identity.period
    previous_end = change.end
    for claim in claims:
        if claim.start < change.end or claim.kind != "count":
            continue
        gap = sentence[previous_end - s_start : claim.start - s_start]
        if _LEVEL_FROM.fullmatch(gap) and not any(k == "change_from" for k, _ in links):
            links.append(("change_from", claim.id))
        elif _LEVEL_TO.fullmatch(gap) and not any(k == "change_to" for k, _ in links):
            links.append(("change_to", claim.id))
            if claim.period is not None:
                period, period_how = claim.period, f"the period of the level it leads to, '{claim.text}'"
                period_decision = _carried_from_level(claim)
        else:
            break
        previous_end = claim.end
    if len(links) == len(change.links):
        # "more than 105,000 people ..., up about 95 percent year-on-year": the one level of the
        # same metric in the sentence is the level the change leads to.
        levels = [c for c in claims if c.kind == "count" and c.metric == change.metric and c.metric_matched]
        if len(levels) != 1:
            return claims
        links.append(("change_to", levels[0].id))
        if change.period is None and levels[0].period is not None:
            period, period_how = levels[0].period, f"the period of the level it changes, '{levels[0].text}'"
            period_decision = _carried_from_level(levels[0])
    how = tuple((k, period_how if k == "period" else v) for k, v in change.how)
    identity = change.identity._replace(period=period_decision)
    updated = replace(change, links=tuple(links), period=period, how=how, identity=identity)
    return [updated if c is change else c for c in claims]
