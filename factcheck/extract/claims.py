"""From an article to its claims: every number in every sentence, normalised field by field.

Each decision is recorded in ``Claim.how`` so that a reviewer sees why a value is what it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date

from factcheck.casefold import fold
from factcheck.extract.claim_periods import (
    YEAR_ON_YEAR,
    base_period_of,
    decide_period,
    headline_restates_body,
    is_comparison_base,
    link_changes,
    period_from_neighbour,
)
from factcheck.extract.context_levels import ContextLevels, TopicAndPlacePhrases
from factcheck.extract.drafts import Draft, between_start, claim_id, count_change, merge_range, scaled
from factcheck.extract.exclusions import in_copyright_line, not_a_claim
from factcheck.extract.fiscal_years import fiscal_year_start
from factcheck.extract.governing import Governing, GoverningPeriods
from factcheck.extract.intervals import find_qualifier, negate, qualified_intervals
from factcheck.extract.metrics import ClauseBreaks, attach_metrics, noun_after, own_mentions, own_phrases
from factcheck.extract.numbers import NumberMention, find_numbers
from factcheck.extract.periods import TimeMention, find_time_mentions
from factcheck.extract.scope_context import GoverningScopes
from factcheck.extract.scopes import ScopeFinder, decide_scope
from factcheck.extract.sentences import split_sentences
from factcheck.extract.sources import SourceMention, find_sources
from factcheck.extract.spans import SpanSet, between
from factcheck.extract.figure_units import UnitReader
from factcheck.extract.rates import RateMemory
from factcheck.extract.topic_context import GoverningTopics
from factcheck.extract.unit_context import counts_own_noun, implied_unit, outside, rate_denominators
from factcheck.model import UNKNOWN, Article, Claim, Decision, Identity, Interval, Period
from factcheck.vocabulary import Vocabulary

_UP = r"(?<!made )(?<!make )(?<!makes )(?<!making )(?<!took )up|rose|risen|rises|rise|rising|increased|increases|increasing|grew|grown|grows|jumped|surged|soared|climbed|gained|higher"
_DOWN = r"down|fell|fallen|falls|dropped|drops|declined|declines|decreased|decreases|plunged|slumped|lower|shrank|shrunk|slid"
_CUE_BEFORE = re.compile(rf"(?:\b(?P<up>{_UP})|\b(?P<down>{_DOWN}))(?:\s+by)?\s*$", re.IGNORECASE)
# Nominal changes: "a jump of 18.2 %", "a surge of 100 per cent", "an increase of 5 %".
_NOUN_UP = r"increase|increases|rise|rises|jump|jumps|surge|surges|growth|gain|gains|hike|hikes|climb|spike|upturn|leap|boost|uptick|rebound"
_NOUN_DOWN = r"decrease|decreases|decline|declines|drop|drops|fall|falls|reduction|reductions|cut|cuts|plunge|slump|downturn|dip|contraction|slide"
_CHANGE_OF = re.compile(rf"\b(?:(?P<up>{_NOUN_UP})|(?P<down>{_NOUN_DOWN}))\s+of\s+(?:(?:about|around|almost|nearly|some|roughly|over|more\s+than|less\s+than|up\s+to)\s+)?$", re.IGNORECASE)
# "accounted for 36.5 %", "made up 12 %": a share of a whole, whatever change words stand near.
_SHARE_OF = re.compile(r"\b(?:accounted|accounts|account|accounting)\s+for\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?$|\b(?:made|make|makes|making)\s+up\s+$", re.IGNORECASE)
_CUE_AFTER = re.compile(
    r"\s*(?:(?P<up>increase|rise|jump|growth|gain|surge|hike|higher|more)\b|(?P<down>decrease|decline|drop|fall|reduction|cut|lower|fewer|less)\b)",
    re.IGNORECASE,
)
_PART_OF = re.compile(r"\b(?:of whom|of which|among them|among whom|including|of those)\b", re.IGNORECASE)
_RANGE_AND = re.compile(r"^\s+(?:and|to)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Context:
    """What an article's context gives a sentence: the period governing it, and the places and
    topics its figures may carry."""

    period: Governing | None
    places: GoverningScopes
    topics: GoverningTopics


class ClaimExtractor:
    """Compiled vocabulary tables, reused for every article."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._phrases = TopicAndPlacePhrases(vocabulary.topics.lookup, vocabulary.scopes.lookup)
        self._units = UnitReader(vocabulary)

    def extract(self, article: Article) -> list[Claim]:
        text = article.text
        folded = fold(text)
        times = find_time_mentions(text, fiscal_year_start(self.vocabulary, article))
        time_starts = [m.start for m in times]
        sources = find_sources(text, folded, self.vocabulary)
        source_starts = [m.start for m in sources]
        claims: list[Claim] = []
        seen_ids: dict[str, int] = {}
        furniture = SpanSet(article.furniture)
        sentence_spans = split_sentences(text)
        levels = ContextLevels(article)
        governing = GoverningPeriods(article, times, sources, sentence_spans, levels)
        topic_matches, place_matches = self._phrases.find(folded)
        places = GoverningScopes(self.vocabulary, levels, folded, sentence_spans, place_matches)
        topics = GoverningTopics(self.vocabulary, levels, topic_matches)
        rates, item = RateMemory(), None
        for sentence_start, sentence_end in sentence_spans:
            if furniture.contains(sentence_start, sentence_end):
                continue
            if article.items and (here := article.item_at(sentence_start)) is not item:
                rates, item = RateMemory(), here  # each listing item is its own story: its own rates
            sentence = text[sentence_start:sentence_end]
            folded_sentence = folded[sentence_start:sentence_end]
            blocked = [(m.start, m.end) for m in between(times, time_starts, sentence_start, sentence_end)]
            blocked += [(m.start, m.end) for m in between(sources, source_starts, sentence_start, sentence_end)]
            drafts = self._drafts(text, folded_sentence, sentence_start, sentence_end, blocked, furniture, rates)
            if not drafts or in_copyright_line(sentence):
                continue
            # Offsets within the sentence, like the numbers'.
            period_mentions = [
                replace(m, start=m.start - sentence_start, end=m.end - sentence_start)
                for m in between(times, time_starts, sentence_start, sentence_end)
                if m.role == "period"
            ]
            source = self._source_for(sources, source_starts, sentence_start, sentence_end, article)
            context = _Context(governing.at(sentence_start), places, topics)
            claims.extend(self._finish(article, sentence_start, sentence, folded_sentence, drafts, period_mentions, source, context, seen_ids))
        return headline_restates_body(claims, governing.headline_end())

    # -- numbers to drafts -------------------------------------------------------------------

    def _drafts(self, text: str, folded: str, s_start: int, s_end: int, blocked: list[tuple[int, int]], furniture: SpanSet, rates: RateMemory) -> list[Draft]:
        sentence = text[s_start:s_end]
        drafts: list[Draft] = []
        for number in find_numbers(sentence, folded):
            start, end = s_start + number.start, s_start + number.end
            if any(b_start < end and start < b_end for b_start, b_end in blocked):
                continue
            if drafts and start < drafts[-1].end:  # inside the previous figure's unit noun
                continue
            if furniture.contains(start, end):
                continue
            written = self._units.written(sentence, folded, number)
            if not_a_claim(sentence, number, written.unit is not None):
                continue
            got = self._units.in_context(written, text, folded, s_start, number, drafts, rates)
            draft = Draft(number, start, s_start + got.end, got.unit, got.how, noun_after(sentence, number.end), unit_decision=got.decision, rate=got.rate, own_noun=got.own_noun)
            # "between 40,000 and 50,000": one claim spanning both numbers.
            if drafts and _RANGE_AND.match(sentence[drafts[-1].number.end : number.start]) and sentence[: drafts[-1].number.start].rstrip().lower().endswith("between"):
                drafts[-1] = merge_range(drafts[-1], draft)
                continue
            drafts.append(draft)
        return drafts

    # -- drafts to claims --------------------------------------------------------------------

    def _finish(
        self,
        article: Article,
        s_start: int,
        sentence: str,
        folded: str,
        drafts: list[Draft],
        period_mentions: list[TimeMention],
        source: tuple[SourceMention | None, str, bool],
        context: _Context,
        seen_ids: dict[str, int],
    ) -> list[Claim]:
        vocabulary = self.vocabulary
        figures = [(d.number.start, d.number.end, max(d.end - s_start, d.number.end)) for d in drafts]
        denominators = rate_denominators(folded, figures)
        s_end = s_start + len(sentence)
        topics = outside(context.topics.within(s_start, s_end), denominators)
        actions = outside(vocabulary.actions.find(folded), denominators)
        scopes = ScopeFinder(vocabulary, folded, context.places.within(s_start, s_end))
        breaks = ClauseBreaks(sentence)  # found once: every figure measures its phrases against them
        flat = " ".join(sentence.split())  # as claims show it, made once per sentence, not per figure
        claims: list[Claim] = []
        phrases = own_phrases(sentence, figures, topics + actions)
        mention_spans = [(m.start, m.end) for m in period_mentions]
        metrics = attach_metrics(
            vocabulary, topics, actions, sentence, figures, phrases,
            [d.noun for d in drafts],
            [bool(d.number.percent) or d.unit in ("percent", "percentage_point") for d in drafts],
        )
        metrics = [
            context.topics.carry(m, s_start + p.right[0], sentence[slice(*p.left)], sentence[slice(*p.right)], sentence, bool(topics))
            for m, p in zip(metrics, phrases)
        ]
        for index, draft in enumerate(drafts):
            number = draft.number
            how: list[tuple[str, str]] = []
            links: list[tuple[str, str]] = []
            unit, unit_how = draft.unit, draft.unit_how
            unit_decision = draft.unit_decision
            previous = claims[-1] if claims else None
            between = sentence[drafts[index - 1].end - s_start : number.start] if index else ""
            if previous is not None and _PART_OF.search(between):
                links.append(("part_of", previous.id))
            metric_decision = metrics[index]
            metric, matched = metric_decision.metric, metric_decision.matched
            # "35 states", "30 days": a noun of its own that no unit names rules out a borrowed unit.
            own = counts_own_noun(vocabulary, draft.own_noun, number.start, topics, actions, folded) if unit is None else None
            carry = own is None and unit is None and previous is not None and previous.unit is not None and previous.kind in ("count", "money") and not number.percent
            implied = implied_unit(vocabulary, topics, metric, matched, folded, number.end) if unit is None and not number.percent and own is None else None
            if own is not None:
                unit_how = f"'{own}' after the number is what it counts, and no unit of the units vocabulary: no unit implied or carried"
            if carry and links and previous is not None:
                # "3,275 people ..., of whom 2,281": the part counts what its whole counts.
                unit, unit_how, unit_decision = previous.unit, f"no unit noun; part of '{previous.text}' earlier in the sentence", Decision("carried", f"the whole '{previous.text}' it is part of")
            elif implied is not None:
                unit, unit_how, unit_decision = implied[0], f"no unit noun; {implied[1]} (metrics vocabulary)", Decision("implied", "vocabulary")
            # "121,000 individuals ... and an additional 27,000": the noun is left out, not changed.
            elif carry and previous is not None:
                unit = previous.unit
                unit_how = f"no unit noun; carried over from '{previous.text}' earlier in the sentence"
                unit_decision = Decision("guessed", f"the unit of '{previous.text}', earlier in the sentence")
            how.append(("unit", unit_how))

            qualifier, phrase, q_start = find_qualifier(sentence, number.start, vocabulary.qualifier_phrases, vocabulary.qualifiers)
            kind, sign, kind_how = self._kind(sentence, number, q_start, unit, draft.rate)
            how.append(("kind", kind_how))
            rounding, rounding_how = self._rounding(source[0])
            # A change in a count ("added 47,000 jobs") rounds like the count, not like a percentage.
            measured = kind in ("share", "ratio", "rate") or (kind == "change" and unit in ("percent", "percentage_point"))
            if draft.range_high is not None:
                low, high = float(number.value), float(draft.range_high.value)
                hard, soft, value_how = Interval(min(low, high), max(low, high)), None, "'between X and Y': both ends included"
                qualifier, q_start = None, between_start(sentence, number.start)
            else:
                hard, soft, value_how = qualified_intervals(number, qualifier, measured, rounding, vocabulary.tolerance, vocabulary.precision)
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
            tiers = [[period_mentions[i] for i in tier] for tier in own_mentions(sentence, index, phrases, mention_spans)]
            # The sentence's frame never includes what another figure is compared with.
            tiers[-1] = [m for m in tiers[-1] if not is_comparison_base(sentence, m)]
            period, period_how, claim_source, period_decision = decide_period(
                # A rate declared as a ratio is no multiple: "down from 1.33 a year earlier" is its period.
                sentence, breaks, number.start, draft.end - s_start, "rate" if self._units.is_rate(unit) else kind,
                period_mentions, tiers, anchor, anchor_how, source, context.period,
            )
            if period_decision.basis != "stated" and index:
                # Not from its own sentence: the figure before it in the sentence may say more.
                period, period_how, period_decision = period_from_neighbour(
                    phrases[index].joined, claims[-1], kind, period, period_how, period_decision
                )
            how.append(("period", period_how))
            base_period = base_period_of(sentence, number.end, kind, period, period_mentions, anchor)
            how.append(("metric", metric_decision.how))
            next_start = drafts[index + 1].number.start if index + 1 < len(drafts) else None
            stated_scope = scopes.stated(number.start, draft.end - s_start, next_start)
            place = context.places.at(draft.start, sentence, phrases[index]) if stated_scope is None else None
            scope, scope_decision, scope_how = decide_scope(vocabulary, stated_scope, article, place)
            how.append(("scope", scope_how))
            if claim_source is not None:
                how.append(("source", source[1]))

            start = s_start + q_start
            end = max(draft.end, draft.start + (number.end - number.start))
            claim_text = article.text[start:end]
            line, column = article.line_col(start)
            claim = Claim(
                id=claim_id(article.id, flat, claim_text, seen_ids),
                article=article.id,
                text=claim_text,
                start=start,
                end=end,
                line=line,
                column=column,
                sentence=flat,
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
                base_period=base_period,
                scope=scope,
                identity=Identity(period=period_decision, unit=unit_decision, metric=metric_decision.decision, scope=scope_decision),
            )
            claims.append(claim)
        claims = link_changes(sentence, s_start, claims)
        # A change whose period came from the level it leads to: its base follows from that period.
        return [
            replace(c, base_period=base_period_of(sentence, c.end - s_start, c.kind, c.period, period_mentions, anchor))
            if c.kind == "change" and c.base_period is None and c.period is not None
            else c
            for c in claims
        ]

    def _kind(self, sentence: str, number: NumberMention, q_start: int, unit: str | None, rate: bool = False) -> tuple[str, int, str]:
        entry = self.vocabulary.unit(unit)
        if rate or (entry is not None and entry.kind == "rate"):
            return "rate", 1, f"'{unit}': a rate, never a count"
        before = _CUE_BEFORE.search(sentence[max(0, q_start - 30) : q_start])
        after = _CUE_AFTER.match(sentence, number.end)
        if number.percent or (entry is not None and entry.kind == "percent"):
            window = sentence[max(0, number.start - 40) : number.start]
            if _SHARE_OF.search(window):
                return "share", 1, f"a percentage after '{_SHARE_OF.search(window).group(0).strip()}': a share"  # type: ignore[union-attr]
            cue = before or after or _CHANGE_OF.search(window)
            if cue:
                sign = -1 if cue.group("down") else 1
                return "change", sign, f"a percentage with '{cue.group(0).strip()}': a change"
            if YEAR_ON_YEAR.match(sentence, number.end):
                return "change", 1, "a percentage followed by 'year-on-year' with no direction word: taken as an increase"
            return "share", 1, "a percentage with no change word: a share"
        if entry is not None and entry.kind == "ratio":
            return "ratio", 1, f"'{unit}': a ratio (its kind in the units vocabulary)"
        if number.currency or (entry is not None and entry.kind == "money"):
            return "money", 1, "a currency amount"
        change = count_change(sentence, number.start if q_start is None else q_start, number.end)
        if change is not None:
            return "change", change[0], f"'{change[1]}': a change in a count, not a level"
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
        return base, scaled(hard, factor), scaled(soft, factor) if soft else None, f"{unit} converted to {base} (x{factor:g}, pint)"

    def _source_for(
        self, sources: list[SourceMention], starts: list[int], s_start: int, s_end: int, article: Article
    ) -> tuple[SourceMention | None, str, bool]:
        inside = between(sources, starts, s_start, s_end)
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
