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
from factcheck.extract.governing import RELATIVE_TO_REFERENCE, Governing, GoverningPeriods, shifted_years
from factcheck.extract.intervals import find_qualifier, negate, qualified_intervals
from factcheck.extract.metrics import ClauseBreaks, attach_metrics, nearest, noun_after, own_mentions, own_phrases
from factcheck.extract.numbers import SCALES, NumberMention, find_numbers
from factcheck.extract.periods import TimeMention, find_time_mentions, resolve_period
from factcheck.extract.scopes import ScopeFinder, decide_scope
from factcheck.extract.sentences import split_sentences
from factcheck.extract.sources import SourceMention, find_sources
from factcheck.extract.unit_context import implied_unit, noun_before, rate_after, rate_before, rate_unit
from factcheck.model import FROM_SOURCE, UNKNOWN, Article, Claim, Decision, Identity, Interval, Period
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
_YEAR_ON_YEAR = re.compile(r"[^.;]{0,40}?\b(?:year[- ]on[- ]year|from a year earlier|over the previous year|compared with the previous year)", re.IGNORECASE)
_PART_OF = re.compile(r"\b(?:of whom|of which|among them|among whom|including|of those)\b", re.IGNORECASE)
# What makes a time mention the base of a comparison: "than a year earlier", "from 2022", "on the
# previous year", "compared with 2021" (the preposition may open the mention itself).
_BASE_BEFORE = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against|over|on)\s+(?:(?:in|during|for)\s+)?$", re.IGNORECASE)
_BASE_OPENING = re.compile(r"(?:from|than|over|on|against)\s", re.IGNORECASE)


def _is_comparison_base(sentence: str, mention: TimeMention) -> bool:
    """Whether the mention is what a figure is compared with, not the period it is for. "From
    2018 to 2022" is a period (a range), "from 2022" after a figure a base."""
    if mention._spec.kind == "range":
        return False
    return bool(_BASE_BEFORE.search(sentence, max(0, mention.start - 40), mention.start) or _BASE_OPENING.match(mention.text))
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_SAME_STRETCH = re.compile(r"the\s+same\s+(?:period|months|stretch|time\s+frame|timeframe)$", re.IGNORECASE)
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
    unit_stated: bool = False  # a noun, sign or rate written with the figure
    rate: bool = False  # "31.2 per 100,000 people": its own unit, never a count


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
        sentence_spans = split_sentences(text)
        governing = GoverningPeriods(article, times, sources, sentence_spans)
        for sentence_start, sentence_end in sentence_spans:
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
            context = governing.at(sentence_start)
            claims.extend(self._finish(article, sentence_start, sentence, folded_sentence, drafts, period_mentions, source, context, seen_ids))
        return _headline_restates_body(claims, governing.headline_end())

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
            rate = False
            if not number.percent:
                unit, unit_how, noun_end, rate = self._rate(folded, number, unit, unit_how, noun_end)
            if not_a_claim(sentence, number, unit is not None):
                continue
            if unit is None and not number.currency and not number.percent:
                before = noun_before(self.vocabulary.unit_aliases, folded, drafts[-1].end - s_start if drafts else 0, number.start)
                if before is not None:
                    unit, unit_how = before[0], f"'{sentence[before[1]:before[2]]}' before the number -> {before[0]}"
            draft = _Draft(number, start, s_start + noun_end, unit, unit_how, noun_after(sentence, number.end), unit_stated=unit is not None, rate=rate)
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

    def _rate(self, folded: str, number: NumberMention, unit: str | None, how: str, noun_end: int) -> tuple[str | None, str, int, bool]:
        """A rate ("per 100,000 people", "a rate of 31.2") is its own unit, never a count."""
        per = rate_after(folded, noun_end)
        if per is not None:
            name = rate_unit(unit, per[0])
            return name, f"'{folded[noun_end:per[1]].strip()}': a rate -> {name}", per[1], True
        if rate_before(folded, number.start):
            name = rate_unit(unit, None)
            return name, f"'rate' before the number: a rate -> {name}", noun_end, True
        return unit, how, noun_end, False

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
        context: Governing | None,
        seen_ids: dict[str, int],
    ) -> list[Claim]:
        vocabulary = self.vocabulary
        topics = vocabulary.topics.find(folded)
        actions = vocabulary.actions.find(folded)
        scopes = ScopeFinder(vocabulary, folded)
        breaks = ClauseBreaks(sentence)  # found once: every figure measures its phrases against them
        flat = " ".join(sentence.split())  # as claims show it, made once per sentence, not per figure
        claims: list[Claim] = []
        figures = [(d.number.start, d.number.end, max(d.end - s_start, d.number.end)) for d in drafts]
        phrases = own_phrases(sentence, figures, topics + actions)
        mention_spans = [(m.start, m.end) for m in period_mentions]
        metrics = attach_metrics(
            vocabulary, topics, actions, sentence, figures, phrases,
            [d.noun for d in drafts],
            [bool(d.number.percent) or d.unit in ("percent", "percentage_point") for d in drafts],
        )
        for index, draft in enumerate(drafts):
            number = draft.number
            how: list[tuple[str, str]] = []
            links: list[tuple[str, str]] = []
            unit, unit_how = draft.unit, draft.unit_how
            unit_decision = Decision("stated") if draft.unit_stated else UNKNOWN
            previous = claims[-1] if claims else None
            between = sentence[drafts[index - 1].end - s_start : number.start] if index else ""
            if previous is not None and _PART_OF.search(between):
                links.append(("part_of", previous.id))
            metric_decision = metrics[index]
            metric, matched = metric_decision.metric, metric_decision.matched
            carry = unit is None and previous is not None and previous.unit is not None and previous.kind in ("count", "money") and not number.percent
            implied = implied_unit(vocabulary, topics, metric, matched, folded, number.end) if unit is None and not number.percent else None
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
            measured = kind in ("change", "share", "ratio", "rate")
            if draft.range_high is not None:
                low, high = float(number.value), float(draft.range_high.value)
                hard, soft, value_how = Interval(min(low, high), max(low, high)), None, "'between X and Y': both ends included"
                qualifier, q_start = None, _between_start(sentence, number.start)
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
            tiers[-1] = [m for m in tiers[-1] if not _is_comparison_base(sentence, m)]
            period, period_how, claim_source, period_decision = self._period(
                sentence, breaks, number.start, draft.end - s_start, kind, period_mentions, tiers, anchor, anchor_how, source, context
            )
            if period_decision.basis != "stated" and index:
                # Not from its own sentence: the figure before it in the sentence may say more.
                period, period_how, period_decision = _period_from_neighbour(
                    phrases[index].joined, claims[-1], kind, period, period_how, period_decision
                )
            how.append(("period", period_how))
            base_period = _base_period(sentence, number.end, kind, period, period_mentions, anchor)
            how.append(("metric", metric_decision.how))
            next_start = drafts[index + 1].number.start if index + 1 < len(drafts) else None
            scope, scope_decision, scope_how = decide_scope(vocabulary, scopes.stated(number.start, draft.end - s_start, next_start), article)
            how.append(("scope", scope_how))
            if claim_source is not None:
                how.append(("source", source[1]))

            start = s_start + q_start
            end = max(draft.end, draft.start + (number.end - number.start))
            claim_text = article.text[start:end]
            line, column = article.line_col(start)
            claim = Claim(
                id=_claim_id(article.id, flat, claim_text, seen_ids),
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
        claims = _link_changes(sentence, s_start, claims)
        # A change whose period came from the level it leads to: its base follows from that period.
        return [
            replace(c, base_period=_base_period(sentence, c.end - s_start, c.kind, c.period, period_mentions, anchor))
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
        breaks: ClauseBreaks,
        start: int,
        end: int,
        kind: str,
        mentions: list[TimeMention],
        tiers: list[list[TimeMention]],
        anchor: date | None,
        anchor_how: str,
        source: tuple[SourceMention | None, str, bool],
        context: Governing | None,
    ) -> tuple[Period | None, str, SourceMention | None, Decision]:
        """The claim's period, how and on what basis it was decided, and the source it is attributed to.

        Its own sentence first; then the period that governs the sentence (an earlier sentence of
        the paragraph, the section heading, the listing item, the lede, the headline: see
        ``governing``). A source named in an earlier sentence is attributed only to claims that
        state no period of their own: a claim with its own period may be about something else.
        """
        mention_source, _, in_sentence = source
        best: TimeMention | None = None
        for tier in tiers:
            if kind == "ratio":
                # "five times as many as during the outbreak in 2003": a later period is the comparison's.
                tier = [m for m in tier if m.end <= start]
            elif kind == "change":
                # "up 53.9 percent from the previous year": the base of the comparison, not the period.
                tier = [m for m in tier if m.start < end or not _is_comparison_base(sentence, m)]
            # Measured from the number and its unit noun: "from 72,000 people in 2022 to 90,000 people in 2023".
            found = nearest([(m.start, m.end, str(i)) for i, m in enumerate(tier)], start, end, sentence, breaks)
            if found is not None:
                best = tier[int(found[2])]
                break
        attributed = mention_source if in_sentence else None
        if best is not None:
            mention = best
            if RELATIVE_TO_REFERENCE.match(mention.text):
                relative = self._relative_to_reference(mention, mentions, anchor, context)
                if relative is not None:
                    return relative[0], relative[1], attributed, Decision("stated", " ".join(mention.text.split()))
            period, how = resolve_period(mention, anchor)
            if anchor is not None and resolve_period(mention, None)[0] is None:  # a relative period
                how += f" (anchor: {anchor_how})"
            return period, how, attributed, Decision("stated", " ".join(mention.text.split())) if period is not None else UNKNOWN
        if in_sentence and mention_source is not None:
            period, how = mention_source.period()
            if period is not None:
                return period, f"no period in the sentence; inherited from its source: {how}", mention_source, Decision("carried", FROM_SOURCE)
        if context is not None:
            stated = context.statement
            how = f"no period in the sentence; carried from {context.place}: {stated.how}"
            if context.guessed:
                how += " (a headline is the weakest statement: only a guess)"
            basis = "guessed" if context.guessed else "carried"
            # A cited source's period is the source's, wherever it was cited: report_period reads it so.
            origin = FROM_SOURCE if stated.source is not None else context.origin
            return stated.period, how, stated.source or attributed, Decision(basis, origin)
        if mention_source is not None:
            _, how = mention_source.period()
            return None, f"no period in the sentence; its source: {how}", mention_source, UNKNOWN
        return None, "no period stated in the sentence or the text before it, and no source with a known period", None, UNKNOWN

    @staticmethod
    def _relative_to_reference(
        mention: TimeMention, mentions: list[TimeMention], anchor: date | None, context: Governing | None
    ) -> tuple[Period, str] | None:
        """ "8,400 in 2022, up from 7,100 the year before": the year before the figure compared (2021),
        not before the publication date. The reference is the sentence's last period before the
        mention, else the period that governs the sentence; without either, the publication date."""
        reference: Period | None = None
        said = ""
        for other in mentions:
            if other.start >= mention.start:
                break
            if RELATIVE_TO_REFERENCE.match(other.text):
                continue
            period, _ = resolve_period(other, anchor)
            if period is not None:
                reference, said = period, f"'{other.text}' earlier in the sentence"
        if reference is None and context is not None and not context.guessed:
            reference, said = context.statement.period, f"the period carried from {context.place}"
        if reference is None:
            return None
        year = _YEAR_IN.search(mention.text)
        if year:
            years = int(year.group(0)) - reference.end.year
        else:
            years = 0 if _SAME_STRETCH.search(mention.text) else -1
        shifted = shifted_years(reference, years)
        if shifted is None:
            return None
        if years == 0:
            when = "the same stretch as"
        elif years == -1:
            when = "a year before"
        else:
            when = f"the same stretch {abs(years)} year(s) {'before' if years < 0 else 'after'}"
        return shifted, f"'{mention.text}' = {shifted}: {when} {reference}, {said} (relative to the figure it is compared with)"

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


def _claim_id(article_id: str, flat_sentence: str, text: str, seen: dict[str, int]) -> str:
    """Stable while the sentence stands: moving a paragraph keeps it, editing the sentence changes it."""
    base = flat_sentence + "\0" + text
    occurrence = seen.get(base, 0)
    seen[base] = occurrence + 1
    digest = hashlib.sha1(f"{base}\0{occurrence}".encode()).hexdigest()[:10]
    return f"{article_id}:{digest}"


def _headline_restates_body(claims: list[Claim], headline_end: int) -> list[Claim]:
    """A headline figure that the body states again takes the body's period: the headline is the
    weakest source ("1.5 million people in 2023" over the body's "from January to November 2023").

    The body's figure is the first one it may restate (``_restates``).
    """
    if headline_end <= 0:
        return claims
    body = [c for c in claims if c.start >= headline_end]
    result: list[Claim] = []
    for claim in claims:
        if claim.start < headline_end:
            match = next((b for b in body if _restates(claim, b)), None)
            if match is not None and match.period is not None and match.period != claim.period and match.identity.period.certain:
                how = tuple(
                    (k, f"the headline restates '{match.text}' of the body, whose period governs: {dict(match.how).get('period', '')}" if k == "period" else v)
                    for k, v in claim.how
                )
                identity = claim.identity._replace(period=Decision("carried", "the body"))
                claim = replace(claim, period=match.period, how=how, identity=identity)
        result.append(claim)
    return result


def _restates(headline: Claim, body: Claim) -> bool:
    """Whether a body figure may be the one a headline figure restates: the same kind, an
    overlapping value, the same unit unless the headline has none, the same metric unless either
    is unmatched (a headline's words are short: "Knife crime tops 50,000")."""
    if headline.kind != body.kind or not body.value.overlaps(headline.value):
        return False
    if headline.unit is not None and headline.unit != body.unit:
        return False
    return headline.metric == body.metric or not (headline.metric_matched and body.metric_matched)


_LIST_ORIGIN = "the figure before it in the list"


def _period_from_neighbour(
    joined: str, previous: Claim, kind: str, period: Period | None, how: str, decision: Decision
) -> tuple[Period | None, str, Decision]:
    """A figure whose sentence gives it no period of its own, after another figure.

    In a list ("31,000 people were prosecuted for it in 2022 alone, and 129,000 for ...") it shares
    the stated period of the item before it. The base of a comparison ("4,060, a fall of 6% from
    4,320") is for another period than the figure compared, which the sentence does not name: the
    period carried from context would be the compared figure's, so it stays unknown.
    """
    shared = previous.identity.period.basis == "stated" or previous.identity.period.origin == _LIST_ORIGIN
    if joined in ("list", "part") and shared and previous.period is not None:
        words = f"the period of '{previous.text}', the item before it in the sentence"
        return previous.period, f"no period of its own; {words}", Decision("carried", _LIST_ORIGIN)
    if joined == "base" and kind != "change" and previous.period is not None:
        return None, f"the base of a comparison with '{previous.text}', with no period of its own: not the compared figure's period", UNKNOWN
    return period, how, decision


def _base_period(
    sentence: str, number_end: int, kind: str, period: Period | None, mentions: list[TimeMention], anchor: date | None
) -> Period | None:
    """For a change, the period of the level it is measured from: a stated base ("up 12 % from
    2022"), else the same stretch a year earlier when the change is year on year."""
    if kind != "change":
        return None
    for mention in mentions:
        if mention.start >= number_end and _is_comparison_base(sentence, mention):
            if RELATIVE_TO_REFERENCE.match(mention.text) or mention.text.lower() in ("last year", "a year ago"):
                return shifted_years(period, -1) if period is not None else None
            base, _ = resolve_period(mention, anchor)
            if base is not None:
                return base
    if period is not None and _YEAR_ON_YEAR.match(sentence, number_end):
        return shifted_years(period, -1)
    return None


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
    identity = change.identity._replace(period=period_decision) if period != change.period else change.identity
    updated = replace(change, links=tuple(links), period=period, how=how, identity=identity)
    return [updated if c is change else c for c in claims]
